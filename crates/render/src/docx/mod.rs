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
use crate::measure::Measures;
use crate::style::StyleSheet;

/// Writes `doc` as DOCX bytes, breaking balanced lines, sizing columns and charts and
/// letting too-tall rows break as the layout `measures` say. The body goes into the zip as
/// it is made: only the frame (header parts, final section) is built as a whole docx-rs
/// document.
pub(crate) fn write_docx(
    doc: &Document,
    style: &StyleSheet,
    fonts: &FontSet,
    measures: &Measures,
) -> Result<Vec<u8>, String> {
    let charts = build::charts(doc, style, measures)?;
    let xml = build::frame(doc, style, fonts)?.build();
    package::pack(
        xml,
        |out| build::write_body(doc, style, fonts, measures, &charts, out),
        &charts,
        &doc.meta,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Block, Cell, Paragraph, Row, Run, RunKind, Section, Table};

    fn cell(lines: usize) -> Cell {
        let mut runs = Vec::new();
        for i in 0..lines {
            if i > 0 {
                runs.push(Run {
                    kind: RunKind::LineBreak,
                    bold: None,
                    italic: None,
                });
            }
            runs.push(Run::text(format!("Dòng {i}")));
        }
        Cell {
            paragraphs: vec![Paragraph {
                style: "table-cell".into(),
                runs,
                ..Paragraph::default()
            }],
            ..Cell::default()
        }
    }

    #[test]
    fn a_row_too_tall_for_a_page_may_break() {
        let row = |lines: usize| Row {
            cells: vec![cell(lines)],
            cant_split: true,
            ..Row::default()
        };
        let doc = Document {
            sections: vec![Section {
                blocks: vec![Block::Table(Table {
                    columns: vec![1.0],
                    fit_width: true,
                    borders: true,
                    header_rows: 1,
                    // Header, a short row, a row of 80 lines (a page holds about 50).
                    rows: vec![row(1), row(3), row(80)],
                    ..Table::default()
                })],
                ..Section::default()
            }],
            ..Document::default()
        };
        let fonts = FontSet::bundled();
        let bytes = crate::render(
            &doc,
            &StyleSheet::nd30(),
            &fonts,
            crate::Formats::DOCX,
            &mut crate::FaceCache::default(),
        )
        .unwrap()
        .docx
        .unwrap();
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut z.by_name("word/document.xml").unwrap(), &mut xml)
            .unwrap();
        let rows: Vec<&str> = xml.split("<w:tr>").skip(1).collect();
        assert_eq!(rows.len(), 3);
        assert!(rows[0].contains("<w:cantSplit") && rows[1].contains("<w:cantSplit"));
        assert!(
            !rows[2].contains("<w:cantSplit"),
            "LibreOffice would clip the row at the page foot"
        );
    }
}
