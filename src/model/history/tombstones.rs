//! What is gone but still explains the screen: StatefulSets and claims
//! deleted while watched, and the pods stsdash itself deleted.

use super::History;
use crate::model::key::{Key, Millis};
use crate::model::object::StatefulSet;
use crate::model::text::Text;

/// At most this many deleted StatefulSets and claims are remembered.
pub const MAX_DELETED_STATEFULSETS: usize = 16;
pub const MAX_DELETED_CLAIMS: usize = 256;
/// At most this many pods stsdash deleted are remembered (to narrate why they went).
pub const MAX_DELETED_BY_US: usize = 64;

impl History {
    pub(in crate::model) fn deleted_by_us_at(&mut self, uid: &Text, at: Millis) {
        self.deleted_by_us.push_back((uid.clone(), at));
        if self.deleted_by_us.len() > MAX_DELETED_BY_US {
            self.deleted_by_us.pop_front();
        }
    }

    pub fn deleted_by_us(&self, uid: &str) -> bool {
        self.deleted_by_us.iter().any(|(u, _)| u == uid)
    }

    pub(in crate::model) fn statefulset_deleted(&mut self, key: &Key, last: StatefulSet) {
        self.deleted_statefulsets.retain(|(k, _)| k != key);
        self.deleted_statefulsets.push_back((key.clone(), last));
        if self.deleted_statefulsets.len() > MAX_DELETED_STATEFULSETS {
            self.deleted_statefulsets.pop_front();
        }
    }

    /// The StatefulSet as it was when it was deleted, if it was seen deleted.
    pub fn deleted_statefulset(&self, key: &Key) -> Option<&StatefulSet> {
        self.deleted_statefulsets
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, s)| s)
    }

    /// A claim was deleted (`deleted`) or exists again (re-created by a scale-up).
    pub(in crate::model) fn claim_seen(&mut self, key: &Key, deleted: bool) {
        self.deleted_claims.retain(|k| k != key);
        if deleted {
            self.deleted_claims.push_back(key.clone());
            if self.deleted_claims.len() > MAX_DELETED_CLAIMS {
                self.deleted_claims.pop_front();
            }
        }
    }

    pub fn claim_deleted(&self, key: &Key) -> bool {
        self.deleted_claims.contains(key)
    }
}
