//! The whole pipeline on the seed plan: YAML → IR, IR → DOCX, IR → PDF, and all together.

use criterion::{criterion_group, criterion_main, Criterion};
use std::path::Path;
use vanban::cli::Format;
use vanban::fonts::FontSet;
use vanban::pipeline::{build_document, render_outputs};
use vanban::template::Templates;

fn bench(c: &mut Criterion) {
    let plan = Path::new(env!("CARGO_MANIFEST_DIR")).join("plans/phu-son-2023-2025/plan.yaml");
    let fonts = FontSet::bundled();
    let tpl = Templates::load(None).expect("templates");
    c.bench_function("yaml_to_ir", |b| {
        b.iter(|| build_document(&plan, &tpl).expect("build"))
    });
    let built = build_document(&plan, &tpl).expect("build");
    c.bench_function("ir_to_docx", |b| {
        b.iter(|| render_outputs(&built, Format::Docx, &fonts).expect("docx"))
    });
    c.bench_function("ir_to_pdf", |b| {
        b.iter(|| render_outputs(&built, Format::Pdf, &fonts).expect("pdf"))
    });
    c.bench_function("whole_pipeline_all_formats", |b| {
        b.iter(|| {
            let tpl = Templates::load(None).expect("templates");
            let built = build_document(&plan, &tpl).expect("build");
            render_outputs(&built, Format::All, &fonts).expect("outputs")
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
