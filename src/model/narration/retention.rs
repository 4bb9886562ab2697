//! What persistentVolumeClaimRetentionPolicy does to a StatefulSet's
//! claims, as the narration says it when the StatefulSet or a pod goes.

use crate::model::object::{RetentionRule, StatefulSet};
use crate::model::sts;

/// What persistentVolumeClaimRetentionPolicy.whenDeleted does to the claims
/// named by `claims` ("its claims are"), as "; …" to append.
pub(super) fn on_delete(sts: &StatefulSet, claims: &str) -> String {
    if sts::retention(sts).when_deleted == RetentionRule::Delete {
        format!("; {claims} deleted too (persistentVolumeClaimRetentionPolicy.whenDeleted: Delete)")
    } else {
        format!("; {claims} kept (persistentVolumeClaimRetentionPolicy.whenDeleted: Retain)")
    }
}
