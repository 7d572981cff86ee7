//! The spec's paths → [`Operation`]s.

use super::bodies::accept_header;
use super::params::path_parts;
use super::{ErrorEnum, HeadersStruct, Location, Operation, ParamsStruct, SchemeUse};
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::docs::doc_lines;
use crate::naming::{snake_name, type_name, Scope};
use crate::pointer::join;
use crate::read::Resolver;
use crate::types::TypeSpace;
use openapiv3::{
    APIKeyLocation, OpenAPI, Parameter, ReferenceOr, SecurityRequirement, SecurityScheme,
};
use std::collections::{BTreeMap, BTreeSet};

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

/// The warning for a path item given by a `$ref` the reading could not inline (a URL, one to
/// nothing, one that leads back to itself, through other files or paths).
fn unread_path_item(path_pointer: &str, reference: &str) -> Diagnostic {
    let (code, message) = match crate::pointer::JsonPointer::parse_ref(reference) {
        Ok(target) if target.to_string() == path_pointer => (
            Code::RefCycle,
            "this path item is a loop of `$ref`s with no path item in it".to_owned(),
        ),
        parsed => {
            let code = match parsed {
                Err(crate::pointer::RefError::External) => Code::RefExternal,
                Err(crate::pointer::RefError::Malformed) => Code::RefMalformed,
                Ok(_) => Code::RefNotFound,
            };
            (code, format!("`$ref: {reference}` names no path item"))
        }
    };
    let warning = Diagnostic::error(code, join(path_pointer, "$ref"), message);
    warning.tolerated("the path is left out")
}

/// Where an operation stands: its path item.
pub(super) struct OperationContext<'a, 'p> {
    pub(super) path: &'p str,
    pub(super) method: &'p str,
    pub(super) path_params: &'a [ReferenceOr<Parameter>],
    pub(super) path_pointer: &'p str,
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
