//! Why the StatefulSet is not yet where it wants to be, and the narration
//! about it.

use crate::model::event::{Key, Millis};
use crate::model::history::Narration;
use crate::model::object::{Meta, PersistentVolumeClaim, Pod, TargetRef};
use crate::model::pod;
use crate::model::sts::{desired_replicas, is_parallel};
use crate::model::{Model, in_namespace};

/// Why the StatefulSet is not where it wants to be, right now.
pub fn waiting(model: &Model, key: &Key) -> Option<String> {
    let sts = model.statefulset(key)?;
    let desired = desired_replicas(sts);
    // The pods that exist, from the index: (ordinal, name), by ordinal.
    let index = &model.index;
    let pod = |ordinal: u32| {
        index
            .pod_at(key, ordinal)
            .and_then(|n| model.store.pods.get(&Key::new(&key.namespace, n)))
    };
    let name = &key.name;
    if !model.store.statefulsets.contains_key(key) {
        return Some(format!(
            "StatefulSet {name} was deleted: nothing creates or replaces its pods any more"
        ));
    }
    // Being deleted: the controller creates and replaces nothing any more.
    if sts.metadata.deletion_timestamp.is_some() {
        return Some(format!(
            "StatefulSet {name} is being deleted: the garbage collector removes its pods"
        ));
    }
    let extra: Vec<String> = index
        .pods_of(key)
        .filter(|(o, _)| *o >= desired)
        .map(|(o, _)| format!("{name}-{o}"))
        .collect();
    if !extra.is_empty() && is_parallel(sts) {
        let together = if extra.len() > 1 { " together" } else { "" };
        return Some(format!(
            "scaling down to {desired}: Parallel stops {}{together}",
            extra.join(", ")
        ));
    }
    // Scale-down in progress: the highest extra ordinal goes first, one at a time.
    if let Some((highest, _)) = index
        .pods_of(key)
        .next_back()
        .filter(|(o, _)| *o >= desired)
    {
        return Some(format!(
            "scaling down to {desired}: {name}-{highest} goes first"
        ));
    }
    // The lowest ordinal below `desired` without a pod.
    let mut next = 0;
    for (ordinal, _) in index.pods_of(key) {
        if ordinal != next {
            break;
        }
        next += 1;
    }
    let missing = (next < desired).then_some(next);
    let Some(missing) = missing else {
        // Every pod exists: the lowest one not on a node yet waits for something.
        let ordinal = index.first_pending(key, desired)?;
        let p = pod(ordinal)?;
        return Some(format!(
            "{name}-{ordinal} is Pending, not on a node yet{}",
            because(holdup(model, key, ordinal, p))
        ));
    };
    if is_parallel(sts) {
        return Some(format!("{name}-{missing} not created yet (Parallel)"));
    }
    if missing == 0 {
        return Some(format!("{name}-0 not created yet"));
    }
    let previous = pod(missing - 1);
    match previous {
        Some(p) if pod::is_ready(p) => Some(format!(
            "{name}-{missing} about to be created: {name}-{} is Ready",
            missing - 1
        )),
        Some(p) => Some(format!(
            "{name}-{missing} not created yet: OrderedReady waits for {name}-{} to be Ready{}",
            missing - 1,
            because(holdup(model, key, missing - 1, p))
        )),
        None => Some(format!(
            "{name}-{missing} not created yet: {name}-{} does not exist",
            missing - 1
        )),
    }
}

fn because(reason: Option<String>) -> String {
    reason.map(|r| format!(" ({r})")).unwrap_or_default()
}

/// Why a pod of the StatefulSet is held up: the newest Warning Event that
/// still applies to it or to one of its claims, as "Reason: message".
fn holdup(model: &Model, key: &Key, ordinal: u32, p: &Pod) -> Option<String> {
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
                        && !(scheduled && e.reason.as_deref() == Some("FailedScheduling"))
                }
                // A claim's warnings (e.g. ProvisioningFailed) apply until it is bound.
                Some("PersistentVolumeClaim") => claims
                    .iter()
                    .any(|c| about(o, &c.metadata) && c.status.phase.as_deref() != Some("Bound")),
                _ => false,
            }
        })
        .max_by_key(|e| e.time())
        .map(|e| {
            format!(
                "{}: {}",
                e.reason.as_deref().unwrap_or_default(),
                e.message.as_deref().unwrap_or_default()
            )
        })
}

/// When the pod entered its current phase: when stsdash saw that step, else
/// (found by a list, or still in its first phase) the newest of its
/// creationTimestamp and its conditions' lastTransitionTime. Compared with
/// Event times, so it assumes the cluster's clock agrees with this machine's.
fn last_progress(model: &Model, key: &Key, ordinal: u32, p: &Pod) -> Millis {
    let seen = model
        .history
        .ordinals
        .get(key)
        .and_then(|o| o.get(&ordinal))
        .and_then(|l| l.current())
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

/// The narration about one StatefulSet (and lines about no StatefulSet).
pub fn narration<'a>(model: &'a Model, key: &'a Key) -> impl Iterator<Item = &'a Narration> + 'a {
    model
        .history
        .narration
        .iter()
        .filter(move |n| n.statefulset.as_ref().is_none_or(|k| k == key))
}
