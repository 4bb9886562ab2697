//! A lesson's marks keep facts, not sentences (issue 24, point 5): a lesson
//! recorded in English, whose step's apply failed on a conflict, then
//! created and configured objects, and whose scale found no StatefulSet,
//! replays in Russian and Chinese; a recording from before, with sentences,
//! shows them as written.

use serde_json::json;

use super::*;
use crate::app::recording::Recorder;
use crate::i18n::{Lang, with_lang};
use crate::lesson::{Mode, Run};
use crate::model::{Applied, AppliedObject, Failure, RunOutput};

fn mehdb(mode: Mode) -> Run {
    let lesson = crate::lesson::load(&crate::lesson::resolve("mehdb").unwrap()).unwrap();
    Run::new(lesson, mode, "demo".into())
}

/// What the runner (app::effects) sends back for a step's act.
fn from_runner(d: &Dashboard, kind: MarkKind) -> Msg {
    event(d, Change::Lesson(LessonMark { step: 0, kind }))
}

/// A teacher's run of the mehdb lesson on a live dashboard, recording: the
/// apply of step 1 meets a conflict, then (Enter again) creates and
/// configures; steps 1 and 2 skipped; the scale of step 3 finds no
/// StatefulSet mehdb. Everything it recorded, in a file.
fn taught_in_english() -> std::path::PathBuf {
    with_lang(Lang::En, || {
        let mut d = fed(
            Source::Live {
                context: "test".into(),
            },
            Settings::default(),
            true,
        );
        let (scope, _) = recording();
        let mut recorded = Vec::new();
        let mut take = |effects: Vec<Effect>| {
            recorded.extend(effects.into_iter().filter_map(|e| match e {
                Effect::Record(event) => Some(event),
                _ => None,
            }))
        };
        take(d.start_lesson(mehdb(Mode::Teacher)));
        take(keys(&mut d, "\n"));
        let conflict = from_runner(
            &d,
            MarkKind::Failed {
                message: Failure::ApplyConflict {
                    object: "statefulset.apps/mehdb".into(),
                    message:
                        "Apply failed with 1 conflict: conflict with \"kubectl\": .spec.replicas"
                            .into(),
                },
            },
        );
        take(drive(&mut d, conflict));
        take(keys(&mut d, "\n"));
        let applied = |object: &str, applied| AppliedObject {
            object: object.into(),
            applied,
        };
        let ran = from_runner(
            &d,
            MarkKind::Ran {
                output: RunOutput::Applied {
                    objects: vec![
                        applied("service/mehdb", Applied::Created),
                        applied("statefulset.apps/mehdb", Applied::Configured),
                        applied(
                            "storageclass.storage.k8s.io/standard",
                            Applied::ConfiguredKept,
                        ),
                    ],
                },
            },
        );
        take(drive(&mut d, ran));
        // Skip steps 1 and 2 (Enter twice each); Enter scales in step 3.
        take(keys(&mut d, "\n\n\n\n\n"));
        assert_eq!(d.lesson.as_ref().unwrap().run.step, 2);
        let dir = std::env::temp_dir().join(format!("stsdash-lesson-lang-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("taught-in-english.jsonl");
        let mut recorder = Recorder::create(&path, &scope).unwrap();
        for event in &recorded {
            recorder.record(event).unwrap();
        }
        recorder.flush().unwrap();
        path
    })
}

/// The recording replayed in `lang` with the lesson: each line the strip
/// showed for a step's outcome (its label and text), in order, once.
fn replayed(path: &std::path::Path, lang: Lang) -> Vec<(&'static str, String)> {
    with_lang(lang, || {
        let (mut d, events) = replaying(path);
        d.start_lesson(mehdb(Mode::Replay));
        let mut shown: Vec<(&'static str, String)> = Vec::new();
        for event in events {
            drive(&mut d, Msg::Cluster(event));
            let strip = d.lesson_strip().unwrap();
            let outcome = strip
                .lines
                .into_iter()
                .find(|l| l.label == "output" || l.label == "failed")
                .map(|l| (l.label, l.text));
            if let Some(outcome) = outcome
                && shown.last() != Some(&outcome)
            {
                shown.push(outcome);
            }
        }
        shown
    })
}

#[test]
fn a_lesson_recorded_in_english_keeps_its_marks_as_facts_and_replays_in_russian_and_chinese() {
    let path = taught_in_english();
    let text = std::fs::read_to_string(&path).unwrap();
    // What was recorded of the step's outcomes: facts, and the API server's words.
    let outcomes: Vec<serde_json::Value> = text
        .lines()
        .filter(|l| l.contains("\"type\":\"lesson\""))
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|l| l["kind"].get("Ran").is_some() || l["kind"].get("Failed").is_some())
        .map(|mut l| {
            l.as_object_mut().unwrap().remove("at");
            l
        })
        .collect();
    let conflict = json!({"type": "lesson", "step": 0, "kind": {"Failed": {"message": {
        "is": "apply_conflict",
        "object": "statefulset.apps/mehdb",
        "message": "Apply failed with 1 conflict: conflict with \"kubectl\": .spec.replicas",
    }}}});
    let applied = json!({"type": "lesson", "step": 0, "kind": {"Ran": {"output": {
        "is": "applied",
        "objects": [
            {"object": "service/mehdb", "applied": "created"},
            {"object": "statefulset.apps/mehdb", "applied": "configured"},
            {"object": "storageclass.storage.k8s.io/standard", "applied": "configured_kept"},
        ],
    }}}});
    let no_statefulset = json!({"type": "lesson", "step": 2, "kind": {"Failed": {"message": {
        "is": "no_statefulset", "name": "mehdb",
    }}}});
    // Each as the runner (or the dashboard) sent it, then as the run took it.
    assert_eq!(
        outcomes,
        [
            conflict.clone(),
            conflict,
            applied.clone(),
            applied,
            no_statefulset.clone(),
            no_statefulset
        ]
    );
    let lesson_lines: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("\"type\":\"lesson\""))
        .collect();
    for english in [
        "mehdb created",
        "kept at cleanup",
        "take fields over",
        "here yet",
    ] {
        assert!(
            !lesson_lines.iter().any(|l| l.contains(english)),
            "{english:?} recorded:\n{}",
            lesson_lines.join("\n")
        );
    }

    let server = "Apply failed with 1 conflict: conflict with \"kubectl\": .spec.replicas";
    let expected = |lines: [(&'static str, &str); 3]| {
        lines
            .map(|(label, text)| (label, text.replace("{server}", server)))
            .to_vec()
    };
    assert_eq!(
        replayed(&path, Lang::En),
        expected([
            (
                "failed",
                "conflict: statefulset.apps/mehdb: {server} (stsdash does not take fields over)"
            ),
            (
                "output",
                "service/mehdb created · statefulset.apps/mehdb configured · storageclass.storage.k8s.io/standard configured (there before the lesson: kept at cleanup)"
            ),
            ("failed", "no StatefulSet mehdb here yet"),
        ])
    );
    assert_eq!(
        replayed(&path, Lang::Ru),
        expected([
            (
                "failed",
                "конфликт (Conflict): statefulset.apps/mehdb: {server} (stsdash не перехватывает чужие поля)"
            ),
            (
                "output",
                "service/mehdb создан · statefulset.apps/mehdb изменён · storageclass.storage.k8s.io/standard изменён (был до урока: при уборке останется)"
            ),
            ("failed", "StatefulSet mehdb здесь ещё нет"),
        ])
    );
    assert_eq!(
        replayed(&path, Lang::ZhTw),
        expected([
            (
                "failed",
                "衝突（Conflict）：statefulset.apps/mehdb：{server}（stsdash 不接管其他人的欄位）"
            ),
            (
                "output",
                "service/mehdb 已建立 · statefulset.apps/mehdb 已修改 · storageclass.storage.k8s.io/standard 已修改（課程前就存在：清理時保留）"
            ),
            ("failed", "這裡還沒有 StatefulSet mehdb"),
        ])
    );
    let _ = std::fs::remove_file(&path);
}

#[test]
fn a_lesson_mark_from_before_the_facts_loads_and_shows_its_sentence_as_it_was() {
    let ran = json!({"at": 1, "type": "lesson", "step": 0,
        "kind": {"Ran": {"output": "statefulset.apps/web created"}}});
    let failed = json!({"at": 2, "type": "lesson", "step": 0,
        "kind": {"Failed": {"message": "no cluster: a replay does nothing"}}});
    let events: Vec<ClusterEvent> = [&ran, &failed]
        .into_iter()
        .map(|j| serde_json::from_value(j.clone()).unwrap())
        .collect();
    let kinds: Vec<&MarkKind> = events
        .iter()
        .map(|e| match &e.change {
            Change::Lesson(mark) => &mark.kind,
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        kinds,
        [
            &MarkKind::Ran {
                output: RunOutput::Said("statefulset.apps/web created".into())
            },
            &MarkKind::Failed {
                message: Failure::Said("no cluster: a replay does nothing".into())
            },
        ]
    );
    // Written again as they were read.
    for (event, json) in events.iter().zip([&ran, &failed]) {
        assert_eq!(serde_json::to_value(event).unwrap(), *json);
    }
    // Shown as written, in any language: the sentence is all there is.
    with_lang(Lang::Ru, || {
        let (scope, _) = recording();
        let mut d = Dashboard::new(
            Source::Channel,
            scope,
            Theme::default_theme(),
            Settings::default(),
            false,
        );
        d.start_lesson(mehdb(Mode::Replay));
        let mut shown = Vec::new();
        for event in events {
            drive(&mut d, Msg::Cluster(event));
            shown.push(d.lesson.as_ref().unwrap().run.output_said());
        }
        assert_eq!(
            shown,
            [
                Some((true, "statefulset.apps/web created".to_string())),
                Some((false, "no cluster: a replay does nothing".to_string())),
            ]
        );
    });
}
