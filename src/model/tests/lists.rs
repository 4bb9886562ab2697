//! How lists and relists are applied, what a kind the user may not list does,
//! and that every bound of the history and the store holds.

use super::*;

#[test]
fn a_relist_with_nothing_new_makes_no_history() {
    let mut s = Script::new();
    s.apply(sts(1, 1, json!({})));
    s.start(0, "uid-a", 10);
    let narration = s.model.history.narration.len();
    let markers = s.model.history.ordinals[&sts_key()][&0]
        .current()
        .unwrap()
        .markers
        .len();

    let changed = s.relist(Kind::Pod, vec![pod(0, "uid-a", 14, Phase::Ready)]);
    assert!(!changed, "a relist of unchanged objects changes nothing");
    assert_eq!(s.model.history.narration.len(), narration);
    let life = &s.model.history.ordinals[&sts_key()][&0];
    assert_eq!(life.incarnations.len(), 1);
    assert_eq!(life.current().unwrap().markers.len(), markers);
}

#[test]
fn objects_missing_after_a_relist_are_deletions() {
    let mut s = Script::new();
    s.apply(sts(1, 1, json!({})));
    s.start(0, "uid-a", 10);
    s.start(1, "uid-b", 20);
    // The watch broke; meanwhile web-1 was deleted. The relist lacks it.
    s.send(Change::WatchFailed {
        kind: Kind::Pod,
        message: "connection reset".into(),
        forbidden: false,
    });
    assert!(matches!(
        s.model.connection(),
        Connection::Reconnecting { last_error, .. } if last_error == "connection reset"
    ));
    s.relist(Kind::Pod, vec![pod(0, "uid-a", 14, Phase::Ready)]);
    assert_eq!(s.model.connection(), Connection::Synced);
    assert!(!s.model.store.pods.contains_key(&Key::new(NS, "web-1")));
    let web1 = s.model.history.ordinals[&sts_key()][&1].current().unwrap();
    assert!(web1.gone.is_some());
    assert_eq!(web1.phase(), Phase::Gone);
    assert!(web1.markers.iter().any(|m| m.kind == MarkerKind::Deleted));
}

#[test]
fn a_list_is_applied_as_it_comes_and_its_end_removes_what_it_lacked() {
    let mut s = Script::new();
    s.apply(sts(2, 2, json!({})));
    s.start(0, "uid-a", 10);
    s.start(1, "uid-b", 20);
    s.send(Change::InitStarted { kind: Kind::Pod });
    assert!(s.send(Change::InitObject(pod(0, "uid-a", 15, Phase::Running))));
    // Before the list ends: web-0's new state is there, web-1 still is.
    let web0 = &s.model.store.pods[&Key::new(NS, "web-0")];
    assert_eq!(super::pod::phase(web0), Phase::Running);
    assert!(s.model.store.pods.contains_key(&Key::new(NS, "web-1")));
    assert!(s.send(Change::InitDone { kind: Kind::Pod }));
    assert!(!s.model.store.pods.contains_key(&Key::new(NS, "web-1")));
}

#[test]
fn pods_found_by_the_list_of_a_statefulset_created_while_watching_are_news() {
    // Opened before the StatefulSet existed: its pods' watch starts once the
    // selector is known, and a pod created meanwhile comes in that list.
    let mut s = Script::new();
    s.apply(sts(1, 1, json!({})));
    s.send(Change::Reselected {
        kind: Kind::Pod,
        after_absence: true,
    });
    s.relist(Kind::Pod, vec![pod(0, "uid-a", 10, Phase::Pending)]);
    let lines = s.narration();
    assert!(
        said(&lines, "web-0 created: ordinal 0 comes first"),
        "{lines:#?}"
    );

    // Selected at start (the StatefulSet was there): its pods are not news.
    let mut s = Script::new();
    s.send(Change::Reselected {
        kind: Kind::Pod,
        after_absence: false,
    });
    s.relist(Kind::Pod, vec![pod(0, "uid-a", 10, Phase::Pending)]);
    assert!(!said(&s.narration(), "web-0 created"));
}

#[test]
fn forbidden_kinds_are_marked_not_permitted_and_the_rest_works() {
    let mut s = Model::new(Scope {
        namespace: Some(NS.into()),
        statefulset: None,
    });
    let mut t = 0;
    let mut send = |m: &mut Model, change| {
        t += 1;
        m.apply(ClusterEvent { at: t, change })
    };
    for kind in Kind::ALL {
        if matches!(kind, Kind::PersistentVolume | Kind::StorageClass) {
            send(
                &mut s,
                Change::WatchFailed {
                    kind,
                    message: format!("{} is forbidden", kind.resource()).into(),
                    forbidden: true,
                },
            );
        } else {
            send(&mut s, Change::InitStarted { kind });
            send(&mut s, Change::InitDone { kind });
        }
    }
    assert_eq!(s.connection(), Connection::Synced);
    assert!(!s.permitted(Kind::PersistentVolume));
    send(&mut s, Change::Applied(sts(1, 1, json!({}))));
    send(&mut s, Change::Applied(claim(0, 3, true)));
    let graph = views::binding_graph(&s, &sts_key());
    assert!(matches!(graph.bindings[0].volume, Visible::NotPermitted));
    assert!(matches!(graph.bindings[0].class, Visible::NotPermitted));
    assert_eq!(graph.bindings[0].claim.phase.as_deref(), Some("Bound"));
}

#[test]
fn every_history_and_store_bound_is_reached_and_holds() {
    use super::history::*;
    use super::log::{LogLine, MAX_LOG_BYTES, MAX_LOG_LINES, MAX_LOGS};
    let mut s = Script::new();
    s.apply(sts(1, 1, json!({})));
    let rv = |s: &Script| (s.t / 100) as u32;
    // Incarnations: web-0 deleted and created again, over and over.
    for i in 0..(MAX_INCARNATIONS as u32 + 10) {
        let uid = format!("uid-{i}");
        s.start(0, &uid, rv(&s));
        s.delete(pod(0, &uid, rv(&s), Phase::Ready));
    }
    let life = &s.model.history.ordinals[&sts_key()][&0];
    assert_eq!(life.incarnations.len(), MAX_INCARNATIONS);
    // Segments and markers: one incarnation going Running ↔ Ready (a flapping probe).
    s.start(1, "flapping", rv(&s));
    for _ in 0..(MAX_SEGMENTS.max(MAX_MARKERS) + 10) {
        s.apply(pod(1, "flapping", rv(&s), Phase::Running));
        s.apply(pod(1, "flapping", rv(&s), Phase::Ready));
    }
    let flapping = s.model.history.ordinals[&sts_key()][&1].current().unwrap();
    assert_eq!(flapping.segments.len(), MAX_SEGMENTS);
    assert_eq!(flapping.markers.len(), MAX_MARKERS);
    // The newest are the ones kept.
    assert_eq!(flapping.phase(), Phase::Ready);
    // Narration: distinct lines, many more than it keeps.
    for i in 0..(MAX_NARRATION + 100) {
        s.send(Change::ActionFailed {
            action: Action::Scale {
                statefulset: sts_key(),
                uid: "sts-uid".into(),
                from: 1,
                to: 2,
            },
            message: format!("refusal {i}").into(),
        });
    }
    assert_eq!(s.model.history.narration.len(), MAX_NARRATION);
    assert!(
        s.narration()
            .last()
            .unwrap()
            .ends_with(&format!("refusal {}", MAX_NARRATION + 99))
    );
    // Pods stsdash deleted.
    for i in 0..(MAX_DELETED_BY_US + 20) {
        s.send(Change::ActionTaken(Action::DeletePod {
            pod: Key::new(NS, "web-0"),
            uid: format!("deleted-{i}").into(),
        }));
    }
    assert_eq!(s.model.history.deleted_by_us.len(), MAX_DELETED_BY_US);
    // Tombstones: StatefulSets and claims deleted while watched.
    for i in 0..(MAX_DELETED_STATEFULSETS + 5) {
        let other = sts(
            1,
            rv(&s),
            json!({"metadata": {"name": format!("gone-{i}"), "uid": format!("g{i}")}}),
        );
        s.apply(other.clone());
        s.delete(other);
    }
    assert_eq!(
        s.model.history.deleted_statefulsets.len(),
        MAX_DELETED_STATEFULSETS
    );
    for i in 0..(MAX_DELETED_CLAIMS + 30) {
        let claim = claim(100 + i as u32, rv(&s), false);
        s.apply(claim.clone());
        s.delete(claim);
    }
    assert_eq!(s.model.history.deleted_claims.len(), MAX_DELETED_CLAIMS);
    // Events.
    for _ in 0..(MAX_EVENTS + 50) {
        let n = s.t;
        s.apply(Object::Event(
            serde_json::from_value(json!({
                "metadata": {"name": format!("e{n}"), "namespace": NS, "resourceVersion": "1"},
                "involvedObject": {"kind": "Pod", "name": "web-0", "namespace": NS},
                "type": "Normal", "reason": "Pulled", "message": "m"
            }))
            .unwrap(),
        ));
    }
    assert_eq!(s.model.store.events.len(), MAX_EVENTS);
    // Logs: lines, bytes, and how many logs.
    let lines = |n: usize, len: usize| -> Vec<LogLine> {
        (0..n)
            .map(|i| LogLine {
                time: Some(i as i64),
                text: format!("{i:0len$}").into(),
                cut: 0,
            })
            .collect()
    };
    let send_log = |s: &mut Script, pod: &str, lines: Vec<LogLine>| {
        s.send(Change::LogLines {
            pod: Key::new(NS, pod),
            uid: "u".into(),
            container: "nginx".into(),
            lines,
        });
    };
    send_log(&mut s, "web-0", lines(MAX_LOG_LINES + 100, 10));
    let log = s.model.logs.get(&Key::new(NS, "web-0"), "nginx").unwrap();
    assert_eq!(log.lines.len(), MAX_LOG_LINES);
    send_log(&mut s, "web-1", lines(1000, 2000));
    let log = s.model.logs.get(&Key::new(NS, "web-1"), "nginx").unwrap();
    let bytes: usize = log.lines.iter().map(|l| l.text.len()).sum();
    assert!(
        bytes <= MAX_LOG_BYTES && bytes > MAX_LOG_BYTES - 2000,
        "{bytes}"
    );
    for i in 0..(MAX_LOGS + 10) {
        send_log(&mut s, &format!("other-{i}"), lines(1, 5));
    }
    assert_eq!(s.model.logs.by_target.len(), MAX_LOGS);
}
