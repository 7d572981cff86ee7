//! An operation's response dispatch: one `match` arm per documented status (codes, then ranges,
//! then `default`), each decoding its body into the success value or the error enum's variant.

use super::carries_status;
use crate::naming::ident;
use crate::operations::{Body, Media, MethodView, Operation, Outcome, Status, Success};
use crate::types::Ty;
use proc_macro2::TokenStream;
use quote::quote;

/// The expression that decodes the received body (with `?`, so it yields the value).
fn decode(body: &Body) -> TokenStream {
    let listed = listed(body);
    match (body.media, body.streamed) {
        (Media::Json | Media::Form, _) => quote!(response.json(#listed)?),
        (Media::Text, _) => quote!(response.text(#listed)?),
        (Media::EventStream, _) if body.ty == Ty::String => {
            quote!(response.text_event_stream(#listed)?)
        }
        (Media::EventStream, _) => quote!(response.event_stream(#listed)?),
        (Media::Bytes, true) => quote!(response.byte_stream(#listed)?),
        (Media::Bytes | Media::Multipart, _) => quote!(response.bytes(#listed)?),
    }
}

/// The statuses whose body the method streams, as `(low, high)` ranges for the runtime: those
/// of the success bodies read as they arrive.
pub(super) fn streamed_statuses(responses: &[Outcome]) -> Vec<TokenStream> {
    responses
        .iter()
        .filter(|o| o.body.as_ref().is_some_and(|body| body.streamed))
        .filter_map(|outcome| match outcome.status {
            Status::Code(code) => Some((code, code)),
            Status::Range(range) => Some((range * 100, range * 100 + 99)),
            Status::Default => None,
        })
        .map(|(low, high)| {
            let (low, high) = (
                proc_macro2::Literal::u16_unsuffixed(low),
                proc_macro2::Literal::u16_unsuffixed(high),
            );
            quote!((#low, #high))
        })
        .collect()
}

/// The media types the body is read from, as a slice literal.
fn listed(body: &Body) -> TokenStream {
    let types = &body.read_from;
    quote!(&[#(#types),*])
}

/// The pattern of `status`, as the pieces an or-pattern joins. A range leaves out the codes
/// `listed` on their own (their arms come first): `2XX` beside `200` is `201..=299`, so no two
/// arms overlap.
fn pattern(status: Status, listed: &[u16]) -> Vec<TokenStream> {
    match status {
        Status::Code(code) => {
            let code = proc_macro2::Literal::u16_unsuffixed(code);
            vec![quote!(#code)]
        }
        Status::Range(range) => {
            let mut pieces = Vec::new();
            let mut low = range * 100;
            let high = range * 100 + 99;
            let mut inside: Vec<u16> = listed
                .iter()
                .copied()
                .filter(|code| (low..=high).contains(code))
                .collect();
            inside.sort_unstable();
            inside.dedup();
            for code in inside.into_iter().chain([high + 1]) {
                if code > low {
                    let (from, to) = (u32::from(low), u32::from(code - 1));
                    let from_literal = proc_macro2::Literal::u32_unsuffixed(from);
                    let to_literal = proc_macro2::Literal::u32_unsuffixed(to);
                    pieces.push(match from == to {
                        true => quote!(#from_literal),
                        false => quote!(#from_literal..=#to_literal),
                    });
                }
                low = code + 1;
            }
            pieces
        }
        Status::Default => vec![quote!(_)],
    }
}

/// The arms of the method `view` of `operation`.
pub(super) fn response_arms(operation: &Operation, view: MethodView<'_>) -> Vec<TokenStream> {
    let mut arms = Vec::new();
    // Codes before ranges before `default`: the first matching arm wins.
    let mut ordered: Vec<&Outcome> = view.responses.iter().collect();
    ordered.sort_by_key(|outcome| match outcome.status {
        Status::Code(_) => 0,
        Status::Range(_) => 1,
        Status::Default => 2,
    });
    let has_success = view.responses.iter().any(|o| o.status.is_success());
    let codes: Vec<u16> = view
        .responses
        .iter()
        .filter_map(|o| match o.status {
            Status::Code(code) => Some(code),
            _ => None,
        })
        .collect();
    for outcome in &ordered {
        // A status whose media types are typed apart: the others' arms come first, each taken
        // when the response is of its types; the first's arm reads the rest.
        let same_status = |other: &&Outcome| other.status == outcome.status;
        let mut siblings = view.responses.iter().filter(same_status);
        if !siblings
            .next()
            .is_some_and(|first| std::ptr::eq(first, *outcome))
        {
            continue;
        }
        for alternative in siblings {
            let (binding, value) = outcome_arm(operation, view, alternative, &codes);
            // Its types against those of every other body of the status: the closest wins.
            let others = (view.responses.iter())
                .filter(|other| {
                    other.status == outcome.status && !std::ptr::eq(*other, alternative)
                })
                .filter_map(|other| other.body.as_ref())
                .flat_map(|body| body.read_from.iter());
            let others: Vec<&String> = others.collect();
            let types = alternative.body.as_ref().map(listed).unwrap_or_default();
            arms.push(quote!(#binding if response.is_media(#types, &[#(#others),*]) => #value,));
        }
        if outcome.status == Status::Default && !has_success {
            // With no 2xx listed, `default` also describes the successful response.
            let value = ok_json(outcome)
                .unwrap_or_else(|| finish(outcome.body.as_ref().map(decode), outcome, quote!(ok)));
            arms.push(quote!(200..=299 => #value,));
        }
        let (binding, value) = outcome_arm(operation, view, outcome, &codes);
        arms.push(quote!(#binding => #value,));
    }
    if !view.responses.iter().any(|o| o.status == Status::Default) {
        arms.push(quote!(_ => response.undocumented(),));
    }
    arms
}

/// The pattern and the value of the arm of `outcome` (`listed`: the codes listed on their own).
fn outcome_arm(
    operation: &Operation,
    view: MethodView<'_>,
    outcome: &Outcome,
    listed: &[u16],
) -> (TokenStream, TokenStream) {
    let pieces = pattern(outcome.status, listed);
    let status_pattern = quote!(#(#pieces)|*);
    let (arm, outcome_enum) = if outcome.status.is_success() {
        let in_enum = matches!(view.success, Success::Enum(_));
        (success_arm(view.success, outcome), in_enum)
    } else {
        let in_enum = operation.error_enum.is_some();
        (error_arm(operation, outcome), in_enum)
    };
    // The status is bound only where the arm's value carries it: an unused binding is a
    // warning in the user's build.
    let binding = match outcome.status {
        _ if !(outcome_enum && carries_status(outcome.status)) => status_pattern,
        // Parenthesised when it has pieces, so that `status @ (…)` binds every one.
        Status::Range(_) if pieces.len() > 1 => quote!(status @ (#status_pattern)),
        Status::Range(_) => quote!(status @ #status_pattern),
        _ => quote!(status),
    };
    (binding, arm)
}

fn success_arm(success: &Success, outcome: &Outcome) -> TokenStream {
    let value = match success {
        Success::Single(_) => match ok_json(outcome) {
            Some(arm) => return arm,
            None => outcome.body.as_ref().map(decode),
        },
        Success::Enum(name) => Some(outcome_value(name, outcome)),
    };
    finish(value, outcome, quote!(ok))
}

fn error_arm(operation: &Operation, outcome: &Outcome) -> TokenStream {
    let Some(name) = &operation.error_enum else {
        return quote!(response.undocumented());
    };
    if let Some(arm) = api_error_json(&name.name, outcome) {
        return arm;
    }
    let value = outcome_value(&name.name, outcome);
    finish(Some(value), outcome, quote!(api_error))
}

/// A JSON body read whole (not streamed): the common case, which the runtime's `ok_json` and
/// `api_error_json` write as one call each, with no `?` of the arm's own.
fn json_read_whole(outcome: &Outcome) -> Option<&Body> {
    outcome
        .body
        .as_ref()
        .filter(|body| matches!(body.media, Media::Json | Media::Form) && !body.streamed)
}

/// `response.ok_json(…)` for a success whose body is the operation's JSON value.
fn ok_json(outcome: &Outcome) -> Option<TokenStream> {
    let listed = listed(json_read_whole(outcome)?);
    let declared = &outcome.headers;
    Some(quote!(response.ok_json(#listed, &[#(#declared),*])))
}

/// `response.api_error_json(Enum::Variant, …)` for an error variant holding only its boxed
/// JSON body.
fn api_error_json(enum_name: &str, outcome: &Outcome) -> Option<TokenStream> {
    let body = json_read_whole(outcome).filter(|body| body.boxed)?;
    if carries_status(outcome.status) {
        return None;
    }
    let (enum_ident, variant) = (ident(enum_name), ident(&outcome.variant));
    let listed = listed(body);
    let declared = &outcome.headers;
    Some(quote!(response.api_error_json(#enum_ident::#variant, #listed, &[#(#declared),*])))
}

/// `response.ok(value, &[declared headers])` (or `api_error`). A value decoded from the body is
/// computed first, as `ok` takes the response. No value is `()`.
fn finish(value: Option<TokenStream>, outcome: &Outcome, method: TokenStream) -> TokenStream {
    let declared = &outcome.headers;
    let declared = quote!(&[#(#declared),*]);
    match value {
        Some(value) if outcome.body.is_some() => quote!({
            let value = #value;
            response.#method(value, #declared)
        }),
        Some(value) => quote!(response.#method(#value, #declared)),
        None => quote!(response.#method((), #declared)),
    }
}

/// `Enum::Variant`, with the decoded body and the status where the variant carries them.
fn outcome_value(enum_name: &str, outcome: &Outcome) -> TokenStream {
    let enum_ident = ident(enum_name);
    let variant = ident(&outcome.variant);
    let body = outcome
        .body
        .as_ref()
        .map(|body| match (body.boxed, body.media) {
            (true, Media::Json | Media::Form) => {
                let listed = listed(body);
                quote!(response.json_boxed(#listed)?)
            }
            (true, _) => {
                let value = decode(body);
                quote!(Box::new(#value))
            }
            (false, _) => decode(body),
        });
    match (carries_status(outcome.status), body) {
        (false, None) => quote!(#enum_ident::#variant),
        (false, Some(body)) => quote!(#enum_ident::#variant(#body)),
        (true, None) => quote!(#enum_ident::#variant { status }),
        (true, Some(body)) => quote!(#enum_ident::#variant { status, body: #body }),
    }
}
