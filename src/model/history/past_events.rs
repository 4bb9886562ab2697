//! Events the API still kept when stsdash started, placed on the rows of the
//! ordinals they are about: what happened before the first list (Events live
//! an hour by default), earlier incarnations and removed ordinals included.

use std::collections::{BTreeMap, VecDeque};

use super::{History, Incarnation, Level, MAX_INCARNATIONS, MAX_MARKERS, Marker, MarkerKind};
use crate::model::key::{Key, Millis};
use crate::model::object::{Event, EventReason, millis};
use crate::model::pod::Phase;
use crate::model::store::{Store, in_namespace};
use crate::model::text::Text;
use crate::model::{pod, sts};

/// Where an Event goes: the StatefulSet, the ordinal's row when it is about
/// one, and the pod UID it names.
struct Place {
    sts: Key,
    ordinal: Option<u32>,
    uid: Option<String>,
}

/// An Event about one ordinal's pod, for rebuilding incarnations gone before
/// stsdash started.
struct PodEvent<'a> {
    at: Millis,
    uid: Option<&'a str>,
    event: &'a Event,
}

impl History {
    /// Places every Event of the store that concerns a StatefulSet in scope
    /// on its ordinal's row, rebuilds the incarnations they tell of that were
    /// gone before stsdash started, and tells in the narration (as
    /// reconstructed) what the rows' own objects could not: warnings,
    /// earlier incarnations, ordinals with no pod now. `now`: when.
    pub(in crate::model) fn place_events(
        &mut self,
        store: &Store,
        now: Millis,
        in_scope: impl Fn(&Key) -> bool,
    ) {
        let mut events: Vec<&Event> = store.events.values().collect();
        events.sort_by_key(|e| e.time());
        let mut by_row: BTreeMap<(Key, u32), Vec<PodEvent>> = BTreeMap::new();
        for event in events {
            let Some(place) = place(store, event).filter(|p| in_scope(&p.sts)) else {
                continue;
            };
            let at = event.time();
            // An Event that happened more than once first did at firstTimestamp.
            let first = event.first_timestamp.as_ref().map(millis);
            self.reaches_back_to(first.map_or(at, |f| f.min(at)));
            let told = place.ordinal.is_some_and(|ordinal| {
                self.incarnation(&place.sts, ordinal).is_some_and(|inc| {
                    inc.gone.is_none()
                        && at >= inc.created - 1000
                        && place.uid.as_ref().is_none_or(|uid| *uid == *inc.uid)
                })
            });
            if let Some(ordinal) = place.ordinal {
                by_row
                    .entry((place.sts.clone(), ordinal))
                    .or_default()
                    .push(PodEvent {
                        at,
                        uid: event
                            .involved_object
                            .uid
                            .as_deref()
                            .filter(|_| place.uid.is_some()),
                        event,
                    });
            }
            // Told by its row's own object already (the current incarnation,
            // from its creation on, in whole seconds), or the kubelet's
            // routine steps (the rows show the containers running).
            if !event.is_warning() && (told || kubelet_routine(event)) {
                continue;
            }
            let level = if event.is_warning() {
                Level::Warning
            } else {
                Level::Info
            };
            if self.keeps_past(at) {
                self.narrate_past(at, level, Some(place.sts), describe(event));
            }
        }
        for ((sts, ordinal), events) in by_row {
            let life = self
                .ordinals
                .entry(sts)
                .or_default()
                .entry(ordinal)
                .or_default();
            for e in events.iter().filter(|e| !kubelet_routine(e.event)) {
                let kind = MarkerKind::Event {
                    reason: e.event.reason.as_ref().map(Text::from).unwrap_or_default(),
                    warning: e.event.is_warning(),
                };
                let first = e.event.first_timestamp.as_ref().map(millis);
                for at in first.filter(|f| *f < e.at).into_iter().chain([e.at]) {
                    let index = life.past_events.partition_point(|m| m.at <= at);
                    life.past_events.insert(
                        index,
                        Marker {
                            at,
                            kind: kind.clone(),
                        },
                    );
                }
            }
            while life.past_events.len() > MAX_MARKERS {
                life.past_events.pop_front();
            }
            rebuild_gone(&mut life.incarnations, &events, now);
        }
    }
}

/// The incarnations of one ordinal that were gone before stsdash started,
/// from the Events of their pod UIDs: created (the StatefulSet's
/// SuccessfulCreate, else its first Event), Scheduled, Started (running),
/// Killing (terminating), gone (the SuccessfulDelete, else when the next
/// incarnation was created, else its last Event). Readiness is not in the
/// Events: a started pod is drawn running.
fn rebuild_gone(incarnations: &mut VecDeque<Incarnation>, events: &[PodEvent], now: Millis) {
    let mut uids: Vec<&str> = Vec::new();
    for uid in events.iter().filter_map(|e| e.uid) {
        if !uids.contains(&uid) && !incarnations.iter().any(|i| *i.uid == *uid) {
            uids.push(uid);
        }
    }
    let reason_at = |reason: EventReason, from: Millis, to: Millis| {
        events
            .iter()
            .filter(|e| e.uid.is_none() && e.event.reason.as_ref() == Some(&reason))
            .flat_map(|e| {
                let first = e.event.first_timestamp.as_ref().map(millis);
                first.into_iter().chain([e.at])
            })
            .filter(|at| (from..=to).contains(at))
            .collect::<Vec<_>>()
    };
    let mut rebuilt: Vec<(Incarnation, Option<Millis>, Millis)> = Vec::new();
    for uid in uids {
        let own: Vec<&PodEvent> = events.iter().filter(|e| e.uid == Some(uid)).collect();
        let (Some(first), Some(last)) = (own.first(), own.last()) else {
            continue;
        };
        let name = first.event.involved_object.name.clone().unwrap_or_default();
        // The StatefulSet's "create Pod" just before its first Event of its own.
        let created = reason_at(EventReason::SuccessfulCreate, first.at - 60_000, first.at)
            .into_iter()
            .max()
            .unwrap_or(first.at);
        let mut inc = Incarnation {
            uid: uid.into(),
            pod: name,
            created,
            first_seen: now,
            node: None,
            ip: None,
            revision: None,
            segments: VecDeque::new(),
            markers: VecDeque::new(),
            gone: None,
        };
        inc.mark(created, MarkerKind::Created);
        inc.enter(Phase::Pending, created);
        // A life goes forward, whatever the Events' times say: their
        // precision differs (Scheduled to the microsecond, Started to the
        // second), so Started may sort before the Scheduled it follows.
        let first_of = |reason: EventReason| {
            own.iter()
                .filter(|e| e.event.reason.as_ref() == Some(&reason))
                .map(|e| e.at)
                .min()
        };
        let mut at = created;
        for (reason, phase) in [
            (EventReason::Scheduled, Phase::Scheduled),
            (EventReason::Started, Phase::Running),
            (EventReason::Killing, Phase::Terminating),
        ] {
            if let Some(t) = first_of(reason) {
                at = at.max(t);
                inc.enter(phase, at);
            }
        }
        let deleted = reason_at(EventReason::SuccessfulDelete, last.at, last.at + 60_000)
            .into_iter()
            .min();
        rebuilt.push((inc, deleted, last.at));
    }
    rebuilt.sort_by_key(|(i, _, _)| i.created);
    // Without a delete Event (a pod deleted by hand), an incarnation lasted
    // until the next one was created, else until its last Event.
    let next_created: Vec<Option<Millis>> = rebuilt
        .iter()
        .skip(1)
        .map(|(i, _, _)| Some(i.created))
        .chain([incarnations.front().map(|i| i.created)])
        .collect();
    let rebuilt: Vec<Incarnation> = rebuilt
        .into_iter()
        .zip(next_created)
        .map(|((mut inc, deleted, last), next)| {
            let gone = deleted.or(next).unwrap_or(last).max(last);
            inc.enter(Phase::Gone, gone);
            inc.gone = Some(gone);
            inc.mark(gone, MarkerKind::Deleted);
            inc
        })
        .collect();
    for inc in rebuilt.into_iter().rev() {
        incarnations.push_front(inc);
    }
    while incarnations.len() > MAX_INCARNATIONS {
        incarnations.pop_front();
    }
}

/// A kubelet's routine step (the image pulled, a container created or
/// started): the rows draw it as running, it needs no mark or line of its own.
fn kubelet_routine(event: &Event) -> bool {
    use EventReason::{Created, Pulled, Pulling, Started};
    matches!(event.reason, Some(Pulling | Pulled | Created | Started))
}

/// An Event in one line: what it is about, why, what it says, how often.
fn describe(event: &Event) -> String {
    let name = event.involved_object.name.as_deref().unwrap_or_default();
    let reason = event.reason.as_deref().unwrap_or("Event");
    let message = event.message.as_deref().unwrap_or_default();
    match event.count.filter(|c| *c > 1) {
        Some(count) => format!("{name}: {reason}: {message} (×{count})"),
        None => format!("{name}: {reason}: {message}"),
    }
}

/// The StatefulSet and ordinal an Event is about: a pod of it (by name, so
/// a pod gone since still has its row), the StatefulSet itself (its
/// controller's messages name the pod: "create Pod web-0 in StatefulSet web
/// successful") or one of its claims.
fn place(store: &Store, event: &Event) -> Option<Place> {
    let object = &event.involved_object;
    let namespace = object.namespace.as_deref()?;
    let name = object.name.as_deref()?;
    match object.kind.as_deref()? {
        "Pod" => {
            let (sts, ordinal) = pod_of_statefulset(store, namespace, name)?;
            Some(Place {
                sts,
                ordinal: Some(ordinal),
                uid: object.uid.as_deref().map(String::from),
            })
        }
        "StatefulSet" => {
            let sts = Key::new(namespace, name);
            if !store.statefulsets.contains_key(&sts) {
                return None;
            }
            let pod_name = event
                .message
                .as_deref()
                .and_then(|m| m.split_whitespace().skip_while(|w| *w != "Pod").nth(1));
            let ordinal =
                pod_name.and_then(|p| p.strip_prefix(name)?.strip_prefix('-')?.parse().ok());
            Some(Place {
                sts,
                ordinal,
                uid: None,
            })
        }
        "PersistentVolumeClaim" => {
            let sts = sts::claim_statefulset(store, namespace, name)?;
            let ordinal = name.rsplit_once('-').and_then(|(_, n)| n.parse().ok());
            Some(Place {
                sts,
                ordinal,
                uid: None,
            })
        }
        _ => None,
    }
}

/// The StatefulSet (in the store) whose pod is named `name`, and its ordinal.
fn pod_of_statefulset(store: &Store, namespace: &str, name: &str) -> Option<(Key, u32)> {
    if let Some(pod) = store.pods.get(&Key::new(namespace, name))
        && let Some(owner) = pod::owner_statefulset(pod)
    {
        return Some((Key::new(namespace, owner), pod::ordinal(pod, owner)?));
    }
    in_namespace(&store.statefulsets, namespace).find_map(|(key, _)| {
        let ordinal = name.strip_prefix(key.name.as_str())?.strip_prefix('-')?;
        Some((key.clone(), ordinal.parse().ok()?))
    })
}
