//! Themes: styles for semantic roles, read from `themes/*.toml`. A theme may
//! inherit another and override only some roles. Shipped: default, light,
//! projector, colorblind.

use std::path::Path;
use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;
use toml::Spanned;

use crate::model::pod::Phase;
use crate::t;

/// The themes shipped in `themes/`, built into the binary.
pub const BUILT_IN: [(&str, &str); 5] = [
    ("default", include_str!("../../themes/default.toml")),
    ("light", include_str!("../../themes/light.toml")),
    ("projector", include_str!("../../themes/projector.toml")),
    ("colorblind", include_str!("../../themes/colorblind.toml")),
    ("mono", include_str!("../../themes/mono.toml")),
];

#[derive(Debug, PartialEq, Eq)]
pub enum ThemeError {
    Unknown(String),
    Read {
        file: String,
        reason: String,
    },
    Invalid {
        file: String,
        line: usize,
        reason: String,
    },
    BadValue {
        file: String,
        line: usize,
        key: String,
        reason: String,
    },
    Cycle(String),
}

impl std::error::Error for ThemeError {}

/// Said in the user's language (`theme-*` in locales/*/ui-theme.ftl).
impl std::fmt::Display for ThemeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let said = match self {
            ThemeError::Unknown(name) => t!("theme-unknown", name = name),
            ThemeError::Read { file, reason } => t!("theme-read", file = file, reason = reason),
            ThemeError::Invalid { file, line, reason } => {
                t!("theme-invalid", file = file, line = *line, reason = reason)
            }
            ThemeError::BadValue {
                file,
                line,
                key,
                reason,
            } => t!(
                "theme-bad-value",
                file = file,
                line = *line,
                key = key,
                reason = reason
            ),
            ThemeError::Cycle(name) => t!("theme-cycle", name = name),
        };
        f.write_str(&said)
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct StyleSpec {
    fg: Option<Spanned<String>>,
    bg: Option<Spanned<String>>,
    bold: Option<bool>,
    dim: Option<bool>,
    italic: Option<bool>,
    underlined: Option<bool>,
    reversed: Option<bool>,
}

macro_rules! roles {
    ($($section:ident : $Spec:ident { $($role:ident),* $(,)? })*) => {
        $(
            #[derive(Debug, Default, Deserialize)]
            #[serde(deny_unknown_fields)]
            struct $Spec { $($role: Option<StyleSpec>,)* }
        )*

        #[derive(Debug, Default, Deserialize)]
        #[serde(deny_unknown_fields)]
        struct ThemeFile {
            inherits: Option<String>,
            $($section: Option<$Spec>,)*
        }

        /// Resolved styles, one per role.
        #[derive(Debug, Clone, PartialEq)]
        pub struct Theme {
            pub name: String,
            $($(pub $role: Style,)*)*
        }

        impl Theme {
            /// Applies a file's styles over this theme's.
            fn overlay(&mut self, file: &ThemeFile, name: &str, text: &str) -> Result<(), ThemeError> {
                $(
                    if let Some(section) = &file.$section {
                        $(
                            if let Some(spec) = &section.$role {
                                self.$role = apply(self.$role, spec, name, text, concat!(stringify!($section), ".", stringify!($role)))?;
                            }
                        )*
                    }
                )*
                Ok(())
            }
        }
    };
}

roles! {
    ui: UiRoles { text, muted, title, border, focus, selection, warning, error, header, now, marker, action, reconstructed }
    phase: PhaseRoles { pending, scheduled, container_creating, running, ready, terminating, succeeded, failed, gone }
    storage: StorageRoles {
        claim_pending, claim_bound, claim_lost, claim_kept, claim_terminating,
        volume_available, volume_bound, volume_released, volume_failed, class, not_permitted
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

fn color(value: &Spanned<String>, file: &str, text: &str, key: &str) -> Result<Color, ThemeError> {
    Color::from_str(value.get_ref()).map_err(|_| ThemeError::BadValue {
        file: file.into(),
        line: line_of(text, value.span().start),
        key: key.into(),
        reason: t!("theme-unknown-colour", colour = value.get_ref()),
    })
}

fn apply(
    base: Style,
    spec: &StyleSpec,
    file: &str,
    text: &str,
    key: &str,
) -> Result<Style, ThemeError> {
    let mut style = base;
    if let Some(fg) = &spec.fg {
        style = style.fg(color(fg, file, text, &format!("{key}.fg"))?);
    }
    if let Some(bg) = &spec.bg {
        style = style.bg(color(bg, file, text, &format!("{key}.bg"))?);
    }
    for (flag, modifier) in [
        (spec.bold, Modifier::BOLD),
        (spec.dim, Modifier::DIM),
        (spec.italic, Modifier::ITALIC),
        (spec.underlined, Modifier::UNDERLINED),
        (spec.reversed, Modifier::REVERSED),
    ] {
        match flag {
            Some(true) => style = style.add_modifier(modifier),
            Some(false) => style = style.remove_modifier(modifier),
            None => {}
        }
    }
    Ok(style)
}

fn parse(name: &str, text: &str) -> Result<ThemeFile, ThemeError> {
    toml::from_str(text).map_err(|e| ThemeError::Invalid {
        file: name.into(),
        line: e.span().map_or(1, |s| line_of(text, s.start)),
        reason: e.message().to_string(),
    })
}

impl Theme {
    fn blank(name: &str) -> Self {
        let mut theme = Theme::default_unchecked();
        theme.name = name.into();
        theme
    }

    /// A theme by built-in name or path to a `.toml` file.
    pub fn load(name_or_path: &str) -> Result<Theme, ThemeError> {
        Self::load_chain(name_or_path, &mut Vec::new())
    }

    fn load_chain(name_or_path: &str, seen: &mut Vec<String>) -> Result<Theme, ThemeError> {
        if seen.iter().any(|s| s == name_or_path) {
            return Err(ThemeError::Cycle(name_or_path.into()));
        }
        seen.push(name_or_path.into());
        let (label, text) = match BUILT_IN.iter().find(|(n, _)| *n == name_or_path) {
            Some((n, t)) => (format!("{n}.toml"), t.to_string()),
            None if name_or_path.ends_with(".toml") || name_or_path.contains('/') => {
                let text = std::fs::read_to_string(Path::new(name_or_path)).map_err(|e| {
                    ThemeError::Read {
                        file: name_or_path.into(),
                        reason: e.to_string(),
                    }
                })?;
                (name_or_path.to_string(), text)
            }
            None => return Err(ThemeError::Unknown(name_or_path.into())),
        };
        let file = parse(&label, &text)?;
        let mut theme = match &file.inherits {
            Some(parent) => Self::load_chain(parent, seen)?,
            None => Theme::blank(name_or_path),
        };
        theme.name = Path::new(name_or_path)
            .file_stem()
            .map_or(name_or_path.to_string(), |s| {
                s.to_string_lossy().into_owned()
            });
        theme.overlay(&file, &label, &text)?;
        Ok(theme)
    }

    /// The built-in default theme.
    pub fn default_theme() -> Theme {
        Theme::load("default").unwrap_or_else(|_| Theme::blank("default"))
    }

    /// Every role unstyled: the base a theme file is laid over.
    fn default_unchecked() -> Self {
        let plain = Style::default();
        Theme {
            name: String::new(),
            text: plain,
            muted: plain,
            title: plain,
            border: plain,
            focus: plain,
            selection: plain,
            warning: plain,
            error: plain,
            header: plain,
            now: plain,
            marker: plain,
            action: plain,
            reconstructed: plain,
            pending: plain,
            scheduled: plain,
            container_creating: plain,
            running: plain,
            ready: plain,
            terminating: plain,
            succeeded: plain,
            failed: plain,
            gone: plain,
            claim_pending: plain,
            claim_bound: plain,
            claim_lost: plain,
            claim_kept: plain,
            claim_terminating: plain,
            volume_available: plain,
            volume_bound: plain,
            volume_released: plain,
            volume_failed: plain,
            class: plain,
            not_permitted: plain,
        }
    }

    /// A phase where it was reconstructed, not seen: its colour on the
    /// background (not a filled block), with the `reconstructed` role's
    /// modifiers.
    pub fn reconstructed_phase(&self, phase: Phase) -> Style {
        let seen = self.phase(phase);
        let mut style = self.text;
        style.fg = seen.bg.or(seen.fg);
        style.add_modifier = self.reconstructed.add_modifier;
        style.sub_modifier = self.reconstructed.sub_modifier;
        style
    }

    pub fn phase(&self, phase: Phase) -> Style {
        match phase {
            Phase::Pending => self.pending,
            Phase::Scheduled => self.scheduled,
            Phase::ContainerCreating => self.container_creating,
            Phase::Running => self.running,
            Phase::Ready => self.ready,
            Phase::Terminating => self.terminating,
            Phase::Succeeded => self.succeeded,
            Phase::Failed => self.failed,
            Phase::Gone => self.gone,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_theme_loads_and_differs() {
        let themes: Vec<Theme> = BUILT_IN
            .iter()
            .map(|(n, _)| Theme::load(n).unwrap())
            .collect();
        assert_eq!(
            themes[0].ready,
            Style::new().fg(Color::Black).bg(Color::Green)
        );
        for (i, a) in themes.iter().enumerate() {
            for b in &themes[i + 1..] {
                assert_ne!(a, b, "{} and {} are the same", a.name, b.name);
            }
        }
    }

    #[test]
    fn a_partial_theme_inherits_the_rest() {
        let light = Theme::load("light").unwrap();
        let default = Theme::load("default").unwrap();
        assert_eq!(light.ready, default.ready, "light does not set phases");
        assert_ne!(light.text, default.text);
    }

    fn broken(body: &str) -> ThemeError {
        let dir = std::env::temp_dir().join(format!("stsdash-theme-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("t{}.toml", body.len()));
        std::fs::write(&path, body).unwrap();
        Theme::load(path.to_str().unwrap()).unwrap_err()
    }

    #[test]
    fn a_broken_theme_names_the_file_the_line_and_the_key() {
        let err = broken("inherits = \"default\"\n\n[ui]\ntext = { fg = \"purpel\" }\n");
        match &err {
            ThemeError::BadValue { line, key, .. } => {
                assert_eq!((*line, key.as_str()), (4, "ui.text.fg"));
            }
            other => panic!("{other:?}"),
        }
        assert!(
            err.to_string()
                .contains("line 4, key ui.text.fg: unknown colour \"purpel\""),
            "{err}"
        );

        let err = broken("[phase]\nreddy = { fg = \"green\" }\n");
        assert!(
            matches!(err, ThemeError::Invalid { line: 2, .. }),
            "{err:?}"
        );
        assert!(err.to_string().contains("reddy"), "{err}");

        let err = broken("[ui\n");
        assert!(
            matches!(err, ThemeError::Invalid { line: 1, .. }),
            "{err:?}"
        );
    }

    #[test]
    fn unknown_names_and_cycles_are_refused() {
        assert_eq!(Theme::load("neon"), Err(ThemeError::Unknown("neon".into())));
        let dir = std::env::temp_dir().join(format!("stsdash-theme-cycle-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("self.toml");
        std::fs::write(&path, format!("inherits = \"{}\"\n", path.display())).unwrap();
        assert!(matches!(
            Theme::load(path.to_str().unwrap()),
            Err(ThemeError::Cycle(_))
        ));
    }
}
