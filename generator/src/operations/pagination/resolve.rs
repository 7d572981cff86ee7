//! A [`Paging`] checked against its operation: each parameter found where the request carries
//! it, each field found in the success body's type with the Rust type that wraps it, and the
//! kinds of value each role needs (text for a cursor, an integer for a total, a list of items).

use super::roles::{dotted, Roles};
use super::{Access, CursorFrom, Leaf, Pagination, Paging, Scheme, Source, Step, Target, Wrap};
use crate::operations::{Location, Media, Operation, Success};
use crate::types::{Ty, TypeKind, TypeTable};

/// The pagination `paging` says, or why the operation cannot carry it ("... cannot be used: ").
pub(super) fn pagination(
    api: &openapiv3::OpenAPI,
    paging: &Paging,
    source: Source,
    operation: &Operation,
    types: &TypeTable,
) -> Result<Pagination, String> {
    if let Some(setting) = paging.misplaced {
        return Err(format!(
            "gives `.{setting}(...)`, which only a page number or an offset takes"
        ));
    }
    let page = match &operation.success {
        Success::Single(Some(body)) if body.media == Media::Json && !body.streamed => &body.ty,
        _ => return Err("needs one JSON body for every success status".to_owned()),
    };
    let items = match &paging.items {
        Some(path) => access(types, page, path)?,
        None => the_array(types, page)?,
    };
    let item = match follow(types, &items.1) {
        Ty::Vec(item) => (**item).clone(),
        _ => {
            return Err(format!(
                "names {} for the items, which is not an array",
                dotted(&paths(&items.0))
            ))
        }
    };
    let items = Access {
        steps: items.0,
        leaf: Leaf::List,
        as_text: false,
    };
    let more = match &paging.more {
        Some(path) => Some(leaf_access(types, page, path, &[Leaf::Bool], "a boolean")?),
        None => None,
    };
    let scheme = scheme(api, &paging.scheme, operation, types, page, &item)?;
    Ok(Pagination {
        source,
        scheme,
        items,
        item,
        more,
    })
}

const POSITION: &[Leaf] = &[Leaf::Text, Leaf::Integer, Leaf::Unsigned];
const COUNT: &[Leaf] = &[Leaf::Integer, Leaf::Unsigned];

fn scheme(
    api: &openapiv3::OpenAPI,
    roles: &Roles,
    operation: &Operation,
    types: &TypeTable,
    page: &Ty,
    item: &Ty,
) -> Result<Scheme, String> {
    Ok(match roles {
        Roles::Cursor { param, next } => Scheme::Cursor {
            to: target(operation, types, param, false)?,
            from: CursorFrom::Field(text_access(types, page, next, POSITION)?),
        },
        Roles::CursorFromLastItem { param, item_field } => Scheme::Cursor {
            to: target(operation, types, param, false)?,
            from: CursorFrom::LastItem(text_access(types, item, item_field, POSITION)?),
        },
        Roles::NextUrl { field } => {
            Scheme::NextUrl(text_access(types, page, field, &[Leaf::Text])?)
        }
        Roles::LinkHeader => Scheme::LinkHeader,
        Roles::PageNumber { param, last } => Scheme::Number {
            to: target(operation, types, param, true)?,
            first: first_page(api, operation, param).unwrap_or(1),
            last: optional(last.as_deref(), |path| {
                leaf_access(types, page, path, COUNT, "an integer")
            })?,
        },
        Roles::Offset { param, total } => Scheme::Offset {
            to: target(operation, types, param, true)?,
            total: optional(total.as_deref(), |path| {
                leaf_access(types, page, path, COUNT, "an integer")
            })?,
        },
    })
}

fn optional<T, U: ?Sized>(
    value: Option<&U>,
    read: impl FnOnce(&U) -> Result<T, String>,
) -> Result<Option<T>, String> {
    value.map(read).transpose()
}

/// Where the request carries the parameter `name`: a query parameter of the operation, else a
/// property of its JSON request body (a dotted path); a number's must hold numbers.
fn target(
    operation: &Operation,
    types: &TypeTable,
    name: &str,
    number: bool,
) -> Result<Target, String> {
    let query = (operation.params.iter()).find(|p| p.location == Location::Query && p.wire == name);
    if let Some(param) = query {
        return match scalar(types, &param.ty, number) {
            true => Ok(Target::Query(name.to_owned())),
            false => Err(format!(
                "names query parameter `{name}`, which is not {}",
                kind(number)
            )),
        };
    }
    let body = operation
        .body
        .as_ref()
        .filter(|body| body.media == Media::Json);
    let path: Vec<String> = name.split('.').map(str::to_owned).collect();
    match body.map(|body| access(types, &body.ty, &path)) {
        Some(Ok((_, ty))) if scalar(types, &ty, number) => {
            let tokens: Vec<String> = path.iter().map(|t| crate::pointer::escape_token(t).into_owned()).collect();
            Ok(Target::Body(format!("/{}", tokens.join("/"))))
        }
        Some(Ok(_)) => Err(format!("names request body property `{name}`, which is not {}", kind(number))),
        _ => Err(format!("names `{name}`, which is no query parameter of the operation nor a property of its JSON request body")),
    }
}

fn kind(number: bool) -> &'static str {
    match number {
        true => "a number",
        false => "text or a number",
    }
}

/// A type a position can be written as: a number (for page numbers and offsets), or text too.
fn scalar(types: &TypeTable, ty: &Ty, number: bool) -> bool {
    match follow(types, ty) {
        Ty::I32 | Ty::I64 | Ty::U64 | Ty::F64 => true,
        Ty::String => !number,
        _ => false,
    }
}

/// The access to a cursor or URL at `path`, read as text (a cursor of integers as its digits).
fn text_access(
    types: &TypeTable,
    root: &Ty,
    path: &[String],
    leaves: &[Leaf],
) -> Result<Access, String> {
    let what = match leaves {
        [Leaf::Text] => "text",
        _ => "text or an integer",
    };
    let access = leaf_access(types, root, path, leaves, what)?;
    Ok(Access {
        as_text: true,
        ..access
    })
}

/// The access to `path`'s value, which must be one of `leaves` (`what`, as errors say it).
fn leaf_access(
    types: &TypeTable,
    root: &Ty,
    path: &[String],
    leaves: &[Leaf],
    what: &str,
) -> Result<Access, String> {
    let (steps, ty) = access(types, root, path)?;
    match leaf(types, &ty).filter(|leaf| leaves.contains(leaf)) {
        Some(leaf) => Ok(Access {
            steps,
            leaf,
            as_text: leaves == POSITION || leaves == [Leaf::Text],
        }),
        None => Err(format!("names {}, which is not {what}", dotted(path))),
    }
}

/// Names of fields that hold a list's items.
const ITEM_NAMES: &[&str] = &[
    "items", "data", "results", "value", "values", "entries", "records", "elements", "content",
    "list", "nodes", "edges", "rows", "hits",
];
/// Names of arrays beside a list's items that are not its items (Google's `unreachables`).
const SIDE_NAMES: &[&str] = &[
    "warnings",
    "errors",
    "unreachable",
    "unreachables",
    "skipped",
    "failures",
    "failed",
    "messages",
    "notices",
];

/// The field of the body holding the items: the body itself when it is an array, else its one
/// array field, unless that one is named as a side list (`warnings`) or a field named as the
/// items is something else (Google's `aggregatedList`: `items` a map, `unreachables` an array).
pub(super) fn the_array(types: &TypeTable, page: &Ty) -> Result<(Vec<Step>, Ty), String> {
    if matches!(follow(types, page), Ty::Vec(_)) {
        return Ok((Vec::new(), page.clone()));
    }
    let fields = fields(types, page).unwrap_or_default();
    let is_array = |field: &&crate::types::Field| matches!(follow(types, &field.ty), Ty::Vec(_));
    let named = |field: &crate::types::Field, names: &[&str]| {
        names.contains(&field.wire.to_ascii_lowercase().as_str())
    };
    let declared = || fields.iter().filter(|field| !field.additional);
    if let Some(other) = declared().find(|f| !is_array(f) && named(f, ITEM_NAMES)) {
        return Err(format!(
            "finds `{}` in the success body, which is not an array: name the items",
            other.wire
        ));
    }
    let arrays: Vec<&crate::types::Field> = declared().filter(is_array).collect();
    match arrays.as_slice() {
        [one] if named(one, SIDE_NAMES) => Err(format!(
            "finds only `{}` in the success body, which is no list of items",
            one.wire
        )),
        [one] => access(types, page, std::slice::from_ref(&one.wire)),
        [] => Err("finds no array of items in the success body".to_owned()),
        _ => {
            let names: Vec<&str> = arrays.iter().map(|field| field.wire.as_str()).collect();
            Err(format!(
                "finds several arrays in the success body ({}): name the items' one",
                names.join(", ")
            ))
        }
    }
}

/// The steps of `path` from `root`, and the type it reaches. A field whose name holds dots
/// (`@odata.nextLink`) is found from the dotted path's pieces: at each level the longest run
/// of pieces that names a field is taken.
pub(super) fn access(
    types: &TypeTable,
    root: &Ty,
    path: &[String],
) -> Result<(Vec<Step>, Ty), String> {
    let mut steps = Vec::new();
    let mut ty = root.clone();
    let mut at = 0;
    while at < path.len() {
        let declared = fields(types, &ty).unwrap_or_default();
        let found = (at + 1..=path.len()).rev().find_map(|end| {
            let wire = path[at..end].join(".");
            let field = declared.iter().find(|f| !f.additional && f.wire == wire)?;
            Some((field, wire, end))
        });
        let Some((field, wire, end)) = found else {
            return Err(format!(
                "names {}, which the success body does not have",
                dotted(&path[..=at])
            ));
        };
        let wrap = match (field.tri_state, field.is_option()) {
            (true, _) => Wrap::Twice,
            (false, true) => Wrap::Option,
            (false, false) => Wrap::Plain,
        };
        steps.push(Step {
            field: field.name.clone(),
            wire,
            wrap,
        });
        ty = field.ty.clone();
        at = end;
    }
    Ok((steps, follow(types, &ty).clone()))
}

/// The fields of the struct `ty` is (through aliases).
pub(super) fn fields<'t>(types: &'t TypeTable, ty: &Ty) -> Option<&'t [crate::types::Field]> {
    match follow(types, ty) {
        Ty::Named(id) => match &types.get(*id).kind {
            TypeKind::Struct(fields) => Some(fields),
            _ => None,
        },
        _ => None,
    }
}

/// `ty` with its aliases followed.
pub(super) fn follow<'t>(types: &'t TypeTable, mut ty: &'t Ty) -> &'t Ty {
    for _ in 0..16 {
        match ty {
            Ty::Named(id) => match &types.get(*id).kind {
                TypeKind::Alias(inner) => ty = inner,
                _ => return ty,
            },
            _ => return ty,
        }
    }
    ty
}

/// What a value of `ty` is, for the roles.
pub(super) fn leaf(types: &TypeTable, ty: &Ty) -> Option<Leaf> {
    match follow(types, ty) {
        Ty::String => Some(Leaf::Text),
        Ty::I32 | Ty::I64 => Some(Leaf::Integer),
        Ty::U64 => Some(Leaf::Unsigned),
        Ty::Bool => Some(Leaf::Bool),
        Ty::Vec(_) => Some(Leaf::List),
        _ => None,
    }
}

fn paths(steps: &[Step]) -> Vec<String> {
    steps.iter().map(|step| step.wire.clone()).collect()
}

/// The number of the page a server answers with when the request names none, as the spec
/// says it for the operation's query parameter `name`: its `default` (0 or 1), a `minimum` that
/// rules 0 out, or a description that says where the numbers start ("zero-based", "starts at 1").
pub(super) fn first_page(
    api: &openapiv3::OpenAPI,
    operation: &Operation,
    name: &str,
) -> Option<u64> {
    use openapiv3::ParameterSchemaOrContent;
    let (item, spec_operation) = super::spec_node(api, operation)?;
    let resolver = crate::read::Resolver::new(api);
    let parameters = item.parameters.iter().chain(&spec_operation.parameters);
    let data = parameters
        .filter_map(|parameter| resolver.resolve(parameter, "").ok())
        .map(|(parameter, _)| parameter.parameter_data_ref())
        .find(|data| data.name == name)?;
    let ParameterSchemaOrContent::Schema(schema) = &data.format else {
        return None;
    };
    let (schema, _) = resolver.resolve(schema, "").ok()?;
    let default = schema
        .schema_data
        .default
        .as_ref()
        .and_then(serde_json::Value::as_u64);
    if let Some(first @ (0 | 1)) = default {
        return Some(first);
    }
    if let openapiv3::SchemaKind::Type(openapiv3::Type::Integer(integer)) = &schema.schema_kind {
        let above_zero = integer
            .minimum
            .is_some_and(|min| min >= 1 || (min == 0 && integer.exclusive_minimum));
        if above_zero {
            return Some(1);
        }
    }
    let description = [
        data.description.as_deref(),
        schema.schema_data.description.as_deref(),
    ];
    let text = description
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let says = |phrases: &[&str]| phrases.iter().any(|phrase| text.contains(phrase));
    if says(&[
        "zero-based",
        "0-based",
        "(0..n)",
        "starts at 0",
        "starting at 0",
        "starting from 0",
        "starts from 0",
    ]) {
        return Some(0);
    }
    if says(&[
        "one-based",
        "1-based",
        "starts at 1",
        "starting at 1",
        "starting from 1",
        "starts from 1",
    ]) {
        return Some(1);
    }
    None
}
