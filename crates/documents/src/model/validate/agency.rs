//! The issuing agency (Decree 30, Mẫu 1.4 item 2): its name lines, full name and
//! abbreviation, and whether each name line fits the header's left column.

use super::checker::Checker;
use crate::model::plan::Agency;

/// Width of the header's left column in mm, as `_dau-van-ban.xml` sets it (Mẫu 1.4), less
/// the cell padding on both sides.
const AGENCY_TEXT_MM: f32 = 67.5 - 2.0 * 1.9;

/// Words that open the name of an administrative unit ("XÃ TÂN PHÚ ĐÔNG"), where a name
/// line reads best broken.
const UNITS: [&str; 8] = [
    "XÃ",
    "PHƯỜNG",
    "THỊ",
    "QUẬN",
    "HUYỆN",
    "THÀNH",
    "TỈNH",
    "ĐẶC",
];

/// The header prints the agency's name, the number its abbreviation: all must be written.
pub(super) fn names(c: &mut Checker, a: &Agency) {
    name_lines(c, a);
    c.text("co_quan.ten_day_du", &a.ten_day_du);
    abbreviation(c, a);
}

/// The header's agency block needs at least one line, each with text.
fn name_lines(c: &mut Checker, a: &Agency) {
    if a.ten.is_empty() {
        c.fail(
            "co_quan.ten",
            "ít nhất một dòng tên cơ quan",
            Some("danh sách rỗng".into()),
        );
    }
    for (i, l) in a.ten.iter().enumerate() {
        c.text(&format!("co_quan.ten[{i}]"), l);
    }
}

/// The abbreviation goes into the number ("12/KH-UBND"), where "/" and "-" are separators.
fn abbreviation(c: &mut Checker, a: &Agency) {
    c.text("co_quan.viet_tat", &a.viet_tat);
    if a.viet_tat.contains([' ', '/', '-']) {
        c.fail(
            "co_quan.viet_tat",
            "chữ viết tắt không có dấu cách, \"/\" hay \"-\" (ví dụ UBND)",
            Some(format!("\"{}\"", a.viet_tat)),
        );
    }
}

/// A name line wider than its column wraps mid-phrase; the reviewer is told where to break it.
pub(super) fn line_widths(c: &mut Checker, a: &Agency) {
    let fonts = crate::fonts::FontSet::bundled();
    let bold = fonts.face(true, false);
    let size = crate::style::StyleSheet::nd30()
        .get("co-quan")
        .map_or(12.0, |s| s.size_pt);
    for (i, line) in a.ten.iter().enumerate() {
        let text = line.trim().to_uppercase();
        let mm = bold.text_width_pt(&text, size) / crate::style::PT_PER_MM;
        if mm > AGENCY_TEXT_MM {
            let words: Vec<&str> = text.split_whitespace().collect();
            let fits = |w: &[&str]| {
                bold.text_width_pt(&w.join(" "), size) / crate::style::PT_PER_MM <= AGENCY_TEXT_MM
            };
            let hint = break_at(&words, fits).map_or(String::new(), |k| {
                format!(
                    "; tách thành hai dòng, ví dụ [{}, {}]",
                    words[..k].join(" "),
                    words[k..].join(" ")
                )
            });
            c.warn(
                &format!("co_quan.ten[{i}]"),
                format!(
                    "dòng tên cơ quan \"{text}\" dài {mm:.1} mm, quá cột {AGENCY_TEXT_MM:.1} mm nên sẽ tự xuống dòng giữa chừng{hint}"
                ),
            );
        }
    }
}

/// Where to suggest breaking a long name line: before the name of the administrative unit
/// when both lines fit; else the longest first line that fits.
fn break_at(words: &[&str], fits: impl Fn(&[&str]) -> bool) -> Option<usize> {
    (1..words.len())
        .find(|&k| UNITS.contains(&words[k]) && fits(&words[..k]) && fits(&words[k..]))
        .or_else(|| (1..words.len()).rev().find(|&k| fits(&words[..k])))
}
