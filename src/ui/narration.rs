//! What the controllers did, newest first, under the line that says what
//! the StatefulSet waits for; or stsdash's own log in its place.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::{Pane, Screen, Theme, ViewState, pane_block, pane_title};
use crate::model::history::{Level, Narration};
use crate::model::views;
use crate::model::{Key, Millis};
use crate::t;

pub(super) fn draw(frame: &mut Frame, area: Rect, s: &Screen, key: &Key) {
    let (model, view, theme, waiting) = (s.model, s.view, s.theme, s.waiting.as_ref());
    let title = pane_title(&t!("narration-title"), Pane::Narration, view);
    let block = pane_block(&title, view.nav.focus == Pane::Narration, theme);
    let inner_height = block.inner(area).height as usize;
    let start = model.started.unwrap_or(model.now);
    let mut lines: Vec<Line> = Vec::new();
    if let Some(waiting) = waiting {
        lines.push(Line::from(vec![
            Span::styled(format!("{}  ", t!("narration-now")), theme.now),
            Span::styled(waiting.text.clone(), theme.warning),
        ]));
        // What would move it, when someone has to act and there is room.
        if let Some(unblock) = waiting.unblock.as_ref().filter(|_| inner_height >= 6) {
            lines.push(Line::from(vec![
                Span::styled("   → ", theme.now),
                Span::styled(unblock.clone(), theme.muted),
            ]));
        }
    }
    let reconstructed = t!("narration-reconstructed");
    let said = |n: &Narration, start: Millis, theme: &Theme| said(n, start, theme, &reconstructed);
    let end = s.end;
    let narration: Vec<_> = views::narration(model, key)
        .filter(|n| n.at <= end)
        .collect();
    let room = if area.height == 1 {
        1
    } else {
        inner_height.saturating_sub(lines.len())
    };
    // A warning that still holds (a pod the scheduler cannot place yet)
    // comes first, newest first; then the rest, newest first.
    let holds = |n: &&Narration| {
        n.unscheduled.as_ref().is_some_and(|pod| {
            model
                .store
                .pods
                .get(&Key::new(&key.namespace, pod))
                .is_some_and(|p| p.spec.node_name.is_none())
        })
    };
    let (holding, rest): (Vec<&Narration>, Vec<&Narration>) =
        narration.iter().partition(|n| holds(n));
    let candidates = holding.iter().rev().chain(rest.iter().rev()).copied();
    // Entries while a line is left for them (the last may be cut).
    let width = block.inner(area).width;
    let height = |n: &Narration| {
        if area.height == 1 {
            return 1;
        }
        Paragraph::new(said(n, start, theme))
            .wrap(Wrap { trim: false })
            .line_count(width)
            .max(1)
    };
    let mut shown: Vec<&Narration> = Vec::new();
    let mut used = 0;
    for n in candidates {
        if !shown.is_empty() && used >= room {
            break;
        }
        used += height(n);
        shown.push(n);
    }
    let shown = with_answer(shown, &narration, view, |kept| {
        let before_last = &kept[..kept.len().saturating_sub(1)];
        before_last.iter().map(|n| height(n)).sum::<usize>() < room
    });
    // No room for a box: the first of them on one line, and where the rest is.
    if area.height == 1 {
        let mut line = shown.first().map_or_else(
            || Line::styled(t!("narration-nothing-yet"), theme.muted),
            |n| said(n, start, theme),
        );
        line.spans.push(Span::styled(
            if view.nav.focus == Pane::Narration {
                String::new()
            } else {
                format!("  · {}", t!("narration-tab-hint"))
            },
            theme.muted,
        ));
        frame.render_widget(Paragraph::new(line), area);
        return;
    }
    for n in shown {
        let mut line = said(n, start, theme);
        if answers(n, view) {
            // The mark takes the offset's padding, so the lines stay aligned.
            if let Some(offset) = line.spans.first_mut() {
                let padded = offset.content.strip_prefix(' ').map(str::to_string);
                offset.content = padded.unwrap_or_else(|| offset.content.to_string()).into();
            }
            line.spans.insert(0, Span::styled("◆", theme.title));
        }
        lines.push(line);
    }
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        area,
    );
}

fn answers(n: &Narration, view: &ViewState) -> bool {
    super::answer_words(view, Pane::Narration).is_some_and(|w| n.text.contains(w))
}

/// The lines shown, with the newest one the answer points at first when it
/// would not be among them (older than the room reaches), and the newest of
/// the others that still `fit` after it: the class reads the answer where it
/// is told to look.
fn with_answer<'a>(
    mut shown: Vec<&'a Narration>,
    all: &[&'a Narration],
    view: &ViewState,
    fit: impl Fn(&[&Narration]) -> bool,
) -> Vec<&'a Narration> {
    if super::answer_words(view, Pane::Narration).is_none()
        || shown.iter().any(|n| answers(n, view))
    {
        return shown;
    }
    if let Some(answer) = all.iter().rev().find(|n| answers(n, view)) {
        shown.insert(0, answer);
        while shown.len() > 1 && !fit(&shown) {
            shown.pop();
        }
    }
    shown
}

/// A line of narration: when (since stsdash started) and what.
fn said<'a>(n: &Narration, start: Millis, theme: &Theme, reconstructed: &str) -> Line<'a> {
    let style = match (n.reconstructed, &n.level) {
        (_, Level::Warning) => theme.warning,
        (true, _) => theme.reconstructed,
        (false, _) => theme.text,
    };
    let mut spans = vec![
        Span::styled(format!("{:>6} ", offset(n.at - start)), theme.muted),
        Span::styled(n.text.clone(), style),
    ];
    if n.reconstructed {
        spans.push(Span::styled(
            format!(" ({reconstructed})"),
            theme.reconstructed,
        ));
    }
    Line::from(spans)
}

/// Time since stsdash started, short: +12s, -45s, -17m, -2h (a reconstructed
/// past comes before the start).
fn offset(ms: i64) -> String {
    let secs = ms as f64 / 1000.0;
    match secs.abs() {
        s if s < 1000.0 => format!("{secs:+.0}s"),
        s if s < 6000.0 => format!("{:+.0}m", secs / 60.0),
        _ => format!("{:+.0}h", secs / 3600.0),
    }
}

pub(super) fn draw_own_log(frame: &mut Frame, area: Rect, theme: &Theme) {
    let title = t!("narration-own-log");
    let widget = tui_logger::TuiLoggerWidget::default()
        .block(pane_block(&title, false, theme))
        .style(theme.text)
        .style_warn(theme.warning)
        .style_error(theme.error)
        .style_info(theme.text)
        .output_separator(' ')
        .output_target(false)
        .output_file(false)
        .output_line(false);
    frame.render_widget(widget, area);
}
