//! The storage graph: columns Pods │ Claims (the namespace) ┃ Volumes │
//! Classes (the cluster), a row per edge, rows that share a node joined; the
//! selected row's chain highlighted and all its facts in words below. Only
//! the rows that fit are made.

mod cells;
mod edges;
mod heads;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Pane, Screen, Theme, ViewState, pane_block, pane_title, text};
use crate::model::views::{self, GraphRow, Timeline};
use crate::model::{Key, Model};
use crate::t;
use cells::Cell;
use edges::{End, Gutter};
use heads::{border_hint, header, summary};

/// The graph row the view selects: the one chosen in this pane, else the
/// first of the timeline's selected ordinal.
pub fn selected_row(model: &Model, view: &ViewState, key: &Key) -> usize {
    selected_of(model, view, key, &views::timeline_of(model, key))
}

fn selected_of(model: &Model, view: &ViewState, key: &Key, rows: &Timeline) -> usize {
    if let Some(row) = view.nav.storage_row {
        return row;
    }
    let ordinal = rows.row(view.nav.selected).map(|r| r.ordinal);
    ordinal
        .and_then(|o| views::graph_rows(model, key).position(|r| r.ordinal == Some(o)))
        .unwrap_or(0)
}

/// The rows up to the selected one and `after` more, made in one pass, and
/// which is selected (as [`selected_row`] says).
fn rows_to_draw(
    model: &Model,
    view: &ViewState,
    key: &Key,
    timeline: &Timeline,
    after: usize,
) -> (Vec<GraphRow>, usize) {
    let all = views::graph_rows(model, key);
    if let Some(row) = view.nav.storage_row {
        return (all.take(row + after).collect(), row);
    }
    let Some(ordinal) = timeline.row(view.nav.selected).map(|r| r.ordinal) else {
        return (all.take(after).collect(), 0);
    };
    let mut rows = Vec::new();
    let mut wanted = None;
    for row in all {
        // The StatefulSet's rows come by ordinal, before any other.
        let past = row.kind != views::RowKind::Member || row.ordinal > Some(ordinal);
        if wanted.is_none() && row.ordinal == Some(ordinal) {
            wanted = Some(rows.len());
        }
        rows.push(row);
        match wanted {
            Some(w) if rows.len() >= w + after => break,
            None if past && rows.len() >= after => break,
            _ => {}
        }
    }
    let wanted = wanted.unwrap_or(0);
    rows.truncate(wanted + after);
    (rows, wanted)
}

/// Lines' words, as one line.
fn flat(lines: &[Line]) -> String {
    let words: Vec<&str> = lines
        .iter()
        .flat_map(|l| l.spans.iter().map(|s| s.content.as_ref()))
        .flat_map(str::split_whitespace)
        .collect();
    words.join(" ")
}

/// The facts of `piece` ("Bound, 20Mi, not pinned to a node") that hold
/// `words`: the fewest of them in a row.
fn fact_with(piece: &str, words: &str) -> Option<String> {
    if !piece.contains(words) {
        return None;
    }
    let separator = cells::words().separator.as_str();
    let facts: Vec<&str> = piece.split(separator).collect();
    (1..=facts.len()).find_map(|n| {
        facts
            .windows(n)
            .map(|w| w.join(separator))
            .find(|joined| joined.contains(words))
    })
}

/// The columns' widths, and where each starts.
struct Columns {
    widths: [usize; 4],
}

/// Gutters: pod → claim, claim ┃ volume (the namespace's edge), volume → class.
const GUTTERS: [usize; 3] = [3, 4, 3];

impl Columns {
    /// Every name whole if it can be; what is left goes to the facts.
    fn fit(cells: &[[Cell; 4]], room: usize, per_row: usize) -> Columns {
        // Per column: its names, its names and states, and all its words.
        let mut names = [1usize; 4];
        let mut titles = [1usize; 4];
        let mut full = [1usize; 4];
        for row in cells {
            for (i, cell) in row.iter().enumerate() {
                let name = cell.title.first().map_or(0, |t| text::width(t));
                let title = text::width(&cell.title.join(" "));
                let facts = text::width(&cell.facts.join(" "));
                names[i] = names[i].max(name);
                titles[i] = titles[i].max(title);
                // On one line a row, the facts follow the title.
                full[i] = full[i].max(if per_row > 1 {
                    title.max(facts)
                } else {
                    title + 1 + facts
                });
            }
        }
        // A space after each column but the last, and one after each gutter.
        let fixed = GUTTERS.iter().sum::<usize>() + 3 + 3;
        let room = room.saturating_sub(fixed);
        let mut widths = names;
        // Too narrow for the names: the widest give way (the detail has them whole).
        while widths.iter().sum::<usize>() > room {
            let widest = (0..4).max_by_key(|&i| widths[i]).unwrap_or(0);
            if widths[widest] <= 4 {
                break;
            }
            widths[widest] -= 1;
        }
        // Room to spare: first the states, then the facts, claims first and
        // the pods' nodes last (the timeline's line has them).
        let mut spare = room.saturating_sub(widths.iter().sum());
        for wanted in [titles, full] {
            for i in [1, 2, 3, 0] {
                let give = wanted[i].saturating_sub(widths[i]).min(spare);
                widths[i] += give;
                spare -= give;
            }
        }
        widths[3] += spare;
        Columns { widths }
    }

    fn start(&self, column: usize) -> usize {
        (0..column)
            .map(|i| self.widths[i] + 1 + GUTTERS[i] + 1)
            .sum()
    }
}

fn cells_of(row: &GraphRow, theme: &Theme) -> [Cell; 4] {
    let pod = match &row.pod {
        Some(p) => Cell {
            title: vec![p.name.to_string()],
            facts: p.node.iter().map(|n| n.to_string()).collect(),
            style: theme.phase(p.phase),
        },
        None => Cell {
            title: vec![if row.claim.as_ref().is_some_and(|c| c.pods_unwatched) {
                "?".into()
            } else {
                "—".into()
            }],
            facts: Vec::new(),
            style: theme.muted,
        },
    };
    // A claim that is gone, with no volume left, leads to no class.
    let gone = row.claim.as_ref().is_some_and(|c| !c.exists) && row.volume_name().is_none();
    let class = if gone {
        Cell::default()
    } else {
        cells::class_cell(row, theme)
    };
    [
        pod,
        cells::claim_cell(row, theme),
        cells::volume_cell(row, theme),
        class,
    ]
}

/// Whether each column's node is drawn on this row or is the one above.
fn ends(rows: &[GraphRow]) -> Vec<[End; 4]> {
    let names = |r: &GraphRow| -> [Option<String>; 4] {
        [
            r.pod_name().map(String::from),
            r.claim_name().map(String::from),
            r.volume_name().map(String::from),
            r.class_name().map(String::from),
        ]
    };
    let mut out = Vec::with_capacity(rows.len());
    let mut above: [Option<String>; 4] = Default::default();
    for row in rows {
        let mut here = names(row);
        // A class is joined to its volumes: a row with none draws no class.
        if here[2].is_none() {
            here[3] = None;
        }
        let mut ends = [End::None; 4];
        for i in 0..4 {
            ends[i] = match (&here[i], &above[i]) {
                (None, _) => End::None,
                (Some(a), Some(b)) if a == b => End::Same,
                _ => End::New,
            };
        }
        out.push(ends);
        above = here;
    }
    out
}

pub(super) fn draw(frame: &mut Frame, area: Rect, s: &Screen, key: &Key, timeline: &Timeline) {
    let (model, view, theme) = (s.model, s.view, s.theme);
    // No room for a box: the graph in a line.
    if area.height == 1 {
        let words = t!(
            "storage-line",
            summary = summary(
                &views::graph_summary(model, key),
                view.nav.focus == Pane::Storage
            )
        );
        let line = text::fit(
            &text::cut_words(&words, area.width as usize),
            area.width as usize,
        );
        frame.render_widget(Paragraph::new(Line::styled(line, theme.muted)), area);
        return;
    }
    let graph = views::storage_rows(model, key);
    let title = match &graph.retention {
        Some(r) => t!(
            "storage-title-retention",
            scaled = r.when_scaled.to_string(),
            deleted = r.when_deleted.to_string()
        ),
        None => t!("storage-title"),
    };
    let title = pane_title(&title, Pane::Storage, view);
    let block = pane_block(&title, view.nav.focus == Pane::Storage, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let (width, height) = (inner.width as usize, inner.height as usize);
    if width == 0 || height == 0 {
        return;
    }
    let (rows, wanted) = rows_to_draw(model, view, key, timeline, height + 2);
    if rows.is_empty() {
        let words = t!("storage-no-claims");
        let lines = text::wrap(&[(words, theme.muted)], width);
        frame.render_widget(Paragraph::new(lines), inner);
        return;
    }
    // No room but for one line: the graph in a line, not a cut graph.
    if height == 1 {
        let focused = view.nav.focus == Pane::Storage;
        let words = summary(&views::graph_summary(model, key), focused);
        let line = text::fit(&text::cut_words(&words, width), width);
        frame.render_widget(Paragraph::new(Line::styled(line, theme.text)), inner);
        return;
    }
    let selected = wanted.min(rows.len() - 1);
    let ns = key.namespace.as_str();

    // Below the rows: the selected row's facts in words, then the legend.
    let mut pieces = vec![("▸".to_string(), theme.title)];
    pieces.extend(cells::detail(&rows[selected], ns, theme));
    let mut detail = text::wrap(&pieces, width);
    let legend = text::pack(&cells::legend_parts(), width);
    let legend = legend.trim_end_matches(" ·").to_string();
    let more_below = rows.len() == wanted + height + 2;
    // Rows come first: the detail has what the rows leave (at least one
    // line); cut to one line, it says the rest shows with more room (Tab
    // gives the pane the room first).
    let mut detail_room = height
        .saturating_sub(1 + rows.len())
        .max(1)
        .min(height.saturating_sub(2).max(1));
    // Every row fits only without the detail: the rows have it, and the
    // border says where the facts are (not while an answer points here:
    // its words are in them).
    let answering = super::answer_words(view, Pane::Storage).is_some();
    let facts_hidden = !more_below && !answering && 1 + rows.len() == height;
    if facts_hidden {
        detail_room = 0;
    }
    // A revealed answer's words that the room would cut: their fact first.
    if let Some(words) = super::answer_words(view, Pane::Storage)
        && !flat(&detail[..detail.len().min(detail_room)]).contains(words)
        && let Some((at, fact)) = pieces
            .iter()
            .enumerate()
            .find_map(|(i, (p, _))| Some((i, fact_with(p, words)?)))
    {
        // With what it is a fact of ("volume pvc-9d652bd5…:"), when it is.
        let head = pieces[at - 1].0.as_str();
        let colon = head.chars().last().filter(|c| matches!(c, ':' | '：'));
        let head_words: Vec<&str> = head.split_whitespace().collect();
        let head = match (&head_words[..], colon) {
            ([kind, name, ..], Some(colon)) => {
                let name = name.split(['（', colon]).next().unwrap_or(name);
                format!("{kind} {}{colon}", cells::short_volume(name))
            }
            _ => String::new(),
        };
        pieces.insert(1, (format!("◆ {head} {fact} ·"), theme.title));
        detail = text::wrap(&pieces, width);
    }
    if detail.len() > detail_room && detail_room > 0 {
        detail.truncate(detail_room);
        if let Some(last) = detail.last_mut() {
            let words: String = last.spans.iter().map(|s| s.content.as_ref()).collect();
            let more = if view.nav.focus == Pane::Storage {
                ""
            } else {
                " Tab"
            };
            let cut = text::cut_prose(&words, width.saturating_sub(text::width(more) + 1));
            let cut = cut.trim_end();
            let ellipsis = if cut.ends_with('…') { "" } else { "…" };
            *last = Line::styled(format!("{cut}{ellipsis}{more}"), theme.text);
        }
    }
    if facts_hidden {
        detail.clear();
        if view.nav.focus != Pane::Storage {
            border_hint(
                frame,
                area,
                &format!(" {} ", t!("storage-facts-hint")),
                theme,
            );
        }
    }
    // The legend only when every row fits beside it: rows come first.
    // header, rows, detail, legend
    let fits_all = !more_below && 1 + rows.len() + detail.len() < height;
    let legend_lines = usize::from(height >= detail.len() + 4 && fits_all);
    let room = height.saturating_sub(1 + detail.len() + legend_lines);

    // Two lines a row (names, then facts) when all fit; else one, scrolled.
    let per_row = if !more_below && rows.len() * 2 <= room {
        2
    } else {
        1
    };
    let visible = (room / per_row).max(1);
    // Scrolled so the selected row shows with the rows after it that share
    // its claim (every pod that mounts it), when they fit.
    let claim_of = |r: &GraphRow| r.claim.as_ref().map(|c| c.name.clone());
    let group_end = rows[selected..]
        .iter()
        .take_while(|r| claim_of(r).is_some() && claim_of(r) == claim_of(&rows[selected]))
        .count()
        + selected;
    let first = group_end.saturating_sub(visible).min(selected);
    let shown = &rows[first..rows.len().min(first + visible)];
    // Rows out of sight: the border says how many, and the key that shows them.
    let hidden = rows.len() - shown.len();
    if hidden > 0 && !facts_hidden {
        let more = if more_below { "+" } else { "" };
        let key = if view.nav.focus == Pane::Storage {
            "j k"
        } else {
            "Tab"
        };
        let hint = format!(
            " {} ",
            t!("storage-more-rows", count = hidden, plus = more, key = key)
        );
        border_hint(frame, area, &hint, theme);
    }
    let cells: Vec<[Cell; 4]> = shown.iter().map(|r| cells_of(r, theme)).collect();
    let ends = ends(shown);
    let columns = Columns::fit(&cells, width, per_row);
    let chain = rows[selected].pod_name().map(String::from);
    let highlighted = |i: usize| {
        first + i == selected || (chain.is_some() && shown[i].pod_name() == chain.as_deref())
    };

    let mut lines = vec![header(&columns, ns, width, theme)];
    for (i, row_cells) in cells.iter().enumerate() {
        let next = ends.get(i + 1).copied().unwrap_or([End::None; 4]);
        for line in 0..per_row {
            let mut spans: Vec<Span> = Vec::new();
            for (c, cell) in row_cells.iter().enumerate() {
                let w = columns.widths[c];
                let content = cell_line(cell, ends[i][c], line, w, c, &ends, i, per_row);
                spans.push(Span::styled(
                    text::fit(&content, w),
                    cell_style(cell, line, theme),
                ));
                if c < 3 {
                    spans.push(Span::raw(" "));
                    let gutter = Gutter {
                        left: ends[i][c],
                        right: ends[i][c + 1],
                        next_left: next[c],
                        next_right: next[c + 1],
                    };
                    let glyphs = if line == 0 {
                        gutter.first_line()
                    } else {
                        gutter.other_lines()
                    };
                    if c == 1 {
                        // The namespace's edge: claims left of it, the cluster
                        // right; dashed from a claim that is gone to the
                        // volume it was bound to.
                        let gone = shown[i].claim.as_ref().is_some_and(|c| !c.exists);
                        let glyphs = if gone {
                            glyphs.replace('─', "╌")
                        } else {
                            glyphs.to_string()
                        };
                        let mut g = glyphs.chars();
                        let head: String = g.next().into_iter().collect();
                        spans.push(Span::styled(head, theme.muted));
                        spans.push(Span::styled("┃", theme.title));
                        spans.push(Span::styled(g.collect::<String>(), theme.muted));
                    } else {
                        spans.push(Span::styled(glyphs, theme.muted));
                    }
                    spans.push(Span::raw(" "));
                }
            }
            let mut line = Line::from(spans);
            if highlighted(i) {
                line = line.patch_style(theme.selection);
            }
            lines.push(line);
        }
    }
    lines.extend(detail);
    if legend_lines == 1 {
        lines.push(Line::styled(legend, theme.muted));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The text of a cell on one line of its row. A class is named once for the
/// rows that share it; its facts flow down those rows' lines.
#[allow(clippy::too_many_arguments)]
fn cell_line(
    cell: &Cell,
    end: End,
    line: usize,
    width: usize,
    column: usize,
    ends: &[[End; 4]],
    row: usize,
    per_row: usize,
) -> String {
    if column == 3 {
        // Which line of the run of rows sharing this class.
        let run_start = (0..=row)
            .rev()
            .find(|&r| ends[r][3] != End::Same)
            .unwrap_or(0);
        if ends[run_start][3] == End::None {
            return if line == 0 {
                text::pack(&cell.title, width)
            } else {
                String::new()
            };
        }
        let at = (row - run_start) * per_row + line;
        if at == 0 {
            return text::pack(&cell.title, width);
        }
        let mut facts = cell.facts.as_slice();
        for _ in 1..at {
            let used = text::pack_whole(facts, width);
            let taken = count_packed(facts, &used);
            facts = &facts[taken.min(facts.len())..];
        }
        return text::pack_whole(facts, width);
    }
    if end == End::Same {
        return String::new();
    }
    match (line, per_row) {
        // One line a row: the title, then each fact that still fits, in order.
        (0, 1) => {
            let title = text::pack(&cell.title, width);
            let facts: Vec<String> = cell
                .facts
                .iter()
                .scan(text::width(&title), |used, fact| {
                    let fits = *used + 1 + text::width(fact) <= width;
                    if fits {
                        *used += 1 + text::width(fact);
                    }
                    Some(fits.then(|| fact.clone()))
                })
                .flatten()
                .collect();
            [vec![title], facts].concat().join(" ")
        }
        (0, _) => text::pack(&cell.title, width),
        _ => text::pack_whole(&cell.facts, width),
    }
}

/// How many of `words` `packed` (made by `text::pack_whole`) holds: the
/// words it starts with, each whole, joined by spaces.
fn count_packed(words: &[String], packed: &str) -> usize {
    let mut rest = packed;
    let mut count = 0;
    for w in words {
        let Some(after) = rest.strip_prefix(w.as_str()) else {
            break;
        };
        count += 1;
        match after.strip_prefix(' ') {
            Some(more) => rest = more,
            None => break,
        }
    }
    count.max(1)
}

fn cell_style(cell: &Cell, line: usize, theme: &Theme) -> Style {
    if line == 0 { cell.style } else { theme.muted }
}

#[cfg(test)]
mod tests;
