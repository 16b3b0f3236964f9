//! Plans of many shapes (tests/common/shapes.rs) through both writers: rules that must hold
//! on every plan, not only on the seed.

mod common;
mod pdf_common;
use common::*;

fn build(seed: u64) -> (Vec<u8>, Vec<u8>) {
    let dir = scratch(&format!("shape-{seed}"));
    std::fs::write(dir.join("plan.yaml"), shapes::plan(seed)).unwrap();
    let tpl = vanban::template::Templates::load(None).unwrap();
    let b = vanban::pipeline::build_document(&dir.join("plan.yaml"), &tpl)
        .unwrap_or_else(|e| panic!("seed {seed}: {e}"));
    let fonts = vanban::fonts::FontSet::bundled();
    (
        common::write_docx(&b.document, &b.style, &fonts).unwrap(),
        common::write_pdf(&b.document, &b.style, &fonts).unwrap(),
    )
}

#[test]
fn every_shape_ends_its_body_once_and_keeps_text_above_the_signature() {
    for seed in 0..30 {
        let (docx, pdf) = build(seed);
        // DOCX: "./." once, on the body's last paragraph, which keeps with the Nơi nhận table.
        let xml = part(&docx, "word/document.xml");
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let b = body(&doc);
        let ends: Vec<_> = b
            .descendants()
            .filter(|n| is(n, "p") && para_text(n).ends_with("./."))
            .collect();
        assert_eq!(ends.len(), 1, "seed {seed}: one end mark");
        let next = ends[0].next_sibling_element().unwrap();
        assert!(
            is(&next, "tbl"),
            "seed {seed}: the end mark is the last body paragraph"
        );
        assert!(table_texts(&next)[0][0].starts_with("Nơi nhận:"));
        let keep = child(&ends[0], "pPr").and_then(|p| child(&p, "keepNext"));
        assert!(
            keep.is_some(),
            "seed {seed}: last paragraph keeps with the signature"
        );

        // PDF: the page holding "Nơi nhận:" also holds body text above it.
        let pdf = pdf_common::read::read(&pdf);
        let page = pdf
            .pages
            .iter()
            .find(|p| p.lines().iter().any(|l| l.1.starts_with("Nơi nhận:")))
            .unwrap();
        let lines = page.lines();
        let at = lines
            .iter()
            .position(|l| l.1.starts_with("Nơi nhận:"))
            .unwrap();
        let above: Vec<_> = lines[..at]
            .iter()
            .filter(|l| !l.1.chars().all(|c| c.is_ascii_digit()))
            .collect();
        assert!(
            !above.is_empty(),
            "seed {seed}: Nơi nhận and signature alone on their page"
        );
    }
}
