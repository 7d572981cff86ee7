//! Pagination read from an operation's shape, only where the shape leaves no doubt: a GET whose
//! success body holds one array of items (`resolve::the_array`), with a convention that APIs
//! use, of the types it needs, and a signal that ends it.
//!
//! The conventions, each as the APIs that use it spell it (names compared without case, `_`,
//! `-`, `@` and `.`; fields also under `meta`, `pagination`, `links.pages`, ...):
//! - a `Link` response header (RFC 8288; GitHub, Harbor): the next URL is its `rel="next"`;
//! - a cursor parameter and the field giving the next one: `pageToken` → `nextPageToken`
//!   (Google), `cursor` → `next_cursor` (Slack's `response_metadata.next_cursor`), `page_token`
//!   → `next_page` (Dropshot), `marker` → `next_marker`, `NextToken` → `NextToken` (AWS),
//!   `after` → `last_id` (OpenAI) or `pageInfo.endCursor` (Relay), all text; `page` → an
//!   integer `next_page` (Lago);
//! - Stripe's `starting_after` (Resend's `after`) with `has_more` and items that have an `id`:
//!   the cursor is the last item's `id`;
//! - a next URL in the body: `nextLink`, `@odata.nextLink`, `next_url`, `next_page_url`,
//!   `next_page_uri` (Twilio), or `next` beside `previous` (Django REST framework, Bitbucket,
//!   DigitalOcean's `links.pages`) when the request has a paging parameter;
//! - a page number `page`, where the spec says whether the numbers start at 0 or 1, with the
//!   number of pages (`total_pages`, `page_count`, `pages`) or `has_more`;
//! - an offset `offset` (Jira's `startAt`) with the number of items in all (`total`) or
//!   `has_more`.
//!
//! A `has_more` of the page ends any of them. A page number or offset of one resource
//! (`/orders/{id}`) is taken for something else.
//!
//! Anything else, such as a cursor parameter with no field giving the next one, or a field of
//! the right name but another type, gives nothing: a wrong walk is worse than none.

use super::resolve::{fields, first_page, follow, leaf, the_array};
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
    // Relay's `pageInfo.endCursor`, OpenAI's `last_id`.
    ("after", &["endcursor", "lastid"], TEXT),
    // A page number the page gives (`meta.next_page`, `null` on the last).
    ("page", &["nextpage"], INTEGER),
];
const TEXT: &[Leaf] = &[Leaf::Text];
const INTEGER: &[Leaf] = &[Leaf::Integer, Leaf::Unsigned];
/// Body fields holding the next page's URL.
const NEXT_URLS: &[&str] = &[
    "nextlink",
    "odatanextlink",
    "nexturl",
    "nextpageurl",
    "nextpageuri",
];
/// Fields saying more pages follow.
const MORE: &[&str] = &["hasmore", "hasnextpage", "hasnext"];
/// Fields giving the number of pages.
const PAGES: &[&str] = &["totalpages", "pagecount", "lastpage", "numpages", "pages"];
/// Fields giving the number of items in all.
const TOTALS: &[&str] = &["total", "totalcount", "totalitems", "totalresults"];
/// Query parameters that say a list is paged (`next` beside `previous` needs one of them).
const PAGE_PARAMS: &[&str] = &[
    "page",
    "perpage",
    "pagesize",
    "pagelen",
    "limit",
    "offset",
    "cursor",
    "startat",
    "maxresults",
    "size",
    "pagenumber",
];
/// Integer fields of a page that count its items or pages (DRF's `count`, Bitbucket's `pagelen`).
const PAGE_COUNTS: &[&str] = &[
    "count",
    "total",
    "totalcount",
    "size",
    "page",
    "pagelen",
    "pagesize",
    "limit",
    "offset",
];
/// The objects of a body that hold its paging fields (`meta.next_cursor`, DigitalOcean's
/// `links.pages.next`).
const HOLDERS: &[&str] = &[
    "meta",
    "pagination",
    "paging",
    "pageinfo",
    "responsemetadata",
    "links",
    "metadata",
    "pages",
];

/// The pagination the operation's shape makes certain, if any, with its `has_more` when the
/// page has one.
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
    let (items, _) = the_array(types, page).ok()?;
    let items: Vec<String> = items.into_iter().map(|step| step.wire).collect();
    let more = find_field(types, page, MORE, &[Leaf::Bool]);
    let paging = by_position(operation, types, page, &items)
        .or_else(|| by_count(api, operation, types, page, more.is_some()))?;
    Some(match (more, paging.more.is_some()) {
        (Some(more), false) => paging.has_more(&more.join(".")),
        _ => paging,
    })
}

/// A walk by a position the page names: a `Link` header, a cursor, the last item's `id`, a next
/// URL.
fn by_position(
    operation: &Operation,
    types: &TypeTable,
    page: &Ty,
    items: &[String],
) -> Option<Paging> {
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
    if let Some(paging) = last_item(operation, types, page, items) {
        return Some(paging);
    }
    if let Some(next) = field(NEXT_URLS, TEXT) {
        return Some(Paging::next_url(&next.join(".")));
    }
    // `next` beside `previous` (Django REST framework, Bitbucket, Spotify) in a list the request
    // pages, or whose body counts: a chapter's `next` and `previous` are other chapters.
    let counts = !fields_named(types, page, PAGE_COUNTS, INTEGER).is_empty();
    let paged = counts || query(PAGE_PARAMS, false).is_some() || query(PAGE_PARAMS, true).is_some();
    let previous = field(&["previous", "prev"], TEXT).is_some();
    let next = (paged && previous)
        .then(|| field(&["next"], TEXT))
        .flatten()?;
    Some(Paging::next_url(&next.join(".")))
}

/// A walk by page numbers or offsets, with a total or `has_more` to end it; not for an
/// operation on one resource (`/orders/{id}`), whose `page` or `offset` means something else.
fn by_count(
    api: &openapiv3::OpenAPI,
    operation: &Operation,
    types: &TypeTable,
    page: &Ty,
    more: bool,
) -> Option<Paging> {
    if matches!(
        operation.path.last(),
        Some(crate::operations::PathPart::Param(_))
    ) {
        return None;
    }
    let query = |names: &[&str]| query_param(operation, types, names, true);
    let counted = |paging: Paging, total: Option<Vec<String>>| match total {
        Some(total) => Some(paging.total(&total.join("."))),
        None => more.then_some(paging),
    };
    // Only when the spec says where the page numbers start: the first request names none, and
    // the second must ask for the page after the one the server gave.
    let number = query(&["page"]).filter(|param| first_page(api, operation, param).is_some());
    if let Some(param) = number {
        return counted(
            Paging::page_number(&param),
            find_field(types, page, PAGES, INTEGER),
        );
    }
    let param = query(&["offset", "startat"])?;
    counted(
        Paging::offset(&param),
        find_field(types, page, TOTALS, INTEGER),
    )
}

/// Stripe's lists (and Resend's): `?starting_after=` (`?after=`) set from the last item's `id`,
/// while `has_more`.
fn last_item(
    operation: &Operation,
    types: &TypeTable,
    page: &Ty,
    items: &[String],
) -> Option<Paging> {
    let param = query_param(operation, types, &["startingafter", "after"], false)?;
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
    let mut found = fields_named(types, page, names, leaves);
    match found.len() {
        1 => found.pop(),
        _ => None,
    }
}

/// The paths of every field of the body, or of its holders, named one of `names` and holding one
/// of `leaves`.
fn fields_named(types: &TypeTable, page: &Ty, names: &[&str], leaves: &[Leaf]) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    // The body, its holders, and their holders (`links.pages`), with the path to each.
    let mut places = vec![(Vec::new(), page.clone())];
    for depth in 0..3 {
        let mut holders = Vec::new();
        for (path, ty) in &places {
            for field in fields(types, ty)
                .into_iter()
                .flatten()
                .filter(|f| !f.additional)
            {
                let name = normalized(&field.wire);
                let mut at = path.clone();
                at.push(field.wire.clone());
                let fits = leaf(types, &field.ty).is_some_and(|leaf| leaves.contains(&leaf));
                if names.contains(&name.as_str()) && fits {
                    found.push(at.clone());
                }
                if depth < 2 && HOLDERS.contains(&name.as_str()) {
                    holders.push((at, field.ty.clone()));
                }
            }
        }
        places = holders;
    }
    found
}

/// A name without case, `_`, `-`, `@`, `.` and brackets (`page[size]`), as the conventions are
/// compared.
fn normalized(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, '_' | '-' | '@' | '.' | '[' | ']'))
        .flat_map(char::to_lowercase)
        .collect()
}
