//! The forms' settings as read: chung.yaml's `phieu` section with its defaults, each unit
//! key checked against the plan's `don_vi` and a mistake located in chung.yaml.

use crate::error::{DataError, Error, Result};
use crate::kinds::report::open::ReportData;
use crate::model::plan::Plan;
use chrono::{Days, NaiveDate};
use std::path::Path;

/// Days before the cut-off a form is due back when chung.yaml does not say.
pub const REPLY_DAYS_BEFORE: u32 = 3;

#[derive(Debug, Clone)]
pub struct Settings {
    /// The unit that compiles the report.
    pub compiler: String,
    /// The day filled forms are due back.
    pub reply_by: NaiveDate,
    /// Units chung.yaml gives a TTHC sheet.
    pub tthc: Vec<String>,
    /// The plan's units in the order plan.yaml lists them.
    pub units: Vec<String>,
}

/// The plan's unit keys in the order plan.yaml writes them: `don_vi` is kept sorted, but
/// "the first unit" is the one the clerk wrote first.
pub fn unit_order(plan_file: &Path, plan: &Plan) -> Vec<String> {
    let locations = crate::model::load::read_text(plan_file)
        .ok()
        .map(|t| crate::model::locate::Locations::index(&t));
    let mut keys: Vec<(usize, String)> = plan
        .don_vi
        .keys()
        .map(|k| {
            let line = locations
                .as_ref()
                .and_then(|l| l.find(&format!("don_vi.{k}")))
                .map_or(usize::MAX, |l| l.line);
            (line, k.clone())
        })
        .collect();
    keys.sort();
    keys.into_iter().map(|(_, k)| k).collect()
}

/// Reads the settings for a period cut off on `cut_off`.
pub fn read(
    plan_file: &Path,
    plan: &Plan,
    data: &ReportData,
    cut_off: NaiveDate,
) -> Result<Settings> {
    let units = unit_order(plan_file, plan);
    let Some(first) = units.first().cloned() else {
        return Err(Error::Usage(format!(
            "{}: kế hoạch chưa khai đơn vị nào (`don_vi`), không có đơn vị để gửi phiếu",
            plan_file.display()
        )));
    };
    let section = data.common.phieu.clone().unwrap_or_default();
    let mut errors = Vec::new();
    let known = units.join(", ");
    let mut check = |key: &str, path: String| {
        if !plan.don_vi.contains_key(key) {
            errors.push(located(data, path, &known, key));
        }
    };
    if let Some(c) = &section.don_vi_tong_hop {
        check(c, "phieu.don_vi_tong_hop".into());
    }
    let tthc = section.tthc.clone().unwrap_or_default();
    for (i, k) in tthc.iter().enumerate() {
        check(k, format!("phieu.tthc[{i}]"));
    }
    let days = section.han_gui_lai_truoc.unwrap_or(REPLY_DAYS_BEFORE);
    let reply_by = cut_off.checked_sub_days(Days::new(u64::from(days)));
    if reply_by.is_none() {
        errors.push(DataError {
            file: common_file(data),
            location: find(data, "phieu.han_gui_lai_truoc"),
            path: Some("phieu.han_gui_lai_truoc".into()),
            expected: "số ngày trước ngày chốt số liệu, ví dụ 3".into(),
            found: Some(days.to_string()),
        });
    }
    match reply_by {
        Some(reply_by) if errors.is_empty() => Ok(Settings {
            compiler: section.don_vi_tong_hop.unwrap_or(first),
            reply_by,
            tthc,
            units,
        }),
        _ => Err(Error::Data(errors)),
    }
}

fn common_file(data: &ReportData) -> std::path::PathBuf {
    data.common_at.as_ref().map_or_else(
        || data.dir.join(crate::kinds::report::load::COMMON_FILE),
        |(f, _)| f.clone(),
    )
}

fn find(data: &ReportData, path: &str) -> Option<crate::model::locate::Location> {
    data.common_at.as_ref().and_then(|(_, l)| l.find(path))
}

/// A unit key of chung.yaml that the plan has no unit for.
fn located(data: &ReportData, path: String, known: &str, key: &str) -> DataError {
    DataError {
        file: common_file(data),
        location: find(data, &path),
        path: Some(path),
        expected: format!("mã một đơn vị trong `don_vi` của kế hoạch ({known})"),
        found: Some(format!("\"{key}\"")),
    }
}
