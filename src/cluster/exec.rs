//! Commands in a pod through the API server's exec subresource (a
//! websocket): no kubectl needed.

use k8s_openapi::api::core::v1::Pod;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::Status;
use kube::Api;
use kube::api::{AttachParams, AttachedProcess};

use super::WriteAccess;
use super::error::ActionError;
use crate::model::{Key, Refusal, sanitize};

/// Whether the pod is still the incarnation `uid`, asked of the API server
/// right before a session opens (the exec API has no UID precondition).
/// Err says why not.
pub async fn still(
    write: &WriteAccess,
    pod: &Key,
    uid: &str,
) -> Result<Result<(), Refusal>, ActionError> {
    let api: Api<Pod> = Api::namespaced(write.client.clone(), &pod.namespace);
    let now = write.answer(api.get_opt(&pod.name)).await?;
    Ok(match now.and_then(|p| p.metadata.uid) {
        Some(now) if now == uid => Ok(()),
        Some(now) => Err(Refusal::Replaced {
            was: uid.into(),
            now: now.into(),
        }),
        None => Err(Refusal::Gone),
    })
}

/// Starts `command` in the pod's container with a terminal (TTY, stdin, stdout).
pub async fn open_tty(
    write: &WriteAccess,
    pod: &Key,
    container: &str,
    command: &str,
) -> Result<AttachedProcess, ActionError> {
    let api: Api<Pod> = Api::namespaced(write.client.clone(), &pod.namespace);
    let params = AttachParams::interactive_tty().container(container);
    api.exec(&pod.name, [command], &params)
        .await
        .map_err(|e| match e {
            kube::Error::Api(_) => ActionError::from(e),
            // A refused upgrade comes back as a bare HTTP error: say what it was.
            other => ActionError::Refused(sanitize::line(&other.to_string())),
        })
}

/// How a command ended, from the status the API server sends last.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ended {
    /// Exit code 0.
    Success,
    /// The command ran and exited with this code.
    Exited(i32),
    /// It could not run (e.g. no such executable): the server's message
    /// (None: it gave none).
    Failed(Option<String>),
    /// The connection closed without a status.
    NoStatus,
}

impl Ended {
    pub fn from_status(status: Option<&Status>) -> Ended {
        let Some(status) = status else {
            return Ended::NoStatus;
        };
        if status.status.as_deref() == Some("Success") {
            return Ended::Success;
        }
        let message = status.message.as_deref().unwrap_or_default();
        let exit_code = status
            .details
            .iter()
            .flat_map(|d| d.causes.iter().flatten())
            .find(|c| c.reason.as_deref() == Some("ExitCode"))
            .and_then(|c| c.message.as_deref()?.parse().ok());
        // A kubelet names the code in a cause; kwok only in the message ("… exit status 3").
        let exit_code = exit_code.or_else(|| {
            message
                .rsplit_once("exit status ")
                .and_then(|(_, code)| code.trim().parse().ok())
        });
        match exit_code {
            Some(code) => Ended::Exited(code),
            None => Ended::Failed(status.message.as_deref().map(sanitize::line)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(json: serde_json::Value) -> Status {
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn the_last_status_says_how_the_command_ended() {
        assert_eq!(Ended::from_status(None), Ended::NoStatus);
        assert_eq!(
            Ended::from_status(Some(&status(serde_json::json!({"status": "Success"})))),
            Ended::Success
        );
        let exited = status(serde_json::json!({
            "status": "Failure",
            "reason": "NonZeroExitCode",
            "message": "command terminated with non-zero exit code",
            "details": {"causes": [{"reason": "ExitCode", "message": "3"}]},
        }));
        assert_eq!(Ended::from_status(Some(&exited)), Ended::Exited(3));
        let kwok_exited = status(serde_json::json!({
            "status": "Failure",
            "reason": "InternalError",
            "code": 500,
            "message": "Internal error occurred: error executing command in container: cmd wait: sh: exit status 3",
        }));
        assert_eq!(Ended::from_status(Some(&kwok_exited)), Ended::Exited(3));
        let missing = status(serde_json::json!({
            "status": "Failure",
            "message": "exec: \"/bin/nosuch\": stat /bin/nosuch: no such file or directory\u{1b}[2J",
        }));
        assert_eq!(
            Ended::from_status(Some(&missing)),
            Ended::Failed(Some(
                "exec: \"/bin/nosuch\": stat /bin/nosuch: no such file or directory".into()
            ))
        );
    }
}
