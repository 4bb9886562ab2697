//! A recording played back through the dashboard: at the pace it was
//! recorded (times `speed`), paused, stepped one event forward or back.

use std::time::Duration;

use std::time::Instant;

use super::keymap::Command;
use crate::model::{ClusterEvent, Millis};

/// A recording played back through the dashboard.
pub struct Replay {
    pub name: String,
    pub events: Vec<ClusterEvent>,
    pub speed: f64,
    /// Index of the next event to apply.
    pub(super) next: usize,
    pub(super) paused: bool,
    /// The wall time that corresponds to `anchor_at` in the recording.
    anchor: Instant,
    anchor_at: Millis,
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

    /// When the next event is due, at this speed (a recording's times may be
    /// anything: far apart is at most a day away, never an overflow).
    pub(super) fn due(&self) -> Option<Instant> {
        let event = self.events.get(self.next)?;
        let gap = event.at.saturating_sub(self.anchor_at).clamp(0, 86_400_000);
        let offset = (gap as f64 / self.speed) as u64;
        Some(self.anchor + Duration::from_millis(offset))
    }

    /// Restarts the clock from the last applied event (after a pause, a step or a new speed).
    pub(super) fn reanchor(&mut self) {
        self.anchor = Instant::now();
        self.anchor_at = self
            .next
            .checked_sub(1)
            .and_then(|i| self.events.get(i))
            .or(self.events.first())
            .map_or(0, |e| e.at);
    }

    pub(super) fn label(&self) -> String {
        let state = if self.next >= self.events.len() {
            crate::t!("app-replay-end")
        } else if self.paused {
            crate::t!("app-replay-paused")
        } else {
            format!("{}×", self.speed)
        };
        crate::t!(
            "app-replay",
            name = self.name,
            event = self.next,
            events = self.events.len(),
            state = state
        )
    }
}

/// What a replay key gives the model to take.
#[allow(clippy::large_enum_variant)]
pub(super) enum Replayed {
    Nothing,
    /// The next event.
    Next(ClusterEvent),
    /// Every event from the start up to the new place (a step back: the
    /// model only moves forward, so it is made anew).
    FromStart(Vec<ClusterEvent>),
}

/// The replay keys: pause, step one event forward or back, slower, faster.
pub(super) fn steer(command: Command, replay: &mut Replay) -> Replayed {
    let replayed = match command {
        Command::ReplayPause => {
            replay.paused = !replay.paused;
            Replayed::Nothing
        }
        Command::StepForward => {
            replay.paused = true;
            match replay.events.get(replay.next) {
                Some(event) => {
                    replay.next += 1;
                    Replayed::Next(event.clone())
                }
                None => Replayed::Nothing,
            }
        }
        Command::StepBack => {
            replay.paused = true;
            replay.next = replay.next.saturating_sub(1);
            Replayed::FromStart(replay.events[..replay.next].to_vec())
        }
        Command::Slower => {
            replay.speed = (replay.speed / 2.0).max(0.125);
            Replayed::Nothing
        }
        Command::Faster => {
            replay.speed = (replay.speed * 2.0).min(64.0);
            Replayed::Nothing
        }
        _ => Replayed::Nothing,
    };
    replay.reanchor();
    replayed
}
