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

/// Percent-encodes a path parameter so that it stays one path segment.
pub fn encode_path(value: impl ParamValue) -> String {
    encode_segment(&value.to_param())
}

/// A path parameter holding a list (OpenAPI's `simple` style): each item percent-encoded, the
/// items joined by commas (`/items/1,2,3`).
pub fn encode_path_list<T: ParamValue>(values: &[T]) -> String {
    let items: Vec<String> = values
        .iter()
        .map(|value| encode_segment(&value.to_param()))
        .collect();
    items.join(",")
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
