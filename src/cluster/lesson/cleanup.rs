//! The end of a lesson run with --cleanup: what this run made, and only
//! that, is deleted.

use std::time::Duration;

use k8s_openapi::api::core::v1::{Namespace, PersistentVolume, PersistentVolumeClaim};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use kube::api::{ApiResource, DeleteParams, DynamicObject, ListParams, Preconditions};
use kube::discovery::Scope;
use kube::runtime::wait::await_condition;
use kube::{Api, ResourceExt};

use super::objects::{Kinds, RUN_LABEL, reference};
use crate::cluster::WriteAccess;
use crate::cluster::error::{ActionError, FIELD_MANAGER};
use crate::lesson::manifest::parse_manifest;
use crate::model::sanitize;

/// A lesson run, as cleanup tells what it made.
#[derive(Debug, Clone)]
pub struct RunInfo {
    /// The value of `RUN_LABEL` on what it applied.
    pub id: String,
    /// When it began.
    pub started: k8s_openapi::jiff::Timestamp,
}

impl RunInfo {
    /// Whether the run made the object: it carries the run's label, or a
    /// student made it while the run ran with the command the lesson shows
    /// (a server-side apply by field manager `FIELD_MANAGER`).
    pub fn made(&self, meta: &ObjectMeta) -> bool {
        let labelled = meta
            .labels
            .as_ref()
            .and_then(|l| l.get(RUN_LABEL))
            .is_some_and(|id| *id == self.id);
        let applied_by_lesson_command = meta.managed_fields.iter().flatten().any(|f| {
            f.manager.as_deref() == Some(FIELD_MANAGER) && f.operation.as_deref() == Some("Apply")
        });
        labelled || (self.made_during(meta) && applied_by_lesson_command)
    }

    /// Whether the object was created while the run ran (to the second, as
    /// the server keeps the time).
    pub fn made_during(&self, meta: &ObjectMeta) -> bool {
        meta.creation_timestamp
            .as_ref()
            .is_some_and(|t| t.0.as_second() >= self.started.as_second())
    }
}

/// How long cleanup waits for the volumes of the claims it deleted to be
/// released before it leaves them (a Bound volume is never deleted).
const RELEASE_WAIT: Duration = Duration::from_secs(30);

/// The end of a lesson run with --cleanup: deletes only what this run made,
/// as its label says, each with the UID it was listed with as a
/// precondition: the objects of its manifests' kinds and its StatefulSets'
/// claims; the namespace only if this run created it; then the volumes it
/// made or that were provisioned for its claims, once they are no longer
/// Bound; then its StorageClasses. Anything else, in the namespace or not,
/// stays. Returns one line per object deleted or kept, for standard error.
pub async fn cleanup(
    write: &WriteAccess,
    namespace: &str,
    run: &RunInfo,
    manifests: &[&str],
) -> Result<Vec<String>, ActionError> {
    let mut lines = Vec::new();
    let all = ListParams::default();

    // The kinds the manifests name, StatefulSets first (their pods go with
    // them), claims last; storage (cluster-wide) after the namespace.
    let mut kinds = Kinds::default();
    let mut namespaced: Vec<ApiResource> = Vec::new();
    let mut cluster_wide: Vec<ApiResource> = Vec::new();
    for manifest in manifests {
        for (object, _) in parse_manifest(manifest).map_err(ActionError::Refused)? {
            let (resource, capabilities) = kinds.resolve(write, &object).await?;
            let list = match capabilities.scope {
                Scope::Namespaced => &mut namespaced,
                Scope::Cluster => &mut cluster_wide,
            };
            if !list
                .iter()
                .any(|r| r.kind == resource.kind && r.group == resource.group)
            {
                list.push(resource);
            }
        }
    }
    namespaced.sort_by_key(|r| r.kind != "StatefulSet");
    let claims = ApiResource::erase::<PersistentVolumeClaim>(&());
    if !namespaced.iter().any(|r| r.kind == claims.kind) {
        namespaced.push(claims);
    }
    let mut claim_uids = Vec::new();
    // Claims of the StatefulSets it deletes, made while it ran: "TEMPLATE-SET-".
    let mut claim_prefixes: Vec<String> = Vec::new();
    for resource in &namespaced {
        let api: Api<DynamicObject> =
            Api::namespaced_with(write.client.clone(), namespace, resource);
        for object in write.answer(api.list(&all)).await? {
            let claim_of_ours = resource.kind == "PersistentVolumeClaim"
                && run.made_during(&object.metadata)
                && claim_prefixes.iter().any(|p| {
                    object
                        .name_any()
                        .strip_prefix(p.as_str())
                        .is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()))
                });
            if !run.made(&object.metadata) && !claim_of_ours {
                continue;
            }
            if resource.kind == "PersistentVolumeClaim" {
                claim_uids.extend(object.uid());
            }
            if resource.kind == "StatefulSet" {
                let set = object.name_any();
                for template in object.data["spec"]["volumeClaimTemplates"]
                    .as_array()
                    .into_iter()
                    .flatten()
                {
                    if let Some(t) = template["metadata"]["name"].as_str() {
                        claim_prefixes.push(format!("{t}-{set}-"));
                    }
                }
            }
            let params = match resource.kind.as_str() {
                // Like kubectl: the garbage collector then removes its pods.
                "StatefulSet" => DeleteParams::background(),
                _ => DeleteParams::default(),
            };
            if delete_exactly(write, &api, &object, params).await? {
                lines.push(crate::t!(
                    "lesson-cleanup-deleted",
                    object = reference(resource, &object.name_any())
                ));
            }
        }
    }

    let namespaces: Api<Namespace> = Api::all(write.client.clone());
    match write.answer(namespaces.get_opt(namespace)).await? {
        Some(found) if found.labels().get(RUN_LABEL) == Some(&run.id) => {
            let uid = found.metadata.uid.clone();
            let params = DeleteParams {
                preconditions: Some(Preconditions {
                    uid,
                    resource_version: None,
                }),
                ..DeleteParams::background()
            };
            if deleted(write.answer(namespaces.delete(namespace, &params)).await)? {
                lines.push(crate::t!(
                    "lesson-cleanup-deleted",
                    object = format!("namespace/{namespace}")
                ));
            }
        }
        Some(_) => lines.push(crate::t!(
            "lesson-cleanup-namespace-kept",
            namespace = namespace
        )),
        None => {}
    }

    // Volumes: this run's, or provisioned for its claims; never while Bound.
    let volumes: Api<PersistentVolume> = Api::all(write.client.clone());
    let mine = |volume: &PersistentVolume| {
        run.made(&volume.metadata)
            || volume
                .spec
                .as_ref()
                .and_then(|s| s.claim_ref.as_ref())
                .and_then(|c| c.uid.as_ref())
                .is_some_and(|uid| claim_uids.contains(uid))
    };
    let candidates: Vec<String> = write
        .answer(volumes.list(&ListParams::default()))
        .await?
        .into_iter()
        .filter(|v| mine(v))
        .map(|v| v.name_any())
        .collect();
    let deadline = tokio::time::Instant::now() + RELEASE_WAIT;
    for name in candidates {
        let unbound = await_condition(volumes.clone(), &name, |v: Option<&PersistentVolume>| {
            v.is_none_or(|v| {
                phase_of(v) != Some("Bound") || v.metadata.deletion_timestamp.is_some()
            })
        });
        let volume = match tokio::time::timeout_at(deadline, unbound).await {
            Ok(Ok(Some(volume))) => volume,
            Ok(Ok(None)) => continue,
            Ok(Err(e)) => return Err(ActionError::Unreachable(sanitize::line(&e.to_string()))),
            Err(_) => {
                let volume = sanitize::line(&name);
                lines.push(match volumes_claim(&volumes, write, &name).await {
                    Some(claim) => crate::t!(
                        "lesson-cleanup-volume-kept-to",
                        volume = volume,
                        claim = claim
                    ),
                    None => crate::t!("lesson-cleanup-volume-kept", volume = volume),
                });
                continue;
            }
        };
        if volume.metadata.deletion_timestamp.is_some() {
            continue;
        }
        if delete_exactly(write, &volumes, &volume, DeleteParams::default()).await? {
            lines.push(crate::t!(
                "lesson-cleanup-deleted",
                object = format!("persistentvolume/{}", sanitize::line(&name))
            ));
        }
    }

    for resource in cluster_wide.iter().filter(|r| r.kind != "PersistentVolume") {
        let api: Api<DynamicObject> = Api::all_with(write.client.clone(), resource);
        for object in write.answer(api.list(&all)).await? {
            if !run.made(&object.metadata) {
                continue;
            }
            if delete_exactly(write, &api, &object, DeleteParams::default()).await? {
                lines.push(crate::t!(
                    "lesson-cleanup-deleted",
                    object = reference(resource, &object.name_any())
                ));
            }
        }
    }
    Ok(lines)
}

fn phase_of(volume: &PersistentVolume) -> Option<&str> {
    volume.status.as_ref().and_then(|s| s.phase.as_deref())
}

/// "NAMESPACE/CLAIM", the volume's claim, if it can be read.
async fn volumes_claim(
    api: &Api<PersistentVolume>,
    write: &WriteAccess,
    name: &str,
) -> Option<String> {
    let Ok(Some(volume)) = write.answer(api.get_opt(name)).await else {
        return None;
    };
    volume.spec.and_then(|s| s.claim_ref).map(|c| {
        format!(
            "{}/{}",
            sanitize::line(c.namespace.as_deref().unwrap_or_default()),
            sanitize::line(c.name.as_deref().unwrap_or_default())
        )
    })
}

/// Deletes `object` only if it still has the UID it was read with.
async fn delete_exactly<K>(
    write: &WriteAccess,
    api: &Api<K>,
    object: &K,
    params: DeleteParams,
) -> Result<bool, ActionError>
where
    K: kube::Resource + Clone + serde::de::DeserializeOwned + std::fmt::Debug,
{
    let params = DeleteParams {
        preconditions: Some(Preconditions {
            uid: object.meta().uid.clone(),
            resource_version: None,
        }),
        ..params
    };
    match write.answer(api.delete(&object.name_any(), &params)).await {
        Ok(_) => Ok(true),
        Err(ActionError::NotFound(_)) => Ok(false),
        // Replaced since it was listed: not ours any more.
        Err(ActionError::Conflict(_)) => Ok(false),
        Err(other) => Err(other),
    }
}

/// Ok(true) when the object was deleted, Ok(false) when it was already gone.
fn deleted<T>(result: Result<T, ActionError>) -> Result<bool, ActionError> {
    match result {
        Ok(_) => Ok(true),
        Err(ActionError::NotFound(_)) => Ok(false),
        Err(other) => Err(other),
    }
}
