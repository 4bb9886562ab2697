//! The shipped recordings (examples/recordings, made on the lab by its
//! `record` script): replaying each gives the dump of the live run that
//! recorded it, and broken recordings are refused with the line at fault.

use std::path::{Path, PathBuf};
use std::process::Command;

fn stsdash(args: &[&str], file: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_stsdash"))
        .args(args)
        .arg(file)
        .output()
        .expect("run stsdash")
}

fn recordings() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/recordings");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    files.sort();
    files
}

#[test]
fn replaying_each_shipped_recording_gives_the_live_dump() {
    let files = recordings();
    assert!(files.len() >= 5, "recordings: {files:?}");
    for file in files {
        let live = std::fs::read_to_string(file.with_extension("dump.json")).unwrap();
        let out = stsdash(&["replay", "--json", "--speed", "1000000"], &file);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let replayed = String::from_utf8(out.stdout).unwrap();
        assert!(
            replayed == live,
            "replay of {} differs from its live dump",
            file.display()
        );
        // The text form reads too.
        let text = stsdash(&["replay", "--speed", "1000000"], &file);
        assert!(
            String::from_utf8(text.stdout)
                .unwrap()
                .contains("Narration")
        );
    }
}

fn broken(name: &str, body: &str) -> (PathBuf, String) {
    let dir = std::env::temp_dir().join(format!("stsdash-recordings-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, body).unwrap();
    let out = stsdash(&["replay", "--speed", "1000"], &path);
    assert!(!out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    (path, stderr)
}

const HEADER: &str = r#"{"format":"stsdash-recording","version":1,"namespace":"demo","statefulset":null,"writer":"stsdash 0.1.0"}"#;

#[test]
fn a_truncated_recording_names_the_line() {
    let (path, err) = broken(
        "truncated.jsonl",
        &format!(
            "{HEADER}\n{{\"at\":1,\"type\":\"init_started\",\"kind\":\"Pod\"}}\n{{\"at\":2,\"type\":\"app"
        ),
    );
    assert_eq!(
        err,
        format!(
            "stsdash: recording {}, line 3: the line is cut short (truncated recording?)\n",
            path.display()
        )
    );
}

#[test]
fn a_malformed_line_is_named() {
    let (path, err) = broken("malformed.jsonl", &format!("{HEADER}\nnot json\n"));
    assert!(
        err.starts_with(&format!("stsdash: recording {}, line 2: ", path.display())),
        "{err}"
    );
}

#[test]
fn an_event_type_from_a_newer_stsdash_is_named() {
    let (_, err) = broken(
        "newer-event.jsonl",
        &format!("{HEADER}\n{{\"at\":1,\"type\":\"teleported\",\"kind\":\"Pod\"}}\n"),
    );
    assert!(
        err.contains("line 2: unknown variant `teleported`"),
        "{err}"
    );
    assert!(err.contains("(recorded by a newer stsdash?)"), "{err}");
}

#[test]
fn a_newer_format_is_refused_and_unknown_fields_are_ignored() {
    let (path, err) = broken(
        "newer.jsonl",
        r#"{"format":"stsdash-recording","version":9,"writer":"stsdash 9.0.0","namespace":null,"statefulset":null}"#,
    );
    assert_eq!(
        err,
        format!(
            "stsdash: recording {} is format 9, written by stsdash 9.0.0; this stsdash reads format 1\n",
            path.display()
        )
    );
    // Fields this version does not know, in the header and in events, are fine.
    let dir = std::env::temp_dir().join(format!("stsdash-recordings-ok-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let ok = dir.join("extra-fields.jsonl");
    std::fs::write(
        &ok,
        format!(
            "{}\n{{\"at\":1,\"type\":\"init_started\",\"kind\":\"Pod\",\"shiny\":true}}\n",
            HEADER.replace("\"writer\"", "\"future\":1,\"writer\"")
        ),
    )
    .unwrap();
    let out = stsdash(&["replay", "--speed", "1000"], &ok);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_file_that_is_not_a_recording_or_is_missing_says_so() {
    let (path, err) = broken("other.jsonl", "{\"hello\":1}\n");
    assert!(
        err.starts_with(&format!(
            "stsdash: {} is not an stsdash recording (line 1: ",
            path.display()
        )),
        "{err}"
    );
    let (path, err) = broken("empty.jsonl", "");
    assert_eq!(
        err,
        format!("stsdash: recording {} is empty\n", path.display())
    );
    let out = stsdash(&["replay"], Path::new("/nonexistent.jsonl"));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "stsdash: cannot open recording /nonexistent.jsonl: No such file or directory (os error 2)\n"
    );
}
