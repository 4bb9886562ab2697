//! The keys that change the cluster: `+` `-` `s` scale, `d` deletes a pod,
//! `e` opens a shell. Each captures its target (name and UID) when the key
//! is pressed; presses on one target queue and are sent one after the other
//! (see `queue`); before one is sent its target is checked against the model
//! (replaced since the key: refused), and the API server checks the UID again
//! (a precondition). Every outcome, done, refused or failed, comes back as an
//! event: a mark on the timeline and a line of narration.

use super::queue::target_of;
use super::{Dashboard, Effect, ExecRequest, Exit, Msg};
use crate::model::event::now_millis;
use crate::model::pod::{self, Phase};
use crate::model::{
    Action, Change, ClusterEvent, Failure, Key, Model, Outcome, Refusal, Text, sanitize,
};
use crate::t;
use crate::ui::{self, Dialog, RequestedScale};

/// How a shell session ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExecOutcome {
    /// It ran; how it ended ("/bin/bash exited").
    Ended(String),
    /// Not opened: the pod is not the one `e` chose.
    Refused(Refusal),
    /// It could not be opened, or the connection was lost.
    Failed(Failure),
}

/// Whether the target of `action` is still the one its key chose; else why not.
pub fn check(model: &Model, action: &Action) -> Result<(), Refusal> {
    let (now, uid) = match action {
        Action::Scale {
            statefulset, uid, ..
        } => (
            model
                .store
                .statefulsets
                .get(statefulset)
                .map(|s| &s.metadata.uid),
            uid,
        ),
        Action::DeletePod { pod, uid } | Action::Exec { pod, uid, .. } => {
            (model.store.pods.get(pod).map(|p| &p.metadata.uid), uid)
        }
    };
    match now {
        Some(now) if now == uid => Ok(()),
        Some(now) => Err(Refusal::Replaced {
            was: uid.clone(),
            now: now.clone(),
        }),
        None => Err(Refusal::Gone),
    }
}

/// A refusal, taken as the next message: marked and narrated like an outcome.
fn refusal(action: Action, reason: Refusal) -> Effect {
    Effect::Then(Msg::Cluster(ClusterEvent {
        at: now_millis(),
        change: Change::ActionRefused { action, reason },
    }))
}

impl Dashboard {
    /// Queues an action of a key press; it is sent when the ones before it on its target ended.
    pub(super) fn act(&mut self, action: Action, effects: &mut Vec<Effect>) {
        if !self.live() {
            // What can be known here is said first: a replaced target is refused as it would be live.
            match check(&self.model, &action) {
                Err(reason) => effects.push(refusal(action, reason)),
                Ok(()) => self.view.chrome.status = Some(not_live(self.replay().is_some())),
            }
            return;
        }
        if let Some(action) = self.actions.push(action) {
            self.send_action(action, effects);
        }
    }

    /// Checks the action's target and asks the runner to send it.
    fn send_action(&mut self, action: Action, effects: &mut Vec<Effect>) {
        if let Err(reason) = check(&self.model, &action) {
            return effects.push(refusal(action, reason));
        }
        tracing::info!("{}", action.describe());
        self.view.chrome.status = Some(format!("{}…", action.describe()));
        effects.push(Effect::Act(action));
    }

    /// An action's outcome arrived: say it, and send the next one on its target.
    pub(super) fn action_ended(
        &mut self,
        action: &Action,
        outcome: Outcome,
        why: &str,
        effects: &mut Vec<Effect>,
    ) {
        let target = target_of(action);
        let said = match outcome {
            Outcome::Done => {
                tracing::info!("done: {}", action.describe());
                t!("action-done", action = action.describe())
            }
            Outcome::Refused | Outcome::Failed => {
                // What waits on the same target would fare no better.
                let also = match self.actions.drop_waiting(&target) {
                    0 => String::new(),
                    n => format!(" {}", t!("action-presses-dropped", count = n)),
                };
                if matches!(action, Action::Scale { .. }) {
                    self.view.chrome.requested = None;
                }
                // stsdash's own log, and the footer in the user's language.
                let said = if outcome == Outcome::Refused {
                    tracing::warn!("did not {}: {why}{also}", action.describe());
                    t!("action-did-not", action = action.describe(), why = why)
                } else {
                    tracing::warn!("could not {}: {why}{also}", action.describe());
                    t!("action-could-not", action = action.describe(), why = why)
                };
                format!("{said}{also}")
            }
        };
        self.view.chrome.status = Some(said);
        // A shell is not queued (it runs on the terminal): nothing follows it.
        if !matches!(action, Action::Exec { .. })
            && let Some(next) = self.actions.finished(&target)
        {
            self.send_action(next, effects);
        }
    }

    /// The StatefulSet actions apply to, with its UID and desired replicas.
    fn target_statefulset(&mut self) -> Option<(Key, Text, i32)> {
        let Some(key) = ui::current_statefulset(&self.model, &self.view).cloned() else {
            self.view.chrome.status = Some(t!("action-no-statefulset"));
            return None;
        };
        let Some(sts) = self.model.store.statefulsets.get(&key) else {
            self.view.chrome.status = Some(t!("action-statefulset-deleted", name = key.name));
            return None;
        };
        let uid = sts.metadata.uid.clone();
        let replicas = crate::model::views::desired_replicas(sts) as i32;
        Some((key, uid, replicas))
    }

    /// The count `+` and `-` start from: what stsdash last asked for, if
    /// the StatefulSet does not show it yet, so quick presses add up.
    fn scale_base(&self, key: &Key, desired: i32) -> i32 {
        match &self.view.chrome.requested {
            Some(r) if &r.statefulset == key => r.to,
            _ => desired,
        }
    }

    pub(super) fn scale_by(&mut self, step: i32, effects: &mut Vec<Effect>) {
        let Some((key, uid, desired)) = self.target_statefulset() else {
            return;
        };
        let to = self.scale_base(&key, desired) + step;
        if to < 0 {
            self.view.chrome.status = Some(t!("action-already-zero", name = key.name));
        } else if to > self.settings.max_replicas {
            self.view.chrome.status = Some(t!(
                "action-above-limit",
                count = to,
                limit = self.settings.max_replicas
            ));
        } else {
            self.scale_to(key, uid, to, effects);
        }
    }

    pub(super) fn ask_replicas(&mut self) {
        let Some((statefulset, uid, desired)) = self.target_statefulset() else {
            return;
        };
        self.view.chrome.dialog = Some(Dialog::Replicas {
            current: self.scale_base(&statefulset, desired),
            statefulset,
            uid,
            limit: self.settings.max_replicas,
            input: String::new(),
            refused: None,
        });
    }

    /// Scales to `to` from what stsdash last asked for (or what the StatefulSet says).
    pub(super) fn scale_to(
        &mut self,
        statefulset: Key,
        uid: Text,
        to: i32,
        effects: &mut Vec<Effect>,
    ) {
        let desired = self
            .model
            .store
            .statefulsets
            .get(&statefulset)
            .map_or(to, |s| crate::model::views::desired_replicas(s) as i32);
        let from = self.scale_base(&statefulset, desired);
        if self.live() {
            self.view.chrome.requested = Some(RequestedScale {
                statefulset: statefulset.clone(),
                to,
                since: now_millis(),
            });
        }
        self.act(
            Action::Scale {
                statefulset,
                uid,
                from,
                to,
            },
            effects,
        );
    }

    /// The pod on the selected row now (a copy: the key press captures it).
    fn selected_pod(&mut self, for_shell: bool) -> Option<(Key, crate::model::object::Pod)> {
        let key = ui::current_statefulset(&self.model, &self.view)?.clone();
        let row =
            crate::model::views::timeline_of(&self.model, &key).row(self.view.nav.selected)?;
        let pod_key = Key::new(&key.namespace, &row.pod);
        match self.model.store.pods.get(&pod_key) {
            Some(p) => Some((pod_key, p.clone())),
            None => {
                self.view.chrome.status = Some(if for_shell {
                    t!("action-no-pod-for-shell", ordinal = row.pod)
                } else {
                    t!("action-no-pod-to-delete", ordinal = row.pod)
                });
                None
            }
        }
    }

    pub(super) fn ask_delete(&mut self) {
        let Some((pod_key, pod)) = self.selected_pod(false) else {
            return;
        };
        if pod.metadata.deletion_timestamp.is_some() {
            self.view.chrome.status = Some(t!("action-already-deleting", pod = pod_key.name));
            return;
        }
        self.view.chrome.dialog = Some(Dialog::ConfirmDelete {
            pod: pod_key,
            uid: pod.metadata.uid.clone(),
        });
    }

    /// `e`: the shell to open, if the selected pod runs; the loop hands the terminal over.
    pub(super) fn exec_request(&mut self, effects: &mut Vec<Effect>) {
        if !self.live() {
            self.view.chrome.status = Some(not_live(self.replay().is_some()));
            return;
        }
        let container_index = self.view.nav.container;
        let Some((pod_key, pod)) = self.selected_pod(true) else {
            return;
        };
        if !matches!(pod::phase(&pod), Phase::Running | Phase::Ready) {
            self.view.chrome.status = Some(t!("action-not-running", pod = pod_key.name));
            return;
        }
        let containers: Vec<&Text> = pod.spec.containers.iter().map(|c| &c.name).collect();
        let Some(container) = containers.get(container_index % containers.len().max(1)) else {
            return;
        };
        effects.push(Effect::Exit(Exit::Exec(ExecRequest {
            pod: pod_key,
            uid: pod.metadata.uid.clone(),
            container: (*container).clone(),
        })));
    }

    /// The shell session ended (or never started): its outcome, as for the other actions.
    pub(super) fn exec_ended(
        &mut self,
        request: &ExecRequest,
        outcome: ExecOutcome,
        effects: &mut Vec<Effect>,
    ) {
        let action = Action::Exec {
            pod: request.pod.clone(),
            uid: request.uid.clone(),
            container: request.container.clone(),
        };
        let (change, ended) = match outcome {
            ExecOutcome::Ended(how) => (Change::ActionTaken(action.clone()), Some(how)),
            ExecOutcome::Refused(reason) => (Change::ActionRefused { action, reason }, None),
            ExecOutcome::Failed(message) => (Change::ActionFailed { action, message }, None),
        };
        let described = match &change {
            Change::ActionTaken(a) => a.describe(),
            _ => String::new(),
        };
        self.ingest(
            ClusterEvent {
                at: now_millis(),
                change,
            },
            effects,
        );
        // A session that ran says how it ended ("/bin/bash exited").
        if let Some(how) = ended {
            self.view.chrome.status = Some(sanitize::line(&format!("{described}: {how}")));
        }
    }
}

fn not_live(replay: bool) -> String {
    if replay {
        t!("action-replay")
    } else {
        t!("action-no-cluster")
    }
}

/// The `s` prompt's answer: a whole number from 0 to `limit`.
pub fn parse_replicas(input: &str, limit: i32) -> Result<i32, String> {
    let text = input.trim();
    if text.is_empty() {
        return Err(t!("replicas-empty", limit = limit));
    }
    let Ok(n) = text.parse::<i64>() else {
        return Err(t!(
            "replicas-not-a-number",
            input = sanitize::line(text),
            limit = limit
        ));
    };
    if n < 0 {
        Err(t!("replicas-below-zero", count = n, limit = limit))
    } else if n > i64::from(limit) {
        Err(t!("replicas-above-limit", count = n, limit = limit))
    } else {
        Ok(n as i32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn the_replicas_prompt_refuses_in_russian_and_chinese() {
        use crate::i18n::{Lang, with_lang};
        with_lang(Lang::Ru, || {
            assert_eq!(
                parse_replicas("abc", 100).unwrap_err(),
                "\"abc\" — не целое число (от 0 до 100)"
            );
            assert_eq!(
                parse_replicas("", 5).unwrap_err(),
                "введите целое число от 0 до 5"
            );
            let presses = |n: u32| t!("action-presses-dropped", count = n);
            assert_eq!(presses(1), "(ещё 1 нажатие отброшено)");
            assert_eq!(presses(3), "(ещё 3 нажатия отброшены)");
            assert_eq!(presses(5), "(ещё 5 нажатий отброшено)");
            assert_eq!(presses(21), "(ещё 21 нажатие отброшено)");
        });
        with_lang(Lang::ZhTw, || {
            assert_eq!(
                parse_replicas("-1", 100).unwrap_err(),
                "-1 小於 0：副本數為 0 到 100"
            );
        });
    }
}
