//! A step's conditions: a few words ("mehdb-3 ready", "claim data-mehdb-3
//! kept", "volume of www-web-0 released"), checked against what the watches
//! show, whoever made it happen.

use std::collections::BTreeMap;

use crate::model::object::{PersistentVolume, Pod};
use crate::model::pod::{self, Phase};
use crate::model::{Key, Kind, Model};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Condition {
    Pod { name: String, state: PodState },
    Claim { name: String, state: ClaimState },
    Volume { of: VolumeRef, state: VolumeState },
    StatefulSet { name: String, state: SetState },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PodState {
    Ready,
    Running,
    Pending,
    Terminating,
    Gone,
    /// Ready again, with another UID than when the step began.
    Replaced,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimState {
    Bound,
    Pending,
    Terminating,
    /// There, and no pod mounts it.
    Kept,
    Used,
    Gone,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VolumeRef {
    Named(String),
    /// The volume a claim is (or was) bound to.
    OfClaim(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VolumeState {
    Available,
    Bound,
    Released,
    Gone,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetState {
    Ready(i32),
    Updated(i32),
    RolledOut,
    Gone,
}

const POD_STATES: &str = "ready, running, pending, terminating, gone, replaced";
const CLAIM_STATES: &str = "bound, pending, terminating, kept, used, gone";
const VOLUME_STATES: &str = "available, bound, released, gone";
const SET_STATES: &str = "ready N, updated N, rolled out, gone";

/// Where the condition stands now: whether it holds, and what the cluster
/// shows instead when it does not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    pub holds: bool,
    pub now: String,
}

/// What a step began with: the pods' UIDs, for `replaced`.
pub type Baseline = BTreeMap<String, String>;

impl Condition {
    /// Parses the words of a condition; the error says what is wrong.
    pub fn parse(text: &str) -> Result<Condition, String> {
        let words: Vec<&str> = text.split_whitespace().collect();
        let state = |rest: &[&str]| rest.join(" ").to_ascii_lowercase();
        match words.as_slice() {
            [] => Err(crate::t!("lesson-file-empty-condition")),
            ["claim", name, rest @ ..] => {
                let state = match state(rest).as_str() {
                    "bound" => ClaimState::Bound,
                    "pending" => ClaimState::Pending,
                    "terminating" => ClaimState::Terminating,
                    "kept" => ClaimState::Kept,
                    "used" => ClaimState::Used,
                    "gone" => ClaimState::Gone,
                    other => return Err(unknown_state(other, CLAIM_STATES)),
                };
                Ok(Condition::Claim {
                    name: name.to_string(),
                    state,
                })
            }
            ["volume", rest @ ..] => {
                let (of, rest) = match rest {
                    ["of", claim, rest @ ..] => (VolumeRef::OfClaim(claim.to_string()), rest),
                    [name, rest @ ..] => (VolumeRef::Named(name.to_string()), rest),
                    [] => return Err(crate::t!("lesson-file-volume-unnamed")),
                };
                let state = match state(rest).as_str() {
                    "available" => VolumeState::Available,
                    "bound" => VolumeState::Bound,
                    "released" => VolumeState::Released,
                    "gone" => VolumeState::Gone,
                    other => return Err(unknown_state(other, VOLUME_STATES)),
                };
                Ok(Condition::Volume { of, state })
            }
            ["statefulset" | "sts", name, rest @ ..] => {
                let count = |n: &str| {
                    n.parse::<i32>()
                        .ok()
                        .filter(|n| *n >= 0)
                        .ok_or_else(|| crate::t!("lesson-file-not-a-count", text = n))
                };
                let state = match rest {
                    ["ready", n] => SetState::Ready(count(n)?),
                    ["updated", n] => SetState::Updated(count(n)?),
                    ["rolled", "out"] => SetState::RolledOut,
                    ["gone"] => SetState::Gone,
                    other => return Err(unknown_state(&other.join(" "), SET_STATES)),
                };
                Ok(Condition::StatefulSet {
                    name: name.to_string(),
                    state,
                })
            }
            [name, rest @ ..] => {
                let state = match state(rest).as_str() {
                    "ready" => PodState::Ready,
                    "running" => PodState::Running,
                    "pending" => PodState::Pending,
                    "terminating" => PodState::Terminating,
                    "gone" => PodState::Gone,
                    "replaced" => PodState::Replaced,
                    other => return Err(unknown_state(other, POD_STATES)),
                };
                Ok(Condition::Pod {
                    name: name.to_string(),
                    state,
                })
            }
        }
    }

    /// The condition in words, as the strip says what a step waits for.
    pub fn describe(&self) -> String {
        match self {
            Condition::Pod { name, state } => {
                let state = match state {
                    PodState::Ready => "ready",
                    PodState::Running => "running",
                    PodState::Pending => "pending",
                    PodState::Terminating => "terminating",
                    PodState::Gone => "gone",
                    PodState::Replaced => "replaced",
                };
                crate::t!("lesson-condition-pod", name = name, state = state)
            }
            Condition::Claim { name, state } => {
                let state = match state {
                    ClaimState::Bound => "bound",
                    ClaimState::Pending => "pending",
                    ClaimState::Terminating => "terminating",
                    ClaimState::Kept => "kept",
                    ClaimState::Used => "used",
                    ClaimState::Gone => "gone",
                };
                crate::t!("lesson-condition-claim", name = name, state = state)
            }
            Condition::Volume { of, state } => {
                let state = match state {
                    VolumeState::Available => "available",
                    VolumeState::Bound => "bound",
                    VolumeState::Released => "released",
                    VolumeState::Gone => "gone",
                };
                match of {
                    VolumeRef::Named(name) => {
                        crate::t!("lesson-condition-volume", name = name, state = state)
                    }
                    VolumeRef::OfClaim(claim) => {
                        crate::t!("lesson-condition-volume-of", claim = claim, state = state)
                    }
                }
            }
            Condition::StatefulSet { name, state } => match state {
                SetState::Ready(n) => {
                    crate::t!("lesson-condition-set-ready", name = name, count = *n)
                }
                SetState::Updated(n) => {
                    crate::t!("lesson-condition-set-updated", name = name, count = *n)
                }
                SetState::RolledOut => crate::t!("lesson-condition-set-rolled-out", name = name),
                SetState::Gone => crate::t!("lesson-condition-set-gone", name = name),
            },
        }
    }

    /// Whether it holds in the namespace now, and what is there instead.
    pub fn check(&self, model: &Model, namespace: &str, baseline: &Baseline) -> Check {
        let key = |name: &str| Key::new(namespace, name);
        match self {
            Condition::Pod { name, state } => {
                let found = model.store.pods.get(&key(name));
                let phase = found.map(pod::phase);
                let holds = match (state, found) {
                    (PodState::Gone, found) => found.is_none(),
                    (_, None) => false,
                    (PodState::Ready, Some(_)) => phase == Some(Phase::Ready),
                    (PodState::Running, Some(_)) => {
                        matches!(phase, Some(Phase::Running | Phase::Ready))
                    }
                    (PodState::Pending, Some(_)) => phase == Some(Phase::Pending),
                    (PodState::Terminating, Some(_)) => phase == Some(Phase::Terminating),
                    (PodState::Replaced, Some(p)) => {
                        phase == Some(Phase::Ready)
                            && baseline.get(name.as_str()) != Some(&p.metadata.uid.to_string())
                    }
                };
                let now = match (found, phase) {
                    (Some(p), Some(phase)) if *state == PodState::Replaced => {
                        let same = baseline.get(name.as_str()) == Some(&p.metadata.uid.to_string());
                        if same {
                            crate::t!("lesson-now-same-uid", phase = phase.label())
                        } else {
                            crate::t!("lesson-now-new-uid", phase = phase.label())
                        }
                    }
                    (_, Some(phase)) => phase.label().to_string(),
                    _ => crate::t!("lesson-now-no-pod"),
                };
                Check { holds, now }
            }
            Condition::Claim { name, state } => {
                let found = model.store.claims.get(&key(name));
                let users = pods_mounting(model, namespace, name);
                let phase = found.map(|c| {
                    if c.metadata.deletion_timestamp.is_some() {
                        "Terminating".to_string()
                    } else {
                        c.status.phase.as_deref().unwrap_or("Pending").to_string()
                    }
                });
                let holds = match (state, &phase) {
                    (ClaimState::Gone, phase) => phase.is_none(),
                    (_, None) => false,
                    (ClaimState::Bound, Some(p)) => p == "Bound",
                    (ClaimState::Pending, Some(p)) => p == "Pending",
                    (ClaimState::Terminating, Some(p)) => p == "Terminating",
                    (ClaimState::Kept, Some(_)) => users.is_empty(),
                    (ClaimState::Used, Some(_)) => !users.is_empty(),
                };
                let now = match phase {
                    None => crate::t!("lesson-now-no-claim"),
                    Some(p) if users.is_empty() => crate::t!("lesson-now-claim-unused", phase = p),
                    Some(p) => {
                        crate::t!("lesson-now-claim-used", phase = p, pods = users.join(" "))
                    }
                };
                Check { holds, now }
            }
            Condition::Volume { of, state } => {
                let volume = match of {
                    VolumeRef::Named(name) => model.store.volumes.get(&Key::new("", name.as_str())),
                    VolumeRef::OfClaim(claim) => volume_of_claim(model, namespace, claim),
                };
                let phase = volume.map(|v| {
                    if v.metadata.deletion_timestamp.is_some() {
                        "Terminating"
                    } else {
                        v.status.phase.as_deref().unwrap_or("Pending")
                    }
                });
                let holds = match (state, phase) {
                    (VolumeState::Gone, phase) => phase.is_none(),
                    (_, None) => false,
                    (VolumeState::Available, Some(p)) => p == "Available",
                    (VolumeState::Bound, Some(p)) => p == "Bound",
                    (VolumeState::Released, Some(p)) => p == "Released",
                };
                let now = match (volume, phase) {
                    (Some(v), Some(p)) => format!("{} {p}", v.metadata.name),
                    _ => crate::t!("lesson-now-no-volume"),
                };
                Check { holds, now }
            }
            Condition::StatefulSet { name, state } => {
                let Some(set) = model.store.statefulsets.get(&key(name)) else {
                    return Check {
                        holds: *state == SetState::Gone,
                        now: crate::t!("lesson-now-no-statefulset"),
                    };
                };
                let desired = set.spec.replicas.unwrap_or(1);
                let ready = set.status.ready_replicas.unwrap_or(0);
                let updated = set.status.updated_replicas.unwrap_or(0);
                let current = set.status.current_revision.as_deref();
                let update = set.status.update_revision.as_deref();
                let gone = set.metadata.deletion_timestamp.is_some();
                // Right after a change of the spec the status still speaks of
                // the one before (a finished update): not until the
                // controller has seen it.
                let observed = match (set.status.observed_generation, set.metadata.generation) {
                    (Some(seen), Some(spec)) => seen >= spec,
                    _ => true,
                };
                let holds = match state {
                    SetState::Gone => gone,
                    SetState::Ready(n) => {
                        observed && desired == *n && ready == *n && set.status.replicas == *n
                    }
                    SetState::Updated(n) => observed && updated == *n,
                    SetState::RolledOut => {
                        observed && update.is_some() && current == update && updated == desired
                    }
                };
                let now = crate::t!(
                    "lesson-now-statefulset",
                    desired = desired,
                    ready = ready,
                    updated = updated
                );
                Check { holds, now }
            }
        }
    }

    /// The kinds `check` reads: what a class must watch for it.
    pub fn kinds(&self) -> &'static [Kind] {
        match self {
            Condition::Pod { .. } => &[Kind::Pod],
            // `kept` and `used`: the pods that mount it.
            Condition::Claim { .. } => &[Kind::PersistentVolumeClaim, Kind::Pod],
            // `of CLAIM`: the claim names its volume.
            Condition::Volume { .. } => &[Kind::PersistentVolume, Kind::PersistentVolumeClaim],
            Condition::StatefulSet { .. } => &[Kind::StatefulSet],
        }
    }

    /// The pod a `replaced` condition is about: its UID is noted when the step begins.
    pub fn replaced_pod(&self) -> Option<&str> {
        match self {
            Condition::Pod {
                name,
                state: PodState::Replaced,
            } => Some(name),
            _ => None,
        }
    }
}

fn unknown_state(state: &str, known: &str) -> String {
    if state.is_empty() {
        crate::t!("lesson-file-state-missing", known = known)
    } else {
        crate::t!("lesson-file-unknown-state", state = state, known = known)
    }
}

/// The pods of the namespace that mount the claim, by name.
fn pods_mounting(model: &Model, namespace: &str, claim: &str) -> Vec<String> {
    model
        .store
        .pods
        .range(Key::new(namespace, "")..)
        .take_while(|(k, _)| k.namespace == namespace)
        .filter(|(_, p): &(&Key, &Pod)| pod::claims(p).any(|c| c == claim))
        .map(|(k, _)| k.name.to_string())
        .collect()
}

/// The volume bound to the claim, or the one that still names it (Released).
fn volume_of_claim<'a>(
    model: &'a Model,
    namespace: &str,
    claim: &str,
) -> Option<&'a PersistentVolume> {
    let named = model
        .store
        .claims
        .get(&Key::new(namespace, claim))
        .and_then(|c| c.spec.volume_name.as_deref())
        .and_then(|v| model.store.volumes.get(&Key::new("", v)));
    named.or_else(|| {
        model.store.volumes.values().find(|v| {
            v.spec.claim_ref.as_ref().is_some_and(|r| {
                r.name.as_deref() == Some(claim) && r.namespace.as_deref() == Some(namespace)
            })
        })
    })
}
