//! The style sheet: every size, font, margin and spacing of a document, with the values of
//! Decree 30/2020 (Phụ lục I) and its Mẫu 1.4 template as defaults. Both writers read it;
//! templates only name styles.

use std::collections::BTreeMap;

/// Gap between the bottom of a paragraph's last line and the rule drawn under it, pt; the
/// paragraph's space after follows the rule.
pub const RULE_GAP_PT: f32 = 3.0;

/// Typographic points per millimetre.
pub const PT_PER_MM: f32 = 72.0 / 25.4;

/// Twentieths of a point (twips, the DOCX's unit of length) per millimetre.
pub const TWIPS_PER_MM: f32 = 1440.0 / 25.4;

/// A length given in mm as the DOCX holds it, rounded to whole twips, in points. Word and
/// LibreOffice lay a page out with the DOCX's twips, so the PDF measures lines with the same
/// values: a line 0.03 pt narrower than the exact 165 mm still fits 9355 twips.
pub fn twips_pt(mm: f32) -> f32 {
    (mm * TWIPS_PER_MM).round() / 20.0
}

/// Line height of the Times New Roman metrics (winAscent 1825 + winDescent 443 + hhea line
/// gap 87 over 2048 units per em, i.e. 13.8 pt at 12 pt): what Word and LibreOffice call
/// "single" line spacing. Liberation Serif carries the same values, so both writers break
/// pages at the same lines.
pub const SINGLE_LINE_EM: f32 = (1825.0 + 443.0 + 87.0) / 2048.0;

/// Thickness of the solid rules under the Tiêu ngữ, the agency name and the trích yếu, pt.
/// Word border widths are eighths of a point: this is `w:sz="6"`.
pub const RULE_WIDTH_PT: f32 = 0.75;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
    Justify,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ParagraphStyle {
    pub size_pt: f32,
    pub bold: bool,
    pub italic: bool,
    pub align: Align,
    pub first_line_indent_mm: f32,
    pub left_indent_mm: f32,
    pub space_before_pt: f32,
    pub space_after_pt: f32,
    /// Multiple of single line spacing (1.0 – 1.5 for body text under ND30).
    pub line_spacing: f32,
    pub keep_with_next: bool,
    /// A solid rule centred under the paragraph, as long as this fraction of its widest line
    /// (1.0 under the Tiêu ngữ, 1/3 – 1/2 under the agency name and the trích yếu).
    pub rule_below: Option<f32>,
    /// Lines set as even as their count allows (headings and titles), never stretched.
    pub balance: bool,
}

impl ParagraphStyle {
    fn new(size_pt: f32) -> ParagraphStyle {
        ParagraphStyle {
            size_pt,
            bold: false,
            italic: false,
            align: Align::Left,
            first_line_indent_mm: 0.0,
            left_indent_mm: 0.0,
            space_before_pt: 0.0,
            space_after_pt: 0.0,
            line_spacing: 1.0,
            keep_with_next: false,
            rule_below: None,
            balance: false,
        }
    }
    fn bold(mut self) -> Self {
        self.bold = true;
        self
    }
    fn italic(mut self) -> Self {
        self.italic = true;
        self
    }
    fn align(mut self, a: Align) -> Self {
        self.align = a;
        self
    }
    fn space(mut self, before: f32, after: f32) -> Self {
        self.space_before_pt = before;
        self.space_after_pt = after;
        self
    }
    fn keep(mut self) -> Self {
        self.keep_with_next = true;
        self
    }
    fn balance(mut self) -> Self {
        self.balance = true;
        self
    }
    fn rule(mut self, fraction: f32) -> Self {
        self.rule_below = Some(fraction);
        self
    }
    fn indent(mut self, first_line_mm: f32) -> Self {
        self.first_line_indent_mm = first_line_mm;
        self
    }
    /// Height of one line in points.
    pub fn line_height_pt(&self) -> f32 {
        self.size_pt * SINGLE_LINE_EM * self.line_spacing
    }
}

/// Page margins in millimetres.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Margins {
    pub top: f32,
    pub bottom: f32,
    pub left: f32,
    pub right: f32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PageSetup {
    /// A4 portrait, mm.
    pub width_mm: f32,
    pub height_mm: f32,
    pub margins: Margins,
    /// Distance from the top edge to the page-number line, mm.
    pub header_distance_mm: f32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TableStyle {
    /// Left/right padding inside a cell, mm (Word's default 0.19 cm).
    pub cell_padding_x_mm: f32,
    /// Top/bottom padding inside a cell, mm.
    pub cell_padding_y_mm: f32,
    /// Border width of ruled tables, pt.
    pub border_pt: f32,
}

/// A colour, 8 bits per channel.
pub type Rgb8 = [u8; 3];

/// The horizontal bar chart: sizes in mm that both writers use as they are (the DOCX's
/// drawing extent and plot-area layout, the PDF's boxes), so the two look alike.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartStyle {
    /// Width of the whole chart, centred; a narrower text area narrows it.
    pub width_mm: f32,
    /// Column left of the bars for the category labels (they wrap inside it).
    pub label_width_mm: f32,
    /// Room right of the scale's end for the value label of a full bar.
    pub value_width_mm: f32,
    /// Band above the bars for the title (none when the title is empty).
    pub title_height_mm: f32,
    /// Height each category takes; its bar is centred in it.
    pub row_height_mm: f32,
    /// The least a category's band may shrink to when a chart takes the room left at a
    /// page's foot rather than move whole to the next page (the bar keeps its share of the
    /// band). A band is never below its label's lines either: the labels stay legible.
    pub min_row_height_mm: f32,
    pub bar_height_mm: f32,
    /// Band under the bars for the scale's numbers.
    pub axis_height_mm: f32,
    pub space_before_pt: f32,
    pub space_after_pt: f32,
    pub bar_color: Rgb8,
    pub grid_color: Rgb8,
    /// Axis lines, pt.
    pub axis_line_pt: f32,
    /// Grid lines at the scale's steps, pt.
    pub grid_line_pt: f32,
    /// Paragraph styles of the title, the category and value labels, the scale's numbers.
    pub title_style: String,
    pub label_style: String,
    pub axis_style: String,
    /// Stacked charts: the segments' looks, by the name a chart's series gives.
    pub series: Vec<SeriesStyle>,
    /// Stacked charts: the legend band under the scale, its entries in `legend_columns`
    /// columns of rows `legend_row_mm` high, each a `legend_key_mm` square and its text.
    pub legend_row_mm: f32,
    pub legend_columns: usize,
    pub legend_key_mm: f32,
    pub legend_style: String,
    /// Advance of one character of the value labels, mm: a segment shows its count only
    /// when the count fits inside it (both writers decide alike without shaping text).
    /// Times New Roman digits are half an em: 13 pt → 2.3 mm.
    pub label_char_mm: f32,
    /// Clearance between a label and the line or edge next to it, mm.
    pub label_gap_mm: f32,
}

/// The look of one series of a stacked chart. Colours are chosen to step in lightness so
/// that a grey-scale print still tells them apart; `hatch` (diagonal lines of that colour
/// over the fill) marks a series whatever the print.
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesStyle {
    pub name: String,
    pub fill: Rgb8,
    pub hatch: Option<Rgb8>,
    /// Colour of the count printed inside the segment.
    pub label_color: Rgb8,
}

impl ChartStyle {
    /// The style of series `name`.
    pub fn series_style(&self, name: &str) -> Result<&SeriesStyle, String> {
        self.series.iter().find(|s| s.name == name).ok_or_else(|| {
            let names: Vec<&str> = self.series.iter().map(|s| s.name.as_str()).collect();
            format!(
                "kiểu chuỗi số liệu biểu đồ \"{name}\" không có trong bảng kiểu; các kiểu có: {}",
                names.join(", ")
            )
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct StyleSheet {
    /// The font the DOCX names; the PDF embeds a metric-compatible face.
    pub font_family: String,
    pub page: PageSetup,
    pub table: TableStyle,
    pub chart: ChartStyle,
    pub styles: BTreeMap<String, ParagraphStyle>,
    /// Style of the page number in the page header.
    pub page_number_style: String,
}

/// Errors for template authors: a template named a style the sheet does not have.
pub fn unknown_style_message(name: &str, sheet: &StyleSheet) -> String {
    let names: Vec<&str> = sheet.styles.keys().map(String::as_str).collect();
    format!(
        "kiểu trình bày \"{name}\" không có trong bảng kiểu; các kiểu có: {}",
        names.join(", ")
    )
}

/// The report's statuses, darkest (done on time) to lightest (not started), overdue hatched
/// in red, not reported in neutral grey.
fn default_series() -> Vec<SeriesStyle> {
    let s = |name: &str, fill: Rgb8, hatch: Option<Rgb8>, label_color: Rgb8| SeriesStyle {
        name: name.to_string(),
        fill,
        hatch,
        label_color,
    };
    const WHITE: Rgb8 = [0xFF, 0xFF, 0xFF];
    const BLACK: Rgb8 = [0, 0, 0];
    vec![
        s("dung-han", [0x1F, 0x38, 0x64], None, WHITE),
        s("tre-han", [0x44, 0x72, 0xC4], None, WHITE),
        s("dang-thuc-hien", [0x9D, 0xC3, 0xE6], None, BLACK),
        s("chua-thuc-hien", [0xE7, 0xE6, 0xE6], None, BLACK),
        s(
            "qua-han",
            [0xF8, 0xCB, 0xAD],
            Some([0xC0, 0x00, 0x00]),
            BLACK,
        ),
        s("chua-bao-cao", [0x8C, 0x8C, 0x8C], None, BLACK),
    ]
}

impl StyleSheet {
    /// The Decree 30 defaults (sizes of Phụ lục I mục V and the Mẫu 1.4 template).
    pub fn nd30() -> StyleSheet {
        use Align::*;
        let body_indent = 10.0;
        let body = ParagraphStyle::new(14.0)
            .align(Justify)
            .indent(body_indent)
            .space(6.0, 0.0);
        // Headings are set ragged and balanced: a justified heading of two lines spreads its
        // first line wide to leave a word or two below.
        let heading = body.clone().align(Left).bold().keep().balance();
        let mut s: BTreeMap<String, ParagraphStyle> = BTreeMap::new();
        let mut add = |name: &str, st: ParagraphStyle| {
            s.insert(name.to_string(), st);
        };
        // Header block (ô 1–5).
        add("co-quan-chu-quan", ParagraphStyle::new(12.0).align(Center));
        add(
            "co-quan",
            ParagraphStyle::new(12.0).bold().align(Center).rule(0.4),
        );
        add(
            "so-ky-hieu",
            ParagraphStyle::new(13.0).align(Center).space(6.0, 0.0),
        );
        // A công văn's trích yếu "V/v …" (ô 5b): 12–13 pt, centred 6 pt under Số/ký hiệu.
        add(
            "trich-yeu-cong-van",
            ParagraphStyle::new(12.0).align(Center).space(6.0, 0.0),
        );
        add("quoc-hieu", ParagraphStyle::new(12.0).bold().align(Center));
        add(
            "tieu-ngu",
            ParagraphStyle::new(13.0).bold().align(Center).rule(1.0),
        );
        add(
            "dia-danh",
            ParagraphStyle::new(14.0)
                .italic()
                .align(Center)
                .space(6.0, 0.0),
        );
        add(
            "ten-loai",
            ParagraphStyle::new(14.0)
                .bold()
                .align(Center)
                .space(18.0, 0.0)
                .keep()
                .balance(),
        );
        add(
            "trich-yeu",
            ParagraphStyle::new(14.0)
                .bold()
                .align(Center)
                .space(0.0, 6.0)
                .rule(1.0 / 3.0)
                .keep()
                .balance(),
        );
        // Body (ô 6).
        add("body", body.clone());
        add("heading-1", heading.clone());
        add("heading-2", heading.clone());
        add("heading-3", heading);
        // Nơi nhận (ô 9b) and signature (ô 7).
        add(
            "noi-nhan",
            ParagraphStyle::new(12.0).bold().italic().space(12.0, 0.0),
        );
        add("noi-nhan-item", ParagraphStyle::new(11.0));
        add(
            "quyen-han",
            ParagraphStyle::new(14.0)
                .bold()
                .align(Center)
                .space(12.0, 0.0),
        );
        add("chuc-vu", ParagraphStyle::new(14.0).bold().align(Center));
        add(
            "ho-ten",
            ParagraphStyle::new(14.0)
                .bold()
                .align(Center)
                .space(72.0, 0.0),
        );
        // Appendices (ND30 III.1).
        add(
            "phu-luc",
            ParagraphStyle::new(14.0).bold().align(Center).keep(),
        );
        add(
            "phu-luc-tieu-de",
            ParagraphStyle::new(14.0)
                .bold()
                .align(Center)
                .keep()
                .balance(),
        );
        add(
            "phu-luc-kem-theo",
            ParagraphStyle::new(14.0)
                .italic()
                .align(Center)
                .space(0.0, 6.0)
                .rule(1.0 / 3.0)
                .keep(),
        );
        // Tables: ND30 sets no size; practice is 12–13 pt.
        add(
            "table-header",
            ParagraphStyle::new(13.0).bold().align(Center),
        );
        add("table-cell", ParagraphStyle::new(13.0));
        add("table-cell-center", ParagraphStyle::new(13.0).align(Center));
        add("table-group", ParagraphStyle::new(13.0).bold());
        add(
            "table-group-center",
            ParagraphStyle::new(13.0).bold().align(Center),
        );
        add("table-number", ParagraphStyle::new(13.0).align(Right));
        add(
            "table-number-bold",
            ParagraphStyle::new(13.0).bold().align(Right),
        );
        // Kính gửi (ô 9a): under the title block, one recipient on the line, several as a
        // list whose dashes stand under the colon.
        add(
            "kinh-gui",
            ParagraphStyle::new(14.0)
                .align(Center)
                .space(6.0, 6.0)
                .keep(),
        );
        add(
            "kinh-gui-nhan",
            ParagraphStyle::new(14.0).align(Right).space(6.0, 0.0),
        );
        add("kinh-gui-dong", ParagraphStyle::new(14.0).space(6.0, 0.0));
        // Captions of figures and tables in the body, and the unit line above a table.
        add(
            "chu-thich",
            ParagraphStyle::new(14.0)
                .italic()
                .align(Center)
                .space(6.0, 3.0)
                .keep(),
        );
        add(
            "don-vi-tinh",
            ParagraphStyle::new(12.0)
                .italic()
                .align(Right)
                .space(3.0, 3.0)
                .keep(),
        );
        // Statistical forms (Biểu số 06/VPCP/KSTT): 13 columns on a turned page, 11–12 pt.
        add("bieu-so", ParagraphStyle::new(12.0).bold());
        add("bieu-ghi", ParagraphStyle::new(11.0).italic());
        add("bieu-ky", ParagraphStyle::new(12.0).italic().align(Center));
        add("bieu-don-vi", ParagraphStyle::new(12.0));
        add(
            "bieu-header",
            ParagraphStyle::new(11.0).bold().align(Center),
        );
        add("bieu-cot", ParagraphStyle::new(11.0).italic().align(Center));
        add("bieu-cell", ParagraphStyle::new(12.0));
        add("bieu-cell-center", ParagraphStyle::new(12.0).align(Center));
        add("bieu-number", ParagraphStyle::new(12.0).align(Right));
        add("bieu-total", ParagraphStyle::new(12.0).bold().align(Center));
        add(
            "bieu-total-number",
            ParagraphStyle::new(12.0).bold().align(Right),
        );
        // Charts: text at table size.
        add(
            "chart-title",
            ParagraphStyle::new(13.0).bold().align(Center),
        );
        // Category and value labels: the chart's layout places them, the style sets the text.
        add("chart-label", ParagraphStyle::new(13.0));
        add("chart-axis", ParagraphStyle::new(12.0).align(Center));
        // Page number: 13–14 pt, centred in the top margin.
        add("so-trang", ParagraphStyle::new(13.0).align(Center));
        StyleSheet {
            font_family: "Times New Roman".to_string(),
            page: PageSetup {
                width_mm: 210.0,
                height_mm: 297.0,
                margins: Margins {
                    top: 20.0,
                    bottom: 20.0,
                    left: 30.0,
                    right: 15.0,
                },
                header_distance_mm: 10.0,
            },
            table: TableStyle {
                cell_padding_x_mm: 1.9,
                cell_padding_y_mm: 0.5,
                border_pt: 0.5,
            },
            chart: ChartStyle {
                width_mm: 160.0,
                label_width_mm: 50.0,
                value_width_mm: 20.0,
                title_height_mm: 10.0,
                row_height_mm: 11.0,
                // A 13 pt label line (5.3 mm) with about 0.85 mm clear above and below.
                min_row_height_mm: 7.0,
                bar_height_mm: 6.5,
                axis_height_mm: 8.0,
                // Nothing after: the next paragraph's space before separates it. Word adds
                // the two spacings, LibreOffice takes the larger after an inline chart;
                // with one of them zero both give the same page.
                space_before_pt: 6.0,
                space_after_pt: 0.0,
                bar_color: [0x1F, 0x38, 0x64],
                grid_color: [0xBF, 0xBF, 0xBF],
                axis_line_pt: 0.75,
                grid_line_pt: 0.5,
                title_style: "chart-title".to_string(),
                label_style: "chart-label".to_string(),
                axis_style: "chart-axis".to_string(),
                series: default_series(),
                legend_row_mm: 6.0,
                legend_columns: 3,
                legend_key_mm: 3.5,
                legend_style: "chart-axis".to_string(),
                label_char_mm: 2.3,
                label_gap_mm: 1.5,
            },
            styles: s,
            page_number_style: "so-trang".to_string(),
        }
    }

    pub fn get(&self, name: &str) -> Option<&ParagraphStyle> {
        self.styles.get(name)
    }

    /// Page size (width, height) in mm for an orientation.
    pub fn page_size_mm(&self, o: crate::ir::Orientation) -> (f32, f32) {
        match o {
            crate::ir::Orientation::Portrait => (self.page.width_mm, self.page.height_mm),
            crate::ir::Orientation::Landscape => (self.page.height_mm, self.page.width_mm),
        }
    }

    /// A turned page keeps the document's margins, measured on the page as it is read: the
    /// binding edge (left, 30 mm) stays on the left of the text, as in the decree's own sample,
    /// so an appendix's text and title sit on the same axis as the portrait pages'.
    pub fn margins(&self, _o: crate::ir::Orientation) -> Margins {
        self.page.margins
    }

    /// Width of the text area in mm.
    pub fn text_width_mm(&self, o: crate::ir::Orientation) -> f32 {
        let m = self.margins(o);
        self.page_size_mm(o).0 - m.left - m.right
    }

    /// Width of the text area in points as the DOCX states it: page width less margins, each
    /// in whole twips. Lines are broken to this width.
    pub fn text_width_pt(&self, o: crate::ir::Orientation) -> f32 {
        let m = self.margins(o);
        twips_pt(self.page_size_mm(o).0) - twips_pt(m.left) - twips_pt(m.right)
    }

    /// Sets the body text size on every body-level style (ND30: one size throughout).
    pub fn set_body_size(&mut self, pt: f32) {
        for name in ["body", "heading-1", "heading-2", "heading-3"] {
            if let Some(s) = self.styles.get_mut(name) {
                s.size_pt = pt;
            }
        }
    }

    pub fn set_body_line_spacing(&mut self, multiple: f32) {
        for name in ["body", "heading-1", "heading-2", "heading-3"] {
            if let Some(s) = self.styles.get_mut(name) {
                s.line_spacing = multiple;
            }
        }
    }

    pub fn set_body_indent(&mut self, mm: f32) {
        for name in ["body", "heading-1", "heading-2", "heading-3"] {
            if let Some(s) = self.styles.get_mut(name) {
                s.first_line_indent_mm = mm;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_within_nd30_ranges() {
        let s = StyleSheet::nd30();
        let body = s.get("body").unwrap();
        assert!((13.0..=14.0).contains(&body.size_pt));
        assert_eq!(body.align, Align::Justify);
        assert!(body.space_before_pt + body.space_after_pt >= 6.0);
        assert!((10.0..=12.7).contains(&body.first_line_indent_mm));
        let m = s.page.margins;
        assert!((20.0..=25.0).contains(&m.top) && (20.0..=25.0).contains(&m.bottom));
        assert!((30.0..=35.0).contains(&m.left) && (15.0..=20.0).contains(&m.right));
        let nn = s.get("noi-nhan").unwrap();
        assert!(nn.bold && nn.italic && nn.size_pt == 12.0);
        assert_eq!(s.get("noi-nhan-item").unwrap().size_pt, 11.0);
        assert_eq!(s.get("phu-luc").unwrap().size_pt, 14.0);
        assert_eq!(s.get("tieu-ngu").unwrap().rule_below, Some(1.0));
    }
}
