//! Tables: column widths, cells laid out as paragraphs, row heights with row spans, rows
//! split between lines when taller than a page, and drawing a run of rows (one page's
//! slice) with borders. Which rows go on which page is decided in `pages.rs`.

use std::borrow::Cow;

use super::paragraph::{layout_paragraph, LaidLine};
use super::placed::{BoxStroke, Frame, BLACK};
use super::shape::Shaper;
use crate::ir::{GridSlot, Row, Table, VAlign};
use crate::style::{unknown_style_message, StyleSheet, PT_PER_MM};

/// A table row fits a page only with this much to spare, pt: LibreOffice lays rows out in
/// twips and sends a row (or a split row's next line) to the next page when it would end
/// within about half a point of the margin (measured on the report's progress appendix).
pub const ROW_SLACK: f32 = 0.5;

/// A cell's paragraphs stacked: each line with its top, from the content's top.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CellContent {
    pub lines: Vec<(f32, LaidLine)>,
    pub height: f32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LaidCell {
    pub col: usize,
    pub colspan: usize,
    pub rowspan: usize,
    pub valign: VAlign,
    pub content: CellContent,
}

/// A slot range of this row covered by a cell that starts in an earlier row.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Covered {
    pub col: usize,
    pub colspan: usize,
    /// Rows of the span from this one on, this one included.
    pub rows_left: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LaidRow {
    pub height: f32,
    pub cells: Vec<LaidCell>,
    pub covered: Vec<Covered>,
    pub keep_with_next: bool,
    /// The row moves whole to the next page rather than breaking (`w:cantSplit`).
    pub cant_split: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LaidTable {
    /// Left edge, from the left margin.
    pub left: f32,
    /// Column boundaries from the table's left edge (columns + 1 values).
    pub col_x: Vec<f32>,
    pub rows: Vec<LaidRow>,
    pub header_rows: usize,
    pub borders: bool,
    pub border_pt: f32,
    pub pad_x: f32,
    pub pad_y: f32,
}

/// Lays out `t` with columns `widths_mm` wide ([`Table::column_widths_mm`]).
pub fn layout_table(
    t: &Table,
    sheet: &StyleSheet,
    widths_mm: &[f32],
    shaper: &mut Shaper,
) -> Result<LaidTable, String> {
    let widths: Vec<f32> = widths_mm.iter().map(|w| w * PT_PER_MM).collect();
    let grid = t.grid()?;
    let col_x = column_edges(&widths);
    let pad_x = twip(sheet.table.cell_padding_x_mm * PT_PER_MM);
    let pad_y = twip(sheet.table.cell_padding_y_mm * PT_PER_MM);
    let ctx = RowContext {
        table: t,
        sheet,
        grid_twips: grid_twips(&col_x),
        table_twips: (widths.iter().sum::<f32>() * 20.0).round() as i64,
        col_x: &col_x,
        pad_x,
        chrome_y: row_chrome(pad_y, t.borders, sheet.table.border_pt),
    };
    let mut rows = Vec::with_capacity(t.rows.len());
    for (r, row) in t.rows.iter().enumerate() {
        let slots = grid.get(r).map(Vec::as_slice).unwrap_or(&[]);
        rows.push(layout_row(&ctx, r, row, slots, shaper)?);
    }
    grow_rows_under_merged_cells(&mut rows, ctx.chrome_y);
    Ok(LaidTable {
        left: t.indent_mm * PT_PER_MM,
        col_x,
        rows,
        header_rows: t.header_rows.min(t.rows.len()),
        borders: t.borders,
        border_pt: sheet.table.border_pt,
        pad_x,
        pad_y,
    })
}

/// `pt` rounded to whole twips, as the DOCX holds widths and paddings: a line that fits its
/// cell by a hundredth of a point must break where Word and LibreOffice break it.
fn twip(pt: f32) -> f32 {
    (pt * 20.0).round() / 20.0
}

/// Column boundaries from the table's left edge, each column rounded to whole twips.
fn column_edges(widths: &[f32]) -> Vec<f32> {
    let mut col_x = Vec::with_capacity(widths.len() + 1);
    let mut acc = 0.0;
    col_x.push(acc);
    for w in widths {
        acc += twip(*w);
        col_x.push(acc);
    }
    col_x
}

/// The grid in twips, as the DOCX states it (`w:gridCol`).
fn grid_twips(col_x: &[f32]) -> Vec<i64> {
    col_x
        .windows(2)
        .map(|w| ((w[1] - w[0]) * 20.0).round() as i64)
        .collect()
}

/// Vertical space a row takes besides its content: padding, and in a ruled table the
/// border line, which LibreOffice adds to every row's height (measured: 0.5 pt a row).
fn row_chrome(pad_y: f32, borders: bool, border_pt: f32) -> f32 {
    2.0 * pad_y + if borders { border_pt } else { 0.0 }
}

/// What every row of a table is laid out against.
struct RowContext<'a> {
    table: &'a Table,
    sheet: &'a StyleSheet,
    col_x: &'a [f32],
    grid_twips: Vec<i64>,
    /// The table's width in twips (`w:tblW`).
    table_twips: i64,
    pad_x: f32,
    chrome_y: f32,
}

/// Lays out row `r` (`slots`: its place in the grid): its cells at the widths LibreOffice
/// gives them, and the slots covered by cells of rows above, drawn as empty boxes on a page
/// where the cell itself is not.
fn layout_row(
    ctx: &RowContext<'_>,
    r: usize,
    row: &Row,
    slots: &[GridSlot],
    shaper: &mut Shaper,
) -> Result<LaidRow, String> {
    let spans = row_spans(slots, ctx.table);
    let cell_twips = libreoffice_cell_twips(&ctx.grid_twips, ctx.table_twips, &spans);
    let mut cells = Vec::with_capacity(row.cells.len());
    let mut covered = Vec::new();
    let mut c = 0;
    while c < slots.len() {
        match slots[c] {
            GridSlot::Origin { row: _, cell } => {
                let ir = &row.cells[cell];
                let outer = cell_outer_width(ctx.col_x, &spans, &cell_twips, c, ir.colspan);
                cells.push(LaidCell {
                    col: c,
                    colspan: ir.colspan,
                    rowspan: ir.rowspan,
                    valign: ir.valign,
                    content: layout_cell(ctx, &ir.paragraphs, outer, shaper)?,
                });
                c += ir.colspan.max(1);
            }
            GridSlot::Covered { row: or, cell } => {
                let src = &ctx.table.rows[or].cells[cell];
                if or < r {
                    covered.push(Covered {
                        col: c,
                        colspan: src.colspan,
                        rows_left: or + src.rowspan - r,
                    });
                }
                c += src.colspan.max(1);
            }
        }
    }
    Ok(LaidRow {
        height: row_height(&cells, ctx.chrome_y),
        cells,
        covered,
        keep_with_next: row.keep_with_next,
        cant_split: row.cant_split,
    })
}

/// Width of the cell starting at grid column `col`, pt: the width LibreOffice gives it, so
/// its lines break where LibreOffice breaks them; the grid's when the row has no such cell.
fn cell_outer_width(
    col_x: &[f32],
    spans: &[(usize, usize)],
    cell_twips: &[i64],
    col: usize,
    colspan: usize,
) -> f32 {
    spans
        .iter()
        .position(|&(c, _)| c == col)
        .and_then(|k| cell_twips.get(k))
        .map_or(col_x[col + colspan] - col_x[col], |tw| *tw as f32 / 20.0)
}

/// A row's height from its cells that end in it; merged cells are fitted afterwards.
fn row_height(cells: &[LaidCell], chrome_y: f32) -> f32 {
    cells
        .iter()
        .filter(|c| c.rowspan == 1)
        .map(|c| c.content.height + chrome_y)
        .fold(chrome_y, f32::max)
}

/// A merged cell taller than the rows it spans makes its last row taller (as Word does).
fn grow_rows_under_merged_cells(rows: &mut [LaidRow], chrome_y: f32) {
    for r in 0..rows.len() {
        let spans: Vec<(usize, f32)> = rows[r]
            .cells
            .iter()
            .filter(|c| c.rowspan > 1)
            .map(|c| (c.rowspan, c.content.height + chrome_y))
            .collect();
        for (span, need) in spans {
            let end = (r + span).min(rows.len());
            let have: f32 = rows[r..end].iter().map(|x| x.height).sum();
            if need > have {
                rows[end - 1].height += need - have;
            }
        }
    }
}

/// The cells of one row as the DOCX writes them, (first column, columns spanned): a cell
/// continuing a vertical merge is a cell too.
fn row_spans(slots: &[GridSlot], t: &Table) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut c = 0;
    while c < slots.len() {
        let (GridSlot::Origin { row, cell } | GridSlot::Covered { row, cell }) = slots[c];
        let span = t
            .rows
            .get(row)
            .and_then(|r| r.cells.get(cell))
            .map_or(1, |x| x.colspan.max(1));
        spans.push((c, span));
        c += span;
    }
    spans
}

/// Widths LibreOffice gives the cells of a row, in twips. Its DOCX import turns the grid into
/// column separators at the grid's cumulative widths, in ten-thousandths of the grid's sum,
/// rounded (writerfilter, `DomainMapperTableManager::endOfRowAction`); a cell spans from one
/// separator's share of the table's width (w:tblW) to the next, each truncated to whole
/// twips, and the last cell runs to the table's width. The inner columns equal the widths
/// LibreOffice 7.4 writes when it saves our DOCX as ODT, for seven grids of 2 to 13 columns;
/// the last column is what its layout fits: lines of 96.71–96.75 pt fit the last column of
/// the progress appendix, which the ODT says is 96.70 pt wide (`cells_get_libreoffice_widths`,
/// tests/libreoffice_parity.rs).
fn libreoffice_cell_twips(grid: &[i64], table: i64, spans: &[(usize, usize)]) -> Vec<i64> {
    const REL_SUM: i64 = 10_000;
    let grid_sum: i64 = grid.iter().sum();
    // The table's stated width (w:tblW), even where the grid's sum is a twip more.
    let width = if table > 0 { table } else { grid_sum };
    if grid_sum <= 0 {
        return Vec::new();
    }
    // The separator before grid column `c`, in ten-thousandths, rounded half up.
    let separator = |c: usize| -> i64 {
        let cum: i64 = grid.iter().take(c).sum();
        (2 * cum * REL_SUM + grid_sum) / (2 * grid_sum)
    };
    let at = |rel: i64| rel * width / REL_SUM;
    spans
        .iter()
        .enumerate()
        .map(|(k, &(col, span))| {
            let start = separator(col);
            if k + 1 == spans.len() {
                width - at(start)
            } else {
                at(separator(col + span)) - at(start)
            }
        })
        .collect()
}

/// A cell's paragraphs stacked inside its padding (`outer`: the cell's width), adjacent
/// spacing added as in Word.
fn layout_cell(
    ctx: &RowContext<'_>,
    paragraphs: &[crate::ir::Paragraph],
    outer: f32,
    shaper: &mut Shaper,
) -> Result<CellContent, String> {
    let sheet = ctx.sheet;
    let width = (outer - 2.0 * ctx.pad_x).max(0.0);
    let mut out = CellContent::default();
    let mut y = 0.0;
    let mut after = 0.0;
    for p in paragraphs {
        let st = sheet
            .get(&p.style)
            .ok_or_else(|| unknown_style_message(&p.style, sheet))?;
        // Balancing is for headings in the body; the DOCX writer breaks only those itself.
        let unbalanced;
        let st = if st.balance {
            unbalanced = crate::style::ParagraphStyle {
                balance: false,
                ..st.clone()
            };
            &unbalanced
        } else {
            st
        };
        let lp = layout_paragraph(p, st, width, shaper);
        // Adjacent spacing adds, as in Word.
        y += after + lp.space_before;
        for l in lp.lines {
            let h = l.height;
            out.lines.push((y, l));
            y += h;
        }
        after = lp.space_after;
    }
    out.height = y + after;
    Ok(out)
}

impl LaidTable {
    /// Draws `rows` (consecutive rows of one page) with the top-left corner at (x, y);
    /// returns their height. Cells spanning past the slice are cut at its end; slots covered
    /// by a cell drawn on an earlier page get an empty box.
    pub fn render_rows(&self, rows: &[Cow<'_, LaidRow>], x: f32, y: f32, frame: &mut Frame) -> f32 {
        let mut tops = Vec::with_capacity(rows.len() + 1);
        let mut acc = y;
        for r in rows {
            tops.push(acc);
            acc += r.height;
        }
        tops.push(acc);
        let span_height = |i: usize, span: usize| {
            let end = (i + span.max(1)).min(rows.len());
            tops[end] - tops[i]
        };
        for (i, row) in rows.iter().enumerate() {
            for cell in &row.cells {
                let x0 = x + self.col_x[cell.col];
                let x1 = x + self.col_x[(cell.col + cell.colspan).min(self.col_x.len() - 1)];
                let h = span_height(i, cell.rowspan);
                let free = h - 2.0 * self.pad_y - cell.content.height;
                let dy = match cell.valign {
                    VAlign::Top => 0.0,
                    VAlign::Center => free.max(0.0) / 2.0,
                    VAlign::Bottom => free.max(0.0),
                };
                for (top, line) in &cell.content.lines {
                    frame.push_frame(
                        &line.frame,
                        x0 + self.pad_x,
                        tops[i] + self.pad_y + dy + top,
                    );
                }
                self.border_box(frame, x0, tops[i], x1, tops[i] + h);
            }
            if i == 0 {
                for c in &row.covered {
                    let x0 = x + self.col_x[c.col];
                    let x1 = x + self.col_x[(c.col + c.colspan).min(self.col_x.len() - 1)];
                    self.border_box(
                        frame,
                        x0,
                        tops[0],
                        x1,
                        tops[0] + span_height(0, c.rows_left),
                    );
                }
            }
        }
        acc - y
    }

    fn border_box(&self, frame: &mut Frame, x0: f32, y0: f32, x1: f32, y1: f32) {
        if !self.borders {
            return;
        }
        frame.boxes.push(BoxStroke {
            x: x0,
            y: y0,
            width: x1 - x0,
            height: y1 - y0,
            line: self.border_pt,
            color: BLACK,
        });
    }

    /// Height of the first part of `row` cut after one line, as `split_row` cuts it (page
    /// slack included); `None` when the row cannot be cut.
    pub fn first_line_height(&self, row: &LaidRow) -> Option<f32> {
        if row.cells.iter().any(|c| c.rowspan > 1) || !row.covered.is_empty() {
            return None;
        }
        let chrome = row_chrome(self.pad_y, self.borders, self.border_pt);
        let first = row
            .cells
            .iter()
            .filter_map(|c| c.content.lines.first().map(|(top, l)| top + l.height))
            .fold(None, |m: Option<f32>, h| Some(m.map_or(h, |m| m.max(h))))?;
        Some(first + chrome + ROW_SLACK)
    }

    /// Cuts `row` so its first part is at most `avail` tall, between lines of its cells.
    /// `None` when no line fits or the row has merged cells (those move whole).
    pub fn split_row(&self, row: &LaidRow, avail: f32) -> Option<(LaidRow, LaidRow)> {
        if row.cells.iter().any(|c| c.rowspan > 1) || !row.covered.is_empty() {
            return None;
        }
        let chrome = row_chrome(self.pad_y, self.borders, self.border_pt);
        let room = avail - chrome - ROW_SLACK;
        let mut first = row.clone();
        let mut rest = row.clone();
        let mut progress = false;
        for (a, b) in first.cells.iter_mut().zip(rest.cells.iter_mut()) {
            let n = a
                .content
                .lines
                .iter()
                .take_while(|(top, l)| top + l.height <= room + 1e-3)
                .count();
            progress |= n > 0;
            let moved: Vec<(f32, LaidLine)> = a.content.lines.split_off(n);
            a.content.height = a.content.lines.last().map_or(0.0, |(t, l)| t + l.height);
            // A cell whose lines all fit leaves nothing for the next page.
            b.content.height = match moved.first() {
                Some((shift, _)) => (b.content.height - shift).max(0.0),
                None => 0.0,
            };
            let shift = moved.first().map_or(0.0, |(t, _)| *t);
            b.content.lines = moved.into_iter().map(|(t, l)| (t - shift, l)).collect();
            // The part on the next page starts at the top, whatever the cell's alignment.
            a.valign = VAlign::Top;
            b.valign = VAlign::Top;
        }
        if !progress || rest.cells.iter().all(|c| c.content.lines.is_empty()) {
            return None;
        }
        first.height = avail;
        first.keep_with_next = false;
        rest.height = rest
            .cells
            .iter()
            .map(|c| c.content.height + chrome)
            .fold(chrome, f32::max);
        Some((first, rest))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_get_libreoffice_widths() {
        // (grid, table width, the widths LibreOffice 7.4 gives the columns in its ODT of our
        // DOCX), from the plan and the report: header, figure tables, appendices, Biểu 06.
        // The last column is the table's width less the last separator: where the ODT says
        // a twip less, LibreOffice's layout still fits lines that need the twip.
        let measured: [(&[i64], i64, &[i64], i64); 6] = [
            (&[3827, 5669], 9496, &[3826], 5670),
            (
                &[703, 3785, 1190, 1298, 1081, 1298],
                9354,
                &[702, 3785, 1189, 1299, 1081],
                1298,
            ),
            (
                &[669, 4300, 1672, 1911, 3584, 2150],
                14287,
                &[668, 4301, 1673, 1910, 3584],
                2151,
            ),
            (
                &[
                    672, 2913, 952, 952, 1177, 952, 952, 952, 952, 952, 952, 952, 952,
                ],
                14287,
                &[672, 2914, 952, 952, 1177, 953, 953, 952, 953, 951, 953, 952],
                953,
            ),
            (&[3515, 5839], 9354, &[3515], 5839),
            (
                &[714, 5238, 2381, 3274, 2679],
                14287,
                &[714, 5237, 2382, 3275],
                2679,
            ),
        ];
        for (grid, table, inner, last) in measured {
            let singles: Vec<(usize, usize)> = (0..grid.len()).map(|c| (c, 1)).collect();
            let got = libreoffice_cell_twips(grid, table, &singles);
            assert_eq!(&got[..got.len() - 1], inner, "{grid:?}");
            assert_eq!(got[got.len() - 1], last, "{grid:?}");
        }
        // A group row of the plan's appendix: number, then one cell over the other four.
        assert_eq!(
            libreoffice_cell_twips(&[714, 5238, 2381, 3274, 2679], 14287, &[(0, 1), (1, 4)]),
            vec![714, 13573]
        );
    }
}
