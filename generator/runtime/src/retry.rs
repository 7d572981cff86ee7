//! Sending a request again when it failed in a way that another attempt may not: which failures,
//! which requests, how long to wait, and how many retries a client may spend.
//!
//! The defaults follow the SDKs users pick: 3 attempts (aws-sdk-rust's standard mode; Stainless's
//! 2 retries), exponential backoff from 0.5 s to at most 8 s with full jitter (Stainless's
//! bounds; "full jitter" as AWS's architecture blog names it), a server's `Retry-After` honoured
//! up to 60 s (Stainless's cap), and a client-wide budget of retries (aws-sdk-rust's token
//! bucket: 500 tokens, 5 per retry, 10 per retry after a timeout, 1 back per success).

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, SystemTime};

/// When and how often a client sends a failed request again. Set on a client
/// (`Client::with_retry_policy`) or on one call (`Call::retry_policy`);
/// [`RetryPolicy::none`] sends every request once.
///
/// A request is sent again only when it is safe to repeat: its method is `GET`, `HEAD`,
/// `OPTIONS`, `PUT`, `DELETE` or `TRACE` (idempotent, RFC 9110 §9.2.2), or it carries an
/// idempotency key; and its body can be sent again (a streamed upload cannot). Any request is
/// sent again when the connection could not be made, since nothing reached the server then.
///
/// It is sent again after: a failure to connect, or a connection lost before the response or
/// while its body came; a timeout of the attempt; and the statuses
/// `408 Request Timeout`, `429 Too Many Requests`, `500`, `502`, `503` and `504`. A server's
/// `x-should-retry: true` or `false` (Stainless's header) overrides the status, and `true` makes
/// any request safe to repeat (the server's word). The wait before
/// the next attempt is the server's `Retry-After-Ms` or `Retry-After` (seconds or an HTTP date,
/// RFC 9110 §10.2.3) when it gives one, up to [`RetryPolicy::max_retry_after`] (a longer wait
/// returns the error at once: [`crate::Error::retry_after`] reads it); else a random time
/// between zero and `initial_backoff × 2^(retries so far)`, at most `max_backoff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    max_retry_after: Duration,
}

impl Default for RetryPolicy {
    /// [`RetryPolicy::standard`].
    fn default() -> Self {
        Self::standard()
    }
}

impl RetryPolicy {
    /// 3 attempts, backoff from 0.5 s to 8 s, a server's wait honoured up to 60 s.
    pub const fn standard() -> Self {
        RetryPolicy {
            attempts: 3,
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(8),
            max_retry_after: Duration::from_secs(60),
        }
    }

    /// One attempt: nothing is sent again (for a caller that retries itself, or a
    /// `reqwest-retry` middleware).
    pub const fn none() -> Self {
        Self::standard().max_attempts(1)
    }

    /// At most `attempts` attempts in all (the first one included; 0 is taken as 1).
    #[must_use]
    pub const fn max_attempts(mut self, attempts: u32) -> Self {
        self.attempts = if attempts == 0 { 1 } else { attempts };
        self
    }

    /// Backoff bounds: the first retry waits up to `initial`, each next one up to twice the
    /// one before, never more than `max`.
    #[must_use]
    pub const fn backoff(mut self, initial: Duration, max: Duration) -> Self {
        self.initial_backoff = initial;
        self.max_backoff = max;
        self
    }

    /// The longest wait a server may ask for (`Retry-After`) that is still waited out; a longer
    /// one ends the call with its error.
    #[must_use]
    pub const fn max_retry_after(mut self, wait: Duration) -> Self {
        self.max_retry_after = wait;
        self
    }

    /// The most attempts a call makes.
    pub const fn attempts(&self) -> u32 {
        self.attempts
    }

    /// How long to wait before retry number `retry` (1 for the first), when the server asked for
    /// `asked` (or did not): `None` when the server's wait is beyond the cap. `random` gives a
    /// number in `[0, 1)`.
    pub(crate) fn delay(
        &self,
        retry: u32,
        asked: Option<Duration>,
        random: impl FnOnce() -> f64,
    ) -> Option<Duration> {
        if let Some(asked) = asked {
            return (asked <= self.max_retry_after).then_some(asked);
        }
        let doubled = self
            .initial_backoff
            .saturating_mul(2u32.saturating_pow(retry.saturating_sub(1)));
        let ceiling = doubled.min(self.max_backoff);
        Some(ceiling.mul_f64(random().clamp(0.0, 1.0)))
    }
}

/// What a failed attempt was, for deciding whether another may follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Failure {
    /// The connection could not be made: nothing reached the server.
    Connect,
    /// The connection was lost before the response came: the server may have acted.
    Transport,
    /// No complete response within the attempt's time.
    Timeout,
    /// A status that another attempt may not get (`408`, `429`, `5xx` of the list).
    Status,
    /// A response the server marked retryable (`x-should-retry: true`): its word that the
    /// request, whatever its method, may be sent again.
    Marked,
}

/// The failure a response's status and headers are, if another attempt may fare better.
pub(crate) fn failure_of(status: u16, headers: &reqwest::header::HeaderMap) -> Option<Failure> {
    match headers
        .get("x-should-retry")
        .and_then(|value| value.to_str().ok())
    {
        Some("true") => return Some(Failure::Marked),
        Some("false") => return None,
        _ => {}
    }
    matches!(status, 408 | 429 | 500 | 502 | 503 | 504).then_some(Failure::Status)
}

/// Whether `method` may be sent twice with the effect of once (RFC 9110 §9.2.2).
pub(crate) fn idempotent(method: &reqwest::Method) -> bool {
    use reqwest::Method;
    [
        Method::GET,
        Method::HEAD,
        Method::OPTIONS,
        Method::TRACE,
        Method::PUT,
        Method::DELETE,
    ]
    .contains(method)
}

/// The wait a response asks for before the next attempt: `Retry-After-Ms` (milliseconds, as
/// Stainless's servers send it), else `Retry-After` in seconds or as an HTTP date (RFC 9110
/// §10.2.3), a date in the past being no wait.
pub fn retry_after(headers: &reqwest::header::HeaderMap, now: SystemTime) -> Option<Duration> {
    let text = |name: &str| headers.get(name).and_then(|value| value.to_str().ok());
    if let Some(millis) = text("retry-after-ms").and_then(|t| t.trim().parse::<f64>().ok()) {
        // A wait too long for a `Duration` (`1e30`) is the longest: beyond any cap.
        if millis >= 0.0 {
            return Some(Duration::try_from_secs_f64(millis / 1000.0).unwrap_or(Duration::MAX));
        }
    }
    let value = text("retry-after")?.trim();
    if !value.is_empty() && value.bytes().all(|byte| byte.is_ascii_digit()) {
        let seconds = value.parse::<u64>().unwrap_or(u64::MAX);
        return Some(Duration::from_secs(seconds));
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

/// A client's retries in all: each retry takes tokens, each success gives one back, and a
/// client out of tokens sends no retry until successes refill it, so that a server that is down
/// sees each request once rather than a storm of them (aws-sdk-rust's standard retry mode).
#[derive(Debug)]
pub(crate) struct RetryBudget {
    tokens: AtomicU32,
}

/// The budget's tokens when full.
const CAPACITY: u32 = 500;
/// What a retry costs.
const RETRY_COST: u32 = 5;
/// What a retry after a timeout costs (a server that does not answer is likely overloaded).
const TIMEOUT_COST: u32 = 10;

impl Default for RetryBudget {
    fn default() -> Self {
        RetryBudget {
            tokens: AtomicU32::new(CAPACITY),
        }
    }
}

impl RetryBudget {
    /// Takes the cost of a retry after `failure`; false when the budget cannot pay it.
    pub(crate) fn withdraw(&self, failure: Failure) -> bool {
        let cost = match failure {
            Failure::Timeout => TIMEOUT_COST,
            Failure::Connect | Failure::Transport | Failure::Status | Failure::Marked => RETRY_COST,
        };
        self.tokens
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |tokens| {
                tokens.checked_sub(cost)
            })
            .is_ok()
    }

    /// Gives a token back after a success.
    pub(crate) fn deposit(&self) {
        let _ = self
            .tokens
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |tokens| {
                (tokens < CAPACITY).then_some(tokens + 1)
            });
    }

    /// The tokens left (for tests).
    #[cfg(test)]
    fn left(&self) -> u32 {
        self.tokens.load(Ordering::Acquire)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::{HeaderMap, HeaderValue};

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_str(value).unwrap());
        }
        map
    }

    #[test]
    fn backoff_doubles_from_the_initial_wait_up_to_the_maximum_scaled_by_the_jitter() {
        let policy = RetryPolicy::standard();
        let full = |retry| policy.delay(retry, None, || 0.999_999).unwrap();
        assert!(full(1) <= Duration::from_millis(500) && full(1) > Duration::from_millis(499));
        assert!(full(2) > Duration::from_millis(999) && full(2) <= Duration::from_secs(1));
        assert!(full(5) <= Duration::from_secs(8) && full(5) > Duration::from_millis(7999));
        assert!(full(40) <= Duration::from_secs(8), "no overflow");
        assert_eq!(policy.delay(3, None, || 0.0), Some(Duration::ZERO));
        assert_eq!(
            policy.delay(1, None, || 0.5),
            Some(Duration::from_millis(250))
        );
    }

    #[test]
    fn a_servers_wait_is_honoured_up_to_the_cap_and_beyond_it_ends_the_call() {
        let policy = RetryPolicy::standard().max_retry_after(Duration::from_secs(5));
        let asked = Some(Duration::from_secs(3));
        assert_eq!(policy.delay(1, asked, || 0.0), asked);
        assert_eq!(policy.delay(1, Some(Duration::from_secs(6)), || 0.0), None);
    }

    #[test]
    fn retry_after_is_read_in_milliseconds_seconds_or_as_a_date() {
        let now = httpdate::parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT").unwrap();
        let read = |pairs: &[(&'static str, &str)]| retry_after(&headers(pairs), now);
        assert_eq!(read(&[("retry-after", "2")]), Some(Duration::from_secs(2)));
        assert_eq!(
            read(&[("retry-after", "Sun, 06 Nov 1994 08:49:40 GMT")]),
            Some(Duration::from_secs(3))
        );
        assert_eq!(
            read(&[("retry-after", "Sun, 06 Nov 1994 08:49:00 GMT")]),
            Some(Duration::ZERO),
            "a date in the past"
        );
        assert_eq!(
            read(&[("retry-after-ms", "1500"), ("retry-after", "9")]),
            Some(Duration::from_millis(1500)),
            "milliseconds first"
        );
        assert_eq!(read(&[("retry-after", "soon")]), None);
        assert_eq!(read(&[]), None);
        // Waits too long to hold are the longest, never a panic: beyond any cap.
        for (name, value) in [
            ("retry-after-ms", "1e30"),
            ("retry-after-ms", "1e400"),
            ("retry-after", "99999999999999999999"),
        ] {
            let wait = read(&[(name, value)]).unwrap();
            assert!(wait > Duration::from_secs(1 << 40), "{name}: {value}");
        }
        assert_eq!(read(&[("retry-after-ms", "NaN")]), None);
        assert_eq!(read(&[("retry-after-ms", "-5")]), None);
    }

    #[test]
    fn the_listed_statuses_are_retried_and_x_should_retry_overrides_the_status() {
        let none = HeaderMap::new();
        for status in [408, 429, 500, 502, 503, 504] {
            assert_eq!(failure_of(status, &none), Some(Failure::Status), "{status}");
        }
        for status in [200, 400, 401, 404, 409, 501] {
            assert_eq!(failure_of(status, &none), None, "{status}");
        }
        let yes = headers(&[("x-should-retry", "true")]);
        let no = headers(&[("x-should-retry", "false")]);
        assert_eq!(failure_of(409, &yes), Some(Failure::Marked));
        assert_eq!(failure_of(503, &no), None);
    }

    #[test]
    fn only_idempotent_methods_are_safe_to_repeat() {
        use reqwest::Method;
        for method in [
            Method::GET,
            Method::PUT,
            Method::DELETE,
            Method::HEAD,
            Method::TRACE,
        ] {
            assert!(idempotent(&method), "{method}");
        }
        assert!(!idempotent(&Method::POST));
        assert!(!idempotent(&Method::PATCH));
    }

    #[test]
    fn the_budget_pays_for_retries_until_successes_refill_it() {
        let budget = RetryBudget::default();
        let mut retries = 0;
        while budget.withdraw(Failure::Status) {
            retries += 1;
        }
        assert_eq!(retries, CAPACITY / RETRY_COST);
        assert!(!budget.withdraw(Failure::Timeout));
        for _ in 0..RETRY_COST {
            budget.deposit();
        }
        assert!(budget.withdraw(Failure::Status));
        assert_eq!(budget.left(), 0);
        for _ in 0..CAPACITY + 10 {
            budget.deposit();
        }
        assert_eq!(budget.left(), CAPACITY, "never above capacity");
    }
}
