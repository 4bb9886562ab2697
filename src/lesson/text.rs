//! A text a student reads, in one language or several: in a lesson file a
//! field is a plain string (English) or a table of languages written with
//! dotted keys (`title.en = "…"`, `title.ru = "…"`, `title."zh-TW" = "…"`).
//! The lesson is read in the language stsdash speaks, else in English; the
//! file itself (all its languages) is what a recording keeps.

use std::ops::Range;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use toml::Spanned;

use crate::i18n::{self, Lang};

/// A text field of a lesson file, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Localized {
    /// A plain string: English.
    Plain(String),
    /// A table of languages: each key with where it is written.
    Langs(Vec<(Spanned<String>, String)>),
}

impl<'de> serde::Deserialize<'de> for Localized {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Text;
        impl<'de> Visitor<'de> for Text {
            type Value = Localized;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                // As serde's own messages: in English, like the TOML parser's.
                f.write_str("a string, or a table of languages (en, ru, zh-TW)")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Localized, E> {
                Ok(Localized::Plain(v.to_string()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Localized, E> {
                Ok(Localized::Plain(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Localized, A::Error> {
                let mut langs = Vec::new();
                while let Some((key, text)) = map.next_entry::<Spanned<String>, String>()? {
                    langs.push((key, text));
                }
                Ok(Localized::Langs(langs))
            }
        }
        deserializer.deserialize_any(Text)
    }
}

impl Localized {
    /// The text in `lang`, if the file gives it in that language.
    pub fn given(&self, lang: Lang) -> Option<&str> {
        match self {
            Localized::Plain(text) => (lang == Lang::En).then_some(text.as_str()),
            Localized::Langs(langs) => langs
                .iter()
                .find(|(key, _)| Lang::from_tag(key.get_ref()) == Some(lang))
                .map(|(_, text)| text.as_str()),
        }
    }

    /// The text in `lang`, else in English (a table without English is
    /// refused when the file is read, see [`Localized::mistakes`]).
    pub fn get(&self, lang: Lang) -> String {
        self.given(lang)
            .or_else(|| self.given(Lang::En))
            .unwrap_or_default()
            .to_string()
    }

    /// The text in the language stsdash speaks.
    pub fn current(&self) -> String {
        self.get(i18n::lang())
    }

    /// What is wrong with the table of languages: a language stsdash does
    /// not speak, one given twice, no English. Each with where it is
    /// written (`whole`: the field's own place, for a missing English).
    pub fn mistakes(&self, field: &str, whole: Range<usize>) -> Vec<(Range<usize>, String)> {
        let Localized::Langs(langs) = self else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let mut seen = Vec::new();
        // In the order they are written (the parser may sort a table's keys).
        let mut keys: Vec<&Spanned<String>> = langs.iter().map(|(key, _)| key).collect();
        keys.sort_by_key(|key| key.span().start);
        for key in keys {
            match Lang::from_tag(key.get_ref()) {
                None => out.push((
                    key.span(),
                    crate::t!(
                        "lesson-file-unknown-language",
                        field = field,
                        tag = key.get_ref()
                    ),
                )),
                Some(lang) if seen.contains(&lang) => out.push((
                    key.span(),
                    crate::t!(
                        "lesson-file-language-twice",
                        field = field,
                        tag = key.get_ref()
                    ),
                )),
                Some(lang) => seen.push(lang),
            }
        }
        if !seen.contains(&Lang::En) {
            let span = langs.first().map_or(whole, |(key, _)| key.span());
            out.push((span, crate::t!("lesson-file-no-english", field = field)));
        }
        out
    }
}
