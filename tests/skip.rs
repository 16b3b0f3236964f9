//! A build skips outputs whose inputs did not change (plan, report data, templates, fonts,
//! the tool), says so, and `--lam-lai` forces it.

mod common;
use common::*;

fn run(args: &[&str]) -> String {
    let o = vanban(args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn skipped(out: &str) -> bool {
    out.contains("không đổi, giữ nguyên") && !out.contains("đã ghi")
}

#[test]
fn unchanged_inputs_are_not_rebuilt() {
    let dir = scratch("skip");
    let plan_dir = dir.join("ke-hoach-thu");
    std::fs::create_dir_all(&plan_dir).unwrap();
    let plan = copy_seed_to(&plan_dir);
    let out = dir.join("out");
    let (p, o) = (plan_dir.to_str().unwrap(), out.to_str().unwrap());
    assert!(run(&["build", p, "-o", o]).contains("đã ghi"));
    assert!(skipped(&run(&["build", p, "-o", o])));
    // --lam-lai forces.
    assert!(run(&["build", p, "-o", o, "--lam-lai"]).contains("đã ghi"));
    // A changed plan is rebuilt.
    let text = std::fs::read_to_string(&plan).unwrap();
    std::fs::write(
        &plan,
        text.replacen("Nguyễn Xuân Lâm", "Nguyễn Xuân Lân", 1),
    )
    .unwrap();
    assert!(run(&["build", p, "-o", o]).contains("đã ghi"));
    assert!(skipped(&run(&["build", p, "-o", o])));
    // An output changed by hand is rebuilt.
    std::fs::write(out.join("ke-hoach.pdf"), b"hong").unwrap();
    assert!(run(&["build", p, "-o", o]).contains("đã ghi"));
    assert!(std::fs::read(out.join("ke-hoach.pdf"))
        .unwrap()
        .starts_with(b"%PDF"));
    // Another format is another build.
    assert!(run(&["build", p, "-o", o, "--format", "docx"]).contains("đã ghi"));
    // Edited templates are inputs too.
    let tpl = dir.join("mau");
    run(&["templates", "export", tpl.to_str().unwrap()]);
    let t = tpl.to_str().unwrap();
    assert!(run(&["build", p, "-o", o, "--templates", t]).contains("đã ghi"));
    assert!(skipped(&run(&["build", p, "-o", o, "--templates", t])));
    let body = tpl.join("ke-hoach.xml");
    let text = std::fs::read_to_string(&body).unwrap();
    std::fs::write(&body, format!("{text}\n")).unwrap();
    assert!(run(&["build", p, "-o", o, "--templates", t]).contains("đã ghi"));
}

#[test]
fn report_data_is_an_input_of_the_report() {
    let dir = scratch("skip-report");
    let plan_dir = dir.join("phu-son");
    copy_dir(&root().join(SEED), &plan_dir);
    let out = dir.join("out");
    let (p, o) = (plan_dir.to_str().unwrap(), out.to_str().unwrap());
    assert!(run(&["report", p, "--ky", "2024-Q1", "-o", o]).contains("đã ghi"));
    assert!(skipped(&run(&["report", p, "--ky", "2024-Q1", "-o", o])));
    let f = plan_dir.join("bao-cao/2024-q1/tpht.yaml");
    let text = std::fs::read_to_string(&f).unwrap();
    std::fs::write(&f, format!("{text}\n# sửa\n")).unwrap();
    assert!(run(&["report", p, "--ky", "2024-Q1", "-o", o]).contains("đã ghi"));
}
