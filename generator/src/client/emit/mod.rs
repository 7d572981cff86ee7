//! The client's IR → tokens: `Error` and the `Client` struct, with its constructors, credential
//! setters and token sessions around the operations' methods. Decides nothing: every choice is
//! in the IR.

mod token;

use crate::client::{AuthSetter, ClientInfo};
use crate::types::emit::doc_attrs;
use proc_macro2::TokenStream;
use quote::quote;

pub fn client(info: &ClientInfo, runtime: &TokenStream, methods: Vec<TokenStream>) -> TokenStream {
    let base_url = &info.base_url;
    let doc = doc_attrs(&info.doc);
    let auth: TokenStream = info
        .auth_setters
        .iter()
        .map(|setter| auth_setter(setter, runtime))
        .collect();
    let (template_method, template_items) = match &info.template_session {
        Some(session) => token::template_session(session, runtime),
        None => (TokenStream::new(), TokenStream::new()),
    };
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

            /// Gives up on an attempt that has no complete response after `timeout` (each
            /// retry gets the same time again).
            pub fn with_timeout(mut self, timeout: ::std::time::Duration) -> Self {
                self.core.set_timeout(timeout);
                self
            }

            /// Sends a failed request again as `policy` says. The default,
            /// `RetryPolicy::standard()`, makes 3 attempts at most, after a failure to
            /// connect, a timeout, or a `408`, `429`, `500`, `502`, `503` or `504`, for
            /// requests that are safe to repeat (`GET`, `HEAD`, `OPTIONS`, `PUT`, `DELETE`, or
            /// one with an idempotency key), waiting what the server's `Retry-After` asks (up
            /// to 60 s) or 0.5 s, 1 s, ... at most 8 s, with jitter; `RetryPolicy::none()`
            /// sends every request once (for a `reqwest-retry` middleware, say).
            pub fn with_retry_policy(mut self, policy: #runtime::RetryPolicy) -> Self {
                self.core.set_retry_policy(policy);
                self
            }

            /// Runs `hook` around every request this client sends: before sending (to add a
            /// header, sign, log) and when a response's status and headers arrive. Hooks run in
            /// the order they were added.
            pub fn with_hook(mut self, hook: impl #runtime::Hook) -> Self {
                self.core.add_hook(hook);
                self
            }

            /// Sends every request through `transport` instead of the client's own
            /// `reqwest::Client`: a `reqwest_middleware::ClientWithMiddleware` (with the
            /// runtime's `middleware` feature), so that retries, tracing and other middleware
            /// apply. Hooks still run before and after it. The transport's own client sends
            /// (its proxies, pools, default headers), whatever `with_http_client` set. A
            /// middleware that retries should come with `with_retry_policy(RetryPolicy::none())`,
            /// or each of its attempts is retried too.
            pub fn with_middleware(mut self, transport: impl #runtime::Transport) -> Self {
                self.core.set_transport(transport);
                self
            }

            /// The base URL requests go to.
            pub fn base_url(&self) -> &str {
                self.core.base_url()
            }

            #auth

            #template_method

            #(#methods)*
        }

        #template_items
    }
}

/// One credential setter.
fn auth_setter(setter: &AuthSetter, runtime: &TokenStream) -> TokenStream {
    let list = |schemes: &[String]| {
        let names: Vec<String> = schemes.iter().map(|name| format!("`{name}`")).collect();
        names.join(", ")
    };
    match setter {
        AuthSetter::Basic { schemes } => {
            let doc = format!(
                " Sends HTTP Basic credentials, for the {} scheme(s).",
                list(schemes)
            );
            quote! {
                #[doc = #doc]
                pub fn with_basic_auth(mut self, username: impl Into<String>, password: impl Into<String>) -> Self {
                    self.core.set_basic_auth(username.into(), Some(password.into()));
                    self
                }
            }
        }
        AuthSetter::Bearer { schemes } => {
            let doc = format!(
                " Sends `Authorization: Bearer <token>`, for the {} scheme(s).",
                list(schemes)
            );
            quote! {
                #[doc = #doc]
                pub fn with_bearer_token(mut self, token: impl Into<String>) -> Self {
                    self.core.set_bearer_token(token.into());
                    self
                }

                /// Takes bearer tokens from `session` instead: each request that needs one gets
                /// a valid token (logging in or refreshing first when due), and a `401` is
                /// retried once with a new token.
                pub fn with_session(mut self, session: #runtime::Session) -> Self {
                    self.core.set_session(session);
                    self
                }
            }
        }
        AuthSetter::OAuth2Login {
            scheme,
            flow,
            token_url,
            method,
        } => {
            let method_name = method.ident();
            let (grant, args, mut doc) = match flow {
                crate::client::OAuth2Login::Password => (
                    quote!(password(token_url, username, password)),
                    quote!(username: impl Into<String>, password: impl Into<String>),
                    vec![
                        format!(" Logs in by itself with the `{scheme}` scheme's password flow"),
                        format!(" (RFC 6749 §4.3, at `{token_url}`) when a request needs a token,"),
                        " refreshing it when it expires. For other settings, build an".to_owned(),
                        " `OAuth2Grant` and call `with_session`.".to_owned(),
                    ],
                ),
                crate::client::OAuth2Login::RefreshToken => (
                    quote!(refresh_only(token_url)),
                    quote!(refresh_token: impl Into<String>),
                    vec![
                        format!(" Keeps itself logged in from a refresh token of the `{scheme}`"),
                        " scheme's authorization code flow (obtained elsewhere: the code needs a"
                            .to_owned(),
                        format!(" browser), refreshing it (RFC 6749 §6, at `{token_url}`) before"),
                        " the first request and whenever it expires.".to_owned(),
                    ],
                ),
                crate::client::OAuth2Login::ClientCredentials => (
                    quote!(client_credentials(token_url, client_id, client_secret)),
                    quote!(client_id: impl Into<String>, client_secret: impl Into<String>),
                    vec![
                        format!(
                            " Logs in by itself with the `{scheme}` scheme's client credentials"
                        ),
                        format!(" flow (RFC 6749 §4.4, at `{token_url}`, the credentials as HTTP"),
                        " Basic) when a request needs a token. For other settings, build an"
                            .to_owned(),
                        " `OAuth2Grant` and call `with_session`.".to_owned(),
                    ],
                ),
            };
            let session = match flow {
                // Nothing to log in with: the first request refreshes the given token.
                crate::client::OAuth2Login::RefreshToken => quote! {
                    #runtime::Session::builder(grant).token(#runtime::Token {
                        access_token: String::new(),
                        refresh_token: Some(refresh_token.into()),
                        expires: #runtime::Expiry::At(::std::time::SystemTime::UNIX_EPOCH),
                    }).build()
                },
                _ => quote!(#runtime::Session::new(grant)),
            };
            doc.extend([
                String::new(),
                " The token requests go through the client's HTTP client and timeout as they are"
                    .to_owned(),
                " set when this is called (30 s without one).".to_owned(),
            ]);
            let doc = crate::types::emit::doc_attrs(&doc);
            quote! {
                #doc
                pub fn #method_name(self, #args) -> Self {
                    let token_url = self.core.resolve_url(#token_url);
                    let grant = self.core.configure_grant(#runtime::OAuth2Grant::#grant);
                    self.with_session(#session)
                }
            }
        }
        AuthSetter::ApiKey { scheme, method } => {
            let method_name = method.ident();
            let doc = format!(" Sets the key of the `{scheme}` API key scheme.");
            quote! {
                #[doc = #doc]
                pub fn #method_name(mut self, key: impl Into<String>) -> Self {
                    self.core.set_api_key(#scheme, key.into());
                    self
                }
            }
        }
    }
}

/// `impl Grant for #name` behind `cfg`: its login and refresh bodies, each allowing a call of a
/// deprecated operation where `allows` says.
pub(crate) fn grant_impl(
    name: TokenStream,
    (login, refresh): (TokenStream, TokenStream),
    allows: (bool, bool),
    runtime: &TokenStream,
    cfg: &TokenStream,
) -> TokenStream {
    let allow = |deprecated: bool| deprecated.then(|| quote!(#[allow(deprecated)]));
    let (allow_login, allow_refresh) = (allow(allows.0), allow(allows.1));
    quote! {
        #cfg
        impl #runtime::Grant for #name {
            #allow_login
            fn login(&self) -> Option<#runtime::TokenFuture<'_>> {
                Some(Box::pin(async move { #login }))
            }

            #allow_refresh
            fn refresh<'a>(&'a self, refresh_token: &'a str) -> Option<#runtime::TokenFuture<'a>> {
                #refresh
            }
        }
    }
}
