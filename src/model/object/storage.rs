//! Claims, volumes and storage classes (and a StatefulSet's claim templates).

use serde::{Deserialize, Serialize};

use super::known::{ClaimPhase, ReclaimPolicy, VolumePhase};
use super::meta::{Meta, SelectorExpression, Storage, is_default};
use crate::model::text::Text;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PersistentVolumeClaim {
    pub metadata: Meta,
    pub spec: ClaimSpec,
    pub status: ClaimStatus,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ClaimSpec {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub access_modes: Vec<Text>,
    #[serde(skip_serializing_if = "is_default")]
    pub resources: ClaimResources,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub storage_class_name: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub volume_name: Option<Text>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ClaimResources {
    #[serde(skip_serializing_if = "is_default")]
    pub requests: Storage,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ClaimStatus {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phase: Option<ClaimPhase>,
    #[serde(skip_serializing_if = "is_default")]
    pub capacity: Storage,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PersistentVolume {
    pub metadata: Meta,
    pub spec: VolumeSpec,
    pub status: VolumeStatus,
}

impl PersistentVolume {
    /// Who provisioned it dynamically (None: created by hand, static). The
    /// storage view and the narration both say it.
    pub fn provisioner(&self) -> Option<Text> {
        let annotations = &self.metadata.annotations;
        annotations
            .provisioned_by
            .clone()
            .or_else(|| annotations.provisioned_by_new.clone())
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct VolumeSpec {
    #[serde(skip_serializing_if = "is_default")]
    pub capacity: Storage,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub access_modes: Vec<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub persistent_volume_reclaim_policy: Option<ReclaimPolicy>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub storage_class_name: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub claim_ref: Option<ClaimRef>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub host_path: Option<PathSource>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub local: Option<PathSource>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub node_affinity: Option<VolumeNodeAffinity>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ClaimRef {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub namespace: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uid: Option<Text>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PathSource {
    pub path: Text,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct VolumeNodeAffinity {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required: Option<NodeSelector>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct NodeSelector {
    pub node_selector_terms: Vec<NodeSelectorTerm>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct NodeSelectorTerm {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub match_expressions: Vec<SelectorExpression>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct VolumeStatus {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phase: Option<VolumePhase>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct StorageClass {
    pub metadata: Meta,
    pub provisioner: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reclaim_policy: Option<ReclaimPolicy>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub volume_binding_mode: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allow_volume_expansion: Option<bool>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ClaimTemplate {
    pub metadata: Meta,
    pub spec: ClaimSpec,
}
