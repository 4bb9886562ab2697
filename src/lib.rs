//! stsdash: a terminal dashboard that shows a Kubernetes StatefulSet's behaviour live.
//!
//! `cluster` holds everything that talks to Kubernetes; `cli` the command line.

pub mod cli;
pub mod cluster;
