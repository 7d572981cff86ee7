//! A response read in full, decoded as the spec says for its status.

use crate::error::{DecodeError, Error, ResponseSummary};
use crate::redact::body_start;

/// A response read in full.
pub struct Received {
    pub(crate) status: u16,
    pub(crate) content_type: Option<String>,
    pub(crate) body: Vec<u8>,
}

impl Received {
    /// The status code.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// Decodes a JSON body. `listed` are the media types the spec lists for the status that are
    /// read this way; any JSON type (`application/json`, `text/json`, `…+json`) is accepted too,
    /// and so is a response without a `Content-Type`.
    pub fn json<T: serde::de::DeserializeOwned, E>(
        self,
        listed: &'static [&'static str],
    ) -> Result<T, Error<E>> {
        self.expect_media(listed, is_json)?;
        serde_json::from_slice(&self.body).map_err(|error| {
            let reason = if self.body.is_empty() {
                "the body is empty, but the spec gives it a schema".to_owned()
            } else {
                without_quoted_strings(&error.to_string())
            };
            self.decode_error(reason)
        })
    }

    /// Decodes a JSON body into a box (error variants box their bodies to keep `Result`s small).
    pub fn json_boxed<T: serde::de::DeserializeOwned, E>(
        self,
        listed: &'static [&'static str],
    ) -> Result<Box<T>, Error<E>> {
        self.json(listed).map(Box::new)
    }

    /// The body as text, when its media type is listed or any `text/*`.
    pub fn text<E>(self, listed: &'static [&'static str]) -> Result<String, Error<E>> {
        self.expect_media(listed, |essence| essence.starts_with("text/"))?;
        match String::from_utf8(self.body) {
            Ok(text) => Ok(text),
            Err(error) => {
                let received = Received {
                    body: error.into_bytes(),
                    ..self
                };
                Err(received.decode_error("the body is not valid UTF-8".to_owned()))
            }
        }
    }

    /// The body as raw bytes, when its media type is listed (`application/octet-stream` stands
    /// for any).
    pub fn bytes<E>(self, listed: &'static [&'static str]) -> Result<Vec<u8>, Error<E>> {
        self.expect_media(listed, |_| listed.contains(&"application/octet-stream"))?;
        Ok(self.body)
    }

    /// `Err(UnexpectedContentType)` unless the response's media type is one of `listed` (a
    /// listed `*/*` or `type/*` covers its kind), is of the kind `also` accepts, or is absent.
    fn expect_media<E>(
        &self,
        listed: &'static [&'static str],
        also: impl Fn(&str) -> bool,
    ) -> Result<(), Error<E>> {
        let Some(received) = self.content_type.as_deref().map(essence) else {
            return Ok(());
        };
        let matches = |listed: &&str| {
            let listed = essence(listed);
            listed == received
                || listed == "*/*"
                || listed
                    .strip_suffix("/*")
                    .is_some_and(|kind| received.split('/').next() == Some(kind))
        };
        if listed.is_empty() || listed.iter().any(matches) || also(&received) {
            return Ok(());
        }
        Err(Error::UnexpectedContentType {
            expected: listed,
            response: Box::new(self.summary()),
        })
    }

    /// The outcome of a status the spec does not document.
    pub fn undocumented<T, E>(self) -> Result<T, Error<E>> {
        Err(Error::UnexpectedStatus(Box::new(self.summary())))
    }

    fn decode_error<E>(&self, reason: String) -> Error<E> {
        Error::Decode(Box::new(DecodeError {
            response: self.summary(),
            reason,
        }))
    }

    /// What an error shows of the response; made only when there is an error to report.
    fn summary(&self) -> ResponseSummary {
        ResponseSummary {
            status: self.status,
            content_type: self.content_type.clone(),
            body_start: body_start(&self.body),
        }
    }
}

/// serde_json quotes the offending value in some messages (`invalid type: string "…"`): it may be
/// a token, so every quoted string is cut out.
fn without_quoted_strings(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(start) = rest.find('"') {
        out.push_str(&rest[..start]);
        out.push_str("\"…\"");
        let after = &rest[start + 1..];
        let mut escaped = false;
        let end = after.char_indices().find(|&(_, ch)| {
            let closes = ch == '"' && !escaped;
            escaped = ch == '\\' && !escaped;
            closes
        });
        rest = match end {
            Some((index, _)) => &after[index + 1..],
            None => "",
        };
    }
    out.push_str(rest);
    out
}

/// The outcome of a documented error status.
pub fn api_error<T, E>(error: E) -> Result<T, Error<E>> {
    Err(Error::Api(error))
}

/// A media type without its parameters, lower case: `Application/JSON; charset=utf-8` →
/// `application/json`.
fn essence(media_type: &str) -> String {
    media_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// JSON by its media type: `application/json`, `text/json` or a `+json` suffix (RFC 6839).
fn is_json(essence: &str) -> bool {
    essence == "application/json" || essence == "text/json" || essence.ends_with("+json")
}
