//! `event_stream`: the `_stream` method of an operation whose successes list
//! `text/event-stream` beside the media type its own method reads.

use super::{operation, spec};
use crate::module::analyse;
use crate::operations::{Media, MethodKind, Success};

const COMPLETIONS: &str = "
paths:
  /completions:
    post:
      operationId: createCompletion
      responses:
        '200':
          description: ok
          content:
            application/json: {schema: {type: object, properties: {text: {type: string}}}}
            text/event-stream: {schema: {type: object, properties: {delta: {type: string}}}}
        '400': {description: bad, content: {application/json: {schema: {type: string}}}}
";

#[test]
fn a_success_that_also_streams_gives_a_stream_method_asking_for_the_events_first() {
    let module = analyse(&spec(COMPLETIONS));
    let own = operation(&module, "create_completion");
    assert_eq!(own.accept.as_deref(), Some("application/json"));
    // The operation's own responses no longer hold the stream: the method does.
    assert!(own.responses.iter().all(|o| o.event_stream.is_none()));
    let [stream] = own.extra_methods.as_slice() else {
        panic!("one extra method: {:?}", own.extra_methods)
    };
    assert_eq!(stream.name.bare(), "create_completion_stream");
    let MethodKind::EventStream(answer) = &stream.kind else {
        panic!("an event-stream method: {:?}", stream.kind)
    };
    assert_eq!(
        answer.accept.as_deref(),
        Some("text/event-stream, application/json")
    );
    let Success::Single(Some(body)) = &answer.success else {
        panic!("one success body: {:?}", answer.success)
    };
    assert_eq!((body.media, body.streamed), (Media::EventStream, true));
    // Errors are read as the operation's own method reads them.
    let error = answer.responses.iter().find(|o| !o.status.is_success());
    let error = error.and_then(|o| o.body.as_ref()).map(|b| b.media);
    assert_eq!(error, Some(Media::Json));
    assert_eq!(own.methods().count(), 2);
}

/// A `_stream` method is named after every operation the spec declares: it never takes the
/// name of one (which would rename the user's method by where it stands in the file).
#[test]
fn a_stream_method_never_takes_a_declared_operations_name() {
    let declared = "  /completions/stream:\n    get:\n      operationId: createCompletionStream\n      responses: {'204': {description: ok}}\n";
    let module = analyse(&spec(&format!("{COMPLETIONS}{declared}")));
    let declared = operation(&module, "create_completion_stream");
    assert_eq!(declared.http_method, "GET");
    let own = operation(&module, "create_completion");
    let names: Vec<&str> = own.extra_methods.iter().map(|m| m.name.bare()).collect();
    assert_eq!(names, ["create_completion_stream2"]);
}

#[test]
fn no_stream_method_when_a_success_does_not_stream() {
    let module = analyse(&spec(
        "
paths:
  /items:
    post:
      operationId: createItem
      responses:
        '200':
          description: ok
          content:
            application/json: {schema: {type: string}}
            text/event-stream: {schema: {type: string}}
        '201': {description: created, content: {application/json: {schema: {type: string}}}}
",
    ));
    let own = operation(&module, "create_item");
    assert!(own.extra_methods.is_empty());
    // Nor is a stream left behind for the runtime's event-stream part to be asked for.
    assert!(own.responses.iter().all(|o| o.event_stream.is_none()));
}
