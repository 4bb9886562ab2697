//! Why a pod is held up, from the Warning Events that still apply to it or
//! to its claims (FailedScheduling, ProvisioningFailed, Unhealthy…).

use crate::model::Model;
use crate::model::key::{Key, Millis};
use crate::model::object::{ClaimPhase, EventReason, Meta, PersistentVolumeClaim, Pod, TargetRef};
use crate::model::pod;
use crate::model::store::in_namespace;

/// The newest Warning Event that still applies to the pod at `ordinal` of
/// StatefulSet `key` or to one of its claims, as "Reason: message".
pub(super) fn holdup(model: &Model, key: &Key, ordinal: u32, p: &Pod) -> Option<String> {
    let since = last_progress(model, key, ordinal, p);
    let scheduled = pod::node(p).is_some();
    let claims: Vec<&PersistentVolumeClaim> = pod::claims(p)
        .filter_map(|c| model.store.claims.get(&Key::new(&key.namespace, c)))
        .collect();
    // About this very object: an Event naming a UID may be about an earlier one.
    let about = |o: &TargetRef, meta: &Meta| {
        o.name.as_ref() == Some(&meta.name) && o.uid.as_ref().is_none_or(|u| *u == meta.uid)
    };
    in_namespace(&model.store.events, &key.namespace)
        .map(|(_, e)| e)
        .filter(|e| e.is_warning())
        .filter(|e| {
            let o = &e.involved_object;
            match o.kind.as_deref() {
                // Older than the pod's last step it no longer applies; and a
                // scheduled pod's FailedScheduling is past whatever the clocks say.
                Some("Pod") => {
                    about(o, &p.metadata)
                        && e.time() >= since
                        && !(scheduled && e.reason == Some(EventReason::FailedScheduling))
                }
                // A claim's warnings (e.g. ProvisioningFailed) apply until it is bound.
                Some("PersistentVolumeClaim") => claims
                    .iter()
                    .any(|c| about(o, &c.metadata) && c.status.phase != Some(ClaimPhase::Bound)),
                _ => false,
            }
        })
        .max_by_key(|e| e.time())
        .map(|e| e.reason_and_message())
}

/// When the pod entered its current phase: when stsdash saw that step, else
/// (found by a list, or still in its first phase) the newest of its
/// creationTimestamp and its conditions' lastTransitionTime. Compared with
/// Event times, so it assumes the cluster's clock agrees with this machine's.
fn last_progress(model: &Model, key: &Key, ordinal: u32, p: &Pod) -> Millis {
    let seen = model
        .history
        .incarnation(key, ordinal)
        .filter(|i| p.metadata.uid == i.uid)
        .and_then(|i| i.segments.back().filter(|s| s.from > i.first_seen))
        .map(|s| s.from);
    seen.unwrap_or_else(|| {
        let conditions = p
            .status
            .conditions
            .iter()
            .filter_map(|c| c.last_transition_time.as_ref());
        p.metadata
            .creation_timestamp
            .iter()
            .chain(conditions)
            .map(|t| t.0.as_millisecond())
            .max()
            .unwrap_or_default()
    })
}
