//! `bodies`.
