//! Lessons: a seed lab as steps on the dashboard. A lesson file (TOML, see
//! docs/lessons.md) is read and checked here (`file`), its conditions are
//! checked against the live model (`condition`), and `run` keeps where a
//! lesson stands. The app does what the steps ask; the ui draws the strip.

pub mod builtin;
pub mod class;
pub mod condition;
mod file;
pub mod manifest;
mod names;
pub mod run;
pub mod text;

pub use condition::{Baseline, Check, Condition};
pub use file::{LessonError, Source, load, resolve, untranslated};
pub use names::Names;
pub use run::{Mode, Run};

/// A lesson, read and checked.
#[derive(Debug, Clone)]
pub struct Lesson {
    /// Its name (a built-in's, or the file's stem).
    pub name: String,
    /// Where it was read from, as errors name it.
    pub file: String,
    pub title: String,
    /// The file's text, as a recording keeps it.
    pub text: String,
    pub seed: Option<String>,
    pub about: Option<String>,
    pub statefulset: String,
    pub steps: Vec<Step>,
    /// Each manifest the steps apply: (the path as the lesson writes it, its text).
    pub manifests: Vec<(String, String)>,
    /// Where each manifest is on disk, when it is (for the commands shown).
    pub manifest_paths: Vec<(String, std::path::PathBuf)>,
    /// Every object its manifests apply, in order, once each.
    pub objects: Vec<Planned>,
    /// The file says `cluster_objects = true`: it may apply cluster-wide
    /// kinds beyond volumes and storage classes, if the user allows it too.
    pub cluster_objects: bool,
}

/// An object a lesson will create or change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    /// The manifest that holds it, as the lesson names it.
    pub manifest: String,
    pub kind: String,
    pub name: String,
    /// Not in the lesson's namespace (a PersistentVolume, a StorageClass…).
    pub cluster_wide: bool,
}

impl Lesson {
    /// The kinds its steps' conditions read, each once.
    pub fn kinds(&self) -> std::collections::BTreeSet<crate::model::Kind> {
        let conditions = self.steps.iter().flat_map(|s| &s.until);
        conditions.flat_map(|c| c.kinds().iter().copied()).collect()
    }

    /// What the lesson will create or change, one object per entry:
    /// "StatefulSet lesson-pvc/web", "PersistentVolume pv-a (cluster-wide)".
    pub fn plan(&self, namespace: &str) -> Vec<String> {
        let mut all: Vec<String> = Vec::new();
        for line in self.objects.iter().map(|o| o.describe(namespace)) {
            if !all.contains(&line) {
                all.push(line);
            }
        }
        all
    }

    /// What applying `manifest` creates or changes, in one line.
    pub fn plan_of(&self, manifest: &str, namespace: &str) -> String {
        let objects: Vec<String> = self
            .objects
            .iter()
            .filter(|o| o.manifest == manifest)
            .map(|o| o.describe(namespace))
            .collect();
        objects.join(", ")
    }
}

impl Planned {
    fn describe(&self, namespace: &str) -> String {
        if self.cluster_wide {
            crate::t!(
                "lesson-plan-cluster-wide",
                kind = self.kind,
                name = self.name
            )
        } else {
            format!("{} {namespace}/{}", self.kind, self.name)
        }
    }
}

#[derive(Debug, Clone)]
pub struct Step {
    pub title: String,
    /// Its line in the lesson file.
    pub line: usize,
    pub act: Act,
    /// The StatefulSet shown from this step on.
    pub statefulset: String,
    pub watch: Option<Place>,
    pub until: Vec<Condition>,
    pub question: Option<String>,
    pub answer: Option<String>,
    pub answer_at: Option<Place>,
    pub look_for: Option<String>,
    pub note: Option<String>,
}

/// What a step does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Act {
    Apply {
        manifest: String,
    },
    Scale {
        replicas: i32,
    },
    Delete {
        kind: ObjectKind,
        name: String,
    },
    Exec {
        pod: String,
        command: String,
    },
    /// Someone does it: the key and the kubectl command are shown.
    Yourself {
        key: Option<String>,
        kubectl: Option<String>,
    },
    /// Nothing to do: look.
    Watch,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ObjectKind {
    Pod,
    Claim,
    StatefulSet,
    Service,
}

impl ObjectKind {
    /// As kubectl names the resource.
    pub fn kubectl(self) -> &'static str {
        match self {
            ObjectKind::Pod => "pod",
            ObjectKind::Claim => "pvc",
            ObjectKind::StatefulSet => "statefulset",
            ObjectKind::Service => "service",
        }
    }

    /// As a lesson file and the cluster module name it.
    pub fn word(self) -> &'static str {
        match self {
            ObjectKind::Pod => "pod",
            ObjectKind::Claim => "claim",
            ObjectKind::StatefulSet => "statefulset",
            ObjectKind::Service => "service",
        }
    }
}

/// A place on the screen: a pane, and a row of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub pane: Pane,
    pub row: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Header,
    Timeline,
    Storage,
    Narration,
    Logs,
}

impl Pane {
    pub fn word(self) -> &'static str {
        match self {
            Pane::Header => "header",
            Pane::Timeline => "timeline",
            Pane::Storage => "storage",
            Pane::Narration => "narration",
            Pane::Logs => "logs",
        }
    }
}

impl Place {
    pub fn parse(text: &str) -> Result<Place, String> {
        let words: Vec<&str> = text.split_whitespace().collect();
        let pane = match words.first().copied() {
            Some("header") => Pane::Header,
            Some("timeline") => Pane::Timeline,
            Some("storage") => Pane::Storage,
            Some("narration") => Pane::Narration,
            Some("logs") => Pane::Logs,
            Some(other) => return Err(crate::t!("lesson-file-unknown-pane", pane = other)),
            None => return Err(crate::t!("lesson-file-empty-place")),
        };
        let row = match &words[1..] {
            [] => None,
            [row] if matches!(pane, Pane::Timeline | Pane::Storage | Pane::Logs) => {
                Some(row.to_string())
            }
            [_] => return Err(crate::t!("lesson-file-no-rows", pane = pane.word())),
            _ => return Err(crate::t!("lesson-file-place-form", place = text)),
        };
        if pane == Pane::Logs && row.is_none() {
            return Err(crate::t!("lesson-file-logs-of-which"));
        }
        Ok(Place { pane, row })
    }

    /// In words, for the strip: "timeline, row mehdb-3".
    pub fn describe(&self) -> String {
        let pane = self.pane.word();
        match &self.row {
            Some(row) => crate::t!("lesson-place-row", pane = pane, row = row),
            None => crate::t!("lesson-place", pane = pane),
        }
    }
}

impl Act {
    pub fn word(&self) -> &'static str {
        match self {
            Act::Apply { .. } => "apply",
            Act::Scale { .. } => "scale",
            Act::Delete { .. } => "delete",
            Act::Exec { .. } => "exec",
            Act::Yourself { .. } => "yourself",
            Act::Watch => "watch",
        }
    }

    /// Whether stsdash does something for it (as a teacher runs a lesson).
    pub fn acts(&self) -> bool {
        !matches!(self, Act::Yourself { .. } | Act::Watch)
    }
}

impl Lesson {
    /// The manifest's text, by the path the lesson writes.
    pub fn manifest(&self, path: &str) -> Option<&str> {
        self.manifests
            .iter()
            .find(|(p, _)| p == path)
            .map(|(_, text)| text.as_str())
    }

    /// The kubectl command that does the step, for a student or a teacher
    /// running with --read-only; None when there is nothing to do.
    /// A manifest's path as the user would type it from where stsdash
    /// started: every line of the strip names it this one way. A manifest
    /// with no file (a built-in lesson run from elsewhere) keeps its name.
    pub fn manifest_shown(&self, manifest: &str) -> String {
        self.manifest_paths
            .iter()
            .find(|(p, _)| p == manifest)
            .map_or_else(|| manifest.to_string(), |(_, path)| shown_path(path))
    }

    pub fn kubectl(&self, step: &Step, namespace: &str) -> Option<String> {
        let sts = &step.statefulset;
        Some(match &step.act {
            Act::Apply { manifest } => {
                let file = match self.manifest_paths.iter().find(|(p, _)| p == manifest) {
                    Some((_, path)) => shown_path(path),
                    None => {
                        return Some(format!(
                            "stsdash lesson {} --manifest {manifest} | kubectl apply --server-side --field-manager=stsdash -n {namespace} -f -",
                            self.name
                        ));
                    }
                };
                format!(
                    "kubectl apply --server-side --field-manager=stsdash -n {namespace} -f {file}"
                )
            }
            Act::Scale { replicas } => {
                format!("kubectl -n {namespace} scale sts {sts} --replicas={replicas}")
            }
            Act::Delete { kind, name } => format!(
                "kubectl -n {namespace} delete {} {name} --wait=false",
                kind.kubectl()
            ),
            Act::Exec { pod, command } => format!(
                "kubectl -n {namespace} exec {pod} -- sh -c '{}'",
                command.replace('\'', r"'\''")
            ),
            Act::Yourself { kubectl, .. } => {
                let kubectl = kubectl.as_deref()?;
                match kubectl.strip_prefix("kubectl ") {
                    Some(rest) => format!("kubectl -n {namespace} {rest}"),
                    None => kubectl.to_string(),
                }
            }
            Act::Watch => return None,
        })
    }

    /// The dashboard's keys that do the step, if any.
    pub fn keys(&self, step: &Step) -> Option<String> {
        match &step.act {
            Act::Scale { replicas } => Some(format!("s {replicas} Enter")),
            Act::Delete {
                kind: ObjectKind::Pod,
                name,
            } => Some(crate::t!("lesson-keys-delete-pod", name = name)),
            Act::Exec { pod, .. } => Some(crate::t!("lesson-keys-exec", pod = pod)),
            Act::Yourself { key, .. } => key.clone(),
            _ => None,
        }
    }
}

/// A path as the current directory reaches it, when it is under it.
fn shown_path(path: &std::path::Path) -> String {
    let relative = std::env::current_dir()
        .ok()
        .and_then(|dir| path.strip_prefix(dir).ok().map(|p| p.to_path_buf()));
    relative
        .unwrap_or_else(|| path.to_path_buf())
        .display()
        .to_string()
}

#[cfg(test)]
mod tests;
