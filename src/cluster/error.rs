//! What every change stsdash makes to the cluster shares: why it did not
//! happen ([`ActionError`]), the one bounded request it is made of, and the
//! field manager it is made as. The actions, the shell and the lessons
//! import these; this file imports none of them.

use std::time::Duration;

use super::WriteAccess;
use crate::model::sanitize;

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

impl WriteAccess {
    /// One request, within the request timeout (--request-timeout).
    pub(super) async fn answer<T>(
        &self,
        call: impl Future<Output = Result<T, kube::Error>>,
    ) -> Result<T, ActionError> {
        match tokio::time::timeout(self.timeout, call).await {
            Ok(result) => result.map_err(ActionError::from),
            Err(_) => Err(ActionError::Timeout(self.timeout)),
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
