//! The watches of `stsdash class`: the students' namespaces (by a label
//! selector on namespaces, if given), and one watch per kind across the
//! cluster for what the lesson's conditions and the zoomed dashboard read.
//! A kind the user may not list across the cluster (a teacher whose
//! ClusterRole is given by a RoleBinding in each student's namespace) is
//! watched in each student's namespace instead, as the namespaces come and
//! go; a namespace where that is refused too is said so by its watch
//! (`WatchFailed { forbidden }` in `InNamespace`), never an error of the whole.

use std::collections::BTreeMap;

use tokio::sync::mpsc;
use tokio::task::{AbortHandle, JoinSet};

use super::{ClusterError, Connection, watch};
use crate::model::{ClusterEvent, Kind};

/// The namespaced kinds a class watches: what the lessons' conditions read
/// (StatefulSets, pods, claims), Events (a warning marks a row stuck) and
/// Services (the zoomed dashboard's header names the governing one).
/// Not EndpointSlices nor ControllerRevisions: the grid needs neither, and
/// the zoomed dashboard does without (no endpoints' readiness, revisions by
/// their hash).
pub const NAMESPACED: [Kind; 5] = [
    Kind::StatefulSet,
    Kind::Pod,
    Kind::PersistentVolumeClaim,
    Kind::Event,
    Kind::Service,
];
/// And the cluster-wide ones: volumes and their classes.
pub const CLUSTER_WIDE: [Kind; 2] = [Kind::PersistentVolume, Kind::StorageClass];

/// The class's watches, and those of each namespace when needed.
pub struct Watches {
    client: kube::Client,
    tx: mpsc::Sender<ClusterEvent>,
    /// Kinds watched in each namespace, because the user may not list them
    /// across the cluster.
    per_namespace: Vec<Kind>,
    /// The watches of each namespace, while it is a student's.
    running: BTreeMap<String, Vec<AbortHandle>>,
    tasks: JoinSet<()>,
}

impl Watches {
    /// Asks the API server which kinds the user may list and watch across
    /// the cluster (a SelfSubjectAccessReview each), then starts the
    /// namespaces' watch (`selector`: a label selector on namespaces) and one
    /// watch per kind that may be watched so.
    pub async fn start(
        connection: &Connection,
        selector: Option<String>,
        tx: mpsc::Sender<ClusterEvent>,
    ) -> Result<Watches, ClusterError> {
        let mut per_namespace = Vec::new();
        for kind in NAMESPACED {
            let group = match kind {
                Kind::StatefulSet => "apps",
                _ => "",
            };
            let list = connection
                .may("list", group, kind.resource(), "", None)
                .await?;
            let watch = connection
                .may("watch", group, kind.resource(), "", None)
                .await?;
            if !(list && watch) {
                per_namespace.push(kind);
            }
        }
        let client = connection.client.clone();
        let mut tasks = JoinSet::new();
        watch::spawn_kind(
            &mut tasks,
            &client,
            Kind::Namespace,
            None,
            selector,
            tx.clone(),
        );
        for kind in NAMESPACED
            .iter()
            .chain(CLUSTER_WIDE.iter())
            .filter(|k| !per_namespace.contains(k))
        {
            watch::spawn_kind(&mut tasks, &client, *kind, None, None, tx.clone());
        }
        Ok(Watches {
            client,
            tx,
            per_namespace,
            running: BTreeMap::new(),
            tasks,
        })
    }

    /// The kinds watched namespace by namespace (none when the user may
    /// list every kind across the cluster).
    pub fn per_namespace(&self) -> &[Kind] {
        &self.per_namespace
    }

    /// Watches exactly these namespaces one by one (for the kinds that
    /// need it): new ones are started, those gone stopped.
    pub fn follow(&mut self, namespaces: &[String]) {
        if self.per_namespace.is_empty() {
            return;
        }
        self.running.retain(|name, handles| {
            let keep = namespaces.contains(name);
            if !keep {
                handles.iter().for_each(AbortHandle::abort);
            }
            keep
        });
        for name in namespaces {
            if self.running.contains_key(name) {
                continue;
            }
            let handles = self
                .per_namespace
                .iter()
                .map(|kind| {
                    watch::spawn_kind(
                        &mut self.tasks,
                        &self.client,
                        *kind,
                        Some(name),
                        None,
                        self.tx.clone(),
                    )
                })
                .collect();
            self.running.insert(name.clone(), handles);
        }
        // Tasks that ended (aborted, or refused) are let go.
        while self.tasks.try_join_next().is_some() {}
    }
}
