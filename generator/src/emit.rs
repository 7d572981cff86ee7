//! The [`Module`] IR → tokens, part by part: `Error` and the `Client` (with its credential setters
//! and one method per operation), the operations' own items, and the `types` module. Decides
//! nothing: every choice is in the IR; each domain's emitter writes its own items, each one
//! behind the `#[cfg]` ([`cfg_attr`]) of the features the IR gives it.

use crate::client::emit::client;
use crate::module::{Module, Part};
use crate::operations::emit::{method, operation_items, Context};
use crate::types::emit::types_module;
use proc_macro2::TokenStream;
use quote::quote;

/// The tokens of one part of `module`. A part that continues a block (`impl Client`,
/// `mod types`) is written as a whole block of its own: the printer keeps only its items.
pub fn part_tokens(module: &Module, part: &Part, runtime: &TokenStream) -> TokenStream {
    let cx = |features| Context::new(runtime, &module.types, features);
    match part {
        Part::Client { start, end, .. } => {
            let mut methods = Vec::new();
            for operation in &module.operations[*start..*end] {
                let cx = cx(&operation.features);
                methods.extend((operation.methods()).map(|view| method(operation, view, &cx)));
            }
            if !part.opens() {
                return quote!(impl Client { #(#methods)* });
            }
            let client = client(&module.client, runtime, methods);
            quote! {
                pub use #runtime::Error;
                #client
            }
        }
        Part::OperationItems { start, end } => module.operations[*start..*end]
            .iter()
            .map(|operation| operation_items(operation, &cx(&operation.features)))
            .collect(),
        Part::Types { start, end, .. } => {
            types_module(&module.types, *start..*end, part.closes(), runtime)
        }
    }
}

/// `#[cfg(...)]` for an item behind every one of `conditions` (each an operation's or a type's
/// features from the IR), each met by any of its features; nothing when no condition has a
/// feature (no features per tag). Emitters write it after the item's doc attributes, where
/// readers look for it.
pub fn cfg_attr(conditions: &[&[String]]) -> TokenStream {
    let any = |features: &[String]| match features {
        [one] => quote!(feature = #one),
        _ => quote!(any(#(feature = #features),*)),
    };
    let conditions: Vec<&[String]> = (conditions.iter().copied())
        .filter(|features| !features.is_empty())
        .collect();
    // A condition that another one implies (`any(a, b)` beside `a`, or `a` twice) says nothing.
    let implies = |narrow: &[String], wide: &[String]| narrow.iter().all(|f| wide.contains(f));
    let needed = conditions.iter().enumerate().filter(|&(i, wide)| {
        !conditions
            .iter()
            .enumerate()
            .any(|(j, narrow)| j != i && implies(narrow, wide) && (!implies(wide, narrow) || j < i))
    });
    let conditions: Vec<TokenStream> = needed.map(|(_, features)| any(features)).collect();
    match conditions.as_slice() {
        [] => quote!(),
        [one] => quote!(#[cfg(#one)]),
        _ => quote!(#[cfg(all(#(#conditions),*))]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cfgs_name_every_condition() {
        let one = ["a".to_owned()];
        let two = ["a".to_owned(), "b".to_owned()];
        assert_eq!(cfg_attr(&[]).to_string(), "");
        assert_eq!(
            cfg_attr(&[&one]).to_string(),
            quote!(#[cfg(feature = "a")]).to_string()
        );
        let b = ["b".to_owned()];
        assert_eq!(
            cfg_attr(&[&one, &b]).to_string(),
            quote!(#[cfg(all(feature = "a", feature = "b"))]).to_string()
        );
        // Implied conditions go: `any(a, b)` beside `a`, and `a` twice.
        assert_eq!(
            cfg_attr(&[&two, &one]).to_string(),
            quote!(#[cfg(feature = "a")]).to_string()
        );
        assert_eq!(
            cfg_attr(&[&one, &one]).to_string(),
            quote!(#[cfg(feature = "a")]).to_string()
        );
    }

    /// Whether `attrs` has a `#[cfg]` right after its leading doc attributes.
    fn gated(attrs: &[syn::Attribute]) -> bool {
        let mut rest = attrs.iter().skip_while(|a| a.path().is_ident("doc"));
        rest.next().is_some_and(|a| a.path().is_ident("cfg"))
    }

    /// The items of a module with a feature per tag that stand behind none: `Error`, the
    /// `Client` with its own methods, and the `types` and `defaults` modules; each item an
    /// operation or a type owns, or a token session, has its `#[cfg]` after its doc. Every
    /// operation and type has a feature (`untagged`, `unused-schemas` at least).
    fn ungated_items(code: &str) -> Vec<String> {
        let file = syn::parse_file(code).expect("the module parses");
        let mut ungated = Vec::new();
        let mut check = |attrs: &[syn::Attribute], what: String| {
            if !gated(attrs) {
                ungated.push(what);
            }
        };
        let client = |ty: &syn::Type| matches!(ty, syn::Type::Path(p) if p.path.is_ident("Client"));
        let sessions = [
            "password_session",
            "password_session_with",
            "client_credentials_session",
        ];
        for item in &file.items {
            match item {
                syn::Item::Use(_) => {}
                syn::Item::Struct(item) if item.ident == "Client" => {}
                syn::Item::Impl(item) if client(&item.self_ty) && !gated(&item.attrs) => {
                    // `impl Default for Client`, or the client's own block, where only the
                    // operations' methods (inlined) and the session constructors are gated.
                    let methods = item.items.iter().filter_map(|item| match item {
                        syn::ImplItem::Fn(method) => Some(method),
                        _ => None,
                    });
                    for method in methods {
                        let name = method.sig.ident.to_string();
                        let inline = method.attrs.iter().any(|a| a.path().is_ident("inline"));
                        if inline || sessions.contains(&name.as_str()) {
                            check(&method.attrs, format!("Client::{name}"));
                        }
                    }
                }
                syn::Item::Mod(types) => {
                    let items = types.content.iter().flat_map(|(_, items)| items);
                    for item in items {
                        match item {
                            syn::Item::Mod(defaults) => {
                                let fns = defaults.content.iter().flat_map(|(_, items)| items);
                                for function in fns {
                                    if let syn::Item::Fn(function) = function {
                                        let name = &function.sig.ident;
                                        check(&function.attrs, format!("defaults::{name}"));
                                    }
                                }
                            }
                            item => check(item_attrs(item), item_name(item)),
                        }
                    }
                }
                item => check(item_attrs(item), item_name(item)),
            }
        }
        ungated
    }

    fn item_attrs(item: &syn::Item) -> &[syn::Attribute] {
        match item {
            syn::Item::Struct(item) => &item.attrs,
            syn::Item::Enum(item) => &item.attrs,
            syn::Item::Impl(item) => &item.attrs,
            syn::Item::Type(item) => &item.attrs,
            syn::Item::Fn(item) => &item.attrs,
            _ => &[],
        }
    }

    /// The start of an item's text, to say which one lacks its `#[cfg]`.
    fn item_name(item: &syn::Item) -> String {
        let text = match item {
            syn::Item::Impl(item) => {
                let (self_ty, trait_) = (&item.self_ty, item.trait_.as_ref().map(|t| &t.1));
                quote!(impl #trait_ for #self_ty).to_string()
            }
            item => quote!(#item).to_string(),
        };
        text.chars().take(120).collect()
    }

    /// With a feature per tag, each item of an operation or a type, and of a token session,
    /// stands behind its features: the emitters write every one's `#[cfg]` (after its doc),
    /// across the fixtures and specs at the repository's root.
    #[test]
    fn every_item_of_an_operation_or_type_carries_its_cfg() {
        let repository = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut config = crate::Config::new();
        config.features_per_tag(true);
        let mut cfgs = 0;
        for folder in ["tests/fixtures", "specs"] {
            let mut specs: Vec<_> = std::fs::read_dir(repository.join(folder))
                .expect("folder")
                .map(|entry| entry.expect("entry").path())
                .filter(|path| path.extension().is_some_and(|e| e == "yaml"))
                .collect();
            specs.sort();
            for spec in specs {
                let text = std::fs::read_to_string(&spec).expect("spec");
                let name = spec.display().to_string();
                let generated = crate::generate_source(&name, &text, &config)
                    .unwrap_or_else(|diagnostics| panic!("{diagnostics}"));
                let ungated = ungated_items(&generated.code);
                assert!(ungated.is_empty(), "{name}: no #[cfg] on {ungated:#?}");
                cfgs += generated.code.matches("#[cfg(").count();
            }
        }
        assert!(cfgs > 1000, "{cfgs} #[cfg]s");
    }
}
