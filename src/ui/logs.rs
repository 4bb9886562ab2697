//! Log panes: the selected pod's, or every pod's side by side.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use super::{Pane, Screen, pane_block, pane_title};
use crate::model::pod::short_uid;
use crate::t;

pub(super) fn draw(frame: &mut Frame, area: Rect, s: &Screen) {
    let (model, view, theme, targets) = (s.model, s.view, s.theme, &s.logs);
    let focused = view.nav.focus == Pane::Logs;
    if targets.is_empty() {
        let title = t!("logs-title");
        let block = pane_block(&title, focused, theme);
        let text = t!("logs-none-yet");
        frame.render_widget(Paragraph::new(text).style(theme.muted).block(block), area);
        return;
    }
    let columns = Layout::horizontal(vec![
        Constraint::Ratio(1, targets.len() as u32);
        targets.len()
    ])
    .split(area);
    for (target, &pane) in targets.iter().zip(columns.iter()) {
        let title = if view.nav.wrap {
            t!(
                "logs-pane",
                pod = target.pod.name,
                container = target.container,
                uid = short_uid(&target.uid)
            )
        } else {
            t!(
                "logs-pane-nowrap",
                pod = target.pod.name,
                container = target.container,
                uid = short_uid(&target.uid)
            )
        };
        let title = pane_title(&title, Pane::Logs, view);
        let block = pane_block(&title, focused, theme);
        let inner = block.inner(pane);
        let (height, width) = (inner.height as usize, inner.width.max(1) as usize);
        let lines: Vec<Line> = match model.logs.get(&target.pod, &target.container) {
            Some(log) => {
                let end =
                    log.lines
                        .len()
                        .saturating_sub(if focused { view.nav.log_scroll } else { 0 });
                // Rows a line takes (a wrapped line takes several).
                let needed = |i: usize| {
                    if view.nav.wrap {
                        let line = &log.lines[i];
                        let columns = unicode_width::UnicodeWidthStr::width(line.text.as_str());
                        (columns + if line.cut > 0 { 24 } else { 0 })
                            .div_ceil(width)
                            .max(1)
                    } else {
                        1
                    }
                };
                // From the newest line back, as many as fit.
                let mut rows = 0;
                let mut start = end;
                while start > 0 && rows + needed(start - 1) <= height {
                    rows += needed(start - 1);
                    start -= 1;
                }
                // Scrolled back past the oldest line kept: the oldest lines
                // fill the pane, as far back as it goes.
                let mut end = end;
                while start == 0 && end < log.lines.len() && rows + needed(end) <= height {
                    rows += needed(end);
                    end += 1;
                }
                log.lines
                    .range(start..end)
                    .map(|l| {
                        let note = l.time.is_none()
                            && (l.text.starts_with("── ") || l.text.starts_with("[stsdash"));
                        let style = if note { theme.muted } else { theme.text };
                        Line::styled(l.shown(), style)
                    })
                    .collect()
            }
            None => vec![Line::styled(t!("logs-waiting"), theme.muted)],
        };
        let mut paragraph = Paragraph::new(lines).block(block);
        if view.nav.wrap {
            paragraph = paragraph.wrap(Wrap { trim: false });
        }
        frame.render_widget(paragraph, pane);
    }
}
