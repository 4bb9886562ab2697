//! Values the API gives as strings, of which the model knows some: parsed
//! once, when the object is read, into a variant the model can match on,
//! and any other value kept as it came (`Other`). Each reads, prints and
//! serializes as the API's own word, so a recording, the dump and the
//! screen say what the cluster said.

use std::fmt;
use std::ops::Deref;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::model::text::Text;

macro_rules! known_words {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vdoc])* $variant,)*
            /// A value the model does not know, as the API gave it.
            Other(Text),
        }

        impl $name {
            /// The API's word for it.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => stringify!($variant),)*
                    $name::Other(text) => text,
                }
            }
        }

        impl From<Text> for $name {
            fn from(text: Text) -> Self {
                match text.as_str() {
                    $(stringify!($variant) => $name::$variant,)*
                    _ => $name::Other(text),
                }
            }
        }

        impl From<&str> for $name {
            fn from(word: &str) -> Self {
                $name::from(Text::new(word))
            }
        }

        impl From<&$name> for Text {
            fn from(value: &$name) -> Text {
                match value {
                    $name::Other(text) => text.clone(),
                    known => Text::new(known.as_str()),
                }
            }
        }

        impl Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                self.as_str()
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.as_str() == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                Text::deserialize(deserializer).map($name::from)
            }
        }
    };
}

known_words!(
    /// What persistentVolumeClaimRetentionPolicy does to a StatefulSet's
    /// claims when it is deleted or scaled down.
    RetentionRule { Retain, Delete }
);

known_words!(
    /// What happens to a volume when its claim is gone (its reclaimPolicy,
    /// or a class's).
    ReclaimPolicy { Retain, Delete, Recycle }
);

known_words!(
    /// A PersistentVolumeClaim's phase.
    ClaimPhase { Pending, Bound, Lost }
);

known_words!(
    /// A PersistentVolume's phase.
    VolumePhase { Pending, Available, Bound, Released, Failed }
);

known_words!(
    /// An Event's type.
    EventType { Normal, Warning }
);

known_words!(
    /// Why an Event was written: the reasons the model reads.
    EventReason {
        /// The StatefulSet controller created a pod (or a claim).
        SuccessfulCreate,
        /// The StatefulSet controller deleted a pod.
        SuccessfulDelete,
        FailedScheduling,
        Scheduled,
        Pulling,
        Pulled,
        Created,
        Started,
        Killing,
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_reads_back_as_it_came_known_or_not() {
        let bound: ClaimPhase = serde_json::from_str("\"Bound\"").unwrap();
        assert_eq!(bound, ClaimPhase::Bound);
        let odd: ClaimPhase = serde_json::from_str("\"Resizing\"").unwrap();
        assert_eq!(odd, ClaimPhase::Other("Resizing".into()));
        assert_eq!(serde_json::to_string(&odd).unwrap(), "\"Resizing\"");
        assert_eq!(serde_json::to_string(&bound).unwrap(), "\"Bound\"");
        assert_eq!(RetentionRule::Delete.to_string(), "Delete");
        assert_eq!(RetentionRule::from("Retain"), "Retain");
    }
}
