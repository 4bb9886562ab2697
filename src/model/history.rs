//! What happened, not only what is: every StatefulSet ordinal's life across
//! its incarnations (pod UIDs), the narration, and stsdash's own actions.
//! Everything here is bounded, so memory grows with objects, not with time.

use std::collections::{BTreeMap, VecDeque};

use serde::Serialize;

use super::event::{Action, Key, Millis, Outcome};

fn is_done(outcome: &Outcome) -> bool {
    *outcome == Outcome::Done
}
use super::object::{Pod, StatefulSet};
use super::pod::{self, Phase};
use super::text::Text;
use super::{Store, narration};

pub const MAX_INCARNATIONS: usize = 16;
pub const MAX_SEGMENTS: usize = 64;
pub const MAX_MARKERS: usize = 64;
pub const MAX_NARRATION: usize = 500;
/// At most this many deleted StatefulSets and claims are remembered.
pub const MAX_DELETED_STATEFULSETS: usize = 16;
pub const MAX_DELETED_CLAIMS: usize = 256;
/// At most this many pods stsdash deleted are remembered (to narrate why they went).
pub const MAX_DELETED_BY_US: usize = 64;
/// Identical narration within this many milliseconds is said once.
const REPEAT_WINDOW: Millis = 10_000;

/// A stretch of time an incarnation spent in one phase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment {
    pub phase: Phase,
    pub from: Millis,
    /// None while it lasts.
    pub to: Option<Millis>,
}

/// Something worth a mark on the timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum MarkerKind {
    Created,
    Scheduled {
        node: Text,
    },
    /// `previous` is the IP of the ordinal's previous incarnation, when it differed.
    IpAssigned {
        ip: Text,
        previous: Option<Text>,
    },
    Ready,
    DeletionRequested {
        grace_seconds: Option<i64>,
    },
    Deleted,
    Revision {
        hash: Text,
    },
    /// stsdash caused this: "scale 3 → 1", "delete", "delete refused".
    Action {
        what: String,
        #[serde(skip_serializing_if = "is_done")]
        outcome: Outcome,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Marker {
    pub at: Millis,
    #[serde(flatten)]
    pub kind: MarkerKind,
}

/// One pod UID of an ordinal, from creation until it is gone.
#[derive(Debug, Clone, Serialize)]
pub struct Incarnation {
    pub uid: Text,
    pub pod: Text,
    /// The pod's creationTimestamp (whole seconds), else when it was first seen.
    pub created: Millis,
    /// When stsdash first saw it: earlier phases were not observed.
    pub first_seen: Millis,
    pub node: Option<Text>,
    pub ip: Option<Text>,
    pub revision: Option<Text>,
    pub segments: VecDeque<Segment>,
    pub markers: VecDeque<Marker>,
    pub gone: Option<Millis>,
}

impl Incarnation {
    pub fn phase(&self) -> Phase {
        if self.gone.is_some() {
            return Phase::Gone;
        }
        self.segments.back().map_or(Phase::Pending, |s| s.phase)
    }

    fn enter(&mut self, phase: Phase, at: Millis) {
        if self.segments.back().is_some_and(|s| s.phase == phase) {
            return;
        }
        if let Some(last) = self.segments.back_mut() {
            last.to = Some(at);
        }
        if phase == Phase::Gone {
            return;
        }
        self.segments.push_back(Segment {
            phase,
            from: at,
            to: None,
        });
        if self.segments.len() > MAX_SEGMENTS {
            self.segments.pop_front();
        }
    }

    fn mark(&mut self, at: Millis, kind: MarkerKind) {
        self.markers.push_back(Marker { at, kind });
        if self.markers.len() > MAX_MARKERS {
            self.markers.pop_front();
        }
    }
}

/// Every incarnation an ordinal had, oldest first.
#[derive(Debug, Clone, Default, Serialize)]
pub struct OrdinalLife {
    pub incarnations: VecDeque<Incarnation>,
}

impl OrdinalLife {
    pub fn current(&self) -> Option<&Incarnation> {
        self.incarnations.back()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Info,
    Warning,
}

/// One controller step in plain words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Narration {
    pub at: Millis,
    pub level: Level,
    /// The StatefulSet it is about, when there is one.
    pub statefulset: Option<Key>,
    pub text: String,
}

#[derive(Debug, Clone, Default)]
pub struct History {
    /// By StatefulSet, then ordinal.
    pub ordinals: BTreeMap<Key, BTreeMap<u32, OrdinalLife>>,
    pub narration: VecDeque<Narration>,
    /// Pod UIDs stsdash asked to delete, with when.
    pub deleted_by_us: VecDeque<(Text, Millis)>,
    /// StatefulSets deleted while watched, as last seen: their pods are still
    /// being removed by the garbage collector, under their retention policy.
    pub deleted_statefulsets: VecDeque<(Key, StatefulSet)>,
    /// Claims deleted while watched (and not created again since).
    pub deleted_claims: VecDeque<Key>,
}

impl History {
    pub fn narrate(&mut self, at: Millis, level: Level, statefulset: Option<Key>, text: String) {
        // The same step reported twice in a row (e.g. two Events with one message) is said once.
        let repeated =
            self.narration.iter().rev().take(4).any(|n| {
                n.text == text && n.statefulset == statefulset && at - n.at < REPEAT_WINDOW
            });
        if repeated {
            return;
        }
        self.narration.push_back(Narration {
            at,
            level,
            statefulset,
            text,
        });
        if self.narration.len() > MAX_NARRATION {
            self.narration.pop_front();
        }
    }

    /// Follows a pod of a StatefulSet through its life. `old` and `new` are the
    /// pod before and after (None: did not exist / was deleted).
    pub(super) fn pod_changed(
        &mut self,
        store: &Store,
        at: Millis,
        old: Option<&Pod>,
        new: Option<&Pod>,
        narrate: bool,
    ) {
        let Some(any) = new.or(old) else { return };
        let Some(sts_name) = pod::owner_statefulset(any) else {
            return;
        };
        let Some(ordinal) = pod::ordinal(any, sts_name) else {
            return;
        };
        let sts = Key::new(&any.metadata.namespace, sts_name);
        let uid = any.metadata.uid.clone();
        let life = self
            .ordinals
            .entry(sts.clone())
            .or_default()
            .entry(ordinal)
            .or_default();

        let is_new = life.current().is_none_or(|i| i.uid != uid);
        if is_new {
            let Some(pod) = new else { return };
            let previous_ip = life.current().and_then(|i| i.ip.clone());
            let previous_revision = life.current().and_then(|i| i.revision.clone());
            let created = pod.metadata.created().unwrap_or(at);
            let mut incarnation = Incarnation {
                uid: uid.clone(),
                pod: pod.metadata.name.clone(),
                created,
                first_seen: at,
                node: None,
                ip: previous_ip,
                // Inherited like the IP, so a recreation at another revision is marked.
                revision: previous_revision,
                segments: VecDeque::new(),
                markers: VecDeque::new(),
                gone: None,
            };
            // Seen being created live: mark when seen (creationTimestamp has only
            // whole seconds). Found in the first list: mark its creationTimestamp.
            incarnation.mark(
                if narrate { at } else { created.min(at) },
                MarkerKind::Created,
            );
            // The previous incarnation may still be listed as terminating; it is gone now.
            if let Some(prev) = life.incarnations.back_mut()
                && prev.gone.is_none()
            {
                prev.gone = Some(at);
                prev.enter(Phase::Gone, at);
            }
            life.incarnations.push_back(incarnation);
            if life.incarnations.len() > MAX_INCARNATIONS {
                life.incarnations.pop_front();
            }
        }
        let recreated = life.incarnations.len() > 1 && is_new;
        let previous_revision = life
            .incarnations
            .len()
            .checked_sub(2)
            .and_then(|i| life.incarnations[i].revision.clone());
        let Some(current) = life.incarnations.back_mut() else {
            return;
        };
        let before = current.phase();
        let steps = match new {
            Some(pod) => track(current, pod, at),
            None => {
                current.enter(Phase::Gone, at);
                current.mark(at, MarkerKind::Deleted);
                current.gone = Some(at);
                Steps::default()
            }
        };
        let after = current.phase();
        if narrate {
            let recreated = recreated.then_some(previous_revision);
            let lines = match self
                .ordinals
                .get(&sts)
                .and_then(|o| o.get(&ordinal))
                .and_then(|l| l.current())
            {
                Some(inc) => narration::pod_step(
                    self, store, &sts, ordinal, inc, before, after, is_new, recreated, steps,
                ),
                None => Vec::new(),
            };
            for text in lines {
                self.narrate(at, Level::Info, Some(sts.clone()), text);
            }
        }
    }

    /// An action of stsdash, however it ended: a mark on the rows it aimed
    /// at, and a line of narration that says what happened.
    pub(super) fn record_action(
        &mut self,
        store: &Store,
        at: Millis,
        action: &Action,
        outcome: Outcome,
        why: &str,
    ) {
        let what = match action {
            Action::Scale { from, to, .. } => format!("scale {from} → {to}"),
            Action::DeletePod { .. } => "delete".to_string(),
            Action::Exec { .. } => "exec".to_string(),
        };
        let marker = MarkerKind::Action {
            what: match outcome {
                Outcome::Done => what,
                Outcome::Refused => format!("{what} refused"),
                Outcome::Failed => format!("{what} failed"),
            },
            outcome,
        };
        let owner = |pod: &Key| {
            store
                .pods
                .get(pod)
                .and_then(pod::owner_statefulset)
                .map(|o| Key::new(&pod.namespace, o))
        };
        let statefulset = match action {
            Action::Scale { statefulset, .. } => {
                // The mark goes on every current incarnation of the StatefulSet's rows.
                for life in self.ordinals.get_mut(statefulset).into_iter().flatten() {
                    if let Some(current) = life.1.incarnations.back_mut()
                        && current.gone.is_none()
                    {
                        current.mark(at, marker.clone());
                    }
                }
                Some(statefulset.clone())
            }
            Action::DeletePod { pod, uid } | Action::Exec { pod, uid, .. } => {
                self.mark_incarnation(uid, at, &marker);
                owner(pod)
            }
        };
        if let (Action::DeletePod { uid, .. }, Outcome::Done) = (action, outcome) {
            self.deleted_by_us.push_back((uid.clone(), at));
            if self.deleted_by_us.len() > MAX_DELETED_BY_US {
                self.deleted_by_us.pop_front();
            }
        }
        let (level, text) = match outcome {
            Outcome::Done => (
                Level::Info,
                match action {
                    Action::Scale {
                        statefulset,
                        from,
                        to,
                        ..
                    } => format!(
                        "stsdash scaled {} from {from} to {to} replicas",
                        statefulset.name
                    ),
                    Action::DeletePod { pod, .. } => format!("stsdash deleted pod {}", pod.name),
                    Action::Exec { pod, container, .. } => {
                        format!("stsdash opened a shell in {} ({container})", pod.name)
                    }
                },
            ),
            Outcome::Failed => (
                Level::Warning,
                format!("stsdash could not {}: {why}", action.describe()),
            ),
            Outcome::Refused => (
                Level::Warning,
                format!("stsdash did not {}: {why}", action.describe()),
            ),
        };
        self.narrate(at, level, statefulset, text);
    }

    fn mark_incarnation(&mut self, uid: &str, at: Millis, marker: &MarkerKind) {
        for ordinals in self.ordinals.values_mut() {
            for life in ordinals.values_mut() {
                if let Some(inc) = life.incarnations.iter_mut().find(|i| i.uid == uid) {
                    inc.mark(at, marker.clone());
                }
            }
        }
    }

    pub fn deleted_by_us(&self, uid: &str) -> bool {
        self.deleted_by_us.iter().any(|(u, _)| u == uid)
    }

    pub(super) fn statefulset_deleted(&mut self, key: &Key, last: StatefulSet) {
        self.deleted_statefulsets.retain(|(k, _)| k != key);
        self.deleted_statefulsets.push_back((key.clone(), last));
        if self.deleted_statefulsets.len() > MAX_DELETED_STATEFULSETS {
            self.deleted_statefulsets.pop_front();
        }
    }

    /// The StatefulSet as it was when it was deleted, if it was seen deleted.
    pub fn deleted_statefulset(&self, key: &Key) -> Option<&StatefulSet> {
        self.deleted_statefulsets
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, s)| s)
    }

    /// A claim was deleted (`deleted`) or exists again (re-created by a scale-up).
    pub(super) fn claim_seen(&mut self, key: &Key, deleted: bool) {
        self.deleted_claims.retain(|k| k != key);
        if deleted {
            self.deleted_claims.push_back(key.clone());
            if self.deleted_claims.len() > MAX_DELETED_CLAIMS {
                self.deleted_claims.pop_front();
            }
        }
    }

    pub fn claim_deleted(&self, key: &Key) -> bool {
        self.deleted_claims.contains(key)
    }
}

/// What changed in one update of a pod, for the narration.
#[derive(Debug, Default, Clone, Copy)]
pub struct Steps {
    pub scheduled: bool,
    pub ip_assigned: bool,
    pub became_ready: bool,
    pub deletion_requested: bool,
}

fn track(inc: &mut Incarnation, pod: &Pod, at: Millis) -> Steps {
    let mut steps = Steps::default();
    let phase = pod::phase(pod);
    if let Some(node) = pod::node(pod)
        && inc.node.as_deref() != Some(node)
    {
        inc.node = Some(node.into());
        inc.mark(at, MarkerKind::Scheduled { node: node.into() });
        steps.scheduled = true;
    }
    let ip = pod::ip(pod);
    // An IP is news when this incarnation had none yet (the field starts with
    // the previous incarnation's IP, so a change across incarnations shows).
    let has_marked_ip = inc
        .markers
        .iter()
        .any(|m| matches!(m.kind, MarkerKind::IpAssigned { .. }));
    if let Some(ip) = ip
        && (!has_marked_ip || inc.ip.as_deref() != Some(ip))
    {
        let previous = inc.ip.clone().filter(|p| p != ip);
        inc.ip = Some(ip.into());
        inc.mark(
            at,
            MarkerKind::IpAssigned {
                ip: ip.into(),
                previous,
            },
        );
        steps.ip_assigned = true;
    }
    if let Some(revision) = pod::revision(pod)
        && inc.revision.as_deref() != Some(revision)
    {
        // Known before (this pod's, or its previous incarnation's): a new revision.
        let changed = inc.revision.is_some();
        inc.revision = Some(revision.into());
        if changed {
            inc.mark(
                at,
                MarkerKind::Revision {
                    hash: revision.into(),
                },
            );
        }
    }
    if phase == Phase::Ready && inc.phase() != Phase::Ready {
        inc.mark(at, MarkerKind::Ready);
        steps.became_ready = true;
    }
    if phase == Phase::Terminating && inc.phase() != Phase::Terminating {
        inc.mark(
            at,
            MarkerKind::DeletionRequested {
                grace_seconds: pod::grace_seconds(pod),
            },
        );
        steps.deletion_requested = true;
    }
    inc.enter(phase, at);
    steps
}
