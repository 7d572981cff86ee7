//! Defects that publishers leave in their documents and that the reading can work around safely,
//! each with a warning at its place saying what was assumed (the user cannot fix a provider's
//! document). Real errors, which would make a client send or decode the wrong thing, are not
//! here: they stay errors.

use crate::diagnostics::{Code, Diagnostic};
use crate::pointer::join;
use serde_yaml::{Mapping, Value};
use std::borrow::Cow;

/// How many repairs of the text (a number beyond 64-bit integers, a tab that begins a block
/// scalar) are made, one reading each, before giving up.
pub const MAX_TEXT_REPAIRS: usize = 256;

/// A JSON document's UTF-16 surrogate pairs (`\ud83d\ude00`, as JSON writes a character
/// beyond U+FFFF, RFC 8259 §7) rewritten as the one YAML escape of that character
/// (`\U0001F600`): the YAML parser refuses each half of a pair. Only a document that is JSON
/// (its text starts with `{`) is touched: in YAML's plain and single-quoted scalars the same
/// characters are literal text. A lone half is left, to be reported where it stands. `None`:
/// nothing to rewrite.
pub fn surrogate_pairs(text: &str) -> Option<String> {
    if !text.trim_start().starts_with('{') || !text.contains("\\u") && !text.contains("\\U") {
        return None;
    }
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    let mut index = 0;
    while let Some(found) = text[index..].find('\\') {
        let at = index + found;
        // A run of backslashes: pairs are literal backslashes, an odd last one escapes.
        let run = bytes[at..]
            .iter()
            .take_while(|byte| **byte == b'\\')
            .count();
        let escape = at + run - 1;
        index = at + run;
        if run % 2 == 0 {
            continue;
        }
        let (Some(high), Some(low)) = (utf16_escape(text, escape), utf16_escape(text, escape + 6))
        else {
            continue;
        };
        if !(0xD800..0xDC00).contains(&high) || !(0xDC00..0xE000).contains(&low) {
            continue;
        }
        let code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
        out.push_str(&text[last..escape]);
        out.push_str(&format!("\\U{code:08X}"));
        last = escape + 12;
        index = last;
    }
    if last == 0 {
        return None;
    }
    out.push_str(&text[last..]);
    Some(out)
}

/// The code unit of the `\uXXXX` escape at byte `at` of `text`, if one is there.
fn utf16_escape(text: &str, at: usize) -> Option<u32> {
    let escape = text.get(at..at + 6)?;
    let digits = escape
        .strip_prefix("\\u")
        .or_else(|| escape.strip_prefix("\\U"))?;
    u32::from_str_radix(digits, 16).ok()
}

/// YAML forbids C0 and C1 control characters other than tab and line breaks (and a byte order
/// mark past the start); some published specs carry them inside descriptions. They are removed,
/// with one warning per line that had any.
pub fn characters(text: &str) -> (Cow<'_, str>, Vec<Diagnostic>) {
    let forbidden = |(index, ch): (usize, char)| {
        (ch.is_control() && !matches!(ch, '\t' | '\n' | '\r' | '\u{85}'))
            || ch == '\u{feff}' && index > 0
    };
    if !text.char_indices().any(forbidden) {
        return (Cow::Borrowed(text), Vec::new());
    }
    let mut warnings = Vec::new();
    let mut kept = String::with_capacity(text.len());
    let mut offset = 0;
    for (line_index, line) in text.split_inclusive('\n').enumerate() {
        let mut removed: Vec<(usize, char)> = Vec::new();
        for (column, (index, ch)) in line.char_indices().enumerate() {
            if forbidden((offset + index, ch)) {
                removed.push((column, ch));
            } else {
                kept.push(ch);
            }
        }
        offset += line.len();
        if let Some(&(column, _)) = removed.first() {
            let names: Vec<String> = removed
                .iter()
                .map(|(_, ch)| format!("U+{:04X}", *ch as u32))
                .collect();
            warnings.push(
                Diagnostic::warning(
                    Code::ForbiddenCharacter,
                    "",
                    format!(
                        "YAML does not allow the character(s) {}: removed",
                        names.join(", ")
                    ),
                )
                .at(line_index + 1, column + 1)
                .with_hint("write such a character as an escape inside a double-quoted string"),
            );
        }
    }
    (Cow::Owned(kept), warnings)
}

/// The text with the place `error` refuses repaired, and a warning there, when it is one this
/// module repairs: a number beyond 64-bit integers, a tab that begins a block scalar.
pub fn repair(text: &str, error: &serde_yaml::Error) -> Option<(String, Diagnostic)> {
    big_number(text, error).or_else(|| tab_in_block_scalar(text, error))
}

/// An integer beyond 64 bits (OpenAI's `minimum: -9223372036854776000`, a float printed as an
/// integer) is something serde_yaml cannot hold: when `error` is about one, the text with it
/// written as the float it stands for, and a warning at its place.
pub fn big_number(text: &str, error: &serde_yaml::Error) -> Option<(String, Diagnostic)> {
    if !error.to_string().contains(" as i128") {
        return None;
    }
    let location = error.location()?;
    let line_start: usize = text
        .split_inclusive('\n')
        .take(location.line() - 1)
        .map(str::len)
        .sum();
    let line = text[line_start..].lines().next()?;
    let column = line.char_indices().nth(location.column() - 1)?.0;
    let token_length = line[column..]
        .find(|c: char| !(c.is_ascii_digit() || c == '-' || c == '+'))
        .unwrap_or(line.len() - column);
    let number = &line[column..column + token_length];
    if token_length == 0 || !number.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let at = line_start + column + token_length;
    let repaired = format!("{}.0{}", &text[..at], &text[at..]);
    let warning = Diagnostic::warning(
        Code::IntegerBeyond64Bits,
        "",
        format!("the number {number} is beyond 64-bit integers: read as the nearest float"),
    )
    .at(location.line(), location.column());
    Some((repaired, warning))
}

/// A block scalar whose first line begins with a tab after its indentation (`description: |`,
/// then `    \tcode`): YAML 1.2 (§8.1.1.1) takes the indentation from that line's spaces and the
/// tab as text, as PyYAML, js-yaml and eemeli/yaml do, but libyaml, which serde_yaml wraps,
/// refuses it. When `error` is that refusal, the text with the block's indentation made explicit
/// (`|2`), which libyaml reads, and a warning at its place. A payments provider's documents have
/// such lines in every version.
pub fn tab_in_block_scalar(text: &str, error: &serde_yaml::Error) -> Option<(String, Diagnostic)> {
    if !error
        .to_string()
        .contains("found a tab character where an indentation space is expected")
    {
        return None;
    }
    let location = error.location()?;
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let tab_line = lines.get(location.line() - 1)?;
    let content = tab_line.len() - tab_line.trim_start_matches(' ').len();
    if !tab_line[content..].starts_with('\t') {
        return None;
    }
    // The block's header: the last line before that is not blank.
    let header_index = (0..location.line() - 1)
        .rev()
        .find(|&i| !lines[i].trim().is_empty())?;
    let header = lines[header_index];
    let body = header.split(" #").next()?.trim_end();
    let indicator = body.rfind(['|', '>'])?;
    if !body[indicator + 1..].chars().all(|c| c == '-' || c == '+') {
        return None;
    }
    // The parent's indentation: its key's column (after any `- ` of a sequence entry).
    let mut parent = header.len() - header.trim_start_matches(' ').len();
    while header[parent..].starts_with("- ") {
        parent +=
            2 + header[parent + 2..].len() - header[parent + 2..].trim_start_matches(' ').len();
    }
    let relative = content
        .checked_sub(parent)
        .filter(|n| (1..=9).contains(n))?;
    let start: usize = lines[..header_index].iter().map(|line| line.len()).sum();
    let at = start + header.find(body)? + indicator + 1;
    let repaired = format!("{}{relative}{}", &text[..at], &text[at..]);
    let message = "a block scalar's first line begins with a tab, which libyaml refuses: read \
                   with its indentation made explicit, as YAML 1.2 reads it";
    let warning =
        Diagnostic::warning(Code::InvalidYaml, "", message).at(header_index + 1, indicator + 1);
    Some((repaired, warning))
}

/// The warning for a JSON Schema 2020-12 construct (OpenAPI 3.1's) in a document of an older
/// `version`, read as 3.1 reads it.
pub fn borrowed_from_31(pointer: &str, construct: &str, version: &str) -> Diagnostic {
    Diagnostic::warning(
        Code::Borrowed31Construct,
        pointer,
        format!("{construct} is OpenAPI 3.1's, not {version}'s: read as 3.1 reads it"),
    )
    .with_hint("declare `openapi: 3.1.0` if the document follows 3.1")
}

/// The warning for a JSON Schema 2020-12 construct the model has no counterpart for, with the
/// fallback taken; `None` for constructs it reads.
pub fn unsupported_31(pointer: &str, construct: &str) -> Option<Diagnostic> {
    use crate::read::openapi31::{DRAFT_4_TUPLE, UNSUPPORTED_CONDITIONAL, UNSUPPORTED_TUPLE};
    if construct == DRAFT_4_TUPLE {
        let message =
            "`items` is a list (a JSON Schema draft 4 tuple) where OpenAPI takes one schema";
        let cost =
            "read as an array of the items' schema when they are all one, else of any JSON value";
        return Some(Diagnostic::error(Code::InvalidDocument, pointer, message).tolerated(cost));
    }
    let fallback = match construct {
        UNSUPPORTED_CONDITIONAL => "the schema is read without them (its other keywords hold)",
        UNSUPPORTED_TUPLE => "the array's items are typed as any JSON",
        _ => return None,
    };
    Some(Diagnostic::warning(
        Code::UnsupportedKeyword,
        pointer,
        format!("{construct} is not supported: {fallback}"),
    ))
}

/// Drops every callback (operations' and the components'): openapiv3 cannot read one given by
/// `$ref`, and callbacks are requests the server makes, never client methods.
pub fn drop_callbacks(document: &mut Value) {
    if let Some(paths) = document.get_mut("paths").and_then(Value::as_mapping_mut) {
        for (_, item) in paths.iter_mut() {
            for (_, operation) in item.as_mapping_mut().into_iter().flatten() {
                if let Some(operation) = operation.as_mapping_mut() {
                    operation.remove("callbacks");
                }
            }
        }
    }
    if let Some(components) = document
        .get_mut("components")
        .and_then(Value::as_mapping_mut)
    {
        components.remove("callbacks");
    }
}

/// An `info` without its `version` (required by OpenAPI 3.0.3 §4.7.2), read as empty, or with a
/// number for it (`version: 1.0`, a YAML float), read as that number's text; with a warning.
pub fn missing_version(document: &mut Value) -> Option<Diagnostic> {
    let info = document.get_mut("info")?.as_mapping_mut()?;
    let (text, message) = match info.get("version") {
        None => (
            String::new(),
            "`info` has no `version`, which OpenAPI requires: read as empty",
        ),
        Some(Value::Number(number)) => (
            number.to_string(),
            "`info.version` is a number, where OpenAPI wants text: read as its digits",
        ),
        Some(_) => return None,
    };
    info.insert("version".into(), Value::String(text));
    Some(Diagnostic::warning(Code::MissingVersion, "#/info", message))
}

/// Parameters whose `style` their location does not have (OpenAPI 3.0.3 §4.7.12.4: `simple` is a
/// path and header style, yet some documents give it to query parameters): read with the
/// location's default style, with a warning at the style (pointer in the rewritten document).
pub fn misplaced_styles(document: &mut Value) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    let places = crate::read::operation_places(document, "parameters", "parameters");
    for (pointer, list) in places.in_paths {
        for (index, parameter) in list.as_sequence_mut().into_iter().flatten().enumerate() {
            warnings.extend(misplaced_style(
                parameter,
                &join(&pointer, &index.to_string()),
            ));
        }
    }
    for (pointer, parameter) in places.shared {
        warnings.extend(misplaced_style(parameter, &pointer));
    }
    warnings
}

/// The warning for `parameter`'s style, which is removed, when its location has no such style.
fn misplaced_style(parameter: &mut Value, pointer: &str) -> Option<Diagnostic> {
    let parameter = parameter.as_mapping_mut()?;
    let location = parameter.get("in")?.as_str()?.to_owned();
    let style = parameter.get("style")?.as_str()?.to_owned();
    let (styles, default): (&[&str], &str) = match location.as_str() {
        "query" => (
            &["form", "spaceDelimited", "pipeDelimited", "deepObject"],
            "form",
        ),
        "path" => (&["matrix", "label", "simple"], "simple"),
        "header" => (&["simple"], "simple"),
        "cookie" => (&["form"], "form"),
        _ => return None,
    };
    if styles.contains(&style.as_str()) {
        return None;
    }
    let message = format!(
        "`style: {style}` is not a style of a {location} parameter: read as its default, `{default}`"
    );
    parameter.remove("style");
    Some(
        Diagnostic::warning(Code::MisplacedStyle, join(pointer, "style"), message).with_hint(
            format!("a {location} parameter's styles: {}", styles.join(", ")),
        ),
    )
}

/// OAuth2 flows without `scopes` (required, if empty, by OpenAPI): given none, with a warning
/// at the flow (pointer in the rewritten document).
pub fn missing_scopes(document: &mut Value) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    let Some(schemes) = document
        .get_mut("components")
        .and_then(|components| components.get_mut("securitySchemes"))
        .and_then(Value::as_mapping_mut)
    else {
        return warnings;
    };
    for (name, scheme) in schemes.iter_mut() {
        let Some(flows) = scheme.get_mut("flows").and_then(Value::as_mapping_mut) else {
            continue;
        };
        for (flow_name, flow) in flows.iter_mut() {
            let Some(flow) = flow.as_mapping_mut() else {
                continue;
            };
            if flow.contains_key("scopes") {
                continue;
            }
            flow.insert("scopes".into(), Value::Mapping(Mapping::new()));
            let scheme_pointer = join("#/components/securitySchemes", name.as_str().unwrap_or(""));
            let pointer = join(
                &join(&scheme_pointer, "flows"),
                flow_name.as_str().unwrap_or(""),
            );
            warnings.push(Diagnostic::warning(
                Code::MissingScopes,
                pointer,
                "this OAuth2 flow has no `scopes`, which OpenAPI requires: read as no scopes",
            ));
        }
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A style its location does not have, on a shared parameter or one of a path item, is
    /// dropped (the location's default then holds), with a warning at it; a valid one stays.
    #[test]
    fn a_misplaced_style_is_dropped_wherever_the_parameter_stands() {
        let mut document: Value = serde_yaml::from_str(
            "
paths:
  /a/{id}:
    parameters:
      - {name: id, in: path, required: true, style: form}
      - {name: h, in: header, style: simple}
components:
  parameters:
    Q: {name: q, in: query, style: label}
",
        )
        .expect("yaml");
        let warnings = misplaced_styles(&mut document);
        let pointers: Vec<&str> = warnings.iter().map(|w| w.pointer.as_str()).collect();
        assert_eq!(
            pointers,
            [
                "#/paths/~1a~1{id}/parameters/0/style",
                "#/components/parameters/Q/style"
            ]
        );
        assert!(document["paths"]["/a/{id}"]["parameters"][0]
            .get("style")
            .is_none());
        assert_eq!(
            document["paths"]["/a/{id}"]["parameters"][1]["style"],
            "simple"
        );
        assert!(document["components"]["parameters"]["Q"]
            .get("style")
            .is_none());
    }

    /// OpenAPI 3.0.3 §4.7.2 requires `info.version`, as text: a document without one reads with
    /// an empty one, and a number (`1.0`, which a rewritten document holds as a YAML float) as
    /// its digits; each with a warning.
    #[test]
    fn a_missing_or_numeric_version_reads_with_a_warning() {
        for (info, version) in [("{title: t}", ""), ("{title: t, version: 1.0}", "1.0")] {
            let text = format!("openapi: 3.1.0\ninfo: {info}\npaths: {{}}\n");
            let document = crate::read::parse(&text).expect("reads");
            assert_eq!(document.api.info.version, version);
            let warnings = &document.rewritten.warnings;
            assert!(
                warnings.iter().any(|w| w.code == Code::MissingVersion),
                "{warnings:?}"
            );
        }
    }

    /// JSON writes a character beyond U+FFFF as a surrogate pair (RFC 8259 §7), which the YAML
    /// parser refuses half by half: the pair becomes YAML's `\U` escape, and the document reads.
    #[test]
    fn a_json_surrogate_pair_reads_as_its_character() {
        let json = r#"{"openapi": "3.0.3", "info": {"title": "smile \ud83d\uDE00 \\ud83d", "version": "1"}, "paths": {}}"#;
        assert!(
            serde_yaml::from_str::<Value>(json).is_err(),
            "the YAML parser refuses it"
        );
        let paired = surrogate_pairs(json).expect("rewritten");
        assert!(paired.contains(r"smile \U0001F600 \\ud83d"), "{paired}");
        let document = crate::read::parse(json).expect("reads");
        assert_eq!(document.api.info.title, "smile \u{1F600} \\ud83d");
        // YAML's plain scalars hold the same characters as text; a lone half is left as it is.
        assert_eq!(surrogate_pairs("a: \\ud83d\\ude00"), None);
        assert_eq!(surrogate_pairs(r#"{"a": "\ud83d x"}"#), None);
    }

    #[test]
    fn control_characters_are_removed_with_their_place() {
        let (text, warnings) = characters("a: 1\nb: x\u{90}y\u{1}\n");
        assert_eq!(text, "a: 1\nb: xy\n");
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].location, Some((2, 5)));
        assert!(warnings[0].message.contains("U+0090, U+0001"));
        let (text, warnings) = characters("\u{feff}a: 1\n");
        assert!(matches!(text, Cow::Borrowed(_)) && warnings.is_empty());
    }

    #[test]
    fn integers_beyond_64_bits_become_floats() {
        let text = "a:\n  minimum: -9223372036854776000\n  maximum: 9223372036854776000\n";
        let error = serde_yaml::from_str::<Value>(text).expect_err("beyond i64");
        let (repaired, warning) = big_number(text, &error).expect("repaired");
        assert_eq!(
            repaired,
            "a:\n  minimum: -9223372036854776000.0\n  maximum: 9223372036854776000\n"
        );
        assert_eq!(warning.location, Some((2, 12)));
        let plain = serde_yaml::from_str::<Value>("a: [").expect_err("syntax");
        assert!(big_number("a: [", &plain).is_none());
    }
}
