//! The one place that acts on the cluster for the dashboard: it starts the
//! watches, and carries out what the dashboard asks for. `Dashboard::update`
//! says what to do as effects; this runner owns the client (the write access,
//! the log streams, the recording) and spawns every cluster call as a task of
//! its own, whose outcome comes back over the event channel like a watch's.

use tokio::sync::mpsc;

use super::dashboard::{Effect, Inbox, LessonJob};
use super::recording::Recorder;
use super::{AppError, CHANNEL_CAPACITY, LOG_CHANNEL_CAPACITY};
use crate::cluster::{self, WriteAccess};
use crate::lesson::{Act, ObjectKind};
use crate::model::event::{LessonMark, MarkKind, now_millis};
use crate::model::{Action, Change, ClusterEvent, Failure, LogTarget, RunOutput, Scope};

/// How a dashboard learns that the API server no longer answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HealthCheck {
    /// `/readyz` every few seconds: says within seconds, names etcd.
    Readyz,
    /// HTTP/2 PINGs, no request (a student's lesson: 30 of them in a class).
    Ping,
}

/// Runs the dashboard's effects on a live cluster (or records them).
pub struct Runner {
    /// What may change the cluster: None in read-only, a replay or a test.
    write: Option<WriteAccess>,
    /// The log streams, when live.
    followers: Option<cluster::logs::Followers>,
    recorder: Option<Recorder>,
    /// Where the tasks' outcomes go: the dashboard's event channel.
    tx: mpsc::Sender<ClusterEvent>,
    /// A class's watches, which follow the students' namespaces.
    class: Option<cluster::class::Watches>,
}

impl Runner {
    /// Starts the watches (and the API server's health checks) on `scope`
    /// when there is a cluster, and returns the runner of the dashboard's
    /// effects with the inbox the loop reads. Without a cluster (a replay)
    /// it holds a sender all the same, so the channel stays open.
    pub fn start(
        connection: Option<&cluster::Connection>,
        scope: &Scope,
        check: HealthCheck,
        recorder: Option<Recorder>,
    ) -> (Self, Inbox) {
        let (tx, events) = mpsc::channel(CHANNEL_CAPACITY);
        let (logs_tx, logs) = mpsc::channel(LOG_CHANNEL_CAPACITY);
        if let Some(connection) = connection {
            let client = connection.client.clone();
            match check {
                HealthCheck::Readyz => {
                    cluster::watch::spawn(connection, scope, None, tx.clone()).detach_all();
                    cluster::health::spawn(client, tx.clone());
                }
                HealthCheck::Ping => {
                    let heard = cluster::health::Heard::default();
                    cluster::watch::spawn(connection, scope, Some(heard.clone()), tx.clone())
                        .detach_all();
                    let pinger = connection.pinger.clone();
                    cluster::health::spawn_pinging(pinger, client, tx.clone(), heard);
                }
            }
        }
        let runner = Runner {
            write: connection.and_then(|c| c.write.clone()),
            followers: connection.map(|c| cluster::logs::Followers::new(c.client.clone(), logs_tx)),
            recorder,
            tx,
            class: None,
        };
        (runner, Inbox::new(events, logs))
    }

    /// The runner of a class (`stsdash class`): its watches across the
    /// cluster are started here, one per kind of `kinds` (see
    /// `cluster::class`), the others as the class asks. It acts on the
    /// cluster only with the connection's write access (`--allow-actions`).
    pub fn start_class(
        connection: &cluster::Connection,
        kinds: &[crate::model::Kind],
        selector: Option<String>,
    ) -> (Self, Inbox) {
        let (tx, events) = mpsc::channel(CHANNEL_CAPACITY);
        let (_, logs) = mpsc::channel(LOG_CHANNEL_CAPACITY);
        let client = connection.client.clone();
        let heard = cluster::health::Heard::default();
        let watches = cluster::class::Watches::start(
            client.clone(),
            kinds,
            selector,
            heard.clone(),
            tx.clone(),
        );
        cluster::health::spawn_pinging(connection.pinger.clone(), client, tx.clone(), heard);
        let runner = Runner {
            write: connection.write.clone(),
            // No log pane follows its pods in a class.
            followers: None,
            recorder: None,
            tx,
            class: Some(watches),
        };
        (runner, Inbox::new(events, logs))
    }

    /// A runner that acts on nothing, its outcomes (none) on `tx`
    /// (benchmarks and tests drive the loop with it).
    pub fn detached(tx: mpsc::Sender<ClusterEvent>) -> Self {
        Runner {
            write: None,
            followers: None,
            recorder: None,
            tx,
            class: None,
        }
    }

    /// The same runner, recording to `recorder`.
    pub fn recording(mut self, recorder: Recorder) -> Self {
        self.recorder = Some(recorder);
        self
    }

    /// Whether effects are recorded.
    pub fn records(&self) -> bool {
        self.recorder.is_some()
    }

    /// The write access a shell needs, if any.
    pub fn write(&self) -> Option<&WriteAccess> {
        self.write.as_ref()
    }

    /// Carries out one effect. Effects for the loop (`Then`, `Exit`) are not
    /// this runner's and are ignored here.
    pub fn run(&mut self, effect: Effect) -> Result<(), AppError> {
        match effect {
            Effect::Record(event) => {
                if let Some(r) = self.recorder.as_mut() {
                    r.record(&event)?;
                }
            }
            Effect::Act(action) => self.act(action),
            Effect::Lesson(job) => self.lesson(job),
            Effect::FollowLogs(targets) => self.follow(targets),
            Effect::ClassWatches(wanted) => {
                if let Some(class) = self.class.as_mut() {
                    class.reconcile(&wanted);
                }
            }
            Effect::Then(_) | Effect::Exit(_) => {}
        }
        Ok(())
    }

    /// What was recorded reaches the file.
    pub fn flush(&mut self) -> Result<(), AppError> {
        if let Some(r) = self.recorder.as_mut() {
            r.flush()?;
        }
        Ok(())
    }

    /// Stops the log streams and flushes the recording (the watches stop with the runtime).
    pub fn shutdown(&mut self) -> Result<(), AppError> {
        self.follow(Vec::new());
        self.flush()
    }

    fn follow(&mut self, targets: Vec<(LogTarget, cluster::logs::Start)>) {
        let Some(followers) = self.followers.as_mut() else {
            return;
        };
        let (wanted, starts): (Vec<LogTarget>, Vec<_>) = targets.into_iter().unzip();
        followers.reconcile(wanted.clone(), |target| {
            wanted
                .iter()
                .position(|t| t == target)
                .map_or(cluster::logs::Start::Tail(cluster::logs::TAIL_LINES), |i| {
                    starts[i]
                })
        });
    }

    /// Scales or deletes; the outcome comes back as an event.
    fn act(&self, action: Action) {
        let tx = self.tx.clone();
        let Some(write) = self.write.clone() else {
            // Read-only hands out no write access: nothing here can act.
            return send(
                tx,
                Change::ActionRefused {
                    action,
                    reason: crate::model::Refusal::ReadOnly,
                },
            );
        };
        tokio::spawn(async move {
            let result = match &action {
                Action::Scale {
                    statefulset,
                    uid,
                    to,
                    ..
                } => cluster::actions::scale(&write, statefulset, uid, *to).await,
                Action::DeletePod { pod, uid } => {
                    cluster::actions::delete_pod(&write, pod, uid).await
                }
                // A shell runs on the terminal, not here (see `app::tui`).
                Action::Exec { .. } => Ok(()),
            };
            let change = match result {
                Ok(()) => Change::ActionTaken(action),
                Err(e) => Change::ActionFailed {
                    action,
                    message: e.failure(),
                },
            };
            let _ = tx
                .send(ClusterEvent {
                    at: now_millis(),
                    change,
                })
                .await;
        });
    }

    /// A lesson step's own act (a teacher's Enter); its outcome comes back
    /// as a lesson mark.
    fn lesson(&self, job: LessonJob) {
        let tx = self.tx.clone();
        let step = job.step as u32;
        let Some(write) = self.write.clone() else {
            let kind = MarkKind::Failed {
                message: Failure::ReadOnly,
            };
            return send(tx, Change::Lesson(LessonMark { step, kind }));
        };
        tokio::spawn(async move {
            let LessonJob {
                act,
                namespace,
                run_id,
                cluster_wide,
                manifest,
                ..
            } = job;
            let result = match act {
                Act::Apply { manifest: path } => match manifest {
                    Some(yaml) => {
                        cluster::lesson::apply(&write, &namespace, &run_id, &yaml, cluster_wide)
                            .await
                            .map(|objects| RunOutput::Applied { objects })
                    }
                    None => Err(cluster::actions::ActionError::NotFound(path)),
                },
                Act::Delete { kind, name } => delete(&write, &namespace, kind, &name).await,
                // The strip has one line for it: the command's lines joined.
                Act::Exec { pod, command } => {
                    cluster::lesson::exec_output(&write, &namespace, &pod, &command)
                        .await
                        .map(|(output, code)| RunOutput::printed(&output, code))
                }
                _ => Ok(RunOutput::Nothing),
            };
            let kind = match result {
                Ok(output) => MarkKind::Ran { output },
                Err(e) => MarkKind::Failed {
                    message: e.failure(),
                },
            };
            let _ = tx
                .send(ClusterEvent {
                    at: now_millis(),
                    change: Change::Lesson(LessonMark { step, kind }),
                })
                .await;
        });
    }
}

async fn delete(
    write: &WriteAccess,
    namespace: &str,
    kind: ObjectKind,
    name: &str,
) -> Result<RunOutput, cluster::actions::ActionError> {
    cluster::lesson::delete(write, namespace, kind.word(), name)
        .await
        .map(|()| RunOutput::Deleted {
            kind: kind.word().into(),
            name: name.into(),
        })
}

/// An outcome known at once, sent as the others are (never awaited here:
/// the loop that reads the channel is the one calling).
fn send(tx: mpsc::Sender<ClusterEvent>, change: Change) {
    let event = ClusterEvent {
        at: now_millis(),
        change,
    };
    if let Err(mpsc::error::TrySendError::Full(event)) = tx.try_send(event) {
        tokio::spawn(async move {
            let _ = tx.send(event).await;
        });
    }
}
