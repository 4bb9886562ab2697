//! Opened on a StatefulSet that ran before stsdash: the past told by the
//! pods' own timestamps and by the Events the API kept, marked reconstructed.

use super::*;

/// 2026-01-01T00:00:00Z, when the fixtures' pods were created.
const T0: Millis = 1_767_225_600_000;
const HOUR: Millis = 3_600_000;

/// An Event as the API keeps it (core/v1: whole-second first and last times).
fn event(kind: &str, name: &str, uid: &str, reason: &str, message: &str, at: Millis) -> Object {
    Object::Event(
        serde_json::from_value(json!({
            "metadata": {"name": format!("{name}.{reason}.{at}"), "namespace": NS, "resourceVersion": "1"},
            "involvedObject": {"kind": kind, "name": name, "namespace": NS, "uid": uid},
            "type": if reason.starts_with("Failed") { "Warning" } else { "Normal" },
            "reason": reason, "message": message, "count": 1,
            "firstTimestamp": time(at), "lastTimestamp": time(at)
        }))
        .unwrap(),
    )
}

fn life(s: &Script, ordinal: u32) -> &history::OrdinalLife {
    &s.model.history.ordinals[&sts_key()][&ordinal]
}

#[test]
fn a_pod_found_running_has_its_past_from_its_own_timestamps() {
    let opened = T0 + HOUR;
    let mut s = Script::opened_on(
        opened,
        vec![sts(1, 1, json!({})), ready_pod_since(0, "a", T0)],
    );

    let inc = life(&s, 0).current().unwrap();
    let phases = phases_of(inc);
    assert_eq!(
        phases,
        [
            (Phase::Pending, T0),
            (Phase::Scheduled, T0 + 1000),
            (Phase::Running, T0 + 4000),
            (Phase::Ready, T0 + 6000),
        ]
    );
    // All of it before stsdash saw the pod: reconstructed.
    assert!(inc.first_seen > opened);
    assert!(inc.segments.iter().all(|g| inc.reconstructed(g.from)));
    let marks: Vec<(Millis, &MarkerKind)> = inc.markers.iter().map(|m| (m.at, &m.kind)).collect();
    assert!(marks.contains(&(T0, &MarkerKind::Created)), "{marks:?}");
    assert!(
        marks.contains(&(T0 + 6000, &MarkerKind::Ready)),
        "{marks:?}"
    );
    assert_eq!(s.model.earliest(), T0);

    // Told in the narration, in time order, each line marked reconstructed.
    let past: Vec<(Millis, &str, bool)> = s
        .model
        .history
        .narration
        .iter()
        .map(|n| (n.at, n.text.as_str(), n.reconstructed))
        .collect();
    assert_eq!(
        past,
        [
            (T0, "web-0 created", true),
            (T0 + 1000, "web-0 scheduled on node node-0", true),
            (T0 + 6000, "web-0 is Ready", true),
        ]
    );

    // What happens next is seen, not reconstructed.
    s.apply(pod(0, "a", 2, Phase::Terminating));
    let inc = life(&s, 0).current().unwrap();
    let last = inc.segments.back().unwrap();
    assert_eq!(last.phase, Phase::Terminating);
    assert!(!inc.reconstructed(last.from));
    let newest = s.model.history.narration.back().unwrap();
    assert!(!newest.reconstructed, "{newest:?}");
}

#[test]
fn events_kept_by_the_api_rebuild_gone_incarnations_and_removed_ordinals() {
    let t = T0 + 60_000;
    let objects = vec![
        sts(2, 1, json!({})),
        ready_pod_since(0, "a2", T0 + 40_000),
        ready_pod_since(1, "b", T0 + 4000),
        // web-0's first incarnation, deleted by hand and recreated at +40 s.
        event(
            "StatefulSet",
            "web",
            "sts-uid",
            "SuccessfulCreate",
            "create Pod web-0 in StatefulSet web successful",
            T0,
        ),
        event(
            "Pod",
            "web-0",
            "a1",
            "Scheduled",
            "Successfully assigned demo/web-0 to node-0",
            T0 + 500,
        ),
        // Started to the second, before the Scheduled it follows (to the microsecond).
        event(
            "Pod",
            "web-0",
            "a1",
            "Started",
            "Started container nginx",
            T0,
        ),
        event(
            "Pod",
            "web-0",
            "a1",
            "Killing",
            "Stopping container nginx",
            T0 + 38_000,
        ),
        // web-2, created by a scale-up and removed by the scale-down.
        event(
            "StatefulSet",
            "web",
            "sts-uid",
            "SuccessfulCreate",
            "create Pod web-2 in StatefulSet web successful",
            T0 + 10_000,
        ),
        event(
            "Pod",
            "web-2",
            "c",
            "FailedScheduling",
            "0/3 nodes are available",
            T0 + 10_100,
        ),
        event(
            "Pod",
            "web-2",
            "c",
            "Scheduled",
            "Successfully assigned demo/web-2 to node-2",
            T0 + 10_500,
        ),
        event(
            "Pod",
            "web-2",
            "c",
            "Pulled",
            "Container image already present",
            T0 + 11_000,
        ),
        event(
            "Pod",
            "web-2",
            "c",
            "Started",
            "Started container nginx",
            T0 + 12_000,
        ),
        event(
            "Pod",
            "web-2",
            "c",
            "Killing",
            "Stopping container nginx",
            T0 + 30_000,
        ),
        event(
            "StatefulSet",
            "web",
            "sts-uid",
            "SuccessfulDelete",
            "delete Pod web-2 in StatefulSet web successful",
            T0 + 31_000,
        ),
    ];
    let s = Script::opened_on(t, objects);

    // web-0: its gone incarnation before the current one, from its Events.
    let web0 = life(&s, 0);
    let uids: Vec<&str> = web0.incarnations.iter().map(|i| i.uid.as_str()).collect();
    assert_eq!(uids, ["a1", "a2"]);
    let first = &web0.incarnations[0];
    let phases = phases_of(first);
    assert_eq!(
        phases,
        [
            (Phase::Pending, T0),
            (Phase::Scheduled, T0 + 500),
            (Phase::Running, T0 + 500),
            (Phase::Terminating, T0 + 38_000),
        ]
    );
    // No delete Event (deleted by hand): it lasted until web-0 came back.
    assert_eq!(first.gone, Some(T0 + 40_000));

    // web-2 has no pod now, and still its row: created, run, deleted.
    let web2 = life(&s, 2);
    let gone = web2.current().unwrap();
    assert_eq!(gone.created, T0 + 10_000);
    assert_eq!(gone.gone, Some(T0 + 31_000));
    let rows: Vec<String> = views::timeline(&s.model, &sts_key())
        .into_iter()
        .map(|r| r.pod)
        .collect();
    assert_eq!(rows, ["web-0", "web-1", "web-2"]);
    // Its Events are marks on its row; the kubelet's routine steps are not.
    let reasons: Vec<&str> = web2
        .past_events
        .iter()
        .map(|m| match &m.kind {
            MarkerKind::Event { reason, .. } => reason.as_str(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        reasons,
        [
            "SuccessfulCreate",
            "FailedScheduling",
            "Scheduled",
            "Killing",
            "SuccessfulDelete"
        ]
    );
    assert_eq!(s.model.earliest(), T0);

    // The narration tells the past the pods cannot: in time order, reconstructed.
    let narration = &s.model.history.narration;
    assert!(narration.iter().all(|n| n.reconstructed));
    assert!(
        narration
            .iter()
            .zip(narration.iter().skip(1))
            .all(|(a, b)| a.at <= b.at)
    );
    let text: Vec<String> = narration.iter().map(|n| n.text.clone()).collect();
    assert!(
        said(&text, "web: SuccessfulDelete: delete Pod web-2"),
        "{text:?}"
    );
    assert!(said(&text, "web-0: Killing"), "{text:?}");
    assert!(said(&text, "web-2: FailedScheduling"), "{text:?}");
    assert!(!said(&text, "Pulled"), "{text:?}");
    assert!(!said(&text, "Started"), "{text:?}");
    // web-1's Events add nothing its own timestamps did not say.
    assert!(said(&text, "web-1 is Ready"), "{text:?}");
}

#[test]
fn a_pods_past_stops_at_its_phase_now() {
    // Ready once, not Ready now: the Ready condition's time is when it turned False.
    let Object::Pod(pod) = pod(0, "a", 1, Phase::Running) else {
        unreachable!()
    };
    let mut v = serde_json::to_value(pod).unwrap();
    merge(
        &mut v,
        json!({"metadata": {"creationTimestamp": time(T0)}, "status": {"conditions": [
            {"type": "PodScheduled", "status": "True", "lastTransitionTime": time(T0 + 1000)},
            {"type": "Ready", "status": "False", "lastTransitionTime": time(T0 + 9000)}
        ], "containerStatuses": [{"name": "nginx", "state": {"running": {"startedAt": time(T0 + 3000)}}}]}}),
    );
    let pod: object::Pod = serde_json::from_value(v).unwrap();
    assert_eq!(
        super::super::pod::past(&pod, T0 + HOUR),
        [
            (T0, Phase::Pending),
            (T0 + 1000, Phase::Scheduled),
            (T0 + 3000, Phase::Running)
        ]
    );
    // Timestamps after now (a skewed clock) are drawn at now at the latest.
    assert!(
        super::super::pod::past(&pod, T0 + 2000)
            .iter()
            .all(|(at, _)| *at <= T0 + 2000)
    );
}

#[test]
fn the_past_reaches_back_to_an_events_first_time() {
    // web-0 was created twice: first a minute before its pod now, whose Event
    // (count 2) keeps only the first and the last time.
    let Object::Event(event) = event(
        "StatefulSet",
        "web",
        "sts-uid",
        "SuccessfulCreate",
        "create Pod web-0 in StatefulSet web successful",
        T0,
    ) else {
        unreachable!()
    };
    let mut v = serde_json::to_value(event).unwrap();
    merge(
        &mut v,
        json!({"count": 2, "firstTimestamp": time(T0 - 60_000)}),
    );
    let twice = Object::Event(serde_json::from_value(v).unwrap());
    let s = Script::opened_on(
        T0 + 60_000,
        vec![sts(1, 1, json!({})), ready_pod_since(0, "a2", T0), twice],
    );
    assert_eq!(s.model.earliest(), T0 - 60_000);
    let marks: Vec<Millis> = life(&s, 0).past_events.iter().map(|m| m.at).collect();
    assert_eq!(marks, [T0 - 60_000, T0]);
}

/// An incarnation's phases with when each began.
fn phases_of(incarnation: &history::Incarnation) -> Vec<(Phase, Millis)> {
    incarnation
        .segments
        .iter()
        .map(|g| (g.phase, g.from))
        .collect()
}

/// The pods' list may end before a pod is made and the Events' list after
/// its first Events: those Events name a UID no row has yet, but the pod is
/// not gone; when it comes, its row is live.
#[test]
fn a_pod_whose_events_were_listed_before_it_came_is_not_gone() {
    let opened = CREATED + 2_000;
    let events = vec![
        event(
            "Pod",
            "web-0",
            "uid-0",
            "FailedScheduling",
            "0/3 nodes are available",
            CREATED,
        ),
        event(
            "Pod",
            "web-0",
            "uid-0",
            "Scheduled",
            "assigned to node-0",
            CREATED + 1_000,
        ),
    ];
    let mut objects = vec![sts(1, 1, json!({}))];
    objects.extend(events);
    let mut s = Script::opened_on(opened, objects);
    s.apply(pod(0, "uid-0", 10, Phase::Ready));
    let row = life(&s, 0);
    assert_eq!(row.incarnations.len(), 1, "{:#?}", row.incarnations);
    let current = row.current().unwrap();
    assert_eq!(current.gone, None);
    assert_eq!(current.phase(), Phase::Ready);
}
