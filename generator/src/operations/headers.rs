//! The headers an operation's responses declare (OpenAPI 3.0 §4.7.17 Response Object `headers`,
//! §4.7.21 Header Object): read per response, gathered into one struct per operation.

use super::convert::Reader;
use super::{HeaderReading, ResponseHeader, Status};
use crate::diagnostics::{Code, Diagnostic};
use crate::docs::doc_lines;
use crate::naming::{snake_name, Scope};
use crate::pointer::join;
use crate::types::{is_secret, Ty};
use openapiv3::{Header, Parameter, ParameterSchemaOrContent, ReferenceOr, Response};

/// The headers of an operation's responses as they are read, before they become a struct.
#[derive(Default)]
pub(super) struct Gathered {
    headers: Vec<ResponseHeader>,
    /// For each header, the statuses that declare it.
    statuses: Vec<Vec<Status>>,
    names: Scope,
}

impl<'a> Reader<'a, '_> {
    /// The names (lower case) of the headers `response` declares for `status`, each gathered
    /// with its type the first time it is met. `Content-Type` is left out: OpenAPI says a
    /// definition of it is ignored (the body's media type says it).
    pub(super) fn declared_headers(
        &mut self,
        response: &'a Response,
        status: Status,
        stem: &str,
        pointer: &str,
        gathered: &mut Gathered,
    ) -> Vec<String> {
        let mut declared = Vec::new();
        for (name, header) in &response.headers {
            let wire = name.to_ascii_lowercase();
            if wire == "content-type" || declared.contains(&wire) {
                continue;
            }
            let header_pointer = join(&join(pointer, "headers"), name);
            let Some((format, description)) = self.header_definition(header, &header_pointer)
            else {
                continue;
            };
            let ty = match format {
                ParameterSchemaOrContent::Schema(schema) => {
                    let hint = format!("{stem}{}", crate::naming::type_name(name));
                    let schema_pointer = join(&header_pointer, "schema");
                    let ty = self.types.ty_of(schema, &hint, &schema_pointer);
                    crate::types::bytes_as_text(ty, self.types.table())
                }
                // A header with `content` holds a serialised value: kept as its text.
                ParameterSchemaOrContent::Content(_) => Ty::String,
            };
            gathered.add(&wire, name, ty, description, status);
            declared.push(wire);
        }
        declared
    }
}

impl<'a> Reader<'a, '_> {
    /// A header's schema (or content) and description. A header is metadata beside the body: one
    /// that cannot be read is left out with a warning, never failing the spec. A `$ref` to a
    /// parameter (Apache Polaris's `etag`), whose object is a header's with `name` and `in`, is
    /// read as that header.
    fn header_definition(
        &mut self,
        header: &'a ReferenceOr<Header>,
        pointer: &str,
    ) -> Option<(&'a ParameterSchemaOrContent, Option<&'a str>)> {
        let error = match self.resolver.resolve::<Header>(header, pointer) {
            Ok((header, _)) => return Some((&header.format, header.description.as_deref())),
            Err(error) => error,
        };
        if let ReferenceOr::Reference { reference } = header {
            let parameter = (self.resolver.lookup::<Parameter>(reference, pointer))
                .and_then(|(found, at)| self.resolver.resolve(found, &at));
            if reference.starts_with("#/components/parameters/") {
                if let Ok((parameter, _)) = parameter {
                    let data = parameter.parameter_data_ref();
                    self.diagnostics.push(Diagnostic::warning(
                        Code::RefWrongKind,
                        join(pointer, "$ref"),
                        format!("`{reference}` names a parameter, not a header: it is read as the header it describes"),
                    ));
                    return Some((&data.format, data.description.as_deref()));
                }
            }
        }
        let mut warning = error;
        warning.severity = crate::diagnostics::Severity::Warning;
        warning.message = format!("{}: the header is left out", warning.message);
        self.diagnostics.push(warning);
        None
    }
}

impl Gathered {
    fn add(&mut self, wire: &str, name: &str, ty: Ty, description: Option<&str>, status: Status) {
        if let Some(index) = self.headers.iter().position(|h| h.wire == wire) {
            // Declared by several statuses with different schemas: only its text is common.
            if self.headers[index].ty != ty {
                self.headers[index].ty = Ty::String;
            }
            self.statuses[index].push(status);
            return;
        }
        let field = self.names.unique_name(snake_name(name));
        let mut doc = doc_lines(description.unwrap_or(""));
        if doc.is_empty() {
            doc.push(format!(" The `{name}` header."));
        }
        // Cookies and credentials (`Set-Cookie`, `X-Auth-Token`) are hidden from `Debug`.
        let credential = matches!(wire, "set-cookie" | "cookie" | "authorization");
        self.headers.push(ResponseHeader {
            secret: credential || is_secret(&field, &ty, false, false),
            name: field,
            wire: wire.to_owned(),
            ty,
            reading: HeaderReading::Value, // decided once the types are final
            doc,
        });
        self.statuses.push(vec![status]);
    }

    /// The struct's fields, each doc saying which statuses declare it; none when no response
    /// declares a header.
    pub(super) fn finish(self) -> Option<Vec<ResponseHeader>> {
        if self.headers.is_empty() {
            return None;
        }
        let mut fields = self.headers;
        for (field, statuses) in fields.iter_mut().zip(self.statuses) {
            let labels: Vec<String> = statuses.iter().map(|s| s.label()).collect();
            let line = match labels.as_slice() {
                [one] => format!(" Read from responses of status {one} (`None` when absent)."),
                many => format!(
                    " Read from responses of statuses {} (`None` when absent).",
                    many.join(", ")
                ),
            };
            field.doc.extend([String::new(), line]);
        }
        Some(fields)
    }
}
