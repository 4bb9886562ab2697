//! Readings of a StatefulSet: what its spec means (replicas, policy,
//! partition, retention) and which claims its templates make. Shared by the
//! narration and the views.

use serde::Serialize;

use super::key::Key;
use super::object::{ClaimTemplate, RetentionRule, StatefulSet};
use super::store::{Store, in_namespace};
use super::text::Text;

pub fn desired_replicas(sts: &StatefulSet) -> u32 {
    sts.spec.replicas.unwrap_or(1).max(0) as u32
}

/// Desired ordinals get a row (or a claim) before their pod exists, up to
/// this many: replicas may be set to two billion, the screen cannot show them.
pub const MAX_DESIRED_ROWS: u32 = 10_000;

/// The first ordinal: `spec.ordinals.start` (0 when unset).
pub fn start_ordinal(sts: &StatefulSet) -> u32 {
    sts.spec
        .ordinals
        .as_ref()
        .map_or(0, |o| o.start.max(0) as u32)
}

/// The ordinals the controller keeps pods for: [start, start + replicas).
/// A pod of any other ordinal is condemned (removed, highest first).
pub fn replica_range(sts: &StatefulSet) -> std::ops::Range<u32> {
    let start = start_ordinal(sts);
    start..start.saturating_add(desired_replicas(sts))
}

/// The desired ordinals that get a row: the replica range, at most
/// [`MAX_DESIRED_ROWS`] of them.
pub fn desired_ordinals(sts: &StatefulSet) -> std::ops::Range<u32> {
    let range = replica_range(sts);
    range.start..range.end.min(range.start.saturating_add(MAX_DESIRED_ROWS))
}

/// The StatefulSet's selector, as `kubectl get -l` takes it.
pub fn selector_query(sts: &StatefulSet) -> String {
    sts.spec
        .selector
        .as_ref()
        .map(|s| s.query())
        .unwrap_or_default()
}

/// `minReadySeconds`, in ms (0 when unset).
pub fn min_ready(sts: &StatefulSet) -> i64 {
    i64::from(sts.spec.min_ready_seconds.unwrap_or(0).max(0)) * 1000
}

/// Whether the update strategy is OnDelete: the controller replaces no pod
/// for a new template; a pod takes the new revision when it is recreated.
pub fn is_on_delete(sts: &StatefulSet) -> bool {
    sts.spec
        .update_strategy
        .as_ref()
        .and_then(|u| u.type_.as_deref())
        == Some("OnDelete")
}

pub fn is_parallel(sts: &StatefulSet) -> bool {
    sts.spec.pod_management_policy.as_deref() == Some("Parallel")
}

/// The rolling update's partition: pods whose index in the replica range
/// (ordinal − start) is below it keep the current revision.
pub fn partition(sts: &StatefulSet) -> i32 {
    sts.spec
        .update_strategy
        .as_ref()
        .and_then(|u| u.rolling_update.as_ref())
        .and_then(|r| r.partition)
        .unwrap_or(0)
}

/// The claims a pod of this StatefulSet gets from its templates: `<template>-<pod>`.
pub fn template_claims(sts: &StatefulSet, pod_name: &str) -> Vec<String> {
    sts.spec
        .volume_claim_templates
        .iter()
        .map(|t| format!("{}-{pod_name}", t.metadata.name))
        .collect()
}

/// The name prefix of the claims a template of StatefulSet `name` makes: `<template>-<name>-`.
pub fn claim_prefix(template: &ClaimTemplate, name: &str) -> String {
    format!("{}-{name}-", template.metadata.name)
}

/// Which template of StatefulSet `name` made the claim `claim`, and for which
/// ordinal: `www-web-3` is template `www`, ordinal 3. The one place a claim
/// is matched to its StatefulSet.
pub fn claim_template<'a>(
    sts: &'a StatefulSet,
    name: &str,
    claim: &str,
) -> Option<(u32, &'a ClaimTemplate)> {
    sts.spec.volume_claim_templates.iter().find_map(|t| {
        let rest = claim
            .strip_prefix(t.metadata.name.as_str())?
            .strip_prefix('-')?
            .strip_prefix(name)?
            .strip_prefix('-')?;
        Some((rest.parse().ok()?, t))
    })
}

/// The StatefulSet (of the namespace, as it is now) whose template made this claim.
pub fn claim_statefulset(store: &Store, namespace: &str, claim: &str) -> Option<Key> {
    in_namespace(&store.statefulsets, namespace)
        .find(|(k, sts)| claim_template(sts, &k.name, claim).is_some())
        .map(|(k, _)| k.clone())
}

/// The lowest ordinal the rolling update replaces: start + partition.
pub fn partition_ordinal(sts: &StatefulSet) -> u32 {
    start_ordinal(sts).saturating_add(partition(sts).max(0) as u32)
}

/// `maxUnavailable` of the rolling update as a number of pods (a percentage
/// of replicas rounded down, at least 1), when the spec sets it. The API
/// server drops the field unless its feature gate (MaxUnavailableStatefulSet)
/// is on, so a StatefulSet that carries it is updated that many at a time.
pub fn max_unavailable(sts: &StatefulSet) -> Option<u32> {
    let value = sts
        .spec
        .update_strategy
        .as_ref()?
        .rolling_update
        .as_ref()?
        .max_unavailable
        .as_ref()?;
    let replicas = desired_replicas(sts);
    let n = match value {
        super::object::IntOrText::Int(n) => (*n).clamp(0, u32::MAX as i64) as u32,
        super::object::IntOrText::Text(t) => {
            let percent: u64 = t.trim_end_matches('%').trim().parse().ok()?;
            (u64::from(replicas) * percent.min(100) / 100) as u32
        }
    };
    Some(n.max(1))
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Retention {
    pub when_deleted: RetentionRule,
    pub when_scaled: RetentionRule,
}

pub fn retention(sts: &StatefulSet) -> Retention {
    let policy = sts.spec.persistent_volume_claim_retention_policy.as_ref();
    let get = |v: Option<&RetentionRule>| v.cloned().unwrap_or(RetentionRule::Retain);
    Retention {
        when_deleted: get(policy.and_then(|p| p.when_deleted.as_ref())),
        when_scaled: get(policy.and_then(|p| p.when_scaled.as_ref())),
    }
}

/// The StatefulSet's newest revision: its ControllerRevision with the highest
/// number (created before the controller starts replacing pods), else the
/// status's updateRevision.
pub fn latest_revision(store: &Store, key: &Key) -> Option<String> {
    let newest = revisions_of(store, key)
        .max_by_key(|(_, number, _)| *number)
        .map(|(name, _, _)| name.to_string());
    newest.or_else(|| {
        store
            .statefulsets
            .get(key)
            .and_then(|s| s.status.update_revision.as_ref())
            .map(Text::to_string)
    })
}

/// The StatefulSet's ControllerRevisions, as (name, revision number, created).
fn revisions_of<'a>(
    store: &'a Store,
    key: &'a Key,
) -> impl Iterator<Item = (&'a Text, i64, i64)> + 'a {
    in_namespace(&store.revisions, &key.namespace)
        .filter(|(_, cr)| {
            cr.metadata
                .controller("StatefulSet")
                .is_some_and(|o| o.name == key.name)
        })
        .map(|(k, cr)| {
            (
                &k.name,
                cr.revision,
                cr.metadata.created().unwrap_or_default(),
            )
        })
}

/// Whether the update revision is an earlier template come back (a
/// rollback): the controller reuses an equal ControllerRevision, giving it
/// the next number, so the newest number names a revision that is not the
/// newest one created.
pub fn is_rollback(store: &Store, key: &Key) -> bool {
    let Some(update) = store
        .statefulsets
        .get(key)
        .and_then(|s| s.status.update_revision.as_ref())
    else {
        return false;
    };
    let created = |name: &Text| {
        revisions_of(store, key)
            .find(|(n, _, _)| *n == name)
            .map(|(_, _, c)| c)
    };
    let Some(update_created) = created(update) else {
        return false;
    };
    revisions_of(store, key).any(|(n, _, c)| n != update && c > update_created)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_claim_is_matched_to_its_template_and_ordinal() {
        let sts: StatefulSet = serde_json::from_value(serde_json::json!({
            "spec": {"volumeClaimTemplates": [{"metadata": {"name": "www"}}, {"metadata": {"name": "data-x"}}]}
        }))
        .unwrap();
        let matched = |claim| {
            claim_template(&sts, "web", claim).map(|(o, t)| (o, t.metadata.name.to_string()))
        };
        assert_eq!(matched("www-web-3"), Some((3, "www".into())));
        assert_eq!(matched("data-x-web-12"), Some((12, "data-x".into())));
        for other in [
            "www-web-",
            "www-web-x",
            "www-web2-1",
            "www-webby-1",
            "www-web-0-0",
            "web-0",
        ] {
            assert_eq!(matched(other), None, "{other}");
        }
    }
}
