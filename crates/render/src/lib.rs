//! vanban-render: the document IR and its two writers, DOCX and PDF, with the Decree 30/2020
//! styles and the bundled fonts. It knows no plan and no report: the documents side builds the
//! IR (through `markup`) and hands it to [`render`], which lays it out once and writes both.

pub mod chars;
pub mod chart_geometry;
pub mod docx;
pub mod error;
pub mod fonts;
pub mod ir;
pub mod markup;
pub mod measure;
pub mod pdf;
mod render;
pub mod sheet;
pub mod style;
pub mod xlsx;

pub use error::{Format, RenderError};
pub use pdf::FaceCache;
pub use render::{render, Formats, Outputs, LARGE_DOCUMENT};
