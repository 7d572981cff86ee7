//! Clients generated from the one-feature fixture specs of `tests/fixtures/` and the Swagger 2.0
//! provider specs of `tests/equivalence/`, one module per spec (`fixture_clients::<spec>`): they
//! must compile without warnings, and some are exercised on the wire. build.rs writes them into
//! `$OUT_DIR`; the reviewed form of each is its snapshot in `tests/snapshots/`.

include!(concat!(env!("OUT_DIR"), "/clients.rs"));

/// `tests/fixtures/nested_unions.yaml` generated with `Config::strict_decoding`: its unions have
/// no `Unknown` member (tests/composition.rs).
pub mod nested_unions_strict {
    include!(concat!(env!("OUT_DIR"), "/nested_unions_strict.rs"));
}

/// `tests/fixtures/enums.yaml` generated with `Config::strict_decoding`: its enums have no
/// `Unknown` variant and are `Copy` (tests/types.rs).
pub mod enums_strict {
    include!(concat!(env!("OUT_DIR"), "/enums_strict.rs"));
}

/// `tests/fixtures/defects/publisher_defects.yaml`: defects publishers leave in documents, each
/// read the tolerant way, costing only what it touches (tests/defects.rs).
pub mod publisher_defects {
    include!(concat!(env!("OUT_DIR"), "/publisher_defects.rs"));
}
