//! Enums → tokens: the enum, its wire value, `Display`, `ParamValue` and serde.
//!
//! serde is written out rather than derived (see the runtime's `WireEnum`): a string enum
//! travels as its string and an integer enum as its number, and decoding anything but one of the
//! values is an error naming the values allowed.

use super::doc_attrs;
use crate::naming::ident;
use crate::types::{EnumRepr, EnumVariant, SerdeUse, TypeDef};
use proc_macro2::{Literal, TokenStream};
use quote::quote;

/// The items of the enum `def`, each behind `cfg` (the type's).
pub(super) fn enum_def(
    def: &TypeDef,
    variants: &[EnumVariant],
    default: Option<usize>,
    repr: EnumRepr,
    runtime: &TokenStream,
    cfg: &TokenStream,
) -> TokenStream {
    let doc = doc_attrs(&def.doc);
    let name = ident(&def.name);
    let members = variants.iter().enumerate().map(|(index, variant)| {
        let variant_name = ident(&variant.name);
        let is_default = (default == Some(index)).then(|| quote!(#[default]));
        let wire = format!(
            " `{}`",
            crate::docs::without_control_characters(&variant.wire)
        );
        // The value, then its description (`x-enum-descriptions`) as a paragraph of its own.
        let description = (!variant.doc.is_empty()).then(|| {
            let lines = doc_attrs(&variant.doc);
            quote!(#[doc = ""] #lines)
        });
        quote! { #[doc = #wire] #description #is_default #variant_name, }
    });
    let mut derives = vec![
        quote!(Debug),
        quote!(Clone),
        quote!(Copy),
        quote!(PartialEq),
        quote!(Eq),
        quote!(Hash),
        quote!(PartialOrd),
        quote!(Ord),
    ];
    if default.is_some() {
        derives.push(quote!(Default));
    }
    let accessors = match repr {
        EnumRepr::String => string_accessors(&name, variants, runtime, cfg),
        EnumRepr::Integer => integer_accessors(&name, variants, runtime, cfg),
    };
    let serde_impls = enum_serde(def, variants, repr, runtime, cfg);
    quote! {
        #doc
        #cfg
        #[derive(#(#derives),*)]
        pub enum #name { #(#members)* }
        #accessors
        #serde_impls
    }
}

/// `as_str`, `Display` and `ParamValue` of a string enum.
fn string_accessors(
    name: &proc_macro2::Ident,
    variants: &[EnumVariant],
    runtime: &TokenStream,
    cfg: &TokenStream,
) -> TokenStream {
    let arms = variants.iter().map(|variant| {
        let variant_name = ident(&variant.name);
        let wire = &variant.wire;
        quote!(Self::#variant_name => #wire,)
    });
    quote! {
        #cfg
        impl #name {
            /// The value as the API spells it.
            pub fn as_str(&self) -> &'static str {
                match self { #(#arms)* }
            }
        }

        #cfg
        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        #cfg
        impl #runtime::ParamValue for #name {
            fn to_param(&self) -> String {
                ToString::to_string(self.as_str())
            }
        }
    }
}

/// `value`, `Display` and `ParamValue` of an integer enum.
fn integer_accessors(
    name: &proc_macro2::Ident,
    variants: &[EnumVariant],
    runtime: &TokenStream,
    cfg: &TokenStream,
) -> TokenStream {
    let arms = variants.iter().map(|variant| {
        let variant_name = ident(&variant.name);
        let value = integer_literal(variant);
        quote!(Self::#variant_name => #value,)
    });
    quote! {
        #cfg
        impl #name {
            /// The value as the API sends it.
            pub fn value(&self) -> i64 {
                match self { #(#arms)* }
            }
        }

        #cfg
        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(&self.value(), f)
            }
        }

        #cfg
        impl #runtime::ParamValue for #name {
            fn to_param(&self) -> String {
                self.value().to_string()
            }
        }
    }
}

/// The integer an integer enum's variant stands for, as a literal.
fn integer_literal(variant: &EnumVariant) -> Literal {
    // The analysis wrote `wire` from an i64, so it always parses back.
    Literal::i64_unsuffixed(variant.wire.parse().unwrap_or_default())
}

/// Serialize and Deserialize, as the type's directions need them.
fn enum_serde(
    def: &TypeDef,
    variants: &[EnumVariant],
    repr: EnumRepr,
    runtime: &TokenStream,
    cfg: &TokenStream,
) -> TokenStream {
    let name = ident(&def.name);
    let SerdeUse {
        serialize,
        deserialize,
    } = def.serde;
    let serialize = serialize.then(|| {
        let body = match repr {
            EnumRepr::String => quote!(serializer.serialize_str(self.as_str())),
            EnumRepr::Integer => quote!(serializer.serialize_i64(self.value())),
        };
        quote! {
            #cfg
            impl serde::Serialize for #name {
                fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    #body
                }
            }
        }
    });
    let deserialize = deserialize.then(|| {
        let variant_names = variants.iter().map(|variant| ident(&variant.name));
        let (trait_name, decode, values) = match repr {
            EnumRepr::String => {
                let wires = variants.iter().map(|variant| &variant.wire);
                (quote!(WireEnum), quote!(decode_enum), quote!(&[#(#wires),*]))
            }
            EnumRepr::Integer => {
                let numbers = variants.iter().map(integer_literal);
                (
                    quote!(WireIntegerEnum),
                    quote!(decode_integer_enum),
                    quote!(&[#(#numbers),*]),
                )
            }
        };
        let value_type = match repr {
            EnumRepr::String => quote!(&'static str),
            EnumRepr::Integer => quote!(i64),
        };
        quote! {
            #cfg
            impl<'de> serde::Deserialize<'de> for #name {
                fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    #runtime::#decode(deserializer)
                }
            }

            #cfg
            impl #runtime::#trait_name for #name {
                const VARIANTS: &'static [Self] = &[#(Self::#variant_names),*];
                const VALUES: &'static [#value_type] = #values;
            }
        }
    });
    quote!(#serialize #deserialize)
}
