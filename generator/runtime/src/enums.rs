//! String and integer enums: decoding without serde's derive, and the values a client does not
//! know.
//!
//! Servers add values to their enums (a new status, a new event type) long before a client is
//! generated again. A generated enum that refused them would fail every response holding one,
//! a whole list for one new item; so an enum has an `Unknown` variant holding such a value as
//! received ([`UnknownString`], [`UnknownInteger`]), sent back unchanged. aws-sdk-rust's enums do
//! the same (smithy-rs RFC 0039). An enum generated with strict decoding has none and refuses
//! them. While an untagged union tries its members, an enum of one value (a constant, often what
//! tells the members apart) refuses another value, and an unlisted value of another enum counts
//! against the member holding it (see [`crate::Untagged`]).

use std::fmt;

/// A value of a string enum that the enum does not list: one the API added after the client was
/// generated, kept as received.
///
/// It cannot be built by hand: `Enum::from("value")` gives the variant the value names, and this
/// only for a value the enum does not list, so that a value never has two representations (a
/// later client that knows the value decodes it into its own variant).
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnknownString(Box<str>);

impl UnknownString {
    /// The value as received.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for UnknownString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for UnknownString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A value of an integer enum that the enum does not list, kept as received (see
/// [`UnknownString`]).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnknownInteger(i64);

impl UnknownInteger {
    /// The value as received.
    pub fn value(self) -> i64 {
        self.0
    }
}

impl fmt::Debug for UnknownInteger {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl fmt::Display for UnknownInteger {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

/// A string enum: its variants and the values the API spells them with.
///
/// Generated enums implement this instead of deriving `Deserialize`, for the same reason as
/// [`crate::DecodeStruct`]: the derive writes a variant-identifier visitor and an enum visitor
/// per enum.
pub trait WireEnum: Sized + Clone + 'static {
    /// Every listed variant, in the order of [`WireEnum::VALUES`].
    const VARIANTS: &'static [Self];
    /// The values as the API spells them.
    const VALUES: &'static [&'static str];

    /// The variant holding a value the enum does not list; `None` (the default) for an enum that
    /// refuses such values.
    fn unknown(value: UnknownString) -> Option<Self> {
        let _ = value;
        None
    }
}

/// `From<&str>` of an enum with an unknown variant: the variant `value` names, else `unknown`
/// holding it.
pub fn enum_from_str<T: WireEnum>(value: &str, unknown: fn(UnknownString) -> T) -> T {
    match T::VALUES.iter().position(|known| *known == value) {
        Some(index) => T::VARIANTS[index].clone(),
        None => unknown(UnknownString(value.into())),
    }
}

/// `Deserialize::deserialize` of a [`WireEnum`]: a string that is one of its values, or any
/// string for an enum with an unknown variant (but another constant while an untagged union tries
/// its members).
pub fn decode_enum<'de, T, D>(deserializer: D) -> Result<T, D::Error>
where
    T: WireEnum,
    D: serde::Deserializer<'de>,
{
    deserializer.deserialize_str(EnumVisitor(std::marker::PhantomData))
}

/// The unknown variant holding a value an enum of `values` values does not list, if it may: not
/// for a constant while an untagged union tries its members, where another value is another
/// member; otherwise it counts against the member being tried, if any.
fn unlisted<T>(unknown: Option<T>, values: usize) -> Option<T> {
    if values == 1 && crate::union::trying_member() {
        return None;
    }
    let unknown = unknown?;
    crate::union::count_unlisted();
    Some(unknown)
}

struct EnumVisitor<T>(std::marker::PhantomData<T>);

impl<T: WireEnum> serde::de::Visitor<'_> for EnumVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<T, E> {
        match T::VALUES.iter().position(|known| *known == value) {
            Some(index) => Ok(T::VARIANTS[index].clone()),
            None => unlisted(T::unknown(UnknownString(value.into())), T::VALUES.len())
                .ok_or_else(|| E::unknown_variant(value, T::VALUES)),
        }
    }
}

/// An integer enum (JSON Schema `type: integer` with `enum`): its variants and their values.
pub trait WireIntegerEnum: Sized + Copy + 'static {
    /// Every listed variant, in the order of [`WireIntegerEnum::VALUES`].
    const VARIANTS: &'static [Self];
    /// The values the API sends.
    const VALUES: &'static [i64];

    /// The variant holding a value the enum does not list; `None` (the default) for an enum that
    /// refuses such values.
    fn unknown(value: UnknownInteger) -> Option<Self> {
        let _ = value;
        None
    }
}

/// `From<i64>` of an integer enum with an unknown variant: the variant `value` names, else
/// `unknown` holding it.
pub fn enum_from_i64<T: WireIntegerEnum>(value: i64, unknown: fn(UnknownInteger) -> T) -> T {
    match T::VALUES.iter().position(|known| *known == value) {
        Some(index) => T::VARIANTS[index],
        None => unknown(UnknownInteger(value)),
    }
}

/// `Deserialize::deserialize` of a [`WireIntegerEnum`]: a JSON number that equals one of its
/// values, or any integer for an enum with an unknown variant. A number with a zero fraction
/// (`2.0`) is that integer, as JSON Schema counts it.
pub fn decode_integer_enum<'de, T, D>(deserializer: D) -> Result<T, D::Error>
where
    T: WireIntegerEnum,
    D: serde::Deserializer<'de>,
{
    deserializer.deserialize_i64(IntegerEnumVisitor(std::marker::PhantomData))
}

struct IntegerEnumVisitor<T>(std::marker::PhantomData<T>);

impl<T: WireIntegerEnum> IntegerEnumVisitor<T> {
    fn variant<E: serde::de::Error>(value: Option<i64>, shown: &dyn fmt::Display) -> Result<T, E> {
        let Some(value) = value else {
            return Err(Self::refused(shown));
        };
        match T::VALUES.iter().position(|known| *known == value) {
            Some(index) => Ok(T::VARIANTS[index]),
            None => unlisted(T::unknown(UnknownInteger(value)), T::VALUES.len())
                .ok_or_else(|| Self::refused(shown)),
        }
    }

    fn refused<E: serde::de::Error>(shown: &dyn fmt::Display) -> E {
        E::custom(format_args!(
            "unknown value {shown}, expected one of {:?}",
            T::VALUES
        ))
    }
}

impl<T: WireIntegerEnum> serde::de::Visitor<'_> for IntegerEnumVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "one of the integers {:?}", T::VALUES)
    }

    fn visit_i64<E: serde::de::Error>(self, value: i64) -> Result<T, E> {
        Self::variant(Some(value), &value)
    }

    fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<T, E> {
        Self::variant(i64::try_from(value).ok(), &value)
    }

    fn visit_f64<E: serde::de::Error>(self, value: f64) -> Result<T, E> {
        // Exact: the cast back must give the same number, so 2.5 or 1e300 match nothing.
        let integer = value as i64;
        Self::variant((integer as f64 == value).then_some(integer), &value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, PartialEq)]
    enum Open {
        Red,
        Unknown(UnknownString),
    }

    impl WireEnum for Open {
        const VARIANTS: &'static [Self] = &[Self::Red];
        const VALUES: &'static [&'static str] = &["red"];
        fn unknown(value: UnknownString) -> Option<Self> {
            Some(Self::Unknown(value))
        }
    }

    impl<'de> serde::Deserialize<'de> for Open {
        fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            decode_enum(deserializer)
        }
    }

    #[derive(Debug, Clone, Copy, PartialEq)]
    enum Closed {
        One,
    }

    impl WireIntegerEnum for Closed {
        const VARIANTS: &'static [Self] = &[Self::One];
        const VALUES: &'static [i64] = &[1];
    }

    impl<'de> serde::Deserialize<'de> for Closed {
        fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            decode_integer_enum(deserializer)
        }
    }

    #[test]
    fn an_open_enum_keeps_a_value_it_does_not_list() {
        let red: Open = serde_json::from_str(r#""red""#).unwrap();
        assert_eq!(red, Open::Red);
        let new: Open = serde_json::from_str(r#""crimson""#).unwrap();
        let Open::Unknown(value) = &new else {
            panic!("{new:?}")
        };
        assert_eq!(value.as_str(), "crimson");
        assert_eq!(format!("{value:?} {value}"), r#""crimson" crimson"#);
        // Built from text, a listed value is its own variant, never an unknown one.
        assert_eq!(enum_from_str::<Open>("red", Open::Unknown), Open::Red);
        assert_eq!(enum_from_str::<Open>("crimson", Open::Unknown), new);
    }

    #[test]
    fn a_closed_enum_refuses_a_value_it_does_not_list() {
        assert_eq!(serde_json::from_str::<Closed>("1.0").unwrap(), Closed::One);
        let error = serde_json::from_str::<Closed>("2").unwrap_err().to_string();
        assert!(
            error.starts_with("unknown value 2, expected one of [1]"),
            "{error}"
        );
        assert!(serde_json::from_str::<Closed>("1.5").is_err());
    }
}
