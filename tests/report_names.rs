//! Names and headings as a reader sees them on the page (issue 15 §4, §5): a place name in
//! Biểu 06's header ("xã Tân Lập", "tỉnh Phú Thọ") stays on one line, a "(n)" reference in
//! the Ghi chú column stays with the word before it, and a heading of two lines is set
//! ragged, its word gaps a plain space. Read back from the PDF's glyphs and the DOCX's XML,
//! on generated plans of a commune whose names break where nothing holds them.

mod common;
mod pdf_common;

use common::*;
use pdf_common::read::{Glyph, Page};

const NBSP: char = '\u{a0}';
const AGENCY: &str = "Ủy ban nhân dân xã Tân Lập";
const RECEIVER: &str = "Ủy ban nhân dân huyện Thanh Sơn, tỉnh Phú Thọ";

/// The generated report case of `seed`, renamed to a commune of Phú Thọ, written to a scratch
/// folder of `test` and reported for its first period; the DOCX and PDF bytes.
fn report(test: &str, seed: u64) -> Option<(Vec<u8>, Vec<u8>)> {
    let mut case = shapes::report_case(seed);
    // Biểu 06 and a receiver ("Đơn vị nhận báo cáo") in the first report.
    let first = case.reports.first()?;
    if first.tthc.is_empty() || !case.files.iter().any(|f| f.1.contains("thị xã Bỉm Sơn")) {
        return None;
    }
    case.plan = case
        .plan
        .lines()
        .map(|l| match l.starts_with("co_quan:") {
            true => format!(
                "co_quan: {{chu_quan: [UBND HUYỆN THANH SƠN], ten: [ỦY BAN NHÂN DÂN, XÃ TÂN LẬP], ten_day_du: {AGENCY}, viet_tat: UBND}}\n"
            ),
            false => format!("{l}\n"),
        })
        .collect();
    for f in &mut case.files {
        f.1 = f.1.replace("Ủy ban nhân dân thị xã Bỉm Sơn", RECEIVER);
    }
    let key = first.key;
    let dir = scratch(&format!("{test}-{seed}"));
    case.write(&dir);
    let (out, o) = report_into(&dir, key, &[]);
    assert!(o.status.success(), "seed {seed}: {}", stderr(&o));
    Some((
        std::fs::read(out.join(format!("bao-cao-{key}.docx"))).unwrap(),
        std::fs::read(out.join(format!("bao-cao-{key}.pdf"))).unwrap(),
    ))
}

/// Seeds of `report_shapes` whose first report has Biểu 06 and a receiver.
fn cases(test: &str) -> Vec<(u64, Vec<u8>, Vec<u8>)> {
    let found: Vec<_> = (0..24)
        .filter_map(|s| report(test, s).map(|(d, p)| (s, d, p)))
        .take(3)
        .collect();
    assert!(!found.is_empty(), "no seed with Biểu 06 and a receiver");
    found
}

fn page_text(p: &Page) -> String {
    p.lines()
        .into_iter()
        .map(|l| l.1)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Two glyphs on one baseline.
fn same_line(a: &Glyph, b: &Glyph) -> bool {
    (a.y - b.y).abs() < 0.5
}

#[test]
fn place_names_and_references_are_not_broken() {
    let (mut references, mut docx_references) = (0, 0);
    for (seed, docx, pdf) in cases("names") {
        let pdf = pdf_common::read::read(&pdf);
        let bieu = pdf
            .pages
            .iter()
            .find(|p| page_text(p).contains("Biểu số 06/VPCP/KSTT"))
            .unwrap_or_else(|| panic!("seed {seed}: no Biểu 06 page"));
        let lines: Vec<String> = bieu.lines().into_iter().map(|l| l.1).collect();
        for name in ["xã Tân Lập", "huyện Thanh Sơn,", "tỉnh Phú Thọ"] {
            let held = name.replace(' ', &NBSP.to_string());
            assert!(
                lines.iter().any(|l| l.contains(&held)),
                "seed {seed}: \"{name}\" is not on one line of Biểu 06's header: {lines:#?}"
            );
        }
        // The header column takes a commune's name on the line of "Đơn vị báo cáo:".
        let whole = format!(
            "Đơn vị báo cáo: {}",
            AGENCY.replace("xã Tân Lập", "xã\u{a0}Tân\u{a0}Lập")
        );
        assert!(
            lines.iter().any(|l| l.ends_with(&whole)),
            "seed {seed}: \"{whole}\" is not one line: {lines:#?}"
        );

        // Each "(n)" of the progress appendix shares its line with the word before it.
        for page in pdf
            .pages
            .iter()
            .filter(|p| page_text(p).contains("Ghi chú"))
        {
            let g = &page.glyphs;
            for i in 1..g.len() {
                let reference = g[i].text == "("
                    && g[i + 1..]
                        .iter()
                        .take_while(|c| c.text.chars().all(|c| c.is_ascii_digit()))
                        .count()
                        > 0;
                if !reference || g[i - 1].text != NBSP.to_string() {
                    continue;
                }
                references += 1;
                assert!(
                    same_line(&g[i - 2], &g[i]),
                    "seed {seed}: a reference left alone at y {}",
                    g[i].y
                );
            }
        }

        // The DOCX carries the same non-breaking spaces.
        let xml = part(&docx, "word/document.xml");
        for name in ["Đơn vị báo cáo: Ủy ban nhân dân xã Tân Lập", "tỉnh Phú Thọ"]
        {
            let held = name
                .replace("xã Tân Lập", "xã\u{a0}Tân\u{a0}Lập")
                .replace("tỉnh Phú Thọ", "tỉnh\u{a0}Phú\u{a0}Thọ");
            assert!(
                xml.contains(&held),
                "seed {seed}: no \"{held}\" in the DOCX"
            );
        }
        docx_references += xml.matches("nhiệm vụ\u{a0}(").count();
    }
    assert!(references > 0, "no \"(n)\" reference in Ghi chú");
    assert_eq!(
        docx_references, references,
        "every reference of the PDF's Ghi chú is held in the DOCX"
    );
}

#[test]
fn headings_are_ragged() {
    let heading = "II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH";
    for (seed, docx, pdf) in cases("headings").into_iter().take(1) {
        let pdf = pdf_common::read::read(&pdf);
        // The heading's first line: its glyphs from "II." to the end of the line.
        let (page, start) = pdf
            .pages
            .iter()
            .find_map(|p| {
                let g = &p.glyphs;
                (0..g.len().saturating_sub(3))
                    .find(|&i| {
                        g[i..i + 4]
                            .iter()
                            .map(|c| c.text.as_str())
                            .collect::<String>()
                            == "II. "
                    })
                    .map(|i| (p, i))
            })
            .unwrap_or_else(|| panic!("seed {seed}: no heading II"));
        let line: Vec<&Glyph> = page.glyphs[start..]
            .iter()
            .take_while(|c| same_line(c, &page.glyphs[start]))
            .collect();
        let shown: String = line.iter().map(|c| c.text.as_str()).collect();
        assert!(
            shown.trim_end().len() < heading.len() && heading.starts_with(shown.trim_end()),
            "seed {seed}: heading II takes two lines, this is its first: {shown:?}"
        );
        let spaces: Vec<(&Glyph, &Glyph)> = line
            .windows(2)
            .filter(|w| w[0].text == " ")
            .map(|w| (w[0], w[1]))
            .collect();
        assert!(spaces.len() >= 5, "{shown:?}");
        for (space, next) in spaces {
            let gap = next.x - space.x;
            assert!(
                (gap - space.width).abs() < 0.05,
                "seed {seed}: a word gap of {gap} pt, a space is {} pt: {shown:?}",
                space.width
            );
        }

        // The DOCX: heading paragraphs are not justified, neither by their style nor
        // directly.
        let styles = part(&docx, "word/styles.xml");
        let xml = part(&docx, "word/document.xml");
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let p = children(&body(&doc), "p")
            .into_iter()
            .find(|p| para_text(p).replace('\n', " ") == heading)
            .unwrap_or_else(|| panic!("seed {seed}: no heading paragraph in the DOCX"));
        let jc = p
            .descendants()
            .find(|n| is(n, "jc"))
            .and_then(|n| attr(&n, "val"))
            .map(str::to_string)
            .or_else(|| {
                let style_id = p
                    .descendants()
                    .find(|n| is(n, "pStyle"))
                    .and_then(|n| attr(&n, "val"))?;
                let sd = roxmltree::Document::parse(&styles).unwrap();
                let st = sd
                    .descendants()
                    .find(|n| is(n, "style") && attr(n, "styleId") == Some(style_id))?;
                st.descendants()
                    .find(|n| is(n, "jc"))
                    .and_then(|n| attr(&n, "val"))
                    .map(str::to_string)
            });
        assert!(
            jc.as_deref().is_none_or(|v| v == "left" || v == "start"),
            "seed {seed}: heading II is aligned {jc:?}"
        );
    }
}
