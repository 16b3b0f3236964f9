//! vanban: YAML plan and progress data → Decree 30/2020 administrative documents (DOCX, PDF).
//! This crate is the command line: arguments, batches of plans, watch mode. The documents
//! are `vanban-documents`'; the writers are `vanban-render`'s.

pub mod batch;
pub mod cli;
pub mod watch;

pub use vanban_documents::*;

/// Whether this build can write PDF.
pub const PDF_AVAILABLE: bool = true;
