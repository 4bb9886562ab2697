//! The narration: one line per controller step, in plain words, bounded.

use serde::Serialize;

use super::History;
use crate::model::key::{Key, Millis};

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
}

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
            },
        );
    }

    /// Puts a line at `index`; the oldest goes when there are too many.
    fn keep(&mut self, index: usize, line: Narration) {
        self.narration.insert(index, line);
        if self.narration.len() > MAX_NARRATION {
            self.narration.pop_front();
        }
    }
}
