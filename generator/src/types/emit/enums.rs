//! Enums → tokens: the enum, its wire value, `Display`, `ParamValue` and serde.
//!
//! serde is written out rather than derived (see the runtime's `WireEnum`): a string enum
//! travels as its string and an integer enum as its number. A value not listed goes to the
//! unknown variant when the analysis gave the enum one (`types::open`), else it is an error
//! naming the values allowed.

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
    unknown: Option<&str>,
    runtime: &TokenStream,
    cfg: &TokenStream,
) -> TokenStream {
    let doc = doc_attrs(&def.doc);
    let unknown = unknown.map(ident);
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
    let unknown_member = unknown.as_ref().map(|unknown| {
        let held = unknown_type(repr, runtime);
        quote! {
            /// A value not listed here, kept as received.
            #unknown(#held),
        }
    });
    let copy = def.kind.is_copy_enum().then(|| quote!(Copy));
    let mut derives = vec![quote!(Debug), quote!(Clone)];
    derives.extend(copy);
    derives.extend([
        quote!(PartialEq),
        quote!(Eq),
        quote!(Hash),
        quote!(PartialOrd),
        quote!(Ord),
    ]);
    if default.is_some() {
        derives.push(quote!(Default));
    }
    let accessors = match repr {
        EnumRepr::String => string_accessors(&name, variants, unknown.as_ref(), runtime, cfg),
        EnumRepr::Integer => integer_accessors(&name, variants, unknown.as_ref(), runtime, cfg),
    };
    let serde_impls = enum_serde(def, variants, repr, unknown.as_ref(), runtime, cfg);
    // Values that are unknown today are variants once generated again: other crates match an
    // open enum with a wildcard arm (aws-sdk-rust's enums, smithy-rs RFC 0039).
    let non_exhaustive = unknown.is_some().then(|| quote!(#[non_exhaustive]));
    quote! {
        #doc
        #cfg
        #[derive(#(#derives),*)]
        #non_exhaustive
        pub enum #name { #(#members)* #unknown_member }
        #accessors
        #serde_impls
    }
}

/// The doc of an open enum's `From` impl.
fn from_doc(unknown: &proc_macro2::Ident) -> String {
    format!(" The variant `value` names; a value not listed is `Self::{unknown}`.")
}

/// The runtime's type of a value an enum of `repr` does not list.
fn unknown_type(repr: EnumRepr, runtime: &TokenStream) -> TokenStream {
    match repr {
        EnumRepr::String => quote!(#runtime::UnknownString),
        EnumRepr::Integer => quote!(#runtime::UnknownInteger),
    }
}

/// `as_str`, `Display` and `ParamValue` of a string enum, and `From<&str>` of one with an
/// unknown variant.
fn string_accessors(
    name: &proc_macro2::Ident,
    variants: &[EnumVariant],
    unknown: Option<&proc_macro2::Ident>,
    runtime: &TokenStream,
    cfg: &TokenStream,
) -> TokenStream {
    let arms = variants.iter().map(|variant| {
        let variant_name = ident(&variant.name);
        let wire = &variant.wire;
        quote!(Self::#variant_name => #wire,)
    });
    let from_doc = unknown.map(from_doc);
    let (unknown_arm, lifetime, from) = match unknown {
        Some(unknown) => (
            quote!(Self::#unknown(value) => value.as_str(),),
            quote!(),
            quote! {
                #cfg
                impl ::std::convert::From<&str> for #name {
                    #[doc = #from_doc]
                    fn from(value: &str) -> Self {
                        #runtime::enum_from_str(value, Self::#unknown)
                    }
                }
            },
        ),
        None => (quote!(), quote!('static), quote!()),
    };
    quote! {
        #cfg
        impl #name {
            /// The value as the API spells it.
            pub fn as_str(&self) -> &#lifetime str {
                match self { #(#arms)* #unknown_arm }
            }
        }

        #from

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

/// `value`, `Display` and `ParamValue` of an integer enum, and `From<i64>` of one with an unknown
/// variant.
fn integer_accessors(
    name: &proc_macro2::Ident,
    variants: &[EnumVariant],
    unknown: Option<&proc_macro2::Ident>,
    runtime: &TokenStream,
    cfg: &TokenStream,
) -> TokenStream {
    let arms = variants.iter().map(|variant| {
        let variant_name = ident(&variant.name);
        let value = integer_literal(variant);
        quote!(Self::#variant_name => #value,)
    });
    let from_doc = unknown.map(from_doc);
    let (unknown_arm, from) = match unknown {
        Some(unknown) => (
            quote!(Self::#unknown(value) => value.value(),),
            quote! {
                #cfg
                impl ::std::convert::From<i64> for #name {
                    #[doc = #from_doc]
                    fn from(value: i64) -> Self {
                        #runtime::enum_from_i64(value, Self::#unknown)
                    }
                }
            },
        ),
        None => (quote!(), quote!()),
    };
    quote! {
        #cfg
        impl #name {
            /// The value as the API sends it.
            pub fn value(&self) -> i64 {
                match self { #(#arms)* #unknown_arm }
            }
        }

        #from

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
    unknown: Option<&proc_macro2::Ident>,
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
    let variant_names = variants.iter().map(|variant| ident(&variant.name));
    let (trait_name, decode, values, value_type) = match repr {
        EnumRepr::String => {
            let wires = variants.iter().map(|variant| &variant.wire);
            let values = quote!(&[#(#wires),*]);
            (
                quote!(WireEnum),
                quote!(decode_enum),
                values,
                quote!(&'static str),
            )
        }
        EnumRepr::Integer => {
            let numbers = variants.iter().map(integer_literal);
            let values = quote!(&[#(#numbers),*]);
            (
                quote!(WireIntegerEnum),
                quote!(decode_integer_enum),
                values,
                quote!(i64),
            )
        }
    };
    let deserialize = deserialize.then(|| {
        quote! {
            #cfg
            impl<'de> serde::Deserialize<'de> for #name {
                fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    #runtime::#decode(deserializer)
                }
            }
        }
    });
    // Decoding needs the values, and so does `From` of an enum with an unknown variant.
    let wire = (deserialize.is_some() || unknown.is_some()).then(|| {
        let unknown_fn = unknown.map(|unknown| {
            let held = unknown_type(repr, runtime);
            quote! {
                fn unknown(value: #held) -> Option<Self> {
                    Some(Self::#unknown(value))
                }
            }
        });
        quote! {
            #cfg
            impl #runtime::#trait_name for #name {
                const VARIANTS: &'static [Self] = &[#(Self::#variant_names),*];
                const VALUES: &'static [#value_type] = #values;
                #unknown_fn
            }
        }
    });
    quote!(#serialize #deserialize #wire)
}
