//! Why something with the cluster did not happen: why stsdash could not
//! reach or read it ([`ClusterError`]), and why a change it makes did not
//! happen ([`ActionError`]), with the field manager every change is made
//! as. Connecting, the actions, the shell and the lessons import these;
//! this file imports none of them.

use std::fmt;
use std::time::Duration;

use crate::model::{Failure, Text, sanitize};
use crate::t;

/// Why stsdash could not reach or read the cluster. Each variant renders as
/// one line a user can act on; none carries credentials.
#[derive(Debug, thiserror::Error)]
pub enum ClusterError {
    #[error("{}", t!("cluster-no-kubeconfig", why = .0))]
    NoKubeconfig(String),
    #[error("{}", t!("cluster-bad-kubeconfig", path = .path, reason = .reason))]
    BadKubeconfig { path: String, reason: String },
    #[error("{}", t!("cluster-unknown-context", context = .0))]
    UnknownContext(String),
    #[error("{}", t!("cluster-bad-config", reason = .0))]
    BadConfig(String),
    #[error("{}", t!("cluster-unreachable", server = .server, reason = .reason))]
    Unreachable { server: String, reason: String },
    #[error(
        "{}",
        t!("cluster-refused", server = .server, reason = .reason, code = *.code)
    )]
    Refused {
        server: String,
        code: u16,
        reason: String,
    },
}

/// The field manager of every server-side apply (and of the scale): `kubectl
/// get -o yaml --show-managed-fields` names stsdash as the owner of what a
/// lesson set.
pub const FIELD_MANAGER: &str = "stsdash";

/// Why an action did not happen. The event it becomes holds it as the
/// model's [`Failure`] (a fact, worded when said); its `Display` is that
/// failure's words, in one line for the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActionError {
    Forbidden(String),
    NotFound(String),
    Conflict(String),
    Timeout(Duration),
    /// 504: the API server waited too long for what it asked of etcd.
    GaveUpWaiting(String),
    Refused(String),
    Unreachable(String),
    /// A lesson's own reason, already a fact (a pod without a container, a
    /// kind the API server does not serve, a field another manager owns…).
    Lesson(Failure),
}

impl ActionError {
    /// As the model keeps it: the server's words, and the rest as facts.
    pub fn failure(&self) -> Failure {
        let message = |m: &String| Text::from(m);
        match self {
            ActionError::Forbidden(m) => Failure::Forbidden {
                message: message(m),
            },
            ActionError::NotFound(m) => Failure::NotFound {
                message: message(m),
            },
            ActionError::Conflict(m) => Failure::Conflict {
                message: message(m),
            },
            ActionError::Timeout(d) => Failure::Timeout { secs: d.as_secs() },
            ActionError::GaveUpWaiting(m) => Failure::GaveUpWaiting {
                message: message(m),
            },
            ActionError::Refused(m) => Failure::Refused {
                message: message(m),
            },
            ActionError::Unreachable(m) => Failure::Unreachable {
                message: message(m),
            },
            ActionError::Lesson(failure) => failure.clone(),
        }
    }
}

impl fmt::Display for ActionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.failure(), f)
    }
}

impl std::error::Error for ActionError {}

impl From<kube::Error> for ActionError {
    fn from(error: kube::Error) -> Self {
        match error {
            kube::Error::Api(status) => {
                // The server's message names the user, verb and resource: keep it, made safe.
                let message = sanitize::line(&status.message);
                match status.code {
                    403 => ActionError::Forbidden(message),
                    404 => ActionError::NotFound(message),
                    409 => ActionError::Conflict(message),
                    504 => ActionError::GaveUpWaiting(message),
                    _ => ActionError::Refused(message),
                }
            }
            other => ActionError::Unreachable(sanitize::line(&other.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api_error(code: u16, message: &str) -> kube::Error {
        let status: kube::core::Status = serde_json::from_value(serde_json::json!({
            "status": "Failure",
            "message": message,
            "reason": "",
            "code": code,
        }))
        .unwrap();
        kube::Error::Api(Box::new(status))
    }

    #[test]
    fn api_answers_become_one_safe_line() {
        let forbidden = ActionError::from(api_error(
            403,
            "pods \"web-0\" is forbidden: User \"student\" cannot delete\x1b[2J",
        ));
        assert!(matches!(forbidden, ActionError::Forbidden(_)));
        let line = forbidden.to_string();
        assert!(
            line.starts_with("forbidden: pods \"web-0\" is forbidden"),
            "{line}"
        );
        assert!(!line.contains('\x1b'), "{line:?}");
        assert!(matches!(
            ActionError::from(api_error(409, "Precondition failed")),
            ActionError::Conflict(_)
        ));
        assert!(matches!(
            ActionError::from(api_error(404, "pods \"web-9\" not found")),
            ActionError::NotFound(_)
        ));
        assert_eq!(
            ActionError::from(api_error(504, "timeout")).to_string(),
            "refused: the API server gave up waiting: timeout"
        );
    }
}

#[cfg(test)]
mod said {
    use super::*;
    use crate::i18n::{Lang, with_lang};

    fn every_error() -> Vec<String> {
        let cluster = [
            ClusterError::NoKubeconfig("/home/t/.kube/config does not exist".into()),
            ClusterError::BadKubeconfig {
                path: "/k".into(),
                reason: "bad yaml".into(),
            },
            ClusterError::UnknownContext("lab".into()),
            ClusterError::BadConfig("odd".into()),
            ClusterError::Unreachable {
                server: "https://10.0.0.1:6443".into(),
                reason: "connection refused".into(),
            },
            ClusterError::Refused {
                server: "https://10.0.0.1:6443".into(),
                code: 403,
                reason: "forbidden".into(),
            },
        ];
        let action = [
            ActionError::Forbidden("x".into()),
            ActionError::NotFound("x".into()),
            ActionError::Conflict("x".into()),
            ActionError::Timeout(Duration::from_secs(30)),
            ActionError::Refused("x".into()),
            ActionError::Unreachable("x".into()),
        ];
        cluster
            .iter()
            .map(ToString::to_string)
            .chain(action.iter().map(ToString::to_string))
            .collect()
    }

    #[test]
    fn english_errors_read_as_they_always_did() {
        assert_eq!(
            with_lang(Lang::En, every_error),
            [
                "no kubeconfig found: set KUBECONFIG, pass --kubeconfig, or create ~/.kube/config (/home/t/.kube/config does not exist)",
                "cannot read kubeconfig /k: bad yaml",
                "context \"lab\" is not in the kubeconfig",
                "invalid cluster configuration: odd",
                "cannot reach the API server at https://10.0.0.1:6443: connection refused",
                "the API server at https://10.0.0.1:6443 refused the request: forbidden (403)",
                "forbidden: x",
                "not found: x",
                "conflict: x",
                "no answer from the API server within 30s",
                "refused: x",
                "cannot reach the API server: x",
            ]
        );
    }

    #[test]
    fn errors_are_said_in_russian_and_chinese_with_the_servers_words_kept() {
        let ru = with_lang(Lang::Ru, every_error);
        assert_eq!(ru[2], "контекста \"lab\" нет в kubeconfig");
        assert_eq!(
            ru[4],
            "API-сервер https://10.0.0.1:6443 недоступен: connection refused"
        );
        assert_eq!(ru[6], "запрещено (Forbidden): x");
        assert_eq!(ru[9], "API-сервер не ответил за 30 с");
        let zh = with_lang(Lang::ZhTw, every_error);
        assert_eq!(zh[2], "kubeconfig 中沒有 context \"lab\"");
        assert_eq!(
            zh[5],
            "API server https://10.0.0.1:6443 拒絕了請求：forbidden（403）"
        );
        assert_eq!(zh[9], "API server 在 30 秒內沒有回應");
        for said in ru.iter().chain(&zh) {
            assert!(
                !said.contains("cannot") && !said.contains("the API server"),
                "{said}"
            );
        }
    }
}
