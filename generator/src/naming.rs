//! Rust names for what a spec calls things: keyword-safe, ASCII, and unique within their scope.
//!
//! Rules, in order:
//! 1. heck converts the case (`UpperCamelCase` for types and variants, `snake_case` for the rest);
//!    characters that cannot be in an identifier become word breaks.
//! 2. Letters outside ASCII are spelled as their code point (`é` → `u00e9`) so that names stay
//!    ASCII and free of confusable-character lints.
//! 3. A name that starts with a digit gets a prefix: `_` for snake case, `N` for camel case.
//! 4. Keywords take the raw form (`r#type`); those that cannot be raw (`self`, `Self`, `super`,
//!    `crate`) get a trailing underscore.
//! 5. [`Scope::unique`] appends `2`, `3`, ... to a name already taken, in the order names are
//!    registered, which follows the spec's own order: the result is deterministic.

use heck::{ToSnakeCase, ToUpperCamelCase};
use std::collections::BTreeSet;

const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// `word` is a Rust keyword, strict or reserved.
pub fn is_keyword(word: &str) -> bool {
    KEYWORDS.contains(&word)
}

/// Keywords that `r#` cannot escape.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate"];

/// Spells out every character that cannot stand in an ASCII identifier, as a word of its own.
fn ascii_words(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for ch in raw.chars() {
        if ch.is_ascii_alphanumeric() {
            out.push(ch);
        } else if ch.is_alphanumeric() {
            out.push_str(&format!(" u{:04x} ", ch as u32));
        } else {
            out.push(' ');
        }
    }
    out
}

/// Variant names for the values of a string enum, in order (not yet made unique). A value is
/// named by its words (`not in` → `NotIn`); a value with none (`>=`), or whose words another value
/// shares (`asc`, `-asc`), is named with its symbols spelled out (`GreaterEquals`, `MinusAsc`),
/// so that names say what they stand for instead of where they stand. `""` is `Empty`.
pub fn variant_names(values: &[&str]) -> Vec<String> {
    let words = |value: &str| ascii_words(value).to_upper_camel_case();
    let plain: Vec<String> = values.iter().map(|value| words(value)).collect();
    values
        .iter()
        .zip(&plain)
        .map(|(value, name)| {
            let shared = plain.iter().filter(|other| *other == name).count() > 1;
            if value.is_empty() {
                "Empty".to_owned()
            } else if name.is_empty() || shared {
                type_name(&spelled(value))
            } else {
                type_name(value)
            }
        })
        .collect()
}

/// `value` with each symbol replaced by its name as a word (`!=` → ` Not Equals `).
fn spelled(value: &str) -> String {
    let mut out = String::with_capacity(value.len() * 4);
    for ch in value.chars() {
        let word = match ch {
            '=' => "Equals",
            '!' => "Not",
            '<' => "Less",
            '>' => "Greater",
            '~' => "Tilde",
            '+' => "Plus",
            '-' => "Minus",
            '*' => "Star",
            '/' => "Slash",
            '\\' => "Backslash",
            '%' => "Percent",
            '&' => "And",
            '|' => "Or",
            '^' => "Caret",
            '?' => "Question",
            '@' => "At",
            '#' => "Hash",
            '$' => "Dollar",
            '.' => "Dot",
            ',' => "Comma",
            ':' => "Colon",
            ';' => "Semicolon",
            '(' | '[' | '{' => "Open",
            ')' | ']' | '}' => "Close",
            '_' => "Underscore",
            ' ' => "Space",
            _ => {
                out.push(ch);
                continue;
            }
        };
        out.push(' ');
        out.push_str(word);
        out.push(' ');
    }
    out
}

/// `UpperCamelCase` name for a type or variant, or a part of one (`Self` + `Params`). It is not
/// escaped: [`Scope::unique`] gives a final name that is a keyword (`Self`) a trailing `_`.
pub fn type_name(raw: &str) -> String {
    let name = ascii_words(raw).to_upper_camel_case();
    let name = if name.is_empty() {
        "Unnamed".to_owned()
    } else {
        name
    };
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("N{name}")
    } else {
        name
    }
}

/// A `snake_case` identifier made by this module (fields, methods, parameters, modules), in its
/// two forms: bare (`type`), as docs, labels and file names write it, and as code writes it
/// (`r#type`, [`Name::ident`], and `Display`). Only this module makes one, so a keyword is always
/// escaped and nothing else needs to strip `r#`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Name {
    bare: String,
    raw: bool,
}

impl Name {
    /// A name from text that is already a valid identifier apart from being a keyword.
    fn escaped(text: String) -> Name {
        if NOT_RAW.contains(&text.as_str()) {
            Name {
                bare: format!("{text}_"),
                raw: false,
            }
        } else {
            let raw = KEYWORDS.contains(&text.as_str());
            Name { bare: text, raw }
        }
    }

    /// The identifier without `r#`.
    pub fn bare(&self) -> &str {
        &self.bare
    }

    /// The identifier token (raw for a keyword).
    pub fn ident(&self) -> proc_macro2::Ident {
        let span = proc_macro2::Span::call_site();
        match self.raw {
            true => proc_macro2::Ident::new_raw(&self.bare, span),
            false => proc_macro2::Ident::new(&self.bare, span),
        }
    }

    /// `prefix` + this name + `suffix` (`with_` + `key` → `with_key`), escaped again.
    pub fn joined(prefix: &str, name: &Name, suffix: &str) -> Name {
        Name::escaped(format!("{prefix}{}{suffix}", name.bare))
    }
}

impl std::fmt::Display for Name {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.raw {
            f.write_str("r#")?;
        }
        f.write_str(&self.bare)
    }
}

/// `snake_case` name for a field, method, parameter or module.
pub fn snake_name(raw: &str) -> Name {
    let mut name = ascii_words(raw).to_snake_case();
    // No letters (GitHub's `+1` and `-1`): the symbols spelled out say what it is (`plus_1`).
    if !name.chars().any(|c| c.is_ascii_alphabetic()) {
        name = ascii_words(&spelled(raw)).to_snake_case();
    }
    let name = if name.is_empty() {
        "value".to_owned()
    } else {
        name
    };
    // A leading digit takes `_` (`_1st`); a name of digits alone takes `n` (`n1`), as clippy
    // wants a name of only underscores and digits to say more (`just_underscores_and_digits`).
    let name = if name.chars().all(|c| c.is_ascii_digit() || c == '_') {
        format!("n{name}")
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{name}")
    } else {
        name
    };
    Name::escaped(name)
}

/// The identifier token of an `UpperCamelCase` name made by this module ([`type_name`]), which is
/// never a keyword.
pub fn ident(name: &str) -> proc_macro2::Ident {
    proc_macro2::Ident::new(name, proc_macro2::Span::call_site())
}

/// Names of the prelude that generated code writes bare. No generated type takes one (a schema
/// named `Result` becomes `Result2`), so they always mean the prelude's.
pub const PRELUDE_NAMES: &[&str] = &[
    "Box", "Default", "Err", "Into", "None", "Ok", "Option", "Result", "Some", "String",
    "ToString", "Vec",
];

/// The names already used in one Rust namespace (a module's types, a struct's fields, ...).
#[derive(Debug, Default, Clone)]
pub struct Scope {
    taken: BTreeSet<String>,
}

impl Scope {
    /// A scope where `reserved` names are already taken.
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Scope {
            taken: reserved.iter().map(|name| name.to_string()).collect(),
        }
    }

    /// `name` if free, else `name2`, `name3`, ...; the result is taken from now on.
    pub fn unique(&mut self, name: String) -> String {
        self.unique_name(Name::escaped(name)).bare
    }

    /// The same for a snake-case [`Name`].
    pub fn unique_name(&mut self, name: Name) -> Name {
        let candidate = if self.taken.contains(&name.bare) {
            let base = name.bare.trim_end_matches('_');
            let separator = if base.ends_with(|c: char| c.is_ascii_digit()) {
                "_"
            } else {
                ""
            };
            let free = (2..)
                .map(|n| format!("{base}{separator}{n}"))
                .find(|candidate| !self.taken.contains(candidate));
            free.map_or(name, Name::escaped)
        } else {
            name
        };
        self.taken.insert(candidate.bare.clone());
        candidate
    }

    /// Takes `names` too.
    pub fn reserve(&mut self, names: &[&str]) {
        self.taken.extend(names.iter().map(|name| name.to_string()));
    }

    /// True when `name` (bare) is taken.
    pub fn contains(&self, name: &str) -> bool {
        self.taken.contains(name)
    }

    /// Frees a name taken by [`Self::unique`] that ended up unused.
    pub fn release(&mut self, name: &str) {
        self.taken.remove(name);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enum_values_without_words_are_named_by_their_symbols() {
        let values = ["=", "!=", ">=", "not in", "asc", "-asc", "", "a.b", "a_b"];
        assert_eq!(
            variant_names(&values),
            [
                "Equals",
                "NotEquals",
                "GreaterEquals",
                "NotIn",
                "Asc",
                "MinusAsc",
                "Empty",
                "ADotB",
                "AUnderscoreB"
            ]
        );
    }

    #[test]
    fn type_names_are_camel_case_and_safe() {
        assert_eq!(
            type_name("Body_login_for_access_token"),
            "BodyLoginForAccessToken"
        );
        assert_eq!(type_name("HTTPValidationError"), "HttpValidationError");
        assert_eq!(type_name("1st"), "N1st");
        assert_eq!(
            type_name("self"),
            "Self",
            "a part of names; Scope::unique escapes"
        );
        assert_eq!(type_name(""), "Unnamed");
        assert_eq!(type_name("x-y"), "XY");
        assert_eq!(type_name("café"), "CafU00e9");
    }

    #[test]
    fn snake_names_escape_keywords_and_odd_characters() {
        assert_eq!(snake_name("type").to_string(), "r#type");
        assert_eq!(snake_name("self").to_string(), "self_");
        assert_eq!(snake_name("@id").to_string(), "id");
        assert_eq!(snake_name("1st").to_string(), "_1st");
        assert_eq!(snake_name(".expires").to_string(), "expires");
        assert_eq!(
            snake_name("canopysimulations:client_id:").to_string(),
            "canopysimulations_client_id"
        );
        assert_eq!(snake_name("x-y").to_string(), "x_y");
        assert_eq!(snake_name("getOAuthToken").to_string(), "get_o_auth_token");
        // No letters: symbols spelled out, digits alone prefixed.
        assert_eq!(snake_name("+1").to_string(), "plus_1");
        assert_eq!(snake_name("-1").to_string(), "minus_1");
        assert_eq!(snake_name("_").to_string(), "underscore");
        assert_eq!(snake_name("1").to_string(), "n1");
        assert_eq!(snake_name("").to_string(), "value");
    }

    #[test]
    fn scope_disambiguates_in_registration_order() {
        let mut scope = Scope::with_reserved(&["Client"]);
        assert_eq!(scope.unique("Client".into()), "Client2");
        assert_eq!(scope.unique("Pet".into()), "Pet");
        assert_eq!(scope.unique("Pet".into()), "Pet2");
        assert_eq!(scope.unique("Pet".into()), "Pet3");
        assert_eq!(scope.unique("V1".into()), "V1");
        assert_eq!(scope.unique("V1".into()), "V1_2");
        let mut fields = Scope::default();
        let field = fields.unique_name(snake_name("type"));
        assert_eq!(
            (field.to_string(), field.bare()),
            ("r#type".to_owned(), "type")
        );
        assert_eq!(fields.unique_name(snake_name("type")).to_string(), "type2");
    }

    #[test]
    fn names_write_keywords_raw() {
        assert_eq!(snake_name("type").ident().to_string(), "r#type");
        assert_eq!(snake_name("name").ident().to_string(), "name");
        let setter = Name::joined("with_", &snake_name("type"), "");
        assert_eq!(setter.to_string(), "with_type");
        assert_eq!(
            Name::joined("", &snake_name("m"), "atch").to_string(),
            "r#match"
        );
    }
}
