//! The PDF writer: a small layout engine over the Document IR, one stage per file —
//! `shape` (glyphs and advances), `linebreak` (where lines end), `paragraph` (placing a
//! paragraph's lines), `table` (cells and rows), `chart` (bars, axes and labels), `pages`
//! (pagination and page numbers) —
//! and `writer`, which turns placed glyphs into PDF bytes and knows nothing of layout.

mod chart;
mod linebreak;
mod pages;
mod paragraph;
mod placed;
mod shape;
mod table;
mod writer;

use crate::fonts::FontSet;
use crate::ir::{Document, Orientation};
use crate::measure::Measures;
use crate::style::StyleSheet;

pub use writer::FaceCache;
pub(crate) use writer::PageWriter;

/// Lays `doc` out once: what the DOCX writer needs of the layout, and with `pdf` its pages
/// as printpdf operations, ready to be written (each page is converted as soon as it is
/// laid out, so the frames of a long document are never all held). Errors are messages for
/// the user, in Vietnamese.
pub(crate) fn lay_out<'f>(
    doc: &Document,
    style: &StyleSheet,
    fonts: &'f FontSet,
    pdf: bool,
) -> Result<(Measures, Option<PageWriter<'f>>), String> {
    check_sheet(style)?;
    let mut shaper = shape::Shaper::new(fonts)?;
    let mut pages = if pdf {
        Some(PageWriter::new(fonts)?)
    } else {
        None
    };
    let (_, measures) = pages::paginate(doc, style, &mut shaper, &mut |page| {
        if let Some(w) = pages.as_mut() {
            w.add(&page);
        }
        Ok(())
    })?;
    Ok((measures, pages))
}

/// Values the layout divides by or fills pages with: a zero font size or a page without
/// room for text would give a PDF with no visible text rather than an error.
fn check_sheet(style: &StyleSheet) -> Result<(), String> {
    for (name, st) in &style.styles {
        let ok = |v: f32| v.is_finite();
        if !(ok(st.size_pt) && st.size_pt > 0.0) {
            return Err(format!(
                "cỡ chữ của kiểu \"{name}\" phải là số dương, nhận được {}",
                st.size_pt
            ));
        }
        if !(ok(st.line_spacing) && st.line_spacing > 0.0) {
            return Err(format!(
                "giãn dòng của kiểu \"{name}\" phải là số dương, nhận được {}",
                st.line_spacing
            ));
        }
        let lengths = [
            st.first_line_indent_mm,
            st.left_indent_mm,
            st.space_before_pt,
            st.space_after_pt,
        ];
        if !lengths.iter().all(|v| ok(*v)) || st.rule_below.is_some_and(|f| !ok(f)) {
            return Err(format!("kiểu \"{name}\" có giá trị không hợp lệ"));
        }
    }
    for o in [Orientation::Portrait, Orientation::Landscape] {
        let (w, h) = style.page_size_mm(o);
        let m = style.margins(o);
        let room_x = w - m.left - m.right;
        let room_y = h - m.top - m.bottom;
        if !(room_x.is_finite() && room_y.is_finite() && room_x > 10.0 && room_y > 10.0) {
            return Err(format!(
                "lề trang để lại vùng chữ {room_x:.1} × {room_y:.1} mm, quá nhỏ để trình bày"
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Block, Paragraph, Run, Section};
    use crate::{render, FaceCache, Formats};

    fn write_pdf(doc: &Document, sheet: &StyleSheet, fonts: &FontSet) -> Result<Vec<u8>, String> {
        render(doc, sheet, fonts, Formats::PDF, &mut FaceCache::default())
            .map(|o| o.pdf.unwrap_or_default())
            .map_err(|e| e.to_string())
    }

    fn doc(style: &str) -> Document {
        Document {
            sections: vec![Section {
                blocks: vec![Block::Paragraph(Paragraph {
                    style: style.into(),
                    runs: vec![Run::text("Độc lập")],
                    ..Paragraph::default()
                })],
                ..Section::default()
            }],
            ..Document::default()
        }
    }

    #[test]
    fn bad_input_gives_vietnamese_errors_not_panics() {
        let fonts = FontSet::bundled();
        let sheet = StyleSheet::nd30();
        let e = write_pdf(&doc("khong-co"), &sheet, &fonts).unwrap_err();
        assert!(
            e.starts_with("không dựng được trang PDF") && e.contains("\"khong-co\""),
            "{e}"
        );

        let mut zero = sheet.clone();
        zero.styles.get_mut("body").unwrap().size_pt = 0.0;
        let e = write_pdf(&doc("body"), &zero, &fonts).unwrap_err();
        assert!(e.contains("cỡ chữ của kiểu \"body\""), "{e}");

        let mut narrow = sheet.clone();
        narrow.page.margins.left = 200.0;
        assert!(write_pdf(&doc("body"), &narrow, &fonts)
            .unwrap_err()
            .contains("lề trang"));

        let empty = Document::default();
        assert!(write_pdf(&empty, &sheet, &fonts).is_err());

        let mut bad_table = doc("body");
        bad_table.sections[0]
            .blocks
            .push(Block::Table(crate::ir::Table {
                columns: vec![],
                ..crate::ir::Table::default()
            }));
        assert!(write_pdf(&bad_table, &sheet, &fonts)
            .unwrap_err()
            .contains("không có cột"));
    }

    #[test]
    fn empty_paragraphs_sections_and_cells_render() {
        let fonts = FontSet::bundled();
        let sheet = StyleSheet::nd30();
        let mut d = doc("body");
        d.sections[0].blocks.push(Block::Paragraph(Paragraph {
            style: "body".into(),
            runs: vec![],
            ..Paragraph::default()
        }));
        d.sections[0].blocks.push(Block::Table(crate::ir::Table {
            columns: vec![30.0, 30.0],
            rows: vec![crate::ir::Row {
                cells: vec![crate::ir::Cell::default(), crate::ir::Cell::default()],
                ..crate::ir::Row::default()
            }],
            ..crate::ir::Table::default()
        }));
        d.sections.push(Section::default());
        let pdf = write_pdf(&d, &sheet, &fonts).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
    }
}
