//! The one shared model: every object the watches deliver, the history of what
//! changed, and the views derived from them. Only the app loop owns a `Model`;
//! it changes only through [`Model::apply`].

mod connection;
pub mod controller;
pub mod event;
#[cfg(any(test, feature = "fixtures"))]
pub mod fixtures;
pub mod history;
mod hooks;
pub mod index;
pub mod key;
pub mod log;
mod narration;
pub mod object;
pub mod pod;
mod ran;
pub mod sanitize;
pub mod store;
pub mod sts;
pub mod text;
pub mod views;
mod why;

#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use serde::Serialize;

pub use connection::{Access, Connection, Down, Failing, Outage, Problem};
pub use event::{
    Action, Applied, AppliedObject, Change, ClusterEvent, Failure, Object, Outcome, Refusal,
    RunOutput,
};
use history::History;
pub use hooks::MAX_EVENTS;
use hooks::{Hooks, Parts};
pub use key::{Key, Kind, Millis};
use object::{
    ControllerRevision, EndpointSlice, Event as KubeEvent, Namespace, PersistentVolume,
    PersistentVolumeClaim, Pod, Service, StatefulSet, StorageClass,
};
pub use store::{Resource, Store};
pub use text::Text;

/// What the user asked to see.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Scope {
    /// None: every namespace.
    pub namespace: Option<Text>,
    /// None: every StatefulSet in scope.
    pub statefulset: Option<Text>,
}

impl Scope {
    /// Whether the StatefulSet `key` is one the user asked to see.
    pub fn contains(&self, key: &Key) -> bool {
        self.statefulset
            .as_ref()
            .is_none_or(|name| &key.name == name)
            && self
                .namespace
                .as_ref()
                .is_none_or(|ns| &key.namespace == ns)
    }
}

/// A log to show and follow: the pod, its incarnation and a container.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct LogTarget {
    pub pod: Key,
    pub uid: Text,
    pub container: Text,
}

#[derive(Debug, Clone)]
pub struct Model {
    pub scope: Scope,
    pub store: Store,
    pub access: BTreeMap<Kind, Access>,
    /// The API server does not answer (or is not ready), when it does not.
    pub server: Option<Outage>,
    pub history: History,
    /// Kept up to date with every change, for views that follow what changed.
    pub index: index::Index,
    /// The followed logs.
    pub logs: log::Logs,
    /// Time of the first and the newest applied event.
    pub started: Option<Millis>,
    pub now: Millis,
    /// Namespaces the user may not read (a watch of that namespace alone
    /// was refused), with the API server's words.
    pub denied: BTreeMap<Text, Text>,
    /// The kinds some watch of one namespace delivers (a class whose user
    /// may not watch them across the cluster).
    pub per_namespace: BTreeSet<Kind>,
    /// The keys a (re)list in progress has brought so far, by kind, and by
    /// kind and namespace for the watches of one namespace.
    relists: HashMap<Kind, HashSet<Key>>,
    namespace_relists: HashMap<(Kind, Text), HashSet<Key>>,
    /// Kinds that completed their first list: before that, nothing is narrated.
    listed: HashSet<Kind>,
    /// Whether the Events of the first lists were placed on the timeline.
    past_placed: bool,
}

impl Model {
    pub fn new(scope: Scope) -> Self {
        Model {
            scope,
            store: Store::default(),
            access: Kind::ALL.iter().map(|k| (*k, Access::Connecting)).collect(),
            server: None,
            history: History::default(),
            index: index::Index::default(),
            logs: log::Logs::default(),
            started: None,
            now: 0,
            denied: BTreeMap::new(),
            per_namespace: BTreeSet::new(),
            relists: HashMap::new(),
            namespace_relists: HashMap::new(),
            listed: HashSet::new(),
            past_placed: false,
        }
    }

    /// Applies one event. Returns whether anything a view shows changed.
    pub fn apply(&mut self, event: ClusterEvent) -> bool {
        // A recording's times may be anything: kept where arithmetic on them is safe.
        let at = event.at.clamp(0, event::MAX_MILLIS);
        self.started.get_or_insert(at);
        self.now = self.now.max(at);
        match event.change {
            Change::InitStarted { kind } => {
                self.relists.insert(kind, HashSet::new());
                false
            }
            // Applied as it comes (an unchanged object changes nothing), so a
            // list of 10,000 pods costs a little per batch, not all at its end.
            Change::InitObject(object) => {
                let key = object.key();
                if let Some(seen) = self.relists.get_mut(&object.kind()) {
                    seen.insert(key.clone());
                }
                if !self.namespace_relists.is_empty()
                    && let Some(seen) = self
                        .namespace_relists
                        .get_mut(&(object.kind(), key.namespace.clone()))
                {
                    seen.insert(key);
                }
                self.upsert(object, at)
            }
            Change::InitDone { kind } => self.finish_relist(kind, at),
            Change::Applied(object) => self.upsert(object, at),
            Change::Deleted(Object::Pod(pod))
                if self.scope.statefulset.is_some()
                    && pod.metadata.deletion_timestamp.is_none() =>
            {
                self.parts().left_selection(&pod, at)
            }
            Change::Deleted(object) => self.remove(object.kind(), &object.key(), at),
            Change::WatchFailed {
                kind,
                message,
                forbidden,
            } => {
                let message = message.to_string();
                let access = if forbidden {
                    Access::NotPermitted { message }
                } else {
                    // Down since the first failure, whatever it says now.
                    let since = match self.access.get(&kind) {
                        Some(Access::Retrying { since, .. }) => *since,
                        _ => at,
                    };
                    Access::Retrying { since, message }
                };
                let changed = self.access.get(&kind) != Some(&access);
                self.access.insert(kind, access);
                changed
            }
            Change::Reselected {
                kind,
                after_absence,
            } => {
                // Pods of a StatefulSet created after stsdash started may be
                // found by the new selection's list rather than its watch
                // (the list runs after they appear): they are still news.
                if !after_absence {
                    self.listed.remove(&kind);
                }
                false
            }
            Change::WatchResumed { kind } => {
                if !matches!(self.access.get(&kind), Some(Access::Retrying { .. })) {
                    return false;
                }
                // Listed before: what it holds is current again. Else its list comes next.
                let access = if self.listed.contains(&kind) {
                    Access::Synced
                } else {
                    Access::Connecting
                };
                self.access.insert(kind, access);
                true
            }
            Change::ServerHealth { problem } => {
                let outage = problem.map(|p| Outage {
                    since: self.server.as_ref().map_or(at, |o| o.since),
                    message: p.to_string(),
                });
                let changed = self.server != outage;
                self.server = outage;
                changed
            }
            Change::LogLines {
                pod,
                uid,
                container,
                lines,
            } => {
                self.logs.append(pod, uid, container, lines, at);
                true
            }
            Change::InNamespace { namespace, of } => self.apply_in(namespace, *of, at),
            // The dashboard's lesson strip reads these, not the model.
            Change::Lesson(_) => true,
            Change::Clock => false,
            Change::ActionTaken(action) => {
                self.history
                    .record_action(&self.store, at, &action, Outcome::Done, "");
                true
            }
            Change::ActionFailed { action, message } => {
                let message = message.to_string();
                self.history
                    .record_action(&self.store, at, &action, Outcome::Failed, &message);
                true
            }
            Change::ActionRefused { action, reason } => {
                let reason = reason.said(&action);
                self.history
                    .record_action(&self.store, at, &action, Outcome::Refused, &reason);
                true
            }
        }
    }

    /// A watch of one namespace listed, failed or came back.
    fn apply_in(&mut self, namespace: Text, change: Change, at: Millis) -> bool {
        if let Change::InitStarted { kind } | Change::WatchFailed { kind, .. } = &change {
            self.per_namespace.insert(*kind);
        }
        match change {
            Change::InitStarted { kind } => {
                self.namespace_relists
                    .insert((kind, namespace), HashSet::new());
                false
            }
            Change::InitDone { kind } => {
                let keys = self
                    .namespace_relists
                    .remove(&(kind, namespace.clone()))
                    .unwrap_or_default();
                let mut changed = self.denied.remove(&namespace).is_some();
                changed |= self.access.insert(kind, Access::Synced) != Some(Access::Synced);
                let gone: Vec<Key> = self
                    .store
                    .keys_of(kind)
                    .into_iter()
                    .filter(|k| k.namespace == namespace && !keys.contains(k))
                    .collect();
                for key in gone {
                    changed |= self.remove(kind, &key, at);
                }
                self.listed.insert(kind);
                changed | self.place_past_events()
            }
            // Refused in this namespace: the others may still be read.
            Change::WatchFailed {
                message,
                forbidden: true,
                ..
            } => {
                let message = Text::from(message.to_string());
                self.denied.insert(namespace, message.clone()) != Some(message)
            }
            other => self.apply(ClusterEvent { at, change: other }),
        }
    }

    /// After a (re)list, whose objects were applied as they came: what it
    /// lacks was deleted meanwhile.
    fn finish_relist(&mut self, kind: Kind, at: Millis) -> bool {
        let keys = self.relists.remove(&kind).unwrap_or_default();
        let mut changed = self.access.insert(kind, Access::Synced) != Some(Access::Synced);
        for gone in self
            .store
            .keys_of(kind)
            .into_iter()
            .filter(|k| !keys.contains(k))
        {
            changed |= self.remove(kind, &gone, at);
        }
        self.listed.insert(kind);
        changed | self.place_past_events()
    }

    /// Once the StatefulSets, their pods and the Events have been listed
    /// (in whatever order the lists end), the Events the API kept are placed
    /// on the rows they are about.
    fn place_past_events(&mut self) -> bool {
        let needed = [Kind::StatefulSet, Kind::Pod, Kind::Event];
        if self.past_placed
            || !needed
                .iter()
                .all(|k| self.listed.contains(k) || !self.permitted(*k))
        {
            return false;
        }
        self.past_placed = true;
        let scope = &self.scope;
        self.history
            .place_events(&self.store, self.now, |key| scope.contains(key));
        !self.store.events.is_empty()
    }

    /// Stores an object; its kind's hooks follow (see `hooks.rs`).
    fn upsert(&mut self, object: Object, at: Millis) -> bool {
        match object {
            Object::StatefulSet(o) => self.upsert_one(o, at),
            Object::Pod(o) => self.upsert_one(o, at),
            Object::PersistentVolumeClaim(o) => self.upsert_one(o, at),
            Object::PersistentVolume(o) => self.upsert_one(o, at),
            Object::StorageClass(o) => self.upsert_one(o, at),
            Object::Service(o) => self.upsert_one(o, at),
            Object::EndpointSlice(o) => self.upsert_one(o, at),
            Object::ControllerRevision(o) => self.upsert_one(o, at),
            Object::Event(o) => self.upsert_one(o, at),
            Object::Namespace(o) => self.upsert_one(o, at),
        }
    }

    /// What the hooks may change: the parts that follow the store.
    fn parts(&mut self) -> Parts<'_> {
        Parts {
            store: &mut self.store,
            index: &mut self.index,
            history: &mut self.history,
            namespace: self.scope.namespace.as_ref(),
        }
    }

    fn upsert_one<T: Hooks>(&mut self, object: T, at: Millis) -> bool {
        let meta = object.meta();
        let key = Key::new(meta.namespace.clone(), meta.name.clone());
        let narrate = self.listed.contains(&T::KIND);
        let Some(old) = self.store.swap(key.clone(), object) else {
            return false;
        };
        T::stored(&mut self.parts(), &key, old, at, narrate);
        true
    }

    /// Removes an object; its kind's hooks follow (see `hooks.rs`).
    fn remove(&mut self, kind: Kind, key: &Key, at: Millis) -> bool {
        match kind {
            Kind::StatefulSet => self.remove_one::<StatefulSet>(key, at),
            Kind::Pod => self.remove_one::<Pod>(key, at),
            Kind::PersistentVolumeClaim => self.remove_one::<PersistentVolumeClaim>(key, at),
            Kind::PersistentVolume => self.remove_one::<PersistentVolume>(key, at),
            Kind::StorageClass => self.remove_one::<StorageClass>(key, at),
            Kind::Service => self.remove_one::<Service>(key, at),
            Kind::EndpointSlice => self.remove_one::<EndpointSlice>(key, at),
            Kind::ControllerRevision => self.remove_one::<ControllerRevision>(key, at),
            Kind::Event => self.remove_one::<KubeEvent>(key, at),
            Kind::Namespace => self.remove_one::<Namespace>(key, at),
        }
    }

    fn remove_one<T: Hooks>(&mut self, key: &Key, at: Millis) -> bool {
        let Some(old) = self.store.take::<T>(key) else {
            return false;
        };
        T::removed(&mut self.parts(), key, old, at);
        true
    }

    /// Whether every permitted watch delivers and the API server answers:
    /// `connection()` is `Synced`, without building what is down.
    pub fn is_synced(&self) -> bool {
        connection::is_synced(&self.access, self.server.as_ref())
    }

    /// The connection as a whole: reconnecting while the API server does not
    /// answer or any watch is retrying, synced once every permitted watch has
    /// listed.
    pub fn connection(&self) -> Connection {
        connection::connection(&self.access, self.server.as_ref())
    }

    pub fn permitted(&self, kind: Kind) -> bool {
        !matches!(self.access.get(&kind), Some(Access::NotPermitted { .. }))
    }

    fn in_scope(&self, key: &Key) -> bool {
        self.scope.contains(key)
    }

    /// The earliest moment the model knows of: when it started, or as far
    /// back as the reconstructed past reaches.
    pub fn earliest(&self) -> Millis {
        let started = self.started.unwrap_or(self.now);
        self.history.earliest.map_or(started, |e| e.min(started))
    }

    /// The StatefulSets in scope, by key.
    pub fn statefulsets(&self) -> impl Iterator<Item = (&Key, &StatefulSet)> {
        self.store
            .statefulsets
            .iter()
            .filter(|(k, _)| self.in_scope(k))
    }

    /// The StatefulSet as it is, or as it was when it was deleted.
    pub fn statefulset(&self, key: &Key) -> Option<&StatefulSet> {
        self.store
            .statefulsets
            .get(key)
            .or_else(|| self.history.deleted_statefulset(key))
    }

    /// What the dashboard can show, by key: the StatefulSets in scope, and
    /// those seen deleted (true), so a cascading delete plays out on screen
    /// instead of the screen going blank.
    pub fn shown_statefulsets(&self) -> Vec<(&Key, bool)> {
        let mut shown: Vec<(&Key, bool)> = self.statefulsets().map(|(k, _)| (k, false)).collect();
        for (key, _) in &self.history.deleted_statefulsets {
            if self.in_scope(key)
                && !self.store.statefulsets.contains_key(key)
                && !shown.iter().any(|(k, _)| *k == key)
            {
                shown.push((key, true));
            }
        }
        shown.sort();
        shown
    }
}
