//! What a module needs of the runtime's cargo features: decided from the IR, for the manifest of
//! the crate that holds it ([`crate::Generated::runtime_features`]).

use crate::client::AuthSetter;
use crate::module::Module;
use crate::operations::{Body, Media};
use crate::types::{Ty, TypeKind};
use crate::DateTimeLibrary;
use std::collections::{BTreeMap, BTreeSet};

/// Declares [`RuntimeFeature`], its names and the list of them all from one table, so that no
/// variant can be left out of `ALL`, which the tests check against the runtime's manifest.
macro_rules! runtime_features {
    ($($(#[doc = $doc:literal])* $variant:ident = $name:literal,)*) => {
        /// A cargo feature of the runtime (`generator/runtime/Cargo.toml`'s `[features]`): the one
        /// place the generator names them.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum RuntimeFeature {
            $($(#[doc = $doc])* $variant,)*
        }

        impl RuntimeFeature {
            /// Every feature but `default`, in the order the standalone crate's runtime manifest
            /// lists them.
            pub const ALL: &'static [RuntimeFeature] = &[$(RuntimeFeature::$variant,)*];

            /// The feature's name in the manifest.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(RuntimeFeature::$variant => $name,)*
                }
            }
        }
    };
}

runtime_features! {
    /// `Client::with_middleware`, over reqwest-middleware.
    Middleware = "middleware",
    /// chrono's date-time types ([`DateTimeLibrary::Chrono`]).
    Chrono = "chrono",
    /// jiff's ([`DateTimeLibrary::Jiff`]).
    Jiff = "jiff",
    /// time's ([`DateTimeLibrary::Time`]).
    Time = "time",
    /// `uuid::Uuid` for `format: uuid`.
    Uuid = "uuid",
    /// `text/event-stream` responses.
    EventStream = "event-stream",
    /// `application/x-www-form-urlencoded` request bodies.
    Form = "form",
    /// `multipart/form-data` request bodies.
    Multipart = "multipart",
    /// Clients that request their own tokens.
    OAuth2 = "oauth2",
}

impl DateTimeLibrary {
    /// The runtime feature that re-exports the library (none for `String`).
    fn runtime_feature(self) -> Option<RuntimeFeature> {
        match self {
            DateTimeLibrary::Chrono => Some(RuntimeFeature::Chrono),
            DateTimeLibrary::Jiff => Some(RuntimeFeature::Jiff),
            DateTimeLibrary::Time => Some(RuntimeFeature::Time),
            DateTimeLibrary::String => None,
        }
    }
}

/// Which items count: those whose cargo features (none: always there) make this true.
type Gate<'a> = &'a dyn Fn(&[String]) -> bool;

impl Module {
    /// The runtime's cargo features that the module's code calls, sorted: its date-time
    /// library's (`chrono`, `jiff` or `time`) and `uuid` when a type holds one, `event-stream` (a
    /// `text/event-stream` success), `form` and `multipart` (request bodies of those media types),
    /// `oauth2` (a client that requests its own tokens: an OAuth2 flow's login setter or a session
    /// from the spec's token operation).
    pub fn runtime_features(&self) -> Vec<&'static str> {
        self.runtime_features_of(&|_| true)
    }

    /// The cargo features its `#[cfg]`s name, sorted (operations' and types'; none unless
    /// [`crate::Config::features_per_tag`]).
    pub fn cargo_features(&self) -> BTreeSet<&String> {
        let features = (self.operations.iter()).flat_map(|op| op.features.iter());
        features
            .chain(self.types.features.values().flatten())
            .collect()
    }

    /// For each of the module's cargo features (one per tag, [`crate::scope::features`]), the runtime
    /// features that its items call and that no item behind no feature does, sorted; features
    /// that need none of their own are left out. The crate turns these on with the feature.
    pub fn runtime_features_by_feature(&self) -> BTreeMap<String, Vec<&'static str>> {
        let features = self.cargo_features();
        if features.is_empty() {
            return BTreeMap::new();
        }
        let always = self.runtime_features_of(&|features| features.is_empty());
        let mut by_feature = BTreeMap::new();
        for feature in features {
            let on = |features: &[String]| features.is_empty() || features.contains(feature);
            let own: Vec<&'static str> = (self.runtime_features_of(&on).into_iter())
                .filter(|name| !always.contains(name))
                .collect();
            by_feature.insert(feature.clone(), own);
        }
        by_feature.retain(|_, own| !own.is_empty());
        by_feature
    }

    /// The runtime features that the items `gate` lets through call (the client's own setters
    /// always count).
    fn runtime_features_of(&self, gate: Gate<'_>) -> Vec<&'static str> {
        let request_media = |media: Media| {
            (self.operations.iter())
                .filter(|op| gate(&op.features))
                .any(|op| op.body.as_ref().is_some_and(|b| b.media == media))
        };
        let event_stream = self
            .bodies(gate)
            .any(|body| body.media == Media::EventStream);
        let oauth2 = self.client.template_session.is_some()
            || (self.client.auth_setters.iter())
                .any(|setter| matches!(setter, AuthSetter::OAuth2Login { .. }));
        let dates = self.holds(gate, &|ty| matches!(ty, Ty::DateTime | Ty::Date));
        let date_library = self.types.formats.date_time.runtime_feature();
        let uuid = self.types.formats.uuid && self.holds(gate, &|ty| *ty == Ty::Uuid);
        let used = [
            (date_library, dates),
            (Some(RuntimeFeature::EventStream), event_stream),
            (Some(RuntimeFeature::Form), request_media(Media::Form)),
            (
                Some(RuntimeFeature::Multipart),
                request_media(Media::Multipart),
            ),
            (Some(RuntimeFeature::OAuth2), oauth2),
            (Some(RuntimeFeature::Uuid), uuid),
        ];
        let mut names: Vec<&'static str> = (used.into_iter())
            .filter_map(|(feature, on)| feature.filter(|_| on))
            .map(RuntimeFeature::as_str)
            .collect();
        names.sort_unstable();
        names
    }

    /// Every request and response body of the operations `gate` lets through, as each of
    /// their methods reads them (a `_stream` method's events included).
    fn bodies<'a>(&'a self, gate: Gate<'a>) -> impl Iterator<Item = &'a Body> {
        let operations = self.operations.iter().filter(move |op| gate(&op.features));
        operations.flat_map(|op| {
            let responses = op.methods().flat_map(|method| method.responses);
            op.body
                .iter()
                .chain(responses.filter_map(|o| o.body.as_ref()))
        })
    }

    /// Some type the module's code holds (in a type, a parameter, a body or a header, inside
    /// containers too; of the items `gate` lets through) is one `leaf` accepts.
    fn holds(&self, gate: Gate<'_>, leaf: &dyn Fn(&Ty) -> bool) -> bool {
        fn within(ty: &Ty, leaf: &dyn Fn(&Ty) -> bool) -> bool {
            match ty {
                Ty::Vec(inner) | Ty::Map(inner) | Ty::Option(inner) => within(inner, leaf),
                _ => leaf(ty),
            }
        }
        let type_on = |id| gate(self.types.features.get(&id).map_or(&[], Vec::as_slice));
        let types = self.types.iter().filter(|(id, _)| type_on(*id));
        let in_types = types.into_iter().any(|(_, def)| match &def.kind {
            TypeKind::Struct(fields) => fields.iter().any(|f| within(&f.ty, leaf)),
            TypeKind::Union { variants, .. } => variants.iter().any(|v| within(&v.ty, leaf)),
            TypeKind::Alias(ty) | TypeKind::Newtype(ty) => within(ty, leaf),
            TypeKind::Enum { .. } => false,
        });
        let operations = self.operations.iter().filter(|op| gate(&op.features));
        let in_operations = operations.into_iter().any(|op| {
            let params = op.params.iter().map(|param| &param.ty);
            let headers = (op.headers_struct.iter()).flat_map(|h| h.fields.iter().map(|f| &f.ty));
            params.chain(headers).any(|ty| within(ty, leaf))
        });
        in_types || in_operations || self.bodies(gate).any(|body| within(&body.ty, leaf))
    }
}

#[cfg(test)]
mod tests {
    use super::RuntimeFeature;

    /// The names of the runtime's `[features]` table, but `default`.
    fn manifest_features() -> Vec<&'static str> {
        let manifest = include_str!("../../runtime/Cargo.toml");
        let table = manifest
            .split("\n[features]\n")
            .nth(1)
            .expect("a [features] table");
        let table = table.split("\n[").next().unwrap_or(table);
        (table.lines())
            .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
            .map(|line| line.split('=').next().unwrap_or(line).trim())
            .filter(|name| *name != "default")
            .collect()
    }

    /// Every feature name the generator writes is one the runtime defines, and the generator
    /// knows every feature the runtime has (the standalone crate's runtime manifest defines them
    /// all).
    #[test]
    fn the_generators_feature_names_are_the_runtimes() {
        let defined = manifest_features();
        for feature in RuntimeFeature::ALL {
            assert!(
                defined.contains(&feature.as_str()),
                "`{}` is not a feature of generator/runtime/Cargo.toml",
                feature.as_str()
            );
        }
        for name in defined {
            assert!(
                RuntimeFeature::ALL.iter().any(|f| f.as_str() == name),
                "the runtime's feature `{name}` is not a RuntimeFeature"
            );
        }
    }
}
