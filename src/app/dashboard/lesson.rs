//! A lesson on the dashboard: its keys (Enter, a), what its steps ask of the
//! cluster (as effects the runner carries out), and where they point.

use super::{Dashboard, Effect, Msg};
use crate::app::keymap::{self, Command};
use crate::lesson::run::{Effect as LessonEffect, Stage};
use crate::lesson::{Act, Mode, ObjectKind, Place, Run};
use crate::model::event::{LessonMark, MarkKind, now_millis};
use crate::model::{Action, Change, ClusterEvent, Failure, Key, RunOutput, views};
use crate::ui::{self, Dialog, Pane, RequestedScale, ShownFor, Spotlight};

/// The lesson being run and where it points.
pub(super) struct LessonState {
    pub(super) run: Run,
    /// A place the lesson points at whose row is not there yet.
    pending_show: Option<(Place, ShownFor)>,
    /// The lesson opened the log pane (closed again when it points elsewhere).
    opened_logs: bool,
}

/// A lesson step's own act, for the runner: apply a manifest, delete, exec.
#[derive(Debug)]
pub struct LessonJob {
    pub step: usize,
    pub act: Act,
    pub namespace: String,
    /// The run's id: the label on everything it applies.
    pub run_id: String,
    pub cluster_wide: bool,
    /// The manifest's text, for an apply.
    pub manifest: Option<String>,
}

/// What an event tells a lesson.
pub(super) enum LessonInput {
    Mark(LessonMark),
    /// The dashboard's own scale or delete, done for the step: done, or why not.
    Action(Result<RunOutput, Failure>),
}

/// A lesson mark, as an event taken next.
fn mark(step: u32, kind: MarkKind) -> Effect {
    Effect::Then(Msg::Cluster(ClusterEvent {
        at: now_millis(),
        change: Change::Lesson(LessonMark { step, kind }),
    }))
}

impl Dashboard {
    /// Starts the lesson at its first step; returns what its first step asks for.
    pub fn start_lesson(&mut self, mut run: Run) -> Vec<Effect> {
        // The lesson's keys come first in the footer and the help.
        for (i, hint) in keymap::lesson_hints(true).into_iter().enumerate() {
            self.view.labels.help.insert(i, hint);
        }
        for (i, hint) in keymap::lesson_hints(false).into_iter().enumerate() {
            self.view.labels.hints.insert(i, hint);
        }
        let first = run.begin(&self.model);
        self.lesson = Some(LessonState {
            run,
            pending_show: None,
            opened_logs: false,
        });
        let mut effects = Vec::new();
        self.lesson_effects(first, &mut effects);
        effects
    }

    /// Enter (do the step, or the next one) and `a` (the answer).
    pub(super) fn on_lesson_command(&mut self, command: Command, effects: &mut Vec<Effect>) {
        let Some(lesson) = self.lesson.as_mut() else {
            self.view.chrome.status = Some(crate::t!("lesson-no-lesson"));
            return;
        };
        let asked = match command {
            Command::LessonStep => lesson.run.enter(&self.model),
            _ => lesson.run.reveal(),
        };
        self.lesson_effects(asked, effects);
    }

    /// What an event tells the lesson, if anything (read before the model
    /// takes the event; most events tell it nothing and cost nothing).
    pub(super) fn lesson_input(&self, change: &Change) -> Option<LessonInput> {
        let run = &self.lesson.as_ref()?.run;
        let doing = run.stage == Stage::Doing;
        let ours = |action: &Action| {
            doing && matches!(action, Action::Scale { .. } | Action::DeletePod { .. })
        };
        match change {
            Change::Lesson(mark) => Some(LessonInput::Mark(mark.clone())),
            // The dashboard's own scale or delete, done for the step.
            Change::ActionTaken(action) if ours(action) => {
                Some(LessonInput::Action(Ok(RunOutput::Done {
                    action: action.clone(),
                })))
            }
            Change::ActionFailed { action, message } if ours(action) => {
                Some(LessonInput::Action(Err(message.clone())))
            }
            Change::ActionRefused { action, reason } if ours(action) => {
                Some(LessonInput::Action(Err(Failure::NotSent {
                    action: Box::new(action.clone()),
                    reason: reason.clone(),
                })))
            }
            _ => None,
        }
    }

    /// A mark (an action's outcome, or one played back) or the outcome of
    /// the dashboard's own action, for the lesson.
    pub(super) fn lesson_take(&mut self, input: LessonInput, effects: &mut Vec<Effect>) {
        let Some(lesson) = self.lesson.as_mut() else {
            return;
        };
        let run = &mut lesson.run;
        let asked = match input {
            LessonInput::Mark(mark) if run.mode == Mode::Replay => run.follow(&mark, &self.model),
            LessonInput::Mark(LessonMark {
                step,
                kind: MarkKind::Ran { output },
            }) => {
                self.view.chrome.status = None;
                run.acted(step as usize, Ok(output), &self.model)
            }
            LessonInput::Mark(LessonMark {
                step,
                kind: MarkKind::Failed { message },
            }) => run.acted(step as usize, Err(message), &self.model),
            LessonInput::Mark(_) => return,
            // Recorded as the step's outcome, then taken as one.
            LessonInput::Action(result) => {
                let kind = match result {
                    Ok(output) => MarkKind::Ran { output },
                    Err(message) => MarkKind::Failed { message },
                };
                return effects.push(mark(run.step as u32, kind));
            }
        };
        self.lesson_effects(asked, effects);
    }

    /// Once per turn of the loop after a change: the step's conditions
    /// checked, a place whose row has come shown.
    pub(super) fn lesson_update(&mut self, effects: &mut Vec<Effect>) {
        let Some(lesson) = self.lesson.as_mut() else {
            return;
        };
        let asked = lesson.run.update(&self.model);
        self.lesson_effects(asked, effects);
        self.show_pending();
    }

    fn lesson_effects(&mut self, asked: Vec<LessonEffect>, effects: &mut Vec<Effect>) {
        for effect in asked {
            self.frame.dirty = true;
            match effect {
                LessonEffect::Mark(mark) => {
                    if self.recording {
                        effects.push(Effect::Record(ClusterEvent {
                            at: now_millis(),
                            change: Change::Lesson(mark),
                        }));
                    }
                }
                LessonEffect::Say(text) => self.view.chrome.status = Some(text),
                LessonEffect::Show(place) => {
                    let Some(lesson) = self.lesson.as_mut() else {
                        continue;
                    };
                    let why = if lesson.run.marks[lesson.run.step].revealed {
                        ShownFor::Answer
                    } else {
                        ShownFor::Watch
                    };
                    lesson.pending_show = Some((place, why));
                    self.show_pending();
                }
                LessonEffect::Recap => self.view.chrome.dialog = Some(Dialog::Recap { scroll: 0 }),
                LessonEffect::Act(step, act) => self.lesson_act(step, act, effects),
            }
        }
        if let Some(lesson) = self.lesson.as_ref() {
            self.show_statefulset(&lesson.run.current().statefulset.clone());
        }
    }

    /// Shows the step's StatefulSet (once it exists).
    fn show_statefulset(&mut self, name: &str) {
        let shown = self.model.shown_statefulsets();
        if let Some(index) = shown.iter().position(|(k, _)| k.name == name)
            && index != self.view.nav.statefulset
        {
            self.view.nav.statefulset = index;
            self.view.nav.selected = 0;
            self.view.nav.storage_row = None;
        }
    }

    /// Points at the place: its pane focused and marked, its row selected.
    /// A row not there yet (a pod still to come) is selected when it comes.
    fn show_pending(&mut self) {
        let Some(lesson) = self.lesson.as_ref() else {
            return;
        };
        let Some((place, why)) = lesson.pending_show.clone() else {
            return;
        };
        // Revealed, the answer's words stay in view in its pane.
        let words = (why == ShownFor::Answer)
            .then(|| lesson.run.current().look_for.clone())
            .flatten();
        self.show_statefulset(&lesson.run.current().statefulset.clone());
        let pane = match place.pane {
            crate::lesson::Pane::Timeline => Some(Pane::Timeline),
            crate::lesson::Pane::Storage => Some(Pane::Storage),
            crate::lesson::Pane::Narration => Some(Pane::Narration),
            crate::lesson::Pane::Logs => Some(Pane::Logs),
            crate::lesson::Pane::Header => None,
        };
        self.view.chrome.spotlight = pane.map(|pane| Spotlight { pane, why, words });
        if let Some(pane) = pane {
            self.view.nav.focus = pane;
        }
        let opened_logs = self.lesson.as_ref().is_some_and(|l| l.opened_logs);
        // A log the lesson opened gives its room back to the graph once the
        // lesson looks elsewhere.
        if place.pane != crate::lesson::Pane::Logs && opened_logs {
            self.view.nav.logs = ui::LogMode::Off;
            self.set_lesson_logs(false);
        }
        let Some(row) = place.row.as_deref() else {
            return self.set_pending(None);
        };
        let Some(key) = ui::current_statefulset(&self.model, &self.view).cloned() else {
            return;
        };
        let timeline = views::timeline_of(&self.model, &key);
        let ordinal_row =
            (0..timeline.len()).find(|&i| timeline.row(i).is_some_and(|r| r.pod == row));
        let found = match place.pane {
            crate::lesson::Pane::Storage => {
                let graph_row = views::graph_rows(&self.model, &key)
                    .position(|r| r.claim_name() == Some(row) || r.pod_name() == Some(row));
                if let Some(index) = graph_row {
                    self.view.nav.storage_row = Some(index);
                }
                graph_row.is_some()
            }
            crate::lesson::Pane::Logs => {
                if let Some(index) = ordinal_row {
                    self.view.nav.selected = index;
                    if self.view.nav.logs == ui::LogMode::Off {
                        self.view.nav.logs = ui::LogMode::Selected;
                        self.set_lesson_logs(true);
                    }
                }
                ordinal_row.is_some()
            }
            _ => {
                if let Some(index) = ordinal_row {
                    self.view.nav.selected = index;
                    self.view.nav.storage_row = None;
                }
                ordinal_row.is_some()
            }
        };
        if found {
            self.set_pending(None);
        }
    }

    fn set_pending(&mut self, pending: Option<(Place, ShownFor)>) {
        if let Some(lesson) = self.lesson.as_mut() {
            lesson.pending_show = pending;
        }
    }

    fn set_lesson_logs(&mut self, opened: bool) {
        if let Some(lesson) = self.lesson.as_mut() {
            lesson.opened_logs = opened;
        }
    }

    /// Does the step's action (a teacher's Enter): the dashboard's own scale
    /// and delete go as actions; the others as a job for the runner. Either
    /// outcome comes back as a lesson mark.
    fn lesson_act(&mut self, step: usize, act: Act, effects: &mut Vec<Effect>) {
        let Some(run) = self.lesson.as_ref().map(|l| &l.run) else {
            return;
        };
        let namespace = run.namespace.clone();
        let statefulset = Key::new(namespace.as_str(), run.current().statefulset.as_str());
        let fail = |message: Failure| mark(step as u32, MarkKind::Failed { message });
        if !self.live() {
            return effects.push(fail(Failure::NoCluster));
        }
        if self.settings.read_only {
            return effects.push(fail(Failure::ReadOnly));
        }
        match &act {
            // The dashboard's own actions: marked on the timeline as done from stsdash.
            Act::Scale { replicas } => {
                let Some(set) = self.model.store.statefulsets.get(&statefulset) else {
                    return effects.push(fail(Failure::NoStatefulSet {
                        name: statefulset.name.clone(),
                    }));
                };
                let action = Action::Scale {
                    statefulset: statefulset.clone(),
                    uid: set.metadata.uid.clone(),
                    from: set.spec.replicas.unwrap_or(1),
                    to: *replicas,
                };
                self.view.chrome.requested = Some(RequestedScale {
                    statefulset,
                    to: *replicas,
                    since: now_millis(),
                });
                return self.act(action, effects);
            }
            Act::Delete {
                kind: ObjectKind::Pod,
                name,
            } => {
                let pod = Key::new(namespace.as_str(), name.as_str());
                let Some(found) = self.model.store.pods.get(&pod) else {
                    return effects.push(fail(Failure::NoPod {
                        name: name.as_str().into(),
                    }));
                };
                let uid = found.metadata.uid.clone();
                return self.act(Action::DeletePod { pod, uid }, effects);
            }
            _ => {}
        }
        let manifest = match &act {
            Act::Apply { manifest } => run.lesson.manifest(manifest).map(str::to_string),
            _ => None,
        };
        self.view.chrome.status = Some(format!(
            "{}…",
            super::strip::describe(&act, run.current(), &run.lesson)
        ));
        effects.push(Effect::Lesson(LessonJob {
            step,
            act,
            namespace,
            run_id: run.id.clone(),
            cluster_wide: run.cluster_wide_allowed,
            manifest,
        }));
    }
}
