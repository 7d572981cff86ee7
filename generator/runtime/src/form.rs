//! `application/x-www-form-urlencoded` bodies as OpenAPI 3.0 describes them (§4.7.15, the
//! Encoding Object): each property of the body object is written by its `style` and `explode`,
//! `form` exploded by default, which `serde_urlencoded` alone cannot do for arrays and objects.

use serde::ser::{self, Serialize};
use serde_json::Value;

/// How one property of a form body is written (its Encoding Object's `style` and `explode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormStyle {
    /// `style: form, explode: true`, the default: an array's items as repeated pairs
    /// (`ids=1&ids=2`), an object's properties as pairs of their own (`x=1&y=2`).
    Exploded,
    /// `explode: false`: an array's items joined by the separator (`form`: `ids=1,2`;
    /// `spaceDelimited`: `ids=1 2`; `pipeDelimited`: `ids=1|2`), an object's keys and values
    /// alike (`point=x,1,y,2`).
    Joined(&'static str),
    /// `style: deepObject`: an object's properties as `point[x]=1&point[y]=2`.
    DeepObject,
}

/// The name-value pairs of a form body, in the order of its properties (serde's order for the
/// body struct; the properties of an object inside it in key order); `null` and absent
/// properties are left out. `encodings` gives the style of the
/// properties that do not use the default, by name.
///
/// # Errors
/// The body is not a struct or map, or a property cannot be written as JSON: the message says
/// which.
pub fn form_pairs<B: Serialize + ?Sized>(
    body: &B,
    encodings: &[(&str, FormStyle)],
) -> Result<Vec<(String, String)>, String> {
    let properties = body.serialize(Properties).map_err(|error| error.0)?;
    let mut pairs = Vec::new();
    for (name, value) in &properties {
        let style = encodings
            .iter()
            .find(|(encoded, _)| encoded == name)
            .map_or(FormStyle::Exploded, |(_, style)| *style);
        match (value, style) {
            (Value::Null, _) => {}
            (Value::Array(items), FormStyle::Joined(separator)) => {
                let joined: Vec<String> = items.iter().map(scalar).collect();
                pairs.push((name.clone(), joined.join(separator)));
            }
            (Value::Array(items), _) => {
                pairs.extend(items.iter().map(|item| (name.clone(), scalar(item))));
            }
            (Value::Object(members), FormStyle::Exploded) => {
                pairs.extend(
                    members
                        .iter()
                        .filter(|(_, member)| !member.is_null())
                        .map(|(key, member)| (key.clone(), scalar(member))),
                );
            }
            (Value::Object(members), FormStyle::Joined(separator)) => {
                let joined: Vec<String> = members
                    .iter()
                    .filter(|(_, member)| !member.is_null())
                    .flat_map(|(key, member)| [key.clone(), scalar(member)])
                    .collect();
                pairs.push((name.clone(), joined.join(separator)));
            }
            (Value::Object(members), FormStyle::DeepObject) => {
                pairs.extend(
                    members
                        .iter()
                        .filter(|(_, member)| !member.is_null())
                        .map(|(key, member)| (format!("{name}[{key}]"), scalar(member))),
                );
            }
            (value, _) => pairs.push((name.clone(), scalar(value))),
        }
    }
    Ok(pairs)
}

/// A value as the text of one pair: strings as they are, numbers and booleans as JSON writes
/// them, anything nested deeper as its JSON text (OpenAPI leaves that undefined).
fn scalar(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// Why a body cannot be a form.
#[derive(Debug)]
struct NotAForm(String);

impl std::fmt::Display for NotAForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for NotAForm {}

impl ser::Error for NotAForm {
    fn custom<T: std::fmt::Display>(message: T) -> Self {
        NotAForm(message.to_string())
    }
}

fn not_an_object<T>(what: &str) -> Result<T, NotAForm> {
    Err(NotAForm(format!(
        "a form body must be an object, not {what}"
    )))
}

/// A serializer that takes a struct or map apart into its properties, in order, each as JSON.
struct Properties;

/// The properties collected so far, and the key of a map entry waiting for its value.
struct Collected {
    properties: Vec<(String, Value)>,
    key: Option<String>,
}

impl Collected {
    fn push<T: Serialize + ?Sized>(&mut self, key: String, value: &T) -> Result<(), NotAForm> {
        let value = serde_json::to_value(value)
            .map_err(|error| NotAForm(format!("the form field `{key}`: {error}")))?;
        self.properties.push((key, value));
        Ok(())
    }
}

impl ser::SerializeStruct for Collected {
    type Ok = Vec<(String, Value)>;
    type Error = NotAForm;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), NotAForm> {
        self.push(key.to_owned(), value)
    }
    fn end(self) -> Result<Self::Ok, NotAForm> {
        Ok(self.properties)
    }
}

impl ser::SerializeMap for Collected {
    type Ok = Vec<(String, Value)>;
    type Error = NotAForm;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), NotAForm> {
        match serde_json::to_value(key) {
            Ok(Value::String(key)) => {
                self.key = Some(key);
                Ok(())
            }
            _ => Err(NotAForm("a form field name must be text".to_owned())),
        }
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), NotAForm> {
        let key = self.key.take().unwrap_or_default();
        self.push(key, value)
    }
    fn end(self) -> Result<Self::Ok, NotAForm> {
        Ok(self.properties)
    }
}

impl ser::Serializer for Properties {
    type Ok = Vec<(String, Value)>;
    type Error = NotAForm;
    type SerializeSeq = ser::Impossible<Self::Ok, NotAForm>;
    type SerializeTuple = ser::Impossible<Self::Ok, NotAForm>;
    type SerializeTupleStruct = ser::Impossible<Self::Ok, NotAForm>;
    type SerializeTupleVariant = ser::Impossible<Self::Ok, NotAForm>;
    type SerializeMap = Collected;
    type SerializeStruct = Collected;
    type SerializeStructVariant = ser::Impossible<Self::Ok, NotAForm>;

    fn serialize_struct(self, _: &'static str, len: usize) -> Result<Collected, NotAForm> {
        Ok(Collected {
            properties: Vec::with_capacity(len),
            key: None,
        })
    }
    fn serialize_map(self, len: Option<usize>) -> Result<Collected, NotAForm> {
        Ok(Collected {
            properties: Vec::with_capacity(len.unwrap_or(0)),
            key: None,
        })
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Self::Ok, NotAForm> {
        value.serialize(self)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<Self::Ok, NotAForm> {
        value.serialize(self)
    }
    fn serialize_bool(self, _: bool) -> Result<Self::Ok, NotAForm> {
        not_an_object("a boolean")
    }
    fn serialize_i8(self, _: i8) -> Result<Self::Ok, NotAForm> {
        not_an_object("a number")
    }
    fn serialize_i16(self, _: i16) -> Result<Self::Ok, NotAForm> {
        not_an_object("a number")
    }
    fn serialize_i32(self, _: i32) -> Result<Self::Ok, NotAForm> {
        not_an_object("a number")
    }
    fn serialize_i64(self, _: i64) -> Result<Self::Ok, NotAForm> {
        not_an_object("a number")
    }
    fn serialize_u8(self, _: u8) -> Result<Self::Ok, NotAForm> {
        not_an_object("a number")
    }
    fn serialize_u16(self, _: u16) -> Result<Self::Ok, NotAForm> {
        not_an_object("a number")
    }
    fn serialize_u32(self, _: u32) -> Result<Self::Ok, NotAForm> {
        not_an_object("a number")
    }
    fn serialize_u64(self, _: u64) -> Result<Self::Ok, NotAForm> {
        not_an_object("a number")
    }
    fn serialize_f32(self, _: f32) -> Result<Self::Ok, NotAForm> {
        not_an_object("a number")
    }
    fn serialize_f64(self, _: f64) -> Result<Self::Ok, NotAForm> {
        not_an_object("a number")
    }
    fn serialize_char(self, _: char) -> Result<Self::Ok, NotAForm> {
        not_an_object("a string")
    }
    fn serialize_str(self, _: &str) -> Result<Self::Ok, NotAForm> {
        not_an_object("a string")
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<Self::Ok, NotAForm> {
        not_an_object("bytes")
    }
    fn serialize_none(self) -> Result<Self::Ok, NotAForm> {
        Ok(Vec::new())
    }
    fn serialize_unit(self) -> Result<Self::Ok, NotAForm> {
        Ok(Vec::new())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<Self::Ok, NotAForm> {
        Ok(Vec::new())
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
    ) -> Result<Self::Ok, NotAForm> {
        not_an_object("a string")
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<Self::Ok, NotAForm> {
        not_an_object("an enum")
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, NotAForm> {
        not_an_object("an array")
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, NotAForm> {
        not_an_object("an array")
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, NotAForm> {
        not_an_object("an array")
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, NotAForm> {
        not_an_object("an enum")
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, NotAForm> {
        not_an_object("an enum")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn each_style_writes_arrays_and_objects_as_openapi_says() {
        #[derive(serde::Serialize)]
        struct Body {
            name: &'static str,
            ids: Vec<i32>,
            modes: [&'static str; 2],
            gone: Option<i32>,
            point: serde_json::Value,
            tags: Vec<&'static str>,
            filter: serde_json::Value,
        }
        let body = Body {
            name: "x",
            ids: vec![1, 2],
            modes: ["read", "write"],
            gone: None,
            point: json!({"x": 1, "y": "b"}),
            tags: vec!["a", "b"],
            filter: json!({"k": true}),
        };
        let pairs = form_pairs(
            &body,
            &[
                ("tags", FormStyle::Joined(",")),
                ("filter", FormStyle::DeepObject),
            ],
        )
        .expect("an object");
        let text: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect();
        assert_eq!(
            text,
            [
                "name=x",
                "ids=1",
                "ids=2",
                "modes=read",
                "modes=write",
                "x=1",
                "y=b",
                "tags=a,b",
                "filter[k]=true"
            ]
        );
        assert!(form_pairs(&[1], &[]).unwrap_err().contains("not an array"));
    }
}
