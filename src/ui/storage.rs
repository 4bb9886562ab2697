//! The storage graph: pod → claim → volume → class, a line per claim,
//! made for the lines that fit only.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Pane, Theme, ViewState, pane_block, text};
use crate::model::views::{self, Binding, Visible};
use crate::model::{Key, Model};

pub(super) fn claim_style(b: &Binding, theme: &Theme) -> Style {
    let c = &b.claim;
    if c.deleted {
        theme.muted
    } else if c.terminating {
        theme.claim_terminating
    } else if c.without_pod {
        theme.claim_kept
    } else {
        match c.phase.as_deref() {
            Some("Bound") => theme.claim_bound,
            Some("Lost") => theme.claim_lost,
            _ => theme.claim_pending,
        }
    }
}

pub(super) fn draw(
    frame: &mut Frame,
    area: Rect,
    model: &Model,
    view: &ViewState,
    theme: &Theme,
    key: &Key,
) {
    let graph = views::storage_rows(model, key);
    let title = match &graph.retention {
        Some(r) => format!(
            "Storage: pod → claim → volume → class · retention whenScaled {} / whenDeleted {}",
            r.when_scaled, r.when_deleted
        ),
        None => "Storage: pod → claim → volume → class".to_string(),
    };
    let block = pane_block(&title, view.focus == Pane::Storage, theme);
    // Only the lines that fit are made: a binding is built per line shown.
    let room = block.inner(area).height as usize;
    let arrow = || Span::styled(" → ", theme.muted);
    let mut lines: Vec<Line> = graph
        .claims()
        .take(room)
        .map(|(ordinal, name)| {
            binding_line(&views::claim_binding(model, key, ordinal, &name), theme)
        })
        .collect();
    let claims = lines.len();
    for v in graph.released().take(room.saturating_sub(lines.len())) {
        let v = views::released_volume(v);
        lines.push(Line::from(vec![
            Span::styled(format!("{:<10}", "(no claim)"), theme.muted),
            arrow(),
            Span::styled(
                format!(
                    "{} [Released · {}]",
                    short_volume(&v.name),
                    v.reclaim_policy
                ),
                theme.volume_released,
            ),
        ]));
    }
    if claims == 0 && graph.released().next().is_none() && graph.claims().next().is_none() {
        lines.push(Line::styled(
            "no claims: the StatefulSet has no volumeClaimTemplates",
            theme.muted,
        ));
    }
    if graph.others().next().is_some() && lines.len() < room {
        lines.push(Line::styled(
            "claims of no StatefulSet in this namespace:",
            theme.title,
        ));
        for claim in graph.others() {
            if lines.len() >= room {
                break;
            }
            let b = &views::other_binding(model, claim);
            lines.push(binding_line(b, theme));
            // Such pods have no timeline row: who mounts the claim, and where, on a line below.
            let mut facts = Vec::new();
            if !b.claim.used_by.is_empty() {
                facts.push(format!("used by {}", b.claim.used_by.join(", ")));
            }
            if let Some(node) = b.pod.as_ref().and_then(|p| p.node.as_ref()) {
                facts.push(format!(
                    "{} on {node}",
                    b.pod.as_ref().map_or("", |p| &p.name)
                ));
            }
            if b.claim.pods_unwatched {
                facts.push(
                    "which pods mount it is not watched (stsdash shows one StatefulSet's pods)"
                        .into(),
                );
            }
            if !facts.is_empty() {
                lines.push(Line::styled(
                    format!("{:<13}{}", "", facts.join(" · ")),
                    theme.muted,
                ));
            }
        }
    }
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// pod → claim [state] → volume [facts] → class, in one line.
pub(super) fn binding_line<'a>(b: &Binding, theme: &Theme) -> Line<'a> {
    let arrow = || Span::styled(" → ", theme.muted);
    let mut spans = Vec::new();
    spans.push(match &b.pod {
        Some(p) => Span::styled(text::fit(&p.name, 10), theme.phase(p.phase)),
        None => Span::styled(format!("{:<10}", "(no pod)"), theme.muted),
    });
    spans.push(arrow());
    let c = &b.claim;
    let mut claim = c.name.to_string();
    let state = if c.deleted {
        "deleted".to_string()
    } else if !c.exists {
        "not created".to_string()
    } else if c.protected {
        "Terminating · pvc-protection".into()
    } else if c.terminating {
        "Terminating".into()
    } else {
        let mut s = c.phase.as_deref().unwrap_or("Pending").to_string();
        if c.without_pod {
            s.push_str(" · kept, no pod");
        }
        s
    };
    claim.push_str(&format!(" [{state}]"));
    spans.push(Span::styled(claim, claim_style(b, theme)));
    spans.push(arrow());
    spans.push(match &b.volume {
        Visible::Shown(v) => {
            let style = match v.phase.as_deref() {
                Some("Bound") => theme.volume_bound,
                Some("Released") => theme.volume_released,
                Some("Failed") => theme.volume_failed,
                _ => theme.volume_available,
            };
            let origin = if v.provisioned_by.is_some() {
                "dynamic"
            } else {
                "static"
            };
            Span::styled(
                format!(
                    "{} [{} · {} · {} · {origin}]",
                    short_volume(&v.name),
                    v.phase.as_deref().unwrap_or("?"),
                    v.capacity.as_deref().unwrap_or("?"),
                    v.reclaim_policy
                ),
                style,
            )
        }
        Visible::NotPermitted => Span::styled("volumes: not permitted", theme.not_permitted),
        Visible::Unknown => Span::styled("(no volume yet)", theme.claim_pending),
    });
    spans.push(arrow());
    spans.push(match &b.class {
        Visible::Shown(s) => Span::styled(
            format!("{} [{} · {}]", s.name, s.provisioner, s.binding_mode),
            theme.class,
        ),
        Visible::NotPermitted => Span::styled("classes: not permitted", theme.not_permitted),
        Visible::Unknown => Span::styled(
            c.storage_class
                .as_deref()
                .unwrap_or("(default)")
                .to_string(),
            theme.class,
        ),
    });
    Line::from(spans)
}

/// "pvc-9d652bd5-5112-4db6-8cb0-18a2cf47a0ae" → "pvc-9d652bd5…": the rest adds nothing on screen.
pub(super) fn short_volume(name: &str) -> String {
    match name.strip_prefix("pvc-") {
        Some(rest) if rest.chars().count() > 8 => {
            format!("pvc-{}…", rest.chars().take(8).collect::<String>())
        }
        _ => name.to_string(),
    }
}
