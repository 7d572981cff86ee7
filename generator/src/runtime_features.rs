//! What a module needs of the runtime's cargo features: decided from the IR, for the manifest of
//! the crate that holds it ([`crate::Generated::runtime_features`]).

use crate::module::{AuthSetter, Module};
use crate::operations::{Body, Media};
use crate::types::{Ty, TypeKind};

impl Module {
    /// The runtime's cargo features that the module's code calls, sorted: its date-time
    /// library's (`chrono`, `jiff` or `time`) and `uuid` when a type holds one, `event-stream` (a
    /// `text/event-stream` success), `form` and `multipart` (request bodies of those media types),
    /// `oauth2` (a client that requests its own tokens: an OAuth2 flow's login setter or a session
    /// from the spec's token operation).
    pub fn runtime_features(&self) -> Vec<&'static str> {
        let request_media = |media: Media| {
            (self.operations.iter()).any(|op| op.body.as_ref().is_some_and(|b| b.media == media))
        };
        let event_stream = self.bodies().any(|body| body.media == Media::EventStream);
        let oauth2 = self.client.template_session.is_some()
            || (self.client.auth_setters.iter())
                .any(|setter| matches!(setter, AuthSetter::OAuth2Login { .. }));
        let dates = self.holds(&|ty| matches!(ty, Ty::DateTime | Ty::Date));
        let date_library = match self.types.formats.date_time {
            crate::DateTimeLibrary::Chrono => "chrono",
            crate::DateTimeLibrary::Jiff => "jiff",
            crate::DateTimeLibrary::Time => "time",
            crate::DateTimeLibrary::String => "",
        };
        let uuid = self.types.formats.uuid && self.holds(&|ty| *ty == Ty::Uuid);
        let mut used = vec![
            (date_library, dates && !date_library.is_empty()),
            ("event-stream", event_stream),
            ("form", request_media(Media::Form)),
            ("multipart", request_media(Media::Multipart)),
            ("oauth2", oauth2),
            ("uuid", uuid),
        ];
        used.sort();
        used.into_iter()
            .filter_map(|(name, on)| on.then_some(name))
            .collect()
    }

    /// Every request and response body of the operations, event streams included.
    fn bodies(&self) -> impl Iterator<Item = &Body> {
        self.operations.iter().flat_map(|op| {
            let responses = op.responses.iter();
            let answers = responses.flat_map(|o| o.body.iter().chain(&o.event_stream));
            op.body.iter().chain(answers)
        })
    }

    /// Some type the module's code holds (in a type, a parameter, a body or a header, inside
    /// containers too) is one `leaf` accepts.
    fn holds(&self, leaf: &dyn Fn(&Ty) -> bool) -> bool {
        fn within(ty: &Ty, leaf: &dyn Fn(&Ty) -> bool) -> bool {
            match ty {
                Ty::Vec(inner) | Ty::Map(inner) | Ty::Option(inner) => within(inner, leaf),
                _ => leaf(ty),
            }
        }
        let in_types = self.types.iter().any(|(_, def)| match &def.kind {
            TypeKind::Struct(fields) => fields.iter().any(|f| within(&f.ty, leaf)),
            TypeKind::Union { variants, .. } => variants.iter().any(|v| within(&v.ty, leaf)),
            TypeKind::Alias(ty) | TypeKind::Newtype(ty) => within(ty, leaf),
            TypeKind::Enum { .. } => false,
        });
        let in_operations = self.operations.iter().any(|op| {
            let params = op.params.iter().map(|param| &param.ty);
            let headers = (op.headers_struct.iter()).flat_map(|h| h.fields.iter().map(|f| &f.ty));
            params.chain(headers).any(|ty| within(ty, leaf))
        });
        in_types || in_operations || self.bodies().any(|body| within(&body.ty, leaf))
    }
}
