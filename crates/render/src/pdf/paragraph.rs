//! One paragraph → lines of placed glyphs: faces per run, line breaking, indents, alignment,
//! justification, line height and the rule below. Lines stay separate so pagination can
//! split the paragraph between them.

use super::linebreak::{balance_lines, break_lines, break_opportunities, LineSpan};
use super::placed::{FaceKey, Frame, Glyph, GlyphRun, Stroke, BLACK};
use super::shape::{ShapedChar, Shaper};
use crate::ir::{Paragraph, RunKind};
use crate::style::{twips_pt, Align, ParagraphStyle, RULE_GAP_PT, RULE_WIDTH_PT};

/// One laid-out line; its frame is relative to the paragraph box's left edge and the line's
/// top.
#[derive(Debug, Clone, PartialEq)]
pub struct LaidLine {
    pub height: f32,
    pub frame: Frame,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LaidParagraph {
    pub lines: Vec<LaidLine>,
    pub space_before: f32,
    pub space_after: f32,
    pub keep_with_next: bool,
}

impl LaidParagraph {
    pub fn height(&self) -> f32 {
        self.lines.iter().map(|l| l.height).sum()
    }
}

/// The paragraph's characters as measured, and where its lines end: greedy, or balanced
/// for a style that asks for it.
fn break_paragraph(
    p: &Paragraph,
    style: &ParagraphStyle,
    width: f32,
    shaper: &mut Shaper,
) -> (Vec<ShapedChar>, Vec<LineSpan>) {
    // Collect: runs → one string and its measured characters.
    let mut text = String::new();
    let mut chars: Vec<ShapedChar> = Vec::new();
    for run in &p.runs {
        let face = FaceKey::new(
            run.bold.unwrap_or(style.bold),
            run.italic.unwrap_or(style.italic),
        );
        let t = match &run.kind {
            RunKind::Text(t) => t.as_str(),
            RunKind::LineBreak => "\n",
        };
        text.push_str(t);
        shaper.shape_into(t, face, style.size_pt, &mut chars);
    }
    // Indents in whole twips, as the DOCX holds them.
    let left = twips_pt(style.left_indent_mm);
    let first = twips_pt(style.first_line_indent_mm);
    let breaks = break_opportunities(&text);
    let avail = |i: usize| (width - left - if i == 0 { first } else { 0.0 }).max(0.0);
    let spans = if style.balance {
        balance_lines(&chars, &breaks, avail)
    } else {
        break_lines(&chars, &breaks, avail)
    };
    (chars, spans)
}

/// Lays out `p` in a box `width` points wide.
pub fn layout_paragraph(
    p: &Paragraph,
    style: &ParagraphStyle,
    width: f32,
    shaper: &mut Shaper,
) -> LaidParagraph {
    let (chars, spans) = break_paragraph(p, style, width, shaper);
    place_lines(p, style, width, shaper, &chars, &spans)
}

/// [`layout_paragraph`], with where the lines that do not follow a forced break start, as
/// char indices into its runs' text (a line break run counting one char): the DOCX writer
/// puts its own breaks there so a balanced heading breaks where the PDF breaks it.
pub fn layout_paragraph_with_starts(
    p: &Paragraph,
    style: &ParagraphStyle,
    width: f32,
    shaper: &mut Shaper,
) -> (LaidParagraph, Vec<usize>) {
    let (chars, spans) = break_paragraph(p, style, width, shaper);
    let starts = spans
        .windows(2)
        .filter(|w| !w[0].forced)
        .map(|w| w[1].start)
        .collect();
    (place_lines(p, style, width, shaper, &chars, &spans), starts)
}

/// The lines `spans` of `p` placed in a box `width` points wide, with the rule below.
fn place_lines(
    p: &Paragraph,
    style: &ParagraphStyle,
    width: f32,
    shaper: &Shaper,
    chars: &[ShapedChar],
    spans: &[LineSpan],
) -> LaidParagraph {
    let size = style.size_pt;
    let left = twips_pt(style.left_indent_mm);
    let first = twips_pt(style.first_line_indent_mm);

    let line_height = style.line_height_pt();
    // Single-spaced line box: ascent above the baseline, descent below. Extra spacing of a
    // multiple goes below the text, as LibreOffice sets proportional spacing.
    let single = size * crate::style::SINGLE_LINE_EM;
    let ascent = single * shaper.ascent_ratio();

    let mut widest: Option<(f32, f32)> = None; // (x, width)
    let mut lines: Vec<LaidLine> = spans
        .iter()
        .enumerate()
        .map(|(i, span)| {
            let x0 = left + if i == 0 { first } else { 0.0 };
            let avail = (width - x0).max(0.0);
            let (frame, x, w) = build_line(chars, span, style.align, x0, avail, ascent);
            if widest.is_none_or(|(_, ww)| w > ww) {
                widest = Some((x, w));
            }
            LaidLine {
                height: line_height,
                frame,
            }
        })
        .collect();

    if let (Some(fraction), Some((_, w)), Some(line)) = (style.rule_below, widest, lines.last_mut())
    {
        // Centred in the paragraph's box, like the DOCX's border narrowed by equal indents;
        // the rule and its gap belong to the last line so pagination never separates them.
        let len = (fraction * w).min(width);
        let y = line.height + RULE_GAP_PT + RULE_WIDTH_PT / 2.0;
        line.height += RULE_GAP_PT + RULE_WIDTH_PT;
        if len > 0.0 {
            line.frame.strokes.push(Stroke {
                x1: (width - len) / 2.0,
                y1: y,
                x2: (width + len) / 2.0,
                y2: y,
                width: RULE_WIDTH_PT,
                color: BLACK,
            });
        }
    }

    LaidParagraph {
        lines,
        space_before: style.space_before_pt,
        space_after: style.space_after_pt,
        keep_with_next: style.keep_with_next || p.keep_with_next,
    }
}

/// Places one line's glyphs. Returns the frame and the line's laid-out extent (x, width).
fn build_line(
    chars: &[ShapedChar],
    span: &LineSpan,
    align: Align,
    x0: f32,
    avail: f32,
    baseline: f32,
) -> (Frame, f32, f32) {
    let shown = &chars[span.start..span.content_end];
    let slack = avail - span.width;
    // A line ending in a manual line break stays ragged too: the DOCX carries
    // `w:doNotExpandShiftReturn` (docx-rs writes it), which Word and LibreOffice honour.
    let justify = align == Align::Justify && !span.forced && slack > 0.0;
    let spaces = if justify {
        shown.iter().filter(|c| c.is_space()).count()
    } else {
        0
    };
    let (mut x, extra) = match align {
        Align::Left => (x0, 0.0),
        Align::Center => (x0 + slack / 2.0, 0.0),
        Align::Right => (x0 + slack, 0.0),
        Align::Justify if spaces > 0 => (x0, slack / spaces as f32),
        Align::Justify => (x0, 0.0),
    };
    let start_x = x;
    let mut frame = Frame::default();
    for c in shown {
        let same = frame
            .runs
            .last()
            .is_some_and(|r| r.face == c.face && r.size == c.size);
        if !same {
            // Lines stay in memory until their page is drawn (a whole table's): no spare
            // capacity. Most lines are one run of one face.
            let rest = shown.len() - frame.runs.iter().map(|r| r.glyphs.len()).sum::<usize>();
            if frame.runs.capacity() == 0 {
                frame.runs.reserve_exact(1);
            }
            frame.runs.push(GlyphRun {
                face: c.face,
                size: c.size,
                color: super::placed::BLACK,
                y: baseline,
                glyphs: Vec::with_capacity(rest),
            });
        }
        if let Some(run) = frame.runs.last_mut() {
            run.glyphs.push(Glyph {
                gid: c.gid,
                x,
                ch: c.ch,
            });
        }
        x += c.advance;
        if c.is_space() {
            x += extra;
        }
    }
    if frame.runs.len() > 1 {
        frame.runs.shrink_to_fit();
        for r in &mut frame.runs {
            r.glyphs.shrink_to_fit();
        }
    }
    (frame, start_x, x - start_x)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::FontSet;
    use crate::ir::Run;
    use crate::style::{StyleSheet, PT_PER_MM};

    fn para(text: &str, style: &str) -> Paragraph {
        Paragraph {
            style: style.into(),
            runs: vec![Run::text(text)],
            ..Paragraph::default()
        }
    }

    fn line_text(l: &LaidLine) -> String {
        l.frame
            .runs
            .iter()
            .flat_map(|r| r.glyphs.iter().map(|g| g.ch))
            .collect()
    }

    #[test]
    fn justified_lines_fill_the_width_and_last_line_is_ragged() {
        let fonts = FontSet::bundled();
        let mut sh = Shaper::new(&fonts).unwrap();
        let sheet = StyleSheet::nd30();
        let st = sheet.get("body").unwrap();
        let text = "Thực hiện Nghị quyết của Chính phủ về chương trình tổng thể cải cách \
                    hành chính nhà nước giai đoạn 2021 - 2030, Ủy ban nhân dân phường ban \
                    hành Kế hoạch cải cách hành chính năm 2023 như sau.";
        let w = 165.0 * PT_PER_MM;
        let lp = layout_paragraph(&para(text, "body"), st, w, &mut sh);
        assert!(lp.lines.len() >= 3);
        for (i, l) in lp.lines.iter().enumerate() {
            let last_glyph = l.frame.runs.last().unwrap().glyphs.last().unwrap();
            let adv = sh.width(&last_glyph.ch.to_string(), FaceKey::Regular, 14.0);
            let right = last_glyph.x + adv;
            if i + 1 < lp.lines.len() {
                assert!(
                    (right - w).abs() < 0.01,
                    "line {i} ends at {right}, not {w}"
                );
            } else {
                assert!(right < w - 10.0, "last line is ragged");
            }
        }
        let first_x = lp.lines[0].frame.runs[0].glyphs[0].x;
        assert!(
            (first_x - crate::style::twips_pt(10.0)).abs() < 1e-3,
            "first-line indent, in whole twips (567) as in the DOCX"
        );
        let joined: Vec<String> = lp.lines.iter().map(line_text).collect();
        assert_eq!(joined.join(" "), text);
        assert!((lp.lines[0].height - 14.0 * crate::style::SINGLE_LINE_EM).abs() < 1e-4);
    }

    #[test]
    fn a_no_break_space_holds_its_words_at_a_space_width_unstretched() {
        // U+00A0 is class GL: no break at it. LibreOffice sets it at a space's width and does
        // not stretch it in a justified line, and neither may we.
        let fonts = FontSet::bundled();
        let mut sh = Shaper::new(&fonts).unwrap();
        let sheet = StyleSheet::nd30();
        let st = sheet.get("body").unwrap();
        let space = sh.width(" ", FaceKey::Regular, 14.0);
        assert_eq!(sh.width("\u{a0}", FaceKey::Regular, 14.0), space);
        let text = "Thực hiện kế hoạch của Ủy ban nhân dân xã\u{a0}Tân\u{a0}Lập về cải cách \
                    hành chính nhà nước năm 2025 như sau.";
        let w = 300.0;
        let lp = layout_paragraph(&para(text, "body"), st, w, &mut sh);
        assert!(lp.lines.len() >= 2);
        let at = lp
            .lines
            .iter()
            .map(line_text)
            .position(|l| l.contains("xã\u{a0}Tân\u{a0}Lập"));
        assert!(
            at.is_some_and(|i| i + 1 < lp.lines.len()),
            "the name on one justified line"
        );
        for l in &lp.lines[..lp.lines.len() - 1] {
            let g: Vec<&Glyph> = l.frame.runs.iter().flat_map(|r| &r.glyphs).collect();
            for pair in g.windows(2).filter(|p| p[0].ch == '\u{a0}') {
                assert!(
                    (pair[1].x - pair[0].x - space).abs() < 1e-3,
                    "not stretched"
                );
            }
        }
    }

    #[test]
    fn mixed_faces_and_rule_below() {
        let fonts = FontSet::bundled();
        let mut sh = Shaper::new(&fonts).unwrap();
        let sheet = StyleSheet::nd30();
        let st = sheet.get("tieu-ngu").unwrap();
        let p = Paragraph {
            style: "tieu-ngu".into(),
            runs: vec![
                Run::text("Độc lập - "),
                Run {
                    italic: Some(true),
                    ..Run::text("Tự do")
                },
                Run::text(" - Hạnh phúc"),
            ],
            ..Paragraph::default()
        };
        let lp = layout_paragraph(&p, st, 280.0, &mut sh);
        assert_eq!(lp.lines.len(), 1);
        let runs = &lp.lines[0].frame.runs;
        assert_eq!(runs.len(), 3);
        assert_eq!(runs[1].face, FaceKey::BoldItalic);
        let rule = lp.lines[0].frame.strokes[0];
        let w = sh.width("Độc lập - ", FaceKey::Bold, 13.0)
            + sh.width("Tự do", FaceKey::BoldItalic, 13.0)
            + sh.width(" - Hạnh phúc", FaceKey::Bold, 13.0);
        assert!(((rule.x2 - rule.x1) - w).abs() < 0.01);
        assert!(((rule.x1 + rule.x2) / 2.0 - 140.0).abs() < 0.01, "centred");
    }
}
