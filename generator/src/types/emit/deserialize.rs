//! `Deserialize` of a struct, written out rather than derived (see the runtime's `DecodeStruct`
//! for why): a slot per field, filled key by key.

use super::{field_type, text_codec, ty_tokens};
use crate::naming::ident;
use crate::types::{Direction, Field, Ty, TypeTable};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use std::collections::BTreeSet;

/// The struct `type_name`'s `Deserialize` and `DecodeStruct` impls, each field's missing key
/// made what `when_missing` says, each impl behind `cfg` (the struct's).
pub(super) fn struct_decoder(
    type_name: &str,
    fields: &[Field],
    when_missing: &[Missing],
    table: &TypeTable,
    runtime: &TokenStream,
    cfg: &TokenStream,
) -> TokenStream {
    let binary: Vec<Option<Ty>> = fields.iter().map(|f| table.text_codec_in(&f.ty)).collect();
    let slot_types: Vec<TokenStream> = fields
        .iter()
        .zip(when_missing)
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
        when_missing,
        slot_types: &slot_types,
    };
    struct_deserialize(type_name, fields, &decoding, runtime, cfg)
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
pub(super) enum Missing {
    /// A "missing field" error (or `None`, for a named type that is an `Option` underneath).
    Required,
    /// A "missing field" error, whatever the type ([`crate::types::Field::must_be_present`]).
    Present,
    /// The type's `Default`: `None` (an optional field).
    ZeroValue,
    /// A required field filled in with its type's `Default` (`None` for a nullable one, or the
    /// spec's default when it is the zero value), except while an untagged union tries members
    /// (the runtime's `filled`).
    FilledZero,
    /// A required field filled in with the spec's default, from this function of the `defaults`
    /// module, except while an untagged union tries members.
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
    cfg: &TokenStream,
) -> TokenStream {
    let name = ident(type_name);
    let slots = slot_names(fields);
    let read_entries = read_entries(fields, &slots, decoding, runtime);
    let construct = construct(fields, &slots, decoding.when_missing, runtime);
    quote! {
        #cfg
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                #runtime::decode_struct(deserializer)
            }
        }

        #cfg
        impl #runtime::DecodeStruct for #name {
            const NAME: &'static str = #type_name;
            fn decode<'de, A: serde::de::MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
                #read_entries
                #construct
            }
        }
    }
}

/// The slot of each field: named after it, kept apart from the loop's own `map` and `key`, and
/// given a word when the field has none (`_1`, from GitHub's `+1`, is a field name clippy
/// accepts but not a variable name).
fn slot_names(fields: &[Field]) -> Vec<proc_macro2::Ident> {
    let mut taken: BTreeSet<String> = ["map", "key", "read"].map(String::from).into();
    taken.extend(fields.iter().map(|f| f.name.bare().to_owned()));
    fields
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
        .collect()
}

/// The decoder's statements before the struct is built: a slot per field, and the loop that
/// reads each key's value into its slot.
fn read_entries(
    fields: &[Field],
    slots: &[proc_macro2::Ident],
    decoding: &Decoding<'_>,
    runtime: &TokenStream,
) -> TokenStream {
    let Decoding {
        binary, slot_types, ..
    } = *decoding;
    // The keys beyond the declared properties go to the `additional` field's map, if any.
    let additional = fields
        .iter()
        .zip(slots)
        .zip(binary)
        .zip(slot_types)
        .find(|(((field, _), _), _)| field.additional)
        .map(|(((_, slot), binary), ty)| (slot, binary.as_ref(), ty));
    // A writeOnly property is never read back: its key, if a server sends it, is skipped.
    let declared: Vec<(&Field, &proc_macro2::Ident, Option<&Ty>, &TokenStream)> = fields
        .iter()
        .zip(slots)
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
    // A writeOnly property's key is known, not kept; any other key is unknown (an untagged
    // union's member with fewer unknown keys at any depth is the better one: the runtime's
    // `Untagged`).
    let write_only: Vec<&str> = (fields.iter())
        .filter(|field| field.direction == Direction::WriteOnly)
        .map(|field| field.wire.as_str())
        .collect();
    let other_keys = match &keep_other {
        Some(keep) => quote!(_ => { #keep Ok(()) }),
        None => quote! {
            #(#write_only => #runtime::skip_value(&mut map),)*
            _ => #runtime::skip_unknown(&mut map),
        },
    };
    let additional_slot = additional
        .map(|(slot, _, ty)| quote!(let mut #slot: #ty = ::std::collections::BTreeMap::new();));
    // No key is read into anything (no fields, or only writeOnly ones): every entry is skipped.
    if declared.is_empty() && additional.is_none() {
        quote! {
            #runtime::skip_entries(&mut map, &[#(#write_only),*])?;
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
                Missing::Required | Missing::Present => {
                    let function = match missing {
                        Missing::Present => quote!(present),
                        _ => quote!(required),
                    };
                    required.push((slot, field.wire.as_str(), function));
                    match shorthand {
                        true => return quote!(#field_name,),
                        false => quote!(#slot),
                    }
                }
                Missing::ZeroValue => quote!(#slot.unwrap_or_default()),
                Missing::FilledZero => {
                    required.push((slot, field.wire.as_str(), quote!(filled)));
                    quote!(#slot.unwrap_or_default())
                }
                Missing::Default(function) => {
                    required.push((slot, field.wire.as_str(), quote!(filled)));
                    quote!(#slot.unwrap_or_else(#function))
                }
                Missing::Slot if shorthand => return quote!(#field_name,),
                Missing::Slot => quote!(#slot),
            };
            quote!(#field_name: #value,)
        })
        .collect();
    let required_slots: Vec<_> = required.iter().map(|(slot, _, _)| *slot).collect();
    let checks = required
        .iter()
        .map(|(slot, wire, function)| quote!(#runtime::#function(#slot, #wire)));
    match required_slots.as_slice() {
        [] => quote!(Ok(Self { #(#values)* })),
        [slot] => quote! {
            let #slot = #(#checks)*.map_err(#runtime::Missing::into_error)?;
            Ok(Self { #(#values)* })
        },
        _ => quote! {
            match (#(#checks,)*) {
                (#(Ok(#required_slots),)*) => Ok(Self { #(#values)* }),
                (#(#required_slots,)*) => Err(#runtime::first_missing([#(#required_slots.err()),*])),
            }
        },
    }
}
