//! `Text`: a string from the cluster or from a recording, made safe for a
//! terminal when it is built. It is the one way such strings enter the model
//! (the objects deserialize their strings as `Text`), so no view, dump or title
//! can print a raw one.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;

use compact_str::CompactString;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::sanitize;

/// Longer text is cut here (on a character boundary) and ends with "…": names
/// are at most 253 bytes and Event messages 1,024 in Kubernetes, so only a
/// crafted recording reaches it.
pub const MAX_TEXT_BYTES: usize = 4096;

/// One line of printable text (see [`sanitize::line`]); short ones are kept
/// inline, without an allocation.
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Text(CompactString);

impl Text {
    /// Cleans `raw`: escape sequences removed, control characters made visible, length bounded.
    pub fn new(raw: &str) -> Text {
        let raw = cut(raw);
        if sanitize::is_clean(raw) {
            Text(CompactString::new(raw))
        } else {
            Text(CompactString::from(sanitize::line(raw)))
        }
    }

    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }
}

/// `raw` cut to at most [`MAX_TEXT_BYTES`] on a character boundary.
fn cut(raw: &str) -> &str {
    if raw.len() <= MAX_TEXT_BYTES {
        return raw;
    }
    let mut end = MAX_TEXT_BYTES;
    while !raw.is_char_boundary(end) {
        end -= 1;
    }
    &raw[..end]
}

impl crate::i18n::Arg for Text {
    fn value(&self) -> crate::i18n::Value<'_> {
        crate::i18n::Value::from(self.0.as_str())
    }
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        self.0.as_str()
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self.0.as_str()
    }
}

impl Borrow<str> for Text {
    fn borrow(&self) -> &str {
        self.0.as_str()
    }
}

impl From<&str> for Text {
    fn from(raw: &str) -> Text {
        Text::new(raw)
    }
}

impl From<String> for Text {
    fn from(raw: String) -> Text {
        Text::new(&raw)
    }
}

impl From<&String> for Text {
    fn from(raw: &String) -> Text {
        Text::new(raw)
    }
}

impl From<&Text> for Text {
    fn from(text: &Text) -> Text {
        text.clone()
    }
}

impl From<Text> for String {
    fn from(text: Text) -> String {
        text.0.into_string()
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        self.0 == other.as_str()
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Through `pad`, so width and alignment flags work as for a &str.
        f.pad(self.0.as_str())
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.0.as_str(), f)
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.0.as_str())
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Text, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text::new(v))
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_clean_however_it_is_built() {
        assert_eq!(Text::new("web-0").as_str(), "web-0");
        assert_eq!(Text::from("\x1b]52;c;aGk=\x07web\x1b[2J").as_str(), "web");
        let parsed: Text = serde_json::from_str(r#""a\u001b[31mb\u0007""#).unwrap();
        assert_eq!(parsed.as_str(), "ab\u{fffd}");
        assert_eq!(serde_json::to_string(&parsed).unwrap(), "\"ab\u{fffd}\"");
    }

    #[test]
    fn long_text_is_cut_on_a_character_boundary() {
        let long = "é".repeat(MAX_TEXT_BYTES);
        let text = Text::new(&long);
        assert!(text.len() <= MAX_TEXT_BYTES);
        assert!(text.chars().all(|c| c == 'é'));
    }

    #[test]
    fn formatting_pads_like_a_str() {
        assert_eq!(format!("[{:<6}]", Text::new("ab")), "[ab    ]");
    }
}
