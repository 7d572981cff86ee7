//! The [`Module`] IR as compact text: a line per type (its shape, derives, boxing), a block per
//! operation (parameters and how each is passed, body, each method's responses, shared items,
//! extra methods), the client's setters and session. The analysis is tested against it, one
//! golden per fixture (`generator/tests/ir.rs`): a change in a decision shows there, apart from
//! the emission and printing that the code snapshots mix in.

use super::Module;
use crate::client::token::TemplateRefresh;
use crate::client::{AuthSetter, ClientInfo};
use crate::operations::{
    Body, ExtraMethod, Location, MethodKind, MethodView, Operation, Outcome, Param, ParamShape,
    SchemeUse, Success,
};
use crate::types::{DefaultValue, Direction, Field, Ty, TypeDef, TypeKind, TypeTable};
use std::fmt::Write;

/// The text of `module`; deterministic, as the module is.
pub fn render(module: &Module) -> String {
    let mut out = String::new();
    client(&mut out, &module.client);
    for (id, def) in module.types.iter() {
        let features = module.types.features(id);
        out.push_str(&type_line(def, &module.types, features));
        out.push('\n');
    }
    for operation in &module.operations {
        self::operation(&mut out, operation, &module.types);
    }
    out
}

fn client(out: &mut String, client: &ClientInfo) {
    let _ = writeln!(out, "client {}", client.base_url);
    for setter in &client.auth_setters {
        let text = match setter {
            AuthSetter::Basic { schemes } => format!("with_basic_auth for {}", schemes.join(", ")),
            AuthSetter::Bearer { schemes } => {
                format!("with_bearer_token for {}", schemes.join(", "))
            }
            AuthSetter::OAuth2Login {
                scheme,
                flow,
                token_url,
                method,
            } => format!("{} for {scheme}: {flow:?} at {token_url}", method.bare()),
            AuthSetter::ApiKey { scheme, method } => format!("{} for {scheme}", method.bare()),
        };
        let _ = writeln!(out, "  setter {text}");
    }
    if let Some(session) = &client.template_session {
        let refresh = match &session.refresh {
            TemplateRefresh::Operation(call) => call.method.bare().to_owned(),
            TemplateRefresh::SameOperation(fills, emptied) => {
                let fills: Vec<String> = (fills.iter())
                    .map(|(field, fill, _)| format!("{}={fill:?}", field.bare()))
                    .collect();
                let emptied: Vec<&str> = emptied.iter().map(|name| name.bare()).collect();
                format!("the login with {fills:?} emptying {emptied:?}")
            }
            TemplateRefresh::None => "none".to_owned(),
        };
        let _ = writeln!(
            out,
            "  session login {} refresh {refresh}{}{}{}",
            session.login.method.bare(),
            flag(session.credentials.is_some(), " password_session"),
            flag(session.password.is_some(), " password_session_with"),
            flag(
                session.client_credentials.is_some(),
                " client_credentials_session"
            ),
        );
    }
}

fn type_line(def: &TypeDef, table: &TypeTable, features: &[String]) -> String {
    let shape = match &def.kind {
        TypeKind::Struct(fields) => {
            let fields: Vec<String> = fields.iter().map(|f| field(f, table)).collect();
            format!("struct {{{}}}", fields.join("; "))
        }
        TypeKind::Enum {
            variants,
            default,
            repr,
            unknown,
        } => {
            let mut default = (default.and_then(|i| variants.get(i)))
                .map(|v| format!(" default={}", v.name))
                .unwrap_or_default();
            if let Some(unknown) = unknown {
                let _ = write!(default, " unknown={unknown}");
            }
            let variants: Vec<String> = (variants.iter())
                .map(|v| match v.doc.is_empty() {
                    true => format!("{}={:?}", v.name, v.wire),
                    false => {
                        let doc: Vec<&str> = v.doc.iter().map(|line| line.trim()).collect();
                        format!("{}={:?} doc={:?}", v.name, v.wire, doc.join("\n"))
                    }
                })
                .collect();
            format!("enum {repr:?} {{{}}}{default}", variants.join(", "))
        }
        TypeKind::Union {
            variants,
            discriminator,
        } => {
            let members: Vec<String> = (variants.iter())
                .map(|v| {
                    let mut text = format!("{}: {}", v.name, boxed(ty(&v.ty, table), v.boxed));
                    if !v.tags.is_empty() {
                        let _ = write!(text, " tags={:?}", v.tags);
                    }
                    if let Some(keys) = &v.keys {
                        let _ = write!(text, " keys={keys:?}");
                    }
                    if let Some(tag) = &v.written_tag {
                        let _ = write!(text, " writes={tag:?}");
                    }
                    text + flag(v.closed, " closed")
                        + flag(v.unknown, " unknown")
                        + flag(v.fallback, " fallback")
                        + flag(v.tag_optional, " tag-optional")
                })
                .collect();
            let how = match discriminator {
                Some(property) => format!("by {property:?}"),
                None => "untagged".to_owned(),
            };
            format!("union {how} {{{}}}", members.join("; "))
        }
        TypeKind::Alias(target) => format!("alias {}", ty(target, table)),
        TypeKind::Newtype(inner) => format!("newtype {}", ty(inner, table)),
    };
    let serde = match (def.serde.serialize, def.serde.deserialize) {
        (true, true) => "Serialize Deserialize",
        (true, false) => "Serialize",
        (false, true) => "Deserialize",
        (false, false) => "no serde",
    };
    let mut derives = serde.to_owned();
    derives += flag(def.implements_default, " Default");
    derives += flag(def.clone_and_eq, " Clone PartialEq");
    derives += flag(def.deprecated, " deprecated");
    let features = match features {
        [] => String::new(),
        some => format!(" features={some:?}"),
    };
    format!("type {} = {shape} [{derives}]{features}", def.name)
}

/// A field: `name "wire": type` and what was decided about it.
fn field(field: &Field, table: &TypeTable) -> String {
    let name = field.name.bare();
    let mut text = match field.additional {
        true => format!("{name} (additional): {}", ty(&field.ty, table)),
        false if field.wire == name => {
            format!("{name}: {}", boxed(ty(&field.ty, table), field.boxed))
        }
        false => format!(
            "{name} {:?}: {}",
            field.wire,
            boxed(ty(&field.ty, table), field.boxed)
        ),
    };
    text += flag(field.required, " required");
    text += flag(field.nullable, " nullable");
    text += flag(field.tri_state, " tri-state");
    text += flag(field.is_option(), " optional");
    if let Some(value) = &field.default {
        let _ = write!(text, " default={}", default(value, table));
    }
    if let Some(value) = &field.spec_default {
        let _ = write!(text, " spec-default={value}");
    }
    text += flag(field.zero_default, " zero-default");
    text += flag(field.secret, " secret");
    text += flag(field.must_be_present, " must-be-present");
    text += flag(field.deprecated, " deprecated");
    text += match field.direction {
        Direction::Both => "",
        Direction::ReadOnly => " read-only",
        Direction::WriteOnly => " write-only",
    };
    text
}

fn default(value: &DefaultValue, table: &TypeTable) -> String {
    match value {
        DefaultValue::String(text) => format!("{text:?}"),
        DefaultValue::Bool(value) => value.to_string(),
        DefaultValue::I32(value) => format!("{value}i32"),
        DefaultValue::I64(value) => format!("{value}i64"),
        DefaultValue::U64(value) => format!("{value}u64"),
        DefaultValue::F64(value) => format!("{value}f64"),
        DefaultValue::Variant { ty, variant } => format!("{}::{variant}", table.name(*ty)),
    }
}

/// `ty` as Rust would write it, named types by their names.
fn ty(ty: &Ty, table: &TypeTable) -> String {
    match ty {
        Ty::String => "String".to_owned(),
        Ty::Bool => "bool".to_owned(),
        Ty::I32 => "i32".to_owned(),
        Ty::I64 => "i64".to_owned(),
        Ty::U64 => "u64".to_owned(),
        Ty::F64 => "f64".to_owned(),
        Ty::Bytes => "bytes".to_owned(),
        Ty::Base64 => "base64".to_owned(),
        Ty::DateTime => "date-time".to_owned(),
        Ty::Date => "date".to_owned(),
        Ty::Uuid => "uuid".to_owned(),
        Ty::Json => "json".to_owned(),
        Ty::Vec(inner) => format!("Vec<{}>", self::ty(inner, table)),
        Ty::Map(inner) => format!("Map<{}>", self::ty(inner, table)),
        Ty::Option(inner) => format!("Option<{}>", self::ty(inner, table)),
        Ty::Named(id) => table.name(*id).to_owned(),
    }
}

fn boxed(text: String, boxed: bool) -> String {
    match boxed {
        true => format!("Box<{text}>"),
        false => text,
    }
}

fn flag(on: bool, text: &'static str) -> &'static str {
    if on {
        text
    } else {
        ""
    }
}

fn operation(out: &mut String, operation: &Operation, table: &TypeTable) {
    let path: String = (operation.path.iter())
        .map(|part| match part {
            crate::operations::PathPart::Literal(text) => text.clone(),
            crate::operations::PathPart::Param(index) => {
                format!("{{{}}}", operation.params[*index].name.bare())
            }
        })
        .collect();
    let list = |name: &str, items: &[String]| match items {
        [] => String::new(),
        some => format!(" {name}={some:?}"),
    };
    let _ = writeln!(
        out,
        "operation {} {} {path}{}{}{}",
        operation.method_name.bare(),
        operation.http_method,
        flag(operation.deprecated, " deprecated"),
        list("tags", &operation.tags),
        list("features", &operation.features),
    );
    for param in &operation.params {
        let _ = writeln!(out, "  param {}", self::param(param, table));
    }
    if let Some(params) = &operation.params_struct {
        let shared = same_as(params.same_as.as_deref());
        let default = flag(params.derive_default, " Default");
        let _ = writeln!(out, "  params struct {}{default}{shared}", params.name);
    }
    if let Some(body) = &operation.body {
        let _ = writeln!(out, "  body {}", self::body(body, table));
    }
    let security: Vec<String> = (operation.security.iter())
        .map(|all| all.iter().map(scheme).collect::<Vec<_>>().join(" + "))
        .collect();
    if !security.is_empty() {
        let _ = writeln!(out, "  security {}", security.join(" | "));
    }
    let kinds = std::iter::once("own".to_owned())
        .chain(operation.extra_methods.iter().map(|m| extra_kind(m, table)));
    for (view, kind) in operation.methods().zip(kinds) {
        method(out, view, &kind, table);
    }
    if let Some(errors) = &operation.error_enum {
        let shared = same_as(errors.same_as.as_deref());
        let _ = writeln!(out, "  error enum {}{shared}", errors.name);
    }
    if let Some(headers) = &operation.headers_struct {
        let fields: Vec<String> = (headers.fields.iter())
            .map(|h| {
                let secret = flag(h.secret, " secret");
                let name = h.name.bare();
                format!(
                    "{name} {:?}: {} {:?}{secret}",
                    h.wire,
                    ty(&h.ty, table),
                    h.reading
                )
            })
            .collect();
        let shared = same_as(headers.same_as.as_deref());
        let _ = writeln!(
            out,
            "  headers struct {} {{{}}}{shared}",
            headers.name,
            fields.join("; ")
        );
    }
}

fn extra_kind(method: &ExtraMethod, table: &TypeTable) -> String {
    match &method.kind {
        MethodKind::EventStream(_) => "event stream".to_owned(),
        MethodKind::Pages(pagination) => format!(
            "pages {:?}: {}; item {}",
            pagination.source,
            crate::operations::pagination::describe(pagination),
            ty(&pagination.item, table)
        ),
    }
}

fn method(out: &mut String, view: MethodView<'_>, kind: &str, table: &TypeTable) {
    let success = match view.success {
        Success::Single(None) => "()".to_owned(),
        Success::Single(Some(body)) => self::body(body, table),
        Success::Enum(name) => format!("enum {name}"),
    };
    let accept = view
        .accept
        .map(|a| format!(" accept {a:?}"))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "  method {} ({kind}){accept} -> {success}",
        view.name.bare()
    );
    for outcome in view.responses {
        let _ = writeln!(out, "    {}", self::outcome(outcome, table));
    }
}

fn outcome(outcome: &Outcome, table: &TypeTable) -> String {
    let body = match &outcome.body {
        Some(body) => self::body(body, table),
        None => "no body".to_owned(),
    };
    let headers = match outcome.headers.as_slice() {
        [] => String::new(),
        some => format!(" headers={some:?}"),
    };
    format!(
        "{} {}: {body}{headers}",
        outcome.status.label(),
        outcome.variant
    )
}

fn body(body: &Body, table: &TypeTable) -> String {
    let mut text = format!(
        "{:?} {:?} {}",
        body.media,
        body.content_type,
        boxed(ty(&body.ty, table), body.boxed)
    );
    text += flag(body.required, " required");
    text += flag(body.streamed, " streamed");
    if body.read_from.as_slice() != [body.content_type.as_str()] {
        let _ = write!(text, " read-from={:?}", body.read_from);
    }
    for part in &body.parts {
        let _ = write!(
            text,
            " part({} {:?} {:?}",
            part.field.bare(),
            part.wire,
            part.kind
        );
        if let Some(content_type) = &part.content_type {
            let _ = write!(text, " {content_type:?}");
        }
        text += flag(part.optional, " optional");
        text += flag(part.tri_state, " tri-state");
        text.push(')');
    }
    for (property, style) in &body.form_styles {
        let _ = write!(text, " style({property} {style:?})");
    }
    text
}

fn param(param: &Param, table: &TypeTable) -> String {
    let location = match param.location {
        Location::Path => "path",
        Location::Query => "query",
        Location::Header => "header",
        Location::Cookie => "cookie",
    };
    let shape = match &param.shape {
        ParamShape::Text => "text".to_owned(),
        ParamShape::Copy => "copy".to_owned(),
        ParamShape::Owned => "owned".to_owned(),
        ParamShape::List { item } => format!("list of {}", ty(item, table)),
        ParamShape::Json => "json".to_owned(),
    };
    let mut text = format!(
        "{} {location} {:?}: {} as {shape}",
        param.name.bare(),
        param.wire,
        ty(&param.ty, table)
    );
    text += flag(param.required, " required");
    if matches!(param.ty, Ty::Vec(_)) {
        match param.explode {
            true => text += " exploded",
            false => {
                let _ = write!(text, " joined by {:?}", param.separator);
            }
        }
    }
    text += flag(param.secret, " secret");
    text += flag(param.idempotency_key, " idempotency-key");
    text
}

fn scheme(scheme: &SchemeUse) -> String {
    match scheme {
        SchemeUse::Basic => "basic".to_owned(),
        SchemeUse::Bearer => "bearer".to_owned(),
        SchemeUse::ApiKey {
            scheme,
            location,
            name,
        } => format!("api-key {scheme:?} ({location:?} {name:?})"),
    }
}

fn same_as(shared: Option<&str>) -> String {
    shared.map(|s| format!(" = {s}")).unwrap_or_default()
}
