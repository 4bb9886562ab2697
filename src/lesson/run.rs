//! Where a lesson stands: the step, whether its action ran, whether its
//! conditions hold, which answers were revealed. Pure: the dashboard feeds it
//! keys, the model and the actions' outcomes, and does what it returns.

use super::{Act, Baseline, Check, Lesson, Place, Step};
use crate::model::event::{LessonMark, MarkKind};
use crate::model::{Failure, Millis, Model, RunOutput};

/// Who drives the lesson.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Enter does each step, then goes on (a second Enter skips a step that waits).
    Teacher,
    /// The student does each step; it ends when its conditions hold.
    Student,
    /// Like a student, and stsdash changes nothing: the commands are shown.
    ReadOnly,
    /// A recorded lesson played back: the steps follow the recording.
    Replay,
}

/// Where the step is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stage {
    /// Its action is for Enter to do (a teacher).
    ToDo,
    /// Its action was sent; the cluster has not answered yet.
    Doing,
    /// Waiting for its conditions.
    Waiting,
    /// Every condition holds (or it had none and is over).
    Done,
}

/// A step's marks besides its conditions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StepMarks {
    /// Its answer was revealed.
    pub revealed: bool,
    /// It was skipped before its conditions held.
    pub skipped: bool,
}

/// The current step's wait for its conditions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Wait {
    /// When it began (for "waiting 14s").
    pub since: Option<Millis>,
    /// Enter once more skips it (teacher).
    pub skip_armed: bool,
}

/// What the dashboard does for the lesson.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Do the step's action (teacher).
    Act(usize, Act),
    /// Record this mark (a recording replays the lesson).
    Mark(LessonMark),
    /// Say this in the status line.
    Say(String),
    /// Show the place: select its row, mark its pane.
    Show(Place),
    /// The last step is over: show the recap.
    Recap,
}

#[derive(Debug, Clone)]
pub struct Run {
    pub lesson: Lesson,
    pub mode: Mode,
    pub namespace: String,
    /// This run's id: the label on everything it applies (cleanup removes only that).
    pub id: String,
    /// The user passed --allow-cluster-objects and the lesson asks for them.
    pub cluster_wide_allowed: bool,
    pub step: usize,
    pub stage: Stage,
    /// What happened to each step besides its conditions.
    pub marks: Vec<StepMarks>,
    /// What the step's action printed, or why it failed (worded when shown).
    pub output: Option<Result<RunOutput, Failure>>,
    pub wait: Wait,
    pub finished: bool,
    baseline: Baseline,
}

impl Run {
    pub fn new(lesson: Lesson, mode: Mode, namespace: String) -> Run {
        let count = lesson.steps.len();
        Run {
            lesson,
            mode,
            namespace,
            id: String::new(),
            cluster_wide_allowed: false,
            step: 0,
            stage: Stage::Waiting,
            marks: vec![StepMarks::default(); count],
            output: None,
            wait: Wait::default(),
            finished: false,
            baseline: Baseline::new(),
        }
    }

    pub fn current(&self) -> &Step {
        &self.lesson.steps[self.step.min(self.lesson.steps.len() - 1)]
    }

    /// Begins the current step (the first, or the next one).
    pub fn begin(&mut self, model: &Model) -> Vec<Effect> {
        let step = self.current().clone();
        self.output = None;
        self.wait.skip_armed = false;
        self.wait.since = None;
        // The pods a `replaced` condition is about: their UID now.
        self.baseline = step
            .until
            .iter()
            .filter_map(|c| c.replaced_pod())
            .filter_map(|pod| {
                let key = crate::model::Key::new(self.namespace.as_str(), pod);
                let uid = model.store.pods.get(&key)?.metadata.uid.to_string();
                Some((pod.to_string(), uid))
            })
            .collect();
        self.stage = if self.mode == Mode::Teacher && step.act.acts() {
            Stage::ToDo
        } else {
            self.wait.since = Some(model.now);
            Stage::Waiting
        };
        let mut effects = vec![Effect::Mark(self.mark(MarkKind::Started))];
        if let Some(place) = step.watch {
            effects.push(Effect::Show(place));
        }
        // What it waits for may already be there.
        effects.extend(self.update(model));
        effects
    }

    fn mark(&self, kind: MarkKind) -> LessonMark {
        LessonMark {
            step: self.step as u32,
            kind,
        }
    }

    /// Each condition of the step, with where it stands.
    pub fn checks(&self, model: &Model) -> Vec<(String, Check)> {
        self.current()
            .until
            .iter()
            .map(|c| {
                (
                    c.describe(),
                    c.check(model, &self.namespace, &self.baseline),
                )
            })
            .collect()
    }

    /// After the model changed: a waiting step whose conditions all hold is done.
    pub fn update(&mut self, model: &Model) -> Vec<Effect> {
        if self.finished || self.stage != Stage::Waiting || self.mode == Mode::Replay {
            return Vec::new();
        }
        let until = &self.current().until;
        if until.is_empty() {
            // Nothing to wait for: a teacher's step is over once its action
            // ran; a student's when they say so (Enter).
            if self.mode == Mode::Teacher {
                self.stage = Stage::Done;
                return vec![Effect::Mark(self.mark(MarkKind::Met))];
            }
            return Vec::new();
        }
        if self.checks(model).iter().all(|(_, c)| c.holds) {
            self.stage = Stage::Done;
            return vec![Effect::Mark(self.mark(MarkKind::Met))];
        }
        Vec::new()
    }

    /// Enter: do the step, or go on to the next one.
    pub fn enter(&mut self, model: &Model) -> Vec<Effect> {
        if self.finished {
            return vec![Effect::Recap];
        }
        match (&self.stage, self.mode) {
            (_, Mode::Replay) => vec![Effect::Say(crate::t!("lesson-say-replay"))],
            (Stage::ToDo, _) => {
                self.stage = Stage::Doing;
                vec![Effect::Act(self.step, self.current().act.clone())]
            }
            (Stage::Doing, _) => vec![Effect::Say(crate::t!(
                "lesson-say-doing",
                act = self.current().act.word()
            ))],
            (Stage::Done, _) => self.next(model),
            (Stage::Waiting, mode) => {
                // Nothing the cluster shows ends it: the student says it is
                // done; the question comes, and Enter again goes on.
                if self.current().until.is_empty() && mode != Mode::Teacher {
                    self.stage = Stage::Done;
                    return vec![Effect::Mark(self.mark(MarkKind::Met))];
                }
                let waiting = self.waiting_for(model);
                if mode == Mode::Teacher && self.wait.skip_armed {
                    self.marks[self.step].skipped = true;
                    let mut effects = vec![Effect::Mark(self.mark(MarkKind::Skipped))];
                    effects.extend(self.next(model));
                    effects
                } else if mode == Mode::Teacher {
                    self.wait.skip_armed = true;
                    vec![Effect::Say(crate::t!(
                        "lesson-say-skip",
                        conditions = waiting
                    ))]
                } else {
                    vec![Effect::Say(crate::t!(
                        "lesson-say-student-waits",
                        conditions = waiting
                    ))]
                }
            }
        }
    }

    /// What the step still waits for, in words.
    pub fn waiting_for(&self, model: &Model) -> String {
        let open: Vec<String> = self
            .checks(model)
            .into_iter()
            .filter(|(_, c)| !c.holds)
            .map(|(what, c)| crate::t!("lesson-waiting-now", condition = what, now = c.now))
            .collect();
        if open.is_empty() {
            crate::t!("lesson-waiting-nothing")
        } else {
            open.join(", ")
        }
    }

    fn next(&mut self, model: &Model) -> Vec<Effect> {
        if self.step + 1 >= self.lesson.steps.len() {
            self.finished = true;
            return vec![Effect::Mark(self.mark(MarkKind::Finished)), Effect::Recap];
        }
        self.step += 1;
        self.begin(model)
    }

    /// The step's action ran (Ok: its output) or failed (Err: why).
    pub fn acted(
        &mut self,
        step: usize,
        result: Result<RunOutput, Failure>,
        model: &Model,
    ) -> Vec<Effect> {
        if step != self.step || self.stage != Stage::Doing {
            return Vec::new();
        }
        self.stage = Stage::Waiting;
        self.wait.since = Some(model.now);
        let failed = result.is_err();
        let shown = match &result {
            Ok(output) => !output.is_empty(),
            Err(failure) => !failure.to_string().is_empty(),
        };
        self.output = shown.then(|| result.clone());
        let mut effects = vec![Effect::Mark(self.mark(match result {
            Ok(output) => MarkKind::Ran { output },
            Err(message) => MarkKind::Failed { message },
        }))];
        if failed {
            // Enter tries again.
            self.stage = Stage::ToDo;
            return effects;
        }
        effects.extend(self.update(model));
        effects
    }

    /// What the step's action printed (true) or why it failed (false), in
    /// words of this moment's language.
    pub fn output_said(&self) -> Option<(bool, String)> {
        self.output.as_ref().map(|output| match output {
            Ok(output) => (true, output.to_string()),
            Err(failure) => (false, failure.to_string()),
        })
    }

    /// `a`: the answer, and the place that shows it.
    pub fn reveal(&mut self) -> Vec<Effect> {
        let step = self.current().clone();
        if step.answer.is_none() {
            return vec![Effect::Say(crate::t!("lesson-say-no-question"))];
        }
        if self.stage != Stage::Done && self.mode != Mode::Replay {
            return vec![Effect::Say(crate::t!("lesson-say-answer-later"))];
        }
        self.marks[self.step].revealed = true;
        let mut effects = vec![Effect::Mark(self.mark(MarkKind::Revealed))];
        if let Some(place) = step.answer_at.or(step.watch) {
            effects.push(Effect::Show(place));
        }
        effects
    }

    /// A recorded mark, played back: the steps follow the recording.
    pub fn follow(&mut self, mark: &LessonMark, model: &Model) -> Vec<Effect> {
        let step = (mark.step as usize).min(self.lesson.steps.len().saturating_sub(1));
        match &mark.kind {
            MarkKind::Started => {
                self.step = step;
                self.finished = false;
                let effects = self.begin(model);
                self.stage = Stage::Waiting;
                effects
                    .into_iter()
                    .filter(|e| matches!(e, Effect::Show(_)))
                    .collect()
            }
            MarkKind::Ran { output } => {
                self.output = Some(Ok(output.clone()));
                Vec::new()
            }
            MarkKind::Failed { message } => {
                self.output = Some(Err(message.clone()));
                Vec::new()
            }
            MarkKind::Met => {
                self.stage = Stage::Done;
                Vec::new()
            }
            MarkKind::Skipped => {
                self.marks[step].skipped = true;
                Vec::new()
            }
            // The class sees the answer when the teacher revealed it.
            MarkKind::Revealed => {
                self.marks[step].revealed = true;
                self.current()
                    .answer_at
                    .clone()
                    .or(self.current().watch.clone())
                    .map(Effect::Show)
                    .into_iter()
                    .collect()
            }
            MarkKind::Finished => {
                self.finished = true;
                vec![Effect::Recap]
            }
        }
    }
}
