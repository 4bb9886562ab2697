//! Every manifest in examples/ works on the lab as-is and shows what its
//! header says to watch. Applied with the lab's kubectl, checked through kube-rs.

mod common;

use std::time::Duration;

use common::{PodRecorder, PodStep, TestNamespace, has, is_ready, wait_for};
use futures::{StreamExt, TryStreamExt};
use k8s_openapi::api::apps::v1::StatefulSet;
use k8s_openapi::api::core::v1::{Event, PersistentVolume, PersistentVolumeClaim, Pod};
use k8s_openapi::api::storage::v1::StorageClass;
use kube::Api;
use kube::api::LogParams;
use kube::runtime::{WatchStreamExt, watcher};

const LIMIT: Duration = Duration::from_secs(120);

fn example(name: &str) -> String {
    common::repo()
        .join("examples")
        .join(name)
        .display()
        .to_string()
}

fn claim_phase(pvc: Option<&PersistentVolumeClaim>) -> Option<&str> {
    pvc?.status.as_ref()?.phase.as_deref()
}

async fn bound_volume(ns: &TestNamespace, claim: &str) -> String {
    let claims: Api<PersistentVolumeClaim> = ns.api();
    wait_for(claims.clone(), claim, LIMIT, |c| {
        claim_phase(c) == Some("Bound")
    })
    .await;
    claims
        .get(claim)
        .await
        .unwrap()
        .spec
        .unwrap()
        .volume_name
        .unwrap()
}

async fn revision_of(pods: &Api<Pod>, name: &str) -> String {
    let pod = pods.get(name).await.unwrap();
    pod.metadata.labels.unwrap()["controller-revision-hash"].clone()
}

#[tokio::test]
async fn web_starts_in_order_with_a_claim_per_pod() {
    let ns = TestNamespace::new("ex-web").await;
    let mut pods = PodRecorder::start(&ns);
    ns.kubectl(&["apply", "-f", &example("web.yaml")]);
    pods.until(LIMIT, "web-1 Ready", |e| has(e, "web-1", PodStep::Ready))
        .await;
    let web0_ready = pods
        .position("web-0", PodStep::Ready)
        .expect("web-0 became Ready");
    let web1_created = pods
        .position("web-1", PodStep::Created)
        .expect("web-1 was created");
    assert!(web0_ready < web1_created, "{:#?}", pods.events);
    assert_ne!(
        bound_volume(&ns, "www-web-0").await,
        bound_volume(&ns, "www-web-1").await
    );
}

#[tokio::test]
async fn mehdb_holds_readiness_back_and_scales_in_order() {
    let ns = TestNamespace::new("ex-mehdb").await;
    let mut pods = PodRecorder::start(&ns);
    ns.kubectl(&["apply", "-f", &example("mehdb.yaml")]);
    pods.until(LIMIT, "mehdb-1 Ready", |e| {
        has(e, "mehdb-1", PodStep::Ready)
    })
    .await;
    let pod_api: Api<Pod> = ns.api();
    let pod = pod_api.get("mehdb-1").await.unwrap();
    let status = pod.status.unwrap();
    let started = status.start_time.unwrap().0;
    let ready = status
        .conditions
        .unwrap()
        .into_iter()
        .find(|c| c.type_ == "Ready")
        .unwrap()
        .last_transition_time
        .unwrap()
        .0;
    let held = ready.duration_since(started).as_secs();
    assert!(
        held >= 7,
        "Ready came {held}s after the start, the example asks 8s"
    );
    for ordinal in 0..2 {
        bound_volume(&ns, &format!("data-mehdb-{ordinal}")).await;
    }
    // In order: up, each after the one before is Ready; down, the highest first.
    let order = |pods: &common::PodRecorder, a: &str, a_step, b: &str, b_step| {
        let (x, y) = (pods.position(a, a_step), pods.position(b, b_step));
        assert!(
            matches!((x, y), (Some(x), Some(y)) if x < y),
            "{a} {a_step:?} before {b} {b_step:?}: {:#?}",
            pods.events
        );
    };
    order(
        &pods,
        "mehdb-0",
        PodStep::Ready,
        "mehdb-1",
        PodStep::Created,
    );
    common::scale(&ns, "mehdb", 3).await;
    pods.until(LIMIT, "mehdb-2 Ready", |e| {
        has(e, "mehdb-2", PodStep::Ready)
    })
    .await;
    order(
        &pods,
        "mehdb-1",
        PodStep::Ready,
        "mehdb-2",
        PodStep::Created,
    );
    common::scale(&ns, "mehdb", 1).await;
    pods.until(LIMIT, "mehdb-1 gone", |e| has(e, "mehdb-1", PodStep::Gone))
        .await;
    order(
        &pods,
        "mehdb-2",
        PodStep::Gone,
        "mehdb-1",
        PodStep::Terminating,
    );
    assert!(!has(&pods.events, "mehdb-0", PodStep::Terminating));
}

#[tokio::test]
async fn billing_pods_log_their_own_host_on_the_retain_class() {
    let ns = TestNamespace::new("ex-billing").await;
    ns.kubectl(&["apply", "-f", &example("billing.yaml")]);
    let pod_api: Api<Pod> = ns.api();
    wait_for(pod_api.clone(), "billing-stateful-2", LIMIT, |p| {
        p.is_some_and(is_ready)
    })
    .await;
    let volume = bound_volume(&ns, "logs-billing-stateful-1").await;
    let pv = Api::<PersistentVolume>::all(ns.client.clone())
        .get(&volume)
        .await
        .unwrap();
    assert_eq!(
        pv.spec.unwrap().persistent_volume_reclaim_policy.as_deref(),
        Some("Retain")
    );

    // The pod writes a billing line after its start line: wait for one.
    let deadline = std::time::Instant::now() + LIMIT;
    let log = loop {
        let log = pod_api
            .logs("billing-stateful-1", &LogParams::default())
            .await
            .unwrap();
        if log
            .lines()
            .any(|l| l.contains("host billing-stateful-1, client "))
        {
            break log;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no billing line: {log}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    // Every line of that log (and there are some now) names its own pod.
    assert!(!log.contains("billing-stateful-0"), "{log}");
}

#[tokio::test]
async fn two_pods_share_the_standalone_claim() {
    let ns = TestNamespace::new("ex-pvc").await;
    ns.kubectl(&["apply", "-f", &example("pvc-pod.yaml")]);
    bound_volume(&ns, "sandwich-ingridients").await;
    let pod_api: Api<Pod> = ns.api();
    for name in ["sandwich", "sandwich-2"] {
        wait_for(pod_api.clone(), name, LIMIT, |p| p.is_some_and(is_ready)).await;
    }
    // Deleting the claim while pods use it leaves it Terminating, held by pvc-protection.
    ns.kubectl(&["delete", "pvc", "sandwich-ingridients", "--wait=false"]);
    let claims: Api<PersistentVolumeClaim> = ns.api();
    let claim = claims.get("sandwich-ingridients").await.unwrap();
    assert!(claim.metadata.deletion_timestamp.is_some());
    assert!(
        claim
            .metadata
            .finalizers
            .unwrap_or_default()
            .contains(&"kubernetes.io/pvc-protection".to_string())
    );
}

/// Cluster-scoped objects of the static example, removed even when the test fails.
struct StaticVolumes(kube::Client);

impl Drop for StaticVolumes {
    fn drop(&mut self) {
        let config_path =
            common::repo().join("target/lab/state/kwok/clusters/stsdash/kubeconfig.yaml");
        let _ = common::kubectl(&config_path)
            .args([
                "delete",
                "pv",
                "nginx2-pv-volume",
                "nginx22-pv-volume",
                "--ignore-not-found",
                "--wait=false",
            ])
            .output();
        let _ = common::kubectl(&config_path)
            .args([
                "delete",
                "storageclass",
                "my-storage-class",
                "--ignore-not-found",
            ])
            .output();
        let _ = &self.0;
    }
}

#[tokio::test]
async fn static_volumes_bind_and_a_third_claim_stays_pending() {
    let ns = TestNamespace::new("ex-static").await;
    // The volumes have fixed names: an earlier run's may still be on their way out.
    let pvs: Api<PersistentVolume> = Api::all(ns.client.clone());
    for name in ["nginx2-pv-volume", "nginx22-pv-volume"] {
        wait_for(pvs.clone(), name, LIMIT, |pv| pv.is_none()).await;
    }
    let _cleanup = StaticVolumes(ns.client.clone());
    ns.kubectl(&["apply", "-f", &example("static-pv.yaml")]);
    let mut volumes = vec![
        bound_volume(&ns, "www-web2-0").await,
        bound_volume(&ns, "www-web2-1").await,
    ];
    volumes.sort();
    assert_eq!(volumes, ["nginx2-pv-volume", "nginx22-pv-volume"]);
    let pod_api: Api<Pod> = ns.api();
    wait_for(pod_api.clone(), "web2-1", LIMIT, |p| {
        p.is_some_and(is_ready)
    })
    .await;

    ns.kubectl(&["scale", "sts", "web2", "--replicas=3"]);
    // The claim cannot be provisioned: no volume is left and the class has no provisioner.
    let events: Api<Event> = ns.api();
    let config = watcher::Config::default().fields("involvedObject.name=www-web2-2");
    let first = tokio::time::timeout(
        LIMIT,
        watcher(events, config).applied_objects().boxed().try_next(),
    )
    .await
    .expect("an event about www-web2-2")
    .unwrap()
    .unwrap();
    assert_eq!(
        first.reason.as_deref(),
        Some("ProvisioningFailed"),
        "{first:?}"
    );
    let claims: Api<PersistentVolumeClaim> = ns.api();
    assert_eq!(
        claim_phase(claims.get("www-web2-2").await.ok().as_ref()),
        Some("Pending")
    );
    // The controller creates the claim before the pod: wait for the pod, then see it held.
    wait_for(pod_api.clone(), "web2-2", LIMIT, |p| p.is_some()).await;
    let pod = pod_api.get("web2-2").await.unwrap();
    assert_eq!(pod.status.unwrap().phase.as_deref(), Some("Pending"));
    assert!(
        pod.spec.unwrap().node_name.is_none(),
        "not scheduled: its claim is unbound"
    );
    assert!(
        Api::<StorageClass>::all(ns.client.clone())
            .get("my-storage-class")
            .await
            .is_ok()
    );
}

#[tokio::test]
async fn parallel_creates_every_pod_at_once() {
    let ns = TestNamespace::new("ex-parallel").await;
    let mut pods = PodRecorder::start(&ns);
    ns.kubectl(&["apply", "-f", &example("parallel.yaml")]);
    pods.until(LIMIT, "db-2 Ready", |e| has(e, "db-2", PodStep::Ready))
        .await;
    let first_ready = pods
        .events
        .iter()
        .position(|e| e.step == PodStep::Ready)
        .unwrap();
    for ordinal in 0..3 {
        assert!(
            pods.position(&format!("db-{ordinal}"), PodStep::Created)
                .unwrap()
                < first_ready
        );
    }
}

#[tokio::test]
async fn retention_delete_removes_the_claims_of_removed_ordinals() {
    let ns = TestNamespace::new("ex-retention").await;
    ns.kubectl(&["apply", "-f", &example("retention-delete.yaml")]);
    let pod_api: Api<Pod> = ns.api();
    wait_for(pod_api.clone(), "cache-2", LIMIT, |p| {
        p.is_some_and(is_ready)
    })
    .await;
    ns.kubectl(&["scale", "sts", "cache", "--replicas=1"]);
    let claims: Api<PersistentVolumeClaim> = ns.api();
    for gone in ["data-cache-2", "data-cache-1"] {
        wait_for(claims.clone(), gone, LIMIT, |c| c.is_none()).await;
    }
    assert_eq!(
        claim_phase(claims.get("data-cache-0").await.ok().as_ref()),
        Some("Bound")
    );
}

#[tokio::test]
async fn rolling_update_goes_from_the_highest_ordinal_down_and_stops_at_the_partition() {
    let ns = TestNamespace::new("ex-rolling").await;
    let mut pods = PodRecorder::start(&ns);
    ns.kubectl(&["apply", "-f", &example("rolling-update.yaml")]);
    pods.until(LIMIT, "mongo-2 Ready", |e| {
        has(e, "mongo-2", PodStep::Ready)
    })
    .await;
    let sts: Api<StatefulSet> = ns.api();
    let pod_api: Api<Pod> = ns.api();
    let first = revision_of(&pod_api, "mongo-0").await;

    ns.kubectl(&["apply", "-f", &example("rolling-update-v2.yaml")]);
    pods.until(LIMIT, "mongo-0 replaced and Ready", |e| {
        let replaced = e
            .iter()
            .position(|ev| ev.name == "mongo-0" && ev.step == PodStep::Gone);
        replaced.is_some_and(|at| has(&e[at..], "mongo-0", PodStep::Ready))
    })
    .await;
    wait_for(sts.clone(), "mongo", LIMIT, |s| {
        s.and_then(|s| s.status.as_ref()).is_some_and(|st| {
            st.update_revision.is_some()
                && st.current_revision == st.update_revision
                && st.updated_replicas == Some(3)
                && st.ready_replicas == Some(3)
        })
    })
    .await;
    let terminating: Vec<_> = pods
        .events
        .iter()
        .filter(|e| e.step == PodStep::Terminating)
        .map(|e| e.name.as_str())
        .collect();
    assert_eq!(terminating, ["mongo-2", "mongo-1", "mongo-0"]);
    let second = revision_of(&pod_api, "mongo-0").await;
    assert_ne!(first, second);

    ns.kubectl(&["apply", "-f", &example("rolling-update-partition.yaml")]);
    wait_for(sts.clone(), "mongo", LIMIT, |s| {
        s.and_then(|s| s.status.as_ref())
            .is_some_and(|st| st.updated_replicas == Some(1) && st.ready_replicas == Some(3))
    })
    .await;
    let third = revision_of(&pod_api, "mongo-2").await;
    assert_ne!(third, second);
    assert_eq!(revision_of(&pod_api, "mongo-1").await, second);
    assert_eq!(revision_of(&pod_api, "mongo-0").await, second);
}
