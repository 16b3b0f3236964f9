//! Checks a deserialized plan for what serde cannot see: references to units, appendices
//! and indices that exist, unique ids, real dates, settings within Decree 30's ranges. All
//! problems are collected and reported together.

mod agency;
mod appendices;
mod body;
mod checker;
mod closing;
mod deadlines;
mod header;
mod layout;
mod units;

use super::locate::Locations;
use super::plan::Plan;
use crate::error::DataError;
use checker::Checker;
use std::path::Path;

/// Deepest body level: I. → 1. → 1.1. → 1.1.1.
pub const MAX_DEPTH: usize = 4;

/// YAML's words for "no value", which serde hands to a text field as the letters themselves.
pub fn yaml_null(s: &str) -> bool {
    let t = s.trim();
    t == "~" || t.eq_ignore_ascii_case("null")
}

/// Validates `plan`; returns the warnings (things a reviewer should look at) or every error.
/// The rules run in the order of the document, so problems are listed as a reader meets them.
pub fn validate(plan: &Plan, file: &Path, loc: &Locations) -> Result<Vec<String>, Vec<DataError>> {
    let mut c = Checker::new(file, loc);
    agency::names(&mut c, &plan.co_quan);
    header::place_and_subject(&mut c, plan);
    header::real_date(&mut c, plan);
    header::number_from_one(&mut c, plan);
    units::keys_and_names(&mut c, &plan.don_vi);
    let task_ids = body::items(&mut c, plan);
    appendices::tables(&mut c, plan);
    closing::signature(&mut c, &plan.ky);
    closing::recipients(&mut c, &plan.noi_nhan);
    closing::filed_copy(&mut c, &plan.luu);
    layout::nd30_ranges(&mut c, &plan.trinh_bay);
    deadlines::deadlines_and_row_ids(&mut c, plan, &task_ids);
    // What a reviewer checks by eye under Decree 30; warnings only.
    appendices::referred_to(&mut c, plan);
    agency::line_widths(&mut c, &plan.co_quan);
    header::number_and_day_together(&mut c, plan);
    c.finish()
}
