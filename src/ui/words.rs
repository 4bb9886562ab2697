//! Words a frame says many times (a label on every row, a state in every
//! cell): looked up in the catalogue once per language, then lent, so a
//! frame at 100 ordinals formats no message per row.

use std::sync::OnceLock;

use crate::i18n::{self, Lang};

/// A value made once per language (the words of one pane).
pub struct PerLang<T>([OnceLock<T>; 3]);

impl<T> PerLang<T> {
    pub const fn new() -> Self {
        PerLang([const { OnceLock::new() }; 3])
    }

    /// The value for this thread's language, made by `make` the first time.
    pub fn get(&self, make: impl FnOnce() -> T) -> &T {
        let lang = i18n::lang();
        let at = Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0);
        self.0[at].get_or_init(make)
    }
}

impl<T> Default for PerLang<T> {
    fn default() -> Self {
        Self::new()
    }
}
