//! Building and sending one request: parameters, body, and reading the whole response.

use crate::call::{Call, Outcome};
use crate::error::Error;
#[cfg(feature = "multipart")]
use crate::multipart::Multipart;
use crate::params::ParamValue;
use crate::response::Received;
use crate::sender::Sender;

/// A request being built by a generated operation.
pub struct Request {
    pub(crate) builder: reqwest::RequestBuilder,
    /// The client that sends it (a handle to its pool).
    pub(crate) http: reqwest::Client,
    /// The client's hooks, run around sending.
    pub(crate) hooks: Vec<std::sync::Arc<dyn crate::Hook>>,
    /// What sends it instead of `http`, when set.
    pub(crate) transport: Option<std::sync::Arc<dyn crate::Transport>>,
    /// Where its bearer token comes from, when it needs one from a session.
    pub(crate) session: Option<crate::Session>,
    pub(crate) query: Vec<(String, String)>,
    /// Header parameters and API keys, added when sending (so an API key replaces a parameter of
    /// its name instead of doubling it).
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) cookies: Vec<String>,
    /// The statuses (inclusive ranges) whose body is left unread by `send`, to be streamed.
    pub(crate) streamed: &'static [(u16, u16)],
    /// Why the request cannot be sent as the spec says, found while building it: `send` returns
    /// it as [`Error::InvalidRequest`] before anything goes out.
    pub(crate) invalid: Option<String>,
    /// The names of the query parameters that are credentials (API keys): a page walk that
    /// follows a next URL sends them again on the client's own origin.
    pub(crate) credential_query: Vec<String>,
    /// When the request is sent again after a failure.
    pub(crate) retry: crate::RetryPolicy,
    /// The client's budget of retries, shared by all its requests.
    pub(crate) budget: std::sync::Arc<crate::retry::RetryBudget>,
    /// The idempotency key header the operation declares, where [`Call::idempotency_key`] puts
    /// the caller's key.
    pub(crate) key_header: Option<String>,
    /// The client made the key in [`Self::key_header`]: a page walk makes a new one for each
    /// page, which is another call (one key for them all would get the first page again).
    pub(crate) own_key: bool,
    /// The call's own options ([`Call`]): the time for all its attempts, the time for one, headers
    /// that replace the operation's, and the names of query parameters it added.
    pub(crate) total_timeout: Option<std::time::Duration>,
    pub(crate) attempt_timeout: Option<std::time::Duration>,
    pub(crate) extra_headers: reqwest::header::HeaderMap,
    pub(crate) extra_query: Vec<String>,
}

/// What a call's `Debug` shows of its options: credential header values as `***`.
pub(crate) struct CallOptions<'a> {
    timeout: Option<std::time::Duration>,
    attempt_timeout: Option<std::time::Duration>,
    retry: crate::RetryPolicy,
    headers: crate::headers::RedactedHeaders<'a>,
    query: &'a [String],
}

impl std::fmt::Debug for CallOptions<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CallOptions")
            .field("timeout", &self.timeout)
            .field("attempt_timeout", &self.attempt_timeout)
            .field("retry", &self.retry)
            .field("headers", &self.headers)
            .field("query", &self.query)
            .finish()
    }
}

impl Request {
    /// A header of the call's own, in place of one of its name ([`Call::header`]).
    pub(crate) fn extra_header(&mut self, given: &str, value: &str) {
        let name = reqwest::header::HeaderName::try_from(given);
        let value = reqwest::header::HeaderValue::try_from(value);
        match (name, value) {
            (Ok(name), Ok(mut value)) => {
                value.set_sensitive(crate::redact::is_secret_key(name.as_str()));
                self.extra_headers.insert(name, value);
            }
            // The name is said, never the value (it may be a credential).
            _ => {
                let reason =
                    format!("the call's header {given:?} is not a valid header name and value");
                self.invalid.get_or_insert(reason);
            }
        }
    }

    /// The call's options, for its `Debug`.
    pub(crate) fn options(&self) -> CallOptions<'_> {
        CallOptions {
            timeout: self.total_timeout,
            attempt_timeout: self.attempt_timeout,
            retry: self.retry,
            headers: crate::headers::RedactedHeaders(&self.extra_headers),
            query: &self.extra_query,
        }
    }
}

/// A key for a call's `Idempotency-Key` header: a UUID v4 (RFC 9562 §5.4).
pub(crate) fn new_idempotency_key() -> String {
    let key = uuid::Builder::from_random_bytes(fastrand::u128(..).to_le_bytes()).into_uuid();
    key.hyphenated().to_string()
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
        let value = value.to_param();
        match crate::params::unfit_header("header", name, &value) {
            Some(reason) => {
                self.invalid.get_or_insert(reason);
            }
            None => self.headers.push((name.to_owned(), value)),
        }
        self
    }

    /// Adds a header holding a list, its items joined by commas (OpenAPI's `simple` style); an
    /// empty list, which that style cannot tell from no list, sends no header.
    pub fn header_list<T: ParamValue>(self, name: &str, values: &[T]) -> Self {
        match values.is_empty() {
            true => self,
            false => self.header(name, crate::join_params(values, ",")),
        }
    }

    /// Adds a cookie holding a list, its items joined by commas; none for an empty list.
    pub fn cookie_list<T: ParamValue>(self, name: &str, values: &[T]) -> Self {
        match values.is_empty() {
            true => self,
            false => self.cookie(name, crate::join_params(values, ",")),
        }
    }

    /// Adds the idempotency key header `name`: `value`, or when the caller left it unset a key of
    /// the client's own (a UUID v4), made once for the call so that every attempt sends the same
    /// one; either way the request is then safe to repeat (see [`crate::RetryPolicy`]).
    pub fn idempotency_key(mut self, name: &str, value: Option<&str>) -> Self {
        self.key_header = Some(name.to_owned());
        match value {
            Some(value) => self.header(name, value),
            None => {
                self.own_key = true;
                self.header(name, new_idempotency_key())
            }
        }
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
        let value = value.to_param();
        match crate::params::unfit_header("cookie", name, &value) {
            Some(reason) => {
                self.invalid.get_or_insert(reason);
            }
            None => self.cookies.push(format!("{name}={value}")),
        }
        self
    }

    /// Adds a cookie when it has a value.
    pub fn cookie_opt<T: ParamValue>(self, name: &str, value: Option<T>) -> Self {
        match value {
            Some(value) => self.cookie(name, value),
            None => self,
        }
    }

    /// Leaves the body of a response whose status is in one of `ranges` (inclusive) unread by
    /// [`Self::send`], for the generated method to stream it.
    pub fn stream_statuses(mut self, ranges: &'static [(u16, u16)]) -> Self {
        self.streamed = ranges;
        self
    }

    /// Sets the `Accept` header.
    pub fn accept(mut self, media_types: &str) -> Self {
        self.builder = self.builder.header(reqwest::header::ACCEPT, media_types);
        self
    }

    /// Sends `body` as JSON, with the media type the spec declares for it (`application/json`,
    /// `application/merge-patch+json`, `application/vnd.x+json`, ...) as its `Content-Type`.
    pub fn json<B: serde::Serialize + ?Sized>(mut self, body: &B, content_type: &str) -> Self {
        match serde_json::to_vec(body) {
            Ok(bytes) => {
                self.builder = self
                    .builder
                    .header(reqwest::header::CONTENT_TYPE, content_type)
                    .body(bytes);
            }
            Err(error) => self.invalid = Some(format!("the request body: {error}")),
        }
        self
    }

    /// Sends `body` as `application/x-www-form-urlencoded`: each property as OpenAPI's form
    /// style writes it ([`crate::form_pairs`]; `encodings` names the properties whose Encoding
    /// Object says otherwise), unset ones left out.
    #[cfg(feature = "form")]
    pub fn form<B: serde::Serialize + ?Sized>(
        mut self,
        body: &B,
        encodings: &[(&str, crate::FormStyle)],
    ) -> Self {
        match crate::form_pairs(body, encodings) {
            Ok(pairs) => self.builder = self.builder.form(&pairs),
            Err(reason) => self.invalid = Some(reason),
        }
        self
    }

    /// Sends a `multipart/form-data` body.
    #[cfg(feature = "multipart")]
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

    /// The call a generated method returns: sends the request when first polled, reads the
    /// whole response whatever its status, and gives it to `decode` (the method's dispatch on
    /// the status, a non-capturing closure).
    ///
    /// The future is built here, once, for every operation: the generated methods are plain
    /// functions with no `async` body of their own, which is most of what a large client costs
    /// `cargo check` (see [`Call`]).
    pub fn call<T, E, H>(self, decode: fn(Received) -> Outcome<T, E, H>) -> Call<T, E, H>
    where
        T: Send + 'static,
        E: Send + 'static,
        H: Send + 'static,
    {
        Call::new(self, decode)
    }

    /// The page walk a generated `_pages` method returns: this request is the first page, and
    /// `paging` says where each next one is (see [`crate::Pages`]); each page is decoded by
    /// `decode`, the operation's own dispatch.
    pub fn pages<T, I, E, H>(
        self,
        decode: fn(Received) -> Outcome<T, E, H>,
        paging: crate::Paging<T, I>,
    ) -> crate::Pages<T, I, E, H>
    where
        T: Send + 'static,
        E: Send + 'static,
        H: Send + 'static,
    {
        crate::Pages::new(self, decode, paging)
    }

    /// Sends the request and reads the whole response, whatever its status. Not generic, so that
    /// a client's build compiles it once rather than once per operation.
    pub async fn send(self) -> Result<Received, Error> {
        let streamed = self.streamed;
        let (request, sender) = self.build()?;
        sender.receive(request, streamed).await
    }

    /// The request as reqwest sends it, and what sends it.
    pub(crate) fn build(self) -> Result<(reqwest::Request, Sender), Error> {
        if let Some(reason) = self.invalid {
            return Err(Error::InvalidRequest(reason));
        }
        let mut builder = self.builder;
        if !self.query.is_empty() {
            builder = builder.query(&self.query);
        }
        for (name, value) in &self.headers {
            builder = builder.header(name, value);
        }
        if !self.cookies.is_empty() {
            builder = builder.header(reqwest::header::COOKIE, self.cookies.join("; "));
        }
        let mut request = builder
            .build()
            .map_err(|error| Error::from_reqwest(error, 0))?;
        // Each replaces the operation's headers of its name.
        request.headers_mut().extend(self.extra_headers);
        if let Some(timeout) = self.attempt_timeout {
            *request.timeout_mut() = Some(timeout);
        }
        let sender = Sender {
            http: self.http,
            hooks: self.hooks,
            transport: self.transport,
            session: self.session,
            retry: self.retry,
            budget: self.budget,
            own_key: self.key_header.filter(|_| self.own_key),
            deadline: self
                .total_timeout
                .map(|timeout| tokio::time::Instant::now() + timeout),
        };
        Ok((request, sender))
    }
}
