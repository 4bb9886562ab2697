//! `update` as a pure function: keys and cluster messages in, effects out,
//! without a runtime or a cluster. The dashboard is fed the web example's
//! recording.

use crossterm::event::{KeyCode, KeyModifiers};

use super::*;
use crate::model::event::{LessonMark, MarkKind};
use crate::ui::{Dialog, Pane};

fn recording() -> (Scope, Vec<ClusterEvent>) {
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/recordings/web_scale.jsonl");
    let (header, events) = crate::app::recording::read(&file).unwrap();
    let scope = Scope {
        namespace: header.namespace,
        statefulset: header.statefulset,
    };
    (scope, events)
}

/// A dashboard on `source`, fed the web example's recording.
fn fed(source: Source, settings: Settings, recording: bool) -> Dashboard {
    let (scope, events) = self::recording();
    let mut d = Dashboard::new(source, scope, Theme::default_theme(), settings, recording);
    for event in events {
        drive(&mut d, Msg::Cluster(event));
    }
    d
}

/// A dashboard without a cluster (only a channel), fed the recording.
fn dashboard(settings: Settings) -> Dashboard {
    fed(Source::Channel, settings, false)
}

/// A live dashboard, fed the recording: its effects are what a cluster would get.
fn live() -> Dashboard {
    fed(
        Source::Live {
            context: "test".into(),
        },
        Settings::default(),
        false,
    )
}

/// Takes `msg` as the loop would: the messages it asks to take next taken
/// too, in order; the other effects returned, in order.
fn drive(d: &mut Dashboard, msg: Msg) -> Vec<Effect> {
    let mut queue = std::collections::VecDeque::from([msg]);
    let mut out = Vec::new();
    while let Some(msg) = queue.pop_front() {
        let mut next = Vec::new();
        for effect in d.update(msg) {
            match effect {
                Effect::Then(msg) => next.push(msg),
                effect => out.push(effect),
            }
        }
        for msg in next.into_iter().rev() {
            queue.push_front(msg);
        }
    }
    out
}

fn key(c: char) -> Msg {
    let code = match c {
        '\n' => KeyCode::Enter,
        '\x1b' => KeyCode::Esc,
        '\x08' => KeyCode::Backspace,
        c => KeyCode::Char(c),
    };
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// Types `keys`; the effects they asked for, in order.
fn keys(d: &mut Dashboard, keys: &str) -> Vec<Effect> {
    keys.chars().flat_map(|c| drive(d, key(c))).collect()
}

/// Types `keys`; the exit the last of them asked for, if any.
fn press(d: &mut Dashboard, typed: &str) -> Option<Exit> {
    let mut exit = None;
    for c in typed.chars() {
        exit = drive(d, key(c)).into_iter().find_map(|e| match e {
            Effect::Exit(exit) => Some(exit),
            _ => None,
        });
    }
    exit
}

fn status(d: &Dashboard) -> &str {
    d.view.chrome.status.as_deref().unwrap_or("")
}

fn event(d: &Dashboard, change: Change) -> Msg {
    Msg::Cluster(ClusterEvent {
        at: d.model.now + 1,
        change,
    })
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
        assert_eq!(d.view.chrome.dialog, None, "{key}");
    }
    // Looking around still works.
    press(&mut d, "j");
    assert_eq!(d.view.nav.selected, 1);
}

#[test]
fn selecting_in_the_storage_graph_selects_in_the_timeline_and_back() {
    let mut d = dashboard(Settings::default());
    // Timeline: web-1 selected; the graph follows to web-1's claim.
    press(&mut d, "j");
    assert_eq!(d.view.nav.selected, 1);
    let key = ui::current_statefulset(&d.model, &d.view).unwrap().clone();
    let row = |d: &Dashboard| ui::selected_storage_row(&d.model, &d.view, &key);
    let ordinal_of = |d: &Dashboard, i: usize| {
        crate::model::views::graph_rows(&d.model, &key)
            .nth(i)
            .and_then(|r| r.ordinal)
    };
    assert_eq!(ordinal_of(&d, row(&d)), Some(1));
    // Storage pane: j selects the next claim, and the timeline its ordinal.
    d.view.nav.focus = Pane::Storage;
    press(&mut d, "j");
    assert_eq!(ordinal_of(&d, row(&d)), Some(2));
    assert_eq!(d.view.nav.selected, 2);
    press(&mut d, "kk");
    assert_eq!(d.view.nav.selected, 0);
    assert_eq!(row(&d), 0);
    // Back in the timeline, the graph follows it again.
    d.view.nav.focus = Pane::Timeline;
    press(&mut d, "jjj");
    assert_eq!(ordinal_of(&d, row(&d)), Some(3));
}

#[test]
fn the_replicas_prompt_refuses_then_accepts() {
    let mut d = dashboard(Settings::default());
    press(&mut d, "s");
    assert!(matches!(
        d.view.chrome.dialog,
        Some(Dialog::Replicas { .. })
    ));
    for (typed, says) in [
        ("abc\n", "not a whole number"),
        ("-1\n", "below 0"),
        ("100000\n", "above the limit of 100"),
    ] {
        press(&mut d, typed);
        match &d.view.chrome.dialog {
            Some(Dialog::Replicas { refused, input, .. }) => {
                assert!(refused.as_deref().unwrap_or("").contains(says), "{typed}");
                assert!(input.is_empty());
            }
            other => panic!("{typed}: the prompt closed: {other:?}"),
        }
    }
    let input = |d: &Dashboard| match &d.view.chrome.dialog {
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
    assert_eq!(d.view.chrome.dialog, None);
    assert!(status(&d).contains("cancelled"));
    press(&mut d, "s5\n");
    assert_eq!(d.view.chrome.dialog, None);
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
    let Some(Dialog::ConfirmDelete { pod, uid }) = d.view.chrome.dialog.clone() else {
        panic!("no confirmation: {:?} {}", d.view.chrome.dialog, status(&d));
    };
    assert_eq!(pod.name, "web-0");
    press(&mut d, "n");
    assert_eq!(d.view.chrome.dialog, None);
    assert_eq!(status(&d), "kept web-0: nothing deleted");

    press(&mut d, "d");
    // Meanwhile web-0 is deleted and created again: a new UID.
    let mut replaced = d.model.store.pods.get(&pod).unwrap().clone();
    replaced.metadata.uid = "ffffffff-new".into();
    let replaced = event(&d, Change::Applied(crate::model::Object::Pod(replaced)));
    drive(&mut d, replaced);
    // At y, the pod is checked before anything is sent: refused, and said so.
    press(&mut d, "y");
    assert_eq!(d.view.chrome.dialog, None);
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
    assert_eq!(d.view.chrome.dialog, None);
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
    assert!(matches!(
        d.view.chrome.dialog,
        Some(Dialog::Replicas { .. })
    ));
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
    let failed = event(
        &d,
        Change::ActionFailed {
            action,
            message: "forbidden: User \"student\" cannot patch\x1b[2J".into(),
        },
    );
    drive(&mut d, failed);
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

fn desired(d: &Dashboard) -> i32 {
    let key = ui::current_statefulset(&d.model, &d.view).unwrap();
    crate::model::views::desired_replicas(&d.model.store.statefulsets[key]) as i32
}

#[test]
fn presses_become_actions_one_after_the_other_as_each_ends() {
    let mut d = live();
    let n = desired(&d);
    // The first + goes to the runner at once; the second waits for it.
    let first = keys(&mut d, "+");
    let [Effect::Act(Action::Scale { from, to, .. })] = &first[..] else {
        panic!("{first:?}");
    };
    assert_eq!((*from, *to), (n, n + 1));
    assert!(keys(&mut d, "+").is_empty(), "the second press waits");
    let sent = match first.into_iter().next() {
        Some(Effect::Act(action)) => action,
        other => panic!("{other:?}"),
    };
    // The first ended: the second is sent, from where the first left it.
    let taken = event(&d, Change::ActionTaken(sent));
    let next = drive(&mut d, taken);
    let [Effect::Act(Action::Scale { from, to, .. })] = &next[..] else {
        panic!("{next:?}");
    };
    assert_eq!((*from, *to), (n + 1, n + 2));
    assert!(status(&d).starts_with("scale web"), "{}", status(&d));
}

#[test]
fn q_quits_and_e_lends_the_terminal_to_a_shell_in_the_selected_pod() {
    let mut d = live();
    assert_eq!(press(&mut d, "q"), Some(Exit::Quit));
    let Some(Exit::Exec(request)) = press(&mut d, "e") else {
        panic!("no shell asked for: {}", status(&d));
    };
    assert_eq!(request.pod.name, "web-0");
    let uid = &d.model.store.pods[&request.pod].metadata.uid;
    assert_eq!(&request.uid, uid);
    // Its end is an outcome like the others: said, and marked.
    drive(
        &mut d,
        Msg::ExecEnded(request, ExecOutcome::Ended("/bin/sh exited".into())),
    );
    assert!(status(&d).ends_with("/bin/sh exited"), "{}", status(&d));
}

#[test]
fn recording_records_every_event_taken_in_order() {
    let (scope, events) = recording();
    let mut d = Dashboard::new(
        Source::Channel,
        scope,
        Theme::default_theme(),
        Settings::default(),
        true,
    );
    for event in events.iter().take(20) {
        let effects = drive(&mut d, Msg::Cluster(event.clone()));
        let [Effect::Record(recorded)] = &effects[..] else {
            panic!("{effects:?}");
        };
        assert_eq!(recorded.at, event.at);
    }
    // Not recording: nothing to record.
    let mut d = dashboard(Settings::default());
    assert!(drive(&mut d, Msg::Cluster(events[0].clone())).is_empty());
}

#[test]
fn the_logs_shown_are_asked_of_the_runner_once_each_time_they_change() {
    let mut d = live();
    let follows = |effects: Vec<Effect>| -> Vec<Vec<String>> {
        effects
            .into_iter()
            .filter_map(|e| match e {
                Effect::FollowLogs(targets) => Some(
                    targets
                        .into_iter()
                        .map(|(t, _)| format!("{}/{}", t.pod.name, t.container))
                        .collect(),
                ),
                _ => None,
            })
            .collect()
    };
    assert_eq!(follows(d.settle()), Vec::<Vec<String>>::new());
    press(&mut d, "l");
    let opened = follows(d.settle());
    assert_eq!(opened.len(), 1, "{opened:?}");
    assert_eq!(opened[0].len(), 1);
    assert!(opened[0][0].starts_with("web-0/"), "{opened:?}");
    // Nothing changed: nothing asked.
    assert!(follows(d.settle()).is_empty());
    press(&mut d, "l");
    assert_eq!(follows(d.settle()), vec![Vec::<String>::new()]);
}

/// A lesson run as a replay follows its marks; the mark of a step's output.
fn lesson_run(mode: crate::lesson::Mode) -> crate::lesson::Run {
    let built_in = &crate::lesson::builtin::BUILT_IN[0];
    let lesson = crate::lesson::load(&crate::lesson::Source::BuiltIn(built_in)).unwrap();
    crate::lesson::Run::new(lesson, mode, "demo".into())
}

fn output_mark(at: crate::model::Millis) -> ClusterEvent {
    ClusterEvent {
        at,
        change: Change::Lesson(LessonMark {
            step: 0,
            kind: MarkKind::Ran {
                output: "statefulset.apps/web created".into(),
            },
        }),
    }
}

#[test]
fn a_lesson_mark_reaches_the_lesson_the_same_way_live_played_and_stepped() {
    let output = |d: &Dashboard| d.lesson.as_ref().and_then(|l| l.run.output_said());
    let said = Some((true, "statefulset.apps/web created".to_string()));
    let (scope, mut events) = recording();
    let at = events[5].at;
    events.insert(6, output_mark(at));

    // Played back: the mark comes when it is due.
    let replay = Replay::new("r".into(), events.clone(), 1_000_000.0);
    let mut played = Dashboard::new(
        Source::Replay(replay),
        scope.clone(),
        Theme::default_theme(),
        Settings::default(),
        false,
    );
    played.start_lesson(lesson_run(crate::lesson::Mode::Replay));
    while played.replay_due().is_some() {
        drive(&mut played, Msg::ReplayDue);
    }
    assert_eq!(output(&played), said, "played");

    // Stepped with `.`: the same mark, the same way in.
    let replay = Replay::new("r".into(), events, 1.0);
    let mut stepped = Dashboard::new(
        Source::Replay(replay),
        scope.clone(),
        Theme::default_theme(),
        Settings::default(),
        false,
    );
    stepped.start_lesson(lesson_run(crate::lesson::Mode::Replay));
    press(&mut stepped, "......");
    assert_eq!(output(&stepped), None, "not yet: the mark is the 7th event");
    press(&mut stepped, ".");
    assert_eq!(output(&stepped), said, "stepped");
    // A step back makes the model anew through the same way: the lesson
    // follows the marks up to there again.
    press(&mut stepped, ",,");
    assert_eq!(stepped.model.now, at, "back two events");

    // Live, a teacher's step that was being done: its outcome comes as the same mark.
    let mut teacher = live();
    teacher.start_lesson(lesson_run(crate::lesson::Mode::Teacher));
    let asked = keys(&mut teacher, "\n");
    assert!(
        asked
            .iter()
            .any(|e| matches!(e, Effect::Lesson(job) if job.step == 0)),
        "Enter does the step: {asked:?}"
    );
    let mark = output_mark(teacher.model.now);
    drive(&mut teacher, Msg::Cluster(mark));
    assert_eq!(output(&teacher), said, "live");
}

#[test]
fn the_strip_names_a_manifest_one_way_as_the_user_would_type_it() {
    // Started in the repository (as the tests are): the built-in lesson's
    // manifest is there, as examples/mehdb.yaml.
    let lesson = crate::lesson::load(&crate::lesson::resolve("mehdb").unwrap()).unwrap();
    let run = crate::lesson::Run::new(lesson, crate::lesson::Mode::Teacher, "demo".into());
    let (scope, _) = recording();
    let strip = lesson_strip(&run, &Model::new(scope), 0);
    let line = |label: &str| {
        strip
            .lines
            .iter()
            .find(|l| l.label == label)
            .map(|l| l.text.clone())
            .unwrap_or_else(|| panic!("no {label} line: {:?}", strip.lines))
    };
    assert!(
        line("do").starts_with("apply examples/mehdb.yaml "),
        "{}",
        line("do")
    );
    assert!(
        line("same as").ends_with("-f examples/mehdb.yaml"),
        "{}",
        line("same as")
    );
}

mod lang;
mod lesson_lang;

/// A dashboard that replays the recording at `path` (fed by the caller), and its events.
fn replaying(path: &std::path::Path) -> (Dashboard, Vec<ClusterEvent>) {
    let (header, events) = crate::app::recording::read(path).unwrap();
    let scope = Scope {
        namespace: header.namespace,
        statefulset: header.statefulset,
    };
    let d = Dashboard::new(
        Source::Channel,
        scope,
        Theme::default_theme(),
        Settings::default(),
        false,
    );
    (d, events)
}
