//! Reaching the cluster as kubectl does, on real networks: through an HTTP
//! proxy (a real CONNECT proxy started here) and around it (`NO_PROXY`,
//! loopback), a KUBECONFIG list with a missing file, the kubeconfig entry
//! that fails named with its file, kubectl's connection flags, and what the
//! server says printed inert.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::{TestNamespace, create_web, is_ready, wait_for};
use k8s_openapi::api::core::v1::Pod;

fn stsdash(args: &[&str], envs: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_stsdash"));
    cmd.args(args);
    for name in [
        "KUBECONFIG",
        "HTTPS_PROXY",
        "https_proxy",
        "HTTP_PROXY",
        "http_proxy",
        "NO_PROXY",
        "no_proxy",
    ] {
        cmd.env_remove(name);
    }
    for (k, v) in envs {
        cmd.env(k, v);
    }
    cmd.output().expect("run stsdash")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A forwarding proxy: answers CONNECT host:port by connecting to it (a
/// name under `.lab.invalid` is the lab's loopback: only the proxy can
/// reach it) and copying both ways. Records each CONNECT's target.
struct ConnectProxy {
    port: u16,
    seen: Arc<Mutex<Vec<String>>>,
}

impl ConnectProxy {
    fn start() -> ConnectProxy {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let recorded = seen.clone();
        std::thread::spawn(move || {
            for client in listener.incoming().flatten() {
                let recorded = recorded.clone();
                std::thread::spawn(move || tunnel(client, &recorded));
            }
        });
        ConnectProxy { port, seen }
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn targets(&self) -> Vec<String> {
        self.seen.lock().unwrap().clone()
    }
}

fn tunnel(client: TcpStream, seen: &Mutex<Vec<String>>) {
    let mut reader = BufReader::new(client.try_clone().unwrap());
    let mut request = String::new();
    if reader.read_line(&mut request).is_err() {
        return;
    }
    // The rest of the request head.
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
    }
    let mut words = request.split_whitespace();
    let (Some("CONNECT"), Some(target)) = (words.next(), words.next()) else {
        let _ = (&client).write_all(b"HTTP/1.1 405 Method Not Allowed\r\n\r\n");
        return;
    };
    seen.lock().unwrap().push(target.to_string());
    let (host, port) = target.rsplit_once(':').unwrap();
    let host = if host.ends_with(".lab.invalid") {
        "127.0.0.1"
    } else {
        host
    };
    let Ok(upstream) = TcpStream::connect((host, port.parse::<u16>().unwrap())) else {
        let _ = (&client).write_all(b"HTTP/1.1 502 Bad Gateway\r\n\r\n");
        return;
    };
    let _ = (&client).write_all(b"HTTP/1.1 200 Connection Established\r\n\r\n");
    let (mut up_read, mut up_write) = (upstream.try_clone().unwrap(), upstream);
    let mut down_write = client;
    // What the reader already buffered belongs upstream.
    let buffered = reader.buffer().to_vec();
    let _ = up_write.write_all(&buffered);
    let mut down_read = reader.into_inner();
    let upward = std::thread::spawn(move || {
        let _ = std::io::copy(&mut down_read, &mut up_write);
        let _ = up_write.shutdown(std::net::Shutdown::Write);
    });
    let mut buffer = [0u8; 16384];
    while let Ok(n) = up_read.read(&mut buffer) {
        if n == 0 || down_write.write_all(&buffer[..n]).is_err() {
            break;
        }
    }
    let _ = down_write.shutdown(std::net::Shutdown::Both);
    let _ = upward.join();
}

fn tempdir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("stsdash-reach-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The lab's kubeconfig with its server named `host` (port kept), and the
/// certificate checked against `localhost` (one of the server's names).
fn kubeconfig_with_server(ns: &TestNamespace, host: &str, extra: &str) -> std::path::PathBuf {
    let original = std::fs::read_to_string(&ns.kubeconfig).unwrap();
    let mut out = String::new();
    for line in original.lines() {
        if let Some(url) = line.trim().strip_prefix("server: https://127.0.0.1:") {
            let indent = &line[..line.len() - line.trim_start().len()];
            out.push_str(&format!("{indent}server: https://{host}:{url}\n"));
            out.push_str(&format!("{indent}tls-server-name: localhost\n"));
            if !extra.is_empty() {
                out.push_str(&format!("{indent}{extra}\n"));
            }
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    let path = tempdir(&format!("{host}-{}", extra.len())).join("kubeconfig");
    std::fs::write(&path, out).unwrap();
    path
}

async fn namespace_with_web() -> TestNamespace {
    let ns = TestNamespace::new("reach").await;
    create_web(&ns, 1, "OrderedReady", None).await;
    wait_for(ns.api::<Pod>(), "web-0", Duration::from_secs(90), |p| {
        p.is_some_and(is_ready)
    })
    .await;
    ns
}

#[tokio::test]
async fn through_a_proxy_and_around_it_as_kubectl_goes() {
    let ns = namespace_with_web().await;
    let proxy = ConnectProxy::start();
    let remote = kubeconfig_with_server(&ns, "apiserver.lab.invalid", "");
    let remote = remote.to_str().unwrap();

    // A server only the proxy can reach: HTTPS_PROXY takes stsdash there,
    // the summary and a full dump (watches, not just one request).
    let out = stsdash(
        &["-n", &ns.name],
        &[("KUBECONFIG", remote), ("HTTPS_PROXY", &proxy.url())],
    );
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", text(&out.stderr));
    assert!(stdout.contains("statefulset: web 1/1 ready"), "{stdout}");
    assert!(
        stdout.contains(&format!("proxy:     {}/ (from $HTTPS_PROXY)", proxy.url())),
        "{stdout}"
    );
    let out = stsdash(
        &["dump", "web", "-n", &ns.name],
        &[("KUBECONFIG", remote), ("https_proxy", &proxy.url())],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("web-0"), "{}", text(&out.stdout));
    let through = proxy.targets();
    assert!(
        through.len() >= 2
            && through
                .iter()
                .all(|t| t.starts_with("apiserver.lab.invalid:")),
        "{through:?}"
    );

    // NO_PROXY names the server: stsdash goes direct (and cannot resolve
    // the name), the proxy sees nothing more.
    let out = stsdash(
        &["-n", &ns.name, "--request-timeout", "5s"],
        &[
            ("KUBECONFIG", remote),
            ("HTTPS_PROXY", &proxy.url()),
            ("NO_PROXY", "localhost,.lab.invalid"),
        ],
    );
    assert!(!out.status.success());
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("cannot reach the API server at https://apiserver.lab.invalid:"),
        "{stderr}"
    );
    assert_eq!(proxy.targets().len(), through.len(), "bypassed by NO_PROXY");

    // A loopback server is never proxied (the lab as it is): it works with
    // HTTPS_PROXY set, and the proxy sees nothing more.
    let out = stsdash(
        &["-n", &ns.name],
        &[
            ("KUBECONFIG", ns.kubeconfig.to_str().unwrap()),
            ("HTTPS_PROXY", &proxy.url()),
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(!text(&out.stdout).contains("proxy:"));
    assert_eq!(proxy.targets().len(), through.len(), "loopback goes direct");

    // The kubeconfig's proxy-url is used for every request, loopback too.
    let with_url = kubeconfig_with_server(&ns, "127.0.0.1", &format!("proxy-url: {}", proxy.url()));
    let out = stsdash(
        &["-n", &ns.name, "--kubeconfig", with_url.to_str().unwrap()],
        &[],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("(from the kubeconfig's proxy-url)"),
        "{}",
        text(&out.stdout)
    );
    assert!(
        proxy.targets()[through.len()..]
            .iter()
            .any(|t| t.starts_with("127.0.0.1:")),
        "{:?}",
        proxy.targets()
    );
}

#[tokio::test]
async fn a_kubeconfig_list_is_merged_as_kubectl_merges_it() {
    let ns = namespace_with_web().await;
    let dir = tempdir("list");
    // A second file: a context whose user's certificate file is missing.
    let broken = dir.join("broken");
    std::fs::write(
        &broken,
        "apiVersion: v1\nkind: Config\ncontexts:\n- name: broken\n  context: {cluster: kwok-stsdash, user: broken-user}\n\
         users:\n- name: broken-user\n  user: {client-certificate: /nonexistent/cert.pem, client-key: /nonexistent/key.pem}\n",
    )
    .unwrap();
    let list = format!(
        "/a/missing/file:{}:{}",
        ns.kubeconfig.display(),
        broken.display()
    );
    // The missing file is skipped; the current context comes from the first file that sets it.
    let out = stsdash(&["-n", &ns.name], &[("KUBECONFIG", &list)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("context:   kwok-stsdash"));

    // The entry that fails is named with the file that holds it.
    let out = stsdash(&["--context", "broken"], &[("KUBECONFIG", &list)]);
    assert!(!out.status.success());
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(&format!("user \"broken-user\" in {}", broken.display()))
            && stderr.contains(&format!(
                "cluster \"kwok-stsdash\" in {}",
                ns.kubeconfig.display()
            )),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");

    // --user and --cluster pick entries of the merged files.
    let out = stsdash(
        &["--user", "broken-user", "-n", &ns.name],
        &[("KUBECONFIG", &list)],
    );
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("broken-user"),
        "{}",
        text(&out.stderr)
    );
    let out = stsdash(&["--cluster", "nope"], &[("KUBECONFIG", &list)]);
    assert!(
        text(&out.stderr).contains("cluster \"nope\" is not in the kubeconfig"),
        "{}",
        text(&out.stderr)
    );
}

#[tokio::test]
async fn kubectl_flags_select_impersonate_and_refuse_an_unchecked_server() {
    let ns = namespace_with_web().await;
    let kubeconfig = ns.kubeconfig.to_str().unwrap().to_string();
    ns.kubectl(&["label", "statefulset", "web", "tier=front"]);

    // -l: only the StatefulSets with the labels.
    let out = stsdash(
        &["-n", &ns.name, "-l", "tier=front"],
        &[("KUBECONFIG", &kubeconfig)],
    );
    assert!(
        text(&out.stdout).contains("statefulset: web 1/1 ready"),
        "{}",
        text(&out.stdout)
    );
    let out = stsdash(
        &["-n", &ns.name, "-l", "tier=back"],
        &[("KUBECONFIG", &kubeconfig)],
    );
    assert!(
        text(&out.stdout).contains(&format!("no StatefulSets in namespace {}", ns.name)),
        "{}",
        text(&out.stdout)
    );
    let out = stsdash(
        &["dump", "-n", &ns.name, "-l", "tier=back", "--json"],
        &[("KUBECONFIG", &kubeconfig)],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("\"statefulsets\": []"),
        "{}",
        text(&out.stdout)
    );

    // --as: the server answers as that user (who may not list StatefulSets here).
    let out = stsdash(
        &["-n", &ns.name, "--as", "nobody", "--as-group", "nobodies"],
        &[("KUBECONFIG", &kubeconfig)],
    );
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("User \"nobody\" cannot"),
        "{}",
        text(&out.stderr)
    );

    // A kubeconfig that turns certificate checks off is refused unless asked.
    let insecure = kubeconfig_with_server(&ns, "127.0.0.1", "insecure-skip-tls-verify: true");
    let stripped: String = std::fs::read_to_string(&insecure)
        .unwrap()
        .lines()
        .filter(|l| !l.contains("certificate-authority"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&insecure, stripped).unwrap();
    let insecure = insecure.to_str().unwrap();
    let out = stsdash(&["-n", &ns.name, "--kubeconfig", insecure], &[]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("pass --insecure-skip-tls-verify"),
        "{}",
        text(&out.stderr)
    );
    let out = stsdash(
        &[
            "-n",
            &ns.name,
            "--kubeconfig",
            insecure,
            "--insecure-skip-tls-verify",
        ],
        &[],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
}

/// A hostile endpoint, not the lab: whatever is asked, a Status whose
/// message carries escape sequences (a title change, a screen clear).
fn hostile_server() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for client in listener.incoming().flatten() {
            let mut reader = BufReader::new(client.try_clone().unwrap());
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
            }
            let body = r#"{"kind":"Status","apiVersion":"v1","status":"Failure","message":"\u001b]0;owned\u0007\u001b[2Jcannot serve","reason":"InternalError","code":500}"#;
            let _ = (&client).write_all(
                format!(
                    "HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                )
                .as_bytes(),
            );
        }
    });
    port
}

#[test]
fn what_the_server_says_is_printed_inert() {
    let port = hostile_server();
    let dir = tempdir("hostile");
    let path = common::kubeconfig_for(&dir, &format!("http://127.0.0.1:{port}"));
    for args in [vec!["-n", "demo"], vec!["dump", "-n", "demo"]] {
        let mut args = args.clone();
        args.extend(["--kubeconfig", path.to_str().unwrap()]);
        let out = stsdash(&args, &[]);
        assert!(!out.status.success());
        let stderr = text(&out.stderr);
        assert!(
            stderr.contains("refused the request: cannot serve (500)"),
            "{stderr:?}"
        );
        assert!(
            !stderr.contains('\u{1b}') && !stderr.contains('\u{7}'),
            "{stderr:?}"
        );
    }
}

/// A student's lesson PINGs the API server over an HTTP/2 connection of its
/// own (`cluster::ping`), dialled as kube's client is: through the proxy,
/// with the kubeconfig's tls-server-name.
#[tokio::test]
async fn a_students_lesson_pings_the_api_server_through_the_proxy() {
    let ns = TestNamespace::new("reach-ping").await;
    let proxy = ConnectProxy::start();
    let remote = kubeconfig_with_server(&ns, "apiserver.lab.invalid", "");
    let log = tempdir("ping").join("stsdash.log");
    let _ = std::fs::remove_file(&log);
    let tmux = common::Tmux::start_sized(
        &ns.name,
        &format!(
            "env -u NO_PROXY -u no_proxy KUBECONFIG={} HTTPS_PROXY={} {} --log-file {} lesson mehdb --student -n {}; echo stsdash-exited-$?; sleep 60",
            remote.display(),
            proxy.url(),
            env!("CARGO_BIN_EXE_stsdash"),
            log.display(),
            ns.name
        ),
        120,
        40,
    );
    tmux.until(Duration::from_secs(30), "the dashboard, synced", |s| {
        s.lines().next().is_some_and(|l| l.contains("● synced"))
    });
    common::until_logged(&log, "answers HTTP/2 PINGs", Duration::from_secs(15));
    assert!(
        proxy
            .targets()
            .iter()
            .all(|t| t.starts_with("apiserver.lab.invalid:")),
        "{:?}",
        proxy.targets()
    );
    tmux.keys("q");
    tmux.assert_exited_and_restored();
}
