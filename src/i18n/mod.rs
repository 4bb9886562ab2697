//! What stsdash says, in the user's language: every sentence comes from the
//! Fluent catalogue under `locales/` (one directory per language, one `.ftl`
//! file per part of the program), through [`t!`](crate::t).
//!
//! English is the default and the reference: a message missing in another
//! language is said in English. The language is chosen once, at the start
//! (`--lang`, the config file's `lang`, then `LC_ALL`, `LC_MESSAGES`,
//! `LANG`), and is the same for the whole process, like a C program's
//! locale: the model's narration is written as events arrive, and a replay
//! in another language writes it again from the same facts. Tests that draw
//! in several languages at once set it per thread with [`with_lang`].

use std::cell::Cell;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU8, Ordering};

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, langid};

pub use fluent_templates::fluent_bundle::FluentValue as Value;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // No Unicode isolation marks around the placeables: a terminal
        // draws them as cells of their own.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// A language stsdash speaks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Lang {
    #[default]
    #[value(name = "en")]
    En,
    #[value(name = "ru")]
    Ru,
    /// Traditional Chinese, as the seed course taught in Chinese writes it.
    #[value(name = "zh-TW")]
    ZhTw,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Ru, Lang::ZhTw];

    /// The tag the catalogue's directories and the lesson files use.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ru => "ru",
            Lang::ZhTw => "zh-TW",
        }
    }

    fn id(self) -> LanguageIdentifier {
        match self {
            Lang::En => langid!("en"),
            Lang::Ru => langid!("ru"),
            Lang::ZhTw => langid!("zh-TW"),
        }
    }

    /// A tag as the flag, the config file or a lesson file writes it
    /// (`ru`, `zh-TW`; case and `_` for `-` do not matter).
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let tag = tag.trim().replace('_', "-").to_ascii_lowercase();
        match tag.as_str() {
            "en" => Some(Lang::En),
            "ru" => Some(Lang::Ru),
            "zh-tw" | "zh-hant" => Some(Lang::ZhTw),
            _ => None,
        }
    }

    /// The language of a POSIX locale (`ru_RU.UTF-8`, `zh_TW.UTF-8`,
    /// `zh_HK`), if stsdash speaks it. `C` and `POSIX` are English; a
    /// language stsdash does not speak is `None`.
    pub fn from_locale(locale: &str) -> Option<Lang> {
        let name = locale.split(['.', '@']).next().unwrap_or("");
        let mut parts = name.split(['_', '-']);
        let language = parts.next().unwrap_or("").to_ascii_lowercase();
        let region = parts.next().unwrap_or("").to_ascii_lowercase();
        match (language.as_str(), region.as_str()) {
            ("c" | "posix" | "en", _) => Some(Lang::En),
            ("ru", _) => Some(Lang::Ru),
            // Traditional characters: Taiwan, Hong Kong, Macao, or the script named.
            ("zh", "tw" | "hk" | "mo" | "hant") => Some(Lang::ZhTw),
            _ => None,
        }
    }

    /// The language the environment asks for, as gettext reads it: the first
    /// of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set and not empty decides.
    pub fn from_env(var: impl Fn(&str) -> Option<String>) -> Option<Lang> {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|name| var(name).filter(|v| !v.is_empty()))
            .and_then(|locale| Lang::from_locale(&locale))
    }
}

/// As the config file and lesson files write it (`lang = "zh-TW"`).
impl<'de> serde::Deserialize<'de> for Lang {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let tag = String::deserialize(deserializer)?;
        Lang::from_tag(&tag).ok_or_else(|| {
            serde::de::Error::custom(crate::t!("lang-unknown", tag = format!("{tag:?}")))
        })
    }
}

static CURRENT: AtomicU8 = AtomicU8::new(0);

thread_local! {
    static THIS_THREAD: Cell<Option<Lang>> = const { Cell::new(None) };
}

/// Sets the language of the whole process (at the start).
pub fn set_lang(lang: Lang) {
    CURRENT.store(lang as u8, Ordering::Relaxed);
}

/// The language messages are said in on this thread.
pub fn lang() -> Lang {
    THIS_THREAD
        .with(Cell::get)
        .unwrap_or_else(|| match CURRENT.load(Ordering::Relaxed) {
            1 => Lang::Ru,
            2 => Lang::ZhTw,
            _ => Lang::En,
        })
}

/// Runs `f` with this thread speaking `lang` (tests draw several languages at once).
pub fn with_lang<R>(lang: Lang, f: impl FnOnce() -> R) -> R {
    struct Restore(Option<Lang>);
    impl Drop for Restore {
        fn drop(&mut self) {
            THIS_THREAD.with(|c| c.set(self.0));
        }
    }
    let _restore = Restore(THIS_THREAD.with(|c| c.replace(Some(lang))));
    f()
}

/// A value a message may be given: text or a number.
pub trait Arg {
    fn value(&self) -> FluentValue<'_>;
}

impl Arg for str {
    fn value(&self) -> FluentValue<'_> {
        FluentValue::from(self)
    }
}

impl Arg for String {
    fn value(&self) -> FluentValue<'_> {
        FluentValue::from(self.as_str())
    }
}

impl Arg for compact_str::CompactString {
    fn value(&self) -> FluentValue<'_> {
        FluentValue::from(self.as_str())
    }
}

impl<T: Arg + ?Sized> Arg for &T {
    fn value(&self) -> FluentValue<'_> {
        (**self).value()
    }
}

macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl Arg for $t {
            fn value(&self) -> FluentValue<'_> {
                FluentValue::from(*self)
            }
        }
    )*};
}
number_args!(u8, u16, u32, u64, usize, i8, i16, i32, i64, isize, f64);

/// The message `id` in this thread's language, with its arguments; in
/// English when the language lacks it. An id missing from the English
/// catalogue too is a bug the catalogue check (tests/catalogue.rs) finds;
/// here it is said as the id itself, never a panic.
pub fn text(id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
    text_in(lang(), id, args)
}

/// The message `id` in `lang`.
pub fn text_in(lang: Lang, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
    let args: Option<HashMap<&str, FluentValue<'_>>> = (!args.is_empty()).then(|| {
        args.iter()
            .map(|(name, value)| (*name, value.clone()))
            .collect()
    });
    [lang, Lang::En]
        .iter()
        .find_map(|lang| {
            LOCALES
                .lookup_single_language(&lang.id(), id, args.as_ref())
                .ok()
        })
        .unwrap_or_else(|| id.to_string())
}

/// Items said as a list in the current language: "a, b" (English,
/// Russian), "a、b" (Chinese).
pub fn list<S: AsRef<str>>(items: &[S]) -> String {
    let separator = crate::t!("list-separator");
    items
        .iter()
        .map(AsRef::as_ref)
        .collect::<Vec<_>>()
        .join(&separator)
}

/// `t!("id")` or `t!("id", name = value, count = n)`: the message in the
/// current language (see [`text`]). Argument names are the `$name`s of the
/// message in the catalogue.
#[macro_export]
macro_rules! t {
    ($id:literal) => {
        $crate::i18n::text($id, &[])
    };
    ($id:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::text(
            $id,
            &[$((stringify!($name), $crate::i18n::Arg::value(&$value))),+],
        )
    };
}

#[cfg(test)]
mod tests;
