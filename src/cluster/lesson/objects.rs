//! The objects a lesson run makes: the label that marks them as the run's,
//! their kinds as the API server serves them (looked up once), and their
//! names as kubectl writes them. Apply and cleanup both use these.

use std::collections::HashMap;

use kube::api::ApiResource;
use kube::core::GroupVersion;
use kube::discovery::{self, ApiCapabilities};

use crate::cluster::WriteAccess;
use crate::cluster::error::ActionError;
use crate::lesson::manifest::ManifestObject;
use crate::model::{Failure, Text, sanitize};

/// The label every object a lesson run makes carries: the run's id. Cleanup
/// deletes only what carries it (and still has the UID it was listed with).
pub const RUN_LABEL: &str = "stsdash.io/lesson-run";

/// A new lesson run's id: a label value, different for each run.
pub fn new_run_id() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    format!(
        "{:012x}",
        (nanos ^ (u128::from(std::process::id()) << 40)) & 0xffff_ffff_ffff
    )
}

/// The kinds already looked up, by apiVersion and kind.
#[derive(Default)]
pub(super) struct Kinds(HashMap<(String, String), (ApiResource, ApiCapabilities)>);

impl Kinds {
    pub(super) async fn resolve(
        &mut self,
        write: &WriteAccess,
        object: &ManifestObject,
    ) -> Result<(ApiResource, ApiCapabilities), ActionError> {
        let key = (object.api_version.clone(), object.kind.clone());
        if let Some(known) = self.0.get(&key) {
            return Ok(known.clone());
        }
        let unknown = || {
            ActionError::Lesson(Failure::NotServed {
                kind: Text::from(&object.kind),
                version: Text::from(&object.api_version),
            })
        };
        let gvk = object
            .api_version
            .parse::<GroupVersion>()
            .map_err(|_| unknown())?
            .with_kind(&object.kind);
        let found =
            match tokio::time::timeout(write.timeout, discovery::pinned_kind(&write.client, &gvk))
                .await
            {
                Err(_) => return Err(ActionError::Timeout(write.timeout)),
                Ok(Ok(found)) => found,
                // An unknown group or version is a 404; a known one without the kind, a discovery error.
                Ok(Err(kube::Error::Api(status))) if status.code == 404 => return Err(unknown()),
                Ok(Err(kube::Error::Discovery(_))) => return Err(unknown()),
                Ok(Err(other)) => return Err(ActionError::from(other)),
            };
        self.0.insert(key, found.clone());
        Ok(found)
    }
}

/// `statefulset.apps/mehdb`, `persistentvolume/data`: kubectl's way to name an object.
pub(super) fn reference(resource: &ApiResource, name: &str) -> String {
    let kind = resource.kind.to_lowercase();
    let name = sanitize::line(name);
    if resource.group.is_empty() {
        format!("{kind}/{name}")
    } else {
        format!("{kind}.{}/{name}", resource.group)
    }
}
