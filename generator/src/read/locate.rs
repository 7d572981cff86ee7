//! Maps a JSON pointer back to a line of the YAML text it came from.
//!
//! serde_yaml gives no positions once a document is parsed, so this walks the text by
//! indentation: good for block-style YAML (what specs are written in) and pretty-printed JSON.
//! When the walk loses its way (flow style, anchors), it answers with the deepest node it found.

/// 1-based line and column of the node at `pointer` (`#/paths/~1pets/get`).
#[cfg(test)]
pub fn line_of_pointer(text: &str, pointer: &str) -> Option<(usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    line_in(&lines, pointer)
}

/// The same, over the file's lines split once (a spec may have thousands of diagnostics).
pub fn line_in(lines: &[&str], pointer: &str) -> Option<(usize, usize)> {
    let tokens = crate::pointer::tokens_of(pointer);
    // Pretty-printed JSON opens the document with a lone `{`, which holds its keys.
    let start = lines
        .iter()
        .position(|line| !is_blank(line.trim()))
        .filter(|&first| lines[first].trim() == "{")
        .map_or(0, |first| first + 1);
    let mut block = Block {
        start,
        end: lines.len(),
        parent_indent: None,
        first_line_dash: false,
    };
    let mut found = None;
    for token in tokens {
        match block.find(lines, &token) {
            Some((line, column, inner)) => {
                found = Some((line + 1, column + 1));
                block = inner;
            }
            None => break,
        }
    }
    found
}

/// A run of lines that holds the children of one node.
struct Block {
    start: usize,
    end: usize,
    /// Indent of the node owning this block; children are deeper.
    parent_indent: Option<usize>,
    /// The first line starts with `- ` that belongs to the parent (an array item's first key).
    first_line_dash: bool,
}

/// Indent and content of a line, reading an array item's `- ` as indentation when asked.
fn split(line: &str, strip_dash: bool) -> (usize, &str) {
    let content = line.trim_start_matches(' ');
    let mut indent = line.len() - content.len();
    let mut content = content;
    if strip_dash {
        if let Some(rest) = content.strip_prefix('-') {
            let trimmed = rest.trim_start_matches(' ');
            indent += 1 + rest.len() - trimmed.len();
            content = trimmed;
        }
    }
    (indent, content)
}

/// Lines with no node: empty, comments, and in pretty-printed JSON, closing brackets.
fn is_blank(content: &str) -> bool {
    content.is_empty()
        || content.starts_with('#')
        || matches!(content.trim_end(), "}" | "}," | "]" | "],")
}

/// The key of a `key: value` line, unquoted.
fn key_of(content: &str) -> Option<String> {
    let content = content.trim_end();
    if let Some(quote) = content.chars().next().filter(|c| *c == '"' || *c == '\'') {
        let rest = &content[1..];
        let close = rest.find(quote)?;
        let after = rest[close + 1..].trim_start();
        return after.starts_with(':').then(|| rest[..close].to_owned());
    }
    let colon = content
        .find(": ")
        .or_else(|| content.ends_with(':').then(|| content.len() - 1))?;
    Some(content[..colon].trim_end().to_owned())
}

impl Block {
    fn line<'l>(&self, lines: &[&'l str], index: usize) -> (usize, &'l str) {
        let strip = self.first_line_dash && index == self.start;
        split(lines[index], strip)
    }

    /// Whether a line of `indent` and `content` is inside this block: deeper than its owner, or
    /// an item of a list written flush with its key (`parameters:` then `- name: a` below it).
    fn deeper(&self, indent: usize, content: &str) -> bool {
        self.parent_indent
            .is_none_or(|parent| indent > parent || indent == parent && content.starts_with('-'))
    }

    /// The line that holds `token` among this block's children, and the block of its own children.
    fn find(&self, lines: &[&str], token: &str) -> Option<(usize, usize, Block)> {
        let child_indent = (self.start..self.end)
            .map(|index| self.line(lines, index))
            .filter(|(indent, content)| !is_blank(content) && self.deeper(*indent, content))
            .map(|(indent, _)| indent)
            .min()?;
        let children = (self.start..self.end).filter(|index| {
            let (indent, content) = self.line(lines, *index);
            indent == child_indent && !is_blank(content)
        });
        if let Ok(position) = token.parse::<usize>() {
            let children: Vec<usize> = children.collect();
            let dashed: Vec<usize> = children
                .iter()
                .copied()
                .filter(|index| self.line(lines, *index).1.starts_with('-'))
                .collect();
            // YAML items start with `- `; in JSON every child line of an array is an item.
            let is_json = dashed.is_empty();
            let items = if is_json { children } else { dashed };
            if let Some(&line) = items.get(position) {
                let end = self.end_of(lines, line, child_indent);
                let opens_object = is_json && self.line(lines, line).1.trim_end() == "{";
                let inner = Block {
                    start: if opens_object { line + 1 } else { line },
                    end,
                    parent_indent: Some(child_indent),
                    first_line_dash: !is_json,
                };
                return Some((line, child_indent, inner));
            }
        }
        let mut children = (self.start..self.end).filter(|index| {
            let (indent, content) = self.line(lines, *index);
            indent == child_indent && !is_blank(content)
        });
        let line =
            children.find(|index| key_of(self.line(lines, *index).1).as_deref() == Some(token))?;
        let end = self.end_of(lines, line, child_indent);
        let inner = Block {
            start: line + 1,
            end,
            parent_indent: Some(child_indent),
            first_line_dash: false,
        };
        Some((line, child_indent, inner))
    }

    /// The first line after `line` that is not deeper than `indent` (nor an item of a list
    /// written flush with the key on `line`).
    fn end_of(&self, lines: &[&str], line: usize, indent: usize) -> usize {
        let key_line = self.line(lines, line).1.trim_end();
        let holds_flush_list = key_line.ends_with(':') && !key_line.starts_with('-');
        (line + 1..self.end)
            .find(|index| {
                let (line_indent, content) = split(lines[*index], false);
                let flush_item =
                    holds_flush_list && line_indent == indent && content.starts_with('-');
                !is_blank(content) && line_indent <= indent && !flush_item
            })
            .unwrap_or(self.end)
    }
}

#[cfg(test)]
mod tests {
    use super::line_of_pointer;

    const SPEC: &str = "\
openapi: 3.0.3
paths:
  /pets/{id}:
    get:
      parameters:
        - name: id
          in: path
        - name: limit
          in: query
      responses:
        '200':
          description: ok
components:
  schemas:
    Pet:
      type: object
";

    #[test]
    fn finds_keys_items_and_quoted_keys() {
        assert_eq!(
            line_of_pointer(SPEC, "#/paths/~1pets~1{id}/get"),
            Some((4, 5))
        );
        assert_eq!(
            line_of_pointer(SPEC, "#/paths/~1pets~1{id}/get/parameters/1"),
            Some((8, 9))
        );
        assert_eq!(
            line_of_pointer(SPEC, "#/paths/~1pets~1{id}/get/parameters/1/in"),
            Some((9, 11))
        );
        assert_eq!(
            line_of_pointer(SPEC, "#/paths/~1pets~1{id}/get/responses/200"),
            Some((11, 9))
        );
        assert_eq!(
            line_of_pointer(SPEC, "#/components/schemas/Pet/type"),
            Some((16, 7))
        );
    }

    #[test]
    fn finds_items_of_json_arrays_and_of_lists_flush_with_their_key() {
        let json = "{\n  \"paths\": {\n    \"/a\": {\n      \"get\": {\n        \"parameters\": [\n          {\n            \"name\": \"a\"\n          },\n          {\n            \"name\": \"b\",\n            \"in\": \"query\"\n          }\n        ]\n      }\n    }\n  }\n}\n";
        assert_eq!(
            line_of_pointer(json, "#/paths/~1a/get/parameters/1/in"),
            Some((11, 13))
        );
        let flush = "paths:\n  /a:\n    get:\n      parameters:\n      - name: a\n      - name: b\n        in: query\n      responses: {}\n";
        assert_eq!(
            line_of_pointer(flush, "#/paths/~1a/get/parameters/1/in"),
            Some((7, 9))
        );
        assert_eq!(
            line_of_pointer(flush, "#/paths/~1a/get/responses"),
            Some((8, 7))
        );
    }

    #[test]
    fn finds_keys_in_pretty_printed_json() {
        let json = "{\n  \"swagger\": \"2.0\",\n  \"definitions\": {\n    \"Pet\": {\n      \"type\": \"object\"\n    }\n  }\n}\n";
        assert_eq!(
            line_of_pointer(json, "#/definitions/Pet/type"),
            Some((5, 7))
        );
    }

    #[test]
    fn falls_back_to_the_deepest_node_found() {
        assert_eq!(
            line_of_pointer(SPEC, "#/components/schemas/Missing"),
            Some((14, 3))
        );
        assert_eq!(line_of_pointer(SPEC, "#/nowhere"), None);
    }
}
