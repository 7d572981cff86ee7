//! A raw response body read as it arrives ([`ByteStream`]); `events` reads server-sent events
//! from the same chunks.

use crate::error::Error;
use bytes::Bytes;
use futures_core::Stream;
use std::pin::Pin;
use std::task::{Context, Poll};

pub(crate) type Chunks = Pin<Box<dyn Stream<Item = reqwest::Result<Bytes>> + Send>>;

/// A response body as a stream of byte chunks, read from the connection only as they are asked
/// for: a download of any size takes the memory of one chunk at a time.
///
/// Read it with [`ByteStream::chunk`] (no other crate needed), as a `futures_core::Stream` of
/// `Result<Bytes, Error>`, or whole with [`ByteStream::bytes`]. A connection that breaks midway
/// is an [`Error::Transport`]; the client's timeout, when set, bounds the whole body too.
pub struct ByteStream {
    chunks: Chunks,
    /// The `Content-Length`, when the server sent one.
    length: Option<u64>,
    /// An error has been yielded: the body is over (reqwest would repeat a timeout forever).
    failed: bool,
    /// The attempts the call made to get this response, for its errors.
    attempts: u32,
}

impl ByteStream {
    pub(crate) fn new(response: reqwest::Response, attempts: u32) -> Self {
        ByteStream {
            length: response.content_length(),
            chunks: Box::pin(response.bytes_stream()),
            failed: false,
            attempts,
        }
    }

    /// The next chunk; `None` once the body has ended.
    pub async fn chunk(&mut self) -> Result<Option<Bytes>, Error> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx))
            .await
            .transpose()
    }

    /// The rest of the body, read whole.
    pub async fn bytes(mut self) -> Result<Vec<u8>, Error> {
        // Reserved up to 64 MiB: a `Content-Length` is the server's word, not a promise.
        let announced = self.length.unwrap_or(0).min(64 << 20);
        let mut all = Vec::with_capacity(usize::try_from(announced).unwrap_or(0));
        while let Some(chunk) = self.chunk().await? {
            all.extend_from_slice(&chunk);
        }
        Ok(all)
    }
}

impl Stream for ByteStream {
    type Item = Result<Bytes, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        if self.failed {
            return Poll::Ready(None);
        }
        let item = std::task::ready!(self.chunks.as_mut().poll_next(cx));
        if let Some(Err(_)) = &item {
            self.failed = true;
        }
        let attempts = self.attempts;
        Poll::Ready(item.map(|chunk| chunk.map_err(|error| Error::from_reqwest(error, attempts))))
    }
}

impl std::fmt::Debug for ByteStream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ByteStream")
    }
}
