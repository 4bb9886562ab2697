//! Presses on one target are sent one after the other, in order: three `+`
//! are +3, always.

use std::collections::{HashMap, HashSet, VecDeque};

use crate::model::{Action, Key};

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
}
