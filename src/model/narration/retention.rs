//! What persistentVolumeClaimRetentionPolicy does to a StatefulSet's
//! claims, as the narration says it when the StatefulSet or a pod goes.

use crate::model::object::{RetentionRule, StatefulSet};
use crate::model::sts;

/// What persistentVolumeClaimRetentionPolicy.whenDeleted does to the
/// claims, as the messages select on it (`$retention`): "delete" or
/// "retain"; "none" when there is no claim to speak of.
pub(super) fn when_deleted(sts: &StatefulSet, has_claims: bool) -> &'static str {
    if !has_claims {
        "none"
    } else if sts::retention(sts).when_deleted == RetentionRule::Delete {
        "delete"
    } else {
        "retain"
    }
}

/// Names in a list, as the language joins them ("a, b"; "a、b").
pub(super) fn list(names: &[String]) -> String {
    names.join(&crate::t!("narration-list-separator"))
}
