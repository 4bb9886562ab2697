//! What a lesson's step printed when its action ran, as facts: the objects
//! a manifest made or changed, the object deleted, the dashboard's own
//! action done, a command's own lines. A recording keeps these, never
//! stsdash's sentence: each is worded when shown, in the language of that
//! moment, so a lesson recorded in English replays in Russian or Chinese.
//! The only words kept are the command's (or the cluster's) own.
//!
//! A recording made before these were facts has a sentence in their place:
//! it loads as `Said`, and is shown as it was written.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::event::Action;
use super::text::Text;
use crate::t;

/// What a step's action printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "is", rename_all = "snake_case")]
pub enum RunOutput {
    /// It printed nothing.
    Nothing,
    /// The dashboard's own scale or delete, done for the step.
    Done { action: Action },
    /// A manifest applied: each object, as kubectl names it
    /// (`statefulset.apps/web`), and what became of it, in order.
    Applied { objects: Vec<AppliedObject> },
    /// An object deleted: its kind as the lesson file names it (pod, claim,
    /// statefulset, service) and its name.
    Deleted { kind: Text, name: Text },
    /// A command run in a pod: its own non-blank lines, and its exit code
    /// when it was not 0.
    Printed {
        lines: Vec<Text>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        exit: Option<i32>,
    },
    /// An older recording's sentence, kept as it was.
    #[serde(untagged)]
    Said(Text),
}

/// One object of an applied manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppliedObject {
    pub object: Text,
    pub applied: Applied,
}

/// What applying did to an object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Applied {
    /// It was not there: made, with the run's label.
    Created,
    /// This run made it before: changed.
    Configured,
    /// It was there before the lesson: changed, not labelled, so cleanup keeps it.
    ConfiguredKept,
}

impl RunOutput {
    /// Nothing to show.
    pub fn is_empty(&self) -> bool {
        match self {
            RunOutput::Nothing => true,
            RunOutput::Applied { objects } => objects.is_empty(),
            RunOutput::Printed { lines, exit } => lines.is_empty() && exit.is_none(),
            RunOutput::Said(text) => text.is_empty(),
            RunOutput::Done { .. } | RunOutput::Deleted { .. } => false,
        }
    }

    /// A command's output, as the strip shows it: its non-blank lines, each
    /// trimmed and made safe, and the exit code when not 0.
    pub fn printed(output: &str, code: Option<i32>) -> RunOutput {
        RunOutput::Printed {
            lines: output
                .lines()
                .map(|l| Text::from(l.trim()))
                .filter(|l| !l.is_empty())
                .collect(),
            exit: code.filter(|&c| c != 0),
        }
    }
}

/// In words, on one line, for the lesson's strip.
impl fmt::Display for RunOutput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let said = match self {
            RunOutput::Nothing => String::new(),
            RunOutput::Done { action } => action.describe(),
            RunOutput::Applied { objects } => objects
                .iter()
                .map(|o| match o.applied {
                    Applied::Created => t!("lesson-apply-created", name = o.object),
                    Applied::Configured => t!("lesson-apply-configured", name = o.object),
                    Applied::ConfiguredKept => {
                        t!("lesson-apply-configured-kept", name = o.object)
                    }
                })
                .collect::<Vec<_>>()
                .join(" · "),
            RunOutput::Deleted { kind, name } => {
                t!("lesson-deleted", kind = kind, name = name)
            }
            RunOutput::Printed { lines, exit } => {
                let mut said: Vec<String> = lines.iter().map(ToString::to_string).collect();
                if let Some(code) = exit {
                    let exit = t!("lesson-exec-exit", code = *code);
                    match said.last_mut() {
                        Some(last) => *last = format!("{last} {exit}"),
                        None => said.push(exit),
                    }
                }
                said.join(" ⏎ ")
            }
            RunOutput::Said(text) => text.to_string(),
        };
        f.write_str(&said)
    }
}

/// A sentence, as tests and older code give it: kept as it is.
impl From<&str> for RunOutput {
    fn from(said: &str) -> RunOutput {
        RunOutput::Said(said.into())
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::i18n::{Lang, with_lang};

    #[test]
    fn english_is_shown_as_it_always_was() {
        with_lang(Lang::En, || {
            // A command's lines trimmed, blank ones left out, the exit code after.
            let printed = RunOutput::printed("  hello \n\n\x1b[2Jweb-0\n", Some(2));
            assert_eq!(printed.to_string(), "hello ⏎ web-0 (exit 2)");
            assert_eq!(RunOutput::printed("", Some(1)).to_string(), "(exit 1)");
            assert!(RunOutput::printed(" \n", Some(0)).is_empty());
            let deleted = RunOutput::Deleted {
                kind: "claim".into(),
                name: "data-web-0".into(),
            };
            assert_eq!(deleted.to_string(), "claim data-web-0 deleted");
            let done = RunOutput::Done {
                action: Action::DeletePod {
                    pod: crate::model::Key::new("demo", "web-0"),
                    uid: "u".into(),
                },
            };
            assert_eq!(
                done.to_string(),
                crate::t!("action-delete-pod", pod = "web-0")
            );
        });
    }

    #[test]
    fn facts_are_written_tagged_and_read_back() {
        let outputs = [
            (RunOutput::Nothing, json!({"is": "nothing"})),
            (
                RunOutput::printed("hi", None),
                json!({"is": "printed", "lines": ["hi"]}),
            ),
            (
                RunOutput::printed("", Some(3)),
                json!({"is": "printed", "lines": [], "exit": 3}),
            ),
            (
                RunOutput::Deleted {
                    kind: "pod".into(),
                    name: "web-0".into(),
                },
                json!({"is": "deleted", "kind": "pod", "name": "web-0"}),
            ),
        ];
        for (fact, json) in outputs {
            assert_eq!(serde_json::to_value(&fact).unwrap(), json);
            assert_eq!(serde_json::from_value::<RunOutput>(json).unwrap(), fact);
        }
    }
}
