//! The class app without a cluster: events in, keys in, frames on a
//! TestBackend; what it asks of the runner.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde_json::json;

use super::*;
use crate::model::{Change, ClusterEvent, Object};

fn app() -> ClassApp {
    let mehdb = crate::lesson::builtin::BUILT_IN
        .iter()
        .find(|b| b.name == "mehdb")
        .unwrap();
    let lesson = lesson::load(&lesson::Source::BuiltIn(mehdb)).unwrap();
    let recorded = RecordedClass {
        prefix: Some("s-".into()),
        selector: None,
        stuck_after_ms: 180_000,
        note: None,
    };
    let settings = Settings {
        read_only: true,
        ..Settings::default()
    };
    let mut app = ClassApp::new(
        Source::Channel,
        Theme::load("projector").unwrap(),
        settings,
        false,
        lesson,
        &recorded,
    );
    app.per_namespace = vec![Kind::Pod];
    app
}

fn event(change: Change) -> Msg {
    Msg::Cluster(ClusterEvent { at: 1_000, change })
}

fn namespace(name: &str) -> Object {
    Object::Namespace(
        serde_json::from_value(
            json!({"metadata": {"name": name, "uid": name, "resourceVersion": "1"}}),
        )
        .unwrap(),
    )
}

fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// Takes the messages as the loop does; returns every effect.
fn take(app: &mut ClassApp, msgs: Vec<Msg>) -> Vec<Effect> {
    let mut effects = Vec::new();
    for msg in msgs {
        effects.extend(Looped::update(app, msg));
    }
    effects.extend(Looped::settle(app));
    effects
}

fn screen(app: &mut ClassApp) -> String {
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    Looped::draw(app, &mut terminal).unwrap();
    let buffer = terminal.backend().buffer();
    let symbols: Vec<&str> = buffer.content.iter().map(|c| c.symbol()).collect();
    symbols
        .chunks(100)
        .map(|l| l.concat())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every watch of a class listed (the namespaces with `names`), the pods'
/// namespace by namespace.
fn listed(names: &[&str]) -> Vec<Msg> {
    let mut msgs = Vec::new();
    for kind in std::iter::once(Kind::Namespace)
        .chain(watches::NAMESPACED)
        .chain(watches::CLUSTER_WIDE)
        .filter(|k| *k != Kind::Pod)
    {
        msgs.push(event(Change::InitStarted { kind }));
        if kind == Kind::Namespace {
            msgs.extend(
                names
                    .iter()
                    .map(|n| event(Change::InitObject(namespace(n)))),
            );
        }
        msgs.push(event(Change::InitDone { kind }));
    }
    msgs
}

#[test]
fn with_no_student_yet_the_class_is_synced_and_says_so() {
    let mut app = app();
    let effects = take(&mut app, listed(&[]));
    assert!(
        effects.is_empty(),
        "no namespace to watch one by one: {effects:?}"
    );
    assert!(
        app.dashboard.model.is_synced(),
        "{:?}",
        app.dashboard.model.access
    );
    let screen = screen(&mut app);
    assert!(screen.contains("no students yet"), "{screen}");
    assert!(!screen.contains("connecting"), "{screen}");
}

#[test]
fn students_are_watched_one_by_one_opened_with_enter_and_left_with_esc() {
    let mut app = app();
    let effects = take(&mut app, listed(&["s-1", "s-2", "other"]));
    let asked: Vec<&Vec<String>> = effects
        .iter()
        .filter_map(|e| match e {
            Effect::WatchNamespaces(names) => Some(names),
            _ => None,
        })
        .collect();
    assert_eq!(asked, [&vec!["s-1".to_string(), "s-2".to_string()]]);
    let grid = screen(&mut app);
    assert!(grid.contains("0 of 2 past step 1"), "{grid}");
    assert!(!grid.contains(" other "), "{grid}");
    // s: by name; End: the last row; Enter opens it in the dashboard.
    take(&mut app, vec![key(KeyCode::Char('s')), key(KeyCode::End)]);
    take(&mut app, vec![key(KeyCode::Enter)]);
    let zoomed = screen(&mut app);
    assert!(zoomed.contains("ns s-2"), "{zoomed}");
    assert!(
        zoomed.contains("s-2, read-only · Esc: back to the class"),
        "{zoomed}"
    );
    // The dashboard's keys are the dashboard's: a scale is refused, read-only.
    take(&mut app, vec![key(KeyCode::Char('+'))]);
    let refused = screen(&mut app);
    assert!(refused.contains("stsdash changes nothing"), "{refused}");
    take(&mut app, vec![key(KeyCode::Esc)]);
    let grid = screen(&mut app);
    assert!(grid.starts_with("class · mehdb"), "{grid}");
    assert!(grid.contains("s sort: name"), "{grid}");
    // A student who leaves is no longer watched.
    let effects = take(&mut app, vec![event(Change::Deleted(namespace("s-1")))]);
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::WatchNamespaces(n) if n == &["s-2".to_string()])),
        "{effects:?}"
    );
    // q on the grid quits.
    let effects = take(&mut app, vec![key(KeyCode::Char('q'))]);
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::Exit(Exit::Quit)))
    );
}
