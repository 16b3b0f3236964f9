//! The periodic CCHC report: a plan's progress data for a period (quý, 6 tháng, 9 tháng,
//! năm) → checked, merged, counted at the period's cut-off → `ReportView` → `bao-cao.xml`.
//!
//! Progress data are snapshots at cut-offs: a report takes, for every task, the latest
//! status among the periods whose cut-off falls in its window (a 6-month report reads the
//! Q1 and the 6-month data), and compares with the cumulative period before it.

pub mod check;
pub mod data;
pub mod document;
pub mod figures;
pub mod load;
pub mod period;
pub mod view;

use crate::error::{DataError, Error, Result};
use crate::model::date::short_date;
use crate::model::date::PartialDate;
use crate::model::deadline;
use crate::model::frame::{FrameInput, BAO_CAO, KE_HOACH};
use crate::model::plan::Plan;
use crate::model::tracked::{self as items, Tracked};
use check::Window;
use chrono::{Datelike, NaiveDate};
use data::{Common, Entry};
use figures::{Figures, Progress};
use load::{Merged, Source};
use period::{CutOffs, Period};
use std::path::{Path, PathBuf};

/// A plan's report data: its common settings and the periods that have data.
pub struct ReportData {
    pub dir: PathBuf,
    pub common: Common,
    pub cut_offs: CutOffs,
    pub sources: Vec<Source>,
    pub warnings: Vec<String>,
    /// `chung.yaml` and where its values are, for errors they cause in period files.
    pub common_at: Option<(PathBuf, crate::model::locate::Locations)>,
}

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
fn cut_offs(
    file: &Path,
    loc: &crate::model::locate::Locations,
    n: &data::CutOffSettings,
) -> Result<CutOffs> {
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
fn out_of_order(c: &CutOffs, n: &data::CutOffSettings) -> Vec<(&'static str, String)> {
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

/// Reads `bao-cao/` beside the plan: `chung.yaml` and the list of periods.
pub fn open(plan_file: &Path) -> Result<ReportData> {
    let dir = load::report_dir(plan_file);
    let (sources, mut warnings) = load::discover(&dir)?;
    let mut cut_offs = CutOffs::default();
    let mut common_at = None;
    let common = match load::load_common(&dir)? {
        None => Common::default(),
        Some((file, loaded)) => {
            warnings.extend(loaded.warnings);
            if let Some(n) = &loaded.value.ngay_chot {
                cut_offs = self::cut_offs(&file, &loaded.locations, n)?;
            }
            common_at = Some((file, loaded.locations));
            loaded.value
        }
    };
    Ok(ReportData {
        dir,
        common,
        cut_offs,
        sources,
        warnings,
        common_at,
    })
}

/// A warning when plan.yaml and `chung.yaml` give the plan different numbers, naming both
/// places: the report prints plan.yaml's. The files are read again only then.
pub fn number_mismatch(plan_file: &Path, plan: &Plan, data: &ReportData) -> Option<String> {
    let common = data.common.ke_hoach.as_ref().and_then(|k| k.so);
    let (Some(own), Some(other)) = (plan.so, common) else {
        return None;
    };
    if own == other {
        return None;
    }
    let at = |file: &Path, path: &str| {
        let found = crate::model::load::read_text(file)
            .ok()
            .and_then(|t| crate::model::locate::Locations::index(&t).find(path));
        let line = found.map_or(String::new(), |l| format!(":{}:{}", l.line, l.column));
        format!("{}{line}", file.display())
    };
    Some(format!(
        "{}: `so`: Kế hoạch số {own} ở đây nhưng là số {other} ở {} (`ke_hoach.so`); báo cáo in số {own} của plan.yaml: sửa cho hai nơi cùng một số, hoặc bỏ `ke_hoach.so` khi plan.yaml đã có số",
        at(plan_file, "so"),
        at(&data.dir.join(load::COMMON_FILE), "ke_hoach.so"),
    ))
}

/// The cut-off field of chung.yaml that period `p` ends on, and its value, when set there.
fn cut_off_setting(n: &data::CutOffSettings, p: Period) -> Option<(&'static str, &String)> {
    use period::PeriodKind as K;
    match p.kind {
        K::Quarter(1) => n.quy_1.as_ref().map(|v| ("quy_1", v)),
        K::Quarter(2) | K::SixMonths => n.sau_thang.as_ref().map(|v| ("6_thang", v)),
        K::Quarter(3) | K::NineMonths => n.chin_thang.as_ref().map(|v| ("9_thang", v)),
        K::Quarter(_) | K::Year => n.nam.as_ref().map(|v| ("nam", v)),
    }
}

/// The plan's number and issue date: plan.yaml's, else `chung.yaml`'s `ke_hoach`.
fn plan_issue(plan: &Plan, common: &Common) -> (Option<u32>, Option<NaiveDate>) {
    let so = plan
        .so
        .or_else(|| common.ke_hoach.as_ref().and_then(|k| k.so));
    let full = match (plan.ngay.ngay, plan.ngay.thang) {
        (Some(d), Some(m)) => NaiveDate::from_ymd_opt(plan.ngay.nam, m, d),
        _ => None,
    };
    let date = full.or_else(|| common.ke_hoach.as_ref().and_then(|k| k.ngay).map(|d| d.0));
    (so, date)
}

/// The earliest day the plan can have been issued.
fn plan_earliest(plan: &Plan, common: &Common) -> NaiveDate {
    plan_issue(plan, common).1.unwrap_or_else(|| {
        NaiveDate::from_ymd_opt(
            plan.ngay.nam,
            plan.ngay.thang.unwrap_or(1),
            plan.ngay.ngay.unwrap_or(1),
        )
        .unwrap_or(NaiveDate::MIN)
    })
}

impl ReportData {
    fn window(&self, plan: &Plan, p: Period) -> Result<Window> {
        let bad = || Error::Usage(format!("kỳ {p} nằm ngoài lịch có thể tính"));
        Ok(Window {
            plan_date: plan_earliest(plan, &self.common),
            start: p.start(&self.cut_offs).ok_or_else(bad)?,
            cut_off: p.cut_off(&self.cut_offs).ok_or_else(bad)?,
            wording: p.wording(),
            plan_date_given: self.plan_date_given(plan),
            cut_off_given: self.cut_off_given(p),
        })
    }

    /// A place in chung.yaml, with the value written there.
    fn given(&self, path: &str, shown: String) -> Option<check::Given> {
        let (file, loc) = self.common_at.as_ref()?;
        Some(check::Given {
            file: file.clone(),
            location: loc.find(path),
            path: path.to_string(),
            shown,
        })
    }

    /// chung.yaml's `ke_hoach.ngay`, when it is the plan date periods are checked against.
    fn plan_date_given(&self, plan: &Plan) -> Option<check::Given> {
        let in_plan = plan.ngay.ngay.is_some() && plan.ngay.thang.is_some();
        let day = self.common.ke_hoach.as_ref()?.ngay?;
        (!in_plan).then(|| self.given("ke_hoach.ngay", short_date(day.0)))?
    }

    /// chung.yaml's cut-off of period `p`, when set there.
    fn cut_off_given(&self, p: Period) -> Option<check::Given> {
        let (field, v) = cut_off_setting(self.common.ngay_chot.as_ref()?, p)?;
        self.given(&format!("ngay_chot.{field}"), format!("\"{}\"", v.trim()))
    }

    fn own(&self, p: Period) -> Option<&Source> {
        self.sources.iter().find(|s| s.period == p)
    }

    /// The data sets whose cut-off falls in one of `windows`, each loaded and checked once,
    /// against the plan's items read in its own year, in calendar order.
    fn snapshots(&self, plan: &Plan, windows: &[&Window]) -> Result<(Vec<Merged>, Vec<String>)> {
        let mut out = Vec::new();
        let mut errors = Vec::new();
        let mut warnings = Vec::new();
        for s in &self.sources {
            let Some(c) = s.period.cut_off(&self.cut_offs) else {
                continue;
            };
            if !windows.iter().any(|w| w.holds(c)) {
                continue;
            }
            let (m, e) = load::load_period(s)?;
            errors.extend(e);
            let own_window = self.window(plan, s.period)?;
            let items = items::tracked(plan, s.period.year);
            let (e, wr) = check::check(&m, &items, &own_window);
            add_new(&mut errors, e);
            warnings.extend(wr);
            out.push(m);
        }
        if errors.is_empty() {
            Ok((out, warnings))
        } else {
            Err(Error::Data(errors))
        }
    }
}

/// Adds the errors of `new` not already in `errors`: an error at a value of chung.yaml that
/// several periods are checked against is told once.
fn add_new(errors: &mut Vec<DataError>, new: Vec<DataError>) {
    for e in new {
        if !errors.contains(&e) {
            errors.push(e);
        }
    }
}

/// Where a report takes an item's entry from: one of the loaded data sets, and whether it
/// was carried over from before the report's window.
#[derive(Debug, Clone, Copy)]
pub struct Pick {
    pub set: usize,
    pub carried: bool,
}

/// Work done again and again ("Thường xuyên", "Hằng quý") is reported anew every period;
/// a one-off task once completed stays completed.
fn recurring(item: &Tracked) -> bool {
    matches!(
        item.deadline,
        Some(deadline::Deadline::Continuous | deadline::Deadline::Recurring(_))
    )
}

/// Each item's entry for the window `w`: the latest among the sets of `all` cut off inside
/// it; otherwise, for a one-off task, its latest entry before the window when that says
/// completed (or, for work in rounds, some rounds completed), so a clerk who leaves a
/// finished task out of a later file does not undo it. Work due again every year (a deadline
/// without a year) carries over only from sets of the window's year. `all` is in calendar
/// order.
fn picks(items: &[Tracked], all: &[Merged], w: &Window, cut_offs: &CutOffs) -> Vec<Option<Pick>> {
    let cut = |m: &Merged| m.period.cut_off(cut_offs);
    let inside: Vec<usize> = (0..all.len())
        .filter(|&i| cut(&all[i]).is_some_and(|c| w.holds(c)))
        .collect();
    let before: Vec<usize> = (0..all.len())
        .filter(|&i| cut(&all[i]).is_some_and(|c| c < w.start))
        .collect();
    let this_year: Vec<usize> = before
        .iter()
        .copied()
        .filter(|&i| cut(&all[i]).is_some_and(|c| c.year() == w.cut_off.year()))
        .collect();
    let latest = |sets: &[usize], id: &str| {
        sets.iter()
            .rev()
            .find(|&&i| all[i].entries.contains_key(id))
            .copied()
    };
    items
        .iter()
        .map(|it| match latest(&inside, &it.id) {
            Some(set) => Some(Pick {
                set,
                carried: false,
            }),
            None if recurring(it) => None,
            // Work in rounds also keeps the rounds reported completed.
            None => latest(if it.yearly() { &this_year } else { &before }, &it.id)
                .filter(|&i| {
                    let e = all[i].entries.get(&it.id).map(|(e, _)| e);
                    figures::rounds_done(it, e) > 0
                        || e.is_some_and(|e| e.trang_thai == data::Status::Done)
                })
                .map(|set| Pick { set, carried: true }),
        })
        .collect()
}

fn entry_of<'m>(all: &'m [Merged], item: &Tracked, pick: Option<Pick>) -> Option<&'m Entry> {
    pick.and_then(|p| all[p.set].entries.get(&item.id).map(|(e, _)| e))
}

fn progress(
    items: &[Tracked],
    all: &[Merged],
    picks: &[Option<Pick>],
    cut_off: NaiveDate,
) -> Vec<Progress> {
    items
        .iter()
        .zip(picks)
        .map(|(it, p)| figures::evaluate(it, entry_of(all, it, *p), cut_off))
        .collect()
}

/// The warning naming the tasks of period `p` that no data set reports, if any.
fn unreported(dir: &Path, p: Period, items: &[Tracked], progress: &[Progress]) -> Option<String> {
    let missing: Vec<&str> = items
        .iter()
        .zip(progress)
        .filter(|(_, p)| !p.is_reported())
        .map(|(it, _)| it.id.as_str())
        .collect();
    if missing.is_empty() {
        return None;
    }
    let shown: Vec<&str> = missing.iter().take(8).copied().collect();
    let more = if missing.len() > shown.len() {
        format!(" và {} nhiệm vụ khác", missing.len() - shown.len())
    } else {
        String::new()
    };
    Some(format!(
        "{}: kỳ {}: {} nhiệm vụ chưa báo cáo, ghi \"Chưa báo cáo\" trong báo cáo: {}{more}",
        dir.display(),
        p.key(),
        missing.len(),
        shown.join(", ")
    ))
}

/// A one-off task reported completed and later reported not completed: the later word wins,
/// but it is most likely a copy of an older file, so the clerk is told where.
fn reopened(items: &[Tracked], all: &[Merged]) -> Vec<String> {
    let mut done_in: std::collections::HashMap<&str, Period> = std::collections::HashMap::new();
    let mut out = Vec::new();
    for m in all {
        for it in items.iter().filter(|it| !recurring(it)) {
            let Some((e, at)) = m.entries.get(&it.id) else {
                continue;
            };
            if e.trang_thai == data::Status::Done {
                done_in.insert(it.id.as_str(), m.period);
            } else if let Some(p) = done_in
                .remove(it.id.as_str())
                // Work due every year starts afresh in a new one.
                .filter(|p| !it.yearly() || p.year == m.period.year)
            {
                let field = load::Origin {
                    file: at.file,
                    path: format!("{}.trang_thai", at.path),
                };
                out.push(m.warning(
                    &field,
                    &format!(
                        "nhiệm vụ đã báo cáo hoàn thành ở kỳ {} nay ghi chưa hoàn thành; báo cáo lấy trạng thái mới này — nếu tệp được chép từ kỳ cũ, hãy sửa lại",
                        p.wording()
                    ),
                ));
            }
        }
    }
    out
}

/// A report's computed content before it becomes a view.
pub struct Computed<'a> {
    pub items: Vec<Tracked>,
    /// Every data set cut off up to the report's cut-off, in calendar order.
    pub sets: Vec<Merged>,
    /// Per item, the set its entry comes from.
    pub picks: Vec<Option<Pick>>,
    pub progress: Vec<Progress>,
    pub figures: Figures,
    pub previous: Option<(Figures, String)>,
    pub window: Window,
    pub warnings: Vec<String>,
    pub data: &'a ReportData,
}

/// The error for a period `p` that has no data.
fn no_data(data: &ReportData, p: Period) -> Error {
    let have: Vec<String> = data.sources.iter().map(|s| s.period.key()).collect();
    Error::Data(vec![DataError {
        file: data.dir.clone(),
        location: None,
        path: None,
        expected: format!(
            "dữ liệu kỳ {} ({}): tệp {1}.yaml hoặc thư mục {1}/",
            p.wording(),
            p.key()
        ),
        found: Some(if have.is_empty() {
            "chưa có kỳ nào".to_string()
        } else {
            format!("chỉ có các kỳ: {}", have.join(", "))
        }),
    }])
}

/// Loads, checks and counts everything a report of `p` needs.
pub fn compute<'a>(plan: &Plan, data: &'a ReportData, p: Period) -> Result<Computed<'a>> {
    if data.own(p).is_none() {
        return Err(no_data(data, p));
    }
    let items = items::tracked(plan, p.year);
    let units: Vec<String> = plan.don_vi.keys().cloned().collect();
    let window = data.window(plan, p)?;
    // Every set up to the cut-off, each parsed once: the window's, the previous period's,
    // and the earlier ones completed tasks are carried over from.
    let history = Window {
        start: NaiveDate::MIN,
        ..data.window(plan, p)?
    };
    let (all, mut warnings) = data.snapshots(plan, &[&history])?;
    warnings.extend(reopened(&items, &all));
    // Compared with the previous period only when that period has data of its own: a
    // 9-month report with Q1 data alone has no "6 tháng" to compare with.
    let previous = data.window(plan, p.previous()).ok().and_then(|pw| {
        data.own(p.previous()).is_some().then(|| {
            // Deadlines without a year are the previous period's year's.
            let items = items::tracked(plan, p.previous().year);
            let pk = picks(&items, &all, &pw, &data.cut_offs);
            let pr = progress(&items, &all, &pk, pw.cut_off);
            (figures::tally(&items, &pr, &units), pw.wording.clone())
        })
    });
    let picks = picks(&items, &all, &window, &data.cut_offs);
    let progress = progress(&items, &all, &picks, window.cut_off);
    let figures = figures::tally(&items, &progress, &units);
    let sets = all;
    let own_kinh_gui = sets
        .iter()
        .find(|m| m.period == p)
        .and_then(|m| m.report.kinh_gui.as_ref());
    if own_kinh_gui.or(data.common.kinh_gui.as_ref()).is_none() {
        warnings.push(format!(
            "{}: báo cáo gửi cấp trên cần `kinh_gui` (trong {} hoặc tệp của kỳ {}); báo cáo sẽ không có dòng \"Kính gửi\"",
            data.dir.display(),
            load::COMMON_FILE,
            p.key()
        ));
    }
    warnings.extend(unreported(&data.dir, p, &items, &progress));
    Ok(Computed {
        items,
        sets,
        picks,
        progress,
        figures,
        previous,
        window,
        warnings,
        data,
    })
}

/// "Kế hoạch số 189/KH-UBND ngày 20/12/2023", or "Kế hoạch <title>" when it has no number.
fn plan_reference(plan: &Plan, common: &Common, title: &str) -> String {
    let (so, date) = plan_issue(plan, common);
    match (so, date) {
        (Some(so), Some(d)) => format!(
            "Kế hoạch số {}/{}-{} ngày {}",
            crate::model::date::fmt_day(so),
            KE_HOACH.abbreviation,
            plan.co_quan.viet_tat.trim(),
            short_date(d)
        ),
        (Some(so), None) => format!(
            "Kế hoạch số {}/{}-{}",
            crate::model::date::fmt_day(so),
            KE_HOACH.abbreviation,
            plan.co_quan.viet_tat.trim()
        ),
        _ => format!("Kế hoạch {}", lower_first(title)),
    }
}

/// "Kế hoạch số 189/KH-UBND" for titles, where the date would run into the period's words.
fn plan_short_reference(plan: &Plan, common: &Common, title: &str) -> String {
    match plan_issue(plan, common).0 {
        Some(so) => format!(
            "Kế hoạch số {}/{}-{}",
            crate::model::date::fmt_day(so),
            KE_HOACH.abbreviation,
            plan.co_quan.viet_tat.trim()
        ),
        None => plan_reference(plan, common, title),
    }
}

/// "Duy trì, cải thiện …" → "duy trì, cải thiện …" inside a sentence; words in capitals
/// ("PAR INDEX") and proper names the clerk wrote are kept.
fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if a.is_uppercase() && b.is_lowercase() => {
            let mut out: String = a.to_lowercase().collect();
            out.push(b);
            out.extend(chars);
            out
        }
        _ => s.to_string(),
    }
}

pub use view::ReportView;

/// The report's template context.
pub fn report_view(plan: &Plan, c: &Computed, p: Period) -> ReportView {
    use view::*;
    let own = c.sets.iter().find(|m| m.period == p).map(|m| &m.report);
    let empty = data::PeriodFile::default();
    let r = own.unwrap_or(&empty);
    let common = &c.data.common;
    let title = plan.trich_yeu.trim();
    // For the sentences that name the agency after the plan (opening, closing).
    let title_here = crate::model::frame::without_issuer(title, &plan.co_quan);
    let plan_ref = plan_reference(plan, common, title);
    let wording = p.wording();
    let agency = plan.co_quan.ten_day_du.trim();
    let default_date = PartialDate {
        ngay: None,
        thang: Some(chrono::Datelike::month(&c.window.cut_off)),
        nam: chrono::Datelike::year(&c.window.cut_off),
    };
    let ngay = r.ngay.unwrap_or(default_date);
    let noi_nhan = r
        .noi_nhan
        .as_deref()
        .or(common.noi_nhan.as_deref())
        .unwrap_or(&[]);
    let luu = r
        .luu
        .as_deref()
        .or(common.luu.as_deref())
        .unwrap_or(&plan.luu);
    let ky = r.ky.as_ref().or(common.ky.as_ref()).unwrap_or(&plan.ky);
    let trich_yeu = r.trich_yeu.clone().unwrap_or_else(|| {
        format!(
            "Kết quả thực hiện {} {wording}",
            plan_short_reference(plan, common, title)
        )
    });
    let kinh_gui = recipient_lines(
        &r.kinh_gui
            .as_ref()
            .or(common.kinh_gui.as_ref())
            .map(|t| t.0.clone())
            .unwrap_or_default(),
    );
    let frame = FrameInput {
        names: BAO_CAO,
        agency: &plan.co_quan,
        so: r.so,
        dia_danh: &plan.dia_danh,
        ngay: &ngay,
        trich_yeu,
        // "Như trên" stands for the Kính gửi: without one (a warning) it would name no one.
        nhu_tren: !kinh_gui.is_empty(),
        noi_nhan,
        luu,
        ky,
    }
    .view();
    let numbering = plan.trinh_bay.so_phu_luc.unwrap_or_default();
    let tthc = c
        .sets
        .iter()
        .rev()
        .find(|m| m.period == p)
        .and_then(|m| m.tthc.as_ref())
        .map(|rows| rows.iter().map(|(r, _)| r.clone()).collect::<Vec<_>>());
    // A plan whose body has no tasks and no appendix rows tracks nothing: the report has no
    // figures and no progress appendix, only what its data say (chỉ đạo, TTHC, …).
    let tracks = !c.items.is_empty();
    let tthc_at = usize::from(tracks);
    let appendix_count = tthc_at + usize::from(tthc.is_some());
    let label = |i| crate::model::view::appendix_label(i, appendix_count, numbering);
    let kem_theo = format!(
        "(Kèm theo {} số {} {} của {agency})",
        BAO_CAO.in_sentence,
        crate::model::frame::number_and_symbol(r.so, BAO_CAO, &plan.co_quan),
        ngay.long()
    );
    let head = |i: usize, title: &str| AppendixHead {
        so: label(i),
        tieu_de: title.to_string(),
        kem_theo: kem_theo.clone(),
    };
    let detail = |i: usize| format!("chi tiết tại {}", label(i));

    let so_lieu = figures_view(
        plan,
        &c.figures,
        c.previous.as_ref().map(|(f, w)| (f, w.clone())),
        &plan_ref,
        c.window.cut_off,
        &detail(0),
    );

    // I. … V. with their numbered sub-items; empty ones are left out.
    let texts = |t: &data::Texts| -> Vec<String> {
        t.0.iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    };
    // Items without text are left out, except the computed figures; numbers follow.
    let numbered = |list: Vec<(&'static str, Vec<String>)>| -> Vec<SubView> {
        list.into_iter()
            .filter(|(k, d)| !d.is_empty() || (*k == "ke-hoach" && tracks))
            .enumerate()
            .map(|(i, (khoa, doan))| SubView {
                so: format!("{}.", i + 1),
                khoa,
                doan,
            })
            .collect()
    };
    let mut tthc_para = texts(&r.ket_qua.thu_tuc_hanh_chinh);
    if let Some(rows) = &tthc {
        tthc_para.push(tthc_sentence(rows, &detail(tthc_at)));
    }
    let overdue: Vec<String> = c
        .items
        .iter()
        .zip(c.progress.iter().zip(&c.picks))
        .filter(|(_, (p, _))| p.is_overdue())
        .map(|(it, (_, pick))| {
            let entry = entry_of(&c.sets, it, *pick);
            // "hạn 31/5/2025", or for work in rounds "đợt 1 hạn 31/5/2025".
            let rounds = matches!(it.deadline, Some(deadline::Deadline::Rounds(_)));
            let due = figures::deciding_round(it, entry).map_or(String::new(), |(i, d)| {
                let round = if rounds {
                    format!("đợt {} ", i + 1)
                } else {
                    String::new()
                };
                format!(", {round}hạn {}", short_date(d))
            });
            let content = it.content.trim().trim_end_matches(['.', ';']);
            format!("- {content} ({}{due});", it.place)
        })
        .collect();
    let mut weaknesses = texts(&r.ton_tai);
    if !overdue.is_empty() {
        weaknesses.push(format!(
            "Còn {} nhiệm vụ quá hạn tại thời điểm chốt số liệu:",
            overdue.len()
        ));
        let n = overdue.len();
        weaknesses.extend(overdue.into_iter().enumerate().map(|(i, s)| {
            if i + 1 == n {
                format!("{}.", s.trim_end_matches(';'))
            } else {
                s
            }
        }));
    }
    weaknesses.extend(texts(&r.nguyen_nhan));
    let parts: Vec<(&'static str, Vec<SubView>)> = vec![
        (
            "chi-dao-dieu-hanh",
            numbered(vec![
                ("ke-hoach", Vec::new()),
                ("chi-dao", texts(&r.chi_dao_dieu_hanh)),
            ]),
        ),
        (
            "ket-qua",
            numbered(vec![
                ("the-che", texts(&r.ket_qua.the_che)),
                ("thu-tuc-hanh-chinh", tthc_para),
                ("to-chuc-bo-may", texts(&r.ket_qua.to_chuc_bo_may)),
                ("che-do-cong-vu", texts(&r.ket_qua.che_do_cong_vu)),
                ("tai-chinh-cong", texts(&r.ket_qua.tai_chinh_cong)),
                ("chinh-quyen-so", texts(&r.ket_qua.chinh_quyen_so)),
            ]),
        ),
        (
            "danh-gia",
            numbered(vec![
                ("uu-diem", texts(&r.uu_diem)),
                ("ton-tai", weaknesses),
            ]),
        ),
        ("phuong-huong", numbered(vec![("", texts(&r.phuong_huong))])),
        ("de-xuat", numbered(vec![("", texts(&r.de_xuat))])),
    ];
    let phan = parts
        .into_iter()
        .filter(|(_, m)| !m.is_empty())
        .enumerate()
        .map(|(i, (khoa, muc))| PartView {
            so: format!("{}.", crate::model::numbering::roman(i as u32 + 1)),
            khoa,
            muc,
        })
        .collect();

    // Without a number the reference is already "Kế hoạch <trích yếu>".
    let tham_chieu = References {
        ke_hoach: plan_reference(plan, common, title_here),
        ke_hoach_ngan: plan_short_reference(plan, common, title_here),
        ve: match plan_issue(plan, common).0 {
            Some(_) => format!(" về {}", lower_first(title_here)),
            None => String::new(),
        },
        ky: wording.clone(),
    };
    let receiver = kinh_gui
        .first()
        .map(|s| {
            s.trim_start_matches("- ")
                .trim_end_matches([';', '.'])
                .to_string()
        })
        .unwrap_or_default();
    ReportView {
        frame,
        kinh_gui,
        mo_dau: texts(&r.mo_dau),
        tham_chieu,
        phan,
        so_lieu,
        phu_luc_tien_do: tracks.then(|| {
            progress_appendix(
                plan,
                c,
                head(0, "TIẾN ĐỘ THỰC HIỆN CÁC NHIỆM VỤ CỦA KẾ HOẠCH"),
            )
        }),
        phu_luc_tthc: tthc.map(|rows| {
            tthc_appendix(
                &rows,
                head(tthc_at, "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"),
                (c.window.start, c.window.cut_off),
                agency,
                &receiver,
            )
        }),
        so_trang_dau_phu_luc: plan.trinh_bay.so_trang_dau_phu_luc.unwrap_or(false),
    }
}

/// Full names of the indices for the progress appendix's group rows.
fn index_title(key: &str) -> String {
    match key {
        "par-index" => "Chỉ số cải cách hành chính (PAR INDEX)".into(),
        "sipas" => "Chỉ số hài lòng về sự phục vụ hành chính (SIPAS)".into(),
        "papi" => "Chỉ số hiệu quả quản trị và hành chính công (PAPI)".into(),
        "pci" => "Chỉ số năng lực cạnh tranh cấp tỉnh (PCI)".into(),
        "pgi" => "Chỉ số xanh cấp tỉnh (PGI)".into(),
        "" => "Nhiệm vụ khác".into(),
        k => k.to_string(),
    }
}

/// Task progress grouped by each item's first index.
fn progress_appendix(plan: &Plan, c: &Computed, pl: view::AppendixHead) -> view::ProgressAppendix {
    use view::*;
    let entries: Vec<Option<&Entry>> = c
        .items
        .iter()
        .zip(&c.picks)
        .map(|(it, p)| entry_of(&c.sets, it, *p))
        .collect();
    let mut keys: Vec<&str> = crate::model::indices::INDICES.to_vec();
    keys.push("");
    let nhom = keys
        .into_iter()
        .filter_map(|key| {
            let dong: Vec<ProgressRow> = c
                .items
                .iter()
                .zip(&c.progress)
                .zip(entries.iter().zip(&c.picks))
                .filter(|((it, _), _)| it.indices.first().map_or("", String::as_str) == key)
                .enumerate()
                .map(|(n, ((it, p), (e, pick)))| {
                    let mut ket_qua: Vec<String> = Vec::new();
                    if let Some(e) = e {
                        ket_qua.extend(e.ket_qua.as_ref().map(|s| s.trim().to_string()));
                        ket_qua.extend(e.san_pham.0.iter().map(|s| format!("- {}", s.trim())));
                    }
                    let mut ghi_chu = vec![it.place.clone()];
                    let others: Vec<&str> = it
                        .indices
                        .iter()
                        .skip(1)
                        .map(|k| crate::model::indices::index_name(k))
                        .collect();
                    if !others.is_empty() {
                        ghi_chu.push(format!("Phục vụ cả {}", others.join(", ")));
                    }
                    ghi_chu.extend(figures::round_notes(it, *e, c.window.cut_off));
                    if let Some(k) = e.and_then(|e| e.kho_khan.as_ref()) {
                        ghi_chu.push(format!("Khó khăn: {}", k.trim()));
                    }
                    if let Some(pk) = pick.filter(|pk| pk.carried) {
                        ghi_chu.push(format!("Theo báo cáo {}", c.sets[pk.set].period.wording()));
                    }
                    ProgressRow {
                        so: (n + 1).to_string(),
                        noi_dung: it.content.clone(),
                        chu_tri: it.lead.as_ref().map_or(String::new(), |p| {
                            crate::model::parties::render(
                                p,
                                &plan.don_vi,
                                crate::model::parties::Form::Short,
                            )
                        }),
                        tien_do: view::progress_text(*p, it, *e),
                        ket_qua,
                        ghi_chu: ghi_chu.iter().map(|s| keep_references(s)).collect(),
                    }
                })
                .collect();
            (!dong.is_empty()).then_some((key, dong))
        })
        .enumerate()
        .map(|(g, (key, dong))| ProgressGroup {
            so: crate::model::numbering::roman(g as u32 + 1),
            ten: index_title(key),
            dong,
        })
        .collect();
    ProgressAppendix { pl, nhom }
}

/// `vanban check`: every period's data read and checked against the plan, or with `only`
/// that period's alone (the tasks left unreported are then not counted: that needs the
/// periods before it).
pub fn check_all(
    plan_file: &Path,
    plan: &Plan,
    only: Option<Period>,
) -> Result<(Vec<String>, Vec<Period>)> {
    let mut data = open(plan_file)?;
    if let Some(p) = only {
        if data.own(p).is_none() {
            return Err(no_data(&data, p));
        }
        data.sources.retain(|s| s.period == p);
    }
    let mut errors = Vec::new();
    let mut warnings = data.warnings.clone();
    warnings.extend(number_mismatch(plan_file, plan, &data));
    let mut all = Vec::new();
    for s in &data.sources {
        let (m, e) = load::load_period(s)?;
        errors.extend(e);
        let items = items::tracked(plan, s.period.year);
        let w = data.window(plan, s.period)?;
        let (e, wr) = check::check(&m, &items, &w);
        add_new(&mut errors, e);
        warnings.extend(wr);
        all.push(m);
    }
    if !errors.is_empty() {
        return Err(Error::Data(errors));
    }
    if only.is_some() {
        return Ok((warnings, data.sources.iter().map(|s| s.period).collect()));
    }
    // What `report` says of the data, counted the same way: a task reported completed then
    // not, and each period's unreported tasks. `all` is in calendar order, as `report`'s.
    let items = items::tracked(plan, plan.ngay.nam);
    warnings.extend(reopened(&items, &all));
    for s in &data.sources {
        let items = items::tracked(plan, s.period.year);
        let w = data.window(plan, s.period)?;
        let picks = picks(&items, &all, &w, &data.cut_offs);
        let progress = progress(&items, &all, &picks, w.cut_off);
        warnings.extend(unreported(&data.dir, s.period, &items, &progress));
    }
    Ok((warnings, data.sources.iter().map(|s| s.period).collect()))
}
