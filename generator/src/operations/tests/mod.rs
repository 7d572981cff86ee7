//! Unit tests of the operations' analysis: each analyses a small inline spec (OpenAPI 3.0.3) and
//! asserts the decisions the IR holds ([`Operation`] and what it refers to), not the code emitted
//! from them. One file per analysis module; the section numbers cited are OpenAPI 3.0.3's.

mod bodies;
mod convert;
mod decide;
mod event_stream;
mod headers;
mod pagination;

use super::{Operation, Outcome, Param, Status};
use crate::diagnostics::{Code, Diagnostics};
use crate::module::Module;
use crate::types::Ty;

/// A whole document: the OpenAPI 3.0.3 header, then `rest` (`paths:`, `components:`, ...) as
/// written, from column 0.
fn spec(rest: &str) -> String {
    format!("openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\n{rest}")
}

/// The operation whose client method is `method_name`.
fn operation<'m>(module: &'m Module, method_name: &str) -> &'m Operation {
    let found = module
        .operations
        .iter()
        .find(|op| op.method_name.bare() == method_name);
    found.unwrap_or_else(|| {
        let names: Vec<&str> = (module.operations.iter())
            .map(|op| op.method_name.bare())
            .collect();
        panic!("no method `{method_name}` among {names:?}")
    })
}

/// The parameter of `operation` named `wire` in the spec.
fn param<'o>(operation: &'o Operation, wire: &str) -> &'o Param {
    let found = operation.params.iter().find(|param| param.wire == wire);
    found.unwrap_or_else(|| panic!("no parameter `{wire}` in {:?}", operation.method_name))
}

/// The response of `operation` for `status`.
fn outcome(operation: &Operation, status: Status) -> &Outcome {
    let found = operation.responses.iter().find(|o| o.status == status);
    found.unwrap_or_else(|| {
        panic!(
            "no response {} in {:?}",
            status.label(),
            operation.method_name
        )
    })
}

/// The name of the `types` module's type `ty` stands for (it must be one).
fn type_name<'m>(module: &'m Module, ty: &Ty) -> &'m str {
    let id = ty
        .named()
        .unwrap_or_else(|| panic!("{ty:?} is not a named type"));
    module.types.name(id)
}

/// The codes of the warnings at `pointer`.
fn warnings_at(diagnostics: &Diagnostics, pointer: &str) -> Vec<Code> {
    (diagnostics.warnings())
        .filter(|warning| warning.pointer == pointer)
        .map(|warning| warning.code)
        .collect()
}
