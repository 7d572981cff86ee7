//! The spec's paths → [`Operation`]s.

use super::bodies::accept_header;
use super::{
    ErrorEnum, HeadersStruct, Location, Operation, Param, ParamShape, ParamsStruct, PathPart,
    SchemeUse,
};
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::docs::doc_lines;
use crate::naming::{snake_name, type_name, Name, Scope};
use crate::pointer::join;
use crate::read::Resolver;
use crate::types::{is_secret, Ty, TypeSpace};
use openapiv3::{
    APIKeyLocation, OpenAPI, Parameter, ParameterSchemaOrContent, QueryStyle, ReferenceOr,
    SecurityRequirement, SecurityScheme,
};
use std::collections::{BTreeMap, BTreeSet};

/// The headers whose key makes a repeated request do its work once
/// (draft-ietf-httpapi-idempotency-key-header, and the `X-` form Stripe-like APIs use); the
/// runtime's `sender` retries requests carrying one.
const IDEMPOTENCY_HEADERS: [&str; 2] = ["Idempotency-Key", "X-Idempotency-Key"];

/// Method names the generated `Client` defines itself.
pub const CLIENT_METHODS: &[&str] = &[
    "new",
    "default",
    "clone",
    "fmt",
    "with_base_url",
    "with_http_client",
    "with_timeout",
    "with_retry_policy",
    "base_url",
    "with_basic_auth",
    "with_bearer_token",
    "with_api_key",
    "with_hook",
    "with_middleware",
    "with_session",
    "password_session",
    "password_session_with",
    "client_credentials_session",
    "token_client",
];

/// Local names of a generated method body, which parameters must not shadow.
const METHOD_LOCALS: &[&str] = &["body", "params", "request", "response", "path"];

/// Reads every operation of `api`, registering the types they define in `types`, the names of
/// their own items (error enums, params structs) in `module_scope`, and their method names in
/// `methods` (which already holds the client's own methods).
pub fn operations<'a>(
    api: &'a OpenAPI,
    types: &mut TypeSpace<'a>,
    module_scope: &mut Scope,
    methods: &mut Scope,
    selection: &crate::scope::select::Selection,
) -> (Vec<Operation>, Diagnostics) {
    let mut reader = Reader {
        api,
        resolver: Resolver::new(api),
        types,
        module_scope,
        methods,
        operation_ids: BTreeMap::new(),
        undefined_schemes: BTreeSet::new(),
        diagnostics: Diagnostics::default(),
    };
    let mut operations = Vec::new();
    for (path, item) in &api.paths.paths {
        let path_pointer = join("#/paths", path);
        let item = match item {
            ReferenceOr::Item(item) => item,
            ReferenceOr::Reference { reference } => {
                (reader.diagnostics).push(unread_path_item(&path_pointer, reference));
                continue;
            }
        };
        for (method, operation) in item.iter() {
            if !selection.selects(path, operation) {
                continue;
            }
            let pointer = join(&path_pointer, method);
            let context = OperationContext {
                path,
                method,
                path_params: &item.parameters,
                path_pointer: &path_pointer,
            };
            let before = reader.diagnostics.len();
            let Some(operation) = reader.operation(&context, operation, &pointer) else {
                continue;
            };
            // A defect no narrower item answers for costs its operation, not the document.
            if !reader.leave_out_since(before, &operation) {
                operations.push((operation, pointer));
            }
        }
    }
    // Extra methods are named once every operation has its own name: a `_stream` method never
    // takes the name of an operation the spec declares (`createCompletionStream`).
    for (operation, pointer) in &mut operations {
        let stream = reader.event_stream_method(operation);
        let wanted = format!("{}_stream", operation.method_name.bare());
        if let Some(stream) = stream.as_ref().filter(|m| m.name.bare() != wanted) {
            reader.diagnostics.push(Diagnostic::warning(
                Code::MethodRenamed,
                pointer.as_str(),
                format!(
                    "the event-stream method of `{}` is `{}`: an operation of the spec is `{wanted}`",
                    operation.method_name.bare(),
                    stream.name.bare()
                ),
            ));
        }
        operation.extra_methods.extend(stream);
    }
    let operations = operations
        .into_iter()
        .map(|(operation, _)| operation)
        .collect();
    (operations, reader.diagnostics)
}

/// The warning for a path item given by a `$ref` the reading could not inline (one to another
/// file, or to nothing).
fn unread_path_item(path_pointer: &str, reference: &str) -> Diagnostic {
    let code = match crate::pointer::JsonPointer::parse_ref(reference) {
        Err(crate::pointer::RefError::External) => Code::RefExternal,
        Err(crate::pointer::RefError::Malformed) => Code::RefMalformed,
        Ok(_) => Code::RefNotFound,
    };
    let message =
        format!("`$ref: {reference}` names no path item of this file: the path is skipped");
    Diagnostic::warning(code, join(path_pointer, "$ref"), message)
}

/// Where an operation stands: its path item.
struct OperationContext<'a, 'p> {
    path: &'p str,
    method: &'p str,
    path_params: &'a [ReferenceOr<Parameter>],
    path_pointer: &'p str,
}

pub(super) struct Reader<'a, 's> {
    pub(super) api: &'a OpenAPI,
    pub(super) resolver: Resolver<'a>,
    pub(super) types: &'s mut TypeSpace<'a>,
    pub(super) module_scope: &'s mut Scope,
    pub(super) methods: &'s mut Scope,
    /// operationId → pointer of its first use.
    pub(super) operation_ids: BTreeMap<String, String>,
    /// Security schemes named by requirements but not defined (each reported once).
    pub(super) undefined_schemes: BTreeSet<String>,
    pub(super) diagnostics: Diagnostics,
}

impl<'a> Reader<'a, '_> {
    /// Whether an error was found since the diagnostics numbered `before` (while `operation`
    /// was read): then those errors are warnings that `operation` is left out.
    fn leave_out_since(&mut self, before: usize, operation: &Operation) -> bool {
        use crate::diagnostics::Severity;
        let found = self.diagnostics.iter().skip(before);
        if !found.clone().any(|d| d.severity == Severity::Error) {
            return false;
        }
        let (path, method) = &operation.origin;
        let cost = format!(
            "the operation `{}` ({} {path}) is left out",
            operation.method_name.bare(),
            method.to_uppercase()
        );
        for diagnostic in self.diagnostics.iter_mut().skip(before) {
            if diagnostic.severity == Severity::Error {
                *diagnostic = diagnostic.clone().tolerated(&cost);
            }
        }
        true
    }

    fn operation(
        &mut self,
        context: &OperationContext<'a, '_>,
        operation: &'a openapiv3::Operation,
        pointer: &str,
    ) -> Option<Operation> {
        let (path, method) = (context.path, context.method);
        let raw_name = match &operation.operation_id {
            Some(id) => id.clone(),
            None => name_from_path(method, path),
        };
        let method_name = self.methods.unique_name(snake_name(&raw_name));
        if let Some(id) = &operation.operation_id {
            if let Some(first) = self.operation_ids.insert(id.clone(), pointer.to_owned()) {
                self.diagnostics.push(
                    Diagnostic::warning(
                        Code::DuplicateOperationId,
                        join(pointer, "operationId"),
                        format!(
                            "operationId `{id}` is used twice: this operation's method is `{}`",
                            method_name.bare()
                        ),
                    )
                    .with_hint(format!(
                        "it is also the operationId at {first}; operationIds must be unique"
                    )),
                );
            }
        }
        let type_stem = type_name(method_name.bare());

        let mut doc = Vec::new();
        if let Some(summary) = &operation.summary {
            doc.extend(doc_lines(summary));
        }
        if let Some(description) = &operation.description {
            if !doc.is_empty() {
                doc.push(String::new());
            }
            doc.extend(doc_lines(description));
        }
        if doc.is_empty() {
            doc.push(format!(" `{} {path}`", method.to_uppercase()));
        } else {
            doc.extend([
                String::new(),
                format!(" `{} {path}`", method.to_uppercase()),
            ]);
        }

        let params = self.params(operation, context, &type_stem, pointer);
        let path_parts = path_parts(path, &params);
        let body = self.request_body(operation, &type_stem, pointer);
        let mut gathered_headers = super::headers::Gathered::default();
        let responses = self.responses(operation, &type_stem, pointer, &mut gathered_headers);
        let headers_struct = gathered_headers.finish().map(|fields| HeadersStruct {
            name: self.module_scope.unique(format!("{type_stem}Headers")),
            fields,
            same_as: None, // decided with the other operations' (decide::share_identical_items)
        });
        let mut responses = responses;
        let mut success = self.success(&responses, &type_stem);
        super::bodies::settle_streams(&mut responses, &mut success);
        let error_enum = responses
            .iter()
            .any(|outcome| !outcome.status.is_success())
            .then(|| ErrorEnum {
                name: self.module_scope.unique(format!("{type_stem}Error")),
                same_as: None, // decided with the other operations' (decide::share_identical_items)
            });
        let params_struct =
            (params.len() > 3 || params.iter().any(|param| !param.required)).then(|| {
                ParamsStruct {
                    name: self.module_scope.unique(format!("{type_stem}Params")),
                    derive_default: false, // decided once the types are final
                    same_as: None, // decided with the other operations' (decide::share_identical_items)
                }
            });
        let security = self.security(operation.security.as_ref(), &join(pointer, "security"));
        let accept = accept_header(&responses);

        Some(Operation {
            method_name,
            http_method: method.to_uppercase(),
            path: path_parts,
            doc,
            deprecated: operation.deprecated,
            params,
            params_struct,
            body,
            responses,
            success,
            error_enum,
            headers_struct,
            security,
            accept,
            tags: operation.tags.clone(),
            features: Vec::new(), // decided for the whole module (features::gate_operations)
            extra_methods: Vec::new(), // added once the operation is read
            clone_and_eq: true,
            origin: (path.to_owned(), method.to_owned()),
            operation_id: operation.operation_id.clone(),
        })
    }

    fn params(
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
                Ok((parameter, _)) => {
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

    fn security(
        &mut self,
        own: Option<&'a Vec<SecurityRequirement>>,
        pointer: &str,
    ) -> Vec<Vec<SchemeUse>> {
        // The document's requirements apply where the operation has none of its own, and are
        // reported where they are written.
        let (requirements, pointer) = match own {
            Some(own) => (Some(own), pointer),
            None => (self.api.security.as_ref(), "#/security"),
        };
        let mut alternatives = Vec::new();
        for requirement in requirements.into_iter().flatten() {
            let mut schemes = Vec::new();
            let mut satisfiable = true;
            for name in requirement.keys() {
                let reference = format!(
                    "#/components/securitySchemes/{}",
                    crate::pointer::escape_token(name)
                );
                let scheme = match self.resolver.lookup::<SecurityScheme>(&reference, pointer) {
                    Ok((scheme, scheme_pointer)) => {
                        match self.resolver.resolve(scheme, &scheme_pointer) {
                            Ok((scheme, _)) => scheme,
                            Err(diagnostic) => {
                                let cost = "requirements naming it are left out";
                                self.diagnostics.push(diagnostic.tolerated(cost));
                                satisfiable = false;
                                continue;
                            }
                        }
                    }
                    Err(_) => {
                        // Said once per scheme: a spec names it on many operations.
                        if self.undefined_schemes.insert(name.clone()) {
                            self.diagnostics.push(
                                Diagnostic::warning(Code::UndefinedSecurityScheme, pointer, format!("security scheme `{name}` is not defined in components/securitySchemes: requirements naming it are left out, here and in every other operation"))
                                    .with_hint(format!("define `{name}` under components/securitySchemes")),
                            );
                        }
                        satisfiable = false;
                        continue;
                    }
                };
                // Several OAuth2 flows are one bearer token to the runtime: say it once.
                if let Some(scheme_use) = scheme_use(name, scheme) {
                    if !schemes.contains(&scheme_use) {
                        schemes.push(scheme_use);
                    }
                }
            }
            if satisfiable && !alternatives.contains(&schemes) {
                alternatives.push(schemes);
            }
        }
        alternatives
    }
}

/// What the runtime does for one security scheme, or `None` when it cannot help (HTTP schemes
/// other than Basic and Bearer).
pub fn scheme_use(name: &str, scheme: &SecurityScheme) -> Option<SchemeUse> {
    match scheme {
        SecurityScheme::HTTP { scheme, .. } if scheme.eq_ignore_ascii_case("basic") => {
            Some(SchemeUse::Basic)
        }
        SecurityScheme::HTTP { scheme, .. } if scheme.eq_ignore_ascii_case("bearer") => {
            Some(SchemeUse::Bearer)
        }
        SecurityScheme::HTTP { .. } => None,
        SecurityScheme::OAuth2 { .. } | SecurityScheme::OpenIDConnect { .. } => {
            Some(SchemeUse::Bearer)
        }
        SecurityScheme::APIKey {
            location,
            name: key_name,
            ..
        } => Some(SchemeUse::ApiKey {
            scheme: name.to_owned(),
            location: match location {
                APIKeyLocation::Query => Location::Query,
                APIKeyLocation::Header => Location::Header,
                APIKeyLocation::Cookie => Location::Cookie,
            },
            name: key_name.clone(),
        }),
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

/// A method name for an operation without an operationId: `get /pets/{id}` → `get_pets_by_id`.
fn name_from_path(method: &str, path: &str) -> String {
    let mut name = method.to_owned();
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        name.push('_');
        match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(param) => {
                name.push_str("by_");
                name.push_str(param);
            }
            None => name.push_str(segment),
        }
    }
    name
}

/// The path template as literals and the parameters it names (each declared by then: a name no
/// parameter declares was added as a string).
fn path_parts(path: &str, params: &[Param]) -> Vec<PathPart> {
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
