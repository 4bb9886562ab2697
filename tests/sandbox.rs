//! Lab pods you can step into, on the lab: `kubectl exec` into a pod runs
//! in a sandbox of that pod (lab/go/kube/cmd/lab-sandbox). Its hostname is
//! the pod's name; its volumes are at their mount paths, so what is written
//! there outlives the pod and follows the ordinal (and goes with the claim
//! under retention Delete); stable names resolve to the pods' IPs as the
//! EndpointSlices say, ready pods only; a shell has job control.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::{Duration, Instant};

use common::{TestNamespace, Tmux, create_web, scale};

const LIMIT: Duration = Duration::from_secs(90);
const PAGE: &str = "/usr/share/nginx/html/index.html";

/// Runs a shell script in a pod's container (no TTY): success and output.
fn exec(ns: &TestNamespace, pod: &str, script: &str) -> (bool, String) {
    exec_as(ns, &ns.kubeconfig, pod, script)
}

/// The same, as the user of a kubeconfig.
fn exec_as(ns: &TestNamespace, kubeconfig: &Path, pod: &str, script: &str) -> (bool, String) {
    let out = common::kubectl(kubeconfig)
        .args(["-n", &ns.name, "exec", pod, "--", "sh", "-c", script])
        .output()
        .expect("run kubectl exec");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text.trim().to_string())
}

/// Polls until `check` gives a value, at most `limit`.
fn until<T>(limit: Duration, what: &str, mut check: impl FnMut() -> Result<T, String>) -> T {
    let deadline = Instant::now() + limit;
    loop {
        match check() {
            Ok(value) => return value,
            Err(last) if Instant::now() > deadline => {
                panic!("timed out waiting for {what}; last: {last}")
            }
            Err(_) => std::thread::sleep(Duration::from_millis(300)),
        }
    }
}

/// Waits until a script run in the pod prints `expected`.
fn until_prints(ns: &TestNamespace, pod: &str, script: &str, expected: &str) {
    until(
        LIMIT,
        &format!("{pod}: `{script}` to print {expected}"),
        || match exec(ns, pod, script) {
            (true, out) if out == expected => Ok(()),
            (_, out) => Err(out),
        },
    );
}

fn jsonpath(ns: &TestNamespace, what: &[&str], path: &str) -> String {
    let mut args = vec!["get"];
    args.extend_from_slice(what);
    let path = format!("jsonpath={path}");
    args.extend(["-o", &path]);
    ns.kubectl(&args).trim().to_string()
}

#[tokio::test]
async fn data_written_under_a_mount_path_follows_the_ordinal() {
    let ns = TestNamespace::new("sbdata").await;
    create_web(&ns, 2, "OrderedReady", None).await;
    ns.kubectl(&["rollout", "status", "sts/web", "--timeout=120s"]);

    until_prints(&ns, "web-0", "hostname", "web-0");
    until_prints(&ns, "web-1", "cat /etc/hostname", "web-1");
    let (ok, out) = exec(
        &ns,
        "web-0",
        &format!("echo from-web-0 > {PAGE} && cat {PAGE}"),
    );
    assert!(ok && out == "from-web-0", "{out}");
    // A command, not a shell, runs in the same sandbox.
    let out = common::kubectl(&ns.kubeconfig)
        .args(["-n", &ns.name, "exec", "web-0", "--", "cat", PAGE])
        .output()
        .expect("kubectl exec");
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "from-web-0");
    // The lab's limited user (lab/user) steps into the same sandbox.
    let student = common::lab_user(&ns, None);
    let (ok, out) = exec_as(&ns, &student, "web-0", &format!("hostname; cat {PAGE}"));
    assert!(ok && out == "web-0\nfrom-web-0", "{out}");
    // Another ordinal has its own volume; the host has none of it.
    let (ok, out) = exec(&ns, "web-1", &format!("cat {PAGE}"));
    assert!(!ok && out.contains("No such file"), "{out}");
    assert!(
        !Path::new(PAGE).exists(),
        "the sandbox wrote on the host's {PAGE}"
    );
    // /tmp is the sandbox's own: not the host's, gone with the exec.
    let (ok, out) = exec(
        &ns,
        "web-0",
        "echo x > /tmp/lab-sandbox-test && echo written",
    );
    assert!(ok && out == "written", "{out}");
    assert!(!Path::new("/tmp/lab-sandbox-test").exists());
    let (ok, out) = exec(&ns, "web-0", "cat /tmp/lab-sandbox-test");
    assert!(!ok, "{out}");

    // The pod deleted: its replacement (same name, new UID) finds the data.
    let uid = jsonpath(&ns, &["pod", "web-0"], "{.metadata.uid}");
    ns.kubectl(&["delete", "pod", "web-0", "--wait=true"]);
    until(LIMIT, "a new web-0", || {
        let now = jsonpath(
            &ns,
            &["pod", "web-0", "--ignore-not-found"],
            "{.metadata.uid}",
        );
        if !now.is_empty() && now != uid {
            Ok(())
        } else {
            Err(now)
        }
    });
    until_prints(&ns, "web-0", &format!("cat {PAGE}"), "from-web-0");

    // Scaled down and up again: the ordinal gets its claim, and its data, back.
    let (ok, out) = exec(
        &ns,
        "web-1",
        &format!("echo from-web-1 > {PAGE} && echo ok"),
    );
    assert!(ok, "{out}");
    scale(&ns, "web", 1).await;
    ns.kubectl(&["wait", "--for=delete", "pod/web-1", "--timeout=120s"]);
    scale(&ns, "web", 2).await;
    ns.kubectl(&["rollout", "status", "sts/web", "--timeout=120s"]);
    until_prints(&ns, "web-1", &format!("cat {PAGE}"), "from-web-1");
    // The lab's own state (kubeconfigs and all) is not to be seen from a pod.
    let state = common::repo().join("target/lab/state");
    let (_, out) = exec(&ns, "web-1", &format!("ls {}", state.display()));
    assert!(!out.contains("kwok"), "{out}");
}

/// Seed 003's check, as written there: the billing app appends its records
/// to /var/log/app.log on its volume; after the pod is deleted, the new one
/// reads the old records (and the old app's last words) there.
#[tokio::test]
async fn the_billing_apps_records_outlive_its_pod() {
    let ns = TestNamespace::new("sbbill").await;
    let manifest = common::repo().join("examples/billing.yaml");
    ns.kubectl(&["apply", "-f", manifest.to_str().unwrap()]);
    ns.kubectl(&[
        "rollout",
        "status",
        "sts/billing-stateful",
        "--timeout=120s",
    ]);
    let pod = "billing-stateful-2";
    let first = until(LIMIT, "a record in app.log", || {
        match exec(&ns, pod, "head -n 1 /var/log/app.log") {
            (true, line) if line.contains("host billing-stateful-2") => Ok(line),
            (_, out) => Err(out),
        }
    });
    let uid = jsonpath(&ns, &["pod", pod], "{.metadata.uid}");
    ns.kubectl(&["delete", "pod", pod, "--wait=true"]);
    until(LIMIT, "the old records in the new pod", || {
        let now = jsonpath(&ns, &["pod", pod, "--ignore-not-found"], "{.metadata.uid}");
        match exec(&ns, pod, "cat /var/log/app.log") {
            (true, log)
                if now != uid
                    && log.starts_with(&first)
                    && log.contains("host billing-stateful-2 received SIGTERM") =>
            {
                Ok(())
            }
            (_, out) => Err(format!("uid {now}: {}", out.lines().last().unwrap_or(""))),
        }
    });
    // Each pod has its own: billing-stateful-0 has none of billing-stateful-2's.
    let (ok, out) = exec(
        &ns,
        "billing-stateful-0",
        "grep -c billing-stateful-2 /var/log/app.log || true",
    );
    assert!(ok && out == "0", "{out}");
}

#[tokio::test]
async fn with_retention_delete_the_data_goes_with_the_claim() {
    let ns = TestNamespace::new("sbretain").await;
    let manifest = common::repo().join("examples/retention-delete.yaml");
    ns.kubectl(&["apply", "-f", manifest.to_str().unwrap()]);
    ns.kubectl(&["rollout", "status", "sts/cache", "--timeout=120s"]);
    until_prints(
        &ns,
        "cache-2",
        "echo kept > /data/dump.rdb && cat /data/dump.rdb",
        "kept",
    );
    let volume = jsonpath(&ns, &["pvc", "data-cache-2"], "{.spec.volumeName}");
    let dir = ns.kubectl(&["get", "pv", &volume, "-o", "jsonpath={.spec.hostPath.path}"]);
    assert!(Path::new(dir.trim()).join("dump.rdb").exists(), "{dir}");

    scale(&ns, "cache", 2).await;
    ns.kubectl(&["wait", "--for=delete", "pvc/data-cache-2", "--timeout=120s"]);
    // The claim's volume is deleted, and the provisioner removes its directory.
    until(LIMIT, "the volume's directory removed", || {
        if Path::new(dir.trim()).exists() {
            Err(dir.clone())
        } else {
            Ok(())
        }
    });
    scale(&ns, "cache", 3).await;
    ns.kubectl(&["rollout", "status", "sts/cache", "--timeout=120s"]);
    until_prints(&ns, "cache-2", "ls -A /data | wc -l", "0");
}

#[tokio::test]
async fn stable_names_resolve_to_the_ready_pods() {
    let ns = TestNamespace::new("sbdns").await;
    // Parallel with a slow readiness: both pods run, neither is Ready for 20 s.
    create_web(&ns, 2, "Parallel", Some("20s")).await;
    // A second headless Service on the same pods that publishes them not ready too.
    let all = "apiVersion: v1\nkind: Service\nmetadata: {name: nginx-all}\nspec: {clusterIP: None, \
               publishNotReadyAddresses: true, selector: {app: nginx}, ports: [{port: 80}]}\n";
    let file = std::env::temp_dir().join(format!("{}-nginx-all.yaml", ns.name));
    std::fs::write(&file, all).unwrap();
    ns.kubectl(&["apply", "-f", file.to_str().unwrap()]);
    until_prints(&ns, "web-0", "hostname", "web-0");
    let ready = |pod: &str| {
        jsonpath(
            &ns,
            &["pod", pod],
            "{.status.conditions[?(@.type==\"Ready\")].status}",
        ) == "True"
    };
    // Not ready: its name does not resolve (checked while it stays not ready).
    assert!(!ready("web-1"), "web-1 is Ready too early for this test");
    let (ok, out) = exec(&ns, "web-0", "getent hosts web-1.nginx");
    assert!(!ready("web-1"), "web-1 became Ready during the check");
    assert!(!ok, "a not-ready pod's name resolved: {out}");
    // Unless its Service publishes not-ready addresses.
    let ip = jsonpath(&ns, &["pod", "web-1"], "{.status.podIP}");
    until(LIMIT, "web-1 under nginx-all while not ready", || {
        let (_, out) = exec(
            &ns,
            "web-0",
            "getent ahosts nginx-all | cut -d' ' -f1 | sort -u",
        );
        if ready("web-1") {
            panic!("web-1 became Ready before nginx-all was seen publishing it");
        }
        if !ip.is_empty() && out.lines().any(|l| l == ip) {
            Ok(())
        } else {
            Err(out)
        }
    });

    ns.kubectl(&[
        "wait",
        "--for=condition=Ready",
        "pod/web-0",
        "pod/web-1",
        "--timeout=120s",
    ]);
    for pod in ["web-0", "web-1"] {
        let ip = jsonpath(&ns, &["pod", pod], "{.status.podIP}");
        let fqdn = format!("{pod}.nginx.{}.svc.cluster.local", ns.name);
        for name in [format!("{pod}.nginx"), fqdn] {
            until_prints(
                &ns,
                "web-0",
                &format!("getent hosts {name} | cut -d' ' -f1"),
                &ip,
            );
        }
    }
    // The headless Service's name: every ready pod.
    let (ok, out) = exec(
        &ns,
        "web-1",
        "getent ahosts nginx | cut -d' ' -f1 | sort -u",
    );
    assert!(ok, "{out}");
    for pod in ["web-0", "web-1"] {
        let ip = jsonpath(&ns, &["pod", pod], "{.status.podIP}");
        assert!(out.lines().any(|l| l == ip), "{pod} {ip} not in: {out}");
    }
}

#[tokio::test]
async fn a_shell_in_a_pod_has_job_control_and_the_pods_name() {
    let ns = TestNamespace::new("sbtty").await;
    create_web(&ns, 1, "OrderedReady", None).await;
    ns.kubectl(&["rollout", "status", "sts/web", "--timeout=120s"]);
    until_prints(&ns, "web-0", "hostname", "web-0");
    let kubectl = common::kubectl_path();
    let command = format!(
        "{} --kubeconfig {} -n {} exec -it web-0 -- bash; sleep 60",
        kubectl.display(),
        ns.kubeconfig.display(),
        ns.name
    );
    let tmux = Tmux::start(&ns.name, &command);
    // The lab's prompt (sh), or the distribution's bash prompt (user@host:dir$).
    tmux.until(LIMIT, "the pod's prompt", |s| {
        s.contains("web-0$ ") || s.contains("@web-0:/$")
    });
    tmux.literal("sleep 300 &");
    tmux.keys("Enter");
    tmux.literal("jobs; hostname; echo end-$((6*7))");
    tmux.keys("Enter");
    let screen = tmux.until(LIMIT, "the jobs listed", |s| s.contains("end-42"));
    assert!(!screen.contains("no job control"), "{screen}");
    assert!(
        screen.contains("Running") && screen.contains("sleep 300"),
        "{screen}"
    );
    assert!(screen.lines().any(|l| l.trim() == "web-0"), "{screen}");
}

/// The lab keeps its own isolation: a pod of the lab's limited user that
/// names a host directory outside the lab's volume root (/etc, or a symlink
/// it made in its own volume that leads there) runs, but an exec into it is
/// refused with a message and /etc stays as it was; the pod's own volume
/// keeps the provisioner's mode; a `..` is refused by the API server.
#[tokio::test]
async fn a_pod_that_names_etc_cannot_change_it() {
    let ns = TestNamespace::new("sbetc").await;
    let student = common::lab_user(&ns, None);
    let file = format!("stsdash-{}", ns.name);
    let marker = Path::new("/etc").join(&file);
    // Should the exec get through, what it wrote does not stay in /etc.
    struct Remove<'a>(&'a Path);
    impl Drop for Remove<'_> {
        fn drop(&mut self) {
            let _ = std::fs::remove_file(self.0);
        }
    }
    let _remove = Remove(&marker);
    let mode = |path: &Path| {
        std::fs::metadata(path)
            .map(|m| m.permissions().mode() & 0o7777)
            .unwrap_or(0)
    };
    let etc_mode = mode(Path::new("/etc"));
    let apply = |file: &str, yaml: &str| {
        let path = std::env::temp_dir().join(format!("{}-{file}.yaml", ns.name));
        std::fs::write(&path, yaml).unwrap();
        let out = common::kubectl(&student)
            .args(["-n", &ns.name, "apply", "-f", path.to_str().unwrap()])
            .output()
            .expect("kubectl apply");
        let text = String::from_utf8_lossy(&out.stderr).to_string();
        (out.status.success(), text)
    };
    let pod = |pod: &str, volume: &str| {
        format!(
            "apiVersion: v1\nkind: Pod\nmetadata: {{name: {pod}}}\nspec:\n  containers:\n  \
             - {{name: main, image: busybox, volumeMounts: [{{name: v, mountPath: /host}}]}}\n  \
             volumes: [{{name: v, {volume}}}]\n"
        )
    };
    let running = |pod: &str| {
        until(LIMIT, &format!("{pod} Running"), || {
            match jsonpath(&ns, &["pod", pod], "{.status.phase}").as_str() {
                "Running" => Ok(()),
                phase => Err(phase.to_string()),
            }
        })
    };
    // Once its exec target and sandbox are there, the exec's answer.
    let answer = |pod: &str, script: &str| {
        until(LIMIT, &format!("an answer from {pod}"), || {
            match exec_as(&ns, &student, pod, script) {
                (_, out) if out.contains("no exec found") || out.contains("not ready yet") => {
                    Err(out)
                }
                answer => Ok(answer),
            }
        })
    };

    // A `..` does not get as far as the lab.
    let (ok, err) = apply(
        "dotdot",
        &pod("dotdot", "hostPath: {path: /tmp/hostpath_pv/../../etc}"),
    );
    assert!(!ok && err.contains("must not contain '..'"), "{err}");

    // The student's own volume, in which it makes a symlink to /etc.
    let claim = "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: data}\nspec: \
                 {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Mi}}}\n";
    let (ok, err) = apply("claim", claim);
    assert!(ok, "{err}");
    let (ok, err) = apply(
        "maker",
        &pod("maker", "persistentVolumeClaim: {claimName: data}"),
    );
    assert!(ok, "{err}");
    running("maker");
    let (ok, out) = answer("maker", "ln -sfn /etc /host/escape && echo linked");
    assert!(ok && out == "linked", "{out}");
    let volume = jsonpath(&ns, &["pvc", "data"], "{.spec.volumeName}");
    let dir = ns.kubectl(&["get", "pv", &volume, "-o", "jsonpath={.spec.hostPath.path}"]);
    assert!(dir.starts_with("/tmp/hostpath_pv/"), "{dir}");
    // Written in by the sandbox's user, yet the provisioner's mode is kept.
    assert_eq!(mode(Path::new(&dir)), 0o750, "{dir}");

    let link = format!("hostPath: {{path: {dir}/escape}}");
    for (name, volume) in [("etc", "hostPath: {path: /etc}"), ("link", link.as_str())] {
        let (ok, err) = apply(name, &pod(name, volume));
        assert!(ok, "{err}");
        running(name);
        let (ok, out) = answer(name, &format!("touch /host/{file} && echo written"));
        assert!(
            !marker.exists(),
            "an exec into {name} wrote {}: {out}",
            marker.display()
        );
        assert!(
            !ok && out.contains("exec refused") && out.contains("outside the lab's volume root"),
            "{name}: {out}"
        );
        assert_eq!(mode(Path::new("/etc")), etc_mode, "/etc's mode changed");
    }
}
