//! One cargo feature per tag (`Config::features_per_tag`, `oapigen crate --features-per-tag`):
//! which features each operation and each type stand behind, so that a crate's user compiles
//! only the API areas they turn on (async-stripe's answer to the same cost). Decided here; the
//! emitters write the `#[cfg]`s ([`cfg_attr`], [`gate_items`]).

use crate::operations::decide::serde_roots;
use crate::operations::Operation;
use crate::types::{usage, Ty, TypeId, TypeTable};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::{BTreeMap, BTreeSet};

/// The feature of the types of component schemas that no operation uses (webhook payloads,
/// messages of other channels), and of the types only they reach.
pub const UNUSED_SCHEMAS: &str = "unused-schemas";

/// The feature of the operations without a tag (OpenAI's 31 admin operations), and of the
/// types only they use.
pub const UNTAGGED: &str = "untagged";

/// Feature names the standalone crate's manifest defines itself.
const RESERVED: &[&str] = &["default", "middleware", UNTAGGED, UNUSED_SCHEMAS];

/// The cargo feature of a tag: its words in kebab case (`Access Token` → `access-token`, `Ünïcode`
/// → `ünïcode`, `用户` → `用户`: Cargo takes Unicode letters, as the XID standard says), with
/// `-tag` after a name the manifest uses itself; `api` for a tag without letters or digits.
pub fn feature_name(tag: &str) -> String {
    let kebab = heck::ToKebabCase::to_kebab_case(tag);
    let name: String = (kebab.chars())
        .filter(|c| *c == '-' || unicode_ident::is_xid_continue(*c))
        .collect();
    // Cargo's first character: a letter, a digit or `_`.
    let first = |c: char| unicode_ident::is_xid_start(c) || c.is_ascii_digit() || c == '_';
    let name = name
        .trim_start_matches(|c: char| !first(c))
        .trim_end_matches('-');
    match name {
        "" => "api".to_owned(),
        name if RESERVED.contains(&name) => format!("{name}-tag"),
        _ => name.to_owned(),
    }
}

/// Sets each operation's features from its tags ([`UNTAGGED`] for an operation without one).
pub fn gate_operations(operations: &mut [Operation]) {
    for operation in operations {
        let mut features: BTreeSet<String> =
            operation.tags.iter().map(|t| feature_name(t)).collect();
        if features.is_empty() {
            features.insert(UNTAGGED.to_owned());
        }
        operation.features = features.into_iter().collect();
    }
}

/// The features each type stands behind: those of the operations that reach it (each operation
/// stands behind one, [`gate_operations`]). Types no operation reaches (component schemas kept
/// for the user: OpenAI's 1,900 of webhooks and realtime events), and what they reach, stand
/// behind [`UNUSED_SCHEMAS`] too. `extra` are types some operations need beyond their signatures
/// (the token responses a session reads).
pub fn gate_types(
    table: &TypeTable,
    operations: &[Operation],
    extra: &[(usize, &Ty)],
) -> BTreeMap<TypeId, Vec<String>> {
    let mut gated: BTreeMap<TypeId, BTreeSet<&str>> = BTreeMap::new();
    for (index, operation) in operations.iter().enumerate() {
        let roots = serde_roots(std::slice::from_ref(operation));
        let mut tys: Vec<&Ty> = (roots.sent.iter().chain(&roots.received).chain(&roots.other))
            .copied()
            .collect();
        tys.extend(extra.iter().filter(|(i, _)| *i == index).map(|(_, ty)| *ty));
        for id in usage::reached(table, &tys) {
            let features = operation.features.iter().map(String::as_str);
            gated.entry(id).or_default().extend(features);
        }
    }
    let unused: Vec<Ty> = table
        .iter()
        .filter(|(id, _)| !gated.contains_key(id))
        .map(|(id, _)| Ty::Named(id))
        .collect();
    for id in usage::reached(table, &unused.iter().collect::<Vec<_>>()) {
        gated.entry(id).or_default().insert(UNUSED_SCHEMAS);
    }
    gated
        .into_iter()
        .map(|(id, features)| (id, features.into_iter().map(str::to_owned).collect()))
        .collect()
}

/// `#[cfg(...)]` for items behind every one of `conditions`, each met by any of its features;
/// nothing when no condition has a feature.
pub fn cfg_attr(conditions: &[&[String]]) -> TokenStream {
    let any = |features: &[String]| match features {
        [one] => quote!(feature = #one),
        _ => quote!(any(#(feature = #features),*)),
    };
    let conditions: Vec<TokenStream> = conditions
        .iter()
        .filter(|features| !features.is_empty())
        .map(|features| any(features))
        .collect();
    match conditions.as_slice() {
        [] => quote!(),
        [one] => quote!(#[cfg(#one)]),
        _ => quote!(#[cfg(all(#(#conditions),*))]),
    }
}

/// `items` with `cfg` (a [`cfg_attr`]) on each top-level item, for a type or operation that is
/// written as several items (a struct and its impls), after the item's doc comment.
pub fn gate_items(items: TokenStream, cfg: &TokenStream) -> TokenStream {
    let Some(cfg) = attributes(cfg) else {
        return items;
    };
    match syn::parse2::<syn::File>(items.clone()) {
        Ok(file) => {
            let items = file.items.into_iter().map(|mut item| {
                if let Some(attrs) = item_attrs(&mut item) {
                    after_docs(attrs, &cfg);
                }
                quote!(#item)
            });
            quote!(#(#items)*)
        }
        // Unparsable tokens are reported where the module is printed; leave them as they are.
        Err(_) => items,
    }
}

/// The methods of `methods` (an `impl` block's items) with `cfg` after each one's doc comment.
pub fn gate_methods(methods: TokenStream, cfg: &TokenStream) -> TokenStream {
    let Some(cfg) = attributes(cfg) else {
        return methods;
    };
    match syn::parse2::<syn::ItemImpl>(quote!(impl Client { #methods })) {
        Ok(block) => {
            let methods = block.items.into_iter().map(|mut item| {
                if let syn::ImplItem::Fn(method) = &mut item {
                    after_docs(&mut method.attrs, &cfg);
                }
                quote!(#item)
            });
            quote!(#(#methods)*)
        }
        Err(_) => methods,
    }
}

/// `cfg` as attributes; `None` when there are none.
fn attributes(cfg: &TokenStream) -> Option<Vec<syn::Attribute>> {
    let parse = |input: syn::parse::ParseStream| input.call(syn::Attribute::parse_outer);
    let attrs = syn::parse::Parser::parse2(parse, cfg.clone()).ok()?;
    (!attrs.is_empty()).then_some(attrs)
}

/// Puts `cfg` after the leading doc attributes of `attrs`, where readers look for it.
fn after_docs(attrs: &mut Vec<syn::Attribute>, cfg: &[syn::Attribute]) {
    let docs = attrs
        .iter()
        .take_while(|a| a.path().is_ident("doc"))
        .count();
    attrs.splice(docs..docs, cfg.iter().cloned());
}

/// The attributes of an item that can have a `#[cfg]`.
fn item_attrs(item: &mut syn::Item) -> Option<&mut Vec<syn::Attribute>> {
    use syn::Item;
    Some(match item {
        Item::Struct(item) => &mut item.attrs,
        Item::Enum(item) => &mut item.attrs,
        Item::Impl(item) => &mut item.attrs,
        Item::Type(item) => &mut item.attrs,
        Item::Fn(item) => &mut item.attrs,
        Item::Const(item) => &mut item.attrs,
        Item::Static(item) => &mut item.attrs,
        Item::Mod(item) => &mut item.attrs,
        Item::Use(item) => &mut item.attrs,
        Item::Trait(item) => &mut item.attrs,
        Item::Macro(item) => &mut item.attrs,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_become_kebab_case_features() {
        assert_eq!(feature_name("Access Token"), "access-token");
        assert_eq!(feature_name("audit-log"), "audit-log");
        assert_eq!(feature_name("repos"), "repos");
        assert_eq!(feature_name("Middleware"), "middleware-tag");
        assert_eq!(feature_name("Unused Schemas"), "unused-schemas-tag");
        assert_eq!(feature_name("***"), "api");
        assert_eq!(feature_name("Ünïcode"), "ünïcode");
        assert_eq!(feature_name("用户"), "用户");
        assert_eq!(feature_name("订单 Orders"), "订单-orders");
    }

    #[test]
    fn cfgs_name_every_condition() {
        let one = ["a".to_owned()];
        let two = ["a".to_owned(), "b".to_owned()];
        assert_eq!(cfg_attr(&[]).to_string(), "");
        assert_eq!(
            cfg_attr(&[&one]).to_string(),
            quote!(#[cfg(feature = "a")]).to_string()
        );
        assert_eq!(
            cfg_attr(&[&two, &one]).to_string(),
            quote!(#[cfg(all(any(feature = "a", feature = "b"), feature = "a"))]).to_string()
        );
    }
}
