//! Whether the API server answers at all. A watch that is merely quiet looks
//! the same as one whose server is frozen (a paused process keeps its
//! connections open), so the server is asked, and what it says is sent
//! only when it changes. Two ways:
//! - the dashboard (`spawn`) asks `/readyz` every few seconds: one small
//!   request, not a poll of any data, that also names a failing check
//!   (etcd);
//! - a class and a student's lesson (`spawn_pinging`), 31 of them at once
//!   on one server, PING it over an HTTP/2 connection of their own
//!   (`cluster::ping`): no request at all. Where no HTTP/2 reaches the
//!   server they ask `/readyz` only once their watches have heard nothing
//!   for a while (`QUIET`).

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Duration;

use kube::Client;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use super::ping::{DialError, Pinger, Pong};
use super::retry::root_cause;
use crate::model::event::now_millis;
use crate::model::{Change, ClusterEvent, Problem};

/// How often the server is asked, and how long it has to answer.
pub const PROBE_EVERY: Duration = Duration::from_secs(4);
pub const PROBE_LIMIT: Duration = Duration::from_secs(3);

/// Without PINGs, a class asks once its watches have heard nothing from
/// the server for this long (and every `PROBE_EVERY` while it has a problem).
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

/// Asks `/readyz` every `PROBE_EVERY` (the dashboard: a 12 s pause is shown).
pub fn spawn(client: Client, tx: mpsc::Sender<ClusterEvent>) -> JoinHandle<()> {
    tokio::spawn(probe_loop(client, Told::new(tx), None))
}

/// PINGs the server (a class, a student's lesson); without HTTP/2 to it,
/// asks `/readyz` once the watches have been silent for `QUIET`.
pub fn spawn_pinging(
    pinger: Option<Pinger>,
    client: Client,
    tx: mpsc::Sender<ClusterEvent>,
    heard: Heard,
) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut told = Told::new(tx);
        // Ended only when nobody listens, or to fall back to /readyz.
        let fall_back = match &pinger {
            Some(pinger) => ping_loop(pinger, &mut told).await,
            None => true,
        };
        if !fall_back {
            return;
        }
        tracing::info!("the API server is not reached over HTTP/2: /readyz is asked when quiet");
        probe_loop(client, told, Some(heard)).await;
    })
}

/// What was last said of the server's health, so only a change is sent.
struct Told {
    tx: mpsc::Sender<ClusterEvent>,
    last: Option<Problem>,
    /// When the server last answered: a problem is dated from then, the
    /// last moment what the watches delivered was known to be current.
    answered: Option<i64>,
}

impl Told {
    fn new(tx: mpsc::Sender<ClusterEvent>) -> Told {
        Told {
            tx,
            last: None,
            answered: None,
        }
    }

    /// Says `problem` (None: the server answers) if it is news; false once
    /// nobody listens. `asked`: when the question that found it was asked.
    async fn say(&mut self, problem: Option<Problem>, asked: i64) -> bool {
        let at = match problem {
            None => {
                self.answered = Some(now_millis());
                now_millis()
            }
            Some(_) => self.answered.unwrap_or(asked),
        };
        if problem == self.last {
            return !self.tx.is_closed();
        }
        self.last = problem.clone();
        let event = ClusterEvent {
            at,
            change: Change::ServerHealth { problem },
        };
        self.tx.send(event).await.is_ok()
    }
}

/// PINGs every `PROBE_EVERY`, dialling again when the connection ends.
/// Returns false once nobody listens, true when the server is not reached
/// over HTTP/2 (the caller asks `/readyz` instead).
async fn ping_loop(pinger: &Pinger, told: &mut Told) -> bool {
    let mut answered_once = false;
    loop {
        let asked = now_millis();
        let dialled = tokio::time::timeout(PROBE_LIMIT, pinger.dial()).await;
        let problem = match dialled {
            Ok(Ok(connection)) => Ok(connection),
            // Some front speaks HTTP/1.1 only: PINGs cannot tell.
            Ok(Err(DialError::NoHttp2)) => return true,
            Ok(Err(DialError::Failed(message))) => Err(Problem::Error {
                message: message.into(),
            }),
            Err(_) => Err(Problem::NoAnswer {
                secs: PROBE_LIMIT.as_secs(),
            }),
        };
        let mut connection = match problem {
            Ok(connection) => connection,
            // Never reached this way, though kube's client just was (the
            // server's version was asked before): something on the way
            // (a proxy, a firewall) keeps PINGs out, not a server down.
            Err(problem) if !answered_once => {
                tracing::info!("no HTTP/2 connection to the API server for PINGs: {problem}");
                return true;
            }
            Err(problem) => {
                if !told.say(Some(problem), asked).await {
                    return false;
                }
                tokio::time::sleep(PROBE_EVERY).await;
                continue;
            }
        };
        loop {
            let asked = now_millis();
            let problem = match connection.ping(PROBE_LIMIT).await {
                Pong::Answered => {
                    if !answered_once {
                        answered_once = true;
                        tracing::info!(
                            "the API server answers HTTP/2 PINGs: its health costs it no request"
                        );
                    }
                    None
                }
                Pong::NoAnswer => Some(Problem::NoAnswer {
                    secs: PROBE_LIMIT.as_secs(),
                }),
                // Dialled again at once: that says whether it is there.
                Pong::Closed => break,
            };
            let frozen = problem.is_some();
            if !told.say(problem, asked).await {
                return false;
            }
            if frozen {
                // Its answers are behind whatever it froze on: dial afresh.
                break;
            }
            tokio::time::sleep(PROBE_EVERY).await;
        }
    }
}

async fn probe_loop(client: Client, mut told: Told, heard: Option<Heard>) {
    loop {
        tokio::time::sleep(PROBE_EVERY).await;
        // Heard from lately, and no problem to see the end of: not asked.
        if let Some(heard) = heard.as_ref().filter(|_| told.last.is_none()) {
            let silent = now_millis() - heard.at().max(told.answered.unwrap_or(0));
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
        if !told.say(problem, asked).await {
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
