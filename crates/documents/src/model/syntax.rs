//! The YAML parser's (libyaml's, through serde_norway) syntax errors in words a clerk can act
//! on, placed on the line of the slip rather than where the parser stopped: a missing colon
//! shows a line later, an unclosed quote where the next quote closes it, an unclosed bracket
//! on the next line. Every message the parser can give has a Vietnamese cause here; none of its
//! English is shown.

use super::locate::Location;

/// The fix for text the YAML parser takes for syntax, after "phải".
pub const QUOTE_FIX: &str = "đặt trong dấu nháy kép, ví dụ `noi_dung: \"@UBND: họp\"` (bên trong, dấu nháy kép viết là \\\")";
pub const QUOTE_HINT: &str = "đặt cả giá trị trong dấu nháy kép, ví dụ `tieu_de: \"Chủ đề: cải cách hành chính\"` (bên trong, dấu nháy kép viết là \\\")";

/// A general statement of YAML's rules, for the rare messages with no more specific fix.
const RULES: &str = "cú pháp YAML đúng: `trường: giá trị`, thụt lề bằng dấu cách, chữ có ký tự đặc biệt đặt trong dấu nháy kép";

/// A parser message split into its parts: "PROBLEM at line L column C, while CONTEXT at line
/// L column C".
struct Parts<'a> {
    problem: &'a str,
    context: &'a str,
    context_at: Option<Location>,
}

fn parts(full: &str) -> Parts<'_> {
    let (head, context) = full.split_once(", while ").unwrap_or((full, ""));
    let problem = head
        .split(" at line ")
        .next()
        .and_then(|p| p.split(" at position ").next())
        .unwrap_or(head);
    Parts {
        problem,
        context,
        context_at: place_after(context, " at line "),
    }
}

/// "… at line 3 column 5" → that place.
pub fn place_after(msg: &str, marker: &str) -> Option<Location> {
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

/// Messages of the YAML parser itself (not of serde's deserializers), each with the general
/// cause and fix shown when no case below finds a better one. Prefixes of libyaml's problems
/// (unsafe-libyaml-norway's scanner, parser and reader) and of serde_norway's own errors.
const PARSER: &[(&str, &str)] = &[
    ("found a tab character", TAB),
    ("found character that cannot start any token", RULES),
    ("could not find expected ':'", MISSING_COLON),
    ("mapping values are not allowed", RULES),
    ("mapping keys are not allowed", "dòng bắt đầu bằng \"? \" nếu là nội dung thì đặt trong dấu nháy kép"),
    ("did not find expected key", SAME_COLUMN),
    ("did not find expected '-' indicator", LIST),
    ("block sequence entries are not allowed", LIST),
    ("did not find expected ',' or", FLOW),
    ("did not find expected node content", "giá trị bắt đầu bằng dấu phẩy, ngoặc đóng hoặc ký tự đặc biệt thì đặt trong dấu nháy kép"),
    ("found unexpected ':'", "chữ có dấu hai chấm trong ngoặc [ ] hoặc { } đặt trong dấu nháy kép"),
    ("found unknown escape character", ESCAPE),
    ("found invalid Unicode character escape code", ESCAPE),
    ("did not find expected hexadecimal number", ESCAPE),
    ("expected low surrogate area", ESCAPE),
    ("unexpected low surrogate area", ESCAPE),
    ("found unexpected end of stream", "mọi dấu nháy và ngoặc đã mở đều được đóng trước khi hết tệp"),
    ("found unexpected document indicator", "dòng bắt đầu bằng `---` hoặc `...` nằm trong một giá trị có dấu nháy: viết lùi vào hoặc đổi chữ đầu dòng"),
    ("did not find expected <document start>", "chỉ một văn bản YAML trong tệp: xóa dòng `...` hoặc `---` giữa tệp"),
    ("deserializing from YAML containing more than one document", "chỉ một văn bản YAML trong tệp: xóa dòng `---` giữa tệp"),
    ("found an indentation indicator equal to 0", BLOCK_SCALAR),
    ("found a tab character where an indentation space is expected", TAB),
    ("did not find expected comment or line break", BLOCK_SCALAR),
    ("did not find expected alphabetic or numeric character", "ký tự & hoặc * ở đầu giá trị đặt tên cho một giá trị để dùng lại; nếu là nội dung, đặt cả giá trị trong dấu nháy kép"),
    ("unknown anchor", "bí danh *tên chỉ dùng sau khi đã đặt &tên; nếu * là nội dung, đặt cả giá trị trong dấu nháy kép"),
    ("found undefined alias", "bí danh *tên chỉ dùng sau khi đã đặt &tên; nếu * là nội dung, đặt cả giá trị trong dấu nháy kép"),
    ("found duplicate anchor", "mỗi tên &tên chỉ đặt một lần; nếu & là nội dung, đặt cả giá trị trong dấu nháy kép"),
    ("did not find expected '!'", TAG),
    ("did not find expected tag URI", TAG),
    ("did not find URI escaped octet", TAG),
    ("found an incorrect leading UTF-8 octet", TAG),
    ("found an incorrect trailing UTF-8 octet", TAG),
    ("did not find the expected '>'", TAG),
    ("found undefined tag handle", TAG),
    ("empty YAML tag is not allowed", TAG),
    ("found duplicate %YAML directive", DIRECTIVE),
    ("found incompatible YAML document", DIRECTIVE),
    ("found unknown directive name", DIRECTIVE),
    ("could not find expected directive name", DIRECTIVE),
    ("did not find expected version number", DIRECTIVE),
    ("did not find expected digit or '.' character", DIRECTIVE),
    ("found extremely long version number", DIRECTIVE),
    ("found duplicate %TAG directive", DIRECTIVE),
    ("found unexpected non-alphabetical character", DIRECTIVE),
    ("did not find expected whitespace", DIRECTIVE),
    ("did not find expected <stream-start>", RULES),
    ("control characters are not allowed", "chữ in được, không có ký tự điều khiển"),
    ("invalid Unicode character", "chữ in được, không có ký tự điều khiển"),
    ("invalid leading UTF-8 octet", UTF8),
    ("invalid trailing UTF-8 octet", UTF8),
    ("incomplete UTF-8 octet sequence", UTF8),
    ("invalid length of a UTF-8 sequence", UTF8),
    ("incomplete UTF-16", UTF8),
    ("input is too long", "tệp dữ liệu nhỏ hơn"),
    ("input error", "tệp đọc được"),
    ("recursion limit exceeded", ALIAS_BOMB),
    ("repetition limit exceeded", ALIAS_BOMB),
    ("expected a mapping or list of mappings for merging", MERGE),
    ("expected a mapping for merging", MERGE),
    ("unexpected tagged value in merge", MERGE),
    ("failed to parse YAML number", "một số viết bằng chữ số"),
    ("serialization and deserialization of bytes", TAG),
];

const TAB: &str = "thụt lề bằng dấu cách (phím cách), không dùng phím Tab";
const MISSING_COLON: &str =
    "tên trường và giá trị cách nhau bằng dấu hai chấm và một dấu cách (`tên: giá trị`)";
const SAME_COLUMN: &str =
    "các trường cùng cấp thẳng cột với nhau; mục danh sách bắt đầu bằng \"- \" thụt lề như nhau";
const LIST: &str = "các mục của một danh sách cùng thụt lề và đều bắt đầu bằng \"- \"; trường không phải mục danh sách thì thụt lề như trường cha";
const FLOW: &str = "ngoặc được đóng trên cùng dòng, các phần tử cách nhau bằng dấu phẩy; chữ có dấu phẩy thì đặt trong dấu nháy kép";
const ESCAPE: &str = "trong dấu nháy kép, dấu \\ bắt đầu một mã đặc biệt: viết \\\\ cho một dấu \\, hoặc dùng dấu nháy đơn '…'";
const BLOCK_SCALAR: &str = "ký tự | hoặc > ở đầu giá trị mở một đoạn nhiều dòng: sau nó xuống dòng ngay, nội dung ở các dòng dưới thụt lề sâu hơn; nếu | > là nội dung, đặt cả giá trị trong dấu nháy kép";
const TAG: &str = "ký tự ! ở đầu giá trị là nhãn kiểu của YAML; nếu là nội dung, đặt cả giá trị trong dấu nháy kép";
const DIRECTIVE: &str = "dòng bắt đầu bằng % là chỉ thị của YAML: nếu là nội dung, đặt cả giá trị trong dấu nháy kép; nếu không, xóa dòng đó";
const UTF8: &str = "văn bản mã hóa UTF-8 (trong Notepad chọn Lưu thành → Mã hóa: UTF-8)";
const ALIAS_BOMB: &str = "tệp YAML không lồng hay lặp bí danh (&/*) quá mức";
const MERGE: &str = "`<<` chỉ dùng để gộp một bảng `khóa: giá trị` đã đặt tên bằng &; nếu là nội dung, đặt trong dấu nháy kép";

/// The text of 1-based line `n`, without its line end.
fn line_of(text: &str, n: usize) -> &str {
    text.split('\n')
        .nth(n.saturating_sub(1))
        .unwrap_or("")
        .trim_end_matches('\r')
}

/// `dòng "…"`: a line as the message quotes it, trimmed and cut.
fn shown(line: &str) -> String {
    format!(
        "dòng \"{}\"",
        line.trim().chars().take(80).collect::<String>()
    )
}

fn char_at(text: &str, at: Location) -> Option<char> {
    line_of(text, at.line)
        .chars()
        .nth(at.column.saturating_sub(1))
}

/// A parser message, in Vietnamese, with `location` moved to the line of the slip. `None` when
/// `full` is not a parser message.
pub fn translate(
    text: &str,
    full: &str,
    location: &mut Option<Location>,
) -> Option<(String, Option<String>)> {
    // serde_norway reads the first of two documents and may fail on it (a field that is in the
    // second one is "missing") before it says there are two: the `---` is the slip.
    if let Some(at) = second_document(text) {
        *location = Some(at);
        let marker: String = line_of(text, at.line).trim().chars().take(20).collect();
        return Some((
            format!("chỉ một văn bản YAML trong tệp: xóa dòng `{marker}`, hoặc đặt nó trong dấu nháy kép nếu là nội dung"),
            Some(format!("dòng `{marker}` chia tệp thành hai văn bản YAML")),
        ));
    }
    let p = parts(full);
    if p.problem
        .starts_with("deserializing from YAML containing more than one")
    {
        if let Some((first, later)) = outer_indent_slip(text) {
            *location = Some(first);
            return Some((
                "các trường ngoài cùng viết sát lề trái, thẳng cột với nhau".into(),
                Some(format!(
                    "dòng {} thụt lề vào nhưng dòng {} sát lề hơn ({})",
                    first.line,
                    later,
                    shown(line_of(text, first.line))
                )),
            ));
        }
    }
    let general = PARSER
        .iter()
        .find(|(prefix, _)| p.problem.starts_with(prefix))?
        .1;
    if p.problem.starts_with("found unexpected document indicator") {
        let here = line_of(text, location.map_or(0, |l| l.line));
        return Some((
            general.into(),
            Some(format!(
                "dòng bắt đầu bằng `---` hoặc `...` ({})",
                shown(here)
            )),
        ));
    }
    if p.context.starts_with("scanning a quoted scalar") {
        return Some(unclosed_quote(text, p.context_at.or(*location), location));
    }
    if let Some(at) = *location {
        if let Some((open, close)) = quote_opened_above(text, at) {
            *location = Some(open);
            return Some(quote_closed_late(text, open, close));
        }
    }
    let here = line_of(text, location.map_or(0, |l| l.line));
    let case = if p.problem.starts_with("could not find expected ':'") {
        p.context_at.map(|key| missing_colon(text, key, location))
    } else if p.problem.starts_with("did not find expected ',' or") {
        Some(unclosed_bracket(text, p.problem, p.context_at, location))
    } else if let Some(case) = misaligned(text, &p, *location) {
        Some(case)
    } else {
        particular(text, p.problem, *location)
    };
    Some(case.unwrap_or_else(|| {
        (
            general.to_string(),
            Some(match location {
                Some(_) => format!("lỗi cú pháp ở {}", shown(here)),
                None => "lỗi cú pháp".to_string(),
            }),
        )
    }))
}

/// A line less indented than the block above it but more than that block's parent (a block's
/// first field indented too far, or a later one not far enough). The parser stops at the
/// later line; name both, since either may be the slip.
fn misaligned(
    text: &str,
    p: &Parts,
    location: Option<Location>,
) -> Option<(String, Option<String>)> {
    let list = p.problem.starts_with("did not find expected '-' indicator");
    if !list && !p.problem.starts_with("did not find expected key") {
        return None;
    }
    let at = location?;
    let indent = |l: &str| l.len() - l.trim_start_matches(' ').len();
    let here = line_of(text, at.line);
    // Text after a closing quote stops the parser inside the line, not at its start.
    if at.column != indent(here) + 1 {
        return None;
    }
    let mut first = None;
    let mut above = None;
    for n in (1..at.line).rev() {
        let l = line_of(text, n);
        if l.trim().is_empty() || l.trim_start().starts_with('#') {
            continue;
        }
        if indent(l) <= indent(here) {
            above = Some(n);
            break;
        }
        first = Some(n);
    }
    let item = above.filter(|&n| {
        let l = line_of(text, n);
        indent(l) == indent(here) && l.trim_start().starts_with("- ")
    });
    if let (None, Some(item), true) = (first, item, list) {
        // `- tieu_de: …` then `chi_so: …` in the dash's column: the item's fields align
        // with the text after "- ".
        return Some((
            LIST.into(),
            Some(format!(
                "dòng {} thẳng cột với dấu \"- \" ở dòng {} ({}): trường của mục đó thụt lề thẳng với chữ sau \"- \" (cột {}), mục mới thì bắt đầu bằng \"- \"; dòng {} hoặc dòng {} thụt lề sai",
                at.line,
                item,
                shown(line_of(text, item)),
                indent(here) + 3,
                item,
                at.line
            )),
        ));
    }
    let first = first?;
    Some((
        if list { LIST } else { SAME_COLUMN }.into(),
        Some(format!(
            "dòng {} thụt lề {} dấu cách, các dòng ở trên nó từ dòng {} ({}) thụt lề {}: dòng {} hoặc dòng {} thụt lề sai",
            at.line,
            indent(here),
            first,
            shown(line_of(text, first)),
            indent(line_of(text, first)),
            first,
            at.line
        )),
    ))
}

/// A file whose first field is indented and a later one is not, which YAML reads as two
/// documents: the first content line and the later line's number.
fn outer_indent_slip(text: &str) -> Option<(Location, usize)> {
    let indent = |l: &str| l.len() - l.trim_start_matches(' ').len();
    let mut content = text.split('\n').enumerate().filter(|(_, l)| {
        let t = l.trim();
        !t.is_empty() && !t.starts_with('#')
    });
    let (first, first_line) = content.next()?;
    let margin = indent(first_line);
    let (later, _) = content.find(|(_, l)| indent(l) < margin)?;
    Some((
        Location {
            line: first + 1,
            column: margin + 1,
        },
        later + 1,
    ))
}

/// A field indented deeper than the field on the line above, whose value is a plain text:
/// YAML joins the deeper line to that value (`ty_le: 50` + `  ket_qua: …` reads as
/// "50 ket_qua"), and the deserializer then complains about the line above. The deeper
/// line's place and the message.
pub fn indented_under_a_value(
    text: &str,
    at: Location,
) -> Option<(Location, String, Option<String>)> {
    let indent = |l: &str| l.len() - l.trim_start().len();
    let above = line_of(text, at.line);
    let below = text.split('\n').nth(at.line)?.trim_end_matches('\r');
    let key_above = above
        .trim_start()
        .strip_prefix("- ")
        .unwrap_or(above.trim_start());
    let (_, value) = key_above.split_once(": ")?;
    let value = value.trim_start();
    if value.is_empty() || value.starts_with(['"', '\'', '[', '{', '|', '>', '&', '*', '#']) {
        return None;
    }
    let key_column = above.len() - key_above.len();
    let (word, rest) = below.trim_start().split_once(':')?;
    if indent(below) <= key_column || !key_like(word) || !(rest.is_empty() || rest.starts_with(' '))
    {
        return None;
    }
    Some((
        Location {
            line: at.line + 1,
            column: indent(below) + 1,
        },
        format!(
            "các trường cùng cấp thẳng cột với nhau: `{word}` thụt lề như dòng {}",
            at.line
        ),
        Some(format!(
            "dòng {} thụt lề sâu hơn dòng {} nên YAML ghép `{word}` vào giá trị ở dòng trên ({})",
            at.line + 1,
            at.line,
            shown(below)
        )),
    ))
}

/// The cases whose fix depends on the line the parser stopped at.
fn particular(
    text: &str,
    problem: &str,
    location: Option<Location>,
) -> Option<(String, Option<String>)> {
    let here = line_of(text, location.map_or(0, |l| l.line));
    let c = location.and_then(|l| char_at(text, l));
    if problem.starts_with("found a tab character")
        || problem.starts_with("found character that cannot start any token") && c == Some('\t')
    {
        return Some((TAB.into(), Some(format!("ký tự Tab ({})", shown(here)))));
    }
    if problem.starts_with("found character that cannot start any token") {
        let c = c.map_or(String::new(), |c| format!("`{c}` "));
        return Some((
            format!(
                "giá trị bắt đầu bằng ký tự {c}(một trong @ ` % ! & * | > {{ [ ' \") phải {QUOTE_FIX}"
            ),
            Some(format!(
                "ký tự {c}không được đứng đầu giá trị ({})",
                shown(here)
            )),
        ));
    }
    if problem.starts_with("mapping values are not allowed") {
        // `a: b: c` — a second ": " on the line of a key; otherwise a line indented too far.
        let col = location.map_or(0, |l| l.column);
        let before: String = here.chars().take(col.saturating_sub(1)).collect();
        let second =
            before.contains(": ") || before.trim_start().starts_with("- ") && before.contains(':');
        return Some(if second {
            (
                format!(
                    "một giá trị có \": \" (dấu hai chấm rồi dấu cách) trong chữ thì {QUOTE_HINT}"
                ),
                Some(format!(
                    "dấu \": \" thứ hai trên cùng một dòng ({})",
                    shown(here)
                )),
            )
        } else {
            (
                "các trường cùng cấp thẳng cột với nhau; trường con thụt vào 2 dấu cách so với trường cha".into(),
                Some(format!("dòng thụt lề sai ({})", shown(here))),
            )
        });
    }
    if problem.starts_with("did not find expected key") {
        let value = here
            .trim_start()
            .split_once(": ")
            .map(|(_, v)| v.trim_start())
            .unwrap_or("");
        return Some(if value.starts_with('"') || value.starts_with('\'') {
            (
                format!("giá trị bắt đầu bằng dấu nháy phải kết thúc ngay ở dấu nháy đóng; nếu dấu nháy chỉ là một phần nội dung, {QUOTE_HINT}"),
                Some(format!("chữ sau dấu nháy đóng ({})", shown(here))),
            )
        } else {
            (
                SAME_COLUMN.into(),
                Some(format!("dòng thụt lề sai ({})", shown(here))),
            )
        });
    }
    if problem.starts_with("did not find expected '-' indicator")
        || problem.starts_with("block sequence entries are not allowed")
    {
        return Some((
            LIST.into(),
            Some(format!("dòng thụt lề sai ({})", shown(here))),
        ));
    }
    let escape = [
        "found unknown escape character",
        "found invalid Unicode character escape code",
        "did not find expected hexadecimal number",
        "expected low surrogate area",
        "unexpected low surrogate area",
    ];
    if escape.iter().any(|e| problem.starts_with(e)) {
        return Some((
            ESCAPE.into(),
            Some(format!("mã \\ không hợp lệ ({})", shown(here))),
        ));
    }
    if problem.starts_with("unknown anchor") || problem.starts_with("found undefined alias") {
        return Some((
            "bí danh *tên chỉ dùng sau khi đã đặt &tên; nếu * là nội dung, đặt cả giá trị trong dấu nháy kép".into(),
            Some(format!("bí danh chưa đặt ({})", shown(here))),
        ));
    }
    None
}

/// A quoted value that runs to the end of the file: its opening quote, at `open`.
fn unclosed_quote(
    text: &str,
    open: Option<Location>,
    location: &mut Option<Location>,
) -> (String, Option<String>) {
    *location = open;
    let quote = open.and_then(|l| char_at(text, l)).unwrap_or('"');
    let here = line_of(text, open.map_or(0, |l| l.line));
    (
        format!("dấu nháy {quote} mở ở đây phải được đóng bằng {quote} ở cuối giá trị; nếu dấu nháy chỉ là một phần nội dung, {QUOTE_HINT}"),
        Some(format!("dấu nháy chưa đóng ({})", shown(here))),
    )
}

/// A quoted value opened at `open` that the parser closed only at the next quote, `close`, on
/// a later line (where it then stopped, at the text after that quote).
fn quote_closed_late(text: &str, open: Location, close: Location) -> (String, Option<String>) {
    let quote = char_at(text, open).unwrap_or('"');
    (
        format!("dấu nháy {quote} mở ở đây phải được đóng bằng {quote} ở cuối giá trị (giá trị dài nhiều dòng thì ở cuối dòng cuối của nó); nếu dấu nháy chỉ là một phần nội dung, {QUOTE_HINT}"),
        Some(format!(
            "dấu nháy chưa đóng ({}): YAML lấy dấu nháy ở dòng {}, cột {} làm dấu đóng",
            shown(line_of(text, open.line)),
            close.line,
            close.column
        )),
    )
}

/// Where a quoted value begins that the parser closed only at a quote on the line of `at`,
/// before it: the quote before `at` on that line, and the one before it in the text, when
/// that one opens a value on an earlier line.
fn quote_opened_above(text: &str, at: Location) -> Option<(Location, Location)> {
    let chars: Vec<(usize, usize, char)> = text
        .split('\n')
        .enumerate()
        .flat_map(|(i, l)| l.chars().enumerate().map(move |(j, c)| (i + 1, j + 1, c)))
        .collect();
    let stop = chars
        .iter()
        .position(|&(l, c, _)| l == at.line && c == at.column)?;
    let close = (0..stop)
        .rev()
        .take_while(|&i| chars[i].0 == at.line)
        .find(|&i| matches!(chars[i].2, '"' | '\''))?;
    let quote = chars[close].2;
    let mut i = close;
    let open = loop {
        i = i.checked_sub(1)?;
        if chars[i].2 != quote {
            continue;
        }
        let backslashes = (0..i).rev().take_while(|&k| chars[k].2 == '\\').count();
        if quote == '"' && backslashes % 2 == 1 {
            continue;
        }
        if quote == '\'' && i > 0 && chars[i - 1].2 == '\'' {
            i -= 1;
            continue;
        }
        break i;
    };
    let (line, column, _) = chars[open];
    if line >= at.line {
        return None;
    }
    // The quote must open a value: at the line's start, or after `: `, `- `, `[`, `{` or `,`.
    let before: String = line_of(text, line)
        .chars()
        .take(column - 1)
        .collect::<String>();
    let before = before.trim_end();
    let opens = before.is_empty()
        || before.trim_start() == "-"
        || before.ends_with([':', '[', '{', ','])
        || before.ends_with(" -");
    opens.then_some((
        Location { line, column },
        Location {
            line: chars[close].0,
            column: chars[close].1,
        },
    ))
}

/// `could not find expected ':'`: the parser read a key from `key` on and found no colon after
/// it, usually a line later. The slip is on the key's line: point there, after its first word.
fn missing_colon(
    text: &str,
    key: Location,
    location: &mut Option<Location>,
) -> (String, Option<String>) {
    let line = line_of(text, key.line);
    let rest: String = line.chars().skip(key.column.saturating_sub(1)).collect();
    let word = rest.split_whitespace().next().unwrap_or("");
    if key_like(word) {
        *location = Some(Location {
            line: key.line,
            column: key.column + word.chars().count(),
        });
        return (
            MISSING_COLON.into(),
            Some(format!(
                "dòng {}: thiếu dấu hai chấm sau `{word}`?",
                key.line
            )),
        );
    }
    *location = Some(key);
    (
        format!("{MISSING_COLON}; chữ tiếp nối giá trị ở dòng trên thì thụt lề sâu hơn tên trường của giá trị đó"),
        Some(format!(
            "dòng {}: không có dấu hai chấm ({})",
            key.line,
            shown(line)
        )),
    )
}

/// Whether `word` can be a field name or a task id: ASCII letters, digits, `_ - / .`.
pub fn key_like(word: &str) -> bool {
    !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '/' | '.'))
        && word.chars().any(|c| c.is_ascii_alphabetic())
}

/// `did not find expected ',' or '}'`: a bracket opened at `open` and not closed on its line
/// (the parser stops on a later one), or two items without a comma between them.
fn unclosed_bracket(
    text: &str,
    problem: &str,
    open: Option<Location>,
    location: &mut Option<Location>,
) -> (String, Option<String>) {
    let (b, close) = if problem.contains(']') {
        ('[', ']')
    } else {
        ('{', '}')
    };
    let expected = format!("ngoặc {b} được đóng bằng {close} trên cùng dòng, các phần tử cách nhau bằng dấu phẩy; chữ có dấu phẩy thì đặt trong dấu nháy kép");
    match (open, *location) {
        (Some(o), Some(at)) if o.line < at.line => {
            *location = Some(o);
            (
                expected,
                Some(format!(
                    "ngoặc {b} chưa đóng trên dòng {} ({})",
                    o.line,
                    shown(line_of(text, o.line))
                )),
            )
        }
        _ => {
            let here = line_of(text, location.map_or(0, |l| l.line));
            (
                expected,
                Some(format!(
                    "ngoặc {b} chưa đóng hoặc thiếu dấu phẩy ({})",
                    shown(here)
                )),
            )
        }
    }
}

/// The line of a `---`, `...` or `%` directive between two documents' content (such a line at
/// column 1 is a document marker anywhere in YAML, even inside a quoted or block text).
fn second_document(text: &str) -> Option<Location> {
    let mut before = false;
    let mut marker = None;
    for (i, l) in text.split('\n').enumerate() {
        let t = l.trim_end_matches('\r');
        let directive = t.starts_with('%');
        if directive || t == "---" || t.starts_with("--- ") || t == "..." || t.starts_with("... ") {
            if before && marker.is_none() {
                marker = Some(Location {
                    line: i + 1,
                    column: 1,
                });
                // A directive must be followed by a document: one at the end is a slip too.
                if directive {
                    return marker;
                }
            }
        } else if !t.trim().is_empty() && !t.trim_start().starts_with('#') {
            if marker.is_some() {
                return marker;
            }
            before = true;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::error::{Error, Result};
    use std::collections::BTreeMap;
    use std::path::Path;

    fn message(src: &str) -> String {
        let r: Result<_> = super::super::load::parse::<BTreeMap<String, serde_yaml::Value>>(
            Path::new("x.yaml"),
            src,
        );
        match r {
            Err(Error::Data(v)) => v[0].to_string(),
            _ => panic!("{src:?} must be refused"),
        }
    }

    /// Inputs that make the parser give most of its messages: each is answered in Vietnamese,
    /// at the line given.
    #[test]
    fn parser_messages_are_vietnamese_and_located() {
        let cases: [(&str, &str, usize); 24] = [
            ("a: 1\nb: \"x\\qy\"\n", "mã \\ không hợp lệ", 2),
            ("a: 1\nb: \"x\\u12\"\n", "mã \\ không hợp lệ", 2),
            ("a: 1\nb: \"\\uDC00\"\n", "", 2),
            ("a: 1\nb: \"x\n--- y\"\n", "---", 3),
            ("a: 1\n%YAML 1.2\n", "", 2),
            ("%YAML 1.1\n%YAML 1.1\n---\na: 1\n", "chỉ thị của YAML", 2),
            ("%FOO bar\n---\na: 1\n", "", 1),
            ("a: !<x\n", "nhãn kiểu của YAML", 1),
            ("a: !x!y z\n", "nhãn kiểu", 1),
            ("a: &\n", "ký tự & hoặc *", 1),
            ("a: *\n", "ký tự & hoặc *", 1),
            ("a: |0\n  x\n", "ký tự | hoặc >", 1),
            ("a: |x\n  y\n", "ký tự | hoặc >", 1),
            ("a: [b, c\n", "ngoặc [ chưa đóng trên dòng 1", 1),
            ("a: {b: 1\nc: 2\n", "ngoặc { chưa đóng trên dòng 1", 1),
            ("a: [b: c: d]\n", "", 1),
            ("a: 1\nb: ? c\n", "", 2),
            ("a: 1\nb: ]\n", "", 2),
            ("a: 1\n  b: 2\n", "", 2),
            ("a:\n  - 1\n  b: 2\n", "", 3),
            ("a: 1\nb\nc: 2\n", "thiếu dấu hai chấm sau `b`?", 2),
            ("a: 1\n\tb: 2\n", "Tab", 2),
            ("a: 1\nb: @x\n", "ký tự `@`", 2),
            (
                "  a: 1\nb: 2\n",
                "các trường ngoài cùng viết sát lề trái",
                1,
            ),
        ];
        for (src, fragment, line) in cases {
            let m = message(src);
            assert!(m.contains(fragment), "{src:?}: {m}");
            assert!(
                m.starts_with(&format!("x.yaml:{line}:")) || m.contains(&format!("dòng {line}")),
                "{src:?}: {m}"
            );
            for english in [
                "expected",
                "found",
                "while",
                "could not",
                "did not",
                "at line",
            ] {
                assert!(!m.contains(english), "{src:?}: {m}");
            }
        }
    }

    #[test]
    fn every_parser_message_has_a_vietnamese_cause() {
        for (problem, cause) in super::PARSER {
            assert!(!cause.is_ascii(), "{problem}");
            assert!(super::parts(&format!("{problem} at line 2 column 3")).problem == *problem);
        }
    }
}
