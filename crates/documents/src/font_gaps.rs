//! Characters a plan's own fonts (`trinh_bay.phong_chu`) cannot draw. The scan of plan.yaml
//! checks text against the bundled faces; a plan that names its own files (an old
//! non-Unicode "VNI-Times", a font without Vietnamese) needs the same check against those,
//! on the text the document actually prints, face by face.

use crate::fonts::FontSet;
use crate::ir::{Block, Document, Paragraph, RunKind};
use crate::style::StyleSheet;
use std::collections::BTreeMap;
use std::path::Path;

/// At most this many characters are named per face.
const LIST: usize = 8;

/// One warning per face of `fonts` that lacks characters `doc` prints, naming the font field,
/// the characters, and where the first of them is first used in `text_files` (plan.yaml, then
/// the report data).
pub fn warnings(
    doc: &Document,
    style: &StyleSheet,
    fonts: &FontSet,
    plan_file: &Path,
    text_files: &[std::path::PathBuf],
) -> Vec<String> {
    let missing = missing(doc, style, fonts);
    if missing.is_empty() {
        return Vec::new();
    }
    // Only to name a place: a file that cannot be read again just goes without one. As the
    // loader reads it (BOM, line ends, NFC), so lines and columns agree and the character
    // is found in a decomposed file too.
    let texts: Vec<(&Path, String)> = text_files
        .iter()
        .filter_map(|f| Some((f.as_path(), crate::model::load::read_text(f).ok()?)))
        .collect();
    missing
        .into_iter()
        .map(|(key, chars)| warning(key, &chars, fonts, plan_file, &texts))
        .collect()
}

/// (bold, italic) → the characters the document prints in that face and neither it nor the
/// symbol face has, in first-seen order.
fn missing(
    doc: &Document,
    style: &StyleSheet,
    fonts: &FontSet,
) -> BTreeMap<(bool, bool), Vec<char>> {
    let mut missing: BTreeMap<(bool, bool), Vec<char>> = BTreeMap::new();
    let symbols = crate::fonts::symbols().face();
    // Parsed once: a face is looked up for every character.
    let faces = [(false, false), (false, true), (true, false), (true, true)]
        .map(|(b, i)| fonts.face(b, i).face());
    let mut seen: [std::collections::HashMap<char, bool>; 4] = Default::default();
    let mut visit = |p: &Paragraph| {
        let Some(st) = style.get(&p.style) else {
            return;
        };
        for r in &p.runs {
            let RunKind::Text(t) = &r.kind else { continue };
            let key = (r.bold.unwrap_or(st.bold), r.italic.unwrap_or(st.italic));
            let index = usize::from(key.0) * 2 + usize::from(key.1);
            let face = &faces[index];
            for c in t.chars() {
                // One lookup per face and character: a long plan prints the same few
                // hundred characters many times.
                let drawn = *seen[index].entry(c).or_insert_with(|| {
                    c.is_whitespace()
                        || face.glyph_index(c).is_some()
                        || symbols.glyph_index(c).is_some()
                });
                if drawn {
                    continue;
                }
                let list = missing.entry(key).or_default();
                if !list.contains(&c) {
                    list.push(c);
                }
            }
        }
    };
    for s in &doc.sections {
        for b in &s.blocks {
            match b {
                Block::Paragraph(p) => visit(p),
                Block::Table(t) => t
                    .rows
                    .iter()
                    .flat_map(|r| &r.cells)
                    .flat_map(|c| &c.paragraphs)
                    .for_each(&mut visit),
                Block::Chart(_) => {}
            }
        }
    }
    missing
}

/// The warning for one face: the field that names it, the characters it lacks (the first
/// [`LIST`]), and where the first of them is typed.
fn warning(
    (bold, italic): (bool, bool),
    chars: &[char],
    fonts: &FontSet,
    plan_file: &Path,
    texts: &[(&Path, String)],
) -> String {
    let field = match (bold, italic) {
        (false, false) => "thuong",
        (true, false) => "dam",
        (false, true) => "nghieng",
        (true, true) => "dam_nghieng",
    };
    let face = fonts.face(bold, italic);
    let list: Vec<String> = chars
        .iter()
        .take(LIST)
        .map(|c| format!("\"{c}\" (U+{:04X})", *c as u32))
        .collect();
    let more = match chars.len().saturating_sub(LIST) {
        0 => String::new(),
        n => format!(" và {n} ký tự khác"),
    };
    let first_use = chars
        .first()
        .and_then(|c| {
            texts
                .iter()
                .find_map(|(f, t)| place_of(t, *c).map(|(l, col)| (f, l, col)))
        })
        .map_or(String::new(), |(f, l, col)| {
            format!(" (lần đầu ở {}:{l}:{col})", f.display())
        });
    format!(
        "{}: `trinh_bay.phong_chu.{field}`: phông \"{}\" không có ký tự {}{more} mà văn bản dùng{first_use}: PDF sẽ in ô trống hoặc bỏ trống chỗ đó; chọn phông Unicode có đủ chữ tiếng Việt (ví dụ Times New Roman), hoặc bỏ trường này để dùng phông có sẵn",
        plan_file.display(),
        face.name,
        list.join(", ")
    )
}

/// 1-based line and column (in characters) of the first `c` in `text`, outside comment lines.
fn place_of(text: &str, c: char) -> Option<(usize, usize)> {
    text.lines().enumerate().find_map(|(i, line)| {
        if line.trim_start().starts_with('#') {
            return None;
        }
        line.chars()
            .position(|x| x == c)
            .map(|col| (i + 1, col + 1))
    })
}
