use super::*;

#[test]
fn the_environment_chooses_as_gettext_does() {
    let env = |pairs: &'static [(&'static str, &'static str)]| {
        move |name: &str| {
            pairs
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_string())
        }
    };
    assert_eq!(
        Lang::from_env(env(&[("LANG", "ru_RU.UTF-8")])),
        Some(Lang::Ru)
    );
    // LC_ALL wins over LANG; an empty one is not set.
    assert_eq!(
        Lang::from_env(env(&[("LC_ALL", "zh_TW.UTF-8"), ("LANG", "ru_RU.UTF-8")])),
        Some(Lang::ZhTw)
    );
    assert_eq!(
        Lang::from_env(env(&[
            ("LC_ALL", ""),
            ("LC_MESSAGES", "ru_RU"),
            ("LANG", "C")
        ])),
        Some(Lang::Ru)
    );
    assert_eq!(Lang::from_env(env(&[("LANG", "C.UTF-8")])), Some(Lang::En));
    assert_eq!(
        Lang::from_env(env(&[("LANG", "zh_HK.UTF-8")])),
        Some(Lang::ZhTw)
    );
    // Simplified Chinese and languages stsdash does not speak choose nothing.
    assert_eq!(Lang::from_env(env(&[("LANG", "zh_CN.UTF-8")])), None);
    assert_eq!(Lang::from_env(env(&[("LANG", "de_DE.UTF-8")])), None);
    assert_eq!(Lang::from_env(env(&[])), None);
}

#[test]
fn tags_are_read_as_people_write_them() {
    assert_eq!(Lang::from_tag("zh-TW"), Some(Lang::ZhTw));
    assert_eq!(Lang::from_tag("zh_tw"), Some(Lang::ZhTw));
    assert_eq!(Lang::from_tag(" RU "), Some(Lang::Ru));
    assert_eq!(Lang::from_tag("fr"), None);
    for lang in Lang::ALL {
        assert_eq!(Lang::from_tag(lang.tag()), Some(lang));
    }
}

#[test]
fn a_message_is_said_in_the_thread_language_with_its_arguments() {
    let say = || crate::t!("header-requested", to = 3);
    assert_eq!(with_lang(Lang::En, say), "→ 3 requested");
    assert_eq!(with_lang(Lang::Ru, say), "→ запрошено 3");
    assert_eq!(with_lang(Lang::ZhTw, say), "→ 已請求 3");
    // The override ends with the closure.
    with_lang(Lang::Ru, || ());
    assert_eq!(lang(), Lang::En);
}

#[test]
fn no_isolation_marks_reach_the_terminal() {
    let text = with_lang(Lang::Ru, || {
        crate::t!("header-namespace", namespace = "lab")
    });
    assert_eq!(text, "ns lab");
}

#[test]
fn an_unknown_id_is_said_as_itself_and_never_panics() {
    assert_eq!(text("no-such-message", &[]), "no-such-message");
}

#[test]
fn a_list_is_joined_as_the_language_writes_it() {
    let items = ["web-0 Ready", "web-1 Ready"];
    assert_eq!(
        with_lang(Lang::En, || list(&items)),
        "web-0 Ready, web-1 Ready"
    );
    assert_eq!(
        with_lang(Lang::Ru, || list(&items)),
        "web-0 Ready, web-1 Ready"
    );
    assert_eq!(
        with_lang(Lang::ZhTw, || list(&items)),
        "web-0 Ready、web-1 Ready"
    );
}
