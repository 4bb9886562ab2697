//! What opens over the dashboard (help, the StatefulSet picker, the replicas
//! prompt, the delete question) and the footer.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::{Dialog, Theme, ViewState, pane_block, text};
use crate::model::pod::short_uid;
use crate::model::views;
use crate::model::{Key, Model};

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
                _ if deleted => "deleted".to_string(),
                Some(r) => {
                    // Pods numbered from ordinals.start: say which.
                    let from = model
                        .statefulset(key)
                        .map(crate::model::sts::replica_range)
                        .filter(|range| range.start > 0 && !range.is_empty())
                        .map(|range| format!(" · {}-{}…{}", key.name, range.start, range.end - 1))
                        .unwrap_or_default();
                    format!("{} ready / {} desired{from}", r.ready, r.desired)
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
    lines.push(Line::styled(
        " ↑↓ j k choose · Enter show · Esc close",
        theme.muted,
    ));
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
                        " Scale {} from {current} to how many replicas?",
                        statefulset.name
                    ),
                    theme.text,
                ),
                Line::from(vec![
                    Span::styled(" replicas: ", theme.muted),
                    Span::styled(format!("{input}▏"), theme.focus),
                ]),
            ];
            lines.push(match refused {
                Some(why) => Line::styled(format!(" {why}"), theme.error),
                None => Line::styled(format!(" a whole number from 0 to {limit}"), theme.muted),
            });
            lines.push(Line::styled(" Enter scale · Esc cancel", theme.muted));
            ("Scale", lines)
        }
        Dialog::ConfirmDelete { pod, uid } => (
            "Delete pod",
            vec![
                Line::styled(format!(" Delete pod {}?", pod.name), theme.warning),
                Line::styled(
                    format!(" uid {} · namespace {}", short_uid(uid), pod.namespace),
                    theme.muted,
                ),
                Line::styled(
                    " The StatefulSet controller will create it again, same name, same claim.",
                    theme.text,
                ),
                Line::styled(" y delete · n or Esc keep it", theme.muted),
            ],
        ),
        _ => return,
    };
    let popup = centered(area, 80, lines.len() as u16 + 2);
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(pane_block(title, true, theme))
            .style(theme.text),
        popup,
    );
}

pub(super) fn draw_help(
    frame: &mut Frame,
    area: Rect,
    view: &ViewState,
    scroll: usize,
    theme: &Theme,
) {
    let mut lines: Vec<Line> = view
        .labels
        .help
        .iter()
        .map(|(k, what)| {
            Line::from(vec![
                Span::styled(format!("{k:>10}  "), theme.focus),
                Span::styled(what.clone(), theme.text),
            ])
        })
        .collect();
    lines.push(Line::styled(
        " Timeline: + created  ✓ ready  x deletion requested  | deleted",
        theme.muted,
    ));
    lines.push(Line::styled(
        "           @ new IP  r revision  ! stsdash's own action",
        theme.muted,
    ));
    let popup = centered(area, 72, lines.len() as u16 + 2);
    let fits = popup.height as usize >= lines.len() + 2;
    let title = if fits {
        "Keys · any key closes".to_string()
    } else {
        "Keys · ↑↓ j k scroll · any other key closes".to_string()
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

pub(super) fn draw_footer(frame: &mut Frame, area: Rect, view: &ViewState, theme: &Theme) {
    let line = match &view.chrome.status {
        Some(status) => Line::styled(format!(" {status}"), theme.warning),
        None => Line::from(
            view.labels
                .hints
                .iter()
                .flat_map(|(k, what)| {
                    [
                        Span::styled(format!(" {k} "), theme.focus),
                        Span::styled(format!("{what} "), theme.muted),
                    ]
                })
                .collect::<Vec<_>>(),
        ),
    };
    frame.render_widget(Paragraph::new(line), area);
}
