//! Whether what the model holds is current: each watch's access, the API
//! server's health, and the connection as a whole for the header.

use serde::Serialize;

use super::Model;
use super::key::Millis;

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
    /// per reason ("pods, events: connection refused").
    Reconnecting {
        since: Millis,
        last_error: String,
        down: Vec<String>,
    },
}

impl Model {
    /// Whether every permitted watch delivers and the API server answers:
    /// `connection()` is `Synced`, without building what is down.
    pub fn is_synced(&self) -> bool {
        self.server.is_none()
            && self
                .access
                .values()
                .all(|a| matches!(a, Access::Synced | Access::NotPermitted { .. }))
    }

    /// The connection as a whole: reconnecting while the API server does not
    /// answer or any watch is retrying, synced once every permitted watch has
    /// listed.
    pub fn connection(&self) -> Connection {
        // What is down, with its outage; watches that fail for one reason are named together.
        let mut down: Vec<(String, Outage)> = Vec::new();
        if let Some(outage) = &self.server {
            down.push(("API server".into(), outage.clone()));
        }
        for (kind, access) in &self.access {
            let Access::Retrying { since, message } = access else {
                continue;
            };
            match down.iter_mut().find(|(_, o)| &o.message == message) {
                Some((what, outage)) => {
                    what.push_str(", ");
                    what.push_str(kind.resource());
                    outage.since = outage.since.min(*since);
                }
                None => down.push((
                    kind.resource().to_string(),
                    Outage {
                        since: *since,
                        message: message.clone(),
                    },
                )),
            }
        }
        // Every watch down for one reason is said so, not named one by one.
        let watches = self
            .access
            .values()
            .filter(|a| !matches!(a, Access::NotPermitted { .. }))
            .count();
        for (what, _) in down.iter_mut() {
            if what.matches(", ").count() + 1 == watches {
                *what = "every watch".into();
            }
        }
        match down.iter().min_by_key(|(_, o)| o.since) {
            Some((_, oldest)) => Connection::Reconnecting {
                since: oldest.since,
                last_error: oldest.message.clone(),
                down: down
                    .iter()
                    .map(|(what, o)| format!("{what}: {}", o.message))
                    .collect(),
            },
            None if self.access.values().any(|a| *a == Access::Connecting) => {
                Connection::Connecting
            }
            None => Connection::Synced,
        }
    }
}
