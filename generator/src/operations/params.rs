//! An operation's parameters: the path item's and its own, resolved, each typed and styled as
//! its location says (OpenAPI 3.0.3 §4.7.12), and the path they fill in.

use super::convert::{OperationContext, Reader};
use super::{Location, Param, ParamShape, PathPart};
use crate::diagnostics::{Code, Diagnostic};
use crate::docs::doc_lines;
use crate::naming::{snake_name, type_name, Name, Scope};
use crate::pointer::join;
use crate::types::{is_secret, Ty};
use openapiv3::{Parameter, ParameterSchemaOrContent, QueryStyle};

/// The headers whose key makes a repeated request do its work once
/// (draft-ietf-httpapi-idempotency-key-header, and the `X-` form Stripe-like APIs use); the
/// runtime's `sender` retries requests carrying one.
const IDEMPOTENCY_HEADERS: [&str; 2] = ["Idempotency-Key", "X-Idempotency-Key"];

/// Local names of a generated method body, which parameters must not shadow.
const METHOD_LOCALS: &[&str] = &["body", "params", "request", "response", "path"];

impl<'a> Reader<'a, '_> {
    pub(super) fn params(
        &mut self,
        operation: &'a openapiv3::Operation,
        context: &OperationContext<'a, '_>,
        stem: &str,
        pointer: &str,
    ) -> Vec<Param> {
        let mut scope = Scope::with_reserved(METHOD_LOCALS);
        let mut params = Vec::new();
        for (parameter, parameter_pointer) in self.resolved_params(operation, context, pointer) {
            let data = parameter.parameter_data_ref();
            let location = location_of(parameter);
            if location == Location::Header
                && ["accept", "content-type", "authorization"]
                    .contains(&data.name.to_ascii_lowercase().as_str())
            {
                self.diagnostics.push(
                    Diagnostic::warning(Code::IgnoredHeaderParameter, &parameter_pointer, format!("header parameter `{}` is ignored, as OpenAPI says", data.name))
                        .with_hint("content types come from the request body and responses, credentials from securitySchemes"),
                );
                continue;
            }
            let mut location = location;
            if location == Location::Path && !template_names(context.path).contains(&&*data.name) {
                // It has no place in the path; the query is where such a value is meant (Garage's
                // admin API: `GET /v2/GetNodeInfo?node=...`), and a server ignores one it does
                // not read.
                let message = format!(
                    "path parameter `{}` does not appear in the path template `{}`",
                    data.name, context.path
                );
                let warning = Diagnostic::error(
                    Code::PathParameterNotInTemplate,
                    &parameter_pointer,
                    message,
                );
                self.diagnostics
                    .push(warning.tolerated("it is sent as a query parameter"));
                location = Location::Query;
            }
            let name = scope.unique_name(snake_name(&data.name));
            params.push(self.param(parameter, location, name, stem, &parameter_pointer));
        }
        for wire in template_names(context.path) {
            let declared = params
                .iter()
                .any(|p| p.location == Location::Path && p.wire == wire);
            if !declared {
                self.diagnostics.push(
                    Diagnostic::warning(Code::UndeclaredPathParameter, pointer, format!("the path template names `{{{wire}}}` but the operation has no path parameter `{wire}`: it is taken as a required string"))
                        .with_hint(format!("add a parameter with `name: {wire}` and `in: path`")),
                );
                params.push(undeclared_path_param(
                    scope.unique_name(snake_name(wire)),
                    wire,
                ));
            }
        }
        params
    }

    /// The path item's parameters and the operation's, resolved; an operation parameter overrides
    /// a path-level one with the same name and location.
    fn resolved_params(
        &mut self,
        operation: &'a openapiv3::Operation,
        context: &OperationContext<'a, '_>,
        pointer: &str,
    ) -> Vec<(&'a Parameter, String)> {
        let mut resolved: Vec<(&'a Parameter, String)> = Vec::new();
        let path_level = context.path_params.iter().enumerate().map(|(i, p)| {
            (
                p,
                join(&join(context.path_pointer, "parameters"), &i.to_string()),
            )
        });
        let op_level = operation
            .parameters
            .iter()
            .enumerate()
            .map(|(i, p)| (p, join(&join(pointer, "parameters"), &i.to_string())));
        for (parameter, parameter_pointer) in path_level.chain(op_level) {
            match self.resolver.resolve(parameter, &parameter_pointer) {
                // At its definition: a shared parameter's defect is found (once) where it is.
                Ok((parameter, parameter_pointer)) => {
                    let key = (
                        parameter.parameter_data_ref().name.clone(),
                        location_of(parameter),
                    );
                    resolved.retain(|(p, _)| {
                        (p.parameter_data_ref().name.clone(), location_of(p)) != key
                    });
                    resolved.push((parameter, parameter_pointer));
                }
                Err(diagnostic) => {
                    let cost = "the parameter is left out";
                    self.diagnostics.push(diagnostic.tolerated(cost));
                }
            }
        }
        resolved
    }

    /// One parameter, named `name`, sent in `location` (its own, or the query for a path
    /// parameter its template does not name): its type, style and doc.
    fn param(
        &mut self,
        parameter: &'a Parameter,
        location: Location,
        name: Name,
        stem: &str,
        parameter_pointer: &str,
    ) -> Param {
        let data = parameter.parameter_data_ref();
        let hint = format!("{stem}{}", type_name(&data.name));
        let (ty, format_password) = match &data.format {
            ParameterSchemaOrContent::Schema(schema) => {
                let ty = self
                    .types
                    .ty_of(schema, &hint, &join(parameter_pointer, "schema"));
                // A parameter is text: bytes in it are the text that carries them.
                let ty = crate::types::param_bytes_as_text(ty, self.types.table());
                let password = self.resolver.resolve(schema, parameter_pointer).is_ok_and(|(schema, _)| {
                    matches!(&schema.schema_kind, openapiv3::SchemaKind::Type(openapiv3::Type::String(s))
                        if matches!(s.format, openapiv3::VariantOrUnknownOrEmpty::Item(openapiv3::StringFormat::Password)))
                });
                (ty, password)
            }
            ParameterSchemaOrContent::Content(_) => {
                self.diagnostics.push(Diagnostic::warning(
                    Code::ContentParameter,
                    join(parameter_pointer, "content"),
                    format!("parameter `{}` has `content` instead of a `schema`: it is typed as any JSON and sent as its JSON text", data.name),
                ));
                (Ty::Json, false)
            }
        };
        let (explode, separator) = match parameter {
            Parameter::Query { style, .. } => {
                let separator = match style {
                    QueryStyle::SpaceDelimited => " ",
                    QueryStyle::PipeDelimited => "|",
                    _ => ",",
                };
                (
                    data.explode.unwrap_or(matches!(style, QueryStyle::Form)),
                    separator,
                )
            }
            // The query's default style (form, exploded) for a path parameter sent there.
            _ if location == Location::Query => (true, ","),
            Parameter::Cookie { .. } => (data.explode.unwrap_or(true), ","),
            _ => (data.explode.unwrap_or(false), ","),
        };
        let mut doc = doc_lines(data.description.as_deref().unwrap_or(""));
        if doc.is_empty() {
            doc.push(format!(
                " The `{}` {} parameter.",
                data.name,
                location_word(location)
            ));
        }
        let required = data.required || location == Location::Path;
        let idempotency_key = location == Location::Header
            && !required
            && ty == Ty::String
            && IDEMPOTENCY_HEADERS
                .iter()
                .any(|h| data.name.eq_ignore_ascii_case(h));
        if idempotency_key {
            doc.push(String::new());
            doc.push(" Left unset, the client sends a key of its own (a UUID v4), the same on every attempt of the call.".to_owned());
        }
        Param {
            secret: is_secret(&name, &ty, format_password, false),
            name,
            wire: data.name.clone(),
            location,
            ty,
            shape: ParamShape::Json, // decided once the types are final
            required,
            doc,
            explode,
            separator,
            idempotency_key,
        }
    }
}

fn location_of(parameter: &Parameter) -> Location {
    match parameter {
        Parameter::Query { .. } => Location::Query,
        Parameter::Header { .. } => Location::Header,
        Parameter::Path { .. } => Location::Path,
        Parameter::Cookie { .. } => Location::Cookie,
    }
}

fn location_word(location: Location) -> &'static str {
    match location {
        Location::Path => "path",
        Location::Query => "query",
        Location::Header => "header",
        Location::Cookie => "cookie",
    }
}

/// The path template as literals and the parameters it names (each declared by then: a name no
/// parameter declares was added as a string).
pub(super) fn path_parts(path: &str, params: &[Param]) -> Vec<PathPart> {
    let mut parts = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        if open > 0 {
            parts.push(PathPart::Literal(rest[..open].to_owned()));
        }
        let name = &rest[open + 1..close];
        match params
            .iter()
            .position(|p| p.location == Location::Path && p.wire == name)
        {
            Some(index) => parts.push(PathPart::Param(index)),
            // Not reached: `params` declares every name of the template.
            None => parts.push(PathPart::Literal(rest[open..=close].to_owned())),
        }
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        parts.push(PathPart::Literal(rest.to_owned()));
    }
    parts
}

/// The names in a path template (`/pets/{petId}` → `petId`).
fn template_names(path: &str) -> Vec<&str> {
    path.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .collect()
}

/// A path parameter the template names and the spec does not declare: a required string.
fn undeclared_path_param(name: Name, wire: &str) -> Param {
    Param {
        name,
        wire: wire.to_owned(),
        location: Location::Path,
        ty: Ty::String,
        shape: ParamShape::Json, // decided once the types are final
        required: true,
        doc: vec![format!(
            " The `{wire}` path parameter (named by the path template; the spec declares no type)."
        )],
        explode: false,
        separator: ",",
        secret: false,
        idempotency_key: false,
    }
}
