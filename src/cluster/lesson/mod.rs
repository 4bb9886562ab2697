//! What a lesson (a guided lab) does to the cluster: it applies its
//! manifests (labelled with the run), deletes what a step says to delete,
//! runs a command in a pod, and at the end (with --cleanup, `cleanup`)
//! removes what the run made. Every call is bounded by the request timeout;
//! text from the cluster is made safe before it is returned.

use std::time::Duration;

use k8s_openapi::api::apps::v1::StatefulSet;
use k8s_openapi::api::core::v1::{Namespace, PersistentVolumeClaim, Pod, Service};
use kube::api::{AttachParams, DeleteParams, DynamicObject, Patch, PatchParams, PostParams};
use kube::discovery::Scope;
use kube::{Api, ResourceExt};
use tokio::io::{AsyncRead, AsyncReadExt};

mod cleanup;
mod objects;

pub use cleanup::{RunInfo, cleanup};
use objects::{Kinds, reference};
pub use objects::{RUN_LABEL, new_run_id};

use super::WriteAccess;
use super::error::ActionError;
pub use super::error::FIELD_MANAGER;
use super::exec::Ended;
pub use crate::lesson::manifest::{
    KindRule, ManifestObject, cluster_wide_refusal, kind_rule, parse_manifest,
};
use crate::model::{Applied, AppliedObject, Failure, Text, sanitize};

/// How long a command run by `exec_output` may take, output included.
const EXEC_TIMEOUT: Duration = Duration::from_secs(20);
/// How much of a command's output `exec_output` keeps, in bytes.
const OUTPUT_LIMIT: usize = 4096;

/// Server-side applies every object of the manifest, in order, as field
/// manager `FIELD_MANAGER`, never forced: a field another manager owns is a
/// conflict, said with that manager's name. Namespaced objects go to
/// `namespace` (their `metadata.namespace` is set to it); cluster-scoped
/// ones are applied cluster-wide, PersistentVolumes and StorageClasses only
/// unless `allow_cluster_wide`. An object that is not there yet (or that
/// this run made) gets the run's label (a StatefulSet's claim templates too,
/// so its claims carry it); one that was there before is changed but not
/// labelled, so cleanup leaves it. Returns what became of each object.
pub async fn apply(
    write: &WriteAccess,
    namespace: &str,
    run: &str,
    yaml: &str,
    allow_cluster_wide: bool,
) -> Result<Vec<AppliedObject>, ActionError> {
    let objects = parse_manifest(yaml).map_err(ActionError::Refused)?;
    let params = PatchParams::apply(FIELD_MANAGER);
    let mut kinds = Kinds::default();
    let mut applied = Vec::with_capacity(objects.len());
    for (object, mut value) in objects {
        let (resource, capabilities) = kinds.resolve(write, &object).await?;
        let api: Api<DynamicObject> = match capabilities.scope {
            Scope::Namespaced => {
                value["metadata"]["namespace"] = serde_json::Value::from(namespace);
                Api::namespaced_with(write.client.clone(), namespace, &resource)
            }
            Scope::Cluster => {
                let storage = kind_rule(&object.api_version, &object.kind) == KindRule::Storage;
                if !storage && !allow_cluster_wide {
                    return Err(ActionError::Lesson(Failure::ClusterWide {
                        kind: Text::from(&object.kind),
                    }));
                }
                if let Some(metadata) = value["metadata"].as_object_mut() {
                    metadata.remove("namespace");
                }
                Api::all_with(write.client.clone(), &resource)
            }
        };
        let name = reference(&resource, &object.name);
        let existing = write.answer(api.get_opt(&object.name)).await?;
        let ours = existing
            .as_ref()
            .is_none_or(|o| o.labels().get(RUN_LABEL).map(String::as_str) == Some(run));
        if ours {
            label(&mut value, run);
        }
        write
            .answer(api.patch(&object.name, &params, &Patch::Apply(&value)))
            .await
            .map_err(|e| match e {
                // "Apply failed with 1 conflict: conflict with \"kubectl\" …: .spec.replicas"
                ActionError::Conflict(message) => ActionError::Lesson(Failure::ApplyConflict {
                    object: Text::from(&name),
                    message: Text::from(&message),
                }),
                other => other,
            })?;
        applied.push(AppliedObject {
            object: Text::from(&name),
            applied: match (existing.is_some(), ours) {
                (false, _) => Applied::Created,
                (true, true) => Applied::Configured,
                (true, false) => Applied::ConfiguredKept,
            },
        });
    }
    Ok(applied)
}

/// Puts the run's label on the object and, for a StatefulSet, on its claim templates.
fn label(value: &mut serde_json::Value, run: &str) {
    fn put(metadata: &mut serde_json::Value, run: &str) {
        if !metadata.is_object() {
            *metadata = serde_json::json!({});
        }
        if !metadata["labels"].is_object() {
            metadata["labels"] = serde_json::json!({});
        }
        metadata["labels"][RUN_LABEL] = serde_json::Value::from(run);
    }
    put(&mut value["metadata"], run);
    if value["kind"] == "StatefulSet"
        && let Some(templates) = value["spec"]["volumeClaimTemplates"].as_array_mut()
    {
        for template in templates {
            put(&mut template["metadata"], run);
        }
    }
}

/// Creates the namespace if it is missing, labelled with the run's id (so
/// cleanup deletes it only then); Ok(true) when it created it. A namespace
/// still being deleted (from an earlier cleanup) is a Conflict: nothing can
/// be created in it until it is gone.
pub async fn ensure_namespace(
    write: &WriteAccess,
    namespace: &str,
    run: &str,
) -> Result<bool, ActionError> {
    let api: Api<Namespace> = Api::all(write.client.clone());
    let existing = match write.answer(api.get_opt(namespace)).await {
        // A user with rights only inside the namespace (a class's student,
        // lab/user) may not read it: their Role lives in it, so it is there.
        Err(ActionError::Forbidden(_)) => return Ok(false),
        other => other?,
    };
    if let Some(existing) = existing {
        let phase = existing.status.and_then(|s| s.phase);
        if existing.metadata.deletion_timestamp.is_some() || phase.as_deref() == Some("Terminating")
        {
            return Err(ActionError::Conflict(crate::t!(
                "lesson-namespace-being-deleted",
                namespace = namespace
            )));
        }
        return Ok(false);
    }
    let mut created = Namespace::default();
    created.metadata.name = Some(namespace.to_string());
    created.metadata.labels = Some([(RUN_LABEL.to_string(), run.to_string())].into());
    match write
        .answer(api.create(&PostParams::default(), &created))
        .await
    {
        Ok(_) => Ok(true),
        // Created by someone else meanwhile.
        Err(ActionError::Conflict(_)) => Ok(false),
        Err(other) => Err(other),
    }
}

/// Deletes one namespaced object without waiting for it to go. `kind` is
/// "pod", "claim" (a PersistentVolumeClaim), "statefulset" or "service". A
/// StatefulSet is deleted with background propagation, like kubectl: the
/// garbage collector then removes its pods (its claims stay).
pub async fn delete(
    write: &WriteAccess,
    namespace: &str,
    kind: &str,
    name: &str,
) -> Result<(), ActionError> {
    let params = DeleteParams::default();
    match kind {
        "pod" => {
            let api: Api<Pod> = Api::namespaced(write.client.clone(), namespace);
            write.answer(api.delete(name, &params)).await.map(|_| ())
        }
        "claim" => {
            let api: Api<PersistentVolumeClaim> = Api::namespaced(write.client.clone(), namespace);
            write.answer(api.delete(name, &params)).await.map(|_| ())
        }
        "statefulset" => {
            let api: Api<StatefulSet> = Api::namespaced(write.client.clone(), namespace);
            write
                .answer(api.delete(name, &DeleteParams::background()))
                .await
                .map(|_| ())
        }
        "service" => {
            let api: Api<Service> = Api::namespaced(write.client.clone(), namespace);
            write.answer(api.delete(name, &params)).await.map(|_| ())
        }
        other => Err(ActionError::Lesson(Failure::UnknownKind {
            kind: Text::from(other),
        })),
    }
}

/// Runs `sh -c COMMAND` in the pod's first container (no TTY, no stdin) and
/// returns its output, standard output and error interleaved as they came
/// (at most 4 KiB kept, cut at a character boundary and ended with "…" when
/// cut), and its exit code when the final status says one. The whole run,
/// connection included, has 20 s.
pub async fn exec_output(
    write: &WriteAccess,
    namespace: &str,
    pod: &str,
    command: &str,
) -> Result<(String, Option<i32>), ActionError> {
    let api: Api<Pod> = Api::namespaced(write.client.clone(), namespace);
    let deadline = tokio::time::Instant::now() + EXEC_TIMEOUT;
    let found = write.answer(api.get(pod)).await?;
    let container = found
        .spec
        .and_then(|spec| spec.containers.into_iter().next())
        .map(|c| c.name)
        .ok_or_else(|| {
            ActionError::Lesson(Failure::NoContainer {
                pod: Text::from(pod),
            })
        })?;
    let params = AttachParams::default()
        .container(container)
        .stdin(false)
        .stdout(true)
        .stderr(true)
        .tty(false);
    let run = async {
        let mut process = api
            .exec(pod, ["sh", "-c", command], &params)
            .await
            .map_err(|e| match e {
                kube::Error::Api(_) => ActionError::from(e),
                // A refused upgrade comes back as a bare HTTP error: say what it was.
                other => ActionError::Refused(sanitize::line(&other.to_string())),
            })?;
        let status = process.take_status();
        let output = read_both(process.stdout(), process.stderr()).await;
        let status = match status {
            Some(status) => status.await,
            None => None,
        };
        Ok::<_, ActionError>((output, status))
    };
    // On timeout the process is dropped, which aborts its connection.
    let (output, status) = tokio::time::timeout_at(deadline, run)
        .await
        .map_err(|_| ActionError::Timeout(EXEC_TIMEOUT))??;
    let code = match Ended::from_status(status.as_ref()) {
        Ended::Success => Some(0),
        Ended::Exited(code) => Some(code),
        Ended::Failed(_) | Ended::NoStatus => None,
    };
    Ok((printable(&output), code))
}

/// Reads both streams to their end, concurrently (a full stream would stall
/// the command), keeping the first `OUTPUT_LIMIT` bytes and a few more, so
/// that a cut can be seen and made at a character boundary.
async fn read_both(
    stdout: Option<impl AsyncRead + Unpin>,
    stderr: Option<impl AsyncRead + Unpin>,
) -> Vec<u8> {
    let mut kept = Vec::new();
    let (mut out, mut err) = (stdout, stderr);
    let (mut out_buf, mut err_buf) = ([0u8; 1024], [0u8; 1024]);
    while out.is_some() || err.is_some() {
        let (read, from_out) = tokio::select! {
            read = async { out.as_mut().unwrap().read(&mut out_buf).await }, if out.is_some() => (read, true),
            read = async { err.as_mut().unwrap().read(&mut err_buf).await }, if err.is_some() => (read, false),
        };
        let chunk = match read {
            Ok(0) | Err(_) => {
                if from_out {
                    out = None;
                } else {
                    err = None;
                }
                continue;
            }
            Ok(n) if from_out => &out_buf[..n],
            Ok(n) => &err_buf[..n],
        };
        let room = (OUTPUT_LIMIT + 4).saturating_sub(kept.len());
        kept.extend_from_slice(&chunk[..chunk.len().min(room)]);
    }
    kept
}

/// The output as safe text: each line passes `sanitize::line`, and beyond
/// `OUTPUT_LIMIT` bytes it is cut at a character boundary and marked "…".
fn printable(output: &[u8]) -> String {
    let text = String::from_utf8_lossy(output);
    let mut text = text
        .lines()
        .map(sanitize::line)
        .collect::<Vec<_>>()
        .join("\n");
    if output.len() > OUTPUT_LIMIT || text.len() > OUTPUT_LIMIT {
        let mut end = OUTPUT_LIMIT.min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text.truncate(end);
        text.push('…');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_output_is_cut_at_a_character_boundary() {
        assert_eq!(printable(b"hi\r\nweb-0\n"), "hi\nweb-0");
        assert_eq!(printable(b"\x1b[2Jred\tok"), "red ok");
        let long = "é".repeat(3000);
        let cut = printable(long.as_bytes());
        assert_eq!(cut, format!("{}…", "é".repeat(2048)));
    }
}
