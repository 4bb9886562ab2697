//! Text from the cluster (names, messages, log lines) may carry escape
//! sequences that would steer the terminal. Everything shown passes here,
//! once, where it enters the model (see `Text` and the log splitter).

/// One line of plain, printable text: escape sequences are removed, tabs
/// become spaces, and any other control character (and the bidirectional
/// overrides that reorder what a terminal shows) becomes U+FFFD.
pub fn line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\x1b' => skip_escape(&mut chars),
            // C1 control sequence introducers carry sequences of their own.
            '\u{9b}' => skip_csi(&mut chars),
            '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            '\t' => out.push(' '),
            c if is_unsafe(c) => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// Whether `line` would leave `text` as it is (the common case, checked without allocating).
pub fn is_clean(text: &str) -> bool {
    !text.chars().any(|c| c == '\t' || is_unsafe(c))
}

fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

fn skip_escape(chars: &mut Chars) {
    match chars.next() {
        Some('[') => skip_csi(chars),
        Some(']' | 'P' | 'X' | '^' | '_') => skip_string(chars),
        // Two-character escapes (ESC c, ESC 7, ...) and charset selection (ESC ( B).
        Some('(' | ')' | '*' | '+' | '#' | '%') => {
            chars.next();
        }
        _ => {}
    }
}

/// CSI: parameters and intermediates up to a final byte in @..~.
fn skip_csi(chars: &mut Chars) {
    for c in chars.by_ref() {
        if ('@'..='~').contains(&c) {
            break;
        }
    }
}

/// OSC, DCS and friends: up to BEL or ST (ESC \ or U+9C).
fn skip_string(chars: &mut Chars) {
    while let Some(c) = chars.next() {
        match c {
            '\x07' | '\u{9c}' => break,
            '\x1b' => {
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                break;
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{is_clean, line};

    #[test]
    fn plain_text_is_unchanged() {
        assert_eq!(
            line("host web-0, client 1, amount 100"),
            "host web-0, client 1, amount 100"
        );
        assert_eq!(line("ünïcode ✓"), "ünïcode ✓");
    }

    #[test]
    fn escape_sequences_are_removed() {
        assert_eq!(line("\x1b[31mred\x1b[0m"), "red");
        assert_eq!(line("\x1b]0;title\x07text"), "text");
        assert_eq!(line("\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\"), "link");
        assert_eq!(line("a\x1b[2J\x1b[Hb"), "ab");
        assert_eq!(line("\u{9b}31mc1"), "c1");
        assert_eq!(line("\x1bPdcs\x1b\\after"), "after");
        assert_eq!(line("x\x1b(By"), "xy");
    }

    #[test]
    fn control_characters_are_visible_but_harmless() {
        assert_eq!(line("a\rb\x08c\x07"), "a\u{fffd}b\u{fffd}c\u{fffd}");
        assert_eq!(line("a\tb"), "a b");
        assert_eq!(line("line\n"), "line\u{fffd}");
        assert_eq!(line("abc\u{202e}fed"), "abc\u{fffd}fed");
        assert!(is_clean("web-0 ✓ ünï"));
        assert!(!is_clean("a\tb") && !is_clean("a\x1b[m") && !is_clean("\u{2066}"));
    }

    #[test]
    fn an_unterminated_sequence_swallows_only_itself() {
        assert_eq!(line("ok\x1b[31"), "ok");
        assert_eq!(line("ok\x1b"), "ok");
    }
}
