//! The claim-to-volume binding graph: for every claim of the StatefulSet
//! (its templates × every ordinal seen or desired, and any such claim still
//! in the namespace), the pod that mounts it, its volume and its class; the
//! Released volumes its claims left; and the namespace's claims of no
//! StatefulSet. `storage_rows` says which rows there are; each row is made
//! when asked for.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::model::Model;
use crate::model::key::{Key, Kind};
use crate::model::object::{PersistentVolume, Pod, StatefulSet, StorageClass};
use crate::model::pod::{self, Phase};
use crate::model::sts::{self, Retention, claim_prefix, claim_template, retention};
use crate::model::text::Text;

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
    /// Who mounts it is not known: stsdash watches one StatefulSet's pods only.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub pods_unwatched: bool,
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

pub(super) fn volume_node(pv: &PersistentVolume) -> VolumeNode {
    let spec = &pv.spec;
    VolumeNode {
        name: pv.metadata.name.clone(),
        phase: pv.status.phase.as_ref().map(Text::from),
        capacity: spec.capacity.storage.clone(),
        access_modes: spec.access_modes.clone(),
        reclaim_policy: spec
            .persistent_volume_reclaim_policy
            .as_ref()
            .map_or_else(|| "Retain".into(), Text::from),
        storage_class: spec.storage_class_name.clone(),
        provisioned_by: pv.provisioner(),
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

pub(super) fn class_node(model: &Model, name: Option<&str>) -> Visible<ClassNode> {
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
            reclaim_policy: sc
                .reclaim_policy
                .as_ref()
                .map_or_else(|| "Delete".into(), Text::from),
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

/// Pod → claim → volume → class, for every claim of the StatefulSet (its
/// templates × every ordinal seen or desired, and any such claim still in the
/// namespace) and any other claim its pods mount.
/// The rows of the storage graph of one StatefulSet, made when asked for
/// (from the model's indexes, so the first rows cost what they are, however
/// many there are).
#[derive(Debug, Clone)]
pub struct StorageRows<'a> {
    model: &'a Model,
    key: &'a Key,
    sts: Option<&'a StatefulSet>,
    /// Its claims the index keeps as claims of no StatefulSet (it was deleted
    /// before they appeared), by ordinal: few, and found once.
    orphaned: BTreeMap<u32, BTreeSet<Text>>,
    pub retention: Option<Retention>,
}

/// The storage graph of StatefulSet `key`, row by row.
pub fn storage_rows<'a>(model: &'a Model, key: &'a Key) -> StorageRows<'a> {
    let sts = model.statefulset(key);
    let mut orphaned: BTreeMap<u32, BTreeSet<Text>> = BTreeMap::new();
    for claim in model.index.free_claims(&key.namespace) {
        if let Some((ordinal, _)) = sts.and_then(|s| claim_template(s, &key.name, &claim.name)) {
            orphaned
                .entry(ordinal)
                .or_default()
                .insert(claim.name.clone());
        }
    }
    StorageRows {
        model,
        key,
        sts,
        orphaned,
        retention: sts.map(retention),
    }
}

impl<'a> StorageRows<'a> {
    /// Which template of this StatefulSet names `claim`, and its ordinal.
    fn of_this(&self, claim: &str) -> Option<u32> {
        self.sts
            .and_then(|s| claim_template(s, &self.key.name, claim))
            .map(|(ordinal, _)| ordinal)
    }

    /// Every ordinal that has a row: seen, desired, with a claim, or with a pod.
    fn ordinals(&self) -> impl Iterator<Item = u32> + use<'a> {
        let model = self.model;
        let key = self.key;
        let seen = model
            .history
            .ordinals
            .get(key)
            .into_iter()
            .flat_map(|o| o.keys().copied());
        let desired = self.sts.map_or(0..0, sts::desired_ordinals);
        let claims = model.index.claims_of(key).map(|(o, _)| o);
        let orphaned: Vec<u32> = self.orphaned.keys().copied().collect();
        let pods = model.index.pods_of(key).map(|(o, _)| o);
        merged(vec![
            Box::new(seen),
            Box::new(desired),
            Box::new(claims),
            Box::new(orphaned.into_iter()),
            Box::new(pods),
        ])
    }

    /// Whether `claim`, named by one of the StatefulSet's templates, is
    /// listed under an ordinal that has a row.
    pub fn has_claim_row(&self, claim: &str) -> bool {
        self.of_this(claim).is_some_and(|o| self.has_row(o))
    }

    /// Whether `ordinal` has a row (see [`ordinals`](Self::ordinals)).
    fn has_row(&self, ordinal: u32) -> bool {
        let model = self.model;
        model
            .history
            .ordinals
            .get(self.key)
            .is_some_and(|o| o.contains_key(&ordinal))
            || self
                .sts
                .is_some_and(|s| sts::desired_ordinals(s).contains(&ordinal))
            || model.index.has_claims_at(self.key, ordinal)
            || self.orphaned.contains_key(&ordinal)
            || model.index.pod_at(self.key, ordinal).is_some()
    }

    /// The StatefulSet's claims, by ordinal then name: its templates' claim
    /// for every ordinal with a row, such claims still in the namespace, and
    /// any other claim its pods mount (under the pod's ordinal).
    pub fn claims(&self) -> impl Iterator<Item = (Option<u32>, Text)> + '_ {
        self.ordinals()
            .flat_map(move |o| self.claims_at(o).into_iter().map(move |n| (Some(o), n)))
    }

    /// [`claims`](Self::claims), owning the rows.
    pub fn into_claims(self) -> impl Iterator<Item = (Option<u32>, Text)> + 'a {
        let ordinals = self.ordinals();
        let rows = std::rc::Rc::new(self);
        ordinals.flat_map(move |o| rows.claims_at(o).into_iter().map(move |n| (Some(o), n)))
    }

    /// The claims listed under `ordinal`.
    fn claims_at(&self, ordinal: u32) -> BTreeSet<Text> {
        let ns = self.key.namespace.as_str();
        let mut names: BTreeSet<Text> = BTreeSet::new();
        for template in self.sts.iter().flat_map(|s| &s.spec.volume_claim_templates) {
            names.insert(Text::new(&format!(
                "{}{ordinal}",
                claim_prefix(template, &self.key.name)
            )));
        }
        names.extend(self.model.index.claims_at(self.key, ordinal).cloned());
        names.extend(self.orphaned.get(&ordinal).into_iter().flatten().cloned());
        let pod = self
            .model
            .index
            .pod_at(self.key, ordinal)
            .and_then(|name| self.model.store.pods.get(&Key::new(ns, name)));
        for claim in pod.into_iter().flat_map(pod::claims) {
            // A claim of another ordinal's template is listed there, if that
            // ordinal has a row; any other, under the lowest ordinal that mounts it.
            let listed_elsewhere = match self.of_this(claim) {
                Some(other) if other != ordinal && self.has_row(other) => true,
                Some(other) if other == ordinal => false,
                _ => self
                    .lowest_user(claim)
                    .is_some_and(|lowest| lowest < ordinal),
            };
            if !listed_elsewhere {
                names.insert(Text::new(claim));
            }
        }
        names
    }

    /// The lowest ordinal whose pod (of this StatefulSet) mounts `claim`.
    fn lowest_user(&self, claim: &str) -> Option<u32> {
        let ns = &self.key.namespace;
        self.model
            .index
            .users_of(&Key::new(ns, claim))
            .filter_map(|user| {
                let p = self.model.store.pods.get(&Key::new(ns, user))?;
                let ordinal = pod::ordinal(p, &self.key.name)?;
                (pod::owner_statefulset(p) == Some(self.key.name.as_str())
                    && self.model.index.pod_at(self.key, ordinal) == Some(user))
                .then_some(ordinal)
            })
            .min()
    }

    /// Released volumes that were bound to one of the StatefulSet's claims that is gone.
    pub fn released(&self) -> impl Iterator<Item = &'a PersistentVolume> + '_ {
        let model = self.model;
        let ns = self.key.namespace.as_str();
        model
            .index
            .released()
            .filter(move |_| model.permitted(Kind::PersistentVolume))
            .filter_map(move |k| model.store.volumes.get(k))
            .filter(move |pv| {
                pv.spec.claim_ref.as_ref().is_some_and(|c| {
                    let name = c.name.as_deref().unwrap_or_default();
                    c.namespace.as_deref() == Some(ns)
                        && self.of_this(name).is_some()
                        && !model.store.claims.contains_key(&Key::new(ns, name))
                })
            })
    }

    /// The namespace's claims of no StatefulSet (a standalone claim and the pods that use it).
    pub fn others(&self) -> impl Iterator<Item = &'a Key> + '_ {
        self.model
            .index
            .free_claims(&self.key.namespace)
            .filter(move |k| self.of_this(&k.name).is_none())
    }
}

/// Ascending, without repeats, from ascending iterators.
fn merged<'a>(
    mut sources: Vec<Box<dyn Iterator<Item = u32> + 'a>>,
) -> impl Iterator<Item = u32> + 'a {
    let mut heads: Vec<Option<u32>> = sources.iter_mut().map(|s| s.next()).collect();
    std::iter::from_fn(move || {
        let next = heads.iter().flatten().min().copied()?;
        for (head, source) in heads.iter_mut().zip(sources.iter_mut()) {
            while *head == Some(next) {
                *head = source.next();
            }
        }
        Some(next)
    })
}

/// The binding of one of the StatefulSet's claims.
pub fn claim_binding(model: &Model, key: &Key, ordinal: Option<u32>, name: &str) -> Binding {
    let ns = key.namespace.as_str();
    let sts = model.statefulset(key);
    let pod = ordinal
        .and_then(|o| {
            model
                .store
                .pods
                .get(&Key::new(ns, format!("{}-{o}", key.name)))
        })
        .filter(|p| pod::claims(p).any(|c| c == name));
    // Not there (yet): the class its template asks for.
    let template_class = sts
        .and_then(|s| claim_template(s, &key.name, name))
        .and_then(|(_, t)| t.spec.storage_class_name.clone());
    binding(model, ns, name, ordinal, pod, template_class)
}

/// The binding of a claim of no StatefulSet, with the first pod that mounts it.
pub fn other_binding(model: &Model, claim: &Key) -> Binding {
    let pod = model
        .index
        .users_of(claim)
        .find_map(|n| model.store.pods.get(&Key::new(&claim.namespace, n)));
    let mut binding = binding(model, &claim.namespace, &claim.name, None, pod, None);
    // Started on one StatefulSet, stsdash watches its pods only: who else
    // mounts a claim is not known, so it is not said that nobody does.
    if model.scope.statefulset.is_some() {
        binding.claim.pods_unwatched = true;
        binding.claim.without_pod = false;
    }
    binding
}

/// Pod → claim → volume → class, for every row (for the dump).
pub fn binding_graph(model: &Model, key: &Key) -> BindingGraph {
    let rows = storage_rows(model, key);
    BindingGraph {
        bindings: rows
            .claims()
            .map(|(ordinal, name)| claim_binding(model, key, ordinal, &name))
            .collect(),
        released: rows.released().map(volume_node).collect(),
        others: rows.others().map(|k| other_binding(model, k)).collect(),
        retention: rows.retention.clone(),
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
) -> Binding {
    let claim = model.store.claims.get(&Key::new(ns, name));
    let used_by: Vec<Text> = model.index.users_of(&Key::new(ns, name)).cloned().collect();
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
            phase: status.and_then(|s| s.phase.as_ref()).map(Text::from),
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
            pods_unwatched: false,
        },
        volume,
        class: class_node(model, class_name.as_deref()),
    }
}
