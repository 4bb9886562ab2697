//! The changes stsdash makes to the cluster. Each targets its object by name
//! AND UID, so an object deleted and created again under the same name
//! meanwhile is refused by the API server instead of being hit by mistake.

use k8s_openapi::api::apps::v1::StatefulSet;
use k8s_openapi::api::core::v1::Pod;
use kube::Api;
use kube::api::{DeleteParams, Patch, PatchParams, Preconditions};

use super::WriteAccess;
pub use super::error::ActionError;
use super::error::FIELD_MANAGER;
use crate::model::Key;

/// Sets the StatefulSet's replicas through its scale subresource. The UID in
/// the patch is a precondition: the API server answers Conflict if the
/// StatefulSet was replaced since the key was pressed.
pub async fn scale(
    write: &WriteAccess,
    statefulset: &Key,
    uid: &str,
    replicas: i32,
) -> Result<(), ActionError> {
    let api: Api<StatefulSet> = Api::namespaced(write.client.clone(), &statefulset.namespace);
    let patch = serde_json::json!({
        "metadata": { "uid": uid },
        "spec": { "replicas": replicas },
    });
    write
        .answer(api.patch_scale(
            &statefulset.name,
            // The lessons' applies use the same manager: a later apply of
            // the StatefulSet does not conflict with this scale.
            &PatchParams {
                field_manager: Some(FIELD_MANAGER.into()),
                ..PatchParams::default()
            },
            &Patch::Merge(&patch),
        ))
        .await
        .map(|_| ())
}

/// Deletes the pod with its own grace period, only if it still has `uid`.
pub async fn delete_pod(write: &WriteAccess, pod: &Key, uid: &str) -> Result<(), ActionError> {
    let api: Api<Pod> = Api::namespaced(write.client.clone(), &pod.namespace);
    let params = DeleteParams {
        preconditions: Some(Preconditions {
            uid: Some(uid.to_string()),
            resource_version: None,
        }),
        ..DeleteParams::default()
    };
    write
        .answer(api.delete(&pod.name, &params))
        .await
        .map(|_| ())
}
