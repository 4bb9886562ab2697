use serde_json::json;

use super::*;
use crate::lesson::{Source, builtin, load};
use crate::model::{Change, ClusterEvent, Object, Scope};

fn mehdb() -> Lesson {
    let b = builtin::BUILT_IN
        .iter()
        .find(|b| b.name == "mehdb")
        .unwrap();
    load(&Source::BuiltIn(b)).unwrap()
}

fn apply(model: &mut Model, at: Millis, object: Object) {
    model.apply(ClusterEvent {
        at,
        change: Change::Applied(object),
    });
}

fn namespace(name: &str) -> Object {
    Object::Namespace(
        serde_json::from_value(
            json!({"metadata": {"name": name, "uid": name, "resourceVersion": "1"}}),
        )
        .unwrap(),
    )
}

/// Pod NAME of StatefulSet mehdb in `ns`, Ready or Pending; `rv` its version.
fn pod(ns: &str, name: &str, ready: bool, rv: u32) -> Object {
    let node = if ready { json!("node-1") } else { json!(null) };
    let status = if ready {
        json!({"phase": "Running", "conditions": [{"type": "Ready", "status": "True"}]})
    } else {
        json!({"phase": "Pending"})
    };
    Object::Pod(
        serde_json::from_value(json!({
            "metadata": {"name": name, "namespace": ns, "uid": format!("{ns}-{name}"), "resourceVersion": rv.to_string(),
                "ownerReferences": [{"apiVersion": "apps/v1", "kind": "StatefulSet", "name": "mehdb", "uid": "s", "controller": true}]},
            "spec": {"nodeName": node, "containers": [{"name": "mehdb"}],
                "volumes": [{"name": "data", "persistentVolumeClaim": {"claimName": format!("data-{name}")}}]},
            "status": status
        }))
        .unwrap(),
    )
}

fn claim(ns: &str, name: &str, bound: bool, rv: u32) -> Object {
    Object::PersistentVolumeClaim(
        serde_json::from_value(json!({
            "metadata": {"name": name, "namespace": ns, "uid": format!("{ns}-{name}"), "resourceVersion": rv.to_string()},
            "spec": {"storageClassName": "fast"},
            "status": {"phase": if bound { "Bound" } else { "Pending" }}
        }))
        .unwrap(),
    )
}

fn warning(ns: &str, at: Millis) -> Object {
    let at = crate::model::fixtures::time(at);
    Object::Event(
        serde_json::from_value(json!({
            "metadata": {"name": "w", "namespace": ns, "uid": "w", "resourceVersion": "1"},
            "involvedObject": {"kind": "PersistentVolumeClaim", "name": "data-mehdb-0", "namespace": ns},
            "reason": "ProvisioningFailed", "type": "Warning",
            "message": "storageclass.storage.k8s.io \"fast\" not found",
            "firstTimestamp": at, "lastTimestamp": at
        }))
        .unwrap(),
    )
}

fn class(prefix: &str) -> Class {
    Class::new(
        mehdb(),
        Students {
            prefix: Some(prefix.into()),
        },
        180_000,
    )
}

#[test]
fn each_namespace_goes_through_the_steps_in_order() {
    let mut model = Model::new(Scope::default());
    let mut class = class("student-");
    for ns in ["student-1", "student-2", "kube-system"] {
        apply(&mut model, 1_000, namespace(ns));
    }
    assert!(class.update(&model));
    let names: Vec<&str> = class.namespaces().map(|n| n.as_str()).collect();
    assert_eq!(names, ["student-1", "student-2"], "only the prefix's");
    // student-1: both pods Ready, both claims Bound → steps 1 and 2 done.
    apply(&mut model, 2_000, pod("student-1", "mehdb-0", true, 1));
    apply(&mut model, 2_000, pod("student-1", "mehdb-1", true, 1));
    class.update(&model);
    assert_eq!(
        class.progress("student-1").unwrap().step,
        1,
        "claims not yet"
    );
    apply(
        &mut model,
        3_000,
        claim("student-1", "data-mehdb-0", true, 1),
    );
    apply(
        &mut model,
        3_000,
        claim("student-1", "data-mehdb-1", true, 1),
    );
    assert!(class.update(&model));
    let p = class.progress("student-1").unwrap();
    assert_eq!(p.step, 2);
    assert_eq!(p.done[..3], [Some(2_000), Some(3_000), None]);
    assert_eq!(p.since, 3_000);
    // Step 3 waits for mehdb-2 and mehdb-3 Ready; a later step's state
    // (claims kept) never counts before its turn.
    let rows = class.rows(&model, 4_000);
    assert_eq!(
        rows[0].cells[..4],
        [Cell::Done, Cell::Done, Cell::Current, Cell::NotYet]
    );
    assert_eq!(
        rows[0].waiting,
        [
            "mehdb-2 Ready (now no such pod)",
            "mehdb-3 Ready (now no such pod)"
        ]
    );
    assert_eq!(rows[0].on_step, 1_000);
    assert_eq!(rows[1].step, 0);
    assert_eq!(
        summary(&rows),
        "1 of 2 past step 2",
        "the furthest step half the class is past"
    );
}

#[test]
fn a_step_the_cluster_cannot_show_is_done_with_the_one_before() {
    let mut model = Model::new(Scope::default());
    let mut class = class("s");
    apply(&mut model, 1_000, namespace("s1"));
    for (i, name) in ["mehdb-0", "mehdb-1", "mehdb-2", "mehdb-3"]
        .iter()
        .enumerate()
    {
        apply(&mut model, 2_000, pod("s1", name, true, 1));
        apply(
            &mut model,
            2_000,
            claim("s1", &format!("data-{name}"), true, i as u32 + 1),
        );
    }
    class.update(&model);
    // Steps 1–3 hold, step 4 (a command in mehdb-3) has no condition: on to step 5.
    assert_eq!(class.progress("s1").unwrap().step, 4);
}

#[test]
fn a_row_is_stuck_after_a_while_or_at_once_on_a_warning() {
    let mut model = Model::new(Scope::default());
    let mut class = class("s");
    apply(&mut model, 1_000, namespace("s1"));
    apply(&mut model, 1_000, namespace("s2"));
    apply(&mut model, 2_000, pod("s1", "mehdb-0", false, 1));
    class.update(&model);
    let rows = class.rows(&model, 2_000);
    assert_eq!(rows[0].stuck, None);
    // s1: the claim's class does not exist. Said at once, stuck once it lasts.
    apply(&mut model, 3_000, claim("s1", "data-mehdb-0", false, 1));
    apply(&mut model, 3_000, warning("s1", 3_000));
    class.update(&model);
    let rows = class.rows(&model, 3_000);
    assert_eq!(rows[0].stuck, None);
    assert_eq!(
        rows[0].warning.as_deref(),
        Some("ProvisioningFailed: storageclass \"fast\" not found")
    );
    assert_eq!(
        class.next_change(&model, 12_500),
        Some(13_000),
        "the moment the warning has lasted"
    );
    let rows = class.rows(&model, 3_000 + WARNING_GRACE);
    assert_eq!(rows[0].stuck, Some(Stuck::Warning));
    assert_eq!(
        rows[0].waiting,
        [
            "mehdb-0 Ready (now Pending)",
            "mehdb-1 Ready (now no such pod)"
        ]
    );
    // Once the claim is Bound, its warning is no reason any more.
    apply(&mut model, 3_500, claim("s1", "data-mehdb-0", true, 2));
    let rows = class.rows(&model, 3_000 + WARNING_GRACE);
    assert_eq!(
        (rows[0].stuck.clone(), rows[0].warning.clone()),
        (None, None)
    );
    apply(&mut model, 3_600, claim("s1", "data-mehdb-0", false, 3));
    assert_eq!(rows[1].stuck, None);
    // s2 on its first step (since 2 s) longer than --stuck-after.
    let rows = class.rows(&model, 2_000 + 180_001);
    assert_eq!(rows[1].stuck, Some(Stuck::Long));
    assert_eq!(summary(&rows), "0 of 2 past step 1; 2 stuck on step 1");
    // The words change with time: the next second, then the next minute.
    // Both rows began their step at 2 s.
    assert_eq!(class.next_change(&model, 63_000), Some(122_000));
}

#[test]
fn namespaces_come_and_go_and_one_not_permitted_is_said_so() {
    let mut model = Model::new(Scope::default());
    let mut class = class("student-");
    apply(&mut model, 1_000, namespace("student-1"));
    apply(&mut model, 1_000, namespace("student-2"));
    class.update(&model);
    model.apply(ClusterEvent {
        at: 2_000,
        change: Change::InNamespace {
            namespace: "student-2".into(),
            of: Box::new(Change::WatchFailed {
                kind: crate::model::Kind::Pod,
                message: "pods is forbidden".into(),
                forbidden: true,
            }),
        },
    });
    class.update(&model);
    let rows = class.rows(&model, 2_000);
    assert_eq!(rows[1].not_permitted.as_deref(), Some("pods is forbidden"));
    assert_eq!(summary(&rows), "0 of 1 past step 1; 1 not permitted");
    // Being deleted (Terminating): it has left the class already.
    let terminating = Object::Namespace(
        serde_json::from_value(json!({"metadata": {"name": "student-1", "uid": "student-1",
            "resourceVersion": "2", "deletionTimestamp": "2026-01-01T00:00:00Z"}}))
        .unwrap(),
    );
    apply(&mut model, 3_000, terminating);
    assert!(class.update(&model));
    let names: Vec<&str> = class.namespaces().map(|n| n.as_str()).collect();
    assert_eq!(names, ["student-2"]);
}

#[test]
fn a_watch_of_one_namespace_relists_only_that_namespace() {
    let mut model = Model::new(Scope::default());
    apply(&mut model, 1_000, pod("a", "mehdb-0", true, 1));
    apply(&mut model, 1_000, pod("b", "mehdb-0", true, 1));
    let in_b = |of| ClusterEvent {
        at: 2_000,
        change: Change::InNamespace {
            namespace: "b".into(),
            of: Box::new(of),
        },
    };
    model.apply(in_b(Change::InitStarted {
        kind: crate::model::Kind::Pod,
    }));
    model.apply(in_b(Change::InitDone {
        kind: crate::model::Kind::Pod,
    }));
    let left: Vec<String> = model.store.pods.keys().map(|k| k.to_string()).collect();
    assert_eq!(left, ["a/mehdb-0"], "b's list had no pods; a's are kept");
}
