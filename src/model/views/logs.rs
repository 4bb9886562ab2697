//! Which pods' logs a view shows: the dashboard draws exactly these and
//! follows exactly these, so one function decides for both.

use super::Timeline;
use crate::model::pod::{self, Phase};
use crate::model::{Key, LogTarget, Model};

/// At most this many logs side by side.
pub const MAX_LOG_PANES: usize = 8;

/// Which logs: the selected ordinal's, or all side by side around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogsShown {
    Selected,
    All,
}

/// The logs shown of `key`'s rows, `selected` being the selected row and
/// `container` the index of the container (modulo each pod's containers).
/// Only pods whose containers have started have a log.
pub fn log_targets(
    model: &Model,
    key: &Key,
    rows: &Timeline,
    shown: LogsShown,
    selected: usize,
    container: usize,
) -> Vec<LogTarget> {
    let pods: Vec<String> = match shown {
        LogsShown::Selected => rows.row(selected).map(|r| r.pod).into_iter().collect(),
        // Side by side: as many as can be read, around the selected row.
        LogsShown::All => {
            let count = rows.len();
            let skip = if count > MAX_LOG_PANES {
                selected
                    .saturating_sub(MAX_LOG_PANES / 2)
                    .min(count - MAX_LOG_PANES)
            } else {
                0
            };
            rows.rows()
                .skip(skip)
                .take(MAX_LOG_PANES)
                .map(|r| r.pod)
                .collect()
        }
    };
    pods.into_iter()
        .filter_map(|name| model.store.pods.get(&Key::new(&key.namespace, name)))
        .filter(|p| {
            matches!(
                pod::phase(p),
                Phase::Running | Phase::Ready | Phase::Terminating
            )
        })
        .filter_map(|p| {
            let containers: Vec<&str> = pod::containers(p).collect();
            let name = containers.get(container % containers.len().max(1))?;
            Some(LogTarget {
                pod: Key::new(&key.namespace, &p.metadata.name),
                uid: p.metadata.uid.clone(),
                container: (*name).into(),
            })
        })
        .collect()
}
