//! `stsdash doctor`: one screen a teacher can paste when something does not
//! work — the build, the config file, the kubeconfig files read, the
//! context and server, and what this user may do, asked of the API server
//! (SelfSubjectAccessReview) for each thing stsdash does.

use std::fmt::Write as _;

use super::{AppError, config, say};
use crate::cli::Global;
use crate::cluster::{self, Access};

/// Each right stsdash uses: (what it is for, verb, group, resource, subresource, cluster-wide).
const RIGHTS: &[(&str, &str, &str, &str, &str, bool)] = &[
    (
        "see StatefulSets",
        "watch",
        "apps",
        "statefulsets",
        "",
        false,
    ),
    ("see pods", "watch", "", "pods", "", false),
    (
        "see claims",
        "watch",
        "",
        "persistentvolumeclaims",
        "",
        false,
    ),
    ("see volumes", "watch", "", "persistentvolumes", "", true),
    (
        "see storage classes",
        "watch",
        "storage.k8s.io",
        "storageclasses",
        "",
        true,
    ),
    ("see Services", "watch", "", "services", "", false),
    (
        "see EndpointSlices",
        "watch",
        "discovery.k8s.io",
        "endpointslices",
        "",
        false,
    ),
    (
        "see revisions",
        "watch",
        "apps",
        "controllerrevisions",
        "",
        false,
    ),
    ("see Events", "watch", "", "events", "", false),
    ("read logs", "get", "", "pods", "log", false),
    (
        "scale (+ - s)",
        "patch",
        "apps",
        "statefulsets",
        "scale",
        false,
    ),
    ("delete a pod (d)", "delete", "", "pods", "", false),
    ("open a shell (e)", "create", "", "pods", "exec", false),
    ("apply a lesson", "patch", "apps", "statefulsets", "", false),
    (
        "create a lesson's namespace",
        "create",
        "",
        "namespaces",
        "",
        true,
    ),
];

pub async fn run(global: &Global) -> Result<(), AppError> {
    let mut out = String::new();
    let _ = writeln!(out, "stsdash {}", crate::version::long());
    match config::path() {
        Some(path) if path.exists() => {
            let _ = writeln!(out, "config:     {}", path.display());
        }
        Some(path) => {
            let _ = writeln!(out, "config:     {} (none: defaults)", path.display());
        }
        None => {
            let _ = writeln!(out, "config:     none ($HOME unset)");
        }
    }
    let read_only = global.read_only || config::load()?.read_only;
    let selection = global.selection(None);
    let connection = match cluster::connect(&selection.target(Access::ReadOnly)).await {
        Ok(connection) => connection,
        Err(e) => {
            let _ = writeln!(out, "cluster:    {e}");
            say::out(&out);
            return Err(e.into());
        }
    };
    let files: Vec<String> = connection
        .kubeconfig_files
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    let _ = writeln!(
        out,
        "kubeconfig: {}",
        if files.is_empty() {
            "none (in-cluster service account)".to_string()
        } else {
            files.join(", ")
        }
    );
    let _ = writeln!(out, "context:    {}", connection.context);
    let _ = writeln!(out, "server:     {}", connection.server);
    if let Some(proxy) = &connection.proxy {
        let _ = writeln!(out, "proxy:      {proxy}");
    }
    let _ = writeln!(out, "namespace:  {}", connection.namespace);
    match connection.server_version().await {
        Ok(version) => {
            let _ = writeln!(out, "version:    Kubernetes {version}");
        }
        Err(e) => {
            let _ = writeln!(out, "version:    {e}");
            say::out(&out);
            return Err(e.into());
        }
    }
    let _ = writeln!(
        out,
        "mode:       {}",
        if read_only {
            "read-only (--read-only or read_only = true): stsdash changes nothing"
        } else {
            "read-write"
        }
    );
    let _ = writeln!(out, "may:");
    for (what, verb, group, resource, subresource, cluster_wide) in RIGHTS {
        let namespace = (!cluster_wide).then_some(connection.namespace.as_str());
        let answer = match connection
            .may(verb, group, resource, subresource, namespace)
            .await
        {
            Ok(true) => "yes".to_string(),
            Ok(false) => "no".to_string(),
            Err(e) => format!("cannot ask: {e}"),
        };
        let scope = if *cluster_wide { " (cluster-wide)" } else { "" };
        let _ = writeln!(out, "  {what:<28} {answer}{scope}");
    }
    say::out(&out);
    Ok(())
}
