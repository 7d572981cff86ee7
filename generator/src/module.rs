//! One spec → the module's IR ([`Module`]): its types, its operations and its client (doc, base
//! URL, credential setters), with every decision made; and the parts ([`Part`]) its tokens are
//! built in (see [`crate::client`] for the emission).

use crate::diagnostics::Diagnostics;
use crate::docs::doc_lines;
use crate::naming::{snake_name, Name, Scope};
use crate::operations::convert::{operations, scheme_use, CLIENT_METHODS};
use crate::operations::decide::{decide, serde_roots};
use crate::operations::{Operation, SchemeUse};
use crate::types::{TypeKind, TypeSpace, TypeTable};
use openapiv3::{OpenAPI, ReferenceOr};

/// Names the module defines at its top level besides the operations' own items.
const MODULE_ITEMS: &[&str] = &["Client", "Error", "Types", "TemplateSessionGrant"];

/// Operations whose items, or whose methods, make one [`Part`]; types of one part of the `types`
/// module. Small enough to even out the threads' work and to keep few tokens alive at a time
/// (a part's tokens are dropped once it is printed).
const OPERATIONS_PER_PART: usize = 32;
/// The size of a part of the `types` module, in types and fields (a struct of 200 fields counts
/// as 201): by count alone, a part of `allOf`-merged structs could hold most of the module.
const TYPE_WEIGHT_PER_PART: usize = 256;

/// A spec's module, checked and decided: all that its tokens are built from. It is `Sync`, so
/// that threads can build its [`Part`]s' tokens side by side.
pub struct Module {
    /// The `types` module.
    pub types: TypeTable,
    /// The client's methods, in spec order.
    pub operations: Vec<Operation>,
    /// The `Client` itself.
    pub client: ClientInfo,
}

/// What the `Client` struct says and offers besides the operations.
pub struct ClientInfo {
    /// Its doc: the API's title, version and description.
    pub doc: Vec<String>,
    /// The base URL of the spec's first server.
    pub base_url: String,
    /// One setter per kind of credential the spec's security schemes take.
    pub auth_setters: Vec<AuthSetter>,
    /// The session from a whole login body, if a token endpoint takes a password.
    pub template_session: Option<crate::operations::token::TemplateSession>,
}

/// A method of the `Client` that sets a credential.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthSetter {
    /// `with_basic_auth`, for these HTTP Basic schemes.
    Basic {
        /// The schemes' names in the spec.
        schemes: Vec<String>,
    },
    /// `with_bearer_token`, for these HTTP Bearer, OAuth2 and OpenID Connect schemes.
    Bearer {
        /// The schemes' names in the spec.
        schemes: Vec<String>,
    },
    /// A setter that logs in by itself: a token session with an OAuth2 flow's standard token
    /// request (RFC 6749 §4.3 or §4.4).
    OAuth2Login {
        /// The scheme's name in the spec.
        scheme: String,
        /// The flow.
        flow: OAuth2Login,
        /// The flow's `tokenUrl`, as written (resolved against the base URL when relative).
        token_url: String,
        /// The method's name: `with_password_login`, `with_client_credentials_login` (with the
        /// scheme's name when several schemes have the flow).
        method: Name,
    },
    /// A setter for the key of one API key scheme.
    ApiKey {
        /// The scheme's name in the spec.
        scheme: String,
        /// The method's name: `with_api_key` when the spec has one API key scheme.
        method: Name,
    },
}

/// The OAuth2 flows a client logs in with by itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OAuth2Login {
    /// The resource owner password flow: a username and password.
    Password,
    /// The client credentials flow: a client id and secret.
    ClientCredentials,
    /// The authorization code flow, from a refresh token obtained elsewhere (the code itself
    /// needs a browser).
    RefreshToken,
}

/// A part of the module, whose tokens are built and formatted on their own. The variants are in
/// the order of the file. A block that spans several parts (`impl Client`, `mod types`) is opened
/// by its first part and closed by its last ([`Part::opens`], [`Part::closes`]).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Part {
    /// The methods of the operations `start..end`; the first part also holds `Error`, the
    /// `Client` struct and its constructors and credential setters.
    Client {
        start: usize,
        end: usize,
        count: usize,
    },
    /// The items of the operations `start..end` (params structs, success and error enums).
    OperationItems { start: usize, end: usize },
    /// The types `start..end` (in definition order) of the `types` module; the last part also
    /// holds its `defaults` module.
    Types {
        start: usize,
        end: usize,
        count: usize,
    },
}

impl Part {
    /// This part opens its block (or is not one of several).
    pub fn opens(&self) -> bool {
        match self {
            Part::Client { start, .. } | Part::Types { start, .. } => *start == 0,
            Part::OperationItems { .. } => true,
        }
    }

    /// This part closes its block (or is not one of several).
    pub fn closes(&self) -> bool {
        match self {
            Part::Client { end, count, .. } | Part::Types { end, count, .. } => end == count,
            Part::OperationItems { .. } => true,
        }
    }
}

/// `start..end` ranges of `size` covering `0..count` (one empty range when `count` is 0).
fn chunks(count: usize, size: usize) -> impl Iterator<Item = (usize, usize)> {
    (0..count.max(1))
        .step_by(size)
        .map(move |start| (start, count.min(start + size)))
}

/// The spec's module and the warnings met, or every error of the spec.
pub fn module(
    document: &crate::spec::Document,
    config: &crate::Config,
    formats: crate::types::Formats,
) -> Result<(Module, Diagnostics), Diagnostics> {
    let api = &document.api;
    let all_serde_derives = config.all_serde_derives;
    let selection = &config.selection;
    let selected = selection.check(api);
    if selected.has_errors() {
        return Err(selected);
    }
    let mut types = TypeSpace::new(api, &document.rewritten, formats);
    let mut module_scope = Scope::with_reserved(MODULE_ITEMS);
    module_scope.reserve(crate::naming::PRELUDE_NAMES);
    // The client's own methods are named first, so operations never take their names.
    let mut methods = Scope::with_reserved(CLIENT_METHODS);
    let auth_setters = auth_setters(api, &mut methods);
    let (mut operations, mut diagnostics) =
        operations(api, &mut types, &mut module_scope, methods, selection);
    let (mut types, type_diagnostics) = types.finish();
    diagnostics.extend(type_diagnostics);
    diagnostics.dedup();
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    // Before `decide`, which reads the fields of multipart bodies.
    let json_bodies: Vec<&crate::types::Ty> = operations
        .iter()
        .filter_map(|operation| operation.body.as_ref())
        .filter(|body| body.media == crate::operations::Media::Json)
        .map(|body| &body.ty)
        .collect();
    crate::types::usage::settle_tri_state(&mut types, &json_bodies, all_serde_derives);
    if config.features_per_tag {
        let features = crate::features::tag_features(api, &mut diagnostics);
        crate::features::gate_operations(&mut operations, &features);
    }
    decide(&mut operations, &types);
    let mut template_session = crate::operations::token::template_session(&operations, &types);
    if let Some(session) = &mut template_session {
        let bearer = |setter: &AuthSetter| matches!(setter, AuthSetter::Bearer { .. });
        session.client_takes_it = auth_setters.iter().any(bearer);
    }
    if !selection.is_everything() {
        // Only what the selected operations reach, not every component schema.
        let mut roots = serde_roots(&operations);
        roots
            .other
            .extend(template_session_responses(template_session.as_ref()));
        crate::types::usage::keep_reached(&mut types, &roots);
    }
    if config.features_per_tag {
        let extra = session_types(&operations, template_session.as_ref());
        types.features = crate::features::gate_types(&types, &operations, &extra);
    }
    if !all_serde_derives {
        let mut roots = serde_roots(&operations);
        // The token responses are written back to JSON to read the token the way every
        // provider spells it (`token_from_json`).
        roots
            .sent
            .extend(template_session_responses(template_session.as_ref()));
        crate::types::usage::mark(&mut types, &roots);
    }
    if config.without_clone_and_eq {
        without_clone_and_eq(&mut types, &mut operations, template_session.as_ref());
    }
    let client = ClientInfo {
        doc: client_doc(api),
        base_url: default_base_url(api),
        auth_setters,
        template_session,
    };
    let module = Module {
        types,
        operations,
        client,
    };
    Ok((module, diagnostics))
}

/// `Config::derive_clone_and_partial_eq(false)`: no type or operation item derives `Clone` and
/// `PartialEq` but the login body of a template session (which a refresh copies) and what it
/// holds.
fn without_clone_and_eq(
    types: &mut crate::types::TypeTable,
    operations: &mut [Operation],
    session: Option<&crate::operations::token::TemplateSession>,
) {
    let login = session.and_then(|session| {
        let login = (operations.iter()).find(|op| op.method_name == session.login.method);
        login.and_then(|operation| operation.body.as_ref())
    });
    let roots: Vec<&crate::types::Ty> = login.map(|body| &body.ty).into_iter().collect();
    let copied = crate::types::usage::reached(types, &roots);
    for id in types.ids() {
        types.get_mut(id).clone_and_eq = copied.contains(&id);
    }
    for operation in operations {
        operation.clone_and_eq = false;
    }
}

/// The token responses a session reads, with the index of the operation whose feature turns
/// the session on.
fn session_types<'a>(
    operations: &[Operation],
    session: Option<&'a crate::operations::token::TemplateSession>,
) -> Vec<(usize, &'a crate::types::Ty)> {
    let login = session.and_then(|session| {
        (operations.iter()).position(|operation| operation.method_name == session.login.method)
    });
    let Some(index) = login else {
        return Vec::new();
    };
    let responses = template_session_responses(session);
    responses.into_iter().map(|ty| (index, ty)).collect()
}

/// The success types of a template session's token calls.
fn template_session_responses(
    session: Option<&crate::operations::token::TemplateSession>,
) -> Vec<&crate::types::Ty> {
    let Some(session) = session else {
        return Vec::new();
    };
    let mut responses = vec![&session.login.response];
    if let crate::operations::token::TemplateRefresh::Operation(call) = &session.refresh {
        responses.push(&call.response);
    }
    responses
}

impl Module {
    /// The module's parts, the biggest kinds first: the `types` module's, the client's, then the
    /// operations' items, each a few types or operations at a time.
    pub fn parts(&self) -> Vec<Part> {
        let types = self.types.ids().len();
        let operations = self.operations.len();
        let type_parts = self
            .type_chunks()
            .into_iter()
            .map(|(start, end)| Part::Types {
                start,
                end,
                count: types,
            });
        let client_parts =
            chunks(operations, OPERATIONS_PER_PART).map(|(start, end)| Part::Client {
                start,
                end,
                count: operations,
            });
        let item_parts =
            (0..operations)
                .step_by(OPERATIONS_PER_PART)
                .map(|start| Part::OperationItems {
                    start,
                    end: operations.min(start + OPERATIONS_PER_PART),
                });
        type_parts.chain(client_parts).chain(item_parts).collect()
    }
}

impl Module {
    /// `start..end` ranges of the types (in definition order) of about
    /// [`TYPE_WEIGHT_PER_PART`] each; one empty range when there are none.
    fn type_chunks(&self) -> Vec<(usize, usize)> {
        let mut chunks = Vec::new();
        let (mut start, mut weight) = (0, 0);
        for (index, (_, def)) in self.types.iter().enumerate() {
            weight += 1 + match &def.kind {
                TypeKind::Struct(fields) => fields.len(),
                TypeKind::Union { variants, .. } => variants.len(),
                TypeKind::Enum { variants, .. } => variants.len(),
                TypeKind::Alias(_) | TypeKind::Newtype(_) => 0,
            };
            if weight >= TYPE_WEIGHT_PER_PART {
                chunks.push((start, index + 1));
                (start, weight) = (index + 1, 0);
            }
        }
        let count = self.types.ids().len();
        if start < count || chunks.is_empty() {
            chunks.push((start, count));
        }
        chunks
    }
}

/// The client's doc: the API's title, version and description. The module itself has no inner
/// doc: a file with inner attributes cannot be `include!`d.
fn client_doc(api: &OpenAPI) -> Vec<String> {
    // Title and version on one line, whatever whitespace or control characters they hold.
    let one_line = |text: &str| {
        let text = crate::docs::without_control_characters(text);
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let mut doc = vec![format!(
        " Client for {} (version {}): one method per operation, each returning the runtime's `Call`, a future that sends the request when awaited.",
        one_line(&api.info.title),
        one_line(&api.info.version)
    )];
    if let Some(description) = &api.info.description {
        let lines = doc_lines(description);
        if !lines.is_empty() {
            doc.push(String::new());
            doc.extend(lines);
        }
    }
    doc
}

/// The spec's first server, with its variables at their defaults; `http://localhost` when the
/// spec names none (or only a relative one, which is resolved against it).
pub fn default_base_url(api: &OpenAPI) -> String {
    let Some(server) = api.servers.first() else {
        return "http://localhost".to_owned();
    };
    let mut url = server.url.clone();
    for (name, variable) in server.variables.iter().flatten() {
        url = url.replace(&format!("{{{name}}}"), &variable.default);
    }
    if url.starts_with('/') {
        url = format!("http://localhost{url}");
    }
    url.trim_end_matches('/').to_owned()
}

/// The credential setters for the spec's security schemes (those the runtime can apply), in
/// order: Basic, Bearer, then one per API key scheme, whose method names go in `names`.
fn auth_setters(api: &OpenAPI, names: &mut Scope) -> Vec<AuthSetter> {
    let schemes: Vec<(String, SchemeUse)> = api
        .components
        .iter()
        .flat_map(|components| components.security_schemes.iter())
        .filter_map(|(name, scheme)| match scheme {
            ReferenceOr::Item(scheme) => {
                scheme_use(name, scheme).map(|scheme| (name.clone(), scheme))
            }
            ReferenceOr::Reference { .. } => None,
        })
        .collect();
    let names_of = |kind: SchemeUse| -> Vec<String> {
        schemes
            .iter()
            .filter(|(_, s)| *s == kind)
            .map(|(name, _)| name.clone())
            .collect()
    };
    let mut setters = Vec::new();
    let basic = names_of(SchemeUse::Basic);
    if !basic.is_empty() {
        setters.push(AuthSetter::Basic { schemes: basic });
    }
    let bearer = names_of(SchemeUse::Bearer);
    if !bearer.is_empty() {
        setters.push(AuthSetter::Bearer { schemes: bearer });
    }
    let api_keys: Vec<&String> = schemes
        .iter()
        .filter(|(_, s)| matches!(s, SchemeUse::ApiKey { .. }))
        .map(|(n, _)| n)
        .collect();
    setters.extend(oauth2_logins(api, names));
    for scheme in &api_keys {
        let method = if api_keys.len() == 1 {
            snake_name("with_api_key")
        } else {
            names.unique_name(Name::joined("with_", &snake_name(scheme), ""))
        };
        setters.push(AuthSetter::ApiKey {
            scheme: (*scheme).clone(),
            method,
        });
    }
    setters
}

/// A login setter per OAuth2 flow that a client can run by itself: password and client
/// credentials (the others need a browser).
fn oauth2_logins(api: &OpenAPI, names: &mut Scope) -> Vec<AuthSetter> {
    let mut found = Vec::new();
    let schemes = api
        .components
        .iter()
        .flat_map(|c| c.security_schemes.iter());
    for (scheme, item) in schemes {
        let ReferenceOr::Item(openapiv3::SecurityScheme::OAuth2 { flows, .. }) = item else {
            continue;
        };
        if let Some(flow) = &flows.password {
            found.push((scheme, OAuth2Login::Password, flow.token_url.clone()));
        }
        if let Some(flow) = &flows.client_credentials {
            found.push((
                scheme,
                OAuth2Login::ClientCredentials,
                flow.token_url.clone(),
            ));
        }
        if let Some(flow) = &flows.authorization_code {
            found.push((scheme, OAuth2Login::RefreshToken, flow.token_url.clone()));
        }
    }
    let count = |flow| found.iter().filter(|(_, f, _)| *f == flow).count();
    let counts = [
        count(OAuth2Login::Password),
        count(OAuth2Login::ClientCredentials),
        count(OAuth2Login::RefreshToken),
    ];
    found
        .iter()
        .map(|(scheme, flow, token_url)| {
            let (word, several) = match flow {
                OAuth2Login::Password => ("password_login", counts[0] > 1),
                OAuth2Login::ClientCredentials => ("client_credentials_login", counts[1] > 1),
                OAuth2Login::RefreshToken => ("refresh_token", counts[2] > 1),
            };
            let method = match several {
                true => Name::joined("with_", &snake_name(&format!("{scheme}_{word}")), ""),
                false => snake_name(&format!("with_{word}")),
            };
            AuthSetter::OAuth2Login {
                scheme: (*scheme).clone(),
                flow: *flow,
                token_url: token_url.clone(),
                method: names.unique_name(method),
            }
        })
        .collect()
}

/// The IR of a spec given as text, for the analysis modules' unit tests.
#[cfg(test)]
pub fn analyse(text: &str) -> Module {
    analyse_with_warnings(text).0
}

/// The same, with the warnings met.
#[cfg(test)]
pub fn analyse_with_warnings(text: &str) -> (Module, Diagnostics) {
    let document = crate::spec::parse(text).unwrap_or_else(|d| panic!("{d}"));
    let formats = crate::types::Formats {
        runtime: crate::config::DEFAULT_RUNTIME_PATH.to_owned(),
        ..Default::default()
    };
    module(&document, &crate::Config::new(), formats)
        .unwrap_or_else(|diagnostics| panic!("{diagnostics}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_client_gets_one_setter_per_kind_of_credential() {
        let module = analyse(
            "
openapi: 3.0.3
info: {title: Pets, version: '2', description: All the pets.}
servers: [{url: 'https://{region}.example.com/v1/', variables: {region: {default: eu}}}]
paths: {}
components:
  securitySchemes:
    basic: {type: http, scheme: basic}
    oauth: {type: oauth2, flows: {}}
    jwt: {type: http, scheme: bearer}
    key: {type: apiKey, in: header, name: X-Key}
    other key: {type: apiKey, in: query, name: k}
    digest: {type: http, scheme: digest}
",
        );
        let client = &module.client;
        assert_eq!(client.base_url, "https://eu.example.com/v1");
        assert_eq!(
            client.doc,
            [
                " Client for Pets (version 2): one method per operation, each returning the runtime's `Call`, a future that sends the request when awaited.",
                "",
                " All the pets."
            ]
        );
        assert_eq!(
            client.auth_setters,
            [
                AuthSetter::Basic {
                    schemes: vec!["basic".into()]
                },
                AuthSetter::Bearer {
                    schemes: vec!["oauth".into(), "jwt".into()]
                },
                AuthSetter::ApiKey {
                    scheme: "key".into(),
                    method: snake_name("with_key")
                },
                AuthSetter::ApiKey {
                    scheme: "other key".into(),
                    method: snake_name("with_other_key")
                },
            ]
        );
    }
}
