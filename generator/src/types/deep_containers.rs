//! Types nesting three containers or more (Qdrant's map of maps of maps) get a name for what
//! their outer container holds: clippy's `type_complexity` would otherwise fire in every user's
//! build.

use super::convert::{placeholder, TypeSpace};
use super::{Ty, TypeDef, TypeKind};
use crate::naming::type_name;

impl TypeSpace<'_> {
    /// Fields and union members whose type nests three containers or more (Qdrant's map of maps of
    /// maps) trip clippy's `type_complexity` in every user's build: what the outer container holds
    /// gets a name, `{Owner}{Field}Value`, a type alias defined at the end of the module.
    pub(super) fn name_deep_containers(&mut self) {
        for id in self.table.ids() {
            let owner = self.table.name(id).to_owned();
            let deep: Vec<(usize, String)> = match &self.table.get(id).kind {
                TypeKind::Struct(fields) => fields
                    .iter()
                    .enumerate()
                    .filter(|(_, field)| container_depth(&field.ty) >= 3)
                    .map(|(index, field)| {
                        (index, format!("{owner}{}Value", type_name(&field.wire)))
                    })
                    .collect(),
                TypeKind::Union { variants, .. } => variants
                    .iter()
                    .enumerate()
                    .filter(|(_, variant)| container_depth(&variant.ty) >= 3)
                    .map(|(index, variant)| (index, format!("{owner}{}Value", variant.name)))
                    .collect(),
                _ => Vec::new(),
            };
            for (index, hint) in deep {
                let name = self.unique_name(&hint);
                let pointer = self.table.get(id).pointer.clone();
                let alias = self.table.reserve(placeholder(name.clone(), &pointer));
                let ty = match &mut self.table.get_mut(id).kind {
                    TypeKind::Struct(fields) => &mut fields[index].ty,
                    TypeKind::Union { variants, .. } => &mut variants[index].ty,
                    _ => continue,
                };
                let (Ty::Vec(inner) | Ty::Map(inner)) = ty else {
                    continue;
                };
                let held = std::mem::replace(&mut **inner, Ty::Named(alias));
                let doc = vec![format!(
                    " What [`{owner}`] holds, named to keep its type readable."
                )];
                let def = TypeDef {
                    doc,
                    kind: TypeKind::Alias(held),
                    ..placeholder(name, &pointer)
                };
                self.table.define(alias, def);
            }
        }
    }
}

/// How many `Vec`s and maps nest in `ty`.
fn container_depth(ty: &Ty) -> usize {
    match ty {
        Ty::Vec(inner) | Ty::Map(inner) => 1 + container_depth(inner),
        Ty::Option(inner) => container_depth(inner),
        _ => 0,
    }
}
