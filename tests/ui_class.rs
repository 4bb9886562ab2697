//! Snapshot tests (TestBackend + insta, styles included) of the class grid
//! (`stsdash class`): 30 students of the mehdb lesson at 100×30 on the
//! projector theme, each at a step of their own, one stuck on a StorageClass
//! that does not exist, one on its step longer than --stuck-after, one whose
//! namespace the teacher may not read; sorted by progress, then stuck first
//! and scrolled to the last row.

mod fits;

use ratatui::buffer::Buffer;
use serde_json::json;
use stsdash::lesson::class::{Class, Row, Students, summary};
use stsdash::lesson::{self, builtin};
use stsdash::model::{Change, ClusterEvent, Millis, Model, Object, Scope};
use stsdash::ui::Theme;
use stsdash::ui::class::{ClassView, Grid, draw, order};

const T0: Millis = 1_780_000_000_000;

fn apply(model: &mut Model, at: Millis, object: serde_json::Value, kind: &str) {
    let object: Object = serde_json::from_value(json!({"kind": kind, "object": object})).unwrap();
    model.apply(ClusterEvent {
        at,
        change: Change::Applied(object),
    });
}

fn time(at: Millis) -> String {
    stsdash::model::fixtures::time(at)
}

/// mehdb-N in `ns`: Ready, or Pending on no node.
fn pod(model: &mut Model, at: Millis, ns: &str, n: u32, ready: bool) {
    let name = format!("mehdb-{n}");
    let (node, status) = if ready {
        (
            json!("node-1"),
            json!({"phase": "Running", "conditions": [{"type": "Ready", "status": "True"}]}),
        )
    } else {
        (json!(null), json!({"phase": "Pending"}))
    };
    let object = json!({
        "metadata": {"name": name, "namespace": ns, "uid": format!("{ns}-{name}"), "resourceVersion": "1",
            "ownerReferences": [{"apiVersion": "apps/v1", "kind": "StatefulSet", "name": "mehdb", "uid": "s", "controller": true}]},
        "spec": {"nodeName": node, "containers": [{"name": "shard"}],
            "volumes": [{"name": "data", "persistentVolumeClaim": {"claimName": format!("data-{name}")}}]},
        "status": status
    });
    apply(model, at, object, "Pod");
}

fn claim(model: &mut Model, at: Millis, ns: &str, n: u32, bound: bool) {
    let object = json!({
        "metadata": {"name": format!("data-mehdb-{n}"), "namespace": ns, "uid": format!("{ns}-c{n}"), "resourceVersion": "1"},
        "status": {"phase": if bound { "Bound" } else { "Pending" }}
    });
    apply(model, at, object, "PersistentVolumeClaim");
}

/// 30 students; the class opened at T0, the grid drawn at `now`.
fn class_of_30() -> (Model, Class, Millis) {
    let mut model = Model::new(Scope::default());
    let mehdb = builtin::BUILT_IN
        .iter()
        .find(|b| b.name == "mehdb")
        .unwrap();
    let lesson = lesson::load(&lesson::Source::BuiltIn(mehdb)).unwrap();
    let mut class = Class::new(
        lesson,
        Students {
            prefix: Some("student-".into()),
        },
        180_000,
    );
    for i in 1..=30 {
        let ns = format!("student-{i}");
        let object = json!({"metadata": {"name": ns, "uid": ns, "resourceVersion": "1"}});
        apply(&mut model, T0, object, "Namespace");
    }
    apply(
        &mut model,
        T0,
        json!({"metadata": {"name": "kube-system", "uid": "k", "resourceVersion": "1"}}),
        "Namespace",
    );
    class.update(&model);
    // Most of the class: mehdb-0 and mehdb-1 Ready with their claims (steps
    // 1 and 2), then some scaled to 4 (step 3, and step 4 with it).
    for i in 1..=30u32 {
        let ns = format!("student-{i}");
        if matches!(i, 7 | 12) {
            continue; // 7: stuck on a missing class; 12: not begun
        }
        let at = T0 + 20_000 + Millis::from(i) * 1_000;
        for n in 0..2 {
            pod(&mut model, at, &ns, n, true);
            claim(&mut model, at, &ns, n, true);
        }
        class.update(&model);
        if i % 3 != 0 {
            let at = at + 30_000;
            for n in 2..4 {
                pod(&mut model, at, &ns, n, true);
                claim(&mut model, at, &ns, n, true);
            }
            class.update(&model);
        }
    }
    // student-7: its claims' class does not exist.
    let at = T0 + 25_000;
    pod(&mut model, at, "student-7", 0, false);
    claim(&mut model, at, "student-7", 0, false);
    let event = json!({
        "metadata": {"name": "data-mehdb-0.1", "namespace": "student-7", "uid": "e7", "resourceVersion": "1"},
        "involvedObject": {"kind": "PersistentVolumeClaim", "name": "data-mehdb-0", "namespace": "student-7"},
        "reason": "ProvisioningFailed", "type": "Warning",
        "message": "storageclass.storage.k8s.io \"fast\" not found",
        "firstTimestamp": time(at), "lastTimestamp": time(at)
    });
    apply(&mut model, at, event, "Event");
    // student-23: the teacher may not read it.
    model.apply(ClusterEvent {
        at: T0 + 1_000,
        change: Change::InNamespace {
            namespace: "student-23".into(),
            of: Box::new(Change::WatchFailed {
                kind: stsdash::model::Kind::Pod,
                message: "pods is forbidden: User \"system:serviceaccount:teacher-student:teacher\" cannot list resource \"pods\" in API group \"\" in the namespace \"student-23\"".into(),
                forbidden: true,
            }),
        },
    });
    class.update(&model);
    // 200 s in: student-12, on step 1 since T0, is stuck too (the others
    // on their step since 23 s in at the earliest: not yet).
    (model, class, T0 + 200_000)
}

/// The frame's lines, as text.
fn lines(buffer: &Buffer) -> Vec<String> {
    let width = buffer.area.width as usize;
    let symbols: Vec<&str> = buffer.content.iter().map(|c| c.symbol()).collect();
    symbols.chunks(width).map(|l| l.concat()).collect()
}

fn render(rows: &[Row], class: &Class, view: &ClassView) -> Buffer {
    render_sized(rows, class, view, 100, 30, "projector")
}

/// The grid as the teacher's terminal shows it, in this thread's language.
fn render_sized(
    rows: &[Row],
    class: &Class,
    view: &ClassView,
    width: u16,
    height: u16,
    theme: &str,
) -> Buffer {
    let theme = Theme::load(theme).unwrap();
    let steps: Vec<String> = class.lesson.steps.iter().map(|s| s.title.clone()).collect();
    let grid = Grid {
        title: stsdash::t!("class-title", name = "mehdb", title = class.lesson.title),
        context: "teacher@student".into(),
        mode: None,
        note: Some(stsdash::t!("class-per-namespace", kinds = "pods")),
        rows,
        steps: &steps,
        summary: summary(rows),
        status: None,
    };
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| draw(frame, frame.area(), &grid, view, &theme))
        .unwrap();
    terminal.backend().buffer().clone()
}

#[test]
fn thirty_students_read_at_100x30_on_the_projector() {
    let (model, class, now) = class_of_30();
    let view = ClassView::default();
    let mut rows = class.rows(&model, now);
    order(&mut rows, &view);
    let buffer = render(&rows, &class, &view);
    let screen = lines(&buffer).join("\n");
    assert!(
        screen.contains("18 of 29 past step 4; 2 stuck on step 1; 1 not permitted"),
        "{screen}"
    );
    // By progress: the furthest behind first, the longest on their step first.
    let first: Vec<&str> = screen.lines().skip(4).take(3).collect();
    assert!(
        first[0].starts_with("⚠ student-12 ") && first[0].contains("● · · · · · · ·   1/8   3m"),
        "{screen}"
    );
    assert!(
        first[1].starts_with("⚠ student-7 ")
            && first[1].contains("ProvisioningFailed: storageclass \"fast\" not found"),
        "{screen}"
    );
    assert!(first[2].contains("✓ ✓ ● · · · · ·   3/8"), "{screen}");
    assert!(screen.contains("rows 1–23 of 30"), "{screen}");
    assert!(
        screen.contains(
            "student-12 · step 1 of 8 · Create the StatefulSet and its headless Service · stuck 3m"
        ),
        "{screen}"
    );
    insta::assert_debug_snapshot!("class_30_projector_100x30", buffer);
}

#[test]
fn stuck_first_and_scrolled_to_the_last_row_not_permitted_at_the_end() {
    let (model, class, now) = class_of_30();
    let mut view = ClassView {
        stuck_first: true,
        ..ClassView::default()
    };
    let mut rows = class.rows(&model, now);
    order(&mut rows, &view);
    view.selected = rows.last().map(|r| r.namespace.to_string());
    let buffer = render(&rows, &class, &view);
    let screen = lines(&buffer).join("\n");
    assert!(screen.contains("rows 8–30 of 30"), "{screen}");
    let last_row = screen.lines().nth(26).unwrap();
    assert!(
        last_row.starts_with("▸ student-23 ")
            && last_row.contains("not permitted: pods is forbidden"),
        "{screen}"
    );
    assert!(
        screen.contains("student-23: not permitted to read this namespace"),
        "{screen}"
    );
    insta::assert_debug_snapshot!("class_stuck_first_scrolled_100x30", buffer);
}

/// The grid in Russian and Traditional Chinese (issue #24), at 100×30 and
/// 160×45, projector and default: snapshots, and no word cut at a side (`fits`).
#[test]
fn the_grid_in_russian_and_chinese() {
    use stsdash::i18n::{Lang, with_lang};
    for lang in [Lang::Ru, Lang::ZhTw] {
        with_lang(lang, || {
            let (model, class, now) = class_of_30();
            let view = ClassView::default();
            let mut rows = class.rows(&model, now);
            order(&mut rows, &view);
            let whole = fits::words(&render_sized(&rows, &class, &view, 400, 120, "default"));
            for ((w, h), theme) in [(100, 30), (160, 45)]
                .into_iter()
                .flat_map(|size| ["projector", "default"].map(|theme| (size, theme)))
            {
                let buffer = render_sized(&rows, &class, &view, w, h, theme);
                let cut = fits::cut_words(&buffer, &whole, None);
                assert!(
                    cut.is_empty(),
                    "{} {theme} {w}x{h}:\n{}\n{}",
                    lang.tag(),
                    cut.join("\n"),
                    lines(&buffer).join("\n")
                );
                let name = match theme {
                    "projector" => format!("class_30_{}_{w}x{h}", lang.tag()),
                    _ => format!("class_30_{}_{theme}_{w}x{h}", lang.tag()),
                };
                insta::assert_debug_snapshot!(name, buffer);
            }
        });
    }
}
