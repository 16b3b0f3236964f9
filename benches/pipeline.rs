//! The whole pipeline on the seed plan and its progress reports: YAML → IR, IR → DOCX,
//! IR → PDF, and all together, through the same write path as the command line
//! (`make::outputs`). The plan's stages keep their original names (`yaml_to_ir`, …); a
//! report's are `report_<stage>/<period>`.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use std::path::Path;
use vanban::fonts::FontSet;
use vanban::kinds::plan::PlanDocument;
use vanban::kinds::report::document::Report;
use vanban::kinds::report::period::Period;
use vanban::kinds::Kind;
use vanban::make::{outputs, Workshop};
use vanban::output::Format;
use vanban::pdf::FaceCache;
use vanban::pipeline::build;
use vanban::template::Templates;

/// The four stages of one document kind, named `{prefix}{stage}{suffix}`.
fn stages(c: &mut Criterion, kind: &dyn Kind, prefix: &str, suffix: &str) {
    let plan = Path::new(env!("CARGO_MANIFEST_DIR")).join("plans/phu-son-2023-2025/plan.yaml");
    let fonts = FontSet::bundled();
    let mut faces = FaceCache::default();
    let tpl = Templates::load(None).expect("templates");
    let name = |stage: &str| format!("{prefix}{stage}{suffix}");
    c.bench_function(&name("yaml_to_ir"), |b| {
        b.iter(|| build(kind, &plan, &tpl).expect("build"))
    });
    let built = build(kind, &plan, &tpl).expect("build");
    let mut shop = Workshop {
        templates: &tpl,
        bundled: &fonts,
        faces: &mut faces,
        parallel: true,
    };
    c.bench_function(&name("ir_to_docx"), |b| {
        b.iter_batched(
            || built.clone(),
            |built| outputs(built, Format::Docx, &mut shop).expect("docx"),
            BatchSize::LargeInput,
        )
    });
    c.bench_function(&name("ir_to_pdf"), |b| {
        b.iter_batched(
            || built.clone(),
            |built| outputs(built, Format::Pdf, &mut shop).expect("pdf"),
            BatchSize::LargeInput,
        )
    });
    c.bench_function(&name("whole_pipeline_all_formats"), |b| {
        b.iter(|| {
            let tpl = Templates::load(None).expect("templates");
            let built = build(kind, &plan, &tpl).expect("build");
            outputs(built, Format::All, &mut shop).expect("outputs")
        })
    });
}

fn bench(c: &mut Criterion) {
    stages(c, &PlanDocument, "", "");
    for ky in ["2024-Q1", "2024"] {
        let period = Period::parse(ky).expect("period");
        stages(c, &Report(period), "report_", &format!("/{ky}"));
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
