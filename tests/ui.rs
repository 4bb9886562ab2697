//! Snapshot tests of the dashboard's views (ratatui TestBackend + insta,
//! styles included), fed from a recording made on the lab: the web example
//! scaled 2 → 4 → 2, so the timeline has ordered starts, a scale-down and
//! kept claims. Each theme at 80×24, 100×30, 160×45 and 220×60, and the
//! smallest sizes; the storage graph of each storage seed at 100×30.

mod recorded;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use recorded::recorded;
use stsdash::model::{Change, ClusterEvent, Kind, Model, Scope};
use stsdash::ui::{self, Pane, Theme, ViewState};

fn model() -> Model {
    recorded("web_scale", |_| false)
}

fn view(model: &Model) -> ViewState {
    let mut view = ViewState::default();
    view.labels.context = "kwok-stsdash".into();
    view.nav.span = model.now - model.started.unwrap();
    view.nav.selected = 2;
    view.labels.hints = stsdash::app::keymap::hints(false, stsdash::app::keymap::Mode::Live);
    view.labels.help = stsdash::app::keymap::hints(true, stsdash::app::keymap::Mode::Live);
    view
}

fn render(
    width: u16,
    height: u16,
    model: &Model,
    view: &ViewState,
    theme: &Theme,
) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| {
            ui::draw(frame, model, view, theme);
        })
        .unwrap();
    terminal
}

/// A laptop, a projector with a large font, a wide screen and a big one.
const SIZES: [(u16, u16); 4] = [(80, 24), (100, 30), (160, 45), (220, 60)];

#[test]
fn every_theme_at_every_size() {
    let model = model();
    let view = view(&model);
    for (name, _) in ui::theme::BUILT_IN {
        let theme = Theme::load(name).unwrap();
        for (w, h) in SIZES {
            let terminal = render(w, h, &model, &view, &theme);
            insta::assert_debug_snapshot!(
                format!("dashboard_{name}_{w}x{h}"),
                terminal.backend().buffer()
            );
        }
    }
}

/// NO_COLOR's theme: not one cell has a colour; the phases still read by letter.
#[test]
fn the_mono_theme_draws_no_colour() {
    let model = model();
    let terminal = render(
        100,
        30,
        &model,
        &view(&model),
        &Theme::load("mono").unwrap(),
    );
    let buffer = terminal.backend().buffer();
    let mut text = String::new();
    for cell in buffer.content() {
        assert_eq!(
            (cell.fg, cell.bg),
            (ratatui::style::Color::Reset, ratatui::style::Color::Reset),
            "{cell:?}"
        );
        text.push_str(cell.symbol());
    }
    assert!(text.contains("YYYY") && text.contains("Ready"), "{text}");
}

#[test]
fn the_text_reads_without_colour() {
    // Phases carry letters and markers glyphs, so a black-and-white screen still reads.
    let model = model();
    let terminal = render(
        100,
        30,
        &model,
        &view(&model),
        &Theme::load("default").unwrap(),
    );
    let text = format!("{}", terminal.backend());
    insta::assert_snapshot!("dashboard_text_100x30", text);
    assert!(text.contains("web-3"), "{text}");
    assert!(text.contains("kept, no pod"), "{text}");
}

#[test]
fn small_terminals_and_the_help_overlay_do_not_break() {
    let model = model();
    let mut view = view(&model);
    view.chrome.dialog = Some(ui::Dialog::Help { scroll: 0 });
    view.nav.focus = Pane::Storage;
    let theme = Theme::load("projector").unwrap();
    // Each size draws the help as far as it fits, every cell printable.
    for (w, h, shows) in [
        (80, 24, &["┌ Keys", "q  quit", "?  help"][..]),
        (40, 12, &["┌ Keys", "q  quit", "?  help"][..]),
        (10, 5, &["┌ Keys"][..]),
        (1, 1, &["┌"][..]),
    ] {
        let terminal = render(w, h, &model, &view, &theme);
        let buffer = terminal.backend().buffer();
        assert_eq!((buffer.area.width, buffer.area.height), (w, h));
        assert!(
            buffer
                .content()
                .iter()
                .all(|c| !c.symbol().is_empty() && !c.symbol().chars().any(char::is_control)),
            "{w}x{h}: a cell is not printable"
        );
        let text = format!("{}", terminal.backend());
        for words in shows {
            assert!(text.contains(words), "{w}x{h}: {words:?} in\n{text}");
        }
    }
    let terminal = render(80, 24, &model, &view, &theme);
    insta::assert_snapshot!("help_80x24", format!("{}", terminal.backend()));
}

#[test]
fn an_empty_namespace_says_it_lists_then_that_it_is_watching() {
    let mut model = Model::new(Scope {
        namespace: Some("demo".into()),
        statefulset: Some("web".into()),
    });
    let screen = |model: &Model| {
        let terminal = render(
            100,
            30,
            model,
            &ViewState::default(),
            &Theme::default_theme(),
        );
        format!("{}", terminal.backend())
    };
    // Before the first list nothing can be said missing.
    let text = screen(&model);
    assert!(
        text.contains("Listing StatefulSets: waiting for the API server's first answer"),
        "{text}"
    );
    assert!(!text.contains("not found"), "{text}");
    assert!(text.contains("connecting"), "{text}");
    for change in [
        Change::InitStarted {
            kind: Kind::StatefulSet,
        },
        Change::InitDone {
            kind: Kind::StatefulSet,
        },
    ] {
        model.apply(ClusterEvent { at: 1_000, change });
    }
    let text = screen(&model);
    assert!(
        text.contains("StatefulSet web not found yet: watching for it to appear"),
        "{text}"
    );
}

#[test]
fn log_panes_side_by_side() {
    use stsdash::ui::LogMode;
    // As a log stream delivers them: bytes, escape sequences and all.
    let model = recorded::with_logs(model(), |pod, n| {
        format!("host {pod}, request {n}, GET / 200 \x1b[31m(escape removed)\x1b[0m\n")
    });
    let mut view = view(&model);
    view.nav.logs = LogMode::All;
    view.nav.focus = Pane::Logs;
    let theme = Theme::load("default").unwrap();
    for (w, h) in [(100, 30), (220, 60)] {
        let terminal = render(w, h, &model, &view, &theme);
        let text = format!("{}", terminal.backend());
        assert!(
            text.contains("host web-0, request 30") && text.contains("host web-1, request 30"),
            "{text}"
        );
        assert!(!text.contains('\x1b'));
        insta::assert_snapshot!(format!("logs_{w}x{h}"), text);
    }
}

#[test]
fn the_action_dialogs() {
    use stsdash::model::{Change, ClusterEvent, Key, Object};
    use stsdash::ui::Dialog;
    let mut model = model();
    let theme = Theme::load("default").unwrap();
    let web = Key::new("rec-web-scale", "web");
    let web0 = model
        .store
        .pods
        .get(&Key::new("rec-web-scale", "web-0"))
        .unwrap();
    let uid = web0.metadata.uid.clone();

    let mut view = view(&model);
    view.nav.selected = 0;
    view.chrome.dialog = Some(Dialog::ConfirmDelete {
        pod: Key::new("rec-web-scale", "web-0"),
        uid,
    });
    let terminal = render(100, 30, &model, &view, &theme);
    insta::assert_debug_snapshot!("confirm_delete_100x30", terminal.backend().buffer());
    let text = format!("{}", terminal.backend());
    assert!(text.contains("Delete pod web-0?"), "{text}");

    view.chrome.dialog = Some(Dialog::Replicas {
        uid: "sts-uid".into(),
        statefulset: web.clone(),
        current: 2,
        limit: 100,
        input: String::new(),
        refused: Some("\"abc\" is not a whole number (0 to 100)".into()),
    });
    // A scale asked for that the StatefulSet does not show yet.
    view.chrome.requested = Some(ui::RequestedScale {
        statefulset: web.clone(),
        to: 3,
        since: model.now,
    });
    let text = format!("{}", render(100, 30, &model, &view, &theme).backend());
    insta::assert_snapshot!("replicas_prompt_100x30", text);
    assert!(
        text.contains("Scale web from 2 to how many replicas?"),
        "{text}"
    );
    assert!(text.contains("→ 3 requested"), "{text}");

    // Two StatefulSets: the picker lists both with their replicas.
    let mut other = model.store.statefulsets.get(&web).unwrap().clone();
    other.metadata.name = "db".into();
    other.metadata.uid = "db-uid".into();
    model.apply(ClusterEvent {
        at: model.now,
        change: Change::Applied(Object::StatefulSet(other)),
    });
    let mut view = stsdash_view_with_picker(&model);
    let text = format!("{}", render(100, 30, &model, &view, &theme).backend());
    insta::assert_snapshot!("picker_100x30", text);
    assert!(text.contains("db") && text.contains("web"), "{text}");
    view.chrome.dialog = None;
    // Smaller, the picker still names both, the selected one marked.
    for (w, h) in [(80, 24), (40, 12)] {
        view.chrome.dialog = Some(Dialog::PickStatefulSet { selected: 1 });
        let terminal = render(w, h, &model, &view, &theme);
        let text = format!("{}", terminal.backend());
        let rows: Vec<(usize, &str)> = text
            .lines()
            .enumerate()
            .filter(|(_, l)| l.contains("ready / "))
            .collect();
        assert_eq!(rows.len(), 2, "{w}x{h}:\n{text}");
        assert!(
            rows[0].1.contains("db") && rows[1].1.contains("web"),
            "{w}x{h}:\n{text}"
        );
        // The selected one (web) is drawn in the selection's style.
        let (y, row) = rows[1];
        let x = row
            .trim_start_matches('"')
            .chars()
            .position(|c| c == 'w')
            .unwrap();
        let cell = &terminal.backend().buffer()[(x as u16, y as u16)];
        assert_eq!(cell.bg, theme.selection.bg.unwrap(), "{w}x{h}: {cell:?}");
    }
}

fn stsdash_view_with_picker(model: &Model) -> ViewState {
    let mut view = view(model);
    view.chrome.dialog = Some(stsdash::ui::Dialog::PickStatefulSet { selected: 1 });
    view
}

#[test]
fn read_only_help_marks_the_actions_disabled() {
    use stsdash::app::keymap::{Mode, hints};
    let model = model();
    let view = {
        let mut view = view(&model);
        view.labels.hints = hints(false, Mode::ReadOnly);
        view.labels.help = hints(true, Mode::ReadOnly);
        view.chrome.dialog = Some(stsdash::ui::Dialog::Help { scroll: 0 });
        view
    };
    let text = format!(
        "{}",
        render(100, 30, &model, &view, &Theme::default_theme()).backend()
    );
    insta::assert_snapshot!("help_read_only_100x30", text);
    assert!(
        text.contains("delete the selected pod (asks y/n) (disabled: --read-only)"),
        "{text}"
    );
}

#[test]
fn a_rolling_update_says_which_row_runs_which_revision() {
    use stsdash::model::views;
    // Stop half-way: some ordinals at the new revision, some at the old.
    let halfway = |model: &Model| {
        let key = model.statefulsets().next().map(|(k, _)| k.clone());
        key.and_then(|k| views::rollout(model, &k))
            .is_some_and(|r| {
                let new = r.ordinals.iter().filter(|o| o.updated).count();
                r.current_revision != r.update_revision && new > 0 && new < r.ordinals.len()
            })
    };
    let model = recorded("rolling_update", halfway);
    assert!(
        halfway(&model),
        "the recording has a half-done rolling update"
    );
    let view = {
        let mut view = ViewState::default();
        view.nav.span = (model.now - model.started.unwrap()).max(1);
        view
    };
    let text = format!(
        "{}",
        render(120, 30, &model, &view, &Theme::default_theme()).backend()
    );
    insta::assert_snapshot!("rolling_update_halfway_120x30", text);
    let rows: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("\"│") && l.contains("-"))
        .collect();
    assert!(rows.iter().any(|l| l.contains(" new ")), "{text}");
    assert!(rows.iter().any(|l| l.contains(" old ")), "{text}");
}

/// The clock redraws the screen only while time moving on would change it:
/// while something on the timeline happened within its window, and not once
/// every row shown has been as it is for longer than the window.
#[test]
fn time_moves_the_timeline_only_while_something_in_its_window_changed() {
    let model = model();
    let mut view = view(&model);
    let theme = &Theme::default_theme();
    let drawn = |view: &ViewState| {
        let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
        let mut drawn = ui::Drawn::default();
        terminal
            .draw(|frame| drawn = ui::draw(frame, &model, view, theme))
            .unwrap();
        drawn
    };
    // The whole recording in the window: its last changes are on screen.
    assert!(drawn(&view).column.is_some());
    // Long after the last event, with a window of one minute: nothing moves.
    view.chrome.clock = Some(model.now + 3_600_000);
    view.nav.span = 60_000;
    assert_eq!(drawn(&view).column, None);
    // The same minute-wide window right after the last event: still moving.
    view.chrome.clock = Some(model.now + 1_000);
    assert!(drawn(&view).column.is_some());
}

/// The storage pane's text, its lines joined, borders and gutters removed.
fn storage_text(screen: &str) -> String {
    let start = screen.find("Storage").expect("a storage pane");
    let pane: Vec<&str> = screen[start..]
        .lines()
        .skip(1)
        .take_while(|l| !l.contains('└'))
        .collect();
    let words: Vec<&str> = pane
        .iter()
        .flat_map(|l| l.split(['│', '┃', '"']))
        .flat_map(|l| l.split_whitespace())
        .collect();
    words.join(" ")
}

/// At 100×30, each storage seed's every claim, volume and class fact is on
/// screen, in the graph or in the selected row's detail, and no word is cut
/// (the one abbreviation: a volume's generated name, whole in the detail).
#[test]
fn every_storage_fact_is_readable_at_100x30() {
    use stsdash::model::views::{self, Visible};
    let available = |m: &Model| {
        m.store
            .volumes
            .values()
            .any(|v| v.status.phase.as_deref() == Some("Available"))
            && m.store
                .pods
                .values()
                .any(|p| stsdash::model::pod::phase(p) == stsdash::model::pod::Phase::Ready)
    };
    type Stop = Box<dyn Fn(&Model) -> bool>;
    let cases: [(&str, Stop); 5] = [
        ("static_pv_waiting", Box::new(available)),
        ("static_pv_waiting", Box::new(|_| false)),
        ("billing_released", Box::new(|_| false)),
        ("pvc_pod_web", Box::new(|_| false)),
        ("retention_delete", Box::new(|_| false)),
    ];
    let theme = Theme::default_theme();
    for (i, (name, stop)) in cases.iter().enumerate() {
        let model = recorded(name, stop);
        let key = model.statefulsets().next().map(|(k, _)| k.clone()).unwrap();
        let rows: Vec<_> = views::graph_rows(&model, &key).collect();
        assert!(!rows.is_empty(), "{name}");
        for (r, row) in rows.iter().enumerate() {
            let view = {
                let mut view = ViewState::default();
                view.nav.focus = Pane::Storage;
                view.nav.storage_row = Some(r);
                view.nav.span = (model.now - model.started.unwrap()).max(1);
                view
            };
            let screen = format!("{}", render(100, 30, &model, &view, &theme).backend());
            if r == 0 {
                insta::assert_snapshot!(format!("storage_{name}_{i}_100x30"), screen);
            }
            let text = storage_text(&screen);
            let mut facts: Vec<String> = Vec::new();
            if let Some(c) = &row.claim {
                facts.push(format!("claim {} (namespace {}):", c.name, key.namespace));
                facts.extend(c.access_modes.iter().map(|m| m.to_string()));
                facts.extend(
                    c.capacity
                        .iter()
                        .chain(c.requested.iter())
                        .map(|s| s.to_string()),
                );
                facts.extend(c.storage_class.iter().map(|s| format!("class {s}")));
            }
            if let Visible::Shown(v) = &row.volume {
                facts.push(format!("volume {} (cluster):", v.name));
                facts.push(v.phase.clone().unwrap_or_default().to_string());
                facts.push(format!("reclaim {}", v.reclaim_policy));
                facts.extend(v.access_modes.iter().map(|m| m.to_string()));
                facts.push(
                    if v.provisioned_by.is_some() {
                        "dynamic"
                    } else {
                        "static"
                    }
                    .into(),
                );
                facts.push(
                    if v.node_affinity.is_some() {
                        "pinned to"
                    } else {
                        "not pinned to a node"
                    }
                    .into(),
                );
            }
            if let Visible::Shown(c) = &row.class {
                facts.push(format!("class {} (cluster):", c.name));
                facts.push(c.provisioner.to_string());
                facts.push(format!("reclaim {}", c.reclaim_policy));
                facts.push(c.binding_mode.to_string());
                facts.push(
                    if c.allow_expansion {
                        "expandable"
                    } else {
                        "not expandable"
                    }
                    .into(),
                );
            }
            for fact in facts {
                assert!(
                    text.contains(&fact),
                    "{name}, row {r}: {fact:?} not on screen:\n{screen}"
                );
            }
            // Every cut is a generated volume name: "pvc-" and 8 hex digits.
            for (at, _) in text.match_indices('…') {
                let before: String = text[..at]
                    .chars()
                    .rev()
                    .take(12)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                assert!(
                    before.starts_with("pvc-")
                        && before[4..].chars().all(|c| c.is_ascii_hexdigit()),
                    "{name}, row {r}: a word is cut: {before}…\n{screen}"
                );
            }
            // The namespace's edge is drawn and named.
            assert!(text.contains("Volumes · cluster"), "{screen}");
            assert!(
                screen.contains("namespace") || screen.contains("namespaced"),
                "{screen}"
            );
        }
    }
}
