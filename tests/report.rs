//! `vanban report`: the periodic CCHC report read back from its DOCX and PDF. Figures are
//! checked against a count of the data files, deadlines against the cut-off, Biểu 06's
//! merged header, the merge of unit files, and every kind of bad input.

mod common;
mod pdf_common;
use common::*;
use std::path::{Path, PathBuf};

/// A small plan whose seven tasks sit on every side of the Q1 cut-off (14/3/2024).
const FIXTURE_PLAN: &str = r#"loai: ke-hoach
co_quan: {ten: [ỦY BAN NHÂN DÂN, XÃ TÂN AN], ten_day_du: Ủy ban nhân dân xã Tân An, viet_tat: UBND}
so: 7
dia_danh: Tân An
ngay: {ngay: 5, thang: 1, nam: 2024}
trich_yeu: Thực hiện cải cách hành chính năm 2024
don_vi:
  vp: {ten: Văn phòng - thống kê, ngan: Công chức VP}
  tp: {ten: Tư pháp - hộ tịch, ngan: Công chức TP}
ky: {hinh_thuc: KT, tap_the: Ủy ban nhân dân, thay_cho: Chủ tịch, chuc_vu: Phó Chủ tịch, ho_ten: Trần Văn Bình}
noi_dung:
  - tieu_de: NHIỆM VỤ
    chi_so: [par-index]
    nhiem_vu:
      - {id: a-qua-han, noi_dung: "Việc A.", chu_tri: vp, thoi_gian: "Trước ngày 10/3/2024"}
      - {id: b-han-ngay-chot, noi_dung: "Việc B.", chu_tri: vp, han: 14/3/2024}
      - {id: c-tre-han, noi_dung: "Việc C.", chu_tri: tp, thoi_gian: Tháng 2/2024}
      - {id: d-dung-han, noi_dung: "Việc D.", chu_tri: tp, thoi_gian: Quý I/2024}
      - {id: e-chua-lam-qua-han, noi_dung: "Việc E.", chu_tri: vp, thoi_gian: Tháng 1/2024}
      - {id: f-thuong-xuyen, noi_dung: "Việc F.", chu_tri: tp, thoi_gian: Thường xuyên}
  - tieu_de: CHỈ SỐ HÀI LÒNG
    chi_so: [sipas]
    nhiem_vu:
      - {id: g-chua-bao-cao, noi_dung: "Việc G.", chu_tri: vp, thoi_gian: Quý II/2024}
"#;

const FIXTURE_VP: &str = r#"so: 03  # viết 03 như văn thư vẫn viết
ngay: {ngay: 18, thang: 3, nam: 2024}
kinh_gui: [Ủy ban nhân dân huyện Tân Phú, Phòng Nội vụ huyện]
tthc:
  - linh_vuc: Hộ tịch
    tiep_nhan: {tong: 110, truc_tuyen: 60, truc_tiep: 48, tu_ky_truoc: 2}
    da_giai_quyet: {tong: 105, truoc_han: 50, dung_han: 54, qua_han: 1}
    dang_giai_quyet: {tong: 5, trong_han: 5, qua_han: 0}
  - linh_vuc: Chứng thực
    tiep_nhan: {truc_tuyen: 20, truc_tiep: 180}
    da_giai_quyet: {truoc_han: 150, dung_han: 50}
    dang_giai_quyet: {}
tien_do:
  a-qua-han: {trang_thai: đang thực hiện, ty_le: 60, ket_qua: Đã dự thảo}
  b-han-ngay-chot: {trang_thai: Đang thực hiện}
  e-chua-lam-qua-han: {trang_thai: chưa thực hiện, kho_khan: Thiếu kinh phí}
"#;

const FIXTURE_TP: &str = r#"tien_do:
  c-tre-han: {trang_thai: hoàn thành, ngay_hoan_thanh: 5/3/2024, san_pham: Quyết định số 12/QĐ-UBND}
  d-dung-han: {trang_thai: hoan-thanh, ngay_hoan_thanh: 01/03/2024, ket_qua: Xong trước hạn}
  f-thuong-xuyen: {trang_thai: chưa thực hiện}
"#;

/// Runs `vanban report <dir> --ky <ky> -o <dir>/out`.
fn run_report(dir: &Path, ky: &str) -> std::process::Output {
    let out = dir.join("out");
    vanban(&[
        "report",
        dir.to_str().unwrap(),
        "--ky",
        ky,
        "-o",
        out.to_str().unwrap(),
    ])
}

/// Writes the fixture plan with its Q1 data split into two unit files.
fn fixture(name: &str) -> PathBuf {
    let dir = scratch(name);
    std::fs::write(dir.join("plan.yaml"), FIXTURE_PLAN).unwrap();
    let q1 = dir.join("bao-cao").join("2024-q1");
    std::fs::create_dir_all(&q1).unwrap();
    std::fs::write(q1.join("vp.yaml"), FIXTURE_VP).unwrap();
    std::fs::write(q1.join("tp.yaml"), FIXTURE_TP).unwrap();
    dir
}

fn report(plan_dir: &Path, ky: &str) -> vanban::pipeline::Built {
    let tpl = vanban::template::Templates::load(None).unwrap();
    let p = vanban::kinds::report::period::Period::parse(ky).unwrap();
    vanban::pipeline::build(
        &vanban::kinds::report::document::Report(p),
        &plan_dir.join("plan.yaml"),
        &tpl,
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

fn docx_of(b: &vanban::pipeline::Built) -> Vec<u8> {
    common::write_docx(&b.document, &b.style, &vanban::fonts::FontSet::bundled()).unwrap()
}

fn pdf_of(b: &vanban::pipeline::Built) -> Vec<u8> {
    common::write_pdf(&b.document, &b.style, &vanban::fonts::FontSet::bundled()).unwrap()
}

/// The body paragraphs of a DOCX, top level only.
fn paragraphs(docx: &[u8]) -> Vec<String> {
    let xml = part(docx, "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    body_paragraphs(&doc)
}

fn tables_of(docx: &[u8]) -> Vec<Vec<Vec<String>>> {
    let xml = part(docx, "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    tables(&doc).iter().map(table_texts).collect()
}

fn has(paras: &[String], text: &str) -> bool {
    paras.iter().any(|p| p == text)
}

#[test]
fn cut_off_decides_on_time_late_and_overdue() {
    let dir = fixture("cutoff");
    let paras = paragraphs(&docx_of(&report(&dir, "2024-Q1")));
    // By construction: C done 5/3 after its February deadline (late), D done on time; A due
    // 10/3 and still in progress (overdue), B due on the cut-off day (not yet overdue); E due
    // in January and not started (overdue), F ongoing and not started; G not reported.
    for want in [
        "- Đã hoàn thành 2 nhiệm vụ, đạt 28,6%, trong đó đúng hạn 1, trễ hạn 1;",
        "- Đang thực hiện 2 nhiệm vụ, trong đó trong hạn 1, quá hạn 1;",
        "- Chưa thực hiện 2 nhiệm vụ, trong đó chưa quá hạn 1, quá hạn 1;",
        "- Chưa báo cáo 1 nhiệm vụ;",
        "- Số nhiệm vụ quá hạn tại thời điểm chốt số liệu: 2.",
    ] {
        assert!(has(&paras, want), "missing {want:?} in {paras:#?}");
    }
    // The overdue tasks are named in III.2 with their deadlines.
    assert!(has(
        &paras,
        "Còn 2 nhiệm vụ quá hạn tại thời điểm chốt số liệu:"
    ));
    assert!(paras
        .iter()
        .any(|p| p.starts_with("- Việc A (Mục I của Kế hoạch, nhiệm vụ (1), hạn 10/3/2024)")));

    // Moving the Q1 cut-off to 9/3 (a setting) puts A's deadline after it.
    std::fs::write(
        dir.join("bao-cao").join("chung.yaml"),
        "ngay_chot: {quy_1: \"9/3\"}\n",
    )
    .unwrap();
    // C was done on 5/3, before the new cut-off; nothing else moves but A.
    let paras = paragraphs(&docx_of(&report(&dir, "2024-Q1")));
    assert!(
        has(&paras, "- Đang thực hiện 2 nhiệm vụ, đều trong hạn;"),
        "{paras:#?}"
    );
    assert!(has(
        &paras,
        "- Số nhiệm vụ quá hạn tại thời điểm chốt số liệu: 1."
    ));

    // Leaving E (due in January, not started) out of the data does not hide it: it is
    // counted as not reported and overdue, and named in III.2.
    replace_in(
        &vp(&dir),
        "  e-chua-lam-qua-han: {trang_thai: chưa thực hiện, kho_khan: Thiếu kinh phí}\n",
        "",
    );
    let b = report(&dir, "2024-Q1");
    let paras = paragraphs(&docx_of(&b));
    for want in [
        "- Chưa thực hiện 1 nhiệm vụ, chưa quá hạn;",
        "- Chưa báo cáo 2 nhiệm vụ, trong đó quá hạn 1;",
        "- Số nhiệm vụ quá hạn tại thời điểm chốt số liệu: 1.",
        "Còn 1 nhiệm vụ quá hạn tại thời điểm chốt số liệu:",
    ] {
        assert!(has(&paras, want), "missing {want:?} in {paras:#?}");
    }
    assert!(
        paras
            .iter()
            .any(|p| p.starts_with("- Việc E (Mục I của Kế hoạch, nhiệm vụ (5), hạn 31/01/2024)")),
        "{paras:#?}"
    );
    let rows: Vec<Vec<String>> = tables_of(&docx_of(&b)).into_iter().flatten().collect();
    let e_row = rows
        .iter()
        .find(|r| r.get(1).is_some_and(|c| c == "Việc E."));
    assert_eq!(
        e_row.map(|r| r[3].as_str()),
        Some("Chưa báo cáo, quá hạn (hạn 31/01/2024)"),
        "{rows:#?}"
    );
}

#[test]
fn progress_appendix_rows_show_status_results_and_units() {
    let dir = fixture("appendix");
    let t = tables_of(&docx_of(&report(&dir, "2024-Q1")));
    let progress = t
        .iter()
        .find(|t| t[0] == PROGRESS_HEADER)
        .expect("progress table");
    let row = |task: &str| {
        progress
            .iter()
            .find(|r| r.get(1).is_some_and(|c| c == task))
            .unwrap_or_else(|| panic!("row {task}"))
            .clone()
    };
    assert_eq!(
        progress[1][..2],
        [
            "I".to_string(),
            "Chỉ số cải cách hành chính (PAR INDEX)".into()
        ]
    );
    assert_eq!(
        row("Việc A.")[2..4],
        [
            "Công chức VP".to_string(),
            "Đang thực hiện, quá hạn (60%; hạn 10/3/2024)".into()
        ]
    );
    assert_eq!(
        row("Việc C.")[3],
        "Hoàn thành trễ hạn (ngày 05/3/2024; hạn 29/02/2024)"
    );
    assert_eq!(row("Việc C.")[4], "- Quyết định số 12/QĐ-UBND");
    assert_eq!(
        row("Việc D.")[3..5],
        [
            "Hoàn thành đúng hạn (ngày 01/3/2024)".to_string(),
            "Xong trước hạn".into()
        ]
    );
    assert!(row("Việc E.")[5].ends_with("Khó khăn: Thiếu kinh phí"));
    assert_eq!(row("Việc G.")[3], "Chưa báo cáo");
    // G serves SIPAS only: its own group, numbered II.
    assert!(progress.iter().any(|r| r[..2]
        == [
            "II".to_string(),
            "Chỉ số hài lòng về sự phục vụ hành chính (SIPAS)".into()
        ]));
}

#[test]
fn frame_period_wording_kinh_gui_and_signature() {
    let dir = fixture("frame");
    let paras = paragraphs(&docx_of(&report(&dir, "2024-q1")));
    assert!(has(&paras, "BÁO CÁO"));
    assert!(
        has(
            &paras,
            "Kết quả thực hiện Kế hoạch số 07/KH-UBND quý I năm 2024"
        ),
        "{paras:#?}"
    );
    assert!(paras.iter().any(|p| p.starts_with(
        "Thực hiện Kế hoạch số 07/KH-UBND ngày 05/01/2024 của Ủy ban nhân dân xã Tân An về thực hiện cải cách hành chính năm 2024,"
    )));
    let t = tables_of(&docx_of(&report(&dir, "2024-q1")));
    // Header: Số and date; several recipients as a dashed list.
    assert_eq!(
        t[0][1],
        ["Số: 03/BC-UBND", "Tân An, ngày 18 tháng 3 năm 2024"]
    );
    assert!(t.iter().any(|t| t[0]
        == [
            "Kính gửi:",
            "- Ủy ban nhân dân huyện Tân Phú;\n- Phòng Nội vụ huyện."
        ]));
    // Nơi nhận starts with "Như trên" (a report with a Kính gửi); the deputy signs KT.
    let foot = t
        .iter()
        .find(|t| t[0][0].starts_with("Nơi nhận:"))
        .expect("foot");
    assert!(
        foot[0][0].starts_with("Nơi nhận:\n- Như trên;"),
        "{:?}",
        foot[0][0]
    );
    assert!(foot[0][0].ends_with("- Lưu: VT."));
    assert_eq!(
        foot[0][1],
        "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nTrần Văn Bình"
    );

    // Without a Kính gửi (a warning), "Như trên" would stand for no one: it is left out.
    replace_in(
        &vp(&dir),
        "kinh_gui: [Ủy ban nhân dân huyện Tân Phú, Phòng Nội vụ huyện]\n",
        "",
    );
    let t = tables_of(&docx_of(&report(&dir, "2024-q1")));
    assert!(!t.iter().any(|t| t[0][0] == "Kính gửi:"));
    let foot = t
        .iter()
        .find(|t| t[0][0].starts_with("Nơi nhận:"))
        .expect("foot");
    assert_eq!(foot[0][0], "Nơi nhận:\n- Lưu: VT.");
}

#[test]
fn every_period_kind_has_its_wording_and_file_name() {
    let dir = fixture("kinds");
    let data = dir.join("bao-cao");
    for key in ["2024-6t", "2024-9t", "2024", "2024-q3"] {
        std::fs::write(data.join(format!("{key}.yaml")), "tien_do: {}\n").unwrap();
    }
    let out = dir.join("out");
    let o = run_report(&dir, "tat-ca");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for (key, wording) in [
        ("2024-q1", "quý I năm 2024"),
        ("2024-6t", "6 tháng đầu năm 2024"),
        ("2024-q3", "quý III năm 2024"),
        ("2024-9t", "9 tháng năm 2024"),
        ("2024", "năm 2024"),
    ] {
        let docx = std::fs::read(out.join(format!("bao-cao-{key}.docx"))).unwrap();
        assert!(out.join(format!("bao-cao-{key}.pdf")).is_file());
        let paras = paragraphs(&docx);
        assert!(
            has(
                &paras,
                &format!("Kết quả thực hiện Kế hoạch số 07/KH-UBND {wording}")
            ),
            "{key}: {paras:#?}"
        );
    }
    // The 6-month report compares with Q1 (its data exists), Q1 with nothing.
    let six = paragraphs(&std::fs::read(out.join("bao-cao-2024-6t.docx")).unwrap());
    // The 6-month file reports nothing new: Q1's statuses carry over, 2 of 7 done.
    assert!(
        has(
            &six,
            "- Đã hoàn thành 2 nhiệm vụ, đạt 28,6%, trong đó đúng hạn 1, trễ hạn 1;"
        ),
        "{six:#?}"
    );
    assert!(has(
        &six,
        "Tỷ lệ hoàn thành không đổi so với quý I năm 2024 (28,6%)."
    ));
    // Q3 alone covers 15/6–14/9 and its files are empty: the one-off tasks completed in Q1
    // (C, D) stay completed; the rest must be reported again, and A, B, E (due by 14/3) and
    // G (due 30/6) are overdue by 14/9. F is ongoing: reported anew every period, never late.
    let q3 = paragraphs(&std::fs::read(out.join("bao-cao-2024-q3.docx")).unwrap());
    for want in [
        "- Đã hoàn thành 2 nhiệm vụ, đạt 28,6%, trong đó đúng hạn 1, trễ hạn 1;",
        "- Chưa báo cáo 5 nhiệm vụ, trong đó quá hạn 4;",
        "- Số nhiệm vụ quá hạn tại thời điểm chốt số liệu: 4.",
    ] {
        assert!(has(&q3, want), "missing {want:?} in {q3:#?}");
    }
    let rows: Vec<Vec<String>> =
        tables_of(&std::fs::read(out.join("bao-cao-2024-q3.docx")).unwrap())
            .into_iter()
            .flatten()
            .collect();
    let c_row = rows
        .iter()
        .find(|r| r.get(1).is_some_and(|c| c == "Việc C."));
    assert!(
        c_row.is_some_and(|r| r[3].starts_with("Hoàn thành trễ hạn")
            && r[5].contains("Theo báo cáo quý I năm 2024")),
        "{c_row:#?}"
    );
}

#[test]
fn bieu_06_has_the_merged_three_row_header_and_a_bold_total() {
    let dir = fixture("bieu06");
    let docx = docx_of(&report(&dir, "2024-Q1"));
    let xml = part(&docx, "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let t = tables(&doc)
        .into_iter()
        .find(|t| {
            child(&child(t, "tblGrid").unwrap(), "gridCol").is_some()
                && children(&child(t, "tblGrid").unwrap(), "gridCol").len() == 13
        })
        .expect("a 13-column table");
    let rows = children(&t, "tr");
    let span = |tc: &roxmltree::Node| {
        child(&child(tc, "tcPr").unwrap(), "gridSpan")
            .and_then(|g| attr(&g, "val"))
            .map_or(1, |v| v.parse::<usize>().unwrap())
    };
    let vmerge = |tc: &roxmltree::Node| {
        child(&child(tc, "tcPr").unwrap(), "vMerge")
            .map(|v| attr(&v, "val").unwrap_or("continue").to_string())
    };
    let r0 = children(&rows[0], "tc");
    assert_eq!(r0.iter().map(span).collect::<Vec<_>>(), [1, 1, 4, 4, 3]);
    assert_eq!(vmerge(&r0[0]).as_deref(), Some("restart"));
    assert_eq!(
        para_text(&child(&r0[2], "p").unwrap()),
        "Số hồ sơ nhận giải quyết"
    );
    let r1 = children(&rows[1], "tc");
    // STT and Lĩnh vực continue their merge; "Trong đó" spans online and direct.
    assert_eq!(
        r1.iter().map(span).collect::<Vec<_>>(),
        [1, 1, 1, 2, 1, 1, 1, 1, 1, 1, 1, 1]
    );
    assert_eq!(vmerge(&r1[0]).as_deref(), Some("continue"));
    assert_eq!(para_text(&child(&r1[3], "p").unwrap()), "Trong đó");
    let texts: Vec<String> = children(&rows[2], "tc")
        .iter()
        .map(|c| para_text(&child(c, "p").unwrap()))
        .collect();
    assert!(
        texts.contains(&"Trực tuyến".to_string())
            && texts.contains(&"Trực tiếp, dịch vụ bưu chính".to_string())
    );
    // The three header rows and the column numbers repeat on every page.
    for (i, r) in rows.iter().enumerate() {
        let header = child(r, "trPr")
            .and_then(|p| child(&p, "tblHeader"))
            .is_some();
        assert_eq!(header, i < 4, "row {i}");
    }
    // Data rows: numbers right-aligned; totals computed from the parts ("Chứng thực" gives
    // no totals of its own) and bold.
    let cells = |r: &roxmltree::Node| -> Vec<String> {
        children(r, "tc")
            .iter()
            .map(|c| para_text(&child(c, "p").unwrap()))
            .collect()
    };
    let last = rows.last().unwrap();
    assert_eq!(
        cells(last),
        [
            "Tổng cộng",
            "310",
            "80",
            "228",
            "2",
            "305",
            "200",
            "104",
            "1",
            "5",
            "5",
            "0"
        ]
    );
    let total_cell = &children(last, "tc")[1];
    let ppr = child(&child(total_cell, "p").unwrap(), "pPr").unwrap();
    assert_eq!(attr(&child(&ppr, "jc").unwrap(), "val"), Some("right"));
    assert!(child(&first_run_props(&child(total_cell, "p").unwrap()), "b").is_some());
    assert_eq!(
        cells(&rows[5])[..3],
        ["2".to_string(), "Chứng thực".into(), "200".into()]
    );
    // The body quotes the ratios: online 80 of 308 received in the period, 304 of 305 in time.
    let paras = paragraphs(&docx);
    assert!(
        paras.iter().any(|p| p
            .contains("tỷ lệ hồ sơ trực tuyến trên số hồ sơ tiếp nhận mới đạt 26%")
            && p.contains("trước hạn và đúng hạn 304 (đạt 99,7%), quá hạn 1")),
        "{paras:#?}"
    );
}

#[test]
fn unit_files_are_merged_and_a_task_reported_twice_names_both_files() {
    let dir = fixture("merge");
    let t = tables_of(&docx_of(&report(&dir, "2024-Q1")));
    let progress = t
        .iter()
        .find(|t| t[0].get(1).is_some_and(|c| c == "Nhiệm vụ"))
        .unwrap();
    // From vp.yaml and tp.yaml alike.
    assert!(progress
        .iter()
        .any(|r| r[1] == "Việc A." && r[4] == "Đã dự thảo"));
    assert!(progress
        .iter()
        .any(|r| r[1] == "Việc D." && r[4] == "Xong trước hạn"));

    let q1 = dir.join("bao-cao").join("2024-q1");
    let mut tp = std::fs::read_to_string(q1.join("tp.yaml")).unwrap();
    tp.push_str("  a-qua-han: {trang_thai: hoàn thành, ngay_hoan_thanh: 1/3/2024}\n");
    std::fs::write(q1.join("tp.yaml"), tp).unwrap();
    let o = run_report(&dir, "2024-Q1");
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    // Files are read in name order (tp.yaml, then vp.yaml): the second place is the error,
    // and it names the first.
    let q1 = q1.display();
    assert!(
        e.contains(&format!("lỗi: {q1}/vp.yaml:14:3: trường `tien_do.a-qua-han`: cần mỗi nhiệm vụ chỉ báo cáo ở một tệp của kỳ; gặp `a-qua-han` báo cáo cả ở đây và ở {q1}/tp.yaml:5:3\n")),
        "{e}"
    );
}

/// A task written twice in one file is refused where it is written the second time, naming
/// the first line; so is a key written twice in chung.yaml or a period's file.
#[test]
fn a_key_written_twice_in_one_file_names_both_lines() {
    let e = rejected("twice-in-file", |d| {
        let mut vp = std::fs::read_to_string(vp(d)).unwrap();
        vp.push_str("  a-qua-han: {trang_thai: hoàn thành, ngay_hoan_thanh: 1/3/2024}\n");
        std::fs::write(self::vp(d), vp).unwrap();
    });
    assert!(
        e.contains("vp.yaml:17:3: trường `tien_do.a-qua-han`: cần mỗi mã chỉ ghi một lần trong `tien_do`; xóa hoặc gộp một trong hai; gặp `a-qua-han` ghi lần thứ hai (lần đầu ở dòng 14)\n"),
        "{e}"
    );

    let e = rejected("twice-in-common", |d| {
        std::fs::write(
            d.join("bao-cao/chung.yaml"),
            "luu: [VT]\nkinh_gui: UBND huyện\nluu: [VT, VP]\n",
        )
        .unwrap();
    });
    assert!(
        e.contains("chung.yaml:3:1: trường `luu`: cần mỗi trường chỉ ghi một lần trong cùng một khối; xóa hoặc gộp một trong hai; gặp `luu` ghi lần thứ hai (lần đầu ở dòng 1)\n"),
        "{e}"
    );

    let e = rejected("twice-in-entry", |d| {
        replace_in(
            &vp(d),
            "{trang_thai: Đang thực hiện}",
            "{trang_thai: Đang thực hiện, ty_le: 10, trang_thai: hoàn thành}",
        )
    });
    assert!(
        e.contains("vp.yaml:15:60: trường `tien_do.b-han-ngay-chot.trang_thai`: cần mỗi trường chỉ ghi một lần trong cùng một khối; xóa hoặc gộp một trong hai; gặp `trang_thai` ghi lần thứ hai (lần đầu ở dòng 15)\n"),
        "{e}"
    );
}

/// Runs a report on a fixture changed by `edit`; returns the exit code and stderr, and
/// checks that the output of an earlier good run is untouched.
fn rejected(name: &str, edit: impl FnOnce(&Path)) -> String {
    let dir = fixture(name);
    let out = dir.join("out");
    let good = run_report(&dir, "2024-Q1");
    assert_eq!(good.status.code(), Some(0), "{}", stderr(&good));
    let before = std::fs::read(out.join("bao-cao-2024-q1.docx")).unwrap();
    edit(&dir);
    let bad = run_report(&dir, "2024-Q1");
    assert_eq!(bad.status.code(), Some(1), "{}", stderr(&bad));
    assert_eq!(
        std::fs::read(out.join("bao-cao-2024-q1.docx")).unwrap(),
        before
    );
    stderr(&bad)
}

fn replace_in(path: &Path, from: &str, to: &str) {
    let s = std::fs::read_to_string(path).unwrap();
    assert!(s.contains(from), "{from}");
    std::fs::write(path, s.replacen(from, to, 1)).unwrap();
}

fn vp(dir: &Path) -> PathBuf {
    dir.join("bao-cao/2024-q1/vp.yaml")
}

#[test]
fn bad_progress_data_is_located_and_explained() {
    let e = rejected("bad-id", |d| {
        replace_in(&vp(d), "  b-han-ngay-chot:", "  b-han-ngay-chott:")
    });
    assert!(
        e.contains("vp.yaml:15:3: trường `tien_do.b-han-ngay-chott`"),
        "{e}"
    );
    assert!(e.contains("có phải `b-han-ngay-chot`?"), "{e}");

    // A value serde reads itself is placed at the value, with its own field.
    let e = rejected("bad-status", |d| {
        replace_in(&vp(d), "trang_thai: Đang thực hiện", "trang_thai: xong rồi")
    });
    assert!(
        e.contains("vp.yaml:15:33: trường `tien_do.b-han-ngay-chot.trang_thai`: cần trạng thái là một trong: hoàn thành, đang thực hiện, chưa thực hiện; gặp \"xong rồi\"\n"),
        "{e}"
    );
    for (bad, found) in [("31/2/2024", "\"31/2/2024\""), ("hôm qua", "\"hôm qua\"")] {
        let e = rejected("bad-done-day", |d| {
            replace_in(&d.join("bao-cao/2024-q1/tp.yaml"), "5/3/2024", bad)
        });
        assert!(
            e.contains(&format!("tp.yaml:2:56: trường `tien_do.c-tre-han.ngay_hoan_thanh`: cần ngày có thật viết dạng ngày/tháng/năm (ví dụ 12/3/2024); gặp {found}\n")),
            "{e}"
        );
    }
    // A list is for work in rounds: a day in it is read as any other, and a task with one
    // deadline takes one day.
    let e = rejected("bad-round-day", |d| {
        replace_in(
            &d.join("bao-cao/2024-q1/tp.yaml"),
            "5/3/2024",
            "[1/3/2024, hôm qua]",
        )
    });
    assert!(
        e.contains("tp.yaml:2:67: trường `tien_do.c-tre-han.ngay_hoan_thanh[1]`: cần ngày có thật viết dạng ngày/tháng/năm (ví dụ 12/3/2024); gặp \"hôm qua\"\n"),
        "{e}"
    );
    let e = rejected("two-days-one-deadline", |d| {
        replace_in(
            &d.join("bao-cao/2024-q1/tp.yaml"),
            "5/3/2024",
            "[1/3/2024, 5/3/2024]",
        )
    });
    assert!(
        e.contains("tp.yaml:2:39: trường `tien_do.c-tre-han.ngay_hoan_thanh`: cần một ngày hoàn thành (nhiệm vụ có một thời hạn, không chia đợt); gặp 2 ngày: 01/3/2024, 05/3/2024\n"),
        "{e}"
    );
    let e = rejected("bad-tthc-count", |d| {
        replace_in(&vp(d), "truc_tuyen: 20,", "truc_tuyen: hai mươi,")
    });
    assert!(
        e.contains("vp.yaml:10:29: trường `tthc[1].tiep_nhan.truc_tuyen`: cần một số nguyên không âm (chỉ gồm chữ số); gặp chuỗi \"hai mươi\"\n"),
        "{e}"
    );
    let e = rejected("big-number", |d| {
        replace_in(&vp(d), "so: 03", "so: 9999999999")
    });
    assert!(
        e.contains("vp.yaml:1:5: trường `so`: cần một số nguyên không quá 4.294.967.295; gặp số 9999999999 (quá lớn)\n"),
        "{e}"
    );

    let e = rejected("after-cutoff", |d| {
        replace_in(&d.join("bao-cao/2024-q1/tp.yaml"), "5/3/2024", "20/3/2024")
    });
    assert!(
        e.contains("tp.yaml:2:") && e.contains("`tien_do.c-tre-han.ngay_hoan_thanh`"),
        "{e}"
    );
    assert!(
        e.contains("không sau ngày chốt số liệu 14/3/2024 của kỳ quý I năm 2024; gặp 20/3/2024"),
        "{e}"
    );

    let e = rejected("before-plan", |d| {
        replace_in(
            &d.join("bao-cao/2024-q1/tp.yaml"),
            "01/03/2024",
            "02/01/2024",
        )
    });
    assert!(
        e.contains("không trước ngày ban hành kế hoạch (05/01/2024); gặp 02/01/2024"),
        "{e}"
    );

    let e = rejected("share", |d| replace_in(&vp(d), "ty_le: 60", "ty_le: 150"));
    assert!(
        e.contains("`tien_do.a-qua-han.ty_le`: cần tỷ lệ từ 0 đến 100 (%); gặp 150"),
        "{e}"
    );

    let e = rejected("tthc-sum", |d| replace_in(&vp(d), "tong: 105", "tong: 106"));
    assert!(
        e.contains("vp.yaml:7:") && e.contains("`tthc[0].da_giai_quyet.tong`"),
        "{e}"
    );
    assert!(
        e.contains("tổng số = trước hạn + đúng hạn + quá hạn = 105 (dòng \"Hộ tịch\"); gặp 106"),
        "{e}"
    );

    let e = rejected("tthc-balance", |d| {
        replace_in(
            &vp(d),
            "dang_giai_quyet: {}",
            "dang_giai_quyet: {trong_han: 3}",
        )
    });
    assert!(
        e.contains(
            "`tthc[1]`: cần số hồ sơ nhận = đã giải quyết + đang giải quyết (dòng \"Chứng thực\")"
        ),
        "{e}"
    );

    let e = rejected("done-no-date", |d| {
        replace_in(
            &d.join("bao-cao/2024-q1/tp.yaml"),
            ", ngay_hoan_thanh: 5/3/2024",
            "",
        )
    });
    assert!(
        e.contains("`ngay_hoan_thanh` để tính đúng hạn hay trễ hạn (hạn 29/02/2024)"),
        "{e}"
    );

    let e = rejected("report-date", |d| {
        replace_in(
            &vp(d),
            "ngay: {ngay: 18, thang: 3, nam: 2024}",
            "ngay: {ngay: 2, thang: 12, nam: 2023}",
        )
    });
    assert!(e.contains("vp.yaml:2:") && e.contains("`ngay`: cần ngày báo cáo trong hoặc sau kỳ quý I năm 2024 (từ 15/12/2023); gặp 02/12/2023"), "{e}");
}

#[test]
fn a_period_without_data_and_a_bad_period_are_refused() {
    let dir = fixture("no-data");
    let o = vanban(&["report", dir.to_str().unwrap(), "--ky", "2024-Q2"]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(e.contains("cần dữ liệu kỳ quý II năm 2024 (2024-q2): tệp 2024-q2.yaml hoặc thư mục 2024-q2/; gặp chỉ có các kỳ: 2024-q1"), "{e}");
    let o = vanban(&["report", dir.to_str().unwrap(), "--period", "2024-Q5"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("kỳ báo cáo \"2024-Q5\" không hợp lệ"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn check_reads_the_report_data_too() {
    let dir = fixture("check");
    let o = vanban(&["check", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("dữ liệu báo cáo hợp lệ — các kỳ 2024-q1"),
        "{out}"
    );
    replace_in(&vp(&dir), "ty_le: 60", "ty_le: -5");
    let o = vanban(&["check", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("`tien_do.a-qua-han.ty_le`"));

    // An unreadable explicit deadline is an error; unreadable free text a warning.
    let dir = fixture("check-deadline");
    replace_in(
        &dir.join("plan.yaml"),
        "thoi_gian: Thường xuyên",
        "thoi_gian: Khi có yêu cầu",
    );
    let o = vanban(&["check", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stderr(&o).contains("cảnh báo: ")
            && stderr(&o).contains("không đọc được thời hạn từ \"Khi có yêu cầu\""),
        "{}",
        stderr(&o)
    );
    replace_in(&dir.join("plan.yaml"), "han: 14/3/2024", "han: sớm");
    let o = vanban(&["check", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("`noi_dung[0].nhiem_vu[1].han`: cần thời hạn đọc được"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn report_output_is_deterministic() {
    let dir = fixture("determinism");
    let a = report(&dir, "2024-Q1");
    let b = report(&dir, "2024-Q1");
    assert_eq!(docx_of(&a), docx_of(&b));
    assert_eq!(pdf_of(&a), pdf_of(&b));
}

/// The Phú Sơn example data (bao-cao/), its figures counted by hand: statuses with
/// `grep -c "trang_thai: …"` over each period's files, deadlines read from plan.yaml's
/// `han`/`thoi_gian`, Biểu 06 sums added up per lĩnh vực. The YAML is read again here so that an
/// edit of the example data that breaks these counts, or the data's own consistency (statuses
/// that only move forward, the same files carried over at 15/12/2023 in every period), fails
/// with the place to look.
mod phu_son {
    use super::*;
    use serde_yaml::Value;

    const PERIODS: [&str; 4] = ["2024-q1", "2024-6t", "2024-9t", "2024"];

    /// The `tien_do` entries of a period (the Q1 folder's unit files merged) and its top-level
    /// fields (the Q1 folder's from the file that has them).
    fn period(key: &str) -> (Vec<(String, Value)>, Value) {
        let data = root().join(SEED).join("bao-cao");
        let dir = data.join(key);
        let files: Vec<PathBuf> = if dir.is_dir() {
            let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
                .unwrap()
                .map(|e| e.unwrap().path())
                .collect();
            v.sort();
            v
        } else {
            vec![data.join(format!("{key}.yaml"))]
        };
        let mut entries = Vec::new();
        let mut top = Value::Null;
        for f in &files {
            let v: Value = serde_yaml::from_str(&std::fs::read_to_string(f).unwrap()).unwrap();
            if let Some(m) = v.get("tien_do").and_then(Value::as_mapping) {
                entries.extend(
                    m.iter()
                        .map(|(k, e)| (k.as_str().unwrap().to_string(), e.clone())),
                );
            }
            if v.get("tthc").is_some() {
                top = v;
            }
        }
        (entries, top)
    }

    fn count(entries: &[(String, Value)], status: &str) -> usize {
        entries
            .iter()
            .filter(|(_, e)| e["trang_thai"].as_str() == Some(status))
            .count()
    }

    /// Per period, by hand. The plan tracks 108 items: 22 tasks (8 + 7 + 7 in Mục II.1.1–1.3)
    /// and 86 appendix rows (31 PAR INDEX, 9 SIPAS, 23 PAPI, 23 PCI); 14 tasks have a deadline,
    /// the rest are "Thường xuyên", "Hằng quý" or yearly and are never overdue.
    /// - Q1 (to 14/3): done 3 (papi-cong-khai-dat-dai 11/3, due 31/3; par-index/4.1 and 6.2,
    ///   recurring), in progress 99 of which overdue 1 (pci-thong-tin-dat-dai-thu-tuc, due
    ///   29/02), not started 6 (none due yet).
    /// - 6T (to 14/6): done 13, late 2 (pci-thong-tin-dat-dai-thu-tuc 20/3, par-trang-thong-tin-
    ///   mot-cua 22/4 after 31/3); in progress 94, none overdue; not started 1 (par-index/8.1,
    ///   "Quý IV hàng năm").
    /// - 9T (to 14/9): done 17, late the same 2; in progress 91, overdue 2 (pci-quy-hoach-su-
    ///   dung-dat due 30/6, pci-thong-tin-ho-tro-dau-tu due 31/8).
    /// - Year (to 14/12): done 97, late 4 (those two done 18/10 and 30/10); in progress 11,
    ///   none overdue (par-phat-trien-kinh-te-xa-hoi is due 31/12, the other 10 recurring).
    const FIGURES: [(&str, [usize; 3], [&str; 4]); 4] = [
        (
            "2024-Q1",
            [3, 99, 6],
            [
                "- Đã hoàn thành 3 nhiệm vụ, đạt 2,8%, đều đúng hạn;",
                "- Đang thực hiện 99 nhiệm vụ, trong đó trong hạn 98, quá hạn 1;",
                "- Chưa thực hiện 6 nhiệm vụ, đều chưa quá hạn;",
                "- Số nhiệm vụ quá hạn tại thời điểm chốt số liệu: 1.",
            ],
        ),
        (
            "2024-6T",
            [13, 94, 1],
            [
                "- Đã hoàn thành 13 nhiệm vụ, đạt 12%, trong đó đúng hạn 11, trễ hạn 2;",
                "- Đang thực hiện 94 nhiệm vụ, đều trong hạn;",
                "- Chưa thực hiện 1 nhiệm vụ, chưa quá hạn;",
                "- Số nhiệm vụ quá hạn tại thời điểm chốt số liệu: 0.",
            ],
        ),
        (
            "2024-9T",
            [17, 91, 0],
            [
                "- Đã hoàn thành 17 nhiệm vụ, đạt 15,7%, trong đó đúng hạn 15, trễ hạn 2;",
                "- Đang thực hiện 91 nhiệm vụ, trong đó trong hạn 89, quá hạn 2;",
                "- Không có nhiệm vụ chưa thực hiện;",
                "- Số nhiệm vụ quá hạn tại thời điểm chốt số liệu: 2.",
            ],
        ),
        (
            "2024",
            [97, 11, 0],
            [
                "- Đã hoàn thành 97 nhiệm vụ, đạt 89,8%, trong đó đúng hạn 93, trễ hạn 4;",
                "- Đang thực hiện 11 nhiệm vụ, đều trong hạn;",
                "- Không có nhiệm vụ chưa thực hiện;",
                "- Số nhiệm vụ quá hạn tại thời điểm chốt số liệu: 0.",
            ],
        ),
    ];

    #[test]
    fn every_period_has_the_hand_counted_figures() {
        for (i, (key, [done, wip, idle], lines)) in FIGURES.iter().enumerate() {
            // Every file reports every item, so the file's own count is the period's.
            let (e, _) = period(PERIODS[i]);
            assert_eq!(e.len(), 108, "{key}: every item reported");
            assert_eq!(
                [
                    count(&e, "hoàn thành"),
                    count(&e, "đang thực hiện"),
                    count(&e, "chưa thực hiện")
                ],
                [*done, *wip, *idle],
                "{key}: statuses in the data files"
            );
            let b = report(&root().join(SEED), key);
            let paras = paragraphs(&docx_of(&b));
            let cut = format!("14/{}/2024", [3, 6, 9, 12][i]);
            let opening = format!("Kế hoạch số 189/KH-UBND ngày 20/12/2023 có 108 nhiệm vụ (22 nhiệm vụ trọng tâm và 86 nhiệm vụ theo tiêu chí tại các phụ lục của Kế hoạch). Tính đến ngày chốt số liệu {cut} (chi tiết tại Phụ lục I):");
            assert!(has(&paras, &opening), "{key}: {paras:#?}");
            for want in lines {
                assert!(has(&paras, want), "{key}: missing {want:?} in {paras:#?}");
            }
            // Every item was reported: no "Chưa báo cáo" line.
            assert!(
                !paras.iter().any(|p| p.starts_with("- Chưa báo cáo")),
                "{key}"
            );
            if i == 0 {
                // The same figures in the PDF's text.
                let pdf = pdf_common::read::read(&pdf_of(&b));
                let text: String = pdf
                    .pages
                    .iter()
                    .flat_map(|p| p.lines())
                    .map(|l| l.1)
                    .collect::<Vec<_>>()
                    .join(" ");
                assert!(text.contains("Đã hoàn thành 3 nhiệm vụ"), "{text}");
            }
        }
    }

    #[test]
    fn longer_periods_take_the_latest_status_and_compare_with_the_one_before() {
        // 3, 13, 17 and 97 done of 108: 2,78% → 12,04% → 15,74% → 89,81%, shown 2,8%, 12%, 15,7%,
        // 89,8%; the change is between the shown figures (12 - 2,8 = 9,2).
        for (key, cmp) in [
            (
                "2024-6T",
                "Tỷ lệ hoàn thành tăng 9,2 điểm phần trăm so với quý I năm 2024 (từ 2,8% lên 12%).",
            ),
            (
                "2024-9T",
                "Tỷ lệ hoàn thành tăng 3,7 điểm phần trăm so với 6 tháng đầu năm 2024 (từ 12% lên 15,7%).",
            ),
            (
                "2024",
                "Tỷ lệ hoàn thành tăng 74,1 điểm phần trăm so với 9 tháng năm 2024 (từ 15,7% lên 89,8%).",
            ),
        ] {
            let paras = paragraphs(&docx_of(&report(&root().join(SEED), key)));
            assert!(has(&paras, cmp), "{key}: {paras:#?}");
        }
    }

    /// Biểu 06's total row per period, added up by hand from the six lĩnh vực of each file
    /// (Hộ tịch, Chứng thực, Đất đai, Bảo trợ xã hội, Người có công, Thi đua - khen thưởng):
    /// received, online, direct, carried over, resolved, early, on time, late, pending, within,
    /// overdue. All four periods start on 15/12/2023, so the carried-over files (4 + 0 + 1 +
    /// 4 + 1 + 0 = 10) are the same in each and the other figures only grow.
    #[test]
    fn bieu_06_totals_are_cumulative_from_the_same_start() {
        let totals: [(&str, [&str; 11], &str); 4] = [
            (
                "2024-Q1",
                ["676", "230", "436", "10", "665", "400", "264", "1", "11", "10", "1"],
                "Kết quả giải quyết thủ tục hành chính: tổng số hồ sơ tiếp nhận 676, trong đó từ kỳ trước chuyển sang 10, tiếp nhận mới trong kỳ 666 (trực tuyến 230, trực tiếp và qua dịch vụ bưu chính 436); tỷ lệ hồ sơ trực tuyến trên số hồ sơ tiếp nhận mới đạt 34,5%. Đã giải quyết 665 hồ sơ, trong đó trước hạn và đúng hạn 664 (đạt 99,8%), quá hạn 1; đang giải quyết 11 hồ sơ, trong đó trong hạn 10, quá hạn 1 (chi tiết tại Phụ lục II).",
            ),
            (
                "2024-6T",
                ["1.430", "542", "878", "10", "1.417", "852", "562", "3", "13", "13", "0"],
                "Kết quả giải quyết thủ tục hành chính: tổng số hồ sơ tiếp nhận 1.430, trong đó từ kỳ trước chuyển sang 10, tiếp nhận mới trong kỳ 1.420 (trực tuyến 542, trực tiếp và qua dịch vụ bưu chính 878); tỷ lệ hồ sơ trực tuyến trên số hồ sơ tiếp nhận mới đạt 38,2%. Đã giải quyết 1.417 hồ sơ, trong đó trước hạn và đúng hạn 1.414 (đạt 99,8%), quá hạn 3; đang giải quyết 13 hồ sơ, trong đó trong hạn 13, quá hạn 0 (chi tiết tại Phụ lục II).",
            ),
            (
                "2024-9T",
                ["2.162", "879", "1.273", "10", "2.149", "1.295", "850", "4", "13", "12", "1"],
                "Kết quả giải quyết thủ tục hành chính: tổng số hồ sơ tiếp nhận 2.162, trong đó từ kỳ trước chuyển sang 10, tiếp nhận mới trong kỳ 2.152 (trực tuyến 879, trực tiếp và qua dịch vụ bưu chính 1.273); tỷ lệ hồ sơ trực tuyến trên số hồ sơ tiếp nhận mới đạt 40,8%. Đã giải quyết 2.149 hồ sơ, trong đó trước hạn và đúng hạn 2.145 (đạt 99,8%), quá hạn 4; đang giải quyết 13 hồ sơ, trong đó trong hạn 12, quá hạn 1 (chi tiết tại Phụ lục II).",
            ),
            (
                "2024",
                ["2.910", "1.251", "1.649", "10", "2.894", "1.745", "1.143", "6", "16", "16", "0"],
                "Kết quả giải quyết thủ tục hành chính: tổng số hồ sơ tiếp nhận 2.910, trong đó từ kỳ trước chuyển sang 10, tiếp nhận mới trong kỳ 2.900 (trực tuyến 1.251, trực tiếp và qua dịch vụ bưu chính 1.649); tỷ lệ hồ sơ trực tuyến trên số hồ sơ tiếp nhận mới đạt 43,1%. Đã giải quyết 2.894 hồ sơ, trong đó trước hạn và đúng hạn 2.888 (đạt 99,8%), quá hạn 6; đang giải quyết 16 hồ sơ, trong đó trong hạn 16, quá hạn 0 (chi tiết tại Phụ lục II).",
            ),
        ];
        for (key, row, sentence) in totals {
            let docx = docx_of(&report(&root().join(SEED), key));
            let t = tables_of(&docx);
            let bieu = t
                .iter()
                .find(|t| t.last().is_some_and(|r| r[0] == "Tổng cộng"))
                .unwrap_or_else(|| panic!("{key}: Biểu 06"));
            assert_eq!(bieu.last().unwrap()[1..], row, "{key}");
            assert!(has(&paragraphs(&docx), sentence), "{key}");
        }

        // The data behind it: per lĩnh vực, the same carried-over files in every period, and
        // received, resolved and each kind of resolved never smaller than the period before.
        let rows = |key: &str| -> Vec<(String, Value)> {
            let (_, top) = period(key);
            top["tthc"]
                .as_sequence()
                .unwrap()
                .iter()
                .map(|r| (r["linh_vuc"].as_str().unwrap().to_string(), r.clone()))
                .collect()
        };
        let n = |r: &Value, a: &str, b: &str| r[a][b].as_u64().unwrap();
        let all: Vec<_> = PERIODS.iter().map(|k| rows(k)).collect();
        for pair in all.windows(2) {
            for ((lv, a), (lv2, b)) in pair[0].iter().zip(&pair[1]) {
                assert_eq!(lv, lv2);
                assert_eq!(
                    n(a, "tiep_nhan", "tu_ky_truoc"),
                    n(b, "tiep_nhan", "tu_ky_truoc"),
                    "{lv}: carried over at 15/12/2023"
                );
                for (x, y) in [
                    ("tiep_nhan", "tong"),
                    ("tiep_nhan", "truc_tuyen"),
                    ("tiep_nhan", "truc_tiep"),
                    ("da_giai_quyet", "tong"),
                    ("da_giai_quyet", "truoc_han"),
                    ("da_giai_quyet", "dung_han"),
                    ("da_giai_quyet", "qua_han"),
                ] {
                    assert!(n(b, x, y) >= n(a, x, y), "{lv}: {x}.{y} went down");
                }
            }
        }
    }

    /// A task's status only moves forward through the year (not started → in progress →
    /// completed), a completed task keeps its completion day, and a share in progress grows.
    #[test]
    fn statuses_only_move_forward() {
        let rank = |s: &str| match s {
            "chưa thực hiện" => 0,
            "đang thực hiện" => 1,
            "hoàn thành" => 2,
            other => panic!("{other}"),
        };
        let all: Vec<std::collections::HashMap<String, Value>> = PERIODS
            .iter()
            .map(|k| period(k).0.into_iter().collect())
            .collect();
        for (i, pair) in all.windows(2).enumerate() {
            for (id, a) in &pair[0] {
                let b = &pair[1][id];
                let (sa, sb) = (
                    a["trang_thai"].as_str().unwrap(),
                    b["trang_thai"].as_str().unwrap(),
                );
                let at = format!("{id}: {} → {}", PERIODS[i], PERIODS[i + 1]);
                assert!(rank(sb) >= rank(sa), "{at}: {sa} → {sb}");
                if sa == "hoàn thành" {
                    assert_eq!(a["ngay_hoan_thanh"], b["ngay_hoan_thanh"], "{at}");
                }
                if sa == "đang thực hiện" && sb == sa {
                    assert!(
                        b["ty_le"].as_f64() > a["ty_le"].as_f64(),
                        "{at}: share does not grow"
                    );
                }
            }
        }
    }
}

/// The Phú Sơn 6-month report, built once for the format checks below.
fn phu_son_6t() -> (Vec<u8>, Vec<u8>) {
    let b = report(&root().join(SEED), "2024-6T");
    (docx_of(&b), pdf_of(&b))
}

#[test]
fn report_docx_keeps_the_nd30_page_setup_numbers_and_sizes() {
    let (docx, _) = phu_son_6t();
    let xml = part(&docx, "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let sects: Vec<_> = doc.descendants().filter(|n| is(n, "sectPr")).collect();
    // The report and its two appendices (progress, Biểu 06).
    assert_eq!(sects.len(), 3);
    let pg = child(&sects[0], "pgSz").unwrap();
    assert_eq!(
        (attr(&pg, "w"), attr(&pg, "h")),
        (Some("11906"), Some("16838"))
    );
    let m = child(&sects[0], "pgMar").unwrap();
    assert_eq!(
        ["top", "bottom", "left", "right"].map(|a| attr(&m, a)),
        [Some("1134"), Some("1134"), Some("1701"), Some("850")]
    );
    for s in &sects {
        assert!(child(s, "titlePg").is_some(), "no number on a first page");
    }
    for s in &sects[1..] {
        assert_eq!(
            attr(&child(s, "pgSz").unwrap(), "orient"),
            Some("landscape")
        );
        assert_eq!(
            child(s, "pgNumType").and_then(|n| attr(&n, "start")),
            Some("1")
        );
    }
    // Type name and trích yếu 14 pt bold, centred; Kính gửi 14 pt upright.
    let paras: Vec<_> = children(&body(&doc), "p");
    let find = |text: &str| {
        paras
            .iter()
            .find(|p| para_text(p) == text)
            .unwrap_or_else(|| panic!("{text}"))
            .to_owned()
    };
    for text in [
        "BÁO CÁO",
        "Kết quả thực hiện Kế hoạch số 189/KH-UBND 6 tháng đầu năm 2024",
    ] {
        let p = find(text);
        let rpr = first_run_props(&p);
        assert!(child(&rpr, "b").is_some(), "{text} bold");
        assert_eq!(attr(&child(&rpr, "sz").unwrap(), "val"), Some("28"));
        let ppr = child(&p, "pPr").unwrap();
        assert_eq!(attr(&child(&ppr, "jc").unwrap(), "val"), Some("center"));
    }
    let kg = find("Kính gửi: Ủy ban nhân dân thị xã Bỉm Sơn");
    let rpr = first_run_props(&kg);
    assert!(child(&rpr, "b").is_none());
    assert_eq!(attr(&child(&rpr, "sz").unwrap(), "val"), Some("28"));
    // The body's headings are computed: I.–V. in order (a balanced heading's line break
    // reads as a space).
    let headings: Vec<String> = paras
        .iter()
        .map(|p| para_text(p).replace('\n', " "))
        .filter(|t| {
            ["I. ", "II. ", "III. ", "IV. ", "V. "]
                .iter()
                .any(|p| t.starts_with(p))
        })
        .collect();
    assert_eq!(
        headings,
        [
            "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH",
            "II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH",
            "III. ĐÁNH GIÁ CHUNG",
            "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ TRỌNG TÂM KỲ TỚI",
            "V. ĐỀ XUẤT, KIẾN NGHỊ"
        ]
    );
    // The body ends with "./.", right before the Nơi nhận.
    let end = paras
        .iter()
        .find(|p| para_text(p).starts_with("Trên đây là báo cáo"))
        .expect("closing paragraph");
    assert!(para_text(end).ends_with("của Ủy ban nhân dân phường Phú Sơn./."));
    let next = end
        .next_sibling_element()
        .expect("something after the body");
    assert!(is(&next, "tbl") && table_texts(&next)[0][0].starts_with("Nơi nhận:"));
}

#[test]
fn charts_show_the_numbers_of_their_tables() {
    let (docx, pdf) = phu_son_6t();
    let t = tables_of(&docx);
    let by = |head: &str| {
        t.iter()
            .find(|t| {
                t[0].get(1).is_some_and(|c| c == head)
                    && t[0].get(2).is_some_and(|c| c == "Số nhiệm vụ")
            })
            .unwrap_or_else(|| panic!("table {head}"))
            .clone()
    };
    let text = pdf_common::read::read(&pdf)
        .pages
        .iter()
        .flat_map(|p| p.lines())
        .map(|l| l.1)
        .collect::<Vec<_>>()
        .join("\n");
    for (n, head) in [(1, "Chỉ số"), (2, "Đơn vị chủ trì")] {
        let table = by(head);
        let rows = &table[1..];
        let chart = part(&docx, &format!("word/charts/chart{n}.xml"));
        let c = roxmltree::Document::parse(&chart).unwrap();
        let cat: Vec<&str> = c
            .descendants()
            .filter(|e| e.has_tag_name("cat"))
            .flat_map(|cat| cat.descendants().filter(|v| v.has_tag_name("v")))
            .filter_map(|v| v.text())
            .collect();
        // Series after series, each a value per category.
        let val: Vec<f64> = c
            .descendants()
            .filter(|e| e.has_tag_name("val"))
            .flat_map(|val| val.descendants().filter(|v| v.has_tag_name("v")))
            .filter_map(|v| v.text()?.parse().ok())
            .collect();
        let names: Vec<&str> = rows.iter().map(|r| r[1].as_str()).collect();
        // Every series has the same categories: the table's rows, in order.
        let sers: Vec<_> = c.descendants().filter(|e| e.has_tag_name("ser")).collect();
        assert_eq!(cat.len(), names.len() * sers.len());
        assert!(
            cat.chunks(names.len()).all(|c| c == names),
            "chart {n}: {cat:?}"
        );
        // Each row's statuses add up to its "Số nhiệm vụ"; the last series is "Quá hạn",
        // the table's column of that name, the first two its "Đã hoàn thành".
        let count = |s: &str| -> f64 { s.trim().parse().unwrap() };
        for (i, r) in rows.iter().enumerate() {
            let of = |k: usize| val[k * names.len() + i];
            let all: f64 = (0..sers.len()).map(of).sum();
            assert_eq!(all, count(&r[2]), "chart {n}: {}", r[1]);
            assert_eq!(of(0) + of(1), count(&r[3]), "chart {n}: {}", r[1]);
            assert_eq!(of(sers.len() - 1), count(&r[4]), "chart {n}: {}", r[1]);
        }
        // The PDF prints the legend under the chart.
        for s in [
            "Hoàn thành đúng hạn",
            "Hoàn thành trễ hạn",
            "Đang thực hiện",
            "Quá hạn",
        ] {
            assert!(text.contains(s), "{s} in the PDF");
        }
    }
}

#[test]
fn report_pdf_pages_numbers_fonts_and_appendices() {
    let (_, pdf) = phu_son_6t();
    let pdf = pdf_common::read::read(&pdf);
    let first = &pdf.pages[0];
    assert!((first.width() - 595.28).abs() < 0.5 && (first.height() - 841.89).abs() < 0.5);
    let top_line =
        |p: &pdf_common::read::Page| p.lines().first().map(|l| l.1.clone()).unwrap_or_default();
    assert_eq!(
        top_line(first),
        "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    );
    let portrait = pdf
        .pages
        .iter()
        .take_while(|p| p.height() > p.width())
        .count();
    assert!(portrait >= 3);
    for (i, p) in pdf.pages[1..portrait].iter().enumerate() {
        assert_eq!(top_line(p), (i + 2).to_string(), "page {} numbered", i + 2);
    }
    // The appendices: landscape, each starting on its own page, numbered from 1 again
    // (its first page unnumbered).
    let land = &pdf.pages[portrait..];
    assert!(land.iter().all(|p| p.width() > p.height()));
    assert_eq!(top_line(&land[0]), "Phụ lục I");
    assert_eq!(top_line(&land[1]), "2");
    let bieu = land
        .iter()
        .position(|p| top_line(p) == "Phụ lục II")
        .expect("Phụ lục II");
    assert!(bieu > 1);
    for f in pdf.fonts.values() {
        assert!(f.base_font.contains('+') && f.has_to_unicode, "{f:?}");
    }
}

/// What the scan of a file finds (text cut by a comment, characters no font draws) is told
/// for the report data as for plan.yaml, located, by `report` and `check` alike.
#[test]
fn report_data_warnings_are_located() {
    let dir = fixture("data-warnings");
    replace_in(
        &vp(&dir),
        "  a-qua-han: {trang_thai: đang thực hiện, ty_le: 60, ket_qua: Đã dự thảo}\n",
        "  a-qua-han:\n    trang_thai: đang thực hiện\n    ty_le: 60\n    ket_qua: Đã dự thảo #3 bản\n    san_pham: Tờ trình 😀\n",
    );
    std::fs::write(
        dir.join("bao-cao/chung.yaml"),
        "ngay_chot: {quy_1: 14/3}\nluu:\n  - VT\n  - Văn phòng #2\n",
    )
    .unwrap();
    let o = run_report(&dir, "2024-Q1");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let check = vanban(&["check", dir.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    for e in [stderr(&o), stderr(&check)] {
        let vp = format!("{}", vp(&dir).display());
        assert!(
            e.contains(&format!(
                "cảnh báo: {vp}:17:14: `tien_do.a-qua-han.ket_qua`: chữ sau \" #\" bị YAML coi là ghi chú"
            )),
            "{e}"
        );
        assert!(
            e.contains(&format!("cảnh báo: {vp}:18:15: `tien_do.a-qua-han.san_pham`: phông chữ của văn bản không có ký tự \"😀\" (U+1F600)")),
            "{e}"
        );
        assert!(e.contains("chung.yaml:4:5: `luu[1]`"), "{e}");
        assert_eq!(e.matches("`luu[1]`").count(), 1, "told once: {e}");
    }
}

/// `--ky tat-ca` makes one report per period; what the plan and its report data warn of is
/// told once, not once per period.
#[test]
fn every_period_at_once_tells_each_warning_once() {
    let dir = scratch("tat-ca-once");
    copy_dir(&root().join(SEED), &dir);
    // The seed writes par-sang-kien's missing lead unit out (`chu_tri: ~`); without that
    // line it is a plan warning.
    let plan = dir.join("plan.yaml");
    let text = std::fs::read_to_string(&plan).unwrap();
    let without = text.replacen(
        "                chu_tri: ~  # kế hoạch gốc không giao đơn vị chủ trì cho nhiệm vụ này\n",
        "",
        1,
    );
    assert_ne!(without, text);
    std::fs::write(&plan, without).unwrap();
    let o = run_report(&dir, "tat-ca");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let e = stderr(&o);
    for key in ["2024-q1", "2024-6t", "2024-9t", "2024"] {
        assert!(
            dir.join(format!("out/bao-cao-{key}.pdf")).is_file(),
            "{key}"
        );
    }
    // A task without a lead unit is a plan warning every period would repeat.
    assert_eq!(
        e.matches("`par-sang-kien` chưa có đơn vị chủ trì").count(),
        1,
        "{e}"
    );
    let lines: Vec<&str> = e.lines().filter(|l| l.starts_with("cảnh báo:")).collect();
    let unique: std::collections::BTreeSet<&&str> = lines.iter().collect();
    assert_eq!(lines.len(), unique.len(), "{e}");
}

/// The report's own date also takes the "18/3/2024" form `ngay_hoan_thanh` takes; a wrong
/// one is refused at the value.
#[test]
fn the_report_date_may_be_written_as_a_day() {
    let dir = fixture("date-text");
    replace_in(
        &vp(&dir),
        "ngay: {ngay: 18, thang: 3, nam: 2024}",
        "ngay: 18/3/2024",
    );
    let t = tables_of(&docx_of(&report(&dir, "2024-Q1")));
    assert_eq!(
        t[0][1],
        ["Số: 03/BC-UBND", "Tân An, ngày 18 tháng 3 năm 2024"]
    );
    let e = rejected("date-text-bad", |d| {
        replace_in(
            &vp(d),
            "ngay: {ngay: 18, thang: 3, nam: 2024}",
            "ngay: 18/3",
        )
    });
    assert!(
        e.contains("vp.yaml:2:7: trường `ngay`: cần ngày có thật viết dạng ngày/tháng/năm (ví dụ 18/6/2025) hoặc bảng {ngay: 18, thang: 6, nam: 2025}; gặp \"18/3\"\n"),
        "{e}"
    );
}

/// A cut-off some years lack (29/2) is refused where it is written, by `check` as by
/// `report`, not later as a period "outside the calendar"; each of several errors is a
/// line of its own starting with "lỗi: ".
#[test]
fn a_cut_off_every_year_has_and_one_line_per_error() {
    let dir = fixture("cut-off-29-2");
    std::fs::write(
        dir.join("bao-cao/chung.yaml"),
        "ngay_chot:\n  quy_1: \"29/2\"\n  nam: 31/4\n",
    )
    .unwrap();
    let chung = dir.join("bao-cao/chung.yaml");
    let want = format!(
        "lỗi: {0}:2:3: trường `ngay_chot.quy_1`: cần ngày/tháng chốt số liệu có trong mọi năm, ví dụ \"14/3\"; gặp \"29/2\" (ngày 29/2 chỉ có trong năm nhuận, các năm khác sẽ không có ngày chốt; dùng 28/2 hoặc 1/3)\n\
         lỗi: {0}:3:3: trường `ngay_chot.nam`: cần ngày/tháng chốt số liệu có trong mọi năm, ví dụ \"14/3\"; gặp \"31/4\" (tháng 4 không có ngày 31)\n",
        chung.display()
    );
    for o in [
        vanban(&["check", dir.to_str().unwrap()]),
        run_report(&dir, "2024-Q1"),
    ] {
        assert_eq!(o.status.code(), Some(1));
        assert_eq!(stderr(&o), want);
    }
    // Cut-offs out of order are refused too, naming the default they run into.
    std::fs::write(&chung, "ngay_chot: {6_thang: 1/3}\n").unwrap();
    let o = vanban(&["check", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains(&format!(
        "lỗi: {}:1:13: trường `ngay_chot.6_thang`: cần các ngày chốt theo thứ tự trong năm: quý I, 6 tháng, 9 tháng, năm; gặp `6_thang` (1/3) không sau `quy_1` (14/3, mặc định)\n",
        chung.display()
    )), "{}", stderr(&o));
}

/// `--ky tat-ca`: an error in a file several periods read is told once, the run fails, and
/// a period that does not read the file is still made; the same with several plans.
#[test]
fn every_period_at_once_tells_each_error_once() {
    let dir = fixture("tat-ca-errors");
    // The 6-month file is read by the 6-month, 9-month and year reports, not by Q1's.
    for (key, status) in [
        ("2024-6t", "xong"),
        ("2024-9t", "chưa thực hiện"),
        ("2024", "chưa thực hiện"),
    ] {
        std::fs::write(
            dir.join(format!("bao-cao/{key}.yaml")),
            format!("tien_do:\n  g-chua-bao-cao: {{trang_thai: {status}}}\n"),
        )
        .unwrap();
    }
    let line = format!(
        "lỗi: {}:2:32: trường `tien_do.g-chua-bao-cao.trang_thai`: cần trạng thái là một trong: hoàn thành, đang thực hiện, chưa thực hiện; gặp \"xong\"",
        dir.join("bao-cao/2024-6t.yaml").display()
    );
    let o = run_report(&dir, "tat-ca");
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    let errors: Vec<&str> = e.lines().filter(|l| l.starts_with("lỗi:")).collect();
    // The error once, then the reports it stopped, by name.
    assert_eq!(
        errors,
        [
            line.as_str(),
            "lỗi: không sinh được bao-cao-2024-6t, bao-cao-2024-9t, bao-cao-2024 vì các lỗi trên"
        ],
        "{e}"
    );
    assert!(dir.join("out/bao-cao-2024-q1.docx").is_file(), "{e}");
    for key in ["2024-6t", "2024-9t", "2024"] {
        assert!(
            !dir.join(format!("out/bao-cao-{key}.docx")).exists(),
            "{key}"
        );
    }

    // Two plans: each plan's errors once, under its name.
    let other = fixture("tat-ca-errors-2");
    let out = dir.join("out-many");
    let o = vanban(&[
        "report",
        dir.to_str().unwrap(),
        other.to_str().unwrap(),
        "--ky",
        "tat-ca",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    let errors: Vec<&str> = e.lines().filter(|l| l.starts_with("lỗi:")).collect();
    let named = line.replacen("lỗi: ", "lỗi: report-tat-ca-errors: ", 1);
    assert_eq!(errors, [named.as_str()], "{e}");
    assert!(out
        .join("report-tat-ca-errors/bao-cao-2024-q1.pdf")
        .is_file());
    assert!(out
        .join("report-tat-ca-errors-2/bao-cao-2024-q1.pdf")
        .is_file());
}

/// `check` tells, per period, the tasks no data reports, in the words `report` uses.
#[test]
fn check_names_the_unreported_tasks_of_each_period() {
    let dir = fixture("check-unreported");
    std::fs::write(
        dir.join("bao-cao/2024-6t.yaml"),
        "tien_do:\n  g-chua-bao-cao: {trang_thai: chưa thực hiện}\n  a-qua-han: {trang_thai: hoàn thành, ngay_hoan_thanh: 1/6/2024}\n",
    )
    .unwrap();
    let want = format!(
        "cảnh báo: {}: kỳ 2024-q1: 1 nhiệm vụ chưa báo cáo, ghi \"Chưa báo cáo\" trong báo cáo: g-chua-bao-cao\n",
        dir.join("bao-cao").display()
    );
    let check = vanban(&["check", dir.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    let report = run_report(&dir, "2024-Q1");
    assert_eq!(report.status.code(), Some(0), "{}", stderr(&report));
    for e in [stderr(&check), stderr(&report)] {
        assert!(e.contains(&want), "{e}");
    }
    // The 6-month period reads Q1 too: every task has an entry, nothing to tell.
    assert!(
        !stderr(&check).contains("kỳ 2024-6t:"),
        "{}",
        stderr(&check)
    );
}

/// A one-off task completed in Q1 and written "in progress" in the 6-month file (a copy of
/// an old file, most likely): the later word counts, and the clerk is told where it is.
#[test]
fn a_completed_task_reported_again_as_unfinished_is_warned() {
    let dir = fixture("reopened");
    std::fs::write(
        dir.join("bao-cao/2024-6t.yaml"),
        "tien_do:\n  c-tre-han: {trang_thai: đang thực hiện, ty_le: 50}\n",
    )
    .unwrap();
    let o = run_report(&dir, "2024-6T");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let file = dir.join("bao-cao/2024-6t.yaml");
    // `check` tells it too, once.
    let check = vanban(&["check", dir.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    for e in [stderr(&o), stderr(&check)] {
        let want = format!(
            "cảnh báo: {}:2:15: `tien_do.c-tre-han.trang_thai`: nhiệm vụ đã báo cáo hoàn thành ở kỳ quý I năm 2024 nay ghi chưa hoàn thành",
            file.display()
        );
        assert_eq!(e.matches(&want).count(), 1, "{e}");
    }
    // Only D (done on time in Q1) is still completed.
    let paras = paragraphs(&std::fs::read(dir.join("out/bao-cao-2024-6t.docx")).unwrap());
    assert!(
        has(&paras, "- Đã hoàn thành 1 nhiệm vụ, đạt 14,3%, đúng hạn;"),
        "{paras:#?}"
    );
}

/// A plan without a number is referred to by its trích yếu, once.
#[test]
fn a_plan_without_a_number_is_named_once_in_the_opening() {
    let dir = fixture("no-number");
    replace_in(&dir.join("plan.yaml"), "so: 7\n", "");
    let paras = paragraphs(&docx_of(&report(&dir, "2024-Q1")));
    assert!(
        has(
            &paras,
            "Thực hiện Kế hoạch thực hiện cải cách hành chính năm 2024 của Ủy ban nhân dân xã Tân An, Ủy ban nhân dân xã Tân An báo cáo kết quả thực hiện quý I năm 2024 như sau:"
        ),
        "{paras:#?}"
    );
}

/// The outline's headings are template text: a province's wording is an edit of
/// `_de-cuong-bao-cao.xml`, not a new build of the tool.
#[test]
fn outline_headings_come_from_the_template() {
    let dir = fixture("outline");
    let tpl = dir.join("mau");
    let o = vanban(&["templates", "export", tpl.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    replace_in(
        &tpl.join("_de-cuong-bao-cao.xml"),
        "ĐÁNH GIÁ CHUNG",
        "ĐÁNH GIÁ, NHẬN XÉT",
    );
    let out = dir.join("out");
    let o = vanban(&[
        "report",
        dir.to_str().unwrap(),
        "--ky",
        "2024-Q1",
        "-o",
        out.to_str().unwrap(),
        "--templates",
        tpl.to_str().unwrap(),
        "--format",
        "docx",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let paras = paragraphs(&std::fs::read(out.join("bao-cao-2024-q1.docx")).unwrap());
    // II holds the fixture's TTHC figures, III its overdue tasks. A balanced heading's line
    // break reads as a space.
    let headings: Vec<String> = paras
        .iter()
        .filter(|p| p.starts_with("I.") || p.starts_with("II.") || p.starts_with("III."))
        .map(|p| p.replace('\n', " "))
        .collect();
    assert_eq!(
        headings,
        [
            "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH",
            "II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH",
            "III. ĐÁNH GIÁ, NHẬN XÉT"
        ],
        "{paras:#?}"
    );
}

/// Each công chức may give the TTHC rows of their own lĩnh vực in their unit file: Biểu 06
/// gathers them; one lĩnh vực written in two files is refused with both places.
#[test]
fn tthc_rows_of_unit_files_are_gathered_and_a_field_given_twice_is_refused() {
    let dir = fixture("tthc-units");
    let tp = dir.join("bao-cao/2024-q1/tp.yaml");
    let own = "tthc:\n  - linh_vuc: Đất đai\n    tiep_nhan: {truc_tuyen: 4, truc_tiep: 6}\n    da_giai_quyet: {dung_han: 9}\n    dang_giai_quyet: {trong_han: 1}\n";
    let text = std::fs::read_to_string(&tp).unwrap();
    std::fs::write(&tp, format!("{own}{text}")).unwrap();
    let b = report(&dir, "2024-Q1");
    let docx = docx_of(&b);
    let bieu = tables_of(&docx)
        .into_iter()
        .find(|t| t.iter().any(|r| r.iter().any(|c| c == "Tổng cộng")))
        .expect("Biểu 06");
    let names: Vec<&str> = bieu
        .iter()
        .filter_map(|r| r.get(1))
        .map(String::as_str)
        .collect();
    assert!(
        names.contains(&"Đất đai") && names.contains(&"Hộ tịch"),
        "{bieu:#?}"
    );
    // Received: 110 + 200 (vp.yaml) + 10 (tp.yaml) = 320.
    let total = bieu
        .iter()
        .find(|r| r.iter().any(|c| c == "Tổng cộng"))
        .unwrap();
    assert!(total.contains(&"320".to_string()), "{total:?}");

    let err = rejected("tthc-twice", |dir| {
        let tp = dir.join("bao-cao/2024-q1/tp.yaml");
        let text = std::fs::read_to_string(&tp).unwrap();
        std::fs::write(&tp, format!("{}{text}", own.replace("Đất đai", "hộ tịch"))).unwrap();
    });
    assert!(
        // Unit files are read in name order: tp.yaml first, so vp.yaml's row is the second.
        err.contains("vp.yaml:5:5: trường `tthc[0].linh_vuc`: cần mỗi lĩnh vực TTHC chỉ ghi một lần trong kỳ; gặp \"Hộ tịch\" ghi cả ở đây và ở ")
            && err.contains("tp.yaml:2:5"),
        "{err}"
    );
}

/// A plan with neither tasks nor appendix rows tracks nothing: its report has no figures
/// ("có 0 nhiệm vụ") and no empty progress appendix; Biểu 06 is the only appendix.
#[test]
fn a_plan_that_tracks_nothing_has_no_figures_and_no_progress_appendix() {
    let dir = fixture("tracks-nothing");
    let plan = FIXTURE_PLAN
        .split("noi_dung:\n")
        .next()
        .unwrap()
        .to_string()
        + "noi_dung:\n  - tieu_de: NỘI DUNG\n    doan: \"Không có nhiệm vụ cụ thể.\"\n";
    std::fs::write(dir.join("plan.yaml"), plan).unwrap();
    std::fs::remove_file(dir.join("bao-cao/2024-q1/tp.yaml")).unwrap();
    let head = FIXTURE_VP.split("tien_do:").next().unwrap();
    std::fs::write(vp(&dir), format!("{head}tien_do: {{}}\n")).unwrap();
    let docx = docx_of(&report(&dir, "2024-Q1"));
    let paras = paragraphs(&docx);
    assert!(
        !paras
            .iter()
            .any(|p| p.contains("Tính đến ngày chốt số liệu") || p.contains("có 0 nhiệm vụ")),
        "{paras:#?}"
    );
    assert!(
        paras
            .iter()
            .any(|p| p.starts_with("Kết quả giải quyết thủ tục hành chính:")
                && p.ends_with("(chi tiết tại Phụ lục).")),
        "{paras:#?}"
    );
    assert!(has(&paras, "Phụ lục") && !has(&paras, "Phụ lục I"));
    let t = tables_of(&docx);
    assert!(!t.iter().any(|t| t[0].iter().any(|c| c == "Tiến độ")));
    assert!(!part_names(&docx)
        .iter()
        .any(|p| p.starts_with("word/charts/")));
}

/// A period is compared with the one before it only when that one has data of its own: Q1
/// data alone is not "6 tháng đầu năm".
#[test]
fn no_comparison_with_a_period_without_data() {
    let dir = fixture("no-previous");
    std::fs::write(dir.join("bao-cao/2024-q3.yaml"), "tien_do: {}\n").unwrap();
    let paras = paragraphs(&docx_of(&report(&dir, "2024-Q3")));
    assert!(!paras.iter().any(|p| p.contains("so với")), "{paras:#?}");
    let tables = tables_of(&docx_of(&report(&dir, "2024-Q3")));
    assert!(
        !tables
            .iter()
            .flatten()
            .flatten()
            .any(|c| c.starts_with("Tỷ lệ 6 tháng")),
        "{tables:#?}"
    );
    // With the 6-month file present, the comparison is there.
    std::fs::write(dir.join("bao-cao/2024-6t.yaml"), "tien_do: {}\n").unwrap();
    let paras = paragraphs(&docx_of(&report(&dir, "2024-Q3")));
    assert!(
        paras
            .iter()
            .any(|p| p.starts_with("Tỷ lệ hoàn thành") && p.contains("so với 6 tháng đầu năm 2024")),
        "{paras:#?}"
    );
}

/// A TTHC count beyond any ward (here u64's largest) is refused at the number: the sums of
/// Biểu 06 can neither wrap around nor overflow.
#[test]
fn a_tthc_count_too_large_is_refused_at_the_number() {
    let err = rejected("tthc-huge", |dir| {
        replace_in(
            &vp(dir),
            "tiep_nhan: {truc_tuyen: 20, truc_tiep: 180}",
            "tiep_nhan: {truc_tuyen: 18446744073709551615, truc_tiep: 1}",
        );
    });
    assert!(
        err.contains("vp.yaml:10:29: trường `tthc[1].tiep_nhan.truc_tuyen`: cần một số nguyên không quá 1.000.000.000; gặp số 18446744073709551615 (quá lớn)"),
        "{err}"
    );
}

/// YAML's "no value" in a paragraph list, in a task's products or as a lĩnh vực is refused
/// at its place, not printed as "~" or "null".
#[test]
fn no_value_words_in_report_text_are_refused_at_their_place() {
    for (name, from, to, at) in [
        (
            "null-para",
            "tien_do:\n",
            "uu_diem:\n  - Làm tốt\n  - ~\ntien_do:\n",
            "vp.yaml:15:5: trường `uu_diem[1]`: cần một đoạn chữ; gặp `~`",
        ),
        (
            "null-product",
            "  a-qua-han: {trang_thai: đang thực hiện, ty_le: 60, ket_qua: Đã dự thảo}\n",
            "  a-qua-han: {trang_thai: đang thực hiện, ty_le: 60, san_pham: [null]}\n",
            "trường `tien_do.a-qua-han.san_pham[0]`: cần một đoạn chữ; gặp `null`",
        ),
        (
            "null-field",
            "  - linh_vuc: Hộ tịch\n",
            "  - linh_vuc: ~\n",
            "vp.yaml:5:5: trường `tthc[0].linh_vuc`: cần tên lĩnh vực; gặp `~`",
        ),
    ] {
        let err = rejected(name, |dir| replace_in(&vp(dir), from, to));
        assert!(err.contains(at), "{name}: {err}");
    }
}

/// A report date left partly blank (`ngay: ~`) is still checked against the period.
#[test]
fn a_partly_blank_report_date_before_the_period_is_refused() {
    let err = rejected("partial-date", |dir| {
        replace_in(
            &vp(dir),
            "ngay: {ngay: 18, thang: 3, nam: 2024}",
            "ngay: {ngay: ~, thang: 11, nam: 2023}",
        );
    });
    assert!(
        err.contains("vp.yaml:2:1: trường `ngay`: cần ngày báo cáo trong hoặc sau kỳ quý I năm 2024 (từ 15/12/2023); gặp tháng 11/2023"),
        "{err}"
    );
}
