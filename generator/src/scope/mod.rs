//! What a module holds and behind what: the selection of operations ([`select`]), the cargo
//! feature each item stands behind ([`features`]) and the runtime parts its items call
//! ([`runtime_features`]).

pub mod features;
pub mod runtime_features;
pub mod select;
