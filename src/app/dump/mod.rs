//! `stsdash dump`: the derived views as text for people or JSON for scripts
//! (the JSON is documented in docs/dump.md). The text is said in the
//! user's language; the JSON keeps its keys and values' names in English,
//! and only its sentences (narration, `missing`, `waiting.text` …) follow
//! the language.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::controller::Waiting;
use crate::model::history::Narration;
use crate::model::views::{self, BindingGraph, NetworkIdentity, Rollout, TimelineRow};
use crate::model::{Access, Connection, Millis, Model, Text};
use crate::t;

mod text;
pub use text::text;

pub const DUMP_VERSION: u32 = 2;

#[derive(Debug, Serialize)]
pub struct Dump {
    pub format: &'static str,
    pub version: u32,
    pub namespace: Option<Text>,
    pub statefulset: Option<Text>,
    pub connection: Connection,
    /// By resource (plural, as RBAC names it).
    pub access: BTreeMap<&'static str, Access>,
    /// Milliseconds since the epoch of the first event (or of the earliest
    /// reconstructed moment, when the past reaches further back) and of the last.
    pub started: Millis,
    pub now: Millis,
    /// Set when the asked-for StatefulSet (or any) is not there: a sentence,
    /// in the user's language.
    pub missing: Option<String>,
    pub statefulsets: Vec<StatefulSetDump>,
    pub narration: Vec<Narration>,
}

#[derive(Debug, Serialize)]
pub struct StatefulSetDump {
    pub namespace: Text,
    pub name: Text,
    pub timeline: Vec<TimelineRow>,
    pub binding_graph: BindingGraph,
    pub network: Option<NetworkIdentity>,
    pub rollout: Option<Rollout>,
    /// Why it is not yet where it wants to be, by the controller's rules.
    pub waiting: Option<Waiting>,
}

pub fn build(model: &Model, cluster_domain: &str) -> Dump {
    let statefulsets: Vec<StatefulSetDump> = model
        .statefulsets()
        .map(|(key, _)| StatefulSetDump {
            namespace: key.namespace.clone(),
            name: key.name.clone(),
            timeline: views::timeline(model, key),
            binding_graph: views::binding_graph(model, key),
            network: views::network_identity(model, key, cluster_domain),
            rollout: views::rollout(model, key),
            waiting: views::waiting(model, key),
        })
        .collect();
    let missing = statefulsets.is_empty().then(|| {
        let namespace = model.scope.namespace.as_ref();
        match (&model.scope.statefulset, namespace) {
            (Some(name), Some(namespace)) => t!(
                "dump-statefulset-not-found",
                name = name,
                namespace = namespace
            ),
            (Some(name), None) => t!("dump-statefulset-not-found-anywhere", name = name),
            (None, Some(namespace)) => t!("dump-no-statefulset", namespace = namespace),
            (None, None) => t!("dump-no-statefulset-anywhere"),
        }
    });
    Dump {
        format: "stsdash-dump",
        version: DUMP_VERSION,
        namespace: model.scope.namespace.clone(),
        statefulset: model.scope.statefulset.clone(),
        connection: model.connection(),
        access: model
            .access
            .iter()
            .map(|(k, a)| (k.resource(), a.clone()))
            .collect(),
        started: model.earliest(),
        now: model.now,
        missing,
        statefulsets,
        narration: model.history.narration.iter().cloned().collect(),
    }
}

pub fn json(dump: &Dump) -> String {
    serde_json::to_string_pretty(dump).unwrap_or_default()
}

#[cfg(test)]
mod tests;
