//! Request bodies and responses of an operation: which media type is used, the body's type, and
//! the documented statuses with what a success returns.

use super::convert::Reader;
use super::headers::Gathered;
use super::media::{
    is_string, media_groups, media_of, media_types, pick_media, variant_suffix, Group,
};
use super::{status_variant, Body, FormStyle, Media, Outcome, Status, Success};
use crate::diagnostics::{Code, Diagnostic};
use crate::naming::Scope;
use crate::pointer::join;
use crate::types::Ty;
use openapiv3::{MediaType, QueryStyle, RequestBody, Response, StatusCode};

impl<'a> Reader<'a, '_> {
    pub(super) fn request_body(
        &mut self,
        operation: &'a openapiv3::Operation,
        stem: &str,
        pointer: &str,
    ) -> Option<Body> {
        let body_pointer = join(pointer, "requestBody");
        let (body, _) = match self
            .resolver
            .resolve::<RequestBody>(operation.request_body.as_ref()?, &body_pointer)
        {
            Ok(found) => found,
            Err(diagnostic) => {
                // Without its body the call would send something else: `operations` leaves
                // the operation out for this error.
                self.diagnostics.push(diagnostic);
                return None;
            }
        };
        let Some((content_type, media, media_type)) = pick_media(&body.content, &self.resolver)
        else {
            self.diagnostics.push(Diagnostic::warning(
                Code::UnsupportedMediaType,
                join(&body_pointer, "content"),
                format!("no media type of the request body is one the client sends ({}): the operation is generated without a body", media_types(&body.content)),
            ));
            return None;
        };
        // An event stream sent by the client is its text.
        let media = match media {
            Media::EventStream => Media::Text,
            other => other,
        };
        let schema_pointer = join(
            &join(&join(&body_pointer, "content"), content_type),
            "schema",
        );
        let ty = self.body_type(media, media_type, &format!("{stem}Body"), &schema_pointer);
        let is_struct = |ty: &Ty| {
            ty.named().is_some_and(|id| {
                matches!(self.types.get(id).kind, crate::types::TypeKind::Struct(_))
            })
        };
        if media == Media::Multipart && !is_struct(&ty) {
            self.diagnostics.push(Diagnostic::warning(
                Code::MultipartNotObject,
                schema_pointer,
                "a multipart body must be an object with properties: the operation is generated without a body",
            ));
            return None;
        }
        let mut request = Body::new(ty, media, content_type, body.required);
        if media == Media::Form {
            request.form_styles = form_styles(media_type);
        }
        if media == Media::Multipart {
            let encoding_pointer = join(
                &join(&join(&body_pointer, "content"), content_type),
                "encoding",
            );
            request.part_types = self.part_types(media_type, &encoding_pointer);
        }
        Some(request)
    }
    /// The `contentType` of each property the Encoding Object names (the first, when it lists
    /// several); one that is not a media type is left out, with a warning.
    fn part_types(&mut self, media_type: &MediaType, pointer: &str) -> Vec<(String, String)> {
        let mut types = Vec::new();
        for (property, encoding) in &media_type.encoding {
            let Some(listed) = &encoding.content_type else {
                continue;
            };
            let first = listed.split(',').next().unwrap_or("").trim();
            if is_media_type(first) {
                types.push((property.clone(), first.to_owned()));
            } else {
                self.diagnostics.push(Diagnostic::warning(
                    Code::InvalidPartContentType,
                    join(&join(pointer, property), "contentType"),
                    format!(
                        "`{listed}` is not a media type: the part is sent with its default type"
                    ),
                ));
            }
        }
        types
    }

    pub(super) fn body_type(
        &mut self,
        media: Media,
        media_type: &'a MediaType,
        hint: &str,
        pointer: &str,
    ) -> Ty {
        match (media, &media_type.schema) {
            (Media::Text, _) => Ty::String,
            (Media::Bytes, _) => Ty::Bytes,
            // An event's data is text unless its schema says otherwise.
            (Media::EventStream, None) => Ty::String,
            (Media::EventStream, Some(schema))
                if (self.resolver.resolve(schema, pointer))
                    .is_ok_and(|(schema, _)| is_string(schema)) =>
            {
                Ty::String
            }
            (Media::Json | Media::EventStream, Some(schema)) => {
                let ty = self.types.ty_of(schema, hint, pointer);
                crate::types::bytes_as_text(ty, self.types.table())
            }
            (_, Some(schema)) => self.types.ty_of(schema, hint, pointer),
            (_, None) => Ty::Json,
        }
    }
    /// The documented responses by status, resolved, `default` last; one whose `$ref` cannot be
    /// followed is left out, with a warning.
    fn listed_responses(
        &mut self,
        operation: &'a openapiv3::Operation,
        responses_pointer: &str,
    ) -> Vec<(Status, &'a Response, String)> {
        let responses = &operation.responses;
        let codes = responses.responses.iter().map(|(code, response)| {
            let status = match code {
                StatusCode::Code(code) => Status::Code(*code),
                StatusCode::Range(range) => Status::Range(*range),
            };
            (status, response, join(responses_pointer, &code.to_string()))
        });
        let default = (responses.default.as_ref())
            .map(|default| (Status::Default, default, join(responses_pointer, "default")));
        let mut listed = Vec::new();
        for (status, response, pointer) in codes.chain(default) {
            match self.resolver.resolve(response, &pointer) {
                // At its definition: a shared response's defects are found (once) where it is.
                Ok((response, at)) => listed.push((status, response, at)),
                Err(diagnostic) => {
                    let cost = "this response is left out";
                    self.diagnostics.push(diagnostic.tolerated(cost));
                }
            }
        }
        listed
    }

    /// The documented responses, with the headers they declare gathered.
    pub(super) fn responses(
        &mut self,
        operation: &'a openapiv3::Operation,
        stem: &str,
        pointer: &str,
        headers: &mut Gathered,
    ) -> Vec<Outcome> {
        let responses_pointer = join(pointer, "responses");
        let listed = self.listed_responses(operation, &responses_pointer);
        // OpenAPI requires one response at least, and a success is what a call is for; LocalAI's
        // WebSocket endpoints document none, Swagger's petstore only errors for `addPet`. Failing
        // every call would be worse than assuming success.
        let implied_success = !listed
            .iter()
            .any(|(status, ..)| status.is_success() || *status == Status::Default);
        if implied_success {
            let what = match listed.is_empty() {
                true => "no response",
                false => "no successful response",
            };
            self.diagnostics.push(Diagnostic::warning(
                Code::NoSuccessResponse,
                &responses_pointer,
                format!("the operation documents {what}: any 2xx status is taken as success, with no body"),
            ));
        }
        if listed.is_empty() {
            return vec![implied_success_outcome()];
        }
        let successes = listed
            .iter()
            .filter(|(status, ..)| status.is_success())
            .count();
        let mut variants = Scope::default();
        let mut outcomes = Vec::new();
        for (status, response, response_pointer) in listed {
            let variant = variants.unique(match status {
                Status::Code(code) => status_variant(code),
                Status::Range(1) => "Informational".to_owned(),
                Status::Range(2) => "Success".to_owned(),
                Status::Range(3) => "Redirection".to_owned(),
                Status::Range(4) => "ClientError".to_owned(),
                Status::Range(5) => "ServerError".to_owned(),
                Status::Range(n) => format!("Status{n}xx"),
                Status::Default => "Other".to_owned(),
            });
            let hint = if status.is_success() && successes == 1 {
                format!("{stem}Response")
            } else {
                format!("{stem}{variant}")
            };
            let place = StatusPlace {
                status,
                pointer: &response_pointer,
                variant,
                hint,
            };
            outcomes.extend(self.status_outcomes(response, place, stem, headers, &mut variants));
        }
        if implied_success {
            outcomes.push(implied_success_outcome());
        }
        outcomes
    }

    /// The outcomes of one documented status: one per group of its media types the client
    /// reads ([`media_groups`]), the first named `place.variant`, each other after its media
    /// type (`OkText`, `NotFoundCsv`); raw bytes when it reads none of them.
    fn status_outcomes(
        &mut self,
        response: &'a Response,
        place: StatusPlace<'_>,
        stem: &str,
        headers: &mut Gathered,
        variants: &mut Scope,
    ) -> Vec<Outcome> {
        let StatusPlace {
            status, pointer, ..
        } = place;
        let content = &response.content;
        let groups = media_groups(content, &self.resolver, status.is_success());
        let body = match groups.first() {
            Some(group) => Some(self.group_body(group, &place.hint, pointer)),
            None if content.is_empty() => None,
            None => {
                self.diagnostics.push(Diagnostic::warning(
                    Code::UnsupportedMediaType,
                    join(pointer, "content"),
                    format!("no media type of the response is one the client reads ({}): the body is read as raw bytes", media_types(content)),
                ));
                let mut body = Body::new(Ty::Bytes, Media::Bytes, "", true);
                body.read_from.clear(); // whatever comes
                Some(body)
            }
        };
        // A stream listed beside another media type: the `_stream` method's.
        let event_stream = content
            .iter()
            .find(|(name, _)| media_of(name) == Some(Media::EventStream))
            .filter(|_| status.is_success())
            .filter(|_| body.as_ref().is_some_and(|b| b.media != Media::EventStream))
            .map(|(content_type, media_type)| {
                let at = (content_type.as_str(), &pointer.to_owned());
                let hint = format!("{stem}Event");
                self.response_body(Media::EventStream, media_type, &hint, at)
            });
        let declared = self.declared_headers(response, status, stem, pointer, headers);
        let first = Outcome {
            status,
            variant: place.variant.clone(),
            body,
            headers: declared.clone(),
            event_stream,
            description: response.description.clone(),
        };
        let mut outcomes = vec![first];
        for group in groups.iter().skip(1) {
            let variant = variants.unique(format!("{}{}", place.variant, variant_suffix(group)));
            let hint = format!("{stem}{variant}");
            outcomes.push(Outcome {
                status,
                body: Some(self.group_body(group, &hint, pointer)),
                variant,
                headers: declared.clone(),
                event_stream: None,
                description: response.description.clone(),
            });
        }
        outcomes
    }

    /// The body a group of media types is read as.
    fn group_body(&mut self, group: &Group<'a>, hint: &str, pointer: &str) -> Body {
        let at = (group.content_type, &pointer.to_owned());
        let mut body = self.response_body(group.media, group.media_type, hint, at);
        body.read_from = group.read_from.clone();
        body
    }

    /// The body of a response of `media`, read from `media_type` (`place`: its content type and
    /// the response's pointer).
    fn response_body(
        &mut self,
        media: Media,
        media_type: &'a MediaType,
        hint: &str,
        (content_type, response_pointer): (&str, &String),
    ) -> Body {
        let schema_pointer = join(
            &join(&join(response_pointer, "content"), content_type),
            "schema",
        );
        let ty = self.body_type(media, media_type, hint, &schema_pointer);
        // A JSON body whose schema admits null may be `null`: `None`.
        let nullable = media == Media::Json
            && (media_type.schema.as_ref())
                .is_some_and(|schema| self.resolver.allows_null_of(schema));
        let ty = crate::types::optional_if(nullable, ty);
        Body::new(ty, media, content_type, true)
    }

    pub(super) fn success(&mut self, outcomes: &[Outcome], stem: &str) -> Success {
        let successes: Vec<&Outcome> = outcomes.iter().filter(|o| o.status.is_success()).collect();
        let Some(first) = successes.first() else {
            // With no 2xx listed, `default` describes the successful response too.
            let default = outcomes.iter().find(|o| o.status == Status::Default);
            return Success::Single(default.and_then(|o| o.body.clone()));
        };
        let same = successes.iter().all(|o| {
            o.body.as_ref().map(|b| (&b.ty, b.media))
                == first.body.as_ref().map(|b| (&b.ty, b.media))
        });
        if same {
            Success::Single(first.body.clone())
        } else {
            Success::Enum(self.module_scope.unique(format!("{stem}Success")))
        }
    }
}

/// Which bodies are read as they arrive: the one success body of raw bytes (a download of any
/// size), every event stream. A success enum (derives `Clone`, `PartialEq`) holds bodies read
/// whole: bytes as `Vec<u8>`, an event stream as its text.
pub(super) fn settle_streams(outcomes: &mut [Outcome], success: &mut Success) {
    let is_enum = matches!(success, Success::Enum(_));
    for outcome in outcomes.iter_mut().filter(|o| o.status.is_success()) {
        let Some(body) = &mut outcome.body else {
            continue;
        };
        match (body.media, is_enum) {
            (Media::EventStream, true) => {
                *body = Body::new(Ty::String, Media::Text, &body.content_type, true);
            }
            (Media::Bytes, false) => body.streamed = true,
            _ => {}
        }
        if is_enum {
            outcome.event_stream = None;
        }
    }
    // The method's type follows its success arms (`default` standing for success is read whole).
    let first = outcomes.iter().find(|o| o.status.is_success());
    if let (Success::Single(Some(body)), Some(first)) = (success, first) {
        body.streamed = first.body.as_ref().is_some_and(|b| b.streamed);
    }
}

/// The `Accept` header: every media type the responses are read from, JSON ones first. Types a
/// response lists but the client cannot read as its body (XML beside JSON, an event stream) are
/// left out, so a server that negotiates sends one the client reads.
pub(super) fn accept_header(outcomes: &[Outcome]) -> Option<String> {
    let mut json = Vec::new();
    let mut other = Vec::new();
    let bodies = outcomes.iter().filter_map(|outcome| outcome.body.as_ref());
    for content_type in bodies.flat_map(|body| &body.read_from) {
        let list = if media_of(content_type) == Some(Media::Json) {
            &mut json
        } else {
            &mut other
        };
        if !list.contains(content_type) {
            list.push(content_type.clone());
        }
    }
    json.extend(other);
    (!json.is_empty()).then(|| json.join(", "))
}

/// Where a documented status stands, and the names its first outcome takes.
struct StatusPlace<'p> {
    status: Status,
    pointer: &'p str,
    /// The variant of its first outcome in the success or error enum.
    variant: String,
    /// The name an inline type of its first outcome's body is given.
    hint: String,
}

/// The success an operation that documents none is taken to have: any 2xx, no body.
fn implied_success_outcome() -> Outcome {
    Outcome {
        status: Status::Range(2),
        variant: "Success".to_owned(),
        body: None,
        headers: Vec::new(),
        event_stream: None,
        description: String::new(),
    }
}

/// The properties of a form body its Encoding Object writes otherwise than exploded `form`.
fn form_styles(media_type: &MediaType) -> Vec<(String, FormStyle)> {
    media_type
        .encoding
        .iter()
        .filter_map(|(name, encoding)| {
            let style = match (&encoding.style, encoding.explode) {
                (Some(QueryStyle::DeepObject), _) => FormStyle::DeepObject,
                (_, true) => return None,
                (Some(QueryStyle::SpaceDelimited), false) => FormStyle::Joined(" "),
                (Some(QueryStyle::PipeDelimited), false) => FormStyle::Joined("|"),
                (_, false) => FormStyle::Joined(","),
            };
            Some((name.clone(), style))
        })
        .collect()
}

/// `type/subtype`, optionally with parameters, in the characters RFC 6838 allows.
fn is_media_type(text: &str) -> bool {
    let essence = text.split(';').next().unwrap_or("").trim();
    let token = |part: &str| {
        !part.is_empty()
            && part
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "!#$&-^_.+*".contains(c))
    };
    let printable = text.chars().all(|c| (' '..='~').contains(&c));
    matches!(essence.split_once('/'), Some((kind, sub)) if token(kind) && token(sub)) && printable
}
