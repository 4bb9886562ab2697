//! Whether the API server answers at all. A watch that is merely quiet looks
//! the same as one whose server is frozen (a paused process keeps its
//! connections open), so the server's readiness endpoint is asked every few
//! seconds: one small request, not a poll of any data. What it finds is sent
//! only when it changes. A class (`spawn_when_quiet`) asks only after its
//! watches have heard nothing for a while: at rest with 30 students, a
//! request every 4 s would be most of what it asks of the server.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Duration;

use kube::Client;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use super::retry::root_cause;
use crate::model::event::now_millis;
use crate::model::{Change, ClusterEvent, Problem};

/// How often the server is asked, and how long it has to answer.
pub const PROBE_EVERY: Duration = Duration::from_secs(4);
pub const PROBE_LIMIT: Duration = Duration::from_secs(3);

/// A class asks once its watches have heard nothing from the server for
/// this long (and every `PROBE_EVERY` while it has a problem).
pub const QUIET: Duration = Duration::from_secs(30);

/// When a watch last heard from the API server (ms since the epoch): a
/// list's page, a watch's start, any line of it (a bookmark too).
#[derive(Debug, Clone, Default)]
pub struct Heard(Arc<AtomicI64>);

impl Heard {
    pub fn now(&self) {
        self.0.store(now_millis(), Ordering::Relaxed);
    }

    fn at(&self) -> i64 {
        self.0.load(Ordering::Relaxed)
    }
}

/// Asks every `PROBE_EVERY` (the dashboard: a 12 s pause is shown).
pub fn spawn(client: Client, tx: mpsc::Sender<ClusterEvent>) -> JoinHandle<()> {
    tokio::spawn(probe_loop(client, tx, None))
}

/// Asks only when the watches have been silent for `QUIET` (a class).
pub fn spawn_when_quiet(
    client: Client,
    tx: mpsc::Sender<ClusterEvent>,
    heard: Heard,
) -> JoinHandle<()> {
    tokio::spawn(probe_loop(client, tx, Some(heard)))
}

async fn probe_loop(client: Client, tx: mpsc::Sender<ClusterEvent>, heard: Option<Heard>) {
    let mut last: Option<Problem> = None;
    // When the server last answered: a problem is dated from then, the
    // last moment what the watches delivered was known to be current.
    let mut answered: Option<i64> = None;
    loop {
        tokio::time::sleep(PROBE_EVERY).await;
        // Heard from lately, and no problem to see the end of: not asked.
        if let Some(heard) = heard.as_ref().filter(|_| last.is_none()) {
            let silent = now_millis() - heard.at().max(answered.unwrap_or(0));
            if silent < QUIET.as_millis() as i64 {
                continue;
            }
        }
        let asked = now_millis();
        let problem = match probe(&client).await {
            Probe::Answering => None,
            Probe::Problem(problem) => Some(problem),
            // The user may not ask (an unusual RBAC): nothing to learn here.
            Probe::NotAllowed => return,
        };
        let at = match problem {
            None => {
                answered = Some(now_millis());
                now_millis()
            }
            Some(_) => answered.unwrap_or(asked),
        };
        if problem == last {
            continue;
        }
        last = problem.clone();
        let event = ClusterEvent {
            at,
            change: Change::ServerHealth { problem },
        };
        if tx.send(event).await.is_err() {
            return;
        }
    }
}

enum Probe {
    Answering,
    Problem(Problem),
    NotAllowed,
}

async fn probe(client: &Client) -> Probe {
    let request = match http::Request::get("/readyz").body(Vec::new()) {
        Ok(request) => request,
        Err(_) => return Probe::NotAllowed,
    };
    match tokio::time::timeout(PROBE_LIMIT, client.request_text(request)).await {
        Ok(Ok(_)) => Probe::Answering,
        Ok(Err(kube::Error::Api(status))) if matches!(status.code, 401 | 403) => Probe::NotAllowed,
        Ok(Err(kube::Error::Api(status))) => Probe::Problem(not_ready(&status.message)),
        Ok(Err(other)) => Probe::Problem(Problem::Error {
            message: root_cause(&other).into(),
        }),
        Err(_) => Probe::Problem(Problem::NoAnswer {
            secs: PROBE_LIMIT.as_secs(),
        }),
    }
}

/// The checks readyz's verbose text names as failing ("[-]etcd failed: …").
fn not_ready(text: &str) -> Problem {
    let failing = text
        .lines()
        .filter_map(|l| l.trim().strip_prefix("[-]"))
        .filter_map(|l| l.split(' ').next())
        .map(Into::into)
        .collect();
    Problem::NotReady { failing }
}

#[cfg(test)]
mod tests {
    #[test]
    fn readyz_failures_are_named() {
        let text = "[+]ping ok\n[+]log ok\n[-]etcd failed: reason withheld\n[+]informer-sync ok\nreadyz check failed";
        let said = |text| super::not_ready(text).to_string();
        assert_eq!(said(text), "not ready: etcd");
        assert_eq!(said("Service Unavailable"), "not ready");
        use crate::i18n::{Lang, with_lang};
        assert_eq!(with_lang(Lang::Ru, || said(text)), "не готов: etcd");
        assert_eq!(with_lang(Lang::ZhTw, || said(text)), "未就緒：etcd");
    }
}
