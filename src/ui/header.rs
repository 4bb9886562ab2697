//! The header: where (context, namespace), what (the StatefulSet, its policy,
//! replicas and revisions), and whether what is shown is current.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Screen;
use crate::model::views;
use crate::model::{Connection, Millis};
use crate::t;

pub(super) const SPINNER: [char; 4] = ['|', '/', '-', '\\'];

/// A duration for the header: "8s", "3m 05s", "2h 03m".
pub fn ago(ms: Millis) -> String {
    let s = ms.max(0) / 1000;
    match s {
        0..60 => format!("{s}s"),
        60..3600 => format!("{}m {:02}s", s / 60, s % 60),
        _ => format!("{}h {:02}m", s / 3600, s / 60 % 60),
    }
}

pub(super) fn draw(frame: &mut Frame, area: Rect, s: &Screen) {
    let (model, view, theme, key, state) = (s.model, s.view, s.theme, s.key, &s.connection);
    let spinner = SPINNER[(view.chrome.tick % 4) as usize];
    let mut outage = None;
    let connection = match state {
        Connection::Connecting => Span::styled(
            t!("header-connecting", spinner = spinner.to_string()),
            theme.warning,
        ),
        Connection::Synced => Span::styled(t!("header-synced"), theme.header),
        Connection::Reconnecting { since, down, .. } => {
            let age = ago(view.chrome.clock.unwrap_or(model.now).max(model.now) - since);
            outage = Some(Line::styled(
                format!(
                    " {}",
                    t!(
                        "header-data-as-of",
                        age = age,
                        down = down
                            .iter()
                            .map(|d| d.to_string())
                            .collect::<Vec<_>>()
                            .join(" · ")
                    )
                ),
                theme.error,
            ));
            Span::styled(
                t!(
                    "header-reconnecting",
                    spinner = spinner.to_string(),
                    age = age
                ),
                theme.error,
            )
        }
    };
    let namespace = model
        .scope
        .namespace
        .as_deref()
        .map_or_else(|| t!("header-all-namespaces"), str::to_string);
    let mut first = vec![
        Span::styled(" stsdash ", theme.title.patch(theme.header)),
        Span::styled(format!(" {} ", view.labels.context), theme.header),
        Span::styled(
            format!(" {} ", t!("header-namespace", namespace = namespace)),
            theme.header,
        ),
    ];
    let mut second = Vec::new();
    let mut service = None;
    // Where the pod management policy is on the first line.
    let mut policy = None;
    if let Some(key) = key {
        first.push(Span::styled(
            format!(" {} ", t!("header-statefulset", name = key.name)),
            theme.title.patch(theme.header),
        ));
        if !model.store.statefulsets.contains_key(key) {
            first.push(Span::styled(
                format!(" {} ", t!("header-deleted")),
                theme.error,
            ));
        }
        if let Some(r) = views::rollout_status(model, key) {
            policy = Some(first.len());
            first.push(Span::styled(
                format!(" {} ", r.pod_management_policy),
                theme.header,
            ));
            // The governing Service: it gives each pod its stable DNS name.
            if let Some(info) = views::service_info(model, key).filter(|i| !i.unset()) {
                let kind = match (info.exists, info.headless) {
                    (true, true) => "headless",
                    (true, false) => "not-headless",
                    (false, _) => "missing",
                };
                service = Some(Span::styled(
                    format!(
                        "  {} ",
                        t!(
                            "header-service",
                            name = crate::model::sanitize::line(&info.name),
                            kind = kind
                        )
                    ),
                    theme.header,
                ));
            } else {
                service = Some(Span::styled(
                    format!("  {} ", t!("header-no-service-name")),
                    theme.header,
                ));
            }
            // Available counts apart from ready only with minReadySeconds.
            let available = model
                .statefulset(key)
                .filter(|s| views::min_ready(s) > 0)
                .map(|_| format!("· {} ", t!("header-available", count = r.available)))
                .unwrap_or_default();
            second.push(Span::styled(
                format!(
                    " {} {available}· {} ",
                    t!(
                        "header-replicas",
                        desired = r.desired,
                        current = r.current,
                        ready = r.ready
                    ),
                    t!("header-updated", count = r.updated)
                ),
                theme.header,
            ));
            if let Some(to) = view
                .chrome
                .requested
                .as_ref()
                .filter(|r| &r.statefulset == key)
                .map(|r| r.to)
                .filter(|to| i64::from(*to) != i64::from(r.desired))
            {
                second.push(Span::styled(
                    format!(" {} ", t!("header-requested", to = to)),
                    theme.warning,
                ));
            }
            let revisions = match (&r.current_revision, &r.update_revision) {
                (Some(c), Some(u))
                    if c != u && crate::model::sts::is_rollback(&model.store, key) =>
                {
                    format!(" {} ", t!("header-rolling-back", from = c, to = u))
                }
                (Some(c), Some(u)) if c != u => {
                    format!(" {} ", t!("header-revision-change", from = c, to = u))
                }
                (Some(c), _) => format!(" {} ", t!("header-revision", revision = c)),
                _ => String::new(),
            };
            second.push(Span::styled(revisions, theme.header));
        }
    }
    if let Some(mode) = &view.labels.mode {
        second.insert(0, Span::styled(format!(" {mode} "), theme.warning));
    }
    first.push(Span::styled(" ", theme.header));
    first.push(connection);
    if view.nav.paused_at.is_some() {
        first.push(Span::styled(
            format!("  {}", t!("header-paused")),
            theme.warning,
        ));
    }
    // Last on the first line. On a narrow terminal: on the second line if
    // it fits there; else on the first without, in turn, the program's name
    // (the window says it), the context and the pod management policy (the
    // help and the dump say them), rather than cut: the Service is what
    // gives each pod its stable name.
    let width = |spans: &[Span]| spans.iter().map(|s| s.width()).sum::<usize>();
    let room = area.width as usize;
    if let Some(service) = service {
        let fits = |spans: &[Span]| width(spans) + service.width() <= room;
        if !fits(&first) && fits(&second) {
            second.push(service);
        } else {
            // Dropped from the last, so the indexes before stay right.
            let mut droppable: Vec<usize> = policy.into_iter().collect();
            droppable.extend([1, 0]);
            let mut wanted: Vec<usize> = Vec::new();
            let kept = |dropped: &[usize]| -> Vec<Span> {
                first
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| !dropped.contains(i))
                    .map(|(_, s)| s.clone())
                    .collect()
            };
            // The fewest drops that make it fit, in that order (the name first).
            for n in 0..=droppable.len() {
                let dropped: Vec<usize> = droppable.iter().rev().take(n).copied().collect();
                wanted = dropped;
                if fits(&kept(&wanted)) {
                    break;
                }
            }
            if !fits(&kept(&wanted)) {
                // Nothing makes it fit: as much as fits, the state first.
                wanted = vec![0];
            }
            first = kept(&wanted);
            first.push(service);
        }
    }
    let mut lines = vec![
        Line::from(first).style(theme.header),
        Line::from(second).style(theme.header),
    ];
    lines.extend(outage);
    frame.render_widget(Paragraph::new(lines).style(theme.header), area);
}
