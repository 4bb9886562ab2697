//! The one keymap table: the key handler, the footer hints and the `?` help
//! overlay are all generated from it.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::t;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Quit,
    Help,
    FocusNext,
    FocusPrevious,
    SelectDown,
    SelectUp,
    TimeBack,
    TimeForward,
    Zoom,
    Pause,
    NextTheme,
    PickStatefulSet,
    ScaleUp,
    ScaleDown,
    SetReplicas,
    DeletePod,
    Exec,
    Logs,
    AllLogs,
    Wrap,
    NextContainer,
    OwnLog,
    ReplayPause,
    StepForward,
    StepBack,
    Slower,
    Faster,
    Close,
    /// A lesson: do the step, or go on to the next one.
    LessonStep,
    /// A lesson: reveal the answer.
    LessonAnswer,
}

pub struct Binding {
    /// How the help names the keys.
    pub keys: &'static str,
    /// What the help says it does (None: a second key of the line above).
    pub what: Option<fn() -> String>,
    pub command: Command,
    /// The footer's word for it; None: only in `?`.
    pub short: Option<fn() -> String>,
    /// Changes the cluster: disabled by --read-only.
    pub mutating: bool,
    matches: fn(&KeyEvent) -> bool,
}

/// The key, pressed alone (Shift aside: `L`, `+`, BackTab): Ctrl-D is not `d`.
fn code(event: &KeyEvent, codes: &[KeyCode]) -> bool {
    codes.contains(&event.code)
        && !event
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SUPER)
}

pub const KEYMAP: &[Binding] = &[
    Binding {
        keys: "Enter",
        what: Some(|| t!("key-lesson-step")),
        command: Command::LessonStep,
        short: Some(|| t!("key-short-step")),
        mutating: false,
        matches: |e| code(e, &[KeyCode::Enter]),
    },
    Binding {
        keys: "a",
        what: Some(|| t!("key-lesson-answer")),
        command: Command::LessonAnswer,
        short: Some(|| t!("key-short-answer")),
        mutating: false,
        matches: |e| code(e, &[KeyCode::Char('a')]),
    },
    Binding {
        keys: "q",
        what: Some(|| t!("key-quit")),
        command: Command::Quit,
        short: Some(|| t!("key-short-quit")),
        mutating: false,
        matches: |e| {
            code(e, &[KeyCode::Char('q')])
                || (e.code == KeyCode::Char('c') && e.modifiers.contains(KeyModifiers::CONTROL))
        },
    },
    Binding {
        keys: "?",
        what: Some(|| t!("key-help")),
        command: Command::Help,
        short: Some(|| t!("key-short-help")),
        mutating: false,
        matches: |e| code(e, &[KeyCode::Char('?')]),
    },
    Binding {
        keys: "Tab S-Tab",
        what: Some(|| t!("key-focus")),
        command: Command::FocusNext,
        short: Some(|| t!("key-short-focus")),
        mutating: false,
        matches: |e| code(e, &[KeyCode::Tab]),
    },
    Binding {
        keys: "",
        what: None,
        command: Command::FocusPrevious,
        short: None,
        mutating: false,
        matches: |e| code(e, &[KeyCode::BackTab]),
    },
    Binding {
        keys: "↓ j",
        what: Some(|| t!("key-select-down")),
        command: Command::SelectDown,
        short: Some(|| t!("key-short-select")),
        mutating: false,
        matches: |e| code(e, &[KeyCode::Down, KeyCode::Char('j')]),
    },
    Binding {
        keys: "↑ k",
        what: Some(|| t!("key-select-up")),
        command: Command::SelectUp,
        short: None,
        mutating: false,
        matches: |e| code(e, &[KeyCode::Up, KeyCode::Char('k')]),
    },
    Binding {
        keys: "← →",
        what: Some(|| t!("key-time")),
        command: Command::TimeBack,
        short: Some(|| t!("key-short-time")),
        mutating: false,
        matches: |e| code(e, &[KeyCode::Left]),
    },
    Binding {
        keys: "",
        what: None,
        command: Command::TimeForward,
        short: None,
        mutating: false,
        matches: |e| code(e, &[KeyCode::Right]),
    },
    Binding {
        keys: "z",
        what: Some(|| t!("key-zoom")),
        command: Command::Zoom,
        short: Some(|| t!("key-short-zoom")),
        mutating: false,
        matches: |e| code(e, &[KeyCode::Char('z')]),
    },
    Binding {
        keys: "p",
        what: Some(|| t!("key-pause")),
        command: Command::Pause,
        short: Some(|| t!("key-short-pause")),
        mutating: false,
        matches: |e| code(e, &[KeyCode::Char('p')]),
    },
    Binding {
        keys: "t",
        what: Some(|| t!("key-theme")),
        command: Command::NextTheme,
        short: Some(|| t!("key-short-theme")),
        mutating: false,
        matches: |e| code(e, &[KeyCode::Char('t')]),
    },
    Binding {
        keys: "n",
        what: Some(|| t!("key-pick")),
        command: Command::PickStatefulSet,
        short: None,
        mutating: false,
        matches: |e| code(e, &[KeyCode::Char('n')]),
    },
    Binding {
        keys: "+ -",
        what: Some(|| t!("key-scale")),
        command: Command::ScaleUp,
        short: Some(|| t!("key-short-scale")),
        mutating: true,
        matches: |e| code(e, &[KeyCode::Char('+'), KeyCode::Char('=')]),
    },
    Binding {
        keys: "",
        what: None,
        command: Command::ScaleDown,
        short: None,
        mutating: true,
        matches: |e| code(e, &[KeyCode::Char('-'), KeyCode::Char('_')]),
    },
    Binding {
        keys: "s",
        what: Some(|| t!("key-set-replicas")),
        command: Command::SetReplicas,
        short: None,
        mutating: true,
        matches: |e| code(e, &[KeyCode::Char('s')]),
    },
    Binding {
        keys: "d",
        what: Some(|| t!("key-delete")),
        command: Command::DeletePod,
        short: Some(|| t!("key-short-delete")),
        mutating: true,
        matches: |e| code(e, &[KeyCode::Char('d')]),
    },
    Binding {
        keys: "e",
        what: Some(|| t!("key-exec")),
        command: Command::Exec,
        short: Some(|| t!("key-short-exec")),
        mutating: true,
        matches: |e| code(e, &[KeyCode::Char('e')]),
    },
    Binding {
        keys: "l",
        what: Some(|| t!("key-log")),
        command: Command::Logs,
        short: Some(|| t!("key-short-log")),
        mutating: false,
        matches: |e| code(e, &[KeyCode::Char('l')]),
    },
    Binding {
        keys: "L",
        what: Some(|| t!("key-all-logs")),
        command: Command::AllLogs,
        short: None,
        mutating: false,
        matches: |e| code(e, &[KeyCode::Char('L')]),
    },
    Binding {
        keys: "w",
        what: Some(|| t!("key-wrap")),
        command: Command::Wrap,
        short: None,
        mutating: false,
        matches: |e| code(e, &[KeyCode::Char('w')]),
    },
    Binding {
        keys: "c",
        what: Some(|| t!("key-container")),
        command: Command::NextContainer,
        short: None,
        mutating: false,
        matches: |e| code(e, &[KeyCode::Char('c')]),
    },
    Binding {
        keys: "g",
        what: Some(|| t!("key-own-log")),
        command: Command::OwnLog,
        short: None,
        mutating: false,
        matches: |e| code(e, &[KeyCode::Char('g')]),
    },
    Binding {
        keys: "space",
        what: Some(|| t!("key-replay-pause")),
        command: Command::ReplayPause,
        short: None,
        mutating: false,
        matches: |e| code(e, &[KeyCode::Char(' ')]),
    },
    Binding {
        keys: ". ,",
        what: Some(|| t!("key-replay-step")),
        command: Command::StepForward,
        short: None,
        mutating: false,
        matches: |e| code(e, &[KeyCode::Char('.')]),
    },
    Binding {
        keys: "",
        what: None,
        command: Command::StepBack,
        short: None,
        mutating: false,
        matches: |e| code(e, &[KeyCode::Char(',')]),
    },
    Binding {
        keys: "[ ]",
        what: Some(|| t!("key-replay-speed")),
        command: Command::Slower,
        short: None,
        mutating: false,
        matches: |e| code(e, &[KeyCode::Char('[')]),
    },
    Binding {
        keys: "",
        what: None,
        command: Command::Faster,
        short: None,
        mutating: false,
        matches: |e| code(e, &[KeyCode::Char(']')]),
    },
    Binding {
        keys: "Esc",
        what: Some(|| t!("key-close")),
        command: Command::Close,
        short: None,
        mutating: false,
        matches: |e| code(e, &[KeyCode::Esc]),
    },
];

pub fn command_for(event: &KeyEvent) -> Option<Command> {
    KEYMAP
        .iter()
        .find(|b| (b.matches)(event))
        .map(|b| b.command)
}

/// Whether a key changes the cluster (and so is off with --read-only).
pub fn is_mutating(command: Command) -> bool {
    KEYMAP.iter().any(|b| b.command == command && b.mutating)
}

/// What the dashboard is showing, which decides the keys worth listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Live,
    /// Live, started with --read-only.
    ReadOnly,
    /// A recording: the replay keys instead of the actions.
    Replay,
}

fn is_lesson_key(command: Command) -> bool {
    matches!(command, Command::LessonStep | Command::LessonAnswer)
}

fn is_replay_key(command: Command) -> bool {
    matches!(
        command,
        Command::ReplayPause
            | Command::StepForward
            | Command::StepBack
            | Command::Slower
            | Command::Faster
    )
}

/// (keys, word) for the footer, or (keys, what) for the help overlay when
/// `all`. Read-only: the footer leaves the actions out and the help marks
/// them disabled. A replay lists its own keys and no actions; live, the
/// replay keys are left out. The lesson keys: see `lesson_hints`.
pub fn hints(all: bool, mode: Mode) -> Vec<(String, String)> {
    KEYMAP
        .iter()
        .filter(|b| !is_lesson_key(b.command))
        .filter(|b| !b.keys.is_empty() && (all || b.short.is_some()))
        .filter(|b| match mode {
            Mode::Live => !is_replay_key(b.command),
            Mode::ReadOnly => !is_replay_key(b.command) && (all || !b.mutating),
            Mode::Replay => !b.mutating,
        })
        .map(|b| {
            let what = if !all {
                said(b.short)
            } else if mode == Mode::ReadOnly && b.mutating {
                t!("key-disabled", what = said(b.what))
            } else {
                said(b.what)
            };
            (keys_named(b.keys), what)
        })
        .collect()
}

/// The lesson's keys, listed first while a lesson runs: (keys, word) for
/// the footer, (keys, what) for the help when `all`.
pub fn lesson_hints(all: bool) -> Vec<(String, String)> {
    KEYMAP
        .iter()
        .filter(|b| is_lesson_key(b.command))
        .map(|b| (keys_named(b.keys), said(if all { b.what } else { b.short })))
        .collect()
}

/// A binding's words in the current language.
fn said(words: Option<fn() -> String>) -> String {
    words.map(|f| f()).unwrap_or_default()
}

/// How the help and the footer name the keys: as written, but the space
/// bar in the user's language.
fn keys_named(keys: &str) -> String {
    if keys == "space" {
        t!("key-name-space")
    } else {
        keys.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_has_a_key_and_keys_do_not_clash() {
        let probe = |c| KeyEvent::new(c, KeyModifiers::NONE);
        // Every command: the match is exhaustive, so a new one must be listed here.
        let every = [
            Command::Quit,
            Command::Help,
            Command::FocusNext,
            Command::FocusPrevious,
            Command::SelectDown,
            Command::SelectUp,
            Command::TimeBack,
            Command::TimeForward,
            Command::Zoom,
            Command::Pause,
            Command::NextTheme,
            Command::PickStatefulSet,
            Command::ScaleUp,
            Command::ScaleDown,
            Command::SetReplicas,
            Command::DeletePod,
            Command::Exec,
            Command::Logs,
            Command::AllLogs,
            Command::Wrap,
            Command::NextContainer,
            Command::OwnLog,
            Command::ReplayPause,
            Command::StepForward,
            Command::StepBack,
            Command::Slower,
            Command::Faster,
            Command::Close,
            Command::LessonStep,
            Command::LessonAnswer,
        ];
        for command in every {
            match command {
                Command::Quit
                | Command::Help
                | Command::FocusNext
                | Command::FocusPrevious
                | Command::SelectDown
                | Command::SelectUp
                | Command::TimeBack
                | Command::TimeForward
                | Command::Zoom
                | Command::Pause
                | Command::NextTheme
                | Command::PickStatefulSet
                | Command::ScaleUp
                | Command::ScaleDown
                | Command::SetReplicas
                | Command::DeletePod
                | Command::Exec
                | Command::Logs
                | Command::AllLogs
                | Command::Wrap
                | Command::NextContainer
                | Command::OwnLog
                | Command::ReplayPause
                | Command::StepForward
                | Command::StepBack
                | Command::Slower
                | Command::Faster
                | Command::Close
                | Command::LessonStep
                | Command::LessonAnswer => {}
            }
        }
        // Every key a user can press, alone or with Ctrl.
        let mut keys: Vec<KeyEvent> = (b' '..=b'~')
            .map(|c| probe(KeyCode::Char(c as char)))
            .collect();
        keys.extend(
            [
                KeyCode::Enter,
                KeyCode::Esc,
                KeyCode::Tab,
                KeyCode::BackTab,
                KeyCode::Up,
                KeyCode::Down,
                KeyCode::Left,
                KeyCode::Right,
                KeyCode::PageUp,
                KeyCode::PageDown,
                KeyCode::Home,
                KeyCode::End,
                KeyCode::Backspace,
            ]
            .map(probe),
        );
        keys.extend(
            (b'a'..=b'z').map(|c| KeyEvent::new(KeyCode::Char(c as char), KeyModifiers::CONTROL)),
        );
        for command in every {
            assert!(
                keys.iter().any(|k| command_for(k) == Some(command)),
                "no key gives {command:?}"
            );
        }
        // No key reaches two bindings.
        for key in &keys {
            let bound = KEYMAP.iter().filter(|b| (b.matches)(key)).count();
            assert!(bound <= 1, "{key:?} is bound {bound} times");
        }
        assert_eq!(command_for(&probe(KeyCode::Char('q'))), Some(Command::Quit));
        assert_eq!(
            command_for(&probe(KeyCode::Char('j'))),
            Some(Command::SelectDown)
        );
        assert_eq!(
            command_for(&probe(KeyCode::BackTab)),
            Some(Command::FocusPrevious)
        );
        assert_eq!(
            command_for(&KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Command::Quit)
        );
        assert_eq!(command_for(&probe(KeyCode::Char('Z'))), None);
        assert_eq!(command_for(&probe(KeyCode::Char('l'))), Some(Command::Logs));
        // No key is bound twice.
        for a in [
            'q', '?', 'j', 'k', 'z', 'p', 't', 'n', 'l', 'L', 'w', 'c', 'g', '+', '-', 's', 'd',
            'e', 'a',
        ] {
            let bound = KEYMAP
                .iter()
                .filter(|b| (b.matches)(&probe(KeyCode::Char(a))))
                .count();
            assert_eq!(bound, 1, "{a}");
        }
        let help = hints(true, Mode::Live);
        assert!(help.iter().any(|(k, _)| k == "?"));
        assert!(
            help.iter().all(|(k, _)| k != "a"),
            "the lesson keys only in a lesson"
        );
        assert_eq!(
            lesson_hints(false)[1],
            ("a".to_string(), "answer".to_string())
        );
        assert!(help.iter().all(|(k, _)| k != "space"));
        assert!(hints(false, Mode::Live).len() < help.len());
        let replay = hints(true, Mode::Replay);
        assert!(replay.iter().any(|(k, _)| k == "space"));
        assert!(replay.iter().all(|(k, _)| k != "d"));
        assert!(is_mutating(Command::DeletePod) && !is_mutating(Command::Logs));
    }

    #[test]
    fn read_only_marks_the_actions_disabled() {
        let help = hints(true, Mode::ReadOnly);
        let delete = help.iter().find(|(k, _)| k == "d").unwrap();
        assert!(delete.1.ends_with("(disabled: --read-only)"), "{delete:?}");
        let logs = help.iter().find(|(k, _)| k == "l").unwrap();
        assert!(!logs.1.contains("disabled"));
        let footer = hints(false, Mode::ReadOnly);
        assert!(
            footer
                .iter()
                .all(|(k, _)| k != "d" && k != "e" && k != "+ -")
        );
    }

    #[test]
    fn the_help_and_the_footer_speak_russian_and_chinese() {
        use crate::i18n::{Lang, with_lang};
        with_lang(Lang::Ru, || {
            let help = hints(true, Mode::ReadOnly);
            let delete = help.iter().find(|(k, _)| k == "d").unwrap();
            assert_eq!(
                delete.1,
                "удалить выбранный под (спросит y/n) (отключено: --read-only)"
            );
            let replay = hints(true, Mode::Replay);
            assert!(replay.iter().any(|(k, _)| k == "пробел"), "{replay:?}");
            assert_eq!(
                lesson_hints(false)[1],
                ("a".to_string(), "ответ".to_string())
            );
        });
        with_lang(Lang::ZhTw, || {
            let footer = hints(false, Mode::Live);
            assert_eq!(footer[0], ("q".to_string(), "離開".to_string()));
        });
    }
}
