//! The ordinal timeline: a row per ordinal, a cell per slice of time, drawn
//! for the rows that fit only; and the selected pod's line under it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::words::PerLang;
use super::{Pane, Screen, pane_block, pane_title, text};
use crate::model::history::{Marker, MarkerKind};
use crate::model::pod::{Phase, short_uid};
use crate::model::views::{self, Row, Timeline};
use crate::model::{Key, Millis};
use crate::t;

/// The words a row may say, looked up once per language.
struct RowWords {
    created_next: String,
    not_created_yet: String,
    released: String,
    new: String,
    old: String,
}

fn row_words() -> &'static RowWords {
    static WORDS: PerLang<RowWords> = PerLang::new();
    WORDS.get(|| RowWords {
        created_next: t!("timeline-created-next"),
        not_created_yet: t!("timeline-not-created-yet"),
        released: t!("timeline-released"),
        new: t!("timeline-revision-new"),
        old: t!("timeline-revision-old"),
    })
}

/// The glyph a marker leaves on the timeline.
pub fn marker_glyph(kind: &MarkerKind) -> Option<char> {
    match kind {
        MarkerKind::Created => Some('+'),
        MarkerKind::Ready => Some('✓'),
        MarkerKind::DeletionRequested { .. } => Some('x'),
        MarkerKind::Deleted => Some('|'),
        MarkerKind::IpAssigned {
            previous: Some(_), ..
        } => Some('@'),
        MarkerKind::Revision { .. } => Some('r'),
        MarkerKind::Action { .. } => Some('!'),
        MarkerKind::Released => Some('~'),
        MarkerKind::Adopted => Some('='),
        // Events kept by the API, from before stsdash started.
        MarkerKind::Event { reason, .. } => Some(match reason.as_str() {
            "SuccessfulCreate" => '+',
            "Killing" => 'x',
            "SuccessfulDelete" => '|',
            _ => '*',
        }),
        MarkerKind::Scheduled { .. } | MarkerKind::IpAssigned { previous: None, .. } => None,
    }
}

pub(super) fn draw(
    frame: &mut Frame,
    area: Rect,
    s: &Screen,
    key: &Key,
    rows: &Timeline,
) -> Option<Millis> {
    let (model, view, theme, waiting) = (s.model, s.view, s.theme, s.waiting.as_ref());
    let focused = view.nav.focus == Pane::Timeline;
    let span_label =
        humantime::format_duration(std::time::Duration::from_millis(view.nav.span.max(0) as u64));
    let title = t!("timeline-title", span = span_label.to_string());
    let title = pane_title(&title, Pane::Timeline, view);
    let mut block = pane_block(&title, focused, theme);
    if let Some(line) = selected_summary(s, key, rows, area.width.saturating_sub(2) as usize) {
        block = block.title_bottom(line);
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.width < 12 || inner.height == 0 {
        return None;
    }
    let label_width = rows.longest_pod_name().unwrap_or(5).min(24) as u16 + 1;
    // During a rolling update (or a partition) each row also says which revision it runs.
    let revisions = views::rollout_status(model, key)
        .and_then(|r| match (r.current_revision, r.update_revision) {
            (Some(current), Some(update)) if current != update => Some(update),
            _ => None,
        })
        .filter(|_| inner.width > 80);
    // " new 7d9f8c6b5" and a space: 16 cells, or what the words need.
    let revision_width: u16 = match revisions {
        Some(_) => {
            let words = row_words();
            let word = text::width(&words.new).max(text::width(&words.old));
            (word + 12).max(16) as u16
        }
        None => 0,
    };
    let state_width: u16 = if inner.width > 60 {
        18 + revision_width
    } else {
        0
    };
    let bar_width = inner
        .width
        .saturating_sub(label_width + state_width + 1)
        .max(1) as usize;
    let end = s.end;
    let start = end - view.nav.span;
    let per_cell = (view.nav.span / bar_width as Millis).max(1);

    let visible = inner.height as usize;
    let first = view.nav.selected.saturating_sub(visible.saturating_sub(1));
    let mut lines = Vec::new();
    let words = row_words();
    // Whether time moving on would change what the rows show: something
    // happened within the window (a row at rest for longer looks the same).
    let mut moving = false;
    // Only the rows that fit are made and drawn.
    for (index, row) in rows.rows().enumerate().skip(first).take(visible) {
        let selected = index == view.nav.selected;
        let label_style = if selected {
            theme.selection
        } else {
            theme.text
        };
        let mut spans = vec![Span::styled(
            text::fit(&row.pod, label_width as usize),
            label_style,
        )];
        let mut cells: Vec<(char, Style)> = vec![(' ', theme.text); bar_width];
        let incarnations = row.life.into_iter().flat_map(|l| l.incarnations.iter());
        let past_events = row.life.into_iter().flat_map(|l| l.past_events.iter());
        moving |= past_events.clone().any(|m| m.at >= start);
        moving |= incarnations.clone().any(|inc| {
            inc.markers.back().is_some_and(|m| m.at >= start)
                || inc
                    .segments
                    .back()
                    .is_some_and(|s| s.from >= start || s.to.is_some_and(|to| to >= start))
        });
        // Each segment fills the columns whose middle falls in it (later ones over earlier).
        let columns = Columns {
            start,
            per_cell,
            width: bar_width,
        };
        let last = columns.last_at_or_before(end);
        for inc in incarnations.clone() {
            // Columns before it was first seen were reconstructed: lower case, not filled.
            let seen_from = columns.first_at_or_after(inc.first_seen);
            for seg in &inc.segments {
                let from = columns.first_at_or_after(seg.from);
                let to = seg.to.map_or(bar_width, |to| columns.first_at_or_after(to));
                let to = to.min(last);
                for (col, cell) in cells.iter_mut().enumerate().take(to).skip(from) {
                    *cell = if col < seen_from {
                        (
                            seg.phase.letter().to_ascii_lowercase(),
                            theme.reconstructed_phase(seg.phase),
                        )
                    } else {
                        (seg.phase.letter(), theme.phase(seg.phase))
                    };
                }
            }
        }
        // Marks: the Events kept by the API first, under stsdash's own history's.
        let mut mark = |m: &Marker, style: &dyn Fn(Style) -> Style| {
            if m.at < start || m.at > end {
                return;
            }
            if let Some(glyph) = marker_glyph(&m.kind) {
                let col = (((m.at - start) / per_cell) as usize).min(bar_width - 1);
                cells[col] = (glyph, style(cells[col].1));
            }
        };
        for m in past_events {
            let warning = matches!(m.kind, MarkerKind::Event { warning: true, .. });
            let role = if warning {
                theme.warning
            } else {
                theme.reconstructed
            };
            mark(m, &|under| under.patch(role));
        }
        for inc in incarnations {
            for m in &inc.markers {
                mark(m, &|under| match m.kind {
                    MarkerKind::Action {
                        outcome: crate::model::Outcome::Done,
                        ..
                    } => theme.action,
                    MarkerKind::Action { .. } => theme.error,
                    _ if inc.reconstructed(m.at) => under.patch(theme.reconstructed),
                    _ => under.patch(theme.marker),
                });
            }
        }
        if view.nav.back == 0 && view.nav.paused_at.is_none() {
            cells[bar_width - 1] = ('▏', theme.now);
        }
        // One span per run of same-styled cells: a row is a few spans, not one per cell.
        let mut run = String::new();
        let mut run_style = None;
        for (c, style) in cells {
            if run_style.is_some_and(|s| s != style) {
                spans.push(Span::styled(
                    std::mem::take(&mut run),
                    run_style.unwrap_or_default(),
                ));
            }
            run.push(c);
            run_style = Some(style);
        }
        if let Some(style) = run_style {
            spans.push(Span::styled(run, style));
        }
        if state_width > 0 {
            let phase = row.phase;
            // The controller's reading: the row that holds the others back, the one it acts on next.
            let blocks = waiting
                .and_then(|w| w.blocking.as_ref())
                .is_some_and(|b| b.ordinal == Some(row.ordinal));
            let next = waiting.is_some_and(|w| w.next == Some(row.ordinal));
            // A pod the StatefulSet let go of goes on outside it: released, not gone.
            let released = row
                .life
                .and_then(|l| l.current())
                .and_then(|i| i.markers.back())
                .is_some_and(|m| m.kind == MarkerKind::Released);
            // A desired ordinal that never had a pod is waiting, not gone.
            let state = if row.not_created && next {
                format!("  {}", words.created_next)
            } else if row.not_created {
                format!("  {}", words.not_created_yet)
            } else if released && phase == Phase::Gone {
                format!("~ {}", words.released)
            } else {
                format!("{} {}", phase.letter(), phase.label())
            };
            let (mark, mark_style) = match (blocks, next) {
                (true, _) => (" ◀", theme.warning),
                (false, true) => (" ▸", theme.now),
                _ => ("", theme.muted),
            };
            let mark_width = text::width(mark);
            // Cut after a whole word, padded by cells (a Chinese character takes two).
            let state = if mark.is_empty() {
                text::fit(&text::cut_words(&state, 17), 17)
            } else {
                text::cut_words(&state, 17 - mark_width)
                    .trim_end()
                    .to_string()
            };
            let pad = 17usize.saturating_sub(text::width(&state) + mark_width);
            spans.push(Span::raw(" "));
            spans.push(Span::styled(
                state,
                if row.not_created || phase == Phase::Gone {
                    theme.muted
                } else {
                    theme.phase(phase)
                },
            ));
            spans.push(Span::styled(mark, mark_style));
            spans.push(Span::raw(" ".repeat(pad)));
            if let Some(update) = &revisions {
                let running = row
                    .life
                    .and_then(|l| l.incarnations.back())
                    .filter(|i| i.gone.is_none())
                    .and_then(|i| i.revision.as_deref());
                let (said, style) = match running {
                    Some(r) if *update == r => {
                        (format!(" {} {}", words.new, short_revision(r)), theme.text)
                    }
                    Some(r) => (format!(" {} {}", words.old, short_revision(r)), theme.muted),
                    None => (String::new(), theme.muted),
                };
                spans.push(Span::styled(
                    text::fit(&said, usize::from(revision_width)),
                    style,
                ));
            }
        }
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    moving.then_some(per_cell)
}

/// The columns of a row's bar: column `c` shows the moment `start + per_cell × c + per_cell / 2`.
struct Columns {
    start: Millis,
    per_cell: Millis,
    width: usize,
}

impl Columns {
    /// The first column whose moment is at `t` or after (0 ..= width).
    fn first_at_or_after(&self, t: Millis) -> usize {
        let offset = t
            .saturating_sub(self.start)
            .saturating_sub(self.per_cell / 2);
        let col =
            offset.div_euclid(self.per_cell) + i64::from(offset.rem_euclid(self.per_cell) != 0);
        col.clamp(0, self.width as i64) as usize
    }

    /// How many columns have their moment at `t` or before (0 ..= width).
    fn last_at_or_before(&self, t: Millis) -> usize {
        let offset = t
            .saturating_sub(self.start)
            .saturating_sub(self.per_cell / 2);
        (offset.div_euclid(self.per_cell) + 1).clamp(0, self.width as i64) as usize
    }
}

/// A revision's hash without the StatefulSet's name ("web-7d9f8c6b5" → "7d9f8c6b5").
pub(super) fn short_revision(revision: &str) -> &str {
    revision.rsplit_once('-').map_or(revision, |(_, hash)| hash)
}

/// The selected pod in one line: what stays with the ordinal (name, stable
/// DNS name) and what each incarnation gets anew (UID, node, IP).
pub(super) fn selected_summary<'a>(
    s: &Screen,
    key: &Key,
    rows: &Timeline,
    width: usize,
) -> Option<Line<'a>> {
    let (model, view, theme) = (s.model, s.view, s.theme);
    let row: Row = rows.row(view.nav.selected)?;
    let Some(p) = views::pod_summary(model, key, &row.pod, &view.labels.cluster_domain) else {
        return Some(Line::from(vec![
            Span::styled(format!(" {} ", row.pod), theme.title),
            Span::styled(format!("{} ", t!("timeline-no-pod-now")), theme.muted),
        ]));
    };
    let line = |dns: &str| {
        let mut spans = vec![Span::styled(format!(" {} ", p.pod), theme.title)];
        let mut field = |label: &str, value: String| {
            spans.push(Span::styled(format!("· {label} "), theme.muted));
            spans.push(Span::styled(format!("{value} "), theme.text));
        };
        // What a student asks first comes first: a narrow screen cuts the rest.
        let dns = match (p.service.exists, p.service.headless) {
            _ if p.service.unset() => t!("timeline-dns-unset"),
            (true, true) => dns.to_string(),
            (true, false) => t!(
                "timeline-dns-not-headless",
                dns = dns,
                service = p.service.name
            ),
            (false, _) => t!(
                "timeline-dns-no-service",
                dns = dns,
                service = p.service.name
            ),
        };
        field(&t!("timeline-dns"), dns);
        field(
            &t!("timeline-ip"),
            p.ip.clone()
                .map_or_else(|| t!("timeline-ip-none"), String::from),
        );
        field(
            &t!("timeline-node"),
            p.node
                .clone()
                .map_or_else(|| t!("timeline-not-scheduled"), String::from),
        );
        field(&t!("timeline-uid"), short_uid(&p.uid).to_string());
        if let Some(revision) = &p.revision {
            field(&t!("timeline-rev"), revision.to_string());
        }
        Line::from(spans)
    };
    let full = line(&p.dns);
    if full.width() <= width {
        return Some(full);
    }
    // Too long for the line: the name as the pods of its namespace resolve
    // it (pod.service), so the IP and the node still fit.
    let short: Vec<&str> = p.dns.splitn(3, '.').take(2).collect();
    Some(line(&short.join(".")))
}
