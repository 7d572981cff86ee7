//! The vendor extensions that say how an operation pages, read into a [`Paging`]:
//! `x-ms-pageable` (AutoRest), `x-speakeasy-pagination`, `x-fern-pagination` and
//! `x-dropshot-pagination` (Oxide's Dropshot servers, whose shape is fixed).

use super::roles::Paging;
use crate::operations::Operation;
use crate::read::keys;
use serde_json::Value;

/// What reads one extension's value.
type Reader = fn(&Value) -> Option<Paging>;

/// What the operation's pagination extensions say.
pub(super) enum Found {
    /// None of them is there.
    Nothing,
    /// This one says how it pages.
    Paging(Paging, &'static str),
    /// This one says there is one page only (`x-ms-pageable` with a `null` `nextLinkName`).
    OnePage,
    /// This one is there but cannot be read (a JSONPath with an index, an unknown `type`).
    Unreadable(&'static str),
}

/// The pagination an extension of the operation gives, and the extension's key.
pub(super) fn paging(api: &openapiv3::OpenAPI, operation: &Operation) -> Found {
    let Some((_, spec)) = super::spec_node(api, operation) else {
        return Found::Nothing;
    };
    let readers: [(&'static str, Reader); 4] = [
        (keys::MS_PAGEABLE, ms_pageable),
        (keys::SPEAKEASY_PAGINATION, speakeasy),
        (keys::FERN_PAGINATION, fern),
        (keys::DROPSHOT_PAGINATION, dropshot),
    ];
    for (key, read) in readers {
        let Some(value) = spec.extensions.get(key) else {
            continue;
        };
        return match read(value) {
            Some(paging) => Found::Paging(paging, key),
            None if key == keys::MS_PAGEABLE && value.get("nextLinkName") == Some(&Value::Null) => {
                Found::OnePage
            }
            None => Found::Unreadable(key),
        };
    }
    Found::Nothing
}

/// AutoRest's `{nextLinkName, itemName}`: the next URL in a body field, the items in `itemName`
/// (`value` when absent); a `null` `nextLinkName` is one page only.
fn ms_pageable(value: &Value) -> Option<Paging> {
    let next = value.get("nextLinkName")?.as_str()?;
    let items = value
        .get("itemName")
        .and_then(Value::as_str)
        .unwrap_or("value");
    Some(Paging::next_url(next).items(items))
}

/// Speakeasy's `{type, inputs: [{name, in, type}], outputs: {results, nextCursor, numPages,
/// nextUrl}}`, outputs as JSONPath (`$.data`).
fn speakeasy(value: &Value) -> Option<Paging> {
    let input = |role: &str| {
        let inputs = value.get("inputs")?.as_array()?;
        let found = inputs
            .iter()
            .find(|input| input.get("type").and_then(Value::as_str) == Some(role));
        found?.get("name")?.as_str()
    };
    let output = |name: &str| value.get("outputs")?.get(name)?.as_str();
    let paging = match value.get("type")?.as_str()? {
        "cursor" => Paging::cursor(input("cursor")?, json_path(output("nextCursor")?)?),
        "url" => Paging::next_url(json_path(output("nextUrl")?)?),
        "offsetLimit" => {
            let paging = match (input("page"), input("offset")) {
                (Some(page), _) => Paging::page_number(page),
                (None, Some(offset)) => Paging::offset(offset),
                (None, None) => return None,
            };
            match output("numPages").and_then(json_path) {
                Some(pages) => paging.total(pages),
                None => paging,
            }
        }
        _ => return None,
    };
    match output("results") {
        Some(results) => Some(paging.items(json_path(results)?)),
        None => Some(paging),
    }
}

/// Fern's `{cursor: $request.x, next_cursor: $response.y, results}`, `{next_uri, results}` or
/// `{offset, results, step, has_next_page}` (an offset without `step` moves by one: a page number).
fn fern(value: &Value) -> Option<Paging> {
    let get = |name: &str| value.get(name).and_then(Value::as_str);
    let request = |name: &str| get(name)?.strip_prefix("$request.");
    let response = |name: &str| get(name)?.strip_prefix("$response.");
    let paging = if let Some(cursor) = request("cursor") {
        Paging::cursor(cursor, response("next_cursor")?)
    } else if let Some(next) = response("next_uri") {
        Paging::next_url(next)
    } else if let Some(offset) = request("offset") {
        match request("step") {
            Some(_) => Paging::offset(offset),
            None => Paging::page_number(offset),
        }
    } else {
        return None;
    };
    let paging = match response("results") {
        Some(results) => paging.items(results),
        None => paging,
    };
    Some(match response("has_next_page") {
        Some(more) => paging.has_more(more),
        None => paging,
    })
}

/// Dropshot's one shape: `?page_token=` from the body's `next_page`, the items in `items`.
fn dropshot(_: &Value) -> Option<Paging> {
    Some(Paging::cursor("page_token", "next_page").items("items"))
}

/// A JSONPath of plain member names (`$.meta.next`, `$`) as a field path; `None` for filters,
/// indexes and wildcards.
fn json_path(path: &str) -> Option<&str> {
    let plain = !path.contains(['[', '*', '?', '(']);
    plain.then_some(path)
}
