//! What the StatefulSet controller (kube-controller-manager's
//! `pkg/controller/statefulset`) will do next for one StatefulSet, and what
//! it waits for, read from the model the way the controller reads the
//! cluster: the replica range [start, start + replicas), in-range pods in
//! ascending ordinal, the first unhealthy one holding OrderedReady back,
//! condemned pods highest first, then the rolling update from the highest
//! ordinal down to the partition. The waiting line, the dump's `waiting`
//! field and the timeline's marks all come from [`explain`]; the narration
//! uses the same rules (`words`), so they never disagree.
//!
//! It never predicts a step the controller has not been seen able to take:
//! while `status.observedGeneration` is behind the spec's generation the
//! controller has not read the change, and a step that nothing holds back
//! but that has not come for longer than the controller takes
//! ([`PATIENCE`]) is said to be overdue, with how long.

mod holdup;
mod walk;
pub(crate) mod words;

use serde::Serialize;

use super::Model;
use super::event::{Key, Millis};
use super::text::Text;

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

/// What the controller does next for the StatefulSet `key`, and what it
/// waits for, at time `now` (the wall clock live, the newest event in a
/// replay). None: it is where its spec wants it.
pub fn explain(model: &Model, key: &Key, now: Millis) -> Option<Waiting> {
    let sts = model.statefulset(key)?;
    if !model.store.statefulsets.contains_key(key) {
        return Some(words::statefulset_gone(&key.name));
    }
    if sts.metadata.deletion_timestamp.is_some() {
        return Some(words::statefulset_deleting(&key.name, sts));
    }
    let now = now.max(model.now);
    // Only a connection that delivers can tell a controller at rest from one that does nothing.
    let live = model.is_synced();
    if let Some(generation) = sts.metadata.generation
        && sts
            .status
            .observed_generation
            .is_none_or(|o| o < generation)
    {
        let since = model.history.generation_seen(key).unwrap_or(now);
        return Some(words::not_observed(
            &key.name,
            generation,
            sts.status.observed_generation,
            since,
            now,
            live,
        ));
    }
    let facts = walk::Facts::new(model, key, sts, now);
    let step = facts.next()?;
    facts.explain(step, live)
}
