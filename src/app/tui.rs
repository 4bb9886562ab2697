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

/// Where the dashboard's events come from.
pub enum Source {
    Live(ClusterConnection),
    Replay(Replay),
}

/// A recording played back through the dashboard.
pub struct Replay {
    pub name: String,
    pub events: Vec<ClusterEvent>,
    pub speed: f64,
    /// Index of the next event to apply.
    next: usize,
    paused: bool,
    /// The wall time that corresponds to `anchor_at` in the recording.
    anchor: Instant,
    anchor_at: crate::model::Millis,
}

impl Replay {
    pub fn new(name: String, events: Vec<ClusterEvent>, speed: f64) -> Self {
        let anchor_at = events.first().map_or(0, |e| e.at);
        Replay {
            name,
            events,
            speed,
            next: 0,
            paused: false,
            anchor: Instant::now(),
            anchor_at,
        }
    }

    /// When the next event is due, at this speed.
    fn due(&self) -> Option<Instant> {
        let event = self.events.get(self.next)?;
        let offset = ((event.at - self.anchor_at).max(0) as f64 / self.speed) as u64;
        Some(self.anchor + Duration::from_millis(offset))
    }

    /// Restarts the clock from the last applied event (after a pause, a step or a new speed).
    fn reanchor(&mut self) {
        self.anchor = Instant::now();
        self.anchor_at = self
            .next
            .checked_sub(1)
            .and_then(|i| self.events.get(i))
            .or(self.events.first())
            .map_or(0, |e| e.at);
    }

    fn label(&self) -> String {
        let state = if self.next >= self.events.len() {
            "end".to_string()
        } else if self.paused {
            "paused".to_string()
        } else {
            format!("{}×", self.speed)
        };
        format!(
            "replay {} · event {}/{} · {state}",
            self.name,
            self.next,
            self.events.len()
        )
    }
}

pub async fn run(
    source: Source,
    scope: Scope,
    mut recorder: Option<Recorder>,
    theme: Theme,
) -> Result<(), AppError> {
    let (tx, mut rx) = mpsc::channel::<ClusterEvent>(CHANNEL_CAPACITY);
    let (mut followers, mut replay, context) = match source {
        Source::Live(connection) => {
            let followers = LogFollowers::new(connection.client.clone(), tx.clone());
            cluster::watch::spawn(&connection.client, &scope, tx.clone()).detach_all();
            tracing::info!(context = %connection.context, server = %connection.server, "connected");
            (Some(followers), None, connection.context.clone())
        }
        Source::Replay(replay) => (None, Some(replay), String::new()),
    };
    // Kept so the channel stays open in a replay, which has no watches.
    let _tx = tx;
    let mut model = Model::new(scope.clone());
    let mut view = ViewState {
        context,
        hints: keymap::hints(false),
        help: keymap::hints(true),
        ..ViewState::default()
    };
    if let Some(r) = replay.as_mut() {
        r.reanchor();
        view.context = r.label();
    }
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
        if let Some(f) = followers.as_mut() {
            f.reconcile(ui::log_targets(&model, &view));
        }
        let due = replay.as_ref().filter(|r| !r.paused).and_then(Replay::due);
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
                        Some(command @ (Command::ReplayPause | Command::StepForward | Command::StepBack | Command::Slower | Command::Faster)) => {
                            match replay.as_mut() {
                                Some(r) => {
                                    steer(command, r, &mut model, &scope);
                                    view.context = r.label();
                                }
                                None => view.status = Some("space . , [ ] steer a replay (stsdash replay FILE)".into()),
                            }
                        }
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
            _ = tokio::time::sleep_until(due.unwrap_or_else(Instant::now)), if due.is_some() => {
                if let Some(r) = replay.as_mut() {
                    let now = Instant::now();
                    while r.due().is_some_and(|d| d <= now) {
                        model.apply(r.events[r.next].clone());
                        r.next += 1;
                    }
                    view.context = r.label();
                    dirty = true;
                }
            }
            _ = clock.tick(), if view.paused_at.is_none() && replay.is_none() => {
                view.clock = Some(now_millis());
                dirty = true;
            }
            _ = tokio::time::sleep_until(next_frame), if dirty => {}
            _ = &mut stop => break,
        }
    }
    if let Some(f) = followers.as_mut() {
        f.reconcile(Vec::new());
    }
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
        Command::Quit
        | Command::NextTheme
        | Command::ReplayPause
        | Command::StepForward
        | Command::StepBack
        | Command::Slower
        | Command::Faster => {}
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

/// The replay keys: pause, step one event forward or back, slower, faster.
fn steer(command: Command, replay: &mut Replay, model: &mut Model, scope: &Scope) {
    match command {
        Command::ReplayPause => replay.paused = !replay.paused,
        Command::StepForward => {
            replay.paused = true;
            if let Some(event) = replay.events.get(replay.next) {
                model.apply(event.clone());
                replay.next += 1;
            }
        }
        Command::StepBack => {
            replay.paused = true;
            // The model only moves forward: rebuild it up to one event earlier.
            replay.next = replay.next.saturating_sub(1);
            *model = Model::new(scope.clone());
            for event in &replay.events[..replay.next] {
                model.apply(event.clone());
            }
        }
        Command::Slower => replay.speed = (replay.speed / 2.0).max(0.125),
        Command::Faster => replay.speed = (replay.speed * 2.0).min(64.0),
        _ => {}
    }
    replay.reanchor();
}
