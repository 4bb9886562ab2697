//! The lab itself: the real controllers, driven through kube-rs, behave as the
//! StatefulSet labs describe. Each test has its own namespace in the lab.

mod common;

use std::time::Duration;

use common::{PodStep, TestNamespace, create_web, has, is_ready, wait_for};
use futures::{AsyncBufReadExt, TryStreamExt};
use k8s_openapi::api::core::v1::{PersistentVolume, PersistentVolumeClaim, Pod};
use kube::api::{AttachParams, DeleteParams, ListParams, LogParams};
use kube::{Api, Client};

const LIMIT: Duration = Duration::from_secs(90);

fn claim_bound(pvc: Option<&PersistentVolumeClaim>) -> bool {
    pvc.and_then(|p| p.status.as_ref())
        .and_then(|s| s.phase.as_deref())
        == Some("Bound")
}

#[tokio::test]
async fn ordered_creation_waits_for_the_previous_ordinal_to_be_ready() {
    let ns = TestNamespace::new("ordered").await;
    let mut pods = common::PodRecorder::start(&ns);
    create_web(&ns, 3, "OrderedReady", None).await;
    pods.until(LIMIT, "web-2 Ready", |e| has(e, "web-2", PodStep::Ready))
        .await;

    let created_1 = pods.position("web-1", PodStep::Created).unwrap();
    let created_2 = pods.position("web-2", PodStep::Created).unwrap();
    assert!(
        pods.position("web-0", PodStep::Ready).unwrap() < created_1,
        "{:#?}",
        pods.events
    );
    assert!(
        pods.position("web-1", PodStep::Ready).unwrap() < created_2,
        "{:#?}",
        pods.events
    );
}

#[tokio::test]
async fn every_template_claim_binds_to_a_dynamically_provisioned_volume_of_the_default_class() {
    let ns = TestNamespace::new("claims").await;
    create_web(&ns, 2, "OrderedReady", None).await;
    let claims: Api<PersistentVolumeClaim> = ns.api();
    let volumes: Api<PersistentVolume> = Api::all(ns.client.clone());
    for ordinal in 0..2 {
        let name = format!("www-web-{ordinal}");
        wait_for(claims.clone(), &name, LIMIT, claim_bound).await;
        let claim = claims.get(&name).await.unwrap();
        let spec = claim.spec.unwrap();
        assert_eq!(spec.storage_class_name.as_deref(), Some("standard"));
        let volume = volumes.get(&spec.volume_name.unwrap()).await.unwrap();
        let annotations = volume.metadata.annotations.unwrap_or_default();
        assert_eq!(
            annotations
                .get("pv.kubernetes.io/provisioned-by")
                .map(String::as_str),
            Some("kubernetes.io/host-path"),
            "the volume was provisioned dynamically"
        );
        let vspec = volume.spec.unwrap();
        assert_eq!(vspec.storage_class_name.as_deref(), Some("standard"));
        assert_eq!(
            vspec.persistent_volume_reclaim_policy.as_deref(),
            Some("Delete")
        );
        let claim_ref = vspec.claim_ref.unwrap();
        assert_eq!(claim_ref.name.as_deref(), Some(name.as_str()));
        assert_eq!(claim_ref.namespace.as_deref(), Some(ns.name.as_str()));
    }
}

#[tokio::test]
async fn scaling_down_removes_the_highest_ordinal_first_and_keeps_every_claim() {
    let ns = TestNamespace::new("scaledown").await;
    let mut pods = common::PodRecorder::start(&ns);
    create_web(&ns, 3, "OrderedReady", None).await;
    pods.until(LIMIT, "web-2 Ready", |e| has(e, "web-2", PodStep::Ready))
        .await;

    common::scale(&ns, "web", 1).await;
    pods.until(LIMIT, "web-1 gone", |e| has(e, "web-1", PodStep::Gone))
        .await;

    let web2_gone = pods.position("web-2", PodStep::Gone).unwrap();
    let web1_terminating = pods.position("web-1", PodStep::Terminating).unwrap();
    assert!(web2_gone < web1_terminating, "{:#?}", pods.events);
    assert!(!has(&pods.events, "web-0", PodStep::Terminating));

    let claims: Api<PersistentVolumeClaim> = ns.api();
    let names: Vec<_> = claims
        .list(&ListParams::default())
        .await
        .unwrap()
        .items
        .into_iter()
        .filter(|c| claim_bound(Some(c)))
        .map(|c| c.metadata.name.unwrap())
        .collect();
    assert_eq!(names, ["www-web-0", "www-web-1", "www-web-2"]);
}

#[tokio::test]
async fn a_deleted_pod_comes_back_with_a_new_uid_and_the_same_claim() {
    let ns = TestNamespace::new("recreate").await;
    let mut pods = common::PodRecorder::start(&ns);
    create_web(&ns, 1, "OrderedReady", None).await;
    pods.until(LIMIT, "web-0 Ready", |e| has(e, "web-0", PodStep::Ready))
        .await;
    let claims: Api<PersistentVolumeClaim> = ns.api();
    let volume_before = claims
        .get("www-web-0")
        .await
        .unwrap()
        .spec
        .unwrap()
        .volume_name;

    let pod_api: Api<Pod> = ns.api();
    let old_uid = pod_api.get("web-0").await.unwrap().metadata.uid.unwrap();
    pod_api
        .delete("web-0", &DeleteParams::default())
        .await
        .unwrap();
    pods.until(LIMIT, "a new web-0 Ready", |e| {
        e.iter()
            .any(|ev| ev.name == "web-0" && ev.uid != old_uid && ev.step == PodStep::Ready)
    })
    .await;

    let pod = pod_api.get("web-0").await.unwrap();
    assert_ne!(pod.metadata.uid.as_deref(), Some(old_uid.as_str()));
    let claim_names: Vec<_> = pod
        .spec
        .unwrap()
        .volumes
        .unwrap_or_default()
        .into_iter()
        .filter_map(|v| v.persistent_volume_claim.map(|c| c.claim_name))
        .collect();
    assert_eq!(claim_names, ["www-web-0"]);
    let volume_after = claims
        .get("www-web-0")
        .await
        .unwrap()
        .spec
        .unwrap()
        .volume_name;
    assert_eq!(volume_before, volume_after, "the claim keeps its volume");
}

#[tokio::test]
async fn parallel_policy_creates_all_pods_without_waiting() {
    let ns = TestNamespace::new("parallel").await;
    let mut pods = common::PodRecorder::start(&ns);
    // Readiness held back long enough that waiting would show.
    create_web(&ns, 3, "Parallel", Some("20s")).await;
    pods.until(LIMIT, "three pods created", |e| {
        (0..3).all(|i| has(e, &format!("web-{i}"), PodStep::Created))
    })
    .await;
    assert!(
        !pods.events.iter().any(|e| e.step == PodStep::Ready),
        "all pods exist before any is Ready: {:#?}",
        pods.events
    );
}

#[tokio::test]
async fn a_log_streams_with_follow_and_names_its_pod_and_exec_returns_output() {
    let ns = TestNamespace::new("logexec").await;
    create_web(&ns, 1, "OrderedReady", None).await;
    let pod_api: Api<Pod> = ns.api();
    wait_for(pod_api.clone(), "web-0", LIMIT, |p| p.is_some_and(is_ready)).await;

    // None of what is already there (tail 0), each line with its time: the
    // three read were all written after the stream opened.
    let params = LogParams {
        follow: true,
        timestamps: true,
        tail_lines: Some(0),
        ..Default::default()
    };
    let opened = k8s_openapi::jiff::Timestamp::now();
    let mut lines = pod_api.log_stream("web-0", &params).await.unwrap().lines();
    let mut seen = Vec::new();
    while seen.len() < 3 {
        let line = tokio::time::timeout(Duration::from_secs(30), lines.try_next())
            .await
            .expect("a new log line within 30s")
            .unwrap()
            .expect("the stream stays open");
        seen.push(line);
    }
    for line in &seen {
        let (time, text) = line.split_once(' ').expect("a timestamp, then the line");
        let written: k8s_openapi::jiff::Timestamp = time.parse().expect(line);
        assert!(written >= opened, "{line} was there before {opened}");
        assert!(text.contains("host web-0"), "{seen:?}");
    }

    let attached = pod_api
        .exec(
            "web-0",
            ["sh", "-c", "echo out-$POD_NAME; hostname"],
            &AttachParams::default().stderr(false),
        )
        .await
        .unwrap();
    let output = read_all(attached).await;
    assert_eq!(output, "out-web-0\nweb-0\n");
}

async fn read_all(mut attached: kube::api::AttachedProcess) -> String {
    let mut stdout = attached.stdout().unwrap();
    let mut out = String::new();
    tokio::io::AsyncReadExt::read_to_string(&mut stdout, &mut out)
        .await
        .unwrap();
    attached.join().await.unwrap();
    out
}

#[tokio::test]
async fn the_limited_user_lists_pods_in_its_namespace_and_is_refused_volumes() {
    let ns = TestNamespace::new("student").await;
    create_web(&ns, 1, "OrderedReady", None).await;
    let path = common::lab_user(&ns, None);
    let student = Client::try_from(common::config_from(&path).await).unwrap();

    let pods: Api<Pod> = Api::namespaced(student.clone(), &ns.name);
    wait_for(pods.clone(), "web-0", LIMIT, |p| p.is_some()).await;
    let listed = pods.list(&ListParams::default()).await.unwrap();
    assert_eq!(listed.items.len(), 1);

    let volumes: Api<PersistentVolume> = Api::all(student.clone());
    match volumes.list(&ListParams::default()).await {
        Err(kube::Error::Api(status)) => assert_eq!(status.code, 403, "{status:?}"),
        other => panic!("listing PersistentVolumes should be forbidden, got {other:?}"),
    }
    let elsewhere: Api<Pod> = Api::namespaced(student, "default");
    match elsewhere.list(&ListParams::default()).await {
        Err(kube::Error::Api(status)) => assert_eq!(status.code, 403, "{status:?}"),
        other => panic!("listing pods of another namespace should be forbidden, got {other:?}"),
    }
}

/// `lab/demo` opens the dashboard before the StatefulSet exists and only then
/// applies it, so the ordered start plays on screen: the narration has the
/// StatefulSet's creation (seen live, not listed), web-0 created first, then
/// web-1 once web-0 is Ready, and both rows end Ready.
#[tokio::test]
async fn the_demo_opens_the_dashboard_before_the_statefulset_exists() {
    let demo = common::repo().join("lab/demo");
    let command = format!(
        "STSDASH={} {}; echo demo-exited-$?; sleep 60",
        env!("CARGO_BIN_EXE_stsdash"),
        demo.display()
    );
    let tmux = common::Tmux::start_sized("lab-demo", &command, 160, 60);
    let limit = Duration::from_secs(120);
    // Each line is looked for while it is on screen: the narration is newest
    // first, and a fast lab pushes the first lines out of the pane.
    for line in [
        "StatefulSet web created: 2 replicas",
        "web-0 created: ordinal 0 comes first",
        "web-1 created: web-0 is Ready",
    ] {
        tmux.until(limit, line, |s| s.contains(line));
    }
    tmux.until(limit, "both rows Ready", |s| {
        s.lines().filter(|l| l.contains("Y Ready")).count() == 2
    });
    tmux.keys("q");
    tmux.until(Duration::from_secs(10), "exit", |s| {
        s.contains("demo-exited-0")
    });
}
