mod pdf_common;

use vanban::fonts::FontSet;
use vanban::style::StyleSheet;

/// Writes the sample plan to the temp dir, to look at with poppler (pdftotext -raw,
/// pdffonts, pdftoppm).
#[test]
fn writes_sample_pdf_to_temp_dir() {
    let doc = pdf_common::sample::sample_document();
    let t = std::time::Instant::now();
    let bytes = vanban::pdf::write_pdf(&doc, &StyleSheet::nd30(), &FontSet::bundled()).unwrap();
    let took = t.elapsed();
    let path = std::env::temp_dir().join("vanban-pdf-sample.pdf");
    std::fs::write(&path, &bytes).unwrap();
    eprintln!("{} bytes in {took:?} → {}", bytes.len(), path.display());
}
