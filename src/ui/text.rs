//! Text laid out by display columns, never by bytes or chars: a wide
//! character takes two columns, a combining mark none, and a name of any
//! length fits its place.

use std::borrow::Cow;

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Display columns of `text`.
pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// `text` in at most `columns` display columns: cut with "…" when longer.
pub fn cut(text: &str, columns: usize) -> Cow<'_, str> {
    if width(text) <= columns {
        return Cow::Borrowed(text);
    }
    if columns == 0 {
        return Cow::Borrowed("");
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > columns - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    Cow::Owned(out)
}

/// `text` in exactly `columns` display columns: cut with "…", or padded with spaces.
pub fn fit(text: &str, columns: usize) -> String {
    let cut = cut(text, columns);
    let pad = columns.saturating_sub(width(&cut));
    let mut out = cut.into_owned();
    out.extend(std::iter::repeat_n(' ', pad));
    out
}

/// Styled pieces of text laid out in lines of at most `columns`, broken
/// between words only (a word wider than a line is cut with "…").
pub fn wrap(pieces: &[(String, Style)], columns: usize) -> Vec<Line<'static>> {
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut line: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    for (text, style) in pieces {
        for word in text.split(' ').filter(|w| !w.is_empty()) {
            let word = cut(word, columns);
            let w = width(&word);
            if used > 0 && used + 1 + w > columns {
                lines.push(Line::from(std::mem::take(&mut line)));
                used = 0;
            }
            if used > 0 {
                line.push(Span::raw(" "));
                used += 1;
            }
            line.push(Span::styled(word.into_owned(), *style));
            used += w;
        }
    }
    if !line.is_empty() {
        lines.push(Line::from(line));
    }
    lines
}

/// As many of `words` as fit `columns` whole, in order, joined by spaces
/// (the first, a name, is cut with "…" if even it does not fit).
pub fn pack(words: &[String], columns: usize) -> String {
    let mut out = pack_whole(words, columns);
    if out.is_empty()
        && let Some(first) = words.first()
    {
        out = cut(first, columns).into_owned();
    }
    out
}

/// As many of `words` as fit `columns` whole, in order, joined by spaces.
pub fn pack_whole(words: &[String], columns: usize) -> String {
    let mut out = String::new();
    for word in words {
        let sep = usize::from(!out.is_empty());
        if width(&out) + sep + width(word) > columns {
            break;
        }
        if sep == 1 {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_not_bytes() {
        assert_eq!(fit("web-0", 8), "web-0   ");
        assert_eq!(fit("データベース-0", 8), "データ… ");
        assert_eq!(width(&fit("データベース-0", 8)), 8);
        assert_eq!(fit(&"x".repeat(1000), 5), "xxxx…");
        assert_eq!(cut("é́é", 3), "é́é");
        assert_eq!(cut("abc", 0), "");
    }

    #[test]
    fn wrapping_and_packing_keep_words_whole() {
        let text = |l: &Line| {
            l.spans
                .iter()
                .map(|s| s.content.as_ref())
                .collect::<String>()
        };
        let pieces = [
            ("claim www-web-0:".to_string(), Style::new()),
            ("Bound, 1Gi, ReadWriteOnce".to_string(), Style::new()),
        ];
        let lines: Vec<String> = wrap(&pieces, 20).iter().map(text).collect();
        assert_eq!(lines, ["claim www-web-0:", "Bound, 1Gi,", "ReadWriteOnce"]);
        let words = ["1Gi", "RWO", "Retain", "dyn"].map(String::from);
        assert_eq!(pack(&words, 14), "1Gi RWO Retain");
        assert_eq!(pack(&words, 13), "1Gi RWO");
        assert_eq!(pack(&["pvc-123456".to_string()], 5), "pvc-…");
        assert_eq!(pack_whole(&["host-path".to_string()], 5), "");
    }
}
