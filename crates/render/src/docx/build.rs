//! IR → docx-rs objects: direct formatting from the style sheet on every paragraph and run.
//! The document's frame (header parts, the final section) is one docx-rs document; its body
//! is made one element (paragraph, table row) at a time and written out as XML at once, so a
//! document of thousands of rows never exists as one docx-rs tree.

use super::chart::{chart_part, ChartPart, MARKER_PREFIX};
use super::schema_order::Fragments;
use super::units::{half_points, pt_twips, twips, twips_u};
use crate::fonts::FontSet;
use crate::ir::{self, Block, GridSlot, Orientation, RunKind};
use crate::measure::{Measures, TableMeasure};
use crate::style::{Align, ParagraphStyle, StyleSheet};
use docx_rs::*;

fn fonts(family: &str) -> RunFonts {
    RunFonts::new()
        .ascii(family)
        .hi_ansi(family)
        .east_asia(family)
        .cs(family)
}

fn align(a: Align) -> AlignmentType {
    match a {
        Align::Left => AlignmentType::Left,
        Align::Center => AlignmentType::Center,
        Align::Right => AlignmentType::Right,
        Align::Justify => AlignmentType::Both,
    }
}

fn spacing(st: &ParagraphStyle) -> LineSpacing {
    LineSpacing::new()
        .before(pt_twips(st.space_before_pt))
        .after(pt_twips(st.space_after_pt))
        .line((240.0 * st.line_spacing).round() as i32)
        .line_rule(LineSpacingType::Auto)
}

/// A run's text (or a line break, `None`) with its emphasis.
struct Piece {
    text: Option<String>,
    bold: Option<bool>,
    italic: Option<bool>,
}

/// `runs` as pieces, with a line break inserted before each char index of `starts` and the
/// spaces before it dropped (a space left at a line's end would shift a centred line).
fn with_breaks(runs: &[ir::Run], starts: &[usize]) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    let mut at = 0usize;
    let mut next = starts.iter().copied().peekable();
    for r in runs {
        let (bold, italic) = (r.bold, r.italic);
        let text = match &r.kind {
            RunKind::LineBreak => {
                at += 1;
                out.push(Piece {
                    text: None,
                    bold,
                    italic,
                });
                continue;
            }
            RunKind::Text(t) => t,
        };
        let mut piece = String::new();
        for ch in text.chars() {
            if next.peek() == Some(&at) {
                next.next();
                if !piece.is_empty() {
                    out.push(Piece {
                        text: Some(std::mem::take(&mut piece)),
                        bold,
                        italic,
                    });
                }
                trim_line_end(&mut out);
                out.push(Piece {
                    text: None,
                    bold,
                    italic,
                });
            }
            piece.push(ch);
            at += 1;
        }
        if !piece.is_empty() {
            out.push(Piece {
                text: Some(piece),
                bold,
                italic,
            });
        }
    }
    out
}

/// Drops the spaces at the end of the pieces written so far (back to the last line break).
fn trim_line_end(out: &mut Vec<Piece>) {
    while let Some(Piece { text: Some(t), .. }) = out.last_mut() {
        let kept = t.trim_end_matches(' ').len();
        t.truncate(kept);
        if !t.is_empty() {
            break;
        }
        out.pop();
    }
}

struct Ctx<'a> {
    style: &'a StyleSheet,
    fonts: &'a FontSet,
    /// The next paragraph's `w14:paraId`: paragraphs are numbered in document order from 1
    /// (the page-number header's), as docx-rs's own counter numbers them when a whole
    /// document is built at once.
    next_id: std::cell::Cell<u32>,
}

impl Ctx<'_> {
    fn new_paragraph(&self) -> Paragraph {
        let id = self.next_id.get();
        self.next_id.set(id.wrapping_add(1));
        Paragraph::new().id(format!("{id:08x}"))
    }

    fn st(&self, name: &str) -> Result<&ParagraphStyle, String> {
        self.style
            .get(name)
            .ok_or_else(|| crate::style::unknown_style_message(name, self.style))
    }

    /// Width in points of the widest of the lines `pieces` break into.
    fn widest_line_pt(&self, pieces: &[Piece], st: &ParagraphStyle) -> f32 {
        let mut widest: f32 = 0.0;
        let mut line: f32 = 0.0;
        for piece in pieces {
            match &piece.text {
                Some(t) => {
                    let face = self.fonts.face(
                        piece.bold.unwrap_or(st.bold),
                        piece.italic.unwrap_or(st.italic),
                    );
                    line += face.text_width_pt(t, st.size_pt);
                }
                None => {
                    widest = widest.max(line);
                    line = 0.0;
                }
            }
        }
        widest.max(line)
    }

    fn paragraph(
        &self,
        st: &ParagraphStyle,
        pieces: &[Piece],
        keep_next: bool,
    ) -> Result<Paragraph, String> {
        let mut sp = spacing(st);
        if st.rule_below.is_some() {
            // The space after goes under the rule paragraph instead.
            sp = sp.after(0);
        }
        let mut para = self
            .new_paragraph()
            .align(align(st.align))
            .line_spacing(sp)
            .widow_control(true)
            .size(half_points(st.size_pt));
        if st.first_line_indent_mm != 0.0 || st.left_indent_mm != 0.0 {
            para = para.indent(
                Some(twips(st.left_indent_mm)),
                Some(SpecialIndentType::FirstLine(twips(st.first_line_indent_mm))),
                None,
                None,
            );
        }
        if st.keep_with_next || keep_next || st.rule_below.is_some() {
            para = para.keep_next(true);
        }
        for piece in pieces {
            let (bold, italic) = (
                piece.bold.unwrap_or(st.bold),
                piece.italic.unwrap_or(st.italic),
            );
            let mut run = Run::new().size(half_points(st.size_pt));
            if bold {
                run = run.bold();
            }
            if italic {
                run = run.italic();
            }
            match &piece.text {
                None => para = para.add_run(run.add_break(BreakType::TextWrapping)),
                Some(t) => {
                    let face = self.fonts.face(bold, italic);
                    for (text, fallback) in crate::fonts::fallback_pieces(t, face) {
                        let mut r = run.clone().add_text(text);
                        if fallback {
                            r = r.fonts(fonts(crate::fonts::SYMBOL_FAMILY));
                        }
                        para = para.add_run(r);
                    }
                }
            }
        }
        Ok(para)
    }

    /// The short rule under a paragraph: an empty 1 pt paragraph whose bottom border is
    /// narrowed by indents to `fraction` of the text's widest line, centred in `width_mm`.
    fn rule(
        &self,
        st: &ParagraphStyle,
        pieces: &[Piece],
        width_mm: f32,
        keep_next: bool,
    ) -> Result<Option<Paragraph>, String> {
        let Some(fraction) = st.rule_below else {
            return Ok(None);
        };
        let text_mm = self.widest_line_pt(pieces, st) / crate::style::PT_PER_MM;
        let len = (fraction * text_mm.min(width_mm)).min(width_mm);
        let side = ((width_mm - len) / 2.0).max(0.0);
        let mut rule = self
            .new_paragraph()
            .indent(Some(twips(side)), None, Some(twips(side)), None)
            .line_spacing(
                LineSpacing::new()
                    .before(0)
                    .after(pt_twips(st.space_after_pt))
                    .line(pt_twips(crate::style::RULE_GAP_PT) as i32)
                    .line_rule(LineSpacingType::Exact),
            )
            .size(2);
        if keep_next {
            rule = rule.keep_next(true);
        }
        rule.property = rule.property.set_borders(
            ParagraphBorders::with_empty().set(
                ParagraphBorder::new(ParagraphBorderPosition::Bottom)
                    .val(BorderType::Single)
                    .size(6)
                    .space(0),
            ),
        );
        Ok(Some(rule))
    }

    /// A paragraph and, if its style asks for one, the rule under it; `soft_line_starts`
    /// are where the PDF wraps its lines (a balanced heading's), to break them there too.
    fn paragraph_with_rule(
        &self,
        p: &ir::Paragraph,
        width_mm: f32,
        soft_line_starts: &[usize],
        keep_next: bool,
    ) -> Result<Vec<Paragraph>, String> {
        let st = self.st(&p.style)?;
        let pieces = with_breaks(&p.runs, soft_line_starts);
        let mut out = vec![self.paragraph(st, &pieces, keep_next)?];
        if let Some(r) = self.rule(st, &pieces, width_mm, keep_next || st.keep_with_next)? {
            out.push(r);
        }
        Ok(out)
    }

    /// Writes a table: its opening (properties and grid), then each row as it is made.
    /// Column widths and the rows too tall for a page come from the layout's `measure`;
    /// without one, widths follow the rule and every row keeps what it asks.
    fn write_table(
        &self,
        t: &ir::Table,
        o: Orientation,
        measure: Option<&TableMeasure>,
        frags: &mut Fragments,
        out: &mut dyn std::io::Write,
    ) -> Result<(), String> {
        let grid = t.grid()?;
        let widths = match measure {
            Some(m) if m.widths_mm.len() == t.columns.len() => m.widths_mm.clone(),
            _ => t.column_widths_mm(self.style.text_width_mm(o))?,
        };
        // A row too tall for a page breaks whatever it asks: without `w:cantSplit`, or
        // LibreOffice clips it at the page foot (the PDF engine applies the same rule).
        let too_tall = measure.map_or(&[][..], |m| m.too_tall.as_slice());
        let pad = self.style.table.cell_padding_x_mm;
        frags.table_start(&self.table_shell(t, &widths).build(), out)?;
        for (r, row) in t.rows.iter().enumerate() {
            let mut cells = Vec::new();
            let mut c = 0;
            while c < widths.len() {
                let (origin_row, cell_idx, is_origin) = match grid[r][c] {
                    GridSlot::Origin { row, cell } => (row, cell, true),
                    GridSlot::Covered { row, cell } => (row, cell, false),
                };
                let cell = &t.rows[origin_row].cells[cell_idx];
                let span = cell.colspan;
                let width: f32 = widths[c..c + span].iter().sum();
                let mut tc = TableCell::new().width(twips_u(width), WidthType::Dxa);
                if span > 1 {
                    tc = tc.grid_span(span);
                }
                tc = tc.vertical_align(match cell.valign {
                    ir::VAlign::Top => VAlignType::Top,
                    ir::VAlign::Center => VAlignType::Center,
                    ir::VAlign::Bottom => VAlignType::Bottom,
                });
                if cell.rowspan > 1 || origin_row != r {
                    tc = tc.vertical_merge(if is_origin {
                        VMergeType::Restart
                    } else {
                        VMergeType::Continue
                    });
                }
                if origin_row == r && !cell.paragraphs.is_empty() {
                    for p in &cell.paragraphs {
                        for para in
                            self.paragraph_with_rule(p, width - 2.0 * pad, &[], row.keep_with_next)?
                        {
                            tc = tc.add_paragraph(para);
                        }
                    }
                } else {
                    // A continuation cell of a vertical merge, or an empty cell, holds one
                    // empty paragraph.
                    tc = tc.add_paragraph(self.new_paragraph());
                }
                if !t.borders {
                    tc = tc.clear_all_border();
                }
                cells.push(tc);
                c += span;
            }
            let mut tr = TableRow::new(cells);
            if row.cant_split && !too_tall.get(r).copied().unwrap_or(false) {
                tr = tr.cant_split();
            }
            frags.row(&tr.build(), r < t.header_rows, out)?;
        }
        frags.table_end(out)
    }

    /// A table's properties and grid, without rows.
    fn table_shell(&self, t: &ir::Table, widths: &[f32]) -> Table {
        let pad = self.style.table.cell_padding_x_mm;
        let total: f32 = widths.iter().sum();
        let mut table = Table::new(Vec::new())
            .set_grid(widths.iter().map(|w| twips_u(*w)).collect())
            .width(twips_u(total), WidthType::Dxa)
            .layout(TableLayoutType::Fixed)
            .indent(twips(t.indent_mm))
            .margins(TableCellMargins::new().margin(
                twips_u(self.style.table.cell_padding_y_mm),
                twips_u(pad),
                twips_u(self.style.table.cell_padding_y_mm),
                twips_u(pad),
            ));
        if t.borders {
            let size = (self.style.table.border_pt * 8.0).round() as usize;
            let mut borders = TableBorders::new();
            for pos in [
                TableBorderPosition::Top,
                TableBorderPosition::Left,
                TableBorderPosition::Bottom,
                TableBorderPosition::Right,
                TableBorderPosition::InsideH,
                TableBorderPosition::InsideV,
            ] {
                borders = borders.set(
                    TableBorder::new(pos)
                        .border_type(BorderType::Single)
                        .size(size),
                );
            }
            table = table.set_borders(borders);
        } else {
            table = table.clear_all_border();
        }
        table
    }

    /// The paragraph that will hold chart `index`: centred, the chart's spacing, single
    /// line spacing (the line grows to the drawing), and a bookmark that `schema_order`
    /// replaces with the drawing run.
    fn chart_marker(&self, index: usize) -> Paragraph {
        let style = self.style;
        self.new_paragraph()
            .align(AlignmentType::Center)
            .line_spacing(
                LineSpacing::new()
                    .before(pt_twips(style.chart.space_before_pt))
                    .after(pt_twips(style.chart.space_after_pt))
                    .line(240)
                    .line_rule(LineSpacingType::Auto),
            )
            .size(2)
            .add_bookmark_start(index, format!("{MARKER_PREFIX}{index}"))
    }

    /// An empty paragraph one point high (section breaks, separators between tables).
    fn tiny_paragraph(&self) -> Paragraph {
        self.new_paragraph()
            .line_spacing(
                LineSpacing::new()
                    .before(0)
                    .after(0)
                    .line(20)
                    .line_rule(LineSpacingType::Exact),
            )
            .size(2)
    }
}

fn section_property(style: &StyleSheet, s: &ir::Section, first: bool) -> SectionProperty {
    let (w, h) = style.page_size_mm(s.orientation);
    let m = style.margins(s.orientation);
    let mut sp = SectionProperty::new()
        .page_size(
            PageSize::new()
                .size(twips_u(w) as u32, twips_u(h) as u32)
                .orient(match s.orientation {
                    Orientation::Portrait => PageOrientationType::Portrait,
                    Orientation::Landscape => PageOrientationType::Landscape,
                }),
        )
        .page_margin(
            PageMargin::new()
                .top(twips(m.top))
                .bottom(twips(m.bottom))
                .left(twips(m.left))
                .right(twips(m.right))
                .header(twips(style.page.header_distance_mm))
                .footer(twips(style.page.header_distance_mm))
                .gutter(0),
        );
    if !s.number_first_page {
        sp = sp.title_pg();
    }
    if s.restart_page_numbers {
        sp = sp.page_num_type(PageNumType::new().start(1));
    }
    if first {
        // Only the first section names the header parts; later sections inherit them.
        sp = sp
            .header(Header::new(), "rIdHeader1")
            .first_header(Header::new(), "rIdHeader2");
    }
    sp
}

/// The page-number header: a centred PAGE field in the number style.
fn page_number_header(ctx: &Ctx) -> Result<(Header, Header), String> {
    let st = ctx.st(&ctx.style.page_number_style)?;
    // The size goes on the field's run, not only on the paragraph mark: Word and LibreOffice
    // print the number in its run's size.
    let field = Run::new()
        .size(half_points(st.size_pt))
        .add_field_char(FieldCharType::Begin, false)
        .add_instr_text(InstrText::PAGE(InstrPAGE {}))
        .add_field_char(FieldCharType::Separate, false)
        .add_text("1")
        .add_field_char(FieldCharType::End, false);
    let p = ctx
        .new_paragraph()
        .align(align(st.align))
        .line_spacing(spacing(st))
        .size(half_points(st.size_pt))
        .add_run(field);
    Ok((Header::new().add_paragraph(p), Header::new()))
}

/// The chart parts of `doc`, in document order (numbered from 1), each as tall as the PDF's
/// pagination made it (`measures`: shrunk to the room left at a page's foot, or natural).
pub fn charts(
    doc: &ir::Document,
    style: &StyleSheet,
    measures: &Measures,
) -> Result<Vec<ChartPart>, String> {
    let mut charts = Vec::new();
    for (si, s) in doc.sections.iter().enumerate() {
        let width = style.text_width_mm(s.orientation);
        for (bi, b) in s.blocks.iter().enumerate() {
            if let Block::Chart(c) = b {
                let height = measures.chart_height_mm(si, bi);
                charts.push(chart_part(c, charts.len() + 1, style, width, height)?);
            }
        }
    }
    Ok(charts)
}

/// The document's frame: default fonts and size, the page-number header parts and the
/// final section's properties, with an empty body ([`write_body`] writes the body).
pub fn frame(doc: &ir::Document, style: &StyleSheet, fonts_set: &FontSet) -> Result<Docx, String> {
    let ctx = Ctx {
        style,
        fonts: fonts_set,
        next_id: std::cell::Cell::new(1),
    };
    let family = style.font_family.as_str();
    let body = ctx.st("body")?;
    let (header, first_header) = page_number_header(&ctx)?;
    // Header parts are registered on the final section (rIdHeader1, rIdHeader2, in this order).
    let mut docx = Docx::new()
        .default_fonts(fonts(family))
        .default_size(half_points(body.size_pt))
        .header(header)
        .first_header(first_header);
    if let Some(last) = doc.sections.last() {
        let sp = section_property(style, last, doc.sections.len() == 1);
        docx.document.section_property = merge_final(docx.document.section_property, sp);
    }
    Ok(docx)
}

/// Writes the body's elements as WordprocessingML (in schema order, with header rows marked
/// and chart runs placed) to `out`, one element at a time.
pub fn write_body(
    doc: &ir::Document,
    style: &StyleSheet,
    fonts_set: &FontSet,
    measures: &Measures,
    charts: &[ChartPart],
    out: &mut dyn std::io::Write,
) -> Result<(), String> {
    // Paragraph 1 is the page-number header's (see `frame`).
    let ctx = Ctx {
        style,
        fonts: fonts_set,
        next_id: std::cell::Cell::new(2),
    };
    let runs: Vec<&str> = charts.iter().map(|c| c.run.as_str()).collect();
    let mut frags = Fragments::new(&runs);
    let n = doc.sections.len();
    let mut chart_no = 0;
    for (i, s) in doc.sections.iter().enumerate() {
        let width = style.text_width_mm(s.orientation);
        for (bi, b) in s.blocks.iter().enumerate() {
            match b {
                Block::Paragraph(p) => {
                    let starts = measures.soft_line_starts(i, bi);
                    for para in ctx.paragraph_with_rule(p, width, starts, p.keep_with_next)? {
                        frags.element(&para.build(), out)?;
                    }
                }
                Block::Chart(_) => {
                    chart_no += 1;
                    frags.element(&ctx.chart_marker(chart_no).build(), out)?;
                }
                Block::Table(t) => {
                    ctx.write_table(t, s.orientation, measures.table(i, bi), &mut frags, out)?;
                    // Word needs a paragraph between consecutive tables and after a final one;
                    // an exact 1 pt line keeps it from pushing content to a new page.
                    let next_is_table = matches!(s.blocks.get(bi + 1), Some(Block::Table(_)));
                    let last = bi + 1 == s.blocks.len();
                    if next_is_table || (last && i + 1 == n) {
                        frags.element(&ctx.tiny_paragraph().build(), out)?;
                    }
                }
            }
        }
        if i + 1 < n {
            let sp = section_property(style, s, i == 0);
            let p = ctx.tiny_paragraph().section_property(sp);
            frags.element(&p.build(), out)?;
        }
    }
    frags.finish()
}

/// The final section's geometry with the header parts docx-rs registered on it.
fn merge_final(registered: SectionProperty, sp: SectionProperty) -> SectionProperty {
    let mut out = sp;
    out.header = registered.header;
    out.header_reference = registered.header_reference;
    out.first_header = registered.first_header;
    out.first_header_reference = registered.first_header_reference;
    out
}
