//! Builders of Kubernetes objects as a StatefulSet "web" in namespace "demo"
//! makes them, for unit tests and benchmarks.
#![doc(hidden)]

use serde_json::{Value, json};

use super::event::{Change, ClusterEvent, Key, Kind, Millis, Object};
use super::pod::Phase;

pub const NS: &str = "demo";

pub fn sts_key() -> Key {
    Key::new(NS, "web")
}

/// A StatefulSet "web" with one claim template "www".
pub fn sts(replicas: i32, rv: u32, extra: Value) -> Object {
    let mut v = json!({
        "metadata": {"name": "web", "namespace": NS, "uid": "sts-uid", "resourceVersion": rv.to_string()},
        "spec": {
            "replicas": replicas,
            "serviceName": "nginx",
            "selector": {"matchLabels": {"app": "nginx"}},
            "template": {"metadata": {"labels": {"app": "nginx"}}, "spec": {"containers": [{"name": "nginx"}]}},
            "volumeClaimTemplates": [{"metadata": {"name": "www"}}]
        },
        "status": {"replicas": replicas, "currentRevision": "web-1", "updateRevision": "web-1"}
    });
    merge(&mut v, extra);
    Object::StatefulSet(serde_json::from_value(v).unwrap())
}

pub fn merge(a: &mut Value, b: Value) {
    match (a, b) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in b {
                merge(a.entry(k).or_insert(Value::Null), v);
            }
        }
        (a, b) => *a = b,
    }
}

/// Pod web-N in a given phase.
pub fn pod(ordinal: u32, uid: &str, rv: u32, phase: Phase) -> Object {
    let name = format!("web-{ordinal}");
    let mut v = json!({
        "metadata": {
            "name": name, "namespace": NS, "uid": uid, "resourceVersion": rv.to_string(),
            "creationTimestamp": "2026-01-01T00:00:00Z",
            "labels": {"app": "nginx", "controller-revision-hash": "web-1", "apps.kubernetes.io/pod-index": ordinal.to_string()},
            "ownerReferences": [{"apiVersion": "apps/v1", "kind": "StatefulSet", "name": "web", "uid": "sts-uid", "controller": true}]
        },
        "spec": {"containers": [{"name": "nginx"}], "volumes": [{"name": "www", "persistentVolumeClaim": {"claimName": format!("www-{name}")}}]},
        "status": {"phase": "Pending"}
    });
    let node = json!({"spec": {"nodeName": format!("node-{ordinal}")}});
    let ip = json!({"status": {"podIP": format!("10.0.0.{}", uid.len() + ordinal as usize)}});
    let running = json!({"status": {"phase": "Running", "conditions": [{"type": "Ready", "status": "False"}]}});
    match phase {
        Phase::Pending => {}
        Phase::Scheduled => merge(&mut v, node),
        Phase::ContainerCreating => {
            merge(&mut v, node);
            merge(&mut v, ip);
            merge(
                &mut v,
                json!({"status": {"containerStatuses": [{"name": "nginx", "image": "x", "imageID": "", "ready": false, "restartCount": 0, "state": {"waiting": {"reason": "ContainerCreating"}}}]}}),
            );
        }
        Phase::Running | Phase::Ready | Phase::Terminating => {
            merge(&mut v, node);
            merge(&mut v, ip);
            merge(&mut v, running);
            if phase != Phase::Running {
                merge(
                    &mut v,
                    json!({"status": {"conditions": [{"type": "Ready", "status": "True"}]}}),
                );
            }
            if phase == Phase::Terminating {
                merge(
                    &mut v,
                    json!({"metadata": {"deletionTimestamp": "2026-01-01T00:01:00Z", "deletionGracePeriodSeconds": 10}}),
                );
            }
        }
        _ => unreachable!(),
    }
    Object::Pod(serde_json::from_value(v).unwrap())
}

/// An RFC 3339 time, as the API writes it.
pub fn time(at: Millis) -> String {
    k8s_openapi::jiff::Timestamp::from_millisecond(at)
        .map(|t| t.to_string())
        .unwrap_or_default()
}

/// Pod web-N, Ready, created at `created`, scheduled 1 s later, its
/// container started 4 s later and Ready 6 s after creation: a pod found
/// already running, whose past its own timestamps tell.
pub fn ready_pod_since(ordinal: u32, uid: &str, created: Millis) -> Object {
    let Object::Pod(pod) = pod(ordinal, uid, 1, Phase::Ready) else {
        unreachable!()
    };
    let mut v = serde_json::to_value(pod).unwrap_or_default();
    merge(
        &mut v,
        json!({
            "metadata": {"creationTimestamp": time(created)},
            "status": {
                "conditions": [
                    {"type": "PodScheduled", "status": "True", "lastTransitionTime": time(created + 1000)},
                    {"type": "ContainersReady", "status": "True", "lastTransitionTime": time(created + 5000)},
                    {"type": "Ready", "status": "True", "lastTransitionTime": time(created + 6000)}
                ],
                "containerStatuses": [{"name": "nginx", "ready": true, "restartCount": 0,
                    "state": {"running": {"startedAt": time(created + 4000)}}}]
            }
        }),
    );
    Object::Pod(serde_json::from_value(v).unwrap())
}

pub fn claim(ordinal: u32, rv: u32, bound: bool) -> Object {
    let mut v = json!({
        "metadata": {"name": format!("www-web-{ordinal}"), "namespace": NS, "uid": format!("pvc-{ordinal}"), "resourceVersion": rv.to_string()},
        "spec": {"accessModes": ["ReadWriteOnce"], "storageClassName": "standard", "resources": {"requests": {"storage": "1Gi"}}},
        "status": {"phase": "Pending"}
    });
    if bound {
        merge(
            &mut v,
            json!({"spec": {"volumeName": format!("pv-{ordinal}")}, "status": {"phase": "Bound", "capacity": {"storage": "1Gi"}}}),
        );
    }
    Object::PersistentVolumeClaim(serde_json::from_value(v).unwrap())
}

pub fn volume(ordinal: u32, rv: u32, phase: &str) -> Object {
    Object::PersistentVolume(
        serde_json::from_value(json!({
            "metadata": {"name": format!("pv-{ordinal}"), "uid": format!("pv-uid-{ordinal}"), "resourceVersion": rv.to_string(),
                "annotations": {"pv.kubernetes.io/provisioned-by": "kubernetes.io/host-path"}},
            "spec": {"capacity": {"storage": "1Gi"}, "accessModes": ["ReadWriteOnce"], "persistentVolumeReclaimPolicy": "Delete",
                "storageClassName": "standard", "hostPath": {"path": format!("/tmp/hostpath_pv/{ordinal}")},
                "claimRef": {"namespace": NS, "name": format!("www-web-{ordinal}")}},
            "status": {"phase": phase}
        }))
        .unwrap(),
    )
}

/// Pod web-N through Pending, Scheduled, ContainerCreating, Running and Ready,
/// with resource versions from `rv`.
pub fn lifecycle(ordinal: u32, uid: &str, rv: u32) -> Vec<Object> {
    [
        Phase::Pending,
        Phase::Scheduled,
        Phase::ContainerCreating,
        Phase::Running,
        Phase::Ready,
    ]
    .into_iter()
    .enumerate()
    .map(|(i, phase)| pod(ordinal, uid, rv + i as u32, phase))
    .collect()
}

/// The events of a synced StatefulSet of `replicas` Ready pods, each with a
/// bound claim and volume: every kind listed, then each ordinal's life.
pub fn ready_statefulset(replicas: u32) -> Vec<ClusterEvent> {
    let mut events = Vec::new();
    let mut at = 1_000_000;
    let mut push = |change| {
        at += 37;
        events.push(ClusterEvent { at, change });
    };
    for kind in Kind::ALL {
        push(Change::InitStarted { kind });
        push(Change::InitDone { kind });
    }
    push(Change::Applied(sts(replicas as i32, 1, json!({}))));
    for o in 0..replicas {
        push(Change::Applied(claim(o, 10 * o + 1, true)));
        push(Change::Applied(volume(o, 10 * o + 2, "Bound")));
        for object in lifecycle(o, &format!("uid-{o}"), 10 * o + 3) {
            push(Change::Applied(object));
        }
    }
    events
}
