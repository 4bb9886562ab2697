//! The history of the cluster: ControllerRevisions and Events.

use k8s_openapi::apimachinery::pkg::apis::meta::v1::{MicroTime, Time};
use serde::{Deserialize, Serialize};

use super::known::{EventReason, EventType};
use super::meta::{Meta, millis};
use super::network::TargetRef;
use crate::model::key::Millis;
use crate::model::text::Text;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ControllerRevision {
    pub metadata: Meta,
    pub revision: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Event {
    pub metadata: Meta,
    pub involved_object: TargetRef,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<EventReason>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<Text>,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_: Option<EventType>,
    /// How many times it happened, first at firstTimestamp, last at lastTimestamp.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_timestamp: Option<Time>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_timestamp: Option<Time>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event_time: Option<MicroTime>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub series: Option<EventSeries>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct EventSeries {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_observed_time: Option<MicroTime>,
}

impl Event {
    /// When it last happened: its lastTimestamp, else (events.k8s.io Events)
    /// the last of its series or its eventTime, else when it was first seen
    /// or created.
    pub fn time(&self) -> Millis {
        self.last_timestamp
            .as_ref()
            .map(millis)
            .or_else(|| {
                self.series
                    .as_ref()
                    .and_then(|s| s.last_observed_time.as_ref())
                    .or(self.event_time.as_ref())
                    .map(|t| t.0.as_millisecond())
            })
            .or_else(|| self.first_timestamp.as_ref().map(millis))
            .or_else(|| self.metadata.created())
            .unwrap_or_default()
    }

    pub fn is_warning(&self) -> bool {
        self.type_ == Some(EventType::Warning)
    }

    /// "Reason: message", as a line that says why.
    pub fn reason_and_message(&self) -> String {
        format!(
            "{}: {}",
            self.reason.as_deref().unwrap_or_default(),
            self.message.as_deref().unwrap_or_default()
        )
    }
}
