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
    let o = vanban(args);
    let errors: String = stderr(&o)
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
    let out = dir.join("out");
    run(&[
        "report",
        dir.to_str().unwrap(),
        "--ky",
        ky,
        "-o",
        out.to_str().unwrap(),
    ])
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
