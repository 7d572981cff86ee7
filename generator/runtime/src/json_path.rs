//! Where in a JSON body a decode error happened, as a path a user can find the property by
//! (`items[2].createdAt`): serde_json gives a line and column only.

/// Why `body` did not decode, as serde_json says with any quoted value cut out (it may be a
/// credential), placed in the body: "at `items[2].createdAt`: ...".
pub(crate) fn located_reason(body: &[u8], error: &serde_json::Error) -> String {
    let reason = crate::response::without_quoted_strings(&error.to_string());
    let missing = reason.starts_with("missing field");
    let path = json_path_at(body, error.line(), error.column(), missing);
    match path.is_empty() {
        true => reason,
        false => format!("at `{path}`: {reason}"),
    }
}

/// One container being read.
enum Frame {
    /// An object, with the key whose value is being read (once one is).
    Object { key: Option<String>, in_value: bool },
    /// An array, with the index of the item being read.
    Array { index: usize },
}

/// The path of the value at `line` and `column` (serde_json's, both from 1) of `body`: keys
/// joined by `.`, indexes in brackets; empty at the top level. With `of_object` (a missing
/// field, which serde_json reports at the object's end), the path of the innermost object.
pub(crate) fn json_path_at(body: &[u8], line: usize, column: usize, of_object: bool) -> String {
    let end = offset_of(body, line, column).min(body.len());
    let mut frames: Vec<Frame> = Vec::new();
    let mut at = 0;
    while at < end {
        match body[at] {
            b'{' => frames.push(Frame::Object {
                key: None,
                in_value: false,
            }),
            b'[' => frames.push(Frame::Array { index: 0 }),
            b'}' | b']' => {
                frames.pop();
            }
            b',' => match frames.last_mut() {
                Some(Frame::Array { index }) => *index += 1,
                Some(Frame::Object { in_value, .. }) => *in_value = false,
                None => {}
            },
            b':' => {
                if let Some(Frame::Object { in_value, .. }) = frames.last_mut() {
                    *in_value = true;
                }
            }
            b'"' => {
                let (text, next) = string_at(body, at + 1);
                if let Some(Frame::Object {
                    key,
                    in_value: false,
                }) = frames.last_mut()
                {
                    *key = Some(text);
                }
                at = next;
                continue;
            }
            _ => {}
        }
        at += 1;
    }
    if of_object {
        if let Some(Frame::Object { key, .. }) = frames.last_mut() {
            *key = None;
        }
    }
    let mut path = String::new();
    for frame in &frames {
        match frame {
            Frame::Object { key: Some(key), .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Frame::Object { key: None, .. } => {}
            Frame::Array { index } => path.push_str(&format!("[{index}]")),
        }
    }
    path
}

/// The byte offset of a 1-based line and column: of the byte at that column, which serde_json
/// has read (or peeked at) when it fails, so the scan stops before it.
fn offset_of(body: &[u8], line: usize, column: usize) -> usize {
    let mut line_start = 0;
    for _ in 1..line {
        match body[line_start..].iter().position(|&byte| byte == b'\n') {
            Some(newline) => line_start += newline + 1,
            None => return body.len(),
        }
    }
    line_start + column.saturating_sub(1)
}

/// The string starting after an opening quote at `start`, unescaped as far as keys need (`\"`,
/// `\\`), and the offset after its closing quote.
fn string_at(body: &[u8], start: usize) -> (String, usize) {
    let mut text = Vec::new();
    let mut at = start;
    while at < body.len() {
        match body[at] {
            b'"' => return (String::from_utf8_lossy(&text).into_owned(), at + 1),
            b'\\' if at + 1 < body.len() => {
                text.push(body[at + 1]);
                at += 2;
            }
            byte => {
                text.push(byte);
                at += 1;
            }
        }
    }
    (String::from_utf8_lossy(&text).into_owned(), at)
}

#[cfg(test)]
mod tests {
    use super::json_path_at;

    fn path_of_error<T: serde::de::DeserializeOwned + std::fmt::Debug>(body: &str) -> String {
        let error = serde_json::from_str::<T>(body).unwrap_err();
        let missing = error.to_string().starts_with("missing field");
        json_path_at(body.as_bytes(), error.line(), error.column(), missing)
    }

    #[test]
    fn names_the_property_and_items_of_a_failing_value() {
        type Doc = std::collections::BTreeMap<String, Vec<std::collections::BTreeMap<String, i32>>>;
        let body = r#"{"a": [{"x": 1}], "items": [{"x": 1}, {"y": 2, "x": "three"}]}"#;
        assert_eq!(path_of_error::<Doc>(body), "items[1].x");
        let body = "{\n  \"a\": [],\n  \"b\": [{\"k\\\"ey\": true}]\n}";
        assert_eq!(path_of_error::<Doc>(body), "b[0].k\"ey");
        assert_eq!(path_of_error::<Doc>("[1]"), "");
    }

    #[test]
    fn a_missing_field_is_placed_at_its_object() {
        #[derive(Debug, serde::Deserialize)]
        struct Item {
            #[allow(dead_code)] // only its absence is tested
            x: i32,
        }
        let body = r#"{"items": [{"x": 1}, {"y": 2}]}"#;
        type Doc = std::collections::BTreeMap<String, Vec<Item>>;
        assert_eq!(path_of_error::<Doc>(body), "items[1]");
    }
}
