//! The rollout: replicas desired, current, ready, updated; the revisions;
//! the update strategy and the partition; which ordinal runs which revision.

use serde::Serialize;

use super::pods::pods_of;
use crate::model::Model;
use crate::model::key::Key;
use crate::model::object::IntOrText;
use crate::model::sts::{desired_replicas, partition};
use crate::model::text::Text;

#[derive(Debug, Clone, Serialize)]
pub struct OrdinalRevision {
    pub ordinal: u32,
    pub revision: Option<Text>,
    pub updated: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Rollout {
    pub desired: u32,
    pub current: i32,
    pub ready: i32,
    pub updated: i32,
    pub available: i32,
    pub current_revision: Option<Text>,
    pub update_revision: Option<Text>,
    pub strategy: Text,
    pub partition: i32,
    pub max_unavailable: Option<String>,
    pub pod_management_policy: Text,
    pub ordinals: Vec<OrdinalRevision>,
}

/// The rollout with the revision of each ordinal's pod (for the dump).
pub fn rollout(model: &Model, key: &Key) -> Option<Rollout> {
    let mut r = rollout_status(model, key)?;
    let update_revision = r.update_revision.clone();
    r.ordinals = pods_of(model, key)
        .map(|(ordinal, p)| {
            let revision = p.metadata.labels.revision_hash.as_ref();
            OrdinalRevision {
                ordinal,
                updated: revision.is_some() && revision == update_revision.as_ref(),
                revision: revision.cloned(),
            }
        })
        .collect();
    Some(r)
}

/// The rollout from the StatefulSet's spec and status alone (`ordinals` left
/// empty): what the header shows, without a look at every pod.
pub fn rollout_status(model: &Model, key: &Key) -> Option<Rollout> {
    let sts = model.statefulset(key)?;
    let (spec, status) = (&sts.spec, &sts.status);
    let strategy = spec.update_strategy.as_ref();
    let update_revision = status.update_revision.as_ref();
    Some(Rollout {
        desired: desired_replicas(sts),
        current: status.current_replicas.unwrap_or(status.replicas),
        ready: status.ready_replicas.unwrap_or(0),
        updated: status.updated_replicas.unwrap_or(0),
        available: status.available_replicas.unwrap_or(0),
        current_revision: status.current_revision.clone(),
        update_revision: update_revision.cloned(),
        strategy: strategy
            .and_then(|s| s.type_.clone())
            .unwrap_or_else(|| "RollingUpdate".into()),
        partition: partition(sts),
        max_unavailable: strategy
            .and_then(|s| s.rolling_update.as_ref())
            .and_then(|r| r.max_unavailable.as_ref())
            .map(IntOrText::to_string),
        pod_management_policy: spec
            .pod_management_policy
            .clone()
            .unwrap_or_else(|| "OrderedReady".into()),
        ordinals: Vec::new(),
    })
}
