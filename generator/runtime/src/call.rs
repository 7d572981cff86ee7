//! What a generated method returns: its request, built, as a future of the decoded response,
//! with the options one call may take (timeouts, extra headers and query parameters, a retry
//! policy, an idempotency key) and a way out to the request itself.

use crate::request::Request;
use crate::response::Received;
use crate::{Error, Response, RetryPolicy};
use std::convert::Infallible;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

/// What a [`Call`] gives when awaited.
pub(crate) type Outcome<T, E, H> = Result<Response<T, H>, Error<E, H>>;

/// The future a generated method returns: `Result<Response<T, H>, Error<E, H>>` — the
/// operation's [`Response`] with its body `T`, or its [`Error`] with `E`, the enum of the error
/// statuses the spec documents (none: [`Infallible`]); `H` is the struct of the headers its
/// responses declare (none: `()`).
///
/// The method builds the request when it is called and the call sends it when first polled
/// (awaited, spawned, joined); a request that cannot be sent as the spec says is refused then, as
/// [`Error::InvalidRequest`](crate::Error::InvalidRequest), before anything goes out. The call
/// owns everything it needs: it borrows neither the client nor the method's arguments, and it is
/// `Send` and `'static`, so it can be spawned, stored or joined with others.
///
/// Before it is awaited, a call takes options for itself alone, the client's for other calls
/// left as they are: [`Call::timeout`] (the whole call), [`Call::attempt_timeout`],
/// [`Call::header`], [`Call::query`], [`Call::retry_policy`] and [`Call::idempotency_key`]; and
/// [`Call::into_request`] gives the request instead of sending it.
///
/// A call is a boxed future, one allocation per request: a generated method is a plain function
/// rather than an `async fn`, which spares every client crate's build a state machine per
/// operation (for GitHub's API, a fifth of what `cargo check` spent on the crate).
#[must_use = "a call sends nothing until it is awaited"]
pub struct Call<T, E = Infallible, H = ()> {
    state: State<T, E, H>,
}

enum State<T, E, H> {
    /// Not polled yet: options may still change the request.
    Ready {
        request: Box<Request>,
        decode: fn(Received) -> Outcome<T, E, H>,
    },
    /// Sending.
    Running(Pin<Box<dyn Future<Output = Outcome<T, E, H>> + Send>>),
    /// Polled to its end.
    Done,
}

impl<T, E, H> Call<T, E, H>
where
    T: Send + 'static,
    E: Send + 'static,
    H: Send + 'static,
{
    pub(crate) fn new(request: Request, decode: fn(Received) -> Outcome<T, E, H>) -> Self {
        Call {
            state: State::Ready {
                request: Box::new(request),
                decode,
            },
        }
    }

    /// The request, changed by `change`, while the call has not been polled (afterwards options
    /// change nothing: the request is on its way).
    fn with(mut self, change: impl FnOnce(&mut Request)) -> Self {
        if let State::Ready { request, .. } = &mut self.state {
            change(request);
        }
        self
    }

    /// Ends the call with [`Error::Timeout`] when it has no complete response after `timeout`,
    /// its attempts and the waits between them included (the client's
    /// `with_timeout` bounds each attempt).
    pub fn timeout(self, timeout: Duration) -> Self {
        self.with(|request| request.total_timeout = Some(timeout))
    }

    /// Gives up on an attempt that has no complete response after `timeout`, instead of the
    /// client's `with_timeout`; a retry policy may send it again.
    pub fn attempt_timeout(self, timeout: Duration) -> Self {
        self.with(|request| request.attempt_timeout = Some(timeout))
    }

    /// Sends the header `name: value` with this call, in place of one of that name the call
    /// would send. A name or value that cannot be a header makes the call an
    /// [`Error::InvalidRequest`] before anything is sent. The call's `Debug` shows the value of a
    /// header that holds a credential (`Authorization`, `X-Api-Key`, ...) as `***`.
    pub fn header(self, name: &str, value: &str) -> Self {
        self.with(|request| request.extra_header(name, value))
    }

    /// Adds the query parameter `name=value` to this call (after those the operation sends).
    pub fn query(self, name: &str, value: &str) -> Self {
        self.with(|request| {
            request.query.push((name.to_owned(), value.to_owned()));
            request.extra_query.push(name.to_owned());
        })
    }

    /// Sends this call again after a failure as `policy` says, instead of the client's policy
    /// (see [`RetryPolicy`]).
    pub fn retry_policy(self, policy: RetryPolicy) -> Self {
        self.with(|request| request.retry = policy)
    }

    /// Sends `key` as the call's idempotency key: in the header the operation declares for it
    /// (`Idempotency-Key` or `X-Idempotency-Key`), else as `Idempotency-Key`; the call is then
    /// safe to repeat, and its retries send the same key.
    pub fn idempotency_key(self, key: &str) -> Self {
        self.with(|request| {
            request.own_key = false;
            let name = (request.key_header.clone()).unwrap_or_else(|| "Idempotency-Key".to_owned());
            request.extra_header(&name, key);
        })
    }

    /// The request this call would send, built (URL, parameters, body, the credentials set on
    /// the client, this call's options), without sending it: to send it another way, or to look
    /// at it. A token from a session is not in it (it is asked for when a call is sent), and the
    /// client's hooks have not run. A request that cannot be built is its error.
    pub fn into_request(self) -> Result<reqwest::Request, Error> {
        match self.state {
            State::Ready { request, .. } => request.build().map(|(request, _)| request),
            State::Running(_) | State::Done => Err(Error::InvalidRequest(
                "the call was polled: its request is on its way".to_owned(),
            )),
        }
    }
}

impl<T, E, H> Future for Call<T, E, H>
where
    T: Send + 'static,
    E: Send + 'static,
    H: Send + 'static,
{
    type Output = Outcome<T, E, H>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        this.state = match std::mem::replace(&mut this.state, State::Done) {
            State::Ready { request, decode } => State::Running(Box::pin(async move {
                let received = request.send().await.map_err(Error::widen)?;
                decode(received)
            })),
            other => other,
        };
        let State::Running(future) = &mut this.state else {
            return Poll::Ready(Err(Error::InvalidRequest(
                "the call was polled after it ended".to_owned(),
            )));
        };
        let outcome = future.as_mut().poll(cx);
        if outcome.is_ready() {
            this.state = State::Done;
        }
        outcome
    }
}

impl<T, E, H> fmt::Debug for Call<T, E, H> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.state {
            State::Ready { request, .. } => f
                .debug_struct("Call")
                .field("options", &request.options())
                .finish(),
            State::Running(_) => f.write_str("Call(running)"),
            State::Done => f.write_str("Call(done)"),
        }
    }
}
