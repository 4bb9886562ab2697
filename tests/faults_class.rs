//! `stsdash class` tells a paused API server from a quiet class, on the lab.
//! The class asks the API server's `/readyz` only once its watches have
//! heard nothing for 30 s (`cluster::health::QUIET`), so at rest it polls
//! nothing every few seconds; a frozen server must still be said within
//! that, and its end within seconds. It pauses the whole lab's API server:
//! a file of its own, so cargo runs it alone (as `faults`).

mod common;

use std::process::Command;
use std::time::{Duration, Instant};

use common::{Tmux, lab_kubeconfig};

/// The pause: longer than the silence the class waits for, its probe's
/// interval and its time to answer (30 + 4 + 3 s).
const PAUSE: u64 = 50;
/// From the pause's start to the grid saying so.
const SAID_WITHIN: Duration = Duration::from_secs(45);
/// From the pause's end to the grid no longer saying so.
const OVER_WITHIN: Duration = Duration::from_secs(10);

#[tokio::test]
async fn a_class_at_rest_says_when_the_api_server_is_frozen() {
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
    let grid = |s: &str| s.lines().take(3).collect::<Vec<_>>().join("\n");
    tmux.until(Duration::from_secs(30), "the grid, synced", |s| {
        grid(s).contains("no students yet") && !grid(s).contains("connecting")
    });
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
    let screen = tmux.until(SAID_WITHIN, "the grid saying the server is down", |s| {
        grid(s).contains("reconnecting")
    });
    assert!(
        started.elapsed() < Duration::from_secs(PAUSE),
        "said only after the pause: {screen}"
    );
    pause.join().unwrap();
    tmux.until(OVER_WITHIN, "the grid synced again", |s| {
        !grid(s).contains("reconnecting") && grid(s).contains("no students yet")
    });
    tmux.keys("q");
    tmux.assert_exited_and_restored();
}
