//! Pagination ([`MethodKind::Pages`](super::MethodKind::Pages)): which operations give a
//! `_pages` method, and how each walks its pages.
//!
//! Where a pagination comes from, first found first: the user's `Config::paginate` (or
//! `Config::no_pagination`), a vendor extension of the operation ([`extensions`]), and the
//! operation's own shape where it leaves no doubt ([`infer`]). Each is read into a [`Paging`]
//! (the roles of parameters and fields, as a user writes them) and checked against the
//! operation and its types by [`resolve`]: what the configuration or an extension asks for and
//! the operation cannot carry is a warning; an inference that does not hold is dropped silently.
//! Every operation that pages gets a note naming its scheme and the parameter, field or header
//! used, for its user to confirm.

mod extensions;
mod infer;
mod resolve;
mod roles;

use super::{ExtraMethod, MethodKind, Operation};
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::naming::{Name, Scope};
use crate::types::{Ty, TypeTable};
use extensions::Found;
pub use roles::Paging;
use std::collections::BTreeMap;

/// How a `_pages` method walks its operation's pages.
#[derive(Debug, Clone)]
pub struct Pagination {
    /// Where it was found.
    pub source: Source,
    /// Where the next page is.
    pub scheme: Scheme,
    /// The page's items, from the success body.
    pub items: Access,
    /// The type of one item.
    pub item: Ty,
    /// The boolean field saying whether more pages follow.
    pub more: Option<Access>,
}

/// Where a [`Pagination`] was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// `Config::paginate`.
    Config,
    /// The vendor extension of this key.
    Extension(&'static str),
    /// The operation's own shape ([`infer`]).
    Inferred,
}

/// Where the next page is.
#[derive(Debug, Clone)]
pub enum Scheme {
    /// A cursor the page gives, sent in `to`.
    Cursor {
        /// Where the request carries it.
        to: Target,
        /// Where the page gives it.
        from: CursorFrom,
    },
    /// The next page's URL, from the success body.
    NextUrl(Access),
    /// The next page's URL, from the `Link` header's `rel="next"` (RFC 8288).
    LinkHeader,
    /// A page number in `to`, from `first`; `last` gives the number of pages.
    Number {
        /// Where the request carries it.
        to: Target,
        /// The first page's number (the parameter's default, else 1).
        first: u64,
        /// The field giving the number of pages.
        last: Option<Access>,
    },
    /// An offset in `to`, advanced by each page's item count; `total` gives the number of items.
    Offset {
        /// Where the request carries it.
        to: Target,
        /// The field giving the number of items in all.
        total: Option<Access>,
    },
}

/// Where a page gives the next cursor.
#[derive(Debug, Clone)]
pub enum CursorFrom {
    /// A field of the success body.
    Field(Access),
    /// A field of the page's last item.
    LastItem(Access),
}

/// Where a request carries a position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// The query parameter of this name.
    Query(String),
    /// The property of the JSON request body at this JSON pointer (`/page/after`).
    Body(String),
}

/// A path of fields into a value, each with how its Rust type wraps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Access {
    /// The fields, outermost first; none: the value itself.
    pub steps: Vec<Step>,
    /// What the last one holds.
    pub leaf: Leaf,
    /// The value is read as text (a cursor or URL), whatever it holds.
    pub as_text: bool,
}

/// One field of an [`Access`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// The field's Rust name.
    pub field: Name,
    /// Its JSON name.
    pub wire: String,
    /// How its type wraps the value.
    pub wrap: Wrap,
}

/// How a field's Rust type wraps its value (`types::Field::is_option`, `tri_state`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wrap {
    /// The value.
    Plain,
    /// `Option<value>`.
    Option,
    /// `Option<Option<value>>`.
    Twice,
}

/// What an [`Access`] reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Leaf {
    /// A `String`.
    Text,
    /// A signed integer (`i32`, `i64`).
    Integer,
    /// A `u64`.
    Unsigned,
    /// A `bool`.
    Bool,
    /// A `Vec` (the items).
    List,
}

impl Source {
    /// As notes say it.
    fn label(&self) -> String {
        match self {
            Source::Config => "configured".to_owned(),
            Source::Extension(key) => format!("from `{key}`"),
            Source::Inferred => "inferred from its shape".to_owned(),
        }
    }
}

/// The operation as the configuration and notes name it: its operationId, or `METHOD /path`.
pub fn label(operation: &Operation) -> String {
    match &operation.operation_id {
        Some(id) => id.clone(),
        None => format!("{} {}", operation.http_method, operation.origin.0),
    }
}

/// Gives each operation that pages its `_pages` method, with a note saying how it pages;
/// `configured` is `Config::paginate`'s (`None`: `Config::no_pagination`), by operation label.
pub fn paginate(
    api: &openapiv3::OpenAPI,
    configured: &BTreeMap<String, Option<Paging>>,
    operations: &mut [Operation],
    types: &TypeTable,
    methods: &mut Scope,
    diagnostics: &mut Diagnostics,
) {
    let mut used = std::collections::BTreeSet::new();
    for operation in operations.iter_mut() {
        let label = label(operation);
        let pointer = operation_pointer(operation);
        let by_path = format!("{} {}", operation.http_method, operation.origin.0);
        let config =
            (configured.iter()).find(|(key, _)| **key == label || same_route(key, &by_path));
        let found = match config {
            Some((key, paging)) => {
                used.insert(key.clone());
                paging.clone().map(|paging| (paging, Source::Config))
            }
            None => match extensions::paging(api, operation) {
                Found::Paging(paging, key) => Some((paging, Source::Extension(key))),
                Found::OnePage => None,
                Found::Unreadable(key) => {
                    diagnostics.push(Diagnostic::warning(
                        Code::PaginationUnusable,
                        pointer.as_str(),
                        format!("`{label}` gets no `_pages` method: its `{key}` cannot be read (a JSONPath with an index or a filter, a kind of pagination that is not read, or a role missing)"),
                    ));
                    None
                }
                Found::Nothing => {
                    infer::paging(api, operation, types).map(|p| (p, Source::Inferred))
                }
            },
        };
        let Some((paging, source)) = found else {
            continue;
        };
        match resolve::pagination(api, &paging, source.clone(), operation, types) {
            Ok(pagination) => add_method(operation, pagination, methods, &pointer, diagnostics),
            // An inference that does not hold is no inference.
            Err(_) if source == Source::Inferred => {}
            Err(reason) => diagnostics.push(Diagnostic::warning(
                Code::PaginationUnusable,
                pointer.as_str(),
                format!(
                    "`{label}` gets no `_pages` method: the pagination {} {reason}",
                    source.label()
                ),
            )),
        }
    }
    for key in configured.keys().filter(|key| !used.contains(*key)) {
        diagnostics.push(
            Diagnostic::warning(
                Code::PaginationUnknownOperation,
                "#/paths",
                format!(
                    "`Config::{}` names `{key}`, which is no operation of this spec",
                    match configured.get(key) {
                        Some(Some(_)) => "paginate",
                        _ => "no_pagination",
                    }
                ),
            )
            .with_hint("name an operation by its operationId, or as `GET /path`"),
        );
    }
}

/// Gives `operation` its `_pages` method, named after the client's other methods, with the note
/// that says how it pages.
fn add_method(
    operation: &mut Operation,
    pagination: Pagination,
    methods: &mut Scope,
    pointer: &str,
    diagnostics: &mut Diagnostics,
) {
    let wanted = format!("{}_pages", operation.method_name.bare());
    let name = methods.unique_name(crate::naming::snake_name(&wanted));
    if name.bare() != wanted {
        diagnostics.push(Diagnostic::warning(
            Code::MethodRenamed,
            pointer,
            format!(
                "the pages method of `{}` is `{}`: an operation of the spec is `{wanted}`",
                operation.method_name.bare(),
                name.bare()
            ),
        ));
    }
    diagnostics.push(Diagnostic::note(
        Code::Paginated,
        pointer,
        format!(
            "`{}` is paginated ({}): `{}`, {}",
            label(operation),
            pagination.source.label(),
            name.bare(),
            describe(&pagination)
        ),
    ));
    let doc = method_doc(operation, &pagination);
    operation.extra_methods.push(ExtraMethod {
        name,
        doc,
        kind: MethodKind::Pages(Box::new(pagination)),
    });
}

/// `key` is `route` (`GET /path`), the method in any case.
fn same_route(key: &str, route: &str) -> bool {
    match (key.split_once(' '), route.split_once(' ')) {
        (Some((method, path)), Some((route_method, route_path))) => {
            method.eq_ignore_ascii_case(route_method) && path == route_path
        }
        _ => false,
    }
}

/// The spec's path item and operation object that `operation` was read from.
fn spec_node<'a>(
    api: &'a openapiv3::OpenAPI,
    operation: &Operation,
) -> Option<(&'a openapiv3::PathItem, &'a openapiv3::Operation)> {
    let (path, method) = &operation.origin;
    let openapiv3::ReferenceOr::Item(item) = api.paths.paths.get(path)? else {
        return None;
    };
    let (_, spec) = item.iter().find(|(m, _)| m == method)?;
    Some((item, spec))
}

/// The JSON pointer of the operation.
fn operation_pointer(operation: &Operation) -> String {
    let (path, method) = &operation.origin;
    crate::pointer::join(&crate::pointer::join("#/paths", path), method)
}

/// How the operation pages, as its note says it.
pub fn describe(pagination: &Pagination) -> String {
    let target = |target: &Target| match target {
        Target::Query(name) => format!("query parameter `{name}`"),
        Target::Body(pointer) => format!("request body property `{pointer}`"),
    };
    let scheme = match &pagination.scheme {
        Scheme::Cursor {
            to,
            from: CursorFrom::Field(field),
        } => {
            format!("cursor in {} from {}", target(to), access(field))
        }
        Scheme::Cursor {
            to,
            from: CursorFrom::LastItem(field),
        } => {
            format!(
                "cursor in {} from the last item's {}",
                target(to),
                access(field)
            )
        }
        Scheme::NextUrl(field) => format!("next URL from {}", access(field)),
        Scheme::LinkHeader => "next URL from the `Link` header (rel=\"next\")".to_owned(),
        Scheme::Number { to, first, last } => {
            let last = (last.as_ref()).map(|last| format!(", pages in all from {}", access(last)));
            let last = last.unwrap_or_default();
            format!("page number in {} from {first}{last}", target(to))
        }
        Scheme::Offset { to, total } => {
            let total =
                (total.as_ref()).map(|total| format!(", items in all from {}", access(total)));
            format!("offset in {}{}", target(to), total.unwrap_or_default())
        }
    };
    let more = pagination
        .more
        .as_ref()
        .map(|more| format!(", while {}", access(more)));
    let items = match pagination.items.steps.is_empty() {
        true => "the body is the items".to_owned(),
        false => format!("items in {}", access(&pagination.items)),
    };
    format!("{scheme}{}; {items}", more.unwrap_or_default())
}

/// A field path as notes show it.
fn access(access: &Access) -> String {
    let wires: Vec<String> = access.steps.iter().map(|step| step.wire.clone()).collect();
    roles::dotted(&wires)
}

/// The `_pages` method's doc: the operation's, then what it returns and how it pages.
fn method_doc(operation: &Operation, pagination: &Pagination) -> Vec<String> {
    let mut doc = operation.doc.clone();
    doc.extend([
        String::new(),
        format!(
            " Every page of [`Client::{}`], as a stream of pages (`Pages`) or, with `.items()`, of items; the first page is the request these parameters make.",
            operation.method_name.bare()
        ),
        String::new(),
        format!(" Pages by {}.", describe(pagination)),
    ]);
    doc
}
