//! The dashboard's one event loop. It owns the model and the view state,
//! applies the events that watch and action tasks send over one channel,
//! turns keys into commands, and redraws only when something changed, at
//! most 60 times a second. It knows nothing of the real terminal: the caller
//! hands it a ratatui terminal and a stream of input events, so benchmarks
//! and tests drive the very same loop.

use std::future::Future;
use std::time::Duration;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use futures::{Stream, StreamExt};
use ratatui::Terminal;
use ratatui::backend::Backend;
use tokio::sync::mpsc;
use tokio::time::Instant;

mod lesson;
mod navigation;

pub use lesson::strip as lesson_strip;

use super::AppError;
use super::actions::ActionQueue;
use super::keymap::{self, Command};
use super::recording::Recorder;
use super::replay::{Replay, steer};
use crate::cluster::{self, Connection as ClusterConnection};
use crate::model::event::now_millis;
use crate::model::{Change, ClusterEvent, Connection, Key, Model, Outcome, Scope, Text};
use crate::ui::{self, Dialog, Theme, ViewState};

const FRAME: Duration = Duration::from_millis(16);
/// Events applied between two looks at the keyboard, at most, and for at
/// most `BATCH_TIME`: a burst never holds a key back for more than a few
/// milliseconds, however costly its events.
pub const BATCH: usize = 512;
const BATCH_TIME: Duration = Duration::from_millis(4);
/// How long "→ N requested" waits for the StatefulSet to show N.
const REQUEST_SHOWN: Duration = Duration::from_secs(10);

/// What the actions may do, from the flags and the config file.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Every key that changes the cluster is refused.
    pub read_only: bool,
    /// The most replicas `+` and `s` may ask for.
    pub max_replicas: i32,
    /// Shells `e` tries, in order.
    pub shells: Vec<String>,
    /// The cluster's DNS domain, for the pods' stable names.
    pub cluster_domain: String,
    /// Where stsdash's own log is also written, if anywhere.
    pub log_file: Option<std::path::PathBuf>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            read_only: false,
            max_replicas: 100,
            shells: vec!["/bin/bash".into(), "/bin/sh".into()],
            cluster_domain: "cluster.local".into(),
            log_file: None,
        }
    }
}

/// Where the dashboard's events come from.
pub enum Source {
    /// Watches on a cluster; actions act on it.
    Live(Box<ClusterConnection>),
    /// A recording played back.
    Replay(Replay),
    /// Only what the caller sends on the channel (benchmarks and tests).
    Channel,
}

/// Why the loop handed control back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Exit {
    Quit,
    /// Open a shell: the caller owns the terminal for it.
    Exec(ExecRequest),
}

/// A shell to open, in the pod incarnation chosen when `e` was pressed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExecRequest {
    pub pod: Key,
    pub uid: Text,
    pub container: Text,
}

/// A live cluster: what may change it (None in read-only) and the log streams.
pub(super) struct Live {
    pub(super) write: Option<cluster::WriteAccess>,
    followers: cluster::logs::Followers,
}

pub struct Dashboard {
    pub model: Model,
    pub view: ViewState,
    themes: Vec<Theme>,
    theme_index: usize,
    pub(super) replay: Option<Replay>,
    pub(super) live: Option<Live>,
    recorder: Option<Recorder>,
    pub(super) settings: Settings,
    /// Action tasks report here, like the watches.
    pub(super) tx: mpsc::Sender<ClusterEvent>,
    /// Log lines come on a channel of their own, after the watches' events.
    logs: mpsc::Receiver<ClusterEvent>,
    /// Actions waiting for the one before them on their target.
    pub(super) actions: ActionQueue,
    dirty: bool,
    next_frame: Instant,
    pub(super) requested_since: Option<Instant>,
    /// What one column of the timeline stands for, as last drawn; None when
    /// nothing shown would move with time.
    column: Option<Duration>,
    /// When the words shown change with time alone (a countdown, a step
    /// becoming overdue), as last drawn.
    wake: Option<Instant>,
    /// How the first sync went, said once in stsdash's own log.
    first_sync: FirstSync,
    /// The lesson being run, if any (`stsdash lesson`).
    lesson: Option<crate::lesson::Run>,
    /// A place a lesson points at whose row is not there yet.
    pending_show: Option<(crate::lesson::Place, &'static str)>,
    /// The lesson opened the log pane (closed again when it points elsewhere).
    lesson_opened_logs: bool,
}

/// When the dashboard started, when every watch had listed, and whether the
/// first frame after that was drawn: the time to a full screen, in the log.
#[derive(Debug)]
struct FirstSync {
    started: Instant,
    listed: Option<Instant>,
    drawn: bool,
}

impl Dashboard {
    pub fn new(
        source: Source,
        scope: Scope,
        recorder: Option<Recorder>,
        theme: Theme,
        settings: Settings,
        tx: mpsc::Sender<ClusterEvent>,
    ) -> Self {
        let mode = match (&source, settings.read_only) {
            (Source::Replay(_), _) => keymap::Mode::Replay,
            (_, true) => keymap::Mode::ReadOnly,
            (_, false) => keymap::Mode::Live,
        };
        let mut view = ViewState {
            hints: keymap::hints(false, mode),
            help: keymap::hints(true, mode),
            cluster_domain: settings.cluster_domain.clone(),
            ..ViewState::default()
        };
        let (logs_tx, logs) = mpsc::channel(super::LOG_CHANNEL_CAPACITY);
        let (live, mut replay) = match source {
            Source::Live(connection) => {
                view.context = connection.context.clone();
                let followers = cluster::logs::Followers::new(connection.client.clone(), logs_tx);
                let live = Live {
                    write: connection.write,
                    followers,
                };
                (Some(live), None)
            }
            Source::Replay(replay) => (None, Some(replay)),
            Source::Channel => (None, None),
        };
        if let Some(r) = replay.as_mut() {
            r.reanchor();
            view.context = r.label();
        }
        let mut themes = vec![theme];
        for (name, _) in ui::theme::BUILT_IN {
            if themes[0].name != name
                && let Ok(t) = Theme::load(name)
            {
                themes.push(t);
            }
        }
        Dashboard {
            model: Model::new(scope),
            view,
            themes,
            theme_index: 0,
            replay,
            live,
            recorder,
            settings,
            tx,
            logs,
            actions: ActionQueue::default(),
            dirty: true,
            next_frame: Instant::now(),
            requested_since: None,
            column: Some(Duration::from_millis(500)),
            wake: None,
            first_sync: FirstSync {
                started: Instant::now(),
                listed: None,
                drawn: false,
            },
            lesson: None,
            pending_show: None,
            lesson_opened_logs: false,
        }
    }

    /// Runs until the user quits, `stop` resolves, the input ends, or a shell
    /// is asked for (then the caller opens it and calls `run` again).
    pub async fn run<B, I, S>(
        &mut self,
        terminal: &mut Terminal<B>,
        input: &mut I,
        rx: &mut mpsc::Receiver<ClusterEvent>,
        stop: &mut S,
    ) -> Result<Exit, AppError>
    where
        B: Backend,
        I: Stream<Item = std::io::Result<Event>> + Unpin,
        S: Future<Output = ()> + Unpin,
    {
        let mut spinner = tokio::time::interval(Duration::from_millis(200));
        // Time flows on the timeline between events: it moves by one column
        // each time a column's worth of time has passed, and not more often.
        let mut tick = Instant::now() + self.column.unwrap_or(Duration::from_millis(500));
        loop {
            if let Some(live) = self.live.as_mut() {
                let logs = &self.model.logs;
                live.followers
                    .reconcile(ui::log_targets(&self.model, &self.view), |target| {
                        // A log shown before goes on after its last line, not again from the tail.
                        logs.get(&target.pod, &target.container)
                            .and_then(|l| l.resume_after(&target.uid))
                            .map_or(
                                cluster::logs::Start::Tail(cluster::logs::TAIL_LINES),
                                |(time, seen)| cluster::logs::Start::After { time, seen },
                            )
                    });
            }
            self.settle_requested();
            if self.dirty {
                self.lesson_update();
            }
            if self.dirty && Instant::now() >= self.next_frame {
                self.draw(terminal)?;
            }
            let due = self
                .replay
                .as_ref()
                .filter(|r| !r.paused)
                .and_then(Replay::due);
            let connecting = self.model.connection() != Connection::Synced;
            // Biased: a stop first, then keys, so a burst of events never holds a key back.
            tokio::select! {
                biased;
                _ = &mut *stop => return Ok(Exit::Quit),
                key = input.next() => match key {
                    Some(Ok(Event::Key(key))) if key.kind == KeyEventKind::Press => {
                        self.dirty = true;
                        if let Some(exit) = self.on_key(key) {
                            return Ok(exit);
                        }
                    }
                    Some(Ok(Event::Resize(..))) => self.dirty = true,
                    Some(Ok(_)) => {}
                    Some(Err(e)) => return Err(AppError::Terminal(e.to_string())),
                    None => return Ok(Exit::Quit),
                },
                event = rx.recv() => {
                    let Some(event) = event else { return Ok(Exit::Quit) };
                    let until = Instant::now() + BATCH_TIME;
                    self.apply(event)?;
                    // Apply what is already queued, up to a batch, before the next frame.
                    for _ in 1..BATCH {
                        if Instant::now() >= until {
                            break;
                        }
                        match rx.try_recv() {
                            Ok(event) => self.apply(event)?,
                            Err(_) => break,
                        }
                    }
                    if let Some(r) = self.recorder.as_mut() {
                        r.flush()?;
                    }
                }
                // After the watches' events: a noisy log never holds one back.
                Some(event) = self.logs.recv() => {
                    let until = Instant::now() + BATCH_TIME;
                    self.apply(event)?;
                    for _ in 1..BATCH {
                        if Instant::now() >= until {
                            break;
                        }
                        match self.logs.try_recv() {
                            Ok(event) => self.apply(event)?,
                            Err(_) => break,
                        }
                    }
                }
                _ = spinner.tick(), if connecting => {
                    self.view.tick += 1;
                    self.dirty = true;
                }
                _ = tokio::time::sleep_until(due.unwrap_or_else(Instant::now)), if due.is_some() => {
                    self.play_due();
                }
                _ = tokio::time::sleep_until(self.wake.unwrap_or_else(Instant::now)), if self.wake.is_some() && self.view.paused_at.is_none() => {
                    self.wake = None;
                    self.dirty = true;
                }
                _ = tokio::time::sleep_until(tick), if self.ticking() => {
                    self.dirty = true;
                    tick = Instant::now() + self.column.unwrap_or_default();
                }
                _ = tokio::time::sleep_until(self.next_frame), if self.dirty => {}
            }
        }
    }

    /// Whether time moves the screen: a live view, not paused, with
    /// something on the timeline that moves.
    fn ticking(&self) -> bool {
        self.view.paused_at.is_none() && self.replay.is_none() && self.column.is_some()
    }

    /// Draws the frame now.
    pub fn draw<B: Backend>(&mut self, terminal: &mut Terminal<B>) -> Result<(), AppError> {
        // A live view shows the time it is drawn at.
        if self.live.is_some() && self.view.paused_at.is_none() {
            self.view.clock = Some(now_millis());
        }
        self.view.lesson = self.lesson_strip();
        let theme = &self.themes[self.theme_index];
        if self.view.show_own_log {
            tui_logger::move_events();
        }
        let mut drawn = ui::Drawn::default();
        terminal
            .draw(|frame| drawn = ui::draw(frame, &self.model, &self.view, theme))
            .map_err(|e| AppError::Terminal(e.to_string()))?;
        // A live view's words that change with time: drawn again then.
        self.wake = drawn.wake_at.filter(|_| self.live.is_some()).map(|at| {
            let present = self.view.present(&self.model);
            Instant::now() + Duration::from_millis((at - present).clamp(1, 3_600_000) as u64)
        });
        // At rest, nothing moves: no clock tick until something happens.
        self.column = drawn
            .column
            .map(|column| Duration::from_millis(column.clamp(50, 60_000) as u64));
        if let (Some(listed), false) = (self.first_sync.listed, self.first_sync.drawn) {
            self.first_sync.drawn = true;
            tracing::info!(
                "first full frame drawn {} ms after the lists",
                listed.elapsed().as_millis()
            );
        }
        self.dirty = false;
        self.next_frame = Instant::now() + FRAME;
        Ok(())
    }

    /// After the terminal was lent out (a shell): everything is drawn again.
    pub fn redraw_all(&mut self) {
        self.dirty = true;
        self.next_frame = Instant::now();
    }

    /// Stops the log streams (the watches stop with the runtime).
    pub fn shutdown(&mut self) -> Result<(), AppError> {
        if let Some(live) = self.live.as_mut() {
            live.followers
                .reconcile(Vec::new(), |_| cluster::logs::Start::Tail(0));
        }
        if let Some(r) = self.recorder.as_mut() {
            r.flush()?;
        }
        Ok(())
    }

    /// Records and applies one event; an action's outcome also goes to the
    /// status line and stsdash's own log.
    pub fn apply(&mut self, event: ClusterEvent) -> Result<(), AppError> {
        if let Some(r) = self.recorder.as_mut() {
            r.record(&event)?;
        }
        // An action's outcome, once the model has marked it.
        let ended: Option<(crate::model::Action, Outcome, String)> = match &event.change {
            Change::WatchFailed {
                kind,
                message,
                forbidden,
            } => {
                let message = message.as_str();
                if *forbidden {
                    tracing::warn!("{}: not permitted: {message}", kind.resource());
                } else {
                    tracing::warn!("{}: watch failed, retrying: {message}", kind.resource());
                }
                None
            }
            Change::WatchResumed { kind } => {
                tracing::info!("{}: watch resumed", kind.resource());
                None
            }
            Change::ActionTaken(action) => Some((action.clone(), Outcome::Done, String::new())),
            Change::ActionFailed { action, message } => {
                Some((action.clone(), Outcome::Failed, message.to_string()))
            }
            Change::ActionRefused { action, reason } => {
                Some((action.clone(), Outcome::Refused, reason.to_string()))
            }
            _ => None,
        };
        // Only the end of a list (or a watch or server back) can complete the
        // first sync: the connection is not worked out for every listed object.
        let may_sync = matches!(
            event.change,
            Change::InitDone { .. } | Change::WatchResumed { .. } | Change::ServerHealth { .. }
        );
        let lesson = self.lesson_input(&event.change);
        self.dirty |= self.model.apply(event);
        if let Some(input) = lesson {
            self.lesson_take(input);
        }
        if may_sync
            && self.first_sync.listed.is_none()
            && self.live.is_some()
            && self.model.is_synced()
        {
            self.first_sync.listed = Some(Instant::now());
            let store = &self.model.store;
            tracing::info!(
                "every watch listed {} ms after start: {} pods, {} claims, {} volumes",
                self.first_sync.started.elapsed().as_millis(),
                store.pods.len(),
                store.claims.len(),
                store.volumes.len(),
            );
        }
        if let Some((action, outcome, why)) = ended {
            self.action_ended(&action, outcome, &why);
        }
        Ok(())
    }

    /// "→ N requested" goes once the StatefulSet shows N, or after a while
    /// (someone else may have scaled it meanwhile).
    fn settle_requested(&mut self) {
        let Some((key, to)) = &self.view.requested_replicas else {
            return;
        };
        let shown = self
            .model
            .store
            .statefulsets
            .get(key)
            .is_some_and(|s| crate::model::views::desired_replicas(s) as i32 == *to);
        let old = self
            .requested_since
            .is_none_or(|since| since.elapsed() > REQUEST_SHOWN);
        if shown || old {
            self.view.requested_replicas = None;
            self.dirty = true;
        }
    }

    /// Applies the replay's events that are due; a long burst is spread over
    /// several turns of the loop so keys still get through.
    fn play_due(&mut self) {
        let now = Instant::now();
        for _ in 0..BATCH {
            let Some(r) = self.replay.as_mut() else {
                return;
            };
            if r.due().is_none_or(|d| d > now) {
                break;
            }
            let event = r.events[r.next].clone();
            r.next += 1;
            let lesson = self.lesson_input(&event.change);
            self.dirty |= self.model.apply(event);
            if let Some(input) = lesson {
                self.lesson_take(input);
            }
        }
        if let Some(r) = self.replay.as_ref() {
            self.view.context = r.label();
        }
        self.dirty = true;
    }

    fn on_key(&mut self, key: KeyEvent) -> Option<Exit> {
        if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
            return Some(Exit::Quit);
        }
        self.view.status = None;
        if self.on_recap_key(&key) {
            return None;
        }
        if let Some(dialog) = self.view.dialog.clone() {
            self.on_dialog_key(dialog, key);
            return None;
        }
        let command = keymap::command_for(&key)?;
        if self.settings.read_only && keymap::is_mutating(command) {
            self.view.status = Some(
                "read-only (--read-only, or read_only in the config file): stsdash changes nothing"
                    .into(),
            );
            return None;
        }
        match command {
            Command::Quit => return Some(Exit::Quit),
            Command::ReplayPause
            | Command::StepForward
            | Command::StepBack
            | Command::Slower
            | Command::Faster => match self.replay.as_mut() {
                Some(r) => {
                    steer(command, r, &mut self.model);
                    self.view.context = r.label();
                }
                None => {
                    self.view.status =
                        Some("space . , [ ] steer a replay (stsdash replay FILE)".into())
                }
            },
            Command::NextTheme => self.theme_index = (self.theme_index + 1) % self.themes.len(),
            Command::PickStatefulSet => {
                let count = self.model.shown_statefulsets().len();
                if count < 2 {
                    self.view.status = Some(format!(
                        "{count} StatefulSet{} in scope: nothing to choose",
                        if count == 1 { "" } else { "s" }
                    ));
                } else {
                    self.view.dialog = Some(Dialog::PickStatefulSet {
                        selected: self.view.statefulset.min(count - 1),
                    });
                }
            }
            Command::ScaleUp => self.scale_by(1),
            Command::ScaleDown => self.scale_by(-1),
            Command::SetReplicas => self.ask_replicas(),
            Command::DeletePod => self.ask_delete(),
            Command::Exec => return self.exec_request().map(Exit::Exec),
            Command::LessonStep | Command::LessonAnswer => self.on_lesson_command(command),
            command => navigation::handle(command, &mut self.view, &self.model),
        }
        None
    }

    fn on_dialog_key(&mut self, dialog: Dialog, key: KeyEvent) {
        match dialog {
            Dialog::Help { scroll } => {
                self.view.dialog = match key.code {
                    KeyCode::Down | KeyCode::Char('j') => Some(Dialog::Help {
                        scroll: (scroll + 1).min(self.view.help.len()),
                    }),
                    KeyCode::Up | KeyCode::Char('k') => Some(Dialog::Help {
                        scroll: scroll.saturating_sub(1),
                    }),
                    // Any other key closes the help (q too: it does not quit from here).
                    _ => None,
                };
            }
            Dialog::PickStatefulSet { selected } => {
                let count = self.model.shown_statefulsets().len();
                self.view.dialog = match key.code {
                    KeyCode::Down | KeyCode::Char('j') => Some(Dialog::PickStatefulSet {
                        selected: (selected + 1).min(count.saturating_sub(1)),
                    }),
                    KeyCode::Up | KeyCode::Char('k') => Some(Dialog::PickStatefulSet {
                        selected: selected.saturating_sub(1),
                    }),
                    KeyCode::Enter => {
                        self.view.statefulset = selected;
                        self.view.selected = 0;
                        self.view.storage_row = None;
                        None
                    }
                    KeyCode::Esc | KeyCode::Char('n') | KeyCode::Char('q') => None,
                    _ => Some(Dialog::PickStatefulSet { selected }),
                };
            }
            dialog @ (Dialog::Replicas { .. } | Dialog::ConfirmDelete { .. }) => {
                self.on_action_dialog_key(dialog, key)
            }
            // Only a lesson opens it, and its keys are the lesson's.
            Dialog::Recap { .. } => self.view.dialog = None,
        }
    }
}
#[cfg(test)]
mod tests;
