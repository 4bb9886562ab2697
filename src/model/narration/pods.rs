//! Narration of pods: why one was created, became Ready or not, is
//! terminating, is gone, was released or adopted, in the StatefulSet's terms.

use super::retention::{list, when_deleted};
use crate::model::controller::phrases;
use crate::model::history::{History, Incarnation, Level, MarkerKind, Ownership, PodStep};
use crate::model::key::{Key, Millis};
use crate::model::object::RetentionRule;
use crate::model::pod::{self, Phase};
use crate::model::store::Store;
use crate::model::sts;
use crate::t;

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
                MarkerKind::Created => t!("narration-pod-created", pod = name),
                MarkerKind::Scheduled { node } => {
                    t!("narration-pod-scheduled", pod = name, node = node)
                }
                MarkerKind::Ready => t!("narration-pod-ready", pod = name),
                MarkerKind::DeletionRequested { .. } => t!("narration-pod-terminating", pod = name),
                _ => return None,
            };
            Some((m.at, text))
        })
        .collect();
    for (at, text) in lines {
        history.narrate_past(at, Level::Info, Some(step.sts.clone()), text);
    }
}

/// A pod of a StatefulSet moved: say why, in the StatefulSet's terms. A
/// pod scheduled after scheduling warnings: they leave the narration, and
/// its scheduled line says what it waited for (`History::fold_scheduling`).
pub(in crate::model) fn pod_step(
    history: &mut History,
    store: &Store,
    step: &PodStep,
) -> Vec<String> {
    if let Some(ownership) = step.ownership {
        return vec![ownership_changed(store, step, ownership)];
    }
    let waited = step
        .steps
        .scheduled
        .then(|| {
            let pod = format!("{}-{}", step.sts.name, step.ordinal);
            history.fold_scheduling(&step.sts, &pod, step.at)
        })
        .flatten();
    let history = &*history;
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
        let text = if let Some(previous_revision) = &recreated {
            let ended = previous_end(history, sts_key, ordinal).map_or("none", Phase::label);
            recreated_line(
                name,
                ended,
                previous_revision.as_ref(),
                inc.revision.as_ref(),
                sts.is_some_and(sts::is_on_delete),
                &claims,
            )
        } else if parallel {
            t!("narration-pod-created-parallel", pod = name)
        } else if let Some(s) = sts.filter(|s| ordinal == sts::start_ordinal(s)) {
            t!(
                "narration-pod-created-first",
                pod = name,
                first = phrases::first_ordinal(s)
            )
        } else {
            t!(
                "narration-pod-created-next",
                pod = name,
                previous = format!("{sts_name}-{}", ordinal.saturating_sub(1)),
                available = phrases::available_clause(min_ready)
            )
        };
        say(text);
    }
    if steps.scheduled
        && let Some(node) = &inc.node
    {
        say(match &waited {
            Some(waited) => t!(
                "narration-pod-scheduled-waited",
                pod = name,
                node = node,
                waited = waited
            ),
            None => t!("narration-pod-scheduled", pod = name, node = node),
        });
    }
    if steps.ip_assigned
        && let Some(ip) = &inc.ip
    {
        let was = inc.markers.iter().rev().find_map(|m| match &m.kind {
            MarkerKind::IpAssigned { previous, .. } => previous.clone(),
            _ => None,
        });
        say(match was {
            Some(old) => t!(
                "narration-pod-ip-changed",
                pod = name,
                ip = ip,
                previous = old
            ),
            None => t!("narration-pod-ip", pod = name, ip = ip),
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
        let next = format!("{sts_name}-{next}");
        say(if waiting_next && min_ready > 0 {
            t!(
                "narration-pod-ready-next-min-ready",
                pod = name,
                seconds = min_ready / 1000,
                next = next
            )
        } else if waiting_next {
            t!("narration-pod-ready-next", pod = name, next = next)
        } else {
            t!("narration-pod-ready", pod = name)
        });
    }
    if steps.lost_ready {
        let why = pod_now.and_then(|p| {
            p.status
                .conditions
                .iter()
                .find(|c| c.type_ == "Ready")
                .and_then(|c| c.reason.clone())
        });
        say(match (why, parallel) {
            (None, true) => t!("narration-pod-not-ready", pod = name),
            (Some(reason), true) => {
                t!(
                    "narration-pod-not-ready-reason",
                    pod = name,
                    reason = reason
                )
            }
            (None, false) => t!("narration-pod-not-ready-ordered", pod = name),
            (Some(reason), false) => t!(
                "narration-pod-not-ready-reason-ordered",
                pod = name,
                reason = reason
            ),
        });
    }
    if steps.deletion_requested {
        // A StatefulSet being deleted (cascading) does not recreate its pods.
        let deleted_sts = match sts {
            Some(s) => s.metadata.deletion_timestamp.is_some().then_some(s),
            None => history.deleted_statefulset(sts_key),
        };
        let held = phrases::held_by_finalizers(
            "",
            pod_now.map_or(&[][..], |p| &p.metadata.finalizers[..]),
        );
        let ended = pod_now
            .map(pod::phase_of_status)
            .filter(|p| matches!(p, Phase::Failed | Phase::Succeeded));
        let text = if let Some(phase) = ended.filter(|_| !history.deleted_by_us(&inc.uid)) {
            t!(
                "narration-pod-terminating-ended",
                pod = name,
                phase = phase.label()
            )
        } else if history.deleted_by_us(&inc.uid) {
            t!("narration-pod-terminating-by-stsdash", pod = name)
        } else if let Some(s) = deleted_sts {
            let claims = sts::template_claims(s, &inc.pod);
            t!(
                "narration-pod-terminating-sts-deleted",
                pod = name,
                statefulset = sts_name,
                retention = when_deleted(s, !claims.is_empty()),
                claims = list(&claims)
            )
        } else if let Some(r) = range.clone().filter(|r| ordinal < r.start) {
            t!(
                "narration-pod-terminating-below-range",
                pod = name,
                start = r.start
            )
        } else if let Some(r) = range.clone().filter(|r| ordinal >= r.end) {
            let replicas = r.len();
            if parallel {
                t!(
                    "narration-pod-terminating-parallel",
                    pod = name,
                    replicas = replicas
                )
            } else {
                t!(
                    "narration-pod-terminating-scale-down",
                    pod = name,
                    replicas = replicas
                )
            }
        } else if is_rollout(store, sts_key, ordinal, inc) {
            t!("narration-pod-terminating-rollout", pod = name)
        } else {
            t!("narration-pod-terminating-deleted", pod = name)
        };
        say(if held.is_empty() {
            text
        } else {
            t!("narration-held", line = text, held = held)
        });
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
                let claims = list(&claims);
                if let Some(owner) = other.filter(|_| policy.when_scaled == RetentionRule::Delete) {
                    t!(
                        "narration-pod-gone-claim-owned",
                        pod = name,
                        claims = claims,
                        owner = owner
                    )
                } else if policy.when_scaled == RetentionRule::Delete {
                    t!(
                        "narration-pod-gone-claim-deleted",
                        pod = name,
                        claims = claims
                    )
                } else {
                    t!("narration-pod-gone-claim-kept", pod = name, claims = claims)
                }
            }
            _ => t!("narration-pod-gone", pod = name),
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
        Ownership::Adopted => t!(
            "narration-pod-adopted",
            pod = name,
            statefulset = sts_name,
            selector = selector
        ),
        Ownership::Released => t!(
            "narration-pod-released",
            pod = name,
            statefulset = sts_name,
            selector = selector
        ),
    }
}

/// A new pod (UID) of an ordinal that had one: `ended` is how the previous
/// one ended ("Failed", "Succeeded", else "none"); at a new revision when
/// the previous one ran another.
fn recreated_line(
    pod: &str,
    ended: &str,
    previous_revision: Option<&crate::model::text::Text>,
    revision: Option<&crate::model::text::Text>,
    on_delete: bool,
    claims: &[String],
) -> String {
    let strategy = if on_delete {
        "OnDelete"
    } else {
        "RollingUpdate"
    };
    let new_revision = match (previous_revision, revision) {
        (Some(old), Some(new)) if old != new => Some(new),
        _ => None,
    };
    match (new_revision, claims) {
        (Some(revision), []) => t!(
            "narration-pod-recreated-at-revision",
            pod = pod,
            ended = ended,
            revision = revision,
            strategy = strategy
        ),
        (Some(revision), claims) => t!(
            "narration-pod-recreated-at-revision-claims",
            pod = pod,
            ended = ended,
            revision = revision,
            strategy = strategy,
            claims = list(claims)
        ),
        (None, []) => t!("narration-pod-recreated", pod = pod, ended = ended),
        (None, claims) => t!(
            "narration-pod-recreated-claims",
            pod = pod,
            ended = ended,
            claims = list(claims)
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
