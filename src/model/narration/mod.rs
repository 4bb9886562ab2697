//! Narration: one plain-language line per controller step a student should
//! notice, written when the model applies the change that shows it. The
//! pods' steps are `pods`; the StatefulSet's, claims', volumes' and Events' here.

use super::controller::phrases;
use super::history::{History, Level};
use super::index::Index;
use super::key::{Key, Millis};
use super::object::{
    ClaimPhase, ControllerRevision, Event as KubeEvent, PersistentVolume, PersistentVolumeClaim,
    ReclaimPolicy, StatefulSet, VolumePhase,
};
use super::pod;
use super::pod::Phase;
use super::store::Store;
use super::sts;
use crate::t;

mod pods;
mod retention;
#[cfg(test)]
mod tests;

pub(super) use pods::{pod_past, pod_step};
use retention::{list, when_deleted};

fn statefulset_deleted(name: &str, sts: &StatefulSet) -> String {
    let has_claims = !sts.spec.volume_claim_templates.is_empty();
    t!(
        "narration-sts-deleted",
        name = name,
        retention = when_deleted(sts, has_claims)
    )
}

pub(super) fn statefulset_changed(
    history: &mut History,
    store: &Store,
    at: Millis,
    old: Option<&StatefulSet>,
    new: Option<&StatefulSet>,
) {
    let Some(any) = new.or(old) else { return };
    let key = Key::new(&any.metadata.namespace, &any.metadata.name);
    let name = &key.name;
    let mut say = |text: String| history.narrate(at, Level::Info, Some(key.clone()), text);
    match (old, new) {
        (None, Some(sts)) => {
            let policy = if sts::is_parallel(sts) {
                "Parallel"
            } else {
                "OrderedReady"
            };
            say(t!(
                "narration-sts-created",
                name = name,
                replicas = sts::desired_replicas(sts),
                policy = policy
            ));
        }
        // Said once: when its deletion began, or when it was gone at once.
        (Some(old), None) if old.metadata.deletion_timestamp.is_none() => {
            say(statefulset_deleted(name, old))
        }
        (Some(_), None) => {}
        (Some(old), Some(new)) => {
            if new.metadata.deletion_timestamp.is_some()
                && old.metadata.deletion_timestamp.is_none()
            {
                say(statefulset_deleted(name, new));
            }
            let (from, to) = (sts::desired_replicas(old), sts::desired_replicas(new));
            let (old_range, new_range) = (sts::replica_range(old), sts::replica_range(new));
            if from != to && old_range.start == new_range.start {
                let first = format!("{name}-{}", old_range.end);
                let last = format!("{name}-{}", old_range.end.saturating_sub(1));
                let parallel = sts::is_parallel(new);
                say(match (to > from, parallel) {
                    (true, true) => t!(
                        "narration-scale-up-parallel",
                        name = name,
                        from = from,
                        to = to
                    ),
                    (true, false) => t!(
                        "narration-scale-up-ordered",
                        name = name,
                        from = from,
                        to = to,
                        first = first
                    ),
                    (false, true) => {
                        t!(
                            "narration-scale-down-parallel",
                            name = name,
                            from = from,
                            to = to
                        )
                    }
                    (false, false) => t!(
                        "narration-scale-down-ordered",
                        name = name,
                        from = from,
                        to = to,
                        last = last
                    ),
                });
            } else if old_range != new_range {
                let last = new_range.end.saturating_sub(1);
                let pods = match new_range.len() {
                    0 => t!("narration-range-no-pods"),
                    1 => format!("{name}-{}", new_range.start),
                    _ => format!("{name}-{} … {name}-{last}", new_range.start),
                };
                say(t!(
                    "narration-range",
                    name = name,
                    start_from = old_range.start,
                    start_to = new_range.start,
                    from = from,
                    to = to,
                    pods = pods
                ));
            }
            let (old_min, new_min) = (sts::min_ready(old), sts::min_ready(new));
            if old_min != new_min {
                say(t!(
                    "narration-min-ready",
                    name = name,
                    from = old_min / 1000,
                    to = new_min / 1000
                ));
            }
            let old_rev = old.status.update_revision.clone();
            let new_rev = new.status.update_revision.clone();
            let current = new.status.current_revision.clone();
            if let (Some(old_rev), Some(new_rev)) = (old_rev, &new_rev)
                && &old_rev != new_rev
                && current.as_ref() != Some(new_rev)
            {
                let rollback = sts::is_rollback(store, &key);
                say(template_changed(name, new_rev, new, rollback));
            }
            let (oc, ou) = (&old.status.current_revision, &old.status.update_revision);
            let (nc, nu) = (&new.status.current_revision, &new.status.update_revision);
            if oc != ou && nc == nu && nu.is_some() {
                say(t!(
                    "narration-rollout-complete",
                    name = name,
                    revision = nu.as_deref().unwrap_or_default()
                ));
            }
        }
        (None, None) => {}
    }
}

pub(super) fn claim_changed(
    history: &mut History,
    store: &Store,
    index: &Index,
    at: Millis,
    old: Option<&PersistentVolumeClaim>,
    new: Option<&PersistentVolumeClaim>,
) {
    let Some(any) = new.or(old) else { return };
    let name = &any.metadata.name;
    let namespace = &any.metadata.namespace;
    let sts = sts::claim_statefulset(store, namespace, name);
    let phase = |c: Option<&PersistentVolumeClaim>| c.and_then(|c| c.status.phase.clone());
    let mut lines = Vec::new();
    match (old, new) {
        (None, Some(claim)) => {
            let class = match claim.spec.storage_class_name.as_deref() {
                Some(class) => class.to_string(),
                None => t!("narration-default-class"),
            };
            lines.push(if sts.is_some() {
                t!(
                    "narration-claim-created-from-template",
                    name = name,
                    class = class
                )
            } else {
                t!("narration-claim-created", name = name, class = class)
            });
        }
        (Some(_), None) => lines.push(t!("narration-claim-deleted", name = name)),
        _ => {}
    }
    if let Some(claim) = new {
        let bound = Some(ClaimPhase::Bound);
        if phase(new) == bound && phase(old) != bound {
            let volume = claim.spec.volume_name.clone().unwrap_or_default();
            lines.push(match store.volumes.get(&Key::new("", &volume)) {
                Some(pv) if pv.provisioner().is_some() => t!(
                    "narration-claim-bound-provisioned",
                    name = name,
                    volume = volume,
                    provisioner = pv.provisioner().unwrap_or_default()
                ),
                Some(_) => t!("narration-claim-bound-static", name = name, volume = volume),
                None => t!("narration-claim-bound", name = name, volume = volume),
            });
        }
        let lost = Some(ClaimPhase::Lost);
        if phase(new) == lost && phase(old) != lost {
            lines.push(t!("narration-claim-lost", name = name));
        }
        let terminating = |c: Option<&PersistentVolumeClaim>| {
            c.is_some_and(|c| c.metadata.deletion_timestamp.is_some())
        };
        if terminating(new) && !terminating(old) {
            // pvc-protection holds a claim while a pod on a node uses it (a
            // pod not scheduled yet, or one that ended, does not).
            let users: Vec<String> = index
                .users_of(&Key::new(namespace, name))
                .filter(|u| {
                    store
                        .pods
                        .get(&Key::new(namespace, u.as_str()))
                        .is_some_and(|p| {
                            pod::node(p).is_some()
                                && !matches!(
                                    pod::phase_of_status(p),
                                    Phase::Failed | Phase::Succeeded
                                )
                        })
                })
                .map(|u| u.to_string())
                .collect();
            // Finalizers other than pvc-protection keep it whoever uses it.
            let others: Vec<crate::model::text::Text> = claim
                .metadata
                .finalizers
                .iter()
                .filter(|f| f.as_str() != "kubernetes.io/pvc-protection")
                .cloned()
                .collect();
            lines.push(if !others.is_empty() {
                t!(
                    "narration-claim-terminating-held",
                    name = name,
                    held = phrases::held_by_finalizers("", &others)
                )
            } else if users.is_empty() {
                t!("narration-claim-terminating", name = name)
            } else {
                t!(
                    "narration-claim-terminating-in-use",
                    name = name,
                    pods = list(&users)
                )
            });
        }
    }
    for text in lines {
        history.narrate(at, Level::Info, sts.clone(), text);
    }
}

pub(super) fn volume_changed(
    history: &mut History,
    store: &Store,
    at: Millis,
    old: Option<&PersistentVolume>,
    new: Option<&PersistentVolume>,
) {
    let Some(any) = new.or(old) else { return };
    let name = &any.metadata.name;
    let phase = |v: Option<&PersistentVolume>| v.and_then(|v| v.status.phase.clone());
    let policy = any
        .spec
        .persistent_volume_reclaim_policy
        .clone()
        .unwrap_or(ReclaimPolicy::Retain);
    let claim = any.spec.claim_ref.as_ref();
    let sts = claim.and_then(|c| {
        sts::claim_statefulset(
            store,
            c.namespace.as_deref().unwrap_or_default(),
            c.name.as_deref().unwrap_or_default(),
        )
    });
    let policy = policy.to_string();
    let claim_name = claim.and_then(|c| c.name.as_deref());
    let text = match (old, new) {
        // Named with the claim it was bound to: its own name (pvc-<uid>) says
        // nothing of whose data went.
        (Some(_), None) => Some(match claim_name {
            Some(c) => t!(
                "narration-volume-of-claim-deleted",
                name = name,
                claim = c,
                policy = policy
            ),
            None => t!("narration-volume-deleted", name = name, policy = policy),
        }),
        (_, Some(_)) if phase(new) != phase(old) => match phase(new) {
            Some(VolumePhase::Released) => Some(match claim_name {
                Some(c) => t!(
                    "narration-volume-of-claim-released",
                    name = name,
                    claim = c,
                    policy = policy
                ),
                None => t!("narration-volume-released", name = name, policy = policy),
            }),
            Some(VolumePhase::Failed) => {
                Some(t!("narration-volume-failed", name = name, policy = policy))
            }
            _ => None,
        },
        _ => None,
    };
    if let Some(text) = text {
        history.narrate(at, Level::Info, sts, text);
    }
}

/// Warnings from Events say why something is Pending or missing.
pub(super) fn kube_event(history: &mut History, store: &Store, at: Millis, event: &KubeEvent) {
    if !event.is_warning() {
        return;
    }
    let object = &event.involved_object;
    let name = object.name.clone().unwrap_or_default();
    let namespace = object.namespace.clone().unwrap_or_default();
    let sts = match object.kind.as_deref() {
        Some("StatefulSet") => Some(Key::new(
            namespace.clone(),
            object.name.clone().unwrap_or_default(),
        )),
        Some("Pod") => store
            .pods
            .get(&Key::new(
                namespace.clone(),
                object.name.clone().unwrap_or_default(),
            ))
            .and_then(|p| pod::owner_statefulset(p).map(|s| Key::new(namespace.clone(), s))),
        Some("PersistentVolumeClaim") => sts::claim_statefulset(
            store,
            &namespace,
            object.name.as_deref().unwrap_or_default(),
        ),
        _ => None,
    };
    let reason = event.reason.as_deref().unwrap_or("Warning");
    let message = event.message.as_deref().unwrap_or_default();
    if object.kind.as_deref() == Some("Pod") && reason == "FailedScheduling" {
        let pod = store.pods.get(&Key::new(namespace.clone(), name.clone()));
        // Over already (its Event came late): the scheduled line says it waited.
        if pod.is_some_and(|p| p.spec.node_name.is_some()) {
            return;
        }
        // The Event may come before its pod (two watches): a StatefulSet's
        // pod by its name, so the warning is not lost (the scheduler says
        // it again only after its back-off, up to minutes later).
        let sts = match pod {
            Some(_) => sts,
            None => match statefulset_by_pod_name(store, &namespace, &name) {
                Some(sts) => Some(sts),
                // Of no StatefulSet known here: nothing to say it of.
                None => return,
            },
        };
        let text = format!("{name}: {reason}: {message}");
        return history.narrate_unscheduled(at, sts, &name, text);
    }
    history.narrate(
        at,
        Level::Warning,
        sts,
        format!("{name}: {reason}: {message}"),
    );
}

/// The StatefulSet of `namespace` whose pod `pod` would be by its name
/// (`web-3` of `web`).
fn statefulset_by_pod_name(store: &Store, namespace: &str, pod: &str) -> Option<Key> {
    crate::model::store::in_namespace(&store.statefulsets, namespace)
        .map(|(key, _)| key)
        .find(|key| {
            pod.strip_prefix(key.name.as_str())
                .and_then(|rest| rest.strip_prefix('-'))
                .is_some_and(|o| !o.is_empty() && o.bytes().all(|b| b.is_ascii_digit()))
        })
        .cloned()
}

/// The same words whichever watch shows the new revision first (the
/// ControllerRevision or the StatefulSet's status), so they are said once.
fn template_changed(sts_name: &str, revision: &str, sts: &StatefulSet, rollback: bool) -> String {
    let partition = sts::partition(sts);
    let scope = if sts::is_on_delete(sts) {
        t!("narration-scope-on-delete")
    } else if partition > 0 {
        let low = sts::partition_ordinal(sts);
        t!(
            "narration-scope-partition",
            low = low,
            partition = partition
        )
    } else if let Some(n) = sts::max_unavailable(sts).filter(|n| *n > 1) {
        t!("narration-scope-max-unavailable", n = n)
    } else {
        t!("narration-scope-one-by-one")
    };
    if rollback {
        t!(
            "narration-template-rolled-back",
            name = sts_name,
            revision = revision,
            scope = scope
        )
    } else {
        t!(
            "narration-template-changed",
            name = sts_name,
            revision = revision,
            scope = scope
        )
    }
}

/// A new ControllerRevision of a StatefulSet that already had one: its
/// template changed, and a rolling update begins.
pub(super) fn revision_created(
    history: &mut History,
    store: &Store,
    at: Millis,
    revision: &ControllerRevision,
) {
    let Some(owner) = revision.metadata.controller("StatefulSet") else {
        return;
    };
    let key = Key::new(&revision.metadata.namespace, &owner.name);
    let others = store
        .revisions
        .iter()
        .filter(|(k, cr)| {
            k.namespace == key.namespace
                && k.name != revision.metadata.name
                && cr
                    .metadata
                    .owner_references
                    .iter()
                    .any(|o| o.name == key.name && o.kind == "StatefulSet")
        })
        .count();
    let Some(sts) = store.statefulsets.get(&key) else {
        return;
    };
    if others == 0 {
        return;
    }
    let text = template_changed(&key.name, &revision.metadata.name, sts, false);
    history.narrate(at, Level::Info, Some(key), text);
}
