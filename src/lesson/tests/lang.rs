//! Lessons in every language: a text field is a plain string (English) or a
//! table of languages; the built-in lessons say every text in each.

use super::*;
use crate::i18n::{Lang, with_lang};
use crate::model::RunOutput;

/// A step whose texts are written per language, after the helper's first step (lines 4–11).
const LOCALIZED: &str = "
[[step]]
title.en = \"Scale up\"
title.ru = \"Масштабируем\"
title.\"zh-TW\" = \"擴展\"
do = \"scale\"
replicas = 3
question.en = \"Which pod comes?\"
question.ru = \"Какой под появится?\"
question.\"zh-TW\" = \"哪個 Pod 會出現？\"
answer = \"web-2\"
look_for.en = \"web-2 created\"
look_for.ru = \"web-2\"
answer_at = \"timeline web-2\"
";

#[test]
fn a_field_is_read_in_the_language_spoken_else_in_english() {
    let path = lesson_file("localized", LOCALIZED);
    let read = |lang| with_lang(lang, || load(&Source::File(path.clone())).unwrap());
    let en = read(Lang::En);
    let ru = read(Lang::Ru);
    let zh = read(Lang::ZhTw);
    assert_eq!(
        [&en, &ru, &zh].map(|l| l.steps[1].title.as_str()),
        ["Scale up", "Масштабируем", "擴展"]
    );
    assert_eq!(
        [&en, &ru, &zh].map(|l| l.steps[1].question.as_deref().unwrap()),
        [
            "Which pod comes?",
            "Какой под появится?",
            "哪個 Pod 會出現？"
        ]
    );
    // A plain string is English, and said so in every language.
    assert_eq!(
        [&en, &ru, &zh].map(|l| l.title.as_str()),
        ["test", "test", "test"]
    );
    assert_eq!(
        [&en, &ru, &zh].map(|l| l.steps[1].answer.as_deref().unwrap()),
        ["web-2", "web-2", "web-2"]
    );
    // A language the table lacks is read in English.
    assert_eq!(
        [&en, &ru, &zh].map(|l| l.steps[1].look_for.as_deref().unwrap()),
        ["web-2 created", "web-2", "web-2 created"]
    );
    // The file is kept whole, every language in it (a recording keeps it).
    assert_eq!(ru.text, en.text);
    assert_eq!(
        untranslated(&Source::File(path.clone()), Lang::ZhTw).unwrap(),
        [
            format!("{}:1: title", path.display()),
            format!("{}:4: title", path.display()),
            format!("{}:4: question", path.display()),
            format!("{}:4: answer", path.display()),
            format!("{}:13: answer", path.display()),
            format!("{}:13: look_for", path.display()),
        ]
    );
}

#[test]
fn an_unknown_language_or_a_table_without_english_is_refused_with_its_line() {
    // Lines 12 on: the test's step.
    let text = LOCALIZED
        .replace("question.ru", "question.fr")
        .replace("title.en = \"Scale up\"\n", "");
    let path = lesson_file("unknown-language", &text);
    let file = path.display();
    let errors = errors(&path);
    assert_eq!(
        errors,
        [
            format!("{file}:14: title: a table of languages needs its English text (title.en)"),
            format!("{file}:19: question.fr: unknown language (en, ru, zh-TW)"),
        ]
    );
    // Said in the language spoken.
    let ru = with_lang(Lang::Ru, || self::errors(&path));
    assert_eq!(
        ru[1],
        format!("{file}:19: question.fr: неизвестный язык (en, ru, zh-TW)")
    );
    let path = lesson_file(
        "language-twice",
        &LOCALIZED.replace("title.\"zh-TW\"", "title.zh_tw = \"擴展\"\ntitle.\"zh-TW\""),
    );
    assert_eq!(
        self::errors(&path),
        [format!(
            "{}:17: title.zh-TW: this language is given twice",
            path.display()
        )]
    );
}
#[test]
fn every_built_in_lesson_says_every_text_in_russian_and_chinese() {
    for b in builtin::BUILT_IN {
        for lang in [Lang::Ru, Lang::ZhTw] {
            let missing = untranslated(&Source::BuiltIn(b), lang).unwrap();
            assert!(
                missing.is_empty(),
                "not in {}:\n{}",
                lang.tag(),
                missing.join("\n")
            );
            // And it loads in that language, its conditions named as in English.
            let lesson = with_lang(lang, || load(&Source::BuiltIn(b)))
                .unwrap_or_else(|e| panic!("{} in {}: {e}", b.name, lang.tag()));
            let english = load(&Source::BuiltIn(b)).unwrap();
            assert_eq!(lesson.steps.len(), english.steps.len());
            for (step, en) in lesson.steps.iter().zip(&english.steps) {
                assert_ne!(
                    step.title,
                    en.title,
                    "{}: {} in {}",
                    b.name,
                    en.title,
                    lang.tag()
                );
                assert_eq!(step.until, en.until);
            }
        }
    }
}

#[test]
fn conditions_and_what_a_step_waits_for_are_said_in_each_language() {
    let model = web_model();
    let kept = Condition::parse("claim www-web-1 kept").unwrap();
    let ready = Condition::parse("statefulset web ready 3").unwrap();
    assert_eq!(
        with_lang(Lang::Ru, || (kept.describe(), ready.describe())),
        (
            "заявка www-web-1 сохранена без пода".to_string(),
            "web: готово 3 из 3".to_string()
        )
    );
    assert_eq!(
        with_lang(Lang::ZhTw, || kept.describe()),
        "PVC www-web-1 保留著，沒有 Pod"
    );
    // What the cluster shows instead, and the line Enter says while it waits.
    let mut run = Run::new(two_steps(), Mode::Teacher, NS.into());
    run.begin(&model);
    run.enter(&model);
    run.acted(0, Ok(RunOutput::Nothing), &model);
    run.enter(&model);
    run.enter(&model);
    run.acted(1, Ok(RunOutput::Nothing), &model);
    assert_eq!(
        with_lang(Lang::Ru, || run.enter(&model)),
        vec![Effect::Say(
            "всё ещё ждём: web-2 Ready (сейчас такого пода нет). Ещё раз Enter — пропустить шаг"
                .into()
        )]
    );
    assert_eq!(
        with_lang(Lang::ZhTw, || run.waiting_for(&model)),
        "web-2 Ready（目前 沒有這個 Pod）"
    );
}

#[test]
fn the_strip_says_the_step_in_each_language() {
    let model = web_model();
    let mut run = Run::new(two_steps(), Mode::Student, NS.into());
    run.begin(&model);
    run.enter(&model);
    let strip = |run: &Run, lang| {
        with_lang(lang, || {
            crate::app::dashboard::lesson_strip(run, &model, model.now)
        })
    };
    let strip_of = |run: &Run| strip(run, Lang::Ru);
    let ru = strip(&run, Lang::Ru);
    assert_eq!(ru.title, "урок two · шаг 2 из 2 · scale");
    let line = |strip: &crate::ui::lesson::LessonStrip, label: &str| {
        strip
            .lines
            .iter()
            .find(|l| l.label == label)
            .map(|l| l.text.clone())
            .unwrap_or_else(|| panic!("no {label} line: {:?}", strip.lines))
    };
    // Russian numbers with their noun: 3 реплик, 1 реплики.
    assert_eq!(
        line(&ru, "do"),
        "сделайте сами: масштабировать web до 3 реплик · клавиши s 3 Enter"
    );
    assert!(line(&ru, "waiting").ends_with("с: web-2 Ready (сейчас такого пода нет)"));
    let zh = strip(&run, Lang::ZhTw);
    assert_eq!(zh.title, "課程 two · 第 2 步，共 2 步 · scale");
    assert_eq!(
        line(&zh, "do"),
        "請自己動手：把 web 調整為 3 個副本 · 按鍵 s 3 Enter"
    );
    assert_eq!(
        with_lang(Lang::ZhTw, || Place::parse("timeline web-0")
            .unwrap()
            .describe()),
        "時間軸的 web-0 這一列"
    );
    // Scaled to 1: the Russian noun agrees with the number.
    let path = lesson_file(
        "scale-one",
        "\n[[step]]\ntitle = \"down\"\ndo = \"scale\"\nreplicas = 1\n",
    );
    let mut run = Run::new(load(&Source::File(path)).unwrap(), Mode::Teacher, NS.into());
    run.begin(&model);
    run.enter(&model);
    run.acted(0, Ok(RunOutput::Nothing), &model);
    run.enter(&model);
    let ru = strip_of(&run);
    assert_eq!(line(&ru, "do"), "масштабировать web до 1 реплики");
}

#[test]
fn the_check_and_plan_lines_are_said_in_each_language() {
    use crate::i18n::{Value, text_in};
    let check = |lang, steps: usize, questions: usize| {
        let args: [(&str, Value); 3] = [
            ("file", Value::from("lessons/pvc.toml")),
            ("steps", Value::from(steps)),
            ("questions", Value::from(questions)),
        ];
        text_in(lang, "lesson-check-ok", &args)
    };
    assert_eq!(
        check(Lang::En, 12, 11),
        "lessons/pvc.toml: ok, 12 steps, 11 questions"
    );
    assert_eq!(
        check(Lang::Ru, 12, 21),
        "lessons/pvc.toml: всё в порядке, 12 шагов, 21 вопрос"
    );
    assert_eq!(
        check(Lang::Ru, 2, 3),
        "lessons/pvc.toml: всё в порядке, 2 шага, 3 вопроса"
    );
    assert_eq!(
        check(Lang::ZhTw, 2, 3),
        "lessons/pvc.toml：沒問題，2 個步驟，3 個問題"
    );
    // What a lesson applies outside its namespace.
    let path = lesson_file("plan", "");
    let lesson = load(&Source::File(path)).unwrap();
    let mut planned = lesson.objects[0].clone();
    planned.cluster_wide = true;
    let lesson = Lesson {
        objects: vec![planned],
        ..lesson
    };
    let zh = with_lang(Lang::ZhTw, || lesson.plan("ns"));
    assert!(zh[0].ends_with("（整個叢集）"), "{zh:?}");
}

#[test]
fn mistakes_in_a_lesson_file_are_said_in_each_language_with_their_line() {
    let path = lesson_file(
        "mistakes-lang",
        "\n[[step]]\ntitle = \"typo\"\ndo = \"scael\"\n\n[[step]]\ntitle = \"names nothing\"\ndo = \"watch\"\nuntil = [\"web-x ready\"]\n\n[[step]]\ntitle = \"two missing\"\ndo = \"exec\"\n",
    );
    let file = path.display();
    assert_eq!(
        with_lang(Lang::Ru, || errors(&path)),
        [
            format!(
                "{file}:15: неизвестный вид шага «scael» (apply, scale, delete, exec, yourself, watch)"
            ),
            format!(
                "{file}:20: условие «web-x ready» ни на что не указывает: web-x — не под из web"
            ),
            format!("{file}:24: для do = \"exec\" нужны поля pod и command"),
        ]
    );
    assert_eq!(
        with_lang(Lang::ZhTw, || errors(&path))[1],
        format!("{file}:20: 條件「web-x ready」沒有對應的物件：web-x 不是 web 的 Pod")
    );
    // English as it always said it.
    assert_eq!(
        errors(&path)[2],
        format!("{file}:24: do = \"exec\" needs pod and command")
    );
}
