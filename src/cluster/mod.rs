//! Everything that talks to Kubernetes.

pub mod actions;
mod connect;
pub mod error;
pub mod exec;
pub mod health;
pub mod lesson;
pub mod logs;
mod proxy;
pub mod retry;
pub mod watch;

pub use connect::{Access, Connection, REQUEST_TIMEOUT, Target, WriteAccess, connect};

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
