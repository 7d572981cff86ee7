//! Composition as real APIs write it: inheritance through `allOf` with a discriminator, and an
//! `allOf` that only describes a `oneOf`. Values must decode to the type that keeps all their
//! fields, and go back out byte for byte.

use fixture_clients::inheritance::{types, Client};
use serde_json::json;

mod common;
use common::{only_request, server};

#[test]
fn a_base_decodes_to_the_subtype_its_tag_names_with_the_subtypes_own_fields() {
    let dog = json!({"petType": "dog", "name": "Rex", "bark": true, "breed": "collie"});
    let decoded: types::Pet = serde_json::from_value(dog.clone()).unwrap();
    let types::Pet::Dog(inner) = &decoded else {
        panic!("not a dog: {decoded:?}")
    };
    assert_eq!(inner.breed.as_deref(), Some("collie"));
    assert_eq!(serde_json::to_value(&decoded).unwrap(), dog);

    // A subtype of a subtype, not in the mapping: its schema name is its tag.
    let puppy = json!({"petType": "Puppy", "name": "Bit", "bark": false, "ageWeeks": 8});
    let decoded: types::Pet = serde_json::from_value(puppy.clone()).unwrap();
    assert!(matches!(&decoded, types::Pet::Puppy(p) if p.age_weeks == Some(8)));
    assert_eq!(serde_json::to_value(&decoded).unwrap(), puppy);

    // A tag that names no subtype is still a valid pet: the base's own fields.
    let hamster = json!({"petType": "hamster", "name": "Ham"});
    let decoded: types::Pet = serde_json::from_value(hamster.clone()).unwrap();
    assert!(matches!(&decoded, types::Pet::Base(base) if base.name == "Ham"));
    assert_eq!(serde_json::to_value(&decoded).unwrap(), hamster);

    // The tag says dog, so the dog's required field must be there.
    let error =
        serde_json::from_value::<types::Pet>(json!({"petType": "dog", "name": "R"})).unwrap_err();
    assert!(error.to_string().contains("bark"), "{error}");
}

#[test]
fn a_subtype_is_sent_with_its_own_tag_by_default() {
    let dog = types::Dog {
        name: "Rex".into(),
        bark: true,
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_value(&dog).unwrap(),
        json!({"petType": "dog", "name": "Rex", "bark": true})
    );
    // Without a mapping, the one value the subtype's own schema allows is its tag (and what a
    // `Car` holds by default). Its schema name also selects it, and then the value its schema
    // does not list is kept as its enum's unknown one (issue 29). (Vehicles are only read.)
    assert_eq!(types::Car::default().kind, types::CarKind::Car);
    let vehicle: types::Vehicle =
        serde_json::from_value(json!({"kind": "car", "seats": 2})).unwrap();
    assert!(matches!(&vehicle, types::Vehicle::Car(c) if c.seats == Some(2)));
    let named = serde_json::from_value::<types::Vehicle>(json!({"kind": "Car"})).unwrap();
    assert!(
        matches!(&named, types::Vehicle::Car(c) if c.kind.as_str() == "Car"),
        "{named:?}"
    );
    let other: types::Vehicle = serde_json::from_value(json!({"kind": "bike"})).unwrap();
    assert!(matches!(&other, types::Vehicle::Base(b) if b.kind == "bike"));
}

#[tokio::test]
async fn all_of_one_union_plus_a_description_is_that_union() {
    let server = server(204, "application/json", b"").await;
    let client = Client::with_base_url(&server.uri()).unwrap();
    let payment: types::Payment = types::PaymentMethod::BankTransfer(types::BankTransfer {
        iban: "DE02".into(),
    });
    client.create_payment(&payment).await.unwrap().into_inner();
    let request = only_request(&server).await;
    assert_eq!(request.body, br#"{"iban":"DE02"}"#);
}

#[tokio::test]
async fn a_subtype_goes_where_the_base_is_expected_and_comes_back_whole() {
    let reply = br#"{"petType":"cat","name":"Tom","indoor":true}"#;
    let server = server(200, "application/json", reply).await;
    let client = Client::with_base_url(&server.uri()).unwrap();
    let dog = types::Pet::Dog(types::Dog {
        name: "Rex".into(),
        bark: true,
        breed: Some("collie".into()),
        ..Default::default()
    });
    let answer = client.create_pet(&dog).await.unwrap().into_inner();
    assert_eq!(
        answer,
        types::Pet::Cat(types::Cat {
            pet_type: "cat".into(),
            name: "Tom".into(),
            indoor: Some(true),
        })
    );
    let request = only_request(&server).await;
    assert_eq!(
        String::from_utf8(request.body).unwrap(),
        r#"{"petType":"dog","name":"Rex","bark":true,"breed":"collie"}"#
    );
}

/// A `oneOf` merged with an object by `allOf`: a value is one of the members *and* has the
/// object's properties, so each member's type carries both (`TaggedPaymentCard` has the card
/// number and the reference), and nothing is lost either way.
#[test]
fn a_union_merged_by_all_of_carries_the_shared_fields_in_each_member() {
    let value = json!({"reference": "r-1", "iban": "DE02"});
    let decoded: types::TaggedPayment = serde_json::from_value(value.clone()).unwrap();
    let types::TaggedPayment::BankTransfer(transfer) = &decoded else {
        panic!("{decoded:?}");
    };
    assert_eq!(
        (transfer.reference.as_str(), transfer.iban.as_str()),
        ("r-1", "DE02")
    );
    assert_eq!(serde_json::to_value(&decoded).unwrap(), value);
    let card = json!({"reference": "r-2", "cardNumber": "4111"});
    let decoded: types::TaggedPayment = serde_json::from_value(card.clone()).unwrap();
    assert!(
        matches!(decoded, types::TaggedPayment::Card(_)),
        "{decoded:?}"
    );
    assert_eq!(serde_json::to_value(&decoded).unwrap(), card);
    // The shared property is required of every member: no member holds a value without it, so
    // the union's unknown member does.
    let lacking = json!({"iban": "DE02"});
    let decoded = serde_json::from_value::<types::TaggedPayment>(lacking.clone()).unwrap();
    assert!(matches!(&decoded, types::TaggedPayment::Unknown(kept) if *kept == lacking));
}

/// `properties` beside a `oneOf` (Komga's search operators): each member carries the shared
/// tag property and its own fields, is sent with its tag, and decodes by it.
#[tokio::test]
async fn properties_beside_a_one_of_are_in_every_member() {
    use fixture_clients::properties_beside_one_of::{types, Client};
    let reply = br#"{"operator":"is","value":"Tolkien"}"#;
    let server = server(200, "application/json", reply).await;
    let client = Client::with_base_url(&server.uri()).unwrap();
    let condition = types::AuthorMatch::IsNot(types::AuthorMatchIsNot {
        value: "Pratchett".into(),
        case_sensitive: Some(true),
        ..Default::default()
    });
    let answer = client.search(&condition).await.unwrap().into_inner();
    let request = only_request(&server).await;
    assert_eq!(
        String::from_utf8(request.body).unwrap(),
        r#"{"operator":"isNot","value":"Pratchett","caseSensitive":true}"#
    );
    assert_eq!(
        answer,
        types::AuthorMatch::Is(types::AuthorMatchIs {
            operator: "is".into(),
            value: "Tolkien".into(),
        })
    );
    // Members that extend the schema listing them are its variants as they are.
    let flag: types::Flag =
        serde_json::from_value(json!({"operator": "isTrue", "since": "2020"})).unwrap();
    let types::Flag::IsTrue(inner) = &flag else {
        panic!("{flag:?}")
    };
    assert_eq!(inner.since.as_deref(), Some("2020"));
}

/// A member whose schema does not declare the discriminator property is sent with its tag
/// (HyperDX's chart configs), so the receiver, and our own decoder, can tell which it is.
#[tokio::test]
async fn a_member_without_the_tag_property_is_sent_with_its_tag() {
    use fixture_clients::tag_outside_members::{types, Client};
    let server = server(
        200,
        "application/json",
        br#"{"configType":"pie","slices":4}"#,
    )
    .await;
    let client = Client::with_base_url(&server.uri()).unwrap();
    let pie = types::Chart::Pie(types::Pie { slices: 3 });
    let stored = client.create_chart(&pie).await.unwrap().into_inner();
    let request = only_request(&server).await;
    let sent: serde_json::Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(sent, json!({"configType": "pie", "slices": 3}));
    assert_eq!(stored, types::Chart::Pie(types::Pie { slices: 4 }));
    // A member that has the field sends it as it holds it.
    let line = types::Chart::Line(types::Line {
        config_type: types::LineConfigType::Line,
        points: 2,
    });
    let value = serde_json::to_value(&line).unwrap();
    assert_eq!(value, json!({"configType": "line", "points": 2}));
    assert_eq!(serde_json::from_value::<types::Chart>(value).unwrap(), line);
    // A value the member's own enum allows beside the mapped one selects it too.
    let v2: types::Chart =
        serde_json::from_value(json!({"configType": "line_v2", "points": 1})).unwrap();
    let v2_type = types::LineConfigType::LineV2;
    assert!(
        matches!(&v2, types::Chart::Line(l) if l.config_type == v2_type),
        "{v2:?}"
    );
    // A member whose tag property is optional takes a value without the tag.
    let bar: types::Chart = serde_json::from_value(json!({"bars": 2})).unwrap();
    assert!(
        matches!(&bar, types::Chart::Bar(b) if b.bars == 2),
        "{bar:?}"
    );
    // So does one that has no tag property at all; one that requires it does not.
    let pie: types::Chart = serde_json::from_value(json!({"slices": 2})).unwrap();
    assert!(
        matches!(&pie, types::Chart::Pie(p) if p.slices == 2),
        "{pie:?}"
    );
    let none = serde_json::from_value::<types::Chart>(json!({"points": 2}));
    assert!(none.is_err(), "Line requires its tag: {none:?}");
}

#[tokio::test]
async fn an_object_matching_a_later_member_keeps_its_keys_and_gains_none() {
    use fixture_clients::properties_beside_one_of::{types, Client};
    // Only `app_id`: not the members that require `user_id` or `agent_id`, though their
    // nullable fields would read a missing key as `null`.
    let reply = br#"{"app_id":"a1"}"#;
    let server = server(200, "application/json", reply).await;
    let client = Client::with_base_url(&server.uri()).unwrap();
    let filter: types::MessageFilter = serde_json::from_slice(reply).unwrap();
    assert!(
        matches!(filter, types::MessageFilter::Variant2(_)),
        "{filter:?}"
    );
    assert_eq!(
        serde_json::to_string(&filter).unwrap(),
        r#"{"app_id":"a1"}"#
    );
    // Over the wire: sent as it was read, read back as sent.
    let answer = client.delete_messages(&filter).await.unwrap().into_inner();
    assert_eq!(only_request(&server).await.body, reply);
    assert_eq!(answer, filter);
    // A member's own required key, even `null`, still selects it.
    let first: types::MessageFilter = serde_json::from_str(r#"{"user_id":null}"#).unwrap();
    assert!(
        matches!(first, types::MessageFilter::Variant0(_)),
        "{first:?}"
    );
    assert_eq!(
        serde_json::to_string(&first).unwrap(),
        r#"{"user_id":null}"#
    );
}

/// A union's members are tried strictly at every depth: a required, nullable key that a lone
/// decode reads as `null` when missing (`DiscoverInput.context`) must be there for the value to
/// be that member, when another member holds the value as it is (Qdrant's `QueryInterface`
/// beside `{nullable: true}`, any JSON). Read as a `Discover`, it went back out with
/// `context: null`. Where no member holds it strictly, the fill-in still decodes it.
#[tokio::test]
async fn a_value_lacking_a_nested_required_key_is_the_member_that_holds_it_as_it_is() {
    use fixture_clients::nested_unions::{types, Client};
    let lacking = json!({"discover": {"target": "t"}});
    let query: types::Query = serde_json::from_value(lacking.clone()).unwrap();
    assert!(matches!(query, types::Query::Object(_)), "{query:?}");
    assert_eq!(serde_json::to_value(&query).unwrap(), lacking);

    let complete = json!({"discover": {"target": "t", "context": null}});
    let query: types::Query = serde_json::from_value(complete.clone()).unwrap();
    assert!(
        matches!(&query, types::Query::Interface(i) if matches!(i, types::Interface::Discover(_))),
        "{query:?}"
    );
    assert_eq!(serde_json::to_value(&query).unwrap(), complete);

    // No other member holds it: it is a `Discover` all the same, `context` read as `null`.
    let strict: types::StrictQuery = serde_json::from_value(lacking.clone()).unwrap();
    let types::StrictQuery::Interface(interface) = &strict else {
        panic!("{strict:?}")
    };
    assert!(
        matches!(interface, types::Interface::Discover(d) if d.discover.context.is_none()),
        "{strict:?}"
    );
    // Outside a union the key is filled in as before.
    let input: types::DiscoverInput = serde_json::from_value(json!({"target": "t"})).unwrap();
    assert_eq!(input.context, None);

    // Over a socket: sent as it was read, and read back from a response the same way.
    let reply = json!({"query": lacking, "strict": lacking}).to_string();
    let server = server(200, "application/json", reply.as_bytes()).await;
    let client = Client::with_base_url(&server.uri()).unwrap();
    let query: types::Query = serde_json::from_value(lacking.clone()).unwrap();
    let answer = client.query(&query).await.unwrap().into_inner();
    let sent: serde_json::Value =
        serde_json::from_slice(&only_request(&server).await.body).unwrap();
    assert_eq!(sent, lacking);
    assert!(
        matches!(answer.query, Some(types::Query::Object(_))),
        "{answer:?}"
    );
    assert!(
        matches!(answer.strict, Some(types::StrictQuery::Interface(_))),
        "{answer:?}"
    );
}

/// A union member that forbids other keys (`additionalProperties: false`, Qdrant's `Filter`) is
/// not the member of an object with a key it does not declare, though it would know the most of
/// its keys: the value is the any-JSON member's, kept as it came (read as the closed member,
/// a date-time inside it was re-spelled).
#[test]
fn a_closed_member_does_not_take_an_object_with_a_key_it_forbids() {
    use fixture_clients::nested_unions::types::{Clause, Condition2};
    let decode = |value: serde_json::Value| serde_json::from_value::<Clause>(value).unwrap();
    let filter = json!({"conditions": [{"must": ["a"]}, {"gte": "2020-01-01T00:00:00.0Z"}]});
    let Clause::Conditions(conditions) = decode(filter) else {
        panic!("not conditions")
    };
    assert!(matches!(
        conditions.conditions.as_slice(),
        [Condition2::ClosedFilter(_), Condition2::Range(_)]
    ));
    let nested = json!({"conditions": [{"must": [], "nested": {"key": "k"}}, {"gte": "2020-01-01T00:00:00.0Z"}]});
    assert!(
        matches!(decode(nested.clone()), Clause::Object(ref kept) if *kept == nested),
        "{:?}",
        decode(nested)
    );
    // Alone, the object is no member at all: the union's unknown member keeps it; with strict
    // decoding it is an error that says why.
    let alone = json!({"must": [], "nested": {}});
    let unknown = serde_json::from_value::<Condition2>(alone.clone()).unwrap();
    assert!(
        matches!(&unknown, Condition2::Unknown(kept) if *kept == alone),
        "{unknown:?}"
    );
    let error =
        serde_json::from_value::<fixture_clients::nested_unions_strict::types::Condition2>(alone)
            .unwrap_err();
    assert!(
        error
            .to_string()
            .contains("as ClosedFilter: the key `nested` is not allowed"),
        "{error}"
    );
}

/// A property's default is not filled in (issue 34, Formbricks' `enabled: true`): `{"name"}` is a
/// `ToggleDraft` only, and goes back out as it came; with the default filled in it matched the
/// `ToggleLive` member too, which a `oneOf` refuses. Over a socket: the request body is what the
/// caller set, and the response reads back the same.
#[tokio::test]
async fn an_unset_default_stays_unsent_so_a_one_of_value_stays_one_member() {
    use fixture_clients::one_of::{types, Client};
    let draft = br#"{"name":"a"}"#;
    let toggle: types::Toggle = serde_json::from_slice(draft).unwrap();
    let types::Toggle::Draft(inner) = &toggle else {
        panic!("{toggle:?}")
    };
    assert_eq!(inner.enabled, None, "absent: the server assumes true");
    assert_eq!(serde_json::to_vec(&toggle).unwrap(), draft);

    let server = server(200, "application/json", draft).await;
    let client = Client::with_base_url(&server.uri()).unwrap();
    let answer = client.put_toggle(&toggle).await.unwrap().into_inner();
    assert_eq!(only_request(&server).await.body, draft);
    assert_eq!(answer, toggle);

    // Set, it is sent, and the value is then (also) the live member's shape.
    let set = types::Toggle::Draft(types::ToggleDraft {
        name: "a".into(),
        enabled: Some(true),
    });
    assert_eq!(
        serde_json::to_string(&set).unwrap(),
        r#"{"name":"a","enabled":true}"#
    );
}

/// An untagged union's member is the one that knows the value's keys at every depth: two members
/// whose `k` differ (`{v}`, `{w}`) tell `{"k": {"w": 1}}` apart, and a member whose `k` is closed
/// (`additionalProperties: false`) does not take a `k` with another key. Read as the first
/// member, `w` and `q` were dropped.
#[tokio::test]
async fn a_union_member_knows_the_keys_at_every_depth() {
    use fixture_clients::nested_unions::{types, Client};
    let pair = json!({"open": {"k": {"w": 1}}, "closed": {"k": {"q": 1}}});
    let decoded: types::DeepPair = serde_json::from_value(pair.clone()).unwrap();
    assert!(
        matches!(decoded.open, Some(types::Deep::Variant1(_))),
        "{decoded:?}"
    );
    assert!(
        matches!(decoded.closed, Some(types::DeepClosed::Variant1(_))),
        "{decoded:?}"
    );
    assert_eq!(serde_json::to_value(&decoded).unwrap(), pair);
    // The first members still take what they know.
    let first = json!({"open": {"k": {"v": 1}}, "closed": {"k": {"p": 1}}});
    let decoded: types::DeepPair = serde_json::from_value(first.clone()).unwrap();
    assert!(matches!(decoded.open, Some(types::Deep::Variant0(_))));
    assert!(matches!(
        decoded.closed,
        Some(types::DeepClosed::Variant0(_))
    ));
    assert_eq!(serde_json::to_value(&decoded).unwrap(), first);

    // Over a socket, both ways.
    let server = server(200, "application/json", pair.to_string().as_bytes()).await;
    let client = Client::with_base_url(&server.uri()).unwrap();
    let decoded: types::DeepPair = serde_json::from_value(pair.clone()).unwrap();
    let answer = client.deep(&decoded).await.unwrap().into_inner();
    let sent: serde_json::Value =
        serde_json::from_slice(&only_request(&server).await.body).unwrap();
    assert_eq!(sent, pair);
    assert_eq!(answer, decoded);
}

/// A union member the API added after the client was generated does not fail the list around it
/// (issue 29): it is the union's `Unknown`, kept as received and sent back unchanged, for a
/// discriminated union (an unknown tag) and an untagged one (no member holds it) alike.
#[tokio::test]
async fn an_unknown_union_member_in_a_list_is_kept_and_the_list_decodes() {
    use fixture_clients::one_of::{types, Client};
    let shapes = json!([
        {"kind": "circle", "radius": 1.0},
        {"kind": "hexagon", "sides": 6},
        {"kind": "square", "side": 2.0}
    ]);
    let decoded: Vec<types::Shape> = serde_json::from_value(shapes.clone()).unwrap();
    assert!(matches!(decoded[0], types::Shape::Circle(_)));
    assert!(matches!(decoded[1], types::Shape::Unknown(_)));
    assert!(matches!(decoded[2], types::Shape::Square(_)));
    assert_eq!(serde_json::to_value(&decoded).unwrap(), shapes);

    let contacts = json!([{"email": "a@b.c"}, 42, {"phone": "1"}]);
    let decoded: Vec<types::Contact> = serde_json::from_value(contacts).unwrap();
    assert_eq!(decoded[1], types::Contact::Unknown(json!(42)));

    // Over a socket: sent as it was received, read back the same.
    let hexagon = json!({"kind": "hexagon", "sides": 6});
    let server = server(200, "application/json", hexagon.to_string().as_bytes()).await;
    let client = Client::with_base_url(&server.uri()).unwrap();
    let shape = types::Shape::Unknown(hexagon.clone());
    let answer = client.create_shape(&shape).await.unwrap().into_inner();
    let sent: serde_json::Value =
        serde_json::from_slice(&only_request(&server).await.body).unwrap();
    assert_eq!(sent, hexagon);
    assert_eq!(answer, shape);
}
