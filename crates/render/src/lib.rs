//! vanban-render: the document IR and its two writers, DOCX and PDF, with the Decree 30/2020
//! styles and the bundled fonts. It knows no plan and no report: the documents side builds the
//! IR (through `markup`) and hands it here.

pub mod chars;
pub mod chart_geometry;
pub mod docx;
pub mod fonts;
pub mod ir;
pub mod markup;
pub mod pdf;
pub mod style;
