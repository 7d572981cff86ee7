//! `types::usage`: which serde traits each type needs, from how the operations use it, and
//! which optional nullable fields keep three states.

use super::{def, field, types};
use crate::types::SerdeUse;

const SPEC: &str = "
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /pets:
    post:
      operationId: createPet
      parameters:
        - {name: sort, in: query, schema: {type: string, enum: [asc, desc]}}
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                name: {type: string}
                owner: {$ref: '#/components/schemas/Owner'}
                nick: {type: string, nullable: true}
      responses:
        '200':
          description: the pet
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Pet'}
  /owners:
    get:
      operationId: listOwners
      responses:
        '200':
          description: the owners
          content:
            application/json:
              schema: {type: array, items: {$ref: '#/components/schemas/Owner'}}
components:
  schemas:
    Pet:
      type: object
      properties:
        nick: {type: string, nullable: true}
        color: {$ref: '#/components/schemas/Color'}
    Owner:
      type: object
      properties:
        name: {type: string}
        nick: {type: string, nullable: true}
    Color: {type: string, enum: [red, blue]}
    Webhook: {type: object, properties: {tag: {$ref: '#/components/schemas/Tag'}}}
    Tag: {type: string}
";

const SENT: SerdeUse = SerdeUse {
    serialize: true,
    deserialize: false,
};
const RECEIVED: SerdeUse = SerdeUse {
    serialize: false,
    deserialize: true,
};

#[test]
fn a_request_body_serializes_a_response_deserializes_and_a_type_used_both_ways_does_both() {
    let table = types(SPEC);
    assert_eq!(def(&table, "CreatePetBody").serde, SENT);
    assert_eq!(def(&table, "Pet").serde, RECEIVED);
    // What a received type holds is received too.
    assert_eq!(def(&table, "Color").serde, RECEIVED);
    // `Owner` is sent inside the body and received in the list.
    assert_eq!(def(&table, "Owner").serde, SerdeUse::BOTH);
}

#[test]
fn a_parameter_written_as_text_needs_no_serde_and_a_component_no_operation_uses_gets_both() {
    // Query parameters are written as text (§4.7.12, `style: form`), not through serde. A
    // component no operation reaches is there for the user (a webhook payload, say): it gets
    // both traits, and so does what it holds.
    let table = types(SPEC);
    assert_eq!(def(&table, "CreatePetSort").serde, SerdeUse::NONE);
    assert_eq!(def(&table, "Webhook").serde, SerdeUse::BOTH);
    assert_eq!(def(&table, "Tag").serde, SerdeUse::BOTH);
}

#[test]
fn only_types_sent_as_json_tell_an_absent_optional_nullable_field_from_a_null_one() {
    // In a JSON request (a PATCH), absent and `null` say different things; a received value
    // reads both as "no value", so one `Option` is enough there.
    let table = types(SPEC);
    assert!(field(&table, "CreatePetBody", "nick").tri_state);
    assert!(field(&table, "Owner", "nick").tri_state);
    assert!(!field(&table, "Pet", "nick").tri_state);
    assert!(field(&table, "Pet", "nick").nullable);
}
