//! Why something with the cluster did not happen: why stsdash could not
//! reach or read it ([`ClusterError`]), and why a change it makes did not
//! happen ([`ActionError`]), with the field manager every change is made
//! as. Connecting, the actions, the shell and the lessons import these;
//! this file imports none of them.

use std::time::Duration;

use crate::model::sanitize;

/// Why stsdash could not reach or read the cluster. Each variant renders as
/// one line a user can act on; none carries credentials.
#[derive(Debug, thiserror::Error)]
pub enum ClusterError {
    #[error(
        "no kubeconfig found: set KUBECONFIG, pass --kubeconfig, or create ~/.kube/config ({0})"
    )]
    NoKubeconfig(String),
    #[error("cannot read kubeconfig {path}: {reason}")]
    BadKubeconfig { path: String, reason: String },
    #[error("context \"{0}\" is not in the kubeconfig")]
    UnknownContext(String),
    #[error("invalid cluster configuration: {0}")]
    BadConfig(String),
    #[error("cannot reach the API server at {server}: {reason}")]
    Unreachable { server: String, reason: String },
    #[error("the API server at {server} refused the request: {reason} ({code})")]
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

/// Why an action did not happen, in one line for the status bar.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ActionError {
    #[error("forbidden: {0}")]
    Forbidden(String),
    #[error("not found: {0}")]
    NotFound(String),
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("no answer from the API server within {}s", .0.as_secs())]
    Timeout(Duration),
    #[error("refused: {0}")]
    Refused(String),
    #[error("cannot reach the API server: {0}")]
    Unreachable(String),
}

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
                    504 => {
                        ActionError::Refused(format!("the API server gave up waiting: {message}"))
                    }
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
