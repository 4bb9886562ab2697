//! What happened, not only what is: every StatefulSet ordinal's life across
//! its incarnations (`timeline`), the narration (`narration_log`), what is
//! gone but still explains the screen (`tombstones`), and stsdash's own
//! actions. Everything here is bounded, so memory grows with objects, not
//! with time.

mod narration_log;
mod past_events;
mod timeline;
mod tombstones;

use std::collections::{BTreeMap, HashMap, VecDeque};

pub use narration_log::{Level, MAX_NARRATION, Narration};
pub use timeline::{
    Incarnation, MAX_INCARNATIONS, MAX_MARKERS, MAX_SEGMENTS, Marker, MarkerKind, OrdinalLife,
    Ownership, PodStep, Segment, Steps,
};
pub use tombstones::{MAX_DELETED_BY_US, MAX_DELETED_CLAIMS, MAX_DELETED_STATEFULSETS};

use super::event::{Action, Key, Millis, Outcome};
use super::object::StatefulSet;
use super::pod;
use super::store::Store;
use super::text::Text;
use crate::t;

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
    /// How far back the reconstructed past reaches, when there is one.
    pub earliest: Option<Millis>,
    /// When each StatefulSet, or one of its pods or claims, last changed:
    /// how long its controller has been quiet.
    activity: HashMap<Key, Millis>,
    /// Each StatefulSet's spec generation, and when it was first seen.
    generations: HashMap<Key, (i64, Millis)>,
    /// Pods that left the StatefulSet's selection (their labels changed)
    /// and still exist, as far as stsdash knows.
    outside: VecDeque<Key>,
}

/// At most this many pods are remembered as outside the selection.
pub const MAX_OUTSIDE: usize = 64;

impl History {
    /// The current incarnation of StatefulSet `key`'s ordinal, if it has one.
    pub fn incarnation(&self, key: &Key, ordinal: u32) -> Option<&Incarnation> {
        self.ordinals.get(key)?.get(&ordinal)?.current()
    }

    /// When the StatefulSet or one of its pods or claims last changed.
    pub fn activity(&self, key: &Key) -> Option<Millis> {
        self.activity.get(key).copied()
    }

    /// When the StatefulSet's current spec generation was first seen.
    pub fn generation_seen(&self, key: &Key) -> Option<Millis> {
        self.generations.get(key).map(|(_, at)| *at)
    }

    /// Whether the pod `key` left the StatefulSet's selection and still exists.
    pub fn is_outside_selection(&self, key: &Key) -> bool {
        self.outside.contains(key)
    }

    pub(in crate::model) fn outside_selection(&mut self, key: Key) {
        if !self.outside.contains(&key) {
            self.outside.push_back(key);
            if self.outside.len() > MAX_OUTSIDE {
                self.outside.pop_front();
            }
        }
    }

    /// A pod of that name is in the selection (again).
    pub(in crate::model) fn inside_selection(&mut self, key: &Key) {
        if !self.outside.is_empty() {
            self.outside.retain(|k| k != key);
        }
    }

    /// Something of the StatefulSet changed at `at`.
    pub(in crate::model) fn touched(&mut self, key: &Key, at: Millis) {
        let last = self.activity.entry(key.clone()).or_insert(at);
        *last = (*last).max(at);
    }

    /// The StatefulSet as it is now (None: gone): its generation is news
    /// when it differs from the one seen before.
    pub(in crate::model) fn statefulset_seen(
        &mut self,
        key: &Key,
        sts: Option<&StatefulSet>,
        at: Millis,
    ) {
        let Some(sts) = sts else {
            self.activity.remove(key);
            self.generations.remove(key);
            return;
        };
        self.touched(key, at);
        if let Some(generation) = sts.metadata.generation
            && self
                .generations
                .get(key)
                .is_none_or(|(g, _)| *g != generation)
        {
            self.generations.insert(key.clone(), (generation, at));
        }
    }

    /// The past now reaches back to `at`.
    pub(in crate::model) fn reaches_back_to(&mut self, at: Millis) {
        self.earliest = Some(self.earliest.map_or(at, |e| e.min(at)));
    }

    /// An action of stsdash, however it ended: a mark on the rows it aimed
    /// at, and a line of narration that says what happened.
    pub(in crate::model) fn record_action(
        &mut self,
        store: &Store,
        at: Millis,
        action: &Action,
        outcome: Outcome,
        why: &str,
    ) {
        let what = match action {
            Action::Scale { from, to, .. } => t!("history-mark-scale", from = *from, to = *to),
            Action::DeletePod { .. } => t!("history-mark-delete"),
            // The kubectl command, as kubectl names it.
            Action::Exec { .. } => "exec".to_string(),
        };
        let marker = MarkerKind::Action {
            what: match outcome {
                Outcome::Done => what,
                Outcome::Refused => t!("history-mark-refused", what = what),
                Outcome::Failed => t!("history-mark-failed", what = what),
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
            self.deleted_by_us_at(uid, at);
        }
        let level = match outcome {
            Outcome::Done => Level::Info,
            Outcome::Failed | Outcome::Refused => Level::Warning,
        };
        self.narrate(at, level, statefulset, action_line(action, outcome, why));
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
}

/// An action of stsdash in the narration: done, failed (`why`: what the
/// cluster said) or refused (`why`: why stsdash did not send it).
fn action_line(action: &Action, outcome: Outcome, why: &str) -> String {
    match (action, outcome) {
        (
            Action::Scale {
                statefulset,
                from,
                to,
                ..
            },
            outcome,
        ) => {
            let (sts, from, to) = (&statefulset.name, *from, *to);
            match outcome {
                Outcome::Done => t!("history-scaled", statefulset = sts, from = from, to = to),
                Outcome::Failed => t!(
                    "history-could-not-scale",
                    statefulset = sts,
                    from = from,
                    to = to,
                    why = why
                ),
                Outcome::Refused => t!(
                    "history-did-not-scale",
                    statefulset = sts,
                    from = from,
                    to = to,
                    why = why
                ),
            }
        }
        (Action::DeletePod { pod, .. }, outcome) => {
            let pod = &pod.name;
            match outcome {
                Outcome::Done => t!("history-deleted-pod", pod = pod),
                Outcome::Failed => t!("history-could-not-delete", pod = pod, why = why),
                Outcome::Refused => t!("history-did-not-delete", pod = pod, why = why),
            }
        }
        (Action::Exec { pod, container, .. }, outcome) => {
            let pod = &pod.name;
            match outcome {
                Outcome::Done => t!("history-opened-shell", pod = pod, container = container),
                Outcome::Failed => t!(
                    "history-could-not-exec",
                    pod = pod,
                    container = container,
                    why = why
                ),
                Outcome::Refused => t!(
                    "history-did-not-exec",
                    pod = pod,
                    container = container,
                    why = why
                ),
            }
        }
    }
}
