//! The one way stsdash writes to standard output and error outside the
//! dashboard: every line passes the sanitiser, so a name, a server message
//! or a kubeconfig entry carrying escape sequences is printed inert.

use std::io::Write;

use unicode_width::UnicodeWidthStr;

use crate::model::sanitize;

/// `text` with each of its lines made safe; the line breaks are kept.
pub fn safe(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&sanitize::line(line.strip_suffix('\r').unwrap_or(line)));
    }
    out
}

/// Writes `text` to standard output, made safe.
pub fn out(text: &str) {
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`stsdash lesson | head`) is not an error worth a panic.
    let _ = stdout.write_all(safe(text).as_bytes());
    let _ = stdout.flush();
}

/// Writes one line to standard output, made safe.
pub fn line(text: &str) {
    out(&format!("{text}\n"));
}

/// Where the values of "label: value" lines start: one cell past the
/// widest label, in terminal cells (a Chinese character takes two).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column(usize);

impl Column {
    pub fn fitting<S: AsRef<str>>(labels: &[S]) -> Column {
        Column(labels.iter().map(|l| l.as_ref().width()).max().unwrap_or(0) + 1)
    }

    /// `label`, padded to the column, then `value`.
    pub fn field(self, label: &str, value: &str) -> String {
        let pad = self.0.saturating_sub(label.width()).max(1);
        format!("{label}{:pad$}{value}", "")
    }
}

/// Writes `stsdash: TEXT` to standard error, each line made safe.
pub fn error(text: &str) {
    let prefixed: Vec<String> = text.split('\n').map(|l| format!("stsdash: {l}")).collect();
    let _ = writeln!(std::io::stderr().lock(), "{}", safe(&prefixed.join("\n")));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_is_made_inert_and_the_breaks_are_kept() {
        assert_eq!(
            safe("ok\n\x1b]0;owned\x07name\x1b[2J\r\nlast"),
            "ok\nname\nlast"
        );
        assert_eq!(safe("a\u{202e}b\tc"), "a\u{fffd}b c");
    }

    #[test]
    fn values_start_one_cell_past_the_widest_label_counted_in_cells() {
        let column = Column::fitting(&["context:", "namespace:"]);
        assert_eq!(column.field("context:", "lab"), "context:   lab");
        assert_eq!(column.field("namespace:", "demo"), "namespace: demo");
        // Two cells per Chinese character: 命名空間： is 10 cells wide.
        let column = Column::fitting(&["版本：", "命名空間："]);
        assert_eq!(column.field("版本：", "v1"), "版本：     v1");
        assert_eq!(column.field("命名空間：", "demo"), "命名空間： demo");
    }
}
