//! The checks progress YAML gets (`report::check`: a status that fits its share and days,
//! completion days against the deadline's rounds, the plan date and the cut-off, TTHC rows
//! that add up), run on what a form gives, each error told at the form's cell instead of
//! a YAML line.

use super::open::Book;
use super::progress::{Columns, DAYS, ID, SHARE, STATUS};
use super::tthc::{NAME_COLUMN, RECEIVED_TOTAL};
use crate::error::{CellError, DataError};
use crate::forms::{progress_sheet, tthc_sheet};
use crate::kinds::report::check::{check, Window};
use crate::kinds::report::data::{Entry, PeriodFile, TthcRow};
use crate::kinds::report::load::{Merged, Origin};
use crate::kinds::report::period::Period;
use crate::model::locate::Locations;
use crate::model::tracked::Tracked;
use std::collections::BTreeMap;

/// What one form gives, for the shared checks: entries with their rows, TTHC lines with
/// theirs.
pub struct Given<'a> {
    pub entries: &'a [(String, Entry, u32)],
    pub tthc: &'a [(TthcRow, u32)],
}

/// The shared checks' errors of one form, each at its cell.
pub fn shared(
    book: &Book,
    cols: Option<&Columns>,
    given: &Given,
    p: Period,
    items: &[Tracked],
    w: &Window,
) -> Vec<CellError> {
    let mut entries = BTreeMap::new();
    let mut rows = BTreeMap::new();
    for (id, e, row) in given.entries {
        let path = format!("tien_do.{id}");
        entries.insert(id.clone(), (e.clone(), Origin { file: 0, path }));
        rows.insert(id.as_str(), *row);
    }
    let tthc = given
        .tthc
        .iter()
        .enumerate()
        .map(|(j, (r, _))| {
            let path = format!("tthc[{j}]");
            (r.clone(), Origin { file: 0, path })
        })
        .collect();
    let m = Merged {
        period: p,
        files: vec![(book.path.clone(), Locations::default())],
        report: PeriodFile::default(),
        entries,
        tthc: Some(tthc),
        origins: BTreeMap::new(),
        warnings: Vec::new(),
    };
    let (errors, _) = check(&m, items, w);
    errors
        .into_iter()
        .map(|e| at_cell(book, cols, &rows, given.tthc, e))
        .collect()
}

/// A shared check's error, moved from its YAML path to the form's cell.
fn at_cell(
    book: &Book,
    cols: Option<&Columns>,
    rows: &BTreeMap<&str, u32>,
    tthc: &[(TthcRow, u32)],
    e: DataError,
) -> CellError {
    let message = match &e.found {
        Some(f) => format!("cần {}; gặp {f}", e.expected),
        None => format!("cần {}", e.expected),
    };
    let path = e.path.clone().unwrap_or_default();
    if let Some(rest) = path.strip_prefix("tien_do.") {
        // The longest id the path starts with: ids may hold dots (`par-index/2.1`).
        let found = rows
            .iter()
            .filter(|(id, _)| rest == **id || rest.starts_with(&format!("{id}.")))
            .max_by_key(|(id, _)| id.len());
        if let (Some((id, row)), Some(cols)) = (found, cols) {
            let field = &rest[id.len()..];
            let column = if field.starts_with(".ty_le") {
                SHARE
            } else if field.starts_with(".trang_thai") {
                STATUS
            } else if field.starts_with(".ngay_hoan_thanh") {
                DAYS
            } else {
                ID
            };
            return book.error(
                Some(progress_sheet::SHEET),
                Some(cols.cell(*row, column)),
                message,
            );
        }
    }
    if let Some(rest) = path.strip_prefix("tthc[") {
        let j: Option<usize> = rest.split(']').next().and_then(|n| n.parse().ok());
        if let Some((_, row)) = j.and_then(|j| tthc.get(j)) {
            let column = if rest.contains("linh_vuc") {
                NAME_COLUMN
            } else {
                RECEIVED_TOTAL
            };
            return book.error(
                Some(tthc_sheet::SHEET),
                Some(super::cells::name(*row, column)),
                message,
            );
        }
    }
    book.error(None, None, message)
}
