//! Raw bytes (`type: string, format: binary`) inside a JSON body.
//!
//! JSON has no bytes: such a property travels as a JSON string, and its bytes are that string's
//! UTF-8. A struct field of raw bytes is written and read through these functions instead of
//! serde's default for `Vec<u8>` (an array of numbers, which no such schema allows). Bytes that
//! are not UTF-8 text cannot be carried; sending them fails before anything goes out.

use serde::de::MapAccess;
use serde::{Deserialize, Serializer};

/// What a field of raw bytes holds: the bytes, or an `Option` of them.
pub trait BinaryField: Sized {
    /// Writes the field as JSON text (or `null`).
    fn serialize_text<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error>;
    /// Reads the value of the map entry being decoded.
    fn decode_text<'de, A: MapAccess<'de>>(map: &mut A) -> Result<Self, A::Error>;
}

/// Bytes read from a JSON string.
struct Text(Vec<u8>);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(|text| Text(text.into_bytes()))
    }
}

fn write_bytes<S: Serializer>(bytes: &[u8], serializer: S) -> Result<S::Ok, S::Error> {
    match std::str::from_utf8(bytes) {
        Ok(text) => serializer.serialize_str(text),
        Err(_) => Err(serde::ser::Error::custom(
            "raw bytes that are not UTF-8 text cannot travel in a JSON string",
        )),
    }
}

impl BinaryField for Vec<u8> {
    fn serialize_text<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        write_bytes(self, serializer)
    }

    fn decode_text<'de, A: MapAccess<'de>>(map: &mut A) -> Result<Self, A::Error> {
        map.next_value::<Text>().map(|text| text.0)
    }
}

impl BinaryField for Option<Vec<u8>> {
    fn serialize_text<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Some(bytes) => write_bytes(bytes, serializer),
            None => serializer.serialize_none(),
        }
    }

    fn decode_text<'de, A: MapAccess<'de>>(map: &mut A) -> Result<Self, A::Error> {
        map.next_value::<Option<Text>>()
            .map(|text| text.map(|text| text.0))
    }
}

impl BinaryField for Option<Option<Vec<u8>>> {
    fn serialize_text<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Some(inner) => inner.serialize_text(serializer),
            None => serializer.serialize_none(),
        }
    }

    fn decode_text<'de, A: MapAccess<'de>>(map: &mut A) -> Result<Self, A::Error> {
        Option::<Vec<u8>>::decode_text(map).map(Some)
    }
}

/// Several byte strings read from a JSON array of strings.
struct Texts(Vec<Vec<u8>>);

impl<'de> Deserialize<'de> for Texts {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let texts = Vec::<String>::deserialize(deserializer)?;
        Ok(Texts(texts.into_iter().map(String::into_bytes).collect()))
    }
}

/// A list of byte strings, written as a JSON array of strings.
struct WriteList<'b>(&'b [Vec<u8>]);

impl serde::Serialize for WriteList<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
        for bytes in self.0 {
            seq.serialize_element(&WriteBytes(bytes))?;
        }
        seq.end()
    }
}

/// One byte string, written as a JSON string.
struct WriteBytes<'b>(&'b [u8]);

impl serde::Serialize for WriteBytes<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        write_bytes(self.0, serializer)
    }
}

impl BinaryField for Vec<Vec<u8>> {
    fn serialize_text<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serde::Serialize::serialize(&WriteList(self), serializer)
    }

    fn decode_text<'de, A: MapAccess<'de>>(map: &mut A) -> Result<Self, A::Error> {
        map.next_value::<Texts>().map(|texts| texts.0)
    }
}

impl BinaryField for Option<Vec<Vec<u8>>> {
    fn serialize_text<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Some(list) => list.serialize_text(serializer),
            None => serializer.serialize_none(),
        }
    }

    fn decode_text<'de, A: MapAccess<'de>>(map: &mut A) -> Result<Self, A::Error> {
        map.next_value::<Option<Texts>>()
            .map(|texts| texts.map(|texts| texts.0))
    }
}

impl BinaryField for Option<Option<Vec<Vec<u8>>>> {
    fn serialize_text<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Some(inner) => inner.serialize_text(serializer),
            None => serializer.serialize_none(),
        }
    }

    fn decode_text<'de, A: MapAccess<'de>>(map: &mut A) -> Result<Self, A::Error> {
        Option::<Vec<Vec<u8>>>::decode_text(map).map(Some)
    }
}

/// `serialize_with` of a field of raw bytes.
pub fn serialize_binary<T: BinaryField, S: Serializer>(
    value: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    value.serialize_text(serializer)
}

/// The value of a field of raw bytes, in a written-out `Deserialize`.
pub fn decode_binary<'de, T: BinaryField, A: MapAccess<'de>>(map: &mut A) -> Result<T, A::Error> {
    T::decode_text(map)
}
