//! The controller's rules (model::controller): what it does next and what
//! it waits for, for StatefulSets using the rest of the API.

use serde_json::{Value, json};

use super::*;
use crate::model::controller::{self, Reason, Waiting};

/// An object with `extra` merged into its JSON.
pub(super) fn with(object: Object, extra: Value) -> Object {
    let kind = object.kind();
    let mut v = match object {
        Object::Pod(p) => serde_json::to_value(p),
        Object::StatefulSet(s) => serde_json::to_value(s),
        Object::PersistentVolumeClaim(c) => serde_json::to_value(c),
        other => panic!("{:?} not handled", other.kind()),
    }
    .unwrap();
    merge(&mut v, extra);
    match kind {
        Kind::Pod => Object::Pod(serde_json::from_value(v).unwrap()),
        Kind::StatefulSet => Object::StatefulSet(serde_json::from_value(v).unwrap()),
        _ => Object::PersistentVolumeClaim(serde_json::from_value(v).unwrap()),
    }
}

/// Pod web-N Ready since `at` (its Ready condition's lastTransitionTime).
pub(super) fn ready_since(ordinal: u32, uid: &str, rv: u32, at: Millis) -> Object {
    with(
        pod(ordinal, uid, rv, Phase::Ready),
        json!({"status": {"conditions": [{"type": "Ready", "status": "True", "lastTransitionTime": time(at)}]}}),
    )
}

/// Pod web-N Ready, running `revision`.
pub(super) fn at_revision(ordinal: u32, uid: &str, rv: u32, revision: &str) -> Object {
    with(
        pod(ordinal, uid, rv, Phase::Ready),
        json!({"metadata": {"labels": {"controller-revision-hash": revision}}}),
    )
}

pub(super) fn explain(s: &Script, now: Millis) -> Option<Waiting> {
    controller::explain(&s.model, &sts_key(), now)
}

pub(super) fn text(s: &Script) -> String {
    explain(s, s.t).map(|w| w.text).unwrap_or_default()
}

#[test]
fn ordinals_start_gives_rows_and_claims_only_for_the_replica_range() {
    let mut s = Script::new();
    s.apply(sts(2, 1, json!({"spec": {"ordinals": {"start": 5}}})));
    assert_eq!(
        text(&s),
        "web-5 about to be created: the first ordinal (5, ordinals.start) comes first"
    );
    s.start(5, "uid-5", 10);
    assert!(said(
        &s.narration(),
        "web-5 created: the first ordinal (5, ordinals.start) comes first"
    ));
    assert_eq!(text(&s), "web-6 about to be created: web-5 is Ready");
    s.start(6, "uid-6", 20);
    let rows: Vec<String> = views::timeline(&s.model, &sts_key())
        .into_iter()
        .map(|r| r.pod)
        .collect();
    assert_eq!(rows, ["web-5", "web-6"]);
    let claims: Vec<String> = views::storage_rows(&s.model, &sts_key())
        .claims()
        .map(|(_, c)| c.to_string())
        .collect();
    assert_eq!(claims, ["www-web-5", "www-web-6"]);
    assert_eq!(explain(&s, s.t), None, "nothing is scaling");

    // The start moves up: the new top ordinal first, then the one below the range.
    s.apply(sts(2, 2, json!({"spec": {"ordinals": {"start": 6}}})));
    assert_eq!(text(&s), "web-7 about to be created: web-6 is Ready");
    s.start(7, "uid-7", 30);
    let w = explain(&s, s.t).unwrap();
    assert_eq!(w.reason, Reason::ScalingDown);
    assert_eq!(
        w.text,
        "ordinals.start is 6: web-5 is below the range and goes, highest first"
    );
    assert_eq!(w.next, Some(5));
    s.apply(pod(5, "uid-5", 40, Phase::Terminating));
    assert!(
        said(&s.narration(), "web-5 terminating: ordinals.start is 6"),
        "{:#?}",
        s.narration()
    );
}

#[test]
fn min_ready_seconds_is_counted_down_and_holds_the_next_ordinal() {
    let mut s = Script::new();
    s.apply(sts(2, 1, json!({"spec": {"minReadySeconds": 10}})));
    let ready_at = s.t + 100;
    s.apply(ready_since(0, "uid-0", 10, ready_at));
    let w = explain(&s, ready_at + 4_000).unwrap();
    assert_eq!(w.reason, Reason::NotAvailable);
    assert_eq!(w.until, Some(ready_at + 10_000));
    assert_eq!(
        w.text,
        "web-1 not created yet: OrderedReady waits for web-0 to be available (Ready for 4s of minReadySeconds 10s, 6s to go)"
    );
    assert_eq!(w.blocking.as_ref().and_then(|b| b.ordinal), Some(0));
    assert!(
        w.changes_at
            .is_some_and(|t| t > ready_at + 4_000 && t <= ready_at + 5_000)
    );
    // Once available, the controller moves on by itself.
    let w = explain(&s, ready_at + 10_500).unwrap();
    assert_eq!(w.reason, Reason::Creating);
    assert_eq!(
        w.text,
        "web-1 about to be created: web-0 is Ready and available"
    );
    // Every pod there and Ready: the newest one still counts down, then all is at rest.
    let last = ready_at + 20_000;
    s.apply(ready_since(1, "uid-1", 20, last));
    let w = explain(&s, last + 3_000).unwrap();
    assert_eq!(w.reason, Reason::NotAvailable, "{}", w.text);
    assert_eq!(w.until, Some(last + 10_000));
    assert_eq!(explain(&s, last + 10_500), None);
}

#[test]
fn a_finalizer_is_named_as_what_keeps_a_terminating_pod() {
    let mut s = Script::new();
    s.apply(sts(3, 1, json!({})));
    s.start(0, "uid-0", 10);
    s.start(1, "uid-1", 20);
    s.apply(with(
        pod(1, "uid-1", 30, Phase::Terminating),
        json!({"metadata": {"finalizers": ["example.com/hold"]}}),
    ));
    let w = explain(&s, s.t).unwrap();
    assert_eq!(w.reason, Reason::Terminating);
    assert_eq!(
        w.text,
        "web-1 Terminating: finalizer example.com/hold keeps it; the controller waits for it to be gone before it creates web-1 again; web-2 waits for it too (OrderedReady)"
    );
    assert!(w.unblock.unwrap().contains("finalizers"));
    assert!(
        said(&s.narration(), "; finalizer example.com/hold keeps it"),
        "{:#?}",
        s.narration()
    );
}

#[test]
fn on_delete_says_which_pods_run_the_old_revision_until_deleted() {
    let mut s = Script::new();
    s.apply(sts(
        2,
        1,
        json!({"spec": {"updateStrategy": {"type": "OnDelete"}}}),
    ));
    s.start(0, "uid-0", 10);
    s.start(1, "uid-1", 20);
    s.apply(sts(2, 2, json!({"spec": {"updateStrategy": {"type": "OnDelete"}}, "status": {"updateRevision": "web-2"}})));
    let w = explain(&s, s.t).unwrap();
    assert_eq!(w.reason, Reason::OnDelete);
    assert_eq!(
        w.text,
        "updateStrategy OnDelete: web-0, web-1 run an older revision than web-2; the controller replaces none of them, each takes web-2 when it is deleted"
    );
    assert!(
        said(
            &s.narration(),
            "updateStrategy OnDelete: no pod is replaced"
        ),
        "{:#?}",
        s.narration()
    );
    s.apply(at_revision(1, "uid-1b", 30, "web-2"));
    assert!(
        text(&s).starts_with("updateStrategy OnDelete: web-0 runs an older"),
        "{}",
        text(&s)
    );
    assert!(
        text(&s).contains("the controller does not replace it, it takes web-2 when it is deleted"),
        "{}",
        text(&s)
    );
}

#[test]
fn the_partition_counts_from_the_start_ordinal() {
    let mut s = Script::new();
    let spec = json!({"spec": {"ordinals": {"start": 5}, "updateStrategy": {"type": "RollingUpdate", "rollingUpdate": {"partition": 1}}}});
    s.apply(sts(2, 1, spec.clone()));
    s.start(5, "uid-5", 10);
    s.start(6, "uid-6", 20);
    let mut updated = spec.clone();
    merge(&mut updated, json!({"status": {"updateRevision": "web-2"}}));
    s.apply(sts(2, 2, updated));
    let w = explain(&s, s.t).unwrap();
    assert_eq!(w.reason, Reason::Updating);
    assert_eq!(w.next, Some(6), "index 1 of the range is ordinal 6");
    s.apply(at_revision(6, "uid-6b", 30, "web-2"));
    let w = explain(&s, s.t).unwrap();
    assert_eq!(w.reason, Reason::Partitioned);
    assert_eq!(
        w.text,
        "partition 1: web-5 stays at revision web-1 (ordinals below 6 are not updated)"
    );
    assert_eq!(
        w.unblock.as_deref(),
        Some("lower spec.updateStrategy.rollingUpdate.partition to update it")
    );
}

#[test]
fn max_unavailable_replaces_that_many_at_once_and_counts_the_unavailable() {
    let mut s = Script::new();
    let spec = json!({"spec": {"updateStrategy": {"rollingUpdate": {"maxUnavailable": 2}}}});
    s.apply(sts(4, 1, spec.clone()));
    for o in 0..4 {
        s.start(o, &format!("uid-{o}"), 10 * (o + 1));
    }
    let mut updated = spec.clone();
    merge(&mut updated, json!({"status": {"updateRevision": "web-2"}}));
    s.apply(sts(4, 2, updated.clone()));
    let w = explain(&s, s.t).unwrap();
    assert_eq!(
        w.text,
        "rolling update to revision web-2: web-3, web-2 replaced next (highest ordinal first, up to 2 at a time (maxUnavailable 2))"
    );
    // OrderedReady: the pods it took down come back one at a time, lowest first.
    s.apply(pod(3, "uid-3", 50, Phase::Terminating));
    s.apply(pod(2, "uid-2", 51, Phase::Terminating));
    assert!(text(&s).starts_with("web-2 Terminating"), "{}", text(&s));
    // Parallel: every unavailable pod counts against the budget.
    merge(
        &mut updated,
        json!({"spec": {"podManagementPolicy": "Parallel"}}),
    );
    s.apply(pod(2, "uid-2", 52, Phase::Ready));
    s.apply(sts(4, 3, updated));
    assert!(text(&s).contains(": web-2 replaced next"), "{}", text(&s));
    s.apply(pod(2, "uid-2", 53, Phase::Terminating));
    let w = explain(&s, s.t).unwrap();
    assert_eq!(w.reason, Reason::Terminating);
    assert!(
        w.text.contains("web-1 is replaced only once web-3 is gone"),
        "{}",
        w.text
    );
}

#[test]
fn a_generation_the_controller_has_not_read_predicts_nothing_and_grows_overdue() {
    let mut s = Script::new();
    s.apply(sts(
        2,
        1,
        json!({"metadata": {"generation": 1}, "status": {"observedGeneration": 1}}),
    ));
    s.start(0, "uid-0", 10);
    s.start(1, "uid-1", 20);
    assert_eq!(explain(&s, s.t), None);
    s.apply(sts(
        4,
        2,
        json!({"metadata": {"generation": 2}, "status": {"observedGeneration": 1}}),
    ));
    let changed = s.t;
    let w = explain(&s, changed + 1_000).unwrap();
    assert_eq!(w.reason, Reason::NotObserved);
    assert!(!w.text.contains("about to be created"), "{}", w.text);
    assert_eq!(
        w.text,
        "the StatefulSet controller has not read generation 2 of web yet (status is of generation 1): what follows is as of the spec before"
    );
    let w = explain(&s, changed + 45_000).unwrap();
    assert_eq!(w.reason, Reason::ControllerIdle);
    assert!(
        w.text
            .starts_with("the StatefulSet controller has not acted on generation 2 of web for 40s"),
        "{}",
        w.text
    );
    assert!(
        w.text
            .contains("kube-controller-manager may be down or behind")
    );
    // Without a connection that delivers, nothing is said to be overdue.
    s.send(Change::ServerHealth {
        problem: Some("connection refused".into()),
    });
    assert_eq!(
        explain(&s, changed + 45_000).unwrap().reason,
        Reason::NotObserved
    );
}

#[test]
fn a_step_nothing_holds_back_that_does_not_come_is_overdue() {
    let mut s = Script::new();
    s.apply(sts(2, 1, json!({})));
    s.start(0, "uid-0", 10);
    let w = explain(&s, s.t + 2_000).unwrap();
    assert_eq!(w.reason, Reason::Creating);
    assert_eq!(w.changes_at, Some(s.t + controller::PATIENCE + 1));
    let w = explain(&s, s.t + 75_000).unwrap();
    assert_eq!(w.reason, Reason::ControllerIdle);
    assert!(
        w.text.starts_with("web-1 not created for 1 min though nothing holds it back (web-1 about to be created: web-0 is Ready)"),
        "{}",
        w.text
    );
    // The controller acts and fails: its Warning says so, and it is not idle.
    s.apply(warning(
        "StatefulSet",
        "web",
        "sts-uid",
        "FailedCreate",
        s.t,
    ));
    let w = explain(&s, s.t + 75_000).unwrap();
    assert_eq!(w.reason, Reason::ActionFailing);
    assert!(
        w.text
            .ends_with("the controller tries and fails: FailedCreate: FailedCreate message"),
        "{}",
        w.text
    );
}

#[test]
fn ordered_scale_down_waits_for_an_unhealthy_pod_and_names_it() {
    let mut s = Script::new();
    s.apply(sts(3, 1, json!({})));
    for o in 0..3 {
        s.start(o, &format!("uid-{o}"), 10 * (o + 1));
    }
    s.apply(pod(0, "uid-0", 50, Phase::Running));
    s.apply(sts(1, 2, json!({})));
    let w = explain(&s, s.t).unwrap();
    assert_eq!(
        w.text,
        "scaling down to 1: web-2 goes only once web-0 is Ready"
    );
    assert_eq!(w.blocking.unwrap().ordinal, Some(0));
    assert_eq!(w.next, Some(2));
    // Every pod condemned: the highest goes only once the first unhealthy one is Ready…
    s.apply(pod(2, "uid-2", 60, Phase::Running));
    s.apply(sts(0, 3, json!({})));
    assert_eq!(
        text(&s),
        "scaling down to 0: web-2 goes only once web-0 is Ready"
    );
    // …but a healthy highest goes.
    s.start(2, "uid-2", 70);
    assert_eq!(text(&s), "scaling down to 0: web-2 goes first");
}

#[test]
fn a_failed_pod_is_deleted_and_created_again() {
    let mut s = Script::new();
    s.apply(sts(2, 1, json!({})));
    s.start(0, "uid-0", 10);
    s.start(1, "uid-1", 20);
    s.apply(with(
        pod(1, "uid-1", 30, Phase::Ready),
        json!({"status": {"phase": "Failed", "reason": "Evicted"}}),
    ));
    let w = explain(&s, s.t).unwrap();
    assert_eq!(w.reason, Reason::RecreatingFailed);
    assert_eq!(
        w.text,
        "web-1 Failed (Evicted): the controller deletes it and creates web-1 again"
    );
    s.apply(with(
        pod(1, "uid-1", 31, Phase::Terminating),
        json!({"status": {"phase": "Failed", "reason": "Evicted"}}),
    ));
    assert!(said(
        &s.narration(),
        "web-1 terminating: it Failed, and the controller deletes a pod that ended"
    ));
    s.delete(pod(1, "uid-1", 32, Phase::Terminating));
    s.start(1, "uid-1b", 40);
    assert!(
        said(
            &s.narration(),
            "web-1 recreated after it Failed with a new UID"
        ),
        "{:#?}",
        s.narration()
    );
}
