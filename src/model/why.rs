//! Why an action of stsdash did not happen, as facts: a [`Refusal`] (not
//! sent) or a [`Failure`] (sent, and the cluster said no or did not answer).
//! Events and recordings keep these, never a sentence: each is worded when
//! it is said, in the language of that moment, so a recording made in
//! English replays in Russian or Chinese. The only words kept are the API
//! server's (or the connection's) own, which no language of stsdash changes.
//!
//! A recording made before these were facts has a sentence in their place:
//! it loads as `Said`, and is said as it was written.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::event::Action;
use super::pod::short_uid;
use super::text::Text;
use crate::t;

/// Why stsdash did not send an action: its target is not the one the key
/// chose, or stsdash may not change anything.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "is", rename_all = "snake_case")]
pub enum Refusal {
    /// stsdash runs read-only.
    ReadOnly,
    /// The target was replaced since the key was pressed: its UID then and now.
    Replaced { was: Text, now: Text },
    /// The target is gone since the key was pressed.
    Gone,
    /// An older recording's sentence, kept as it was.
    #[serde(untagged)]
    Said(Text),
}

impl Refusal {
    /// In words, for the status line and the narration: the target's name
    /// and the keys that chose it come from `action`.
    pub fn said(&self, action: &Action) -> String {
        let (name, key) = match action {
            Action::Scale { statefulset, .. } => (&statefulset.name, t!("action-keys-scale")),
            Action::DeletePod { pod, .. } => (&pod.name, "d".to_string()),
            Action::Exec { pod, .. } => (&pod.name, "e".to_string()),
        };
        match self {
            Refusal::ReadOnly => t!("action-refused-read-only"),
            Refusal::Replaced { was, now } => t!(
                "action-replaced",
                name = name,
                key = key,
                was = short_uid(was),
                now = short_uid(now)
            ),
            Refusal::Gone => t!("action-gone", name = name, key = key),
            Refusal::Said(text) => text.to_string(),
        }
    }
}

/// A sentence, as tests and older code give it: kept as it is.
impl From<&str> for Refusal {
    fn from(said: &str) -> Refusal {
        Refusal::Said(said.into())
    }
}

/// Why an action stsdash sent (or a shell it opened) did not happen. The
/// `message`s are the API server's or the connection's own words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "is", rename_all = "snake_case")]
pub enum Failure {
    /// 403: the user may not.
    Forbidden { message: Text },
    /// 404.
    NotFound { message: Text },
    /// 409: the object changed meanwhile (its UID, a precondition).
    Conflict { message: Text },
    /// No answer from the API server within `secs` seconds.
    Timeout { secs: u64 },
    /// 504: the API server waited too long for what it asked of etcd.
    GaveUpWaiting { message: Text },
    /// Any other refusal by the API server.
    Refused { message: Text },
    /// The API server could not be reached.
    Unreachable { message: Text },
    /// The local terminal could not be lent to a shell.
    Terminal { message: Text },
    /// No shell was given to try.
    NoShellToTry,
    /// Each shell tried, and why it did not start.
    NoShellCouldStart { tried: Vec<Tried> },
    /// The exec stream came without stdin or stdout.
    NoStdio,
    /// The exec stream came without a status.
    NoStatus,
    /// The shell's connection was lost.
    ConnectionLost { message: Text },
    /// The shell's connection closed without an exit status.
    ConnectionClosed,
    /// The shell failed after it started; None: the server did not say why.
    CommandFailed {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        message: Option<Text>,
    },
    /// A lesson's step (a teacher's Enter) in a replay: no cluster to act on.
    NoCluster,
    /// A lesson's step while stsdash may not change anything.
    ReadOnly,
    /// The StatefulSet a lesson's step scales is not there yet.
    #[serde(rename = "no_statefulset")]
    NoStatefulSet { name: Text },
    /// The pod a lesson's step deletes is not there.
    NoPod { name: Text },
    /// The dashboard's own scale or delete for a lesson's step was not sent.
    NotSent {
        action: Box<Action>,
        reason: Refusal,
    },
    /// The pod a lesson's step runs a command in has no container.
    NoContainer { pod: Text },
    /// A lesson's step deletes a kind stsdash does not delete.
    UnknownKind { kind: Text },
    /// A manifest's cluster-wide kind, not allowed (--allow-cluster-objects).
    ClusterWide { kind: Text },
    /// A manifest's kind the API server does not serve.
    NotServed { kind: Text, version: Text },
    /// Applying a manifest: a field of `object` is another manager's
    /// (kubectl/name); the API server's words.
    ApplyConflict { object: Text, message: Text },
    /// An older recording's sentence, kept as it was.
    #[serde(untagged)]
    Said(Text),
}

/// A shell that did not start, and the server's words why (None: it did not say).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tried {
    pub shell: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<Text>,
}

/// The server's words, or "failed" when it gave none.
fn or_failed(message: &Option<Text>) -> String {
    match message {
        Some(message) => message.to_string(),
        None => t!("action-exec-failed"),
    }
}

/// In words, for the status line and the narration (after "could not …: ").
impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let refused = |message: String| t!("action-refused", message = message);
        let said = match self {
            Failure::Forbidden { message } => t!("action-forbidden", message = message),
            Failure::NotFound { message } => t!("action-not-found", message = message),
            Failure::Conflict { message } => t!("action-conflict", message = message),
            Failure::Timeout { secs } => t!("action-timeout", seconds = *secs),
            Failure::GaveUpWaiting { message } => t!(
                "action-refused",
                message = t!("action-gave-up-waiting", message = message)
            ),
            Failure::Refused { message } => t!("action-refused", message = message),
            Failure::Unreachable { message } => t!("action-unreachable", message = message),
            Failure::Terminal { message } => t!("app-terminal-error", error = message),
            Failure::NoShellToTry => t!("action-no-shell-to-try", shells = ""),
            Failure::NoShellCouldStart { tried } => {
                let tried: Vec<String> = tried
                    .iter()
                    .map(|t| format!("{}: {}", t.shell, or_failed(&t.message)))
                    .collect();
                t!("action-no-shell-could-start", tried = tried.join("; "))
            }
            Failure::NoStdio => t!("action-exec-no-stdio"),
            Failure::NoStatus => t!("action-exec-no-status"),
            Failure::ConnectionLost { message } => {
                t!("action-shell-connection-lost", error = message)
            }
            Failure::ConnectionClosed => t!("action-shell-connection-closed"),
            Failure::CommandFailed { message } => or_failed(message),
            Failure::Said(text) => text.to_string(),
            // A lesson's own.
            Failure::NoCluster => t!("lesson-act-replay"),
            Failure::ReadOnly => t!("lesson-act-read-only"),
            Failure::NoStatefulSet { name } => t!("lesson-act-no-statefulset", name = name),
            Failure::NoPod { name } => t!("lesson-act-no-pod", name = name),
            Failure::NotSent { action, reason } => reason.said(action),
            Failure::NoContainer { pod } => refused(t!("lesson-exec-no-container", pod = pod)),
            Failure::UnknownKind { kind } => refused(t!("lesson-delete-unknown-kind", kind = kind)),
            Failure::ClusterWide { kind } => refused(t!("lesson-file-cluster-wide", kind = kind)),
            Failure::NotServed { kind, version } => t!(
                "action-not-found",
                message = t!("lesson-kind-not-served", kind = kind, version = version)
            ),
            Failure::ApplyConflict { object, message } => t!(
                "action-conflict",
                message = t!("lesson-apply-conflict", name = object, message = message)
            ),
        };
        f.write_str(&said)
    }
}

/// A sentence, as tests and older code give it: kept as it is.
impl From<&str> for Failure {
    fn from(said: &str) -> Failure {
        Failure::Said(said.into())
    }
}

impl From<String> for Failure {
    fn from(said: String) -> Failure {
        Failure::Said(said.into())
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::i18n::{Lang, with_lang};
    use crate::model::event::{Change, ClusterEvent, Failure, Problem, Refusal};
    use crate::model::{Model, Scope};

    fn event(json: serde_json::Value) -> ClusterEvent {
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn a_recording_from_before_the_facts_loads_with_its_sentences_as_they_were() {
        let scale = json!({"action": "scale", "statefulset": {"namespace": "demo", "name": "web"},
            "uid": "sts-uid", "from": 2, "to": 3});
        let refused = json!({"at": 1, "type": "action_refused", "action": scale,
            "reason": "web was replaced since you pressed s, + or - (uid a → b)"});
        let failed = json!({"at": 2, "type": "action_failed", "action": scale,
            "message": "refused: the API server gave up waiting: timeout"});
        let health = json!({"at": 3, "type": "server_health", "problem": "no answer within 3s"});
        let watch = json!({"at": 4, "type": "watch_failed", "kind": "Pod",
            "message": "connection refused", "forbidden": false});
        let events: Vec<ClusterEvent> = [&refused, &failed, &health, &watch]
            .into_iter()
            .map(|j| event(j.clone()))
            .collect();
        let Change::ActionRefused { reason, .. } = &events[0].change else {
            panic!()
        };
        assert_eq!(
            *reason,
            Refusal::Said("web was replaced since you pressed s, + or - (uid a → b)".into())
        );
        let Change::ActionFailed { message, .. } = &events[1].change else {
            panic!()
        };
        assert_eq!(
            *message,
            Failure::Said("refused: the API server gave up waiting: timeout".into())
        );
        let Change::ServerHealth { problem } = &events[2].change else {
            panic!()
        };
        assert_eq!(*problem, Some(Problem::Said("no answer within 3s".into())));
        // Written again as they were read.
        for (event, json) in events.iter().zip([refused, failed, health, watch]) {
            assert_eq!(serde_json::to_value(event).unwrap(), json);
        }
        // Said as written, in any language: the sentence is all there is.
        let said = with_lang(Lang::Ru, || {
            let mut model = Model::new(Scope::default());
            for event in events {
                model.apply(event);
            }
            let lines: Vec<String> = model
                .history
                .narration
                .iter()
                .map(|n| n.text.clone())
                .collect();
            (lines, model.server.map(|o| o.message))
        });
        assert!(
            said.0[0].ends_with(": web was replaced since you pressed s, + or - (uid a → b)"),
            "{said:?}"
        );
        assert_eq!(said.1.as_deref(), Some("no answer within 3s"));
    }

    #[test]
    fn facts_are_written_tagged_and_read_back() {
        let refusals = [
            (Refusal::ReadOnly, json!({"is": "read_only"})),
            (Refusal::Gone, json!({"is": "gone"})),
            (
                Refusal::Replaced {
                    was: "a".into(),
                    now: "b".into(),
                },
                json!({"is": "replaced", "was": "a", "now": "b"}),
            ),
        ];
        for (fact, json) in refusals {
            assert_eq!(serde_json::to_value(&fact).unwrap(), json);
            assert_eq!(serde_json::from_value::<Refusal>(json).unwrap(), fact);
        }
        let failures = [
            (
                Failure::Timeout { secs: 30 },
                json!({"is": "timeout", "secs": 30}),
            ),
            (
                Failure::GaveUpWaiting {
                    message: "timeout".into(),
                },
                json!({"is": "gave_up_waiting", "message": "timeout"}),
            ),
            (
                Failure::CommandFailed { message: None },
                json!({"is": "command_failed"}),
            ),
            (
                Failure::NoShellCouldStart {
                    tried: vec![super::Tried {
                        shell: "/bin/bash".into(),
                        message: None,
                    }],
                },
                json!({"is": "no_shell_could_start", "tried": [{"shell": "/bin/bash"}]}),
            ),
        ];
        for (fact, json) in failures {
            assert_eq!(serde_json::to_value(&fact).unwrap(), json);
            assert_eq!(serde_json::from_value::<Failure>(json).unwrap(), fact);
        }
        let problems = [
            (
                Problem::NotReady {
                    failing: vec!["etcd".into()],
                },
                json!({"is": "not_ready", "failing": ["etcd"]}),
            ),
            (
                Problem::NotReady { failing: vec![] },
                json!({"is": "not_ready"}),
            ),
            (
                Problem::Error {
                    message: "connection refused".into(),
                },
                json!({"is": "error", "message": "connection refused"}),
            ),
        ];
        for (fact, json) in problems {
            assert_eq!(serde_json::to_value(&fact).unwrap(), json);
            assert_eq!(serde_json::from_value::<Problem>(json).unwrap(), fact);
        }
    }

    #[test]
    fn english_is_said_as_it_always_was() {
        let scale = crate::model::Action::Scale {
            statefulset: crate::model::Key::new("demo", "web"),
            uid: "sts-uid".into(),
            from: 2,
            to: 3,
        };
        with_lang(Lang::En, || {
            assert_eq!(Refusal::ReadOnly.said(&scale), "read-only");
            assert_eq!(
                Refusal::Gone.said(&scale),
                "web is gone since you pressed s, + or -"
            );
            let tried = |message: Option<&str>| super::Tried {
                shell: "/bin/bash".into(),
                message: message.map(Into::into),
            };
            let failure = Failure::NoShellCouldStart {
                tried: vec![tried(None), tried(Some("exec: not found"))],
            };
            assert_eq!(
                failure.to_string(),
                "no shell could start (/bin/bash: failed; /bin/bash: exec: not found)"
            );
            assert_eq!(
                Failure::NoShellToTry.to_string(),
                "no shell to try (shells: )"
            );
            assert_eq!(
                Problem::NoAnswer { secs: 3 }.to_string(),
                "no answer within 3s"
            );
        });
    }
}
