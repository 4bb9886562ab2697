//! Snapshot tests (TestBackend + insta, styles included) of the lesson
//! strip on the dashboard: a step waiting (and saying for what), a step done
//! with its answer revealed and its pane marked, and the recap. The model is
//! a recording made on the lab (web scaled 2 → 4 → 2).

mod recorded;

use std::path::PathBuf;

use ratatui::buffer::Buffer;
use recorded::{lines, recorded, render};
use stsdash::app::dashboard::lesson_strip;
use stsdash::lesson::{self, Mode, Run};
use stsdash::model::{Model, RunOutput};
use stsdash::ui::{Dialog, Pane, ShownFor, Spotlight, Theme, ViewState};

/// A lesson on web.yaml: a step done in the recording, one that never is.
fn lesson_file() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/manifests/scale-lesson.toml")
}

fn run(model: &Model) -> Run {
    let lesson = lesson::load(&lesson::Source::File(lesson_file())).unwrap();
    let namespace = model.scope.namespace.as_deref().unwrap().to_string();
    let mut run = Run::new(lesson, Mode::Teacher, namespace);
    run.begin(model);
    run
}

fn text(buffer: &Buffer) -> String {
    lines(buffer).join("\n")
}

fn view(model: &Model, run: &Run) -> ViewState {
    let mut view = ViewState::default();
    view.labels.context = "kwok-stsdash".into();
    view.nav.span = model.now - model.started.unwrap();
    view.chrome.lesson = Some(lesson_strip(run, model, model.now));
    view
}

#[test]
fn a_step_done_and_its_answer_pointing_at_the_storage_graph() {
    let model = recorded("web_scale", |_| false);
    let mut run = run(&model);
    run.enter(&model);
    run.acted(0, Ok("scale web from 4 to 2".into()), &model);
    run.reveal();
    let mut view = view(&model, &run);
    // Where the dashboard points when the answer is revealed.
    view.nav.focus = Pane::Storage;
    view.chrome.spotlight = Some(Spotlight {
        pane: Pane::Storage,
        why: ShownFor::Answer,
        words: None,
    });
    view.nav.storage_row = Some(3);
    let theme = Theme::load("projector").unwrap();
    for (w, h) in [(100, 30), (160, 45)] {
        let buffer = render(w, h, &model, &view, &theme);
        let screen = text(&buffer);
        assert!(
            screen.contains("lesson scale-lesson · step 1 of 2 · Scale down to 2"),
            "{screen}"
        );
        assert!(
            screen.contains("done    ✓ web-3 gone, claim www-web-3 kept with no pod"),
            "{screen}"
        );
        assert!(
            screen.contains("answer  look at the storage, row www-web-3: No:"),
            "{screen}"
        );
        assert!(screen.contains("◆ answer · Storage"), "{screen}");
        // The answer is out: the strip's keys say only what comes next.
        assert!(screen.contains("Enter next"), "{screen}");
        assert!(!screen.contains("a answer"), "{screen}");
        insta::assert_debug_snapshot!(format!("lesson_answer_projector_{w}x{h}"), buffer);
    }
}

/// The first step answered, its answer pointing at `pane` with `words` (or
/// none), at a student's 80×24: the screen's text and its buffer.
fn answered_at_80x24(pane: Pane, row: Option<usize>, words: Option<&str>) -> (String, Buffer) {
    let model = recorded("web_scale", |_| false);
    let mut run = run(&model);
    run.enter(&model);
    run.acted(0, Ok("scale web from 4 to 2".into()), &model);
    run.reveal();
    let mut view = view(&model, &run);
    view.nav.focus = pane;
    view.nav.storage_row = row;
    view.chrome.spotlight = Some(Spotlight {
        pane,
        why: ShownFor::Answer,
        words: words.map(str::to_string),
    });
    let buffer = render(80, 24, &model, &view, &Theme::load("default").unwrap());
    (text(&buffer), buffer)
}

/// An answer in the narration whose line is older than the pane's room: the
/// line is kept in view, first and marked, at a student's 80×24.
#[test]
fn an_answer_in_the_narration_keeps_its_line_in_view() {
    let words = "web-3 created: web-2 is Ready";
    // Without the answer's words the line is past the room: the test needs it so.
    let (screen, _) = answered_at_80x24(Pane::Narration, None, None);
    assert!(!screen.contains(words), "{screen}");
    let (screen, buffer) = answered_at_80x24(Pane::Narration, None, Some(words));
    let first = screen
        .lines()
        .skip_while(|l| !l.contains("◆ answer · What the controllers did"))
        .nth(1)
        .unwrap_or_default();
    assert!(first.contains('◆') && first.contains(words), "{screen}");
    insta::assert_debug_snapshot!("lesson_answer_in_the_narration_80x24", buffer);
}

/// An answer in the storage graph whose words the selected row's detail
/// would cut: that fact comes first, marked, with its node, at 80×24.
#[test]
fn an_answer_in_the_storage_graph_brings_its_fact_into_view() {
    let words = "not pinned to a node";
    // Without the answer's words the fact is cut: the test needs it so.
    let (screen, _) = answered_at_80x24(Pane::Storage, Some(3), None);
    assert!(!screen.contains(words), "{screen}");
    let (screen, buffer) = answered_at_80x24(Pane::Storage, Some(3), Some(words));
    let flat = flat(&screen);
    assert!(flat.contains("▸ ◆ volume pvc-"), "{screen}");
    assert!(flat.contains(&format!("{words} ·")), "{screen}");
    insta::assert_debug_snapshot!("lesson_answer_in_the_storage_graph_80x24", buffer);
}

#[test]
fn a_step_that_waits_says_what_for_and_what_is_there_instead() {
    let model = recorded("web_scale", |_| false);
    let mut run = run(&model);
    run.enter(&model);
    run.acted(0, Ok(RunOutput::Nothing), &model);
    run.enter(&model);
    run.enter(&model);
    run.acted(
        1,
        Ok("statefulset.apps/web serverside-applied".into()),
        &model,
    );
    let view = view(&model, &run);
    let buffer = render(100, 30, &model, &view, &Theme::load("projector").unwrap());
    let screen = text(&buffer);
    assert!(screen.contains("step 2 of 2"), "{screen}");
    assert!(
        screen.contains("for web-5 Ready (now no such pod)"),
        "{screen}"
    );
    assert!(
        screen.contains("output  statefulset.apps/web serverside-applied"),
        "{screen}"
    );
    insta::assert_debug_snapshot!("lesson_waiting_projector_100x30", buffer);
}

#[test]
fn the_recap_lists_each_question_with_its_answer_and_whether_it_was_seen() {
    let model = recorded("web_scale", |_| false);
    let mut run = run(&model);
    run.enter(&model);
    run.acted(0, Ok(RunOutput::Nothing), &model);
    run.reveal();
    run.enter(&model);
    run.enter(&model);
    run.acted(1, Ok(RunOutput::Nothing), &model);
    // Skipped: Enter twice while it waits.
    run.enter(&model);
    run.enter(&model);
    assert!(run.finished);
    let mut view = view(&model, &run);
    view.chrome.dialog = Some(Dialog::Recap { scroll: 0 });
    let buffer = render(100, 30, &model, &view, &Theme::load("projector").unwrap());
    let screen = text(&buffer);
    assert!(
        screen.contains("1. Scale down to 2  (answer seen)"),
        "{screen}"
    );
    assert!(
        screen.contains("→ No: www-web-3 reads kept, no pod."),
        "{screen}"
    );
    assert!(screen.contains("2. Scale up to 6  (skipped)"), "{screen}");
    insta::assert_debug_snapshot!("lesson_recap_projector_100x30", buffer);
}

/// The screen's words on one line (a fact may wrap).
fn flat(screen: &str) -> String {
    let words: Vec<&str> = screen
        .lines()
        .map(|l| l.trim_matches(|c: char| c == '│' || c.is_whitespace()))
        .flat_map(str::split_whitespace)
        .collect();
    words.join(" ")
}
