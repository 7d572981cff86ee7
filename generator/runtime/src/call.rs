//! What a generated method returns: its request, built, as a future of the decoded response.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// The future a generated method returns: `Result<T, E>`, where `T` is the operation's
/// [`Response`](crate::Response) and `E` its [`Error`](crate::Error).
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
pub struct Call<T, E> {
    future: Pin<Box<dyn Future<Output = Result<T, E>> + Send>>,
}

impl<T, E> Call<T, E> {
    pub(crate) fn new(future: impl Future<Output = Result<T, E>> + Send + 'static) -> Self {
        Call {
            future: Box::pin(future),
        }
    }
}

impl<T, E> Future for Call<T, E> {
    type Output = Result<T, E>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        self.future.as_mut().poll(cx)
    }
}

impl<T, E> fmt::Debug for Call<T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Call")
    }
}
