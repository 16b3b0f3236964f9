//! The spreadsheet writer: a [`Workbook`] of tables → XLSX bytes, through rust_xlsxwriter.
//! Numbers stay numbers, formulas carry their results, header rows repeat on every printed
//! page (A4 landscape, one page wide), and the bytes depend on the workbook alone: its
//! creation date is the one the model gives, not the clock.

use crate::error::{Format as Output, RenderError};
use crate::sheet::{Cell, Day, RowKind, Sheet, Workbook};
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Formula, Worksheet, XlsxError,
};
use std::collections::HashSet;

/// The face of the documents (ND30); a reader without it substitutes a metric twin.
const FONT: &str = "Times New Roman";
const FONT_SIZE: f64 = 12.0;
/// Excel's paper size code for A4.
const A4: u8 = 9;
/// Excel refuses a page header longer than this.
const MAX_PAGE_HEADER: usize = 200;

fn failed(e: XlsxError) -> RenderError {
    RenderError::Write {
        format: Output::Xlsx,
        message: format!("không ghi được bảng tính: {e}"),
    }
}

/// Writes `book` as XLSX.
pub fn write(book: &Workbook) -> Result<Vec<u8>, RenderError> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let created = excel_day(book.created).map_err(failed)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(&book.title)
            .set_author(&book.author)
            .set_creation_datetime(&created),
    );
    let styles = Styles::new();
    for sheet in &book.sheets {
        let ws = wb.add_worksheet();
        write_sheet(ws, sheet, &styles).map_err(failed)?;
    }
    wb.save_to_buffer().map_err(failed)
}

fn excel_day(d: Day) -> Result<ExcelDateTime, XlsxError> {
    ExcelDateTime::from_ymd(d.year, d.month, d.day)
}

/// The formats of a sheet's cells: header, then body and total rows by kind of value.
struct Styles {
    header: Format,
    body: Kinds,
    total: Kinds,
}

struct Kinds {
    text: Format,
    whole: Format,
    decimal: Format,
    percent: Format,
    points: Format,
    date: Format,
}

impl Styles {
    fn new() -> Styles {
        let base = Format::new()
            .set_font_name(FONT)
            .set_font_size(FONT_SIZE)
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::Top)
            .set_text_wrap();
        let kinds = |f: Format| Kinds {
            text: f.clone(),
            whole: f.clone().set_num_format("#,##0"),
            decimal: f.clone().set_num_format("#,##0.0#"),
            percent: f.clone().set_num_format("0.0%"),
            points: f.clone().set_num_format("+0.0;-0.0;0.0"),
            // Left as text is: a deadline column holds both ("Quý I/2024", 31/3/2024).
            date: f
                .clone()
                .set_num_format("dd/mm/yyyy")
                .set_align(FormatAlign::Left),
        };
        Styles {
            header: base
                .clone()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            body: kinds(base.clone()),
            total: kinds(base.set_bold()),
        }
    }
}

fn write_sheet(ws: &mut Worksheet, sheet: &Sheet, styles: &Styles) -> Result<(), XlsxError> {
    ws.set_name(&sheet.name)?;
    for (c, w) in sheet.widths.iter().enumerate() {
        ws.set_column_width(col(c), *w)?;
    }
    let heads = sheet.header.len() as u32;
    // Cells inside a merge other than its first are not written; the first is written over
    // the whole range.
    let mut covered: HashSet<(u32, u16)> = HashSet::new();
    let mut first: HashSet<(u32, u16)> = HashSet::new();
    for m in &sheet.merges {
        first.insert((m.rows.0, m.cols.0));
        for r in m.rows.0..=m.rows.1 {
            for c in m.cols.0..=m.cols.1 {
                if (r, c) != (m.rows.0, m.cols.0) {
                    covered.insert((r, c));
                }
            }
        }
    }
    for (r, row) in sheet.header.iter().enumerate() {
        let r = r as u32;
        for (c, text) in row.iter().enumerate() {
            let c = col(c);
            if !covered.contains(&(r, c)) && !first.contains(&(r, c)) {
                ws.write_string_with_format(r, c, text, &styles.header)?;
            }
        }
    }
    for (i, row) in sheet.rows.iter().enumerate() {
        let r = heads + i as u32;
        let kinds = match row.kind {
            RowKind::Body => &styles.body,
            RowKind::Total => &styles.total,
        };
        for (c, cell) in row.cells.iter().enumerate() {
            let c = col(c);
            if !covered.contains(&(r, c)) && !first.contains(&(r, c)) {
                write_cell(ws, r, c, cell, kinds)?;
            }
        }
    }
    for m in &sheet.merges {
        let (r, c) = (m.rows.0, m.cols.0);
        if r < heads {
            let text = sheet.header[r as usize]
                .get(usize::from(c))
                .map_or("", String::as_str);
            ws.merge_range(r, c, m.rows.1, m.cols.1, text, &styles.header)?;
        } else {
            let row = sheet.rows.get((r - heads) as usize);
            let kinds = match row.map(|x| x.kind) {
                Some(RowKind::Total) => &styles.total,
                _ => &styles.body,
            };
            let cell = row.and_then(|x| x.cells.get(usize::from(c)));
            ws.merge_range(r, c, m.rows.1, m.cols.1, "", &kinds.text)?;
            if let Some(cell) = cell {
                write_cell(ws, r, c, cell, kinds)?;
            }
        }
    }
    fit_rows(ws, sheet)?;
    print_setup(ws, sheet, heads)
}

/// The height of a line of the sheets' font, in points, and how many characters of it a unit
/// of column width holds: measured on LibreOffice's rendering (Liberation Serif for Times New
/// Roman), a little generous, as a row too tall only leaves space where one too short hides
/// text.
const LINE: f64 = 15.0;
const CHARS_PER_UNIT: f64 = 1.1;

/// Gives each row whose text wraps the height of its tallest cell. Excel fits rows to wrapped
/// text when it opens a workbook, LibreOffice does not (its rows stay one line tall, the text
/// overflowing), so the height is estimated here from the text and its column's width, a
/// the width in characters given by [`CHARS_PER_UNIT`].
fn fit_rows(ws: &mut Worksheet, sheet: &Sheet) -> Result<(), XlsxError> {
    let heads = sheet.header.len();
    // A cell merged across columns wraps in their width; one merged down is left out.
    let span = |r: u32, c: u16| -> Option<f64> {
        let m = sheet
            .merges
            .iter()
            .find(|m| (m.rows.0..=m.rows.1).contains(&r) && (m.cols.0..=m.cols.1).contains(&c));
        let width = |c: u16| sheet.widths.get(usize::from(c)).copied().unwrap_or(8.43);
        match m {
            None => Some(width(c)),
            Some(m) if m.rows.0 == m.rows.1 && m.cols.0 == c => {
                Some((m.cols.0..=m.cols.1).map(width).sum())
            }
            Some(_) => None,
        }
    };
    let texts = (sheet.header.iter())
        .map(|row| row.iter().map(String::as_str).collect::<Vec<_>>())
        .chain(sheet.rows.iter().map(|row| {
            (row.cells.iter())
                .map(|c| match c {
                    Cell::Text(s) => s.as_str(),
                    _ => "",
                })
                .collect()
        }));
    for (r, row) in texts.enumerate() {
        let r32 = r as u32;
        // Bold header text is a little wider.
        let chars = CHARS_PER_UNIT * if r < heads { 0.9 } else { 1.0 };
        let lines = (row.iter().enumerate())
            .filter_map(|(c, t)| span(r32, col(c)).map(|w| lines_of(t, w * chars)))
            .max()
            .unwrap_or(1);
        if lines > 1 {
            ws.set_row_height(r32, lines as f64 * LINE)?;
        }
    }
    Ok(())
}

/// How many lines `text` takes in a column `width` characters wide, broken at spaces.
fn lines_of(text: &str, width: f64) -> usize {
    let width = width.max(1.0);
    text.split('\n')
        .map(|para| {
            let (mut lines, mut used) = (1usize, 0.0f64);
            for word in para.split_whitespace() {
                let w = word.chars().count() as f64;
                if used > 0.0 && used + 1.0 + w > width {
                    lines += 1;
                    used = 0.0;
                }
                // A word longer than the line breaks inside it.
                if w > width {
                    lines += (w / width).ceil() as usize - 1;
                    used = w % width;
                } else {
                    used += if used > 0.0 { 1.0 + w } else { w };
                }
            }
            lines
        })
        .sum()
}

fn col(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}

fn write_cell(ws: &mut Worksheet, r: u32, c: u16, cell: &Cell, k: &Kinds) -> Result<(), XlsxError> {
    match cell {
        Cell::Empty => ws.write_blank(r, c, &k.text)?,
        Cell::Text(s) => ws.write_string_with_format(r, c, s, &k.text)?,
        Cell::Number(n) => ws.write_number_with_format(r, c, *n, number_format(*n, k))?,
        Cell::Percent(n) => ws.write_number_with_format(r, c, *n, &k.percent)?,
        Cell::Points(n) => ws.write_number_with_format(r, c, *n, &k.points)?,
        Cell::Date(d) => ws.write_datetime_with_format(r, c, excel_day(*d)?, &k.date)?,
        Cell::Formula { text, result } => ws.write_formula_with_format(
            r,
            c,
            Formula::new(text).set_result(result.to_string()),
            number_format(*result, k),
        )?,
    };
    Ok(())
}

fn number_format(n: f64, k: &Kinds) -> &Format {
    if n.fract() == 0.0 {
        &k.whole
    } else {
        &k.decimal
    }
}

/// A4 landscape, one page wide, the header rows repeated and frozen, the title and the page
/// number on every page.
fn print_setup(ws: &mut Worksheet, sheet: &Sheet, heads: u32) -> Result<(), XlsxError> {
    ws.set_paper_size(A4);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    if heads > 0 {
        ws.set_repeat_rows(0, heads - 1)?;
        ws.set_freeze_panes(heads, 0)?;
    }
    let title: String = sheet
        .title
        .replace('&', "&&")
        .chars()
        .take(MAX_PAGE_HEADER)
        .collect();
    // A title cut after a lone '&' would start a code; drop it.
    let title = match title.strip_suffix('&') {
        Some(t) if !t.ends_with('&') => t.to_string(),
        _ => title,
    };
    ws.set_header(format!("&C&\"{FONT},Bold\"{title}"));
    ws.set_footer("&CTrang &P/&N");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sheet::{Merge, Row};

    fn book() -> Workbook {
        Workbook {
            sheets: vec![Sheet {
                name: "Biểu 06".into(),
                title: "Biểu số 06 & tổng".into(),
                widths: vec![6.0, 30.0, 12.0],
                header: vec![
                    vec!["STT".into(), "Lĩnh vực".into(), "Số hồ sơ".into()],
                    vec![String::new(), String::new(), "Tổng số".into()],
                ],
                rows: vec![
                    Row::body(vec![
                        Cell::Number(1.0),
                        Cell::text("Hộ tịch"),
                        Cell::Number(3.0),
                    ]),
                    Row::body(vec![
                        Cell::Number(2.0),
                        Cell::text("Đất đai"),
                        Cell::Number(4.5),
                    ]),
                    Row::total(vec![
                        Cell::text("Tổng cộng"),
                        Cell::Empty,
                        Cell::Formula {
                            text: "=SUM(C3:C4)".into(),
                            result: 7.5,
                        },
                    ]),
                ],
                merges: vec![
                    Merge {
                        rows: (0, 1),
                        cols: (0, 0),
                    },
                    Merge {
                        rows: (0, 1),
                        cols: (1, 1),
                    },
                    Merge {
                        rows: (4, 4),
                        cols: (0, 1),
                    },
                ],
            }],
            title: "t".into(),
            author: "a".into(),
            created: Day {
                year: 2024,
                month: 3,
                day: 14,
            },
        }
    }

    fn part(bytes: &[u8], name: &str) -> String {
        use std::io::Read;
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut s = String::new();
        z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
        s
    }

    #[test]
    fn same_workbook_same_bytes_with_its_own_date() {
        let a = write(&book()).unwrap();
        let b = write(&book()).unwrap();
        assert_eq!(a, b);
        let core = part(&a, "docProps/core.xml");
        assert!(core.contains("2024-03-14T00:00:00Z"), "{core}");
    }

    #[test]
    fn numbers_merges_formulas_and_print_setup_are_written() {
        let x = part(&write(&book()).unwrap(), "xl/worksheets/sheet1.xml");
        // The formula keeps its result; numbers are numbers, not shared strings.
        assert!(x.contains("<f>SUM(C3:C4)</f><v>7.5</v>"), "{x}");
        assert!(
            x.contains(r#"<c r="C4" s="#) && x.contains("<v>4.5</v>"),
            "{x}"
        );
        for m in ["A1:A2", "B1:B2", "A5:B5"] {
            assert!(
                x.contains(&format!(r#"<mergeCell ref="{m}"/>"#)),
                "{m}: {x}"
            );
        }
        assert!(x.contains(r#"orientation="landscape""#) && x.contains(r#"paperSize="9""#));
        assert!(x.contains("Biểu số 06 &amp;&amp; tổng"), "{x}");
        let wb = part(&write(&book()).unwrap(), "xl/workbook.xml");
        assert!(wb.contains("Print_Titles"), "{wb}");
    }

    #[test]
    fn dates_sit_left_as_the_text_beside_them() {
        let mut b = book();
        b.sheets[0].rows[0].cells[2] = Cell::Date(Day {
            year: 2024,
            month: 3,
            day: 31,
        });
        let bytes = write(&b).unwrap();
        let x = part(&bytes, "xl/worksheets/sheet1.xml");
        let style: usize = x
            .split(r#"<c r="C3" s=""#)
            .nth(1)
            .and_then(|t| t.split('"').next())
            .and_then(|n| n.parse().ok())
            .unwrap();
        let styles = part(&bytes, "xl/styles.xml");
        let xfs = styles.split("<cellXfs").nth(1).unwrap();
        let xf = xfs.split("<xf ").nth(style + 1).unwrap();
        let id = styles
            .split("<numFmt ")
            .find(|n| n.contains(r#"formatCode="dd/mm/yyyy""#))
            .and_then(|n| n.split(r#"numFmtId=""#).nth(1))
            .and_then(|n| n.split('"').next())
            .unwrap();
        assert!(
            xf.contains(r#"horizontal="left""#) && xf.contains(&format!(r#"numFmtId="{id}""#)),
            "{xf}"
        );
    }

    #[test]
    fn rows_of_wrapped_text_are_as_tall_as_their_lines() {
        assert_eq!(lines_of("một hai ba", 20.0), 1);
        assert_eq!(lines_of("một hai ba", 7.0), 2);
        assert_eq!(lines_of("a\nb\nc", 20.0), 3);
        assert_eq!(lines_of("", 20.0), 1);
        assert_eq!(lines_of("abcdefghij", 4.0), 3);
        let mut b = book();
        b.sheets[0].rows[0].cells[1] = Cell::text("Hộ tịch\nChứng thực\nĐất đai");
        let x = part(&write(&b).unwrap(), "xl/worksheets/sheet1.xml");
        assert!(
            x.contains(r#"<row r="3" spans="1:3" ht="45" customHeight="1">"#),
            "{x}"
        );
    }

    #[test]
    fn a_bad_sheet_name_is_an_error_not_a_panic() {
        let mut b = book();
        b.sheets[0].name = "a/b".into();
        let e = write(&b).unwrap_err();
        assert_eq!(e.format(), Output::Xlsx);
    }
}
