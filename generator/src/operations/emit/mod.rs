//! [`Operation`]s → client methods and the items each one owns.

mod dispatch;
mod headers;
mod pages;
mod request;

use crate::docs::doc_lines;
use crate::naming::ident;
use crate::operations::{
    Body, Media, MethodView, Operation, Outcome, Param, ParamShape, Status, Success,
};
use crate::types::emit::{doc_attrs, redacted_debug, ty_tokens};
use crate::types::{Field, TypeTable};
use dispatch::response_arms;
use proc_macro2::TokenStream;
use quote::quote;

/// What the emitter needs besides the operation: the runtime's path, the types' names and the
/// `#[cfg]` of the operation's features.
pub struct Context<'a> {
    /// Path of the runtime crate (`::oapigen_runtime`).
    pub runtime: &'a TokenStream,
    /// Every type of the `types` module.
    pub types: &'a TypeTable,
    /// The `#[cfg]` that each item and method of the operation carries after its doc (nothing
    /// without features per tag).
    pub cfg: TokenStream,
}

impl<'a> Context<'a> {
    /// A context for an operation of the module whose runtime and types these are, standing
    /// behind `features` ([`Operation::features`]).
    pub fn new(runtime: &'a TokenStream, types: &'a TypeTable, features: &[String]) -> Self {
        let cfg = crate::emit::cfg_attr(&[features]);
        Context {
            runtime,
            types,
            cfg,
        }
    }
}

/// The items an operation owns at module level: its params struct, success enum and error enum.
pub fn operation_items(operation: &Operation, cx: &Context<'_>) -> TokenStream {
    let mut items = TokenStream::new();
    let method = operation.method_name.bare();
    if let Some(params) = &operation.params_struct {
        items.extend(match &params.same_as {
            Some(shared) => alias(
                &params.name,
                shared,
                &format!(" Parameters of [`Client::{method}`]"),
                cx,
            ),
            None => params_struct(&params.name, params.derive_default, operation, cx),
        });
    }
    if let Success::Enum(name) = &operation.success {
        let successes: Vec<&Outcome> = operation
            .responses
            .iter()
            .filter(|o| o.status.is_success())
            .collect();
        let doc = format!(
            " The successful responses of [`Client::{}`].",
            operation.method_name.bare()
        );
        items.extend(outcome_enum(
            name,
            &doc,
            &successes,
            false,
            operation.clone_and_eq,
            cx,
        ));
    }
    if let Some(headers) = &operation.headers_struct {
        items.extend(match &headers.same_as {
            Some(shared) => {
                let what =
                    format!(" The headers that the responses of [`Client::{method}`] declare");
                alias(&headers.name, shared, &what, cx)
            }
            None => headers::headers_struct(headers, operation, cx),
        });
    }
    if let Some(error_enum) = &operation.error_enum {
        let name = &error_enum.name;
        if let Some(shared) = &error_enum.same_as {
            let what = format!(" The error responses documented for [`Client::{method}`]");
            items.extend(alias(name, shared, &what, cx));
        } else {
            let doc = format!(" The error responses documented for [`Client::{method}`].");
            items.extend(outcome_enum(
                name,
                &doc,
                &error_outcomes(operation),
                true,
                operation.clone_and_eq,
                cx,
            ));
        }
    }
    items
}

/// `pub type NAME = SHARED;`, documented as `what` is the same as `SHARED`'s.
fn alias(name: &str, shared: &str, what: &str, cx: &Context<'_>) -> TokenStream {
    let doc = format!("{what}: the same as [`{shared}`]'s.");
    let (name, shared, cfg) = (ident(name), ident(shared), &cx.cfg);
    quote! { #[doc = #doc] #cfg pub type #name = #shared; }
}

fn error_outcomes(operation: &Operation) -> Vec<&Outcome> {
    operation
        .responses
        .iter()
        .filter(|o| !o.status.is_success())
        .collect()
}

fn params_struct(
    name: &str,
    derive_default: bool,
    operation: &Operation,
    cx: &Context<'_>,
) -> TokenStream {
    let ident_name = ident(name);
    let types = quote!(types::);
    let fields: Vec<Field> = operation.params.iter().map(Param::as_field).collect();
    let field_tokens = operation.params.iter().zip(&fields).map(|(param, field)| {
        let doc = doc_attrs(&param.doc);
        let field_name = param.name.ident();
        let ty = crate::types::emit::field_type(field, &types, cx.types);
        quote! { #doc pub #field_name: #ty, }
    });
    let derive_default = derive_default.then(|| quote!(Default,));
    let clone_and_eq = operation.clone_and_eq.then(|| quote!(Clone, PartialEq,));
    let has_secret = operation.params.iter().any(|param| param.secret);
    let derive_debug = (!has_secret).then(|| quote!(Debug,));
    let debug_impl = has_secret.then(|| redacted_debug(name, &fields, cx.runtime, &cx.cfg));
    let doc = format!(
        " Parameters of [`Client::{}`].",
        operation.method_name.bare()
    );
    let cfg = &cx.cfg;
    quote! {
        #[doc = #doc]
        #cfg
        #[derive(#derive_debug #clone_and_eq #derive_default)]
        pub struct #ident_name { #(#field_tokens)* }
        #debug_impl
    }
}

/// The payload type of a response body in an enum variant, boxed as [`Body::boxed`] says.
fn payload_type(body: &Body, types: &TokenStream, table: &TypeTable) -> TokenStream {
    let ty = ty_tokens(&body.ty, types, table);
    if body.boxed {
        quote!(Box<#ty>)
    } else {
        ty
    }
}

pub(super) fn carries_status(status: Status) -> bool {
    matches!(status, Status::Range(_) | Status::Default)
}

/// The enum of `outcomes` (success or error responses), with `Display` and `Error` when
/// `is_error`.
fn outcome_enum(
    name: &str,
    doc: &str,
    outcomes: &[&Outcome],
    is_error: bool,
    clone_and_eq: bool,
    cx: &Context<'_>,
) -> TokenStream {
    let (types, cfg) = (quote!(types::), &cx.cfg);
    let enum_name = ident(name);
    let variants = outcomes.iter().map(|outcome| {
        let variant = ident(&outcome.variant);
        let mut label = status_label(outcome.status);
        // A status typed apart by media type: which types this variant is read from.
        let shared = outcomes
            .iter()
            .filter(|o| o.status == outcome.status)
            .count()
            > 1;
        if let Some(body) = outcome.body.as_ref().filter(|_| shared) {
            let types: Vec<String> = body.read_from.iter().map(|t| format!("`{t}`")).collect();
            label = format!(
                "{}, as {}.",
                label.trim_end_matches('.'),
                types.join(" or ")
            );
        }
        let mut doc = vec![format!(" {label}")];
        let description = doc_lines(&outcome.description);
        if !description.is_empty() {
            doc.push(String::new());
            doc.extend(description);
        }
        let doc = doc_attrs(&doc);
        let payload = outcome
            .body
            .as_ref()
            .map(|body| payload_type(body, &types, cx.types));
        match (carries_status(outcome.status), payload) {
            (false, None) => quote! { #doc #variant, },
            (false, Some(payload)) => quote! { #doc #variant(#payload), },
            (true, None) => quote! { #doc #variant { /// The status code.
            status: u16 }, },
            (true, Some(payload)) => quote! { #doc #variant { /// The status code.
            status: u16, /// The body.
            body: #payload }, },
        }
    });
    let error_impls = is_error.then(|| error_impls(&enum_name, outcomes, cfg));
    let clone_and_eq = clone_and_eq.then(|| quote!(Clone, PartialEq,));
    quote! {
        #[doc = #doc]
        #cfg
        #[derive(Debug, #clone_and_eq)]
        pub enum #enum_name { #(#variants)* }
        #error_impls
    }
}

/// `Display` (each error's status and the first line of its description) and `Error` of the
/// error enum `enum_name`.
fn error_impls(
    enum_name: &proc_macro2::Ident,
    outcomes: &[&Outcome],
    cfg: &TokenStream,
) -> TokenStream {
    let arms = outcomes.iter().map(|outcome| {
        let variant = ident(&outcome.variant);
        let description = outcome.description.lines().next().unwrap_or("").trim();
        let pattern = match (carries_status(outcome.status), outcome.body.is_some()) {
            (false, false) => quote!(Self::#variant),
            (false, true) => quote!(Self::#variant(_)),
            (true, _) => quote!(Self::#variant { status, .. }),
        };
        match outcome.status {
            Status::Code(code) => {
                let text = if description.is_empty() {
                    format!("status {code}")
                } else {
                    format!("status {code}: {description}")
                };
                quote!(#pattern => f.write_str(#text),)
            }
            _ => {
                let escaped = description.replace('{', "{{").replace('}', "}}");
                let format = if description.is_empty() {
                    "status {status}".to_owned()
                } else {
                    format!("status {{status}}: {escaped}")
                };
                quote!(#pattern => write!(f, #format),)
            }
        }
    });
    quote! {
        #cfg
        impl ::std::fmt::Display for #enum_name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self { #(#arms)* }
            }
        }
        #cfg
        impl ::std::error::Error for #enum_name {}
    }
}

fn status_label(status: Status) -> String {
    match status {
        Status::Code(code) => format!("Status {code}."),
        Status::Range(range) => format!("Any status {range}xx."),
        Status::Default => "Any other status (the spec's `default` response).".to_owned(),
    }
}

/// The client method of an operation.
pub fn method(operation: &Operation, view: MethodView<'_>, cx: &Context<'_>) -> TokenStream {
    let runtime = cx.runtime;
    let name = view.name.ident();
    let doc = doc_attrs(view.doc);
    let deprecated = operation.deprecated.then(|| quote!(#[deprecated]));
    let args = method_args(operation, cx);
    let mut statements = request::request_statements(operation, view.accept, cx);
    // Text and bytes are taken out of the response; JSON is read in place.
    let takes_body = view.responses.iter().any(|outcome| {
        outcome
            .body
            .as_ref()
            .is_some_and(|body| body.media != Media::Json && body.media != Media::Form)
    });
    let binding = match takes_body {
        true => quote!(mut response),
        false => quote!(response),
    };
    let streamed = dispatch::streamed_statuses(view.responses);
    let request = match streamed.is_empty() {
        true => quote!(request),
        false => quote!(request.stream_statuses(&[#(#streamed),*])),
    };
    let arms = response_arms(operation, view);
    let body = success_type(view.success, cx);
    let decode = quote!(|#binding| match response.status() { #(#arms)* });
    // A `_pages` method's `Pages<T, I, E, H>` has the item type after the body's.
    let (returned, item) = match view.pages {
        Some(pagination) => {
            let paging = pages::paging(pagination, &body, cx);
            statements.push(quote!(#request.pages(#decode, #paging)));
            let item = ty_tokens(&pagination.item, &quote!(types::), cx.types);
            (quote!(Pages), Some(quote!(#item,)))
        }
        None => {
            statements.push(quote!(#request.call(#decode)));
            (quote!(Call), None)
        }
    };
    // `Call<T, E, H>`, the parameters the runtime defaults (no error enum, no headers) left out.
    let headers = operation
        .headers_struct
        .as_ref()
        .map(|headers| ident(&headers.name));
    let error_enum = operation
        .error_enum
        .as_ref()
        .map(|error| ident(&error.name));
    let call_parameters = match (error_enum, headers) {
        (None, None) => quote!(#body, #item),
        (Some(error_enum), None) => quote!(#body, #item #error_enum),
        (None, Some(headers)) => quote!(#body, #item ::std::convert::Infallible, #headers),
        (Some(error_enum), Some(headers)) => quote!(#body, #item #error_enum, #headers),
    };
    // `#[inline]`: compiled where it is called, not in the client's crate. A method's `Call`
    // boxes its future as `dyn Future`, which makes rustc generate the machine code of sending and
    // decoding (serde's, for every type the responses reach) wherever the method is compiled:
    // for every operation, if the methods were compiled with the client (Slack's crate: `cargo
    // build` 9.2 s instead of 3.9 s), for those a program calls, this way.
    let cfg = &cx.cfg;
    quote! {
        #doc
        #cfg
        #deprecated
        #[inline]
        pub fn #name(&self, #(#args),*) -> #runtime::#returned<#call_parameters> {
            #(#statements)*
        }
    }
}

/// The method's arguments: the params struct or each parameter as its shape passes it, then the
/// body.
fn method_args(operation: &Operation, cx: &Context<'_>) -> Vec<TokenStream> {
    let types = quote!(types::);
    let mut args = Vec::new();
    if let Some(params_struct) = &operation.params_struct {
        let params_ident = ident(&params_struct.name);
        args.push(quote!(params: &#params_ident));
    } else {
        for param in &operation.params {
            let param_name = param.name.ident();
            let ty = match &param.shape {
                ParamShape::Text => quote!(&str),
                ParamShape::Copy | ParamShape::Owned => ty_tokens(&param.ty, &types, cx.types),
                ParamShape::List { item } => {
                    let item = ty_tokens(item, &types, cx.types);
                    quote!(&[#item])
                }
                ParamShape::Json => {
                    let ty = ty_tokens(&param.ty, &types, cx.types);
                    quote!(&#ty)
                }
            };
            args.push(quote!(#param_name: #ty));
        }
    }
    if let Some(body) = &operation.body {
        let ty = match body.media {
            Media::Text | Media::EventStream => quote!(&str),
            Media::Bytes => quote!(Vec<u8>),
            Media::Json | Media::Form | Media::Multipart => {
                let ty = ty_tokens(&body.ty, &types, cx.types);
                quote!(&#ty)
            }
        };
        let ty = if body.required {
            ty
        } else {
            quote!(Option<#ty>)
        };
        args.push(quote!(body: #ty));
    }
    args
}

fn success_type(success: &Success, cx: &Context<'_>) -> TokenStream {
    let (types, runtime) = (quote!(types::), cx.runtime);
    match success {
        Success::Single(None) => quote!(()),
        Success::Single(Some(body)) => {
            let ty = ty_tokens(&body.ty, &types, cx.types);
            match (body.streamed, body.media) {
                (true, Media::EventStream) => quote!(#runtime::EventStream<#ty>),
                (true, _) => quote!(#runtime::ByteStream),
                (false, _) => ty,
            }
        }
        Success::Enum(name) => {
            let name = ident(name);
            quote!(#name)
        }
    }
}
