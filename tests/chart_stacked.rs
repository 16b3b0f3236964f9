//! The report's charts as a reader sees them: each index's and unit's bar split into its
//! statuses, 100 %-stacked, with a legend. On the seed reports (quý I and the year) and on
//! generated report cases, read back from both outputs and checked against the figure
//! table printed before each chart:
//! - DOCX: the chart part's series (names, one value per table row), percent-stacked;
//!   per row the series add up to "Số nhiệm vụ", the two done series to "Đã hoàn thành",
//!   "Quá hạn" to the column of that name.
//! - PDF: the bars' segments, matched to series by the legend's key colours as a reader
//!   matches them, are as long as those counts' shares of the row's total; a count printed
//!   in a segment is that segment's count; no label glyph touches a grid line or an axis.

mod common;
mod pdf_common;

use common::shapes;
use common::*;
use pdf_common::read::{self, Fill, Glyph, Page, Stroke};
use std::path::Path;
use vanban::style::{StyleSheet, PT_PER_MM};

const DONE_ON_TIME: &str = "Hoàn thành đúng hạn";
const DONE_LATE: &str = "Hoàn thành trễ hạn";
const OVERDUE: &str = "Quá hạn";

fn build(plan_dir: &Path, ky: &str) -> (Vec<u8>, Vec<u8>) {
    let tpl = vanban::template::Templates::load(None).unwrap();
    let p = vanban::kinds::report::period::Period::parse(ky).unwrap();
    let b = vanban::pipeline::build(
        &vanban::kinds::report::document::Report(p),
        &plan_dir.join("plan.yaml"),
        &tpl,
    )
    .unwrap_or_else(|e| panic!("{ky}: {e}"));
    let fonts = vanban::fonts::FontSet::bundled();
    (
        common::write_docx(&b.document, &b.style, &fonts).unwrap(),
        common::write_pdf(&b.document, &b.style, &fonts).unwrap(),
    )
}

/// A figure table's body rows: (name, total, done, overdue) as printed.
type Row = (String, usize, usize, usize);

fn figure_tables(docx: &[u8]) -> Vec<Vec<Row>> {
    let xml = part(docx, "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let n = |s: &str| -> usize { s.trim().parse().unwrap_or_else(|_| panic!("number {s:?}")) };
    tables(&doc)
        .iter()
        .map(table_texts)
        .filter(|t| t[0].get(2).is_some_and(|c| c == "Số nhiệm vụ"))
        .map(|t| {
            assert_eq!(t[0][3..5], ["Đã hoàn thành", "Quá hạn"]);
            t[1..]
                .iter()
                .map(|r| (r[1].clone(), n(&r[2]), n(&r[3]), n(&r[4])))
                .collect()
        })
        .collect()
}

/// One chart part: (series name, values per category), the categories, its grouping.
struct DocxChart {
    series: Vec<(String, Vec<usize>)>,
    /// Per series and category, the value label shown (None where it is deleted).
    labels: Vec<Vec<Option<String>>>,
    categories: Vec<String>,
    grouping: String,
    overlap: Option<String>,
}

fn docx_chart(docx: &[u8], n: usize) -> DocxChart {
    let xml = part(docx, &format!("word/charts/chart{n}.xml"));
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let val_of = |tag: &str| {
        doc.descendants()
            .find(|e| e.has_tag_name(tag))
            .and_then(|e| e.attribute("val"))
            .map(String::from)
    };
    let texts = common::chart_series_values;
    let sers: Vec<roxmltree::Node> = doc
        .descendants()
        .filter(|e| e.has_tag_name("ser"))
        .collect();
    let categories = texts(sers[0], "cat");
    let labels = sers
        .iter()
        .map(|s| {
            let mut shown = vec![None; categories.len()];
            let dlbls = s.children().find(|e| e.has_tag_name("dLbls")).unwrap();
            for d in dlbls.children().filter(|e| e.has_tag_name("dLbl")) {
                let child_val = |tag: &str| {
                    d.children()
                        .find(|e| e.has_tag_name(tag))
                        .and_then(|e| e.attribute("val"))
                };
                let i: usize = child_val("idx").unwrap().parse().unwrap();
                if child_val("delete") == Some("1") {
                    continue;
                }
                // Centred in its segment, so it sits on the bar, clear of grid and axes.
                assert_eq!(child_val("dLblPos"), Some("ctr"), "chart {n}: label place");
                let text: String = d
                    .descendants()
                    .filter(|t| t.has_tag_name("t"))
                    .filter_map(|t| t.text())
                    .collect();
                shown[i] = Some(text);
            }
            shown
        })
        .collect();
    let series = sers
        .iter()
        .map(|s| {
            assert_eq!(texts(*s, "cat"), categories, "chart {n}: same categories");
            let values = texts(*s, "val")
                .iter()
                .map(|v| v.parse().unwrap_or_else(|_| panic!("count {v}")))
                .collect();
            (texts(*s, "tx").concat(), values)
        })
        .collect();
    DocxChart {
        series,
        labels,
        categories,
        grouping: val_of("grouping").unwrap_or_default(),
        overlap: val_of("overlap"),
    }
}

/// The DOCX chart against its table: one bar per row, the statuses in the legend's order,
/// adding up to the table's columns.
fn check_docx(key: &str, n: usize, table: &[Row], c: &DocxChart) {
    assert_eq!(c.grouping, "percentStacked", "{key} chart {n}");
    assert_eq!(c.overlap.as_deref(), Some("100"), "{key} chart {n}");
    let names: Vec<&str> = c.series.iter().map(|s| s.0.as_str()).collect();
    let base = [DONE_ON_TIME, DONE_LATE, "Đang thực hiện", "Chưa thực hiện"];
    assert_eq!(names[..4], base, "{key} chart {n}: legend");
    assert_eq!(names.last(), Some(&OVERDUE), "{key} chart {n}: legend");
    assert!(
        names.len() == 5 || (names.len() == 6 && names[4] == "Chưa báo cáo"),
        "{key} chart {n}: {names:?}"
    );
    let rows: Vec<&str> = table.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(c.categories, rows, "{key} chart {n}: one bar per row");
    let of = |name: &str| &c.series.iter().find(|s| s.0 == name).unwrap().1;
    // A label shows its segment's count; an empty segment has none.
    for ((name, values), labels) in c.series.iter().zip(&c.labels) {
        for (v, l) in values.iter().zip(labels) {
            if *v == 0 {
                assert_eq!(l, &None, "{key} chart {n} {name}: label of nothing");
            } else if let Some(l) = l {
                assert_eq!(l, &v.to_string(), "{key} chart {n} {name}");
            }
        }
    }
    for (i, (name, total, done, overdue)) in table.iter().enumerate() {
        let sum: usize = c.series.iter().map(|s| s.1[i]).sum();
        assert_eq!(sum, *total, "{key} chart {n} {name}: total");
        assert_eq!(
            of(DONE_ON_TIME)[i] + of(DONE_LATE)[i],
            *done,
            "{key} {name}"
        );
        assert_eq!(of(OVERDUE)[i], *overdue, "{key} chart {n} {name}: overdue");
    }
}

fn close(a: f32, b: f32, tol: f32) -> bool {
    (a - b).abs() <= tol
}

/// Glyphs inside (x0..x1, y0..y1), PDF space, as text with spaces where glyphs are apart.
fn text_in(page: &Page, x0: f32, x1: f32, y0: f32, y1: f32) -> String {
    let mut gs: Vec<&Glyph> = page
        .glyphs
        .iter()
        .filter(|g| g.x >= x0 - 0.5 && g.x + g.width <= x1 + 0.5 && g.y >= y0 && g.y <= y1)
        .collect();
    gs.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
    let mut s = String::new();
    let mut last: Option<&Glyph> = None;
    for g in gs {
        if let Some(l) = last {
            if g.x - (l.x + l.width) > g.size / 5.0 || (l.y - g.y).abs() > 0.5 {
                s.push(' ');
            }
        }
        s.push_str(&g.text);
        last = Some(g);
    }
    s.trim().to_string()
}

/// A glyph's box: its advance, from the descender to the ascender.
fn glyph_box(g: &Glyph) -> [f32; 4] {
    [g.x, g.y - 0.22 * g.size, g.x + g.width, g.y + 0.9 * g.size]
}

/// Whether stroke `s`, widened by half its width and `margin`, meets box `b`.
fn touches(s: &Stroke, b: [f32; 4], margin: f32) -> bool {
    let pad = s.width / 2.0 + margin;
    let (x0, x1) = (s.x1.min(s.x2) - pad, s.x1.max(s.x2) + pad);
    let (y0, y1) = (s.y1.min(s.y2) - pad, s.y1.max(s.y2) + pad);
    b[0] < x1 && b[2] > x0 && b[1] < y1 && b[3] > y0
}

/// The PDF's chart `n` against its table and the DOCX's series.
fn check_pdf(key: &str, n: usize, pdf: &read::Pdf, table: &[Row], c: &DocxChart) {
    let cs = StyleSheet::nd30().chart;
    let title = format!("Biểu đồ {n}.");
    let (page, title_y) = pdf
        .pages
        .iter()
        .find_map(|p| {
            p.lines()
                .into_iter()
                .find(|(_, l)| l.starts_with(&title))
                .map(|(y, _)| (p, y))
        })
        .unwrap_or_else(|| panic!("{key}: no {title} in the PDF"));
    let bar_h = cs.bar_height_mm * PT_PER_MM;
    let bar_min = bar_h * cs.min_row_height_mm / cs.row_height_mm;
    let key_side = cs.legend_key_mm * PT_PER_MM;
    // This chart's fills: under its title, above the next chart's title on the page.
    let next_title = page
        .lines()
        .into_iter()
        .filter(|(y, l)| *y < title_y && l.starts_with("Biểu đồ "))
        .map(|(y, _)| y)
        .fold(f32::NEG_INFINITY, f32::max);
    let mine = |f: &&Fill| f.y + f.height < title_y && f.y > next_title;
    let mut bars: Vec<Fill> = page
        .fills
        .iter()
        .filter(mine)
        // A chart shrunk into the room left at a page's foot (issue 15 §3) has thinner bars,
        // their band's share down to the style's minimum band.
        .filter(|f| f.height < bar_h + 0.1 && f.height > bar_min - 0.1)
        .copied()
        .collect();
    let keys: Vec<Fill> = page
        .fills
        .iter()
        .filter(mine)
        .filter(|f| close(f.height, key_side, 0.1) && close(f.width, key_side, 0.1))
        .copied()
        .collect();
    // The legend as a reader reads it: each key's colour and the words right of it.
    let mut legend: Vec<(String, [f32; 3])> = Vec::new();
    for k in &keys {
        let right = keys
            .iter()
            .filter(|o| close(o.y, k.y, 0.5) && o.x > k.x)
            .map(|o| o.x)
            .fold(k.x + cs.width_mm * PT_PER_MM, f32::min);
        let text = text_in(page, k.x + k.width, right, k.y - 2.0, k.y + k.height + 2.0);
        legend.push((text, k.color));
    }
    let mut names: Vec<&str> = legend.iter().map(|l| l.0.as_str()).collect();
    names.sort();
    let mut want: Vec<&str> = c.series.iter().map(|s| s.0.as_str()).collect();
    want.sort();
    assert_eq!(names, want, "{key} chart {n}: legend in the PDF");
    let series_of = |color: [f32; 3]| -> usize {
        let name = &legend
            .iter()
            .find(|l| l.1.iter().zip(color).all(|(a, b)| close(*a, b, 1e-3)))
            .unwrap_or_else(|| panic!("{key} chart {n}: a segment colour not in the legend"))
            .0;
        c.series.iter().position(|s| &s.0 == name).unwrap()
    };

    // Rows of bars, top to bottom, each left to right.
    bars.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
    let mut rows: Vec<Vec<Fill>> = Vec::new();
    for f in bars {
        match rows.last_mut() {
            Some(r) if close(r[0].y, f.y, 0.1) => r.push(f),
            _ => rows.push(vec![f]),
        }
    }
    assert_eq!(
        rows.len(),
        table.len(),
        "{key} chart {n}: one bar per table row"
    );
    let axis_x = rows[0][0].x;
    let full = cs.width_mm.min(165.0) - cs.label_width_mm - cs.value_width_mm;
    let full = full * PT_PER_MM;
    for (row, (name, total, done, overdue)) in rows.iter().zip(table) {
        let i = table.iter().position(|r| &r.0 == name).unwrap();
        assert!(
            close(row[0].x, axis_x, 0.01),
            "{key} {name}: starts on the axis"
        );
        let end = row.last().map(|f| f.x + f.width).unwrap();
        assert!(close(end - axis_x, full, 0.3), "{key} {name}: a whole bar");
        // Segments meet and are as long as their counts' shares of the row's total.
        let mut done_w = 0.0;
        let mut overdue_w = 0.0;
        for (k, f) in row.iter().enumerate() {
            if k > 0 {
                let prev = row[k - 1];
                assert!(close(prev.x + prev.width, f.x, 0.05), "{key} {name}: gap");
            }
            let s = series_of(f.color);
            let count = c.series[s].1[i];
            let share = count as f32 / *total as f32 * full;
            assert!(
                close(f.width, share, 0.3),
                "{key} chart {n} {name} {}: {} pt for {count} of {total}",
                c.series[s].0,
                f.width
            );
            match c.series[s].0.as_str() {
                DONE_ON_TIME | DONE_LATE => done_w += f.width,
                OVERDUE => overdue_w += f.width,
                _ => {}
            }
            // A count printed in the segment is its count, and the DOCX shows the same
            // label there (or none); a wide segment prints it.
            let inside = text_in(page, f.x, f.x + f.width, f.y, f.y + f.height);
            if !inside.is_empty() {
                assert_eq!(inside, count.to_string(), "{key} chart {n} {name}");
            }
            let docx_label = c.labels[s][i].clone().unwrap_or_default();
            assert_eq!(
                inside, docx_label,
                "{key} chart {n} {name}: PDF vs DOCX label"
            );
            if f.width > 12.0 * PT_PER_MM {
                assert!(!inside.is_empty(), "{key} chart {n} {name}: no count");
            }
        }
        // Against the table as printed.
        assert!(
            close(done_w, *done as f32 / *total as f32 * full, 0.5),
            "{key} chart {n} {name}: done"
        );
        assert!(
            close(overdue_w, *overdue as f32 / *total as f32 * full, 0.5),
            "{key} chart {n} {name}: overdue"
        );
    }

    // Clearance: in the chart's box (title to legend), no glyph touches a grid line (grey)
    // or an axis (black); hatching (the overdue segments' red lines) is not a line to read.
    let bottom = keys.iter().map(|k| k.y).fold(f32::INFINITY, f32::min) - 3.0;
    let left = axis_x - cs.label_width_mm * PT_PER_MM - 1.0;
    let right = axis_x + (full + cs.value_width_mm * PT_PER_MM) + 1.0;
    let inside = |x: f32, y: f32| x >= left && x <= right && y >= bottom && y < title_y;
    let lines: Vec<&Stroke> = page
        .strokes
        .iter()
        .filter(|s| inside(s.x1, s.y1) && inside(s.x2, s.y2))
        .filter(|s| s.x1 == s.x2 || s.y1 == s.y2)
        .collect();
    let grid: Vec<&&Stroke> = lines.iter().filter(|s| s.color[0] > 0.5).collect();
    let axes: Vec<&&Stroke> = lines.iter().filter(|s| s.color == [0.0; 3]).collect();
    assert_eq!(axes.len(), 2, "{key} chart {n}: two axes");
    assert!(!grid.is_empty(), "{key} chart {n}: grid lines");
    let glyphs: Vec<&Glyph> = page
        .glyphs
        .iter()
        .filter(|g| inside(g.x, g.y) && g.y < title_y - 1.0 && g.text.trim() != "")
        .collect();
    assert!(glyphs.len() > table.len(), "{key} chart {n}: labels");
    for g in &glyphs {
        let b = glyph_box(g);
        for s in &grid {
            assert!(
                !touches(s, b, 0.0),
                "{key} chart {n}: {:?} on a grid line",
                g.text
            );
        }
        // An axis keeps half a millimetre clear of every label.
        for s in &axes {
            assert!(
                !touches(s, b, 0.5 * PT_PER_MM),
                "{key} chart {n}: {:?} touches the axis {s:?}",
                g.text
            );
        }
    }
}

fn check_report(key: &str, docx: &[u8], pdf: &[u8]) -> usize {
    let tables = figure_tables(docx);
    let pdf = read::read(pdf);
    for (i, table) in tables.iter().enumerate() {
        let c = docx_chart(docx, i + 1);
        check_docx(key, i + 1, table, &c);
        check_pdf(key, i + 1, &pdf, table, &c);
    }
    tables.len()
}

#[test]
fn seed_reports_chart_their_tables_stacked() {
    for ky in ["2024-Q1", "2024"] {
        let (docx, pdf) = build(&root().join(SEED), ky);
        assert_eq!(check_report(ky, &docx, &pdf), 2, "{ky}: two charts");
    }
}

#[test]
fn generated_reports_chart_their_tables_stacked() {
    let mut charts = 0;
    for seed in [1u64, 2, 3, 4, 7, 10] {
        let case = shapes::report_case(seed);
        let dir = scratch(&format!("stacked-{seed}"));
        case.write(&dir);
        for e in &case.reports {
            let key = format!("seed {seed} {}", e.key);
            let (docx, pdf) = build(&dir, e.key);
            charts += check_report(&key, &docx, &pdf);
        }
    }
    assert!(charts >= 10, "{charts} charts checked");
}

/// Words of a PDF page as pdftotext places them: (xMin, yMin, xMax, yMax from the top, text).
fn words(pdf: &Path, page: usize) -> Vec<([f32; 4], String)> {
    let n = page.to_string();
    let out = std::process::Command::new("pdftotext")
        .args(["-bbox", "-f", &n, "-l", &n])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext");
    let html = String::from_utf8_lossy(&out.stdout).into_owned();
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let doc = roxmltree::Document::parse_with_options(&html, opts).expect("pdftotext -bbox");
    doc.descendants()
        .filter(|w| w.tag_name().name() == "word")
        .map(|w| {
            let a = |k: &str| w.attribute(k).unwrap().parse::<f32>().unwrap();
            (
                [a("xMin"), a("yMin"), a("xMax"), a("yMax")],
                w.text().unwrap_or("").to_string(),
            )
        })
        .collect()
}

/// LibreOffice's rendering of the DOCX chart: category labels end clear of the axis (the
/// plot area's manual layout puts the axis where the PDF has it), and every count it shows
/// lies on its bar, right of the axis.
#[test]
fn libreoffice_sets_the_docx_chart_labels_clear_of_the_axis() {
    if !common::libreoffice::available() {
        return;
    }
    let dir = scratch("stacked-libreoffice");
    let (docx, _) = build(&root().join(SEED), "2024-Q1");
    let tables = figure_tables(&docx);
    let file = dir.join("bao-cao.docx");
    std::fs::write(&file, &docx).unwrap();
    common::libreoffice::to_pdf(&dir, &dir, &[file]);
    let pdf = dir.join("bao-cao.pdf");
    let cs = StyleSheet::nd30().chart;
    // A4 text area: left margin 30 mm, 165 mm wide; the chart centred in it.
    let axis_x = (30.0 + (165.0 - cs.width_mm) / 2.0 + cs.label_width_mm) * PT_PER_MM;
    let mut seen = 0;
    for page in 1..=4 {
        let ws = words(&pdf, page);
        for (n, table) in tables.iter().enumerate() {
            let title = format!("{}.", n + 1);
            let Some(top) = ws
                .windows(3)
                .find(|w| w[0].1 == "Biểu" && w[1].1 == "đồ" && w[2].1 == title)
                .map(|w| w[2].0[3])
            else {
                continue;
            };
            let Some(bottom) = ws
                .iter()
                .filter(|w| w.1 == "100%" && w.0[1] > top)
                .map(|w| w.0[1])
                .reduce(f32::min)
            else {
                continue;
            };
            let plot: Vec<&([f32; 4], String)> = ws
                .iter()
                .filter(|w| w.0[1] > top && w.0[3] < bottom && w.0[0] > axis_x - 60.0 * PT_PER_MM)
                .collect();
            // The last word of each category label, left of the axis.
            for (name, ..) in table {
                let last = name.split_whitespace().last().unwrap();
                let word = plot
                    .iter()
                    .filter(|w| w.1 == last && w.0[2] < axis_x + 1.0)
                    .max_by(|a, b| a.0[2].total_cmp(&b.0[2]))
                    .unwrap_or_else(|| panic!("chart {}: label {name}", n + 1));
                assert!(
                    word.0[2] <= axis_x - 0.5 * PT_PER_MM,
                    "chart {}: {name} ends at {} pt, the axis is at {axis_x} pt",
                    n + 1,
                    word.0[2]
                );
            }
            // The counts: numbers right of the axis, within the plot.
            let counts: Vec<_> = plot
                .iter()
                .filter(|w| w.1.chars().all(|c| c.is_ascii_digit()) && w.0[0] > axis_x)
                .collect();
            assert!(!counts.is_empty(), "chart {}: counts shown", n + 1);
            seen += 1;
        }
    }
    assert_eq!(seen, tables.len(), "every chart found in LibreOffice's PDF");
}
