//! Work in rounds ("Tháng 5 và tháng 10/2025", `han: [30/4/2025, 31/8/2025]`): a report at
//! the 9-month cut-off (14/9/2025) says a task whose first round was missed is overdue, and
//! which round, in the DOCX and in the PDF; `check` names a several-date phrase it cannot
//! read at its line, with the date it took.

mod common;
mod pdf_common;
use common::*;
use std::path::{Path, PathBuf};

const PLAN: &str = r#"loai: ke-hoach
co_quan: {ten: [ỦY BAN NHÂN DÂN, XÃ TÂN LẬP], ten_day_du: Ủy ban nhân dân xã Tân Lập, viet_tat: UBND}
so: 12
dia_danh: Tân Lập
ngay: {ngay: 10, thang: 1, nam: 2025}
trich_yeu: Cải cách hành chính năm 2025
don_vi:
  vp: {ten: Văn phòng - thống kê, ngan: Công chức VP}
ky: {hinh_thuc: TM, tap_the: Ủy ban nhân dân, chuc_vu: Chủ tịch, ho_ten: Lê Văn Hùng}
noi_dung:
  - tieu_de: NHIỆM VỤ
    chi_so: [par-index]
    phu_luc_kem_theo: tat-ca
    nhiem_vu:
      - {id: kiem-tra, noi_dung: "Kiểm tra hai đợt.", chu_tri: vp, thoi_gian: Hai đợt trong năm, han: [30/4/2025, 31/8/2025]}
      - {id: niem-yet, noi_dung: "Niêm yết thủ tục.", chu_tri: vp, thoi_gian: Quý II và quý IV/2025}
      - {id: tong-ket, noi_dung: "Tổng kết.", chu_tri: vp, thoi_gian: Trước 30/6 và 31/12/2025}
      - {id: tap-huan, noi_dung: "Tập huấn.", chu_tri: vp, thoi_gian: Tháng 10/2025}
phu_luc:
  - id: sipas
    chi_so: sipas
    tieu_de: CÁC TIÊU CHÍ SIPAS
    nhom:
      - ten: Khảo sát
        dong:
          - {id: khao-sat, tieu_chi: "Khảo sát sự hài lòng.", chu_tri: vp, thoi_gian: "Tháng 5 và tháng 10/2025"}
"#;

const DATA_9T: &str = r#"kinh_gui: Ủy ban nhân dân huyện
tien_do:
  kiem-tra: {trang_thai: đang thực hiện, ngay_hoan_thanh: [28/4/2025]}
  niem-yet: {trang_thai: đang thực hiện, ngay_hoan_thanh: [20/6/2025]}
  tong-ket: {trang_thai: hoàn thành, ngay_hoan_thanh: [25/6/2025, 10/9/2025]}
  tap-huan: {trang_thai: chưa thực hiện}
  khao-sat: {trang_thai: chưa thực hiện}
"#;

fn case(name: &str) -> PathBuf {
    let dir = scratch(name);
    std::fs::write(dir.join("plan.yaml"), PLAN).unwrap();
    std::fs::create_dir_all(dir.join("bao-cao")).unwrap();
    std::fs::write(dir.join("bao-cao/2025-9t.yaml"), DATA_9T).unwrap();
    dir
}

/// `vanban report` of period `ky` into `dir/out`: the output folder and what it printed.
fn run_report(dir: &Path, ky: &str) -> (PathBuf, String) {
    let (out, o) = report_into(dir, ky, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    (out, stderr(&o))
}

/// The rows of the progress appendix of a report's DOCX, cell texts.
fn progress_rows(docx: &Path) -> Vec<Vec<String>> {
    let xml = part(&std::fs::read(docx).unwrap(), "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    tables(&doc)
        .iter()
        .map(table_texts)
        .find(|t| t[0] == PROGRESS_HEADER)
        .expect("progress appendix")
}

/// Whitespace (and the non-breaking spaces a writer may put) removed.
fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect()
}

#[test]
fn a_missed_round_makes_the_task_overdue_and_is_named() {
    let dir = case("rounds-report");
    let (out, _) = run_report(&dir, "2025-9t");
    let docx = std::fs::read(out.join("bao-cao-2025-9t.docx")).unwrap();
    let xml = part(&docx, "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let paras = body_paragraphs(&doc);
    // Overdue at 14/9: the survey (round 1 due 31/5, not started) and the check (round 1
    // done 28/4, round 2 due 31/8 still open). On time: the summary, both rounds done by
    // their deadlines. Within its deadline: the posting (round 2 due 31/12), the training.
    for want in [
        "- Đang thực hiện 2 nhiệm vụ, trong đó trong hạn 1, quá hạn 1;",
        "- Chưa thực hiện 2 nhiệm vụ, trong đó chưa quá hạn 1, quá hạn 1;",
        "- Số nhiệm vụ quá hạn tại thời điểm chốt số liệu: 2.",
        "Còn 2 nhiệm vụ quá hạn tại thời điểm chốt số liệu:",
    ] {
        assert!(
            paras.iter().any(|p| p == want),
            "missing {want:?} in {paras:#?}"
        );
    }
    assert!(
        paras
            .iter()
            .any(|p| p.starts_with("- Đã hoàn thành 1 nhiệm vụ") && p.contains("đúng hạn")),
        "{paras:#?}"
    );
    assert!(
        paras.iter().any(|p| p.starts_with(
            "- Khảo sát sự hài lòng (Phụ lục của Kế hoạch, dòng 1.1, đợt 1 hạn 31/5/2025)"
        )),
        "{paras:#?}"
    );

    let rows: Vec<Vec<String>> = tables(&doc)
        .iter()
        .map(table_texts)
        .find(|t| t[0] == PROGRESS_HEADER)
        .expect("progress appendix");
    let row = |content: &str| {
        rows.iter()
            .find(|r| r.get(1).is_some_and(|c| c == content))
            .unwrap_or_else(|| panic!("row {content}: {rows:#?}"))
            .clone()
    };
    let survey = row("Khảo sát sự hài lòng.");
    assert_eq!(survey[3], "Chưa thực hiện, quá hạn (hạn 31/5/2025)");
    assert!(
        survey[5].contains("Quá hạn đợt 1 (31/5/2025)"),
        "{survey:?}"
    );
    let check = row("Kiểm tra hai đợt.");
    assert_eq!(check[3], "Đang thực hiện, quá hạn (hạn 31/8/2025)");
    assert!(
        check[5].contains("Hoàn thành đợt 1 ngày 28/4/2025"),
        "{check:?}"
    );
    assert!(check[5].contains("Quá hạn đợt 2 (31/8/2025)"), "{check:?}");
    let posting = row("Niêm yết thủ tục.");
    assert_eq!(posting[3], "Đang thực hiện");
    assert!(
        posting[5].contains("Hoàn thành đợt 1 ngày 20/6/2025"),
        "{posting:?}"
    );
    assert!(!posting[5].contains("Quá hạn"), "{posting:?}");
    assert_eq!(row("Tổng kết.")[3], "Hoàn thành đúng hạn (ngày 10/9/2025)");
    assert_eq!(row("Tập huấn.")[3], "Chưa thực hiện");

    // The PDF says the same, cell by cell in the order it draws them.
    let pdf = pdf_common::read::read(&std::fs::read(out.join("bao-cao-2025-9t.pdf")).unwrap());
    let text = squeeze(
        &pdf.pages
            .iter()
            .map(|p| p.stream_text())
            .collect::<Vec<_>>()
            .join(" "),
    );
    for want in [
        "Chưa thực hiện, quá hạn (hạn 31/5/2025)",
        "Quá hạn đợt 1 (31/5/2025)",
        "Hoàn thành đợt 1 ngày 28/4/2025",
        "Quá hạn đợt 2 (31/8/2025)",
        "Số nhiệm vụ quá hạn tại thời điểm chốt số liệu: 2.",
    ] {
        assert!(text.contains(&squeeze(want)), "not in the PDF: {want}");
    }

    // Before round 1 of the survey was due (6-month cut-off 14/6 is after 31/5, so take
    // Q1's cut-off 14/3): nothing is overdue.
    std::fs::write(
        dir.join("bao-cao/2025-q1.yaml"),
        "kinh_gui: Ủy ban nhân dân huyện\ntien_do:\n  khao-sat: {trang_thai: chưa thực hiện}\n",
    )
    .unwrap();
    let o = vanban(&[
        "report",
        dir.to_str().unwrap(),
        "--ky",
        "2025-q1",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let docx = std::fs::read(out.join("bao-cao-2025-q1.docx")).unwrap();
    let xml = part(&docx, "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let survey = tables(&doc)
        .iter()
        .map(table_texts)
        .find(|t| t[0] == PROGRESS_HEADER)
        .and_then(|t| {
            t.into_iter()
                .find(|r| r.get(1).is_some_and(|c| c == "Khảo sát sự hài lòng."))
        })
        .expect("survey row");
    assert_eq!(survey[3], "Chưa thực hiện");
    assert!(!survey[5].contains("Quá hạn"), "{survey:?}");
}

#[test]
fn rounds_completed_are_checked_against_the_rounds() {
    let dir = case("rounds-check");
    // Completed with one day for two rounds; in progress with both rounds' days.
    let data = DATA_9T
        .replace(
            "tong-ket: {trang_thai: hoàn thành, ngay_hoan_thanh: [25/6/2025, 10/9/2025]}",
            "tong-ket: {trang_thai: hoàn thành, ngay_hoan_thanh: 10/9/2025}",
        )
        .replace(
            "niem-yet: {trang_thai: đang thực hiện, ngay_hoan_thanh: [20/6/2025]}",
            "niem-yet: {trang_thai: đang thực hiện, ngay_hoan_thanh: [20/6/2025, 1/9/2025]}",
        );
    let file = dir.join("bao-cao/2025-9t.yaml");
    std::fs::write(&file, data).unwrap();
    let o = vanban(&["check", dir.to_str().unwrap()]);
    let e = stderr(&o);
    assert_ne!(o.status.code(), Some(0), "{e}");
    let f = file.display();
    assert!(
        e.contains(&format!(
            "{f}:5:38: trường `tien_do.tong-ket.ngay_hoan_thanh`: cần `ngay_hoan_thanh` ghi ngày hoàn thành của từng đợt trong 2 đợt (hạn 30/6/2025, 31/12/2025), ví dụ [28/5/2025, 20/10/2025]; gặp 10/9/2025"
        )),
        "{e}"
    );
    assert!(
        e.contains(&format!(
            "{f}:4:14: trường `tien_do.niem-yet.trang_thai`: cần trạng thái \"hoàn thành\" khi đã xong cả 2 đợt; gặp \"đang thực hiện\" với 2 ngày: 20/6/2025, 01/9/2025"
        )),
        "{e}"
    );
}

#[test]
fn check_names_a_several_date_phrase_it_cannot_read_at_its_line() {
    let dir = case("rounds-unread");
    let plan = PLAN.replace(
        "thoi_gian: \"Tháng 5 và tháng 10/2025\"",
        "thoi_gian: \"Tháng 5 và cuối tháng 10/2025\"",
    );
    std::fs::write(dir.join("plan.yaml"), plan).unwrap();
    let o = vanban(&["check", dir.to_str().unwrap()]);
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{e}");
    let line = PLAN
        .lines()
        .position(|l| l.contains("Tháng 5 và tháng 10/2025"))
        .unwrap()
        + 1;
    let plan_file = dir.join("plan.yaml");
    let text = PLAN.lines().nth(line - 1).unwrap();
    let column = text[..text.find("thoi_gian").unwrap()].chars().count() + 1;
    assert!(
        e.contains(&format!(
            "cảnh báo: {}:{line}:{column}: `phu_luc[0].nhom[0].dong[0].thoi_gian`: \"Tháng 5 và cuối tháng 10/2025\" nêu nhiều thời điểm theo cách không đọc được: báo cáo lấy hạn 31/10/2025; nếu mỗi thời điểm là một đợt, viết dạng \"Tháng 5 và tháng 10/2025\"",
            plan_file.display()
        )),
        "{e}"
    );
    // The forms it reads ("Quý II và quý IV/2025", "Trước 30/6 và 31/12/2025") are not warned of.
    assert_eq!(e.matches("nêu nhiều thời điểm").count(), 1, "{e}");
}

/// A plan for 2024–2025: a summary due each half year, the year not written, and a
/// regulation due in quý II/2024.
const PLAN_2024_2025: &str = r#"loai: ke-hoach
co_quan: {ten: [ỦY BAN NHÂN DÂN, XÃ TÂN LẬP], ten_day_du: Ủy ban nhân dân xã Tân Lập, viet_tat: UBND}
so: 5
dia_danh: Tân Lập
ngay: {ngay: 10, thang: 1, nam: 2024}
trich_yeu: Cải cách hành chính giai đoạn 2024 - 2025
don_vi:
  vp: {ten: Văn phòng - thống kê, ngan: Công chức VP}
ky: {hinh_thuc: TM, tap_the: Ủy ban nhân dân, chuc_vu: Chủ tịch, ho_ten: Lê Văn Hùng}
noi_dung:
  - tieu_de: NHIỆM VỤ
    chi_so: [par-index]
    nhiem_vu:
      - {id: so-ket, noi_dung: "Sơ kết, tổng kết.", chu_tri: vp, thoi_gian: 6 tháng đầu năm và cuối năm}
      - {id: quy-che, noi_dung: "Ban hành quy chế.", chu_tri: vp, thoi_gian: Quý II/2024}
      - {id: tap-huan, noi_dung: "Tập huấn.", chu_tri: vp, thoi_gian: Tháng 10/2025}
"#;

#[test]
fn a_yearless_deadline_is_due_again_the_next_year() {
    let dir = scratch("rounds-yearly");
    std::fs::write(dir.join("plan.yaml"), PLAN_2024_2025).unwrap();
    std::fs::create_dir_all(dir.join("bao-cao")).unwrap();
    std::fs::write(
        dir.join("bao-cao/2024.yaml"),
        "kinh_gui: Ủy ban nhân dân huyện\ntien_do:\n  so-ket: {trang_thai: hoàn thành, ngay_hoan_thanh: [25/6/2024, 10/12/2024]}\n  quy-che: {trang_thai: hoàn thành, ngay_hoan_thanh: 20/6/2024}\n  tap-huan: {trang_thai: chưa thực hiện}\n",
    )
    .unwrap();
    // 2025's data leave out both tasks completed in 2024.
    std::fs::write(
        dir.join("bao-cao/2025-9t.yaml"),
        "kinh_gui: Ủy ban nhân dân huyện\ntien_do:\n  tap-huan: {trang_thai: đang thực hiện}\n",
    )
    .unwrap();
    let row = |rows: &[Vec<String>], content: &str| {
        rows.iter()
            .find(|r| r.get(1).is_some_and(|c| c == content))
            .unwrap_or_else(|| panic!("row {content}: {rows:#?}"))
            .clone()
    };

    // 2024: both rounds of the summary done on time.
    let (out, _) = run_report(&dir, "2024");
    let rows = progress_rows(&out.join("bao-cao-2024.docx"));
    let summary = row(&rows, "Sơ kết, tổng kết.");
    assert_eq!(summary[3], "Hoàn thành đúng hạn (ngày 10/12/2024)");
    assert!(
        summary[5].contains("Hoàn thành đợt 1 ngày 25/6/2024")
            && summary[5].contains("Hoàn thành đợt 2 ngày 10/12/2024"),
        "{summary:?}"
    );

    // 2025: the summary is due again, its first round on 30/6/2025, missed at 14/9/2025;
    // the regulation, due in 2024 only, stays completed.
    let (out, e) = run_report(&dir, "2025-9t");
    let rows = progress_rows(&out.join("bao-cao-2025-9t.docx"));
    let summary = row(&rows, "Sơ kết, tổng kết.");
    assert_eq!(summary[3], "Chưa báo cáo, quá hạn (hạn 30/6/2025)");
    assert!(
        summary[5].contains("Quá hạn đợt 1 (30/6/2025)"),
        "{summary:?}"
    );
    assert!(
        !summary[5].contains("Hoàn thành") && !summary[5].contains("Theo báo cáo"),
        "{summary:?}"
    );
    let rule = row(&rows, "Ban hành quy chế.");
    assert_eq!(rule[3], "Hoàn thành đúng hạn (ngày 20/6/2024)");
    assert!(rule[5].contains("Theo báo cáo năm 2024"), "{rule:?}");
    assert!(
        e.contains(
            "kỳ 2025-9t: 1 nhiệm vụ chưa báo cáo, ghi \"Chưa báo cáo\" trong báo cáo: so-ket"
        ),
        "{e}"
    );

    // Reported again in 2025, its status is 2025's: round 1 done, no word of 2024's
    // completion being undone.
    std::fs::write(
        dir.join("bao-cao/2025-9t.yaml"),
        "kinh_gui: Ủy ban nhân dân huyện\ntien_do:\n  so-ket: {trang_thai: đang thực hiện, ngay_hoan_thanh: [28/6/2025]}\n  tap-huan: {trang_thai: đang thực hiện}\n",
    )
    .unwrap();
    let (out, e) = run_report(&dir, "2025-9t");
    let summary = row(
        &progress_rows(&out.join("bao-cao-2025-9t.docx")),
        "Sơ kết, tổng kết.",
    );
    assert_eq!(summary[3], "Đang thực hiện");
    assert!(
        summary[5].contains("Hoàn thành đợt 1 ngày 28/6/2025") && !summary[5].contains("Quá hạn"),
        "{summary:?}"
    );
    assert!(!e.contains("nay ghi chưa hoàn thành"), "{e}");
}
