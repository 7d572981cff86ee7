//! `headers`.
