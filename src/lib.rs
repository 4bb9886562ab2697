//! stsdash: a terminal dashboard that shows a Kubernetes StatefulSet's behaviour live.
//!
//! `cluster` is everything that talks to Kubernetes; `model` the pure state and
//! the views derived from it; `app` the event loop and the commands; `cli` the
//! command line; `entry` the program's start (stsdash and kubectl-stsdash).

pub mod app;
pub mod cli;
pub mod cluster;
pub mod entry;
pub mod i18n;
pub mod lesson;
pub mod model;
pub mod ui;
pub mod version;
