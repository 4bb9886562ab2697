//! Turns a terminal screen captured with `tmux capture-pane -e -p` (text
//! with SGR colour sequences) into an SVG of the same cells, for the
//! screenshots. `cargo run --example ansi2svg < screen.ansi > screen.svg`

use std::fmt::Write as _;
use std::io::Read;

#[derive(Clone, Copy, PartialEq)]
struct Pen {
    fg: Option<(u8, u8, u8)>,
    bg: Option<(u8, u8, u8)>,
    bold: bool,
    reversed: bool,
}

const DEFAULT_FG: (u8, u8, u8) = (0xd0, 0xd0, 0xd0);
const DEFAULT_BG: (u8, u8, u8) = (0x12, 0x12, 0x12);
const CELL_W: f32 = 9.0;
const CELL_H: f32 = 18.0;

/// The xterm 256-colour palette.
fn indexed(n: u8) -> (u8, u8, u8) {
    const BASE: [(u8, u8, u8); 16] = [
        (0, 0, 0),
        (205, 0, 0),
        (0, 205, 0),
        (205, 205, 0),
        (0, 0, 238),
        (205, 0, 205),
        (0, 205, 205),
        (229, 229, 229),
        (127, 127, 127),
        (255, 0, 0),
        (0, 255, 0),
        (255, 255, 0),
        (92, 92, 255),
        (255, 0, 255),
        (0, 255, 255),
        (255, 255, 255),
    ];
    match n {
        0..=15 => BASE[n as usize],
        16..=231 => {
            let i = n - 16;
            let level = |v: u8| if v == 0 { 0 } else { 55 + v * 40 };
            (level(i / 36), level((i / 6) % 6), level(i % 6))
        }
        _ => {
            let v = 8 + (n - 232) * 10;
            (v, v, v)
        }
    }
}

fn apply_sgr(pen: &mut Pen, params: &str) {
    let codes: Vec<u16> = params.split(';').map(|p| p.parse().unwrap_or(0)).collect();
    let mut i = 0;
    while i < codes.len() {
        match codes[i] {
            0 => {
                *pen = Pen {
                    fg: None,
                    bg: None,
                    bold: false,
                    reversed: false,
                }
            }
            1 => pen.bold = true,
            22 => pen.bold = false,
            7 => pen.reversed = true,
            27 => pen.reversed = false,
            c @ 30..=37 => pen.fg = Some(indexed((c - 30) as u8)),
            c @ 90..=97 => pen.fg = Some(indexed((c - 90 + 8) as u8)),
            c @ 40..=47 => pen.bg = Some(indexed((c - 40) as u8)),
            c @ 100..=107 => pen.bg = Some(indexed((c - 100 + 8) as u8)),
            39 => pen.fg = None,
            49 => pen.bg = None,
            c @ (38 | 48) => {
                let colour = match codes.get(i + 1) {
                    Some(5) => {
                        i += 2;
                        codes.get(i).map(|n| indexed(*n as u8))
                    }
                    Some(2) => {
                        i += 4;
                        match (codes.get(i - 2), codes.get(i - 1), codes.get(i)) {
                            (Some(r), Some(g), Some(b)) => Some((*r as u8, *g as u8, *b as u8)),
                            _ => None,
                        }
                    }
                    _ => None,
                };
                if c == 38 {
                    pen.fg = colour;
                } else {
                    pen.bg = colour;
                }
            }
            _ => {}
        }
        i += 1;
    }
}

fn hex((r, g, b): (u8, u8, u8)) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

fn escape(c: char) -> String {
    match c {
        '&' => "&amp;".into(),
        '<' => "&lt;".into(),
        '>' => "&gt;".into(),
        c => c.to_string(),
    }
}

fn main() {
    let mut input = String::new();
    std::io::stdin()
        .read_to_string(&mut input)
        .expect("read the screen");
    let mut rows: Vec<Vec<(char, Pen)>> = Vec::new();
    let mut pen = Pen {
        fg: None,
        bg: None,
        bold: false,
        reversed: false,
    };
    for line in input.lines() {
        let mut row = Vec::new();
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\x1b' && chars.peek() == Some(&'[') {
                chars.next();
                let mut params = String::new();
                for p in chars.by_ref() {
                    if p.is_ascii_alphabetic() {
                        if p == 'm' {
                            apply_sgr(&mut pen, &params);
                        }
                        break;
                    }
                    params.push(p);
                }
            } else if !c.is_control() {
                row.push((c, pen));
                // A wide character (Chinese) takes two cells: the second
                // is its own, drawn as background only.
                if unicode_width::UnicodeWidthChar::width(c) == Some(2) {
                    row.push(('\0', pen));
                }
            }
        }
        rows.push(row);
    }
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    let (w, h) = (width as f32 * CELL_W, rows.len() as f32 * CELL_H);
    let mut svg = String::new();
    let _ = writeln!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" shape-rendering="crispEdges">"#
    );
    let _ = writeln!(
        svg,
        r#"<rect width="100%" height="100%" fill="{}"/>"#,
        hex(DEFAULT_BG)
    );
    let _ = writeln!(
        svg,
        r#"<g font-family="DejaVu Sans Mono, Noto Sans Mono CJK TC, Noto Sans CJK TC, monospace" font-size="14" xml:space="preserve">"#
    );
    for (y, row) in rows.iter().enumerate() {
        for (x, (c, pen)) in row.iter().enumerate() {
            let (mut fg, mut bg) = (pen.fg.unwrap_or(DEFAULT_FG), pen.bg);
            if pen.reversed {
                (fg, bg) = (bg.unwrap_or(DEFAULT_BG), Some(fg));
            }
            let (px, py) = (x as f32 * CELL_W, y as f32 * CELL_H);
            if let Some(bg) = bg {
                let _ = writeln!(
                    svg,
                    r#"<rect x="{px}" y="{py}" width="{}" height="{CELL_H}" fill="{}"/>"#,
                    CELL_W + 0.5,
                    hex(bg)
                );
            }
            if *c != ' ' && *c != '\0' {
                let weight = if pen.bold {
                    r#" font-weight="bold""#
                } else {
                    ""
                };
                let _ = writeln!(
                    svg,
                    r#"<text x="{px}" y="{}" fill="{}"{weight}>{}</text>"#,
                    py + CELL_H * 0.78,
                    hex(fg),
                    escape(*c)
                );
            }
        }
    }
    svg.push_str("</g>\n</svg>\n");
    print!("{svg}");
}
