//! The one keymap table: the key handler, the footer hints and the `?` help
//! overlay are all generated from it.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

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
    NextStatefulSet,
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
}

pub struct Binding {
    /// How the help names the keys.
    pub keys: &'static str,
    pub what: &'static str,
    pub command: Command,
    /// The footer's word for it; empty: only in `?`.
    pub short: &'static str,
    matches: fn(&KeyEvent) -> bool,
}

fn code(event: &KeyEvent, codes: &[KeyCode]) -> bool {
    codes.contains(&event.code)
}

pub const KEYMAP: &[Binding] = &[
    Binding {
        keys: "q",
        what: "quit",
        command: Command::Quit,
        short: "quit",
        matches: |e| {
            code(e, &[KeyCode::Char('q')])
                || (e.code == KeyCode::Char('c') && e.modifiers.contains(KeyModifiers::CONTROL))
        },
    },
    Binding {
        keys: "?",
        what: "help",
        command: Command::Help,
        short: "help",
        matches: |e| code(e, &[KeyCode::Char('?')]),
    },
    Binding {
        keys: "Tab S-Tab",
        what: "focus next / previous pane",
        command: Command::FocusNext,
        short: "focus",
        matches: |e| code(e, &[KeyCode::Tab]),
    },
    Binding {
        keys: "",
        what: "",
        command: Command::FocusPrevious,
        short: "",
        matches: |e| code(e, &[KeyCode::BackTab]),
    },
    Binding {
        keys: "↓ j",
        what: "select the next ordinal",
        command: Command::SelectDown,
        short: "select",
        matches: |e| code(e, &[KeyCode::Down, KeyCode::Char('j')]),
    },
    Binding {
        keys: "↑ k",
        what: "select the previous ordinal",
        command: Command::SelectUp,
        short: "",
        matches: |e| code(e, &[KeyCode::Up, KeyCode::Char('k')]),
    },
    Binding {
        keys: "← →",
        what: "scroll back / forward in time",
        command: Command::TimeBack,
        short: "time",
        matches: |e| code(e, &[KeyCode::Left]),
    },
    Binding {
        keys: "",
        what: "",
        command: Command::TimeForward,
        short: "",
        matches: |e| code(e, &[KeyCode::Right]),
    },
    Binding {
        keys: "z",
        what: "zoom the time window (15s … 15m)",
        command: Command::Zoom,
        short: "zoom",
        matches: |e| code(e, &[KeyCode::Char('z')]),
    },
    Binding {
        keys: "p",
        what: "pause the live view (events are still collected)",
        command: Command::Pause,
        short: "pause",
        matches: |e| code(e, &[KeyCode::Char('p')]),
    },
    Binding {
        keys: "t",
        what: "next theme",
        command: Command::NextTheme,
        short: "theme",
        matches: |e| code(e, &[KeyCode::Char('t')]),
    },
    Binding {
        keys: "n",
        what: "next StatefulSet",
        command: Command::NextStatefulSet,
        short: "",
        matches: |e| code(e, &[KeyCode::Char('n')]),
    },
    Binding {
        keys: "l",
        what: "log of the selected pod (again: close)",
        command: Command::Logs,
        short: "log",
        matches: |e| code(e, &[KeyCode::Char('l')]),
    },
    Binding {
        keys: "L",
        what: "logs of all pods, side by side (again: close)",
        command: Command::AllLogs,
        short: "",
        matches: |e| code(e, &[KeyCode::Char('L')]),
    },
    Binding {
        keys: "w",
        what: "wrap long log lines on / off",
        command: Command::Wrap,
        short: "",
        matches: |e| code(e, &[KeyCode::Char('w')]),
    },
    Binding {
        keys: "c",
        what: "next container of the pod",
        command: Command::NextContainer,
        short: "",
        matches: |e| code(e, &[KeyCode::Char('c')]),
    },
    Binding {
        keys: "g",
        what: "stsdash's own log (watch errors, log streams, actions)",
        command: Command::OwnLog,
        short: "",
        matches: |e| code(e, &[KeyCode::Char('g')]),
    },
    Binding {
        keys: "space",
        what: "replay: pause / go on",
        command: Command::ReplayPause,
        short: "",
        matches: |e| code(e, &[KeyCode::Char(' ')]),
    },
    Binding {
        keys: ". ,",
        what: "replay: one event forward / back",
        command: Command::StepForward,
        short: "",
        matches: |e| code(e, &[KeyCode::Char('.')]),
    },
    Binding {
        keys: "",
        what: "",
        command: Command::StepBack,
        short: "",
        matches: |e| code(e, &[KeyCode::Char(',')]),
    },
    Binding {
        keys: "[ ]",
        what: "replay: half / double speed",
        command: Command::Slower,
        short: "",
        matches: |e| code(e, &[KeyCode::Char('[')]),
    },
    Binding {
        keys: "",
        what: "",
        command: Command::Faster,
        short: "",
        matches: |e| code(e, &[KeyCode::Char(']')]),
    },
    Binding {
        keys: "Esc",
        what: "close the help",
        command: Command::Close,
        short: "",
        matches: |e| code(e, &[KeyCode::Esc]),
    },
];

pub fn command_for(event: &KeyEvent) -> Option<Command> {
    KEYMAP
        .iter()
        .find(|b| (b.matches)(event))
        .map(|b| b.command)
}

/// (keys, word) for the footer, or (keys, what) for the help overlay when `all`.
pub fn hints(all: bool) -> Vec<(String, String)> {
    KEYMAP
        .iter()
        .filter(|b| !b.keys.is_empty() && (all || !b.short.is_empty()))
        .map(|b| {
            (
                b.keys.to_string(),
                if all { b.what } else { b.short }.to_string(),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_has_a_key_and_keys_do_not_clash() {
        let probe = |c| KeyEvent::new(c, KeyModifiers::NONE);
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
            'q', '?', 'j', 'k', 'z', 'p', 't', 'n', 'l', 'L', 'w', 'c', 'g',
        ] {
            let bound = KEYMAP
                .iter()
                .filter(|b| (b.matches)(&probe(KeyCode::Char(a))))
                .count();
            assert_eq!(bound, 1, "{a}");
        }
        let help = hints(true);
        assert!(help.iter().any(|(k, _)| k == "?"));
        assert!(hints(false).len() < help.len());
    }
}
