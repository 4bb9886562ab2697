//! The narration in Russian and Traditional Chinese, written as the events
//! arrive in the thread's language (English, the reference, is what the
//! model's own tests, the snapshots and the recordings' dumps check).

use serde_json::json;

use crate::i18n::{Lang, with_lang};
use crate::model::fixtures::*;
use crate::model::history::MarkerKind;
use crate::model::pod::Phase;
use crate::model::{Action, Change, ClusterEvent, Key, Kind, Millis, Model, Object, Scope};

/// A model watching namespace demo, every kind listed empty: what follows
/// is seen happening, 100 ms apart.
struct Run {
    model: Model,
    t: Millis,
}

impl Run {
    fn new() -> Self {
        Run::opened_on(Vec::new())
    }

    /// stsdash started on a cluster that holds `objects`: each kind's first
    /// list brings them.
    fn opened_on(objects: Vec<Object>) -> Self {
        let mut run = Run {
            model: Model::new(Scope {
                namespace: Some(NS.into()),
                statefulset: None,
            }),
            t: 1_000_000,
        };
        for kind in Kind::ALL {
            run.send(Change::InitStarted { kind });
            for o in objects.iter().filter(|o| o.kind() == kind) {
                run.send(Change::InitObject(o.clone()));
            }
            run.send(Change::InitDone { kind });
        }
        run
    }

    fn send(&mut self, change: Change) {
        self.t += 100;
        self.model.apply(ClusterEvent { at: self.t, change });
    }

    fn apply(&mut self, object: Object) {
        self.send(Change::Applied(object));
    }

    fn lines(&self) -> Vec<String> {
        self.model
            .history
            .narration
            .iter()
            .map(|n| n.text.clone())
            .collect()
    }
}

/// A scheduler's warning about web-0, each in words of its own (the same
/// words again are not news while the first still holds).
fn failed_scheduling(n: usize) -> Object {
    Object::Event(
        serde_json::from_value(json!({
            "metadata": {"name": format!("web-0.{n}"), "namespace": NS, "resourceVersion": "1"},
            "involvedObject": {"kind": "Pod", "name": "web-0", "namespace": NS, "uid": "uid-a"},
            "type": "Warning", "reason": "FailedScheduling",
            "message": format!("0/3 nodes are available (try {n})")
        }))
        .unwrap(),
    )
}

#[test]
fn russian_counts_the_replicas_of_a_new_statefulset_in_their_plural_form() {
    for (replicas, said) in [
        (1, "1 реплика"),
        (3, "3 реплики"),
        (5, "5 реплик"),
        (12, "12 реплик"),
        (21, "21 реплика"),
    ] {
        let lines = with_lang(Lang::Ru, || {
            let mut run = Run::new();
            run.apply(sts(replicas, 1, json!({})));
            run.lines()
        });
        assert_eq!(
            lines,
            [format!(
                "StatefulSet web создан: {said}, podManagementPolicy OrderedReady"
            )]
        );
    }
    let lines = with_lang(Lang::ZhTw, || {
        let mut run = Run::new();
        run.apply(sts(3, 1, json!({})));
        run.lines()
    });
    assert_eq!(
        lines,
        ["StatefulSet web 已建立：3 個副本，podManagementPolicy OrderedReady"]
    );
}

#[test]
fn the_warnings_a_pod_waited_through_are_counted_on_its_scheduled_line() {
    let scheduled = |lang: Lang, warnings: usize| {
        with_lang(lang, || {
            let mut run = Run::new();
            run.apply(sts(1, 1, json!({})));
            run.apply(pod(0, "uid-a", 10, Phase::Pending));
            for n in 0..warnings {
                run.apply(failed_scheduling(n));
            }
            run.apply(pod(0, "uid-a", 11, Phase::Scheduled));
            let lines = run.lines();
            // The warnings left the narration: the scheduled line tells them.
            assert!(
                !lines.iter().any(|l| l.contains("FailedScheduling: ")),
                "{lines:#?}"
            );
            lines.last().cloned().unwrap_or_default()
        })
    };
    // 100 ms between events: the first warning came `warnings` events before.
    for (warnings, said) in [
        (1, "1 предупреждения FailedScheduling, 0,1 с"),
        (3, "3 предупреждений FailedScheduling, 0,3 с"),
        (5, "5 предупреждений FailedScheduling, 0,5 с"),
        (21, "21 предупреждения FailedScheduling, 2,1 с"),
    ] {
        assert_eq!(
            scheduled(Lang::Ru, warnings),
            format!("web-0 назначен на узел node-0 (после {said})")
        );
    }
    assert_eq!(
        scheduled(Lang::ZhTw, 3),
        "web-0 已排程到節點 node-0（經過 3 次 FailedScheduling，0.3 秒）"
    );
    // English, the reference, as it was.
    assert_eq!(
        scheduled(Lang::En, 1),
        "web-0 scheduled on node node-0 (after a FailedScheduling, 0.1 s)"
    );
    assert_eq!(
        scheduled(Lang::En, 3),
        "web-0 scheduled on node node-0 (after 3 FailedScheduling, 0.3 s)"
    );
    assert_eq!(scheduled(Lang::Ru, 0), "web-0 назначен на узел node-0");
}

/// The ordered start of web (2 replicas, a claim each, bound to a volume
/// provisioned on demand), then web-1 deleted and gone: every line.
fn ordered_start_and_a_scale_down(lang: Lang) -> Vec<String> {
    with_lang(lang, || {
        let mut run = Run::new();
        run.apply(sts(2, 1, json!({})));
        for ordinal in 0..2 {
            run.apply(volume(ordinal, 10 * ordinal + 1, "Bound"));
            run.apply(claim(ordinal, 10 * ordinal + 2, false));
            run.apply(claim(ordinal, 10 * ordinal + 3, true));
            for object in lifecycle(ordinal, &format!("uid-{ordinal}"), 10 * ordinal + 4) {
                run.apply(object);
            }
        }
        run.apply(sts(1, 2, json!({})));
        run.apply(pod(1, "uid-1", 30, Phase::Terminating));
        run.send(Change::Deleted(pod(1, "uid-1", 31, Phase::Terminating)));
        run.lines()
    })
}

#[test]
fn an_ordered_start_and_a_scale_down_read_in_russian_and_chinese() {
    let ru = ordered_start_and_a_scale_down(Lang::Ru);
    let zh = ordered_start_and_a_scale_down(Lang::ZhTw);
    let en = ordered_start_and_a_scale_down(Lang::En);
    assert_eq!(ru.len(), en.len(), "{ru:#?}\n{en:#?}");
    assert_eq!(zh.len(), en.len(), "{zh:#?}\n{en:#?}");
    for line in [
        "заявка www-web-0 создана по volumeClaimTemplate StatefulSet (класс хранилища standard)",
        "заявка www-web-0 привязана к тому pv-0, который kubernetes.io/host-path создал по запросу",
        "web-0 назначен на узел node-0",
        "web-0 получил IP 10.0.0.5",
        "web-0 стал Ready: теперь контроллер может создать web-1",
        "web-1 стал Ready",
        "web: реплики 2 → 1; первым уходит наибольший порядковый номер (web-1), по одному за раз",
        "web-1 завершается: replicas теперь 1, а при уменьшении первым удаляется наибольший порядковый номер",
        "web-1 удалён; его заявка www-web-1 сохраняется (persistentVolumeClaimRetentionPolicy.whenScaled: Retain) и снова пригодится при увеличении числа реплик",
    ] {
        assert!(ru.iter().any(|l| l == line), "{line}\n{ru:#?}");
    }
    for line in [
        "PVC www-web-0 已依 StatefulSet 的 volumeClaimTemplate 建立（存儲類別 standard）",
        "PVC www-web-0 已綁定 PV pv-0，由 kubernetes.io/host-path 按需動態配置",
        "web-0 已排程到節點 node-0",
        "web-0 已 Ready：控制器現在可以建立 web-1",
        "web：副本 2 → 1；最大序號（web-1）先移除，一次一個",
        "web-1 終止中：replicas 為 1，縮減時先移除最大序號",
        "web-1 已不存在；它的 PVC www-web-1 會保留（persistentVolumeClaimRetentionPolicy.whenScaled: Retain），再次擴容時會重新使用",
    ] {
        assert!(zh.iter().any(|l| l == line), "{line}\n{zh:#?}");
    }
    // A phrase of the controller's is a placeholder of the sentence.
    assert!(
        ru.iter().any(|l| l.starts_with("web-0 создан: ")),
        "{ru:#?}"
    );
    assert!(
        zh.iter()
            .any(|l| l.starts_with("web-1 已建立：web-0 已 Ready")),
        "{zh:#?}"
    );
    // Nothing of one language is kept for the next: English is English again.
    assert!(
        en.iter()
            .any(|l| l == "web-0 is Ready: the controller may now create web-1")
    );
    assert!(
        en.iter()
            .all(|l| l.is_ascii() || l.contains('→') || l.contains('…')),
        "{en:#?}"
    );
}

#[test]
fn a_volume_released_and_a_deleted_statefulset_read_in_russian_and_chinese() {
    let run = |lang: Lang| {
        with_lang(lang, || {
            let mut run = Run::new();
            let delete = json!({"spec": {"persistentVolumeClaimRetentionPolicy": {"whenDeleted": "Delete"}}});
            run.apply(sts(1, 1, delete.clone()));
            run.apply(volume(0, 2, "Bound"));
            run.apply(claim(0, 3, true));
            run.apply(volume(0, 4, "Released"));
            run.send(Change::Deleted(sts(1, 5, delete)));
            run.lines()
        })
    };
    let ru = run(Lang::Ru);
    for line in [
        "том pv-0 перешёл в Released: его заявки www-web-0 больше нет; reclaimPolicy Delete удаляет том",
        "StatefulSet web удалён: сборщик мусора удаляет его поды; его заявки тоже удаляются (persistentVolumeClaimRetentionPolicy.whenDeleted: Delete)",
    ] {
        assert!(ru.iter().any(|l| l == line), "{line}\n{ru:#?}");
    }
    let zh = run(Lang::ZhTw);
    for line in [
        "PV pv-0 變為 Released：它的 PVC www-web-0 已不存在；reclaimPolicy Delete 會移除它",
        "StatefulSet web 已刪除：垃圾回收器會移除它的 Pod；它的 PVC 也會刪除（persistentVolumeClaimRetentionPolicy.whenDeleted: Delete）",
    ] {
        assert!(zh.iter().any(|l| l == line), "{line}\n{zh:#?}");
    }
}

#[test]
fn stsdashs_own_actions_are_told_and_marked_in_russian_and_chinese() {
    let run = |lang: Lang| {
        with_lang(lang, || {
            let mut run = Run::new();
            run.apply(sts(2, 1, json!({})));
            run.start_pod();
            let scale = Action::Scale {
                statefulset: sts_key(),
                uid: "sts-uid".into(),
                from: 2,
                to: 1,
            };
            let delete = Action::DeletePod {
                pod: Key::new(NS, "web-0"),
                uid: "uid-0".into(),
            };
            run.send(Change::ActionTaken(scale.clone()));
            run.send(Change::ActionFailed {
                action: delete.clone(),
                message: "forbidden".into(),
            });
            run.send(Change::ActionRefused {
                action: scale,
                reason: "web was replaced".into(),
            });
            let marks: Vec<String> = run.model.history.ordinals[&sts_key()][&0]
                .current()
                .unwrap()
                .markers
                .iter()
                .filter_map(|m| match &m.kind {
                    MarkerKind::Action { what, .. } => Some(what.clone()),
                    _ => None,
                })
                .collect();
            (run.lines().split_off(run.lines().len() - 3), marks)
        })
    };
    assert_eq!(
        run(Lang::Ru),
        (
            vec![
                "stsdash изменил число реплик web с 2 до 1".to_string(),
                "stsdash не смог удалить под web-0: forbidden".to_string(),
                "stsdash не стал менять число реплик web с 2 до 1: web was replaced".to_string(),
            ],
            vec![
                "масштаб 2 → 1".to_string(),
                "удаление: ошибка".to_string(),
                "масштаб 2 → 1: отказ".to_string(),
            ]
        )
    );
    assert_eq!(
        run(Lang::ZhTw),
        (
            vec![
                "stsdash 已將 web 的副本數從 2 調整為 1".to_string(),
                "stsdash 無法刪除 Pod web-0：forbidden".to_string(),
                "stsdash 未將 web 的副本數從 2 調整為 1：web was replaced".to_string(),
            ],
            vec![
                "擴縮 2 → 1".to_string(),
                "刪除：失敗".to_string(),
                "擴縮 2 → 1：已拒絕".to_string(),
            ]
        )
    );
    assert_eq!(
        run(Lang::En).1,
        ["scale 2 → 1", "delete failed", "scale 2 → 1 refused"]
    );
}

impl Run {
    /// web-0 through its life to Ready (uid-0).
    fn start_pod(&mut self) {
        for object in lifecycle(0, "uid-0", 10) {
            self.apply(object);
        }
    }
}

#[test]
fn a_pod_found_running_tells_its_past_in_russian_and_chinese() {
    let past = |lang: Lang| {
        with_lang(lang, || {
            // Found Ready by the first list: its past told from its own
            // timestamps, a minute back.
            let run = Run::opened_on(vec![
                sts(1, 1, json!({})),
                ready_pod_since(0, "uid-0", 1_000_000 - 60_000),
            ]);
            run.model
                .history
                .narration
                .iter()
                .filter(|n| n.reconstructed)
                .map(|n| n.text.clone())
                .collect::<Vec<_>>()
        })
    };
    assert_eq!(
        past(Lang::Ru),
        [
            "web-0 создан",
            "web-0 назначен на узел node-0",
            "web-0 стал Ready"
        ]
    );
    assert_eq!(
        past(Lang::ZhTw),
        [
            "web-0 已建立",
            "web-0 已排程到節點 node-0",
            "web-0 已 Ready"
        ]
    );
}
