//! What the report template sees: the ND30 frame, the outline of a CCHC report (I. chỉ đạo,
//! điều hành … V. đề xuất) with the computed figures in their places, and the appendices
//! (task progress, Biểu số 06/VPCP/KSTT), every number and phrase already computed.

use super::check::{tthc_totals, TthcTotals};
use super::data::{Entry, TthcRow};
use super::figures::{deciding_round, Standing};
use crate::model::date::short_date;
use crate::model::frame::FrameView;
use crate::model::numerals::{percent, thousands};
use crate::model::tracked::Tracked;
use chrono::NaiveDate;
use serde::Serialize;

// Section I.1's figures have their own file; their old paths here keep working.
pub use super::figures_view::{
    figures_view, unit_label, BarView, FigureRow, FigureTable, FiguresView, SeriesView,
};

#[derive(Debug, Serialize)]
pub struct ReportView {
    #[serde(flatten)]
    pub frame: FrameView,
    /// "Kính gửi" lines: one recipient, or "- A;" … "- B." for several.
    pub kinh_gui: Vec<String>,
    /// The opening paragraphs the data gives; none: the template writes the usual one.
    pub mo_dau: Vec<String>,
    /// What the template's own sentences (opening, closing) refer to.
    pub tham_chieu: References,
    /// I. … V.
    pub phan: Vec<PartView>,
    pub so_lieu: FiguresView,
    /// None when the plan tracks nothing (no tasks, no appendix rows).
    pub phu_luc_tien_do: Option<ProgressAppendix>,
    pub phu_luc_tthc: Option<TthcAppendix>,
    pub so_trang_dau_phu_luc: bool,
}

/// The names the template's sentences use.
#[derive(Debug, Serialize)]
pub struct References {
    /// "Kế hoạch số 189/KH-UBND ngày 20/12/2023".
    pub ke_hoach: String,
    /// "Kế hoạch số 189/KH-UBND" (no date, before the period's words).
    pub ke_hoach_ngan: String,
    /// " về duy trì, cải thiện …" (the plan's trích yếu, without a closing "của <the
    /// agency>": the sentence names it), empty when `ke_hoach` already names the plan by it.
    pub ve: String,
    /// "quý I năm 2024".
    pub ky: String,
}

/// A part of the outline, I. … V.; its heading is the template's (`_de-cuong-bao-cao.xml`).
#[derive(Debug, Serialize)]
pub struct PartView {
    pub so: String,
    pub khoa: &'static str,
    pub muc: Vec<SubView>,
}

/// A numbered item of a part, 1., 2. …; `khoa` "" for an untitled one. Under "ke-hoach"
/// the template places the computed task figures, tables and charts.
#[derive(Debug, Serialize)]
pub struct SubView {
    pub so: String,
    pub khoa: &'static str,
    pub doan: Vec<String>,
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
        don_vi_bao_cao: keep_place_names(reporter),
        don_vi_nhan: keep_place_names(receiver),
        dong: rows
            .iter()
            .enumerate()
            .map(|(i, r)| TthcRowView {
                so: (i + 1).to_string(),
                linh_vuc: r.linh_vuc.trim().to_string(),
                so_lieu: tthc_cells(r).iter().map(|&n| thousands(n)).collect(),
            })
            .collect(),
        tong: tthc_sum(rows).iter().map(|&n| thousands(n)).collect(),
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
    // The online share is of the files newly received in the period (Biểu 06 columns 4 and
    // 5), so the sentence names that base.
    format!(
        "Kết quả giải quyết thủ tục hành chính: tổng số hồ sơ tiếp nhận {}, trong đó từ kỳ trước chuyển sang {}, tiếp nhận mới trong kỳ {} (trực tuyến {}, trực tiếp và qua dịch vụ bưu chính {}); tỷ lệ hồ sơ trực tuyến trên số hồ sơ tiếp nhận mới đạt {}. Đã giải quyết {} hồ sơ, trong đó trước hạn và đúng hạn {} (đạt {}), quá hạn {}; đang giải quyết {} hồ sơ, trong đó trong hạn {}, quá hạn {} ({detail}).",
        thousands(t.received),
        thousands(carried),
        thousands(online + direct),
        thousands(online),
        thousands(direct),
        percent(super::figures::share(online, online + direct)),
        thousands(t.resolved),
        thousands(in_time),
        percent(super::figures::share(in_time, t.resolved)),
        thousands(s[7]),
        thousands(t.pending),
        thousands(s[9]),
        thousands(s[10]),
    )
}

/// "Hoàn thành đúng hạn (ngày 12/3/2024)", "Đang thực hiện, quá hạn (60%; hạn 31/3/2024)".
pub fn progress_text(p: Standing, item: &Tracked, e: Option<&Entry>) -> String {
    // Work in rounds: the round that decides the state, its deadline and completion day.
    let decided = deciding_round(item, e);
    let due = decided.map(|(_, d)| short_date(d));
    let days = e.map_or(&[][..], |e| e.ngay_hoan_thanh.0.as_slice());
    let day = match (p, decided) {
        (Standing::DoneLate, Some((i, _))) => days.get(i),
        _ => days.last(),
    }
    .map(|d| short_date(d.0));
    let share = e.and_then(|e| e.ty_le).map(percent);
    let mut notes: Vec<String> = Vec::new();
    let head = match p {
        Standing::DoneOnTime => {
            notes.extend(day.map(|d| format!("ngày {d}")));
            "Hoàn thành đúng hạn"
        }
        Standing::DoneLate => {
            notes.extend(day.map(|d| format!("ngày {d}")));
            notes.extend(due.map(|d| format!("hạn {d}")));
            "Hoàn thành trễ hạn"
        }
        Standing::InProgress => {
            notes.extend(share);
            "Đang thực hiện"
        }
        Standing::InProgressOverdue => {
            notes.extend(share);
            notes.extend(due.map(|d| format!("hạn {d}")));
            "Đang thực hiện, quá hạn"
        }
        Standing::NotStarted => "Chưa thực hiện",
        Standing::NotStartedOverdue => {
            notes.extend(due.map(|d| format!("hạn {d}")));
            "Chưa thực hiện, quá hạn"
        }
        Standing::NotReported => "Chưa báo cáo",
        Standing::NotReportedOverdue => {
            notes.extend(due.map(|d| format!("hạn {d}")));
            "Chưa báo cáo, quá hạn"
        }
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

/// A space no line breaks at (U+00A0). Word, LibreOffice and the PDF engine set it at a
/// space's width and none of them stretches it in a justified line.
const NBSP: char = '\u{a0}';

/// Words that open a place name: the levels of local government.
const LEVELS: &[&str] = &[
    "thành phố",
    "thị xã",
    "thị trấn",
    "đặc khu",
    "phường",
    "quận",
    "huyện",
    "tỉnh",
    "xã",
];

/// A unit's name with each place name in it ("xã Tân Lập", "tỉnh Phú Thọ") kept on one line:
/// from its level word to the end of the proper name (the capitalised words that follow, up
/// to a comma), the spaces do not break.
pub fn keep_place_names(name: &str) -> String {
    let words: Vec<&str> = name.split(' ').collect();
    let mut joins = vec![' '; words.len().saturating_sub(1)];
    let proper = |w: &str| {
        w.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    };
    let mut i = 0;
    while i < words.len() {
        let Some(k) = level_at(&words[i..]) else {
            i += 1;
            continue;
        };
        let mut j = i + k;
        if j >= words.len() || !proper(words[j]) {
            i = j;
            continue;
        }
        // The level word and the first word of the name, then the name's further words.
        joins[i..j].fill(NBSP);
        while j + 1 < words.len()
            && !words[j].ends_with([',', ';'])
            && proper(words[j + 1])
            && level_at(&words[j + 1..]).is_none()
        {
            joins[j] = NBSP;
            j += 1;
        }
        i = j + 1;
    }
    join_words(&words, &joins)
}

/// How many words a level word takes at the start of `words` ("thị xã": 2), if one is there.
fn level_at(words: &[&str]) -> Option<usize> {
    LEVELS.iter().find_map(|level| {
        let n = level.split(' ').count();
        let head = words.get(..n)?.join(" ").to_lowercase();
        (head == *level).then_some(n)
    })
}

fn join_words(words: &[&str], joins: &[char]) -> String {
    let mut out = String::new();
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            out.push(joins[i - 1]);
        }
        out.push_str(w);
    }
    out
}

/// `text` with each reference "(1)", "(12)" kept with the word before it: a reference alone
/// at the head of a line reads as a stray number.
pub fn keep_references(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        let rest = &text[i + c.len_utf8()..];
        let digits = rest
            .strip_prefix('(')
            .map_or(0, |r| r.chars().take_while(char::is_ascii_digit).count());
        let reference = digits > 0 && rest[1 + digits..].starts_with(')');
        out.push(if c == ' ' && reference && i > 0 {
            NBSP
        } else {
            c
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn place_names_and_references_hold_together() {
        assert_eq!(
            keep_place_names("Ủy ban nhân dân xã Tân Lập"),
            "Ủy ban nhân dân xã\u{a0}Tân\u{a0}Lập"
        );
        assert_eq!(
            keep_place_names("UBND huyện Thanh Sơn, tỉnh Phú Thọ"),
            "UBND huyện\u{a0}Thanh\u{a0}Sơn, tỉnh\u{a0}Phú\u{a0}Thọ"
        );
        assert_eq!(
            keep_place_names("Ủy ban nhân dân thị xã Bỉm Sơn"),
            "Ủy ban nhân dân thị\u{a0}xã\u{a0}Bỉm\u{a0}Sơn"
        );
        // A level word with no name after it, and a name followed by another place.
        assert_eq!(
            keep_place_names("Phòng Nội vụ thị xã"),
            "Phòng Nội vụ thị xã"
        );
        assert_eq!(
            keep_place_names("phường 5 quận Gò Vấp"),
            "phường\u{a0}5 quận\u{a0}Gò\u{a0}Vấp"
        );
        assert_eq!(
            keep_references("Mục II.1 của Kế hoạch, nhiệm vụ (1)"),
            "Mục II.1 của Kế hoạch, nhiệm vụ\u{a0}(1)"
        );
        assert_eq!(
            keep_references("(1) đợt 2 (a) (12x)"),
            "(1) đợt 2 (a) (12x)"
        );
    }

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
}
