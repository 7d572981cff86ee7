//! The state every generated `Client` wraps: base URL, HTTP client, timeout and credentials.

use crate::request::Request;
use std::fmt;
use std::time::Duration;

/// Credentials for the security schemes of a spec. `Debug` never shows them.
#[derive(Clone, Default)]
pub struct Credentials {
    basic: Option<(String, Option<String>)>,
    bearer: Option<String>,
    /// Where bearer tokens come from when they are not a fixed one.
    session: Option<crate::Session>,
    api_keys: Vec<(&'static str, String)>,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut names: Vec<&str> = Vec::new();
        if self.basic.is_some() {
            names.push("basic");
        }
        if self.bearer.is_some() {
            names.push("bearer");
        }
        if self.session.is_some() {
            names.push("session");
        }
        names.extend(self.api_keys.iter().map(|(scheme, _)| *scheme));
        f.debug_struct("Credentials")
            .field("set", &names)
            .finish_non_exhaustive()
    }
}

/// One security scheme of a spec, as an operation requires it.
#[derive(Debug, Clone, Copy)]
pub enum Scheme {
    /// HTTP Basic: `Authorization: Basic base64(user:password)`.
    Basic,
    /// HTTP Bearer, OAuth2 or OpenID Connect: `Authorization: Bearer token`.
    Bearer,
    /// An API key sent in a header, a query parameter or a cookie.
    ApiKey {
        /// The scheme's name in the spec, which keys the credential.
        scheme: &'static str,
        /// Where the key goes.
        location: ApiKeyLocation,
        /// The header, query parameter or cookie name.
        name: &'static str,
    },
}

/// Where an API key is sent.
#[derive(Debug, Clone, Copy)]
pub enum ApiKeyLocation {
    /// In a request header.
    Header,
    /// In the query string.
    Query,
    /// In the `Cookie` header.
    Cookie,
}

impl Credentials {
    fn has(&self, scheme: &Scheme) -> bool {
        match scheme {
            Scheme::Basic => self.basic.is_some(),
            Scheme::Bearer => self.bearer.is_some() || self.session.is_some(),
            Scheme::ApiKey { scheme, .. } => self.api_key(scheme).is_some(),
        }
    }

    fn api_key(&self, scheme: &str) -> Option<&str> {
        self.api_keys
            .iter()
            .find(|(name, _)| *name == scheme)
            .map(|(_, key)| key.as_str())
    }

    fn apply(&self, mut request: Request, scheme: &Scheme) -> Request {
        match scheme {
            Scheme::Basic => {
                if let Some((user, password)) = &self.basic {
                    request.builder = request.builder.basic_auth(user, password.as_ref());
                }
            }
            Scheme::Bearer => match (&self.session, &self.bearer) {
                // The token is asked for when the request is sent (it may need a login).
                (Some(session), _) => request.session = Some(session.clone()),
                (None, Some(token)) => request.builder = request.builder.bearer_auth(token),
                (None, None) => {}
            },
            Scheme::ApiKey {
                scheme,
                location,
                name,
            } => {
                if let Some(key) = self.api_key(scheme) {
                    // A parameter of the operation with the key's name is sent once: as the key.
                    request = match location {
                        ApiKeyLocation::Header => {
                            request
                                .headers
                                .retain(|(existing, _)| !existing.eq_ignore_ascii_case(name));
                            request.header(name, key)
                        }
                        ApiKeyLocation::Query => {
                            request.query.retain(|(existing, _)| existing != name);
                            request.credential_query.push(name.to_string());
                            request.query(name, key)
                        }
                        ApiKeyLocation::Cookie => {
                            let prefix = format!("{name}=");
                            request
                                .cookies
                                .retain(|cookie| !cookie.starts_with(&prefix));
                            request.cookie(name, key)
                        }
                    };
                }
            }
        }
        request
    }
}

/// The state every generated `Client` wraps: where to send, how, and with which credentials.
#[derive(Clone)]
pub struct ClientCore {
    base_url: String,
    http: reqwest::Client,
    timeout: Option<Duration>,
    credentials: Credentials,
    hooks: Vec<std::sync::Arc<dyn crate::Hook>>,
    /// Sends the requests instead of `http` when set.
    transport: Option<std::sync::Arc<dyn crate::Transport>>,
    retry: crate::RetryPolicy,
    /// Shared by the client's copies: a server that fails sees few retries from all of them.
    budget: std::sync::Arc<crate::retry::RetryBudget>,
}

impl fmt::Debug for ClientCore {
    // The reqwest client is left out: its default headers may hold credentials.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.base_url)
            .field("timeout", &self.timeout)
            .field("credentials", &self.credentials)
            .field("hooks", &self.hooks.len())
            .field("transport", &self.transport.is_some())
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

/// A base URL that is not an absolute `http` or `https` URL.
#[derive(Debug, Clone)]
pub struct InvalidBaseUrl {
    /// Why the URL was refused.
    pub reason: String,
}

impl fmt::Display for InvalidBaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid base URL: {}", self.reason)
    }
}

impl std::error::Error for InvalidBaseUrl {}

impl ClientCore {
    /// A client for `base_url`, which the generator took from the spec, so it is known to be valid.
    pub fn new(base_url: &str) -> Self {
        ClientCore {
            base_url: base_url.trim_end_matches('/').to_owned(),
            http: reqwest::Client::new(),
            timeout: None,
            credentials: Credentials::default(),
            hooks: Vec::new(),
            transport: None,
            retry: crate::RetryPolicy::standard(),
            budget: Default::default(),
        }
    }

    /// A client for a base URL given by the user: it must be an absolute `http(s)` URL.
    pub fn with_base_url(base_url: &str) -> Result<Self, InvalidBaseUrl> {
        let parsed = reqwest::Url::parse(base_url).map_err(|error| InvalidBaseUrl {
            reason: error.to_string(),
        })?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(InvalidBaseUrl {
                reason: format!("scheme {:?} is not http or https", parsed.scheme()),
            });
        }
        if parsed.query().is_some() || parsed.fragment().is_some() {
            return Err(InvalidBaseUrl {
                reason: "a base URL takes no query or fragment".to_owned(),
            });
        }
        Ok(Self::new(base_url))
    }

    /// The base URL, without a trailing slash.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Sends requests through `http`, keeping its settings (proxies, pools, default headers, ...).
    pub fn set_http_client(&mut self, http: reqwest::Client) {
        self.http = http;
    }

    /// Gives up on a request that has no complete response after `timeout`.
    pub fn set_timeout(&mut self, timeout: Duration) {
        self.timeout = Some(timeout);
    }

    /// The same client with `timeout` when it has none, for requests that must end (a token
    /// session's, which every caller waiting for a token waits on).
    pub fn with_default_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = self.timeout.or(Some(timeout));
        self
    }

    /// `grant` sending its token requests through this client's HTTP client, with its timeout
    /// (as they are set now).
    #[cfg(feature = "oauth2")]
    pub fn configure_grant(&self, grant: crate::OAuth2Grant) -> crate::OAuth2Grant {
        let grant = grant.http_client(self.http.clone());
        match self.timeout {
            Some(timeout) => grant.timeout(timeout),
            None => grant,
        }
    }

    /// Sets HTTP Basic credentials.
    pub fn set_basic_auth(&mut self, username: String, password: Option<String>) {
        self.credentials.basic = Some((username, password));
    }

    /// Sets a bearer token (HTTP Bearer, OAuth2 and OpenID Connect schemes).
    pub fn set_bearer_token(&mut self, token: String) {
        self.credentials.bearer = Some(token);
    }

    /// `url` resolved against the base URL taken as a folder (RFC 3986 §5.2, with a `/` after
    /// the base: `token` under `https://a.example/api/v1` is `https://a.example/api/v1/token`,
    /// where the API's own operations are; `/auth/token` keeps only the base's origin), as an
    /// OpenAPI `tokenUrl` may be relative; as written when it does not resolve.
    pub fn resolve_url(&self, url: &str) -> String {
        reqwest::Url::parse(&format!("{}/", self.base_url))
            .and_then(|base| base.join(url))
            .map_or_else(|_| url.to_owned(), String::from)
    }

    /// Takes bearer tokens from `session`: each request that needs one gets a valid token
    /// (logging in or refreshing first when due), and a `401` is retried once with a new one.
    pub fn set_session(&mut self, session: crate::Session) {
        self.credentials.session = Some(session);
    }

    /// Sets the key of the API key scheme named `scheme` in the spec.
    pub fn set_api_key(&mut self, scheme: &'static str, key: String) {
        self.credentials
            .api_keys
            .retain(|(name, _)| *name != scheme);
        self.credentials.api_keys.push((scheme, key));
    }

    /// Starts a request to the path made of `pieces` (the template's text and the parameters'
    /// encoded values); a parameter that cannot stand in the path makes the request one that
    /// [`Request::send`] refuses with the reason, before anything is sent.
    pub fn request_path(&self, method: reqwest::Method, pieces: &[crate::PathPiece]) -> Request {
        let mut path = String::new();
        let mut invalid = None;
        for piece in pieces {
            match &piece.0 {
                Ok(text) => path.push_str(text),
                Err(reason) => {
                    invalid.get_or_insert_with(|| reason.clone());
                }
            }
        }
        let mut request = self.request(method, &path);
        request.invalid = invalid;
        request
    }

    /// Adds a hook run around every request (see [`crate::Hook`]), after those added before.
    pub fn add_hook(&mut self, hook: impl crate::Hook) {
        self.hooks.push(std::sync::Arc::new(hook));
    }

    /// Sends a request again after a failure as `policy` says ([`crate::RetryPolicy::none`]:
    /// never).
    pub fn set_retry_policy(&mut self, policy: crate::RetryPolicy) {
        self.retry = policy;
    }

    /// Sends every request through `transport` (a `reqwest_middleware::ClientWithMiddleware`)
    /// instead of the client's `reqwest::Client`.
    pub fn set_transport(&mut self, transport: impl crate::Transport) {
        self.transport = Some(std::sync::Arc::new(transport));
    }

    /// Starts a request to `path` (already encoded, starting with `/`).
    pub fn request(&self, method: reqwest::Method, path: &str) -> Request {
        let url = format!("{}{}", self.base_url, path);
        let mut builder = self.http.request(method, url);
        if let Some(timeout) = self.timeout {
            builder = builder.timeout(timeout);
        }
        Request {
            builder,
            http: self.http.clone(),
            hooks: self.hooks.clone(),
            transport: self.transport.clone(),
            session: None,
            streamed: &[],
            query: Vec::new(),
            headers: Vec::new(),
            cookies: Vec::new(),
            invalid: None,
            credential_query: Vec::new(),
            retry: self.retry,
            budget: self.budget.clone(),
            key_header: None,
            own_key: false,
            total_timeout: None,
            attempt_timeout: None,
            extra_headers: Default::default(),
            extra_query: Vec::new(),
        }
    }

    /// Adds the credentials of the first security requirement that can be met: each requirement is
    /// a list of schemes that must all be present. An empty list of requirements needs no auth.
    pub fn authorize(&self, mut request: Request, requirements: &[&[Scheme]]) -> Request {
        // An empty requirement (`{}`) means "no auth is fine": it never stops credentials that
        // meet another requirement from being sent.
        let met = requirements.iter().find(|schemes| {
            !schemes.is_empty() && schemes.iter().all(|scheme| self.credentials.has(scheme))
        });
        if let Some(schemes) = met {
            for scheme in schemes.iter() {
                request = self.credentials.apply(request, scheme);
            }
        }
        request
    }
}
