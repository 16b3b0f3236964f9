//! The seed plan as PDF, read back: the same document the DOCX holds, page by page.

mod common;
mod pdf_common;
use common::*;
use pdf_common::read::read;

fn seed_pdf() -> Vec<u8> {
    let tpl = vanban::template::Templates::load(None).unwrap();
    let b = vanban::pipeline::build_document(&root().join(SEED).join("plan.yaml"), &tpl).unwrap();
    common::write_pdf(&b.document, &b.style, &vanban::fonts::FontSet::bundled()).unwrap()
}

/// Text without whitespace: line ends in the PDF (after "QĐ-", say) are not spaces.
fn squash(s: &str) -> String {
    s.split_whitespace().collect()
}

#[test]
fn seed_pdf_has_every_task_fonts_and_numbered_pages() {
    let bytes = seed_pdf();
    let pdf = read(&bytes);
    let portrait: Vec<_> = pdf
        .pages
        .iter()
        .filter(|p| p.height() > p.width())
        .collect();
    let landscape: Vec<_> = pdf
        .pages
        .iter()
        .filter(|p| p.width() > p.height())
        .collect();
    // The main text takes five A4 pages, as LibreOffice lays out the DOCX.
    assert_eq!(portrait.len(), 5);
    assert!(
        (portrait[0].width() - 595.28).abs() < 0.5 && (portrait[0].height() - 841.89).abs() < 0.5
    );
    assert!(landscape.len() >= 4);

    // Every task of the plan, in order, as exact Vietnamese text.
    let plan = vanban::model::load_plan(&root().join(SEED).join("plan.yaml"))
        .unwrap()
        .plan;
    // Reading order, page numbers left out.
    let text = squash(
        &portrait
            .iter()
            .flat_map(|p| p.lines())
            .map(|l| l.1)
            .filter(|l| !l.chars().all(|c| c.is_ascii_digit()))
            .collect::<Vec<_>>()
            .join(" "),
    );
    let mut at = 0;
    fn tasks(items: &[vanban::model::plan::Item], out: &mut Vec<String>) {
        for it in items {
            out.extend(it.nhiem_vu.iter().map(|t| t.noi_dung.clone()));
            tasks(&it.muc, out);
        }
    }
    let mut all = Vec::new();
    tasks(&plan.noi_dung, &mut all);
    for t in &all {
        let t = squash(t);
        let i = text[at..]
            .find(&t)
            .unwrap_or_else(|| panic!("task missing or out of order: {t}"));
        at += i + t.len();
    }
    assert!(text.contains(&squash("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")));
    for l in ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nơi nhận:", "- Lưu: VT."] {
        assert!(text.contains(&squash(l)), "{l}");
    }
    assert!(text.contains(&squash("Nguyễn Xuân Lâm")));

    // Page numbers: none on page 1 or on an appendix's first page, "2" on the next ones.
    let top_line =
        |p: &pdf_common::read::Page| p.lines().first().map(|l| l.1.clone()).unwrap_or_default();
    assert_ne!(top_line(portrait[0]), "1");
    assert_eq!(top_line(portrait[1]), "2");
    assert_eq!(top_line(portrait[4]), "5");
    let firsts: Vec<usize> = pdf
        .pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.lines().iter().any(|l| l.1.starts_with("Phụ lục ")))
        .map(|(i, _)| i)
        .collect();
    assert_eq!(firsts.len(), 4);
    for &i in &firsts {
        assert!(
            top_line(&pdf.pages[i]).starts_with("Phụ lục"),
            "page {}",
            i + 1
        );
    }
    // A turned page keeps the document's margins: the appendix title is centred on the same
    // axis as the portrait text (30 mm binding edge on the left, 15 mm on the right).
    let mm = 72.0 / 25.4;
    for &i in &firsts {
        let p = &pdf.pages[i];
        let line: Vec<_> = p
            .glyphs
            .iter()
            .filter(|g| {
                let y = p.glyphs.iter().map(|g| g.y).fold(f32::MIN, f32::max);
                (g.y - y).abs() < 0.5
            })
            .collect();
        let a = line.iter().map(|g| g.x).fold(f32::MAX, f32::min);
        let b = line.iter().map(|g| g.x + g.width).fold(f32::MIN, f32::max);
        let axis = 30.0 * mm + (p.width() - 45.0 * mm) / 2.0;
        assert!(
            ((a + b) / 2.0 - axis).abs() < 0.5,
            "page {}: title off axis",
            i + 1
        );
        assert!(p.glyphs.iter().all(|g| g.x >= 30.0 * mm - 0.01));
    }
    // Appendix I continues on the page after its first, numbered 2, header rows repeated.
    let next = &pdf.pages[firsts[0] + 1];
    assert_eq!(top_line(next), "2");
    assert!(next.lines().iter().any(|l| l.1.starts_with("TT")));
    assert!(next.lines().iter().any(|l| l.1.contains("Bộ phận chủ trì")));

    // Fonts embedded as subsets with Unicode maps.
    assert!(!pdf.fonts.is_empty());
    for f in pdf.fonts.values() {
        assert!(f.has_font_file2 && f.has_to_unicode, "{}", f.base_font);
        assert_eq!(f.base_font.find('+'), Some(6), "{}", f.base_font);
    }
    assert_eq!(bytes, seed_pdf(), "same input, same bytes");
}
