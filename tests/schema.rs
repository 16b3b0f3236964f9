//! `vanban schema`: the JSON Schemas an editor uses must accept every file the tool accepts
//! (the example, `init`'s files, plans of many shapes) and reject the mistakes the tool
//! refuses, with Vietnamese hover texts.

mod common;

use common::{root, scratch, shapes, stderr, vanban, SEED};
use serde_json::Value;
use std::path::Path;

fn schema(which: &str) -> Value {
    let o = vanban(&["schema", which]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    serde_json::from_slice(&o.stdout).expect("schema is JSON")
}

/// The validation errors of `yaml` against `schema`, empty when it is valid.
fn errors(schema: &Value, yaml: &str) -> String {
    let instance: Value = serde_yaml::from_str(yaml).expect("test YAML parses");
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler.set_default_draft(boon::Draft::V7);
    compiler
        .add_resource("vanban.json", schema.clone())
        .expect("schema loads");
    let idx = compiler
        .compile("vanban.json", &mut schemas)
        .expect("schema compiles");
    match schemas.validate(&instance, idx) {
        Ok(()) => String::new(),
        Err(e) => e.to_string(),
    }
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

#[test]
fn the_example_and_generated_plans_are_valid_and_typos_are_not() {
    let plan = schema("ke-hoach");
    let seed = read(&root().join(SEED).join("plan.yaml"));
    assert_eq!(errors(&plan, &seed), "", "seed plan");
    for seed_no in 0..24 {
        let text = shapes::plan(seed_no);
        assert_eq!(errors(&plan, &text), "", "shape {seed_no}");
    }
    // Varied plans: deadlines of every kind, `han` lists of rounds among them.
    for seed_no in (1..24).step_by(2) {
        let text = shapes::report_case(seed_no).plan;
        assert_eq!(errors(&plan, &text), "", "report shape {seed_no}");
    }
    // A mistyped key is underlined, as the tool refuses it.
    let typo = seed.replacen("trich_yeu:", "trich_yue:", 1);
    assert!(
        errors(&plan, &typo).contains("trich_yue"),
        "{}",
        errors(&plan, &typo)
    );
    // A month or year the loader refuses is underlined too.
    for bad in ["thang: 13, nam: 2023", "thang: 12, nam: 1800"] {
        let day = seed.replacen("thang: 12, nam: 2023", bad, 1);
        assert_ne!(day, seed, "{bad}");
        assert_ne!(errors(&plan, &day), "", "{bad}");
    }
    let form = seed.replacen("hinh_thuc: TM", "hinh_thuc: XYZ", 1);
    assert_ne!(errors(&plan, &form), "", "unknown signing form");
    // Numbers as clerks type them are accepted, as the tool accepts them.
    let zero = seed.replacen("\nso: ", "\nso: \"07\" #", 1);
    assert!(zero.contains("so: \"07\""));
    assert_eq!(errors(&plan, &zero), "", "so: \"07\"");
    // What YAML reads as a number or a yes/no word is text to the loader in a text field.
    let year = seed.replacen(
        "thoi_gian: Theo Kế hoạch",
        "thoi_gian: 2025 # Theo Kế hoạch",
        1,
    );
    assert!(year.contains("thoi_gian: 2025 #"));
    assert_eq!(errors(&plan, &year), "", "thoi_gian: 2025");
    // What the loader refuses is underlined: a misspelt keyword, too many digits, a size
    // out of Decree 30's range.
    let kw = seed.replacen("phu_luc_kem_theo: tat-ca", "phu_luc_kem_theo: tatca", 1);
    assert!(kw.contains("tatca"));
    assert_ne!(errors(&plan, &kw), "", "tatca");
    let long = seed.replacen("\nso: ", "\nso: \"0000000000000000007\" #", 1);
    assert_ne!(errors(&plan, &long), "", "19 digits");
    let size = seed.replacen(
        "loai: ke-hoach",
        "loai: ke-hoach\ntrinh_bay: {co_chu: 20}",
        1,
    );
    assert!(
        errors(&plan, &size).contains("co_chu"),
        "{}",
        errors(&plan, &size)
    );
}

#[test]
fn report_data_of_the_example_is_valid() {
    let common = schema("bao-cao-chung");
    let period = schema("bao-cao-ky");
    let dir = root().join(SEED).join("bao-cao");
    assert_eq!(errors(&common, &read(&dir.join("chung.yaml"))), "");
    let mut n = 0;
    for f in ["2024-6t.yaml", "2024-9t.yaml", "2024.yaml"] {
        assert_eq!(errors(&period, &read(&dir.join(f))), "", "{f}");
        n += 1;
    }
    for e in std::fs::read_dir(dir.join("2024-q1")).unwrap() {
        let p = e.unwrap().path();
        assert_eq!(errors(&period, &read(&p)), "", "{}", p.display());
        n += 1;
    }
    assert_eq!(n, 9);
    let bad = "tien_do:\n  x:\n    trang_thai: hoàn thành\n    ngay_hoan_thanh: 31/2/2024x\n";
    assert!(
        errors(&period, bad).contains("ngay_hoan_thanh"),
        "{}",
        errors(&period, bad)
    );
    let extra = "tien_do:\n  x:\n    trang_thai: hoàn thành\n    ket_qa: sai tên\n";
    assert!(errors(&period, extra).contains("ket_qa"));
    for day in ["2024-8-28", "28 / 8 / 2024", "05/01/2024"] {
        let ok =
            format!("tien_do:\n  x:\n    trang_thai: hoàn thành\n    ngay_hoan_thanh: {day}\n");
        assert_eq!(errors(&period, &ok), "", "{day}");
    }
    // Work in rounds: the days of the rounds done, in a list; each must be a day.
    let rounds =
        "tien_do:\n  x:\n    trang_thai: đang thực hiện\n    ngay_hoan_thanh: [28/5/2025]\n";
    assert_eq!(errors(&period, rounds), "");
    let bad_round = "tien_do:\n  x: {trang_thai: hoàn thành, ngay_hoan_thanh: [28/5/2025, mai]}\n";
    assert!(errors(&period, bad_round).contains("ngay_hoan_thanh"));
    let share = "tien_do:\n  x:\n    trang_thai: đang thực hiện\n    ty_le: 150\n";
    assert!(errors(&period, share).contains("ty_le"));
    // The report's date: a day's text or the table, as the loader reads it.
    for date in [
        "18/6/2025",
        "2025-06-18",
        "{ngay: 18, thang: 6, nam: 2025}",
        "{ngay: ~, thang: 6, nam: 2025}",
    ] {
        assert_eq!(errors(&period, &format!("ngay: {date}\n")), "", "{date}");
    }
    assert!(errors(&period, "ngay: hôm qua\n").contains("ngay"));
}

#[test]
fn hover_texts_are_vietnamese() {
    let plan = schema("ke-hoach");
    let d = &plan["properties"]["trich_yeu"]["description"];
    assert_eq!(d, "Trích yếu nội dung văn bản.");
    let ky = &plan["properties"]["ky"];
    assert_eq!(ky["description"], "Người ký và hình thức ký.");
    assert!(ky["allOf"][0]["$ref"].is_string(), "{ky}");
    // None of the model's English doc comments are left.
    let text = serde_json::to_string(&plan).unwrap();
    for english in ["Document type", "The ", "printed", "Deadline"] {
        assert!(!text.contains(english), "{english} in the schema");
    }
}

#[test]
fn the_example_points_to_current_schemas_and_init_writes_them() {
    for which in ["ke-hoach", "bao-cao-chung", "bao-cao-ky"] {
        let o = vanban(&["schema", which]);
        let committed = read(
            &root()
                .join(SEED)
                .join("schema")
                .join(format!("{which}.schema.json")),
        );
        assert_eq!(
            committed,
            String::from_utf8_lossy(&o.stdout),
            "plans/…/schema/{which}.schema.json is stale: run `vanban schema -o {SEED}/schema`"
        );
    }
    let seed = read(&root().join(SEED).join("plan.yaml"));
    assert!(seed.starts_with("# yaml-language-server: $schema=schema/ke-hoach.schema.json\n"));

    let dir = scratch("schema-init").join("moi");
    let o = vanban(&["init", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let first = |rel: &str| {
        read(&dir.join(rel))
            .lines()
            .next()
            .unwrap_or("")
            .to_string()
    };
    assert_eq!(
        first("plan.yaml"),
        "# yaml-language-server: $schema=schema/ke-hoach.schema.json"
    );
    assert_eq!(
        first("vi-du/2025-q1.yaml"),
        "# yaml-language-server: $schema=../schema/bao-cao-ky.schema.json"
    );
    // The paths resolve, and the files they name validate what init wrote.
    let plan: Value =
        serde_json::from_str(&read(&dir.join("schema/ke-hoach.schema.json"))).unwrap();
    assert_eq!(errors(&plan, &read(&dir.join("plan.yaml"))), "");
    let common: Value =
        serde_json::from_str(&read(&dir.join("schema/bao-cao-chung.schema.json"))).unwrap();
    assert_eq!(errors(&common, &read(&dir.join("bao-cao/chung.yaml"))), "");
    let period: Value =
        serde_json::from_str(&read(&dir.join("schema/bao-cao-ky.schema.json"))).unwrap();
    assert_eq!(errors(&period, &read(&dir.join("vi-du/2025-q1.yaml"))), "");
}

#[test]
fn schema_command_is_vietnamese_and_writes_a_folder() {
    let dir = scratch("schema-out");
    let o = vanban(&["schema", "-o", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(out.matches("đã ghi").count(), 3, "{out}");
    let o = vanban(&["schema", "khong-co"]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(e.contains("không hợp lệ") && e.contains("ke-hoach"), "{e}");
    let o = vanban(&["help", "schema"]);
    let h = String::from_utf8_lossy(&o.stdout);
    assert!(
        h.contains("yaml-language-server") && !h.contains("Options"),
        "{h}"
    );
}
