//! A [`Pagination`] → the `Paging` a `_pages` method gives the runtime: where the next position
//! goes, and the closures that read a page (its next cursor or URL, its items, how many, whether
//! more follow), each a field path written as the Rust types wrap its fields.

use super::Context;
use crate::operations::pagination::{
    Access, CursorFrom, Leaf, Pagination, Scheme, Step, Target, Wrap,
};
use proc_macro2::TokenStream;
use quote::quote;

/// The `Paging` literal of `pagination`, whose pages are `page` (the success body's type).
pub(super) fn paging(pagination: &Pagination, page: &TokenStream, cx: &Context<'_>) -> TokenStream {
    let runtime = cx.runtime;
    let next = next(&pagination.scheme, &pagination.items, page, cx);
    let (items, count) = match pagination.items.steps.is_empty() {
        true => (quote!(::std::convert::identity), quote!(Vec::len)),
        false => {
            let (items, optional) = moved(quote!(page), &pagination.items.steps);
            let items = match optional {
                true => quote!(#items.unwrap_or_default()),
                false => items,
            };
            let (list, optional) = place(quote!(page), &pagination.items.steps);
            let count = match optional {
                true => quote!(#list.map_or(0, Vec::len)),
                false => quote!(#list.len()),
            };
            (quote!(|page: #page| #items), quote!(|page: &#page| #count))
        }
    };
    let more = match &pagination.more {
        Some(more) => {
            let more = value(quote!(page), more);
            quote!(Some(|page: &#page| #more))
        }
        None => quote!(None),
    };
    quote! {
        #runtime::Paging { next: #next, items: #items, count: #count, more: #more }
    }
}

fn next(scheme: &Scheme, items: &Access, page: &TokenStream, cx: &Context<'_>) -> TokenStream {
    let runtime = cx.runtime;
    let counted = |access: &Option<Access>| match access {
        Some(access) => {
            let value = value(quote!(page), access);
            quote!(Some(|page: &#page| #value))
        }
        None => quote!(None),
    };
    match scheme {
        Scheme::Cursor { to, from } => {
            let to = place_of(to, cx);
            let from = match from {
                CursorFrom::Field(field) => value(quote!(page), field),
                CursorFrom::LastItem(field) => {
                    let (list, optional) = place(quote!(page), &items.steps);
                    let last = match optional {
                        true => quote!(#list.and_then(|items| items.last())),
                        false => quote!(#list.last()),
                    };
                    match read(quote!(item), field) {
                        Read::Always(of_item) => quote!(#last.map(|item| #of_item)),
                        Read::Maybe(of_item) => quote!(#last.and_then(|item| #of_item)),
                    }
                }
            };
            quote!(#runtime::Next::Cursor { to: #to, from: |page: &#page| #from })
        }
        Scheme::NextUrl(field) => {
            let url = value(quote!(page), field);
            quote!(#runtime::Next::Url { from: |page: &#page| #url })
        }
        Scheme::LinkHeader => quote!(#runtime::Next::LinkHeader),
        Scheme::Number { to, first, last } => {
            let (to, last) = (place_of(to, cx), counted(last));
            quote!(#runtime::Next::Number { to: #to, first: #first, last: #last })
        }
        Scheme::Offset { to, total } => {
            let (to, total) = (place_of(to, cx), counted(total));
            quote!(#runtime::Next::Offset { to: #to, total: #total })
        }
    }
}

fn place_of(target: &Target, cx: &Context<'_>) -> TokenStream {
    let runtime = cx.runtime;
    match target {
        Target::Query(name) => quote!(#runtime::Place::Query(#name)),
        Target::Body(pointer) => quote!(#runtime::Place::Body(#pointer)),
    }
}

/// The value `access` reaches from `root`, as the runtime reads it: `Option<String>` for a
/// cursor or URL, `Option<u64>` for a count, `Option<bool>` for a flag.
fn value(root: TokenStream, access: &Access) -> TokenStream {
    match read(root, access) {
        Read::Always(value) => quote!(Some(#value)),
        Read::Maybe(value) => value,
    }
}

/// A value read from a page: always there, or an `Option`.
enum Read {
    Always(TokenStream),
    Maybe(TokenStream),
}

/// The value `access` reaches from `root`, as [`value`] gives it, before it is an `Option`.
fn read(root: TokenStream, access: &Access) -> Read {
    // One optional field after plain ones is read from its `Option` itself.
    if let Some((last, plain)) = access.steps.split_last() {
        if last.wrap == Wrap::Option && plain.iter().all(|step| step.wrap == Wrap::Plain) {
            let (at, _) = place(root.clone(), plain);
            let field = last.field.ident();
            let at = quote!(#at.#field);
            return match access.leaf {
                Leaf::Text => Read::Maybe(quote!(#at.clone())),
                Leaf::Integer | Leaf::Unsigned if access.as_text => {
                    Read::Maybe(quote!(#at.map(|value| value.to_string())))
                }
                Leaf::Integer => {
                    Read::Maybe(quote!(#at.and_then(|value| u64::try_from(value).ok())))
                }
                Leaf::Unsigned | Leaf::Bool => Read::Maybe(at),
                Leaf::List => Read::Maybe(quote!(None)),
            };
        }
    }
    let (at, optional) = place(root, &access.steps);
    match (access.leaf, optional) {
        // A cursor of integers is sent as its digits.
        (Leaf::Integer | Leaf::Unsigned, false) if access.as_text => {
            Read::Always(quote!(#at.to_string()))
        }
        (Leaf::Integer | Leaf::Unsigned, true) if access.as_text => {
            Read::Maybe(quote!(#at.map(ToString::to_string)))
        }
        (Leaf::Text, false) => Read::Always(quote!(#at.clone())),
        (Leaf::Text, true) => Read::Maybe(quote!(#at.cloned())),
        (Leaf::Integer, false) => Read::Maybe(quote!(u64::try_from(#at).ok())),
        (Leaf::Integer, true) => {
            Read::Maybe(quote!(#at.and_then(|value| u64::try_from(*value).ok())))
        }
        (Leaf::Unsigned | Leaf::Bool, false) => Read::Always(at),
        (Leaf::Unsigned | Leaf::Bool, true) => Read::Maybe(quote!(#at.copied())),
        (Leaf::List, _) => Read::Maybe(quote!(None)),
    }
}

/// The place `steps` reach from `root` (a borrowed value): `root.a.b` while every field is
/// plain, then an `Option<&_>` (the flag says which).
fn place(root: TokenStream, steps: &[Step]) -> (TokenStream, bool) {
    let mut expr = root;
    let mut optional = false;
    for step in steps {
        let field = step.field.ident();
        expr = match (optional, step.wrap) {
            (false, Wrap::Plain) => quote!(#expr.#field),
            (false, Wrap::Option) => quote!(#expr.#field.as_ref()),
            (false, Wrap::Twice) => quote!(#expr.#field.as_ref().and_then(Option::as_ref)),
            (true, Wrap::Plain) => quote!(#expr.map(|value| &value.#field)),
            (true, Wrap::Option) => quote!(#expr.and_then(|value| value.#field.as_ref())),
            (true, Wrap::Twice) => {
                quote!(#expr.and_then(|value| value.#field.as_ref()).and_then(Option::as_ref))
            }
        };
        optional |= step.wrap != Wrap::Plain;
    }
    (expr, optional)
}

/// The value `steps` reach from `root` (owned), moved out: `root.a.b`, or an `Option<_>` once a
/// field is optional (the flag says which).
fn moved(root: TokenStream, steps: &[Step]) -> (TokenStream, bool) {
    let mut expr = root;
    let mut optional = false;
    for step in steps {
        let field = step.field.ident();
        expr = match (optional, step.wrap) {
            (false, Wrap::Plain | Wrap::Option) => quote!(#expr.#field),
            (false, Wrap::Twice) => quote!(#expr.#field.flatten()),
            (true, Wrap::Plain) => quote!(#expr.map(|value| value.#field)),
            (true, Wrap::Option) => quote!(#expr.and_then(|value| value.#field)),
            (true, Wrap::Twice) => quote!(#expr.and_then(|value| value.#field.flatten())),
        };
        optional |= step.wrap != Wrap::Plain;
    }
    (expr, optional)
}
