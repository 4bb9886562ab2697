//! The keys that change the cluster: `+` `-` `s` scale, `d` deletes a pod,
//! `e` opens a shell. Each captures its target (name and UID) when the key
//! is pressed; presses on one target queue and are sent one after the other,
//! in order (three `+` are +3, always); before one is sent its target is
//! checked against the model (replaced since the key: refused), and the API
//! server checks the UID again (a precondition). Every outcome, done,
//! refused or failed, comes back as an event: a mark on the timeline and a
//! line of narration.

use std::collections::{HashMap, HashSet, VecDeque};

use crossterm::event::{KeyCode, KeyEvent};

use super::dashboard::{Dashboard, ExecRequest};
use crate::cluster;
use crate::model::event::now_millis;
use crate::model::pod::{self, Phase};
use crate::model::{Action, Change, ClusterEvent, Key, Model, Outcome, Text, sanitize};
use crate::ui::{self, Dialog};

/// The longest input the replicas prompt takes.
const PROMPT_MAX: usize = 12;

/// What an action aims at: presses on one target are sent one after the other.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Target {
    StatefulSet(Key),
    Pod(Key),
}

pub fn target_of(action: &Action) -> Target {
    match action {
        Action::Scale { statefulset, .. } => Target::StatefulSet(statefulset.clone()),
        Action::DeletePod { pod, .. } | Action::Exec { pod, .. } => Target::Pod(pod.clone()),
    }
}

/// Actions waiting for the one before them on the same target.
#[derive(Debug, Default)]
pub struct ActionQueue {
    waiting: HashMap<Target, VecDeque<Action>>,
    running: HashSet<Target>,
}

impl ActionQueue {
    /// Queues `action`; gives it back if it may be sent now (nothing runs on its target).
    pub fn push(&mut self, action: Action) -> Option<Action> {
        let target = target_of(&action);
        if self.running.insert(target.clone()) {
            Some(action)
        } else {
            self.waiting.entry(target).or_default().push_back(action);
            None
        }
    }

    /// The action on `target` ended: the next one waiting, if any, may be sent.
    pub fn finished(&mut self, target: &Target) -> Option<Action> {
        let next = self.waiting.get_mut(target).and_then(VecDeque::pop_front);
        if self.waiting.get(target).is_some_and(VecDeque::is_empty) {
            self.waiting.remove(target);
        }
        if next.is_none() {
            self.running.remove(target);
        }
        next
    }

    /// Drops what waits on `target` (its first one failed, they would too); how many.
    pub fn drop_waiting(&mut self, target: &Target) -> usize {
        self.waiting.remove(target).map_or(0, |q| q.len())
    }

    #[cfg(test)]
    pub fn is_idle(&self) -> bool {
        self.running.is_empty()
    }
}

/// Whether the target of `action` is still the one its key chose; else why not.
pub fn check(model: &Model, action: &Action) -> Result<(), String> {
    let (now, uid, name, key) = match action {
        Action::Scale {
            statefulset, uid, ..
        } => (
            model
                .store
                .statefulsets
                .get(statefulset)
                .map(|s| &s.metadata.uid),
            uid,
            &statefulset.name,
            "s, + or -",
        ),
        Action::DeletePod { pod, uid } => (
            model.store.pods.get(pod).map(|p| &p.metadata.uid),
            uid,
            &pod.name,
            "d",
        ),
        Action::Exec { pod, uid, .. } => (
            model.store.pods.get(pod).map(|p| &p.metadata.uid),
            uid,
            &pod.name,
            "e",
        ),
    };
    match now {
        Some(now) if now == uid => Ok(()),
        Some(now) => Err(format!(
            "{name} was replaced since you pressed {key} (uid {} → {})",
            pod::short_uid(uid),
            pod::short_uid(now)
        )),
        None => Err(format!("{name} is gone since you pressed {key}")),
    }
}

impl Dashboard {
    /// Queues an action of a key press; it is sent when the ones before it on its target ended.
    pub(super) fn act(&mut self, action: Action) {
        if self.live.is_none() {
            // What can be known here is said first: a replaced target is refused as it would be live.
            match check(&self.model, &action) {
                Err(reason) => self.refuse(action, reason),
                Ok(()) => self.view.status = Some(not_live(self.replay.is_some())),
            }
            return;
        }
        if let Some(action) = self.actions.push(action) {
            self.send_action(action);
        }
    }

    /// Marks and narrates an action that was not sent, and why.
    fn refuse(&mut self, action: Action, reason: String) {
        let _ = self.apply(ClusterEvent {
            at: now_millis(),
            change: Change::ActionRefused {
                action,
                reason: reason.into(),
            },
        });
    }

    /// Checks the action's target and sends it, in a task of its own whose
    /// outcome comes back over the channel; a refusal is applied at once.
    fn send_action(&mut self, action: Action) {
        if let Err(reason) = check(&self.model, &action) {
            return self.refuse(action, reason);
        }
        let Some(live) = self.live.as_ref() else {
            return;
        };
        // Read-only hands out no write access: nothing here can act.
        let Some(write) = live.write.clone() else {
            return self.refuse(action, "read-only".into());
        };
        tracing::info!("{}", action.describe());
        self.view.status = Some(format!("{}…", action.describe()));
        let tx = self.tx.clone();
        tokio::spawn(async move {
            let result = match &action {
                Action::Scale {
                    statefulset,
                    uid,
                    to,
                    ..
                } => cluster::actions::scale(&write, statefulset, uid, *to).await,
                Action::DeletePod { pod, uid } => {
                    cluster::actions::delete_pod(&write, pod, uid).await
                }
                // A shell runs on the terminal, not here (see `app::tui`).
                Action::Exec { .. } => Ok(()),
            };
            let change = match result {
                Ok(()) => Change::ActionTaken(action),
                Err(e) => Change::ActionFailed {
                    action,
                    message: e.to_string().into(),
                },
            };
            let _ = tx
                .send(ClusterEvent {
                    at: now_millis(),
                    change,
                })
                .await;
        });
    }

    /// An action's outcome arrived: say it, and send the next one on its target.
    pub(super) fn action_ended(&mut self, action: &Action, outcome: Outcome, why: &str) {
        let target = target_of(action);
        let said = match outcome {
            Outcome::Done => {
                tracing::info!("done: {}", action.describe());
                format!("done: {}", action.describe())
            }
            Outcome::Refused | Outcome::Failed => {
                // What waits on the same target would fare no better.
                let also = match self.actions.drop_waiting(&target) {
                    0 => String::new(),
                    n => format!(
                        " ({n} more press{} dropped)",
                        if n == 1 { "" } else { "es" }
                    ),
                };
                if matches!(action, Action::Scale { .. }) {
                    self.view.requested_replicas = None;
                }
                let verb = if outcome == Outcome::Refused {
                    "did not"
                } else {
                    "could not"
                };
                let said = format!("{verb} {}: {why}{also}", action.describe());
                tracing::warn!("{said}");
                said
            }
        };
        self.view.status = Some(said);
        // A shell is not queued (it runs on the terminal): nothing follows it.
        if !matches!(action, Action::Exec { .. })
            && let Some(next) = self.actions.finished(&target)
        {
            self.send_action(next);
        }
    }

    /// The StatefulSet actions apply to, with its UID and desired replicas.
    fn target_statefulset(&mut self) -> Option<(Key, Text, i32)> {
        let Some(key) = ui::current_statefulset(&self.model, &self.view).cloned() else {
            self.view.status = Some("no StatefulSet to act on".into());
            return None;
        };
        let Some(sts) = self.model.store.statefulsets.get(&key) else {
            self.view.status = Some(format!("{} was deleted: nothing to scale", key.name));
            return None;
        };
        let uid = sts.metadata.uid.clone();
        let replicas = crate::model::views::desired_replicas(sts) as i32;
        Some((key, uid, replicas))
    }

    /// The count `+` and `-` start from: what stsdash last asked for, if
    /// the StatefulSet does not show it yet, so quick presses add up.
    fn scale_base(&self, key: &Key, desired: i32) -> i32 {
        match &self.view.requested_replicas {
            Some((k, to)) if k == key => *to,
            _ => desired,
        }
    }

    pub(super) fn scale_by(&mut self, step: i32) {
        let Some((key, uid, desired)) = self.target_statefulset() else {
            return;
        };
        let to = self.scale_base(&key, desired) + step;
        if to < 0 {
            self.view.status = Some(format!("{} already has 0 replicas", key.name));
        } else if to > self.settings.max_replicas {
            self.view.status = Some(format!(
                "{to} replicas is above the limit of {} (max_replicas in the config file)",
                self.settings.max_replicas
            ));
        } else {
            self.scale_to(key, uid, to);
        }
    }

    pub(super) fn ask_replicas(&mut self) {
        let Some((statefulset, uid, desired)) = self.target_statefulset() else {
            return;
        };
        self.view.dialog = Some(Dialog::Replicas {
            current: self.scale_base(&statefulset, desired),
            statefulset,
            uid,
            limit: self.settings.max_replicas,
            input: String::new(),
            refused: None,
        });
    }

    fn scale_to(&mut self, statefulset: Key, uid: Text, to: i32) {
        let desired = self
            .model
            .store
            .statefulsets
            .get(&statefulset)
            .map_or(to, |s| crate::model::views::desired_replicas(s) as i32);
        let from = self.scale_base(&statefulset, desired);
        if self.live.is_some() {
            self.view.requested_replicas = Some((statefulset.clone(), to));
            self.requested_since = Some(tokio::time::Instant::now());
        }
        self.act(Action::Scale {
            statefulset,
            uid,
            from,
            to,
        });
    }

    /// The pod on the selected row now (a copy: the key press captures it).
    fn selected_pod(&mut self, verb: &str) -> Option<(Key, crate::model::object::Pod)> {
        let key = ui::current_statefulset(&self.model, &self.view)?.clone();
        let row = crate::model::views::timeline_of(&self.model, &key).row(self.view.selected)?;
        let pod_key = Key::new(&key.namespace, &row.pod);
        match self.model.store.pods.get(&pod_key) {
            Some(p) => Some((pod_key, p.clone())),
            None => {
                self.view.status = Some(format!("{} has no pod to {verb} right now", row.pod));
                None
            }
        }
    }

    pub(super) fn ask_delete(&mut self) {
        let Some((pod_key, pod)) = self.selected_pod("delete") else {
            return;
        };
        if pod.metadata.deletion_timestamp.is_some() {
            self.view.status = Some(format!("{} is already being deleted", pod_key.name));
            return;
        }
        self.view.dialog = Some(Dialog::ConfirmDelete {
            pod: pod_key,
            uid: pod.metadata.uid.clone(),
        });
    }

    pub(super) fn exec_request(&mut self) -> Option<ExecRequest> {
        if self.live.is_none() {
            self.view.status = Some(not_live(self.replay.is_some()));
            return None;
        }
        let container_index = self.view.container;
        let (pod_key, pod) = self.selected_pod("open a shell in")?;
        if !matches!(pod::phase(&pod), Phase::Running | Phase::Ready) {
            self.view.status = Some(format!(
                "{} is not running yet: no shell to open",
                pod_key.name
            ));
            return None;
        }
        let containers: Vec<&Text> = pod.spec.containers.iter().map(|c| &c.name).collect();
        let container = (*containers.get(container_index % containers.len().max(1))?).clone();
        Some(ExecRequest {
            pod: pod_key,
            uid: pod.metadata.uid.clone(),
            container,
        })
    }

    /// The shell session ended (or never started): its outcome, as for the other actions.
    pub fn exec_ended(&mut self, request: &ExecRequest, outcome: ExecOutcome) {
        let action = Action::Exec {
            pod: request.pod.clone(),
            uid: request.uid.clone(),
            container: request.container.clone(),
        };
        let (change, ended) = match outcome {
            ExecOutcome::Ended(how) => (Change::ActionTaken(action.clone()), Some(how)),
            ExecOutcome::Refused(reason) => (
                Change::ActionRefused {
                    action,
                    reason: reason.into(),
                },
                None,
            ),
            ExecOutcome::Failed(message) => (
                Change::ActionFailed {
                    action,
                    message: message.into(),
                },
                None,
            ),
        };
        let described = match &change {
            Change::ActionTaken(a) => a.describe(),
            _ => String::new(),
        };
        let _ = self.apply(ClusterEvent {
            at: now_millis(),
            change,
        });
        // A session that ran says how it ended ("/bin/bash exited").
        if let Some(how) = ended {
            self.view.status = Some(sanitize::line(&format!("{described}: {how}")));
        }
    }

    /// Keys while the `s` prompt or the `d` question is open.
    pub(super) fn on_action_dialog_key(&mut self, dialog: Dialog, key: KeyEvent) {
        match dialog {
            Dialog::Replicas {
                statefulset,
                uid,
                current,
                limit,
                mut input,
                mut refused,
            } => {
                match key.code {
                    KeyCode::Esc => {
                        self.view.dialog = None;
                        self.view.status = Some("scale cancelled: nothing changed".into());
                        return;
                    }
                    KeyCode::Enter => match parse_replicas(&input, limit) {
                        Ok(to) => {
                            self.view.dialog = None;
                            self.scale_to(statefulset, uid, to);
                            return;
                        }
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
                self.view.dialog = Some(Dialog::Replicas {
                    statefulset,
                    uid,
                    current,
                    limit,
                    input,
                    refused,
                });
            }
            Dialog::ConfirmDelete { pod, uid } => match key.code {
                KeyCode::Char('y') | KeyCode::Char('Y') => {
                    self.view.dialog = None;
                    self.act(Action::DeletePod { pod, uid });
                }
                KeyCode::Char('n') | KeyCode::Char('N') | KeyCode::Esc => {
                    self.view.dialog = None;
                    self.view.status = Some(format!("kept {}: nothing deleted", pod.name));
                }
                _ => self.view.dialog = Some(Dialog::ConfirmDelete { pod, uid }),
            },
            other => self.view.dialog = Some(other),
        }
    }
}

/// How a shell session ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExecOutcome {
    /// It ran; how it ended ("/bin/bash exited").
    Ended(String),
    /// Not opened: the pod is not the one `e` chose.
    Refused(String),
    /// It could not be opened, or the connection was lost.
    Failed(String),
}

fn not_live(replay: bool) -> String {
    if replay {
        "this is a replay: actions need a live cluster".into()
    } else {
        "no cluster connected: actions need a live cluster".into()
    }
}

/// The `s` prompt's answer: a whole number from 0 to `limit`.
pub fn parse_replicas(input: &str, limit: i32) -> Result<i32, String> {
    let text = input.trim();
    if text.is_empty() {
        return Err(format!("type a whole number from 0 to {limit}"));
    }
    let Ok(n) = text.parse::<i64>() else {
        return Err(format!(
            "\"{}\" is not a whole number (0 to {limit})",
            sanitize::line(text)
        ));
    };
    if n < 0 {
        Err(format!("{n} is below 0: replicas go from 0 to {limit}"))
    } else if n > i64::from(limit) {
        Err(format!(
            "{n} is above the limit of {limit} (max_replicas in the config file)"
        ))
    } else {
        Ok(n as i32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scale(to: i32) -> Action {
        Action::Scale {
            statefulset: Key::new("demo", "web"),
            uid: "u".into(),
            from: to - 1,
            to,
        }
    }

    #[test]
    fn presses_on_one_target_go_one_after_the_other_in_order() {
        let mut q = ActionQueue::default();
        assert_eq!(q.push(scale(3)), Some(scale(3)));
        assert_eq!(q.push(scale(4)), None);
        assert_eq!(q.push(scale(5)), None);
        // Another target is not held back.
        let delete = Action::DeletePod {
            pod: Key::new("demo", "web-0"),
            uid: "p".into(),
        };
        assert_eq!(q.push(delete.clone()), Some(delete.clone()));
        let web = target_of(&scale(3));
        assert_eq!(q.finished(&web), Some(scale(4)));
        assert_eq!(q.finished(&web), Some(scale(5)));
        assert_eq!(q.finished(&web), None);
        assert!(!q.is_idle());
        assert_eq!(q.finished(&target_of(&delete)), None);
        assert!(q.is_idle());
        // After a failure what waits is dropped.
        q.push(scale(3));
        q.push(scale(4));
        q.push(scale(5));
        assert_eq!(q.drop_waiting(&web), 2);
        assert_eq!(q.finished(&web), None);
        assert!(q.is_idle());
    }

    #[test]
    fn the_replicas_prompt_takes_whole_numbers_within_the_limit() {
        assert_eq!(parse_replicas("5", 100), Ok(5));
        assert_eq!(parse_replicas(" 0 ", 100), Ok(0));
        assert_eq!(parse_replicas("100", 100), Ok(100));
        for (input, says) in [
            ("abc", "\"abc\" is not a whole number"),
            ("-1", "-1 is below 0"),
            ("100000", "100000 is above the limit of 100"),
            ("", "type a whole number"),
            ("2.5", "\"2.5\" is not a whole number"),
            ("99999999999999999999", "is not a whole number"),
        ] {
            let refused = parse_replicas(input, 100).unwrap_err();
            assert!(refused.contains(says), "{input}: {refused}");
        }
    }
}
