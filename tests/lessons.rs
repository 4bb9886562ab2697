//! Each built-in lesson, from start to end, on the lab, in tmux: once as a
//! teacher (Enter does each step) and once as a student (the test does each
//! step with kubectl, as in a second terminal). Every step's conditions must
//! be reached (the strip says `done ✓`), and every answer, revealed with
//! `a`, must point at something on the screen: its pane marked `◆ answer`,
//! its row selected, and the words the lesson says to look for visible in
//! the panes (not only in the strip).

mod common;

use std::process::Command;
use std::time::{Duration, Instant};

use common::{TestNamespace, Tmux, kubectl, kubectl_path, repo};
use stsdash::i18n::{Lang, Value, text_in, with_lang};
use stsdash::lesson::{self, Lesson, Pane};

/// How long one step may take on the lab (a slow readiness, a rolling update).
const STEP: Duration = Duration::from_secs(240);

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Driver {
    Teacher,
    Student,
}

/// A built-in lesson, read in `lang` (its titles, questions and the words to
/// look for in that language).
fn load(name: &str, lang: Lang) -> Lesson {
    with_lang(lang, || {
        lesson::load(&lesson::resolve(name).expect("a built-in lesson")).expect("it loads")
    })
}

/// What the screen says that the test looks for, in the run's language.
struct Words {
    lang: Lang,
    /// The strip's title starts so: "┌ lesson pvc", "┌ урок pvc".
    strip: String,
    now: String,
    claims: String,
    /// The storage border's count of rows left out, up to its number.
    more_rows: String,
    done: String,
    /// The strip's answer line: its label and the start of "look at the …".
    answer_at: String,
    answer_mark: String,
    recap: String,
    seen: String,
    not_revealed: String,
    skipped: String,
    cleanup: String,
}

impl Words {
    fn of(lang: Lang, lesson: &Lesson) -> Words {
        let say = |id: &str, args: &[(&str, Value)]| text_in(lang, id, args);
        let strip = say(
            "lesson-strip-title",
            &[
                ("name", Value::from(lesson.name.as_str())),
                ("step", Value::from(1)),
                ("count", Value::from(1)),
                ("title", Value::from("")),
            ],
        );
        let until_mark = |text: String, mark: &str| text.split(mark).next().unwrap().to_string();
        let answer = say("lesson-label-answer", &[]);
        let look_at = until_mark(
            say(
                "lesson-answer-at",
                &[("place", Value::from("\u{1}")), ("answer", Value::from(""))],
            ),
            "\u{1}",
        );
        Words {
            lang,
            strip: format!("┌ {}", until_mark(strip, " ·")),
            now: say("narration-now", &[]),
            claims: format!("{} ·", say("storage-head-claims", &[])),
            more_rows: until_mark(
                say(
                    "storage-more-rows",
                    &[
                        ("count", Value::from("\u{1}")),
                        ("plus", Value::from("")),
                        ("key", Value::from("")),
                    ],
                ),
                ":",
            )
            .replace('\u{1}', ""),
            done: format!("{} ✓", say("lesson-label-done", &[])),
            answer_at: format!("{answer} {}", look_at.trim_end()),
            answer_mark: format!("◆ {answer}"),
            recap: until_mark(
                say("lesson-recap-title", &[("title", Value::from("\u{1}"))]),
                "\u{1}",
            ),
            seen: format!("({})", say("lesson-recap-seen", &[])),
            not_revealed: say("lesson-recap-not-revealed", &[]),
            skipped: format!("({})", say("lesson-recap-skipped", &[])),
            cleanup: say("lesson-cleanup-start", &[]),
        }
    }

    /// "step 2 of 9 · " as the strip's title says it.
    fn heading(&self, lesson: &Lesson, index: usize) -> String {
        let title = text_in(
            self.lang,
            "lesson-strip-title",
            &[
                ("name", Value::from(lesson.name.as_str())),
                ("step", Value::from(index + 1)),
                ("count", Value::from(lesson.steps.len())),
                ("title", Value::from("\u{1}")),
            ],
        );
        let middle = title.split(" · ").nth(1).unwrap_or_default();
        format!("{middle} · ")
    }

    /// The screen above the lesson strip: the panes.
    fn panes(&self, screen: &str) -> String {
        screen
            .lines()
            .take_while(|l| !l.starts_with(&self.strip))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The lesson strip, from its title down.
    fn strip(&self, screen: &str) -> String {
        screen
            .lines()
            .skip_while(|l| !l.starts_with(&self.strip))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// Runs a command a student would type in a second terminal: the lab's
/// kubectl first on PATH, the lab's kubeconfig, in the repository.
fn student_runs(ns: &TestNamespace, command: &str) {
    let kubectl_dir = kubectl_path().parent().unwrap().to_path_buf();
    let path = format!(
        "{}:{}",
        kubectl_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let start = Instant::now();
    let run = || {
        Command::new("sh")
            .arg("-c")
            .arg(command)
            .env("PATH", &path)
            .env("KUBECONFIG", &ns.kubeconfig)
            .current_dir(repo())
            .output()
            .expect("run sh")
    };
    let mut out = run();
    // The lab's exec target follows a pod that just became Ready by a
    // moment (its agent writes it, kwok then reads it): try again, as a
    // student would, for a few seconds.
    while !out.status.success()
        && String::from_utf8_lossy(&out.stderr).contains("no exec found")
        && start.elapsed() < Duration::from_secs(15)
    {
        std::thread::sleep(Duration::from_millis(300));
        out = run();
    }
    assert!(
        out.status.success(),
        "{command}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The names a step's conditions are about (a pod, a claim, a volume or a
/// claim's volume, a StatefulSet): what the class must see on the screen.
fn named(step: &lesson::Step) -> Vec<String> {
    use stsdash::lesson::condition::{Condition, VolumeRef};
    step.until
        .iter()
        .map(|c| match c {
            Condition::Pod { name, .. }
            | Condition::Claim { name, .. }
            | Condition::StatefulSet { name, .. } => name.clone(),
            Condition::Volume { of, .. } => match of {
                VolumeRef::Named(name) | VolumeRef::OfClaim(name) => name.clone(),
            },
        })
        .collect()
}

/// Lines of the narration pane: an offset (`+12s`, `-3s`) then words, or
/// `now` and what the controller waits for (with the answer's mark `◆`).
fn narration_lines(panes: &str, now: &str) -> Vec<String> {
    panes
        .lines()
        .flat_map(|l| l.split('│'))
        .map(str::trim)
        .filter(|l| {
            let mut words = l.split_whitespace().skip_while(|w| *w == "◆");
            words.next().is_some_and(|w| {
                w == now
                    || w.len() > 2
                        && (w.starts_with('+') || w.starts_with('-'))
                        && w.ends_with('s')
                        && w[1..w.len() - 1].chars().all(|c| c.is_ascii_digit())
            })
        })
        .map(str::to_string)
        .collect()
}

/// At the projector's size, once the step is done: every name its
/// conditions mention is in the panes, with no key pressed (a pod or claim
/// gone may have left); when the step acts, the narration's newest lines
/// say something of one of them.
fn shows_the_step(
    lesson: &Lesson,
    index: usize,
    screen: &str,
    words: &Words,
) -> Result<(), String> {
    use stsdash::lesson::condition::{ClaimState, Condition, PodState, SetState};
    let step = &lesson.steps[index];
    let panes = words.panes(screen);
    let gone = |c: &Condition| {
        matches!(
            c,
            Condition::Pod {
                state: PodState::Gone,
                ..
            } | Condition::Claim {
                state: ClaimState::Gone,
                ..
            } | Condition::StatefulSet {
                state: SetState::Gone,
                ..
            }
        )
    };
    // Boxed, the storage graph draws a row for every named pod's claim
    // before any detail (mehdb's first step: data-mehdb-0 and data-mehdb-1);
    // at a student's 80 columns it may instead say how many rows it left
    // out and which key shows them.
    let width = screen.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    let says_more = width < 100 && panes.contains(&words.more_rows);
    if panes.contains(&words.claims) && !says_more {
        for claim in claims_of_named_pods(lesson, step) {
            if !panes.contains(&claim) {
                return Err(format!("the storage graph has no row for {claim}"));
            }
        }
    }
    for (condition, name) in step.until.iter().zip(named(step)) {
        if !gone(condition) && !panes.contains(&name) {
            return Err(format!(
                "{name} ({}) is not on the screen",
                with_lang(words.lang, || condition.describe())
            ));
        }
    }
    // A step that acts: what its act caused is among the newest lines.
    let said = narration_lines(&panes, &words.now);
    let names = named(step);
    let told = said
        .iter()
        .any(|l| names.iter().any(|n| l.contains(n.as_str())));
    if step.act.acts() && !names.is_empty() && !told {
        return Err(format!("the narration says nothing of {names:?}: {said:?}"));
    }
    Ok(())
}

/// The claims of the pods a step names as there (not gone): for a pod
/// `SET-N` of a StatefulSet in the lesson's manifests, `TEMPLATE-SET-N` for
/// each of its volumeClaimTemplates.
fn claims_of_named_pods(lesson: &Lesson, step: &lesson::Step) -> Vec<String> {
    use stsdash::lesson::condition::{Condition, PodState};
    let mut templates: Vec<(String, String)> = Vec::new();
    for (_, yaml) in &lesson.manifests {
        for (object, value) in stsdash::cluster::lesson::parse_manifest(yaml).unwrap() {
            if object.kind != "StatefulSet" {
                continue;
            }
            for t in value["spec"]["volumeClaimTemplates"]
                .as_array()
                .into_iter()
                .flatten()
            {
                if let Some(t) = t["metadata"]["name"].as_str() {
                    templates.push((object.name.clone(), t.to_string()));
                }
            }
        }
    }
    let mut claims = Vec::new();
    for condition in &step.until {
        let Condition::Pod { name, state } = condition else {
            continue;
        };
        if *state == PodState::Gone {
            continue;
        }
        for (set, template) in &templates {
            let ordinal = name.strip_prefix(&format!("{set}-"));
            if ordinal.is_some_and(|o| o.bytes().all(|b| b.is_ascii_digit())) {
                claims.push(format!("{template}-{name}"));
            }
        }
    }
    claims
}

/// The size a lesson is driven at: the projector's 100×30 for the teacher;
/// 80×24 for a student of the lessons whose labs run on laptops.
fn size(lesson: &Lesson, driver: Driver) -> (u16, u16) {
    match driver {
        Driver::Student if matches!(lesson.name.as_str(), "mehdb" | "pvc") => (80, 24),
        _ => (100, 30),
    }
}

fn drive(
    lesson: &Lesson,
    ns: &TestNamespace,
    driver: Driver,
    record: &std::path::Path,
    lang: Lang,
) {
    let words = Words::of(lang, lesson);
    let flag = match driver {
        Driver::Teacher => "",
        Driver::Student => "--student",
    };
    let flag = format!("{flag} --record {}", record.display());
    let command = format!(
        "cd {} && KUBECONFIG={} {} --lang {} lesson {} -n {} {flag} --cleanup --theme projector; echo stsdash-exited-$?; sleep 60",
        repo().display(),
        ns.kubeconfig.display(),
        env!("CARGO_BIN_EXE_stsdash"),
        lang.tag(),
        lesson.name,
        ns.name,
    );
    let (width, height) = size(lesson, driver);
    let tmux = Tmux::start_sized(&format!("{}-{driver:?}", ns.name), &command, width, height);
    for (index, step) in lesson.steps.iter().enumerate() {
        let heading = words.heading(lesson, index);
        let what = |w: &str| format!("{driver:?}, step {} ({}): {w}", index + 1, step.title);
        tmux.until(STEP, &what("the step"), |s| {
            words.strip(s).contains(&heading)
        });
        match driver {
            Driver::Teacher if step.act.acts() => tmux.keys("Enter"),
            Driver::Teacher => {}
            Driver::Student => {
                if let Some(command) = lesson.kubectl(step, &ns.name) {
                    student_runs(ns, &command);
                }
                // Nothing on the cluster ends such a step: the student says so.
                if step.until.is_empty() {
                    tmux.keys("Enter");
                }
            }
        }
        // Checked on one whole frame (tmux may be read while a frame is
        // being written): `done ✓` and every condition in words.
        tmux.until(STEP, &what("its conditions"), |s| {
            // Flat: at the projector's width a condition may wrap.
            let strip = common::flat(&words.strip(s));
            strip.contains(&words.done)
                && step
                    .until
                    .iter()
                    .all(|c| strip.contains(&with_lang(lang, || c.describe())))
        });
        // What the step is about, on the screen at this size.
        let why = std::cell::RefCell::new(String::new());
        let shown = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            tmux.until(
                Duration::from_secs(20),
                &what("its objects on screen"),
                |s| {
                    shows_the_step(lesson, index, s, &words)
                        .map_err(|e| *why.borrow_mut() = e)
                        .is_ok()
                },
            )
        }));
        if let Err(panic) = shown {
            panic!(
                "{}: {}\n{:?}",
                what("the step on screen"),
                why.borrow(),
                panic.downcast_ref::<String>()
            );
        }
        if let Some(answer_at) = step.answer_at.clone().or(step.watch.clone()) {
            tmux.keys("a");
            let answer = step.answer.as_deref().unwrap_or_default();
            let first_words: String = answer
                .split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ");
            let look_for = step.look_for.clone().unwrap_or_default();
            let mark = (answer_at.pane != Pane::Header).then(|| words.answer_mark.clone());
            let row = answer_at.row.clone();
            // Without spaces: a line wrapped between two Chinese characters
            // reads with a space once flattened.
            let dense = |s: &str| s.split_whitespace().collect::<String>();
            tmux.until(Duration::from_secs(20), &what("the answer"), |s| {
                let panes = words.panes(s);
                let strip = dense(&common::flat(&words.strip(s)));
                strip.contains(&dense(&words.answer_at))
                    && strip.contains(&dense(&first_words))
                    // Flat: the words may wrap in their pane.
                    && dense(&common::flat(&panes)).contains(&dense(&look_for))
                    && mark.as_ref().is_none_or(|m| panes.contains(m.as_str()))
                    && row.as_ref().is_none_or(|r| match answer_at.pane {
                        // The selected pod's line under the timeline names it.
                        Pane::Timeline => panes.contains(&format!("└ {r} ·")),
                        _ => panes.contains(r.as_str()),
                    })
            });
        }
        tmux.keys("Enter");
    }
    let recap = tmux.until(Duration::from_secs(20), "the recap", |s| {
        s.contains(&words.recap)
    });
    // Every question was answered: none is left unrevealed or skipped.
    assert!(recap.contains(&words.seen), "{recap}");
    assert!(
        !recap.contains(&words.not_revealed) && !recap.contains(&words.skipped),
        "{recap}"
    );
    tmux.keys("q");
    // --cleanup says it cleans up, then may wait for volumes to be released.
    tmux.until(Duration::from_secs(10), "the cleanup said", |s| {
        s.contains(&words.cleanup)
    });
    tmux.assert_exited_and_restored_within(Duration::from_secs(45));
}

/// The lesson's cluster-wide objects (static volumes, classes), `kind/name`.
fn cluster_objects(lesson: &Lesson) -> Vec<String> {
    let mut names = Vec::new();
    for (_, yaml) in &lesson.manifests {
        for (object, _) in stsdash::cluster::lesson::parse_manifest(yaml).unwrap() {
            if matches!(object.kind.as_str(), "PersistentVolume" | "StorageClass") {
                names.push(format!("{}/{}", object.kind.to_lowercase(), object.name));
            }
        }
    }
    names
}

/// Held while a lesson with cluster-wide objects runs: two runs of it at
/// once (in two languages) would make, and clean up, the same objects.
static CLUSTER_WIDE: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn one_at_a_time(lesson: &Lesson) -> Option<std::sync::MutexGuard<'static, ()>> {
    (!cluster_objects(lesson).is_empty()).then(|| {
        CLUSTER_WIDE
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    })
}

/// The lesson's cluster-wide objects (static volumes, classes) are gone:
/// `--cleanup` removed them, so the next run makes them again.
fn cluster_objects_gone(lesson: &Lesson, ns: &TestNamespace) {
    let names = cluster_objects(lesson);
    let start = Instant::now();
    for name in names {
        loop {
            let out = kubectl(&ns.kubeconfig)
                .args(["get", &name, "--ignore-not-found", "-o", "name"])
                .output()
                .unwrap();
            if out.status.success() && out.stdout.is_empty() {
                break;
            }
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "--cleanup left {name}"
            );
            std::thread::sleep(Duration::from_millis(300));
        }
    }
}

/// The class's recording, played back with no cluster: the strip goes
/// through the steps as the teacher did, the answers revealed, to the recap.
fn replayed(lesson: &Lesson, record: &std::path::Path, lang: Lang) {
    let words = Words::of(lang, lesson);
    let command = format!(
        "KUBECONFIG=/nonexistent {} --lang {} replay {} --speed 40 --theme projector; echo stsdash-exited-$?; sleep 60",
        env!("CARGO_BIN_EXE_stsdash"),
        lang.tag(),
        record.display(),
    );
    let tmux = Tmux::start(
        &format!("replay-{}-{}", lesson.name, std::process::id()),
        &command,
    );
    let last = words.heading(lesson, lesson.steps.len() - 1);
    let screen = tmux.until(STEP, "the replay's last step and recap", |s| {
        s.contains(&last) && s.contains(&words.recap)
    });
    assert!(screen.contains(&words.seen), "{screen}");
    assert!(!screen.contains(&words.not_revealed), "{screen}");
    tmux.keys("q");
    tmux.assert_exited_and_restored();
}

async fn both_ways(name: &str) {
    let lesson = load(name, Lang::En);
    let _alone = one_at_a_time(&lesson);
    let dir = std::env::temp_dir().join(format!("stsdash-lessons-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let record = dir.join(format!("{name}.jsonl"));
    let first = TestNamespace::new(&format!("lesson-{name}")).await;
    drive(&lesson, &first, Driver::Teacher, &record, Lang::En);
    cluster_objects_gone(&lesson, &first);
    drop(first);
    replayed(&lesson, &record, Lang::En);
    let second = TestNamespace::new(&format!("lesson-{name}")).await;
    drive(
        &lesson,
        &second,
        Driver::Student,
        &dir.join(format!("{name}-student.jsonl")),
        Lang::En,
    );
    cluster_objects_gone(&lesson, &second);
}

/// A student runs the lesson in `lang` to its recap; its recording then
/// replays in `replay_in`, from the same facts (recordings keep no sentences).
async fn in_language(name: &str, lang: Lang, replay_in: Lang) {
    let lesson = load(name, lang);
    let _alone = one_at_a_time(&lesson);
    let dir = std::env::temp_dir().join(format!("stsdash-lessons-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let record = dir.join(format!("{name}-{}.jsonl", lang.tag()));
    let ns = TestNamespace::new(&format!("lesson-{name}")).await;
    drive(&lesson, &ns, Driver::Student, &record, lang);
    cluster_objects_gone(&lesson, &ns);
    drop(ns);
    replayed(&load(name, replay_in), &record, replay_in);
}

#[tokio::test(flavor = "multi_thread")]
async fn lesson_pvc_in_russian_as_a_student_then_replayed_in_chinese() {
    in_language("pvc", Lang::Ru, Lang::ZhTw).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn lesson_static_volumes_in_chinese_as_a_student_then_replayed_in_russian() {
    in_language("static-volumes", Lang::ZhTw, Lang::Ru).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn lesson_mehdb_runs_both_ways() {
    both_ways("mehdb").await;
}

fn stsdash(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_stsdash"))
        .args(args)
        .env_remove("KUBECONFIG")
        .current_dir(repo())
        .output()
        .expect("run stsdash")
}

#[test]
fn the_built_in_lessons_are_listed_and_each_is_a_seed() {
    let out = stsdash(&["lesson", "--list"]);
    assert!(out.status.success());
    let list = String::from_utf8(out.stdout).unwrap();
    for (name, seed) in [
        ("pvc", "000"),
        ("mehdb", "001"),
        ("rolling-update", "002"),
        ("billing", "003"),
        ("static-volumes", "004"),
    ] {
        let line = list
            .lines()
            .find(|l| l.starts_with(&format!("{name} ")))
            .unwrap_or_else(|| panic!("no lesson {name} in:\n{list}"));
        assert!(line.contains(&format!("seed {seed}")), "{line}");
    }
    assert!(!list.contains("broken"), "{list}");
}

#[test]
fn a_lesson_file_with_mistakes_is_refused_with_file_and_line_before_any_cluster() {
    let dir = std::env::temp_dir().join(format!("stsdash-bad-lesson-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bad.toml");
    std::fs::write(
        &path,
        "title = \"bad\"\nstatefulset = \"web\"\n\n[[step]]\ntitle = \"start\"\ndo = \"apply\"\nmanifest = \"web.yaml\"\n\n[[step]]\ntitle = \"typo\"\ndo = \"scael\"\n",
    )
    .unwrap();
    // No kubeconfig at all: the file is refused before stsdash connects.
    let out = stsdash(&["lesson", path.to_str().unwrap()]);
    assert!(!out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    let file = path.display();
    assert!(
        stderr.contains(&format!(
            "stsdash: {file}:7: manifest web.yaml: No such file or directory"
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("stsdash: {file}:11: unknown step kind \"scael\"")),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "stsdash: {file}:2: statefulset: web is not a StatefulSet"
        )),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 3, "{stderr}");
    let check = stsdash(&["lesson", "--check", path.to_str().unwrap()]);
    assert!(!check.status.success());
    let ok = stsdash(&["lesson", "--check", "mehdb"]);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
}

#[test]
fn read_only_and_piped_a_lesson_is_a_script_of_the_commands_to_run() {
    let out = stsdash(&["lesson", "mehdb", "--read-only", "-n", "class-1"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let script = String::from_utf8(out.stdout).unwrap();
    for line in [
        "kubectl create namespace class-1",
        "kubectl apply --server-side --field-manager=stsdash -n class-1 -f examples/mehdb.yaml",
        "kubectl -n class-1 scale sts mehdb --replicas=4",
        "kubectl -n class-1 exec mehdb-3 -- sh -c 'cat $MEHDB_DATADIR/note'",
        "#   until: mehdb-3 gone, mehdb-2 gone",
        "#   ? Are there still four claims?",
    ] {
        assert!(
            script.lines().any(|l| l == line),
            "no {line:?} in:\n{script}"
        );
    }
    // The manifest a command names, for a lesson run away from the repository.
    let manifest = stsdash(&["lesson", "mehdb", "--manifest", "../examples/mehdb.yaml"]);
    assert_eq!(
        String::from_utf8(manifest.stdout).unwrap(),
        std::fs::read_to_string(repo().join("examples/mehdb.yaml")).unwrap()
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn lesson_pvc_runs_both_ways() {
    both_ways("pvc").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn lesson_rolling_update_runs_both_ways() {
    both_ways("rolling-update").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn lesson_billing_runs_both_ways() {
    both_ways("billing").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn lesson_static_volumes_runs_both_ways() {
    both_ways("static-volumes").await;
}
