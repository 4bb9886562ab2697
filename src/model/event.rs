//! What the watch and action tasks tell the model: typed, timestamped events.
//! They are also the unit of `--record` files (one JSON object per line),
//! so they hold facts, not sentences: what stsdash says of them is worded
//! when it is said, and a recording replays in any language.

use serde::{Deserialize, Serialize};

pub use super::connection::Problem;
pub use super::key::{Key, Kind, MAX_MILLIS, Millis};
pub use super::object::Object;
pub use super::ran::{Applied, AppliedObject, RunOutput};
use super::text::Text;
pub use super::why::{Failure, Refusal, Tried};

/// An action stsdash itself took, so the timeline can mark it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Action {
    /// `uid` is the StatefulSet's when the key was pressed: a StatefulSet
    /// replaced since is not scaled.
    Scale {
        statefulset: Key,
        #[serde(default)]
        uid: Text,
        from: i32,
        to: i32,
    },
    DeletePod {
        pod: Key,
        uid: Text,
    },
    /// A shell session in the pod (recorded when it ends).
    Exec {
        pod: Key,
        uid: Text,
        container: Text,
    },
}

impl Action {
    /// In words, for the status line and the narration.
    pub fn describe(&self) -> String {
        match self {
            Action::Scale {
                statefulset,
                from,
                to,
                ..
            } => crate::t!(
                "action-scale",
                name = statefulset.name,
                from = *from,
                to = *to
            ),
            Action::DeletePod { pod, .. } => crate::t!("action-delete-pod", pod = pod.name),
            Action::Exec { pod, container, .. } => {
                crate::t!("action-shell", pod = pod.name, container = container)
            }
        }
    }
}

/// How an action of stsdash ended.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    #[default]
    Done,
    /// stsdash did not send it (its target was replaced or is gone since the key press).
    Refused,
    /// The cluster refused it or did not answer.
    Failed,
}

/// What happened, as the model sees it. Watch streams follow kube-rs's
/// watcher protocol: a (re)list is `InitStarted`, `InitObject`s, `InitDone`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Change {
    /// A (re)list of `kind` begins; objects follow until `InitDone`.
    InitStarted {
        kind: Kind,
    },
    InitObject(Object),
    /// The (re)list is complete: objects it did not contain are gone.
    InitDone {
        kind: Kind,
    },
    Applied(Object),
    Deleted(Object),
    /// The watch of `kind` failed; it retries with backoff unless forbidden.
    WatchFailed {
        kind: Kind,
        message: Problem,
        forbidden: bool,
    },
    /// The watch of `kind` selects other objects now (the pods of a StatefulSet
    /// whose selector became known): its next list is like a first one.
    /// `after_absence`: the StatefulSet was known not to exist before, so what
    /// the list finds appeared while stsdash watched and is told as seen live.
    Reselected {
        kind: Kind,
        #[serde(default)]
        after_absence: bool,
    },
    /// The watch of `kind` that failed is back: the API server took it again.
    WatchResumed {
        kind: Kind,
    },
    /// Whether the API server answers (its readiness endpoint): None when it
    /// does, else why not.
    ServerHealth {
        problem: Option<Problem>,
    },
    /// stsdash did this.
    ActionTaken(Action),
    /// stsdash tried this and the cluster refused (or did not answer).
    ActionFailed {
        action: Action,
        message: Failure,
    },
    /// stsdash did not send this: its target is not the one the key chose.
    ActionRefused {
        action: Action,
        reason: Refusal,
    },
    /// Time passed and nothing happened: `stsdash dump` says so before it
    /// prints, so what is overdue at that moment is said (and a replay of
    /// its recording says the same).
    Clock,
    /// Lines of a followed pod's log, in the order it wrote them.
    LogLines {
        pod: Key,
        uid: Text,
        container: Text,
        lines: Vec<super::log::LogLine>,
    },
    /// A list, failure or return of a watch of one namespace (`stsdash
    /// class` when the user may not list a kind across the cluster): `of`
    /// is `InitStarted`, `InitDone`, `WatchFailed` or `WatchResumed`, about
    /// that namespace only. Objects come as usual, each naming its namespace.
    InNamespace {
        namespace: Text,
        of: Box<Change>,
    },
    /// Where a lesson stands (`stsdash lesson`): recorded, so a replay shows
    /// the lesson strip as the class saw it. The model itself ignores it.
    Lesson(LessonMark),
}

/// A lesson's step began, ran, was done, skipped or answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonMark {
    pub step: u32,
    pub kind: MarkKind,
}

/// Its `output` and `message` are facts, worded when shown (a recording
/// from before holds sentences there, shown as written).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum MarkKind {
    Started,
    /// Its action ran; what it printed.
    Ran {
        output: RunOutput,
    },
    /// Its action did not happen: why.
    Failed {
        message: Failure,
    },
    /// Its conditions hold.
    Met,
    Skipped,
    /// Its answer was shown.
    Revealed,
    /// The last step is over.
    Finished,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ClusterEvent {
    /// When the event was received (milliseconds since the epoch).
    pub at: Millis,
    #[serde(flatten)]
    pub change: Change,
}

/// The wall clock, in the model's unit.
pub fn now_millis() -> Millis {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as Millis)
        .unwrap_or_default()
}
