//! A bar chart → one frame of vectors and text: bars as filled rectangles, axis and grid as
//! thin strokes, title, category labels, value labels and the scale's numbers as text set
//! like paragraphs. The boxes come from `chart_geometry`, shared with the DOCX writer.

use super::frame::{Fill, Frame, Stroke, BLACK};
use super::paragraph::{layout_paragraph, LaidParagraph};
use super::shape::Shaper;
use crate::chart_geometry::{tick_text, ChartGeometry};
use crate::ir::{Chart, Paragraph, Run};
use crate::style::{unknown_style_message, Align, ParagraphStyle, StyleSheet, PT_PER_MM};

/// Gap between the category labels and the axis, and between a bar's end and its value
/// label, mm: what LibreOffice leaves in its rendering of the DOCX chart.
const LABEL_GAP_MM: f32 = 1.0;
/// Gap between the title's line box and the plot's top, mm; LibreOffice sets the title
/// just above the plot rather than centred in its band.
const TITLE_GAP_MM: f32 = 0.7;
/// Room a shrunk band keeps above and below its category label's lines together, mm, so
/// labels of neighbouring bands never touch (and LibreOffice hides none of them).
const LABEL_CLEARANCE_MM: f32 = 1.0;

/// A chart placed in its box; the frame is relative to the text area's left edge and the
/// chart's top.
#[derive(Debug, Clone, PartialEq)]
pub struct LaidChart {
    pub height: f32,
    /// The least height it may shrink to at a page's foot (equal to `height` when its bands
    /// cannot shrink).
    pub min_height: f32,
    pub space_before: f32,
    pub space_after: f32,
    pub frame: Frame,
}

fn style<'s>(sheet: &'s StyleSheet, name: &str) -> Result<&'s ParagraphStyle, String> {
    sheet
        .get(name)
        .ok_or_else(|| unknown_style_message(name, sheet))
}

/// `text` set in `st` (indents dropped, alignment `align`) in a box `width` points wide.
fn text_box(
    text: &str,
    st: &ParagraphStyle,
    align: Align,
    width: f32,
    shaper: &mut Shaper,
) -> LaidParagraph {
    let st = ParagraphStyle {
        align,
        first_line_indent_mm: 0.0,
        left_indent_mm: 0.0,
        rule_below: None,
        ..st.clone()
    };
    let p = Paragraph {
        style: String::new(),
        runs: vec![Run::text(text)],
        ..Paragraph::default()
    };
    layout_paragraph(&p, &st, width, shaper)
}

/// Puts a laid-out text's lines into `frame` with its box at (x, y).
fn place(frame: &mut Frame, lp: &LaidParagraph, x: f32, y: f32) {
    let mut y = y;
    for line in &lp.lines {
        frame.push_frame(&line.frame, x, y);
        y += line.height;
    }
}

/// Lays `chart` out at its natural height, or shrunk to `height_mm` (see
/// [`ChartGeometry::fit_to`]).
pub fn layout_chart(
    chart: &Chart,
    sheet: &StyleSheet,
    text_width: f32,
    shaper: &mut Shaper,
    height_mm: Option<f32>,
) -> Result<LaidChart, String> {
    let cs = &sheet.chart;
    let natural = ChartGeometry::new(chart, cs, text_width / PT_PER_MM)?;
    let title_st = style(sheet, &cs.title_style)?;
    let label_st = style(sheet, &cs.label_style)?;
    let axis_st = style(sheet, &cs.axis_style)?;
    let mm = |v: f32| v * PT_PER_MM;
    let gap = mm(LABEL_GAP_MM);
    let column = (mm(natural.plot_x_mm) - gap).max(1.0);
    let tallest_label = chart
        .bars
        .iter()
        .map(|b| text_box(&b.label, label_st, Align::Center, column, shaper).height())
        .fold(0.0, f32::max);
    let min_height = mm(natural.min_height_mm(cs, tallest_label / PT_PER_MM + LABEL_CLEARANCE_MM));
    let g = match height_mm {
        Some(h) => natural.fit_to(h),
        None => natural,
    };
    // Centred in the text area, as the DOCX's centred paragraph holds it.
    let x0 = (text_width - mm(g.width_mm)) / 2.0;
    let (px, py, pw, ph) = (
        x0 + mm(g.plot_x_mm),
        mm(g.plot_y_mm),
        mm(g.plot_w_mm),
        mm(g.plot_h_mm),
    );
    let mut frame = Frame::default();

    if g.title_mm > 0.0 {
        let lp = text_box(
            &chart.title,
            title_st,
            Align::Center,
            mm(g.width_mm),
            shaper,
        );
        let y = (mm(g.title_mm - TITLE_GAP_MM) - lp.height()).max(0.0);
        place(&mut frame, &lp, x0, y);
    }

    // Grid first, then bars over it, then the axes over the bars' ends.
    for &t in g.ticks.iter().filter(|t| **t > 0.0) {
        let x = px + mm(g.bar_length_mm(t, chart.max));
        frame.strokes.push(Stroke {
            x1: x,
            y1: py,
            x2: x,
            y2: py + ph,
            width: cs.grid_line_pt,
            color: cs.grid_color,
        });
    }
    for (i, bar) in chart.bars.iter().enumerate() {
        let top = mm(g.bar_top_mm(i));
        let h = mm(g.bar_mm);
        let len = mm(g.bar_length_mm(bar.value, chart.max));
        if len > 0.0 {
            frame.fills.push(Fill {
                x: px,
                y: top,
                width: len,
                height: h,
                color: cs.bar_color,
            });
        }
        let centre = top + h / 2.0;
        // A label wrapped in its column is a block set against the axis with its lines
        // centred on each other, as chart renderers set axis labels: centre the lines, then
        // move them right until the widest one touches the column's edge.
        let label = text_box(&bar.label, label_st, Align::Center, column, shaper);
        let shift = label
            .lines
            .iter()
            .filter_map(|l| l.frame.runs.first()?.glyphs.first().map(|g| g.x))
            .fold(f32::INFINITY, f32::min);
        let shift = if shift.is_finite() { shift } else { 0.0 };
        place(
            &mut frame,
            &label,
            x0 + shift,
            centre - label.height() / 2.0,
        );
        let value = text_box(&bar.text, label_st, Align::Left, 10_000.0, shaper);
        place(
            &mut frame,
            &value,
            px + len + gap,
            centre - value.height() / 2.0,
        );
    }
    for &t in &g.ticks {
        let x = px + mm(g.bar_length_mm(t, chart.max));
        let w = mm(cs.value_width_mm.max(10.0));
        let lp = text_box(&tick_text(t), axis_st, Align::Center, w, shaper);
        place(&mut frame, &lp, x - w / 2.0, py + ph + mm(0.5));
    }
    let axis = |x1: f32, y1: f32, x2: f32, y2: f32| Stroke {
        x1,
        y1,
        x2,
        y2,
        width: cs.axis_line_pt,
        color: BLACK,
    };
    frame.strokes.push(axis(px, py, px, py + ph));
    frame.strokes.push(axis(px, py + ph, px + pw, py + ph));

    Ok(LaidChart {
        height: mm(g.height_mm),
        min_height,
        space_before: cs.space_before_pt,
        space_after: cs.space_after_pt,
        frame,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::FontSet;
    use crate::ir::Bar;

    #[test]
    fn bars_are_proportional_and_labels_present() {
        let fonts = FontSet::bundled();
        let mut sh = Shaper::new(&fonts).unwrap();
        let sheet = StyleSheet::nd30();
        let bar = |label: &str, value: f32, text: &str| Bar {
            label: label.into(),
            value,
            text: text.into(),
        };
        let c = Chart {
            title: "Tỷ lệ".into(),
            max: 100.0,
            bars: vec![
                bar("A", 100.0, "100%"),
                bar("B", 50.0, "50%"),
                bar("C", 0.0, "0%"),
            ],
        };
        let w = 165.0 * PT_PER_MM;
        let lc = layout_chart(&c, &sheet, w, &mut sh, None).unwrap();
        assert_eq!(lc.frame.fills.len(), 2, "no rectangle for a zero bar");
        let (a, b) = (lc.frame.fills[0], lc.frame.fills[1]);
        assert!((a.width - 2.0 * b.width).abs() < 1e-3);
        assert!(b.y > a.y, "first bar on top");
        let text: String = lc
            .frame
            .runs
            .iter()
            .flat_map(|r| r.glyphs.iter().map(|g| g.ch))
            .collect();
        for t in ["Tỷ lệ", "100%", "50%", "0%", "A", "B", "C", "80"] {
            assert!(text.contains(t), "{t} in {text}");
        }
        assert!((lc.height - (10.0 + 33.0 + 8.0) * PT_PER_MM).abs() < 1e-3);
    }
}
