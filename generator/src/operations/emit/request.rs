//! An operation's request: method and path, `Accept`, parameters, body and credentials, as
//! the statements that build it.

use super::Context;
use crate::naming::ident;
use crate::operations::{
    Body, FormStyle, Location, Media, MultipartPart, Operation, Param, ParamShape, PartKind,
    PathPart, SchemeUse,
};
use proc_macro2::TokenStream;
use quote::quote;

/// The statements that build `request`: method and path, `Accept`, parameters, body, credentials.
pub(super) fn request_statements(
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
        statements.push(body_statement(body, cx));
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

/// The statement that attaches the body to `request`: `body`, or `Option<body>` when it is
/// not required.
fn body_statement(body: &Body, cx: &Context<'_>) -> TokenStream {
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
    if body.required {
        quote!(let request = #attach;)
    } else {
        quote!(let request = match body { Some(body) => #attach, None => request };)
    }
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
                PartKind::Owned => quote!(.text_opt(
                    #wire,
                    body.#name.as_ref().and_then(Option::as_ref),
                    #text_type
                )),
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
            (PartKind::Owned, false) => quote!(.text(#wire, &body.#name, #text_type)),
            (PartKind::Owned, true) => quote!(.text_opt(#wire, body.#name.as_ref(), #text_type)),
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
            ParamShape::Text | ParamShape::Copy | ParamShape::Owned | ParamShape::List { .. } => {
                quote!(#name)
            }
            ParamShape::Json => quote!(#runtime::serde_param(#name)),
        };
    }
    match (&param.shape, param.required) {
        (ParamShape::Text, true) | (ParamShape::List { .. }, true) => quote!(&params.#name),
        (ParamShape::Text, false) => quote!(params.#name.as_deref()),
        (ParamShape::Copy, _) => quote!(params.#name),
        (ParamShape::Owned, true) => quote!(&params.#name),
        (ParamShape::Owned, false) => quote!(params.#name.as_ref()),
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
    if param.idempotency_key {
        return quote!(#request.idempotency_key(#wire, #value));
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
