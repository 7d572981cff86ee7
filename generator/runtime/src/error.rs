//! The error of every generated operation, and what it keeps of a response.

use crate::headers::Response;
use std::fmt;

/// The error of a generated operation. `E` is the operation's enum of the error statuses its spec
/// documents and `H` the struct of the headers its responses declare (see [`Response`]).
///
/// Everything else that can go wrong is one of the other variants; none of them ever holds a
/// credential (body excerpts are redacted, URLs are dropped from transport errors).
#[derive(Debug)]
pub enum Error<E = std::convert::Infallible, H = ()> {
    /// The server answered with a status the spec documents as an error: the decoded error, with
    /// the status and headers ([`Error::api`] is the error alone).
    Api(Box<Response<E, H>>),
    /// The server answered with a status the spec does not document for this operation.
    UnexpectedStatus(Box<ResponseSummary>),
    /// The response body did not match what the spec says for its status.
    Decode(Box<DecodeError>),
    /// The response's `Content-Type` is none of those the spec lists for its status (an HTML
    /// error page from a proxy, XML where JSON was expected, ...).
    UnexpectedContentType {
        /// The media types the spec lists for the status (and that the client reads).
        expected: &'static [&'static str],
        /// What came.
        response: Box<ResponseSummary>,
    },
    /// The request could not be built (a value that is not valid in a header, a body that cannot be
    /// form-encoded, ...).
    InvalidRequest(String),
    /// No response arrived within the timeout (of the attempt, or of the call).
    Timeout {
        /// How many times the request was sent (see [`Error::attempts`]).
        attempts: u32,
    },
    /// The request could not be sent or its response not read: connection refused, DNS, TLS, ....
    Transport {
        /// reqwest's error, its URL dropped (the query may hold an API key).
        error: reqwest::Error,
        /// How many times the request was sent (see [`Error::attempts`]).
        attempts: u32,
    },
    /// The client's token [`Session`](crate::Session) had no token to give: its login or
    /// refresh failed (the token request's error is the session error's source).
    Session(Box<crate::SessionError>),
    /// A middleware of the client's [`Transport`](crate::Transport) gave up with its own error,
    /// or wrapped a transport error (a retry policy out of attempts): its messages, every URL cut
    /// out. A timeout behind it is [`Error::Timeout`].
    Middleware(Box<dyn std::error::Error + Send + Sync>),
}

/// What a user needs to debug a response that the client could not use. `Debug` shows the
/// headers with credential values (`Set-Cookie`, `X-Api-Key`, ...) as `***`.
#[derive(Clone)]
pub struct ResponseSummary {
    /// The HTTP status code.
    pub status: u16,
    /// The `Content-Type` header, when there was one.
    pub content_type: Option<String>,
    /// Every header of the response (a `Retry-After` of an undocumented 503, ...).
    pub headers: reqwest::header::HeaderMap,
    /// The start of the body (at most 512 bytes), with credential values blanked out.
    pub body_start: String,
    /// How many times the request was sent before this response (1 unless it was retried).
    pub attempts: u32,
}

impl fmt::Debug for ResponseSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ResponseSummary")
            .field("status", &self.status)
            .field("content_type", &self.content_type)
            .field("headers", &crate::headers::RedactedHeaders(&self.headers))
            .field("body_start", &self.body_start)
            .field("attempts", &self.attempts)
            .finish()
    }
}

/// A response body that did not decode as the spec says.
#[derive(Debug, Clone)]
pub struct DecodeError {
    /// The response that failed to decode.
    pub response: ResponseSummary,
    /// Why it failed, as the decoder says, with any quoted value cut out.
    pub reason: String,
}

/// The longest wait a message says as it is (a day); a longer one (`Retry-After-Ms: 1e30`) is
/// said as "over" it.
const LONGEST_SAID: std::time::Duration = std::time::Duration::from_secs(24 * 60 * 60);

impl<E: fmt::Display, H> fmt::Display for Error<E, H> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.describe(f)?;
        // Said, since a wait beyond the policy's cap ends the call at once.
        match self.retry_after() {
            Some(wait) if wait > LONGEST_SAID => {
                write!(f, "; the server asked to wait over {LONGEST_SAID:?}")?
            }
            Some(wait) if !wait.is_zero() => write!(f, "; the server asked to wait {wait:?}")?,
            _ => {}
        }
        match self.attempts() {
            0 | 1 => Ok(()),
            attempts => write!(f, " (after {attempts} attempts)"),
        }
    }
}

impl<E: fmt::Display, H> Error<E, H> {
    fn describe(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Api(response) => write!(f, "{}", response.body()),
            Error::UnexpectedStatus(response) => write!(f, "undocumented response: {response}"),
            Error::Decode(error) => write!(
                f,
                "could not decode the response ({}): {}",
                error.response, error.reason
            ),
            Error::UnexpectedContentType { expected, response } => write!(
                f,
                "the response is not of a media type the spec lists for its status ({}): {response}",
                expected.join(", ")
            ),
            Error::InvalidRequest(reason) => write!(f, "could not build the request: {reason}"),
            Error::Timeout { .. } => f.write_str("the request timed out"),
            // reqwest's own text says little ("error sending request"): its root cause says why.
            Error::Transport { error, .. } => {
                let what = match error.is_body() || error.is_decode() {
                    true => "could not read the response",
                    false => "could not send the request",
                };
                match root_cause(error) {
                    Some(cause) => write!(f, "{what}: {error} ({cause})"),
                    None => write!(f, "{what}: {error}"),
                }
            }
            Error::Middleware(error) => write!(f, "a middleware failed: {error}"),
            Error::Session(error) => write!(f, "no access token: {error}"),
        }
    }
}

/// The last error of `error`'s chain of sources, if it has any (the URL is not in them: reqwest
/// keeps it in the error itself, which `from_reqwest` dropped).
fn root_cause(error: &reqwest::Error) -> Option<&(dyn std::error::Error + 'static)> {
    let mut cause = std::error::Error::source(error)?;
    while let Some(next) = cause.source() {
        cause = next;
    }
    Some(cause)
}

impl fmt::Display for ResponseSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "status {}", self.status)?;
        if let Some(content_type) = &self.content_type {
            write!(f, ", content type {content_type}")?;
        }
        if self.body_start.is_empty() {
            f.write_str(", empty body")
        } else {
            write!(f, ", body starts {:?}", self.body_start)
        }
    }
}

impl<E: fmt::Debug + fmt::Display, H: fmt::Debug> std::error::Error for Error<E, H> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Transport { error, .. } => Some(error),
            Error::Middleware(error) => Some(error.as_ref()),
            Error::Session(error) => Some(error.as_ref()),
            _ => None,
        }
    }
}

impl Error {
    /// The same error as the error type of an operation: an error that holds no documented
    /// error (this type's `Api` holds an uninhabited `Infallible`) is one of every operation.
    pub(crate) fn widen<E, H>(self) -> Error<E, H> {
        match self {
            Error::Api(response) => match response.body {},
            Error::UnexpectedStatus(response) => Error::UnexpectedStatus(response),
            Error::Decode(error) => Error::Decode(error),
            Error::UnexpectedContentType { expected, response } => {
                Error::UnexpectedContentType { expected, response }
            }
            Error::InvalidRequest(reason) => Error::InvalidRequest(reason),
            Error::Timeout { attempts } => Error::Timeout { attempts },
            Error::Transport { error, attempts } => Error::Transport { error, attempts },
            Error::Session(error) => Error::Session(error),
            Error::Middleware(error) => Error::Middleware(error),
        }
    }
}

impl<E, H> Error<E, H> {
    /// The documented error the server answered with, when it did (the body of [`Error::Api`]).
    pub fn api(&self) -> Option<&E> {
        match self {
            Error::Api(response) => Some(response.body()),
            _ => None,
        }
    }

    /// The same, taking it.
    pub fn into_api(self) -> Option<E> {
        match self {
            Error::Api(response) => Some(response.into_inner()),
            _ => None,
        }
    }

    /// The headers of the response behind this error, when there was one.
    pub fn headers(&self) -> Option<&reqwest::header::HeaderMap> {
        match self {
            Error::Api(response) => Some(response.headers()),
            Error::UnexpectedStatus(response) => Some(&response.headers),
            Error::Decode(error) => Some(&error.response.headers),
            Error::UnexpectedContentType { response, .. } => Some(&response.headers),
            _ => None,
        }
    }

    /// The headers the spec declares, typed, of the response behind a documented error.
    pub fn typed_headers(&self) -> Option<&H> {
        match self {
            Error::Api(response) => Some(response.typed_headers()),
            _ => None,
        }
    }

    /// The HTTP status of the response behind this error, when there was one.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api(response) => Some(response.status()),
            Error::UnexpectedStatus(response) => Some(response.status),
            Error::Decode(error) => Some(error.response.status),
            Error::UnexpectedContentType { response, .. } => Some(response.status),
            Error::Transport { error, .. } => error.status().map(|status| status.as_u16()),
            _ => None,
        }
    }

    /// How many times the request was sent: 1, or more when it was retried (see
    /// [`crate::RetryPolicy`]); 0 when it never was (it could not be built, or the session had
    /// no token for it).
    pub fn attempts(&self) -> u32 {
        match self {
            Error::Api(response) => response.attempts(),
            Error::UnexpectedStatus(response) => response.attempts,
            Error::Decode(error) => error.response.attempts,
            Error::UnexpectedContentType { response, .. } => response.attempts,
            Error::Timeout { attempts } | Error::Transport { attempts, .. } => *attempts,
            Error::Middleware(_) => 1,
            Error::InvalidRequest(_) | Error::Session(_) => 0,
        }
    }

    /// How long the server asked to wait before another attempt (`Retry-After-Ms`, or
    /// `Retry-After` in seconds or as an HTTP date, RFC 9110 §10.2.3), when the response behind
    /// this error says: a wait beyond the retry policy's cap ends the call with this error
    /// rather than waiting it out.
    pub fn retry_after(&self) -> Option<std::time::Duration> {
        crate::retry::retry_after(self.headers()?, std::time::SystemTime::now())
    }

    pub(crate) fn from_reqwest(error: reqwest::Error, attempts: u32) -> Self {
        if error.is_timeout() {
            Error::Timeout { attempts }
        } else if error.is_builder() {
            // Builder errors name the offending value's kind, never the value.
            Error::InvalidRequest(error.without_url().to_string())
        } else {
            // The URL may carry a credential in its query (an API key), so it is dropped.
            Error::Transport {
                error: error.without_url(),
                attempts,
            }
        }
    }
}

impl Error {
    /// What this failure of one attempt is, when another attempt may fare better: a timeout, a
    /// connection that could not be made, or one lost before the response came.
    pub(crate) fn transient(&self) -> Option<crate::retry::Failure> {
        use crate::retry::Failure;
        match self {
            Error::Timeout { .. } => Some(Failure::Timeout),
            Error::Transport { error, .. } if error.is_connect() => Some(Failure::Connect),
            // Lost before the response came, or while its body came.
            Error::Transport { error, .. }
                if error.is_request() || error.is_body() || error.is_decode() =>
            {
                Some(Failure::Transport)
            }
            _ => None,
        }
    }

    /// The error of a call that made `attempts` attempts, this the last one's.
    pub(crate) fn after(self, attempts: u32) -> Self {
        match self {
            Error::Timeout { .. } => Error::Timeout { attempts },
            Error::Transport { error, .. } => Error::Transport { error, attempts },
            other => other,
        }
    }
}
