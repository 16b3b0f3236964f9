//! Document IR: what a document says and how it is cut into sections, paragraphs and
//! tables. How it *looks* (sizes, fonts, spacing) lives in the style sheet; the IR only names
//! styles, so the DOCX and PDF writers cannot drift apart.

/// A whole document: metadata plus page sections.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document {
    pub meta: Meta,
    pub sections: Vec<Section>,
}

impl Document {
    /// Blocks and table rows: a measure of how much memory the writers need.
    pub fn size(&self) -> usize {
        self.sections
            .iter()
            .flat_map(|s| &s.blocks)
            .map(|b| match b {
                Block::Table(t) => 1 + t.rows.len(),
                _ => 1,
            })
            .sum()
    }
}

/// Document metadata written into DOCX core properties and the PDF info dictionary.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Meta {
    /// The trích yếu.
    pub title: String,
    /// The issuing body.
    pub author: String,
    /// BCP 47 language tag, "vi".
    pub language: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Orientation {
    #[default]
    Portrait,
    Landscape,
}

/// A run of pages with one orientation; every section after the first starts a new page.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Section {
    pub orientation: Orientation,
    /// Restart page numbering at 1 (each Phụ lục is numbered on its own, ND30 III.1.đ).
    pub restart_page_numbers: bool,
    /// Show the page number on this section's first page (ND30: never on the document's page 1).
    pub number_first_page: bool,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Paragraph(Paragraph),
    Table(Table),
    Chart(Chart),
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Paragraph {
    /// Name of a paragraph style in the style sheet.
    pub style: String,
    pub runs: Vec<Run>,
    /// Keep on the same page as the next block, whatever the style says (the last body
    /// paragraph with the Nơi nhận and signature block).
    pub keep_with_next: bool,
}

impl Paragraph {
    /// The paragraph's text, line breaks as '\n'.
    pub fn text(&self) -> String {
        self.runs
            .iter()
            .map(|r| match &r.kind {
                RunKind::Text(t) => t.as_str(),
                RunKind::LineBreak => "\n",
            })
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum RunKind {
    Text(String),
    LineBreak,
}

/// A piece of text with emphasis relative to its paragraph style: `None` keeps the style's
/// value, `Some` overrides it.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub kind: RunKind,
    pub bold: Option<bool>,
    pub italic: Option<bool>,
}

impl Run {
    pub fn text(t: impl Into<String>) -> Run {
        Run {
            kind: RunKind::Text(t.into()),
            bold: None,
            italic: None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum VAlign {
    #[default]
    Top,
    Center,
    Bottom,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// Column widths in millimetres. For a table with `fit_width`, they are relative weights
    /// scaled to the text width of the page.
    pub columns: Vec<f32>,
    pub fit_width: bool,
    /// Offset of the table's left edge from the left margin, mm (ND30 header: -3.5 mm).
    pub indent_mm: f32,
    pub borders: bool,
    /// The first `header_rows` rows repeat at the top of every page the table continues on.
    pub header_rows: usize,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Row {
    pub cells: Vec<Cell>,
    /// Keep this row on the same page as the next one (a group row with its first row).
    pub keep_with_next: bool,
    /// The row must not break across pages.
    pub cant_split: bool,
}

/// A cell. Cells covered by another cell's colspan/rowspan are not listed: a row holds only
/// the cells that start in it, left to right, and the writers place them on the grid.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub colspan: usize,
    pub rowspan: usize,
    pub valign: VAlign,
    pub paragraphs: Vec<Paragraph>,
}

impl Default for Cell {
    fn default() -> Self {
        Cell {
            colspan: 1,
            rowspan: 1,
            valign: VAlign::Top,
            paragraphs: Vec::new(),
        }
    }
}

/// A horizontal bar chart: one bar per category, top to bottom in order, on a fixed scale
/// 0..=max. A chart with `series` stacks each bar from one segment per series, left to
/// right, with a legend; `percent` draws each bar as its segments' shares of the bar's total
/// (the scale is then 0..=100 %). Its size, colours and fonts come from the style sheet's
/// chart entry; it never breaks across pages.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Chart {
    /// Shown above the bars; empty for none.
    pub title: String,
    /// The scale's end; a plain or stacked bar is `sum of values / max` of the plot's width.
    pub max: f32,
    /// Bars as shares of their totals (100 % stacked); `max` is then 100.
    pub percent: bool,
    /// The legend's entries, one per segment of every bar; empty for plain bars.
    pub series: Vec<Series>,
    pub bars: Vec<Bar>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Series {
    /// The legend's text.
    pub name: String,
    /// The style sheet's series style (fill, pattern, label colour).
    pub style: String,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Bar {
    /// The category, left of the bar.
    pub label: String,
    /// One value for a plain bar; one per series, in the series' order, for a stacked one.
    pub values: Vec<f32>,
    /// The label printed at the bar's end, e.g. "85,7%": fixed text, so every renderer shows
    /// the same characters whatever its locale. Empty for none.
    pub text: String,
}

impl Bar {
    pub fn total(&self) -> f32 {
        self.values.iter().sum()
    }
}

impl Chart {
    /// Whether the bars are stacked from series' segments.
    pub fn is_stacked(&self) -> bool {
        !self.series.is_empty()
    }

    /// Rejects what the writers cannot draw (an IR built in code skips the markup's checks).
    pub fn check(&self) -> Result<(), String> {
        if !(self.max.is_finite() && self.max > 0.0) {
            return Err(format!(
                "giá trị lớn nhất (max) của biểu đồ phải là số dương, nhận được {}",
                self.max
            ));
        }
        if self.bars.is_empty() {
            return Err("biểu đồ không có cột (bar) nào".to_string());
        }
        if self.percent && !(self.is_stacked() && self.max == 100.0) {
            return Err(
                "biểu đồ tỷ lệ phần trăm (percent) cần các chuỗi số liệu (series) và max là 100"
                    .into(),
            );
        }
        let n = self.series.len().max(1);
        for (i, b) in self.bars.iter().enumerate() {
            if b.values.len() != n {
                return Err(format!(
                    "cột {} (\"{}\") của biểu đồ có {} giá trị, cần {n} (một cho mỗi chuỗi số liệu)",
                    i + 1,
                    b.label,
                    b.values.len()
                ));
            }
            let total = b.total();
            let fits = b.values.iter().all(|v| v.is_finite() && *v >= 0.0)
                && (self.percent || total <= self.max);
            if !fits {
                return Err(format!(
                    "cột {} (\"{}\") của biểu đồ có giá trị {}, cần từ 0 đến {}",
                    i + 1,
                    b.label,
                    total,
                    self.max
                ));
            }
        }
        Ok(())
    }
}

/// One cell of a table's grid after spans are resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GridSlot {
    /// The top-left corner of cell `cell` of row `row`.
    Origin { row: usize, cell: usize },
    /// Covered by the span of the cell whose origin is at (row, cell).
    Covered { row: usize, cell: usize },
}

impl Table {
    /// Column widths in mm in a text area `text_width_mm` wide; both writers size their
    /// columns from this. A fit-width table shares out the width its indent leaves (a table
    /// moved left by a negative indent still ends at the right margin); other tables keep
    /// their widths.
    pub fn column_widths_mm(&self, text_width_mm: f32) -> Result<Vec<f32>, String> {
        if self.columns.is_empty() {
            return Err("bảng không có cột nào".to_string());
        }
        if self.columns.iter().any(|c| !c.is_finite() || *c <= 0.0) {
            return Err(format!(
                "độ rộng cột của bảng phải là số dương, nhận được {:?}",
                self.columns
            ));
        }
        Ok(if self.fit_width {
            let avail = text_width_mm - self.indent_mm;
            let total: f32 = self.columns.iter().sum();
            self.columns.iter().map(|w| w / total * avail).collect()
        } else {
            self.columns.clone()
        })
    }

    /// Places every cell on the grid: `grid[r][c]`. Fails (with a message for the template
    /// author) when spans overlap or rows do not fill the columns exactly.
    pub fn grid(&self) -> Result<Vec<Vec<GridSlot>>, String> {
        let ncols = self.columns.len();
        let mut grid: Vec<Vec<Option<GridSlot>>> = vec![vec![None; ncols]; self.rows.len()];
        for (r, row) in self.rows.iter().enumerate() {
            let mut c = 0;
            for (i, cell) in row.cells.iter().enumerate() {
                while c < ncols && grid[r][c].is_some() {
                    c += 1;
                }
                if c + cell.colspan > ncols {
                    return Err(format!(
                        "dòng {} của bảng có nhiều ô hơn số cột ({ncols})",
                        r + 1
                    ));
                }
                if r + cell.rowspan > self.rows.len() {
                    return Err(format!(
                        "ô {} của dòng {} gộp {} dòng, vượt quá cuối bảng",
                        i + 1,
                        r + 1,
                        cell.rowspan
                    ));
                }
                for (rr, grid_row) in grid.iter_mut().enumerate().skip(r).take(cell.rowspan) {
                    for (cc, slot) in grid_row.iter_mut().enumerate().skip(c).take(cell.colspan) {
                        if slot.is_some() {
                            return Err(format!(
                                "ô {} của dòng {} chồng lên một ô đã gộp",
                                i + 1,
                                r + 1
                            ));
                        }
                        *slot = Some(if rr == r && cc == c {
                            GridSlot::Origin { row: r, cell: i }
                        } else {
                            GridSlot::Covered { row: r, cell: i }
                        });
                    }
                }
                c += cell.colspan;
            }
        }
        grid.into_iter()
            .enumerate()
            .map(|(r, row)| {
                row.into_iter().collect::<Option<Vec<_>>>().ok_or_else(|| {
                    format!("dòng {} của bảng thiếu ô so với số cột ({ncols})", r + 1)
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(colspan: usize, rowspan: usize) -> Cell {
        Cell {
            colspan,
            rowspan,
            ..Cell::default()
        }
    }

    #[test]
    fn grid_places_merged_header_cells() {
        // TT | Lĩnh vực | Phân công (2 cols) | Thời gian ; then chủ trì | phối hợp
        let t = Table {
            columns: vec![1.0; 5],
            rows: vec![
                Row {
                    cells: vec![cell(1, 2), cell(1, 2), cell(2, 1), cell(1, 2)],
                    ..Row::default()
                },
                Row {
                    cells: vec![cell(1, 1), cell(1, 1)],
                    ..Row::default()
                },
            ],
            ..Table::default()
        };
        let g = t.grid().unwrap();
        assert_eq!(g[1][2], GridSlot::Origin { row: 1, cell: 0 });
        assert_eq!(g[1][3], GridSlot::Origin { row: 1, cell: 1 });
        assert_eq!(g[1][0], GridSlot::Covered { row: 0, cell: 0 });
        assert_eq!(g[0][3], GridSlot::Covered { row: 0, cell: 2 });
        assert_eq!(g[1][4], GridSlot::Covered { row: 0, cell: 3 });
    }

    #[test]
    fn chart_check_rejects_what_cannot_be_drawn() {
        let bar = |value: f32| Bar {
            label: "PAPI".into(),
            values: vec![value],
            text: "x".into(),
        };
        let ok = Chart {
            title: String::new(),
            max: 100.0,
            bars: vec![bar(0.0), bar(100.0)],
            ..Chart::default()
        };
        assert!(ok.check().is_ok());
        let e = Chart {
            max: 0.0,
            ..ok.clone()
        }
        .check()
        .unwrap_err();
        assert!(e.contains("max"), "{e}");
        let e = Chart {
            max: f32::NAN,
            ..ok.clone()
        }
        .check()
        .unwrap_err();
        assert!(e.contains("max"), "{e}");
        let e = Chart {
            bars: vec![],
            ..ok.clone()
        }
        .check()
        .unwrap_err();
        assert!(e.contains("không có cột"), "{e}");
        let e = Chart {
            bars: vec![bar(100.5)],
            ..ok.clone()
        }
        .check()
        .unwrap_err();
        assert!(e.contains("cột 1") && e.contains("PAPI"), "{e}");
        assert!(Chart {
            bars: vec![bar(-1.0)],
            ..ok.clone()
        }
        .check()
        .is_err());
        assert!(Chart {
            bars: vec![bar(f32::INFINITY)],
            ..ok.clone()
        }
        .check()
        .is_err());
        // A stacked bar needs one value per series; shares may sum past max.
        let series = |n: usize| {
            (0..n)
                .map(|i| Series {
                    name: format!("s{i}"),
                    style: String::new(),
                })
                .collect::<Vec<_>>()
        };
        let stacked = Chart {
            percent: true,
            series: series(2),
            bars: vec![Bar {
                values: vec![150.0, 3.0],
                ..bar(0.0)
            }],
            ..ok.clone()
        };
        assert!(stacked.check().is_ok());
        let e = Chart {
            series: series(3),
            ..stacked.clone()
        }
        .check()
        .unwrap_err();
        assert!(e.contains("có 2 giá trị, cần 3"), "{e}");
        assert!(Chart {
            percent: false,
            ..stacked
        }
        .check()
        .is_err());
        assert!(Chart {
            percent: true,
            ..ok
        }
        .check()
        .is_err());
    }

    #[test]
    fn grid_rejects_short_and_long_rows() {
        let short = Table {
            columns: vec![1.0; 3],
            rows: vec![Row {
                cells: vec![cell(1, 1)],
                ..Row::default()
            }],
            ..Table::default()
        };
        assert!(short.grid().unwrap_err().contains("thiếu ô"));
        let long = Table {
            columns: vec![1.0; 1],
            rows: vec![Row {
                cells: vec![cell(1, 1), cell(1, 1)],
                ..Row::default()
            }],
            ..Table::default()
        };
        assert!(long.grid().unwrap_err().contains("nhiều ô hơn"));
    }
}
