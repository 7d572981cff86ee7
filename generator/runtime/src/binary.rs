//! Raw bytes (`type: string, format: binary`) inside a JSON body.
//!
//! JSON has no bytes: such a property travels as a JSON string, and its bytes are that string's
//! UTF-8. A struct field of raw bytes (or of lists, maps and `Option`s of them) is written and
//! read through these functions instead of serde's default for `Vec<u8>` (an array of numbers,
//! which no such schema allows). Bytes that are not UTF-8 text cannot be carried; sending them
//! fails before anything goes out.

use serde::de::MapAccess;
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;

/// A field's type made of raw bytes: `Vec<u8>`, or an `Option`, list or map (string keys) of
/// such, nested in any order.
pub trait BinaryField: Sized {
    /// Writes the value as JSON text (strings for the bytes, `null` for `None`).
    fn serialize_text<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error>;
    /// Reads the value from JSON text.
    fn deserialize_text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error>;
}

/// A [`BinaryField`] as serde sees it.
struct AsText<T>(T);

impl<'de, T: BinaryField> Deserialize<'de> for AsText<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize_text(deserializer).map(AsText)
    }
}

/// A borrowed [`BinaryField`] as serde sees it.
struct WriteText<'v, T>(&'v T);

impl<T: BinaryField> Serialize for WriteText<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize_text(serializer)
    }
}

impl BinaryField for Vec<u8> {
    fn serialize_text<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match std::str::from_utf8(self) {
            Ok(text) => serializer.serialize_str(text),
            Err(_) => Err(serde::ser::Error::custom(
                "raw bytes that are not UTF-8 text cannot travel in a JSON string",
            )),
        }
    }

    fn deserialize_text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(String::into_bytes)
    }
}

impl<T: BinaryField> BinaryField for Option<T> {
    fn serialize_text<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Some(value) => value.serialize_text(serializer),
            None => serializer.serialize_none(),
        }
    }

    fn deserialize_text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Option::<AsText<T>>::deserialize(deserializer).map(|value| value.map(|text| text.0))
    }
}

impl<T: BinaryField> BinaryField for Vec<T> {
    fn serialize_text<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.len()))?;
        for item in self {
            seq.serialize_element(&WriteText(item))?;
        }
        seq.end()
    }

    fn deserialize_text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let items = Vec::<AsText<T>>::deserialize(deserializer)?;
        Ok(items.into_iter().map(|item| item.0).collect())
    }
}

impl<T: BinaryField> BinaryField for BTreeMap<String, T> {
    fn serialize_text<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.len()))?;
        for (key, value) in self {
            map.serialize_entry(key, &WriteText(value))?;
        }
        map.end()
    }

    fn deserialize_text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let entries = BTreeMap::<String, AsText<T>>::deserialize(deserializer)?;
        Ok(entries
            .into_iter()
            .map(|(key, value)| (key, value.0))
            .collect())
    }
}

/// `serialize_with` of a field of raw bytes.
pub fn serialize_binary<T: BinaryField, S: Serializer>(
    value: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    value.serialize_text(serializer)
}

/// The value of a field of raw bytes, in a written-out `Deserialize`: the map entry being read.
pub fn decode_binary<'de, T: BinaryField, A: MapAccess<'de>>(map: &mut A) -> Result<T, A::Error> {
    map.next_value::<AsText<T>>().map(|text| text.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_bytes_travel_as_text_both_ways() {
        type Nested = Option<BTreeMap<String, Vec<Option<Vec<u8>>>>>;
        let value: Nested = Some(BTreeMap::from([(
            "k".to_owned(),
            vec![Some(b"ab".to_vec()), None],
        )]));
        let json = serde_json::to_value(WriteText(&value)).unwrap();
        assert_eq!(json, serde_json::json!({"k": ["ab", null]}));
        let AsText(back) = serde_json::from_value::<AsText<Nested>>(json).unwrap();
        assert_eq!(back, value);
        let refused = serde_json::to_value(WriteText(&vec![0xffu8]));
        assert!(refused.is_err(), "{refused:?}");
    }
}
