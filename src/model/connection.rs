//! Whether what the model holds is current: each watch's access, the API
//! server's health, and the connection as a whole for the header.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::key::{Kind, Millis};
use super::text::Text;

/// Why the API server or a watch does not deliver, as facts (events and
/// recordings keep these, and they are worded when said, in the language of
/// that moment). The `message`s are the API server's or the connection's
/// own words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "is", rename_all = "snake_case")]
pub enum Problem {
    /// No answer within `secs` seconds.
    NoAnswer { secs: u64 },
    /// The readiness endpoint answered not ready, naming the checks that
    /// fail (none: it named none).
    NotReady {
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        failing: Vec<Text>,
    },
    /// The request failed: the server's or the connection's words.
    Error { message: Text },
    /// An older recording's sentence, kept as it was.
    #[serde(untagged)]
    Said(Text),
}

/// In words, for the header and the dump ("no answer within 3s", "not ready: etcd").
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::NoAnswer { secs } => {
                f.write_str(&crate::t!("connection-no-answer", seconds = *secs))
            }
            Problem::NotReady { failing } if failing.is_empty() => {
                f.write_str(&crate::t!("connection-not-ready"))
            }
            Problem::NotReady { failing } => {
                let checks: Vec<&str> = failing.iter().map(Text::as_str).collect();
                f.write_str(&crate::t!(
                    "connection-not-ready-checks",
                    checks = checks.join(", ")
                ))
            }
            Problem::Error { message } | Problem::Said(message) => f.write_str(message),
        }
    }
}

/// A sentence, as tests give it: kept as it is.
impl From<&str> for Problem {
    fn from(said: &str) -> Problem {
        Problem::Said(said.into())
    }
}

impl From<String> for Problem {
    fn from(said: String) -> Problem {
        Problem::Said(said.into())
    }
}

/// Whether the watch of one kind delivers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Access {
    Connecting,
    Synced,
    /// The user may not list this kind (RBAC); the rest works without it.
    NotPermitted {
        message: String,
    },
    /// The watch failed at `since` and is retrying: what the model holds of
    /// this kind is as of then.
    Retrying {
        since: Millis,
        message: String,
    },
}

/// Something is down: since when, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Outage {
    pub since: Millis,
    pub message: String,
}

/// The connection as a whole, for the header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Connection {
    Connecting,
    Synced,
    /// A watch or the API server is down: the data is as of `since`, the
    /// oldest of the outages; `down` says what is down and why, one entry
    /// per reason.
    Reconnecting {
        since: Millis,
        last_error: String,
        down: Vec<Failing>,
    },
}

/// One reason something is down, and what it holds down.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failing {
    pub what: Down,
    pub message: String,
}

/// What one reason holds down.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Down {
    /// As many as there are permitted watches: said as every watch.
    EveryWatch,
    /// The API server (when it fails for this reason too) and these watches.
    These { server: bool, watches: Vec<Kind> },
}

/// "pods, events: connection refused", "every watch: …", "API server: …":
/// the header's and the dump's words for it (the dump's `down` entries).
impl fmt::Display for Failing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let message = self.message.as_str();
        match &self.what {
            Down::EveryWatch => {
                f.write_str(&crate::t!("connection-every-watch", message = message))
            }
            Down::These { server, watches } => {
                // The watches by their resource names, as kubectl says them.
                let server = server.then(|| crate::t!("connection-api-server"));
                let names: Vec<&str> = server
                    .iter()
                    .map(String::as_str)
                    .chain(watches.iter().map(|k| k.resource()))
                    .collect();
                let what = names.join(&crate::t!("phrase-list-separator"));
                f.write_str(&crate::t!(
                    "connection-down",
                    what = what,
                    message = message
                ))
            }
        }
    }
}

impl Serialize for Failing {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Whether every permitted watch delivers and the API server answers:
/// `connection` is `Synced`, without building what is down.
pub(super) fn is_synced(access: &BTreeMap<Kind, Access>, server: Option<&Outage>) -> bool {
    server.is_none()
        && access
            .values()
            .all(|a| matches!(a, Access::Synced | Access::NotPermitted { .. }))
}

/// The connection as a whole: reconnecting while the API server does not
/// answer or any watch is retrying, synced once every permitted watch has
/// listed.
pub(super) fn connection(access: &BTreeMap<Kind, Access>, server: Option<&Outage>) -> Connection {
    // What is down, with its outage; watches that fail for one reason are named together.
    let mut down: Vec<(bool, Vec<Kind>, Outage)> = Vec::new();
    if let Some(outage) = server {
        down.push((true, Vec::new(), outage.clone()));
    }
    for (kind, state) in access {
        let Access::Retrying { since, message } = state else {
            continue;
        };
        match down.iter_mut().find(|(.., o)| &o.message == message) {
            Some((_, kinds, outage)) => {
                kinds.push(*kind);
                outage.since = outage.since.min(*since);
            }
            None => down.push((
                false,
                vec![*kind],
                Outage {
                    since: *since,
                    message: message.clone(),
                },
            )),
        }
    }
    // Every watch down for one reason is said so, not named one by one.
    let watches = access
        .values()
        .filter(|a| !matches!(a, Access::NotPermitted { .. }))
        .count();
    match down.iter().map(|(.., o)| o).min_by_key(|o| o.since) {
        Some(oldest) => Connection::Reconnecting {
            since: oldest.since,
            last_error: oldest.message.clone(),
            down: down
                .iter()
                .map(|(server, kinds, o)| Failing {
                    what: if usize::from(*server) + kinds.len() == watches {
                        Down::EveryWatch
                    } else {
                        Down::These {
                            server: *server,
                            watches: kinds.clone(),
                        }
                    },
                    message: o.message.clone(),
                })
                .collect(),
        },
        None if access.values().any(|a| *a == Access::Connecting) => Connection::Connecting,
        None => Connection::Synced,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Model, Scope};

    fn down(model: &Model) -> Vec<String> {
        match model.connection() {
            Connection::Reconnecting { down, .. } => down.iter().map(|d| d.to_string()).collect(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn watches_down_for_one_reason_are_named_together_or_as_every_watch() {
        let mut model = Model::new(Scope::default());
        for kind in Kind::ALL {
            model.access.insert(kind, Access::Synced);
        }
        let retrying = |since, message: &str| Access::Retrying {
            since,
            message: message.into(),
        };
        model.access.insert(Kind::Pod, retrying(5, "refused"));
        model.access.insert(Kind::Event, retrying(3, "refused"));
        model.access.insert(Kind::Service, retrying(4, "reset"));
        model.server = Some(Outage {
            since: 9,
            message: "no answer".into(),
        });
        assert_eq!(
            down(&model),
            [
                "API server: no answer",
                "pods, events: refused",
                "services: reset"
            ]
        );
        for kind in Kind::ALL {
            model.access.insert(kind, retrying(1, "refused"));
        }
        model.access.insert(
            Kind::Event,
            Access::NotPermitted {
                message: "forbidden".into(),
            },
        );
        assert_eq!(
            down(&model),
            ["API server: no answer", "every watch: refused"]
        );
    }
}
