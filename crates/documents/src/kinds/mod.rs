//! The document kinds.

pub mod report;
