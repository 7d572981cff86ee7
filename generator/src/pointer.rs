//! JSON pointers into the spec (RFC 6901), written as URI fragments (`#/paths/~1pets/get`): the one
//! place that escapes, unescapes and percent-decodes them.
//!
//! A `$ref` is a URI reference (OpenAPI 3.0 §4.8.26, JSON Reference): its fragment may be
//! percent-encoded (`#/components/schemas/My%20Pet`) as well as pointer-escaped (`~1` for `/`, `~0`
//! for `~`). [`JsonPointer::parse_ref`] undoes both and keeps the canonical form (pointer escapes
//! only), so two spellings of one location are one pointer.

use std::borrow::Cow;
use std::fmt;

/// A JSON pointer in canonical form: `#`, then `/` and one escaped token per level.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct JsonPointer(String);

/// Why a `$ref` names no location in this document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefError {
    /// It points into another file (or a URL).
    External,
    /// Its fragment is not a JSON pointer (`#foo`), or its percent-encoding is broken.
    Malformed,
}

impl JsonPointer {
    /// The whole document: `#`.
    pub fn root() -> Self {
        JsonPointer("#".to_owned())
    }

    /// The pointer a `$ref` names, when it names a location in this document.
    pub fn parse_ref(reference: &str) -> Result<Self, RefError> {
        let Some(fragment) = reference.strip_prefix('#') else {
            return Err(RefError::External);
        };
        let fragment = percent_decode(fragment).ok_or(RefError::Malformed)?;
        if fragment.is_empty() {
            return Ok(Self::root());
        }
        let Some(path) = fragment.strip_prefix('/') else {
            return Err(RefError::Malformed);
        };
        let mut pointer = Self::root();
        for token in path.split('/') {
            pointer.push(&unescape_token(token));
        }
        Ok(pointer)
    }

    /// Appends one (unescaped) token.
    pub fn push(&mut self, token: &str) {
        self.0.push('/');
        self.0.push_str(&escape_token(token));
    }

    /// The tokens, unescaped.
    pub fn tokens(&self) -> impl Iterator<Item = Cow<'_, str>> {
        self.0
            .split('/')
            .skip(1)
            .map(|token| match token.contains('~') {
                true => Cow::Owned(unescape_token(token)),
                false => Cow::Borrowed(token),
            })
    }

    /// The component name when this is `#/components/{section}/{name}`.
    pub fn component(&self, section: &str) -> Option<String> {
        let mut tokens = self.tokens();
        let matches = tokens.next()? == "components" && tokens.next()? == section;
        let name = tokens.next()?;
        (matches && tokens.next().is_none()).then(|| name.into_owned())
    }
}

impl fmt::Display for JsonPointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Escapes one token (`~` → `~0`, `/` → `~1`).
pub fn escape_token(token: &str) -> Cow<'_, str> {
    if token.contains(['~', '/']) {
        Cow::Owned(token.replace('~', "~0").replace('/', "~1"))
    } else {
        Cow::Borrowed(token)
    }
}

/// Undoes [`escape_token`]: `~1` first would turn `~01` into `/`, so `~1` is read before `~0`.
fn unescape_token(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

/// Appends a token to a pointer given as text.
pub fn join(pointer: &str, token: &str) -> String {
    format!("{pointer}/{}", escape_token(token))
}

/// The tokens of a pointer given as text (`#/a/b~1c` → `a`, `b/c`), for code that keeps pointers
/// as text.
pub fn tokens_of(pointer: &str) -> Vec<String> {
    match JsonPointer::parse_ref(pointer) {
        Ok(pointer) => pointer.tokens().map(Cow::into_owned).collect(),
        Err(_) => Vec::new(),
    }
}

/// A reference's file part with its `%XX` escapes decoded (`my%20pet.yaml`), as written when one
/// is broken.
pub fn percent_decoded(text: &str) -> Cow<'_, str> {
    percent_decode(text).unwrap_or(Cow::Borrowed(text))
}

/// Decodes `%XX` escapes; `None` when one is broken or the bytes are not UTF-8.
fn percent_decode(text: &str) -> Option<Cow<'_, str>> {
    if !text.contains('%') {
        return Some(Cow::Borrowed(text));
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%' {
            let hex = text.get(index + 1..index + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            index += 3;
        } else {
            out.push(bytes[index]);
            index += 1;
        }
    }
    String::from_utf8(out).ok().map(Cow::Owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refs_parse_to_one_canonical_pointer() {
        let spaced = JsonPointer::parse_ref("#/components/schemas/My%20Pet").expect("local");
        assert_eq!(spaced.to_string(), "#/components/schemas/My Pet");
        assert_eq!(spaced.component("schemas").as_deref(), Some("My Pet"));
        assert_eq!(spaced.component("responses"), None);

        let path = JsonPointer::parse_ref("#/paths/~1pets~1{id}/get").expect("local");
        let encoded = JsonPointer::parse_ref("#/paths/~1pets~1%7Bid%7D/get").expect("local");
        assert_eq!(path, encoded);
        assert_eq!(
            path.tokens().collect::<Vec<_>>(),
            ["paths", "/pets/{id}", "get"]
        );
        // `~01` is an escaped `~` followed by `1`, never a `/`.
        let tilde = JsonPointer::parse_ref("#/a~01").expect("local");
        assert_eq!(tilde.tokens().collect::<Vec<_>>(), ["a~1"]);
        assert_eq!(tilde.to_string(), "#/a~01");
        assert_eq!(JsonPointer::parse_ref("#"), Ok(JsonPointer::root()));
    }

    #[test]
    fn other_files_and_malformed_fragments_are_told_apart() {
        assert_eq!(
            JsonPointer::parse_ref("other.yaml#/Pet"),
            Err(RefError::External)
        );
        assert_eq!(JsonPointer::parse_ref("#Pet"), Err(RefError::Malformed));
        assert_eq!(JsonPointer::parse_ref("#/a%2"), Err(RefError::Malformed));
        assert_eq!(JsonPointer::parse_ref("#/a%ff"), Err(RefError::Malformed));
    }

    #[test]
    fn joined_tokens_are_escaped() {
        let mut pointer = JsonPointer::root();
        pointer.push("paths");
        pointer.push("/a~b");
        assert_eq!(pointer.to_string(), "#/paths/~1a~0b");
        assert_eq!(join("#/paths", "/a"), "#/paths/~1a");
        assert_eq!(tokens_of("#/paths/~1a~0b"), ["paths", "/a~b"]);
    }
}
