//! [`Operation`]s → client methods and the items each one owns.

mod dispatch;
mod headers;

use crate::docs::doc_lines;
use crate::naming::ident;
use crate::operations::{
    Body, FormStyle, Location, Media, MethodView, MultipartPart, Operation, Outcome, Param,
    ParamShape, PartKind, PathPart, SchemeUse, Status, Success,
};
use crate::types::emit::{doc_attrs, redacted_debug, ty_tokens};
use crate::types::{Field, TypeTable};
use dispatch::response_arms;
use proc_macro2::TokenStream;
use quote::quote;

/// What the emitter needs besides the operation: the runtime's path and the types' names.
pub struct Context<'a> {
    /// Path of the runtime crate (`::oapigen_runtime`).
    pub runtime: &'a TokenStream,
    /// Every type of the `types` module.
    pub types: &'a TypeTable,
}

impl<'a> Context<'a> {
    /// A context for the module whose runtime and types these are.
    pub fn new(runtime: &'a TokenStream, types: &'a TypeTable) -> Self {
        Context { runtime, types }
    }
}

/// The items an operation owns at module level: its params struct, success enum and error enum.
pub fn operation_items(operation: &Operation, cx: &Context<'_>) -> TokenStream {
    let types = quote!(types::);
    let mut items = TokenStream::new();
    let method = operation.method_name.bare();
    if let Some(params) = &operation.params_struct {
        items.extend(match &params.same_as {
            Some(shared) => alias(
                &params.name,
                shared,
                &format!(" Parameters of [`Client::{method}`]"),
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
            &types,
            cx.types,
            false,
            operation.clone_and_eq,
        ));
    }
    if let Some(headers) = &operation.headers_struct {
        items.extend(match &headers.same_as {
            Some(shared) => {
                let what =
                    format!(" The headers that the responses of [`Client::{method}`] declare");
                alias(&headers.name, shared, &what)
            }
            None => headers::headers_struct(headers, operation, cx),
        });
    }
    if let Some(error_enum) = &operation.error_enum {
        let name = &error_enum.name;
        if let Some(shared) = &error_enum.same_as {
            let what = format!(" The error responses documented for [`Client::{method}`]");
            items.extend(alias(name, shared, &what));
        } else {
            let doc = format!(" The error responses documented for [`Client::{method}`].");
            items.extend(outcome_enum(
                name,
                &doc,
                &error_outcomes(operation),
                &types,
                cx.types,
                true,
                operation.clone_and_eq,
            ));
        }
    }
    items
}

/// `pub type NAME = SHARED;`, documented as `what` is the same as `SHARED`'s.
fn alias(name: &str, shared: &str, what: &str) -> TokenStream {
    let doc = format!("{what}: the same as [`{shared}`]'s.");
    let (name, shared) = (ident(name), ident(shared));
    quote! { #[doc = #doc] pub type #name = #shared; }
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
    let debug_impl = has_secret.then(|| redacted_debug(name, &fields, cx.runtime));
    let doc = format!(
        " Parameters of [`Client::{}`].",
        operation.method_name.bare()
    );
    quote! {
        #[doc = #doc]
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

fn outcome_enum(
    name: &str,
    doc: &str,
    outcomes: &[&Outcome],
    types: &TokenStream,
    table: &TypeTable,
    is_error: bool,
    clone_and_eq: bool,
) -> TokenStream {
    let enum_name = ident(name);
    let variants = outcomes.iter().map(|outcome| {
        let variant = ident(&outcome.variant);
        let mut doc = vec![format!(" {}", status_label(outcome.status))];
        let description = doc_lines(&outcome.description);
        if !description.is_empty() {
            doc.push(String::new());
            doc.extend(description);
        }
        let doc = doc_attrs(&doc);
        let payload = outcome
            .body
            .as_ref()
            .map(|body| payload_type(body, types, table));
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
    let display = is_error.then(|| {
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
            impl ::std::fmt::Display for #enum_name {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    match self { #(#arms)* }
                }
            }
            impl ::std::error::Error for #enum_name {}
        }
    });
    let clone_and_eq = clone_and_eq.then(|| quote!(Clone, PartialEq,));
    quote! {
        #[doc = #doc]
        #[derive(Debug, #clone_and_eq)]
        pub enum #enum_name { #(#variants)* }
        #display
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
    let mut statements = request_statements(operation, view.accept, cx);
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
    statements.push(quote!(#request.call(|#binding| match response.status() { #(#arms)* })));
    // `Call<T, E, H>`, the parameters the runtime defaults (no error enum, no headers) left out.
    let body = success_type(view.success, cx);
    let headers = operation
        .headers_struct
        .as_ref()
        .map(|headers| ident(&headers.name));
    let error_enum = operation
        .error_enum
        .as_ref()
        .map(|error| ident(&error.name));
    let call_parameters = match (error_enum, headers) {
        (None, None) => quote!(#body),
        (Some(error_enum), None) => quote!(#body, #error_enum),
        (None, Some(headers)) => quote!(#body, ::std::convert::Infallible, #headers),
        (Some(error_enum), Some(headers)) => quote!(#body, #error_enum, #headers),
    };
    // `#[inline]`: compiled where it is called, not in the client's crate. A method's `Call`
    // boxes its future as `dyn Future`, which makes rustc generate the machine code of sending and
    // decoding (serde's, for every type the responses reach) wherever the method is compiled:
    // for every operation, if the methods were compiled with the client (Slack's crate: `cargo
    // build` 9.2 s instead of 3.9 s), for those a program calls, this way.
    quote! {
        #doc
        #deprecated
        #[inline]
        pub fn #name(&self, #(#args),*) -> #runtime::Call<#call_parameters> {
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
                ParamShape::Copy => ty_tokens(&param.ty, &types, cx.types),
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

/// The statements that build `request`: method and path, `Accept`, parameters, body, credentials.
fn request_statements(
    operation: &Operation,
    accept: Option<&str>,
    cx: &Context<'_>,
) -> Vec<TokenStream> {
    let http_method = ident(&operation.http_method);
    let mut request = match path_pieces(operation, cx) {
        None => {
            let path: String = operation
                .path
                .iter()
                .map(|part| match part {
                    PathPart::Literal(text) => text.as_str(),
                    PathPart::Param(_) => "",
                })
                .collect();
            quote!(self.core.request(reqwest::Method::#http_method, #path))
        }
        Some(pieces) => {
            quote!(self.core.request_path(reqwest::Method::#http_method, &[#(#pieces),*]))
        }
    };
    if let Some(accept) = accept {
        request = quote!(#request.accept(#accept));
    }
    for param in operation
        .params
        .iter()
        .filter(|p| p.location != Location::Path)
    {
        request = add_param(request, param, operation.params_struct.is_some(), cx);
    }
    let mut statements = vec![quote!(let request = #request;)];
    if let Some(body) = &operation.body {
        let attach = match body.media {
            Media::Json => {
                let content_type = &body.content_type;
                quote!(request.json(body, #content_type))
            }
            Media::Form => {
                let runtime = cx.runtime;
                let styles = body.form_styles.iter().map(|(name, style)| {
                    let style = match style {
                        FormStyle::Joined(separator) => {
                            quote!(#runtime::FormStyle::Joined(#separator))
                        }
                        FormStyle::DeepObject => quote!(#runtime::FormStyle::DeepObject),
                    };
                    quote!((#name, #style))
                });
                quote!(request.form(body, &[#(#styles),*]))
            }
            Media::Multipart => {
                let form = multipart_form(body, cx);
                quote!(request.multipart(#form))
            }
            Media::Text | Media::EventStream => {
                let content_type = &body.content_type;
                quote!(request.raw(#content_type, body.to_owned()))
            }
            Media::Bytes => {
                let content_type = &body.content_type;
                quote!(request.raw(#content_type, body))
            }
        };
        statements.push(if body.required {
            quote!(let request = #attach;)
        } else {
            quote!(let request = match body { Some(body) => #attach, None => request };)
        });
    }
    if !operation.security.is_empty() {
        let alternatives = operation.security.iter().map(|schemes| {
            let schemes = schemes
                .iter()
                .map(|scheme| scheme_tokens(scheme, cx.runtime));
            quote!(&[#(#schemes),*])
        });
        statements.push(quote!(let request = self.core.authorize(request, &[#(#alternatives),*]);));
    }
    statements
}

/// The multipart form of a body struct: one part per property that is set, as
/// [`Body::parts`] says.
fn multipart_form(body: &Body, cx: &Context<'_>) -> TokenStream {
    let runtime = cx.runtime;
    let parts = body.parts.iter().map(|part| {
        let MultipartPart {
            field,
            wire,
            kind,
            optional,
            tri_state,
            content_type,
        } = part;
        let name = field.ident();
        // Text parts take an optional type; bytes and JSON always have one.
        let typed = content_type.clone().unwrap_or_default();
        let text_type = match content_type {
            Some(content_type) => quote!(Some(#content_type)),
            None => quote!(None),
        };
        if *tri_state {
            return match kind {
                PartKind::Bytes => {
                    quote!(.bytes_opt(#wire, body.#name.clone().flatten(), #typed))
                }
                PartKind::Text => quote!(.text_opt(
                    #wire,
                    body.#name.as_ref().and_then(Option::as_deref),
                    #text_type
                )),
                PartKind::Copy => quote!(.text_opt(#wire, body.#name.flatten(), #text_type)),
                PartKind::List => quote!(.text_list(
                    #wire,
                    body.#name.as_ref().and_then(Option::as_deref).unwrap_or_default(),
                    #text_type
                )),
                PartKind::BytesList => quote!(.bytes_list(
                    #wire,
                    body.#name.as_ref().and_then(Option::as_deref).unwrap_or_default(),
                    #typed
                )),
                PartKind::Json => quote!(.json_opt(
                    #wire,
                    body.#name.as_ref().and_then(Option::as_ref),
                    #typed
                )),
                PartKind::Base64 => quote!(.base64_opt(
                    #wire,
                    body.#name.as_ref().and_then(Option::as_deref),
                    #text_type
                )),
            };
        }
        match (kind, optional) {
            (PartKind::Base64, false) => quote!(.base64_opt(#wire, Some(&body.#name), #text_type)),
            (PartKind::Base64, true) => {
                quote!(.base64_opt(#wire, body.#name.as_deref(), #text_type))
            }
            (PartKind::Bytes, false) => quote!(.bytes(#wire, body.#name.clone(), #typed)),
            (PartKind::Bytes, true) => quote!(.bytes_opt(#wire, body.#name.clone(), #typed)),
            (PartKind::Text, false) => quote!(.text(#wire, &body.#name, #text_type)),
            (PartKind::Text, true) => quote!(.text_opt(#wire, body.#name.as_deref(), #text_type)),
            (PartKind::Copy, false) => quote!(.text(#wire, body.#name, #text_type)),
            (PartKind::Copy, true) => quote!(.text_opt(#wire, body.#name, #text_type)),
            (PartKind::List, false) => quote!(.text_list(#wire, &body.#name, #text_type)),
            (PartKind::List, true) => quote!(.text_list(
                #wire,
                body.#name.as_deref().unwrap_or_default(),
                #text_type
            )),
            (PartKind::BytesList, false) => quote!(.bytes_list(#wire, &body.#name, #typed)),
            (PartKind::BytesList, true) => quote!(.bytes_list(
                #wire,
                body.#name.as_deref().unwrap_or_default(),
                #typed
            )),
            (PartKind::Json, false) => quote!(.json(#wire, &body.#name, #typed)),
            (PartKind::Json, true) => quote!(.json_opt(#wire, body.#name.as_ref(), #typed)),
        }
    });
    quote!(#runtime::Multipart::new() #(#parts)*)
}

fn scheme_tokens(scheme: &SchemeUse, runtime: &TokenStream) -> TokenStream {
    match scheme {
        SchemeUse::Basic => quote!(#runtime::Scheme::Basic),
        SchemeUse::Bearer => quote!(#runtime::Scheme::Bearer),
        SchemeUse::ApiKey {
            scheme,
            location,
            name,
        } => {
            let location = match location {
                Location::Query => quote!(#runtime::ApiKeyLocation::Query),
                Location::Cookie => quote!(#runtime::ApiKeyLocation::Cookie),
                _ => quote!(#runtime::ApiKeyLocation::Header),
            };
            quote!(#runtime::Scheme::ApiKey { scheme: #scheme, location: #location, name: #name })
        }
    }
}

/// The pieces of the request path when it has parameters (`None`: the path is literal): the
/// template's text, and each parameter encoded (or refused, by the runtime) under its name.
fn path_pieces(operation: &Operation, cx: &Context<'_>) -> Option<Vec<TokenStream>> {
    let runtime = cx.runtime;
    if !operation
        .path
        .iter()
        .any(|part| matches!(part, PathPart::Param(_)))
    {
        return None;
    }
    let pieces = operation.path.iter().map(|part| match part {
        PathPart::Literal(text) => quote!(#text.into()),
        PathPart::Param(index) => {
            let param = &operation.params[*index];
            let wire = &param.wire;
            let value = param_value(param, operation.params_struct.is_some(), cx);
            match param.shape {
                ParamShape::List { .. } => quote!(#runtime::encode_path_list(#wire, #value)),
                _ => quote!(#runtime::encode_path(#wire, #value)),
            }
        }
    });
    Some(pieces.collect())
}

/// The expression of a required parameter's value, or of an optional one's `Option`.
fn param_value(param: &Param, in_struct: bool, cx: &Context<'_>) -> TokenStream {
    let runtime = cx.runtime;
    let name = param.name.ident();
    if !in_struct {
        return match param.shape {
            ParamShape::Text | ParamShape::Copy | ParamShape::List { .. } => quote!(#name),
            ParamShape::Json => quote!(#runtime::serde_param(#name)),
        };
    }
    match (&param.shape, param.required) {
        (ParamShape::Text, true) | (ParamShape::List { .. }, true) => quote!(&params.#name),
        (ParamShape::Text, false) => quote!(params.#name.as_deref()),
        (ParamShape::Copy, _) => quote!(params.#name),
        (ParamShape::List { .. }, false) => quote!(params.#name.as_deref().unwrap_or_default()),
        (ParamShape::Json, true) => quote!(#runtime::serde_param(&params.#name)),
        (ParamShape::Json, false) => quote!(params.#name.as_ref().map(#runtime::serde_param)),
    }
}

fn add_param(
    request: TokenStream,
    param: &Param,
    in_struct: bool,
    cx: &Context<'_>,
) -> TokenStream {
    let wire = &param.wire;
    let value = param_value(param, in_struct, cx);
    let optional = in_struct && !param.required;
    if let ParamShape::List { .. } = param.shape {
        let (explode, separator) = (param.explode, param.separator);
        return match param.location {
            Location::Query => quote!(#request.query_list(#wire, #value, #explode, #separator)),
            Location::Header => quote!(#request.header_list(#wire, #value)),
            _ => quote!(#request.cookie_list(#wire, #value)),
        };
    }
    let method = match (param.location, optional) {
        (Location::Query, false) => quote!(query),
        (Location::Query, true) => quote!(query_opt),
        (Location::Header, false) => quote!(header),
        (Location::Header, true) => quote!(header_opt),
        (_, false) => quote!(cookie),
        (_, true) => quote!(cookie_opt),
    };
    quote!(#request.#method(#wire, #value))
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
