//! Which serde traits each type needs: `Serialize` for what the client sends, `Deserialize` for
//! what it receives. serde's derives are most of the code rustc checks in a generated module, and
//! most types of a typical spec only travel one way, so deriving only the needed half saves a
//! large share of every user's build (GitHub's spec: about a third of its check time).

use super::{SerdeUse, Ty, TypeDef, TypeKind};
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

/// Sets [`TypeDef::serde`] of every type from what reaches it. Component schemas that no operation
/// reaches derive both traits (with what they contain): they are there for the user to use, for
/// example as webhook payloads.
pub fn mark(defs: &mut [TypeDef], roots: &Roots<'_>) {
    let index: BTreeMap<String, usize> = defs
        .iter()
        .enumerate()
        .map(|(position, def)| (def.name.clone(), position))
        .collect();
    let mut uses = vec![SerdeUse::NONE; defs.len()];
    let mut reached = vec![false; defs.len()];
    let both = SerdeUse::BOTH;
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
            spread(ty, need, defs, &index, &mut uses, &mut reached);
        }
    }
    let unreached: Vec<usize> = (0..defs.len())
        .filter(|&position| {
            !reached[position] && defs[position].pointer.starts_with("#/components/")
        })
        .collect();
    for position in unreached {
        let ty = Ty::Named(defs[position].name.clone());
        spread(&ty, both, defs, &index, &mut uses, &mut reached);
    }
    for (def, serde) in defs.iter_mut().zip(uses) {
        def.serde = serde;
    }
}

/// Adds `need` to every type `ty` names, and to what those contain.
fn spread(
    ty: &Ty,
    need: SerdeUse,
    defs: &[TypeDef],
    index: &BTreeMap<String, usize>,
    uses: &mut [SerdeUse],
    reached: &mut [bool],
) {
    let mut stack = Vec::new();
    named_in(ty, &mut stack);
    while let Some(name) = stack.pop() {
        let Some(&position) = index.get(name) else {
            continue;
        };
        let before = (reached[position], uses[position]);
        reached[position] = true;
        uses[position] = uses[position].union(need);
        if before == (true, uses[position]) {
            continue; // already spread with at least this need
        }
        match &defs[position].kind {
            TypeKind::Struct(fields) => {
                for field in fields {
                    named_in(&field.ty, &mut stack);
                }
            }
            TypeKind::Union { variants, .. } => {
                for variant in variants {
                    named_in(&variant.ty, &mut stack);
                }
            }
            TypeKind::Alias(inner) | TypeKind::Newtype(inner) => named_in(inner, &mut stack),
            TypeKind::Enum { .. } => {}
        }
    }
}

fn named_in<'t>(ty: &'t Ty, out: &mut Vec<&'t str>) {
    match ty {
        Ty::Named(name) => out.push(name),
        Ty::Vec(inner) | Ty::Map(inner) => named_in(inner, out),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::Field;

    fn def(name: &str, pointer: &str, kind: TypeKind) -> TypeDef {
        TypeDef {
            pointer: pointer.to_owned(),
            ..TypeDef::for_test(name, kind)
        }
    }

    fn field(ty: Ty) -> Field {
        Field::for_test("f", ty)
    }

    fn named(name: &str) -> Ty {
        Ty::Named(name.to_owned())
    }

    fn enum_kind() -> TypeKind {
        TypeKind::Enum {
            variants: Vec::new(),
            default: None,
        }
    }

    #[test]
    fn each_type_gets_the_directions_that_reach_it() {
        let mut defs = vec![
            def(
                "Request",
                "#/a",
                TypeKind::Struct(vec![field(named("Shared"))]),
            ),
            def(
                "Response",
                "#/b",
                TypeKind::Struct(vec![field(Ty::Vec(Box::new(named("Shared"))))]),
            ),
            def("Shared", "#/components/schemas/Shared", enum_kind()),
            def("ParamEnum", "#/components/schemas/ParamEnum", enum_kind()),
            def(
                "Unused",
                "#/components/schemas/Unused",
                TypeKind::Alias(named("Inner")),
            ),
            def("Inner", "#/c", enum_kind()),
            def("Orphan", "#/d", enum_kind()),
        ];
        let (request, response, param) = (named("Request"), named("Response"), named("ParamEnum"));
        let roots = Roots {
            sent: vec![&request],
            received: vec![&response],
            other: vec![&param],
        };
        mark(&mut defs, &roots);
        let got: Vec<(&str, bool, bool)> = defs
            .iter()
            .map(|d| (d.name.as_str(), d.serde.serialize, d.serde.deserialize))
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
        let mut defs = vec![def(
            "Tree",
            "#/a",
            TypeKind::Struct(vec![field(Ty::Vec(Box::new(named("Tree"))))]),
        )];
        let tree = named("Tree");
        let roots = Roots {
            received: vec![&tree],
            ..Roots::default()
        };
        mark(&mut defs, &roots);
        assert_eq!(
            defs[0].serde,
            SerdeUse {
                serialize: false,
                deserialize: true
            }
        );
    }
}
