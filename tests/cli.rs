//! The stsdash binary connects like kubectl and says what it found, or says in
//! one line why it could not.

mod common;

use std::process::{Command, Output};
use std::time::Duration;

use common::{TestNamespace, create_web, is_ready, wait_for};
use k8s_openapi::api::core::v1::Pod;

fn stsdash(args: &[&str], envs: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_stsdash"));
    cmd.args(args).env_remove("KUBECONFIG");
    for (k, v) in envs {
        cmd.env(k, v);
    }
    cmd.output().expect("run stsdash")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// One line on standard error, starting with "stsdash: ", and a failing exit.
fn assert_one_line_error(out: &Output, expected: &str) {
    assert!(!out.status.success());
    let stderr = text(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("stsdash: "), "{stderr}");
    assert!(
        stderr.contains(expected),
        "expected {expected:?} in {stderr:?}"
    );
}

#[tokio::test]
async fn connects_with_the_kubeconfig_and_says_what_it_found() {
    let ns = TestNamespace::new("cli").await;
    create_web(&ns, 1, "OrderedReady", None).await;
    wait_for(ns.api::<Pod>(), "web-0", Duration::from_secs(90), |p| {
        p.is_some_and(is_ready)
    })
    .await;
    let kubeconfig = ns.kubeconfig.display().to_string();

    // Through $KUBECONFIG, and through --kubeconfig with --context.
    for out in [
        stsdash(&["-n", &ns.name], &[("KUBECONFIG", &kubeconfig)]),
        stsdash(
            &[
                "--kubeconfig",
                &kubeconfig,
                "--context",
                "kwok-stsdash",
                "-n",
                &ns.name,
            ],
            &[],
        ),
    ] {
        let stdout = text(&out.stdout);
        assert!(out.status.success(), "{stdout}{}", text(&out.stderr));
        assert!(stdout.contains("context:   kwok-stsdash"), "{stdout}");
        assert!(stdout.contains("server:    https://127.0.0.1:"), "{stdout}");
        assert!(stdout.contains("version:   Kubernetes v1.36.3"), "{stdout}");
        assert!(
            stdout.contains(&format!("namespace: {}", ns.name)),
            "{stdout}"
        );
        assert!(stdout.contains("statefulset: web 1/1 ready"), "{stdout}");
    }

    // The limited user of lab/user works in its namespace.
    let user_kubeconfig = common::lab_user(&ns, None);
    let out = stsdash(&["--kubeconfig", user_kubeconfig.to_str().unwrap()], &[]);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", text(&out.stderr));
    assert!(
        stdout.contains(&format!("context:   student@{}", ns.name)),
        "{stdout}"
    );
    assert!(stdout.contains("statefulset: web 1/1 ready"), "{stdout}");
    let token = std::fs::read_to_string(&user_kubeconfig).unwrap();
    let token = token
        .lines()
        .find_map(|l| l.trim().strip_prefix("token: "))
        .unwrap();
    assert!(!stdout.contains(token) && !text(&out.stderr).contains(token));
}

#[test]
fn without_any_kubeconfig_it_says_so_in_one_line() {
    let home = tempdir("home");
    let out = stsdash(&[], &[("HOME", &home), ("KUBERNETES_SERVICE_HOST", "")]);
    assert_one_line_error(&out, "no kubeconfig found");
}

#[test]
fn a_missing_kubeconfig_file_is_named() {
    let out = stsdash(&["--kubeconfig", "/nonexistent/kubeconfig"], &[]);
    assert_one_line_error(&out, "cannot read kubeconfig /nonexistent/kubeconfig");
}

#[tokio::test]
async fn an_unknown_context_is_named() {
    let kubeconfig = common::lab_kubeconfig().await.display().to_string();
    let out = stsdash(&["--kubeconfig", &kubeconfig, "--context", "nope"], &[]);
    assert_one_line_error(&out, "context \"nope\" is not in the kubeconfig");
}

#[test]
fn an_unreachable_server_is_named_with_its_address() {
    let dir = tempdir("unreachable");
    let path = format!("{dir}/kubeconfig");
    std::fs::write(
        &path,
        "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {server: 'https://127.0.0.1:9'}\n\
         users:\n- name: u\n  user: {token: secret-token-value}\ncontexts:\n- name: x\n  context: {cluster: c, user: u}\n\
         current-context: x\n",
    )
    .unwrap();
    let out = stsdash(&["--kubeconfig", &path], &[]);
    assert_one_line_error(&out, "cannot reach the API server at https://127.0.0.1:9/");
    assert!(!text(&out.stdout).contains("secret-token-value"));
    assert!(!text(&out.stderr).contains("secret-token-value"));
}

fn tempdir(name: &str) -> String {
    let dir = std::env::temp_dir().join(format!("stsdash-cli-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.display().to_string()
}

#[test]
fn an_unknown_theme_or_a_broken_config_is_one_line() {
    let out = stsdash(&["--theme", "neon"], &[]);
    assert_one_line_error(&out, "no theme named \"neon\"");
    let dir = tempdir("config");
    std::fs::create_dir_all(format!("{dir}/stsdash")).unwrap();
    std::fs::write(
        format!("{dir}/stsdash/config.toml"),
        "theme = \"light\"\ncolour = 1\n",
    )
    .unwrap();
    let out = stsdash(&[], &[("XDG_CONFIG_HOME", &dir)]);
    assert_one_line_error(
        &out,
        &format!("config {dir}/stsdash/config.toml, line 2: unknown field `colour`"),
    );
    std::fs::write(
        format!("{dir}/stsdash/config.toml"),
        "theme = \"nope.toml\"\n",
    )
    .unwrap();
    let out = stsdash(&[], &[("XDG_CONFIG_HOME", &dir)]);
    assert_one_line_error(&out, "cannot read theme nope.toml");
    // A theme file of one's own: it inherits what it does not set; a mistake
    // is named with the file, the line and the key.
    let good = format!("{dir}/mine.toml");
    std::fs::write(
        &good,
        "inherits = \"projector\"\n[ui]\ntext = { fg = \"light_green\" }\n",
    )
    .unwrap();
    let out = stsdash(&["--theme", &good, "--kubeconfig", "/nonexistent"], &[]);
    assert_one_line_error(&out, "cannot read kubeconfig /nonexistent");
    let broken = format!("{dir}/broken.toml");
    std::fs::write(
        &broken,
        "[ui]\ntext = { fg = \"white\" }\nmuted = { fg = \"purpel\" }\n",
    )
    .unwrap();
    let out = stsdash(&["--theme", &broken], &[]);
    assert_one_line_error(
        &out,
        &format!("theme {broken}, line 3, key ui.muted.fg: unknown colour \"purpel\""),
    );
}

/// --request-timeout bounds each request: a server that takes the
/// connection and never answers is given up on in that time.
#[test]
fn a_server_that_never_answers_is_given_up_on_after_the_request_timeout() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    // Accepts, then says nothing (the connections are held open).
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming().flatten() {
            held.push(stream);
        }
    });
    let dir = tempdir("silent");
    let path = common::kubeconfig_for(
        std::path::Path::new(&dir),
        &format!("http://127.0.0.1:{port}"),
    );
    let path = path.to_str().unwrap().to_string();
    let out = stsdash(&["--kubeconfig", &path, "--request-timeout", "1s"], &[]);
    assert_one_line_error(&out, "no answer within 1s");
}

/// Without --kubeconfig or KUBECONFIG: ~/.kube/config, as kubectl. Its
/// context's namespace is the one shown, and the shell completes its
/// StatefulSets from the cluster.
#[tokio::test]
async fn the_home_kubeconfig_and_its_namespace_are_used() {
    let ns = TestNamespace::new("home").await;
    create_web(&ns, 1, "OrderedReady", None).await;
    let home = tempdir(&format!("home-{}", ns.name));
    std::fs::create_dir_all(format!("{home}/.kube")).unwrap();
    let config = std::fs::read_to_string(&ns.kubeconfig).unwrap().replace(
        "    cluster: kwok-stsdash\n",
        &format!("    cluster: kwok-stsdash\n    namespace: {}\n", ns.name),
    );
    assert!(config.contains("namespace: "), "{config}");
    std::fs::write(format!("{home}/.kube/config"), config).unwrap();
    let out = stsdash(&[], &[("HOME", &home)]);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", text(&out.stderr));
    assert!(
        stdout.contains(&format!("namespace: {}", ns.name)),
        "{stdout}"
    );
    assert!(stdout.contains("statefulset: web "), "{stdout}");
    let out = Command::new(env!("CARGO_BIN_EXE_stsdash"))
        .env_remove("KUBECONFIG")
        .env("HOME", &home)
        .env("COMPLETE", "fish")
        .args(["--", "stsdash", "dump", "w"])
        .output()
        .unwrap();
    assert_eq!(text(&out.stdout).trim(), "web");
}
