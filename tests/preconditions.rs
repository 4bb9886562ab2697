//! The API server's own checks behind every action, on the lab: a scale or a
//! delete sent with the UID of an object that was replaced meanwhile (the
//! model had not seen it yet) is refused by the server, and a shell is not
//! opened in a pod that is not the incarnation `e` chose.

mod common;

use std::time::Duration;

use k8s_openapi::api::apps::v1::StatefulSet;
use k8s_openapi::api::core::v1::Pod;
use kube::api::{DeleteParams, ObjectMeta, PostParams};
use stsdash::cluster::actions::{ActionError, delete_pod, scale};
use stsdash::cluster::exec;
use stsdash::model::Key;

use common::{TestNamespace, create_web, wait_for};

const LIMIT: Duration = Duration::from_secs(90);

async fn uid_of_pod(ns: &TestNamespace, name: &str) -> Option<String> {
    ns.api::<Pod>().get_opt(name).await.unwrap()?.metadata.uid
}

#[tokio::test]
async fn a_stale_uid_is_refused_by_the_api_server() {
    let ns = TestNamespace::new("precond").await;
    create_web(&ns, 1, "OrderedReady", None).await;
    let pods = ns.api::<Pod>();
    wait_for(pods.clone(), "web-0", LIMIT, |p| {
        p.is_some_and(common::is_ready)
    })
    .await;
    let web0 = Key::new(ns.name.as_str(), "web-0");

    // The pod: deleted and created again; the old UID no longer names anything.
    let first = uid_of_pod(&ns, "web-0").await.unwrap();
    pods.delete("web-0", &DeleteParams::default())
        .await
        .unwrap();
    let second = loop {
        if let Some(now) = uid_of_pod(&ns, "web-0").await.filter(|u| *u != first) {
            break now;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    let refused = delete_pod(&ns.client, &web0, &first).await;
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
    let said = exec::still(&ns.client, &web0, &first).await.unwrap();
    assert_eq!(
        said,
        Err(format!(
            "web-0 was replaced since you pressed e (uid {} → {})",
            &first[..8],
            &second[..8]
        ))
    );
    assert_eq!(
        exec::still(&ns.client, &web0, &second).await.unwrap(),
        Ok(())
    );

    // The StatefulSet: deleted (its pods kept) and created again.
    let statefulsets = ns.api::<StatefulSet>();
    let old = statefulsets.get("web").await.unwrap();
    let old_uid = old.metadata.uid.clone().unwrap();
    statefulsets
        .delete("web", &DeleteParams::orphan())
        .await
        .unwrap();
    wait_for(statefulsets.clone(), "web", LIMIT, |s| s.is_none()).await;
    let mut again = old;
    again.metadata = ObjectMeta {
        name: Some("web".into()),
        ..Default::default()
    };
    again.status = None;
    statefulsets
        .create(&PostParams::default(), &again)
        .await
        .unwrap();
    let sts = Key::new(ns.name.as_str(), "web");
    let refused = scale(&ns.client, &sts, &old_uid, 3).await;
    assert!(
        matches!(refused, Err(ActionError::Conflict(_))),
        "{refused:?}"
    );
    let replicas = statefulsets
        .get("web")
        .await
        .unwrap()
        .spec
        .unwrap()
        .replicas;
    assert_eq!(replicas, Some(1));
    // With the UID of the StatefulSet as it is, the same scale goes through.
    let new_uid = statefulsets.get("web").await.unwrap().metadata.uid.unwrap();
    scale(&ns.client, &sts, &new_uid, 3).await.expect("scaled");
    let replicas = statefulsets
        .get("web")
        .await
        .unwrap()
        .spec
        .unwrap()
        .replicas;
    assert_eq!(replicas, Some(3));
}
