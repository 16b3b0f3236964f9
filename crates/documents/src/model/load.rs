//! Reading a plan file: NFC normalization, YAML → serde types, and serde's English
//! messages turned into Vietnamese ones that name the place to fix.

use super::locate::{Location, Locations};
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
    let (mut path, body) = split_path(&msg);
    let (expected, found) = if let Some(s) = super::syntax::translate(text, &full, &mut location) {
        s
    } else if let Some((at, expected, found)) =
        location.and_then(|l| super::syntax::indented_under_a_value(text, l))
    {
        location = Some(at);
        path = None;
        (expected, found)
    } else if let Some(s) = slip(text, location, body, &mut path) {
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

/// serde_yaml prefixes the field path: "noi_dung[1].muc[0]: unknown field ...". A key written
/// without its colon can hold spaces and ": " (`tpht {ten: …`), so the path ends where a
/// deserializer's message begins.
fn split_path(msg: &str) -> (Option<String>, &str) {
    const MESSAGES: [&str; 9] = [
        "invalid type: ",
        "invalid value: ",
        "invalid length ",
        "unknown field ",
        "unknown variant ",
        "missing field ",
        "duplicate field ",
        DUPLICATE_KEY,
        "cần ",
    ];
    for (i, _) in msg.match_indices(": ") {
        let rest = &msg[i + 2..];
        if i > 0 && MESSAGES.iter().any(|m| rest.starts_with(m)) {
            return (Some(msg[..i].to_string()), rest);
        }
    }
    match msg.split_once(": ") {
        Some((p, rest)) if !p.contains(' ') && !p.is_empty() => (Some(p.to_string()), rest),
        _ => (None, msg),
    }
}

/// Slips that YAML reads as valid but different data: a colon left out after a field name
/// (`trang_thai đang thực hiện` becomes one text), a comma inside `{…}` (the text after it
/// becomes a field), `: ` inside a list item's text (the item becomes a table).
fn slip(
    text: &str,
    at: Option<Location>,
    body: &str,
    path: &mut Option<String>,
) -> Option<(String, Option<String>)> {
    use super::syntax::{key_like, QUOTE_HINT};
    let line = at.map_or(0, |l| l.line);
    let here = text
        .split('\n')
        .nth(line.saturating_sub(1))
        .unwrap_or("")
        .trim_end_matches('\r');
    let word_then_more = |s: &str| -> Option<String> {
        let (word, rest) = s.trim().split_once(char::is_whitespace)?;
        (key_like(word) && !rest.trim().is_empty()).then(|| word.to_string())
    };
    let missing = |word: String, what: String| {
        (
            "tên trường và giá trị cách nhau bằng dấu hai chấm và một dấu cách (`tên: giá trị`)"
                .to_string(),
            Some(format!(
                "dòng {line}: thiếu dấu hai chấm sau `{word}`? (YAML đọc thành {what})"
            )),
        )
    };
    // A map's key written without its colon: serde's path ends in `tpht {ten`.
    let key = path.as_deref().map(|p| p.rsplit('.').next().unwrap_or(p));
    if let Some((key, word)) = key.and_then(|k| Some((k.to_string(), word_then_more(k)?))) {
        *path = path
            .as_deref()
            .and_then(|p| p.strip_suffix(key.as_str()))
            .map(|p| p.trim_end_matches('.').to_string());
        return Some(missing(word, format!("một mã tên `{key}`")));
    }
    if let Some(rest) = body.strip_prefix("unknown field ") {
        let bad = backticked(rest).first().copied().unwrap_or("");
        if let Some(word) = word_then_more(bad) {
            return Some(missing(word, format!("một trường tên `{bad}`")));
        }
        if !key_like(bad) && here.contains('{') {
            return Some((
                format!(
                    "chữ có dấu phẩy bên trong ngoặc {{ }} đặt trong dấu nháy kép, ví dụ `{{{}}}`",
                    quoted_example(here, bad)
                ),
                Some(format!(
                    "chữ sau dấu phẩy bị YAML đọc thành một trường tên `{bad}`"
                )),
            ));
        }
        return None;
    }
    let rest = body.strip_prefix("invalid type: ")?;
    let (found, expected) = rest.split_once(", expected ")?;
    let table = expected.starts_with("struct ") || expected == "a map";
    if let Some(s) = found.strip_prefix("string \"") {
        let s = s.strip_suffix('"').unwrap_or(s);
        if let Some(word) = word_then_more(s).filter(|_| table) {
            return Some(missing(word, format!("chuỗi \"{s}\"")));
        }
    }
    let wants_text = expected == "a string" || expected.contains("đoạn chữ");
    if found == "map" && wants_text && here.contains(": ") {
        return Some((
            format!("chữ có \": \" (dấu hai chấm rồi dấu cách) thì {QUOTE_HINT}"),
            Some(format!(
                "dấu \": \" làm YAML đọc mục này thành `tên: giá trị` (dòng \"{}\")",
                here.trim().chars().take(80).collect::<String>()
            )),
        ));
    }
    None
}

/// `tieu_chi: "Bố trí ghế ngồi, nước uống"`: the field of a `{…}` line whose text runs on past
/// a comma into `bad`, written as it should be.
fn quoted_example(line: &str, bad: &str) -> String {
    let fallback = "tieu_chi: \"Bố trí ghế ngồi, nước uống\"".to_string();
    let Some(end) = line.find(&format!(", {bad}")) else {
        return fallback;
    };
    let Some(colon) = line[..end].rfind(": ") else {
        return fallback;
    };
    let key = line[..colon]
        .rsplit(['{', ',', ' '])
        .next()
        .unwrap_or("")
        .trim();
    let value = line[colon + 2..end + 2 + bad.len()].trim();
    format!("{key}: \"{value}\"")
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
                let found = match prefix {
                    "invalid length " => format!("{found} phần tử"),
                    _ => found_vi(found),
                };
                return (kind_vi(expected), Some(found));
            }
        }
    }
    if body.starts_with("duplicate field ") || body.contains("duplicate entry") {
        let name = backticked(body).first().copied().unwrap_or("");
        return (
            "mỗi khóa chỉ xuất hiện một lần".into(),
            Some(format!("khóa `{name}` lặp lại")),
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
    // A message of our own deserializers is Vietnamese (never plain ASCII); a library's English
    // is not shown.
    let found = if body.is_ascii() {
        "giá trị không đọc được".to_string()
    } else {
        format!("giá trị không hợp lệ ({body})")
    };
    ("dữ liệu theo mẫu".into(), Some(found))
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
        _ if e.starts_with("one of") => {
            format!("một trong các giá trị: {}", backticked(e).join(", "))
        }
        // Our own deserializers' expectations are Vietnamese; serde's other English ones are
        // named by kind.
        _ if !e.is_ascii() => e.to_string(),
        _ if e.contains("integer") => "một số nguyên".into(),
        _ if e.contains("float") => "một số".into(),
        _ if e.contains("string") || e.contains("char") => "một chuỗi chữ".into(),
        _ if e.contains("tuple") || e.contains("array") || e.contains("elements") => {
            "một danh sách".into()
        }
        _ if e == "null" || e == "unit" => "giá trị rỗng (~)".into(),
        _ => "một giá trị đúng kiểu".into(),
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
        _ if f.starts_with("char ") => format!("ký tự {}", &f[5..]),
        // serde's names of Rust kinds (`unit variant`, `option`, `bytes`) mean nothing to a
        // clerk; a value that reached them is still a value of the wrong kind.
        _ if f.is_ascii() => "một giá trị khác kiểu".into(),
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
