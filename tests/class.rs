//! `stsdash class` on the lab, in tmux at 100×30 on the projector theme: a
//! class made by `lab/class` (student users with rights only in their own
//! namespace, a teacher who may look into each and nowhere else), driven by
//! `lab/class-drive` (each student's kubectl at its own pace, one stuck on a
//! StorageClass that does not exist). The teacher's grid must show each
//! student's steps turn done in order, the stuck row with its reason, a
//! student's dashboard on Enter and the grid again on Esc; a namespace the
//! teacher may not read is a row that says so; students who come and go
//! appear and leave; the recording replays in the grid.

mod common;

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use common::{Tmux, flat, kubectl, lab_kubeconfig, repo};

/// How long a whole class may take on the lab.
const CLASS: Duration = Duration::from_secs(600);
/// How long the screen may take to show what the cluster shows.
const SHOWN: Duration = Duration::from_secs(60);

/// A class of the test's own (`lab/class N PREFIX`), removed when dropped,
/// even if the test panics (`lab/class --remove PREFIX`: its namespaces, its
/// ClusterRoles and ClusterRoleBinding, its users).
struct Class {
    prefix: String,
    teacher: PathBuf,
}

impl Class {
    fn new(tag: &str, students: u32) -> Class {
        let prefix = format!("t-{tag}-{}-", std::process::id());
        let out = Command::new(repo().join("lab/class"))
            .arg(students.to_string())
            .arg(&prefix)
            .output()
            .expect("run lab/class");
        let class = Class {
            prefix,
            teacher: PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()),
        };
        assert!(
            out.status.success(),
            "lab/class: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        class
    }

    fn student(&self, i: u32) -> String {
        format!("{}{i}", self.prefix)
    }

    /// Student i's kubeconfig: rights only in their namespace (lab/user).
    fn student_kubeconfig(&self, i: u32) -> PathBuf {
        self.teacher
            .with_file_name(format!("{}-student.kubeconfig", self.student(i)))
    }

    /// The label lab/class gives the class's namespaces.
    fn label(&self) -> String {
        format!("stsdash.io/class={}", self.prefix.trim_end_matches('-'))
    }

    /// The teacher's grid, in tmux, its students chosen by `choice`
    /// (`--prefix P` or `-l SELECTOR`); afterwards the shell says how it ended.
    fn grid(&self, tag: &str, choice: &str, record: Option<&Path>) -> Tmux {
        self.grid_with(tag, choice, record, "")
    }

    /// The same, with more flags of `stsdash class`.
    fn grid_with(&self, tag: &str, choice: &str, record: Option<&Path>, flags: &str) -> Tmux {
        let record = record
            .map(|p| format!("--record {}", p.display()))
            .unwrap_or_default();
        let command = format!(
            "KUBECONFIG={} {} --theme projector class mehdb {choice} {record} {flags}; echo stsdash-exited-$?; sleep 60",
            self.teacher.display(),
            env!("CARGO_BIN_EXE_stsdash"),
        );
        Tmux::start_sized(&format!("{tag}-{}", std::process::id()), &command, 100, 30)
    }
}

impl Drop for Class {
    fn drop(&mut self) {
        let _ = Command::new(repo().join("lab/class"))
            .args(["--remove", &self.prefix])
            .output();
    }
}

/// The grid's row of a namespace, if shown.
fn row<'a>(screen: &'a str, namespace: &str) -> Option<&'a str> {
    let name = format!(" {namespace} ");
    screen.lines().skip(4).find(|l| l.contains(&name))
}

/// The step a row shows: 1…8, or 9 once every step is done.
fn step(row: &str) -> Option<u32> {
    if row.contains(" done ") {
        return Some(9);
    }
    row.split_whitespace()
        .find_map(|w| w.strip_suffix("/8"))
        .and_then(|n| n.parse().ok())
}

#[tokio::test]
async fn six_students_go_through_mehdb_and_the_teacher_sees_each_step_done_in_order() {
    let admin = lab_kubeconfig().await;
    let class = Class::new("cl", 6);
    let recording =
        std::env::temp_dir().join(format!("stsdash-class-{}.jsonl", std::process::id()));
    let tmux = class.grid(
        "class",
        &format!("--prefix {}", class.prefix),
        Some(&recording),
    );
    let students: Vec<String> = (1..=6).map(|i| class.student(i)).collect();
    // The teacher may not list pods across the cluster: said, once its
    // watches across the cluster were refused and each namespace's listed.
    let screen = tmux.until(SHOWN, "six students on step 1, watched one by one", |s| {
        s.contains("watching each student's namespace on its own")
            && students
                .iter()
                .all(|ns| row(s, ns).and_then(step) == Some(1))
    });
    assert!(screen.contains("0 of 6 past step 1"), "{screen}");

    // The students, at their own paces; the sixth on a missing StorageClass.
    let mut drive = Command::new(repo().join("lab/class-drive"))
        .args(["6", &class.prefix, "--pace", "1", "--stuck", "6"])
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("run lab/class-drive");
    // Every step each student is seen on, in the order seen.
    let seen: RefCell<BTreeMap<&str, Vec<u32>>> = RefCell::new(BTreeMap::new());
    let screen = tmux.until(CLASS, "five students done", |s| {
        for ns in &students {
            if let Some(n) = row(s, ns).and_then(step) {
                let mut seen = seen.borrow_mut();
                let steps = seen.entry(ns.as_str()).or_default();
                if steps.last() != Some(&n) {
                    steps.push(n);
                }
            }
        }
        students[..5]
            .iter()
            .all(|ns| row(s, ns).and_then(step) == Some(9))
    });
    assert!(drive.wait().expect("lab/class-drive ends").success());
    let seen = seen.into_inner();
    for ns in &students[..5] {
        let steps = &seen[ns.as_str()];
        assert!(
            steps.windows(2).all(|w| w[0] < w[1]),
            "{ns}'s steps turn done in order only: {steps:?}"
        );
        assert!(
            steps.len() >= 3,
            "{ns} was seen on steps between the first and done: {steps:?}"
        );
        let done = row(&screen, ns).unwrap();
        assert!(done.contains("✓ ✓ ✓ ✓ ✓ ✓ ✓ ✓"), "{screen}");
    }
    // Sorted by name, the stuck one is last; first when asked, marked, and why.
    let stuck = &students[5];
    tmux.keys("s");
    tmux.until(SHOWN, "sorted by name", |s| {
        s.lines()
            .nth(4)
            .is_some_and(|l| l.contains(&format!(" {} ", students[0])))
    });
    tmux.keys("!");
    let screen = tmux.until(SHOWN, "the stuck student first, with its reason", |s| {
        s.lines()
            .nth(4)
            .is_some_and(|l| l.starts_with(&format!("⚠ {stuck} ")) && l.contains("1/8"))
            && flat(s).contains("ProvisioningFailed: storageclass \"fast\" not found")
    });
    assert!(screen.contains("1 stuck on step 1"), "{screen}");
    assert!(screen.contains("5 finished"), "{screen}");

    // Enter: that student's namespace in the dashboard, read-only; Esc: back.
    tmux.keys("Enter");
    // Its claims are drawn once the opened namespace's own watches (volumes,
    // classes) have listed: waited for, not read at the first frame. The
    // footer is waited for too: a capture may come in the middle of a frame
    // (its top drawn, the grid's bottom not yet overwritten), as one did in CI.
    tmux.until(SHOWN, "the stuck student's dashboard, read-only", |s| {
        s.contains(&format!("ns {stuck}"))
            && s.contains("sts mehdb")
            && s.contains("data-mehdb-0")
            && s.contains("read-only · Esc: back to the class")
    });
    tmux.keys("Escape");
    tmux.until(SHOWN, "the grid again", |s| {
        s.starts_with("class · mehdb") && s.contains("1 stuck on step 1")
    });
    // Stuck ones no longer first: by name, the first student; Enter opens theirs.
    tmux.keys("!");
    tmux.keys("Home");
    tmux.keys("Enter");
    tmux.until(SHOWN, "the first student's dashboard", |s| {
        s.contains(&format!("ns {} ", students[0])) && s.contains("mehdb-3")
    });
    tmux.keys("q");
    tmux.until(SHOWN, "the grid again", |s| s.starts_with("class · mehdb"));
    tmux.keys("q");
    tmux.assert_exited_and_restored();

    // The recording plays back in the grid, with no cluster.
    let replay = Tmux::start_sized(
        &format!("class-replay-{}", std::process::id()),
        &format!(
            "{} --theme projector replay --speed 100 {}; sleep 60",
            env!("CARGO_BIN_EXE_stsdash"),
            recording.display()
        ),
        100,
        30,
    );
    replay.until(SHOWN, "the recorded class, replayed", |s| {
        s.starts_with("class · mehdb")
            && s.contains("1 stuck on step 1")
            && s.contains("5 finished")
    });
    let _ = std::fs::remove_file(&recording);
    let _ = admin;
}

#[tokio::test]
async fn a_namespace_the_teacher_may_not_read_says_so_and_students_come_and_go() {
    let admin = lab_kubeconfig().await;
    let class = Class::new("cr", 2);
    // The students by their namespaces' label this time; the zoomed
    // dashboard may act.
    let choice = format!("-l {}", class.label());
    let tmux = class.grid_with("class-rights", &choice, None, "--allow-actions");
    let (first, second) = (class.student(1), class.student(2));
    tmux.until(SHOWN, "two students", |s| {
        row(s, &first).and_then(step) == Some(1) && row(s, &second).and_then(step) == Some(1)
    });
    let title = tmux.screen().lines().next().unwrap_or_default().to_string();
    assert!(title.contains(" actions allowed · "), "{title}");
    // A StatefulSet of no step of the lesson, in the first student's namespace.
    let web = repo().join("examples/web.yaml");
    let out = kubectl(&admin)
        .args(["-n", first.as_str(), "apply", "-f"])
        .arg(&web)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Zoomed in, + asks the API server (which refuses the teacher: it may
    // only look), where read-only would refuse it here.
    tmux.keys("s");
    tmux.keys("Home");
    tmux.keys("Enter");
    tmux.until(SHOWN, "the dashboard, actions allowed", |s| {
        s.lines()
            .nth(1)
            .is_some_and(|l| l.starts_with(" actions allowed "))
            && s.contains(&format!("ns {first} "))
            && s.contains("sts web")
    });
    tmux.keys("+");
    tmux.until(SHOWN, "the scale refused by the API server", |s| {
        flat(s).contains("could not scale web") && flat(s).contains("forbidden")
    });
    tmux.keys("Escape");
    tmux.until(SHOWN, "the grid again", |s| s.starts_with("class · mehdb"));
    // A namespace of the class the teacher was given no RoleBinding in.
    let denied = class.student(9);
    for args in [
        vec!["create", "namespace", denied.as_str()],
        vec!["label", "namespace", denied.as_str(), &class.label()],
    ] {
        let out = kubectl(&admin).args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let screen = tmux.until(SHOWN, "the namespace not permitted", |s| {
        row(s, &denied)
            .is_some_and(|r| r.contains("not permitted: ") && r.contains(" is forbidden"))
    });
    assert!(screen.contains("1 not permitted"), "{screen}");
    // Enter on it opens nothing, and says why.
    tmux.keys("End");
    tmux.keys("Enter");
    tmux.until(SHOWN, "why it does not open", |s| {
        s.contains(&format!("{denied}: not permitted to read this namespace"))
    });
    // A third student joins (lab/class again, with one more), the second leaves.
    let out = Command::new(repo().join("lab/class"))
        .args(["3", &class.prefix])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let third = class.student(3);
    tmux.until(SHOWN, "the third student", |s| {
        row(s, &third).and_then(step) == Some(1)
    });
    let out = kubectl(&admin)
        .args(["delete", "namespace", &second, "--wait=false"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let screen = tmux.until(SHOWN, "the second student gone", |s| {
        row(s, &second).is_none() && row(s, &first).is_some()
    });
    assert!(
        screen.contains("0 of 2 past step 1; 1 not permitted"),
        "{screen}"
    );
    tmux.keys("q");
    tmux.assert_exited_and_restored();
    // The first student follows their own strip, as that student (who may
    // not read the namespace object itself).
    let own = Tmux::start_sized(
        &format!("class-student-{}", std::process::id()),
        &format!(
            "KUBECONFIG={} {} lesson mehdb --student -n {first}; echo stsdash-exited-$?; sleep 60",
            class.student_kubeconfig(1).display(),
            env!("CARGO_BIN_EXE_stsdash"),
        ),
        100,
        30,
    );
    own.until(SHOWN, "the student's own strip", |s| {
        s.contains(&format!("ns {first} ")) && flat(s).contains("Create the StatefulSet")
    });
    own.keys("q");
    own.assert_exited_and_restored();
}

#[test]
fn without_a_prefix_or_a_selector_it_asks_which_namespaces_in_one_line() {
    let out = Command::new(env!("CARGO_BIN_EXE_stsdash"))
        .args(["class", "mehdb"])
        .env("KUBECONFIG", "/nonexistent")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "one line: {stderr}");
    assert!(
        stderr.contains("which namespaces are the students'? -l SELECTOR (labels of namespaces) or --prefix PREFIX"),
        "{stderr}"
    );
}
