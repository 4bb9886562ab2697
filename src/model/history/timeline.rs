//! Every StatefulSet ordinal's life across its incarnations (pod UIDs): the
//! phases it went through and the marks worth seeing on the timeline.

use std::collections::VecDeque;

use serde::Serialize;

use super::History;
use crate::model::event::{Key, Millis, Outcome};
use crate::model::object::Pod;
use crate::model::pod::{self, Phase};
use crate::model::text::Text;

pub const MAX_INCARNATIONS: usize = 16;
pub const MAX_SEGMENTS: usize = 64;
pub const MAX_MARKERS: usize = 64;

fn is_done(outcome: &Outcome) -> bool {
    *outcome == Outcome::Done
}

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
    /// An Event the API still kept when stsdash started (reason, e.g.
    /// SuccessfulCreate, Killing, FailedScheduling).
    Event {
        reason: Text,
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        warning: bool,
    },
    /// The StatefulSet let go of the pod (it no longer has it as controller:
    /// its labels stopped matching the selector, or its owner reference
    /// was removed); the ordinal's row no longer follows it.
    Released,
    /// The StatefulSet adopted a pod of its name that had no controller.
    Adopted,
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

    pub(super) fn enter(&mut self, phase: Phase, at: Millis) {
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

    /// A pod found already there (by the first list): its past as its own
    /// object tells it, before `first_seen`; what follows is observed.
    fn reconstruct(&mut self, pod: &Pod, now: Millis) {
        self.mark(self.created.min(now), MarkerKind::Created);
        for (at, phase) in pod::past(pod, now) {
            match phase {
                Phase::Scheduled => {
                    if let Some(node) = pod::node(pod) {
                        self.node = Some(node.into());
                        self.mark(at, MarkerKind::Scheduled { node: node.into() });
                    }
                }
                Phase::Ready => self.mark(at, MarkerKind::Ready),
                Phase::Terminating => self.mark(
                    at,
                    MarkerKind::DeletionRequested {
                        grace_seconds: pod::grace_seconds(pod),
                    },
                ),
                _ => {}
            }
            self.enter(phase, at);
        }
    }

    /// Whether a moment is before stsdash saw this incarnation: what is drawn
    /// there was reconstructed.
    pub fn reconstructed(&self, at: Millis) -> bool {
        at < self.first_seen
    }

    pub(super) fn mark(&mut self, at: Millis, kind: MarkerKind) {
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
    /// Events about this ordinal the API still kept when stsdash started,
    /// oldest first: its past before the first list, earlier incarnations too.
    #[serde(skip_serializing_if = "VecDeque::is_empty")]
    pub past_events: VecDeque<Marker>,
}

impl OrdinalLife {
    pub fn current(&self) -> Option<&Incarnation> {
        self.incarnations.back()
    }
}

/// What one update of a pod did to its ordinal's life, for the narration.
#[derive(Debug, Clone)]
pub struct PodStep {
    pub sts: Key,
    pub ordinal: u32,
    /// When the update was applied.
    pub at: Millis,
    pub before: Phase,
    pub after: Phase,
    /// A new incarnation (pod UID) of the ordinal.
    pub is_new: bool,
    /// Some when the ordinal had an earlier incarnation: that one's revision.
    pub recreated: Option<Option<Text>>,
    pub steps: Steps,
    /// The pod left (released) or joined (adopted) the StatefulSet.
    pub ownership: Option<Ownership>,
}

/// A pod that changed hands without being created or deleted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ownership {
    Adopted,
    Released,
}

impl History {
    /// Follows a pod of a StatefulSet through its life. `old` and `new` are the
    /// pod before and after (None: did not exist / was deleted).
    /// Returns what changed, for the narration; None for a pod of no StatefulSet.
    /// `live`: seen happening (not found by the first list).
    pub(in crate::model) fn pod_changed(
        &mut self,
        at: Millis,
        old: Option<&Pod>,
        new: Option<&Pod>,
        live: bool,
    ) -> Option<PodStep> {
        let any = new.or(old)?;
        // A pod that still exists but lost its controller was released: it
        // leaves the row of the StatefulSet that had it.
        let (sts_name, released) = match (
            new.and_then(pod::owner_statefulset),
            old.and_then(pod::owner_statefulset),
        ) {
            (Some(now), _) => (now, false),
            (None, Some(before)) => (before, new.is_some()),
            (None, None) => return None,
        };
        let adopted =
            new.is_some() && old.is_some_and(|o| pod::owner_statefulset(o) != Some(sts_name));
        let ordinal = pod::ordinal(any, sts_name)?;
        let sts = Key::new(&any.metadata.namespace, sts_name);
        let uid = any.metadata.uid.clone();
        let life = self
            .ordinals
            .entry(sts.clone())
            .or_default()
            .entry(ordinal)
            .or_default();

        if released || adopted {
            return Some(ownership_changed(
                life, sts, ordinal, &uid, new, at, adopted,
            ));
        }
        // Rebuilt from Events as gone, but its pod is here: the Events were
        // listed after it was made and the pods before, so it was never gone.
        // Its own object tells its past instead.
        let guessed = new.is_some()
            && life
                .current()
                .is_some_and(|i| i.uid == uid && i.gone.is_some());
        if guessed {
            life.incarnations.pop_back();
        }
        let live = live && !guessed;
        let is_new = life.current().is_none_or(|i| i.uid != uid);
        if is_new {
            let pod = new?;
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
            if live {
                // Seen being created: marked when seen (creationTimestamp has
                // only whole seconds).
                incarnation.mark(at, MarkerKind::Created);
            } else {
                incarnation.reconstruct(pod, at);
            }
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
        let created = life.current().map(|i| i.created);
        let previous_revision = life
            .incarnations
            .len()
            .checked_sub(2)
            .and_then(|i| life.incarnations[i].revision.clone());
        let current = life.incarnations.back_mut()?;
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
        if is_new
            && !live
            && let Some(created) = created
        {
            self.reaches_back_to(created);
        }
        Some(PodStep {
            sts,
            ordinal,
            at,
            before,
            after,
            is_new,
            recreated: recreated.then_some(previous_revision),
            steps,
            ownership: None,
        })
    }
}

/// A pod released by its StatefulSet (its incarnation ends on the row) or
/// adopted by one (the incarnation goes on, or begins, on the row).
fn ownership_changed(
    life: &mut OrdinalLife,
    sts: Key,
    ordinal: u32,
    uid: &Text,
    new: Option<&Pod>,
    at: Millis,
    adopted: bool,
) -> PodStep {
    let before = life
        .current()
        .filter(|i| i.uid == *uid)
        .map_or(Phase::Gone, |i| i.phase());
    let after = if adopted {
        let pod = new.expect("an adopted pod exists");
        let phase = pod::phase(pod);
        match life.incarnations.back_mut().filter(|i| i.uid == *uid) {
            Some(current) => {
                current.gone = None;
                current.mark(at, MarkerKind::Adopted);
                current.enter(phase, at);
            }
            None => {
                let mut inc = Incarnation {
                    uid: uid.clone(),
                    pod: pod.metadata.name.clone(),
                    created: pod.metadata.created().unwrap_or(at),
                    first_seen: at,
                    node: pod::node(pod).map(Into::into),
                    ip: pod::ip(pod).map(Into::into),
                    revision: pod::revision(pod).map(Into::into),
                    segments: VecDeque::new(),
                    markers: VecDeque::new(),
                    gone: None,
                };
                inc.mark(at, MarkerKind::Adopted);
                inc.enter(phase, at);
                if let Some(prev) = life.incarnations.back_mut()
                    && prev.gone.is_none()
                {
                    prev.gone = Some(at);
                    prev.enter(Phase::Gone, at);
                }
                life.incarnations.push_back(inc);
                if life.incarnations.len() > MAX_INCARNATIONS {
                    life.incarnations.pop_front();
                }
            }
        }
        phase
    } else {
        if let Some(current) = life.incarnations.back_mut().filter(|i| i.uid == *uid) {
            current.mark(at, MarkerKind::Released);
            current.enter(Phase::Gone, at);
            current.gone = Some(at);
        }
        Phase::Gone
    };
    PodStep {
        sts,
        ordinal,
        at,
        before,
        after,
        is_new: false,
        recreated: None,
        steps: Steps::default(),
        ownership: Some(if adopted {
            Ownership::Adopted
        } else {
            Ownership::Released
        }),
    }
}

/// What changed in one update of a pod, for the narration.
#[derive(Debug, Default, Clone, Copy)]
pub struct Steps {
    pub scheduled: bool,
    pub ip_assigned: bool,
    pub became_ready: bool,
    /// Ready before, Running and not Ready now (its readiness probe fails).
    pub lost_ready: bool,
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
    steps.lost_ready = phase == Phase::Running && inc.phase() == Phase::Ready;
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
