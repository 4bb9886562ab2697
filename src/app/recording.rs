//! Recordings: every event the model received, as JSON lines, after a header
//! line that names the format version and what was watched.

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::model::{ClusterEvent, Scope, Text};
use crate::t;

/// The format this stsdash writes and reads.
pub const FORMAT_VERSION: u32 = 1;
const FORMAT_NAME: &str = "stsdash-recording";

#[derive(Debug, Serialize, Deserialize)]
pub struct Header {
    pub format: String,
    pub version: u32,
    pub namespace: Option<Text>,
    pub statefulset: Option<Text>,
    /// The stsdash that wrote it.
    pub writer: Text,
    /// The lesson that was run, whole, so a replay shows its strip.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lesson: Option<RecordedLesson>,
    /// A class was followed (`stsdash class`): a replay shows its grid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub class: Option<RecordedClass>,
}

/// A class as a recording keeps it: how its students were chosen, when a
/// row is stuck, and how it was watched. Its lesson is the header's.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RecordedClass {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selector: Option<String>,
    pub stuck_after_ms: i64,
    /// The note on how it was watched, if there was one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A lesson as a recording keeps it: its file and manifests, and where it ran.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RecordedLesson {
    pub name: String,
    pub file: String,
    pub text: String,
    pub manifests: Vec<(String, String)>,
    pub namespace: String,
}

#[derive(Debug, thiserror::Error)]
pub enum RecordingError {
    #[error("{}", t!("app-recording-open", path = .path.display().to_string(), error = .source.to_string()))]
    Open {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}", t!("app-recording-write", path = .path.display().to_string(), error = .source.to_string()))]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}", t!("app-recording-empty", path = .path.display().to_string()))]
    Empty { path: PathBuf },
    #[error("{}", t!("app-not-a-recording", path = .path.display().to_string(), reason = .reason))]
    NotARecording { path: PathBuf, reason: String },
    #[error(
        "{}",
        t!(
            "app-recording-newer-format",
            path = .path.display().to_string(),
            found = *.found,
            writer = .writer,
            reads = FORMAT_VERSION
        )
    )]
    NewerFormat {
        path: PathBuf,
        found: u32,
        writer: Text,
    },
    #[error("{}", t!("app-recording-bad-line", path = .path.display().to_string(), line = *.line, reason = .reason))]
    BadLine {
        path: PathBuf,
        line: usize,
        reason: String,
    },
}

pub struct Recorder {
    path: PathBuf,
    out: BufWriter<File>,
}

impl Recorder {
    pub fn create(path: &Path, scope: &Scope) -> Result<Self, RecordingError> {
        Self::create_with(path, scope, None)
    }

    /// A recording of a lesson: the header keeps the lesson.
    pub fn create_with(
        path: &Path,
        scope: &Scope,
        lesson: Option<RecordedLesson>,
    ) -> Result<Self, RecordingError> {
        Self::create_full(path, scope, lesson, None)
    }

    /// A recording of a class: the header keeps the lesson and the class.
    pub fn create_full(
        path: &Path,
        scope: &Scope,
        lesson: Option<RecordedLesson>,
        class: Option<RecordedClass>,
    ) -> Result<Self, RecordingError> {
        let write_err = |source| RecordingError::Write {
            path: path.to_path_buf(),
            source,
        };
        let file = private_file(path).map_err(write_err)?;
        let mut recorder = Recorder {
            path: path.to_path_buf(),
            out: BufWriter::new(file),
        };
        let header = Header {
            format: FORMAT_NAME.into(),
            version: FORMAT_VERSION,
            namespace: scope.namespace.clone(),
            statefulset: scope.statefulset.clone(),
            writer: Text::new(&format!("stsdash {}", env!("CARGO_PKG_VERSION"))),
            lesson,
            class,
        };
        recorder.line(&header)?;
        Ok(recorder)
    }

    pub fn record(&mut self, event: &ClusterEvent) -> Result<(), RecordingError> {
        self.line(event)
    }

    fn line<T: Serialize>(&mut self, value: &T) -> Result<(), RecordingError> {
        let io = |source| RecordingError::Write {
            path: self.path.clone(),
            source,
        };
        serde_json::to_writer(&mut self.out, value).map_err(|e| io(e.into()))?;
        self.out.write_all(b"\n").map_err(io)
    }

    pub fn flush(&mut self) -> Result<(), RecordingError> {
        self.out.flush().map_err(|source| RecordingError::Write {
            path: self.path.clone(),
            source,
        })
    }
}

/// The longest line a recording may have: a lesson's header with its
/// manifests, or one object, is far shorter; a longer line is refused
/// before it is held in memory.
pub const MAX_LINE: usize = 16 * 1024 * 1024;

/// Creates (or truncates) `path` readable and writable by its owner only:
/// recordings and logs hold log lines, names and manifests.
pub fn private_file(path: &Path) -> std::io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let file = options.open(path)?;
    // A file that was there before keeps its mode on open: narrowed too.
    #[cfg(unix)]
    file.set_permissions(std::os::unix::fs::PermissionsExt::from_mode(0o600))?;
    Ok(file)
}

/// Reads a whole recording; any line it cannot read is an error naming the line.
pub fn read(path: &Path) -> Result<(Header, Vec<ClusterEvent>), RecordingError> {
    let file = File::open(path).map_err(|source| RecordingError::Open {
        path: path.to_path_buf(),
        source,
    })?;
    parse(BufReader::new(file), path)
}

/// Reads a recording from `input` (named `path` in errors): whatever the
/// bytes, a recording or one error naming the line, never a panic.
pub fn parse(
    input: impl BufRead,
    path: &Path,
) -> Result<(Header, Vec<ClusterEvent>), RecordingError> {
    let mut lines = Lines {
        input,
        buffer: Vec::new(),
    };
    let bad = |line: usize, reason: String| RecordingError::BadLine {
        path: path.to_path_buf(),
        line,
        reason,
    };
    let first = match lines.next() {
        None => {
            return Err(RecordingError::Empty {
                path: path.to_path_buf(),
            });
        }
        Some(line) => line.map_err(|e| bad(1, e))?,
    };
    let header: Header =
        serde_json::from_str(&first).map_err(|e| RecordingError::NotARecording {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })?;
    if header.format != FORMAT_NAME {
        return Err(RecordingError::NotARecording {
            path: path.to_path_buf(),
            reason: t!(
                "app-recording-format-is",
                format = format!("{:?}", header.format)
            ),
        });
    }
    if header.version > FORMAT_VERSION {
        return Err(RecordingError::NewerFormat {
            path: path.to_path_buf(),
            found: header.version,
            writer: header.writer,
        });
    }
    let mut events = Vec::new();
    for (index, line) in lines.enumerate() {
        let number = index + 2;
        let line = line.map_err(|e| bad(number, e))?;
        if line.trim().is_empty() {
            continue;
        }
        let event = serde_json::from_str(&line).map_err(|e| {
            let reason = if e.is_eof() {
                t!("app-recording-cut-short")
            } else if e.to_string().contains("unknown variant") {
                t!("app-recording-unknown-variant", error = e.to_string())
            } else {
                e.to_string()
            };
            bad(number, reason)
        })?;
        events.push(event);
    }
    Ok((header, events))
}

/// The lines of a recording, each at most `MAX_LINE` bytes: a longer one is
/// an error as soon as the limit is passed, with nothing more read.
struct Lines<R> {
    input: R,
    buffer: Vec<u8>,
}

impl<R: BufRead> Iterator for Lines<R> {
    type Item = Result<String, String>;

    fn next(&mut self) -> Option<Self::Item> {
        self.buffer.clear();
        loop {
            let chunk = match self.input.fill_buf() {
                Ok(chunk) => chunk,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Some(Err(e.to_string())),
            };
            if chunk.is_empty() {
                if self.buffer.is_empty() {
                    return None;
                }
                break;
            }
            let (taken, ended) = match chunk.iter().position(|b| *b == b'\n') {
                Some(end) => (end + 1, true),
                None => (chunk.len(), false),
            };
            if self.buffer.len() + taken > MAX_LINE + 1 {
                return Some(Err(t!(
                    "app-recording-line-too-long",
                    mib = MAX_LINE / (1024 * 1024)
                )));
            }
            self.buffer.extend_from_slice(&chunk[..taken]);
            self.input.consume(taken);
            if ended {
                break;
            }
        }
        if self.buffer.last() == Some(&b'\n') {
            self.buffer.pop();
        }
        if self.buffer.last() == Some(&b'\r') {
            self.buffer.pop();
        }
        Some(
            String::from_utf8(std::mem::take(&mut self.buffer))
                .map_err(|_| t!("app-recording-not-utf8")),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    /// A header, then a line of `size` bytes, counting what is read of it.
    struct Huge {
        header: Vec<u8>,
        size: usize,
        read: std::rc::Rc<std::cell::Cell<usize>>,
    }

    impl Read for Huge {
        fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
            if !self.header.is_empty() {
                let n = self.header.len().min(out.len());
                out[..n].copy_from_slice(&self.header[..n]);
                self.header.drain(..n);
                return Ok(n);
            }
            let done = self.read.get();
            let n = (self.size - done).min(out.len());
            out[..n].fill(b'a');
            self.read.set(done + n);
            Ok(n)
        }
    }

    #[test]
    fn a_100_mib_line_is_refused_with_its_number_after_reading_only_the_limit() {
        let read = std::rc::Rc::new(std::cell::Cell::new(0));
        let header = format!(
            "{{\"format\":\"{FORMAT_NAME}\",\"version\":{FORMAT_VERSION},\"writer\":\"t\"}}\n"
        );
        let input = Huge {
            header: header.into_bytes(),
            size: 100 * 1024 * 1024,
            read: read.clone(),
        };
        let error = parse(BufReader::new(input), Path::new("big.jsonl")).unwrap_err();
        assert_eq!(
            error.to_string(),
            "recording big.jsonl, line 2: the line is longer than 16 MiB: not a recording stsdash wrote"
        );
        assert!(
            read.get() <= MAX_LINE + 64 * 1024,
            "read {} bytes",
            read.get()
        );
    }

    #[test]
    fn a_broken_recording_is_named_in_russian_and_chinese() {
        use crate::i18n::{Lang, with_lang};
        let header = format!(
            "{{\"format\":\"{FORMAT_NAME}\",\"version\":{FORMAT_VERSION},\"writer\":\"t\"}}\n"
        );
        let cut = format!("{header}{{\"at\":1,");
        let said = |lang| {
            with_lang(lang, || {
                parse(cut.as_bytes(), Path::new("cut.jsonl"))
                    .unwrap_err()
                    .to_string()
            })
        };
        assert_eq!(
            said(Lang::En),
            "recording cut.jsonl, line 2: the line is cut short (truncated recording?)"
        );
        assert_eq!(
            said(Lang::Ru),
            "запись cut.jsonl, строка 2: строка обрывается (запись обрезана?)"
        );
        assert_eq!(
            said(Lang::ZhTw),
            "錄製檔 cut.jsonl 第 2 行：這一行被截斷了（錄製檔不完整？）"
        );
    }

    #[test]
    fn recordings_are_made_readable_by_their_owner_only() {
        use std::os::unix::fs::PermissionsExt;
        let path = std::env::temp_dir().join(format!("stsdash-mode-{}.jsonl", std::process::id()));
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        drop(Recorder::create(&path, &Scope::default()).unwrap());
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        let _ = std::fs::remove_file(&path);
        assert_eq!(mode, 0o600);
    }
}
