//! Plain data passed between the layout stages and the writer: glyphs already placed, rules
//! already measured. Coordinates are points with y growing *downwards* from the frame's
//! top-left corner; only the writer flips them into PDF space.

pub use crate::style::Rgb8;

pub const BLACK: Rgb8 = [0, 0, 0];

/// One of the four faces of the family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FaceKey {
    Regular,
    Bold,
    Italic,
    BoldItalic,
    /// The bundled symbol fallback (`fonts::symbols`), for glyphs the family lacks.
    Symbol,
}

impl FaceKey {
    pub const ALL: [FaceKey; 4] = [
        FaceKey::Regular,
        FaceKey::Bold,
        FaceKey::Italic,
        FaceKey::BoldItalic,
    ];

    pub fn new(bold: bool, italic: bool) -> FaceKey {
        match (bold, italic) {
            (false, false) => FaceKey::Regular,
            (true, false) => FaceKey::Bold,
            (false, true) => FaceKey::Italic,
            (true, true) => FaceKey::BoldItalic,
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }

    /// The font of this key: one of the family's four faces, or the symbol fallback.
    pub fn font(self, fonts: &crate::fonts::FontSet) -> &crate::fonts::FontFace {
        match self {
            FaceKey::Symbol => crate::fonts::symbols(),
            k => fonts.face(k.bold(), k.italic()),
        }
    }

    pub fn bold(self) -> bool {
        matches!(self, FaceKey::Bold | FaceKey::BoldItalic)
    }

    pub fn italic(self) -> bool {
        matches!(self, FaceKey::Italic | FaceKey::BoldItalic)
    }
}

/// A glyph at an absolute x; `ch` is the character it shows (kept for ToUnicode).
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    pub gid: u16,
    pub x: f32,
    pub ch: char,
}

/// Glyphs of one face and size on one baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct GlyphRun {
    pub face: FaceKey,
    pub size: f32,
    /// Baseline.
    pub y: f32,
    pub glyphs: Vec<Glyph>,
    /// Text colour: black but for a chart's counts on dark segments.
    pub color: Rgb8,
}

/// A straight stroked line (rules under paragraphs, table borders, chart axes and grid).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stroke {
    pub x1: f32,
    pub y1: f32,
    pub x2: f32,
    pub y2: f32,
    pub width: f32,
    pub color: Rgb8,
}

/// A stroked rectangle (a table cell's borders); (x, y) is its top-left corner. One `re S`
/// instead of four lines: a smaller content stream, and the corners join.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BoxStroke {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
    /// Line width, pt.
    pub line: f32,
    pub color: Rgb8,
}

/// A filled rectangle (chart bars); (x, y) is its top-left corner.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fill {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
    pub color: Rgb8,
}

/// Placed content; what a line, a table row, a chart or a page holds. The writer paints
/// fills first, so strokes and text lie on top of them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Frame {
    pub runs: Vec<GlyphRun>,
    pub strokes: Vec<Stroke>,
    pub boxes: Vec<BoxStroke>,
    pub fills: Vec<Fill>,
}

impl Frame {
    /// Adds `other`, moved by (dx, dy).
    pub fn push_frame(&mut self, other: &Frame, dx: f32, dy: f32) {
        self.runs.extend(other.runs.iter().map(|r| {
            GlyphRun {
                face: r.face,
                size: r.size,
                color: r.color,
                y: r.y + dy,
                glyphs: r
                    .glyphs
                    .iter()
                    .map(|g| Glyph {
                        gid: g.gid,
                        x: g.x + dx,
                        ch: g.ch,
                    })
                    .collect(),
            }
        }));
        self.strokes.extend(other.strokes.iter().map(|s| Stroke {
            x1: s.x1 + dx,
            y1: s.y1 + dy,
            x2: s.x2 + dx,
            y2: s.y2 + dy,
            ..*s
        }));
        self.boxes.extend(other.boxes.iter().map(|b| BoxStroke {
            x: b.x + dx,
            y: b.y + dy,
            ..*b
        }));
        self.fills.extend(other.fills.iter().map(|f| Fill {
            x: f.x + dx,
            y: f.y + dy,
            ..*f
        }));
    }
}

/// A finished page: its size (turned for landscape) and content.
#[derive(Debug, Clone, PartialEq)]
pub struct PageFrame {
    pub width: f32,
    pub height: f32,
    pub frame: Frame,
}
