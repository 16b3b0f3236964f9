//! Checks a period's merged data against the plan and the period: ids that exist, a status
//! that fits its share and date, completion dates inside [plan date, cut-off], TTHC totals
//! that add up. Every problem is located in its file.

use super::data::{Status, TthcRow};
use super::load::{Merged, Origin};
use super::period::Period;
use crate::error::DataError;
use crate::model::date::{short_date, PartialDate};
use crate::model::tracked::Tracked;
use chrono::NaiveDate;
use std::collections::HashMap;

/// The window a period's data must fall in.
pub struct Window {
    /// The report's period: its own data outranks another period's cut off the same day
    /// (a quarter's report against the 6-month file, both cut off on 14/6).
    pub period: Period,
    /// The plan's issue date (its earliest possible day when the day is left blank).
    pub plan_date: NaiveDate,
    pub start: NaiveDate,
    pub cut_off: NaiveDate,
    /// "quý I năm 2024".
    pub wording: String,
    /// Where `plan_date` and `cut_off` were written when another file (chung.yaml) gives
    /// them: an error they cause says so once, at that place.
    pub plan_date_given: Option<Given>,
    pub cut_off_given: Option<Given>,
}

/// A value of another file a period's data is checked against, and where it is written.
#[derive(Debug, Clone)]
pub struct Given {
    pub file: std::path::PathBuf,
    pub location: Option<crate::model::locate::Location>,
    pub path: String,
    /// The value as written there.
    pub shown: String,
}

impl Given {
    /// The one error naming this place as the source of the errors that say `compared`.
    fn note(&self, expected: String, compared: &str) -> DataError {
        DataError {
            file: self.file.clone(),
            location: self.location,
            path: Some(self.path.clone()),
            expected,
            found: Some(format!(
                "{} (các lỗi \"{compared}\" dưới đây so với ngày này)",
                self.shown
            )),
        }
    }
}

impl Window {
    /// Whether a data set cut off on `day` belongs to this window.
    pub fn holds(&self, day: NaiveDate) -> bool {
        (self.start..=self.cut_off).contains(&day)
    }
}

/// Errors and warnings of one period's data.
pub fn check(m: &Merged, items: &[Tracked], w: &Window) -> (Vec<DataError>, Vec<String>) {
    let mut errors = Vec::new();
    // What the files' scan found (text cut by a comment, characters no font draws) first.
    let mut warnings = m.warnings.clone();
    let outside = check_entries(m, items, w, &mut errors);
    note_given_ends(w, outside, &mut errors);
    for (row, at) in m.tthc.iter().flatten() {
        check_tthc(m, row, at, &mut errors);
    }
    check_report_date(m, w, &mut errors, &mut warnings);
    (errors, warnings)
}

/// Which ends of the window some day fell past: only those ends' sources are named.
#[derive(Default, Clone, Copy)]
struct Outside {
    after_cut_off: bool,
    before_plan: bool,
}

/// `at`'s field `f`: where an entry's own values are written.
fn field_of(at: &Origin, f: &str) -> Origin {
    Origin {
        file: at.file,
        path: format!("{}.{f}", at.path),
    }
}

/// Each entry's id, share and completion days, so one entry's errors stay together.
fn check_entries(
    m: &Merged,
    items: &[Tracked],
    w: &Window,
    errors: &mut Vec<DataError>,
) -> Outside {
    let by_id: HashMap<&str, &Tracked> = items.iter().map(|t| (t.id.as_str(), t)).collect();
    let mut outside = Outside::default();
    for (id, (e, at)) in &m.entries {
        let Some(item) = by_id.get(id.as_str()) else {
            errors.push(unknown_id(m, items, id, at));
            continue;
        };
        if let Some(p) = e.ty_le {
            errors.extend(
                share_slip(e.trang_thai, p).map(|(expected, found)| {
                    m.error(&field_of(at, "ty_le"), expected, Some(found))
                }),
            );
        }
        let days = &e.ngay_hoan_thanh.0;
        let dues = item.deadline.as_ref().map_or(&[][..], |d| d.dues());
        match completion_slip(e.trang_thai, days, dues) {
            Some((f, expected, found)) => {
                errors.push(m.error(&field_of(at, f), expected, Some(found)))
            }
            None => check_days(m, w, days, at, errors, &mut outside),
        }
    }
    outside
}

/// An entry whose id is no task or appendix row, with the nearest id as a hint at a typo.
fn unknown_id(m: &Merged, items: &[Tracked], id: &str, at: &Origin) -> DataError {
    let hint = crate::model::load::nearest(id, items.iter().map(|t| t.id.as_str()))
        .map_or(String::new(), |c| format!(" (có phải `{c}`?)"));
    m.error(
        at,
        "mã nhiệm vụ có trong plan.yaml, hoặc dòng phụ lục dạng `<mã phụ lục>/<TT>` (ví dụ `par-index/1.2`)",
        Some(format!("`{id}`{hint}")),
    )
}

/// What is wrong with share `p` (out of 0–100, or against status `s`), as (expected, found).
fn share_slip(s: Status, p: f64) -> Option<(&'static str, String)> {
    if !(0.0..=100.0).contains(&p) {
        Some(("tỷ lệ từ 0 đến 100 (%)", p.to_string()))
    } else if s == Status::Done && p < 100.0 {
        Some((
            "tỷ lệ 100 (hoặc bỏ trống) khi đã hoàn thành",
            format!("{p} với trạng thái hoàn thành"),
        ))
    } else if s == Status::NotStarted && p > 0.0 {
        Some((
            "tỷ lệ 0 (hoặc bỏ trống) khi chưa thực hiện; nếu đã làm một phần, ghi trạng thái \"đang thực hiện\"",
            format!("{p}"),
        ))
    } else {
        None
    }
}

/// Each completion day inside [plan date, cut-off] and in round order; `outside` notes ends passed.
fn check_days(
    m: &Merged,
    w: &Window,
    days: &[crate::model::date::Day],
    entry: &Origin,
    errors: &mut Vec<DataError>,
    outside: &mut Outside,
) {
    for (i, day) in days.iter().enumerate() {
        let at = field_of(
            entry,
            &if days.len() > 1 {
                format!("ngay_hoan_thanh[{i}]")
            } else {
                "ngay_hoan_thanh".to_string()
            },
        );
        let expected = if day.0 > w.cut_off {
            outside.after_cut_off = true;
            format!(
                "ngày hoàn thành không sau ngày chốt số liệu {} của kỳ {}",
                short_date(w.cut_off),
                w.wording
            )
        } else if day.0 < w.plan_date {
            outside.before_plan = true;
            format!(
                "ngày hoàn thành không trước ngày ban hành kế hoạch ({})",
                short_date(w.plan_date)
            )
        } else if i > 0 && day.0 < days[i - 1].0 {
            format!(
                "ngày hoàn thành các đợt theo thứ tự: đợt {} không trước đợt {i} ({})",
                i + 1,
                short_date(days[i - 1].0)
            )
        } else {
            continue;
        };
        errors.push(m.error(&at, expected, Some(short_date(day.0))));
    }
}

/// A passed end written in another file first: the cause, never cut off by the cap on errors.
fn note_given_ends(w: &Window, outside: Outside, errors: &mut Vec<DataError>) {
    if let Some(g) = w.plan_date_given.as_ref().filter(|_| outside.before_plan) {
        let expected = "ngày ban hành kế hoạch không sau các ngày hoàn thành đã báo cáo";
        errors.insert(
            0,
            g.note(expected.into(), "không trước ngày ban hành kế hoạch"),
        );
    }
    if let Some(g) = w.cut_off_given.as_ref().filter(|_| outside.after_cut_off) {
        let expected = format!(
            "ngày chốt số liệu kỳ {} không trước các ngày hoàn thành đã báo cáo",
            w.wording
        );
        errors.insert(0, g.note(expected, "không sau ngày chốt số liệu"));
    }
}

/// The report's date: not before the period; a full date before the cut-off only warns (unusual).
fn check_report_date(
    m: &Merged,
    w: &Window,
    errors: &mut Vec<DataError>,
    warnings: &mut Vec<String>,
) {
    let (Some(ngay), Some(at)) = (&m.report.ngay, m.origins.get("ngay")) else {
        return;
    };
    if let Err(e) = ngay.check() {
        errors.push(m.error(at, e, None));
        return;
    }
    let Some(date) = last_possible_day(ngay) else {
        return;
    };
    if date < w.start {
        errors.push(m.error(
            at,
            format!(
                "ngày báo cáo trong hoặc sau kỳ {} (từ {})",
                w.wording,
                short_date(w.start)
            ),
            Some(shown_report_date(ngay, date)),
        ));
    } else if date < w.cut_off && ngay.ngay.is_some() {
        warnings.push(m.warning(
            at,
            &format!(
                "ngày báo cáo {} sớm hơn ngày chốt số liệu {}",
                short_date(date),
                short_date(w.cut_off)
            ),
        ));
    }
}

/// The last day a date left partly blank for the văn thư can be: it must be in the period.
fn last_possible_day(ngay: &PartialDate) -> Option<NaiveDate> {
    match (ngay.ngay, ngay.thang) {
        (Some(d), Some(mo)) => NaiveDate::from_ymd_opt(ngay.nam, mo, d),
        (None, Some(mo)) => NaiveDate::from_ymd_opt(ngay.nam, mo, 1)
            .and_then(|d| d.checked_add_months(chrono::Months::new(1)))
            .and_then(|d| d.pred_opt()),
        _ => NaiveDate::from_ymd_opt(ngay.nam, 12, 31),
    }
}

/// The report date as written ("tháng 3/2024"), not a last day the data did not give.
fn shown_report_date(ngay: &PartialDate, last_day: NaiveDate) -> String {
    match (ngay.ngay, ngay.thang) {
        (Some(_), Some(_)) => short_date(last_day),
        (None, Some(mo)) => format!("tháng {mo}/{}", ngay.nam),
        _ => format!("năm {}", ngay.nam),
    }
}

/// "31/05/2025, 31/10/2025".
fn shown_dues(dues: &[NaiveDate]) -> String {
    dues.iter()
        .map(|d| short_date(*d))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What is wrong with the completion days `given` for status `s` of work with deadlines `dues`
/// (one per round), as (field, expected, found). Completed work has one day per round when
/// it has a deadline; work in rounds not yet completed lists the days of the rounds done.
fn completion_slip(
    s: Status,
    given: &[crate::model::date::Day],
    dues: &[NaiveDate],
) -> Option<(&'static str, String, String)> {
    let (n, count) = (dues.len(), given.len());
    let shown = match given {
        [] => "không có ngày hoàn thành".to_string(),
        [one] => short_date(one.0),
        many => format!(
            "{count} ngày: {}",
            shown_dues(&many.iter().map(|d| d.0).collect::<Vec<_>>())
        ),
    };
    match s {
        Status::Done if count == 0 && n == 1 => Some((
            "trang_thai",
            format!(
                "`ngay_hoan_thanh` để tính đúng hạn hay trễ hạn (hạn {})",
                shown_dues(dues)
            ),
            "trạng thái hoàn thành nhưng không có ngày hoàn thành".into(),
        )),
        Status::Done if n > 1 && count != n => Some((
            if count == 0 {
                "trang_thai"
            } else {
                "ngay_hoan_thanh"
            },
            format!(
                "`ngay_hoan_thanh` ghi ngày hoàn thành của từng đợt trong {n} đợt (hạn {}), ví dụ [28/5/2025, 20/10/2025]",
                shown_dues(dues)
            ),
            shown.clone(),
        )),
        Status::Done if n <= 1 && count > 1 => Some((
            "ngay_hoan_thanh",
            "một ngày hoàn thành (nhiệm vụ có một thời hạn, không chia đợt)".into(),
            shown.clone(),
        )),
        Status::InProgress if n > 1 && count >= n => Some((
            "trang_thai",
            format!("trạng thái \"hoàn thành\" khi đã xong cả {n} đợt"),
            format!("\"đang thực hiện\" với {}", shown.clone()),
        )),
        Status::InProgress if n > 1 => None,
        Status::InProgress | Status::NotStarted if count > 0 => Some((
            "ngay_hoan_thanh",
            if n > 1 {
                "ngày hoàn thành chỉ ghi khi trạng thái là \"hoàn thành\", hoặc \"đang thực hiện\" khi đã xong một số đợt".into()
            } else {
                "ngày hoàn thành chỉ ghi khi trạng thái là \"hoàn thành\"".into()
            },
            shown.clone(),
        )),
        _ => None,
    }
}

/// Biểu 06's balances, per row: received = online + direct + carried over; resolved =
/// early + on time + late; pending = within + past the deadline; received = resolved +
/// pending.
fn check_tthc(m: &Merged, r: &TthcRow, at: &Origin, errors: &mut Vec<DataError>) {
    let rp = &at.path;
    let here = |f: &str| Origin {
        file: at.file,
        path: format!("{rp}.{f}"),
    };
    let name = r.linh_vuc.trim();
    if name.is_empty() || crate::model::validate::yaml_null(name) {
        let found = if name.is_empty() {
            "chuỗi rỗng".to_string()
        } else {
            format!("`{name}` (trong YAML nghĩa là để trống)")
        };
        errors.push(m.error(&here("linh_vuc"), "tên lĩnh vực", Some(found)));
    }
    let sums = [
        (
            "tiep_nhan.tong",
            r.tiep_nhan.tong,
            r.tiep_nhan.truc_tuyen + r.tiep_nhan.truc_tiep + r.tiep_nhan.tu_ky_truoc,
            "trực tuyến + trực tiếp + từ kỳ trước",
        ),
        (
            "da_giai_quyet.tong",
            r.da_giai_quyet.tong,
            r.da_giai_quyet.truoc_han + r.da_giai_quyet.dung_han + r.da_giai_quyet.qua_han,
            "trước hạn + đúng hạn + quá hạn",
        ),
        (
            "dang_giai_quyet.tong",
            r.dang_giai_quyet.tong,
            r.dang_giai_quyet.trong_han + r.dang_giai_quyet.qua_han,
            "trong hạn + quá hạn",
        ),
    ];
    let mut ok = true;
    for (field, given, computed, formula) in sums {
        if let Some(g) = given {
            if g != computed {
                ok = false;
                errors.push(m.error(
                    &here(field),
                    format!("tổng số = {formula} = {computed} (dòng \"{name}\")"),
                    Some(g.to_string()),
                ));
            }
        }
    }
    if ok {
        let t = tthc_totals(r);
        if t.received != t.resolved + t.pending {
            errors.push(m.error(
                &Origin {
                    file: at.file,
                    path: rp.clone(),
                },
                format!("số hồ sơ nhận = đã giải quyết + đang giải quyết (dòng \"{name}\")"),
                Some(format!(
                    "nhận {}, đã giải quyết {} + đang giải quyết {} = {}",
                    t.received,
                    t.resolved,
                    t.pending,
                    t.resolved + t.pending
                )),
            ));
        }
    }
}

/// The three totals of a TTHC row, computed from its parts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TthcTotals {
    pub received: u64,
    pub resolved: u64,
    pub pending: u64,
}

pub fn tthc_totals(r: &TthcRow) -> TthcTotals {
    TthcTotals {
        received: r.tiep_nhan.truc_tuyen + r.tiep_nhan.truc_tiep + r.tiep_nhan.tu_ky_truoc,
        resolved: r.da_giai_quyet.truoc_han + r.da_giai_quyet.dung_han + r.da_giai_quyet.qua_han,
        pending: r.dang_giai_quyet.trong_han + r.dang_giai_quyet.qua_han,
    }
}
