//! Types from schemas: the model of the generated `types` module.
//!
//! [`convert`] turns schemas into [`TypeDef`]s, registered in a [`TypeTable`] under a [`TypeId`];
//! [`emit`] turns them into tokens. Operations ask the [`TypeSpace`] for the [`Ty`] of their
//! parameters and bodies, which may define more (inline) types. Everything refers to a type by its
//! id, so a type's name is kept in one place: its [`TypeDef`].

pub mod convert;
mod deep_containers;
mod defaults;
pub mod emit;
mod enums;
mod fields;
mod finish;
mod inheritance;
mod layout;
mod members;
pub mod open;
mod shared;
mod spread;
#[cfg(test)]
mod tests;
pub mod usage;

pub(crate) use convert::optional_if;
pub use convert::TypeSpace;
pub use fields::is_secret;
pub(crate) use members::{bytes_as_text, param_bytes_as_text};

use crate::naming::Name;

/// An opaque reference to one type of a [`TypeTable`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeId(usize);

/// Every type of one module, by id, and the order in which the `types` module defines them.
#[derive(Debug, Clone, Default)]
pub struct TypeTable {
    defs: Vec<TypeDef>,
    order: Vec<TypeId>,
    /// Which types stand for string formats.
    pub formats: Formats,
    /// The cargo features of the types that stand behind some (any of them turns the type on);
    /// the others are always there ([`crate::scope::features`]).
    pub features: std::collections::BTreeMap<TypeId, Vec<String>>,
}

/// Which Rust types stand for string formats, and the runtime path that re-exports them.
#[derive(Debug, Clone, Default)]
pub struct Formats {
    /// The types of `date-time` and `date`.
    pub date_time: crate::config::DateTimeLibrary,
    /// `uuid` as `uuid::Uuid`.
    pub uuid: bool,
    /// The runtime's path (`::oapigen_runtime`, checked to be one), which re-exports the
    /// libraries.
    pub runtime: String,
}

impl TypeTable {
    /// The type `id` names.
    pub fn get(&self, id: TypeId) -> &TypeDef {
        &self.defs[id.0]
    }

    /// The same, to change it.
    pub fn get_mut(&mut self, id: TypeId) -> &mut TypeDef {
        &mut self.defs[id.0]
    }

    /// The Rust name of `id`.
    pub fn name(&self, id: TypeId) -> &str {
        &self.defs[id.0].name
    }

    /// The defined types, in definition order.
    pub fn iter(&self) -> impl Iterator<Item = (TypeId, &TypeDef)> {
        self.order.iter().map(|&id| (id, &self.defs[id.0]))
    }

    /// The ids of the defined types, in definition order.
    pub fn ids(&self) -> Vec<TypeId> {
        self.order.clone()
    }

    /// The cargo features `id` stands behind (none: always there).
    pub fn features(&self, id: TypeId) -> &[String] {
        self.features.get(&id).map_or(&[], Vec::as_slice)
    }

    /// Keeps the definitions of the types `keep` says, in their order; the others stay
    /// resolvable by id, but are no longer defined (nothing kept may refer to them).
    pub fn retain(&mut self, keep: impl Fn(TypeId) -> bool) {
        self.order.retain(|&id| keep(id));
    }

    /// A slot for a type whose definition is not finished yet (a component, or an inline schema
    /// whose nested types are being converted): it can be referred to, and is defined later.
    fn reserve(&mut self, def: TypeDef) -> TypeId {
        self.defs.push(def);
        TypeId(self.defs.len() - 1)
    }

    /// Fills a reserved slot: the type is defined at this point of the module.
    fn define(&mut self, id: TypeId, def: TypeDef) {
        self.defs[id.0] = def;
        self.order.push(id);
    }

    /// Gives a reserved slot back; only the last one reserved can be, and nothing refers to it.
    fn release(&mut self, id: TypeId) {
        if id.0 + 1 == self.defs.len() {
            self.defs.pop();
        }
    }

    /// Follows aliases (`type A = B;`) to the type they name.
    pub fn resolve<'t>(&'t self, ty: &'t Ty) -> &'t Ty {
        let mut current = ty;
        for _ in 0..16 {
            match current.named().map(|id| &self.get(id).kind) {
                Some(TypeKind::Alias(target)) => current = target,
                _ => break,
            }
        }
        current
    }

    /// Each component schema's name with the Rust type its values decode to, in definition order:
    /// its type's name, or `Option<name>` when `allows_null` says the component admits `null`
    /// (every use of it is that `Option`); `Text<...>` around it for raw bytes, whose JSON form
    /// is the text a property of them carries (the runtime's `BinaryField`). A component's type
    /// is the first reserved for its pointer (an inheritance base's `Base` struct shares it).
    pub fn component_names(&self, allows_null: impl Fn(&str) -> bool) -> Vec<(String, String)> {
        let mut first: std::collections::BTreeMap<&str, TypeId> = Default::default();
        for (index, def) in self.defs.iter().enumerate() {
            first.entry(def.pointer.as_str()).or_insert(TypeId(index));
        }
        self.iter()
            .filter(|(id, def)| first.get(def.pointer.as_str()) == Some(id))
            .filter_map(|(_, def)| {
                let pointer = crate::pointer::JsonPointer::parse_ref(&def.pointer).ok()?;
                let schema = pointer.component("schemas")?;
                // Any JSON (and an `Option` already) holds `null` itself.
                let holds_null = matches!(def.kind, TypeKind::Alias(Ty::Json | Ty::Option(_)));
                let rust = match allows_null(&schema) && !holds_null {
                    true => format!("Option<{}>", def.name),
                    false => def.name.clone(),
                };
                // Raw bytes travel as the JSON text a property of them carries.
                let rust = match &def.kind {
                    TypeKind::Alias(ty) if self.holds_bytes(ty) => format!("Text<{rust}>"),
                    TypeKind::Alias(ty) if self.text_codec_in(ty) == Some(Ty::Base64) => {
                        format!("Base64Text<{rust}>")
                    }
                    _ => rust,
                };
                Some((schema, rust))
            })
            .collect()
    }

    /// True for raw bytes, or `Option`s, lists and maps of them nested in any order (the shapes
    /// the runtime's `BinaryField` carries as JSON text).
    pub fn holds_bytes(&self, ty: &Ty) -> bool {
        self.text_codec_in(ty) == Some(Ty::Bytes)
    }

    /// The type that `ty` is made of (through `Option`s, lists and maps) when JSON carries it
    /// as text its serde does not write, so that a field of it goes through the runtime: raw
    /// [`Ty::Bytes`], [`Ty::Base64`], and [`Ty::DateTime`] with the `time` library.
    pub fn text_codec_in(&self, ty: &Ty) -> Option<Ty> {
        // An alias of a container of itself (`Tree = Vec<Tree>`) holds no such value: each alias
        // is followed once.
        let mut seen = Vec::new();
        let mut current = ty;
        loop {
            if let Some(id) = current.named() {
                if seen.contains(&id) {
                    return None;
                }
                seen.push(id);
            }
            match self.resolve(current) {
                Ty::Bytes => return Some(Ty::Bytes),
                Ty::Base64 => return Some(Ty::Base64),
                Ty::DateTime if self.formats.date_time == crate::config::DateTimeLibrary::Time => {
                    return Some(Ty::DateTime)
                }
                Ty::Option(inner) | Ty::Vec(inner) | Ty::Map(inner) => current = inner,
                _ => return None,
            }
        }
    }

    /// Whether a value of `ty` that is not a named type has `Default` (the `time` library's
    /// types have none).
    pub fn scalar_has_default(&self, ty: &Ty) -> bool {
        let time = self.formats.date_time == crate::config::DateTimeLibrary::Time;
        !(time && matches!(ty, Ty::DateTime | Ty::Date))
    }

    /// A table of `defs`, defined in their order; `TypeId`s are their positions.
    #[cfg(test)]
    pub fn for_test(defs: Vec<TypeDef>) -> TypeTable {
        let order = (0..defs.len()).map(TypeId).collect();
        TypeTable {
            defs,
            order,
            formats: Formats::default(),
            features: Default::default(),
        }
    }

    /// The id of the `position`th type given to [`Self::for_test`].
    #[cfg(test)]
    pub fn test_id(position: usize) -> TypeId {
        TypeId(position)
    }
}

/// A Rust type that a schema maps to.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Ty {
    /// `String`.
    String,
    /// `bool`.
    Bool,
    /// `i32`.
    I32,
    /// `i64`.
    I64,
    /// `u64`: an integer past `i64::MAX` (`format: uint64`, or bounds from 0 beyond it).
    U64,
    /// `f64`.
    F64,
    /// `Vec<u8>`: raw bytes (`format: binary`).
    Bytes,
    /// `Vec<u8>` carried in JSON as base64 text (`format: byte`).
    Base64,
    /// An RFC 3339 `date-time`, as the chosen library holds one.
    DateTime,
    /// An RFC 3339 `full-date` (`format: date`), as the chosen library holds one.
    Date,
    /// `uuid::Uuid` (`format: uuid`).
    Uuid,
    /// `serde_json::Value`: any JSON.
    Json,
    /// `Vec<T>`.
    Vec(Box<Ty>),
    /// `BTreeMap<String, T>`.
    Map(Box<Ty>),
    /// `Option<T>`: a nullable array item or map value, which may be `null` on the wire. (A
    /// field's own absence or nullability is [`Field`]'s.)
    Option(Box<Ty>),
    /// A type of the `types` module.
    Named(TypeId),
}

impl Ty {
    /// A `Vec`, map or `Option`.
    pub fn is_container(&self) -> bool {
        matches!(self, Ty::Vec(_) | Ty::Map(_) | Ty::Option(_))
    }

    /// The named type, when this is one.
    pub fn named(&self) -> Option<TypeId> {
        match self {
            Ty::Named(id) => Some(*id),
            _ => None,
        }
    }
}

impl TypeKind {
    /// An enum that is `Copy`: any but a string enum with an unknown variant, which holds text.
    pub fn is_copy_enum(&self) -> bool {
        match self {
            TypeKind::Enum { repr, unknown, .. } => unknown.is_none() || *repr == EnumRepr::Integer,
            _ => false,
        }
    }

    /// The types this one names directly (fields, members, the aliased type), not through a
    /// `Vec` or map.
    pub fn direct_refs(&self) -> Vec<TypeId> {
        match self {
            TypeKind::Struct(fields) => fields.iter().filter_map(|f| f.ty.named()).collect(),
            TypeKind::Union { variants, .. } => {
                variants.iter().filter_map(|v| v.ty.named()).collect()
            }
            TypeKind::Alias(ty) | TypeKind::Newtype(ty) => ty.named().into_iter().collect(),
            TypeKind::Enum { .. } => Vec::new(),
        }
    }

    /// Every type this one mentions, inside containers too.
    pub fn mentioned(&self) -> Vec<TypeId> {
        let mut out = Vec::new();
        let tys: Vec<&Ty> = match self {
            TypeKind::Struct(fields) => fields.iter().map(|f| &f.ty).collect(),
            TypeKind::Union { variants, .. } => variants.iter().map(|v| &v.ty).collect(),
            TypeKind::Alias(ty) | TypeKind::Newtype(ty) => vec![ty],
            TypeKind::Enum { .. } => Vec::new(),
        };
        for ty in tys {
            ty.named_in(&mut out);
        }
        out
    }
}

impl Ty {
    /// Appends the named type this is or holds (through `Vec`s and maps).
    pub fn named_in(&self, out: &mut Vec<TypeId>) {
        match self {
            Ty::Named(id) => out.push(*id),
            Ty::Vec(inner) | Ty::Map(inner) | Ty::Option(inner) => inner.named_in(out),
            _ => {}
        }
    }
}

/// One type of the generated `types` module.
#[derive(Debug, Clone)]
pub struct TypeDef {
    /// Rust name, unique in the module.
    pub name: String,
    /// JSON pointer of the schema it came from.
    pub pointer: String,
    /// Doc comment lines.
    pub doc: Vec<String>,
    /// Marked `deprecated` in the spec.
    pub deprecated: bool,
    /// What it is.
    pub kind: TypeKind,
    /// The serde traits it derives (see [`usage`]).
    pub serde: SerdeUse,
    /// It implements `Default` (derived, or written out when a field has a spec default).
    pub implements_default: bool,
    /// It derives `Clone` and `PartialEq` (string and integer enums always do; see
    /// `Config::derive_clone_and_partial_eq`).
    pub clone_and_eq: bool,
}

/// A property's default, as a value of the field's Rust type.
#[derive(Debug, Clone)]
pub enum DefaultValue {
    /// A `String`.
    String(String),
    /// A `bool`.
    Bool(bool),
    /// An `i32`.
    I32(i32),
    /// An `i64`.
    I64(i64),
    /// A `u64`.
    U64(u64),
    /// An `f64` (finite).
    F64(f64),
    /// A variant of a string enum.
    Variant {
        /// The enum.
        ty: TypeId,
        /// The variant's Rust name.
        variant: String,
    },
}

/// Two defaults are equal when they are written out the same: floats by their bits (they are
/// finite; `-0.0` is written otherwise than `0.0`), so that `Eq` and `Hash` agree.
impl PartialEq for DefaultValue {
    fn eq(&self, other: &Self) -> bool {
        self.written() == other.written()
    }
}

impl Eq for DefaultValue {}

impl std::hash::Hash for DefaultValue {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.written().hash(state);
    }
}

/// A [`DefaultValue`] as it is written out, floats as their bits.
#[derive(PartialEq, Eq, Hash)]
enum WrittenDefault<'a> {
    Text(&'a str),
    Bool(bool),
    Integer(i128),
    F64(u64),
    Variant(TypeId, &'a str),
}

impl DefaultValue {
    fn written(&self) -> (u8, WrittenDefault<'_>) {
        use WrittenDefault as W;
        // The kind first: an `i32` 1 is written otherwise than an `i64` 1.
        match self {
            DefaultValue::String(text) => (0, W::Text(text)),
            DefaultValue::Bool(value) => (1, W::Bool(*value)),
            DefaultValue::I32(value) => (2, W::Integer((*value).into())),
            DefaultValue::I64(value) => (3, W::Integer((*value).into())),
            DefaultValue::U64(value) => (4, W::Integer((*value).into())),
            DefaultValue::F64(value) => (6, W::F64(value.to_bits())),
            DefaultValue::Variant { ty, variant } => (7, W::Variant(*ty, variant)),
        }
    }
}

/// Which serde traits a type implements.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SerdeUse {
    /// `Serialize`: the client sends it.
    pub serialize: bool,
    /// `Deserialize`: the client receives it.
    pub deserialize: bool,
}

impl SerdeUse {
    /// Neither trait.
    pub const NONE: SerdeUse = SerdeUse {
        serialize: false,
        deserialize: false,
    };
    /// Both traits.
    pub const BOTH: SerdeUse = SerdeUse {
        serialize: true,
        deserialize: true,
    };

    /// Both needs together.
    pub fn union(self, other: SerdeUse) -> SerdeUse {
        SerdeUse {
            serialize: self.serialize || other.serialize,
            deserialize: self.deserialize || other.deserialize,
        }
    }

    /// True when either trait is derived (so `#[serde]` attributes are allowed).
    pub fn any(self) -> bool {
        self.serialize || self.deserialize
    }
}

/// The shape of a [`TypeDef`]. Two types of equal shapes are written out the same but for their
/// names (`Eq` and `Hash` key the inline types a spec repeats, [`convert`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TypeKind {
    /// An object with known properties.
    Struct(Vec<Field>),
    /// A string or integer enum.
    Enum {
        /// The variants, in spec order.
        variants: Vec<EnumVariant>,
        /// Index of the variant that is the schema's default.
        default: Option<usize>,
        /// What the values are on the wire.
        repr: EnumRepr,
        /// The name of the variant that holds a value the spec does not list (`None`: such a
        /// value is refused), set by [`open::open_enums`].
        unknown: Option<String>,
    },
    /// `oneOf`/`anyOf`. With a discriminator property, decoding picks the member its value names;
    /// without one, the first member whose shape matches wins.
    Union {
        /// The members, in spec order.
        variants: Vec<UnionVariant>,
        /// The discriminator property, when every member has a tag value.
        discriminator: Option<String>,
    },
    /// A name for another type (a component that is an array, a primitive, ...).
    Alias(Ty),
    /// A type that contains itself through a `Vec` or map (`Tree = Vec<Tree>`), which a `type`
    /// alias cannot express: a transparent newtype struct.
    Newtype(Ty),
}

/// What an enum's values are on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EnumRepr {
    /// JSON strings.
    String,
    /// JSON integers (an `integer` schema's `enum`); each [`EnumVariant::wire`] is the decimal.
    Integer,
}

/// A variant of an enum.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EnumVariant {
    /// Rust name.
    pub name: String,
    /// The value as text: the string itself, or an integer's decimal digits.
    pub wire: String,
    /// Doc comment lines from the value's description (`x-enum-descriptions`); empty when the
    /// spec gives none.
    pub doc: Vec<String>,
}

/// A member of a `oneOf`/`anyOf`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct UnionVariant {
    /// Rust name.
    pub name: String,
    /// The member's type.
    pub ty: Ty,
    /// Boxed to break a cycle of types, or to keep the enum small (see `types::layout`).
    pub boxed: bool,
    /// The discriminator values that select this member (a value may select several, which are
    /// then told apart as an untagged union's members are).
    pub tags: Vec<String>,
    /// Decoded when the discriminator names no member (the base of an inheritance, see
    /// `types::inheritance`).
    pub fallback: bool,
    /// The object keys the member knows, when it is a struct that drops others (see
    /// `types::finish`); `None` when it keeps any key or is not an object.
    pub keys: Option<Vec<String>>,
    /// The member's schema forbids other keys (`additionalProperties: false`): an object with a
    /// key beyond [`Self::keys`] is not this member (Qdrant's `Filter`, a member of `Condition`,
    /// took `{"nested": ...}` for want of a better member).
    pub closed: bool,
    /// The member that holds a value no other member does, as received (`serde_json::Value`):
    /// one the API added after the client was generated (see `types::open`).
    pub unknown: bool,
    /// The tag written into the member's object when it is sent, when its struct has no field
    /// for the discriminator property (HyperDX's `PieChartConfig` lacks `configType`): without
    /// it the receiver could not tell the member (see `types::finish`).
    pub written_tag: Option<String>,
    /// The member's struct does not require the discriminator property (OpenAI's `InputMessage`,
    /// whose `type` is optional; or has none): a value without the tag may be this member, and is
    /// tried as it (see `types::finish`).
    pub tag_optional: bool,
}

/// A property of an object.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Field {
    /// Rust name, unique in the struct.
    pub name: Name,
    /// JSON key.
    pub wire: String,
    /// The type of a present, non-null value.
    pub ty: Ty,
    /// Listed in `required` (and neither readOnly nor writeOnly).
    pub required: bool,
    /// `nullable: true`.
    pub nullable: bool,
    /// The spec's default as written, until the types are finished: a required property's when
    /// it is not the type's own zero value ([`finish`] turns it into [`Field::default`] or drops
    /// it), an optional property's any value ([`finish`] names it in the doc comment).
    pub spec_default: Option<serde_json::Value>,
    /// The default the generated code applies: a required property's only.
    pub default: Option<DefaultValue>,
    /// A required property's default equals the Rust type's `Default` (`""`, `0`, `false`).
    pub zero_default: bool,
    /// Doc comment lines.
    pub doc: Vec<String>,
    /// A credential: hidden from `Debug`.
    pub secret: bool,
    /// Boxed to break a cycle of types.
    pub boxed: bool,
    /// Marked `deprecated` in the spec.
    pub deprecated: bool,
    /// Holds the keys beyond the declared properties (`additionalProperties` beside
    /// `properties`): a map, flattened into the object on the wire. `wire` is empty.
    pub additional: bool,
    /// Optional and nullable with no default: absent, `null` and a value are three states
    /// (`Option<Option<T>>`, PATCH semantics). With `default: null` (FastAPI's optional fields),
    /// absent means `null` and one `Option` says it all.
    pub tri_state: bool,
    /// Required and nullable in a member of an untagged union: an object without the key is not
    /// this member (decoding fails and the next member is tried), where elsewhere a missing
    /// nullable field reads as `null` (`types::finish`). Without it, `{app_id}` decoded as the
    /// member that requires `user_id` and went back out as `{app_id, user_id: null}`.
    pub must_be_present: bool,
    /// Which way the property travels: `readOnly` ones are never sent, `writeOnly` ones never
    /// read back (OpenAPI 3.0 §4.7.24).
    pub direction: Direction,
}

/// Which way a property travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Direction {
    /// Both ways.
    #[default]
    Both,
    /// `readOnly`: in responses only.
    ReadOnly,
    /// `writeOnly`: in requests only.
    WriteOnly,
}

impl Field {
    /// True when the Rust field is an `Option`: it may be absent or null. (An optional
    /// property's default is the server's: absent is `None`, `types::defaults`.) The map of
    /// additional properties is empty when there are none.
    pub fn is_option(&self) -> bool {
        self.nullable || !(self.required || self.additional)
    }
}
