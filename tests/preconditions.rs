//! The API server's own checks behind every action, on the lab: a scale or a
//! delete sent with the UID of an object that was replaced meanwhile (the
//! model had not seen it yet) is refused by the server, and a shell is not
//! opened in a pod that is not the incarnation `e` chose.

mod common;

use std::time::Duration;

use k8s_openapi::api::apps::v1::StatefulSet;
use k8s_openapi::api::core::v1::Pod;
use stsdash::cluster::actions::{ActionError, delete_pod, scale};
use stsdash::cluster::exec;
use stsdash::model::{Action, Key, Refusal};

use common::{TestNamespace, create_web, wait_for};

const LIMIT: Duration = Duration::from_secs(90);

async fn uid_of_pod(ns: &TestNamespace, name: &str) -> Option<String> {
    ns.api::<Pod>().get_opt(name).await.unwrap()?.metadata.uid
}

async fn replicas(ns: &TestNamespace) -> Option<i32> {
    ns.api::<StatefulSet>()
        .get("web")
        .await
        .unwrap()
        .spec?
        .replicas
}

#[tokio::test]
async fn a_stale_uid_is_refused_by_the_api_server() {
    let ns = TestNamespace::new("precond").await;
    let write = ns.write_access().await;
    create_web(&ns, 1, "OrderedReady", None).await;
    let pods = ns.api::<Pod>();
    wait_for(pods.clone(), "web-0", LIMIT, |p| {
        p.is_some_and(common::is_ready)
    })
    .await;
    let web0 = Key::new(ns.name.as_str(), "web-0");

    // The pod: deleted and created again; the old UID no longer names anything.
    let (first, second) = common::replace_pod(&ns, "web-0").await;
    let refused = delete_pod(&write, &web0, &first).await;
    assert!(
        matches!(refused, Err(ActionError::Conflict(_))),
        "{refused:?}"
    );
    assert_eq!(
        uid_of_pod(&ns, "web-0").await.as_deref(),
        Some(second.as_str())
    );
    let pod = pods.get("web-0").await.unwrap();
    assert!(
        pod.metadata.deletion_timestamp.is_none(),
        "the new web-0 is not being deleted"
    );

    // A shell: asked of the server right before it opens.
    let said = exec::still(&write, &web0, &first).await.unwrap();
    let replaced = Refusal::Replaced {
        was: first.as_str().into(),
        now: second.as_str().into(),
    };
    assert_eq!(said, Err(replaced.clone()));
    let shell = Action::Exec {
        pod: web0.clone(),
        uid: first.as_str().into(),
        container: "nginx".into(),
    };
    assert_eq!(
        replaced.said(&shell),
        format!(
            "web-0 was replaced since you pressed e (uid {} → {})",
            &first[..8],
            &second[..8]
        )
    );
    assert_eq!(exec::still(&write, &web0, &second).await.unwrap(), Ok(()));

    // The StatefulSet: deleted (its pods kept) and created again.
    let (old_uid, new_uid) = common::replace_statefulset(&ns, "web").await;
    let sts = Key::new(ns.name.as_str(), "web");
    let refused = scale(&write, &sts, &old_uid, 3).await;
    assert!(
        matches!(refused, Err(ActionError::Conflict(_))),
        "{refused:?}"
    );
    assert_eq!(replicas(&ns).await, Some(1));
    // With the UID of the StatefulSet as it is, the same scale goes through.
    scale(&write, &sts, &new_uid, 3).await.expect("scaled");
    assert_eq!(replicas(&ns).await, Some(3));
}
