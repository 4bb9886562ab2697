//! What the StatefulSet controller (kube-controller-manager's
//! `pkg/controller/statefulset`) will do next for one StatefulSet, and what
//! it waits for, read from the model the way the controller reads the
//! cluster: the replica range [start, start + replicas), in-range pods in
//! ascending ordinal, the first unhealthy one holding OrderedReady back,
//! condemned pods highest first, then the rolling update from the highest
//! ordinal down to the partition. The waiting line, the dump's `waiting`
//! field and the timeline's marks all come from [`explain`]; the narration
//! uses the same rules (`words`), so they never disagree.
//!
//! It never predicts a step the controller has not been seen able to take:
//! while `status.observedGeneration` is behind the spec's generation the
//! controller has not read the change, and a step that nothing holds back
//! but that has not come for longer than the controller takes
//! ([`PATIENCE`]) is said to be overdue, with how long.

mod holdup;
pub(crate) mod phrases;
mod types;
mod walk;
mod words;

pub use types::{Blocking, PATIENCE, Reason, Waiting};

use super::Model;
use super::key::{Key, Millis};
use types::{Facts, Step};

/// What the controller does next for the StatefulSet `key`, and what it
/// waits for, at time `now` (the wall clock live, the newest event in a
/// replay). None: it is where its spec wants it.
pub fn explain(model: &Model, key: &Key, now: Millis) -> Option<Waiting> {
    let sts = model.statefulset(key)?;
    if !model.store.statefulsets.contains_key(key) {
        return Some(words::statefulset_gone(&key.name));
    }
    if sts.metadata.deletion_timestamp.is_some() {
        return Some(words::statefulset_deleting(&key.name, sts));
    }
    let now = now.max(model.now);
    // Only a connection that delivers can tell a controller at rest from one that does nothing.
    let live = model.is_synced();
    if let Some(generation) = sts.metadata.generation
        && sts
            .status
            .observed_generation
            .is_none_or(|o| o < generation)
    {
        let since = model.history.generation_seen(key).unwrap_or(now);
        return Some(words::not_observed(
            &key.name,
            generation,
            sts.status.observed_generation,
            since,
            now,
            live,
        ));
    }
    let facts = Facts::new(model, key, sts, now);
    let step = facts.next()?;
    in_words(&facts, step, live)
}

/// The step in words, with the controller's patience applied.
fn in_words(facts: &Facts, step: Step, live: bool) -> Option<Waiting> {
    let mut waiting = words::step(facts, &step)?;
    if step.is_immediate() {
        let activity = facts.model.history.activity(facts.key).unwrap_or(facts.now);
        let since = activity.max(facts.possible_since(&step));
        if let Some(failing) = facts.failing_since(since) {
            words::failing(&mut waiting, &failing);
        } else if live {
            words::overdue(facts, &step, &mut waiting, since);
        }
    }
    Some(waiting)
}
