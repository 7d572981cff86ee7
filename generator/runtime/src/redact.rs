//! Keeping credentials out of what a client prints: `Debug` stand-ins and body excerpts.

use std::fmt;

/// How many bytes of an unexpected response body an [`Error`](crate::Error) keeps for debugging.
const BODY_START_LEN: usize = 512;

/// JSON keys and form fields whose values are credentials: they are blanked out of every body
/// excerpt that an [`Error`](crate::Error) keeps, so a token never reaches a log through an error message.
/// A key matches when, in snake case, it is one of these or ends with `_` and one of these
/// (`refreshToken`, `X-Api-Key`, `session_id`).
pub const SECRET_KEYS: &[&str] = include!("secret_keys.in");

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

/// The start of a body, safe to show: credential values in JSON or form-encoded text are blanked.
pub(crate) fn body_start(bytes: &[u8]) -> String {
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

pub(crate) fn is_secret_key(key: &str) -> bool {
    let key = snake_case(key);
    SECRET_KEYS
        .iter()
        .any(|secret| key == *secret || key.ends_with(&format!("_{secret}")))
}

/// `refreshToken` → `refresh_token`, `X-Api-Key` → `x_api_key`.
fn snake_case(key: &str) -> String {
    let mut out = String::with_capacity(key.len() + 4);
    let mut previous_lower = false;
    for ch in key.chars() {
        if ch.is_ascii_uppercase() && previous_lower {
            out.push('_');
        }
        previous_lower = ch.is_ascii_lowercase() || ch.is_ascii_digit();
        out.push(match ch {
            '-' | ' ' | '.' => '_',
            other => other.to_ascii_lowercase(),
        });
    }
    out
}

/// Blanks the token of every `Bearer <token>` in free text (an error message that quotes the
/// `Authorization` header it refused).
fn redact_bearer(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    if !lower.contains("bearer ") {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = 0;
    while let Some(found) = lower[rest..].find("bearer ") {
        let token_start = rest + found + "bearer ".len();
        let token_len = text[token_start..]
            .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | ',' | ';'))
            .unwrap_or(text.len() - token_start);
        out.push_str(&text[rest..token_start]);
        out.push_str(if token_len > 0 { REDACTED } else { "" });
        rest = token_start + token_len;
    }
    out.push_str(&text[rest..]);
    Some(out)
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
        serde_json::Value::String(text) => {
            if let Some(redacted) = redact_bearer(text) {
                *text = redacted;
            }
        }
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
    redact_bearer(&out).unwrap_or(out)
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
