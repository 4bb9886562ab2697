//! The watches of `stsdash class`. At rest, only what the grid reads, one
//! watch per kind across the cluster: the students' namespaces (by a label
//! selector on namespaces, if given), StatefulSets, pods, claims, Warning
//! Events, and the kinds the lesson's conditions read beyond those. What
//! only the zoomed dashboard reads (Services, EndpointSlices,
//! ControllerRevisions, volumes, classes) is watched while a student's
//! namespace is zoomed, in that namespace.
//! Nothing is asked before: a kind whose watch across the cluster is refused
//! (403: a teacher whose ClusterRole is given by a RoleBinding in each
//! student's namespace) is watched in each student's namespace instead, when
//! the app asks (`Wanted::per_namespace`); a namespace where that is refused
//! too is said so by its watch (`WatchFailed { forbidden }` in
//! `InNamespace`), never an error of the whole.

use std::collections::BTreeMap;

use tokio::sync::mpsc;
use tokio::task::{AbortHandle, JoinSet};

use super::health::Heard;
use super::watch::{self, Target};
use crate::model::{ClusterEvent, Kind, object};

/// What the grid reads of every student's namespace, whatever the lesson:
/// the namespaces (which are the students'), the lessons' objects, and
/// Events (a warning marks a row stuck; only warnings are watched).
pub const GRID: [Kind; 5] = [
    Kind::Namespace,
    Kind::StatefulSet,
    Kind::Pod,
    Kind::PersistentVolumeClaim,
    Kind::Event,
];

/// The grid needs no Normal Event (they are most of a class's Events, and
/// would push the warnings out of the model's 1,000).
pub const EVENTS: &str = "type=Warning";

/// What the app wants watched besides the watches across the cluster.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Wanted {
    /// The students' namespaces.
    pub namespaces: Vec<String>,
    /// Kinds whose watch across the cluster was refused: watched in each of
    /// `namespaces` instead.
    pub per_namespace: Vec<Kind>,
    /// The namespace zoomed into, and the kinds only its dashboard reads.
    pub zoom: Option<(String, Vec<Kind>)>,
}

/// One watch besides those across the cluster.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct One {
    kind: Kind,
    /// None: a cluster-scoped kind of the zoomed dashboard.
    namespace: Option<String>,
    /// A student's namespace watched on its own (not the zoom's).
    per_namespace: bool,
}

/// The class's watches.
pub struct Watches {
    client: kube::Client,
    tx: mpsc::Sender<ClusterEvent>,
    running: BTreeMap<One, AbortHandle>,
    tasks: JoinSet<()>,
    /// When any of them last heard from the API server.
    heard: Heard,
}

impl Watches {
    /// Starts the watch of each of `kinds` across the cluster (the
    /// namespaces by `selector`, a label selector on namespaces; Events
    /// only the warnings), each telling `heard` when the API server speaks.
    pub fn start(
        client: kube::Client,
        kinds: &[Kind],
        selector: Option<String>,
        heard: Heard,
        tx: mpsc::Sender<ClusterEvent>,
    ) -> Watches {
        let mut tasks = JoinSet::new();
        for kind in kinds {
            let within = Within {
                label_selector: selector.clone().filter(|_| *kind == Kind::Namespace),
                field_selector: (*kind == Kind::Event).then(|| EVENTS.to_string()),
                ..Within::default()
            };
            spawn_kind(&mut tasks, &client, *kind, within, &heard, tx.clone());
        }
        Watches {
            client,
            tx,
            running: BTreeMap::new(),
            tasks,
            heard,
        }
    }

    /// Watches exactly what `wanted` says besides the watches across the
    /// cluster: new watches are started, those no longer wanted stopped.
    pub fn reconcile(&mut self, wanted: &Wanted) {
        let mut want: Vec<One> = Vec::new();
        for namespace in &wanted.namespaces {
            want.extend(wanted.per_namespace.iter().map(|kind| One {
                kind: *kind,
                namespace: Some(namespace.clone()),
                per_namespace: true,
            }));
        }
        if let Some((namespace, kinds)) = &wanted.zoom {
            want.extend(kinds.iter().map(|kind| One {
                kind: *kind,
                namespace: namespaced(*kind).then(|| namespace.clone()),
                per_namespace: false,
            }));
        }
        self.running.retain(|one, handle| {
            let keep = want.contains(one);
            if !keep {
                handle.abort();
            }
            keep
        });
        for one in want {
            if self.running.contains_key(&one) {
                continue;
            }
            let within = Within {
                namespace: one.namespace.clone(),
                said_as_namespace: one.per_namespace,
                field_selector: (one.per_namespace && one.kind == Kind::Event)
                    .then(|| EVENTS.to_string()),
                ..Within::default()
            };
            let (client, tx) = (&self.client, self.tx.clone());
            let handle = spawn_kind(&mut self.tasks, client, one.kind, within, &self.heard, tx);
            self.running.insert(one, handle);
        }
        // Tasks that ended (aborted, or refused) are let go.
        while self.tasks.try_join_next().is_some() {}
    }
}

/// Whether the kind's objects live in namespaces.
pub fn namespaced(kind: Kind) -> bool {
    !matches!(
        kind,
        Kind::Namespace | Kind::PersistentVolume | Kind::StorageClass
    )
}

/// Where `spawn_kind` watches one kind, and which of its objects.
#[derive(Debug, Clone, Default)]
struct Within {
    /// One namespace; None: across the cluster (a cluster-scoped kind is
    /// always watched across it).
    namespace: Option<String>,
    /// Its lists and failures are said as that namespace's
    /// (`Change::InNamespace`): one namespace's watch beside others of the
    /// same kind, whose relist must not delete the others' objects.
    said_as_namespace: bool,
    label_selector: Option<String>,
    field_selector: Option<String>,
}

/// Starts the watch of one kind, where `within` says.
fn spawn_kind(
    tasks: &mut JoinSet<()>,
    client: &kube::Client,
    kind: Kind,
    within: Within,
    heard: &Heard,
    tx: mpsc::Sender<ClusterEvent>,
) -> AbortHandle {
    use k8s_openapi::api::storage::v1 as storage;
    use k8s_openapi::api::{apps::v1 as apps, core::v1 as core, discovery::v1 as discovery};
    let ns = within.namespace.as_deref();
    let target = |path: String| Target {
        kind,
        path,
        field_selector: within.field_selector.clone(),
        label_selector: within.label_selector.clone(),
        follow_selector: None,
        publish_selector: None,
        namespace: ns
            .filter(|_| within.said_as_namespace)
            .map(crate::model::Text::new),
        heard: Some(heard.clone()),
    };
    let client = client.clone();
    macro_rules! one {
        ($type:ident, $api:ty, $ns:expr) => {
            tasks.spawn(watch::run::<object::$type>(
                client,
                target(watch::path_of::<$api>($ns)),
                tx,
            ))
        };
    }
    match kind {
        Kind::StatefulSet => one!(StatefulSet, apps::StatefulSet, ns),
        Kind::Pod => one!(Pod, core::Pod, ns),
        Kind::PersistentVolumeClaim => one!(PersistentVolumeClaim, core::PersistentVolumeClaim, ns),
        Kind::PersistentVolume => one!(PersistentVolume, core::PersistentVolume, None),
        Kind::StorageClass => one!(StorageClass, storage::StorageClass, None),
        Kind::Service => one!(Service, core::Service, ns),
        Kind::EndpointSlice => one!(EndpointSlice, discovery::EndpointSlice, ns),
        Kind::ControllerRevision => one!(ControllerRevision, apps::ControllerRevision, ns),
        Kind::Event => one!(Event, core::Event, ns),
        Kind::Namespace => one!(Namespace, core::Namespace, None),
    }
}
