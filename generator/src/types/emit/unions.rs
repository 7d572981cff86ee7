//! Unions (`oneOf`/`anyOf`) → tokens: an enum of the members, serialized as the member it holds.
//!
//! Decoding is written out. With a discriminator, the tag picks the member. Without one, the
//! members are tried in order and the first that decodes *and knows every key of the object*
//! wins; when none knows them all, the first that decodes does. serde's `untagged` takes the
//! first that decodes, so an object whose keys belong to a later member lost them to an earlier
//! member with optional fields.

use super::{doc_attrs, serde_derives, ty_tokens};
use crate::naming::ident;
use crate::types::{TypeDef, TypeTable, UnionVariant};
use proc_macro2::TokenStream;
use quote::quote;

/// A `oneOf`/`anyOf`: an untagged enum, decoded by its discriminator when it has one; each item
/// behind `cfg` (the type's).
pub(super) fn union_def(
    def: &TypeDef,
    variants: &[UnionVariant],
    discriminator: Option<&str>,
    table: &TypeTable,
    runtime: &TokenStream,
    cfg: &TokenStream,
) -> TokenStream {
    let name = ident(&def.name);
    let doc = doc_attrs(&def.doc);
    let members = variants.iter().map(|variant| {
        let variant_name = ident(&variant.name);
        let ty = ty_tokens(&variant.ty, &quote!(), table);
        let ty = if variant.boxed { quote!(Box<#ty>) } else { ty };
        let doc = variant.unknown.then(
            || quote!(#[doc = " A value no other member holds, as received: sent back unchanged."]),
        );
        quote! { #doc #variant_name(#ty), }
    });
    let mut derives = vec![quote!(Debug)];
    if def.clone_and_eq {
        derives.extend([quote!(Clone), quote!(PartialEq)]);
    }
    let mut serde = def.serde;
    let deserialize_impl = match discriminator {
        Some(property) if serde.deserialize => {
            serde.deserialize = false; // written by hand, not derived
            tagged_deserialize(&def.name, property, variants, runtime, cfg)
        }
        None if serde.deserialize => {
            serde.deserialize = false;
            untagged_deserialize(&def.name, variants, runtime, cfg)
        }
        _ => quote!(),
    };
    // A member sent with a tag its struct lacks: serializing is written by hand too.
    let serialize_impl = match (discriminator, serde.serialize) {
        (Some(property), true) if variants.iter().any(|v| v.written_tag.is_some()) => {
            serde.serialize = false;
            tagged_serialize(&def.name, property, variants, runtime, cfg)
        }
        _ => quote!(),
    };
    derives.extend(serde_derives(serde));
    let untagged = serde.any().then(|| quote!(#[serde(untagged)]));
    // A union that may meet members it does not know will list more of them once generated
    // again: other crates match it with a wildcard arm (aws-sdk-rust's enums, smithy-rs RFC 0039).
    let non_exhaustive = (variants.iter().any(|v| v.unknown)).then(|| quote!(#[non_exhaustive]));
    quote! {
        #doc
        #cfg
        #[derive(#(#derives),*)]
        #untagged
        #non_exhaustive
        pub enum #name { #(#members)* }
        #serialize_impl
        #deserialize_impl
    }
}

/// Serializing each member as itself, adding its tag to the members whose struct has no field
/// for the discriminator property.
fn tagged_serialize(
    type_name: &str,
    property: &str,
    variants: &[UnionVariant],
    runtime: &TokenStream,
    cfg: &TokenStream,
) -> TokenStream {
    let name = ident(type_name);
    let arms = variants.iter().map(|variant| {
        let variant_name = ident(&variant.name);
        match &variant.written_tag {
            Some(tag) => quote! {
                Self::#variant_name(member) => #runtime::serialize_with_tag(member, #property, #tag, serializer),
            },
            None => quote! {
                Self::#variant_name(member) => serde::Serialize::serialize(member, serializer),
            },
        }
    });
    quote! {
        #cfg
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    #(#arms)*
                }
            }
        }
    }
}

/// Decoding by discriminator: the member is the one the tag property names, so members that look
/// alike are never confused (a member serializes its own tag field, or [`tagged_serialize`] adds
/// the tag).
///
/// A tag several members answer to is decoded as an untagged union of just those; a value
/// without the tag, as one of the members that do not require it.
fn tagged_deserialize(
    type_name: &str,
    property: &str,
    variants: &[UnionVariant],
    runtime: &TokenStream,
    cfg: &TokenStream,
) -> TokenStream {
    let name = ident(type_name);
    let mut all_tags: Vec<&str> = Vec::new();
    for tag in variants.iter().flat_map(|v| &v.tags) {
        if !all_tags.contains(&tag.as_str()) {
            all_tags.push(tag);
        }
    }
    let decode = |variant: &UnionVariant| {
        let construct = construct(variant);
        quote!(serde_json::from_value(value).map(#construct).map_err(serde::de::Error::custom))
    };
    let groups = tag_groups(variants, &all_tags);
    let arms = groups.iter().map(|(tags, selected)| {
        let tags = tags.iter().map(|tag| quote!(Some(#tag)));
        let decode = match selected.as_slice() {
            [only] => decode(only),
            several => {
                let attempts = untagged_attempts(type_name, several, runtime);
                quote!({ #attempts })
            }
        };
        quote! { #(#tags)|* => #decode, }
    });
    // A tag no member answers to: the fallback member, or the unknown one, or else an error
    // naming the tags known.
    let unknown = variants.iter().find(|variant| variant.unknown);
    let otherwise = match variants.iter().find(|variant| variant.fallback) {
        Some(fallback) => {
            let decode = decode(fallback);
            quote! { _ => #decode, }
        }
        None => {
            // No tag: the members that may leave it out, or else an error.
            let tagless: Vec<&UnionVariant> = variants.iter().filter(|v| v.tag_optional).collect();
            let missing = match (tagless.as_slice(), unknown) {
                ([], Some(unknown)) => {
                    let name = ident(&unknown.name);
                    quote!(#runtime::unknown_member(value, #property, None).map(Self::#name))
                }
                ([], None) => quote!(Err(serde::de::Error::missing_field(#property))),
                ([only], _) => decode(only),
                (several, _) => {
                    let attempts = untagged_attempts(type_name, several, runtime);
                    quote!({ #attempts })
                }
            };
            let other = match unknown {
                Some(unknown) => {
                    let name = ident(&unknown.name);
                    quote! {
                        #runtime::unknown_member(value, #property, Some(other)).map(Self::#name)
                    }
                }
                None => quote!(Err(serde::de::Error::unknown_variant(other, &[#(#all_tags),*]))),
            };
            quote! {
                Some(other) => #other,
                None => #missing,
            }
        }
    };
    quote! {
        #cfg
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <serde_json::Value as serde::Deserialize>::deserialize(deserializer)?;
                let tag = value
                    .get(#property)
                    .and_then(serde_json::Value::as_str)
                    .map(ToString::to_string);
                match tag.as_deref() {
                    #(#arms)*
                    #otherwise
                }
            }
        }
    }
}

/// Tags (in the order they are first met) with the members each selects.
type TagGroups<'t, 'v> = Vec<(Vec<&'t str>, Vec<&'v UnionVariant>)>;

/// The tags that select the same members (the fallback aside), grouped to share an arm, in the
/// order the tags are first met; a tag that selects none is left out.
fn tag_groups<'t, 'v>(variants: &'v [UnionVariant], all_tags: &[&'t str]) -> TagGroups<'t, 'v> {
    let mut groups: TagGroups<'t, 'v> = Vec::new();
    for &tag in all_tags {
        let selected: Vec<&UnionVariant> = (variants.iter())
            .filter(|v| !v.fallback && v.tags.iter().any(|t| t == tag))
            .collect();
        let same = |members: &Vec<&UnionVariant>| {
            members
                .iter()
                .map(|m| &m.name)
                .eq(selected.iter().map(|m| &m.name))
        };
        match groups.iter_mut().find(|(_, members)| same(members)) {
            Some((tags, _)) => tags.push(tag),
            None if !selected.is_empty() => groups.push((vec![tag], selected)),
            None => {}
        }
    }
    groups
}

/// Decoding without a discriminator (see the module's doc), through the runtime's `Untagged`.
fn untagged_deserialize(
    type_name: &str,
    variants: &[UnionVariant],
    runtime: &TokenStream,
    cfg: &TokenStream,
) -> TokenStream {
    let name = ident(type_name);
    let attempts = untagged_attempts(type_name, &variants.iter().collect::<Vec<_>>(), runtime);
    quote! {
        #cfg
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <serde_json::Value as serde::Deserialize>::deserialize(deserializer)?;
                #attempts
            }
        }
    }
}

/// The statements that decode `value` as the first of `variants` that fits, through the runtime's
/// `Untagged`.
fn untagged_attempts(
    type_name: &str,
    variants: &[&UnionVariant],
    runtime: &TokenStream,
) -> TokenStream {
    let attempts = variants.iter().filter(|v| !v.unknown).map(|variant| {
        let label = &variant.name;
        let construct = construct(variant);
        match &variant.keys {
            Some(keys) if variant.closed => {
                quote! { members.try_closed_member(#label, &[#(#keys),*], #construct); }
            }
            Some(keys) => quote! { members.try_member(#label, Some(&[#(#keys),*]), #construct); },
            None => quote! { members.try_member(#label, None, #construct); },
        }
    });
    // What no member holds is the unknown member's, when the union has one.
    let finish = match variants.iter().find(|v| v.unknown) {
        Some(unknown) => {
            let name = ident(&unknown.name);
            quote!(members.finish_or_unknown(Self::#name))
        }
        None => quote!(members.finish()),
    };
    quote! {
        let mut members = #runtime::Untagged::new(#type_name, &value);
        #(#attempts)*
        #finish
    }
}

/// What makes the union's variant of a decoded member: `Self::Variant`, boxing it when it is boxed.
fn construct(variant: &UnionVariant) -> TokenStream {
    let variant_name = ident(&variant.name);
    if variant.boxed {
        quote!(|inner| Self::#variant_name(Box::new(inner)))
    } else {
        quote!(Self::#variant_name)
    }
}
