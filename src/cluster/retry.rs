//! Trying again: the one backoff every retrying task waits with, and the
//! innermost cause of an error, as a failed attempt is reported. This file
//! imports nothing of stsdash.

use std::time::Duration;

/// Waits between attempts: from `floor`, doubling up to `ceiling`, back to
/// `floor` after a success.
#[derive(Debug, Clone)]
pub struct Backoff {
    floor: Duration,
    ceiling: Duration,
    next: Duration,
    jitter: bool,
}

impl Backoff {
    pub const fn new(floor: Duration, ceiling: Duration) -> Backoff {
        Backoff {
            floor,
            ceiling,
            next: floor,
            jitter: false,
        }
    }

    /// Each wait give or take a quarter, so tasks that failed together do
    /// not retry in step.
    pub const fn with_jitter(mut self) -> Backoff {
        self.jitter = true;
        self
    }

    /// An attempt succeeded: the next wait is the shortest again.
    pub fn reset(&mut self) {
        self.next = self.floor;
    }

    /// Waits before the next attempt; the wait after it is twice as long.
    pub async fn wait(&mut self) {
        let wait = if self.jitter {
            jitter(self.next)
        } else {
            self.next
        };
        tokio::time::sleep(wait).await;
        self.next = (self.next * 2).min(self.ceiling);
    }
}

/// `d` give or take a quarter.
fn jitter(d: Duration) -> Duration {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|t| t.subsec_nanos())
        .unwrap_or(0);
    let quarter = d / 4;
    d - quarter + quarter * 2 * (nanos % 1000) / 1000
}

/// The innermost error message: "Connection refused (os error 111)" rather
/// than a chain of wrappers.
pub fn root_cause(error: &dyn std::error::Error) -> String {
    let mut cause = error;
    while let Some(next) = cause.source() {
        cause = next;
    }
    cause.to_string()
}
