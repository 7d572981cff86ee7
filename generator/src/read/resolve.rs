//! Following `$ref`s to the components they name.

use crate::diagnostics::{Code, Diagnostic};
use crate::pointer::{join, JsonPointer, RefError};
use openapiv3::{
    Components, Header, OpenAPI, Parameter, ReferenceOr, RequestBody, Response, Schema, SchemaKind,
    SecurityScheme,
};

/// How many `$ref`s in a row are followed before giving up on a cycle.
const MAX_REF_HOPS: usize = 32;
/// A kind of reusable component that a `$ref` can point at.
pub trait Component: Sized {
    /// The section under `#/components/`.
    const SECTION: &'static str;
    /// The entry `name` of that section.
    fn get<'c>(components: &'c Components, name: &str) -> Option<&'c ReferenceOr<Self>>;
}

macro_rules! component {
    ($ty:ty, $section:literal, $field:ident) => {
        impl Component for $ty {
            const SECTION: &'static str = $section;
            fn get<'c>(components: &'c Components, name: &str) -> Option<&'c ReferenceOr<Self>> {
                components.$field.get(name)
            }
        }
    };
}

component!(Schema, "schemas", schemas);
component!(Parameter, "parameters", parameters);
component!(RequestBody, "requestBodies", request_bodies);
component!(Response, "responses", responses);
component!(Header, "headers", headers);
component!(SecurityScheme, "securitySchemes", security_schemes);

/// Follows `$ref`s within one document.
#[derive(Clone, Copy)]
pub struct Resolver<'a> {
    components: Option<&'a Components>,
}

impl<'a> Resolver<'a> {
    /// A resolver for `api`'s components.
    pub fn new(api: &'a OpenAPI) -> Self {
        Resolver {
            components: api.components.as_ref(),
        }
    }

    /// The component name of a local reference to section `T::SECTION` (unescaped).
    pub fn ref_name<T: Component>(reference: &str) -> Option<String> {
        JsonPointer::parse_ref(reference)
            .ok()?
            .component(T::SECTION)
    }

    /// The item behind `item`, with the pointer where it is defined.
    pub fn resolve<T: Component>(
        &self,
        item: &'a ReferenceOr<T>,
        pointer: &str,
    ) -> Result<(&'a T, String), Diagnostic> {
        let mut current = item;
        let mut current_pointer = pointer.to_owned();
        for _ in 0..MAX_REF_HOPS {
            match current {
                ReferenceOr::Item(item) => return Ok((item, current_pointer)),
                ReferenceOr::Reference { reference } => {
                    let (next, next_pointer) = self.lookup::<T>(reference, &current_pointer)?;
                    current = next;
                    current_pointer = next_pointer;
                }
            }
        }
        Err(
            Diagnostic::error(Code::RefCycle, pointer, "this `$ref` chain loops on itself")
                .with_hint("a reference must end at a definition"),
        )
    }

    /// The entry a reference names, not yet followed further.
    pub fn lookup<T: Component>(
        &self,
        reference: &str,
        pointer: &str,
    ) -> Result<(&'a ReferenceOr<T>, String), Diagnostic> {
        let ref_pointer = join(pointer, "$ref");
        let Some(name) = Self::ref_name::<T>(reference) else {
            return Err(Self::unusable::<T>(reference, ref_pointer));
        };
        self.components
            .and_then(|components| T::get(components, &name))
            .map(|item| {
                (
                    item,
                    format!(
                        "#/components/{}/{}",
                        T::SECTION,
                        crate::pointer::escape_token(&name)
                    ),
                )
            })
            .ok_or_else(|| {
                Diagnostic::error(
                    Code::RefNotFound,
                    ref_pointer,
                    format!("`$ref: {reference}` points at nothing"),
                )
                .with_hint(format!("define `{name}` under components/{}", T::SECTION))
            })
    }

    /// Why a `$ref` that names no `T::SECTION` component cannot be followed. References to other
    /// places of this document were moved into the components before (`crate::read::deep_refs`), so
    /// one still pointing elsewhere names nothing, or something of another kind.
    fn unusable<T: Component>(reference: &str, ref_pointer: String) -> Diagnostic {
        let section = T::SECTION;
        match JsonPointer::parse_ref(reference) {
            Err(RefError::External) if crate::read::files::is_uri(reference.split('#').next().unwrap_or("")) => Diagnostic::error(
                Code::RefExternal,
                ref_pointer,
                format!("`$ref: {reference}` points at a URI, which is not fetched at build time"),
            )
            .with_hint("vendor the file beside the spec and refer to it by a relative path"),
            Err(RefError::External) => Diagnostic::error(
                Code::RefExternal,
                ref_pointer,
                format!("`$ref: {reference}` points into another file, which is read only when the spec is generated from its path"),
            )
            .with_hint("generate from the spec's file (`oapigen::generate_file`, `Config::spec`, the CLI), which reads the files it refers to"),
            Err(RefError::Malformed) => Diagnostic::error(
                Code::RefMalformed,
                ref_pointer,
                format!("`$ref: {reference}` is not a JSON pointer into this file"),
            )
            .with_hint("a local `$ref` is `#/` and the keys of the path, `/` escaped as `~1`, `%` only as `%XX`"),
            Ok(pointer) => {
                let mut tokens = pointer.tokens();
                let other_section = match (tokens.next(), tokens.next()) {
                    (Some(first), Some(other)) if first == "components" && other != section => {
                        Some(other.into_owned())
                    }
                    _ => None,
                };
                if pointer.tokens().next().is_none() {
                    let message = format!("`$ref: {reference}` points at the whole document, where one of components/{section} is expected");
                    return Diagnostic::error(Code::RefWrongKind, ref_pointer, message);
                }
                match other_section {
                    Some(other) => Diagnostic::error(
                        Code::RefWrongKind,
                        ref_pointer,
                        format!("`$ref: {reference}` points into components/{other}, where one of components/{section} is expected"),
                    ),
                    None => Diagnostic::error(
                        Code::RefNotFound,
                        ref_pointer,
                        format!("`$ref: {reference}` points at nothing"),
                    )
                    .with_hint("no node of this file is at that pointer: check each key of it"),
                }
            }
        }
    }

    /// The schema behind a boxed schema reference (as `items` and `properties` hold them).
    pub fn schema_boxed(
        &self,
        item: &'a ReferenceOr<Box<Schema>>,
        pointer: &str,
    ) -> Result<(&'a Schema, String), Diagnostic> {
        match item {
            ReferenceOr::Item(schema) => Ok((schema, pointer.to_owned())),
            ReferenceOr::Reference { reference } => {
                let (target, target_pointer) = self.lookup::<Schema>(reference, pointer)?;
                self.resolve(target, &target_pointer)
            }
        }
    }

    /// True when `item` admits `null`: OpenAPI 3.0's `nullable: true` (3.1's `null` type arrives
    /// as that, see [`crate::read::openapi31`]), through `$ref`s and compositions: an `allOf` when each
    /// of its members does (JSON Schema 2020-12 §10.2.1.1: a value satisfies them all), a
    /// `oneOf`/`anyOf` when one of them does. Such a schema is `Option<T>` wherever it is used.
    pub fn allows_null_boxed(&self, item: &'a ReferenceOr<Box<Schema>>) -> bool {
        self.schema_boxed(item, "")
            .is_ok_and(|(schema, _)| self.allows_null(schema, &mut Default::default()))
    }

    /// True when `flag` holds for `item`'s annotations or for those of a schema its `allOf`
    /// includes (JSON Schema 2020-12 §7.7: the annotations of every subschema that applies
    /// are collected, so `readOnly` on a referenced schema holds where an `allOf: [$ref]`
    /// wrapper adds a description: Jira's `ScreenTypes`).
    pub fn annotated_boxed(
        &self,
        item: &'a ReferenceOr<Box<Schema>>,
        flag: fn(&openapiv3::SchemaData) -> bool,
    ) -> bool {
        let Ok((schema, _)) = self.schema_boxed(item, "") else {
            return false;
        };
        let mut pending = vec![schema];
        let mut seen = 0;
        while let Some(schema) = pending.pop() {
            if flag(&schema.schema_data) {
                return true;
            }
            seen += 1;
            if seen > MAX_REF_HOPS {
                break;
            }
            let all_of = match &schema.schema_kind {
                SchemaKind::AllOf { all_of } => all_of.as_slice(),
                SchemaKind::Any(any) => any.all_of.as_slice(),
                _ => &[],
            };
            pending.extend(
                all_of
                    .iter()
                    .filter_map(|m| self.resolve(m, "").ok().map(|(s, _)| s)),
            );
        }
        false
    }

    /// [`Self::allows_null_boxed`] for an unboxed reference (`allOf`, `oneOf` members, bodies).
    pub fn allows_null_of(&self, item: &'a ReferenceOr<Schema>) -> bool {
        self.resolve(item, "")
            .is_ok_and(|(schema, _)| self.allows_null(schema, &mut Default::default()))
    }

    /// [`Self::allows_null_boxed`] for a schema; `known` holds the answers found so far, so each
    /// schema is looked at once (recursive unions stay linear; one met again inside itself
    /// counts as not admitting `null`).
    fn allows_null(
        &self,
        schema: &'a Schema,
        known: &mut std::collections::HashMap<*const Schema, bool>,
    ) -> bool {
        if schema.schema_data.nullable {
            return true;
        }
        if let Some(&answer) = known.get(&(schema as *const Schema)) {
            return answer;
        }
        known.insert(schema, false);
        let mut member = |item: &'a ReferenceOr<Schema>| {
            self.resolve(item, "")
                .is_ok_and(|(schema, _)| self.allows_null(schema, known))
        };
        let answer = match &schema.schema_kind {
            // A member of nothing but annotations (`{description: ...}`) constrains nothing.
            SchemaKind::AllOf { all_of } => {
                let constrains = |item: &&'a ReferenceOr<Schema>| !matches!(item, ReferenceOr::Item(schema) if is_annotation_only(schema));
                let mut constraining = all_of.iter().filter(constrains).peekable();
                constraining.peek().is_some() && constraining.all(&mut member)
            }
            SchemaKind::OneOf { one_of: list } | SchemaKind::AnyOf { any_of: list } => {
                list.iter().any(&mut member)
            }
            _ => false,
        };
        known.insert(schema, answer);
        answer
    }
}

/// A schema of nothing but annotations (`description`, `nullable`, ...): it constrains and shapes
/// nothing (`{}`, and 3.1's `true`; `not` of it is 3.1's `false`).
pub fn is_annotation_only(schema: &Schema) -> bool {
    matches!(&schema.schema_kind, SchemaKind::Any(any) if *any == openapiv3::AnySchema::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: &str = "
openapi: 3.0.3
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    Pet: {type: object}
    Alias: {$ref: '#/components/schemas/Pet'}
    Loop1: {$ref: '#/components/schemas/Loop2'}
    Loop2: {$ref: '#/components/schemas/Loop1'}
";

    #[test]
    fn follows_chains_and_reports_dangling_refs_and_loops() {
        let api = crate::read::parse(SPEC).expect("valid").api;
        let resolver = Resolver::new(&api);
        let alias = ReferenceOr::<Schema>::Reference {
            reference: "#/components/schemas/Alias".into(),
        };
        let (_, pointer) = resolver.resolve(&alias, "#/x").expect("resolves");
        assert_eq!(pointer, "#/components/schemas/Pet");

        let dangling = ReferenceOr::<Schema>::Reference {
            reference: "#/components/schemas/Nope".into(),
        };
        let error = resolver.resolve(&dangling, "#/x").expect_err("dangling");
        assert_eq!(error.pointer, "#/x/$ref");
        assert_eq!(error.code, Code::RefNotFound);

        let looping = ReferenceOr::<Schema>::Reference {
            reference: "#/components/schemas/Loop1".into(),
        };
        let error = resolver.resolve(&looping, "#/x").expect_err("loop");
        assert_eq!(error.code, Code::RefCycle);

        let external = ReferenceOr::<Schema>::Reference {
            reference: "other.yaml#/Pet".into(),
        };
        let error = resolver.resolve(&external, "#/x").expect_err("external");
        assert_eq!(error.code, Code::RefExternal);
    }

    #[test]
    fn null_is_admitted_through_refs_and_compositions_and_loops_end() {
        let spec = "
openapi: 3.0.3
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    Null: {type: string, nullable: true}
    Text: {type: string}
    Wrapped: {allOf: [$ref: '#/components/schemas/Null']}
    Mixed: {allOf: [$ref: '#/components/schemas/Null', $ref: '#/components/schemas/Text']}
    Either: {oneOf: [$ref: '#/components/schemas/Text', $ref: '#/components/schemas/Wrapped']}
    Neither: {anyOf: [$ref: '#/components/schemas/Text', $ref: '#/components/schemas/Mixed']}
    Self: {oneOf: [$ref: '#/components/schemas/Self', $ref: '#/components/schemas/Self2']}
    Self2: {anyOf: [$ref: '#/components/schemas/Self', $ref: '#/components/schemas/Null']}
    Described: {allOf: [$ref: '#/components/schemas/Null', {description: d}]}
";
        let api = crate::read::parse(spec).expect("valid").api;
        let resolver = Resolver::new(&api);
        let admits = |name: &str| {
            resolver.allows_null_of(&ReferenceOr::Reference {
                reference: format!("#/components/schemas/{name}"),
            })
        };
        let answers: Vec<_> = [
            "Null", "Text", "Wrapped", "Mixed", "Either", "Neither", "Self",
        ]
        .map(|name| (name, admits(name)))
        .into();
        let expected = [true, false, true, false, true, false, true];
        assert_eq!(
            answers.iter().map(|(_, a)| *a).collect::<Vec<_>>(),
            expected,
            "{answers:?}"
        );
    }
}
