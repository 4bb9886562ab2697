//! Views derived from the model: pure functions of it, what the dashboard
//! draws and `stsdash dump` prints.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use k8s_openapi::api::apps::v1::StatefulSet;
use k8s_openapi::api::core::v1::{
    Event as KubeEvent, ObjectReference, PersistentVolume, PersistentVolumeClaim, Pod,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use kube::ResourceExt;
use serde::Serialize;

use super::event::{Key, Kind, Millis};
use super::history::{Narration, OrdinalLife};
use super::pod::{self, Phase};
use super::sanitize::line as clean;
use super::{Model, Store};

// ----- small readings of a StatefulSet -----

pub fn desired_replicas(sts: &StatefulSet) -> u32 {
    sts.spec
        .as_ref()
        .and_then(|s| s.replicas)
        .unwrap_or(1)
        .max(0) as u32
}

pub fn is_parallel(sts: &StatefulSet) -> bool {
    sts.spec
        .as_ref()
        .and_then(|s| s.pod_management_policy.as_deref())
        == Some("Parallel")
}

pub fn partition(sts: &StatefulSet) -> i32 {
    sts.spec
        .as_ref()
        .and_then(|s| s.update_strategy.as_ref())
        .and_then(|u| u.rolling_update.as_ref())
        .and_then(|r| r.partition)
        .unwrap_or(0)
}

/// The claims a pod of this StatefulSet gets from its templates: `<template>-<pod>`.
pub fn template_claims(sts: &StatefulSet, pod_name: &str) -> Vec<String> {
    sts.spec
        .iter()
        .flat_map(|s| s.volume_claim_templates.iter().flatten())
        .map(|t| format!("{}-{pod_name}", t.name_any()))
        .collect()
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Retention {
    pub when_deleted: String,
    pub when_scaled: String,
}

pub fn retention(sts: &StatefulSet) -> Retention {
    let policy = sts
        .spec
        .as_ref()
        .and_then(|s| s.persistent_volume_claim_retention_policy.as_ref());
    let get = |v: Option<&String>| v.cloned().unwrap_or_else(|| "Retain".into());
    Retention {
        when_deleted: get(policy.and_then(|p| p.when_deleted.as_ref())),
        when_scaled: get(policy.and_then(|p| p.when_scaled.as_ref())),
    }
}

/// The StatefulSet's newest revision: its ControllerRevision with the highest
/// number (created before the controller starts replacing pods), else the
/// status's updateRevision.
pub fn latest_revision(store: &Store, key: &Key) -> Option<String> {
    let newest = store
        .revisions
        .iter()
        .filter(|(k, cr)| {
            k.namespace == key.namespace
                && cr.metadata.owner_references.iter().flatten().any(|o| {
                    o.controller == Some(true) && o.kind == "StatefulSet" && o.name == key.name
                })
        })
        .max_by_key(|(_, cr)| cr.revision)
        .map(|(k, _)| k.name.clone());
    newest.or_else(|| {
        store
            .statefulsets
            .get(key)
            .and_then(|s| s.status.as_ref())
            .and_then(|s| s.update_revision.clone())
    })
}

/// Who provisioned a volume dynamically (None: created by hand, static).
pub fn provisioner_of(pv: &PersistentVolume) -> Option<String> {
    let annotations = pv.metadata.annotations.as_ref()?;
    annotations
        .get("pv.kubernetes.io/provisioned-by")
        .or_else(|| annotations.get("volume.kubernetes.io/provisioned-by"))
        .cloned()
}

/// The StatefulSet whose template made this claim, if any.
pub fn claim_statefulset(store: &Store, namespace: &str, claim: &str) -> Option<Key> {
    store
        .statefulsets
        .iter()
        .filter(|(k, _)| k.namespace == namespace)
        .find(|(k, sts)| {
            sts.spec
                .iter()
                .flat_map(|s| s.volume_claim_templates.iter().flatten())
                .any(|t| {
                    claim
                        .strip_prefix(&format!("{}-{}-", t.name_any(), k.name))
                        .is_some_and(|n| n.parse::<u32>().is_ok())
                })
        })
        .map(|(k, _)| k.clone())
}

/// Names of the pods that mount a claim.
pub fn claim_users(store: &Store, namespace: &str, claim: &str) -> Vec<String> {
    store
        .pods
        .iter()
        .filter(|(k, p)| k.namespace == namespace && pod::claims(p).any(|c| c == claim))
        .map(|(k, _)| clean(&k.name))
        .collect()
}

/// When an Event last happened: its lastTimestamp, else (events.k8s.io
/// Events) the last of its series or its eventTime.
pub fn event_time(event: &KubeEvent) -> Millis {
    event
        .last_timestamp
        .as_ref()
        .map(|t| t.0.as_millisecond())
        .or_else(|| {
            event
                .series
                .as_ref()
                .and_then(|s| s.last_observed_time.as_ref())
                .or(event.event_time.as_ref())
                .map(|t| t.0.as_millisecond())
        })
        .or_else(|| event.first_timestamp.as_ref().map(|t| t.0.as_millisecond()))
        .or_else(|| {
            event
                .metadata
                .creation_timestamp
                .as_ref()
                .map(|t| t.0.as_millisecond())
        })
        .unwrap_or_default()
}

fn pods_of<'a>(model: &'a Model, key: &'a Key) -> impl Iterator<Item = (u32, &'a Pod)> + 'a {
    in_namespace(&model.store.pods, &key.namespace).filter_map(move |(_, p)| {
        (pod::owner_statefulset(p) == Some(&key.name))
            .then(|| pod::ordinal(p, &key.name).map(|o| (o, p)))
            .flatten()
    })
}

// ----- 1. ordinal timeline -----

#[derive(Debug, Clone, Serialize)]
pub struct TimelineRow {
    pub ordinal: u32,
    /// The pod's name, e.g. web-2.
    pub pod: String,
    /// The phase now (Gone if no pod exists).
    pub phase: Phase,
    /// A desired ordinal that never had a pod (e.g. one OrderedReady has not
    /// reached yet): not created yet rather than gone; `phase` is Gone.
    pub not_created: bool,
    pub life: OrdinalLife,
}

/// One row per ordinal ever seen, and one for each desired ordinal not seen yet.
pub fn timeline(model: &Model, key: &Key) -> Vec<TimelineRow> {
    let mut rows: Vec<TimelineRow> = model
        .history
        .ordinals
        .get(key)
        .into_iter()
        .flatten()
        .map(|(ordinal, life)| TimelineRow {
            ordinal: *ordinal,
            pod: clean(&format!("{}-{ordinal}", key.name)),
            phase: life
                .current()
                .filter(|i| i.gone.is_none())
                .map_or(Phase::Gone, |i| i.phase()),
            not_created: false,
            life: life.clone(),
        })
        .collect();
    if let Some(sts) = model.statefulset(key) {
        for ordinal in 0..desired_replicas(sts) {
            if !rows.iter().any(|r| r.ordinal == ordinal) {
                rows.push(TimelineRow {
                    ordinal,
                    pod: clean(&format!("{}-{ordinal}", key.name)),
                    phase: Phase::Gone,
                    not_created: true,
                    life: OrdinalLife::default(),
                });
            }
        }
    }
    rows.sort_by_key(|r| r.ordinal);
    rows
}

// ----- 2. binding graph -----

#[derive(Debug, Clone, Serialize)]
pub struct PodNode {
    pub name: String,
    pub phase: Phase,
    pub node: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ClaimNode {
    pub name: String,
    /// Pending, Bound, Lost (None: no such claim now).
    pub phase: Option<String>,
    /// Deletion requested; `protected` when the pvc-protection finalizer holds it.
    pub terminating: bool,
    pub protected: bool,
    pub capacity: Option<String>,
    pub requested: Option<String>,
    pub access_modes: Vec<String>,
    pub storage_class: Option<String>,
    /// Pods that mount it.
    pub used_by: Vec<String>,
    /// No pod uses it (e.g. kept after a scale-down).
    pub without_pod: bool,
    pub exists: bool,
    /// It does not exist because it was deleted while watched (not: not created yet).
    pub deleted: bool,
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "visibility", rename_all = "snake_case")]
pub enum Visible<T> {
    Shown(T),
    /// The user may not read this kind.
    NotPermitted,
    /// Not (yet) known.
    Unknown,
}

#[derive(Debug, Clone, Serialize)]
pub struct VolumeNode {
    pub name: String,
    /// Available, Bound, Released, Failed.
    pub phase: Option<String>,
    pub capacity: Option<String>,
    pub access_modes: Vec<String>,
    pub reclaim_policy: String,
    pub storage_class: Option<String>,
    /// None: a static volume an admin made.
    pub provisioned_by: Option<String>,
    pub host_path: Option<String>,
    pub node_affinity: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ClassNode {
    pub name: String,
    pub provisioner: String,
    pub reclaim_policy: String,
    pub binding_mode: String,
    pub allow_expansion: bool,
    pub default: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Binding {
    pub ordinal: Option<u32>,
    pub pod: Option<PodNode>,
    pub claim: ClaimNode,
    pub volume: Visible<VolumeNode>,
    pub class: Visible<ClassNode>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BindingGraph {
    pub retention: Option<Retention>,
    pub bindings: Vec<Binding>,
    /// Released volumes whose claim is gone but that came from this StatefulSet's claims.
    pub released: Vec<VolumeNode>,
    /// The namespace's claims that belong to no StatefulSet (e.g. a standalone
    /// claim and the pods mounting it), so they can be compared.
    pub others: Vec<Binding>,
}

fn volume_node(pv: &PersistentVolume) -> VolumeNode {
    let spec = pv.spec.clone().unwrap_or_default();
    VolumeNode {
        name: clean(&pv.name_any()),
        phase: pv.status.as_ref().and_then(|s| s.phase.clone()),
        capacity: spec
            .capacity
            .as_ref()
            .and_then(|c| c.get("storage"))
            .map(|q| q.0.clone()),
        access_modes: spec.access_modes.clone().unwrap_or_default(),
        reclaim_policy: spec
            .persistent_volume_reclaim_policy
            .clone()
            .unwrap_or_else(|| "Retain".into()),
        storage_class: spec.storage_class_name.clone(),
        provisioned_by: provisioner_of(pv).map(|p| clean(&p)),
        host_path: spec.host_path.as_ref().map(|h| clean(&h.path)),
        node_affinity: spec
            .node_affinity
            .as_ref()
            .and_then(|a| a.required.as_ref())
            .map(|r| {
                r.node_selector_terms
                    .iter()
                    .flat_map(|t| t.match_expressions.iter().flatten())
                    .map(|e| {
                        format!(
                            "{} {} {}",
                            e.key,
                            e.operator,
                            e.values.clone().unwrap_or_default().join(",")
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("; ")
            }),
    }
}

fn class_node(model: &Model, name: Option<&str>) -> Visible<ClassNode> {
    if !model.permitted(Kind::StorageClass) {
        return Visible::NotPermitted;
    }
    let is_default = |sc: &k8s_openapi::api::storage::v1::StorageClass| {
        sc.annotations()
            .get("storageclass.kubernetes.io/is-default-class")
            .is_some_and(|v| v == "true")
    };
    let class = match name {
        Some(name) => model.store.classes.get(&Key::new("", name)),
        None => model.store.classes.values().find(|c| is_default(c)),
    };
    match class {
        Some(sc) => Visible::Shown(ClassNode {
            name: clean(&sc.name_any()),
            provisioner: clean(&sc.provisioner),
            reclaim_policy: sc.reclaim_policy.clone().unwrap_or_else(|| "Delete".into()),
            binding_mode: sc
                .volume_binding_mode
                .clone()
                .unwrap_or_else(|| "Immediate".into()),
            allow_expansion: sc.allow_volume_expansion.unwrap_or(false),
            default: is_default(sc),
        }),
        None => Visible::Unknown,
    }
}

/// The objects of one namespace in a store map (keys sort by namespace first).
fn in_namespace<'a, T>(
    map: &'a BTreeMap<Key, T>,
    ns: &'a str,
) -> impl Iterator<Item = (&'a Key, &'a T)> + 'a {
    map.range(Key::new(ns, "")..)
        .take_while(move |(k, _)| k.namespace == ns)
}

/// Pod → claim → volume → class, for every claim of the StatefulSet (its
/// templates × every ordinal seen or desired, and any such claim still in the
/// namespace) and any other claim its pods mount.
pub fn binding_graph(model: &Model, key: &Key) -> BindingGraph {
    let sts = model.statefulset(key);
    let ns = key.namespace.as_str();
    // Who mounts which claim, computed once.
    let mut users: HashMap<&str, Vec<String>> = HashMap::new();
    for (k, p) in in_namespace(&model.store.pods, ns) {
        for claim in pod::claims(p) {
            users.entry(claim).or_default().push(clean(&k.name));
        }
    }
    // Each template's claim name prefix, and the class it asks for.
    let templates: Vec<(String, Option<String>)> = sts
        .iter()
        .flat_map(|s| {
            s.spec
                .iter()
                .flat_map(|s| s.volume_claim_templates.iter().flatten())
        })
        .map(|t| {
            (
                format!("{}-{}-", t.name_any(), key.name),
                t.spec.as_ref().and_then(|s| s.storage_class_name.clone()),
            )
        })
        .collect();
    // The template a claim name comes from, and the claim's ordinal.
    let template_of = |claim: &str| {
        templates.iter().find_map(|(prefix, class)| {
            let ordinal = claim.strip_prefix(prefix.as_str())?.parse::<u32>().ok()?;
            Some((ordinal, class))
        })
    };
    let ordinal_of = |claim: &str| template_of(claim).map(|(ordinal, _)| ordinal);

    // claim name → ordinal
    let mut claims: BTreeMap<String, Option<u32>> = BTreeMap::new();
    let mut ordinals: BTreeSet<u32> = model
        .history
        .ordinals
        .get(key)
        .map(|o| o.keys().copied().collect())
        .unwrap_or_default();
    ordinals.extend(0..sts.map_or(0, desired_replicas));
    for &ordinal in &ordinals {
        for (prefix, _) in &templates {
            claims.insert(format!("{prefix}{ordinal}"), Some(ordinal));
        }
    }
    for (k, _) in in_namespace(&model.store.claims, ns) {
        if let Some(ordinal) = ordinal_of(&k.name) {
            claims.entry(k.name.clone()).or_insert(Some(ordinal));
        }
    }
    for (ordinal, p) in pods_of(model, key) {
        for claim in pod::claims(p) {
            claims.entry(claim.to_string()).or_insert(Some(ordinal));
        }
    }
    let mut claims: Vec<(Option<u32>, String)> = claims.into_iter().map(|(c, o)| (o, c)).collect();
    claims.sort();

    let bindings = claims
        .into_iter()
        .map(|(ordinal, name)| {
            let pod = ordinal
                .and_then(|o| {
                    model
                        .store
                        .pods
                        .get(&Key::new(ns, format!("{}-{o}", key.name)))
                })
                .filter(|p| pod::claims(p).any(|c| c == name));
            // Not there (yet): the class its template asks for.
            let template_class = template_of(&name).and_then(|(_, class)| class.clone());
            binding(model, ns, &name, ordinal, pod, template_class, &users)
        })
        .collect::<Vec<_>>();

    // Released volumes that were bound to claims of this StatefulSet that are gone.
    let released = if model.permitted(Kind::PersistentVolume) {
        let existing: HashSet<&str> = bindings
            .iter()
            .filter(|b| b.claim.exists)
            .map(|b| b.claim.name.as_str())
            .collect();
        model
            .store
            .volumes
            .values()
            .filter(|pv| pv.status.as_ref().and_then(|s| s.phase.as_deref()) == Some("Released"))
            .filter(|pv| {
                pv.spec
                    .as_ref()
                    .and_then(|s| s.claim_ref.as_ref())
                    .is_some_and(|c| {
                        let name = c.name.as_deref().unwrap_or_default();
                        c.namespace.as_deref() == Some(ns)
                            && ordinal_of(name).is_some()
                            && !existing.contains(name)
                    })
            })
            .map(volume_node)
            .collect()
    } else {
        Vec::new()
    };
    // Claims of no StatefulSet (a standalone claim and the pods that use it).
    let any_template = |claim: &str| {
        template_of(claim).is_some()
            || model.store.statefulsets.values().any(|s| {
                s.metadata.namespace.as_deref() == Some(ns)
                    && s.spec
                        .iter()
                        .flat_map(|spec| spec.volume_claim_templates.iter().flatten())
                        .any(|t| {
                            claim
                                .strip_prefix(&format!("{}-{}-", t.name_any(), s.name_any()))
                                .is_some_and(|o| o.parse::<u32>().is_ok())
                        })
            })
    };
    let others = in_namespace(&model.store.claims, ns)
        .filter(|(k, _)| !any_template(&k.name))
        .map(|(k, _)| {
            let pod = users.get(k.name.as_str()).and_then(|names| {
                names
                    .iter()
                    .find_map(|n| model.store.pods.get(&Key::new(ns, n.clone())))
            });
            binding(model, ns, &k.name, None, pod, None, &users)
        })
        .collect();
    BindingGraph {
        retention: sts.map(retention),
        bindings,
        released,
        others,
    }
}

/// One claim with the pod that mounts it, its volume and its class.
fn binding(
    model: &Model,
    ns: &str,
    name: &str,
    ordinal: Option<u32>,
    pod: Option<&Pod>,
    template_class: Option<String>,
    users: &HashMap<&str, Vec<String>>,
) -> Binding {
    let claim = model.store.claims.get(&Key::new(ns, name.to_string()));
    let used_by = users.get(name).cloned().unwrap_or_default();
    let pod = pod.map(|p| PodNode {
        name: clean(&p.name_any()),
        phase: pod::phase(p),
        node: pod::node(p).map(clean),
    });
    let spec = claim.and_then(|c| c.spec.as_ref());
    let status = claim.and_then(|c| c.status.as_ref());
    let class_name = match claim {
        Some(_) => spec.and_then(|s| s.storage_class_name.clone()),
        None => template_class,
    };
    let volume = match spec.and_then(|s| s.volume_name.as_ref()) {
        _ if !model.permitted(Kind::PersistentVolume) => Visible::NotPermitted,
        Some(v) => model
            .store
            .volumes
            .get(&Key::new("", v.clone()))
            .map_or(Visible::Unknown, |pv| Visible::Shown(volume_node(pv))),
        None => Visible::Unknown,
    };
    let terminating = claim.is_some_and(|c| c.metadata.deletion_timestamp.is_some());
    Binding {
        ordinal,
        pod,
        claim: ClaimNode {
            name: clean(name),
            phase: status.and_then(|s| s.phase.clone()),
            terminating,
            protected: terminating
                && claim.is_some_and(|c| {
                    c.finalizers()
                        .iter()
                        .any(|f| f == "kubernetes.io/pvc-protection")
                }),
            capacity: status
                .and_then(|s| s.capacity.as_ref())
                .and_then(|c| c.get("storage"))
                .map(|q| q.0.clone()),
            requested: spec
                .and_then(|s| s.resources.as_ref())
                .and_then(|r| r.requests.as_ref())
                .and_then(|r| r.get("storage"))
                .map(|q| q.0.clone()),
            access_modes: spec
                .and_then(|s| s.access_modes.clone())
                .unwrap_or_default(),
            storage_class: class_name.as_deref().map(clean),
            without_pod: claim.is_some() && used_by.is_empty(),
            used_by,
            exists: claim.is_some(),
            deleted: claim.is_none()
                && model.history.claim_deleted(&Key::new(ns, name.to_string())),
        },
        volume,
        class: class_node(model, class_name.as_deref()),
    }
}

// ----- 3. network identity -----

#[derive(Debug, Clone, Serialize)]
pub struct ServiceInfo {
    pub name: String,
    pub exists: bool,
    pub headless: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct PodIdentity {
    pub ordinal: u32,
    pub pod: String,
    /// `<pod>.<service>.<namespace>.svc.<cluster domain>`
    pub dns: String,
    pub ip: Option<String>,
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
    let name = sts
        .spec
        .as_ref()
        .and_then(|s| s.service_name.clone())
        .unwrap_or_default();
    let service = model
        .store
        .services
        .get(&Key::new(key.namespace.clone(), name.clone()));
    let headless = service
        .and_then(|s| s.spec.as_ref())
        .and_then(|s| s.cluster_ip.as_deref())
        == Some("None");
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
) -> impl Iterator<Item = &'a k8s_openapi::api::discovery::v1::Endpoint> + 'a {
    model
        .store
        .endpoint_slices
        .values()
        .filter(move |s| {
            s.metadata.namespace.as_deref() == Some(&key.namespace)
                && s.labels()
                    .get("kubernetes.io/service-name")
                    .map(String::as_str)
                    == Some(service_name)
        })
        .flat_map(|s| s.endpoints.iter().flatten())
}

/// One pod's identity under the Service (raw service name: cleaned here).
fn pod_identity<'a>(
    key: &Key,
    service_name: &str,
    cluster_domain: &str,
    ordinal: u32,
    p: &Pod,
    mut endpoints: impl Iterator<Item = &'a k8s_openapi::api::discovery::v1::Endpoint>,
) -> PodIdentity {
    let name = p.name_any();
    let ready_endpoint = endpoints
        .find(|e| e.target_ref.as_ref().and_then(|t| t.name.as_deref()) == Some(&name))
        .map(|e| e.conditions.as_ref().and_then(|c| c.ready).unwrap_or(true));
    PodIdentity {
        ordinal,
        dns: clean(&format!(
            "{name}.{service_name}.{}.svc.{cluster_domain}",
            key.namespace
        )),
        pod: clean(&name),
        ip: pod::ip(p).map(clean),
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
    Some(NetworkIdentity {
        service: ServiceInfo {
            name: clean(&service.name),
            ..service
        },
        pods,
    })
}

/// One pod's identity, for the selected row: what stays (name, DNS name,
/// claim) and what changes with each incarnation (UID, node, IP).
#[derive(Debug, Clone, Serialize)]
pub struct PodSummary {
    pub pod: String,
    pub uid: String,
    pub node: Option<String>,
    pub ip: Option<String>,
    pub dns: String,
    pub service: ServiceInfo,
    pub ready_endpoint: Option<bool>,
    pub revision: Option<String>,
}

pub fn pod_summary(
    model: &Model,
    key: &Key,
    pod_name: &str,
    cluster_domain: &str,
) -> Option<PodSummary> {
    let pod = model
        .store
        .pods
        .get(&Key::new(key.namespace.clone(), pod_name.to_string()))?;
    let service = service_info(model, key)?;
    let ordinal = pod::ordinal(pod, &key.name).unwrap_or_default();
    let endpoints = service_endpoints(model, key, &service.name);
    let identity = pod_identity(key, &service.name, cluster_domain, ordinal, pod, endpoints);
    Some(PodSummary {
        pod: identity.pod,
        uid: clean(pod.metadata.uid.as_deref().unwrap_or_default()),
        node: pod::node(pod).map(clean),
        ip: identity.ip,
        dns: identity.dns,
        service: ServiceInfo {
            name: clean(&service.name),
            ..service
        },
        ready_endpoint: identity.ready_endpoint,
        revision: pod::revision(pod).map(clean),
    })
}

// ----- 4. rollout -----

#[derive(Debug, Clone, Serialize)]
pub struct OrdinalRevision {
    pub ordinal: u32,
    pub revision: Option<String>,
    pub updated: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Rollout {
    pub desired: u32,
    pub current: i32,
    pub ready: i32,
    pub updated: i32,
    pub available: i32,
    pub current_revision: Option<String>,
    pub update_revision: Option<String>,
    pub strategy: String,
    pub partition: i32,
    pub max_unavailable: Option<String>,
    pub pod_management_policy: String,
    pub ordinals: Vec<OrdinalRevision>,
}

pub fn rollout(model: &Model, key: &Key) -> Option<Rollout> {
    let sts = model.statefulset(key)?;
    let spec = sts.spec.clone().unwrap_or_default();
    let status = sts.status.clone().unwrap_or_default();
    let strategy = spec.update_strategy.clone().unwrap_or_default();
    let update_revision = status.update_revision.clone();
    let mut ordinals: Vec<OrdinalRevision> = pods_of(model, key)
        .map(|(ordinal, p)| {
            let revision = pod::revision(p).map(str::to_string);
            OrdinalRevision {
                ordinal,
                updated: revision.is_some() && revision == update_revision,
                revision: revision.map(|r| clean(&r)),
            }
        })
        .collect();
    ordinals.sort_by_key(|o| o.ordinal);
    Some(Rollout {
        desired: desired_replicas(sts),
        current: status.current_replicas.unwrap_or(status.replicas),
        ready: status.ready_replicas.unwrap_or(0),
        updated: status.updated_replicas.unwrap_or(0),
        available: status.available_replicas.unwrap_or(0),
        current_revision: status.current_revision.map(|r| clean(&r)),
        update_revision: update_revision.map(|r| clean(&r)),
        strategy: strategy.type_.unwrap_or_else(|| "RollingUpdate".into()),
        partition: partition(sts),
        max_unavailable: strategy
            .rolling_update
            .and_then(|r| r.max_unavailable)
            .map(|m| match m {
                k8s_openapi::apimachinery::pkg::util::intstr::IntOrString::Int(i) => i.to_string(),
                k8s_openapi::apimachinery::pkg::util::intstr::IntOrString::String(s) => s,
            }),
        pod_management_policy: spec
            .pod_management_policy
            .unwrap_or_else(|| "OrderedReady".into()),
        ordinals,
    })
}

// ----- 5. narration -----

/// Why the StatefulSet is not where it wants to be, right now.
pub fn waiting(model: &Model, key: &Key) -> Option<String> {
    let sts = model.statefulset(key)?;
    let desired = desired_replicas(sts);
    let present: std::collections::BTreeMap<u32, &Pod> = pods_of(model, key).collect();
    let name = clean(&key.name);
    if !model.store.statefulsets.contains_key(key) {
        return Some(format!(
            "StatefulSet {name} was deleted: nothing creates or replaces its pods any more"
        ));
    }
    // Being deleted: the controller creates and replaces nothing any more.
    if sts.metadata.deletion_timestamp.is_some() {
        return Some(format!(
            "StatefulSet {name} is being deleted: the garbage collector removes its pods"
        ));
    }
    let extra: Vec<String> = present
        .range(desired..)
        .map(|(o, _)| format!("{name}-{o}"))
        .collect();
    if !extra.is_empty() && is_parallel(sts) {
        let together = if extra.len() > 1 { " together" } else { "" };
        return Some(format!(
            "scaling down to {desired}: Parallel stops {}{together}",
            extra.join(", ")
        ));
    }
    // Scale-down in progress: the highest extra ordinal goes first, one at a time.
    if let Some((&highest, _)) = present.iter().rev().find(|(o, _)| **o >= desired) {
        let waiting_for = present.keys().rev().find(|o| **o > highest);
        return Some(match waiting_for {
            Some(o) => format!(
                "{name}-{highest} waits for {name}-{o} to be gone (scale-down is one at a time)"
            ),
            None => format!("scaling down to {desired}: {name}-{highest} goes first"),
        });
    }
    let Some(missing) = (0..desired).find(|o| !present.contains_key(o)) else {
        // Every pod exists: the lowest one not on a node yet waits for something.
        let (&ordinal, p) = present
            .range(..desired)
            .find(|(_, p)| pod::phase(p) == Phase::Pending)?;
        return Some(format!(
            "{name}-{ordinal} is Pending, not on a node yet{}",
            because(holdup(model, key, ordinal, p))
        ));
    };
    if is_parallel(sts) {
        return Some(format!("{name}-{missing} not created yet (Parallel)"));
    }
    if missing == 0 {
        return Some(format!("{name}-0 not created yet"));
    }
    let previous = present.get(&(missing - 1));
    match previous {
        Some(p) if pod::is_ready(p) => Some(format!(
            "{name}-{missing} about to be created: {name}-{} is Ready",
            missing - 1
        )),
        Some(p) => Some(format!(
            "{name}-{missing} not created yet: OrderedReady waits for {name}-{} to be Ready{}",
            missing - 1,
            because(holdup(model, key, missing - 1, p))
        )),
        None => Some(format!(
            "{name}-{missing} not created yet: {name}-{} does not exist",
            missing - 1
        )),
    }
}

fn because(reason: Option<String>) -> String {
    reason.map(|r| format!(" ({r})")).unwrap_or_default()
}

/// Why a pod of the StatefulSet is held up: the newest Warning Event that
/// still applies to it or to one of its claims, as "Reason: message".
fn holdup(model: &Model, key: &Key, ordinal: u32, p: &Pod) -> Option<String> {
    let since = last_progress(model, key, ordinal, p);
    let scheduled = pod::node(p).is_some();
    let claims: Vec<&PersistentVolumeClaim> = pod::claims(p)
        .filter_map(|c| model.store.claims.get(&Key::new(key.namespace.clone(), c)))
        .collect();
    // About this very object: an Event naming a UID may be about an earlier one.
    let about = |o: &ObjectReference, meta: &ObjectMeta| {
        o.name == meta.name && (o.uid.is_none() || o.uid == meta.uid)
    };
    in_namespace(&model.store.events, &key.namespace)
        .map(|(_, e)| e)
        .filter(|e| e.type_.as_deref() == Some("Warning"))
        .filter(|e| {
            let o = &e.involved_object;
            match o.kind.as_deref() {
                // Older than the pod's last step it no longer applies; and a
                // scheduled pod's FailedScheduling is past whatever the clocks say.
                Some("Pod") => {
                    about(o, &p.metadata)
                        && event_time(e) >= since
                        && !(scheduled && e.reason.as_deref() == Some("FailedScheduling"))
                }
                // A claim's warnings (e.g. ProvisioningFailed) apply until it is bound.
                Some("PersistentVolumeClaim") => claims.iter().any(|c| {
                    about(o, &c.metadata)
                        && c.status.as_ref().and_then(|s| s.phase.as_deref()) != Some("Bound")
                }),
                _ => false,
            }
        })
        .max_by_key(|e| event_time(e))
        .map(|e| {
            clean(&format!(
                "{}: {}",
                e.reason.as_deref().unwrap_or_default(),
                e.message.as_deref().unwrap_or_default()
            ))
        })
}

/// When the pod entered its current phase: when stsdash saw that step, else
/// (found by a list, or still in its first phase) the newest of its
/// creationTimestamp and its conditions' lastTransitionTime. Compared with
/// Event times, so it assumes the cluster's clock agrees with this machine's.
fn last_progress(model: &Model, key: &Key, ordinal: u32, p: &Pod) -> Millis {
    let seen = model
        .history
        .ordinals
        .get(key)
        .and_then(|o| o.get(&ordinal))
        .and_then(|l| l.current())
        .filter(|i| p.metadata.uid.as_deref() == Some(i.uid.as_str()))
        .and_then(|i| i.segments.back().filter(|s| s.from > i.first_seen))
        .map(|s| s.from);
    seen.unwrap_or_else(|| {
        let conditions = p
            .status
            .iter()
            .flat_map(|s| s.conditions.iter().flatten())
            .filter_map(|c| c.last_transition_time.as_ref());
        p.metadata
            .creation_timestamp
            .iter()
            .chain(conditions)
            .map(|t| t.0.as_millisecond())
            .max()
            .unwrap_or_default()
    })
}

/// The narration about one StatefulSet (and lines about no StatefulSet).
pub fn narration<'a>(model: &'a Model, key: &'a Key) -> impl Iterator<Item = &'a Narration> + 'a {
    model
        .history
        .narration
        .iter()
        .filter(move |n| n.statefulset.as_ref().is_none_or(|k| k == key))
}
