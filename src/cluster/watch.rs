//! Watch streams, one per kind, that turn the API's watch events into the
//! model's typed events on one channel. Never polls: kube-rs watchers with
//! backoff; a relist arrives as Init / InitApply / InitDone for the model to
//! reconcile.

use std::fmt::Debug;

use futures::StreamExt;
use k8s_openapi::api::apps::v1::{ControllerRevision, StatefulSet};
use k8s_openapi::api::core::v1::{
    Event as KubeEvent, PersistentVolume, PersistentVolumeClaim, Pod, Service,
};
use k8s_openapi::api::discovery::v1::EndpointSlice;
use k8s_openapi::api::storage::v1::StorageClass;
use kube::runtime::{WatchStreamExt, watcher};
use kube::{Api, Client, Resource};
use serde::de::DeserializeOwned;
use tokio::sync::mpsc;
use tokio::task::JoinSet;

use crate::model::event::now_millis;
use crate::model::{Change, ClusterEvent, Kind, Object, Scope};

/// Starts a watch for every kind the model holds. They end when the receiver
/// is dropped (or, for a kind the user may not list, after saying so).
pub fn spawn(client: &Client, scope: &Scope, tx: mpsc::Sender<ClusterEvent>) -> JoinSet<()> {
    let mut tasks = JoinSet::new();
    let ns = scope.namespace.as_deref();
    let sts_config = match &scope.statefulset {
        // One StatefulSet: watch just it, so "not found yet" turns into found when it appears.
        Some(name) => watcher::Config::default().fields(&format!("metadata.name={name}")),
        None => watcher::Config::default(),
    };
    // One watch per kind: namespaced kinds in the scope's namespace (or all),
    // cluster-scoped kinds everywhere.
    macro_rules! watch {
        ($kind:ident, $api:expr, $config:expr) => {
            tasks.spawn(run($api, $config, Kind::$kind, Object::$kind, tx.clone()));
        };
        ($kind:ident) => {
            watch!(
                $kind,
                namespaced::<$kind>(client, ns),
                watcher::Config::default()
            )
        };
    }
    watch!(
        StatefulSet,
        namespaced::<StatefulSet>(client, ns),
        sts_config
    );
    watch!(Pod);
    watch!(PersistentVolumeClaim);
    watch!(
        PersistentVolume,
        Api::<PersistentVolume>::all(client.clone()),
        watcher::Config::default()
    );
    watch!(
        StorageClass,
        Api::<StorageClass>::all(client.clone()),
        watcher::Config::default()
    );
    watch!(Service);
    watch!(EndpointSlice);
    watch!(ControllerRevision);
    watch!(
        Event,
        namespaced::<KubeEvent>(client, ns),
        watcher::Config::default()
    );
    drop(tx);
    tasks
}

fn namespaced<K>(client: &Client, namespace: Option<&str>) -> Api<K>
where
    K: Resource<Scope = k8s_openapi::NamespaceResourceScope>,
    <K as Resource>::DynamicType: Default,
{
    match namespace {
        Some(ns) => Api::namespaced(client.clone(), ns),
        None => Api::all(client.clone()),
    }
}

async fn run<K>(
    api: Api<K>,
    config: watcher::Config,
    kind: Kind,
    wrap: fn(K) -> Object,
    tx: mpsc::Sender<ClusterEvent>,
) where
    K: Resource + Clone + Debug + DeserializeOwned + Send + 'static,
{
    let mut stream = watcher(api, config).default_backoff().boxed();
    while let Some(item) = stream.next().await {
        let change = match item {
            Ok(watcher::Event::Init) => Change::InitStarted { kind },
            Ok(watcher::Event::InitApply(o)) => Change::InitObject(wrap(o)),
            Ok(watcher::Event::InitDone) => Change::InitDone { kind },
            Ok(watcher::Event::Apply(o)) => Change::Applied(wrap(o)),
            Ok(watcher::Event::Delete(o)) => Change::Deleted(wrap(o)),
            Err(error) => {
                let forbidden = is_forbidden(&error);
                let change = Change::WatchFailed {
                    kind,
                    message: describe(&error),
                    forbidden,
                };
                let sent = tx
                    .send(ClusterEvent {
                        at: now_millis(),
                        change,
                    })
                    .await;
                if forbidden || sent.is_err() {
                    // Rights do not come back by retrying; the model shows "not permitted".
                    return;
                }
                continue;
            }
        };
        if tx
            .send(ClusterEvent {
                at: now_millis(),
                change,
            })
            .await
            .is_err()
        {
            return;
        }
    }
}

fn api_status(error: &watcher::Error) -> Option<&kube::core::Status> {
    match error {
        watcher::Error::InitialListFailed(kube::Error::Api(s))
        | watcher::Error::WatchStartFailed(kube::Error::Api(s))
        | watcher::Error::WatchFailed(kube::Error::Api(s)) => Some(s),
        watcher::Error::WatchError(s) => Some(s),
        _ => None,
    }
}

fn is_forbidden(error: &watcher::Error) -> bool {
    api_status(error).is_some_and(|s| s.code == 403)
}

/// One line: the API's message when it gave one, else the innermost cause.
fn describe(error: &watcher::Error) -> String {
    if let Some(status) = api_status(error) {
        return status.message.clone();
    }
    let mut cause: &dyn std::error::Error = error;
    while let Some(next) = cause.source() {
        cause = next;
    }
    cause.to_string()
}
