//! Values a JSON string carries in a way their type's serde does not write: raw bytes
//! (`type: string, format: binary`), base64-encoded bytes (`format: byte`, OpenAPI 3.0 §4.4; RFC
//! 4648 §4, the standard alphabet with padding) and, with the `time` library, RFC 3339
//! date-times (`time::OffsetDateTime`'s own serde format is not RFC 3339).
//!
//! Raw bytes are the string's UTF-8; `byte` bytes are what its base64 text encodes. A struct
//! field of these (or of lists, maps and `Option`s of them) is written and read through these
//! functions instead of its type's serde (for `Vec<u8>`, an array of numbers, which no such schema
//! allows). Raw bytes that are not UTF-8 text cannot be carried; sending them fails before
//! anything goes out.

use serde::de::MapAccess;
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;

/// How a value becomes the text of a JSON string and back.
pub(crate) trait TextCodec {
    /// The type of the values.
    type Value;
    /// The text of `value`, or why it has none.
    fn encode(value: &Self::Value) -> Result<String, &'static str>;
    /// The value of `text`, or why it holds none.
    fn decode(text: String) -> Result<Self::Value, &'static str>;
}

/// Raw bytes (`format: binary`): the string's UTF-8.
pub(crate) struct Utf8;

impl TextCodec for Utf8 {
    type Value = Vec<u8>;

    fn encode(bytes: &Vec<u8>) -> Result<String, &'static str> {
        std::str::from_utf8(bytes)
            .map(str::to_owned)
            .map_err(|_| "raw bytes that are not UTF-8 text cannot travel in a JSON string")
    }

    fn decode(text: String) -> Result<Vec<u8>, &'static str> {
        Ok(text.into_bytes())
    }
}

/// `format: byte`: base64 (RFC 4648 §4, with padding; text without padding is read too).
pub(crate) struct Base64;

impl TextCodec for Base64 {
    type Value = Vec<u8>;

    fn encode(bytes: &Vec<u8>) -> Result<String, &'static str> {
        use base64::Engine;
        Ok(base64::engine::general_purpose::STANDARD.encode(bytes))
    }

    fn decode(text: String) -> Result<Vec<u8>, &'static str> {
        use base64::Engine;
        let lenient = base64::engine::GeneralPurpose::new(
            &base64::alphabet::STANDARD,
            base64::engine::GeneralPurposeConfig::new()
                .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent),
        );
        lenient
            .decode(text.trim_end())
            .map_err(|_| "the text is not base64")
    }
}

/// RFC 3339 date-times of the `time` library (`format: date-time`).
#[cfg(feature = "time")]
pub(crate) struct Rfc3339;

#[cfg(feature = "time")]
impl TextCodec for Rfc3339 {
    type Value = time::OffsetDateTime;

    fn encode(value: &time::OffsetDateTime) -> Result<String, &'static str> {
        value
            .format(&time::format_description::well_known::Rfc3339)
            .map_err(|_| "the date-time has no RFC 3339 form (its year is beyond 0000-9999)")
    }

    fn decode(text: String) -> Result<time::OffsetDateTime, &'static str> {
        time::OffsetDateTime::parse(&text, &time::format_description::well_known::Rfc3339)
            .map_err(|_| "the text is not an RFC 3339 date-time")
    }
}

/// Writes, for the trait `$field` of values `$leaf` that `$codec` turns into text: the trait,
/// its impls for `$leaf` and the containers, and the wrappers serde sees them through (in module
/// `$wrappers`). One trait per encoding: a trait generic over it would let another crate's
/// encoding make `Vec<u8>` ambiguous.
macro_rules! text_field {
    ($field:ident, $leaf:ty, $codec:ty, $wrappers:ident, $doc:literal) => {
        #[doc = $doc]
        pub trait $field: Sized {
            /// Writes the value as JSON text (strings for the bytes, `null` for `None`).
            fn serialize_text<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error>;
            /// Reads the value from JSON text.
            fn deserialize_text<'de, D: Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Self, D::Error>;
        }

        mod $wrappers {
            use super::*;

            /// A value of the trait as serde sees it.
            pub(crate) struct AsText<T>(pub(crate) T);

            impl<'de, T: $field> Deserialize<'de> for AsText<T> {
                fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    T::deserialize_text(deserializer).map(AsText)
                }
            }

            /// A borrowed value of the trait as serde sees it.
            pub(crate) struct WriteText<'v, T>(pub(crate) &'v T);

            impl<T: $field> Serialize for WriteText<'_, T> {
                fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    self.0.serialize_text(serializer)
                }
            }
        }

        impl $field for $leaf {
            fn serialize_text<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match <$codec>::encode(self) {
                    Ok(text) => serializer.serialize_str(&text),
                    Err(reason) => Err(serde::ser::Error::custom(reason)),
                }
            }

            fn deserialize_text<'de, D: Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Self, D::Error> {
                let text = String::deserialize(deserializer)?;
                <$codec>::decode(text).map_err(serde::de::Error::custom)
            }
        }

        impl<T: $field> $field for Option<T> {
            fn serialize_text<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    Some(value) => value.serialize_text(serializer),
                    None => serializer.serialize_none(),
                }
            }

            fn deserialize_text<'de, D: Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Self, D::Error> {
                Option::<$wrappers::AsText<T>>::deserialize(deserializer)
                    .map(|value| value.map(|text| text.0))
            }
        }

        impl<T: $field> $field for Vec<T> {
            fn serialize_text<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut seq = serializer.serialize_seq(Some(self.len()))?;
                for item in self {
                    seq.serialize_element(&$wrappers::WriteText(item))?;
                }
                seq.end()
            }

            fn deserialize_text<'de, D: Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Self, D::Error> {
                let items = Vec::<$wrappers::AsText<T>>::deserialize(deserializer)?;
                Ok(items.into_iter().map(|item| item.0).collect())
            }
        }

        impl<T: $field> $field for BTreeMap<String, T> {
            fn serialize_text<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_map(Some(self.len()))?;
                for (key, value) in self {
                    map.serialize_entry(key, &$wrappers::WriteText(value))?;
                }
                map.end()
            }

            fn deserialize_text<'de, D: Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Self, D::Error> {
                let entries = BTreeMap::<String, $wrappers::AsText<T>>::deserialize(deserializer)?;
                Ok(entries
                    .into_iter()
                    .map(|(key, value)| (key, value.0))
                    .collect())
            }
        }
    };
}

text_field!(
    BinaryField,
    Vec<u8>,
    Utf8,
    utf8_text,
    "A field's type made of raw bytes: `Vec<u8>`, or an `Option`, list or map (string keys) of \
     such, nested in any order."
);
text_field!(
    Base64Field,
    Vec<u8>,
    Base64,
    base64_text,
    "The same for bytes of `format: byte`, written in JSON as base64."
);

/// A field of raw bytes as a written-out `Serialize` writes it (see [`crate::serialize_struct`]).
pub fn write_binary<T: BinaryField>(value: &T) -> impl Serialize + '_ {
    utf8_text::WriteText(value)
}

/// A field of base64 bytes as a written-out `Serialize` writes it.
pub fn write_base64<T: Base64Field>(value: &T) -> impl Serialize + '_ {
    base64_text::WriteText(value)
}

/// A field of `time` date-times as a written-out `Serialize` writes it, in RFC 3339.
#[cfg(feature = "time")]
pub fn write_rfc3339<T: Rfc3339Field>(value: &T) -> impl Serialize + '_ {
    rfc3339_text::WriteText(value)
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
    map.next_value::<utf8_text::AsText<T>>().map(|text| text.0)
}

/// [`decode_binary`] into a decoder's slot, as [`read_value`](crate::read_value) does.
pub fn read_binary<'de, T: BinaryField, A: MapAccess<'de>>(
    map: &mut A,
    slot: &mut Option<T>,
) -> Result<(), A::Error> {
    *slot = Some(decode_binary(map)?);
    Ok(())
}

#[cfg(feature = "time")]
text_field!(
    Rfc3339Field,
    time::OffsetDateTime,
    Rfc3339,
    rfc3339_text,
    "The same for `time::OffsetDateTime`s, written in JSON in RFC 3339."
);

/// `serialize_with` of a field of `time` date-times.
#[cfg(feature = "time")]
pub fn serialize_rfc3339<T: Rfc3339Field, S: Serializer>(
    value: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    value.serialize_text(serializer)
}

/// The value of a field of `time` date-times, in a written-out `Deserialize`.
#[cfg(feature = "time")]
pub fn decode_rfc3339<'de, T: Rfc3339Field, A: MapAccess<'de>>(map: &mut A) -> Result<T, A::Error> {
    map.next_value::<rfc3339_text::AsText<T>>()
        .map(|text| text.0)
}

/// [`decode_rfc3339`] into a decoder's slot, as [`read_value`](crate::read_value) does.
#[cfg(feature = "time")]
pub fn read_rfc3339<'de, T: Rfc3339Field, A: MapAccess<'de>>(
    map: &mut A,
    slot: &mut Option<T>,
) -> Result<(), A::Error> {
    *slot = Some(decode_rfc3339(map)?);
    Ok(())
}

/// `serialize_with` of a field of base64 bytes (`format: byte`).
pub fn serialize_base64<T: Base64Field, S: Serializer>(
    value: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    value.serialize_text(serializer)
}

/// The value of a field of base64 bytes, in a written-out `Deserialize`.
pub fn decode_base64<'de, T: Base64Field, A: MapAccess<'de>>(map: &mut A) -> Result<T, A::Error> {
    map.next_value::<base64_text::AsText<T>>()
        .map(|text| text.0)
}

/// [`decode_base64`] into a decoder's slot, as [`read_value`](crate::read_value) does.
pub fn read_base64<'de, T: Base64Field, A: MapAccess<'de>>(
    map: &mut A,
    slot: &mut Option<T>,
) -> Result<(), A::Error> {
    *slot = Some(decode_base64(map)?);
    Ok(())
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
        let json = serde_json::to_value(utf8_text::WriteText(&value)).unwrap();
        assert_eq!(json, serde_json::json!({"k": ["ab", null]}));
        let back = serde_json::from_value::<utf8_text::AsText<Nested>>(json).unwrap();
        assert_eq!(back.0, value);
        let refused = serde_json::to_value(utf8_text::WriteText(&vec![0xffu8]));
        assert!(refused.is_err(), "{refused:?}");
    }

    #[test]
    fn base64_bytes_travel_as_base64_text() {
        let value: Vec<Option<Vec<u8>>> = vec![Some(vec![0xff, 0x00, 0x41]), None, Some(vec![])];
        let json = serde_json::to_value(base64_text::WriteText(&value)).unwrap();
        assert_eq!(json, serde_json::json!(["/wBB", null, ""]));
        let back = serde_json::from_value::<base64_text::AsText<Vec<Option<Vec<u8>>>>>(json);
        assert_eq!(back.unwrap().0, value);
        // Padding may be left out; anything else that is not base64 is refused.
        let unpadded = serde_json::from_value::<base64_text::AsText<Vec<u8>>>("/wA".into());
        assert_eq!(unpadded.unwrap().0, vec![0xff, 0x00]);
        let refused = serde_json::from_value::<base64_text::AsText<Vec<u8>>>("not base64!".into());
        assert!(refused.is_err());
    }
}
