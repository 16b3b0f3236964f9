//! The font faces documents are measured (and, in PDF, drawn) with. The bundled faces are
//! Liberation Serif 2.1 (OFL): Times New Roman's metrics and full Vietnamese coverage, so a
//! DOCX naming Times New Roman breaks its lines where our measurements say it will.

use std::borrow::Cow;
use std::sync::Arc;

const REGULAR: &[u8] = include_bytes!("../assets/fonts/LiberationSerif-Regular.ttf");
const BOLD: &[u8] = include_bytes!("../assets/fonts/LiberationSerif-Bold.ttf");
const ITALIC: &[u8] = include_bytes!("../assets/fonts/LiberationSerif-Italic.ttf");
const BOLD_ITALIC: &[u8] = include_bytes!("../assets/fonts/LiberationSerif-BoldItalic.ttf");
/// The fallback for symbols Liberation Serif lacks (✓ ☐ ☑ ① → ★ …): a subset of DejaVu Sans
/// (Bitstream Vera licence, `crates/render/assets/fonts/LICENSE-DejaVu.txt`).
const SYMBOLS: &[u8] = include_bytes!("../assets/fonts/DejaVuSans-KyHieu.ttf");

/// The symbol fallback face, shared by the PDF shaper and writer.
pub fn symbols() -> &'static FontFace {
    static FACE: std::sync::OnceLock<FontFace> = std::sync::OnceLock::new();
    FACE.get_or_init(|| {
        let face = ttf_parser::Face::parse(SYMBOLS, 0).expect("bundled symbol font is valid");
        FontFace {
            name: "DejaVuSans-KyHieu".into(),
            units_per_em: f32::from(face.units_per_em()),
            data: Arc::new(Cow::Borrowed(SYMBOLS)),
        }
    })
}

/// The family name of the symbol fallback, as the DOCX names it for the characters the PDF
/// draws from it: Word and LibreOffice then use the same face where it is installed, and
/// their own fallback where it is not.
pub const SYMBOL_FAMILY: &str = "DejaVu Sans";

/// `text` cut into pieces, each with whether it is drawn from the symbol fallback: the
/// characters `face` lacks and the fallback has (the PDF shaper's rule).
pub fn fallback_pieces<'t>(text: &'t str, face: &FontFace) -> Vec<(&'t str, bool)> {
    // The fallback covers arrows and later blocks only: most text needs no lookup.
    if !text.chars().any(|c| c >= '\u{2190}') {
        return vec![(text, false)];
    }
    let main = face.face();
    let sym = symbols().face();
    let mut pieces = Vec::new();
    let (mut start, mut current) = (0, false);
    for (i, c) in text.char_indices() {
        let fb = c >= '\u{2190}'
            && !c.is_whitespace()
            && main.glyph_index(c).is_none()
            && sym.glyph_index(c).is_some();
        if fb != current && i > start {
            pieces.push((&text[start..i], current));
            start = i;
        }
        current = fb;
    }
    if start < text.len() {
        pieces.push((&text[start..], current));
    }
    pieces
}

/// Whether the bundled faces can draw `ch` (Liberation Serif, or the symbol fallback).
/// Whitespace and line breaks count as drawable.
pub fn bundled_covers(ch: char) -> bool {
    // Latin, Vietnamese, general punctuation: all in Liberation Serif.
    if (ch as u32) < 0x250 || ('\u{1E00}'..='\u{1EFF}').contains(&ch) || ch.is_whitespace() {
        return true;
    }
    static REGULAR_FACE: std::sync::OnceLock<Option<ttf_parser::Face<'static>>> =
        std::sync::OnceLock::new();
    static SYMBOL_FACE: std::sync::OnceLock<Option<ttf_parser::Face<'static>>> =
        std::sync::OnceLock::new();
    let has = |f: &Option<ttf_parser::Face<'static>>| {
        f.as_ref().is_some_and(|f| f.glyph_index(ch).is_some())
    };
    has(REGULAR_FACE.get_or_init(|| ttf_parser::Face::parse(REGULAR, 0).ok()))
        || has(SYMBOL_FACE.get_or_init(|| ttf_parser::Face::parse(SYMBOLS, 0).ok()))
}

/// One face: its bytes (shared, so cloning a font set is cheap; the bundled faces are
/// borrowed from the binary, not copied) and a name for messages.
#[derive(Clone)]
pub struct FontFace {
    pub name: String,
    pub data: Arc<Cow<'static, [u8]>>,
    units_per_em: f32,
}

impl std::fmt::Debug for FontFace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FontFace")
            .field("name", &self.name)
            .finish()
    }
}

impl FontFace {
    /// Parses font bytes; `name` identifies the face in error messages.
    pub fn from_bytes(
        name: impl Into<String>,
        data: impl Into<Cow<'static, [u8]>>,
    ) -> Result<FontFace, String> {
        let name = name.into();
        let data = data.into();
        let face = ttf_parser::Face::parse(&data, 0)
            .map_err(|e| format!("không đọc được phông chữ {name}: {e}"))?;
        if face.glyph_index('ệ').is_none() || face.glyph_index('Ữ').is_none() {
            return Err(format!(
                "phông chữ {name} không có đủ chữ tiếng Việt (thiếu \"ệ\" hoặc \"Ữ\")"
            ));
        }
        let units_per_em = f32::from(face.units_per_em());
        Ok(FontFace {
            name,
            data: Arc::new(data),
            units_per_em,
        })
    }

    /// A parsed view of the face. Parsing only reads the table directory, so it is cheap.
    pub fn face(&self) -> ttf_parser::Face<'_> {
        // The bytes were validated by `from_bytes`.
        ttf_parser::Face::parse(&self.data, 0).expect("font validated at load")
    }

    pub fn units_per_em(&self) -> f32 {
        self.units_per_em
    }

    /// Width of `text` set on one line at `size_pt`, in points (advances only).
    pub fn text_width_pt(&self, text: &str, size_pt: f32) -> f32 {
        let face = self.face();
        let units: u32 = text
            .chars()
            .map(|c| {
                face.glyph_index(c)
                    .and_then(|g| face.glyph_hor_advance(g))
                    .map_or(0, u32::from)
            })
            .sum();
        units as f32 * size_pt / self.units_per_em
    }
}

/// The four faces of one family.
#[derive(Clone, Debug)]
pub struct FontSet {
    pub regular: FontFace,
    pub bold: FontFace,
    pub italic: FontFace,
    pub bold_italic: FontFace,
}

impl FontSet {
    /// Liberation Serif, compiled into the binary.
    pub fn bundled() -> FontSet {
        let face = |name: &str, data: &'static [u8]| {
            FontFace::from_bytes(name, data).expect("bundled font is valid")
        };
        FontSet {
            regular: face("LiberationSerif-Regular", REGULAR),
            bold: face("LiberationSerif-Bold", BOLD),
            italic: face("LiberationSerif-Italic", ITALIC),
            bold_italic: face("LiberationSerif-BoldItalic", BOLD_ITALIC),
        }
    }

    pub fn face(&self, bold: bool, italic: bool) -> &FontFace {
        match (bold, italic) {
            (false, false) => &self.regular,
            (true, false) => &self.bold,
            (false, true) => &self.italic,
            (true, true) => &self.bold_italic,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbols_the_face_lacks_are_cut_out_for_the_fallback() {
        let set = FontSet::bundled();
        assert_eq!(
            fallback_pieces("Đã xong ✓ và ☐ chưa", &set.regular),
            [
                ("Đã xong ", false),
                ("✓", true),
                (" và ", false),
                ("☐", true),
                (" chưa", false)
            ]
        );
        assert_eq!(fallback_pieces("①②", &set.bold), [("①②", true)]);
        // An arrow Liberation Serif has stays in the main face.
        assert_eq!(fallback_pieces("a → b", &set.regular), [("a → b", false)]);
        assert_eq!(
            fallback_pieces("Không ký hiệu", &set.regular),
            [("Không ký hiệu", false)]
        );
    }

    #[test]
    fn quoc_hieu_width_matches_times_metrics() {
        // nd30.md §1.3: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" bold ≈ 8.83 cm at 12 pt.
        let fonts = FontSet::bundled();
        let w = fonts
            .face(true, false)
            .text_width_pt("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12.0);
        let cm = w / crate::style::PT_PER_MM / 10.0;
        assert!((cm - 8.83).abs() < 0.05, "width {cm} cm");
    }

    #[test]
    fn symbols_are_covered_by_the_fallback_emoji_and_cjk_are_not() {
        for c in "✓✔☐☑☒①⑩→⇒★■●ệỮ“”–…".chars() {
            assert!(bundled_covers(c), "{c}");
        }
        for c in "😀漢字🙂".chars() {
            assert!(!bundled_covers(c), "{c}");
        }
        let f = symbols().face();
        assert!(f.glyph_index('✓').is_some() && f.glyph_index('☐').is_some());
    }
}
