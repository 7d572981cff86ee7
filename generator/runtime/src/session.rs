//! OAuth2 token sessions (RFC 6749): a [`Session`] holds the current access token and hands out
//! a valid one, logging in or refreshing when it is missing or about to expire. Callers waiting
//! at the same moment share one request (single flight); a rejected refresh falls back to a new
//! login where the [`Grant`] can log in; nothing it prints or returns shows a credential.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

/// An access token as a token endpoint returned it (RFC 6749 §5.1).
#[derive(Clone)]
pub struct Token {
    /// The access token, sent as `Authorization: Bearer <token>`.
    pub access_token: String,
    /// The refresh token, when the server gave one (RFC 6749 §6).
    pub refresh_token: Option<String>,
    /// When the access token stops being accepted, as the response says.
    pub expires: Expiry,
}

/// When an access token expires, as a token response says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expiry {
    /// This long after it was received (`expires_in`, RFC 6749 §5.1).
    In(Duration),
    /// At this time (an absolute expiry the response carries, a JWT's `exp` claim).
    At(SystemTime),
    /// Nothing says: the token is used until the server refuses it.
    Unknown,
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Token")
            .field("access_token", &crate::Redacted)
            .field(
                "refresh_token",
                &self.refresh_token.as_ref().map(|_| crate::Redacted),
            )
            .field("expires", &self.expires)
            .finish()
    }
}

/// The time a session measures expiry against; tests give one they move by hand.
pub trait Clock: Send + Sync + 'static {
    /// Now.
    fn now(&self) -> SystemTime;
}

/// The system's clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> SystemTime {
        SystemTime::now()
    }
}

/// The future of a token request.
pub type TokenFuture<'a> = Pin<Box<dyn Future<Output = Result<Token, SessionError>> + Send + 'a>>;

/// How a session gets tokens: a login with the credentials it holds (password, client
/// credentials), a refresh, or both.
pub trait Grant: Send + Sync + 'static {
    /// A new token from the credentials; `None` when the grant has none to log in with.
    fn login(&self) -> Option<TokenFuture<'_>>;

    /// A new token for `refresh_token` (RFC 6749 §6); `None` when the grant cannot refresh.
    fn refresh<'a>(&'a self, refresh_token: &'a str) -> Option<TokenFuture<'a>>;
}

/// Why a session has no token to give. Its `Display` and `Debug` never show a credential the
/// token request sent (an answer may echo the request: pydantic's `input`); the error of the
/// token request, when there is one (a generated operation's typed `Error`), is its `source`,
/// as the server sent it.
pub struct SessionError {
    message: String,
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
    status: Option<u16>,
    /// Values shown as `***`.
    secrets: Vec<String>,
}

impl SessionError {
    /// An error saying `message`, caused by `source`.
    pub fn new(
        message: impl Into<String>,
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
    ) -> Self {
        SessionError {
            message: message.into(),
            source,
            status: None,
            secrets: Vec::new(),
        }
    }

    /// The same error, with the HTTP status of the token endpoint's answer.
    pub fn with_status(mut self, status: u16) -> Self {
        self.status = Some(status);
        self
    }

    /// The same error, showing each of `secrets` as `***` wherever its message or source would.
    pub fn hiding<'s>(mut self, secrets: impl IntoIterator<Item = &'s str>) -> Self {
        let secrets = secrets.into_iter().filter(|secret| !secret.is_empty());
        self.secrets.extend(secrets.map(str::to_owned));
        self
    }

    /// The same error, hiding the credentials of `sent` (a token request's body: the string
    /// values of its credential fields, `password`, `client_secret`, `refresh_token`, ...).
    pub fn hiding_credentials_of<T: serde::Serialize>(self, sent: &T) -> Self {
        let Ok(serde_json::Value::Object(fields)) = serde_json::to_value(sent) else {
            return self;
        };
        let secrets: Vec<String> = fields
            .iter()
            .filter(|(key, _)| crate::redact::is_secret_key(key))
            .filter_map(|(_, value)| value.as_str().map(str::to_owned))
            .collect();
        self.hiding(secrets.iter().map(String::as_str))
    }

    /// The HTTP status of the token endpoint's answer, when it answered with an error (for
    /// [`crate::OAuth2Grant`]'s requests; a generated operation's error has its own).
    pub fn status(&self) -> Option<u16> {
        self.status
    }

    /// `text` with the secrets as `***`: as sent, and as a JSON string or a `Debug` of one (or
    /// both) writes them (`"` as `\"`), for an answer that echoes one back.
    fn scrub(&self, text: String) -> String {
        let quoted_inside = |quoted: String| quoted[1..quoted.len() - 1].to_owned();
        let mut forms: Vec<String> = Vec::new();
        for secret in &self.secrets {
            let json = serde_json::to_string(secret).map_or_else(|_| secret.clone(), quoted_inside);
            let debug_of_json = quoted_inside(format!("{json:?}"));
            forms.extend([
                secret.clone(),
                quoted_inside(format!("{secret:?}")),
                json,
                debug_of_json,
            ]);
        }
        // The longest first, so that a form is not cut by a shorter one inside it.
        forms.sort_by_key(|form| std::cmp::Reverse(form.len()));
        forms.dedup();
        forms
            .iter()
            .fold(text, |text, form| text.replace(form.as_str(), "***"))
    }

    /// The error of the token request, to downcast to its type (the generated token
    /// operation's `Error<...>`, whose variants are the provider's documented errors).
    pub fn request_error(&self) -> Option<&(dyn std::error::Error + Send + Sync + 'static)> {
        self.source.as_deref()
    }
}

impl fmt::Display for SessionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match &self.source {
            Some(source) => format!("{}: {source}", self.message),
            None => self.message.clone(),
        };
        f.write_str(&self.scrub(text))
    }
}

impl fmt::Debug for SessionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let source = self.source.as_ref().map(|source| format!("{source:?}"));
        f.debug_struct("SessionError")
            .field("message", &self.scrub(self.message.clone()))
            .field("status", &self.status)
            .field("source", &source.map(|source| self.scrub(source)))
            .finish_non_exhaustive()
    }
}

impl std::error::Error for SessionError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|source| source as &(dyn std::error::Error + 'static))
    }
}

/// A token session: hands out a valid access token, fetching one when there is none or the
/// current one expires within the margin (default 30 s; at most half the token's lifetime, so a
/// token of 20 s is used for 10). Cheap to clone: clones share the token.
#[derive(Clone)]
pub struct Session {
    inner: Arc<Inner>,
}

struct Inner {
    grant: Box<dyn Grant>,
    clock: Box<dyn Clock>,
    margin: Duration,
    /// The current token. Held locked while a token is fetched, so that callers arriving
    /// meanwhile wait for that one request instead of making their own.
    current: tokio::sync::Mutex<Option<Held>>,
}

/// The current token and until when it is handed out.
struct Held {
    token: Token,
    /// `None`: until a `401` says otherwise.
    fresh_until: Option<SystemTime>,
}

impl Held {
    /// `token`, received `now`: its relative expiry made absolute, fresh until `margin` before
    /// it (or half its remaining lifetime, when that is shorter). An expiry past what a
    /// `SystemTime` holds is as good as none.
    fn new(mut token: Token, now: SystemTime, margin: Duration) -> Held {
        if let Expiry::In(lifetime) = token.expires {
            token.expires = now
                .checked_add(lifetime)
                .map_or(Expiry::Unknown, Expiry::At);
        }
        let fresh_until = match token.expires {
            Expiry::At(expires_at) => {
                let lifetime = expires_at.duration_since(now).unwrap_or_default();
                Some(expires_at - margin.min(lifetime / 2))
            }
            Expiry::In(_) | Expiry::Unknown => None,
        };
        Held { token, fresh_until }
    }
}

impl fmt::Debug for Session {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Session")
            .field("margin", &self.inner.margin)
            .finish_non_exhaustive()
    }
}

/// Builds a [`Session`].
pub struct SessionBuilder {
    grant: Box<dyn Grant>,
    clock: Box<dyn Clock>,
    margin: Duration,
    token: Option<Token>,
}

impl SessionBuilder {
    /// Fetches a new token when the current one expires within `margin`.
    pub fn margin(mut self, margin: Duration) -> Self {
        self.margin = margin;
        self
    }

    /// Measures expiry against `clock` instead of the system's.
    pub fn clock(mut self, clock: impl Clock) -> Self {
        self.clock = Box::new(clock);
        self
    }

    /// Starts with `token` (one kept from an earlier run, say).
    pub fn token(mut self, token: Token) -> Self {
        self.token = Some(token);
        self
    }

    /// The session.
    pub fn build(self) -> Session {
        let now = self.clock.now();
        let held = (self.token).map(|token| Held::new(token, now, self.margin));
        Session {
            inner: Arc::new(Inner {
                grant: self.grant,
                clock: self.clock,
                margin: self.margin,
                current: tokio::sync::Mutex::new(held),
            }),
        }
    }
}

impl Session {
    /// A session getting its tokens from `grant`, with the system clock and a 30 s margin.
    pub fn new(grant: impl Grant) -> Session {
        Session::builder(grant).build()
    }

    /// The same, to set the margin, clock or first token.
    pub fn builder(grant: impl Grant) -> SessionBuilder {
        SessionBuilder {
            grant: Box::new(grant),
            clock: Box::new(SystemClock),
            margin: Duration::from_secs(30),
            token: None,
        }
    }

    /// A valid access token: the current one, or a new one (refreshed when there is a refresh
    /// token the grant accepts, else from a login).
    pub async fn access_token(&self) -> Result<String, SessionError> {
        let mut current = self.inner.current.lock().await;
        if let Some(held) = current.as_ref().filter(|held| self.is_fresh(held)) {
            return Ok(held.token.access_token.clone());
        }
        let token = self.fetch(current.as_ref().map(|held| &held.token)).await?;
        let access = token.access_token.clone();
        *current = Some(Held::new(token, self.inner.clock.now(), self.inner.margin));
        Ok(access)
    }

    /// The server refused `rejected` (a `401`): the next [`Self::access_token`] fetches a new
    /// token, unless another caller has already replaced it.
    pub async fn reject(&self, rejected: &str) {
        let mut current = self.inner.current.lock().await;
        if let Some(held) = current
            .as_mut()
            .filter(|h| h.token.access_token == rejected)
        {
            held.token.expires = Expiry::At(SystemTime::UNIX_EPOCH);
            held.fresh_until = Some(SystemTime::UNIX_EPOCH);
        }
    }

    /// The current token, if any (to keep for a later run).
    pub async fn token(&self) -> Option<Token> {
        let current = self.inner.current.lock().await;
        current.as_ref().map(|held| held.token.clone())
    }

    fn is_fresh(&self, held: &Held) -> bool {
        held.fresh_until
            .is_none_or(|fresh_until| self.inner.clock.now() < fresh_until)
    }

    /// A new token: a refresh with `old`'s refresh token first, then a login.
    async fn fetch(&self, old: Option<&Token>) -> Result<Token, SessionError> {
        let grant = &self.inner.grant;
        let mut refresh_error = None;
        if let Some(refresh_token) = old.and_then(|token| token.refresh_token.as_deref()) {
            if let Some(refresh) = grant.refresh(refresh_token) {
                match refresh.await {
                    Ok(mut token) => {
                        // A server may keep the refresh token and not send it again (§6).
                        if token.refresh_token.is_none() {
                            token.refresh_token = Some(refresh_token.to_owned());
                        }
                        return Ok(token);
                    }
                    Err(error) => refresh_error = Some(error),
                }
            }
        }
        match (grant.login(), refresh_error) {
            (Some(login), _) => login.await,
            (None, Some(error)) => Err(error),
            (None, None) => Err(SessionError::new(
                "the session has no token and its grant cannot log in",
                None,
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

    /// A clock tests move by hand: seconds since the epoch.
    #[derive(Clone, Default)]
    struct ManualClock(Arc<AtomicU64>);

    impl ManualClock {
        fn advance(&self, seconds: u64) {
            self.0.fetch_add(seconds, Ordering::SeqCst);
        }
    }

    impl Clock for ManualClock {
        fn now(&self) -> SystemTime {
            SystemTime::UNIX_EPOCH + Duration::from_secs(self.0.load(Ordering::SeqCst))
        }
    }

    /// Counts logins and refreshes; tokens live 100 s; refreshes fail when `refresh_fails`.
    struct CountingGrant {
        logins: Arc<AtomicUsize>,
        refreshes: Arc<AtomicUsize>,
        can_login: bool,
        refresh_fails: bool,
    }

    impl CountingGrant {
        fn token(&self, kind: &str, count: usize) -> Token {
            Token {
                access_token: format!("{kind}-{count}"),
                refresh_token: Some(format!("refresh-{kind}-{count}")),
                expires: Expiry::In(Duration::from_secs(100)),
            }
        }
    }

    impl Grant for CountingGrant {
        fn login(&self) -> Option<TokenFuture<'_>> {
            if !self.can_login {
                return None;
            }
            Some(Box::pin(async move {
                let count = self.logins.fetch_add(1, Ordering::SeqCst) + 1;
                // Slow enough for every concurrent caller to arrive meanwhile.
                tokio::time::sleep(Duration::from_millis(20)).await;
                Ok(self.token("login", count))
            }))
        }

        fn refresh<'a>(&'a self, _: &'a str) -> Option<TokenFuture<'a>> {
            Some(Box::pin(async move {
                let count = self.refreshes.fetch_add(1, Ordering::SeqCst) + 1;
                match self.refresh_fails {
                    true => Err(SessionError::new("the refresh token was refused", None)),
                    false => Ok(self.token("refresh", count)),
                }
            }))
        }
    }

    fn session(
        can_login: bool,
        refresh_fails: bool,
    ) -> (Session, ManualClock, [Arc<AtomicUsize>; 2]) {
        let clock = ManualClock::default();
        let (logins, refreshes) = (Arc::default(), Arc::default());
        let grant = CountingGrant {
            logins: Arc::clone(&logins),
            refreshes: Arc::clone(&refreshes),
            can_login,
            refresh_fails,
        };
        let session = Session::builder(grant)
            .clock(clock.clone())
            .margin(Duration::from_secs(10))
            .build();
        (session, clock, [logins, refreshes])
    }

    #[tokio::test]
    async fn fifty_concurrent_callers_share_one_login_and_one_refresh() {
        let (session, clock, [logins, refreshes]) = session(true, false);
        let callers = (0..50).map(|_| {
            let session = session.clone();
            tokio::spawn(async move { session.access_token().await.unwrap() })
        });
        let tokens: Vec<String> = futures_join(callers).await;
        assert!(tokens.iter().all(|token| token == "login-1"), "{tokens:?}");
        assert_eq!(logins.load(Ordering::SeqCst), 1);
        // Reused until the margin: at 89 s of 100, the token is still good.
        clock.advance(89);
        assert_eq!(session.access_token().await.unwrap(), "login-1");
        assert_eq!(
            logins.load(Ordering::SeqCst) + refreshes.load(Ordering::SeqCst),
            1
        );
        // Within 10 s of expiry: one refresh for 50 callers.
        clock.advance(2);
        let callers = (0..50).map(|_| {
            let session = session.clone();
            tokio::spawn(async move { session.access_token().await.unwrap() })
        });
        let tokens = futures_join(callers).await;
        assert!(
            tokens.iter().all(|token| token == "refresh-1"),
            "{tokens:?}"
        );
        assert_eq!(
            (
                logins.load(Ordering::SeqCst),
                refreshes.load(Ordering::SeqCst)
            ),
            (1, 1)
        );
    }

    #[tokio::test]
    async fn a_refused_refresh_falls_back_to_a_login_or_is_the_error() {
        let (session, clock, [logins, refreshes]) = session(true, true);
        assert_eq!(session.access_token().await.unwrap(), "login-1");
        clock.advance(95);
        assert_eq!(session.access_token().await.unwrap(), "login-2");
        assert_eq!(
            (
                logins.load(Ordering::SeqCst),
                refreshes.load(Ordering::SeqCst)
            ),
            (2, 1)
        );

        let (session, _, _) = session_without_login_holding_a_token();
        let error = session.access_token().await.unwrap_err();
        assert_eq!(error.to_string(), "the refresh token was refused");
    }

    fn session_without_login_holding_a_token() -> (Session, ManualClock, [Arc<AtomicUsize>; 2]) {
        let clock = ManualClock::default();
        let (logins, refreshes) = (Arc::default(), Arc::default());
        let grant = CountingGrant {
            logins: Arc::clone(&logins),
            refreshes: Arc::clone(&refreshes),
            can_login: false,
            refresh_fails: true,
        };
        let expired = Token {
            access_token: "old".into(),
            refresh_token: Some("refresh-old".into()),
            expires: Expiry::At(SystemTime::UNIX_EPOCH),
        };
        let session = Session::builder(grant)
            .clock(clock.clone())
            .token(expired)
            .build();
        (session, clock, [logins, refreshes])
    }

    #[tokio::test]
    async fn a_rejected_token_is_replaced_once() {
        let (session, _, [logins, refreshes]) = session(true, false);
        let first = session.access_token().await.unwrap();
        session.reject(&first).await;
        session.reject(&first).await; // a second 401 for the same token changes nothing more
        assert_eq!(session.access_token().await.unwrap(), "refresh-1");
        session.reject("login-1").await; // an old token's 401 comes late: the new one stays
        assert_eq!(session.access_token().await.unwrap(), "refresh-1");
        assert_eq!(
            (
                logins.load(Ordering::SeqCst),
                refreshes.load(Ordering::SeqCst)
            ),
            (1, 1)
        );
    }

    #[test]
    fn debug_shows_no_token() {
        let token = Token {
            access_token: "eyJ.secret".into(),
            refresh_token: Some("r-secret".into()),
            expires: Expiry::Unknown,
        };
        let printed = format!("{token:?}");
        assert!(!printed.contains("secret"), "{printed}");
    }

    async fn futures_join<T: Send + 'static>(
        handles: impl Iterator<Item = tokio::task::JoinHandle<T>>,
    ) -> Vec<T> {
        let mut out = Vec::new();
        for handle in handles.collect::<Vec<_>>() {
            out.push(handle.await.unwrap());
        }
        out
    }

    /// Logs in with tokens of the given lifetime (`None`: none given), counting the logins.
    struct LifetimeGrant(Option<Duration>, Arc<AtomicUsize>);

    impl Grant for LifetimeGrant {
        fn login(&self) -> Option<TokenFuture<'_>> {
            Some(Box::pin(async move {
                let count = self.1.fetch_add(1, Ordering::SeqCst) + 1;
                Ok(Token {
                    access_token: format!("t{count}"),
                    refresh_token: None,
                    expires: self.0.map_or(Expiry::Unknown, Expiry::In),
                })
            }))
        }

        fn refresh<'a>(&'a self, _: &'a str) -> Option<TokenFuture<'a>> {
            None
        }
    }

    #[tokio::test]
    async fn a_token_shorter_than_twice_the_margin_is_used_for_half_its_lifetime() {
        let clock = ManualClock::default();
        let logins = Arc::new(AtomicUsize::new(0));
        let grant = LifetimeGrant(Some(Duration::from_secs(20)), Arc::clone(&logins));
        let session = Session::builder(grant).clock(clock.clone()).build();
        assert_eq!(session.access_token().await.unwrap(), "t1");
        clock.advance(9);
        assert_eq!(
            session.access_token().await.unwrap(),
            "t1",
            "reused for 10 s"
        );
        clock.advance(1);
        assert_eq!(session.access_token().await.unwrap(), "t2", "then renewed");
        assert_eq!(logins.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn an_expiry_too_far_to_hold_is_no_expiry() {
        let logins = Arc::new(AtomicUsize::new(0));
        let grant = LifetimeGrant(Some(Duration::MAX), Arc::clone(&logins));
        let session = Session::new(grant);
        assert_eq!(session.access_token().await.unwrap(), "t1");
        assert_eq!(session.access_token().await.unwrap(), "t1");
        assert_eq!(session.token().await.unwrap().expires, Expiry::Unknown);
        assert_eq!(logins.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn an_error_hides_the_credentials_that_were_sent() {
        #[derive(Debug)]
        struct Echo(&'static str);
        impl fmt::Display for Echo {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "invalid input {}", self.0)
            }
        }
        impl std::error::Error for Echo {}
        let sent = serde_json::json!({"username": "ada", "password": "pw-SECRET", "grant_type": "password"});
        let quoted = serde_json::json!({"password": r#"zq"xk\vy"#});
        let echo = serde_json::json!({"input": r#"zq"xk\vy"#}).to_string();
        let escaped = SessionError::new(echo, None).hiding_credentials_of(&quoted);
        let shown = format!("{escaped} {escaped:?}");
        assert!(!shown.contains("xk") && shown.contains("***"), "{shown}");
        let error = SessionError::new("the login failed", Some(Box::new(Echo("pw-SECRET"))))
            .hiding_credentials_of(&sent)
            .with_status(422);
        let shown = format!("{error} {error:?}");
        assert!(
            !shown.contains("pw-SECRET") && shown.contains("invalid input ***"),
            "{shown}"
        );
        assert_eq!(error.status(), Some(422));
    }
}
