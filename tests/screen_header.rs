//! What the user guide says the header and the timeline show
//! (docs/user-guide.md, The screen), each seen on the real binary in tmux
//! against the lab: the header's Service, a requested scale, available pods
//! and a rollback; the minReadySeconds countdown; the timeline's
//! `created next` and `=`.

mod common;

use std::time::Duration;

use common::TestNamespace;
use common::screen::{
    ClusterObjects, LIMIT, apply, apply_with, dashboard, header, row, statefulset,
};

/// The governing Service as the header names it: a ClusterIP Service is
/// `not headless`, a name with no Service is `missing`.
#[tokio::test]
async fn the_header_says_a_service_is_not_headless_or_missing() {
    let ns = TestNamespace::new("svc").await;
    apply(
        &ns,
        "apiVersion: v1\nkind: Service\nmetadata: {name: plain}\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]\n",
    );
    apply(&ns, &statefulset("web", 1, "plain", "", ""));
    apply(&ns, &statefulset("lone", 1, "nowhere", "", ""));
    let web = dashboard(&ns, "web", "web");
    web.until(LIMIT, "service plain (not headless)", |s| {
        header(s).contains("service plain (not headless)")
    });
    let lone = dashboard(&ns, "lone", "lone");
    lone.until(LIMIT, "service nowhere (missing)", |s| {
        header(s).contains("service nowhere (missing)")
    });
    for tmux in [web, lone] {
        tmux.keys("q");
        tmux.assert_exited_and_restored();
    }
}

/// `→ N requested` while a scale stsdash asked for is not shown by the
/// StatefulSet: a MutatingAdmissionPolicy (bound to this namespace only)
/// keeps the scale subresource's replicas as they were, so the request
/// succeeds and the StatefulSet never shows it; after a while the header
/// lets it go.
#[tokio::test]
async fn a_scale_the_statefulset_does_not_show_yet_is_said_requested() {
    let ns = TestNamespace::new("req").await;
    let policy = format!("stsdash-test-hold-{}", ns.name);
    let _objects = ClusterObjects {
        kubeconfig: ns.kubeconfig.clone(),
        names: vec![
            format!("mutatingadmissionpolicy/{policy}"),
            format!("mutatingadmissionpolicybinding/{policy}"),
        ],
    };
    apply_with(
        &ns.kubeconfig,
        &[],
        &format!(
            "apiVersion: admissionregistration.k8s.io/v1\nkind: MutatingAdmissionPolicy\nmetadata: {{name: {policy}}}\nspec:\n  matchConstraints:\n    resourceRules:\n    - {{apiGroups: [apps], apiVersions: [v1], operations: [UPDATE], resources: [statefulsets/scale]}}\n  failurePolicy: Fail\n  reinvocationPolicy: Never\n  mutations:\n  - patchType: JSONPatch\n    jsonPatch:\n      expression: '[JSONPatch{{op: \"replace\", path: \"/spec/replicas\", value: oldObject.spec.replicas}}]'\n---\napiVersion: admissionregistration.k8s.io/v1\nkind: MutatingAdmissionPolicyBinding\nmetadata: {{name: {policy}}}\nspec:\n  policyName: {policy}\n  matchResources:\n    namespaceSelector:\n      matchLabels: {{kubernetes.io/metadata.name: {ns}}}\n",
            ns = ns.name
        ),
    );
    common::create_web(&ns, 1, "OrderedReady", None).await;
    // The policy holds once the API server has it: a dry run shows it.
    let deadline = std::time::Instant::now() + LIMIT;
    while ns.kubectl(&[
        "patch",
        "statefulset",
        "web",
        "--subresource=scale",
        "--type=merge",
        "-p",
        r#"{"spec":{"replicas":5}}"#,
        "--dry-run=server",
        "-o",
        "jsonpath={.spec.replicas}",
    ]) != "1"
    {
        assert!(
            std::time::Instant::now() < deadline,
            "the policy never held the replicas"
        );
        std::thread::sleep(Duration::from_millis(300));
    }
    let tmux = dashboard(&ns, "dash", "web");
    tmux.until(LIMIT, "web-0 Ready", |s| s.contains("Y Ready"));
    tmux.keys("+");
    let screen = tmux.until(LIMIT, "→ 2 requested", |s| {
        header(s).contains("→ 2 requested")
    });
    assert!(header(&screen).contains("replicas 1 desired"), "{screen}");
    // The StatefulSet never shows 2: the header lets the request go.
    tmux.until(LIMIT, "the request let go", |s| {
        !header(s).contains("→ 2 requested") && header(s).contains("replicas 1 desired")
    });
    tmux.keys("q");
    tmux.assert_exited_and_restored();
}

/// The number before `s to go)` on the now line: the seconds left of
/// minReadySeconds.
fn to_go(flat: &str) -> Option<u32> {
    let end = flat.find("s to go)")?;
    let digits: String = flat[..end]
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    digits.parse().ok()
}

/// With minReadySeconds the now line counts down to the pod being
/// available, and the header counts the available pods.
#[tokio::test]
async fn min_ready_seconds_counts_down_and_the_header_counts_available() {
    let ns = TestNamespace::new("minready").await;
    let tmux = dashboard(&ns, "dash", "web");
    tmux.until(LIMIT, "the dashboard", |s| s.contains("● synced"));
    apply(
        &ns,
        &statefulset("web", 2, "web", "  minReadySeconds: 15\n", ""),
    );
    let screen = tmux.until(LIMIT, "the countdown", |s| {
        common::flat(s).contains(
            "web-1 not created yet: OrderedReady waits for web-0 to be available (Ready for",
        ) && to_go(&common::flat(s)).is_some()
    });
    assert!(
        common::flat(&screen).contains("of minReadySeconds 15s,"),
        "{screen}"
    );
    assert!(header(&screen).contains("· 0 available"), "{screen}");
    let first = to_go(&common::flat(&screen)).unwrap();
    tmux.until(LIMIT, "the countdown going down", |s| {
        to_go(&common::flat(s)).is_some_and(|now| now < first)
    });
    tmux.until(LIMIT, "web-0 available", |s| {
        header(s).contains("· 1 available")
    });
    tmux.until(LIMIT, "both available", |s| {
        header(s).contains("· 2 available")
    });
    tmux.keys("q");
    tmux.assert_exited_and_restored();
}

/// A rollback, as the header says it: after a rolling update, the old
/// template applied again (with a partition that holds every pod where it
/// is, so the rollback stays on screen): `rolling back: revision X → Y`,
/// X the current revision, Y the earlier one the update goes back to.
#[tokio::test]
async fn a_rollback_is_said_in_the_header() {
    let ns = TestNamespace::new("rollback").await;
    common::create_web(&ns, 2, "OrderedReady", None).await;
    let tmux = dashboard(&ns, "dash", "web");
    tmux.until(LIMIT, "two Ready", |s| s.matches("Y Ready").count() == 2);
    let revision = |which: &str| {
        ns.kubectl(&[
            "get",
            "statefulset",
            "web",
            "-o",
            &format!("jsonpath={{.status.{which}}}"),
        ])
    };
    let first = revision("currentRevision");
    common::screen::new_revision(&ns);
    let deadline = std::time::Instant::now() + LIMIT;
    let second = loop {
        let (current, update) = (revision("currentRevision"), revision("updateRevision"));
        if current == update && current != first && revision("updatedReplicas") == "2" {
            break current;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the update never ended"
        );
        std::thread::sleep(Duration::from_millis(300));
    };
    tmux.until(LIMIT, "the new revision in the header", |s| {
        header(s).contains(&format!("revision {second}")) && !header(s).contains('→')
    });
    // Back to the first template; the partition keeps both pods at the second.
    ns.kubectl(&[
        "patch",
        "statefulset",
        "web",
        "--type=merge",
        "-p",
        r#"{"spec":{"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":2}},"template":{"metadata":{"annotations":{"lab.stsdash.dev/version":null}}}}}"#,
    ]);
    let screen = tmux.until(LIMIT, "rolling back", |s| {
        header(s).contains("rolling back:")
    });
    assert_eq!(
        revision("updateRevision"),
        first,
        "the first revision again"
    );
    assert!(
        header(&screen).contains(&format!("rolling back: revision {second} → {first}")),
        "{screen}"
    );
    tmux.keys("q");
    tmux.assert_exited_and_restored();
}

/// A pod of the StatefulSet's name and labels with no controller (the
/// StatefulSet deleted with its pods orphaned, then created again) is
/// adopted: its row gets `=` and the narration says so.
#[tokio::test]
async fn an_orphan_of_the_statefulsets_name_is_adopted_with_a_mark() {
    let ns = TestNamespace::new("adopt").await;
    common::create_web(&ns, 1, "OrderedReady", None).await;
    let tmux = dashboard(&ns, "dash", "web");
    tmux.until(LIMIT, "web-0 Ready", |s| s.contains("Y Ready"));
    assert!(!row(&tmux.screen(), "web-0").contains('='));
    common::replace_statefulset(&ns, "web").await;
    tmux.until(LIMIT, "web-0 adopted", |s| {
        common::flat(s).contains("web-0 adopted by StatefulSet web")
    });
    // The row's past, left of the state column.
    tmux.until(LIMIT, "= on web-0's row", |s| {
        let web0 = row(s, "web-0");
        let past: String = web0
            .chars()
            .take(web0.chars().count().saturating_sub(20))
            .collect();
        past.contains('=')
    });
    tmux.keys("q");
    tmux.assert_exited_and_restored();
}

/// While web-0 never becomes Ready (the lab's ready-delay of an hour),
/// OrderedReady holds: web-0 holds the others back (`◀`), web-1 is `created
/// next` (`▸`) and web-2 `not created yet`.
#[tokio::test]
async fn the_next_ordinal_is_created_next_and_the_others_not_yet() {
    let ns = TestNamespace::new("next").await;
    apply(
        &ns,
        &statefulset(
            "web",
            3,
            "web",
            "",
            "      annotations: {lab.stsdash.dev/ready-delay: 1h}\n",
        ),
    );
    let tmux = dashboard(&ns, "dash", "web");
    let screen = tmux.until(LIMIT, "web-1 created next", |s| {
        row(s, "web-0").contains("R Running")
            && row(s, "web-1").contains("created next ▸")
            && row(s, "web-2").contains("not created yet")
    });
    assert!(row(&screen, "web-0").contains('◀'), "{screen}");
    tmux.keys("q");
    tmux.assert_exited_and_restored();
}
