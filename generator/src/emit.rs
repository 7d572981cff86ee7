//! The [`Module`] IR → tokens, part by part: `Error` and the `Client` (with its credential setters
//! and one method per operation), the operations' own items, and the `types` module. Decides
//! nothing: every choice is in the IR; each domain's emitter writes its own items.

use crate::client::emit::client;
use crate::module::{Module, Part};
use crate::operations::emit::{method, operation_items, Context};
use crate::types::emit::types_module;
use proc_macro2::TokenStream;
use quote::quote;

/// The tokens of one part of `module`. A part that continues a block (`impl Client`,
/// `mod types`) is written as a whole block of its own: the printer keeps only its items.
pub fn part_tokens(module: &Module, part: &Part, runtime: &TokenStream) -> TokenStream {
    let cx = Context::new(runtime, &module.types);
    match part {
        Part::Client { start, end, .. } => {
            let methods: Vec<TokenStream> = module.operations[*start..*end]
                .iter()
                .map(|operation| {
                    let cfg = crate::scope::features::cfg_attr(&[&operation.features]);
                    let methods = (operation.methods()).map(|view| method(operation, view, &cx));
                    crate::scope::features::gate_methods(methods.collect(), &cfg)
                })
                .collect();
            if !part.opens() {
                return quote!(impl Client { #(#methods)* });
            }
            let client = client(&module.client, runtime, methods);
            quote! {
                pub use #runtime::Error;
                #client
            }
        }
        Part::OperationItems { start, end } => module.operations[*start..*end]
            .iter()
            .map(|operation| {
                let cfg = crate::scope::features::cfg_attr(&[&operation.features]);
                crate::scope::features::gate_items(operation_items(operation, &cx), &cfg)
            })
            .collect(),
        Part::Types { start, end, .. } => {
            types_module(&module.types, *start..*end, part.closes(), runtime)
        }
    }
}
