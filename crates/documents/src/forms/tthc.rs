//! Who gets a TTHC sheet and with which lĩnh vực: a unit whose file of the previous period
//! with TTHC figures gave them (a period kept in one file is the compiling unit's), a unit
//! whose file of this period already gives them, and the units chung.yaml names.

use super::form::{TthcCounts, TthcLine};
use crate::kinds::report::data::TthcRow;
use crate::kinds::report::load::{Merged, Origin};
use crate::kinds::report::period::{CutOffs, Period};
use crate::model::plan::Plan;
use std::collections::BTreeMap;

/// Biểu 06's input counts of a row, in the sheet's order.
pub fn counts(r: &TthcRow) -> TthcCounts {
    [
        r.tiep_nhan.truc_tuyen,
        r.tiep_nhan.truc_tiep,
        r.tiep_nhan.tu_ky_truoc,
        r.da_giai_quyet.truoc_han,
        r.da_giai_quyet.dung_han,
        r.da_giai_quyet.qua_han,
        r.dang_giai_quyet.trong_han,
        r.dang_giai_quyet.qua_han,
    ]
}

/// The unit a row of `m` belongs to: the unit its file is named after, else the compiler's.
fn owner(m: &Merged, at: &Origin, plan: &Plan, compiler: &str) -> String {
    m.files
        .get(at.file)
        .and_then(|(f, _)| f.file_stem())
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| plan.don_vi.contains_key(s))
        .unwrap_or_else(|| compiler.to_string())
}

/// Each unit's rows of `m`, in the order written.
fn rows_by_unit<'m>(
    m: &'m Merged,
    plan: &Plan,
    compiler: &str,
) -> BTreeMap<String, Vec<&'m TthcRow>> {
    let mut out: BTreeMap<String, Vec<&TthcRow>> = BTreeMap::new();
    for (row, at) in m.tthc.iter().flatten() {
        out.entry(owner(m, at, plan, compiler))
            .or_default()
            .push(row);
    }
    out
}

/// The TTHC lines of every unit that gets a TTHC sheet for period `p`. `sets` are the data
/// sets cut off up to `p`'s cut-off, in calendar order.
pub fn by_unit(
    sets: &[&Merged],
    p: Period,
    cut_offs: &CutOffs,
    plan: &Plan,
    compiler: &str,
    chosen: &[String],
) -> BTreeMap<String, Vec<TthcLine>> {
    let cut = p.cut_off(cut_offs);
    let own = sets
        .iter()
        .find(|m| m.period == p)
        .map(|m| rows_by_unit(m, plan, compiler))
        .unwrap_or_default();
    let previous = sets
        .iter()
        .rev()
        .filter(|m| m.period != p && m.period.cut_off(cut_offs) < cut)
        .find(|m| m.tthc.as_ref().is_some_and(|t| !t.is_empty()))
        .map(|m| rows_by_unit(m, plan, compiler))
        .unwrap_or_default();
    let mut out: BTreeMap<String, Vec<TthcLine>> = BTreeMap::new();
    let units = own.keys().chain(previous.keys()).chain(chosen);
    for unit in units {
        if out.contains_key(unit) {
            continue;
        }
        let lines = match (own.get(unit), previous.get(unit)) {
            (Some(rows), _) => rows
                .iter()
                .map(|r| TthcLine {
                    linh_vuc: r.linh_vuc.trim().to_string(),
                    counts: Some(counts(r)),
                })
                .collect(),
            (None, Some(rows)) => rows
                .iter()
                .map(|r| TthcLine {
                    linh_vuc: r.linh_vuc.trim().to_string(),
                    counts: None,
                })
                .collect(),
            (None, None) => Vec::new(),
        };
        out.insert(unit.clone(), lines);
    }
    out
}
