//! Pod logs: the bytes a log stream delivers become clean, bounded lines
//! here, and the followed logs are kept here, bounded in lines, bytes and
//! number. Whatever a pod writes (invalid UTF-8, escape sequences, a 10 MB
//! line, carriage returns), what comes out is one line of printable text.

use std::collections::{BTreeMap, VecDeque};

use serde::{Deserialize, Serialize};
use unicode_width::UnicodeWidthChar;

use super::key::Key;
use super::sanitize;
use super::text::Text;

/// At most this many bytes of one line are kept; the rest is counted.
pub const MAX_LINE_BYTES: usize = 2048;
/// At most this many lines, and this many bytes, are kept per log.
pub const MAX_LOG_LINES: usize = 2000;
pub const MAX_LOG_BYTES: usize = 1 << 20;
/// At most this many logs (pod and container) are kept; the one updated
/// longest ago goes first.
pub const MAX_LOGS: usize = 64;
/// Tab stops, as a terminal sets them.
const TAB: usize = 8;

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// One line of a pod's log, clean.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogLine {
    /// When the container wrote it (ns since the epoch), from the API's
    /// timestamps: a stream opened again starts after it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<i64>,
    pub text: Text,
    /// Bytes of the line that were not kept.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub cut: usize,
}

impl LogLine {
    /// A line stsdash itself writes into a log pane ("[stsdash: …]").
    pub fn note(text: &str) -> LogLine {
        LogLine {
            time: None,
            text: Text::new(text),
            cut: 0,
        }
    }

    /// The text as shown, with what was cut said at its end.
    pub fn shown(&self) -> String {
        if self.cut == 0 {
            self.text.to_string()
        } else {
            // The line itself stays out of the message: only what was cut is said.
            format!("{} {}", self.text, crate::t!("log-cut", count = self.cut))
        }
    }
}

/// Cuts a byte stream into lines: at most [`MAX_LINE_BYTES`] of each is held,
/// however long it is, so a 10 MB line costs 2 KiB.
#[derive(Debug, Default)]
pub struct LineSplitter {
    /// The start of the line being read.
    current: Vec<u8>,
    /// Bytes of the current line beyond `current`.
    cut: usize,
    /// Lines start with the API's RFC3339 timestamp and a space.
    timestamps: bool,
}

impl LineSplitter {
    pub fn new(timestamps: bool) -> Self {
        LineSplitter {
            timestamps,
            ..Default::default()
        }
    }

    /// The lines `bytes` completes.
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<LogLine> {
        let mut lines = Vec::new();
        for piece in bytes.split_inclusive(|b| *b == b'\n') {
            let (body, ends) = match piece.strip_suffix(b"\n") {
                Some(body) => (body, true),
                None => (piece, false),
            };
            let room = MAX_LINE_BYTES.saturating_sub(self.current.len());
            let kept = body.len().min(room);
            self.current.extend_from_slice(&body[..kept]);
            self.cut += body.len() - kept;
            if ends {
                lines.push(self.take());
            }
        }
        lines
    }

    /// What is left when the stream ends (a last line without a newline).
    pub fn finish(&mut self) -> Option<LogLine> {
        (!self.current.is_empty() || self.cut > 0).then(|| self.take())
    }

    fn take(&mut self) -> LogLine {
        let bytes = std::mem::take(&mut self.current);
        let cut = std::mem::take(&mut self.cut);
        let (time, body) = if self.timestamps {
            split_timestamp(&bytes)
        } else {
            (None, &bytes[..])
        };
        LogLine {
            time,
            text: Text::new(&clean(&String::from_utf8_lossy(body))),
            cut,
        }
    }
}

/// The timestamp the API put first ("2026-01-01T00:00:00.123456789Z "), and the rest.
fn split_timestamp(bytes: &[u8]) -> (Option<i64>, &[u8]) {
    let Some(space) = bytes.iter().position(|b| *b == b' ') else {
        return (None, bytes);
    };
    let time = std::str::from_utf8(&bytes[..space])
        .ok()
        .and_then(|s| s.parse::<k8s_openapi::jiff::Timestamp>().ok())
        .and_then(|t| i64::try_from(t.as_nanosecond()).ok());
    match time {
        Some(time) => (Some(time), &bytes[space + 1..]),
        None => (None, bytes),
    }
}

/// One printable line as a terminal would show it: a carriage return starts
/// the line over (a progress bar shows its last state), tabs move to the next
/// stop, and then escape sequences and control characters are taken out.
pub fn clean(line: &str) -> String {
    let line = line.strip_suffix('\r').unwrap_or(line);
    let line = match line.rfind('\r') {
        Some(cr) => &line[cr + 1..],
        None => line,
    };
    if !line.contains('\t') {
        return sanitize::line(line);
    }
    let mut expanded = String::with_capacity(line.len() + TAB);
    let mut column = 0;
    for c in line.chars() {
        if c == '\t' {
            let spaces = TAB - column % TAB;
            expanded.extend(std::iter::repeat_n(' ', spaces));
            column += spaces;
        } else {
            expanded.push(c);
            column += c.width().unwrap_or(0);
        }
    }
    sanitize::line(&expanded)
}

/// The followed log of one pod's container, across its incarnations.
#[derive(Debug, Clone, Default)]
pub struct PodLog {
    /// The incarnation the newest lines came from.
    pub uid: Text,
    pub lines: VecDeque<LogLine>,
    bytes: usize,
    /// When it last got a line (the model's clock), to drop the stalest log.
    updated: i64,
}

impl PodLog {
    fn push(&mut self, line: LogLine) {
        self.bytes += line.text.len();
        self.lines.push_back(line);
        while self.lines.len() > MAX_LOG_LINES || self.bytes > MAX_LOG_BYTES {
            match self.lines.pop_front() {
                Some(old) => self.bytes -= old.text.len(),
                None => break,
            }
        }
    }

    /// Where a stream of this incarnation should start so that nothing is
    /// shown twice: after the newest timestamped line, and how many lines
    /// with that very timestamp were already seen.
    pub fn resume_after(&self, uid: &str) -> Option<(i64, usize)> {
        if self.uid != uid {
            return None;
        }
        let last = self.lines.iter().rev().find_map(|l| l.time)?;
        let same = self
            .lines
            .iter()
            .rev()
            .filter(|l| l.time == Some(last))
            .count();
        Some((last, same))
    }
}

/// Every followed log, by pod and container.
#[derive(Debug, Clone, Default)]
pub struct Logs {
    pub by_target: BTreeMap<(Key, Text), PodLog>,
}

impl Logs {
    pub fn get(&self, pod: &Key, container: &str) -> Option<&PodLog> {
        self.by_target.get(&(pod.clone(), Text::new(container)))
    }

    /// Adds lines of one incarnation; a new incarnation is marked with a line of its own.
    pub fn append(&mut self, pod: Key, uid: Text, container: Text, lines: Vec<LogLine>, at: i64) {
        let log = self.by_target.entry((pod, container)).or_default();
        if log.uid != uid {
            if !log.uid.is_empty() {
                log.push(LogLine::note(&crate::t!(
                    "log-new-incarnation",
                    uid = super::pod::short_uid(&uid)
                )));
            }
            log.uid = uid;
        }
        for line in lines {
            log.push(line);
        }
        log.updated = at;
        if self.by_target.len() > MAX_LOGS {
            let stalest = self
                .by_target
                .iter()
                .min_by_key(|(_, l)| l.updated)
                .map(|(k, _)| k.clone());
            if let Some(stalest) = stalest {
                self.by_target.remove(&stalest);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lines: &[LogLine]) -> Vec<String> {
        lines.iter().map(LogLine::shown).collect()
    }

    #[test]
    fn bytes_become_clean_lines_whatever_they_hold() {
        let mut s = LineSplitter::new(false);
        let lines = s.feed(b"ok\ninvalid \xff\xfe utf-8\nbell\x07 and \x1b]52;c;aGk=\x07osc52\n");
        assert_eq!(
            texts(&lines),
            [
                "ok",
                "invalid \u{fffd}\u{fffd} utf-8",
                "bell\u{fffd} and osc52"
            ]
        );
        // A line may arrive in pieces, a multi-byte character split between them.
        assert!(s.feed("caf".as_bytes()).is_empty());
        assert!(s.feed(&"é".as_bytes()[..1]).is_empty());
        let lines = s.feed(&"é done\r\n".as_bytes()[1..]);
        assert_eq!(texts(&lines), ["café done"]);
        // A progress bar shows its last state; tabs go to the next stop.
        let lines = s.feed(b"10%\r50%\r100%\na\tb\tc\n");
        assert_eq!(texts(&lines), ["100%", "a       b       c"]);
        assert!(s.finish().is_none());
        s.feed(b"no newline at the end");
        assert_eq!(s.finish().unwrap().text, "no newline at the end");
    }

    #[test]
    fn a_huge_line_keeps_a_prefix_and_says_how_much_was_cut() {
        let mut s = LineSplitter::new(false);
        let chunk = vec![b'x'; 1 << 20];
        for _ in 0..10 {
            assert!(s.feed(&chunk).is_empty());
            assert!(s.current.len() <= MAX_LINE_BYTES, "never more is held");
        }
        let lines = s.feed(b"\nnext\n");
        assert_eq!(lines[0].text.len(), MAX_LINE_BYTES);
        assert_eq!(lines[0].cut, 10 * (1 << 20) - MAX_LINE_BYTES);
        assert!(lines[0].shown().ends_with(" … [10483712 bytes cut]"));
        assert_eq!(lines[1].text, "next");
    }

    #[test]
    fn timestamps_are_read_off_the_front() {
        let mut s = LineSplitter::new(true);
        let lines = s.feed(b"2026-11-22T21:14:46.744751062Z host web-0\nnot a time\n");
        assert_eq!(lines[0].text, "host web-0");
        assert_eq!(lines[0].time, Some(1_795_382_086_744_751_062));
        assert_eq!(
            (lines[1].time, lines[1].text.as_str()),
            (None, "not a time")
        );
    }

    #[test]
    fn a_log_is_bounded_and_knows_where_to_resume() {
        let mut logs = Logs::default();
        let pod = Key::new("demo", "web-0");
        let line = |t: i64, n: usize| LogLine {
            time: Some(t),
            text: Text::new(&format!("line {n}")),
            cut: 0,
        };
        let lines: Vec<LogLine> = (0..MAX_LOG_LINES + 10)
            .map(|n| line(n as i64 / 2, n))
            .collect();
        logs.append(pod.clone(), "u1".into(), "c".into(), lines, 1);
        let log = logs.get(&pod, "c").unwrap();
        assert_eq!(log.lines.len(), MAX_LOG_LINES);
        let newest = (MAX_LOG_LINES + 9) as i64 / 2;
        assert_eq!(log.resume_after("u1"), Some((newest, 2)));
        assert_eq!(log.resume_after("another incarnation"), None);
        // Many logs: the stalest goes.
        for n in 0..MAX_LOGS + 5 {
            logs.append(
                Key::new("demo", format!("p-{n}")),
                "u".into(),
                "c".into(),
                vec![],
                10 + n as i64,
            );
        }
        assert_eq!(logs.by_target.len(), MAX_LOGS);
        assert!(logs.get(&pod, "c").is_none());
    }
}
