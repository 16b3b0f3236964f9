//! The command line: exit codes, Vietnamese messages that point at the mistake, atomic
//! outputs, escaping, template overrides.

mod common;
use common::*;
use std::path::Path;

/// Writes the seed plan with `from` replaced by `to` into a scratch folder.
fn mutated(name: &str, from: &str, to: &str) -> std::path::PathBuf {
    let dir = scratch(name);
    let src = std::fs::read_to_string(root().join(SEED).join("plan.yaml")).unwrap();
    assert!(src.contains(from), "fixture text not in seed: {from}");
    std::fs::write(dir.join("plan.yaml"), src.replacen(from, to, 1)).unwrap();
    dir
}

/// Runs `vanban build PLAN --format FORMAT -o OUT`.
fn build(plan: &str, format: &str, out: &str) -> std::process::Output {
    vanban(&["build", plan, "--format", format, "-o", out])
}

fn line_of(dir: &Path, needle: &str) -> usize {
    let s = std::fs::read_to_string(dir.join("plan.yaml")).unwrap();
    s.lines().position(|l| l.contains(needle)).unwrap() + 1
}

/// Checks a plan mutated as in `mutated`, expects a data error (exit 1) and returns the
/// folder and the message.
fn rejected(name: &str, from: &str, to: &str) -> (std::path::PathBuf, String) {
    let dir = mutated(name, from, to);
    let (code, err) = check(&dir);
    assert_eq!(code, 1, "{err}");
    (dir, err)
}

fn check(dir: &Path) -> (i32, String) {
    let o = vanban(&["check", dir.to_str().unwrap()]);
    (o.status.code().unwrap(), stderr(&o))
}

#[test]
fn build_writes_the_docx_and_check_reports() {
    let out = scratch("build-out");
    let o = build(SEED, "docx", out.to_str().unwrap());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let docx = std::fs::read(out.join("ke-hoach.docx")).unwrap();
    assert!(part(&docx, "word/document.xml").contains("KẾ HOẠCH"));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(stdout.contains("đã ghi"), "{stdout}");
    let o = vanban(&["check", SEED]);
    assert_eq!(o.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        stdout.contains("22 nhiệm vụ") && stdout.contains("4 phụ lục với 86 dòng"),
        "{stdout}"
    );
}

#[test]
fn unknown_field_names_file_line_and_allowed_fields() {
    let (dir, err) = rejected(
        "unknown-field",
        "dia_danh: Phú Sơn",
        "dia_danh: Phú Sơn\ndia_dan: x",
    );
    let line = line_of(&dir, "dia_dan: x");
    assert!(err.contains(&format!("plan.yaml:{line}:1")), "{err}");
    assert!(err.contains("trường không có trong mẫu `dia_dan`"), "{err}");
    assert!(err.contains("dia_danh"), "{err}");
}

#[test]
fn unknown_unit_is_reported_with_its_path() {
    let (dir, err) = rejected("unknown-unit", "chu_tri: tpht", "chu_tri: tphtt");
    let line = line_of(&dir, "chu_tri: tphtt");
    assert!(err.contains(&format!("plan.yaml:{line}:")), "{err}");
    assert!(
        err.contains("trường `noi_dung[1].muc[0].muc[0].nhiem_vu[2].chu_tri`"),
        "{err}"
    );
    assert!(
        err.contains("mã đơn vị có trong `don_vi`") && err.contains("gặp `tphtt`"),
        "{err}"
    );
}

#[test]
fn duplicate_task_id_is_refused() {
    let (dir, err) = rejected("dup-id", "id: par-sang-kien", "id: par-chi-dao-kiem-tra");
    assert!(err.contains("mã nhiệm vụ không trùng"), "{err}");
    assert!(err.contains("`par-chi-dao-kiem-tra` lặp lại"), "{err}");
    let text = std::fs::read_to_string(dir.join("plan.yaml")).unwrap();
    let second = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains("id: par-chi-dao-kiem-tra"))
        .nth(1)
        .unwrap()
        .0
        + 1;
    assert!(err.contains(&format!("plan.yaml:{second}:")), "{err}");
}

#[test]
fn unknown_appendix_reference() {
    let (_, err) = rejected(
        "bad-appendix",
        "phu_luc_kem_theo: tat-ca",
        "phu_luc_kem_theo: [par-index, khong-co]",
    );
    assert!(err.contains("mã phụ lục có trong `phu_luc`"), "{err}");
    assert!(err.contains("gặp `khong-co`"), "{err}");
}

#[test]
fn wrong_type_missing_field_and_syntax_error() {
    let (_, err) = rejected("wrong-type", "so: ~", "so: mười hai");
    assert!(
        err.contains("trường `so`") && err.contains("cần một số nguyên không âm"),
        "{err}"
    );
    assert!(err.contains("gặp chuỗi \"mười hai\""), "{err}");

    let (_, err) = rejected("missing", "trich_yeu:", "trich_yeu_x:");
    assert!(
        err.contains("trường không có trong mẫu `trich_yeu_x`")
            || err.contains("cần trường bắt buộc `trich_yeu`"),
        "{err}"
    );

    let (dir, err) = rejected("syntax", "dia_danh: Phú Sơn", "dia_danh: \"Phú Sơn");
    let line = line_of(&dir, "dia_danh:");
    assert!(
        err.contains(&format!("plan.yaml:{line}:11:")) && err.contains("dấu nháy chưa đóng"),
        "{err}"
    );
}

#[test]
fn impossible_date_and_out_of_range_layout() {
    let (_, err) = rejected(
        "date",
        "ngay: {ngay: ~, thang: 12, nam: 2023}",
        "ngay: {ngay: 31, thang: 2, nam: 2024}",
    );
    assert!(
        err.contains("trường `ngay`") && err.contains("một ngày có thật"),
        "{err}"
    );
    let (_, err) = rejected(
        "margins",
        "loai: ke-hoach",
        "loai: ke-hoach\ntrinh_bay: {le: {tren: 20, duoi: 20, trai: 25.4, phai: 15}}",
    );
    assert!(
        err.contains("trinh_bay.le.trai") && err.contains("từ 30 đến 35 mm"),
        "{err}"
    );
}

#[test]
fn usage_errors_exit_2_in_vietnamese() {
    let o = vanban(&["biuld", SEED]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("không có lệnh \"biuld\""),
        "{}",
        stderr(&o)
    );
    let o = vanban(&["build", SEED, "--format", "odt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("không hợp lệ"), "{}", stderr(&o));
    let o = vanban(&["--help"]);
    assert_eq!(o.status.code(), Some(0));
    let help = String::from_utf8_lossy(&o.stdout);
    assert!(
        help.contains("Cách dùng") && help.contains("Ví dụ"),
        "{help}"
    );
}

#[test]
fn missing_plan_is_a_data_error() {
    let o = vanban(&["check", "plans/khong-co"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("không tìm thấy"), "{}", stderr(&o));
}

#[test]
fn failed_build_leaves_earlier_output_intact() {
    let out = scratch("atomic-out");
    let o = build(SEED, "docx", out.to_str().unwrap());
    assert_eq!(o.status.code(), Some(0));
    let before = std::fs::read(out.join("ke-hoach.docx")).unwrap();
    let bad = mutated("atomic-bad", "chu_tri: tpht", "chu_tri: sai");
    let o = build(bad.to_str().unwrap(), "docx", out.to_str().unwrap());
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(std::fs::read(out.join("ke-hoach.docx")).unwrap(), before);
    let leftovers: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        // The fingerprint record of the good build stays beside its output.
        .filter(|n| !n.ends_with(".vanban"))
        .collect();
    assert_eq!(leftovers.len(), 1, "no temp files left: {leftovers:?}");
}

#[test]
fn markup_in_data_is_printed_literally() {
    let dir = mutated(
        "escape",
        "Phát động, tìm kiếm",
        "<b>Đậm?</b> & {{ trich_yeu }} </p><p> Phát động, tìm kiếm",
    );
    let out = dir.join("out");
    let o = build(dir.to_str().unwrap(), "docx", out.to_str().unwrap());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let docx = std::fs::read(out.join("ke-hoach.docx")).unwrap();
    let xml = part(&docx, "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let paras = body_paragraphs(&doc);
    assert!(
        paras.contains(&"(2) <b>Đậm?</b> & {{ trich_yeu }} </p><p> Phát động, tìm kiếm, nhân rộng các mô hình, sáng kiến trong công tác CCHC.".to_string()),
        "{:?}",
        paras.iter().filter(|p| p.contains("Đậm")).collect::<Vec<_>>()
    );
}

#[test]
fn exported_templates_can_be_edited_and_used() {
    let dir = scratch("templates");
    let tdir = dir.join("mau");
    let o = vanban(&["templates", "export", tdir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // Exporting again refuses to overwrite edits.
    let o = vanban(&["templates", "export", tdir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let main = tdir.join("ke-hoach.xml");
    let t = std::fs::read_to_string(&main).unwrap();
    std::fs::write(
        &main,
        t.replace(
            "<p style=\"ten-loai\">",
            "<p style=\"body\">Bản dự thảo</p>\n<p style=\"ten-loai\">",
        ),
    )
    .unwrap();
    let out = dir.join("out");
    let o = vanban(&[
        "build",
        SEED,
        "--format",
        "docx",
        "-o",
        out.to_str().unwrap(),
        "--templates",
        tdir.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let xml = part(
        &std::fs::read(out.join("ke-hoach.docx")).unwrap(),
        "word/document.xml",
    );
    assert!(xml.contains("Bản dự thảo"));
    // A template naming a style the sheet lacks is reported with the template and line.
    std::fs::write(
        &main,
        t.replace("<p style=\"ten-loai\">", "<p style=\"khong-co\">"),
    )
    .unwrap();
    let o = vanban(&[
        "build",
        SEED,
        "--format",
        "docx",
        "-o",
        out.to_str().unwrap(),
        "--templates",
        tdir.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("mẫu ke-hoach.xml") && err.contains("khong-co") && err.contains("dòng"),
        "{err}"
    );
}

#[test]
fn plan_can_name_its_own_font_files() {
    let dir = mutated(
        "fonts",
        "loai: ke-hoach",
        "loai: ke-hoach\ntrinh_bay:\n  phong_chu: {thuong: f/R.ttf, dam: f/B.ttf, nghieng: f/I.ttf, dam_nghieng: f/BI.ttf}",
    );
    std::fs::create_dir_all(dir.join("f")).unwrap();
    for (n, src) in [
        ("R", "Regular"),
        ("B", "Bold"),
        ("I", "Italic"),
        ("BI", "BoldItalic"),
    ] {
        std::fs::copy(
            root().join(format!(
                "crates/render/assets/fonts/LiberationSerif-{src}.ttf"
            )),
            dir.join(format!("f/{n}.ttf")),
        )
        .unwrap();
    }
    let out = dir.join("out");
    let o = build(dir.to_str().unwrap(), "pdf", out.to_str().unwrap());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(std::fs::metadata(out.join("ke-hoach.pdf")).unwrap().len() > 10_000);
    // A file that is not a font is reported against its field.
    std::fs::write(dir.join("f/B.ttf"), b"not a font").unwrap();
    let o = build(dir.to_str().unwrap(), "pdf", out.to_str().unwrap());
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("trinh_bay.phong_chu.dam") && err.contains("tệp phông TrueType"),
        "{err}"
    );
}

/// The seed plan with its regular face set to the test font cut to Latin and Vietnamese.
fn with_cut_font(name: &str) -> std::path::PathBuf {
    let dir = mutated(
        name,
        "loai: ke-hoach",
        "loai: ke-hoach\ntrinh_bay:\n  phong_chu: {thuong: VanbanThu.ttf}",
    );
    std::fs::copy(
        root().join("tests/fixtures/fonts/VanbanThu-KhongGachNoi.ttf"),
        dir.join("VanbanThu.ttf"),
    )
    .unwrap();
    dir
}

/// A plan font that lacks characters the document prints is told, face by face, with the
/// first place plan.yaml uses one; `check` reads the font files too and says the same.
#[test]
fn a_plan_font_missing_characters_is_warned_by_build_and_check() {
    let dir = with_cut_font("font-gaps");
    let plan = dir.join("plan.yaml");
    // A dash that Liberation Serif has and the cut font lacks (the comment's dash is not
    // printed, so it is not the place named).
    let text = std::fs::read_to_string(&plan).unwrap();
    std::fs::write(
        &plan,
        text.replacen(
            "Bỉm Sơn giai đoạn 2023 - 2025",
            "Bỉm Sơn giai đoạn 2023 – 2025",
            1,
        ),
    )
    .unwrap();
    let dash = line_of(&dir, "2023 – 2025");
    let col = std::fs::read_to_string(&plan)
        .unwrap()
        .lines()
        .nth(dash - 1)
        .unwrap()
        .chars()
        .position(|c| c == '–')
        .unwrap()
        + 1;
    let want = format!(
        "{}: `trinh_bay.phong_chu.thuong`: phông \"VanbanThu.ttf\" không có ký tự \"–\" (U+2013)",
        plan.display()
    );
    let place = format!("(lần đầu ở {}:{dash}:{col})", plan.display());
    let out = dir.join("out");
    for o in [
        build(dir.to_str().unwrap(), "pdf", out.to_str().unwrap()),
        vanban(&["check", dir.to_str().unwrap()]),
    ] {
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let e = stderr(&o);
        assert!(e.contains(&want) && e.contains(&place), "{e}");
        // The bold face is the bundled one, which has every character.
        assert!(!e.contains("phong_chu.dam"), "{e}");
    }
    // `check` refuses a font file that is not one, as `build` does.
    std::fs::write(dir.join("VanbanThu.ttf"), b"khong phai phong").unwrap();
    let o = vanban(&["check", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("trinh_bay.phong_chu.thuong"),
        "{}",
        stderr(&o)
    );
}

/// A character the plan's font lacks that comes from the report data is placed there.
#[test]
fn a_font_gap_from_report_data_names_the_data_file() {
    let dir = with_cut_font("font-gaps-report");
    let data = dir.join("bao-cao");
    std::fs::create_dir_all(&data).unwrap();
    let seed_data = root().join(SEED).join("bao-cao");
    for f in ["chung.yaml", "2024.yaml", "2024-9t.yaml", "2024-6t.yaml"] {
        std::fs::copy(seed_data.join(f), data.join(f)).unwrap();
    }
    let year = data.join("2024.yaml");
    let text = std::fs::read_to_string(&year).unwrap();
    let from = "ket_qua: Năm 2024 có 10 doanh nghiệp thành lập mới, đạt kế hoạch";
    assert!(text.contains(from));
    std::fs::write(&year, text.replacen(from, &format!("{from}…"), 1)).unwrap();
    let line = text.lines().position(|l| l.contains(from)).unwrap() + 1;
    let col = text.lines().nth(line - 1).unwrap().chars().count() + 1;
    let out = dir.join("out");
    let o = vanban(&[
        "report",
        dir.to_str().unwrap(),
        "--ky",
        "2024",
        "--format",
        "pdf",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(
        e.contains(
            "`trinh_bay.phong_chu.thuong`: phông \"VanbanThu.ttf\" không có ký tự \"…\" (U+2026)"
        ) && e.contains(&format!("(lần đầu ở {}:{line}:{col})", year.display())),
        "{e}"
    );
}

/// A folder of plan folders: every plan is built, a broken one does not stop the others,
/// each plan gets a plain progress line (the output is not a terminal) and a summary line
/// in Vietnamese ends the run, with exit code 1 because one failed.
#[test]
fn batch_builds_a_folder_of_plans_and_keeps_going_past_a_broken_one() {
    let plans = scratch("batch-plans");
    let seed = std::fs::read_to_string(root().join(SEED).join("plan.yaml")).unwrap();
    for name in ["a-phuong", "b-phuong", "c-hong"] {
        std::fs::create_dir_all(plans.join(name)).unwrap();
        let text = if name == "c-hong" {
            seed.replacen("loai: ke-hoach", "loai: [", 1)
        } else {
            seed.clone()
        };
        std::fs::write(plans.join(name).join("plan.yaml"), text).unwrap();
    }
    let out = scratch("batch-out");
    let o = vanban(&[
        "build",
        plans.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{stdout}\n{}", stderr(&o));
    for name in ["a-phuong", "b-phuong"] {
        for ext in ["docx", "pdf"] {
            assert!(
                out.join(name).join(format!("ke-hoach.{ext}")).is_file(),
                "{name}.{ext}"
            );
        }
    }
    assert!(!out.join("c-hong").join("ke-hoach.pdf").exists());
    // Plain lines, one per plan, numbered; no terminal control sequences.
    let progress: Vec<&str> = stdout.lines().filter(|l| l.starts_with('[')).collect();
    assert_eq!(progress.len(), 3, "{stdout}");
    assert!(progress.iter().any(|l| l.starts_with("[3/3]")), "{stdout}");
    assert!(
        progress.iter().any(|l| l.contains("c-hong: lỗi")),
        "{stdout}"
    );
    assert!(!stdout.contains('\u{1b}') && !stderr(&o).contains('\u{1b}'));
    assert!(stderr(&o).contains("lỗi: c-hong:"), "{}", stderr(&o));
    let summary = stdout.lines().last().unwrap();
    assert!(
        summary.starts_with("Tổng kết: đã dựng 2/3 kế hoạch, 1 kế hoạch lỗi, thời gian ")
            && summary.ends_with(" giây"),
        "{summary}"
    );
    // The same bytes as a plan built on its own.
    let single = scratch("batch-single");
    let o = build(SEED, "all", single.to_str().unwrap());
    assert_eq!(o.status.code(), Some(0));
    for ext in ["docx", "pdf"] {
        let f = format!("ke-hoach.{ext}");
        assert!(
            std::fs::read(single.join(&f)).unwrap()
                == std::fs::read(out.join("a-phuong").join(&f)).unwrap(),
            "{f}"
        );
    }
}

/// Folders and files can be mixed; all plans fine gives exit 0.
#[test]
fn batch_mixes_plan_folders_and_plan_files() {
    let plans = scratch("batch-mix");
    let seed = root().join(SEED).join("plan.yaml");
    std::fs::create_dir_all(plans.join("x")).unwrap();
    std::fs::copy(&seed, plans.join("x").join("plan.yaml")).unwrap();
    let out = scratch("batch-mix-out");
    let o = vanban(&[
        "build",
        plans.join("x").to_str().unwrap(),
        seed.to_str().unwrap(),
        "--format",
        "docx",
        "-o",
        out.to_str().unwrap(),
    ]);
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{stdout}{}", stderr(&o));
    assert!(out.join("x").join("ke-hoach.docx").is_file());
    assert!(out
        .join("phu-son-2023-2025")
        .join("ke-hoach.docx")
        .is_file());
    assert!(
        stdout.contains("Tổng kết: đã dựng 2/2 kế hoạch, 0 kế hoạch lỗi"),
        "{stdout}"
    );
}
