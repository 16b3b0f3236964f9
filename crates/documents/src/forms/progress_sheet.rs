//! The sheet "Tiến độ": the header block (unit, period, cut-off, reply date), then one row
//! per item the unit leads. Mã, Nhiệm vụ and Thời hạn are locked; the six input columns are
//! unlocked, with a drop-down of the three statuses, a date inside the period and a whole
//! percentage from 0 to 100.

use super::form::{Heading, Row, UnitForm};
use super::select::deadline_text;
use super::styles::{head_height, print_and_protect, row_height, Styles};
use crate::kinds::report::data::{Entry, Status};
use crate::model::date::short_date;
use crate::model::deadline::Deadline;
use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{DataValidation, DataValidationRule, ExcelDateTime, Worksheet, XlsxError};

pub const SHEET: &str = "Tiến độ";

/// The table's columns, headed exactly so: reading a filled form back finds them by name.
pub const COLUMNS: [&str; 9] = [
    "Mã",
    "Nhiệm vụ",
    "Thời hạn",
    "Trạng thái",
    "Ngày hoàn thành",
    "Tỷ lệ (%)",
    "Kết quả",
    "Sản phẩm",
    "Khó khăn",
];

/// The drop-down's words, each one the progress loader reads as its status.
pub const STATUS_WORDS: [&str; 3] = ["Hoàn thành", "Đang thực hiện", "Chưa thực hiện"];

/// Between the completion days of the rounds of one item.
pub const ROUND_SEPARATOR: &str = "; ";

/// The row (0-based) of the table's header; the header block is above it.
pub const HEAD_ROW: u32 = 7;

/// Column widths (Calibri 11 units). Printing fits the columns to one A4 landscape page, so
/// their sum sets the print scale: at about 185 units the text prints near 8.5 pt (at 240 it
/// was 6 pt); long texts wrap and their rows grow instead.
const WIDTHS: [f64; 9] = [10.0, 46.0, 16.0, 16.0, 13.0, 8.0, 28.0, 24.0, 20.0];

pub fn status_word(s: Status) -> &'static str {
    match s {
        Status::Done => STATUS_WORDS[0],
        Status::InProgress => STATUS_WORDS[1],
        Status::NotStarted => STATUS_WORDS[2],
    }
}

pub fn excel_day(d: NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    let year = u16::try_from(d.year()).map_err(|_| XlsxError::DateTimeRangeError(d.to_string()))?;
    // Months and days are 1–12 and 1–31.
    ExcelDateTime::from_ymd(year, d.month() as u8, d.day() as u8)
}

/// The header block's lines, above the table.
fn header_lines(form: &UnitForm, h: &Heading) -> [String; 6] {
    [
        "PHIẾU BÁO CÁO TIẾN ĐỘ THỰC HIỆN KẾ HOẠCH".to_string(),
        h.plan_reference.clone(),
        format!("Đơn vị: {}", form.name),
        format!(
            "Kỳ báo cáo: {} (từ ngày {} đến ngày {})",
            h.wording,
            short_date(h.start),
            short_date(h.cut_off)
        ),
        format!("Ngày chốt số liệu: {}", short_date(h.cut_off)),
        format!(
            "Gửi lại trước ngày {} cho {} (đơn vị tổng hợp)",
            short_date(h.reply_by),
            h.compiler_name
        ),
    ]
}

pub fn sheet(form: &UnitForm, h: &Heading, st: &Styles) -> Result<Worksheet, XlsxError> {
    let mut ws = Worksheet::new();
    ws.set_name(SHEET)?;
    let last_col = (COLUMNS.len() - 1) as u16;
    for (r, line) in header_lines(form, h).iter().enumerate() {
        let f = if r == 0 { &st.title } else { &st.line };
        ws.merge_range(r as u32, 0, r as u32, last_col, line, f)?;
    }
    for (c, name) in COLUMNS.iter().enumerate() {
        ws.write_string_with_format(HEAD_ROW, c as u16, *name, &st.head)?;
    }
    let widths = widths(form);
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    ws.set_row_height(HEAD_ROW, head_height(COLUMNS.iter().copied().zip(widths)))?;
    for (i, row) in form.rows.iter().enumerate() {
        write_row(&mut ws, HEAD_ROW + 1 + i as u32, row, st, &widths)?;
    }
    if !form.rows.is_empty() {
        validations(&mut ws, &form.rows, h)?;
    }
    print_and_protect(&mut ws, Some((HEAD_ROW, HEAD_ROW)))?;
    ws.set_active(true);
    Ok(ws)
}

/// The columns' widths: the Mã column as wide as the longest id (within reason), the others
/// fixed, the texts wrapping in them.
fn widths(form: &UnitForm) -> [f64; 9] {
    let id = form
        .rows
        .iter()
        .map(|r| r.item.id.chars().count())
        .max()
        .unwrap_or(0);
    let mut w = WIDTHS;
    w[0] = (id as f64 + 2.0).clamp(6.0, 28.0);
    w
}

fn write_row(
    ws: &mut Worksheet,
    r: u32,
    row: &Row,
    st: &Styles,
    widths: &[f64; 9],
) -> Result<(), XlsxError> {
    let it = row.item;
    let deadline = deadline_text(it);
    ws.write_string_with_format(r, 0, &it.id, &st.fixed)?;
    ws.write_string_with_format(r, 1, &it.content, &st.fixed)?;
    ws.write_string_with_format(r, 2, &deadline, &st.fixed)?;
    let e: Option<&Entry> = row.entry;
    match e {
        Some(e) => {
            ws.write_string_with_format(r, 3, status_word(e.trang_thai), &st.input_center)?
        }
        None => ws.write_blank(r, 3, &st.input_center)?,
    };
    // Work in rounds keeps the day of each completed round, in order.
    match e.map_or(&[][..], |e| e.ngay_hoan_thanh.0.as_slice()) {
        [] => ws.write_blank(r, 4, &st.input_day)?,
        [d] => ws.write_date_with_format(r, 4, &excel_day(d.0)?, &st.input_day)?,
        days => {
            let days: Vec<String> = days.iter().map(|d| short_date(d.0)).collect();
            ws.write_string_with_format(r, 4, days.join(ROUND_SEPARATOR), &st.input_center)?
        }
    };
    match e.and_then(|e| e.ty_le) {
        Some(t) => ws.write_number_with_format(r, 5, t, &st.input_number)?,
        None => ws.write_blank(r, 5, &st.input_number)?,
    };
    let texts = [
        e.and_then(|e| e.ket_qua.as_deref())
            .map(|s| s.trim().to_string()),
        e.filter(|e| !e.san_pham.0.is_empty()).map(|e| {
            e.san_pham
                .0
                .iter()
                .map(|s| s.trim())
                .collect::<Vec<_>>()
                .join("\n")
        }),
        e.and_then(|e| e.kho_khan.as_deref())
            .map(|s| s.trim().to_string()),
    ];
    let tall = [
        (it.id.as_str(), widths[0]),
        (it.content.as_str(), widths[1]),
        (deadline.as_str(), widths[2]),
    ]
    .into_iter()
    .chain((6..9).map(|c| (texts[c - 6].as_deref().unwrap_or(""), widths[c])));
    ws.set_row_height(r, row_height(tall))?;
    for (c, text) in (6u16..).zip(texts) {
        match text {
            Some(t) => ws.write_string_with_format(r, c, t, &st.input)?,
            None => ws.write_blank(r, c, &st.input)?,
        };
    }
    Ok(())
}

/// Whether `row`'s work is done in rounds: its completion days are one per round.
pub fn in_rounds(row: &Row) -> bool {
    matches!(row.item.deadline, Some(Deadline::Rounds(_)))
}

/// The cells of column `col` (a letter) on the rows `pick` keeps, as a multi-range
/// ("E9:E12 E14:E20"), with the first cell's row and column; none when no row is kept.
fn cells_where(rows: &[Row], col: char, pick: impl Fn(&Row) -> bool) -> Option<(u32, String)> {
    let mut runs: Vec<(u32, u32)> = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        if !pick(row) {
            continue;
        }
        let n = HEAD_ROW + 1 + i as u32;
        match runs.last_mut() {
            Some((_, last)) if *last + 1 == n => *last = n,
            _ => runs.push((n, n)),
        }
    }
    let first = runs.first()?.0;
    let ranges: Vec<String> = runs
        .iter()
        .map(|(a, b)| format!("{col}{}:{col}{}", a + 1, b + 1))
        .collect();
    Some((first, ranges.join(" ")))
}

/// The input columns' checks on the rows of the table. The completion days of work in
/// rounds are a list, so those cells take text and say how to write it.
fn validations(ws: &mut Worksheet, rows: &[Row], h: &Heading) -> Result<(), XlsxError> {
    let first = HEAD_ROW + 1;
    let last = HEAD_ROW + rows.len() as u32;
    let status = DataValidation::new()
        .allow_list_strings(&STATUS_WORDS)?
        .set_error_title("Trạng thái chưa đúng")?
        .set_error_message("Chọn một trong: Hoàn thành, Đang thực hiện, Chưa thực hiện.")?;
    ws.add_data_validation(first, 3, last, 3, &status)?;
    let window = format!(
        "Ngày hoàn thành phải trong kỳ: từ {} đến {} (ngày/tháng/năm).",
        short_date(h.start),
        short_date(h.cut_off)
    );
    if let Some((row, range)) = cells_where(rows, 'E', |r| !in_rounds(r)) {
        let day = DataValidation::new()
            .allow_date(DataValidationRule::Between(
                excel_day(h.start)?,
                excel_day(h.cut_off)?,
            ))
            .set_error_title("Ngày hoàn thành chưa đúng")?
            .set_error_message(window)?
            .set_multi_range(range);
        ws.add_data_validation(row, 4, row, 4, &day)?;
    }
    if let Some((row, range)) = cells_where(rows, 'E', in_rounds) {
        let days = DataValidation::new()
            .allow_any_value()
            .set_input_title("Việc làm nhiều đợt")?
            .set_input_message(format!(
                "Ghi ngày xong của từng đợt theo thứ tự, cách nhau bằng \"{ROUND_SEPARATOR}\", ví dụ 28/5/2025{ROUND_SEPARATOR}15/10/2025."
            ))?
            .set_multi_range(range);
        ws.add_data_validation(row, 4, row, 4, &days)?;
    }
    let share = DataValidation::new()
        .allow_whole_number(DataValidationRule::Between(0, 100))
        .set_error_title("Tỷ lệ chưa đúng")?
        .set_error_message("Tỷ lệ hoàn thành là số nguyên từ 0 đến 100.")?;
    ws.add_data_validation(first, 5, last, 5, &share)?;
    Ok(())
}
