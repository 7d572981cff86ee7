//! One spec → the tokens of one module: its types, its `Client` and each operation's items.

use crate::diagnostics::Diagnostics;
use crate::naming::{doc_lines, ident, snake_name, Scope};
use crate::operations::convert::{operations, scheme_use, CLIENT_METHODS};
use crate::operations::emit::{method, operation_items, serde_roots, shared_error_enums, Context};
use crate::operations::SchemeUse;
use crate::types::emit::types_module;
use crate::types::TypeSpace;
use openapiv3::{OpenAPI, ReferenceOr};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// Names the module defines at its top level besides the operations' own items.
const MODULE_ITEMS: &[&str] = &["Client", "Error", "Types"];

/// The module's tokens and the warnings met, or every error of the spec.
pub fn module_tokens(
    api: &OpenAPI,
    runtime: &TokenStream,
    all_serde_derives: bool,
) -> Result<(TokenStream, Diagnostics), Diagnostics> {
    let mut types = TypeSpace::new(api);
    let mut module_scope = Scope::with_reserved(MODULE_ITEMS);
    module_scope.reserve(crate::naming::PRELUDE_NAMES);
    // The client's own methods are named first, so operations never take their names.
    let mut methods = Scope::with_reserved(CLIENT_METHODS);
    let auth = auth_setters(api, &mut methods);
    let (mut operations, mut diagnostics) = operations(api, &mut types, &mut module_scope, methods);
    let (mut defs, renames, type_diagnostics) = types.finish();
    if !renames.is_empty() {
        for operation in &mut operations {
            operation.rename_types(&renames);
        }
    }
    diagnostics.extend(type_diagnostics);
    diagnostics.dedup();
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }

    if !all_serde_derives {
        let roots_cx = Context::new(runtime, &defs);
        let roots = serde_roots(&operations, &roots_cx);
        crate::types::usage::mark(&mut defs, &roots);
    }
    let cx = Context::new(runtime, &defs).with_error_aliases(shared_error_enums(&operations));
    let types_module = types_module(&defs, runtime);
    let items = operations
        .iter()
        .map(|operation| operation_items(operation, &cx));
    let methods = operations.iter().map(|operation| method(operation, &cx));
    let client = client(api, runtime, auth, methods.collect());
    let module_doc = doc_attrs_inner(&module_doc(api));
    let tokens = quote! {
        #module_doc
        pub use #runtime::Error;
        #client
        #(#items)*
        #types_module
    };
    Ok((tokens, diagnostics))
}

fn doc_attrs_inner(lines: &[String]) -> TokenStream {
    lines.iter().map(|line| quote!(#![doc = #line])).collect()
}

fn module_doc(api: &OpenAPI) -> Vec<String> {
    let mut doc = vec![format!(
        " Client for {} (version {}).",
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
    let title = api.info.title.trim();
    let doc = format!(" Client for {title}: one `async` method per operation.");
    quote! {
        #[doc = #doc]
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

/// One setter per kind of credential the spec's security schemes take; their names go in `names`.
fn auth_setters(api: &OpenAPI, names: &mut Scope) -> TokenStream {
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
    let api_keys: Vec<&String> = schemes
        .iter()
        .filter(|(_, s)| matches!(s, SchemeUse::ApiKey { .. }))
        .map(|(n, _)| n)
        .collect();
    for scheme in &api_keys {
        let method_name = if api_keys.len() == 1 {
            format_ident!("with_api_key")
        } else {
            ident(&names.unique(format!(
                "with_{}",
                snake_name(scheme).trim_start_matches("r#")
            )))
        };
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
