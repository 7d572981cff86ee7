//! [`TypeDef`]s → the tokens of the `types` module.
//!
//! The prelude's names (`Option`, `String`, `Vec`, ...) are written bare: no generated type may take
//! one of them ([`crate::naming::PRELUDE_NAMES`]), so a schema named `String` cannot capture them.

mod deserialize;
mod enums;
mod serialize;
mod unions;

use crate::naming::{ident, snake_name};
use crate::types::{DefaultValue, Direction, Field, SerdeUse, Ty, TypeDef, TypeKind, TypeTable};
use deserialize::Missing;
use proc_macro2::{Literal, TokenStream};
use quote::{quote, ToTokens};

/// Tokens for `ty`; `prefix` qualifies named types (`types::` outside the module, empty inside),
/// whose names `table` holds.
pub fn ty_tokens(ty: &Ty, prefix: &TokenStream, table: &TypeTable) -> TokenStream {
    match ty {
        Ty::String => quote!(String),
        Ty::Bool => quote!(bool),
        Ty::I32 => quote!(i32),
        Ty::I64 => quote!(i64),
        Ty::U64 => quote!(u64),
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
    // Each type's items, and its default values' functions, behind the type's features.
    let cfg = |id| crate::emit::cfg_attr(&[table.features(id)]);
    let items: Vec<TokenStream> = ids[range]
        .iter()
        .map(|&id| type_def(table.get(id), table, runtime, &cfg(id)))
        .collect();
    let defaults: Vec<TokenStream> = match with_defaults {
        true => (table.iter())
            .flat_map(|(id, def)| default_fns(def, table, &cfg(id)))
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
/// written-out `Default` calls, each behind `cfg`, the type's.
fn default_fns(def: &TypeDef, table: &TypeTable, cfg: &TokenStream) -> Vec<TokenStream> {
    let TypeKind::Struct(fields) = &def.kind else {
        return Vec::new();
    };
    if !(def.serde.deserialize || writes_default_impl(def, fields)) {
        return Vec::new();
    }
    let default_fn = |field: &Field| {
        let value = default_tokens(field, field.default.as_ref()?, table, &quote!(super::));
        let function = default_fn_name(def, field);
        let outer_ty = field_type(field, &quote!(super::), table);
        Some(quote! { #cfg pub(super) fn #function() -> #outer_ty { #value } })
    };
    fields.iter().filter_map(default_fn).collect()
}

/// The function of the `defaults` module that gives the spec default of `def`'s `field`: one
/// snake-case name of the type's and the field's words, no `__` where either part was escaped
/// (`Self_`, `_1`).
fn default_fn_name(def: &TypeDef, field: &Field) -> proc_macro2::Ident {
    snake_name(&format!("{}_{}", def.name, field.name.bare())).ident()
}

/// A struct implements `Default` by hand when it implements it at all and a field has a spec
/// default (`#[derive(Default)]` would give the type's zero value).
fn writes_default_impl(def: &TypeDef, fields: &[Field]) -> bool {
    def.implements_default && fields.iter().any(|field| field.default.is_some())
}

/// The items of `def`: the type and its impls, each behind `cfg` (after its doc).
fn type_def(
    def: &TypeDef,
    table: &TypeTable,
    runtime: &TokenStream,
    cfg: &TokenStream,
) -> TokenStream {
    let name = ident(&def.name);
    let doc = doc_attrs(&def.doc);
    match &def.kind {
        TypeKind::Alias(ty) => {
            let ty = ty_tokens(ty, &quote!(), table);
            quote! { #doc #cfg pub type #name = #ty; }
        }
        TypeKind::Enum {
            variants,
            default,
            repr,
            unknown,
        } => enums::enum_def(
            def,
            variants,
            *default,
            *repr,
            unknown.as_deref(),
            runtime,
            cfg,
        ),
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
                #cfg
                #[derive(#(#derives),*)]
                #transparent
                pub struct #name(pub #ty);
            }
        }
        TypeKind::Union {
            variants,
            discriminator,
        } => unions::union_def(def, variants, discriminator.as_deref(), table, runtime, cfg),
        TypeKind::Struct(fields) => struct_def(def, fields, table, runtime, cfg),
    }
}

fn struct_def(
    def: &TypeDef,
    fields: &[Field],
    table: &TypeTable,
    runtime: &TokenStream,
    cfg: &TokenStream,
) -> TokenStream {
    let name = ident(&def.name);
    let doc = doc_attrs(&def.doc);
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
    let serialize_impl = written_serialize
        .then(|| serialize::struct_serialize(&def.name, fields, table, runtime, cfg));
    let deserialize_impl = serde.deserialize.then(|| {
        deserialize::struct_decoder(&def.name, fields, &when_missing, table, runtime, cfg)
    });
    let default_impl = default_impl_needed.then(|| {
        quote! {
            #cfg
            impl Default for #name {
                fn default() -> Self {
                    #name { #(#default_exprs)* }
                }
            }
        }
    });
    let debug_impl = has_secret.then(|| redacted_debug(&def.name, fields, runtime, cfg));
    quote! {
        #doc
        #cfg
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
        Some(_) => {
            let function = default_fn_name(def, field);
            FieldParts {
                field: field_tokens,
                default_expr: quote! { #field_name: defaults::#function(), },
                missing: Missing::Default(quote!(defaults::#function)),
            }
        }
        None => FieldParts {
            field: field_tokens,
            default_expr: quote! { #field_name: Default::default(), },
            missing: if field.tri_state {
                Missing::Slot
            } else if field.must_be_present {
                Missing::Present
            } else if field.required && (field.is_option() || field.zero_default) {
                Missing::FilledZero
            } else if field.is_option() || field.zero_default {
                Missing::ZeroValue
            } else {
                Missing::Required
            },
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

/// A `Debug` impl that prints `***` for the fields holding credentials, behind `cfg` (the
/// type's).
pub fn redacted_debug(
    type_name: &str,
    fields: &[Field],
    runtime: &TokenStream,
    cfg: &TokenStream,
) -> TokenStream {
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
        #cfg
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
