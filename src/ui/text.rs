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

/// Whether a line may break between `before` and `after` without a space:
/// around a wide (CJK) character, but never before closing punctuation
/// (`，` `）` `、`) or after opening punctuation (`（` `「`).
fn breaks_between(before: char, after: char) -> bool {
    let wide = |c: char| c.width() == Some(2);
    (wide(before) || wide(after))
        && !"，。、：；！？）」』】〉》…".contains(after)
        && !"（「『【〈《".contains(before)
}

/// Whether a cut may fall between `before` and `after`: where a line may
/// break, and before the punctuation that ends a word ("kept:" cut to
/// "kept…" keeps the word whole).
fn cuts_between(before: char, after: char) -> bool {
    let wide = |c: char| c.width() == Some(2);
    wide(before)
        || wide(after)
        || (before.is_alphanumeric() && ",.:;!?)]}，。、：；！？）".contains(after))
}

/// The pieces a line may be broken into, in order: words between spaces,
/// and within them each run a line may break around (a wide character);
/// `true` when the piece follows the one before it with no space between.
fn units(text: &str) -> impl Iterator<Item = (&str, bool)> {
    text.split(' ').filter(|w| !w.is_empty()).flat_map(|word| {
        let mut out = Vec::new();
        let mut start = 0;
        let mut before: Option<char> = None;
        for (i, c) in word.char_indices() {
            if let Some(b) = before
                && breaks_between(b, c)
            {
                out.push((&word[start..i], start > 0));
                start = i;
            }
            before = Some(c);
        }
        out.push((&word[start..], start > 0));
        out
    })
}

/// `text` in at most `columns` display columns, cut after the last whole
/// word that fits (at a space, before the punctuation after a word, or
/// between wide characters) with "…"; a first word wider than the room is
/// cut within it, at a character. Where a cut at a character would fall
/// between words anyway, the two are the same.
pub fn cut_words(text: &str, columns: usize) -> Cow<'_, str> {
    if width(text) <= columns {
        return Cow::Borrowed(text);
    }
    let room = columns.saturating_sub(1);
    let mut end = None;
    let mut used = 0;
    let mut before: Option<char> = None;
    for (i, c) in text.char_indices() {
        if used > room {
            break;
        }
        if before.is_some_and(|b| c == ' ' || b == ' ' || cuts_between(b, c)) {
            end = Some(i);
        }
        used += c.width().unwrap_or(0);
        before = Some(c);
    }
    match end.map(|e| &text[..e]).filter(|t| !t.trim().is_empty()) {
        Some(kept) => Cow::Owned(format!("{kept}…")),
        None => cut(text, columns),
    }
}

/// Prose cut to `columns`: after a whole word, marked (…).
pub fn cut_prose(text: &str, columns: usize) -> Cow<'_, str> {
    cut_words(text, columns)
}

/// `text` padded with spaces to `columns` display columns on the left
/// (right-aligned), or as it is when wider.
pub fn pad_left(text: &str, columns: usize) -> String {
    let pad = columns.saturating_sub(width(text));
    let mut out = " ".repeat(pad);
    out.push_str(text);
    out
}

/// Styled pieces of text laid out in lines of at most `columns`, broken
/// between words only, or between wide characters (Chinese has no spaces;
/// a word wider than a line is cut with "…").
pub fn wrap(pieces: &[(String, Style)], columns: usize) -> Vec<Line<'static>> {
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut line: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    for (text, style) in pieces {
        for (unit, glued) in units(text) {
            let unit = cut(unit, columns);
            let w = width(&unit);
            let sep = usize::from(!glued);
            if used > 0 && used + sep + w > columns {
                lines.push(Line::from(std::mem::take(&mut line)));
                used = 0;
            }
            match line.last_mut() {
                // A piece of the same word: in the same span.
                Some(last) if glued && used > 0 => last.content.to_mut().push_str(&unit),
                _ => {
                    if used > 0 {
                        line.push(Span::raw(" "));
                        used += 1;
                    }
                    line.push(Span::styled(unit.into_owned(), *style));
                }
            }
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

    fn said(lines: &[Line]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn chinese_takes_two_cells_a_character_and_is_never_cut_within_one() {
        // An odd number of cells: the half left over is a space, not half a character.
        assert_eq!(fit("存儲類別", 5), "存儲…");
        assert_eq!(width(&fit("存儲類別", 5)), 5);
        assert_eq!(fit("尚未建立", 9), "尚未建立 ");
        assert_eq!(width(&fit("尚未建立", 9)), 9);
        // What padding by characters gives: 13 cells, not 9.
        assert_ne!(width(&format!("{:<9}", "尚未建立")), 9);
        assert_eq!(pad_left("↑ k", 10), "       ↑ k");
        assert_eq!(width(&pad_left("空白鍵", 10)), 10);
    }

    #[test]
    fn chinese_wraps_between_characters_and_keeps_its_punctuation() {
        let text = "不知道哪些 Pod 掛載它：stsdash 只監看一個 StatefulSet 的 Pod".to_string();
        let lines = said(&wrap(&[(text.clone(), Style::new())], 11));
        for line in &lines {
            assert!(width(line) <= 11, "{line:?} in {lines:?}");
            assert!(!line.contains('…'), "cut, not wrapped: {lines:?}");
            assert!(
                !line.starts_with('：'),
                "a line starts with its colon: {lines:?}"
            );
        }
        let squeezed = |t: &str| t.replace(' ', "");
        assert_eq!(squeezed(&lines.concat()), squeezed(&text));
        assert_eq!(lines[0], "不知道哪些");
        // English still breaks at spaces only.
        let lines = said(&wrap(
            &[("kept: no pod mounts it".into(), Style::new())],
            12,
        ));
        assert_eq!(lines, ["kept: no pod", "mounts it"]);
    }

    #[test]
    fn prose_is_cut_after_a_whole_word() {
        // A Russian word longer than the room: cut within it, at a character.
        assert_eq!(cut_words("переподключение", 8), "перепод…");
        assert_eq!(width(&cut_words("переподключение", 8)), 8);
        // Room for some words: the last whole one, then the mark.
        assert_eq!(
            cut_words("заявка www-web-0 сохранена", 20),
            "заявка www-web-0 …"
        );
        assert_eq!(cut_words("сохранена: ни один под", 12), "сохранена: …");
        assert_eq!(cut_words("сохранена: ни один под", 11), "сохранена:…");
        assert_eq!(cut_words("сохранена: ни один под", 10), "сохранена…");
        assert_eq!(cut_words("Bound, 1Gi, ReadWriteOnce", 20), "Bound, 1Gi, …");
        // Chinese: between two characters.
        assert_eq!(cut_words("保留：沒有 Pod 掛載它", 9), "保留：沒…");
        assert_eq!(width(&cut_words("保留：沒有 Pod 掛載它", 9)), 9);
        assert_eq!(cut_words("short", 9), "short");
    }
}
