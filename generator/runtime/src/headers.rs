//! What a response is besides its body: [`Response`] (status, headers, the headers the spec
//! declares, typed) and the reading of declared headers (OpenAPI 3.0 §4.7.17 Response Object
//! `headers`, §4.7.21 Header Object, `simple` style).

use reqwest::header::HeaderMap;
use std::fmt;

/// A decoded response: its body, its status code and its headers, raw and typed.
///
/// Generated methods return `Response<Body, Headers>` on success, and an error status the spec
/// documents is an [`Error::Api`](crate::Error::Api) holding a `Response<ErrorEnum, Headers>`.
/// `Headers` is the struct of the headers the operation's responses declare (`()` when they
/// declare none); a declared header the response lacks, or one that the spec declares for other
/// statuses only, is `None`.
///
/// The body is one call away ([`Response::into_inner`]), and the response derefs to it.
/// `Debug` shows header values only for names that are not credentials (`Authorization`,
/// `Set-Cookie`, `X-Api-Token`, ... print as `***`).
pub struct Response<T, H = ()> {
    status: u16,
    headers: HeaderMap,
    typed_headers: H,
    header_errors: Vec<String>,
    pub(crate) body: T,
    attempts: u32,
}

impl<T, H> Response<T, H> {
    /// The HTTP status code (`201`).
    pub fn status(&self) -> u16 {
        self.status
    }

    /// Every header of the response, as received.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The headers the spec declares for the operation's responses, parsed into their schema's
    /// types.
    pub fn typed_headers(&self) -> &H {
        &self.typed_headers
    }

    /// Why each declared header that is there but did not parse as its schema says is `None` in
    /// [`Self::typed_headers`] (the header named, never its value): the response is kept, as a
    /// header is metadata beside it.
    pub fn header_errors(&self) -> &[String] {
        &self.header_errors
    }

    /// The decoded body.
    pub fn body(&self) -> &T {
        &self.body
    }

    /// The decoded body, dropping status and headers.
    pub fn into_inner(self) -> T {
        self.body
    }

    /// The body, the typed headers and all headers.
    pub fn into_parts(self) -> (T, H, HeaderMap) {
        (self.body, self.typed_headers, self.headers)
    }

    pub(crate) fn new(
        status: u16,
        headers: HeaderMap,
        (typed_headers, header_errors): (H, Vec<String>),
        body: T,
    ) -> Self {
        Response {
            status,
            headers,
            typed_headers,
            header_errors,
            body,
            attempts: 1,
        }
    }

    /// The same response, sent `attempts` times.
    pub(crate) fn attempts_made(mut self, attempts: u32) -> Self {
        self.attempts = attempts;
        self
    }

    /// How many times the request was sent: 1, or more when it was retried (see
    /// [`crate::RetryPolicy`]).
    pub fn attempts(&self) -> u32 {
        self.attempts
    }
}

impl<T, H> std::ops::Deref for Response<T, H> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.body
    }
}

impl<T: fmt::Debug, H: fmt::Debug> fmt::Debug for Response<T, H> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Response")
            .field("status", &self.status)
            .field("headers", &RedactedHeaders(&self.headers))
            .field("typed_headers", &self.typed_headers)
            .field("header_errors", &self.header_errors)
            .field("body", &self.body)
            .finish()
    }
}

/// A header map whose credential values print as `***`.
pub(crate) struct RedactedHeaders<'a>(pub(crate) &'a HeaderMap);

impl fmt::Debug for RedactedHeaders<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut map = f.debug_map();
        for (name, value) in self.0 {
            if is_secret_header(name.as_str()) || value.is_sensitive() {
                map.entry(&name.as_str(), &crate::Redacted);
            } else {
                map.entry(&name.as_str(), &String::from_utf8_lossy(value.as_bytes()));
            }
        }
        map.finish()
    }
}

/// Headers whose values are credentials: cookies, and any name that is a secret key
/// ([`crate::SECRET_KEYS`]: `Authorization`, `X-Api-Key`, `X-Auth-Token`, ...).
fn is_secret_header(name: &str) -> bool {
    matches!(name, "cookie" | "set-cookie" | "proxy-authorization")
        || crate::redact::is_secret_key(name)
}

/// A struct of the headers an operation's responses declare, read from a response.
pub trait DeclaredHeaders: Sized {
    /// Reads each declared header (one that does not parse is `None`, its error kept by
    /// `headers`).
    fn read(headers: &HeaderReader<'_>) -> Self;
}

impl DeclaredHeaders for () {
    fn read(_: &HeaderReader<'_>) -> Self {}
}

/// The headers of one response, with the names the spec declares for its status, and the
/// errors met reading them.
pub struct HeaderReader<'a> {
    pub(crate) map: &'a HeaderMap,
    /// Lower-case names.
    pub(crate) declared: &'a [&'a str],
    pub(crate) errors: std::cell::RefCell<Vec<String>>,
}

impl HeaderReader<'_> {
    /// The value of header `name` (lower case), parsed as `T` from its text (`42`, `true`, an
    /// enum's value, an RFC 3339 date-time, ...): `None` when it is absent, not declared for
    /// this response's status, or does not parse (the error is kept). A header sent several
    /// times is read from its first value.
    pub fn get<T: serde::de::DeserializeOwned>(&self, name: &str) -> Option<T> {
        let text = self.text(name, false)?;
        self.kept(parse(name, &text))
    }

    /// A header holding a list (`simple` style: items joined by commas; a header sent several
    /// times holds the items of every value).
    pub fn list<T: serde::de::DeserializeOwned>(&self, name: &str) -> Option<Vec<T>> {
        let text = self.text(name, true)?;
        let items = text
            .split(',')
            .map(str::trim)
            .filter(|item| !item.is_empty());
        self.kept(items.map(|item| parse(name, item)).collect())
    }

    fn kept<T>(&self, parsed: Result<T, String>) -> Option<T> {
        parsed
            .map_err(|error| self.errors.borrow_mut().push(error))
            .ok()
    }

    fn text(&self, name: &str, all: bool) -> Option<String> {
        if !self.declared.contains(&name) {
            return None;
        }
        let mut values = self.map.get_all(name).iter();
        let first = values.next()?;
        let mut text = self.kept(utf8(name, first.as_bytes()))?;
        if all {
            for value in values {
                text.push(',');
                text.push_str(&self.kept(utf8(name, value.as_bytes()))?);
            }
        }
        Some(text)
    }
}

fn utf8(name: &str, bytes: &[u8]) -> Result<String, String> {
    String::from_utf8(bytes.to_vec()).map_err(|_| format!("the header `{name}` is not UTF-8 text"))
}

/// The error never quotes the value: a header may hold a credential.
fn parse<T: serde::de::DeserializeOwned>(name: &str, text: &str) -> Result<T, String> {
    serde_plain::from_str(text).map_err(|error| {
        let reason = error.to_string();
        let reason = match reason.contains('`') || reason.contains('"') {
            true => "its value is not one the spec allows".to_owned(),
            false => reason,
        };
        format!("the header `{name}` does not parse as its schema says: {reason}")
    })
}
