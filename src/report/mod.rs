//! The periodic CCHC report: a plan's progress data for a period (quý, 6 tháng, 9 tháng,
//! năm) → checked, merged, counted at the period's cut-off → `ReportView` → `bao-cao.xml`.
//!
//! Progress data are snapshots at cut-offs: a report takes, for every task, the latest
//! status among the periods whose cut-off falls in its window (a 6-month report reads the
//! Q1 and the 6-month data), and compares with the cumulative period before it.

pub mod check;
pub mod data;
pub mod deadline;
pub mod figures;
pub mod items;
pub mod load;
pub mod numbers;
pub mod period;
pub mod view;

use crate::error::{DataError, Error, Result};
use crate::model::date::PartialDate;
use crate::model::frame::{FrameInput, BAO_CAO, KE_HOACH};
use crate::model::plan::Plan;
use check::Window;
use chrono::NaiveDate;
use data::{Common, Entry};
use figures::{Figures, Progress};
use items::Tracked;
use load::{Merged, Source};
use period::{short_date, CutOffs, Period};
use std::path::{Path, PathBuf};

/// A plan's report data: its common settings and the periods that have data.
pub struct ReportData {
    pub dir: PathBuf,
    pub common: Common,
    pub cut_offs: CutOffs,
    pub sources: Vec<Source>,
    pub warnings: Vec<String>,
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
    let common = match load::load_common(&dir)? {
        None => Common::default(),
        Some((file, loaded)) => {
            warnings.extend(loaded.warnings);
            if let Some(n) = &loaded.value.ngay_chot {
                cut_offs = self::cut_offs(&file, &loaded.locations, n)?;
            }
            loaded.value
        }
    };
    Ok(ReportData {
        dir,
        common,
        cut_offs,
        sources,
        warnings,
    })
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
        })
    }

    fn own(&self, p: Period) -> Option<&Source> {
        self.sources.iter().find(|s| s.period == p)
    }

    /// The data sets whose cut-off falls in one of `windows`, each loaded and checked once,
    /// in calendar order.
    fn snapshots(
        &self,
        plan: &Plan,
        items: &[Tracked],
        windows: &[&Window],
    ) -> Result<(Vec<Merged>, Vec<String>)> {
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
            let m = match load::load_period(s) {
                Ok(m) => m,
                Err(Error::Data(e)) => {
                    errors.extend(e);
                    continue;
                }
                Err(e) => return Err(e),
            };
            let own_window = self.window(plan, s.period)?;
            let (e, wr) = check::check(&m, items, &own_window);
            errors.extend(e);
            warnings.extend(wr);
            out.push(m);
        }
        if errors.is_empty() {
            Ok((out, warnings))
        } else {
            Err(Error::Data(errors))
        }
    }

    /// The sets of `all` whose cut-off falls in `w`.
    fn within<'m>(&self, all: &'m [Merged], w: &Window) -> Vec<&'m Merged> {
        all.iter()
            .filter(|m| m.period.cut_off(&self.cut_offs).is_some_and(|c| w.holds(c)))
            .collect()
    }
}

/// The latest entry of each item among `sets` (later sets win).
fn latest<'a>(items: &[Tracked], sets: &[&'a Merged]) -> Vec<Option<&'a Entry>> {
    items
        .iter()
        .map(|it| {
            sets.iter()
                .rev()
                .find_map(|m| m.entries.get(&it.id).map(|(e, _)| e))
        })
        .collect()
}

fn progress(items: &[Tracked], entries: &[Option<&Entry>], cut_off: NaiveDate) -> Vec<Progress> {
    items
        .iter()
        .zip(entries)
        .map(|(it, e)| figures::evaluate(it, *e, cut_off))
        .collect()
}

/// The warning naming the tasks of period `p` that no data set reports, if any.
fn unreported(dir: &Path, p: Period, items: &[Tracked], progress: &[Progress]) -> Option<String> {
    let missing: Vec<&str> = items
        .iter()
        .zip(progress)
        .filter(|(_, p)| **p == Progress::NotReported)
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

/// A report's computed content before it becomes a view.
pub struct Computed<'a> {
    pub items: Vec<Tracked>,
    pub sets: Vec<Merged>,
    pub progress: Vec<Progress>,
    pub figures: Figures,
    pub previous: Option<(Figures, String)>,
    pub window: Window,
    pub warnings: Vec<String>,
    pub data: &'a ReportData,
}

/// Loads, checks and counts everything a report of `p` needs.
pub fn compute<'a>(plan: &Plan, data: &'a ReportData, p: Period) -> Result<Computed<'a>> {
    if data.own(p).is_none() {
        let have: Vec<String> = data.sources.iter().map(|s| s.period.key()).collect();
        return Err(Error::Data(vec![DataError {
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
        }]));
    }
    let items = items::tracked(plan);
    let units: Vec<String> = plan.don_vi.keys().cloned().collect();
    let window = data.window(plan, p)?;
    // The previous period's window is read in the same pass: no file is parsed twice.
    let prev_window = data.window(plan, p.previous()).ok();
    let windows: Vec<&Window> = std::iter::once(&window)
        .chain(prev_window.as_ref())
        .collect();
    let (all, mut warnings) = data.snapshots(plan, &items, &windows)?;
    let previous = prev_window.as_ref().and_then(|pw| {
        let prev_sets = data.within(&all, pw);
        (!prev_sets.is_empty()).then(|| {
            let e = latest(&items, &prev_sets);
            let pr = progress(&items, &e, pw.cut_off);
            (figures::count(&items, &pr, &units), pw.wording.clone())
        })
    });
    let sets: Vec<Merged> = all
        .into_iter()
        .filter(|m| {
            m.period
                .cut_off(&data.cut_offs)
                .is_some_and(|c| window.holds(c))
        })
        .collect();
    let entries = latest(&items, &sets.iter().collect::<Vec<_>>());
    let progress = progress(&items, &entries, window.cut_off);
    let figures = figures::count(&items, &progress, &units);
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
        progress,
        figures,
        previous,
        window,
        warnings,
        data,
    })
}

/// "Kế hoạch số 189/KH-UBND ngày 20/12/2023", or the plan's trích yếu when it has no number.
fn plan_reference(plan: &Plan, common: &Common) -> String {
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
        _ => format!("Kế hoạch {}", lower_first(plan.trich_yeu.trim())),
    }
}

/// "Kế hoạch số 189/KH-UBND" for titles, where the date would run into the period's words.
fn plan_short_reference(plan: &Plan, common: &Common) -> String {
    match plan_issue(plan, common).0 {
        Some(so) => format!(
            "Kế hoạch số {}/{}-{}",
            crate::model::date::fmt_day(so),
            KE_HOACH.abbreviation,
            plan.co_quan.viet_tat.trim()
        ),
        None => plan_reference(plan, common),
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
    let plan_ref = plan_reference(plan, common);
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
            plan_short_reference(plan, common)
        )
    });
    let frame = FrameInput {
        names: BAO_CAO,
        agency: &plan.co_quan,
        so: r.so,
        dia_danh: &plan.dia_danh,
        ngay: &ngay,
        trich_yeu,
        nhu_tren: true,
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
        .and_then(|m| m.tthc.as_ref());
    let appendix_count = 1 + usize::from(tthc.is_some());
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
    let detail = |i: usize| format!("(Chi tiết tại {})", label(i));

    let so_lieu = figures_view(
        plan,
        &c.figures,
        c.previous.as_ref().map(|(f, w)| (f, w.clone())),
        &plan_ref,
        c.window.cut_off,
        format!("{}.", detail(0)),
    );

    // I. … V. with their numbered sub-items; empty ones are left out.
    let texts = |t: &data::Texts| -> Vec<String> {
        t.0.iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    };
    let sub = |n: usize, title: &str, doan: Vec<String>, loai: &'static str| SubView {
        so: format!("{n}."),
        tieu_de: title.to_string(),
        doan,
        loai,
    };
    let numbered = |list: Vec<(&str, Vec<String>, &'static str)>| -> Vec<SubView> {
        list.into_iter()
            .filter(|(_, d, loai)| !d.is_empty() || !loai.is_empty())
            .enumerate()
            .map(|(i, (t, d, l))| sub(i + 1, t, d, l))
            .collect()
    };
    let mut tthc_para = texts(&r.ket_qua.thu_tuc_hanh_chinh);
    if let Some((rows, _)) = tthc {
        tthc_para.push(tthc_sentence(rows, &detail(1)));
    }
    let overdue: Vec<String> = c
        .items
        .iter()
        .zip(&c.progress)
        .filter(|(_, p)| p.is_overdue())
        .map(|(it, _)| {
            let due = it
                .deadline
                .and_then(|d| d.due())
                .map_or(String::new(), |d| format!(", hạn {}", short_date(d)));
            format!("- {} ({}{due});", short(&it.content, 90), it.place)
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
    let parts: Vec<(&str, Vec<SubView>)> = vec![
        (
            "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH",
            numbered(vec![
                ("Kết quả thực hiện Kế hoạch", Vec::new(), "ke-hoach"),
                (
                    "Công tác chỉ đạo, điều hành",
                    texts(&r.chi_dao_dieu_hanh),
                    "",
                ),
            ]),
        ),
        (
            "KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH",
            numbered(vec![
                ("Cải cách thể chế", texts(&r.ket_qua.the_che), ""),
                ("Cải cách thủ tục hành chính", tthc_para, ""),
                (
                    "Cải cách tổ chức bộ máy hành chính nhà nước",
                    texts(&r.ket_qua.to_chuc_bo_may),
                    "",
                ),
                (
                    "Cải cách chế độ công vụ",
                    texts(&r.ket_qua.che_do_cong_vu),
                    "",
                ),
                (
                    "Cải cách tài chính công",
                    texts(&r.ket_qua.tai_chinh_cong),
                    "",
                ),
                (
                    "Xây dựng và phát triển chính quyền điện tử, chính quyền số",
                    texts(&r.ket_qua.chinh_quyen_so),
                    "",
                ),
            ]),
        ),
        (
            "ĐÁNH GIÁ CHUNG",
            numbered(vec![
                ("Ưu điểm", texts(&r.uu_diem), ""),
                ("Tồn tại, hạn chế và nguyên nhân", weaknesses, ""),
            ]),
        ),
        (
            "PHƯƠNG HƯỚNG, NHIỆM VỤ TRỌNG TÂM KỲ TỚI",
            numbered(vec![("", texts(&r.phuong_huong), "")]),
        ),
        (
            "ĐỀ XUẤT, KIẾN NGHỊ",
            numbered(vec![("", texts(&r.de_xuat), "")]),
        ),
    ];
    let phan = parts
        .into_iter()
        .filter(|(_, m)| !m.is_empty())
        .enumerate()
        .map(|(i, (t, muc))| PartView {
            so: format!("{}.", crate::model::numbering::roman(i as u32 + 1)),
            tieu_de: t.to_string(),
            muc,
        })
        .collect();

    let mo_dau = {
        let given = texts(&r.mo_dau);
        if given.is_empty() {
            vec![format!(
                "Thực hiện {plan_ref} của {agency} về {}, {agency} báo cáo kết quả thực hiện {wording} như sau:",
                lower_first(plan.trich_yeu.trim())
            )]
        } else {
            given
        }
    };
    let kinh_gui = recipient_lines(
        &r.kinh_gui
            .as_ref()
            .or(common.kinh_gui.as_ref())
            .map(|t| t.0.clone())
            .unwrap_or_default(),
    );
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
        mo_dau,
        phan,
        so_lieu,
        ket_luan: crate::model::view::closing(&format!(
            "Trên đây là báo cáo kết quả thực hiện {} {wording} của {agency}",
            plan_short_reference(plan, common)
        )),
        phu_luc_tien_do: progress_appendix(
            plan,
            c,
            head(0, "TIẾN ĐỘ THỰC HIỆN CÁC NHIỆM VỤ CỦA KẾ HOẠCH"),
        ),
        phu_luc_tthc: tthc.map(|(rows, _)| {
            tthc_appendix(
                rows,
                head(1, "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"),
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
    let entries = latest(&c.items, &c.sets.iter().collect::<Vec<_>>());
    let mut keys: Vec<&str> = crate::model::validate::INDICES.to_vec();
    keys.push("");
    let nhom = keys
        .into_iter()
        .filter_map(|key| {
            let dong: Vec<ProgressRow> = c
                .items
                .iter()
                .zip(&c.progress)
                .zip(&entries)
                .filter(|((it, _), _)| it.indices.first().map_or("", String::as_str) == key)
                .enumerate()
                .map(|(n, ((it, p), e))| {
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
                        .map(|k| figures::index_name(k))
                        .collect();
                    if !others.is_empty() {
                        ghi_chu.push(format!("Phục vụ cả {}", others.join(", ")));
                    }
                    if let Some(k) = e.and_then(|e| e.kho_khan.as_ref()) {
                        ghi_chu.push(format!("Khó khăn: {}", k.trim()));
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
                        ghi_chu,
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

/// `vanban check`: every period's data read and checked against the plan.
pub fn check_all(plan_file: &Path, plan: &Plan) -> Result<(Vec<String>, Vec<Period>)> {
    let data = open(plan_file)?;
    let items = items::tracked(plan);
    let mut errors = Vec::new();
    let mut warnings = data.warnings.clone();
    let mut all = Vec::new();
    for s in &data.sources {
        let m = match load::load_period(s) {
            Ok(m) => m,
            Err(Error::Data(e)) => {
                errors.extend(e);
                continue;
            }
            Err(e) => return Err(e),
        };
        let w = data.window(plan, s.period)?;
        let (e, wr) = check::check(&m, &items, &w);
        errors.extend(e);
        warnings.extend(wr);
        all.push(m);
    }
    if !errors.is_empty() {
        return Err(Error::Data(errors));
    }
    // What `report` would say of each period's unreported tasks, counted the same way.
    for s in &data.sources {
        let w = data.window(plan, s.period)?;
        let entries = latest(&items, &data.within(&all, &w));
        let progress = progress(&items, &entries, w.cut_off);
        warnings.extend(unreported(&data.dir, s.period, &items, &progress));
    }
    Ok((warnings, data.sources.iter().map(|s| s.period).collect()))
}
