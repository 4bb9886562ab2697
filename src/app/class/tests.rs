//! The class app without a cluster: events in, keys in, frames on a
//! TestBackend; what it asks of the runner.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde_json::json;

use super::*;
use crate::model::{Change, ClusterEvent, Object};

fn app() -> ClassApp {
    app_with(Source::Channel, true)
}

fn app_with(source: Source, read_only: bool) -> ClassApp {
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
        read_only,
        ..Settings::default()
    };
    ClassApp::new(
        source,
        Theme::load("projector").unwrap(),
        settings,
        false,
        lesson,
        &recorded,
    )
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

/// Every watch of a class at rest listed (the namespaces with `names`),
/// but the pods' across the cluster: refused (403).
fn listed(names: &[&str]) -> Vec<Msg> {
    let mut msgs = vec![event(Change::WatchFailed {
        kind: Kind::Pod,
        message: "pods is forbidden".into(),
        forbidden: true,
    })];
    for kind in watches::GRID.into_iter().filter(|k| *k != Kind::Pod) {
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

/// The watches besides those across the cluster the app asked for last.
fn asked(effects: &[Effect]) -> Option<&watches::Wanted> {
    effects.iter().rev().find_map(|e| match e {
        Effect::ClassWatches(wanted) => Some(wanted),
        _ => None,
    })
}

/// The kinds only a zoomed dashboard reads, for the mehdb lesson.
const ZOOM: [Kind; 5] = [
    Kind::PersistentVolume,
    Kind::StorageClass,
    Kind::Service,
    Kind::EndpointSlice,
    Kind::ControllerRevision,
];

#[test]
fn with_no_student_yet_the_class_is_synced_and_says_so() {
    let mut app = app();
    let effects = take(&mut app, listed(&[]));
    let wanted = asked(&effects).expect("the pods refused across the cluster");
    assert!(wanted.namespaces.is_empty(), "no namespace: {wanted:?}");
    assert_eq!(wanted.per_namespace, [Kind::Pod]);
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
fn at_rest_only_the_grids_kinds_are_watched_and_a_zoom_watches_its_own() {
    let mut app = app();
    // mehdb's conditions read pods, claims and StatefulSets: nothing more.
    assert_eq!(app.at_rest, watches::GRID);
    let mut access: Vec<Kind> = app.dashboard.model.access.keys().copied().collect();
    access.sort();
    let mut grid = watches::GRID.to_vec();
    grid.sort();
    assert_eq!(access, grid, "only what is watched is waited for");
    // An admin: every watch across the cluster answers; nothing else asked.
    let mut msgs = Vec::new();
    for kind in watches::GRID {
        msgs.push(event(Change::InitStarted { kind }));
        if kind == Kind::Namespace {
            msgs.push(event(Change::InitObject(namespace("s-1"))));
        }
        msgs.push(event(Change::InitDone { kind }));
    }
    let effects = take(&mut app, msgs);
    let wanted = asked(&effects).unwrap();
    assert_eq!((&wanted.per_namespace, &wanted.zoom), (&vec![], &None));
    assert!(app.dashboard.model.is_synced());
    // Enter: the zoomed namespace's own kinds, waited for until they list.
    let effects = take(&mut app, vec![key(KeyCode::Enter)]);
    let zoom = asked(&effects).and_then(|w| w.zoom.clone());
    assert_eq!(zoom, Some(("s-1".to_string(), ZOOM.to_vec())));
    assert!(screen(&mut app).contains("connecting"));
    let listed = ZOOM.into_iter().flat_map(|kind| {
        [
            event(Change::InitStarted { kind }),
            event(Change::InitDone { kind }),
        ]
    });
    take(&mut app, listed.collect());
    let zoomed = screen(&mut app);
    assert!(zoomed.contains("● synced"), "{zoomed}");
    // Esc stops them; what one says after it is not the class's state.
    let effects = take(&mut app, vec![key(KeyCode::Esc)]);
    assert_eq!(asked(&effects).map(|w| &w.zoom), Some(&None));
    let late = event(Change::WatchFailed {
        kind: Kind::Service,
        message: "connection reset".into(),
        forbidden: false,
    });
    take(&mut app, vec![late]);
    assert!(
        app.dashboard.model.is_synced(),
        "{:?}",
        app.dashboard.model.access
    );
    assert!(!screen(&mut app).contains("reconnecting"));
}

#[test]
fn a_lesson_that_reads_volumes_watches_them_at_rest() {
    let billing = crate::lesson::builtin::BUILT_IN
        .iter()
        .find(|b| b.name == "billing")
        .unwrap();
    let lesson = lesson::load(&lesson::Source::BuiltIn(billing)).unwrap();
    let kinds = at_rest(&lesson);
    assert!(kinds.contains(&Kind::PersistentVolume), "{kinds:?}");
    assert!(!kinds.contains(&Kind::Service), "{kinds:?}");
}

/// A class whose students' namespace is the web recording's, fed it.
fn web_class(read_only: bool) -> ClassApp {
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/recordings/web_scale.jsonl");
    let (header, events) = crate::app::recording::read(&file).unwrap();
    let ns = header.namespace.unwrap().to_string();
    // Live: what it asks for is what a cluster would get.
    let live = Source::Live {
        context: "test".into(),
    };
    let mut app = app_with(live, read_only);
    app.class.students.prefix = Some(ns.clone());
    let mut msgs = listed(&[ns.as_str()]);
    msgs.extend(events.into_iter().map(Msg::Cluster));
    take(&mut app, msgs);
    take(&mut app, vec![key(KeyCode::Enter)]);
    app
}

#[test]
fn a_zoomed_dashboard_acts_only_when_actions_are_allowed() {
    let plus = || key(KeyCode::Char('+'));
    let acts = |effects: &[Effect]| effects.iter().any(|e| matches!(e, Effect::Act(_)));
    // By default: read-only, and every header says so.
    let mut app = web_class(true);
    let zoomed = screen(&mut app);
    let second = |screen: &str| screen.lines().nth(1).unwrap_or_default().to_string();
    assert!(second(&zoomed).starts_with(" read-only "), "{zoomed}");
    assert!(
        zoomed.contains(", read-only · Esc: back to the class"),
        "{zoomed}"
    );
    let effects = take(&mut app, vec![plus()]);
    assert!(!acts(&effects), "{effects:?}");
    assert!(screen(&mut app).contains("stsdash changes nothing"));
    // Allowed: the same key scales, and the headers say so.
    let mut app = web_class(false);
    let zoomed = screen(&mut app);
    assert!(second(&zoomed).starts_with(" actions allowed "), "{zoomed}");
    let effects = take(&mut app, vec![plus()]);
    assert!(acts(&effects), "{effects:?}");
    take(&mut app, vec![key(KeyCode::Esc)]);
    let grid = screen(&mut app);
    assert!(
        grid.lines().next().unwrap().contains(" actions allowed · "),
        "{grid}"
    );
}

#[test]
fn students_are_watched_one_by_one_opened_with_enter_and_left_with_esc() {
    let mut app = app();
    let effects = take(&mut app, listed(&["s-1", "s-2", "other"]));
    let wanted = asked(&effects).unwrap();
    assert_eq!(wanted.namespaces, ["s-1", "s-2"]);
    assert_eq!(wanted.per_namespace, [Kind::Pod]);
    let grid = screen(&mut app);
    assert!(grid.contains("0 of 2 past step 1"), "{grid}");
    assert!(!grid.contains(" other "), "{grid}");
    // Their pods' watches list: the grid says how it watches.
    let in_ns = |ns: &str, change| {
        event(Change::InNamespace {
            namespace: ns.into(),
            of: Box::new(change),
        })
    };
    let kind = Kind::Pod;
    let pods = ["s-1", "s-2"].into_iter().flat_map(|ns| {
        [
            in_ns(ns, Change::InitStarted { kind }),
            in_ns(ns, Change::InitDone { kind }),
        ]
    });
    take(&mut app, pods.collect());
    let grid = screen(&mut app);
    assert!(
        grid.contains("watching each student's namespace on its own: this user may not list pods"),
        "{grid}"
    );
    assert!(app.dashboard.model.is_synced());
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
    assert_eq!(
        asked(&effects).map(|w| &w.namespaces[..]),
        Some(&["s-2".to_string()][..])
    );
    // q on the grid quits.
    let effects = take(&mut app, vec![key(KeyCode::Char('q'))]);
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::Exit(Exit::Quit)))
    );
}
