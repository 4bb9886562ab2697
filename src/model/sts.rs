//! Readings of a StatefulSet: what its spec means (replicas, policy,
//! partition, retention) and which claims its templates make. Shared by the
//! narration and the views.

use serde::Serialize;

use super::Store;
use super::event::Key;
use super::object::{ClaimTemplate, StatefulSet};
use super::text::Text;

pub fn desired_replicas(sts: &StatefulSet) -> u32 {
    sts.spec.replicas.unwrap_or(1).max(0) as u32
}

/// Desired ordinals get a row (or a claim) before their pod exists, up to
/// this many: replicas may be set to two billion, the screen cannot show them.
pub const MAX_DESIRED_ROWS: u32 = 10_000;

/// The desired ordinals that get a row: 0 up to replicas, at most [`MAX_DESIRED_ROWS`].
pub fn desired_ordinals(sts: &StatefulSet) -> std::ops::Range<u32> {
    0..desired_replicas(sts).min(MAX_DESIRED_ROWS)
}

pub fn is_parallel(sts: &StatefulSet) -> bool {
    sts.spec.pod_management_policy.as_deref() == Some("Parallel")
}

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
    super::in_namespace(&store.statefulsets, namespace)
        .find(|(k, sts)| claim_template(sts, &k.name, claim).is_some())
        .map(|(k, _)| k.clone())
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Retention {
    pub when_deleted: String,
    pub when_scaled: String,
}

pub fn retention(sts: &StatefulSet) -> Retention {
    let policy = sts.spec.persistent_volume_claim_retention_policy.as_ref();
    let get = |v: Option<&Text>| v.map_or_else(|| "Retain".into(), |v| v.to_string());
    Retention {
        when_deleted: get(policy.and_then(|p| p.when_deleted.as_ref())),
        when_scaled: get(policy.and_then(|p| p.when_scaled.as_ref())),
    }
}

/// The StatefulSet's newest revision: its ControllerRevision with the highest
/// number (created before the controller starts replacing pods), else the
/// status's updateRevision.
pub fn latest_revision(store: &Store, key: &Key) -> Option<String> {
    let newest = super::in_namespace(&store.revisions, &key.namespace)
        .filter(|(_, cr)| {
            cr.metadata
                .controller("StatefulSet")
                .is_some_and(|o| o.name == key.name)
        })
        .max_by_key(|(_, cr)| cr.revision)
        .map(|(k, _)| k.name.to_string());
    newest.or_else(|| {
        store
            .statefulsets
            .get(key)
            .and_then(|s| s.status.update_revision.as_ref())
            .map(Text::to_string)
    })
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
