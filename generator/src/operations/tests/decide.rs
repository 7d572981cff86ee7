//! `decide`.
