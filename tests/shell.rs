//! Keys around a shell (`e`), with the real binary in tmux against the lab:
//! what is typed for the shell, or ahead of it, never reaches the dashboard
//! as keys (`+ s d y q` would act).

mod common;

use std::time::Duration;

use k8s_openapi::api::apps::v1::StatefulSet;

use common::{TestNamespace, Tmux, create_web};

const LIMIT: Duration = Duration::from_secs(90);

fn footer(screen: &str) -> &str {
    screen.trim_end().lines().last().unwrap_or("")
}

fn shell_prompt(screen: &str) -> bool {
    screen.contains("stsdash: shell in") && screen.lines().any(|l| l.trim_end().ends_with('$'))
}

/// `e` and `+ s` typed at once: the keys typed ahead of the shell are
/// dropped, not acted on when the dashboard is back. In the shell, `+ s d y
/// q` are the shell's: echoed by it. `exit` with more keys typed behind it
/// (left over when the shell ends) comes back to the dashboard with none of
/// them acted on: no dialog, and the first `+` pressed afterwards scales
/// from 1 to 2, so no scale came before it (actions run in order).
#[tokio::test]
async fn keys_typed_for_a_shell_never_act_on_the_dashboard() {
    let ns = TestNamespace::new("shellkeys").await;
    create_web(&ns, 1, "OrderedReady", None).await;
    let home = std::env::temp_dir().join(format!("stsdash-shell-{}", ns.name));
    let (config_home, empty_path) = (home.join("config"), home.join("bin"));
    std::fs::create_dir_all(&config_home).unwrap();
    std::fs::create_dir_all(&empty_path).unwrap();
    let tmux = Tmux::start(
        &ns.name,
        &format!(
            "env PATH={} XDG_CONFIG_HOME={} KUBECONFIG={} {} -n {} web; \
             echo stsdash-exited-$?; sleep 60",
            empty_path.display(),
            config_home.display(),
            ns.kubeconfig.display(),
            env!("CARGO_BIN_EXE_stsdash"),
            ns.name
        ),
    );
    tmux.until(LIMIT, "web-0 Ready", |s| {
        s.contains("Y Ready") && s.contains("● synced")
    });

    // Typed ahead: in one burst with e.
    tmux.literal("e+s");
    tmux.until(LIMIT, "the shell", shell_prompt);
    // Whatever of the burst the shell got is on its line: cleared.
    tmux.keys("C-u");
    tmux.literal("echo in-the-shell-+sdyq");
    tmux.keys("Enter");
    tmux.until(LIMIT, "the shell's answer", |s| {
        s.lines().any(|l| l.trim_end() == "in-the-shell-+sdyq")
    });
    // exit, and keys behind it in the same burst.
    tmux.literal("exit\r+sdyq");
    let back = tmux.until(LIMIT, "the dashboard again", |s| {
        s.contains("Ordinal timeline") && footer(s).contains("shell in web-0")
    });
    assert!(
        footer(&back).contains("shell in web-0 (nginx): /bin/bash exited"),
        "nothing happened after the shell: {back}"
    );
    for dialog in ["to how many replicas?", "delete pod web-0"] {
        assert!(!back.contains(dialog), "{dialog:?} opened: {back}");
    }
    assert!(back.contains("replicas 1 desired"), "{back}");

    // The first key pressed now is the first the dashboard acts on.
    tmux.keys("+");
    let scaled = tmux.until(LIMIT, "the scale done", |s| {
        footer(s).contains("done: scale")
    });
    assert!(
        footer(&scaled).contains("done: scale web from 1 to 2"),
        "a scale came before this one: {scaled}"
    );
    tmux.until(LIMIT, "replicas 2 desired", |s| {
        s.contains("replicas 2 desired")
    });
    let sts = ns.api::<StatefulSet>().get("web").await.unwrap();
    assert_eq!(sts.spec.and_then(|s| s.replicas), Some(2));
    tmux.keys("q");
    tmux.assert_exited_and_restored();
}
