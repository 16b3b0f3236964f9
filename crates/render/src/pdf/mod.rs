//! The PDF writer: a small layout engine over the Document IR, one stage per file —
//! `shape` (glyphs and advances), `linebreak` (where lines end), `paragraph` (placing a
//! paragraph's lines), `table` (cells and rows), `chart` (bars, axes and labels), `pages`
//! (pagination and page numbers) —
//! and `writer`, which turns placed glyphs into PDF bytes and knows nothing of layout.

mod chart;
mod frame;
mod linebreak;
mod pages;
mod paragraph;
mod shape;
mod table;
mod writer;

use crate::fonts::FontSet;
use crate::ir::{Document, Orientation};
use crate::style::StyleSheet;

pub use writer::{FaceCache, PageWriter};

/// Which rows of `t`, a table in a section of orientation `o`, are too tall to move whole:
/// taller than a page below the table's repeated header rows. Such a row breaks between
/// lines even when it asks not to (`cant_split`), as in Word; the DOCX writer leaves
/// `w:cantSplit` off it, since LibreOffice clips a row that may not break at the page foot
/// and never shows the rest of its text.
pub fn rows_too_tall_for_a_page(
    t: &crate::ir::Table,
    style: &StyleSheet,
    o: Orientation,
    fonts: &FontSet,
) -> Result<Vec<bool>, String> {
    let mut shaper = shape::Shaper::new(fonts)?;
    let width = style.text_width_mm(o) * crate::style::PT_PER_MM;
    let laid = table::layout_table(t, style, width, &mut shaper)?;
    let body = pages::body_height(style, o);
    Ok((0..laid.rows.len())
        .map(|r| pages::too_tall_to_move(&laid, &laid.rows[r], body))
        .collect())
}

/// The height the PDF's pagination gives each chart of `doc`, in document order: `Some(mm)`
/// where a chart shrinks to the room left at a page's foot, `None` at its natural height.
/// The DOCX writer sizes its drawings from this, so both break their pages alike. A style
/// sheet the PDF cannot lay out at all leaves every chart at its natural height.
pub fn chart_heights(
    doc: &Document,
    style: &StyleSheet,
    fonts: &FontSet,
) -> Result<Vec<Option<f32>>, String> {
    if check_sheet(style).is_err() {
        return Ok(Vec::new());
    }
    let mut shaper = shape::Shaper::new(fonts)?;
    pages::chart_heights(doc, style, &mut shaper)
}

/// Where the PDF starts the soft-wrapped lines of `p` (a balanced heading or title) in a box
/// `width_pt` wide: char indices into its runs' text, a line break run counting one.
pub fn soft_line_starts(
    p: &crate::ir::Paragraph,
    style: &crate::style::ParagraphStyle,
    width_pt: f32,
    fonts: &FontSet,
) -> Result<Vec<usize>, String> {
    let mut shaper = shape::Shaper::new(fonts)?;
    Ok(paragraph::soft_line_starts(p, style, width_pt, &mut shaper))
}

/// Renders `doc` as PDF bytes. Errors are messages for the user, in Vietnamese.
pub fn write_pdf(doc: &Document, style: &StyleSheet, fonts: &FontSet) -> Result<Vec<u8>, String> {
    write_pdf_with(doc, style, fonts, &mut FaceCache::default(), false)
}

/// [`write_pdf`] with printpdf's parsed faces taken from (and given back to) `faces`; with
/// `leak`, the layout and printpdf's documents are not freed: for a process that exits
/// right after writing.
pub fn write_pdf_with(
    doc: &Document,
    style: &StyleSheet,
    fonts: &FontSet,
    faces: &mut FaceCache,
    leak: bool,
) -> Result<Vec<u8>, String> {
    layout(doc, style, fonts)?.finish(&doc.meta, fonts, faces, leak)
}

/// Lays `doc` out: its pages as printpdf operations, ready to be written. After this the
/// document itself is no longer needed (a caller short of memory may drop it before
/// [`PageWriter::finish`]).
pub fn layout<'f>(
    doc: &Document,
    style: &StyleSheet,
    fonts: &'f FontSet,
) -> Result<PageWriter<'f>, String> {
    check_sheet(style).map_err(|e| format!("không dựng được trang PDF: {e}"))?;
    let mut shaper = shape::Shaper::new(fonts)?;
    // Each page becomes printpdf operations as soon as it is laid out.
    let mut pages = PageWriter::new(fonts)?;
    let count = pages::paginate(doc, style, &mut shaper, &mut |page| {
        pages.add(&page);
        Ok(())
    })
    .map_err(|e| format!("không dựng được trang PDF: {e}"))?;
    if count == 0 {
        return Err("không dựng được trang PDF: văn bản không có phần nào".to_string());
    }
    Ok(pages)
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
