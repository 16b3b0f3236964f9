//! Pages that fill (issue 15 §3): measured on the PDF read back, the blank at the foot of
//! every page but a section's last is at most a quarter of the text area, unless a rule
//! forces it; each exception names its rule and shows it holds (what moved to the next page
//! could not have fitted).

mod common;
mod pdf_common;

use common::*;
use pdf_common::read::{read, Page};
use std::path::{Path, PathBuf};
use vanban::style::{StyleSheet, PT_PER_MM};

/// Generated report cases (tests/common/shapes.rs `report_case`); each gives two or three
/// reports.
const SEEDS: std::ops::Range<u64> = 0..24;

/// The lowest ink on a page (glyph baselines, strokes, fills), in PDF space (y up), ignoring
/// the page number in the top margin. A baseline stands for its line's bottom: the
/// descent below it is not counted, so the blank measured is, if anything, too large.
fn lowest_ink(p: &Page, top_margin: f32) -> Option<f32> {
    let limit = p.height() - top_margin;
    let glyphs = p.glyphs.iter().filter(|g| g.y < limit).map(|g| g.y);
    let strokes = p.strokes.iter().map(|s| s.y1.min(s.y2));
    let fills = p.fills.iter().map(|f| f.y);
    glyphs.chain(strokes).chain(fills).reduce(f32::min)
}

/// The page number printed in the top margin, if any.
fn page_number(p: &Page, top_margin: f32) -> Option<u32> {
    let limit = p.height() - top_margin;
    let s: String = p
        .glyphs
        .iter()
        .filter(|g| g.y >= limit)
        .map(|g| g.text.as_str())
        .collect();
    s.trim().parse().ok()
}

/// The text area of a page as the style sheet sets it (no generated plan changes the
/// margins), in PDF space.
struct Area {
    top: f32,
    bottom: f32,
}

impl Area {
    fn of(p: &Page) -> Area {
        let m = StyleSheet::nd30().page.margins;
        Area {
            top: p.height() - m.top * PT_PER_MM,
            bottom: m.bottom * PT_PER_MM,
        }
    }
    fn height(&self) -> f32 {
        self.top - self.bottom
    }
}

/// The blank at the foot of a page that is not its section's last.
struct Blank {
    page: usize,
    /// Share of the text area's height left empty.
    share: f32,
    /// Empty height, pt.
    room: f32,
}

/// Blank at the foot of each page that is not its section's last. Every section after the
/// first restarts its page numbers: a section starts on a page with no number or number 1.
fn blanks(pages: &[Page]) -> Vec<Blank> {
    let starts: Vec<bool> = pages
        .iter()
        .map(|p| page_number(p, p.height() - Area::of(p).top).is_none_or(|n| n == 1))
        .collect();
    let mut out = Vec::new();
    for (i, p) in pages.iter().enumerate() {
        if i + 1 == pages.len() || starts[i + 1] {
            continue;
        }
        let a = Area::of(p);
        let low = lowest_ink(p, p.height() - a.top).unwrap_or(a.top);
        out.push(Blank {
            page: i + 1,
            share: (low - a.bottom) / a.height(),
            room: low - a.bottom,
        });
    }
    out
}

/// Body lines of a page, top to bottom: (baseline, text, all bold).
fn body_lines(p: &Page) -> Vec<(f32, String, bool)> {
    let a = Area::of(p);
    let mut gs: Vec<_> = p.glyphs.iter().filter(|g| g.y < a.top).collect();
    gs.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
    let mut out: Vec<(f32, String, bool)> = Vec::new();
    for g in gs {
        let bold = g.font.contains("Bold") || g.text.trim().is_empty();
        match out.last_mut() {
            Some((y, s, b)) if (*y - g.y).abs() < 0.5 => {
                s.push_str(&g.text);
                *b &= bold;
            }
            _ => out.push((g.y, g.text.clone(), bold)),
        }
    }
    out
}

/// A lower bound of the least height the chart at the top of `p` could take, pt, from what
/// is drawn and the style sheet: its title and axis bands (a legend only adds), and each
/// category band at the sheet's minimum or at its tallest label's lines with a millimetre
/// clear, never above its natural band.
/// `None` when `p` does not start with a chart.
fn chart_minimum(p: &Page) -> Option<f32> {
    let sheet = StyleSheet::nd30();
    let cs = &sheet.chart;
    if !body_lines(p).first()?.1.starts_with("Biểu đồ") {
        return None;
    }
    // The category axis: the black vertical stroke of the axis width.
    let axis = p.strokes.iter().find(|s| {
        (s.x1 - s.x2).abs() < 0.01
            && (s.width - cs.axis_line_pt).abs() < 0.01
            && s.color == [0.0; 3]
    })?;
    let (plot_top, plot_bottom) = (axis.y1.max(axis.y2), axis.y1.min(axis.y2));
    let row = cs.row_height_mm * PT_PER_MM;
    let n = ((plot_top - plot_bottom) / row).round() as usize;
    assert!(
        n > 0 && ((plot_top - plot_bottom) - n as f32 * row).abs() < 0.1,
        "a chart that moved to the next page is drawn with its natural bands"
    );
    // Lines of each category label: baselines left of the axis, by band.
    let mut per_band = vec![Vec::<f32>::new(); n];
    for g in p
        .glyphs
        .iter()
        .filter(|g| g.x < axis.x1 && g.y < plot_top && g.y > plot_bottom)
    {
        let band = (((plot_top - g.y) / row) as usize).min(n - 1);
        if !per_band[band].iter().any(|y| (y - g.y).abs() < 0.5) {
            per_band[band].push(g.y);
        }
    }
    let label = sheet.get(&cs.label_style)?;
    let tallest = per_band.iter().map(Vec::len).max()? as f32 * label.line_height_pt();
    let band = (cs.min_row_height_mm * PT_PER_MM)
        .max(tallest + PT_PER_MM)
        .min(row);
    let fixed = (cs.title_height_mm + cs.axis_height_mm) * PT_PER_MM;
    Some(fixed + n as f32 * band)
}

/// Why page `b.page` may end this empty: the rule that moved the next page's first block,
/// checked against what that page shows (what moved could not have fitted in the blank);
/// `Err` tells what is unexplained.
fn rule_for(pages: &[Page], b: &Blank) -> Result<String, String> {
    let next = &pages[b.page];
    let lines = body_lines(next);
    let a = Area::of(next);
    let Some((_, first, bold)) = lines.first().cloned() else {
        return Err("the next page is empty".into());
    };
    let mm = |pt: f32| pt / PT_PER_MM;
    if let Some(min) = chart_minimum(next) {
        let need = min + StyleSheet::nd30().chart.space_before_pt;
        return if need > b.room {
            Ok(format!(
                "biểu đồ dưới chiều cao tối thiểu: cần {:.0} mm, còn {:.0} mm",
                mm(need),
                mm(b.room)
            ))
        } else {
            Err(format!(
                "a chart moved although its minimum ({:.0} mm) fits in {:.0} mm",
                mm(need),
                mm(b.room)
            ))
        };
    }
    // The closing sentence kept with the Nơi nhận and signature row, which cannot split:
    // all of it (the rest of the section's last page) must not have fitted.
    if first.starts_with("Trên đây") && lines.iter().any(|l| l.1.starts_with("Nơi nhận")) {
        let low = lowest_ink(next, next.height() - a.top).unwrap_or(a.top);
        return if a.top - low > b.room {
            Ok(format!(
                "đoạn cuối đi cùng khối chữ ký không tách được: cần {:.0} mm, còn {:.0} mm",
                mm(a.top - low),
                mm(b.room)
            ))
        } else {
            Err("the closing sentence and signature moved although they fit".into())
        };
    }
    // A heading kept with the first two lines of what follows it.
    if bold {
        let heads = lines.iter().take_while(|l| l.2).count();
        let Some(end) = lines.get(heads + 1).or(lines.get(heads)) else {
            return Err(format!("a heading alone on its page: {first}"));
        };
        return if a.top - end.0 > b.room {
            Ok(format!("đề mục đi cùng nội dung: {first}"))
        } else {
            Err(format!(
                "heading {first:?} moved although it fits with its text"
            ))
        };
    }
    Err(format!("the next page starts with {first:?}"))
}

/// Checks one PDF: every blank over a quarter has its rule. Prints the worst blank and each
/// exception with its rule; returns the worst blank.
fn check(name: &str, pdf: &Path) -> f32 {
    let doc = read(&std::fs::read(pdf).unwrap());
    let b = blanks(&doc.pages);
    assert!(!doc.pages.is_empty(), "{name}: no page");
    let worst = b.iter().map(|b| b.share).fold(0.0, f32::max);
    let mut notes = Vec::new();
    for b in b.iter().filter(|b| b.share > 0.25) {
        match rule_for(&doc.pages, b) {
            Ok(rule) => notes.push(format!("tr. {} {:.0}%: {rule}", b.page, b.share * 100.0)),
            Err(why) => panic!(
                "{name}: page {} ends {:.0}% empty and no rule forces it: {why}",
                b.page,
                b.share * 100.0
            ),
        }
    }
    // The signature is never alone: the end of the body ("… ./.") stands above it on its
    // page (the rule above keeps no more than that with it).
    let sig = doc.pages.iter().enumerate().find_map(|(i, p)| {
        let lines = body_lines(p);
        let k = lines.iter().position(|l| l.1.starts_with("Nơi nhận"))?;
        Some((i, lines[..k].to_vec()))
    });
    let (i, above) = sig.unwrap_or_else(|| panic!("{name}: no Nơi nhận"));
    assert!(
        above.iter().any(|l| l.1.trim_end().ends_with("./.")),
        "{name}: the signature on page {} without the end of the body above it: {above:?}",
        i + 1
    );
    eprintln!(
        "{name}: chỗ trống cuối trang lớn nhất {:.1}% {notes:?}",
        worst * 100.0
    );
    worst
}

#[test]
fn seed_reports_fill_their_pages() {
    let dir = scratch("page-fill-seed");
    let out = dir.join("out");
    let o = vanban(&[
        "report",
        SEED,
        "--ky",
        "tat-ca",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for key in ["2024-q1", "2024-6t", "2024-9t", "2024"] {
        check(key, &out.join(format!("bao-cao-{key}.pdf")));
    }
    for key in ["2024-q1", "2024-6t", "2024-9t", "2024"] {
        same_chart_heights(key, &out.join(format!("bao-cao-{key}")));
    }
}

/// Plot heights of the charts of a PDF, in order, mm: the category axis (the black vertical
/// stroke of the axis width) runs the plot's height.
fn pdf_plot_heights(pages: &[Page]) -> Vec<f32> {
    let cs = StyleSheet::nd30().chart;
    let mut out = Vec::new();
    for p in pages {
        let mut axes: Vec<(f32, f32)> = p
            .strokes
            .iter()
            .filter(|s| {
                (s.x1 - s.x2).abs() < 0.01
                    && (s.width - cs.axis_line_pt).abs() < 0.01
                    && s.color == [0.0; 3]
            })
            .map(|s| (s.y1.max(s.y2), (s.y1 - s.y2).abs() / PT_PER_MM))
            .collect();
        axes.sort_by(|a, b| b.0.total_cmp(&a.0));
        out.extend(axes.into_iter().map(|a| a.1));
    }
    out
}

/// Plot heights of the charts of a DOCX, in order, mm: each drawing's extent times its plot
/// area's share of it (the first manual layout of its chart part).
fn docx_plot_heights(docx: &[u8]) -> Vec<f32> {
    let document = part(docx, "word/document.xml");
    document
        .split("<wp:extent ")
        .skip(1)
        .enumerate()
        .map(|(i, e)| {
            let cy: f32 = e
                .split("cy=\"")
                .nth(1)
                .and_then(|v| v.split('"').next()?.parse().ok())
                .expect("a drawing's extent");
            let chart = part(docx, &format!("word/charts/chart{}.xml", i + 1));
            let h: f32 = chart
                .split("<c:h val=\"")
                .nth(1)
                .and_then(|v| v.split('"').next()?.parse().ok())
                .expect("the plot area's height");
            h * cy / 36_000.0
        })
        .collect()
}

/// The DOCX draws each chart with the plot height the PDF gives it (shrunk or natural), so
/// LibreOffice breaks the pages where the PDF does (tests/libreoffice_parity.rs). Returns
/// how many charts are shrunk: plots that are not whole bands of the natural height.
fn same_chart_heights(name: &str, stem: &Path) -> usize {
    let pdf = read(&std::fs::read(stem.with_extension("pdf")).unwrap());
    let ours = pdf_plot_heights(&pdf.pages);
    let docx = docx_plot_heights(&std::fs::read(stem.with_extension("docx")).unwrap());
    assert_eq!(
        ours.len(),
        docx.len(),
        "{name}: charts in the PDF and the DOCX"
    );
    for (k, (a, b)) in ours.iter().zip(&docx).enumerate() {
        assert!(
            (a - b).abs() < 0.05,
            "{name}: chart {} plot height, PDF {a} mm, DOCX {b} mm",
            k + 1
        );
    }
    let row = StyleSheet::nd30().chart.row_height_mm;
    ours.iter()
        .filter(|h| ((*h / row) - (*h / row).round()).abs() > 0.01)
        .count()
}

#[test]
fn generated_reports_fill_their_pages() {
    let dir = scratch("page-fill-shapes");
    let mut plans = Vec::new();
    let mut docs: Vec<(String, PathBuf)> = Vec::new();
    let out = dir.join("out");
    for seed in SEEDS {
        let case = shapes::report_case(seed);
        let p = dir.join("plans").join(format!("hinh-{seed:02}"));
        case.write(&p);
        plans.push(p.to_string_lossy().into_owned());
        for e in &case.reports {
            docs.push((
                format!("hinh-{seed:02}-{}", e.key),
                out.join(format!("hinh-{seed:02}/bao-cao-{}.pdf", e.key)),
            ));
        }
    }
    let mut args = vec!["report".to_string()];
    args.extend(plans);
    args.extend(["--ky", "tat-ca", "-o"].map(String::from));
    args.push(out.to_string_lossy().into_owned());
    let o = vanban(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(docs.len() >= 20, "{} generated reports", docs.len());
    let mut shrunk = 0;
    for (name, pdf) in &docs {
        check(name, pdf);
        shrunk += same_chart_heights(name, &pdf.with_extension(""));
    }
    eprintln!("biểu đồ thu nhỏ cho vừa chỗ trống: {shrunk}");
    assert!(shrunk > 0, "no generated report has a chart shrunk to fit");
}
