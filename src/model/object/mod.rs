//! The objects the model keeps: for each kind, only the fields a view reads,
//! in the API's own JSON shape. They deserialize straight from what the API
//! server sends (every other field, managedFields and last-applied
//! configurations included, is skipped while parsing, never held) and from
//! recordings, which hold these same shapes. Every string is a [`Text`].
//!
//! One file per group of kinds; this one re-exports them all and holds
//! [`Object`], one object of any kind.

mod events;
mod known;
mod meta;
mod network;
mod pod;
mod storage;
mod sts;

use serde::{Deserialize, Serialize};

pub use events::{ControllerRevision, Event, EventSeries};
pub use known::{ClaimPhase, EventReason, EventType, ReclaimPolicy, RetentionRule, VolumePhase};
pub use meta::{
    Annotations, LabelSelector, Labels, Meta, Namespace, OwnerReference, SelectorExpression,
    Storage, millis,
};
pub use network::{Endpoint, EndpointConditions, EndpointSlice, Service, ServiceSpec, TargetRef};
pub use pod::{
    ClaimSource, Condition, Container, ContainerState, ContainerStatus, Pod, PodSpec, PodStatus,
    PodVolume, Reason, Running, VolumeMount,
};
pub use storage::{
    ClaimRef, ClaimResources, ClaimSpec, ClaimStatus, ClaimTemplate, NodeSelector,
    NodeSelectorTerm, PathSource, PersistentVolume, PersistentVolumeClaim, StorageClass,
    VolumeNodeAffinity, VolumeSpec, VolumeStatus,
};
pub use sts::{
    IntOrText, Ordinals, RetentionPolicy, RollingUpdate, StatefulSet, StatefulSetSpec,
    StatefulSetStatus, UpdateStrategy,
};

/// One object of a kind the model holds. Its kind, metadata and key, for
/// every kind at once, are in `store.rs`, made from the one list of kinds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "object")]
pub enum Object {
    StatefulSet(StatefulSet),
    Pod(Pod),
    PersistentVolumeClaim(PersistentVolumeClaim),
    PersistentVolume(PersistentVolume),
    StorageClass(StorageClass),
    Service(Service),
    EndpointSlice(EndpointSlice),
    ControllerRevision(ControllerRevision),
    Event(Event),
    Namespace(Namespace),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_shown_fields_are_kept_from_the_apis_json() {
        let json = serde_json::json!({
            "apiVersion": "v1", "kind": "Pod",
            "metadata": {
                "name": "web-0", "namespace": "demo", "uid": "u-1", "resourceVersion": "7",
                "labels": {"app": "nginx", "controller-revision-hash": "web-1", "apps.kubernetes.io/pod-index": "0"},
                "annotations": {"kubectl.kubernetes.io/last-applied-configuration": "{…}"},
                "managedFields": [{"manager": "kube-controller-manager", "fieldsV1": {"f:spec": {}}}],
                "ownerReferences": [{"apiVersion": "apps/v1", "kind": "StatefulSet", "name": "web", "uid": "s", "controller": true}]
            },
            "spec": {"nodeName": "node-1", "containers": [{"name": "nginx", "image": "x",
                "volumeMounts": [{"name": "www", "mountPath": "/usr/share/nginx/html"}]}],
                "volumes": [{"name": "www", "persistentVolumeClaim": {"claimName": "www-web-0"}}]},
            "status": {"phase": "Running", "podIP": "10.0.0.1",
                "conditions": [{"type": "Ready", "status": "True", "lastTransitionTime": "2026-01-01T00:00:00Z"}]}
        });
        let pod: Pod = serde_json::from_value(json).unwrap();
        assert_eq!(pod.metadata.labels.pod_index.as_deref(), Some("0"));
        assert_eq!(pod.metadata.labels.revision_hash.as_deref(), Some("web-1"));
        assert_eq!(pod.metadata.controller("StatefulSet").unwrap().name, "web");
        assert_eq!(
            pod.spec.volumes[0]
                .persistent_volume_claim
                .as_ref()
                .unwrap()
                .claim_name,
            "www-web-0"
        );
        let kept = serde_json::to_string(&pod).unwrap();
        for dropped in ["managedFields", "last-applied", "\"app\"", "image"] {
            assert!(!kept.contains(dropped), "{dropped} kept: {kept}");
        }
        // What is kept reads back the same.
        let again: Pod = serde_json::from_str(&kept).unwrap();
        assert_eq!(again, pod);
    }

    #[test]
    fn a_selector_becomes_a_query() {
        let selector: LabelSelector = serde_json::from_value(serde_json::json!({
            "matchLabels": {"app": "nginx", "tier": "web"},
            "matchExpressions": [
                {"key": "track", "operator": "In", "values": ["a", "b"]},
                {"key": "legacy", "operator": "DoesNotExist"},
                {"key": "zone", "operator": "Exists"}
            ]
        }))
        .unwrap();
        assert_eq!(
            selector.query(),
            "app=nginx,tier=web,track in (a,b),!legacy,zone"
        );
    }

    #[test]
    fn null_and_missing_fields_are_empty() {
        let slice: EndpointSlice = serde_json::from_str(
            r#"{"metadata": {"name": "s", "labels": null}, "endpoints": null}"#,
        )
        .unwrap();
        assert!(slice.endpoints.is_empty());
        assert_eq!(slice.metadata.labels, Labels::default());
    }
}
