//! Views that say the same thing two ways agree, on every event of every
//! shipped recording.

use std::collections::BTreeSet;
use std::path::Path;

use stsdash::app::recording;
use stsdash::model::object::ClaimPhase;
use stsdash::model::views::{self, GraphSummary, Visible};
use stsdash::model::{Key, Model, Scope};

/// The one-line graph's figures counted from the graph's own rows: each
/// claim once (a claim two pods mount has a row per pod), each volume shown.
fn counted(model: &Model, key: &Key) -> GraphSummary {
    let mut summary = GraphSummary::default();
    let mut seen = BTreeSet::new();
    for row in views::graph_rows(model, key) {
        let first = row
            .claim
            .as_ref()
            .is_none_or(|c| seen.insert(c.name.clone()));
        if !first {
            continue;
        }
        if let Visible::Shown(_) = row.volume {
            summary.volumes += 1;
        }
        let Some(claim) = &row.claim else { continue };
        let phase = claim
            .exists
            .then(|| ClaimPhase::from(claim.phase.as_ref().map_or("Pending", |p| p.as_str())));
        match summary.phases.iter_mut().find(|(p, _)| *p == phase) {
            Some((_, n)) => *n += 1,
            None => summary.phases.push((phase, 1)),
        }
    }
    summary
}

#[test]
fn the_one_line_graph_counts_what_the_graph_shows() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/recordings");
    let mut checked = 0;
    for file in std::fs::read_dir(&dir).unwrap() {
        let file = file.unwrap().path();
        if file.extension().is_none_or(|e| e != "jsonl") {
            continue;
        }
        let (header, events) = recording::read(&file).unwrap();
        let mut model = Model::new(Scope {
            namespace: header.namespace,
            statefulset: header.statefulset,
        });
        for event in events {
            model.apply(event);
            let keys: Vec<Key> = model.statefulsets().map(|(k, _)| k.clone()).collect();
            for key in keys {
                assert_eq!(
                    views::graph_summary(&model, &key),
                    counted(&model, &key),
                    "{} at {key:?}",
                    file.display()
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 1000, "only {checked} states checked");
}
