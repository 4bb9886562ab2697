//! The connection as the real binary lives it, in tmux against the lab,
//! with a TCP forwarder of the test's own between stsdash and the API
//! server (`common::forward`): the header's spinner while the watches have
//! not listed yet, then `● synced`; a log stream that breaks is followed
//! again, with nothing twice and nothing missed.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::forward::{Forwarder, Stall, upstream_of};
use common::{TestNamespace, Tmux};

const LIMIT: Duration = Duration::from_secs(90);

/// stsdash on StatefulSet web of the namespace, through `kubeconfig`, in tmux.
fn dashboard(ns: &TestNamespace, kubeconfig: &Path) -> Tmux {
    Tmux::start_sized(
        &ns.name,
        &format!(
            "KUBECONFIG={} {} -n {} web; echo stsdash-exited-$?; sleep 60",
            kubeconfig.display(),
            env!("CARGO_BIN_EXE_stsdash"),
            ns.name
        ),
        120,
        50,
    )
}

fn header(screen: &str) -> &str {
    screen.lines().next().unwrap_or_default()
}

/// The spinner's character before "connecting" in the header, if it says so.
fn spinner(screen: &str) -> Option<char> {
    let (before, _) = header(screen).split_once(" connecting")?;
    before.chars().last()
}

/// stsdash got its first answer (the server's version) and drew the
/// dashboard, but every connection stalls once its watches open a second:
/// they have not listed, so the header says `connecting` with a spinner
/// that turns, and never `synced`. Once the connections move again, the
/// header says `● synced`.
#[tokio::test]
async fn the_header_spins_while_a_watch_has_not_listed_then_says_synced() {
    let ns = TestNamespace::new("spin").await;
    common::create_web(&ns, 1, "OrderedReady", None).await;
    let forwarder = Forwarder::start(upstream_of(&ns.kubeconfig), Stall::EveryOnceASecondOpens);
    let kubeconfig = forwarder.kubeconfig(&ns.kubeconfig, &std::env::temp_dir());
    let tmux = dashboard(&ns, &kubeconfig);

    // Read often: the spinner turns every 200 ms.
    let mut turns = std::collections::BTreeSet::new();
    let started = Instant::now();
    let connecting = loop {
        let screen = tmux.screen();
        if let Some(c) = spinner(&screen) {
            assert!(
                !screen.contains("synced"),
                "connecting and synced at once: {screen}"
            );
            turns.insert(c);
            if turns.len() == 4 {
                break screen;
            }
        }
        // The stalled list gives up after 30 s (then it says reconnecting).
        assert!(
            started.elapsed() < Duration::from_secs(25),
            "no spinner turning through | / - \\ before `connecting` (seen {turns:?}); screen:\n{screen}"
        );
        std::thread::sleep(Duration::from_millis(60));
    };
    assert!(
        turns.iter().all(|c| "|/-\\".contains(*c)),
        "{turns:?}: {connecting}"
    );
    assert!(
        header(&connecting).contains(&format!("ns {}", ns.name)),
        "the dashboard is drawn while it connects: {connecting}"
    );

    forwarder.release();
    let synced = tmux.until(LIMIT, "● synced once the connection moves", |s| {
        header(s).contains("● synced")
    });
    assert!(!header(&synced).contains(" connecting"), "{synced}");
    tmux.until(LIMIT, "web-0 Ready", |s| s.contains("Y Ready"));
    tmux.keys("q");
    tmux.assert_exited_and_restored();
}

/// The numbers of the lab's log lines (`host web-0, request N, …`) on the
/// screen, top to bottom.
fn requests(screen: &str) -> Vec<u32> {
    screen
        .lines()
        .filter_map(|l| l.split_once("request ").map(|(_, rest)| rest))
        .filter_map(|rest| rest.split(',').next()?.parse().ok())
        .collect()
}

const BROKE: &str = "[stsdash: the log stream broke";

/// The log pane follows web-0; every connection between stsdash and the
/// API server is dropped at once. The pane says the stream broke and goes
/// on with the lines written since: each request number once, none missing.
#[tokio::test]
async fn a_broken_log_stream_is_followed_again_with_nothing_twice() {
    let ns = TestNamespace::new("logbreak").await;
    common::create_web(&ns, 1, "OrderedReady", None).await;
    let forwarder = Forwarder::start(upstream_of(&ns.kubeconfig), Stall::Never);
    let kubeconfig = forwarder.kubeconfig(&ns.kubeconfig, &std::env::temp_dir());
    let tmux = dashboard(&ns, &kubeconfig);
    tmux.until(LIMIT, "web-0 Ready", |s| {
        s.contains("Y Ready") && s.contains("● synced")
    });
    tmux.keys("l");
    let before = tmux.until(LIMIT, "a few lines", |s| requests(s).len() >= 3);
    assert!(!before.contains(BROKE), "{before}");
    let last_before = *requests(&before).last().unwrap();

    forwarder.cut();
    let after = tmux.until(LIMIT, "the stream broken, then new lines", |s| {
        let Some(at) = s.find(BROKE) else {
            return false;
        };
        requests(&s[at..]).len() >= 3 && requests(&s[..at]).len() >= 2
    });
    let at = after.find(BROKE).unwrap();
    let (old, new) = (requests(&after[..at]), requests(&after[at..]));
    assert!(
        *old.last().unwrap() >= last_before,
        "the lines before the break stay: {after}"
    );
    let seen: Vec<u32> = old.iter().chain(&new).copied().collect();
    assert!(
        seen.windows(2).all(|w| w[1] == w[0] + 1),
        "each line once, in order, none missing across the break: {seen:?}\n{after}"
    );
    tmux.keys("q");
    tmux.assert_exited_and_restored();
}
