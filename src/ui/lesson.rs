//! The lesson strip under the panes (step k of n, what to do, where to look,
//! what it waits for, the question and its answer) and the recap at the end.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::{Theme, dialogs, text};

/// The strip's text, made by the app from where the lesson stands.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LessonStrip {
    /// "lesson mehdb · step 3 of 8 · Scale up to 4"
    pub title: String,
    /// The keys that drive it now: "Enter next · a answer".
    pub keys: String,
    pub lines: Vec<StripLine>,
    /// At the end: each question, its answer, and whether it was revealed.
    pub recap: Vec<RecapItem>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StripLine {
    /// "do", "watch", "?", "answer"…
    pub label: &'static str,
    pub text: String,
    pub tone: Tone,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Plain,
    /// What the step still waits for.
    Waiting,
    /// The step is done.
    Done,
    Failed,
    /// The question and its answer.
    Question,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecapItem {
    pub step: String,
    pub question: String,
    pub answer: String,
    /// "answer seen", "answer not revealed", "skipped", in the language spoken.
    pub seen: String,
}

/// A line's label as the strip shows it. The app names lines by their
/// English label (tests find them so); the strip says it in the language spoken.
fn label_text(label: &str) -> String {
    match label {
        "do" => crate::t!("lesson-label-do"),
        "run" => crate::t!("lesson-label-run"),
        "same as" => crate::t!("lesson-label-same-as"),
        "applies" => crate::t!("lesson-label-applies"),
        "output" => crate::t!("lesson-label-output"),
        "failed" => crate::t!("lesson-label-failed"),
        "watch" => crate::t!("lesson-label-watch"),
        "note" => crate::t!("lesson-label-note"),
        "done" => crate::t!("lesson-label-done"),
        "then" => crate::t!("lesson-label-then"),
        "waiting" => crate::t!("lesson-label-waiting"),
        "answer" => crate::t!("lesson-label-answer"),
        other => other.to_string(),
    }
}

const LABEL: usize = 7;
/// The strip never takes more than this many lines of text.
const MOST_LINES: usize = 8;

fn style(tone: Tone, theme: &Theme) -> Style {
    match tone {
        Tone::Plain => theme.text,
        Tone::Waiting => theme.now,
        Tone::Done => theme.focus,
        Tone::Failed => theme.error,
        Tone::Question => theme.title,
    }
}

/// What goes first when the strip has no room for everything: the question,
/// its answer and where the step stands stay.
const DROPPED_FIRST: [&str; 8] = [
    "note", "watch", "output", "same as", "run", "applies", "then", "do",
];

/// The strip's lines at this width: each label once, its text wrapped after it.
fn lines(strip: &LessonStrip, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let labels: Vec<String> = strip.lines.iter().map(|l| label_text(l.label)).collect();
    // The labels' column: LABEL cells, or the widest label in this language.
    let label_width = labels
        .iter()
        .map(|l| text::width(l))
        .max()
        .unwrap_or(0)
        .max(LABEL);
    let columns = width.saturating_sub(label_width + 1).max(10);
    let mut blocks: Vec<(&str, Vec<Line<'static>>)> = strip
        .lines
        .iter()
        .zip(&labels)
        .map(|(line, label_text)| {
            let wrapped = text::wrap(&[(line.text.clone(), style(line.tone, theme))], columns);
            let lines = wrapped
                .into_iter()
                .enumerate()
                .map(|(i, mut l)| {
                    let label = if i == 0 { label_text.as_str() } else { "" };
                    // Padded in cells: a Chinese label takes two a character.
                    let pad = " ".repeat(label_width.saturating_sub(text::width(label)) + 1);
                    l.spans
                        .insert(0, Span::styled(format!("{label}{pad}"), theme.muted));
                    l
                })
                .collect();
            (line.label, lines)
        })
        .collect();
    for label in DROPPED_FIRST {
        if blocks.iter().map(|(_, l)| l.len()).sum::<usize>() <= MOST_LINES {
            break;
        }
        blocks.retain(|(l, _)| *l != label);
    }
    let mut out: Vec<Line<'static>> = blocks.into_iter().flat_map(|(_, l)| l).collect();
    if out.len() > MOST_LINES {
        out.truncate(MOST_LINES);
        if let Some(last) = out.last_mut() {
            last.spans.push(Span::styled(" …", theme.muted));
        }
    }
    out
}

/// How many rows the strip takes at this width (its border included).
pub fn height(strip: &LessonStrip, width: u16, theme: &Theme) -> u16 {
    lines(strip, width.saturating_sub(2) as usize, theme).len() as u16 + 2
}

pub(super) fn draw(frame: &mut Frame, area: Rect, strip: &LessonStrip, theme: &Theme) {
    let body = lines(strip, area.width.saturating_sub(2) as usize, theme);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.focus)
        .title(Span::styled(format!(" {} ", strip.title), theme.focus))
        .title_top(
            Line::from(Span::styled(format!(" {} ", strip.keys), theme.muted)).right_aligned(),
        );
    frame.render_widget(Paragraph::new(body).block(block), area);
}

/// The recap over the dashboard: every question and its answer.
pub(super) fn draw_recap(
    frame: &mut Frame,
    area: Rect,
    strip: &LessonStrip,
    scroll: usize,
    theme: &Theme,
) {
    let popup = dialogs::centered(
        area,
        area.width.saturating_sub(4).min(110),
        area.height.saturating_sub(2),
    );
    let columns = popup.width.saturating_sub(4) as usize;
    let mut body: Vec<Line> = Vec::new();
    for (i, item) in strip.recap.iter().enumerate() {
        let head = format!("{}. {}", i + 1, item.step);
        body.push(Line::from(vec![
            Span::styled(head, theme.title),
            Span::styled(format!("  ({})", item.seen), theme.muted),
        ]));
        let indent = |mut l: Line<'static>| {
            l.spans.insert(0, Span::raw("   "));
            l
        };
        body.extend(
            text::wrap(&[(format!("? {}", item.question), theme.text)], columns - 3)
                .into_iter()
                .map(indent),
        );
        body.extend(
            text::wrap(&[(format!("→ {}", item.answer), theme.focus)], columns - 3)
                .into_iter()
                .map(indent),
        );
    }
    let body: Vec<Line> = body.into_iter().skip(scroll).collect();
    frame.render_widget(Clear, popup);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.focus)
        .title(Span::styled(
            format!(" {} ", crate::t!("lesson-recap-title", title = strip.title)),
            theme.focus,
        ))
        .title_bottom(
            Line::from(Span::styled(
                format!(" {} ", crate::t!("lesson-recap-keys")),
                theme.muted,
            ))
            .right_aligned(),
        );
    frame.render_widget(Paragraph::new(body).style(theme.text).block(block), popup);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, with_lang};

    #[test]
    fn labels_are_said_in_the_language_and_padded_in_cells() {
        let strip = LessonStrip {
            lines: vec![StripLine {
                label: "do",
                text: "word ".repeat(20),
                tone: Tone::Plain,
            }],
            ..LessonStrip::default()
        };
        let theme = Theme::default_theme();
        for (lang, label) in [(Lang::En, "do"), (Lang::Ru, "делаем"), (Lang::ZhTw, "動作")]
        {
            let lines = with_lang(lang, || lines(&strip, 40, &theme));
            assert!(lines.len() > 1, "{lines:?}");
            let first = lines[0].spans[0].content.to_string();
            assert!(first.starts_with(label), "{lang:?}: {first:?}");
            // The text starts in the same column on every line: after 7 cells and a space.
            for line in &lines {
                assert_eq!(
                    text::width(&line.spans[0].content),
                    LABEL + 1,
                    "{lang:?}: {line:?}"
                );
            }
        }
    }
}
