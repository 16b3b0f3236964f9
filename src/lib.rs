//! vanban: YAML plan and progress data → Decree 30/2020 administrative documents (DOCX, PDF).

pub mod batch;
pub mod cli;
pub mod error;
pub mod fingerprint;
pub mod font_gaps;
pub mod init;
pub mod input;
pub mod kind;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod report;
pub mod schema;
pub mod summary;
pub mod template;
pub mod watch;

// The writers live in crates/render; these paths keep `crate::ir::…` and `vanban::pdf::…` working.
pub use vanban_render::{chart_geometry, docx, fonts, ir, markup, pdf, style};

/// Whether this build can write PDF.
pub const PDF_AVAILABLE: bool = true;
