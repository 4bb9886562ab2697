//! Rendering only: pure functions of (model, view state, theme) → frame.
//! Nothing here reads the clock, the network or the terminal.

pub mod class;
mod dialogs;
mod header;
pub mod lesson;
mod logs;
mod narration;
mod storage;
pub mod text;
pub mod theme;
mod timeline;
mod view;
mod words;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::model::controller::Waiting;
use crate::model::views::{self, Timeline};
use crate::model::{Access, Connection, Key, Kind, LogTarget, Millis, Model};
use crate::t;
pub use storage::selected_row as selected_storage_row;
pub use theme::Theme;
pub use timeline::marker_glyph;
pub use view::{
    Chrome, Dialog, Labels, LogMode, Navigation, Pane, RequestedScale, ShownFor, Spotlight,
    ViewState,
};

/// The StatefulSet the view shows, if any.
pub fn current_statefulset<'a>(model: &'a Model, view: &ViewState) -> Option<&'a Key> {
    pick(&model.shown_statefulsets(), view.nav.statefulset)
}

fn pick<'a>(shown: &[(&'a Key, bool)], index: usize) -> Option<&'a Key> {
    shown
        .get(index.min(shown.len().saturating_sub(1)))
        .map(|(k, _)| *k)
}

/// What one frame shows, worked out once before it is drawn and lent to
/// every pane: the StatefulSet, its rows, the connection, the moment.
pub struct Screen<'a> {
    pub model: &'a Model,
    pub view: &'a ViewState,
    pub theme: &'a Theme,
    /// The StatefulSets in scope, as the picker lists them.
    pub shown: Vec<(&'a Key, bool)>,
    /// The one shown, if any.
    pub key: Option<&'a Key>,
    pub connection: Connection,
    /// Its ordinals' rows.
    pub timeline: Option<Timeline<'a>>,
    /// The moment shown (see `ViewState::present`).
    pub present: Millis,
    /// The time at the timeline's right edge.
    pub end: Millis,
    /// What the controller does next or waits for, at `present`.
    pub waiting: Option<Waiting>,
    /// The logs shown (and followed).
    pub logs: Vec<LogTarget>,
}

impl<'a> Screen<'a> {
    pub fn new(model: &'a Model, view: &'a ViewState, theme: &'a Theme) -> Self {
        let shown = model.shown_statefulsets();
        let key = pick(&shown, view.nav.statefulset);
        let present = view.present(model);
        let timeline = key.map(|k| views::timeline_of(model, k));
        let logs = match (key, &timeline, view.nav.logs_shown()) {
            (Some(key), Some(rows), Some(shown)) => views::log_targets(
                model,
                key,
                rows,
                shown,
                view.nav.selected,
                view.nav.container,
            ),
            _ => Vec::new(),
        };
        Screen {
            model,
            view,
            theme,
            key,
            connection: model.connection(),
            timeline,
            logs,
            present,
            end: present - view.nav.back,
            waiting: key.and_then(|k| views::waiting_at(model, k, present)),
            shown,
        }
    }
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

/// Draws one frame of `model` as `view` in `theme`.
pub fn draw(frame: &mut Frame, model: &Model, view: &ViewState, theme: &Theme) -> Drawn {
    draw_screen(frame, &Screen::new(model, view, theme))
}

/// Draws one frame of what `s` worked out.
pub fn draw_screen(frame: &mut Frame, s: &Screen) -> Drawn {
    let (view, theme) = (s.view, s.theme);
    let area = frame.area();
    frame.render_widget(Block::new().style(theme.text), area);
    // While something is down, a third line says since when the data is old.
    let header_height = if matches!(s.connection, Connection::Reconnecting { .. }) {
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
    let body = match &view.chrome.lesson {
        Some(strip) => {
            let height = lesson::height(strip, body.width, theme).min(body.height / 2);
            let [panes, strip_area] =
                Layout::vertical([Constraint::Min(3), Constraint::Length(height)]).areas(body);
            lesson::draw(frame, strip_area, strip, theme);
            panes
        }
        None => body,
    };
    header::draw(frame, header, s);
    let mut drawn = Drawn::default();
    match (s.key, &s.timeline) {
        (Some(key), Some(timeline)) => {
            drawn.wake_at = s.waiting.as_ref().and_then(|w| w.changes_at);
            drawn.column = draw_body(frame, body, s, key, timeline);
        }
        _ => {
            let text = match (
                s.model.access.get(&Kind::StatefulSet),
                &s.model.scope.statefulset,
            ) {
                // Not listed yet: nothing can be said missing.
                (Some(Access::Connecting), _) => t!("screen-listing"),
                (Some(Access::NotPermitted { message }), _) => {
                    t!("screen-not-permitted", message = message)
                }
                (_, Some(name)) => t!("screen-not-found", name = name),
                (_, None) => t!("screen-none-yet"),
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
    match &view.chrome.dialog {
        Some(Dialog::Help { scroll }) => dialogs::draw_help(frame, area, view, *scroll, theme),
        Some(Dialog::PickStatefulSet { selected }) => {
            dialogs::draw_picker(frame, area, s.model, &s.shown, *selected, theme)
        }
        Some(dialog @ (Dialog::Replicas { .. } | Dialog::ConfirmDelete { .. })) => {
            dialogs::draw_question(frame, area, dialog, theme)
        }
        Some(Dialog::Recap { scroll }) => {
            if let Some(strip) = &view.chrome.lesson {
                lesson::draw_recap(frame, area, strip, *scroll, theme)
            }
        }
        None => {}
    }
    drawn
}

/// The pane that gets the room first: the one a lesson points at, else the
/// one the keys act on.
fn first_pane(view: &ViewState) -> Pane {
    view.chrome
        .spotlight
        .as_ref()
        .map_or(view.nav.focus, |s| s.pane)
}

/// The storage graph's height when it is stacked over the narration: all it
/// needs (its rows, then a few lines of detail) when it comes first; what
/// the narration leaves when that comes first; else None (60 % of the
/// room). A pane that comes second and would keep no more than a box with
/// one line keeps one line without a box.
fn graph_height(s: &Screen, key: &Key, area: Rect) -> Option<u16> {
    // A box: its title and one line.
    const SMALLEST: u16 = 3;
    let h = area.height;
    let share = (u32::from(h) * 60 / 100) as u16;
    match first_pane(s.view) {
        Pane::Storage => {
            // Header, rows, three lines of detail, borders.
            let rows = views::graph_rows(s.model, key).take(h as usize).count() as u16;
            let graph = (rows + 1 + 3 + 2).max(share).min(h.saturating_sub(1));
            // The narration left with a box or less: one line, no box.
            Some(if h - graph <= SMALLEST {
                h.saturating_sub(1)
            } else {
                graph
            })
        }
        Pane::Narration if !s.view.nav.show_own_log => {
            let lines = views::narration(s.model, key).take(h as usize).count() as u16
                + u16::from(s.waiting.is_some());
            let graph = h.saturating_sub((lines + 2).max(h - share));
            // The graph left with a box or less: one line, no box.
            Some(if graph <= SMALLEST { 1 } else { graph }.min(h.saturating_sub(1)))
        }
        _ => None,
    }
}

/// The words a lesson's revealed answer points at in `pane`.
fn answer_words(view: &ViewState, pane: Pane) -> Option<&str> {
    view.chrome
        .spotlight
        .as_ref()
        .filter(|s| s.pane == pane)
        .and_then(|s| s.words.as_deref())
}

/// A pane's title, with the lesson's mark when the lesson points at it.
fn pane_title(title: &str, pane: Pane, view: &ViewState) -> String {
    match &view.chrome.spotlight {
        Some(s) if s.pane == pane => {
            // The lesson's word for why it points here, as its strip says it.
            let why = match s.why {
                ShownFor::Answer => crate::t!("lesson-label-answer"),
                ShownFor::Watch => crate::t!("lesson-label-watch"),
            };
            format!("◆ {why} · {title}")
        }
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
    s: &Screen,
    key: &Key,
    rows: &Timeline,
) -> Option<Millis> {
    let count = rows.len().min(u16::MAX as usize) as u16;
    // A line under the rows, unless a lesson points elsewhere and needs it.
    let spare = match &s.view.chrome.spotlight {
        Some(spot) if spot.pane != Pane::Timeline => 0,
        _ => 1,
    };
    let timeline_height = count
        .saturating_add(2 + spare)
        .clamp(4 + spare, area.height.saturating_sub(6).max(5));
    let [top, bottom] =
        Layout::vertical([Constraint::Length(timeline_height), Constraint::Min(3)]).areas(area);
    let column = timeline::draw(frame, top, s, key, rows);
    let bottom = if s.view.nav.logs == LogMode::Off {
        bottom
    } else if bottom.height >= 20 {
        let [middle, logs] =
            Layout::vertical([Constraint::Percentage(45), Constraint::Percentage(55)])
                .areas(bottom);
        logs::draw(frame, logs, s);
        middle
    } else if bottom.height >= 5 {
        // Too short for all three: the logs take the room, the graph and
        // the narration keep a line each.
        let [logs, graph, narration] = Layout::vertical([
            Constraint::Min(3),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(bottom);
        logs::draw(frame, logs, s);
        storage::draw(frame, graph, s, key, rows);
        narration::draw(frame, narration, s, key);
        return column;
    } else {
        // Too short for more: the logs take the place of the graph and the narration.
        logs::draw(frame, bottom, s);
        return column;
    };
    // Side by side when wide enough; the storage graph needs the room.
    let (graph_area, narration_area) = if bottom.width >= 140 {
        let [a, b] = Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
            .areas(bottom);
        (a, b)
    } else {
        let graph =
            graph_height(s, key, bottom).map_or(Constraint::Percentage(60), Constraint::Length);
        let [a, b] = Layout::vertical([graph, Constraint::Min(0)]).areas(bottom);
        (a, b)
    };
    storage::draw(frame, graph_area, s, key, rows);
    if s.view.nav.show_own_log {
        narration::draw_own_log(frame, narration_area, s.theme);
    } else {
        narration::draw(frame, narration_area, s, key);
    }
    column
}

#[cfg(test)]
mod tests;
