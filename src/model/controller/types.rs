//! What the controller's walk (`walk`) and its words (`words`) share: the
//! waiting they make, and the facts, healths and steps the walk finds and
//! the words say. Both import these; neither imports the other.

use serde::Serialize;

use crate::model::Model;
use crate::model::key::{Key, Millis};
use crate::model::object::StatefulSet;
use crate::model::pod::Phase;
use crate::model::text::Text;

/// Longer than the controller takes to take a step nothing holds back (it
/// acts within milliseconds of the change it reacts to): after this, the
/// step is overdue and the controller manager may be down or behind.
pub const PATIENCE: Millis = 10_000;

/// Why the StatefulSet is not where its spec wants it, in the controller's terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// The StatefulSet is gone: nothing creates or replaces its pods.
    StatefulSetDeleted,
    /// Being deleted: the garbage collector removes its pods.
    StatefulSetDeleting,
    /// `status.observedGeneration` is behind `metadata.generation`: the
    /// controller has not read the spec's change yet.
    NotObserved,
    /// A step nothing holds back has not come for longer than the
    /// controller takes.
    ControllerIdle,
    /// The next pod is created now.
    Creating,
    /// A Pending pod's claim is missing: the controller creates it again.
    CreatingClaim,
    /// The controller tries and fails (a Warning Event on the StatefulSet).
    ActionFailing,
    /// A pod of that name exists that the StatefulSet does not control.
    NameTaken,
    /// A pod of that name has no controller: the StatefulSet adopts it.
    Adopting,
    /// A Failed (or Succeeded) pod: the controller deletes it and creates it again.
    RecreatingFailed,
    /// A pod is terminating: the controller waits for it to be gone.
    Terminating,
    /// A pod is not on a node yet.
    Pending,
    /// OrderedReady waits for a pod to be Running and Ready.
    NotReady,
    /// minReadySeconds: a Ready pod is not available yet (see `until`).
    NotAvailable,
    /// A condemned pod (outside the replica range) goes next.
    ScalingDown,
    /// The rolling update replaces a pod next.
    Updating,
    /// The partition keeps pods below it at the old revision.
    Partitioned,
    /// updateStrategy OnDelete: pods at the old revision wait to be deleted.
    OnDelete,
}

/// The object that holds the StatefulSet where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Blocking {
    /// Pod, PersistentVolumeClaim or StatefulSet.
    pub kind: &'static str,
    pub name: Text,
    /// A pod's ordinal: the timeline row that holds the others back.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ordinal: Option<u32>,
}

/// Why the StatefulSet is not yet where it wants to be, right now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Waiting {
    pub reason: Reason,
    /// What holds it back, when one object does.
    pub blocking: Option<Blocking>,
    /// The controller's rule at work, in its terms.
    pub rule: String,
    /// When it moves on by itself (a minReadySeconds countdown), in ms
    /// since the epoch.
    pub until: Option<Millis>,
    /// What would move it on, when someone has to act.
    pub unblock: Option<String>,
    /// The ordinal the controller acts on next (creates, removes, replaces).
    pub next: Option<u32>,
    /// All of it in one line, as the dashboard and the dump say it.
    pub text: String,
    /// When the words change with time alone (a countdown, the patience
    /// running out): the dashboard draws again then.
    #[serde(skip)]
    pub changes_at: Option<Millis>,
}

/// How a pod stands, as OrderedReady judges it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Health {
    /// Not on a node yet.
    Pending,
    /// On a node, not Running and Ready yet (its phase now).
    Starting(Phase),
    /// Deletion requested: it is going.
    Terminating,
    /// Failed or Succeeded: it will not run again.
    Ended(Phase),
    /// Ready, not for minReadySeconds yet: available at `until`.
    NotAvailable {
        ready_since: Millis,
        until: Millis,
    },
    Healthy,
}

/// What a pod that is not healthy holds back under OrderedReady.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Held {
    /// Creating this ordinal.
    Create(u32),
    /// Removing this condemned ordinal.
    ScaleDown(u32),
    /// Replacing this ordinal at the update revision.
    Update(u32),
    /// Nothing yet: every pod exists and runs the update revision.
    Nothing,
}

/// The controller's next step, or what it waits for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Step {
    /// The first missing ordinal (under Parallel the first few of all the
    /// missing ones), created now; and how many are missing in all.
    Create(Vec<u32>, usize),
    /// A pod of that name exists without a controller: adopted if it matches.
    Adopt(u32),
    /// A pod of that name exists under another controller (kind, name).
    NameTaken(u32, Text, Text),
    /// A pod of that name left the StatefulSet's selection and still exists.
    Outside(u32),
    /// A Pending pod whose template claims are missing: they are created now.
    CreateClaims(u32, Vec<Text>),
    /// A Failed or Succeeded pod, deleted now to be created again.
    RecreateEnded(u32, Phase),
    /// A pod in range is terminating: created again once it is gone.
    Replacing(u32),
    /// A pod (OrderedReady: the first unhealthy one) holds something back.
    Blocked(u32, Health, Held),
    /// Condemned pods removed now (one under OrderedReady, all under Parallel).
    ScaleDown(Vec<u32>),
    /// A condemned pod is terminating; the next one goes once it is gone.
    ScaleDownTerminating(u32),
    /// Pods replaced now at the update revision, highest first.
    Update(Vec<u32>),
    /// The partition keeps these pods at the old revision.
    Partitioned(Vec<u32>),
    /// OnDelete: these pods run an old revision until they are deleted.
    OnDelete(Vec<u32>),
}

impl Step {
    /// A step the controller takes as soon as it acts: if it does not come,
    /// the controller is not acting. (A Pending pod's missing claim waits
    /// for the controller's next sync of the StatefulSet, which only a
    /// change to it or its pods brings.)
    pub fn is_immediate(&self) -> bool {
        matches!(
            self,
            Step::Create(..)
                | Step::Adopt(_)
                | Step::RecreateEnded(..)
                | Step::ScaleDown(_)
                | Step::Update(_)
        )
    }
}

/// What the controller reads of one StatefulSet.
pub(super) struct Facts<'a> {
    pub model: &'a Model,
    pub key: &'a Key,
    pub sts: &'a StatefulSet,
    pub range: std::ops::Range<u32>,
    pub ordered: bool,
    pub min_ready: Millis,
    pub now: Millis,
}
