//! The sheet "TTHC" of a filled form: one Biểu 06 row per lĩnh vực given counts. The
//! "Tổng số" cells are locked formulas whose stored results may be stale (a writer that
//! does not recalculate), so the totals are computed from the counts, never read.

use super::cells;
use super::open::{find_row, Book};
use crate::error::CellError;
use crate::forms::tthc_sheet::{INPUT_COLUMNS, SHEET};
use crate::kinds::report::data::{Pending, Received, Resolved, TthcRow};

pub const NAME_COLUMN: u32 = 1;
/// "Tổng số" of received files: where a row that does not add up is told.
pub const RECEIVED_TOTAL: u32 = 2;

/// A lĩnh vực read, and its row.
#[derive(Debug)]
pub struct SheetLine {
    pub row: u32,
    pub line: TthcRow,
}

pub fn read(book: &Book) -> Result<Vec<SheetLine>, Vec<CellError>> {
    let g = super::open::sheet(book, SHEET).map_err(|e| vec![e])?;
    let err =
        |r: u32, c: u32, message: String| book.error(Some(SHEET), Some(cells::name(r, c)), message);
    let Some(head) = find_row(g, NAME_COLUMN, "Lĩnh vực") else {
        return Err(vec![book.error(
            Some(SHEET),
            None,
            "không thấy dòng tiêu đề \"Lĩnh vực\": không sửa tiêu đề các cột".into(),
        )]);
    };
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for r in head + 2..g.rows() {
        if g.text(r, 0).as_deref() == Some("Tổng cộng") {
            break;
        }
        let mut counts = [0u64; 8];
        let mut given = false;
        for (i, c) in INPUT_COLUMNS.iter().enumerate() {
            match cells::count(g.get(r, u32::from(*c))) {
                Ok(Some(n)) => {
                    counts[i] = n;
                    given = true;
                }
                Ok(None) => {}
                Err(m) => {
                    errors.push(err(r, u32::from(*c), m));
                    given = true;
                }
            }
        }
        let name = g.text(r, NAME_COLUMN);
        let Some(name) = name.filter(|_| given) else {
            if given {
                errors.push(err(
                    r,
                    NAME_COLUMN,
                    "dòng có số hồ sơ nhưng chưa ghi tên lĩnh vực".into(),
                ));
            }
            continue;
        };
        out.push(SheetLine {
            row: r,
            line: TthcRow {
                linh_vuc: name,
                tiep_nhan: Received {
                    tong: None,
                    truc_tuyen: counts[0],
                    truc_tiep: counts[1],
                    tu_ky_truoc: counts[2],
                },
                da_giai_quyet: Resolved {
                    tong: None,
                    truoc_han: counts[3],
                    dung_han: counts[4],
                    qua_han: counts[5],
                },
                dang_giai_quyet: Pending {
                    tong: None,
                    trong_han: counts[6],
                    qua_han: counts[7],
                },
            },
        });
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}
