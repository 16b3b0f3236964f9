//! `vanban check` over a plan's report data: every period's data read and checked against
//! the plan, and what `report` would say of them, counted the same way.

use super::compute::{picks, progress, read_checked, reopened, unreported};
use super::open::{number_mismatch, open};
use super::period::Period;
use crate::error::{Error, Result};
use crate::model::plan::Plan;
use crate::model::tracked::tracked;
use std::path::Path;

/// Every period's data read and checked against the plan, or with `only` that period's
/// alone (the tasks left unreported are then not counted: that needs the periods before
/// it). Returns the warnings and the periods checked.
pub fn check_all(
    plan_file: &Path,
    plan: &Plan,
    only: Option<Period>,
) -> Result<(Vec<String>, Vec<Period>)> {
    let data = open(plan_file)?;
    let periods: Vec<Period> = match only {
        Some(p) if !data.has(p) => return Err(data.no_data(p)),
        Some(p) => vec![p],
        None => data.sources.iter().map(|s| s.period).collect(),
    };
    let mut errors = Vec::new();
    let mut warnings = data.warnings.clone();
    warnings.extend(number_mismatch(plan_file, plan, &data));
    let mut all = Vec::new();
    for &p in &periods {
        all.push(read_checked(&data, plan, p, &mut errors, &mut warnings)?);
    }
    if !errors.is_empty() {
        return Err(Error::Data(errors));
    }
    if only.is_some() {
        return Ok((warnings, periods));
    }
    // A task reported completed then not, and each period's unreported tasks. `all` is in
    // calendar order, as `report`'s.
    warnings.extend(reopened(&tracked(plan, plan.ngay.nam), &all));
    for &p in &periods {
        let items = tracked(plan, p.year);
        let w = data.window(plan, p)?;
        let picks = picks(&items, &all, &w, &data.cut_offs);
        let progress = progress(&items, &all, &picks, w.cut_off);
        warnings.extend(unreported(&data.dir, p, &items, &progress));
    }
    Ok((warnings, periods))
}
