//! The report's template context, composed from its computed content: the ND30 frame, the
//! outline I. … V. with the data's paragraphs and the computed sentences, the figures, and
//! the appendices.

use super::compute::{entry_of, Computed};
use super::data::{Entry, PeriodFile, Texts, TthcRow};
use super::figures;
use super::period::Period;
use super::references::{lower_first, plan_issue, plan_reference, plan_short_reference};
use super::view::*;
use crate::model::date::{short_date, PartialDate};
use crate::model::deadline::Deadline;
use crate::model::frame::{attached_line, without_issuer, FrameInput, FrameView, BAO_CAO};
use crate::model::indices::{index_name, index_title, INDICES};
use crate::model::numbering::roman;
use crate::model::parties::{self, Form};
use crate::model::plan::{AppendixNumbering, Plan};
use chrono::Datelike;

/// The report's template context.
pub fn report_view(plan: &Plan, c: &Computed, p: Period) -> ReportView {
    let r = &c.own.report;
    let common = &c.data.common;
    let title = plan.trich_yeu.trim();
    // For the sentences that name the agency after the plan (opening, closing).
    let title_here = without_issuer(title, &plan.co_quan);
    let wording = p.wording();
    let kinh_gui = recipient_lines(&c.kinh_gui.map(|t| t.0.clone()).unwrap_or_default());
    // Without a date of its own, the report is dated in its cut-off's month.
    let ngay = r.ngay.unwrap_or(PartialDate {
        ngay: None,
        thang: Some(c.window.cut_off.month()),
        nam: c.window.cut_off.year(),
    });
    let frame = frame(plan, c, &ngay, &wording, !kinh_gui.is_empty());
    let tthc: Option<Vec<TthcRow>> =
        (c.own.tthc.as_ref()).map(|rows| rows.iter().map(|(r, _)| r.clone()).collect());
    // A plan whose body has no tasks and no appendix rows tracks nothing: the report has no
    // figures and no progress appendix, only what its data say (chỉ đạo, TTHC, …).
    let tracks = !c.items.is_empty();
    let appendices = Appendices {
        tthc_at: usize::from(tracks),
        count: usize::from(tracks) + usize::from(tthc.is_some()),
        numbering: plan.trinh_bay.so_phu_luc.unwrap_or_default(),
        kem_theo: attached_line(BAO_CAO, r.so, &ngay, &plan.co_quan),
    };
    let so_lieu = figures_view(
        plan,
        &c.figures,
        c.previous.as_ref().map(|(f, w)| (f, w.clone())),
        &plan_reference(plan, common, title),
        c.window.cut_off,
        &appendices.detail(0),
    );
    let mut tthc_para = texts(&r.ket_qua.thu_tuc_hanh_chinh);
    if let Some(rows) = &tthc {
        tthc_para.push(tthc_sentence(rows, &appendices.detail(appendices.tthc_at)));
    }
    // Without a number the reference is already "Kế hoạch <trích yếu>".
    let tham_chieu = References {
        ke_hoach: plan_reference(plan, common, title_here),
        ke_hoach_ngan: plan_short_reference(plan, common, title_here),
        ve: match plan_issue(plan, common).0 {
            Some(_) => format!(" về {}", lower_first(title_here)),
            None => String::new(),
        },
        ky: wording,
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
        phan: parts(r, tthc_para, weaknesses(r, c), tracks),
        so_lieu,
        phu_luc_tien_do: tracks.then(|| {
            progress_appendix(
                plan,
                c,
                appendices.head(0, "TIẾN ĐỘ THỰC HIỆN CÁC NHIỆM VỤ CỦA KẾ HOẠCH"),
            )
        }),
        phu_luc_tthc: tthc.map(|rows| {
            tthc_appendix(
                &rows,
                appendices.head(
                    appendices.tthc_at,
                    "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH",
                ),
                (c.window.start, c.window.cut_off),
                plan.co_quan.ten_day_du.trim(),
                &receiver,
            )
        }),
        so_trang_dau_phu_luc: plan.trinh_bay.so_trang_dau_phu_luc.unwrap_or(false),
    }
}

/// The ND30 frame of the report: the period's own values, else `chung.yaml`'s, else the
/// plan's. "Như trên" stands for the Kính gửi: without one (a warning) it would name no one.
fn frame(
    plan: &Plan,
    c: &Computed,
    ngay: &PartialDate,
    wording: &str,
    nhu_tren: bool,
) -> FrameView {
    let r = &c.own.report;
    let common = &c.data.common;
    let trich_yeu = r.trich_yeu.clone().unwrap_or_else(|| {
        format!(
            "Kết quả thực hiện {} {wording}",
            plan_short_reference(plan, common, plan.trich_yeu.trim())
        )
    });
    FrameInput {
        names: BAO_CAO,
        agency: &plan.co_quan,
        so: r.so,
        dia_danh: &plan.dia_danh,
        ngay,
        trich_yeu,
        nhu_tren,
        noi_nhan: (r.noi_nhan.as_deref())
            .or(common.noi_nhan.as_deref())
            .unwrap_or(&[]),
        luu: (r.luu.as_deref())
            .or(common.luu.as_deref())
            .unwrap_or(&plan.luu),
        ky: r.ky.as_ref().or(common.ky.as_ref()).unwrap_or(&plan.ky),
    }
    .view()
}

/// The report's appendices: the progress table when the plan tracks work, then Biểu 06
/// when the period gives TTHC rows, labelled as the plan numbers its own.
struct Appendices {
    /// The index of Biểu 06 among them.
    tthc_at: usize,
    count: usize,
    numbering: AppendixNumbering,
    /// "(Kèm theo Báo cáo số … ngày … của …)".
    kem_theo: String,
}

impl Appendices {
    fn label(&self, i: usize) -> String {
        crate::model::view::appendix_label(i, self.count, self.numbering)
    }

    fn head(&self, i: usize, title: &str) -> AppendixHead {
        AppendixHead {
            so: self.label(i),
            tieu_de: title.to_string(),
            kem_theo: self.kem_theo.clone(),
        }
    }

    /// "chi tiết tại Phụ lục I", for the sentence that sends the reader there.
    fn detail(&self, i: usize) -> String {
        format!("chi tiết tại {}", self.label(i))
    }
}

/// A list of the data's paragraphs, blank ones left out.
fn texts(t: &Texts) -> Vec<String> {
    t.0.iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Part III.2: the data's weaknesses, then the tasks overdue at the cut-off, then the causes.
fn weaknesses(r: &PeriodFile, c: &Computed) -> Vec<String> {
    let overdue = overdue_lines(c);
    let mut out = texts(&r.ton_tai);
    if !overdue.is_empty() {
        out.push(format!(
            "Còn {} nhiệm vụ quá hạn tại thời điểm chốt số liệu:",
            overdue.len()
        ));
        let n = overdue.len();
        out.extend(overdue.into_iter().enumerate().map(|(i, s)| {
            if i + 1 == n {
                format!("{}.", s.trim_end_matches(';'))
            } else {
                s
            }
        }));
    }
    out.extend(texts(&r.nguyen_nhan));
    out
}

/// "- <content> (<place>, hạn 31/5/2025);" for each task overdue at the cut-off; for work
/// in rounds, the round that decides ("đợt 1 hạn 31/5/2025").
fn overdue_lines(c: &Computed) -> Vec<String> {
    c.items
        .iter()
        .zip(c.progress.iter().zip(&c.picks))
        .filter(|(_, (p, _))| p.is_overdue())
        .map(|(it, (_, pick))| {
            let entry = entry_of(&c.sets, it, *pick);
            let rounds = matches!(it.deadline, Some(Deadline::Rounds(_)));
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
        .collect()
}

/// The outline I. … V. with their numbered sub-items. Sub-items without text are left out,
/// except the computed figures (when the plan tracks work); empty parts too; numbers follow.
fn parts(
    r: &PeriodFile,
    tthc_para: Vec<String>,
    weaknesses: Vec<String>,
    tracks: bool,
) -> Vec<PartView> {
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
    let k = &r.ket_qua;
    let outline: Vec<(&'static str, Vec<SubView>)> = vec![
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
                ("the-che", texts(&k.the_che)),
                ("thu-tuc-hanh-chinh", tthc_para),
                ("to-chuc-bo-may", texts(&k.to_chuc_bo_may)),
                ("che-do-cong-vu", texts(&k.che_do_cong_vu)),
                ("tai-chinh-cong", texts(&k.tai_chinh_cong)),
                ("chinh-quyen-so", texts(&k.chinh_quyen_so)),
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
    outline
        .into_iter()
        .filter(|(_, m)| !m.is_empty())
        .enumerate()
        .map(|(i, (khoa, muc))| PartView {
            so: format!("{}.", roman(i as u32 + 1)),
            khoa,
            muc,
        })
        .collect()
}

/// Task progress grouped by each item's first index.
fn progress_appendix(plan: &Plan, c: &Computed, pl: AppendixHead) -> ProgressAppendix {
    let nhom = appendix_groups(c)
        .into_iter()
        .enumerate()
        .map(|(g, (key, items))| ProgressGroup {
            so: roman(g as u32 + 1),
            ten: index_title(key),
            dong: (items.iter().enumerate())
                .map(|(n, &i)| progress_row(plan, c, i, n + 1))
                .collect(),
        })
        .collect();
    ProgressAppendix { pl, nhom }
}

/// The progress appendix's groups in order: each index that is some item's first (in the
/// order of `INDICES`, then items without one), with its items in the plan's order.
/// The spreadsheet's progress list keeps the same order.
pub fn appendix_groups(c: &Computed) -> Vec<(&'static str, Vec<usize>)> {
    let mut keys: Vec<&'static str> = INDICES.to_vec();
    keys.push("");
    keys.into_iter()
        .filter_map(|key| {
            let items: Vec<usize> = (0..c.items.len())
                .filter(|&i| c.items[i].indices.first().map_or("", String::as_str) == key)
                .collect();
            (!items.is_empty()).then_some((key, items))
        })
        .collect()
}

/// The "Kết quả, sản phẩm" lines of an entry: its result, then each product as "- …".
pub fn result_lines(e: Option<&Entry>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    if let Some(e) = e {
        out.extend(e.ket_qua.as_ref().map(|s| s.trim().to_string()));
        out.extend(e.san_pham.0.iter().map(|s| format!("- {}", s.trim())));
    }
    out
}

/// Row `number` of the progress appendix: item `i` of `c`, its progress, results and notes.
fn progress_row(plan: &Plan, c: &Computed, i: usize, number: usize) -> ProgressRow {
    let (it, p, pick) = (&c.items[i], c.progress[i], c.picks[i]);
    let e = entry_of(&c.sets, it, pick);
    let ket_qua = result_lines(e);
    let mut ghi_chu = vec![it.place.clone()];
    let others: Vec<&str> = it.indices.iter().skip(1).map(|k| index_name(k)).collect();
    if !others.is_empty() {
        ghi_chu.push(format!("Phục vụ cả {}", others.join(", ")));
    }
    ghi_chu.extend(figures::round_notes(it, e, c.window.cut_off));
    if let Some(k) = e.and_then(|e| e.kho_khan.as_ref()) {
        ghi_chu.push(format!("Khó khăn: {}", k.trim()));
    }
    if let Some(pk) = pick.filter(|pk| pk.carried) {
        ghi_chu.push(format!("Theo báo cáo {}", c.sets[pk.set].period.wording()));
    }
    ProgressRow {
        so: number.to_string(),
        noi_dung: it.content.clone(),
        chu_tri: (it.lead.as_ref()).map_or(String::new(), |l| {
            parties::render(l, &plan.don_vi, Form::Short)
        }),
        tien_do: progress_text(p, it, e),
        ket_qua,
        ghi_chu: ghi_chu.iter().map(|s| keep_references(s)).collect(),
    }
}
