//! Why a document is refused: bad YAML, not OpenAPI, a version not read, or a field of the wrong
//! shape, each located as well as the parser allows.

use super::is_supported;
use crate::diagnostics::{Code, Diagnostic};

pub(super) fn explain_panic(text: &str) -> Diagnostic {
    match serde_yaml::from_str::<serde_yaml::Value>(text) {
        Err(error) => located(
            Diagnostic::error(
                Code::InvalidYaml,
                "",
                format!("invalid YAML: {}", strip_location(&error)),
            ),
            &error,
        ),
        Ok(_) => Diagnostic::error(
            Code::InvalidDocument,
            "",
            "the openapiv3 parser failed on this document",
        )
        .with_hint("look for keys repeated within one mapping"),
    }
}

pub(super) fn unsupported_version(version: &str) -> Diagnostic {
    Diagnostic::error(
        Code::UnsupportedVersion,
        "#/openapi",
        format!(
            "OpenAPI {version} is not supported: oapigen reads OpenAPI 3.0, 3.1 and 3.2 documents"
        ),
    )
    .with_hint("write the version the document follows, as `openapi: 3.1.0`")
}

/// Turns a failed typed parse into the most useful message: bad YAML, not OpenAPI, wrong version,
/// or a field of the wrong shape (`narrowed` to its node, when it was).
pub(super) fn explain(
    text: &str,
    typed_error: serde_yaml::Error,
    narrowed: Option<Diagnostic>,
) -> Diagnostic {
    let value: serde_yaml::Value = match serde_yaml::from_str(text) {
        Ok(value) => value,
        Err(syntax) => {
            return located(
                Diagnostic::error(
                    Code::InvalidYaml,
                    "",
                    format!("invalid YAML: {}", strip_location(&syntax)),
                ),
                &syntax,
            )
        }
    };
    let Some(map) = value.as_mapping() else {
        return Diagnostic::error(
            Code::NotOpenApi,
            "",
            "not an OpenAPI document: the top level is not a mapping",
        );
    };
    if let Some(version) = map.get("swagger") {
        let version = yaml_scalar(version);
        if !version.starts_with('2') {
            return Diagnostic::error(
                Code::UnsupportedVersion,
                "#/swagger",
                format!("Swagger {version} is not supported: oapigen reads Swagger 2.0 and OpenAPI 3.0, 3.1 and 3.2 documents"),
            )
            .with_hint("convert it to OpenAPI 3 first (the converter of editor.swagger.io)");
        }
        // The typed parse read the converted document, whose positions are not the file's.
        return Diagnostic::error(
            Code::InvalidDocument,
            "",
            format!(
                "not a valid Swagger 2.0 document: {}",
                strip_location(&typed_error)
            ),
        );
    }
    match map.get("openapi") {
        None => Diagnostic::error(
            Code::NotOpenApi,
            "",
            "not an OpenAPI document: it has no `openapi` field",
        )
        .with_hint("an OpenAPI document starts with its version, as `openapi: 3.1.0`"),
        Some(version) if !is_supported(&yaml_scalar(version)) => {
            unsupported_version(&yaml_scalar(version))
        }
        Some(_) => narrowed.unwrap_or_else(|| {
            let message = format!(
                "not a valid OpenAPI document: {}",
                strip_location(&typed_error)
            );
            located(
                Diagnostic::error(Code::InvalidDocument, "", message),
                &typed_error,
            )
        }),
    }
}

fn located(diagnostic: Diagnostic, error: &serde_yaml::Error) -> Diagnostic {
    match error.location() {
        Some(location) => diagnostic.at(location.line(), location.column()),
        None => diagnostic,
    }
}

/// serde_yaml appends " at line L column C"; the diagnostic carries the location itself.
pub(super) fn strip_location(error: &serde_yaml::Error) -> String {
    let message = error.to_string();
    match message.find(" at line ") {
        Some(index) => message[..index].to_owned(),
        None => message,
    }
}

fn yaml_scalar(value: &serde_yaml::Value) -> String {
    match value {
        serde_yaml::Value::String(text) => text.clone(),
        serde_yaml::Value::Number(number) => number.to_string(),
        other => format!("{other:?}"),
    }
}
