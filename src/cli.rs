//! The command line, kubectl-like.

use std::path::PathBuf;

use clap::Parser;

/// A terminal dashboard that shows a Kubernetes StatefulSet's behaviour live.
#[derive(Debug, Parser)]
#[command(name = "stsdash", version, about)]
pub struct Cli {
    /// The StatefulSet to show (default: every StatefulSet of the namespace).
    pub statefulset: Option<String>,
    /// Namespace (default: the context's namespace, else "default").
    #[arg(short, long)]
    pub namespace: Option<String>,
    /// Every namespace.
    #[arg(short = 'A', long, conflicts_with = "namespace")]
    pub all_namespaces: bool,
    /// The kubeconfig context to use (default: the current context).
    #[arg(long)]
    pub context: Option<String>,
    /// Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config, then in-cluster).
    #[arg(long)]
    pub kubeconfig: Option<PathBuf>,
}

impl Cli {
    /// What to connect to, taken from the flags.
    pub fn target(&self) -> crate::cluster::Target {
        crate::cluster::Target {
            kubeconfig: self.kubeconfig.clone(),
            context: self.context.clone(),
            namespace: self.namespace.clone(),
        }
    }
}
