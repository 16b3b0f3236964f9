//! The letter's settings as read: the period's `don_doc` over chung.yaml's, each field
//! traced back to the file and line it came from so a mistake is located.

use super::data::Settings;
use super::REPLY_DAYS;
use crate::error::DataError;
use crate::kinds::report::load::{Merged, Origin};
use crate::kinds::report::Computed;
use crate::model::date::{short_date, PartialDate};
use crate::model::locate::{Location, Locations};
use crate::model::plan::Plan;
use chrono::{Days, NaiveDate};
use std::path::PathBuf;

/// The letter's settings, the period's and chung.yaml's apart, with where each was read.
pub struct Placed<'a> {
    pub own: Settings,
    pub common: Settings,
    /// The period's data set and the file index and path of its `don_doc`.
    own_at: Option<(&'a Merged, &'a Origin)>,
    common_at: Option<&'a (PathBuf, Locations)>,
}

impl<'a> Placed<'a> {
    pub fn of(c: &'a Computed<'a>) -> Placed<'a> {
        let own = c.own.report.don_doc.clone().unwrap_or_default();
        Placed {
            own,
            common: c.data.common.don_doc.clone().unwrap_or_default(),
            own_at: c.own.origins.get("don_doc").map(|o| (c.own, o)),
            common_at: c.data.common_at.as_ref(),
        }
    }

    /// The file, place and path of `don_doc.<field>`: the period's when it gives the field,
    /// else chung.yaml's.
    fn at(&self, field: &str) -> (PathBuf, Option<Location>, String) {
        if let (true, Some((m, o))) = (self.own_gives(field), &self.own_at) {
            if let Some((file, loc)) = m.files.get(o.file) {
                let path = format!("{}.{field}", o.path);
                return (file.clone(), loc.find(&path), path);
            }
        }
        let path = format!("don_doc.{field}");
        match self.common_at {
            Some((file, loc)) => (file.clone(), loc.find(&path), path),
            None => (PathBuf::new(), None, path),
        }
    }

    /// Whether the period's own section gives `field`.
    fn own_gives(&self, field: &str) -> bool {
        let s = &self.own;
        match field {
            "ngay" => s.ngay.is_some(),
            "han_bao_cao" => s.han_bao_cao.is_some(),
            "ky_hieu" => s.ky_hieu.is_some(),
            _ => false,
        }
    }

    pub fn error(&self, field: &str, expected: String, found: Option<String>) -> DataError {
        let (file, location, path) = self.at(field);
        DataError {
            file,
            location,
            path: Some(path),
            expected,
            found,
        }
    }

    pub fn warning(&self, field: &str, what: &str) -> String {
        let (file, location, path) = self.at(field);
        let l = location.map_or(String::new(), |l| format!(":{}:{}", l.line, l.column));
        format!("{}{l}: `{path}`: {what}", file.display())
    }
}

pub fn full_date(d: &PartialDate) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(d.nam, d.thang?, d.ngay?)
}

/// The day units report back by: `han_bao_cao`, else [`REPLY_DAYS`] after the letter's date
/// (after the cut-off while the letter's day is left blank); the errors of a letter date
/// that does not exist or a deadline not after it.
pub fn reply_by(
    s: &Settings,
    ngay: &PartialDate,
    cut_off: NaiveDate,
    placed: &Placed,
) -> (NaiveDate, Vec<DataError>) {
    let mut errors = Vec::new();
    if let Err(e) = ngay.check() {
        // The check's message names what it found.
        errors.push(placed.error("ngay", e, None));
    }
    let (base, what) = match full_date(ngay) {
        Some(d) => (d, "ngày của công văn"),
        None => (cut_off, "ngày chốt số liệu"),
    };
    let by = match s.han_bao_cao {
        Some(d) if d.0 <= base => {
            errors.push(placed.error(
                "han_bao_cao",
                format!("hạn báo cáo sau {what} ({})", short_date(base)),
                Some(short_date(d.0)),
            ));
            d.0
        }
        Some(d) => d.0,
        None => base + Days::new(REPLY_DAYS),
    };
    (by, errors)
}

/// The symbol after the letter's number: `ky_hieu` ("UBND-VP", a leading "/" dropped), by
/// default the agency's abbreviation and "VP"; an empty one is an error.
pub fn symbol(s: &Settings, plan: &Plan, placed: &Placed, errors: &mut Vec<DataError>) -> String {
    match s
        .ky_hieu
        .as_deref()
        .map(|k| k.trim().trim_start_matches('/').trim())
    {
        None => format!("{}-VP", plan.co_quan.viet_tat.trim()),
        Some("") => {
            errors.push(placed.error(
                "ky_hieu",
                "ký hiệu công văn sau số, ví dụ UBND-VP".into(),
                Some("chuỗi rỗng".into()),
            ));
            String::new()
        }
        Some(k) => k.to_string(),
    }
}
