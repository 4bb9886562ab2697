//! The keys that only change what is shown (focus, selection, logs, time
//! window): pure functions of (command, view state, model).

use super::keymap::Command;
use crate::model::Model;
use crate::ui::{self, Dialog, LogMode, Pane, ViewState};

/// The time windows `z` cycles through.
const ZOOMS: [i64; 7] = [15_000, 30_000, 60_000, 120_000, 300_000, 900_000, 3_600_000];

/// j/k in the storage graph: the next row there, and the timeline follows
/// to that row's ordinal (rows of no ordinal leave it where it is).
fn select_storage_row(view: &mut ViewState, model: &Model, down: bool) {
    let Some(key) = ui::current_statefulset(model, view) else {
        return;
    };
    let count = crate::model::views::graph_rows(model, key).count();
    let now = ui::selected_storage_row(model, view, key).min(count.saturating_sub(1));
    let next = if down {
        (now + 1).min(count.saturating_sub(1))
    } else {
        now.saturating_sub(1)
    };
    view.nav.storage_row = Some(next);
    let ordinal = crate::model::views::graph_rows(model, key)
        .nth(next)
        .and_then(|r| r.ordinal);
    if let Some(o) = ordinal
        && let Some(i) = crate::model::views::timeline_of(model, key)
            .rows()
            .position(|r| r.ordinal == o)
    {
        view.nav.selected = i;
    }
}

/// The keys that only change what is shown.
pub(super) fn handle(command: Command, view: &mut ViewState, model: &Model) {
    let rows = ui::current_statefulset(model, view)
        .map(|k| crate::model::views::timeline_of(model, k).len())
        .unwrap_or(0);
    match command {
        Command::Help => view.chrome.dialog = Some(Dialog::Help { scroll: 0 }),
        Command::Close => view.chrome.dialog = None,
        Command::FocusNext | Command::FocusPrevious => {
            let i = Pane::ORDER
                .iter()
                .position(|p| *p == view.nav.focus)
                .unwrap_or(0);
            let n = Pane::ORDER.len();
            let next = if command == Command::FocusNext {
                (i + 1) % n
            } else {
                (i + n - 1) % n
            };
            view.nav.focus = Pane::ORDER[next];
        }
        // In the log pane, j/k scroll the log (newer / older); elsewhere they select an ordinal.
        Command::SelectDown if view.nav.focus == Pane::Logs => {
            view.nav.log_scroll = view.nav.log_scroll.saturating_sub(5)
        }
        // No further back than a log keeps: the oldest lines stay in view.
        Command::SelectUp if view.nav.focus == Pane::Logs => {
            view.nav.log_scroll = (view.nav.log_scroll + 5).min(crate::model::log::MAX_LOG_LINES)
        }
        // In the storage graph they select a row, and its ordinal in the timeline.
        Command::SelectDown | Command::SelectUp if view.nav.focus == Pane::Storage => {
            select_storage_row(view, model, command == Command::SelectDown)
        }
        Command::SelectDown => {
            view.nav.selected = (view.nav.selected + 1).min(rows.saturating_sub(1));
            view.nav.storage_row = None;
        }
        Command::SelectUp => {
            view.nav.selected = view.nav.selected.saturating_sub(1);
            view.nav.storage_row = None;
        }
        Command::Logs | Command::AllLogs => {
            let mode = if command == Command::Logs {
                LogMode::Selected
            } else {
                LogMode::All
            };
            view.nav.logs = if view.nav.logs == mode {
                LogMode::Off
            } else {
                mode
            };
            view.nav.log_scroll = 0;
            view.nav.focus = if view.nav.logs == LogMode::Off {
                Pane::Timeline
            } else {
                Pane::Logs
            };
        }
        Command::Wrap => view.nav.wrap = !view.nav.wrap,
        Command::OwnLog => view.nav.show_own_log = !view.nav.show_own_log,
        Command::NextContainer => view.nav.container += 1,
        Command::TimeBack => {
            let earliest = model.earliest();
            let limit = (view.now(model) + view.nav.back - earliest).max(0);
            view.nav.back = (view.nav.back + view.nav.span / 4).min(limit);
        }
        Command::TimeForward => view.nav.back = (view.nav.back - view.nav.span / 4).max(0),
        Command::Zoom => {
            let i = ZOOMS.iter().position(|z| *z >= view.nav.span).unwrap_or(0);
            view.nav.span = ZOOMS[(i + 1) % ZOOMS.len()];
        }
        Command::Pause => {
            view.nav.paused_at = match view.nav.paused_at {
                Some(_) => None,
                None => Some(view.chrome.clock.unwrap_or(model.now).max(model.now)),
            }
        }
        _ => {}
    }
}
