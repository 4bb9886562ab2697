//! The dashboard: one owner of the model and the view. `update` takes one
//! message (a cluster change, a key, a tick, a replay's due events, a shell's
//! end) and returns the effects it asks for (act on the cluster, record,
//! follow logs, quit); it never calls back into itself and never touches the
//! network, so tests drive it without a runtime. The loop around it
//! (`event_loop`) drains the messages, hands the effects to the one runner
//! (`app::effects`) and draws when something changed.

use std::time::{Duration, Instant};

use crossterm::event::KeyEvent;

mod actions;
mod event_loop;
mod keys;
mod lesson;
mod navigation;
mod queue;
mod strip;

pub use actions::{ExecOutcome, parse_replicas};
pub use event_loop::{Inbox, Looped, drain, run};
pub use lesson::LessonJob;
pub use strip::strip as lesson_strip;

use super::keymap;
use super::replay::Replay;
use crate::cluster;
use crate::model::event::now_millis;
use crate::model::{Action, Change, ClusterEvent, Key, LogTarget, Model, Outcome, Scope, Text};
use crate::ui::{self, Screen, Theme, ViewState};
use queue::ActionQueue;

/// Frames are drawn at most this often.
const FRAME: Duration = Duration::from_millis(16);
/// Events applied between two looks at the keyboard, at most, and for at
/// most `BATCH_TIME`: a burst never holds a key back for more than a few
/// milliseconds, however costly its events.
pub const BATCH: usize = 512;
const BATCH_TIME: Duration = Duration::from_millis(4);
/// How long "→ N requested" waits for the StatefulSet to show N, in ms.
const REQUEST_SHOWN: i64 = 10_000;

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
    /// Watches on a cluster; actions act on it. The label is the kubeconfig context.
    Live { context: String },
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

/// What the dashboard takes in. Most messages are cluster events, moved
/// along as they came (boxing each would cost an allocation per event).
#[derive(Debug, Clone)]
#[allow(clippy::large_enum_variant)]
pub enum Msg {
    /// A watch's change, a log line, an action's or a lesson step's outcome.
    Cluster(ClusterEvent),
    Key(KeyEvent),
    /// The terminal changed size.
    Resize,
    /// Time passed: the spinner turns, or what is shown moves with time.
    Tick(Tick),
    /// A replay's next events are due.
    ReplayDue,
    /// A shell session ended (or never started).
    ExecEnded(ExecRequest, ExecOutcome),
}

/// Which clock ticked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tick {
    /// The spinner, while connecting.
    Spinner,
    /// A column of the timeline's worth of time passed.
    Column,
    /// The moment the words shown change (a countdown, a step overdue).
    Wake,
}

/// What the dashboard asks for; the loop and its runner carry it out.
#[derive(Debug)]
pub enum Effect {
    /// Scale or delete on the cluster; the outcome comes back as a change.
    Act(Action),
    /// A lesson step's own act (apply, delete, exec); its outcome comes back as a mark.
    Lesson(LessonJob),
    /// Write this event to the recording.
    Record(ClusterEvent),
    /// A class's watches besides those across the cluster: kinds refused
    /// across it, in each student's namespace; the zoomed namespace's.
    ClassWatches(cluster::class::Wanted),
    /// Follow exactly these logs (from where each starts, if it is new).
    FollowLogs(Vec<(LogTarget, cluster::logs::Start)>),
    /// A message to take next, after this one (never taken from within).
    Then(Msg),
    /// Hand control back: quit, or lend the terminal to a shell.
    Exit(Exit),
}

/// The themes `t` cycles through, the chosen one first.
struct Themes {
    all: Vec<Theme>,
    current: usize,
}

/// When to draw: whether something changed, not before the next frame is
/// due, and what time alone changes on screen (as last drawn).
struct FrameClock {
    dirty: bool,
    next: Instant,
    /// What one column of the timeline stands for; None when nothing shown
    /// would move with time.
    column: Option<Duration>,
    /// When the words shown change with time alone (a countdown, a step
    /// becoming overdue).
    wake: Option<Instant>,
}

/// When the dashboard started, when every watch had listed, and whether the
/// first frame after that was drawn: the time to a full screen, in the log.
#[derive(Debug)]
struct FirstSync {
    started: Instant,
    listed: Option<Instant>,
    drawn: bool,
}

pub struct Dashboard {
    pub model: Model,
    pub view: ViewState,
    themes: Themes,
    /// Live, a replay (and its place), or only a channel.
    source: Playback,
    settings: Settings,
    /// Actions waiting for the one before them on their target.
    actions: ActionQueue,
    frame: FrameClock,
    first_sync: FirstSync,
    /// The lesson being run, if any (`stsdash lesson`).
    lesson: Option<lesson::LessonState>,
    /// The logs followed, as last asked of the runner.
    followed: Vec<LogTarget>,
    /// Every event taken is also recorded (`--record`).
    recording: bool,
}

enum Playback {
    Live,
    Replay(Replay),
    Channel,
}

impl Dashboard {
    /// A dashboard on `scope`; `recording` when the runner records (`--record`).
    pub fn new(
        source: Source,
        scope: Scope,
        theme: Theme,
        settings: Settings,
        recording: bool,
    ) -> Self {
        let mode = match (&source, settings.read_only) {
            (Source::Replay(_), _) => keymap::Mode::Replay,
            (_, true) => keymap::Mode::ReadOnly,
            (_, false) => keymap::Mode::Live,
        };
        let mut view = ViewState::default();
        view.labels.hints = keymap::hints(false, mode);
        view.labels.help = keymap::hints(true, mode);
        view.labels.cluster_domain = settings.cluster_domain.clone();
        let source = match source {
            Source::Live { context } => {
                view.labels.context = context;
                Playback::Live
            }
            Source::Replay(mut replay) => {
                replay.reanchor();
                view.labels.context = replay.label();
                Playback::Replay(replay)
            }
            Source::Channel => Playback::Channel,
        };
        let mut all = vec![theme];
        for (name, _) in ui::theme::BUILT_IN {
            if all[0].name != name
                && let Ok(t) = Theme::load(name)
            {
                all.push(t);
            }
        }
        Dashboard {
            model: Model::new(scope),
            view,
            themes: Themes { all, current: 0 },
            source,
            settings,
            actions: ActionQueue::default(),
            frame: FrameClock {
                dirty: true,
                next: Instant::now(),
                column: Some(Duration::from_millis(500)),
                wake: None,
            },
            first_sync: FirstSync {
                started: Instant::now(),
                listed: None,
                drawn: false,
            },
            lesson: None,
            followed: Vec::new(),
            recording,
        }
    }

    fn live(&self) -> bool {
        matches!(self.source, Playback::Live)
    }

    fn replay(&self) -> Option<&Replay> {
        match &self.source {
            Playback::Replay(r) => Some(r),
            _ => None,
        }
    }

    /// Takes one message; returns what it asks for, in order.
    pub fn update(&mut self, msg: Msg) -> Vec<Effect> {
        let mut effects = Vec::new();
        match msg {
            Msg::Cluster(event) => self.ingest(event, &mut effects),
            Msg::Key(key) => {
                self.frame.dirty = true;
                self.on_key(key, &mut effects);
            }
            Msg::Resize => self.frame.dirty = true,
            Msg::Tick(Tick::Spinner) => {
                self.view.chrome.tick += 1;
                self.frame.dirty = true;
            }
            Msg::Tick(Tick::Column) => self.frame.dirty = true,
            Msg::Tick(Tick::Wake) => {
                self.frame.wake = None;
                self.frame.dirty = true;
            }
            Msg::ReplayDue => self.play_due(&mut effects),
            Msg::ExecEnded(request, outcome) => self.exec_ended(&request, outcome, &mut effects),
        }
        effects
    }

    /// After the messages of one turn: what follows from them all, once —
    /// a requested scale shown, the lesson's conditions, the logs to follow.
    pub fn settle(&mut self) -> Vec<Effect> {
        let mut effects = Vec::new();
        self.settle_requested();
        if self.frame.dirty {
            self.lesson_update(&mut effects);
        }
        if self.live() {
            self.follow_logs(&mut effects);
        }
        effects
    }

    /// The one way into the model, for live events, logs, a replay and its
    /// steps: recorded (when recording), applied, and then what it means for
    /// the lesson, the first sync and a waiting action.
    fn ingest(&mut self, event: ClusterEvent, effects: &mut Vec<Effect>) {
        if self.recording {
            effects.push(Effect::Record(event.clone()));
        }
        let ended = outcome_of(&event.change);
        // Only the end of a list (or a watch or server back) can complete the
        // first sync: the connection is not worked out for every listed object.
        // (A class's student's namespace's list too: it may be the last.)
        let may_sync = matches!(
            event.change,
            Change::InitDone { .. }
                | Change::WatchResumed { .. }
                | Change::ServerHealth { .. }
                | Change::InNamespace { .. }
        );
        let lesson = self.lesson_input(&event.change);
        self.frame.dirty |= self.model.apply(event);
        if let Some(input) = lesson {
            self.lesson_take(input, effects);
        }
        if may_sync && self.first_sync.listed.is_none() && self.live() && self.model.is_synced() {
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
            self.action_ended(&action, outcome, &why, effects);
        }
    }

    /// The logs the view shows, followed: asked of the runner when they change.
    fn follow_logs(&mut self, effects: &mut Vec<Effect>) {
        let wanted = match (
            ui::current_statefulset(&self.model, &self.view),
            self.view.nav.logs_shown(),
        ) {
            (Some(key), Some(shown)) => crate::model::views::log_targets(
                &self.model,
                key,
                &crate::model::views::timeline_of(&self.model, key),
                shown,
                self.view.nav.selected,
                self.view.nav.container,
            ),
            _ => Vec::new(),
        };
        if wanted == self.followed {
            return;
        }
        let logs = &self.model.logs;
        // A log shown before goes on after its last line, not again from the tail.
        let starts = wanted.iter().map(|target| {
            let start = logs
                .get(&target.pod, &target.container)
                .and_then(|l| l.resume_after(&target.uid))
                .map_or(
                    cluster::logs::Start::Tail(cluster::logs::TAIL_LINES),
                    |(time, seen)| cluster::logs::Start::After { time, seen },
                );
            (target.clone(), start)
        });
        effects.push(Effect::FollowLogs(starts.collect()));
        self.followed = wanted;
    }

    /// "→ N requested" goes once the StatefulSet shows N, or after a while
    /// (someone else may have scaled it meanwhile).
    fn settle_requested(&mut self) {
        let Some(requested) = &self.view.chrome.requested else {
            return;
        };
        let shown = self
            .model
            .store
            .statefulsets
            .get(&requested.statefulset)
            .is_some_and(|s| crate::model::views::desired_replicas(s) as i32 == requested.to);
        if shown || now_millis() - requested.since > REQUEST_SHOWN {
            self.view.chrome.requested = None;
            self.frame.dirty = true;
        }
    }

    /// Takes the replay's events that are due; a long burst is spread over
    /// several turns of the loop so keys still get through.
    fn play_due(&mut self, effects: &mut Vec<Effect>) {
        let now = Instant::now();
        for _ in 0..BATCH {
            let Playback::Replay(r) = &mut self.source else {
                return;
            };
            if r.due().is_none_or(|d| d > now) {
                break;
            }
            let event = r.events[r.next].clone();
            r.next += 1;
            self.ingest(event, effects);
        }
        if let Some(r) = self.replay() {
            self.view.labels.context = r.label();
        }
        self.frame.dirty = true;
    }

    /// When the replay's next event is due (None when paused, at its end, or live).
    pub fn replay_due(&self) -> Option<Instant> {
        self.replay().filter(|r| !r.paused).and_then(Replay::due)
    }

    /// Whether the spinner turns: something is not synced yet.
    pub fn connecting(&self) -> bool {
        self.model.connection() != crate::model::Connection::Synced
    }

    /// Whether something changed since the last frame.
    pub fn dirty(&self) -> bool {
        self.frame.dirty
    }

    /// Whether something changed since the last frame or the last call,
    /// which counts as one (a view built on the dashboard that draws
    /// something else meanwhile: the class grid).
    pub fn take_dirty(&mut self) -> bool {
        std::mem::take(&mut self.frame.dirty)
    }

    /// The shells `e` tries, in order.
    pub fn shells(&self) -> &[String] {
        &self.settings.shells
    }

    /// The theme in use.
    pub fn theme(&self) -> &Theme {
        &self.themes.all[self.themes.current]
    }

    /// When the next frame may be drawn.
    pub fn next_frame(&self) -> Instant {
        self.frame.next
    }

    /// How often time moves the timeline: a live (or channel) view, not
    /// paused, with something on the timeline that moves.
    pub fn column(&self) -> Option<Duration> {
        self.frame
            .column
            .filter(|_| self.view.nav.paused_at.is_none() && self.replay().is_none())
    }

    /// When the words shown change with time alone, unless paused.
    pub fn wake(&self) -> Option<Instant> {
        self.frame
            .wake
            .filter(|_| self.view.nav.paused_at.is_none())
    }

    /// Draws the frame now.
    pub fn draw<B: ratatui::backend::Backend>(
        &mut self,
        terminal: &mut ratatui::Terminal<B>,
    ) -> Result<(), super::AppError> {
        // A live view shows the time it is drawn at.
        if self.live() && self.view.nav.paused_at.is_none() {
            self.view.chrome.clock = Some(now_millis());
        }
        self.view.chrome.lesson = self.lesson_strip();
        let theme = &self.themes.all[self.themes.current];
        if self.view.nav.show_own_log {
            tui_logger::move_events();
        }
        let mut drawn = ui::Drawn::default();
        let mut present = 0;
        terminal
            .draw(|frame| {
                let screen = Screen::new(&self.model, &self.view, theme);
                present = screen.present;
                drawn = ui::draw_screen(frame, &screen);
            })
            .map_err(|e| super::AppError::Terminal(e.to_string()))?;
        // A live view's words that change with time: drawn again then.
        self.frame.wake = drawn.wake_at.filter(|_| self.live()).map(|at| {
            Instant::now() + Duration::from_millis((at - present).clamp(1, 3_600_000) as u64)
        });
        // At rest, nothing moves: no clock tick until something happens.
        self.frame.column = drawn
            .column
            .map(|column| Duration::from_millis(column.clamp(50, 60_000) as u64));
        if let (Some(listed), false) = (self.first_sync.listed, self.first_sync.drawn) {
            self.first_sync.drawn = true;
            tracing::info!(
                "first full frame drawn {} ms after the lists",
                listed.elapsed().as_millis()
            );
        }
        self.frame.dirty = false;
        self.frame.next = Instant::now() + FRAME;
        Ok(())
    }

    /// After the terminal was lent out (a shell): everything is drawn again.
    pub fn redraw_all(&mut self) {
        self.frame.dirty = true;
        self.frame.next = Instant::now();
    }
}

/// An action's outcome in an event, if it is one (and stsdash's own log
/// told of a watch that failed or came back).
fn outcome_of(change: &Change) -> Option<(Action, Outcome, String)> {
    match change {
        Change::WatchFailed {
            kind,
            message,
            forbidden,
        } => {
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
            Some((action.clone(), Outcome::Refused, reason.said(action)))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests;
