//! Spec descriptions → doc comment lines.
//!
//! Descriptions are CommonMark, and so are doc comments, but rustdoc compiles every code block
//! that does not name another language as a doctest, and clippy rejects layouts that render
//! fine. Lines are kept as the spec wrote them except for what would break `cargo test`,
//! `cargo clippy` or `cargo doc` of the generated crate, each rewritten so that it renders the
//! same:
//! - a code block that is not marked as another language (a fence with no info string, or
//!   `rust`; an indented block) becomes a fence marked `text`, so that a `curl` example is not
//!   compiled as Rust;
//! - a line that continues a list item's paragraph with less indentation than the item's text (a
//!   "lazy continuation", common in GitHub's spec) or more is indented to the item's text
//!   (clippy's `doc_lazy_continuation` and `doc_overindented_list_items`);
//! - a line that continues a quote without its `>` gets one;
//! - a link reference definition written right under a paragraph gets the blank line it needs;
//! - on text lines, a bare URL becomes an autolink, and a `<placeholder>` and a `[` that opens no
//!   link are escaped, which `cargo doc` would otherwise warn about.

use std::collections::BTreeSet;

/// Turns a description into doc comment lines, each with the leading space rustdoc expects.
pub fn doc_lines(text: &str) -> Vec<String> {
    let text = without_control_characters(text);
    let text = text.trim();
    if text.is_empty() {
        return Vec::new();
    }
    let mut reader = Reader {
        labels: reference_labels(text),
        lines: Vec::new(),
        fence: None,
        indented_code: None,
        container: None,
        after_blank: true,
    };
    for line in text.lines() {
        reader.line(&line.trim_end().replace('\t', "    "));
    }
    reader.end_indented_code();
    reader
        .lines
        .into_iter()
        .map(|line| {
            if line.is_empty() {
                line
            } else {
                format!(" {line}")
            }
        })
        .collect()
}

/// `text` with line breaks as `\n` (a carriage return, alone or before `\n`, is one: rustc refuses
/// a bare CR in a doc comment), tabs as four spaces (clippy's `tabs_in_doc_comments`) and other
/// control characters dropped (they would make the generated file binary to git).
pub fn without_control_characters(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(|c| c.is_control() && c != '\n') {
        return std::borrow::Cow::Borrowed(text);
    }
    let text = text
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .replace('\t', "    ");
    std::borrow::Cow::Owned(
        text.chars()
            .filter(|c| !c.is_control() || *c == '\n')
            .collect(),
    )
}

/// The Markdown state carried from one line to the next: only as much as the rewrites need.
struct Reader {
    /// The labels the description defines links for.
    labels: BTreeSet<String>,
    lines: Vec<String>,
    /// The open fenced code block: its indentation, and the character and length its closing
    /// fence needs.
    fence: Option<(usize, char, usize)>,
    /// The open indented code block.
    indented_code: Option<IndentedCode>,
    /// The list item or quote whose paragraph the next line may continue.
    container: Option<Container>,
    /// The previous line was blank (or there was none): no paragraph is open.
    after_blank: bool,
}

/// An indented code block, kept until it ends to pick a fence that none of its lines closes.
struct IndentedCode {
    /// The indentation of its container (a list item's text, or none).
    base: usize,
    lines: Vec<String>,
    /// Blank lines met since the last line of code: the block's only if more code follows.
    held_blanks: usize,
}

enum Container {
    /// A list item whose text starts at this column.
    Item(usize),
    /// A quote, after this indentation.
    Quote(String),
}

impl Reader {
    fn line(&mut self, line: &str) {
        let content = line.trim_start();
        let indent = line.len() - content.len();
        if let Some((fence_indent, fence_char, fence_len)) = self.fence {
            if indent <= fence_indent + 3 && closes_fence(content, fence_char, fence_len) {
                self.fence = None;
            }
            self.lines.push(line.to_owned());
            return;
        }
        if let Some(code) = &mut self.indented_code {
            if content.is_empty() {
                code.held_blanks += 1;
                return;
            }
            if indent >= code.base + 4 {
                let blanks = std::mem::take(&mut code.held_blanks);
                code.lines
                    .extend(std::iter::repeat_n(String::new(), blanks));
                code.lines.push(line[code.base + 4..].to_owned());
                return;
            }
            self.end_indented_code();
        }
        if content.is_empty() {
            self.after_blank = true;
            self.lines.push(String::new());
            return;
        }
        let after_blank = std::mem::replace(&mut self.after_blank, false);
        // A link reference definition cannot interrupt a paragraph, so one written right under
        // it would be text and the links to it broken: a blank line makes it the definition its
        // author meant.
        if !after_blank && is_definition(content) {
            self.lines.push(String::new());
        }
        let base = match self.container {
            Some(Container::Item(width)) => width,
            _ => 0,
        };
        if indent >= base + 4 && after_blank {
            self.indented_code = Some(IndentedCode {
                base,
                lines: vec![line[base + 4..].to_owned()],
                held_blanks: 0,
            });
            return;
        }
        let fence = opens_fence(content).filter(|_| indent < base + 4);
        if let Some((fence_char, fence_len, info)) = fence {
            let info = if is_rust(info) { "text" } else { info };
            let fence = fence_char.to_string().repeat(fence_len);
            self.lines.push(format!("{}{fence}{info}", &line[..indent]));
            self.fence = Some((indent, fence_char, fence_len));
            return;
        }
        if let Some(width) = list_marker_width(content) {
            self.container = Some(Container::Item(indent + width));
            self.lines.push(inline(line, &self.labels));
            return;
        }
        if content.starts_with('>') {
            self.container = Some(Container::Quote(line[..indent].to_owned()));
            self.lines.push(inline(line, &self.labels));
            return;
        }
        let starts_block = content.starts_with('#') || is_thematic_break(content);
        let rewritten = match &self.container {
            Some(Container::Item(width)) if after_blank && indent >= *width => None,
            Some(Container::Item(width)) if !after_blank && !starts_block => {
                Some(format!("{}{content}", " ".repeat(*width)))
            }
            Some(Container::Quote(before)) if !after_blank && !starts_block => {
                Some(format!("{before}> {content}"))
            }
            _ => {
                self.container = None;
                None
            }
        };
        self.lines
            .push(inline(rewritten.as_deref().unwrap_or(line), &self.labels));
    }

    /// Writes an indented code block as a `text` fence longer than any backtick run its lines
    /// start with; blank lines held back follow it.
    fn end_indented_code(&mut self) {
        let Some(code) = self.indented_code.take() else {
            return;
        };
        let longest_run = code
            .lines
            .iter()
            .map(|line| {
                let content = line.trim_start();
                content.len() - content.trim_start_matches('`').len()
            })
            .max()
            .unwrap_or(0);
        let fence = "`".repeat(longest_run.max(2) + 1);
        let indentation = " ".repeat(code.base);
        self.lines.push(format!("{indentation}{fence}text"));
        self.lines.extend(
            code.lines
                .into_iter()
                .map(|line| format!("{indentation}{line}")),
        );
        self.lines.push(format!("{indentation}{fence}"));
        self.lines
            .extend(std::iter::repeat_n(String::new(), code.held_blanks));
        self.after_blank = code.held_blanks > 0;
    }
}

/// HTML elements a description may use as such; any other `<word>` is a placeholder.
const HTML_ELEMENTS: &str = "a abbr b blockquote br code dd del details div dl dt em h1 h2 h3 h4 \
    h5 h6 hr i img ins kbd li mark ol p pre q s samp small span strike strong sub summary sup \
    table tbody td th thead tr tt u ul var";

/// A line of text (not code), with what rustdoc warns about on `cargo doc` rewritten so that it
/// renders the same:
/// - a bare URL becomes an autolink (`rustdoc::bare_urls`);
/// - `<word` where the word is no HTML element (a placeholder: `<username>`, `<bot username>`)
///   is escaped to `\<word`, which rustdoc would take for a tag (`rustdoc::invalid_html_tags`);
/// - `[` that opens no link (`[ZONE]`, a JSON array, a reference to a label the description does
///   not define) is escaped, which rustdoc would try as an intra-doc link
///   (`rustdoc::broken_intra_doc_links`).
///
/// Code spans are left alone.
fn inline(line: &str, labels: &BTreeSet<String>) -> String {
    if !line.contains("://") && !line.contains('<') && !line.contains('[') {
        return line.to_owned();
    }
    let mut out = String::with_capacity(line.len() + 8);
    let mut rest = line;
    let mut in_code = false;
    while let Some(c) = rest.chars().next() {
        let taken = if c == '`' {
            in_code = !in_code;
            rest.len() - rest.trim_start_matches('`').len()
        } else if in_code {
            c.len_utf8()
        } else if c == '\\' {
            // An escape: the next character is text already.
            rest.chars().nth(1).map_or(1, |next| 1 + next.len_utf8())
        } else if rest.starts_with("<http://") || rest.starts_with("<https://") {
            // Already an autolink.
            rest.find('>').map_or(1, |end| end + 1)
        } else if c == '<' && is_placeholder(&rest[1..]) {
            out.push('\\');
            1
        } else if c == '[' {
            match link_len(rest, line.trim_start().len() == rest.len(), labels) {
                // A link keeps its target as written; in its text, placeholders are escaped.
                Some(len) => {
                    let close = matching(rest, '[', ']').unwrap_or(0);
                    out.push('[');
                    out.push_str(&escape_placeholders(&rest[1..close]));
                    out.push_str(&rest[close..len]);
                    rest = &rest[len..];
                    continue;
                }
                // Closed on a later line (a link's text may wrap): it cannot be told here.
                None if matching(rest, '[', ']').is_none() => 1,
                None => {
                    out.push('\\');
                    1
                }
            }
        } else if (rest.starts_with("http://") || rest.starts_with("https://"))
            && starts_bare_url(&out)
        {
            let len = url_len(rest);
            out.push('<');
            out.push_str(&rest[..len]);
            out.push('>');
            rest = &rest[len..];
            continue;
        } else {
            c.len_utf8()
        };
        out.push_str(&rest[..taken]);
        rest = &rest[taken..];
    }
    out
}

/// `text` with each `<placeholder` outside code spans escaped.
fn escape_placeholders(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_code = false;
    for (index, c) in text.char_indices() {
        if c == '`' {
            in_code = !in_code;
        } else if c == '<' && !in_code && is_placeholder(&text[index + 1..]) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// After a `<`: a tag name (or closing tag) that is no HTML element.
fn is_placeholder(after: &str) -> bool {
    let after = after.strip_prefix('/').unwrap_or(after);
    let len = after
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(after.len());
    let name = &after[..len];
    name.starts_with(|c: char| c.is_ascii_alphabetic())
        && !HTML_ELEMENTS
            .split_whitespace()
            .any(|element| element.eq_ignore_ascii_case(name))
}

/// The length of the link that the `[` `rest` starts with opens, if it opens one:
/// `[text](target)` (a target without `<` or `>`), `[text][label]`, `[label][]` or `[label]` with a
/// label the description defines, or, at the start of a line, a label's definition (`[label]:`).
fn link_len(rest: &str, line_start: bool, labels: &BTreeSet<String>) -> Option<usize> {
    let close = matching(rest, '[', ']')?;
    let text = &rest[1..close];
    let after = &rest[close + 1..];
    let defined = |label: &str| labels.contains(&label_key(label));
    if after.starts_with('(') {
        let end = matching(after, '(', ')')?;
        (!after[..end].contains(['<', '>'])).then_some(close + 1 + end + 1)
    } else if after.starts_with('[') {
        let end = matching(after, '[', ']')?;
        let label = &after[1..end];
        defined(if label.is_empty() { text } else { label }).then_some(close + 1 + end + 1)
    } else if after.starts_with(':') && line_start {
        Some(close + 2)
    } else {
        defined(text).then_some(close + 1)
    }
}

/// The index of the bracket that closes the one `text` starts with, skipping escaped ones.
fn matching(text: &str, open: char, close: char) -> Option<usize> {
    let mut depth = 0usize;
    let mut escaped = false;
    for (index, c) in text.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            _ if c == open => depth += 1,
            _ if c == close => {
                depth -= 1;
                if depth == 0 {
                    return Some(index);
                }
            }
            _ => {}
        }
    }
    None
}

/// The labels of a description's link reference definitions (`[label]: target`), as
/// [`label_key`] spells them.
fn reference_labels(text: &str) -> BTreeSet<String> {
    text.lines()
        .filter_map(|line| {
            let content = line.trim_start();
            is_definition(content).then(|| {
                let label = &content[1..content.find("]:").unwrap_or(1)];
                label_key(label)
            })
        })
        .collect()
}

/// `[label]: target`.
fn is_definition(content: &str) -> bool {
    content
        .strip_prefix('[')
        .and_then(|rest| rest.split_once("]:"))
        .is_some_and(|(label, target)| !label.is_empty() && !target.trim().is_empty())
}

/// Labels match case-insensitively and with white space collapsed.
fn label_key(label: &str) -> String {
    label
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Whether a URL after `before` is bare text: not a link's target (`](`), an attribute's value
/// (`="`), inside a link's text (`[`) or part of a longer word.
fn starts_bare_url(before: &str) -> bool {
    if before.ends_with("](") || before.ends_with("=\"") || before.ends_with("='") {
        return false;
    }
    match before.chars().next_back() {
        None => true,
        Some(c) => {
            !(c.is_alphanumeric() || matches!(c, '/' | '=' | '[' | '<' | '\\' | '&' | '-' | '.'))
        }
    }
}

/// The length of the URL `rest` starts with: up to white space or a character that cannot end
/// one, without trailing punctuation or a closing bracket it does not open.
fn url_len(rest: &str) -> usize {
    let mut len = rest
        .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`'))
        .unwrap_or(rest.len());
    loop {
        let url = &rest[..len];
        let trim = match url.chars().next_back() {
            Some('.' | ',' | ';' | ':' | '!' | '?' | '\'' | '*' | '_') => true,
            Some(')') => url.matches('(').count() < url.matches(')').count(),
            Some(']') => url.matches('[').count() < url.matches(']').count(),
            _ => false,
        };
        if !trim {
            return len;
        }
        len -= 1;
    }
}

/// The fence character, length and info string of a fence's opening line.
fn opens_fence(content: &str) -> Option<(char, usize, &str)> {
    let fence_char = content.chars().next().filter(|c| matches!(c, '`' | '~'))?;
    let len = content.len() - content.trim_start_matches(fence_char).len();
    let info = content[len..].trim();
    // A backtick fence's info string cannot hold a backtick (that is inline code).
    (len >= 3 && !(fence_char == '`' && info.contains('`'))).then_some((fence_char, len, info))
}

fn closes_fence(content: &str, fence_char: char, fence_len: usize) -> bool {
    let len = content.len() - content.trim_start_matches(fence_char).len();
    len >= fence_len && content[len..].trim().is_empty()
}

/// Whether rustdoc would compile a block with this info string: no language, or one of rustdoc's
/// own words.
fn is_rust(info: &str) -> bool {
    const RUSTDOC_WORDS: &[&str] = &[
        "rust",
        "ignore",
        "should_panic",
        "no_run",
        "compile_fail",
        "test_harness",
        "standalone_crate",
        "edition2015",
        "edition2018",
        "edition2021",
        "edition2024",
    ];
    let mut words = info
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|word| !word.is_empty());
    words.clone().next().is_none() || words.any(|word| RUSTDOC_WORDS.contains(&word))
}

/// The width of a list item's marker and the spaces after it (where the item's text starts).
fn list_marker_width(content: &str) -> Option<usize> {
    let digits = content.bytes().take_while(u8::is_ascii_digit).count();
    let marker = match content.as_bytes().first()? {
        b'-' | b'*' | b'+' => 1,
        _ if (1..=9).contains(&digits)
            && matches!(content.as_bytes().get(digits), Some(b'.' | b')')) =>
        {
            digits + 1
        }
        _ => return None,
    };
    let rest = &content[marker..];
    let spaces = rest.len() - rest.trim_start_matches(' ').len();
    match spaces {
        0 if rest.is_empty() => Some(marker + 1),
        0 => None,
        // Five or more spaces: the text is an indented code block one space after the marker.
        1..=4 => Some(marker + spaces),
        _ => Some(marker + 1),
    }
}

/// `---`, `***`, `___` (three or more, spaces allowed): a line, not text.
fn is_thematic_break(content: &str) -> bool {
    let Some(first) = content
        .chars()
        .next()
        .filter(|c| matches!(c, '-' | '*' | '_'))
    else {
        return false;
    };
    content.chars().all(|c| c == first || c == ' ') && content.matches(first).count() >= 3
}

#[cfg(test)]
mod tests;
