//! The ordinal timeline: one row per ordinal ever seen, and one for each
//! desired ordinal not created yet, in ordinal order. `Timeline` borrows the
//! model's history and makes only the rows it is asked for.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Serialize;

use crate::model::Model;
use crate::model::history::OrdinalLife;
use crate::model::key::Key;
use crate::model::pod::Phase;
use crate::model::sts::desired_ordinals;

/// One row, borrowing its ordinal's life.
#[derive(Debug, Clone)]
pub struct Row<'a> {
    pub ordinal: u32,
    /// The pod's name, e.g. web-2.
    pub pod: String,
    /// The phase now (Gone if no pod exists).
    pub phase: Phase,
    /// A desired ordinal that never had a pod (e.g. one OrderedReady has not
    /// reached yet): not created yet rather than gone; `phase` is Gone.
    pub not_created: bool,
    /// None for an ordinal not created yet.
    pub life: Option<&'a OrdinalLife>,
}

/// The rows of one StatefulSet's timeline, made when asked for.
#[derive(Debug, Clone)]
pub struct Timeline<'a> {
    key: &'a Key,
    seen: Option<&'a BTreeMap<u32, OrdinalLife>>,
    desired: Range<u32>,
}

pub fn timeline_of<'a>(model: &'a Model, key: &'a Key) -> Timeline<'a> {
    Timeline {
        key,
        seen: model.history.ordinals.get(key),
        desired: model.statefulset(key).map_or(0..0, desired_ordinals),
    }
}

impl<'a> Timeline<'a> {
    /// How many rows: every ordinal seen, and every desired one not seen.
    pub fn len(&self) -> usize {
        let seen = self.seen.map_or(0, BTreeMap::len);
        let seen_desired = self
            .seen
            .map_or(0, |s| s.range(self.desired.clone()).count());
        seen + self.desired.len() - seen_desired
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The rows in ordinal order: the seen ordinals and the desired ones, merged.
    pub fn rows(&self) -> impl Iterator<Item = Row<'a>> + '_ {
        let mut seen = self.seen.into_iter().flatten().peekable();
        let mut desired = self.desired.clone().peekable();
        std::iter::from_fn(move || {
            let next_seen = seen.peek().map(|(o, _)| **o);
            let next_desired = desired.peek().copied();
            match (next_seen, next_desired) {
                (Some(s), d) if d.is_none_or(|d| s <= d) => {
                    if d == Some(s) {
                        desired.next();
                    }
                    let (ordinal, life) = seen.next()?;
                    Some(self.seen_row(*ordinal, life))
                }
                (_, Some(d)) => {
                    desired.next();
                    Some(Row {
                        ordinal: d,
                        pod: self.pod_name(d),
                        phase: Phase::Gone,
                        not_created: true,
                        life: None,
                    })
                }
                _ => None,
            }
        })
    }

    /// Display columns of the longest pod name: the StatefulSet's name, a dash
    /// and the highest ordinal's digits (None: no rows).
    pub fn longest_pod_name(&self) -> Option<usize> {
        let highest_seen = self.seen.and_then(|s| s.keys().next_back().copied());
        let highest_desired = self.desired.clone().next_back();
        let highest = highest_seen.max(highest_desired)?;
        Some(
            unicode_width::UnicodeWidthStr::width(self.key.name.as_str())
                + 1
                + highest.to_string().len(),
        )
    }

    /// Row `index` (in ordinal order).
    pub fn row(&self, index: usize) -> Option<Row<'a>> {
        self.rows().nth(index)
    }

    fn pod_name(&self, ordinal: u32) -> String {
        format!("{}-{ordinal}", self.key.name)
    }

    fn seen_row(&self, ordinal: u32, life: &'a OrdinalLife) -> Row<'a> {
        Row {
            ordinal,
            pod: self.pod_name(ordinal),
            phase: life
                .current()
                .filter(|i| i.gone.is_none())
                .map_or(Phase::Gone, |i| i.phase()),
            not_created: false,
            life: Some(life),
        }
    }
}

/// A row with its life, owned: what `stsdash dump` prints.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineRow {
    pub ordinal: u32,
    /// The pod's name, e.g. web-2.
    pub pod: String,
    /// The phase now (Gone if no pod exists).
    pub phase: Phase,
    /// A desired ordinal that never had a pod (e.g. one OrderedReady has not
    /// reached yet): not created yet rather than gone; `phase` is Gone.
    pub not_created: bool,
    pub life: OrdinalLife,
}

/// Every row, owned (for the dump).
pub fn timeline(model: &Model, key: &Key) -> Vec<TimelineRow> {
    timeline_of(model, key)
        .rows()
        .map(|r| TimelineRow {
            ordinal: r.ordinal,
            pod: r.pod,
            phase: r.phase,
            not_created: r.not_created,
            life: r.life.cloned().unwrap_or_default(),
        })
        .collect()
}
