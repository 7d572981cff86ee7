//! Parameter values as text, and their encoding into paths, queries, headers and cookies.

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

/// One piece of a request's path: literal text of the path template, or a parameter's encoded
/// value, or why the parameter's value cannot stand in the path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathPiece(pub(crate) Result<String, String>);

impl From<&str> for PathPiece {
    fn from(literal: &str) -> Self {
        PathPiece(Ok(literal.to_owned()))
    }
}

/// The path parameter `name` percent-encoded so that it stays one path segment; refused when no
/// encoding can keep it there: empty (the path would lose a segment, or reach another route) or
/// `.` or `..` (URLs resolve those away, also percent-encoded).
pub fn encode_path(name: &str, value: impl ParamValue) -> PathPiece {
    let text = value.to_param();
    PathPiece(match text.as_str() {
        "" => Err(format!(
            "the path parameter `{name}` is empty, which would change the request's path"
        )),
        "." | ".." => Err(format!(
            "the path parameter `{name}` is `{text}`, which URLs resolve away"
        )),
        _ => Ok(encode_segment(&text)),
    })
}

/// A path parameter holding a list (OpenAPI's `simple` style): each item percent-encoded, the
/// items joined by commas (`/items/1,2,3`); refused when empty, as [`encode_path`] says.
pub fn encode_path_list<T: ParamValue>(name: &str, values: &[T]) -> PathPiece {
    let items: Vec<String> = values
        .iter()
        .map(|value| encode_segment(&value.to_param()))
        .collect();
    match items.is_empty() {
        true => PathPiece(Err(format!(
            "the path parameter `{name}` is an empty list, which would change the request's path"
        ))),
        false => PathPiece(Ok(items.join(","))),
    }
}

/// Why `value` cannot be the value of the header or cookie `name`, if it cannot: a line break
/// (it would end the header and start another) or another control character; for a cookie, also
/// `;` (it would start another cookie).
pub(crate) fn unfit_header(kind: &str, name: &str, value: &str) -> Option<String> {
    let control = value.chars().find(|c| c.is_control() && *c != '\t');
    let separator = (kind == "cookie" && value.contains(';')).then_some(';');
    let found = control.or(separator)?;
    let what = match found {
        '\r' | '\n' => "a line break".to_owned(),
        ';' => "`;`, which starts another cookie".to_owned(),
        other => format!("the control character U+{:04X}", other as u32),
    };
    Some(format!(
        "the {kind} parameter `{name}` holds {what}, which it cannot carry"
    ))
}

fn encode_segment(text: &str) -> String {
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

// The format types (features `chrono`, `jiff`, `uuid`) as parameters: RFC 3339 date-times
// (OpenAPI 3.0 §4.4 `date-time`), full dates (`date`), hyphenated lower-case UUIDs.
#[cfg(feature = "chrono")]
impl ParamValue for chrono::DateTime<chrono::FixedOffset> {
    fn to_param(&self) -> String {
        self.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
    }
}

#[cfg(feature = "chrono")]
display_param!(chrono::NaiveDate);
#[cfg(feature = "jiff")]
display_param!(jiff::Timestamp, jiff::civil::Date);
#[cfg(feature = "uuid")]
display_param!(uuid::Uuid);

#[cfg(feature = "time")]
impl ParamValue for time::OffsetDateTime {
    fn to_param(&self) -> String {
        // A year beyond 0000-9999 has no RFC 3339 form: it goes as `time` writes it.
        self.format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_else(|_| self.to_string())
    }
}

#[cfg(feature = "time")]
display_param!(time::Date);
