//! The controller's steps and waits in the user's words: what holds the
//! StatefulSet, by which rule, and what would move it. The narration says
//! the same rules with the same words (`phrases`).

use super::holdup::holdup;
use super::phrases::{coarse, first_ordinal, held_by_finalizers, list, list_of, secs_up};
use super::types::{Blocking, Facts, Health, Held, PATIENCE, Reason, Step, Waiting};
use crate::model::key::Millis;
use crate::model::object::StatefulSet;
use crate::model::pod::Phase;
use crate::model::sts;
use crate::t;

fn waiting(reason: Reason, text: String, rule: String) -> Waiting {
    Waiting {
        reason,
        blocking: None,
        rule,
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
        t!("waiting-start-is", start = facts.range.start)
    } else {
        t!(
            "waiting-scaling-down-to",
            replicas = sts::desired_replicas(facts.sts)
        )
    }
}

/// " (Reason: message)": what holds a pod up, said after the sentence
/// about it; empty when nothing is known.
fn because(holdup: Option<&str>) -> String {
    holdup
        .map(|event| t!("waiting-because", event = event))
        .unwrap_or_default()
}

/// What a pod must become for OrderedReady to move on.
fn to_be(facts: &Facts, health: &Health) -> String {
    match health {
        Health::NotAvailable { ready_since, until } => t!(
            "waiting-state-available",
            ready = (facts.now - ready_since).max(0) / 1000,
            min = facts.min_ready / 1000,
            left = secs_up(until - facts.now)
        ),
        Health::Terminating => t!("waiting-state-gone"),
        _ if facts.min_ready > 0 => t!("waiting-state-ready-available"),
        // The condition's name, as kubectl says it in every language.
        _ => "Ready".to_string(),
    }
}

pub(super) fn statefulset_gone(name: &str) -> Waiting {
    waiting(
        Reason::StatefulSetDeleted,
        t!("waiting-sts-gone", name = name),
        t!("waiting-sts-gone-rule"),
    )
}

pub(super) fn statefulset_deleting(name: &str, sts: &StatefulSet) -> Waiting {
    let mut w = waiting(
        Reason::StatefulSetDeleting,
        match &sts.metadata.finalizers[..] {
            [] => t!("waiting-sts-deleting", name = name),
            finalizers => t!(
                "waiting-sts-deleting-held",
                name = name,
                finalizers = held_by_finalizers("", finalizers)
            ),
        },
        t!("waiting-sts-deleting-rule"),
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
    let rule = t!("waiting-observed-rule");
    let elapsed = now - since;
    let mut w = if live && elapsed > PATIENCE {
        let (duration, next) = coarse(elapsed);
        let text = match observed {
            Some(observed) => t!(
                "waiting-idle-observed",
                generation = generation,
                name = name,
                duration = duration,
                observed = observed
            ),
            None => t!(
                "waiting-idle-no-status",
                generation = generation,
                name = name,
                duration = duration
            ),
        };
        let mut w = waiting(Reason::ControllerIdle, text, rule);
        w.unblock = Some(t!("waiting-controller-unblock"));
        w.changes_at = Some(now + next);
        w
    } else {
        let text = match observed {
            Some(observed) => t!(
                "waiting-unread-observed",
                generation = generation,
                name = name,
                observed = observed
            ),
            None => t!(
                "waiting-unread-no-status",
                generation = generation,
                name = name
            ),
        };
        let mut w = waiting(Reason::NotObserved, text, rule);
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
    if facts.min_ready > 0 {
        t!(
            "waiting-ordered-rule-available",
            seconds = facts.min_ready / 1000
        )
    } else {
        t!("waiting-ordered-rule")
    }
}

/// The words of a rolling update's target revision: "rolling update to
/// revision X", or "rolling back to revision X" when X is an earlier template.
fn rolling(facts: &Facts) -> String {
    let update = facts.sts.status.update_revision.as_deref().unwrap_or("?");
    if sts::is_rollback(&facts.model.store, facts.key) {
        t!("waiting-rolling-back", revision = update)
    } else {
        t!("waiting-rolling-update", revision = update)
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
                    t!("waiting-create-parallel", pods = list_of(&listed, *missing)),
                    t!("waiting-create-parallel-rule"),
                )
            } else {
                let text = if first == facts.range.start {
                    t!(
                        "waiting-create-first",
                        pod = pod(first),
                        why = first_ordinal(facts.sts)
                    )
                } else {
                    t!(
                        "waiting-create-next",
                        pod = pod(first),
                        previous = pod(first - 1),
                        state = to_be(facts, &Health::Healthy)
                    )
                };
                waiting(Reason::Creating, text, ordered_rule(facts))
            };
            w.next = Some(first);
            w
        }
        Step::Adopt(o) => {
            let selector = facts.selector();
            let mut w = waiting(
                Reason::Adopting,
                t!(
                    "waiting-adopt",
                    pod = pod(*o),
                    name = name,
                    selector = selector
                ),
                t!("waiting-adopt-rule"),
            );
            w.blocking = Some(facts.blocking_pod(*o));
            w
        }
        Step::NameTaken(o, kind, owner) => {
            let mut w = waiting(
                Reason::NameTaken,
                t!(
                    "waiting-name-taken",
                    pod = pod(*o),
                    kind = kind,
                    owner = owner,
                    name = name
                ),
                t!("waiting-name-taken-rule"),
            );
            w.blocking = Some(facts.blocking_pod(*o));
            w.unblock = Some(t!("waiting-name-taken-unblock", pod = pod(*o)));
            w
        }
        Step::Outside(o) => {
            let selector = facts.selector();
            let mut w = waiting(
                Reason::NameTaken,
                t!(
                    "waiting-outside",
                    pod = pod(*o),
                    name = name,
                    selector = selector
                ),
                t!("waiting-outside-rule"),
            );
            w.blocking = Some(facts.blocking_pod(*o));
            w.unblock = Some(t!("waiting-outside-unblock", pod = pod(*o)));
            w
        }
        Step::CreateClaims(o, claims) => {
            let claims: Vec<String> = claims.iter().map(|c| c.to_string()).collect();
            let mut w = waiting(
                Reason::CreatingClaim,
                t!(
                    "waiting-claim-missing",
                    pod = pod(*o),
                    claims = list(&claims),
                    name = name
                ),
                t!("waiting-claim-missing-rule"),
            );
            w.blocking = Some(Blocking {
                kind: "PersistentVolumeClaim",
                name: claims[0].as_str().into(),
                ordinal: None,
            });
            w
        }
        Step::RecreateEnded(o, phase) => {
            let because = because(facts.pod(*o).and_then(|p| p.status.reason.as_deref()));
            let mut w = waiting(
                Reason::RecreatingFailed,
                t!(
                    "waiting-recreate",
                    pod = pod(*o),
                    phase = phase.label(),
                    because = because
                ),
                t!("waiting-recreate-rule"),
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
                    Held::Create(k) => t!("waiting-waits-too", pod = pod(k)),
                    _ => String::new(),
                }
            } else {
                String::new()
            };
            let mut w = waiting(
                Reason::Terminating,
                if finalizers.is_empty() {
                    t!("waiting-terminating", pod = pod(*o)) + &held
                } else {
                    t!(
                        "waiting-terminating-held",
                        pod = pod(*o),
                        finalizers = held_by_finalizers("", &finalizers)
                    ) + &held
                },
                t!("waiting-terminating-rule"),
            );
            w.blocking = Some(facts.blocking_pod(*o));
            if !finalizers.is_empty() {
                w.unblock = Some(t!("waiting-finalizer-unblock", pod = pod(*o)));
            }
            w
        }
        Step::Blocked(b, health, held) => blocked(facts, *b, health, held)?,
        Step::ScaleDown(targets) => {
            let mut w = if !facts.ordered {
                let text = if targets.len() > 1 {
                    t!(
                        "waiting-scale-down-parallel",
                        replicas = replicas,
                        pods = names(targets)
                    )
                } else {
                    t!(
                        "waiting-scale-down-parallel-one",
                        replicas = replicas,
                        pods = names(targets)
                    )
                };
                waiting(
                    Reason::ScalingDown,
                    text,
                    t!("waiting-scale-down-parallel-rule"),
                )
            } else {
                let target = targets[0];
                let text = if target < facts.range.start {
                    t!(
                        "waiting-below-range",
                        start = facts.range.start,
                        pod = pod(target)
                    )
                } else {
                    t!(
                        "waiting-scale-down-first",
                        replicas = replicas,
                        pod = pod(target)
                    )
                };
                waiting(Reason::ScalingDown, text, t!("waiting-scale-down-rule"))
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
                .map(|n| t!("waiting-goes-next", pod = pod(n)))
                .unwrap_or_default();
            let why = condemned_why(facts, *t);
            let text = if finalizers.is_empty() {
                t!("waiting-scale-down-terminating", why = why, pod = pod(*t))
            } else {
                t!(
                    "waiting-scale-down-terminating-held",
                    why = why,
                    pod = pod(*t),
                    finalizers = held_by_finalizers("", &finalizers)
                )
            };
            let mut w = waiting(
                Reason::Terminating,
                text + &then,
                t!("waiting-scale-down-terminating-rule"),
            );
            w.blocking = Some(facts.blocking_pod(*t));
            w.next = next;
            w
        }
        Step::Update(targets) => {
            let text = match sts::max_unavailable(facts.sts) {
                Some(n) if n > 1 => t!(
                    "waiting-update-next-many",
                    rolling = rolling(facts),
                    pods = names(targets),
                    n = n
                ),
                _ => t!(
                    "waiting-update-next",
                    rolling = rolling(facts),
                    pods = names(targets)
                ),
            };
            let mut w = waiting(Reason::Updating, text, t!("waiting-update-rule"));
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
            let partition = sts::partition(facts.sts);
            let (text, unblock) = if kept.len() == 1 {
                (
                    t!(
                        "waiting-partitioned-one",
                        partition = partition,
                        pods = names(kept),
                        revision = current,
                        low = low
                    ),
                    t!("waiting-partitioned-unblock-one"),
                )
            } else {
                (
                    t!(
                        "waiting-partitioned",
                        partition = partition,
                        pods = names(kept),
                        revision = current,
                        low = low
                    ),
                    t!("waiting-partitioned-unblock"),
                )
            };
            let mut w = waiting(Reason::Partitioned, text, t!("waiting-partitioned-rule"));
            w.unblock = Some(unblock);
            w
        }
        Step::OnDelete(old) => {
            let update = facts.sts.status.update_revision.as_deref().unwrap_or("?");
            let mut w = waiting(
                Reason::OnDelete,
                if old.len() == 1 {
                    t!(
                        "waiting-on-delete-one",
                        pods = names(old),
                        revision = update
                    )
                } else {
                    t!("waiting-on-delete", pods = names(old), revision = update)
                },
                t!("waiting-on-delete-rule"),
            );
            w.unblock = Some(t!("waiting-on-delete-unblock", revision = update));
            w
        }
    };
    Some(w)
}

/// A pod that holds a step back (OrderedReady), or one held up on its own.
fn blocked(facts: &Facts, b: u32, health: &Health, held: &Held) -> Option<Waiting> {
    let pod = |o: u32| facts.name(o);
    let holdup = facts
        .pod(b)
        .and_then(|p| holdup(facts.model, facts.key, b, p));
    let because = because(holdup.as_deref());
    let state = to_be(facts, health);
    let text = match held {
        Held::Create(k) => t!(
            "waiting-blocked-create",
            pod = pod(*k),
            blocking = pod(b),
            state = state,
            because = because
        ),
        Held::ScaleDown(k) => t!(
            "waiting-blocked-scale-down",
            why = condemned_why(facts, *k),
            pod = pod(*k),
            blocking = pod(b),
            state = state,
            because = because
        ),
        Held::Update(k) => t!(
            "waiting-blocked-update",
            rolling = rolling(facts),
            pod = pod(*k),
            blocking = pod(b),
            state = state,
            because = because
        ),
        Held::Nothing => match health {
            Health::Pending => t!("waiting-pending", pod = pod(b), because = because),
            Health::NotAvailable { .. } => t!("waiting-not-available", pod = pod(b), state = state),
            // A pod starting as it should waits for nothing worth a line.
            _ if because.is_empty() => return None,
            Health::Starting(phase) => t!(
                "waiting-not-ready",
                pod = pod(b),
                phase = phase.label(),
                because = because
            ),
            _ => return None,
        },
    };
    let rule = match (held, health) {
        (Held::Nothing, Health::Pending) => t!("waiting-pending-rule"),
        (Held::Nothing, Health::NotAvailable { .. }) => t!(
            "waiting-not-available-rule",
            seconds = facts.min_ready / 1000
        ),
        (Held::Update(_), _) => t!("waiting-update-one-rule"),
        _ => ordered_rule(facts),
    };
    let mut w = waiting(Facts::reason_of(health), text, rule);
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
    w.text = t!("waiting-failing", waiting = w.text, message = message);
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
        Step::Create(os, _) => t!("waiting-not-created", pod = pod(os[0])),
        Step::Adopt(o) => t!("waiting-not-adopted", pod = pod(*o)),
        Step::RecreateEnded(o, _) => t!("waiting-not-deleted", pod = pod(*o)),
        Step::ScaleDown(os) => t!("waiting-not-removed", pod = pod(os[0])),
        Step::Update(os) => t!("waiting-not-replaced", pod = pod(os[0])),
        _ => return,
    };
    let (duration, next) = coarse(elapsed);
    w.reason = Reason::ControllerIdle;
    w.text = t!(
        "waiting-overdue",
        not_done = not_done,
        duration = duration,
        waiting = w.text
    );
    w.unblock = Some(t!("waiting-controller-unblock"));
    w.changes_at = Some(facts.now + next);
}
