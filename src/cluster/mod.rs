//! Everything that talks to Kubernetes.

pub mod actions;
pub mod class;
mod connect;
pub mod error;
pub mod exec;
pub mod health;
pub mod lesson;
pub mod logs;
pub mod ping;
mod proxy;
pub mod retry;
pub mod watch;

pub use connect::{Access, Connection, REQUEST_TIMEOUT, Target, WriteAccess, connect};
pub use error::ClusterError;
