//! Times the printing stage alone on a module oapigen generated: the part of generation that the
//! architecture (syn checks the tokens, prettyplease prints them) fixes, whatever the rest does.
//!
//! ```sh
//! cargo run --release -p oapigen -- generate SPEC -o /tmp/module.rs
//! cargo run --release -p oapigen --example print_only -- /tmp/module.rs
//! ```
//!
//! Prints, in milliseconds (best of 5, one thread): lexing the file back into tokens (which
//! generation does not do: it builds the tokens with quote), and `oapigen::stages::format_items`
//! on those tokens (syn's parse and prettyplease's printing, item by item, as generation runs it
//! on each of its two threads).

use std::process::ExitCode;
use std::time::{Duration, Instant};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [path] = args.as_slice() else {
        eprintln!("usage: print_only MODULE.rs");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("{path}: {error}");
            return ExitCode::from(1);
        }
    };
    // Comments are not tokens: doc comments are, as attributes, like those generation builds.
    let mut lex = Duration::MAX;
    let mut print = Duration::MAX;
    let mut lines = 0;
    for _ in 0..5 {
        let start = Instant::now();
        let tokens: proc_macro2::TokenStream = match text.parse() {
            Ok(tokens) => tokens,
            Err(error) => {
                eprintln!("{path}: {error}");
                return ExitCode::from(1);
            }
        };
        lex = lex.min(start.elapsed());
        let start = Instant::now();
        match oapigen::stages::format_items(tokens) {
            Ok(printed) => lines = printed.lines().count(),
            Err(error) => {
                eprintln!("{path}: {error}");
                return ExitCode::from(1);
            }
        }
        print = print.min(start.elapsed());
    }
    println!(
        "{path}: {lines} lines printed; lex {:.0} ms, format_items {:.0} ms",
        lex.as_secs_f64() * 1000.0,
        print.as_secs_f64() * 1000.0
    );
    ExitCode::SUCCESS
}
