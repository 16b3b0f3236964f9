//! A bar chart → one frame of vectors and text: bars as filled rectangles, axis and grid as
//! thin strokes, title, category labels, value labels and the scale's numbers as text set
//! like paragraphs. The boxes come from `chart_geometry`, shared with the DOCX writer.

use super::paragraph::{layout_paragraph, LaidParagraph};
use super::placed::{BoxStroke, Fill, Frame, Stroke, BLACK};
use super::shape::Shaper;
use crate::chart_geometry::{tick_text, ChartGeometry};
use crate::ir::{Bar, Chart, Paragraph, Run};
use crate::style::{
    unknown_style_message, Align, ChartStyle, ParagraphStyle, Rgb8, SeriesStyle, StyleSheet,
    PT_PER_MM,
};

/// Gap between the title's line box and the plot's top, mm; LibreOffice sets the title
/// just above the plot rather than centred in its band.
const TITLE_GAP_MM: f32 = 0.7;
/// Room a shrunk band keeps above and below its category label's lines together, mm, so
/// labels of neighbouring bands never touch (and LibreOffice hides none of them).
const LABEL_CLEARANCE_MM: f32 = 1.0;
/// Distance between the diagonal lines of a hatched segment, mm, and their width, pt.
const HATCH_STEP_MM: f32 = 1.6;
const HATCH_LINE_PT: f32 = 0.6;
/// Outline of a legend key, so a light key shows its edge on white paper.
const KEY_LINE_PT: f32 = 0.25;
const KEY_LINE: [u8; 3] = [0x7F, 0x7F, 0x7F];

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
    place_in(frame, lp, x, y, BLACK);
}

/// `place` in colour `ink`.
fn place_in(frame: &mut Frame, lp: &LaidParagraph, x: f32, y: f32, ink: Rgb8) {
    let mut y = y;
    for line in &lp.lines {
        let mut f = line.frame.clone();
        for r in &mut f.runs {
            r.color = ink;
        }
        frame.push_frame(&f, x, y);
        y += line.height;
    }
}

/// Left edge of the leftmost glyph of a laid-out text, relative to its box.
fn ink_left(lp: &LaidParagraph) -> Option<f32> {
    lp.lines
        .iter()
        .filter_map(|l| l.frame.runs.first()?.glyphs.first().map(|g| g.x))
        .reduce(f32::min)
}

/// Diagonal lines (lower left to upper right) of colour `ink` across the rectangle `r`
/// (x, y, w, h; y down), left out inside `hole` so a label on the segment stays legible.
/// The lines sit on one grid across the chart (`origin`), so adjacent hatched boxes join.
fn hatch(frame: &mut Frame, r: [f32; 4], hole: Option<[f32; 4]>, origin: f32, ink: Rgb8) {
    let [x0, y0, w, h] = r;
    let (x1, y1) = (x0 + w, y0 + h);
    let step = HATCH_STEP_MM * PT_PER_MM;
    // Line c: the points (c + t, y1 - t), t in 0..=h.
    let mut k = ((x0 - h - origin) / step).floor() as i64;
    loop {
        let c = origin + step * k as f32;
        k += 1;
        if c > x1 {
            break;
        }
        let (ta, tb) = ((x0 - c).max(0.0), (x1 - c).min(h));
        if tb <= ta {
            continue;
        }
        let mut pieces = vec![(ta, tb)];
        if let Some([hx, hy, hw, hh]) = hole {
            let (ha, hb) = ((hx - c).max(y1 - (hy + hh)), (hx + hw - c).min(y1 - hy));
            if hb > ha && hb > ta && ha < tb {
                pieces = vec![(ta, ha.max(ta)), (hb.min(tb), tb)];
            }
        }
        for (a, b) in pieces.into_iter().filter(|(a, b)| b - a > 0.01) {
            frame.strokes.push(Stroke {
                x1: c + a,
                y1: y1 - a,
                x2: c + b,
                y2: y1 - b,
                width: HATCH_LINE_PT,
                color: ink,
            });
        }
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
    let styles = ChartStyles::new(chart, sheet)?;
    let gap = mm(natural.label_gap_mm);
    let column = (mm(natural.plot_x_mm) - gap).max(1.0);
    let band_mm = min_band_mm(chart, &natural, styles.label, column, shaper);
    let min_height = mm(natural.min_height_mm(cs, band_mm));
    let g = match height_mm {
        Some(h) => natural.fit_to(h),
        None => natural,
    };
    // Centred in the text area, as the DOCX's centred paragraph holds it.
    let x0 = (text_width - mm(g.width_mm)) / 2.0;
    let d = Drawing {
        chart,
        cs,
        st: &styles,
        g: &g,
        x0,
        plot: [
            x0 + mm(g.plot_x_mm),
            mm(g.plot_y_mm),
            mm(g.plot_w_mm),
            mm(g.plot_h_mm),
        ],
        gap,
        column,
    };
    Ok(LaidChart {
        height: mm(g.height_mm),
        min_height,
        space_before: cs.space_before_pt,
        space_after: cs.space_after_pt,
        frame: d.draw(shaper),
    })
}

/// Millimetres to points: the geometry is in mm, the frame in points.
fn mm(v: f32) -> f32 {
    v * PT_PER_MM
}

/// The paragraph styles of a chart's texts and the look of each series, looked up once.
struct ChartStyles<'s> {
    title: &'s ParagraphStyle,
    label: &'s ParagraphStyle,
    axis: &'s ParagraphStyle,
    legend: &'s ParagraphStyle,
    looks: Vec<&'s SeriesStyle>,
}

impl<'s> ChartStyles<'s> {
    /// Looks the styles up, failing on the first the sheet does not have.
    fn new(chart: &Chart, sheet: &'s StyleSheet) -> Result<ChartStyles<'s>, String> {
        let cs = &sheet.chart;
        Ok(ChartStyles {
            title: style(sheet, &cs.title_style)?,
            label: style(sheet, &cs.label_style)?,
            axis: style(sheet, &cs.axis_style)?,
            legend: style(sheet, &cs.legend_style)?,
            looks: chart
                .series
                .iter()
                .map(|s| cs.series_style(&s.style))
                .collect::<Result<Vec<_>, _>>()?,
        })
    }
}

/// The least height of a band, mm: a band may not shrink below its category label's lines,
/// nor, on a stacked chart, so far that its bar (a fixed share of the band) is thinner than
/// the counts set inside it.
fn min_band_mm(
    chart: &Chart,
    natural: &ChartGeometry,
    label_st: &ParagraphStyle,
    column: f32,
    shaper: &mut Shaper,
) -> f32 {
    let tallest_label = chart
        .bars
        .iter()
        .map(|b| text_box(&b.label, label_st, Align::Center, column, shaper).height())
        .fold(0.0, f32::max);
    let mut band_mm = tallest_label / PT_PER_MM + LABEL_CLEARANCE_MM;
    if !chart.series.is_empty() && natural.bar_mm > 0.0 {
        let count_mm = label_st.line_height_pt() / PT_PER_MM;
        band_mm = band_mm.max(count_mm * natural.row_mm / natural.bar_mm);
    }
    band_mm
}

/// A chart's geometry placed in the text area, in points, with what its parts are drawn in.
struct Drawing<'a> {
    chart: &'a Chart,
    cs: &'a ChartStyle,
    st: &'a ChartStyles<'a>,
    g: &'a ChartGeometry,
    /// The chart's left edge from the text area's.
    x0: f32,
    /// The plot's box: x, y, width, height.
    plot: [f32; 4],
    /// Gap between a label and what it labels.
    gap: f32,
    /// Width of the category labels' column, left of the plot.
    column: f32,
}

impl Drawing<'_> {
    /// The whole chart: title, grid, bars with their labels, scale, axes, legend.
    fn draw(&self, shaper: &mut Shaper) -> Frame {
        let mut frame = Frame::default();
        self.title(&mut frame, shaper);
        self.grid(&mut frame);
        for (i, bar) in self.chart.bars.iter().enumerate() {
            let top = mm(self.g.bar_top_mm(i));
            let centre = top + mm(self.g.bar_mm) / 2.0;
            self.segments(&mut frame, i, top, shaper);
            self.bar_labels(&mut frame, i, bar, centre, shaper);
        }
        self.scale(&mut frame, shaper);
        self.axes(&mut frame);
        self.legend(&mut frame, shaper);
        frame
    }

    /// The title, centred just above the plot.
    fn title(&self, frame: &mut Frame, shaper: &mut Shaper) {
        let g = self.g;
        if g.title_mm > 0.0 {
            let lp = text_box(
                &self.chart.title,
                self.st.title,
                Align::Center,
                mm(g.width_mm),
                shaper,
            );
            let y = (mm(g.title_mm - TITLE_GAP_MM) - lp.height()).max(0.0);
            place(frame, &lp, self.x0, y);
        }
    }

    /// The grid, broken where bars and their labels lie (the geometry says where).
    fn grid(&self, frame: &mut Frame) {
        let (g, cs, chart) = (self.g, self.cs, self.chart);
        for &t in g.ticks.iter().filter(|t| **t > 0.0) {
            let along = g.bar_length_mm(t, chart.max);
            let x = self.plot[0] + mm(along);
            for (top, bottom) in g.grid_runs(chart, along) {
                frame.strokes.push(Stroke {
                    x1: x,
                    y1: mm(top),
                    x2: x,
                    y2: mm(bottom),
                    width: cs.grid_line_pt,
                    color: cs.grid_color,
                });
            }
        }
    }

    /// Bar `i`'s segments from `top`: filled in their series' look, a stacked segment's
    /// count centred inside it where it fits, hatching around the count.
    fn segments(&self, frame: &mut Frame, i: usize, top: f32, shaper: &mut Shaper) {
        let (g, px, gap) = (self.g, self.plot[0], self.gap);
        let h = mm(g.bar_mm);
        let centre = top + h / 2.0;
        for seg in g.segments(self.chart, i) {
            let (x, w) = (px + mm(seg.x_mm), mm(seg.w_mm));
            let look = self.st.looks.get(seg.series).copied();
            frame.fills.push(Fill {
                x,
                y: top,
                width: w,
                height: h,
                color: look.map_or(self.cs.bar_color, |l| l.fill),
            });
            let Some(look) = look else { continue };
            let text = tick_text(seg.value);
            let mut hole = None;
            if g.label_fits(seg.w_mm, &text) {
                let lp = text_box(&text, self.st.label, Align::Center, w, shaper);
                let y = centre - lp.height() / 2.0;
                place_in(frame, &lp, x, y, look.label_color);
                let left = ink_left(&lp).unwrap_or(0.0);
                hole = Some([x + left - gap / 2.0, y, w - 2.0 * left + gap, lp.height()]);
            }
            if let Some(ink) = look.hatch {
                hatch(frame, [x, top, w, h], hole, px, ink);
            }
        }
    }

    /// Bar `i`'s category label left of the axis and its value text past the bar's end,
    /// both centred on `centre`.
    fn bar_labels(&self, frame: &mut Frame, i: usize, bar: &Bar, centre: f32, shaper: &mut Shaper) {
        // A label wrapped in its column is a block set against the axis with its lines
        // centred on each other, as chart renderers set axis labels: centre the lines, then
        // move them right until the widest one ends a gap short of the axis.
        let label = text_box(
            &bar.label,
            self.st.label,
            Align::Center,
            self.column,
            shaper,
        );
        let shift = ink_left(&label).unwrap_or(0.0);
        place(
            frame,
            &label,
            self.x0 + shift,
            centre - label.height() / 2.0,
        );
        if !bar.text.is_empty() {
            let value = text_box(&bar.text, self.st.label, Align::Left, 10_000.0, shaper);
            place(
                frame,
                &value,
                self.plot[0] + mm(self.g.bar_end_mm(self.chart, i)) + self.gap,
                centre - value.height() / 2.0,
            );
        }
    }

    /// The scale's numbers under the value axis, a gap below it so the numbers (and "0"
    /// under the vertical axis's end) stay clear of it.
    fn scale(&self, frame: &mut Frame, shaper: &mut Shaper) {
        let [px, py, _, ph] = self.plot;
        let unit = if self.chart.percent { "%" } else { "" };
        for &t in &self.g.ticks {
            let x = px + mm(self.g.bar_length_mm(t, self.chart.max));
            let w = mm(self.cs.value_width_mm.max(10.0));
            let text = format!("{}{unit}", tick_text(t));
            let lp = text_box(&text, self.st.axis, Align::Center, w, shaper);
            place(frame, &lp, x - w / 2.0, py + ph + self.gap);
        }
    }

    /// The two axes: the categories' down the plot's left, the values' along its foot.
    fn axes(&self, frame: &mut Frame) {
        let [px, py, pw, ph] = self.plot;
        let axis = |x1: f32, y1: f32, x2: f32, y2: f32| Stroke {
            x1,
            y1,
            x2,
            y2,
            width: self.cs.axis_line_pt,
            color: BLACK,
        };
        frame.strokes.push(axis(px, py, px, py + ph));
        frame.strokes.push(axis(px, py + ph, px + pw, py + ph));
    }

    /// The legend: a key square in the series' look and its name, in cells across the chart.
    fn legend(&self, frame: &mut Frame, shaper: &mut Shaper) {
        let (g, gap) = (self.g, self.gap);
        let key = mm(g.legend_key_mm);
        for (k, (series, look)) in self.chart.series.iter().zip(&self.st.looks).enumerate() {
            let (kx, ky) = g.legend_key_at(k);
            let (kx, ky) = (self.x0 + mm(kx), mm(ky));
            legend_key(frame, [kx, ky, key], look);
            let room = (mm(g.legend_cell_mm()) - key - 3.0 * gap).max(1.0);
            let lp = text_box(&series.name, self.st.legend, Align::Left, room, shaper);
            place(
                frame,
                &lp,
                kx + key + gap,
                ky + key / 2.0 - lp.height() / 2.0,
            );
        }
    }
}

/// A legend key `[x, y, side]`: filled and hatched as the series' bars, outlined so a light
/// key shows its edge on white paper.
fn legend_key(frame: &mut Frame, [kx, ky, key]: [f32; 3], look: &SeriesStyle) {
    frame.fills.push(Fill {
        x: kx,
        y: ky,
        width: key,
        height: key,
        color: look.fill,
    });
    if let Some(ink) = look.hatch {
        hatch(frame, [kx, ky, key, key], None, kx, ink);
    }
    frame.boxes.push(BoxStroke {
        x: kx,
        y: ky,
        width: key,
        height: key,
        line: KEY_LINE_PT,
        color: KEY_LINE,
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::FontSet;

    #[test]
    fn bars_are_proportional_and_labels_present() {
        let fonts = FontSet::bundled();
        let mut sh = Shaper::new(&fonts).unwrap();
        let sheet = StyleSheet::nd30();
        let bar = |label: &str, value: f32, text: &str| Bar {
            label: label.into(),
            values: vec![value],
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
            ..Chart::default()
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

    #[test]
    fn hatching_stays_in_its_box_and_out_of_the_label() {
        let mut f = Frame::default();
        let r = [10.0, 20.0, 40.0, 18.0];
        let hole = [25.0, 22.0, 10.0, 14.0];
        hatch(&mut f, r, Some(hole), 0.0, [0xC0, 0, 0]);
        assert!(f.strokes.len() > 5);
        for s in &f.strokes {
            for (x, y) in [(s.x1, s.y1), (s.x2, s.y2)] {
                assert!((10.0 - 1e-3..=50.0 + 1e-3).contains(&x), "{s:?}");
                assert!((20.0 - 1e-3..=38.0 + 1e-3).contains(&y), "{s:?}");
            }
            // No point of the line inside the hole.
            for k in 0..=20 {
                let t = k as f32 / 20.0;
                let (x, y) = (s.x1 + (s.x2 - s.x1) * t, s.y1 + (s.y2 - s.y1) * t);
                let inside =
                    x > 25.0 + 1e-2 && x < 35.0 - 1e-2 && y > 22.0 + 1e-2 && y < 36.0 - 1e-2;
                assert!(!inside, "{s:?} crosses the label");
            }
        }
    }
}
