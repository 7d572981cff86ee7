//! Sending a built request: through the client's HTTP client or transport, with its hooks and
//! its session's token, again after a failure its retry policy retries, and reading the response.

use crate::error::Error;
use crate::response::Received;
use crate::retry::{Failure, RetryBudget, RetryPolicy};
use std::sync::Arc;

/// What sends a built request: the client's HTTP client or transport, its hooks, its session,
/// its retry policy and the client-wide budget of retries.
#[derive(Clone)]
pub(crate) struct Sender {
    pub(crate) http: reqwest::Client,
    pub(crate) hooks: Vec<Arc<dyn crate::Hook>>,
    pub(crate) transport: Option<Arc<dyn crate::Transport>>,
    pub(crate) session: Option<crate::Session>,
    pub(crate) retry: RetryPolicy,
    pub(crate) budget: Arc<RetryBudget>,
    /// The idempotency key header whose value the client made (see `Request::idempotency_key`).
    pub(crate) own_key: Option<String>,
    /// When the call must have its response ([`crate::Call::timeout`]): no attempt, wait or
    /// body read goes past it.
    pub(crate) deadline: Option<tokio::time::Instant>,
}

/// A response as its attempt leaves it: read whole (status, headers, body), or unread (a status
/// the caller streams, or one the policy would retry).
pub(crate) enum Arrived {
    Whole(Whole),
    Unread(reqwest::Response),
}

/// A response read whole.
pub(crate) struct Whole {
    status: u16,
    headers: reqwest::header::HeaderMap,
    body: Vec<u8>,
}

/// Whether the body of a `status` response is left unread for the caller to stream.
fn streams(streamed: &[(u16, u16)], status: u16) -> bool {
    (streamed.iter()).any(|(low, high)| (*low..=*high).contains(&status))
}

impl Arrived {
    fn headers(&self) -> &reqwest::header::HeaderMap {
        match self {
            Arrived::Whole(whole) => &whole.headers,
            Arrived::Unread(response) => response.headers(),
        }
    }
}

/// The names of the headers that make a request safe to repeat: the server does the work of one
/// key once (draft-ietf-httpapi-idempotency-key-header; Stripe's and others' `X-` form).
const IDEMPOTENCY_HEADERS: [&str; 2] = ["idempotency-key", "x-idempotency-key"];

impl Sender {
    /// Sends `request` and reads the whole response, whatever its status, but the body of a
    /// status in one of `streamed`'s ranges, left unread. A failure the retry policy retries is
    /// sent again (see [`RetryPolicy`]), the hooks seeing every attempt.
    pub(crate) async fn receive(
        &self,
        request: reqwest::Request,
        streamed: &[(u16, u16)],
    ) -> Result<Received, Error> {
        let (arrived, attempts) = self.attempts(request, streamed).await?;
        let (whole, unread) = match arrived {
            Arrived::Whole(whole) => (whole, None),
            Arrived::Unread(response) if streams(streamed, response.status().as_u16()) => {
                let head = Whole {
                    status: response.status().as_u16(),
                    headers: response.headers().clone(),
                    body: Vec::new(),
                };
                (head, Some(response))
            }
            // The last of the attempts a policy allows, a status it retries: read here.
            Arrived::Unread(response) => (self.read_whole(response, attempts).await?, None),
        };
        let Whole {
            status,
            headers,
            body,
        } = whole;
        let content_type = (headers.get(reqwest::header::CONTENT_TYPE))
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned);
        Ok(Received {
            status,
            headers,
            content_type,
            body,
            unread,
            attempts,
        })
    }

    /// `response` with its body read, within the call's deadline.
    async fn read_whole(
        &self,
        mut response: reqwest::Response,
        attempt: u32,
    ) -> Result<Whole, Error> {
        let status = response.status().as_u16();
        let headers = std::mem::take(response.headers_mut());
        let body = self
            .by_deadline(response.bytes(), attempt)
            .await?
            .map_err(|error| Error::from_reqwest(error, attempt))?;
        Ok(Whole {
            status,
            headers,
            body: body.to_vec(),
        })
    }

    /// Sends `request` until an attempt is not one to retry, or the policy, the budget or the
    /// request (a body that cannot be sent again) allows no more: the last response (its body
    /// read, unless streamed or of a status the policy retries), and the number of attempts.
    async fn attempts(
        &self,
        mut request: reqwest::Request,
        streamed: &[(u16, u16)],
    ) -> Result<(Arrived, u32), Error> {
        let safe = crate::retry::idempotent(request.method())
            || (IDEMPOTENCY_HEADERS.iter()).any(|name| request.headers().contains_key(*name));
        let mut attempt = 1;
        let last = |sent: Result<Arrived, Error>, attempt| {
            sent.map(|arrived| (arrived, attempt))
                .map_err(|error| error.after(attempt))
        };
        loop {
            let again = (attempt < self.retry.attempts())
                .then(|| request.try_clone())
                .flatten();
            let (sent, failure) = self.attempt(request, attempt, streamed).await;
            // Nothing reached the server when the connection failed, and a server that marks its
            // answer retryable says the request may go again: then any request may.
            let retried = failure
                .filter(|failure| safe || matches!(failure, Failure::Connect | Failure::Marked))
                .zip(again);
            let Some((failure, again)) = retried else {
                if failure.is_none() {
                    self.budget.deposit();
                }
                return last(sent, attempt);
            };
            let asked = sent.as_ref().ok().and_then(|arrived| {
                crate::retry::retry_after(arrived.headers(), std::time::SystemTime::now())
            });
            let delay = self.retry.delay(attempt, asked, fastrand::f64);
            // A wait that would end past the call's deadline is not begun.
            let in_time = |delay: &std::time::Duration| {
                (self.deadline)
                    .is_none_or(|deadline| tokio::time::Instant::now() + *delay < deadline)
            };
            let delay = delay.filter(in_time);
            let Some(delay) = delay.filter(|_| self.budget.withdraw(failure)) else {
                return last(sent, attempt);
            };
            // The failed response's body is dropped unread: the connection is not reused.
            drop(sent);
            tokio::time::sleep(delay).await;
            request = again;
            attempt += 1;
        }
    }

    /// One attempt: `request` sent, the hooks told of its response, and the body of an answer
    /// that is not retried read (one cut off is a failure too), unless its status is streamed;
    /// with what failed, if another attempt may fare better.
    async fn attempt(
        &self,
        request: reqwest::Request,
        attempt: u32,
        streamed: &[(u16, u16)],
    ) -> (Result<Arrived, Error>, Option<Failure>) {
        let sent = self
            .by_deadline(self.send(request), attempt)
            .await
            .and_then(|sent| sent);
        let response = match sent {
            Ok(response) => response,
            Err(error) => {
                let failure = error.transient();
                return (Err(error), failure);
            }
        };
        let status = response.status().as_u16();
        for hook in &self.hooks {
            hook.after_receive(status, response.headers());
        }
        let failure = crate::retry::failure_of(status, response.headers());
        if failure.is_some() || streams(streamed, status) {
            return (Ok(Arrived::Unread(response)), failure);
        }
        match self.read_whole(response, attempt).await {
            Ok(whole) => (Ok(Arrived::Whole(whole)), None),
            Err(error) => {
                let failure = error.transient();
                (Err(error), failure)
            }
        }
    }

    /// `future`'s output, or a timeout of the call's `attempts`th attempt if the call's deadline
    /// comes first.
    async fn by_deadline<F: std::future::Future>(
        &self,
        future: F,
        attempts: u32,
    ) -> Result<F::Output, Error> {
        match self.deadline {
            Some(deadline) => tokio::time::timeout_at(deadline, future)
                .await
                .map_err(|_| Error::Timeout { attempts }),
            None => Ok(future.await),
        }
    }

    /// Sends `request`, with a token from the session when it has one.
    async fn send(&self, request: reqwest::Request) -> Result<reqwest::Response, Error> {
        match &self.session {
            Some(session) => self.execute_with_session(request, session).await,
            None => self.execute(request).await,
        }
    }

    /// Runs the hooks, sends `request` and returns the response, its body unread.
    async fn execute(&self, mut request: reqwest::Request) -> Result<reqwest::Response, Error> {
        for hook in &self.hooks {
            hook.before_send(&mut request);
        }
        let sent = match &self.transport {
            Some(transport) => transport.execute(request).await,
            None => self
                .http
                .execute(request)
                .await
                .map_err(crate::TransportError::Reqwest),
        };
        sent.map_err(|error| match error {
            crate::TransportError::Reqwest(error) => Error::from_reqwest(error, 1),
            crate::TransportError::Timeout => Error::Timeout { attempts: 1 },
            crate::TransportError::Middleware(error) => Error::Middleware(error),
        })
    }

    /// Sends `request` with the session's token; on a `401`, once more with a new token (when
    /// the body can be sent again), never more. That second request is part of the attempt, not
    /// a retry.
    async fn execute_with_session(
        &self,
        request: reqwest::Request,
        session: &crate::Session,
    ) -> Result<reqwest::Response, Error> {
        let again = request.try_clone();
        let token = session
            .access_token()
            .await
            .map_err(|e| Error::Session(Box::new(e)))?;
        let response = self.execute(with_bearer(request, &token)?).await?;
        let Some(again) = again.filter(|_| response.status() == reqwest::StatusCode::UNAUTHORIZED)
        else {
            return Ok(response);
        };
        session.reject(&token).await;
        let token = session
            .access_token()
            .await
            .map_err(|e| Error::Session(Box::new(e)))?;
        self.execute(with_bearer(again, &token)?).await
    }
}

/// `request` with `Authorization: Bearer <token>`; a token that cannot be a header value is
/// refused, never shown.
fn with_bearer(mut request: reqwest::Request, token: &str) -> Result<reqwest::Request, Error> {
    let mut value =
        reqwest::header::HeaderValue::from_str(&format!("Bearer {token}")).map_err(|_| {
            Error::InvalidRequest(
                "the session's access token cannot be sent in a header".to_owned(),
            )
        })?;
    value.set_sensitive(true);
    request
        .headers_mut()
        .insert(reqwest::header::AUTHORIZATION, value);
    Ok(request)
}
