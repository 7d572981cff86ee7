//! Inline schemas written out identically in several places (Google Compute repeats the same
//! parameter enums in every operation) are one type; this names it by the words its places'
//! suggested names agree on.

use super::convert::TypeSpace;
use super::TypeId;

/// Words too vague to name a shared inline type on their own.
const GENERIC_SUFFIXES: &[&str] = &[
    "Body", "Error", "Item", "Params", "Request", "Response", "Value",
];

impl TypeSpace<'_> {
    /// Gives each shared inline type the name its places agree on: the words their suggested
    /// names end with (`Alt` for `ComputeInstancesListAlt`, `ComputeDisksGetAlt`, ...), when that
    /// is free and says more than a generic word (`Response`, `Item`, ...). The types are taken
    /// in the order of their first names, and every reference to them follows (they are by id).
    pub(super) fn name_shared_types(&mut self) {
        let mut shared: Vec<(TypeId, Vec<String>)> =
            std::mem::take(&mut self.shared).into_iter().collect();
        shared.sort_by(|(a, _), (b, _)| self.table.name(*a).cmp(self.table.name(*b)));
        for (id, hints) in shared {
            let def = self.table.get_mut(id);
            let name = def.name.clone();
            // An undocumented schema is documented by where it stands: say it stands elsewhere too.
            if def.doc.is_empty() {
                let others = hints.len() - 1;
                let places = if others == 1 { "place" } else { "places" };
                def.doc.push(format!(
                    " The schema at `{}` (written out the same in {others} other {places}).",
                    self.origin.file_pointer(&def.pointer)
                ));
            }
            let suffix = common_word_suffix(&hints);
            if suffix.is_empty()
                || suffix == name
                || GENERIC_SUFFIXES.contains(&suffix.as_str())
                || self.scope.contains(&suffix)
                || suffix.starts_with(|c: char| c.is_ascii_digit())
            {
                continue;
            }
            let suffix = self.scope.unique(suffix);
            self.scope.release(&name);
            self.table.get_mut(id).name = suffix;
        }
    }
}

/// The UpperCamelCase words every name ends with, joined.
fn common_word_suffix(names: &[String]) -> String {
    let split = |name: &str| -> Vec<String> {
        let mut words: Vec<String> = Vec::new();
        for c in name.chars() {
            match words.last_mut() {
                Some(word) if !c.is_ascii_uppercase() => word.push(c),
                _ => words.push(c.to_string()),
            }
        }
        words
    };
    let mut names = names.iter().map(|name| split(name));
    let Some(mut common) = names.next() else {
        return String::new();
    };
    for words in names {
        let shared = common
            .iter()
            .rev()
            .zip(words.iter().rev())
            .take_while(|(a, b)| a == b)
            .count();
        common.drain(..common.len() - shared);
    }
    common.concat()
}
