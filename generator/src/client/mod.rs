//! The client: what the `Client` struct offers besides the operations (credential setters,
//! token sessions), decided here and written by [`emit`].

mod auth;
pub mod emit;
pub mod token;

pub use auth::{auth_setters, client_doc, default_base_url};

use crate::naming::Name;

/// What the `Client` struct says and offers besides the operations.
pub struct ClientInfo {
    /// Its doc: the API's title, version and description.
    pub doc: Vec<String>,
    /// The base URL of the spec's first server.
    pub base_url: String,
    /// One setter per kind of credential the spec's security schemes take.
    pub auth_setters: Vec<AuthSetter>,
    /// The session from a whole login body, if a token endpoint takes a password.
    pub template_session: Option<token::TemplateSession>,
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
