//! vanban: YAML plan and progress data → Decree 30/2020 administrative documents (DOCX, PDF).

pub mod fonts;
pub mod ir;
pub mod pdf;
pub mod style;
