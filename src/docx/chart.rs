//! A bar chart → a native DrawingML chart part (`word/charts/chartN.xml`) and the inline
//! drawing run that shows it. docx-rs has no charts: `build` leaves a marker paragraph,
//! `schema_order` swaps the marker for the run, `package` adds the part, its relationship
//! and its content type.
//!
//! Value labels are rich-text custom labels (`c:dLbl/c:tx/c:rich`) holding the IR's text, so
//! LibreOffice and Word print "85,7%" whatever their locale would make of the number 85.7.
//! Sizes come from `chart_geometry` (shared with the PDF): the drawing's extent and a manual
//! layout of the plot area put the label column and the bars where the PDF puts them.

use crate::chart_geometry::ChartGeometry;
use crate::ir::Chart;
use crate::style::{ChartStyle, ParagraphStyle, Rgb8, StyleSheet};
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
    format!(
        r#"<a:{tag} sz="{}" b="{}" i="{}"><a:solidFill><a:srgbClr val="000000"/></a:solidFill><a:latin typeface="{font}"/><a:ea typeface="{font}"/><a:cs typeface="{font}"/></a:{tag}>"#,
        (st.size_pt * 100.0).round() as i64,
        u8::from(st.bold),
        u8::from(st.italic),
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
    format!(
        r#"<c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr>{}</a:pPr><a:r>{}<a:t>{}</a:t></a:r></a:p></c:rich></c:tx>"#,
        run_props("defRPr", st, font),
        run_props("rPr", st, font).replacen("<a:rPr ", r#"<a:rPr lang="vi-VN" "#, 1),
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
    let _ = write!(
        x,
        r#"<c:barChart><c:barDir val="bar"/><c:grouping val="clustered"/><c:varyColors val="0"/><c:ser><c:idx val="0"/><c:order val="0"/><c:tx><c:v>{}</c:v></c:tx><c:spPr><a:solidFill><a:srgbClr val="{}"/></a:solidFill><a:ln><a:noFill/></a:ln></c:spPr><c:invertIfNegative val="0"/><c:dLbls>"#,
        escape(chart.title.as_str()),
        hex(cs.bar_color)
    );
    for (i, bar) in chart.bars.iter().enumerate() {
        let _ = write!(
            x,
            r#"<c:dLbl><c:idx val="{i}"/>{}<c:dLblPos val="outEnd"/>{SHOW_VALUE_ONLY}</c:dLbl>"#,
            rich(&bar.text, label_st, &font)
        );
    }
    let _ = write!(
        x,
        r#"{NO_SHAPE}{}<c:dLblPos val="outEnd"/>{SHOW_VALUE_ONLY}</c:dLbls>"#,
        text_props(label_st, &font)
    );
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
    let _ = write!(
        x,
        r#"</c:strCache></c:strRef></c:cat><c:val><c:numRef><c:f>Sheet1!$B$2:$B${}</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="{n}"/>"#,
        n + 1
    );
    for (i, bar) in chart.bars.iter().enumerate() {
        let _ = write!(x, r#"<c:pt idx="{i}"><c:v>{}</c:v></c:pt>"#, bar.value);
    }
    // A bar's share of its category band: gap width is the space between bars as a
    // percentage of a bar's thickness.
    let gap = ((g.row_mm - g.bar_mm) / g.bar_mm.max(0.01) * 100.0)
        .round()
        .clamp(0.0, 500.0) as i64;
    let _ = write!(
        x,
        r#"</c:numCache></c:numRef></c:val></c:ser><c:gapWidth val="{gap}"/><c:axId val="1001"/><c:axId val="1002"/></c:barChart>"#
    );
    // Categories read top to bottom (maxMin); the value axis then crosses at the last
    // category, i.e. stays at the bottom.
    let _ = write!(
        x,
        r#"<c:catAx><c:axId val="1001"/><c:scaling><c:orientation val="maxMin"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>{}{}<c:crossAx val="1002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>"#,
        line(cs.axis_line_pt, [0, 0, 0]),
        text_props(label_st, &font)
    );
    // Whole steps print the same in every locale; a fractional step uses the reader's.
    let num_fmt = if g.step.fract() == 0.0 {
        "0"
    } else {
        "General"
    };
    let _ = write!(
        x,
        r#"<c:valAx><c:axId val="1002"/><c:scaling><c:orientation val="minMax"/><c:max val="{}"/><c:min val="0"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:majorGridlines>{}</c:majorGridlines><c:numFmt formatCode="{num_fmt}" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>{}{}<c:crossAx val="1001"/><c:crosses val="max"/><c:crossBetween val="between"/><c:majorUnit val="{}"/></c:valAx>"#,
        chart.max,
        line(cs.grid_line_pt, cs.grid_color),
        line(cs.axis_line_pt, [0, 0, 0]),
        text_props(axis_st, &font),
        g.step
    );
    let _ = write!(
        x,
        r#"{NO_SHAPE}</c:plotArea><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>{NO_SHAPE}{}</c:chartSpace>"#,
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

/// Alt text: the title, then "label: text" for each bar.
pub fn alt_text(chart: &Chart) -> String {
    let pairs: Vec<String> = chart
        .bars
        .iter()
        .map(|b| format!("{}: {}", b.label, b.text))
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
                    value: 85.7,
                    text: "85,7%".into(),
                },
                Bar {
                    label: "PCI".into(),
                    value: 50.0,
                    text: "50%".into(),
                },
            ],
        };
        assert_eq!(alt_text(&c), "Tỷ lệ — PAPI: 85,7%; PCI: 50%");
        let part = chart_part(&c, 1, &StyleSheet::nd30(), 165.0, None).unwrap();
        assert!(part
            .run
            .contains(r#"descr="Tỷ lệ — PAPI: 85,7%; PCI: 50%""#));
        assert!(part.xml.contains("<a:t>85,7%</a:t>"));
    }
}
