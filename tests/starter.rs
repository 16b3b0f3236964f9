//! A new user's first steps (issue 14 §7, §8): the plan `vanban init` writes, the sample plan,
//! one appendix by number, a batch with nothing to do.

mod common;
use common::*;
use std::path::{Path, PathBuf};

fn init(name: &str) -> PathBuf {
    let dir = scratch(name).join("moi");
    let o = vanban(&["init", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    dir
}

fn warnings(o: &std::process::Output) -> Vec<String> {
    stderr(o)
        .lines()
        .filter(|l| l.starts_with("cảnh báo: "))
        .map(str::to_string)
        .collect()
}

fn edit(file: &Path, pairs: &[(&str, &str)]) {
    let mut text = std::fs::read_to_string(file).unwrap();
    for (from, to) in pairs {
        assert!(text.contains(from), "{from} in {}", file.display());
        text = text.replacen(from, to, 1);
    }
    std::fs::write(file, text).unwrap();
}

/// What the clerk replaces in a fresh plan, each with a real value.
fn fill_in(dir: &Path) {
    edit(
        &dir.join("plan.yaml"),
        &[
            ("THỊ XÃ MẪU", "THỊ XÃ BỈM SƠN"),
            ("PHƯỜNG MẪU", "PHƯỜNG PHÚ SƠN"),
            ("phường Mẫu", "phường Phú Sơn"),
            ("dia_danh: Mẫu", "dia_danh: Phú Sơn"),
            ("số …/KH-UBND", "số 12/KH-UBND"),
            ("Nguyễn Văn A", "Lê Văn Bình"),
        ],
    );
    edit(
        &dir.join("bao-cao/chung.yaml"),
        &[("thị xã Mẫu", "thị xã Bỉm Sơn")],
    );
}

/// A fresh plan checks valid and names each stand-in init wrote, at its line; nothing else
/// (no "chưa báo cáo": the example period is not read). Filled in, it checks clean.
#[test]
fn a_fresh_plan_warns_of_each_stand_in_and_of_nothing_else() {
    let dir = init("fresh");
    let d = dir.to_str().unwrap();
    let o = vanban(&["check", d]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let p = dir.join("plan.yaml").display().to_string();
    let c = dir.join("bao-cao/chung.yaml").display().to_string();
    let place = "do `vanban init` ghi sẵn: thay bằng tên thật của cơ quan, địa phương";
    assert_eq!(
        warnings(&o),
        [
            format!("cảnh báo: {p}:13:14: `co_quan.chu_quan[0]`: còn tên mẫu \"THỊ XÃ MẪU\" {place}"),
            format!("cảnh báo: {p}:15:26: `co_quan.ten[1]`: còn tên mẫu \"PHƯỜNG MẪU\" {place}"),
            format!("cảnh báo: {p}:17:15: `co_quan.ten_day_du`: còn tên mẫu \"phường Mẫu\" {place}"),
            format!("cảnh báo: {p}:24:11: `dia_danh`: còn tên mẫu \"Mẫu\" {place}"),
            format!("cảnh báo: {p}:42:5: `mo_dau[0]`: \"số …\" chưa điền: ghi số của văn bản được nêu (ví dụ \"số 12/KH-UBND\")"),
            format!("cảnh báo: {p}:84:11: `ky.ho_ten`: còn họ tên mẫu \"Nguyễn Văn A\" do `vanban init` ghi sẵn: thay bằng họ tên người ký"),
            format!("cảnh báo: {c}:4:11: `kinh_gui`: còn tên mẫu \"thị xã Mẫu\" {place}"),
        ]
    );
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(!out.contains("dữ liệu báo cáo"), "{out}");
    // `build` tells the plan's, `report` (below) the report data's too.
    let b = vanban(&[
        "build",
        d,
        "--format",
        "docx",
        "-o",
        dir.join("out").to_str().unwrap(),
    ]);
    assert_eq!(b.status.code(), Some(0), "{}", stderr(&b));
    assert_eq!(warnings(&b)[..], warnings(&o)[..6]);

    fill_in(&dir);
    let o = vanban(&["check", d]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o), "", "a filled-in plan checks clean");
}

/// The example period sits in vi-du/, which no command reads; copied into bao-cao/ as its
/// note says, it is a period like any other and reports every task.
#[test]
fn the_example_period_is_read_only_once_copied_into_place() {
    let dir = init("example");
    let d = dir.to_str().unwrap();
    let example = dir.join("vi-du/2025-q1.yaml");
    let text = std::fs::read_to_string(&example).unwrap();
    assert!(
        text.contains("cp vi-du/2025-q1.yaml bao-cao/2025-q1.yaml"),
        "{text}"
    );
    assert!(!dir.join("bao-cao/2025-q1.yaml").exists());
    fill_in(&dir);
    let out = dir.join("out");
    let o = vanban(&["report", d, "--ky", "2025-Q1", "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("bao-cao: cần dữ liệu kỳ quý I năm 2025 (2025-q1): tệp 2025-q1.yaml hoặc thư mục 2025-q1/; gặp chưa có kỳ nào"),
        "{}",
        stderr(&o)
    );
    std::fs::copy(&example, dir.join("bao-cao/2025-q1.yaml")).unwrap();
    let o = vanban(&["check", d]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o), "");
    assert!(String::from_utf8_lossy(&o.stdout).contains("dữ liệu báo cáo hợp lệ — các kỳ 2025-q1"));
    let o = vanban(&["report", d, "--ky", "2025-Q1", "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o), "");
    assert!(out.join("bao-cao-2025-q1.docx").is_file());
}

/// init's "III. TỔ CHỨC THỰC HIỆN" is a heading on its own line, its text in paragraphs.
#[test]
fn the_starter_plan_heads_its_sections_on_their_own_lines() {
    let dir = init("heading");
    let out = dir.join("out");
    let o = vanban(&[
        "build",
        dir.to_str().unwrap(),
        "--format",
        "docx",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let xml = part(
        &std::fs::read(out.join("ke-hoach.docx")).unwrap(),
        "word/document.xml",
    );
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let paras = body_paragraphs(&doc);
    let at = paras
        .iter()
        .position(|p| p == "III. TỔ CHỨC THỰC HIỆN")
        .unwrap_or_else(|| panic!("{paras:#?}"));
    assert_eq!(
        paras[at + 1],
        "Các công chức căn cứ Kế hoạch này tổ chức thực hiện."
    );
}

/// plan.yaml and chung.yaml giving the plan two numbers: check and report say so once,
/// naming both places and the number the report prints.
#[test]
fn two_plan_numbers_are_warned_of_at_both_places() {
    let dir = scratch("two-numbers");
    copy_dir(&root().join(SEED), &dir);
    edit(&dir.join("plan.yaml"), &[("\nso: ~\n", "\nso: 190\n")]);
    let d = dir.to_str().unwrap();
    let line = format!(
        "cảnh báo: {}:11:1: `so`: Kế hoạch số 190 ở đây nhưng là số 189 ở {}:15:3 (`ke_hoach.so`); báo cáo in số 190 của plan.yaml: sửa cho hai nơi cùng một số, hoặc bỏ `ke_hoach.so` khi plan.yaml đã có số",
        dir.join("plan.yaml").display(),
        dir.join("bao-cao/chung.yaml").display()
    );
    let o = vanban(&["check", d]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o).matches(&line).count(), 1, "{}", stderr(&o));
    let out = dir.join("out");
    let o = vanban(&[
        "report",
        d,
        "--ky",
        "tat-ca",
        "--format",
        "docx",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o).matches(&line).count(), 1, "{}", stderr(&o));
    // The same number twice is no news.
    edit(&dir.join("plan.yaml"), &[("\nso: 190\n", "\nso: 189\n")]);
    let o = vanban(&["check", d]);
    assert!(!stderr(&o).contains("`ke_hoach.so`"), "{}", stderr(&o));
}

/// The sample plan checks without a warning: the task its source gives no lead unit says so
/// with `chu_tri: ~`. Left out, `chu_tri` is warned of with what to write.
#[test]
fn the_sample_checks_clean_and_a_missing_lead_says_what_to_do() {
    let o = vanban(&["check", SEED]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o), "");
    let dir = scratch("no-lead");
    let plan = copy_seed_to(&dir);
    edit(
        &plan,
        &[(
            "                chu_tri: ~  # kế hoạch gốc không giao đơn vị chủ trì cho nhiệm vụ này\n",
            "",
        )],
    );
    let o = vanban(&["check", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        warnings(&o),
        [format!(
            "cảnh báo: {}:54:17: `noi_dung[1].muc[0].muc[0].nhiem_vu[1]`: nhiệm vụ `par-sang-kien` chưa có đơn vị chủ trì (`chu_tri`): nhiệm vụ được in không có dòng chủ trì và báo cáo không tính cho đơn vị nào; thêm `chu_tri: <mã đơn vị>`, hoặc ghi `chu_tri: ~` nếu kế hoạch không giao đơn vị chủ trì",
            plan.display()
        )]
    );
}

/// A plan of one appendix: the appendix is "Phụ lục" without a number, and answers to I and
/// to its id, both written as `phu-luc-<id>`.
#[test]
fn a_lone_appendix_answers_to_one_and_to_its_id() {
    let dir = init("lone");
    edit(
        &dir.join("plan.yaml"),
        &[(
            "phu_luc: []",
            "phu_luc:\n  - id: sipas\n    tieu_de: BẢNG PHÂN CÔNG\n    nhom:\n      - ten: Nhóm\n        dong:\n          - tieu_chi: Dòng\n            chu_tri: vptk",
        )],
    );
    let out = dir.join("out");
    for which in ["I", "i", "sipas"] {
        let _ = std::fs::remove_dir_all(&out);
        let o = vanban(&[
            "build",
            dir.to_str().unwrap(),
            "--phu-luc",
            which,
            "--format",
            "docx",
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(0), "{which}: {}", stderr(&o));
        let file = out.join("phu-luc-sipas.docx");
        let stdout = String::from_utf8_lossy(&o.stdout);
        assert!(
            stdout.starts_with(&format!("đã ghi {} (", file.display())),
            "{which}: {stdout}"
        );
        let xml = part(&std::fs::read(&file).unwrap(), "word/document.xml");
        let doc = roxmltree::Document::parse(&xml).unwrap();
        assert_eq!(body_paragraphs(&doc)[0], "Phụ lục");
    }
    let o = vanban(&["build", dir.to_str().unwrap(), "--phu-luc", "II"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains(
            "không có phụ lục \"II\"; kế hoạch chỉ có một phụ lục, gọi bằng `I` hoặc mã `sipas`"
        ),
        "{}",
        stderr(&o)
    );
    // The help says what the file of one appendix is called.
    let o = vanban(&["build", "--help"]);
    let help = String::from_utf8_lossy(&o.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        help.contains(
            "tệp một phụ lục mang mã của nó: --phu-luc II → phu-luc-<mã của Phụ lục II>.docx"
        ),
        "{help}"
    );
}

/// A batch run again with nothing changed says "không đổi" for each plan and counts them
/// apart from the plans built.
#[test]
fn a_batch_with_nothing_changed_says_so() {
    let plans = scratch("batch-same");
    for name in ["a", "b"] {
        std::fs::create_dir_all(plans.join(name)).unwrap();
        copy_seed_to(&plans.join(name));
    }
    let out = plans.join("out");
    let run = || {
        let o = vanban(&[
            "build",
            plans.to_str().unwrap(),
            "--format",
            "docx",
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    let first = run();
    assert!(
        first.contains("Tổng kết: đã dựng 2/2 kế hoạch, 0 kế hoạch lỗi, thời gian "),
        "{first}"
    );
    // One plan edited, one not.
    edit(&plans.join("a/plan.yaml"), &[("\nso: ~\n", "\nso: 12\n")]);
    let second = run();
    let status: Vec<&str> = second.lines().filter(|l| l.starts_with('[')).collect();
    assert!(
        status.iter().any(|l| l.ends_with("] b: không đổi")),
        "{second}"
    );
    assert!(
        status
            .iter()
            .any(|l| l.contains("] a: đã ghi ") && l.contains("ke-hoach.docx (")),
        "{second}"
    );
    assert!(
        second.contains("Tổng kết: đã dựng 1/2 kế hoạch, 1 kế hoạch không đổi (giữ nguyên tệp đã sinh), 0 kế hoạch lỗi, thời gian "),
        "{second}"
    );
    let third = run();
    let status: Vec<&str> = third.lines().filter(|l| l.starts_with('[')).collect();
    assert_eq!(status.len(), 2, "{third}");
    assert!(status.iter().all(|l| l.ends_with(": không đổi")), "{third}");
    assert!(
        third.contains("Tổng kết: đã dựng 0/2 kế hoạch, 2 kế hoạch không đổi (giữ nguyên tệp đã sinh), 0 kế hoạch lỗi, thời gian "),
        "{third}"
    );
}
