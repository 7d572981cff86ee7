//! `convert`: method names, path templates, parameters, params structs, security, flags.

use super::{operation, param, spec, type_name, warnings_at};
use crate::diagnostics::Code;
use crate::module::{analyse, analyse_with_warnings};
use crate::operations::{Location, Operation, PathPart, SchemeUse};
use crate::types::Ty;

/// The path template as its parts: literals as written, parameters as `{wire}`.
fn template(operation: &Operation) -> Vec<String> {
    (operation.path.iter())
        .map(|part| match part {
            PathPart::Literal(text) => text.clone(),
            PathPart::Param(index) => format!("{{{}}}", operation.params[*index].wire),
        })
        .collect()
}

/// The method names of the module's operations, in spec order.
fn method_names(module: &crate::module::Module) -> Vec<&str> {
    (module.operations.iter())
        .map(|op| op.method_name.bare())
        .collect()
}

#[test]
fn the_method_name_is_the_operation_id_in_snake_case() {
    // §4.7.10 Operation Object `operationId`: "Tools and libraries MAY use the operationId to
    // uniquely identify an operation, therefore, it is RECOMMENDED to follow common programming
    // naming conventions."
    let module = analyse(&spec(
        "
paths:
  /pets:
    get: {operationId: listPets, responses: {'200': {description: ok}}}
    post: {operationId: Create-Pet, responses: {'201': {description: ok}}}
",
    ));
    assert_eq!(method_names(&module), ["list_pets", "create_pet"]);
    assert_eq!(operation(&module, "list_pets").http_method, "GET");
    assert_eq!(operation(&module, "create_pet").http_method, "POST");
}

#[test]
fn without_an_operation_id_the_method_name_comes_from_the_method_and_the_path() {
    // §4.7.10: `operationId` is optional; a template expression (§3.2 Path Templating) becomes
    // `by_<name>`.
    let module = analyse(&spec(
        "
paths:
  /pets/{petId}/toys:
    get:
      parameters: [{name: petId, in: path, required: true, schema: {type: string}}]
      responses: {'200': {description: ok}}
  /:
    delete: {responses: {'204': {description: ok}}}
",
    ));
    assert_eq!(method_names(&module), ["get_pets_by_pet_id_toys", "delete"]);
}

#[test]
fn a_method_name_the_client_defines_itself_is_never_taken() {
    let module = analyse(&spec(
        "
paths:
  /a:
    get: {operationId: new, responses: {'200': {description: ok}}}
  /b:
    get: {operationId: withBaseUrl, responses: {'200': {description: ok}}}
",
    ));
    // `Client::new` and `Client::with_base_url` exist: the operations take the next free names.
    assert_eq!(method_names(&module), ["new2", "with_base_url2"]);
}

#[test]
fn a_repeated_operation_id_gives_distinct_methods_and_a_warning() {
    // §4.7.10: "The id MUST be unique among all operations described in the API."
    let (module, warnings) = analyse_with_warnings(&spec(
        "
paths:
  /a:
    get: {operationId: getThing, responses: {'200': {description: ok}}}
  /b:
    get: {operationId: getThing, responses: {'200': {description: ok}}}
",
    ));
    assert_eq!(method_names(&module), ["get_thing", "get_thing2"]);
    let at_second = warnings_at(&warnings, "#/paths/~1b/get/operationId");
    assert_eq!(at_second, [Code::DuplicateOperationId], "{warnings}");
    assert!(warnings_at(&warnings, "#/paths/~1a/get/operationId").is_empty());
}

#[test]
fn the_path_template_is_split_into_literals_and_its_parameters() {
    // §3.2 Path Templating: `{name}` expressions are replaced by path parameters; the index of a
    // part is the parameter's, whatever order the parameters are declared in.
    let module = analyse(&spec(
        "
paths:
  /users/{userId}/posts/{postId}.json:
    get:
      operationId: getPost
      parameters:
        - {name: postId, in: path, required: true, schema: {type: integer}}
        - {name: userId, in: path, required: true, schema: {type: string}}
      responses: {'200': {description: ok}}
",
    ));
    let get_post = operation(&module, "get_post");
    assert_eq!(
        template(get_post),
        ["/users/", "{userId}", "/posts/", "{postId}", ".json"]
    );
}

#[test]
fn a_template_name_without_a_declared_parameter_is_a_required_string_with_a_warning() {
    // §3.2 Path Templating: "Each template expression in the path MUST correspond to a path
    // parameter"; a spec that forgets one still gets its method.
    let (module, warnings) = analyse_with_warnings(&spec(
        "
paths:
  /files/{fileId}:
    get: {operationId: getFile, responses: {'200': {description: ok}}}
",
    ));
    let get_file = operation(&module, "get_file");
    let file_id = param(get_file, "fileId");
    assert_eq!(
        (file_id.location, &file_id.ty, file_id.required),
        (Location::Path, &Ty::String, true)
    );
    assert_eq!(template(get_file), ["/files/", "{fileId}"]);
    let at_operation = warnings_at(&warnings, "#/paths/~1files~1{fileId}/get");
    assert!(
        at_operation.contains(&Code::UndeclaredPathParameter),
        "{warnings}"
    );
}

#[test]
fn each_parameter_keeps_its_location_wire_name_and_schema_type() {
    // §4.7.12 Parameter Object: `name` (case sensitive), `in`, and `schema`.
    let module = analyse(&spec(
        "
paths:
  /items/{itemId}:
    get:
      operationId: getItem
      parameters:
        - {name: itemId, in: path, required: true, schema: {type: integer, format: int64}}
        - {name: limit, in: query, schema: {type: integer, format: int32}}
        - {name: tags, in: query, schema: {type: array, items: {type: string}}}
        - {name: state, in: query, schema: {$ref: '#/components/schemas/State'}}
        - {name: X-Request-Id, in: header, schema: {type: string}}
        - {name: session, in: cookie, schema: {type: boolean}}
      responses: {'200': {description: ok}}
components:
  schemas:
    State: {type: string, enum: [open, closed]}
",
    ));
    let get_item = operation(&module, "get_item");
    let seen: Vec<(&str, &str, Location)> = (get_item.params.iter())
        .map(|p| (p.name.bare(), p.wire.as_str(), p.location))
        .collect();
    assert_eq!(
        seen,
        [
            ("item_id", "itemId", Location::Path),
            ("limit", "limit", Location::Query),
            ("tags", "tags", Location::Query),
            ("state", "state", Location::Query),
            ("x_request_id", "X-Request-Id", Location::Header),
            ("session", "session", Location::Cookie),
        ]
    );
    assert_eq!(param(get_item, "itemId").ty, Ty::I64);
    assert_eq!(param(get_item, "limit").ty, Ty::I32);
    assert_eq!(param(get_item, "tags").ty, Ty::Vec(Box::new(Ty::String)));
    assert_eq!(type_name(&module, &param(get_item, "state").ty), "State");
    assert_eq!(param(get_item, "X-Request-Id").ty, Ty::String);
    assert_eq!(param(get_item, "session").ty, Ty::Bool);
}

#[test]
fn only_path_parameters_are_required_without_saying_so() {
    // §4.7.12 `required`: for a path parameter it "is REQUIRED and its value MUST be true";
    // elsewhere "its default value is false".
    let module = analyse(&spec(
        "
paths:
  /things/{id}:
    get:
      operationId: getThing
      parameters:
        - {name: id, in: path, schema: {type: string}}
        - {name: q, in: query, schema: {type: string}}
        - {name: X-Trace, in: header, required: true, schema: {type: string}}
        - {name: c, in: cookie, schema: {type: string}}
      responses: {'200': {description: ok}}
",
    ));
    let get_thing = operation(&module, "get_thing");
    let required: Vec<(&str, bool)> = (get_thing.params.iter())
        .map(|p| (p.wire.as_str(), p.required))
        .collect();
    assert_eq!(
        required,
        [("id", true), ("q", false), ("X-Trace", true), ("c", false)]
    );
}

#[test]
fn each_style_has_its_default_explode_and_separator() {
    // §4.7.12 `style` defaults by `in`: query and cookie `form`, path and header `simple`;
    // `explode` defaults to true for `form` and false for every other style. §4.7.12.3 Style
    // Values: `spaceDelimited` and `pipeDelimited` join an array's items with a space and `|`.
    let module = analyse(&spec(
        "
paths:
  /x/{p}:
    get:
      operationId: styles
      parameters:
        - {name: p, in: path, required: true, schema: {$ref: '#/components/schemas/Ids'}}
        - {name: form, in: query, schema: {$ref: '#/components/schemas/Ids'}}
        - {name: joined, in: query, explode: false, schema: {$ref: '#/components/schemas/Ids'}}
        - {name: spaced, in: query, style: spaceDelimited, schema: {$ref: '#/components/schemas/Ids'}}
        - {name: piped, in: query, style: pipeDelimited, schema: {$ref: '#/components/schemas/Ids'}}
        - {name: X-Ids, in: header, schema: {$ref: '#/components/schemas/Ids'}}
        - {name: ids, in: cookie, schema: {$ref: '#/components/schemas/Ids'}}
      responses: {'200': {description: ok}}
components:
  schemas:
    Ids: {type: array, items: {type: integer}}
",
    ));
    let styles = operation(&module, "styles");
    let seen: Vec<(&str, bool, &str)> = (styles.params.iter())
        .map(|p| (p.wire.as_str(), p.explode, p.separator))
        .collect();
    assert_eq!(
        seen,
        [
            ("p", false, ","),
            ("form", true, ","),
            ("joined", false, ","),
            ("spaced", false, " "),
            ("piped", false, "|"),
            ("X-Ids", false, ","),
            ("ids", true, ","),
        ]
    );
}

#[test]
fn a_path_level_parameter_applies_to_every_operation_of_the_path() {
    // §4.7.9 Path Item Object `parameters`: "applicable for all the operations described under
    // this path".
    let module = analyse(&spec(
        "
paths:
  /pets/{petId}:
    parameters: [{name: petId, in: path, required: true, schema: {type: integer}}]
    get: {operationId: getPet, responses: {'200': {description: ok}}}
    delete: {operationId: deletePet, responses: {'204': {description: ok}}}
",
    ));
    for name in ["get_pet", "delete_pet"] {
        let pet_id = param(operation(&module, name), "petId");
        assert_eq!((pet_id.location, &pet_id.ty), (Location::Path, &Ty::I64));
        assert_eq!(template(operation(&module, name)), ["/pets/", "{petId}"]);
    }
}

#[test]
fn an_operation_parameter_overrides_the_path_level_one_of_the_same_name_and_location() {
    // §4.7.9 `parameters`: overridden at the operation level, "but cannot be removed there. ...
    // A unique parameter is defined by a combination of a name and location."
    let module = analyse(&spec(
        "
paths:
  /pets:
    parameters:
      - {name: limit, in: query, schema: {type: integer}}
      - {name: v, in: header, schema: {type: string}}
    get:
      operationId: listPets
      parameters:
        - {name: limit, in: query, required: true, schema: {type: string}}
        - {name: v, in: query, schema: {type: integer}}
      responses: {'200': {description: ok}}
",
    ));
    let list_pets = operation(&module, "list_pets");
    let mut seen: Vec<(&str, Location, &Ty, bool)> = (list_pets.params.iter())
        .map(|p| (p.wire.as_str(), p.location, &p.ty, p.required))
        .collect();
    seen.sort_by_key(|(wire, location, ..)| (*wire, *location as u8));
    assert_eq!(
        seen,
        [
            // The operation's `limit` only: required, a string.
            ("limit", Location::Query, &Ty::String, true),
            // `v` in a header and `v` in the query are two parameters.
            ("v", Location::Query, &Ty::I64, false),
            ("v", Location::Header, &Ty::String, false),
        ]
    );
}

#[test]
fn a_referenced_parameter_is_the_component_it_names() {
    // §4.7.23 Reference Object, §4.7.7 Components `parameters`; at both levels of §4.7.9.
    let module = analyse(&spec(
        "
paths:
  /pets:
    parameters: [{$ref: '#/components/parameters/Page'}]
    get:
      operationId: listPets
      parameters: [{$ref: '#/components/parameters/PageSize'}]
      responses: {'200': {description: ok}}
components:
  parameters:
    Page: {name: page, in: query, schema: {type: integer, format: int32}}
    PageSize: {name: per_page, in: query, required: true, schema: {type: integer, format: int32}}
",
    ));
    let list_pets = operation(&module, "list_pets");
    let seen: Vec<(&str, &str, Location, &Ty, bool)> = (list_pets.params.iter())
        .map(|p| {
            (
                p.name.bare(),
                p.wire.as_str(),
                p.location,
                &p.ty,
                p.required,
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("page", "page", Location::Query, &Ty::I32, false),
            ("per_page", "per_page", Location::Query, &Ty::I32, true),
        ]
    );
}

#[test]
fn accept_content_type_and_authorization_header_parameters_are_ignored_with_a_warning() {
    // §4.7.12 `name`: "If in is "header" and the name field is "Accept", "Content-Type" or
    // "Authorization", the parameter definition SHALL be ignored." Only in a header: a query
    // parameter `accept` is an ordinary one.
    let (module, warnings) = analyse_with_warnings(&spec(
        "
paths:
  /pets:
    get:
      operationId: listPets
      parameters:
        - {name: Accept, in: header, schema: {type: string}}
        - {name: content-type, in: header, schema: {type: string}}
        - {name: Authorization, in: header, required: true, schema: {type: string}}
        - {name: X-Api-Version, in: header, schema: {type: string}}
        - {name: accept, in: query, schema: {type: string}}
      responses: {'200': {description: ok}}
",
    ));
    let list_pets = operation(&module, "list_pets");
    let kept: Vec<(&str, Location)> = (list_pets.params.iter())
        .map(|p| (p.wire.as_str(), p.location))
        .collect();
    assert_eq!(
        kept,
        [
            ("X-Api-Version", Location::Header),
            ("accept", Location::Query)
        ]
    );
    for index in 0..5 {
        let at = warnings_at(&warnings, &format!("#/paths/~1pets/get/parameters/{index}"));
        let ignored = at.contains(&Code::IgnoredHeaderParameter);
        assert_eq!(ignored, index < 3, "parameter {index}: {at:?}");
    }
}

#[test]
fn parameter_names_avoid_each_other_and_the_method_locals() {
    let module = analyse(&spec(
        "
paths:
  /search:
    get:
      operationId: search
      parameters:
        - {name: body, in: query, schema: {type: string}}
        - {name: pageSize, in: query, schema: {type: integer}}
        - {name: page_size, in: header, schema: {type: integer}}
        - {name: type, in: query, schema: {type: string}}
      responses: {'200': {description: ok}}
",
    ));
    let names: Vec<&str> = (operation(&module, "search").params.iter())
        .map(|p| p.name.bare())
        .collect();
    // `body` is a local of the generated method; `type` stays (a raw identifier).
    assert_eq!(names, ["body2", "page_size", "page_size2", "type"]);
}

#[test]
fn a_params_struct_carries_more_than_three_parameters_or_any_optional_one() {
    let module = analyse(&spec(
        "
paths:
  /a/{p1}/{p2}/{p3}:
    parameters:
      - {name: p1, in: path, required: true, schema: {type: string}}
      - {name: p2, in: path, required: true, schema: {type: string}}
      - {name: p3, in: path, required: true, schema: {type: string}}
    get: {operationId: three, responses: {'200': {description: ok}}}
    put:
      operationId: four
      parameters: [{name: q, in: query, required: true, schema: {type: string}}]
      responses: {'200': {description: ok}}
  /b:
    get:
      operationId: optional
      parameters: [{name: q, in: query, schema: {type: string}}]
      responses: {'200': {description: ok}}
    put: {operationId: none, responses: {'200': {description: ok}}}
",
    ));
    let struct_name = |name: &str| {
        let params_struct = operation(&module, name).params_struct.as_ref();
        params_struct.map(|s| s.name.clone())
    };
    assert_eq!(struct_name("three"), None);
    assert_eq!(struct_name("four").as_deref(), Some("FourParams"));
    assert_eq!(struct_name("optional").as_deref(), Some("OptionalParams"));
    assert_eq!(struct_name("none"), None);
}

#[test]
fn the_operation_keeps_its_deprecated_flag_and_its_tags() {
    // §4.7.10 `deprecated` (default false) and `tags`.
    let module = analyse(&spec(
        "
paths:
  /old:
    get:
      operationId: old
      deprecated: true
      tags: [legacy, pets]
      responses: {'200': {description: ok}}
  /new:
    get: {operationId: fresh, responses: {'200': {description: ok}}}
",
    ));
    let old = operation(&module, "old");
    assert!(old.deprecated);
    assert_eq!(old.tags, ["legacy", "pets"]);
    let fresh = operation(&module, "fresh");
    assert!(!fresh.deprecated);
    assert!(fresh.tags.is_empty());
}

/// Security schemes of every kind, for the security tests.
const SCHEMES: &str = "
components:
  securitySchemes:
    basic: {type: http, scheme: basic}
    token: {type: http, scheme: bearer}
    key: {type: apiKey, in: header, name: X-API-Key}
    query_key: {type: apiKey, in: query, name: api_key}
    oauth: {type: oauth2, flows: {clientCredentials: {tokenUrl: 'https://x.test/token', scopes: {}}}}
    oidc: {type: openIdConnect, openIdConnectUrl: 'https://x.test/.well-known/openid-configuration'}
";

#[test]
fn each_security_requirement_is_an_alternative_whose_schemes_all_apply() {
    // §4.7.30 Security Requirement Object: "Security Requirement Objects that contain multiple
    // schemes require that all schemes MUST be satisfied"; of a list of them, "only one ... needs
    // to be satisfied". OAuth2 and OpenID Connect (§4.7.27) both mean a bearer token, sent once.
    let module = analyse(&spec(&format!(
        "
paths:
  /pets:
    get:
      operationId: listPets
      security: [{{key: [], basic: []}}, {{oauth: [read], oidc: []}}, {{token: []}}]
      responses: {{'200': {{description: ok}}}}
{SCHEMES}"
    )));
    let key = SchemeUse::ApiKey {
        scheme: "key".to_owned(),
        location: Location::Header,
        name: "X-API-Key".to_owned(),
    };
    // The third alternative is the second one again: listed once.
    assert_eq!(
        operation(&module, "list_pets").security,
        [vec![key, SchemeUse::Basic], vec![SchemeUse::Bearer]]
    );
}

#[test]
fn the_operation_security_replaces_the_document_security() {
    // §4.7.10 `security`: "This definition overrides any declared top-level security. To remove
    // a top-level security declaration, an empty array can be used." And: "To make security
    // optional, an empty security requirement (`{}`) can be included in the array."
    let module = analyse(&spec(&format!(
        "
security: [{{token: []}}]
paths:
  /a:
    get: {{operationId: inherits, responses: {{'200': {{description: ok}}}}}}
    put: {{operationId: removes, security: [], responses: {{'200': {{description: ok}}}}}}
    post:
      operationId: optional
      security: [{{query_key: []}}, {{}}]
      responses: {{'200': {{description: ok}}}}
{SCHEMES}"
    )));
    let security = |name: &str| operation(&module, name).security.clone();
    assert_eq!(security("inherits"), [vec![SchemeUse::Bearer]]);
    assert_eq!(security("removes"), Vec::<Vec<SchemeUse>>::new());
    let query_key = SchemeUse::ApiKey {
        scheme: "query_key".to_owned(),
        location: Location::Query,
        name: "api_key".to_owned(),
    };
    assert_eq!(security("optional"), [vec![query_key], vec![]]);
}

#[test]
fn a_requirement_naming_an_undefined_scheme_is_left_out_with_one_warning() {
    // §4.7.30: each name "MUST correspond to a security scheme which is declared in the Security
    // Schemes under the Components Object"; an alternative that cannot be met is not offered.
    let (module, warnings) = analyse_with_warnings(&spec(&format!(
        "
paths:
  /a:
    get:
      operationId: one
      security: [{{missing: []}}, {{basic: []}}]
      responses: {{'200': {{description: ok}}}}
    put:
      operationId: two
      security: [{{missing: [], token: []}}]
      responses: {{'200': {{description: ok}}}}
{SCHEMES}"
    )));
    assert_eq!(operation(&module, "one").security, [vec![SchemeUse::Basic]]);
    assert!(operation(&module, "two").security.is_empty());
    let about_missing = (warnings.warnings()).filter(|w| w.code == Code::UndefinedSecurityScheme);
    assert_eq!(about_missing.count(), 1, "{warnings}");
}
