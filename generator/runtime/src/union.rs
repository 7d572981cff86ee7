//! Decoding a `oneOf`/`anyOf` without a discriminator.

use std::cell::Cell;
use std::fmt::Write as _;

thread_local! {
    /// Set while a member is tried strictly: a required key that decoding would fill in
    /// ([`crate::filled`], [`crate::required`]) is missing instead.
    static STRICT: Cell<bool> = const { Cell::new(false) };
    /// Set when a strict try refused a fill-in: a lenient try may decode what the strict one
    /// did not.
    static REFUSED: Cell<bool> = const { Cell::new(false) };
    /// The object keys that no struct knew, at any depth, in the strict try going on.
    static UNKNOWN: Cell<u32> = const { Cell::new(0) };
    /// The values held only by an `Unknown` variant (an enum's value it does not list, an inner
    /// union's member it does not know), at any depth, in the strict try going on.
    static UNLISTED: Cell<u32> = const { Cell::new(0) };
    /// Set while any member of an untagged union is tried, strictly or not.
    static TRYING: Cell<bool> = const { Cell::new(false) };
}

/// Notes a value that only an `Unknown` variant holds, while a member is tried strictly: a
/// member holding it ranks below one that lists it, and above one that drops it.
pub(crate) fn count_unlisted() {
    if STRICT.with(Cell::get) {
        UNLISTED.with(|unlisted| unlisted.set(unlisted.get().saturating_add(1)));
    }
}

/// True while an untagged union tries a member: a one-value enum (a constant) then refuses
/// another value, since that value is what tells the union's members apart.
pub(crate) fn trying_member() -> bool {
    TRYING.with(Cell::get)
}

/// Notes a key that a struct skips as unknown, while a member is tried strictly.
pub(crate) fn count_unknown_key() {
    if STRICT.with(Cell::get) {
        UNKNOWN.with(|unknown| unknown.set(unknown.get().saturating_add(1)));
    }
}

/// True while an untagged union tries a member strictly; notes that a fill-in was refused.
pub(crate) fn refuses_fill_ins() -> bool {
    let strict = STRICT.with(Cell::get);
    if strict {
        REFUSED.with(|refused| refused.set(true));
    }
    strict
}

/// What one try of a member gave: the value, whether a fill-in was refused, and what it does not
/// know.
struct Tried<M> {
    result: Result<M, serde_json::Error>,
    refused: bool,
    unknown: Unknowns,
}

/// What a member that decoded does not know, at any depth: object keys it drops, then values only
/// an `Unknown` variant holds (kept, so they weigh less). Compared in that order.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
struct Unknowns {
    keys: u32,
    values: u32,
}

impl Unknowns {
    fn none(self) -> bool {
        self == Unknowns::default()
    }
}

/// Decodes `value` as `M` with fill-ins refused (or allowed), then puts the strictness and the
/// count of unknown keys back as they were, also on a panic; the refusal is kept for the try of
/// an enclosing union (which counts the unknown keys of the member a union chose, in `finish`).
fn decode_member<M: serde::de::DeserializeOwned>(
    value: &serde_json::Value,
    strict: bool,
) -> Tried<M> {
    struct Restore {
        strict: bool,
        refused: bool,
        unknown: u32,
        unlisted: u32,
        trying: bool,
    }
    impl Drop for Restore {
        fn drop(&mut self) {
            STRICT.with(|cell| cell.set(self.strict));
            REFUSED.with(|cell| cell.set(self.refused || cell.get()));
            UNKNOWN.with(|cell| cell.set(self.unknown));
            UNLISTED.with(|cell| cell.set(self.unlisted));
            TRYING.with(|cell| cell.set(self.trying));
        }
    }
    let _restore = Restore {
        strict: STRICT.with(|cell| cell.replace(strict)),
        refused: REFUSED.with(|cell| cell.replace(false)),
        unknown: UNKNOWN.with(|cell| cell.replace(0)),
        unlisted: UNLISTED.with(|cell| cell.replace(0)),
        trying: TRYING.with(|cell| cell.replace(true)),
    };
    let result = serde_json::from_value::<M>(value.clone());
    Tried {
        result,
        refused: REFUSED.with(Cell::get),
        unknown: Unknowns {
            keys: UNKNOWN.with(Cell::get),
            values: UNLISTED.with(Cell::get),
        },
    }
}

/// The members of an untagged union tried in turn on one JSON value.
///
/// The first member that decodes knowing every key of the value, at any depth, is the answer;
/// when no member knows them all, the first that decoded with the fewest unknown keys is (an
/// object with keys of its own beside a member's, as `additionalProperties` allows, still finds
/// the member). This keeps `{"a": 1, "b": 2}` from being read as an earlier member that knows
/// only `a` (and dropping `b`) when a later one knows both, which is what serde's `untagged`
/// does, and `{"k": {"w": 1}}` from being read as a member whose `k` knows only `v`. When
/// nothing decodes, the error lists why each member did not.
///
/// A member is tried strictly first: a required key that a lone decode fills in (`null` for a
/// nullable field, a required field's default) must be there, at any depth, so that a value
/// lacking it goes to the member it is valid for. When no member decodes strictly, the first
/// that decodes with fill-ins is the answer (a server that leaves out a nullable key still gets
/// its value read).
///
/// A value only an `Unknown` variant holds (an enum's value it does not list, an inner union's
/// member it does not know) makes a member inexact too, ranked after any unknown key: a member
/// that lists every value wins, then the fewest keys dropped, then the fewest such values. A
/// member that drops a key *and* holds such a value is no match (most likely another member's
/// value with a tag this one does not list).
pub struct Untagged<'v, T> {
    type_name: &'static str,
    value: &'v serde_json::Value,
    /// The member that knows every key.
    exact: Option<T>,
    /// The best inexact match so far, with what it did not know.
    best: Option<(Unknowns, T)>,
    /// The first member that decoded only with fill-ins.
    filled_in: Option<T>,
    failures: String,
}

impl<'v, T> Untagged<'v, T> {
    /// Starts decoding `value` as the union `type_name`.
    pub fn new(type_name: &'static str, value: &'v serde_json::Value) -> Self {
        Untagged {
            type_name,
            value,
            exact: None,
            best: None,
            filled_in: None,
            failures: String::new(),
        }
    }

    /// Tries the member `label` of type `M`, which knows the object keys `keys` (`None`: any
    /// key), made into the union by `wrap`. Does nothing once a member has matched exactly.
    pub fn try_member<M: serde::de::DeserializeOwned>(
        &mut self,
        label: &str,
        keys: Option<&[&str]>,
        wrap: impl FnOnce(M) -> T,
    ) {
        if self.exact.is_some() {
            return;
        }
        let tried = decode_member::<M>(self.value, true);
        // Inside a member an enclosing union tries strictly, no fill-in is allowed: that union
        // tries again with them.
        let outer_strict = STRICT.with(Cell::get);
        let result = match tried.result {
            Err(_) if tried.refused && !outer_strict && self.filled_in.is_none() => {
                match decode_member::<M>(self.value, false).result {
                    Ok(member) => {
                        self.filled_in = Some(wrap(member));
                        return;
                    }
                    Err(error) => Err(error),
                }
            }
            result => result,
        };
        match result {
            Ok(member) => {
                // A member that is a struct counted its own unknown keys; one that is not (a
                // union of structs) is told by the keys its members know.
                let own = match (keys, self.value.as_object()) {
                    (Some(keys), Some(object)) => {
                        let known = object.keys().filter(|key| keys.contains(&&***key)).count();
                        u32::try_from(object.len() - known).unwrap_or(u32::MAX)
                    }
                    _ => 0,
                };
                let unknown = Unknowns {
                    keys: tried.unknown.keys.max(own),
                    values: tried.unknown.values,
                };
                if unknown.keys > 0 && unknown.values > 0 {
                    // Dropping a key and not listing a value: most likely another member's value,
                    // whose tag this one does not list (Figma's `{type: CONDITIONAL,
                    // conditionalBlocks}` is no `{type: BACK | CLOSE}`, which would drop the
                    // blocks however many keys deep inside them no member knows).
                    let _ = write!(
                        self.failures,
                        "; as {label}: a value and a key it does not know"
                    );
                } else if unknown.none() {
                    self.exact = Some(wrap(member));
                } else if self.best.as_ref().is_none_or(|(best, _)| unknown < *best) {
                    self.best = Some((unknown, wrap(member)));
                }
            }
            Err(error) => {
                let _ = write!(self.failures, "; as {label}: {error}");
            }
        }
    }

    /// [`Self::try_member`] for a member that forbids keys it does not know (JSON Schema's
    /// `additionalProperties: false`): an object with another key is not this member.
    pub fn try_closed_member<M: serde::de::DeserializeOwned>(
        &mut self,
        label: &str,
        keys: &[&str],
        wrap: impl FnOnce(M) -> T,
    ) {
        if self.exact.is_some() {
            return;
        }
        let other = (self.value.as_object())
            .and_then(|object| object.keys().find(|key| !keys.contains(&key.as_str())));
        match other {
            Some(key) => {
                let _ = write!(
                    self.failures,
                    "; as {label}: the key `{key}` is not allowed"
                );
            }
            None => self.try_member(label, Some(keys), wrap),
        }
    }

    /// [`Self::finish`], or when no member holds the value, the union's unknown member made of
    /// it by `unknown` (the value kept as received). While an enclosing union tries its members
    /// strictly, such a value counts against the member holding this union (another may list
    /// it), and when a member here would hold it with a fill-in, it is an error, so that the
    /// enclosing union tries again with fill-ins.
    pub fn finish_or_unknown<E: serde::de::Error>(
        self,
        unknown: impl FnOnce(serde_json::Value) -> T,
    ) -> Result<T, E> {
        let value = self.value;
        match self.finish() {
            Err(error) if STRICT.with(Cell::get) && REFUSED.with(Cell::get) => Err(error),
            Err(_) => {
                count_unlisted();
                Ok(unknown(value.clone()))
            }
            found => found,
        }
    }

    /// The member that matched, or an error saying why none did. The unknown keys of the member
    /// chosen count for a union this one is a member of.
    pub fn finish<E: serde::de::Error>(self) -> Result<T, E> {
        if let Some(member) = self.exact {
            return Ok(member);
        }
        if let Some((unknown, member)) = self.best {
            if STRICT.with(Cell::get) {
                UNKNOWN.with(|cell| cell.set(cell.get().saturating_add(unknown.keys)));
                UNLISTED.with(|cell| cell.set(cell.get().saturating_add(unknown.values)));
            }
            return Ok(member);
        }
        self.filled_in.ok_or_else(|| {
            E::custom(format_args!(
                "the value is none of the members of {}{}",
                self.type_name, self.failures
            ))
        })
    }
}

/// A discriminated union's value whose tag (`tag`; `None`: no tag) names no member: the union's
/// unknown member holds it, as received. While an enclosing union tries its members strictly, it
/// counts against the member holding this union (another of that union's members may list it);
/// a value with no tag at all is not this union's then.
///
/// # Errors
/// The missing tag property during such a try.
pub fn unknown_member<E: serde::de::Error>(
    value: serde_json::Value,
    property: &'static str,
    tag: Option<&str>,
) -> Result<serde_json::Value, E> {
    if tag.is_none() && STRICT.with(Cell::get) {
        return Err(E::missing_field(property));
    }
    count_unlisted();
    Ok(value)
}

/// Serializes `member` (a struct that has no field for the discriminator) as its JSON object
/// with `property: tag` added, so that the receiver can tell which member it is (OpenAPI 3.0
/// §4.7.25: the discriminator property is in the payload). A member that is not an object is
/// serialized as it is.
///
/// # Errors
/// Those of serializing `member` (a map with non-string keys, a failing `Serialize` impl).
pub fn serialize_with_tag<M: serde::Serialize, S: serde::Serializer>(
    member: &M,
    property: &str,
    tag: &str,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut value = serde_json::to_value(member).map_err(serde::ser::Error::custom)?;
    if let Some(object) = value.as_object_mut() {
        object
            .entry(property)
            .or_insert_with(|| serde_json::Value::from(tag));
    }
    serde::Serialize::serialize(&value, serializer)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct OnlyA {
        a: Option<i64>,
    }

    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct AAndB {
        a: Option<i64>,
        b: Option<i64>,
    }

    #[derive(Debug, PartialEq)]
    enum Either {
        OnlyA(OnlyA),
        AAndB(AAndB),
    }

    fn decode(value: serde_json::Value) -> Result<Either, serde_json::Error> {
        let mut members = Untagged::new("Either", &value);
        members.try_member("OnlyA", Some(&["a"]), Either::OnlyA);
        members.try_member("AAndB", Some(&["a", "b"]), Either::AAndB);
        members.finish()
    }

    #[test]
    fn the_first_member_that_knows_every_key_wins() {
        assert!(matches!(decode(json!({"a": 1})), Ok(Either::OnlyA(_))));
        let both = decode(json!({"a": 1, "b": 2})).unwrap();
        assert_eq!(
            both,
            Either::AAndB(AAndB {
                a: Some(1),
                b: Some(2)
            })
        );
        // Nobody knows `c`: the first member that decodes.
        assert!(matches!(decode(json!({"c": 3})), Ok(Either::OnlyA(_))));
        // Nobody knows `c` either, but `AAndB` knows more of the others.
        let most = decode(json!({"a": 1, "b": 2, "c": 3})).unwrap();
        assert!(matches!(most, Either::AAndB(_)), "{most:?}");
    }

    #[test]
    fn a_value_no_member_decodes_says_why_for_each() {
        let error = decode(json!("text")).unwrap_err().to_string();
        assert!(
            error.starts_with("the value is none of the members of Either"),
            "{error}"
        );
        assert!(error.contains("as OnlyA: invalid type: string"), "{error}");
        assert!(error.contains("as AAndB: invalid type: string"), "{error}");
    }

    #[test]
    fn a_member_without_the_tag_field_is_sent_with_its_tag() {
        #[derive(serde::Serialize)]
        struct Pie {
            slices: u8,
        }
        let mut out = Vec::new();
        let mut serializer = serde_json::Serializer::new(&mut out);
        serialize_with_tag(&Pie { slices: 3 }, "kind", "pie", &mut serializer).unwrap();
        let sent: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(sent, json!({"slices": 3, "kind": "pie"}));
    }
}
