//! Replays a recording and prints, in time order, each new explanation of
//! what the StatefulSet controller waits for (the dashboard's now line) and
//! each line of narration: the story of a recording in text, as the
//! coverage table (docs/statefulset-coverage.md) was written from.
//! `cargo run --example waits -- examples/recordings/finalizer.jsonl`

use std::path::PathBuf;

use stsdash::app::recording;
use stsdash::model::{Model, Scope, views};

fn main() {
    let Some(path) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: waits RECORDING.jsonl");
        std::process::exit(2);
    };
    let (header, events) = match recording::read(&path) {
        Ok(read) => read,
        Err(e) => {
            eprintln!("waits: {e}");
            std::process::exit(1);
        }
    };
    let mut model = Model::new(Scope {
        namespace: header.namespace,
        statefulset: header.statefulset,
    });
    let mut said: Vec<String> = Vec::new();
    let mut narrated = 0;
    let start = events.first().map_or(0, |e| e.at);
    for event in events {
        model.apply(event);
        let at = |t: i64| format!("{:+7.1}s", (t - start) as f64 / 1000.0);
        for n in model.history.narration.iter().skip(narrated) {
            println!("{}  {}", at(n.at), n.text);
        }
        narrated = model.history.narration.len();
        let keys: Vec<_> = model.statefulsets().map(|(k, _)| k.clone()).collect();
        for (i, key) in keys.iter().enumerate() {
            let now = views::waiting(&model, key)
                .map(|w| format!("{:?}: {}", w.reason, w.text))
                .unwrap_or_else(|| "(nothing waits)".into());
            if said.get(i) != Some(&now) {
                println!("{}  now {}: {now}", at(model.now), key.name);
                if said.len() <= i {
                    said.resize(i + 1, String::new());
                }
                said[i] = now;
            }
        }
    }
}
