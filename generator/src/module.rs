//! One spec → the tokens of one module, part by part ([`Part`]): its types, its `Client` and each
//! operation's items.

use crate::diagnostics::Diagnostics;
use crate::docs::doc_lines;
use crate::naming::{ident, snake_name, Scope};
use crate::operations::convert::{operations, scheme_use, CLIENT_METHODS};
use crate::operations::emit::{method, operation_items, serde_roots, shared_error_enums, Context};
use crate::operations::Operation;
use crate::operations::SchemeUse;
use crate::types::emit::types_module;
use crate::types::{TypeSpace, TypeTable};
use openapiv3::{OpenAPI, ReferenceOr};
use proc_macro2::TokenStream;
use quote::quote;

/// Names the module defines at its top level besides the operations' own items.
const MODULE_ITEMS: &[&str] = &["Client", "Error", "Types"];

/// Operations whose items make one [`Part`]: small enough to even out the threads' work.
const OPERATIONS_PER_PART: usize = 32;

/// A spec's types and operations, checked: what the module's tokens are built from. It is
/// `Sync`, so that threads can build its [`Part`]s' tokens side by side.
pub struct Module {
    defs: TypeTable,
    operations: Vec<Operation>,
    auth: Auth,
    /// Error enums written as aliases of an identical one ([`shared_error_enums`]).
    error_aliases: std::collections::BTreeMap<String, String>,
}

/// A part of the module, whose tokens are built and formatted on their own. The variants are in
/// the order of the file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Part {
    /// The module's doc, `Error` and the `Client` with its methods.
    Client,
    /// The items of the operations `start..end` (params structs, success and error enums).
    OperationItems { start: usize, end: usize },
    /// The `types` module.
    Types,
}

/// The spec's module and the warnings met, or every error of the spec.
pub fn module(
    api: &OpenAPI,
    all_serde_derives: bool,
) -> Result<(Module, Diagnostics), Diagnostics> {
    let mut types = TypeSpace::new(api);
    let mut module_scope = Scope::with_reserved(MODULE_ITEMS);
    module_scope.reserve(crate::naming::PRELUDE_NAMES);
    // The client's own methods are named first, so operations never take their names.
    let mut methods = Scope::with_reserved(CLIENT_METHODS);
    let auth = auth(api, &mut methods);
    let (operations, mut diagnostics) = operations(api, &mut types, &mut module_scope, methods);
    let (mut defs, type_diagnostics) = types.finish();
    diagnostics.extend(type_diagnostics);
    diagnostics.dedup();
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    if !all_serde_derives {
        let no_runtime = TokenStream::new(); // the roots depend on the types, not on paths
        let roots_cx = Context::new(&no_runtime, &defs);
        let roots = serde_roots(&operations, &roots_cx);
        crate::types::usage::mark(&mut defs, &roots);
    }
    let error_aliases = shared_error_enums(&operations);
    let module = Module {
        defs,
        operations,
        auth,
        error_aliases,
    };
    Ok((module, diagnostics))
}

impl Module {
    /// The module's parts, the biggest first: the `types` module, the client, then the
    /// operations' items a few operations at a time.
    pub fn parts(&self) -> Vec<Part> {
        let count = self.operations.len();
        let items = (0..count)
            .step_by(OPERATIONS_PER_PART)
            .map(|start| Part::OperationItems {
                start,
                end: count.min(start + OPERATIONS_PER_PART),
            });
        [Part::Types, Part::Client]
            .into_iter()
            .chain(items)
            .collect()
    }

    /// The tokens of one part.
    pub fn tokens(&self, part: &Part, api: &OpenAPI, runtime: &TokenStream) -> TokenStream {
        let cx = Context::new(runtime, &self.defs).with_error_aliases(&self.error_aliases);
        match part {
            Part::Client => {
                let methods = self
                    .operations
                    .iter()
                    .map(|operation| method(operation, &cx));
                let client = client(api, runtime, auth_setters(&self.auth), methods.collect());
                quote! {
                    pub use #runtime::Error;
                    #client
                }
            }
            Part::OperationItems { start, end } => self.operations[*start..*end]
                .iter()
                .map(|operation| operation_items(operation, &cx))
                .collect(),
            Part::Types => types_module(&self.defs, runtime),
        }
    }
}

/// The client's doc: the API's title, version and description. The module itself has no inner
/// doc: a file with inner attributes cannot be `include!`d.
fn client_doc(api: &OpenAPI) -> Vec<String> {
    let mut doc = vec![format!(
        " Client for {} (version {}): one `async` method per operation.",
        api.info.title.trim(),
        api.info.version.trim()
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

fn client(
    api: &OpenAPI,
    runtime: &TokenStream,
    auth: TokenStream,
    methods: Vec<TokenStream>,
) -> TokenStream {
    let base_url = default_base_url(api);
    let doc = crate::types::emit::doc_attrs(&client_doc(api));
    quote! {
        #doc
        ///
        /// Cloning is cheap: clones share the connection pool.
        #[derive(Clone, Debug)]
        pub struct Client {
            core: #runtime::ClientCore,
        }

        impl Default for Client {
            fn default() -> Self {
                Self::new()
            }
        }

        impl Client {
            /// The base URL of the spec's first server.
            pub const DEFAULT_BASE_URL: &'static str = #base_url;

            /// A client for [`Self::DEFAULT_BASE_URL`].
            pub fn new() -> Self {
                Client { core: #runtime::ClientCore::new(Self::DEFAULT_BASE_URL) }
            }

            /// A client for another base URL (an absolute `http` or `https` URL).
            pub fn with_base_url(base_url: &str) -> Result<Self, #runtime::InvalidBaseUrl> {
                Ok(Client { core: #runtime::ClientCore::with_base_url(base_url)? })
            }

            /// Sends requests through `http`, keeping its settings (proxies, pools, default headers).
            pub fn with_http_client(mut self, http: reqwest::Client) -> Self {
                self.core.set_http_client(http);
                self
            }

            /// Gives up on any request that has no complete response after `timeout`.
            pub fn with_timeout(mut self, timeout: ::std::time::Duration) -> Self {
                self.core.set_timeout(timeout);
                self
            }

            /// The base URL requests go to.
            pub fn base_url(&self) -> &str {
                self.core.base_url()
            }

            #auth

            #(#methods)*
        }
    }
}

/// The spec's security schemes the client takes credentials for.
struct Auth {
    schemes: Vec<(String, SchemeUse)>,
    /// The method names of the API key setters, in the order of the API key schemes.
    api_key_setters: Vec<String>,
}

/// The spec's security schemes; the names of their API key setters go in `names`.
fn auth(api: &OpenAPI, names: &mut Scope) -> Auth {
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
    let api_keys: Vec<&String> = schemes
        .iter()
        .filter(|(_, s)| matches!(s, SchemeUse::ApiKey { .. }))
        .map(|(n, _)| n)
        .collect();
    let api_key_setters = api_keys
        .iter()
        .map(|scheme| {
            if api_keys.len() == 1 {
                "with_api_key".to_owned()
            } else {
                names.unique(format!(
                    "with_{}",
                    snake_name(scheme).trim_start_matches("r#")
                ))
            }
        })
        .collect();
    Auth {
        schemes,
        api_key_setters,
    }
}

/// One setter per kind of credential the spec's security schemes take.
fn auth_setters(auth: &Auth) -> TokenStream {
    let schemes = &auth.schemes;
    let mut methods = TokenStream::new();
    let scheme_list = |kind: fn(&SchemeUse) -> bool| {
        schemes
            .iter()
            .filter(|(_, s)| kind(s))
            .map(|(name, _)| format!("`{name}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if schemes.iter().any(|(_, s)| *s == SchemeUse::Basic) {
        let doc = format!(
            " Sends HTTP Basic credentials, for the {} scheme(s).",
            scheme_list(|s| *s == SchemeUse::Basic)
        );
        methods.extend(quote! {
            #[doc = #doc]
            pub fn with_basic_auth(mut self, username: impl Into<String>, password: impl Into<String>) -> Self {
                self.core.set_basic_auth(username.into(), Some(password.into()));
                self
            }
        });
    }
    if schemes.iter().any(|(_, s)| *s == SchemeUse::Bearer) {
        let doc = format!(
            " Sends `Authorization: Bearer <token>`, for the {} scheme(s).",
            scheme_list(|s| *s == SchemeUse::Bearer)
        );
        methods.extend(quote! {
            #[doc = #doc]
            pub fn with_bearer_token(mut self, token: impl Into<String>) -> Self {
                self.core.set_bearer_token(token.into());
                self
            }
        });
    }
    let api_keys = schemes
        .iter()
        .filter(|(_, s)| matches!(s, SchemeUse::ApiKey { .. }));
    for ((scheme, _), method_name) in api_keys.zip(&auth.api_key_setters) {
        let method_name = ident(method_name);
        let doc = format!(" Sets the key of the `{scheme}` API key scheme.");
        methods.extend(quote! {
            #[doc = #doc]
            pub fn #method_name(mut self, key: impl Into<String>) -> Self {
                self.core.set_api_key(#scheme, key.into());
                self
            }
        });
    }
    methods
}
