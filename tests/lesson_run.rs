//! Lessons run on the real binary in tmux against the lab, beyond the
//! built-in ones (`lessons.rs`): a student doing the steps with the
//! dashboard's keys, a cluster-wide object applied with
//! `--allow-cluster-objects` and removed by `--cleanup`, and `lab/demo
//! --lesson NAME`.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::{TestNamespace, Tmux, kubectl, lesson_strip};

const STEP: Duration = Duration::from_secs(120);

/// A directory of its own holding `lesson.toml` and web.yaml.
fn lesson_dir(name: &str, ns: &str, lesson: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("stsdash-lesson-{name}-{ns}"));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(
        common::repo().join("examples/web.yaml"),
        dir.join("web.yaml"),
    )
    .unwrap();
    std::fs::write(dir.join("lesson.toml"), lesson).unwrap();
    dir
}

fn lesson_in_tmux(ns: &TestNamespace, dir: &Path, flags: &str) -> Tmux {
    let command = format!(
        "cd {} && KUBECONFIG={} {} lesson lesson.toml -n {} {flags} 2>{}/stderr; echo stsdash-exited-$?; sleep 60",
        dir.display(),
        ns.kubeconfig.display(),
        env!("CARGO_BIN_EXE_stsdash"),
        ns.name,
        dir.display(),
    );
    Tmux::start(&ns.name, &command)
}

/// `kubectl get -o name` of `args` ("" when there is none).
fn get(kubeconfig: &Path, args: &[&str]) -> String {
    let out = kubectl(kubeconfig)
        .args(["get", "--ignore-not-found", "-o", "name"])
        .args(args)
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn until_get(kubeconfig: &Path, args: &[&str], what: &str, done: impl Fn(&str) -> bool) {
    let start = Instant::now();
    loop {
        let out = get(kubeconfig, args);
        if done(&out) {
            return;
        }
        assert!(start.elapsed() < STEP, "{what}: still {out:?}");
        std::thread::sleep(Duration::from_millis(300));
    }
}

/// The step `n` of `count` is on the strip, then done (`done ✓`).
fn step_done(tmux: &Tmux, n: usize, count: usize) -> String {
    tmux.until(STEP, &format!("step {n} done"), |s| {
        let strip = lesson_strip(s);
        strip.contains(&format!("step {n} of {count}")) && strip.contains("done    ✓")
    })
}

/// `--student`: stsdash does nothing itself, the strip names the
/// dashboard's keys for a scale step, and the student doing it with them
/// (`+`, then `s 1 Enter`) ends each step once the cluster shows it.
#[tokio::test]
async fn a_student_does_the_scale_steps_with_the_dashboards_keys() {
    let ns = TestNamespace::new("student-keys").await;
    let dir = lesson_dir(
        "keys",
        &ns.name,
        "title = \"Keys\"\nstatefulset = \"web\"\n\n\
         [[step]]\ntitle = \"Start web\"\ndo = \"apply\"\nmanifest = \"web.yaml\"\nuntil = [\"web-1 ready\"]\n\n\
         [[step]]\ntitle = \"Up to 3\"\ndo = \"scale\"\nreplicas = 3\nuntil = [\"web-2 ready\"]\n\n\
         [[step]]\ntitle = \"Down to 1\"\ndo = \"scale\"\nreplicas = 1\nuntil = [\"web-2 gone\", \"web-1 gone\"]\n",
    );
    let tmux = lesson_in_tmux(&ns, &dir, "--student");
    tmux.until(STEP, "step 1", |s| lesson_strip(s).contains("step 1 of 3"));
    // The student applies the manifest as the strip says, in another terminal.
    let out = kubectl(&ns.kubeconfig)
        .args([
            "apply",
            "--server-side",
            "--field-manager=stsdash",
            "-n",
            &ns.name,
            "-f",
        ])
        .arg(dir.join("web.yaml"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    step_done(&tmux, 1, 3);
    tmux.keys("Enter");

    // Scale up with +: the strip names the keys, stsdash waits for the student.
    let strip = tmux.until(STEP, "step 2", |s| lesson_strip(s).contains("step 2 of 3"));
    assert!(
        lesson_strip(&strip).contains("s 3 Enter"),
        "the keys for the step: {strip}"
    );
    assert_eq!(
        get(&ns.kubeconfig, &["-n", &ns.name, "pod", "web-2"]),
        "",
        "nothing scaled before the student's key"
    );
    tmux.keys("+");
    step_done(&tmux, 2, 3);
    tmux.keys("Enter");

    // Scale down with s 1 Enter.
    tmux.until(STEP, "step 3", |s| lesson_strip(s).contains("step 3 of 3"));
    tmux.keys("s");
    tmux.until(STEP, "the replicas prompt", |s| {
        s.contains("to how many replicas?")
    });
    tmux.literal("1");
    tmux.keys("Enter");
    step_done(&tmux, 3, 3);
    tmux.keys("Enter");
    tmux.until(STEP, "the recap", |s| s.contains("recap · lesson"));
    tmux.keys("q");
    tmux.until(STEP, "stsdash to exit", |s| s.contains("stsdash-exited-0"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// A lesson file that says `cluster_objects = true`, run with
/// `--allow-cluster-objects`: Enter applies its ClusterRole; `--cleanup`
/// deletes it when the lesson ends.
#[tokio::test]
async fn allow_cluster_objects_applies_a_cluster_role_and_cleanup_removes_it() {
    let ns = TestNamespace::new("cluster-obj").await;
    let role = format!("stsdash-test-{}", ns.name);
    // Whatever happens, the role does not outlive the test.
    struct Remove(PathBuf, String);
    impl Drop for Remove {
        fn drop(&mut self) {
            let _ = kubectl(&self.0)
                .args(["delete", "clusterrole", &self.1, "--ignore-not-found"])
                .output();
        }
    }
    let _remove = Remove(ns.kubeconfig.clone(), role.clone());
    let dir = lesson_dir(
        "cluster",
        &ns.name,
        "title = \"Cluster objects\"\nstatefulset = \"web\"\ncluster_objects = true\n\n\
         [[step]]\ntitle = \"A role\"\ndo = \"apply\"\nmanifest = \"role.yaml\"\n\n\
         [[step]]\ntitle = \"Start web\"\ndo = \"apply\"\nmanifest = \"web.yaml\"\n",
    );
    std::fs::write(
        dir.join("role.yaml"),
        format!(
            "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {{name: {role}}}\nrules:\n- apiGroups: [\"\"]\n  resources: [pods]\n  verbs: [get]\n"
        ),
    )
    .unwrap();
    let tmux = lesson_in_tmux(&ns, &dir, "--allow-cluster-objects --cleanup");
    tmux.until(STEP, "step 1", |s| lesson_strip(s).contains("step 1 of 2"));
    tmux.keys("Enter");
    step_done(&tmux, 1, 2);
    assert_eq!(
        get(&ns.kubeconfig, &["clusterrole", &role]),
        format!("clusterrole.rbac.authorization.k8s.io/{role}"),
        "the ClusterRole applied"
    );
    tmux.keys("Enter");
    tmux.until(STEP, "step 2", |s| lesson_strip(s).contains("step 2 of 2"));
    tmux.keys("Enter");
    step_done(&tmux, 2, 2);
    tmux.keys("Enter");
    tmux.until(STEP, "the recap", |s| s.contains("recap · lesson"));
    tmux.keys("q");
    tmux.until(STEP, "stsdash to exit", |s| s.contains("stsdash-exited-0"));
    until_get(
        &ns.kubeconfig,
        &["clusterrole", &role],
        "the ClusterRole removed",
        str::is_empty,
    );
    let stderr = std::fs::read_to_string(dir.join("stderr")).unwrap();
    assert!(stderr.contains(&role), "cleanup says so: {stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// `lab/demo --lesson mehdb --cleanup` (namespace demo): the lesson's strip
/// opens on the dashboard, Enter applies its first step, `q` ends it, and
/// the cleanup removes what the lesson made.
#[tokio::test]
async fn the_demo_runs_a_lesson_and_cleans_up_after_it() {
    let kubeconfig = common::lab_kubeconfig().await;
    let command = format!(
        "STSDASH={} {} --lesson mehdb --cleanup; echo demo-exited-$?; sleep 60",
        env!("CARGO_BIN_EXE_stsdash"),
        common::repo().join("lab/demo").display()
    );
    let tmux = Tmux::start_sized("lab-demo-lesson", &command, 160, 50);
    tmux.until(STEP, "the lesson's first step", |s| {
        lesson_strip(s).contains("lesson mehdb · step 1 of")
    });
    tmux.keys("Enter");
    until_get(
        &kubeconfig,
        &["-n", "demo", "statefulset", "mehdb"],
        "mehdb applied",
        |o| o == "statefulset.apps/mehdb",
    );
    tmux.until(STEP, "mehdb-0 on the timeline", |s| s.contains("│mehdb-0 "));
    tmux.keys("q");
    tmux.until(STEP, "the demo to end", |s| s.contains("demo-exited-"));
    let screen = tmux.screen();
    assert!(screen.contains("demo-exited-0"), "{screen}");
    until_get(
        &kubeconfig,
        &["-n", "demo", "statefulset,service,pvc,pod"],
        "the lesson's objects removed",
        str::is_empty,
    );
    let _ = kubectl(&kubeconfig)
        .args(["delete", "namespace", "demo", "--wait=false"])
        .output();
}
