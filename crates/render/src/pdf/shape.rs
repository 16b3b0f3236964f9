//! Text → glyphs with advances. Input is NFC (the loader normalises), and Vietnamese in NFC
//! needs no shaping: every letter, tone mark included, is one precomposed glyph. Kerning is
//! deliberately off: Word and LibreOffice do not kern a DOCX unless `w:kern` asks for it, and
//! the PDF must break lines where they do.

use std::collections::HashMap;

use super::placed::FaceKey;
use crate::fonts::FontSet;

/// One character of a paragraph, measured.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ShapedChar {
    pub ch: char,
    pub face: FaceKey,
    pub size: f32,
    pub gid: u16,
    /// Advance in points.
    pub advance: f32,
}

impl ShapedChar {
    /// Spaces that stretch in justified lines and hang at line ends.
    pub fn is_space(&self) -> bool {
        self.ch == ' '
    }

    /// Characters that vanish at a line end.
    pub fn is_trailing_white(&self) -> bool {
        matches!(self.ch, ' ' | '\t' | '\n')
    }
}

struct FaceData<'a> {
    face: ttf_parser::Face<'a>,
    units_per_em: f32,
    /// char → (glyph id, advance in font units): parsing the cmap once per character, not
    /// once per occurrence. Latin and Vietnamese (below U+2000) by index, the rest hashed.
    low: Vec<Option<(u16, u16)>>,
    cache: HashMap<char, (u16, u16)>,
}

/// Characters below this are cached by index (Latin, Vietnamese, punctuation).
const LOW: u32 = 0x2000;

/// Glyph lookups for the four faces of a font set, cached.
pub struct Shaper<'a> {
    faces: Vec<FaceData<'a>>,
    /// Share of the single line height above the baseline (winAscent / (winAscent +
    /// winDescent)); the rest lies below.
    ascent_ratio: f32,
}

impl<'a> Shaper<'a> {
    pub fn new(fonts: &'a FontSet) -> Result<Shaper<'a>, String> {
        let mut faces = Vec::with_capacity(5);
        for key in FaceKey::ALL.into_iter().chain([FaceKey::Symbol]) {
            let f = key.font(fonts);
            let face = ttf_parser::Face::parse(&f.data, 0)
                .map_err(|e| format!("không đọc được phông chữ {}: {e}", f.name))?;
            faces.push(FaceData {
                units_per_em: f32::from(face.units_per_em()),
                face,
                low: vec![None; LOW as usize],
                cache: HashMap::new(),
            });
        }
        let ascent_ratio = faces[0]
            .face
            .tables()
            .os2
            .map(|os2| {
                let asc = f32::from(os2.windows_ascender());
                let desc = f32::from(os2.windows_descender()).abs();
                if asc > 0.0 {
                    asc / (asc + desc)
                } else {
                    DEFAULT_ASCENT_RATIO
                }
            })
            .unwrap_or(DEFAULT_ASCENT_RATIO);
        Ok(Shaper {
            faces,
            ascent_ratio,
        })
    }

    pub fn ascent_ratio(&self) -> f32 {
        self.ascent_ratio
    }

    /// The face that draws `ch`: `face`, or the symbol fallback when `face` lacks the glyph
    /// and the fallback has it (✓ ☐ ① →). Characters neither has keep `face` and show as
    /// .notdef; the loader warns about them.
    /// The face that draws `ch` and its (glyph id, advance, units per em) there: `face`,
    /// or the symbol fallback when `face` lacks the character.
    fn face_for(&mut self, face: FaceKey, ch: char) -> (FaceKey, (u16, u16, f32)) {
        let found = self.lookup(face, ch);
        if found.0 != 0 || ch.is_whitespace() {
            return (face, found);
        }
        let symbol = self.lookup(FaceKey::Symbol, ch);
        if symbol.0 != 0 {
            (FaceKey::Symbol, symbol)
        } else {
            (face, found)
        }
    }

    fn lookup(&mut self, face: FaceKey, ch: char) -> (u16, u16, f32) {
        let fd = &mut self.faces[face.index()];
        let upem = fd.units_per_em;
        let f = &fd.face;
        let compute = || {
            let c = if ch == '\t' { ' ' } else { ch };
            let gid = f.glyph_index(c).map_or(0, |g| g.0);
            let adv = f.glyph_hor_advance(ttf_parser::GlyphId(gid)).unwrap_or(0);
            (gid, adv)
        };
        let (gid, adv) = match fd.low.get_mut(ch as usize) {
            Some(Some(hit)) => *hit,
            Some(slot) => *slot.insert(compute()),
            None => *fd.cache.entry(ch).or_insert_with(compute),
        };
        (gid, adv, upem)
    }

    pub fn shape_into(&mut self, text: &str, face: FaceKey, size: f32, out: &mut Vec<ShapedChar>) {
        out.reserve(text.len());
        for ch in text.chars() {
            let (face, (gid, adv, upem)) = self.face_for(face, ch);
            // A line break shows nothing and takes no room.
            let advance = if ch == '\n' {
                0.0
            } else {
                advance_pt(adv, size, upem)
            };
            out.push(ShapedChar {
                ch,
                face,
                size,
                gid,
                advance,
            });
        }
    }

    /// Width of `text` on one line, in points.
    #[cfg(test)]
    pub fn width(&mut self, text: &str, face: FaceKey, size: f32) -> f32 {
        text.chars()
            .map(|ch| {
                let (_, adv, upem) = self.lookup(face, ch);
                advance_pt(adv, size, upem)
            })
            .sum()
    }
}

/// Units of a glyph advance per point: LibreOffice measures text of a Word document on a
/// reference device of 8640 dpi (`RefDevMode::MSO1`, six units a twip), each advance rounded
/// to a whole unit there.
const ADVANCE_UNITS_PER_PT: f32 = 120.0;

/// A glyph's advance in points, rounded as LibreOffice rounds it. Measured on the generated
/// plans: lines of 439.353 and 467.708 pt exactly (439.408 and 467.758 rounded) break before
/// their last word in room of 439.40 and 467.75 pt, while a line of 439.373 exactly (439.400
/// rounded) fits 439.40.
fn advance_pt(adv: u16, size: f32, upem: f32) -> f32 {
    (f32::from(adv) * size / upem * ADVANCE_UNITS_PER_PT).round() / ADVANCE_UNITS_PER_PT
}

/// Times New Roman / Liberation Serif: 1825 / (1825 + 443).
const DEFAULT_ASCENT_RATIO: f32 = 1825.0 / 2268.0;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_match_font_set_measurements() {
        let fonts = FontSet::bundled();
        let mut s = Shaper::new(&fonts).unwrap();
        let text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
        let ours = s.width(text, FaceKey::Bold, 12.0);
        let theirs = fonts.face(true, false).text_width_pt(text, 12.0);
        // Advances are rounded to 1/120 pt each, as LibreOffice rounds them.
        let slack = text.chars().count() as f32 / (2.0 * ADVANCE_UNITS_PER_PT);
        assert!((ours - theirs).abs() <= slack, "{ours} vs {theirs}");
        let units = ours * ADVANCE_UNITS_PER_PT;
        assert!((units - units.round()).abs() < 1e-2, "whole units: {units}");
        let mut out = Vec::new();
        s.shape_into("Độc lập", FaceKey::Regular, 14.0, &mut out);
        assert_eq!(out.len(), 7);
        assert!(
            out.iter().all(|c| c.gid != 0),
            "every Vietnamese letter has a glyph"
        );
        assert!((s.ascent_ratio() - DEFAULT_ASCENT_RATIO).abs() < 1e-4);
    }

    #[test]
    fn symbols_the_family_lacks_come_from_the_fallback() {
        let fonts = FontSet::bundled();
        let mut s = Shaper::new(&fonts).unwrap();
        let mut out = Vec::new();
        s.shape_into("a ✓☐①⇨ b😀", FaceKey::Bold, 14.0, &mut out);
        let faces: Vec<FaceKey> = out.iter().map(|c| c.face).collect();
        assert_eq!(faces[0], FaceKey::Bold);
        assert!(
            faces[2..6].iter().all(|f| *f == FaceKey::Symbol),
            "{faces:?}"
        );
        assert!(out[2..6].iter().all(|c| c.gid != 0 && c.advance > 0.0));
        // An emoji is in neither face: it stays in the run's face, as .notdef.
        assert_eq!(faces[8], FaceKey::Bold);
        assert_eq!(out[8].gid, 0);
    }
}
