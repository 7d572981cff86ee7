//! The standard token requests of OAuth 2.0 (RFC 6749) as a [`Grant`]: the resource owner
//! password grant (§4.3), client credentials (§4.4) and the refresh (§6), each a
//! form-urlencoded `POST` to the token URL, its response read as §5.1 says and as providers
//! stretch it (an `expires_in` sent as a string, an absolute expiry, a JWT's `exp`).

use crate::session::{Expiry, Grant, SessionError, Token, TokenFuture};
use std::fmt;
use std::time::{Duration, SystemTime};

/// How long a token request may take unless [`OAuth2Grant::timeout`] says otherwise: callers
/// wait for it together, so it must end.
pub const DEFAULT_TOKEN_TIMEOUT: Duration = Duration::from_secs(30);

/// How the client authenticates to the token endpoint (RFC 6749 §2.3.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ClientAuthentication {
    /// HTTP Basic with the client id and secret (what the RFC recommends; Akeneo).
    #[default]
    Basic,
    /// `client_id` and `client_secret` in the form body.
    Body,
}

/// What the grant logs in with.
#[derive(Clone)]
enum Login {
    /// `grant_type=password`.
    Password { username: String, password: String },
    /// `grant_type=client_credentials`.
    ClientCredentials,
    /// No login: only refreshes.
    None,
}

/// A [`Grant`] making the standard token requests to `token_url`.
#[derive(Clone)]
pub struct OAuth2Grant {
    http: reqwest::Client,
    token_url: String,
    login: Login,
    client: Option<(String, String)>,
    client_authentication: ClientAuthentication,
    scope: Option<String>,
    timeout: Duration,
}

impl fmt::Debug for OAuth2Grant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let login = match &self.login {
            Login::Password { username, .. } => format!("password grant for {username}"),
            Login::ClientCredentials => "client credentials grant".to_owned(),
            Login::None => "refresh only".to_owned(),
        };
        f.debug_struct("OAuth2Grant")
            .field("token_url", &self.token_url)
            .field("login", &login)
            .field("client_id", &self.client.as_ref().map(|(id, _)| id))
            .field("client_authentication", &self.client_authentication)
            .finish_non_exhaustive()
    }
}

impl OAuth2Grant {
    fn new(token_url: impl Into<String>, login: Login) -> Self {
        OAuth2Grant {
            http: reqwest::Client::new(),
            token_url: token_url.into(),
            login,
            client: None,
            client_authentication: ClientAuthentication::default(),
            scope: None,
            timeout: DEFAULT_TOKEN_TIMEOUT,
        }
    }

    /// The resource owner password grant (§4.3).
    pub fn password(
        token_url: impl Into<String>,
        username: impl Into<String>,
        password: impl Into<String>,
    ) -> Self {
        let login = Login::Password {
            username: username.into(),
            password: password.into(),
        };
        OAuth2Grant::new(token_url, login)
    }

    /// The client credentials grant (§4.4).
    pub fn client_credentials(
        token_url: impl Into<String>,
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
    ) -> Self {
        OAuth2Grant::new(token_url, Login::ClientCredentials).client(client_id, client_secret)
    }

    /// Refreshes only (an authorization code flow's token, obtained elsewhere).
    pub fn refresh_only(token_url: impl Into<String>) -> Self {
        OAuth2Grant::new(token_url, Login::None)
    }

    /// The client's id and secret, sent as [`Self::client_authentication`] says.
    pub fn client(mut self, id: impl Into<String>, secret: impl Into<String>) -> Self {
        self.client = Some((id.into(), secret.into()));
        self
    }

    /// How the client id and secret are sent (default HTTP Basic).
    pub fn client_authentication(mut self, how: ClientAuthentication) -> Self {
        self.client_authentication = how;
        self
    }

    /// The `scope` asked for (space-separated, §3.3).
    pub fn scope(mut self, scope: impl Into<String>) -> Self {
        self.scope = Some(scope.into());
        self
    }

    /// Sends the token requests through `http`.
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = http;
        self
    }

    /// Gives up on a token request after `timeout` (default [`DEFAULT_TOKEN_TIMEOUT`]).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The values this grant sends that an answer must not show.
    fn secrets<'a>(&'a self, form: &[(&str, &'a str)]) -> Vec<&'a str> {
        let mut secrets: Vec<&str> = form
            .iter()
            .filter(|(key, _)| matches!(*key, "password" | "refresh_token"))
            .map(|(_, value)| *value)
            .collect();
        secrets.extend(self.client.as_ref().map(|(_, secret)| secret.as_str()));
        secrets
    }

    async fn request(&self, mut form: Vec<(&str, &str)>) -> Result<Token, SessionError> {
        let secrets = self.secrets(&form);
        let mut request = self
            .http
            .post(&self.token_url)
            .timeout(self.timeout)
            .header(reqwest::header::ACCEPT, "application/json");
        if let Some((id, secret)) = &self.client {
            match self.client_authentication {
                ClientAuthentication::Basic => request = request.basic_auth(id, Some(secret)),
                ClientAuthentication::Body => form.extend([
                    ("client_id", id.as_str()),
                    ("client_secret", secret.as_str()),
                ]),
            }
        }
        if let Some(scope) = &self.scope {
            form.push(("scope", scope));
        }
        let fail = |what: &str, error: reqwest::Error| {
            let what = match error.is_timeout() {
                true => "timed out",
                false => what,
            };
            let error = error.without_url();
            SessionError::new(format!("the token request {what}"), Some(Box::new(error)))
        };
        let response = request
            .form(&form)
            .send()
            .await
            .map_err(|error| fail("could not be sent", error))?;
        let status = response.status();
        let body = response
            .bytes()
            .await
            .map_err(|error| fail("got no whole response", error))?;
        if !status.is_success() {
            // An echo of the request (pydantic's `input`) must not show the password.
            let shown = crate::redact::body_start(&body);
            let message = format!("the token endpoint answered {status}: {shown}");
            let error = SessionError::new(message, None).with_status(status.as_u16());
            return Err(error.hiding(secrets.iter().copied()));
        }
        let value: serde_json::Value = serde_json::from_slice(&body)
            .map_err(|_| SessionError::new("the token endpoint's answer is not JSON", None))?;
        token_from_json(&value).map_err(|reason| SessionError::new(reason, None))
    }
}

impl Grant for OAuth2Grant {
    fn login(&self) -> Option<TokenFuture<'_>> {
        let form = match &self.login {
            Login::Password { username, password } => vec![
                ("grant_type", "password"),
                ("username", username.as_str()),
                ("password", password.as_str()),
            ],
            Login::ClientCredentials => vec![("grant_type", "client_credentials")],
            Login::None => return None,
        };
        Some(Box::pin(self.request(form)))
    }

    fn refresh<'a>(&'a self, refresh_token: &'a str) -> Option<TokenFuture<'a>> {
        let form = vec![
            ("grant_type", "refresh_token"),
            ("refresh_token", refresh_token),
        ];
        Some(Box::pin(self.request(form)))
    }
}

/// A token from the typed body of a generated token operation's response, read as
/// [`token_from_json`] reads JSON.
pub fn token_from_body<T: serde::Serialize>(body: &T) -> Result<Token, SessionError> {
    let value = serde_json::to_value(body)
        .map_err(|_| SessionError::new("the token response could not be read", None))?;
    token_from_json(&value).map_err(|reason| SessionError::new(reason, None))
}

/// A token from a token response (RFC 6749 §5.1): `access_token`, `refresh_token` and the
/// expiry, read from the first of: `expires_in` (seconds, a number or a numeric string as
/// Knetik sends it), `expires_at` (epoch seconds, Occam; past 10^11, milliseconds), `.expires`
/// (an HTTP date, ASP.NET's
/// as Canopy sends it), the access token's JWT `exp` claim; none of them: [`Expiry::Unknown`].
pub fn token_from_json(value: &serde_json::Value) -> Result<Token, String> {
    let text = |key: &str| value.get(key).and_then(serde_json::Value::as_str);
    let Some(access_token) = text("access_token") else {
        return Err("the token endpoint's answer has no `access_token`".to_owned());
    };
    let seconds = |key: &str| {
        match value.get(key)? {
            serde_json::Value::Number(number) => number.as_f64(),
            serde_json::Value::String(text) => text.trim().parse::<f64>().ok(),
            _ => None,
        }
        .filter(|seconds| seconds.is_finite() && *seconds >= 0.0)
    };
    if access_token.is_empty() {
        return Err("the token endpoint's `access_token` is empty".to_owned());
    }
    // A time too far away to represent is as good as never.
    let expires = if let Some(lifetime) = seconds("expires_in") {
        Duration::try_from_secs_f64(lifetime).map_or(Expiry::Unknown, Expiry::In)
    } else if let Some(at) = seconds("expires_at") {
        // Seconds reach 10^11 in the year 5138; milliseconds passed it in 1973.
        let at = if at > 1e11 { at / 1000.0 } else { at };
        epoch_plus(at).map_or(Expiry::Unknown, Expiry::At)
    } else if let Some(at) = text(".expires").and_then(|date| httpdate::parse_http_date(date).ok())
    {
        Expiry::At(at)
    } else if let Some(at) = jwt_expiry(access_token) {
        Expiry::At(at)
    } else {
        Expiry::Unknown
    };
    Ok(Token {
        access_token: access_token.to_owned(),
        refresh_token: text("refresh_token").map(str::to_owned),
        expires,
    })
}

/// The `exp` claim of a JWT (RFC 7519 §4.1.4), read without checking the signature: the
/// client only needs to know when to ask for a new token.
fn jwt_expiry(token: &str) -> Option<SystemTime> {
    use base64::Engine;
    let payload = token.split('.').nth(1)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .ok()?;
    let claims: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    let exp = claims.get("exp")?.as_f64().filter(|exp| *exp >= 0.0)?;
    epoch_plus(exp)
}

/// The time `seconds` after the Unix epoch, if a `SystemTime` can hold it.
fn epoch_plus(seconds: f64) -> Option<SystemTime> {
    let since = Duration::try_from_secs_f64(seconds).ok()?;
    SystemTime::UNIX_EPOCH.checked_add(since)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_expiry_is_read_as_providers_send_it() {
        let expiry = |value| token_from_json(&value).unwrap().expires;
        let at = |seconds| Expiry::At(SystemTime::UNIX_EPOCH + Duration::from_secs(seconds));
        let hour = Duration::from_secs(3600);
        assert_eq!(
            expiry(json!({"access_token": "a", "expires_in": 3600})),
            Expiry::In(hour)
        );
        assert_eq!(
            expiry(json!({"access_token": "a", "expires_in": "3600"})),
            Expiry::In(hour)
        );
        assert_eq!(
            expiry(json!({"access_token": "a", "expires_at": 1700000000})),
            at(1700000000)
        );
        let millis = json!({"access_token": "a", "expires_at": 1700000000000u64});
        assert_eq!(expiry(millis), at(1700000000));
        let canopy = json!({"access_token": "a", ".expires": "Tue, 14 Nov 2023 22:13:20 GMT"});
        assert_eq!(expiry(canopy), at(1700000000));
        // {"exp": 1700000000} as a JWT's payload.
        let jwt = "eyJhbGciOiJub25lIn0.eyJleHAiOjE3MDAwMDAwMDB9.";
        assert_eq!(expiry(json!({"access_token": jwt})), at(1700000000));
        assert_eq!(expiry(json!({"access_token": "opaque"})), Expiry::Unknown);
        let missing = token_from_json(&json!({"token": "a"})).unwrap_err();
        assert!(missing.contains("access_token"), "{missing}");
        let empty = token_from_json(&json!({"access_token": ""})).unwrap_err();
        assert!(empty.contains("empty"), "{empty}");
    }

    #[test]
    fn expiries_past_what_a_time_holds_are_no_expiry() {
        let expiry = |value| token_from_json(&value).unwrap().expires;
        for huge in [json!(1e20), json!(u64::MAX), json!("1e300")] {
            let value = json!({"access_token": "a", "expires_in": huge});
            assert_eq!(expiry(value), Expiry::Unknown);
        }
        assert_eq!(
            expiry(json!({"access_token": "a", "expires_at": 1e30})),
            Expiry::Unknown
        );
        // {"exp": 1e300} as a JWT's payload.
        let jwt = "eyJhbGciOiJub25lIn0.eyJleHAiOjFlMzAwfQ.";
        assert_eq!(expiry(json!({"access_token": jwt})), Expiry::Unknown);
    }

    #[test]
    fn debug_shows_no_secret() {
        let grant =
            OAuth2Grant::password("https://x/token", "ada", "s3cret").client("c", "cs3cret");
        let printed = format!("{grant:?}");
        assert!(!printed.contains("s3cret"), "{printed}");
    }
}
