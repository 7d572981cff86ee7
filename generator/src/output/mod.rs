//! Output: tokens printed as formatted text ([`print`]) and the standalone crate around a module
//! ([`standalone`]).

pub mod print;
pub mod standalone;
