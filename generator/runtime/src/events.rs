//! A `text/event-stream` response as typed server-sent events (the WHATWG HTML "Server-sent
//! events" format, parsed by `eventsource-stream`); cargo feature `event-stream`.

use crate::error::{DecodeError, Error, ResponseSummary};
use crate::stream::Chunks;
use bytes::Bytes;
use futures_core::Stream;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

/// One server-sent event, its `data` decoded as the spec's schema for the stream says.
#[derive(Debug, Clone, PartialEq)]
pub struct Event<T> {
    /// The event type (`event:`), `"message"` when the server names none.
    pub event: String,
    /// The data (`data:` lines joined by newlines), decoded.
    pub data: T,
    /// The last event id (`id:`), empty when none was sent.
    pub id: String,
    /// The reconnection time the server asked for (`retry:`), if it did.
    pub retry: Option<Duration>,
}

type RawEvents = Pin<
    Box<
        dyn Stream<
                Item = Result<
                    eventsource_stream::Event,
                    eventsource_stream::EventStreamError<reqwest::Error>,
                >,
            > + Send,
    >,
>;

/// A `text/event-stream` response as a stream of typed [`Event`]s, each yielded as soon as the
/// server has sent it (comments and keep-alives are skipped).
///
/// Each event's `data` is decoded as JSON of `T`, or kept as text when the spec's schema for
/// the stream is a string. A `data` of `[DONE]` (the end marker of OpenAI-style streams) ends
/// the stream. Data that does not decode is an [`Error::Decode`] for that event, and the stream
/// goes on; an event with no data is no event (as the standard says). A transport error (the
/// connection broke, the client's timeout passed) is the stream's last item.
pub struct EventStream<T> {
    events: RawEvents,
    decode: fn(&str) -> Result<T, String>,
    status: u16,
    done: bool,
    /// The attempts the call made to get this response, for its errors.
    attempts: u32,
}

impl<T> EventStream<T> {
    pub(crate) fn new(
        response: reqwest::Response,
        decode: fn(&str) -> Result<T, String>,
        attempts: u32,
    ) -> Self {
        use eventsource_stream::Eventsource;
        let status = response.status().as_u16();
        let chunks = WithoutByteOrderMark {
            chunks: Box::pin(response.bytes_stream()),
            start: Some(Vec::new()),
        };
        EventStream {
            status,
            events: Box::pin(chunks.eventsource()),
            decode,
            done: false,
            attempts,
        }
    }

    /// The next event; `None` once the stream has ended.
    pub async fn next_event(&mut self) -> Option<Result<Event<T>, Error>>
    where
        T: Unpin,
    {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }

    fn decode_error(&self, reason: String, data: &str) -> Error {
        Error::Decode(Box::new(DecodeError {
            response: ResponseSummary {
                status: self.status,
                content_type: Some("text/event-stream".to_owned()),
                headers: Default::default(),
                body_start: crate::redact::body_start(data.as_bytes()),
                attempts: self.attempts,
            },
            reason,
        }))
    }
}

impl<T: Unpin> Stream for EventStream<T> {
    type Item = Result<Event<T>, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        loop {
            if self.done {
                return Poll::Ready(None);
            }
            let Some(raw) = std::task::ready!(self.events.as_mut().poll_next(cx)) else {
                return Poll::Ready(None);
            };
            let event = match raw {
                Ok(event) => event,
                Err(eventsource_stream::EventStreamError::Transport(error)) => {
                    self.done = true;
                    let attempts = self.attempts;
                    return Poll::Ready(Some(Err(Error::from_reqwest(error, attempts))));
                }
                Err(error) => {
                    let error = self.decode_error(format!("the event stream: {error}"), "");
                    return Poll::Ready(Some(Err(error)));
                }
            };
            match event.data.as_str() {
                "[DONE]" => self.done = true,
                // No data, no event (the standard's "dispatch the event" step).
                "" => {}
                data => return Poll::Ready(Some(self.typed(&event, data))),
            }
        }
    }
}

impl<T> EventStream<T> {
    fn typed(&self, event: &eventsource_stream::Event, data: &str) -> Result<Event<T>, Error> {
        match (self.decode)(data) {
            Ok(data) => Ok(Event {
                event: event.event.clone(),
                data,
                id: event.id.clone(),
                retry: event.retry,
            }),
            Err(reason) => Err(self.decode_error(
                format!("the data of a `{}` event: {reason}", event.event),
                data,
            )),
        }
    }
}

/// The body with the UTF-8 byte order mark the standard lets a stream start with removed
/// (eventsource-stream 0.2 panics on it).
struct WithoutByteOrderMark {
    chunks: Chunks,
    /// Until the stream's first three bytes are known: those seen so far.
    start: Option<Vec<u8>>,
}

impl Stream for WithoutByteOrderMark {
    type Item = reqwest::Result<Bytes>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        const MARK: &[u8] = b"\xEF\xBB\xBF";
        loop {
            let item = std::task::ready!(self.chunks.as_mut().poll_next(cx));
            let Some(start) = self.start.as_mut() else {
                return Poll::Ready(item);
            };
            let chunk = match item {
                Some(Ok(chunk)) => chunk,
                // Ended or failed before three bytes: what came is what there is.
                other => {
                    let seen = Bytes::from(self.start.take().unwrap_or_default());
                    return Poll::Ready(match other {
                        None if seen.is_empty() => None,
                        None => Some(Ok(seen)),
                        error => error,
                    });
                }
            };
            start.extend_from_slice(&chunk);
            if start.len() < MARK.len() && MARK.starts_with(start) {
                continue;
            }
            let seen = self.start.take().unwrap_or_default();
            let rest = seen.strip_prefix(MARK).unwrap_or(&seen).to_vec();
            return Poll::Ready(Some(Ok(Bytes::from(rest))));
        }
    }
}

impl<T> std::fmt::Debug for EventStream<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("EventStream")
    }
}

/// Decodes an event's data as JSON.
pub(crate) fn json_data<T: serde::de::DeserializeOwned>(data: &str) -> Result<T, String> {
    serde_json::from_str(data)
        .map_err(|error| crate::json_path::located_reason(data.as_bytes(), &error))
}

/// Keeps an event's data as text.
pub(crate) fn text_data(data: &str) -> Result<String, String> {
    Ok(data.to_owned())
}
