//! Test harness for tests that run against the lab: makes sure the lab is up
//! (lab/up is idempotent and locked), gives each test a namespace of its own
//! and deletes it afterwards, so tests can run in parallel.
#![allow(dead_code)] // each test binary uses its own part of the harness

pub mod forward;
pub mod screen;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use futures::{StreamExt, TryStreamExt};
use k8s_openapi::api::apps::v1::StatefulSet;
use k8s_openapi::api::core::v1::{Namespace, PersistentVolume, Pod};
use kube::api::{DeleteParams, PostParams};
use kube::config::{KubeConfigOptions, Kubeconfig};
use kube::runtime::watcher;
use kube::{Api, Client, Config};
use serde_json::json;
use tokio::sync::{OnceCell, mpsc};

/// The root of the repository.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

static LAB: OnceCell<PathBuf> = OnceCell::const_new();

/// Starts the lab if needed and returns its admin kubeconfig path.
pub async fn lab_kubeconfig() -> PathBuf {
    LAB.get_or_init(|| async {
        tokio::task::spawn_blocking(|| {
            let out = Command::new(repo().join("lab/up"))
                .stderr(std::process::Stdio::inherit())
                .output()
                .expect("run lab/up");
            assert!(out.status.success(), "lab/up failed: {}", out.status);
            let stdout = String::from_utf8(out.stdout).expect("lab/up output is UTF-8");
            PathBuf::from(
                stdout
                    .lines()
                    .last()
                    .expect("lab/up printed the kubeconfig path"),
            )
        })
        .await
        .expect("lab/up task")
    })
    .await
    .clone()
}

pub async fn config_from(path: &Path) -> Config {
    let kubeconfig = Kubeconfig::read_from(path).expect("read kubeconfig");
    Config::from_custom_kubeconfig(kubeconfig, &KubeConfigOptions::default())
        .await
        .expect("kubeconfig")
}

/// The lab's kubectl (built by lab/build).
/// The lab's kubectl.
pub fn kubectl_path() -> PathBuf {
    let versions = std::fs::read_to_string(repo().join("lab/versions.env")).expect("versions.env");
    let kube_version = versions
        .lines()
        .find_map(|l| l.strip_prefix("KUBE_VERSION="))
        .expect("KUBE_VERSION");
    repo().join(format!("target/lab/kube-{kube_version}/kubectl"))
}

/// A kubeconfig of the lab's limited user in the namespace (`lab/user NS
/// [viewer]`): `student` (may act there), or `viewer` (may only look).
pub fn lab_user(ns: &TestNamespace, role: Option<&str>) -> PathBuf {
    let out = Command::new(repo().join("lab/user"))
        .arg(&ns.name)
        .args(role)
        .output()
        .expect("run lab/user");
    assert!(
        out.status.success(),
        "lab/user: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    PathBuf::from(String::from_utf8_lossy(&out.stdout).trim())
}

pub fn kubectl(kubeconfig: &Path) -> Command {
    let mut cmd = Command::new(kubectl_path());
    cmd.arg("--kubeconfig").arg(kubeconfig);
    cmd
}

/// A kubeconfig in `dir` with one context whose server is `server` (a
/// local endpoint a test runs, not the lab) and a token user.
pub fn kubeconfig_for(dir: &Path, server: &str) -> PathBuf {
    let path = dir.join("kubeconfig");
    std::fs::write(
        &path,
        format!(
            "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {{server: '{server}'}}\n\
             users:\n- name: u\n  user: {{token: t}}\ncontexts:\n- name: x\n  context: {{cluster: c, user: u}}\n\
             current-context: x\n"
        ),
    )
    .unwrap();
    path
}

/// A namespace of one test, deleted when dropped (even when the test panics).
pub struct TestNamespace {
    pub name: String,
    pub client: Client,
    pub kubeconfig: PathBuf,
    config: Config,
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

impl TestNamespace {
    pub async fn new(prefix: &str) -> Self {
        let kubeconfig = lab_kubeconfig().await;
        let config = config_from(&kubeconfig).await;
        let client = Client::try_from(config.clone()).expect("client");
        let name = format!(
            "t-{prefix}-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        let ns: Namespace = serde_json::from_value(json!({"metadata": {"name": name}})).unwrap();
        Api::<Namespace>::all(client.clone())
            .create(&PostParams::default(), &ns)
            .await
            .expect("create namespace");
        TestNamespace {
            name,
            client,
            kubeconfig,
            config,
        }
    }

    pub fn api<K>(&self) -> Api<K>
    where
        K: kube::Resource<Scope = k8s_openapi::NamespaceResourceScope>,
        <K as kube::Resource>::DynamicType: Default,
    {
        Api::namespaced(self.client.clone(), &self.name)
    }

    /// What may change the cluster, as stsdash connects when not read-only.
    pub async fn write_access(&self) -> stsdash::cluster::WriteAccess {
        let target = stsdash::cluster::Target {
            kubeconfig: Some(self.kubeconfig.clone()),
            namespace: Some(self.name.clone()),
            access: stsdash::cluster::Access::ReadWrite,
            ..Default::default()
        };
        stsdash::cluster::connect(&target)
            .await
            .expect("connect")
            .write
            .expect("read-write access")
    }

    /// Runs the lab's kubectl in this namespace and returns its standard output.
    pub fn kubectl(&self, args: &[&str]) -> String {
        let out = kubectl(&self.kubeconfig)
            .arg("-n")
            .arg(&self.name)
            .args(args)
            .output()
            .expect("run kubectl");
        assert!(
            out.status.success(),
            "kubectl {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("kubectl output is UTF-8")
    }
}

impl Drop for TestNamespace {
    fn drop(&mut self) {
        // The test's runtime may be shutting down: delete from a runtime of our own.
        let (config, name) = (self.config.clone(), self.name.clone());
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            rt.block_on(async {
                let client = Client::try_from(config).expect("client");
                let _ = Api::<Namespace>::all(client.clone())
                    .delete(&name, &DeleteParams::background())
                    .await;
                // Volumes of a Retain class outlive the namespace's claims: remove them too.
                let volumes = Api::<PersistentVolume>::all(client);
                if let Ok(list) = volumes.list(&Default::default()).await {
                    for pv in list.items {
                        let claim_ns = pv
                            .spec
                            .as_ref()
                            .and_then(|s| s.claim_ref.as_ref())
                            .and_then(|c| c.namespace.as_deref());
                        if claim_ns == Some(name.as_str()) {
                            let pv_name = pv.metadata.name.clone().unwrap_or_default();
                            let _ = volumes.delete(&pv_name, &DeleteParams::background()).await;
                        }
                    }
                }
            });
        })
        .join();
    }
}

/// A headless Service and a StatefulSet "web" like examples/web.yaml.
pub async fn create_web(
    ns: &TestNamespace,
    replicas: i32,
    policy: &str,
    ready_delay: Option<&str>,
) {
    let mut annotations = serde_json::Map::new();
    if let Some(delay) = ready_delay {
        annotations.insert("lab.stsdash.dev/ready-delay".into(), json!(delay));
    }
    let svc = serde_json::from_value(json!({
        "metadata": {"name": "nginx"},
        "spec": {"clusterIP": "None", "selector": {"app": "nginx"}, "ports": [{"name": "web", "port": 80}]}
    }))
    .unwrap();
    ns.api::<k8s_openapi::api::core::v1::Service>()
        .create(&PostParams::default(), &svc)
        .await
        .expect("create service");
    let sts: StatefulSet = serde_json::from_value(json!({
        "metadata": {"name": "web"},
        "spec": {
            "serviceName": "nginx",
            "replicas": replicas,
            "podManagementPolicy": policy,
            "selector": {"matchLabels": {"app": "nginx"}},
            "template": {
                "metadata": {"labels": {"app": "nginx"}, "annotations": annotations},
                "spec": {"containers": [{"name": "nginx", "image": "registry.k8s.io/nginx-slim:0.8",
                    "volumeMounts": [{"name": "www", "mountPath": "/usr/share/nginx/html"}]}]}
            },
            "volumeClaimTemplates": [{
                "metadata": {"name": "www"},
                "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}
            }]
        }
    }))
    .unwrap();
    ns.api::<StatefulSet>()
        .create(&PostParams::default(), &sts)
        .await
        .expect("create statefulset");
}

/// One step in a pod's life, as a watch saw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PodStep {
    Created,
    Ready,
    Terminating,
    Gone,
}

#[derive(Debug, Clone)]
pub struct PodEvent {
    pub name: String,
    pub uid: String,
    pub step: PodStep,
}

/// Records, in the order a watch delivers them, the steps of every pod of a namespace.
pub struct PodRecorder {
    rx: mpsc::UnboundedReceiver<PodEvent>,
    pub events: Vec<PodEvent>,
}

pub fn is_ready(pod: &Pod) -> bool {
    pod.status
        .as_ref()
        .and_then(|s| s.conditions.as_ref())
        .is_some_and(|cs| cs.iter().any(|c| c.type_ == "Ready" && c.status == "True"))
}

impl PodRecorder {
    pub fn start(ns: &TestNamespace) -> Self {
        let api: Api<Pod> = ns.api();
        let (tx, rx) = mpsc::unbounded_channel();
        tokio::spawn(async move {
            let mut seen: std::collections::HashMap<String, (bool, bool)> = Default::default();
            let mut stream = watcher(api, watcher::Config::default()).boxed();
            while let Ok(Some(event)) = stream.try_next().await {
                let (pod, deleted) = match event {
                    watcher::Event::Apply(p) | watcher::Event::InitApply(p) => (p, false),
                    watcher::Event::Delete(p) => (p, true),
                    _ => continue,
                };
                let name = pod.metadata.name.clone().unwrap_or_default();
                let uid = pod.metadata.uid.clone().unwrap_or_default();
                let send = |step| {
                    let _ = tx.send(PodEvent {
                        name: name.clone(),
                        uid: uid.clone(),
                        step,
                    });
                };
                let state = seen.entry(uid.clone()).or_insert_with(|| {
                    send(PodStep::Created);
                    (false, false)
                });
                if !state.0 && is_ready(&pod) {
                    state.0 = true;
                    send(PodStep::Ready);
                }
                if !state.1 && pod.metadata.deletion_timestamp.is_some() {
                    state.1 = true;
                    send(PodStep::Terminating);
                }
                if deleted {
                    send(PodStep::Gone);
                }
            }
        });
        PodRecorder {
            rx,
            events: Vec::new(),
        }
    }

    /// Waits until `done` holds for the recorded events, or panics after `limit`.
    pub async fn until(&mut self, limit: Duration, what: &str, done: impl Fn(&[PodEvent]) -> bool) {
        let deadline = tokio::time::Instant::now() + limit;
        while !done(&self.events) {
            match tokio::time::timeout_at(deadline, self.rx.recv()).await {
                Ok(Some(event)) => self.events.push(event),
                Ok(None) => panic!("pod watch ended while waiting for {what}"),
                Err(_) => panic!("timed out waiting for {what}; saw {:#?}", self.events),
            }
        }
    }

    /// Index of the first event of `name` at `step`.
    pub fn position(&self, name: &str, step: PodStep) -> Option<usize> {
        self.events
            .iter()
            .position(|e| e.name == name && e.step == step)
    }
}

pub fn has(events: &[PodEvent], name: &str, step: PodStep) -> bool {
    events.iter().any(|e| e.name == name && e.step == step)
}

/// Polls nothing: waits on a watch until `cond` holds for the named object.
pub async fn wait_for<K>(
    api: Api<K>,
    name: &str,
    limit: Duration,
    cond: impl Fn(Option<&K>) -> bool,
) where
    K: kube::Resource + Clone + std::fmt::Debug + serde::de::DeserializeOwned + Send + 'static,
{
    let condition = move |obj: Option<&K>| cond(obj);
    tokio::time::timeout(
        limit,
        kube::runtime::wait::await_condition(api, name, condition),
    )
    .await
    .unwrap_or_else(|_| panic!("timed out waiting for {name}"))
    .expect("watch");
}

/// Deletes pod `name` and waits until its StatefulSet has created it again:
/// (the old UID, the new one).
pub async fn replace_pod(ns: &TestNamespace, name: &str) -> (String, String) {
    let pods = ns.api::<Pod>();
    let uid = |p: Option<Pod>| p.and_then(|p| p.metadata.uid);
    let first = uid(pods.get_opt(name).await.unwrap()).expect("the pod exists");
    pods.delete(name, &DeleteParams::default()).await.unwrap();
    let deadline = Instant::now() + Duration::from_secs(90);
    loop {
        if let Some(now) = uid(pods.get_opt(name).await.unwrap()).filter(|u| *u != first) {
            return (first, now);
        }
        assert!(Instant::now() < deadline, "{name} was not created again");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Deletes StatefulSet `name` (keeping its pods) and creates it again from
/// the same spec: (the old UID, the new one).
pub async fn replace_statefulset(ns: &TestNamespace, name: &str) -> (String, String) {
    let statefulsets = ns.api::<StatefulSet>();
    let old = statefulsets.get(name).await.unwrap();
    statefulsets
        .delete(name, &DeleteParams::orphan())
        .await
        .unwrap();
    wait_for(statefulsets.clone(), name, Duration::from_secs(90), |s| {
        s.is_none()
    })
    .await;
    let again = StatefulSet {
        metadata: kube::api::ObjectMeta {
            name: Some(name.into()),
            ..Default::default()
        },
        spec: old.spec,
        status: None,
    };
    let created = statefulsets
        .create(&PostParams::default(), &again)
        .await
        .unwrap();
    (old.metadata.uid.unwrap(), created.metadata.uid.unwrap())
}

/// Sets the replicas of a StatefulSet of the namespace.
pub async fn scale(ns: &TestNamespace, statefulset: &str, replicas: i32) {
    ns.api::<StatefulSet>()
        .patch(
            statefulset,
            &kube::api::PatchParams::default(),
            &kube::api::Patch::Merge(json!({"spec": {"replicas": replicas}})),
        )
        .await
        .expect("scale");
}

/// stsdash on the namespace with the test's kubeconfig, in tmux; afterwards
/// the shell prints `stsdash-exited-<code>`.
pub fn stsdash_in_tmux(ns: &TestNamespace) -> Tmux {
    let command = format!(
        "KUBECONFIG={} {} -n {}; echo stsdash-exited-$?; sleep 60",
        ns.kubeconfig.display(),
        env!("CARGO_BIN_EXE_stsdash"),
        ns.name
    );
    Tmux::start(&ns.name, &command)
}

/// A lesson's strip on the screen: from its top border on.
pub fn lesson_strip(screen: &str) -> String {
    screen
        .lines()
        .skip_while(|l| !l.starts_with("┌ lesson "))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The screen's text with the panes' borders taken off and its lines
/// joined: a sentence the narration pane wrapped reads whole again (for a
/// window narrower than 140 columns, where the panes are stacked).
pub fn flat(screen: &str) -> String {
    let words: Vec<&str> = screen
        .lines()
        .map(|l| l.trim_matches(|c: char| c == '│' || c.is_whitespace()))
        .flat_map(str::split_whitespace)
        .collect();
    words.join(" ")
}

/// A terminal program run in tmux, read as a person would read its screen.
pub struct Tmux {
    session: String,
}

impl Tmux {
    /// tmux on a server of this session's own (`-L`): tests running at once
    /// never race to start, or share, one server.
    fn tmux(session: &str) -> Command {
        let mut command = Command::new("tmux");
        command.args(["-L", session]);
        command
    }

    pub fn start(name: &str, command: &str) -> Tmux {
        Tmux::start_sized(name, command, 160, 45)
    }

    /// As `start`, in a window of `width` × `height`.
    pub fn start_sized(name: &str, command: &str, width: u16, height: u16) -> Tmux {
        let session = format!("stsdash-{name}");
        let _ = Tmux::tmux(&session)
            .args(["kill-session", "-t", &session])
            .output();
        let ok = Tmux::tmux(&session)
            .args([
                "new-session",
                "-d",
                "-s",
                &session,
                "-x",
                &width.to_string(),
                "-y",
                &height.to_string(),
                command,
            ])
            .status()
            .expect("tmux is installed (.ci/test installs it)");
        assert!(ok.success());
        Tmux { session }
    }

    /// The screen's text. A capture that fails fails the test: an empty
    /// screen would make every `until(!contains…)` pass.
    pub fn screen(&self) -> String {
        let out = Tmux::tmux(&self.session)
            .args(["capture-pane", "-p", "-t", &self.session])
            .output()
            .expect("run tmux capture-pane");
        assert!(
            out.status.success(),
            "tmux capture-pane of {} failed: {}",
            self.session,
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// The screen with its colours and styles, as escape sequences.
    pub fn styled_screen(&self) -> String {
        let out = Tmux::tmux(&self.session)
            .args(["capture-pane", "-p", "-e", "-t", &self.session])
            .output()
            .expect("run tmux capture-pane");
        assert!(out.status.success(), "tmux capture-pane -e failed");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub fn format(&self, format: &str) -> String {
        let out = Tmux::tmux(&self.session)
            .args(["display", "-p", "-t", &self.session, format])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// Sets a tmux option of this session's server.
    pub fn set_option(&self, option: &str, value: &str) {
        Tmux::tmux(&self.session)
            .args(["set-option", "-s", option, value])
            .status()
            .unwrap();
    }

    /// The paste buffers tmux holds (what an OSC 52 sequence would have set), one per line.
    pub fn buffers(&self) -> String {
        let out = Tmux::tmux(&self.session)
            .args(["list-buffers"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    pub fn keys(&self, keys: &str) {
        Tmux::tmux(&self.session)
            .args(["send-keys", "-t", &self.session, keys])
            .status()
            .unwrap();
    }

    /// Types `text` as it is (no key names, "-1" is not a flag).
    pub fn literal(&self, text: &str) {
        Tmux::tmux(&self.session)
            .args(["send-keys", "-t", &self.session, "-l", "--", text])
            .status()
            .unwrap();
    }

    /// stsdash has exited with 0 (the shell around it says so) and left the
    /// terminal as it found it: main screen, cursor shown, cooked mode (typed
    /// text is echoed by the line discipline again).
    pub fn assert_exited_and_restored(&self) {
        self.assert_exited_and_restored_within(Duration::from_secs(10));
    }

    /// [`assert_exited_and_restored`](Self::assert_exited_and_restored),
    /// for a run that has work to do after its screen (a lesson's cleanup
    /// waits up to 30 s for its volumes to be released).
    pub fn assert_exited_and_restored_within(&self, limit: Duration) {
        let screen = self.until(limit, "stsdash to exit", |s| s.contains("stsdash-exited-"));
        assert!(screen.contains("stsdash-exited-0"), "{screen}");
        assert_eq!(
            self.format("#{alternate_on}"),
            "0",
            "the main screen is back"
        );
        assert_eq!(self.format("#{cursor_flag}"), "1", "the cursor is visible");
        self.literal("echo typed-after-exit");
        self.keys("Enter");
        self.until(Duration::from_secs(5), "typed text echoed", |s| {
            s.contains("typed-after-exit")
        });
    }

    /// Reads the screen until `done` holds for it, or panics after `limit` with the screen.
    pub fn until(&self, limit: Duration, what: &str, done: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if done(&screen) {
                return screen;
            }
            assert!(
                start.elapsed() < limit,
                "timed out waiting for {what}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(200));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Tmux::tmux(&self.session)
            .args(["kill-session", "-t", &self.session])
            .output();
    }
}

/// Waits until the file at `path` (a stsdash --log-file) holds `words`.
pub fn until_logged(path: &Path, words: &str, limit: Duration) {
    let deadline = Instant::now() + limit;
    while !std::fs::read_to_string(path)
        .unwrap_or_default()
        .contains(words)
    {
        assert!(
            Instant::now() < deadline,
            "{} never logged {words:?}:\n{}",
            path.display(),
            std::fs::read_to_string(path).unwrap_or_default()
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}
