//! The strip a lesson shows under the panes, made anew for each frame from
//! where the lesson stands.

use super::Dashboard;
use crate::lesson::run::Stage;
use crate::lesson::{Act, Lesson, Mode, Place, Run, Step};
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
        Act::Apply { manifest } => format!(
            "apply {} (server-side apply, field manager stsdash)",
            lesson.manifest_shown(manifest)
        ),
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
        (_, Stage::Done) if step.question.is_some() && !run.marks[run.step].revealed => {
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
        Mode::Teacher => describe(&step.act, step, &run.lesson),
        _ => match &step.act {
            Act::Watch => "nothing to do: watch".into(),
            Act::Yourself { .. } | Act::Apply { .. } => "do it yourself".into(),
            act => format!("{} yourself", describe(act, step, &run.lesson)),
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
            let since = run.wait.since.unwrap_or(model.now);
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
    if run.marks[run.step].revealed
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
                seen: if run.marks[i].revealed {
                    "answer seen"
                } else if run.marks[i].skipped {
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
