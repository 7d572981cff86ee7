//! How generated types behave with serde: the JSON they accept and produce.

use fixture_clients::{all_of, enums, object_fields, one_of, recursive, recursive_aliases};
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

    let unknown = serde_json::from_value::<Shape>(json!({"kind": "hexagon"}))
        .unwrap_err()
        .to_string();
    assert!(
        unknown.contains("unknown variant `hexagon`") && unknown.contains("circle"),
        "{unknown}"
    );
    let missing = serde_json::from_value::<Shape>(json!({"side": 2.0}))
        .unwrap_err()
        .to_string();
    assert!(missing.contains("missing field `kind`"), "{missing}");
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
fn optional_nullable_and_default_fields() {
    use object_fields::types::Widget;
    let widget: Widget = serde_json::from_value(json!({"name": "w", "note": null})).unwrap();
    assert_eq!(widget.name, "w");
    assert_eq!(widget.note, None);
    assert_eq!(widget.color, None);
    assert_eq!(widget.label, "", "empty-string default");
    assert_eq!(widget.count, 3, "spec default applied when absent");
    assert!(widget.active);
    assert_eq!(
        widget.id, None,
        "readOnly: not required of a request, may be absent"
    );
    // Unset optional fields are left out; a required nullable one is sent as null; defaults are sent.
    let sent = serde_json::to_value(Widget {
        name: "w".into(),
        ..Default::default()
    })
    .unwrap();
    assert_eq!(
        sent,
        json!({"name": "w", "note": null, "label": "", "count": 3, "active": true, "ratio": 0.5})
    );
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
    assert_eq!(SortOrder::FooBar2.to_string(), "fooBar");
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
