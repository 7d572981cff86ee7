//! Which serde traits each type needs: `Serialize` for what the client sends, `Deserialize` for
//! what it receives. serde's derives are most of the code rustc checks in a generated module, and
//! most types of a typical spec only travel one way, so deriving only the needed half saves a
//! large share of every user's build (GitHub's spec: about a third of its check time).

use super::{SerdeUse, Ty, TypeId, TypeTable};
use std::collections::BTreeMap;

/// The types an operation touches, by how they travel.
#[derive(Debug, Default)]
pub struct Roots<'a> {
    /// Serialised into requests: bodies, parameters sent as JSON text.
    pub sent: Vec<&'a Ty>,
    /// Deserialised from responses.
    pub received: Vec<&'a Ty>,
    /// Used in any other way (parameters written as text): reachable, but serde is not needed.
    pub other: Vec<&'a Ty>,
}

/// Sets [`super::TypeDef::serde`] of every type from what reaches it. Component schemas that no
/// operation reaches derive both traits (with what they contain): they are there for the user to
/// use, for example as webhook payloads.
pub fn mark(table: &mut TypeTable, roots: &Roots<'_>) {
    let mut uses: BTreeMap<TypeId, SerdeUse> = BTreeMap::new();
    let send = SerdeUse {
        serialize: true,
        deserialize: false,
    };
    let receive = SerdeUse {
        serialize: false,
        deserialize: true,
    };
    for (tys, need) in [
        (&roots.sent, send),
        (&roots.received, receive),
        (&roots.other, SerdeUse::NONE),
    ] {
        for ty in tys {
            spread(ty, need, table, &mut uses);
        }
    }
    let unreached: Vec<TypeId> = table
        .iter()
        .filter(|(id, def)| !uses.contains_key(id) && def.pointer.starts_with("#/components/"))
        .map(|(id, _)| id)
        .collect();
    for id in unreached {
        spread(&Ty::Named(id), SerdeUse::BOTH, table, &mut uses);
    }
    for id in table.ids() {
        table.get_mut(id).serde = uses.get(&id).copied().unwrap_or(SerdeUse::NONE);
    }
}

/// Leaves out of the module every type that `roots` do not reach (for a selection of the
/// operations: component schemas only unselected operations use go too).
pub fn keep_reached(table: &mut TypeTable, roots: &Roots<'_>) {
    let tys: Vec<&Ty> = (roots.sent.iter().chain(&roots.received).chain(&roots.other))
        .copied()
        .collect();
    let reached = reached(table, &tys);
    table.retain(|id| reached.contains(&id));
}

/// The named types `tys` mention, and those they mention, to the end.
pub fn reached(table: &TypeTable, tys: &[&Ty]) -> std::collections::BTreeSet<TypeId> {
    let mut reached = BTreeMap::new();
    for ty in tys {
        spread(ty, SerdeUse::NONE, table, &mut reached);
    }
    reached.into_keys().collect()
}

/// Optional nullable fields tell absent from `null` (`Option<Option<T>>`, [`super::Field`]'s
/// `tri_state`) only in types the client sends as JSON (`json_sent`: request bodies), where the
/// difference is what a PATCH means. In a type it only receives, both read as `None`, and a form
/// or multipart body cannot say `null`: one `Option` less to unwrap. With `everywhere` (every
/// type derives both serde traits, to be stored or reused) all candidates keep three states.
pub fn settle_tri_state(table: &mut TypeTable, json_sent: &[&Ty], everywhere: bool) {
    if everywhere {
        return;
    }
    let mut reached = BTreeMap::new();
    for ty in json_sent {
        spread(ty, SerdeUse::BOTH, table, &mut reached);
    }
    for id in table.ids() {
        if reached.contains_key(&id) {
            continue;
        }
        let def = table.get_mut(id);
        if let super::TypeKind::Struct(fields) = &mut def.kind {
            for field in fields.iter_mut() {
                field.tri_state = false;
            }
        }
    }
}

/// Adds `need` to every type `ty` names, and to what those contain; `uses` holds the types
/// reached so far with what they need.
fn spread(ty: &Ty, need: SerdeUse, table: &TypeTable, uses: &mut BTreeMap<TypeId, SerdeUse>) {
    let mut stack = Vec::new();
    ty.named_in(&mut stack);
    while let Some(id) = stack.pop() {
        let before = uses.get(&id).copied();
        let after = before.unwrap_or(SerdeUse::NONE).union(need);
        if before == Some(after) {
            continue; // already spread with at least this need
        }
        uses.insert(id, after);
        stack.extend(table.get(id).kind.mentioned());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::{Field, TypeDef, TypeKind};

    fn def(name: &str, pointer: &str, kind: TypeKind) -> TypeDef {
        TypeDef {
            pointer: pointer.to_owned(),
            ..TypeDef::for_test(name, kind)
        }
    }

    fn field(ty: Ty) -> Field {
        Field::for_test("f", ty)
    }

    /// The type at `position` of the table.
    fn named(position: usize) -> Ty {
        Ty::Named(TypeTable::test_id(position))
    }

    fn enum_kind() -> TypeKind {
        TypeKind::Enum {
            variants: Vec::new(),
            default: None,
            repr: crate::types::EnumRepr::String,
            unknown: None,
        }
    }

    #[test]
    fn each_type_gets_the_directions_that_reach_it() {
        let mut defs = TypeTable::for_test(vec![
            def("Request", "#/a", TypeKind::Struct(vec![field(named(2))])),
            def(
                "Response",
                "#/b",
                TypeKind::Struct(vec![field(Ty::Vec(Box::new(named(2))))]),
            ),
            def("Shared", "#/components/schemas/Shared", enum_kind()),
            def("ParamEnum", "#/components/schemas/ParamEnum", enum_kind()),
            def(
                "Unused",
                "#/components/schemas/Unused",
                TypeKind::Alias(named(5)),
            ),
            def("Inner", "#/c", enum_kind()),
            def("Orphan", "#/d", enum_kind()),
        ]);
        let (request, response, param) = (named(0), named(1), named(3));
        let roots = Roots {
            sent: vec![&request],
            received: vec![&response],
            other: vec![&param],
        };
        mark(&mut defs, &roots);
        let got: Vec<(&str, bool, bool)> = defs
            .iter()
            .map(|(_, d)| (d.name.as_str(), d.serde.serialize, d.serde.deserialize))
            .collect();
        assert_eq!(
            got,
            [
                ("Request", true, false),
                ("Response", false, true),
                ("Shared", true, true),
                ("ParamEnum", false, false),
                ("Unused", true, true),
                ("Inner", true, true),
                ("Orphan", false, false),
            ]
        );
    }

    #[test]
    fn recursive_types_end() {
        let mut defs = TypeTable::for_test(vec![def(
            "Tree",
            "#/a",
            TypeKind::Struct(vec![field(Ty::Vec(Box::new(named(0))))]),
        )]);
        let tree = named(0);
        let roots = Roots {
            received: vec![&tree],
            ..Roots::default()
        };
        mark(&mut defs, &roots);
        assert_eq!(
            defs.get(TypeTable::test_id(0)).serde,
            SerdeUse {
                serialize: false,
                deserialize: true
            }
        );
    }
}
