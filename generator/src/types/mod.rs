//! Types from schemas: the model of the generated `types` module.
//!
//! [`convert`] turns schemas into [`TypeDef`]s, registered in a [`TypeSpace`] by their Rust name;
//! [`emit`] turns them into tokens. Operations ask the space for the [`Ty`] of their parameters
//! and bodies, which may define more (inline) types.

pub mod convert;
pub mod emit;
mod layout;
pub mod usage;

pub use convert::TypeSpace;

use std::collections::BTreeMap;

/// A Rust type that a schema maps to.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Ty {
    /// `String`.
    String,
    /// `bool`.
    Bool,
    /// `i32`.
    I32,
    /// `i64`.
    I64,
    /// `f32`.
    F32,
    /// `f64`.
    F64,
    /// `Vec<u8>`: raw bytes (`format: binary`).
    Bytes,
    /// `serde_json::Value`: any JSON.
    Json,
    /// `Vec<T>`.
    Vec(Box<Ty>),
    /// `BTreeMap<String, T>`.
    Map(Box<Ty>),
    /// A type of the `types` module, by its Rust name.
    Named(String),
}

impl Ty {
    /// The named type, when this is one.
    pub fn named(&self) -> Option<&str> {
        match self {
            Ty::Named(name) => Some(name),
            _ => None,
        }
    }

    /// Follows renames of named types (old name → new name).
    pub fn rename(&mut self, renames: &BTreeMap<String, String>) {
        match self {
            Ty::Named(name) => {
                if let Some(new) = renames.get(name) {
                    new.clone_into(name);
                }
            }
            Ty::Vec(inner) | Ty::Map(inner) => inner.rename(renames),
            _ => {}
        }
    }
}

impl TypeDef {
    /// Follows renames in this type's name and in every type it mentions.
    pub fn rename_types(&mut self, renames: &BTreeMap<String, String>) {
        if let Some(new) = renames.get(&self.name) {
            new.clone_into(&mut self.name);
        }
        match &mut self.kind {
            TypeKind::Struct(fields) => fields.iter_mut().for_each(|f| f.ty.rename(renames)),
            TypeKind::Union { variants, .. } => {
                variants.iter_mut().for_each(|v| v.ty.rename(renames))
            }
            TypeKind::Alias(ty) | TypeKind::Newtype(ty) => ty.rename(renames),
            TypeKind::Enum { .. } => {}
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

/// The shape of a [`TypeDef`].
#[derive(Debug, Clone)]
pub enum TypeKind {
    /// An object with known properties.
    Struct(Vec<Field>),
    /// A string enum.
    Enum {
        /// The variants, in spec order.
        variants: Vec<EnumVariant>,
        /// Index of the variant that is the schema's default.
        default: Option<usize>,
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

/// A variant of a string enum.
#[derive(Debug, Clone)]
pub struct EnumVariant {
    /// Rust name.
    pub name: String,
    /// The string on the wire.
    pub wire: String,
}

/// A member of a `oneOf`/`anyOf`.
#[derive(Debug, Clone)]
pub struct UnionVariant {
    /// Rust name.
    pub name: String,
    /// The member's type.
    pub ty: Ty,
    /// Boxed to break a cycle of types, or to keep the enum small (see `types::layout`).
    pub boxed: bool,
    /// The discriminator values that select this member.
    pub tags: Vec<String>,
}

/// A property of an object.
#[derive(Debug, Clone)]
pub struct Field {
    /// Rust name, unique in the struct.
    pub name: String,
    /// JSON key.
    pub wire: String,
    /// The type of a present, non-null value.
    pub ty: Ty,
    /// Listed in `required` (and neither readOnly nor writeOnly).
    pub required: bool,
    /// `nullable: true`.
    pub nullable: bool,
    /// The spec's default, when it is not the type's own zero value.
    pub default: Option<serde_json::Value>,
    /// The spec gives a default that equals the Rust type's `Default` (`""`, `0`, `false`).
    pub zero_default: bool,
    /// Doc comment lines.
    pub doc: Vec<String>,
    /// A credential: hidden from `Debug`.
    pub secret: bool,
    /// Boxed to break a cycle of types.
    pub boxed: bool,
    /// Marked `deprecated` in the spec.
    pub deprecated: bool,
}

impl Field {
    /// True when the Rust field is an `Option`: it may be absent (with no default) or null.
    pub fn is_option(&self) -> bool {
        self.nullable || (!self.required && self.default.is_none() && !self.zero_default)
    }
}

#[cfg(test)]
impl TypeDef {
    /// A type as unit tests build one: no pointer or doc, both serde traits.
    pub fn for_test(name: &str, kind: TypeKind) -> TypeDef {
        TypeDef {
            name: name.to_owned(),
            pointer: String::new(),
            doc: Vec::new(),
            deprecated: false,
            kind,
            serde: SerdeUse::BOTH,
        }
    }
}

#[cfg(test)]
impl Field {
    /// A required field as unit tests build one, its key its name.
    pub fn for_test(name: &str, ty: Ty) -> Field {
        Field {
            name: name.to_owned(),
            wire: name.to_owned(),
            ty,
            required: true,
            nullable: false,
            default: None,
            zero_default: false,
            doc: Vec::new(),
            secret: false,
            boxed: false,
            deprecated: false,
        }
    }
}

/// Names of properties whose values are credentials, whatever their schema says. The runtime
/// keeps the same list (`SECRET_KEYS`, for body excerpts); a test keeps the two equal.
const SECRET_NAMES: &[&str] = &[
    "access_token",
    "api_key",
    "apikey",
    "client_secret",
    "id_token",
    "passwd",
    "password",
    "private_key",
    "refresh_token",
    "secret",
    "token",
];

/// True when a property (by its Rust snake-case name) or its schema marks a credential.
pub fn is_secret(snake_name: &str, format_password: bool, write_only: bool) -> bool {
    let name = snake_name.trim_start_matches("r#");
    format_password
        || write_only
        || SECRET_NAMES
            .iter()
            .any(|secret| name == *secret || name.ends_with(&format!("_{secret}")))
}

#[cfg(test)]
mod tests {
    #[test]
    fn secret_names_match_the_runtime() {
        let mut runtime = oapigen_runtime::SECRET_KEYS.to_vec();
        runtime.retain(|key| *key != "authorization"); // a header name, never a property
        assert_eq!(runtime, super::SECRET_NAMES);
    }
}
