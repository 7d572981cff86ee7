//! Forward-compatible enums (issue 29): a value an enum does not list, one the API added after
//! the client was generated, is the enum's `Unknown`, kept as received and sent back unchanged,
//! so one new value does not fail the list around it. Generated with strict decoding, the enum
//! refuses it (`enums_strict`). (Unions: `tests/composition.rs`.)

mod common;

use common::{only_request, server};
use fixture_clients::enums::{types, Client, ListTasksParams};
use serde_json::json;

#[tokio::test]
async fn an_unknown_enum_value_in_a_list_is_kept_and_the_list_decodes() {
    let tasks = json!([
        {"status": "done", "priority": 1},
        {"status": "blocked", "priority": 7},
        {"status": "in-progress", "priority": 2}
    ]);
    let server = server(200, "application/json", tasks.to_string().as_bytes()).await;
    let client = Client::with_base_url(&server.uri()).unwrap();
    let params = ListTasksParams {
        status: types::Status::Done,
        order: None,
        priority: None,
    };
    let listed = client.list_tasks(&params).await.unwrap().into_inner();
    assert_eq!(listed[0].status, Some(types::Status::Done));
    let (Some(types::Status::Unknown(status)), Some(types::Priority::Unknown(priority))) =
        (&listed[1].status, listed[1].priority)
    else {
        panic!("{:?}", listed[1]);
    };
    assert_eq!((status.as_str(), priority.value()), ("blocked", 7));
    assert_eq!(listed[2].status, Some(types::Status::InProgress));
    // Sent back unchanged, and spelled as received wherever a value is text.
    assert_eq!(serde_json::to_value(&listed).unwrap(), tasks);
    let blocked = listed[1].status.clone().unwrap();
    assert_eq!(
        (blocked.as_str(), blocked.to_string()),
        ("blocked", "blocked".into())
    );

    // The strict form refuses the same list, naming the value (the first key in order).
    let strict = serde_json::from_value::<Vec<fixture_clients::enums_strict::types::Task>>(tasks);
    let error = strict.unwrap_err().to_string();
    assert!(
        error.contains("unknown value 7, expected one of [1, 2, 3]"),
        "{error}"
    );
}

#[tokio::test]
async fn an_unknown_value_is_sent_only_when_the_caller_builds_one() {
    // `From` gives the variant a value names: a listed value is never `Unknown`.
    assert_eq!(types::Status::from("done"), types::Status::Done);
    assert_eq!(types::Priority::from(2), types::Priority::Value2);
    let blocked = types::Status::from("blocked");
    assert!(matches!(&blocked, types::Status::Unknown(value) if value.as_str() == "blocked"));

    let server = server(200, "application/json", b"[]").await;
    let client = Client::with_base_url(&server.uri()).unwrap();
    let params = ListTasksParams {
        status: blocked,
        order: None,
        priority: Some(types::Priority::from(9)),
    };
    client.list_tasks(&params).await.unwrap();
    let request = only_request(&server).await;
    assert_eq!(request.url.path(), "/tasks/blocked");
    assert_eq!(request.url.query(), Some("priority=9"));
}

#[test]
fn constants_still_tell_an_untagged_unions_members_apart() {
    // `type` is a one-value enum in each member: a constant, which refuses other values, so a
    // member never takes the other's tag as a new value of its own.
    let blocks = json!([
        {"type": "image", "id": "1"},
        {"type": "text", "id": "2", "status": "archived"},
        {"type": "video", "id": "3"}
    ]);
    let decoded: Vec<types::Block> = serde_json::from_value(blocks.clone()).unwrap();
    assert!(
        matches!(&decoded[0], types::Block::ImageBlock(_)),
        "{decoded:?}"
    );
    // A new value deeper in: the member the constant names, with the value kept.
    let types::Block::TextBlock(text) = &decoded[1] else {
        panic!("{decoded:?}")
    };
    assert_eq!(text.status, Some(types::Status::from("archived")));
    // A new constant: no member holds it, so the union's own `Unknown` does.
    assert!(
        matches!(&decoded[2], types::Block::Unknown(kept) if *kept == blocks[2]),
        "{decoded:?}"
    );
}

/// A member that knows every key, holding one value only its enum's `Unknown` keeps, beats a
/// member that drops the key: `status` stays, as received.
#[test]
fn an_unlisted_value_goes_to_the_member_that_knows_its_key() {
    let records = json!([
        {"id": "1", "status": "fast"},
        {"id": "2", "status": "turbo"},
        {"id": "3", "note": "n"}
    ]);
    let decoded: Vec<types::Record> = serde_json::from_value(records.clone()).unwrap();
    let types::Record::Full(turbo) = &decoded[1] else {
        panic!("{decoded:?}")
    };
    assert_eq!(turbo.status, types::Mode::from("turbo"));
    assert!(matches!(&decoded[0], types::Record::Full(full) if full.status == types::Mode::Fast));
    assert!(
        matches!(&decoded[2], types::Record::Brief(_)),
        "{decoded:?}"
    );
    assert_eq!(serde_json::to_value(&decoded).unwrap(), records);
}

/// One new item in a list inside a union's member is that list's `Unknown`, not the whole
/// union's: its neighbours stay typed, for an untagged union of items and a discriminated one.
#[test]
fn one_new_item_in_a_list_inside_a_union_leaves_its_neighbours_typed() {
    let blocks = json!([{"type": "image", "id": "1"}, {"type": "video", "id": "2"}]);
    let shelf: types::Shelf = serde_json::from_value(blocks.clone()).unwrap();
    let types::Shelf::BlockList(list) = &shelf else {
        panic!("{shelf:?}")
    };
    assert!(matches!(list[0], types::Block::ImageBlock(_)), "{list:?}");
    assert!(matches!(&list[1], types::Block::Unknown(kept) if *kept == blocks[1]));

    let pets = json!([{"kind": "cat"}, {"kind": "bird", "wings": 2}]);
    let decoded: types::Pets = serde_json::from_value(pets.clone()).unwrap();
    let types::Pets::PetList(list) = &decoded else {
        panic!("{decoded:?}")
    };
    assert!(matches!(list[0], types::Pet::Cat(_)), "{list:?}");
    assert!(matches!(&list[1], types::Pet::Unknown(kept) if *kept == pets[1]));
    assert_eq!(serde_json::to_value(&decoded).unwrap(), pets);
}

/// A one-value enum outside a union's member takes a new value like any enum: a constant that
/// grows a second value later does not fail the response.
#[test]
fn a_constant_outside_a_union_keeps_a_new_value() {
    let text: types::TextBlock =
        serde_json::from_value(json!({"type": "rich-text", "id": "1"})).unwrap();
    assert_eq!(text.r#type, types::TextBlockType::from("rich-text"));
    assert_eq!(text.r#type.as_str(), "rich-text");
}

/// A member that drops a key and does not list a value is no match: `{type: CONDITIONAL,
/// blocks}` is the member that lists it, even when that one knows fewer of the keys deep inside
/// the blocks than the other drops at the top (Figma's `Action`, found by the round trip).
#[test]
fn a_member_that_drops_a_key_and_does_not_list_a_value_is_no_match() {
    let step = json!({"type": "CONDITIONAL", "blocks": [{"x": 1, "e1": 1, "e2": 2}]});
    let decoded: types::Step = serde_json::from_value(step.clone()).unwrap();
    assert!(
        matches!(&decoded, types::Step::Conditional(_)),
        "{decoded:?}"
    );
    let back: types::Step = serde_json::from_value(json!({"type": "BACK"})).unwrap();
    assert!(matches!(&back, types::Step::Variant0(_)), "{back:?}");
    // A new action of the first kind's shape: kept there, its type as received.
    let new: types::Step = serde_json::from_value(json!({"type": "FORWARD"})).unwrap();
    assert!(
        matches!(&new, types::Step::Variant0(v) if v.r#type.as_str() == "FORWARD"),
        "{new:?}"
    );
}
