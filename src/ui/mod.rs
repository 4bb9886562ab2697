//! Rendering only: pure functions of (model, view state, theme) → frame.
//! Nothing here reads the clock, the network or the terminal.

mod dialogs;
mod header;
pub mod lesson;
mod logs;
mod narration;
mod storage;
pub mod text;
pub mod theme;
mod timeline;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::model::controller::Waiting;
use crate::model::pod::Phase;
use crate::model::views;
use crate::model::{Connection, Key, LogTarget, Millis, Model, Text};
pub use storage::selected_row as selected_storage_row;
pub use theme::Theme;
pub use timeline::marker_glyph;

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

/// At most this many logs side by side (`L`).
pub const MAX_LOG_PANES: usize = 8;

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
    let rows = views::timeline_of(model, key);
    let pods: Vec<String> = match view.logs {
        LogMode::Off => Vec::new(),
        LogMode::Selected => rows.row(view.selected).map(|r| r.pod).into_iter().collect(),
        // Side by side: as many as can be read, around the selected row.
        LogMode::All => {
            let count = rows.len();
            let skip = if count > MAX_LOG_PANES {
                view.selected
                    .saturating_sub(MAX_LOG_PANES / 2)
                    .min(count - MAX_LOG_PANES)
            } else {
                0
            };
            rows.rows()
                .skip(skip)
                .take(MAX_LOG_PANES)
                .map(|r| r.pod)
                .collect()
        }
    };
    pods.into_iter()
        .filter_map(|name| model.store.pods.get(&Key::new(&key.namespace, name)))
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
    /// A lesson's end: its questions and answers.
    Recap { scroll: usize },
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
    /// Index into the storage graph's rows when chosen there; None: the
    /// first row of the timeline's selected ordinal.
    pub storage_row: Option<usize>,
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
    /// The lesson strip, when a lesson runs.
    pub lesson: Option<lesson::LessonStrip>,
    /// The pane a lesson points at, and why ("watch", "answer").
    pub spotlight: Option<(Pane, &'static str)>,
}

impl Default for ViewState {
    fn default() -> Self {
        ViewState {
            context: String::new(),
            focus: Pane::Timeline,
            statefulset: 0,
            selected: 0,
            storage_row: None,
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
            lesson: None,
            spotlight: None,
        }
    }
}

impl ViewState {
    /// The moment shown: the wall clock live, the newest event in a replay,
    /// the pause's moment while paused.
    pub fn present(&self, model: &Model) -> Millis {
        let live = self.clock.map_or(model.now, |c| c.max(model.now));
        self.paused_at.unwrap_or(live)
    }

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

/// What a frame showed that the loop needs to know.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Drawn {
    /// How much time one column of the timeline stands for: the clock moves
    /// the timeline by whole columns (None: no timeline shown, or nothing on it
    /// would move: every row shown has been as it is for longer than the window).
    pub column: Option<Millis>,
    /// When what is shown changes with time alone (a minReadySeconds
    /// countdown, a step becoming overdue): the loop draws again then.
    pub wake_at: Option<Millis>,
}

pub fn draw(frame: &mut Frame, model: &Model, view: &ViewState, theme: &Theme) -> Drawn {
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
    // A lesson's strip sits under the panes.
    let body = match &view.lesson {
        Some(strip) => {
            let height = lesson::height(strip, body.width, theme).min(body.height / 2);
            let [panes, strip_area] =
                Layout::vertical([Constraint::Min(3), Constraint::Length(height)]).areas(body);
            lesson::draw(frame, strip_area, strip, theme);
            panes
        }
        None => body,
    };
    let key = current_statefulset(model, view);
    header::draw(frame, header, model, view, theme, key, &connection);
    let mut drawn = Drawn::default();
    match key {
        Some(key) => {
            let waiting = views::waiting_at(model, key, view.present(model));
            drawn.wake_at = waiting.as_ref().and_then(|w| w.changes_at);
            drawn.column = draw_body(frame, body, model, view, theme, key, waiting.as_ref());
        }
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
    dialogs::draw_footer(frame, footer, view, theme);
    match &view.dialog {
        Some(Dialog::Help { scroll }) => dialogs::draw_help(frame, area, view, *scroll, theme),
        Some(Dialog::PickStatefulSet { selected }) => {
            dialogs::draw_picker(frame, area, model, *selected, theme)
        }
        Some(dialog @ (Dialog::Replicas { .. } | Dialog::ConfirmDelete { .. })) => {
            dialogs::draw_question(frame, area, dialog, theme)
        }
        Some(Dialog::Recap { scroll }) => {
            if let Some(strip) = &view.lesson {
                lesson::draw_recap(frame, area, strip, *scroll, theme)
            }
        }
        None => {}
    }
    drawn
}

/// A pane's title, with the lesson's mark when the lesson points at it.
fn pane_title(title: &str, pane: Pane, view: &ViewState) -> String {
    match view.spotlight {
        Some((spotlit, why)) if spotlit == pane => format!("◆ {why} · {title}"),
        _ => title.to_string(),
    }
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
    waiting: Option<&Waiting>,
) -> Option<Millis> {
    let rows = views::timeline_of(model, key);
    let count = rows.len().min(u16::MAX as usize) as u16;
    let timeline_height = count
        .saturating_add(3)
        .clamp(5, area.height.saturating_sub(6).max(5));
    let [top, bottom] =
        Layout::vertical([Constraint::Length(timeline_height), Constraint::Min(3)]).areas(area);
    let column = timeline::draw(frame, top, model, view, theme, &rows, waiting);
    let bottom = if view.logs == LogMode::Off {
        bottom
    } else if bottom.height >= 20 {
        let [middle, logs] =
            Layout::vertical([Constraint::Percentage(45), Constraint::Percentage(55)])
                .areas(bottom);
        logs::draw(frame, logs, model, view, theme);
        middle
    } else {
        // Too short for both: the logs take the place of the graph and the narration.
        logs::draw(frame, bottom, model, view, theme);
        return column;
    };
    // Side by side when wide enough; the storage graph needs the room.
    let (graph_area, narration_area) = if bottom.width >= 140 {
        let [a, b] = Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
            .areas(bottom);
        (a, b)
    } else {
        let [a, b] = Layout::vertical([Constraint::Percentage(60), Constraint::Percentage(40)])
            .areas(bottom);
        (a, b)
    };
    storage::draw(frame, graph_area, model, view, theme, key);
    if view.show_own_log {
        narration::draw_own_log(frame, narration_area, theme);
    } else {
        narration::draw(frame, narration_area, model, view, theme, key, waiting);
    }
    column
}
