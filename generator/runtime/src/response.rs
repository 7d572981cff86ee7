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

    /// Decodes a JSON body, whatever content type the server gave it (servers label JSON as
    /// `text/plain` or `text/json` often enough).
    pub fn json<T: serde::de::DeserializeOwned, E>(self) -> Result<T, Error<E>> {
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
    pub fn json_boxed<T: serde::de::DeserializeOwned, E>(self) -> Result<Box<T>, Error<E>> {
        self.json().map(Box::new)
    }

    /// The body as text.
    pub fn text<E>(self) -> Result<String, Error<E>> {
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

    /// The body as raw bytes.
    pub fn bytes<E>(self) -> Result<Vec<u8>, Error<E>> {
        Ok(self.body)
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
