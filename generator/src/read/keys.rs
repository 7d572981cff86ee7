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
