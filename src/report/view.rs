//! What the report template sees: the ND30 frame, the outline of a CCHC report (I. chỉ đạo,
//! điều hành … V. đề xuất) with the computed figures in their places, and the appendices
//! (task progress, Biểu số 06/VPCP/KSTT), every number and phrase already computed.

use super::check::{tthc_totals, TthcTotals};
use super::data::{Entry, TthcRow};
use super::figures::{index_name, Counts, Figures, Progress, NO_LEAD, OTHER_LEAD};
use super::items::Tracked;
use super::numbers::{change, count, percent};
use super::period::short_date;
use crate::model::frame::FrameView;
use crate::model::plan::Plan;
use chrono::NaiveDate;
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct ReportView {
    #[serde(flatten)]
    pub frame: FrameView,
    /// "Kính gửi" lines: one recipient, or "- A;" … "- B." for several.
    pub kinh_gui: Vec<String>,
    pub mo_dau: Vec<String>,
    /// I. … V.
    pub phan: Vec<PartView>,
    pub so_lieu: FiguresView,
    pub ket_luan: String,
    pub phu_luc_tien_do: ProgressAppendix,
    pub phu_luc_tthc: Option<TthcAppendix>,
    pub so_trang_dau_phu_luc: bool,
}

#[derive(Debug, Serialize)]
pub struct PartView {
    pub so: String,
    pub tieu_de: String,
    pub muc: Vec<SubView>,
}

#[derive(Debug, Serialize)]
pub struct SubView {
    pub so: String,
    pub tieu_de: String,
    pub doan: Vec<String>,
    /// Computed content placed here: "ke-hoach" (task figures, tables, charts), or "".
    pub loai: &'static str,
}

#[derive(Debug, Serialize)]
pub struct FiguresView {
    pub cau: Vec<String>,
    pub ky_truoc: Option<String>,
    /// Per index, then per lead unit.
    pub bang: Vec<FigureTable>,
    /// "(Chi tiết tại Phụ lục I)."
    pub chi_tiet: String,
}

/// A table of completion figures and its chart.
#[derive(Debug, Serialize)]
pub struct FigureTable {
    /// "Bảng 1. Tỷ lệ hoàn thành theo chỉ số".
    pub tieu_de: String,
    /// Heading of the name column.
    pub cot: String,
    pub dong: Vec<FigureRow>,
    /// "Biểu đồ 1. …".
    pub bieu_do_tieu_de: String,
    pub bieu_do: Vec<BarView>,
}

#[derive(Debug, Serialize)]
pub struct FigureRow {
    pub so: String,
    pub ten: String,
    pub tong: String,
    pub hoan_thanh: String,
    pub qua_han: String,
    pub ty_le: String,
    pub ky_truoc: String,
    pub thay_doi: String,
}

#[derive(Debug, Serialize)]
pub struct BarView {
    pub label: String,
    /// The value as a number the markup reads ("85.7").
    pub value: String,
    /// The value as printed ("85,7%").
    pub text: String,
}

#[derive(Debug, Serialize)]
pub struct AppendixHead {
    pub so: String,
    pub tieu_de: String,
    pub kem_theo: String,
}

#[derive(Debug, Serialize)]
pub struct ProgressAppendix {
    pub pl: AppendixHead,
    pub nhom: Vec<ProgressGroup>,
}

#[derive(Debug, Serialize)]
pub struct ProgressGroup {
    pub so: String,
    pub ten: String,
    pub dong: Vec<ProgressRow>,
}

#[derive(Debug, Serialize)]
pub struct ProgressRow {
    pub so: String,
    pub noi_dung: String,
    pub chu_tri: String,
    pub tien_do: String,
    pub ket_qua: Vec<String>,
    pub ghi_chu: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct TthcAppendix {
    pub pl: AppendixHead,
    /// "(Từ ngày 15/12/2023 đến ngày 14/3/2024)".
    pub ky: String,
    pub don_vi_bao_cao: String,
    pub don_vi_nhan: String,
    pub dong: Vec<TthcRowView>,
    pub tong: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct TthcRowView {
    pub so: String,
    pub linh_vuc: String,
    /// The 11 counts of Biểu 06, left to right.
    pub so_lieu: Vec<String>,
}

/// The 11 counts of a Biểu 06 row.
fn tthc_cells(r: &TthcRow) -> [u64; 11] {
    let t = tthc_totals(r);
    [
        t.received,
        r.tiep_nhan.truc_tuyen,
        r.tiep_nhan.truc_tiep,
        r.tiep_nhan.tu_ky_truoc,
        t.resolved,
        r.da_giai_quyet.truoc_han,
        r.da_giai_quyet.dung_han,
        r.da_giai_quyet.qua_han,
        t.pending,
        r.dang_giai_quyet.trong_han,
        r.dang_giai_quyet.qua_han,
    ]
}

/// Sums of the TTHC rows: the cells of the totals row.
pub fn tthc_sum(rows: &[TthcRow]) -> [u64; 11] {
    let mut s = [0u64; 11];
    for r in rows {
        for (a, b) in s.iter_mut().zip(tthc_cells(r)) {
            *a += b;
        }
    }
    s
}

pub fn tthc_appendix(
    rows: &[TthcRow],
    pl: AppendixHead,
    window: (NaiveDate, NaiveDate),
    reporter: &str,
    receiver: &str,
) -> TthcAppendix {
    TthcAppendix {
        pl,
        ky: format!(
            "(Từ ngày {} đến ngày {})",
            short_date(window.0),
            short_date(window.1)
        ),
        don_vi_bao_cao: reporter.to_string(),
        don_vi_nhan: receiver.to_string(),
        dong: rows
            .iter()
            .enumerate()
            .map(|(i, r)| TthcRowView {
                so: (i + 1).to_string(),
                linh_vuc: r.linh_vuc.trim().to_string(),
                so_lieu: tthc_cells(r).iter().map(|&n| count(n)).collect(),
            })
            .collect(),
        tong: tthc_sum(rows).iter().map(|&n| count(n)).collect(),
    }
}

/// The TTHC paragraph of section II.2.
pub fn tthc_sentence(rows: &[TthcRow], detail: &str) -> String {
    let s = tthc_sum(rows);
    let t = TthcTotals {
        received: s[0],
        resolved: s[4],
        pending: s[8],
    };
    let (online, direct, carried) = (s[1], s[2], s[3]);
    let in_time = s[5] + s[6];
    format!(
        "Kết quả giải quyết thủ tục hành chính: tổng số hồ sơ tiếp nhận {} (trực tuyến {}, trực tiếp và qua dịch vụ bưu chính {}, từ kỳ trước chuyển sang {}); tỷ lệ hồ sơ trực tuyến đạt {}. Đã giải quyết {} hồ sơ, trong đó trước hạn và đúng hạn {} (đạt {}), quá hạn {}; đang giải quyết {} hồ sơ (trong hạn {}, quá hạn {}) {detail}.",
        count(t.received),
        count(online),
        count(direct),
        count(carried),
        percent(super::figures::percent(online, online + direct)),
        count(t.resolved),
        count(in_time),
        percent(super::figures::percent(in_time, t.resolved)),
        count(s[7]),
        count(t.pending),
        count(s[9]),
        count(s[10]),
    )
}

/// Unit names for the per-unit figures: the unit's full name, or the bucket's.
pub fn unit_label(plan: &Plan, key: &str) -> String {
    match key {
        OTHER_LEAD => "Đơn vị, tổ chức khác".to_string(),
        NO_LEAD => "Chưa phân công chủ trì".to_string(),
        k => plan
            .don_vi
            .get(k)
            .map_or_else(|| k.to_string(), |u| u.ten.trim().to_string()),
    }
}

fn figure_rows(
    list: &[(String, Counts)],
    prev: Option<&[(String, Counts)]>,
    label: &dyn Fn(&str) -> String,
) -> Vec<FigureRow> {
    list.iter()
        .enumerate()
        .map(|(i, (k, c))| {
            let before = prev.and_then(|p| p.iter().find(|(pk, _)| pk == k).map(|x| x.1));
            FigureRow {
                so: (i + 1).to_string(),
                ten: label(k),
                tong: count(c.total as u64),
                hoan_thanh: count(c.done() as u64),
                qua_han: count(c.overdue() as u64),
                ty_le: percent(c.percent_done()),
                ky_truoc: before.map_or(String::new(), |b| percent(b.percent_done())),
                thay_doi: before.map_or(String::new(), |b| {
                    change(c.percent_done() - b.percent_done())
                }),
            }
        })
        .collect()
}

fn bars(list: &[(String, Counts)], label: &dyn Fn(&str) -> String) -> Vec<BarView> {
    list.iter()
        .map(|(k, c)| {
            let v = (c.percent_done() * 10.0).round() / 10.0;
            BarView {
                label: label(k),
                value: format!("{v:.1}"),
                text: percent(c.percent_done()),
            }
        })
        .collect()
}

/// The computed figures of section I.1, with the previous period's when it has data.
pub fn figures_view(
    plan: &Plan,
    f: &Figures,
    prev: Option<(&Figures, String)>,
    plan_ref: &str,
    cut_off: NaiveDate,
    detail: String,
) -> FiguresView {
    let a = &f.all;
    let mut cau = vec![format!(
        "{plan_ref} có {} nhiệm vụ ({} nhiệm vụ trọng tâm và {} nhiệm vụ theo tiêu chí tại các phụ lục của Kế hoạch). Tính đến ngày chốt số liệu {}:",
        count(a.total as u64),
        count(f.tasks.total as u64),
        count(f.rows.total as u64),
        short_date(cut_off)
    )];
    cau.push(format!(
        "- Đã hoàn thành {} nhiệm vụ, đạt {}, trong đó đúng hạn {}, trễ hạn {};",
        count(a.done() as u64),
        percent(a.percent_done()),
        count(a.done_on_time as u64),
        count(a.done_late as u64)
    ));
    cau.push(format!(
        "- Đang thực hiện {} nhiệm vụ, trong đó trong hạn {}, quá hạn {};",
        count(a.in_progress_all() as u64),
        count(a.in_progress as u64),
        count(a.in_progress_overdue as u64)
    ));
    cau.push(format!(
        "- Chưa thực hiện {} nhiệm vụ, trong đó quá hạn {};",
        count(a.not_started_all() as u64),
        count(a.not_started_overdue as u64)
    ));
    if a.not_reported > 0 {
        cau.push(format!(
            "- Chưa báo cáo {} nhiệm vụ;",
            count(a.not_reported as u64)
        ));
    }
    cau.push(format!(
        "- Số nhiệm vụ quá hạn tại thời điểm chốt số liệu: {}.",
        count(a.overdue() as u64)
    ));
    if let Some((p, wording)) = &prev {
        let (now, then) = (a.percent_done(), p.all.percent_done());
        let delta = now - then;
        let how = if super::numbers::decimal(delta) == "0" {
            format!("không đổi so với {wording} ({})", percent(now))
        } else {
            let (verb, to) = if delta > 0.0 {
                ("tăng", "lên")
            } else {
                ("giảm", "xuống")
            };
            format!(
                "{verb} {} điểm phần trăm so với {wording} (từ {} {to} {})",
                super::numbers::decimal(delta.abs()),
                percent(then),
                percent(now)
            )
        };
        cau.push(format!("Tỷ lệ hoàn thành {how}."));
    }
    let unit = |k: &str| unit_label(plan, k);
    let index = |k: &str| index_name(k).to_string();
    let table = |n: usize, what: &str, cot: &str, list, before, label: &dyn Fn(&str) -> String| {
        FigureTable {
            tieu_de: format!("Bảng {n}. Tỷ lệ hoàn thành nhiệm vụ theo {what}"),
            cot: cot.to_string(),
            dong: figure_rows(list, before, label),
            bieu_do_tieu_de: format!("Biểu đồ {n}. Tỷ lệ hoàn thành nhiệm vụ theo {what} (%)"),
            bieu_do: bars(list, label),
        }
    };
    FiguresView {
        cau,
        ky_truoc: prev.as_ref().map(|(_, w)| w.clone()),
        bang: vec![
            table(
                1,
                "chỉ số",
                "Chỉ số",
                &f.by_index,
                prev.as_ref().map(|p| p.0.by_index.as_slice()),
                &index,
            ),
            table(
                2,
                "đơn vị chủ trì",
                "Đơn vị chủ trì",
                &f.by_unit,
                prev.as_ref().map(|p| p.0.by_unit.as_slice()),
                &unit,
            ),
        ],
        chi_tiet: detail,
    }
}

/// "Hoàn thành đúng hạn (ngày 12/3/2024)", "Đang thực hiện, quá hạn (60%; hạn 31/3/2024)".
pub fn progress_text(p: Progress, item: &Tracked, e: Option<&Entry>) -> String {
    let due = item.deadline.and_then(|d| d.due()).map(short_date);
    let day = e.and_then(|e| e.ngay_hoan_thanh).map(|d| short_date(d.0));
    let share = e.and_then(|e| e.ty_le).map(percent);
    let mut notes: Vec<String> = Vec::new();
    let head = match p {
        Progress::DoneOnTime => {
            notes.extend(day.map(|d| format!("ngày {d}")));
            "Hoàn thành đúng hạn"
        }
        Progress::DoneLate => {
            notes.extend(day.map(|d| format!("ngày {d}")));
            notes.extend(due.map(|d| format!("hạn {d}")));
            "Hoàn thành trễ hạn"
        }
        Progress::InProgress => {
            notes.extend(share);
            "Đang thực hiện"
        }
        Progress::InProgressOverdue => {
            notes.extend(share);
            notes.extend(due.map(|d| format!("hạn {d}")));
            "Đang thực hiện, quá hạn"
        }
        Progress::NotStarted => "Chưa thực hiện",
        Progress::NotStartedOverdue => {
            notes.extend(due.map(|d| format!("hạn {d}")));
            "Chưa thực hiện, quá hạn"
        }
        Progress::NotReported => "Chưa báo cáo",
    };
    if notes.is_empty() {
        head.to_string()
    } else {
        format!("{head} ({})", notes.join("; "))
    }
}

/// "Kính gửi" lines (ND30 II.9.b): one recipient on the line itself; several as "- A;" …
/// "- B.".
pub fn recipient_lines(list: &[String]) -> Vec<String> {
    let clean: Vec<&str> = list
        .iter()
        .map(|s| s.trim().trim_end_matches([';', '.']))
        .filter(|s| !s.is_empty())
        .collect();
    if clean.len() <= 1 {
        return clean.iter().map(|s| s.to_string()).collect();
    }
    clean
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let end = if i + 1 == clean.len() { '.' } else { ';' };
            format!("- {s}{end}")
        })
        .collect()
}

/// The first sentence of a long text, or its first words, for lists in the body.
pub fn short(text: &str, max_chars: usize) -> String {
    let t = text.trim();
    let first = t.find(". ").map_or(t, |i| &t[..i]).trim_end_matches('.');
    if first.chars().count() <= max_chars {
        return first.to_string();
    }
    let mut out = String::new();
    for w in first.split_whitespace() {
        if out.chars().count() + w.chars().count() + 1 > max_chars {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    format!("{}…", out.trim_end_matches([',', ';', ':']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinh_gui_punctuation() {
        assert_eq!(
            recipient_lines(&["UBND thị xã Bỉm Sơn".into()]),
            ["UBND thị xã Bỉm Sơn"]
        );
        assert_eq!(
            recipient_lines(&["UBND thị xã;".into(), "Phòng Nội vụ".into()]),
            ["- UBND thị xã;", "- Phòng Nội vụ."]
        );
    }

    #[test]
    fn short_keeps_the_first_sentence_or_cuts_at_a_word() {
        assert_eq!(short("Làm A. Làm B.", 50), "Làm A");
        assert_eq!(short("một hai ba bốn năm", 10), "một hai ba…");
    }
}
