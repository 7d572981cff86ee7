//! One spec → the module's IR ([`Module`]): its types, its operations and its client (doc, base
//! URL, credential setters), with every decision made; and the parts ([`Part`]) its tokens are
//! built in (see [`crate::emit`] for the emission).

use crate::client::{auth_setters, client_doc, default_base_url, AuthSetter, ClientInfo};
pub mod text;

use crate::diagnostics::Diagnostics;
use crate::naming::Scope;
use crate::operations::convert::{operations, CLIENT_METHODS};
use crate::operations::decide::{decide, serde_roots};
use crate::operations::Operation;
use crate::types::{TypeKind, TypeSpace, TypeTable};

/// Names the module defines at its top level besides the operations' own items.
const MODULE_ITEMS: &[&str] = &["Client", "Error", "Types", "TemplateSessionGrant"];

/// Operations whose items, or whose methods, make one [`Part`]; types of one part of the `types`
/// module. Small enough to even out the threads' work and to keep few tokens alive at a time
/// (a part's tokens are dropped once it is printed).
const OPERATIONS_PER_PART: usize = 32;
/// The size of a part of the `types` module, in types and fields (a struct of 200 fields counts
/// as 201): by count alone, a part of `allOf`-merged structs could hold most of the module.
const TYPE_WEIGHT_PER_PART: usize = 256;

/// A spec's module, checked and decided: all that its tokens are built from. It is `Sync`, so
/// that threads can build its [`Part`]s' tokens side by side.
pub struct Module {
    /// The `types` module.
    pub types: TypeTable,
    /// The client's methods, in spec order.
    pub operations: Vec<Operation>,
    /// The `Client` itself.
    pub client: ClientInfo,
}

/// A part of the module, whose tokens are built and formatted on their own. The variants are in
/// the order of the file. A block that spans several parts (`impl Client`, `mod types`) is opened
/// by its first part and closed by its last ([`Part::opens`], [`Part::closes`]).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Part {
    /// The methods of the operations `start..end`; the first part also holds `Error`, the
    /// `Client` struct and its constructors and credential setters.
    Client {
        start: usize,
        end: usize,
        count: usize,
    },
    /// The items of the operations `start..end` (params structs, success and error enums).
    OperationItems { start: usize, end: usize },
    /// The types `start..end` (in definition order) of the `types` module; the last part also
    /// holds its `defaults` module.
    Types {
        start: usize,
        end: usize,
        count: usize,
    },
}

impl Part {
    /// This part opens its block (or is not one of several).
    pub fn opens(&self) -> bool {
        match self {
            Part::Client { start, .. } | Part::Types { start, .. } => *start == 0,
            Part::OperationItems { .. } => true,
        }
    }

    /// This part closes its block (or is not one of several).
    pub fn closes(&self) -> bool {
        match self {
            Part::Client { end, count, .. } | Part::Types { end, count, .. } => end == count,
            Part::OperationItems { .. } => true,
        }
    }
}

/// `start..end` ranges of `size` covering `0..count` (one empty range when `count` is 0).
fn chunks(count: usize, size: usize) -> impl Iterator<Item = (usize, usize)> {
    (0..count.max(1))
        .step_by(size)
        .map(move |start| (start, count.min(start + size)))
}

/// The spec's module and the warnings met, or every error of the spec.
pub fn module(
    document: &crate::read::Document,
    config: &crate::Config,
    formats: crate::types::Formats,
) -> Result<(Module, Diagnostics), Diagnostics> {
    let api = &document.api;
    let all_serde_derives = config.all_serde_derives;
    let selection = &config.selection;
    let selected = selection.check(api);
    if selected.has_errors() {
        return Err(selected);
    }
    let mut types = TypeSpace::new(api, &document.rewritten, formats);
    let mut module_scope = Scope::with_reserved(MODULE_ITEMS);
    module_scope.reserve(crate::naming::PRELUDE_NAMES);
    // The client's own methods are named first, so operations never take their names.
    let mut methods = Scope::with_reserved(CLIENT_METHODS);
    let auth_setters = auth_setters(api, &mut methods);
    let (mut operations, mut diagnostics) =
        operations(api, &mut types, &mut module_scope, &mut methods, selection);
    if operations.is_empty() {
        diagnostics.extend(nothing_left(document));
    }
    let (mut types, type_diagnostics) = types.finish();
    diagnostics.extend(type_diagnostics);
    crate::types::open::forward_compatible(&mut types, config.strict_decoding);
    diagnostics.dedup();
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    // Before `decide`, which reads the fields of multipart bodies.
    let json_bodies: Vec<&crate::types::Ty> = operations
        .iter()
        .filter_map(|operation| operation.body.as_ref())
        .filter(|body| body.media == crate::operations::Media::Json)
        .map(|body| &body.ty)
        .collect();
    crate::types::usage::settle_tri_state(&mut types, &json_bodies, all_serde_derives);
    if config.features_per_tag {
        let features = crate::scope::features::tag_features(api, &mut diagnostics);
        crate::scope::features::gate_operations(&mut operations, &features);
    }
    decide(&mut operations, &types);
    crate::operations::pagination::paginate(
        api,
        &config.paging,
        &mut operations,
        &types,
        &mut methods,
        &mut diagnostics,
    );
    let mut template_session = crate::client::token::template_session(&operations, &types);
    if let Some(session) = &mut template_session {
        let bearer = |setter: &AuthSetter| matches!(setter, AuthSetter::Bearer { .. });
        session.client_takes_it = auth_setters.iter().any(bearer);
    }
    if !selection.is_everything() {
        // Only what the selected operations reach, not every component schema.
        let mut roots = serde_roots(&operations);
        roots
            .other
            .extend(template_session_responses(template_session.as_ref()));
        crate::types::usage::keep_reached(&mut types, &roots);
    }
    if config.features_per_tag {
        let extra = session_types(&operations, template_session.as_ref());
        types.features = crate::scope::features::gate_types(&types, &operations, &extra);
    }
    if !all_serde_derives {
        let mut roots = serde_roots(&operations);
        // The token responses are written back to JSON to read the token the way every
        // provider spells it (`token_from_json`).
        roots
            .sent
            .extend(template_session_responses(template_session.as_ref()));
        crate::types::usage::mark(&mut types, &roots);
    }
    if config.without_clone_and_eq {
        without_clone_and_eq(&mut types, &mut operations, template_session.as_ref());
    }
    let client = ClientInfo {
        doc: client_doc(api),
        base_url: default_base_url(api),
        auth_setters,
        template_session,
    };
    let module = Module {
        types,
        operations,
        client,
    };
    Ok((module, diagnostics))
}

/// The error of a document whose every operation was left out for its defects: nothing usable
/// remains of it (the warnings before say why each was).
fn nothing_left(document: &crate::read::Document) -> Option<crate::diagnostics::Diagnostic> {
    let declared = document.api.paths.iter().any(|(_, item)| match item {
        openapiv3::ReferenceOr::Item(item) => item.iter().next().is_some(),
        openapiv3::ReferenceOr::Reference { .. } => true,
    });
    (declared || document.rewritten.operations_left_out > 0).then(|| {
        let message = "every operation of the document is left out for its defects (the \
                       warnings above): there is no client to make";
        crate::diagnostics::Diagnostic::error(
            crate::diagnostics::Code::InvalidDocument,
            "#/paths",
            message,
        )
    })
}

/// `Config::derive_clone_and_partial_eq(false)`: no type or operation item derives `Clone` and
/// `PartialEq` but the login body of a template session (which a refresh copies) and what it
/// holds.
fn without_clone_and_eq(
    types: &mut crate::types::TypeTable,
    operations: &mut [Operation],
    session: Option<&crate::client::token::TemplateSession>,
) {
    let login = session.and_then(|session| {
        let login = (operations.iter()).find(|op| op.method_name == session.login.method);
        login.and_then(|operation| operation.body.as_ref())
    });
    let roots: Vec<&crate::types::Ty> = login.map(|body| &body.ty).into_iter().collect();
    let copied = crate::types::usage::reached(types, &roots);
    for id in types.ids() {
        types.get_mut(id).clone_and_eq = copied.contains(&id);
    }
    for operation in operations {
        operation.clone_and_eq = false;
    }
}

/// The token responses a session reads, with the index of the operation whose feature turns
/// the session on.
fn session_types<'a>(
    operations: &[Operation],
    session: Option<&'a crate::client::token::TemplateSession>,
) -> Vec<(usize, &'a crate::types::Ty)> {
    let login = session.and_then(|session| {
        (operations.iter()).position(|operation| operation.method_name == session.login.method)
    });
    let Some(index) = login else {
        return Vec::new();
    };
    let responses = template_session_responses(session);
    responses.into_iter().map(|ty| (index, ty)).collect()
}

/// The success types of a template session's token calls.
fn template_session_responses(
    session: Option<&crate::client::token::TemplateSession>,
) -> Vec<&crate::types::Ty> {
    let Some(session) = session else {
        return Vec::new();
    };
    let mut responses = vec![&session.login.response];
    if let crate::client::token::TemplateRefresh::Operation(call) = &session.refresh {
        responses.push(&call.response);
    }
    responses
}

impl Module {
    /// The module's parts, the biggest kinds first: the `types` module's, the client's, then the
    /// operations' items, each a few types or operations at a time.
    pub fn parts(&self) -> Vec<Part> {
        let types = self.types.ids().len();
        let operations = self.operations.len();
        let type_parts = self
            .type_chunks()
            .into_iter()
            .map(|(start, end)| Part::Types {
                start,
                end,
                count: types,
            });
        let client_parts =
            chunks(operations, OPERATIONS_PER_PART).map(|(start, end)| Part::Client {
                start,
                end,
                count: operations,
            });
        let item_parts =
            (0..operations)
                .step_by(OPERATIONS_PER_PART)
                .map(|start| Part::OperationItems {
                    start,
                    end: operations.min(start + OPERATIONS_PER_PART),
                });
        type_parts.chain(client_parts).chain(item_parts).collect()
    }
}

impl Module {
    /// `start..end` ranges of the types (in definition order) of about
    /// [`TYPE_WEIGHT_PER_PART`] each; one empty range when there are none.
    fn type_chunks(&self) -> Vec<(usize, usize)> {
        let mut chunks = Vec::new();
        let (mut start, mut weight) = (0, 0);
        for (index, (_, def)) in self.types.iter().enumerate() {
            weight += 1 + match &def.kind {
                TypeKind::Struct(fields) => fields.len(),
                TypeKind::Union { variants, .. } => variants.len(),
                TypeKind::Enum { variants, .. } => variants.len(),
                TypeKind::Alias(_) | TypeKind::Newtype(_) => 0,
            };
            if weight >= TYPE_WEIGHT_PER_PART {
                chunks.push((start, index + 1));
                (start, weight) = (index + 1, 0);
            }
        }
        let count = self.types.ids().len();
        if start < count || chunks.is_empty() {
            chunks.push((start, count));
        }
        chunks
    }
}

/// The IR of a spec given as text, for the analysis modules' unit tests.
#[cfg(test)]
pub fn analyse(text: &str) -> Module {
    analyse_with_warnings(text).0
}

/// The same, with the warnings met.
#[cfg(test)]
pub fn analyse_with_warnings(text: &str) -> (Module, Diagnostics) {
    analyse_with_config(text, &crate::Config::new())
}

/// The same, generated with `config`.
#[cfg(test)]
pub fn analyse_with_config(text: &str, config: &crate::Config) -> (Module, Diagnostics) {
    let document = crate::read::parse(text).unwrap_or_else(|d| panic!("{d}"));
    let formats = crate::types::Formats {
        runtime: crate::config::DEFAULT_RUNTIME_PATH.to_owned(),
        ..Default::default()
    };
    module(&document, config, formats).unwrap_or_else(|diagnostics| panic!("{diagnostics}"))
}
