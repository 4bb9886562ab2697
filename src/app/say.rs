//! The one way stsdash writes to standard output and error outside the
//! dashboard: every line passes the sanitiser, so a name, a server message
//! or a kubeconfig entry carrying escape sequences is printed inert.

use std::io::Write;

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
}
