//! The controller's rules on the real dashboard, on the lab: StatefulSets
//! that use more of the API than the seeds (ordinals.start, a finalizer,
//! a pod that leaves the selector). The screen is read as a person reads
//! it; recordings of the same cases are checked in tests/coverage.rs.

mod common;

use std::time::Duration;

use common::{TestNamespace, Tmux, flat};

const LIMIT: Duration = Duration::from_secs(90);

/// stsdash in tmux at 120×50 (the panes stacked, so the narration reads whole).
fn dashboard(ns: &TestNamespace, args: &str) -> Tmux {
    common::screen::dashboard(ns, "ctl", args)
}

/// The timeline's row of `pod`.
fn row<'a>(screen: &'a str, pod: &str) -> Option<&'a str> {
    screen
        .lines()
        .find(|l| l.starts_with(&format!("│{pod} ")) && l.contains('▏'))
}

#[tokio::test]
async fn ordinals_start_draws_only_the_replica_range_and_nothing_scales() {
    let ns = TestNamespace::new("start").await;
    let manifest = common::repo().join("examples/start-ordinal.yaml");
    ns.kubectl(&["apply", "-f", manifest.to_str().unwrap()]);
    let tmux = dashboard(&ns, "");
    let screen = tmux.until(LIMIT, "shard-5 and shard-6 Ready", |s| {
        row(s, "shard-5").is_some_and(|r| r.contains("Y Ready"))
            && row(s, "shard-6").is_some_and(|r| r.contains("Y Ready"))
    });
    // The same frame: no row below the start, and nothing said to be scaling.
    for phantom in ["shard-0", "shard-1", "shard-4"] {
        assert!(
            row(&screen, phantom).is_none(),
            "{phantom} drawn:\n{screen}"
        );
    }
    assert!(!screen.contains("scaling down"), "{screen}");
    assert!(
        screen.contains("data-shard-5") && !screen.contains("data-shard-0"),
        "{screen}"
    );
    // Scaled up: the next ordinal after the range's end.
    ns.kubectl(&["scale", "sts", "shard", "--replicas=3"]);
    tmux.until(LIMIT, "shard-7 created", |s| {
        row(s, "shard-7").is_some() && flat(s).contains("OrderedReady creates shard-7 first")
    });
    tmux.keys("q");
    tmux.assert_exited_and_restored();
}

#[tokio::test]
async fn a_finalizer_that_holds_a_terminating_pod_is_named_on_the_now_line() {
    let ns = TestNamespace::new("finalizer").await;
    common::create_web(&ns, 2, "OrderedReady", None).await;
    let tmux = dashboard(&ns, "web");
    tmux.until(LIMIT, "two Ready rows", |s| {
        s.matches("Y Ready").count() == 2
    });
    ns.kubectl(&[
        "patch",
        "pod",
        "web-1",
        "-p",
        r#"{"metadata":{"finalizers":["example.com/hold"]}}"#,
    ]);
    ns.kubectl(&["delete", "pod", "web-1", "--wait=false"]);
    let screen = tmux.until(LIMIT, "the finalizer named", |s| {
        flat(s).contains(
            "now web-1 Terminating: finalizer example.com/hold keeps it; the controller waits for it to be gone before it creates web-1 again",
        )
    });
    // The row that holds the StatefulSet is marked.
    assert!(
        row(&screen, "web-1").is_some_and(|r| r.contains("T Terminating ◀")),
        "{screen}"
    );
    ns.kubectl(&[
        "patch",
        "pod",
        "web-1",
        "--type=merge",
        "-p",
        r#"{"metadata":{"finalizers":null}}"#,
    ]);
    tmux.until(LIMIT, "web-1 recreated", |s| {
        flat(s).contains("web-1 recreated with a new UID")
    });
    tmux.keys("q");
    tmux.assert_exited_and_restored();
}

#[tokio::test]
async fn a_pod_relabelled_out_of_the_selector_still_holds_its_name() {
    let ns = TestNamespace::new("relabel").await;
    common::create_web(&ns, 1, "OrderedReady", None).await;
    // Opened on the StatefulSet: its pods are watched by its selector.
    let tmux = dashboard(&ns, "web");
    tmux.until(LIMIT, "web-0 Ready", |s| s.matches("Y Ready").count() == 1);
    ns.kubectl(&["label", "pod", "web-0", "app=elsewhere", "--overwrite"]);
    // The now line, and under it the → line: what would move it.
    let screen = tmux.until(LIMIT, "web-0 outside the StatefulSet", |s| {
        flat(s).contains("now web-0 still exists outside StatefulSet web (its labels no longer match app=nginx): the controller cannot create web-0 while it does")
            && flat(s).contains("→ give web-0 its labels back (it is adopted again), or delete it")
    });
    assert!(
        row(&screen, "web-0").is_some_and(|r| r.contains("~ released")),
        "{screen}"
    );
    ns.kubectl(&["label", "pod", "web-0", "app=nginx", "--overwrite"]);
    tmux.until(LIMIT, "web-0 adopted again", |s| {
        flat(s).contains("web-0 adopted by StatefulSet web")
            && row(s, "web-0").is_some_and(|r| r.contains("Y Ready"))
    });
    tmux.keys("q");
    tmux.assert_exited_and_restored();
}
