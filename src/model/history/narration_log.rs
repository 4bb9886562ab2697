//! The narration: one line per controller step, in plain words, bounded.

use serde::Serialize;

use super::History;
use crate::model::key::{Key, Millis};
use crate::t;

pub const MAX_NARRATION: usize = 500;
/// Identical narration within this many milliseconds is said once.
const REPEAT_WINDOW: Millis = 10_000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Info,
    Warning,
}

/// One controller step in plain words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Narration {
    pub at: Millis,
    pub level: Level,
    /// The StatefulSet it is about, when there is one.
    pub statefulset: Option<Key>,
    pub text: String,
    /// Told from what the API still kept (a pod's timestamps, Events) when
    /// stsdash started, not seen happening.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub reconstructed: bool,
    /// The pod a scheduler's warning is about, while it may still hold
    /// (the pod not scheduled yet).
    #[serde(skip)]
    pub unscheduled: Option<String>,
}

/// How far back a pod's scheduling warnings are looked for when it is
/// scheduled: they are folded into the line that says so.
const FOLD_WINDOW: Millis = 120_000;
/// How many of the newest lines are looked at for them.
const FOLD_LINES: usize = 64;
/// What the scheduler says of a pod whose claim is not bound yet
/// (volumeBindingMode Immediate).
const UNBOUND_CLAIMS: &str = "unbound immediate PersistentVolumeClaims";

impl History {
    pub fn narrate(&mut self, at: Millis, level: Level, statefulset: Option<Key>, text: String) {
        // The same step reported twice in a row (e.g. two Events with one message) is said once.
        let repeated =
            self.narration.iter().rev().take(4).any(|n| {
                n.text == text && n.statefulset == statefulset && at - n.at < REPEAT_WINDOW
            });
        if repeated {
            return;
        }
        self.narrate_step(at, level, statefulset, text);
    }

    /// A line about one step a pod took: each is news, however like the one
    /// before (a pod released twice in a row was released twice).
    pub fn narrate_step(
        &mut self,
        at: Millis,
        level: Level,
        statefulset: Option<Key>,
        text: String,
    ) {
        let end = self.narration.len();
        self.keep(
            end,
            Narration {
                at,
                level,
                statefulset,
                text,
                reconstructed: false,
                unscheduled: None,
            },
        );
    }

    /// Whether a line of the past at `at` would be kept: the narration is
    /// full of newer lines, it would go at once (so it need not be written).
    pub fn keeps_past(&self, at: Millis) -> bool {
        self.narration.len() < MAX_NARRATION || self.narration.front().is_some_and(|n| n.at <= at)
    }

    /// A line of the past, reconstructed: put in its place in time (lines
    /// of the first list come in any order, and after newer ones).
    pub fn narrate_past(
        &mut self,
        at: Millis,
        level: Level,
        statefulset: Option<Key>,
        text: String,
    ) {
        if !self.keeps_past(at) {
            return;
        }
        let index = self.narration.partition_point(|n| n.at <= at);
        self.keep(
            index,
            Narration {
                at,
                level,
                statefulset,
                text,
                reconstructed: true,
                unscheduled: None,
            },
        );
    }

    /// A scheduler's warning about `pod` (FailedScheduling): on a line of
    /// its own while it holds, folded into the line of the step it delayed
    /// once the pod is scheduled (`fold_scheduling`).
    pub fn narrate_unscheduled(
        &mut self,
        at: Millis,
        statefulset: Option<Key>,
        pod: &str,
        text: String,
    ) {
        // A retry with the same words is not news while the first still holds.
        let holding = self.narration.iter().rev().take(32).any(|n| {
            n.unscheduled.as_deref() == Some(pod) && n.text == text && n.statefulset == statefulset
        });
        if holding {
            return;
        }
        let end = self.narration.len();
        self.keep(
            end,
            Narration {
                at,
                level: Level::Warning,
                statefulset,
                text,
                reconstructed: false,
                unscheduled: Some(pod.to_string()),
            },
        );
    }

    /// `pod` was scheduled at `at`: its scheduling warnings are over. They
    /// leave the narration, and the words for the scheduled line say what
    /// it waited for and how long, "(after a FailedScheduling, 2.5 s)"
    /// (None: it did not wait).
    pub fn fold_scheduling(&mut self, statefulset: &Key, pod: &str, at: Millis) -> Option<String> {
        let mut first: Option<Millis> = None;
        let mut claim = false;
        // Only the recent end: the last lines within the window, at most
        // FOLD_LINES of them (work per scheduled pod, not per line kept).
        let len = self.narration.len();
        let from = self
            .narration
            .iter()
            .rev()
            .take(FOLD_LINES)
            .position(|n| at - n.at > FOLD_WINDOW)
            .map_or(len.saturating_sub(FOLD_LINES), |back| len - back);
        let before = self.narration.len();
        let mut index = from;
        while index < self.narration.len() {
            let n = &self.narration[index];
            if n.unscheduled.as_deref() == Some(pod) && n.statefulset.as_ref() == Some(statefulset)
            {
                first = Some(first.map_or(n.at, |f: Millis| f.min(n.at)));
                // The scheduler's own message, quoted in the line as it came.
                claim |= n.text.contains(UNBOUND_CLAIMS);
                self.narration.remove(index);
            } else {
                index += 1;
            }
        }
        let first = first?;
        let waited = format!("{:.1}", (at - first).max(0) as f64 / 1000.0);
        let (whole, tenth) = waited.split_once('.').unwrap_or((&waited, "0"));
        let folded = before - self.narration.len();
        Some(if claim {
            t!("history-waited-for-claim", whole = whole, tenth = tenth)
        } else {
            t!(
                "history-waited-scheduling",
                count = folded,
                whole = whole,
                tenth = tenth
            )
        })
    }

    /// Puts a line at `index`; the oldest goes when there are too many.
    fn keep(&mut self, index: usize, line: Narration) {
        self.narration.insert(index, line);
        if self.narration.len() > MAX_NARRATION {
            self.narration.pop_front();
        }
    }
}
