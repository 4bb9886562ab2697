//! The commit stsdash is built from, for `--version` (src/version.rs).

use std::process::Command;

fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
        .filter(|s| !s.is_empty())
}

fn main() {
    let commit = git(&["rev-parse", "--short=12", "HEAD"]);
    let changed = git(&["status", "--porcelain", "--untracked-files=no"]).is_some();
    let date = git(&["log", "-1", "--format=%cs"]);
    let commit = match commit {
        Some(c) if changed => format!("{c}+changes"),
        Some(c) => c,
        None => "unknown".into(),
    };
    println!("cargo::rustc-env=STSDASH_COMMIT={commit}");
    println!(
        "cargo::rustc-env=STSDASH_COMMIT_DATE={}",
        date.as_deref().unwrap_or("unknown")
    );
    // Again when the checked-out commit or the index changes.
    if let Some(dir) = git(&["rev-parse", "--git-dir"]) {
        for file in ["HEAD", "index"] {
            println!("cargo::rerun-if-changed={dir}/{file}");
        }
        if let Some(head) = git(&["symbolic-ref", "-q", "HEAD"]) {
            println!("cargo::rerun-if-changed={dir}/{head}");
        }
    }
    println!("cargo::rerun-if-changed=build.rs");
}
