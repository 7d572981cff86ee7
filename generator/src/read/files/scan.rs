//! Scans of a file's text that need no parse: whether it is a document or a fragment, whether
//! it refers to other files, and which references name no file of the disk.

/// Whether `text` is an OpenAPI or Swagger document (its top level has `openapi` or `swagger`),
/// not a fragment that documents split across files refer to: a folder of specs holds both.
pub fn is_document(text: &str) -> bool {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let key = |line: &str| {
        let line = line.trim_start_matches(['"', '\'']);
        ["openapi", "swagger"].iter().any(|key| {
            let rest = line
                .strip_prefix(key)
                .map(|rest| rest.trim_start_matches(['"', '\'']).trim_start());
            // Its value a version on the line, not a mapping (a schema named `openapi`).
            let value = rest.and_then(|rest| rest.strip_prefix(':')).map(str::trim);
            value.is_some_and(|value| !value.is_empty() && !value.starts_with(['{', '[', '#']))
        })
    };
    match text.trim_start().starts_with('{') {
        // JSON: a key of the top-level object (one that does not parse is taken for a document,
        // to be reported when it is generated).
        true => match serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(text) {
            Ok(object) => ["openapi", "swagger"].iter().any(|key| {
                object
                    .get(*key)
                    .is_some_and(|value| value.is_string() || value.is_number())
            }),
            Err(_) => true,
        },
        // YAML: a key of the top level, at the start of its line.
        false => text.lines().any(key),
    }
}

/// A cheap scan of the text: does any `$ref` name another file?
pub fn has_file_refs(text: &str) -> bool {
    text.match_indices("$ref").any(|(found, _)| {
        let value = text[found + 4..].trim_start_matches(['"', '\'', ' ', ':', '\t']);
        let end = value
            .find(['"', '\'', '\n', '\r', '}', ','])
            .unwrap_or(value.len());
        let value = value[..end].trim();
        !value.is_empty() && !value.starts_with('#')
    })
}

/// Whether a reference's file part is a URI with a scheme (`https://...`, `urn:uuid:...`) or a
/// network path (`//host/x`), not a path relative to the file (RFC 3986 §3.1, §4.2).
pub(crate) fn is_uri(file_part: &str) -> bool {
    let scheme = file_part.split_once(':').map(|(scheme, _)| scheme);
    let is_scheme = scheme.is_some_and(|scheme| {
        let mut chars = scheme.chars();
        // A drive letter (`C:\specs`) is one letter: a scheme is longer.
        scheme.len() > 1
            && chars.next().is_some_and(|c| c.is_ascii_alphabetic())
            && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    });
    is_scheme || file_part.starts_with("//")
}
