use super::*;
use crate::i18n::{Lang, with_lang};
use crate::model::history::{Marker, MarkerKind};
use crate::model::views::Visible;
use crate::model::{Down, Failing, Scope};

/// The dump of a shipped recording, replayed.
fn recorded(name: &str) -> Dump {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/recordings")
        .join(format!("{name}.jsonl"));
    let (header, events) = crate::app::recording::read(&path).unwrap();
    let mut model = Model::new(Scope {
        namespace: header.namespace,
        statefulset: header.statefulset,
    });
    for event in events {
        model.apply(event);
    }
    build(&model, "cluster.local")
}

/// web_scale with what no shipped recording shows: an outage, a kind not
/// permitted, volumes and classes not permitted or not known, claims in
/// each state, a pod without an endpoint.
fn unusual() -> Dump {
    let mut dump = recorded("web_scale");
    let since = dump.started + 1500;
    dump.connection = Connection::Reconnecting {
        since,
        last_error: "connection refused".into(),
        down: vec![
            Failing {
                what: Down::EveryWatch,
                message: "connection refused".into(),
            },
            Failing {
                what: Down::These {
                    server: true,
                    watches: Vec::new(),
                },
                message: "no answer within 3s".into(),
            },
        ],
    };
    dump.access.insert(
        "persistentvolumes",
        Access::NotPermitted {
            message: "forbidden".into(),
        },
    );
    dump.access.insert(
        "storageclasses",
        Access::NotPermitted {
            message: "forbidden".into(),
        },
    );
    let sts = &mut dump.statefulsets[0];
    sts.timeline[0].not_created = true;
    let inc = &mut sts.timeline[0].life.incarnations[0];
    inc.markers.push_back(Marker {
        at: since,
        kind: MarkerKind::DeletionRequested {
            grace_seconds: None,
        },
    });
    let graph = &mut sts.binding_graph;
    let mut bindings = vec![graph.bindings[0].clone(); 4];
    bindings[0].volume = Visible::NotPermitted;
    bindings[0].class = Visible::NotPermitted;
    bindings[0].claim.protected = true;
    bindings[0].claim.terminating = true;
    bindings[0].claim.pods_unwatched = true;
    bindings[1].claim.exists = false;
    bindings[1].volume = Visible::Unknown;
    bindings[1].class = Visible::Unknown;
    bindings[1].claim.storage_class = None;
    bindings[2].claim.terminating = true;
    bindings[2].claim.phase = None;
    bindings[3].claim.deleted = true;
    bindings[3].class = Visible::Unknown;
    bindings[3].claim.storage_class = Some("fast".into());
    graph.bindings = bindings;
    if let Some(net) = sts.network.as_mut() {
        net.pods[0].ready_endpoint = Some(false);
        net.pods[1].ready_endpoint = None;
    }
    dump
}

fn lines_with<'a>(text: &'a str, words: &[&str]) -> Vec<&'a str> {
    text.lines()
        .filter(|l| words.iter().any(|w| l.contains(w)))
        .collect()
}

/// Everything the text says before the narration.
fn before_narration(dump: &Dump) -> String {
    let text = text(dump);
    let heading = format!("\n{}\n", crate::t!("dump-narration"));
    text[..text.find(&heading).unwrap()].to_string()
}

/// The Service line of web_scale's dump, its Service as `exists` and `headless` say.
fn service_line(exists: bool, headless: bool) -> String {
    let mut dump = recorded("web_scale");
    let service = &mut dump.statefulsets[0].network.as_mut().unwrap().service;
    service.exists = exists;
    service.headless = headless;
    lines_with(&text(&dump), &["nginx (", "nginx（"]).concat()
}

fn missing(namespace: Option<&str>, name: Option<&str>) -> Option<String> {
    let model = Model::new(Scope {
        namespace: namespace.map(Text::new),
        statefulset: name.map(Text::new),
    });
    build(&model, "cluster.local").missing
}

/// The text of `unusual` and of the lines no shipped recording reaches.
fn rare_lines() -> String {
    let mut out = before_narration(&unusual());
    for (exists, headless) in [(false, false), (true, false), (true, true)] {
        out.push_str(&service_line(exists, headless));
        out.push('\n');
    }
    for (namespace, name) in [
        (Some("demo"), Some("nope")),
        (None, Some("nope")),
        (Some("demo"), None),
    ] {
        out.push_str(&missing(namespace, name).unwrap());
        out.push('\n');
    }
    out
}

#[test]
fn the_english_text_reads_as_it_always_did() {
    // Written by the dump before its words moved to the catalogue.
    let text = with_lang(Lang::En, rare_lines);
    assert_eq!(text, include_str!("unusual.en.txt"));
}

/// English words of the text that a translation must not leave behind.
const ENGLISH: [&str; 14] = [
    "connection:",
    "watched for",
    "not permitted",
    "Timeline (",
    "not created yet",
    "Storage (",
    "retention policy",
    "claim www",
    "volume pvc",
    "Network identity",
    "endpoint not ready",
    "Revisions by ordinal",
    "deletion requested",
    "not found in",
];

#[test]
fn the_text_is_said_in_russian_with_kubernetes_words_kept() {
    let text = with_lang(Lang::Ru, rare_lines);
    for line in [
        "соединение: переподключение с +1.5s (все watch-потоки: connection refused; API-сервер: no answer within 3s)   наблюдение: 21s 800ms",
        "нет прав: persistentvolumes, storageclasses",
        "  Хранилище (под → заявка → том → класс)",
        "  политика хранения заявок: whenDeleted Retain, whenScaled Retain",
        "  web-0 (Ready) → заявка www-web-0 (Bound, 1Gi, ReadWriteOnce, Terminating, её держит pvc-protection, какие поды её монтируют, не отслеживается) → том: нет прав → класс: нет прав",
        "  web-0 (Ready) → заявка www-web-0 (не создана) → тома ещё нет → класс (по умолчанию)",
        "  Сетевая идентичность: сервис nginx (не headless: у него есть cluster IP)",
        "StatefulSet nope не найден в неймспейсе demo",
        "в неймспейсе demo нет ни одного StatefulSet",
    ] {
        assert!(
            text.lines().any(|l| l == line),
            "no line {line:?} in\n{text}"
        );
    }
    assert!(text.contains("+1.5s запрошено удаление"), "{text}");
    for english in ENGLISH {
        assert!(!text.contains(english), "{english:?} left in\n{text}");
    }
}

#[test]
fn the_text_is_said_in_chinese_with_its_own_list_marks() {
    let text = with_lang(Lang::ZhTw, rare_lines);
    for line in [
        "無權限：persistentvolumes、storageclasses",
        "  存儲（Pod → PVC → PV → StorageClass）",
        "  web-0 (Ready) → PVC www-web-0（尚未建立） → 尚無 PV → StorageClass（預設）",
        "  網路身分：service nginx（headless，clusterIP None）",
        "命名空間 demo 中找不到 StatefulSet nope",
    ] {
        assert!(
            text.lines().any(|l| l == line),
            "no line {line:?} in\n{text}"
        );
    }
    // The marks of a pod are a list: 、 between them.
    assert!(text.contains("就緒、+1.5s 已請求刪除"), "{text}");
    for english in ENGLISH {
        assert!(!text.contains(english), "{english:?} left in\n{text}");
    }
}

#[test]
fn a_whole_dump_has_its_headings_in_the_language() {
    let dump = recorded("billing_released");
    for (lang, headings) in [
        (Lang::En, ["Timeline (", "Storage (", "Narration"]),
        (Lang::Ru, ["Временная шкала (", "Хранилище (", "Хроника"]),
        (Lang::ZhTw, ["時間軸（", "存儲（", "敘述"]),
    ] {
        let text = with_lang(lang, || text(&dump));
        for heading in headings {
            assert!(
                text.lines().any(|l| l.trim_start().starts_with(heading)),
                "{lang:?}: no {heading:?} in\n{text}"
            );
        }
    }
}
