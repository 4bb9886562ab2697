//! Reading a lesson file and checking it: every mistake is said with the
//! file, the line and what is wrong, before anything touches the cluster.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use super::manifest::{KindRule, cluster_wide_refusal, kind_rule};
use super::names::Names;
use super::text::Localized;
use super::{Act, Lesson, ObjectKind, Place, Planned, Step, builtin};
use crate::lesson::condition::Condition;

/// Every mistake found in a lesson file, one per line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", .0.join("\n"))]
pub struct LessonError(pub Vec<String>);

/// Where a lesson's text and manifests come from.
pub enum Source {
    /// One of the lessons that come with stsdash.
    BuiltIn(&'static builtin::BuiltIn),
    /// A file: its manifests are read next to it.
    File(PathBuf),
    /// A lesson a recording kept: (name, file, text, manifests).
    Recorded {
        name: String,
        file: String,
        text: String,
        manifests: Vec<(String, String)>,
    },
}

/// A lesson by name (built-in) or by path (a file).
pub fn resolve(name_or_path: &str) -> Result<Source, LessonError> {
    let path = Path::new(name_or_path);
    if name_or_path.contains('/') || name_or_path.ends_with(".toml") || path.is_file() {
        return Ok(Source::File(path.to_path_buf()));
    }
    builtin::find(name_or_path)
        .map(Source::BuiltIn)
        .ok_or_else(|| {
            LessonError(vec![crate::t!(
                "lesson-file-no-such-lesson",
                name = name_or_path
            )])
        })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLesson {
    title: Localized,
    seed: Option<String>,
    about: Option<Localized>,
    statefulset: Spanned<String>,
    /// Cluster-wide kinds beyond PersistentVolume and StorageClass may be applied (with --allow-cluster-objects).
    #[serde(default)]
    cluster_objects: bool,
    #[serde(default)]
    step: Vec<Spanned<RawStep>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStep {
    title: Localized,
    #[serde(rename = "do")]
    act: Spanned<String>,
    manifest: Option<Spanned<String>>,
    replicas: Option<Spanned<i32>>,
    object: Option<Spanned<String>>,
    pod: Option<Spanned<String>>,
    command: Option<Spanned<String>>,
    key: Option<Spanned<String>>,
    kubectl: Option<Spanned<String>>,
    statefulset: Option<Spanned<String>>,
    watch: Option<Spanned<String>>,
    until: Option<Spanned<toml::Value>>,
    question: Option<Localized>,
    answer: Option<Spanned<Localized>>,
    answer_at: Option<Spanned<String>>,
    look_for: Option<Localized>,
    note: Option<Localized>,
}

impl RawLesson {
    /// Every text a student reads, with its field's name and where its
    /// lesson or step is written.
    fn texts(&self) -> Vec<(&'static str, &Localized, std::ops::Range<usize>)> {
        let mut out = vec![("title", &self.title, 0..0)];
        out.extend(self.about.as_ref().map(|a| ("about", a, 0..0)));
        for step in &self.step {
            let span = step.span();
            let s = step.get_ref();
            out.push(("title", &s.title, span.clone()));
            let fields = [
                ("question", s.question.as_ref()),
                ("answer", s.answer.as_ref().map(Spanned::get_ref)),
                ("look_for", s.look_for.as_ref()),
                ("note", s.note.as_ref()),
            ];
            out.extend(
                fields
                    .into_iter()
                    .filter_map(|(f, t)| Some((f, t?, span.clone()))),
            );
        }
        out
    }
}

/// The lesson's text fields that do not say themselves in `lang` (they are
/// read in English there), each as FILE:LINE: FIELD.
pub fn untranslated(source: &Source, lang: crate::i18n::Lang) -> Result<Vec<String>, LessonError> {
    let (_, file, text, _) = read(source)?;
    let raw = parse(&file, &text)?;
    Ok(raw
        .texts()
        .into_iter()
        .filter(|(_, t, _)| t.given(lang).is_none())
        .map(|(field, _, span)| format!("{file}:{}: {field}", line_of(&text, span)))
        .collect())
}

/// The line (1-based) a span of `text` begins on.
fn line_of(text: &str, span: std::ops::Range<usize>) -> usize {
    text.as_bytes()[..span.start.min(text.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

/// The lesson's name, its file as errors name it, its text and the
/// directory its manifests are read from (a file's).
fn read(source: &Source) -> Result<(String, String, String, Option<PathBuf>), LessonError> {
    Ok(match source {
        Source::BuiltIn(b) => (
            b.name.to_string(),
            format!("lessons/{}.toml", b.name),
            b.text.to_string(),
            None,
        ),
        Source::Recorded {
            name, file, text, ..
        } => (name.clone(), file.clone(), text.clone(), None),
        Source::File(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| LessonError(vec![format!("{}: {e}", path.display())]))?;
            let name = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
            (name, path.display().to_string(), text, Some(dir))
        }
    })
}

fn parse(file: &str, text: &str) -> Result<RawLesson, LessonError> {
    toml::from_str(text).map_err(|e| {
        let message = e.message().trim().to_string();
        LessonError(vec![match e.span() {
            Some(span) => format!("{file}:{}: {message}", line_of(text, span)),
            None => format!("{file}: {message}"),
        }])
    })
}

/// Reads the lesson and checks every step; all mistakes at once.
pub fn load(source: &Source) -> Result<Lesson, LessonError> {
    let (name, file, text, dir) = read(source)?;
    let line = |span: std::ops::Range<usize>| line_of(&text, span);
    let at = |span: std::ops::Range<usize>, what: String| format!("{file}:{}: {what}", line(span));
    let raw = parse(&file, &text)?;

    let mut errors = Vec::new();
    for (field, localized, whole) in raw.texts() {
        for (span, what) in localized.mistakes(field, whole) {
            errors.push(at(span, what));
        }
    }
    // The manifests first: the names the steps may use come from them.
    let mut manifests: Vec<(String, String)> = Vec::new();
    let mut manifest_paths = Vec::new();
    let mut names = Names::default();
    let mut objects_planned = Vec::new();
    for step in &raw.step {
        let Some(manifest) = &step.get_ref().manifest else {
            continue;
        };
        let path = manifest.get_ref();
        if manifests.iter().any(|(p, _)| p == path) {
            continue;
        }
        let found = match (&dir, source) {
            (Some(dir), _) => inside(dir, path).and_then(|on_disk| {
                std::fs::read_to_string(&on_disk)
                    .map(|t| (t, Some(on_disk)))
                    .map_err(|e| e.to_string())
            }),
            (None, Source::BuiltIn(b)) => builtin::manifest(b, path)
                .map(|t| (t.to_string(), builtin::on_disk(path)))
                .ok_or_else(|| crate::t!("lesson-file-not-built-in")),
            (None, Source::Recorded { manifests, .. }) => manifests
                .iter()
                .find(|(p, _)| p == path)
                .map(|(_, t)| (t.clone(), None))
                .ok_or_else(|| crate::t!("lesson-file-not-recorded")),
            (None, Source::File(_)) => Err(crate::t!("lesson-file-has-directory")),
        };
        match found {
            Ok((yaml, on_disk)) => {
                match super::manifest::parse_manifest(&yaml) {
                    Ok(objects) => {
                        let mut from_line = 0;
                        for (object, value) in &objects {
                            names.add(&object.kind, &object.name, value);
                            let rule = kind_rule(&object.api_version, &object.kind);
                            let kind_line = line_of_kind(&yaml, &object.kind, from_line);
                            from_line = kind_line;
                            if rule == KindRule::ClusterWide && !raw.cluster_objects {
                                errors.push(at(
                                    manifest.span(),
                                    format!(
                                        "manifest {path}:{kind_line}: {}",
                                        cluster_wide_refusal(&object.kind)
                                    ),
                                ));
                            }
                            let planned = Planned {
                                manifest: path.clone(),
                                kind: object.kind.clone(),
                                name: object.name.clone(),
                                cluster_wide: rule != KindRule::Namespaced,
                            };
                            if !objects_planned.contains(&planned) {
                                objects_planned.push(planned);
                            }
                        }
                    }
                    Err(e) => errors.push(at(manifest.span(), format!("manifest {path}: {e}"))),
                }
                if let Some(on_disk) = on_disk {
                    manifest_paths.push((path.clone(), on_disk));
                }
                manifests.push((path.clone(), yaml));
            }
            Err(e) => errors.push(at(manifest.span(), format!("manifest {path}: {e}"))),
        }
    }

    let lesson_set = raw.statefulset.get_ref().clone();
    if let Err(e) = names.statefulset(&lesson_set) {
        errors.push(at(raw.statefulset.span(), format!("statefulset: {e}")));
    }
    if raw.step.is_empty() {
        errors.push(crate::t!("lesson-file-no-step", file = file));
    }
    let mut steps = Vec::new();
    let mut shown = lesson_set.clone();
    for spanned in &raw.step {
        let step_line = line(spanned.span());
        let raw_step = spanned.get_ref();
        let mut fail = |span: std::ops::Range<usize>, what: String| errors.push(at(span, what));
        if let Some(set) = &raw_step.statefulset {
            match names.statefulset(set.get_ref()) {
                Ok(()) => shown = set.get_ref().clone(),
                Err(e) => fail(set.span(), format!("statefulset: {e}")),
            }
        }
        let act = read_act(raw_step, &names, &mut fail);
        let place = |field: &Option<Spanned<String>>, fail: &mut dyn FnMut(_, String)| {
            let field = field.as_ref()?;
            match Place::parse(field.get_ref()).and_then(|p| names.row(&p).map(|_| p)) {
                Ok(place) => Some(place),
                Err(e) => {
                    fail(field.span(), format!("place \"{}\": {e}", field.get_ref()));
                    None
                }
            }
        };
        let watch = place(&raw_step.watch, &mut fail);
        let answer_at = place(&raw_step.answer_at, &mut fail);
        let until = read_until(raw_step.until.as_ref(), &names, &mut fail);
        if raw_step.question.is_some() && raw_step.answer.is_none() {
            fail(spanned.span(), crate::t!("lesson-file-question-alone"));
        }
        if let (None, Some(answer)) = (&raw_step.question, &raw_step.answer) {
            fail(answer.span(), crate::t!("lesson-file-answer-alone"));
        }
        if let Some(act) = act {
            steps.push(Step {
                title: raw_step.title.current(),
                line: step_line,
                act,
                statefulset: shown.clone(),
                watch,
                until,
                question: raw_step.question.as_ref().map(Localized::current),
                answer: raw_step.answer.as_ref().map(|a| a.get_ref().current()),
                answer_at,
                look_for: raw_step.look_for.as_ref().map(Localized::current),
                note: raw_step.note.as_ref().map(Localized::current),
            });
        }
    }
    if !errors.is_empty() {
        return Err(LessonError(errors));
    }
    Ok(Lesson {
        name,
        file,
        title: raw.title.current(),
        text,
        seed: raw.seed,
        about: raw.about.as_ref().map(Localized::current),
        statefulset: lesson_set,
        steps,
        manifests,
        manifest_paths,
        objects: objects_planned,
        cluster_objects: raw.cluster_objects,
    })
}

/// The manifest `path` of a lesson in `dir`, on disk: it must stay inside
/// the lesson's directory (checked on the canonical paths, so neither `..`
/// nor a symbolic link leads out).
fn inside(dir: &Path, path: &str) -> Result<PathBuf, String> {
    let root = dir
        .canonicalize()
        .or_else(|_| std::env::current_dir())
        .map_err(|e| e.to_string())?;
    let joined = if dir.as_os_str().is_empty() {
        PathBuf::from(path)
    } else {
        dir.join(path)
    };
    let on_disk = joined.canonicalize().map_err(|e| e.to_string())?;
    if !on_disk.starts_with(&root) {
        return Err(crate::t!(
            "lesson-file-outside",
            directory = root.display().to_string()
        ));
    }
    Ok(on_disk)
}

/// The line (1-based) of the first `kind: KIND` at or after line `from`, else `from`.
fn line_of_kind(yaml: &str, kind: &str, from: usize) -> usize {
    yaml.lines()
        .enumerate()
        .skip(from.saturating_sub(1))
        .find(|(_, l)| {
            l.strip_prefix("kind:")
                .map(|v| v.trim().trim_matches(['"', '\''].as_ref()) == kind)
                .unwrap_or(false)
        })
        .map_or(from, |(i, _)| i + 1)
}

const KINDS: &str = "apply, scale, delete, exec, yourself, watch";

/// The step's `do` and the fields it needs; a field it does not take is a mistake too.
fn read_act(
    step: &RawStep,
    names: &Names,
    fail: &mut dyn FnMut(std::ops::Range<usize>, String),
) -> Option<Act> {
    let kind = step.act.get_ref().as_str();
    let needs: &[&str] = match kind {
        "apply" => &["manifest"],
        "scale" => &["replicas"],
        "delete" => &["object"],
        "exec" => &["pod", "command"],
        "yourself" => &["key", "kubectl"],
        "watch" => &[],
        other => {
            fail(
                step.act.span(),
                crate::t!("lesson-file-unknown-act", act = other, known = KINDS),
            );
            return None;
        }
    };
    let given: [(&str, Option<std::ops::Range<usize>>); 7] = [
        ("manifest", step.manifest.as_ref().map(Spanned::span)),
        ("replicas", step.replicas.as_ref().map(Spanned::span)),
        ("object", step.object.as_ref().map(Spanned::span)),
        ("pod", step.pod.as_ref().map(Spanned::span)),
        ("command", step.command.as_ref().map(Spanned::span)),
        ("key", step.key.as_ref().map(Spanned::span)),
        ("kubectl", step.kubectl.as_ref().map(Spanned::span)),
    ];
    let mut wrong = false;
    for (field, span) in &given {
        if let Some(span) = span
            && !needs.contains(field)
        {
            fail(
                span.clone(),
                crate::t!("lesson-file-takes-no", act = kind, field = *field),
            );
            wrong = true;
        }
    }
    let missing: Vec<&str> = needs
        .iter()
        .filter(|f| given.iter().any(|(g, s)| g == *f && s.is_none()))
        .copied()
        .collect();
    // "yourself" needs one of its two; the others all of theirs.
    let lacks = if kind == "yourself" {
        missing.len() == needs.len()
    } else {
        !missing.is_empty()
    };
    if lacks {
        let said = match missing.as_slice() {
            _ if kind == "yourself" => crate::t!("lesson-file-needs-key-or-kubectl", act = kind),
            [first, second, ..] => crate::t!(
                "lesson-file-needs-two",
                act = kind,
                first = *first,
                second = *second
            ),
            [field] => crate::t!("lesson-file-needs", act = kind, field = *field),
            [] => String::new(),
        };
        fail(step.act.span(), said);
        return None;
    }
    if wrong {
        return None;
    }
    let text = |f: &Option<Spanned<String>>| f.as_ref().map(|s| s.get_ref().clone());
    Some(match kind {
        "apply" => Act::Apply {
            manifest: text(&step.manifest)?,
        },
        "scale" => {
            let replicas = step.replicas.as_ref()?;
            if *replicas.get_ref() < 0 {
                fail(replicas.span(), crate::t!("lesson-file-negative-replicas"));
                return None;
            }
            Act::Scale {
                replicas: *replicas.get_ref(),
            }
        }
        "delete" => {
            let object = step.object.as_ref()?;
            let words: Vec<&str> = object.get_ref().split_whitespace().collect();
            let (kind, name) = match words.as_slice() {
                ["pod", name] => (ObjectKind::Pod, *name),
                ["claim" | "pvc", name] => (ObjectKind::Claim, *name),
                ["statefulset" | "sts", name] => (ObjectKind::StatefulSet, *name),
                ["service" | "svc", name] => (ObjectKind::Service, *name),
                _ => {
                    fail(
                        object.span(),
                        crate::t!("lesson-file-object-form", object = object.get_ref()),
                    );
                    return None;
                }
            };
            let known = match kind {
                ObjectKind::Pod => names.pod(name),
                ObjectKind::Claim => names.claim(name),
                ObjectKind::StatefulSet => names.statefulset(name),
                ObjectKind::Service => Ok(()),
            };
            if let Err(e) = known {
                fail(
                    object.span(),
                    crate::t!(
                        "lesson-file-object-unknown",
                        object = object.get_ref(),
                        reason = e
                    ),
                );
                return None;
            }
            Act::Delete {
                kind,
                name: name.to_string(),
            }
        }
        "exec" => {
            let pod = step.pod.as_ref()?;
            if let Err(e) = names.pod(pod.get_ref()) {
                fail(pod.span(), crate::t!("lesson-file-pod-unknown", reason = e));
                return None;
            }
            Act::Exec {
                pod: pod.get_ref().clone(),
                command: text(&step.command)?,
            }
        }
        "yourself" => Act::Yourself {
            key: text(&step.key),
            kubectl: text(&step.kubectl),
        },
        _ => Act::Watch,
    })
}

/// `until`: one condition or a list of them, each parsed and its names checked.
fn read_until(
    until: Option<&Spanned<toml::Value>>,
    names: &Names,
    fail: &mut dyn FnMut(std::ops::Range<usize>, String),
) -> Vec<Condition> {
    let Some(until) = until else {
        return Vec::new();
    };
    let texts: Vec<Option<&str>> = match until.get_ref() {
        toml::Value::String(s) => vec![Some(s.as_str())],
        toml::Value::Array(items) => items.iter().map(toml::Value::as_str).collect(),
        _ => vec![None],
    };
    let mut conditions = Vec::new();
    for text in texts {
        let Some(text) = text else {
            fail(until.span(), crate::t!("lesson-file-until-not-string"));
            continue;
        };
        match Condition::parse(text) {
            Ok(condition) => match names.condition(&condition) {
                Ok(()) => conditions.push(condition),
                Err(e) => fail(
                    until.span(),
                    crate::t!(
                        "lesson-file-condition-unknown",
                        condition = text,
                        reason = e
                    ),
                ),
            },
            Err(e) => fail(until.span(), format!("condition \"{text}\": {e}")),
        }
    }
    conditions
}
