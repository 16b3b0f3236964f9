//! The sheet "TTHC": Biểu 06's input columns per lĩnh vực, the unit's lĩnh vực of before
//! listed and a few blank rows for new ones. The totals are formulas, written with their
//! results so a reader that does not recalculate sees them too, and a check column tells
//! whether received = resolved + pending.

use super::form::{Heading, TthcCounts, TthcLine, UnitForm};
use super::styles::{head_height, print_and_protect, row_height, Styles};
use crate::model::date::short_date;
use rust_xlsxwriter::{DataValidation, DataValidationRule, Formula, Worksheet, XlsxError};

pub const SHEET: &str = "TTHC";

/// Blank rows under the lĩnh vực of before, for new ones.
pub const BLANK_ROWS: usize = 5;

/// Blank rows of a sheet that lists no lĩnh vực yet (a unit's first TTHC report): the sheet
/// is protected, so rows cannot be inserted, and a ward's whole list must fit.
pub const FIRST_BLANK_ROWS: usize = 25;

/// The two header rows (0-based); the lines start under them.
pub const HEAD_ROWS: (u32, u32) = (4, 5);

/// The columns of the second header row.
pub const COLUMNS: [&str; 14] = [
    "STT",
    "Lĩnh vực",
    "Tổng số",
    "Trực tuyến",
    "Trực tiếp, bưu chính",
    "Từ kỳ trước",
    "Tổng số",
    "Trước hạn",
    "Đúng hạn",
    "Quá hạn",
    "Tổng số",
    "Trong hạn",
    "Quá hạn",
    "Kiểm tra",
];

/// The columns the counts of a line go to, in [`TthcCounts`]' order.
pub const INPUT_COLUMNS: [u16; 8] = [3, 4, 5, 7, 8, 9, 11, 12];

const WIDTHS: [f64; 14] = [
    5.0, 30.0, 10.0, 11.0, 12.0, 11.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 14.0,
];

const MATCH: &str = "Khớp";
const MISMATCH: &str = "Chưa khớp";

/// Column letter of a column index under 26.
fn letter(c: u16) -> char {
    char::from(b'A' + c as u8)
}

/// The three totals of a line's counts: received, resolved, pending.
fn totals(c: &TthcCounts) -> [u64; 3] {
    [c[0] + c[1] + c[2], c[3] + c[4] + c[5], c[6] + c[7]]
}

pub fn sheet(
    form: &UnitForm,
    lines: &[TthcLine],
    h: &Heading,
    st: &Styles,
) -> Result<Worksheet, XlsxError> {
    let mut ws = Worksheet::new();
    ws.set_name(SHEET)?;
    let last_col = (COLUMNS.len() - 1) as u16;
    let top = [
        "SỐ LIỆU GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH (Biểu số 06/VPCP/KSTT)".to_string(),
        format!(
            "Đơn vị: {} — {} (từ ngày {} đến ngày {})",
            form.name,
            h.wording,
            short_date(h.start),
            short_date(h.cut_off)
        ),
        "Nhập số hồ sơ vào các ô trắng; các cột \"Tổng số\" tự cộng; cột \"Kiểm tra\" báo \"Khớp\" khi tổng số tiếp nhận bằng số đã giải quyết cộng số đang giải quyết.".to_string(),
    ];
    for (r, line) in top.iter().enumerate() {
        let f = if r == 0 { &st.title } else { &st.line };
        ws.merge_range(r as u32, 0, r as u32, last_col, line, f)?;
    }
    head(&mut ws, st)?;
    for (c, w) in WIDTHS.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    ws.set_row_height(
        HEAD_ROWS.1,
        head_height(COLUMNS.iter().copied().zip(WIDTHS)),
    )?;
    let first = HEAD_ROWS.1 + 1;
    let blank_rows = if lines.is_empty() {
        FIRST_BLANK_ROWS
    } else {
        BLANK_ROWS
    };
    let blanks = std::iter::repeat_n(None, blank_rows);
    let rows: Vec<Option<&TthcLine>> = lines.iter().map(Some).chain(blanks).collect();
    let mut sum = [0u64; 11];
    for (i, line) in rows.iter().enumerate() {
        let r = first + i as u32;
        let counts = line.and_then(|l| l.counts).unwrap_or_default();
        ws.write_number_with_format(r, 0, (i + 1) as f64, &st.fixed_center)?;
        match line {
            Some(l) => {
                ws.set_row_height(r, row_height([(l.linh_vuc.as_str(), WIDTHS[1])]))?;
                ws.write_string_with_format(r, 1, &l.linh_vuc, &st.fixed)?
            }
            None => ws.write_blank(r, 1, &st.input)?,
        };
        for (c, n) in INPUT_COLUMNS.iter().zip(counts) {
            match line.and_then(|l| l.counts) {
                Some(_) => ws.write_number_with_format(r, *c, n as f64, &st.input_number)?,
                None => ws.write_blank(r, *c, &st.input_number)?,
            };
        }
        write_totals(&mut ws, r, &counts, st)?;
        for (s, n) in sum.iter_mut().zip(cells(&counts)) {
            *s += n;
        }
    }
    let last = first + rows.len() as u32 - 1;
    total_row(&mut ws, last + 1, (first, last), &sum, st)?;
    let count = DataValidation::new()
        .allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0))
        .set_error_title("Số hồ sơ chưa đúng")?
        .set_error_message("Số hồ sơ là số nguyên, không âm.")?;
    for c in INPUT_COLUMNS {
        ws.add_data_validation(first, c, last, c, &count)?;
    }
    print_and_protect(&mut ws, Some(HEAD_ROWS))?;
    Ok(ws)
}

/// The 11 counts of Biểu 06 (columns C to M), totals included.
fn cells(c: &TthcCounts) -> [u64; 11] {
    let t = totals(c);
    [
        t[0], c[0], c[1], c[2], t[1], c[3], c[4], c[5], t[2], c[6], c[7],
    ]
}

fn head(ws: &mut Worksheet, st: &Styles) -> Result<(), XlsxError> {
    let (a, b) = HEAD_ROWS;
    ws.merge_range(a, 0, b, 0, COLUMNS[0], &st.head)?;
    ws.merge_range(a, 1, b, 1, COLUMNS[1], &st.head)?;
    ws.merge_range(a, 2, a, 5, "Số hồ sơ tiếp nhận", &st.head)?;
    ws.merge_range(a, 6, a, 9, "Số hồ sơ đã giải quyết", &st.head)?;
    ws.merge_range(a, 10, a, 12, "Số hồ sơ đang giải quyết", &st.head)?;
    ws.merge_range(a, 13, b, 13, COLUMNS[13], &st.head)?;
    for (c, name) in COLUMNS.iter().enumerate().take(13).skip(2) {
        ws.write_string_with_format(b, c as u16, *name, &st.head)?;
    }
    Ok(())
}

/// A line's three totals and its check, as formulas with their results.
fn write_totals(
    ws: &mut Worksheet,
    r: u32,
    counts: &TthcCounts,
    st: &Styles,
) -> Result<(), XlsxError> {
    let n = r + 1;
    let t = totals(counts);
    for (col, (from, to), v) in [
        (2u16, (3u16, 5u16), t[0]),
        (6, (7, 9), t[1]),
        (10, (11, 12), t[2]),
    ] {
        let f = Formula::new(format!("=SUM({}{n}:{}{n})", letter(from), letter(to)))
            .set_result(v.to_string());
        ws.write_formula_with_format(r, col, f, &st.total)?;
    }
    check(ws, r, t[0] == t[1] + t[2], st)
}

fn check(ws: &mut Worksheet, r: u32, adds_up: bool, st: &Styles) -> Result<(), XlsxError> {
    let n = r + 1;
    let f = Formula::new(format!("=IF(C{n}=G{n}+K{n},\"{MATCH}\",\"{MISMATCH}\")"))
        .set_result(if adds_up { MATCH } else { MISMATCH });
    ws.write_formula_with_format(r, 13, f, &st.total_label)?;
    Ok(())
}

/// The totals row: each count column summed over the lines.
fn total_row(
    ws: &mut Worksheet,
    r: u32,
    (first, last): (u32, u32),
    sum: &[u64; 11],
    st: &Styles,
) -> Result<(), XlsxError> {
    ws.merge_range(r, 0, r, 1, "Tổng cộng", &st.total_label)?;
    for (i, v) in sum.iter().enumerate() {
        let c = 2 + i as u16;
        let l = letter(c);
        let f = Formula::new(format!("=SUM({l}{}:{l}{})", first + 1, last + 1))
            .set_result(v.to_string());
        ws.write_formula_with_format(r, c, f, &st.total)?;
    }
    check(ws, r, sum[0] == sum[4] + sum[8], st)
}
