//! `stsdash dump` against the lab: it agrees with kubectl, its timeline shows
//! the controller's order, kept claims are marked, a replay of its recording
//! gives the same dump, and the limited user's dump works.

mod common;

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use common::{PodRecorder, PodStep, TestNamespace, create_web, has};
use k8s_openapi::api::core::v1::Pod;
use kube::Api;
use kube::api::DeleteParams;
use serde_json::Value;

const LIMIT: Duration = Duration::from_secs(120);

fn stsdash(kubeconfig: &std::path::Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_stsdash"));
    cmd.env("KUBECONFIG", kubeconfig);
    cmd
}

/// Starts `stsdash dump --json --for 10m --record FILE` and waits until it says it has synced.
fn start_dump(ns: &TestNamespace, record: &std::path::Path) -> Child {
    let mut child = stsdash(&ns.kubeconfig)
        .args(["dump", "-n", &ns.name, "--json", "--for", "10m", "--record"])
        .arg(record)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start stsdash dump");
    let mut stderr = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    std::io::BufRead::read_line(&mut stderr, &mut line).unwrap();
    assert!(
        line.starts_with("stsdash: synced; watching for 10m"),
        "{line}"
    );
    child
}

/// Ends the dump's watching with SIGINT and parses what it printed.
fn finish_dump(child: Child) -> (Value, String) {
    Command::new("kill")
        .arg("-INT")
        .arg(child.id().to_string())
        .status()
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        serde_json::from_str(&stdout).expect("dump prints JSON"),
        stdout,
    )
}

fn kubectl_json(ns: &TestNamespace, what: &str) -> Value {
    serde_json::from_str(&ns.kubectl(&["get", what, "-o", "json"])).unwrap()
}

/// Waits until the recording holds every pod, claim and StatefulSet of the
/// namespace at the very version kubectl shows now: stsdash has seen all
/// there is to see.
fn until_recorded(ns: &TestNamespace, record: &std::path::Path) {
    let deadline = std::time::Instant::now() + LIMIT;
    loop {
        let now = kubectl_json(ns, "pods,persistentvolumeclaims,statefulsets");
        let versions: Vec<(String, String)> = now["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| {
                let m = &o["metadata"];
                (
                    m["uid"].as_str().unwrap().to_string(),
                    m["resourceVersion"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        // Read while stsdash writes: a line cut short is read again next time.
        let recorded = std::fs::read_to_string(record).unwrap_or_default();
        let seen = versions.iter().all(|(uid, rv)| {
            recorded.lines().any(|l| {
                l.contains(&format!("\"uid\":\"{uid}\""))
                    && l.contains(&format!("\"resourceVersion\":\"{rv}\""))
            })
        });
        if seen {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "stsdash never saw all of {versions:?}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

fn first_marker(dump: &Value, pod: &str, kind: &str) -> i64 {
    let row = dump["statefulsets"][0]["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["pod"] == pod)
        .unwrap_or_else(|| panic!("no row {pod}"));
    row["life"]["incarnations"][0]["markers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["kind"] == kind)
        .unwrap_or_else(|| panic!("no {kind} marker for {pod}: {row}"))["at"]
        .as_i64()
        .unwrap()
}

#[tokio::test]
async fn dump_agrees_with_kubectl_and_shows_the_order_of_a_scale_up_down_and_delete() {
    let ns = TestNamespace::new("dump").await;
    let dir = std::env::temp_dir().join(format!("stsdash-{}", ns.name));
    std::fs::create_dir_all(&dir).unwrap();
    let record = dir.join("recording.jsonl");
    let mut pods = PodRecorder::start(&ns);
    create_web(&ns, 0, "OrderedReady", None).await;
    let child = start_dump(&ns, &record);

    common::scale(&ns, "web", 3).await;
    pods.until(LIMIT, "web-2 Ready", |e| has(e, "web-2", PodStep::Ready))
        .await;
    common::scale(&ns, "web", 1).await;
    pods.until(LIMIT, "web-1 gone", |e| has(e, "web-1", PodStep::Gone))
        .await;
    let pod_api: Api<Pod> = ns.api();
    pod_api
        .delete("web-0", &DeleteParams::default())
        .await
        .unwrap();
    pods.until(LIMIT, "a new web-0 Ready", |e| {
        e.iter()
            .filter(|ev| ev.name == "web-0" && ev.step == PodStep::Ready)
            .count()
            == 2
    })
    .await;
    // What kubectl shows now, stsdash has seen too.
    until_recorded(&ns, &record);
    let (dump, live_text) = finish_dump(child);
    let sts_dump = &dump["statefulsets"][0];

    // Agrees with kubectl: the pods and their phase, the claims and their volumes.
    let kpods = kubectl_json(&ns, "pods");
    let kpod = &kpods["items"].as_array().unwrap()[..];
    assert_eq!(kpod.len(), 1);
    assert_eq!(kpod[0]["metadata"]["name"], "web-0");
    let rows = sts_dump["timeline"].as_array().unwrap();
    let live: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (r["pod"].as_str().unwrap(), r["phase"].as_str().unwrap()))
        .collect();
    assert_eq!(
        live,
        [("web-0", "Ready"), ("web-1", "Gone"), ("web-2", "Gone")]
    );
    let current_uid = rows[0]["life"]["incarnations"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()["uid"]
        .clone();
    assert_eq!(current_uid, kpod[0]["metadata"]["uid"]);

    let kclaims = kubectl_json(&ns, "pvc");
    let mut from_kubectl: Vec<(String, String, String)> = kclaims["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["metadata"]["name"].as_str().unwrap().to_string(),
                c["status"]["phase"].as_str().unwrap().to_string(),
                c["spec"]["volumeName"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    from_kubectl.sort();
    let bindings = sts_dump["binding_graph"]["bindings"].as_array().unwrap();
    let from_dump: Vec<(String, String, String)> = bindings
        .iter()
        .map(|b| {
            (
                b["claim"]["name"].as_str().unwrap().to_string(),
                b["claim"]["phase"].as_str().unwrap().to_string(),
                b["volume"]["name"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(from_dump, from_kubectl);

    // The kept claims are marked.
    let kept: Vec<&str> = bindings
        .iter()
        .filter(|b| b["claim"]["without_pod"] == true)
        .map(|b| b["claim"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(kept, ["www-web-1", "www-web-2"]);

    // The timeline: web-0 Ready before web-1 was created; web-2 gone before web-1 terminated.
    assert!(first_marker(&dump, "web-0", "ready") <= first_marker(&dump, "web-1", "created"));
    assert!(first_marker(&dump, "web-1", "ready") <= first_marker(&dump, "web-2", "created"));
    assert!(
        first_marker(&dump, "web-2", "deleted")
            <= first_marker(&dump, "web-1", "deletion_requested")
    );
    assert_eq!(
        rows[0]["life"]["incarnations"].as_array().unwrap().len(),
        2,
        "web-0 had two incarnations"
    );

    let rollout = &sts_dump["rollout"];
    assert_eq!(rollout["desired"], 1);
    assert_eq!(rollout["pod_management_policy"], "OrderedReady");

    // Replaying the recording gives the same dump.
    let replay = stsdash(&ns.kubeconfig)
        .args(["replay", "--json", "--speed", "1000"])
        .arg(&record)
        .output()
        .unwrap();
    assert!(
        replay.status.success(),
        "{}",
        String::from_utf8_lossy(&replay.stderr)
    );
    assert_eq!(String::from_utf8(replay.stdout).unwrap(), live_text);
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn the_limited_users_dump_works_and_marks_volumes_and_classes_not_permitted() {
    let ns = TestNamespace::new("dump-student").await;
    create_web(&ns, 1, "OrderedReady", None).await;
    let mut pods = PodRecorder::start(&ns);
    pods.until(LIMIT, "web-0 Ready", |e| has(e, "web-0", PodStep::Ready))
        .await;
    let kubeconfig = common::lab_user(&ns, None);
    let out = stsdash(&kubeconfig)
        .args(["dump", "--json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dump: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(dump["connection"]["state"], "synced");
    assert_eq!(
        dump["access"]["persistentvolumes"]["state"],
        "not_permitted"
    );
    assert_eq!(dump["access"]["storageclasses"]["state"], "not_permitted");
    assert_eq!(dump["access"]["pods"]["state"], "synced");
    let binding = &dump["statefulsets"][0]["binding_graph"]["bindings"][0];
    assert_eq!(binding["claim"]["name"], "www-web-0");
    assert_eq!(binding["claim"]["phase"], "Bound");
    assert_eq!(binding["volume"]["visibility"], "not_permitted");
    assert_eq!(binding["class"]["visibility"], "not_permitted");

    let text = stsdash(kubeconfig.as_ref()).arg("dump").output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(
        text.contains("not permitted: persistentvolumes, storageclasses"),
        "{text}"
    );
    assert!(text.contains("volume: not permitted"), "{text}");
}

/// `--lang ru` and `--lang zh-TW`: the dump's headings and its narration
/// in that language, the same facts as in English (issue #24).
#[tokio::test]
async fn the_dump_speaks_the_language_asked() {
    use stsdash::i18n::{Lang, Value, text_in};
    let ns = TestNamespace::new("dump-lang").await;
    create_web(&ns, 1, "OrderedReady", None).await;
    let mut pods = PodRecorder::start(&ns);
    pods.until(LIMIT, "web-0 Ready", |e| has(e, "web-0", PodStep::Ready))
        .await;
    let mut narrations = Vec::new();
    for lang in Lang::ALL {
        let out = stsdash(&ns.kubeconfig)
            .args(["--lang", lang.tag(), "dump", "-n", &ns.name])
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let say = |id: &str, pod: &str| text_in(lang, id, &[("pod", Value::from(pod))]);
        let heading = text_in(lang, "dump-narration", &[]);
        let (_, narration) = text
            .split_once(&format!("\n{heading}\n"))
            .unwrap_or_else(|| panic!("{}: no {heading:?} in\n{text}", lang.tag()));
        for line in [
            say("narration-pod-created", "web-0"),
            say("narration-pod-ready", "web-0"),
        ] {
            assert!(
                narration.contains(&line),
                "{}: {line:?} in\n{narration}",
                lang.tag()
            );
        }
        narrations.push(narration.lines().count());
    }
    // The same story in each language: as many lines.
    assert!(
        narrations.windows(2).all(|w| w[0] == w[1]),
        "{narrations:?}"
    );
}

#[tokio::test]
async fn a_missing_statefulset_or_namespace_is_one_line() {
    let ns = TestNamespace::new("dump-missing").await;
    let out = stsdash(&ns.kubeconfig)
        .args(["dump", "nope", "-n", &ns.name])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        stderr,
        format!(
            "stsdash: StatefulSet nope not found in namespace {}\n",
            ns.name
        )
    );
    let out = stsdash(&ns.kubeconfig)
        .args(["dump", "-n", "no-such-namespace"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "stsdash: namespace no-such-namespace does not exist\n"
    );
}
