//! The class grid (`stsdash class`): a row per student's namespace, a
//! column per step of the lesson (done ✓, current ●, not yet ·), the step,
//! how long the student has been on it, and what it waits for; stuck rows
//! marked ⚠; the class in one line above, the selected row in full below.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Theme, text};
use crate::lesson::class::{Cell, Row, Stuck};
use crate::model::Millis;

/// How the rows are ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    /// The furthest behind first (then the longest on their step, then by name).
    #[default]
    Progress,
    Name,
}

impl Sort {
    pub fn word(self) -> String {
        match self {
            Sort::Progress => crate::t!("class-sort-progress"),
            Sort::Name => crate::t!("class-sort-name"),
        }
    }
}

/// Where the teacher looks: the keys change it, nothing else does.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClassView {
    pub sort: Sort,
    /// Stuck rows first, whatever the order.
    pub stuck_first: bool,
    /// The selected row's namespace (kept across reorderings), if any.
    pub selected: Option<String>,
    /// The first row shown.
    pub offset: usize,
}

/// What the grid shows, worked out by the app before it is drawn.
pub struct Grid<'a> {
    /// "class · mehdb · StatefulSets with mehdb: …"
    pub title: String,
    /// The kubeconfig context, or the recording played back.
    pub context: String,
    /// What the zoomed dashboard's keys may do (read-only, actions
    /// allowed), said before the context and never cut.
    pub mode: Option<String>,
    /// How the class is watched, when it is worth saying (namespace by namespace).
    pub note: Option<String>,
    /// The rows, in the order shown (see `order`).
    pub rows: &'a [Row],
    /// Each step's title.
    pub steps: &'a [String],
    pub summary: String,
    /// A message to the teacher (a key that does nothing here…).
    pub status: Option<String>,
}

/// The rows in the view's order.
pub fn order(rows: &mut [Row], view: &ClassView) {
    rows.sort_by(|a, b| {
        let stuck = |r: &Row| view.stuck_first && r.stuck.is_some();
        let denied = |r: &Row| r.not_permitted.is_some();
        stuck(b)
            .cmp(&stuck(a))
            .then(denied(a).cmp(&denied(b)))
            .then_with(|| match view.sort {
                Sort::Progress => a
                    .step
                    .cmp(&b.step)
                    .then(b.on_step.cmp(&a.on_step))
                    .then(a.namespace.cmp(&b.namespace)),
                Sort::Name => natural(&a.namespace).cmp(&natural(&b.namespace)),
            })
    });
}

/// A name with its numbers compared as numbers: student-2 before student-10.
fn natural(name: &str) -> Vec<(String, u64)> {
    let mut parts = Vec::new();
    let mut word = String::new();
    let mut number: Option<u64> = None;
    for c in name.chars() {
        match c.to_digit(10) {
            Some(d) => {
                number = Some(
                    number
                        .unwrap_or(0)
                        .saturating_mul(10)
                        .saturating_add(d.into()),
                )
            }
            None => {
                if let Some(n) = number.take() {
                    parts.push((std::mem::take(&mut word), n));
                }
                word.push(c);
            }
        }
    }
    parts.push((word, number.unwrap_or(0)));
    parts
}

/// "45s", "12m", "2h05m".
pub fn duration(ms: Millis) -> String {
    let s = ms.max(0) / 1000;
    match s {
        0..60 => format!("{s}s"),
        60..3600 => format!("{}m", s / 60),
        _ => format!("{}h{:02}m", s / 3600, (s % 3600) / 60),
    }
}

/// Lines above and below the rows: title, summary, note or blank, column
/// heads; the selected row's step and what it waits for (2), the keys.
const ABOVE: u16 = 4;
const BELOW: u16 = 3;

/// How many rows fit in `area`.
pub fn rows_shown(area: Rect) -> usize {
    area.height.saturating_sub(ABOVE + BELOW) as usize
}

/// The first row to show so that `selected` is on screen.
pub fn scrolled(offset: usize, selected: usize, shown: usize, total: usize) -> usize {
    let shown = shown.max(1);
    let offset = if selected < offset {
        selected
    } else if selected >= offset + shown {
        selected + 1 - shown
    } else {
        offset
    };
    offset.min(total.saturating_sub(shown))
}

pub fn draw(frame: &mut Frame, area: Rect, grid: &Grid, view: &ClassView, theme: &Theme) {
    let width = area.width as usize;
    let steps = grid.steps.len();
    let name_width = grid
        .rows
        .iter()
        .map(|r| text::width(&r.namespace))
        .max()
        .unwrap_or(7)
        .clamp(7, 20);
    let cells_width = steps * 2;
    let mut lines: Vec<Line> = Vec::with_capacity(area.height as usize);
    // The title, and the mode and the context at the right.
    let mode = grid
        .mode
        .as_deref()
        .map(|m| format!("{m} · "))
        .unwrap_or_default();
    let context = text::cut(&grid.context, width / 3).into_owned();
    let right = text::width(&mode) + text::width(&context);
    let title = text::fit(&grid.title, width.saturating_sub(right + 1));
    lines.push(Line::from(vec![
        Span::styled(title, theme.title),
        Span::raw(" "),
        Span::styled(mode, theme.warning),
        Span::styled(context, theme.muted),
    ]));
    lines.push(Line::from(Span::styled(
        text::fit(&grid.summary, width),
        theme.header.add_modifier(Modifier::BOLD),
    )));
    lines.push(Line::from(Span::styled(
        text::fit(grid.note.as_deref().unwrap_or(""), width),
        theme.warning,
    )));
    let mut heads = String::new();
    for i in 0..steps {
        let n = (i + 1).to_string();
        heads.push_str(&text::fit(&n[n.len().saturating_sub(2)..], 2));
    }
    lines.push(Line::from(Span::styled(
        text::fit(
            &format!(
                "  {}  {}  {} {} {}",
                text::fit(&crate::t!("class-head-student"), name_width),
                text::fit(&heads, cells_width),
                text::fit(&crate::t!("class-head-step"), 5),
                text::fit(&crate::t!("class-head-on"), 6),
                crate::t!("class-head-waiting"),
            ),
            width,
        ),
        theme.muted,
    )));
    let shown = rows_shown(area);
    let selected = selected_index(grid.rows, view);
    let offset = scrolled(view.offset, selected.unwrap_or(0), shown, grid.rows.len());
    for (i, row) in grid.rows.iter().enumerate().skip(offset).take(shown) {
        lines.push(row_line(
            row,
            selected == Some(i),
            name_width,
            steps,
            width,
            theme,
        ));
    }
    while lines.len() < (area.height.saturating_sub(BELOW)) as usize {
        lines.push(Line::default());
    }
    // The selected row in full.
    let detail = selected
        .and_then(|i| grid.rows.get(i))
        .map(|row| detail(row, grid.steps));
    let detail = detail.unwrap_or_default();
    let mut pieces = text::wrap(&[(detail, theme.text)], width);
    pieces.resize(2, Line::default());
    lines.extend(pieces.into_iter().take(2));
    let more = if grid.rows.len() > shown {
        format!(
            "{} · ",
            crate::t!(
                "class-rows",
                first = offset + 1,
                last = (offset + shown).min(grid.rows.len()),
                count = grid.rows.len()
            )
        )
    } else {
        String::new()
    };
    let keys = grid.status.clone().unwrap_or_else(|| {
        let stuck_first = if view.stuck_first {
            crate::t!("class-on")
        } else {
            crate::t!("class-off")
        };
        format!(
            "{more}{}",
            crate::t!(
                "class-keys",
                sort = view.sort.word(),
                stuck_first = stuck_first
            )
        )
    });
    lines.push(Line::from(Span::styled(
        text::fit(&keys, width),
        theme.muted,
    )));
    lines.truncate(area.height as usize);
    frame.render_widget(Paragraph::new(lines), area);
}

/// The index of the selected row (the first when none is chosen yet).
pub fn selected_index(rows: &[Row], view: &ClassView) -> Option<usize> {
    if rows.is_empty() {
        return None;
    }
    Some(
        view.selected
            .as_deref()
            .and_then(|name| rows.iter().position(|r| r.namespace == name))
            .unwrap_or(0),
    )
}

fn row_line(
    row: &Row,
    selected: bool,
    name_width: usize,
    steps: usize,
    width: usize,
    theme: &Theme,
) -> Line<'static> {
    let base = if selected {
        theme.selection
    } else {
        Style::default()
    };
    let mut spans = Vec::new();
    let marker = match (&row.stuck, selected) {
        (Some(_), _) => Span::styled("⚠ ", theme.warning.patch(base)),
        (None, true) => Span::styled("▸ ", theme.focus.patch(base)),
        (None, false) => Span::raw("  "),
    };
    spans.push(marker);
    spans.push(Span::styled(
        format!("{}  ", text::fit(&row.namespace, name_width)),
        theme.text.patch(base),
    ));
    let mut used = 2 + name_width + 2;
    if let Some(message) = &row.not_permitted {
        let words = crate::t!("class-row-not-permitted", message = message.as_str());
        spans.push(Span::styled(
            text::fit(&words, width.saturating_sub(used)),
            theme.not_permitted.patch(base),
        ));
        return Line::from(spans);
    }
    for cell in &row.cells {
        let (glyph, style) = match cell {
            Cell::Done => ("✓ ", theme.ready),
            Cell::Current if row.stuck.is_some() => ("● ", theme.warning),
            Cell::Current => ("● ", theme.now),
            Cell::NotYet => ("· ", theme.muted),
        };
        spans.push(Span::styled(glyph, style.patch(base)));
    }
    used += steps * 2;
    let step = if row.finished() {
        crate::t!("class-done")
    } else {
        format!("{}/{}", row.step + 1, steps)
    };
    let on = if row.finished() {
        String::new()
    } else {
        duration(row.on_step)
    };
    let time_style = match row.stuck {
        Some(Stuck::Long) => theme.warning,
        _ => theme.text,
    };
    spans.push(Span::styled(
        format!("  {}", text::fit(&step, 5)),
        theme.text.patch(base),
    ));
    spans.push(Span::styled(
        format!(" {}", text::fit(&on, 6)),
        time_style.patch(base),
    ));
    used += 2 + 5 + 1 + 6 + 1;
    let waiting_style = match (&row.stuck, row.finished()) {
        (_, true) => theme.ready,
        (Some(_), _) => theme.warning,
        (None, _) => theme.now,
    };
    spans.push(Span::styled(" ", base));
    spans.push(Span::styled(
        text::fit(&waiting_cell(row), width.saturating_sub(used)),
        waiting_style.patch(base),
    ));
    Line::from(spans)
}

/// What a row waits for, short: the warning that says why, if any, then
/// the first condition that does not hold (and how many more).
fn waiting_cell(row: &Row) -> String {
    if row.finished() {
        return crate::t!("class-every-step-done");
    }
    let mut out = row.waiting.first().cloned().unwrap_or_default();
    if row.waiting.len() > 1 {
        out.push_str(&format!(" +{}", row.waiting.len() - 1));
    }
    match &row.warning {
        Some(warning) => format!("{warning} · {out}"),
        None => out,
    }
}

/// "student-7 · step 5 of 8 · Scale down to 2 · stuck 4m · waiting for …"
fn detail(row: &Row, steps: &[String]) -> String {
    if let Some(message) = &row.not_permitted {
        return crate::t!(
            "class-detail-not-permitted",
            namespace = row.namespace.as_str(),
            message = message.as_str()
        );
    }
    if row.finished() {
        return crate::t!("class-detail-finished", namespace = row.namespace.as_str());
    }
    let title = steps.get(row.step).map(String::as_str).unwrap_or_default();
    let stuck = match row.stuck {
        Some(Stuck::Long) => crate::t!("class-stuck-for", duration = duration(row.on_step)),
        Some(Stuck::Warning) => crate::t!("class-on-it-warning", duration = duration(row.on_step)),
        None => crate::t!("class-on-it", duration = duration(row.on_step)),
    };
    let mut waiting = crate::i18n::list(&row.waiting);
    if let Some(warning) = &row.warning {
        waiting.push_str(": ");
        waiting.push_str(warning);
    }
    crate::t!(
        "class-detail",
        namespace = row.namespace.as_str(),
        step = row.step + 1,
        count = steps.len(),
        title = title,
        stuck = stuck,
        waiting = waiting
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_sort_with_their_numbers_as_numbers() {
        let mut names = ["student-10", "student-2", "student-1"];
        names.sort_by_key(|n| natural(n));
        assert_eq!(names, ["student-1", "student-2", "student-10"]);
    }

    #[test]
    fn the_selected_row_stays_on_screen() {
        assert_eq!(scrolled(0, 30, 24, 31), 7);
        assert_eq!(scrolled(7, 3, 24, 31), 3);
        assert_eq!(scrolled(5, 10, 24, 31), 5);
        assert_eq!(duration(61_000), "1m");
        assert_eq!(duration(3_720_000), "1h02m");
    }
}
