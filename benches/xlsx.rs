//! The spreadsheets of issue 17 on the seed plan, in memory (no disk writes):
//!
//! - `phieu/…`: the progress forms of every lead unit, through the library function
//!   `vanban phieu` calls (`forms::forms`); the target is all of them in under 100 ms.
//!   `forms_all_units` starts from the loaded plan, `load_plan_and_forms` adds the plan's
//!   load and check as the command does.
//! - `report_xlsx/…`: the report's workbook (`report --format xlsx`) through the command
//!   line's write path (`make::outputs`), from the built document and from the YAML.
//! - `nhap_standin/…`: opening each form's bytes with calamine and reading its "Tiến độ"
//!   range: the reading half of `vanban nhap` only (no checks, no YAML), to be replaced by
//!   the command's own function when it exists.

use calamine::{Reader, Xlsx};
use criterion::{black_box, criterion_group, criterion_main, BatchSize, Criterion};
use std::io::Cursor;
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

/// Cells read from the "Tiến độ" sheet of every form: calamine's open and parse of each
/// workbook, nothing of what nhap will check or write.
fn read_progress_sheets(written: &[forms::Written]) -> usize {
    written
        .iter()
        .map(|f| {
            let mut wb = Xlsx::new(Cursor::new(f.bytes.as_slice())).expect("open form");
            let range = wb.worksheet_range("Tiến độ").expect("Tiến độ");
            range.used_cells().count()
        })
        .sum()
}

fn nhap_standin(c: &mut Criterion) {
    let file = plan_file();
    let checked = load_plan(&file).expect("plan");
    let mut g = c.benchmark_group("nhap_standin");
    for ky in PERIODS {
        let p = Period::parse(ky).expect("period");
        let written = forms::forms(&file, &checked.plan, p, None).expect("forms");
        g.bench_function(format!("calamine_read_tien_do_all_forms/{ky}"), |b| {
            b.iter(|| black_box(read_progress_sheets(&written.forms)))
        });
    }
    g.finish();
}

criterion_group!(benches, phieu, report_xlsx, nhap_standin);
criterion_main!(benches);
