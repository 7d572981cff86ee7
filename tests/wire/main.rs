//! End-to-end tests of the generated clients: real HTTP over a socket on 127.0.0.1, against
//! wiremock servers that answer as each provider does. One binary, so it links once.

mod akeneo;
mod canopy;
mod faults;
mod idbroker;
mod knetik;
mod occam;
mod secrets;
mod support;

pub use support::*;

/// The modules the Knetik and Akeneo tests exercise: here those of `specs/`; the same tests run
/// against the Swagger 2.0 versions of both specs in tests/fixture-clients/tests/equivalence.rs.
mod clients {
    pub use provider_clients::{akeneo, knetik};
}
