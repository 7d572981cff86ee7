//! The wire tests of the Knetik and Akeneo clients (tests/wire/), run against the clients
//! generated from the same specs written as Swagger 2.0 (tests/equivalence/): the conversion
//! must send and decode what the OpenAPI 3.0 specs do.

#[path = "../../wire/support.rs"]
mod support;

pub use support::*;

mod clients {
    pub use fixture_clients::akeneo_swagger2 as akeneo;

    pub mod knetik {
        pub use fixture_clients::knetik_swagger2::*;

        pub mod types {
            pub use fixture_clients::knetik_swagger2::types::*;

            /// Swagger 2.0 names no form body: its type takes the operation's name, where
            /// specs/knetik.yaml gives the schema a name of its own.
            pub type OAuthTokenRequest = GetOAuthTokenBody;
        }
    }
}

#[path = "../../wire/akeneo.rs"]
mod akeneo;
#[path = "../../wire/knetik.rs"]
mod knetik;
