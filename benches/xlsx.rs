//! The spreadsheets of issue 17 on the seed plan, in memory (no disk writes):
//!
//! - `phieu/…`: the progress forms of every lead unit, through the library function
//!   `vanban phieu` calls (`forms::forms`); the target is all of them in under 100 ms.
//!   `forms_all_units` starts from the loaded plan, `load_plan_and_forms` adds the plan's
//!   load and check as the command does.
//! - `report_xlsx/…`: the report's workbook (`report --format xlsx`) through the command
//!   line's write path (`make::outputs`), from the built document and from the YAML.
//! - `nhap/…`: `vanban nhap`'s own import of every unit's form of the seed's 2024-Q1 (read
//!   with calamine, checked, the unit files composed; the write itself is left out).

use criterion::{black_box, criterion_group, criterion_main, BatchSize, Criterion};
use std::path::{Path, PathBuf};
use vanban::fonts::FontSet;
use vanban::forms;
use vanban::kinds::report::document::Report;
use vanban::kinds::report::period::Period;
use vanban::make::{outputs, Workshop};
use vanban::model::load_plan;
use vanban::output::Format;
use vanban::pdf::FaceCache;
use vanban::pipeline::build;
use vanban::template::Templates;

/// Periods of the seed plan that have progress data: a quarter and the year.
const PERIODS: [&str; 2] = ["2024-Q1", "2024"];

fn plan_file() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("plans/phu-son-2023-2025/plan.yaml")
}

fn phieu(c: &mut Criterion) {
    let file = plan_file();
    let checked = load_plan(&file).expect("plan");
    let mut g = c.benchmark_group("phieu");
    for ky in PERIODS {
        let p = Period::parse(ky).expect("period");
        g.bench_function(format!("forms_all_units/{ky}"), |b| {
            b.iter(|| forms::forms(&file, &checked.plan, p, None).expect("forms"))
        });
        g.bench_function(format!("load_plan_and_forms/{ky}"), |b| {
            b.iter(|| {
                let checked = load_plan(&file).expect("plan");
                forms::forms(&file, &checked.plan, p, None).expect("forms")
            })
        });
    }
    g.finish();
}

fn report_xlsx(c: &mut Criterion) {
    let file = plan_file();
    let tpl = Templates::load(None).expect("templates");
    let fonts = FontSet::bundled();
    let mut faces = FaceCache::default();
    let mut shop = Workshop {
        templates: &tpl,
        bundled: &fonts,
        faces: &mut faces,
        parallel: true,
    };
    let mut g = c.benchmark_group("report_xlsx");
    for ky in PERIODS {
        let kind = Report(Period::parse(ky).expect("period"));
        let built = build(&kind, &file, &tpl).expect("build");
        g.bench_function(format!("ir_to_xlsx/{ky}"), |b| {
            b.iter_batched(
                || built.clone(),
                |built| outputs(built, Format::Xlsx, &mut shop).expect("xlsx"),
                BatchSize::LargeInput,
            )
        });
        g.bench_function(format!("yaml_to_xlsx/{ky}"), |b| {
            b.iter(|| {
                let built = build(&kind, &file, &tpl).expect("build");
                outputs(built, Format::Xlsx, &mut shop).expect("xlsx")
            })
        });
    }
    g.finish();
}

fn nhap(c: &mut Criterion) {
    let file = plan_file();
    let checked = load_plan(&file).expect("plan");
    // A period kept as a folder of unit files (the year 2024 is one file, which nhap refuses).
    let p = Period::parse("2024-Q1").expect("period");
    let written = forms::forms(&file, &checked.plan, p, None).expect("forms");
    let dir = std::env::temp_dir().join(format!("vanban-bench-nhap-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    for f in &written.forms {
        std::fs::write(dir.join(&f.file_name), &f.bytes).expect("form");
    }
    let inputs = [dir.clone()];
    let mut g = c.benchmark_group("nhap");
    g.bench_function("import_all_forms/2024-Q1", |b| {
        b.iter(|| {
            let i = forms::read::import(&file, &checked.plan, p, &inputs, false).expect("import");
            black_box(i.changes.len())
        })
    });
    g.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group!(benches, phieu, report_xlsx, nhap);
criterion_main!(benches);
