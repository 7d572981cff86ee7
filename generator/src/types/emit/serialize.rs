//! `Serialize` of a struct, written out: a chain of the runtime's `StructFields` calls.

use crate::types::{Direction, Field, TypeTable};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// Whether a struct's `Serialize` is written out by [`struct_serialize`]; a struct with an
/// `additionalProperties` map keeps serde's derive, whose `flatten` writes the map's entries
/// beside the fields.
pub(super) fn writes_serialize(fields: &[Field]) -> bool {
    !fields.iter().any(|field| field.additional)
}

/// Whether serialization leaves the field out when it is `None`: an optional field with no
/// default (with one, `None` is what `null` decodes to, so it is written as `null`: left out,
/// the receiver would read the default).
pub(super) fn skipped_when_none(field: &Field) -> bool {
    field.is_option() && !field.required && field.default.is_none()
}

/// `impl Serialize` of struct `type_name`: each field under its key, as the derive with the
/// fields' `rename`, `skip_serializing` (readOnly fields, never sent),
/// `skip_serializing_if = "Option::is_none"` and `serialize_with` (bytes, base64, `time`
/// date-times) would write it; behind `cfg` (the struct's).
pub(super) fn struct_serialize(
    type_name: &str,
    fields: &[Field],
    table: &TypeTable,
    runtime: &TokenStream,
    cfg: &TokenStream,
) -> TokenStream {
    let name = crate::naming::ident(type_name);
    let sent: Vec<&Field> = fields
        .iter()
        .filter(|field| field.direction != Direction::ReadOnly)
        .collect();
    let always = sent
        .iter()
        .filter(|field| !skipped_when_none(field))
        .count();
    let mut present_counts = Vec::new();
    let calls = sent.iter().map(|field| {
        let member = field.name.ident();
        let wire = field.wire.as_str();
        let value = match table.text_codec_in(&field.ty) {
            None => quote!(&self.#member),
            Some(bytes) => {
                let function = format_ident!("write_{}", super::text_codec(&bytes));
                quote!(&#runtime::#function(&self.#member))
            }
        };
        match skipped_when_none(field) {
            true => {
                let present = quote!(self.#member.is_some());
                present_counts.push(quote!(usize::from(#present)));
                quote!(.field_if(#present, #wire, #value))
            }
            false => quote!(.field(#wire, #value)),
        }
    });
    let calls: Vec<TokenStream> = calls.collect();
    // `0 + …` would be clippy's `identity_op` in the user's build.
    let always_literal = proc_macro2::Literal::usize_unsuffixed(always);
    let len = match (always, present_counts.as_slice()) {
        (_, []) => quote!(#always_literal),
        (0, [first, rest @ ..]) => quote!(#first #(+ #rest)*),
        (_, counts) => quote!(#always_literal #(+ #counts)*),
    };
    quote! {
        #cfg
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let len = #len;
                #runtime::serialize_struct(serializer, #type_name, len)
                    #(#calls)*
                    .end()
            }
        }
    }
}
