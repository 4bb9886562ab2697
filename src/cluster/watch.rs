//! Watch streams, one per kind, that turn the API's list and watch responses
//! into the model's typed events on one channel. Never polls.
//!
//! The loop is our own (list, then watch from the list's resourceVersion,
//! with bookmarks) rather than kube-rs's `watcher`, because the dashboard
//! must say when a broken watch is back: kube-rs resumes a watch from its
//! resourceVersion without telling. Here the moment the API server accepts
//! the watch again is reported as `WatchResumed`, and a watch whose
//! resourceVersion is too old (410 Gone) is listed afresh.

use std::time::Duration;

use futures::TryStreamExt;
use kube::api::{ListParams, WatchParams};
use kube::core::{ObjectList, Request, WatchEvent};
use kube::{Client, Resource as KubeResource};
use tokio::sync::mpsc;
use tokio::task::JoinSet;

use super::retry::{Backoff, root_cause};
use crate::model::event::now_millis;
use crate::model::object;
use crate::model::store::Resource;
use crate::model::{Change, ClusterEvent, Kind, Object, Problem, Scope};

/// Objects per page of a (re)list: bounds the memory a list needs.
const PAGE_SIZE: u32 = 250;
/// How long the API server lets a watch last: 0 lets it choose, as kubectl
/// does (its --min-request-timeout to twice that: 30 to 60 minutes by
/// default), so a watch is asked for again twice an hour, not every 5
/// minutes. It is started again from where it was when it ends.
const WATCH_TIMEOUT_SECS: u32 = 0;
/// No line at all for this long: the connection is dead. The API server
/// sends a watch asking for bookmarks one about every minute, however quiet.
const IDLE_LIMIT: Duration = Duration::from_secs(300);
/// How long a list page or the start of a watch may take.
const REQUEST_LIMIT: Duration = Duration::from_secs(30);
/// Waits between attempts while the API server does not answer: short, so a
/// server that is back is noticed within seconds.
const BACKOFF_MIN: Duration = Duration::from_millis(250);
const BACKOFF_MAX: Duration = Duration::from_secs(3);
/// A watch of one namespace that was refused asks again, slowly: the
/// RoleBinding that grants it often comes just after the namespace.
const REFUSED_MIN: Duration = Duration::from_secs(5);
const REFUSED_MAX: Duration = Duration::from_secs(60);

/// What to watch of one kind: where, and which objects.
#[derive(Debug)]
pub struct Target {
    pub kind: Kind,
    /// The collection's URL path, e.g. /api/v1/namespaces/demo/pods.
    pub path: String,
    pub field_selector: Option<String>,
    pub label_selector: Option<String>,
    /// The label selector comes from elsewhere and may change (the pods of
    /// one StatefulSet: its selector).
    pub follow_selector: Option<tokio::sync::watch::Receiver<Selection>>,
    /// Tells the StatefulSet's pod selector to whoever follows it.
    pub publish_selector: Option<tokio::sync::watch::Sender<Selection>>,
    /// A watch of this one namespace beside others of the same kind
    /// (`stsdash class` without the right to list across the cluster): its
    /// lists and failures are said as that namespace's.
    pub namespace: Option<crate::model::Text>,
    /// Told of every answer and line from the API server (a class probes
    /// its health only after a silence).
    pub heard: Option<super::health::Heard>,
}

/// Which pods of a named StatefulSet to watch, as its watch finds out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    /// Its first list is not done yet.
    Unknown,
    /// It does not exist (yet): no pods to watch.
    Nothing,
    /// Its pod selector, as a query.
    Labels(String),
}

/// The URL path of a kind's collection, in a namespace or across all.
pub(super) fn path_of<K>(namespace: Option<&str>) -> String
where
    K: KubeResource<DynamicType = ()>,
{
    K::url_path(&(), namespace)
}

/// Starts a watch for every kind the model holds, on the connection's
/// client, its StatefulSets limited by its label selector (`-l`). They end
/// when the receiver is dropped (or, for a kind the user may not list, after
/// saying so).
pub fn spawn(
    connection: &super::Connection,
    scope: &Scope,
    heard: Option<super::health::Heard>,
    tx: mpsc::Sender<ClusterEvent>,
) -> JoinSet<()> {
    let client = &connection.client;
    use k8s_openapi::api::{apps::v1 as apps, core::v1 as core, discovery::v1 as discovery};
    let mut tasks = JoinSet::new();
    let ns = scope.namespace.as_deref();
    let target = |kind, path: String| Target {
        kind,
        path,
        field_selector: None,
        label_selector: None,
        follow_selector: None,
        publish_selector: None,
        namespace: None,
        heard: heard.clone(),
    };
    // One StatefulSet: watch just it, so "not found yet" turns into found
    // when it appears, and only its pods, by its selector, once it is known.
    let (publish, follow) = match &scope.statefulset {
        Some(_) => {
            let (tx, rx) = tokio::sync::watch::channel(Selection::Unknown);
            (Some(tx), Some(rx))
        }
        None => (None, None),
    };
    let statefulsets = Target {
        field_selector: scope
            .statefulset
            .as_ref()
            .map(|name| format!("metadata.name={name}")),
        label_selector: connection.selector.clone(),
        publish_selector: publish,
        ..target(Kind::StatefulSet, path_of::<apps::StatefulSet>(ns))
    };
    let pods = Target {
        follow_selector: follow,
        ..target(Kind::Pod, path_of::<core::Pod>(ns))
    };
    macro_rules! watch {
        ($type:ident, $target:expr) => {
            tasks.spawn(run::<object::$type>(client.clone(), $target, tx.clone()))
        };
    }
    watch!(StatefulSet, statefulsets);
    watch!(Pod, pods);
    watch!(
        PersistentVolumeClaim,
        target(
            Kind::PersistentVolumeClaim,
            path_of::<core::PersistentVolumeClaim>(ns)
        )
    );
    // Cluster-scoped kinds: everywhere.
    watch!(
        PersistentVolume,
        target(
            Kind::PersistentVolume,
            path_of::<core::PersistentVolume>(None)
        )
    );
    watch!(
        StorageClass,
        target(
            Kind::StorageClass,
            path_of::<k8s_openapi::api::storage::v1::StorageClass>(None)
        )
    );
    watch!(Service, target(Kind::Service, path_of::<core::Service>(ns)));
    watch!(
        EndpointSlice,
        target(Kind::EndpointSlice, path_of::<discovery::EndpointSlice>(ns))
    );
    watch!(
        ControllerRevision,
        target(
            Kind::ControllerRevision,
            path_of::<apps::ControllerRevision>(ns)
        )
    );
    watch!(Event, target(Kind::Event, path_of::<core::Event>(ns)));
    drop(tx);
    tasks
}

/// Why a request failed, as the watch loop needs to know it.
enum Failure {
    /// 403: rights do not come back by retrying.
    Forbidden(Problem),
    /// 410: the resourceVersion is too old; list afresh.
    Gone,
    /// Anything else: retry after a pause.
    Other(Problem),
}

/// The server's or the connection's own words.
fn said(message: &str) -> Problem {
    Problem::Error {
        message: message.into(),
    }
}

fn failure(error: &kube::Error) -> Failure {
    match error {
        kube::Error::Api(status) if status.code == 403 => Failure::Forbidden(said(&status.message)),
        kube::Error::Api(status) if status.code == 410 => Failure::Gone,
        kube::Error::Api(status) => Failure::Other(said(&status.message)),
        other => Failure::Other(said(&root_cause(other))),
    }
}

/// No answer within the limit a request has.
fn no_answer() -> Failure {
    Failure::Other(Problem::NoAnswer {
        secs: REQUEST_LIMIT.as_secs(),
    })
}

/// One kind's watch: sends what it sees, and says when it fails and when it is back.
struct Reporter {
    kind: Kind,
    tx: mpsc::Sender<ClusterEvent>,
    /// The failure last reported, while it lasts.
    failing: Option<Problem>,
    backoff: Backoff,
    publish: Option<tokio::sync::watch::Sender<Selection>>,
    namespace: Option<crate::model::Text>,
    /// Between the attempts of a watch of one namespace that was refused.
    refused: Backoff,
    heard: Option<super::health::Heard>,
}

impl Reporter {
    async fn send(&self, change: Change) -> bool {
        // A watch of one namespace: its list and its state are that namespace's.
        let change = match (&self.namespace, change) {
            (
                Some(namespace),
                change @ (Change::InitStarted { .. }
                | Change::InitDone { .. }
                | Change::WatchFailed { .. }
                | Change::WatchResumed { .. }),
            ) => Change::InNamespace {
                namespace: namespace.clone(),
                of: Box::new(change),
            },
            (_, change) => change,
        };
        // The StatefulSet's pod selector, for the pods' watch; none found by
        // its first list: nothing to watch (a deleted one keeps its last).
        if let Some(publish) = &self.publish {
            let found = match &change {
                Change::Applied(Object::StatefulSet(sts))
                | Change::InitObject(Object::StatefulSet(sts)) => sts
                    .spec
                    .selector
                    .as_ref()
                    .map(|s| s.query())
                    .filter(|q| !q.is_empty())
                    .map(Selection::Labels),
                Change::InitDone { .. } if *publish.borrow() == Selection::Unknown => {
                    Some(Selection::Nothing)
                }
                _ => None,
            };
            if let Some(found) = found {
                publish.send_if_modified(|now| {
                    let changed = *now != found;
                    *now = found;
                    changed
                });
            }
        }
        self.tx
            .send(ClusterEvent {
                at: now_millis(),
                change,
            })
            .await
            .is_ok()
    }

    /// The API server said something.
    fn heard(&self) {
        if let Some(heard) = &self.heard {
            heard.now();
        }
    }

    /// Says the kind is listed, with nothing in it.
    async fn empty_list(&self) -> bool {
        self.send(Change::InitStarted { kind: self.kind }).await
            && self.send(Change::InitDone { kind: self.kind }).await
    }

    /// A request succeeded: if the watch was failing, it is back.
    async fn answered(&mut self) -> bool {
        self.heard();
        self.backoff.reset();
        self.refused.reset();
        if self.failing.take().is_some() {
            return self.send(Change::WatchResumed { kind: self.kind }).await;
        }
        true
    }

    /// Says so (once per distinct reason) and waits before the next attempt.
    /// False when the app is gone or the failure is final.
    async fn failed(&mut self, failure: Failure) -> bool {
        let (message, forbidden) = match failure {
            Failure::Forbidden(m) => (m, true),
            Failure::Other(m) => (m, false),
            Failure::Gone => return true,
        };
        if self.failing.as_ref() != Some(&message) {
            tracing::debug!("{}: {message}", self.kind.resource());
            self.failing = Some(message.clone());
            let change = Change::WatchFailed {
                kind: self.kind,
                message,
                forbidden,
            };
            // Refused across the cluster: for good. Refused in one
            // namespace: asked again, slowly, until the rights come.
            if !self.send(change).await || (forbidden && self.namespace.is_none()) {
                return false;
            }
        }
        if forbidden {
            self.refused.wait().await;
        } else {
            self.backoff.wait().await;
        }
        !self.tx.is_closed()
    }
}

pub(super) async fn run<T: Resource>(
    client: Client,
    mut target: Target,
    tx: mpsc::Sender<ClusterEvent>,
) {
    let request = Request::new(target.path.clone());
    let mut reporter = Reporter {
        kind: target.kind,
        tx,
        failing: None,
        backoff: Backoff::new(BACKOFF_MIN, BACKOFF_MAX).with_jitter(),
        publish: target.publish_selector.take(),
        namespace: target.namespace.take(),
        refused: Backoff::new(REFUSED_MIN, REFUSED_MAX).with_jitter(),
        heard: target.heard.take(),
    };
    let mut follow = target.follow_selector.take();
    // The resourceVersion to watch from; None: list (again) first.
    let mut version: Option<String> = None;
    // The last selection was "no such StatefulSet": what comes next is new.
    let mut after_absence = false;
    loop {
        if let Some(selector) = follow.as_mut() {
            let wanted = selector.borrow_and_update().clone();
            match wanted {
                // Until the StatefulSet's first list says: nothing listed, nothing synced.
                Selection::Unknown => {
                    if selector.changed().await.is_err() {
                        return;
                    }
                    continue;
                }
                // No such StatefulSet (yet): an empty list, then wait for one.
                Selection::Nothing => {
                    if !reporter.empty_list().await || selector.changed().await.is_err() {
                        return;
                    }
                    target.label_selector = None;
                    after_absence = true;
                    continue;
                }
                Selection::Labels(query) => {
                    let was_absent = std::mem::take(&mut after_absence);
                    if target.label_selector.as_ref() != Some(&query) {
                        target.label_selector = Some(query);
                        version = None;
                        // Whatever the new selection lists was not seen appear.
                        let change = Change::Reselected {
                            kind: target.kind,
                            after_absence: was_absent,
                        };
                        if !reporter.send(change).await {
                            return;
                        }
                    }
                }
            }
        }
        let step = async {
            match version.take() {
                None => list::<T>(&client, &request, &target, &mut reporter).await,
                Some(from) => watch::<T>(&client, &request, &target, &mut reporter, from).await,
            }
        };
        // A new selector starts over, with a list of what it selects.
        let step = match follow.as_mut() {
            Some(selector) => tokio::select! {
                step = step => step,
                changed = selector.changed() => match changed {
                    Ok(()) => Step::Continue(None),
                    Err(_) => return,
                },
            },
            None => step.await,
        };
        match step {
            Step::Continue(next) => version = next,
            Step::Failed(failure, next) => {
                version = next;
                if !reporter.failed(failure).await {
                    return;
                }
            }
            Step::Stop => return,
        }
    }
}

enum Step {
    /// Go on from this resourceVersion (None: list again).
    Continue(Option<String>),
    /// Report, wait, then go on from this resourceVersion (None: list again).
    Failed(Failure, Option<String>),
    /// The app is gone.
    Stop,
}

/// Lists every page and sends them as one (re)list: InitStarted, the objects, InitDone.
async fn list<T: Resource>(
    client: &Client,
    request: &Request,
    target: &Target,
    reporter: &mut Reporter,
) -> Step {
    let mut params = ListParams {
        label_selector: target.label_selector.clone(),
        field_selector: target.field_selector.clone(),
        limit: Some(PAGE_SIZE),
        ..ListParams::default()
    };
    let mut started = false;
    loop {
        let page = match request.list(&params) {
            Ok(http) => {
                tokio::time::timeout(REQUEST_LIMIT, client.request::<ObjectList<T>>(http)).await
            }
            Err(e) => return Step::Failed(Failure::Other(said(&e.to_string())), None),
        };
        let page = match page {
            Ok(Ok(page)) => page,
            Ok(Err(e)) => return Step::Failed(failure(&e), None),
            Err(_) => return Step::Failed(no_answer(), None),
        };
        reporter.heard();
        if !started {
            started = true;
            if !reporter.answered().await
                || !reporter
                    .send(Change::InitStarted { kind: target.kind })
                    .await
            {
                return Step::Stop;
            }
        }
        for object in page.items {
            if !reporter.send(Change::InitObject(object.wrap())).await {
                return Step::Stop;
            }
        }
        match page.metadata.continue_.filter(|c| !c.is_empty()) {
            Some(token) => params.continue_token = Some(token),
            None => {
                if !reporter.send(Change::InitDone { kind: target.kind }).await {
                    return Step::Stop;
                }
                return Step::Continue(page.metadata.resource_version);
            }
        }
    }
}

/// Watches from `from` until the stream ends or breaks.
async fn watch<T: Resource>(
    client: &Client,
    request: &Request,
    target: &Target,
    reporter: &mut Reporter,
    from: String,
) -> Step {
    let params = WatchParams {
        label_selector: target.label_selector.clone(),
        field_selector: target.field_selector.clone(),
        timeout: Some(WATCH_TIMEOUT_SECS),
        bookmarks: true,
        ..WatchParams::default()
    };
    let http = match request.watch(&params, &from) {
        Ok(http) => http,
        Err(e) => return Step::Failed(Failure::Other(said(&e.to_string())), Some(from)),
    };
    let started = tokio::time::timeout(REQUEST_LIMIT, client.request_events::<T>(http)).await;
    let stream = match started {
        Ok(Ok(stream)) => stream,
        Err(_) => return Step::Failed(no_answer(), Some(from)),
        Ok(Err(e)) => {
            return match failure(&e) {
                Failure::Gone => Step::Continue(None),
                other => Step::Failed(other, Some(from)),
            };
        }
    };
    // The API server took the watch: whatever failed before is over.
    if !reporter.answered().await {
        return Step::Stop;
    }
    let mut stream = std::pin::pin!(stream);
    let mut version = from;
    let since = tokio::time::Instant::now();
    loop {
        let next = match tokio::time::timeout(IDLE_LIMIT, stream.try_next()).await {
            Ok(next) => next,
            // Silent for too long: start it again.
            Err(_) => return Step::Continue(Some(version)),
        };
        // A line, a bookmark or the end: the server is not frozen.
        reporter.heard();
        let change = match next {
            Ok(Some(WatchEvent::Added(o) | WatchEvent::Modified(o))) => {
                version = o.meta().resource_version.to_string();
                Change::Applied(o.wrap())
            }
            Ok(Some(WatchEvent::Deleted(o))) => {
                version = o.meta().resource_version.to_string();
                Change::Deleted(o.wrap())
            }
            Ok(Some(WatchEvent::Bookmark(bookmark))) => {
                version = bookmark.metadata.resource_version;
                continue;
            }
            Ok(Some(WatchEvent::Error(status))) if status.code == 410 => {
                return Step::Continue(None);
            }
            Ok(Some(WatchEvent::Error(status))) => {
                return Step::Failed(failure(&kube::Error::Api(status)), Some(version));
            }
            // One object that does not parse is skipped, not the stream.
            Err(kube::Error::SerdeError(e)) => {
                tracing::warn!(
                    "{}: an event could not be read: {e}",
                    target.kind.resource()
                );
                continue;
            }
            Err(e) => return Step::Failed(failure(&e), Some(version)),
            // The server ended the watch (its timeout, or it went away): start
            // again, after a pause if it ended at once (a server shutting down).
            Ok(None) => {
                if since.elapsed() < Duration::from_secs(1) {
                    tokio::time::sleep(BACKOFF_MIN).await;
                }
                return Step::Continue(Some(version));
            }
        };
        if !reporter.send(change).await {
            return Step::Stop;
        }
    }
}
