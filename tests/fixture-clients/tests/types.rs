//! How generated types behave with serde: the JSON they accept and produce.

use fixture_clients::{
    all_of, enums, object_fields, odd_names, one_of, recursive, recursive_aliases,
};
use serde_json::json;

#[test]
fn discriminator_picks_the_member_its_tag_names() {
    use one_of::types::{Circle, Shape, Square};
    let square: Shape = serde_json::from_value(json!({"kind": "square", "side": 2.0})).unwrap();
    assert_eq!(
        square,
        Shape::Square(Square {
            kind: "square".into(),
            side: 2.0
        })
    );
    // Shaped like a circle too; an untagged decoder would take the first member that fits.
    let tagged: Shape =
        serde_json::from_value(json!({"kind": "square", "side": 2.0, "radius": 1.0})).unwrap();
    assert!(matches!(tagged, Shape::Square(_)), "{tagged:?}");
    let circle: Shape = serde_json::from_value(json!({"kind": "circle", "radius": 1.5})).unwrap();
    assert_eq!(
        circle,
        Shape::Circle(Circle {
            kind: "circle".into(),
            radius: 1.5
        })
    );

    // A tag no member has (a shape the API added later): kept as received, sent back unchanged.
    let hexagon = json!({"kind": "hexagon", "sides": 6});
    let unknown = serde_json::from_value::<Shape>(hexagon.clone()).unwrap();
    assert!(
        matches!(&unknown, Shape::Unknown(kept) if *kept == hexagon),
        "{unknown:?}"
    );
    assert_eq!(serde_json::to_value(&unknown).unwrap(), hexagon);
    // No tag at all: no member holds it either.
    let untagged = json!({"side": 2.0});
    let missing = serde_json::from_value::<Shape>(untagged.clone()).unwrap();
    assert!(
        matches!(&missing, Shape::Unknown(kept) if *kept == untagged),
        "{missing:?}"
    );
    // Serialising writes the member as it is, tag included.
    assert_eq!(
        serde_json::to_value(&square).unwrap(),
        json!({"kind": "square", "side": 2.0})
    );
}

#[test]
fn unions_without_discriminator_take_the_first_shape_that_fits() {
    use one_of::types::Value;
    assert_eq!(
        serde_json::from_value::<Value>(json!("text")).unwrap(),
        Value::String("text".into())
    );
    assert_eq!(
        serde_json::from_value::<Value>(json!(7)).unwrap(),
        Value::Integer(7)
    );
    assert!(matches!(
        serde_json::from_value::<Value>(json!({"text": "x"})).unwrap(),
        Value::Variant2(_)
    ));
}

#[test]
fn a_member_much_larger_than_the_others_is_boxed() {
    use one_of::types::{Address, Location};
    // Boxed, the enum is the size of its string member, not of ten strings.
    assert!(std::mem::size_of::<Location>() <= 32);
    assert_eq!(
        serde_json::from_value::<Location>(json!("Paris")).unwrap(),
        Location::String("Paris".into())
    );
    let address =
        serde_json::from_value::<Location>(json!({"city": "Paris", "postalCode": "75001"}))
            .unwrap();
    let Location::Address(address) = address else {
        panic!("{address:?}");
    };
    assert_eq!(
        *address,
        Address {
            city: Some("Paris".into()),
            postal_code: Some("75001".into()),
            ..Address::default()
        }
    );
}

#[test]
fn optional_nullable_and_default_fields() {
    use object_fields::types::Widget;
    let widget: Widget = serde_json::from_value(json!({"name": "w", "note": null})).unwrap();
    assert_eq!(widget.nickname, None, "absent");
    let nulled: Widget = serde_json::from_value(json!({"name": "w", "nickname": null})).unwrap();
    assert_eq!(
        nulled.nickname,
        Some(None),
        "optional and nullable: null is not absent"
    );
    assert_eq!(widget.name, "w");
    assert_eq!(widget.note, None);
    assert_eq!(widget.color, None);
    // An optional property's default is the server's: absent stays absent.
    assert_eq!(widget.label, None, "optional, empty-string default");
    assert_eq!(widget.ratio, None, "optional, 0.5 default");
    // A required property's default fills in a key the response lacks.
    assert_eq!(widget.count, 3, "required, default 3");
    assert!(widget.active);
    assert_eq!(
        widget.id, None,
        "readOnly: not required of a request, may be absent"
    );
    // Unset optional fields are left out, those with a default too; a required nullable one is
    // sent as null; required ones with a default are sent with it (`Default` fills it in).
    let sent = serde_json::to_value(Widget {
        name: "w".into(),
        ..Default::default()
    })
    .unwrap();
    assert_eq!(
        sent,
        json!({"name": "w", "note": null, "count": 3, "active": true})
    );
    // readOnly is never sent, writeOnly never read back.
    let sent = serde_json::to_value(Widget {
        name: "w".into(),
        id: Some("i".into()),
        secret: Some("s".into()),
        ..Default::default()
    })
    .unwrap();
    assert_eq!(sent.get("id"), None);
    assert_eq!(sent["secret"], "s");
    let read: Widget =
        serde_json::from_value(json!({"name": "w", "id": "i", "secret": "s"})).unwrap();
    assert_eq!((read.id.as_deref(), read.secret), (Some("i"), None));
}

/// `Widget` as serde's derive would decode it: the attributes the generator wrote before it
/// wrote `Deserialize` out by hand. The generated impl must decode every object the same way.
mod derived {
    #[derive(serde::Deserialize, Debug, PartialEq)]
    pub struct Widget {
        name: String,
        color: Option<String>,
        note: Option<String>,
        nickname: Option<String>,
        label: Option<String>,
        #[serde(default = "three")]
        count: i64,
        #[serde(default = "yes")]
        active: bool,
        ratio: Option<f64>,
        id: Option<String>,
        // writeOnly: never read back.
        #[serde(skip_deserializing)]
        secret: Option<String>,
    }

    fn three() -> i64 {
        3
    }

    fn yes() -> bool {
        true
    }

    impl From<super::object_fields::types::Widget> for Widget {
        fn from(w: super::object_fields::types::Widget) -> Self {
            Widget {
                name: w.name,
                color: w.color,
                note: w.note,
                // Optional and nullable: three states where the derive has two.
                nickname: w.nickname.flatten(),
                label: w.label,
                count: w.count,
                active: w.active,
                ratio: w.ratio,
                id: w.id,
                secret: w.secret,
            }
        }
    }
}

#[test]
fn hand_written_deserialize_decodes_objects_as_the_derive_does() {
    use object_fields::types::Widget;
    let inputs = [
        // every field, then only what is required
        r#"{"name":"w","color":"red","note":"n","nickname":"k","label":"l","count":7,"active":false,"ratio":2.5,"id":"i","secret":"s"}"#,
        r#"{"name":"w","note":null}"#,
        // a required nullable field may be missing; unknown keys of any shape are skipped
        r#"{"name":"w","extra":{"deep":[1,{"x":null}]},"more":[true],"count":1}"#,
        // an escaped key is decoded (and so not borrowed from the input)
        r#"{"n\u0061me":"escaped","c\u006funt":9}"#,
        // errors: a missing required field, a wrong type, null for a non-nullable default field,
        // not an object at all, truncated input
        r#"{"note":"n"}"#,
        r#"{"name":"w","count":"many"}"#,
        r#"{"name":"w","active":null}"#,
        r#""widget""#,
        r#"null"#,
        r#"{"name":"w","#,
    ];
    for input in inputs {
        let ours = serde_json::from_str::<Widget>(input)
            .map(derived::Widget::from)
            .map_err(|e| e.to_string());
        let derived = serde_json::from_str::<derived::Widget>(input).map_err(|e| e.to_string());
        assert_eq!(ours, derived, "from_str {input}");
        // Through serde_json::Value too: its keys are owned, not borrowed.
        if let Ok(value) = serde_json::from_str::<serde_json::Value>(input) {
            let ours = serde_json::from_value::<Widget>(value.clone())
                .map(derived::Widget::from)
                .map_err(|e| e.to_string());
            let derived =
                serde_json::from_value::<derived::Widget>(value).map_err(|e| e.to_string());
            assert_eq!(ours, derived, "from_value {input}");
        }
    }
    let missing = serde_json::from_str::<Widget>(r#"{"note":"n"}"#).unwrap_err();
    assert!(
        missing.to_string().starts_with("missing field `name`"),
        "{missing}"
    );

    // Two deliberate differences. An array is not an object: the derive would read one
    // positionally, which no JSON API means.
    let positional = r#"["w",null,null,null,"",3,true,0.5,null]"#;
    let array = serde_json::from_str::<Widget>(positional).unwrap_err();
    assert!(
        array
            .to_string()
            .starts_with("invalid type: sequence, expected struct Widget"),
        "{array}"
    );
    assert!(serde_json::from_str::<derived::Widget>(positional).is_ok());
    // A repeated key keeps its last value, as JSON.parse does, where the derive fails.
    let repeated = r#"{"name":"first","note":null,"name":"last"}"#;
    assert_eq!(
        serde_json::from_str::<Widget>(repeated).unwrap().name,
        "last"
    );
    assert!(serde_json::from_str::<derived::Widget>(repeated).is_err());
}

#[test]
fn enums_keep_their_wire_values() {
    use enums::types::{SortOrder, Status};
    assert_eq!(
        serde_json::to_value(Status::InProgress).unwrap(),
        json!("in-progress")
    );
    assert_eq!(
        serde_json::from_value::<Status>(json!("@home")).unwrap(),
        Status::Home
    );
    assert_eq!(
        serde_json::from_value::<Status>(json!("")).unwrap(),
        Status::Empty
    );
    assert_eq!(Status::WithSpace.as_str(), "with space");
    assert_eq!(Status::N1st.to_string(), "1st");
    // A query parameter only: written with `as_str`, no serde derive needed.
    assert_eq!(SortOrder::Asc2.as_str(), "ASC");
    assert_eq!(SortOrder::Asc.as_str(), "asc");
    // Values whose words collide are named with their symbols spelled out.
    assert_eq!(SortOrder::FooBar.to_string(), "fooBar");
    assert_eq!(SortOrder::FooUnderscoreBar.to_string(), "foo_bar");
}

/// `Status` as serde's derive would (de)serialize it, with the renames the generator wrote before
/// it wrote these impls out by hand.
mod derived_enum {
    #[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq, Clone, Copy)]
    pub enum Status {
        #[serde(rename = "in-progress")]
        InProgress,
        #[serde(rename = "1st")]
        N1st,
        #[serde(rename = "@home")]
        Home,
        #[serde(rename = "")]
        Empty,
        #[serde(rename = "with space")]
        WithSpace,
        #[serde(rename = "done")]
        Done,
    }

    // The strict form's enum, which refuses what it does not list as the derive does.
    pub const ALL: [(Status, fixture_clients::enums_strict::types::Status); 6] = {
        use fixture_clients::enums_strict::types::Status as Ours;
        [
            (Status::InProgress, Ours::InProgress),
            (Status::N1st, Ours::N1st),
            (Status::Home, Ours::Home),
            (Status::Empty, Ours::Empty),
            (Status::WithSpace, Ours::WithSpace),
            (Status::Done, Ours::Done),
        ]
    };
}

#[test]
fn hand_written_enum_serde_matches_the_derive_on_strings() {
    use fixture_clients::enums_strict::types::Status;
    use oapigen_runtime::WireEnum;
    assert_eq!(Status::VARIANTS.len(), derived_enum::ALL.len());
    for (derived, ours) in derived_enum::ALL {
        assert_eq!(
            serde_json::to_string(&ours).unwrap(),
            serde_json::to_string(&derived).unwrap()
        );
        let text = serde_json::to_string(&derived).unwrap();
        assert_eq!(serde_json::from_str::<Status>(&text).unwrap(), ours);
        let value = serde_json::to_value(derived).unwrap();
        assert_eq!(serde_json::from_value::<Status>(value).unwrap(), ours);
    }
    // An unknown value, also one that differs only in case or needs unescaping: the same error.
    for input in [
        r#""nope""#,
        r#""DONE""#,
        r#""d\u006fne""#,
        r#""in-progress "#,
    ] {
        let ours = serde_json::from_str::<Status>(input).map_err(|e| e.to_string());
        let derived =
            serde_json::from_str::<derived_enum::Status>(input).map_err(|e| e.to_string());
        let matched = derived_enum::ALL.iter().find(|(d, _)| Ok(*d) == derived);
        assert_eq!(
            ours,
            derived.map(|_| matched.unwrap().1),
            "from_str {input}"
        );
    }
    let unknown = serde_json::from_value::<Status>(json!("nope")).unwrap_err();
    assert_eq!(
        unknown.to_string(),
        serde_json::from_value::<derived_enum::Status>(json!("nope"))
            .unwrap_err()
            .to_string()
    );
    assert!(
        unknown
            .to_string()
            .starts_with("unknown variant `nope`, expected one of `in-progress`, `1st`"),
        "{unknown}"
    );
    // The deliberate difference: only a string decodes. The derive also takes the externally
    // tagged form `{"done": null}`, which no JSON API sends, and its error for a number is
    // "expected value", where this one says what it wanted.
    assert!(serde_json::from_str::<derived_enum::Status>(r#"{"done":null}"#).is_ok());
    assert!(serde_json::from_str::<Status>(r#"{"done":null}"#).is_err());
    let number = serde_json::from_str::<Status>("5").unwrap_err().to_string();
    assert!(
        number.starts_with("invalid type: integer `5`, expected a string"),
        "{number}"
    );
}

#[test]
fn all_of_merges_every_member() {
    let dog: all_of::types::Dog = serde_json::from_value(
        json!({"name": "Rex", "species": "dog", "age": 3, "owner": {"email": "ada@example.com"}}),
    )
    .unwrap();
    assert_eq!(dog.name, "Rex");
    assert_eq!(dog.age, Some(3));
    assert_eq!(dog.owner.unwrap().email.as_deref(), Some("ada@example.com"));
    // A struct with no fields takes any object, and only an object.
    let dog: all_of::types::Dog =
        serde_json::from_value(json!({"name": "Rex", "species": "dog", "tags": {"a": [1, {}]}}))
            .unwrap();
    assert_eq!(dog.tags, Some(all_of::types::Tags {}));
    // Scalars of one type merged are that scalar (or the enum among them), not an empty struct.
    let dog: all_of::types::Dog = serde_json::from_value(
        json!({"name": "Rex", "species": "dog", "region": "nyc3", "size": "large"}),
    )
    .unwrap();
    assert_eq!(dog.region.as_deref(), Some("nyc3"));
    assert_eq!(dog.size, Some(all_of::types::Size::Large));
    let not_object = json!({"name": "Rex", "species": "dog", "tags": [1]});
    let error = serde_json::from_value::<all_of::types::Dog>(not_object).unwrap_err();
    assert!(
        error.to_string().contains("expected struct Tags"),
        "{error}"
    );
}

#[test]
fn recursive_types_round_trip() {
    let tree = json!({"name": "root", "children": [{"name": "leaf", "children": [], "parent": {"name": "root", "children": []}}]});
    let node: recursive::types::Node = serde_json::from_value(tree.clone()).unwrap();
    assert_eq!(node.children[0].parent.as_ref().unwrap().name, "root");
    assert_eq!(serde_json::to_value(&node).unwrap(), tree);

    let forest = json!([[[]], []]);
    let decoded: recursive_aliases::types::Forest = serde_json::from_value(forest.clone()).unwrap();
    assert_eq!(serde_json::to_value(&decoded).unwrap(), forest);
    let index = json!({"a": {"b": {}}});
    let decoded: recursive_aliases::types::Index = serde_json::from_value(index.clone()).unwrap();
    assert_eq!(serde_json::to_value(&decoded).unwrap(), index);
}

#[test]
fn odd_property_names_decode_into_their_fields() {
    let wire = json!({
        "type": "t", "self": "s", "Self": "S", "super": "sup", "crate": "c", "@id": "i",
        "1st": "1", "x-y": "xy", "a.b": "ab", "größe": 7, "名前": "n", "_": "u",
        "fooBar": "camel", "foo_bar": "snake", "map": "m", "key": "k", "map_": "m_",
        "read": "r", "len": "l", "serializer": "s_", "+1": 3, "-1": 1
    });
    let record: odd_names::types::OddNamesRecordV2 = serde_json::from_value(wire.clone()).unwrap();
    let fields = [
        &record.r#type,
        &record.self_,
        &record.self2,
        &record.super_,
        &record.crate_,
        &record.id,
        &record._1st,
        &record.x_y,
        &record.a_b,
        &record.u540d_u524d,
        &record.underscore,
        &record.foo_bar,
        &record.foo_bar2,
        &record.map,
        &record.key,
        &record.map2,
        &record.read,
        &record.len,
        &record.serializer,
    ];
    let fields: Vec<&str> = fields.iter().map(|f| f.as_deref().unwrap()).collect();
    assert_eq!(
        fields,
        [
            "t", "s", "S", "sup", "c", "i", "1", "xy", "ab", "n", "u", "camel", "snake", "m", "k",
            "m_", "r", "l", "s_"
        ]
    );
    assert_eq!(record.gr_u00f6_u00df_e, Some(7));
    assert_eq!((record.plus_1, record.minus_1), (Some(3), Some(1)));
    assert_eq!(serde_json::to_value(&record).unwrap(), wire);
}

/// ../shared/cases/enum_symbol_values.yaml: operators get names from their symbols, not their
/// position, and every value round-trips exactly.
#[test]
fn enum_values_made_of_symbols_are_named_by_them_and_round_trip() {
    use fixture_clients::enum_symbols::types::Operator;
    let named = [
        (Operator::Equals, "="),
        (Operator::NotEquals, "!="),
        (Operator::Greater, ">"),
        (Operator::Less, "<"),
        (Operator::GreaterEquals, ">="),
        (Operator::LessEquals, "<="),
        (Operator::Tilde, "~"),
        (Operator::TildeEquals, "~="),
        (Operator::NotTilde, "!~"),
        (Operator::In, "in"),
        (Operator::NotIn, "not in"),
        (Operator::Is, "is"),
        (Operator::IsNot, "is not"),
    ];
    for (operator, wire) in named {
        assert_eq!(operator.as_str(), wire);
        assert_eq!(serde_json::to_value(&operator).unwrap(), json!(wire));
        assert_eq!(
            serde_json::from_value::<Operator>(json!(wire)).unwrap(),
            operator
        );
    }
}

/// ../shared/cases/nullable_map_values.yaml: `null` as the value of a map whose values are
/// nullable decodes (and so do nullable array items).
#[test]
fn nullable_map_values_decode_null() {
    use fixture_clients::nullable_map_values::types::LabelSet;
    let set: LabelSet = serde_json::from_value(json!({"labels": {"a": "x", "b": null}})).unwrap();
    assert_eq!(set.labels.get("a"), Some(&Some("x".to_owned())));
    assert_eq!(set.labels.get("b"), Some(&None));
}

/// ../shared/cases/properties_plus_additional.yaml: keys beyond the declared properties are kept
/// in a typed map, read from responses and sent in requests.
#[test]
fn additional_properties_beside_properties_are_kept_both_ways() {
    use fixture_clients::properties_plus_additional::types::Record;
    let input = json!({"id": 7, "active": true, "color": "red", "size": "L"});
    let record: Record = serde_json::from_value(input.clone()).unwrap();
    assert_eq!(record.id, 7);
    assert_eq!(record.active, Some(true));
    assert_eq!(record.additional_properties.len(), 2);
    assert_eq!(record.additional_properties["color"], "red");
    assert_eq!(serde_json::to_value(&record).unwrap(), input);
    // An extra value of the wrong type is refused, as the schema says.
    assert!(serde_json::from_value::<Record>(json!({"id": 1, "n": 3})).is_err());
}

/// ../shared/cases/nullable_tri_state.yaml: a required nullable field is always on the wire
/// (`null` when unset); an optional nullable one with no default has three states.
#[test]
fn optional_nullable_fields_tell_absent_from_null() {
    use fixture_clients::nullable_tri_state::types::{PageUpdate, Upload};
    let send = |note| {
        let update = PageUpdate {
            title: "t".into(),
            next: None,
            note,
            retries: Some(Some(3)),
        };
        serde_json::to_value(update).unwrap()
    };
    assert_eq!(
        send(None),
        json!({"title": "t", "next": null, "retries": 3})
    );
    assert_eq!(
        send(Some(None)),
        json!({"title": "t", "next": null, "note": null, "retries": 3})
    );
    assert_eq!(
        send(Some(Some("n".into()))),
        json!({"title": "t", "next": null, "note": "n", "retries": 3})
    );
    let read = |value| serde_json::from_value::<PageUpdate>(value).unwrap().note;
    assert_eq!(read(json!({"title": "t", "next": null})), None);
    assert_eq!(
        read(json!({"title": "t", "next": null, "note": null})),
        Some(None)
    );
    assert_eq!(
        read(json!({"title": "t", "next": "x", "note": "n"})),
        Some(Some("n".into()))
    );
    // `default: null` says absent means null: one `Option`.
    let upload = Upload {
        comment: None,
        ..Default::default()
    };
    assert_eq!(upload.comment, None::<String>);
}

/// A discriminator without a mapping selects a member by its schema name, as OpenAPI says, or by
/// the values the member's own tag property allows, as APIs send them; a value several members
/// allow selects each of them, told apart by their other keys.
#[test]
fn a_discriminator_without_mapping_takes_schema_names_and_the_members_own_values() {
    use fixture_clients::discriminator_without_mapping::types::{Cat, Pet};
    let dog: Pet = serde_json::from_value(json!({"petType": "dog", "bark": "woof"})).unwrap();
    assert!(matches!(&dog, Pet::Dog(d) if d.bark == "woof"), "{dog:?}");
    // The schema name selects `Dog` too, whose own schema does not list it: kept as its enum's
    // unknown value (issue 29).
    let named: Pet = serde_json::from_value(json!({"petType": "Dog", "bark": "woof"})).unwrap();
    assert!(
        matches!(&named, Pet::Dog(d) if d.pet_type.as_str() == "Dog"),
        "{named:?}"
    );
    let cat: Pet = serde_json::from_value(json!({"petType": "cat", "lives": 9})).unwrap();
    assert!(matches!(cat, Pet::Cat(Cat { lives: Some(9), .. })));
    // Every value a member alone allows selects it.
    let parrot: Pet = serde_json::from_value(json!({"petType": "parrot", "wings": 2})).unwrap();
    assert!(matches!(parrot, Pet::Bird(_)), "{parrot:?}");
    // A value two members allow selects both: the one that knows the object's keys wins.
    let fish: Pet = serde_json::from_value(json!({"petType": "animal", "fins": 4})).unwrap();
    assert!(
        matches!(&fish, Pet::Fish(f) if f.fins == Some(4)),
        "{fish:?}"
    );
    let bird: Pet = serde_json::from_value(json!({"petType": "animal", "wings": 2})).unwrap();
    assert!(matches!(bird, Pet::Bird(_)), "{bird:?}");
    let unknown = serde_json::from_value::<Pet>(json!({"petType": "reptile"})).unwrap();
    assert!(matches!(unknown, Pet::Unknown(_)), "{unknown:?}");
}

/// Without a discriminator, an object is the first member that knows all its keys: a member
/// whose fields are all optional no longer swallows a later member's object (and its data).
#[test]
fn an_untagged_object_is_the_member_that_knows_its_keys() {
    use one_of::types::{Contact, ContactVariant0, ContactVariant1};
    assert_eq!(
        serde_json::from_value::<Contact>(json!({"phone": "+1 555"})).unwrap(),
        Contact::Variant1(ContactVariant1 {
            phone: Some("+1 555".into())
        })
    );
    assert_eq!(
        serde_json::from_value::<Contact>(json!({"email": "a@b.c"})).unwrap(),
        Contact::Variant0(ContactVariant0 {
            email: Some("a@b.c".into())
        })
    );
    // Nothing decodes: the union's unknown member keeps the value.
    let unknown = serde_json::from_value::<Contact>(json!(42)).unwrap();
    assert_eq!(unknown, Contact::Unknown(json!(42)));
}

/// A value holding a codepoint that turns text right-to-left keeps it on the wire; the generated
/// source spells it as an escape (rustc refuses it raw), which is still the same character.
#[test]
fn values_with_direction_codepoints_travel_unchanged() {
    use odd_names::types::OddNamesRecordV2Direction as Direction;
    assert_eq!(Direction::Ltr.as_str(), "\u{202E}ltr");
    assert_eq!(
        serde_json::from_value::<Direction>(json!("\u{202E}ltr")).unwrap(),
        Direction::Ltr
    );
    assert_eq!(
        serde_json::to_value(Direction::Ltr).unwrap(),
        json!("\u{202E}ltr")
    );
}

/// A number comes back as it was written: serde_json reads it as the nearest f64 (its
/// `float_roundtrip` feature, which the runtime turns on), not one a unit in the last place off.
#[test]
fn numbers_come_back_digit_for_digit() {
    let text = "9701828.472316265";
    let value: f64 = serde_json::from_str(text).unwrap();
    assert_eq!(serde_json::to_string(&value).unwrap(), text);
}

/// Integers past `i64::MAX` that the schema allows (unsigned 64-bit by format, or by bounds from
/// 0 beyond it) are `u64`, so they decode and come back unchanged.
#[test]
fn unsigned_64_bit_integers_keep_their_range() {
    let wire = json!({"unsigned": 18446744073709551615_u64, "nanos": 12927265422478148000_u64});
    let record: fixture_clients::formats::types::Record =
        serde_json::from_value(wire.clone()).unwrap();
    assert_eq!(record.unsigned, Some(u64::MAX));
    assert_eq!(serde_json::to_value(&record).unwrap(), wire);
}

/// A binary property of a JSON object is read from the JSON string that carries it.
#[test]
fn binary_properties_are_read_from_json_text() {
    let wire = json!({"attachment": "x\u{e9}y"});
    let record: fixture_clients::formats::types::Record =
        serde_json::from_value(wire.clone()).unwrap();
    assert_eq!(record.attachment.as_deref(), Some("x\u{e9}y".as_bytes()));
    assert_eq!(serde_json::to_value(&record).unwrap(), wire);
    let error = serde_json::from_value::<fixture_clients::formats::types::Record>(
        json!({"attachment": [1, 2]}),
    )
    .unwrap_err();
    assert!(error.to_string().contains("expected a string"), "{error}");
    // A list of them, and a union member of them, are text too.
    let wire = json!({"attachments": ["a", "b\u{e9}"], "content": "raw",
        "named": {"k": "v"}, "gaps": ["g", null], "nested": [["n"], []]});
    let record: fixture_clients::formats::types::Record =
        serde_json::from_value(wire.clone()).unwrap();
    let expected: Vec<Vec<u8>> = vec![b"a".to_vec(), "b\u{e9}".as_bytes().to_vec()];
    assert_eq!(record.attachments, Some(expected));
    assert_eq!(record.gaps, Some(vec![Some(b"g".to_vec()), None]));
    assert_eq!(serde_json::to_value(&record).unwrap(), wire);
    let wire = json!({"count": 1, "a.txt": "hello"});
    let files: fixture_clients::formats::types::Attachments =
        serde_json::from_value(wire.clone()).unwrap();
    assert_eq!(files.additional_properties["a.txt"], b"hello".to_vec());
    assert_eq!(serde_json::to_value(&files).unwrap(), wire);
}

/// Members that differ only by the one value their `type` allows (`enum: [2]` beside an
/// `allOf` of the shared enum) are told apart by it: that `enum` is all the property allows.
#[test]
fn members_are_told_apart_by_the_one_value_their_type_allows() {
    use one_of::types::{Action, FlagActionType};
    let flag: Action = serde_json::from_value(json!({"type": 2})).unwrap();
    assert!(
        matches!(&flag, Action::FlagAction(f) if f.r#type == FlagActionType::Value2),
        "{flag:?}"
    );
    let block: Action = serde_json::from_value(json!({"type": 1, "reason": "spam"})).unwrap();
    assert!(matches!(block, Action::BlockAction(_)), "{block:?}");
    let unknown: Action = serde_json::from_value(json!({"type": 3})).unwrap();
    assert!(matches!(unknown, Action::Unknown(_)), "{unknown:?}");
}

/// A nullable property with a default: absent (where the server assumes the default), `null`
/// and a value are three states, and each goes back out as it came (issue 34: filling the
/// default in sent a key the input lacked).
#[test]
fn a_nullable_property_with_a_default_keeps_absent_null_and_a_value_apart() {
    use fixture_clients::nullable_tri_state::types::PageUpdate;
    let inputs = [
        (json!({"title": "t", "next": null}), None),
        (
            json!({"title": "t", "next": null, "retries": null}),
            Some(None),
        ),
        (
            json!({"title": "t", "next": null, "retries": 5}),
            Some(Some(5)),
        ),
    ];
    for (input, retries) in inputs {
        let update: PageUpdate = serde_json::from_value(input.clone()).unwrap();
        assert_eq!(update.retries, retries, "{input}");
        assert_eq!(serde_json::to_value(&update).unwrap(), input);
    }
}

/// A component that admits null is `Option` wherever it is used: a required property `$ref`ing
/// it (directly or through an `allOf` wrapper, or a union with a nullable member) sends and reads
/// `null`, and array items and map values of it may be `null`.
#[test]
fn nullable_components_are_options_at_every_use() {
    use fixture_clients::nullable_components::types::{NameOrWindow, UpdateConversation, Window};
    let cleared = json!({"metadata": null, "wrapped": null, "label": null, "choice": null,
        "labels": ["a", null], "windows": {"mon": {"day": "mon"}, "tue": null}});
    let update: UpdateConversation = serde_json::from_value(cleared.clone()).unwrap();
    assert_eq!(update.metadata, None);
    assert_eq!(update.wrapped, None);
    assert_eq!(update.choice, None);
    assert_eq!(update.labels, Some(vec![Some("a".to_owned()), None]));
    let windows = update.windows.as_ref().unwrap();
    assert_eq!(windows["mon"], Some(Window { day: "mon".into() }));
    assert_eq!(windows["tue"], None);
    // Required: `None` is written as `null`, never left out.
    assert_eq!(serde_json::to_value(&update).unwrap(), cleared);
    let set = json!({"metadata": {"k": "v"}, "wrapped": {}, "label": "x",
        "choice": {"day": "fri"}});
    let update: UpdateConversation = serde_json::from_value(set.clone()).unwrap();
    assert_eq!(update.metadata.as_ref().unwrap()["k"], "v");
    assert!(matches!(update.choice, Some(NameOrWindow::Window(_))));
    assert_eq!(serde_json::to_value(&update).unwrap(), set);
}

/// An untagged union whose member is itself a union: the inner union knows its members' keys,
/// so an object a later member of the outer union knows is not swallowed by the inner union's
/// all-optional member (Qdrant's `Expression`).
#[test]
fn a_union_inside_a_union_does_not_swallow_a_later_members_object() {
    use fixture_clients::nested_unions::types::{Condition, Expression};
    let sum: Expression = serde_json::from_value(json!({"sum": [1.5, {"exp": 2.0}]})).unwrap();
    let Expression::Sum(inner) = &sum else {
        panic!("{sum:?}")
    };
    assert!(matches!(&inner.sum[1], Expression::Exp(exp) if *exp.exp == Expression::Number(2.0)));
    assert_eq!(
        serde_json::to_value(&sum).unwrap(),
        json!({"sum": [1.5, {"exp": 2.0}]})
    );
    let filter: Expression = serde_json::from_value(json!({"must": ["a"]})).unwrap();
    assert!(
        matches!(filter, Expression::Condition(Condition::Filter(_))),
        "{filter:?}"
    );
    let key: Expression = serde_json::from_value(json!({"key": "k"})).unwrap();
    assert!(
        matches!(key, Expression::Condition(Condition::FieldCondition(_))),
        "{key:?}"
    );
}

/// readOnly/writeOnly on a schema referenced through an `allOf` wrapper hold for the property:
/// a response need not carry the writeOnly one, a request never sends the readOnly one.
#[test]
fn read_and_write_only_hold_through_an_all_of_wrapper() {
    use fixture_clients::object_fields::types::{Screen, ScreenTypes};
    let read: Screen = serde_json::from_value(json!({"name": "s", "stamp": "t"})).unwrap();
    assert_eq!((read.types, read.stamp.as_deref()), (None, Some("t")));
    // `default: ""` breaks `format: uri`: absent stays absent, not "".
    assert_eq!(read.homepage, None);
    // `default: "1024"` on an integer is no default: null, absent and a value stay apart.
    let null: Screen = serde_json::from_value(json!({"name": "s", "maxTokens": null})).unwrap();
    assert_eq!((read.max_tokens, null.max_tokens), (None, Some(None)));
    assert_eq!(
        serde_json::to_value(&null).unwrap(),
        json!({"name": "s", "maxTokens": null})
    );
    // A nullable zero default is the server's: absent stays absent, null stays null (and is
    // written as null).
    assert_eq!((read.archived, null.archived), (None, None));
    let cleared: Screen = serde_json::from_value(json!({"name": "s", "archived": null})).unwrap();
    assert_eq!(cleared.archived, Some(None));
    assert_eq!(
        serde_json::to_value(&cleared).unwrap()["archived"],
        json!(null)
    );
    // A default the type cannot hold is ignored: absent and null stay apart.
    let kind: Screen = serde_json::from_value(json!({"name": "s", "kind": null})).unwrap();
    assert_eq!((read.kind, kind.kind), (None, Some(None)));
    // A default below its own `minimum` is not filled in.
    assert_eq!(read.retries, None);
    let sent = serde_json::to_value(Screen {
        name: "s".into(),
        types: Some(ScreenTypes { edit: Some(1) }),
        stamp: Some("t".into()),
        homepage: None,
        max_tokens: Some(Some(5)),
        archived: Some(Some(true)),
        kind: None,
        retries: None,
    })
    .unwrap();
    assert_eq!(
        sent,
        json!({"name": "s", "types": {"edit": 1}, "maxTokens": 5, "archived": true})
    );
}

/// Collections of every shape (arrays of arrays, maps of refs, maps of maps of nullable refs)
/// decode and encode back to the same JSON; an absent collection is `None` and stays absent.
#[test]
fn arrays_and_maps_of_every_shape_round_trip() {
    use fixture_clients::arrays_and_maps::types::{Collections, Item};
    let input = json!({
        "tags": ["a", "b"],
        "matrix": [[1, 2], []],
        "byName": {"x": {"name": "x"}},
        "overrides": {"mode": {"set": {"name": "y"}, "unset": null}},
    });
    let collections: Collections = serde_json::from_value(input.clone()).unwrap();
    let overrides = collections.overrides.as_ref().unwrap();
    let item = Item {
        name: Some("y".to_owned()),
    };
    assert_eq!(overrides["mode"]["set"], Some(item));
    assert_eq!(overrides["mode"]["unset"], None);
    assert_eq!(collections.matrix, Some(vec![vec![1, 2], vec![]]));
    assert_eq!(collections.counts, None);
    assert_eq!(serde_json::to_value(&collections).unwrap(), input);
}
