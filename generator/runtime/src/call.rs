//! What a generated method returns: its request, built, as a future of the decoded response.

use crate::{Error, Response};
use std::convert::Infallible;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

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
/// A call is a boxed future, one allocation per request: a generated method is a plain function
/// rather than an `async fn`, which spares every client crate's build a state machine per
/// operation (for GitHub's API, a fifth of what `cargo check` spent on the crate).
#[must_use = "a call sends nothing until it is awaited"]
pub struct Call<T, E = Infallible, H = ()> {
    future: Pin<Box<dyn Future<Output = Outcome<T, E, H>> + Send>>,
}

impl<T, E, H> Call<T, E, H> {
    pub(crate) fn new(future: impl Future<Output = Outcome<T, E, H>> + Send + 'static) -> Self {
        Call {
            future: Box::pin(future),
        }
    }
}

impl<T, E, H> Future for Call<T, E, H> {
    type Output = Outcome<T, E, H>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        self.future.as_mut().poll(cx)
    }
}

impl<T, E, H> fmt::Debug for Call<T, E, H> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Call")
    }
}
