//! A class's dashboards tell a paused API server from a quiet class, on the
//! lab. `stsdash class` and a student's `lesson --student` (31 of them on
//! one server in a class) ask the server nothing to know it answers: they
//! PING it over an HTTP/2 connection of their own (`cluster::ping`). Without
//! that they would fall back to `/readyz` once their watches have been
//! silent for 30 s, and say a frozen server only after more than
//! `SAID_WITHIN`. Each pauses the whole lab's API server: a file of its
//! own, so cargo runs it alone (as `faults`), one test at a time.

mod common;

use std::process::Command;
use std::time::{Duration, Instant};

use common::{TestNamespace, Tmux, lab_kubeconfig};

/// The pause: longer than a PING's interval and its time to answer
/// (4 + 3 s), shorter than the 30 s of silence of the fallback.
const PAUSE: u64 = 20;
/// From the pause's start to the screen saying so.
const SAID_WITHIN: Duration = Duration::from_secs(14);
/// From the pause's end to the screen no longer saying so.
const OVER_WITHIN: Duration = Duration::from_secs(10);

/// One pause of the lab's API server at a time.
static LAB: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// The first three rows: the grid's or the dashboard's header.
fn header(screen: &str) -> String {
    screen.lines().take(3).collect::<Vec<_>>().join("\n")
}

/// Pauses the lab's API server for `PAUSE` seconds; `said` must show on
/// the screen within `SAID_WITHIN`, and be gone within `OVER_WITHIN` of
/// the pause's end, when `back` holds.
fn pause_and_see(tmux: &Tmux, said: fn(&str) -> bool, back: fn(&str) -> bool) {
    let started = Instant::now();
    let pause = std::thread::spawn(|| {
        let out = Command::new(common::repo().join("lab/fault"))
            .args(["apiserver-pause", &PAUSE.to_string()])
            .output()
            .expect("lab/fault");
        assert!(
            out.status.success(),
            "lab/fault: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    });
    let screen = tmux.until(SAID_WITHIN, "the screen saying the server is down", |s| {
        said(&header(s))
    });
    assert!(
        started.elapsed() < Duration::from_secs(PAUSE),
        "said only after the pause: {screen}"
    );
    pause.join().unwrap();
    tmux.until(OVER_WITHIN, "synced again", |s| back(&header(s)));
}

#[tokio::test]
async fn a_class_at_rest_says_when_the_api_server_is_frozen() {
    let _lab = LAB.lock().await;
    let admin = lab_kubeconfig().await;
    let prefix = format!("t-fc-{}-", std::process::id());
    let tmux = Tmux::start_sized(
        &format!("class-fault-{}", std::process::id()),
        &format!(
            "KUBECONFIG={} {} --theme projector class mehdb --prefix {prefix}; echo stsdash-exited-$?; sleep 60",
            admin.display(),
            env!("CARGO_BIN_EXE_stsdash"),
        ),
        100,
        30,
    );
    tmux.until(Duration::from_secs(30), "the grid, synced", |s| {
        header(s).contains("no students yet") && !header(s).contains("connecting")
    });
    pause_and_see(
        &tmux,
        |h| h.contains("reconnecting"),
        |h| !h.contains("reconnecting") && h.contains("no students yet"),
    );
    tmux.keys("q");
    tmux.assert_exited_and_restored();
}

#[tokio::test]
async fn a_students_lesson_at_rest_says_when_the_api_server_is_frozen() {
    let _lab = LAB.lock().await;
    let ns = TestNamespace::new("fs").await;
    let log = std::env::temp_dir().join(format!("stsdash-{}.log", ns.name));
    let _ = std::fs::remove_file(&log);
    let tmux = Tmux::start_sized(
        &ns.name,
        &format!(
            "KUBECONFIG={} {} --log-file {} lesson mehdb --student -n {}; echo stsdash-exited-$?; sleep 60",
            ns.kubeconfig.display(),
            env!("CARGO_BIN_EXE_stsdash"),
            log.display(),
            ns.name
        ),
        120,
        40,
    );
    tmux.until(Duration::from_secs(30), "the dashboard, synced", |s| {
        header(s).contains("● synced")
    });
    // It PINGs: its log says the server answered one.
    common::until_logged(&log, "answers HTTP/2 PINGs", Duration::from_secs(15));
    pause_and_see(
        &tmux,
        |h| h.contains("reconnecting") && h.contains("data as of"),
        |h| h.contains("● synced"),
    );
    tmux.keys("q");
    tmux.assert_exited_and_restored();
}
