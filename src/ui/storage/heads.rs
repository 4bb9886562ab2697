//! The graph's own words around its rows: the columns' heads, the graph
//! in one line, and the hints on its border.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::super::{Theme, text};
use super::{Columns, GUTTERS, cells};
use crate::model::views::GraphSummary;
use crate::t;

/// A few words on the pane's bottom border, on the right.
pub(super) fn border_hint(frame: &mut Frame, area: Rect, words: &str, theme: &Theme) {
    let border = Rect {
        x: area.x + 1,
        y: area.y + area.height.saturating_sub(1),
        width: area.width.saturating_sub(2),
        height: 1,
    };
    let hint = Line::styled(words.to_string(), theme.muted).right_aligned();
    frame.render_widget(Paragraph::new(hint), border);
}

/// The whole graph in one line: its claims by phase, and its volumes.
pub(super) fn summary(graph: &GraphSummary, focused: bool) -> String {
    let phases: Vec<String> = graph
        .phases
        .iter()
        .map(|(phase, n)| match phase {
            Some(phase) => format!("{n} {phase}"),
            None => t!("storage-phase-gone", count = *n),
        })
        .collect();
    let phases = phases.join(&cells::words().separator);
    let (claims, volumes) = (graph.claims(), graph.volumes);
    if focused {
        t!(
            "storage-summary",
            claims = claims,
            phases = phases,
            volumes = volumes
        )
    } else {
        t!(
            "storage-summary-tab",
            claims = claims,
            phases = phases,
            volumes = volumes
        )
    }
}

/// The columns' titles, and which side of the edge is the namespace's.
pub(super) fn header<'a>(columns: &Columns, ns: &str, width: usize, theme: &Theme) -> Line<'a> {
    let edge = columns.start(1) + columns.widths[1] + 2;
    let claims = [
        t!("storage-head-claims-namespace", namespace = ns),
        t!("storage-head-claims-ns", namespace = ns),
        t!("storage-head-claims-namespaced"),
        t!("storage-head-claims"),
    ];
    let pods = t!("storage-head-pods");
    let after_pods = text::width(&pods) + 1;
    // Right of "Pods", ending at the edge: it may reach over the pods' column.
    let claims = claims
        .into_iter()
        .find(|t| after_pods + text::width(t) < edge)
        .unwrap_or_default();
    let at = columns
        .start(1)
        .min(edge.saturating_sub(1 + text::width(&claims)))
        .max(after_pods);
    let mut left = text::fit(&pods, at);
    left.push_str(&claims);
    let left = text::fit(&left, edge);
    // Volumes from just right of the edge; classes from their gutter on,
    // as far as the line goes.
    let classes_at = columns.start(3) - GUTTERS[2] - 1;
    let volumes_room = classes_at.saturating_sub(edge + 2);
    let cluster = format!("· {}", t!("storage-head-cluster"));
    let volumes = text::pack_whole(&[t!("storage-head-volumes"), cluster.clone()], volumes_room);
    let classes = text::pack_whole(
        &[t!("storage-head-classes"), cluster],
        width.saturating_sub(classes_at),
    );
    let right = format!(" {}{classes}", text::fit(&volumes, volumes_room + 1));
    let right = text::fit(&right, width.saturating_sub(edge + 1));
    Line::from(vec![
        Span::styled(left, theme.title),
        Span::styled("┃", theme.title),
        Span::styled(right, theme.title),
    ])
}
