//! What the shell completes for a flag's value, asked of stsdash as the user
//! types (clap_complete's dynamic completion, `COMPLETE=bash stsdash`):
//! lesson names and themes from the binary, namespaces and StatefulSets
//! from the cluster the kubeconfig points at, within a short time.

use std::time::Duration;

use clap_complete::engine::CompletionCandidate;

/// A completion must not keep the shell waiting on a slow or absent cluster.
const CLUSTER_LIMIT: Duration = Duration::from_secs(2);

pub fn lessons() -> Vec<CompletionCandidate> {
    crate::lesson::builtin::BUILT_IN
        .iter()
        .map(|b| CompletionCandidate::new(b.name))
        .collect()
}

pub fn themes() -> Vec<CompletionCandidate> {
    crate::ui::theme::BUILT_IN
        .iter()
        .map(|(name, _)| CompletionCandidate::new(*name))
        .collect()
}

pub fn namespaces() -> Vec<CompletionCandidate> {
    from_cluster(|connection| {
        names::<k8s_openapi::api::core::v1::Namespace>(kube::Api::all(connection.client))
    })
}

pub fn statefulsets() -> Vec<CompletionCandidate> {
    from_cluster(|connection| {
        names::<k8s_openapi::api::apps::v1::StatefulSet>(kube::Api::namespaced(
            connection.client,
            &connection.namespace,
        ))
    })
}

/// The names of what `api` lists (metadata only).
async fn names<K>(api: kube::Api<K>) -> Option<Vec<String>>
where
    K: kube::Resource + Clone + serde::de::DeserializeOwned + std::fmt::Debug,
{
    let list = api.list_metadata(&Default::default()).await.ok()?;
    Some(
        list.items
            .into_iter()
            .filter_map(|n| n.metadata.name)
            .collect(),
    )
}

/// Names from the cluster of the current context, or none (no kubeconfig,
/// no answer within `CLUSTER_LIMIT`): completing never fails loudly.
fn from_cluster<F, Fut>(list: F) -> Vec<CompletionCandidate>
where
    F: FnOnce(crate::cluster::Connection) -> Fut,
    Fut: Future<Output = Option<Vec<String>>>,
{
    let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    else {
        return Vec::new();
    };
    let names = runtime.block_on(async {
        let target = crate::cluster::Target {
            request_timeout: Some(CLUSTER_LIMIT),
            ..Default::default()
        };
        let connection = crate::cluster::connect(&target).await.ok()?;
        tokio::time::timeout(CLUSTER_LIMIT, list(connection))
            .await
            .ok()
            .flatten()
    });
    names
        .unwrap_or_default()
        .into_iter()
        .map(|n| CompletionCandidate::new(crate::model::sanitize::line(&n)))
        .collect()
}
