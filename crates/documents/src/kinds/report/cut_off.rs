//! The cut-offs of `chung.yaml` (`ngay_chot`): each a day every year has, in the order of
//! the periods; the ones not set keep BNV 581's.

use super::data::CutOffSettings;
use super::period::{CutOffs, Period, PeriodKind};
use crate::error::{DataError, Error, Result};
use crate::model::locate::Locations;
use chrono::NaiveDate;
use std::path::Path;

/// A cut-off "14/3": a day and month that every year has, or why not. 29/2 is refused: the
/// periods of three years in four would have no cut-off.
fn day_month(text: &str) -> std::result::Result<(u32, u32), String> {
    let shown = format!("\"{text}\"");
    let parsed = text.trim().split_once('/').and_then(|(d, m)| {
        let d: u32 = d.trim().parse().ok()?;
        let m: u32 = m.trim().parse().ok()?;
        Some((d, m))
    });
    let Some((d, m)) = parsed else {
        return Err(shown);
    };
    if NaiveDate::from_ymd_opt(2023, m, d).is_some() {
        Ok((d, m))
    } else if NaiveDate::from_ymd_opt(2024, m, d).is_some() {
        Err(format!(
            "{shown} (ngày {d}/{m} chỉ có trong năm nhuận, các năm khác sẽ không có ngày chốt; dùng 28/2 hoặc 1/3)"
        ))
    } else if (1..=12).contains(&m) {
        Err(format!("{shown} (tháng {m} không có ngày {d})"))
    } else {
        Err(format!("{shown} (không có tháng {m})"))
    }
}

/// The cut-offs `chung.yaml` sets (the others keep BNV 581's), each a day every year has,
/// in the order of the periods.
pub fn read(file: &Path, loc: &Locations, n: &CutOffSettings) -> Result<CutOffs> {
    let mut c = CutOffs::default();
    let mut errors = Vec::new();
    let error = |field: &str, expected: String, found: String| {
        let path = format!("ngay_chot.{field}");
        DataError {
            file: file.to_path_buf(),
            location: loc.find(&path),
            path: Some(path),
            expected,
            found: Some(found),
        }
    };
    for (field, value, slot) in [
        ("quy_1", &n.quy_1, &mut c.q1),
        ("6_thang", &n.sau_thang, &mut c.h1),
        ("9_thang", &n.chin_thang, &mut c.q3),
        ("nam", &n.nam, &mut c.year),
    ] {
        let Some(v) = value else { continue };
        match day_month(v) {
            Ok(dm) => *slot = dm,
            Err(found) => errors.push(error(
                field,
                "ngày/tháng chốt số liệu có trong mọi năm, ví dụ \"14/3\"".into(),
                found,
            )),
        }
    }
    if errors.is_empty() {
        for (field, found) in out_of_order(&c, n) {
            errors.push(error(
                field,
                "các ngày chốt theo thứ tự trong năm: quý I, 6 tháng, 9 tháng, năm".into(),
                found,
            ));
        }
    }
    if errors.is_empty() {
        Ok(c)
    } else {
        Err(Error::Data(errors))
    }
}

/// Cut-offs not after the one before them, each as (field to fix, what was found).
fn out_of_order(c: &CutOffs, n: &CutOffSettings) -> Vec<(&'static str, String)> {
    let order = [
        ("quy_1", c.q1, n.quy_1.is_some()),
        ("6_thang", c.h1, n.sau_thang.is_some()),
        ("9_thang", c.q3, n.chin_thang.is_some()),
        ("nam", c.year, n.nam.is_some()),
    ];
    let shown = |(name, (d, m), given): (&str, (u32, u32), bool)| {
        let default = if given { "" } else { ", mặc định" };
        format!("`{name}` ({d}/{m}{default})")
    };
    let mut found = Vec::new();
    for pair in order.windows(2) {
        let [early, late] = *pair else { continue };
        let ((ed, em), (ld, lm)) = (early.1, late.1);
        if (lm, ld) > (em, ed) {
            continue;
        }
        // The place to fix is the later cut-off, unless only the earlier one is written.
        let at = if late.2 || !early.2 { late } else { early };
        found.push((at.0, format!("{} không sau {}", shown(late), shown(early))));
    }
    found
}

/// The cut-off field of chung.yaml that period `p` ends on, and its value, when set there.
pub fn setting(n: &CutOffSettings, p: Period) -> Option<(&'static str, &String)> {
    use PeriodKind as K;
    match p.kind {
        K::Quarter(1) => n.quy_1.as_ref().map(|v| ("quy_1", v)),
        K::Quarter(2) | K::SixMonths => n.sau_thang.as_ref().map(|v| ("6_thang", v)),
        K::Quarter(3) | K::NineMonths => n.chin_thang.as_ref().map(|v| ("9_thang", v)),
        K::Quarter(_) | K::Year => n.nam.as_ref().map(|v| ("nam", v)),
    }
}
