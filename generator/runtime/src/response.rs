//! A response read in full, decoded as the spec says for its status.

use crate::error::{DecodeError, Error, ResponseSummary};
use crate::headers::{DeclaredHeaders, HeaderReader, Response};
use crate::redact::body_start;

/// A response read in full.
pub struct Received {
    pub(crate) status: u16,
    pub(crate) headers: reqwest::header::HeaderMap,
    pub(crate) content_type: Option<String>,
    pub(crate) body: Vec<u8>,
    /// The response with its body not yet read, for a status whose body is streamed.
    pub(crate) unread: Option<reqwest::Response>,
    /// How many times the request was sent.
    pub(crate) attempts: u32,
}

impl Received {
    /// The status code.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// Decodes a JSON body. `listed` are the media types the spec lists for the status that are
    /// read this way; any JSON type (`application/json`, `text/json`, `…+json`) is accepted too,
    /// and so is a response without a `Content-Type`.
    pub fn json<T: serde::de::DeserializeOwned, E, H>(
        &self,
        listed: &'static [&'static str],
    ) -> Result<T, Error<E, H>> {
        self.expect_media(listed, is_json)?;
        serde_json::from_slice(&self.body).map_err(|error| {
            let reason = if self.body.is_empty() {
                "the body is empty, but the spec gives it a schema".to_owned()
            } else {
                crate::json_path::located_reason(&self.body, &error)
            };
            self.decode_error(reason)
        })
    }

    /// Decodes a JSON body into a box (error variants box their bodies to keep `Result`s small).
    pub fn json_boxed<T: serde::de::DeserializeOwned, E, H>(
        &self,
        listed: &'static [&'static str],
    ) -> Result<Box<T>, Error<E, H>> {
        self.json(listed).map(Box::new)
    }

    /// The body as text, when its media type is listed or any `text/*`.
    pub fn text<E, H>(&mut self, listed: &'static [&'static str]) -> Result<String, Error<E, H>> {
        self.expect_media(listed, |essence| essence.starts_with("text/"))?;
        match String::from_utf8(std::mem::take(&mut self.body)) {
            Ok(text) => Ok(text),
            Err(error) => {
                self.body = error.into_bytes();
                Err(self.decode_error("the body is not valid UTF-8".to_owned()))
            }
        }
    }

    /// The body as raw bytes, when its media type is listed (`application/octet-stream` stands
    /// for any).
    pub fn bytes<E, H>(&mut self, listed: &'static [&'static str]) -> Result<Vec<u8>, Error<E, H>> {
        self.expect_media(listed, |_| listed.contains(&"application/octet-stream"))?;
        Ok(std::mem::take(&mut self.body))
    }

    /// The body as a stream of byte chunks, when its media type is listed (as for
    /// [`Self::bytes`]) and the request asked for this status to be streamed.
    pub fn byte_stream<E, H>(
        &mut self,
        listed: &'static [&'static str],
    ) -> Result<crate::ByteStream, Error<E, H>> {
        self.expect_media(listed, |_| listed.contains(&"application/octet-stream"))?;
        let unread = self.unread.take().ok_or_else(|| self.not_streamed())?;
        Ok(crate::ByteStream::new(unread, self.attempts))
    }

    /// The body as server-sent events whose data is JSON of `T`.
    #[cfg(feature = "event-stream")]
    pub fn event_stream<T: serde::de::DeserializeOwned, E, H>(
        &mut self,
        listed: &'static [&'static str],
    ) -> Result<crate::EventStream<T>, Error<E, H>> {
        self.events(listed, crate::events::json_data::<T>)
    }

    /// The body as server-sent events whose data is text.
    #[cfg(feature = "event-stream")]
    pub fn text_event_stream<E, H>(
        &mut self,
        listed: &'static [&'static str],
    ) -> Result<crate::EventStream<String>, Error<E, H>> {
        self.events(listed, crate::events::text_data)
    }

    #[cfg(feature = "event-stream")]
    fn events<T, E, H>(
        &mut self,
        listed: &'static [&'static str],
        decode: fn(&str) -> Result<T, String>,
    ) -> Result<crate::EventStream<T>, Error<E, H>> {
        self.expect_media(listed, |essence| essence == "text/event-stream")?;
        let unread = self.unread.take().ok_or_else(|| self.not_streamed())?;
        Ok(crate::EventStream::new(unread, decode, self.attempts))
    }

    /// A generated method streams exactly the statuses it asks `send` to leave unread.
    fn not_streamed<E, H>(&self) -> Error<E, H> {
        Error::InvalidRequest("the response body was read before it could be streamed".to_owned())
    }

    /// The outcome of a success status: `body` with the status and headers; `declared` are the
    /// headers the spec declares for the status (lower case), read into `H`.
    pub fn ok<T, H: DeclaredHeaders, E, EH>(
        self,
        body: T,
        declared: &[&str],
    ) -> Result<Response<T, H>, Error<E, EH>> {
        let typed = self.typed_headers(declared);
        Ok(Response::new(self.status, self.headers, typed, body).attempts_made(self.attempts))
    }

    /// [`Self::ok`] of the JSON body ([`Self::json`]): a success arm in one call, without an
    /// early return of its own.
    pub fn ok_json<T: serde::de::DeserializeOwned, H: DeclaredHeaders, E, EH>(
        self,
        listed: &'static [&'static str],
        declared: &[&str],
    ) -> Result<Response<T, H>, Error<E, EH>> {
        let body = self.json(listed)?;
        self.ok(body, declared)
    }

    /// [`Self::api_error`] of `variant` (an error enum's variant) holding the boxed JSON body.
    pub fn api_error_json<B: serde::de::DeserializeOwned, T, E, H: DeclaredHeaders>(
        self,
        variant: fn(Box<B>) -> E,
        listed: &'static [&'static str],
        declared: &[&str],
    ) -> Result<T, Error<E, H>> {
        let body = self.json_boxed(listed)?;
        self.api_error(variant(body), declared)
    }

    /// The outcome of a documented error status: [`Error::Api`] holding `error`, as [`Self::ok`]
    /// holds a body.
    pub fn api_error<T, E, H: DeclaredHeaders>(
        self,
        error: E,
        declared: &[&str],
    ) -> Result<T, Error<E, H>> {
        let typed = self.typed_headers(declared);
        let response =
            Response::new(self.status, self.headers, typed, error).attempts_made(self.attempts);
        Err(Error::Api(Box::new(response)))
    }

    fn typed_headers<H: DeclaredHeaders>(&self, declared: &[&str]) -> (H, Vec<String>) {
        let reader = HeaderReader {
            map: &self.headers,
            declared,
            errors: Default::default(),
        };
        let typed = H::read(&reader);
        (typed, reader.errors.into_inner())
    }

    /// Whether the response is a body of the media types `listed` rather than of `others`,
    /// those of the status's other bodies, when the spec types a status's media types apart
    /// (OpenAPI 3.0.3 §4.7.17, `content` by media type): one of `listed` names its media type
    /// more closely than any of `others` (the same type; then any JSON type for a listed JSON
    /// one; then a range of its kind, `text/*`; then `*/*` or `application/octet-stream`, which
    /// stands for any type, as servers label downloads by what they are). A response without a
    /// `Content-Type` is of none.
    pub fn is_media(
        &self,
        listed: &'static [&'static str],
        others: &'static [&'static str],
    ) -> bool {
        let Some(received) = self.content_type.as_deref().map(essence) else {
            return false;
        };
        closeness(listed, &received) > closeness(others, &received)
    }

    /// `Err(UnexpectedContentType)` unless the response's media type is one of `listed` (a
    /// listed `*/*` or `type/*` covers its kind), is of the kind `also` accepts, or is absent.
    fn expect_media<E, H>(
        &self,
        listed: &'static [&'static str],
        also: impl Fn(&str) -> bool,
    ) -> Result<(), Error<E, H>> {
        let Some(received) = self.content_type.as_deref().map(essence) else {
            return Ok(());
        };
        let matches = |listed: &&str| covers(listed, &received);
        if listed.is_empty() || listed.iter().any(matches) || also(&received) {
            return Ok(());
        }
        Err(Error::UnexpectedContentType {
            expected: listed,
            response: Box::new(self.summary()),
        })
    }

    /// The outcome of a status the spec does not document.
    pub fn undocumented<T, E, H>(self) -> Result<T, Error<E, H>> {
        Err(Error::UnexpectedStatus(Box::new(self.summary())))
    }

    fn decode_error<E, H>(&self, reason: String) -> Error<E, H> {
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
            headers: self.headers.clone(),
            body_start: body_start(&self.body),
            attempts: self.attempts,
        }
    }
}

/// serde_json quotes the offending value in some messages (`invalid type: string "…"`): it may be
/// a token, so every quoted string is cut out.
pub(crate) fn without_quoted_strings(message: &str) -> String {
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

/// Whether the media type `listed` (as the spec writes it) covers `received` (an essence): the
/// same essence, or a range of its kind (`*/*`, `text/*`).
fn covers(listed: &str, received: &str) -> bool {
    let listed = essence(listed);
    listed == received
        || listed == "*/*"
        || listed
            .strip_suffix("/*")
            .is_some_and(|kind| received.split('/').next() == Some(kind))
}

/// How closely the media types `listed` name `received` (an essence): 4 the same type, 3 a JSON
/// type for JSON, 2 a range of its kind (`text/*`), 1 any type (`*/*`, `application/octet-stream`),
/// 0 not at all.
fn closeness(listed: &[&str], received: &str) -> u8 {
    let close = |listed: &&str| {
        let listed = essence(listed);
        match listed.as_str() {
            same if same == received => 4,
            json if is_json(json) && is_json(received) => 3,
            "*/*" | "application/octet-stream" => 1,
            range if covers(range, received) => 2,
            _ => 0,
        }
    };
    listed.iter().map(close).max().unwrap_or(0)
}
