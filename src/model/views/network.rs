//! The network identity: each pod's stable DNS name under the governing
//! Service, its IP now, and whether it is a ready endpoint.

use serde::Serialize;

use super::pods::pods_of;
use crate::model::Model;
use crate::model::key::Key;
use crate::model::object::{Endpoint, Pod};
use crate::model::pod;
use crate::model::store::in_namespace;
use crate::model::text::Text;

#[derive(Debug, Clone, Serialize)]
pub struct ServiceInfo {
    /// spec.serviceName: empty when the StatefulSet names no Service.
    pub name: Text,
    pub exists: bool,
    pub headless: bool,
}

impl ServiceInfo {
    /// The StatefulSet names no governing Service (serviceName is optional):
    /// its pods have no stable DNS names.
    pub fn unset(&self) -> bool {
        self.name.is_empty()
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct PodIdentity {
    pub ordinal: u32,
    pub pod: Text,
    /// `<pod>.<service>.<namespace>.svc.<cluster domain>`; empty when the
    /// StatefulSet names no Service.
    pub dns: String,
    pub ip: Option<Text>,
    /// Ready in the Service's EndpointSlices (None: not listed there).
    pub ready_endpoint: Option<bool>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NetworkIdentity {
    pub service: ServiceInfo,
    pub pods: Vec<PodIdentity>,
}

/// The StatefulSet's governing Service (spec.serviceName) as it is now.
pub fn service_info(model: &Model, key: &Key) -> Option<ServiceInfo> {
    let sts = model.statefulset(key)?;
    let name = sts.spec.service_name.clone().unwrap_or_default();
    let service = model.store.services.get(&Key::new(&key.namespace, &name));
    let headless = service.and_then(|s| s.spec.cluster_ip.as_deref()) == Some("None");
    Some(ServiceInfo {
        name,
        exists: service.is_some(),
        headless,
    })
}

/// The endpoints of the Service's EndpointSlices.
fn service_endpoints<'a>(
    model: &'a Model,
    key: &'a Key,
    service_name: &'a str,
) -> impl Iterator<Item = &'a Endpoint> + 'a {
    in_namespace(&model.store.endpoint_slices, &key.namespace)
        .filter(move |(_, s)| s.metadata.labels.service_name.as_deref() == Some(service_name))
        .flat_map(|(_, s)| s.endpoints.iter())
}

/// One pod's identity under the Service.
fn pod_identity<'a>(
    key: &Key,
    service_name: &str,
    cluster_domain: &str,
    ordinal: u32,
    p: &Pod,
    mut endpoints: impl Iterator<Item = &'a Endpoint>,
) -> PodIdentity {
    let name = &p.metadata.name;
    let ready_endpoint = endpoints
        .find(|e| e.target_ref.as_ref().and_then(|t| t.name.as_ref()) == Some(name))
        .map(|e| e.conditions.as_ref().and_then(|c| c.ready).unwrap_or(true));
    PodIdentity {
        ordinal,
        dns: if service_name.is_empty() {
            String::new()
        } else {
            format!(
                "{name}.{service_name}.{}.svc.{cluster_domain}",
                key.namespace
            )
        },
        pod: name.clone(),
        ip: p.status.pod_ip.clone(),
        ready_endpoint,
    }
}

pub fn network_identity(model: &Model, key: &Key, cluster_domain: &str) -> Option<NetworkIdentity> {
    let service = service_info(model, key)?;
    let endpoints: Vec<_> = service_endpoints(model, key, &service.name).collect();
    let mut pods: Vec<PodIdentity> = pods_of(model, key)
        .map(|(ordinal, p)| {
            pod_identity(
                key,
                &service.name,
                cluster_domain,
                ordinal,
                p,
                endpoints.iter().copied(),
            )
        })
        .collect();
    pods.sort_by_key(|p| p.ordinal);
    Some(NetworkIdentity { service, pods })
}

/// One pod's identity, for the selected row: what stays (name, DNS name,
/// claim) and what changes with each incarnation (UID, node, IP).
#[derive(Debug, Clone, Serialize)]
pub struct PodSummary {
    pub pod: Text,
    pub uid: Text,
    pub node: Option<Text>,
    pub ip: Option<Text>,
    pub dns: String,
    pub service: ServiceInfo,
    pub ready_endpoint: Option<bool>,
    pub revision: Option<Text>,
}

pub fn pod_summary(
    model: &Model,
    key: &Key,
    pod_name: &str,
    cluster_domain: &str,
) -> Option<PodSummary> {
    let pod = model.store.pods.get(&Key::new(&key.namespace, pod_name))?;
    let service = service_info(model, key)?;
    let ordinal = pod::ordinal(pod, &key.name).unwrap_or_default();
    let endpoints = service_endpoints(model, key, &service.name);
    let identity = pod_identity(key, &service.name, cluster_domain, ordinal, pod, endpoints);
    Some(PodSummary {
        pod: identity.pod,
        uid: pod.metadata.uid.clone(),
        node: pod.spec.node_name.clone(),
        ip: identity.ip,
        dns: identity.dns,
        service,
        ready_endpoint: identity.ready_endpoint,
        revision: pod.metadata.labels.revision_hash.clone(),
    })
}
