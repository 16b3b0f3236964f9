//! The sheet "Tiến độ" of a filled form: its columns found by their headings, each row
//! matched to an item of the unit's form by its Mã, and its input cells read. Rows whose
//! Mã was changed, deleted or never given are told by cell.

use super::cells::{self, Grid};
use super::open::{find_row, Book};
use crate::error::CellError;
use crate::forms::progress_sheet::{COLUMNS, SHEET};
use crate::kinds::report::data::Status;
use chrono::NaiveDate;
use std::collections::HashMap;

/// Indexes into [`COLUMNS`].
pub const ID: usize = 0;
pub const STATUS: usize = 3;
pub const DAYS: usize = 4;
pub const SHARE: usize = 5;
pub const RESULT: usize = 6;
pub const PRODUCTS: usize = 7;
pub const TROUBLES: usize = 8;

/// One row's inputs as read, before any check against the plan.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Filled {
    pub status: Option<Status>,
    pub days: Vec<NaiveDate>,
    pub share: Option<f64>,
    pub ket_qua: Option<String>,
    pub san_pham: Vec<String>,
    pub kho_khan: Option<String>,
}

/// A row of the table: the item it is, where, and what was written (none when blank).
#[derive(Debug)]
pub struct SheetRow {
    pub id: String,
    pub row: u32,
    pub filled: Option<Filled>,
}

/// The table's columns, by heading.
pub struct Columns([u32; 9]);

impl Columns {
    pub fn cell(&self, row: u32, column: usize) -> String {
        cells::name(row, self.0[column])
    }
}

/// The sheet's rows matched to `expected` (the unit's items, in form order), and the
/// errors of the rows that could not be (the others are still checked, so that every
/// mistake of the form is told at once). An error is returned when the table itself is
/// not found.
pub type Read = (Vec<SheetRow>, Columns, Vec<CellError>);

pub fn read(book: &Book, expected: &[&str]) -> Result<Read, Vec<CellError>> {
    let g = super::open::sheet(book, SHEET).map_err(|e| vec![e])?;
    let err = |cell: Option<String>, message: String| book.error(Some(SHEET), cell, message);
    let Some(head) = find_row(g, 0, COLUMNS[0]) else {
        return Err(vec![err(
            None,
            format!(
                "không thấy dòng tiêu đề của bảng (ô đầu tiên \"{}\"): không sửa tiêu đề các cột",
                COLUMNS[0]
            ),
        )]);
    };
    let mut at = [0u32; 9];
    let mut errors = Vec::new();
    for (i, name) in COLUMNS.iter().enumerate() {
        match (0..40).find(|&c| g.text(head, c).as_deref() == Some(*name)) {
            Some(c) => at[i] = c,
            None => errors.push(err(
                Some(cells::name(head, 0)),
                format!("thiếu cột \"{name}\" trong dòng tiêu đề: không đổi tên, không xóa cột"),
            )),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let cols = Columns(at);
    let position: HashMap<&str, usize> = expected
        .iter()
        .enumerate()
        .map(|(i, id)| (*id, i))
        .collect();
    let present: std::collections::HashSet<String> = (head + 1..g.rows())
        .filter_map(|r| g.text(r, at[ID]))
        .collect();
    let mut seen: HashMap<String, u32> = HashMap::new();
    let mut rows = Vec::new();
    for r in head + 1..g.rows() {
        let id = g.text(r, at[ID]);
        let any_cell = (0..COLUMNS.len()).any(|c| c != ID && g.text(r, at[c]).is_some());
        let written = (STATUS..COLUMNS.len()).any(|c| g.text(r, at[c]).is_some());
        let Some(id) = id else {
            if any_cell {
                let here = (r - head - 1) as usize;
                let message = match expected.get(here).filter(|x| !present.contains(**x)) {
                    Some(lost) => format!(
                        "ô Mã để trống: dòng này là nhiệm vụ `{lost}`, không xóa mã (ghi lại `{lost}`)"
                    ),
                    None => "dòng không có mã nhiệm vụ: không thêm dòng vào phiếu (nhiệm vụ mới ghi vào plan.yaml rồi sinh lại phiếu)".to_string(),
                };
                errors.push(err(Some(cols.cell(r, ID)), message));
            }
            continue;
        };
        if !position.contains_key(id.as_str()) {
            let here = (r - head - 1) as usize;
            let hint = match expected.get(here).filter(|x| !present.contains(**x)) {
                Some(lost) => format!(" (dòng này là nhiệm vụ `{lost}`)"),
                None => crate::model::load::nearest(&id, expected.iter().copied())
                    .map_or(String::new(), |c| format!(" (có phải `{c}`?)")),
            };
            errors.push(err(
                Some(cols.cell(r, ID)),
                format!("mã `{id}` không có trong phiếu của đơn vị{hint}: cột Mã không được sửa"),
            ));
            continue;
        }
        if let Some(first) = seen.get(&id) {
            errors.push(err(
                Some(cols.cell(r, ID)),
                format!(
                    "mã `{id}` ghi hai lần (đã có ở ô {})",
                    cols.cell(*first, ID)
                ),
            ));
            continue;
        }
        seen.insert(id.clone(), r);
        let filled = if written {
            match filled(g, r, &cols) {
                Ok(f) => Some(f),
                Err(e) => {
                    errors.extend(e.into_iter().map(|(c, m)| err(Some(cols.cell(r, c)), m)));
                    continue;
                }
            }
        } else {
            None
        };
        rows.push(SheetRow { id, row: r, filled });
    }
    for (i, id) in expected.iter().enumerate() {
        // A row at the item's place whose Mã was cleared or changed is told above.
        let r = head + 1 + i as u32;
        let explained = match g.text(r, at[ID]) {
            None => (0..COLUMNS.len()).any(|c| g.text(r, at[c]).is_some()),
            Some(other) => !position.contains_key(other.as_str()),
        };
        if !present.contains(*id) && !explained {
            errors.push(err(
                Some(cols.cell(head + 1 + i as u32, ID)),
                format!("thiếu dòng của nhiệm vụ `{id}`: không xóa dòng, không sửa mã"),
            ));
        }
    }
    Ok((rows, cols, errors))
}

/// A row's input cells; each cell that cannot be read is (column, message).
fn filled(g: &Grid, r: u32, cols: &Columns) -> Result<Filled, Vec<(usize, String)>> {
    let at = |c: usize| g.get(r, cols.0[c]);
    let mut errors = Vec::new();
    let status = match g.text(r, cols.0[STATUS]) {
        None => None,
        Some(s) => match Status::parse(&s) {
            Some(st) => Some(st),
            None => {
                errors.push((
                    STATUS,
                    format!("trạng thái \"{s}\" không phải một trong ba: Hoàn thành, Đang thực hiện, Chưa thực hiện (chọn trong danh sách thả xuống)"),
                ));
                None
            }
        },
    };
    let days = cells::days(at(DAYS)).unwrap_or_else(|m| {
        errors.push((DAYS, m));
        Vec::new()
    });
    let share = cells::share(at(SHARE)).unwrap_or_else(|m| {
        errors.push((SHARE, m));
        None
    });
    let text = |c: usize| g.text(r, cols.0[c]);
    let san_pham = text(PRODUCTS)
        .map(|s| {
            s.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    let f = Filled {
        status,
        days,
        share,
        ket_qua: text(RESULT),
        san_pham,
        kho_khan: text(TROUBLES),
    };
    if f.status.is_none() && errors.is_empty() {
        errors.push((
            STATUS,
            "cần trạng thái (Hoàn thành, Đang thực hiện hoặc Chưa thực hiện) khi dòng đã ghi ngày, tỷ lệ, kết quả, sản phẩm hoặc khó khăn".into(),
        ));
    }
    if errors.is_empty() {
        Ok(f)
    } else {
        Err(errors)
    }
}
