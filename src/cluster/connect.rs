//! Finding the cluster the way kubectl does: --kubeconfig, else the files
//! $KUBECONFIG lists (merged, missing ones skipped), else ~/.kube/config,
//! else the in-cluster service account; then --context (else the current
//! one), --cluster, --user, impersonation and the proxy (see `proxy`).

use std::path::{Path, PathBuf};
use std::time::Duration;

use k8s_openapi::api::apps::v1::StatefulSet;
use k8s_openapi::api::core::v1::Namespace;
use kube::config::{KubeConfigOptions, Kubeconfig, KubeconfigError};
use kube::{Api, Client, Config, api::ListParams};

use super::error::{ActionError, ClusterError};
use super::proxy::{self, ProxySource};
use super::retry::root_cause;
use crate::model::sanitize;
use crate::t;

/// How long a one-off request (the first version check, an action) may take
/// unless --request-timeout says otherwise.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);
/// `--request-timeout 0`: no limit, as in kubectl (a day, so a deadline can still be computed).
const NO_LIMIT: Duration = Duration::from_secs(24 * 3600);

/// Whether stsdash may change the cluster: decided once, from the flag and
/// the configuration file, before anything connects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    ReadOnly,
    ReadWrite,
}

/// What the user asked to connect to.
#[derive(Debug, Clone)]
pub struct Target {
    pub kubeconfig: Option<PathBuf>,
    pub context: Option<String>,
    /// The kubeconfig cluster entry to use instead of the context's.
    pub cluster: Option<String>,
    /// The kubeconfig user entry to use instead of the context's.
    pub user: Option<String>,
    pub namespace: Option<String>,
    /// `--as` and `--as-group`: impersonation, as kubectl sends it.
    pub impersonate: Option<String>,
    pub impersonate_groups: Vec<String>,
    /// Limit of each one-off request; None: `REQUEST_TIMEOUT`; zero: none.
    pub request_timeout: Option<Duration>,
    /// Accept a server certificate that cannot be verified. Off unless asked,
    /// even when the kubeconfig's cluster entry says so.
    pub insecure_skip_tls_verify: bool,
    /// `-l`: only the StatefulSets with these labels.
    pub selector: Option<String>,
    pub access: Access,
}

impl Default for Target {
    fn default() -> Self {
        Target {
            kubeconfig: None,
            context: None,
            cluster: None,
            user: None,
            namespace: None,
            impersonate: None,
            impersonate_groups: Vec::new(),
            request_timeout: None,
            insecure_skip_tls_verify: false,
            selector: None,
            access: Access::ReadOnly,
        }
    }
}

/// A client and what it was resolved to, for telling the user.
#[derive(Clone)]
pub struct Connection {
    /// Reads only: watches, lists, logs.
    pub client: Client,
    /// PINGs the API server over HTTP/2 (None: it is not reached so).
    pub pinger: Option<super::ping::Pinger>,
    /// The one handle that changes the cluster; None in read-only.
    pub write: Option<WriteAccess>,
    /// The context's name, or "in-cluster".
    pub context: String,
    /// The API server's URL (never the credentials).
    pub server: String,
    /// The proxy the server is reached through, credentials hidden.
    pub proxy: Option<String>,
    /// The namespace to watch: --namespace, else the context's, else "default".
    pub namespace: String,
    /// `-l`: the StatefulSets' label selector.
    pub selector: Option<String>,
    /// Limit of each one-off request.
    pub timeout: Duration,
    /// The kubeconfig files read, in order (none: in-cluster).
    pub kubeconfig_files: Vec<PathBuf>,
}

/// What may change the cluster: scale, delete, exec, a lesson's applies.
/// Only `connect` makes one, and only when the access is read-write, so in
/// read-only no action or lesson runner can act at all.
#[derive(Clone)]
pub struct WriteAccess {
    pub(crate) client: Client,
    /// Limit of each request (exec sessions excepted).
    pub(crate) timeout: Duration,
}

impl WriteAccess {
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// One request, within the request timeout (--request-timeout).
    pub(super) async fn answer<T>(
        &self,
        call: impl Future<Output = Result<T, kube::Error>>,
    ) -> Result<T, ActionError> {
        match tokio::time::timeout(self.timeout, call).await {
            Ok(result) => result.map_err(ActionError::from),
            Err(_) => Err(ActionError::Timeout(self.timeout)),
        }
    }
}

/// The kubeconfig as read, and which file defines each entry (the first that
/// defines a name wins, as kubectl merges), to name the file in an error.
struct Loaded {
    merged: Kubeconfig,
    files: Vec<(PathBuf, Kubeconfig)>,
}

impl Loaded {
    /// The file that defines `name` among `entries` of each file.
    fn file_of(&self, name: &str, entries: impl Fn(&Kubeconfig) -> Vec<&str>) -> Option<&Path> {
        self.files
            .iter()
            .find(|(_, k)| entries(k).contains(&name))
            .map(|(p, _)| p.as_path())
    }
}

/// Reads the kubeconfig: None when there is none to read (then in-cluster
/// is tried); the files looked for are in the Err of the caller's message.
fn load(explicit: Option<&Path>) -> Result<Result<Loaded, Vec<PathBuf>>, ClusterError> {
    let read = |path: &Path| {
        Kubeconfig::read_from(path).map_err(|e| ClusterError::BadKubeconfig {
            path: path.display().to_string(),
            reason: kubeconfig_reason(&e),
        })
    };
    if let Some(path) = explicit {
        let kubeconfig = read(path)?;
        return Ok(Ok(Loaded {
            merged: kubeconfig.clone(),
            files: vec![(path.to_path_buf(), kubeconfig)],
        }));
    }
    let listed: Vec<PathBuf> = match std::env::var_os("KUBECONFIG") {
        Some(value) => std::env::split_paths(&value)
            .filter(|p| !p.as_os_str().is_empty())
            .collect(),
        None => Vec::new(),
    };
    let candidates = if listed.is_empty() {
        std::env::var_os("HOME")
            .map(|home| vec![PathBuf::from(home).join(".kube").join("config")])
            .unwrap_or_default()
    } else {
        listed
    };
    let mut merged: Option<Kubeconfig> = None;
    let mut files = Vec::new();
    for path in &candidates {
        // kubectl skips a listed file that does not exist.
        if !path.exists() {
            continue;
        }
        let kubeconfig = read(path)?;
        merged = Some(match merged {
            None => kubeconfig.clone(),
            Some(m) => m
                .merge(kubeconfig.clone())
                .map_err(|e| ClusterError::BadKubeconfig {
                    path: path.display().to_string(),
                    reason: kubeconfig_reason(&e),
                })?,
        });
        files.push((path.clone(), kubeconfig));
    }
    Ok(match merged {
        Some(merged) => Ok(Loaded { merged, files }),
        None => Err(candidates),
    })
}

/// Resolves the kubeconfig and context and builds a client. Does not talk to
/// the server yet: see [`Connection::server_version`].
pub async fn connect(target: &Target) -> Result<Connection, ClusterError> {
    let mut kubeconfig_files = Vec::new();
    let (mut config, context, kubeconfig_proxy, held) = match load(target.kubeconfig.as_deref())? {
        Ok(loaded) => {
            kubeconfig_files = loaded.files.iter().map(|(p, _)| p.clone()).collect();
            from_kubeconfig(&loaded, target).await?
        }
        Err(looked_for) => {
            if let Some(context) = &target.context {
                return Err(ClusterError::UnknownContext(context.clone()));
            }
            let config = Config::incluster().map_err(|e| {
                let files: Vec<String> =
                    looked_for.iter().map(|p| p.display().to_string()).collect();
                ClusterError::NoKubeconfig(if files.is_empty() {
                    t!(
                        "cluster-not-in-a-cluster",
                        reason = sanitize::line(&e.to_string())
                    )
                } else {
                    t!("cluster-kubeconfig-missing", files = files.join(", "))
                })
            })?;
            (config, "in-cluster".to_string(), None, String::new())
        }
    };
    if config.accept_invalid_certs && !target.insecure_skip_tls_verify {
        return Err(ClusterError::BadConfig(t!(
            "cluster-insecure-kubeconfig",
            context = context
        )));
    }
    config.accept_invalid_certs = target.insecure_skip_tls_verify;
    if let Some(user) = &target.impersonate {
        config.auth_info.impersonate = Some(user.clone());
    }
    if !target.impersonate_groups.is_empty() {
        config.auth_info.impersonate_groups = Some(target.impersonate_groups.clone());
    }
    let timeout = match target.request_timeout {
        None => REQUEST_TIMEOUT,
        Some(d) if d.is_zero() => NO_LIMIT,
        Some(d) => d,
    };
    if target.request_timeout.is_some() {
        config.connect_timeout = Some(timeout);
    }
    let env = |name: &str| std::env::var(name).ok();
    let chosen = proxy::choose(&config.cluster_url, kubeconfig_proxy.as_deref(), env)
        .map_err(ClusterError::BadConfig)?;
    let proxy = chosen.as_ref().map(|(uri, source)| {
        let from = match source {
            ProxySource::Kubeconfig => t!("cluster-proxy-from-kubeconfig"),
            ProxySource::Env(name) => format!("${name}"),
        };
        t!(
            "cluster-proxy",
            proxy = proxy::redact(&uri.to_string()),
            source = from
        )
    });
    config.proxy_url = chosen.map(|(uri, _)| uri);
    let server = proxy::redact(&config.cluster_url.to_string());
    let namespace = target
        .namespace
        .clone()
        .unwrap_or_else(|| config.default_namespace.clone());
    let pinger = super::ping::Pinger::new(&config);
    // Certificates and keys are read here: name the entries' files too.
    let client = Client::try_from(config).map_err(|e| {
        ClusterError::BadConfig(format!("{}{held}", sanitize::line(&root_cause(&e))))
    })?;
    let write = (target.access == Access::ReadWrite).then(|| WriteAccess {
        client: client.clone(),
        timeout,
    });
    Ok(Connection {
        client,
        pinger,
        write,
        context,
        server,
        proxy,
        namespace,
        selector: target.selector.clone(),
        timeout,
        kubeconfig_files,
    })
}

/// The config of the chosen context, its name and its cluster's proxy-url.
async fn from_kubeconfig(
    loaded: &Loaded,
    target: &Target,
) -> Result<(Config, String, Option<String>, String), ClusterError> {
    let kubeconfig = &loaded.merged;
    let context = match &target.context {
        Some(name) => {
            if !kubeconfig.contexts.iter().any(|c| &c.name == name) {
                return Err(ClusterError::UnknownContext(name.clone()));
            }
            name.clone()
        }
        None => kubeconfig
            .current_context
            .clone()
            .ok_or_else(|| ClusterError::BadConfig(t!("cluster-no-current-context")))?,
    };
    let entry = kubeconfig
        .contexts
        .iter()
        .find(|c| c.name == context)
        .and_then(|c| c.context.clone());
    let cluster = target
        .cluster
        .clone()
        .or_else(|| entry.as_ref().map(|c| c.cluster.clone()));
    let user = target
        .user
        .clone()
        .or_else(|| entry.as_ref().and_then(|c| c.user.clone()));
    if let Some(name) = &target.cluster
        && !kubeconfig.clusters.iter().any(|c| &c.name == name)
    {
        return Err(ClusterError::BadConfig(t!(
            "cluster-unknown-cluster",
            name = name
        )));
    }
    if let Some(name) = &target.user
        && !kubeconfig.auth_infos.iter().any(|u| &u.name == name)
    {
        return Err(ClusterError::BadConfig(t!(
            "cluster-unknown-user",
            name = name
        )));
    }
    let options = KubeConfigOptions {
        context: Some(context.clone()),
        cluster: target.cluster.clone(),
        user: target.user.clone(),
    };
    // The files that hold the entries used, for an error: with several in
    // KUBECONFIG, the user would not know where to look.
    let mut entries = Vec::new();
    let mut name_file = |what: &str, name: &str, names: &dyn Fn(&Kubeconfig) -> Vec<&str>| {
        if let Some(file) = loaded.file_of(name, names) {
            let file = file.display().to_string();
            entries.push(t!(
                "cluster-entry-in-file",
                kind = what,
                name = name,
                file = file
            ));
        }
    };
    name_file("context", &context, &|k| {
        k.contexts.iter().map(|c| c.name.as_str()).collect()
    });
    if let Some(cluster) = &cluster {
        name_file("cluster", cluster, &|k| {
            k.clusters.iter().map(|c| c.name.as_str()).collect()
        });
    }
    if let Some(user) = &user {
        name_file("user", user, &|k| {
            k.auth_infos.iter().map(|u| u.name.as_str()).collect()
        });
    }
    let held = sanitize::line(&format!(" ({})", entries.join(", ")));
    let config = Config::from_custom_kubeconfig(kubeconfig.clone(), &options)
        .await
        .map_err(|e| ClusterError::BadConfig(format!("{}{held}", kubeconfig_reason(&e))))?;
    let proxy_url = cluster.as_ref().and_then(|name| {
        kubeconfig
            .clusters
            .iter()
            .find(|c| &c.name == name)
            .and_then(|c| c.cluster.as_ref())
            .and_then(|c| c.proxy_url.clone())
    });
    Ok((config, context, proxy_url, held))
}

/// The cause of a kubeconfig error, without the file's contents.
fn kubeconfig_reason(error: &KubeconfigError) -> String {
    sanitize::line(&match error {
        KubeconfigError::ReadConfig(io, _) => io.to_string(),
        other => other.to_string(),
    })
}

/// One StatefulSet of the namespace, as the piped summary says it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatefulSetSummary {
    pub name: String,
    pub ready: i32,
    pub desired: i32,
}

impl Connection {
    /// Asks the server for its version: the first request, so it says whether
    /// the server can be reached at all.
    pub async fn server_version(&self) -> Result<String, ClusterError> {
        let info = self.bounded(self.client.apiserver_version()).await?;
        Ok(sanitize::line(&info.git_version))
    }

    /// Whether the namespace exists: None when the user may not ask (namespaces
    /// are cluster-scoped; a student's rights often end at their own namespace).
    pub async fn namespace_exists(&self) -> Result<Option<bool>, ClusterError> {
        let api: Api<Namespace> = Api::all(self.client.clone());
        match self.bounded(api.get_opt(&self.namespace)).await {
            Ok(found) => Ok(Some(found.is_some())),
            Err(ClusterError::Refused { code: 403, .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// The StatefulSets of the namespace: each one's name, ready and desired replicas.
    pub async fn statefulset_summaries(&self) -> Result<Vec<StatefulSetSummary>, ClusterError> {
        let api: Api<StatefulSet> = Api::namespaced(self.client.clone(), &self.namespace);
        let mut params = ListParams::default();
        if let Some(selector) = &self.selector {
            params = params.labels(selector);
        }
        let list = self.bounded(api.list(&params)).await?;
        Ok(list
            .items
            .iter()
            .map(|sts| {
                let name = sts.metadata.name.clone().unwrap_or_default();
                StatefulSetSummary {
                    name: sanitize::line(&name),
                    desired: sts.spec.as_ref().and_then(|s| s.replicas).unwrap_or(1),
                    ready: sts
                        .status
                        .as_ref()
                        .and_then(|s| s.ready_replicas)
                        .unwrap_or(0),
                }
            })
            .collect())
    }

    /// Whether the user may `verb` the resource (in `namespace`, or
    /// cluster-wide), as the API server answers a SelfSubjectAccessReview.
    pub async fn may(
        &self,
        verb: &str,
        group: &str,
        resource: &str,
        subresource: &str,
        namespace: Option<&str>,
    ) -> Result<bool, ClusterError> {
        use k8s_openapi::api::authorization::v1::{
            ResourceAttributes, SelfSubjectAccessReview, SelfSubjectAccessReviewSpec,
        };
        let review = SelfSubjectAccessReview {
            spec: SelfSubjectAccessReviewSpec {
                resource_attributes: Some(ResourceAttributes {
                    verb: Some(verb.into()),
                    group: Some(group.into()),
                    resource: Some(resource.into()),
                    subresource: (!subresource.is_empty()).then(|| subresource.into()),
                    namespace: namespace.map(String::from),
                    ..Default::default()
                }),
                ..Default::default()
            },
            ..Default::default()
        };
        let api: Api<SelfSubjectAccessReview> = Api::all(self.client.clone());
        let answer = self
            .bounded(api.create(&Default::default(), &review))
            .await?;
        Ok(answer.status.is_some_and(|s| s.allowed))
    }

    /// One request, within the request timeout; its error in one safe line.
    async fn bounded<T>(
        &self,
        call: impl Future<Output = Result<T, kube::Error>>,
    ) -> Result<T, ClusterError> {
        let server = self.server.clone();
        match tokio::time::timeout(self.timeout, call).await {
            Ok(Ok(answer)) => Ok(answer),
            // The server's words may carry escape sequences: made inert here.
            Ok(Err(kube::Error::Api(status))) => Err(ClusterError::Refused {
                server,
                code: status.code,
                reason: sanitize::line(&status.message),
            }),
            Ok(Err(other)) => Err(ClusterError::Unreachable {
                server,
                reason: sanitize::line(&root_cause(&other)),
            }),
            Err(_) => Err(ClusterError::Unreachable {
                server,
                reason: t!(
                    "cluster-no-answer-within",
                    duration = humantime::format_duration(self.timeout).to_string()
                ),
            }),
        }
    }
}
