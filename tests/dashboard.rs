//! The real binary in tmux against the lab: the dashboard shows the ordered
//! start, log panes with lines naming their pod, each claim bound to its
//! volume, the kept claims after a scale-down, and `q` exits with the terminal
//! restored.

mod common;

use std::time::Duration;

use common::{TestNamespace, create_web};

const LIMIT: Duration = Duration::from_secs(90);

#[tokio::test]
async fn the_dashboard_shows_the_ordered_start_the_claims_and_the_scale_down() {
    let ns = TestNamespace::new("tui").await;
    create_web(&ns, 3, "OrderedReady", None).await;
    let tmux = common::stsdash_in_tmux(&ns);
    let screen = tmux.until(LIMIT, "three Ready rows", |s| {
        ["web-0", "web-1", "web-2"]
            .iter()
            .all(|p| s.lines().any(|l| l.contains(p) && l.contains("Y Ready")))
    });
    assert!(screen.contains("Ordinal timeline"), "{screen}");
    assert_eq!(
        tmux.format("#{alternate_on}"),
        "1",
        "the dashboard uses the alternate screen"
    );
    // Rows in ordinal order, and the narration says web-1 waited for web-0.
    let at = |p: &str| screen.find(&format!("│{p} ")).unwrap_or(usize::MAX);
    assert!(
        at("web-0") < at("web-1") && at("web-1") < at("web-2"),
        "{screen}"
    );
    // A log pane follows the selected pod (web-0), then all pods side by side.
    tmux.keys("l");
    let screen = tmux.until(LIMIT, "web-0's log", |s| s.contains("host web-0, request"));
    assert!(screen.contains("log web-0 · nginx"), "{screen}");
    tmux.keys("L");
    tmux.until(LIMIT, "three logs side by side", |s| {
        ["web-0", "web-1", "web-2"]
            .iter()
            .all(|p| s.contains(&format!("host {p}, request")))
    });
    tmux.keys("L");
    tmux.until(LIMIT, "the logs closed", |s| {
        !s.contains("host web-0, request")
    });
    tmux.until(LIMIT, "each claim bound to its volume", |s| {
        (0..3).all(|o| {
            s.lines()
                .any(|l| l.contains(&format!("www-web-{o} Bound")) && l.contains("pvc-"))
        })
    });

    common::scale(&ns, "web", 1).await;
    let screen = tmux.until(LIMIT, "two kept claims", |s| {
        s.matches("kept, no pod").count() == 2
    });
    // Their rows have no pod, and the claims stay Bound to their volumes.
    for claim in ["www-web-1", "www-web-2"] {
        assert!(
            screen.lines().any(|l| l.starts_with("│— ")
                && l.contains(&format!("{claim} Bound"))
                && l.contains("pvc-")),
            "{claim}: {screen}"
        );
    }

    // `?` opens the help generated from the keymap; Esc closes it; q quits.
    tmux.keys("?");
    tmux.until(LIMIT, "the help", |s| s.contains("zoom the time window"));
    tmux.keys("Escape");
    tmux.until(LIMIT, "the help closed", |s| {
        !s.contains("zoom the time window")
    });
    tmux.keys("q");
    tmux.assert_exited_and_restored();
}

/// A timeline row's bar on the screen: what follows the pod's name, up to
/// the now mark.
fn bar<'a>(screen: &'a str, pod: &str) -> Option<&'a str> {
    let line = screen
        .lines()
        .find(|l| l.starts_with(&format!("│{pod} ")))?;
    let bar = &line[line.find(' ')?..];
    Some(bar.split('▏').next().unwrap_or(bar))
}

/// Opened on a StatefulSet that ran before stsdash (started, scaled 3 → 2):
/// every row shows its past, reconstructed (lower case) from the pods'
/// timestamps, and the removed ordinal's row from the Events the API kept.
#[tokio::test]
async fn a_statefulset_that_ran_before_stsdash_shows_its_past() {
    let ns = TestNamespace::new("past").await;
    // Each pod runs 3 s before it is Ready: every phase lasts several
    // columns of the minute-wide window, whatever the lab's speed.
    create_web(&ns, 3, "OrderedReady", Some("3s")).await;
    ns.kubectl(&["rollout", "status", "sts/web", "--timeout=120s"]);
    common::scale(&ns, "web", 2).await;
    ns.kubectl(&["wait", "--for=delete", "pod/web-2", "--timeout=120s"]);

    let tmux = common::stsdash_in_tmux(&ns);
    let screen = tmux.until(LIMIT, "every row with its past", |s| {
        let past = |pod: &str, glyph: char| bar(s, pod).is_some_and(|b| b.contains(glyph));
        ["web-0", "web-1"]
            .iter()
            .all(|pod| past(pod, 'r') && past(pod, 'y'))
            && past("web-2", 'r')
            && past("web-2", '|')
    });
    // web-2 is gone: its whole row was reconstructed, nothing in it seen.
    let web2 = bar(&screen, "web-2").unwrap();
    assert!(!web2.chars().any(|c| c.is_ascii_uppercase()), "{screen}");
    // The narration tells the past, marked as reconstructed.
    assert!(
        screen.contains("web-1 is Ready (reconstructed)"),
        "{screen}"
    );
    assert!(
        screen.contains("web: SuccessfulDelete: Delete Pod web-2"),
        "{screen}"
    );
    tmux.keys("q");
    tmux.assert_exited_and_restored();
}

#[tokio::test]
async fn deleting_the_statefulset_plays_out_on_screen() {
    use k8s_openapi::api::apps::v1::StatefulSet;
    let ns = TestNamespace::new("stsdel").await;
    create_web(&ns, 2, "OrderedReady", None).await;
    let tmux = common::stsdash_in_tmux(&ns);
    tmux.until(LIMIT, "two Ready rows", |s| {
        s.lines().filter(|l| l.contains("Y Ready")).count() == 2
    });
    ns.api::<StatefulSet>()
        .delete("web", &kube::api::DeleteParams::background())
        .await
        .expect("delete the StatefulSet");
    // The screen does not go blank: the StatefulSet is marked deleted, its
    // pods go, its claims stay.
    let screen = tmux.until(LIMIT, "the pods gone, the claims kept", |s| {
        s.contains("sts web  deleted")
            && s.lines().filter(|l| l.contains(". Gone")).count() == 2
            && s.matches("kept, no pod").count() == 2
    });
    assert!(
        screen.contains("StatefulSet web was deleted"),
        "the now line says why nothing comes back: {screen}"
    );
    tmux.keys("q");
    tmux.until(Duration::from_secs(10), "exit", |s| {
        s.contains("stsdash-exited-0")
    });
}

/// The terminal goes away under stsdash while it is in a session of its own
/// (`setsid`), so no SIGHUP reaches it, as when its session leader died
/// first, and while it is paused, so no redraw fails on the dead terminal
/// either: it must notice the hang-up itself, end, and leave its recording
/// whole.
#[tokio::test]
async fn a_terminal_that_hangs_up_ends_stsdash_with_its_recording_whole() {
    let ns = TestNamespace::new("hangup").await;
    create_web(&ns, 1, "OrderedReady", None).await;
    let record = std::env::temp_dir().join(format!("stsdash-{}.jsonl", ns.name));
    let binary = env!("CARGO_BIN_EXE_stsdash");
    let command = format!(
        "KUBECONFIG={} setsid {binary} -n {} --record {}; sleep 60",
        ns.kubeconfig.display(),
        ns.name,
        record.display()
    );
    let tmux = common::Tmux::start(&ns.name, &command);
    tmux.until(LIMIT, "a Ready row", |s| s.contains("Y Ready"));
    let running = || {
        std::process::Command::new("pgrep")
            .args(["-f", &format!("^{binary} -n {} ", ns.name)])
            .stdout(std::process::Stdio::null())
            .status()
            .unwrap()
            .success()
    };
    assert!(running(), "stsdash runs");
    tmux.keys("p");
    tmux.until(LIMIT, "paused", |s| s.contains("paused"));
    // The tmux session goes: its terminal closes under stsdash.
    drop(tmux);
    let start = std::time::Instant::now();
    while running() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "stsdash still runs with its terminal gone"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    let (_, events) =
        stsdash::app::recording::read(&record).expect("the recording reads back whole");
    let ready = events.iter().any(|e| {
        matches!(&e.change, stsdash::model::Change::Applied(stsdash::model::Object::Pod(p))
            | stsdash::model::Change::InitObject(stsdash::model::Object::Pod(p))
            if stsdash::model::pod::is_ready(p))
    });
    assert!(ready, "the recording holds web-0 Ready");
    let _ = std::fs::remove_file(&record);
}

/// `--log-file` appends stsdash's own log to a file: how long the first
/// lists and the first full frame took, with what the lists held. A file
/// that cannot be opened is one line and an exit code, before the terminal
/// is taken.
#[tokio::test]
async fn the_log_file_says_how_long_the_first_full_screen_took() {
    let ns = TestNamespace::new("logfile").await;
    create_web(&ns, 1, "OrderedReady", None).await;
    let binary = env!("CARGO_BIN_EXE_stsdash");
    let unwritable = format!("/nonexistent-{}/stsdash.log", ns.name);
    let failing = common::Tmux::start(
        &format!("{}-bad", ns.name),
        &format!(
            "KUBECONFIG={} {binary} -n {} --log-file {unwritable}; echo stsdash-exited-$?; sleep 60",
            ns.kubeconfig.display(),
            ns.name
        ),
    );
    let screen = failing.until(LIMIT, "the exit", |s| s.contains("stsdash-exited-"));
    assert!(
        screen.contains(&format!(
            "log file: {unwritable}: No such file or directory"
        )) && screen.contains("stsdash-exited-1"),
        "one line and exit code 1: {screen}"
    );

    let file = std::env::temp_dir().join(format!("stsdash-{}.log", ns.name));
    let _ = std::fs::remove_file(&file);
    let tmux = common::Tmux::start(
        &ns.name,
        &format!(
            "KUBECONFIG={} {binary} -n {} --log-file {}; echo stsdash-exited-$?; sleep 60",
            ns.kubeconfig.display(),
            ns.name,
            file.display()
        ),
    );
    tmux.until(LIMIT, "a Ready row", |s| s.contains("Y Ready"));
    let deadline = std::time::Instant::now() + LIMIT;
    let log = loop {
        let log = std::fs::read_to_string(&file).unwrap_or_default();
        if log.contains("first full frame drawn") || std::time::Instant::now() > deadline {
            break log;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(
        log.contains("every watch listed") && log.contains(": 1 pods, 1 claims, "),
        "the lists and what they held: {log}"
    );
    assert!(
        log.contains("first full frame drawn") && !log.contains('\x1b'),
        "the first full frame, without colours: {log}"
    );
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "the log is its owner's only");
    tmux.keys("q");
    tmux.until(Duration::from_secs(10), "exit", |s| {
        s.contains("stsdash-exited-0")
    });
    let _ = std::fs::remove_file(&file);
}

/// On a projector (100×30), the storage graph of a StatefulSet beside a
/// standalone claim two pods mount: the namespace's edge is drawn and named,
/// the two pods join on their one claim, and selecting that claim in the
/// graph puts all its facts, in words, on screen.
#[tokio::test]
async fn the_storage_graph_reads_at_100x30() {
    let ns = TestNamespace::new("graph").await;
    let example = |name: &str| {
        common::repo()
            .join("examples")
            .join(name)
            .display()
            .to_string()
    };
    ns.kubectl(&["apply", "-f", &example("pvc-pod.yaml")]);
    ns.kubectl(&["apply", "-f", &example("web.yaml")]);
    let command = format!(
        "KUBECONFIG={} {} -n {}; echo stsdash-exited-$?; sleep 60",
        ns.kubeconfig.display(),
        env!("CARGO_BIN_EXE_stsdash"),
        ns.name
    );
    let tmux = common::Tmux::start_sized(&ns.name, &command, 100, 30);
    tmux.until(LIMIT, "the columns and the namespace's edge", |s| {
        s.contains("Claims · n") && s.contains("┃ Volumes · cluster") && s.contains("Classes")
    });
    // Two pods, one claim: the second pod's edge joins the first's.
    tmux.until(
        LIMIT,
        "both pods on the one claim, web-1's claim bound",
        |s| {
            let lines: Vec<&str> = s.lines().collect();
            s.contains("www-web-1 Bound")
                && lines
                    .windows(2)
                    .any(|w| w[0].contains("─┬▶ sandwich-ingridients Bound") && w[1].contains("─┘"))
        },
    );
    // Tab to the graph; j down to the shared claim: the detail says it all.
    tmux.keys("Tab");
    for _ in 0..2 {
        tmux.keys("j");
    }
    let screen = tmux.until(LIMIT, "the shared claim's facts", |s| {
        // The detail wraps: its words are read across the pane's lines.
        let words = s.replace('│', " ");
        let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
        words.contains(&format!(
            "claim sandwich-ingridients (namespace {}):",
            ns.name
        )) && words.contains("ReadWriteOnce")
            && words.contains("not pinned to a node")
            && words.contains("reclaim Delete")
    });
    assert!(screen.contains("used by sandwich"), "{screen}");
    tmux.keys("q");
    tmux.assert_exited_and_restored();
}
