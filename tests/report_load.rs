//! Reading a plan's report data as a clerk leaves it: files that are not files (broken
//! links, link loops, folders named like files), every error of a run at once, and messages
//! whose cause lies in another file naming that file.

mod common;
use common::*;
use std::path::{Path, PathBuf};

/// A copy of the sample plan with its report data, in a scratch folder.
fn sample(name: &str) -> PathBuf {
    let dir = scratch(name);
    copy_dir(&root().join(SEED), &dir);
    dir
}

/// Runs `vanban <args…>` and returns the exit code and stderr with warnings left out.
fn run(args: &[&str]) -> (Option<i32>, String) {
    errors_of(&vanban(args))
}

/// The exit code and the error lines (warnings left out).
fn errors_of(o: &std::process::Output) -> (Option<i32>, String) {
    let errors: String = stderr(o)
        .lines()
        .filter(|l| !l.starts_with("cảnh báo: "))
        .map(|l| format!("{l}\n"))
        .collect();
    (o.status.code(), errors)
}

fn check(dir: &Path) -> (Option<i32>, String) {
    run(&["check", dir.to_str().unwrap()])
}

fn report(dir: &Path, ky: &str) -> (Option<i32>, String) {
    errors_of(&report_into(dir, ky, &[]).1)
}

#[cfg(unix)]
fn link(target: &str, at: &Path) {
    let _ = std::fs::remove_file(at);
    let _ = std::fs::remove_dir_all(at);
    std::os::unix::fs::symlink(target, at).unwrap();
}

#[cfg(unix)]
const LOOP: &str =
    "vòng liên kết: liên kết tượng trưng trỏ vòng về chính nó, không dẫn tới tệp nào";

/// A period file that is a broken link, a link loop or a folder is an error naming it, for
/// `check` and `report` alike: passed by, the report came out blank.
#[cfg(unix)]
#[test]
fn a_period_file_that_is_not_a_file_is_named() {
    let dir = sample("period-not-file");
    let bc = dir.join("bao-cao");
    let p = bc.join("2024-6t.yaml");
    let shown = p.display();
    link("da-xoa.yaml", &p);
    let want = format!("lỗi: {shown}: cần một tệp YAML; gặp liên kết tới `da-xoa.yaml` không tồn tại (tệp đích đã bị xóa, đổi tên hoặc chuyển đi?)\n");
    assert_eq!(check(&dir), (Some(1), want.clone()));
    assert_eq!(report(&dir, "2024-6t"), (Some(1), want));

    link("2024-6t.yaml", &p);
    let want = format!("lỗi: {shown}: cần một tệp YAML; gặp {LOOP}\n");
    assert_eq!(check(&dir), (Some(1), want.clone()));
    assert_eq!(report(&dir, "2024"), (Some(1), want));

    std::fs::remove_file(&p).unwrap();
    std::fs::create_dir(&p).unwrap();
    let want = format!("lỗi: {shown}: cần một tệp YAML; gặp một thư mục; thư mục dữ liệu của một kỳ đặt tên không có đuôi .yaml, ví dụ `2024-6t/`\n");
    assert_eq!(check(&dir), (Some(1), want.clone()));
    assert_eq!(report(&dir, "2024-6t"), (Some(1), want));

    // Inside a period's folder, each unreadable unit file is named, all in one run.
    std::fs::remove_dir(&p).unwrap();
    let q1 = bc.join("2024-q1");
    link("khong-co.yaml", &q1.join("a-mat.yaml"));
    link("b-vong.yaml", &q1.join("b-vong.yaml"));
    let (code, e) = check(&dir);
    assert_eq!(code, Some(1));
    assert_eq!(
        e,
        format!(
            "lỗi: {0}/a-mat.yaml: cần một tệp YAML; gặp liên kết tới `khong-co.yaml` không tồn tại (tệp đích đã bị xóa, đổi tên hoặc chuyển đi?)\nlỗi: {0}/b-vong.yaml: cần một tệp YAML; gặp {LOOP}\n",
            q1.display()
        )
    );
}

/// A broken or looping chung.yaml is an error, not "no chung.yaml" (whose Nơi nhận would
/// vanish); a bao-cao/ looping onto itself is not "no periods yet".
#[cfg(unix)]
#[test]
fn a_common_file_or_report_folder_that_is_not_there_is_named() {
    let dir = sample("common-not-file");
    let chung = dir.join("bao-cao/chung.yaml");
    link("chung-cu.yaml", &chung);
    let want = format!("lỗi: {}: liên kết tới `chung-cu.yaml` không tồn tại (tệp đích đã bị xóa, đổi tên hoặc chuyển đi?)\n", chung.display());
    assert_eq!(check(&dir), (Some(1), want.clone()));
    assert_eq!(report(&dir, "2024"), (Some(1), want));
    link("chung.yaml", &chung);
    let want = format!("lỗi: {}: {LOOP}\n", chung.display());
    assert_eq!(check(&dir), (Some(1), want.clone()));
    assert_eq!(report(&dir, "2024"), (Some(1), want));

    let bc = dir.join("bao-cao");
    link("bao-cao", &bc);
    let want = format!("lỗi: {}: {LOOP}\n", bc.display());
    assert_eq!(check(&dir), (Some(1), want.clone()));
    assert_eq!(report(&dir, "2024"), (Some(1), want));
}

/// A link loop anywhere else (the plan itself, a templates folder) is told in words, not as
/// the system's error number.
#[cfg(unix)]
#[test]
fn link_loops_elsewhere_are_told_in_words() {
    let dir = sample("loops-elsewhere");
    let plan = dir.join("plan.yaml");
    link("plan.yaml", &plan);
    let want = format!("lỗi: {}: {LOOP}\n", plan.display());
    assert_eq!(check(&dir), (Some(1), want));

    let dir = sample("templates-loop");
    let mau = dir.join("mau");
    link("mau", &mau);
    let (code, e) = run(&[
        "build",
        dir.to_str().unwrap(),
        "--templates",
        mau.to_str().unwrap(),
        "-o",
        dir.join("out").to_str().unwrap(),
    ]);
    assert_eq!(
        (code, e),
        (Some(1), format!("lỗi: {}: {LOOP}\n", mau.display()))
    );
}

fn replace_in(path: &Path, from: &str, to: &str) {
    let s = std::fs::read_to_string(path).unwrap();
    assert!(s.contains(from), "{from}");
    std::fs::write(path, s.replacen(from, to, 1)).unwrap();
}

/// The errors of one run, each once, and the lines naming `needle`.
fn lines_with<'a>(e: &'a str, needle: &str) -> Vec<&'a str> {
    e.lines().filter(|l| l.contains(needle)).collect()
}

/// chung.yaml's plan date later than the completions: each completion is flagged, and one
/// error, first, names chung.yaml:16 as where that date comes from.
#[test]
fn a_plan_date_from_the_common_file_is_named_once_at_its_line() {
    let dir = sample("plan-date-in-common");
    let chung = dir.join("bao-cao/chung.yaml");
    replace_in(&chung, "  ngay: 20/12/2023", "  ngay: 1/12/2024");
    let note = format!("lỗi: {}:16:3: trường `ke_hoach.ngay`: cần ngày ban hành kế hoạch không sau các ngày hoàn thành đã báo cáo; gặp 01/12/2024 (các lỗi \"không trước ngày ban hành kế hoạch\" dưới đây so với ngày này)", chung.display());
    for (code, e) in [check(&dir), report(&dir, "2024-6t")] {
        assert_eq!(code, Some(1), "{e}");
        assert_eq!(e.lines().next(), Some(note.as_str()), "{e}");
        assert_eq!(lines_with(&e, "chung.yaml").len(), 1, "{e}");
        assert!(
            e.contains(&format!("lỗi: {}/bao-cao/2024-q1/dcxd.yaml:6:5: trường `tien_do.papi-cong-khai-dat-dai.ngay_hoan_thanh`: cần ngày hoàn thành không trước ngày ban hành kế hoạch (01/12/2024); gặp 11/3/2024\n", dir.display())),
            "{e}"
        );
    }
}

/// A cut-off set in chung.yaml that completions fall after is named the same way.
#[test]
fn a_cut_off_from_the_common_file_is_named_once_at_its_line() {
    let dir = sample("cut-off-in-common");
    let chung = dir.join("bao-cao/chung.yaml");
    let mut s = std::fs::read_to_string(&chung).unwrap();
    let line = s.lines().count() + 2;
    s.push_str("ngay_chot:\n  quy_1: \"1/2\"\n");
    std::fs::write(&chung, s).unwrap();
    assert_eq!(
        check(&dir),
        (
            Some(1),
            format!(
                "lỗi: {0}:{line}:3: trường `ngay_chot.quy_1`: cần ngày chốt số liệu kỳ quý I năm 2024 không trước các ngày hoàn thành đã báo cáo; gặp \"1/2\" (các lỗi \"không sau ngày chốt số liệu\" dưới đây so với ngày này)\n\
                 lỗi: {1}/bao-cao/2024-q1/dcxd.yaml:6:5: trường `tien_do.papi-cong-khai-dat-dai.ngay_hoan_thanh`: cần ngày hoàn thành không sau ngày chốt số liệu 01/02/2024 của kỳ quý I năm 2024; gặp 11/3/2024\n",
                chung.display(),
                dir.display()
            )
        )
    );
}

/// A mistyped field name is answered with the nearest one, in plan.yaml and report data.
#[test]
fn a_mistyped_field_gets_the_nearest_name() {
    let dir = sample("field-typo");
    let plan = dir.join("plan.yaml");
    replace_in(&plan, "\ntrich_yeu:", "\ntrich_yeuu:");
    assert_eq!(
        check(&dir),
        (Some(1), format!("lỗi: {}:14:1: cần một trong các trường: loai, co_quan, so, dia_danh, ngay, trich_yeu, don_vi, nhan, mo_dau, noi_dung, ket_luan, noi_nhan, luu, ky, phu_luc, trinh_bay; gặp trường không có trong mẫu `trich_yeuu` (có phải `trich_yeu`?)\n", plan.display()))
    );
    replace_in(&plan, "\ntrich_yeuu:", "\ntrich_yeu:");
    let q1 = dir.join("bao-cao/2024-q1/dcxd.yaml");
    replace_in(&q1, "ket_qua:", "ket_qa:");
    let (code, e) = check(&dir);
    assert_eq!(code, Some(1));
    assert!(
        e.contains("gặp trường không có trong mẫu `ket_qa` (có phải `ket_qua`?)\n"),
        "{e}"
    );
}

/// plan.yaml's date may be written 20/12/2023, as in report files; a day that does not
/// exist is then told as such, at its line, in plan.yaml and in a report file alike.
#[test]
fn a_plan_date_in_day_month_year_form_is_read_and_checked() {
    let dir = sample("plan-date-dmy");
    let plan = dir.join("plan.yaml");
    replace_in(
        &plan,
        "ngay: {ngay: ~, thang: 12, nam: 2023}",
        "ngay: 20/12/2023",
    );
    let o = vanban(&["check", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        String::from_utf8_lossy(&o.stdout).starts_with(&format!("{}: hợp lệ — ", plan.display()))
    );
    let tpl = vanban::template::Templates::load(None).unwrap();
    let b = vanban::pipeline::build_document(&plan, &tpl).unwrap();
    let docx =
        common::write_docx(&b.document, &b.style, &vanban::fonts::FontSet::bundled()).unwrap();
    assert!(part(&docx, "word/document.xml").contains("ngày 20 tháng 12 năm 2023"));

    replace_in(&plan, "ngay: 20/12/2023", "ngay: 31/02/2025");
    assert_eq!(
        check(&dir),
        (
            Some(1),
            format!(
                "lỗi: {}:13:1: trường `ngay`: cần một ngày có thật, gặp ngày 31 tháng 2 năm 2025\n",
                plan.display()
            )
        )
    );
    replace_in(
        &plan,
        "ngay: 31/02/2025",
        "ngay: {ngay: ~, thang: 12, nam: 2023}",
    );
    let period = dir.join("bao-cao/2024-6t.yaml");
    let text = std::fs::read_to_string(&period).unwrap();
    let start = text.find("\nngay:").unwrap() + 1;
    let end = start + text[start..].find("\nchi_dao_dieu_hanh").unwrap();
    let line = text[..start].lines().count() + 1;
    std::fs::write(
        &period,
        format!("{}ngay: 31/6/2024{}", &text[..start], &text[end..]),
    )
    .unwrap();
    assert_eq!(
        check(&dir),
        (Some(1), format!("lỗi: {}:{line}:1: trường `ngay`: cần một ngày có thật, gặp ngày 31 tháng 6 năm 2024\n", period.display()))
    );
}

/// `check …/bao-cao/2024-6t.yaml` (or a period's folder) checks the plan above it and that
/// period alone, and says so; it is not read as a plan.
#[test]
fn check_of_a_period_file_or_folder_checks_that_period() {
    let dir = sample("check-period");
    let plan = dir.join("plan.yaml");
    let bc = dir.join("bao-cao");
    // A completion after the cut-off in the year's file: not the 6-month period's concern.
    replace_in(
        &bc.join("2024.yaml"),
        "trang_thai: hoàn thành",
        "trang_thai: xong",
    );
    for (target, wording) in [
        (bc.join("2024-6t.yaml"), "6 tháng đầu năm 2024 (2024-6t)"),
        (bc.join("2024-q1"), "quý I năm 2024 (2024-q1)"),
    ] {
        let o = vanban(&["check", target.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert_eq!(
            String::from_utf8_lossy(&o.stdout),
            format!(
                "{}: hợp lệ — 3 mục lớn, 22 nhiệm vụ, 7 đơn vị, 4 phụ lục với 86 dòng tiêu chí\n{}: dữ liệu kỳ {wording} hợp lệ\n",
                plan.display(),
                target.display()
            )
        );
    }
    let year = bc.join("2024.yaml");
    let (code, e) = check(&year);
    assert_eq!(code, Some(1));
    assert!(e.starts_with(&format!("lỗi: {}:", year.display())), "{e}");
    assert!(e.contains("cần trạng thái là một trong"), "{e}");

    let (code, e) = check(&bc.join("2025-q1.yaml"));
    assert_eq!(
        (code, e),
        (Some(1), format!("lỗi: {}: cần dữ liệu kỳ quý I năm 2025 (2025-q1): tệp 2025-q1.yaml hoặc thư mục 2025-q1/; gặp chỉ có các kỳ: 2024-q1, 2024-6t, 2024-9t, 2024\n", bc.display()))
    );
}

/// A period file with a bad date and a task written twice: both are told in one run, by
/// `check` and by `report`, with a file's parse error and another file's check error too.
#[test]
fn every_error_of_every_report_file_is_told_in_one_run() {
    let dir = sample("every-error");
    let f = dir.join("bao-cao/2024-6t.yaml");
    replace_in(
        &f,
        "ngay:\n  ngay: 17\n  thang: 6\n  nam: 2024\n",
        "ngay: 31/6/2024x\n",
    );
    replace_in(
        &f,
        "tien_do:\n",
        "tien_do:\n  papi-doi-thoai-dan-chu:\n    trang_thai: hoàn thành\n    ngay_hoan_thanh: 1/5/2024\n",
    );
    // In another period, a completion after its cut-off: found by the check of read data.
    let q1 = dir.join("bao-cao/2024-q1/dcxd.yaml");
    replace_in(
        &q1,
        "ngay_hoan_thanh: 11/3/2024",
        "ngay_hoan_thanh: 20/3/2024",
    );
    let (f, q1) = (f.display(), q1.display());
    let want = format!(
        "lỗi: {q1}:6:5: trường `tien_do.papi-cong-khai-dat-dai.ngay_hoan_thanh`: cần ngày hoàn thành không sau ngày chốt số liệu 14/3/2024 của kỳ quý I năm 2024; gặp 20/3/2024\n\
         lỗi: {f}:8:7: trường `ngay`: cần ngày có thật viết dạng ngày/tháng/năm (ví dụ 18/6/2025) hoặc bảng {{ngay: 18, thang: 6, nam: 2025}}; gặp \"31/6/2024x\"\n\
         lỗi: {f}:239:3: trường `tien_do.papi-doi-thoai-dan-chu`: cần mỗi mã chỉ ghi một lần trong `tien_do`; xóa hoặc gộp một trong hai; gặp `papi-doi-thoai-dan-chu` ghi lần thứ hai (lần đầu ở dòng 166)\n"
    );
    assert_eq!(check(&dir), (Some(1), want.clone()));
    assert_eq!(report(&dir, "2024-6t"), (Some(1), want));
}

/// Past twenty errors, the rest are counted, as for plan.yaml.
#[test]
fn many_errors_are_capped_with_a_count_of_the_rest() {
    let dir = sample("many-errors");
    let f = dir.join("bao-cao/2024.yaml");
    let text = std::fs::read_to_string(&f).unwrap();
    std::fs::write(
        &f,
        text.replace("trang_thai: hoàn thành", "trang_thai: xong"),
    )
    .unwrap();
    let bad = text.matches("trang_thai: hoàn thành").count();
    assert!(bad > 21, "{bad}");
    let (code, e) = check(&dir);
    assert_eq!(code, Some(1));
    let lines: Vec<&str> = e.lines().collect();
    assert_eq!(lines.len(), 21, "{e}");
    assert!(lines[..20].iter().all(|l| l.ends_with(
        "cần trạng thái là một trong: hoàn thành, đang thực hiện, chưa thực hiện; gặp \"xong\""
    )));
    assert_eq!(
        lines[20],
        format!(
            "lỗi: … và {} lỗi khác (sửa các lỗi trên rồi chạy lại để xem tiếp)",
            bad - 20
        )
    );
}
