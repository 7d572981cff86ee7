//! `multipart/form-data` bodies (RFC 7578), one part per property of the body struct.
//!
//! Each part carries the `Content-Type` its property's Encoding Object names, or OpenAPI's default
//! for its type (OpenAPI 3.0 §4.7.15, `contentType`): `application/octet-stream` for binary
//! strings, `application/json` for objects and arrays of objects, and none (which RFC 7578 reads
//! as `text/plain`) for other scalars. The generated code passes the type it decided.

use crate::params::ParamValue;
use reqwest::multipart::{Form, Part};

/// A `multipart/form-data` body being built from a body struct.
pub struct Multipart {
    pub(crate) form: Form,
}

impl Default for Multipart {
    fn default() -> Self {
        Self::new()
    }
}

impl Multipart {
    /// An empty form.
    pub fn new() -> Self {
        Multipart { form: Form::new() }
    }

    fn add(mut self, name: &str, part: Part) -> Self {
        self.form = self.form.part(name.to_owned(), part);
        self
    }

    /// A text part, with `content_type` when the spec names one.
    pub fn text(self, name: &str, value: impl ParamValue, content_type: Option<&str>) -> Self {
        let part = typed(value.to_param().into_bytes(), content_type, Part::bytes);
        self.add(name, part)
    }

    /// A text part when the value is set.
    pub fn text_opt<T: ParamValue>(
        self,
        name: &str,
        value: Option<T>,
        content_type: Option<&str>,
    ) -> Self {
        match value {
            Some(value) => self.text(name, value, content_type),
            None => self,
        }
    }

    /// One text part per item.
    pub fn text_list<T: ParamValue>(
        mut self,
        name: &str,
        values: &[T],
        content_type: Option<&str>,
    ) -> Self {
        for value in values {
            self = self.text(name, value, content_type);
        }
        self
    }

    /// A file part holding raw bytes, named after the property, of `content_type`.
    pub fn bytes(self, name: &str, value: Vec<u8>, content_type: &str) -> Self {
        let file = |bytes: Vec<u8>| Part::bytes(bytes).file_name(name.to_owned());
        let part = typed(value, Some(content_type), file);
        self.add(name, part)
    }

    /// A file part when the value is set.
    pub fn bytes_opt(self, name: &str, value: Option<Vec<u8>>, content_type: &str) -> Self {
        match value {
            Some(value) => self.bytes(name, value, content_type),
            None => self,
        }
    }

    /// One file part per item, all under the property's name (an `array` of `format: binary`
    /// items: OpenAPI 3.0 §4.7.14.4 sends each as a part of its own).
    pub fn bytes_list(mut self, name: &str, values: &[Vec<u8>], content_type: &str) -> Self {
        for value in values {
            self = self.bytes(name, value.clone(), content_type);
        }
        self
    }

    /// A part holding the value as JSON, of `content_type` (`application/json` unless the spec
    /// names another).
    pub fn json<T: serde::Serialize>(self, name: &str, value: &T, content_type: &str) -> Self {
        let text = serde_json::to_vec(value).unwrap_or_default();
        self.add(name, typed(text, Some(content_type), Part::bytes))
    }

    /// Adds a text part holding the base64 of `value` (`format: byte`), when there is one.
    pub fn base64_opt(self, name: &str, value: Option<&[u8]>, content_type: Option<&str>) -> Self {
        use base64::Engine;
        match value {
            Some(bytes) => {
                let text = base64::engine::general_purpose::STANDARD.encode(bytes);
                self.text(name, text, content_type)
            }
            None => self,
        }
    }

    /// A JSON part when the value is set.
    pub fn json_opt<T: serde::Serialize>(
        self,
        name: &str,
        value: Option<&T>,
        content_type: &str,
    ) -> Self {
        match value {
            Some(value) => self.json(name, value, content_type),
            None => self,
        }
    }
}

/// The part `make` builds of `bytes`, with `content_type` when given. The generator only passes
/// media types that parse; one that does not anyway leaves the part without a type.
fn typed(bytes: Vec<u8>, content_type: Option<&str>, make: impl Fn(Vec<u8>) -> Part) -> Part {
    match content_type {
        Some(content_type) => make(bytes.clone())
            .mime_str(content_type)
            .unwrap_or_else(|_| make(bytes)),
        None => make(bytes),
    }
}
