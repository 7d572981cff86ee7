//! An operation's [`HeadersStruct`] → the struct of its declared headers and the runtime's
//! `DeclaredHeaders` impl that reads it.

use super::Context;
use crate::naming::ident;
use crate::operations::{HeaderReading, HeadersStruct, Operation};
use crate::types::emit::{doc_attrs, redacted_debug, ty_tokens};
use crate::types::{Direction, Field};
use proc_macro2::TokenStream;
use quote::quote;

/// The struct and its reader.
pub fn headers_struct(
    headers: &HeadersStruct,
    operation: &Operation,
    cx: &Context<'_>,
) -> TokenStream {
    let runtime = cx.runtime;
    let types = quote!(types::);
    let name = ident(&headers.name);
    let fields: Vec<Field> = headers.fields.iter().map(header_field).collect();
    let field_tokens = headers.fields.iter().map(|header| {
        let doc = doc_attrs(&header.doc);
        let field_name = header.name.ident();
        let ty = ty_tokens(&header.ty, &types, cx.types);
        quote! { #doc pub #field_name: Option<#ty>, }
    });
    let reads = headers.fields.iter().map(|header| {
        let field_name = header.name.ident();
        let wire = &header.wire;
        match header.reading {
            HeaderReading::Value | HeaderReading::Text => quote!(#field_name: headers.get(#wire),),
            HeaderReading::List => quote!(#field_name: headers.list(#wire),),
        }
    });
    let has_secret = headers.fields.iter().any(|header| header.secret);
    let derive_debug = (!has_secret).then(|| quote!(Debug,));
    let clone_and_eq = operation.clone_and_eq.then(|| quote!(Clone, PartialEq,));
    let cfg = &cx.cfg;
    let debug_impl = has_secret.then(|| redacted_debug(&headers.name, &fields, runtime, cfg));
    let doc = format!(
        " The headers that the responses of [`Client::{}`] declare, typed.",
        operation.method_name.bare()
    );
    quote! {
        #[doc = #doc]
        #cfg
        #[derive(#derive_debug #clone_and_eq Default)]
        pub struct #name { #(#field_tokens)* }
        #debug_impl
        #cfg
        impl #runtime::DeclaredHeaders for #name {
            fn read(headers: &#runtime::HeaderReader<'_>) -> Self {
                Self { #(#reads)* }
            }
        }
    }
}

/// A header seen as an optional struct field, for the redacting `Debug`.
fn header_field(header: &crate::operations::ResponseHeader) -> Field {
    Field {
        name: header.name.clone(),
        wire: header.wire.clone(),
        ty: header.ty.clone(),
        required: false,
        nullable: false,
        spec_default: None,
        default: None,
        zero_default: false,
        doc: header.doc.clone(),
        secret: header.secret,
        boxed: false,
        deprecated: false,
        additional: false,
        tri_state: false,
        must_be_present: false,
        direction: Direction::Both,
    }
}
