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
    /// A middleware's own error.
    Middleware(Box<dyn std::error::Error + Send + Sync>),
}

#[cfg(feature = "middleware")]
impl Transport for reqwest_middleware::ClientWithMiddleware {
    fn execute(&self, request: reqwest::Request) -> TransportFuture<'_> {
        Box::pin(async move {
            reqwest_middleware::ClientWithMiddleware::execute(self, request)
                .await
                .map_err(|error| match error {
                    reqwest_middleware::Error::Reqwest(error) => TransportError::Reqwest(error),
                    reqwest_middleware::Error::Middleware(error) => {
                        TransportError::Middleware(error.into())
                    }
                })
        })
    }
}
