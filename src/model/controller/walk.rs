//! The controller's walk over one StatefulSet, as `updateStatefulSet` does
//! it: in-range pods in ascending ordinal (a Failed pod deleted, a missing
//! one created, a Pending pod's missing claims created; under OrderedReady
//! the first pod that is not Running, Ready and available holds every later
//! step back), then condemned pods highest first, then the update.

use super::types::{Blocking, Facts, Health, Held, Reason, Step};
use crate::model::Model;
use crate::model::key::{Key, Millis};
use crate::model::object::{Pod, StatefulSet};
use crate::model::pod::{self, Phase};
use crate::model::store::in_namespace;
use crate::model::sts;
use crate::model::text::Text;

/// Under Parallel, how many missing ordinals are named (the rest counted).
const LISTED_MISSING: usize = 16;

/// How long a Pending pod's claim may be unseen before it counts as missing.
const CLAIM_GRACE: Millis = 2_000;

impl<'a> Facts<'a> {
    pub fn new(model: &'a Model, key: &'a Key, sts: &'a StatefulSet, now: Millis) -> Self {
        Facts {
            model,
            key,
            sts,
            range: sts::replica_range(sts),
            ordered: !sts::is_parallel(sts),
            min_ready: sts::min_ready(sts),
            now,
        }
    }

    /// The StatefulSet's selector, as `kubectl get -l` takes it.
    pub fn selector(&self) -> String {
        sts::selector_query(self.sts)
    }

    pub fn name(&self, ordinal: u32) -> String {
        format!("{}-{ordinal}", self.key.name)
    }

    /// The StatefulSet's pod at `ordinal`.
    pub fn pod(&self, ordinal: u32) -> Option<&'a Pod> {
        let name = self.model.index.pod_at(self.key, ordinal)?;
        self.model
            .store
            .pods
            .get(&Key::new(&self.key.namespace, name))
    }

    /// When the pod last became Ready: its Ready condition's
    /// lastTransitionTime, else when stsdash saw it become Ready.
    pub fn ready_since(&self, ordinal: u32, p: &Pod) -> Option<Millis> {
        if let Some(at) = pod::ready_since(p) {
            return Some(at);
        }
        if !pod::is_ready(p) {
            return None;
        }
        let inc = self
            .model
            .history
            .incarnation(self.key, ordinal)
            .filter(|i| i.uid == p.metadata.uid)?;
        inc.markers
            .iter()
            .rev()
            .find(|m| m.kind == crate::model::history::MarkerKind::Ready)
            .map(|m| m.at)
    }

    pub fn health(&self, ordinal: u32, p: &Pod) -> Health {
        match pod::phase(p) {
            Phase::Terminating => Health::Terminating,
            phase @ (Phase::Failed | Phase::Succeeded) => Health::Ended(phase),
            Phase::Pending => Health::Pending,
            Phase::Ready => {
                if self.min_ready > 0
                    && let Some(since) = self.ready_since(ordinal, p)
                {
                    let until = since.saturating_add(self.min_ready);
                    // Available once Ready for longer than minReadySeconds.
                    if until >= self.now {
                        return Health::NotAvailable {
                            ready_since: since,
                            until,
                        };
                    }
                }
                Health::Healthy
            }
            phase => Health::Starting(phase),
        }
    }

    /// The template claims of a Pending pod that do not exist. The claim
    /// is created before the pod, but its watch may tell it later than the
    /// pod's: a claim counts as missing only once the pod has been there a
    /// while, and only while the claims' watch delivers.
    fn missing_claims(&self, ordinal: u32, p: &Pod) -> Vec<Text> {
        use crate::model::{Access, Kind};
        let claims_known =
            self.model.access.get(&Kind::PersistentVolumeClaim) == Some(&Access::Synced);
        let seen_since = self
            .model
            .history
            .incarnation(self.key, ordinal)
            .filter(|i| i.uid == p.metadata.uid)
            .map(|i| i.first_seen)
            .unwrap_or(self.now);
        if !claims_known || self.now - seen_since < CLAIM_GRACE {
            return Vec::new();
        }
        sts::template_claims(self.sts, &p.metadata.name)
            .into_iter()
            .filter(|c| {
                !self
                    .model
                    .store
                    .claims
                    .contains_key(&Key::new(&self.key.namespace, c))
            })
            .map(Text::from)
            .collect()
    }

    /// The controller's next step.
    pub fn next(&self) -> Option<Step> {
        let index = &self.model.index;
        // At rest, every pod is there, healthy and (minReadySeconds) has been
        // Ready long enough: only the update is left to look at.
        let settled = index.fills_exactly(self.key, self.range.clone())
            && index
                .first_unhealthy(self.key, self.range.clone())
                .is_none()
            && (self.min_ready == 0
                || index
                    .last_ready(self.key)
                    .is_none_or(|at| at.saturating_add(self.min_ready) < self.now));
        if settled {
            return self.update();
        }
        self.replicas()
            .or_else(|| self.condemned())
            .or_else(|| self.update())
            .or_else(|| self.still_starting())
    }

    /// In-range pods, ascending: what `processReplica` does to each. Under
    /// OrderedReady the first pod that is not healthy ends the walk; under
    /// Parallel nothing waits, and every missing pod is created at once.
    fn replicas(&self) -> Option<Step> {
        let mut missing = Vec::new();
        let mut next = self.range.start;
        while next < self.range.end {
            // Parallel: past the first few missing ordinals only the pods that
            // exist are looked at (replicas may be two billion; the missing
            // ones are counted, not listed).
            if missing.len() >= LISTED_MISSING {
                match self
                    .model
                    .index
                    .pods_in(self.key, next..self.range.end)
                    .next()
                {
                    Some((existing, _)) => next = existing,
                    None => break,
                }
            }
            let ordinal = next;
            next += 1;
            let Some(p) = self.pod(ordinal) else {
                // A pod of that name the StatefulSet does not control stands in the way.
                let named = self
                    .model
                    .store
                    .pods
                    .get(&Key::new(&self.key.namespace, self.name(ordinal)));
                if let Some(other) = named {
                    return Some(match other.metadata.controller_any() {
                        Some(owner) => {
                            Step::NameTaken(ordinal, owner.kind.clone(), owner.name.clone())
                        }
                        None => Step::Adopt(ordinal),
                    });
                }
                let key = Key::new(&self.key.namespace, self.name(ordinal));
                if self.model.history.is_outside_selection(&key) {
                    return Some(Step::Outside(ordinal));
                }
                if self.ordered {
                    return Some(Step::Create(vec![ordinal], 1));
                }
                missing.push(ordinal);
                continue;
            };
            let health = self.health(ordinal, p);
            match &health {
                Health::Ended(phase) => return Some(Step::RecreateEnded(ordinal, *phase)),
                Health::Pending => {
                    let claims = self.missing_claims(ordinal, p);
                    if !claims.is_empty() {
                        return Some(Step::CreateClaims(ordinal, claims));
                    }
                }
                _ => {}
            }
            if self.ordered && health != Health::Healthy {
                if health == Health::Terminating {
                    return Some(Step::Replacing(ordinal));
                }
                return Some(Step::Blocked(ordinal, health, self.held_by(ordinal)));
            }
        }
        if missing.is_empty() {
            return None;
        }
        let existing = self
            .model
            .index
            .pods_in(self.key, self.range.clone())
            .count();
        let count = self.range.len().saturating_sub(existing).max(missing.len());
        Some(Step::Create(missing, count))
    }

    /// Parallel, once nothing is left to create, remove or replace: the
    /// lowest pod still held up (Pending first), or one being replaced.
    fn still_starting(&self) -> Option<Step> {
        let mut replacing = None;
        let mut starting = None;
        let pods = self.model.index.pods_in(self.key, self.range.clone());
        for (ordinal, _) in pods {
            let Some(p) = self.pod(ordinal) else { continue };
            match self.health(ordinal, p) {
                Health::Pending => {
                    return Some(Step::Blocked(ordinal, Health::Pending, Held::Nothing));
                }
                Health::Terminating => {
                    replacing.get_or_insert(ordinal);
                }
                Health::NotAvailable { .. } => {
                    starting.get_or_insert(ordinal);
                }
                _ => {}
            }
        }
        replacing.map(Step::Replacing).or_else(|| {
            let ordinal = starting?;
            let p = self.pod(ordinal)?;
            Some(Step::Blocked(
                ordinal,
                self.health(ordinal, p),
                Held::Nothing,
            ))
        })
    }

    /// What the first unhealthy pod (at `blocker`) holds back: the next
    /// missing ordinal above it, else the scale-down, else the update.
    pub fn held_by(&self, blocker: u32) -> Held {
        if let Some(missing) = self.first_missing(blocker.saturating_add(1)) {
            return Held::Create(missing);
        }
        if let Some(target) = self.condemned_pods().next() {
            return Held::ScaleDown(target);
        }
        match self.old_revision_pods() {
            Some((targets, _)) if !sts::is_on_delete(self.sts) => {
                targets.first().map_or(Held::Nothing, |t| Held::Update(*t))
            }
            _ => Held::Nothing,
        }
    }

    /// The lowest ordinal of the replica range from `from` on that has no
    /// pod, found from the pods that exist.
    fn first_missing(&self, from: u32) -> Option<u32> {
        let mut expected = from.max(self.range.start);
        for (ordinal, _) in self.model.index.pods_in(self.key, expected..self.range.end) {
            if ordinal != expected {
                break;
            }
            expected += 1;
        }
        (expected < self.range.end).then_some(expected)
    }

    /// Condemned pods (outside the replica range), highest ordinal first.
    pub fn condemned_pods(&self) -> impl Iterator<Item = u32> + '_ {
        let range = self.range.clone();
        self.model
            .index
            .pods_of(self.key)
            .rev()
            .map(|(o, _)| o)
            .filter(move |o| !range.contains(o))
    }

    /// `processCondemned`: highest first; under OrderedReady one at a time,
    /// each once the one before is gone, and only while every pod is
    /// Running and Ready (the lowest unhealthy condemned pod may go itself).
    fn condemned(&self) -> Option<Step> {
        let condemned: Vec<u32> = self.condemned_pods().collect();
        let target = *condemned.first()?;
        if !self.ordered {
            let mut going: Vec<u32> = condemned
                .iter()
                .copied()
                .filter(|o| {
                    self.pod(*o)
                        .is_some_and(|p| pod::phase(p) != Phase::Terminating)
                })
                .collect();
            going.sort_unstable();
            return Some(if going.is_empty() {
                Step::ScaleDownTerminating(target)
            } else {
                Step::ScaleDown(going)
            });
        }
        let p = self.pod(target)?;
        let health = self.health(target, p);
        if health == Health::Terminating {
            return Some(Step::ScaleDownTerminating(target));
        }
        // The first unavailable pod: the lowest unhealthy condemned one (none in range is).
        let first_unhealthy = condemned.iter().rev().copied().find(|o| {
            self.pod(*o)
                .is_some_and(|p| self.health(*o, p) != Health::Healthy)
        });
        match first_unhealthy {
            Some(first) if first != target && health != Health::Healthy => {
                let p = self.pod(first)?;
                Some(Step::Blocked(
                    first,
                    self.health(first, p),
                    Held::ScaleDown(target),
                ))
            }
            _ => Some(Step::ScaleDown(vec![target])),
        }
    }

    /// In-range pods at another revision than the update revision, highest
    /// first, split at the partition: (those the update replaces, those it
    /// leaves). None when there is no update revision.
    pub fn old_revision_pods(&self) -> Option<(Vec<u32>, Vec<u32>)> {
        let update = self.sts.status.update_revision.as_ref()?;
        let low = sts::partition_ordinal(self.sts);
        let mut old: Vec<u32> = self
            .model
            .index
            .revisions_of(self.key)
            .filter(|(revision, _)| *revision != update)
            .flat_map(|(_, ordinals)| ordinals)
            .filter(|o| self.range.contains(o))
            .collect();
        old.sort_unstable_by(|a, b| b.cmp(a));
        let (replaced, kept) = old.into_iter().partition(|o| *o >= low);
        Some((replaced, kept))
    }

    /// The update: RollingUpdate from the highest ordinal down to the
    /// partition (one at a time, or maxUnavailable at a time), OnDelete none.
    fn update(&self) -> Option<Step> {
        let (replaced, kept) = self.old_revision_pods()?;
        if sts::is_on_delete(self.sts) {
            let mut old = replaced;
            old.extend(kept);
            old.sort_unstable();
            return (!old.is_empty()).then_some(Step::OnDelete(old));
        }
        let going = |o: &u32| {
            self.pod(*o)
                .is_some_and(|p| pod::phase(p) != Phase::Terminating)
        };
        let targets: Vec<u32> = replaced.iter().copied().filter(going).collect();
        let Some(&first) = targets.first() else {
            // Those above the partition are done (or still going): the rest is kept.
            let mut kept = kept;
            kept.sort_unstable();
            return (replaced.is_empty() && !kept.is_empty()).then_some(Step::Partitioned(kept));
        };
        let unavailable = |o: &u32| {
            self.pod(*o)
                .is_none_or(|p| self.health(*o, p) != Health::Healthy)
        };
        let waited_for = |ordinal: u32| {
            let p = self.pod(ordinal)?;
            Some(Step::Blocked(
                ordinal,
                self.health(ordinal, p),
                Held::Update(first),
            ))
        };
        match sts::max_unavailable(self.sts) {
            // One at a time: an unavailable pod above the next one (being
            // replaced, or just replaced) is waited for first.
            None => match (first + 1..self.range.end).rev().find(unavailable) {
                Some(waited) => waited_for(waited),
                None => Some(Step::Update(vec![first])),
            },
            // maxUnavailable at a time, counting every unavailable pod.
            Some(budget) => {
                let down: Vec<u32> = self.range.clone().rev().filter(unavailable).collect();
                match down.first() {
                    Some(waited) if down.len() >= budget as usize => waited_for(*waited),
                    _ => Some(Step::Update(
                        targets
                            .into_iter()
                            .take(budget as usize - down.len())
                            .collect(),
                    )),
                }
            }
        }
    }

    /// Since when the step could be taken, as far as the pods tell: a pod
    /// after one that had to be available for minReadySeconds only once
    /// it was.
    pub fn possible_since(&self, step: &Step) -> Millis {
        let Step::Create(ordinals, _) = step else {
            return 0;
        };
        let Some(previous) = ordinals[0]
            .checked_sub(1)
            .filter(|p| self.range.contains(p))
        else {
            return 0;
        };
        self.pod(previous)
            .and_then(|p| self.ready_since(previous, p))
            .map_or(0, |since| since.saturating_add(self.min_ready))
    }

    /// The newest Warning Event about the StatefulSet (FailedCreate,
    /// FailedDelete…) since `since` (Events keep whole seconds): the
    /// controller acts and fails.
    pub fn failing_since(&self, since: Millis) -> Option<String> {
        in_namespace(&self.model.store.events, &self.key.namespace)
            .map(|(_, e)| e)
            .filter(|e| e.is_warning() && e.time() >= since - 1000)
            .filter(|e| {
                e.involved_object.kind.as_deref() == Some("StatefulSet")
                    && e.involved_object.name.as_ref() == Some(&self.key.name)
            })
            .max_by_key(|e| e.time())
            .map(|e| e.reason_and_message())
    }

    pub fn blocking_pod(&self, ordinal: u32) -> Blocking {
        Blocking {
            kind: "Pod",
            name: self.name(ordinal).into(),
            ordinal: Some(ordinal),
        }
    }

    pub fn reason_of(health: &Health) -> Reason {
        match health {
            Health::Pending => Reason::Pending,
            Health::Terminating => Reason::Terminating,
            Health::Ended(_) => Reason::RecreatingFailed,
            Health::NotAvailable { .. } => Reason::NotAvailable,
            Health::Starting(_) | Health::Healthy => Reason::NotReady,
        }
    }
}
