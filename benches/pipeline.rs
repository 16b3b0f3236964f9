//! The whole pipeline on the seed plan and its progress reports: YAML → IR, IR → DOCX,
//! IR → PDF, and all together. The plan's stages keep their original names (`yaml_to_ir`, …);
//! a report's are `report_<stage>/<period>`.

use criterion::{criterion_group, criterion_main, Criterion};
use std::path::Path;
use vanban::cli::Format;
use vanban::fonts::FontSet;
use vanban::pipeline::{build, render_outputs, Kind};
use vanban::report::period::Period;
use vanban::template::Templates;

/// The four stages of one document kind, named `{prefix}{stage}{suffix}`.
fn stages(c: &mut Criterion, kind: Kind, prefix: &str, suffix: &str) {
    let plan = Path::new(env!("CARGO_MANIFEST_DIR")).join("plans/phu-son-2023-2025/plan.yaml");
    let fonts = FontSet::bundled();
    let tpl = Templates::load(None).expect("templates");
    let name = |stage: &str| format!("{prefix}{stage}{suffix}");
    c.bench_function(&name("yaml_to_ir"), |b| {
        b.iter(|| build(kind.clone(), &plan, &tpl).expect("build"))
    });
    let built = build(kind.clone(), &plan, &tpl).expect("build");
    c.bench_function(&name("ir_to_docx"), |b| {
        b.iter(|| render_outputs(&built, Format::Docx, &fonts).expect("docx"))
    });
    c.bench_function(&name("ir_to_pdf"), |b| {
        b.iter(|| render_outputs(&built, Format::Pdf, &fonts).expect("pdf"))
    });
    c.bench_function(&name("whole_pipeline_all_formats"), |b| {
        b.iter(|| {
            let tpl = Templates::load(None).expect("templates");
            let built = build(kind.clone(), &plan, &tpl).expect("build");
            render_outputs(&built, Format::All, &fonts).expect("outputs")
        })
    });
}

fn bench(c: &mut Criterion) {
    stages(c, Kind::Plan, "", "");
    for ky in ["2024-Q1", "2024"] {
        let period = Period::parse(ky).expect("period");
        stages(c, Kind::Report(period), "report_", &format!("/{ky}"));
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
