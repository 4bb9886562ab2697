//! Pods and StatefulSets going: a parallel scale down, a pod stuck or
//! warned about, a StatefulSet deleted with its pods, ordinals not created
//! yet told apart from gone ones.

use super::*;

#[test]
fn parallel_scale_down_stops_the_extra_pods_together() {
    let mut s = Script::new();
    let parallel = json!({"spec": {"podManagementPolicy": "Parallel"}});
    s.apply(sts(3, 1, parallel.clone()));
    for o in 0..3 {
        s.start(o, &format!("uid-{o}"), 10 * (o + 1));
    }
    s.apply(sts(1, 2, parallel));
    assert_eq!(
        views::waiting(&s.model, &sts_key())
            .map(|w| w.text)
            .as_deref(),
        Some("scaling down to 1: Parallel stops web-1, web-2 together")
    );
    s.apply(pod(2, "uid-2", 40, Phase::Terminating));
    s.apply(pod(1, "uid-1", 41, Phase::Terminating));
    let lines = s.narration();
    assert!(
        said(
            &lines,
            "web: replicas 3 → 1; the extra pods stop together (Parallel)"
        ),
        "{lines:#?}"
    );
    for pod in ["web-1", "web-2"] {
        assert!(
            said(
                &lines,
                &format!(
                    "{pod} terminating: replicas is 1, and Parallel stops the extra pods together"
                )
            ),
            "{lines:#?}"
        );
    }
    assert!(!said(&lines, "highest ordinal first"), "{lines:#?}");
}

#[test]
fn a_warning_is_a_reason_only_while_it_is_newer_than_its_pods_last_step() {
    let mut s = Script::new();
    s.t = CREATED;
    s.apply(sts(3, 1, json!({})));
    s.start(0, "uid-0", 10);
    s.apply(pod(1, "uid-1", 20, Phase::Pending));
    s.apply(warning("Pod", "web-1", "uid-1", "FailedScheduling", s.t));
    let waits = "web-2 not created yet: OrderedReady waits for web-1 to be Ready";
    assert_eq!(
        views::waiting(&s.model, &sts_key())
            .map(|w| w.text)
            .as_deref(),
        Some(&*format!(
            "{waits} (FailedScheduling: FailedScheduling message)"
        ))
    );
    // Scheduled since: the FailedScheduling no longer applies.
    s.apply(pod(1, "uid-1", 21, Phase::Scheduled));
    assert_eq!(
        views::waiting(&s.model, &sts_key())
            .map(|w| w.text)
            .as_deref(),
        Some(waits)
    );
    // Not even when the cluster's clock runs ahead of this machine's.
    s.apply(warning(
        "Pod",
        "web-1",
        "uid-1",
        "FailedScheduling",
        s.t + 5000,
    ));
    assert_eq!(
        views::waiting(&s.model, &sts_key())
            .map(|w| w.text)
            .as_deref(),
        Some(waits)
    );
    s.apply(pod(1, "uid-1", 22, Phase::ContainerCreating));
    let creating = s.t;
    s.apply(pod(1, "uid-1", 23, Phase::Running));
    // Arriving late, but it happened before web-1 started running.
    s.apply(warning(
        "Pod",
        "web-1",
        "uid-1",
        "FailedMount",
        creating + 50,
    ));
    // About an earlier web-1 (another UID).
    s.apply(warning("Pod", "web-1", "uid-old", "Unhealthy", s.t + 50));
    assert_eq!(
        views::waiting(&s.model, &sts_key())
            .map(|w| w.text)
            .as_deref(),
        Some(waits)
    );
    // About this web-1, since it runs: why it is not Ready.
    s.apply(warning("Pod", "web-1", "uid-1", "Unhealthy", s.t + 50));
    assert_eq!(
        views::waiting(&s.model, &sts_key())
            .map(|w| w.text)
            .as_deref(),
        Some(&*format!("{waits} (Unhealthy: Unhealthy message)"))
    );
}

#[test]
fn a_pod_stuck_in_pending_says_why_from_its_own_or_its_claims_warnings() {
    let mut s = Script::new();
    s.t = CREATED;
    s.apply(sts(2, 1, json!({})));
    s.start(0, "uid-0", 10);
    s.apply(claim(1, 30, false));
    s.apply(pod(1, "uid-1", 31, Phase::Pending));
    assert_eq!(
        views::waiting(&s.model, &sts_key())
            .map(|w| w.text)
            .as_deref(),
        Some("web-1 is Pending, not on a node yet")
    );
    s.apply(warning("Pod", "web-1", "uid-1", "FailedScheduling", s.t));
    s.apply(warning(
        "PersistentVolumeClaim",
        "www-web-1",
        "pvc-1",
        "ProvisioningFailed",
        s.t,
    ));
    // The newest: the claim's.
    assert_eq!(
        views::waiting(&s.model, &sts_key())
            .map(|w| w.text)
            .as_deref(),
        Some(
            "web-1 is Pending, not on a node yet (ProvisioningFailed: ProvisioningFailed message)"
        )
    );
    // Bound since: the claim's warning no longer applies; the pod's still does.
    s.apply(claim(1, 32, true));
    assert_eq!(
        views::waiting(&s.model, &sts_key())
            .map(|w| w.text)
            .as_deref(),
        Some("web-1 is Pending, not on a node yet (FailedScheduling: FailedScheduling message)")
    );
    s.apply(pod(1, "uid-1", 33, Phase::Scheduled));
    assert_eq!(views::waiting(&s.model, &sts_key()).map(|w| w.text), None);
}

#[test]
fn deleting_the_statefulset_is_not_narrated_as_recreating_its_pods() {
    // Deleted at once (background cascading deletion): claims kept.
    let mut s = Script::new();
    s.apply(sts(2, 1, json!({})));
    s.start(0, "uid-0", 10);
    s.start(1, "uid-1", 20);
    s.delete(sts(2, 2, json!({})));
    s.apply(pod(1, "uid-1", 30, Phase::Terminating));
    s.apply(pod(0, "uid-0", 31, Phase::Terminating));
    let lines = s.narration();
    assert!(
        said(
            &lines,
            "StatefulSet web deleted: the garbage collector removes its pods; its claims are kept (persistentVolumeClaimRetentionPolicy.whenDeleted: Retain)"
        ),
        "{lines:#?}"
    );
    assert!(
        said(
            &lines,
            "web-1 terminating: StatefulSet web was deleted and the garbage collector removes its pods; its claim www-web-1 is kept (persistentVolumeClaimRetentionPolicy.whenDeleted: Retain)"
        ),
        "{lines:#?}"
    );
    assert!(!said(&lines, "recreate"), "{lines:#?}");

    // Being deleted (foreground: a deletionTimestamp first), claims deleted too.
    let mut s = Script::new();
    let delete = json!({"spec": {"persistentVolumeClaimRetentionPolicy": {"whenDeleted": "Delete", "whenScaled": "Retain"}}});
    s.apply(sts(2, 1, delete.clone()));
    s.start(0, "uid-0", 10);
    s.start(1, "uid-1", 20);
    let mut deleting = delete;
    merge(
        &mut deleting,
        json!({"metadata": {"deletionTimestamp": "2026-01-01T00:01:00Z"}}),
    );
    s.apply(sts(2, 2, deleting.clone()));
    assert_eq!(
        views::waiting(&s.model, &sts_key())
            .map(|w| w.text)
            .as_deref(),
        Some("StatefulSet web is being deleted: the garbage collector removes its pods")
    );
    s.apply(pod(1, "uid-1", 30, Phase::Terminating));
    s.delete(pod(1, "uid-1", 31, Phase::Terminating));
    s.delete(sts(2, 3, deleting));
    let lines = s.narration();
    assert!(
        said(
            &lines,
            "web-1 terminating: StatefulSet web was deleted and the garbage collector removes its pods; its claim www-web-1 is deleted too (persistentVolumeClaimRetentionPolicy.whenDeleted: Delete)"
        ),
        "{lines:#?}"
    );
    let deleted = lines
        .iter()
        .filter(|l| l.starts_with("StatefulSet web deleted"))
        .count();
    assert_eq!(deleted, 1, "{lines:#?}");
    assert!(said(&lines, "its claims are deleted too"), "{lines:#?}");
    assert!(!said(&lines, "recreate"), "{lines:#?}");
}

#[test]
fn ordinals_not_created_yet_are_told_apart_from_gone_ones() {
    let mut s = Script::new();
    s.apply(sts(3, 1, json!({})));
    s.start(0, "uid-0", 10);
    s.start(1, "uid-1", 20);
    s.delete(pod(1, "uid-1", 30, Phase::Ready));
    let rows = views::timeline(&s.model, &sts_key());
    let states: Vec<(Phase, bool)> = rows.iter().map(|r| (r.phase, r.not_created)).collect();
    assert_eq!(
        states,
        [
            (Phase::Ready, false),
            (Phase::Gone, false),
            (Phase::Gone, true)
        ]
    );
}

#[test]
fn a_deleted_statefulset_stays_shown_while_its_pods_go() {
    let mut s = Script::new();
    s.apply(sts(2, 1, json!({})));
    s.start(0, "uid-0", 10);
    s.start(1, "uid-1", 20);
    s.delete(sts(2, 3, json!({})));
    assert_eq!(s.model.statefulsets().count(), 0, "gone from the store");
    assert_eq!(s.model.shown_statefulsets(), vec![(&sts_key(), true)]);
    let waiting = views::waiting(&s.model, &sts_key()).unwrap().text;
    assert!(waiting.contains("StatefulSet web was deleted"), "{waiting}");
    // Its rows and claims still read: the pods are removed next.
    assert_eq!(views::timeline(&s.model, &sts_key()).len(), 2);
    assert!(views::rollout(&s.model, &sts_key()).is_some());
    // Created again: shown once, as it is.
    s.apply(sts(2, 4, json!({})));
    assert_eq!(s.model.shown_statefulsets(), vec![(&sts_key(), false)]);
}

/// The Event's watch may deliver a FailedScheduling before the pod's watch
/// delivers the pod: the warning is narrated all the same (the scheduler
/// says it again only after its back-off), and a pod of no StatefulSet
/// known here is not.
#[test]
fn a_scheduling_warning_that_comes_before_its_pod_is_narrated() {
    let mut s = Script::new();
    s.t = CREATED;
    s.apply(sts(1, 1, json!({})));
    s.apply(warning("Pod", "web-0", "uid-0", "FailedScheduling", s.t));
    s.apply(warning("Pod", "other-0", "uid-9", "FailedScheduling", s.t));
    s.apply(pod(0, "uid-0", 10, Phase::Pending));
    let lines = s.narration();
    assert!(
        said(&lines, "web-0: FailedScheduling: FailedScheduling message"),
        "{lines:#?}"
    );
    assert!(!said(&lines, "other-0"), "{lines:#?}");
}
