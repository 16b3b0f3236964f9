//! A bar chart from markup to both outputs, read back as a reader sees it: the DOCX's native
//! chart part (categories, values, the fixed value-label texts, its relationship and content
//! type, the alt text), the PDF's bars (filled rectangles proportional to the values, inside
//! the margins, moved whole to the next page when they do not fit) and labels, and
//! LibreOffice's rendering of the DOCX.

mod common;
mod pdf_common;

use common::*;
use pdf_common::read::{self, Fill, Page};
use std::process::Command;
use vanban::fonts::FontSet;
use vanban::ir::Document;
use vanban::style::{StyleSheet, PT_PER_MM};

const C: &str = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const A: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";
const WP: &str = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PR: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const CT: &str = "http://schemas.openxmlformats.org/package/2006/content-types";

const TITLE: &str = "Tỷ lệ nhiệm vụ hoàn thành (%)";
const LONG: &str = "Văn phòng HĐND & UBND phường";

/// (label, value, text) of the chart in `markup`, in order.
const BARS: [(&str, f32, &str); 5] = [
    ("PAR INDEX", 100.0, "100%"),
    ("SIPAS", 50.0, "50%"),
    ("PAPI", 85.7, "85,7%"),
    ("PCI", 62.5, "62,5%"),
    (LONG, 0.0, "0%"),
];

/// A document with `before` filler lines, the chart, and a closing paragraph.
fn markup(before: usize) -> String {
    let mut s = String::from(r#"<document title="Báo cáo" author="UBND phường"><section>"#);
    s.push_str(r#"<p style="body">Kết quả thực hiện các chỉ số.</p>"#);
    for i in 0..before {
        s.push_str(&format!(r#"<p style="table-cell">Dòng {i}</p>"#));
    }
    s.push_str(&format!(r#"<chart title="{TITLE}" max="100">"#));
    for (label, value, text) in BARS {
        let label = label.replace('&', "&amp;");
        s.push_str(&format!(
            r#"<bar label="{label}" value="{value}" text="{text}"/>"#
        ));
    }
    s.push_str(r#"</chart><p style="body">Sau biểu đồ.</p></section></document>"#);
    s
}

fn document(before: usize) -> Document {
    vanban::markup::parse(&markup(before), &StyleSheet::nd30()).unwrap()
}

fn docx(before: usize) -> Vec<u8> {
    common::write_docx(&document(before), &StyleSheet::nd30(), &FontSet::bundled()).unwrap()
}

fn pdf(before: usize) -> Vec<u8> {
    common::write_pdf(&document(before), &StyleSheet::nd30(), &FontSet::bundled()).unwrap()
}

fn no_space(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn c_children<'a, 'i>(n: roxmltree::Node<'a, 'i>, name: &str) -> Vec<roxmltree::Node<'a, 'i>> {
    n.descendants()
        .filter(|d| d.tag_name().name() == name && d.tag_name().namespace() == Some(C))
        .collect()
}

fn c_val(n: roxmltree::Node, name: &str) -> String {
    c_children(n, name)[0].attribute("val").unwrap().to_string()
}

/// `c:pt` values of a cache, by index.
fn points(cache: roxmltree::Node) -> Vec<String> {
    let mut pts: Vec<(usize, String)> = c_children(cache, "pt")
        .iter()
        .map(|p| {
            let idx = p.attribute("idx").unwrap().parse().unwrap();
            let v = c_children(*p, "v")[0].text().unwrap_or("").to_string();
            (idx, v)
        })
        .collect();
    pts.sort();
    pts.into_iter().map(|(_, v)| v).collect()
}

#[test]
fn docx_has_a_native_chart_with_the_numbers_and_fixed_labels() {
    let bytes = docx(0);
    assert!(part_names(&bytes).contains(&"word/charts/chart1.xml".to_string()));
    let xml = part(&bytes, "word/charts/chart1.xml");
    let chart = roxmltree::Document::parse(&xml).unwrap();
    let root = chart.root_element();
    assert_eq!(c_val(root, "barDir"), "bar");

    let cat = c_children(root, "cat")[0];
    let labels: Vec<&str> = BARS.iter().map(|b| b.0).collect();
    assert_eq!(points(c_children(cat, "strCache")[0]), labels);
    let val = c_children(root, "val")[0];
    let values: Vec<f32> = points(c_children(val, "numCache")[0])
        .iter()
        .map(|v| v.parse().unwrap())
        .collect();
    assert_eq!(values, BARS.iter().map(|b| b.1).collect::<Vec<_>>());

    // Each bar's label is fixed rich text, shown at the bar's end.
    let mut shown: Vec<(usize, String)> = c_children(root, "dLbl")
        .iter()
        .map(|d| {
            let idx = c_val(*d, "idx").parse().unwrap();
            let text: String = d
                .descendants()
                .filter(|t| t.tag_name().name() == "t" && t.tag_name().namespace() == Some(A))
                .filter_map(|t| t.text())
                .collect();
            assert_eq!(c_val(*d, "dLblPos"), "outEnd");
            (idx, text)
        })
        .collect();
    shown.sort();
    let texts: Vec<&str> = BARS.iter().map(|b| b.2).collect();
    assert_eq!(shown.into_iter().map(|(_, t)| t).collect::<Vec<_>>(), texts);
    let dlbls = c_children(root, "dLbls")[0];
    assert_eq!(c_val(dlbls, "showVal"), "1");

    // The scale is 0..=max, categories top to bottom, the title is the chart's.
    let val_ax = c_children(root, "valAx")[0];
    assert_eq!(c_val(val_ax, "max"), "100");
    assert_eq!(c_val(val_ax, "min"), "0");
    assert_eq!(c_val(c_children(root, "catAx")[0], "orientation"), "maxMin");
    let title: String = c_children(root, "title")[0]
        .descendants()
        .filter(|t| t.tag_name().name() == "t")
        .filter_map(|t| t.text())
        .collect();
    assert_eq!(title, TITLE);
}

#[test]
fn docx_places_the_chart_inline_with_relationship_type_and_alt_text() {
    let bytes = docx(0);
    let doc_xml = part(&bytes, "word/document.xml");
    let doc = roxmltree::Document::parse(&doc_xml).unwrap();
    let body = body(&doc);
    let paras = children(&body, "p");
    // Opening paragraph, the chart's paragraph, closing paragraph.
    assert_eq!(para_text(&paras[0]), "Kết quả thực hiện các chỉ số.");
    assert_eq!(para_text(&paras[2]), "Sau biểu đồ.");
    let chart_ref = paras[1]
        .descendants()
        .find(|n| n.tag_name().name() == "chart" && n.tag_name().namespace() == Some(C))
        .expect("an inline chart in the second paragraph");
    assert!(chart_ref
        .ancestors()
        .any(|a| a.tag_name().name() == "inline" && a.tag_name().namespace() == Some(WP)));
    assert!(!doc_xml.contains("_vanban_chart_"), "marker left behind");
    let rid = chart_ref.attribute((R, "id")).unwrap();

    // The drawing is the size the style sheet gives (160 mm wide).
    let extent = paras[1]
        .descendants()
        .find(|n| n.tag_name().name() == "extent")
        .unwrap();
    assert_eq!(extent.attribute("cx"), Some("5760000"));
    let cs = StyleSheet::nd30().chart;
    let height = cs.title_height_mm + 5.0 * cs.row_height_mm + cs.axis_height_mm;
    assert_eq!(
        extent.attribute("cy").unwrap().parse::<i64>().unwrap(),
        (height * 36_000.0).round() as i64
    );

    let descr = paras[1]
        .descendants()
        .find(|n| n.tag_name().name() == "docPr")
        .and_then(|n| n.attribute("descr"))
        .unwrap();
    for (label, _, text) in BARS {
        assert!(descr.contains(&format!("{label}: {text}")), "{descr}");
    }

    let rels_xml = part(&bytes, "word/_rels/document.xml.rels");
    let rels = roxmltree::Document::parse(&rels_xml).unwrap();
    let rel = rels
        .descendants()
        .find(|n| n.tag_name() == (PR, "Relationship").into() && n.attribute("Id") == Some(rid))
        .expect("the chart's relationship");
    assert_eq!(rel.attribute("Target"), Some("charts/chart1.xml"));
    assert!(rel
        .attribute("Type")
        .unwrap()
        .ends_with("/relationships/chart"));

    let ct_xml = part(&bytes, "[Content_Types].xml");
    let ct = roxmltree::Document::parse(&ct_xml).unwrap();
    assert!(ct
        .descendants()
        .any(|n| n.tag_name() == (CT, "Override").into()
            && n.attribute("PartName") == Some("/word/charts/chart1.xml")
            && n.attribute("ContentType")
                == Some("application/vnd.openxmlformats-officedocument.drawingml.chart+xml")));
}

#[test]
fn same_input_gives_same_bytes() {
    assert_eq!(docx(0), docx(0));
    assert_eq!(pdf(0), pdf(0));
}

#[test]
fn a_chart_the_writers_cannot_draw_is_a_vietnamese_error() {
    let (sheet, fonts) = (StyleSheet::nd30(), FontSet::bundled());
    let mut doc = document(0);
    let Some(vanban::ir::Block::Chart(c)) = doc.sections[0].blocks.get_mut(1) else {
        panic!("the chart is the second block")
    };
    c.max = f32::NAN;
    let e = common::write_pdf(&doc, &sheet, &fonts).unwrap_err();
    assert!(e.contains("biểu đồ"), "{e}");
    let e = common::write_docx(&doc, &sheet, &fonts).unwrap_err();
    assert!(e.contains("biểu đồ"), "{e}");
    let mut bad_sheet = sheet.clone();
    bad_sheet.chart.grid_line_pt = f32::INFINITY;
    let e = common::write_pdf(&document(0), &bad_sheet, &fonts).unwrap_err();
    assert!(e.contains("biểu đồ"), "{e}");
}

fn bars(page: &Page) -> Vec<Fill> {
    let mut f: Vec<Fill> = page.fills.clone();
    // Top to bottom.
    f.sort_by(|a, b| b.y.total_cmp(&a.y));
    f
}

#[test]
fn pdf_bars_are_proportional_ordered_and_inside_the_margins() {
    let pdf = read::read(&pdf(0));
    assert_eq!(pdf.pages.len(), 1);
    let page = &pdf.pages[0];
    let bars = bars(page);
    // The zero bar has no rectangle.
    assert_eq!(bars.len(), 4);
    let full = bars[0].width;
    for (bar, (label, value, _)) in bars.iter().zip(BARS) {
        assert!(
            (bar.width - full * value / 100.0).abs() < 0.5,
            "{label}: {} vs {}",
            bar.width,
            full * value / 100.0
        );
        assert!((bar.x - bars[0].x).abs() < 0.01, "bars start on the axis");
        assert!(bar.color[2] > bar.color[0], "one dark blue");
    }
    assert!((bars[1].width * 2.0 - bars[0].width).abs() < 0.5);
    // Plot: 30 mm margin + (165 - 160) / 2 centring + 50 mm label column; 90 mm long.
    assert!((bars[0].x - 82.5 * PT_PER_MM).abs() < 0.5, "{}", bars[0].x);
    assert!((full - 90.0 * PT_PER_MM).abs() < 0.5, "{full}");
    let (left, right) = (30.0 * PT_PER_MM, page.width() - 15.0 * PT_PER_MM);
    let (bottom, top) = (20.0 * PT_PER_MM, page.height() - 20.0 * PT_PER_MM);
    for b in &bars {
        assert!(b.x >= left && b.x + b.width <= right);
        assert!(b.y >= bottom && b.y + b.height <= top);
    }

    // Every label is on the page: title, categories (the long one wrapped), value labels
    // right of their bars, the scale.
    let lines = page.lines();
    assert!(lines.iter().any(|(_, l)| l == TITLE), "{lines:?}");
    // The label column: glyphs left of the axis, from the plot's top to its bottom.
    let cs = StyleSheet::nd30().chart;
    let plot_top =
        bars[0].y + bars[0].height + (cs.row_height_mm - cs.bar_height_mm) / 2.0 * PT_PER_MM;
    let plot_bottom = plot_top - 5.0 * cs.row_height_mm * PT_PER_MM;
    let column = Page {
        glyphs: page
            .glyphs
            .iter()
            .filter(|g| g.x < bars[0].x && g.y < plot_top && g.y > plot_bottom)
            .cloned()
            .collect(),
        ..page.clone()
    };
    let column: Vec<String> = column.lines().into_iter().map(|(_, l)| l).collect();
    assert_eq!(
        column,
        [
            "PAR INDEX",
            "SIPAS",
            "PAPI",
            "PCI",
            "Văn phòng HĐND &",
            "UBND phường"
        ],
        "labels against the axis, the long one wrapped in its column"
    );
    for (i, (_, _, text)) in BARS.iter().enumerate().take(4) {
        let bar = bars[i];
        let centre = bar.y + bar.height / 2.0;
        let glyph = page
            .glyphs
            .iter()
            .find(|g| (g.y - centre).abs() < bar.height && g.x > bar.x + bar.width - 0.01)
            .unwrap_or_else(|| panic!("no value label right of bar {i}"));
        let line = lines
            .iter()
            .find(|(y, _)| (*y - glyph.y).abs() < 0.5)
            .unwrap();
        assert!(line.1.ends_with(text), "{:?} ends with {text}", line.1);
    }
    for tick in ["0", "20", "40", "60", "80", "100"] {
        assert!(
            lines.iter().any(|(_, l)| l.split(' ').any(|w| w == tick)),
            "scale number {tick}"
        );
    }
    // Category labels end left of the axis.
    let sipas_y = bars[1].y + bars[1].height / 2.0;
    let sipas: Vec<_> = page
        .glyphs
        .iter()
        .filter(|g| (g.y - sipas_y).abs() < bars[1].height && g.x < bars[1].x)
        .collect();
    let text: String = sipas.iter().map(|g| g.text.as_str()).collect();
    assert_eq!(text, "SIPAS");
    assert!(sipas.iter().all(|g| g.x + g.width <= bars[1].x));
}

#[test]
fn pdf_chart_moves_whole_to_the_next_page() {
    // 42 filler lines leave less room than the chart needs on page 1.
    let pdf = read::read(&pdf(42));
    assert_eq!(pdf.pages.len(), 2);
    assert!(pdf.pages[0].fills.is_empty());
    assert!(pdf.pages[0].lines().iter().all(|(_, l)| l != TITLE));
    assert_eq!(pdf.pages[1].fills.len(), 4);
    let lines = pdf.pages[1].lines();
    let body: Vec<&str> = lines
        .iter()
        .map(|(_, l)| l.as_str())
        .filter(|l| *l != "2")
        .collect();
    assert_eq!(body.first(), Some(&TITLE), "{body:?}");
    assert_eq!(body.last(), Some(&"Sau biểu đồ."));
}

#[test]
fn libreoffice_shows_every_label_of_the_docx_chart() {
    if !common::libreoffice::available() {
        return;
    }
    let dir = scratch("chart-libreoffice");
    let file = dir.join("bieu-do.docx");
    std::fs::write(&file, docx(0)).unwrap();
    let moved = dir.join("sang-trang.docx");
    std::fs::write(&moved, docx(42)).unwrap();
    common::libreoffice::to_pdf(&dir, &dir, &[file, moved]);
    let text = Command::new("pdftotext")
        .args(["-raw", dir.join("bieu-do.pdf").to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext");
    let text = String::from_utf8_lossy(&text.stdout);
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    // Value labels are whole lines of their own, exactly as the PDF prints them.
    for (_, _, label_text) in BARS {
        assert!(lines.contains(&label_text), "{label_text} in {lines:?}");
    }
    let flat = no_space(&text);
    for s in BARS.iter().map(|b| b.0).chain([TITLE]) {
        assert!(flat.contains(&no_space(s)), "{s} in {text}");
    }
    // The number 85.7 must not show through in the reader's locale.
    assert!(!text.contains("85.7"), "{text}");

    // Where our PDF moves the chart to page 2, LibreOffice does too.
    let page = |n: &str| {
        let out = Command::new("pdftotext")
            .args(["-raw", "-f", n, "-l", n])
            .arg(dir.join("sang-trang.pdf"))
            .arg("-")
            .output()
            .expect("pdftotext");
        no_space(&String::from_utf8_lossy(&out.stdout))
    };
    assert!(!page("1").contains(&no_space(TITLE)));
    assert!(page("2").contains(&no_space(TITLE)));
    assert!(page("2").contains("Saubiểuđồ."));
}
