//! The strip a lesson shows under the panes, made anew for each frame from
//! where the lesson stands.

use super::Dashboard;
use crate::lesson::run::Stage;
use crate::lesson::{Act, Lesson, Mode, Run, Step};
use crate::model::{Millis, Model};
use crate::ui::lesson::{LessonStrip, RecapItem, StripLine, Tone};

impl Dashboard {
    /// The strip, made anew for each frame from where the lesson stands.
    pub(super) fn lesson_strip(&self) -> Option<LessonStrip> {
        let run = &self.lesson.as_ref()?.run;
        let now = self
            .view
            .chrome
            .clock
            .unwrap_or(self.model.now)
            .max(self.model.now);
        Some(strip(run, &self.model, now))
    }
}

/// An action in words.
pub(super) fn describe(act: &Act, step: &Step, lesson: &Lesson) -> String {
    match act {
        Act::Apply { manifest } => {
            crate::t!("lesson-act-apply", file = lesson.manifest_shown(manifest))
        }
        Act::Scale { replicas } => crate::t!(
            "lesson-act-scale",
            statefulset = step.statefulset,
            replicas = *replicas
        ),
        Act::Delete { kind, name } => {
            crate::t!("lesson-act-delete", kind = kind.word(), name = name)
        }
        Act::Exec { pod, command } => crate::t!("lesson-act-exec", pod = pod, command = command),
        Act::Yourself { .. } => crate::t!("lesson-act-yourself"),
        Act::Watch => crate::t!("lesson-act-watch"),
    }
}

/// What the strip says: the step, what to do, where to look, what it waits
/// for (and since when, at `now`), the question and (revealed) the answer.
pub fn strip(run: &Run, model: &Model, now: Millis) -> LessonStrip {
    let step = run.current();
    let count = run.lesson.steps.len();
    let title = crate::t!(
        "lesson-strip-title",
        name = run.lesson.name,
        step = run.step + 1,
        count = count,
        title = step.title
    );
    let keys = match (run.mode, &run.stage) {
        _ if run.finished => crate::t!("lesson-keys-recap"),
        (Mode::Replay, _) => crate::t!("lesson-keys-replay"),
        (_, Stage::Done) if step.question.is_some() && !run.marks[run.step].revealed => {
            crate::t!("lesson-keys-answer-next")
        }
        (_, Stage::Done) => crate::t!("lesson-keys-next"),
        (Mode::Teacher, Stage::ToDo) => crate::t!("lesson-keys-do"),
        (Mode::Teacher, Stage::Waiting) => crate::t!("lesson-keys-skip"),
        (_, Stage::Waiting) if step.until.is_empty() => crate::t!("lesson-keys-when-done"),
        _ => String::new(),
    };
    let mut lines = Vec::new();
    let mut line = |label, text: String, tone| lines.push(StripLine { label, text, tone });
    let doer = match run.mode {
        Mode::Teacher => describe(&step.act, step, &run.lesson),
        _ => match &step.act {
            Act::Watch => crate::t!("lesson-act-watch"),
            Act::Yourself { .. } | Act::Apply { .. } => crate::t!("lesson-act-yourself"),
            act => crate::t!("lesson-act-by-hand", act = describe(act, step, &run.lesson)),
        },
    };
    let doer = match (run.mode, run.lesson.keys(step)) {
        (Mode::Student, Some(keys)) => crate::t!("lesson-act-with-keys", act = doer, keys = keys),
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
    if let Some((ok, output)) = run.output_said() {
        let tone = if ok { Tone::Plain } else { Tone::Failed };
        let label = if ok { "output" } else { "failed" };
        line(label, output, tone);
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
        Stage::Done => line(
            "done",
            format!("✓ {}", crate::i18n::list(&wanted)),
            Tone::Done,
        ),
        Stage::ToDo | Stage::Doing if !wanted.is_empty() => line(
            "then",
            crate::t!("lesson-then", conditions = crate::i18n::list(&wanted)),
            Tone::Plain,
        ),
        Stage::Waiting if !wanted.is_empty() => {
            let since = run.wait.since.unwrap_or(model.now);
            let seconds = (now - since).max(0) / 1000;
            line(
                "waiting",
                crate::t!(
                    "lesson-waiting",
                    seconds = seconds,
                    conditions = run.waiting_for(model)
                ),
                Tone::Waiting,
            )
        }
        _ => {}
    }
    if let Some(question) = &step.question {
        line("?", question.clone(), Tone::Question);
    }
    if run.marks[run.step].revealed
        && let Some(answer) = &step.answer
    {
        let text = match step.answer_at.as_ref().or(step.watch.as_ref()) {
            Some(place) => crate::t!(
                "lesson-answer-at",
                place = place.describe(),
                answer = answer
            ),
            None => answer.clone(),
        };
        line("answer", text, Tone::Done);
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
                seen: if run.marks[i].revealed {
                    crate::t!("lesson-recap-seen")
                } else if run.marks[i].skipped {
                    crate::t!("lesson-recap-skipped")
                } else {
                    crate::t!("lesson-recap-not-revealed")
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
