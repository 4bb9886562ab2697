//! Property tests: whatever the cluster sends or a recording holds (escape
//! sequences, invalid UTF-8, huge numbers and times, empty and 1,000-character
//! names), the recording reader, the model, every view, the dump and a full
//! frame at several sizes never panic, and nothing but printable text comes
//! out of them. The cases per test are set so that the file runs more than
//! 100,000 cases in all (see `CASES`).

use std::io::Cursor;
use std::path::Path;

use std::io::Write as _;
use std::sync::atomic::{AtomicUsize, Ordering};

use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde_json::{Value, json};

use stsdash::app::{dump, recording};
use stsdash::model::log::{LineSplitter, MAX_LINE_BYTES};
use stsdash::model::{ClusterEvent, Kind, Model, Scope, views};
use stsdash::ui::{self, Dialog, LogMode, Pane, Theme, ViewState};

/// Cases per test: reader, splitter, model and views, frames.
const CASES: [u32; 4] = [35_000, 35_000, 20_000, 12_000];

// ----- what the cluster or a recording may hold -----

/// Strings meant to hurt: escape sequences, controls, bidi overrides, wide
/// characters, nothing, a lot.
fn nasty() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("x".repeat(1000)),
        Just("\x1b[2J\x1b[31mred\x1b[0m".to_string()),
        Just("\x1b]52;c;aGk=\x07clip".to_string()),
        Just("\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\".to_string()),
        Just("\x1bPdcs\x1b\\".to_string()),
        Just("bell\x07\r\n\t\u{8}".to_string()),
        Just("\u{9b}31m\u{9d}osc".to_string()),
        Just("abc\u{202e}fed\u{2066}".to_string()),
        Just("データベース".to_string()),
        Just("e\u{301}\u{301}\u{301}".to_string()),
        Just("\u{1b}".to_string()),
        "\\PC{0,12}",
        any::<String>(),
    ]
}

/// Names: mostly of the StatefulSet "web" (so objects meet), sometimes nasty.
fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => (0u32..4).prop_map(|o| format!("web-{o}")),
        2 => Just("web".to_string()),
        1 => (0u32..4).prop_map(|o| format!("www-web-{o}")),
        1 => Just("pvc-データベース-0000-1111".to_string()),
        1 => nasty(),
    ]
}

fn uid() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => (0u32..6).prop_map(|n| format!("uid-{n}")),
        1 => nasty()
    ]
}

fn number() -> impl Strategy<Value = i64> {
    prop_oneof![
        4 => -2i64..6,
        1 => Just(i64::from(i32::MAX)),
        1 => Just(i64::from(i32::MIN)),
        1 => Just(i64::MAX),
        1 => any::<i64>(),
    ]
}

/// A valid time, from the first to the last a timestamp holds (or none):
/// an unparsable one makes the whole object unreadable, so those come in
/// the separate stream of malformed lines (`malformed`).
fn time() -> impl Strategy<Value = Value> {
    prop_oneof![
        4 => (0u32..59).prop_map(|s| json!(format!("2026-01-01T00:00:{s:02}Z"))),
        1 => Just(json!("9999-12-30T00:00:00Z")),
        1 => Just(json!("0001-01-01T00:00:00Z")),
        1 => Just(json!("-009999-01-03T00:00:00Z")),
        1 => Just(Value::Null),
    ]
}

/// An object line the reader must refuse: a time out of range or not a time.
fn malformed() -> impl Strategy<Value = Value> {
    (
        object(),
        pick(&[
            "not a time",
            "9999-12-31T23:59:59Z",
            "-009999-01-01T00:00:00Z",
        ]),
    )
        .prop_map(|(object, bad)| {
            let mut line = with(json!({"type": "applied", "malformed": true}), object);
            line["object"]["metadata"]["creationTimestamp"] = bad;
            line
        })
}

fn maybe<T: Strategy<Value = Value>>(s: T) -> impl Strategy<Value = Value> {
    prop_oneof![1 => Just(Value::Null), 3 => s]
}

fn text() -> impl Strategy<Value = Value> {
    nasty().prop_map(Value::from)
}

fn pick(values: &'static [&'static str]) -> impl Strategy<Value = Value> {
    prop_oneof![
        4 => proptest::sample::select(values).prop_map(Value::from),
        1 => text(),
    ]
}

/// Names of one kind of object: mostly those that meet the others (the
/// StatefulSet "web", its pods and claims, a few volumes), sometimes nasty.
fn named(names: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop_oneof![
        8 => proptest::sample::select(names).prop_map(str::to_string),
        1 => nasty(),
    ]
}

const PODS: &[&str] = &["web-0", "web-1", "web-2", "web-3"];
const CLAIMS: &[&str] = &[
    "www-web-0",
    "www-web-1",
    "www-web-2",
    "www-web-3",
    "standalone",
];
const VOLUMES: &[&str] = &[
    "pv-0",
    "pv-1",
    "pvc-データベース-0000-1111",
    "pvc-9d652bd5-5112-4db6",
];

fn meta() -> impl Strategy<Value = Value> {
    meta_named(name())
}

fn meta_named(name: impl Strategy<Value = String>) -> impl Strategy<Value = Value> {
    (
        name,
        prop_oneof![8 => Just("demo".to_string()), 1 => nasty()],
        uid(),
        number(),
        time(),
        maybe(time()),
        maybe((0u32..4).prop_map(|o| json!(o.to_string()))),
        maybe(pick(&["web-1", "web-2"])),
        prop_oneof![3 => Just("web".to_string()), 1 => nasty()],
    )
        .prop_map(
            |(name, namespace, uid, rv, created, deleted, index, hash, owner)| {
                json!({
                    "name": name, "namespace": namespace, "uid": uid,
                    "resourceVersion": rv.to_string(),
                    "creationTimestamp": created, "deletionTimestamp": deleted,
                    "deletionGracePeriodSeconds": rv,
                    "labels": {"apps.kubernetes.io/pod-index": index,
                        "controller-revision-hash": hash, "kubernetes.io/service-name": "nginx"},
                    "annotations": {"pv.kubernetes.io/provisioned-by": owner,
                        "storageclass.kubernetes.io/is-default-class": "true"},
                    "ownerReferences": [{"kind": "StatefulSet", "name": owner, "controller": true}],
                    "finalizers": ["kubernetes.io/pvc-protection"],
                })
            },
        )
}

fn pod() -> impl Strategy<Value = Value> {
    (
        meta_named(named(PODS)),
        maybe(pick(&["node-1", "node-2"])),
        pick(&["Pending", "Running", "Succeeded", "Failed"]),
        maybe(pick(&["10.0.0.1", "10.0.0.2"])),
        pick(&["True", "False"]),
        time(),
        named(CLAIMS),
        any::<bool>(),
    )
        .prop_map(|(metadata, node, phase, ip, ready, at, claim, waiting)| {
            json!({
                "metadata": metadata,
                "spec": {"nodeName": node, "containers": [{"name": "nginx",
                    "volumeMounts": [{"name": "www", "mountPath": "/data"}]}],
                    "volumes": [{"name": "www", "persistentVolumeClaim": {"claimName": claim}}]},
                "status": {"phase": phase, "podIP": ip,
                    "conditions": [{"type": "Ready", "status": ready, "lastTransitionTime": at}],
                    "containerStatuses": [{"name": "nginx", "ready": false, "restartCount": 0,
                        "state": if waiting { json!({"waiting": {"reason": "ContainerCreating"}}) } else { json!({}) }}]}
            })
        })
}

/// Replicas: mostly a few, sometimes thousands or two billion.
fn replicas() -> impl Strategy<Value = i64> {
    prop_oneof![
        400 => -1i64..6,
        1 => Just(20_000),
        1 => number(),
    ]
}

fn statefulset() -> impl Strategy<Value = Value> {
    (
        meta_named(named(&["web"])),
        replicas(),
        pick(&["OrderedReady", "Parallel"]),
        number(),
        pick(&["Retain", "Delete"]),
        maybe(pick(&["web-1", "web-2"])),
        name(),
    )
        .prop_map(
            |(metadata, replicas, policy, partition, retain, revision, service)| {
                json!({
                    "metadata": metadata,
                    "spec": {"replicas": replicas.clamp(i64::from(i32::MIN), i64::from(i32::MAX)),
                        "serviceName": service, "podManagementPolicy": policy,
                        "updateStrategy": {"type": "RollingUpdate", "rollingUpdate": {
                            "partition": partition.clamp(i64::from(i32::MIN), i64::from(i32::MAX)),
                            "maxUnavailable": "25%"}},
                        "volumeClaimTemplates": [{"metadata": {"name": "www"},
                            "spec": {"storageClassName": "standard"}}],
                        "persistentVolumeClaimRetentionPolicy": {"whenDeleted": retain, "whenScaled": retain},
                        "selector": {"matchLabels": {"app": "nginx"}}},
                    "status": {"replicas": 1, "readyReplicas": 1, "currentRevision": "web-1",
                        "updateRevision": revision}
                })
            },
        )
}

fn claim() -> impl Strategy<Value = Value> {
    (
        meta_named(named(CLAIMS)),
        pick(&["Pending", "Bound", "Lost"]),
        maybe(named(VOLUMES).prop_map(Value::from)),
        text(),
    )
        .prop_map(|(metadata, phase, volume, size)| {
            json!({
                "metadata": metadata,
                "spec": {"accessModes": ["ReadWriteOnce"], "storageClassName": "standard",
                    "volumeName": volume, "resources": {"requests": {"storage": size}}},
                "status": {"phase": phase, "capacity": {"storage": "1Gi"}}
            })
        })
}

fn volume() -> impl Strategy<Value = Value> {
    (
        meta_named(named(VOLUMES)),
        pick(&["Available", "Bound", "Released", "Failed"]),
        named(CLAIMS),
        text(),
    )
        .prop_map(|(metadata, phase, claim, path)| {
            json!({
                "metadata": metadata,
                "spec": {"capacity": {"storage": "1Gi"}, "accessModes": ["ReadWriteOnce"],
                    "persistentVolumeReclaimPolicy": "Retain", "storageClassName": "standard",
                    "claimRef": {"namespace": "demo", "name": claim}, "hostPath": {"path": path},
                    "nodeAffinity": {"required": {"nodeSelectorTerms": [{"matchExpressions": [
                        {"key": "kubernetes.io/hostname", "operator": "In", "values": [path]}]}]}}},
                "status": {"phase": phase}
            })
        })
}

fn other_object() -> impl Strategy<Value = Value> {
    prop_oneof![
        meta().prop_map(|m| json!({"kind": "StorageClass", "object": {"metadata": m,
            "provisioner": "kubernetes.io/host-path", "volumeBindingMode": "WaitForFirstConsumer"}})),
        (meta(), pick(&["None", "10.0.0.9"])).prop_map(|(m, ip)| json!({"kind": "Service",
            "object": {"metadata": m, "spec": {"clusterIP": ip}}})),
        (meta(), name(), any::<bool>()).prop_map(|(m, pod, ready)| json!({"kind": "EndpointSlice",
            "object": {"metadata": m, "endpoints": [{"addresses": ["10.0.0.1"],
                "conditions": {"ready": ready}, "targetRef": {"kind": "Pod", "name": pod}}]}})),
        (meta(), number()).prop_map(|(m, r)| json!({"kind": "ControllerRevision",
            "object": {"metadata": m, "revision": r}})),
        (meta(), name(), text(), text(), time()).prop_map(|(m, about, reason, message, at)| {
            json!({"kind": "Event", "object": {"metadata": m, "type": "Warning",
                "involvedObject": {"kind": "Pod", "name": about, "namespace": "demo"},
                "reason": reason, "message": message, "lastTimestamp": at}})
        }),
    ]
}

fn object() -> impl Strategy<Value = Value> {
    prop_oneof![
        4 => pod().prop_map(|o| json!({"kind": "Pod", "object": o})),
        2 => statefulset().prop_map(|o| json!({"kind": "StatefulSet", "object": o})),
        2 => claim().prop_map(|o| json!({"kind": "PersistentVolumeClaim", "object": o})),
        2 => volume().prop_map(|o| json!({"kind": "PersistentVolume", "object": o})),
        2 => other_object(),
    ]
}

fn kind() -> impl Strategy<Value = Value> {
    proptest::sample::select(&Kind::ALL[..]).prop_map(|k| serde_json::to_value(k).unwrap())
}

fn action() -> impl Strategy<Value = Value> {
    (name(), uid(), number(), number()).prop_map(|(name, uid, from, to)| {
        json!({"action": "scale", "statefulset": {"namespace": "demo", "name": name},
            "uid": uid, "from": from.clamp(i64::from(i32::MIN), i64::from(i32::MAX)),
            "to": to.clamp(i64::from(i32::MIN), i64::from(i32::MAX))})
    })
}

/// One line of a recording: an event, as JSON.
fn event() -> impl Strategy<Value = Value> {
    let change = prop_oneof![
        6 => object().prop_map(|o| with(json!({"type": "applied"}), o)),
        1 => malformed(),
        2 => object().prop_map(|o| with(json!({"type": "deleted"}), o)),
        2 => object().prop_map(|o| with(json!({"type": "init_object"}), o)),
        1 => kind().prop_map(|k| json!({"type": "init_started", "kind": k})),
        2 => kind().prop_map(|k| json!({"type": "init_done", "kind": k})),
        1 => (kind(), text(), any::<bool>()).prop_map(|(k, m, f)| json!({"type": "watch_failed",
            "kind": k, "message": m, "forbidden": f})),
        1 => kind().prop_map(|k| json!({"type": "watch_resumed", "kind": k})),
        1 => maybe(text()).prop_map(|p| json!({"type": "server_health", "problem": p})),
        1 => (action(), text()).prop_map(|(a, m)| json!({"type": "action_failed", "action": a, "message": m})),
        1 => (action(), text()).prop_map(|(a, m)| json!({"type": "action_refused", "action": a, "reason": m})),
        1 => action().prop_map(|a| json!({"type": "action_taken", "action": a})),
        1 => (name(), uid(), proptest::collection::vec((text(), maybe(any::<i64>().prop_map(Value::from)), any::<u32>()), 0..4))
            .prop_map(|(pod, uid, lines)| json!({"type": "log_lines",
                "pod": {"namespace": "demo", "name": pod}, "uid": uid, "container": "nginx",
                "lines": lines.into_iter().map(|(t, time, cut)| json!({"text": t, "time": time, "cut": cut})).collect::<Vec<_>>()})),
    ];
    let at = prop_oneof![
        8 => (0i64..120_000).prop_map(|ms| 1_767_225_600_000 + ms),
        1 => Just(i64::MIN),
        1 => Just(i64::MAX),
        1 => any::<i64>(),
    ];
    (at, change).prop_map(|(at, change)| with(json!({"at": at}), change))
}

fn with(mut a: Value, b: Value) -> Value {
    if let (Value::Object(a), Value::Object(b)) = (&mut a, b) {
        a.extend(b);
    }
    a
}

/// Generated object events, and how many of them parsed and reached the
/// model: the hostile values must not make most cases test nothing.
static OBJECTS_GENERATED: AtomicUsize = AtomicUsize::new(0);
static OBJECTS_REACHED: AtomicUsize = AtomicUsize::new(0);

/// A model fed the events of `lines` that parse (as a recording's reader would take them).
fn model_of(lines: &[Value]) -> Model {
    let mut model = Model::new(Scope {
        namespace: Some("demo".into()),
        statefulset: None,
    });
    for line in lines {
        // The malformed stream is counted apart: it is meant not to parse.
        let is_object = line.get("object").is_some() && line.get("malformed").is_none();
        if is_object {
            OBJECTS_GENERATED.fetch_add(1, Ordering::Relaxed);
        }
        if let Ok(event) = serde_json::from_value::<ClusterEvent>(line.clone()) {
            if is_object {
                OBJECTS_REACHED.fetch_add(1, Ordering::Relaxed);
            }
            model.apply(event);
        }
    }
    model
}

/// Says how many generated objects reached the model; at least `share` of them must.
fn report_objects(share: f64) {
    let (generated, reached) = (
        OBJECTS_GENERATED.load(Ordering::Relaxed),
        OBJECTS_REACHED.load(Ordering::Relaxed),
    );
    let ratio = reached as f64 / generated.max(1) as f64;
    // Straight to standard error: the test harness would keep a println.
    let _ = writeln!(
        std::io::stderr(),
        "properties: {reached} of {generated} generated objects reached the model ({:.1} %)",
        ratio * 100.0
    );
    assert!(
        ratio >= share,
        "only {:.1} % of the generated objects parse: the cases test less than they seem",
        ratio * 100.0
    );
}

/// Printable text only: no escape, no control character but the newlines of a text dump.
fn assert_printable(what: &str, text: &str) {
    if let Some(c) = text.chars().find(|c| {
        (c.is_control() && *c != '\n')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    }) {
        panic!("{what} holds {c:?}: {text:?}");
    }
}

/// Runs `test` on `cases` values of `strategy`, on a thread with a stack deep
/// enough for the strategies' value trees in an unoptimized build; a failure
/// is shrunk (within CI's time) and reported with its smallest input.
fn check<S>(
    cases: u32,
    strategy: impl FnOnce() -> S + Send + 'static,
    test: impl Fn(S::Value) -> Result<(), TestCaseError> + Send + 'static,
) where
    S: Strategy,
    S::Value: std::fmt::Debug,
{
    let outcome = std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || {
            let strategy = strategy();
            let config = ProptestConfig {
                cases,
                max_shrink_iters: 2_000,
                failure_persistence: None,
                ..ProptestConfig::default()
            };
            proptest::test_runner::TestRunner::new(config)
                .run(&strategy, test)
                .map_err(|e| e.to_string())
        })
        .unwrap()
        .join()
        .unwrap();
    if let Err(failure) = outcome {
        panic!("{failure}");
    }
}

#[test]
/// Any bytes at all, after a valid header or not: a recording, or one error naming the line.
fn the_recording_reader_takes_any_bytes() {
    let strategy = || {
        let header = prop_oneof![
        Just(br#"{"format":"stsdash-recording","version":1,"namespace":"demo","statefulset":null,"writer":"t"}"#.to_vec()),
        proptest::collection::vec(any::<u8>(), 0..64),
    ];
        let lines = proptest::collection::vec(
            prop_oneof![
                3 => event().prop_map(|e| e.to_string().into_bytes()),
                1 => proptest::collection::vec(any::<u8>(), 0..80),
                1 => event().prop_map(|e| { let s = e.to_string(); s.as_bytes()[..s.len() / 2].to_vec() }),
            ],
            0..6,
        );
        (header, lines)
    };
    check(CASES[0], strategy, |(header, lines)| {
        let mut bytes = header;
        for line in lines {
            bytes.push(b'\n');
            bytes.extend(line);
        }
        match recording::parse(Cursor::new(bytes), Path::new("fuzz.jsonl")) {
            Ok((header, events)) => {
                assert_printable("header", header.namespace.as_deref().unwrap_or_default());
                let mut model = Model::new(Scope {
                    namespace: header.namespace,
                    statefulset: header.statefulset,
                });
                for event in events {
                    model.apply(event);
                }
            }
            Err(e) => assert_printable("the error", &e.to_string().replace('\n', " ")),
        }
        Ok(())
    });
}

#[test]
/// Any bytes, cut anywhere: clean lines of bounded length, the same however the bytes arrive.
fn log_bytes_become_clean_bounded_lines() {
    let strategy = || {
        let pieces = proptest::collection::vec(
            prop_oneof![
                3 => proptest::collection::vec(any::<u8>(), 0..200),
                1 => nasty().prop_map(String::into_bytes),
                1 => Just(b"2026-01-01T00:00:00.5Z line\r\n".to_vec()),
                1 => Just(vec![b'y'; MAX_LINE_BYTES + 7]),
            ],
            0..8,
        );
        (pieces, any::<bool>())
    };
    check(CASES[1], strategy, |(pieces, timestamps)| {
        let mut split = LineSplitter::new(timestamps);
        let mut lines = Vec::new();
        for piece in &pieces {
            lines.extend(split.feed(piece));
        }
        lines.extend(split.finish());
        let mut whole = LineSplitter::new(timestamps);
        let mut at_once = whole.feed(&pieces.concat());
        at_once.extend(whole.finish());
        prop_assert_eq!(&lines, &at_once);
        for line in &lines {
            assert_printable("a log line", &line.shown());
            prop_assert!(line.text.len() <= stsdash::model::text::MAX_TEXT_BYTES);
        }
        Ok(())
    });
}

#[test]
/// Any events, in any order: every view and both dumps, without a panic,
/// and only printable text in them.
fn the_model_and_every_view_take_any_events() {
    check(
        CASES[2],
        || proptest::collection::vec(event(), 0..24),
        |lines| {
            let model = model_of(&lines);
            assert_eq!(
                model.is_synced(),
                model.connection() == stsdash::model::Connection::Synced,
                "is_synced agrees with connection()"
            );
            let keys: Vec<_> = model
                .shown_statefulsets()
                .into_iter()
                .map(|(k, _)| k.clone())
                .collect();
            for key in &keys {
                let rows = views::timeline(&model, key);
                for row in &rows {
                    let _ = views::pod_summary(&model, key, &row.pod, "cluster.local");
                }
                let _ = views::binding_graph(&model, key);
                let _ = views::network_identity(&model, key, "cluster.local");
                let _ = views::rollout(&model, key);
                let _ = views::waiting(&model, key);
                let _ = views::waiting_at(&model, key, model.now + 3_600_000);
                let _ = views::narration(&model, key).count();
                index_agrees_with_a_scan(&model, key);
            }
            let built = dump::build(&model, "cluster.local");
            assert_printable("the text dump", &dump::text(&built));
            let json: Value = serde_json::from_str(&dump::json(&built)).unwrap();
            assert_strings_printable(&json);
            Ok(())
        },
    );
    report_objects(0.9);
}

/// The model's indexes, and the views built on them, say what a scan of
/// every object says (the way the views worked before the indexes).
fn index_agrees_with_a_scan(model: &Model, key: &stsdash::model::Key) {
    use std::collections::{BTreeMap, BTreeSet};
    use stsdash::model::pod;
    let ns = key.namespace.as_str();
    let in_ns = |k: &stsdash::model::Key| k.namespace == ns;
    // The StatefulSet's pods by ordinal.
    let scanned: BTreeSet<u32> = model
        .store
        .pods
        .iter()
        .filter(|(k, p)| in_ns(k) && pod::owner_statefulset(p) == Some(key.name.as_str()))
        .filter_map(|(_, p)| pod::ordinal(p, &key.name))
        .collect();
    let indexed: BTreeSet<u32> = model.index.pods_of(key).map(|(o, _)| o).collect();
    assert_eq!(indexed, scanned, "pods of {key}");
    // When the last Ready one became Ready (what minReadySeconds asks).
    let last_ready = model
        .store
        .pods
        .iter()
        .filter(|(k, p)| in_ns(k) && pod::owner_statefulset(p) == Some(key.name.as_str()))
        .filter(|(_, p)| pod::ordinal(p, &key.name).is_some() && pod::phase(p) == pod::Phase::Ready)
        .map(|(_, p)| pod::ready_since(p).unwrap_or(i64::MAX))
        .max();
    assert_eq!(
        model.index.last_ready(key),
        last_ready,
        "last Ready of {key}"
    );
    let mut unhealthy = None;
    let mut revisions: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for (ordinal, name) in model.index.pods_of(key) {
        let p = &model.store.pods[&stsdash::model::Key::new(ns, name)];
        assert_eq!(pod::ordinal(p, &key.name), Some(ordinal));
        if pod::phase(p) != pod::Phase::Ready {
            unhealthy = unhealthy.or(Some(ordinal));
        }
        if let Some(revision) = pod::revision(p) {
            revisions
                .entry(revision.to_string())
                .or_default()
                .push(ordinal);
        }
    }
    // What the controller's walk asks of the index: the first unhealthy pod, the pods by revision.
    assert_eq!(
        model.index.first_unhealthy(key, 0..u32::MAX),
        unhealthy,
        "first unhealthy of {key}"
    );
    let indexed: BTreeMap<String, Vec<u32>> = model
        .index
        .revisions_of(key)
        .map(|(r, ordinals)| (r.to_string(), ordinals.collect::<Vec<u32>>()))
        .filter(|(_, o)| !o.is_empty())
        .collect();
    assert_eq!(indexed, revisions, "revisions of {key}");
    // Who mounts each claim.
    for (claim, _) in model.store.claims.iter().filter(|(k, _)| in_ns(k)) {
        let scanned: Vec<&str> = model
            .store
            .pods
            .iter()
            .filter(|(k, p)| in_ns(k) && pod::claims(p).any(|c| c == claim.name.as_str()))
            .map(|(k, _)| k.name.as_str())
            .collect();
        let indexed: Vec<&str> = model.index.users_of(claim).map(|u| u.as_str()).collect();
        assert_eq!(indexed, scanned, "users of {claim}");
    }
    // The storage graph's rows, as the scan of every claim and pod made them.
    let sts = model.statefulset(key);
    let templates: Vec<String> = sts
        .iter()
        .flat_map(|s| s.spec.volume_claim_templates.iter())
        .map(|t| format!("{}-{}-", t.metadata.name, key.name))
        .collect();
    let ordinal_of = |claim: &str| {
        templates
            .iter()
            .find_map(|p| claim.strip_prefix(p.as_str())?.parse::<u32>().ok())
    };
    let mut claims: BTreeMap<String, Option<u32>> = BTreeMap::new();
    let mut ordinals: BTreeSet<u32> = model
        .history
        .ordinals
        .get(key)
        .map(|o| o.keys().copied().collect())
        .unwrap_or_default();
    ordinals.extend(sts.map_or(0..0, views::desired_ordinals));
    for ordinal in &ordinals {
        for prefix in &templates {
            claims.insert(format!("{prefix}{ordinal}"), Some(*ordinal));
        }
    }
    for (k, _) in model.store.claims.iter().filter(|(k, _)| in_ns(k)) {
        if let Some(ordinal) = ordinal_of(&k.name) {
            claims.entry(k.name.to_string()).or_insert(Some(ordinal));
        }
    }
    // The pods' other claims, each under the lowest ordinal that mounts it.
    for (ordinal, name) in model.index.pods_of(key) {
        let p = &model.store.pods[&stsdash::model::Key::new(ns, name)];
        for claim in pod::claims(p) {
            claims.entry(claim.to_string()).or_insert(Some(ordinal));
        }
    }
    let mut scanned: Vec<(Option<u32>, String)> = claims.into_iter().map(|(c, o)| (o, c)).collect();
    scanned.sort();
    let rows: Vec<(Option<u32>, String)> = views::storage_rows(model, key)
        .claims()
        .map(|(o, c)| (o, c.to_string()))
        .collect();
    assert_eq!(rows, scanned, "storage rows of {key}");
}

fn assert_strings_printable(value: &Value) {
    match value {
        Value::String(s) => assert_printable("a JSON string", s),
        Value::Array(a) => a.iter().for_each(assert_strings_printable),
        Value::Object(o) => o.iter().for_each(|(k, v)| {
            assert_printable("a JSON key", k);
            assert_strings_printable(v);
        }),
        _ => {}
    }
}

fn view_state() -> impl Strategy<Value = ViewState> {
    (
        (0usize..6, 0usize..3, 0usize..4, 0u8..3),
        (
            proptest::sample::select(&[15_000i64, 60_000, 900_000][..]),
            0i64..600_000,
            any::<bool>(),
        ),
        (
            0u8..5,
            any::<bool>(),
            any::<bool>(),
            0usize..3,
            0usize..5000,
        ),
        maybe(text()),
    )
        .prop_map(
            |(
                (selected, statefulset, focus, logs),
                (span, back, paused),
                (dialog, wrap, own_log, container, scroll),
                status,
            )| {
                let mut view = {
                    let mut view = ViewState::default();
                    view.nav.selected = selected;
                    view.nav.statefulset = statefulset;
                    view.nav.focus = Pane::ORDER[focus];
                    view.nav.logs = [LogMode::Off, LogMode::Selected, LogMode::All][logs as usize];
                    view.nav.span = span;
                    view.nav.back = back;
                    view.nav.wrap = wrap;
                    view.nav.show_own_log = own_log;
                    view.nav.container = container;
                    view.nav.log_scroll = scroll;
                    view.chrome.status = status.as_str().map(str::to_string);
                    view
                };
                view.nav.paused_at = paused.then_some(1_767_225_660_000);
                view.chrome.dialog = match dialog {
                    0 => None,
                    1 => Some(Dialog::Help { scroll }),
                    2 => Some(Dialog::PickStatefulSet { selected }),
                    3 => Some(Dialog::Replicas {
                        statefulset: stsdash::model::Key::new("demo", "web"),
                        uid: "u".into(),
                        current: 2,
                        limit: 100,
                        input: "12".into(),
                        refused: status.as_str().map(str::to_string),
                    }),
                    _ => Some(Dialog::ConfirmDelete {
                        pod: stsdash::model::Key::new("demo", "web-0"),
                        uid: "u".into(),
                    }),
                };
                view
            },
        )
}

#[test]
/// A full frame of any model, in any view state, at sizes from a phone to a
/// projector: no panic, and every cell printable.
fn a_full_frame_draws_at_every_size() {
    let strategy = || {
        (
            proptest::collection::vec(event(), 0..16),
            view_state(),
            proptest::sample::select(vec![
                (1u16, 1u16),
                (20, 5),
                (80, 24),
                (100, 30),
                (160, 45),
                (220, 60),
            ]),
            proptest::sample::select(vec!["default", "light", "projector", "colorblind", "mono"]),
        )
    };
    check(CASES[3], strategy, |(lines, view, size, theme)| {
        let model = model_of(&lines);
        let theme = Theme::load(theme).unwrap();
        let mut terminal = Terminal::new(TestBackend::new(size.0, size.1)).unwrap();
        terminal
            .draw(|frame| {
                ui::draw(frame, &model, &view, &theme);
            })
            .unwrap();
        for cell in terminal.backend().buffer().content() {
            assert_printable("a cell", cell.symbol());
        }
        Ok(())
    });
}
