//! The actions from the keyboard, with the real binary in tmux against the
//! lab: scale with + - s, delete a pod with d (y and n), a shell with e, and
//! the same keys refused with --read-only and for a user who may only look.

mod common;

use std::path::Path;
use std::time::Duration;

use k8s_openapi::api::apps::v1::StatefulSet;
use k8s_openapi::api::core::v1::Pod;
use kube::Api;

use common::{TestNamespace, Tmux, create_web};

const LIMIT: Duration = Duration::from_secs(90);

/// stsdash on `kubeconfig` in tmux, with an empty PATH (so no kubectl, no
/// program at all to lean on) and no user config.
fn dashboard(ns: &TestNamespace, kubeconfig: &Path, flags: &str) -> Tmux {
    dashboard_with(ns, kubeconfig, flags, 2, "")
}

/// As `dashboard`, waiting for `rows` Ready rows, with `config` as the config file.
fn dashboard_with(
    ns: &TestNamespace,
    kubeconfig: &Path,
    flags: &str,
    rows: usize,
    config: &str,
) -> Tmux {
    let home = std::env::temp_dir().join(format!("stsdash-actions-{}", ns.name));
    let (config_home, empty_path) = (home.join("config"), home.join("bin"));
    std::fs::create_dir_all(config_home.join("stsdash")).unwrap();
    std::fs::write(config_home.join("stsdash/config.toml"), config).unwrap();
    std::fs::create_dir_all(&empty_path).unwrap();
    assert_eq!(std::fs::read_dir(&empty_path).unwrap().count(), 0);
    let command = format!(
        "env PATH={} XDG_CONFIG_HOME={} KUBECONFIG={} {} -n {} web {flags}; \
         echo stsdash-exited-$?; sleep 60",
        empty_path.display(),
        config_home.display(),
        kubeconfig.display(),
        env!("CARGO_BIN_EXE_stsdash"),
        ns.name
    );
    let tmux = Tmux::start(&ns.name, &command);
    tmux.until(LIMIT, "the Ready rows", |s| ready_rows(s) == rows);
    tmux
}

fn ready_rows(screen: &str) -> usize {
    screen
        .lines()
        .filter(|l| l.starts_with("│web-") && l.contains("Y Ready"))
        .count()
}

fn row<'a>(screen: &'a str, pod: &str) -> Option<&'a str> {
    screen.lines().find(|l| l.starts_with(&format!("│{pod} ")))
}

async fn replicas(api: &Api<StatefulSet>) -> i32 {
    let sts = api.get("web").await.expect("get web");
    sts.spec.and_then(|s| s.replicas).unwrap_or(1)
}

async fn uid(api: &Api<Pod>, name: &str) -> Option<String> {
    api.get_opt(name).await.ok().flatten()?.metadata.uid
}

fn footer(screen: &str) -> &str {
    screen.trim_end().lines().last().unwrap_or("")
}

/// Types `text` into the prompt and presses Enter.
fn answer(tmux: &Tmux, text: &str) {
    tmux.keys("s");
    tmux.until(LIMIT, "the replicas prompt", |s| {
        s.contains("to how many replicas?")
    });
    // -l: literally, so "-1" is typed, not taken as a flag of send-keys.
    tmux.literal(text);
    tmux.keys("Enter");
}

#[tokio::test]
async fn scale_delete_and_a_shell_from_the_keyboard() {
    let ns = TestNamespace::new("act").await;
    let mut history = common::PodRecorder::start(&ns);
    create_web(&ns, 2, "OrderedReady", None).await;
    let statefulsets = ns.api::<StatefulSet>();
    let pods = ns.api::<Pod>();
    let tmux = dashboard(&ns, &ns.kubeconfig, "");

    // + : three replicas, web-2 appears and gets Ready after web-1.
    tmux.keys("+");
    let screen = tmux.until(LIMIT, "web-2 Ready", |s| ready_rows(s) == 3);
    assert!(screen.contains("replicas 3 desired"), "{screen}");
    assert_eq!(replicas(&statefulsets).await, 3);
    assert!(
        screen.contains("stsdash scaled web from 2 to 3 replicas"),
        "{screen}"
    );

    // - : the highest ordinal goes.
    tmux.keys("-");
    let screen = tmux.until(LIMIT, "web-2 gone", |s| {
        row(s, "web-2").is_some_and(|r| r.contains(". Gone")) && ready_rows(s) == 2
    });
    assert!(screen.contains("replicas 2 desired"), "{screen}");
    assert_eq!(replicas(&statefulsets).await, 2);
    assert!(
        row(&screen, "web-1").is_some_and(|r| r.contains("Y Ready")),
        "{screen}"
    );

    // s : refused answers change nothing; 5 is accepted.
    for (typed, says) in [
        ("abc", "\"abc\" is not a whole number"),
        ("-1", "-1 is below 0"),
        ("100000", "100000 is above the limit of 100"),
    ] {
        answer(&tmux, typed);
        tmux.until(LIMIT, says, |s| s.contains(says));
        tmux.keys("Escape");
        tmux.until(LIMIT, "the prompt closed", |s| {
            !s.contains("to how many replicas?")
        });
        assert_eq!(replicas(&statefulsets).await, 2, "after {typed}");
    }
    answer(&tmux, "5");
    tmux.until(LIMIT, "five Ready rows", |s| ready_rows(s) == 5);
    assert_eq!(replicas(&statefulsets).await, 5);
    answer(&tmux, "2");
    tmux.until(LIMIT, "back to two", |s| {
        ready_rows(s) == 2 && s.contains("replicas 2 desired")
    });

    // d n : nothing changes.
    let before = uid(&pods, "web-0").await.expect("web-0");
    tmux.keys("d");
    let screen = tmux.until(LIMIT, "the question", |s| s.contains("Delete pod web-0?"));
    assert!(
        screen.contains(&before[..8]),
        "it names the incarnation: {screen}"
    );
    tmux.keys("n");
    tmux.until(LIMIT, "kept", |s| {
        footer(s).contains("kept web-0: nothing deleted")
    });
    assert_eq!(uid(&pods, "web-0").await.as_deref(), Some(before.as_str()));
    // (That n deleted nothing for good shows at the end: web-0 has had two
    // incarnations then, the first and the one after y.)

    // d y : web-0 comes back with a new UID, on the same claim, on the same row.
    tmux.keys("d");
    tmux.until(LIMIT, "the question", |s| s.contains("Delete pod web-0?"));
    tmux.keys("y");
    let screen = tmux.until(LIMIT, "web-0 recreated and Ready", |s| {
        s.contains("stsdash deleted pod web-0")
            && s.contains("web-0 recreated with a new UID")
            && ready_rows(s) == 2
    });
    let after = uid(&pods, "web-0").await.expect("web-0 again");
    assert_ne!(after, before);
    let claim = pods
        .get("web-0")
        .await
        .unwrap()
        .spec
        .unwrap()
        .volumes
        .unwrap()
        .into_iter()
        .find_map(|v| v.persistent_volume_claim)
        .unwrap()
        .claim_name;
    assert_eq!(claim, "www-web-0");
    // Every incarnation web-0 ever had: the first, and the one after y (so n deleted nothing).
    history
        .until(LIMIT, "web-0's new incarnation", |e| {
            e.iter().any(|ev| ev.name == "web-0" && ev.uid == after)
        })
        .await;
    let incarnations: std::collections::BTreeSet<&str> = history
        .events
        .iter()
        .filter(|e| e.name == "web-0")
        .map(|e| e.uid.as_str())
        .collect();
    assert_eq!(incarnations.len(), 2, "{incarnations:?}");
    assert!(
        screen
            .lines()
            .any(|l| l.starts_with("│web-0 ") && l.contains("www-web-0 Bound")),
        "{screen}"
    );

    // e : a shell in web-0, through the API; exit returns to the dashboard.
    tmux.keys("e");
    tmux.until(LIMIT, "the shell", |s| {
        s.contains("stsdash: shell in") && s.lines().any(|l| l.trim_end().ends_with('$'))
    });
    assert_eq!(tmux.format("#{alternate_on}"), "0", "the TUI is suspended");
    tmux.literal("echo marker-$RANDOM; hostname");
    tmux.keys("Enter");
    // The marker, then the pod's hostname on the line after it.
    tmux.until(LIMIT, "the marker and the hostname", |s| {
        s.lines().any(|l| {
            l.strip_prefix("marker-")
                .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
        }) && s.lines().any(|l| l == "web-0")
    });
    // What the pod's programs leave on (mouse reports, application cursor
    // keys, a hidden cursor) is turned off again for the dashboard.
    tmux.literal("printf '\\033[?1000h\\033[?1h\\033[?25l'; exit");
    tmux.keys("Enter");
    let screen = tmux.until(LIMIT, "the dashboard again", |s| {
        s.contains("Ordinal timeline") && footer(s).contains("shell in web-0")
    });
    assert_eq!(
        tmux.format("#{mouse_any_flag} #{keypad_cursor_flag}"),
        "0 0",
        "the modes the shell set are reset"
    );
    assert!(
        footer(&screen).contains("shell in web-0 (nginx): /bin/bash exited"),
        "{screen}"
    );
    assert_eq!(tmux.format("#{alternate_on}"), "1");
    // The next key works at once.
    tmux.keys("?");
    tmux.until(LIMIT, "the help", |s| s.contains("zoom the time window"));
    tmux.keys("Escape");
    tmux.until(LIMIT, "the exec marked", |s| {
        s.contains("stsdash opened a shell in web-0")
    });
    // Ctrl-D leaves a shell as exit does.
    tmux.keys("e");
    tmux.until(LIMIT, "the shell again", |s| {
        s.contains("stsdash: shell in") && s.lines().any(|l| l.trim_end().ends_with('$'))
    });
    tmux.keys("C-d");
    tmux.until(LIMIT, "the dashboard after Ctrl-D", |s| {
        s.contains("Ordinal timeline")
            && footer(s).contains("shell in web-0 (nginx): /bin/bash exited")
    });
    assert_eq!(tmux.format("#{alternate_on}"), "1");

    tmux.keys("q");
    tmux.assert_exited_and_restored();
}

#[tokio::test]
async fn read_only_refuses_every_action() {
    let ns = TestNamespace::new("ro").await;
    create_web(&ns, 2, "OrderedReady", None).await;
    let tmux = dashboard(&ns, &ns.kubeconfig, "--read-only");
    let before = uid(&ns.api::<Pod>(), "web-0").await;
    // The footer leaves the actions out (a live one lists them: keys.rs).
    let screen = tmux.until(LIMIT, "the footer", |s| footer(s).contains("? help"));
    for action in ["scale", "delete", "exec"] {
        assert!(!footer(&screen).contains(action), "{action}: {screen}");
    }
    for key in ["+", "-", "s", "d", "e"] {
        tmux.keys(key);
        let screen = tmux.until(LIMIT, "the refusal", |s| {
            footer(s).contains("read-only (--read-only, or read_only in the config file)")
        });
        assert!(!screen.contains("Delete pod"), "{key}: {screen}");
        assert!(!screen.contains("how many replicas"), "{key}: {screen}");
        // Any other key clears the line before the next try.
        tmux.keys("j");
        tmux.until(LIMIT, "the line cleared", |s| {
            !footer(s).contains("read-only")
        });
    }
    tmux.keys("?");
    let screen = tmux.until(LIMIT, "the help", |s| s.contains("zoom the time window"));
    assert!(
        screen.contains("delete the selected pod (asks y/n) (disabled: --read-only)"),
        "{screen}"
    );
    assert_eq!(replicas(&ns.api::<StatefulSet>()).await, 2);
    assert_eq!(uid(&ns.api::<Pod>(), "web-0").await, before);
    stop_with(&tmux, &ns, "TERM");
}

/// Sends SIGNAL to this test's stsdash and checks the terminal is restored.
fn stop_with(tmux: &Tmux, ns: &TestNamespace, signal: &str) {
    let killed = std::process::Command::new("pkill")
        .args([
            &format!("-{signal}"),
            "-f",
            // Anchored: the shell around it has the same words further in.
            &format!("^{} -n {} web", env!("CARGO_BIN_EXE_stsdash"), ns.name),
        ])
        .status()
        .unwrap();
    assert!(killed.success(), "pkill found stsdash");
    tmux.assert_exited_and_restored();
}

#[tokio::test]
async fn a_user_who_may_only_look_is_told_each_action_is_forbidden() {
    let ns = TestNamespace::new("view").await;
    create_web(&ns, 2, "OrderedReady", None).await;
    let kubeconfig = common::lab_user(&ns, Some("viewer"));
    let tmux = dashboard(&ns, &kubeconfig, "");
    let screen = tmux.until(LIMIT, "volumes and classes not permitted", |s| {
        s.contains("not permitted")
    });
    assert!(screen.contains("www-web-0"), "claims are seen: {screen}");

    tmux.keys("+");
    let screen = tmux.until(LIMIT, "scale forbidden", |s| {
        footer(s).contains("could not scale web from 2 to 3: forbidden:")
    });
    assert!(
        footer(&screen).contains("viewer"),
        "names the user: {screen}"
    );
    tmux.keys("d");
    tmux.until(LIMIT, "the question", |s| s.contains("Delete pod web-0?"));
    tmux.keys("y");
    tmux.until(LIMIT, "delete forbidden", |s| {
        footer(s).contains("could not delete pod web-0: forbidden:")
    });
    tmux.keys("e");
    // The footer still says the delete was refused until e's own answer replaces it.
    tmux.until(LIMIT, "exec forbidden", |s| {
        s.contains("Ordinal timeline")
            && footer(s).contains("could not shell in web-0 (nginx): forbidden")
    });
    // The refusals are in stsdash's own log too.
    tmux.keys("g");
    tmux.until(LIMIT, "the own log", |s| {
        s.contains("could not scale web from 2 to 3")
    });
    assert_eq!(replicas(&ns.api::<StatefulSet>()).await, 2);
    stop_with(&tmux, &ns, "HUP");
}

/// A TCP proxy to the API server whose open connections can be cut at once,
/// as when a network drops; new connections still go through.
struct CuttableProxy {
    port: u16,
    cut: std::sync::mpsc::Sender<()>,
}

impl CuttableProxy {
    fn start(upstream: String) -> CuttableProxy {
        let (port_tx, port_rx) = std::sync::mpsc::channel();
        let (cut, cut_rx) = std::sync::mpsc::channel::<()>();
        std::thread::spawn(move || {
            let rt = tokio::runtime::Runtime::new().unwrap();
            rt.block_on(async move {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
                port_tx.send(listener.local_addr().unwrap().port()).unwrap();
                let (cut_tx, _) = tokio::sync::broadcast::channel::<()>(1);
                let cutter = cut_tx.clone();
                std::thread::spawn(move || {
                    while cut_rx.recv().is_ok() {
                        let _ = cutter.send(());
                    }
                });
                loop {
                    let (mut client, _) = listener.accept().await.unwrap();
                    let upstream = upstream.clone();
                    let mut cut = cut_tx.subscribe();
                    tokio::spawn(async move {
                        let Ok(mut server) = tokio::net::TcpStream::connect(&upstream).await else {
                            return;
                        };
                        tokio::select! {
                            _ = tokio::io::copy_bidirectional(&mut client, &mut server) => {}
                            _ = cut.recv() => {}
                        }
                    });
                }
            });
        });
        CuttableProxy {
            port: port_rx.recv().unwrap(),
            cut,
        }
    }
}

#[tokio::test]
async fn a_shell_whose_connection_drops_gives_the_dashboard_back() {
    let ns = TestNamespace::new("drop").await;
    create_web(&ns, 1, "OrderedReady", None).await;
    // The same kubeconfig, through the proxy.
    let text = std::fs::read_to_string(&ns.kubeconfig).unwrap();
    let server = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("server: "))
        .expect("a server line")
        .to_string();
    let upstream = server.trim_start_matches("https://").to_string();
    let proxy = CuttableProxy::start(upstream.clone());
    let proxied = std::env::temp_dir().join(format!("stsdash-{}-proxied.yaml", ns.name));
    std::fs::write(
        &proxied,
        text.replace(&server, &format!("https://127.0.0.1:{}", proxy.port)),
    )
    .unwrap();

    // A shell list whose first entry does not exist: e falls through to the next.
    let shells = "shells = [\"/bin/no-such-shell\", \"/bin/sh\"]\n";
    let tmux = dashboard_with(&ns, &proxied, "", 1, shells);
    tmux.keys("e");
    tmux.until(LIMIT, "the shell", |s| {
        s.contains("stsdash: shell in") && s.lines().any(|l| l.trim_end().ends_with('$'))
    });
    tmux.literal("echo my-name-is-$0");
    tmux.keys("Enter");
    tmux.until(LIMIT, "sh, not the missing shell", |s| {
        s.lines().any(|l| l.trim() == "my-name-is-/bin/sh")
    });
    proxy.cut.send(()).unwrap();
    let screen = tmux.until(LIMIT, "the dashboard again", |s| {
        s.contains("Ordinal timeline") && footer(s).contains("shell in web-0")
    });
    assert!(
        footer(&screen).contains("could not shell in web-0 (nginx): connection lost"),
        "says the connection was lost: {screen}"
    );
    assert_eq!(tmux.format("#{alternate_on}"), "1");
    // The watches reconnect through the proxy; keys work.
    tmux.keys("?");
    tmux.until(LIMIT, "the help", |s| s.contains("zoom the time window"));
    tmux.keys("Escape");
    tmux.keys("q");
    tmux.assert_exited_and_restored();
}

/// `+` five times within 200 ms is five more replicas, every time: presses
/// queue and are sent in order, each after the one before has landed.
#[tokio::test]
async fn quick_presses_add_up_in_order() {
    use futures::StreamExt;
    use kube::runtime::watcher;
    let ns = TestNamespace::new("quick").await;
    create_web(&ns, 2, "Parallel", None).await;
    let statefulsets = ns.api::<StatefulSet>();
    // Every replicas value the API server stores, in order, as a watch sees it.
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::<i32>::new()));
    let recorded = seen.clone();
    let config = watcher::Config::default().fields("metadata.name=web");
    let watch = tokio::spawn(async move {
        let mut events = watcher::watcher(statefulsets, config).boxed();
        while let Some(Ok(event)) = events.next().await {
            if let watcher::Event::Apply(sts) | watcher::Event::InitApply(sts) = event {
                let replicas = sts.spec.and_then(|s| s.replicas).unwrap_or(1);
                let mut seen = recorded.lock().unwrap();
                if seen.last() != Some(&replicas) {
                    seen.push(replicas);
                }
            }
        }
    });
    let tmux = dashboard(&ns, &ns.kubeconfig, "");
    let until_seen = |count: usize| {
        let seen = seen.clone();
        async move {
            let deadline = std::time::Instant::now() + LIMIT;
            loop {
                if seen.lock().unwrap().len() >= count {
                    return;
                }
                assert!(
                    std::time::Instant::now() < deadline,
                    "replicas seen: {:?}",
                    seen.lock().unwrap()
                );
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
    };
    until_seen(1).await;
    let mut expected = vec![2];
    for _ in 0..5 {
        // One send-keys: the five presses reach the terminal together. Each
        // is sent after the one before landed, so the server stores every
        // step: 3, 4, 5, 6, 7 (not 3 five times), then 6, 5, 4, 3, 2.
        tmux.literal("+++++");
        expected.extend([3, 4, 5, 6, 7]);
        until_seen(expected.len()).await;
        tmux.until(LIMIT, "replicas 7 shown", |s| {
            s.contains("replicas 7 desired")
        });
        tmux.literal("-----");
        expected.extend([6, 5, 4, 3, 2]);
        until_seen(expected.len()).await;
        tmux.until(LIMIT, "replicas 2 shown", |s| {
            s.contains("replicas 2 desired")
        });
        assert_eq!(*seen.lock().unwrap(), expected);
    }
    watch.abort();
    tmux.keys("q");
    tmux.assert_exited_and_restored();
}

/// A pod deleted and created again between `d` and `y` is not the one `d`
/// chose: `y` deletes nothing and says why. The same for the StatefulSet
/// between `s` and Enter.
#[tokio::test]
async fn a_target_replaced_since_its_key_is_refused() {
    let ns = TestNamespace::new("replaced").await;
    create_web(&ns, 1, "OrderedReady", None).await;
    let pods = ns.api::<Pod>();
    let statefulsets = ns.api::<StatefulSet>();
    let tmux = dashboard_with(&ns, &ns.kubeconfig, "", 1, "");

    tmux.keys("d");
    tmux.until(LIMIT, "the question", |s| s.contains("Delete pod web-0?"));
    // web-0 deleted and created again; the new one is on screen before y is pressed.
    let (first, second) = common::replace_pod(&ns, "web-0").await;
    tmux.until(LIMIT, "the new web-0 Ready", |s| {
        s.contains("web-0 recreated with a new UID") && ready_rows(s) == 1
    });
    tmux.keys("y");
    let screen = tmux.until(LIMIT, "the refusal", |s| {
        footer(s).contains("did not delete pod web-0")
    });
    assert!(
        footer(&screen).contains(&format!(
            "web-0 was replaced since you pressed d (uid {} → {})",
            &first[..8],
            &second[..8]
        )),
        "{screen}"
    );
    assert!(
        screen.contains("stsdash did not delete pod web-0"),
        "narrated: {screen}"
    );
    assert_eq!(uid(&pods, "web-0").await.as_deref(), Some(second.as_str()));

    // s: the StatefulSet is deleted (its pods kept) and created again meanwhile.
    tmux.keys("s");
    tmux.until(LIMIT, "the replicas prompt", |s| {
        s.contains("to how many replicas?")
    });
    let (old_uid, new_uid) = common::replace_statefulset(&ns, "web").await;
    // The dashboard has seen the new one: its creation narrated after (above) the deletion.
    tmux.until(LIMIT, "the new web seen", |s| {
        let s = common::flat(s);
        match (
            s.find("StatefulSet web created"),
            s.find("StatefulSet web deleted"),
        ) {
            (Some(created), Some(deleted)) => created < deleted,
            _ => false,
        }
    });
    tmux.literal("3");
    tmux.keys("Enter");
    let screen = tmux.until(LIMIT, "the refusal", |s| {
        footer(s).contains("did not scale web from 1 to 3")
    });
    assert!(
        footer(&screen).contains(&format!(
            "web was replaced since you pressed s, + or - (uid {} → {})",
            &old_uid[..8],
            &new_uid[..8]
        )),
        "{screen}"
    );
    assert_eq!(replicas(&statefulsets).await, 1);
    tmux.keys("q");
    tmux.assert_exited_and_restored();
}
