//! docs/statefulset-coverage.md, row by row: each StatefulSet behaviour of
//! the upstream e2e suite (test/e2e/apps/statefulset.go) and of the seeds,
//! from a recording made on the lab (examples/recordings/record), replayed
//! through the model. Each test checks the story the screen tells, in order
//! (the now line, by the controller's rules, and the narration), and one
//! frame at the moment that matters (ratatui TestBackend + insta).

mod recorded;

use recorded::{lines, recorded, render};
use stsdash::model::controller::Reason;
use stsdash::model::{Millis, Model, views};
use stsdash::ui::{Theme, ViewState};

/// What a recording's screen says, in time order: each new now line
/// (`now <reason>: <text>`) and each narration line.
fn story(name: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut said: Option<String> = None;
    let mut narrated = 0;
    recorded(name, |model: &Model| {
        for n in model.history.narration.iter().skip(narrated) {
            lines.push(n.text.clone());
        }
        narrated = model.history.narration.len();
        let now = model
            .statefulsets()
            .next()
            .and_then(|(key, _)| views::waiting(model, key))
            .map(|w| format!("now {:?}: {}", w.reason, w.text));
        if now != said {
            lines.extend(now.clone());
            said = now;
        }
        false
    });
    lines
}

/// The story tells each of `told`, in this order (each a part of a line).
#[track_caller]
fn tells(name: &str, told: &[&str]) {
    let story = story(name);
    let mut from = 0;
    for want in told {
        match story[from..].iter().position(|l| l.contains(want)) {
            Some(i) => from += i + 1,
            None => panic!(
                "{name}: after line {from}, no line tells {want:?}; the story:\n{}",
                story
                    .iter()
                    .enumerate()
                    .map(|(i, l)| format!("{i:4} {l}"))
                    .collect::<Vec<_>>()
                    .join("\n")
            ),
        }
    }
}

/// The story never tells `never`.
#[track_caller]
fn never(name: &str, never: &str) {
    if let Some(line) = story(name).iter().find(|l| l.contains(never)) {
        panic!("{name} tells {never:?}: {line}");
    }
}

/// The recording's model up to the first event after which `stop` holds,
/// and the frame drawn then at 100×30 on the projector theme, `later` ms
/// after that event (a live view's clock).
fn frame(name: &str, later: Millis, stop: impl Fn(&Model) -> bool) -> (Model, Vec<String>) {
    let model = recorded(name, stop);
    let view = {
        let mut view = ViewState::default();
        view.labels.context = "kwok-stsdash".into();
        view.nav.span = 60_000;
        view.chrome.clock = Some(model.now + later);
        view
    };
    let theme = Theme::load("projector").unwrap();
    let screen = lines(&render(100, 30, &model, &view, &theme));
    (model, screen)
}

/// The now line of the recording's StatefulSet when `stop` first holds.
fn waiting_when(name: &str, stop: impl Fn(&Model) -> bool) -> stsdash::model::controller::Waiting {
    let model = recorded(name, stop);
    let key = model.statefulsets().next().unwrap().0.clone();
    views::waiting(&model, &key).expect("something waits")
}

/// `stop`: the StatefulSet's now line has this reason and says this.
fn now_says(reason: Reason, part: &'static str) -> impl Fn(&Model) -> bool {
    move |model: &Model| {
        model.statefulsets().next().is_some_and(|(key, _)| {
            views::waiting(model, key).is_some_and(|w| w.reason == reason && w.text.contains(part))
        })
    }
}

#[test]
fn basic_identity_ordered_start_and_a_claim_per_pod() {
    tells(
        "web_scale",
        &[
            "web-0 created: ordinal 0 comes first",
            "now NotReady: web-1 not created yet: OrderedReady waits for web-0 to be Ready",
            "web-1 created: web-0 is Ready",
            "web: replicas 2 → 4; OrderedReady creates web-2 first",
            "web: replicas 4 → 2; the highest ordinal (web-3) goes first",
            "now Terminating: scaling down to 2: web-3 Terminating; web-2 goes once it is gone",
            "web-3 gone; its claim www-web-3 is kept",
        ],
    );
}

#[test]
fn adopt_matching_orphans_and_release_non_matching_pods() {
    tells(
        "adopt_release",
        &[
            "web-0 released by StatefulSet web",
            "now Adopting: web-0 has no controller: StatefulSet web adopts it if its labels match the selector app=nginx",
            "web-0 adopted by StatefulSet web",
            // Its labels changed: released, and it stays outside until they match again.
            "web-0 released by StatefulSet web",
            "now Adopting: web-0 has no controller",
            "web-0 adopted by StatefulSet web",
        ],
    );
    let (_, screen) = frame("adopt_release", 0, now_says(Reason::Adopting, "web-0"));
    insta::assert_snapshot!("adopt_release_100x30", screen.join("\n"));
}

#[test]
fn no_deadlock_when_a_pods_predecessor_fails() {
    tells(
        "predecessor",
        &[
            "web-1 is not Ready any more (ReadinessProbeFailed)",
            "web-0 terminating: it was deleted",
            "now Creating: web-0 about to be created: ordinal 0 comes first",
            "web-0 recreated with a new UID",
            "web-0 is Ready",
            "web-1 is Ready",
        ],
    );
}

#[test]
fn rolling_update_and_rollback_with_claims() {
    // The controller's steps, in its order (which watch tells a deletion
    // first, the pod's or the StatefulSet's, varies: those are checked apart).
    tells(
        "rollback",
        &[
            "web: the pod template changed (new revision",
            "now Updating: rolling update to revision",
            "web: rolling update complete",
            "web: the pod template went back to an earlier one: rolling back to revision",
            "now Updating: rolling back to revision",
            "web: rolling update complete",
        ],
    );
    tells(
        "rollback",
        &[
            "web-2 terminating to be replaced at the update revision",
            "web-1 terminating to be replaced at the update revision",
            "web-0 terminating to be replaced at the update revision",
            "web-2 terminating to be replaced at the update revision",
            "web-1 terminating to be replaced at the update revision",
            "web-0 terminating to be replaced at the update revision",
        ],
    );
    never("rollback", "terminating: it was deleted");
    let (_, screen) = frame(
        "rollback",
        0,
        now_says(Reason::NotReady, "rolling back to revision"),
    );
    insta::assert_snapshot!("rollback_100x30", screen.join("\n"));
}

#[test]
fn rolling_update_without_claims_up_to_max_unavailable_at_a_time() {
    tells(
        "max_unavailable",
        &[
            "fleet: the pod template changed (new revision fleet-",
            "fleet-2 terminating to be replaced",
            "fleet-1, fleet-0 replaced next (highest ordinal first, up to 2 at a time (maxUnavailable 2))",
            "fleet-1 terminating to be replaced",
            "fleet-0 terminating to be replaced",
            "fleet: rolling update complete",
        ],
    );
    tells("max_unavailable", &["up to 2 at a time (maxUnavailable 2)"]);
    // Two at once: fleet-2 is told terminating before fleet-3 is gone.
    let story = story("max_unavailable");
    let two = story
        .iter()
        .position(|l| l.starts_with("fleet-2 terminating"))
        .unwrap();
    let three_gone = story
        .iter()
        .position(|l| l.starts_with("fleet-3 gone"))
        .unwrap();
    assert!(two < three_gone, "{story:#?}");
}

#[test]
fn canary_and_phased_rolling_updates_with_a_partition() {
    tells(
        "rolling_update",
        &[
            "ordinals ≥ 2 (partition 2) are replaced, highest first",
            "now Partitioned: partition 2: mongo-0, mongo-1 stay at revision",
        ],
    );
}

#[test]
fn a_finalizer_holds_pod_0_below_the_partition_which_comes_back_at_the_current_revision() {
    tells(
        "finalizer",
        &[
            "ordinals ≥ 1 (partition 1) are replaced, highest first",
            "now Partitioned: partition 1: web-0 stays at revision",
            "web-0 terminating: it was deleted; the controller will recreate it with the same name; finalizer example.com/hold keeps it",
            "now Terminating: web-0 Terminating: finalizer example.com/hold keeps it; the controller waits for it to be gone before it creates web-0 again",
            "web-0 recreated with a new UID",
            "now Partitioned: partition 1: web-0 stays at revision",
        ],
    );
    never("finalizer", "web-0 terminating to be replaced");
    let (_, screen) = frame(
        "finalizer",
        0,
        now_says(Reason::Terminating, "finalizer example.com/hold"),
    );
    insta::assert_snapshot!("finalizer_100x30", screen.join("\n"));
}

#[test]
fn a_failed_or_evicted_pod_is_deleted_and_created_again() {
    tells(
        "failed_pod",
        &[
            "now RecreatingFailed: web-1 Failed (Evicted): the controller deletes it and creates web-1 again",
            "web-1 terminating: it Failed, and the controller deletes a pod that ended to create it again",
            "web-1 recreated after it Failed with a new UID",
            "web-1 is Ready",
        ],
    );
}

#[test]
fn on_delete_replaces_only_the_pods_deleted() {
    tells(
        "on_delete",
        &[
            "updateStrategy OnDelete: no pod is replaced, each takes the new revision when it is deleted",
            "now OnDelete: updateStrategy OnDelete: legacy-0, legacy-1 run an older revision",
            "legacy-1 recreated at revision legacy-",
            "now OnDelete: updateStrategy OnDelete: legacy-0 runs an older revision",
        ],
    );
    never("on_delete", "legacy-0 terminating");
    let (_, screen) = frame("on_delete", 0, now_says(Reason::OnDelete, "legacy-0 runs"));
    insta::assert_snapshot!("on_delete_100x30", screen.join("\n"));
}

#[test]
fn scaling_in_order_halts_on_an_unhealthy_pod() {
    tells(
        "halt",
        &[
            "web-0 is not Ready any more (ReadinessProbeFailed): OrderedReady creates, removes or replaces no pod past it",
            "now NotReady: web-1 not created yet: OrderedReady waits for web-0 to be Ready",
            "web-1 created: web-0 is Ready",
            "web-2 created: web-1 is Ready",
            "now NotReady: scaling down to 0: web-2 goes only once web-0 is Ready",
            "web-2 terminating: replicas is 0",
            "web-1 terminating: replicas is 0",
            "web-0 terminating: replicas is 0",
        ],
    );
    let (_, screen) = frame(
        "halt",
        0,
        now_says(Reason::NotReady, "web-1 not created yet"),
    );
    insta::assert_snapshot!("halt_100x30", screen.join("\n"));
    // The timeline marks the row that holds the others back.
    assert!(
        screen
            .iter()
            .any(|l| l.starts_with("│web-0") && l.contains("◀")),
        "{}",
        screen.join("\n")
    );
}

#[test]
fn burst_scaling_runs_through_unhealthy_pods() {
    tells(
        "burst_unhealthy",
        &[
            "db-0 is not Ready any more (ReadinessProbeFailed)",
            "db: replicas 1 → 3; the new pods start together (Parallel)",
            "db-2 created: podManagementPolicy Parallel",
            "db: replicas 3 → 0; the extra pods stop together (Parallel)",
        ],
    );
    // All three go together, the unhealthy ones too: each is terminating before any is gone.
    let story = story("burst_unhealthy");
    let first_gone = story
        .iter()
        .position(|l| l.starts_with("db-") && l.contains(" gone"))
        .unwrap();
    for pod in ["db-0", "db-1", "db-2"] {
        let going = story
            .iter()
            .position(|l| {
                l.starts_with(&format!(
                    "{pod} terminating: replicas is 0, and Parallel stops the extra pods together"
                ))
            })
            .unwrap_or_else(|| panic!("{pod} not terminating: {story:#?}"));
        assert!(going < first_gone, "{story:#?}");
    }
    never("burst_unhealthy", "OrderedReady waits");
}

#[test]
fn min_ready_seconds_and_available_replicas() {
    tells(
        "min_ready",
        &[
            "slow-0 is Ready: after minReadySeconds (10s) it is available, and the controller may create slow-1",
            "now NotAvailable: slow-1 not created yet: OrderedReady waits for slow-0 to be available (Ready for 0s of minReadySeconds 10s, 10s to go)",
            "slow-1 created: slow-0 is Ready and available (Ready for minReadySeconds 10s)",
            "slow: minReadySeconds 10 → 3600",
            "slow: minReadySeconds 3600 → 0",
        ],
    );
    // The countdown moves with the clock, and says when it ends.
    let (model, screen) = frame(
        "min_ready",
        6_000,
        now_says(Reason::NotAvailable, "slow-1 not created yet"),
    );
    let key = model.statefulsets().next().unwrap().0.clone();
    let w = views::waiting_at(&model, &key, model.now + 6_000).unwrap();
    assert!(w.text.contains("4s to go"), "{}", w.text);
    assert!(w.until.is_some_and(|u| u > model.now));
    insta::assert_snapshot!("min_ready_100x30", screen.join("\n"));
}

#[test]
fn when_deleted_delete_takes_the_claims_with_the_statefulset() {
    tells(
        "retention_deleted",
        &[
            "StatefulSet cache deleted: the garbage collector removes its pods; its claims are deleted too (persistentVolumeClaimRetentionPolicy.whenDeleted: Delete)",
            "claim data-cache-1 deleted",
            "claim data-cache-0 deleted",
        ],
    );
}

#[test]
fn when_scaled_delete_takes_the_claims_of_the_pods_scaled_away() {
    tells(
        "retention_delete",
        &[
            "its claim data-cache-2 is deleted too (persistentVolumeClaimRetentionPolicy.whenScaled: Delete)",
        ],
    );
}

#[test]
fn a_claim_another_controller_owns_is_kept_on_scale_down() {
    tells(
        "retention_other_owner",
        &[
            "web-2 gone; its claim www-web-2 is deleted too (persistentVolumeClaimRetentionPolicy.whenScaled: Delete)",
            "web-1 gone; its claim www-web-1 is kept: ConfigMap keeper controls it, so persistentVolumeClaimRetentionPolicy does not apply to it",
        ],
    );
    never("retention_other_owner", "claim www-web-1 deleted");
}

#[test]
fn claims_of_an_adopted_pod_follow_the_retention_policy() {
    tells(
        "adopt_retention",
        &[
            "web-2 released by StatefulSet web",
            "web-2 adopted by StatefulSet web",
            "web-2 gone; its claim www-web-2 is deleted too",
            "web-1 gone; its claim www-web-1 is deleted too",
        ],
    );
}

#[test]
fn a_pending_pods_missing_claim_is_created_again() {
    tells(
        "missing_claim",
        &[
            "claim www-web-0 deleted",
            "now CreatingClaim: web-0 is Pending and its claim www-web-0 is missing: the controller creates it again when it next syncs web",
            "claim www-web-0 created from the StatefulSet's volumeClaimTemplate",
        ],
    );
    // An unscheduled pod does not hold its claim (pvc-protection).
    never("missing_claim", "keeps it while web-0 uses it");
    let (_, screen) = frame(
        "missing_claim",
        0,
        now_says(Reason::CreatingClaim, "www-web-0"),
    );
    insta::assert_snapshot!("missing_claim_100x30", screen.join("\n"));
}

#[test]
fn start_ordinal_set_increased_decreased_and_removed() {
    tells(
        "start_ordinal",
        &[
            "shard-5 created: the first ordinal (5, ordinals.start) comes first",
            "shard-6 created: shard-5 is Ready",
            "shard: replicas 2 → 3; OrderedReady creates shard-7 first",
            "shard: ordinals.start 5 → 6, replicas 3 → 3: the pods are to be shard-6 … shard-8",
            "shard-8 created",
            "now ScalingDown: ordinals.start is 6: shard-5 is below the range and goes, highest first",
            "shard-5 terminating: ordinals.start is 6",
            "shard: ordinals.start 6 → 4",
            "shard-4 created: the first ordinal (4, ordinals.start) comes first",
            "shard-5 recreated with a new UID",
            "now ScalingDown: scaling down to 3: shard-8 goes first",
            "shard: ordinals.start 4 → 0",
            "shard-0 created: ordinal 0 comes first",
        ],
    );
    never("start_ordinal", "shard-0 not created yet");
    // Opened on two pods from ordinal 5: two rows, nothing scaling.
    let (model, screen) = frame("start_ordinal", 0, |m: &Model| {
        m.statefulsets().next().is_some_and(|(key, s)| {
            s.status.ready_replicas == Some(2)
                && views::timeline(m, key).len() == 2
                && views::waiting(m, key).is_none()
        })
    });
    let rows: Vec<&String> = screen
        .iter()
        .filter(|l| l.starts_with("│shard-") && l.contains('▏'))
        .collect();
    assert_eq!(rows.len(), 2, "{}", screen.join("\n"));
    assert!(rows[0].starts_with("│shard-5") && rows[1].starts_with("│shard-6"));
    let key = model.statefulsets().next().unwrap().0.clone();
    let claims: Vec<String> = views::storage_rows(&model, &key)
        .claims()
        .map(|(_, c)| c.to_string())
        .collect();
    assert_eq!(claims, ["data-shard-5", "data-shard-6"]);
    // Stable names for the ordinals there are, nothing below the start.
    let names: Vec<String> = views::network_identity(&model, &key, "cluster.local")
        .map(|n| n.pods.into_iter().map(|p| p.dns).collect())
        .unwrap_or_default();
    assert_eq!(
        names
            .iter()
            .map(|n| n.split('.').next().unwrap())
            .collect::<Vec<_>>(),
        ["shard-5", "shard-6"],
        "{names:?}"
    );
    insta::assert_snapshot!("start_ordinal_100x30", screen.join("\n"));
    // The picker says where the numbering starts.
    let view = {
        let mut view = ViewState::default();
        view.labels.context = "kwok-stsdash".into();
        view.chrome.dialog = Some(stsdash::ui::Dialog::PickStatefulSet { selected: 0 });
        view
    };
    let theme = Theme::load("projector").unwrap();
    let picker = lines(&render(100, 30, &model, &view, &theme)).join("\n");
    assert!(
        picker.contains("2 ready / 2 desired · shard-5…6"),
        "{picker}"
    );
}

#[test]
fn no_service_two_claim_templates_zero_replicas_and_another_owners_pods() {
    let (model, screen) = frame("odd_specs", 0, |m: &Model| {
        m.statefulsets()
            .next()
            .is_some_and(|(_, s)| s.status.ready_replicas == Some(2))
    });
    let key = model.statefulsets().next().unwrap().0.clone();
    assert!(
        screen[0].contains("no serviceName"),
        "{}",
        screen.join("\n")
    );
    assert!(
        screen
            .iter()
            .any(|l| l.contains("DNS none (the StatefulSet names no serviceName)"))
    );
    let claims: Vec<String> = views::storage_rows(&model, &key)
        .claims()
        .map(|(_, c)| c.to_string())
        .collect();
    assert_eq!(
        claims,
        ["data-data-0", "logs-data-0", "data-data-1", "logs-data-1"]
    );
    // The Deployment's pod matches the selector, but is not the StatefulSet's.
    assert!(
        model
            .store
            .pods
            .keys()
            .any(|k| k.name.starts_with("helper-"))
    );
    assert_eq!(views::timeline(&model, &key).len(), 2);
    assert!(
        !screen.iter().any(|l| l.contains("helper")),
        "{}",
        screen.join("\n")
    );
    insta::assert_snapshot!("odd_specs_100x30", screen.join("\n"));
    // At 0 replicas nothing waits.
    let zero = recorded("odd_specs", |m: &Model| m.store.statefulsets.len() == 1);
    let key = zero.statefulsets().next().unwrap().0.clone();
    assert!(views::timeline(&zero, &key).is_empty());
}

#[test]
fn a_controller_that_does_not_act_is_said_so_and_predicts_nothing() {
    tells(
        "controller_paused",
        &[
            "web: replicas 2 → 3",
            "now NotObserved: the StatefulSet controller has not read generation 2 of web yet (status is of generation 1)",
            "web-2 created",
        ],
    );
    never("controller_paused", "web-2 about to be created");
    // Ten seconds on, with no change, the dashboard's clock makes it overdue.
    let w = waiting_when(
        "controller_paused",
        now_says(Reason::NotObserved, "generation 2"),
    );
    assert_eq!(w.reason, Reason::NotObserved);
    let (model, screen) = frame(
        "controller_paused",
        12_000,
        now_says(Reason::NotObserved, "generation 2"),
    );
    let key = model.statefulsets().next().unwrap().0.clone();
    let w = views::waiting_at(&model, &key, model.now + 12_000).unwrap();
    assert_eq!(w.reason, Reason::ControllerIdle);
    assert!(
        w.text
            .contains("has not acted on generation 2 of web for 10s"),
        "{}",
        w.text
    );
    insta::assert_snapshot!("controller_paused_100x30", screen.join("\n"));
}

#[test]
fn seeds_storage_static_volumes_and_deletes() {
    tells(
        "pvc_pod_web",
        &[
            "claim www-web-0 bound to volume",
            "web-1 created: web-0 is Ready",
        ],
    );
    tells(
        "static_pv_waiting",
        &[
            "a pre-provisioned (static) volume",
            "now Pending: web2-2 is Pending, not on a node yet",
        ],
    );
    tells(
        "billing_delete",
        &[
            "billing-stateful-2 terminating: it was deleted; the controller will recreate it",
            "billing-stateful-2 recreated with a new UID: it keeps its name and its claim",
        ],
    );
    tells(
        "billing_released",
        &["Released: its claim logs-billing-stateful-2 is gone; reclaimPolicy Retain keeps it"],
    );
    tells(
        "mehdb",
        &[
            "now NotReady: mehdb-3 not created yet: OrderedReady waits for mehdb-2 to be Ready",
            "mehdb-3 created: mehdb-2 is Ready",
        ],
    );
}
