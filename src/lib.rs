//! vanban: YAML plan and progress data → Decree 30/2020 administrative documents (DOCX, PDF).

pub mod batch;
pub mod chart_geometry;
pub mod cli;
pub mod docx;
pub mod error;
pub mod fingerprint;
pub mod font_gaps;
pub mod fonts;
pub mod init;
pub mod input;
pub mod ir;
pub mod kind;
pub mod markup;
pub mod model;
pub mod output;
pub mod pdf;
pub mod pipeline;
pub mod report;
pub mod schema;
pub mod style;
pub mod summary;
pub mod template;
pub mod watch;

/// Whether this build can write PDF.
pub const PDF_AVAILABLE: bool = true;
