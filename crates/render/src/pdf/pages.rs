//! Pagination: sections → pages. Blocks flow down the text area; spacing between paragraphs
//! adds (Word); headings keep with what follows; no single orphan or widow line; tables move
//! or split by rows and repeat their header rows; a chart takes the room left at a page's
//! foot down to its minimum height, else moves whole; page numbers go in the top margin.

use std::borrow::Cow;
use std::collections::VecDeque;

use super::chart::{layout_chart, LaidChart};
use super::paragraph::{layout_paragraph, layout_paragraph_with_starts, LaidParagraph};
use super::placed::{Frame, PageFrame};
use super::shape::Shaper;
use super::table::{layout_table, LaidRow, LaidTable, ROW_SLACK};
use crate::ir::{Block, Chart, Document, Paragraph, Run, Section};
use crate::measure::{BlockMeasure, Measures, TableMeasure};
use crate::style::{unknown_style_message, StyleSheet, PT_PER_MM};

/// Minimum lines of a paragraph left at a page's foot or carried to the next page.
const MIN_LINES: usize = 2;
const EPS: f32 = 1e-3;

/// A chart shrunk to the room left at a page's foot is this much shorter than that room,
/// pt, and its height is rounded down to a tenth of a millimetre: LibreOffice sends an
/// inline drawing that would end on the margin to the next page.
const CHART_SLACK: f32 = 1.0;

/// A row taller than a page below the table's header rows cannot move whole to the next
/// page: it breaks between lines wherever it starts, `cant_split` or not.
fn too_tall_to_move(t: &LaidTable, row: &LaidRow, body_height: f32) -> bool {
    let header_h: f32 = t.rows[..t.header_rows].iter().map(|r| r.height).sum();
    row.height > body_height - header_h + EPS
}

enum LaidBlock<'d> {
    Para(LaidParagraph),
    Table(LaidTable),
    /// Laid out at its natural height, with the chart to lay out again if it shrinks, and
    /// its index among the section's blocks (where its height is measured).
    Chart(LaidChart, &'d Chart, usize),
}

/// What a chart's placing needs to lay it out again at another height.
struct ChartFit<'a> {
    sheet: &'a StyleSheet,
    width: f32,
}

/// A page and what its number depends on.
struct PageInfo {
    page: PageFrame,
    section: usize,
    first_of_section: bool,
}

/// The text area of the current section and the cursor on the current page.
struct Flow {
    pages: Vec<PageInfo>,
    frame: Frame,
    page_w: f32,
    page_h: f32,
    left: f32,
    top: f32,
    bottom: f32,
    y: f32,
    /// Nothing placed on this page yet.
    empty: bool,
    /// The page began at a natural break: space before its first paragraph is dropped.
    continuation: bool,
    /// Space after the last paragraph placed, added to the next one's space before.
    pending_after: f32,
    section: usize,
    first_of_section: bool,
}

impl Flow {
    fn start_section(&mut self, sheet: &StyleSheet, index: usize, s: &Section) {
        self.finish_page();
        let (w, h) = sheet.page_size_mm(s.orientation);
        let m = sheet.margins(s.orientation);
        self.page_w = w * PT_PER_MM;
        self.page_h = h * PT_PER_MM;
        self.left = m.left * PT_PER_MM;
        self.top = m.top * PT_PER_MM;
        self.bottom = self.page_h - m.bottom * PT_PER_MM;
        self.section = index;
        self.first_of_section = true;
        self.y = self.top;
        self.empty = true;
        self.continuation = false;
        self.pending_after = 0.0;
    }

    fn finish_page(&mut self) {
        if self.page_w > 0.0 {
            self.pages.push(PageInfo {
                page: PageFrame {
                    width: self.page_w,
                    height: self.page_h,
                    frame: std::mem::take(&mut self.frame),
                },
                section: self.section,
                first_of_section: self.first_of_section,
            });
        }
    }

    fn new_page(&mut self) {
        self.finish_page();
        self.first_of_section = false;
        self.y = self.top;
        self.empty = true;
        self.continuation = true;
        self.pending_after = 0.0;
    }

    fn room(&self) -> f32 {
        self.bottom - self.y
    }

    fn body_height(&self) -> f32 {
        self.bottom - self.top
    }

    /// Space above a paragraph placed now: the larger of the previous block's space after
    /// and this one's space before, as Word and LibreOffice collapse them (measured: the 6 pt
    /// after the trích yếu's rule and the 6 pt before the first body paragraph give 6 pt).
    fn gap(&self, space_before: f32) -> f32 {
        if self.empty && self.continuation {
            0.0
        } else {
            self.pending_after.max(space_before)
        }
    }
}

/// Lays `doc` out page by page and hands each finished page (numbered) to `sink` at once, so
/// the pages of a long document are never all held; returns the number of pages and what
/// the DOCX writer needs of this layout.
pub fn paginate(
    doc: &Document,
    sheet: &StyleSheet,
    shaper: &mut Shaper,
    sink: &mut dyn FnMut(PageFrame) -> Result<(), String>,
) -> Result<(usize, Measures), String> {
    let mut flow = Flow {
        pages: Vec::new(),
        frame: Frame::default(),
        page_w: 0.0,
        page_h: 0.0,
        left: 0.0,
        top: 0.0,
        bottom: 0.0,
        y: 0.0,
        empty: true,
        continuation: false,
        pending_after: 0.0,
        section: 0,
        first_of_section: true,
    };
    let mut numbers = Numbering::new(sheet)?;
    let mut count = 0;
    let mut measures = Measures::default();
    for (si, section) in doc.sections.iter().enumerate() {
        flow.start_section(sheet, si, section);
        let (mut blocks, mut measured) = layout_blocks(section, sheet, flow.body_height(), shaper)?;
        let fit = ChartFit {
            sheet,
            width: sheet.text_width_mm(section.orientation) * PT_PER_MM,
        };
        // Each block is dropped once placed, and each page sent on once finished.
        while !blocks.is_empty() {
            keep_chain_together(&mut flow, blocks.make_contiguous(), 0);
            match blocks.pop_front() {
                Some(LaidBlock::Para(p)) => place_paragraph(&mut flow, &p),
                Some(LaidBlock::Table(t)) => place_table(&mut flow, t),
                Some(LaidBlock::Chart(c, chart, bi)) => {
                    let height_mm = place_chart(&mut flow, c, chart, &fit, shaper)?;
                    measured[bi] = BlockMeasure::Chart { height_mm };
                }
                None => {}
            }
            count += numbers.send(&mut flow.pages, doc, sheet, shaper, sink)?;
        }
        measures.sections.push(measured);
    }
    flow.finish_page();
    count += numbers.send(&mut flow.pages, doc, sheet, shaper, sink)?;
    Ok((count, measures))
}

/// Lays out the blocks of `section`, each with what the DOCX writer needs of it (a chart's
/// height is known only once it is placed). `body_height` is the page's text area height.
fn layout_blocks<'d>(
    section: &'d Section,
    sheet: &StyleSheet,
    body_height: f32,
    shaper: &mut Shaper,
) -> Result<(VecDeque<LaidBlock<'d>>, Vec<BlockMeasure>), String> {
    // Paragraphs break to the text width the DOCX states (whole twips); tables and charts
    // size themselves from the exact width in mm, as the DOCX writer does.
    let line_width = sheet.text_width_pt(section.orientation);
    let width_mm = sheet.text_width_mm(section.orientation);
    let mut laid = VecDeque::with_capacity(section.blocks.len());
    let mut measured = Vec::with_capacity(section.blocks.len());
    for (bi, b) in section.blocks.iter().enumerate() {
        match b {
            Block::Paragraph(p) => {
                let st = sheet
                    .get(&p.style)
                    .ok_or_else(|| unknown_style_message(&p.style, sheet))?;
                let (lp, soft_line_starts) = if st.balance {
                    layout_paragraph_with_starts(p, st, line_width, shaper)
                } else {
                    (layout_paragraph(p, st, line_width, shaper), Vec::new())
                };
                laid.push_back(LaidBlock::Para(lp));
                measured.push(BlockMeasure::Paragraph { soft_line_starts });
            }
            Block::Table(t) => {
                let widths_mm = t.column_widths_mm(width_mm)?;
                let lt = layout_table(t, sheet, &widths_mm, shaper)?;
                let too_tall = lt
                    .rows
                    .iter()
                    .map(|r| too_tall_to_move(&lt, r, body_height))
                    .collect();
                laid.push_back(LaidBlock::Table(lt));
                measured.push(BlockMeasure::Table(TableMeasure {
                    widths_mm,
                    too_tall,
                }));
            }
            Block::Chart(c) => {
                let lc = layout_chart(c, sheet, width_mm * PT_PER_MM, shaper, None)?;
                laid.push_back(LaidBlock::Chart(lc, c, bi));
                measured.push(BlockMeasure::Chart { height_mm: None });
            }
        }
    }
    Ok((laid, measured))
}

/// Height a paragraph needs on the page where it starts (orphan control).
fn paragraph_start_height(p: &LaidParagraph) -> f32 {
    let n = if p.lines.len() < 2 * MIN_LINES {
        p.lines.len()
    } else {
        MIN_LINES
    };
    p.lines.iter().take(n).map(|l| l.height).sum()
}

/// Height a table needs on the page where it starts: header rows and the first rows that
/// must stay together; when the last of those may break (or is too tall to move whole),
/// only its first line. Word and LibreOffice start such a table below a heading or an
/// appendix title rather than leave the title alone at a page foot.
fn table_start_height(t: &LaidTable, body_height: f32) -> f32 {
    let head: f32 = t.rows[..t.header_rows].iter().map(|r| r.height).sum();
    let first = body_units(t).first().map_or(0.0, |u| {
        let rows = &t.rows[u.clone()];
        let Some((last, before)) = rows.split_last() else {
            return 0.0;
        };
        let before: f32 = before.iter().map(|r| r.height).sum();
        let may_break = !last.cant_split || too_tall_to_move(t, last, body_height);
        let last_h = match t.first_line_height(last) {
            Some(h) if may_break => h.min(last.height),
            _ => last.height,
        };
        before + last_h
    });
    head + first
}

/// Starts a new page before block `i` if it keeps with the next (headings, chained) and the
/// chain's start would not fit here but would on a fresh page.
fn keep_chain_together(flow: &mut Flow, blocks: &[LaidBlock], i: usize) {
    let LaidBlock::Para(p) = &blocks[i] else {
        return;
    };
    if !p.keep_with_next || flow.empty {
        return;
    }
    let mut need = flow.gap(p.space_before) + p.height();
    let mut after = p.space_after;
    let mut j = i + 1;
    while let Some(b) = blocks.get(j) {
        match b {
            LaidBlock::Para(q) => {
                need += after + q.space_before;
                if q.keep_with_next {
                    need += q.height();
                    after = q.space_after;
                    j += 1;
                    continue;
                }
                need += paragraph_start_height(q);
            }
            LaidBlock::Table(t) => need += after + table_start_height(t, flow.body_height()),
            // The least a chart shrinks to, with the margin `place_chart` leaves.
            LaidBlock::Chart(c, ..) => {
                need += after + c.space_before + c.min_height + CHART_SLACK + 0.1 * PT_PER_MM
            }
        }
        break;
    }
    if need > flow.room() + EPS && need - flow.gap(p.space_before) <= flow.body_height() {
        flow.new_page();
    }
}

fn place_paragraph(flow: &mut Flow, p: &LaidParagraph) {
    let mut gap = flow.gap(p.space_before);
    let mut idx = 0;
    let total = p.lines.len();
    while idx < total {
        let room = flow.room() - gap;
        let mut fit = 0;
        let mut h = 0.0;
        for l in &p.lines[idx..] {
            if h + l.height > room + EPS {
                break;
            }
            h += l.height;
            fit += 1;
        }
        let left = total - idx;
        let mut k = fit.min(left);
        if k < left {
            if total - (idx + k) < MIN_LINES {
                k = total.saturating_sub(MIN_LINES).saturating_sub(idx).min(k);
            }
            if idx == 0 && k < MIN_LINES {
                k = 0;
            }
            if k == 0 && flow.empty {
                // Nothing fits even on an empty page: place what must be placed.
                k = fit.max(1).min(left);
            }
        }
        if k > 0 {
            flow.y += gap;
            for l in &p.lines[idx..idx + k] {
                flow.frame.push_frame(&l.frame, flow.left, flow.y);
                flow.y += l.height;
            }
            flow.empty = false;
            idx += k;
        }
        if idx < total {
            flow.new_page();
            gap = 0.0;
        }
    }
    flow.pending_after = p.space_after;
}

/// A chart never splits. When it does not fit, it shrinks to the room left if that is at
/// least its minimum height (its bands narrower, its labels still clear), so the page does
/// not end half empty; below that it goes whole to the next page (on an empty page it is
/// placed even if taller than the page). It never grows past its natural height. Returns
/// the height it shrank to, mm (`None`: its natural height).
fn place_chart(
    flow: &mut Flow,
    mut c: LaidChart,
    chart: &Chart,
    fit: &ChartFit<'_>,
    shaper: &mut Shaper,
) -> Result<Option<f32>, String> {
    let mut fitted = None;
    if !flow.empty && flow.gap(c.space_before) + c.height > flow.room() + EPS {
        let room_mm = (flow.room() - flow.gap(c.space_before) - CHART_SLACK) / PT_PER_MM;
        let h_mm = (room_mm * 10.0).floor() / 10.0;
        if h_mm * PT_PER_MM >= c.min_height - EPS {
            c = layout_chart(chart, fit.sheet, fit.width, shaper, Some(h_mm))?;
            fitted = Some(h_mm);
        } else {
            flow.new_page();
        }
    }
    flow.y += flow.gap(c.space_before);
    flow.frame.push_frame(&c.frame, flow.left, flow.y);
    flow.y += c.height;
    flow.empty = false;
    flow.pending_after = c.space_after;
    Ok(fitted)
}

/// Body rows grouped into units that stay on one page: rows joined by a row span or by
/// `keep_with_next`.
fn body_units(t: &LaidTable) -> Vec<std::ops::Range<usize>> {
    let mut units = Vec::new();
    let mut r = t.header_rows;
    while r < t.rows.len() {
        let start = r;
        let mut end = r + 1;
        let mut k = r;
        while k < end && k < t.rows.len() {
            let row = &t.rows[k];
            let span_end = k + row.cells.iter().map(|c| c.rowspan).max().unwrap_or(1);
            end = end.max(span_end);
            if row.keep_with_next {
                end = end.max(k + 2);
            }
            k += 1;
        }
        let end = end.min(t.rows.len());
        units.push(start..end);
        r = end;
    }
    units
}

/// Rows placed on the current page, drawn together so merged cells are whole.
struct Slice<'t> {
    rows: Vec<Cow<'t, LaidRow>>,
    top: f32,
}

/// Places a table's rows, taking them: each row is freed once drawn on its page (a table
/// of thousands of rows is never held twice, laid out and drawn).
fn place_table(flow: &mut Flow, mut t: LaidTable) {
    let units = body_units(&t);
    let start_height = table_start_height(&t, flow.body_height());
    // The table keeps its header rows; the body rows are taken one unit at a time.
    let mut body = t.rows.split_off(t.header_rows).into_iter();
    let mut placer = TablePlacer::start(flow, &t, start_height);
    for unit in units {
        let rows: Vec<LaidRow> = body.by_ref().take(unit.len()).collect();
        placer.place_unit(flow, rows);
    }
    placer.flush(flow);
    flow.pending_after = 0.0;
}

/// A table being placed: its header rows, repeated on every page, and the current page's
/// slice of rows.
struct TablePlacer<'t> {
    t: &'t LaidTable,
    /// The table's left edge on the page.
    x: f32,
    header: Vec<Cow<'t, LaidRow>>,
    header_h: f32,
    slice: Slice<'t>,
}

impl<'t> TablePlacer<'t> {
    /// Starts the table (header rows only in `t`) on this page, or on the next when not even
    /// its first rows (`start_height`) fit here.
    fn start(flow: &mut Flow, t: &'t LaidTable, start_height: f32) -> TablePlacer<'t> {
        let x = flow.left + t.left;
        let header: Vec<Cow<LaidRow>> = t.rows.iter().map(Cow::Borrowed).collect();
        let header_h: f32 = header.iter().map(|r| r.height).sum();
        let gap = if flow.empty && flow.continuation {
            0.0
        } else {
            flow.pending_after
        };
        if !flow.empty && gap + start_height > flow.room() + EPS {
            flow.new_page();
        } else {
            flow.y += gap;
        }
        let slice = Slice {
            rows: header.clone(),
            top: flow.y,
        };
        flow.y += header_h;
        flow.empty = false;
        TablePlacer {
            t,
            x,
            header,
            header_h,
            slice,
        }
    }

    /// Nothing but the header rows on this page yet: moving on would gain nothing.
    fn only_header(&self) -> bool {
        self.slice.rows.len() == self.header.len()
    }

    /// Draws the rows placed on this page.
    fn flush(&mut self, flow: &mut Flow) {
        if !self.slice.rows.is_empty() {
            self.t
                .render_rows(&self.slice.rows, self.x, self.slice.top, &mut flow.frame);
        }
        self.slice.rows.clear();
    }

    /// Ends the page and repeats the header rows at the top of the next.
    fn break_page(&mut self, flow: &mut Flow) {
        self.flush(flow);
        flow.new_page();
        self.slice.top = flow.y;
        self.slice.rows.extend(self.header.iter().cloned());
        flow.y += self.header.iter().map(|r| r.height).sum::<f32>();
        flow.empty = false;
    }

    /// Places a unit of body rows: whole where it fits, else on the next page, else row by
    /// row, split between lines.
    fn place_unit(&mut self, flow: &mut Flow, rows: Vec<LaidRow>) {
        let h: f32 = rows.iter().map(|r| r.height).sum();
        if self.unit_moves_on(flow, &rows, h) {
            self.break_page(flow);
        }
        if h <= flow.room() - ROW_SLACK {
            self.slice.rows.extend(rows.into_iter().map(Cow::Owned));
            flow.y += h;
            return;
        }
        // Taller than the room left on a page: row by row, splitting between lines.
        let count = rows.len();
        for (k, row) in rows.into_iter().enumerate() {
            self.place_row(flow, row, k + 1 == count);
        }
    }

    /// Whether a unit `h` tall goes to the next page. Word and LibreOffice keep a row with
    /// the next one as long as the next one starts on the same page: a unit may begin here
    /// when its last row may break and at least one line of it fits below the rows before
    /// it. A row too tall for a page may break too; when not even its first line fits here,
    /// the unit (a group row with its first row) moves to the next page together rather
    /// than leave the group row alone.
    fn unit_moves_on(&self, flow: &Flow, rows: &[LaidRow], h: f32) -> bool {
        let t = self.t;
        let (last, head) = rows.split_last().expect("a unit has rows");
        let head_h: f32 = head.iter().map(|r| r.height).sum();
        let room_for_last = flow.room() - head_h;
        let may_break = !last.cant_split || too_tall_to_move(t, last, flow.body_height());
        let splittable = may_break
            && head_h <= flow.room() - ROW_SLACK
            && t.split_row(last, room_for_last).is_some();
        h > flow.room() - ROW_SLACK
            && !self.only_header()
            && !splittable
            && (h <= flow.body_height() - self.header_h + EPS || may_break)
    }

    /// Places one row of a unit taller than the room left, over as many pages as it takes:
    /// a row allowed to break (`is_last` of its unit) is cut at the page foot, as Word and
    /// LibreOffice do; one that may not moves whole when a page can hold it.
    fn place_row(&mut self, flow: &mut Flow, row: LaidRow, is_last: bool) {
        let t = self.t;
        let mut row: Cow<LaidRow> = Cow::Owned(row);
        loop {
            if row.height <= flow.room() - ROW_SLACK {
                flow.y += row.height;
                self.slice.rows.push(row);
                return;
            }
            let only_header = self.only_header();
            let splittable = !row.cant_split && is_last;
            if !splittable && !only_header && !too_tall_to_move(t, &row, flow.body_height()) {
                self.break_page(flow);
                continue;
            }
            match t.split_row(&row, flow.room()) {
                Some((a, b)) => {
                    flow.y += a.height;
                    self.slice.rows.push(Cow::Owned(a));
                    self.break_page(flow);
                    row = Cow::Owned(b);
                }
                None if !only_header => self.break_page(flow),
                None => {
                    // Not splittable and alone on its page: it overflows.
                    flow.y += row.height;
                    self.slice.rows.push(row);
                    return;
                }
            }
        }
    }
}

/// Page numbers: restart where a section asks, hidden on a section's first page unless it
/// asks to show it; centred. The line's top is `header_distance_mm` below the top edge:
/// that is where Word and LibreOffice put the header paragraph of the DOCX.
struct Numbering<'s> {
    style: &'s crate::style::ParagraphStyle,
    n: u32,
}

impl<'s> Numbering<'s> {
    fn new(sheet: &'s StyleSheet) -> Result<Numbering<'s>, String> {
        let style = sheet
            .get(&sheet.page_number_style)
            .ok_or_else(|| unknown_style_message(&sheet.page_number_style, sheet))?;
        Ok(Numbering { style, n: 0 })
    }

    /// Numbers the finished pages in `pages` and sends them to `sink`; returns how many.
    fn send(
        &mut self,
        pages: &mut Vec<PageInfo>,
        doc: &Document,
        sheet: &StyleSheet,
        shaper: &mut Shaper,
        sink: &mut dyn FnMut(PageFrame) -> Result<(), String>,
    ) -> Result<usize, String> {
        let count = pages.len();
        for mut info in pages.drain(..) {
            self.number(&mut info, doc, sheet, shaper);
            sink(info.page)?;
        }
        Ok(count)
    }

    fn number(
        &mut self,
        info: &mut PageInfo,
        doc: &Document,
        sheet: &StyleSheet,
        shaper: &mut Shaper,
    ) {
        let Some(section) = doc.sections.get(info.section) else {
            return;
        };
        if info.first_of_section && (section.restart_page_numbers || info.section == 0) {
            self.n = 0;
        }
        self.n += 1;
        if info.first_of_section && !section.number_first_page {
            return;
        }
        let m = sheet.margins(section.orientation);
        let width = info.page.width - (m.left + m.right) * PT_PER_MM;
        let p = Paragraph {
            style: sheet.page_number_style.clone(),
            runs: vec![Run::text(self.n.to_string())],
            ..Paragraph::default()
        };
        let lp = layout_paragraph(&p, self.style, width, shaper);
        if let Some(line) = lp.lines.first() {
            let y = sheet.page.header_distance_mm * PT_PER_MM;
            info.page
                .frame
                .push_frame(&line.frame, m.left * PT_PER_MM, y);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::FontSet;
    use crate::ir::{Cell, Row, RunKind, Table};

    /// 13 pt, no spacing: 14.39 pt lines, 50 to the portrait text area (728.5 pt).
    const LINE: &str = "table-cell";

    fn lines_para(style: &str, lines: &[&str]) -> Block {
        let mut runs = Vec::new();
        for (i, l) in lines.iter().enumerate() {
            if i > 0 {
                runs.push(Run {
                    kind: RunKind::LineBreak,
                    bold: None,
                    italic: None,
                });
            }
            runs.push(Run::text(*l));
        }
        Block::Paragraph(Paragraph {
            style: style.into(),
            runs,
            ..Paragraph::default()
        })
    }

    /// A one-cell row holding `lines`.
    fn one_cell_row(lines: &[&str], keep_with_next: bool, cant_split: bool) -> Row {
        let Block::Paragraph(p) = lines_para(LINE, lines) else {
            unreachable!()
        };
        Row {
            cells: vec![Cell {
                paragraphs: vec![p],
                ..Cell::default()
            }],
            keep_with_next,
            cant_split,
        }
    }

    /// A bordered one-column table whose first row is its header.
    fn one_column_table(rows: Vec<Row>) -> Table {
        Table {
            columns: vec![1.0],
            fit_width: true,
            borders: true,
            header_rows: 1,
            rows,
            ..Table::default()
        }
    }

    /// "Hàng 0" … "Hàng 79": a cell taller than a page.
    fn tall_lines() -> Vec<String> {
        (0..80).map(|i| format!("Hàng {i}")).collect()
    }

    /// Lines of the filler style that fit on one portrait page.
    fn per_page() -> usize {
        let s = sheet();
        let m = s.page.margins;
        let height = (s.page.height_mm - m.top - m.bottom) * PT_PER_MM;
        (height / s.get(LINE).unwrap().line_height_pt()).floor() as usize
    }

    fn fillers(n: usize) -> Vec<Block> {
        (0..n)
            .map(|i| lines_para(LINE, &[&format!("Dòng {i}")]))
            .collect()
    }

    fn sheet() -> StyleSheet {
        let mut s = StyleSheet::nd30();
        let mut keep = s.get(LINE).unwrap().clone();
        keep.keep_with_next = true;
        s.styles.insert("keep".into(), keep);
        s
    }

    /// Baselines of each page's body (page numbers excluded), with their text.
    fn pages(blocks: Vec<Block>) -> Vec<Vec<(f32, String)>> {
        let top = sheet().page.margins.top * PT_PER_MM;
        let (pages, _) = frames(blocks);
        pages
            .iter()
            .map(|p| {
                let mut lines: Vec<(f32, String)> = Vec::new();
                for r in p.frame.runs.iter().filter(|r| r.y > top) {
                    let t: String = r.glyphs.iter().map(|g| g.ch).collect();
                    match lines.last_mut() {
                        Some((y, s)) if (*y - r.y).abs() < 1e-3 => s.push_str(&t),
                        _ => lines.push((r.y, t)),
                    }
                }
                lines
            })
            .collect()
    }

    fn count(p: &[Vec<(f32, String)>]) -> Vec<usize> {
        p.iter().map(Vec::len).collect()
    }

    #[test]
    fn a_page_fills_with_whole_lines() {
        let n = per_page();
        assert_eq!(count(&pages(fillers(n + 1))), vec![n, 1]);
    }

    #[test]
    fn a_paragraph_does_not_leave_one_line_at_a_page_foot() {
        let n = per_page();
        let mut b = fillers(n - 1);
        b.push(lines_para(LINE, &["a", "b", "c"]));
        let p = pages(b);
        assert_eq!(count(&p), vec![n - 1, 3]);
        assert_eq!(p[1][0].1, "a");
    }

    #[test]
    fn a_paragraph_does_not_carry_one_line_to_the_next_page() {
        let n = per_page();
        let mut b = fillers(n - 3);
        b.push(lines_para(LINE, &["a", "b", "c", "d"]));
        let p = pages(b);
        assert_eq!(count(&p), vec![n - 1, 2]);
        assert_eq!(p[1][0].1, "c");
    }

    #[test]
    fn headings_move_with_the_next_paragraph() {
        let n = per_page();
        let mut b = fillers(n - 2);
        b.push(lines_para("keep", &["Tiêu đề 1"]));
        b.push(lines_para("keep", &["Tiêu đề 2"]));
        b.push(lines_para(LINE, &["x"]));
        let p = pages(b);
        assert_eq!(count(&p), vec![n - 2, 3]);
        assert_eq!(p[1][0].1, "Tiêu đề 1");
    }

    #[test]
    fn space_before_is_dropped_at_the_top_of_a_continuation_page() {
        let mut b = fillers(per_page());
        b.push(lines_para("body", &["Đoạn văn"]));
        let p = pages(b);
        let s = sheet();
        let top = s.page.margins.top * PT_PER_MM;
        let ascent = 14.0 * crate::style::SINGLE_LINE_EM * 1825.0 / 2268.0;
        assert!((p[1][0].0 - (top + ascent)).abs() < 1e-3);
        // ... but kept at the top of the document.
        let p = pages(vec![lines_para("body", &["Đoạn văn"])]);
        assert!((p[0][0].0 - (top + 6.0 + ascent)).abs() < 1e-3);
    }

    #[test]
    fn a_row_taller_than_a_page_splits_between_lines() {
        let texts = tall_lines();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let t = one_column_table(vec![
            one_cell_row(&["Tiêu đề bảng"], false, false),
            one_cell_row(&refs, false, false),
        ]);
        let p = pages(vec![Block::Table(t)]);
        assert_eq!(p.len(), 2);
        let bottom = (297.0 - 20.0) * PT_PER_MM;
        let shown: Vec<&str> = p
            .iter()
            .flatten()
            .map(|(_, s)| s.as_str())
            .filter(|s| *s != "Tiêu đề bảng")
            .collect();
        assert_eq!(shown, refs, "every line once, in order");
        for page in &p {
            assert_eq!(page[0].1, "Tiêu đề bảng", "header row repeated");
            assert!(page.iter().all(|(y, _)| *y < bottom));
        }
    }

    #[test]
    fn a_title_keeps_with_a_table_whose_first_row_breaks() {
        // A title that keeps with a table whose only body row is taller than a page: the
        // title stays where it is and the row starts below it, as in LibreOffice.
        let n = per_page();
        let texts = tall_lines();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let t = one_column_table(vec![
            one_cell_row(&["Tiêu đề bảng"], false, true),
            one_cell_row(&refs, false, true),
        ]);
        let mut b = fillers(n - 10);
        b.push(lines_para("keep", &["Phụ lục"]));
        b.push(Block::Table(t));
        let p = pages(b);
        let first: Vec<&str> = p[0].iter().map(|(_, s)| s.as_str()).collect();
        assert!(
            first.contains(&"Phụ lục") && first.contains(&"Hàng 0"),
            "{first:?}"
        );
    }

    #[test]
    fn a_group_row_moves_with_a_tall_row_that_cannot_start_here() {
        // Room for the header, one row and the group row, not for the first line of the
        // tall row the group row keeps with: both go to the next page.
        let n = per_page();
        let texts = tall_lines();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let t = one_column_table(vec![
            one_cell_row(&["Tiêu đề bảng"], false, true),
            one_cell_row(&["Hàng ngắn"], false, true),
            one_cell_row(&["Nhóm 1"], true, true),
            one_cell_row(&refs, false, true),
        ]);
        let mut b = fillers(n - 4);
        b.push(Block::Table(t));
        let p = pages(b);
        let text = |i: usize| -> Vec<&str> { p[i].iter().map(|(_, s)| s.as_str()).collect() };
        assert!(text(0).contains(&"Hàng ngắn"), "{:?}", text(0));
        assert!(
            !text(0).contains(&"Nhóm 1"),
            "group row left alone: {:?}",
            text(0)
        );
        assert_eq!(text(1)[..3], ["Tiêu đề bảng", "Nhóm 1", "Hàng 0"]);
    }

    /// Pages of `blocks`, and the chart heights the pagination chose.
    fn frames(blocks: Vec<Block>) -> (Vec<PageFrame>, Vec<Option<f32>>) {
        let doc = Document {
            sections: vec![Section {
                blocks,
                ..Section::default()
            }],
            ..Document::default()
        };
        let fonts = FontSet::bundled();
        let mut sh = Shaper::new(&fonts).unwrap();
        let mut pages = Vec::new();
        let (_, measures) = paginate(&doc, &sheet(), &mut sh, &mut |p| {
            pages.push(p);
            Ok(())
        })
        .unwrap();
        let heights = measures.sections[0]
            .iter()
            .filter_map(|m| match m {
                BlockMeasure::Chart { height_mm } => Some(*height_mm),
                _ => None,
            })
            .collect();
        (pages, heights)
    }

    fn four_bars() -> Block {
        Block::Chart(Chart {
            title: "Tỷ lệ".into(),
            max: 100.0,
            bars: (0..4)
                .map(|i| crate::ir::Bar {
                    label: format!("Chỉ số {i}"),
                    values: vec![20.0 * i as f32],
                    text: format!("{}%", 20 * i),
                })
                .collect(),
            ..Chart::default()
        })
    }

    #[test]
    fn a_chart_shrinks_into_the_room_left_down_to_its_minimum() {
        // Natural: 10 + 4 × 11 + 8 = 62 mm (≈ 12.2 filler lines); minimum 10 + 4 × 7 + 8 = 46
        // mm (≈ 9 lines).
        let n = per_page();
        let bars_on = |pages: &[PageFrame]| -> Vec<usize> {
            pages.iter().map(|p| p.frame.fills.len()).collect()
        };
        let mut b = fillers(n - 11);
        b.push(four_bars());
        let (pages, heights) = frames(b);
        assert_eq!(bars_on(&pages), vec![3], "shrunk on the first page");
        let h = heights[0].expect("shrunk");
        assert!((46.0..62.0).contains(&h), "{h} mm");
        // The bars end above the text area's foot.
        let s = sheet();
        let foot = (s.page.height_mm - s.page.margins.bottom) * PT_PER_MM;
        assert!(pages[0].frame.fills.iter().all(|f| f.y + f.height < foot));

        let mut b = fillers(n - 8);
        b.push(four_bars());
        let (pages, heights) = frames(b);
        assert_eq!(
            bars_on(&pages),
            vec![0, 3],
            "below its minimum: moves whole"
        );
        assert_eq!(heights, vec![None]);

        let mut b = fillers(n - 20);
        b.push(four_bars());
        let (_, heights) = frames(b);
        assert_eq!(heights, vec![None], "room to spare: natural height");
    }

    #[test]
    fn pathological_tables_terminate() {
        let tall = |n: usize| {
            let texts: Vec<String> = (0..n).map(|i| format!("Dòng {i}")).collect();
            let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
            match lines_para(LINE, &refs) {
                Block::Paragraph(p) => p,
                _ => unreachable!(),
            }
        };
        let cell = |n: usize, rowspan: usize| Cell {
            rowspan,
            paragraphs: vec![tall(n)],
            ..Cell::default()
        };
        let t = Table {
            columns: vec![1.0, 1.0],
            fit_width: true,
            borders: true,
            header_rows: 1,
            rows: vec![
                // A header taller than a page, then a merged group taller than a page.
                Row {
                    cells: vec![cell(60, 1), cell(1, 1)],
                    ..Row::default()
                },
                Row {
                    cells: vec![cell(70, 2), cell(1, 1)],
                    keep_with_next: true,
                    ..Row::default()
                },
                Row {
                    cells: vec![cell(1, 1)],
                    ..Row::default()
                },
            ],
            ..Table::default()
        };
        let p = pages(vec![Block::Table(t)]);
        assert!(!p.is_empty() && p.len() < 10);
    }
}
