//! Slips a clerk makes in YAML (issue 14 §2), made systematically on the seed plan and on
//! period files: a colon dropped after a field name, a closing quote dropped, a Tab for
//! indentation, a field indented too far, a bracket left unbalanced. Every mutant must be refused with a message that
//! has none of the YAML parser's English and that names the mutated line, even when the parser
//! only notices the slip lines later. Library calls, a few hundred mutants, no randomness.

mod common;
use common::*;
use std::path::Path;
use vanban::kinds::report::data::PeriodFile;
use vanban::model::plan::Plan;

/// Words of the parser's and serde's English messages.
const ENGLISH: [&str; 15] = [
    "expected",
    "found",
    "while",
    "could not",
    "mapping",
    "scalar",
    "block",
    "flow",
    "indentation",
    "stream",
    "invalid",
    "unknown",
    "did not",
    "line",
    "column",
];

/// The seed's files, each read as plan.yaml or as a period file.
const FILES: [(&str, bool); 3] = [
    ("plan.yaml", false),
    ("bao-cao/2024-6t.yaml", true),
    ("bao-cao/2024-q1/ca.yaml", true),
];

/// The error message for `text` read as the file `name`, or `None` when it is accepted.
fn message(name: &str, text: &str, period: bool) -> Option<String> {
    let file = Path::new(name);
    let err = if period {
        vanban::model::load::parse::<PeriodFile>(file, text).err()
    } else {
        vanban::model::load::parse::<Plan>(file, text).err()
    };
    err.map(|e| e.to_string())
}

/// The key of a line `  key: …`, `  - key: …` or `  key:`, and the byte where its colon is.
fn key_colon(line: &str) -> Option<usize> {
    let body = line.trim_start();
    let body = body.strip_prefix("- ").unwrap_or(body);
    let start = line.len() - body.len();
    let end = body.find(':')?;
    let key = &body[..end];
    let named = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '/' | '.'));
    let after = body[end + 1..].chars().next();
    (named && matches!(after, None | Some(' '))).then_some(start + end)
}

/// The mutants of one line: (what was done, the new line).
fn mutants(line: &str) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    if line.trim_start().starts_with('#') {
        return out;
    }
    let t = line.trim_end();
    if key_colon(line).is_none() && (t.ends_with('\'') || t.ends_with('"')) {
        out.push((
            "dropped closing quote of a long text",
            t[..t.len() - 1].to_string(),
        ));
    }
    if let Some(colon) = key_colon(line) {
        out.push((
            "dropped colon",
            format!("{}{}", &line[..colon], &line[colon + 1..]),
        ));
        let indent = line.len() - line.trim_start().len();
        if indent >= 2 {
            out.push(("tab indent", format!("\t{}", &line[2..])));
        }
        out.push(("indented further", format!("  {line}")));
        // A quoted value closed on its own line.
        let value = line[colon + 1..].trim();
        for q in ['"', '\''] {
            if value.len() > 2 && value.starts_with(q) && value.ends_with(q) {
                out.push(("dropped closing quote", line[..line.len() - 1].to_string()));
            }
        }
        for (open, close) in [('{', '}'), ('[', ']')] {
            if value.starts_with(open) && value.ends_with(close) {
                out.push((
                    "dropped closing bracket",
                    line[..line.len() - 1].to_string(),
                ));
                out.push(("dropped opening bracket", line.replacen(open, "", 1)));
            }
        }
    }
    out
}

fn names_line(msg: &str, file: &str, line: usize) -> bool {
    msg.contains(&format!("{file}:{line}:")) || msg.contains(&format!("dòng {line}"))
}

fn has_english(msg: &str) -> Option<&'static str> {
    let lower = msg.to_lowercase();
    ENGLISH.into_iter().find(|w| {
        lower.match_indices(w).any(|(i, _)| {
            let before = lower[..i].chars().next_back();
            let after = lower[i + w.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
    })
}

#[test]
fn every_slip_is_named_at_its_own_line_in_vietnamese() {
    let mut count = 0;
    let mut failures = Vec::new();
    for (rel, period) in FILES {
        let name = Path::new(rel).file_name().unwrap().to_str().unwrap();
        let text = std::fs::read_to_string(root().join(SEED).join(rel)).unwrap();
        assert!(message(name, &text, period).is_none(), "{rel} must load");
        let lines: Vec<&str> = text.split('\n').collect();
        // Quotes and brackets on every line; colons, tabs and indentation on every fourth line
        // of the period files and every sixth of the plan: about 650 mutants in all.
        let stride = if period { 4 } else { 6 };
        for (i, original) in lines.iter().enumerate() {
            for (what, new) in mutants(original) {
                let common = matches!(what, "dropped colon" | "tab indent" | "indented further");
                if common && i % stride != 0 {
                    continue;
                }
                let mut mutated = lines.clone();
                mutated[i] = &new;
                count += 1;
                let at = i + 1;
                // A long text's closing quote: the message names the line the text opens on.
                let opens = (0..=i)
                    .rev()
                    .find(|&j| {
                        lines[j].trim_start().starts_with("- ") || key_colon(lines[j]).is_some()
                    })
                    .map_or(at, |j| j + 1);
                let problem = match message(name, &mutated.join("\n"), period) {
                    None => Some("accepted".to_string()),
                    Some(msg) => match has_english(&msg) {
                        Some(w) => Some(format!("English \"{w}\": {msg}")),
                        None if !names_line(&msg, name, at) && !names_line(&msg, name, opens) => {
                            Some(format!("elsewhere: {msg}"))
                        }
                        None => None,
                    },
                };
                if let Some(p) = problem {
                    failures.push(format!("{rel}:{at} {what} `{}`: {p}", new.trim()));
                }
            }
        }
    }
    assert!(count >= 300, "only {count} mutants");
    assert!(
        failures.is_empty(),
        "{} of {count} mutants:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The issue's own cases, with the exact message.
#[test]
fn a_dropped_colon_is_named_on_its_line_even_at_the_end_of_the_file() {
    let text = std::fs::read_to_string(root().join(SEED).join("bao-cao/2024-q1/ca.yaml")).unwrap();
    let slip = text.replace("  papi/6.1:\n", "  papi/6.1\n");
    assert_eq!(
        message("ca.yaml", &slip, true).unwrap(),
        "ca.yaml:9:11: cần tên trường và giá trị cách nhau bằng dấu hai chấm và một dấu cách (`tên: giá trị`); gặp dòng 9: thiếu dấu hai chấm sau `papi/6.1`?"
    );
    // The last field of the file: the parser stops after the last line (line 14).
    let slip = text.replace("    ket_qua: Duy trì", "    ket_qua Duy trì");
    assert_eq!(
        message("ca.yaml", &slip, true).unwrap(),
        "ca.yaml:12:12: cần tên trường và giá trị cách nhau bằng dấu hai chấm và một dấu cách (`tên: giá trị`); gặp dòng 12: thiếu dấu hai chấm sau `ket_qua`?"
    );
}

#[test]
fn an_unclosed_quote_is_named_where_it_opens_not_where_the_parser_stops() {
    let text = std::fs::read_to_string(root().join(SEED).join("plan.yaml")).unwrap();
    let open = "                noi_dung: \"Phát động, tìm kiếm, nhân rộng các mô hình, sáng kiến trong công tác CCHC.";
    let slip = text.replacen(&format!("{open}\""), open, 1);
    let line = text.lines().position(|l| l.starts_with(open)).unwrap() + 1;
    // The next quoted text's opening quote is the one YAML takes as the closer.
    let closer = text
        .lines()
        .skip(line)
        .position(|l| l.trim_start().starts_with("noi_dung: \""))
        .unwrap()
        + line
        + 1;
    let msg = message("plan.yaml", &slip, false).unwrap();
    assert!(
        msg.starts_with(&format!("plan.yaml:{line}:27: cần dấu nháy \" mở ở đây phải được đóng bằng \" ở cuối giá trị (giá trị dài nhiều dòng thì ở cuối dòng cuối của nó); nếu dấu nháy chỉ là một phần nội dung, đặt cả giá trị trong dấu nháy kép")),
        "{msg}"
    );
    assert!(
        msg.contains(&format!(
            "gặp dấu nháy chưa đóng (dòng \"noi_dung: \"Phát động, tìm kiếm, nhân rộng các mô hình, sáng kiến trong công tác \"): YAML lấy dấu nháy ở dòng {}, cột 27 làm dấu đóng",
            closer
        )),
        "{msg}"
    );
}

#[test]
fn text_that_yaml_splits_is_told_to_be_quoted() {
    let text = std::fs::read_to_string(root().join(SEED).join("plan.yaml")).unwrap();
    let row = "- {tieu_chi: Kết quả giải quyết hồ sơ TTHC, chu_tri: vptk}";
    let line = text.lines().position(|l| l.contains(row)).unwrap() + 1;
    let slip = text.replacen(row, "- {tieu_chi: Bố trí ghế ngồi, nước uống}", 1);
    let msg = message("plan.yaml", &slip, false).unwrap();
    assert!(
        msg.ends_with("cần chữ có dấu phẩy bên trong ngoặc { } đặt trong dấu nháy kép, ví dụ `{tieu_chi: \"Bố trí ghế ngồi, nước uống\"}`; gặp chữ sau dấu phẩy bị YAML đọc thành một trường tên `nước uống`"),
        "{msg}"
    );
    assert!(msg.starts_with(&format!("plan.yaml:{line}:")), "{msg}");

    let text = std::fs::read_to_string(root().join(SEED).join("bao-cao/2024-6t.yaml")).unwrap();
    let item = "- Kiểm tra cải cách hành chính tại 04/07";
    let line = text.lines().position(|l| l.starts_with(item)).unwrap() + 1;
    let slip = text.replacen(item, "- Tuyên truyền: nâng cao 04/07", 1);
    let msg = message("2024-6t.yaml", &slip, true).unwrap();
    assert!(
        msg.starts_with(&format!("2024-6t.yaml:{line}:3: trường `chi_dao_dieu_hanh[1]`: cần chữ có \": \" (dấu hai chấm rồi dấu cách) thì đặt cả giá trị trong dấu nháy kép")),
        "{msg}"
    );
    assert!(
        msg.contains("gặp dấu \": \" làm YAML đọc mục này thành `tên: giá trị` (dòng \"- Tuyên truyền: nâng cao 04/07"),
        "{msg}"
    );
}
