//! Property test: random but structurally valid OpenAPI 3.0.3 documents never make the generator
//! panic, and whatever it generates parses as a Rust file.
//!
//! Documents come from a hand-written, seeded PRNG (splitmix64): every case is reproducible from
//! its seed alone. Cases grow from small to large so that a failure shows up first in a small
//! document.
//!
//! - `OAPIGEN_PROPERTY_CASES=N` runs N cases instead of the default [`DEFAULT_CASES`].
//! - `OAPIGEN_PROPERTY_SEED=0x…` runs that one seed and prints its YAML (the seed a failure
//!   printed), at the largest size unless `OAPIGEN_PROPERTY_SIZE=S` says otherwise.
//!
//! The property: `generate_source` returns (no panic, no hang, no stack overflow); `Ok` code
//! parses with `syn::parse_file`; an `Err` holds at least one diagnostic and each has a message.
//!
//! The test re-executes itself as child processes that run the cases and report each on a line
//! of stdout; a child that dies (a stack overflow aborts, it cannot be caught) is blamed on the
//! case it had started, and a new child goes on with the next case. Within a child, each case
//! runs on its own thread, named after its seed, with the 8 MiB stack of a main thread (what
//! `build.rs` and the CLI get), under `catch_unwind` and a timeout. A failure prints the seed,
//! the rerun command and the YAML, which is also written to `target/tmp/`.

use oapigen::{generate_source, Config, Diagnostics};
use serde_json::{json, Map, Value};
use std::cell::RefCell;
use std::fmt::Write as _;
use std::panic::{self, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Cases run by default: a few hundred, about 15 s of CPU in a debug build.
const DEFAULT_CASES: u64 = 300;
/// Size of the largest documents (components, paths, properties per object, …).
const MAX_SIZE: usize = 10;
/// A case taking longer than this is reported as a hang.
const CASE_TIMEOUT: Duration = Duration::from_secs(5);
/// Seeds are derived from this and the case number.
const BASE_SEED: u64 = 0x0A91_6E4E_2024_0001;

// ---------------------------------------------------------------------------------------------
// PRNG

/// splitmix64: tiny, fast, and good enough to pick shapes.
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `percent`/100.
    fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn pick_str(&mut self, items: &[&str]) -> String {
        (*self.pick(items)).to_owned()
    }
}

/// The seed of case `index`: splitmix64 of the base and the index, so seeds look unrelated.
fn seed_of(index: u64) -> u64 {
    Rng(BASE_SEED ^ index.wrapping_mul(0xD1B5_4A32_D192_ED03)).next_u64()
}

// ---------------------------------------------------------------------------------------------
// Vocabularies: the awkward names real specs use.

/// Component names: case-insensitive duplicates, keywords, prelude and generated names,
/// digits first, punctuation (all within the `^[a-zA-Z0-9.\-_]+$` the spec requires).
const SCHEMA_NAMES: &[&str] = &[
    "Pet",
    "pet",
    "PET",
    "Pets",
    "pet_list",
    "PetList",
    "Pet-List",
    "pet.list",
    "Error",
    "Errors",
    "Result",
    "Option",
    "String",
    "Vec",
    "Box",
    "Some",
    "None",
    "Ok",
    "Err",
    "Client",
    "Response",
    "Request",
    "self",
    "Self",
    "type",
    "crate",
    "super",
    "fn",
    "mod",
    "1st",
    "123",
    "_",
    "__",
    "a_b",
    "A_B",
    "aB",
    "a-b",
    "a.b",
    "Body",
    "Value",
    "Default",
    "Debug",
    "Serialize",
    "serde",
    "std",
    "core",
    "runtime",
    "types",
    "Unnamed",
    "N1st",
    "Type",
    "Enum",
    "Struct",
    "HTTPError",
    "HttpError",
    "user",
    "User",
    "user_v2",
    "UserV2",
    "Node",
    "Tree",
];

/// Property and parameter names.
const FIELD_NAMES: &[&str] = &[
    "id",
    "ID",
    "Id",
    "name",
    "Name",
    "type",
    "self",
    "Self",
    "super",
    "crate",
    "fn",
    "async",
    "await",
    "dyn",
    "abstract",
    "gen",
    "try",
    "macro",
    "r#type",
    "",
    "_",
    "__",
    "1",
    "1st",
    "first-name",
    "first_name",
    "firstName",
    "FirstName",
    "@type",
    "@id",
    "$ref",
    "a.b",
    "a b",
    "ü",
    "名前",
    "😀",
    "default",
    "Option",
    "String",
    "Box",
    "Vec",
    "value",
    "kind",
    "x-y",
    "-",
    "+1",
    "content-type",
    "Content-Type",
    "Accept",
    "Authorization",
    "client",
    "body",
    "query",
    "headers",
    "request",
    "response",
    "error",
    "result",
    "page[size]",
    "filter[name]",
    "q",
    "limit",
    "offset",
    "a/b",
    "a~b",
    "tags",
    "Tags",
    "TAGS",
];

/// String enum values: empty, blank, case-insensitive duplicates, keywords, non-ASCII, digits,
/// punctuation only, quotes and backslashes.
const ENUM_STRINGS: &[&str] = &[
    "",
    " ",
    "a",
    "A",
    "a-b",
    "a_b",
    "A_B",
    "aB",
    "ab",
    "AB",
    "a b",
    "ü",
    "Ü",
    "日本語",
    "😀",
    "self",
    "Self",
    "type",
    "crate",
    "super",
    "1",
    "1a",
    "-1",
    "+",
    "-",
    "_",
    "__",
    "*",
    ".",
    "null",
    "true",
    "false",
    "None",
    "Some",
    "Other",
    "Unknown",
    "default",
    "r#type",
    "a\"b",
    "a\\b",
    "a'b",
    "{x}",
    "a\tb",
    "asc",
    "desc",
    "ASC",
    "DESC",
    "active",
    "Active",
    "ACTIVE",
    "in-progress",
    "in_progress",
    "InProgress",
    "#",
    "$",
    "%",
    "x/y",
];

/// Free text: doc comments must survive quotes, comment terminators, code fences, attributes,
/// non-ASCII and line breaks.
const TEXTS: &[&str] = &[
    "A thing.",
    "",
    "   ",
    "Line one.\n\nLine two.",
    "Has \"quotes\", 'single', and a backslash \\.",
    "Ends a comment */ and starts one /* and // more",
    "```rust\nfn main() { panic!() }\n```",
    "#[doc = \"x\"] #![allow(x)]",
    "Ünïcödé, 日本語, emoji 😀, RTL \u{202e}text",
    "Tab\tseparated\tvalues",
    "<b>HTML</b> &amp; [link](http://example.com)",
    "}{ ) ( ] [ unbalanced",
    "r#\"raw\"# and \"#",
    "Trailing newline\n",
    "\n\nLeading newlines",
];

const SEGMENTS: &[&str] = &[
    "pets",
    "users",
    "v1",
    "v2",
    "a.b",
    "items",
    "ü",
    "-",
    "_",
    "me",
    "self",
    "type",
    "search",
    "files",
    "x-y",
    "api",
    "1",
    "UPPER",
    "with~tilde",
];

const PATH_PARAMS: &[&str] = &[
    "id", "ID", "petId", "pet_id", "pet-id", "type", "self", "ü", "1", "name", "Name", "key",
    "a.b", "userId", "user_id",
];

const OPERATION_IDS: &[&str] = &[
    "getPet",
    "get_pet",
    "GetPet",
    "get-pet",
    "get pet",
    "GET_PET",
    "getPets",
    "listPets",
    "list_pets",
    "type",
    "self",
    "Self",
    "fn",
    "new",
    "with_base_url",
    "client",
    "base_url",
    "default",
    "clone",
    "fmt",
    "",
    "123",
    "1get",
    "ü",
    "日本語",
    "_",
    "-",
    "send",
    "execute",
    "request",
    "get",
    "post",
    "delete",
    "drop",
    "into",
    "from",
    "as_ref",
    "build",
    "r#type",
];

const SECURITY_NAMES: &[&str] = &[
    "basicAuth",
    "bearer",
    "bearerAuth",
    "api_key",
    "ApiKey",
    "api-key",
    "apiKey",
    "oauth2",
    "OAuth2",
    "oauth",
    "self",
    "type",
    "openId",
    "cookie",
    "token",
    "Token",
    "ü",
];

const HTTP_SCHEMES: &[&str] = &[
    "basic",
    "bearer",
    "Bearer",
    "BASIC",
    "digest",
    "negotiate",
    "hoba",
];

const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

const STRING_FORMATS: &[&str] = &[
    "date-time",
    "date",
    "time",
    "uuid",
    "byte",
    "binary",
    "password",
    "email",
    "uri",
    "url",
    "hostname",
    "ipv4",
    "ipv6",
    "int64",
    "decimal",
    "unknown-format",
    "",
];

const INTEGER_FORMATS: &[&str] = &[
    "int32", "int64", "uint8", "uint32", "uint64", "int8", "int16", "", "weird",
];
const NUMBER_FORMATS: &[&str] = &["float", "double", "decimal", "", "int32"];

const JSONISH_MEDIA: &[&str] = &[
    "application/json",
    "application/json; charset=utf-8",
    "application/vnd.api+json",
    "application/problem+json",
    "application/hal+json",
    "text/json",
    "application/xml",
    "text/xml",
    "*/*",
    "application/*",
    "text/html",
    "text/csv",
    "image/png",
];

const STATUS_CODES: &[&str] = &[
    "200", "201", "202", "203", "204", "205", "206", "301", "302", "304", "400", "401", "403",
    "404", "405", "409", "410", "415", "418", "422", "429", "500", "502", "503", "1XX", "2XX",
    "3XX", "4XX", "5XX", "default",
];

// ---------------------------------------------------------------------------------------------
// Document builder

struct Builder {
    rng: Rng,
    /// Upper bound on counts; grows with the case number.
    size: usize,
    schemas: Vec<String>,
    parameters: Vec<String>,
    request_bodies: Vec<String>,
    responses: Vec<String>,
    headers: Vec<String>,
    callbacks: Vec<String>,
    /// Security scheme names with their OAuth2 scopes (empty for other kinds).
    security: Vec<(String, Vec<String>)>,
}

/// `#/components/<kind>/<name>`, escaped as a JSON pointer.
fn component_ref(kind: &str, name: &str) -> Value {
    let escaped = name.replace('~', "~0").replace('/', "~1");
    json!({ "$ref": format!("#/components/{kind}/{escaped}") })
}

impl Builder {
    fn new(seed: u64, size: usize) -> Self {
        Builder {
            rng: Rng(seed),
            size: size.max(1),
            schemas: Vec::new(),
            parameters: Vec::new(),
            request_bodies: Vec::new(),
            responses: Vec::new(),
            headers: Vec::new(),
            callbacks: Vec::new(),
            security: Vec::new(),
        }
    }

    fn count(&mut self, lo: usize) -> usize {
        let hi = self.size.max(lo);
        self.rng.range(lo, hi)
    }

    /// `n` distinct names drawn from `pool`, occasionally suffixed to get more.
    fn names(&mut self, pool: &[&str], n: usize) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut tries = 0;
        while out.len() < n && tries < n * 20 {
            tries += 1;
            let mut name = self.rng.pick_str(pool);
            if self.rng.chance(10) {
                name = format!("{name}{}", self.rng.below(4));
            }
            if !out.contains(&name) {
                out.push(name);
            }
        }
        out
    }

    fn text(&mut self) -> String {
        if self.rng.chance(70) {
            format!("Text {}.", self.rng.below(1000))
        } else {
            self.rng.pick_str(TEXTS)
        }
    }

    fn maybe_description(&mut self, object: &mut Map<String, Value>, percent: u64) {
        if self.rng.chance(percent) {
            object.insert("description".into(), Value::String(self.text()));
        }
    }

    fn build(mut self) -> Value {
        let mut doc = Map::new();
        let version = if self.rng.chance(90) {
            "3.0.3"
        } else {
            self.rng.pick(&["3.0.0", "3.0.1", "3.0.2"])
        };
        doc.insert("openapi".into(), json!(version));
        let mut info = Map::new();
        info.insert("title".into(), json!(self.text()));
        info.insert(
            "version".into(),
            json!(self.rng.pick(&["1.0.0", "1", "v2", ""])),
        );
        self.maybe_description(&mut info, 40);
        doc.insert("info".into(), Value::Object(info));
        if let Some(servers) = self.servers() {
            doc.insert("servers".into(), servers);
        }

        // Names first, so that any schema can refer to any other, itself included.
        let n = self.count(0);
        self.schemas = self.names(SCHEMA_NAMES, n);
        let n = self.rng.below(self.size / 2 + 1);
        self.parameters = self.names(
            &[
                "limit", "offset", "X-Trace", "session", "page", "q", "type", "self",
            ],
            n,
        );
        let n = self.rng.below(self.size / 3 + 1);
        self.request_bodies = self.names(
            &["PetBody", "pet_body", "Upload", "self", "Body", "type"],
            n,
        );
        let n = self.rng.below(self.size / 3 + 1);
        self.responses = self.names(
            &["NotFound", "not_found", "Ok", "Error", "self", "Problem"],
            n,
        );
        let n = self.rng.below(3);
        self.headers = self.names(&["X-Rate-Limit", "x_rate_limit", "Location", "self"], n);
        let n = if self.rng.chance(10) { 1 } else { 0 };
        self.callbacks = self.names(&["onEvent", "self"], n);
        let n = self.rng.below(self.size.min(6) + 1);
        let security_names = self.names(SECURITY_NAMES, n);

        let mut components = Map::new();
        let schemas: Map<String, Value> = self
            .schemas
            .clone()
            .into_iter()
            .map(|name| (name, self.component_schema()))
            .collect();
        let mut security_schemes = Map::new();
        for name in security_names {
            let (scheme, scopes) = self.security_scheme();
            self.security.push((name.clone(), scopes));
            security_schemes.insert(name, scheme);
        }
        let parameters: Map<String, Value> = self
            .parameters
            .clone()
            .into_iter()
            .map(|name| {
                let location = self.rng.pick_str(&["query", "header", "cookie"]);
                (name.clone(), self.parameter(&name, &location, false))
            })
            .collect();
        let request_bodies: Map<String, Value> = self
            .request_bodies
            .clone()
            .into_iter()
            .map(|name| (name, self.request_body(false)))
            .collect();
        let responses: Map<String, Value> = self
            .responses
            .clone()
            .into_iter()
            .map(|name| (name, self.response(false)))
            .collect();
        let headers: Map<String, Value> = self
            .headers
            .clone()
            .into_iter()
            .map(|name| (name, self.header(false)))
            .collect();
        let callbacks: Map<String, Value> = self
            .callbacks
            .clone()
            .into_iter()
            .map(|name| (name, self.callback()))
            .collect();
        for (key, map) in [
            ("schemas", schemas),
            ("parameters", parameters),
            ("requestBodies", request_bodies),
            ("responses", responses),
            ("headers", headers),
            ("callbacks", callbacks),
            ("securitySchemes", security_schemes),
        ] {
            if !map.is_empty() || self.rng.chance(5) {
                components.insert(key.into(), Value::Object(map));
            }
        }

        if self.rng.chance(30) {
            if let Some(security) = self.security_requirements() {
                doc.insert("security".into(), security);
            }
        }
        doc.insert("paths".into(), self.paths());
        if !components.is_empty() || self.rng.chance(10) {
            doc.insert("components".into(), Value::Object(components));
        }
        if self.rng.chance(20) {
            doc.insert(
                "tags".into(),
                json!([{ "name": "pets", "description": self.text() }, { "name": "ü" }]),
            );
        }
        if self.rng.chance(5) {
            doc.insert("x-extension".into(), json!({ "any": [1, "two", null] }));
        }
        Value::Object(doc)
    }

    fn servers(&mut self) -> Option<Value> {
        Some(match self.rng.below(7) {
            0 => return None,
            1 => json!([{ "url": "http://localhost" }]),
            2 => json!([{ "url": "/api/v1" }]),
            3 => json!([{ "url": "https://api.example.com/v2/", "description": self.text() }]),
            4 => json!([{
                "url": "https://{region}.example.com:{port}/{base}",
                "variables": {
                    "region": { "default": "eu", "enum": ["eu", "us"] },
                    "port": { "default": "443" },
                    "base": { "default": "v1" },
                },
            }]),
            5 => json!([{ "url": "http://a.example" }, { "url": "http://b.example" }]),
            _ => json!([{ "url": "" }]),
        })
    }

    // --- schemas ---

    /// A component schema: usually an object or a composition, sometimes anything.
    fn component_schema(&mut self) -> Value {
        match self.rng.below(6) {
            0 | 1 => self.object_schema(0),
            2 => self.composition(0),
            3 => self.string_enum(),
            _ => self.schema(0),
        }
    }

    fn max_depth(&self) -> u32 {
        (self.size as u32 / 3).clamp(1, 4)
    }

    fn schema_ref(&mut self) -> Value {
        if self.schemas.is_empty() {
            return json!({});
        }
        let name = self.rng.pick(&self.schemas).clone();
        component_ref("schemas", &name)
    }

    /// Any schema: a reference or an inline schema of any shape.
    fn schema(&mut self, depth: u32) -> Value {
        let leaf = depth >= self.max_depth();
        let kind = self.rng.below(if leaf { 7 } else { 14 });
        let mut schema = match kind {
            0 => self.string_schema(),
            1 => self.string_enum(),
            2 => self.integer_schema(),
            3 => self.number_schema(),
            4 => json!({ "type": "boolean" }),
            5 | 6 => return self.schema_ref_maybe_decorated(),
            7 | 8 => self.object_schema(depth + 1),
            9 => self.array_schema(depth + 1),
            10 => self.map_schema(depth + 1),
            11 => self.composition(depth + 1),
            12 => self.free_form(),
            _ => return self.schema_ref_maybe_decorated(),
        };
        self.decorate(&mut schema);
        schema
    }

    /// A `$ref`, sometimes with the siblings real specs put beside it (ignored by 3.0), or
    /// wrapped in a one-element `allOf` to make it nullable or give it a default.
    fn schema_ref_maybe_decorated(&mut self) -> Value {
        let reference = self.schema_ref();
        match self.rng.below(10) {
            0 => {
                let mut reference = reference;
                if let Some(object) = reference.as_object_mut() {
                    object.insert("nullable".into(), json!(true));
                    object.insert("description".into(), json!(self.text()));
                }
                reference
            }
            1 => json!({ "allOf": [reference], "nullable": true, "description": self.text() }),
            2 => json!({ "allOf": [reference], "default": self.any_value() }),
            _ => reference,
        }
    }

    /// nullable, description, title, deprecated, example, readOnly/writeOnly, extensions.
    fn decorate(&mut self, schema: &mut Value) {
        let Some(object) = schema.as_object_mut() else {
            return;
        };
        if self.rng.chance(15) {
            object.insert("nullable".into(), json!(self.rng.chance(80)));
        }
        self.maybe_description(object, 40);
        if self.rng.chance(10) {
            object.insert("title".into(), json!(self.text()));
        }
        if self.rng.chance(5) {
            object.insert("deprecated".into(), json!(true));
        }
        if self.rng.chance(5) {
            object.insert("example".into(), self.any_value());
        }
        if self.rng.chance(3) {
            object.insert("x-internal".into(), json!(true));
        }
    }

    fn string_schema(&mut self) -> Value {
        let mut schema = Map::new();
        schema.insert("type".into(), json!("string"));
        if self.rng.chance(50) {
            let format = self.rng.pick_str(STRING_FORMATS);
            schema.insert("format".into(), json!(format));
        }
        if self.rng.chance(15) {
            schema.insert("minLength".into(), json!(self.rng.below(5)));
            schema.insert("maxLength".into(), json!(self.rng.range(5, 300)));
        }
        if self.rng.chance(10) {
            schema.insert(
                "pattern".into(),
                json!(self.rng.pick(&["^[a-z]+$", "\\d{3}", "(", ""])),
            );
        }
        Value::Object(schema)
    }

    fn string_enum(&mut self) -> Value {
        let n = self.rng.range(1, 6);
        let mut values: Vec<Value> = (0..n).map(|_| json!(self.rng.pick(ENUM_STRINGS))).collect();
        let mut schema = Map::new();
        schema.insert("type".into(), json!("string"));
        if self.rng.chance(20) {
            // null among the values of a nullable enum, as 3.0 requires for null to be valid.
            values.push(Value::Null);
            schema.insert("nullable".into(), json!(true));
        }
        if self.rng.chance(10) {
            let repeated = values[0].clone();
            values.push(repeated);
        }
        if self.rng.chance(25) {
            let default = self.rng.pick(&values).clone();
            schema.insert("default".into(), default);
        }
        schema.insert("enum".into(), Value::Array(values));
        if self.rng.chance(5) {
            schema.insert("x-enum-varnames".into(), json!(["A", "B"]));
        }
        Value::Object(schema)
    }

    fn integer_schema(&mut self) -> Value {
        let mut schema = Map::new();
        schema.insert("type".into(), json!("integer"));
        if self.rng.chance(60) {
            let format = self.rng.pick_str(INTEGER_FORMATS);
            schema.insert("format".into(), json!(format));
        }
        if self.rng.chance(15) {
            let values: Vec<i64> = self
                .rng
                .pick(&[&[1_i64, 2, 3][..], &[0, -1], &[i64::MAX, i64::MIN], &[7, 7]])
                .to_vec();
            schema.insert("enum".into(), json!(values));
        }
        if self.rng.chance(15) {
            schema.insert("minimum".into(), json!(self.rng.pick(&[0, 1, -100])));
            if self.rng.chance(50) {
                schema.insert("maximum".into(), json!(1000));
                schema.insert("exclusiveMaximum".into(), json!(true));
            }
        }
        Value::Object(schema)
    }

    fn number_schema(&mut self) -> Value {
        let mut schema = Map::new();
        schema.insert("type".into(), json!("number"));
        if self.rng.chance(60) {
            let format = self.rng.pick_str(NUMBER_FORMATS);
            schema.insert("format".into(), json!(format));
        }
        if self.rng.chance(10) {
            schema.insert("multipleOf".into(), json!(0.01));
        }
        if self.rng.chance(5) {
            schema.insert("enum".into(), json!([0.5, 1.0, -2.25]));
        }
        Value::Object(schema)
    }

    fn array_schema(&mut self, depth: u32) -> Value {
        let mut schema = Map::new();
        schema.insert("type".into(), json!("array"));
        schema.insert("items".into(), self.schema(depth));
        if self.rng.chance(15) {
            schema.insert("uniqueItems".into(), json!(true));
        }
        if self.rng.chance(10) {
            schema.insert("minItems".into(), json!(1));
            schema.insert("maxItems".into(), json!(self.rng.range(1, 10)));
        }
        Value::Object(schema)
    }

    fn map_schema(&mut self, depth: u32) -> Value {
        let values = match self.rng.below(4) {
            0 => json!(true),
            1 => json!({}),
            _ => self.schema(depth),
        };
        let mut schema = Map::new();
        if self.rng.chance(90) {
            schema.insert("type".into(), json!("object"));
        }
        schema.insert("additionalProperties".into(), values);
        if self.rng.chance(10) {
            schema.insert("minProperties".into(), json!(1));
        }
        Value::Object(schema)
    }

    fn free_form(&mut self) -> Value {
        match self.rng.below(5) {
            0 => json!({}),
            1 => json!({ "type": "object" }),
            2 => json!({ "nullable": true }),
            3 => json!({ "type": "object", "additionalProperties": false }),
            _ => json!({ "not": { "type": "string" } }),
        }
    }

    /// An object with required/optional/nullable/default/readOnly/writeOnly properties.
    fn object_schema(&mut self, depth: u32) -> Value {
        let n = self.rng.below(self.size.min(8) + 1);
        let names = self.names(FIELD_NAMES, n);
        let mut properties = Map::new();
        for name in &names {
            let property = self.property(depth);
            properties.insert(name.clone(), property);
        }
        let mut required: Vec<String> = names
            .iter()
            .filter(|_| self.rng.chance(45))
            .cloned()
            .collect();
        if self.rng.chance(5) {
            // Required but not declared: valid JSON Schema, surprising to a generator.
            required.push("undeclared".into());
        }
        let mut schema = Map::new();
        if self.rng.chance(90) {
            schema.insert("type".into(), json!("object"));
        }
        if !properties.is_empty() || self.rng.chance(50) {
            schema.insert("properties".into(), Value::Object(properties));
        }
        if !required.is_empty() {
            schema.insert("required".into(), json!(required));
        }
        match self.rng.below(10) {
            0 => {
                schema.insert("additionalProperties".into(), json!(false));
            }
            1 => {
                schema.insert("additionalProperties".into(), json!(true));
            }
            2 => {
                let values = self.schema(depth + 1);
                schema.insert("additionalProperties".into(), values);
            }
            _ => {}
        }
        let mut schema = Value::Object(schema);
        self.decorate(&mut schema);
        schema
    }

    fn property(&mut self, depth: u32) -> Value {
        let mut property = self.schema(depth);
        let Some(object) = property.as_object_mut() else {
            return property;
        };
        if object.contains_key("$ref") {
            return property;
        }
        match self.rng.below(12) {
            0 => {
                object.insert("readOnly".into(), json!(true));
            }
            1 => {
                object.insert("writeOnly".into(), json!(true));
            }
            2 => {
                // Both: invalid per the spec's intent, still parses.
                object.insert("readOnly".into(), json!(true));
                object.insert("writeOnly".into(), json!(true));
            }
            _ => {}
        }
        if self.rng.chance(20) && !object.contains_key("default") {
            let default = if self.rng.chance(90) {
                default_for(object, &mut self.rng)
            } else {
                self.any_value()
            };
            object.insert("default".into(), default);
        }
        property
    }

    /// allOf / oneOf / anyOf over references and inline schemas, sometimes with a discriminator.
    fn composition(&mut self, depth: u32) -> Value {
        let keyword = self.rng.pick_str(&["allOf", "oneOf", "anyOf"]);
        let n = self.rng.range(1, 4);
        let mut members = Vec::new();
        let mut referenced = Vec::new();
        for _ in 0..n {
            if self.rng.chance(55) && !self.schemas.is_empty() {
                let name = self.rng.pick(&self.schemas).clone();
                members.push(component_ref("schemas", &name));
                referenced.push(name);
            } else if depth >= self.max_depth() {
                members.push(
                    self.rng
                        .pick(&[
                            json!({ "type": "string" }),
                            json!({ "type": "integer" }),
                            json!({}),
                        ])
                        .clone(),
                );
            } else {
                let member = if self.rng.chance(50) {
                    self.object_schema(depth + 1)
                } else {
                    self.schema(depth + 1)
                };
                members.push(member);
            }
        }
        let mut schema = Map::new();
        schema.insert(keyword.clone(), Value::Array(members));
        if keyword != "allOf" && self.rng.chance(25) {
            let mut discriminator = Map::new();
            discriminator.insert(
                "propertyName".into(),
                json!(self.rng.pick(&["type", "kind", "@type", "petType"])),
            );
            if self.rng.chance(60) && !referenced.is_empty() {
                let mapping: Map<String, Value> = referenced
                    .iter()
                    .map(|name| {
                        let value = self.rng.pick(ENUM_STRINGS).to_string();
                        (value, json!(format!("#/components/schemas/{name}")))
                    })
                    .collect();
                discriminator.insert("mapping".into(), Value::Object(mapping));
            }
            schema.insert("discriminator".into(), Value::Object(discriminator));
        }
        if self.rng.chance(20) {
            schema.insert("type".into(), json!("object"));
        }
        if keyword == "allOf" && self.rng.chance(30) {
            let extra = self.object_schema(depth + 1);
            if let Some(properties) = extra.get("properties") {
                schema.insert("properties".into(), properties.clone());
            }
        }
        let mut schema = Value::Object(schema);
        self.decorate(&mut schema);
        schema
    }

    fn any_value(&mut self) -> Value {
        match self.rng.below(8) {
            0 => Value::Null,
            1 => json!(self.rng.chance(50)),
            2 => json!(self.rng.below(1000) as i64 - 500),
            3 => json!(1.5),
            4 => json!(self.rng.pick(ENUM_STRINGS)),
            5 => json!([1, "two", null]),
            6 => json!({ "a": 1, "b": [true] }),
            _ => json!(""),
        }
    }

    // --- parameters, bodies, responses ---

    /// A scalar (or enum, or referenced) schema for a parameter.
    fn scalar_schema(&mut self) -> Value {
        match self.rng.below(9) {
            0 | 1 => self.string_schema(),
            2 => self.string_enum(),
            3 => self.integer_schema(),
            4 => self.number_schema(),
            5 => json!({ "type": "boolean" }),
            6 => self.schema_ref(),
            7 => json!({}),
            _ => json!({ "type": "string", "format": "date-time" }),
        }
    }

    fn parameter(&mut self, name: &str, location: &str, path: bool) -> Value {
        let mut parameter = Map::new();
        parameter.insert("name".into(), json!(name));
        parameter.insert("in".into(), json!(location));
        let required = path || self.rng.chance(40);
        if required || self.rng.chance(20) {
            parameter.insert("required".into(), json!(required));
        }
        self.maybe_description(&mut parameter, 50);
        let array = self.rng.chance(25);
        let object = !array && location != "path" && self.rng.chance(8);
        let schema = if array {
            let items = self.scalar_schema();
            json!({ "type": "array", "items": items })
        } else if object {
            self.object_schema(self.max_depth())
        } else {
            self.scalar_schema()
        };
        if self.rng.chance(5) && !path {
            // content instead of schema: a JSON-encoded parameter.
            parameter.insert(
                "content".into(),
                json!({ "application/json": { "schema": schema } }),
            );
        } else {
            parameter.insert("schema".into(), schema);
            if self.rng.chance(50) {
                let styles: &[&str] = match (location, object) {
                    ("query", true) => &["form", "deepObject"],
                    ("query", false) => &["form", "spaceDelimited", "pipeDelimited"],
                    ("path", _) => &["simple", "label", "matrix"],
                    ("header", _) => &["simple"],
                    _ => &["form"],
                };
                let style = self.rng.pick_str(styles);
                parameter.insert("style".into(), json!(style));
            }
            if self.rng.chance(40) {
                parameter.insert("explode".into(), json!(self.rng.chance(50)));
            }
        }
        if self.rng.chance(5) {
            parameter.insert("deprecated".into(), json!(true));
        }
        if location == "query" && self.rng.chance(5) {
            parameter.insert("allowEmptyValue".into(), json!(true));
        }
        if location == "query" && self.rng.chance(3) {
            parameter.insert("allowReserved".into(), json!(true));
        }
        if self.rng.chance(5) {
            parameter.insert("example".into(), self.any_value());
        }
        Value::Object(parameter)
    }

    /// Query, header and cookie parameters, unique by (name, location), some by reference.
    fn operation_parameters(&mut self, taken: &mut Vec<(String, String)>) -> Vec<Value> {
        let mut out = Vec::new();
        let n = self.rng.below(self.size.min(8) + 1);
        for _ in 0..n {
            if self.rng.chance(20) && !self.parameters.is_empty() {
                let name = self.rng.pick(&self.parameters).clone();
                let reference = ("$ref".to_owned(), name.clone());
                if !taken.contains(&reference) {
                    taken.push(reference);
                    out.push(component_ref("parameters", &name));
                }
                continue;
            }
            let location = self.rng.pick_str(&["query", "query", "header", "cookie"]);
            let name = self.rng.pick_str(FIELD_NAMES);
            let key = (name.clone(), location.clone());
            if taken.contains(&key) {
                continue;
            }
            taken.push(key);
            out.push(self.parameter(&name, &location, false));
        }
        out
    }

    fn form_object(&mut self, multipart: bool) -> Value {
        if self.rng.chance(25) && !self.schemas.is_empty() {
            return self.schema_ref();
        }
        let n = self.rng.range(0, 5);
        let names = self.names(FIELD_NAMES, n);
        let mut properties = Map::new();
        for name in &names {
            let property = match self.rng.below(if multipart { 8 } else { 5 }) {
                0 => self.string_schema(),
                1 => self.integer_schema(),
                2 => json!({ "type": "boolean" }),
                3 => json!({ "type": "array", "items": { "type": "string" } }),
                4 => self.string_enum(),
                5 => json!({ "type": "string", "format": "binary" }),
                6 => json!({ "type": "array", "items": { "type": "string", "format": "binary" } }),
                _ => self.object_schema(self.max_depth()),
            };
            properties.insert(name.clone(), property);
        }
        let required: Vec<&String> = names.iter().filter(|_| self.rng.chance(50)).collect();
        let mut schema = json!({ "type": "object", "properties": properties });
        if !required.is_empty() {
            schema["required"] = json!(required);
        }
        schema
    }

    fn media_type(&mut self, media: &str) -> Value {
        let schema = match media {
            "application/x-www-form-urlencoded" => Some(self.form_object(false)),
            "multipart/form-data" | "multipart/mixed" => Some(self.form_object(true)),
            "text/plain" | "text/plain; charset=utf-8" => Some(match self.rng.below(4) {
                0 => json!({ "type": "integer" }),
                1 => self.string_enum(),
                _ => json!({ "type": "string" }),
            }),
            "application/octet-stream" => match self.rng.below(4) {
                0 => None,
                1 => Some(json!({ "type": "string", "format": "byte" })),
                _ => Some(json!({ "type": "string", "format": "binary" })),
            },
            _ => {
                if self.rng.chance(10) {
                    None
                } else {
                    Some(self.schema(1))
                }
            }
        };
        let mut object = Map::new();
        if let Some(schema) = schema {
            object.insert("schema".into(), schema);
        }
        if media.starts_with("multipart/") && self.rng.chance(30) {
            object.insert(
                "encoding".into(),
                json!({ "file": { "contentType": "image/png" } }),
            );
        }
        if self.rng.chance(5) {
            object.insert("example".into(), self.any_value());
        }
        Value::Object(object)
    }

    fn content(&mut self, lo: usize, request: bool) -> Value {
        let n = self.rng.range(lo, 3);
        let mut content = Map::new();
        for _ in 0..n {
            let media = match self.rng.below(if request { 8 } else { 6 }) {
                0 | 1 => "application/json".to_owned(),
                2 => "text/plain".to_owned(),
                3 => "application/octet-stream".to_owned(),
                4 | 5 => self.rng.pick_str(JSONISH_MEDIA),
                6 => "application/x-www-form-urlencoded".to_owned(),
                _ => self.rng.pick_str(&[
                    "multipart/form-data",
                    "multipart/mixed",
                    "text/plain; charset=utf-8",
                ]),
            };
            if !content.contains_key(&media) {
                let value = self.media_type(&media);
                content.insert(media, value);
            }
        }
        Value::Object(content)
    }

    fn request_body(&mut self, allow_ref: bool) -> Value {
        if allow_ref && self.rng.chance(25) && !self.request_bodies.is_empty() {
            let name = self.rng.pick(&self.request_bodies).clone();
            return component_ref("requestBodies", &name);
        }
        let mut body = Map::new();
        body.insert("content".into(), self.content(1, true));
        if self.rng.chance(60) {
            body.insert("required".into(), json!(self.rng.chance(70)));
        }
        self.maybe_description(&mut body, 30);
        Value::Object(body)
    }

    fn header(&mut self, allow_ref: bool) -> Value {
        if allow_ref && self.rng.chance(30) && !self.headers.is_empty() {
            let name = self.rng.pick(&self.headers).clone();
            return component_ref("headers", &name);
        }
        let schema = self.scalar_schema();
        let mut header = json!({ "schema": schema });
        if self.rng.chance(30) {
            header["required"] = json!(true);
        }
        header
    }

    fn response(&mut self, allow_ref: bool) -> Value {
        if allow_ref && self.rng.chance(25) && !self.responses.is_empty() {
            let name = self.rng.pick(&self.responses).clone();
            return component_ref("responses", &name);
        }
        let mut response = Map::new();
        response.insert("description".into(), json!(self.text()));
        if self.rng.chance(65) {
            response.insert("content".into(), self.content(0, false));
        }
        if self.rng.chance(15) {
            let n = self.rng.range(1, 2);
            let names = self.names(
                &["X-Rate-Limit", "Location", "ETag", "Content-Type", "self"],
                n,
            );
            let headers: Map<String, Value> = names
                .into_iter()
                .map(|name| (name, self.header(true)))
                .collect();
            response.insert("headers".into(), Value::Object(headers));
        }
        if self.rng.chance(3) {
            response.insert(
                "links".into(),
                json!({ "next": { "operationId": "getPet" } }),
            );
        }
        Value::Object(response)
    }

    fn responses(&mut self) -> Value {
        let n = self.rng.range(1, 5);
        let mut responses = Map::new();
        for _ in 0..n {
            let code = self.rng.pick_str(STATUS_CODES);
            if !responses.contains_key(&code) {
                let response = self.response(true);
                responses.insert(code, response);
            }
        }
        Value::Object(responses)
    }

    // --- security ---

    fn security_scheme(&mut self) -> (Value, Vec<String>) {
        let mut scopes = Vec::new();
        let mut scheme = match self.rng.below(6) {
            0 => {
                let scheme = self.rng.pick_str(HTTP_SCHEMES);
                let mut value = json!({ "type": "http", "scheme": scheme });
                if scheme.eq_ignore_ascii_case("bearer") && self.rng.chance(50) {
                    value["bearerFormat"] = json!("JWT");
                }
                value
            }
            1 => json!({ "type": "http", "scheme": "bearer" }),
            2 => {
                let location = self.rng.pick_str(&["header", "query", "cookie"]);
                let name = self.rng.pick_str(&[
                    "X-API-Key",
                    "api_key",
                    "session",
                    "Authorization",
                    "key",
                    "ü",
                    "",
                ]);
                json!({ "type": "apiKey", "in": location, "name": name })
            }
            3 | 4 => {
                let all: Vec<String> = ["read", "write", "admin:all", "", "ü"]
                    .iter()
                    .filter(|_| self.rng.chance(50))
                    .map(|s| s.to_string())
                    .collect();
                let scope_map: Map<String, Value> = all
                    .iter()
                    .map(|s| (s.clone(), json!(self.text())))
                    .collect();
                let mut flows = Map::new();
                let kinds = [
                    "implicit",
                    "password",
                    "clientCredentials",
                    "authorizationCode",
                ];
                for (index, kind) in kinds.iter().enumerate() {
                    if self.rng.chance(40) || (flows.is_empty() && index == kinds.len() - 1) {
                        let mut flow = Map::new();
                        if matches!(*kind, "implicit" | "authorizationCode") {
                            flow.insert(
                                "authorizationUrl".into(),
                                json!("https://auth.example.com/authorize"),
                            );
                        }
                        if *kind != "implicit" {
                            flow.insert(
                                "tokenUrl".into(),
                                json!(self.rng.pick(&[
                                    "https://auth.example.com/token",
                                    "/token",
                                    ""
                                ])),
                            );
                        }
                        if self.rng.chance(20) {
                            flow.insert(
                                "refreshUrl".into(),
                                json!("https://auth.example.com/refresh"),
                            );
                        }
                        flow.insert("scopes".into(), Value::Object(scope_map.clone()));
                        flows.insert((*kind).into(), Value::Object(flow));
                    }
                }
                scopes = all;
                json!({ "type": "oauth2", "flows": flows })
            }
            _ => {
                json!({ "type": "openIdConnect", "openIdConnectUrl": "https://auth.example.com/.well-known/openid-configuration" })
            }
        };
        if self.rng.chance(40) {
            scheme["description"] = json!(self.text());
        }
        (scheme, scopes)
    }

    /// `[]`, `[{}]` (optional), one or more alternatives each requiring one or two schemes.
    fn security_requirements(&mut self) -> Option<Value> {
        if self.security.is_empty() {
            return if self.rng.chance(50) {
                Some(json!([]))
            } else {
                None
            };
        }
        let n = self.rng.below(3);
        let mut requirements = Vec::new();
        for _ in 0..n {
            let k = self.rng.below(3);
            let mut requirement = Map::new();
            for _ in 0..k {
                let (name, scopes) = self.rng.pick(&self.security).clone();
                let chosen: Vec<String> =
                    scopes.into_iter().filter(|_| self.rng.chance(50)).collect();
                requirement.insert(name, json!(chosen));
            }
            requirements.push(Value::Object(requirement));
        }
        Some(Value::Array(requirements))
    }

    // --- paths ---

    fn callback(&mut self) -> Value {
        let body = self.request_body(false);
        json!({ "{$request.body#/callbackUrl}": { "post": { "requestBody": body, "responses": { "200": { "description": "ok" } } } } })
    }

    fn path_template(&mut self) -> (String, Vec<String>) {
        let n = self.rng.range(0, 4);
        let mut path = String::new();
        let mut params: Vec<String> = Vec::new();
        for _ in 0..n {
            path.push('/');
            match self.rng.below(5) {
                0 | 1 => path.push_str(&self.rng.pick_str(SEGMENTS)),
                choice => {
                    let name = self.rng.pick_str(PATH_PARAMS);
                    if params.contains(&name) {
                        path.push_str(&self.rng.pick_str(SEGMENTS));
                        continue;
                    }
                    match choice {
                        2 | 3 => path.push_str(&format!("{{{name}}}")),
                        _ => {
                            // A parameter sharing its segment with literal text.
                            let suffix = self.rng.pick_str(&[".json", "-x", ":action", ""]);
                            path.push_str(&format!("v{{{name}}}{suffix}"));
                        }
                    }
                    params.push(name);
                }
            }
        }
        if path.is_empty() {
            path.push('/');
        }
        if self.rng.chance(5) && path != "/" {
            path.push('/');
        }
        (path, params)
    }

    fn operation_id(&mut self, used: &mut Vec<String>) -> Option<String> {
        if self.rng.chance(20) {
            return None;
        }
        for _ in 0..10 {
            let mut id = self.rng.pick_str(OPERATION_IDS);
            if self.rng.chance(30) {
                id = format!("{id}{}", self.rng.below(3));
            }
            // Distinct as written (the spec requires it), but often equal after case conversion.
            if !used.contains(&id) {
                used.push(id.clone());
                return Some(id);
            }
        }
        None
    }

    fn paths(&mut self) -> Value {
        let n = self.count(0);
        let mut paths = Map::new();
        let mut used_ids = Vec::new();
        for _ in 0..n {
            let (path, path_params) = self.path_template();
            if paths.contains_key(&path) {
                continue;
            }
            let mut item = Map::new();
            // Path parameters declared once for the whole item, or on each operation.
            let shared = !path_params.is_empty() && self.rng.chance(40);
            if shared {
                let declared: Vec<Value> = path_params
                    .iter()
                    .map(|name| self.parameter(name, "path", true))
                    .collect();
                item.insert("parameters".into(), Value::Array(declared));
            }
            self.maybe_description(&mut item, 10);
            let k = self.rng.range(1, 3);
            for _ in 0..k {
                let method = self.rng.pick_str(METHODS);
                if item.contains_key(&method) {
                    continue;
                }
                let operation = self.operation(&method, &path_params, shared, &mut used_ids);
                item.insert(method, operation);
            }
            paths.insert(path, Value::Object(item));
        }
        Value::Object(paths)
    }

    fn operation(
        &mut self,
        method: &str,
        path_params: &[String],
        shared: bool,
        used_ids: &mut Vec<String>,
    ) -> Value {
        let mut operation = Map::new();
        if let Some(id) = self.operation_id(used_ids) {
            operation.insert("operationId".into(), json!(id));
        }
        if self.rng.chance(30) {
            operation.insert("summary".into(), json!(self.text()));
        }
        self.maybe_description(&mut operation, 40);
        if self.rng.chance(20) {
            operation.insert(
                "tags".into(),
                json!([self.rng.pick(&["pets", "ü", "", "self"])]),
            );
        }
        if self.rng.chance(5) {
            operation.insert("deprecated".into(), json!(true));
        }
        let mut taken: Vec<(String, String)> = Vec::new();
        let mut parameters = Vec::new();
        if !shared {
            for name in path_params {
                taken.push((name.clone(), "path".into()));
                parameters.push(self.parameter(name, "path", true));
            }
        }
        parameters.extend(self.operation_parameters(&mut taken));
        if !parameters.is_empty() {
            operation.insert("parameters".into(), Value::Array(parameters));
        }
        let body_chance = match method {
            "post" | "put" | "patch" => 70,
            _ => 8,
        };
        if self.rng.chance(body_chance) {
            operation.insert("requestBody".into(), self.request_body(true));
        }
        operation.insert("responses".into(), self.responses());
        if self.rng.chance(25) {
            if let Some(security) = self.security_requirements() {
                operation.insert("security".into(), security);
            }
        }
        if self.rng.chance(4) {
            let callback = if !self.callbacks.is_empty() && self.rng.chance(50) {
                let name = self.rng.pick(&self.callbacks).clone();
                component_ref("callbacks", &name)
            } else {
                self.callback()
            };
            operation.insert("callbacks".into(), json!({ "onEvent": callback }));
        }
        if self.rng.chance(5) {
            operation.insert(
                "servers".into(),
                json!([{ "url": "https://other.example.com" }]),
            );
        }
        if self.rng.chance(3) {
            operation.insert(
                "externalDocs".into(),
                json!({ "url": "https://docs.example.com" }),
            );
        }
        Value::Object(operation)
    }
}

/// A default of the schema's own type.
fn default_for(schema: &Map<String, Value>, rng: &mut Rng) -> Value {
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        if !values.is_empty() {
            return rng.pick(values).clone();
        }
    }
    match schema.get("type").and_then(Value::as_str) {
        Some("string") => json!(rng.pick(&["", "x", "ü", "a\"b", "2024-01-01T00:00:00Z"])),
        Some("integer") => json!(rng.pick(&[0_i64, 1, -1, i64::MAX])),
        Some("number") => json!(rng.pick(&[0.0, 1.5, -2.0, 1e300])),
        Some("boolean") => json!(rng.chance(50)),
        Some("array") => json!([]),
        Some("object") => json!({}),
        _ => Value::Null,
    }
}

// ---------------------------------------------------------------------------------------------
// The property

/// What went wrong with one document.
struct Failure {
    seed: u64,
    size: usize,
    yaml: String,
    what: String,
    /// The generator did not return in time (its thread is still running).
    hung: bool,
}

thread_local! {
    /// Set while the generator runs on this thread: the panic hook then records instead of
    /// printing.
    static CAPTURE: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// A panic hook that, on generation threads, records the message, the location and the
/// generator's frames of the backtrace; elsewhere it defers to the default hook.
fn install_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let default = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            let capturing = CAPTURE.with(|c| c.borrow().is_some());
            if !capturing {
                default(info);
                return;
            }
            let payload = info
                .payload()
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| info.payload().downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "<non-string panic payload>".into());
            let location = info
                .location()
                .map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()))
                .unwrap_or_default();
            let backtrace = std::backtrace::Backtrace::force_capture().to_string();
            let frames: Vec<&str> = backtrace
                .lines()
                .filter(|line| line.contains("generator/src") || line.contains("oapigen::"))
                .take(16)
                .collect();
            let report = format!(
                "panicked at {location}: {payload}\n  generator frames:\n    {}",
                frames.join("\n    ")
            );
            CAPTURE.with(|c| *c.borrow_mut() = Some(report));
        }));
    });
}

/// Checks one document; `Err` describes the violation.
fn check(yaml: &str) -> Result<Outcome, String> {
    CAPTURE.with(|c| *c.borrow_mut() = Some(String::new()));
    let result = panic::catch_unwind(AssertUnwindSafe(|| {
        generate_source("property.yaml", yaml, &Config::new())
    }));
    let panic_report = CAPTURE.with(|c| c.borrow_mut().take()).unwrap_or_default();
    match result {
        Err(_) => Err(format!("generate_source panicked: {panic_report}")),
        Ok(Ok(generated)) => {
            syn::parse_file(&generated.code).map_err(|error| {
                // Spans carry no line numbers here (proc-macro2 without span-locations): keep
                // the code beside the YAML instead.
                let file = scratch("oapigen-property-unparsable.rs");
                let _ = std::fs::write(&file, &generated.code);
                format!(
                    "the generated code does not parse: {error} (code in {})",
                    file.display()
                )
            })?;
            Ok(Outcome::Generated(generated.warnings.len()))
        }
        Ok(Err(diagnostics)) => {
            check_diagnostics(&diagnostics)?;
            Ok(Outcome::Rejected(first_message(&diagnostics)))
        }
    }
}

fn check_diagnostics(diagnostics: &Diagnostics) -> Result<(), String> {
    if diagnostics.is_empty() {
        return Err("generate_source returned Err with no diagnostic at all".into());
    }
    for diagnostic in diagnostics {
        if diagnostic.message.trim().is_empty() {
            return Err(format!("a diagnostic has an empty message: {diagnostic:?}"));
        }
    }
    Ok(())
}

fn first_message(diagnostics: &Diagnostics) -> String {
    (diagnostics.errors().next())
        .or(diagnostics.iter().next())
        .map(|d| d.message.clone())
        .unwrap_or_default()
}

enum Outcome {
    /// Generated, with this many warnings.
    Generated(usize),
    /// Rejected with this (first) error message.
    Rejected(String),
}

fn document(seed: u64, size: usize) -> String {
    let value = Builder::new(seed, size).build();
    serde_yaml::to_string(&value).expect("a JSON value serialises as YAML")
}

/// Where the case being run is written before it runs, in case it aborts the process.
fn scratch(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name)
}

/// Runs one case on a fresh thread with a main-thread-sized stack, named after the seed.
fn run_case(seed: u64, size: usize) -> Result<Outcome, Failure> {
    let yaml = document(seed, size);
    let _ = std::fs::write(scratch("oapigen-property-current.yaml"), &yaml);
    let (sender, receiver) = mpsc::channel();
    let text = yaml.clone();
    std::thread::Builder::new()
        .name(format!("property-seed-{seed:#018x}-size-{size}"))
        .stack_size(8 << 20)
        .spawn(move || {
            let _ = sender.send(check(&text));
        })
        .expect("spawn a case thread");
    let failure = |what: String| Failure {
        seed,
        size,
        yaml: yaml.clone(),
        what,
        hung: false,
    };
    match receiver.recv_timeout(CASE_TIMEOUT) {
        Ok(Ok(outcome)) => Ok(outcome),
        Ok(Err(what)) => Err(failure(what)),
        Err(mpsc::RecvTimeoutError::Timeout) => Err(Failure {
            hung: true,
            ..failure(format!(
                "generate_source did not return within {CASE_TIMEOUT:?} (hang or blow-up)"
            ))
        }),
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            Err(failure("the case thread died without an answer".into()))
        }
    }
}

fn parse_seed(text: &str) -> u64 {
    let text = text.trim();
    match text.strip_prefix("0x") {
        Some(hex) => u64::from_str_radix(&hex.replace('_', ""), 16),
        None => text.parse(),
    }
    .unwrap_or_else(|_| panic!("not a seed: {text:?}"))
}

fn env_number(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

const TEST_NAME: &str = "random_documents_never_panic_and_generate_parsable_code";
/// Set in child processes: the first case index the child runs.
const CHILD_ENV: &str = "OAPIGEN_PROPERTY_CHILD_FROM";
/// Prefix of the lines a child reports its cases with.
const PROTOCOL: &str = "@@oapigen-property";

/// Case `index` of `cases`: sizes 1, 2, … MAX_SIZE in equal shares, small documents first.
fn size_of(index: u64, cases: u64) -> usize {
    1 + (index as usize * MAX_SIZE / (cases as usize).max(1)).min(MAX_SIZE - 1)
}

#[test]
fn random_documents_never_panic_and_generate_parsable_code() {
    install_panic_hook();

    if let Some(seed) = env_number("OAPIGEN_PROPERTY_SEED") {
        let seed = parse_seed(&seed);
        let size = env_number("OAPIGEN_PROPERTY_SIZE")
            .map(|s| s.parse().expect("OAPIGEN_PROPERTY_SIZE is a number"))
            .unwrap_or(MAX_SIZE);
        println!("seed {seed:#018x}, size {size}:\n{}", document(seed, size));
        if let Err(failure) = run_case(seed, size) {
            panic!("seed {seed:#018x} size {size}: {}", failure.what);
        }
        return;
    }

    let cases: u64 = env_number("OAPIGEN_PROPERTY_CASES")
        .map(|n| n.parse().expect("OAPIGEN_PROPERTY_CASES is a number"))
        .unwrap_or(DEFAULT_CASES);
    match env_number(CHILD_ENV) {
        Some(from) => child(from.parse().expect("a case index"), cases),
        None => parent(cases),
    }
}

/// Runs cases `from..cases` in this process, reporting each on one stdout line.
fn child(from: u64, cases: u64) {
    use std::io::Write as _;
    let mut stdout = std::io::stdout();
    for index in from..cases {
        let _ = writeln!(stdout, "{PROTOCOL} {index} start");
        let _ = stdout.flush();
        let case_started = Instant::now();
        let outcome = run_case(seed_of(index), size_of(index, cases));
        let millis = case_started.elapsed().as_millis();
        let hung = matches!(&outcome, Err(failure) if failure.hung);
        let line = match outcome {
            Ok(Outcome::Generated(warnings)) => format!("generated {warnings}"),
            Ok(Outcome::Rejected(message)) => format!("rejected {}", json!(message)),
            Err(failure) => format!("failed {}", json!(failure.what)),
        };
        let _ = writeln!(stdout, "{PROTOCOL} {index} {millis} {line}");
        let _ = stdout.flush();
        if hung {
            // The stuck thread cannot be stopped and would slow every later case: end this
            // process; the parent goes on in a new one.
            std::process::exit(0);
        }
    }
}

/// Runs every case in child processes (this very test, re-executed), so that a case that kills
/// its process (a stack overflow aborts) is reported and the run goes on with the next case.
fn parent(cases: u64) {
    let started = Instant::now();
    let mut failures = Vec::new();
    let (mut generated, mut rejected, mut warnings) = (0, 0, 0);
    let mut reasons: std::collections::BTreeMap<String, usize> = Default::default();
    let mut slowest: Vec<(u64, u64)> = Vec::new();
    let mut next = 0;
    while next < cases {
        let before = next;
        let output = std::process::Command::new(std::env::current_exe().expect("test binary"))
            .args([TEST_NAME, "--exact", "--nocapture", "--test-threads=1"])
            .env(CHILD_ENV, next.to_string())
            .env("OAPIGEN_PROPERTY_CASES", cases.to_string())
            .env_remove("OAPIGEN_PROPERTY_SEED")
            .output()
            .expect("the test binary runs");
        let stdout = String::from_utf8_lossy(&output.stdout);
        let mut unfinished = None;
        for line in stdout.lines() {
            let Some(rest) = line.strip_prefix(PROTOCOL) else {
                continue;
            };
            let mut parts = rest.trim_start().splitn(4, ' ');
            let index: u64 = parts
                .next()
                .and_then(|i| i.parse().ok())
                .expect("case index");
            let millis = parts.next().unwrap_or_default();
            if millis == "start" {
                unfinished = Some(index);
                continue;
            }
            slowest.push((millis.parse::<u64>().unwrap_or(0), index));
            let kind = parts.next().unwrap_or_default();
            let detail = parts.next().unwrap_or_default();
            let text = || serde_json::from_str::<String>(detail).unwrap_or_default();
            next = index + 1;
            match kind {
                "generated" => {
                    generated += 1;
                    warnings += detail.parse::<usize>().unwrap_or(0);
                }
                "rejected" => {
                    rejected += 1;
                    let key: String = text().chars().take(90).collect();
                    *reasons.entry(key).or_default() += 1;
                }
                _ => {
                    let (seed, size) = (seed_of(index), size_of(index, cases));
                    failures.push(Failure {
                        seed,
                        size,
                        yaml: document(seed, size),
                        what: text(),
                        hung: false,
                    });
                }
            }
            unfinished = None;
        }
        if let Some(index) = unfinished {
            // The process died in this case.
            let stderr = String::from_utf8_lossy(&output.stderr);
            let tail: Vec<&str> = stderr.lines().rev().take(6).collect();
            let tail: Vec<&str> = tail.into_iter().rev().collect();
            let (seed, size) = (seed_of(index), size_of(index, cases));
            failures.push(Failure {
                seed,
                size,
                yaml: document(seed, size),
                what: format!(
                    "the process died ({}):\n    {}",
                    output.status,
                    tail.join("\n    ")
                ),
                hung: false,
            });
            next = index + 1;
        } else if !output.status.success() {
            panic!(
                "a child run failed outside any case ({}):\n{}\n{}",
                output.status,
                stdout,
                String::from_utf8_lossy(&output.stderr)
            );
        } else if next == before {
            panic!("a child run made no progress:\n{stdout}");
        }
    }

    println!(
        "{cases} documents in {:.1?}: {generated} generated ({warnings} warnings), {rejected} rejected, {} failed",
        started.elapsed(),
        failures.len()
    );
    for (reason, count) in &reasons {
        println!("  rejected {count}×: {reason}");
    }
    slowest.sort_unstable_by(|a, b| b.cmp(a));
    for (millis, index) in slowest.iter().take(5) {
        println!(
            "  slow: {millis} ms for seed {:#018x} size {}",
            seed_of(*index),
            size_of(*index, cases)
        );
    }
    if failures.is_empty() {
        return;
    }
    let mut report = format!(
        "{} of {cases} documents broke the property:\n",
        failures.len()
    );
    for (index, failure) in failures.iter().enumerate() {
        let file = scratch(&format!("oapigen-property-{:016x}.yaml", failure.seed));
        let _ = std::fs::write(&file, &failure.yaml);
        let _ = writeln!(
            report,
            "\n=== seed {:#018x} size {} (rerun: OAPIGEN_PROPERTY_SEED={:#018x} OAPIGEN_PROPERTY_SIZE={} cargo test -p oapigen --test property; YAML in {})\n{}",
            failure.seed,
            failure.size,
            failure.seed,
            failure.size,
            file.display(),
            failure.what
        );
        // The first few small documents in full; the rest are in their files.
        if index < 3 && failure.yaml.len() <= 4000 {
            let _ = writeln!(report, "--- YAML ---\n{}--- end ---", failure.yaml);
        }
    }
    panic!("{report}");
}

/// Documents whose generated code is also compiled (in one crate, one module each): the first
/// case of each size of the property test's sequence, a few more of the largest, and every input
/// of `tests/regressions/`.
const COMPILED_CASES: u64 = 80;

/// The second half of the property: what the generator emits also *compiles*, clean under
/// `cargo clippy -- -D warnings`. Parsing (the test above) does not catch a type that is not defined, a
/// trait that is not implemented or a name used twice. Compiling one crate per document would
/// take minutes; every module goes into one crate, checked once (the dependencies are checked the
/// first time only).
#[test]
fn generated_code_of_random_and_regression_documents_compiles() {
    let mut modules: Vec<(String, String)> = Vec::new();
    for index in 0..COMPILED_CASES {
        let seed = seed_of(index);
        let size = size_of(index, COMPILED_CASES);
        let yaml = document(seed, size);
        if let Ok(generated) = generate_source("property.yaml", &yaml, &Config::new()) {
            modules.push((format!("case_{seed:016x}_size_{size}"), generated.code));
        }
    }
    let regressions = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/regressions");
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(&regressions)
        .expect("tests/regressions")
        .map(|entry| entry.expect("an entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
        .collect();
    inputs.sort();
    for path in inputs {
        let text = std::fs::read_to_string(&path).expect("a regression input");
        if let Ok(generated) = generate_source(&path.display().to_string(), &text, &Config::new()) {
            let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("input");
            let name: String = stem
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                .collect();
            modules.push((format!("regression_{name}"), generated.code));
        }
    }
    assert!(
        modules.len() as u64 > COMPILED_CASES / 2,
        "most documents generate: {} of {}",
        modules.len(),
        COMPILED_CASES
    );
    compile_as_one_crate(&modules);
}

/// Writes `modules` (name, code) as the modules of one library crate and checks it with clippy,
/// warnings as errors; panics with the compiler's messages.
fn compile_as_one_crate(modules: &[(String, String)]) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = scratch("generated-code-compiles");
    let _ = std::fs::remove_dir_all(dir.join("src"));
    std::fs::create_dir_all(dir.join("src")).expect("crate folder");
    let runtime = root.join("runtime");
    let manifest = format!(
        "[package]\nname = \"generated-code-compiles\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\noapigen-runtime = {{ path = {:?} }}\n\
         reqwest = {{ version = \"0.12\", default-features = false, features = [\"rustls-tls\", \"json\", \"multipart\"] }}\n\
         serde = {{ version = \"1\", features = [\"derive\"] }}\nserde_json = \"1\"\n\n[workspace]\n",
        runtime.display().to_string()
    );
    std::fs::write(dir.join("Cargo.toml"), manifest).expect("Cargo.toml");
    std::fs::copy(root.join("../Cargo.lock"), dir.join("Cargo.lock")).expect("lock file");
    let mut lib = String::from("//! Generated modules, compiled together.\n");
    for (name, code) in modules {
        std::fs::write(dir.join("src").join(format!("{name}.rs")), code).expect("module");
        lib.push_str(&format!("pub mod {name};\n"));
    }
    std::fs::write(dir.join("src/lib.rs"), lib).expect("lib.rs");
    // A target folder of its own: `tests/user_crates.rs` builds with other flags at the same time.
    let target = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("generated-code-target");
    // Clippy, as the README promises of generated code: `-D warnings` covers rustc's and its own.
    let output = std::process::Command::new(env!("CARGO"))
        .args(["clippy", "--offline", "--lib", "--", "-D", "warnings"])
        .current_dir(&dir)
        .env("CARGO_TARGET_DIR", &target)
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "the generated code of {} documents does not compile (crate at {}):\n{}",
        modules.len(),
        dir.display(),
        String::from_utf8_lossy(&output.stderr)
    );
}
