//! What the user guide says the storage graph, the narration, the log panes
//! and the themes show (docs/user-guide.md, The screen), each seen on the
//! real binary in tmux against the lab: the graph's fan-out, classes,
//! unclaimed volumes, `?` and linked selection; warnings in the warning
//! colour; log panes (containers, scrolling, reopened); the themes by name.

mod common;

use std::time::Duration;

use common::TestNamespace;
use common::screen::{ClusterObjects, LIMIT, apply, apply_with, dashboard, statefulset};

/// A StatefulSet whose pods have two claims each, of a class of the test's
/// own: each pod fans out to its two claims (`─┬▶` then `└▶`), the volumes
/// of the class join it (`─┬▶`, `─┤`, `─┘`), and a static volume of that
/// class no claim asks for (ReadOnlyMany) is there, Available, `no claim yet`.
#[tokio::test]
async fn two_claims_fan_out_and_an_unclaimed_volume_joins_their_class() {
    let ns = TestNamespace::new("fan").await;
    let class = format!("{}-class", ns.name);
    let spare = format!("{}-pv", ns.name);
    let _objects = ClusterObjects {
        kubeconfig: ns.kubeconfig.clone(),
        names: vec![
            format!("storageclass/{class}"),
            format!("persistentvolume/{spare}"),
        ],
    };
    apply_with(
        &ns.kubeconfig,
        &[],
        &format!(
            "apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata: {{name: {class}}}\nprovisioner: kubernetes.io/host-path\nreclaimPolicy: Delete\nvolumeBindingMode: Immediate\n"
        ),
    );
    let template = |name: &str| {
        format!(
            "  - metadata: {{name: {name}}}\n    spec: {{accessModes: [ReadWriteOnce], storageClassName: {class}, resources: {{requests: {{storage: 1Gi}}}}}}\n"
        )
    };
    apply(
        &ns,
        &format!(
            "{}  volumeClaimTemplates:\n{}{}",
            statefulset("db", 2, "db", "", ""),
            template("data"),
            template("logs")
        ),
    );
    let tmux = dashboard(&ns, "dash", "db");
    tmux.until(LIMIT, "four claims Bound", |s| {
        ["data-db-0", "logs-db-0", "data-db-1", "logs-db-1"]
            .iter()
            .all(|c| s.contains(&format!("{c} Bound")))
    });
    // Only now, with every claim bound: the spare volume stays unclaimed.
    apply_with(
        &ns.kubeconfig,
        &[],
        &format!(
            "apiVersion: v1\nkind: PersistentVolume\nmetadata: {{name: {spare}}}\nspec:\n  capacity: {{storage: 1Gi}}\n  accessModes: [ReadOnlyMany]\n  persistentVolumeReclaimPolicy: Retain\n  storageClassName: {class}\n  hostPath: {{path: /tmp/hostpath_pv/{spare}}}\n"
        ),
    );
    let screen = tmux.until(LIMIT, "the spare volume, no claim yet", |s| {
        s.lines()
            .any(|l| l.contains("no claim yet") && l.contains("Available"))
    });
    let lines: Vec<&str> = screen.lines().collect();
    // db-0 fans out: its first claim's edge forks, the second's ends it.
    let fork = lines
        .iter()
        .position(|l| l.starts_with("│db-0 ") && l.contains("─┬▶ data-db-0"))
        .unwrap_or_else(|| panic!("db-0 ─┬▶ data-db-0:\n{screen}"));
    assert!(
        lines[fork..]
            .iter()
            .take(3)
            .any(|l| l.contains("└▶ logs-db-0")),
        "└▶ logs-db-0 under db-0's fork:\n{screen}"
    );
    // Five volumes of one class: the first forks to it, the middle ones join it, the last ends.
    let class_rows: Vec<&&str> = lines
        .iter()
        .filter(|l| l.contains("Bound ─┬▶") || l.contains("─┤") || l.contains("─┘"))
        .collect();
    assert!(
        lines
            .iter()
            .any(|l| l.contains("─┬▶") && l.contains(&class[..8])),
        "the class's name after ─┬▶:\n{screen}"
    );
    assert!(
        class_rows.iter().filter(|l| l.contains("─┤")).count() >= 3,
        "the middle volumes join the class with ─┤:\n{screen}"
    );
    tmux.keys("q");
    tmux.assert_exited_and_restored();
}

/// Started on one StatefulSet, stsdash does not watch the namespace's other
/// pods: a claim of no StatefulSet shows `?` for its pods; started on the
/// namespace, it names them.
#[tokio::test]
async fn started_on_one_statefulset_other_pods_of_a_claim_are_a_question_mark() {
    let ns = TestNamespace::new("unwatched").await;
    for example in ["pvc-pod.yaml", "web.yaml"] {
        let path = common::repo().join("examples").join(example);
        ns.kubectl(&["apply", "-f", &path.display().to_string()]);
    }
    // The pod column of the claim's row: what comes before its edge.
    let pods_of = |screen: &str| -> Vec<String> {
        screen
            .lines()
            .filter_map(|l| l.split_once("sandwich-ingridients"))
            .map(|(pod, _)| {
                pod.trim_start_matches('│')
                    .trim_end_matches(['─', '┬', '▶', ' '])
                    .to_string()
            })
            .collect()
    };
    let one = dashboard(&ns, "one", "web");
    let screen = one.until(LIMIT, "the claim's row with ?", |s| {
        s.contains("www-web-1 Bound") && pods_of(s).first().is_some_and(|p| p == "?")
    });
    assert!(
        !pods_of(&screen).iter().any(|p| p.starts_with("sandwich")),
        "{screen}"
    );
    one.keys("q");
    one.assert_exited_and_restored();
    let all = dashboard(&ns, "all", "");
    all.until(LIMIT, "the claim's row with its pods", |s| {
        let pods = pods_of(s);
        pods.iter().any(|p| p == "sandwich") && !pods.iter().any(|p| p == "?")
    });
    all.keys("q");
    all.assert_exited_and_restored();
}

/// Selecting a pod in the timeline selects its claim in the storage graph
/// (the line under the graph says that claim's facts); `j`/`k` in the
/// graph select the pod of the row in the timeline.
#[tokio::test]
async fn selecting_a_pod_selects_its_claim_and_back() {
    let ns = TestNamespace::new("linked").await;
    common::create_web(&ns, 2, "OrderedReady", None).await;
    let tmux = dashboard(&ns, "dash", "web");
    let facts = |claim: &str| format!("▸ claim {claim} (namespace");
    tmux.until(LIMIT, "web-0 and its claim selected", |s| {
        s.matches("Y Ready").count() == 2
            && s.contains("www-web-1 Bound")
            && s.contains("└ web-0 · DNS")
            && s.contains(&facts("www-web-0"))
    });
    tmux.keys("j");
    tmux.until(LIMIT, "j: web-1 and its claim", |s| {
        s.contains("└ web-1 · DNS") && s.contains(&facts("www-web-1"))
    });
    // Tab to the graph; k up a row: web-0's claim, and web-0 in the timeline.
    tmux.keys("Tab");
    tmux.keys("k");
    tmux.until(LIMIT, "k in the graph: web-0's claim and web-0", |s| {
        s.contains("└ web-0 · DNS") && s.contains(&facts("www-web-0"))
    });
    tmux.keys("j");
    tmux.until(LIMIT, "j in the graph: web-1's claim and web-1", |s| {
        s.contains("└ web-1 · DNS") && s.contains(&facts("www-web-1"))
    });
    tmux.keys("q");
    tmux.assert_exited_and_restored();
}

/// The SGR parameters in force where `needle` starts, on the first styled
/// line that has it and not `unless` (escape sequences kept).
fn style_at(styled: &str, needle: &str, unless: &str) -> Vec<String> {
    let line = styled
        .lines()
        .find(|l| l.contains(needle) && !l.contains(unless))
        .unwrap_or_else(|| panic!("{needle} on\n{styled}"));
    let before = &line[..line.find(needle).unwrap()];
    let start = before.rfind("\u{1b}[").expect("a style before it");
    let params = &before[start + 2..];
    params[..params.find('m').expect("an SGR sequence")]
        .split(';')
        .map(String::from)
        .collect()
}

/// The foreground colour of SGR parameters, as a 256-colour index
/// (`33` and `38;5;3` are both yellow).
fn foreground(params: &[String]) -> Option<u32> {
    let mut fg = None;
    let mut i = 0;
    while i < params.len() {
        match params[i].parse::<u32>().unwrap_or(0) {
            n @ 30..=37 => fg = Some(n - 30),
            n @ 90..=97 => fg = Some(n - 90 + 8),
            38 if params.get(i + 1).map(String::as_str) == Some("5") => {
                fg = params.get(i + 2).and_then(|n| n.parse().ok());
                i += 2;
            }
            38 => i += 4,
            48 if params.get(i + 1).map(String::as_str) == Some("5") => i += 2,
            48 => i += 4,
            _ => {}
        }
        i += 1;
    }
    fg
}

/// A warning (a Warning Event: FailedScheduling of a pod no node fits) is
/// narrated in the theme's warning colour (default: `yellow`, colour 3); a
/// normal step is not.
#[tokio::test]
async fn warnings_are_narrated_in_the_warning_colour() {
    let theme = std::fs::read_to_string(common::repo().join("themes/default.toml")).unwrap();
    assert!(
        theme.lines().any(|l| l == "warning = { fg = \"yellow\" }"),
        "the default theme's warning colour is yellow (colour 3)"
    );
    let ns = TestNamespace::new("warn").await;
    let tmux = dashboard(&ns, "dash", "web --theme default");
    tmux.until(LIMIT, "the dashboard", |s| s.contains("● synced"));
    apply(
        &ns,
        &statefulset(
            "web",
            1,
            "web",
            "",
            "    spec:\n      nodeSelector: {lab.stsdash.dev/no-such-node: \"yes\"}\n",
        )
        .replacen("    spec:\n      containers:", "      containers:", 1),
    );
    // The narration's line (not the now line, which says it in brackets).
    tmux.until(LIMIT, "the warning narrated", |s| {
        s.lines()
            .any(|l| l.contains("web-0: FailedScheduling") && !l.contains("now"))
    });
    let styled = tmux.styled_screen();
    let warn = style_at(&styled, "web-0: FailedScheduling", "now");
    assert_eq!(
        foreground(&warn),
        Some(3),
        "the warning in yellow: {warn:?}\n{styled}"
    );
    let normal = style_at(&styled, "web-0 created", "now");
    assert_ne!(
        foreground(&normal),
        Some(3),
        "a normal step is not: {normal:?}\n{styled}"
    );
    tmux.keys("q");
    tmux.assert_exited_and_restored();
}

/// The numbers of the lab's log lines (`host web-0, request N, …`) on the
/// screen, top to bottom.
fn requests(screen: &str) -> Vec<u32> {
    screen
        .lines()
        .filter_map(|l| l.split_once("request ").map(|(_, rest)| rest))
        .filter_map(|rest| rest.split(',').next()?.parse().ok())
        .collect()
}

/// A pod with two containers: `c` shows the next container's log (its
/// title and its lines, which the lab prefixes with the container's name);
/// in the focused log pane `k` scrolls to older lines and `j` back.
#[tokio::test]
async fn c_shows_the_next_container_and_k_j_scroll_the_log() {
    let ns = TestNamespace::new("containers").await;
    apply(
        &ns,
        "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: web}\nspec:\n  serviceName: web\n  replicas: 1\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers:\n      - {name: nginx, image: registry.k8s.io/nginx-slim:0.8}\n      - {name: sidecar, image: busybox}\n",
    );
    let tmux = dashboard(&ns, "dash", "web");
    tmux.until(LIMIT, "web-0 Ready", |s| s.contains("Y Ready"));
    tmux.keys("l");
    tmux.until(LIMIT, "nginx's log", |s| {
        s.contains("┌ log web-0 · nginx · ") && s.contains("[nginx] host web-0, request")
    });
    tmux.keys("c");
    tmux.until(LIMIT, "c: sidecar's log", |s| {
        s.contains("┌ log web-0 · sidecar · ")
            && s.contains("[sidecar] host web-0, request")
            && !s.contains("[nginx]")
    });
    tmux.keys("c");
    tmux.until(LIMIT, "c again: nginx's log", |s| {
        s.contains("┌ log web-0 · nginx · ") && !s.contains("[sidecar]")
    });
    // Enough lines to scroll: older ones than the pane holds.
    let before = tmux.until(LIMIT, "a pane full of lines", |s| {
        let seen = requests(s);
        seen.len() >= 8 && seen.first().is_some_and(|first| *first > 2)
    });
    let (oldest, newest) = {
        let seen = requests(&before);
        (seen[0], *seen.last().unwrap())
    };
    // The log pane has the focus (l gave it): k is older by five lines a press.
    for _ in 0..4 {
        tmux.keys("k");
    }
    let scrolled = tmux.until(LIMIT, "k: older lines", |s| {
        requests(s).first().is_some_and(|first| *first < oldest)
    });
    let back = *requests(&scrolled).last().unwrap();
    assert!(back < newest, "the newest lines scrolled out: {scrolled}");
    for _ in 0..4 {
        tmux.keys("j");
    }
    tmux.until(LIMIT, "j: the newest lines again", |s| {
        requests(s)
            .last()
            .is_some_and(|last| *last > newest.max(back + 5))
    });
    tmux.keys("q");
    tmux.assert_exited_and_restored();
}

/// A log pane closed and opened again goes on after the last line it
/// showed: the lines written while it was closed come, and none twice.
#[tokio::test]
async fn a_reopened_log_pane_goes_on_without_repeats() {
    let ns = TestNamespace::new("reopen").await;
    common::create_web(&ns, 1, "OrderedReady", None).await;
    let tmux = dashboard(&ns, "dash", "web");
    tmux.until(LIMIT, "web-0 Ready", |s| s.contains("Y Ready"));
    tmux.keys("l");
    let open = tmux.until(LIMIT, "a few lines", |s| requests(s).len() >= 3);
    let last_shown = *requests(&open).last().unwrap();
    tmux.keys("l");
    tmux.until(LIMIT, "the pane closed", |s| !s.contains("┌ log web-0"));
    // While it is closed, the pod writes on.
    let deadline = std::time::Instant::now() + LIMIT;
    loop {
        let tail = ns.kubectl(&["logs", "web-0", "--tail=1"]);
        if requests(&tail)
            .first()
            .is_some_and(|n| *n >= last_shown + 4)
        {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "no new lines: {tail}");
        std::thread::sleep(Duration::from_millis(300));
    }
    tmux.keys("l");
    let reopened = tmux.until(LIMIT, "the lines written meanwhile", |s| {
        requests(s).last().is_some_and(|n| *n >= last_shown + 4)
    });
    let seen = requests(&reopened);
    assert!(
        seen.windows(2).all(|w| w[1] == w[0] + 1),
        "one line each, in order, none twice: {seen:?}\n{reopened}"
    );
    assert!(
        seen.first().is_some_and(|n| *n <= last_shown),
        "the lines shown before are still there: {seen:?}"
    );
    tmux.keys("q");
    tmux.assert_exited_and_restored();
}

/// `--theme NAME` picks the theme's colours: the header's background is
/// the theme file's (default `#1c2430`, light `#e4e4e4`); colorblind keeps
/// default's header and draws Ready in its own green (`#009e73`).
#[tokio::test]
async fn each_theme_by_name_draws_its_own_colours() {
    let ns = TestNamespace::new("themes").await;
    common::create_web(&ns, 1, "OrderedReady", None).await;
    // The truecolour SGR of a theme file's line `role = { …, bg = "#rrggbb" }`.
    let background = |theme: &str, role: &str| -> String {
        let file =
            std::fs::read_to_string(common::repo().join(format!("themes/{theme}.toml"))).unwrap();
        let line = file
            .lines()
            .find(|l| l.starts_with(&format!("{role} = ")))
            .unwrap_or_else(|| panic!("{role} in {theme}.toml"));
        let hex = line.split("bg = \"#").nth(1).expect("a bg colour")[..6].to_string();
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).unwrap();
        format!("48;2;{};{};{}m", byte(0), byte(2), byte(4))
    };
    let header_default = background("default", "header");
    let header_light = background("light", "header");
    let ready_colorblind = background("colorblind", "ready");
    assert_ne!(header_default, header_light);
    let styled = |theme: &str| -> String {
        let tmux = dashboard(&ns, theme, &format!("web --theme {theme}"));
        tmux.until(LIMIT, "web-0 Ready", |s| {
            s.contains("Y Ready") && s.contains("● synced")
        });
        let styled = tmux.styled_screen();
        tmux.keys("q");
        tmux.assert_exited_and_restored();
        styled
    };
    let first = |s: &str| s.lines().next().unwrap_or_default().to_string();
    let ready_row = |s: &str| {
        s.lines()
            .find(|l| l.contains("web-0") && l.contains("Ready"))
            .unwrap_or_default()
            .to_string()
    };
    let default = styled("default");
    assert!(first(&default).contains(&header_default), "{default}");
    let light = styled("light");
    assert!(first(&light).contains(&header_light), "{light}");
    assert!(!first(&light).contains(&header_default), "{light}");
    let colorblind = styled("colorblind");
    assert!(first(&colorblind).contains(&header_default), "{colorblind}");
    assert!(
        ready_row(&colorblind).contains(&ready_colorblind),
        "{colorblind}"
    );
    assert!(
        !ready_row(&default).contains(&ready_colorblind),
        "{default}"
    );
}
