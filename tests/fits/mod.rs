//! The check that text fits its pane in every language: a word that reaches
//! a pane's right edge is whole, or is marked cut (…), or — Chinese, which
//! may break between any two characters — goes on at the start of the next
//! row of the same pane. A word is whole when the same view drawn on a
//! screen wide enough for everything has it as a whole word.

use std::collections::BTreeSet;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

/// The characters that draw a pane's side.
const SIDES: [char; 6] = ['│', '┃', '║', '▏', '▕', '┆'];

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && !SIDES.contains(&c)
}

fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// The rows of a buffer as cells' symbols (a wide character's second cell is empty).
fn rows(buffer: &Buffer) -> Vec<Vec<String>> {
    let width = buffer.area.width as usize;
    buffer
        .content
        .chunks(width)
        .map(|row| {
            let mut symbols = Vec::with_capacity(width);
            let mut hidden = 0;
            for cell in row {
                if hidden > 0 {
                    hidden -= 1;
                    symbols.push(String::new());
                    continue;
                }
                hidden = cell.symbol().width().saturating_sub(1);
                symbols.push(cell.symbol().to_string());
            }
            symbols
        })
        .collect()
}

/// Every word of a frame, whole.
pub fn words(buffer: &Buffer) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for row in rows(buffer) {
        let mut word = String::new();
        for symbol in row.iter().flat_map(|s| s.chars()) {
            if is_word_char(symbol) {
                word.push(symbol);
            } else if !word.is_empty() {
                out.insert(std::mem::take(&mut word));
            }
        }
        if !word.is_empty() {
            out.insert(word);
        }
    }
    out
}

/// The words of `buffer` that end at a pane's edge without being whole,
/// marked cut or carried on, each with its row: none is the pass.
/// `over`: a dialog drawn over the panes; the words it hides behind its
/// left side are not cut, only covered.
pub fn cut_words(buffer: &Buffer, whole: &BTreeSet<String>, over: Option<Rect>) -> Vec<String> {
    let rows = rows(buffer);
    let mut cut = Vec::new();
    for (y, row) in rows.iter().enumerate() {
        let width = row.len();
        // Cells that end a pane's text: a side, or the screen's edge.
        let mut x = 0;
        while x < width {
            if !row[x].chars().next().is_some_and(is_word_char) {
                x += 1;
                continue;
            }
            // The word starting at x, over its cells (wide characters: an empty cell after).
            let start = x;
            let mut word = String::new();
            while x < width && (row[x].is_empty() || row[x].chars().all(is_word_char)) {
                word.push_str(&row[x]);
                x += 1;
            }
            // A wide character that did not fit leaves one blank cell before the edge.
            let mut end = x;
            if word.chars().last().is_some_and(is_han) && end < width && row[end] == " " {
                end += 1;
            }
            let at_edge =
                end == width || row[end].chars().next().is_some_and(|c| SIDES.contains(&c));
            // The timeline's bars (YYYY, RRR) are letters, not words.
            let first = word.chars().next();
            let bar = word.chars().count() > 1
                && first.is_some_and(|c| c.is_ascii_uppercase())
                && word.chars().all(|c| Some(c) == first);
            let covered = over.is_some_and(|r| {
                end == usize::from(r.x) && (r.y..r.y + r.height).contains(&(y as u16))
            });
            if !at_edge || bar || covered || whole.contains(&word) {
                continue;
            }
            // Chinese may break between two characters: it goes on in the
            // next row, at the start of the same pane's text.
            if word.chars().all(is_han)
                && let Some(next) = rows.get(y + 1)
            {
                let pane_start = (0..start)
                    .rev()
                    .find(|&i| row[i].chars().next().is_some_and(|c| SIDES.contains(&c)))
                    .map_or(0, |i| i + 1);
                let goes_on = next[pane_start..]
                    .iter()
                    .flat_map(|s| s.chars())
                    .find(|c| !c.is_whitespace())
                    .is_some_and(is_han);
                if goes_on && whole.iter().any(|w| w.contains(&word)) {
                    continue;
                }
            }
            cut.push(format!("row {y}: {word:?} ends at the edge, not whole"));
        }
    }
    cut
}

/// The smallest rectangle holding every cell where `a` and `b` differ: a
/// dialog, when `b` is the same frame without it.
#[allow(dead_code)] // ui_class has no dialog
pub fn difference(a: &Buffer, b: &Buffer) -> Option<Rect> {
    let width = a.area.width;
    let cells: Vec<(u16, u16)> = a
        .content
        .iter()
        .zip(&b.content)
        .enumerate()
        .filter(|(_, (x, y))| x != y)
        .map(|(i, _)| (i as u16 % width, i as u16 / width))
        .collect();
    let (x0, x1) = (
        cells.iter().map(|c| c.0).min()?,
        cells.iter().map(|c| c.0).max()?,
    );
    let (y0, y1) = (
        cells.iter().map(|c| c.1).min()?,
        cells.iter().map(|c| c.1).max()?,
    );
    Some(Rect::new(x0, y0, x1 - x0 + 1, y1 - y0 + 1))
}
