//! Snapshot tests (TestBackend + insta, styles included) of a dashboard
//! opened on a StatefulSet that ran before it: the rows' past reconstructed
//! from the pods' timestamps and the Events the API kept, drawn apart from
//! what stsdash saw.

mod recorded;

use recorded::{lines, recorded, render};
use serde_json::json;
use stsdash::model::fixtures::{NS, ready_pod_since, sts};
use stsdash::model::{Change, ClusterEvent, Kind, Millis, Model, Scope};
use stsdash::ui::{Theme, ViewState};

fn view(model: &Model, span: Millis) -> ViewState {
    let mut view = ViewState::default();
    view.labels.context = "kwok-stsdash".into();
    view.nav.span = span;
    view.labels.hints = stsdash::app::keymap::hints(false, stsdash::app::keymap::Mode::Live);
    view.chrome.clock = Some(model.now);
    view
}

/// A timeline row's bar: what is between the pod's name and the state column.
fn bar<'a>(lines: &'a [String], pod: &str) -> &'a str {
    let line = lines
        .iter()
        .find(|l| l.starts_with(&format!("│{pod} ")))
        .unwrap_or_else(|| panic!("no row {pod}:\n{}", lines.join("\n")));
    let start = line.find(' ').unwrap();
    let end = line.find('▏').unwrap_or(line.len());
    &line[start..end]
}

#[test]
fn a_statefulset_opened_late_shows_its_past_reconstructed() {
    // Recorded on the lab (examples/recordings/record opened_late): web
    // started, scaled 2 → 4 → 2 and web-0 deleted, all before stsdash
    // started; then, watched, scaled to 3.
    let model = recorded("opened_late", |_| false);
    let view = view(&model, model.now - model.earliest());
    for name in ["default", "projector"] {
        let theme = Theme::load(name).unwrap();
        for (w, h) in [(100, 30), (160, 45)] {
            let buffer = render(w, h, &model, &view, &theme);
            insta::assert_debug_snapshot!(format!("opened_late_{name}_{w}x{h}"), buffer);
        }
    }

    let theme = Theme::default_theme();
    let buffer = render(160, 45, &model, &view, &theme);
    let lines = lines(&buffer);
    let screen = lines.join("\n");
    // Every row has its past: lower case where reconstructed, upper case where seen.
    let web0 = bar(&lines, "web-0");
    assert!(web0.contains('y') && web0.contains('Y'), "{screen}");
    // web-3 was removed before stsdash started: its row is all reconstructed.
    let web3 = bar(&lines, "web-3");
    assert!(web3.contains('r') && web3.contains('|'), "{screen}");
    assert!(!web3.chars().any(|c| c.is_ascii_uppercase()), "{screen}");
    // web-2 was removed, then created again while watched.
    let web2 = bar(&lines, "web-2");
    assert!(web2.contains('r') && web2.contains('R'), "{screen}");
    assert!(screen.contains("(reconstructed)"), "{screen}");
    assert!(
        screen.contains("web: SuccessfulDelete: Delete Pod web-3"),
        "{screen}"
    );

    // Drawn apart from what was seen: the phase's colour, not its filled block.
    let row = lines.iter().position(|l| l.starts_with("│web-1 ")).unwrap() as u16;
    let cells: Vec<_> = (0..buffer.area.width)
        .map(|x| buffer[(x, row)].clone())
        .collect();
    let reconstructed = cells.iter().find(|c| c.symbol() == "y").unwrap();
    let seen = cells.iter().find(|c| c.symbol() == "Y").unwrap();
    assert_eq!(seen.bg, theme.ready.bg.unwrap());
    assert_ne!(reconstructed.bg, seen.bg);
    assert_eq!(Some(reconstructed.fg), theme.ready.bg);
}

#[test]
fn an_hour_of_past_fills_every_row() {
    // Three pods created an hour before stsdash started, 10 s apart.
    let t0: Millis = 1_767_225_600_000;
    let opened = t0 + 3_600_000;
    let mut model = Model::new(Scope {
        namespace: Some(NS.into()),
        statefulset: None,
    });
    let objects = [
        sts(3, 1, json!({})),
        ready_pod_since(0, "a", t0),
        ready_pod_since(1, "b", t0 + 10_000),
        ready_pod_since(2, "c", t0 + 20_000),
    ];
    let mut at = opened;
    for kind in Kind::ALL {
        let mut send = |change| {
            at += 1;
            model.apply(ClusterEvent { at, change });
        };
        send(Change::InitStarted { kind });
        for object in objects.iter().filter(|o| o.kind() == kind) {
            send(Change::InitObject(object.clone()));
        }
        send(Change::InitDone { kind });
    }
    let view = view(&model, 3_600_000);
    let theme = Theme::load("projector").unwrap();
    let buffer = render(100, 30, &model, &view, &theme);
    insta::assert_debug_snapshot!("an_hour_of_past_100x30_projector", buffer);
    let lines = lines(&buffer);
    let screen = lines.join("\n");
    for pod in ["web-0", "web-1", "web-2"] {
        // From its creation mark to now, not one blank column.
        let bar = bar(&lines, pod);
        let past = bar.trim_start().trim_end_matches(' ');
        assert!(
            past.starts_with('+') || past.starts_with('✓'),
            "{pod}: {screen}"
        );
        assert!(
            !past.contains(' '),
            "{pod} has a blank in its past: {screen}"
        );
        assert!(past.chars().filter(|c| *c == 'y').count() > 40, "{screen}");
    }
    assert!(screen.contains("1h window"), "{screen}");
}
