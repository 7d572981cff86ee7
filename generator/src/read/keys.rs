//! Every extension key (`x-...`, OpenAPI 3.0 §4.8 Specification Extensions) the generator reads
//! or writes, in one place.
//!
//! Keys `x-oapigen-*` are private: the reading stage writes them into the document it lowers to
//! the 3.0 model, to carry a fact of the file that the model cannot hold to the analysis stage.
//! They never come from a user's spec (a spec that writes one is read as if the reading had).
//! The other keys are vendors' extensions that the analysis reads as the tools that write them
//! mean them.

/// `x-oapigen-default-null: true`: the schema's `default` is `null`. The typed 3.0 model reads
/// `default: null` as no default at all; the difference matters to an optional nullable field
/// (absent, `null` or a value: `types::Field::tri_state`). Written by the 3.1 lowering
/// (`openapi31`), read by `types::defaults`.
pub const DEFAULT_NULL: &str = "x-oapigen-default-null";

/// Extensions that name an integer enum's values, position by position (a string enum's are
/// named from its values):
/// `x-enum-varnames` (openapi-generator, swaggo) and `x-enumNames` (NSwag). Read by
/// `types::enums`.
pub const ENUM_VARIANT_NAMES: &[&str] = &["x-enum-varnames", "x-enumNames"];

/// Extension that describes an enum's values, position by position (one description per value of
/// `enum`, as written, nulls included): `x-enum-descriptions` (openapi-generator). Each becomes
/// its variant's doc comment; a list whose length is not the `enum`'s is not used. Read by
/// `types::enums`, for string and integer enums.
pub const ENUM_DESCRIPTIONS: &[&str] = &["x-enum-descriptions"];

/// Swagger 2.0's `x-nullable` (2.0 has no `nullable`): the 2.0 lowering (`swagger2`) turns it
/// into 3.0's `nullable`.
pub const NULLABLE_2_0: &str = "x-nullable";

/// AutoRest's `x-ms-pageable` on an operation (`{nextLinkName, itemName}`): its next page's URL
/// is in the body field `nextLinkName`, its items in `itemName`. Read by
/// `operations::pagination::extensions`, like the three keys below.
pub const MS_PAGEABLE: &str = "x-ms-pageable";

/// Speakeasy's `x-speakeasy-pagination` on an operation (`{type: cursor|offsetLimit|url, inputs,
/// outputs}`, outputs as JSONPath).
pub const SPEAKEASY_PAGINATION: &str = "x-speakeasy-pagination";

/// Fern's `x-fern-pagination` on an operation (`{cursor, next_cursor, results}`, `{next_uri,
/// results}` or `{offset, step, results, has_next_page}`, as `$request.x` / `$response.y`).
pub const FERN_PAGINATION: &str = "x-fern-pagination";

/// Dropshot's `x-dropshot-pagination` on an operation: its one shape, `?page_token=` from the
/// body's `next_page`, items in `items`.
pub const DROPSHOT_PAGINATION: &str = "x-dropshot-pagination";
