//! Following a pod's log: one task per (pod incarnation, container), sending
//! the lines in batches to the app loop over a channel of their own, so a
//! noisy pod never holds back a watch event. Started and stopped by the app
//! as the user picks which logs to show and as pods come and go.
//!
//! Bytes become lines in `model::log::LineSplitter` (any bytes at all: a pod
//! that writes binary does not end its stream). A stream that breaks or ends
//! is opened again, after the last line already shown, for as long as the log
//! is shown.

use std::collections::HashMap;
use std::time::Duration;

use futures::AsyncReadExt;
use k8s_openapi::api::core::v1::Pod;
use k8s_openapi::jiff::{Timestamp, TimestampRound, Unit};
use kube::api::LogParams;
use kube::{Api, Client};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use super::retry::{Backoff, root_cause};
use crate::model::event::now_millis;
use crate::model::log::{LineSplitter, LogLine};
use crate::model::{Change, ClusterEvent, LogTarget};

/// Lines of history to show when a log is first opened.
pub const TAIL_LINES: i64 = 200;
/// Bytes read at a time: at most one batch of lines per read.
const READ_CHUNK: usize = 64 * 1024;
const RETRY_MIN: Duration = Duration::from_millis(500);
const RETRY_MAX: Duration = Duration::from_secs(5);

/// Where a stream starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    /// The newest lines, as a log pane first opens.
    Tail(i64),
    /// After the line written at `time` (ns since the epoch), of which `seen`
    /// lines with that very time were shown already.
    After { time: i64, seen: usize },
}

impl Start {
    fn params(self, container: &str) -> LogParams {
        let mut params = LogParams {
            follow: true,
            container: Some(container.to_string()),
            timestamps: true,
            ..LogParams::default()
        };
        match self {
            Start::Tail(lines) => params.tail_lines = Some(lines),
            // sinceTime has whole seconds: ask from the second it falls in
            // (never rounded up) and skip what was seen.
            Start::After { time, .. } => {
                params.since_time =
                    Timestamp::from_nanosecond(i128::from(time))
                        .ok()
                        .and_then(|t| {
                            t.round(
                                TimestampRound::new()
                                    .smallest(Unit::Second)
                                    .mode(k8s_openapi::jiff::RoundMode::Trunc),
                            )
                            .ok()
                        })
            }
        }
        params
    }

    /// Drops the lines of `lines` already shown, and moves past the rest.
    fn pass(&mut self, lines: &mut Vec<LogLine>) {
        lines.retain(|line| {
            let Some(time) = line.time else {
                return true;
            };
            match self {
                Start::After { time: last, .. } if time < *last => false,
                Start::After { time: last, seen } if time == *last && *seen > 0 => {
                    *seen -= 1;
                    false
                }
                _ => true,
            }
        });
        for line in lines.iter() {
            if let Some(time) = line.time {
                *self = match *self {
                    Start::After { time: last, seen } if last == time => Start::After {
                        time,
                        seen: seen + 1,
                    },
                    _ => Start::After { time, seen: 1 },
                };
            }
        }
    }
}

pub fn follow(
    client: &Client,
    target: LogTarget,
    mut start: Start,
    tx: mpsc::Sender<ClusterEvent>,
) -> JoinHandle<()> {
    let api: Api<Pod> = Api::namespaced(client.clone(), &target.pod.namespace);
    tokio::spawn(async move {
        let send = |lines: Vec<LogLine>| {
            let event = ClusterEvent {
                at: now_millis(),
                change: Change::LogLines {
                    pod: target.pod.clone(),
                    uid: target.uid.clone(),
                    container: target.container.clone(),
                    lines,
                },
            };
            let tx = tx.clone();
            async move { tx.send(event).await.is_ok() }
        };
        let mut retry = Backoff::new(RETRY_MIN, RETRY_MAX);
        // Said once per run of failures, not at every attempt.
        let mut said: Option<String> = None;
        loop {
            let outcome = match api
                .log_stream(&target.pod.name, &start.params(&target.container))
                .await
            {
                Ok(stream) => read(stream, &mut start, &send, &mut retry).await,
                Err(kube::Error::Api(status)) => Outcome::Failed(status.message),
                Err(e) => Outcome::Failed(root_cause(&e)),
            };
            let note = match outcome {
                Outcome::Gone => return,
                Outcome::Ended => None,
                Outcome::Failed(why) => Some(crate::t!("cluster-log-failed", why = why)),
                Outcome::Broke(why) => Some(crate::t!("cluster-log-broke", why = why)),
            };
            if let Some(note) = note
                && said.as_ref() != Some(&note)
            {
                if !send(vec![LogLine::note(&note)]).await {
                    return;
                }
                said = Some(note);
            }
            retry.wait().await;
        }
    })
}

enum Outcome {
    /// The app no longer listens.
    Gone,
    /// The server ended the stream (the container stopped, or the server went away).
    Ended,
    /// It could not be opened.
    Failed(String),
    /// It broke while reading.
    Broke(String),
}

async fn read<S, F, Fut>(mut stream: S, start: &mut Start, send: &F, retry: &mut Backoff) -> Outcome
where
    S: futures::AsyncBufRead + Unpin,
    F: Fn(Vec<LogLine>) -> Fut,
    Fut: Future<Output = bool>,
{
    let mut splitter = LineSplitter::new(true);
    let mut buffer = vec![0u8; READ_CHUNK];
    loop {
        let (mut lines, outcome) = match stream.read(&mut buffer).await {
            Ok(0) => (
                splitter.finish().into_iter().collect(),
                Some(Outcome::Ended),
            ),
            Ok(n) => (splitter.feed(&buffer[..n]), None),
            Err(e) => (Vec::new(), Some(Outcome::Broke(root_cause(&e)))),
        };
        start.pass(&mut lines);
        if !lines.is_empty() {
            retry.reset();
            if !send(lines).await {
                return Outcome::Gone;
            }
        }
        if let Some(outcome) = outcome {
            return outcome;
        }
    }
}

/// The log streams being followed: exactly the targets the view shows.
pub struct Followers {
    client: Client,
    tx: mpsc::Sender<ClusterEvent>,
    tasks: HashMap<LogTarget, JoinHandle<()>>,
}

impl Followers {
    pub fn new(client: Client, tx: mpsc::Sender<ClusterEvent>) -> Self {
        Followers {
            client,
            tx,
            tasks: HashMap::new(),
        }
    }

    /// Follows exactly `wanted`; a target not followed yet starts where
    /// `start` says (after what the model already holds of it).
    pub fn reconcile(&mut self, wanted: Vec<LogTarget>, start: impl Fn(&LogTarget) -> Start) {
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
                    target.clone(),
                    start(&target),
                    self.tx.clone(),
                );
                self.tasks.insert(target, task);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Text;

    fn line(time: i64, text: &str) -> LogLine {
        LogLine {
            time: Some(time),
            text: Text::new(text),
            cut: 0,
        }
    }

    #[test]
    fn a_stream_opened_again_shows_nothing_twice() {
        // Shown: up to the second line written at t=20.
        let mut start = Start::After { time: 20, seen: 2 };
        // Asked from the whole second, the server sends these again first.
        let mut lines = vec![
            line(10, "old"),
            line(20, "a"),
            line(20, "b"),
            line(20, "c"),
            line(30, "d"),
        ];
        start.pass(&mut lines);
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["c", "d"]);
        assert_eq!(start, Start::After { time: 30, seen: 1 });
        let mut start = Start::Tail(200);
        let mut lines = vec![line(5, "x"), line(5, "y")];
        start.pass(&mut lines);
        assert_eq!(lines.len(), 2);
        assert_eq!(start, Start::After { time: 5, seen: 2 });
    }

    #[test]
    fn since_time_is_never_rounded_up() {
        let p = Start::After {
            time: 1_795_382_086_744_751_062,
            seen: 1,
        }
        .params("nginx");
        assert_eq!(p.since_time.unwrap().to_string(), "2026-11-22T21:14:46Z");
        assert!(p.timestamps && p.follow);
    }
}
