//! Why the StatefulSet is not yet where it wants to be (the controller's
//! own rules, `model::controller`), and the narration about it.

use crate::model::Model;
use crate::model::controller::{self, Waiting};
use crate::model::history::Narration;
use crate::model::key::{Key, Millis};

/// Why the StatefulSet is not where it wants to be, as of the newest event.
pub fn waiting(model: &Model, key: &Key) -> Option<Waiting> {
    controller::explain(model, key, model.now)
}

/// Why the StatefulSet is not where it wants to be at `now` (a live view's
/// clock: countdowns and the controller's patience move with it).
pub fn waiting_at(model: &Model, key: &Key, now: Millis) -> Option<Waiting> {
    controller::explain(model, key, now)
}

/// The narration about one StatefulSet (and lines about no StatefulSet).
pub fn narration<'a>(model: &'a Model, key: &'a Key) -> impl Iterator<Item = &'a Narration> + 'a {
    model
        .history
        .narration
        .iter()
        .filter(move |n| n.statefulset.as_ref().is_none_or(|k| k == key))
}
