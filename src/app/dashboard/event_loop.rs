//! The loop around `Dashboard::update`: messages in (keys first, then the
//! watches' events, then log lines, then the clocks), drained from one queue
//! in batches; the effects handed to the runner; a frame drawn when something
//! changed, at most 60 times a second. It knows nothing of the real terminal:
//! the caller hands it a ratatui terminal and a stream of input events, so
//! benchmarks and tests drive the very same loop.

use std::collections::VecDeque;
use std::future::Future;
use std::time::Duration;

use crossterm::event::{Event, KeyEventKind};
use futures::{Stream, StreamExt};
use ratatui::Terminal;
use ratatui::backend::Backend;
use tokio::sync::mpsc;
use tokio::time::Instant;

use super::{BATCH, BATCH_TIME, Dashboard, Effect, Exit, Msg, Tick};
use crate::app::AppError;
use crate::app::effects::Runner;
use crate::model::ClusterEvent;

/// Where the loop's messages come from: the watches' and the actions'
/// channel, the log lines' (read after it, so a noisy log never holds one
/// back), and the queue they wait in to be taken, in order. It outlives one
/// `run`: what was queued when a shell opened is taken after it.
pub struct Inbox {
    pub events: mpsc::Receiver<ClusterEvent>,
    pub logs: mpsc::Receiver<ClusterEvent>,
    queue: VecDeque<Msg>,
    batch: Vec<ClusterEvent>,
    log_batch: Vec<ClusterEvent>,
}

impl Inbox {
    pub fn new(events: mpsc::Receiver<ClusterEvent>, logs: mpsc::Receiver<ClusterEvent>) -> Inbox {
        Inbox {
            events,
            logs,
            queue: VecDeque::new(),
            batch: Vec::with_capacity(BATCH),
            log_batch: Vec::new(),
        }
    }

    /// An inbox on `events` with no log lines (benchmarks and tests).
    pub fn events(events: mpsc::Receiver<ClusterEvent>) -> Inbox {
        let (_, logs) = mpsc::channel(1);
        Inbox::new(events, logs)
    }

    /// Queues an event from elsewhere (while a shell has the terminal).
    pub fn push(&mut self, event: ClusterEvent) {
        self.queue.push_back(Msg::Cluster(event));
    }
}

/// What the loop drives: the dashboard, or a view built on it (the class
/// grid, which zooms into the dashboard).
pub trait Looped {
    fn update(&mut self, msg: Msg) -> Vec<Effect>;
    fn settle(&mut self) -> Vec<Effect>;
    fn dirty(&self) -> bool;
    fn next_frame(&self) -> std::time::Instant;
    fn draw<B: Backend>(&mut self, terminal: &mut Terminal<B>) -> Result<(), AppError>;
    fn replay_due(&self) -> Option<std::time::Instant>;
    fn wake(&self) -> Option<std::time::Instant>;
    fn column(&self) -> Option<Duration>;
    fn connecting(&self) -> bool;
    /// After the terminal was lent out (a shell): everything is drawn again.
    fn redraw_all(&mut self);
}

impl Looped for Dashboard {
    fn update(&mut self, msg: Msg) -> Vec<Effect> {
        Dashboard::update(self, msg)
    }
    fn settle(&mut self) -> Vec<Effect> {
        Dashboard::settle(self)
    }
    fn dirty(&self) -> bool {
        Dashboard::dirty(self)
    }
    fn next_frame(&self) -> std::time::Instant {
        Dashboard::next_frame(self)
    }
    fn draw<B: Backend>(&mut self, terminal: &mut Terminal<B>) -> Result<(), AppError> {
        Dashboard::draw(self, terminal)
    }
    fn replay_due(&self) -> Option<std::time::Instant> {
        Dashboard::replay_due(self)
    }
    fn wake(&self) -> Option<std::time::Instant> {
        Dashboard::wake(self)
    }
    fn column(&self) -> Option<Duration> {
        Dashboard::column(self)
    }
    fn connecting(&self) -> bool {
        Dashboard::connecting(self)
    }
    fn redraw_all(&mut self) {
        Dashboard::redraw_all(self)
    }
}

/// Takes what is queued, for at most a few milliseconds (at least one
/// message): a burst never holds a key back for long. An exit asked for
/// ends it.
pub fn drain<L: Looped>(
    dashboard: &mut L,
    runner: &mut Runner,
    inbox: &mut Inbox,
) -> Result<Option<Exit>, AppError> {
    let until = Instant::now() + BATCH_TIME;
    let mut took = false;
    while Instant::now() < until || !took {
        let Some(msg) = inbox.queue.pop_front() else {
            break;
        };
        took = true;
        if let Some(exit) = carry_out(dashboard.update(msg), runner, &mut inbox.queue)? {
            return Ok(Some(exit));
        }
    }
    if took {
        runner.flush()?;
    }
    carry_out(dashboard.settle(), runner, &mut inbox.queue)
}

/// Runs until the user quits, `stop` resolves, the input ends, or a shell
/// is asked for (then the caller opens it and calls `run` again).
pub async fn run<L, B, I, S>(
    dashboard: &mut L,
    runner: &mut Runner,
    terminal: &mut Terminal<B>,
    input: &mut I,
    inbox: &mut Inbox,
    stop: &mut S,
) -> Result<Exit, AppError>
where
    L: Looped,
    B: Backend,
    I: Stream<Item = std::io::Result<Event>> + Unpin,
    S: Future<Output = ()> + Unpin,
{
    let mut spinner = tokio::time::interval(Duration::from_millis(200));
    // Time flows on the timeline between events: it moves by one column
    // each time a column's worth of time has passed, and not more often.
    let mut tick = Instant::now() + dashboard.column().unwrap_or(Duration::from_millis(500));
    loop {
        if let Some(exit) = drain(dashboard, runner, inbox)? {
            return Ok(exit);
        }
        if dashboard.dirty() && std::time::Instant::now() >= dashboard.next_frame() {
            dashboard.draw(terminal)?;
        }
        let due = dashboard.replay_due().map(Instant::from_std);
        let wake = dashboard.wake().map(Instant::from_std);
        let column = dashboard.column();
        let next_frame = Instant::from_std(dashboard.next_frame());
        let (connecting, dirty) = (dashboard.connecting(), dashboard.dirty());
        let queued = !inbox.queue.is_empty();
        let Inbox {
            events,
            logs,
            queue,
            batch,
            log_batch,
        } = inbox;
        // Biased: a stop first, then keys, so a burst of events never holds a key back.
        tokio::select! {
            biased;
            _ = &mut *stop => return Ok(Exit::Quit),
            key = input.next() => match key {
                Some(Ok(Event::Key(key))) if key.kind == KeyEventKind::Press => {
                    queue.push_front(Msg::Key(key));
                }
                Some(Ok(Event::Resize(..))) => queue.push_back(Msg::Resize),
                Some(Ok(_)) => {}
                Some(Err(e)) => return Err(AppError::Terminal(e.to_string())),
                None => return Ok(Exit::Quit),
            },
            // What was queued but not taken in time goes first.
            _ = std::future::ready(()), if queued => {}
            count = events.recv_many(batch, BATCH) => {
                if count == 0 {
                    return Ok(Exit::Quit);
                }
                queue.extend(batch.drain(..).map(Msg::Cluster));
            }
            _ = logs.recv_many(log_batch, BATCH), if !logs.is_closed() || !logs.is_empty() => {
                queue.extend(log_batch.drain(..).map(Msg::Cluster));
            }
            _ = spinner.tick(), if connecting => queue.push_back(Msg::Tick(Tick::Spinner)),
            _ = tokio::time::sleep_until(due.unwrap_or_else(Instant::now)), if due.is_some() => {
                queue.push_back(Msg::ReplayDue);
            }
            _ = tokio::time::sleep_until(wake.unwrap_or_else(Instant::now)), if wake.is_some() => {
                queue.push_back(Msg::Tick(Tick::Wake));
            }
            _ = tokio::time::sleep_until(tick), if column.is_some() => {
                queue.push_back(Msg::Tick(Tick::Column));
                tick = Instant::now() + column.unwrap_or_default();
            }
            _ = tokio::time::sleep_until(next_frame), if dirty => {}
        }
    }
}

/// Hands the effects to the runner, in order; a message the dashboard
/// takes next goes to the front of the queue; an exit ends the loop.
fn carry_out(
    effects: Vec<Effect>,
    runner: &mut Runner,
    queue: &mut VecDeque<Msg>,
) -> Result<Option<Exit>, AppError> {
    let mut next = Vec::new();
    for effect in effects {
        match effect {
            Effect::Then(msg) => next.push(msg),
            Effect::Exit(exit) => return Ok(Some(exit)),
            effect => runner.run(effect)?,
        }
    }
    for msg in next.into_iter().rev() {
        queue.push_front(msg);
    }
    Ok(None)
}
