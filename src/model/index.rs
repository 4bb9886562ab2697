//! Indexes the model keeps up to date as each object changes, so that a view
//! asks for one StatefulSet's pods or claims, or the pods that mount one
//! claim, without going through every object of the namespace: the work
//! follows what changed, not what exists.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::key::{Key, Millis};
use super::object::{PersistentVolume, Pod, StatefulSet, VolumePhase};
use super::pod::{self, Phase};
use super::store::{Store, in_namespace};
use super::sts::claim_template;
use super::text::Text;

/// One StatefulSet's pods and claims.
#[derive(Debug, Clone, Default)]
struct Members {
    /// Its pods that exist (by their controller reference), by ordinal (two
    /// pods that claim one ordinal are both kept; the last by name counts).
    pods: BTreeMap<u32, BTreeSet<Text>>,
    /// Its pods that are not Running and Ready (Pending, starting,
    /// terminating, failed…): what OrderedReady waits for, by ordinal.
    unhealthy: BTreeSet<(u32, Text)>,
    /// Its Ready pods by when they became Ready (`Millis::MAX`: their Ready
    /// condition carries no time), so minReadySeconds asks one question of
    /// the newest instead of reading every pod.
    ready: BTreeSet<(Millis, u32, Text)>,
    /// Its pods by the revision they run (`controller-revision-hash`).
    revisions: BTreeMap<Text, BTreeSet<(u32, Text)>>,
    /// Claims of the namespace its templates name, by ordinal.
    claims: BTreeMap<u32, BTreeSet<Text>>,
}

impl Members {
    fn is_empty(&self) -> bool {
        self.pods.is_empty() && self.claims.is_empty()
    }
}

#[derive(Debug, Clone, Default)]
pub struct Index {
    statefulsets: HashMap<Key, Members>,
    /// The pods that mount each claim (same namespace).
    claim_users: HashMap<Key, BTreeSet<Text>>,
    /// Which StatefulSet's templates name each claim, and its ordinal.
    claim_owner: HashMap<Key, (Key, u32)>,
    /// Claims no StatefulSet (that exists now) names.
    free_claims: BTreeSet<Key>,
    /// Volumes in phase Released.
    released: BTreeSet<Key>,
    /// Volumes in phase Available: made by hand (or left) and waiting for a claim.
    available: BTreeSet<Key>,
}

/// Where a pod stands: its StatefulSet and ordinal, the claims it mounts.
fn entries(key: &Key, pod: &Pod) -> (Option<(Key, u32)>, Vec<Key>) {
    let owner = pod::owner_statefulset(pod).and_then(|sts| {
        pod::ordinal(pod, sts).map(|ordinal| (Key::new(&key.namespace, sts), ordinal))
    });
    let claims = pod::claims(pod)
        .map(|c| Key::new(&key.namespace, c))
        .collect();
    (owner, claims)
}

/// Where a Ready pod sorts among the Ready ones: by when it became Ready,
/// a pod whose condition has no time last of all (its time is unknown).
fn ready_key(pod: &Pod) -> Millis {
    pod::ready_since(pod).unwrap_or(Millis::MAX)
}

impl Index {
    /// A pod changed (`None`: did not exist / was deleted).
    pub fn pod_changed(&mut self, key: &Key, old: Option<&Pod>, new: Option<&Pod>) {
        if let Some(old) = old {
            let (owner, claims) = entries(key, old);
            if let Some((sts, ordinal)) = owner
                && let Some(members) = self.statefulsets.get_mut(&sts)
            {
                if let Some(names) = members.pods.get_mut(&ordinal) {
                    names.remove(&key.name);
                    if names.is_empty() {
                        members.pods.remove(&ordinal);
                    }
                }
                let entry = (ordinal, key.name.clone());
                members.unhealthy.remove(&entry);
                members
                    .ready
                    .remove(&(ready_key(old), entry.0, entry.1.clone()));
                if let Some(revision) = pod::revision(old)
                    && let Some(pods) = members.revisions.get_mut(revision)
                {
                    pods.remove(&entry);
                    if pods.is_empty() {
                        members.revisions.remove(revision);
                    }
                }
                if members.is_empty() {
                    self.statefulsets.remove(&sts);
                }
            }
            for claim in claims {
                if let Some(users) = self.claim_users.get_mut(&claim) {
                    users.remove(&key.name);
                    if users.is_empty() {
                        self.claim_users.remove(&claim);
                    }
                }
            }
        }
        if let Some(new) = new {
            let (owner, claims) = entries(key, new);
            if let Some((sts, ordinal)) = owner {
                let members = self.statefulsets.entry(sts).or_default();
                members
                    .pods
                    .entry(ordinal)
                    .or_default()
                    .insert(key.name.clone());
                let entry = (ordinal, key.name.clone());
                let phase = pod::phase(new);
                if phase == Phase::Ready {
                    members
                        .ready
                        .insert((ready_key(new), entry.0, entry.1.clone()));
                } else {
                    members.unhealthy.insert(entry.clone());
                }
                if let Some(revision) = pod::revision(new) {
                    members
                        .revisions
                        .entry(revision.into())
                        .or_default()
                        .insert(entry);
                }
            }
            for claim in claims {
                self.claim_users
                    .entry(claim)
                    .or_default()
                    .insert(key.name.clone());
            }
        }
    }

    /// A claim exists (`present`) or was deleted. A new one is matched to the
    /// StatefulSet whose templates name it, if one exists now.
    pub fn claim_changed(&mut self, store: &Store, key: &Key, present: bool) {
        if !present {
            if let Some((sts, ordinal)) = self.claim_owner.remove(key) {
                self.unlink(&sts, ordinal, key);
            }
            self.free_claims.remove(key);
            return;
        }
        if !self.claim_owner.contains_key(key) && !self.free_claims.contains(key) {
            self.place(store, key);
        }
    }

    /// A StatefulSet appeared, or its templates changed, or it went: the
    /// namespace's claims are matched again. Claims of a deleted StatefulSet
    /// stay listed under it (it stays on screen while its pods go) and are
    /// also claims of no StatefulSet now.
    pub fn statefulset_changed(
        &mut self,
        store: &Store,
        key: &Key,
        old: Option<&StatefulSet>,
        new: Option<&StatefulSet>,
    ) {
        let templates = |s: Option<&StatefulSet>| {
            s.map(|s| {
                s.spec
                    .volume_claim_templates
                    .iter()
                    .map(|t| t.metadata.name.clone())
                    .collect::<Vec<_>>()
            })
        };
        if old.is_some() && new.is_some() && templates(old) == templates(new) {
            return;
        }
        if new.is_none() {
            if let Some(members) = self.statefulsets.get(key) {
                for names in members.claims.values() {
                    for name in names {
                        self.free_claims.insert(Key::new(&key.namespace, name));
                    }
                }
            }
            return;
        }
        let claims: Vec<Key> = in_namespace(&store.claims, &key.namespace)
            .map(|(k, _)| k.clone())
            .collect();
        for claim in claims {
            if let Some((sts, ordinal)) = self.claim_owner.remove(&claim) {
                self.unlink(&sts, ordinal, &claim);
            }
            self.free_claims.remove(&claim);
            self.place(store, &claim);
        }
    }

    /// A volume changed (`None`: deleted): Released and Available ones are
    /// kept apart, as they have no claim to be found by.
    pub fn volume_changed(&mut self, key: &Key, volume: Option<&PersistentVolume>) {
        let phase = volume.and_then(|pv| pv.status.phase.as_ref());
        for (set, wanted) in [
            (&mut self.released, VolumePhase::Released),
            (&mut self.available, VolumePhase::Available),
        ] {
            if phase == Some(&wanted) {
                set.insert(key.clone());
            } else {
                set.remove(key);
            }
        }
    }

    fn place(&mut self, store: &Store, claim: &Key) {
        let owner = in_namespace(&store.statefulsets, &claim.namespace).find_map(|(k, sts)| {
            claim_template(sts, &k.name, &claim.name).map(|(ordinal, _)| (k.clone(), ordinal))
        });
        match owner {
            Some((sts, ordinal)) => {
                self.statefulsets
                    .entry(sts.clone())
                    .or_default()
                    .claims
                    .entry(ordinal)
                    .or_default()
                    .insert(claim.name.clone());
                self.claim_owner.insert(claim.clone(), (sts, ordinal));
            }
            None => {
                self.free_claims.insert(claim.clone());
            }
        }
    }

    fn unlink(&mut self, sts: &Key, ordinal: u32, claim: &Key) {
        if let Some(members) = self.statefulsets.get_mut(sts) {
            if let Some(names) = members.claims.get_mut(&ordinal) {
                names.remove(&claim.name);
                if names.is_empty() {
                    members.claims.remove(&ordinal);
                }
            }
            if members.is_empty() {
                self.statefulsets.remove(sts);
            }
        }
    }

    /// The StatefulSet's pods that exist now: (ordinal, pod name), by ordinal.
    pub fn pods_of(&self, sts: &Key) -> impl DoubleEndedIterator<Item = (u32, &Text)> + '_ {
        self.statefulsets.get(sts).into_iter().flat_map(|m| {
            m.pods
                .iter()
                .filter_map(|(o, names)| Some((*o, names.last()?)))
        })
    }

    /// The StatefulSet's pods whose ordinal is in `range`, by ordinal: work
    /// proportional to the pods there, however wide the range.
    pub fn pods_in(
        &self,
        sts: &Key,
        range: std::ops::Range<u32>,
    ) -> impl DoubleEndedIterator<Item = (u32, &Text)> + '_ {
        self.statefulsets.get(sts).into_iter().flat_map(move |m| {
            m.pods
                .range(range.clone())
                .filter_map(|(o, names)| Some((*o, names.last()?)))
        })
    }

    /// The pod of the StatefulSet at `ordinal`, if one exists now.
    pub fn pod_at(&self, sts: &Key, ordinal: u32) -> Option<&Text> {
        self.statefulsets.get(sts)?.pods.get(&ordinal)?.last()
    }

    /// The lowest ordinal in `range` whose pod is not Running and Ready.
    pub fn first_unhealthy(&self, sts: &Key, range: std::ops::Range<u32>) -> Option<u32> {
        let members = self.statefulsets.get(sts)?;
        members
            .unhealthy
            .range((range.start, Text::default())..)
            .take_while(|(o, _)| *o < range.end)
            .find(|(o, name)| members.pods.get(o).and_then(|n| n.last()) == Some(name))
            .map(|(o, _)| *o)
    }

    /// When the last of the StatefulSet's Ready pods became Ready
    /// (`Millis::MAX` when one's Ready condition carries no time).
    pub fn last_ready(&self, sts: &Key) -> Option<Millis> {
        let members = self.statefulsets.get(sts)?;
        members.ready.last().map(|(at, _, _)| *at)
    }

    /// Whether the StatefulSet's pods are exactly one per ordinal of `range`
    /// (none missing, none outside it).
    pub fn fills_exactly(&self, sts: &Key, range: std::ops::Range<u32>) -> bool {
        let Some(members) = self.statefulsets.get(sts) else {
            return range.is_empty();
        };
        let pods = &members.pods;
        pods.len() == range.len()
            && pods
                .first_key_value()
                .is_none_or(|(o, _)| *o == range.start)
            && pods
                .last_key_value()
                .is_none_or(|(o, _)| *o + 1 == range.end)
    }

    /// The revisions the StatefulSet's pods run, each with its pods'
    /// ordinals (ascending).
    pub fn revisions_of(
        &self,
        sts: &Key,
    ) -> impl Iterator<Item = (&Text, impl DoubleEndedIterator<Item = u32> + '_)> + '_ {
        self.statefulsets.get(sts).into_iter().flat_map(move |m| {
            m.revisions.iter().map(move |(revision, pods)| {
                let current = pods
                    .iter()
                    .filter(move |(o, name)| m.pods.get(o).and_then(|n| n.last()) == Some(name))
                    .map(|(o, _)| *o);
                (revision, current)
            })
        })
    }

    /// Claims of the namespace the StatefulSet's templates name: (ordinal, name), by ordinal.
    pub fn claims_of(&self, sts: &Key) -> impl Iterator<Item = (u32, &Text)> + '_ {
        self.statefulsets
            .get(sts)
            .into_iter()
            .flat_map(|m| m.claims.iter())
            .flat_map(|(o, names)| names.iter().map(|n| (*o, n)))
    }

    /// Claims of the namespace the StatefulSet's templates name for `ordinal`.
    pub fn claims_at(&self, sts: &Key, ordinal: u32) -> impl Iterator<Item = &Text> + '_ {
        self.statefulsets
            .get(sts)
            .and_then(|m| m.claims.get(&ordinal))
            .into_iter()
            .flatten()
    }

    /// Whether a claim the StatefulSet's templates name exists at `ordinal`.
    pub fn has_claims_at(&self, sts: &Key, ordinal: u32) -> bool {
        self.statefulsets
            .get(sts)
            .is_some_and(|m| m.claims.contains_key(&ordinal))
    }

    /// The StatefulSet whose templates name `claim`.
    pub fn claim_owner(&self, claim: &Key) -> Option<&Key> {
        self.claim_owner.get(claim).map(|(sts, _)| sts)
    }

    /// Names of the pods that mount `claim`, in order.
    pub fn users_of(&self, claim: &Key) -> impl Iterator<Item = &Text> + '_ {
        self.claim_users.get(claim).into_iter().flatten()
    }

    /// The namespace's claims that no StatefulSet (that exists now) names.
    pub fn free_claims(&self, namespace: &str) -> impl Iterator<Item = &Key> + '_ {
        let namespace = Text::new(namespace);
        self.free_claims
            .range(Key::new(&namespace, "")..)
            .take_while(move |k| k.namespace == namespace)
    }

    /// Volumes in phase Released.
    pub fn released(&self) -> impl Iterator<Item = &Key> + '_ {
        self.released.iter()
    }

    /// Volumes in phase Available.
    pub fn available(&self) -> impl Iterator<Item = &Key> + '_ {
        self.available.iter()
    }
}
