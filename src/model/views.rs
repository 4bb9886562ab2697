//! Views derived from the model: pure functions of it, what the dashboard
//! draws and `stsdash dump` prints.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use serde::Serialize;

use super::event::{Key, Kind, Millis};
use super::history::{Narration, OrdinalLife};
use super::object::{
    Endpoint, Event as KubeEvent, IntOrText, Meta, PersistentVolume, PersistentVolumeClaim, Pod,
    StatefulSet, StorageClass, TargetRef,
};
use super::pod::{self, Phase};
use super::text::Text;
use super::{Model, Store};

// ----- small readings of a StatefulSet -----

pub fn desired_replicas(sts: &StatefulSet) -> u32 {
    sts.spec.replicas.unwrap_or(1).max(0) as u32
}

/// Desired ordinals get a row (or a claim) before their pod exists, up to
/// this many: replicas may be set to two billion, the screen cannot show them.
pub const MAX_DESIRED_ROWS: u32 = 10_000;

/// The desired ordinals that get a row: 0 up to replicas, at most [`MAX_DESIRED_ROWS`].
pub fn desired_ordinals(sts: &StatefulSet) -> std::ops::Range<u32> {
    0..desired_replicas(sts).min(MAX_DESIRED_ROWS)
}

pub fn is_parallel(sts: &StatefulSet) -> bool {
    sts.spec.pod_management_policy.as_deref() == Some("Parallel")
}

pub fn partition(sts: &StatefulSet) -> i32 {
    sts.spec
        .update_strategy
        .as_ref()
        .and_then(|u| u.rolling_update.as_ref())
        .and_then(|r| r.partition)
        .unwrap_or(0)
}

/// The claims a pod of this StatefulSet gets from its templates: `<template>-<pod>`.
pub fn template_claims(sts: &StatefulSet, pod_name: &str) -> Vec<String> {
    sts.spec
        .volume_claim_templates
        .iter()
        .map(|t| format!("{}-{pod_name}", t.metadata.name))
        .collect()
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Retention {
    pub when_deleted: String,
    pub when_scaled: String,
}

pub fn retention(sts: &StatefulSet) -> Retention {
    let policy = sts.spec.persistent_volume_claim_retention_policy.as_ref();
    let get = |v: Option<&Text>| v.map_or_else(|| "Retain".into(), |v| v.to_string());
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
                && cr
                    .metadata
                    .controller("StatefulSet")
                    .is_some_and(|o| o.name == key.name)
        })
        .max_by_key(|(_, cr)| cr.revision)
        .map(|(k, _)| k.name.to_string());
    newest.or_else(|| {
        store
            .statefulsets
            .get(key)
            .and_then(|s| s.status.update_revision.as_ref())
            .map(Text::to_string)
    })
}

/// Who provisioned a volume dynamically (None: created by hand, static).
pub fn provisioner_of(pv: &PersistentVolume) -> Option<Text> {
    let annotations = &pv.metadata.annotations;
    annotations
        .provisioned_by
        .clone()
        .or_else(|| annotations.provisioned_by_new.clone())
}

/// The StatefulSet whose template made this claim, if any.
pub fn claim_statefulset(store: &Store, namespace: &str, claim: &str) -> Option<Key> {
    store
        .statefulsets
        .iter()
        .filter(|(k, _)| k.namespace == namespace)
        .find(|(k, sts)| {
            sts.spec.volume_claim_templates.iter().any(|t| {
                claim
                    .strip_prefix(&format!("{}-{}-", t.metadata.name, k.name))
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
        .map(|(k, _)| k.name.to_string())
        .collect()
}

/// When an Event last happened (see [`KubeEvent::time`]).
pub fn event_time(event: &KubeEvent) -> Millis {
    event.time()
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
            pod: format!("{}-{ordinal}", key.name),
            phase: life
                .current()
                .filter(|i| i.gone.is_none())
                .map_or(Phase::Gone, |i| i.phase()),
            not_created: false,
            life: life.clone(),
        })
        .collect();
    let seen = model.history.ordinals.get(key);
    if let Some(sts) = model.statefulset(key) {
        for ordinal in desired_ordinals(sts) {
            if !seen.is_some_and(|s| s.contains_key(&ordinal)) {
                rows.push(TimelineRow {
                    ordinal,
                    pod: format!("{}-{ordinal}", key.name),
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
    pub name: Text,
    pub phase: Phase,
    pub node: Option<Text>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ClaimNode {
    pub name: Text,
    /// Pending, Bound, Lost (None: no such claim now).
    pub phase: Option<Text>,
    /// Deletion requested; `protected` when the pvc-protection finalizer holds it.
    pub terminating: bool,
    pub protected: bool,
    pub capacity: Option<Text>,
    pub requested: Option<Text>,
    pub access_modes: Vec<Text>,
    pub storage_class: Option<Text>,
    /// Pods that mount it.
    pub used_by: Vec<Text>,
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
    pub name: Text,
    /// Available, Bound, Released, Failed.
    pub phase: Option<Text>,
    pub capacity: Option<Text>,
    pub access_modes: Vec<Text>,
    pub reclaim_policy: Text,
    pub storage_class: Option<Text>,
    /// None: a static volume an admin made.
    pub provisioned_by: Option<Text>,
    pub host_path: Option<Text>,
    pub node_affinity: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ClassNode {
    pub name: Text,
    pub provisioner: Text,
    pub reclaim_policy: Text,
    pub binding_mode: Text,
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
    let spec = &pv.spec;
    VolumeNode {
        name: pv.metadata.name.clone(),
        phase: pv.status.phase.clone(),
        capacity: spec.capacity.storage.clone(),
        access_modes: spec.access_modes.clone(),
        reclaim_policy: spec
            .persistent_volume_reclaim_policy
            .clone()
            .unwrap_or_else(|| "Retain".into()),
        storage_class: spec.storage_class_name.clone(),
        provisioned_by: provisioner_of(pv),
        host_path: spec.host_path.as_ref().map(|h| h.path.clone()),
        node_affinity: spec
            .node_affinity
            .as_ref()
            .and_then(|a| a.required.as_ref())
            .map(|r| {
                r.node_selector_terms
                    .iter()
                    .flat_map(|t| t.match_expressions.iter())
                    .map(|e| format!("{} {} {}", e.key, e.operator, e.values.join(",")))
                    .collect::<Vec<_>>()
                    .join("; ")
            }),
    }
}

fn is_default_class(sc: &StorageClass) -> bool {
    sc.metadata.annotations.default_class.as_deref() == Some("true")
}

fn class_node(model: &Model, name: Option<&str>) -> Visible<ClassNode> {
    if !model.permitted(Kind::StorageClass) {
        return Visible::NotPermitted;
    }
    let class = match name {
        Some(name) => model.store.classes.get(&Key::new("", name)),
        None => model.store.classes.values().find(|c| is_default_class(c)),
    };
    match class {
        Some(sc) => Visible::Shown(ClassNode {
            name: sc.metadata.name.clone(),
            provisioner: sc.provisioner.clone(),
            reclaim_policy: sc.reclaim_policy.clone().unwrap_or_else(|| "Delete".into()),
            binding_mode: sc
                .volume_binding_mode
                .clone()
                .unwrap_or_else(|| "Immediate".into()),
            allow_expansion: sc.allow_volume_expansion.unwrap_or(false),
            default: is_default_class(sc),
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
    let mut users: HashMap<&str, Vec<Text>> = HashMap::new();
    for (k, p) in in_namespace(&model.store.pods, ns) {
        for claim in pod::claims(p) {
            users.entry(claim).or_default().push(k.name.clone());
        }
    }
    // Each template's claim name prefix, and the class it asks for.
    let templates: Vec<(String, Option<Text>)> = sts
        .iter()
        .flat_map(|s| s.spec.volume_claim_templates.iter())
        .map(|t| {
            (
                format!("{}-{}-", t.metadata.name, key.name),
                t.spec.storage_class_name.clone(),
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
    ordinals.extend(sts.map_or(0..0, desired_ordinals));
    for &ordinal in &ordinals {
        for (prefix, _) in &templates {
            claims.insert(format!("{prefix}{ordinal}"), Some(ordinal));
        }
    }
    for (k, _) in in_namespace(&model.store.claims, ns) {
        if let Some(ordinal) = ordinal_of(&k.name) {
            claims.entry(k.name.to_string()).or_insert(Some(ordinal));
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
            .filter(|pv| pv.status.phase.as_deref() == Some("Released"))
            .filter(|pv| {
                pv.spec.claim_ref.as_ref().is_some_and(|c| {
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
                s.metadata.namespace == ns
                    && s.spec.volume_claim_templates.iter().any(|t| {
                        claim
                            .strip_prefix(&format!("{}-{}-", t.metadata.name, s.metadata.name))
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
                    .find_map(|n| model.store.pods.get(&Key::new(ns, n)))
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
    template_class: Option<Text>,
    users: &HashMap<&str, Vec<Text>>,
) -> Binding {
    let claim = model.store.claims.get(&Key::new(ns, name));
    let used_by = users.get(name).cloned().unwrap_or_default();
    let pod = pod.map(|p| PodNode {
        name: p.metadata.name.clone(),
        phase: pod::phase(p),
        node: p.spec.node_name.clone(),
    });
    let spec = claim.map(|c| &c.spec);
    let status = claim.map(|c| &c.status);
    let class_name = match claim {
        Some(_) => spec.and_then(|s| s.storage_class_name.clone()),
        None => template_class,
    };
    let volume = match spec.and_then(|s| s.volume_name.as_ref()) {
        _ if !model.permitted(Kind::PersistentVolume) => Visible::NotPermitted,
        Some(v) => model
            .store
            .volumes
            .get(&Key::new("", v))
            .map_or(Visible::Unknown, |pv| Visible::Shown(volume_node(pv))),
        None => Visible::Unknown,
    };
    let terminating = claim.is_some_and(|c| c.metadata.deletion_timestamp.is_some());
    Binding {
        ordinal,
        pod,
        claim: ClaimNode {
            name: name.into(),
            phase: status.and_then(|s| s.phase.clone()),
            terminating,
            protected: terminating
                && claim.is_some_and(|c| {
                    c.metadata
                        .finalizers
                        .iter()
                        .any(|f| f == "kubernetes.io/pvc-protection")
                }),
            capacity: status.and_then(|s| s.capacity.storage.clone()),
            requested: spec.and_then(|s| s.resources.requests.storage.clone()),
            access_modes: spec.map(|s| s.access_modes.clone()).unwrap_or_default(),
            storage_class: class_name.clone(),
            without_pod: claim.is_some() && used_by.is_empty(),
            used_by,
            exists: claim.is_some(),
            deleted: claim.is_none() && model.history.claim_deleted(&Key::new(ns, name)),
        },
        volume,
        class: class_node(model, class_name.as_deref()),
    }
}

// ----- 3. network identity -----

#[derive(Debug, Clone, Serialize)]
pub struct ServiceInfo {
    pub name: Text,
    pub exists: bool,
    pub headless: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct PodIdentity {
    pub ordinal: u32,
    pub pod: Text,
    /// `<pod>.<service>.<namespace>.svc.<cluster domain>`
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
        dns: format!(
            "{name}.{service_name}.{}.svc.{cluster_domain}",
            key.namespace
        ),
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

// ----- 4. rollout -----

#[derive(Debug, Clone, Serialize)]
pub struct OrdinalRevision {
    pub ordinal: u32,
    pub revision: Option<Text>,
    pub updated: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Rollout {
    pub desired: u32,
    pub current: i32,
    pub ready: i32,
    pub updated: i32,
    pub available: i32,
    pub current_revision: Option<Text>,
    pub update_revision: Option<Text>,
    pub strategy: Text,
    pub partition: i32,
    pub max_unavailable: Option<String>,
    pub pod_management_policy: Text,
    pub ordinals: Vec<OrdinalRevision>,
}

pub fn rollout(model: &Model, key: &Key) -> Option<Rollout> {
    let sts = model.statefulset(key)?;
    let (spec, status) = (&sts.spec, &sts.status);
    let strategy = spec.update_strategy.as_ref();
    let update_revision = status.update_revision.as_ref();
    let mut ordinals: Vec<OrdinalRevision> = pods_of(model, key)
        .map(|(ordinal, p)| {
            let revision = p.metadata.labels.revision_hash.as_ref();
            OrdinalRevision {
                ordinal,
                updated: revision.is_some() && revision == update_revision,
                revision: revision.cloned(),
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
        current_revision: status.current_revision.clone(),
        update_revision: update_revision.cloned(),
        strategy: strategy
            .and_then(|s| s.type_.clone())
            .unwrap_or_else(|| "RollingUpdate".into()),
        partition: partition(sts),
        max_unavailable: strategy
            .and_then(|s| s.rolling_update.as_ref())
            .and_then(|r| r.max_unavailable.as_ref())
            .map(IntOrText::to_string),
        pod_management_policy: spec
            .pod_management_policy
            .clone()
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
    let name = &key.name;
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
        .filter_map(|c| model.store.claims.get(&Key::new(&key.namespace, c)))
        .collect();
    // About this very object: an Event naming a UID may be about an earlier one.
    let about = |o: &TargetRef, meta: &Meta| {
        o.name.as_ref() == Some(&meta.name) && o.uid.as_ref().is_none_or(|u| *u == meta.uid)
    };
    in_namespace(&model.store.events, &key.namespace)
        .map(|(_, e)| e)
        .filter(|e| e.is_warning())
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
                Some("PersistentVolumeClaim") => claims
                    .iter()
                    .any(|c| about(o, &c.metadata) && c.status.phase.as_deref() != Some("Bound")),
                _ => false,
            }
        })
        .max_by_key(|e| event_time(e))
        .map(|e| {
            format!(
                "{}: {}",
                e.reason.as_deref().unwrap_or_default(),
                e.message.as_deref().unwrap_or_default()
            )
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
        .filter(|i| p.metadata.uid == i.uid)
        .and_then(|i| i.segments.back().filter(|s| s.from > i.first_seen))
        .map(|s| s.from);
    seen.unwrap_or_else(|| {
        let conditions = p
            .status
            .conditions
            .iter()
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
