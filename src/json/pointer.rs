//! RFC 6901 JSON Pointers, for saying where in a document something is.

use std::borrow::Cow;
use std::fmt;

/// An RFC 6901 JSON Pointer such as `/Statement/0/Principal/AWS`.
///
/// Built by appending keys and indexes; `~` and `/` inside keys are
/// escaped as `~0` and `~1`.
///
/// ```
/// use iam_ecs::json::Pointer;
///
/// let p = Pointer::root().key("Condition").key("StringLike").key("s3:prefix/x~");
/// assert_eq!(p.as_str(), "/Condition/StringLike/s3:prefix~1x~0");
/// assert_eq!(Pointer::root().key("Statement").index(0).as_str(), "/Statement/0");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Pointer(String);

impl Pointer {
    /// The pointer to the whole document, `""`.
    pub fn root() -> Self {
        Pointer(String::new())
    }

    /// This pointer followed by an object key.
    #[must_use]
    pub fn key(&self, key: &str) -> Self {
        let key = escape(key);
        let mut s = String::with_capacity(self.0.len() + 1 + key.len());
        s.push_str(&self.0);
        s.push('/');
        s.push_str(&key);
        Pointer(s)
    }

    /// This pointer followed by an array index.
    #[must_use]
    pub fn index(&self, index: usize) -> Self {
        Pointer(format!("{}/{index}", self.0))
    }

    /// The pointer's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether this is the pointer to the whole document, `""`.
    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }

    /// This pointer followed by `suffix`, a pointer suffix already escaped
    /// (`""` or `/2/name`).
    pub(crate) fn join(&self, suffix: &str) -> Self {
        Pointer(format!("{}{suffix}", self.0))
    }

    /// A pointer from text the crate built as a pointer.
    pub(crate) fn from_raw(text: String) -> Self {
        debug_assert!(text.is_empty() || text.starts_with('/'));
        Pointer(text)
    }
}

impl fmt::Display for Pointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A pointer reads as its text (`p.starts_with("/Statement")`).
impl std::ops::Deref for Pointer {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl PartialEq<String> for Pointer {
    fn eq(&self, other: &String) -> bool {
        &self.0 == other
    }
}

impl PartialEq<str> for Pointer {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for Pointer {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<Pointer> for &str {
    fn eq(&self, other: &Pointer) -> bool {
        *self == other.0
    }
}

impl serde::Serialize for Pointer {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl From<Pointer> for String {
    fn from(p: Pointer) -> String {
        p.0
    }
}

impl AsRef<str> for Pointer {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// Escapes one reference token.
pub(crate) fn escape(token: &str) -> Cow<'_, str> {
    if token.contains(['~', '/']) {
        Cow::Owned(token.replace('~', "~0").replace('/', "~1"))
    } else {
        Cow::Borrowed(token)
    }
}

/// Unescapes one reference token.
pub(crate) fn unescape(token: &str) -> Cow<'_, str> {
    if token.contains('~') {
        Cow::Owned(token.replace("~1", "/").replace("~0", "~"))
    } else {
        Cow::Borrowed(token)
    }
}
