//! Operations: the model of the client's methods, built from the spec's paths.
//!
//! [`convert`] reads each operation into an [`Operation`]; [`decide`] makes the decisions that
//! need the finished types (how each parameter is passed, shared error enums, ...); [`emit`]
//! writes the method, its error enum and (when needed) its params struct and response enum.

mod bodies;
pub mod convert;
pub mod decide;
pub mod emit;
mod event_stream;
mod headers;
mod media;
pub mod pagination;
mod params;
#[cfg(test)]
mod tests;

use crate::naming::Name;
use crate::types::Ty;

/// One client method.
#[derive(Debug, Clone)]
pub struct Operation {
    /// Method name (snake case), unique among the client's methods.
    pub method_name: Name,
    /// HTTP method, upper case.
    pub http_method: String,
    /// The path template, split into literal text and parameters.
    pub path: Vec<PathPart>,
    /// Doc comment lines.
    pub doc: Vec<String>,
    /// Marked `deprecated` in the spec.
    pub deprecated: bool,
    /// Path, query, header and cookie parameters, in spec order.
    pub params: Vec<Param>,
    /// When parameters are many or optional, the struct that carries them.
    pub params_struct: Option<ParamsStruct>,
    /// The request body.
    pub body: Option<Body>,
    /// The responses, in spec order.
    pub responses: Vec<Outcome>,
    /// What a success returns.
    pub success: Success,
    /// The error enum, when the operation documents an error status.
    pub error_enum: Option<ErrorEnum>,
    /// The struct of the headers its responses declare, when they declare any.
    pub headers_struct: Option<HeadersStruct>,
    /// Alternatives of security schemes, each a list that must all be applied.
    pub security: Vec<Vec<SchemeUse>>,
    /// The `Accept` header.
    pub accept: Option<String>,
    /// The spec's tags of the operation.
    pub tags: Vec<String>,
    /// The cargo features it stands behind, any of which turns it on (none: always there;
    /// [`crate::scope::features`]).
    pub features: Vec<String>,
    /// The methods the client gives for it besides its own, in order ([`ExtraMethod`]).
    pub extra_methods: Vec<ExtraMethod>,
    /// Its params struct, error enum and headers struct derive `Clone` and `PartialEq`.
    pub clone_and_eq: bool,
    /// Where the spec declares it: the path as written and the method, lower case.
    pub origin: (String, String),
    /// Its `operationId`.
    pub operation_id: Option<String>,
}

/// A method the client gives for an operation besides the operation's own: the same request
/// (path, parameters, body, credentials) and the operation's items (params struct, error enum,
/// headers struct), asking for the answer or reading it otherwise. A kind of method is one
/// [`MethodKind`], decided by one analysis and written by one arm of the emitters.
#[derive(Debug, Clone)]
pub struct ExtraMethod {
    /// Method name (snake case), unique among the client's methods.
    pub name: Name,
    /// Doc comment lines.
    pub doc: Vec<String>,
    /// What it does otherwise than the operation's own method.
    pub kind: MethodKind,
}

/// The kinds of [`ExtraMethod`].
#[derive(Debug, Clone)]
pub enum MethodKind {
    /// `<method>_stream`: every success lists `text/event-stream` beside the media type the
    /// operation's own method reads; this one asks for the stream first and reads the events as
    /// they arrive (`event_stream`).
    EventStream(Answer),
    /// `<method>_pages`: every page of a paginated operation, as a stream of pages or of items,
    /// each page asked for with the operation's own request moved to the position the previous
    /// page names (`pagination`).
    Pages(Box<pagination::Pagination>),
}

/// What a method asks for (`Accept`) and how it reads each response.
#[derive(Debug, Clone)]
pub struct Answer {
    /// The `Accept` header.
    pub accept: Option<String>,
    /// The responses, in spec order, as this method reads them.
    pub responses: Vec<Outcome>,
    /// What a success returns.
    pub success: Success,
}

/// One client method of an operation as the emitters see it: the operation's request, and the
/// name, doc and answer of this method ([`Operation::methods`]).
#[derive(Debug, Clone, Copy)]
pub struct MethodView<'a> {
    /// Method name.
    pub name: &'a Name,
    /// Doc comment lines.
    pub doc: &'a [String],
    /// The `Accept` header.
    pub accept: Option<&'a str>,
    /// The responses as this method reads them.
    pub responses: &'a [Outcome],
    /// What a success returns.
    pub success: &'a Success,
    /// For a `_pages` method, how it walks the pages.
    pub pages: Option<&'a pagination::Pagination>,
}

impl Operation {
    /// The client methods the operation gives: its own, then its extra methods in order.
    pub fn methods(&self) -> impl Iterator<Item = MethodView<'_>> {
        let own = MethodView {
            name: &self.method_name,
            doc: &self.doc,
            accept: self.accept.as_deref(),
            responses: &self.responses,
            success: &self.success,
            pages: None,
        };
        let extra = self
            .extra_methods
            .iter()
            .map(move |method| match &method.kind {
                MethodKind::EventStream(answer) => MethodView {
                    name: &method.name,
                    doc: &method.doc,
                    accept: answer.accept.as_deref(),
                    responses: &answer.responses,
                    success: &answer.success,
                    pages: None,
                },
                MethodKind::Pages(pagination) => MethodView {
                    name: &method.name,
                    doc: &method.doc,
                    pages: Some(pagination),
                    ..own
                },
            });
        std::iter::once(own).chain(extra)
    }
}

/// The struct that carries an operation's parameters.
#[derive(Debug, Clone)]
pub struct ParamsStruct {
    /// Its name, unique in the module.
    pub name: String,
    /// It derives `Default`: no required parameter is of a type without one.
    pub derive_default: bool,
    /// When an earlier operation's params struct would be written out the same, that struct's
    /// name: this one is a type alias of it.
    pub same_as: Option<String>,
}

/// The enum of an operation's documented error statuses.
#[derive(Debug, Clone)]
pub struct ErrorEnum {
    /// Its name, unique in the module.
    pub name: String,
    /// When an earlier operation documents the same errors, the name of that operation's enum:
    /// this one is a type alias of it.
    pub same_as: Option<String>,
}

/// The struct of the headers an operation's responses declare (the union over its statuses; the
/// runtime reads, for each response, the ones its status declares).
#[derive(Debug, Clone)]
pub struct HeadersStruct {
    /// Its name, unique in the module.
    pub name: String,
    /// One field per header, in the order first declared.
    pub fields: Vec<ResponseHeader>,
    /// When an earlier operation's headers struct would be written out the same, that struct's
    /// name: this one is a type alias of it.
    pub same_as: Option<String>,
}

/// A header a response declares (OpenAPI 3.0 §4.7.21 Header Object, `simple` style).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ResponseHeader {
    /// The field's name.
    pub name: Name,
    /// The header's name, lower case.
    pub wire: String,
    /// Its type as the schema says; a list's is `Vec<item>`.
    pub ty: Ty,
    /// How its text is read ([`decide`] sets it once the types are final).
    pub reading: HeaderReading,
    /// Doc comment lines.
    pub doc: Vec<String>,
    /// A credential: hidden from `Debug`.
    pub secret: bool,
}

/// How a declared header's text becomes its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HeaderReading {
    /// Parsed as one value of its type (text, number, boolean, string enum).
    Value,
    /// Items joined by commas, each parsed as the item type.
    List,
    /// A schema a header's text cannot hold faithfully (an object, a union): kept as text.
    Text,
}

/// How a parameter's value is passed to the runtime.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParamShape {
    /// Text: passed as `&str`.
    Text,
    /// A `Copy` scalar (number, bool, date, closed enum): passed by value.
    Copy,
    /// A scalar that is not `Copy` (a string enum that keeps values it does not list): passed by
    /// value to a method, borrowed from a params struct.
    Owned,
    /// An array of text or scalars, passed as a slice of `item`.
    List {
        /// The type of one item (the array's own, aliases followed).
        item: Ty,
    },
    /// Anything else: sent as its JSON text.
    Json,
}

/// One part of a `multipart/form-data` body, from a property of the body struct.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MultipartPart {
    /// The struct field.
    pub field: Name,
    /// The part's name.
    pub wire: String,
    /// What the part holds.
    pub kind: PartKind,
    /// The field is an `Option`: the part is sent only when it is set.
    pub optional: bool,
    /// The field is an `Option<Option<_>>` (absent, null, a value): sent only when it has a
    /// value, as multipart cannot say `null`.
    pub tri_state: bool,
    /// The part's `Content-Type`: its Encoding Object's, or OpenAPI's default for its kind
    /// (`None`: text, which needs no header).
    pub content_type: Option<String>,
}

/// How a property becomes a part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartKind {
    /// Raw bytes, as a file part.
    Bytes,
    /// An array of raw bytes: one file part per item.
    BytesList,
    /// Bytes of `format: byte`: a text part of their base64 (OpenAPI 3.0 §4.7.14.4).
    Base64,
    /// Text, borrowed.
    Text,
    /// A `Copy` scalar, written as text.
    Copy,
    /// A scalar that is not `Copy` (a string enum that keeps values it does not list), borrowed
    /// and written as text.
    Owned,
    /// An array of scalars: one text part per item.
    List,
    /// Anything else: the value's JSON text.
    Json,
}

/// What a successful call returns.
#[derive(Debug, Clone)]
pub enum Success {
    /// One body type (or `()` for none) for every success status.
    Single(Option<Body>),
    /// Several success statuses with different bodies: an enum by status.
    Enum(String),
}

/// A piece of a path template.
#[derive(Debug, Clone)]
pub enum PathPart {
    /// Literal text.
    Literal(String),
    /// The parameter at this index of [`Operation::params`].
    Param(usize),
}

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    /// A path segment.
    Path,
    /// The query string.
    Query,
    /// A header.
    Header,
    /// The `Cookie` header.
    Cookie,
}

/// One parameter.
#[derive(Debug, Clone)]
pub struct Param {
    /// Rust name.
    pub name: Name,
    /// The name on the wire.
    pub wire: String,
    /// Where it goes.
    pub location: Location,
    /// Its type.
    pub ty: Ty,
    /// How its value is passed ([`decide`] sets it once the types are final).
    pub shape: ParamShape,
    /// Must be given.
    pub required: bool,
    /// Doc comment lines.
    pub doc: Vec<String>,
    /// For arrays: one pair per item (`a=1&a=2`) instead of one joined value.
    pub explode: bool,
    /// For arrays that are not exploded: what joins the items.
    pub separator: &'static str,
    /// A credential: hidden from `Debug`.
    pub secret: bool,
    /// An optional `Idempotency-Key` (or `X-Idempotency-Key`) header: when the caller leaves it
    /// unset, the runtime sends a key of its own (a UUID v4), the same on every attempt of the
    /// call, which makes the request safe to repeat (draft-ietf-httpapi-idempotency-key-header;
    /// Stainless's SDKs send one per logical call).
    pub idempotency_key: bool,
}

impl Param {
    /// The parameter seen as a field of its params struct, to share the field helpers of the
    /// types module.
    pub fn as_field(&self) -> crate::types::Field {
        crate::types::Field {
            name: self.name.clone(),
            wire: self.wire.clone(),
            ty: self.ty.clone(),
            required: self.required,
            nullable: false,
            spec_default: None,
            default: None,
            zero_default: false,
            doc: self.doc.clone(),
            secret: self.secret,
            boxed: false,
            deprecated: false,
            additional: false,
            tri_state: false,
            must_be_present: false,
            direction: crate::types::Direction::Both,
        }
    }
}

/// How a body is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Media {
    /// JSON (`application/json`, `*/*+json`, `text/json`).
    Json,
    /// `application/x-www-form-urlencoded`.
    Form,
    /// `multipart/form-data`, from an object's properties.
    Multipart,
    /// Text (`text/plain`, ...).
    Text,
    /// Raw bytes (`application/octet-stream`, images, ...).
    Bytes,
    /// Server-sent events (`text/event-stream`): a stream of events whose data the schema
    /// describes. Only a success response is read this way (an error's is text).
    EventStream,
}

/// A request or response body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Body {
    /// Its type ([`Ty::String`] for text, [`Ty::Bytes`] for raw bodies).
    pub ty: Ty,
    /// How it is encoded.
    pub media: Media,
    /// The media type as the spec writes it.
    pub content_type: String,
    /// A request body that must be given.
    pub required: bool,
    /// In an enum variant, the value is boxed (a named type: keeps the enum, and so every
    /// `Result`, small).
    pub boxed: bool,
    /// For a multipart request body, its parts ([`decide`] sets them).
    pub parts: Vec<MultipartPart>,
    /// For a form request body, the properties its Encoding Object writes otherwise than
    /// exploded `form` style, by name.
    pub form_styles: Vec<(String, FormStyle)>,
    /// For a multipart request body, the `contentType` its Encoding Object gives properties.
    pub part_types: Vec<(String, String)>,
    /// A response body read as it arrives: raw bytes as a `ByteStream` (the one success body of
    /// an operation), and every event stream.
    pub streamed: bool,
    /// For a response body, the media types its status lists that are read as this body (the
    /// chosen one and those of its kind, as written); a response of another `Content-Type` is
    /// `Error::UnexpectedContentType`. Empty: any.
    pub read_from: Vec<String>,
}

/// How a property of a form body is written when not as exploded `form` (the runtime's
/// `FormStyle`, OpenAPI 3.0 §4.7.15).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormStyle {
    /// Items (or keys and values) joined by this separator: `form` or `spaceDelimited` or
    /// `pipeDelimited` with `explode: false`.
    Joined(&'static str),
    /// `deepObject`: `name[key]=value`.
    DeepObject,
}

impl Body {
    /// A body of `ty`; a named type, nullable or not, is boxed where an enum variant holds it.
    pub fn new(ty: Ty, media: Media, content_type: &str, required: bool) -> Body {
        let named = |ty: &Ty| matches!(ty, Ty::Named(_));
        Body {
            boxed: named(&ty) || matches!(&ty, Ty::Option(inner) if named(inner)),
            ty,
            media,
            content_type: content_type.to_owned(),
            required,
            parts: Vec::new(),
            form_styles: Vec::new(),
            part_types: Vec::new(),
            streamed: media == Media::EventStream,
            read_from: vec![content_type.to_owned()],
        }
    }
}

/// Which statuses a response covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// One status code.
    Code(u16),
    /// A range: `2XX` is `Range(2)`.
    Range(u16),
    /// Every status not listed otherwise.
    Default,
}

impl Status {
    /// As the spec writes it: `201`, `4XX`, `default`.
    pub fn label(self) -> String {
        match self {
            Status::Code(code) => code.to_string(),
            Status::Range(range) => format!("{range}XX"),
            Status::Default => "default".to_owned(),
        }
    }

    /// True for statuses that mean success (2xx).
    pub fn is_success(self) -> bool {
        match self {
            Status::Code(code) => (200..300).contains(&code),
            Status::Range(range) => range == 2,
            Status::Default => false,
        }
    }
}

/// One documented response.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The status it answers.
    pub status: Status,
    /// The variant name in the success or error enum.
    pub variant: String,
    /// Its body, if it has one.
    pub body: Option<Body>,
    /// The headers it declares, lower case ([`HeadersStruct`] has their types).
    pub headers: Vec<String>,
    /// For a success whose `content` lists `text/event-stream` beside the media type of `body`:
    /// that stream, while the responses are read; the `_stream` method ([`MethodKind::EventStream`])
    /// takes it, and no outcome of an analysed operation holds one.
    pub event_stream: Option<Body>,
    /// The response's description.
    pub description: String,
}

/// One security scheme an operation uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchemeUse {
    /// HTTP Basic.
    Basic,
    /// A bearer token (HTTP Bearer, OAuth2, OpenID Connect).
    Bearer,
    /// An API key.
    ApiKey {
        /// The scheme's name in the spec.
        scheme: String,
        /// Where it goes.
        location: Location,
        /// Header, query or cookie name.
        name: String,
    },
}

/// The reason phrase of a status code, as an UpperCamelCase variant name.
pub fn status_variant(code: u16) -> String {
    let name = match code {
        100 => "Continue",
        101 => "SwitchingProtocols",
        200 => "Ok",
        201 => "Created",
        202 => "Accepted",
        203 => "NonAuthoritativeInformation",
        204 => "NoContent",
        205 => "ResetContent",
        206 => "PartialContent",
        207 => "MultiStatus",
        300 => "MultipleChoices",
        301 => "MovedPermanently",
        302 => "Found",
        303 => "SeeOther",
        304 => "NotModified",
        307 => "TemporaryRedirect",
        308 => "PermanentRedirect",
        400 => "BadRequest",
        401 => "Unauthorized",
        402 => "PaymentRequired",
        403 => "Forbidden",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        406 => "NotAcceptable",
        407 => "ProxyAuthenticationRequired",
        408 => "RequestTimeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "LengthRequired",
        412 => "PreconditionFailed",
        413 => "PayloadTooLarge",
        414 => "UriTooLong",
        415 => "UnsupportedMediaType",
        416 => "RangeNotSatisfiable",
        417 => "ExpectationFailed",
        418 => "ImATeapot",
        421 => "MisdirectedRequest",
        422 => "UnprocessableEntity",
        423 => "Locked",
        424 => "FailedDependency",
        425 => "TooEarly",
        426 => "UpgradeRequired",
        428 => "PreconditionRequired",
        429 => "TooManyRequests",
        431 => "RequestHeaderFieldsTooLarge",
        451 => "UnavailableForLegalReasons",
        500 => "InternalServerError",
        501 => "NotImplemented",
        502 => "BadGateway",
        503 => "ServiceUnavailable",
        504 => "GatewayTimeout",
        505 => "HttpVersionNotSupported",
        507 => "InsufficientStorage",
        508 => "LoopDetected",
        511 => "NetworkAuthenticationRequired",
        _ => return format!("Status{code}"),
    };
    name.to_owned()
}
