//! Views derived from the model: pure functions of it, what the dashboard
//! draws and `stsdash dump` prints. Each asks the model's indexes for what it
//! needs (one StatefulSet's pods, one claim's users), so a view of one
//! StatefulSet costs what that StatefulSet holds, and the dashboard asks only
//! for the rows it shows.

mod graph;
mod logs;
mod network;
mod pods;
mod rollout;
mod storage;
mod timeline;
mod waiting;

pub use graph::{GraphRow, GraphSummary, RowKind, graph_rows, graph_summary};
pub use logs::{LogsShown, MAX_LOG_PANES, log_targets};
pub use network::{
    NetworkIdentity, PodIdentity, PodSummary, ServiceInfo, network_identity, pod_summary,
    service_info,
};
pub use rollout::{OrdinalRevision, Rollout, rollout, rollout_status};
pub use storage::{
    Binding, BindingGraph, ClaimNode, ClassNode, PodNode, StorageRows, Visible, VolumeNode,
    binding_graph, claim_binding, other_binding, storage_rows,
};
pub use timeline::{Row, Timeline, TimelineRow, timeline, timeline_of};
pub use waiting::{narration, waiting, waiting_at};

pub use super::sts::{
    MAX_DESIRED_ROWS, Retention, desired_ordinals, desired_replicas, is_parallel, min_ready,
    partition, retention, template_claims,
};
