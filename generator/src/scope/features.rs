//! One cargo feature per tag (`Config::features_per_tag`, `oapigen crate --features-per-tag`):
//! which features each operation and each type stand behind, so that a crate's user compiles
//! only the API areas they turn on (async-stripe's answer to the same cost). Decided here, into
//! `Operation::features` and `TypeTable::features`; the emitters write the `#[cfg]`s from them
//! ([`crate::emit::cfg_attr`]).

use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::operations::decide::serde_roots;
use crate::operations::Operation;
use crate::pointer::join;
use crate::scope::runtime_features::RuntimeFeature;
use crate::types::{usage, Ty, TypeId, TypeTable};
use openapiv3::{OpenAPI, ReferenceOr};
use std::collections::{BTreeMap, BTreeSet};

/// The feature of the types of component schemas that no operation uses (webhook payloads,
/// messages of other channels), and of the types only they reach.
pub const UNUSED_SCHEMAS: &str = "unused-schemas";

/// The feature of the operations without a tag (OpenAI's 31 admin operations), and of the
/// types only they use.
pub const UNTAGGED: &str = "untagged";

/// Feature names the standalone crate's manifest defines itself.
const RESERVED: &[&str] = &[
    "default",
    RuntimeFeature::Middleware.as_str(),
    UNTAGGED,
    UNUSED_SCHEMAS,
];

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

/// The feature of each tag of `api`'s operations ([`feature_name`]), one per tag: a tag whose
/// name another one took first (`Weird Tag!` after `weird-tag`) gets `-2`, `-3`, ... Each
/// feature that is not its tag's kebab-cased name is a warning at the tag's first use, so that
/// a user looking for a tag's feature learns its name.
pub fn tag_features(api: &OpenAPI, diagnostics: &mut Diagnostics) -> BTreeMap<String, String> {
    let mut features: BTreeMap<String, String> = BTreeMap::new();
    let mut taken: BTreeMap<String, String> = BTreeMap::new();
    for (path, item) in &api.paths.paths {
        let ReferenceOr::Item(item) = item else {
            continue;
        };
        for (method, operation) in item.iter() {
            for (index, tag) in operation.tags.iter().enumerate() {
                if features.contains_key(tag) {
                    continue;
                }
                let wanted = feature_name(tag);
                let mut name = wanted.clone();
                for n in 2.. {
                    if !taken.contains_key(&name) {
                        break;
                    }
                    name = format!("{wanted}-{n}");
                }
                let plain = heck::ToKebabCase::to_kebab_case(tag.as_str());
                if name != plain {
                    let why = match taken.get(&wanted) {
                        Some(first) => format!("`{wanted}` is tag `{first}`'s"),
                        None if RESERVED.contains(&plain.as_str()) => {
                            format!("`{plain}` is the crate's own feature")
                        }
                        None => {
                            "a cargo feature is named in letters, digits, `-` and `_`".to_owned()
                        }
                    };
                    let pointer = join(&join(&join("#/paths", path), method), "tags");
                    diagnostics.push(Diagnostic::warning(
                        Code::FeatureRenamed,
                        join(&pointer, &index.to_string()),
                        format!("the cargo feature of tag `{tag}` is `{name}`: {why}"),
                    ));
                }
                taken.insert(name.clone(), tag.clone());
                features.insert(tag.clone(), name);
            }
        }
    }
    features
}

/// Sets each operation's features from its tags (`features`, from [`tag_features`]), or
/// [`UNTAGGED`] for an operation without one.
pub fn gate_operations(operations: &mut [Operation], features: &BTreeMap<String, String>) {
    for operation in operations {
        let mut features: BTreeSet<String> = (operation.tags.iter())
            .map(|tag| {
                features
                    .get(tag)
                    .cloned()
                    .unwrap_or_else(|| feature_name(tag))
            })
            .collect();
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

    /// Distinct tags get distinct features, and a feature that is not its tag's name is said.
    #[test]
    fn each_tag_has_its_own_feature_and_a_renamed_one_is_a_warning() {
        let spec = "
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /a:
    get: {operationId: a, tags: [weird-tag], responses: {'204': {description: ok}}}
  /b:
    get: {operationId: b, tags: ['Weird Tag!'], responses: {'204': {description: ok}}}
  /c:
    get: {operationId: c, tags: [untagged, '!!!'], responses: {'204': {description: ok}}}
";
        let mut config = crate::Config::new();
        config.features_per_tag(true);
        let generated = crate::generate_source("spec.yaml", spec, &config).expect("generates");
        assert_eq!(
            generated.features,
            ["api", "untagged-tag", "weird-tag", "weird-tag-2"]
        );
        let warnings = generated.warnings.to_string();
        for expected in [
            "spec.yaml:8:5: at #/paths/~1b/get/tags/0: the cargo feature of tag `Weird Tag!` is \
             `weird-tag-2`: `weird-tag` is tag `weird-tag`'s",
            "at #/paths/~1c/get/tags/0: the cargo feature of tag `untagged` is `untagged-tag`: \
             `untagged` is the crate's own feature",
            "at #/paths/~1c/get/tags/1: the cargo feature of tag `!!!` is `api`",
        ] {
            assert!(warnings.contains(expected), "{expected} in\n{warnings}");
        }
    }
}
