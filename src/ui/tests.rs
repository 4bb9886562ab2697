//! The dashboard in Russian and Chinese: what it says, and that it holds
//! at 100×30 (words whole, nothing past the edge, columns by cells).

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use unicode_width::UnicodeWidthStr;

use super::*;
use crate::app::keymap::{self, Mode};
use crate::i18n::{Lang, with_lang};
use crate::model::{Scope, fixtures};

fn model(replicas: u32) -> Model {
    let mut model = Model::new(Scope::default());
    for event in fixtures::ready_statefulset(replicas) {
        model.apply(event);
    }
    model
}

/// The view as the dashboard makes it, in the current language.
fn view(mode: Mode) -> ViewState {
    let mut view = ViewState::default();
    view.labels.context = "kwok-stsdash".into();
    view.labels.hints = keymap::hints(false, mode);
    view.labels.help = keymap::hints(true, mode);
    view
}

fn draw_at(width: u16, height: u16, model: &Model, view: &ViewState) -> Buffer {
    let theme = Theme::load("projector").unwrap();
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| {
            draw(frame, model, view, &theme);
        })
        .unwrap();
    terminal.backend().buffer().clone()
}

/// Cells `from..to` of row `y` as a terminal shows them: a wide character
/// once, not the cell it covers too.
fn cells(buffer: &Buffer, y: u16, from: u16, to: u16) -> String {
    let mut row = String::new();
    let mut skip = 0;
    for x in from..to {
        if skip > 0 {
            skip -= 1;
            continue;
        }
        let symbol = buffer[(x, y)].symbol();
        skip = symbol.width().saturating_sub(1);
        row.push_str(symbol);
    }
    row
}

fn rows(buffer: &Buffer) -> Vec<String> {
    let area = buffer.area;
    (0..area.height)
        .map(|y| cells(buffer, y, 0, area.width))
        .collect()
}

/// Text without spaces or the help's borders: what a wrapped text reads as.
fn squeezed(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '│')
        .collect()
}

#[test]
fn the_help_fits_at_100x30_with_every_line_whole_in_russian_and_chinese() {
    let model = model(3);
    for lang in [Lang::Ru, Lang::ZhTw] {
        for mode in [Mode::Live, Mode::ReadOnly, Mode::Replay] {
            with_lang(lang, || {
                let mut view = view(mode);
                view.chrome.dialog = Some(Dialog::Help { scroll: 0 });
                let buffer = draw_at(100, 30, &model, &view);
                let rows = rows(&buffer);
                for row in &rows {
                    assert_eq!(row.width(), 100, "{lang:?}: {row}");
                }
                // The popup's rows, inside its borders, read in order.
                let title = t!("help-title");
                let top = rows
                    .iter()
                    .position(|r| r.contains(&title))
                    .unwrap_or_else(|| {
                        panic!("{lang:?} {mode:?}: no {title:?} in\n{}", rows.join("\n"))
                    }) as u16;
                let left = (0..100)
                    .find(|&x| buffer[(x, top)].symbol() == "┌")
                    .unwrap();
                let right = (left..100)
                    .find(|&x| buffer[(x, top)].symbol() == "┐")
                    .unwrap();
                let inside: String = (top + 1..30)
                    .take_while(|&y| buffer[(left, y)].symbol() != "└")
                    .map(|y| cells(&buffer, y, left + 1, right))
                    .collect();
                let inside = squeezed(&inside);
                for (keys, what) in &view.labels.help {
                    let line = squeezed(&format!("{keys}{what}"));
                    assert!(
                        inside.contains(&line),
                        "{lang:?} {mode:?}: {keys} {what} is not whole in\n{}",
                        rows.join("\n")
                    );
                }
                assert!(inside.contains(&squeezed(&t!("help-legend-second"))));
            });
        }
    }
}

#[test]
fn the_footer_shows_whole_hints_only_in_russian_and_chinese() {
    let model = model(3);
    for lang in [Lang::Ru, Lang::ZhTw] {
        for (width, mode) in [(100, Mode::Live), (100, Mode::ReadOnly), (80, Mode::Live)] {
            with_lang(lang, || {
                let view = view(mode);
                let rows = rows(&draw_at(width, 30, &model, &view));
                let footer = rows.last().unwrap().trim_end().to_string();
                // The footer is the first hints, each whole, and nothing else.
                let mut shown = String::new();
                for (keys, what) in &view.labels.hints {
                    let next = format!("{shown} {keys} {what} ");
                    if next.trim_end().width() > usize::from(width) {
                        break;
                    }
                    shown = next;
                }
                assert_eq!(footer, shown.trim_end(), "{lang:?} {width} {mode:?}");
                assert!(!footer.is_empty());
            });
        }
        // A status too long for the line is cut after a whole word.
        with_lang(lang, || {
            let mut view = view(Mode::Live);
            view.chrome.status = Some(t!("keys-read-only").repeat(2));
            let rows = rows(&draw_at(60, 30, &model, &view));
            let footer = rows.last().unwrap().trim_end();
            assert!(footer.ends_with('…'), "{lang:?}: {footer}");
            let kept = footer.trim_start().trim_end_matches('…').trim_end();
            assert!(
                t!("keys-read-only").repeat(2).starts_with(kept),
                "{lang:?}: {footer}"
            );
        });
    }
}

#[test]
fn the_panes_speak_russian_and_chinese() {
    let model = model(3);
    let said = |lang| {
        with_lang(lang, || {
            let mut view = view(Mode::Live);
            view.nav.focus = Pane::Storage;
            rows(&draw_at(100, 30, &model, &view)).join("\n")
        })
    };
    let ru = said(Lang::Ru);
    for words in [
        "Порядковые номера во времени",
        "Поды",
        "Заявки",
        "Тома",
        "Классы",
        "заявка www-web-0 (неймспейс",
        "Что сделали контроллеры",
        "выход",
    ] {
        assert!(ru.contains(words), "{words:?} in\n{ru}");
    }
    let zh = said(Lang::ZhTw);
    for words in [
        "序號時間軸",
        "存儲卷",
        "存儲類別",
        "PVC www-web-0（命名空間",
        "離開",
    ] {
        assert!(zh.contains(words), "{words:?} in\n{zh}");
    }
    // Chinese facts are listed with 、, not ", ".
    assert!(zh.contains("Bound、1Gi"), "{zh}");
}

#[test]
fn russian_counts_take_their_plural_forms() {
    with_lang(Lang::Ru, || {
        let summary = |n: u32| {
            t!(
                "storage-summary",
                claims = n,
                phases = format!("{n} Bound"),
                volumes = n
            )
        };
        assert_eq!(summary(1), "1 заявка (1 Bound) · 1 том");
        assert_eq!(summary(3), "3 заявки (3 Bound) · 3 тома");
        assert_eq!(summary(5), "5 заявок (5 Bound) · 5 томов");
        assert_eq!(summary(21), "21 заявка (21 Bound) · 21 том");
        let rows = |n: u32| t!("storage-more-rows", count = n, plus = "", key = "Tab");
        assert_eq!(rows(1), "ещё 1 строка: Tab");
        assert_eq!(rows(3), "ещё 3 строки: Tab");
        assert_eq!(rows(5), "ещё 5 строк: Tab");
        assert_eq!(rows(21), "ещё 21 строка: Tab");
    });
    // English as it always was.
    with_lang(Lang::En, || {
        assert_eq!(
            t!(
                "storage-summary-tab",
                claims = 1u32,
                phases = "1 Bound",
                volumes = 2u32
            ),
            "1 claim (1 Bound) · 2 volumes · Tab shows them"
        );
    });
}

#[test]
fn theme_errors_are_said_in_the_users_language() {
    let cycle = theme::ThemeError::Cycle("mine.toml".into());
    assert_eq!(cycle.to_string(), "theme mine.toml inherits itself");
    with_lang(Lang::Ru, || {
        assert_eq!(cycle.to_string(), "тема mine.toml наследует сама себя");
    });
    with_lang(Lang::ZhTw, || {
        assert_eq!(cycle.to_string(), "主題 mine.toml 繼承了自己");
    });
}
