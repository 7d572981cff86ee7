//! A JSON document read as JSON where YAML reads it otherwise. RFC 8259 §4 says only that the
//! names of an object SHOULD be unique, and JSON parsers keep the last of repeated ones, where
//! YAML (and libyaml, which serde_yaml wraps) refuses the document: a JSON document with a
//! repeated name is read as a JSON parser reads it, each repeat reported.

use crate::diagnostics::{Code, Diagnostic};
use crate::pointer::join;
use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_yaml::{Mapping, Value};
use std::fmt;

/// Whether serde_yaml refused `text` for a repeated key (libyaml's "duplicate entry", or a
/// typed struct's "duplicate field"), and `text` is JSON.
pub fn refused_for_repeated_names(text: &str, error: &serde_yaml::Error) -> bool {
    let message = error.to_string();
    text.trim_start().starts_with('{')
        && (message.contains("duplicate entry with key") || message.contains("duplicate field"))
}

/// `text` (JSON) as a YAML value, the last of repeated names kept, with a warning at each repeat;
/// `None` when it is not JSON after all.
pub fn read_keeping_the_last(text: &str) -> Option<(Value, Vec<Diagnostic>)> {
    let mut repeats = Vec::new();
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let seed = Node {
        pointer: "#".to_owned(),
        repeats: &mut repeats,
    };
    let value = seed.deserialize(&mut deserializer).ok()?;
    deserializer.end().ok()?;
    let warnings = repeats
        .into_iter()
        .map(|(pointer, name)| {
            let message = format!("the name `{name}` is repeated in this object");
            let error = Diagnostic::error(Code::InvalidDocument, pointer, message);
            error.tolerated("the last is kept, as JSON parsers keep it (RFC 8259 §4)")
        })
        .collect();
    Some((value, warnings))
}

/// One JSON value at `pointer`, with the repeated names found below it.
struct Node<'r> {
    pointer: String,
    repeats: &'r mut Vec<(String, String)>,
}

impl<'de> DeserializeSeed<'de> for Node<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Node<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, value: bool) -> Result<Value, E> {
        Ok(Value::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Value, E> {
        Ok(Value::from(value))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Value, E> {
        Ok(Value::from(value))
    }

    fn visit_f64<E>(self, value: f64) -> Result<Value, E> {
        Ok(Value::from(value))
    }

    fn visit_str<E>(self, value: &str) -> Result<Value, E> {
        Ok(Value::String(value.to_owned()))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<Value, A::Error> {
        let mut list = Vec::new();
        loop {
            let pointer = join(&self.pointer, &list.len().to_string());
            let seed = Node {
                pointer,
                repeats: &mut *self.repeats,
            };
            match items.next_element_seed(seed)? {
                Some(item) => list.push(item),
                None => return Ok(Value::Sequence(list)),
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut entries: A) -> Result<Value, A::Error> {
        let mut map = Mapping::new();
        while let Some(name) = entries.next_key::<String>()? {
            let pointer = join(&self.pointer, &name);
            if map.contains_key(name.as_str()) {
                self.repeats.push((pointer.clone(), name.clone()));
            }
            let seed = Node {
                pointer,
                repeats: &mut *self.repeats,
            };
            let value = entries.next_value_seed(seed)?;
            map.insert(Value::String(name), value);
        }
        Ok(Value::Mapping(map))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_of_repeated_names_is_kept_and_each_repeat_reported_at_its_place() {
        let text = r#"{"info": {"title": "a", "version": "1", "title": "b"},
            "paths": {"/a": {"get": {"x": 1}, "get": {"y": [1, 2.5, null, true]}}}}"#;
        let (value, warnings) = read_keeping_the_last(text).expect("JSON");
        assert_eq!(value["info"]["title"], Value::from("b"));
        assert_eq!(value["paths"]["/a"]["get"]["y"][1], Value::from(2.5));
        assert!(value["paths"]["/a"]["get"].get("x").is_none());
        let pointers: Vec<&str> = warnings.iter().map(|w| w.pointer.as_str()).collect();
        assert_eq!(pointers, ["#/info/title", "#/paths/~1a/get"]);
        assert_eq!(
            warnings[0].cost(),
            Some("the last is kept, as JSON parsers keep it (RFC 8259 §4)")
        );
    }

    #[test]
    fn text_that_is_not_json_is_not_read_so() {
        assert!(read_keeping_the_last("a: 1\na: 2\n").is_none());
        assert!(read_keeping_the_last("{\"a\": 1} trailing").is_none());
    }
}
