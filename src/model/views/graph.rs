//! The storage graph as the dashboard draws it: one row per edge pod → claim
//! → volume → class, so rows that share a node (two pods on one claim, one
//! pod with two claims, many volumes of one class) sit together and can be
//! joined. Every claim and volume in scope has a row: the StatefulSet's
//! claims (kept ones too), the Released volumes its claims left, the
//! Available volumes of the classes it asks for (static ones waiting for a
//! claim), and the namespace's claims of no StatefulSet with each pod that
//! mounts them. Rows are made as they are asked for.

use std::collections::{BTreeSet, HashMap};

use super::storage::{
    Binding, ClaimNode, ClassNode, PodNode, StorageRows, Visible, VolumeNode, claim_binding,
    class_node, other_binding, storage_rows, volume_node,
};
use crate::model::Model;
use crate::model::key::{Key, Kind};
use crate::model::object::{ClaimPhase, PersistentVolume};
use crate::model::pod;
use crate::model::text::Text;

/// Why a row is in the graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// A claim of the StatefulSet (its templates × its ordinals).
    Member,
    /// A volume whose claim (one of the StatefulSet's) was deleted; kept by Retain.
    Released,
    /// A volume of a class the StatefulSet asks for, bound to no claim yet.
    Available,
    /// A claim in the namespace that no StatefulSet names.
    Other,
}

#[derive(Debug, Clone)]
pub struct GraphRow {
    pub kind: RowKind,
    /// The StatefulSet's ordinal the row belongs to.
    pub ordinal: Option<u32>,
    pub pod: Option<PodNode>,
    pub claim: Option<ClaimNode>,
    pub volume: Visible<VolumeNode>,
    /// A volume without a claim: the claim it was bound to (Released) or is
    /// reserved for (Available with a claimRef).
    pub volume_claim: Option<Text>,
    pub class: Visible<ClassNode>,
}

impl GraphRow {
    fn of_binding(kind: RowKind, b: Binding) -> GraphRow {
        GraphRow {
            kind,
            ordinal: b.ordinal,
            pod: b.pod,
            claim: Some(b.claim),
            volume: b.volume,
            volume_claim: None,
            class: b.class,
        }
    }

    fn of_volume(model: &Model, kind: RowKind, pv: &PersistentVolume) -> GraphRow {
        let class = match pv.spec.storage_class_name.as_deref() {
            Some(name) if !name.is_empty() => class_node(model, Some(name)),
            _ => Visible::Unknown,
        };
        GraphRow {
            kind,
            ordinal: None,
            pod: None,
            claim: None,
            volume: Visible::Shown(volume_node(pv)),
            volume_claim: pv.spec.claim_ref.as_ref().and_then(|c| c.name.clone()),
            class,
        }
    }

    /// The names the row's nodes go by, to join rows that share one.
    pub fn pod_name(&self) -> Option<&str> {
        self.pod.as_ref().map(|p| p.name.as_str())
    }

    pub fn claim_name(&self) -> Option<&str> {
        self.claim.as_ref().map(|c| c.name.as_str())
    }

    pub fn volume_name(&self) -> Option<&str> {
        match &self.volume {
            Visible::Shown(v) => Some(v.name.as_str()),
            _ => None,
        }
    }

    pub fn class_name(&self) -> Option<&str> {
        match &self.class {
            Visible::Shown(c) => Some(c.name.as_str()),
            _ => self.claim.as_ref().and_then(|c| c.storage_class.as_deref()),
        }
    }
}

/// The graph's rows for StatefulSet `key`, in drawing order.
pub fn graph_rows<'a>(model: &'a Model, key: &'a Key) -> impl Iterator<Item = GraphRow> + 'a {
    let rows = storage_rows(model, key);
    let released: Vec<&'a PersistentVolume> = rows.released().collect();
    let available: Vec<&'a PersistentVolume> = available_volumes(model, key).collect();
    let others: Vec<Key> = rows.others().cloned().collect();
    // A Released volume whose claim (deleted) still has a row is drawn on
    // that row; the others get rows of their own.
    let (on_rows, apart): (Vec<_>, Vec<_>) = released.into_iter().partition(|pv| {
        pv.spec
            .claim_ref
            .as_ref()
            .and_then(|c| c.name.as_deref())
            .is_some_and(|name| rows.has_claim_row(name))
    });
    let on_rows: HashMap<Text, &'a PersistentVolume> = on_rows
        .into_iter()
        .filter_map(|pv| Some((pv.spec.claim_ref.as_ref()?.name.clone()?, pv)))
        .collect();
    member_rows(model, key, rows)
        .map(move |mut row| {
            if let Some(c) = row.claim.as_ref().filter(|c| !c.exists)
                && let Some(pv) = on_rows.get(&c.name)
            {
                row.volume = Visible::Shown(volume_node(pv));
                row.volume_claim = Some(c.name.clone());
            }
            row
        })
        .chain(
            apart
                .into_iter()
                .map(move |pv| GraphRow::of_volume(model, RowKind::Released, pv)),
        )
        .chain(
            available
                .into_iter()
                .map(move |pv| GraphRow::of_volume(model, RowKind::Available, pv)),
        )
        .chain(others.into_iter().flat_map(move |k| other_rows(model, &k)))
}

/// The Available volumes the graph shows: of a class the StatefulSet's
/// claims ask for, or reserved for a claim of its namespace.
fn available_volumes<'a>(
    model: &'a Model,
    key: &'a Key,
) -> impl Iterator<Item = &'a PersistentVolume> + 'a {
    let classes = asked_classes(model, key);
    let ns = key.namespace.as_str();
    let permitted = model.permitted(Kind::PersistentVolume);
    model
        .index
        .available()
        .filter(move |_| permitted)
        .filter_map(|k| model.store.volumes.get(k))
        .filter(move |pv| {
            let class = pv.spec.storage_class_name.as_deref().unwrap_or_default();
            let reserved_here = pv
                .spec
                .claim_ref
                .as_ref()
                .is_some_and(|c| c.namespace.as_deref() == Some(ns));
            reserved_here || classes.contains(class)
        })
}

/// The storage graph in numbers, for its one-line form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GraphSummary {
    /// Its claims by phase, in the order the graph meets them; None for a
    /// claim that has a row but is no longer there.
    pub phases: Vec<(Option<ClaimPhase>, usize)>,
    /// The volumes it shows (bound, Released or Available).
    pub volumes: usize,
}

impl GraphSummary {
    pub fn claims(&self) -> usize {
        self.phases.iter().map(|(_, n)| n).sum()
    }

    fn count_claim(&mut self, model: &Model, claim: &Key) {
        let found = model.store.claims.get(claim);
        // A claim the API server has not given a phase yet is Pending.
        let phase = found.map(|c| c.status.phase.clone().unwrap_or(ClaimPhase::Pending));
        match self.phases.iter_mut().find(|(p, _)| *p == phase) {
            Some((_, n)) => *n += 1,
            None => self.phases.push((phase, 1)),
        }
        let volume = found.and_then(|c| c.spec.volume_name.as_deref());
        if volume.is_some_and(|v| model.store.volumes.contains_key(&Key::new("", v))) {
            self.volumes += 1;
        }
    }
}

/// What [`graph_rows`] would show, counted without making its rows (the
/// one-line graph is drawn on every frame while logs take the room).
pub fn graph_summary(model: &Model, key: &Key) -> GraphSummary {
    let rows = storage_rows(model, key);
    let mut summary = GraphSummary::default();
    for (_, name) in rows.claims() {
        summary.count_claim(model, &Key::new(&key.namespace, name));
    }
    for claim in rows.others() {
        summary.count_claim(model, claim);
    }
    // Neither is listed without the right to see volumes.
    summary.volumes += rows.released().count() + available_volumes(model, key).count();
    summary
}

fn member_rows<'a>(
    model: &'a Model,
    key: &'a Key,
    rows: StorageRows<'a>,
) -> impl Iterator<Item = GraphRow> + 'a {
    rows.into_claims().map(move |(ordinal, name)| {
        GraphRow::of_binding(RowKind::Member, claim_binding(model, key, ordinal, &name))
    })
}

/// A claim of no StatefulSet: a row per pod that mounts it (one when none does).
fn other_rows(model: &Model, claim: &Key) -> Vec<GraphRow> {
    let first = GraphRow::of_binding(RowKind::Other, other_binding(model, claim));
    let users: Vec<PodNode> = model
        .index
        .users_of(claim)
        .filter_map(|n| model.store.pods.get(&Key::new(&claim.namespace, n)))
        .map(|p| PodNode {
            name: p.metadata.name.clone(),
            phase: pod::phase(p),
            node: p.spec.node_name.clone(),
        })
        .collect();
    if users.len() <= 1 {
        return vec![first];
    }
    users
        .into_iter()
        .map(|user| GraphRow {
            pod: Some(user),
            ..first.clone()
        })
        .collect()
}

/// The classes the StatefulSet's claims ask for (the default one when a
/// template names none).
fn asked_classes(model: &Model, key: &Key) -> BTreeSet<String> {
    let Some(sts) = model.statefulset(key) else {
        return BTreeSet::new();
    };
    sts.spec
        .volume_claim_templates
        .iter()
        .filter_map(|t| match &t.spec.storage_class_name {
            Some(name) => Some(name.to_string()),
            None => match class_node(model, None) {
                Visible::Shown(c) => Some(c.name.to_string()),
                _ => None,
            },
        })
        .collect()
}
