//! Media types (OpenAPI 3.0.3 §4.7.14, RFC 9110 §8.3.1): how each is carried, which one a
//! request body is sent as, and which of a response's listed types the client reads, in groups
//! read as one body each ([`media_groups`]).

use super::Media;
use crate::read::Resolver;
use openapiv3::{Content, MediaType, Schema, SchemaKind, Type};

/// The media type to use for a body: JSON first, then form, text and raw bytes.
pub(super) fn pick_media<'c>(
    content: &'c openapiv3::Content,
    resolver: &Resolver<'_>,
) -> Option<(&'c str, Media, &'c MediaType)> {
    content
        .iter()
        .filter_map(|(name, media_type)| {
            media_of_content(name, media_type, resolver)
                .map(|media| (name.as_str(), media, media_type))
        })
        .min_by_key(|(_, media, _)| *media)
}

/// How a listed media type's body is carried: as [`media_of`] says, but the range `*/*` with a
/// schema of raw octets (`type: string, format: binary`, OpenAPI 3.0 §4.7.14.3) is raw bytes,
/// not JSON (springdoc lists every download so).
fn media_of_content(name: &str, media_type: &MediaType, resolver: &Resolver<'_>) -> Option<Media> {
    let media = media_of(name)?;
    let range = name
        .split(';')
        .next()
        .is_some_and(|essence| essence.trim() == "*/*");
    let schema = media_type.schema.as_ref();
    let binary = schema
        .and_then(|schema| resolver.resolve(schema, "").ok())
        .is_some_and(|(schema, _)| is_binary(schema));
    Some(match (media, range && binary) {
        (Media::Json, true) => Media::Bytes,
        (media, _) => media,
    })
}

fn is_binary(schema: &Schema) -> bool {
    use openapiv3::{SchemaKind, StringFormat, Type, VariantOrUnknownOrEmpty};
    matches!(
        &schema.schema_kind,
        SchemaKind::Type(Type::String(string))
            if string.format == VariantOrUnknownOrEmpty::Item(StringFormat::Binary)
    )
}

/// The media types of `content`, for messages: `` `a/b`, `c/d` ``.
pub(super) fn media_types(content: &openapiv3::Content) -> String {
    let names: Vec<String> = content.keys().map(|name| format!("`{name}`")).collect();
    names.join(", ")
}

/// Classifies a media type; `None` for what cannot be handled (multipart, ...).
pub fn media_of(content_type: &str) -> Option<Media> {
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if essence == "application/json"
        || essence.ends_with("+json")
        || essence == "text/json"
        || essence == "*/*"
    {
        Some(Media::Json)
    } else if essence == "application/x-www-form-urlencoded" {
        Some(Media::Form)
    } else if essence == "multipart/form-data" {
        Some(Media::Multipart)
    } else if essence.starts_with("multipart/") {
        None
    } else if essence == "text/event-stream" {
        Some(Media::EventStream)
    } else if essence.starts_with("text/") {
        Some(Media::Text)
    } else {
        Some(Media::Bytes)
    }
}

/// A group of a response's media types that are read as one body: its kind, the first of them
/// (whose schema types the body), and all of them (what the response's `Content-Type` may be).
pub(super) struct Group<'c> {
    pub media: Media,
    pub content_type: &'c str,
    pub media_type: &'c MediaType,
    pub read_from: Vec<String>,
}

/// The media types of a response's `content` that the client reads, in groups read as one body
/// each: a status may list several, each with its own schema (OpenAPI 3.0.3 §4.7.17), and the
/// server picks one (RFC 9110 §12.5.1). Types of one kind are one group, JSON types one per
/// schema; JSON first, then form, text, raw bytes, an event stream, each in the listed order.
/// Not a group of its own: a text type whose schema is structured beside JSON (Docker lists
/// `text/plain` with the JSON error object: read as JSON), structured data of a type the client
/// does not decode beside a group it does (XML beside JSON), and, for a success, an event stream
/// beside another group (the `_stream` method's). An error's event stream is its text.
pub(super) fn media_groups<'c>(
    content: &'c Content,
    resolver: &Resolver<'_>,
    success: bool,
) -> Vec<Group<'c>> {
    let mut groups: Vec<Group<'c>> = Vec::new();
    for (name, media_type) in content {
        let media = match media_of_content(name, media_type, resolver) {
            None => continue,
            Some(Media::Multipart) => Media::Bytes,
            Some(Media::EventStream) if !success => Media::Text,
            Some(media) => media,
        };
        let one_schema = !matches!(media, Media::Json | Media::Form);
        let same = |group: &Group<'_>| {
            group.media == media && (one_schema || group.media_type.schema == media_type.schema)
        };
        match groups.iter_mut().find(|group| same(group)) {
            Some(group) => group.read_from.push(name.clone()),
            None => groups.push(Group {
                media,
                content_type: name,
                media_type,
                read_from: vec![name.clone()],
            }),
        }
    }
    groups.sort_by_key(|group| group.media);
    let structured = |group: &Group<'_>| is_structured(group.media_type, resolver);
    if let Some(json) = groups.iter().position(|group| group.media == Media::Json) {
        let merged: Vec<String> = (groups.iter())
            .filter(|group| group.media == Media::Text && structured(group))
            .flat_map(|group| group.read_from.clone())
            .collect();
        groups[json].read_from.extend(merged);
        // In the order the spec lists them.
        let position = |name: &String| content.get_index_of(name.as_str());
        groups[json].read_from.sort_by_key(position);
        groups.retain(|group| group.media != Media::Text || !structured(group));
    }
    if groups.iter().any(|group| group.media != Media::Bytes) {
        groups.retain(|group| group.media != Media::Bytes || !structured(group));
    }
    if success && groups.iter().any(|group| group.media != Media::EventStream) {
        groups.retain(|group| group.media != Media::EventStream);
    }
    groups
}

/// The name a group that is not a status's first adds to its variant: `Text`, `Bytes`, or the
/// subtype of its media type (`Csv`, `VndApiJson`).
pub(super) fn variant_suffix(group: &Group<'_>) -> String {
    let essence = group.content_type.split(';').next().unwrap_or("").trim();
    let (kind, subtype) = essence.split_once('/').unwrap_or((essence, essence));
    match (group.media, subtype) {
        (Media::Text, "plain") => "Text".to_owned(),
        (Media::Bytes, "octet-stream" | "*") => "Bytes".to_owned(),
        // A range (`text/*`): its kind.
        (_, "*") => crate::naming::type_name(kind),
        _ => crate::naming::type_name(subtype),
    }
}

/// Whether the schema of `media_type` describes structured data (an object, an array, a
/// composition), not text or raw bytes.
fn is_structured(media_type: &MediaType, resolver: &Resolver<'_>) -> bool {
    let schema = media_type.schema.as_ref();
    let resolved = schema.and_then(|schema| resolver.resolve(schema, "").ok());
    resolved.is_some_and(|(schema, _)| match &schema.schema_kind {
        SchemaKind::Type(Type::Object(_) | Type::Array(_)) => true,
        SchemaKind::Type(_) => false,
        SchemaKind::Any(any) => !any.properties.is_empty() || any.items.is_some(),
        _ => true,
    })
}

/// Whether `schema` is a string's.
pub(super) fn is_string(schema: &Schema) -> bool {
    matches!(&schema.schema_kind, SchemaKind::Type(Type::String(_)))
}
