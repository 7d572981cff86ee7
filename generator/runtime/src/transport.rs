//! What sends a client's requests, when it is not the client's own `reqwest::Client`: a
//! `reqwest_middleware::ClientWithMiddleware` (feature `middleware`, so that `reqwest-retry`,
//! `reqwest-tracing` and the like work as they do elsewhere), or any other [`Transport`].

use std::future::Future;
use std::pin::Pin;

/// The future a [`Transport`] returns.
pub type TransportFuture<'a> =
    Pin<Box<dyn Future<Output = Result<reqwest::Response, TransportError>> + Send + 'a>>;

/// Sends one built request and returns its response (`Client::with_middleware`). The client has
/// set everything on the request (URL, parameters, credentials, body, timeout) and run its hooks'
/// `before_send`.
pub trait Transport: Send + Sync + 'static {
    /// Sends `request`.
    fn execute(&self, request: reqwest::Request) -> TransportFuture<'_>;
}

/// Why a [`Transport`] returned no response.
#[derive(Debug)]
pub enum TransportError {
    /// reqwest's error (timeouts and connection failures are told apart from it).
    Reqwest(reqwest::Error),
    /// No response within the client's timeout, as a middleware reports it.
    Timeout,
    /// A middleware's own error. Its message must not hold a credential: a URL may (an API key
    /// in the query), so every URL is cut out of what middleware report.
    Middleware(Box<dyn std::error::Error + Send + Sync>),
}

/// A middleware's error as its message, every URL in it replaced by `(url)`.
#[cfg(feature = "middleware")]
#[derive(Debug)]
struct MiddlewareFailure(String);

#[cfg(feature = "middleware")]
impl std::fmt::Display for MiddlewareFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(feature = "middleware")]
impl std::error::Error for MiddlewareFailure {}

/// `text` with each `http://` or `https://` URL replaced by `(url)`: the query may hold an API
/// key, the user info a password.
#[cfg(feature = "middleware")]
fn without_urls(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let next_url = |text: &str| {
        [text.find("http://"), text.find("https://")]
            .into_iter()
            .flatten()
            .min()
    };
    while let Some(start) = next_url(rest) {
        out.push_str(&rest[..start]);
        out.push_str("(url)");
        let after = &rest[start..];
        let end = after
            .find(|c: char| c.is_whitespace() || matches!(c, ')' | '"' | '\'' | '>'))
            .unwrap_or(after.len());
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(feature = "middleware")]
impl Transport for reqwest_middleware::ClientWithMiddleware {
    fn execute(&self, request: reqwest::Request) -> TransportFuture<'_> {
        Box::pin(async move {
            reqwest_middleware::ClientWithMiddleware::execute(self, request)
                .await
                .map_err(|error| match error {
                    reqwest_middleware::Error::Reqwest(error) => TransportError::Reqwest(error),
                    // reqwest's own error when that is what it is; a timeout when one caused it
                    // (a retry policy out of attempts wraps the last error); else the messages
                    // of its causes, without URLs.
                    reqwest_middleware::Error::Middleware(error) => {
                        let error = match error.downcast::<reqwest::Error>() {
                            Ok(error) => return TransportError::Reqwest(error),
                            Err(error) => error,
                        };
                        let timed_out = error.chain().any(|cause| {
                            let wrapped = match cause.downcast_ref::<reqwest_middleware::Error>() {
                                Some(reqwest_middleware::Error::Reqwest(error)) => Some(error),
                                _ => cause.downcast_ref::<reqwest::Error>(),
                            };
                            wrapped.is_some_and(reqwest::Error::is_timeout)
                        });
                        if timed_out {
                            return TransportError::Timeout;
                        }
                        let causes: Vec<String> =
                            error.chain().map(|cause| cause.to_string()).collect();
                        let message = without_urls(&causes.join(": "));
                        TransportError::Middleware(Box::new(MiddlewareFailure(message)))
                    }
                })
        })
    }
}

#[cfg(all(test, feature = "middleware"))]
mod tests {
    #[test]
    fn urls_are_cut_out_of_messages() {
        let message = "retries exhausted: error sending request for url (http://127.0.0.1:1/things?api_key=SECRET): connection refused; see https://x.example/a";
        assert_eq!(
            super::without_urls(message),
            "retries exhausted: error sending request for url ((url)): connection refused; see (url)"
        );
    }
}
