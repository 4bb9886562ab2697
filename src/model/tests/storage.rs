//! Claims and volumes: kept, deleted with their pods, not created yet, and
//! the claims of no StatefulSet.

use super::*;

#[test]
fn scale_down_goes_highest_first_and_keeps_claims_that_are_marked_without_pod() {
    let mut s = Script::new();
    s.apply(sts(3, 1, json!({})));
    for o in 0..3 {
        s.start(o, &format!("uid-{o}"), 10 * (o + 1));
        s.apply(claim(o, 100 + o, true));
        s.apply(volume(o, 200 + o, "Bound"));
    }
    s.apply(sts(1, 2, json!({})));
    assert_eq!(
        views::waiting(&s.model, &sts_key())
            .map(|w| w.text)
            .as_deref(),
        Some("scaling down to 1: web-2 goes first")
    );
    s.apply(pod(2, "uid-2", 40, Phase::Terminating));
    s.delete(pod(2, "uid-2", 41, Phase::Terminating));
    s.apply(pod(1, "uid-1", 42, Phase::Terminating));
    s.delete(pod(1, "uid-1", 43, Phase::Terminating));

    let lines = s.narration();
    assert!(
        said(
            &lines,
            "web: replicas 3 → 1; the highest ordinal (web-2) goes first"
        ),
        "{lines:#?}"
    );
    assert!(said(
        &lines,
        "web-2 terminating: replicas is 1, and scale-down removes the highest ordinal first"
    ));
    assert!(said(
        &lines,
        "web-2 gone; its claim www-web-2 is kept (persistentVolumeClaimRetentionPolicy.whenScaled: Retain)"
    ));

    let graph = views::binding_graph(&s.model, &sts_key());
    assert_eq!(graph.bindings.len(), 3);
    let kept: Vec<&str> = graph
        .bindings
        .iter()
        .filter(|b| b.claim.without_pod)
        .map(|b| b.claim.name.as_str())
        .collect();
    assert_eq!(kept, ["www-web-1", "www-web-2"]);
    assert_eq!(graph.bindings[0].pod.as_ref().unwrap().name, "web-0");
    match &graph.bindings[2].volume {
        Visible::Shown(v) => {
            assert_eq!(v.name, "pv-2");
            assert_eq!(v.provisioned_by.as_deref(), Some("kubernetes.io/host-path"));
        }
        other => panic!("{other:?}"),
    }
    let rows = views::timeline(&s.model, &sts_key());
    assert_eq!(
        rows.iter().map(|r| r.phase).collect::<Vec<_>>(),
        [Phase::Ready, Phase::Gone, Phase::Gone]
    );
}

#[test]
fn retention_delete_is_narrated_when_the_pod_goes() {
    let mut s = Script::new();
    let delete = json!({"spec": {"persistentVolumeClaimRetentionPolicy": {"whenDeleted": "Delete", "whenScaled": "Delete"}}});
    s.apply(sts(2, 1, delete.clone()));
    s.start(0, "uid-0", 10);
    s.start(1, "uid-1", 20);
    s.apply(sts(1, 2, delete));
    s.apply(pod(1, "uid-1", 30, Phase::Terminating));
    s.delete(pod(1, "uid-1", 31, Phase::Terminating));
    assert!(said(
        &s.narration(),
        "web-1 gone; its claim www-web-1 is deleted too (persistentVolumeClaimRetentionPolicy.whenScaled: Delete)"
    ));
    let graph = views::binding_graph(&s.model, &sts_key());
    assert_eq!(graph.retention.unwrap().when_scaled, "Delete");
}

#[test]
fn the_storage_graph_tells_a_deleted_claim_from_one_not_created_and_uses_the_templates_class() {
    let mut s = Script::new();
    s.apply(class("standard", true));
    s.apply(class("retain", false));
    s.apply(sts(
        2,
        1,
        json!({"spec": {"volumeClaimTemplates": [{"metadata": {"name": "www"}, "spec": {"storageClassName": "retain"}}]}}),
    ));
    let claim_of = |s: &Script, name: &str| {
        views::binding_graph(&s.model, &sts_key())
            .bindings
            .into_iter()
            .find(|b| b.claim.name == name)
            .unwrap()
    };
    // Not created yet: the class its template names, not the default one.
    let b = claim_of(&s, "www-web-1");
    assert!(!b.claim.exists && !b.claim.deleted);
    assert_eq!(b.claim.storage_class.as_deref(), Some("retain"));
    assert!(matches!(&b.class, Visible::Shown(c) if c.name == "retain"));

    s.apply(claim(1, 10, true));
    s.delete(claim(1, 11, true));
    let b = claim_of(&s, "www-web-1");
    assert!(!b.claim.exists && b.claim.deleted);
    // Created again (a scale-up reuses the name): no longer deleted.
    s.apply(claim(1, 12, false));
    let b = claim_of(&s, "www-web-1");
    assert!(b.claim.exists && !b.claim.deleted);
    // An existing claim shows its own class.
    assert_eq!(b.claim.storage_class.as_deref(), Some("standard"));
}

#[test]
fn claims_of_no_statefulset_are_listed_with_their_pods() {
    let mut s = Script::new();
    s.apply(sts(1, 1, json!({})));
    s.start(0, "uid-0", 10);
    s.apply(Object::PersistentVolumeClaim(
        serde_json::from_value(json!({
            "metadata": {"name": "data", "namespace": NS, "uid": "c-data", "resourceVersion": "50"},
            "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}},
            "status": {"phase": "Bound"}
        }))
        .unwrap(),
    ));
    s.apply(Object::Pod(
        serde_json::from_value(json!({
            "metadata": {"name": "writer", "namespace": NS, "uid": "p-writer", "resourceVersion": "51"},
            "spec": {"containers": [{"name": "c"}], "volumes": [{"name": "v", "persistentVolumeClaim": {"claimName": "data"}}]},
            "status": {"phase": "Pending"}
        }))
        .unwrap(),
    ));
    let graph = views::binding_graph(&s.model, &sts_key());
    // The StatefulSet's own claims are not repeated among the others.
    assert!(graph.bindings.iter().all(|b| b.claim.name != "data"));
    assert_eq!(graph.others.len(), 1, "{:?}", graph.others);
    let other = &graph.others[0];
    assert_eq!(other.claim.name, "data");
    assert_eq!(other.ordinal, None);
    assert_eq!(other.pod.as_ref().map(|p| p.name.as_str()), Some("writer"));
    assert_eq!(other.claim.used_by, vec!["writer".to_string()]);
}
