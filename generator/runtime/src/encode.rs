//! Encoding structs without serde's derive (see [`StructFields`]).

use serde::ser::{SerializeStruct, Serializer};
use serde::Serialize;

/// `Serialize::serialize` of a generated struct, written out rather than derived: a chain of
/// [`StructFields`] calls, one per field, then [`StructFields::end`]. What it writes is what the
/// derive writes; the derive's code per struct (an early return per field, a wrapper type per
/// field with its own encoding) cost rustc more, for every struct of a large spec.
///
/// `len` is the number of fields that will be written (those skipped when absent excluded).
pub fn serialize_struct<S: Serializer>(
    serializer: S,
    name: &'static str,
    len: usize,
) -> StructFields<S> {
    StructFields {
        state: serializer.serialize_struct(name, len),
    }
}

/// A struct being written: its fields so far, or the first error, which the calls after it
/// pass on.
pub struct StructFields<S: Serializer> {
    state: Result<S::SerializeStruct, S::Error>,
}

impl<S: Serializer> StructFields<S> {
    /// Writes a field.
    pub fn field<T: Serialize + ?Sized>(mut self, key: &'static str, value: &T) -> Self {
        if let Ok(state) = &mut self.state {
            if let Err(error) = state.serialize_field(key, value) {
                self.state = Err(error);
            }
        }
        self
    }

    /// Writes a field when `present` (an `Option` that is `Some`), else leaves it out, as
    /// serde's `skip_serializing_if` does.
    pub fn field_if<T: Serialize + ?Sized>(
        mut self,
        present: bool,
        key: &'static str,
        value: &T,
    ) -> Self {
        if present {
            return self.field(key, value);
        }
        if let Ok(state) = &mut self.state {
            if let Err(error) = state.skip_field(key) {
                self.state = Err(error);
            }
        }
        self
    }

    /// Ends the struct.
    pub fn end(self) -> Result<S::Ok, S::Error> {
        self.state?.end()
    }
}
