//! The user's config file: `$XDG_CONFIG_HOME/stsdash/config.toml`, else
//! `~/.config/stsdash/config.toml`. Optional; what it sets, flags override.
//!
//! ```toml
//! theme = "projector"           # a built-in theme or a path to a .toml file
//! lang = "ru"                   # en, ru or zh-TW (default: LC_ALL, LC_MESSAGES, LANG)
//! read_only = true              # as --read-only: no key changes the cluster
//! max_replicas = 10             # the most replicas + and s may ask for (default 100)
//! shells = ["/bin/ash", "/bin/sh"]  # what e tries, in order (default bash, then sh)
//! class_allow_actions = true    # as stsdash class --allow-actions
//! ```

use std::path::PathBuf;

use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub theme: Option<String>,
    pub lang: Option<crate::i18n::Lang>,
    #[serde(default)]
    pub read_only: bool,
    pub max_replicas: Option<u16>,
    pub shells: Option<Vec<String>>,
    /// A class's zoomed dashboard may act (`stsdash class --allow-actions`).
    #[serde(default)]
    pub class_allow_actions: bool,
}

#[derive(Debug, thiserror::Error)]
#[error("{}", crate::t!("app-config-error", file = .file, line = *.line, reason = .reason))]
pub struct ConfigError {
    pub file: String,
    pub line: usize,
    pub reason: String,
}

pub fn path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
    Some(base.join("stsdash").join("config.toml"))
}

/// The config, or the default when there is no file.
pub fn load() -> Result<Config, ConfigError> {
    let Some(path) = path() else {
        return Ok(Config::default());
    };
    let Ok(text) = std::fs::read_to_string(&path) else {
        return Ok(Config::default());
    };
    parse(&path.display().to_string(), &text)
}

fn parse(file: &str, text: &str) -> Result<Config, ConfigError> {
    toml::from_str(text).map_err(|e| ConfigError {
        file: file.into(),
        line: e.span().map_or(1, |s| {
            text[..s.start.min(text.len())].matches('\n').count() + 1
        }),
        reason: e.message().to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_language_is_read_and_one_stsdash_does_not_speak_names_its_line() {
        use crate::i18n::Lang;
        assert_eq!(
            parse("c", "lang = \"zh-TW\"\n").unwrap().lang,
            Some(Lang::ZhTw)
        );
        assert_eq!(parse("c", "").unwrap().lang, None);
        let error = parse("c", "theme = \"light\"\nlang = \"fr\"\n").unwrap_err();
        assert_eq!(error.line, 2);
        assert!(
            error.reason.contains("en, ru and zh-TW"),
            "{}",
            error.reason
        );
    }

    #[test]
    fn a_theme_is_read_and_mistakes_name_the_line() {
        assert_eq!(
            parse("c", "theme = \"light\"\n").unwrap().theme.as_deref(),
            Some("light")
        );
        assert_eq!(parse("c", "").unwrap().theme, None);
        let full = parse(
            "c",
            "read_only = true\nmax_replicas = 5\nshells = [\"/bin/ash\"]\nclass_allow_actions = true\n",
        )
        .unwrap();
        assert!(full.read_only);
        assert!(full.class_allow_actions);
        assert!(!parse("c", "").unwrap().class_allow_actions);
        assert_eq!(full.max_replicas, Some(5));
        assert_eq!(full.shells, Some(vec!["/bin/ash".to_string()]));
        let negative = parse("c.toml", "max_replicas = -1\n").unwrap_err();
        assert_eq!(negative.line, 1, "{negative}");
        let err = parse("c.toml", "# my config\ntheem = \"light\"\n").unwrap_err();
        assert_eq!(err.line, 2);
        assert!(
            err.to_string()
                .starts_with("config c.toml, line 2: unknown field `theem`"),
            "{err}"
        );
    }
}
