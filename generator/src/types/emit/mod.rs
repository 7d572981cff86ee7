//! [`TypeDef`]s → the tokens of the `types` module.
//!
//! The prelude's names (`Option`, `String`, `Vec`, ...) are written bare: no generated type may take
//! one of them ([`crate::naming::PRELUDE_NAMES`]), so a schema named `String` cannot capture them.

mod enums;
mod serialize;
mod unions;

use crate::naming::{ident, snake_name};
use crate::types::{DefaultValue, Direction, Field, SerdeUse, Ty, TypeDef, TypeKind, TypeTable};
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote, ToTokens};
use std::collections::BTreeSet;

/// Tokens for `ty`; `prefix` qualifies named types (`types::` outside the module, empty inside),
/// whose names `table` holds.
pub fn ty_tokens(ty: &Ty, prefix: &TokenStream, table: &TypeTable) -> TokenStream {
    match ty {
        Ty::String => quote!(String),
        Ty::Bool => quote!(bool),
        Ty::I32 => quote!(i32),
        Ty::I64 => quote!(i64),
        Ty::U64 => quote!(u64),
        Ty::F32 => quote!(f32),
        Ty::F64 => quote!(f64),
        Ty::Bytes | Ty::Base64 => quote!(Vec<u8>),
        Ty::DateTime | Ty::Date | Ty::Uuid => format_type(ty, &table.formats),
        Ty::Json => quote!(serde_json::Value),
        Ty::Vec(item) => {
            let item = ty_tokens(item, prefix, table);
            quote!(Vec<#item>)
        }
        Ty::Map(value) => {
            let value = ty_tokens(value, prefix, table);
            quote!(::std::collections::BTreeMap<String, #value>)
        }
        Ty::Option(inner) => {
            let inner = ty_tokens(inner, prefix, table);
            quote!(Option<#inner>)
        }
        Ty::Named(id) => {
            let name = ident(table.name(*id));
            quote!(#prefix #name)
        }
    }
}

/// The library type of a string format, through the runtime's re-export of the library.
fn format_type(ty: &Ty, formats: &crate::types::Formats) -> TokenStream {
    use crate::config::DateTimeLibrary;
    let runtime: TokenStream = formats.runtime.parse().unwrap_or_default();
    match (ty, formats.date_time) {
        (Ty::Uuid, _) => quote!(#runtime::uuid::Uuid),
        (Ty::DateTime, DateTimeLibrary::Jiff) => quote!(#runtime::jiff::Timestamp),
        (Ty::Date, DateTimeLibrary::Jiff) => quote!(#runtime::jiff::civil::Date),
        (Ty::DateTime, DateTimeLibrary::Chrono) => {
            quote!(#runtime::chrono::DateTime<#runtime::chrono::FixedOffset>)
        }
        (Ty::Date, DateTimeLibrary::Chrono) => quote!(#runtime::chrono::NaiveDate),
        (Ty::DateTime, DateTimeLibrary::Time) => quote!(#runtime::time::OffsetDateTime),
        (Ty::Date, DateTimeLibrary::Time) => quote!(#runtime::time::Date),
        _ => quote!(String),
    }
}

/// `#[doc = "..."]` attributes for doc lines.
pub fn doc_attrs(lines: &[String]) -> TokenStream {
    lines.iter().map(|line| quote!(#[doc = #line])).collect()
}

/// The `types` module with the types `range` (in definition order), and the `defaults` module
/// when `with_defaults`.
pub fn types_module(
    table: &TypeTable,
    range: std::ops::Range<usize>,
    with_defaults: bool,
    runtime: &TokenStream,
) -> TokenStream {
    let ids = table.ids();
    let cfg = |id| crate::scope::features::cfg_attr(&[table.features(id)]);
    let items: Vec<TokenStream> = ids[range]
        .iter()
        .map(|&id| {
            crate::scope::features::gate_items(type_def(table.get(id), table, runtime), &cfg(id))
        })
        .collect();
    let defaults: Vec<TokenStream> = match with_defaults {
        true => table
            .iter()
            .flat_map(|(id, def)| {
                let cfg = cfg(id);
                let fns = default_fns(def, table);
                fns.into_iter()
                    .map(move |f| crate::scope::features::gate_items(f, &cfg))
            })
            .collect(),
        false => Vec::new(),
    };
    let defaults_module = (!defaults.is_empty()).then(|| {
        quote! {
            /// The spec's default values.
            mod defaults {
                #(#defaults)*
            }
        }
    });
    quote! {
        /// Types of the request and response bodies, from the spec's schemas.
        pub mod types {
            #(#items)*
            #defaults_module
        }
    }
}

/// The functions of the `defaults` module for `def`'s fields: those its `Deserialize` or its
/// written-out `Default` calls.
fn default_fns(def: &TypeDef, table: &TypeTable) -> Vec<TokenStream> {
    let TypeKind::Struct(fields) = &def.kind else {
        return Vec::new();
    };
    if !(def.serde.deserialize || writes_default_impl(def, fields)) {
        return Vec::new();
    }
    fields
        .iter()
        .filter_map(|field| field_parts(def, field, false, table, &quote!()).default_fn)
        .collect()
}

/// A struct implements `Default` by hand when it implements it at all and a field has a spec
/// default (`#[derive(Default)]` would give the type's zero value).
fn writes_default_impl(def: &TypeDef, fields: &[Field]) -> bool {
    def.implements_default && fields.iter().any(|field| field.default.is_some())
}

fn type_def(def: &TypeDef, table: &TypeTable, runtime: &TokenStream) -> TokenStream {
    let name = ident(&def.name);
    let doc = doc_attrs(&def.doc);
    match &def.kind {
        TypeKind::Alias(ty) => {
            let ty = ty_tokens(ty, &quote!(), table);
            quote! { #doc pub type #name = #ty; }
        }
        TypeKind::Enum {
            variants,
            default,
            repr,
        } => enums::enum_def(def, variants, *default, *repr, runtime),
        TypeKind::Newtype(ty) => {
            let ty = ty_tokens(ty, &quote!(), table);
            let mut derives = vec![quote!(Debug)];
            if def.clone_and_eq {
                derives.extend([quote!(Clone), quote!(PartialEq)]);
            }
            if def.implements_default {
                derives.push(quote!(Default));
            }
            derives.extend(serde_derives(def.serde));
            let transparent = def.serde.any().then(|| quote!(#[serde(transparent)]));
            quote! {
                #doc
                #[derive(#(#derives),*)]
                #transparent
                pub struct #name(pub #ty);
            }
        }
        TypeKind::Union {
            variants,
            discriminator,
        } => unions::union_def(def, variants, discriminator.as_deref(), table, doc, runtime),
        TypeKind::Struct(fields) => struct_def(def, fields, table, runtime, doc),
    }
}

fn struct_def(
    def: &TypeDef,
    fields: &[Field],
    table: &TypeTable,
    runtime: &TokenStream,
    doc: TokenStream,
) -> TokenStream {
    let name = ident(&def.name);
    let serde = def.serde;
    let is_defaultable = def.implements_default;
    let default_impl_needed = writes_default_impl(def, fields);
    let has_custom_default = fields.iter().any(|field| field.default.is_some());
    let mut default_exprs = Vec::new();
    let mut field_tokens = Vec::new();
    let mut when_missing = Vec::new();
    // Serialize is written out (`emit_serialize`) unless the derive's `flatten` is needed.
    let written_serialize = serde.serialize && serialize::writes_serialize(fields);
    let derived_serialize = serde.serialize && !written_serialize;
    for field in fields {
        let parts = field_parts(def, field, derived_serialize, table, runtime);
        field_tokens.push(parts.field);
        default_exprs.push(parts.default_expr);
        when_missing.push(parts.missing);
    }

    let has_secret = fields.iter().any(|field| field.secret);
    let mut derives = Vec::new();
    if !has_secret {
        derives.push(quote!(Debug));
    }
    if def.clone_and_eq {
        derives.extend([quote!(Clone), quote!(PartialEq)]);
    }
    if is_defaultable && !has_custom_default {
        derives.push(quote!(Default));
    }
    derives.extend(serde_derives(SerdeUse {
        deserialize: false, // written out below
        serialize: derived_serialize,
    }));
    let serialize_impl =
        written_serialize.then(|| serialize::struct_serialize(&def.name, fields, table, runtime));
    let deserialize_impl = serde.deserialize.then(|| {
        let binary: Vec<Option<Ty>> = fields.iter().map(|f| table.text_codec_in(&f.ty)).collect();
        let slot_types: Vec<TokenStream> = fields
            .iter()
            .zip(&when_missing)
            .map(|(field, missing)| {
                // `self::`, as a schema may be named `A`, like the decoder's type parameter.
                let prefix = quote!(self::);
                match missing {
                    // The slot is the field's `Option` (tri-state): it holds what that holds.
                    Missing::Slot => {
                        let ty = ty_tokens(&field.ty, &prefix, table);
                        let ty = if field.boxed { quote!(Box<#ty>) } else { ty };
                        quote!(Option<#ty>)
                    }
                    _ => field_type(field, &prefix, table),
                }
            })
            .collect();
        let decoding = Decoding {
            binary: &binary,
            when_missing: &when_missing,
            slot_types: &slot_types,
        };
        struct_deserialize(&def.name, fields, &decoding, runtime)
    });

    let default_impl = default_impl_needed.then(|| {
        quote! {
            impl Default for #name {
                fn default() -> Self {
                    #name { #(#default_exprs)* }
                }
            }
        }
    });
    let debug_impl = has_secret.then(|| redacted_debug(&def.name, fields, runtime));
    quote! {
        #doc
        #[derive(#(#derives),*)]
        pub struct #name { #(#field_tokens)* }
        #default_impl
        #debug_impl
        #serialize_impl
        #deserialize_impl
    }
}

/// What one field adds to its struct.
struct FieldParts {
    /// The field, with its doc and `#[serde]` attribute.
    field: TokenStream,
    /// Its value in a written-out `Default` impl.
    default_expr: TokenStream,
    /// What decoding makes of it when the object lacks it.
    missing: Missing,
    /// The function of the `defaults` module that gives its spec default, when it has one.
    default_fn: Option<TokenStream>,
}

/// The runtime's codec of a value carried in JSON text (`bytes` from `text_codec_in`): `base64`
/// for `byte`, `rfc3339` for `time` date-times, `binary` for raw bytes.
pub(super) fn text_codec(bytes: &Ty) -> &'static str {
    match bytes {
        Ty::Base64 => "base64",
        Ty::DateTime => "rfc3339",
        _ => "binary",
    }
}

/// How a field of bytes (or lists, maps or `Option`s of them) is read from JSON, whose strings
/// carry them (`decode_base64`, ...); `None` for other fields.
fn bytes_reader(bytes: Option<&Ty>, runtime: &TokenStream) -> Option<TokenStream> {
    let function = format_ident!("decode_{}", text_codec(bytes?));
    Some(quote!(#runtime::#function(&mut map)?))
}

/// The call that reads a key's value into its slot: values carried in JSON text through their
/// codec (`read_base64`, ...), anything else as its own type says (`read_value`).
fn slot_reader(
    bytes: Option<&Ty>,
    runtime: &TokenStream,
    slot: &proc_macro2::Ident,
) -> TokenStream {
    let function = match bytes {
        None => format_ident!("read_value"),
        Some(bytes) => format_ident!("read_{}", text_codec(bytes)),
    };
    quote!(#runtime::#function(&mut map, &mut #slot))
}

/// `derived_serialize`: whether the struct derives `Serialize`, which reads the field's
/// `#[serde]` attribute.
fn field_parts(
    def: &TypeDef,
    field: &Field,
    derived_serialize: bool,
    table: &TypeTable,
    runtime: &TokenStream,
) -> FieldParts {
    let field_name = field.name.ident();
    let ty = field_type(field, &quote!(), table);
    let wire = &field.wire;
    // One `#[serde(...)]` per field, with only what the derived `Serialize` reads, when the
    // struct derives it (`Deserialize` is written out, and so is `Serialize` but for a struct
    // with an `additionalProperties` map; `emit_serialize` writes the same rules out).
    let mut serde_args = Vec::new();
    if derived_serialize && field.additional {
        serde_args.push(quote!(flatten));
    } else if derived_serialize && field.name.bare() != wire {
        serde_args.push(quote!(rename = #wire));
    }
    if derived_serialize && field.direction == Direction::ReadOnly {
        // The server sets it; a request never carries it.
        serde_args.push(quote!(skip_serializing));
    } else if derived_serialize && serialize::skipped_when_none(field) {
        serde_args.push(quote!(skip_serializing_if = "Option::is_none"));
    }
    if let Some(bytes) = table.text_codec_in(&field.ty).filter(|_| derived_serialize) {
        let function = format!("serialize_{}", text_codec(&bytes));
        let path: String = format!("{runtime}::{function}")
            .split_whitespace()
            .collect();
        serde_args.push(quote!(serialize_with = #path));
    }
    let serde_attr = (!serde_args.is_empty()).then(|| quote!(#[serde(#(#serde_args),*)]));
    let doc = doc_attrs(&field.doc);
    let field_tokens = quote! { #doc #serde_attr pub #field_name: #ty, };
    match &field.default {
        Some(value) => {
            let value = default_tokens(field, value, table, &quote!(super::));
            // One snake-case name of the type's and the field's words: no `__` where either
            // part was escaped (`Self_`, `_1`).
            let function = snake_name(&format!("{}_{}", def.name, field.name.bare())).ident();
            let outer_ty = field_type(field, &quote!(super::), table);
            FieldParts {
                field: field_tokens,
                default_expr: quote! { #field_name: defaults::#function(), },
                missing: Missing::Default(quote!(defaults::#function)),
                default_fn: Some(quote! { pub(super) fn #function() -> #outer_ty { #value } }),
            }
        }
        None => FieldParts {
            field: field_tokens,
            default_expr: quote! { #field_name: Default::default(), },
            missing: if field.tri_state {
                Missing::Slot
            } else if field.is_option() || field.zero_default {
                Missing::ZeroValue
            } else {
                Missing::Required
            },
            default_fn: None,
        },
    }
}

/// What a struct's written-out `Deserialize` needs beside its fields, one entry per field.
#[derive(Clone, Copy)]
struct Decoding<'a> {
    /// The type its JSON text is decoded from, for bytes, base64 and RFC 3339 fields.
    binary: &'a [Option<Ty>],
    /// What a missing key becomes.
    when_missing: &'a [Missing],
    /// The type of what the slot a key's value goes into holds (`None::<T>`; the additional
    /// properties' map: the map), written out: left to inference, every slot's
    /// `?: Deserialize` stays pending until the struct is built, and rustc re-tries them all at
    /// each step (type-checking GitHub's decoders took 3.9 s; typed, 1.3 s). Not as the `let`'s
    /// type: `Option<T>` is a level deeper than the field, past clippy's `type_complexity`.
    slot_types: &'a [TokenStream],
}

/// What decoding makes of a field that the object does not have.
enum Missing {
    /// A "missing field" error (or `None`, for a named type that is an `Option` underneath).
    Required,
    /// The type's `Default` (`None`, or the spec's default when it is the zero value).
    ZeroValue,
    /// The spec's default, from this function of the `defaults` module.
    Default(TokenStream),
    /// Nothing: the slot (`None` absent, `Some(None)` null) is the field's value.
    Slot,
}

/// `Deserialize` for a struct, written out rather than derived (see the runtime's
/// `DecodeStruct` for why): a slot per field, filled key by key. Decoding is the derive's
/// except that only an object decodes and a repeated key keeps its last value: unknown keys are
/// skipped, and a missing one is `None`, the default or an error.
fn struct_deserialize(
    type_name: &str,
    fields: &[Field],
    decoding: &Decoding<'_>,
    runtime: &TokenStream,
) -> TokenStream {
    let Decoding {
        binary,
        when_missing,
        slot_types,
    } = *decoding;
    let name = ident(type_name);
    // The slots are named after the fields, kept apart from the loop's own `map` and `key`, and
    // given a word when the field has none (`_1`, from GitHub's `+1`, is a field name clippy
    // accepts but not a variable name).
    let mut taken: BTreeSet<String> = ["map", "key", "read"].map(String::from).into();
    taken.extend(fields.iter().map(|f| f.name.bare().to_owned()));
    let slots: Vec<_> = fields
        .iter()
        .map(|field| {
            let plain = field.name.bare();
            let wordless = plain.chars().all(|c| c == '_' || c.is_ascii_digit());
            let mut slot = match plain {
                "map" | "key" | "read" => format!("{plain}_"),
                _ if wordless => format!("field{plain}"),
                _ => return field.name.ident(),
            };
            while taken.contains(&slot) {
                slot.push('_');
            }
            taken.insert(slot.clone());
            format_ident!("{}", slot)
        })
        .collect();
    // The keys beyond the declared properties go to the `additional` field's map, if any.
    let additional = fields
        .iter()
        .zip(&slots)
        .zip(binary)
        .zip(slot_types)
        .find(|(((field, _), _), _)| field.additional)
        .map(|(((_, slot), binary), ty)| (slot, binary.as_ref(), ty));
    // A writeOnly property is never read back: its key, if a server sends it, is skipped.
    let declared: Vec<(&Field, &proc_macro2::Ident, Option<&Ty>, &TokenStream)> = fields
        .iter()
        .zip(&slots)
        .zip(binary)
        .zip(slot_types)
        .filter(|(((field, _), _), _)| !field.additional && field.direction != Direction::WriteOnly)
        .map(|(((field, slot), binary), ty)| (field, slot, binary.as_ref(), ty))
        .collect();
    let (declared_slots, wires): (Vec<_>, Vec<&str>) = declared
        .iter()
        .map(|(field, slot, _, _)| (*slot, field.wire.as_str()))
        .unzip();
    let declared_types = declared.iter().map(|(_, _, _, ty)| *ty);
    // Raw bytes come as JSON text; anything else as its own type says.
    let read_values: Vec<TokenStream> = declared
        .iter()
        .map(|(_, slot, binary, _)| slot_reader(*binary, runtime, slot))
        .collect();
    // A key beyond the declared ones, into the map.
    let keep_other = additional.map(|(slot, binary, _)| {
        let value = bytes_reader(binary, runtime).unwrap_or_else(|| quote!(map.next_value()?));
        quote! {
            let value = #value;
            #slot.insert(key.into_string(), value);
        }
    });
    let other_keys = match &keep_other {
        Some(keep) => quote!(_ => { #keep Ok(()) }),
        None => quote!(_ => #runtime::skip_value(&mut map),),
    };
    let additional_slot = additional
        .map(|(slot, _, ty)| quote!(let mut #slot: #ty = ::std::collections::BTreeMap::new();));
    // No key is read into anything (no fields, or only writeOnly ones): every entry is skipped.
    let read_entries = if declared.is_empty() && additional.is_none() {
        quote! {
            while map.next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?.is_some() {}
        }
    } else {
        let read_entry = match (wires.is_empty(), additional) {
            // Only the map: every key is one of its entries.
            (true, Some(_)) => quote!(#keep_other),
            // One call per key and one `?` after the match (see `read_value` in the runtime).
            _ => quote! {
                let read = match key.as_str() {
                    #(#wires => #read_values,)*
                    #other_keys
                };
                read?;
            },
        };
        quote! {
            #(let mut #declared_slots = None::<#declared_types>;)*
            #additional_slot
            while let Some(key) = map.next_key::<#runtime::Key>()? {
                #read_entry
            }
        }
    };
    let construct = construct(fields, &slots, when_missing, runtime);
    quote! {
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                #runtime::decode_struct(deserializer)
            }
        }

        impl #runtime::DecodeStruct for #name {
            const NAME: &'static str = #type_name;
            fn decode<'de, A: serde::de::MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
                #read_entries
                #construct
            }
        }
    }
}

/// The decoder's last expression: the struct from its slots. A required field missing is an
/// error, found with no early return per field: the required slots are checked together, in one
/// `match`, so that a struct of a hundred fields has one way out rather than a hundred (each
/// dropping every other slot), which halved what rustc spends on GitHub's decoders.
fn construct(
    fields: &[Field],
    slots: &[proc_macro2::Ident],
    when_missing: &[Missing],
    runtime: &TokenStream,
) -> TokenStream {
    let mut required = Vec::new();
    let values: Vec<TokenStream> = fields
        .iter()
        .zip(slots)
        .zip(when_missing)
        .map(|((field, slot), missing)| {
            let field_name = field.name.ident();
            let shorthand = field_name == *slot;
            if field.direction == Direction::WriteOnly {
                // As if the key were missing.
                return match missing {
                    Missing::Default(function) => quote!(#field_name: #function(),),
                    _ => quote!(#field_name: Default::default(),),
                };
            }
            let value = match missing {
                _ if field.additional && shorthand => return quote!(#field_name,),
                _ if field.additional => quote!(#slot),
                Missing::Required => {
                    required.push((slot, field.wire.as_str()));
                    match shorthand {
                        true => return quote!(#field_name,),
                        false => quote!(#slot),
                    }
                }
                Missing::ZeroValue => quote!(#slot.unwrap_or_default()),
                Missing::Default(function) => quote!(#slot.unwrap_or_else(#function)),
                Missing::Slot if shorthand => return quote!(#field_name,),
                Missing::Slot => quote!(#slot),
            };
            quote!(#field_name: #value,)
        })
        .collect();
    let (required_slots, wires): (Vec<_>, Vec<_>) = required.into_iter().unzip();
    match required_slots.as_slice() {
        [] => quote!(Ok(Self { #(#values)* })),
        [slot] => quote! {
            let #slot = #runtime::required(#slot, #(#wires)*).map_err(#runtime::Missing::into_error)?;
            Ok(Self { #(#values)* })
        },
        _ => quote! {
            match (#(#runtime::required(#required_slots, #wires),)*) {
                (#(Ok(#required_slots),)*) => Ok(Self { #(#values)* }),
                (#(#required_slots,)*) => Err(#runtime::first_missing([#(#required_slots.err()),*])),
            }
        },
    }
}

/// The serde derives a type's [`SerdeUse`] asks for.
pub(super) fn serde_derives(serde: SerdeUse) -> impl Iterator<Item = TokenStream> {
    let serialize = serde.serialize.then(|| quote!(serde::Serialize));
    let deserialize = serde.deserialize.then(|| quote!(serde::Deserialize));
    serialize.into_iter().chain(deserialize)
}

/// The Rust type of a field: boxed to break a cycle, optional when it may be absent or null.
pub fn field_type(field: &Field, prefix: &TokenStream, table: &TypeTable) -> TokenStream {
    let ty = ty_tokens(&field.ty, prefix, table);
    let ty = if field.boxed { quote!(Box<#ty>) } else { ty };
    if field.tri_state {
        quote!(Option<Option<#ty>>)
    } else if field.is_option() {
        quote!(Option<#ty>)
    } else {
        ty
    }
}

/// A `Debug` impl that prints `***` for the fields holding credentials.
pub fn redacted_debug(type_name: &str, fields: &[Field], runtime: &TokenStream) -> TokenStream {
    let name = ident(type_name);
    let entries = fields.iter().map(|field| {
        let label = field.name.bare();
        let field_name = field.name.ident();
        if !field.secret {
            quote!(.field(#label, &self.#field_name))
        } else if field.is_option() {
            quote!(.field(#label, &self.#field_name.as_ref().map(|_| #runtime::Redacted)))
        } else {
            quote!(.field(#label, &#runtime::Redacted))
        }
    });
    quote! {
        impl ::std::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(#type_name) #(#entries)* .finish()
            }
        }
    }
}

/// The expression of a field's default value. `prefix` qualifies the enum types a default may
/// name (`super::` from the `defaults` module).
fn default_tokens(
    field: &Field,
    value: &DefaultValue,
    table: &TypeTable,
    prefix: &TokenStream,
) -> TokenStream {
    let expr = match value {
        DefaultValue::String(text) => quote!(String::from(#text)),
        DefaultValue::Bool(flag) => quote!(#flag),
        DefaultValue::I32(n) => Literal::i32_suffixed(*n).into_token_stream(),
        DefaultValue::I64(n) => Literal::i64_suffixed(*n).into_token_stream(),
        DefaultValue::U64(n) => Literal::u64_suffixed(*n).into_token_stream(),
        DefaultValue::F32(n) => Literal::f32_suffixed(*n).into_token_stream(),
        DefaultValue::F64(n) => Literal::f64_suffixed(*n).into_token_stream(),
        DefaultValue::Variant { ty, variant } => {
            let (type_ident, variant_ident) = (ident(table.name(*ty)), ident(variant));
            quote!(#prefix #type_ident::#variant_ident)
        }
    };
    if field.is_option() {
        quote!(Some(#expr))
    } else {
        expr
    }
}
