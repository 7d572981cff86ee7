//! `types::shared` (and `convert`'s deduplication): an inline schema written out identically in
//! several places is one type.

use super::{components, def, field_ty, names, types};

#[test]
fn identical_inline_schemas_are_one_type_named_by_the_words_their_places_share() {
    let table = types(&components(
        "
    Order:
      type: object
      properties:
        status: {type: string, enum: [open, closed]}
        lines: {type: array, items: {type: object, properties: {sku: {type: string}}}}
    Invoice:
      type: object
      properties:
        status: {type: string, enum: [open, closed]}
        lines: {type: array, items: {type: object, properties: {sku: {type: string}}}}
        state: {type: string, enum: [open, closed, void]}
",
    ));
    // `OrderStatus` and `InvoiceStatus` agree on `Status`; `...LinesItem` on `LinesItem`.
    assert_eq!(field_ty(&table, "Order", "status"), "Status");
    assert_eq!(field_ty(&table, "Invoice", "status"), "Status");
    assert_eq!(field_ty(&table, "Invoice", "lines"), "Vec<LinesItem>");
    // A schema that differs is a type of its own.
    assert_eq!(field_ty(&table, "Invoice", "state"), "InvoiceState");
    assert_eq!(
        names(&table),
        ["Status", "LinesItem", "Order", "InvoiceState", "Invoice"]
    );
    // The type's doc says where it stands, and that it stands elsewhere too.
    assert_eq!(
        def(&table, "Status").doc[0],
        " The schema at `#/components/schemas/Order/properties/status` (written out the same in 1 other place)."
    );
}

#[test]
fn a_shared_type_whose_places_share_only_a_generic_word_or_a_taken_name_keeps_its_first_name() {
    let table = types(&components(
        "
    Cat:
      type: object
      properties:
        item: {type: object, properties: {x: {type: string}}}
        mode: {type: string, enum: [on, off]}
    Dog:
      type: object
      properties:
        item: {type: object, properties: {x: {type: string}}}
        mode: {type: string, enum: [on, off]}
    Mode: {type: string}
",
    ));
    // `Item` says nothing of its own; `Mode` is a component's name.
    assert_eq!(field_ty(&table, "Dog", "item"), "CatItem");
    assert_eq!(field_ty(&table, "Dog", "mode"), "CatMode");
    assert!(!names(&table).contains(&"DogItem"));
}
