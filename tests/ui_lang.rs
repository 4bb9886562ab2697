//! Every pane in every language (issue #24): snapshots (TestBackend +
//! insta, styles included) of the dashboard, its log panes, the storage
//! graph, the help, the scale dialog and the lesson strip (the pvc lesson,
//! its first step answered) at 100×30 and 160×45, on the default
//! and projector themes, in English, Russian and Traditional Chinese, from
//! recordings made on the lab; and in each, no word cut at a pane's edge
//! (`fits`). The model is fed in the language, as `--lang` does: the
//! narration is written as the events arrive.

mod fits;
mod recorded;

use ratatui::buffer::Buffer;
use recorded::{recorded, render, with_logs};
use stsdash::app::dashboard::lesson_strip;
use stsdash::i18n::{Lang, with_lang};
use stsdash::lesson::{self, Mode, Run};
use stsdash::model::{Key, Model};
use stsdash::ui::{Dialog, LogMode, Pane, ShownFor, Spotlight, Theme, ViewState};

const SIZES: [(u16, u16); 2] = [(100, 30), (160, 45)];
const THEMES: [&str; 2] = ["default", "projector"];

fn view(model: &Model) -> ViewState {
    let mut view = ViewState::default();
    view.labels.context = "kwok-stsdash".into();
    view.nav.span = model.now - model.started.unwrap();
    view.nav.selected = 2;
    view.labels.hints = stsdash::app::keymap::hints(false, stsdash::app::keymap::Mode::Live);
    view.labels.help = stsdash::app::keymap::hints(true, stsdash::app::keymap::Mode::Live);
    view
}

/// The views drawn, by name: each a model and a view state.
fn views() -> Vec<(&'static str, Model, ViewState)> {
    let web = recorded("web_scale", |_| false);
    let dashboard = view(&web);

    let mut logs = view(&web);
    logs.nav.logs = LogMode::All;
    logs.nav.focus = Pane::Logs;

    let mut help = view(&web);
    help.chrome.dialog = Some(Dialog::Help { scroll: 0 });

    let mut scale = view(&web);
    scale.chrome.dialog = Some(Dialog::Replicas {
        uid: "sts-uid".into(),
        statefulset: Key::new("rec-web-scale", "web"),
        current: 2,
        limit: 100,
        input: "3".into(),
        refused: None,
    });

    let storage_model = recorded("pvc_pod_web", |_| false);
    let mut storage = view(&storage_model);
    storage.nav.focus = Pane::Storage;
    storage.nav.storage_row = Some(2);

    // The pvc lesson (seed 000) on its lab recording, its first step done
    // and its answer revealed, pointing at the timeline.
    let lesson = lesson::load(&lesson::resolve("pvc").unwrap()).unwrap();
    let namespace = storage_model
        .scope
        .namespace
        .as_deref()
        .unwrap()
        .to_string();
    let mut run = Run::new(lesson, Mode::Teacher, namespace);
    run.begin(&storage_model);
    run.enter(&storage_model);
    run.acted(0, Ok(stsdash::model::RunOutput::Nothing), &storage_model);
    run.reveal();
    let mut strip = view(&storage_model);
    strip.chrome.lesson = Some(lesson_strip(&run, &storage_model, storage_model.now));
    strip.nav.focus = Pane::Timeline;
    strip.chrome.spotlight = Some(Spotlight {
        pane: Pane::Timeline,
        why: ShownFor::Answer,
        words: None,
    });

    vec![
        ("dashboard", web.clone(), dashboard),
        ("lesson", storage_model.clone(), strip),
        (
            "logs",
            with_logs(web.clone(), |pod, n| {
                format!("host {pod}, request {n}, GET / 200\n")
            }),
            logs,
        ),
        ("help", web.clone(), help),
        ("scale", web, scale),
        ("storage", storage_model, storage),
    ]
}

fn check_and_snapshot(lang: Lang) {
    with_lang(lang, || {
        for (name, model, view) in views() {
            for theme_name in THEMES {
                let theme = Theme::load(theme_name).unwrap();
                let whole = fits::words(&render(400, 120, &model, &view, &theme));
                for (w, h) in SIZES {
                    let buffer: Buffer = render(w, h, &model, &view, &theme);
                    let mut bare = view.clone();
                    bare.chrome.dialog = None;
                    let over = fits::difference(&buffer, &render(w, h, &model, &bare, &theme))
                        .filter(|_| view.chrome.dialog.is_some());
                    let cut = fits::cut_words(&buffer, &whole, over);
                    assert!(
                        cut.is_empty(),
                        "{} {name} {theme_name} {w}x{h}:\n{}\n{}",
                        lang.tag(),
                        cut.join("\n"),
                        recorded::lines(&buffer).join("\n")
                    );
                    insta::assert_debug_snapshot!(
                        format!("{}_{name}_{theme_name}_{w}x{h}", lang.tag()),
                        buffer
                    );
                }
            }
        }
    });
}

#[test]
fn every_pane_in_english() {
    check_and_snapshot(Lang::En);
}

#[test]
fn every_pane_in_russian() {
    check_and_snapshot(Lang::Ru);
}

#[test]
fn every_pane_in_traditional_chinese() {
    check_and_snapshot(Lang::ZhTw);
}

#[test]
fn a_word_cut_at_the_edge_is_found() {
    use ratatui::text::Line;
    use ratatui::widgets::{Block, Borders, Paragraph};
    let draw = |width: u16, text: &str| {
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, 3)).unwrap();
        terminal
            .draw(|f| {
                f.render_widget(
                    Paragraph::new(Line::from(text.to_string()))
                        .block(Block::new().borders(Borders::ALL)),
                    f.area(),
                )
            })
            .unwrap();
        terminal.backend().buffer().clone()
    };
    let whole = fits::words(&draw(60, "под web-2 синхронизирован 已同步"));
    assert!(
        fits::cut_words(&draw(60, "под web-2 синхронизирован 已同步"), &whole, None).is_empty()
    );
    // "синхрониз" and "已同" are cut by the pane's side.
    assert_eq!(
        fits::cut_words(&draw(19, "под web-2 синхронизирован"), &whole, None).len(),
        1
    );
    assert_eq!(
        fits::cut_words(&draw(31, "под web-2 синхронизирован 已同步"), &whole, None).len(),
        1
    );
    // Marked cut: whole enough.
    assert!(fits::cut_words(&draw(21, "под web-2 синхрони…"), &whole, None).is_empty());
}
