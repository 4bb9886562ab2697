//! Helpers of the real-binary screen tests: a namespace's objects applied
//! with kubectl, a dashboard on it in tmux, its header and rows read back.

use std::io::Write;
use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use super::{TestNamespace, Tmux};

pub const LIMIT: Duration = Duration::from_secs(90);

/// `kubectl apply -f -` of `yaml` in the namespace.
pub fn apply(ns: &TestNamespace, yaml: &str) {
    apply_with(&ns.kubeconfig, &["-n", &ns.name], yaml);
}

pub fn apply_with(kubeconfig: &Path, args: &[&str], yaml: &str) {
    let mut child = super::kubectl(kubeconfig)
        .args(args)
        .args(["apply", "-f", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run kubectl");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(yaml.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "kubectl apply: {}\n{yaml}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Cluster-wide objects a test made (`kind/name`), deleted when dropped.
pub struct ClusterObjects {
    pub kubeconfig: std::path::PathBuf,
    pub names: Vec<String>,
}

impl Drop for ClusterObjects {
    fn drop(&mut self) {
        for name in self.names.iter().rev() {
            let _ = super::kubectl(&self.kubeconfig)
                .args(["delete", "--ignore-not-found", "--wait=false", name])
                .output();
        }
    }
}

/// stsdash in tmux on the namespace with `args`, a session of its own
/// (`tag`), at 120×50: the panes stacked, so `common::flat` reads a
/// wrapped narration line whole.
pub fn dashboard(ns: &TestNamespace, tag: &str, args: &str) -> Tmux {
    Tmux::start_sized(
        &format!("{}-{tag}", ns.name),
        &format!(
            "KUBECONFIG={} {} -n {} {args}; echo stsdash-exited-$?; sleep 60",
            ns.kubeconfig.display(),
            env!("CARGO_BIN_EXE_stsdash"),
            ns.name
        ),
        120,
        50,
    )
}

/// A StatefulSet `name` of `replicas` pods (labels app=`name`), with
/// `extra` YAML lines under its spec (indented by two) and `template` lines
/// under the pod template's metadata (indented by six).
pub fn statefulset(
    name: &str,
    replicas: u32,
    service: &str,
    extra: &str,
    template: &str,
) -> String {
    format!(
        "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {{name: {name}}}\nspec:\n  serviceName: {service}\n  replicas: {replicas}\n  selector: {{matchLabels: {{app: {name}}}}}\n{extra}  template:\n    metadata:\n      labels: {{app: {name}}}\n{template}    spec:\n      containers:\n      - {{name: nginx, image: registry.k8s.io/nginx-slim:0.8}}\n"
    )
}

/// The screen's header: its first two lines.
pub fn header(screen: &str) -> String {
    screen.lines().take(2).collect::<Vec<_>>().join("\n")
}

/// The timeline row of `pod`.
pub fn row(screen: &str, pod: &str) -> String {
    screen
        .lines()
        .find(|l| l.starts_with(&format!("│{pod} ")))
        .unwrap_or_default()
        .to_string()
}

/// A new revision of StatefulSet web: its pod template changed (an
/// annotation the lab ignores), so a rolling update starts.
pub fn new_revision(ns: &TestNamespace) {
    ns.kubectl(&[
        "patch",
        "statefulset",
        "web",
        "--type=merge",
        "-p",
        r#"{"spec":{"template":{"metadata":{"annotations":{"lab.stsdash.dev/version":"2"}}}}}"#,
    ]);
}
