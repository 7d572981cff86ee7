use super::doc_lines;

#[test]
fn carriage_returns_are_line_breaks_and_other_controls_are_dropped() {
    assert_eq!(doc_lines("sum\rmary\r\nend"), [" sum", " mary", " end"]);
    assert_eq!(
        doc_lines("bell\u{7} nul\0 esc\u{1b}\ttab"),
        [" bell nul esc    tab"]
    );
}

fn doc(text: &str) -> String {
    doc_lines(text).join("\n")
}

#[test]
fn lines_keep_paragraphs_and_tabs_become_spaces() {
    assert_eq!(
        doc_lines("a\n\n\tb  \n"),
        vec![" a", "", " ```text", " b", " ```"]
    );
    assert_eq!(doc_lines("a\n\n  b"), vec![" a", "", "   b"]);
    assert!(doc_lines("  ").is_empty());
}

#[test]
fn code_blocks_that_rustdoc_would_compile_are_marked_text() {
    assert_eq!(
        doc("Try:\n```\ncurl -X POST\n```\ndone"),
        " Try:\n ```text\n curl -X POST\n ```\n done"
    );
    assert_eq!(doc("```rust\nlet x;\n```"), " ```text\n let x;\n ```");
    assert_eq!(doc("```json,ignore\n{}\n```"), " ```text\n {}\n ```");
    // Other languages are not compiled: kept, as is what a fence holds.
    assert_eq!(
        doc("````json\n{\n  - a\n```\n````"),
        " ````json\n {\n   - a\n ```\n ````"
    );
    assert_eq!(doc("~~~sh\nls\n~~~"), " ~~~sh\n ls\n ~~~");
    // A closing fence is indented less than four spaces past the opening one.
    assert_eq!(doc("```sh\nx\n    ```\n```"), " ```sh\n x\n     ```\n ```");
    // Inline code is not a fence.
    assert_eq!(doc("```a` b"), " ```a` b");
}

#[test]
fn indented_code_becomes_a_text_fence() {
    assert_eq!(
        doc("Example:\n\n    GET /x\n\n      Host: y\n\nAfter."),
        " Example:\n\n ```text\n GET /x\n\n   Host: y\n ```\n\n After."
    );
    // Inside a list item, code is indented past the item's text.
    assert_eq!(
        doc("- item\n\n      code\n- next"),
        " - item\n\n   ```text\n   code\n   ```\n - next"
    );
    // A fence inside is code, and the fence around it is longer than any it holds.
    assert_eq!(
        doc("a\n\n    ```\n    x\n    ````\nb"),
        " a\n\n `````text\n ```\n x\n ````\n `````\n b"
    );
    // Without a blank line before it, an indented line continues the paragraph.
    assert_eq!(doc("text\n    more"), " text\n     more");
}

#[test]
fn list_continuations_are_indented_to_the_item_text() {
    assert_eq!(
        doc("*   one\ncontinued\n*   two\n        over\n1. three\n  lazy"),
        " *   one\n     continued\n *   two\n     over\n 1. three\n    lazy"
    );
    // Nested items.
    assert_eq!(doc("- a\n  - b\n  c"), " - a\n   - b\n     c");
    // A blank line ends the paragraph: what follows is the item's if indented, else not.
    assert_eq!(doc("- a\n\n  b\nc\n\nd\ne"), " - a\n\n   b\n   c\n\n d\n e");
    // Headings and rules are blocks of their own, not continuations.
    assert_eq!(doc("- a\n# H\n- b\n---"), " - a\n # H\n - b\n ---");
    // Not list markers.
    assert_eq!(doc("-1 is fine\n**bold**\nx"), " -1 is fine\n **bold**\n x");
}

#[test]
fn bare_urls_become_links_and_placeholders_are_escaped() {
    assert_eq!(
        doc("See https://example.com/a_(b). Or (http://x.io/y)."),
        " See <https://example.com/a_(b)>. Or (<http://x.io/y>)."
    );
    // Links, autolinks, attribute values and code are left as they are.
    let kept = "[site](https://a.io) <https://b.io> <a href=\"https://c.io\">c</a> `https://d.io`";
    assert_eq!(doc(kept), format!(" {kept}"));
    assert_eq!(
        doc("curl -u <username> https://api.io/<owner_slug>/ `<n>` <b>bold</b>"),
        " curl -u \\<username> <https://api.io/>\\<owner_slug>/ `<n>` <b>bold</b>"
    );
    // A placeholder with a space, a closing tag that is no element, text of an anchor,
    // a quoted URL.
    assert_eq!(
            doc("end in _by_<bot username> <fullname>X</fullname> <a href=\"https://a.io\">https://a.io</a> \"http://q.io\""),
            " end in _by_\\<bot username> \\<fullname>X\\</fullname> <a href=\"https://a.io\"><https://a.io></a> \"<http://q.io>\""
        );
    // Not in code blocks.
    assert_eq!(
        doc("```sh\ncurl <u> https://x\n```"),
        " ```sh\n curl <u> https://x\n ```"
    );
}

#[test]
fn brackets_that_open_no_link_are_escaped() {
    assert_eq!(
        doc("[INSTANCE_NAME].[ZONE] and [ \"user:eve\" ] or [see][nowhere]"),
        " \\[INSTANCE_NAME].\\[ZONE] and \\[ \"user:eve\" ] or \\[see]\\[nowhere]"
    );
    // Links stay links: inline, and by a label the description defines.
    let links = "[a](https://a.io) [b][ref] [ref] [Ref][]\n\n[ref]: https://r.io";
    assert_eq!(
        doc(links),
        " [a](https://a.io) [b][ref] [ref] [Ref][]\n\n [ref]: <https://r.io>"
    );
    // In a link's text, a placeholder is escaped too.
    assert_eq!(
        doc("About [<Pay> Connectors](https://t.io/pay) and `<Pay>`."),
        " About [\\<Pay> Connectors](https://t.io/pay) and `<Pay>`."
    );
    // A definition right under a paragraph gets the blank line it needs to be one.
    assert_eq!(
        doc("See [here][ref].\n[ref]: https://r.io"),
        " See [here][ref].\n\n [ref]: <https://r.io>"
    );
    // A link's text may wrap: a bracket closed on a later line is left alone.
    assert_eq!(
        doc("[Better Pull\nRequest](https://b.io)."),
        " [Better Pull\n Request](https://b.io)."
    );
    // A target that is no link (unbalanced angle brackets) and an escaped bracket.
    assert_eq!(doc("[expand](em>#x) \\[x]"), " \\[expand](em>#x) \\[x]");
}

#[test]
fn quote_continuations_get_their_marker() {
    assert_eq!(doc("> said\nthis\n\nafter"), " > said\n > this\n\n after");
}
