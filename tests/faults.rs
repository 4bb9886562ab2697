//! The dashboard tells the truth through faults, on the lab: the API server
//! restarted, paused, its connections cut, etcd paused. While something is
//! down the header says so and how old the data is; within 10 s of the fault
//! ending it says synced, and the screen agrees with kubectl: pods, claims,
//! volumes. (One test: the faults hit the whole lab.)
//! `benches/soak` does the same 20 + 5 times and prints a table.

mod common;

use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::Value;

use common::{TestNamespace, Tmux, create_web};

const LIMIT: Duration = Duration::from_secs(90);
/// The budget from the fault's end to a synced header.
const SYNCED_WITHIN: Duration = Duration::from_secs(10);

fn fault(args: &[&str]) {
    let out = Command::new(common::repo().join("lab/fault"))
        .args(args)
        .output()
        .expect("lab/fault");
    assert!(
        out.status.success(),
        "lab/fault {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn header(screen: &str) -> String {
    screen.lines().take(3).collect::<Vec<_>>().join("\n")
}

/// What kubectl says the screen should show: each pod Ready or not, each
/// claim's phase, the volume bound to each claim.
fn kubectl_facts(ns: &TestNamespace) -> Vec<String> {
    let json: Value =
        serde_json::from_str(&ns.kubectl(&["get", "pods,persistentvolumeclaims", "-o", "json"]))
            .unwrap();
    let mut facts = Vec::new();
    for item in json["items"].as_array().unwrap() {
        let name = item["metadata"]["name"].as_str().unwrap();
        match item["kind"].as_str().unwrap() {
            "Pod" => {
                let ready = item["status"]["conditions"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .any(|c| c["type"] == "Ready" && c["status"] == "True");
                let deleting = item["metadata"]["deletionTimestamp"].is_string();
                facts.push(format!(
                    "row {name} {}",
                    if deleting {
                        "T Terminating"
                    } else if ready {
                        "Y Ready"
                    } else {
                        "not ready"
                    }
                ));
            }
            _ => {
                let phase = item["status"]["phase"].as_str().unwrap_or("Pending");
                facts.push(format!("claim {name} {phase}"));
                if let Some(volume) = item["spec"]["volumeName"].as_str() {
                    // The graph shortens a provisioned volume's name.
                    let short: String = volume.chars().take(12).collect();
                    facts.push(format!("volume {short}"));
                }
            }
        }
    }
    facts
}

/// Whether the screen shows each fact kubectl gives, and no Ready row kubectl lacks.
fn agrees(screen: &str, facts: &[String]) -> Result<(), String> {
    let row = |pod: &str| {
        screen
            .lines()
            .find(|l| l.starts_with(&format!("│{pod} ")))
            .map(str::to_string)
    };
    for fact in facts {
        let ok = if let Some(rest) = fact.strip_prefix("row ") {
            let (pod, state) = rest.split_once(' ').unwrap();
            match (row(pod), state) {
                (Some(r), "not ready") => !r.contains("Y Ready"),
                (Some(r), state) => r.contains(state),
                (None, _) => false,
            }
        } else if let Some(claim) = fact.strip_prefix("claim ") {
            screen.contains(claim)
        } else if let Some(volume) = fact.strip_prefix("volume ") {
            screen.contains(volume)
        } else {
            false
        };
        if !ok {
            return Err(fact.clone());
        }
    }
    let ready_rows = screen.lines().filter(|l| l.contains("Y Ready")).count();
    let ready_pods = facts.iter().filter(|f| f.ends_with("Y Ready")).count();
    if ready_rows != ready_pods {
        return Err(format!("{ready_rows} Ready rows, {ready_pods} Ready pods"));
    }
    Ok(())
}

/// After a fault: synced within the budget, then the screen agrees with kubectl.
fn recovers(tmux: &Tmux, ns: &TestNamespace, what: &str) {
    let ended = Instant::now();
    tmux.until(SYNCED_WITHIN, &format!("synced after {what}"), |s| {
        header(s).contains("● synced")
    });
    eprintln!(
        "{what}: synced {:.1}s after it ended",
        ended.elapsed().as_secs_f64()
    );
    let deadline = Instant::now() + LIMIT;
    loop {
        let facts = kubectl_facts(ns);
        let screen = tmux.screen();
        match agrees(&screen, &facts) {
            Ok(()) => return,
            Err(missing) => assert!(
                Instant::now() < deadline,
                "after {what} the screen lacks {missing:?}; kubectl: {facts:?}\n{screen}"
            ),
        }
        std::thread::sleep(Duration::from_millis(300));
    }
}

#[tokio::test]
async fn the_header_and_the_screen_tell_the_truth_through_faults() {
    let ns = TestNamespace::new("faults").await;
    create_web(&ns, 2, "OrderedReady", None).await;
    // A tall terminal: every row and claim on one screen; stsdash's own log
    // in a file, to see what happened between two screens.
    let log = std::env::temp_dir().join(format!("stsdash-{}.log", ns.name));
    let _ = std::fs::remove_file(&log);
    let tmux = Tmux::start_sized(
        &ns.name,
        &format!(
            "KUBECONFIG={} {} -n {} web --log-file {}; echo stsdash-exited-$?; sleep 60",
            ns.kubeconfig.display(),
            env!("CARGO_BIN_EXE_stsdash"),
            ns.name,
            log.display()
        ),
        160,
        60,
    );
    let log_lines = |what: &str| {
        std::fs::read_to_string(&log)
            .unwrap_or_default()
            .lines()
            .filter(|l| l.contains(what))
            .count()
    };
    tmux.until(LIMIT, "two Ready rows", |s| {
        s.matches("Y Ready").count() == 2
    });
    recovers(&tmux, &ns, "the start");

    // The API server killed and started again; meanwhile nothing can change.
    // Right after, a scale-up: the watches that came back must show it.
    // The screen is read while it happens: the header leaves synced.
    let restart = std::thread::spawn(|| fault(&["apiserver-restart"]));
    tmux.until(LIMIT, "the header saying the server is gone", |s| {
        header(s).contains("reconnecting")
    });
    restart.join().unwrap();
    recovers(&tmux, &ns, "an API server restart");
    common::scale(&ns, "web", 3).await;
    tmux.until(LIMIT, "web-2 Ready", |s| s.matches("Y Ready").count() == 3);
    recovers(&tmux, &ns, "the scale-up after the restart");

    // The API server frozen: its connections stay open and say nothing. The
    // header must say so while it lasts, and how old the data is.
    let pause = std::thread::spawn(|| fault(&["apiserver-pause", "12"]));
    let screen = tmux.until(Duration::from_secs(12), "the header saying so", |s| {
        header(s).contains("reconnecting") && header(s).contains("data as of")
    });
    assert!(header(&screen).contains("API server"), "{screen}");
    pause.join().unwrap();
    recovers(&tmux, &ns, "an API server pause");

    // Every connection cut at once; then a change that only a watch that came back sees.
    // Too short for the header to show for long: stsdash's log says each
    // watch was lost and came back.
    let (lost, resumed) = (
        log_lines("watch failed, retrying"),
        log_lines("watch resumed"),
    );
    fault(&["drop-connections"]);
    let deadline = Instant::now() + LIMIT;
    while log_lines("watch failed, retrying") == lost || log_lines("watch resumed") == resumed {
        assert!(
            Instant::now() < deadline,
            "no watch said lost and resumed after the cut:\n{}",
            std::fs::read_to_string(&log).unwrap_or_default()
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    common::scale(&ns, "web", 2).await;
    tmux.until(LIMIT, "web-2 gone", |s| s.matches("Y Ready").count() == 2);
    recovers(&tmux, &ns, "cut connections");

    // etcd frozen: the API server answers nothing new.
    let pause = std::thread::spawn(|| fault(&["etcd-pause", "8"]));
    tmux.until(Duration::from_secs(8), "the header saying so", |s| {
        header(s).contains("reconnecting")
    });
    pause.join().unwrap();
    recovers(&tmux, &ns, "an etcd pause");

    // The controller manager frozen: the API server answers, the header
    // stays synced, and a scale is not predicted but said to wait for a
    // controller that does not act (on a stacked layout, so it reads whole).
    let stacked = Tmux::start_sized(
        &format!("{}-stacked", ns.name),
        &format!(
            "KUBECONFIG={} {} -n {} web; echo stsdash-exited-$?; sleep 60",
            ns.kubeconfig.display(),
            env!("CARGO_BIN_EXE_stsdash"),
            ns.name
        ),
        120,
        50,
    );
    stacked.until(LIMIT, "two Ready rows", |s| {
        s.matches("Y Ready").count() == 2
    });
    let pause = fault_started(&["controller-pause", "25"]);
    common::scale(&ns, "web", 3).await;
    stacked.until(Duration::from_secs(8), "the spec not read", |s| {
        common::flat(s).contains("the StatefulSet controller has not read generation")
    });
    let screen = stacked.until(
        Duration::from_secs(20),
        "the controller said to be behind",
        |s| common::flat(s).contains("the StatefulSet controller has not acted on generation"),
    );
    let flat = common::flat(&screen);
    assert!(
        flat.contains("kube-controller-manager may be down or behind"),
        "{screen}"
    );
    assert!(!flat.contains("web-2 about to be created"), "{screen}");
    assert!(header(&screen).contains("● synced"), "{screen}");
    pause.wait();
    stacked.until(LIMIT, "web-2 Ready once it acts", |s| {
        s.matches("Y Ready").count() == 3
    });
    stacked.keys("q");
    stacked.assert_exited_and_restored();

    tmux.keys("q");
    tmux.assert_exited_and_restored();
}

/// A fault that lasts: started, and returned once it has begun (its first
/// line); what it says after is read too, so it never writes to a closed pipe.
struct Running(
    std::process::Child,
    std::io::BufReader<std::process::ChildStdout>,
);

impl Running {
    fn wait(mut self) {
        let _ = std::io::Read::read_to_end(&mut self.1, &mut Vec::new());
        let status = self.0.wait().expect("lab/fault");
        assert!(status.success(), "lab/fault ended with {status}");
    }
}

fn fault_started(args: &[&str]) -> Running {
    use std::io::BufRead;
    let mut child = Command::new(common::repo().join("lab/fault"))
        .args(args)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("lab/fault");
    let mut first = String::new();
    let mut out = std::io::BufReader::new(child.stdout.take().unwrap());
    out.read_line(&mut first)
        .expect("lab/fault says when the fault begins");
    assert!(first.starts_with("paused"), "lab/fault {args:?}: {first}");
    Running(child, out)
}
