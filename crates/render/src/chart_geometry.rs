//! Where a chart's parts go, in millimetres from the chart's top-left corner. Both writers
//! take their boxes from here (the DOCX as its drawing extent and plot-area layout, the PDF
//! as the rectangles it draws), so a chart has the same size and proportions in both.

use crate::ir::Chart;
use crate::style::ChartStyle;

#[derive(Debug, Clone, PartialEq)]
pub struct ChartGeometry {
    pub width_mm: f32,
    pub height_mm: f32,
    /// Height of the title band at the top (0 without a title).
    pub title_mm: f32,
    /// The plot area: the bars' box, category labels to its left, scale numbers under it.
    pub plot_x_mm: f32,
    pub plot_y_mm: f32,
    pub plot_w_mm: f32,
    pub plot_h_mm: f32,
    /// Band of one category and the bar's thickness inside it.
    pub row_mm: f32,
    pub bar_mm: f32,
    /// The scale's step and its marks from 0 up to `max` (grid lines, numbers).
    pub step: f32,
    pub ticks: Vec<f32>,
    /// Stacked charts: the legend band under the scale's numbers (0 high without series),
    /// its rows and columns of entries.
    pub legend_y_mm: f32,
    pub legend_mm: f32,
    pub legend_columns: usize,
    pub legend_row_mm: f32,
    /// Clearance between a label and the line or edge next to it.
    pub label_gap_mm: f32,
    /// Estimated advance of one value-label character (see `ChartStyle::label_char_mm`).
    pub label_char_mm: f32,
    /// Side of a legend entry's key square.
    pub legend_key_mm: f32,
}

/// One segment of a bar: where it starts right of the axis and how long it is, mm, with the
/// series it belongs to (0 for a plain bar) and its value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Segment {
    pub series: usize,
    pub x_mm: f32,
    pub w_mm: f32,
    pub value: f32,
}

impl ChartGeometry {
    /// The geometry of `chart` in a text area `text_width_mm` wide.
    pub fn new(
        chart: &Chart,
        style: &ChartStyle,
        text_width_mm: f32,
    ) -> Result<ChartGeometry, String> {
        chart.check()?;
        let lengths = [
            style.width_mm,
            style.label_width_mm,
            style.value_width_mm,
            style.title_height_mm,
            style.row_height_mm,
            style.min_row_height_mm,
            style.bar_height_mm,
            style.axis_height_mm,
            style.space_before_pt,
            style.space_after_pt,
            style.axis_line_pt,
            style.grid_line_pt,
            style.legend_row_mm,
            style.legend_key_mm,
            style.label_char_mm,
            style.label_gap_mm,
        ];
        if !lengths.iter().all(|v| v.is_finite() && *v >= 0.0)
            || style.row_height_mm <= 0.0
            || style.legend_columns == 0
        {
            return Err("kích thước biểu đồ trong bảng kiểu không hợp lệ".to_string());
        }
        let width_mm = style.width_mm.min(text_width_mm);
        let plot_w_mm = width_mm - style.label_width_mm - style.value_width_mm;
        if plot_w_mm.is_nan() || plot_w_mm < 10.0 {
            return Err(format!(
                "vùng chữ rộng {text_width_mm:.1} mm, quá hẹp để vẽ biểu đồ"
            ));
        }
        let title_mm = if chart.title.trim().is_empty() {
            0.0
        } else {
            style.title_height_mm
        };
        let plot_h_mm = style.row_height_mm * chart.bars.len() as f32;
        let step = nice_step(chart.max);
        let mut ticks = Vec::new();
        let mut k = 0u32;
        loop {
            let t = step * k as f32;
            // Tolerance for steps that are not exact in binary (0.1, 0.2).
            if t > chart.max * (1.0 + 1e-5) || k > 100 {
                break;
            }
            ticks.push(t);
            k += 1;
        }
        let legend_rows = chart.series.len().div_ceil(style.legend_columns);
        let legend_y_mm = title_mm + plot_h_mm + style.axis_height_mm;
        let legend_mm = style.legend_row_mm * legend_rows as f32;
        Ok(ChartGeometry {
            width_mm,
            height_mm: legend_y_mm + legend_mm,
            title_mm,
            plot_x_mm: style.label_width_mm,
            plot_y_mm: title_mm,
            plot_w_mm,
            plot_h_mm,
            row_mm: style.row_height_mm,
            bar_mm: style.bar_height_mm.min(style.row_height_mm),
            step,
            ticks,
            legend_y_mm,
            legend_mm,
            legend_columns: style.legend_columns,
            legend_row_mm: style.legend_row_mm,
            label_gap_mm: style.label_gap_mm,
            label_char_mm: style.label_char_mm,
            legend_key_mm: style.legend_key_mm,
        })
    }

    /// The same chart at most `height_mm` tall, for the room left at a page's foot: every
    /// category's band shrinks alike and each bar keeps its share of its band; title, axis
    /// and widths stay. Never taller than the natural height: a chart shrinks to fill a
    /// page, it does not stretch (a stretched chart only spreads the same bars apart). The
    /// caller keeps the band legible (see [`ChartGeometry::min_height_mm`]).
    pub fn fit_to(self, height_mm: f32) -> ChartGeometry {
        let n = self.categories();
        let fixed = self.height_mm - self.plot_h_mm;
        let row = (height_mm - fixed) / n as f32;
        if !(row.is_finite() && row > 0.0 && row < self.row_mm) {
            return self;
        }
        let bar_mm = self.bar_mm * row / self.row_mm;
        let plot_h_mm = row * n as f32;
        ChartGeometry {
            height_mm: fixed + plot_h_mm,
            // The legend band under the scale moves up with the plot's foot.
            legend_y_mm: self.legend_y_mm - (self.plot_h_mm - plot_h_mm),
            plot_h_mm,
            row_mm: row,
            bar_mm,
            ..self
        }
    }

    /// The least height this chart may take: each band at the style's minimum, and at least
    /// `label_mm` (its tallest category label), but never more than the natural height.
    pub fn min_height_mm(&self, style: &ChartStyle, label_mm: f32) -> f32 {
        let row = style.min_row_height_mm.max(label_mm).min(self.row_mm);
        self.height_mm - self.plot_h_mm + row * self.categories() as f32
    }

    /// Number of categories (bands) in the plot area.
    fn categories(&self) -> usize {
        (self.plot_h_mm / self.row_mm).round().max(1.0) as usize
    }

    /// The segments of bar `i`, left to right, empty ones left out: a plain bar's one, a
    /// stacked bar's one per series, as shares of the bar's total on a percent chart.
    pub fn segments(&self, chart: &Chart, i: usize) -> Vec<Segment> {
        let Some(bar) = chart.bars.get(i) else {
            return Vec::new();
        };
        let whole = if chart.percent {
            bar.total()
        } else {
            chart.max
        };
        if whole <= 0.0 {
            return Vec::new();
        }
        let mut sum = 0.0;
        let mut out = Vec::new();
        for (series, &value) in bar.values.iter().enumerate() {
            // From the running sum, so segments meet exactly and the last ends at the total.
            let x_mm = self.bar_length_mm(sum, whole);
            sum += value;
            let w_mm = self.bar_length_mm(sum, whole) - x_mm;
            if w_mm > 0.0 {
                out.push(Segment {
                    series,
                    x_mm,
                    w_mm,
                    value,
                });
            }
        }
        out
    }

    /// Where bar `i` ends right of the axis, mm.
    pub fn bar_end_mm(&self, chart: &Chart, i: usize) -> f32 {
        self.segments(chart, i)
            .last()
            .map_or(0.0, |s| s.x_mm + s.w_mm)
    }

    /// Whether a stacked segment `w_mm` long shows its count `text` inside: the text and a
    /// gap either side must fit, else the label is left out (the table gives the number).
    pub fn label_fits(&self, w_mm: f32, text: &str) -> bool {
        w_mm >= self.text_mm(text) + 2.0 * self.label_gap_mm
    }

    /// Estimated width of a value label, mm.
    pub fn text_mm(&self, text: &str) -> f32 {
        self.label_char_mm * text.chars().count() as f32
    }

    /// The pieces, top and bottom in mm, of the grid line `x_mm` right of the axis: it runs
    /// the plot's height but stops where a bar or its end label covers it, so no label ever
    /// sits on a grid line.
    pub fn grid_runs(&self, chart: &Chart, x_mm: f32) -> Vec<(f32, f32)> {
        let mut runs = Vec::new();
        let mut top = self.plot_y_mm;
        for (i, bar) in chart.bars.iter().enumerate() {
            let mut end = self.bar_end_mm(chart, i);
            if !bar.text.is_empty() {
                end += self.label_gap_mm + self.text_mm(&bar.text) + self.label_gap_mm;
            }
            if x_mm <= end {
                let bar_top = self.bar_top_mm(i);
                if bar_top > top {
                    runs.push((top, bar_top));
                }
                top = bar_top + self.bar_mm;
            }
        }
        let bottom = self.plot_y_mm + self.plot_h_mm;
        if bottom > top {
            runs.push((top, bottom));
        }
        runs
    }

    /// Top-left corner of legend entry `k`'s key square, mm: entries fill rows of
    /// `legend_columns` equal cells across the chart, each key centred in its row's height.
    pub fn legend_key_at(&self, k: usize) -> (f32, f32) {
        let cell = self.width_mm / self.legend_columns as f32;
        let (row, col) = (k / self.legend_columns, k % self.legend_columns);
        let row_mm = self.legend_row_mm;
        (
            cell * col as f32 + self.label_gap_mm,
            self.legend_y_mm + row_mm * row as f32 + (row_mm - self.legend_key_mm) / 2.0,
        )
    }

    /// Width of a legend cell, mm.
    pub fn legend_cell_mm(&self) -> f32 {
        self.width_mm / self.legend_columns as f32
    }

    /// Length of the bar for `value`, mm.
    pub fn bar_length_mm(&self, value: f32, max: f32) -> f32 {
        (value / max).clamp(0.0, 1.0) * self.plot_w_mm
    }

    /// Top of the bar of category `i`, mm.
    pub fn bar_top_mm(&self, i: usize) -> f32 {
        self.plot_y_mm + self.row_mm * i as f32 + (self.row_mm - self.bar_mm) / 2.0
    }
}

/// A step of 1, 2 or 5 times a power of ten giving at most five intervals up to `max`
/// (0, 20, …, 100 for 100), so the scale's numbers are round.
pub fn nice_step(max: f32) -> f32 {
    let raw = f64::from(max) / 5.0;
    if !(raw.is_finite() && raw > 0.0) {
        return 1.0;
    }
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw * (1.0 - 1e-9))
        .unwrap_or(10.0 * magnitude);
    step as f32
}

/// A scale number as Vietnamese writes it: decimal comma, no thousands separator.
pub fn tick_text(v: f32) -> String {
    let rounded = (f64::from(v) * 1000.0).round() / 1000.0;
    format!("{rounded}").replace('.', ",")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::Bar;
    use crate::style::StyleSheet;

    fn chart(n: usize, max: f32, title: &str) -> Chart {
        Chart {
            title: title.into(),
            max,
            bars: (0..n)
                .map(|i| Bar {
                    label: format!("Đơn vị {i}"),
                    values: vec![max / 2.0],
                    text: "x".into(),
                })
                .collect(),
            ..Chart::default()
        }
    }

    fn stacked(rows: &[[f32; 3]]) -> Chart {
        Chart {
            title: "Tình hình".into(),
            max: 100.0,
            percent: true,
            series: ["dung-han", "dang-thuc-hien", "qua-han"]
                .iter()
                .map(|s| crate::ir::Series {
                    name: s.to_string(),
                    style: s.to_string(),
                })
                .collect(),
            bars: rows
                .iter()
                .enumerate()
                .map(|(i, v)| Bar {
                    label: format!("Chỉ số {i}"),
                    values: v.to_vec(),
                    text: String::new(),
                })
                .collect(),
        }
    }

    #[test]
    fn percent_bars_split_the_plot_by_share() {
        let st = StyleSheet::nd30();
        let c = stacked(&[[1.0, 2.0, 1.0], [0.0, 3.0, 0.0]]);
        let g = ChartGeometry::new(&c, &st.chart, 165.0).unwrap();
        let s = g.segments(&c, 0);
        let widths: Vec<f32> = s.iter().map(|s| s.w_mm).collect();
        assert_eq!(widths, [22.5, 45.0, 22.5]);
        assert_eq!(s[2].x_mm, 67.5);
        // Empty segments are left out; a lone one is the whole bar.
        let s = g.segments(&c, 1);
        assert_eq!(s.len(), 1);
        assert_eq!((s[0].series, s[0].w_mm), (1, 90.0));
        // Three series in three columns: one legend row under the scale.
        assert_eq!(g.legend_mm, st.chart.legend_row_mm);
        assert_eq!(g.height_mm, 10.0 + 2.0 * 11.0 + 8.0 + 6.0);
        assert_eq!(g.legend_key_at(2).1, g.legend_key_at(0).1);
        assert!(g.legend_key_at(1).0 > g.legend_key_at(0).0);
        // A count fits when its text and a gap either side do.
        assert!(g.label_fits(22.5, "12"));
        assert!(!g.label_fits(4.0, "12"));
    }

    #[test]
    fn grid_lines_stop_at_bars_and_their_labels() {
        let st = StyleSheet::nd30();
        let c = stacked(&[[1.0, 2.0, 1.0], [0.0, 3.0, 0.0]]);
        let g = ChartGeometry::new(&c, &st.chart, 165.0).unwrap();
        // Full bars: the grid shows only between them.
        let runs = g.grid_runs(&c, 45.0);
        assert_eq!(runs.len(), 3);
        assert_eq!(runs[0], (g.plot_y_mm, g.bar_top_mm(0)));
        assert_eq!(runs[1], (g.bar_top_mm(0) + g.bar_mm, g.bar_top_mm(1)));
        // A plain bar at half the scale with its end label: the line at 60 % of the plot
        // (past the bar, under the label) is interrupted, the one at 100 % is whole.
        let plain = chart(1, 100.0, "");
        let g = ChartGeometry::new(&plain, &st.chart, 165.0).unwrap();
        assert_eq!(g.grid_runs(&plain, 0.5 * g.plot_w_mm + 2.0).len(), 2);
        assert_eq!(
            g.grid_runs(&plain, g.plot_w_mm),
            [(g.plot_y_mm, g.plot_y_mm + g.plot_h_mm)]
        );
    }

    #[test]
    fn steps_are_round() {
        assert_eq!(nice_step(100.0), 20.0);
        assert_eq!(nice_step(50.0), 10.0);
        assert_eq!(nice_step(30.0), 10.0);
        assert_eq!(nice_step(1.0), 0.2);
        assert_eq!(tick_text(0.2 * 3.0), "0,6");
        assert_eq!(tick_text(1000.0), "1000");
    }

    #[test]
    fn sizes_follow_the_style_sheet() {
        let st = StyleSheet::nd30();
        let g = ChartGeometry::new(&chart(4, 100.0, "Tỷ lệ"), &st.chart, 165.0).unwrap();
        assert_eq!(g.width_mm, 160.0);
        assert_eq!(g.height_mm, 10.0 + 4.0 * 11.0 + 8.0);
        assert_eq!(g.plot_w_mm, 160.0 - 50.0 - 20.0);
        assert_eq!(g.ticks, vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]);
        assert_eq!(g.bar_length_mm(50.0, 100.0), g.plot_w_mm / 2.0);
        let untitled = ChartGeometry::new(&chart(1, 100.0, " "), &st.chart, 165.0).unwrap();
        assert_eq!(untitled.title_mm, 0.0);
        let narrow = ChartGeometry::new(&chart(1, 100.0, ""), &st.chart, 60.0).unwrap_err();
        assert!(narrow.contains("quá hẹp"), "{narrow}");
        assert!(ChartGeometry::new(&chart(0, 100.0, ""), &st.chart, 165.0).is_err());
    }

    #[test]
    fn a_chart_shrinks_its_bands_to_fit_and_never_stretches() {
        let st = StyleSheet::nd30();
        let g = ChartGeometry::new(&chart(4, 100.0, "Tỷ lệ"), &st.chart, 165.0).unwrap();
        // 10 title + 4 bands + 8 axis = 50 mm: bands of 8 mm, bars keep 6.5/11 of them.
        let f = g.clone().fit_to(50.0);
        assert!((f.height_mm - 50.0).abs() < 1e-4, "{f:?}");
        assert!((f.row_mm - 8.0).abs() < 1e-4);
        assert!((f.bar_mm - 6.5 * 8.0 / 11.0).abs() < 1e-4);
        assert_eq!((f.title_mm, f.plot_w_mm, f.width_mm), (10.0, 90.0, 160.0));
        assert!(f.bar_top_mm(3) + f.bar_mm < f.plot_y_mm + f.plot_h_mm);
        assert_eq!(g.clone().fit_to(200.0), g, "no stretching");
        assert_eq!(g.clone().fit_to(-5.0), g, "no band of zero or less");
        // Bands of the style's minimum, or of the tallest label when that is taller.
        assert_eq!(g.min_height_mm(&st.chart, 0.0), 18.0 + 4.0 * 7.0);
        assert!((g.min_height_mm(&st.chart, 10.5) - (18.0 + 42.0)).abs() < 1e-4);
        assert_eq!(g.min_height_mm(&st.chart, 30.0), g.height_mm);
        // A stacked chart's legend moves up with the plot's foot.
        let c = stacked(&[[1.0, 2.0, 1.0], [0.0, 3.0, 0.0]]);
        let g = ChartGeometry::new(&c, &st.chart, 165.0).unwrap();
        let f = g.clone().fit_to(g.height_mm - 4.0);
        assert!((f.legend_y_mm - (g.legend_y_mm - 4.0)).abs() < 1e-4);
        assert!((f.legend_y_mm + f.legend_mm - f.height_mm).abs() < 1e-4);
    }
}
