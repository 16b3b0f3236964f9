//! Reading a plan file: NFC normalization, YAML → serde types, and serde's English
//! messages turned into Vietnamese ones that name the place to fix.

use super::locate::{Location, Locations};
use super::plan::Plan;
use crate::error::{DataError, Error, Result};
use serde::de::DeserializeOwned;
use std::path::Path;
use unicode_normalization::UnicodeNormalization;

/// A parsed file with its location index, for errors found after parsing.
pub struct Loaded<T> {
    pub value: T,
    pub locations: Locations,
}

/// Largest data file accepted: plans are a few hundred KB at most; refusing huge input keeps
/// memory bounded.
const MAX_BYTES: u64 = 16 * 1024 * 1024;

pub fn read_text(path: &Path) -> Result<String> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, &e))?;
    if meta.len() > MAX_BYTES {
        return Err(Error::Data(vec![DataError {
            file: path.to_path_buf(),
            location: None,
            path: None,
            expected: format!("tệp dữ liệu nhỏ hơn {} MB", MAX_BYTES / 1024 / 1024),
            found: Some(format!("{} byte", meta.len())),
        }]));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, &e))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        Error::Data(vec![DataError {
            file: path.to_path_buf(),
            location: None,
            path: None,
            expected: "văn bản mã hóa UTF-8 (Unicode, TCVN 6909:2001)".into(),
            found: Some(format!(
                "byte không hợp lệ ở vị trí {} (tệp lưu bằng bảng mã cũ như TCVN3/VNI?)",
                e.utf8_error().valid_up_to()
            )),
        }])
    })?;
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
    match serde_yaml::from_str::<T>(text) {
        Ok(value) => Ok(Loaded {
            value,
            locations: Locations::lazy(text),
        }),
        Err(e) => Err(Error::Data(vec![translate(file, &e)])),
    }
}

pub fn load_plan(path: &Path) -> Result<Loaded<Plan>> {
    let text = read_text(path)?;
    parse(path, &text)
}

/// Turns a serde_yaml error into a Vietnamese message.
fn translate(file: &Path, e: &serde_yaml::Error) -> DataError {
    let location = e.location().map(|l| Location {
        line: l.line(),
        column: l.column(),
    });
    let mut msg = e.to_string();
    if let Some(i) = msg.find(" at line ") {
        msg.truncate(i);
    }
    // serde_yaml prefixes the field path: "noi_dung[1].muc[0]: unknown field ...".
    let (path, body) = match msg.split_once(": ") {
        Some((p, rest)) if !p.contains(' ') && !p.is_empty() => (Some(p.to_string()), rest),
        _ => (None, msg.as_str()),
    };
    let (expected, found) = describe(body);
    DataError {
        file: file.to_path_buf(),
        location,
        path,
        expected,
        found,
    }
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
        return (expected, Some(format!("trường không có trong mẫu `{bad}`")));
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
        assert!(s.contains("cú pháp YAML"), "{s}");
        assert!(s.starts_with("x.yaml:"), "{s}");
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
