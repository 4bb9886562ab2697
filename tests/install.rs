//! stsdash installs and behaves like its kubectl neighbours: global flags
//! before or after any subcommand, a `--version` a teacher can paste, shell
//! completions, a man page kept in sync, a crate that packages only what it
//! needs, a krew manifest with what krew requires, and (on the lab) `kubectl
//! stsdash` found by kubectl's plugin lookup and `stsdash doctor`.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::TestNamespace;

fn stsdash(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stsdash"))
        .args(args)
        .env_remove("KUBECONFIG")
        .env_remove("NO_COLOR")
        .env("HOME", std::env::temp_dir())
        .output()
        .expect("run stsdash")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn global_flags_go_before_or_after_every_subcommand() {
    let missing = "/nonexistent/kubeconfig";
    // Each pair: the flags before the subcommand, then after it; the same outcome.
    let recording = common::repo().join("examples/recordings/web_scale.jsonl");
    let recording = recording.to_str().unwrap();
    let pairs: [(Vec<&str>, Vec<&str>, &str); 5] = [
        (
            vec!["-n", "x", "--kubeconfig", missing, "web"],
            vec!["web", "-n", "x", "--kubeconfig", missing],
            "cannot read kubeconfig /nonexistent/kubeconfig",
        ),
        (
            vec!["-n", "x", "--kubeconfig", missing, "dump", "web"],
            vec!["dump", "web", "-n", "x", "--kubeconfig", missing],
            "cannot read kubeconfig /nonexistent/kubeconfig",
        ),
        (
            vec![
                "--theme",
                "projector",
                "-n",
                "class-1",
                "lesson",
                "mehdb",
                "--check",
            ],
            vec![
                "lesson",
                "mehdb",
                "--check",
                "--theme",
                "projector",
                "-n",
                "class-1",
            ],
            "StatefulSet class-1/mehdb",
        ),
        (
            vec![
                "--cluster-domain",
                "school.test",
                "replay",
                recording,
                "--json",
            ],
            vec![
                "replay",
                recording,
                "--json",
                "--cluster-domain",
                "school.test",
            ],
            ".nginx.rec-web-scale.svc.school.test",
        ),
        (
            vec!["--kubeconfig", missing, "doctor"],
            vec!["doctor", "--kubeconfig", missing],
            "cannot read kubeconfig /nonexistent/kubeconfig",
        ),
    ];
    for (before, after, expected) in pairs {
        let (a, b) = (stsdash(&before), stsdash(&after));
        for (args, out) in [(&before, &a), (&after, &b)] {
            let said = format!("{}{}", text(&out.stdout), text(&out.stderr));
            assert!(said.contains(expected), "{args:?}: {said}");
            assert!(!said.contains("cannot be used with"), "{args:?}: {said}");
        }
        assert_eq!(a.status.code(), b.status.code(), "{before:?} / {after:?}");
    }
}

#[test]
fn version_names_the_commit_and_the_kubernetes_api() {
    let out = stsdash(&["--version"]);
    let said = text(&out.stdout);
    assert!(out.status.success());
    let lines: Vec<&str> = said.lines().collect();
    assert_eq!(lines[0], format!("stsdash {}", env!("CARGO_PKG_VERSION")));
    let commit = lines[1].strip_prefix("commit:     ").expect(&said);
    let hash = commit.split(['+', ' ']).next().unwrap();
    assert!(
        hash.len() == 12 && hash.bytes().all(|b| b.is_ascii_hexdigit()),
        "{said}"
    );
    assert!(lines[2].starts_with("kubernetes: API 1.36"), "{said}");
    // -V stays the one line scripts read.
    assert_eq!(
        text(&stsdash(&["-V"]).stdout).trim(),
        format!("stsdash {}", env!("CARGO_PKG_VERSION"))
    );
}

/// Asks the binary for completions as fish does (`COMPLETE=fish`).
fn complete(words: &[&str]) -> Vec<String> {
    let out = Command::new(env!("CARGO_BIN_EXE_stsdash"))
        .env("COMPLETE", "fish")
        .env("KUBECONFIG", "/nonexistent")
        .arg("--")
        .args(words)
        .output()
        .unwrap();
    text(&out.stdout)
        .lines()
        .map(|l| l.split('\t').next().unwrap().to_string())
        .collect()
}

#[test]
fn the_shell_completes_subcommands_flags_lessons_and_themes() {
    let top = complete(&["stsdash", ""]);
    for word in [
        "dump",
        "lesson",
        "doctor",
        "completions",
        "--namespace",
        "--theme",
    ] {
        assert!(top.iter().any(|c| c == word), "{word} in {top:?}");
    }
    assert_eq!(
        complete(&["stsdash", "lesson", "m"]),
        vec!["mehdb".to_string()]
    );
    assert_eq!(
        complete(&["stsdash", "--theme", ""]),
        ["default", "light", "projector", "colorblind", "mono"].map(String::from)
    );
    assert_eq!(
        complete(&["stsdash", "dump", "--js"]),
        vec!["--json".to_string()]
    );
    // The registration a shell sources asks this binary back.
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = stsdash(&["completions", shell]);
        let script = text(&out.stdout);
        assert!(out.status.success(), "{shell}: {}", text(&out.stderr));
        assert!(
            script.contains("COMPLETE") && script.contains(env!("CARGO_BIN_EXE_stsdash")),
            "{shell}: {script}"
        );
    }
}

#[test]
fn the_man_page_in_docs_is_the_one_the_binary_makes() {
    let made = text(&stsdash(&["man"]).stdout);
    let kept = std::fs::read_to_string(common::repo().join("docs/stsdash.1")).unwrap();
    assert!(
        made.contains(".TH stsdash 1") && made.contains("lesson"),
        "{made}"
    );
    assert_eq!(
        kept, made,
        "docs/stsdash.1 is stale: stsdash man > docs/stsdash.1"
    );
}

#[test]
fn the_crate_packages_only_what_it_needs() {
    let out = Command::new(env!("CARGO"))
        .args(["package", "--list", "--allow-dirty", "--offline"])
        .current_dir(common::repo())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let files = text(&out.stdout);
    for needed in [
        "src/main.rs",
        "src/bin/kubectl-stsdash.rs",
        "themes/mono.toml",
        "lessons/mehdb.toml",
        "examples/mehdb.yaml",
        "docs/stsdash.1",
        "build.rs",
    ] {
        assert!(files.lines().any(|f| f == needed), "{needed} in {files}");
    }
    for line in files.lines() {
        assert!(
            !line.starts_with("target/")
                && !line.starts_with("lab/")
                && !line.starts_with("screenshots/")
                && !line.starts_with("examples/recordings/"),
            "{line} is packaged"
        );
        let size = std::fs::metadata(common::repo().join(line)).map_or(0, |m| m.len());
        assert!(size < 512 * 1024, "{line}: {size} bytes");
    }
}

#[test]
fn the_krew_manifest_has_what_krew_requires() {
    let template = std::fs::read_to_string(common::repo().join("plugins/stsdash.yaml")).unwrap();
    // As the release fills it in.
    let sha = "0".repeat(64);
    let mut rendered = String::new();
    for line in template.lines() {
        match line.trim_start().strip_prefix("{{addURIAndSha \"") {
            Some(rest) => {
                let indent = &line[..line.len() - line.trim_start().len()];
                let url = rest
                    .split('"')
                    .next()
                    .unwrap()
                    .replace("{{ .TagName }}", "v0.1.0");
                rendered.push_str(&format!("{indent}uri: {url}\n{indent}sha256: {sha}\n"));
            }
            None => {
                rendered.push_str(&line.replace("{{ .TagName }}", "v0.1.0"));
                rendered.push('\n');
            }
        }
    }
    let plugin: serde_json::Value = serde_norway::from_str(&rendered).unwrap();
    assert_eq!(
        plugin["apiVersion"],
        "krew.googlecontainertools.github.com/v1alpha2"
    );
    assert_eq!(plugin["kind"], "Plugin");
    assert_eq!(plugin["metadata"]["name"], "stsdash");
    let spec = &plugin["spec"];
    assert_eq!(spec["version"], "v0.1.0");
    for field in ["shortDescription", "description"] {
        assert!(
            spec[field].as_str().is_some_and(|s| !s.is_empty()),
            "{field}"
        );
    }
    assert!(spec["shortDescription"].as_str().unwrap().len() <= 50);
    let platforms = spec["platforms"].as_array().unwrap();
    assert!(!platforms.is_empty());
    for platform in platforms {
        assert!(
            platform["selector"]["matchLabels"]["os"].is_string(),
            "{platform}"
        );
        assert!(
            platform["uri"].as_str().unwrap().ends_with(".tar.gz"),
            "{platform}"
        );
        assert_eq!(platform["sha256"].as_str().unwrap().len(), 64);
        assert_eq!(platform["bin"], "kubectl-stsdash");
        let files = platform["files"].as_array().unwrap();
        assert!(
            files.iter().any(|f| f["from"] == "kubectl-stsdash"),
            "{platform}"
        );
    }
}

/// kubectl finds `kubectl-stsdash` on PATH: `kubectl stsdash` is stsdash.
#[tokio::test]
async fn kubectl_runs_it_as_a_plugin_and_doctor_says_what_the_user_may_do() {
    let ns = TestNamespace::new("plugin").await;
    common::create_web(&ns, 1, "OrderedReady", None).await;
    let plugin = Path::new(env!("CARGO_BIN_EXE_kubectl-stsdash"));
    let path = format!(
        "{}:{}",
        plugin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    // No flag before the plugin's name: kubectl refuses it.
    let kubectl = |args: &[&str]| {
        Command::new(common::kubectl_path())
            .args(args)
            .env("PATH", &path)
            .env("KUBECONFIG", &ns.kubeconfig)
            .output()
            .unwrap()
    };
    let version = kubectl(&["stsdash", "--version"]);
    assert!(
        text(&version.stdout).starts_with("stsdash "),
        "{}{}",
        text(&version.stdout),
        text(&version.stderr)
    );
    let dump = kubectl(&["stsdash", "dump", "-n", &ns.name, "web"]);
    assert!(dump.status.success(), "{}", text(&dump.stderr));
    assert!(
        text(&dump.stdout).contains(&format!("StatefulSet {}/web", ns.name)),
        "{}",
        text(&dump.stdout)
    );
    let help = kubectl(&["stsdash", "--help"]);
    assert!(
        text(&help.stdout).contains("Usage: kubectl stsdash"),
        "{}",
        text(&help.stdout)
    );

    // doctor: the admin may do everything; a viewer may look, not act.
    let admin = stsdash_with(&ns.kubeconfig, &["doctor", "-n", &ns.name]);
    let said = text(&admin.stdout);
    assert!(admin.status.success(), "{said}{}", text(&admin.stderr));
    for line in [
        "context:    kwok-stsdash",
        "version:    Kubernetes v1.36.3",
        &format!("namespace:  {}", ns.name),
        &format!("kubeconfig: {}", ns.kubeconfig.display()),
    ] {
        assert!(said.contains(line), "{line} in {said}");
    }
    assert!(!said.contains(" no"), "{said}");
    let viewer = common::lab_user(&ns, Some("viewer"));
    let out = stsdash_with(&viewer, &["doctor"]);
    let said = text(&out.stdout);
    let answer = |what: &str| {
        said.lines()
            .find(|l| l.trim_start().starts_with(what))
            .unwrap_or_else(|| panic!("{what} in {said}"))
            .split_whitespace()
            .last()
            .unwrap()
            .to_string()
    };
    assert_eq!(answer("see pods"), "yes", "{said}");
    assert_eq!(answer("delete a pod (d)"), "no", "{said}");
    assert_eq!(answer("scale (+ - s)"), "no", "{said}");
}

fn stsdash_with(kubeconfig: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stsdash"))
        .args(args)
        .env("KUBECONFIG", kubeconfig)
        .output()
        .unwrap()
}
