//! What one unit's form holds, before it is written: the heading, the rows of the items the
//! unit leads (with the entry the report would take for each), and its TTHC lines.

use crate::kinds::report::data::Entry;
use crate::model::tracked::Tracked;
use chrono::NaiveDate;

/// The words the header block, the guide and the marker print, shared by every form of one
/// run.
#[derive(Debug, Clone)]
pub struct Heading {
    /// The plan's folder name, for the marker.
    pub plan_folder: String,
    /// A short hash of the plan's title, for the marker: a form of another plan is told
    /// apart even when the folders are named alike.
    pub plan_hash: String,
    /// "Kế hoạch số 189/KH-UBND ngày 20/12/2023".
    pub plan_reference: String,
    /// `2025-q1`.
    pub period_key: String,
    /// "quý I năm 2025".
    pub wording: String,
    /// The first day and the cut-off of the period.
    pub start: NaiveDate,
    pub cut_off: NaiveDate,
    /// The day the filled form is due back.
    pub reply_by: NaiveDate,
    /// The compiling unit's full name.
    pub compiler_name: String,
}

/// One item on a form.
#[derive(Debug, Clone, Copy)]
pub struct Row<'a> {
    pub item: &'a Tracked,
    /// The entry the report of the period takes for the item (carried over as it carries
    /// it); none when the report would say "Chưa báo cáo".
    pub entry: Option<&'a Entry>,
}

/// Biểu 06's input counts of one lĩnh vực, left to right: received online, direct,
/// carried over; resolved before, on, after the deadline; pending within, past it.
pub type TthcCounts = [u64; 8];

/// One lĩnh vực on a TTHC sheet; counts when the period's own data already give them.
#[derive(Debug, Clone, PartialEq)]
pub struct TthcLine {
    pub linh_vuc: String,
    pub counts: Option<TthcCounts>,
}

/// One unit's form.
#[derive(Debug, Clone)]
pub struct UnitForm<'a> {
    pub key: String,
    /// The unit's full name.
    pub name: String,
    pub rows: Vec<Row<'a>>,
    /// The TTHC sheet's lines, when the unit reports TTHC.
    pub tthc: Option<Vec<TthcLine>>,
    /// SHA-256 (hex) of the unit's file of the period (`bao-cao/<kỳ>/<unit>.yaml`) as it
    /// is now, empty when there is none: reading the form back refuses to replace a file
    /// edited since.
    pub period_file_sha: String,
}
