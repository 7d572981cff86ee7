//! Pagination read from an operation's shape, only where the shape leaves no doubt: a GET whose
//! success body holds one array of items, with a request parameter and a response field (or
//! header) that name the same convention, of the types it needs, and a signal that ends it.
//!
//! The conventions, each as the APIs that use it spell it (names compared without case, `_`,
//! `-`, `@` and `.`):
//! - a `Link` response header (RFC 8288; GitHub): the next URL is its `rel="next"`;
//! - a cursor: `pageToken` → `nextPageToken` (Google), `cursor` → `next_cursor` (Slack's
//!   `response_metadata.next_cursor`), `page_token` → `next_page` (Dropshot), `marker` →
//!   `next_marker`, `NextToken` → `NextToken` (AWS), all text;
//! - Stripe's `starting_after` with `has_more` and items that have an `id`: the cursor is the
//!   last item's `id`;
//! - a next URL in the body: `nextLink`, `@odata.nextLink`, `next_url`, `next_page_url`, or
//!   `next` beside `previous` (Django REST framework), text;
//! - a page number `page`, where the spec says whether the numbers start at 0 or 1, with the
//!   number of pages (`total_pages`, `page_count`, `last_page`) or `has_more`; or with the next
//!   page's number in the body (`next_page`), which is a cursor;
//! - an offset `offset` with the number of items in all (`total`, `total_count`) or `has_more`.
//!
//! Anything else, such as a cursor parameter with no field giving the next one, or a field of
//! the right name but another type, gives nothing: a wrong walk is worse than none.

use super::resolve::{fields, first_page, follow, leaf};
use super::roles::Paging;
use super::Leaf;
use crate::operations::{Location, Media, Operation, Success};
use crate::types::{Ty, TypeTable};

/// Cursor parameters, the fields that give their next value, and what that value is.
const CURSORS: &[(&str, &[&str], &[Leaf])] = &[
    ("pagetoken", &["nextpagetoken"], TEXT),
    ("cursor", &["nextcursor"], TEXT),
    ("pagetoken", &["nextpage"], TEXT),
    ("marker", &["nextmarker"], TEXT),
    ("nexttoken", &["nexttoken"], TEXT),
    ("continuationtoken", &["nextcontinuationtoken"], TEXT),
    // A page number the page gives (`meta.next_page`, `null` on the last).
    ("page", &["nextpage"], INTEGER),
];
const TEXT: &[Leaf] = &[Leaf::Text];
const INTEGER: &[Leaf] = &[Leaf::Integer, Leaf::Unsigned];
/// Body fields holding the next page's URL.
const NEXT_URLS: &[&str] = &["nextlink", "odatanextlink", "nexturl", "nextpageurl"];
/// Fields saying more pages follow.
const MORE: &[&str] = &["hasmore", "hasnextpage", "hasnext"];
/// Fields giving the number of pages.
const PAGES: &[&str] = &["totalpages", "pagecount", "lastpage", "numpages"];
/// Fields giving the number of items in all.
const TOTALS: &[&str] = &["total", "totalcount", "totalitems", "totalresults"];
/// Parameters setting a page's size.
const SIZES: &[&str] = &["limit", "perpage", "pagesize", "size"];
/// The objects of a body that hold its paging fields (`meta.next_cursor`).
const HOLDERS: &[&str] = &[
    "meta",
    "pagination",
    "paging",
    "pageinfo",
    "responsemetadata",
    "links",
    "metadata",
];

/// The pagination the operation's shape makes certain, if any.
pub(super) fn paging(
    api: &openapiv3::OpenAPI,
    operation: &Operation,
    types: &TypeTable,
) -> Option<Paging> {
    if operation.http_method != "GET" {
        return None;
    }
    let page = match &operation.success {
        Success::Single(Some(body)) if body.media == Media::Json && !body.streamed => &body.ty,
        _ => return None,
    };
    let items = items_field(types, page)?;
    let query = |names: &[&str], number: bool| query_param(operation, types, names, number);
    let field = |names: &[&str], leaves: &[Leaf]| find_field(types, page, names, leaves);
    let declares_link = (operation.responses.iter())
        .any(|o| o.status.is_success() && o.headers.iter().any(|h| h == "link"));
    if declares_link {
        return Some(Paging::link_header());
    }
    for (param, next, leaves) in CURSORS {
        if let (Some(param), Some(next)) = (query(&[param], false), field(next, leaves)) {
            return Some(Paging::cursor(&param, &next.join(".")));
        }
    }
    if let Some(paging) = stripe(operation, types, page, &items) {
        return Some(paging);
    }
    let previous = field(&["previous", "prev"], &[Leaf::Text]).is_some();
    let next = field(NEXT_URLS, &[Leaf::Text])
        .or_else(|| previous.then(|| field(&["next"], &[Leaf::Text])).flatten());
    if let Some(next) = next {
        return Some(Paging::next_url(&next.join(".")));
    }
    let more = field(MORE, &[Leaf::Bool]);
    let counted = |paging: Paging, total: Option<Vec<String>>| {
        let size = query(SIZES, true);
        let paging = match (total, &more) {
            (Some(total), _) => paging.total(&total.join(".")),
            (None, Some(more)) => paging.has_more(&more.join(".")),
            (None, None) => return None,
        };
        Some(match size {
            Some(size) => paging.page_size(&size),
            None => paging,
        })
    };
    // Only when the spec says where the page numbers start: the first request names none, and
    // the second must ask for the page after the one the server gave.
    let page = query(&["page"], true).filter(|page| first_page(api, operation, page).is_some());
    if let Some(param) = page {
        return counted(Paging::page_number(&param), field(PAGES, INTEGER));
    }
    if let Some(param) = query(&["offset"], true) {
        return counted(Paging::offset(&param), field(TOTALS, INTEGER));
    }
    None
}

/// Stripe's lists: `?starting_after=` set from the last item's `id`, while `has_more`.
fn stripe(operation: &Operation, types: &TypeTable, page: &Ty, items: &[String]) -> Option<Paging> {
    let param = query_param(operation, types, &["startingafter"], false)?;
    let more = find_field(types, page, &["hasmore"], &[Leaf::Bool])?;
    let (_, list) = super::resolve::access(types, page, items).ok()?;
    let Ty::Vec(item) = follow(types, &list) else {
        return None;
    };
    let id = fields(types, item)?
        .iter()
        .find(|f| f.wire == "id" && f.required)?;
    leaf(types, &id.ty).filter(|leaf| *leaf == Leaf::Text)?;
    Some(Paging::cursor_from_last_item(&param, "id").has_more(&more.join(".")))
}

/// The path of the body's one array: none when the body is the array.
fn items_field(types: &TypeTable, page: &Ty) -> Option<Vec<String>> {
    if matches!(follow(types, page), Ty::Vec(_)) {
        return Some(Vec::new());
    }
    let mut arrays = fields(types, page)?
        .iter()
        .filter(|field| !field.additional && matches!(follow(types, &field.ty), Ty::Vec(_)));
    let one = arrays.next()?;
    arrays.next().is_none().then(|| vec![one.wire.clone()])
}

/// The wire name of the operation's query parameter with one of `names`, of a type a position
/// can be (a number when `number`).
fn query_param(
    operation: &Operation,
    types: &TypeTable,
    names: &[&str],
    number: bool,
) -> Option<String> {
    let param = (operation.params.iter())
        .filter(|p| p.location == Location::Query)
        .find(|p| names.contains(&normalized(&p.wire).as_str()))?;
    let fits = match follow(types, &param.ty) {
        Ty::I32 | Ty::I64 | Ty::U64 => true,
        Ty::String => !number,
        _ => false,
    };
    fits.then(|| param.wire.clone())
}

/// The one field of the body, or of an object of it that holds paging fields, named one of
/// `names` and holding one of `leaves`; `None` when there is none or more than one.
fn find_field(
    types: &TypeTable,
    page: &Ty,
    names: &[&str],
    leaves: &[Leaf],
) -> Option<Vec<String>> {
    let matching = |ty: &Ty| -> Vec<String> {
        fields(types, ty)
            .into_iter()
            .flatten()
            .filter(|f| !f.additional && names.contains(&normalized(&f.wire).as_str()))
            .filter(|f| leaf(types, &f.ty).is_some_and(|leaf| leaves.contains(&leaf)))
            .map(|f| f.wire.clone())
            .collect()
    };
    let mut found: Vec<Vec<String>> = matching(page).into_iter().map(|wire| vec![wire]).collect();
    for holder in fields(types, page).into_iter().flatten() {
        if HOLDERS.contains(&normalized(&holder.wire).as_str()) {
            let inner = matching(&holder.ty).into_iter();
            found.extend(inner.map(|wire| vec![holder.wire.clone(), wire]));
        }
    }
    match found.len() {
        1 => found.pop(),
        _ => None,
    }
}

/// A name without case, `_`, `-`, `@` and `.`, as the conventions are compared.
fn normalized(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, '_' | '-' | '@' | '.'))
        .flat_map(char::to_lowercase)
        .collect()
}
