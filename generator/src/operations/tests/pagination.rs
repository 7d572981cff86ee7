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

#[test]
fn a_side_list_beside_items_of_another_shape_is_no_list_of_items() {
    // Google Compute's `aggregatedList`: `items` a map by zone, `unreachables` an array.
    let aggregated = "{type: object, properties: {items: {type: object, additionalProperties: {type: object}}, nextPageToken: {type: string}, unreachables: {type: array, items: {type: string}}}}";
    let module = analyse(&list(&[("pageToken", "string")], aggregated));
    assert_eq!(pages(&module, "list_things"), None);
    let warnings = "{type: object, properties: {result: {type: object, additionalProperties: {type: string}}, warnings: {type: array, items: {type: string}}, next_cursor: {type: string}}}";
    let module = analyse(&list(&[("cursor", "string")], warnings));
    assert_eq!(pages(&module, "list_things"), None);
}

#[test]
fn an_inferred_cursor_walk_keeps_the_pages_has_more() {
    let body = format!("{{type: object, properties: {{entries: {ITEMS}, next_cursor: {{type: string}}, has_more: {{type: boolean}}}}}}");
    let (_, how) = pages(
        &analyse(&list(&[("cursor", "string")], &body)),
        "list_things",
    )
    .unwrap();
    assert_eq!(how, "cursor in query parameter `cursor` from `next_cursor`, while `has_more`; items in `entries`");
}

#[test]
fn a_field_whose_name_holds_dots_is_found_from_a_dotted_path() {
    let body = format!(
        "{{type: object, properties: {{value: {ITEMS}, '@odata.nextLink': {{type: string}}}}}}"
    );
    let text = list(&[], &body);
    let (source, how) = pages(&analyse(&text), "list_things").unwrap();
    assert_eq!(
        (source, how.as_str()),
        (
            Source::Inferred,
            "next URL from `@odata.nextLink`; items in `value`"
        )
    );
    let extension = text.replace(
        "      operationId: listThings\n",
        "      operationId: listThings\n      x-ms-pageable: {nextLinkName: '@odata.nextLink'}\n",
    );
    let (source, _) = pages(&analyse(&extension), "list_things").unwrap();
    assert_eq!(source, Source::Extension("x-ms-pageable"));
    let mut config = Config::new();
    config.paginate("listThings", Paging::next_url("@odata.nextLink"));
    let (module, _) = analyse_with_config(&text, &config);
    assert_eq!(
        pages(&module, "list_things").map(|(source, _)| source),
        Some(Source::Config)
    );
}

#[test]
fn next_and_previous_of_a_resource_are_no_pages() {
    // A chapter's `next` and `previous` are chapters; the request has no paging parameter.
    let body = format!("{{type: object, properties: {{verses: {ITEMS}, next: {{type: string}}, previous: {{type: string}}}}}}");
    assert_eq!(pages(&analyse(&list(&[], &body)), "list_things"), None);
    let (_, how) = pages(
        &analyse(&list(&[("limit", "integer")], &body)),
        "list_things",
    )
    .unwrap();
    assert_eq!(how, "next URL from `next`; items in `verses`");
}

#[test]
fn a_page_number_of_one_resource_is_no_walk() {
    let body =
        format!("{{type: object, properties: {{lines: {ITEMS}, has_more: {{type: boolean}}}}}}");
    let text = list(&[("page", "integer")], &body)
        .replace("/things:", "/things/{id}:")
        .replace("      parameters:\n", "      parameters:\n        - {name: id, in: path, required: true, schema: {type: string}}\n")
        .replace("schema: {type: integer}}", "schema: {type: integer, default: 1}}");
    assert_eq!(pages(&analyse(&text), "list_things"), None);
}

#[test]
fn an_extension_that_cannot_be_read_is_a_warning_and_no_inference() {
    let body = "{type: object, properties: {data: {type: array, items: {type: object, required: [id], properties: {id: {type: string}}}}, nextPageToken: {type: string}}}";
    let text = list(&[("pageToken", "string")], body).replace(
        "      operationId: listThings\n",
        "      operationId: listThings\n      x-speakeasy-pagination: {type: cursor, inputs: [{name: pageToken, in: parameters, type: cursor}], outputs: {nextCursor: '$.data[-1].id'}}\n",
    );
    let (module, diagnostics) = analyse_with_config(&text, &Config::new());
    assert_eq!(pages(&module, "list_things"), None);
    let warning = diagnostics.warnings().next().unwrap();
    assert_eq!(warning.code, Code::PaginationUnusable);
    assert!(
        warning
            .message
            .contains("its `x-speakeasy-pagination` cannot be read"),
        "{}",
        warning.message
    );
}

#[test]
fn a_route_is_named_with_its_method_in_any_case_and_an_unknown_one_by_its_setting() {
    let body = format!(
        "{{type: object, properties: {{things: {ITEMS}, nextPageToken: {{type: string}}}}}}"
    );
    let text = list(&[("pageToken", "string")], &body);
    let mut config = Config::new();
    config
        .no_pagination("get /things")
        .no_pagination("listNothing");
    let (module, diagnostics) = analyse_with_config(&text, &config);
    assert_eq!(pages(&module, "list_things"), None);
    let warning = diagnostics.warnings().next().unwrap();
    assert!(
        warning
            .message
            .starts_with("`Config::no_pagination` names `listNothing`"),
        "{}",
        warning.message
    );
}

#[test]
fn the_conventions_of_other_apis() {
    let cases = [
        // OpenAI: `after` the page's `last_id`, while `has_more`.
        (vec![("after", "string")], format!("{{type: object, properties: {{data: {ITEMS}, last_id: {{type: string}}, has_more: {{type: boolean}}}}}}"),
         "cursor in query parameter `after` from `last_id`, while `has_more`; items in `data`"),
        // Relay: `after` the `pageInfo.endCursor`, while `pageInfo.hasNextPage`.
        (vec![("after", "string")], format!("{{type: object, properties: {{nodes: {ITEMS}, pageInfo: {{type: object, properties: {{endCursor: {{type: string}}, hasNextPage: {{type: boolean}}}}}}}}}}"),
         "cursor in query parameter `after` from `pageInfo.endCursor`, while `pageInfo.hasNextPage`; items in `nodes`"),
        // Jira: `startAt` with `total`.
        (vec![("startAt", "integer")], format!("{{type: object, properties: {{values: {ITEMS}, total: {{type: integer}}}}}}"),
         "offset in query parameter `startAt`, items in all from `total`; items in `values`"),
        // Twilio: `next_page_uri`.
        (vec![], format!("{{type: object, properties: {{calls: {ITEMS}, next_page_uri: {{type: string}}}}}}"),
         "next URL from `next_page_uri`; items in `calls`"),
        // DigitalOcean: `links.pages.next` beside `prev`.
        (vec![("per_page", "integer")], format!("{{type: object, properties: {{droplets: {ITEMS}, links: {{type: object, properties: {{pages: {{type: object, properties: {{next: {{type: string}}, prev: {{type: string}}}}}}}}}}}}}}"),
         "next URL from `links.pages.next`; items in `droplets`"),
    ];
    for (params, body, expected) in cases {
        let how = pages(&analyse(&list(&params, &body)), "list_things").map(|(_, how)| how);
        assert_eq!(how.as_deref(), Some(expected), "{body}");
    }
}
