//! Reading a pod: which StatefulSet ordinal it is and where in its life it stands.

use super::key::Millis;
use super::object::{Pod, millis};
use serde::{Deserialize, Serialize};

/// A pod's place in its life, as the timeline draws it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Phase {
    /// Created, not yet on a node.
    Pending,
    /// On a node, containers not started.
    Scheduled,
    /// The kubelet is creating the containers.
    ContainerCreating,
    /// Containers run; the pod is not Ready.
    Running,
    Ready,
    /// Deletion requested; the pod is shutting down.
    Terminating,
    Succeeded,
    Failed,
    /// Deleted from the API.
    Gone,
}

impl Phase {
    /// The one-letter code used where colour is not available.
    pub fn letter(self) -> char {
        match self {
            Phase::Pending => 'P',
            Phase::Scheduled => 'S',
            Phase::ContainerCreating => 'C',
            Phase::Running => 'R',
            Phase::Ready => 'Y',
            Phase::Terminating => 'T',
            Phase::Succeeded => 'D',
            Phase::Failed => 'F',
            Phase::Gone => '.',
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Phase::Pending => "Pending",
            Phase::Scheduled => "Scheduled",
            Phase::ContainerCreating => "ContainerCreating",
            Phase::Running => "Running",
            Phase::Ready => "Ready",
            Phase::Terminating => "Terminating",
            Phase::Succeeded => "Succeeded",
            Phase::Failed => "Failed",
            Phase::Gone => "Gone",
        }
    }
}

pub fn is_ready(pod: &Pod) -> bool {
    pod.status
        .conditions
        .iter()
        .any(|c| c.type_ == "Ready" && c.status == "True")
}

pub fn phase(pod: &Pod) -> Phase {
    if pod.metadata.deletion_timestamp.is_some() {
        return Phase::Terminating;
    }
    let status = &pod.status;
    match status.phase.as_deref() {
        Some("Succeeded") => return Phase::Succeeded,
        Some("Failed") => return Phase::Failed,
        Some("Running") => {
            return if is_ready(pod) {
                Phase::Ready
            } else {
                Phase::Running
            };
        }
        _ => {}
    }
    if pod.spec.node_name.is_none() {
        return Phase::Pending;
    }
    let creating = status
        .container_statuses
        .iter()
        .any(|c| c.state.waiting.is_some());
    if creating {
        Phase::ContainerCreating
    } else {
        Phase::Scheduled
    }
}

/// The phase its status says, whether or not its deletion was asked for:
/// a Failed pod being deleted is still one that failed.
pub fn phase_of_status(pod: &Pod) -> Phase {
    match pod.status.phase.as_deref() {
        Some("Succeeded") => Phase::Succeeded,
        Some("Failed") => Phase::Failed,
        _ => phase(pod),
    }
}

/// When the pod last became Ready, as its Ready condition says: None when
/// it is not Ready or the condition carries no lastTransitionTime.
pub fn ready_since(pod: &Pod) -> Option<Millis> {
    became_true(pod, "Ready")
}

/// When the pod's condition `type_` last became True, if it is True.
fn became_true(pod: &Pod, type_: &str) -> Option<Millis> {
    pod.status
        .conditions
        .iter()
        .find(|c| c.type_ == type_ && c.status == "True")
        .and_then(|c| c.last_transition_time.as_ref())
        .map(millis)
}

/// What a pod's own object says of its past, for a pod found already
/// running: each phase it went through with when it began, oldest first, from
/// its creationTimestamp, its conditions' lastTransitionTime (PodScheduled,
/// ContainersReady, Ready), its containers' startedAt and its deletion time.
/// The API keeps whole seconds. Phases past the one it is in now are left
/// out (a Ready condition that turned False later, for instance); nothing
/// is later than `now`.
pub fn past(pod: &Pod, now: Millis) -> Vec<(Millis, Phase)> {
    let Some(created) = pod.metadata.created() else {
        return Vec::new();
    };
    let current = phase(pod);
    let started = pod
        .status
        .container_statuses
        .iter()
        .filter_map(|c| c.state.running.as_ref()?.started_at.as_ref())
        .map(millis)
        .min();
    // Any numbers may come from the cluster (or a recording): no arithmetic overflows.
    let deletion_requested = pod.metadata.deletion_timestamp.as_ref().map(|t| {
        let grace = pod.metadata.deletion_grace_period_seconds.unwrap_or(0);
        millis(t).saturating_sub(grace.clamp(0, i64::MAX / 1000) * 1000)
    });
    let mut points = vec![(created, Phase::Pending)];
    let mut add = |at: Option<Millis>, phase: Phase| {
        if let Some(at) = at {
            points.push((at, phase));
        }
    };
    add(became_true(pod, "PodScheduled"), Phase::Scheduled);
    add(
        started.or_else(|| became_true(pod, "ContainersReady")),
        Phase::Running,
    );
    add(became_true(pod, "Ready"), Phase::Ready);
    add(deletion_requested, Phase::Terminating);
    // A life goes forward: a phase is kept only while it is not past the
    // current one, and each begins no earlier than the one before it.
    let mut past: Vec<(Millis, Phase)> = Vec::new();
    for (at, phase) in points {
        if rank(phase) > rank(current) {
            continue;
        }
        let at = at.clamp(created, now.max(created));
        let at = past.last().map_or(at, |(before, _)| at.max(*before));
        // Two phases may begin in one second: both are kept, in order.
        if past.last().is_none_or(|last| last.1 != phase) {
            past.push((at, phase));
        }
    }
    past
}

/// How far along its life a phase is.
fn rank(phase: Phase) -> u8 {
    match phase {
        Phase::Pending => 0,
        Phase::Scheduled => 1,
        Phase::ContainerCreating => 2,
        Phase::Running => 3,
        Phase::Ready => 4,
        Phase::Terminating => 5,
        Phase::Succeeded | Phase::Failed => 6,
        Phase::Gone => 7,
    }
}

/// The StatefulSet that controls this pod, from its controller owner reference.
pub fn owner_statefulset(pod: &Pod) -> Option<&str> {
    pod.metadata
        .controller("StatefulSet")
        .map(|r| r.name.as_str())
}

/// The pod's ordinal: the `apps.kubernetes.io/pod-index` label, else the
/// number after the StatefulSet's name.
pub fn ordinal(pod: &Pod, statefulset: &str) -> Option<u32> {
    if let Some(index) = &pod.metadata.labels.pod_index {
        return index.parse().ok();
    }
    pod.metadata
        .name
        .strip_prefix(statefulset)?
        .strip_prefix('-')?
        .parse()
        .ok()
}

pub fn node(pod: &Pod) -> Option<&str> {
    pod.spec.node_name.as_deref()
}

pub fn ip(pod: &Pod) -> Option<&str> {
    pod.status.pod_ip.as_deref()
}

pub fn revision(pod: &Pod) -> Option<&str> {
    pod.metadata.labels.revision_hash.as_deref()
}

/// Names of the claims the pod mounts.
pub fn claims(pod: &Pod) -> impl Iterator<Item = &str> {
    pod.spec
        .volumes
        .iter()
        .filter_map(|v| v.persistent_volume_claim.as_ref())
        .map(|c| c.claim_name.as_str())
}

/// The names of the pod's containers, in order.
pub fn containers(pod: &Pod) -> impl Iterator<Item = &str> {
    pod.spec.containers.iter().map(|c| c.name.as_str())
}

/// The pod's deletion grace period in seconds, if it has one.
pub fn grace_seconds(pod: &Pod) -> Option<i64> {
    pod.metadata.deletion_grace_period_seconds
}

/// The first 8 characters of a UID: enough to tell incarnations apart.
pub fn short_uid(uid: &str) -> &str {
    match uid.char_indices().nth(8) {
        Some((end, _)) => &uid[..end],
        None => uid,
    }
}
