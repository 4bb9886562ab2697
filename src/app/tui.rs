//! The dashboard: the terminal, the one event loop and the frame pacing.
//! The loop owns the model and the view state; it redraws only when
//! something changed, at most 60 times a second.

use std::io::{Stdout, stdout};
use std::time::Duration;

use crossterm::event::{Event, EventStream, KeyEventKind};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use futures::StreamExt;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use tokio::sync::mpsc;
use tokio::time::Instant;

use super::keymap::{self, Command};
use super::recording::Recorder;
use super::{AppError, CHANNEL_CAPACITY, stop_signal};
use crate::cluster::{self, Connection as ClusterConnection};
use crate::model::event::now_millis;
use crate::model::{ClusterEvent, Connection, Model, Scope};
use crate::ui::{self, LogMode, LogTarget, Pane, Theme, ViewState};

const FRAME: Duration = Duration::from_millis(16);
const ZOOMS: [i64; 6] = [15_000, 30_000, 60_000, 120_000, 300_000, 900_000];

/// Puts the terminal back however the dashboard ends: drop, error or panic.
struct TerminalGuard {
    terminal: Terminal<CrosstermBackend<Stdout>>,
}

fn restore() {
    let _ = disable_raw_mode();
    let _ = execute!(stdout(), LeaveAlternateScreen, crossterm::cursor::Show);
}

impl TerminalGuard {
    fn enter() -> std::io::Result<Self> {
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            hook(info);
        }));
        enable_raw_mode()?;
        execute!(stdout(), EnterAlternateScreen)?;
        let terminal = Terminal::new(CrosstermBackend::new(stdout()))?;
        Ok(TerminalGuard { terminal })
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}

pub async fn run(
    connection: ClusterConnection,
    scope: Scope,
    mut recorder: Option<Recorder>,
    theme: Theme,
) -> Result<(), AppError> {
    let (tx, mut rx) = mpsc::channel::<ClusterEvent>(CHANNEL_CAPACITY);
    let mut followers = LogFollowers::new(connection.client.clone(), tx.clone());
    let _watches = cluster::watch::spawn(&connection.client, &scope, tx);
    let mut model = Model::new(scope);
    let mut view = ViewState {
        context: connection.context.clone(),
        hints: keymap::hints(false),
        help: keymap::hints(true),
        ..ViewState::default()
    };
    let mut themes: Vec<Theme> = vec![theme];
    for (name, _) in ui::theme::BUILT_IN {
        if themes[0].name != name
            && let Ok(t) = Theme::load(name)
        {
            themes.push(t);
        }
    }
    let mut theme_index = 0;

    // stsdash's own log goes to its pane (tui-logger), never to the terminal under the TUI.
    let _ = tui_logger::init_logger(tui_logger::LevelFilter::Info);
    {
        use tracing_subscriber::layer::SubscriberExt;
        let _ = tracing::subscriber::set_global_default(
            tracing_subscriber::registry().with(tui_logger::TuiTracingSubscriberLayer),
        );
    }
    tracing::info!(context = %view.context, server = %connection.server, "connected");
    let mut guard = TerminalGuard::enter().map_err(|e| AppError::Terminal(e.to_string()))?;
    let mut input = EventStream::new();
    let mut spinner = tokio::time::interval(Duration::from_millis(200));
    // Time flows on the timeline between events: one redraw per column's worth of time.
    let mut clock = tokio::time::interval(Duration::from_millis(500));
    clock.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    let stop = stop_signal();
    tokio::pin!(stop);
    let mut dirty = true;
    let mut next_frame = Instant::now();

    loop {
        followers.reconcile(ui::log_targets(&model, &view));
        if dirty && Instant::now() >= next_frame {
            let theme = &themes[theme_index];
            guard
                .terminal
                .draw(|frame| ui::draw(frame, &model, &view, theme))
                .map_err(|e| AppError::Terminal(e.to_string()))?;
            dirty = false;
            next_frame = Instant::now() + FRAME;
        }
        let connecting = model.connection() != Connection::Synced;
        tokio::select! {
            event = rx.recv() => {
                let Some(event) = event else { break };
                // Apply everything already queued before the next frame.
                let mut batch = vec![event];
                while let Ok(more) = rx.try_recv() {
                    batch.push(more);
                    if batch.len() >= CHANNEL_CAPACITY { break; }
                }
                for event in batch {
                    if let Some(r) = recorder.as_mut() {
                        r.record(&event)?;
                    }
                    if let crate::model::Change::WatchFailed { kind, message, forbidden } = &event.change {
                        let message = crate::model::sanitize::line(message);
                        if *forbidden {
                            tracing::warn!("{}: not permitted: {message}", kind.resource());
                        } else {
                            tracing::warn!("{}: watch failed, retrying: {message}", kind.resource());
                        }
                    }
                    dirty |= model.apply(event);
                }
                if let Some(r) = recorder.as_mut() {
                    r.flush()?;
                }
            }
            key = input.next() => match key {
                Some(Ok(Event::Key(key))) if key.kind == KeyEventKind::Press => {
                    match keymap::command_for(&key) {
                        Some(Command::Quit) => break,
                        Some(Command::NextTheme) => theme_index = (theme_index + 1) % themes.len(),
                        Some(command) => handle(command, &mut view, &model),
                        None => {}
                    }
                    dirty = true;
                }
                Some(Ok(Event::Resize(..))) => dirty = true,
                Some(Ok(_)) => {}
                Some(Err(e)) => return Err(AppError::Terminal(e.to_string())),
                None => break,
            },
            _ = spinner.tick(), if connecting => {
                view.tick += 1;
                dirty = true;
            }
            _ = clock.tick(), if view.paused_at.is_none() => {
                view.clock = Some(now_millis());
                dirty = true;
            }
            _ = tokio::time::sleep_until(next_frame), if dirty => {}
            _ = &mut stop => break,
        }
    }
    followers.reconcile(Vec::new());
    drop(guard);
    if let Some(r) = recorder.as_mut() {
        r.flush()?;
    }
    Ok(())
}

fn handle(command: Command, view: &mut ViewState, model: &Model) {
    let rows = ui::current_statefulset(model, view)
        .map(|k| crate::model::views::timeline(model, k).len())
        .unwrap_or(0);
    match command {
        Command::Help => view.show_help = !view.show_help,
        Command::Close => view.show_help = false,
        Command::FocusNext | Command::FocusPrevious => {
            let i = Pane::ORDER
                .iter()
                .position(|p| *p == view.focus)
                .unwrap_or(0);
            let n = Pane::ORDER.len();
            let next = if command == Command::FocusNext {
                (i + 1) % n
            } else {
                (i + n - 1) % n
            };
            view.focus = Pane::ORDER[next];
        }
        // In the log pane, j/k scroll the log (newer / older); elsewhere they select an ordinal.
        Command::SelectDown if view.focus == Pane::Logs => {
            view.log_scroll = view.log_scroll.saturating_sub(5)
        }
        Command::SelectUp if view.focus == Pane::Logs => view.log_scroll += 5,
        Command::SelectDown => view.selected = (view.selected + 1).min(rows.saturating_sub(1)),
        Command::SelectUp => view.selected = view.selected.saturating_sub(1),
        Command::Logs | Command::AllLogs => {
            let mode = if command == Command::Logs {
                LogMode::Selected
            } else {
                LogMode::All
            };
            view.logs = if view.logs == mode {
                LogMode::Off
            } else {
                mode
            };
            view.log_scroll = 0;
            view.focus = if view.logs == LogMode::Off {
                Pane::Timeline
            } else {
                Pane::Logs
            };
        }
        Command::Wrap => view.wrap = !view.wrap,
        Command::OwnLog => view.show_own_log = !view.show_own_log,
        Command::NextContainer => view.container += 1,
        Command::TimeBack => {
            let earliest = model.started.unwrap_or(model.now);
            let limit = (view.now(model) + view.back - earliest).max(0);
            view.back = (view.back + view.span / 4).min(limit);
        }
        Command::TimeForward => view.back = (view.back - view.span / 4).max(0),
        Command::Zoom => {
            let i = ZOOMS.iter().position(|z| *z >= view.span).unwrap_or(0);
            view.span = ZOOMS[(i + 1) % ZOOMS.len()];
        }
        Command::Pause => {
            view.paused_at = match view.paused_at {
                Some(_) => None,
                None => Some(view.clock.unwrap_or(model.now).max(model.now)),
            }
        }
        Command::NextStatefulSet => {
            let count = model.statefulsets().count().max(1);
            view.statefulset = (view.statefulset + 1) % count;
            view.selected = 0;
        }
        Command::Quit | Command::NextTheme => {}
    }
}

/// The log streams being followed: exactly the targets the view shows. A
/// stream that ended stays finished until its target changes (a new
/// incarnation gets a new stream), so a pod without a log is not asked again
/// and again.
struct LogFollowers {
    client: kube::Client,
    tx: mpsc::Sender<ClusterEvent>,
    tasks: std::collections::HashMap<LogTarget, tokio::task::JoinHandle<()>>,
}

impl LogFollowers {
    fn new(client: kube::Client, tx: mpsc::Sender<ClusterEvent>) -> Self {
        LogFollowers {
            client,
            tx,
            tasks: Default::default(),
        }
    }

    fn reconcile(&mut self, wanted: Vec<LogTarget>) {
        self.tasks.retain(|target, task| {
            let keep = wanted.contains(target);
            if !keep {
                tracing::info!(
                    "no longer following the log of {} ({})",
                    target.pod,
                    target.container
                );
                task.abort();
            }
            keep
        });
        for target in wanted {
            if !self.tasks.contains_key(&target) {
                tracing::info!("following the log of {} ({})", target.pod, target.container);
                let task = cluster::logs::follow(
                    &self.client,
                    target.pod.clone(),
                    target.uid.clone(),
                    target.container.clone(),
                    self.tx.clone(),
                );
                self.tasks.insert(target, task);
            }
        }
    }
}
