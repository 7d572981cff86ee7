//! The generated clients against a real validator: Stoplight Prism mocks each spec of `specs/`
//! (`prism mock -d --errors`), every operation is called with schema-valid arguments and Prism
//! must find nothing wrong with the request, its generated success response must decode to the
//! typed value, and every documented error status, asked for with `Prefer: code=<status>`, must
//! decode to its typed variant. Prism is installed, pinned, into `<target>/prism/` on the first
//! run (that needs Node.js and npm); without them these tests fail, they never skip.

mod akeneo;
mod canopy;
mod idbroker;
mod install;
mod knetik;
mod occam;
mod server;

pub use server::{Exchange, Prism};

/// A string member of a JSON object, `None` when absent or `null`: what an optional text field
/// of the decoded value must equal.
pub fn text<'v>(json: &'v serde_json::Value, key: &str) -> Option<&'v str> {
    json[key].as_str()
}
