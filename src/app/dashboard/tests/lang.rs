//! A recording keeps facts, not sentences (issue 24, point 5): one made in
//! English, with a refusal, a failure and a server that does not answer,
//! replays in Russian and Chinese.

use super::*;
use crate::app::recording::Recorder;
use crate::cluster::actions::ActionError;
use crate::i18n::{Lang, with_lang};
use crate::model::history::MarkerKind;
use crate::model::{Connection, Key, Problem};

/// A live dashboard fed the web example, recording; then a delete refused
/// (web-0 replaced between d and y), a scale the API server forbids, and a
/// server that stops answering. Everything it recorded, in a file.
fn made_in_english() -> (std::path::PathBuf, Key) {
    with_lang(Lang::En, || {
        let mut d = fed(
            Source::Live {
                context: "test".into(),
            },
            Settings::default(),
            true,
        );
        let (scope, events) = recording();
        let mut recorded: Vec<ClusterEvent> = events;
        let mut take = |effects: Vec<Effect>| {
            recorded.extend(effects.into_iter().filter_map(|e| match e {
                Effect::Record(event) => Some(event),
                _ => None,
            }))
        };
        let key = ui::current_statefulset(&d.model, &d.view).unwrap().clone();
        take(keys(&mut d, "d"));
        let Some(Dialog::ConfirmDelete { pod, .. }) = d.view.chrome.dialog.clone() else {
            panic!("no confirmation: {}", status(&d));
        };
        let mut replaced = d.model.store.pods[&pod].clone();
        replaced.metadata.uid = "ffffffff-new".into();
        let replaced = event(&d, Change::Applied(crate::model::Object::Pod(replaced)));
        take(drive(&mut d, replaced));
        take(keys(&mut d, "y"));
        assert!(status(&d).contains("was replaced since you pressed d"));
        let scale = Action::Scale {
            statefulset: key.clone(),
            uid: d.model.store.statefulsets[&key].metadata.uid.clone(),
            from: 2,
            to: 3,
        };
        // As the runner sends it (app::effects): the error's facts.
        let forbidden = ActionError::Forbidden(
            "statefulsets.apps \"web\" is forbidden: User \"student\" cannot patch".into(),
        );
        let failed = event(
            &d,
            Change::ActionFailed {
                action: scale,
                message: forbidden.failure(),
            },
        );
        take(drive(&mut d, failed));
        // As cluster::health sends it when /readyz does not answer in 3s.
        let silent = event(
            &d,
            Change::ServerHealth {
                problem: Some(Problem::NoAnswer { secs: 3 }),
            },
        );
        take(drive(&mut d, silent));
        let dir = std::env::temp_dir().join(format!("stsdash-lang-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("made-in-english.jsonl");
        let mut recorder = Recorder::create(&path, &scope).unwrap();
        for event in &recorded {
            recorder.record(event).unwrap();
        }
        recorder.flush().unwrap();
        (path, key)
    })
}

/// The recording replayed in `lang`: the narration's last lines, the marks'
/// text on web-0's rows (the pod replaced and the new one), and what the header says is down.
fn replayed(path: &std::path::Path, key: &Key, lang: Lang) -> (Vec<String>, Vec<String>, String) {
    with_lang(lang, || {
        let (mut d, events) = replaying(path);
        for event in events {
            drive(&mut d, Msg::Cluster(event));
        }
        let said: Vec<String> = crate::model::views::narration(&d.model, key)
            .map(|n| n.text.clone())
            .collect();
        let marks = d.model.history.ordinals[key][&0]
            .incarnations
            .iter()
            .flat_map(|i| &i.markers)
            .filter_map(|m| match &m.kind {
                MarkerKind::Action { what, .. } => Some(what.clone()),
                _ => None,
            })
            .collect();
        let Connection::Reconnecting { down, .. } = d.model.connection() else {
            panic!("{:?}", d.model.connection());
        };
        let down = down.iter().map(ToString::to_string).collect();
        (said[said.len() - 2..].to_vec(), marks, down)
    })
}

#[test]
fn a_recording_made_in_english_keeps_facts_and_replays_in_russian_and_chinese() {
    let (path, key) = made_in_english();
    let text = std::fs::read_to_string(&path).unwrap();
    let line = |kind: &str| -> serde_json::Value {
        let line = text
            .lines()
            .find(|l| l.contains(&format!("\"type\":\"{kind}\"")))
            .unwrap_or_else(|| panic!("no {kind} in\n{text}"));
        serde_json::from_str(line).unwrap()
    };
    // What was recorded: facts, and the API server's own words.
    let was = line("action_refused")["action"]["uid"].clone();
    assert_eq!(
        line("action_refused")["reason"],
        serde_json::json!({"is": "replaced", "was": was, "now": "ffffffff-new"})
    );
    assert_eq!(
        line("action_failed")["message"],
        serde_json::json!({
            "is": "forbidden",
            "message": "statefulsets.apps \"web\" is forbidden: User \"student\" cannot patch",
        })
    );
    assert_eq!(
        line("server_health")["problem"],
        serde_json::json!({"is": "no_answer", "secs": 3})
    );
    for english in ["since you pressed", "forbidden: statefulsets", "no answer"] {
        assert!(!text.contains(english), "{english:?} recorded:\n{text}");
    }

    let server = "statefulsets.apps \"web\" is forbidden: User \"student\" cannot patch";
    let expected = |said: [&str; 2], marks: [&str; 2], down: &str| {
        let said = said.map(|s| s.replace("{server}", server)).to_vec();
        let marks = marks.map(String::from).to_vec();
        (said, marks, down.to_string())
    };
    assert_eq!(
        replayed(&path, &key, Lang::En),
        expected(
            [
                "stsdash did not delete pod web-0: web-0 was replaced since you pressed d (uid 88da73fd → ffffffff)",
                "stsdash could not scale web from 2 to 3: forbidden: {server}",
            ],
            ["delete refused", "scale 2 → 3 failed"],
            "API server: no answer within 3s",
        )
    );
    assert_eq!(
        replayed(&path, &key, Lang::Ru),
        expected(
            [
                "stsdash не стал удалять под web-0: web-0 заменён с тех пор, как вы нажали d (uid 88da73fd → ffffffff)",
                "stsdash не смог изменить число реплик web с 2 до 3: запрещено (Forbidden): {server}",
            ],
            ["удаление: отказ", "масштаб 2 → 3: ошибка"],
            "API-сервер: нет ответа за 3 с",
        )
    );
    assert_eq!(
        replayed(&path, &key, Lang::ZhTw),
        expected(
            [
                "stsdash 未刪除 Pod web-0：你按下 d 之後，web-0 已被替換（uid 88da73fd → ffffffff）",
                "stsdash 無法將 web 的副本數從 2 調整為 3：禁止（Forbidden）：{server}",
            ],
            ["刪除：已拒絕", "擴縮 2 → 3：失敗"],
            "API 伺服器：3 秒內沒有回應",
        )
    );
    let _ = std::fs::remove_file(&path);
}
