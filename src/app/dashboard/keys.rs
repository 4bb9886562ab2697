//! Keys, routed by layer: the open dialog (the recap, the help, the picker,
//! the replicas prompt, the delete question) takes them first; else the
//! keymap turns them into a command for the main view.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{Dashboard, Effect, Exit, Playback, navigation};
use crate::app::keymap::{self, Command};
use crate::app::replay::{Replayed, steer};
use crate::model::Model;
use crate::t;
use crate::ui::Dialog;

/// The longest input the replicas prompt takes.
const PROMPT_MAX: usize = 12;

/// ↓ `j` / ↑ `k` move a scrolled list by one, within `0..=last`; other keys: None.
pub(super) fn scroll(code: KeyCode, at: usize, last: usize) -> Option<usize> {
    match code {
        KeyCode::Down | KeyCode::Char('j') => Some((at + 1).min(last)),
        KeyCode::Up | KeyCode::Char('k') => Some(at.saturating_sub(1)),
        _ => None,
    }
}

impl Dashboard {
    pub(super) fn on_key(&mut self, key: KeyEvent, effects: &mut Vec<Effect>) {
        if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
            return effects.push(Effect::Exit(Exit::Quit));
        }
        self.view.chrome.status = None;
        match self.view.chrome.dialog.take() {
            Some(dialog) => self.on_dialog_key(dialog, key, effects),
            None => self.on_main_key(key, effects),
        }
    }

    /// A dialog is open: it takes the key (and stays open unless the key closes it).
    fn on_dialog_key(&mut self, dialog: Dialog, key: KeyEvent, effects: &mut Vec<Effect>) {
        let code = key.code;
        self.view.chrome.dialog = match dialog {
            // Any other key closes the help (q too: it does not quit from here).
            Dialog::Help { scroll: at } => {
                scroll(code, at, self.view.labels.help.len()).map(|scroll| Dialog::Help { scroll })
            }
            // Only a lesson opens the recap; q closes it and quits, as everywhere.
            Dialog::Recap { scroll: at } => {
                if code == KeyCode::Char('q') {
                    effects.push(Effect::Exit(Exit::Quit));
                }
                scroll(code, at, usize::MAX).map(|scroll| Dialog::Recap { scroll })
            }
            Dialog::PickStatefulSet { selected } => {
                let last = self.model.shown_statefulsets().len().saturating_sub(1);
                match code {
                    KeyCode::Enter => {
                        self.view.nav.statefulset = selected;
                        self.view.nav.selected = 0;
                        self.view.nav.storage_row = None;
                        None
                    }
                    KeyCode::Esc | KeyCode::Char('n') | KeyCode::Char('q') => None,
                    code => Some(Dialog::PickStatefulSet {
                        selected: scroll(code, selected, last).unwrap_or(selected),
                    }),
                }
            }
            Dialog::Replicas {
                statefulset,
                uid,
                current,
                limit,
                mut input,
                mut refused,
            } => {
                match code {
                    KeyCode::Esc => {
                        self.view.chrome.status = Some(t!("keys-scale-cancelled"));
                        return;
                    }
                    KeyCode::Enter => match super::parse_replicas(&input, limit) {
                        Ok(to) => return self.scale_to(statefulset, uid, to, effects),
                        Err(why) => {
                            refused = Some(why);
                            input.clear();
                        }
                    },
                    KeyCode::Backspace => {
                        input.pop();
                    }
                    KeyCode::Char(c) if input.chars().count() < PROMPT_MAX => {
                        refused = None;
                        input.push(c);
                    }
                    _ => {}
                }
                Some(Dialog::Replicas {
                    statefulset,
                    uid,
                    current,
                    limit,
                    input,
                    refused,
                })
            }
            Dialog::ConfirmDelete { pod, uid } => match code {
                KeyCode::Char('y') | KeyCode::Char('Y') => {
                    return self.act(crate::model::Action::DeletePod { pod, uid }, effects);
                }
                KeyCode::Char('n') | KeyCode::Char('N') | KeyCode::Esc => {
                    self.view.chrome.status = Some(t!("keys-kept", pod = pod.name));
                    None
                }
                _ => Some(Dialog::ConfirmDelete { pod, uid }),
            },
        };
    }

    /// No dialog: the keymap's command for the main view.
    fn on_main_key(&mut self, key: KeyEvent, effects: &mut Vec<Effect>) {
        let Some(command) = keymap::command_for(&key) else {
            return;
        };
        if self.settings.read_only && keymap::is_mutating(command) {
            self.view.chrome.status = Some(t!("keys-read-only"));
            return;
        }
        match command {
            Command::Quit => effects.push(Effect::Exit(Exit::Quit)),
            Command::ReplayPause
            | Command::StepForward
            | Command::StepBack
            | Command::Slower
            | Command::Faster => self.steer_replay(command, effects),
            Command::NextTheme => {
                self.themes.current = (self.themes.current + 1) % self.themes.all.len()
            }
            Command::PickStatefulSet => {
                let count = self.model.shown_statefulsets().len();
                if count < 2 {
                    self.view.chrome.status = Some(t!("keys-nothing-to-choose", count = count));
                } else {
                    self.view.chrome.dialog = Some(Dialog::PickStatefulSet {
                        selected: self.view.nav.statefulset.min(count - 1),
                    });
                }
            }
            Command::ScaleUp => self.scale_by(1, effects),
            Command::ScaleDown => self.scale_by(-1, effects),
            Command::SetReplicas => self.ask_replicas(),
            Command::DeletePod => self.ask_delete(),
            Command::Exec => self.exec_request(effects),
            Command::LessonStep | Command::LessonAnswer => self.on_lesson_command(command, effects),
            command => navigation::handle(command, &mut self.view, &self.model),
        }
    }

    /// space . , [ ]: a replay paused, stepped, slowed or sped up. A step
    /// goes into the model the one way every event does.
    fn steer_replay(&mut self, command: Command, effects: &mut Vec<Effect>) {
        let Playback::Replay(replay) = &mut self.source else {
            self.view.chrome.status = Some(t!("keys-replay-only"));
            return;
        };
        match steer(command, replay) {
            Replayed::Nothing => {}
            Replayed::Next(event) => self.ingest(event, effects),
            Replayed::FromStart(events) => {
                // The model only moves forward: made anew up to one event earlier.
                self.model = Model::new(self.model.scope.clone());
                for event in events {
                    self.ingest(event, effects);
                }
            }
        }
        if let Some(r) = self.replay() {
            self.view.labels.context = r.label();
        }
    }
}
