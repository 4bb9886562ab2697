//! What every object carries (its metadata, labels and annotations), the
//! label selectors, and the helpers every kind's parsing uses.

use std::collections::BTreeMap;

use k8s_openapi::apimachinery::pkg::apis::meta::v1::Time;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::model::key::Millis;
use crate::model::text::Text;

pub(super) fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

/// A time in the model's unit (ms since the epoch).
pub fn millis(time: &Time) -> Millis {
    time.0.as_millisecond()
}

/// What every object carries: who it is, which version, when, who owns it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Meta {
    pub name: Text,
    #[serde(skip_serializing_if = "is_default")]
    pub namespace: Text,
    pub uid: Text,
    pub resource_version: Text,
    /// Of the spec: a StatefulSet's status speaks of it once observedGeneration reaches it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub generation: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub creation_timestamp: Option<Time>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deletion_timestamp: Option<Time>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deletion_grace_period_seconds: Option<i64>,
    #[serde(skip_serializing_if = "is_default")]
    pub labels: Labels,
    #[serde(skip_serializing_if = "is_default")]
    pub annotations: Annotations,
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_as_default"
    )]
    pub owner_references: Vec<OwnerReference>,
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_as_default"
    )]
    pub finalizers: Vec<Text>,
}

/// A namespace: only its name and versions (`stsdash class` follows its
/// students' namespaces, chosen by a label selector or a prefix).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Namespace {
    pub metadata: Meta,
}

impl Meta {
    /// The controller that owns it, if it is of `kind`.
    pub fn controller(&self, kind: &str) -> Option<&OwnerReference> {
        self.owner_references
            .iter()
            .find(|r| r.controller == Some(true) && r.kind == kind)
    }

    /// Its controller, of whatever kind.
    pub fn controller_any(&self) -> Option<&OwnerReference> {
        self.owner_references
            .iter()
            .find(|r| r.controller == Some(true))
    }

    pub fn created(&self) -> Option<Millis> {
        self.creation_timestamp.as_ref().map(millis)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct OwnerReference {
    pub kind: Text,
    pub name: Text,
    #[serde(skip_serializing_if = "is_default")]
    pub uid: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub controller: Option<bool>,
}

/// A map of some well-known keys: every other key is dropped while parsing.
macro_rules! known_keys {
    ($(#[$doc:meta])* $name:ident { $($field:ident => $key:literal),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Default, PartialEq)]
        pub struct $name {
            $(pub $field: Option<Text>,)*
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeMap;
                let mut map = serializer.serialize_map(None)?;
                $(if let Some(value) = &self.$field {
                    map.serialize_entry($key, value)?;
                })*
                map.end()
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct Visitor;
                impl<'de> serde::de::Visitor<'de> for Visitor {
                    type Value = $name;
                    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                        f.write_str("a map of strings")
                    }
                    fn visit_unit<E: serde::de::Error>(self) -> Result<$name, E> {
                        Ok($name::default())
                    }
                    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<$name, A::Error> {
                        let mut out = $name::default();
                        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                            match key.as_ref() {
                                $($key => out.$field = map.next_value()?,)*
                                _ => {
                                    map.next_value::<serde::de::IgnoredAny>()?;
                                }
                            }
                        }
                        Ok(out)
                    }
                }
                deserializer.deserialize_any(Visitor)
            }
        }
    };
}

known_keys!(
    /// The labels a view reads.
    Labels {
        pod_index => "apps.kubernetes.io/pod-index",
        revision_hash => "controller-revision-hash",
        service_name => "kubernetes.io/service-name",
    }
);

known_keys!(
    /// The annotations a view reads.
    Annotations {
        provisioned_by => "pv.kubernetes.io/provisioned-by",
        provisioned_by_new => "volume.kubernetes.io/provisioned-by",
        default_class => "storageclass.kubernetes.io/is-default-class",
        selected_node => "volume.kubernetes.io/selected-node",
        ready_delay => "lab.stsdash.dev/ready-delay",
    }
);

/// `{"storage": "1Gi"}`, the only resource a claim or volume is sized in.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Storage {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub storage: Option<Text>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct LabelSelector {
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub match_labels: BTreeMap<Text, Text>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub match_expressions: Vec<SelectorExpression>,
}

impl LabelSelector {
    /// As a label selector query: `app=nginx,tier in (a,b),!legacy`.
    pub fn query(&self) -> String {
        let labels = self.match_labels.iter().map(|(k, v)| format!("{k}={v}"));
        let expressions = self.match_expressions.iter().map(|e| {
            let values = e
                .values
                .iter()
                .map(|v| v.as_str())
                .collect::<Vec<_>>()
                .join(",");
            match e.operator.as_str() {
                "In" => format!("{} in ({values})", e.key),
                "NotIn" => format!("{} notin ({values})", e.key),
                "DoesNotExist" => format!("!{}", e.key),
                _ => e.key.to_string(),
            }
        });
        labels.chain(expressions).collect::<Vec<_>>().join(",")
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SelectorExpression {
    pub key: Text,
    pub operator: Text,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<Text>,
}

pub(super) fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}
