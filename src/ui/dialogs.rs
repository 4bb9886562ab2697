//! What opens over the dashboard (help, the StatefulSet picker, the replicas
//! prompt, the delete question) and the footer.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::{Dialog, Theme, ViewState, pane_block, text};
use crate::model::pod::short_uid;
use crate::model::views;
use crate::model::{Key, Model};
use crate::t;

/// The help's keys column: the keys right-aligned in 10 cells, then 2 spaces.
const KEYS_COLUMN: usize = 12;

/// A box of `width` × `height` (clipped to `area`) in the middle of `area`.
pub(super) fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

pub(super) fn draw_picker(
    frame: &mut Frame,
    area: Rect,
    model: &Model,
    shown: &[(&Key, bool)],
    selected: usize,
    theme: &Theme,
) {
    let all_namespaces = model.scope.namespace.is_none();
    let name_of = |key: &crate::model::Key| {
        if all_namespaces {
            format!("{}/{}", key.namespace, key.name)
        } else {
            key.name.to_string()
        }
    };
    // The names' column as wide as the longest name, up to 32 columns: the
    // rest of the row is for what each one says.
    let name_width = shown
        .iter()
        .map(|(key, _)| text::width(&name_of(key)))
        .max()
        .unwrap_or(0)
        .clamp(8, 32);
    let mut widest = 0;
    let rows: Vec<Line> = shown
        .iter()
        .enumerate()
        .map(|(i, &(key, deleted))| {
            let name = name_of(key);
            let replicas = match views::rollout_status(model, key) {
                _ if deleted => t!("picker-deleted"),
                Some(r) => {
                    // Pods numbered from ordinals.start: say which.
                    let from = model
                        .statefulset(key)
                        .map(crate::model::sts::replica_range)
                        .filter(|range| range.start > 0 && !range.is_empty())
                        .map(|range| format!(" · {}-{}…{}", key.name, range.start, range.end - 1))
                        .unwrap_or_default();
                    let replicas = t!("picker-replicas", ready = r.ready, desired = r.desired);
                    format!("{replicas}{from}")
                }
                None => String::new(),
            };
            let style = if i == selected {
                theme.selection
            } else {
                theme.text
            };
            let replicas = format!("{replicas} ");
            widest = widest.max(name_width + 2 + text::width(&replicas));
            Line::from(vec![
                Span::styled(format!(" {} ", text::fit(&name, name_width)), style),
                Span::styled(replicas, style.patch(theme.muted)),
            ])
        })
        .collect();
    let width = (widest + 2).clamp(64, usize::from(u16::MAX)) as u16;
    let popup = centered(area, width, rows.len() as u16 + 3);
    let mut lines = rows;
    lines.push(Line::styled(format!(" {}", t!("picker-keys")), theme.muted));
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines)
            .block(pane_block("StatefulSets", true, theme))
            .style(theme.text),
        popup,
    );
}

/// The `s` prompt and the `d` confirmation.
pub(super) fn draw_question(frame: &mut Frame, area: Rect, dialog: &Dialog, theme: &Theme) {
    let (title, lines) = match dialog {
        Dialog::Replicas {
            statefulset,
            current,
            limit,
            input,
            refused,
            ..
        } => {
            let mut lines = vec![
                Line::styled(
                    format!(
                        " {}",
                        t!(
                            "scale-question",
                            name = statefulset.name,
                            current = *current
                        )
                    ),
                    theme.text,
                ),
                Line::from(vec![
                    Span::styled(format!(" {} ", t!("scale-replicas-label")), theme.muted),
                    Span::styled(format!("{input}▏"), theme.focus),
                ]),
            ];
            lines.push(match refused {
                Some(why) => Line::styled(format!(" {why}"), theme.error),
                None => Line::styled(
                    format!(" {}", t!("scale-whole-number", limit = *limit)),
                    theme.muted,
                ),
            });
            lines.push(Line::styled(format!(" {}", t!("scale-keys")), theme.muted));
            (t!("scale-title"), lines)
        }
        Dialog::ConfirmDelete { pod, uid } => (
            t!("delete-title"),
            vec![
                Line::styled(
                    format!(" {}", t!("delete-question", pod = pod.name)),
                    theme.warning,
                ),
                Line::styled(
                    format!(
                        " {}",
                        t!(
                            "delete-uid",
                            uid = short_uid(uid),
                            namespace = pod.namespace
                        )
                    ),
                    theme.muted,
                ),
                Line::styled(format!(" {}", t!("delete-recreated")), theme.text),
                Line::styled(format!(" {}", t!("delete-keys")), theme.muted),
            ],
        ),
        _ => return,
    };
    let popup = centered(area, 80, lines.len() as u16 + 2);
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(pane_block(&title, true, theme))
            .style(theme.text),
        popup,
    );
}

/// A line of the help: `head` (the keys, padded) then `what`, wrapped
/// after whole words under itself when wider than `columns`.
fn help_lines<'a>(head: Span<'a>, what: &str, columns: usize, style: Style) -> Vec<Line<'a>> {
    let indent = head.width();
    if indent.saturating_add(text::width(what)) <= columns {
        return vec![Line::from(vec![
            head,
            Span::styled(what.to_string(), style),
        ])];
    }
    let wrapped = text::wrap(
        &[(what.to_string(), style)],
        columns.saturating_sub(indent).max(1),
    );
    let mut head = Some(head);
    wrapped
        .into_iter()
        .map(|line| {
            let first = head.take().unwrap_or_else(|| Span::raw(" ".repeat(indent)));
            let mut spans = vec![first];
            spans.extend(line.spans);
            Line::from(spans)
        })
        .collect()
}

pub(super) fn draw_help(
    frame: &mut Frame,
    area: Rect,
    view: &ViewState,
    scroll: usize,
    theme: &Theme,
) {
    let legend = t!("help-legend-title");
    let legend_first = t!("help-legend-first");
    let legend_second = t!("help-legend-second");
    let legend_indent = 1 + text::width(&legend) + 1;
    // 72 cells, wider when the words need it (as far as the screen goes):
    // what is still too long wraps under itself.
    let widest = view
        .labels
        .help
        .iter()
        .map(|(_, what)| KEYS_COLUMN + text::width(what))
        .chain([
            legend_indent + text::width(&legend_first),
            legend_indent + text::width(&legend_second),
        ])
        .max()
        .unwrap_or(0);
    let width = (widest + 2).clamp(72, usize::from(area.width).max(72)) as u16;
    let columns = usize::from(width.min(area.width).saturating_sub(2));
    let mut lines: Vec<Line> = view
        .labels
        .help
        .iter()
        .flat_map(|(k, what)| {
            let keys = format!("{}  ", text::pad_left(k, KEYS_COLUMN - 2));
            help_lines(Span::styled(keys, theme.focus), what, columns, theme.text)
        })
        .collect();
    // The legend, muted: one text as it was one line.
    let muted = |line: Line<'static>| {
        let words: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        Line::styled(words, theme.muted)
    };
    let first = Span::raw(format!(" {legend} "));
    let second = Span::raw(" ".repeat(legend_indent));
    for (head, what) in [(first, &legend_first), (second, &legend_second)] {
        lines.extend(
            help_lines(head, what, columns, theme.muted)
                .into_iter()
                .map(muted),
        );
    }
    let popup = centered(area, width, lines.len() as u16 + 2);
    let fits = popup.height as usize >= lines.len() + 2;
    let title = if fits {
        t!("help-title")
    } else {
        t!("help-title-scroll")
    };
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines)
            .scroll((scroll as u16, 0))
            .block(pane_block(&title, true, theme))
            .style(theme.text),
        popup,
    );
}

/// The footer: the last action's outcome, or the keys' hints. A status too
/// long is cut after a whole word, and only the hints that fit whole are
/// shown.
pub(super) fn draw_footer(frame: &mut Frame, area: Rect, view: &ViewState, theme: &Theme) {
    let room = usize::from(area.width);
    let line = match &view.chrome.status {
        Some(status) => Line::styled(
            format!(" {}", text::cut_words(status, room.saturating_sub(1))),
            theme.warning,
        ),
        None => {
            let mut used = 0;
            Line::from(
                view.labels
                    .hints
                    .iter()
                    .map(|(k, what)| {
                        [
                            Span::styled(format!(" {k} "), theme.focus),
                            Span::styled(format!("{what} "), theme.muted),
                        ]
                    })
                    .take_while(|[keys, what]| {
                        used += keys.width() + what.width();
                        // The last hint's trailing space may fall off the edge.
                        used <= room + 1
                    })
                    .flatten()
                    .collect::<Vec<_>>(),
            )
        }
    };
    frame.render_widget(Paragraph::new(line), area);
}
