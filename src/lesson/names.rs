//! The names a lesson's manifests make, which its places and conditions may
//! use: a name they use that no manifest makes is a mistake in the file.

use std::collections::BTreeSet;

use super::Place;
use crate::lesson::condition::{Condition, VolumeRef};

/// What a lesson's manifests make: the names its places and conditions may use.
#[derive(Debug, Default, Clone)]
pub struct Names {
    /// StatefulSets with their claim templates.
    pub statefulsets: Vec<(String, Vec<String>)>,
    pub pods: BTreeSet<String>,
    pub claims: BTreeSet<String>,
    pub volumes: BTreeSet<String>,
}

impl Names {
    pub(super) fn add(&mut self, kind: &str, name: &str, object: &serde_json::Value) {
        match kind {
            "StatefulSet" => {
                let templates = object["spec"]["volumeClaimTemplates"]
                    .as_array()
                    .map(|ts| {
                        ts.iter()
                            .filter_map(|t| t["metadata"]["name"].as_str().map(String::from))
                            .collect()
                    })
                    .unwrap_or_default();
                self.statefulsets.push((name.to_string(), templates));
            }
            "Pod" => {
                self.pods.insert(name.to_string());
            }
            "PersistentVolumeClaim" => {
                self.claims.insert(name.to_string());
            }
            "PersistentVolume" => {
                self.volumes.insert(name.to_string());
            }
            _ => {}
        }
    }

    pub(super) fn is_statefulset(&self, name: &str) -> bool {
        self.statefulsets.iter().any(|(s, _)| s == name)
    }

    /// A pod of one of the StatefulSets (NAME-ORDINAL), or a pod of the manifests.
    pub(super) fn pod(&self, name: &str) -> Result<(), String> {
        let of_set = self
            .statefulsets
            .iter()
            .any(|(set, _)| ordinal_of(name, set));
        if of_set || self.pods.contains(name) {
            return Ok(());
        }
        Err(crate::t!(
            "lesson-file-not-a-pod",
            name = name,
            sets = self.sets()
        ))
    }

    /// A claim one of the StatefulSets' templates makes (TEMPLATE-NAME-ORDINAL), or one of the manifests'.
    pub(super) fn claim(&self, name: &str) -> Result<(), String> {
        let of_template = self.statefulsets.iter().any(|(set, templates)| {
            templates.iter().any(|t| {
                name.strip_prefix(t.as_str())
                    .and_then(|rest| rest.strip_prefix('-'))
                    .is_some_and(|rest| ordinal_of(rest, set))
            })
        });
        if of_template || self.claims.contains(name) {
            return Ok(());
        }
        let templates: Vec<String> = self
            .statefulsets
            .iter()
            .flat_map(|(set, ts)| ts.iter().map(move |t| format!("{t}-{set}-N")))
            .chain(self.claims.iter().cloned())
            .collect();
        Err(if templates.is_empty() {
            crate::t!("lesson-file-no-claims", name = name)
        } else {
            crate::t!(
                "lesson-file-no-claim",
                name = name,
                claims = templates.join(", ")
            )
        })
    }

    pub(super) fn volume(&self, name: &str) -> Result<(), String> {
        if self.volumes.contains(name) {
            return Ok(());
        }
        Err(crate::t!("lesson-file-no-volume", name = name))
    }

    pub(super) fn statefulset(&self, name: &str) -> Result<(), String> {
        if self.is_statefulset(name) {
            return Ok(());
        }
        Err(crate::t!(
            "lesson-file-not-a-statefulset",
            name = name,
            sets = self.sets()
        ))
    }

    pub(super) fn sets(&self) -> String {
        if self.statefulsets.is_empty() {
            return crate::t!("lesson-file-no-statefulsets");
        }
        let names: Vec<&str> = self.statefulsets.iter().map(|(s, _)| s.as_str()).collect();
        names.join(", ")
    }

    /// A row of the timeline or the storage graph: a pod, or (storage) a claim.
    pub(super) fn row(&self, place: &Place) -> Result<(), String> {
        let Some(row) = &place.row else {
            return Ok(());
        };
        match place.pane {
            super::Pane::Storage => self
                .pod(row)
                .or_else(|_| self.claim(row))
                .map_err(|_| crate::t!("lesson-file-not-a-row", row = row)),
            _ => self.pod(row),
        }
    }

    pub(super) fn condition(&self, condition: &Condition) -> Result<(), String> {
        match condition {
            Condition::Pod { name, .. } => self.pod(name),
            Condition::Claim { name, .. } => self.claim(name),
            Condition::Volume {
                of: VolumeRef::Named(name),
                ..
            } => self.volume(name),
            Condition::Volume {
                of: VolumeRef::OfClaim(claim),
                ..
            } => self.claim(claim),
            Condition::StatefulSet { name, .. } => self.statefulset(name),
        }
    }
}

/// Whether `name` is `set-N` with N an ordinal.
fn ordinal_of(name: &str, set: &str) -> bool {
    name.strip_prefix(set)
        .and_then(|rest| rest.strip_prefix('-'))
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}
