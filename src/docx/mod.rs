//! IR → DOCX. docx-rs builds the parts; `schema_order` then puts every property element in
//! the order ECMA-376 requires (Word refuses or "repairs" files that are out of order) and
//! marks repeated table header rows (`w:tblHeader`, which docx-rs lacks); `package` zips the
//! parts with deflate and fixed dates so the same input gives the same bytes. Charts, which
//! docx-rs lacks, are native chart parts (`chart`) put in by the same two steps.

mod build;
pub mod chart;
mod package;
pub mod schema_order;
pub mod units;

use crate::fonts::FontSet;
use crate::ir::Document;
use crate::style::StyleSheet;

/// Writes `doc` as DOCX bytes. The body goes into the zip as it is made: only the frame
/// (header parts, final section) is built as a whole docx-rs document.
pub fn write_docx(doc: &Document, style: &StyleSheet, fonts: &FontSet) -> Result<Vec<u8>, String> {
    let charts = build::charts(doc, style)?;
    let xml = build::frame(doc, style, fonts)?.build();
    package::pack(
        xml,
        |out| build::write_body(doc, style, fonts, &charts, out),
        &charts,
        &doc.meta,
    )
}
