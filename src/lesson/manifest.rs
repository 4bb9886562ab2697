//! A lesson's manifests, read: each YAML document's kind, apiVersion and
//! name, and the document itself. The lesson file's checks and the cluster's
//! apply and cleanup read manifests this one way. This file imports nothing
//! of stsdash.

use serde::Deserialize;

/// One object of a manifest: kind, apiVersion and name. Whether it is
/// namespaced is known only after discovery (see `apply`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestObject {
    pub api_version: String,
    pub kind: String,
    pub name: String,
}

/// Parses a multi-document YAML manifest: documents are separated by `---`,
/// empty documents are skipped. Each document must be a mapping with
/// `apiVersion`, `kind` and `metadata.name`. The error is one line saying
/// what is wrong (for YAML syntax, serde_norway's message with its line).
pub fn parse_manifest(yaml: &str) -> Result<Vec<(ManifestObject, serde_json::Value)>, String> {
    let mut objects = Vec::new();
    for (index, document) in serde_norway::Deserializer::from_str(yaml).enumerate() {
        let value = serde_json::Value::deserialize(document).map_err(|e| {
            one_line(&crate::t!(
                "lesson-file-invalid-yaml",
                error = e.to_string()
            ))
        })?;
        if value.is_null() {
            continue;
        }
        let number = index + 1;
        let field = |path: &[&str]| -> Result<String, String> {
            let mut at = &value;
            for key in path {
                at = at.get(key).unwrap_or(&serde_json::Value::Null);
            }
            match at.as_str() {
                Some(text) if !text.is_empty() => Ok(text.to_string()),
                _ => Err(crate::t!(
                    "lesson-file-document-lacks",
                    number = number,
                    field = path.join(".")
                )),
            }
        };
        if !value.is_object() {
            return Err(crate::t!(
                "lesson-file-document-not-mapping",
                number = number
            ));
        }
        let object = ManifestObject {
            api_version: field(&["apiVersion"])?,
            kind: field(&["kind"])?,
            name: field(&["metadata", "name"])?,
        };
        objects.push((object, value));
    }
    Ok(objects)
}

/// serde_norway's messages may span lines: the caller shows one.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What a lesson may apply of a kind, known without asking the cluster.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KindRule {
    /// Namespaced (or unknown here: discovery decides when it is applied).
    Namespaced,
    /// Cluster-scoped, and what the labs need: PersistentVolume, StorageClass.
    Storage,
    /// Cluster-scoped otherwise: only with the lesson's and the user's consent.
    ClusterWide,
}

/// The rule for `kind` of `api_version`.
pub fn kind_rule(api_version: &str, kind: &str) -> KindRule {
    let group = api_version.rsplit_once('/').map_or("", |(g, _)| g);
    match (group, kind) {
        ("", "PersistentVolume") | ("storage.k8s.io", "StorageClass") => KindRule::Storage,
        ("", "Namespace" | "Node" | "ComponentStatus")
        | ("rbac.authorization.k8s.io", "ClusterRole" | "ClusterRoleBinding")
        | ("apiextensions.k8s.io", "CustomResourceDefinition")
        | (
            "admissionregistration.k8s.io",
            "ValidatingWebhookConfiguration"
            | "MutatingWebhookConfiguration"
            | "ValidatingAdmissionPolicy"
            | "ValidatingAdmissionPolicyBinding"
            | "MutatingAdmissionPolicy"
            | "MutatingAdmissionPolicyBinding",
        )
        | ("apiregistration.k8s.io", "APIService")
        | ("scheduling.k8s.io", "PriorityClass")
        | ("node.k8s.io", "RuntimeClass")
        | ("networking.k8s.io", "IngressClass" | "IPAddress" | "ServiceCIDR")
        | ("certificates.k8s.io", "CertificateSigningRequest" | "ClusterTrustBundle")
        | (
            "storage.k8s.io",
            "CSIDriver" | "CSINode" | "VolumeAttachment" | "VolumeAttributesClass",
        )
        | ("flowcontrol.apiserver.k8s.io", "FlowSchema" | "PriorityLevelConfiguration") => {
            KindRule::ClusterWide
        }
        _ => KindRule::Namespaced,
    }
}

/// Why a cluster-wide kind is refused, in one line.
pub fn cluster_wide_refusal(kind: &str) -> String {
    crate::t!("lesson-file-cluster-wide", kind = kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manifest_gives_its_objects_in_order_without_empty_documents() {
        let yaml = "\
# A volume, then a StatefulSet.
apiVersion: v1
kind: PersistentVolume
metadata:
  name: pv-a
spec:
  capacity: {storage: 1Gi}
---
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  replicas: 2
";
        let objects = parse_manifest(yaml).unwrap();
        let heads: Vec<_> = objects.iter().map(|(head, _)| head.clone()).collect();
        assert_eq!(
            heads,
            vec![
                ManifestObject {
                    api_version: "v1".into(),
                    kind: "PersistentVolume".into(),
                    name: "pv-a".into(),
                },
                ManifestObject {
                    api_version: "apps/v1".into(),
                    kind: "StatefulSet".into(),
                    name: "web".into(),
                },
            ]
        );
        assert_eq!(objects[0].1["spec"]["capacity"]["storage"], "1Gi");
        assert_eq!(objects[1].1["spec"]["replicas"], 2);
    }

    #[test]
    fn bad_yaml_is_one_line_that_names_the_line() {
        let yaml = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n   labels: {x: y}\n";
        let error = parse_manifest(yaml).unwrap_err();
        assert!(error.starts_with("invalid YAML: "), "{error}");
        assert!(error.contains("line 5"), "{error}");
        assert!(!error.contains('\n'), "{error:?}");
    }

    #[test]
    fn a_document_without_a_name_is_refused() {
        let yaml = "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n---\napiVersion: v1\nkind: Pod\nmetadata: {}\n";
        assert_eq!(
            parse_manifest(yaml).unwrap_err(),
            "document 2: no metadata.name"
        );
    }
}
