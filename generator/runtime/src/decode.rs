//! Decoding objects without serde's derive (see [`DecodeStruct`]).

use std::fmt;

/// A struct that decodes from an object, key by key.
///
/// Generated structs implement this instead of deriving `Deserialize`: serde's derive also
/// writes, per struct, a field-identifier enum with its own visitor and a visitor for arrays,
/// which together made half of everything `cargo check` does for a large spec.
pub trait DecodeStruct: Sized {
    /// The struct's name, for error messages.
    const NAME: &'static str;
    /// Reads the object's entries.
    fn decode<'de, A: serde::de::MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
}

/// `Deserialize::deserialize` of a [`DecodeStruct`]: asks for a map, which is what a JSON object
/// is (`deserialize_struct` would also offer an array, read positionally, and need the list of
/// field names that only non-self-describing formats use).
pub fn decode_struct<'de, T, D>(deserializer: D) -> Result<T, D::Error>
where
    T: DecodeStruct,
    D: serde::Deserializer<'de>,
{
    deserializer.deserialize_map(StructVisitor(std::marker::PhantomData))
}

struct StructVisitor<T>(std::marker::PhantomData<T>);

impl<'de, T: DecodeStruct> serde::de::Visitor<'de> for StructVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "struct {}", T::NAME)
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::decode(map)
    }
}

/// An object's key as a decoder meets it, borrowed from the input when the format allows.
pub struct Key<'de>(std::borrow::Cow<'de, str>);

impl Key<'_> {
    /// The key's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The key's text, owned: the key of an `additionalProperties` entry kept in a map.
    pub fn into_string(self) -> String {
        self.0.into_owned()
    }
}

impl<'de> serde::Deserialize<'de> for Key<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> serde::de::Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_borrowed_str<E>(self, key: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(std::borrow::Cow::Borrowed(key)))
            }
            fn visit_str<E>(self, key: &str) -> Result<Key<'de>, E> {
                Ok(Key(std::borrow::Cow::Owned(key.to_owned())))
            }
            fn visit_string<E>(self, key: String) -> Result<Key<'de>, E> {
                Ok(Key(std::borrow::Cow::Owned(key)))
            }
        }
        deserializer.deserialize_identifier(KeyVisitor)
    }
}

/// Reads the value of the key just read into its slot; a repeated key keeps its last value.
///
/// A call per key, rather than `slot = Some(map.next_value()?)` written out in each arm, keeps
/// the decoder's body to one call and no early return per field: rustc's borrow checker and type
/// checker then spend time linear, not quadratic, in the struct's fields.
pub fn read_value<'de, T, A>(map: &mut A, slot: &mut Option<T>) -> Result<(), A::Error>
where
    T: serde::Deserialize<'de>,
    A: serde::de::MapAccess<'de>,
{
    *slot = Some(map.next_value()?);
    Ok(())
}

/// Skips the value of a key the struct knows but does not keep (a writeOnly property's).
pub fn skip_value<'de, A: serde::de::MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<serde::de::IgnoredAny>().map(drop)
}

/// Skips the value of a key the struct does not know, counting it while an untagged union tries
/// its members ([`crate::Untagged`]: of the members that decode, the one with the fewest unknown
/// keys at any depth is the one that holds the value as it is).
pub fn skip_unknown<'de, A: serde::de::MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    crate::union::count_unknown_key();
    skip_value(map)
}

/// Skips every entry of an object whose struct keeps none: the keys of `known` (writeOnly
/// properties) as known, the others as [`skip_unknown`] does.
pub fn skip_entries<'de, A: serde::de::MapAccess<'de>>(
    map: &mut A,
    known: &[&str],
) -> Result<(), A::Error> {
    while let Some(key) = map.next_key::<Key>()? {
        if !known.contains(&key.as_str()) {
            crate::union::count_unknown_key();
        }
        skip_value(map)?;
    }
    Ok(())
}

/// The value of a field with no default: what was decoded, else what the type makes of a missing
/// field (`None` for an `Option`, underneath a newtype too), which is what serde's derive does;
/// else the field is [`Missing`].
///
/// The error is not the decoder's own, so that its type is known at each call (left to
/// inference, a decoder's many calls kept rustc re-trying them).
///
/// While an untagged union tries its members ([`crate::Untagged`]), a missing key is missing
/// whatever the type: a value without it is another member's.
pub fn required<'de, T>(slot: Option<T>, name: &'static str) -> Result<T, Missing>
where
    T: serde::Deserialize<'de>,
{
    match slot {
        Some(value) => Ok(value),
        None => {
            let absent = T::deserialize(Absent).map_err(|NotNull| Missing(name))?;
            match crate::union::refuses_fill_ins() {
                true => Err(Missing(name)),
                false => Ok(absent),
            }
        }
    }
}

/// The slot of a required field that a missing key leaves to be filled in (a nullable field
/// reads as `null`, one with a `default` takes it): servers leave such keys out, and a response
/// still decodes. While an untagged union tries its members ([`crate::Untagged`]) the key must be
/// there, so that a value without it is another member's: Qdrant's `DiscoverInput` lacking its
/// required, nullable `context` was decoded as a `DiscoverQuery` (and sent back with
/// `context: null`) where the union's any-JSON member was the one that held it.
pub fn filled<T>(slot: Option<T>, name: &'static str) -> Result<Option<T>, Missing> {
    match slot {
        None if crate::union::refuses_fill_ins() => Err(Missing(name)),
        slot => Ok(slot),
    }
}

/// The value of a field that must be there even when its type takes `null` (a required, nullable
/// field of an untagged union's member: an object without it is another member): what was
/// decoded, else the field is [`Missing`].
pub fn present<T>(slot: Option<T>, name: &'static str) -> Result<T, Missing> {
    slot.ok_or(Missing(name))
}

/// A required field that the object lacks: its key.
#[derive(Debug)]
pub struct Missing(&'static str);

impl Missing {
    /// The decoder's "missing field" error.
    pub fn into_error<E: serde::de::Error>(self) -> E {
        E::missing_field(self.0)
    }
}

/// The decoder's error for the first of its required fields that is [`Missing`] (one entry per
/// required field, `None` for those present, in the spec's order).
pub fn first_missing<E: serde::de::Error, const N: usize>(missing: [Option<Missing>; N]) -> E {
    match missing.into_iter().flatten().next() {
        Some(missing) => missing.into_error(),
        None => E::custom("a required field is missing"),
    }
}

/// A deserializer for an absent field: `null` to an `Option`, [`NotNull`] to everything else.
struct Absent;

/// What a type that is not an `Option` makes of an absent field.
#[derive(Debug)]
struct NotNull;

impl fmt::Display for NotNull {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the field is absent")
    }
}

impl std::error::Error for NotNull {}

impl serde::de::Error for NotNull {
    fn custom<T: fmt::Display>(_message: T) -> Self {
        NotNull
    }
}

impl<'de> serde::Deserializer<'de> for Absent {
    type Error = NotNull;

    fn deserialize_any<V: serde::de::Visitor<'de>>(self, _visitor: V) -> Result<V::Value, NotNull> {
        Err(NotNull)
    }

    fn deserialize_option<V: serde::de::Visitor<'de>>(
        self,
        visitor: V,
    ) -> Result<V::Value, NotNull> {
        visitor.visit_none()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf unit
        unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier ignored_any
    }
}
