//! Narration: one plain-language line per controller step a student should
//! notice, written when the model applies the change that shows it.

use super::event::{Key, Millis};
use super::history::{History, Incarnation, Level, MarkerKind, PodStep};
use super::index::Index;
use super::object::{
    ControllerRevision, Event as KubeEvent, PersistentVolume, PersistentVolumeClaim, StatefulSet,
};
use super::pod::Phase;
use super::sts;
use super::views;
use super::{Store, pod};

/// A pod found already there (by the first list): its past in words, from
/// the marks its reconstruction left, each line in its place in time.
pub(super) fn pod_past(history: &mut History, step: &PodStep) {
    let Some(inc) = history
        .ordinals
        .get(&step.sts)
        .and_then(|o| o.get(&step.ordinal))
        .and_then(|l| l.current())
    else {
        return;
    };
    let name = &inc.pod;
    let lines: Vec<(Millis, String)> = inc
        .markers
        .iter()
        .filter(|m| inc.reconstructed(m.at) && history.keeps_past(m.at))
        .filter_map(|m| {
            let text = match &m.kind {
                MarkerKind::Created => format!("{name} created"),
                MarkerKind::Scheduled { node } => format!("{name} scheduled on node {node}"),
                MarkerKind::Ready => format!("{name} is Ready"),
                MarkerKind::DeletionRequested { .. } => format!("{name} terminating"),
                _ => return None,
            };
            Some((m.at, text))
        })
        .collect();
    for (at, text) in lines {
        history.narrate_past(at, Level::Info, Some(step.sts.clone()), text);
    }
}

/// A pod of a StatefulSet moved: say why, in the StatefulSet's terms.
pub(super) fn pod_step(history: &History, store: &Store, step: &PodStep) -> Vec<String> {
    let PodStep {
        sts: sts_key,
        ordinal,
        before,
        after,
        is_new,
        recreated,
        steps,
    } = step;
    let (ordinal, before, after, is_new, steps) = (*ordinal, *before, *after, *is_new, *steps);
    let Some(inc) = history
        .ordinals
        .get(sts_key)
        .and_then(|o| o.get(&ordinal))
        .and_then(|l| l.current())
    else {
        return Vec::new();
    };
    let sts = store.statefulsets.get(sts_key);
    let name = &inc.pod;
    let sts_name = &sts_key.name;
    let parallel = sts.is_some_and(sts::is_parallel);
    let replicas = sts.map(sts::desired_replicas);
    let mut lines = Vec::new();
    let mut say = |text: String| lines.push(text);

    if is_new {
        let claims = sts
            .map(|s| sts::template_claims(s, &inc.pod))
            .unwrap_or_default();
        let keeps = if claims.is_empty() {
            String::new()
        } else {
            format!(" and its claim {}", claims.join(", "))
        };
        let text = if let Some(previous_revision) = &recreated {
            match (previous_revision, &inc.revision) {
                (Some(old), Some(new)) if old != new => format!(
                    "{name} recreated at revision {new} (rolling update): it keeps its name{keeps}"
                ),
                _ => format!("{name} recreated with a new UID: it keeps its name{keeps}"),
            }
        } else if parallel {
            format!(
                "{name} created: podManagementPolicy Parallel starts pods without waiting for each other"
            )
        } else if ordinal == 0 {
            format!("{name} created: ordinal 0 comes first")
        } else {
            format!(
                "{name} created: {sts_name}-{} is Ready, and OrderedReady starts one ordinal at a time",
                ordinal - 1
            )
        };
        say(text);
    }
    if steps.scheduled
        && let Some(node) = &inc.node
    {
        say(format!("{name} scheduled on node {node}"));
    }
    if steps.ip_assigned
        && let Some(ip) = &inc.ip
    {
        let was = inc.markers.iter().rev().find_map(|m| match &m.kind {
            super::history::MarkerKind::IpAssigned { previous, .. } => previous.clone(),
            _ => None,
        });
        say(match was {
            Some(old) => format!(
                "{name} got IP {ip} (its previous incarnation had {old}): pod IPs are not stable, names are"
            ),
            None => format!("{name} got IP {ip}"),
        });
    }
    if steps.became_ready {
        let next = ordinal + 1;
        let waiting_next = !parallel
            && replicas.is_some_and(|r| next < r)
            && !store.pods.contains_key(&Key::new(
                sts_key.namespace.clone(),
                format!("{}-{next}", sts_key.name),
            ));
        if waiting_next {
            say(format!(
                "{name} is Ready: the controller may now create {sts_name}-{next}"
            ));
        } else {
            say(format!("{name} is Ready"));
        }
    }
    if steps.deletion_requested {
        // A StatefulSet being deleted (cascading) does not recreate its pods.
        let deleted_sts = match sts {
            Some(s) => s.metadata.deletion_timestamp.is_some().then_some(s),
            None => history.deleted_statefulset(sts_key),
        };
        let text = if history.deleted_by_us(&inc.uid) {
            format!("{name} terminating: deleted from stsdash; the controller will recreate it")
        } else if let Some(s) = deleted_sts {
            let claims = sts::template_claims(s, &inc.pod);
            let claims = if claims.is_empty() {
                String::new()
            } else {
                on_delete(s, &format!("its claim {} is", claims.join(", ")))
            };
            format!(
                "{name} terminating: StatefulSet {sts_name} was deleted and the garbage collector removes its pods{claims}"
            )
        } else if let Some(r) = replicas.filter(|r| ordinal >= *r) {
            if parallel {
                format!(
                    "{name} terminating: replicas is {r}, and Parallel stops the extra pods together"
                )
            } else {
                format!(
                    "{name} terminating: replicas is {r}, and scale-down removes the highest ordinal first"
                )
            }
        } else if is_rollout(store, sts_key, inc) {
            format!(
                "{name} terminating to be replaced at the update revision (rolling update, highest ordinal first)"
            )
        } else {
            format!(
                "{name} terminating: it was deleted; the controller will recreate it with the same name"
            )
        };
        say(text);
    }
    if after == Phase::Gone && before != Phase::Gone {
        let scaled_away = replicas.is_none_or(|r| ordinal >= r);
        let claims = sts
            .map(|s| sts::template_claims(s, &inc.pod))
            .unwrap_or_default();
        let text = match (scaled_away, sts) {
            (true, Some(s)) if !claims.is_empty() => {
                let policy = sts::retention(s);
                if policy.when_scaled == "Delete" {
                    format!(
                        "{name} gone; its claim {} is deleted too (persistentVolumeClaimRetentionPolicy.whenScaled: Delete)",
                        claims.join(", ")
                    )
                } else {
                    format!(
                        "{name} gone; its claim {} is kept (persistentVolumeClaimRetentionPolicy.whenScaled: Retain) and will be reused if it scales up again",
                        claims.join(", ")
                    )
                }
            }
            _ => format!("{name} gone"),
        };
        say(text);
    }
    lines
}

/// What persistentVolumeClaimRetentionPolicy.whenDeleted does to the claims
/// named by `claims` ("its claims are"), as "; …" to append.
fn on_delete(sts: &StatefulSet, claims: &str) -> String {
    if sts::retention(sts).when_deleted == "Delete" {
        format!("; {claims} deleted too (persistentVolumeClaimRetentionPolicy.whenDeleted: Delete)")
    } else {
        format!("; {claims} kept (persistentVolumeClaimRetentionPolicy.whenDeleted: Retain)")
    }
}

fn statefulset_deleted(name: &str, sts: &StatefulSet) -> String {
    let has_claims = !sts.spec.volume_claim_templates.is_empty();
    let claims = if has_claims {
        on_delete(sts, "its claims are")
    } else {
        String::new()
    };
    format!("StatefulSet {name} deleted: the garbage collector removes its pods{claims}")
}

/// Whether this incarnation runs an older revision than the StatefulSet's newest.
fn is_rollout(store: &Store, sts_key: &Key, inc: &Incarnation) -> bool {
    match (sts::latest_revision(store, sts_key), &inc.revision) {
        (Some(latest), Some(own)) => latest != own.as_str(),
        _ => false,
    }
}

pub(super) fn statefulset_changed(
    history: &mut History,
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
            say(format!(
                "StatefulSet {name} created: {} replicas, podManagementPolicy {policy}",
                sts::desired_replicas(sts)
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
            if from != to {
                let how = if to > from {
                    if sts::is_parallel(new) {
                        "the new pods start together (Parallel)".to_string()
                    } else {
                        format!(
                            "OrderedReady creates {name}-{from} first, then each next ordinal once the previous is Ready"
                        )
                    }
                } else if sts::is_parallel(new) {
                    "the extra pods stop together (Parallel)".to_string()
                } else {
                    format!(
                        "the highest ordinal ({name}-{}) goes first, one at a time",
                        from - 1
                    )
                };
                say(format!("{name}: replicas {from} → {to}; {how}"));
            }
            let old_rev = old.status.update_revision.clone();
            let new_rev = new.status.update_revision.clone();
            let current = new.status.current_revision.clone();
            if let (Some(old_rev), Some(new_rev)) = (old_rev, &new_rev)
                && &old_rev != new_rev
                && current.as_ref() != Some(new_rev)
            {
                say(template_changed(name, new_rev, sts::partition(new)));
            }
            let (oc, ou) = (&old.status.current_revision, &old.status.update_revision);
            let (nc, nu) = (&new.status.current_revision, &new.status.update_revision);
            if oc != ou && nc == nu && nu.is_some() {
                say(format!(
                    "{name}: rolling update complete, every pod runs revision {}",
                    nu.as_deref().unwrap_or_default()
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
            let class = claim.spec.storage_class_name.clone();
            let from = if sts.is_some() {
                " from the StatefulSet's volumeClaimTemplate"
            } else {
                ""
            };
            lines.push(format!(
                "claim {name} created{from} (class {})",
                class.as_deref().unwrap_or("default")
            ));
        }
        (Some(_), None) => lines.push(format!("claim {name} deleted")),
        _ => {}
    }
    if let Some(claim) = new {
        if phase(new).as_deref() == Some("Bound") && phase(old).as_deref() != Some("Bound") {
            let volume = claim.spec.volume_name.clone().unwrap_or_default();
            let how = match store.volumes.get(&Key::new("", &volume)) {
                Some(pv) if views::provisioner_of(pv).is_some() => format!(
                    ", provisioned on demand by {}",
                    views::provisioner_of(pv).unwrap_or_default()
                ),
                Some(_) => ", a pre-provisioned (static) volume".into(),
                None => String::new(),
            };
            lines.push(format!("claim {name} bound to volume {volume}{how}"));
        }
        if phase(new).as_deref() == Some("Lost") && phase(old).as_deref() != Some("Lost") {
            lines.push(format!("claim {name} lost its volume"));
        }
        let terminating = |c: Option<&PersistentVolumeClaim>| {
            c.is_some_and(|c| c.metadata.deletion_timestamp.is_some())
        };
        if terminating(new) && !terminating(old) {
            let users: Vec<&str> = index
                .users_of(&Key::new(namespace, name))
                .map(|u| u.as_str())
                .collect();
            if users.is_empty() {
                lines.push(format!("claim {name} terminating"));
            } else {
                lines.push(format!(
                    "claim {name} terminating, but the kubernetes.io/pvc-protection finalizer keeps it while {} uses it",
                    users.join(", ")
                ));
            }
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
        .unwrap_or_else(|| "Retain".into());
    let claim = any.spec.claim_ref.as_ref();
    let sts = claim.and_then(|c| {
        sts::claim_statefulset(
            store,
            c.namespace.as_deref().unwrap_or_default(),
            c.name.as_deref().unwrap_or_default(),
        )
    });
    let text = match (old, new) {
        (Some(_), None) => Some(format!("volume {name} deleted (reclaimPolicy {policy})")),
        (_, Some(_)) if phase(new) != phase(old) => match phase(new).as_deref() {
            Some("Released") => Some(format!(
                "volume {name} Released: its claim is gone; reclaimPolicy {policy} {}",
                if policy == "Retain" {
                    "keeps it and its data until an admin deletes it"
                } else {
                    "removes it"
                }
            )),
            Some("Failed") => Some(format!("volume {name} Failed (reclaimPolicy {policy})")),
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
    if event.type_.as_deref() != Some("Warning") {
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
    history.narrate(
        at,
        Level::Warning,
        sts,
        format!("{name}: {reason}: {message}"),
    );
}

/// The same words whichever watch shows the new revision first (the
/// ControllerRevision or the StatefulSet's status), so they are said once.
fn template_changed(sts_name: &str, revision: &str, partition: i32) -> String {
    let scope = if partition > 0 {
        format!("ordinals ≥ {partition} (partition {partition}) are replaced, highest first")
    } else {
        "pods are replaced from the highest ordinal down, each after the one before is Ready"
            .to_string()
    };
    format!("{sts_name}: the pod template changed (new revision {revision}); {scope}")
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
    let text = template_changed(&key.name, &revision.metadata.name, sts::partition(sts));
    history.narrate(at, Level::Info, Some(key), text);
}
