//! The controller's rules at the edges: a claim created again, a pod
//! adopted, released or outside the selection, a rollback, odd specs.

use serde_json::json;

use super::controller::{at_revision, explain, text, with};
use super::*;
use crate::model::controller::{self, Reason};

#[test]
fn a_pending_pods_missing_claim_is_created_again_at_the_next_sync() {
    let mut s = Script::new();
    s.apply(sts(1, 1, json!({})));
    s.apply(pod(0, "uid-0", 10, Phase::Pending));
    // Just created: its claim's watch may not have told it yet.
    assert_eq!(explain(&s, s.t).unwrap().reason, Reason::Pending);
    let w = explain(&s, s.t + 5_000).unwrap();
    assert_eq!(w.reason, Reason::CreatingClaim);
    assert!(
        w.text
            .starts_with("web-0 is Pending and its claim www-web-0 is missing"),
        "{}",
        w.text
    );
    // It waits for the next sync, not for a controller that is down.
    assert_eq!(
        explain(&s, s.t + 60_000).unwrap().reason,
        Reason::CreatingClaim
    );
}

#[test]
fn a_pod_of_the_name_without_a_controller_is_adopted_and_its_release_is_told() {
    let mut s = Script::new();
    s.apply(sts(1, 1, json!({})));
    s.start(0, "uid-0", 10);
    let orphan = with(
        pod(0, "uid-0", 20, Phase::Ready),
        json!({"metadata": {"ownerReferences": null}}),
    );
    s.apply(orphan);
    assert!(
        said(&s.narration(), "web-0 released by StatefulSet web"),
        "{:#?}",
        s.narration()
    );
    let w = explain(&s, s.t).unwrap();
    assert_eq!(w.reason, Reason::Adopting);
    assert_eq!(
        w.text,
        "web-0 has no controller: StatefulSet web adopts it if its labels match the selector app=nginx"
    );
    let rows = views::timeline(&s.model, &sts_key());
    assert_eq!(rows[0].phase, Phase::Gone, "the row let it go");
    s.apply(pod(0, "uid-0", 30, Phase::Ready));
    assert!(said(&s.narration(), "web-0 adopted by StatefulSet web"));
    let rows = views::timeline(&s.model, &sts_key());
    assert_eq!(rows[0].phase, Phase::Ready, "the same incarnation goes on");
    assert_eq!(rows[0].life.incarnations.len(), 1);
    // A pod of that name under another controller stands in the way.
    s.apply(with(
        pod(0, "uid-0", 40, Phase::Ready),
        json!({"metadata": {"ownerReferences": [{"kind": "ReplicaSet", "name": "other", "uid": "rs", "controller": true}]}}),
    ));
    let w = explain(&s, s.t).unwrap();
    assert_eq!(w.reason, Reason::NameTaken);
    assert!(
        w.text
            .starts_with("web-0 exists but is controlled by ReplicaSet other"),
        "{}",
        w.text
    );
}

#[test]
fn a_pod_that_leaves_a_statefulsets_selection_still_holds_its_name() {
    let mut model = Model::new(Scope {
        namespace: Some(NS.into()),
        statefulset: Some("web".into()),
    });
    let t = std::cell::Cell::new(1_000_000);
    let send = |model: &mut Model, change| {
        t.set(t.get() + 100);
        model.apply(ClusterEvent {
            at: t.get(),
            change,
        });
    };
    for kind in Kind::ALL {
        send(&mut model, Change::InitStarted { kind });
        send(&mut model, Change::InitDone { kind });
    }
    send(&mut model, Change::Applied(sts(1, 1, json!({}))));
    send(
        &mut model,
        Change::Applied(pod(0, "uid-0", 10, Phase::Ready)),
    );
    // Its labels changed: the selector's watch says it is gone, without a deletionTimestamp.
    send(
        &mut model,
        Change::Deleted(pod(0, "uid-0", 10, Phase::Ready)),
    );
    let w = controller::explain(&model, &sts_key(), t.get()).unwrap();
    assert_eq!(w.reason, Reason::NameTaken);
    assert!(
        w.text
            .starts_with("web-0 still exists outside StatefulSet web"),
        "{}",
        w.text
    );
    assert!(
        model
            .history
            .narration
            .iter()
            .any(|n| n.text.starts_with("web-0 released"))
    );
    // A real deletion carries its deletionTimestamp: gone, and created again.
    send(
        &mut model,
        Change::Applied(pod(0, "uid-0", 11, Phase::Ready)),
    );
    send(
        &mut model,
        Change::Applied(pod(0, "uid-0", 12, Phase::Terminating)),
    );
    send(
        &mut model,
        Change::Deleted(pod(0, "uid-0", 12, Phase::Terminating)),
    );
    let w = controller::explain(&model, &sts_key(), t.get()).unwrap();
    assert_eq!(w.reason, Reason::Creating);
}

#[test]
fn a_template_back_to_an_earlier_one_is_a_rollback() {
    let revision = |name: &str, number: i64, created: Millis, rv: u32| {
        Object::ControllerRevision(
            serde_json::from_value(json!({
                "metadata": {"name": name, "namespace": NS, "uid": name, "resourceVersion": rv.to_string(),
                    "creationTimestamp": time(created),
                    "ownerReferences": [{"kind": "StatefulSet", "name": "web", "uid": "sts-uid", "controller": true}]},
                "revision": number
            }))
            .unwrap(),
        )
    };
    let mut s = Script::new();
    s.apply(revision("web-1", 1, CREATED, 1));
    s.apply(sts(2, 1, json!({})));
    s.start(0, "uid-0", 10);
    s.start(1, "uid-1", 20);
    s.apply(revision("web-2", 2, CREATED + 60_000, 2));
    s.apply(sts(2, 2, json!({"status": {"updateRevision": "web-2"}})));
    assert!(
        text(&s).starts_with("rolling update to revision web-2"),
        "{}",
        text(&s)
    );
    s.apply(at_revision(1, "uid-1b", 30, "web-2"));
    s.apply(at_revision(0, "uid-0b", 40, "web-2"));
    s.apply(sts(
        2,
        3,
        json!({"status": {"currentRevision": "web-2", "updateRevision": "web-2"}}),
    ));
    // Back to the first template: its ControllerRevision gets the next number.
    s.apply(revision("web-1", 3, CREATED, 5));
    s.apply(sts(
        2,
        4,
        json!({"status": {"currentRevision": "web-2", "updateRevision": "web-1"}}),
    ));
    assert!(
        text(&s).starts_with(
            "rolling back to revision web-1 (an earlier template): web-1 replaced next"
        ),
        "{}",
        text(&s)
    );
    assert!(
        said(
            &s.narration(),
            "rolling back to revision web-1 (its ControllerRevision is reused)"
        ),
        "{:#?}",
        s.narration()
    );
}

#[test]
fn replicas_zero_no_service_and_other_owners_pods_are_read_right() {
    let mut s = Script::new();
    s.apply(sts(0, 1, json!({"spec": {"serviceName": null}})));
    assert_eq!(explain(&s, s.t), None);
    assert!(views::timeline(&s.model, &sts_key()).is_empty());
    let info = views::service_info(&s.model, &sts_key()).unwrap();
    assert!(info.unset());
    // A pod the selector matches but another controller owns is not the StatefulSet's.
    s.apply(with(
        pod(0, "uid-x", 5, Phase::Ready),
        json!({"metadata": {"name": "helper-abc", "labels": {"apps.kubernetes.io/pod-index": null},
            "ownerReferences": [{"kind": "ReplicaSet", "name": "helper", "uid": "rs", "controller": true}]}}),
    ));
    assert!(views::timeline(&s.model, &sts_key()).is_empty());
    assert_eq!(explain(&s, s.t), None);
}

#[test]
fn a_claims_own_finalizer_is_named_when_it_is_deleted() {
    let mut s = Script::new();
    s.apply(sts(1, 1, json!({})));
    s.apply(claim(0, 5, true));
    s.start(0, "uid-0", 10);
    s.apply(with(
        claim(0, 6, true),
        json!({"metadata": {"deletionTimestamp": time(CREATED),
            "finalizers": ["kubernetes.io/pvc-protection", "example.com/keep"]}}),
    ));
    assert!(
        said(
            &s.narration(),
            "claim www-web-0 terminating: finalizer example.com/keep keeps it"
        ),
        "{:#?}",
        s.narration()
    );
}

#[test]
fn two_billion_replicas_are_explained_from_the_pods_that_exist() {
    // The walk looks at the pods there are, not at every ordinal of the
    // range (a walk over it would take minutes and gigabytes): it names the
    // first missing ones and counts the rest.
    let mut s = Script::new();
    let parallel = json!({"spec": {"podManagementPolicy": "Parallel"}});
    s.apply(sts(i32::MAX, 1, parallel));
    s.start(0, "uid-0", 10);
    s.start(2, "uid-2", 20);
    let w = explain(&s, s.t).unwrap();
    assert_eq!(w.reason, Reason::Creating);
    assert_eq!(
        w.text,
        format!(
            "web-1, web-3, web-4 and {} more not created yet (Parallel)",
            i32::MAX as u32 - 2 - 3
        )
    );
    // Ordered: the first missing ordinal, found past the ones that exist.
    s.apply(sts(i32::MAX, 2, json!({})));
    assert!(
        text(&s).starts_with("web-1 about to be created"),
        "{}",
        text(&s)
    );
    s.start(1, "uid-1", 30);
    assert!(
        text(&s).starts_with("web-3 about to be created"),
        "{}",
        text(&s)
    );
}
