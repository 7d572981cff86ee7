//! Which operations page, and how: the configuration first, then vendor extensions, then the
//! shape only where it leaves no doubt (`operations::pagination`).

use super::{operation, spec};
use crate::diagnostics::Code;
use crate::module::{analyse, analyse_with_config, Module};
use crate::operations::pagination::{describe, Source};
use crate::operations::{MethodKind, Operation};
use crate::{Config, Paging};

/// How `method` pages (its `_pages` method's source and description), or `None`.
fn pages(module: &Module, method: &str) -> Option<(Source, String)> {
    let operation: &Operation = operation(module, method);
    operation
        .extra_methods
        .iter()
        .find_map(|extra| match &extra.kind {
            MethodKind::Pages(pagination) => {
                Some((pagination.source.clone(), describe(pagination)))
            }
            MethodKind::EventStream(_) => None,
        })
}

/// A `GET /things` with the query parameters `params` (`name: type`) and the success body
/// `body` (a schema, in flow style).
fn list(params: &[(&str, &str)], body: &str) -> String {
    let mut params: Vec<String> = (params.iter())
        .map(|(name, ty)| {
            format!("        - {{name: {name}, in: query, schema: {{type: {ty}}}}}\n")
        })
        .collect();
    if params.is_empty() {
        params.push("        []\n".to_owned());
    }
    spec(&format!(
        "paths:\n  /things:\n    get:\n      operationId: listThings\n      parameters:\n{}      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {body}\n",
        params.concat()
    ))
}

const ITEMS: &str = "{type: array, items: {type: string}}";

#[test]
fn a_google_page_token_pages_by_its_next_page_token() {
    let body = format!(
        "{{type: object, properties: {{things: {ITEMS}, nextPageToken: {{type: string}}}}}}"
    );
    let module = analyse(&list(&[("pageToken", "string")], &body));
    let (source, how) = pages(&module, "list_things").unwrap();
    assert_eq!(source, Source::Inferred);
    assert_eq!(
        how,
        "cursor in query parameter `pageToken` from `nextPageToken`; items in `things`"
    );
}

#[test]
fn a_shape_that_leaves_doubt_gives_no_pages_method() {
    let cases = [
        // A cursor parameter, but no field giving the next one (`cursor` is the current one).
        (vec![("cursor", "string")], format!("{{type: object, properties: {{things: {ITEMS}, cursor: {{type: string}}}}}}")),
        // The next cursor is not text.
        (vec![("cursor", "string")], format!("{{type: object, properties: {{things: {ITEMS}, next_cursor: {{type: object}}}}}}")),
        // Two arrays: which holds the items?
        (vec![("page", "integer")], format!("{{type: object, properties: {{a: {ITEMS}, b: {ITEMS}, total_pages: {{type: integer}}}}}}")),
        // A page number of text.
        (vec![("page", "string")], format!("{{type: object, properties: {{a: {ITEMS}, total_pages: {{type: integer}}}}}}")),
        // A page number, but nothing says where the pages end.
        (vec![("page", "integer")], format!("{{type: object, properties: {{a: {ITEMS}}}}}")),
        // A page number and the number of pages, but nothing says whether the first page is 0
        // or 1: the second request could skip a page.
        (vec![("page", "integer")], format!("{{type: object, properties: {{a: {ITEMS}, totalPages: {{type: integer}}}}}}")),
        // `next` alone may mean anything.
        (vec![], format!("{{type: object, properties: {{a: {ITEMS}, next: {{type: string}}}}}}")),
        // An offset whose total is a number of another kind.
        (vec![("offset", "integer")], format!("{{type: object, properties: {{a: {ITEMS}, total: {{type: string}}}}}}")),
    ];
    for (params, body) in cases {
        let module = analyse(&list(&params, &body));
        assert_eq!(pages(&module, "list_things"), None, "{params:?} {body}");
    }
}

#[test]
fn only_a_get_is_inferred() {
    let body = format!(
        "{{type: object, properties: {{things: {ITEMS}, nextPageToken: {{type: string}}}}}}"
    );
    let text = list(&[("pageToken", "string")], &body).replace("    get:", "    post:");
    assert_eq!(pages(&analyse(&text), "list_things"), None);
}

#[test]
fn the_configuration_wins_over_the_shape_and_can_turn_it_off() {
    let body = format!("{{type: object, properties: {{things: {ITEMS}, paging: {{type: object, properties: {{after: {{type: string}}}}}}, nextPageToken: {{type: string}}}}}}");
    let text = list(&[("pageToken", "string"), ("after", "string")], &body);
    let mut config = Config::new();
    config.paginate(
        "listThings",
        Paging::cursor("after", "paging.after").items("things"),
    );
    let (module, diagnostics) = analyse_with_config(&text, &config);
    let (source, how) = pages(&module, "list_things").unwrap();
    assert_eq!(source, Source::Config);
    assert_eq!(
        how,
        "cursor in query parameter `after` from `paging.after`; items in `things`"
    );
    let notes: Vec<_> = diagnostics
        .iter()
        .filter(|d| d.code == Code::Paginated)
        .collect();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].pointer, "#/paths/~1things/get");

    let mut config = Config::new();
    config.no_pagination("GET /things");
    let (module, diagnostics) = analyse_with_config(&text, &config);
    assert_eq!(pages(&module, "list_things"), None);
    assert!(diagnostics.iter().all(|d| d.code != Code::Paginated));
}

#[test]
fn a_configuration_the_operation_cannot_carry_is_a_warning() {
    let text = list(
        &[("cursor", "string")],
        &format!("{{type: object, properties: {{things: {ITEMS}}}}}"),
    );
    let mut config = Config::new();
    config
        .paginate("listThings", Paging::cursor("cursor", "meta.next"))
        .paginate("listNothing", Paging::link_header());
    let misplaced = Paging::cursor("cursor", "next").total("count");
    let (module, diagnostics) = analyse_with_config(&text, &config);
    assert_eq!(pages(&module, "list_things"), None);
    let codes: Vec<Code> = diagnostics.warnings().map(|d| d.code).collect();
    assert_eq!(
        codes,
        [Code::PaginationUnusable, Code::PaginationUnknownOperation]
    );
    let unusable = diagnostics.warnings().next().unwrap();
    assert!(
        unusable
            .message
            .contains("names `meta`, which the success body does not have"),
        "{}",
        unusable.message
    );

    config.paginate("listThings", misplaced);
    let (_, diagnostics) = analyse_with_config(&text, &config);
    let unusable = diagnostics.warnings().next().unwrap();
    let expected = "gives `.total(...)`, which only a page number or an offset takes";
    assert!(unusable.message.contains(expected), "{}", unusable.message);
}

#[test]
fn an_extension_the_operation_cannot_carry_is_a_warning() {
    let body = format!("{{type: object, properties: {{value: {ITEMS}}}}}");
    let text = list(&[], &body).replace(
        "      operationId: listThings\n",
        "      operationId: listThings\n      x-ms-pageable: {nextLinkName: nextLink}\n",
    );
    let (module, diagnostics) = analyse_with_config(&text, &Config::new());
    assert_eq!(pages(&module, "list_things"), None);
    let codes: Vec<Code> = diagnostics.warnings().map(|d| d.code).collect();
    assert_eq!(codes, [Code::PaginationUnusable]);
}

#[test]
fn a_page_number_starts_at_the_parameters_default() {
    let body = format!("{{type: object, properties: {{things: {ITEMS}, meta: {{type: object, properties: {{total_pages: {{type: integer}}}}}}}}}}");
    let text = list(&[("page", "integer")], &body).replace(
        "schema: {type: integer}}",
        "schema: {type: integer, default: 0}}",
    );
    let (_, how) = pages(&analyse(&text), "list_things").unwrap();
    assert_eq!(how, "page number in query parameter `page` from 0, pages in all from `meta.total_pages`; items in `things`");
}

#[test]
fn a_page_number_said_to_be_zero_based_starts_at_0() {
    // Spring Data's pages (Komga): `page` is "Zero-based page index (0..N)".
    let body = format!("{{type: object, properties: {{content: {ITEMS}, number: {{type: integer}}, totalPages: {{type: integer}}}}}}");
    let text = list(&[("page", "integer")], &body).replace(
        "schema: {type: integer}}",
        "description: Zero-based page index (0..N), schema: {type: integer}}",
    );
    let (_, how) = pages(&analyse(&text), "list_things").unwrap();
    assert_eq!(how, "page number in query parameter `page` from 0, pages in all from `totalPages`; items in `content`");
}

#[test]
fn a_next_page_number_in_the_body_is_a_cursor() {
    // Lago's lists: `meta.next_page`, `null` on the last page.
    let body = format!("{{type: object, properties: {{things: {ITEMS}, meta: {{type: object, properties: {{next_page: {{type: integer, nullable: true}}, total_pages: {{type: integer}}}}}}}}}}");
    let (_, how) = pages(
        &analyse(&list(&[("page", "integer")], &body)),
        "list_things",
    )
    .unwrap();
    assert_eq!(
        how,
        "cursor in query parameter `page` from `meta.next_page`; items in `things`"
    );
}
