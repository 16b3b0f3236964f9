//! Placed pages → PDF bytes with printpdf. Fonts are embedded as subsets under fixed IDs
//! (the ID is also the subset tag), every glyph carries its character for ToUnicode, and
//! nothing depends on the clock or on a counter, so equal input gives equal bytes.

use printpdf::{
    Codepoint, Color, FontId, Line, LinePoint, Mm, Op, PaintMode, ParsedFont, PdfDocument, PdfFont,
    PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect, Rgb, TextItem, TextMatrix,
    WindingOrder,
};

use super::placed::{FaceKey, Fill, GlyphRun, PageFrame, Rgb8, BLACK};
use crate::fonts::FontSet;
use crate::ir::Meta;
use crate::style::PT_PER_MM;

/// Resource names and subset tags: six upper-case letters, as PDF subset tags must be.
fn font_id(face: FaceKey) -> FontId {
    FontId(
        match face {
            FaceKey::Regular => "VNREGU",
            FaceKey::Bold => "VNBOLD",
            FaceKey::Italic => "VNITAL",
            FaceKey::BoldItalic => "VNBOIT",
            FaceKey::Symbol => "VNSYMB",
        }
        .to_string(),
    )
}

/// Advance widths as the PDF's /W array states them (printpdf truncates to 1/1000 em), so
/// glyph offsets can correct the difference and glyphs land where layout put them.
struct WidthTable<'a> {
    faces: Vec<(ttf_parser::Face<'a>, f32)>,
}

impl<'a> WidthTable<'a> {
    fn new(fonts: &'a FontSet) -> Result<WidthTable<'a>, String> {
        let mut faces = Vec::with_capacity(5);
        for key in FaceKey::ALL.into_iter().chain([FaceKey::Symbol]) {
            let f = key.font(fonts);
            let face = ttf_parser::Face::parse(&f.data, 0)
                .map_err(|e| format!("không đọc được phông chữ {}: {e}", f.name))?;
            let upem = f32::from(face.units_per_em());
            faces.push((face, upem));
        }
        Ok(WidthTable { faces })
    }

    fn pdf_width(&self, face: FaceKey, gid: u16) -> f32 {
        let (f, upem) = &self.faces[face.index()];
        let adv = f.glyph_hor_advance(ttf_parser::GlyphId(gid)).unwrap_or(0);
        (f32::from(adv) * 1000.0 / upem).trunc()
    }
}

/// printpdf's parsed faces, kept between documents and parsed off the critical path:
/// parsing the four faces costs about 2.5 ms, as much as laying out several pages. Only the
/// bundled faces are cached (a plan's own font files are parsed for its document).
#[derive(Default)]
pub struct FaceCache {
    state: CacheState,
}

#[derive(Default)]
enum CacheState {
    #[default]
    Empty,
    Pending(std::thread::JoinHandle<Box<ParsedFaces>>),
    Ready(Box<ParsedFaces>),
}

/// Parsed faces by [`FaceKey::index`], with the address of the bytes they were parsed from.
#[derive(Default)]
struct ParsedFaces {
    faces: [Option<(usize, ParsedFont)>; 4],
}

/// The address of a bundled face's bytes (compiled into the binary, so it names the face);
/// `None` for font files read at run time.
fn bundled_key(fonts: &FontSet, key: FaceKey) -> Option<usize> {
    match &*fonts.face(key.bold(), key.italic()).data {
        std::borrow::Cow::Borrowed(b) => Some(b.as_ptr() as usize),
        std::borrow::Cow::Owned(_) => None,
    }
}

fn parse_face(fonts: &FontSet, key: FaceKey) -> Result<ParsedFont, String> {
    let f = fonts.face(key.bold(), key.italic());
    let mut warnings = Vec::new();
    ParsedFont::from_bytes(&f.data, 0, &mut warnings)
        .ok_or_else(|| format!("không nhúng được phông chữ {} vào PDF", f.name))
}

impl FaceCache {
    /// Starts parsing the bundled faces of `fonts` on a thread of their own.
    pub fn spawn(fonts: &FontSet) -> FaceCache {
        let fonts = fonts.clone();
        let handle = std::thread::spawn(move || {
            let mut parsed = Box::<ParsedFaces>::default();
            for key in FaceKey::ALL {
                if let (Some(addr), Ok(f)) = (bundled_key(&fonts, key), parse_face(&fonts, key)) {
                    parsed.faces[key.index()] = Some((addr, f));
                }
            }
            parsed
        });
        FaceCache {
            state: CacheState::Pending(handle),
        }
    }

    fn ready(&mut self) -> &mut ParsedFaces {
        if let CacheState::Pending(_) | CacheState::Empty = self.state {
            let parsed = match std::mem::take(&mut self.state) {
                CacheState::Pending(h) => h.join().unwrap_or_default(),
                _ => Box::default(),
            };
            self.state = CacheState::Ready(parsed);
        }
        match &mut self.state {
            CacheState::Ready(p) => p,
            _ => unreachable!("made ready above"),
        }
    }

    /// The parsed face of `key`: from the cache when it holds that face, parsed otherwise.
    fn take(&mut self, fonts: &FontSet, key: FaceKey) -> Result<ParsedFont, String> {
        if let Some(addr) = bundled_key(fonts, key) {
            let slot = &mut self.ready().faces[key.index()];
            if slot.as_ref().is_some_and(|(a, _)| *a == addr) {
                if let Some((_, f)) = slot.take() {
                    return Ok(f);
                }
            }
        }
        parse_face(fonts, key)
    }

    /// Gives a face back after use (printpdf reads it, never changes it).
    fn put(&mut self, fonts: &FontSet, key: FaceKey, font: ParsedFont) {
        if let Some(addr) = bundled_key(fonts, key) {
            self.ready().faces[key.index()] = Some((addr, font));
        }
    }
}

/// Pages turned into printpdf operations one by one, as layout finishes them, then written
/// as one PDF.
pub struct PageWriter<'f> {
    widths: WidthTable<'f>,
    used: [bool; 5],
    pages: Vec<PdfPage>,
}

impl<'f> PageWriter<'f> {
    pub fn new(fonts: &'f FontSet) -> Result<PageWriter<'f>, String> {
        Ok(PageWriter {
            widths: WidthTable::new(fonts)?,
            used: [false; 5],
            pages: Vec::new(),
        })
    }

    /// Adds one laid-out page.
    pub fn add(&mut self, page: &PageFrame) {
        let page = page_ops(page, &self.widths, &mut self.used);
        self.pages.push(page);
    }

    /// Writes the pages added as PDF bytes; a document without a page is an error.
    pub fn finish(
        self,
        meta: &Meta,
        fonts: &FontSet,
        cache: &mut FaceCache,
    ) -> Result<Vec<u8>, String> {
        if self.pages.is_empty() {
            return Err("không dựng được trang PDF: văn bản không có phần nào".to_string());
        }
        write(self.pages, self.used, meta, fonts, cache)
    }
}

/// One page's operations: fills, then text, then strokes and boxes.
fn page_ops(page: &PageFrame, widths: &WidthTable, used: &mut [bool; 5]) -> PdfPage {
    let mut ops = Vec::new();
    fill_ops(&page.frame.fills, page.height, &mut ops);
    if !page.frame.runs.is_empty() {
        ops.push(Op::StartTextSection);
        ops.push(Op::SetFillColor {
            col: Color::Rgb(Rgb::new(0.0, 0.0, 0.0, None)),
        });
        let mut current: Option<(FaceKey, f32)> = None;
        let mut ink = BLACK;
        for run in &page.frame.runs {
            if run.glyphs.is_empty() {
                continue;
            }
            if run.color != ink {
                ops.push(Op::SetFillColor {
                    col: rgb(run.color),
                });
                ink = run.color;
            }
            used[run.face.index()] = true;
            if current != Some((run.face, run.size)) {
                ops.push(Op::SetFont {
                    font: PdfFontHandle::External(font_id(run.face)),
                    size: Pt(run.size),
                });
                current = Some((run.face, run.size));
            }
            text_ops(run, page.height, widths, &mut ops);
        }
        ops.push(Op::EndTextSection);
    }
    if !page.frame.strokes.is_empty() || !page.frame.boxes.is_empty() {
        ops.push(Op::SaveGraphicsState);
        let mut width = None;
        let mut color = None;
        let mut pen = |ops: &mut Vec<Op>, c: Rgb8, w: f32| {
            if color != Some(c) {
                ops.push(Op::SetOutlineColor { col: rgb(c) });
                color = Some(c);
            }
            if width != Some(w) {
                ops.push(Op::SetOutlineThickness { pt: Pt(w) });
                width = Some(w);
            }
        };
        for b in &page.frame.boxes {
            pen(&mut ops, b.color, b.line);
            ops.push(Op::DrawRectangle {
                rectangle: Rect {
                    x: Pt(b.x),
                    y: Pt(page.height - b.y - b.height),
                    width: Pt(b.width),
                    height: Pt(b.height),
                    mode: Some(PaintMode::Stroke),
                    winding_order: None,
                },
            });
        }
        for s in &page.frame.strokes {
            pen(&mut ops, s.color, s.width);
            let p = |x: f32, y: f32| LinePoint {
                p: Point::new(Mm(x / PT_PER_MM), Mm((page.height - y) / PT_PER_MM)),
                bezier: false,
            };
            ops.push(Op::DrawLine {
                line: Line {
                    points: vec![p(s.x1, s.y1), p(s.x2, s.y2)],
                    is_closed: false,
                },
            });
        }
        ops.push(Op::RestoreGraphicsState);
    }
    ops.shrink_to_fit();
    PdfPage::new(Mm(page.width / PT_PER_MM), Mm(page.height / PT_PER_MM), ops)
}

fn write(
    pdf_pages: Vec<PdfPage>,
    used: [bool; 5],
    meta: &Meta,
    fonts: &FontSet,
    cache: &mut FaceCache,
) -> Result<Vec<u8>, String> {
    let mut doc = PdfDocument::new(&meta.title);
    doc.metadata.info.author = meta.author.clone();
    doc.metadata.info.creator = "vanban".to_string();
    doc.metadata.info.producer = "vanban".to_string();
    for key in FaceKey::ALL.into_iter().chain([FaceKey::Symbol]) {
        if !used[key.index()] {
            continue;
        }
        // The symbol fallback face is not among the cached text faces.
        let parsed = if key == FaceKey::Symbol {
            let f = key.font(fonts);
            let mut warnings = Vec::new();
            ParsedFont::from_bytes(&f.data, 0, &mut warnings)
                .ok_or_else(|| format!("không nhúng được phông chữ {} vào PDF", f.name))?
        } else {
            cache.take(fonts, key)?
        };
        doc.resources
            .fonts
            .map
            .insert(font_id(key), PdfFont::new(parsed));
    }
    doc.with_pages(pdf_pages);

    let mut warnings = Vec::new();
    let mut lo = doc.to_lopdf_document(&PdfSaveOptions::default(), &mut warnings);
    for key in FaceKey::ALL {
        if let Some(f) = doc.resources.fonts.map.remove(&font_id(key)) {
            cache.put(fonts, key, f.parsed_font);
        }
    }
    drop(doc);
    finish_document(&mut lo, meta)?;
    compress_streams(&mut lo)?;
    let mut out = Vec::new();
    lo.save_to(&mut out)
        .map_err(|e| format!("không ghi được tệp PDF: {e}"))?;
    Ok(out)
}

fn rgb(c: Rgb8) -> Color {
    let f = |v: u8| f32::from(v) / 255.0;
    Color::Rgb(Rgb::new(f(c[0]), f(c[1]), f(c[2]), None))
}

/// Filled rectangles, painted before text and strokes so those stay visible on top.
fn fill_ops(fills: &[Fill], page_h: f32, ops: &mut Vec<Op>) {
    if fills.is_empty() {
        return;
    }
    ops.push(Op::SaveGraphicsState);
    let mut color = None;
    for f in fills {
        if color != Some(f.color) {
            ops.push(Op::SetFillColor { col: rgb(f.color) });
            color = Some(f.color);
        }
        ops.push(Op::DrawRectangle {
            rectangle: Rect {
                x: Pt(f.x),
                y: Pt(page_h - f.y - f.height),
                width: Pt(f.width),
                height: Pt(f.height),
                mode: Some(PaintMode::Fill),
                winding_order: Some(WindingOrder::NonZero),
            },
        });
    }
    ops.push(Op::RestoreGraphicsState);
}

/// How far a glyph inside a word may drift from where layout put it before the writer
/// corrects it, pt. The viewer advances by the /W widths (1/1000 em, truncated), layout by
/// advances rounded to 1/100 mm: within a word the two drift apart by at most a few
/// hundredths of a point per glyph, well below what the eye sees; a long word is corrected
/// where the drift reaches this.
const MAX_DRIFT_PT: f32 = 0.04;

/// One run: its first glyph placed absolutely, then whole words as text with an offset
/// between words (justification and the /W rounding), and inside a word only where the drift
/// exceeds [`MAX_DRIFT_PT`]. Text items are encoded by printpdf through the font's cmap,
/// which gives the glyphs layout chose; a glyph the cmap does not give for its character (a
/// tab set as a space, a missing letter shown as .notdef) is written by glyph id with its
/// character, so ToUnicode and the extracted text are the same either way.
fn text_ops(run: &GlyphRun, page_h: f32, widths: &WidthTable, ops: &mut Vec<Op>) {
    let Some(x0) = run.glyphs.first().map(|g| g.x) else {
        return;
    };
    ops.push(Op::SetTextMatrix {
        matrix: TextMatrix::Translate(Pt(x0), Pt(page_h - run.y)),
    });
    // Pen position in 1/1000 em from x0, as the viewer computes it.
    let scale = 1000.0 / run.size;
    let max_drift = MAX_DRIFT_PT * scale;
    let mut pen = 0.0f32;
    let mut items = Vec::new();
    let mut word = String::new();
    let mut prev_space = false;
    for (i, g) in run.glyphs.iter().enumerate() {
        if i > 0 {
            let d = (g.x - x0) * scale - pen;
            let r = d.round();
            if (prev_space && r != 0.0) || d.abs() > max_drift {
                if !word.is_empty() {
                    items.push(TextItem::Text(std::mem::take(&mut word)));
                }
                items.push(TextItem::Offset(-r));
                pen += r;
            }
        }
        if g.gid != 0 && g.ch != '\t' {
            word.push(g.ch);
        } else {
            if !word.is_empty() {
                items.push(TextItem::Text(std::mem::take(&mut word)));
            }
            items.push(TextItem::GlyphIds(vec![Codepoint::with_cid(
                g.gid,
                0.0,
                g.ch.to_string(),
            )]));
        }
        pen += widths.pdf_width(run.face, g.gid);
        prev_space = g.ch == ' ';
    }
    if !word.is_empty() {
        items.push(TextItem::Text(word));
    }
    // Every page's operations stay in memory until printpdf writes the document: no spare
    // capacity.
    items.shrink_to_fit();
    ops.push(Op::ShowText { items });
}

/// What printpdf leaves out or sets from the clock: the language, a fixed document ID, no
/// 1970 dates.
fn finish_document(lo: &mut lopdf::Document, meta: &Meta) -> Result<(), String> {
    use lopdf::{Object, StringFormat};
    let lang = if meta.language.is_empty() {
        "vi"
    } else {
        meta.language.as_str()
    };
    lo.catalog_mut()
        .map_err(|e| format!("không dựng được trang PDF: {e}"))?
        .set(
            "Lang",
            Object::String(lang.as_bytes().to_vec(), StringFormat::Literal),
        );
    if let Ok(info_ref) = lo.trailer.get(b"Info").and_then(Object::as_reference) {
        if let Ok(info) = lo.get_dictionary_mut(info_ref) {
            for key in [
                &b"CreationDate"[..],
                b"ModDate",
                b"Trapped",
                b"GTS_PDFXVersion",
            ] {
                info.remove(key);
            }
        }
    }
    let id = document_id(meta, lo);
    lo.trailer.set(
        "ID",
        Object::Array(vec![
            Object::String(id.clone(), StringFormat::Hexadecimal),
            Object::String(id, StringFormat::Hexadecimal),
        ]),
    );
    Ok(())
}

/// A document ID from the content (FNV-1a over metadata and page streams): the same for the
/// same document, different for different ones.
fn document_id(meta: &Meta, lo: &lopdf::Document) -> Vec<u8> {
    let mut a: u64 = 0xcbf2_9ce4_8422_2325;
    let mut b: u64 = 0x6c62_272e_07bb_0142;
    let mut feed = |bytes: &[u8]| {
        for &x in bytes {
            a = (a ^ u64::from(x)).wrapping_mul(0x0100_0000_01b3);
            b = (b ^ u64::from(x)).wrapping_mul(0x0000_0100_0000_01b3 ^ 0x9e37);
        }
    };
    feed(meta.title.as_bytes());
    feed(meta.author.as_bytes());
    for obj in lo.objects.values() {
        if let lopdf::Object::Stream(s) = obj {
            feed(&s.content);
        }
    }
    let mut id = a.to_be_bytes().to_vec();
    id.extend_from_slice(&b.to_be_bytes());
    id
}

/// Deflates every stream not yet filtered (content streams, font programs, ToUnicode maps).
/// One compressor is reset between streams: setting up a new one costs as much as
/// compressing a page.
fn compress_streams(lo: &mut lopdf::Document) -> Result<(), String> {
    use flate2::{Compress, Compression, FlushCompress, Status};
    let mut z = Compress::new(Compression::fast(), true);
    for obj in lo.objects.values_mut() {
        let lopdf::Object::Stream(s) = obj else {
            continue;
        };
        if !s.allows_compression || s.dict.get(b"Filter").is_ok() {
            continue;
        }
        z.reset();
        let mut out = Vec::with_capacity(s.content.len() / 2 + 64);
        loop {
            let consumed = z.total_in() as usize;
            let status = z
                .compress_vec(&s.content[consumed..], &mut out, FlushCompress::Finish)
                .map_err(|e| format!("không nén được dữ liệu PDF: {e}"))?;
            if status == Status::StreamEnd {
                break;
            }
            out.reserve(out.capacity().max(1024));
        }
        if out.len() < s.content.len() {
            s.dict.set("Filter", "FlateDecode");
            s.set_content(out);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::placed::Glyph;
    use crate::pdf::shape::Shaper;

    /// Where a viewer puts each glyph of `items` (x from the run's start, pt) and which
    /// characters it shows.
    fn viewer(
        items: &[TextItem],
        run: &GlyphRun,
        shaper_gid: impl Fn(char) -> u16,
        widths: &WidthTable,
    ) -> Vec<(f32, char)> {
        let mut pen = 0.0f32;
        let mut out = Vec::new();
        for item in items {
            match item {
                TextItem::Offset(o) => pen -= o,
                TextItem::Text(t) => {
                    for ch in t.chars() {
                        out.push((pen * run.size / 1000.0, ch));
                        pen += widths.pdf_width(run.face, shaper_gid(ch));
                    }
                }
                TextItem::GlyphIds(gs) => {
                    for g in gs {
                        out.push((
                            pen * run.size / 1000.0,
                            g.cid.as_deref().unwrap().chars().next().unwrap(),
                        ));
                        pen += widths.pdf_width(run.face, g.gid) - g.offset;
                    }
                }
            }
        }
        out
    }

    #[test]
    fn words_as_text_land_within_the_drift_bound() {
        let fonts = FontSet::bundled();
        let widths = WidthTable::new(&fonts).unwrap();
        let mut shaper = Shaper::new(&fonts).unwrap();
        // A justified line (3.7 pt extra per space), a long word the drift must be
        // corrected inside, and a tab (written by glyph id).
        let text = "Nghiêng  ĐỘC LẬP 0123456789012345678901234567890123456789 chữ\tViệt";
        let mut chars = Vec::new();
        shaper.shape_into(text, FaceKey::Regular, 14.0, &mut chars);
        let mut x = 50.0;
        let glyphs: Vec<Glyph> = chars
            .iter()
            .map(|c| {
                let g = Glyph {
                    gid: c.gid,
                    x,
                    ch: c.ch,
                };
                x += c.advance + if c.ch == ' ' { 3.7 } else { 0.0 };
                g
            })
            .collect();
        let run = GlyphRun {
            face: FaceKey::Regular,
            size: 14.0,
            color: BLACK,
            y: 100.0,
            glyphs,
        };
        let mut ops = Vec::new();
        text_ops(&run, 800.0, &widths, &mut ops);
        let Some(Op::ShowText { items }) = ops.last() else {
            panic!("{ops:?}")
        };
        let texts = items
            .iter()
            .filter(|i| matches!(i, TextItem::Text(_)))
            .count();
        assert!(
            texts < run.glyphs.len() / 4,
            "whole words, not glyphs: {items:?}"
        );
        let face = fonts.regular.face();
        let gid = |ch: char| face.glyph_index(ch).map_or(0, |g| g.0);
        let shown = viewer(items, &run, gid, &widths);
        assert_eq!(shown.len(), run.glyphs.len());
        for ((vx, ch), g) in shown.iter().zip(&run.glyphs) {
            assert_eq!(*ch, g.ch);
            let want = g.x - run.glyphs[0].x;
            assert!(
                (vx - want).abs() <= MAX_DRIFT_PT + 1e-3,
                "{ch} at {vx}, layout {want}"
            );
        }
    }
}
