//! Checks on the text of a data file that serde cannot make: an empty file, control
//! characters (raw bytes or YAML escapes such as `"\a"`, `"\x01"`, `"\uFFFE"`, which no DOCX or
//! PDF may contain), text silently cut by a ` #` comment, characters no bundled font can draw,
//! and the place of a duplicated key.
//!
//! Decision on whitespace characters: tab, line feed and carriage return are allowed (the
//! markup folds them, like every run of whitespace inside a paragraph, into one space); the
//! Unicode line and paragraph separators U+2028/U+2029 are allowed and mean the same as a
//! line break in a YAML text: a space (`markup.rs` folds them too). Every other control
//! character, the noncharacters U+FFFE/U+FFFF/U+FDD0–U+FDEF and the invisible direction
//! controls (U+202A–U+202E, U+2066–U+2069, U+200E/U+200F, U+061C) are refused with their place.

use super::locate::{walk, Location, Visit};
use crate::error::DataError;
use saphyr_parser::ScalarStyle;
use std::path::Path;
use vanban_render::chars::{direction_control, forbidden};

/// How a forbidden character is named in a message, with the YAML escape that makes it.
pub fn describe(c: char) -> String {
    if direction_control(c) {
        return format!(
            "ký tự ẩn điều khiển hướng chữ U+{:04X}: không nhìn thấy được, làm đoạn chữ hiện ra khác với nội dung thật (thường có khi dán chữ từ trang web hoặc tin nhắn)",
            c as u32
        );
    }
    let escape = match c {
        '\0' => " (viết `\\0`)",
        '\u{7}' => " (viết `\\a`)",
        '\u{8}' => " (viết `\\b`)",
        '\u{b}' => " (viết `\\v`)",
        '\u{c}' => " (viết `\\f`)",
        '\u{1b}' => " (viết `\\e`)",
        _ => "",
    };
    format!("ký tự điều khiển U+{:04X}{escape}", c as u32)
}

fn error(
    file: &Path,
    at: Option<Location>,
    path: Option<&str>,
    expected: &str,
    found: String,
) -> DataError {
    DataError {
        file: file.to_path_buf(),
        location: at,
        path: path.map(str::to_string),
        expected: expected.to_string(),
        found: Some(found),
    }
}

const NO_CONTROL: &str =
    "chữ in được, không có ký tự điều khiển (xóa ký tự đó; muốn cách chữ chỉ cần dấu cách)";
const NO_DIRECTION: &str = "chữ không có ký tự ẩn điều khiển hướng chữ: xóa ký tự đó (đặt con trỏ ở vị trí này, nhấn Delete một lần; nếu mất một chữ thì gõ lại chữ đó), hoặc xóa rồi gõ lại cả đoạn chữ";

/// What a message about the forbidden `c` asks for.
fn fix(c: char) -> &'static str {
    if direction_control(c) {
        NO_DIRECTION
    } else {
        NO_CONTROL
    }
}

/// Checks on the raw text, before YAML parsing: an empty file and raw control characters
/// (which the YAML parser reports at 1:1).
pub fn precheck(file: &Path, text: &str) -> Vec<DataError> {
    let content = text.lines().any(|l| {
        let t = l.trim();
        !t.is_empty() && !t.starts_with('#') && t != "---" && t != "..."
    });
    if !content {
        return vec![error(
            file,
            None,
            None,
            "nội dung YAML (các dòng `trường: giá trị`); tạo tệp mẫu bằng `vanban init <THƯ_MỤC>`",
            "tệp trống (chỉ có dòng trắng hoặc ghi chú)".into(),
        )];
    }
    let mut errors = Vec::new();
    for (i, line) in text.split('\n').enumerate() {
        for (col, c) in line.chars().enumerate() {
            if forbidden(c) {
                errors.push(error(
                    file,
                    Some(Location {
                        line: i + 1,
                        column: col + 1,
                    }),
                    None,
                    fix(c),
                    describe(c),
                ));
                if errors.len() >= 20 {
                    return errors;
                }
            }
        }
    }
    errors
}

/// Whether `text` holds an escape that may stand for a control character: any backslash
/// but the `\"` and `\\` of quoted text (the seed's `\"Toàn dân…\"`), which need no walk.
fn has_escape(text: &str) -> bool {
    let mut bytes = text.bytes();
    while let Some(b) = bytes.next() {
        if b == b'\\' && !matches!(bytes.next(), Some(b'"' | b'\\')) {
            return true;
        }
    }
    false
}

/// A `]` or `}` with no bracket opened before it in `text`: in an unquoted value, the opening
/// bracket of a list or table left out (`chu_tri: vptk, ktns]` reads as a text).
fn stray_closer(text: &str) -> Option<(char, char)> {
    let mut depth = [0usize; 2];
    for c in text.chars() {
        let (i, opens) = match c {
            '[' => (0, true),
            '{' => (1, true),
            ']' => (0, false),
            '}' => (1, false),
            _ => continue,
        };
        if opens {
            depth[i] += 1;
        } else if depth[i] == 0 {
            return Some(if i == 0 { ('[', ']') } else { ('{', '}') });
        } else {
            depth[i] -= 1;
        }
    }
    None
}

/// Checks on the parsed scalars: control characters written as escapes (errors), text cut by
/// a comment and characters no bundled font draws (warnings). The walk is skipped when the
/// text can hold none of them, which is the common case.
pub fn scalars(file: &Path, text: &str) -> (Vec<DataError>, Vec<String>) {
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let needs_walk = has_escape(text)
        || text
            .lines()
            .any(|l| l.contains(" #") && !l.trim_start().starts_with('#'))
        || text.lines().any(|l| stray_closer(l).is_some())
        || text.chars().any(|c| !crate::fonts::bundled_covers(c))
        || super::placeholder::may_hold(text);
    if !needs_walk {
        return (errors, warnings);
    }
    let lines: Vec<&str> = text.split('\n').collect();
    let warn = |at: Location, path: &str, what: String| {
        let field = if path.is_empty() {
            String::new()
        } else {
            format!("`{path}`: ")
        };
        format!(
            "{}:{}:{}: {field}{what}",
            file.display(),
            at.line,
            at.column
        )
    };
    walk(text, |v| {
        let Visit::Scalar {
            path,
            is_key,
            text: value,
            style,
            at,
            end,
        } = v
        else {
            return;
        };
        if let Some(c) = value.chars().find(|c| forbidden(*c)) {
            errors.push(error(file, Some(at), Some(path), fix(c), describe(c)));
            return;
        }
        if is_key {
            return;
        }
        if let Some(what) = super::placeholder::warning(value) {
            warnings.push(warn(at, path, what));
        }
        if style == ScalarStyle::Plain {
            if let Some((open, close)) = stray_closer(value) {
                errors.push(error(
                    file,
                    Some(at),
                    Some(path),
                    &format!("ngoặc {close} đi cùng ngoặc {open} mở trước nó: một danh sách viết `[vptk, ktns]`, một bảng viết `{{ten: …, de: …}}`; nếu ngoặc là nội dung, đặt cả giá trị trong dấu nháy kép"),
                    format!("ngoặc {close} không có ngoặc {open} mở (\"{value}\")"),
                ));
                return;
            }
        }
        let missing: Vec<char> = {
            let mut m: Vec<char> = value
                .chars()
                .filter(|c| !crate::fonts::bundled_covers(*c))
                .collect();
            m.dedup();
            m.truncate(5);
            m
        };
        if !missing.is_empty() {
            let list: Vec<String> = missing
                .iter()
                .map(|c| format!("\"{c}\" (U+{:04X})", *c as u32))
                .collect();
            warnings.push(warn(
                at,
                path,
                format!(
                    "phông chữ của văn bản không có ký tự {}: PDF sẽ in ô trống hoặc không in, Word có thể hiện bằng phông khác; hãy thay bằng chữ hoặc ký hiệu thông dụng (✓ ☐ ① → có sẵn)",
                    list.join(", ")
                ),
            ));
        }
        if style == ScalarStyle::Plain && value.chars().any(char::is_alphabetic) {
            let rest: String = lines
                .get(end.0.saturating_sub(1))
                .map(|l| l.chars().skip(end.1).collect())
                .unwrap_or_default();
            if let Some(comment) = rest.strip_prefix(" #") {
                let comment = comment.trim_end_matches('\r');
                warnings.push(warn(
                    at,
                    path,
                    format!(
                        "chữ sau \" #\" bị YAML coi là ghi chú và bị bỏ, giá trị chỉ còn \"{value}\"; nếu \"#{comment}\" là nội dung, đặt cả giá trị trong dấu nháy kép (\"…\"); nếu đúng là ghi chú, cách ra hai dấu cách (\"  #\") để tắt cảnh báo này"
                    ),
                ));
            }
        }
    });
    (errors, warnings)
}

/// The first key written twice in the same mapping, and where its first occurrence is.
pub fn first_duplicate(text: &str) -> Option<(String, Location, Option<Location>)> {
    let mut found = None;
    let mut keys: std::collections::HashMap<String, Location> = Default::default();
    walk(text, |v| match v {
        Visit::Scalar {
            path,
            is_key: true,
            at,
            ..
        } => {
            keys.entry(path.to_string()).or_insert(at);
        }
        Visit::DuplicateKey { path, at } if found.is_none() => {
            found = Some((path.to_string(), at, keys.get(path).copied()));
        }
        _ => {}
    });
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> &'static Path {
        Path::new("x.yaml")
    }

    #[test]
    fn escapes_of_control_characters_are_refused_where_they_are() {
        for esc in [
            "\\a", "\\v", "\\f", "\\0", "\\x01", "\\x1f", "\\uFFFE", "\\e", "\\x7f",
        ] {
            let src = format!("a: 1\nb:\n  c: \"x{esc}y\"\n");
            let (e, _) = scalars(p(), &src);
            assert_eq!(e.len(), 1, "{esc}");
            let s = e[0].to_string();
            assert!(s.starts_with("x.yaml:3:6: trường `b.c`"), "{esc}: {s}");
            assert!(s.contains("ký tự điều khiển U+"), "{s}");
        }
        for ok in ["\\t", "\\n", "\\L", "\\P", "\\u00e9"] {
            let (e, _) = scalars(p(), &format!("a: \"x{ok}y\"\n"));
            assert!(e.is_empty(), "{ok}");
        }
    }

    #[test]
    fn raw_control_bytes_and_empty_files() {
        let e = precheck(p(), "a: 1\nb: x\u{1}y\n");
        assert_eq!(e[0].location, Some(Location { line: 2, column: 5 }));
        for empty in ["", "\n\n", "# chỉ ghi chú\n", "---\n"] {
            let e = precheck(p(), empty);
            assert!(e[0].to_string().contains("tệp trống"), "{empty:?}");
        }
    }

    #[test]
    fn direction_controls_are_refused_where_they_are_raw_or_escaped() {
        for c in [
            '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}',
            '\u{2068}', '\u{2069}', '\u{200E}', '\u{200F}', '\u{061C}',
        ] {
            let e = precheck(p(), &format!("a: 1\nb: Duy trì {c}tuần tra\n"));
            assert_eq!(e.len(), 1, "U+{:04X}", c as u32);
            let s = e[0].to_string();
            assert!(
                s.starts_with(
                    "x.yaml:2:12: cần chữ không có ký tự ẩn điều khiển hướng chữ: xóa ký tự đó"
                ),
                "{s}"
            );
            assert!(
                s.contains(&format!(
                    "gặp ký tự ẩn điều khiển hướng chữ U+{:04X}: không nhìn thấy được, làm đoạn chữ hiện ra khác với nội dung thật",
                    c as u32
                )),
                "{s}"
            );
        }
        let (e, _) = scalars(p(), "a:\n  b: \"Duy trì \\u202Etuần tra\"\n");
        assert_eq!(e.len(), 1);
        assert!(
            e[0].to_string().starts_with(
                "x.yaml:2:6: trường `a.b`: cần chữ không có ký tự ẩn điều khiển hướng chữ"
            ),
            "{}",
            e[0]
        );
        // Vietnamese marks and the zero-width joiner are not direction controls.
        assert!(precheck(p(), "a: Nguyễn Thị Ánh\u{200D}\n").is_empty());
    }

    #[test]
    fn a_closing_bracket_without_its_opening_one_is_refused() {
        let (e, _) = scalars(
            p(),
            "a:\n  chu_tri: vptk, ktns]\n  b: [x, y]\n  c: \"x]\"\n",
        );
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(
            e[0].to_string(),
            "x.yaml:2:12: trường `a.chu_tri`: cần ngoặc ] đi cùng ngoặc [ mở trước nó: một danh sách viết `[vptk, ktns]`, một bảng viết `{ten: …, de: …}`; nếu ngoặc là nội dung, đặt cả giá trị trong dấu nháy kép; gặp ngoặc ] không có ngoặc [ mở (\"vptk, ktns]\")"
        );
        let (e, _) = scalars(p(), "a: Phụ lục [kèm theo] {x}\n");
        assert!(e.is_empty(), "{e:?}");
    }

    #[test]
    fn only_escapes_that_may_hide_control_characters_need_the_walk() {
        assert!(!has_escape(r#"a: "phong trào \"Toàn dân\" và \\""#));
        assert!(has_escape(r#"a: "chuông \a""#));
        assert!(has_escape(r#"a: "\x01""#));
        assert!(has_escape("a: b\\"));
        // An escape behind quotes is still found, and reported.
        let (errors, _) = scalars(Path::new("k.yaml"), "a: \"x \\\" \\a\"\n");
        assert_eq!(errors.len(), 1);
    }

    #[test]
    fn a_comment_cutting_text_is_warned_not_a_spaced_one() {
        let (_, w) = scalars(p(), "a: Phòng họp #2 tầng 3\nb: 5 #x\nc: chữ  # ghi chú\n");
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].starts_with("x.yaml:1:4: `a`:"), "{}", w[0]);
        assert!(w[0].contains("\"Phòng họp\""), "{}", w[0]);
    }

    #[test]
    fn characters_no_font_has_are_warned_with_their_field() {
        let (_, w) = scalars(p(), "a:\n  - \"Xong 😀 漢\"\n  - \"✓ ☐ ① →\"\n");
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].starts_with("x.yaml:2:5: `a[0]`:"), "{}", w[0]);
        assert!(
            w[0].contains("U+1F600") && w[0].contains("U+6F22"),
            "{}",
            w[0]
        );
    }

    #[test]
    fn duplicate_keys_are_found_at_their_second_place() {
        let d = first_duplicate("a: 1\nb:\n  c: 2\n  c: 3\n").unwrap();
        assert_eq!(d.0, "b.c");
        assert_eq!(d.1, Location { line: 4, column: 3 });
        assert_eq!(d.2, Some(Location { line: 3, column: 3 }));
    }
}
