//! What the model does when an object is stored or removed, besides
//! storing it: its index, its history and the narration follow. Only the
//! kinds that need more than the store have a hook; storing and removing
//! themselves are written once ([`Model::upsert`], [`Model::remove`]).

use super::history::{self, History};
use super::index::Index;
use super::key::{Key, Millis};
use super::narration;
use super::object::{
    ControllerRevision, EndpointSlice, Event, Namespace, PersistentVolume, PersistentVolumeClaim,
    Pod, Service, StatefulSet, StorageClass,
};
use super::store::{Resource, Store};
use super::text::Text;

/// At most this many Kubernetes Events are kept (the oldest go first).
pub const MAX_EVENTS: usize = 1000;

/// What a hook may change: the model's parts that follow its store.
pub(super) struct Parts<'a> {
    pub store: &'a mut Store,
    pub index: &'a mut Index,
    pub history: &'a mut History,
    /// The namespace in scope (None: every one).
    pub namespace: Option<&'a Text>,
}

impl Parts<'_> {
    /// Pods are watched by the StatefulSet's selector: one that leaves the
    /// watch without its deletion asked for (a deleted pod always carries
    /// its deletionTimestamp) stopped matching it. It still exists, and the
    /// StatefulSet releases it: its row lets it go, and the controller
    /// cannot create a pod of that name while it is there.
    pub(super) fn left_selection(&mut self, pod: &Pod, at: Millis) -> bool {
        let key = Key::new(&pod.metadata.namespace, &pod.metadata.name);
        let Some(old) = self.store.pods.remove(&key) else {
            return false;
        };
        self.index.pod_changed(&key, Some(&old), None);
        let mut outside = old.clone();
        outside.metadata.owner_references.clear();
        if let Some(step) = self
            .history
            .pod_changed(at, Some(&old), Some(&outside), true)
        {
            self.history.touched(&step.sts, at);
            self.narrate_pod(at, &step);
        }
        self.history.outside_selection(key);
        true
    }

    /// Says in plain words what a pod's step means for its StatefulSet.
    fn narrate_pod(&mut self, at: Millis, step: &history::PodStep) {
        // Scheduled: pod_step folds the warnings of the wait into its line.
        for text in narration::pod_step(self.history, self.store, step) {
            self.history
                .narrate_step(at, history::Level::Info, Some(step.sts.clone()), text);
        }
    }

    /// Volumes are cluster-scoped: only those bound to a claim in scope are narrated.
    fn volume_in_scope(&self, pv: &PersistentVolume) -> bool {
        let claim_ns = pv
            .spec
            .claim_ref
            .as_ref()
            .and_then(|c| c.namespace.as_deref());
        match (self.namespace, claim_ns) {
            (None, _) => true,
            (Some(ns), Some(claim_ns)) => ns == claim_ns,
            (Some(_), None) => false,
        }
    }
}

/// The hooks of one kind: nothing, unless its kind says otherwise.
pub(super) trait Hooks: Resource {
    /// `key` was stored: `old` is what it replaced. `narrate`: its kind
    /// completed its first list, so a change is news.
    fn stored(_parts: &mut Parts, _key: &Key, _old: Option<Self>, _at: Millis, _narrate: bool) {}

    /// `key` was removed: `old` is what it was.
    fn removed(_parts: &mut Parts, _key: &Key, _old: Self, _at: Millis) {}
}

impl Hooks for StorageClass {}
impl Hooks for Namespace {}
impl Hooks for Service {}
impl Hooks for EndpointSlice {}

impl Hooks for Pod {
    fn stored(m: &mut Parts, key: &Key, old: Option<Self>, at: Millis, narrate: bool) {
        m.history.inside_selection(key);
        let new = m.store.pods.get(key);
        m.index.pod_changed(key, old.as_ref(), new);
        let step = m.history.pod_changed(at, old.as_ref(), new, narrate);
        if let Some(step) = &step {
            m.history.touched(&step.sts, at);
        }
        match step {
            Some(step) if narrate => m.narrate_pod(at, &step),
            Some(step) if step.is_new => narration::pod_past(m.history, &step),
            _ => {}
        }
    }

    fn removed(m: &mut Parts, key: &Key, old: Self, at: Millis) {
        m.index.pod_changed(key, Some(&old), None);
        if let Some(step) = m.history.pod_changed(at, Some(&old), None, true) {
            m.history.touched(&step.sts, at);
            m.narrate_pod(at, &step);
        }
    }
}

impl Hooks for StatefulSet {
    fn stored(m: &mut Parts, key: &Key, old: Option<Self>, at: Millis, narrate: bool) {
        let new = m.store.statefulsets.get(key);
        m.index.statefulset_changed(m.store, key, old.as_ref(), new);
        m.history.statefulset_seen(key, new, at);
        if narrate {
            narration::statefulset_changed(m.history, m.store, at, old.as_ref(), new);
        }
    }

    fn removed(m: &mut Parts, key: &Key, old: Self, at: Millis) {
        m.index.statefulset_changed(m.store, key, Some(&old), None);
        narration::statefulset_changed(m.history, m.store, at, Some(&old), None);
        m.history.statefulset_seen(key, None, at);
        m.history.statefulset_deleted(key, old);
    }
}

impl Hooks for PersistentVolumeClaim {
    fn stored(m: &mut Parts, key: &Key, old: Option<Self>, at: Millis, narrate: bool) {
        if old.is_none() {
            m.history.claim_seen(key, false);
        }
        m.index.claim_changed(m.store, key, true);
        if let Some(sts) = m.index.claim_owner(key) {
            m.history.touched(&sts.clone(), at);
        }
        if narrate {
            let new = m.store.claims.get(key);
            narration::claim_changed(m.history, m.store, m.index, at, old.as_ref(), new);
        }
    }

    fn removed(m: &mut Parts, key: &Key, old: Self, at: Millis) {
        if let Some(sts) = m.index.claim_owner(key) {
            m.history.touched(&sts.clone(), at);
        }
        m.index.claim_changed(m.store, key, false);
        narration::claim_changed(m.history, m.store, m.index, at, Some(&old), None);
        m.history.claim_seen(key, true);
    }
}

impl Hooks for PersistentVolume {
    fn stored(m: &mut Parts, key: &Key, old: Option<Self>, at: Millis, narrate: bool) {
        let new = &m.store.volumes[key];
        m.index.volume_changed(key, Some(new));
        if narrate && m.volume_in_scope(new) {
            narration::volume_changed(m.history, m.store, at, old.as_ref(), Some(new));
        }
    }

    fn removed(m: &mut Parts, key: &Key, old: Self, at: Millis) {
        m.index.volume_changed(key, None);
        if m.volume_in_scope(&old) {
            narration::volume_changed(m.history, m.store, at, Some(&old), None);
        }
    }
}

impl Hooks for Event {
    /// At most [`MAX_EVENTS`] are kept: the oldest goes (it may be this one).
    fn stored(m: &mut Parts, key: &Key, old: Option<Self>, at: Millis, narrate: bool) {
        let events = &mut m.store.events;
        if events.len() > MAX_EVENTS {
            let oldest = events
                .iter()
                .min_by_key(|(_, e)| e.time())
                .map(|(k, _)| k.clone());
            if let Some(oldest) = oldest {
                events.remove(&oldest);
            }
        }
        if let Some(new) = m.store.events.get(key)
            && narrate
            && old.is_none()
        {
            narration::kube_event(m.history, m.store, at, new);
        }
    }
}

impl Hooks for ControllerRevision {
    fn stored(m: &mut Parts, key: &Key, old: Option<Self>, at: Millis, narrate: bool) {
        if narrate && old.is_none() {
            narration::revision_created(m.history, m.store, at, &m.store.revisions[key]);
        }
    }
}
