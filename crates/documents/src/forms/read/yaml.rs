//! The unit's period file rewritten: only its top-level `tien_do:` (and `tthc:`) block is
//! replaced, as text; every other line (narrative, số, ngày, comments) stays byte for byte.
//! A new file gets the header the example's unit files have.

use crate::kinds::report::data::{Entry, Status, TthcRow};
use crate::model::date::short_date;

/// `text` with the top-level block of `key` replaced by `block` (its lines, ending in a
/// newline), removed when `block` is none, or added at the end when the file has none.
pub fn replace_block(text: &str, key: &str, block: Option<&str>) -> String {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let starts = |l: &str| {
        l.strip_prefix(key)
            .and_then(|r| r.strip_prefix(':'))
            .is_some_and(|r| r.is_empty() || r.starts_with([' ', '\t', '\r', '\n']))
    };
    let Some(first) = lines.iter().position(|l| starts(l)) else {
        let mut out = text.to_string();
        if let Some(b) = block {
            if !out.is_empty() && !out.ends_with('\n') {
                out.push('\n');
            }
            out.push_str(b);
        }
        return out;
    };
    // The block runs on while lines are indented (or a sequence at column 0); comments and
    // blank lines after its last line belong to what follows.
    let mut last = first;
    for (j, l) in lines.iter().enumerate().skip(first + 1) {
        let t = l.trim();
        if t.is_empty() || (t.starts_with('#') && !l.starts_with([' ', '\t'])) {
            continue;
        }
        if l.starts_with([' ', '\t']) || l.starts_with("- ") || t == "-" {
            last = j;
        } else {
            break;
        }
    }
    let mut out: String = lines[..first].concat();
    if let Some(b) = block {
        out.push_str(b);
    }
    out.push_str(&lines[last + 1..].concat());
    out
}

/// `text` ready for block surgery. A file whose only content is an empty value (`{}`, `~`,
/// `null`, as a YAML tool writes an emptied mapping) loses that line, since a block added
/// after it would not read; a mapping written on one line (`{so: 12}`) cannot take a block
/// and is told as found.
pub fn block_style(text: &str) -> Result<String, String> {
    let content = |l: &str| {
        let t = l.trim();
        !t.is_empty() && !t.starts_with('#') && t != "---"
    };
    let value = |l: &str| l.split(" #").next().unwrap_or(l).trim().to_string();
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let body: Vec<String> = lines
        .iter()
        .filter(|l| content(l))
        .map(|l| value(l))
        .collect();
    if let [only] = body.as_slice() {
        if matches!(only.as_str(), "{}" | "~" | "null" | "Null" | "NULL") {
            return Ok(lines.into_iter().filter(|l| !content(l)).collect());
        }
    }
    match body.first() {
        Some(first) if first.starts_with('{') => {
            Err("tệp viết cả bảng trên một dòng, kiểu {…}".into())
        }
        _ => Ok(text.to_string()),
    }
}

/// A string as a YAML scalar: plain when it reads back the same, else double-quoted.
pub fn scalar(s: &str) -> String {
    let plain = !s.is_empty()
        && !s.contains(['\n', '\r', '\t'])
        && s.trim() == s
        && serde_yaml::from_str::<serde_yaml::Value>(&format!("k: {s}"))
            .ok()
            .and_then(|v| v.get("k").cloned())
            == Some(serde_yaml::Value::String(s.to_string()));
    if plain {
        s.to_string()
    } else {
        serde_json::to_string(s).unwrap_or_else(|_| format!("\"{}\"", s.escape_default()))
    }
}

fn number(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        f.to_string()
    }
}

fn status(s: Status) -> &'static str {
    match s {
        Status::Done => "hoàn thành",
        Status::InProgress => "đang thực hiện",
        Status::NotStarted => "chưa thực hiện",
    }
}

/// The `tien_do:` block of `entries`, in their order.
pub fn progress_block(entries: &[(String, Entry)]) -> String {
    let mut b = String::from("tien_do:\n");
    for (id, e) in entries {
        b.push_str(&format!("  {}:\n", scalar(id)));
        b.push_str(&format!("    trang_thai: {}\n", status(e.trang_thai)));
        match e.ngay_hoan_thanh.0.as_slice() {
            [] => {}
            [d] => b.push_str(&format!("    ngay_hoan_thanh: {}\n", short_date(d.0))),
            days => {
                let days: Vec<String> = days.iter().map(|d| short_date(d.0)).collect();
                b.push_str(&format!("    ngay_hoan_thanh: [{}]\n", days.join(", ")));
            }
        }
        if let Some(t) = e.ty_le {
            b.push_str(&format!("    ty_le: {}\n", number(t)));
        }
        if let Some(k) = &e.ket_qua {
            b.push_str(&format!("    ket_qua: {}\n", scalar(k)));
        }
        if !e.san_pham.0.is_empty() {
            b.push_str("    san_pham:\n");
            for s in &e.san_pham.0 {
                b.push_str(&format!("      - {}\n", scalar(s)));
            }
        }
        if let Some(k) = &e.kho_khan {
            b.push_str(&format!("    kho_khan: {}\n", scalar(k)));
        }
    }
    b
}

/// The `tthc:` block of `rows`: Biểu 06's counts.
pub fn tthc_block(rows: &[TthcRow]) -> String {
    let mut b = String::from("tthc:\n");
    for r in rows {
        b.push_str(&format!("  - linh_vuc: {}\n", scalar(&r.linh_vuc)));
        // A total is written only where the row kept one (a row read from the form
        // leaves them to be computed).
        let tong = |t: Option<u64>| t.map_or(String::new(), |t| format!("      tong: {t}\n"));
        let t = &r.tiep_nhan;
        b.push_str(&format!(
            "    tiep_nhan:\n{}      truc_tuyen: {}\n      truc_tiep: {}\n      tu_ky_truoc: {}\n",
            tong(t.tong),
            t.truc_tuyen,
            t.truc_tiep,
            t.tu_ky_truoc
        ));
        let d = &r.da_giai_quyet;
        b.push_str(&format!(
            "    da_giai_quyet:\n{}      truoc_han: {}\n      dung_han: {}\n      qua_han: {}\n",
            tong(d.tong),
            d.truoc_han,
            d.dung_han,
            d.qua_han
        ));
        let p = &r.dang_giai_quyet;
        b.push_str(&format!(
            "    dang_giai_quyet:\n{}      trong_han: {}\n      qua_han: {}\n",
            tong(p.tong),
            p.trong_han,
            p.qua_han
        ));
    }
    b
}

/// The first lines of a unit file the import creates, as the example's unit files begin.
pub fn header(unit_name: &str, form: &str) -> String {
    format!(
        "# yaml-language-server: $schema=../../schema/bao-cao-ky.schema.json\n# Tiến độ của kỳ (kỳ lấy từ tên thư mục) — phần của {unit_name}, nhập từ phiếu {form}.\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "# đầu tệp\nso: 12\ntien_do:\n  a:\n    trang_thai: hoàn thành\n# chú thích giữa\n  b:\n    trang_thai: chưa thực hiện\n\n# chú thích của mục sau\nchi_dao_dieu_hanh:\n  - Đoạn một\ntthc:\n- linh_vuc: Hộ tịch\n  tiep_nhan: {truc_tuyen: 1, truc_tiep: 2}\n";

    #[test]
    fn only_the_block_is_replaced() {
        let out = replace_block(
            FILE,
            "tien_do",
            Some("tien_do:\n  c:\n    trang_thai: hoàn thành\n"),
        );
        assert_eq!(
            out,
            "# đầu tệp\nso: 12\ntien_do:\n  c:\n    trang_thai: hoàn thành\n\n# chú thích của mục sau\nchi_dao_dieu_hanh:\n  - Đoạn một\ntthc:\n- linh_vuc: Hộ tịch\n  tiep_nhan: {truc_tuyen: 1, truc_tiep: 2}\n"
        );
        let out = replace_block(FILE, "tthc", None);
        assert!(out.ends_with("  - Đoạn một\n"), "{out}");
        assert_eq!(block_style("# vptk\n{}\n").as_deref(), Ok("# vptk\n"));
        assert_eq!(block_style("~\n").as_deref(), Ok(""));
        assert!(block_style("{so: 12}\n").is_err());
        assert_eq!(block_style(FILE).as_deref(), Ok(FILE));
        let added = replace_block("so: 1", "tien_do", Some("tien_do:\n"));
        assert_eq!(added, "so: 1\ntien_do:\n");
        // A key that only begins like the block's is not it.
        assert_eq!(
            replace_block("tien_do_x: 1\n", "tien_do", None),
            "tien_do_x: 1\n"
        );
    }

    #[test]
    fn scalars_read_back_the_same() {
        for s in [
            "hoàn thành",
            "100",
            "yes",
            "a: b",
            "x #y",
            "- đầu",
            " lề",
            "hai\ndòng",
            "\"trích\"",
            "par-index/2.1",
            "Số 12/KH-UBND ngày 05/3/2025",
        ] {
            let y = format!("k: {}", scalar(s));
            let v: serde_yaml::Value = serde_yaml::from_str(&y).unwrap();
            assert_eq!(v["k"], serde_yaml::Value::String(s.into()), "{y}");
        }
        assert_eq!(scalar("hoàn thành"), "hoàn thành");
    }
}
