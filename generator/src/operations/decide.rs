//! The decisions about operations that need the finished types, made once, before emission: how
//! each parameter is passed ([`ParamShape`]), what a params struct derives, how a multipart body is
//! split into parts, which operations share one params struct, headers struct or error enum,
//! which types the client sends or receives (for [`crate::types::usage`]), and the parameters
//! listed in a method's doc.

use super::{
    HeaderReading, Media, MultipartPart, Operation, Param, ParamShape, PartKind, ResponseHeader,
    Status,
};
use crate::types::usage::Roots;
use crate::types::{Field, Ty, TypeKind, TypeTable};
use std::collections::HashMap;
use std::hash::Hash;

/// Makes every decision of the module's operations.
pub fn decide(operations: &mut [Operation], table: &TypeTable) {
    for operation in operations.iter_mut() {
        for param in &mut operation.params {
            param.shape = param_shape(&param.ty, table);
        }
        if operation.params_struct.is_none() && !operation.params.is_empty() {
            // Arguments have no docs of their own: the method's doc lists them.
            operation
                .doc
                .extend([String::new(), " # Parameters".to_owned()]);
            for param in &operation.params {
                let first = param.doc.first().map(|line| line.trim()).unwrap_or("");
                let line = format!(" - `{}`: {first}", param.name.bare());
                operation.doc.push(line);
            }
        }
        if let Some(params_struct) = &mut operation.params_struct {
            // A required parameter of a named type (a struct, an enum without a default) has no
            // `Default`; anything else does (`Option`s, text, numbers, lists).
            params_struct.derive_default = operation.params.iter().all(|param| {
                let ty = table.resolve(&param.ty);
                !param.required || !matches!(ty, Ty::Named(_)) && table.scalar_has_default(ty)
            });
        }
        if let Some(body) = operation
            .body
            .as_mut()
            .filter(|b| b.media == Media::Multipart)
        {
            body.parts = multipart_parts(&body.ty, &body.part_types, table);
        }
        if let Some(headers) = &mut operation.headers_struct {
            for header in &mut headers.fields {
                header.reading = header_reading(&header.ty, table);
                if header.reading == HeaderReading::Text {
                    header.ty = Ty::String;
                }
            }
        }
    }
    share_identical_items(operations);
}

/// How a declared header's text is read: as parameters are written (`simple` style), so what a
/// parameter of its type would send as text or a list is parsed back that way; anything else
/// (objects, unions) stays text.
fn header_reading(ty: &Ty, table: &TypeTable) -> HeaderReading {
    match param_shape(ty, table) {
        ParamShape::Text | ParamShape::Copy | ParamShape::Owned => HeaderReading::Value,
        ParamShape::List { .. } => HeaderReading::List,
        ParamShape::Json => HeaderReading::Text,
    }
}

/// How a parameter of type `ty` is passed: text by `&str`, numbers, booleans and enums by value
/// (borrowed from a params struct when not `Copy`), arrays of those as slices, anything else as
/// its JSON text.
pub fn param_shape(ty: &Ty, table: &TypeTable) -> ParamShape {
    match table.resolve(ty) {
        Ty::String => ParamShape::Text,
        Ty::Bool | Ty::I32 | Ty::I64 | Ty::U64 | Ty::F64 => ParamShape::Copy,
        Ty::DateTime | Ty::Date | Ty::Uuid => ParamShape::Copy,
        Ty::Vec(item)
            if matches!(
                param_shape(item, table),
                ParamShape::Text | ParamShape::Copy | ParamShape::Owned
            ) =>
        {
            ParamShape::List {
                item: (**item).clone(),
            }
        }
        Ty::Named(id) => match &table.get(*id).kind {
            kind if kind.is_copy_enum() => ParamShape::Copy,
            TypeKind::Enum { .. } => ParamShape::Owned,
            _ => ParamShape::Json,
        },
        _ => ParamShape::Json,
    }
}

/// The parts of a multipart body of type `ty` (a struct; anything else has none): one per
/// property, text for scalars, a part per item for arrays of scalars, a file part for bytes, JSON
/// for anything else.
fn multipart_parts(
    ty: &Ty,
    part_types: &[(String, String)],
    table: &TypeTable,
) -> Vec<MultipartPart> {
    let Some(TypeKind::Struct(fields)) = ty.named().map(|id| &table.get(id).kind) else {
        return Vec::new();
    };
    fields
        .iter()
        .map(|field| {
            let kind = match (table.resolve(&field.ty), param_shape(&field.ty, table)) {
                (Ty::Bytes, _) => PartKind::Bytes,
                (Ty::Base64, _) => PartKind::Base64,
                (Ty::Vec(item), _) if *table.resolve(item) == Ty::Bytes => PartKind::BytesList,
                (_, ParamShape::Text) => PartKind::Text,
                // A boxed field (a type that contains itself) is not `Copy`.
                (_, ParamShape::Copy) if !field.boxed => PartKind::Copy,
                (_, ParamShape::Owned) if !field.boxed => PartKind::Owned,
                (_, ParamShape::List { .. }) => PartKind::List,
                _ => PartKind::Json,
            };
            let declared = part_types
                .iter()
                .find(|(property, _)| *property == field.wire);
            let content_type = match (declared, kind) {
                (Some((_, declared)), _) => Some(declared.clone()),
                (None, PartKind::Bytes | PartKind::BytesList) => {
                    Some("application/octet-stream".to_owned())
                }
                (None, PartKind::Json) => Some("application/json".to_owned()),
                (None, _) => None,
            };
            MultipartPart {
                field: field.name.clone(),
                wire: field.wire.clone(),
                kind,
                optional: field.is_option(),
                tri_state: field.tri_state,
                content_type,
            }
        })
        .collect()
}

/// Items that several operations would write out the same are written once, for the first of
/// them: the others' are type aliases of it, which keep their names and cost the compiler next to
/// nothing. GitHub documents `404: BasicError` alone on 75 operations (one error enum), a `Link`
/// header on 148 (one headers struct) and `owner, repo, per_page, page` on dozens (one params
/// struct). What an item is written from is its key, with the features it stands behind: behind
/// other features, the first one may not be there.
fn share_identical_items(operations: &mut [Operation]) {
    let mut params: HashMap<(Vec<Field>, bool, Vec<String>), String> = HashMap::new();
    let mut headers: HashMap<(Vec<ResponseHeader>, Vec<String>), String> = HashMap::new();
    let mut errors: HashMap<(Vec<ErrorKey>, Vec<String>), String> = HashMap::new();
    for operation in operations.iter_mut() {
        let features = &operation.features;
        if let Some(params_struct) = &mut operation.params_struct {
            let fields: Vec<Field> = operation.params.iter().map(Param::as_field).collect();
            let key = (fields, params_struct.derive_default, features.clone());
            params_struct.same_as = first_of(&mut params, key, &params_struct.name);
        }
        if let Some(headers_struct) = &mut operation.headers_struct {
            let key = (headers_struct.fields.clone(), features.clone());
            headers_struct.same_as = first_of(&mut headers, key, &headers_struct.name);
        }
        if let Some(error_enum) = &mut operation.error_enum {
            let errors_documented: Vec<ErrorKey> = (operation.responses.iter())
                .filter(|o| !o.status.is_success())
                // What the enum is written from; how a body is read is the method's.
                .map(|o| {
                    let payload = o.body.as_ref().map(|body| (body.ty.clone(), body.boxed));
                    (o.status, o.variant.clone(), payload, o.description.clone())
                })
                .collect();
            let key = (errors_documented, features.clone());
            error_enum.same_as = first_of(&mut errors, key, &error_enum.name);
        }
    }
}

/// What an error enum's variant is written from: its status, name, payload (type, boxed) and doc.
type ErrorKey = (Status, String, Option<(Ty, bool)>, String);

/// The name of the first item written from `key`; `None` (and `name` is that first) if none was.
fn first_of<K: Eq + Hash>(firsts: &mut HashMap<K, String>, key: K, name: &str) -> Option<String> {
    match firsts.get(&key) {
        Some(first) => Some(first.clone()),
        None => {
            firsts.insert(key, name.to_owned());
            None
        }
    }
}

/// The types the methods serialise (request bodies, parameters sent as JSON text) and deserialise
/// (response bodies), for [`crate::types::usage::mark`].
pub fn serde_roots(operations: &[Operation]) -> Roots<'_> {
    let mut roots = Roots::default();
    for operation in operations {
        for param in &operation.params {
            if param.shape == ParamShape::Json {
                roots.sent.push(&param.ty);
            } else {
                roots.other.push(&param.ty);
            }
        }
        if let Some(body) = &operation.body {
            roots.sent.push(&body.ty);
        }
        let responses = operation.methods().flat_map(|method| method.responses);
        for body in responses.filter_map(|o| o.body.as_ref()) {
            roots.received.push(&body.ty);
        }
        for header in operation.headers_struct.iter().flat_map(|h| &h.fields) {
            roots.received.push(&header.ty);
        }
    }
    roots
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::module::analyse;
    use crate::types::TypeTable;

    const SPEC: &str = "
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /pets/{id}:
    get:
      operationId: getPet
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
        - {name: color, in: query, required: true, schema: {$ref: '#/components/schemas/Color'}}
        - {name: ids, in: query, schema: {$ref: '#/components/schemas/Ids'}}
        - {name: filter, in: query, schema: {type: object, properties: {a: {type: string}}}}
        - {name: limit, in: query, schema: {type: integer, format: int32}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}
        '404': {description: gone}
  /pets:
    post:
      operationId: addPet
      parameters:
        - {name: pet, in: query, required: true, schema: {$ref: '#/components/schemas/Pet'}}
      requestBody:
        content:
          multipart/form-data:
            schema:
              type: object
              required: [file]
              properties:
                file: {type: string, format: binary}
                name: {type: string}
                count: {type: integer}
                tags: {type: array, items: {type: string}}
                owner: {$ref: '#/components/schemas/Pet'}
      responses:
        '204': {description: added}
        '404': {description: gone}
    delete:
      operationId: clearPets
      responses:
        '204': {description: cleared}
        '404': {description: not there}
components:
  schemas:
    Color: {type: string, enum: [red, blue]}
    Ids: {type: array, items: {type: integer}}
    Pet: {type: object, properties: {name: {type: string}}}
";

    #[test]
    fn each_parameter_is_passed_as_its_type_allows() {
        let module = analyse(SPEC);
        let shapes: Vec<(&str, &ParamShape)> = module.operations[0]
            .params
            .iter()
            .map(|param| (param.name.bare(), &param.shape))
            .collect();
        assert_eq!(
            shapes,
            [
                ("id", &ParamShape::Text),
                ("color", &ParamShape::Owned), // a string enum, open
                ("ids", &ParamShape::List { item: Ty::I64 }), // through the alias
                ("filter", &ParamShape::Json),
                ("limit", &ParamShape::Copy),
            ]
        );
        // getPet's required parameters are text and an enum without a default: no `Default`
        // for the enum, so none for the struct.
        let params = module.operations[0]
            .params_struct
            .as_ref()
            .expect("params struct");
        assert!(!params.derive_default);
        let types: &TypeTable = &module.types;
        let roots = serde_roots(&module.operations);
        let sent: Vec<&str> = roots
            .sent
            .iter()
            .filter_map(|ty| ty.named().map(|id| types.name(id)))
            .collect();
        // `filter` and `pet` travel as JSON text, the multipart body as a body.
        assert_eq!(sent, ["GetPetFilter", "Pet", "AddPetBody"]);
    }

    #[test]
    fn a_multipart_body_has_a_part_per_property() {
        let module = analyse(SPEC);
        let body = module.operations[1].body.as_ref().expect("body");
        let parts: Vec<(&str, PartKind, bool)> = body
            .parts
            .iter()
            .map(|part| (part.wire.as_str(), part.kind, part.optional))
            .collect();
        assert_eq!(
            parts,
            [
                ("file", PartKind::Bytes, false),
                ("name", PartKind::Text, true),
                ("count", PartKind::Copy, true),
                ("tags", PartKind::List, true),
                ("owner", PartKind::Json, true),
            ]
        );
    }

    #[test]
    fn operations_with_the_same_errors_share_the_first_ones_enum() {
        let module = analyse(SPEC);
        let enums: Vec<(&str, Option<&str>)> = module
            .operations
            .iter()
            .map(|operation| {
                let error = operation.error_enum.as_ref().expect("error enum");
                (error.name.as_str(), error.same_as.as_deref())
            })
            .collect();
        assert_eq!(
            enums,
            [
                ("GetPetError", None),
                ("AddPetError", Some("GetPetError")),
                ("ClearPetsError", None), // another description: another enum
            ]
        );
        // Response bodies of a named type are boxed in enum variants; others are not.
        let ok = module.operations[0].responses[0]
            .body
            .as_ref()
            .expect("body");
        assert!(ok.boxed);
    }
}
