//! A class (`stsdash class`): one lesson, followed in every student's
//! namespace from the one model. Pure: the app calls `update` after the
//! model changed and draws `rows`; nothing here talks to the cluster.
//!
//! Each namespace goes through the lesson's steps in order, as a student's
//! `stsdash lesson --student` does: a step is done the first time all its
//! conditions hold once the step before it is done. A step the cluster
//! cannot show (a command in a pod, a look: no `until`) is done with the step
//! before it.

use std::collections::BTreeMap;

use super::{Baseline, Lesson};
use crate::model::object::Event;
use crate::model::store::in_namespace;
use crate::model::{Key, Millis, Model, Text};

/// How a student's namespace is chosen among those the namespace watch
/// delivers (a label selector is the watch's own, on the server).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Students {
    /// Only the namespaces whose name starts so (`--prefix student-`).
    pub prefix: Option<String>,
}

impl Students {
    pub fn contains(&self, namespace: &str) -> bool {
        self.prefix
            .as_deref()
            .is_none_or(|prefix| namespace.starts_with(prefix))
    }
}

/// Where one namespace stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    /// The current step (the number of steps once every one is done).
    pub step: usize,
    /// When the current step began (for the first one: when the namespace was first seen).
    pub since: Millis,
    /// When each step was done.
    pub done: Vec<Option<Millis>>,
    /// The UIDs of the pods the current step's `replaced` conditions are about.
    baseline: Baseline,
}

#[derive(Debug, Clone)]
pub struct Class {
    pub lesson: Lesson,
    pub students: Students,
    /// On one step longer than this: stuck.
    pub stuck_after: Millis,
    progress: BTreeMap<Text, Progress>,
}

/// A step's cell in a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    Done,
    Current,
    NotYet,
}

/// Why a row is marked stuck.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stuck {
    /// On the step longer than `--stuck-after`.
    Long,
    /// A Warning Event in the namespace since the step began.
    Warning,
}

/// One row of the grid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub namespace: Text,
    /// The API server's words when the user may not read the namespace.
    pub not_permitted: Option<Text>,
    /// The current step (0-based; `steps` when finished).
    pub step: usize,
    pub cells: Vec<Cell>,
    /// What the current step waits for, each with what the cluster shows
    /// instead ("mehdb-2 Ready (now Pending)").
    pub waiting: Vec<String>,
    /// The newest Warning Event since the step began about something that
    /// still is not as it should be ("ProvisioningFailed: …").
    pub warning: Option<String>,
    /// How long it has been on the current step, in ms.
    pub on_step: Millis,
    pub stuck: Option<Stuck>,
}

impl Row {
    pub fn finished(&self) -> bool {
        self.not_permitted.is_none() && self.step >= self.cells.len()
    }
}

impl Class {
    pub fn new(lesson: Lesson, students: Students, stuck_after: Millis) -> Class {
        Class {
            lesson,
            students,
            stuck_after,
            progress: BTreeMap::new(),
        }
    }

    /// The students' namespaces, by name.
    pub fn namespaces(&self) -> impl Iterator<Item = &Text> {
        self.progress.keys()
    }

    pub fn progress(&self, namespace: &str) -> Option<&Progress> {
        self.progress.get(namespace)
    }

    /// After the model changed: the namespaces that came or went, and the
    /// steps now done. Whether anything the grid shows changed.
    pub fn update(&mut self, model: &Model) -> bool {
        let mut changed = false;
        let wanted: Vec<&Text> = model
            .store
            .namespaces
            .iter()
            // One being deleted has left the class.
            .filter(|(_, ns)| ns.metadata.deletion_timestamp.is_none())
            .map(|(k, _)| &k.name)
            .filter(|name| self.students.contains(name))
            .collect();
        let before = self.progress.len();
        self.progress
            .retain(|name, _| wanted.binary_search(&name).is_ok());
        changed |= self.progress.len() != before;
        let steps = self.lesson.steps.len();
        for name in wanted {
            if !self.progress.contains_key(name) {
                let mut progress = Progress {
                    step: 0,
                    since: model.now,
                    done: vec![None; steps],
                    baseline: Baseline::new(),
                };
                progress.baseline = baseline(&self.lesson, 0, model, name);
                self.progress.insert(name.clone(), progress);
                changed = true;
            }
            if model.denied.contains_key(name) {
                continue;
            }
            let progress = self.progress.get_mut(name).expect("inserted above");
            changed |= advance(&self.lesson, progress, model, name);
        }
        changed
    }

    /// The grid's rows, by namespace name; `now` is the clock shown.
    pub fn rows(&self, model: &Model, now: Millis) -> Vec<Row> {
        let steps = self.lesson.steps.len();
        self.progress
            .iter()
            .map(|(name, progress)| {
                if let Some(message) = model.denied.get(name) {
                    return Row {
                        namespace: name.clone(),
                        not_permitted: Some(message.clone()),
                        step: 0,
                        cells: vec![Cell::NotYet; steps],
                        waiting: Vec::new(),
                        warning: None,
                        on_step: 0,
                        stuck: None,
                    };
                }
                let cells = (0..steps)
                    .map(|i| match i.cmp(&progress.step) {
                        std::cmp::Ordering::Less => Cell::Done,
                        std::cmp::Ordering::Equal => Cell::Current,
                        std::cmp::Ordering::Greater => Cell::NotYet,
                    })
                    .collect();
                let finished = progress.step >= steps;
                let warning = (!finished)
                    .then(|| newest_warning(model, name, progress.since))
                    .flatten();
                // A warning marks the row stuck once it has lasted a while.
                let warned = warning.is_some_and(|e| now - first_seen(e) >= WARNING_GRACE);
                let on_step = if finished {
                    0
                } else {
                    (now - progress.since).max(0)
                };
                let stuck = match (warned, finished) {
                    (_, true) => None,
                    (true, _) => Some(Stuck::Warning),
                    (false, _) if on_step > self.stuck_after => Some(Stuck::Long),
                    _ => None,
                };
                let waiting = waiting_for(&self.lesson, progress, model, name);
                let warning = warning.map(|e| short_api_names(&e.reason_and_message()));
                Row {
                    namespace: name.clone(),
                    not_permitted: None,
                    step: progress.step,
                    cells,
                    waiting,
                    warning,
                    on_step,
                    stuck,
                }
            })
            .collect()
    }

    /// When the rows' words change with time alone (time on a step, a row
    /// becoming stuck), after `now`: the next whole second under a minute,
    /// the next whole minute after, and the moment `--stuck-after` passes.
    /// A warning not yet lasted long enough counts too, when it will.
    pub fn next_change(&self, model: &Model, now: Millis) -> Option<Millis> {
        let steps = self.lesson.steps.len();
        self.progress
            .iter()
            .filter(|(_, p)| p.step < steps)
            .map(|(name, p)| {
                let on = (now - p.since).max(0);
                let unit = if on < 60_000 { 1_000 } else { 60_000 };
                let next = p.since + (on / unit + 1) * unit;
                let stuck = p.since + self.stuck_after + 1;
                let warned = newest_warning(model, name, p.since)
                    .map(|e| first_seen(e) + WARNING_GRACE)
                    .filter(|at| *at > now);
                [Some(next), (stuck > now).then_some(stuck), warned]
                    .into_iter()
                    .flatten()
                    .min()
                    .unwrap_or(next)
            })
            .min()
    }
}

/// The class in one line: "18 of 24 past step 4; 3 stuck on step 5".
/// The step named is the furthest one at least half of the readable
/// namespaces are past.
pub fn summary(rows: &[Row]) -> String {
    let readable: Vec<&Row> = rows.iter().filter(|r| r.not_permitted.is_none()).collect();
    let denied = rows.len() - readable.len();
    let mut parts = Vec::new();
    if readable.is_empty() {
        parts.push(if rows.is_empty() {
            crate::t!("class-no-students")
        } else {
            crate::t!("class-none-readable")
        });
    } else {
        let steps = readable[0].cells.len();
        let past = |step: usize| readable.iter().filter(|r| r.step > step).count();
        let mut step = 0;
        while step + 1 < steps && past(step + 1) * 2 >= readable.len() {
            step += 1;
        }
        let finished = readable.iter().filter(|r| r.finished()).count();
        if finished == readable.len() {
            parts.push(crate::t!("class-all-finished", count = readable.len()));
        } else {
            parts.push(crate::t!(
                "class-past-step",
                past = past(step),
                count = readable.len(),
                step = step + 1
            ));
        }
        let mut stuck: BTreeMap<usize, usize> = BTreeMap::new();
        for row in readable.iter().filter(|r| r.stuck.is_some()) {
            *stuck.entry(row.step).or_default() += 1;
        }
        match stuck.len() {
            0 => {}
            1 => {
                let (step, count) = stuck.iter().next().expect("one");
                parts.push(crate::t!(
                    "class-stuck-on-step",
                    count = *count,
                    step = step + 1
                ));
            }
            _ => {
                let total: usize = stuck.values().sum();
                let each: Vec<String> = stuck
                    .iter()
                    .map(|(step, count)| {
                        crate::t!("class-on-step", count = *count, step = step + 1)
                    })
                    .collect();
                parts.push(crate::t!(
                    "class-stuck-steps",
                    count = total,
                    steps = crate::i18n::list(&each)
                ));
            }
        }
        if finished > 0 && finished < readable.len() {
            parts.push(crate::t!("class-finished", count = finished));
        }
    }
    if denied > 0 {
        parts.push(crate::t!("class-not-permitted", count = denied));
    }
    parts.join(&crate::t!("class-summary-separator"))
}

/// The API's long resource names made short, as kubectl says them:
/// `storageclass.storage.k8s.io "fast" not found` → `storageclass "fast" not found`.
fn short_api_names(text: &str) -> String {
    text.split(' ')
        .map(|word| match word.split_once('.') {
            Some((kind, group)) if group.ends_with("k8s.io") && !kind.is_empty() => kind,
            _ => word,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A warning marks a row stuck once it is this old and what it is about
/// still is not right: a pod made before its claim was bound is refused by
/// the scheduler once or twice, and that is no reason to look.
pub const WARNING_GRACE: Millis = 10_000;

/// When the Event first happened.
fn first_seen(event: &Event) -> Millis {
    event
        .first_timestamp
        .as_ref()
        .map(crate::model::object::millis)
        .unwrap_or_else(|| event.time())
}

/// Moves the namespace on while its current step's conditions hold.
fn advance(lesson: &Lesson, progress: &mut Progress, model: &Model, namespace: &str) -> bool {
    let mut changed = false;
    while let Some(step) = lesson.steps.get(progress.step) {
        let holds = step
            .until
            .iter()
            .all(|c| c.check(model, namespace, &progress.baseline).holds);
        if !holds {
            break;
        }
        progress.done[progress.step] = Some(model.now);
        progress.step += 1;
        progress.since = model.now;
        progress.baseline = baseline(lesson, progress.step, model, namespace);
        changed = true;
    }
    changed
}

/// The pods a step's `replaced` conditions are about: their UIDs now.
fn baseline(lesson: &Lesson, step: usize, model: &Model, namespace: &str) -> Baseline {
    let Some(step) = lesson.steps.get(step) else {
        return Baseline::new();
    };
    step.until
        .iter()
        .filter_map(|c| c.replaced_pod())
        .filter_map(|pod| {
            let uid = model
                .store
                .pods
                .get(&Key::new(namespace, pod))?
                .metadata
                .uid
                .to_string();
            Some((pod.to_string(), uid))
        })
        .collect()
}

/// The current step's conditions that do not hold, each with what the
/// cluster shows instead: "mehdb-2 Ready (now Pending)".
fn waiting_for(
    lesson: &Lesson,
    progress: &Progress,
    model: &Model,
    namespace: &str,
) -> Vec<String> {
    let Some(step) = lesson.steps.get(progress.step) else {
        return Vec::new();
    };
    step.until
        .iter()
        .filter_map(|c| {
            let check = c.check(model, namespace, &progress.baseline);
            (!check.holds).then(|| {
                crate::t!(
                    "lesson-waiting-now",
                    condition = c.describe(),
                    now = check.now.clone()
                )
            })
        })
        .collect()
}

/// Whether what the Event is about still is not right: its pod not yet on
/// a node (or not started), its claim not Bound, however old the Event (a
/// class opened late sees a student stuck before). Events about anything
/// else (a StatefulSet that cannot create a pod…) count when they came
/// since the step began.
fn still_wrong(model: &Model, namespace: &str, event: &Event, since: Millis) -> bool {
    let about = &event.involved_object;
    let recent = event.time() >= since;
    let Some(name) = about.name.as_deref() else {
        return recent;
    };
    let key = Key::new(namespace, name);
    match about.kind.as_deref() {
        Some("Pod") => model.store.pods.get(&key).is_some_and(|p| {
            !matches!(
                crate::model::pod::phase(p),
                crate::model::pod::Phase::Running | crate::model::pod::Phase::Ready
            )
        }),
        Some("PersistentVolumeClaim") => model
            .store
            .claims
            .get(&key)
            .is_some_and(|c| c.status.phase.as_deref() != Some("Bound")),
        _ => recent,
    }
}

/// The newest Warning Event of the namespace about something still not
/// right (see `still_wrong`), one about a claim first (a claim's warning says why its
/// pod waits).
fn newest_warning<'a>(model: &'a Model, namespace: &'a str, since: Millis) -> Option<&'a Event> {
    let warnings = in_namespace(&model.store.events, namespace)
        .map(|(_, e)| e)
        .filter(|e| e.is_warning() && still_wrong(model, namespace, e, since));
    warnings.max_by_key(|e| {
        (
            e.involved_object.kind.as_deref() == Some("PersistentVolumeClaim"),
            e.time(),
        )
    })
}

#[cfg(test)]
mod tests;
