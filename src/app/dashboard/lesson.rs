//! A lesson on the dashboard: its keys (Enter, a), what its steps do on the
//! cluster, where they point, and the strip the ui draws from it.

use crossterm::event::{KeyCode, KeyEvent};

use super::Dashboard;
use crate::app::keymap::{self, Command};
use crate::cluster;
use crate::lesson::run::{Effect, Stage};
use crate::lesson::{Act, Mode, ObjectKind, Place, Run, Step};
use crate::model::event::{LessonMark, MarkKind, now_millis};
use crate::model::{Action, Change, ClusterEvent, Key, Millis, Model, views};
use crate::ui::lesson::{LessonStrip, RecapItem, StripLine, Tone};
use crate::ui::{self, Dialog, Pane};

impl Dashboard {
    /// Starts the lesson at its first step.
    pub fn start_lesson(&mut self, mut run: Run) {
        // The lesson's keys come first in the footer and the help.
        for (i, hint) in keymap::lesson_hints(true).into_iter().enumerate() {
            self.view.help.insert(i, hint);
        }
        for (i, hint) in keymap::lesson_hints(false).into_iter().enumerate() {
            self.view.hints.insert(i, hint);
        }
        let effects = run.begin(&self.model);
        self.lesson = Some(run);
        self.lesson_effects(effects);
    }

    /// The recap takes the keys while it is open. Returns whether it took this one.
    pub(super) fn on_recap_key(&mut self, key: &KeyEvent) -> bool {
        let Some(Dialog::Recap { scroll }) = self.view.dialog else {
            return false;
        };
        self.view.dialog = match key.code {
            KeyCode::Down | KeyCode::Char('j') => Some(Dialog::Recap { scroll: scroll + 1 }),
            KeyCode::Up | KeyCode::Char('k') => Some(Dialog::Recap {
                scroll: scroll.saturating_sub(1),
            }),
            _ => None,
        };
        // q closes the recap and quits, as everywhere.
        key.code != KeyCode::Char('q')
    }

    /// Enter (do the step, or the next one) and `a` (the answer).
    pub(super) fn on_lesson_command(&mut self, command: Command) {
        let Some(run) = self.lesson.as_mut() else {
            self.view.status = Some("Enter and a drive a lesson (stsdash lesson NAME)".into());
            return;
        };
        let effects = match command {
            Command::LessonStep => run.enter(&self.model),
            _ => run.reveal(),
        };
        self.lesson_effects(effects);
    }

    /// What an event tells the lesson, if anything (read before the model
    /// takes the event; most events tell it nothing and cost nothing).
    pub(super) fn lesson_input(&self, change: &Change) -> Option<LessonInput> {
        let run = self.lesson.as_ref()?;
        let doing = run.stage == Stage::Doing;
        let ours = |action: &Action| {
            doing && matches!(action, Action::Scale { .. } | Action::DeletePod { .. })
        };
        match change {
            Change::Lesson(mark) => Some(LessonInput::Mark(mark.clone())),
            // The dashboard's own scale or delete, done for the step.
            Change::ActionTaken(action) if ours(action) => {
                Some(LessonInput::Action(Ok(action.describe())))
            }
            Change::ActionFailed { action, message } if ours(action) => {
                Some(LessonInput::Action(Err(message.to_string())))
            }
            Change::ActionRefused { action, reason } if ours(action) => {
                Some(LessonInput::Action(Err(reason.to_string())))
            }
            _ => None,
        }
    }

    /// A mark (an action's outcome, or one played back) or the outcome of
    /// the dashboard's own action, for the lesson.
    pub(super) fn lesson_take(&mut self, input: LessonInput) {
        let Some(run) = self.lesson.as_mut() else {
            return;
        };
        let effects = match input {
            LessonInput::Mark(mark) if run.mode == Mode::Replay => run.follow(&mark, &self.model),
            LessonInput::Mark(LessonMark {
                step,
                kind: MarkKind::Ran { output },
            }) => {
                self.view.status = None;
                run.acted(step as usize, Ok(output.to_string()), &self.model)
            }
            LessonInput::Mark(LessonMark {
                step,
                kind: MarkKind::Failed { message },
            }) => run.acted(step as usize, Err(message.to_string()), &self.model),
            LessonInput::Mark(_) => return,
            // Recorded as the step's outcome, then taken as one.
            LessonInput::Action(result) => {
                let step = run.step as u32;
                let kind = match result {
                    Ok(output) => MarkKind::Ran {
                        output: output.into(),
                    },
                    Err(message) => MarkKind::Failed {
                        message: message.into(),
                    },
                };
                let _ = self.apply(ClusterEvent {
                    at: now_millis(),
                    change: Change::Lesson(LessonMark { step, kind }),
                });
                return;
            }
        };
        self.lesson_effects(effects);
    }

    /// Once per turn of the loop after a change: the step's conditions
    /// checked, a place whose row has come shown.
    pub(super) fn lesson_update(&mut self) {
        let Some(run) = self.lesson.as_mut() else {
            return;
        };
        let effects = run.update(&self.model);
        self.lesson_effects(effects);
        self.show_pending();
    }

    fn lesson_effects(&mut self, effects: Vec<Effect>) {
        for effect in effects {
            self.dirty = true;
            match effect {
                Effect::Mark(mark) => {
                    if let Some(r) = self.recorder.as_mut() {
                        let _ = r.record(&ClusterEvent {
                            at: now_millis(),
                            change: Change::Lesson(mark),
                        });
                    }
                }
                Effect::Say(text) => self.view.status = Some(text),
                Effect::Show(place) => {
                    let why = match self.lesson.as_ref() {
                        Some(run) if run.revealed[run.step] => "answer",
                        _ => "watch",
                    };
                    self.pending_show = Some((place, why));
                    self.show_pending();
                }
                Effect::Recap => self.view.dialog = Some(Dialog::Recap { scroll: 0 }),
                Effect::Act(step, act) => self.lesson_act(step, act),
            }
        }
        if let Some(run) = self.lesson.as_ref() {
            self.show_statefulset(&run.current().statefulset.clone());
        }
    }

    /// Shows the step's StatefulSet (once it exists).
    fn show_statefulset(&mut self, name: &str) {
        let shown = self.model.shown_statefulsets();
        if let Some(index) = shown.iter().position(|(k, _)| k.name == name)
            && index != self.view.statefulset
        {
            self.view.statefulset = index;
            self.view.selected = 0;
            self.view.storage_row = None;
        }
    }

    /// Points at the place: its pane focused and marked, its row selected.
    /// A row not there yet (a pod still to come) is selected when it comes.
    fn show_pending(&mut self) {
        let Some((place, why)) = self.pending_show.clone() else {
            return;
        };
        if let Some(run) = self.lesson.as_ref() {
            let name = run.current().statefulset.clone();
            self.show_statefulset(&name);
        }
        let pane = match place.pane {
            crate::lesson::Pane::Timeline => Some(Pane::Timeline),
            crate::lesson::Pane::Storage => Some(Pane::Storage),
            crate::lesson::Pane::Narration => Some(Pane::Narration),
            crate::lesson::Pane::Logs => Some(Pane::Logs),
            crate::lesson::Pane::Header => None,
        };
        self.view.spotlight = pane.map(|p| (p, why));
        if let Some(pane) = pane {
            self.view.focus = pane;
        }
        // A log the lesson opened gives its room back to the graph once the
        // lesson looks elsewhere.
        if place.pane != crate::lesson::Pane::Logs && self.lesson_opened_logs {
            self.view.logs = ui::LogMode::Off;
            self.lesson_opened_logs = false;
        }
        let Some(row) = place.row.as_deref() else {
            self.pending_show = None;
            return;
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
                    self.view.storage_row = Some(index);
                }
                graph_row.is_some()
            }
            crate::lesson::Pane::Logs => {
                if let Some(index) = ordinal_row {
                    self.view.selected = index;
                    if self.view.logs == ui::LogMode::Off {
                        self.view.logs = ui::LogMode::Selected;
                        self.lesson_opened_logs = true;
                    }
                }
                ordinal_row.is_some()
            }
            _ => {
                if let Some(index) = ordinal_row {
                    self.view.selected = index;
                    self.view.storage_row = None;
                }
                ordinal_row.is_some()
            }
        };
        if found {
            self.pending_show = None;
        }
    }

    /// Does the step's action (a teacher's Enter); its outcome comes back
    /// over the channel as a lesson mark.
    fn lesson_act(&mut self, step: usize, act: Act) {
        let Some(run) = self.lesson.as_ref() else {
            return;
        };
        let namespace = run.namespace.clone();
        let statefulset = Key::new(namespace.as_str(), run.current().statefulset.as_str());
        let fail = |this: &mut Dashboard, message: String| {
            let _ = this.apply(ClusterEvent {
                at: now_millis(),
                change: Change::Lesson(LessonMark {
                    step: step as u32,
                    kind: MarkKind::Failed {
                        message: message.into(),
                    },
                }),
            });
        };
        let Some(live) = self.live.as_ref() else {
            return fail(self, "no cluster: a replay does nothing".into());
        };
        let Some(write) = live.write.clone() else {
            return fail(self, "read-only: stsdash changes nothing".into());
        };
        match &act {
            // The dashboard's own actions: marked on the timeline as done from stsdash.
            Act::Scale { replicas } => {
                let Some(set) = self.model.store.statefulsets.get(&statefulset) else {
                    return fail(
                        self,
                        format!("no StatefulSet {} here yet", statefulset.name),
                    );
                };
                let action = Action::Scale {
                    statefulset: statefulset.clone(),
                    uid: set.metadata.uid.clone(),
                    from: set.spec.replicas.unwrap_or(1),
                    to: *replicas,
                };
                self.view.requested_replicas = Some((statefulset, *replicas));
                self.requested_since = Some(tokio::time::Instant::now());
                self.act(action);
                return;
            }
            Act::Delete {
                kind: ObjectKind::Pod,
                name,
            } => {
                let pod = Key::new(namespace.as_str(), name.as_str());
                let Some(found) = self.model.store.pods.get(&pod) else {
                    return fail(self, format!("no pod {name} to delete"));
                };
                let uid = found.metadata.uid.clone();
                self.act(Action::DeletePod { pod, uid });
                return;
            }
            _ => {}
        }
        let tx = self.tx.clone();
        let (run_id, cluster_wide) = (run.id.clone(), run.cluster_wide_allowed);
        let manifest = match &act {
            Act::Apply { manifest } => run.lesson.manifest(manifest).map(str::to_string),
            _ => None,
        };
        self.view.status = Some(format!("{}…", describe(&act, run.current())));
        tokio::spawn(async move {
            let result = match act {
                Act::Apply { manifest: path } => match manifest {
                    Some(yaml) => {
                        cluster::lesson::apply(&write, &namespace, &run_id, &yaml, cluster_wide)
                            .await
                            .map(|lines| lines.join(" · "))
                    }
                    None => Err(cluster::actions::ActionError::NotFound(path)),
                },
                Act::Delete { kind, name } => {
                    cluster::lesson::delete(&write, &namespace, kind.word(), &name)
                        .await
                        .map(|()| format!("{} {name} deleted", kind.word()))
                }
                Act::Exec { pod, command } => {
                    cluster::lesson::exec_output(&write, &namespace, &pod, &command)
                        .await
                        .map(|(output, code)| match code {
                            Some(code) if code != 0 => format!("{output} (exit {code})"),
                            _ => output,
                        })
                }
                _ => Ok(String::new()),
            };
            let kind = match result {
                // The strip has one line for it: the command's lines joined.
                Ok(output) => MarkKind::Ran {
                    output: output
                        .lines()
                        .map(|l| crate::model::sanitize::line(l.trim()))
                        .filter(|l| !l.is_empty())
                        .collect::<Vec<_>>()
                        .join(" ⏎ ")
                        .into(),
                },
                Err(e) => MarkKind::Failed {
                    message: e.to_string().into(),
                },
            };
            let _ = tx
                .send(ClusterEvent {
                    at: now_millis(),
                    change: Change::Lesson(LessonMark {
                        step: step as u32,
                        kind,
                    }),
                })
                .await;
        });
    }

    /// The strip, made anew for each frame from where the lesson stands.
    pub(super) fn lesson_strip(&self) -> Option<LessonStrip> {
        let run = self.lesson.as_ref()?;
        let now = self
            .view
            .clock
            .unwrap_or(self.model.now)
            .max(self.model.now);
        Some(strip(run, &self.model, now))
    }
}

/// What an event tells a lesson.
pub(super) enum LessonInput {
    Mark(LessonMark),
    /// The dashboard's own scale or delete, done for the step: ended (its
    /// words) or not (why).
    Action(Result<String, String>),
}

/// An action in words.
fn describe(act: &Act, step: &Step) -> String {
    match act {
        Act::Apply { manifest } => {
            format!("apply {manifest} (server-side apply, field manager stsdash)")
        }
        Act::Scale { replicas } => format!("scale {} to {replicas} replicas", step.statefulset),
        Act::Delete { kind, name } => format!("delete {} {name}", kind.word()),
        Act::Exec { pod, command } => format!("run in {pod}: {command}"),
        Act::Yourself { .. } => "do it yourself".into(),
        Act::Watch => "nothing to do: watch".into(),
    }
}

/// What the strip says: the step, what to do, where to look, what it waits
/// for (and since when, at `now`), the question and (revealed) the answer.
pub fn strip(run: &Run, model: &Model, now: Millis) -> LessonStrip {
    let step = run.current();
    let count = run.lesson.steps.len();
    let title = format!(
        "lesson {} · step {} of {count} · {}",
        run.lesson.name,
        run.step + 1,
        step.title
    );
    let keys = match (run.mode, &run.stage) {
        _ if run.finished => "Enter recap · q quit",
        (Mode::Replay, _) => "a answer · space pause",
        (_, Stage::Done) if step.question.is_some() && !run.revealed[run.step] => {
            "a answer · Enter next"
        }
        (_, Stage::Done) => "Enter next",
        (Mode::Teacher, Stage::ToDo) => "Enter do it",
        (Mode::Teacher, Stage::Waiting) => "Enter Enter skip",
        (_, Stage::Waiting) if step.until.is_empty() => "Enter when done",
        _ => "",
    }
    .to_string();
    let mut lines = Vec::new();
    let mut line = |label, text: String, tone| lines.push(StripLine { label, text, tone });
    let doer = match run.mode {
        Mode::Teacher => describe(&step.act, step),
        _ => match &step.act {
            Act::Watch => "nothing to do: watch".into(),
            Act::Yourself { .. } | Act::Apply { .. } => "do it yourself".into(),
            act => format!("{} yourself", describe(act, step)),
        },
    };
    let keys_for = run.lesson.keys(step).map(|k| format!(" · key {k}"));
    let doer = match (run.mode, keys_for) {
        (Mode::Student | Mode::ReadOnly, Some(keys)) if run.mode != Mode::ReadOnly => {
            format!("{doer}{keys}")
        }
        _ => doer,
    };
    line("do", doer, Tone::Plain);
    if let Some(command) = run.lesson.kubectl(step, &run.namespace) {
        let label = if run.mode == Mode::Teacher {
            "same as"
        } else {
            "run"
        };
        line(label, command, Tone::Plain);
    }
    // What it will make, before it is made.
    let before = match run.mode {
        Mode::Teacher => run.stage == Stage::ToDo,
        _ => run.stage == Stage::Waiting,
    };
    if let Act::Apply { manifest } = &step.act
        && before
        && !run.finished
    {
        line(
            "applies",
            run.lesson.plan_of(manifest, &run.namespace),
            Tone::Plain,
        );
    }
    if let Some((ok, output)) = &run.output {
        let tone = if *ok { Tone::Plain } else { Tone::Failed };
        line(if *ok { "output" } else { "failed" }, output.clone(), tone);
    }
    if let Some(place) = &step.watch {
        line("watch", place.describe(), Tone::Plain);
    }
    if let Some(note) = &step.note {
        line("note", note.clone(), Tone::Plain);
    }
    let wanted: Vec<String> = step.until.iter().map(|c| c.describe()).collect();
    match &run.stage {
        Stage::Done if wanted.is_empty() => line("done", "✓".into(), Tone::Done),
        Stage::Done => line("done", format!("✓ {}", wanted.join(", ")), Tone::Done),
        Stage::ToDo | Stage::Doing if !wanted.is_empty() => line(
            "then",
            format!("waits for {}", wanted.join(", ")),
            Tone::Plain,
        ),
        Stage::Waiting if !wanted.is_empty() => {
            let since = run.waiting_since.unwrap_or(model.now);
            let seconds = (now - since).max(0) / 1000;
            line(
                "waiting",
                format!("{seconds}s for {}", run.waiting_for(model)),
                Tone::Waiting,
            )
        }
        _ => {}
    }
    if let Some(question) = &step.question {
        line("?", question.clone(), Tone::Question);
    }
    if run.revealed[run.step]
        && let Some(answer) = &step.answer
    {
        let at = step
            .answer_at
            .as_ref()
            .or(step.watch.as_ref())
            .map(|p: &Place| format!("look at the {}: ", p.describe()))
            .unwrap_or_default();
        line("answer", format!("{at}{answer}"), Tone::Done);
    }
    // Made only once it is shown: at the end.
    let recap = run
        .lesson
        .steps
        .iter()
        .filter(|_| run.finished)
        .enumerate()
        .filter_map(|(i, s)| {
            Some(RecapItem {
                step: s.title.clone(),
                question: s.question.clone()?,
                answer: s.answer.clone()?,
                seen: if run.revealed[i] {
                    "answer seen"
                } else if run.skipped[i] {
                    "skipped"
                } else {
                    "answer not revealed"
                },
            })
        })
        .collect();
    LessonStrip {
        title,
        keys,
        lines,
        recap,
    }
}
