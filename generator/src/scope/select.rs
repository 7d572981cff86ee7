//! Which operations a module holds: all of them, or those a [`Selection`] names by tag,
//! operationId or path prefix (openapi-generator's `apis=`/`operationIds`, async-stripe's API
//! areas). The module then defines exactly the types the selected operations reach.

use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use openapiv3::{OpenAPI, Operation, ReferenceOr};

/// Operations to generate, by any of three keys; an operation is selected when it matches any
/// entry of any key (a union). Empty: every operation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// Tags (OpenAPI 3.0 §4.7.10 `tags`), as written in the spec.
    pub tags: Vec<String>,
    /// operationIds, as written in the spec.
    pub operation_ids: Vec<String>,
    /// Path prefixes: `/repos` selects `/repos` and `/repos/{owner}/...`, not `/repository`.
    pub path_prefixes: Vec<String>,
}

impl Selection {
    /// Selects every operation.
    pub fn is_everything(&self) -> bool {
        self.tags.is_empty() && self.operation_ids.is_empty() && self.path_prefixes.is_empty()
    }

    /// Whether the operation at `path` is selected.
    pub fn selects(&self, path: &str, operation: &Operation) -> bool {
        self.is_everything()
            || operation.tags.iter().any(|tag| self.tags.contains(tag))
            || (operation.operation_id.as_ref()).is_some_and(|id| self.operation_ids.contains(id))
            || self.path_prefixes.iter().any(|prefix| under(path, prefix))
    }

    /// An error for each entry that selects no operation of `api` (a misspelt tag would
    /// otherwise generate a module without the operations its user wanted), with the spec's
    /// names as a hint.
    pub fn check(&self, api: &OpenAPI) -> Diagnostics {
        let mut diagnostics = Diagnostics::default();
        if self.is_everything() {
            return diagnostics;
        }
        let operations = operations(api);
        let has_tags = operations.iter().any(|(_, op)| !op.tags.is_empty());
        let has_ids = operations.iter().any(|(_, op)| op.operation_id.is_some());
        // What a selection of `kind` can use instead when the spec's operations have none.
        let instead = |kind: &str| -> String {
            if operations.is_empty() {
                return "the spec has no operations".to_owned();
            }
            let kinds = [
                ("path prefix", true),
                ("tag", has_tags),
                ("operationId", has_ids),
            ];
            let others: Vec<&str> = (kinds.iter())
                .filter(|(other, present)| *present && *other != kind)
                .map(|(other, _)| *other)
                .collect();
            let mut hint = format!(
                "the spec's operations have no {kind}: select them by {}",
                others.join(" or ")
            );
            if kind == "operationId" {
                hint += " (a method's name is not an operationId)";
            }
            hint
        };
        let mut report = |kind: &str, entry: &String, names: Vec<&str>, matched: bool| {
            if matched {
                return;
            }
            let mut known: Vec<&str> = names;
            known.sort_unstable();
            known.dedup();
            // The closest first: the longest prefix in common with the entry.
            let common = |name: &str| -> usize {
                let pairs = name.chars().zip(entry.chars());
                pairs.take_while(|(a, b)| a.eq_ignore_ascii_case(b)).count()
            };
            let mut closest = known.clone();
            closest.sort_by_key(|name| std::cmp::Reverse(common(name)));
            let hint = match known.len() {
                0 => instead(kind),
                n if n <= 40 => format!("the spec's: {}", known.join(", ")),
                n => format!("the spec has {n}, the closest {}", closest[..12].join(", ")),
            };
            diagnostics.push(
                Diagnostic::error(
                    Code::SelectionMatchesNothing,
                    "#/paths",
                    format!("the selection names {kind} `{entry}`, which no operation has"),
                )
                .with_hint(hint),
            );
        };
        for tag in &self.tags {
            let tags = operations.iter().flat_map(|(_, op)| &op.tags);
            let matched = tags.clone().any(|t| t == tag);
            report("tag", tag, tags.map(String::as_str).collect(), matched);
        }
        for id in &self.operation_ids {
            let ids = operations
                .iter()
                .filter_map(|(_, op)| op.operation_id.as_deref());
            let matched = ids.clone().any(|i| i == id);
            report("operationId", id, ids.collect(), matched);
        }
        for prefix in &self.path_prefixes {
            let matched = operations.iter().any(|(path, _)| under(path, prefix));
            let paths = operations.iter().map(|(path, _)| *path).collect();
            report("path prefix", prefix, paths, matched);
        }
        diagnostics
    }
}

/// `path` is `prefix` or below it, segment-wise (`repos`, `/repos` and `/repos/` are one prefix:
/// the slashes around it are ignored).
fn under(path: &str, prefix: &str) -> bool {
    let prefix = prefix.trim_matches('/');
    if prefix.is_empty() {
        return true;
    }
    let path = path.trim_start_matches('/');
    match path.strip_prefix(prefix) {
        Some(rest) => rest.is_empty() || rest.starts_with('/'),
        None => false,
    }
}

/// Every operation of `api` with its path (path items given as `$ref` are left out, as the
/// generator skips them).
fn operations(api: &OpenAPI) -> Vec<(&str, &Operation)> {
    let mut all = Vec::new();
    for (path, item) in &api.paths.paths {
        if let ReferenceOr::Item(item) = item {
            all.extend(item.iter().map(|(_, operation)| (path.as_str(), operation)));
        }
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Config;

    const SPEC: &str = "
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /pets:
    get:
      operationId: listPets
      tags: [pets]
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}
  /store/orders:
    post:
      operationId: placeOrder
      tags: [store]
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Order'}}}}
components:
  schemas:
    Pet: {type: object, properties: {name: {type: string}}}
    Order: {type: object, properties: {pet: {$ref: '#/components/schemas/Pet'}}}
";

    fn generate(config: &Config) -> Result<String, Diagnostics> {
        crate::generate_source("spec.yaml", SPEC, config).map(|generated| generated.code)
    }

    #[test]
    fn a_path_prefix_selects_the_operations_below_it_and_their_types() {
        let code = generate(Config::new().select_paths(["/store"])).unwrap();
        assert!(code.contains("pub fn place_order("));
        assert!(!code.contains("pub fn list_pets("));
        assert!(code.contains("pub struct Order ") && code.contains("pub struct Pet "));
        let code = generate(Config::new().select_tags(["pets"])).unwrap();
        assert!(
            !code.contains("pub struct Order "),
            "reached by no selected operation"
        );
    }

    #[test]
    fn an_entry_that_selects_nothing_is_an_error_naming_the_specs_names() {
        let errors = generate(
            Config::new()
                .select_tags(["pet"])
                .select_operations(["listPets"]),
        )
        .unwrap_err()
        .to_string();
        assert!(
            errors.contains("spec.yaml:")
                && errors.contains("the selection names tag `pet`, which no operation has")
                && errors.contains("the spec's: pets, store"),
            "{errors}"
        );
        let errors = generate(Config::new().select_operations(["list_pets"]))
            .unwrap_err()
            .to_string();
        assert!(
            errors.contains("the spec's: listPets, placeOrder"),
            "{errors}"
        );
    }

    /// A spec whose operations have no tag and no operationId: the hint names what they have.
    #[test]
    fn a_kind_the_spec_lacks_is_hinted_at_what_it_has() {
        let spec = "
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /a:
    get:
      responses: {'204': {description: ok}}
";
        let error = |config: &Config| {
            let generated = crate::generate_source("spec.yaml", spec, config);
            generated.err().map(|d| d.to_string()).unwrap_or_default()
        };
        let errors = error(Config::new().select_tags(["x"]));
        let hint = "the spec's operations have no tag: select them by path prefix";
        assert!(
            errors.contains(hint) && !errors.contains("or tag"),
            "{errors}"
        );
        let errors = error(Config::new().select_operations(["get_a"]));
        let hint = "have no operationId: select them by path prefix (a method's name is not an \
                    operationId)";
        assert!(errors.contains(hint), "{errors}");
        let errors = error(Config::new().select_tags(["x"]).select_paths(["/b"]));
        assert!(errors.contains("the spec's: /a"), "{errors}");
        let empty = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n";
        let generated =
            crate::generate_source("spec.yaml", empty, Config::new().select_tags(["x"]));
        let errors = generated.err().map(|d| d.to_string()).unwrap_or_default();
        assert!(errors.contains("the spec has no operations"), "{errors}");
    }

    #[test]
    fn a_path_prefix_matches_whole_segments() {
        assert!(under("/repos", "/repos"));
        assert!(under("/repos/{owner}/{repo}", "/repos"));
        assert!(under("/repos/{owner}", "/repos/"));
        assert!(!under("/repository", "/repos"));
        assert!(under("/anything", "/"));
        // The leading slash may be left out.
        assert!(under("/repos/{owner}", "repos"));
        assert!(!under("/repository", "repos"));
    }
}
