//! Runtime support shared by every client that oapigen generates: the error type, sending a request,
//! decoding a response, encoding parameters, and credentials that never print.
//!
//! This file is copied verbatim next to the generated modules (`generated/runtime.rs`, or
//! `src/runtime.rs` in a crate written by `oapigen crate`), so that each module stays small and the
//! generated crate needs nothing beyond reqwest, serde and serde_json.

use std::fmt;
use std::time::Duration;

/// How many bytes of an unexpected response body an [`Error`] keeps for debugging.
const BODY_START_LEN: usize = 512;

/// JSON keys and form fields whose values are credentials: they are blanked out of every body
/// excerpt that an [`Error`] keeps, so a token never reaches a log through an error message.
const SECRET_KEYS: &[&str] = &[
    "access_token",
    "api_key",
    "apikey",
    "authorization",
    "client_secret",
    "id_token",
    "passwd",
    "password",
    "private_key",
    "refresh_token",
    "secret",
    "token",
];

/// What a redacted secret prints as.
pub const REDACTED: &str = "***";

/// Formats as `***`: stands in for a secret in `Debug` output.
#[derive(Clone, Copy)]
pub struct Redacted;

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

/// The error of every generated operation.
///
/// `E` is the operation's own enum of documented error statuses, each carrying its typed body.
/// Everything else that can go wrong is one of the other variants; none of them ever holds a
/// credential (body excerpts are redacted, URLs are dropped from transport errors).
#[derive(Debug)]
pub enum Error<E = std::convert::Infallible> {
    /// The server answered with a status the spec documents as an error.
    Api(E),
    /// The server answered with a status the spec does not document for this operation.
    UnexpectedStatus(Box<ResponseSummary>),
    /// The response body did not match what the spec says for its status.
    Decode(Box<DecodeError>),
    /// The request could not be built (a value that is not valid in a header, a body that cannot be
    /// form-encoded, ...).
    InvalidRequest(String),
    /// No response arrived within the client's timeout.
    Timeout,
    /// The request could not be sent or its response not read: connection refused, DNS, TLS, ....
    Transport(reqwest::Error),
}

/// What a user needs to debug a response that the client could not use.
#[derive(Debug, Clone)]
pub struct ResponseSummary {
    /// The HTTP status code.
    pub status: u16,
    /// The `Content-Type` header, when there was one.
    pub content_type: Option<String>,
    /// The start of the body (at most 512 bytes), with credential values blanked out.
    pub body_start: String,
}

/// A response body that did not decode as the spec says.
#[derive(Debug, Clone)]
pub struct DecodeError {
    /// The response that failed to decode.
    pub response: ResponseSummary,
    /// Why it failed, as the decoder says, with any quoted value cut out.
    pub reason: String,
}

impl<E: fmt::Display> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Api(error) => write!(f, "{error}"),
            Error::UnexpectedStatus(response) => write!(f, "undocumented response: {response}"),
            Error::Decode(error) => write!(
                f,
                "could not decode the response ({}): {}",
                error.response, error.reason
            ),
            Error::InvalidRequest(reason) => write!(f, "could not build the request: {reason}"),
            Error::Timeout => f.write_str("the request timed out"),
            Error::Transport(error) => write!(f, "could not send the request: {error}"),
        }
    }
}

impl fmt::Display for ResponseSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "status {}", self.status)?;
        if let Some(content_type) = &self.content_type {
            write!(f, ", content type {content_type}")?;
        }
        if self.body_start.is_empty() {
            f.write_str(", empty body")
        } else {
            write!(f, ", body starts {:?}", self.body_start)
        }
    }
}

impl<E: fmt::Debug + fmt::Display> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Transport(error) => Some(error),
            _ => None,
        }
    }
}

impl<E> Error<E> {
    /// The HTTP status of the response behind this error, when there was one.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::UnexpectedStatus(response) => Some(response.status),
            Error::Decode(error) => Some(error.response.status),
            Error::Transport(error) => error.status().map(|status| status.as_u16()),
            _ => None,
        }
    }

    fn from_reqwest(error: reqwest::Error) -> Self {
        if error.is_timeout() {
            Error::Timeout
        } else if error.is_builder() {
            // Builder errors name the offending value's kind, never the value.
            Error::InvalidRequest(error.without_url().to_string())
        } else {
            // The URL may carry a credential in its query (an API key), so it is dropped.
            Error::Transport(error.without_url())
        }
    }
}

/// Credentials for the security schemes of a spec. `Debug` never shows them.
#[derive(Clone, Default)]
pub struct Credentials {
    basic: Option<(String, Option<String>)>,
    bearer: Option<String>,
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
            Scheme::Bearer => self.bearer.is_some(),
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
            Scheme::Bearer => {
                if let Some(token) = &self.bearer {
                    request.builder = request.builder.bearer_auth(token);
                }
            }
            Scheme::ApiKey {
                scheme,
                location,
                name,
            } => {
                if let Some(key) = self.api_key(scheme) {
                    request = match location {
                        ApiKeyLocation::Header => request.header(name, key),
                        ApiKeyLocation::Query => request.query(name, key),
                        ApiKeyLocation::Cookie => request.cookie(name, key),
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
}

impl fmt::Debug for ClientCore {
    // The reqwest client is left out: its default headers may hold credentials.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.base_url)
            .field("timeout", &self.timeout)
            .field("credentials", &self.credentials)
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

    /// Sets HTTP Basic credentials.
    pub fn set_basic_auth(&mut self, username: String, password: Option<String>) {
        self.credentials.basic = Some((username, password));
    }

    /// Sets a bearer token (HTTP Bearer, OAuth2 and OpenID Connect schemes).
    pub fn set_bearer_token(&mut self, token: String) {
        self.credentials.bearer = Some(token);
    }

    /// Sets the key of the API key scheme named `scheme` in the spec.
    pub fn set_api_key(&mut self, scheme: &'static str, key: String) {
        self.credentials
            .api_keys
            .retain(|(name, _)| *name != scheme);
        self.credentials.api_keys.push((scheme, key));
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
            query: Vec::new(),
            cookies: Vec::new(),
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

/// A request being built by a generated operation.
pub struct Request {
    builder: reqwest::RequestBuilder,
    query: Vec<(String, String)>,
    cookies: Vec<String>,
}

impl Request {
    /// Adds a query parameter.
    pub fn query(mut self, name: &str, value: impl ParamValue) -> Self {
        self.query.push((name.to_owned(), value.to_param()));
        self
    }

    /// Adds a query parameter when it has a value.
    pub fn query_opt<T: ParamValue>(self, name: &str, value: Option<T>) -> Self {
        match value {
            Some(value) => self.query(name, value),
            None => self,
        }
    }

    /// Adds an array query parameter: repeated (`a=1&a=2`) when `explode`, else joined with `separator`.
    pub fn query_list<T: ParamValue>(
        mut self,
        name: &str,
        values: &[T],
        explode: bool,
        separator: &str,
    ) -> Self {
        if explode {
            for value in values {
                self.query.push((name.to_owned(), value.to_param()));
            }
        } else if !values.is_empty() {
            let joined: Vec<String> = values.iter().map(ParamValue::to_param).collect();
            self.query.push((name.to_owned(), joined.join(separator)));
        }
        self
    }

    /// Adds a request header.
    pub fn header(mut self, name: &str, value: impl ParamValue) -> Self {
        self.builder = self.builder.header(name, value.to_param());
        self
    }

    /// Adds a request header when it has a value.
    pub fn header_opt<T: ParamValue>(self, name: &str, value: Option<T>) -> Self {
        match value {
            Some(value) => self.header(name, value),
            None => self,
        }
    }

    /// Adds a cookie.
    pub fn cookie(mut self, name: &str, value: impl ParamValue) -> Self {
        self.cookies.push(format!("{name}={}", value.to_param()));
        self
    }

    /// Adds a cookie when it has a value.
    pub fn cookie_opt<T: ParamValue>(self, name: &str, value: Option<T>) -> Self {
        match value {
            Some(value) => self.cookie(name, value),
            None => self,
        }
    }

    /// Sets the `Accept` header.
    pub fn accept(mut self, media_types: &str) -> Self {
        self.builder = self.builder.header(reqwest::header::ACCEPT, media_types);
        self
    }

    /// Sends `body` as JSON.
    pub fn json<B: serde::Serialize + ?Sized>(mut self, body: &B) -> Self {
        self.builder = self.builder.json(body);
        self
    }

    /// Sends `body` as `application/x-www-form-urlencoded`, leaving out fields that are unset.
    pub fn form<B: serde::Serialize + ?Sized>(mut self, body: &B) -> Self {
        self.builder = self.builder.form(body);
        self
    }

    /// Sends a `multipart/form-data` body.
    pub fn multipart(mut self, form: Multipart) -> Self {
        self.builder = self.builder.multipart(form.form);
        self
    }

    /// Sends `body` as is, with the given content type.
    pub fn raw(mut self, content_type: &str, body: impl Into<reqwest::Body>) -> Self {
        self.builder = self
            .builder
            .header(reqwest::header::CONTENT_TYPE, content_type)
            .body(body);
        self
    }

    /// Sends the request and reads the whole response, whatever its status. The generated
    /// methods then decode it without awaiting again: one `.await` per method keeps the code that
    /// every user compiles small.
    pub async fn send<E>(self) -> Result<Received, Error<E>> {
        let mut builder = self.builder;
        if !self.query.is_empty() {
            builder = builder.query(&self.query);
        }
        if !self.cookies.is_empty() {
            builder = builder.header(reqwest::header::COOKIE, self.cookies.join("; "));
        }
        let response = builder.send().await.map_err(Error::from_reqwest)?;
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned);
        let body = response
            .bytes()
            .await
            .map_err(Error::from_reqwest)?
            .to_vec();
        Ok(Received {
            status,
            content_type,
            body,
        })
    }
}

/// A `multipart/form-data` body being built from a body struct, one part per property.
pub struct Multipart {
    form: reqwest::multipart::Form,
}

impl Default for Multipart {
    fn default() -> Self {
        Self::new()
    }
}

impl Multipart {
    /// An empty form.
    pub fn new() -> Self {
        Multipart {
            form: reqwest::multipart::Form::new(),
        }
    }

    /// A text part.
    pub fn text(mut self, name: &str, value: impl ParamValue) -> Self {
        self.form = self.form.text(name.to_owned(), value.to_param());
        self
    }

    /// A text part when the value is set.
    pub fn text_opt<T: ParamValue>(self, name: &str, value: Option<T>) -> Self {
        match value {
            Some(value) => self.text(name, value),
            None => self,
        }
    }

    /// One text part per item.
    pub fn text_list<T: ParamValue>(mut self, name: &str, values: &[T]) -> Self {
        for value in values {
            self.form = self.form.text(name.to_owned(), value.to_param());
        }
        self
    }

    /// A file part holding raw bytes, named after the property.
    pub fn bytes(mut self, name: &str, value: Vec<u8>) -> Self {
        let part = reqwest::multipart::Part::bytes(value).file_name(name.to_owned());
        self.form = self.form.part(name.to_owned(), part);
        self
    }

    /// A file part when the value is set.
    pub fn bytes_opt(self, name: &str, value: Option<Vec<u8>>) -> Self {
        match value {
            Some(value) => self.bytes(name, value),
            None => self,
        }
    }

    /// A part holding the value as JSON.
    pub fn json<T: serde::Serialize>(mut self, name: &str, value: &T) -> Self {
        let text = serde_json::to_string(value).unwrap_or_default();
        let part = match reqwest::multipart::Part::text(text.clone()).mime_str("application/json") {
            Ok(part) => part,
            Err(_) => reqwest::multipart::Part::text(text),
        };
        self.form = self.form.part(name.to_owned(), part);
        self
    }

    /// A JSON part when the value is set.
    pub fn json_opt<T: serde::Serialize>(self, name: &str, value: Option<&T>) -> Self {
        match value {
            Some(value) => self.json(name, value),
            None => self,
        }
    }
}

/// A value that can stand in a path segment, a query parameter or a header.
pub trait ParamValue {
    /// The value as text, before any URL encoding.
    fn to_param(&self) -> String;
}

impl<T: ParamValue + ?Sized> ParamValue for &T {
    fn to_param(&self) -> String {
        (**self).to_param()
    }
}

impl ParamValue for str {
    fn to_param(&self) -> String {
        self.to_owned()
    }
}

impl ParamValue for String {
    fn to_param(&self) -> String {
        self.clone()
    }
}

macro_rules! display_param {
    ($($ty:ty),*) => {
        $(impl ParamValue for $ty {
            fn to_param(&self) -> String {
                self.to_string()
            }
        })*
    };
}

display_param!(bool, i32, i64, u32, u64, f32, f64);

/// Turns a serde-serializable value (an enum of the spec, say) into its parameter text: the JSON
/// string without quotes, or the JSON text of anything else.
pub fn serde_param<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(text)) => text,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

/// Joins the items of an array parameter (headers and cookies use `,`).
pub fn join_params<T: ParamValue>(values: &[T], separator: &str) -> String {
    let items: Vec<String> = values.iter().map(ParamValue::to_param).collect();
    items.join(separator)
}

/// Percent-encodes a path parameter so that it stays one path segment.
pub fn encode_path(value: impl ParamValue) -> String {
    let text = value.to_param();
    let mut encoded = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                encoded.push(byte as char)
            }
            _ => encoded.push_str(&format!("%{byte:02X}")),
        }
    }
    encoded
}

/// A struct that decodes from an object, key by key.
///
/// Generated structs implement this instead of deriving `Deserialize`: serde's derive also
/// writes, per struct, a field-identifier enum with its own visitor and a visitor for arrays,
/// which together made half of everything `cargo check` does for a large spec.
pub trait DecodeStruct: Sized {
    /// The struct's name, for error messages.
    const NAME: &'static str;
    /// Reads the object's entries.
    fn decode<'de, A: serde::de::MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
}

/// `Deserialize::deserialize` of a [`DecodeStruct`]: asks for a map, which is what a JSON object
/// is (`deserialize_struct` would also offer an array, read positionally, and need the list of
/// field names that only non-self-describing formats use).
pub fn decode_struct<'de, T, D>(deserializer: D) -> Result<T, D::Error>
where
    T: DecodeStruct,
    D: serde::Deserializer<'de>,
{
    deserializer.deserialize_map(StructVisitor(std::marker::PhantomData))
}

struct StructVisitor<T>(std::marker::PhantomData<T>);

impl<'de, T: DecodeStruct> serde::de::Visitor<'de> for StructVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "struct {}", T::NAME)
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::decode(map)
    }
}

/// An object's key as a decoder meets it, borrowed from the input when the format allows.
pub struct Key<'de>(std::borrow::Cow<'de, str>);

impl Key<'_> {
    /// The key's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> serde::Deserialize<'de> for Key<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> serde::de::Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_borrowed_str<E>(self, key: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(std::borrow::Cow::Borrowed(key)))
            }
            fn visit_str<E>(self, key: &str) -> Result<Key<'de>, E> {
                Ok(Key(std::borrow::Cow::Owned(key.to_owned())))
            }
            fn visit_string<E>(self, key: String) -> Result<Key<'de>, E> {
                Ok(Key(std::borrow::Cow::Owned(key)))
            }
        }
        deserializer.deserialize_identifier(KeyVisitor)
    }
}

/// Skips the value of a key the struct does not know.
pub fn skip_value<'de, A: serde::de::MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<serde::de::IgnoredAny>().map(drop)
}

/// The value of a field with no default: what was decoded, else what the type makes of a missing
/// field (`None` for an `Option`, underneath a newtype too; an error for anything else), which is
/// what serde's derive does.
pub fn required<'de, T, E>(slot: Option<T>, name: &'static str) -> Result<T, E>
where
    T: serde::Deserialize<'de>,
    E: serde::de::Error,
{
    match slot {
        Some(value) => Ok(value),
        None => T::deserialize(MissingField {
            name,
            error: std::marker::PhantomData,
        }),
    }
}

/// A deserializer for an absent field: `null` to an `Option`, an error to everything else.
struct MissingField<E> {
    name: &'static str,
    error: std::marker::PhantomData<E>,
}

impl<'de, E: serde::de::Error> serde::Deserializer<'de> for MissingField<E> {
    type Error = E;

    fn deserialize_any<V: serde::de::Visitor<'de>>(self, _visitor: V) -> Result<V::Value, E> {
        Err(E::missing_field(self.name))
    }

    fn deserialize_option<V: serde::de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        visitor.visit_none()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf unit
        unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier ignored_any
    }
}

/// A string enum: its variants and the values the API spells them with.
///
/// Generated enums implement this instead of deriving `Deserialize`, for the same reason as
/// [`DecodeStruct`]: the derive writes a variant-identifier visitor and an enum visitor per enum.
pub trait WireEnum: Sized + Copy + 'static {
    /// Every variant, in the order of [`WireEnum::VALUES`].
    const VARIANTS: &'static [Self];
    /// The values as the API spells them.
    const VALUES: &'static [&'static str];
}

/// `Deserialize::deserialize` of a [`WireEnum`]: a string that must be one of its values.
pub fn decode_enum<'de, T, D>(deserializer: D) -> Result<T, D::Error>
where
    T: WireEnum,
    D: serde::Deserializer<'de>,
{
    deserializer.deserialize_str(EnumVisitor(std::marker::PhantomData))
}

struct EnumVisitor<T>(std::marker::PhantomData<T>);

impl<T: WireEnum> serde::de::Visitor<'_> for EnumVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<T, E> {
        match T::VALUES.iter().position(|known| *known == value) {
            Some(index) => Ok(T::VARIANTS[index]),
            None => Err(E::unknown_variant(value, T::VALUES)),
        }
    }
}

/// A response read in full.
pub struct Received {
    status: u16,
    content_type: Option<String>,
    body: Vec<u8>,
}

impl Received {
    /// The status code.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// Decodes a JSON body, whatever content type the server gave it (servers label JSON as
    /// `text/plain` or `text/json` often enough).
    pub fn json<T: serde::de::DeserializeOwned, E>(self) -> Result<T, Error<E>> {
        serde_json::from_slice(&self.body).map_err(|error| {
            let reason = if self.body.is_empty() {
                "the body is empty, but the spec gives it a schema".to_owned()
            } else {
                without_quoted_strings(&error.to_string())
            };
            self.decode_error(reason)
        })
    }

    /// Decodes a JSON body into a box (error variants box their bodies to keep `Result`s small).
    pub fn json_boxed<T: serde::de::DeserializeOwned, E>(self) -> Result<Box<T>, Error<E>> {
        self.json().map(Box::new)
    }

    /// The body as text.
    pub fn text<E>(self) -> Result<String, Error<E>> {
        match String::from_utf8(self.body) {
            Ok(text) => Ok(text),
            Err(error) => {
                let received = Received {
                    body: error.into_bytes(),
                    ..self
                };
                Err(received.decode_error("the body is not valid UTF-8".to_owned()))
            }
        }
    }

    /// The body as raw bytes.
    pub fn bytes<E>(self) -> Result<Vec<u8>, Error<E>> {
        Ok(self.body)
    }

    /// The outcome of a status the spec does not document.
    pub fn undocumented<T, E>(self) -> Result<T, Error<E>> {
        Err(Error::UnexpectedStatus(Box::new(self.summary())))
    }

    fn decode_error<E>(&self, reason: String) -> Error<E> {
        Error::Decode(Box::new(DecodeError {
            response: self.summary(),
            reason,
        }))
    }

    /// What an error shows of the response; made only when there is an error to report.
    fn summary(&self) -> ResponseSummary {
        ResponseSummary {
            status: self.status,
            content_type: self.content_type.clone(),
            body_start: body_start(&self.body),
        }
    }
}

/// serde_json quotes the offending value in some messages (`invalid type: string "…"`): it may be
/// a token, so every quoted string is cut out.
fn without_quoted_strings(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(start) = rest.find('"') {
        out.push_str(&rest[..start]);
        out.push_str("\"…\"");
        let after = &rest[start + 1..];
        let mut escaped = false;
        let end = after.char_indices().find(|&(_, ch)| {
            let closes = ch == '"' && !escaped;
            escaped = ch == '\\' && !escaped;
            closes
        });
        rest = match end {
            Some((index, _)) => &after[index + 1..],
            None => "",
        };
    }
    out.push_str(rest);
    out
}

/// The outcome of a documented error status.
pub fn api_error<T, E>(error: E) -> Result<T, Error<E>> {
    Err(Error::Api(error))
}

/// The start of a body, safe to show: credential values in JSON or form-encoded text are blanked.
fn body_start(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let redacted = match serde_json::from_str::<serde_json::Value>(&text) {
        Ok(mut value) => {
            redact_json(&mut value);
            value.to_string()
        }
        Err(_) => redact_text(&text),
    };
    let mut end = redacted.len().min(BODY_START_LEN);
    while !redacted.is_char_boundary(end) {
        end -= 1;
    }
    redacted[..end].to_owned()
}

fn is_secret_key(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    SECRET_KEYS
        .iter()
        .any(|secret| key == *secret || key.ends_with(&format!("_{secret}")))
}

fn redact_json(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, item) in map.iter_mut() {
                if is_secret_key(key) && !item.is_null() {
                    *item = serde_json::Value::String(REDACTED.to_owned());
                } else {
                    redact_json(item);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(redact_json),
        _ => {}
    }
}

/// Blanks `key=value` and `"key": "value"` pairs of secret keys in text that is not valid JSON
/// (form bodies, truncated JSON).
fn redact_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(found) = find_secret_key(rest) {
        let (before, after) = rest.split_at(found.value_start);
        out.push_str(before);
        out.push_str(REDACTED);
        rest = &after[found.value_len..];
    }
    out.push_str(rest);
    out
}

struct SecretValue {
    value_start: usize,
    value_len: usize,
}

fn find_secret_key(text: &str) -> Option<SecretValue> {
    let lower = text.to_ascii_lowercase();
    let mut best: Option<SecretValue> = None;
    for key in SECRET_KEYS {
        let mut from = 0;
        while let Some(position) = lower[from..].find(key) {
            let start = from + position;
            let after_key = start + key.len();
            from = after_key;
            let tail = &text[after_key..];
            let skipped = tail.len() - tail.trim_start_matches(['"', '\'', ' ', ':', '=']).len();
            let value_start = after_key + skipped;
            if skipped == 0 || value_start >= text.len() {
                continue;
            }
            let value_len = text[value_start..]
                .find(['&', '"', '\'', ',', '}', '\n', ' '])
                .unwrap_or(text.len() - value_start);
            if value_len > 0 && best.as_ref().is_none_or(|b| value_start < b.value_start) {
                best = Some(SecretValue {
                    value_start,
                    value_len,
                });
            }
            break;
        }
    }
    best
}
