//! The keys, without a cluster: a dashboard fed the web example's recording.

use super::*;
use crate::ui::Pane;

/// A dashboard without a cluster, fed the web example's recording.
fn dashboard(settings: Settings) -> Dashboard {
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/recordings/web_scale.jsonl");
    let (header, events) = crate::app::recording::read(&file).unwrap();
    let (tx, _rx) = mpsc::channel(8);
    let scope = Scope {
        namespace: header.namespace,
        statefulset: header.statefulset,
    };
    let mut d = Dashboard::new(
        Source::Channel,
        scope,
        None,
        Theme::default_theme(),
        settings,
        tx,
    );
    for event in events {
        d.apply(event).unwrap();
    }
    d
}

fn press(d: &mut Dashboard, keys: &str) -> Option<Exit> {
    let mut exit = None;
    for c in keys.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            '\x1b' => KeyCode::Esc,
            '\x08' => KeyCode::Backspace,
            c => KeyCode::Char(c),
        };
        exit = d.on_key(KeyEvent::new(code, KeyModifiers::NONE));
    }
    exit
}

fn status(d: &Dashboard) -> &str {
    d.view.status.as_deref().unwrap_or("")
}

#[test]
fn read_only_refuses_every_action_and_opens_no_dialog() {
    let mut d = dashboard(Settings {
        read_only: true,
        ..Settings::default()
    });
    for key in ["+", "-", "s", "d", "e"] {
        assert_eq!(press(&mut d, key), None, "{key}");
        assert!(status(&d).starts_with("read-only"), "{key}: {}", status(&d));
        assert_eq!(d.view.dialog, None, "{key}");
    }
    // Looking around still works.
    press(&mut d, "j");
    assert_eq!(d.view.selected, 1);
}

#[test]
fn selecting_in_the_storage_graph_selects_in_the_timeline_and_back() {
    let mut d = dashboard(Settings::default());
    // Timeline: web-1 selected; the graph follows to web-1's claim.
    press(&mut d, "j");
    assert_eq!(d.view.selected, 1);
    let key = ui::current_statefulset(&d.model, &d.view).unwrap().clone();
    let row = |d: &Dashboard| ui::selected_storage_row(&d.model, &d.view, &key);
    let ordinal_of = |d: &Dashboard, i: usize| {
        crate::model::views::graph_rows(&d.model, &key)
            .nth(i)
            .and_then(|r| r.ordinal)
    };
    assert_eq!(ordinal_of(&d, row(&d)), Some(1));
    // Storage pane: j selects the next claim, and the timeline its ordinal.
    d.view.focus = Pane::Storage;
    press(&mut d, "j");
    assert_eq!(ordinal_of(&d, row(&d)), Some(2));
    assert_eq!(d.view.selected, 2);
    press(&mut d, "kk");
    assert_eq!(d.view.selected, 0);
    assert_eq!(row(&d), 0);
    // Back in the timeline, the graph follows it again.
    d.view.focus = Pane::Timeline;
    press(&mut d, "jjj");
    assert_eq!(ordinal_of(&d, row(&d)), Some(3));
}

#[test]
fn the_replicas_prompt_refuses_then_accepts() {
    let mut d = dashboard(Settings::default());
    press(&mut d, "s");
    assert!(matches!(d.view.dialog, Some(Dialog::Replicas { .. })));
    for (typed, says) in [
        ("abc\n", "not a whole number"),
        ("-1\n", "below 0"),
        ("100000\n", "above the limit of 100"),
    ] {
        press(&mut d, typed);
        match &d.view.dialog {
            Some(Dialog::Replicas { refused, input, .. }) => {
                assert!(refused.as_deref().unwrap_or("").contains(says), "{typed}");
                assert!(input.is_empty());
            }
            other => panic!("{typed}: the prompt closed: {other:?}"),
        }
    }
    let input = |d: &Dashboard| match &d.view.dialog {
        Some(Dialog::Replicas { input, .. }) => input.clone(),
        other => panic!("the prompt closed: {other:?}"),
    };
    // 'q' is typed into the prompt, not taken as quit; Backspace takes a character back.
    assert_eq!(press(&mut d, "q7"), None);
    assert_eq!(input(&d), "q7");
    press(&mut d, "\x08");
    assert_eq!(input(&d), "q");
    press(&mut d, "\x08\x08");
    assert_eq!(input(&d), "");
    press(&mut d, "\x1b");
    assert_eq!(d.view.dialog, None);
    assert!(status(&d).contains("cancelled"));
    press(&mut d, "s5\n");
    assert_eq!(d.view.dialog, None);
    // Accepted; here there is no cluster to send it to, and it says so.
    assert!(
        status(&d).contains("actions need a live cluster"),
        "{}",
        status(&d)
    );
}

#[test]
fn delete_names_the_pod_and_refuses_a_replaced_one() {
    let mut d = dashboard(Settings::default());
    press(&mut d, "d");
    let Some(Dialog::ConfirmDelete { pod, uid }) = d.view.dialog.clone() else {
        panic!("no confirmation: {:?} {}", d.view.dialog, status(&d));
    };
    assert_eq!(pod.name, "web-0");
    press(&mut d, "n");
    assert_eq!(d.view.dialog, None);
    assert_eq!(status(&d), "kept web-0: nothing deleted");

    press(&mut d, "d");
    // Meanwhile web-0 is deleted and created again: a new UID.
    let mut replaced = d.model.store.pods.get(&pod).unwrap().clone();
    replaced.metadata.uid = "ffffffff-new".into();
    d.apply(ClusterEvent {
        at: d.model.now + 1,
        change: Change::Applied(crate::model::Object::Pod(replaced)),
    })
    .unwrap();
    // At y, the pod is checked before anything is sent: refused, and said so.
    press(&mut d, "y");
    assert_eq!(d.view.dialog, None);
    let refusal = format!(
        "web-0 was replaced since you pressed d (uid {} → ffffffff)",
        crate::model::pod::short_uid(&uid)
    );
    assert!(status(&d).contains(&refusal), "{}", status(&d));
    assert!(
        d.model
            .history
            .narration
            .iter()
            .any(|line| line.text.contains(&refusal)),
        "the refusal is narrated"
    );
}

#[test]
fn a_gone_ordinal_has_nothing_to_delete_or_exec() {
    let mut d = dashboard(Settings::default());
    // web-3 was scaled away at the end of the recording.
    press(&mut d, "jjj");
    press(&mut d, "d");
    assert_eq!(d.view.dialog, None);
    assert_eq!(status(&d), "web-3 has no pod to delete right now");
}

#[test]
fn scale_up_beyond_the_limit_is_refused() {
    let mut d = dashboard(Settings {
        max_replicas: 2,
        ..Settings::default()
    });
    press(&mut d, "+");
    assert!(
        status(&d).contains("above the limit of 2"),
        "{}",
        status(&d)
    );
    press(&mut d, "s");
    press(&mut d, "3\n");
    assert!(matches!(d.view.dialog, Some(Dialog::Replicas { .. })));
}

#[test]
fn an_action_outcome_reaches_the_status_line_and_the_narration() {
    let mut d = dashboard(Settings::default());
    let key = ui::current_statefulset(&d.model, &d.view).unwrap().clone();
    let action = crate::model::Action::Scale {
        statefulset: key.clone(),
        uid: "sts-uid".into(),
        from: 2,
        to: 3,
    };
    d.apply(ClusterEvent {
        at: d.model.now + 1,
        change: Change::ActionFailed {
            action,
            message: "forbidden: User \"student\" cannot patch\x1b[2J".into(),
        },
    })
    .unwrap();
    assert_eq!(
        status(&d),
        "could not scale web from 2 to 3: forbidden: User \"student\" cannot patch"
    );
    let said: Vec<_> = crate::model::views::narration(&d.model, &key).collect();
    assert!(
        said.iter().any(|n| n
            .text
            .starts_with("stsdash could not scale web from 2 to 3")),
        "{said:?}"
    );
}
