//! What names an object and a moment: the kind of object, its namespace and
//! name, and the model's unit of time. Everything else in the model builds
//! on these; this file imports nothing of the model but [`Text`].

use serde::{Deserialize, Serialize};

use super::text::Text;

/// Milliseconds since the Unix epoch: when the model received an event.
pub type Millis = i64;

/// The end of year 9999: later times are taken as this one.
pub const MAX_MILLIS: Millis = 253_402_300_799_999;

/// The kinds of object the model holds, one watch each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Kind {
    StatefulSet,
    Pod,
    PersistentVolumeClaim,
    PersistentVolume,
    StorageClass,
    Service,
    EndpointSlice,
    ControllerRevision,
    Event,
    /// Only `stsdash class` watches namespaces (its students'): not in `ALL`.
    Namespace,
}

impl Kind {
    /// The kinds the dashboard watches.
    pub const ALL: [Kind; 9] = [
        Kind::StatefulSet,
        Kind::Pod,
        Kind::PersistentVolumeClaim,
        Kind::PersistentVolume,
        Kind::StorageClass,
        Kind::Service,
        Kind::EndpointSlice,
        Kind::ControllerRevision,
        Kind::Event,
    ];

    /// Plural, lower-case, as kubectl and RBAC name it.
    pub fn resource(self) -> &'static str {
        match self {
            Kind::StatefulSet => "statefulsets",
            Kind::Pod => "pods",
            Kind::PersistentVolumeClaim => "persistentvolumeclaims",
            Kind::PersistentVolume => "persistentvolumes",
            Kind::StorageClass => "storageclasses",
            Kind::Service => "services",
            Kind::EndpointSlice => "endpointslices",
            Kind::ControllerRevision => "controllerrevisions",
            Kind::Event => "events",
            Kind::Namespace => "namespaces",
        }
    }
}

/// Namespace (empty for cluster-scoped objects) and name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Key {
    pub namespace: Text,
    pub name: Text,
}

impl Key {
    pub fn new(namespace: impl Into<Text>, name: impl Into<Text>) -> Self {
        Key {
            namespace: namespace.into(),
            name: name.into(),
        }
    }
}

impl std::fmt::Display for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.namespace.is_empty() {
            f.write_str(&self.name)
        } else {
            write!(f, "{}/{}", self.namespace, self.name)
        }
    }
}
