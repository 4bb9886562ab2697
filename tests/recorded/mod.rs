//! The shipped recordings (examples/recordings, made on the lab) as models,
//! for the snapshot tests.

use std::path::Path;

use stsdash::app::recording;
use stsdash::model::{Model, Scope};

/// A recording's model, applied up to the first event after which `stop`
/// holds (the whole recording when it never does).
pub fn recorded(name: &str, stop: impl Fn(&Model) -> bool) -> Model {
    let file =
        Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("examples/recordings/{name}.jsonl"));
    let (header, events) = recording::read(&file).unwrap();
    let mut model = Model::new(Scope {
        namespace: header.namespace,
        statefulset: header.statefulset,
    });
    for event in events {
        model.apply(event);
        if stop(&model) {
            break;
        }
    }
    model
}
