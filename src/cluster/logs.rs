//! Following a pod's log: one task per (pod incarnation, container), sending
//! each line to the app loop. Started and stopped by the app as the user picks
//! which logs to show and as pods come and go.

use futures::{AsyncBufReadExt, TryStreamExt};
use k8s_openapi::api::core::v1::Pod;
use kube::api::LogParams;
use kube::{Api, Client};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use crate::model::event::now_millis;
use crate::model::{Change, ClusterEvent, Key, LogTarget, Text};

/// Lines of history to show when a log pane opens.
const TAIL_LINES: i64 = 200;

pub fn follow(
    client: &Client,
    pod: Key,
    uid: Text,
    container: Text,
    tx: mpsc::Sender<ClusterEvent>,
) -> JoinHandle<()> {
    let api: Api<Pod> = Api::namespaced(client.clone(), &pod.namespace);
    tokio::spawn(async move {
        let send = |line: String| {
            let change = Change::LogLine {
                pod: pod.clone(),
                uid: uid.clone(),
                container: container.clone(),
                line,
            };
            let tx = tx.clone();
            async move {
                tx.send(ClusterEvent {
                    at: now_millis(),
                    change,
                })
                .await
                .is_ok()
            }
        };
        let params = LogParams {
            follow: true,
            container: Some(container.to_string()),
            tail_lines: Some(TAIL_LINES),
            ..Default::default()
        };
        let mut lines = match api.log_stream(&pod.name, &params).await {
            Ok(stream) => stream.lines(),
            Err(e) => {
                send(format!("[stsdash: no log yet: {}]", reason(&e))).await;
                return;
            }
        };
        loop {
            match lines.try_next().await {
                Ok(Some(line)) => {
                    if !send(line).await {
                        return;
                    }
                }
                Ok(None) => {
                    send("[stsdash: the log stream ended]".into()).await;
                    return;
                }
                Err(e) => {
                    send(format!("[stsdash: the log stream broke: {e}]")).await;
                    return;
                }
            }
        }
    })
}

fn reason(error: &kube::Error) -> String {
    match error {
        kube::Error::Api(status) => status.message.clone(),
        other => other.to_string(),
    }
}

/// The log streams being followed: exactly the targets the view shows. A
/// stream that ended stays finished until its target changes (a new
/// incarnation gets a new stream), so a pod without a log is not asked again
/// and again.
pub struct Followers {
    client: Client,
    tx: mpsc::Sender<ClusterEvent>,
    tasks: std::collections::HashMap<LogTarget, JoinHandle<()>>,
}

impl Followers {
    pub fn new(client: Client, tx: mpsc::Sender<ClusterEvent>) -> Self {
        Followers {
            client,
            tx,
            tasks: Default::default(),
        }
    }

    pub fn reconcile(&mut self, wanted: Vec<LogTarget>) {
        self.tasks.retain(|target, task| {
            let keep = wanted.contains(target);
            if !keep {
                tracing::info!(
                    "no longer following the log of {} ({})",
                    target.pod,
                    target.container
                );
                task.abort();
            }
            keep
        });
        for target in wanted {
            if !self.tasks.contains_key(&target) {
                tracing::info!("following the log of {} ({})", target.pod, target.container);
                let task = follow(
                    &self.client,
                    target.pod.clone(),
                    target.uid.clone(),
                    target.container.clone(),
                    self.tx.clone(),
                );
                self.tasks.insert(target, task);
            }
        }
    }
}
