//! Finding the cluster the way kubectl does: --kubeconfig, else $KUBECONFIG,
//! else ~/.kube/config, else the in-cluster service account; then --context,
//! else the current context.

use std::path::PathBuf;

use k8s_openapi::api::apps::v1::StatefulSet;
use k8s_openapi::api::core::v1::Namespace;
use kube::config::{KubeConfigOptions, Kubeconfig, KubeconfigError};
use kube::{Api, Client, Config, api::ListParams};

use super::ClusterError;

/// What the user asked to connect to.
#[derive(Debug, Clone, Default)]
pub struct Target {
    pub kubeconfig: Option<PathBuf>,
    pub context: Option<String>,
    pub namespace: Option<String>,
}

/// A client and what it was resolved to, for telling the user.
#[derive(Clone)]
pub struct Connection {
    pub client: Client,
    /// The context's name, or "in-cluster".
    pub context: String,
    /// The API server's URL (never the credentials).
    pub server: String,
    /// The namespace to watch: --namespace, else the context's, else "default".
    pub namespace: String,
}

/// Resolves the kubeconfig and context and builds a client. Does not talk to
/// the server yet: see [`Connection::server_version`].
pub async fn connect(target: &Target) -> Result<Connection, ClusterError> {
    let options = KubeConfigOptions {
        context: target.context.clone(),
        ..Default::default()
    };
    let (config, context) = match &target.kubeconfig {
        Some(path) => {
            let kubeconfig =
                Kubeconfig::read_from(path).map_err(|e| ClusterError::BadKubeconfig {
                    path: path.display().to_string(),
                    reason: kubeconfig_reason(&e),
                })?;
            from_kubeconfig(kubeconfig, &options).await?
        }
        None => match Kubeconfig::read() {
            Ok(kubeconfig) => from_kubeconfig(kubeconfig, &options).await?,
            Err(read_error) => {
                if let Some(context) = &target.context {
                    return Err(ClusterError::UnknownContext(context.clone()));
                }
                let config = Config::incluster().map_err(|_| {
                    // Like kubectl, name the file that was looked for.
                    let looked_for = std::env::var("KUBECONFIG")
                        .ok()
                        .filter(|v| !v.is_empty())
                        .or_else(|| {
                            std::env::var("HOME")
                                .ok()
                                .map(|h| format!("{h}/.kube/config"))
                        });
                    let reason = kubeconfig_reason(&read_error);
                    ClusterError::NoKubeconfig(match looked_for {
                        Some(path) => format!("{path}: {reason}"),
                        None => reason,
                    })
                })?;
                (config, "in-cluster".to_string())
            }
        },
    };
    let server = config.cluster_url.to_string();
    let namespace = target
        .namespace
        .clone()
        .unwrap_or_else(|| config.default_namespace.clone());
    let client = Client::try_from(config).map_err(|e| ClusterError::BadConfig(e.to_string()))?;
    Ok(Connection {
        client,
        context,
        server,
        namespace,
    })
}

async fn from_kubeconfig(
    kubeconfig: Kubeconfig,
    options: &KubeConfigOptions,
) -> Result<(Config, String), ClusterError> {
    let context = match &options.context {
        Some(name) => {
            if !kubeconfig.contexts.iter().any(|c| &c.name == name) {
                return Err(ClusterError::UnknownContext(name.clone()));
            }
            name.clone()
        }
        None => kubeconfig.current_context.clone().ok_or_else(|| {
            ClusterError::BadConfig("the kubeconfig has no current context; pass --context".into())
        })?,
    };
    let config = Config::from_custom_kubeconfig(kubeconfig, options)
        .await
        .map_err(|e| ClusterError::BadConfig(kubeconfig_reason(&e)))?;
    Ok((config, context))
}

/// The cause of a kubeconfig error, without the file's contents.
fn kubeconfig_reason(error: &KubeconfigError) -> String {
    match error {
        KubeconfigError::ReadConfig(io, _) => io.to_string(),
        other => other.to_string(),
    }
}

impl Connection {
    /// Asks the server for its version: the first request, so it says whether
    /// the server can be reached at all.
    pub async fn server_version(&self) -> Result<String, ClusterError> {
        let info = self
            .client
            .apiserver_version()
            .await
            .map_err(|e| self.request_error(e))?;
        Ok(info.git_version)
    }

    /// Whether the namespace exists: None when the user may not ask (namespaces
    /// are cluster-scoped; a student's rights often end at their own namespace).
    pub async fn namespace_exists(&self) -> Result<Option<bool>, ClusterError> {
        let api: Api<Namespace> = Api::all(self.client.clone());
        match api.get_opt(&self.namespace).await {
            Ok(found) => Ok(Some(found.is_some())),
            Err(kube::Error::Api(status)) if status.code == 403 => Ok(None),
            Err(e) => Err(self.request_error(e)),
        }
    }

    /// The StatefulSets of the namespace, as "name ready/desired".
    pub async fn statefulset_summaries(&self) -> Result<Vec<String>, ClusterError> {
        let api: Api<StatefulSet> = Api::namespaced(self.client.clone(), &self.namespace);
        let list = api
            .list(&ListParams::default())
            .await
            .map_err(|e| self.request_error(e))?;
        Ok(list
            .items
            .iter()
            .map(|sts| {
                let name = sts.metadata.name.clone().unwrap_or_default();
                let desired = sts.spec.as_ref().and_then(|s| s.replicas).unwrap_or(1);
                let ready = sts
                    .status
                    .as_ref()
                    .and_then(|s| s.ready_replicas)
                    .unwrap_or(0);
                format!("{name} {ready}/{desired} ready")
            })
            .collect())
    }

    fn request_error(&self, error: kube::Error) -> ClusterError {
        let server = self.server.clone();
        match error {
            kube::Error::Api(status) => ClusterError::Refused {
                server,
                reason: format!("{} ({})", status.message, status.code),
            },
            other => ClusterError::Unreachable {
                server,
                reason: root_cause(&other),
            },
        }
    }
}

/// The innermost error message: "connection refused" rather than a chain of wrappers.
fn root_cause(error: &dyn std::error::Error) -> String {
    let mut cause = error;
    while let Some(next) = cause.source() {
        cause = next;
    }
    cause.to_string()
}
