//! Maps a JSON pointer back to a line of the YAML text it came from.
//!
//! serde_yaml gives no positions once a document is parsed, so this walks the text by
//! indentation: good for block-style YAML (what specs are written in) and pretty-printed JSON.
//! When the walk loses its way (flow style, anchors), it answers with the deepest node it found.

use std::collections::HashMap;

/// 1-based line and column of the node at `pointer` (`#/paths/~1pets/get`).
#[cfg(test)]
pub fn line_of_pointer(text: &str, pointer: &str) -> Option<(usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    line_in(&lines, pointer)
}

/// The same, over the file's lines split once.
pub fn line_in(lines: &[&str], pointer: &str) -> Option<(usize, usize)> {
    Locator::new(lines).line_of(pointer)
}

/// Finds the lines of many pointers in one text: each block's children are indexed the first time
/// a pointer goes through it, so that a spec with thousands of diagnostics is walked about once,
/// not once per diagnostic.
pub struct Locator<'l> {
    lines: &'l [&'l str],
    /// The first line of the document's top-level keys.
    start: usize,
    /// The children of each block looked into, by the block (a list item's block starts on the
    /// line of the list's own, and differs from it by its dash and its owner's indent).
    children: HashMap<(usize, usize, bool, Option<usize>), Children>,
}

/// The child lines of a block: their indent, each key's first line, and the items of a list.
struct Children {
    indent: usize,
    keys: HashMap<String, usize>,
    items: Vec<usize>,
    /// The items are a JSON array's (each child line is one), not YAML's `- ` entries.
    json: bool,
}

impl<'l> Locator<'l> {
    /// A locator over a text's lines.
    pub fn new(lines: &'l [&'l str]) -> Self {
        // Pretty-printed JSON opens the document with a lone `{`, which holds its keys.
        let start = lines
            .iter()
            .position(|line| !is_blank(line.trim()))
            .filter(|&first| lines[first].trim() == "{")
            .map_or(0, |first| first + 1);
        Locator {
            lines,
            start,
            children: HashMap::new(),
        }
    }

    /// 1-based line and column of the node at `pointer`, or of the deepest node found on its way.
    pub fn line_of(&mut self, pointer: &str) -> Option<(usize, usize)> {
        let tokens = crate::pointer::tokens_of(pointer);
        let mut block = Block {
            start: self.start,
            end: self.lines.len(),
            parent_indent: None,
            first_line_dash: false,
        };
        let mut found = None;
        for token in tokens {
            match self.find(&block, &token) {
                Some((line, column, inner)) => {
                    found = Some((line + 1, column + 1));
                    block = inner;
                }
                None => break,
            }
        }
        found
    }

    /// The line that holds `token` among `block`'s children, and the block of its own children.
    fn find(&mut self, block: &Block, token: &str) -> Option<(usize, usize, Block)> {
        let lines = self.lines;
        let key = (
            block.start,
            block.end,
            block.first_line_dash,
            block.parent_indent,
        );
        let children = (self.children.entry(key)).or_insert_with(|| block.children(lines));
        let (indent, json) = (children.indent, children.json);
        let item = token
            .parse::<usize>()
            .ok()
            .and_then(|i| children.items.get(i));
        if let Some(&line) = item {
            let end = block.end_of(lines, line, indent);
            let opens_object = json && block.line(lines, line).1.trim_end() == "{";
            let inner = Block {
                start: if opens_object { line + 1 } else { line },
                end,
                parent_indent: Some(indent),
                first_line_dash: !json,
            };
            return Some((line, indent, inner));
        }
        let line = *children.keys.get(token)?;
        let end = block.end_of(lines, line, indent);
        let inner = Block {
            start: line + 1,
            end,
            parent_indent: Some(indent),
            first_line_dash: false,
        };
        Some((line, indent, inner))
    }
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

    /// Its children, indexed: the lines of the least indent deeper than its owner's.
    fn children(&self, lines: &[&str]) -> Children {
        let child_lines: Vec<(usize, usize, &str)> = (self.start..self.end)
            .map(|index| {
                let (indent, content) = self.line(lines, index);
                (index, indent, content)
            })
            .filter(|(_, indent, content)| !is_blank(content) && self.deeper(*indent, content))
            .collect();
        let indent = child_lines
            .iter()
            .map(|(_, indent, _)| *indent)
            .min()
            .unwrap_or(0);
        let at_indent = child_lines.iter().filter(|(_, i, _)| *i == indent);
        let mut keys = HashMap::new();
        let (mut all, mut dashed) = (Vec::new(), Vec::new());
        for &(index, _, content) in at_indent {
            all.push(index);
            if content.starts_with('-') {
                dashed.push(index);
            }
            if let Some(key) = key_of(content) {
                keys.entry(key).or_insert(index);
            }
        }
        // YAML items start with `- `; in JSON every child line of an array is an item.
        let json = dashed.is_empty();
        let items = if json { all } else { dashed };
        Children {
            indent,
            keys,
            items,
            json,
        }
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

    /// One locator for many pointers indexes each block once; a list's one item, whose block
    /// starts on the line the list's own does, is a block of its own.
    #[test]
    fn one_locator_finds_many_pointers_through_shared_blocks() {
        let text =
            "paths:\n  /a:\n    get:\n      parameters:\n        - name: a\n          in: query\n";
        let lines: Vec<&str> = text.lines().collect();
        let mut locator = super::Locator::new(&lines);
        assert_eq!(locator.line_of("#/paths/~1a/get/parameters"), Some((4, 7)));
        assert_eq!(
            locator.line_of("#/paths/~1a/get/parameters/0"),
            Some((5, 9))
        );
        assert_eq!(
            locator.line_of("#/paths/~1a/get/parameters/0/in"),
            Some((6, 11))
        );
        assert_eq!(
            locator.line_of("#/paths/~1a/get/parameters/0/name"),
            Some((5, 11))
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
