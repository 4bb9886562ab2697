//! `stsdash lesson`: list, check or print a lesson, or run it on the
//! dashboard in a namespace of its own, and clean up after it when asked.

use std::fmt::Write as _;

use super::dashboard::Source;
use super::recording::{RecordedLesson, Recorder};
use super::{AppError, access, chosen_theme, say, settings, tui};
use crate::cli::{Cli, Command};
use crate::cluster;
use crate::lesson::{self, Lesson, Mode, Run, builtin};
use crate::model::{Scope, Text};

pub async fn run(cli: &Cli) -> Result<(), AppError> {
    let Some(Command::Lesson(args)) = &cli.command else {
        return Ok(());
    };
    if args.list {
        say::out(&list());
        return Ok(());
    }
    let name = args.lesson.as_deref().unwrap_or_default();
    let lesson = lesson::load(&lesson::resolve(name)?)?;
    if let Some(path) = &args.manifest {
        let text = lesson.manifest(path).ok_or_else(|| {
            AppError::NotFound(crate::t!(
                "lesson-no-manifest",
                name = lesson.name,
                path = path
            ))
        })?;
        say::out(text);
        return Ok(());
    }
    let namespace = cli
        .global
        .namespace
        .clone()
        .unwrap_or_else(|| format!("lesson-{}", lesson.name));
    if args.check {
        say::line(&crate::t!(
            "lesson-check-ok",
            file = lesson.file,
            steps = lesson.steps.len(),
            questions = lesson.steps.iter().filter(|s| s.question.is_some()).count()
        ));
        say::out(&plan_text(&lesson, &namespace));
        return Ok(());
    }
    // Piped: the lesson as a script, for a teacher who runs the commands.
    if !std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        say::out(&script(&lesson, &namespace));
        return Ok(());
    }
    let theme = chosen_theme(&cli.global)?;
    let access = access(cli)?;
    let connection =
        cluster::connect(&cli.global.cluster.target(Some(namespace.clone()), access)).await?;
    connection.server_version().await?;
    if lesson.cluster_objects && !args.allow_cluster_objects {
        say::error(&crate::t!(
            "lesson-cluster-objects-warning",
            file = lesson.file
        ));
    }
    let run_info = cluster::lesson::RunInfo {
        id: cluster::lesson::new_run_id(),
        started: k8s_openapi::jiff::Timestamp::now(),
    };
    let run_id = run_info.id.clone();
    // Read-only hands out no write access: the lesson shows the commands.
    let mode = match (&connection.write, args.student) {
        (None, _) => Mode::ReadOnly,
        (Some(_), true) => Mode::Student,
        (Some(_), false) => Mode::Teacher,
    };
    if let Some(write) = &connection.write
        && cluster::lesson::ensure_namespace(write, &namespace, &run_id)
            .await
            .map_err(|e| AppError::NotFound(format!("namespace {namespace}: {e}")))?
    {
        say::error(&crate::t!(
            "lesson-namespace-created",
            namespace = namespace
        ));
    }
    let scope = Scope {
        namespace: Some(Text::new(&namespace)),
        statefulset: None,
    };
    let recorder = cli
        .global
        .record
        .as_deref()
        .map(|path| Recorder::create_with(path, &scope, Some(recorded(&lesson, &namespace))))
        .transpose()?;
    let write = connection.write.clone();
    let settings = settings(cli, access)?;
    let manifests: Vec<String> = lesson.manifests.iter().map(|(_, t)| t.clone()).collect();
    let cluster_objects = lesson.cluster_objects && args.allow_cluster_objects;
    let mut run = Run::new(lesson, mode, namespace.clone());
    run.id = run_id.clone();
    run.cluster_wide_allowed = cluster_objects;
    let ended = tui::run(
        Source::Live {
            context: connection.context.clone(),
        },
        Some(connection),
        scope,
        recorder,
        theme,
        settings,
        Some(run),
    )
    .await;
    if args.cleanup
        && let Some(write) = &write
    {
        let manifests: Vec<&str> = manifests.iter().map(String::as_str).collect();
        // It may wait for volumes to be released: say so before the wait.
        say::error(&crate::t!("lesson-cleanup-start"));
        match cluster::lesson::cleanup(write, &namespace, &run_info, &manifests).await {
            Ok(lines) => lines.iter().for_each(|l| say::error(l)),
            Err(e) => say::error(&crate::t!("lesson-cleanup-failed", error = e.to_string())),
        }
    }
    ended
}

/// What the lesson will create or change, for --check and the script.
fn plan_text(lesson: &Lesson, namespace: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", crate::t!("lesson-plan-heading"));
    for object in lesson.plan(namespace) {
        let _ = writeln!(out, "  {object}");
    }
    out
}

/// The lesson as a recording keeps it.
pub fn recorded(lesson: &Lesson, namespace: &str) -> RecordedLesson {
    RecordedLesson {
        name: lesson.name.clone(),
        file: lesson.file.clone(),
        text: lesson.text.clone(),
        manifests: lesson.manifests.clone(),
        namespace: namespace.to_string(),
    }
}

/// A recorded lesson, read again for a replay.
pub fn from_recording(recorded: &RecordedLesson) -> Result<Run, AppError> {
    let lesson = lesson::load(&lesson::Source::Recorded {
        name: recorded.name.clone(),
        file: recorded.file.clone(),
        text: recorded.text.clone(),
        manifests: recorded.manifests.clone(),
    })?;
    Ok(Run::new(lesson, Mode::Replay, recorded.namespace.clone()))
}

/// `--list`: each built-in lesson, its seed and title.
fn list() -> String {
    let mut out = String::new();
    for b in builtin::BUILT_IN {
        match lesson::load(&lesson::Source::BuiltIn(b)) {
            Ok(l) => {
                let seed = l
                    .seed
                    .as_deref()
                    .map(|s| crate::t!("lesson-list-seed", seed = s))
                    .unwrap_or_default();
                let _ = writeln!(
                    out,
                    "{:<16} {} {:>2} {}  {}",
                    l.name,
                    padded(&seed, 9),
                    l.steps.len(),
                    crate::t!("lesson-list-steps", count = l.steps.len()),
                    l.title
                );
            }
            Err(e) => {
                let _ = writeln!(
                    out,
                    "{:<16} {}",
                    b.name,
                    crate::t!("lesson-list-broken", error = e.to_string())
                );
            }
        }
    }
    out
}

/// `text` padded with spaces to `cells` terminal cells (a Chinese character takes two).
fn padded(text: &str, cells: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    format!("{text}{}", " ".repeat(cells.saturating_sub(text.width())))
}

/// The whole lesson as commands and questions, for a teacher at a terminal.
pub fn script(lesson: &Lesson, namespace: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {} ({})", lesson.title, lesson.name);
    if let Some(about) = &lesson.about {
        let _ = writeln!(out, "# {about}");
    }
    let _ = writeln!(out, "kubectl create namespace {namespace}");
    for (i, step) in lesson.steps.iter().enumerate() {
        let _ = writeln!(out, "\n# {}. {}", i + 1, step.title);
        if let Some(command) = lesson.kubectl(step, namespace) {
            let _ = writeln!(out, "{command}");
        }
        if let Some(place) = &step.watch {
            let _ = writeln!(
                out,
                "#   {}",
                crate::t!("lesson-script-watch", place = place.describe())
            );
        }
        if !step.until.is_empty() {
            let wanted: Vec<String> = step.until.iter().map(|c| c.describe()).collect();
            let _ = writeln!(
                out,
                "#   {}",
                crate::t!(
                    "lesson-script-until",
                    conditions = crate::i18n::list(&wanted)
                )
            );
        }
        if let Some(note) = &step.note {
            let _ = writeln!(out, "#   {}", crate::t!("lesson-script-note", note = note));
        }
        if let (Some(q), Some(a)) = (&step.question, &step.answer) {
            let _ = writeln!(out, "#   ? {q}\n#   → {a}");
        }
    }
    out
}
