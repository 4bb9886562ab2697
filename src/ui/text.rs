//! Text laid out by display columns, never by bytes or chars: a wide
//! character takes two columns, a combining mark none, and a name of any
//! length fits its place.

use std::borrow::Cow;

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
}
