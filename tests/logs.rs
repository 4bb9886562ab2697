//! Log panes that survive anything, on the lab (tests/manifests/hostile-logs.yaml):
//! a pod that writes invalid UTF-8, escape sequences (CSI, OSC 52, OSC 8, OSC 2,
//! DCS), bells and a 10 MiB line keeps being followed, and nothing of it but
//! text reaches the terminal (no title, no bell, no clipboard); a pod that
//! writes 10,000 lines a second is followed while the watches' events still
//! arrive at once; a pane keeps the newest 2,000 lines, or 1 MiB of long
//! ones, and `k` stops at the oldest of them.

mod common;

use std::time::{Duration, Instant};

use stsdash::model::{Change, ClusterEvent};

use common::{TestNamespace, Tmux};

const LIMIT: Duration = Duration::from_secs(90);

fn manifest() -> String {
    common::repo()
        .join("tests/manifests/hostile-logs.yaml")
        .display()
        .to_string()
}

/// stsdash on one StatefulSet of the namespace, recording, in tmux.
fn dashboard(ns: &TestNamespace, statefulset: &str, record: &std::path::Path) -> Tmux {
    let tmux = Tmux::start_sized(
        &format!("{}-{statefulset}", ns.name),
        &format!(
            "KUBECONFIG={} {} -n {} {statefulset} --record {}; echo stsdash-exited-$?; sleep 60",
            ns.kubeconfig.display(),
            env!("CARGO_BIN_EXE_stsdash"),
            ns.name,
            record.display()
        ),
        160,
        50,
    );
    // tmux takes what OSC 52 would put on the clipboard, if it came through.
    tmux.set_option("set-clipboard", "on");
    tmux
}

/// Every log line the recording holds, in order.
fn recorded_lines(record: &std::path::Path) -> Vec<stsdash::model::log::LogLine> {
    let (_, events) = stsdash::app::recording::read(record).expect("the recording reads back");
    events
        .into_iter()
        .filter_map(|e: ClusterEvent| match e.change {
            Change::LogLines { lines, .. } => Some(lines),
            _ => None,
        })
        .flatten()
        .collect()
}

#[tokio::test]
async fn a_hostile_log_is_followed_as_text_and_nothing_reaches_the_terminal() {
    let ns = TestNamespace::new("hostile").await;
    let record = std::env::temp_dir().join(format!("stsdash-{}.jsonl", ns.name));
    // Open before the pod exists, so its log is followed from its first line.
    let tmux = dashboard(&ns, "hostile", &record);
    tmux.until(LIMIT, "watching", |s| {
        s.contains("not found yet") || s.contains("sts hostile")
    });
    ns.kubectl(&["apply", "-f", &manifest()]);
    tmux.until(LIMIT, "hostile-0 Running", |s| s.contains("hostile-0"));
    tmux.keys("l");
    // Past the 10 MiB line (the pod's tenth) and the ones after it.
    let screen = tmux.until(LIMIT, "lines after the 10 MiB one", |s| {
        s.lines().any(|l| {
            l.split("hostile-0, line ")
                .nth(1)
                .and_then(|rest| rest.split(':').next())
                .and_then(|n| n.parse::<u32>().ok())
                .is_some_and(|n| n > 20)
        })
    });
    for shown in [
        "invalid utf-8 \u{fffd}\u{fffd} here",
        "red on a cleared screen",
        "clipboard set by osc 52",
        "a link by osc 8",
        "a window title by osc 2",
        "a device control string",
        "bells\u{fffd}\u{fffd}\u{fffd}",
        "col2    col3",
        "progress 100%",
    ] {
        assert!(screen.contains(shown), "{shown:?} not on screen:\n{screen}");
    }
    // Nothing of it reached the terminal as anything but text.
    assert_ne!(tmux.format("#{pane_title}"), "pwned", "OSC 2 set the title");
    assert_eq!(tmux.format("#{window_bell_flag}"), "0", "a bell rang");
    assert_eq!(tmux.buffers(), "", "OSC 52 set the clipboard");
    tmux.keys("q");
    tmux.assert_exited_and_restored();

    let lines = recorded_lines(&record);
    let huge = lines
        .iter()
        .find(|l| {
            l.text.starts_with("host hostile-0, line 10: a 10 MiB line")
                || l.text.starts_with("a 10 MiB line")
        })
        .unwrap_or_else(|| panic!("no 10 MiB line in {} lines", lines.len()));
    assert!(huge.cut > (10 << 20) - 4096, "cut {}", huge.cut);
    assert!(huge.text.len() <= stsdash::model::log::MAX_LINE_BYTES);
    let after = lines.iter().position(|l| std::ptr::eq(l, huge)).unwrap();
    assert!(
        lines[after..].iter().any(|l| l.text.contains("line 11:")),
        "followed past it"
    );
    let _ = std::fs::remove_file(&record);
}

#[tokio::test]
async fn a_flood_of_lines_is_followed_and_holds_no_watch_event_back() {
    let ns = TestNamespace::new("flood").await;
    ns.kubectl(&["apply", "-f", &manifest()]);
    let record = std::env::temp_dir().join(format!("stsdash-{}.jsonl", ns.name));
    let tmux = dashboard(&ns, "flood", &record);
    tmux.until(LIMIT, "flood-0 Ready", |s| s.contains("Y Ready"));
    tmux.keys("l");
    let newest = |s: &str| -> Option<u64> {
        s.lines()
            .filter_map(|l| l.split("flood line ").nth(1))
            .filter_map(|n| {
                n.split_whitespace()
                    .next()?
                    .trim_end_matches('│')
                    .parse()
                    .ok()
            })
            .max()
    };
    let first = newest(&tmux.until(LIMIT, "the flood", |s| newest(s).is_some())).unwrap();
    // Ten thousand lines a second later, still following.
    let screen = tmux.until(LIMIT, "20,000 more lines", |s| {
        newest(s).is_some_and(|n| n > first + 20_000)
    });
    assert!(screen.contains("log flood-0"), "{screen}");
    // A watch event during the flood: the new ordinal is on screen at once.
    let scaled = Instant::now();
    common::scale(&ns, "flood", 2).await;
    // Its pod takes about a second to be created; a watch event stuck behind
    // the log lines would take as long as the flood lasts.
    tmux.until(Duration::from_secs(10), "flood-1 on screen", |s| {
        s.contains("│flood-1 ")
    });
    eprintln!(
        "flood-1 on screen {:.2}s after the scale, during the flood",
        scaled.elapsed().as_secs_f64()
    );
    tmux.until(LIMIT, "still following", |s| {
        newest(s).is_some_and(|n| n > first + 40_000)
    });
    tmux.keys("q");
    tmux.assert_exited_and_restored();
    let _ = std::fs::remove_file(&record);
}

/// The numbers of the `style` lines (`flood line 12`) on the screen, top to bottom.
fn numbered(screen: &str, style: &str) -> Vec<u64> {
    let word = format!("{style} line ");
    screen
        .lines()
        .filter_map(|l| l.split(word.as_str()).nth(1))
        .filter_map(|n| n.split(|c: char| !c.is_ascii_digit()).next()?.parse().ok())
        .collect()
}

/// Takes a test's finalizer off a pod when dropped (even when the test
/// panics), so its namespace can go.
struct Held<'a> {
    ns: &'a TestNamespace,
    pod: String,
}

impl Drop for Held<'_> {
    fn drop(&mut self) {
        let _ = common::kubectl(&self.ns.kubeconfig)
            .args([
                "-n",
                &self.ns.name,
                "patch",
                "pod",
                &self.pod,
                "--type=merge",
            ])
            .args(["-p", r#"{"metadata":{"finalizers":null}}"#])
            .output();
    }
}

/// A pod of the lab's log `style` (`flood`, `wide`) followed in a log pane
/// until it has written `more` lines past the first seen, then stopped
/// (deleted, held Terminating by a finalizer, so its log stays on screen):
/// the screen, the finalizer's holder and the newest line's number.
async fn a_stopped_log<'a>(
    ns: &'a TestNamespace,
    style: &'a str,
    more: u64,
) -> (Tmux, Held<'a>, u64) {
    use common::screen::{apply, dashboard as dashboard_on, statefulset};
    apply(
        ns,
        &format!(
            "apiVersion: v1\nkind: Service\nmetadata: {{name: {style}}}\nspec: {{clusterIP: None, selector: {{app: {style}}}}}\n---\n{}",
            statefulset(
                style,
                1,
                style,
                "",
                &format!("      annotations: {{lab.stsdash.dev/log-style: {style}}}\n")
            )
        ),
    );
    let tmux = dashboard_on(ns, "bound", style);
    tmux.until(LIMIT, &format!("{style}-0 Ready"), |s| {
        s.contains("Y Ready")
    });
    tmux.keys("l");
    let first = tmux.until(LIMIT, "the log", |s| !numbered(s, style).is_empty());
    let first = *numbered(&first, style).last().unwrap();
    // Far more lines than a pane keeps have come.
    tmux.until(LIMIT, "more lines", |s| {
        numbered(s, style).last().is_some_and(|n| *n > first + more)
    });
    // The pod stops writing: its last line says so.
    let pod = format!("{style}-0");
    ns.kubectl(&[
        "patch",
        "pod",
        &pod,
        "--type=merge",
        "-p",
        r#"{"metadata":{"finalizers":["stsdash.test/hold"]}}"#,
    ]);
    let held = Held { ns, pod };
    ns.kubectl(&["delete", "pod", &held.pod, "--wait=false"]);
    let stopped = tmux.until(LIMIT, "the log's last line", |s| {
        s.contains(&format!("host {style}-0 received SIGTERM, shutting down"))
    });
    let newest = *numbered(&stopped, style).last().unwrap();
    (tmux, held, newest)
}

/// Scrolled back as far as `k` goes, the pane's oldest line is
/// `oldest_kept`, and the pane is full of the lines after it, in order.
fn scrolled_back_to(tmux: &Tmux, style: &str, oldest_kept: u64) {
    for _ in 0..420 {
        tmux.keys("k");
    }
    let oldest = tmux.until(
        Duration::from_secs(20),
        "the oldest line kept at the top",
        |s| numbered(s, style).first() == Some(&oldest_kept),
    );
    let shown = numbered(&oldest, style);
    assert!(
        shown.len() > 10 && shown.windows(2).all(|w| w[1] == w[0] + 1),
        "a full pane of the oldest lines, in order: {shown:?}\n{oldest}"
    );
    tmux.keys("q");
    tmux.assert_exited_and_restored();
}

/// A log pane keeps at most 2,000 lines (`MAX_LOG_LINES`): a pod writes
/// thousands (the lab's flood style), then stops. Scrolled back as far as
/// `k` goes, the pane's oldest line is the 2,000th newest, and the pane
/// shows it rather than running empty.
#[tokio::test]
async fn a_log_pane_keeps_the_newest_two_thousand_lines() {
    let ns = TestNamespace::new("bound").await;
    let (tmux, _held, newest) = a_stopped_log(&ns, "flood", 5_000).await;
    // 2,000 lines: the last flood lines and the SIGTERM line.
    let oldest_kept = newest - 1998;
    eprintln!("newest flood line {newest}: the oldest kept is {oldest_kept}");
    scrolled_back_to(&tmux, "flood", oldest_kept);
}

/// A log pane keeps at most 1 MiB (`MAX_LOG_BYTES`): a pod writes lines of
/// about 1 KiB (the lab's wide style), then stops. The pane keeps the newest
/// lines that fit in 1 MiB, about 1,000 of them, not 2,000.
#[tokio::test]
async fn a_log_pane_keeps_the_newest_mebibyte() {
    let ns = TestNamespace::new("mib").await;
    let (tmux, _held, newest) = a_stopped_log(&ns, "wide", 3_000).await;
    // The newest lines whose text fits in 1 MiB with the SIGTERM line's.
    let text = |n: u64| format!("host wide-0, wide line {n}: {}", "w".repeat(1000)).len();
    let mut bytes = "host wide-0 received SIGTERM, shutting down".len();
    let mut oldest_kept = newest + 1;
    while bytes + text(oldest_kept - 1) <= 1 << 20 {
        oldest_kept -= 1;
        bytes += text(oldest_kept);
    }
    eprintln!("newest wide line {newest}: the oldest kept is {oldest_kept}");
    assert!(
        newest - oldest_kept < 1_100,
        "the bytes bind, not the 2,000 lines"
    );
    // A line a row (w: no wrapping), so a pane holds many of them.
    tmux.keys("w");
    scrolled_back_to(&tmux, "wide", oldest_kept);
}
