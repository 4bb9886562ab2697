//! Derivations from scripted event sequences: what a watch would deliver,
//! applied in order, and what each view then says.

use serde_json::json;

use super::fixtures::*;
use super::history::MarkerKind;
use super::pod::Phase;
use super::views::{self, Visible};
use super::*;

mod controller;
mod controller_edges;
mod languages;
mod lists;
mod past;
mod removal;
mod storage;

struct Script {
    model: Model,
    t: Millis,
}

impl Script {
    /// Every kind listed empty: what follows is seen happening.
    fn new() -> Self {
        Script::opened_on(1_000_000, Vec::new())
    }

    /// stsdash started at `at` on a cluster that holds `objects`: each kind's
    /// first list brings them.
    fn opened_on(at: Millis, objects: Vec<Object>) -> Self {
        let mut s = Script {
            model: Model::new(Scope {
                namespace: Some(NS.into()),
                statefulset: None,
            }),
            t: at,
        };
        for kind in Kind::ALL {
            s.send(Change::InitStarted { kind });
            for o in objects.iter().filter(|o| o.kind() == kind) {
                s.send(Change::InitObject(o.clone()));
            }
            s.send(Change::InitDone { kind });
        }
        s
    }

    fn send(&mut self, change: Change) -> bool {
        self.t += 100;
        self.model.apply(ClusterEvent { at: self.t, change })
    }

    fn apply(&mut self, object: Object) -> bool {
        self.send(Change::Applied(object))
    }

    fn delete(&mut self, object: Object) -> bool {
        self.send(Change::Deleted(object))
    }

    fn relist(&mut self, kind: Kind, objects: Vec<Object>) -> bool {
        let mut changed = self.send(Change::InitStarted { kind });
        for o in objects {
            changed |= self.send(Change::InitObject(o));
        }
        changed | self.send(Change::InitDone { kind })
    }

    fn narration(&self) -> Vec<String> {
        self.model
            .history
            .narration
            .iter()
            .map(|n| n.text.clone())
            .collect()
    }

    /// Pod web-N through Pending … Ready, with resource versions from `rv`.
    fn start(&mut self, ordinal: u32, uid: &str, rv: u32) {
        for object in lifecycle(ordinal, uid, rv) {
            self.apply(object);
        }
    }
}

fn said(lines: &[String], needle: &str) -> bool {
    lines.iter().any(|l| l.contains(needle))
}

#[test]
fn ordered_start_is_a_timeline_of_phases_with_markers_and_reasons() {
    let mut s = Script::new();
    s.apply(sts(2, 1, json!({})));
    s.start(0, "uid-a", 10);
    s.start(1, "uid-b", 20);

    let rows = views::timeline(&s.model, &sts_key());
    assert_eq!(rows.len(), 2);
    let web0 = rows[0].life.current().unwrap();
    let phases: Vec<Phase> = web0.segments.iter().map(|seg| seg.phase).collect();
    assert_eq!(
        phases,
        [
            Phase::Pending,
            Phase::Scheduled,
            Phase::ContainerCreating,
            Phase::Running,
            Phase::Ready
        ]
    );
    assert!(web0.segments.iter().take(4).all(|seg| seg.to.is_some()));
    let kinds: Vec<&MarkerKind> = web0.markers.iter().map(|m| &m.kind).collect();
    assert!(matches!(kinds[0], MarkerKind::Created));
    assert!(kinds.contains(&&MarkerKind::Scheduled {
        node: "node-0".into()
    }));
    assert!(kinds.contains(&&MarkerKind::Ready));
    // web-0 was Ready before web-1 was created.
    let ready0 = web0
        .markers
        .iter()
        .find(|m| m.kind == MarkerKind::Ready)
        .unwrap()
        .at;
    assert!(ready0 < rows[1].life.current().unwrap().first_seen);

    let lines = s.narration();
    assert!(
        said(&lines, "web-0 created: ordinal 0 comes first"),
        "{lines:#?}"
    );
    assert!(
        said(
            &lines,
            "web-0 is Ready: the controller may now create web-1"
        ),
        "{lines:#?}"
    );
    assert!(said(
        &lines,
        "web-1 created: web-0 is Ready, and OrderedReady starts one ordinal at a time"
    ));
    assert!(said(&lines, "web-1 scheduled on node node-1"));
}

/// A list is applied as it comes, so the screen fills while a long list is
/// still arriving and no single event applies all of it at its end; only
/// what the list lacks waits for its end, and is a deletion then.
#[test]
fn a_recreated_pod_is_a_new_incarnation_on_the_same_row_with_its_ip_change() {
    let mut s = Script::new();
    s.apply(sts(1, 1, json!({})));
    s.start(0, "uid-a", 10);
    s.apply(pod(0, "uid-a", 15, Phase::Terminating));
    s.delete(pod(0, "uid-a", 16, Phase::Terminating));
    s.start(0, "uid-second", 20);

    let rows = views::timeline(&s.model, &sts_key());
    assert_eq!(rows.len(), 1);
    let life = &rows[0].life;
    assert_eq!(life.incarnations.len(), 2);
    assert_eq!(life.incarnations[0].uid, "uid-a");
    assert_eq!(life.incarnations[0].phase(), Phase::Gone);
    let second = &life.incarnations[1];
    let ip = second
        .markers
        .iter()
        .find_map(|m| match &m.kind {
            MarkerKind::IpAssigned { ip, previous } => Some((ip.clone(), previous.clone())),
            _ => None,
        })
        .unwrap();
    assert_eq!(ip, ("10.0.0.10".into(), Some("10.0.0.5".into())));
    let lines = s.narration();
    assert!(
        said(
            &lines,
            "web-0 terminating: it was deleted; the controller will recreate it"
        ),
        "{lines:#?}"
    );
    assert!(said(
        &lines,
        "web-0 recreated with a new UID: it keeps its name and its claim www-web-0"
    ));
    assert!(said(&lines, "(its previous incarnation had 10.0.0.5)"));
}

#[test]
fn ordered_ready_waits_for_the_previous_ordinal_and_says_why() {
    let mut s = Script::new();
    s.apply(sts(3, 1, json!({})));
    s.start(0, "uid-0", 10);
    s.apply(pod(1, "uid-1", 20, Phase::Running));
    assert_eq!(
        views::waiting(&s.model, &sts_key())
            .map(|w| w.text)
            .as_deref(),
        Some("web-2 not created yet: OrderedReady waits for web-1 to be Ready")
    );
    // A warning event about the pod says why it is stuck.
    s.apply(Object::Event(
        serde_json::from_value(json!({
            "metadata": {"name": "web-1.1", "namespace": NS, "resourceVersion": "5"},
            "involvedObject": {"kind": "Pod", "name": "web-1", "namespace": NS},
            "type": "Warning", "reason": "Unhealthy", "message": "Readiness probe failed\x1b[31m!",
            "lastTimestamp": "2026-01-01T00:00:05Z"
        }))
        .unwrap(),
    ));
    assert_eq!(
        views::waiting(&s.model, &sts_key())
            .map(|w| w.text)
            .as_deref(),
        Some(
            "web-2 not created yet: OrderedReady waits for web-1 to be Ready (Unhealthy: Readiness probe failed!)"
        )
    );
    assert!(said(
        &s.narration(),
        "web-1: Unhealthy: Readiness probe failed!"
    ));
    // Parallel does not wait.
    s.apply(sts(
        3,
        2,
        json!({"spec": {"podManagementPolicy": "Parallel"}}),
    ));
    assert_eq!(
        views::waiting(&s.model, &sts_key())
            .map(|w| w.text)
            .as_deref(),
        Some("web-2 not created yet (Parallel)")
    );
}

#[test]
fn the_network_identity_names_each_pod_under_the_headless_service() {
    let mut s = Script::new();
    s.apply(sts(2, 1, json!({})));
    s.start(0, "uid-0", 10);
    s.start(1, "uid-1", 20);
    s.apply(Object::Service(
        serde_json::from_value(json!({"metadata": {"name": "nginx", "namespace": NS, "resourceVersion": "1"}, "spec": {"clusterIP": "None"}}))
            .unwrap(),
    ));
    s.apply(Object::EndpointSlice(
        serde_json::from_value(json!({
            "metadata": {"name": "nginx-abc", "namespace": NS, "resourceVersion": "2", "labels": {"kubernetes.io/service-name": "nginx"}},
            "addressType": "IPv4",
            "endpoints": [
                {"addresses": ["10.0.0.5"], "conditions": {"ready": true}, "targetRef": {"kind": "Pod", "name": "web-0"}},
                {"addresses": ["10.0.0.6"], "conditions": {"ready": false}, "targetRef": {"kind": "Pod", "name": "web-1"}}
            ]
        }))
        .unwrap(),
    ));
    let net = views::network_identity(&s.model, &sts_key(), "cluster.local").unwrap();
    assert!(net.service.exists && net.service.headless);
    assert_eq!(net.pods[0].dns, "web-0.nginx.demo.svc.cluster.local");
    assert_eq!(net.pods[0].ready_endpoint, Some(true));
    assert_eq!(net.pods[1].ready_endpoint, Some(false));
}

#[test]
fn a_rolling_update_shows_which_ordinals_run_which_revision() {
    let mut s = Script::new();
    s.apply(sts(2, 1, json!({})));
    s.start(0, "uid-0", 10);
    s.start(1, "uid-1", 20);
    s.apply(sts(
        2,
        2,
        json!({"status": {"updateRevision": "web-2", "updatedReplicas": 0}}),
    ));
    assert!(said(
        &s.narration(),
        "web: the pod template changed (new revision web-2); pods are replaced from the highest ordinal down"
    ));
    s.apply(pod(1, "uid-1", 30, Phase::Terminating));
    assert!(said(
        &s.narration(),
        "web-1 terminating to be replaced at the update revision"
    ));
    let rollout = views::rollout(&s.model, &sts_key()).unwrap();
    assert_eq!(rollout.current_revision.as_deref(), Some("web-1"));
    assert_eq!(rollout.update_revision.as_deref(), Some("web-2"));
    assert!(rollout.ordinals.iter().all(|o| !o.updated));
    assert_eq!(rollout.pod_management_policy, "OrderedReady");

    // web-1 comes back at the update revision: its new incarnation is marked `r`.
    s.delete(pod(1, "uid-1", 31, Phase::Terminating));
    let Object::Pod(mut recreated) = pod(1, "uid-1b", 40, Phase::Pending) else {
        unreachable!("a pod")
    };
    recreated.metadata.labels.revision_hash = Some("web-2".into());
    s.apply(Object::Pod(recreated));
    let is_revision =
        |m: &history::Marker| matches!(&m.kind, MarkerKind::Revision { hash } if hash == "web-2");
    let ordinals = &s.model.history.ordinals[&sts_key()];
    let web1 = ordinals[&1].incarnations.back().unwrap();
    assert_eq!(web1.uid, "uid-1b");
    assert!(web1.markers.iter().any(is_revision), "{:?}", web1.markers);
    let web0 = ordinals[&0].incarnations.back().unwrap();
    assert!(!web0.markers.iter().any(is_revision));
}

#[test]
fn names_and_messages_from_the_cluster_are_sanitized_in_views() {
    let mut s = Script::new();
    s.apply(sts(1, 1, json!({})));
    s.apply(Object::Event(
        serde_json::from_value(json!({
            "metadata": {"name": "x", "namespace": NS, "resourceVersion": "1"},
            "involvedObject": {"kind": "StatefulSet", "name": "web", "namespace": NS},
            "type": "Warning", "reason": "FailedCreate\x1b]0;pwned\x07", "message": "create Pod web-0 failed: \x1b[2Jforbidden"
        }))
        .unwrap(),
    ));
    let text = s.narration().join("\n");
    assert!(!text.contains('\x1b') && !text.contains('\x07'), "{text:?}");
    assert!(text.contains("web: FailedCreate: create Pod web-0 failed: forbidden"));
}

#[test]
fn a_new_controller_revision_announces_the_rollout_before_the_status_does() {
    let mut s = Script::new();
    let revision = |name: &str, number: i64, rv: u32| {
        Object::ControllerRevision(
            serde_json::from_value(json!({
                "metadata": {"name": name, "namespace": NS, "resourceVersion": rv.to_string(),
                    "ownerReferences": [{"apiVersion": "apps/v1", "kind": "StatefulSet", "name": "web", "uid": "sts-uid", "controller": true}]},
                "revision": number
            }))
            .unwrap(),
        )
    };
    s.apply(sts(2, 1, json!({})));
    s.apply(revision("web-1", 1, 2));
    s.start(0, "uid-0", 10);
    s.start(1, "uid-1", 20);
    assert!(!said(&s.narration(), "template changed"));
    // The controller makes the new revision, then deletes web-1; its status comes later.
    s.apply(revision("web-2", 2, 30));
    s.apply(pod(1, "uid-1", 31, Phase::Terminating));
    let lines = s.narration();
    assert!(
        said(&lines, "web: the pod template changed (new revision web-2)"),
        "{lines:#?}"
    );
    assert!(
        said(
            &lines,
            "web-1 terminating to be replaced at the update revision"
        ),
        "{lines:#?}"
    );
    // When the status catches up, the same step is not said twice.
    s.apply(sts(2, 2, json!({"status": {"updateRevision": "web-2"}})));
    let count = s
        .narration()
        .iter()
        .filter(|l| l.contains("template changed"))
        .count();
    assert_eq!(count, 1, "{:#?}", s.narration());
}

/// The fixtures' creationTimestamp (2026-01-01T00:00:00Z), as the script's clock.
const CREATED: Millis = 1_767_225_600_000;

/// A Warning Event about an object, as the scheduler or a controller writes it
/// (events.k8s.io: eventTime to the microsecond).
fn warning(kind: &str, name: &str, uid: &str, reason: &str, at: Millis) -> Object {
    let time = k8s_openapi::jiff::Timestamp::from_millisecond(at).unwrap();
    Object::Event(
        serde_json::from_value(json!({
            "metadata": {"name": format!("{name}.{reason}.{uid}.{at}"), "namespace": NS, "resourceVersion": "1"},
            "involvedObject": {"kind": kind, "name": name, "namespace": NS, "uid": uid},
            "type": "Warning", "reason": reason, "message": format!("{reason} message"),
            "eventTime": time.to_string()
        }))
        .unwrap(),
    )
}

fn class(name: &str, default: bool) -> Object {
    Object::StorageClass(
        serde_json::from_value(json!({
            "metadata": {"name": name, "resourceVersion": "1",
                "annotations": {"storageclass.kubernetes.io/is-default-class": default.to_string()}},
            "provisioner": "kubernetes.io/host-path"
        }))
        .unwrap(),
    )
}
