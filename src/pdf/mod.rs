//! The PDF writer: a small layout engine over the Document IR, one stage per file —
//! `shape` (glyphs and advances), `linebreak` (where lines end), `paragraph` (placing a
//! paragraph's lines), `table` (cells and rows), `pages` (pagination and page numbers) —
//! and `writer`, which turns placed glyphs into PDF bytes and knows nothing of layout.

mod frame;
mod linebreak;
mod pages;
mod paragraph;
mod shape;
mod table;
mod writer;

use crate::fonts::FontSet;
use crate::ir::Document;
use crate::style::StyleSheet;

/// Renders `doc` as PDF bytes. Errors are messages for the user, in Vietnamese.
pub fn write_pdf(doc: &Document, style: &StyleSheet, fonts: &FontSet) -> Result<Vec<u8>, String> {
    let mut shaper = shape::Shaper::new(fonts)?;
    let pages = pages::paginate(doc, style, &mut shaper)
        .map_err(|e| format!("không dựng được trang PDF: {e}"))?;
    if pages.is_empty() {
        return Err("không dựng được trang PDF: văn bản không có phần nào".to_string());
    }
    writer::write(&pages, &doc.meta, fonts)
}
