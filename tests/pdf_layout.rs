//! The sample plan rendered to PDF and read back: what a reader sees on each page.

mod pdf_common;

use std::sync::OnceLock;

use pdf_common::read::{read, Glyph, Page, Pdf};
use pdf_common::sample::{self, sample_document};
use vanban::fonts::FontSet;
use vanban::ir::{Block, Document, Orientation};
use vanban::style::{StyleSheet, PT_PER_MM, SINGLE_LINE_EM};

const TOL: f32 = 0.01;
/// Where a measurement ends on a glyph's width: table columns are whole twips, as the DOCX
/// holds them, so a cell's text may sit a few hundredths of a point off its exact centre.
const GLYPH_TOL: f32 = 0.05;

fn render(doc: &Document) -> Vec<u8> {
    let faces = &mut vanban_render::FaceCache::default();
    let sheet = StyleSheet::nd30();
    let formats = vanban_render::Formats::PDF;
    let out = vanban_render::render(doc, &sheet, &FontSet::bundled(), formats, faces);
    out.expect("renders").pdf.expect("PDF asked")
}

fn sample_bytes() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| render(&sample_document()))
}

fn sample_pdf() -> Pdf {
    read(sample_bytes())
}

fn is_landscape(p: &Page) -> bool {
    p.width() > p.height()
}

fn margins_pt(p: &Page) -> (f32, f32, f32, f32) {
    let s = StyleSheet::nd30();
    let o = if is_landscape(p) {
        Orientation::Landscape
    } else {
        Orientation::Portrait
    };
    let m = s.margins(o);
    (
        m.top * PT_PER_MM,
        m.bottom * PT_PER_MM,
        m.left * PT_PER_MM,
        m.right * PT_PER_MM,
    )
}

/// Glyphs of the page body (below the top margin); the rest is the page number.
fn split_number(p: &Page) -> (Vec<&Glyph>, Vec<&Glyph>) {
    let (top, ..) = margins_pt(p);
    p.glyphs.iter().partition(|g| g.y <= p.height() - top + TOL)
}

fn page_number(p: &Page) -> Option<String> {
    let (_, num) = split_number(p);
    if num.is_empty() {
        None
    } else {
        Some(num.iter().map(|g| g.text.as_str()).collect())
    }
}

fn no_space(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn ir_text(blocks: &[Block]) -> String {
    let mut out = String::new();
    for b in blocks {
        match b {
            Block::Paragraph(p) => out.push_str(&p.text()),
            Block::Table(t) => {
                for r in &t.rows {
                    for c in &r.cells {
                        for p in &c.paragraphs {
                            out.push_str(&p.text());
                        }
                    }
                }
            }
            // In the order the chart draws them (scale numbers are not in the IR).
            Block::Chart(c) => {
                out.push_str(&c.title);
                for b in &c.bars {
                    out.push_str(&b.label);
                    out.push_str(&b.text);
                }
            }
        }
    }
    out
}

#[test]
fn pages_are_a4_and_the_appendix_is_turned() {
    let pdf = sample_pdf();
    let portrait: Vec<&Page> = pdf.pages.iter().filter(|p| !is_landscape(p)).collect();
    let landscape: Vec<&Page> = pdf.pages.iter().filter(|p| is_landscape(p)).collect();
    assert!(portrait.len() >= 3, "44 body paragraphs take several pages");
    assert!(landscape.len() >= 2, "the 60-row table spans pages");
    for p in &portrait {
        assert!((p.width() - 595.28).abs() < 0.01 && (p.height() - 841.89).abs() < 0.01);
    }
    for p in &landscape {
        assert!((p.width() - 841.89).abs() < 0.01 && (p.height() - 595.28).abs() < 0.01);
    }
    // Sections stay in order: every portrait page comes before every landscape page.
    let first_land = pdf.pages.iter().position(is_landscape).unwrap();
    assert!(pdf.pages[first_land..].iter().all(is_landscape));
    let lines = pdf.pages[first_land].lines();
    assert_eq!(lines[0].1, "Phụ lục", "the appendix starts its own page");
}

#[test]
fn every_glyph_lies_inside_the_margins() {
    let pdf = sample_pdf();
    let ascent = SINGLE_LINE_EM * 1825.0 / 2268.0;
    let descent = SINGLE_LINE_EM - ascent;
    let mut checked = 0;
    for (i, p) in pdf.pages.iter().enumerate() {
        let (top, bottom, left, right) = margins_pt(p);
        let (body, _) = split_number(p);
        for g in body {
            let ok = g.x >= left - TOL
                && g.x + g.width <= p.width() - right + GLYPH_TOL
                && g.y + g.size * ascent <= p.height() - top + TOL
                && g.y - g.size * descent >= bottom - TOL;
            assert!(ok, "page {}: {g:?} outside the text area", i + 1);
            checked += 1;
        }
    }
    assert!(checked > 10_000, "only {checked} glyphs");
}

#[test]
fn page_numbers_from_page_two_restarting_in_the_appendix() {
    let pdf = sample_pdf();
    let s = StyleSheet::nd30();
    let first_land = pdf.pages.iter().position(is_landscape).unwrap();
    let numbers: Vec<Option<String>> = pdf.pages.iter().map(page_number).collect();
    let mut expected = vec![None];
    expected.extend((2..=first_land).map(|n| Some(n.to_string())));
    expected.push(None);
    expected.extend((2..=pdf.pages.len() - first_land).map(|n| Some(n.to_string())));
    assert_eq!(numbers, expected);
    for p in &pdf.pages {
        let (_, num) = split_number(p);
        let Some(first) = num.first() else { continue };
        let last = num.last().unwrap();
        let (_, _, left, right) = margins_pt(p);
        let centre = (first.x + last.x + last.width) / 2.0;
        assert!((centre - (left + (p.width() - left - right) / 2.0)).abs() < TOL);
        // The number's line starts at the header distance, as a DOCX header paragraph does.
        let ascent = 13.0 * SINGLE_LINE_EM * 1825.0 / 2268.0;
        let baseline_from_top = p.height() - first.y;
        assert!((baseline_from_top - s.page.header_distance_mm * PT_PER_MM - ascent).abs() < TOL);
        assert!(num
            .iter()
            .all(|g| g.size == 13.0 && g.font.ends_with("LiberationSerif")));
    }
}

#[test]
fn fonts_are_embedded_subsets_with_unicode_maps() {
    let pdf = sample_pdf();
    assert_eq!(pdf.fonts.len(), 3, "regular, bold and italic are used");
    for (name, f) in &pdf.fonts {
        let (tag, rest) = name.split_once('+').expect("subset tag");
        assert!(
            tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()),
            "{name}"
        );
        assert!(rest.starts_with("LiberationSerif"), "{name}");
        assert!(f.has_font_file2, "{name} is embedded as TrueType");
        assert!(f.has_to_unicode, "{name} maps to Unicode");
    }
    assert!(sample_bytes().len() < 150_000, "subsets, not whole fonts");
}

#[test]
fn extracted_text_is_the_ir_text() {
    let doc = sample_document();
    let pdf = sample_pdf();
    let first_land = pdf.pages.iter().position(is_landscape).unwrap();
    let mut text = String::new();
    for p in &pdf.pages[..first_land] {
        let (body, _) = split_number(p);
        for g in body {
            text.push_str(&g.text);
        }
    }
    assert!(!text.contains('\u{FFFD}'));
    // NFC as typed: no combining marks anywhere.
    assert!(!text.chars().any(|c| ('\u{0300}'..='\u{036F}').contains(&c)));
    assert_eq!(no_space(&text), no_space(&ir_text(&doc.sections[0].blocks)));
    // Spaces inside lines come through too.
    let lines = pdf.pages[0].lines();
    assert!(lines
        .iter()
        .any(|(_, l)| l == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
            || l.ends_with("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")));
    assert!(lines
        .iter()
        .any(|(_, l)| l == "Độc lập - Tự do - Hạnh phúc"));
    assert!(lines.iter().any(|(_, l)| l == "Số:      /KH-UBND"));
}

/// Table rows on each landscape page, in order, by their first words.
fn task_rows(p: &Page) -> Vec<usize> {
    p.lines()
        .iter()
        .filter_map(|(_, l)| {
            let rest = l.split_once("Nhiệm vụ ")?.1;
            rest.split(':').next()?.parse().ok()
        })
        .collect()
}

#[test]
fn table_rows_appear_once_in_order_with_repeated_header() {
    let pdf = sample_pdf();
    let land: Vec<&Page> = pdf.pages.iter().filter(|p| is_landscape(p)).collect();
    let all: Vec<usize> = land.iter().flat_map(|p| task_rows(p)).collect();
    assert_eq!(all, (1..=sample::TABLE_ROWS).collect::<Vec<_>>());
    for (i, p) in land.iter().enumerate() {
        let lines = p.lines();
        let texts: Vec<&str> = lines.iter().map(|(_, l)| l.as_str()).collect();
        let find = |s: &str| lines.iter().find(|(_, l)| l.contains(s)).map(|(y, _)| *y);
        let header_y = find("Phân công nhiệm vụ").unwrap_or_else(|| panic!("page {i}: {texts:?}"));
        assert!(
            texts
                .iter()
                .any(|l| l.contains("Bộ phận chủ trì Bộ phận phối hợp")),
            "second header row on landscape page {i}"
        );
        assert!(texts.iter().any(|l| l.starts_with("TT Lĩnh vực, tiêu chí")));
        let first_row = task_rows(p)[0];
        let row_y = find(&format!("Nhiệm vụ {first_row}:")).unwrap();
        assert!(header_y > row_y, "the header sits above the rows");
        // A group row never ends a page: it keeps with its first task.
        let last = texts.last().unwrap();
        assert!(
            !last.contains("Nhóm nhiệm vụ"),
            "page {i} ends on a group row"
        );
    }
}

#[test]
fn ruled_table_fills_the_landscape_text_width() {
    let pdf = sample_pdf();
    let mut n = 0;
    for p in pdf.pages.iter().filter(|p| is_landscape(p)) {
        let (_, _, left, right) = margins_pt(p);
        let borders = p.strokes.iter().filter(|s| s.width == 0.5);
        let xs = borders.flat_map(|s| [s.x1, s.x2]);
        let min = xs.clone().fold(f32::MAX, f32::min);
        let max = xs.fold(f32::MIN, f32::max);
        // Column widths are whole twips, as the DOCX holds them: each may be 0.025 pt off.
        let cols_tol = 0.025 * 5.0;
        assert!((min - left).abs() < TOL && (max - (p.width() - right)).abs() < cols_tol);
        n += p.strokes.iter().filter(|s| s.width == 0.5).count();
    }
    assert!(n > 500, "{n} border strokes");
}

#[test]
fn rule_under_tieu_ngu_is_as_long_as_its_text() {
    let pdf = sample_pdf();
    let p = &pdf.pages[0];
    let line: Vec<&Glyph> = {
        let lines = p.lines();
        let y = lines
            .iter()
            .find(|(_, l)| l == "Độc lập - Tự do - Hạnh phúc")
            .unwrap()
            .0;
        let mut g: Vec<&Glyph> = p.glyphs.iter().filter(|g| (g.y - y).abs() < 0.01).collect();
        g.sort_by(|a, b| a.x.total_cmp(&b.x));
        g
    };
    let x0 = line[0].x;
    let x1 = line.last().map(|g| g.x + g.width).unwrap();
    let y = line[0].y;
    let rule = p
        .strokes
        .iter()
        .find(|s| s.y1 < y && s.y1 > y - 12.0 && (s.y1 - s.y2).abs() < 1e-3)
        .expect("a rule under the Tiêu ngữ");
    assert!(
        ((rule.x2 - rule.x1).abs() - (x1 - x0)).abs() < 0.5,
        "{rule:?} vs {x0}..{x1}"
    );
    assert!(
        ((rule.x1 + rule.x2) / 2.0 - (x0 + x1) / 2.0).abs() < 0.5,
        "centred"
    );
    assert!((0.5..=0.75).contains(&rule.width));
    // Below the descenders of the line, but close to it.
    let descent = 13.0 * SINGLE_LINE_EM * 443.0 / 2268.0;
    assert!(rule.y1 < y - descent && rule.y1 > y - descent - 5.0);
}

#[test]
fn header_layout_table_centres_text_in_its_columns() {
    let pdf = sample_pdf();
    let p = &pdf.pages[0];
    let s = StyleSheet::nd30();
    let table_left = s.page.margins.left * PT_PER_MM - 3.5 * PT_PER_MM;
    let centre_right = table_left + (67.5 + 50.0) * PT_PER_MM;
    let centre_left = table_left + 67.5 / 2.0 * PT_PER_MM;
    let line_centre = |text: &str, left_col: bool| {
        let mut gs: Vec<&Glyph> = p
            .glyphs
            .iter()
            .filter(|g| (g.x < centre_left + 90.0) == left_col)
            .collect();
        gs.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
        let ys: Vec<f32> = gs.iter().map(|g| g.y).collect();
        for y in ys {
            let line: Vec<&&Glyph> = gs.iter().filter(|g| (g.y - y).abs() < 0.01).collect();
            let t: String = line.iter().map(|g| g.text.as_str()).collect();
            if t == text {
                let a = line[0].x;
                let b = line.last().map(|g| g.x + g.width).unwrap();
                return (a + b) / 2.0;
            }
        }
        panic!("{text} not found");
    };
    assert!(
        (line_centre("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", false) - centre_right).abs() < GLYPH_TOL
    );
    assert!((line_centre("Độc lập - Tự do - Hạnh phúc", false) - centre_right).abs() < GLYPH_TOL);
    assert!((line_centre("Số:      /KH-UBND", true) - centre_left).abs() < GLYPH_TOL);
    // Ruling the same table moves no glyph sideways; each ruled row only grows by the
    // border width (as LibreOffice lays it out), so glyphs near the top of the page move down
    // by at most two border widths (the header table has two rows).
    let mut ruled = sample_document();
    if let Block::Table(t) = &mut ruled.sections[0].blocks[0] {
        t.borders = true;
    }
    let ruled = read(&render(&ruled));
    let n = p.glyphs.len().min(ruled.pages[0].glyphs.len());
    let header_glyphs = p.glyphs.iter().filter(|g| g.y > p.height() - 200.0).count();
    assert!(header_glyphs > 40);
    for (a, b) in p
        .glyphs
        .iter()
        .zip(&ruled.pages[0].glyphs)
        .take(n.min(header_glyphs))
    {
        assert_eq!(a.text, b.text);
        assert!((a.x - b.x).abs() < 1e-3, "{} moved sideways", a.text);
        let border = vanban::style::StyleSheet::nd30().table.border_pt;
        assert!(
            a.y - b.y >= -1e-3 && a.y - b.y <= 2.0 * border + 1e-3,
            "{} moved {}",
            a.text,
            a.y - b.y
        );
    }
    assert!(ruled.pages[0].strokes.len() > p.strokes.len());
}

#[test]
fn justified_lines_end_at_the_right_margin() {
    let pdf = sample_pdf();
    let mut justified = 0;
    let mut ragged = 0;
    let mut forced = 0;
    for p in pdf.pages.iter().filter(|p| !is_landscape(p)) {
        let (_, _, left, right) = margins_pt(p);
        let (body, _) = split_number(p);
        let mut body: Vec<&Glyph> = body.into_iter().filter(|g| g.size == 14.0).collect();
        body.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
        let mut lines: Vec<Vec<&Glyph>> = Vec::new();
        for g in body {
            match lines.last_mut() {
                Some(l) if (l[0].y - g.y).abs() < 0.01 => l.push(g),
                _ => lines.push(vec![g]),
            }
        }
        for pair in lines.windows(2) {
            let (cur, next) = (&pair[0], &pair[1]);
            let end = cur.last().map(|g| g.x + g.width).unwrap();
            let text: String = cur.iter().map(|g| g.text.as_str()).collect();
            if text.ends_with("minh bạch.") {
                // Ends in a manual line break: ragged, as Word and LibreOffice set the DOCX.
                assert!(end < p.width() - right - 10.0, "{text}");
                forced += 1;
            } else if (next[0].x - left).abs() < TOL {
                // The next line continues the paragraph: this one is justified.
                assert!(
                    (end - (p.width() - right)).abs() < 0.05,
                    "line ends at {end}, margin at {}",
                    p.width() - right
                );
                justified += 1;
            } else if end < p.width() - right - 1.0 {
                ragged += 1;
            }
        }
    }
    assert!(
        justified > 100 && ragged > 20,
        "{justified} justified, {ragged} ragged"
    );
    assert_eq!(forced, 1);
}

#[test]
fn no_orphan_or_widow_lines_and_headings_keep_with_text() {
    let pdf = sample_pdf();
    let s = StyleSheet::nd30();
    let indent = s.get("body").unwrap().first_line_indent_mm * PT_PER_MM;
    let portrait: Vec<&Page> = pdf.pages.iter().filter(|p| !is_landscape(p)).collect();
    let mut breaks_inside_paragraphs = 0;
    for pair in portrait.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let (_, _, left, _) = margins_pt(a);
        let starts = |p: &Page| -> Vec<(f32, bool, f32)> {
            // (x of the line's first glyph, bold, size), top to bottom
            let (body, _) = split_number(p);
            let mut gs = body;
            gs.sort_by(|x, y| y.y.total_cmp(&x.y).then(x.x.total_cmp(&y.x)));
            let mut out: Vec<(f32, bool, f32)> = Vec::new();
            let mut last_y = f32::MAX;
            for g in gs {
                if (g.y - last_y).abs() > 0.01 {
                    out.push((g.x, g.font.contains("Bold"), g.size));
                    last_y = g.y;
                }
            }
            out
        };
        let la = starts(a);
        let lb = starts(b);
        let continues = (lb[0].0 - left).abs() < TOL; // b starts mid-paragraph
        if continues {
            breaks_inside_paragraphs += 1;
            let n = la.len();
            assert!(
                (la[n - 1].0 - left).abs() < TOL && (la[n - 2].0 - left).abs() < TOL
                    || (la[n - 2].0 - left - indent).abs() < TOL,
                "orphan: a paragraph's first line alone at a page foot"
            );
            // Not a single line of the paragraph on the next page.
            assert!((lb[1].0 - left).abs() < TOL, "widow at the top of a page");
        }
        // A bold heading never ends a page.
        assert!(!la.last().unwrap().1, "a heading ends a page");
    }
    assert!(breaks_inside_paragraphs >= 2);
}

#[test]
fn identical_bytes_for_identical_input() {
    let a = render(&sample_document());
    let b = render(&sample_document());
    assert!(a == b, "two builds differ");
    let mut other = sample_document();
    other.meta.title.push_str(" (sửa đổi)");
    let c = render(&other);
    assert!(a != c);
    let info = read(&a);
    let title = info.doc.trailer.get(b"ID").unwrap();
    assert!(format!("{title:?}").len() > 10);
}

#[test]
fn metadata_title_author_language() {
    let pdf = sample_pdf();
    let doc = &pdf.doc;
    let cat = doc.catalog().unwrap();
    assert_eq!(cat.get(b"Lang").unwrap().as_str().unwrap(), b"vi");
    let info_id = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let info = doc.get_dictionary(info_id).unwrap();
    let decode = |k: &[u8]| {
        let b = info.get(k).unwrap().as_str().unwrap();
        assert_eq!(&b[..2], &[0xFE, 0xFF], "UTF-16BE with BOM");
        let u: Vec<u16> = b[2..]
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16(&u).unwrap()
    };
    assert_eq!(decode(b"Title"), "Kế hoạch cải cách hành chính năm 2024");
    assert_eq!(decode(b"Author"), "Ủy ban nhân dân phường Phú Sơn");
    assert!(info.get(b"CreationDate").is_err(), "no clock time");
}
