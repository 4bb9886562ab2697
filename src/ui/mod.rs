//! Rendering only: pure functions of (model, view state, theme) → frame.
//! Nothing here reads the clock, the network or the terminal.

pub mod text;
pub mod theme;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use crate::model::history::{Level, MarkerKind};
use crate::model::pod::{Phase, short_uid};
use crate::model::views::{self, Binding, TimelineRow, Visible};
use crate::model::{Connection, Key, LogTarget, Millis, Model, Text};
pub use theme::Theme;

/// Which pane keys act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pane {
    #[default]
    Timeline,
    Storage,
    Narration,
    Logs,
}

impl Pane {
    pub const ORDER: [Pane; 4] = [Pane::Timeline, Pane::Storage, Pane::Narration, Pane::Logs];
}

/// Which pods' logs are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LogMode {
    #[default]
    Off,
    /// The selected ordinal's pod.
    Selected,
    /// Every pod of the StatefulSet, side by side.
    All,
}

/// The logs the view shows; the app follows exactly these. Only pods whose
/// containers have started have a log.
pub fn log_targets(model: &Model, view: &ViewState) -> Vec<LogTarget> {
    // Asked on every turn of the loop: with no log shown, no timeline to build.
    if view.logs == LogMode::Off {
        return Vec::new();
    }
    let Some(key) = current_statefulset(model, view) else {
        return Vec::new();
    };
    let rows = views::timeline(model, key);
    let pods: Vec<&String> = match view.logs {
        LogMode::Off => Vec::new(),
        LogMode::Selected => rows
            .get(view.selected)
            .map(|r| &r.pod)
            .into_iter()
            .collect(),
        LogMode::All => rows.iter().map(|r| &r.pod).collect(),
    };
    pods.into_iter()
        .filter_map(|name| {
            model
                .store
                .pods
                .get(&Key::new(key.namespace.clone(), name.clone()))
        })
        .filter(|p| {
            matches!(
                crate::model::pod::phase(p),
                Phase::Running | Phase::Ready | Phase::Terminating
            )
        })
        .filter_map(|p| {
            let containers: Vec<&str> = crate::model::pod::containers(p).collect();
            let container = containers.get(view.container % containers.len().max(1))?;
            Some(LogTarget {
                pod: Key::new(&key.namespace, &p.metadata.name),
                uid: p.metadata.uid.clone(),
                container: (*container).into(),
            })
        })
        .collect()
}

/// A box over the dashboard that takes the keys until it closes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dialog {
    /// The keys; `scroll` lines scrolled when the window is too short.
    Help { scroll: usize },
    /// The StatefulSets in scope; `selected` indexes them.
    PickStatefulSet { selected: usize },
    /// `s`: the number of replicas being typed, and why the last try was refused.
    Replicas {
        statefulset: Key,
        /// The StatefulSet's UID when `s` was pressed.
        uid: Text,
        current: i32,
        limit: i32,
        input: String,
        refused: Option<String>,
    },
    /// `d`: the pod (and its incarnation) chosen when the key was pressed.
    ConfirmDelete { pod: Key, uid: Text },
}

/// What the user chose to look at; owned by the app loop.
#[derive(Debug, Clone)]
pub struct ViewState {
    /// Shown in the header (the kubeconfig context, or "replay").
    pub context: String,
    pub focus: Pane,
    /// Index into the StatefulSets in scope.
    pub statefulset: usize,
    /// Index into the timeline's rows.
    pub selected: usize,
    /// The time window the timeline shows, in ms.
    pub span: Millis,
    /// How far back from "now" the window ends (scrolling back in time).
    pub back: Millis,
    /// Live view frozen at this time (events still collected).
    pub paused_at: Option<Millis>,
    /// The wall clock in a live view, so time flows between events; None in
    /// replays and tests, where "now" is the newest event.
    pub clock: Option<Millis>,
    pub dialog: Option<Dialog>,
    pub logs: LogMode,
    /// stsdash's own log (tui-logger) instead of the narration.
    pub show_own_log: bool,
    /// Long log lines wrap instead of being cut.
    pub wrap: bool,
    /// Which container of the pod (index, modulo the pod's containers).
    pub container: usize,
    /// Lines scrolled back from the newest in the focused log pane.
    pub log_scroll: usize,
    /// One line at the bottom: the result of the last action, or an error.
    pub status: Option<String>,
    /// A scale stsdash asked for that the StatefulSet does not show yet.
    pub requested_replicas: Option<(Key, i32)>,
    /// Key hints for the footer: (keys, word).
    pub hints: Vec<(String, String)>,
    /// The help overlay's lines: (keys, what they do).
    pub help: Vec<(String, String)>,
    /// Frame counter for the spinner while connecting.
    pub tick: u64,
    /// The cluster's DNS domain, for the pods' stable names.
    pub cluster_domain: String,
}

impl Default for ViewState {
    fn default() -> Self {
        ViewState {
            context: String::new(),
            focus: Pane::Timeline,
            statefulset: 0,
            selected: 0,
            span: 60_000,
            back: 0,
            paused_at: None,
            clock: None,
            dialog: None,
            logs: LogMode::Off,
            show_own_log: false,
            wrap: true,
            container: 0,
            log_scroll: 0,
            status: None,
            requested_replicas: None,
            hints: Vec::new(),
            help: Vec::new(),
            tick: 0,
            cluster_domain: "cluster.local".into(),
        }
    }
}

impl ViewState {
    /// The time at the timeline's right edge.
    pub fn now(&self, model: &Model) -> Millis {
        let live = self.clock.map_or(model.now, |c| c.max(model.now));
        self.paused_at.unwrap_or(live) - self.back
    }
}

/// The StatefulSet the view shows, if any.
pub fn current_statefulset<'a>(model: &'a Model, view: &ViewState) -> Option<&'a Key> {
    let shown = model.shown_statefulsets();
    shown
        .get(view.statefulset.min(shown.len().saturating_sub(1)))
        .map(|(k, _)| *k)
}

pub fn draw(frame: &mut Frame, model: &Model, view: &ViewState, theme: &Theme) {
    let area = frame.area();
    frame.render_widget(Block::new().style(theme.text), area);
    let connection = model.connection();
    // While something is down, a third line says since when the data is old.
    let header_height = if matches!(connection, Connection::Reconnecting { .. }) {
        3
    } else {
        2
    };
    let [header, body, footer] = Layout::vertical([
        Constraint::Length(header_height),
        Constraint::Min(3),
        Constraint::Length(1),
    ])
    .areas(area);
    let key = current_statefulset(model, view);
    draw_header(frame, header, model, view, theme, key, &connection);
    match key {
        Some(key) => draw_body(frame, body, model, view, theme, key),
        None => {
            let text = match &model.scope.statefulset {
                Some(name) => {
                    format!("StatefulSet {name} not found yet: watching for it to appear")
                }
                None => "No StatefulSet here yet: watching for one to appear".to_string(),
            };
            frame.render_widget(
                Paragraph::new(text)
                    .style(theme.muted)
                    .block(Block::bordered().border_style(theme.border)),
                body,
            );
        }
    }
    draw_footer(frame, footer, view, theme);
    match &view.dialog {
        Some(Dialog::Help { scroll }) => draw_help(frame, area, view, *scroll, theme),
        Some(Dialog::PickStatefulSet { selected }) => {
            draw_picker(frame, area, model, *selected, theme)
        }
        Some(dialog @ (Dialog::Replicas { .. } | Dialog::ConfirmDelete { .. })) => {
            draw_question(frame, area, dialog, theme)
        }
        None => {}
    }
}

/// A box of `width` × `height` (clipped to `area`) in the middle of `area`.
fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

fn draw_picker(frame: &mut Frame, area: Rect, model: &Model, selected: usize, theme: &Theme) {
    let all_namespaces = model.scope.namespace.is_none();
    let rows: Vec<Line> = model
        .shown_statefulsets()
        .into_iter()
        .enumerate()
        .map(|(i, (key, deleted))| {
            let name = if all_namespaces {
                format!("{}/{}", key.namespace, key.name)
            } else {
                key.name.to_string()
            };
            let replicas = match views::rollout(model, key) {
                _ if deleted => "deleted".to_string(),
                Some(r) => format!("{} ready / {} desired", r.ready, r.desired),
                None => String::new(),
            };
            let style = if i == selected {
                theme.selection
            } else {
                theme.text
            };
            Line::from(vec![
                Span::styled(format!(" {} ", text::fit(&name, 32)), style),
                Span::styled(format!("{replicas} "), style.patch(theme.muted)),
            ])
        })
        .collect();
    let popup = centered(area, 64, rows.len() as u16 + 3);
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
fn draw_question(frame: &mut Frame, area: Rect, dialog: &Dialog, theme: &Theme) {
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

const SPINNER: [char; 4] = ['|', '/', '-', '\\'];

/// A duration for the header: "8s", "3m 05s", "2h 03m".
pub fn ago(ms: Millis) -> String {
    let s = ms.max(0) / 1000;
    match s {
        0..60 => format!("{s}s"),
        60..3600 => format!("{}m {:02}s", s / 60, s % 60),
        _ => format!("{}h {:02}m", s / 3600, s / 60 % 60),
    }
}

fn draw_header(
    frame: &mut Frame,
    area: Rect,
    model: &Model,
    view: &ViewState,
    theme: &Theme,
    key: Option<&Key>,
    state: &Connection,
) {
    let spinner = SPINNER[(view.tick % 4) as usize];
    let mut outage = None;
    let connection = match state {
        Connection::Connecting => Span::styled(format!("{spinner} connecting"), theme.warning),
        Connection::Synced => Span::styled("● synced", theme.header),
        Connection::Reconnecting { since, down, .. } => {
            let age = ago(view.clock.unwrap_or(model.now).max(model.now) - since);
            outage = Some(Line::styled(
                format!(" data as of {age} ago · {}", down.join(" · ")),
                theme.error,
            ));
            Span::styled(format!("{spinner} reconnecting for {age}"), theme.error)
        }
    };
    let namespace = model.scope.namespace.as_deref().unwrap_or("all namespaces");
    let mut first = vec![
        Span::styled(" stsdash ", theme.title.patch(theme.header)),
        Span::styled(format!(" {} ", view.context), theme.header),
        Span::styled(format!(" ns {namespace} "), theme.header),
    ];
    let mut second = Vec::new();
    let mut service = None;
    if let Some(key) = key {
        first.push(Span::styled(
            format!(" sts {} ", key.name),
            theme.title.patch(theme.header),
        ));
        if !model.store.statefulsets.contains_key(key) {
            first.push(Span::styled(" deleted ", theme.error));
        }
        if let Some(r) = views::rollout(model, key) {
            first.push(Span::styled(
                format!(" {} ", r.pod_management_policy),
                theme.header,
            ));
            // The governing Service: it gives each pod its stable DNS name.
            if let Some(info) = views::service_info(model, key) {
                let kind = match (info.exists, info.headless) {
                    (true, true) => "headless",
                    (true, false) => "not headless",
                    (false, _) => "missing",
                };
                service = Some(Span::styled(
                    format!(
                        "  service {} ({kind}) ",
                        crate::model::sanitize::line(&info.name)
                    ),
                    theme.header,
                ));
            }
            second.push(Span::styled(
                format!(
                    " replicas {} desired · {} current · {} ready · {} updated ",
                    r.desired, r.current, r.ready, r.updated
                ),
                theme.header,
            ));
            if let Some((_, to)) = view
                .requested_replicas
                .as_ref()
                .filter(|(k, to)| k == key && i64::from(*to) != i64::from(r.desired))
            {
                second.push(Span::styled(format!(" → {to} requested "), theme.warning));
            }
            let revisions = match (&r.current_revision, &r.update_revision) {
                (Some(c), Some(u)) if c != u => format!(" revision {c} → {u} "),
                (Some(c), _) => format!(" revision {c} "),
                _ => String::new(),
            };
            second.push(Span::styled(revisions, theme.header));
        }
    }
    first.push(Span::styled(" ", theme.header));
    first.push(connection);
    if view.paused_at.is_some() {
        first.push(Span::styled("  ⏸ paused", theme.warning));
    }
    // Last: on a narrow terminal it is what gets cut, not the connection state.
    first.extend(service);
    let mut lines = vec![
        Line::from(first).style(theme.header),
        Line::from(second).style(theme.header),
    ];
    lines.extend(outage);
    frame.render_widget(Paragraph::new(lines).style(theme.header), area);
}

fn pane_block<'a>(title: &'a str, focused: bool, theme: &Theme) -> Block<'a> {
    Block::new()
        .borders(Borders::ALL)
        .border_style(if focused { theme.focus } else { theme.border })
        .title(Span::styled(
            format!(" {title} "),
            if focused { theme.focus } else { theme.title },
        ))
}

fn draw_body(
    frame: &mut Frame,
    area: Rect,
    model: &Model,
    view: &ViewState,
    theme: &Theme,
    key: &Key,
) {
    let rows = views::timeline(model, key);
    let timeline_height = (rows.len() as u16 + 3).clamp(5, area.height.saturating_sub(6).max(5));
    let [top, bottom] =
        Layout::vertical([Constraint::Length(timeline_height), Constraint::Min(3)]).areas(area);
    draw_timeline(frame, top, model, view, theme, &rows);
    let bottom = if view.logs == LogMode::Off {
        bottom
    } else if bottom.height >= 20 {
        let [middle, logs] =
            Layout::vertical([Constraint::Percentage(45), Constraint::Percentage(55)])
                .areas(bottom);
        draw_logs(frame, logs, model, view, theme);
        middle
    } else {
        // Too short for both: the logs take the place of the graph and the narration.
        draw_logs(frame, bottom, model, view, theme);
        return;
    };
    // Side by side when wide enough; the storage graph needs the room.
    let (graph_area, narration_area) = if bottom.width >= 140 {
        let [a, b] = Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
            .areas(bottom);
        (a, b)
    } else {
        let [a, b] = Layout::vertical([Constraint::Percentage(55), Constraint::Percentage(45)])
            .areas(bottom);
        (a, b)
    };
    draw_graph(frame, graph_area, model, view, theme, key);
    if view.show_own_log {
        draw_own_log(frame, narration_area, theme);
    } else {
        draw_narration(frame, narration_area, model, view, theme, key);
    }
}

fn draw_own_log(frame: &mut Frame, area: Rect, theme: &Theme) {
    let widget = tui_logger::TuiLoggerWidget::default()
        .block(pane_block("stsdash's own log", false, theme))
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
        MarkerKind::Scheduled { .. } | MarkerKind::IpAssigned { previous: None, .. } => None,
    }
}

fn draw_timeline(
    frame: &mut Frame,
    area: Rect,
    model: &Model,
    view: &ViewState,
    theme: &Theme,
    rows: &[TimelineRow],
) {
    let focused = view.focus == Pane::Timeline;
    let span_label =
        humantime::format_duration(std::time::Duration::from_millis(view.span.max(0) as u64));
    let title = format!("Ordinal timeline · {span_label} window");
    let mut block = pane_block(&title, focused, theme);
    if let Some(line) = selected_summary(model, view, rows, theme) {
        block = block.title_bottom(line);
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.width < 12 || inner.height == 0 {
        return;
    }
    let label_width = rows
        .iter()
        .map(|r| text::width(&r.pod))
        .max()
        .unwrap_or(5)
        .min(24) as u16
        + 1;
    // During a rolling update (or a partition) each row also says which revision it runs.
    let revisions = current_statefulset(model, view)
        .and_then(|key| views::rollout(model, key))
        .and_then(|r| match (r.current_revision, r.update_revision) {
            (Some(current), Some(update)) if current != update => Some(update),
            _ => None,
        })
        .filter(|_| inner.width > 80);
    let revision_width: u16 = if revisions.is_some() { 16 } else { 0 };
    let state_width: u16 = if inner.width > 60 {
        18 + revision_width
    } else {
        0
    };
    let bar_width = inner
        .width
        .saturating_sub(label_width + state_width + 1)
        .max(1) as usize;
    let end = view.now(model);
    let start = end - view.span;
    let per_cell = (view.span / bar_width as Millis).max(1);

    let visible = inner.height as usize;
    let first = view.selected.saturating_sub(visible.saturating_sub(1));
    let mut lines = Vec::new();
    for (index, row) in rows.iter().enumerate().skip(first).take(visible) {
        let selected = index == view.selected;
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
        for (col, cell) in cells.iter_mut().enumerate() {
            let t = start + per_cell * col as Millis + per_cell / 2;
            for inc in &row.life.incarnations {
                for seg in &inc.segments {
                    if seg.from <= t && seg.to.is_none_or(|to| to > t) && t <= end {
                        *cell = (seg.phase.letter(), theme.phase(seg.phase));
                    }
                }
            }
        }
        for inc in &row.life.incarnations {
            for m in &inc.markers {
                if m.at < start || m.at > end {
                    continue;
                }
                if let Some(glyph) = marker_glyph(&m.kind) {
                    let col = (((m.at - start) / per_cell) as usize).min(bar_width - 1);
                    let style = match m.kind {
                        MarkerKind::Action {
                            outcome: crate::model::Outcome::Done,
                            ..
                        } => theme.action,
                        MarkerKind::Action { .. } => theme.error,
                        _ => cells[col].1.patch(theme.marker),
                    };
                    cells[col] = (glyph, style);
                }
            }
        }
        if view.back == 0 && view.paused_at.is_none() {
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
            // A desired ordinal that never had a pod is waiting, not gone.
            let state = if row.not_created {
                "  not created yet".to_string()
            } else {
                format!("{} {}", phase.letter(), phase.label())
            };
            spans.push(Span::raw(" "));
            spans.push(Span::styled(
                format!("{state:<17}"),
                if row.not_created || phase == Phase::Gone {
                    theme.muted
                } else {
                    theme.phase(phase)
                },
            ));
            if let Some(update) = &revisions {
                let running = row
                    .life
                    .incarnations
                    .back()
                    .filter(|i| i.gone.is_none())
                    .and_then(|i| i.revision.as_deref());
                let (text, style) = match running {
                    Some(r) if *update == r => (format!(" new {}", short_revision(r)), theme.text),
                    Some(r) => (format!(" old {}", short_revision(r)), theme.muted),
                    None => (String::new(), theme.muted),
                };
                spans.push(Span::styled(format!("{text:<16}"), style));
            }
        }
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// A revision's hash without the StatefulSet's name ("web-7d9f8c6b5" → "7d9f8c6b5").
fn short_revision(revision: &str) -> &str {
    revision.rsplit_once('-').map_or(revision, |(_, hash)| hash)
}

/// The selected pod in one line: what stays with the ordinal (name, stable
/// DNS name) and what each incarnation gets anew (UID, node, IP).
fn selected_summary<'a>(
    model: &Model,
    view: &ViewState,
    rows: &[TimelineRow],
    theme: &Theme,
) -> Option<Line<'a>> {
    let row = rows.get(view.selected)?;
    let key = current_statefulset(model, view)?;
    let Some(p) = views::pod_summary(model, key, &row.pod, &view.cluster_domain) else {
        return Some(Line::from(vec![
            Span::styled(format!(" {} ", row.pod), theme.title),
            Span::styled("no pod now ", theme.muted),
        ]));
    };
    let mut spans = vec![Span::styled(format!(" {} ", p.pod), theme.title)];
    let mut field = |label: &str, value: String| {
        spans.push(Span::styled(format!("· {label} "), theme.muted));
        spans.push(Span::styled(format!("{value} "), theme.text));
    };
    // What a student asks first comes first: a narrow screen cuts the rest.
    let dns = match (p.service.exists, p.service.headless) {
        (true, true) => p.dns,
        (true, false) => format!("{} (service {} is not headless)", p.dns, p.service.name),
        (false, _) => format!("{} (no service {})", p.dns, p.service.name),
    };
    field("DNS", dns);
    field("IP", p.ip.map_or_else(|| "none yet".into(), String::from));
    field(
        "node",
        p.node.map_or_else(|| "not scheduled".into(), String::from),
    );
    field("uid", short_uid(&p.uid).to_string());
    if let Some(revision) = p.revision {
        field("rev", revision.into());
    }
    Some(Line::from(spans))
}

fn claim_style(b: &Binding, theme: &Theme) -> Style {
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

fn draw_graph(
    frame: &mut Frame,
    area: Rect,
    model: &Model,
    view: &ViewState,
    theme: &Theme,
    key: &Key,
) {
    let graph = views::binding_graph(model, key);
    let title = match &graph.retention {
        Some(r) => format!(
            "Storage: pod → claim → volume → class · retention whenScaled {} / whenDeleted {}",
            r.when_scaled, r.when_deleted
        ),
        None => "Storage: pod → claim → volume → class".to_string(),
    };
    let block = pane_block(&title, view.focus == Pane::Storage, theme);
    let arrow = || Span::styled(" → ", theme.muted);
    let mut lines: Vec<Line> = graph
        .bindings
        .iter()
        .map(|b| binding_line(b, theme))
        .collect();
    for v in &graph.released {
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
    if lines.is_empty() {
        lines.push(Line::styled(
            "no claims: the StatefulSet has no volumeClaimTemplates",
            theme.muted,
        ));
    }
    if !graph.others.is_empty() {
        lines.push(Line::styled(
            "claims of no StatefulSet in this namespace:",
            theme.title,
        ));
        for b in &graph.others {
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
fn binding_line<'a>(b: &Binding, theme: &Theme) -> Line<'a> {
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
fn short_volume(name: &str) -> String {
    match name.strip_prefix("pvc-") {
        Some(rest) if rest.chars().count() > 8 => {
            format!("pvc-{}…", rest.chars().take(8).collect::<String>())
        }
        _ => name.to_string(),
    }
}

fn draw_narration(
    frame: &mut Frame,
    area: Rect,
    model: &Model,
    view: &ViewState,
    theme: &Theme,
    key: &Key,
) {
    let block = pane_block(
        "What the controllers did",
        view.focus == Pane::Narration,
        theme,
    );
    let inner_height = block.inner(area).height as usize;
    let start = model.started.unwrap_or(model.now);
    let mut lines: Vec<Line> = Vec::new();
    if let Some(waiting) = views::waiting(model, key) {
        lines.push(Line::from(vec![
            Span::styled("now  ", theme.now),
            Span::styled(waiting, theme.warning),
        ]));
    }
    let end = view.now(model);
    let narration: Vec<_> = views::narration(model, key)
        .filter(|n| n.at <= end)
        .collect();
    let room = inner_height.saturating_sub(lines.len());
    for n in narration
        .iter()
        .skip(narration.len().saturating_sub(room))
        .rev()
    {
        let style = if n.level == Level::Warning {
            theme.warning
        } else {
            theme.text
        };
        lines.push(Line::from(vec![
            Span::styled(
                format!("{:>6} ", format!("{:+.0}s", (n.at - start) as f64 / 1000.0)),
                theme.muted,
            ),
            Span::styled(n.text.clone(), style),
        ]));
    }
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        area,
    );
}

fn draw_logs(frame: &mut Frame, area: Rect, model: &Model, view: &ViewState, theme: &Theme) {
    let targets = log_targets(model, view);
    let focused = view.focus == Pane::Logs;
    if targets.is_empty() {
        let block = pane_block("Logs", focused, theme);
        let text = "no running pod here has a log yet (j/k selects an ordinal)";
        frame.render_widget(Paragraph::new(text).style(theme.muted).block(block), area);
        return;
    }
    let columns = Layout::horizontal(vec![
        Constraint::Ratio(1, targets.len() as u32);
        targets.len()
    ])
    .split(area);
    for (target, &pane) in targets.iter().zip(columns.iter()) {
        let title = format!(
            "log {} · {} · uid {}{}",
            target.pod.name,
            target.container,
            short_uid(&target.uid),
            if view.wrap { "" } else { " · nowrap" }
        );
        let block = pane_block(&title, focused, theme);
        let inner = block.inner(pane);
        let (height, width) = (inner.height as usize, inner.width.max(1) as usize);
        let lines: Vec<Line> = match model.logs.get(&target.pod, &target.container) {
            Some(log) => {
                let end = log
                    .lines
                    .len()
                    .saturating_sub(if focused { view.log_scroll } else { 0 });
                // From the newest line back, as many as fit (a wrapped line takes several rows).
                let mut rows = 0;
                let mut start = end;
                while start > 0 {
                    let needed = if view.wrap {
                        let line = &log.lines[start - 1];
                        let columns = unicode_width::UnicodeWidthStr::width(line.text.as_str());
                        (columns + if line.cut > 0 { 24 } else { 0 })
                            .div_ceil(width)
                            .max(1)
                    } else {
                        1
                    };
                    if rows + needed > height {
                        break;
                    }
                    rows += needed;
                    start -= 1;
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
            None => vec![Line::styled("waiting for the first lines…", theme.muted)],
        };
        let mut paragraph = Paragraph::new(lines).block(block);
        if view.wrap {
            paragraph = paragraph.wrap(Wrap { trim: false });
        }
        frame.render_widget(paragraph, pane);
    }
}

fn draw_footer(frame: &mut Frame, area: Rect, view: &ViewState, theme: &Theme) {
    let line = match &view.status {
        Some(status) => Line::styled(format!(" {status}"), theme.warning),
        None => Line::from(
            view.hints
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

fn draw_help(frame: &mut Frame, area: Rect, view: &ViewState, scroll: usize, theme: &Theme) {
    let mut lines: Vec<Line> = view
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
