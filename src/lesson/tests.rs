use std::path::PathBuf;

use super::run::{Effect, Stage};
use super::*;
use crate::model::fixtures::{self, NS};
use crate::model::{Change, ClusterEvent, Model, RunOutput, Scope};

/// A lesson file of the test's own, on web.yaml (StatefulSet web, claims www-web-N).
fn lesson_file(name: &str, steps: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("stsdash-lessons-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.toml"));
    // A lesson reads only files next to it or below. Tests run at once:
    // the copy appears whole (renamed into place), never half written.
    static COPIES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let copy = COPIES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let partial = dir.join(format!("web.yaml.{name}.{copy}"));
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/examples/web.yaml"),
        &partial,
    )
    .unwrap();
    std::fs::rename(&partial, dir.join("web.yaml")).unwrap();
    let web = "web.yaml";
    let text = format!(
        "title = \"test\"\nstatefulset = \"web\"\n\n[[step]]\ntitle = \"start\"\ndo = \"apply\"\nmanifest = \"{web}\"\nwatch = \"timeline web-0\"\nuntil = \"web-0 ready\"\nquestion = \"q0\"\nanswer = \"a0\"\n{steps}"
    );
    let partial = dir.join(format!("{name}.toml.{copy}"));
    std::fs::write(&partial, text).unwrap();
    std::fs::rename(&partial, &path).unwrap();
    path
}

fn errors(path: &std::path::Path) -> Vec<String> {
    match load(&Source::File(path.to_path_buf())) {
        Ok(_) => panic!("{} loaded", path.display()),
        Err(LessonError(lines)) => lines,
    }
}

#[test]
fn a_manifest_outside_the_lessons_directory_or_of_a_cluster_wide_kind_is_refused() {
    let path = lesson_file(
        "escape",
        "\n[[step]]\ntitle = \"out\"\ndo = \"apply\"\nmanifest = \"../x.yaml\"\n\n[[step]]\ntitle = \"role\"\ndo = \"apply\"\nmanifest = \"role.yaml\"\n",
    );
    let dir = path.parent().unwrap();
    std::fs::write(
        dir.parent().unwrap().join("x.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("role.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: everything}\nrules: []\n",
    )
    .unwrap();
    let file = path.display();
    let errors = errors(&path);
    let root = dir.canonicalize().unwrap();
    assert!(
        errors.contains(&format!(
            "{file}:16: manifest ../x.yaml: outside the lesson's directory {} (a lesson reads only the files next to it or below)",
            root.display()
        )),
        "{errors:#?}"
    );
    assert!(
        errors.contains(&format!(
            "{file}:21: manifest role.yaml:6: kind ClusterRole is cluster-wide: a lesson makes only namespaced objects, PersistentVolumes and StorageClasses, unless its file says cluster_objects = true and you pass --allow-cluster-objects"
        )),
        "{errors:#?}"
    );
    assert_eq!(errors.len(), 2, "{errors:#?}");

    // Saying so in the file lets it load (applying still needs --allow-cluster-objects).
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("manifest = \"../x.yaml\"", "manifest = \"web.yaml\"")
        .replacen(
            "title = \"test\"",
            "title = \"test\"\ncluster_objects = true",
            1,
        );
    std::fs::write(&path, text).unwrap();
    let lesson = load(&Source::File(path.clone())).unwrap();
    assert!(lesson.cluster_objects);
    assert!(
        lesson
            .plan("ns")
            .contains(&"ClusterRole everything (cluster-wide)".to_string()),
        "{:?}",
        lesson.plan("ns")
    );
}

#[test]
fn every_built_in_lesson_loads_and_each_answer_points_at_a_place() {
    assert!(!builtin::BUILT_IN.is_empty());
    for b in builtin::BUILT_IN {
        let lesson = load(&Source::BuiltIn(b)).unwrap_or_else(|e| panic!("{}: {e}", b.name));
        for step in &lesson.steps {
            if step.question.is_some() {
                assert!(
                    step.answer_at.is_some() || step.watch.is_some(),
                    "{}: {}",
                    b.name,
                    step.title
                );
                assert!(
                    step.look_for.as_deref().is_some_and(|l| !l.is_empty()),
                    "{}: {}",
                    b.name,
                    step.title
                );
            }
        }
    }
}

#[test]
fn a_lesson_with_mistakes_is_refused_with_file_line_and_what_is_wrong() {
    // Lines 12 on: the test's steps (the first step is lines 4–11).
    let path = lesson_file(
        "mistakes",
        "\n[[step]]\ntitle = \"typo\"\ndo = \"scael\"\n\n[[step]]\ntitle = \"no file\"\ndo = \"apply\"\nmanifest = \"nope.yaml\"\n\n[[step]]\ntitle = \"names nothing\"\ndo = \"watch\"\nuntil = [\"web-x ready\"]\n\n[[step]]\ntitle = \"no such state\"\ndo = \"watch\"\nuntil = \"claim www-web-1 keptt\"\n\n[[step]]\ntitle = \"no such claim\"\ndo = \"watch\"\nwatch = \"storage data-web-0\"\n",
    );
    let file = path.display().to_string();
    let errors = errors(&path);
    let expected = [
        format!(
            "{file}:15: unknown step kind \"scael\" (apply, scale, delete, exec, yourself, watch)"
        ),
        format!("{file}:20: manifest nope.yaml: No such file or directory (os error 2)"),
        format!("{file}:25: condition \"web-x ready\" names nothing: web-x is not a pod of web"),
        format!(
            "{file}:30: condition \"claim www-web-1 keptt\": unknown state \"keptt\" (bound, pending, terminating, kept, used, gone)"
        ),
        format!(
            "{file}:35: place \"storage data-web-0\": data-web-0 is neither a pod nor a claim this lesson's manifests make"
        ),
    ];
    for line in &expected {
        assert!(errors.contains(line), "missing {line:?} in {errors:#?}");
    }
    assert_eq!(errors.len(), expected.len(), "{errors:#?}");
}

#[test]
fn a_file_that_is_not_toml_or_has_unknown_fields_names_the_line() {
    let path = lesson_file(
        "fields",
        "\n[[step]]\ntitle = \"x\"\ndo = \"watch\"\nwhen = \"now\"\n",
    );
    let errors = errors(&path);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with(&format!("{}:16: unknown field `when`", path.display())),
        "{errors:?}"
    );
    let path = lesson_file("syntax", "\n[[step]\n");
    let syntax = self::errors(&path);
    assert!(
        syntax[0].starts_with(&format!("{}:13: ", path.display())),
        "{syntax:?}"
    );
}

/// The model of web with 2 Ready pods, claims and volumes bound.
fn web_model() -> Model {
    let mut model = Model::new(Scope {
        namespace: Some(NS.into()),
        statefulset: None,
    });
    for event in fixtures::ready_statefulset(2) {
        model.apply(event);
    }
    model
}

fn apply(model: &mut Model, change: Change) {
    let at = model.now + 10;
    model.apply(ClusterEvent { at, change });
}

fn check(model: &Model, condition: &str) -> Check {
    Condition::parse(condition)
        .unwrap()
        .check(model, NS, &Baseline::new())
}

#[test]
fn conditions_follow_the_model_and_say_what_is_there_instead() {
    let mut model = web_model();
    assert!(check(&model, "web-1 ready").holds);
    let absent = check(&model, "web-2 ready");
    assert_eq!((absent.holds, absent.now.as_str()), (false, "no such pod"));
    assert!(check(&model, "web-2 gone").holds);
    assert!(check(&model, "claim www-web-1 bound").holds);
    let used = check(&model, "claim www-web-1 kept");
    assert_eq!(
        (used.holds, used.now.as_str()),
        (false, "Bound, used by web-1")
    );
    assert!(!check(&model, "volume of www-web-1 released").holds);

    // Scaled down: web-1 goes, its claim stays, its volume is released later.
    apply(
        &mut model,
        Change::Deleted(fixtures::pod(
            1,
            "uid-1",
            90,
            crate::model::pod::Phase::Ready,
        )),
    );
    assert!(check(&model, "claim www-web-1 kept").holds);
    assert!(check(&model, "web-1 gone").holds);
    apply(&mut model, Change::Deleted(fixtures::claim(1, 91, true)));
    apply(
        &mut model,
        Change::Applied(fixtures::volume(1, 92, "Released")),
    );
    assert!(check(&model, "claim www-web-1 gone").holds);
    let released = check(&model, "volume of www-web-1 released");
    assert_eq!(
        (released.holds, released.now.as_str()),
        (true, "pv-1 Released")
    );

    let set = check(&model, "statefulset web ready 2");
    assert_eq!(set.now, "2 desired, 0 ready, 0 updated");
    assert!(!set.holds);
    assert!(Condition::parse("statefulset web ready two").is_err());

    // A new template: until the controller has seen it (observedGeneration),
    // the status of the last update does not say this one is done.
    let mut sts = fixtures::sts(
        2,
        100,
        serde_json::json!({
            "metadata": {"generation": 2},
            "status": {"observedGeneration": 1, "readyReplicas": 2, "updatedReplicas": 2, "currentRevision": "web-1", "updateRevision": "web-1"}
        }),
    );
    apply(&mut model, Change::Applied(sts.clone()));
    assert!(!check(&model, "statefulset web rolled out").holds);
    assert!(!check(&model, "statefulset web ready 2").holds);
    if let crate::model::Object::StatefulSet(s) = &mut sts {
        s.status.observed_generation = Some(2);
        s.metadata.resource_version = "101".into();
    }
    apply(&mut model, Change::Applied(sts));
    assert!(check(&model, "statefulset web rolled out").holds);
    assert!(
        Condition::parse("web-0")
            .unwrap_err()
            .contains("a state is missing")
    );
}

#[test]
fn a_replaced_pod_is_ready_with_another_uid_than_when_the_step_began() {
    let mut model = web_model();
    let condition = Condition::parse("web-0 replaced").unwrap();
    let began: Baseline = [("web-0".to_string(), "uid-0".to_string())].into();
    assert!(!condition.check(&model, NS, &began).holds);
    for object in fixtures::lifecycle(0, "uid-new", 200) {
        apply(&mut model, Change::Applied(object));
    }
    let check = condition.check(&model, NS, &began);
    assert_eq!(
        (check.holds, check.now.as_str()),
        (true, "Ready (a new UID)")
    );
}

fn two_steps() -> Lesson {
    let path = lesson_file(
        "two",
        "\n[[step]]\ntitle = \"scale\"\ndo = \"scale\"\nreplicas = 3\nuntil = \"web-2 ready\"\nquestion = \"q1\"\nanswer = \"a1\"\nanswer_at = \"storage www-web-2\"\n",
    );
    load(&Source::File(path)).unwrap()
}

fn has_act(effects: &[Effect]) -> bool {
    effects.iter().any(|e| matches!(e, Effect::Act(..)))
}

#[test]
fn a_teacher_does_each_step_then_waits_for_it() {
    let mut model = web_model();
    let mut run = Run::new(two_steps(), Mode::Teacher, NS.into());
    run.begin(&model);
    assert_eq!(run.stage, Stage::ToDo);
    assert!(has_act(&run.enter(&model)), "Enter does the step");
    assert_eq!(run.stage, Stage::Doing);
    // It ran; web-0 is Ready already: done at once.
    run.acted(0, Ok("applied".into()), &model);
    assert_eq!(run.stage, Stage::Done);
    let revealed = run.reveal();
    assert!(revealed.contains(&Effect::Show(Place::parse("timeline web-0").unwrap())));
    assert!(run.marks[0].revealed);
    run.enter(&model);
    assert_eq!((run.step, &run.stage), (1, &Stage::ToDo));
    run.enter(&model);
    run.acted(1, Ok(RunOutput::Nothing), &model);
    assert_eq!(run.stage, Stage::Waiting);
    assert_eq!(run.waiting_for(&model), "web-2 Ready (now no such pod)");
    // Not yet: the answer waits; Enter says what it waits for, twice skips.
    assert!(matches!(run.reveal()[..], [Effect::Say(_)]));
    let said = run.enter(&model);
    assert_eq!(
        said,
        vec![Effect::Say(
            "still waiting for web-2 Ready (now no such pod): Enter again skips this step".into()
        )]
    );
    for object in fixtures::lifecycle(2, "uid-2", 300) {
        apply(&mut model, Change::Applied(object));
    }
    run.update(&model);
    assert_eq!(run.stage, Stage::Done);
    assert!(
        run.reveal()
            .contains(&Effect::Show(Place::parse("storage www-web-2").unwrap()))
    );
    let end = run.enter(&model);
    assert!(end.contains(&Effect::Recap) && run.finished);
    assert!(!run.marks.iter().any(|m| m.skipped));
}

#[test]
fn a_teacher_may_skip_a_step_that_waits_with_a_second_enter() {
    let model = web_model();
    let mut run = Run::new(two_steps(), Mode::Teacher, NS.into());
    run.begin(&model);
    run.enter(&model);
    run.acted(0, Ok("applied".into()), &model);
    run.enter(&model);
    run.enter(&model);
    run.acted(1, Ok(RunOutput::Nothing), &model);
    assert_eq!(run.stage, Stage::Waiting);
    // The first Enter says what it waits for; the second skips it, though web-2 never came.
    assert!(matches!(run.enter(&model)[..], [Effect::Say(_)]));
    assert_eq!(run.stage, Stage::Waiting);
    let skipped = run.enter(&model);
    assert!(run.marks[1].skipped, "{skipped:?}");
    assert!(!run.marks[0].skipped);
    assert!(
        skipped.contains(&Effect::Recap) && run.finished,
        "the last step skipped ends the lesson: {skipped:?}"
    );
}

#[test]
fn a_student_step_waits_for_the_cluster_whoever_does_it() {
    let mut model = web_model();
    let mut run = Run::new(two_steps(), Mode::Student, NS.into());
    run.begin(&model);
    // Nothing for stsdash to do; web-0 is Ready: the first step is done.
    assert_eq!(run.stage, Stage::Done);
    let next = run.enter(&model);
    assert!(!has_act(&next), "a student's step is not done by stsdash");
    assert_eq!((run.step, &run.stage), (1, &Stage::Waiting));
    for _ in 0..3 {
        let said = run.enter(&model);
        assert_eq!(run.step, 1, "Enter does not skip a student's step");
        assert!(matches!(&said[..], [Effect::Say(s)] if s.contains("waiting for web-2 Ready")));
    }
    for object in fixtures::lifecycle(2, "uid-2", 300) {
        apply(&mut model, Change::Applied(object));
    }
    run.update(&model);
    assert_eq!(run.stage, Stage::Done);
}

mod lang;
