//! The documents vanban makes: the inputs (plan.yaml and the report data, read with located
//! Vietnamese messages), the model and its checks, the ND30 frame, and the document kinds
//! registered in [`kinds`]. Each kind is a view plus a template; rendering to DOCX and PDF
//! is the render crate's, which knows no plan.

pub mod error;
pub mod fingerprint;
pub mod font_gaps;
pub mod forms;
pub mod init;
pub mod input;
pub mod kinds;
pub mod make;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod schema;
pub mod summary;
pub mod template;

pub use vanban_render::{chart_geometry, docx, fonts, ir, markup, pdf, style};
