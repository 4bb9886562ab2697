//! Recordings: every event the model received, as JSON lines, after a header
//! line that names the format version and what was watched.

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::model::{ClusterEvent, Scope, Text};

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
    #[error("cannot open recording {path}: {source}")]
    Open {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write recording {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("recording {path} is empty")]
    Empty { path: PathBuf },
    #[error("{path} is not an stsdash recording (line 1: {reason})")]
    NotARecording { path: PathBuf, reason: String },
    #[error(
        "recording {path} is format {found}, written by {writer}; this stsdash reads format {FORMAT_VERSION}"
    )]
    NewerFormat {
        path: PathBuf,
        found: u32,
        writer: Text,
    },
    #[error("recording {path}, line {line}: {reason}")]
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
        let write_err = |source| RecordingError::Write {
            path: path.to_path_buf(),
            source,
        };
        let file = File::create(path).map_err(write_err)?;
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
    let mut lines = input.lines();
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
        Some(line) => line.map_err(|e| bad(1, e.to_string()))?,
    };
    let header: Header =
        serde_json::from_str(&first).map_err(|e| RecordingError::NotARecording {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })?;
    if header.format != FORMAT_NAME {
        return Err(RecordingError::NotARecording {
            path: path.to_path_buf(),
            reason: format!("format is {:?}", header.format),
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
        let line = line.map_err(|e| bad(number, e.to_string()))?;
        if line.trim().is_empty() {
            continue;
        }
        let event = serde_json::from_str(&line).map_err(|e| {
            let reason = if e.is_eof() {
                "the line is cut short (truncated recording?)".to_string()
            } else if e.to_string().contains("unknown variant") {
                format!("{e} (recorded by a newer stsdash?)")
            } else {
                e.to_string()
            };
            bad(number, reason)
        })?;
        events.push(event);
    }
    Ok((header, events))
}
