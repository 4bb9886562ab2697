//! The controller's steps and waits in the user's words: what holds the
//! StatefulSet, by which rule, and what would move it. The narration says
//! the same rules with the same words (`phrases`).

use super::holdup::holdup;
use super::phrases::{
    available_clause, coarse, first_ordinal, held_by_finalizers, list, list_of, secs_up,
};
use super::types::{Blocking, Facts, Health, Held, PATIENCE, Reason, Step, Waiting};
use crate::model::key::Millis;
use crate::model::object::StatefulSet;
use crate::model::pod::Phase;
use crate::model::sts;

fn waiting(reason: Reason, text: String, rule: &str) -> Waiting {
    Waiting {
        reason,
        blocking: None,
        rule: rule.to_string(),
        until: None,
        unblock: None,
        next: None,
        text,
        changes_at: None,
    }
}

/// Why a condemned pod goes: the replicas went down, or the start moved
/// past it ("scaling down to 2", "ordinals.start is 6").
fn condemned_why(facts: &Facts, target: u32) -> String {
    if target < facts.range.start {
        format!("ordinals.start is {}", facts.range.start)
    } else {
        format!("scaling down to {}", sts::desired_replicas(facts.sts))
    }
}

/// What a pod must become for OrderedReady to move on.
fn to_be(facts: &Facts, health: &Health) -> String {
    match health {
        Health::NotAvailable { ready_since, until } => format!(
            "available (Ready for {}s of minReadySeconds {}s, {}s to go)",
            (facts.now - ready_since).max(0) / 1000,
            facts.min_ready / 1000,
            secs_up(until - facts.now)
        ),
        Health::Terminating => "gone".to_string(),
        _ if facts.min_ready > 0 => "Ready and available".to_string(),
        _ => "Ready".to_string(),
    }
}

pub(super) fn statefulset_gone(name: &str) -> Waiting {
    waiting(
        Reason::StatefulSetDeleted,
        format!("StatefulSet {name} was deleted: nothing creates or replaces its pods any more"),
        "no controller acts for a StatefulSet that is gone",
    )
}

pub(super) fn statefulset_deleting(name: &str, sts: &StatefulSet) -> Waiting {
    let mut w = waiting(
        Reason::StatefulSetDeleting,
        format!(
            "StatefulSet {name} is being deleted{}: the garbage collector removes its pods",
            held_by_finalizers(": ", &sts.metadata.finalizers)
        ),
        "the controller only writes the status of a StatefulSet being deleted",
    );
    w.blocking = (!sts.metadata.finalizers.is_empty()).then(|| Blocking {
        kind: "StatefulSet",
        name: name.into(),
        ordinal: None,
    });
    w
}

pub(super) fn not_observed(
    name: &str,
    generation: i64,
    observed: Option<i64>,
    since: Millis,
    now: Millis,
    live: bool,
) -> Waiting {
    let status = match observed {
        Some(o) => format!("status is of generation {o}"),
        None => "no status yet".to_string(),
    };
    let rule = "the controller acts on the spec it has read: status.observedGeneration says which";
    let elapsed = now - since;
    let before = if observed.is_some() {
        "what follows is as of the spec before"
    } else {
        "it has not acted on it at all"
    };
    let mut w = if live && elapsed > PATIENCE {
        let (how_long, next) = coarse(elapsed);
        let mut w = waiting(
            Reason::ControllerIdle,
            format!(
                "the StatefulSet controller has not acted on generation {generation} of {name} for {how_long} ({status}): kube-controller-manager may be down or behind, and nothing changes until it acts"
            ),
            rule,
        );
        w.unblock = Some(
            "look at kube-controller-manager: that it runs, that it leads, what its log says"
                .into(),
        );
        w.changes_at = Some(now + next);
        w
    } else {
        let mut w = waiting(
            Reason::NotObserved,
            format!(
                "the StatefulSet controller has not read generation {generation} of {name} yet ({status}): {before}"
            ),
            rule,
        );
        w.changes_at = live.then_some(since + PATIENCE + 1);
        w
    };
    w.blocking = Some(Blocking {
        kind: "StatefulSet",
        name: name.into(),
        ordinal: None,
    });
    w
}

/// The rule OrderedReady applies before a step.
fn ordered_rule(facts: &Facts) -> String {
    let available = available_clause(facts.min_ready);
    format!(
        "OrderedReady acts on one pod at a time, in ordinal order, and only while every pod below is Running and Ready{available}"
    )
}

/// The words of a rolling update's target revision: "rolling update to
/// revision X", or "rolling back to revision X" when X is an earlier template.
fn rolling(facts: &Facts) -> String {
    let update = facts.sts.status.update_revision.as_deref().unwrap_or("?");
    if sts::is_rollback(&facts.model.store, facts.key) {
        format!("rolling back to revision {update} (an earlier template)")
    } else {
        format!("rolling update to revision {update}")
    }
}

/// The step in words. None when nothing is worth a line (a pod starting
/// as it should, with nothing waiting on it).
pub(super) fn step(facts: &Facts, step: &Step) -> Option<Waiting> {
    let name = &facts.key.name;
    let pod = |o: u32| facts.name(o);
    let names = |os: &[u32]| list(&os.iter().map(|o| pod(*o)).collect::<Vec<_>>());
    let replicas = sts::desired_replicas(facts.sts);
    let w = match step {
        Step::Create(ordinals, missing) => {
            let first = ordinals[0];
            let mut w = if !facts.ordered {
                let listed: Vec<String> = ordinals.iter().map(|o| pod(*o)).collect();
                waiting(
                    Reason::Creating,
                    format!("{} not created yet (Parallel)", list_of(&listed, *missing)),
                    "Parallel creates every missing pod at once",
                )
            } else {
                let why = if first == facts.range.start {
                    first_ordinal(facts.sts)
                } else {
                    format!("{} is {}", pod(first - 1), to_be(facts, &Health::Healthy))
                };
                waiting(
                    Reason::Creating,
                    format!("{} about to be created: {why}", pod(first)),
                    &ordered_rule(facts),
                )
            };
            w.next = Some(first);
            w
        }
        Step::Adopt(o) => {
            let selector = facts.selector();
            let mut w = waiting(
                Reason::Adopting,
                format!(
                    "{} has no controller: StatefulSet {name} adopts it if its labels match the selector {selector}",
                    pod(*o)
                ),
                "the controller adopts an orphan pod named <name>-<ordinal> whose labels match its selector",
            );
            w.blocking = Some(facts.blocking_pod(*o));
            w
        }
        Step::NameTaken(o, kind, owner) => {
            let mut w = waiting(
                Reason::NameTaken,
                format!(
                    "{} exists but is controlled by {kind} {owner}: StatefulSet {name} cannot create its own {} while it does",
                    pod(*o),
                    pod(*o)
                ),
                "a pod's name is unique in its namespace: the controller's create fails",
            );
            w.blocking = Some(facts.blocking_pod(*o));
            w.unblock = Some(format!(
                "delete that {}, or give the StatefulSet another name",
                pod(*o)
            ));
            w
        }
        Step::Outside(o) => {
            let selector = facts.selector();
            let mut w = waiting(
                Reason::NameTaken,
                format!(
                    "{} still exists outside StatefulSet {name} (its labels no longer match {selector}): the controller cannot create {} while it does",
                    pod(*o),
                    pod(*o)
                ),
                "a pod's name is unique in its namespace: the controller's create fails (it records no Event for that)",
            );
            w.blocking = Some(facts.blocking_pod(*o));
            w.unblock = Some(format!(
                "give {} its labels back (it is adopted again), or delete it",
                pod(*o)
            ));
            w
        }
        Step::CreateClaims(o, claims) => {
            let claims: Vec<String> = claims.iter().map(|c| c.to_string()).collect();
            let mut w = waiting(
                Reason::CreatingClaim,
                format!(
                    "{} is Pending and its claim {} is missing: the controller creates it again when it next syncs {name} (on any change to it or its pods)",
                    pod(*o),
                    list(&claims)
                ),
                "the controller creates a Pending pod's missing template claims again each time it syncs the StatefulSet",
            );
            w.blocking = Some(Blocking {
                kind: "PersistentVolumeClaim",
                name: claims[0].as_str().into(),
                ordinal: None,
            });
            w
        }
        Step::RecreateEnded(o, phase) => {
            let why = facts
                .pod(*o)
                .and_then(|p| p.status.reason.as_deref())
                .map(|r| format!(" ({r})"))
                .unwrap_or_default();
            let mut w = waiting(
                Reason::RecreatingFailed,
                format!(
                    "{} {}{why}: the controller deletes it and creates {} again",
                    pod(*o),
                    phase.label(),
                    pod(*o)
                ),
                "a Failed or Succeeded pod is deleted and created again with the same name",
            );
            w.blocking = Some(facts.blocking_pod(*o));
            w.next = Some(*o);
            w
        }
        Step::Replacing(o) => {
            let finalizers = facts
                .pod(*o)
                .map(|p| p.metadata.finalizers.clone())
                .unwrap_or_default();
            let held = if facts.ordered {
                match facts.held_by(*o) {
                    Held::Create(k) => format!("; {} waits for it too (OrderedReady)", pod(k)),
                    _ => String::new(),
                }
            } else {
                String::new()
            };
            let mut w = waiting(
                Reason::Terminating,
                format!(
                    "{} Terminating{}; the controller waits for it to be gone before it creates {} again{held}",
                    pod(*o),
                    held_by_finalizers(": ", &finalizers),
                    pod(*o)
                ),
                "a pod is created again only once the one of that name is gone",
            );
            w.blocking = Some(facts.blocking_pod(*o));
            if !finalizers.is_empty() {
                w.unblock = Some(format!(
                    "whoever set the finalizer removes it (kubectl patch pod {} --type=merge -p '{{\"metadata\":{{\"finalizers\":null}}}}')",
                    pod(*o)
                ));
            }
            w
        }
        Step::Blocked(b, health, held) => blocked(facts, *b, health, held)?,
        Step::ScaleDown(targets) => {
            let mut w = if !facts.ordered {
                let together = if targets.len() > 1 { " together" } else { "" };
                waiting(
                    Reason::ScalingDown,
                    format!(
                        "scaling down to {replicas}: Parallel stops {}{together}",
                        names(targets)
                    ),
                    "Parallel removes every pod outside the replica range at once",
                )
            } else {
                let target = targets[0];
                let text = if target < facts.range.start {
                    format!(
                        "{}: {} is below the range and goes, highest first",
                        condemned_why(facts, target),
                        pod(target)
                    )
                } else {
                    format!("scaling down to {replicas}: {} goes first", pod(target))
                };
                waiting(
                    Reason::ScalingDown,
                    text,
                    "scale-down removes the highest ordinal first, one at a time, each once the one before is gone",
                )
            };
            w.next = targets.first().copied();
            w
        }
        Step::ScaleDownTerminating(t) => {
            let finalizers = facts
                .pod(*t)
                .map(|p| p.metadata.finalizers.clone())
                .unwrap_or_default();
            let next = facts.condemned_pods().find(|o| o != t);
            let then = next
                .map(|n| format!("; {} goes once it is gone", pod(n)))
                .unwrap_or_default();
            let mut w = waiting(
                Reason::Terminating,
                format!(
                    "{}: {} Terminating{}{then}",
                    condemned_why(facts, *t),
                    pod(*t),
                    held_by_finalizers(": ", &finalizers)
                ),
                "scale-down removes one pod at a time, each once the one before is gone",
            );
            w.blocking = Some(facts.blocking_pod(*t));
            w.next = next;
            w
        }
        Step::Update(targets) => {
            let at_once = match sts::max_unavailable(facts.sts) {
                Some(n) if n > 1 => format!(", up to {n} at a time (maxUnavailable {n})"),
                _ => ", one at a time".to_string(),
            };
            let mut w = waiting(
                Reason::Updating,
                format!(
                    "{}: {} replaced next (highest ordinal first{at_once})",
                    rolling(facts),
                    names(targets)
                ),
                "RollingUpdate replaces pods from the highest ordinal down to the partition, each once the pods above are Running and Ready",
            );
            w.next = targets.first().copied();
            w
        }
        Step::Partitioned(kept) => {
            let current = kept
                .first()
                .and_then(|o| facts.pod(*o))
                .and_then(|p| crate::model::pod::revision(p))
                .unwrap_or("?")
                .to_string();
            let low = sts::partition_ordinal(facts.sts);
            let mut w = waiting(
                Reason::Partitioned,
                format!(
                    "partition {}: {} {} at revision {current} (ordinals below {low} are not updated)",
                    sts::partition(facts.sts),
                    names(kept),
                    if kept.len() == 1 { "stays" } else { "stay" }
                ),
                "RollingUpdate replaces only pods whose ordinal is at least start + partition",
            );
            let them = if kept.len() == 1 { "it" } else { "them" };
            w.unblock = Some(format!(
                "lower spec.updateStrategy.rollingUpdate.partition to update {them}"
            ));
            w
        }
        Step::OnDelete(old) => {
            let update = facts.sts.status.update_revision.as_deref().unwrap_or("?");
            let mut w = waiting(
                Reason::OnDelete,
                if old.len() == 1 {
                    format!(
                        "updateStrategy OnDelete: {} runs an older revision than {update}; the controller does not replace it, it takes {update} when it is deleted",
                        names(old)
                    )
                } else {
                    format!(
                        "updateStrategy OnDelete: {} run an older revision than {update}; the controller replaces none of them, each takes {update} when it is deleted",
                        names(old)
                    )
                },
                "OnDelete: a new template reaches a pod only when the pod is deleted and created again",
            );
            w.unblock = Some(format!(
                "delete a pod to have it created at revision {update}"
            ));
            w
        }
    };
    Some(w)
}

/// A pod that holds a step back (OrderedReady), or one held up on its own.
fn blocked(facts: &Facts, b: u32, health: &Health, held: &Held) -> Option<Waiting> {
    let pod = |o: u32| facts.name(o);
    let because = facts
        .pod(b)
        .and_then(|p| holdup(facts.model, facts.key, b, p))
        .map(|r| format!(" ({r})"))
        .unwrap_or_default();
    let state = to_be(facts, health);
    let text = match held {
        Held::Create(k) => format!(
            "{} not created yet: OrderedReady waits for {} to be {state}{because}",
            pod(*k),
            pod(b)
        ),
        Held::ScaleDown(k) => format!(
            "{}: {} goes only once {} is {state}{because}",
            condemned_why(facts, *k),
            pod(*k),
            pod(b)
        ),
        Held::Update(k) => format!(
            "{}: {} is replaced only once {} is {state}{because}",
            rolling(facts),
            pod(*k),
            pod(b)
        ),
        Held::Nothing => match health {
            Health::Pending => format!("{} is Pending, not on a node yet{because}", pod(b)),
            Health::NotAvailable { .. } => format!("{} is Ready, not yet {state}", pod(b)),
            // A pod starting as it should waits for nothing worth a line.
            _ if because.is_empty() => return None,
            Health::Starting(phase) => {
                format!("{} is not Ready ({}){because}", pod(b), phase.label())
            }
            _ => return None,
        },
    };
    let rule = match (held, health) {
        (Held::Nothing, Health::Pending) => {
            "a pod runs once the scheduler puts it on a node, and that waits for its claims to bind".to_string()
        }
        (Held::Nothing, Health::NotAvailable { .. }) => format!(
            "a Ready pod counts as available after minReadySeconds ({}s)",
            facts.min_ready / 1000
        ),
        (Held::Update(_), _) => {
            "RollingUpdate replaces one pod at a time, each once the one replaced before it is Running and Ready".to_string()
        }
        _ => ordered_rule(facts),
    };
    let mut w = waiting(Facts::reason_of(health), text, &rule);
    w.blocking = Some(facts.blocking_pod(b));
    w.next = match held {
        Held::Create(k) | Held::ScaleDown(k) | Held::Update(k) => Some(*k),
        Held::Nothing => None,
    };
    if let Health::NotAvailable { until, .. } = health {
        w.until = Some(*until);
        // The countdown moves each second.
        let left = until - facts.now;
        w.changes_at = Some(facts.now + (left % 1000).max(1));
    }
    if health == &Health::Ended(Phase::Failed) {
        w.reason = Reason::RecreatingFailed;
    }
    Some(w)
}

/// The controller tries and fails (a Warning Event on the StatefulSet).
pub(super) fn failing(w: &mut Waiting, message: &str) {
    w.reason = Reason::ActionFailing;
    w.text = format!("{}; the controller tries and fails: {message}", w.text);
    w.changes_at = None;
}

/// A step nothing holds back that has not come since `since`: past the
/// controller's patience, overdue.
pub(super) fn overdue(facts: &Facts, step: &Step, w: &mut Waiting, since: Millis) {
    let elapsed = facts.now - since;
    if elapsed <= PATIENCE {
        w.changes_at = Some(since + PATIENCE + 1);
        return;
    }
    let pod = |o: u32| facts.name(o);
    let not_done = match step {
        Step::Create(os, _) => format!("{} not created", pod(os[0])),
        Step::Adopt(o) => format!("{} not adopted", pod(*o)),
        Step::RecreateEnded(o, _) => format!("{} not deleted", pod(*o)),
        Step::ScaleDown(os) => format!("{} not removed", pod(os[0])),
        Step::Update(os) => format!("{} not replaced", pod(os[0])),
        _ => return,
    };
    let (how_long, next) = coarse(elapsed);
    w.reason = Reason::ControllerIdle;
    w.text = format!(
        "{not_done} for {how_long} though nothing holds it back ({}): the StatefulSet controller has not acted; kube-controller-manager may be down or behind",
        w.text
    );
    w.unblock = Some(
        "look at kube-controller-manager: that it runs, that it leads, what its log says".into(),
    );
    w.changes_at = Some(facts.now + next);
}
