//! The model's words in Russian and Traditional Chinese: the waiting line
//! and its rule, lists, durations, what is down, actions and log notes,
//! each said in the thread's language (`i18n::with_lang`).

use super::controller::explain;
use super::*;
use crate::i18n::{Lang, with_lang};
use crate::model::connection::{Down, Failing};
use crate::model::controller::phrases;
use crate::model::event::Action;
use crate::model::log::LogLine;

/// The waiting line's text and rule at the script's time, in `lang`.
fn said_in(lang: Lang, s: &Script, now: Millis) -> (String, String) {
    with_lang(lang, || {
        let w = explain(s, now).expect("waiting");
        (w.text, w.rule)
    })
}

#[test]
fn the_waiting_line_and_its_rule_are_said_in_the_language() {
    let mut s = Script::new();
    s.apply(sts(3, 1, json!({})));
    let (text, rule) = said_in(Lang::Ru, &s, s.t);
    assert_eq!(
        text,
        "web-0 сейчас будет создан: первым идёт порядковый номер 0"
    );
    assert_eq!(
        rule,
        "OrderedReady работает с одним подом за раз, по порядку номеров, и только пока все поды ниже — Running и Ready"
    );
    let (text, rule) = said_in(Lang::ZhTw, &s, s.t);
    assert_eq!(text, "即將建立 web-0：序號 0 最先");
    assert!(rule.starts_with("OrderedReady 一次處理一個 Pod"), "{rule}");
    s.start(0, "uid-0", 10);
    assert_eq!(
        said_in(Lang::Ru, &s, s.t).0,
        "web-1 сейчас будет создан: web-0 уже Ready"
    );
    assert_eq!(
        said_in(Lang::ZhTw, &s, s.t).0,
        "即將建立 web-1：web-0 已 Ready"
    );
    // English, the reference, is unchanged.
    assert_eq!(
        said_in(Lang::En, &s, s.t).0,
        "web-1 about to be created: web-0 is Ready"
    );
}

#[test]
fn a_parallel_scale_down_lists_its_pods_in_the_languages_way() {
    let mut s = Script::new();
    let parallel = json!({"spec": {"podManagementPolicy": "Parallel"}});
    s.apply(sts(3, 1, parallel.clone()));
    for o in 0..3 {
        s.start(o, &format!("uid-{o}"), 10 * (o + 1));
    }
    s.apply(sts(1, 2, parallel));
    assert_eq!(
        said_in(Lang::Ru, &s, s.t).0,
        "уменьшение до 1: Parallel останавливает web-1, web-2 одновременно"
    );
    assert_eq!(
        said_in(Lang::ZhTw, &s, s.t).0,
        "縮減到 1：Parallel 同時停止 web-1、web-2"
    );
}

#[test]
fn a_controller_that_does_not_act_is_said_with_a_coarse_duration() {
    let mut s = Script::new();
    s.apply(sts(1, 1, json!({})));
    s.start(0, "uid-0", 10);
    s.apply(sts(
        2,
        2,
        json!({"metadata": {"generation": 2}, "status": {"observedGeneration": 1}}),
    ));
    let later = s.t + 200_000;
    let (text, rule) = said_in(Lang::Ru, &s, later);
    assert!(
        text.starts_with(
            "контроллер StatefulSet уже 3 мин не отработал generation 2 у web (status — generation 1)"
        ),
        "{text}"
    );
    assert!(
        rule.ends_with("какую — говорит status.observedGeneration"),
        "{rule}"
    );
    let (text, _) = said_in(Lang::ZhTw, &s, later);
    assert!(
        text.starts_with("StatefulSet 控制器已 3 分鐘 未處理 web 的 generation 2"),
        "{text}"
    );
    let unblock = with_lang(Lang::Ru, || explain(&s, later).unwrap().unblock);
    assert_eq!(
        unblock.as_deref(),
        Some("проверьте kube-controller-manager: запущен ли, лидер ли, что в его логе")
    );
}

#[test]
fn lists_finalizers_and_the_first_ordinal_in_each_language() {
    let names: Vec<String> = (0..5).map(|o| format!("web-{o}")).collect();
    assert_eq!(
        with_lang(Lang::Ru, || phrases::list(&names)),
        "web-0, web-1, web-2 и ещё 2"
    );
    assert_eq!(
        with_lang(Lang::ZhTw, || phrases::list(&names)),
        "web-0、web-1、web-2 及另外 2 個"
    );
    let finalizers = ["a/one".into(), "b/two".into()];
    assert_eq!(
        with_lang(Lang::Ru, || phrases::held_by_finalizers("; ", &finalizers)),
        "; удерживается финализаторами a/one, b/two"
    );
    assert_eq!(
        with_lang(Lang::ZhTw, || phrases::held_by_finalizers(
            ": ",
            &finalizers[..1]
        )),
        ": 被 finalizer a/one 保留"
    );
    assert_eq!(
        with_lang(Lang::Ru, || phrases::available_clause(10_000)),
        " и доступен (Ready в течение minReadySeconds 10s)"
    );
    assert_eq!(with_lang(Lang::ZhTw, || phrases::available_clause(0)), "");
}

#[test]
fn bytes_cut_from_a_log_line_take_the_russian_plural() {
    let cut = |n: usize| LogLine {
        time: None,
        text: "x".into(),
        cut: n,
    };
    let ru = |n| with_lang(Lang::Ru, || cut(n).shown());
    assert_eq!(ru(1), "x … [обрезан 1 байт]");
    assert_eq!(ru(3), "x … [обрезано 3 байта]");
    assert_eq!(ru(5), "x … [обрезано 5 байт]");
    assert_eq!(ru(21), "x … [обрезан 21 байт]");
    assert_eq!(
        with_lang(Lang::ZhTw, || cut(5).shown()),
        "x … [已截斷 5 位元組]"
    );
    assert_eq!(with_lang(Lang::En, || cut(5).shown()), "x … [5 bytes cut]");
}

#[test]
fn what_is_down_and_stsdashs_actions_are_said_in_the_language() {
    let down = Failing {
        what: Down::These {
            server: true,
            watches: vec![Kind::Pod, Kind::Event],
        },
        message: "refused".into(),
    };
    assert_eq!(
        with_lang(Lang::Ru, || down.to_string()),
        "API-сервер, pods, events: refused"
    );
    assert_eq!(
        with_lang(Lang::ZhTw, || down.to_string()),
        "API 伺服器、pods、events：refused"
    );
    let every = Failing {
        what: Down::EveryWatch,
        message: "refused".into(),
    };
    assert_eq!(
        with_lang(Lang::Ru, || every.to_string()),
        "все watch-потоки: refused"
    );
    let scale = Action::Scale {
        statefulset: sts_key(),
        uid: "u".into(),
        from: 3,
        to: 5,
    };
    assert_eq!(
        with_lang(Lang::Ru, || scale.describe()),
        "масштабировать web с 3 до 5"
    );
    assert_eq!(
        with_lang(Lang::ZhTw, || scale.describe()),
        "將 web 從 3 擴縮到 5"
    );
}
