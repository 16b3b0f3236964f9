//! A bar chart → a native DrawingML chart part (`word/charts/chartN.xml`) and the inline
//! drawing run that shows it. docx-rs has no charts: `build` leaves a marker paragraph,
//! `schema_order` swaps the marker for the run, `package` adds the part, its relationship
//! and its content type.
//!
//! Value labels are rich-text custom labels (`c:dLbl/c:tx/c:rich`) holding the IR's text, so
//! LibreOffice and Word print "85,7%" whatever their locale would make of the number 85.7.
//! Sizes come from `chart_geometry` (shared with the PDF): the drawing's extent and a manual
//! layout of the plot area put the label column and the bars where the PDF puts them.

use crate::chart_geometry::{tick_text, ChartGeometry};
use crate::ir::Chart;
use crate::style::{ChartStyle, ParagraphStyle, Rgb8, SeriesStyle, StyleSheet};
use quick_xml::escape::escape;
use std::fmt::Write;

/// Name prefix of the bookmark `build` leaves where chart N goes.
pub const MARKER_PREFIX: &str = "_vanban_chart_";

pub const CONTENT_TYPE: &str = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";
pub const REL_TYPE: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart";

const NS_A: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";
const NS_C: &str = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const NS_R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_WP: &str = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";

/// English Metric Units per millimetre.
const EMU_PER_MM: f32 = 36_000.0;
/// DrawingML line widths are in EMU; 12 700 per point.
const EMU_PER_PT: f32 = 12_700.0;

/// One chart's part and the run that places it; `index` is 1-based, in document order.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartPart {
    pub index: usize,
    pub xml: String,
    pub run: String,
}

impl ChartPart {
    pub fn part_name(&self) -> String {
        format!("word/charts/chart{}.xml", self.index)
    }
    pub fn rel_id(&self) -> String {
        format!("rIdVanbanChart{}", self.index)
    }
}

fn emu(mm: f32) -> i64 {
    (mm * EMU_PER_MM).round() as i64
}

fn hex(c: Rgb8) -> String {
    format!("{:02X}{:02X}{:02X}", c[0], c[1], c[2])
}

/// Run properties of chart text from a paragraph style (DrawingML sizes are 1/100 pt).
fn run_props(tag: &str, st: &ParagraphStyle, font: &str) -> String {
    run_props_in(tag, st, font, [0, 0, 0])
}

fn run_props_in(tag: &str, st: &ParagraphStyle, font: &str, ink: Rgb8) -> String {
    format!(
        r#"<a:{tag} sz="{}" b="{}" i="{}"><a:solidFill><a:srgbClr val="{}"/></a:solidFill><a:latin typeface="{font}"/><a:ea typeface="{font}"/><a:cs typeface="{font}"/></a:{tag}>"#,
        (st.size_pt * 100.0).round() as i64,
        u8::from(st.bold),
        u8::from(st.italic),
        hex(ink),
    )
}

/// A text-properties element (`c:txPr`) giving text of this style.
fn text_props(st: &ParagraphStyle, font: &str) -> String {
    format!(
        r#"<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr>{}</a:pPr><a:endParaRPr lang="vi-VN"/></a:p></c:txPr>"#,
        run_props("defRPr", st, font)
    )
}

/// Fixed text (`c:tx/c:rich`) in this style.
fn rich(text: &str, st: &ParagraphStyle, font: &str) -> String {
    rich_in(text, st, font, [0, 0, 0])
}

/// `rich` in colour `ink`.
fn rich_in(text: &str, st: &ParagraphStyle, font: &str, ink: Rgb8) -> String {
    format!(
        r#"<c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr>{}</a:pPr><a:r>{}<a:t>{}</a:t></a:r></a:p></c:rich></c:tx>"#,
        run_props_in("defRPr", st, font, ink),
        run_props_in("rPr", st, font, ink).replacen("<a:rPr ", r#"<a:rPr lang="vi-VN" "#, 1),
        escape(text)
    )
}

fn line(width_pt: f32, color: Rgb8) -> String {
    format!(
        r#"<c:spPr><a:ln w="{}"><a:solidFill><a:srgbClr val="{}"/></a:solidFill></a:ln></c:spPr>"#,
        (width_pt * EMU_PER_PT).round() as i64,
        hex(color)
    )
}

const NO_SHAPE: &str = r#"<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>"#;

/// The flags every data label group states (CT_DLbl/CT_DLbls order).
const SHOW_VALUE_ONLY: &str = r#"<c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/>"#;

fn style<'s>(sheet: &'s StyleSheet, name: &str) -> Result<&'s ParagraphStyle, String> {
    sheet
        .get(name)
        .ok_or_else(|| crate::style::unknown_style_message(name, sheet))
}

/// The chart part and its run for chart number `index` in a text area `text_width_mm` wide,
/// shrunk to `height_mm` where the PDF's pagination shrinks it.
pub fn chart_part(
    chart: &Chart,
    index: usize,
    sheet: &StyleSheet,
    text_width_mm: f32,
    height_mm: Option<f32>,
) -> Result<ChartPart, String> {
    let cs: &ChartStyle = &sheet.chart;
    let g = ChartGeometry::new(chart, cs, text_width_mm)?;
    let g = match height_mm {
        Some(h) => g.fit_to(h),
        None => g,
    };
    let font = escape(sheet.font_family.as_str()).into_owned();
    let title_st = style(sheet, &cs.title_style)?;
    let label_st = style(sheet, &cs.label_style)?;
    let axis_st = style(sheet, &cs.axis_style)?;
    let n = chart.bars.len();

    let mut x = String::with_capacity(4096 + 600 * n);
    x.push_str(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#);
    let _ = write!(
        x,
        r#"<c:chartSpace xmlns:c="{NS_C}" xmlns:a="{NS_A}" xmlns:r="{NS_R}"><c:roundedCorners val="0"/><c:chart>"#
    );
    if g.title_mm > 0.0 {
        let _ = write!(
            x,
            r#"<c:title>{}<c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>"#,
            rich(&chart.title, title_st, &font)
        );
    } else {
        x.push_str(r#"<c:autoTitleDeleted val="1"/>"#);
    }
    // The plot area's inner box (the bars' box, without axis labels), as fractions of the
    // drawing: the same box the PDF draws.
    let _ = write!(
        x,
        r#"<c:plotArea><c:layout><c:manualLayout><c:layoutTarget val="inner"/><c:xMode val="edge"/><c:yMode val="edge"/><c:x val="{:.6}"/><c:y val="{:.6}"/><c:w val="{:.6}"/><c:h val="{:.6}"/></c:manualLayout></c:layout>"#,
        g.plot_x_mm / g.width_mm,
        g.plot_y_mm / g.height_mm,
        g.plot_w_mm / g.width_mm,
        g.plot_h_mm / g.height_mm,
    );
    if chart.is_stacked() {
        stacked_series(&mut x, chart, &g, sheet, label_st, &font)?;
    } else {
        plain_series(&mut x, chart, &g, cs, label_st, &font);
    }
    // Categories read top to bottom (maxMin); the value axis then crosses at the last
    // category, i.e. stays at the bottom.
    let _ = write!(
        x,
        r#"<c:catAx><c:axId val="1001"/><c:scaling><c:orientation val="maxMin"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>{}{}<c:crossAx val="1002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>"#,
        line(cs.axis_line_pt, [0, 0, 0]),
        text_props(label_st, &font)
    );
    // Whole steps print the same in every locale; a fractional step uses the reader's. A
    // percent-stacked scale runs 0..1 shown as 0%..100%.
    let (num_fmt, scale_max, step) = if chart.percent {
        ("0%", chart.max / 100.0, g.step / 100.0)
    } else if g.step.fract() == 0.0 {
        ("0", chart.max, g.step)
    } else {
        ("General", chart.max, g.step)
    };
    let _ = write!(
        x,
        r#"<c:valAx><c:axId val="1002"/><c:scaling><c:orientation val="minMax"/><c:max val="{}"/><c:min val="0"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:majorGridlines>{}</c:majorGridlines><c:numFmt formatCode="{num_fmt}" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>{}{}<c:crossAx val="1001"/><c:crosses val="max"/><c:crossBetween val="between"/><c:majorUnit val="{}"/></c:valAx>"#,
        scale_max,
        line(cs.grid_line_pt, cs.grid_color),
        line(cs.axis_line_pt, [0, 0, 0]),
        text_props(axis_st, &font),
        step
    );
    x.push_str(NO_SHAPE);
    x.push_str("</c:plotArea>");
    if g.legend_mm > 0.0 {
        // The legend in the band the PDF draws it in, entries flowing in rows.
        let legend_st = style(sheet, &cs.legend_style)?;
        let _ = write!(
            x,
            r#"<c:legend><c:legendPos val="b"/><c:layout><c:manualLayout><c:xMode val="edge"/><c:yMode val="edge"/><c:x val="0"/><c:y val="{:.6}"/><c:w val="1"/><c:h val="{:.6}"/></c:manualLayout></c:layout><c:overlay val="0"/>{NO_SHAPE}{}</c:legend>"#,
            g.legend_y_mm / g.height_mm,
            g.legend_mm / g.height_mm,
            text_props(legend_st, &font)
        );
    }
    let _ = write!(
        x,
        r#"<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>{NO_SHAPE}{}</c:chartSpace>"#,
        text_props(label_st, &font)
    );

    let part = ChartPart {
        index,
        xml: x,
        run: String::new(),
    };
    let run = drawing_run(chart, &g, index, &part.rel_id());
    Ok(ChartPart { run, ..part })
}

/// The category cache (`c:cat`) of every series: the bars' labels.
fn categories(x: &mut String, chart: &Chart) {
    let n = chart.bars.len();
    let _ = write!(
        x,
        r#"<c:cat><c:strRef><c:f>Sheet1!$A$2:$A${}</c:f><c:strCache><c:ptCount val="{n}"/>"#,
        n + 1
    );
    for (i, bar) in chart.bars.iter().enumerate() {
        let _ = write!(
            x,
            r#"<c:pt idx="{i}"><c:v>{}</c:v></c:pt>"#,
            escape(bar.label.as_str())
        );
    }
    x.push_str("</c:strCache></c:strRef></c:cat>");
}

/// The value cache (`c:val`) of series `s` (spreadsheet column B, C, …).
fn values(x: &mut String, chart: &Chart, s: usize) {
    let n = chart.bars.len();
    let col = column_name(s + 1);
    let _ = write!(
        x,
        r#"<c:val><c:numRef><c:f>Sheet1!${col}$2:${col}${}</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="{n}"/>"#,
        n + 1
    );
    for (i, bar) in chart.bars.iter().enumerate() {
        let v = bar.values.get(s).copied().unwrap_or(0.0);
        let _ = write!(x, r#"<c:pt idx="{i}"><c:v>{v}</c:v></c:pt>"#);
    }
    x.push_str("</c:numCache></c:numRef></c:val>");
}

/// Spreadsheet column letters of 0-based column `i` (A, B, …, Z, AA, …).
fn column_name(i: usize) -> String {
    let mut i = i + 1;
    let mut out = Vec::new();
    while i > 0 {
        let r = (i - 1) % 26;
        out.push(b'A' + r as u8);
        i = (i - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// The gap between bars as a percentage of a bar's thickness, as DrawingML gives it.
fn gap_width(g: &ChartGeometry) -> i64 {
    ((g.row_mm - g.bar_mm) / g.bar_mm.max(0.01) * 100.0)
        .round()
        .clamp(0.0, 500.0) as i64
}

/// One series, its value labels the IR's texts at the bars' ends.
fn plain_series(
    x: &mut String,
    chart: &Chart,
    g: &ChartGeometry,
    cs: &ChartStyle,
    label_st: &ParagraphStyle,
    font: &str,
) {
    let _ = write!(
        x,
        r#"<c:barChart><c:barDir val="bar"/><c:grouping val="clustered"/><c:varyColors val="0"/><c:ser><c:idx val="0"/><c:order val="0"/><c:tx><c:v>{}</c:v></c:tx><c:spPr><a:solidFill><a:srgbClr val="{}"/></a:solidFill><a:ln><a:noFill/></a:ln></c:spPr><c:invertIfNegative val="0"/><c:dLbls>"#,
        escape(chart.title.as_str()),
        hex(cs.bar_color)
    );
    for (i, bar) in chart.bars.iter().enumerate() {
        if bar.text.is_empty() {
            let _ = write!(
                x,
                r#"<c:dLbl><c:idx val="{i}"/><c:delete val="1"/></c:dLbl>"#
            );
            continue;
        }
        let _ = write!(
            x,
            r#"<c:dLbl><c:idx val="{i}"/>{}<c:dLblPos val="outEnd"/>{SHOW_VALUE_ONLY}</c:dLbl>"#,
            rich(&bar.text, label_st, font)
        );
    }
    let _ = write!(
        x,
        r#"{NO_SHAPE}{}<c:dLblPos val="outEnd"/>{SHOW_VALUE_ONLY}</c:dLbls>"#,
        text_props(label_st, font)
    );
    categories(x, chart);
    values(x, chart, 0);
    let _ = write!(
        x,
        r#"</c:ser><c:gapWidth val="{}"/><c:axId val="1001"/><c:axId val="1002"/></c:barChart>"#,
        gap_width(g)
    );
}

/// A series' fill: solid, or the style's hatch over it as a DrawingML pattern.
fn series_fill(look: &SeriesStyle) -> String {
    match look.hatch {
        Some(ink) => format!(
            r#"<a:pattFill prst="wdUpDiag"><a:fgClr><a:srgbClr val="{}"/></a:fgClr><a:bgClr><a:srgbClr val="{}"/></a:bgClr></a:pattFill>"#,
            hex(ink),
            hex(look.fill)
        ),
        None => format!(
            r#"<a:solidFill><a:srgbClr val="{}"/></a:solidFill>"#,
            hex(look.fill)
        ),
    }
}

/// One series per legend entry, stacked (`overlap` 100): each segment's count is a fixed
/// label centred in it where the geometry says it fits, deleted elsewhere, so Word and
/// LibreOffice show the labels the PDF shows. A label on a hatched segment gets the fill
/// colour behind it, as the PDF leaves the hatch out there.
fn stacked_series(
    x: &mut String,
    chart: &Chart,
    g: &ChartGeometry,
    sheet: &StyleSheet,
    label_st: &ParagraphStyle,
    font: &str,
) -> Result<(), String> {
    let cs = &sheet.chart;
    let grouping = if chart.percent {
        "percentStacked"
    } else {
        "stacked"
    };
    let _ = write!(
        x,
        r#"<c:barChart><c:barDir val="bar"/><c:grouping val="{grouping}"/><c:varyColors val="0"/>"#
    );
    for (s, series) in chart.series.iter().enumerate() {
        let look = cs.series_style(&series.style)?;
        let col = column_name(s + 1);
        let _ = write!(
            x,
            r#"<c:ser><c:idx val="{s}"/><c:order val="{s}"/><c:tx><c:strRef><c:f>Sheet1!${col}$1</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>{}</c:v></c:pt></c:strCache></c:strRef></c:tx><c:spPr>{}<a:ln><a:noFill/></a:ln></c:spPr><c:invertIfNegative val="0"/><c:dLbls>"#,
            escape(series.name.as_str()),
            series_fill(look)
        );
        let backing = if look.hatch.is_some() {
            format!(
                r#"<c:spPr><a:solidFill><a:srgbClr val="{}"/></a:solidFill><a:ln><a:noFill/></a:ln></c:spPr>"#,
                hex(look.fill)
            )
        } else {
            NO_SHAPE.to_string()
        };
        for i in 0..chart.bars.len() {
            let seg = g.segments(chart, i).into_iter().find(|seg| seg.series == s);
            let text = seg.map(|seg| (tick_text(seg.value), seg.w_mm));
            match text {
                Some((t, w)) if g.label_fits(w, &t) => {
                    let _ = write!(
                        x,
                        r#"<c:dLbl><c:idx val="{i}"/>{}{backing}<c:dLblPos val="ctr"/>{SHOW_VALUE_ONLY}</c:dLbl>"#,
                        rich_in(&t, label_st, font, look.label_color)
                    );
                }
                _ => {
                    let _ = write!(
                        x,
                        r#"<c:dLbl><c:idx val="{i}"/><c:delete val="1"/></c:dLbl>"#
                    );
                }
            }
        }
        let _ = write!(
            x,
            r#"{NO_SHAPE}{}<c:dLblPos val="ctr"/>{SHOW_VALUE_ONLY}</c:dLbls>"#,
            text_props(label_st, font)
        );
        categories(x, chart);
        values(x, chart, s);
        x.push_str("</c:ser>");
    }
    let _ = write!(
        x,
        r#"<c:gapWidth val="{}"/><c:overlap val="100"/><c:axId val="1001"/><c:axId val="1002"/></c:barChart>"#,
        gap_width(g)
    );
    Ok(())
}

/// Alt text: the title, then "label: text" for each bar; a stacked bar's text is its
/// series' counts ("PCI: Hoàn thành đúng hạn 2, Quá hạn 1"), empty ones left out.
pub fn alt_text(chart: &Chart) -> String {
    let pairs: Vec<String> = chart
        .bars
        .iter()
        .map(|b| {
            if !chart.is_stacked() {
                return format!("{}: {}", b.label, b.text);
            }
            let parts: Vec<String> = chart
                .series
                .iter()
                .zip(&b.values)
                .filter(|(_, v)| **v > 0.0)
                .map(|(s, v)| format!("{} {}", s.name, tick_text(*v)))
                .collect();
            format!("{}: {}", b.label, parts.join(", "))
        })
        .collect();
    let pairs = pairs.join("; ");
    if chart.title.trim().is_empty() {
        pairs
    } else {
        format!("{} — {pairs}", chart.title)
    }
}

/// The run holding the inline drawing. Its font is 1 pt so the line is as tall as the chart
/// (a bigger font would add its descent under the drawing).
fn drawing_run(chart: &Chart, g: &ChartGeometry, index: usize, rel_id: &str) -> String {
    let descr = escape(alt_text(chart)).into_owned();
    format!(
        r#"<w:r><w:rPr><w:noProof/><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0" xmlns:wp="{NS_WP}"><wp:extent cx="{}" cy="{}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:docPr id="{index}" name="Biểu đồ {index}" descr="{descr}"/><wp:cNvGraphicFramePr/><a:graphic xmlns:a="{NS_A}"><a:graphicData uri="{NS_C}"><c:chart xmlns:c="{NS_C}" xmlns:r="{NS_R}" r:id="{rel_id}"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"#,
        emu(g.width_mm),
        emu(g.height_mm),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::Bar;

    #[test]
    fn alt_text_lists_label_and_text_pairs() {
        let c = Chart {
            title: "Tỷ lệ".into(),
            max: 100.0,
            bars: vec![
                Bar {
                    label: "PAPI".into(),
                    values: vec![85.7],
                    text: "85,7%".into(),
                },
                Bar {
                    label: "PCI".into(),
                    values: vec![50.0],
                    text: "50%".into(),
                },
            ],
            ..Chart::default()
        };
        assert_eq!(alt_text(&c), "Tỷ lệ — PAPI: 85,7%; PCI: 50%");
        let part = chart_part(&c, 1, &StyleSheet::nd30(), 165.0, None).unwrap();
        assert!(part
            .run
            .contains(r#"descr="Tỷ lệ — PAPI: 85,7%; PCI: 50%""#));
        assert!(part.xml.contains("<a:t>85,7%</a:t>"));
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");

        let stacked = Chart {
            percent: true,
            series: [("Đúng hạn", "dung-han"), ("Quá hạn", "qua-han")]
                .iter()
                .map(|(n, s)| crate::ir::Series {
                    name: n.to_string(),
                    style: s.to_string(),
                })
                .collect(),
            bars: vec![Bar {
                label: "PCI".into(),
                values: vec![2.0, 0.0],
                text: String::new(),
            }],
            ..c
        };
        assert_eq!(alt_text(&stacked), "Tỷ lệ — PCI: Đúng hạn 2");
    }

    #[test]
    fn stacked_on_a_count_scale_has_a_series_per_status_and_a_legend() {
        let series = |v: &[(&str, &str)]| {
            v.iter()
                .map(|(n, s)| crate::ir::Series {
                    name: n.to_string(),
                    style: s.to_string(),
                })
                .collect::<Vec<_>>()
        };
        let c = Chart {
            title: "Số nhiệm vụ".into(),
            max: 40.0,
            percent: false,
            series: series(&[("Đúng hạn", "dung-han"), ("Quá hạn", "qua-han")]),
            bars: vec![Bar {
                label: "PCI".into(),
                values: vec![30.0, 1.0],
                text: "31".into(),
            }],
        };
        let part = chart_part(&c, 1, &StyleSheet::nd30(), 165.0, None).unwrap();
        let x = &part.xml;
        assert!(x.contains(r#"<c:grouping val="stacked"/>"#), "{x}");
        assert!(x.contains(r#"<c:overlap val="100"/>"#));
        assert_eq!(x.matches("<c:ser>").count(), 2);
        // The scale is the chart's, not shares.
        assert!(x.contains(r#"<c:max val="40"/>"#));
        // Overdue is hatched; 1 of 40 is too narrow for its count, 30 shows it centred.
        assert!(x.contains(r#"<a:pattFill prst="wdUpDiag">"#));
        assert!(x.contains(r#"<c:dLbl><c:idx val="0"/><c:delete val="1"/></c:dLbl>"#));
        assert!(x.contains("<a:t>30</a:t>"));
        assert!(x.contains(r#"<c:dLblPos val="ctr"/>"#));
        assert!(x.contains("<c:legend>"));
        let g = ChartGeometry::new(&c, &StyleSheet::nd30().chart, 165.0).unwrap();
        assert!(part.run.contains(&format!(r#"cy="{}""#, emu(g.height_mm))));
        assert!(g.legend_mm > 0.0);
    }
}
