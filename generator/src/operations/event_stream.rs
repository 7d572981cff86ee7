//! The `_stream` method ([`MethodKind::EventStream`]): an operation whose every success lists
//! `text/event-stream` beside the media type its own method reads gets a second method asking for
//! the stream, which reads the events as they arrive (OpenAI's and Hugging Face TGI's
//! completions: the API decides by the request whether it streams, often `"stream": true`).

use super::bodies::accept_header;
use super::convert::Reader;
use super::media::media_of;
use super::{Answer, ExtraMethod, Media, MethodKind, Operation, Success};

impl Reader<'_, '_> {
    /// The `_stream` method of `operation`, when each of its success responses lists
    /// `text/event-stream` beside the media type its method reads: the same request asking for
    /// the stream (the API decides by the request whether it streams, often `"stream": true`).
    /// Takes the streams out of the operation's outcomes, made into a method or not.
    pub(super) fn event_stream_method(&mut self, operation: &mut Operation) -> Option<ExtraMethod> {
        let successes = || operation.responses.iter().filter(|o| o.status.is_success());
        let streams = successes().next().is_some()
            && successes().all(|outcome| outcome.event_stream.is_some())
            && !matches!(operation.success, Success::Enum(_));
        // The method's responses are copied only for an operation that has one.
        let responses = streams.then(|| operation.responses.clone());
        for outcome in &mut operation.responses {
            outcome.event_stream = None;
        }
        let mut responses = responses?;
        let name = format!("{}_stream", operation.method_name.bare());
        let name = self.methods.unique_name(crate::naming::snake_name(&name));
        for outcome in &mut responses {
            if let Some(events) = outcome.event_stream.take() {
                outcome.body = Some(events);
            }
        }
        let first = responses.iter().find(|o| o.status.is_success());
        let success = Success::Single(first.and_then(|o| o.body.clone()));
        // The stream first: a server that negotiates by the first type it can send streams.
        let others = accept_header(&responses).unwrap_or_default();
        let others = others
            .split(", ")
            .filter(|t| !t.is_empty() && media_of(t) != Some(Media::EventStream));
        let accept: Vec<&str> = ["text/event-stream"].into_iter().chain(others).collect();
        let mut doc = operation.doc.clone();
        doc.extend([
            String::new(),
            format!(
                " The response as server-sent events, as they arrive; [`Client::{}`] reads it whole.",
                operation.method_name.bare()
            ),
            " The request must ask for a stream as the API says (often `\"stream\": true`).".to_owned(),
        ]);
        let answer = Answer {
            accept: Some(accept.join(", ")),
            responses,
            success,
        };
        Some(ExtraMethod {
            name,
            doc,
            kind: MethodKind::EventStream(answer),
        })
    }
}
