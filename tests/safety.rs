//! A lesson on a shared cluster: it lists what it will make before it makes
//! it, `--cleanup` removes only what this run made (someone's ConfigMap and
//! a Bound Retain volume in the same namespace stay; the namespace stays
//! unless the run created it), and `read_only = true` in the config file
//! makes `stsdash lesson` apply nothing. On the lab, in tmux.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::{TestNamespace, Tmux, kubectl, lesson_strip};

const STEP: Duration = Duration::from_secs(120);

/// A lesson of its own in a directory of its own: it applies web.yaml (a
/// Service and a StatefulSet of 2) and a static volume of its own, then watches.
fn lesson_dir(name: &str, ns: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("stsdash-safety-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(
        common::repo().join("examples/web.yaml"),
        dir.join("web.yaml"),
    )
    .unwrap();
    std::fs::write(
        dir.join("pv.yaml"),
        format!(
            "apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: lesson-pv-{ns}\nspec:\n  capacity: {{storage: 1Gi}}\n  accessModes: [ReadWriteOnce]\n  persistentVolumeReclaimPolicy: Retain\n  storageClassName: manual-{ns}\n  hostPath: {{path: /tmp/hostpath_pv/lesson-pv-{ns}}}\n"
        ),
    )
    .unwrap();
    std::fs::write(
        dir.join("safety.toml"),
        "title = \"Safety\"\nstatefulset = \"web\"\n\n\
         [[step]]\ntitle = \"Start web\"\ndo = \"apply\"\nmanifest = \"web.yaml\"\n\n\
         [[step]]\ntitle = \"A volume\"\ndo = \"apply\"\nmanifest = \"pv.yaml\"\n\n\
         [[step]]\ntitle = \"Look\"\ndo = \"watch\"\n",
    )
    .unwrap();
    dir
}

fn lesson_in_tmux(ns: &str, kubeconfig: &Path, dir: &Path, extra: &str, env: &str) -> Tmux {
    let command = format!(
        "cd {} && {env} KUBECONFIG={} {} lesson safety.toml -n {ns} {extra} 2>{}/stderr; echo stsdash-exited-$?; sleep 60",
        dir.display(),
        kubeconfig.display(),
        env!("CARGO_BIN_EXE_stsdash"),
        dir.display(),
    );
    Tmux::start(&format!("{ns}-{}", extra.len()), &command)
}

fn get(kubeconfig: &Path, args: &[&str]) -> String {
    let out = kubectl(kubeconfig)
        .args(["get", "--ignore-not-found", "-o", "name"])
        .args(args)
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// Polls `kubectl get` until `done` holds for its output, or panics after `limit`.
fn until_get(
    kubeconfig: &Path,
    args: &[&str],
    limit: Duration,
    what: &str,
    done: impl Fn(&str) -> bool,
) {
    let start = Instant::now();
    loop {
        let out = get(kubeconfig, args);
        if done(&out) {
            return;
        }
        assert!(start.elapsed() < limit, "{what}: still {out:?}");
        std::thread::sleep(Duration::from_millis(300));
    }
}

/// Teacher: Enter on each of the three steps, then the recap, then q.
fn run_through(tmux: &Tmux, ns: &str) {
    let planned = tmux.until(STEP, "the plan of step 1", |s| {
        lesson_strip(s).contains("step 1 of 3") && lesson_strip(s).contains("applies")
    });
    assert!(
        common::flat(&lesson_strip(&planned))
            .contains(&format!("applies Service {ns}/nginx, StatefulSet {ns}/web")),
        "{planned}"
    );
    for step in 1..=3 {
        tmux.until(STEP, &format!("step {step}"), |s| {
            lesson_strip(s).contains(&format!("step {step} of 3"))
        });
        if step < 3 {
            tmux.keys("Enter");
        }
        tmux.until(STEP, &format!("step {step} done"), |s| {
            lesson_strip(s).contains("done    ✓")
        });
        tmux.keys("Enter");
    }
    tmux.until(Duration::from_secs(20), "the recap", |s| {
        s.contains("recap · lesson")
    });
    tmux.keys("q");
    tmux.until(Duration::from_secs(90), "stsdash to exit", |s| {
        s.contains("stsdash-exited-")
    });
}

#[tokio::test]
async fn cleanup_removes_only_what_the_run_made() {
    let ns = TestNamespace::new("safety").await;
    let kc = ns.kubeconfig.clone();
    // Someone's work in the namespace: a ConfigMap, and a claim Bound to a Retain volume.
    let theirs_pv = format!("theirs-{}", ns.name);
    let manifest = format!(
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: someones-work, namespace: {ns}}}\ndata: {{k: v}}\n---\n\
         apiVersion: v1\nkind: PersistentVolume\nmetadata: {{name: {theirs_pv}}}\nspec:\n  capacity: {{storage: 1Gi}}\n  accessModes: [ReadWriteOnce]\n  persistentVolumeReclaimPolicy: Retain\n  storageClassName: \"\"\n  hostPath: {{path: /tmp/hostpath_pv/{theirs_pv}}}\n---\n\
         apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {{name: theirs, namespace: {ns}}}\nspec:\n  accessModes: [ReadWriteOnce]\n  storageClassName: \"\"\n  volumeName: {theirs_pv}\n  resources: {{requests: {{storage: 1Gi}}}}\n",
        ns = ns.name
    );
    let file = std::env::temp_dir().join(format!("stsdash-safety-{}.yaml", ns.name));
    std::fs::write(&file, manifest).unwrap();
    let out = kubectl(&kc)
        .args(["apply", "-f"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    until_get(
        &kc,
        &["pv", &theirs_pv, "-o", "jsonpath={.status.phase}"],
        STEP,
        "their volume Bound",
        |o| o == "Bound",
    );

    let dir = lesson_dir("cleanup", &ns.name);
    let tmux = lesson_in_tmux(&ns.name, &kc, &dir, "--cleanup --theme projector", "");
    run_through(&tmux, &ns.name);
    let screen = tmux.screen();
    assert!(screen.contains("stsdash-exited-0"), "{screen}");
    let stderr = std::fs::read_to_string(dir.join("stderr")).unwrap();

    // What the run made is gone (the StatefulSet, its claims, its volume)…
    until_get(
        &kc,
        &["-n", &ns.name, "statefulset,service,pvc", "-l", "app=nginx"],
        STEP,
        "the lesson's objects gone",
        str::is_empty,
    );
    until_get(
        &kc,
        &["-n", &ns.name, "pvc", "www-web-0", "www-web-1"],
        STEP,
        "the lesson's claims gone",
        str::is_empty,
    );
    until_get(
        &kc,
        &["pv", &format!("lesson-pv-{}", ns.name)],
        STEP,
        "the lesson's volume gone",
        str::is_empty,
    );
    assert!(stderr.contains("statefulset.apps/web deleted"), "{stderr}");
    // …and what it did not make is there, as it was.
    assert_eq!(
        get(&kc, &["-n", &ns.name, "configmap", "someones-work"]),
        "configmap/someones-work"
    );
    assert_eq!(
        get(&kc, &["pv", &theirs_pv, "-o", "jsonpath={.status.phase}"]),
        "Bound",
        "{stderr}"
    );
    assert_eq!(
        get(&kc, &["namespace", &ns.name]),
        format!("namespace/{}", ns.name)
    );
    assert!(
        stderr.contains(&format!(
            "namespace/{} kept: it was there before the lesson",
            ns.name
        )),
        "{stderr}"
    );

    // A namespace the run created is deleted with it.
    let fresh = format!("{}-new", ns.name);
    let tmux = lesson_in_tmux(&fresh, &kc, &dir, "--cleanup --theme projector", "");
    run_through(&tmux, &fresh);
    let stderr = std::fs::read_to_string(dir.join("stderr")).unwrap();
    assert!(
        stderr.contains(&format!("namespace {fresh} created for the lesson")),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("namespace/{fresh} deleted")),
        "{stderr}"
    );
    until_get(
        &kc,
        &["namespace", &fresh],
        STEP,
        "the lesson's namespace gone",
        str::is_empty,
    );
    let _ = kubectl(&kc)
        .args(["delete", "pv", &theirs_pv, "--wait=false"])
        .output();
}

#[tokio::test]
async fn read_only_in_the_config_file_makes_a_lesson_apply_nothing() {
    let ns = TestNamespace::new("ro-lesson").await;
    let dir = lesson_dir("read-only", &ns.name);
    let config = dir.join("config");
    std::fs::create_dir_all(config.join("stsdash")).unwrap();
    std::fs::write(config.join("stsdash/config.toml"), "read_only = true\n").unwrap();
    let tmux = lesson_in_tmux(
        &ns.name,
        &ns.kubeconfig,
        &dir,
        "--theme projector",
        &format!("XDG_CONFIG_HOME={}", config.display()),
    );
    // Read-only: the strip shows what to run; Enter says the step was done,
    // and then goes on to the next.
    tmux.until(STEP, "step 1", |s| lesson_strip(s).contains("step 1 of 3"));
    tmux.keys("Enter");
    let done = tmux.until(STEP, "step 1 done", |s| {
        lesson_strip(s).contains("done    ✓")
    });
    assert!(!done.contains("created"), "{done}");
    tmux.keys("Enter");
    let screen = tmux.until(STEP, "step 2", |s| lesson_strip(s).contains("step 2 of 3"));
    assert!(!screen.contains("created"), "{screen}");
    tmux.keys("q");
    tmux.until(Duration::from_secs(30), "stsdash to exit", |s| {
        s.contains("stsdash-exited-")
    });
    assert_eq!(
        get(&ns.kubeconfig, &["-n", &ns.name, "statefulset,service"]),
        ""
    );
}

#[test]
fn check_lists_what_the_lesson_will_make() {
    let dir = lesson_dir("check", "ns");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_stsdash"))
        .current_dir(&dir)
        .args(["lesson", "safety.toml", "--check", "-n", "class-1"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        stdout,
        "safety.toml: ok, 3 steps, 0 questions\n\
         applies (created, or changed if already there):\n  \
         Service class-1/nginx\n  \
         StatefulSet class-1/web\n  \
         PersistentVolume lesson-pv-ns (cluster-wide)\n"
    );
    // A built-in lesson without -n: its own namespace, lesson-NAME.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_stsdash"))
        .args(["lesson", "mehdb", "--check"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("StatefulSet lesson-mehdb/mehdb"),
        "{stdout}"
    );
}

/// The real binary refuses a lesson whose manifest leads out of its
/// directory or makes a ClusterRole, each mistake with its file and line.
#[test]
fn a_lesson_that_reaches_out_is_refused_with_file_and_line() {
    let dir = lesson_dir("reach-out", "ns");
    std::fs::write(
        dir.join("role.yaml"),
        "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: all}\nrules: []\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("out.toml"),
        "title = \"Out\"\nstatefulset = \"web\"\n\n\
         [[step]]\ntitle = \"web\"\ndo = \"apply\"\nmanifest = \"web.yaml\"\n\n\
         [[step]]\ntitle = \"out\"\ndo = \"apply\"\nmanifest = \"../secret.yaml\"\n\n\
         [[step]]\ntitle = \"role\"\ndo = \"apply\"\nmanifest = \"role.yaml\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.parent().unwrap().join("secret.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: s}\n",
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_stsdash"))
        .current_dir(&dir)
        .args(["lesson", "out.toml", "--check"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(
        stderr.contains(
            "stsdash: out.toml:12: manifest ../secret.yaml: outside the lesson's directory"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "stsdash: out.toml:17: manifest role.yaml:2: kind ClusterRole is cluster-wide"
        ),
        "{stderr}"
    );
}

/// A field another manager owns is not taken over: the step fails and the
/// strip names the manager (kubectl here).
#[tokio::test]
async fn an_apply_over_another_managers_field_is_a_conflict_named_in_the_strip() {
    let ns = TestNamespace::new("conflict").await;
    let dir = lesson_dir("conflict", &ns.name);
    // Someone made web with 5 replicas; the lesson's manifest says 2.
    let theirs = std::fs::read_to_string(dir.join("web.yaml"))
        .unwrap()
        .replace("replicas: 2", "replicas: 5");
    std::fs::write(dir.join("theirs.yaml"), theirs).unwrap();
    let out = kubectl(&ns.kubeconfig)
        .args([
            "-n",
            &ns.name,
            "apply",
            "--server-side",
            "--field-manager=teacher",
            "-f",
        ])
        .arg(dir.join("theirs.yaml"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tmux = lesson_in_tmux(&ns.name, &ns.kubeconfig, &dir, "--theme projector", "");
    tmux.until(STEP, "step 1", |s| lesson_strip(s).contains("step 1 of 3"));
    tmux.keys("Enter");
    let screen = tmux.until(STEP, "the conflict", |s| lesson_strip(s).contains("failed"));
    let strip = common::flat(&lesson_strip(&screen));
    assert!(strip.contains("conflict"), "{strip}");
    assert!(
        strip.contains("teacher"),
        "the other manager named: {strip}"
    );
    assert!(strip.contains(".spec.replicas"), "the field named: {strip}");
    assert_eq!(
        get(
            &ns.kubeconfig,
            &[
                "-n",
                &ns.name,
                "statefulset",
                "web",
                "-o",
                "jsonpath={.spec.replicas}"
            ]
        ),
        "5",
        "their replicas kept"
    );
    tmux.keys("q");
}

/// A step that waits, in the real binary: its pane marked `◆ watch`, the
/// strip saying what it waits for and what is there instead; Enter says so,
/// a second Enter skips it. With --read-only the strip shows the command.
#[tokio::test]
async fn a_waiting_step_is_watched_said_and_skipped() {
    let ns = TestNamespace::new("waits").await;
    let dir = lesson_dir("waits", &ns.name);
    std::fs::write(
        dir.join("waits.toml"),
        "title = \"Waits\"\nstatefulset = \"web\"\n\n\
         [[step]]\ntitle = \"Start web\"\ndo = \"apply\"\nmanifest = \"web.yaml\"\n\
         watch = \"timeline web-0\"\nuntil = \"web-5 ready\"\n\n\
         [[step]]\ntitle = \"Look\"\ndo = \"watch\"\n",
    )
    .unwrap();
    let start = |extra: &str| {
        let command = format!(
            "cd {} && KUBECONFIG={} {} lesson waits.toml -n {} {extra}; echo stsdash-exited-$?; sleep 60",
            dir.display(),
            ns.kubeconfig.display(),
            env!("CARGO_BIN_EXE_stsdash"),
            ns.name,
        );
        Tmux::start(&format!("{}-{}", ns.name, extra.len()), &command)
    };

    // Read-only first (nothing made yet): the command to run, nothing done.
    let tmux = start("--read-only");
    let screen = tmux.until(STEP, "step 1", |s| lesson_strip(s).contains("step 1 of 2"));
    let strip = common::flat(&lesson_strip(&screen));
    assert!(
        strip.contains("do do it yourself")
            && strip.contains(&format!(
                "run kubectl apply --server-side --field-manager=stsdash -n {} -f web.yaml",
                ns.name
            )),
        "{strip}"
    );
    tmux.keys("q");
    tmux.until(STEP, "exit", |s| s.contains("stsdash-exited-0"));

    let tmux = start("--theme projector");
    tmux.until(STEP, "step 1", |s| lesson_strip(s).contains("step 1 of 2"));
    tmux.keys("Enter");
    // Once web is there, the pane the step watches is marked.
    let screen = tmux.until(STEP, "the wait said, the pane marked", |s| {
        common::flat(&lesson_strip(s)).contains("for web-5 Ready (now no such pod)")
            && s.contains("◆ watch")
    });
    assert!(lesson_strip(&screen).contains("waiting"), "{screen}");
    assert!(
        screen
            .lines()
            .any(|l| l.contains("◆ watch") && l.contains("Ordinal timeline")),
        "{screen}"
    );
    tmux.keys("Enter");
    tmux.until(STEP, "Enter says what it waits for", |s| {
        common::flat(s).contains(
            "still waiting for web-5 Ready (now no such pod): Enter again skips this step",
        )
    });
    tmux.keys("Enter");
    tmux.until(STEP, "the second Enter skips it", |s| {
        lesson_strip(s).contains("step 2 of 2")
    });
    tmux.keys("q");
    tmux.until(STEP, "exit", |s| s.contains("stsdash-exited-0"));
}
