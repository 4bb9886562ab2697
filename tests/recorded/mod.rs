//! The shipped recordings (examples/recordings, made on the lab) as models,
//! for the snapshot tests.

use std::path::Path;

use stsdash::app::recording;
use stsdash::model::{Model, Scope};

/// A recording's model, applied up to the first event after which `stop`
/// holds (the whole recording when it never does).
pub fn recorded(name: &str, mut stop: impl FnMut(&Model) -> bool) -> Model {
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

/// One frame of the dashboard drawn on a TestBackend.
#[allow(dead_code)] // not every test file that reads a recording draws it
pub fn render(
    width: u16,
    height: u16,
    model: &Model,
    view: &stsdash::ui::ViewState,
    theme: &stsdash::ui::Theme,
) -> ratatui::buffer::Buffer {
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| {
            stsdash::ui::draw(frame, model, view, theme);
        })
        .unwrap();
    terminal.backend().buffer().clone()
}

/// The frame's lines, as text.
#[allow(dead_code)] // idem
pub fn lines(buffer: &ratatui::buffer::Buffer) -> Vec<String> {
    let width = buffer.area.width as usize;
    let symbols: Vec<&str> = buffer.content.iter().map(|c| c.symbol()).collect();
    symbols.chunks(width).map(|l| l.concat()).collect()
}

/// Each pod's log as a stream delivers it: thirty lines, `line(pod, n)`
/// each (escape sequences and all), split as the log follower splits them.
#[allow(dead_code)] // idem
pub fn with_logs(mut model: Model, line: impl Fn(&str, usize) -> String) -> Model {
    use stsdash::model::{Change, ClusterEvent, Key, Text};
    let pods: Vec<(Key, Text)> = model
        .store
        .pods
        .iter()
        .map(|(k, p)| (k.clone(), p.metadata.uid.clone()))
        .collect();
    let at = model.now;
    for (key, uid) in &pods {
        let mut splitter = stsdash::model::log::LineSplitter::new(false);
        let bytes: String = (1..=30).map(|n| line(&key.name, n)).collect();
        model.apply(ClusterEvent {
            at,
            change: Change::LogLines {
                pod: key.clone(),
                uid: uid.clone(),
                container: "nginx".into(),
                lines: splitter.feed(bytes.as_bytes()),
            },
        });
    }
    model
}
