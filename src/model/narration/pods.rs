//! Narration of pods: why one was created, became Ready or not, is
//! terminating, is gone, was released or adopted, in the StatefulSet's terms.

use super::retention::on_delete;
use crate::model::controller::phrases;
use crate::model::history::{History, Incarnation, Level, MarkerKind, Ownership, PodStep};
use crate::model::key::{Key, Millis};
use crate::model::object::RetentionRule;
use crate::model::pod::{self, Phase};
use crate::model::store::Store;
use crate::model::sts;

/// A pod found already there (by the first list): its past in words, from
/// the marks its reconstruction left, each line in its place in time.
pub(in crate::model) fn pod_past(history: &mut History, step: &PodStep) {
    let Some(inc) = history.incarnation(&step.sts, step.ordinal) else {
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
pub(in crate::model) fn pod_step(history: &History, store: &Store, step: &PodStep) -> Vec<String> {
    if let Some(ownership) = step.ownership {
        return vec![ownership_changed(store, step, ownership)];
    }
    let PodStep {
        sts: sts_key,
        ordinal,
        before,
        after,
        is_new,
        recreated,
        steps,
        ..
    } = step;
    let (ordinal, before, after, is_new, steps) = (*ordinal, *before, *after, *is_new, *steps);
    let Some(inc) = history.incarnation(sts_key, ordinal) else {
        return Vec::new();
    };
    let sts = store.statefulsets.get(sts_key);
    let name = &inc.pod;
    let sts_name = &sts_key.name;
    let parallel = sts.is_some_and(sts::is_parallel);
    let range = sts.map(sts::replica_range);
    let min_ready = sts.map_or(0, sts::min_ready);
    let pod_now = store.pods.get(&Key::new(&sts_key.namespace, name.as_str()));
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
            let ended = previous_end(history, sts_key, ordinal)
                .map(|phase| format!(" after it {}", phase.label()))
                .unwrap_or_default();
            match (previous_revision, &inc.revision) {
                (Some(old), Some(new)) if old != new => format!(
                    "{name} recreated{ended} at revision {new}{}: it keeps its name{keeps}",
                    if sts.is_some_and(sts::is_on_delete) {
                        " (OnDelete: a deleted pod takes the update revision)"
                    } else {
                        " (rolling update)"
                    }
                ),
                _ => format!("{name} recreated{ended} with a new UID: it keeps its name{keeps}"),
            }
        } else if parallel {
            format!(
                "{name} created: podManagementPolicy Parallel starts pods without waiting for each other"
            )
        } else if let Some(s) = sts.filter(|s| ordinal == sts::start_ordinal(s)) {
            format!("{name} created: {}", phrases::first_ordinal(s))
        } else {
            let available = phrases::available_clause(min_ready);
            format!(
                "{name} created: {sts_name}-{} is Ready{available}, and OrderedReady starts one ordinal at a time",
                ordinal.saturating_sub(1)
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
            MarkerKind::IpAssigned { previous, .. } => previous.clone(),
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
            && range.as_ref().is_some_and(|r| r.contains(&next))
            && !store.pods.contains_key(&Key::new(
                sts_key.namespace.clone(),
                format!("{}-{next}", sts_key.name),
            ));
        if waiting_next && min_ready > 0 {
            say(format!(
                "{name} is Ready: after minReadySeconds ({}s) it is available, and the controller may create {sts_name}-{next}",
                min_ready / 1000
            ));
        } else if waiting_next {
            say(format!(
                "{name} is Ready: the controller may now create {sts_name}-{next}"
            ));
        } else {
            say(format!("{name} is Ready"));
        }
    }
    if steps.lost_ready {
        let why = pod_now
            .and_then(|p| {
                p.status
                    .conditions
                    .iter()
                    .find(|c| c.type_ == "Ready")
                    .and_then(|c| c.reason.clone())
            })
            .map(|r| format!(" ({r})"))
            .unwrap_or_default();
        let then = if parallel {
            ""
        } else {
            ": OrderedReady creates, removes or replaces no pod past it until it is Ready again"
        };
        say(format!("{name} is not Ready any more{why}{then}"));
    }
    if steps.deletion_requested {
        // A StatefulSet being deleted (cascading) does not recreate its pods.
        let deleted_sts = match sts {
            Some(s) => s.metadata.deletion_timestamp.is_some().then_some(s),
            None => history.deleted_statefulset(sts_key),
        };
        let held = phrases::held_by_finalizers(
            "; ",
            pod_now.map_or(&[][..], |p| &p.metadata.finalizers[..]),
        );
        let ended = pod_now
            .map(pod::phase_of_status)
            .filter(|p| matches!(p, Phase::Failed | Phase::Succeeded));
        let text = if let Some(phase) = ended.filter(|_| !history.deleted_by_us(&inc.uid)) {
            format!(
                "{name} terminating: it {}, and the controller deletes a pod that ended to create it again",
                phase.label()
            )
        } else if history.deleted_by_us(&inc.uid) {
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
        } else if let Some(r) = range.clone().filter(|r| ordinal < r.start) {
            format!(
                "{name} terminating: ordinals.start is {}, and pods below the range are removed, highest first",
                r.start
            )
        } else if let Some(r) = range.clone().filter(|r| ordinal >= r.end) {
            let r = r.len();
            if parallel {
                format!(
                    "{name} terminating: replicas is {r}, and Parallel stops the extra pods together"
                )
            } else {
                format!(
                    "{name} terminating: replicas is {r}, and scale-down removes the highest ordinal first"
                )
            }
        } else if is_rollout(store, sts_key, ordinal, inc) {
            format!(
                "{name} terminating to be replaced at the update revision (rolling update, highest ordinal first)"
            )
        } else {
            format!(
                "{name} terminating: it was deleted; the controller will recreate it with the same name"
            )
        };
        say(format!("{text}{held}"));
    }
    if after == Phase::Gone && before != Phase::Gone {
        let scaled_away = range.as_ref().is_none_or(|r| !r.contains(&ordinal));
        let claims = sts
            .map(|s| sts::template_claims(s, &inc.pod))
            .unwrap_or_default();
        let text = match (scaled_away, sts) {
            (true, Some(s)) if !claims.is_empty() => {
                let policy = sts::retention(s);
                let other = claims.iter().find_map(|c| {
                    let claim = store
                        .claims
                        .get(&Key::new(&sts_key.namespace, c.as_str()))?;
                    let owner = claim.metadata.controller_any()?;
                    let ours = (owner.kind == "Pod" && owner.name == *name)
                        || (owner.kind == "StatefulSet" && owner.name == *sts_name);
                    (!ours).then(|| format!("{} {}", owner.kind, owner.name))
                });
                if let Some(owner) = other.filter(|_| policy.when_scaled == RetentionRule::Delete) {
                    format!(
                        "{name} gone; its claim {} is kept: {owner} controls it, so persistentVolumeClaimRetentionPolicy does not apply to it",
                        claims.join(", ")
                    )
                } else if policy.when_scaled == RetentionRule::Delete {
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

/// A pod released by its StatefulSet, or adopted by one.
fn ownership_changed(store: &Store, step: &PodStep, ownership: Ownership) -> String {
    let name = format!("{}-{}", step.sts.name, step.ordinal);
    let sts_name = &step.sts.name;
    let selector = store
        .statefulsets
        .get(&step.sts)
        .map(sts::selector_query)
        .unwrap_or_default();
    match ownership {
        Ownership::Adopted => format!(
            "{name} adopted by StatefulSet {sts_name}: it had no controller, and its name and labels match (selector {selector})"
        ),
        Ownership::Released => format!(
            "{name} released by StatefulSet {sts_name}: it is no longer its controller (its labels stopped matching {selector}, or its owner reference was removed); the pod goes on, outside the StatefulSet"
        ),
    }
}

/// How the ordinal's previous incarnation ended, if it ended Failed or Succeeded.
fn previous_end(history: &History, sts: &Key, ordinal: u32) -> Option<Phase> {
    let incarnations = &history.ordinals.get(sts)?.get(&ordinal)?.incarnations;
    let previous = incarnations.get(incarnations.len().checked_sub(2)?)?;
    previous
        .segments
        .iter()
        .rev()
        .map(|s| s.phase)
        .find(|p| !matches!(p, Phase::Terminating | Phase::Gone))
        .filter(|p| matches!(p, Phase::Failed | Phase::Succeeded))
}

/// Whether the rolling update is what deletes this incarnation: it runs an
/// older revision than the StatefulSet's newest, and its ordinal is one the
/// update replaces (RollingUpdate, at or above the partition).
fn is_rollout(store: &Store, sts_key: &Key, ordinal: u32, inc: &Incarnation) -> bool {
    let replaced = store
        .statefulsets
        .get(sts_key)
        .is_some_and(|s| !sts::is_on_delete(s) && ordinal >= sts::partition_ordinal(s));
    if !replaced {
        return false;
    }
    // The controller deletes for a new template before it writes the
    // status that names it: a pod of the update's range deleted while the
    // spec's generation is not observed yet is that (the replicas and the
    // start are read from the spec already; nothing else deletes a pod).
    let unobserved = store.statefulsets.get(sts_key).is_some_and(|s| {
        s.metadata
            .generation
            .is_some_and(|g| s.status.observed_generation.is_some_and(|o| o < g))
    });
    if unobserved {
        return true;
    }
    match (sts::latest_revision(store, sts_key), &inc.revision) {
        (Some(latest), Some(own)) => latest != own.as_str(),
        _ => false,
    }
}
