//! Reading a plan file: NFC normalization, YAML → serde types, and serde's English
//! messages turned into Vietnamese ones that name the place to fix.

use super::locate::{Location, Locations};
use super::plan::Plan;
use crate::error::{DataError, Error, Result};
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;
use std::path::Path;
use unicode_normalization::UnicodeNormalization;

/// A parsed file with its location index, for errors found after parsing, and the warnings
/// found while reading it (text cut by a comment, characters no font draws).
pub struct Loaded<T> {
    pub value: T,
    pub locations: Locations,
    pub warnings: Vec<String>,
}

fn encoding_error(path: &Path, found: String) -> Error {
    Error::Data(vec![DataError {
        file: path.to_path_buf(),
        location: None,
        path: None,
        expected: "văn bản mã hóa UTF-8 (Unicode, TCVN 6909:2001): trong Notepad chọn Lưu thành (Save As) → Mã hóa (Encoding): UTF-8".into(),
        found: Some(found),
    }])
}

/// The text of a data file: at most `input::MAX_DATA` bytes of UTF-8 (a byte-order mark is
/// dropped), in NFC.
pub fn read_text(path: &Path) -> Result<String> {
    let bytes = crate::input::read_capped(path, crate::input::MAX_DATA, "tệp dữ liệu")?;
    // Notepad's "Unicode" is UTF-16 with a byte-order mark; without one, NUL bytes between
    // ASCII letters give it away.
    let nuls = bytes.iter().filter(|b| **b == 0).count();
    if bytes.starts_with(&[0xFF, 0xFE])
        || bytes.starts_with(&[0xFE, 0xFF])
        || nuls * 4 > bytes.len()
    {
        return Err(encoding_error(
            path,
            "tệp lưu bằng mã UTF-16 (Notepad gọi là \"Unicode\" hoặc \"Unicode big endian\")"
                .into(),
        ));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let before = String::from_utf8_lossy(valid);
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        encoding_error(
            path,
            format!(
                "byte không phải UTF-8 ở dòng {line}, cột {column} (tệp lưu bằng bảng mã cũ như TCVN3, VNI? chuyển sang Unicode bằng Unikey: Công cụ chuyển mã)"
            ),
        )
    })?;
    let mut text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    // Old Mac files end lines with CR alone; YAML allows it but a leading comment then
    // swallows the whole file, so every line break is made LF.
    let lone_cr = text
        .match_indices('\r')
        .any(|(i, _)| text.as_bytes().get(i + 1) != Some(&b'\n'));
    if lone_cr {
        text = text.replace("\r\n", "\n").replace('\r', "\n");
    }
    // YAML takes the Unicode line and paragraph separators for line breaks, which breaks the
    // structure of a plain value; inside a paragraph they mean a space (model/scan.rs).
    if text.contains(['\u{2028}', '\u{2029}']) {
        text = text.replace(['\u{2028}', '\u{2029}'], " ");
    }
    // Decree 30 requires Unicode text; NFD input (common from macOS) is composed here once.
    // Most files are NFC already; the quick check skips the rewrite for them.
    if unicode_normalization::is_nfc_quick(text.chars()) == unicode_normalization::IsNormalized::Yes
    {
        return Ok(text);
    }
    Ok(text.nfc().collect())
}

/// Deserializes YAML text from `file` into `T`.
pub fn parse<T: DeserializeOwned>(file: &Path, text: &str) -> Result<Loaded<T>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let errors = super::scan::precheck(file, text);
    if !errors.is_empty() {
        return Err(Error::Data(errors));
    }
    match serde_yaml::from_str::<T>(text) {
        Ok(value) => {
            let (errors, warnings) = super::scan::scalars(file, text);
            if !errors.is_empty() {
                return Err(Error::Data(errors));
            }
            Ok(Loaded {
                value,
                locations: Locations::lazy(text),
                warnings,
            })
        }
        Err(e) => Err(Error::Data(vec![translate(file, text, &e)])),
    }
}

pub fn load_plan(path: &Path) -> Result<Loaded<Plan>> {
    let text = read_text(path)?;
    parse(path, &text)
}

/// How [`unique_keys`] reports a key written twice; [`translate`] turns it into a message
/// naming both places.
pub(super) const DUPLICATE_KEY: &str = "duplicate entry with key";

/// A map whose keys are written once each: serde keeps the last of two equal keys, which
/// would silently drop the first (a task reported twice in one file, a unit defined twice).
pub fn unique_keys<'de, D, T>(d: D) -> std::result::Result<BTreeMap<String, T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    struct V<T>(std::marker::PhantomData<T>);
    impl<'de, T: serde::Deserialize<'de>> serde::de::Visitor<'de> for V<T> {
        type Value = BTreeMap<String, T>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a map")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut m: A,
        ) -> std::result::Result<Self::Value, A::Error> {
            let mut out = BTreeMap::new();
            while let Some(k) = m.next_key::<String>()? {
                if out.contains_key(&k) {
                    return Err(serde::de::Error::custom(format!("{DUPLICATE_KEY} `{k}`")));
                }
                let v = m.next_value()?;
                out.insert(k, v);
            }
            Ok(out)
        }
    }
    d.deserialize_map(V(std::marker::PhantomData))
}

/// "… at line 3 column 5" → that place.
fn place_after(msg: &str, marker: &str) -> Option<Location> {
    let rest = &msg[msg.find(marker)? + marker.len()..];
    let mut nums = rest
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map(|s| s.parse::<usize>().ok());
    Some(Location {
        line: nums.next()??,
        column: nums.next()??,
    })
}

/// Turns a serde_yaml error into a Vietnamese message.
pub(super) fn translate(file: &Path, text: &str, e: &serde_yaml::Error) -> DataError {
    let mut location = e.location().map(|l| Location {
        line: l.line(),
        column: l.column(),
    });
    let full = e.to_string();
    let mut msg = full.clone();
    if let Some(i) = msg.find(" at line ") {
        msg.truncate(i);
    }
    // serde_yaml prefixes the field path: "noi_dung[1].muc[0]: unknown field ...".
    let (mut path, body) = match msg.split_once(": ") {
        Some((p, rest)) if !p.contains(' ') && !p.is_empty() => (Some(p.to_string()), rest),
        _ => (None, msg.as_str()),
    };
    let (expected, found) = if let Some(s) = syntax(text, &full, body, &mut location) {
        s
    } else if body.starts_with("duplicate field ") || body.starts_with(DUPLICATE_KEY) {
        // A struct's field, or a key of a map such as `tien_do` (serde's path is the map's).
        let what = match (&path, body.starts_with(DUPLICATE_KEY)) {
            (Some(map), true) => format!("mỗi mã chỉ ghi một lần trong `{map}`"),
            (None, true) => "mỗi mã chỉ ghi một lần trong cùng một khối".to_string(),
            (_, false) => "mỗi trường chỉ ghi một lần trong cùng một khối".to_string(),
        };
        let dup = super::scan::first_duplicate(text);
        let first = dup.as_ref().and_then(|d| d.2);
        if let Some((p, at, _)) = &dup {
            location = Some(*at);
            path = Some(p.clone());
        }
        let name = backticked(body)
            .first()
            .map(|s| s.to_string())
            .or_else(|| body.split('"').nth(1).map(str::to_string))
            .unwrap_or_default();
        (
            format!("{what}; xóa hoặc gộp một trong hai"),
            Some(match first {
                Some(l) => format!("`{name}` ghi lần thứ hai (lần đầu ở dòng {})", l.line),
                None => format!("`{name}` ghi hai lần"),
            }),
        )
    } else {
        describe(body)
    };
    DataError {
        file: file.to_path_buf(),
        location,
        path,
        expected,
        found,
    }
}

/// The fix for text the YAML parser takes for syntax, after "phải".
const QUOTE_FIX: &str = "đặt trong dấu nháy kép, ví dụ `noi_dung: \"@UBND: họp\"` (bên trong, dấu nháy kép viết là \\\")";
const QUOTE_HINT: &str = "đặt cả giá trị trong dấu nháy kép, ví dụ `tieu_de: \"Chủ đề: cải cách hành chính\"` (bên trong, dấu nháy kép viết là \\\")";

/// The place of a value's opening quote left unclosed on one of the three lines above
/// `line`: a value starting with `"` (or `'`) whose line holds an odd number of them.
fn unclosed_quote_above(text: &str, line: usize) -> Option<Location> {
    let lines: Vec<&str> = text.split('\n').collect();
    for l in (line.saturating_sub(3).max(1)..line).rev() {
        let t = lines.get(l - 1)?.trim_end_matches('\r');
        let (start, value) = match t.find(": ") {
            Some(i) => (i + 2, &t[i + 2..]),
            None => match t.trim_start().strip_prefix("- ") {
                Some(v) => (t.len() - v.len(), v),
                None => continue,
            },
        };
        let lead = value.len() - value.trim_start().len();
        let value = value.trim_start();
        let Some(q) = value.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            continue;
        };
        let count = if q == '"' {
            value
                .replace("\\\\", "")
                .replace("\\\"", "")
                .matches('"')
                .count()
        } else {
            value.replace("''", "").matches('\'').count()
        };
        if count % 2 == 1 {
            let column = t[..start + lead].chars().count() + 1;
            return Some(Location { line: l, column });
        }
    }
    None
}

/// YAML syntax errors, in words a clerk can act on, located where the mistake is.
fn syntax(
    text: &str,
    full: &str,
    body: &str,
    location: &mut Option<Location>,
) -> Option<(String, Option<String>)> {
    let line_text = |l: Option<Location>| -> String {
        l.and_then(|l| text.split('\n').nth(l.line.saturating_sub(1)))
            .unwrap_or("")
            .trim_end_matches('\r')
            .to_string()
    };
    let char_at = |l: Option<Location>| -> Option<char> {
        let l = l?;
        line_text(Some(l)).chars().nth(l.column.saturating_sub(1))
    };
    // A quote left open a line or two above makes the parser stop later, where the next
    // quote closes it: point at the line where the quote was opened.
    if let Some(l) = *location {
        if let Some(open) = unclosed_quote_above(text, l.line) {
            *location = Some(open);
            let quote = char_at(*location).unwrap_or('"');
            return Some((
                format!("dấu nháy {quote} mở ở đây phải được đóng bằng {quote} ở cuối giá trị; nếu dấu nháy chỉ là một phần nội dung, {QUOTE_HINT}"),
                Some(format!("dấu nháy chưa đóng (dòng \"{}\")", line_text(*location).trim().chars().take(80).collect::<String>())),
            ));
        }
    }
    let here = line_text(*location);
    let shown = |s: &str| format!("dòng \"{}\"", s.trim().chars().take(80).collect::<String>());
    if body.contains("while scanning a quoted scalar")
        || full.contains("while scanning a quoted scalar")
    {
        if let Some(start) = place_after(full, "while scanning a quoted scalar at") {
            *location = Some(start);
        }
        let quote = char_at(*location).unwrap_or('"');
        return Some((
            format!("dấu nháy {quote} mở ở đây phải được đóng bằng {quote} ở cuối giá trị; nếu dấu nháy chỉ là một phần nội dung, {QUOTE_HINT}"),
            Some(format!("dấu nháy chưa đóng ({})", shown(&line_text(*location)))),
        ));
    }
    if body.contains("tab") && !body.contains("table") {
        return Some((
            "thụt lề bằng dấu cách (phím cách), không dùng phím Tab".into(),
            Some(format!("ký tự Tab ({})", shown(&here))),
        ));
    }
    if body.starts_with("found character that cannot start any token") {
        let c = char_at(*location);
        if c == Some('\t') {
            return Some((
                "thụt lề bằng dấu cách (phím cách), không dùng phím Tab".into(),
                Some(format!("ký tự Tab ({})", shown(&here))),
            ));
        }
        let c = c.map_or(String::new(), |c| format!("`{c}` "));
        return Some((
            format!(
                "giá trị bắt đầu bằng ký tự {c}(một trong @ ` % ! & * | > {{ [ ' \") phải {QUOTE_FIX}"
            ),
            Some(format!(
                "ký tự {c}không được đứng đầu giá trị ({})",
                shown(&here)
            )),
        ));
    }
    if body.starts_with("mapping values are not allowed") {
        // `a: b: c` — a second ": " on the line of a key; otherwise a line indented too far.
        let col = location.map_or(0, |l| l.column);
        let before: String = here.chars().take(col.saturating_sub(1)).collect();
        return Some(
            if before.contains(": ")
                || before.trim_start().starts_with("- ") && before.contains(':')
            {
                (
                format!("một giá trị có \": \" (dấu hai chấm rồi dấu cách) trong chữ thì {QUOTE_HINT}"),
                Some(format!("dấu \": \" thứ hai trên cùng một dòng ({})", shown(&here))),
            )
            } else {
                (
                "các trường cùng cấp thẳng cột với nhau; trường con thụt vào 2 dấu cách so với trường cha".into(),
                Some(format!("dòng thụt lề sai ({})", shown(&here))),
            )
            },
        );
    }
    if body.starts_with("did not find expected key") {
        let trimmed = here.trim_start();
        let value = trimmed
            .split_once(": ")
            .map(|(_, v)| v.trim_start())
            .unwrap_or("");
        return Some(if value.starts_with('"') || value.starts_with('\'') {
            (
                format!("giá trị bắt đầu bằng dấu nháy phải kết thúc ngay ở dấu nháy đóng; nếu dấu nháy chỉ là một phần nội dung, {QUOTE_HINT}"),
                Some(format!("chữ sau dấu nháy đóng ({})", shown(&here))),
            )
        } else {
            (
                "các trường cùng cấp thẳng cột với nhau; mục danh sách bắt đầu bằng \"- \" thụt lề như nhau".into(),
                Some(format!("dòng thụt lề sai ({})", shown(&here))),
            )
        });
    }
    if body.starts_with("did not find expected '-' indicator")
        || body.contains("block sequence entries are not allowed")
    {
        return Some((
            "các mục của một danh sách cùng thụt lề và đều bắt đầu bằng \"- \"; trường không phải mục danh sách thì thụt lề như trường cha".into(),
            Some(format!("dòng thụt lề sai ({})", shown(&here))),
        ));
    }
    if body.starts_with("did not find expected ',' or ']'")
        || body.starts_with("did not find expected ',' or '}'")
    {
        let (open, close) = if body.contains(']') {
            ('[', ']')
        } else {
            ('{', '}')
        };
        return Some((
            format!("ngoặc {open} được đóng bằng {close} trên cùng dòng, các phần tử cách nhau bằng dấu phẩy; chữ có dấu phẩy thì đặt trong dấu nháy kép"),
            Some(format!("ngoặc {open} chưa đóng hoặc thiếu dấu phẩy ({})", shown(&here))),
        ));
    }
    if body.contains("unknown escape character") {
        return Some((
            "trong dấu nháy kép, dấu \\ bắt đầu một mã đặc biệt: viết \\\\ cho một dấu \\, hoặc dùng dấu nháy đơn '…'".into(),
            Some(format!("mã \\ không hợp lệ ({})", shown(&here))),
        ));
    }
    if body.starts_with("unknown anchor") {
        return Some((
            "bí danh *tên chỉ dùng sau khi đã đặt &tên; nếu * là nội dung, đặt cả giá trị trong dấu nháy kép".into(),
            Some(format!("bí danh chưa đặt ({})", shown(&here))),
        ));
    }
    if body.starts_with("found unexpected end of stream")
        || body.starts_with("while parsing")
        || body.starts_with("did not find")
        || body.starts_with("found ")
        || body.starts_with("invalid ") && body.contains("indentation")
    {
        return Some((
            "cú pháp YAML đúng: `trường: giá trị`, thụt lề bằng dấu cách, chữ có ký tự đặc biệt đặt trong dấu nháy kép".into(),
            Some(format!("lỗi cú pháp ở {} (chi tiết kỹ thuật: {body})", shown(&here))),
        ));
    }
    None
}

/// The known name closest to a mistyped `word` ("noi_dug" → "noi_dung"), if one is close.
pub fn nearest<'a>(word: &str, known: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    known
        .map(|k| (strsim::jaro_winkler(word, k), k))
        .filter(|(s, _)| *s > 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

fn backticked(s: &str) -> Vec<&str> {
    s.split('`').skip(1).step_by(2).collect()
}

fn describe(body: &str) -> (String, Option<String>) {
    // Our own deserializers already speak Vietnamese: "cần …; gặp …".
    if let Some(rest) = body.strip_prefix("cần ") {
        return match rest.split_once("; gặp ") {
            Some((e, f)) => (e.to_string(), Some(f.to_string())),
            None => (rest.to_string(), None),
        };
    }
    if let Some(rest) = body.strip_prefix("unknown field ") {
        let names = backticked(rest);
        let (bad, allowed) = names.split_first().map_or(("", &[][..]), |(b, a)| (*b, a));
        let expected = if allowed.is_empty() {
            "không có trường nào ở đây".to_string()
        } else {
            format!("một trong các trường: {}", allowed.join(", "))
        };
        let hint = nearest(bad, allowed.iter().copied())
            .map_or(String::new(), |c| format!(" (có phải `{c}`?)"));
        return (
            expected,
            Some(format!("trường không có trong mẫu `{bad}`{hint}")),
        );
    }
    if let Some(rest) = body.strip_prefix("unknown variant ") {
        let names = backticked(rest);
        let (bad, allowed) = names.split_first().map_or(("", &[][..]), |(b, a)| (*b, a));
        return (
            format!("một trong các giá trị: {}", allowed.join(", ")),
            Some(format!("`{bad}`")),
        );
    }
    if let Some(rest) = body.strip_prefix("missing field ") {
        return (
            format!("trường bắt buộc {}", rest.trim()),
            Some("không có".into()),
        );
    }
    for prefix in ["invalid type: ", "invalid value: ", "invalid length "] {
        if let Some(rest) = body.strip_prefix(prefix) {
            if let Some((found, expected)) = rest.split_once(", expected ") {
                return (kind_vi(expected), Some(found_vi(found)));
            }
        }
    }
    if body.starts_with("duplicate field ") || body.contains("duplicate entry") {
        return (
            "mỗi khóa chỉ xuất hiện một lần".into(),
            Some(format!("khóa lặp lại ({body})")),
        );
    }
    if body.contains("did not match any variant") {
        return (
            "`tat-ca` hoặc danh sách mã phụ lục".into(),
            Some("giá trị khác".into()),
        );
    }
    if body.contains("repetition limit exceeded") || body.contains("recursion limit exceeded") {
        return (
            "tệp YAML không lồng hay lặp bí danh (&/*) quá mức".into(),
            Some("quá nhiều lần lặp bí danh hoặc lồng quá sâu; tệp có thể bị cố ý làm hỏng".into()),
        );
    }
    if body.contains("EOF while parsing") || (body.contains("empty") && body.contains("document")) {
        return ("nội dung kế hoạch".into(), Some("tệp rỗng".into()));
    }
    (
        "cú pháp YAML hợp lệ".into(),
        Some(format!("lỗi cú pháp ({body})")),
    )
}

fn kind_vi(expected: &str) -> String {
    let e = expected.trim();
    match e {
        "u32" | "u16" | "u64" | "usize" => "một số nguyên không âm".into(),
        "i32" | "i64" => "một số nguyên".into(),
        "f32" | "f64" => "một số".into(),
        "a boolean" => "true hoặc false".into(),
        "a string" | "a character" => "một chuỗi chữ".into(),
        "a sequence" => "một danh sách (các dòng bắt đầu bằng \"- \")".into(),
        _ if e.starts_with("struct ") || e == "a map" => {
            "một bảng các trường (dạng `khóa: giá trị`)".into()
        }
        _ if e.starts_with("enum ") || e.starts_with("one of") => {
            format!("một giá trị hợp lệ ({e})")
        }
        _ => e.to_string(),
    }
}

fn found_vi(found: &str) -> String {
    let f = found.trim();
    if let Some(s) = f.strip_prefix("string ") {
        return format!("chuỗi {s}");
    }
    if let Some(s) = f.strip_prefix("integer ") {
        if let Some(n) = s
            .strip_suffix(" as u128")
            .or_else(|| s.strip_suffix(" as i128"))
        {
            return format!("số {} (quá lớn)", n.trim_matches('`'));
        }
        return format!("số {}", s.trim_matches('`'));
    }
    if let Some(s) = f.strip_prefix("floating point ") {
        return format!("số {}", s.trim_matches('`'));
    }
    if let Some(s) = f.strip_prefix("boolean ") {
        return format!("giá trị {}", s.trim_matches('`'));
    }
    match f {
        "sequence" => "một danh sách".into(),
        "map" => "một bảng khóa: giá trị".into(),
        "unit value" => "giá trị rỗng (~)".into(),
        _ => f.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct T {
        a: u32,
        #[serde(default)]
        b: Vec<String>,
    }

    fn err(src: &str) -> DataError {
        err_as::<T>(src)
    }

    fn err_as<X: DeserializeOwned>(src: &str) -> DataError {
        match parse::<X>(Path::new("x.yaml"), src) {
            Err(Error::Data(mut v)) => v.remove(0),
            _ => panic!("expected a data error"),
        }
    }

    #[test]
    fn unknown_field_names_the_allowed_ones() {
        let e = err("a: 1\nc: 2\n");
        let s = e.to_string();
        assert!(s.starts_with("x.yaml:2:1: "), "{s}");
        assert!(s.contains("trường không có trong mẫu `c`"), "{s}");
        assert!(s.contains("a, b"), "{s}");
    }

    #[test]
    fn wrong_type_says_expected_and_found() {
        let s = err("a: mười\n").to_string();
        assert!(s.contains("trường `a`"), "{s}");
        assert!(s.contains("cần một số nguyên không âm"), "{s}");
        assert!(s.contains("gặp chuỗi \"mười\""), "{s}");
    }

    #[test]
    fn missing_field_and_syntax_errors() {
        let s = err("b: []\n").to_string();
        assert!(s.contains("cần trường bắt buộc `a`"), "{s}");
        let s = err("a: 1\nb: \"abc\n").to_string();
        assert!(s.contains("dấu nháy chưa đóng"), "{s}");
        assert!(s.starts_with("x.yaml:2:4:"), "{s}");
    }

    #[test]
    fn alias_bomb_is_refused_with_a_message() {
        let mut src = String::from("x0: &a0 [1,1,1,1,1,1,1,1,1]\n");
        for i in 1..10 {
            let p = i - 1;
            src.push_str(&format!(
                "x{i}: &a{i} [*a{p},*a{p},*a{p},*a{p},*a{p},*a{p},*a{p},*a{p},*a{p}]\n"
            ));
        }
        let s = err_as::<std::collections::BTreeMap<String, serde_yaml::Value>>(&src).to_string();
        assert!(s.contains("bí danh"), "{s}");
    }
}
