//! The dashboard's keys, each pressed in the real binary on the lab, each
//! seen doing what the user guide says (docs/user-guide.md, Keys): select,
//! focus, time, zoom, pause, theme, logs (one, all, wrap, scroll), stsdash's
//! own log, the help scrolled, Ctrl-C.

mod common;

use std::time::Duration;

use common::{TestNamespace, Tmux, create_web, is_ready, wait_for};
use k8s_openapi::api::core::v1::Pod;

const LIMIT: Duration = Duration::from_secs(60);

/// The line of a pane's title (its first line starting with `┌ title`), styled.
fn styled_line<'a>(styled: &'a str, title: &str) -> &'a str {
    styled
        .lines()
        .find(|l| l.contains(title))
        .unwrap_or_else(|| panic!("{title} on\n{styled}"))
}

/// The timeline's rows: each pod's line.
fn timeline_rows(screen: &str) -> Vec<String> {
    screen
        .lines()
        .filter(|l| l.starts_with("│web-"))
        .map(String::from)
        .collect()
}

#[tokio::test]
async fn every_key_does_what_the_guide_says() {
    let ns = TestNamespace::new("keys").await;
    create_web(&ns, 2, "OrderedReady", None).await;
    wait_for(ns.api::<Pod>(), "web-1", LIMIT, |p| p.is_some_and(is_ready)).await;
    let tmux = Tmux::start(
        &ns.name,
        &format!(
            "KUBECONFIG={} {} -n {} web --theme default; echo stsdash-exited-$?; sleep 60",
            ns.kubeconfig.display(),
            env!("CARGO_BIN_EXE_stsdash"),
            ns.name
        ),
    );
    let screen = tmux.until(LIMIT, "two Ready rows", |s| {
        s.matches("Y Ready").count() == 2
    });
    // Live, the footer lists the actions too (read-only leaves them out: actions.rs).
    let footer = screen.lines().rev().find(|l| !l.trim().is_empty()).unwrap();
    for action in ["+ - scale", "d delete", "e exec"] {
        assert!(footer.contains(action), "{action} in {footer}");
    }

    // j / k: the selected pod's line under the timeline: its DNS name, IP,
    // node, UID and revision.
    let screen = tmux.until(LIMIT, "web-0 selected", |s| s.contains("└ web-0 · DNS"));
    let selected = screen
        .lines()
        .find(|l| l.starts_with("└ web-0 · DNS"))
        .unwrap();
    for part in [
        &format!("DNS web-0.nginx.{}.svc.cluster.local", ns.name)[..],
        "· IP 10.",
        "· node node-",
        "· uid ",
        "· rev web-",
    ] {
        assert!(selected.contains(part), "{part} in {selected}");
    }
    tmux.keys("j");
    tmux.until(LIMIT, "j selects web-1", |s| s.contains("└ web-1 · DNS"));
    tmux.keys("k");
    tmux.until(LIMIT, "k selects web-0", |s| s.contains("└ web-0 · DNS"));

    // z: the window grows, 1 min → 2 min.
    tmux.until(LIMIT, "1m window", |s| {
        s.contains("Ordinal timeline · 1m window")
    });
    tmux.keys("z");
    tmux.until(LIMIT, "z zooms out", |s| {
        s.contains("Ordinal timeline · 2m window")
    });

    // p: paused, so nothing moves but the keys; ← and → scroll the time.
    tmux.keys("p");
    let paused = tmux.until(LIMIT, "paused", |s| s.contains("⏸ paused"));
    // ←: the window ends a quarter earlier, so what happened moves right
    // (or, if recent, out of the window); →: back to now, as it was.
    let rows = timeline_rows(&paused);
    tmux.keys("Left");
    tmux.until(LIMIT, "← scrolls back", |s| timeline_rows(s) != rows);
    tmux.keys("Right");
    tmux.until(LIMIT, "→ scrolls forward again", |s| {
        timeline_rows(s) == rows
    });
    tmux.keys("p");
    tmux.until(LIMIT, "p again: live", |s| {
        !s.contains("⏸ paused") && s.contains("● synced")
    });

    // Tab / Shift-Tab: the focus moves to the storage graph and back; its
    // title is drawn in the focus style only while focused.
    let unfocused = styled_line(&tmux.styled_screen(), "Storage · ").to_string();
    tmux.keys("Tab");
    tmux.until(LIMIT, "Tab focuses the storage graph", |_| {
        styled_line(&tmux.styled_screen(), "Storage · ") != unfocused
    });
    tmux.keys("BTab");
    tmux.until(LIMIT, "Shift-Tab focuses the timeline again", |_| {
        styled_line(&tmux.styled_screen(), "Storage · ") == unfocused
    });

    // t: the next theme: the header's colours change, the words do not.
    let header = tmux.styled_screen().lines().next().unwrap().to_string();
    tmux.keys("t");
    tmux.until(LIMIT, "t changes the theme", |_| {
        let now = tmux.styled_screen();
        let first = now.lines().next().unwrap_or_default().to_string();
        first != header && now.contains("● synced")
    });

    // l: the selected pod's log, lines naming their pod; w: wrap off; l again: closed.
    tmux.keys("l");
    tmux.until(LIMIT, "l opens web-0's log", |s| {
        s.contains("┌ log web-0 · nginx") && s.contains("host web-0")
    });
    tmux.keys("w");
    tmux.until(LIMIT, "w: nowrap", |s| {
        s.contains("┌ log web-0 · nginx") && s.contains("· nowrap")
    });
    tmux.keys("w");
    tmux.until(LIMIT, "w again: wrapped", |s| {
        s.contains("┌ log web-0 · nginx") && !s.contains("· nowrap")
    });
    tmux.keys("l");
    tmux.until(LIMIT, "l again closes it", |s| !s.contains("┌ log web-0"));

    // L: every pod's log side by side; L again: closed.
    tmux.keys("L");
    tmux.until(LIMIT, "L: both logs", |s| {
        s.contains("┌ log web-0 · nginx") && s.contains("┌ log web-1 · nginx")
    });
    tmux.keys("L");
    tmux.until(LIMIT, "L again closes them", |s| !s.contains("┌ log web-"));

    // g: stsdash's own log in place of the narration, and back.
    tmux.keys("g");
    tmux.until(LIMIT, "g: own log", |s| s.contains("┌ stsdash's own log"));
    tmux.keys("g");
    tmux.until(LIMIT, "g again: the narration", |s| {
        !s.contains("┌ stsdash's own log") && s.contains("┌ What the controllers did")
    });

    // ?: the help; on a short window j scrolls it; any other key closes it.
    let short = Tmux::start_sized(
        &format!("{}-short", ns.name),
        &format!(
            "KUBECONFIG={} {} -n {} web; echo stsdash-exited-$?; sleep 60",
            ns.kubeconfig.display(),
            env!("CARGO_BIN_EXE_stsdash"),
            ns.name
        ),
        80,
        14,
    );
    short.until(LIMIT, "the dashboard", |s| s.contains("● synced"));
    short.keys("?");
    let first = short.until(LIMIT, "the help", |s| s.contains("┌ Keys"));
    assert!(first.contains("q  quit"), "{first}");
    short.keys("j");
    short.keys("j");
    short.until(LIMIT, "j scrolls the help", |s| {
        s.contains("┌ Keys") && !s.contains("q  quit")
    });
    short.keys("x");
    short.until(LIMIT, "another key closes it", |s| !s.contains("┌ Keys"));
    // Ctrl-C quits as q does, the terminal restored.
    short.keys("C-c");
    short.assert_exited_and_restored();

    tmux.keys("q");
    tmux.assert_exited_and_restored();
}

/// What the dashboard reads besides its flags, in the real binary: NO_COLOR
/// (no colour on screen, the phases still read), `read_only = true` in the
/// config file (a key that would scale is refused), `-A` (every namespace).
#[tokio::test]
async fn no_color_the_config_files_read_only_and_every_namespace() {
    let ns = TestNamespace::new("env").await;
    create_web(&ns, 1, "OrderedReady", None).await;
    wait_for(ns.api::<Pod>(), "web-0", LIMIT, |p| p.is_some_and(is_ready)).await;
    let config = std::env::temp_dir().join(format!("stsdash-{}-config", ns.name));
    std::fs::create_dir_all(config.join("stsdash")).unwrap();
    std::fs::write(config.join("stsdash/config.toml"), "read_only = true\n").unwrap();
    let tmux = Tmux::start(
        &ns.name,
        &format!(
            "NO_COLOR=1 XDG_CONFIG_HOME={} KUBECONFIG={} {} -n {} web; echo stsdash-exited-$?; sleep 60",
            config.display(),
            ns.kubeconfig.display(),
            env!("CARGO_BIN_EXE_stsdash"),
            ns.name
        ),
    );
    tmux.until(LIMIT, "web-0 Ready", |s| s.contains("Y Ready"));
    // No foreground or background colour anywhere (SGR 30-37, 38;…, 40-47, 48;…, 90-107).
    let styled = tmux.styled_screen();
    for sgr in styled.split("\u{1b}[").skip(1) {
        let params = sgr.split('m').next().unwrap_or_default();
        for p in params.split(';') {
            let n: u32 = p.parse().unwrap_or(0);
            assert!(
                !matches!(n, 30..=38 | 40..=48 | 90..=97 | 100..=107),
                "a colour ({params}) with NO_COLOR:\n{styled}"
            );
        }
    }
    // The config file's read_only: + is refused, nothing is asked.
    tmux.keys("+");
    tmux.until(LIMIT, "the refusal", |s| {
        s.contains("read-only (--read-only, or read_only in the config file)")
    });
    tmux.keys("q");
    tmux.assert_exited_and_restored();

    // -A: every namespace; this one's StatefulSet is among them.
    let all = Tmux::start(
        &format!("{}-all", ns.name),
        &format!(
            "KUBECONFIG={} {} -A; echo stsdash-exited-$?; sleep 60",
            ns.kubeconfig.display(),
            env!("CARGO_BIN_EXE_stsdash"),
        ),
    );
    all.until(LIMIT, "all namespaces", |s| {
        s.contains("all namespaces") && s.contains("● synced")
    });
    all.keys("n");
    all.until(LIMIT, "the picker lists this namespace's web", |s| {
        s.contains("┌ StatefulSets") && s.contains(&ns.name)
    });
    all.keys("Escape");
    all.keys("q");
    all.assert_exited_and_restored();
}

/// What the guide says the screen shows, on the real binary: the header's
/// context, namespace, StatefulSet, policy and counts; a row's phase letters
/// and markers (`+` created, `✓` Ready, `!` stsdash acted); the recording
/// private to its owner; the shell completing namespaces from the cluster.
#[tokio::test]
async fn the_header_the_rows_and_the_recording_read_as_the_guide_says() {
    use std::os::unix::fs::PermissionsExt;
    let ns = TestNamespace::new("facts").await;
    create_web(&ns, 1, "OrderedReady", Some("2s")).await;
    wait_for(ns.api::<Pod>(), "web-0", LIMIT, |p| p.is_some_and(is_ready)).await;
    let record = std::env::temp_dir().join(format!("stsdash-{}.jsonl", ns.name));
    let tmux = Tmux::start(
        &ns.name,
        &format!(
            "KUBECONFIG={} {} -n {} web --record {}; echo stsdash-exited-$?; sleep 60",
            ns.kubeconfig.display(),
            env!("CARGO_BIN_EXE_stsdash"),
            ns.name,
            record.display()
        ),
    );
    let screen = tmux.until(LIMIT, "web-0 Ready", |s| s.contains("Y Ready"));
    let header: Vec<&str> = screen.lines().take(2).collect();
    for words in [
        "stsdash ",
        "kwok-stsdash",
        &format!("ns {}", ns.name),
        "sts web",
        "OrderedReady",
        "● synced",
    ] {
        assert!(header[0].contains(words), "{words} in {header:?}");
    }
    assert!(
        header[1].contains("replicas 1 desired · 1 current · 1 ready"),
        "{header:?}"
    );
    // + from the keyboard: the StatefulSet asks 2; web-1 goes through its
    // phases to Ready; its row has its letters and markers, and a ! says
    // stsdash acted.
    tmux.keys("+");
    // The row's past, left of the state column: drawn as the columns move.
    let past_of = |screen: &str| -> String {
        screen
            .lines()
            .find(|l| l.starts_with("│web-1 "))
            .map(|row| {
                row.chars()
                    .take(row.chars().count().saturating_sub(20))
                    .collect()
            })
            .unwrap_or_default()
    };
    let screen = tmux.until(LIMIT, "web-1 Ready, on its row too", |s| {
        s.matches("Y Ready").count() == 2
            && s.contains("replicas 2 desired")
            && past_of(s).contains('✓')
            && past_of(s).contains('Y')
    });
    let row = screen.lines().find(|l| l.starts_with("│web-1 ")).unwrap();
    let past = past_of(&screen);
    for mark in ['+', '✓', 'Y'] {
        assert!(past.contains(mark), "{mark} in {row}");
    }
    assert!(
        past.contains('C') || past.contains('R') || past.contains('S'),
        "a phase before Ready in {row}"
    );
    assert!(
        screen
            .lines()
            .any(|l| l.starts_with("│web-") && l.contains('!')),
        "the ! of stsdash's action:\n{screen}"
    );
    tmux.keys("q");
    tmux.assert_exited_and_restored();
    let mode = std::fs::metadata(&record).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "the recording is its owner's only");
    let _ = std::fs::remove_file(&record);

    // The shell completes -n with the cluster's namespaces.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_stsdash"))
        .env("COMPLETE", "fish")
        .env("KUBECONFIG", &ns.kubeconfig)
        .args(["--", "stsdash", "-n", "t-facts"])
        .output()
        .unwrap();
    let candidates = String::from_utf8_lossy(&out.stdout);
    assert!(
        candidates.lines().any(|l| l == ns.name),
        "{} in {candidates}",
        ns.name
    );
}

/// A rolling update as the timeline says it, on the real binary: during the
/// update, rows at the new and the old revision say which.
#[tokio::test]
async fn the_timeline_says_who_waits_and_which_revision_runs() {
    let ns = TestNamespace::new("waiting").await;
    create_web(&ns, 1, "OrderedReady", Some("4s")).await;
    wait_for(ns.api::<Pod>(), "web-0", LIMIT, |p| p.is_some_and(is_ready)).await;
    let tmux = Tmux::start(
        &ns.name,
        &format!(
            "KUBECONFIG={} {} -n {} web; echo stsdash-exited-$?; sleep 60",
            ns.kubeconfig.display(),
            env!("CARGO_BIN_EXE_stsdash"),
            ns.name
        ),
    );
    tmux.until(LIMIT, "web-0 Ready", |s| s.contains("Y Ready"));
    common::scale(&ns, "web", 3).await;
    let row = |s: &str, pod: &str| {
        s.lines()
            .find(|l| l.starts_with(&format!("│{pod} ")))
            .unwrap_or_default()
            .to_string()
    };
    tmux.until(LIMIT, "three Ready", |s| s.matches("Y Ready").count() == 3);
    // A new revision: rolled from the highest ordinal down, one at a time.
    common::screen::new_revision(&ns);
    tmux.until(LIMIT, "new and old revisions side by side", |s| {
        row(s, "web-2").contains(" new ") && row(s, "web-0").contains(" old ")
    });
    tmux.until(
        Duration::from_secs(120),
        "every row at the new revision",
        |s| (0..3).all(|i| row(s, &format!("web-{i}")).contains(" new ")),
    );
    tmux.keys("q");
    tmux.assert_exited_and_restored();
}
