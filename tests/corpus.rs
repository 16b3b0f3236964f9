//! The broken-input corpus (issue 8): each case mutates the seed plan (or its progress data,
//! or the command line), runs the binary, and checks the exit code, a fragment of the message
//! and where it points. Every case that builds has each DOCX part parsed by a strict XML
//! parser and its PDF parsed. One table, one test; cases run on a few threads.

mod common;
use common::*;
use std::path::{Path, PathBuf};

/// How a case changes the seed plan folder.
enum Edit {
    /// Replace the first occurrence of a text in plan.yaml.
    Replace(&'static str, &'static str),
    /// Replace every line starting with a prefix (after indentation) by a new one (same
    /// indentation); an empty new line removes it.
    Line(&'static str, String),
    /// plan.yaml becomes these bytes.
    Bytes(Vec<u8>),
    /// Replace a text in the period file bao-cao/2024-9t.yaml (runs `report --ky 2024-9T`).
    Report(&'static str, &'static str),
    /// No change to the data (the case is about the command line or the output folder).
    None,
}

/// Where the message must point: nowhere in particular, the line holding a text, or the line
/// and column.
enum Loc {
    Any,
    Line(&'static str),
    At(&'static str, usize),
}

struct Case {
    name: String,
    edit: Edit,
    /// Arguments; `{dir}` is the plan folder, `{out}` the output folder.
    args: Vec<&'static str>,
    expect: &'static str,
    loc: Loc,
    code: i32,
}

const BUILD: &[&str] = &["build", "{dir}", "-o", "{out}"];

fn case(name: &str, edit: Edit, expect: &'static str, loc: Loc, code: i32) -> Case {
    let args = match edit {
        Edit::Report(..) => vec!["report", "{dir}", "--ky", "2024-9T", "-o", "{out}"],
        _ => BUILD.to_vec(),
    };
    Case {
        name: name.to_string(),
        edit,
        args,
        expect,
        loc,
        code,
    }
}

fn rep(from: &'static str, to: &'static str) -> Edit {
    Edit::Replace(from, to)
}

fn line(prefix: &'static str, new: &str) -> Edit {
    Edit::Line(prefix, new.to_string())
}

fn cases() -> Vec<Case> {
    use Loc::*;
    let mut v = Vec::new();
    // --- Control characters written as YAML escapes, in two fields: refused, located.
    let escapes = [
        "\\a", "\\v", "\\f", "\\0", "\\x01", "\\x1f", "\\uFFFE", "\\e", "\\b", "\\x7f", "\\x85",
        "\\uFDD0",
    ];
    for (i, esc) in escapes.iter().enumerate() {
        v.push(case(
            &format!("escape-dia-danh-{i}"),
            line("dia_danh:", &format!("dia_danh: \"Phú{esc}Sơn\"")),
            "ký tự điều khiển U+",
            At("dia_danh:", 11),
            1,
        ));
        v.push(case(
            &format!("escape-ho-ten-{i}"),
            line("ho_ten:", &format!("ho_ten: \"Nguyễn{esc} Lâm\"")),
            "trường `ky.ho_ten`",
            At("ho_ten:", 11),
            1,
        ));
    }
    // --- Raw control bytes in the file: located at the byte, not at 1:1.
    for (i, b) in ["\u{1}", "\u{7}", "\u{b}", "\u{c}", "\u{1b}", "\u{0}"]
        .iter()
        .enumerate()
    {
        v.push(case(
            &format!("raw-control-{i}"),
            line("dia_danh:", &format!("dia_danh: Phú{b}Sơn")),
            "ký tự điều khiển U+",
            At("dia_danh:", 14),
            1,
        ));
    }
    // --- YAML syntax, with the fix.
    let syntax: Vec<(&str, Edit, &'static str, Loc)> = vec![
        (
            "colon-in-value",
            line("dia_danh:", "dia_danh: Phường: Phú Sơn"),
            "dấu nháy kép",
            Line("dia_danh:"),
        ),
        (
            "at-sign",
            line("dia_danh:", "dia_danh: @Phú Sơn"),
            "ký tự `@`",
            At("dia_danh:", 11),
        ),
        (
            "backtick",
            line("dia_danh:", "dia_danh: `Phú Sơn`"),
            "ký tự `",
            At("dia_danh:", 11),
        ),
        (
            "percent",
            line("dia_danh:", "dia_danh: %Phú Sơn"),
            "ký tự `%`",
            At("dia_danh:", 11),
        ),
        (
            "unclosed-double",
            line("dia_danh:", "dia_danh: \"Phú Sơn"),
            "dấu nháy chưa đóng",
            At("dia_danh:", 11),
        ),
        (
            "unclosed-single",
            line("dia_danh:", "dia_danh: 'Phú Sơn"),
            "dấu nháy chưa đóng",
            At("dia_danh:", 11),
        ),
        ("unclosed-at-end", line("luu:", "luu: [\"VT]"), "chưa", Any),
        (
            "text-after-quote",
            line("dia_danh:", "dia_danh: \"Phú\" Sơn"),
            "chữ sau dấu nháy đóng",
            Line("dia_danh:"),
        ),
        (
            "tab-indent",
            rep("  ten_day_du:", "\tten_day_du:"),
            "Tab",
            Line("ten_day_du:"),
        ),
        (
            "tab-before-value",
            rep("  viet_tat: UBND", "\tviet_tat: UBND"),
            "Tab",
            Any,
        ),
        (
            "over-indented",
            rep("  ten_day_du:", "     ten_day_du:"),
            "thụt lề",
            Line("ten_day_du:"),
        ),
        (
            "under-indented-list",
            rep("  - UBND thị xã", "- UBND thị xã"),
            "",
            Any,
        ),
        (
            "dash-in-map",
            rep("  viet_tat: UBND", "  - viet_tat: UBND"),
            "thụt lề",
            Any,
        ),
        ("flow-unclosed", line("luu:", "luu: [VT"), "ngoặc [", Any),
        (
            "flow-map-unclosed",
            line("ngay:", "ngay: {ngay: ~, thang: 12, nam: 2023"),
            "`ngay.nam`",
            Line("ngay:"),
        ),
        (
            "bad-escape",
            line("dia_danh:", "dia_danh: \"Phú\\qSơn\""),
            "mã \\",
            Line("dia_danh:"),
        ),
        (
            "unknown-alias",
            line("dia_danh:", "dia_danh: *noi"),
            "bí danh",
            Line("dia_danh:"),
        ),
        (
            "duplicate-top",
            rep("so: ~", "so: ~\ndia_danh: Khác"),
            "(lần đầu ở dòng 12)",
            At("dia_danh: Phú Sơn", 1),
        ),
        (
            "duplicate-nested",
            rep("  chuc_vu: Chủ tịch", "  chuc_vu: Chủ tịch\n  chuc_vu: Phó"),
            "ghi lần thứ hai",
            Line("chuc_vu: Phó"),
        ),
        (
            "duplicate-in-unit",
            rep(
                "  ktns: {ten: Kế toán - ngân sách,",
                "  ktns: {ten: Kế toán, ten: Kế toán - ngân sách,",
            ),
            "ghi",
            Any,
        ),
        (
            "duplicate-unit-key",
            rep(
                "  vptk: {ten: Văn phòng - thống kê,",
                "  vptk: {ten: VP, ngan: VP}\n  vptk: {ten: Văn phòng - thống kê,",
            ),
            "trường `don_vi.vptk`: cần mỗi mã chỉ ghi một lần trong `don_vi`; xóa hoặc gộp một trong hai; gặp `vptk` ghi lần thứ hai (lần đầu ở dòng 17)",
            At("vptk: {ten: Văn phòng - thống kê", 3),
        ),
        (
            "two-colons-key",
            line("dia_danh:", "dia_danh: Phú: Sơn: x"),
            "dấu nháy kép",
            Line("dia_danh:"),
        ),
        (
            "list-item-colon",
            rep("  - UBND thị xã", "  - UBND: thị xã: x"),
            "`UBND`",
            Line("UBND: thị xã"),
        ),
        // Issue 14 §2: the slip's own line, a Vietnamese cause, quotes suggested.
        (
            "missing-colon",
            rep("  ten_day_du: Ủy ban", "  ten_day_du Ủy ban"),
            "cần tên trường và giá trị cách nhau bằng dấu hai chấm và một dấu cách (`tên: giá trị`); gặp dòng 9: thiếu dấu hai chấm sau `ten_day_du`?",
            At("ten_day_du Ủy ban", 13),
        ),
        (
            "missing-colon-before-block",
            rep("co_quan:\n", "co_quan\n"),
            "thiếu dấu hai chấm sau `co_quan`?",
            At("co_quan", 8),
        ),
        (
            "quote-closed-lines-below",
            rep("sáng kiến trong công tác CCHC.\"", "sáng kiến trong công tác CCHC."),
            "gặp dấu nháy chưa đóng (dòng \"noi_dung: \"Phát động,",
            At("noi_dung: \"Phát động", 27),
        ),
        (
            "bracket-open-at-line-end",
            rep("PHƯỜNG PHÚ SƠN]", "PHƯỜNG PHÚ SƠN"),
            "ngoặc [ chưa đóng trên dòng 8",
            At("ten: [ỦY BAN", 8),
        ),
        (
            "comma-in-braces",
            rep("{ten: Văn phòng - thống kê,", "{ten: Văn phòng, thống kê,"),
            "cần chữ có dấu phẩy bên trong ngoặc { } đặt trong dấu nháy kép, ví dụ `{ten: \"Văn phòng, thống kê\"}`; gặp chữ sau dấu phẩy bị YAML đọc thành một trường tên `thống kê`",
            Line("{ten: Văn phòng, thống kê,"),
        ),
        (
            "colon-in-list-text",
            rep("  - \"Thực hiện Kế hoạch số 4032", "  - Căn cứ: \"Thực hiện Kế hoạch số 4032"),
            "dấu \": \" làm YAML đọc mục này thành `tên: giá trị`",
            Line("- Căn cứ:"),
        ),
        (
            "two-documents",
            rep("so: ~", "so: ~\n---"),
            "cần chỉ một văn bản YAML trong tệp: xóa dòng `---`, hoặc đặt nó trong dấu nháy kép nếu là nội dung; gặp dòng `---` chia tệp thành hai văn bản YAML",
            At("---", 1),
        ),
        (
            "bracket-opening-dropped",
            rep("chu_tri: [vptk, ktns]", "chu_tri: vptk, ktns]"),
            "gặp ngoặc ] không có ngoặc [ mở (\"vptk, ktns]\")",
            Line("chu_tri: vptk, ktns]"),
        ),
        // Issue 14 §5: an invisible direction control, raw or escaped.
        (
            "direction-control",
            line("dia_danh:", "dia_danh: Phú\u{202E}Sơn"),
            "gặp ký tự ẩn điều khiển hướng chữ U+202E",
            At("dia_danh:", 14),
        ),
        (
            "direction-isolate-escaped",
            line("dia_danh:", "dia_danh: \"Phú \\u2067Sơn\""),
            "cần chữ không có ký tự ẩn điều khiển hướng chữ: xóa ký tự đó",
            At("dia_danh:", 11),
        ),
    ];
    for (n, e, msg, loc) in syntax {
        v.push(case(&format!("syntax-{n}"), e, msg, loc, 1));
    }
    // --- Wrong types.
    let types: Vec<(&str, Edit, &'static str, Loc)> = vec![
        ("so-word", rep("so: ~", "so: mười hai"), "cần một số nguyên không âm", Line("so: mười")),
        ("so-negative", rep("so: ~", "so: -3"), "số nguyên không âm", Line("so: -3")),
        ("so-float", rep("so: ~", "so: 1.5"), "số nguyên", Line("so: 1.5")),
        ("so-list", rep("so: ~", "so: [1, 2]"), "số nguyên", Line("so: [1")),
        ("so-huge", rep("so: ~", "so: 99999999999999999999999"), "quá lớn", Line("so: 999")),
        ("year-huge", rep("nam: 2023}", "nam: 99999999999999999999999}"), "quá lớn", Line("ngay:")),
        ("year-text", rep("nam: 2023}", "nam: hai nghìn}"), "số nguyên", Line("ngay:")),
        ("month-text", rep("thang: 12,", "thang: mười hai,"), "số nguyên", Line("ngay:")),
        // Written d/m/y as report files are (issue 14 §8): read, then a day that does not
        // exist is said to be one.
        ("ngay-string", line("ngay:", "ngay: 31/02/2025"), "trường `ngay`: cần một ngày có thật, gặp ngày 31 tháng 2 năm 2025", Line("ngay:")),
        ("ngay-word", line("ngay:", "ngay: hôm nay"), "trường `ngay`: cần ngày có thật viết dạng ngày/tháng/năm (ví dụ 18/6/2025) hoặc bảng {ngay: 18, thang: 6, nam: 2025}; gặp \"hôm nay\"", Line("ngay:")),
        ("ten-not-list", rep("  ten: [ỦY BAN NHÂN DÂN, PHƯỜNG PHÚ SƠN]", "  ten: {a: 1}"), "danh sách", Line("  ten: {a")),
        ("ky-string", rep("ky:\n  hinh_thuc: TM", "ky: Chủ tịch\nky_cu:\n  hinh_thuc: TM"), "", Any),
        ("co-chu-text", rep("so: ~", "so: ~\ntrinh_bay: {co_chu: lớn}"), "một số", Line("trinh_bay:")),
        ("gian-dong-list", rep("so: ~", "so: ~\ntrinh_bay: {gian_dong: [1]}"), "một số", Line("trinh_bay:")),
        ("so-trang-text", rep("so: ~", "so: ~\ntrinh_bay: {so_trang_dau_phu_luc: có}"), "true hoặc false", Line("trinh_bay:")),
        ("noi-nhan-number", rep("  - UBND thị xã", "  - 5"), "", Any),
        ("mo-dau-map", rep("mo_dau:\n", "mo_dau:\n  - {a: b}\n"), "", Any),
        ("luu-map", line("luu:", "luu: {a: b}"), "danh sách", Line("luu:")),
        ("nhiem-vu-string", rep("            nhiem_vu:\n              - id: par-chi-dao-kiem-tra", "            nhiem_vu: không\n            x_nv:\n              - id: par-chi-dao-kiem-tra"), "", Any),
    ];
    for (n, e, msg, loc) in types {
        v.push(case(&format!("type-{n}"), e, msg, loc, 1));
    }
    // --- Unknown fields at every level: named, with the allowed ones.
    let unknown: Vec<(&str, &'static str, &'static str)> = vec![
        ("top", "so: ~", "so: ~\ndia_dan: x"),
        (
            "co-quan",
            "  viet_tat: UBND",
            "  viet_tat: UBND\n  ten_ngan: x",
        ),
        (
            "ky",
            "  chuc_vu: Chủ tịch",
            "  chuc_vu: Chủ tịch\n  chu_ky: x",
        ),
        (
            "unit",
            "  ca: {ten: Công an phường, ngan: Công an phường}",
            "  ca: {ten: Công an phường, ngan: Công an phường, viet: x}",
        ),
        (
            "nhan",
            "  chu_tri: Công chức tham mưu",
            "  chu_tri: Công chức tham mưu\n  khac: x",
        ),
        (
            "task",
            "                han: Hằng quý",
            "                han: Hằng quý\n                hạn: x",
        ),
        (
            "item",
            "  - tieu_de: MỤC ĐÍCH, YÊU CẦU",
            "  - tieu_de: MỤC ĐÍCH, YÊU CẦU\n    tieude: x",
        ),
        (
            "appendix",
            "    chi_so: par-index\n",
            "    chi_so: par-index\n    ghi_chu: x\n",
        ),
        ("trinh-bay", "so: ~", "so: ~\ntrinh_bay: {le_trai: 30}"),
        ("le", "so: ~", "so: ~\ntrinh_bay: {le: {left: 30}}"),
        (
            "phong-chu",
            "so: ~",
            "so: ~\ntrinh_bay: {phong_chu: {regular: a.ttf}}",
        ),
        ("ngay", "nam: 2023}", "nam: 2023, gio: 8}"),
    ];
    for (n, from, to) in unknown {
        v.push(case(
            &format!("unknown-{n}"),
            rep(from, to),
            "trường không có trong mẫu",
            Any,
            1,
        ));
    }
    // --- Missing required fields.
    for (n, prefix, field) in [
        ("loai", "loai:", "`loai`"),
        ("dia-danh", "dia_danh:", "`dia_danh`"),
        ("trich-yeu", "trich_yeu:", "`trich_yeu`"),
        ("ten-day-du", "ten_day_du:", "`ten_day_du`"),
        ("viet-tat", "viet_tat:", "`viet_tat`"),
        ("chuc-vu", "chuc_vu:", "`chuc_vu`"),
        ("ho-ten", "ho_ten:", "`ho_ten`"),
        ("hinh-thuc", "hinh_thuc:", "`hinh_thuc`"),
        ("ngay", "ngay: {ngay", "`ngay`"),
    ] {
        v.push(case(
            &format!("missing-{n}"),
            line(prefix, ""),
            field,
            Any,
            1,
        ));
    }
    // --- Enumerations.
    for (n, e, msg) in [
        ("loai", line("loai:", "loai: cong-van"), "ke-hoach"),
        ("hinh-thuc", line("hinh_thuc:", "hinh_thuc: XYZ"), "TM"),
        (
            "so-phu-luc",
            rep("so: ~", "so: ~\ntrinh_bay: {so_phu_luc: abc}"),
            "la-ma",
        ),
        (
            "kem-theo",
            rep("phu_luc_kem_theo: tat-ca", "phu_luc_kem_theo: 5"),
            "",
        ),
    ] {
        v.push(case(&format!("enum-{n}"), e, msg, Any, 1));
    }
    // --- References and values only validation sees.
    let refs: Vec<(&str, Edit, &'static str, Loc)> = vec![
        (
            "unit",
            rep("chu_tri: tpht", "chu_tri: tphtt"),
            "mã đơn vị có trong `don_vi`",
            Line("chu_tri: tphtt"),
        ),
        (
            "unit-list",
            rep("chu_tri: tpht", "chu_tri: [tpht, xyz]"),
            "`xyz`",
            Line("chu_tri: [tpht, xyz]"),
        ),
        (
            "unit-empty",
            rep("chu_tri: tpht", "chu_tri: []"),
            "ít nhất một đơn vị",
            Line("chu_tri: []"),
        ),
        (
            "appendix-ref",
            rep("phu_luc_kem_theo: tat-ca", "phu_luc_kem_theo: [khong-co]"),
            "khong-co",
            Line("phu_luc_kem_theo:"),
        ),
        (
            "index",
            rep("chi_so: [par-index, sipas]", "chi_so: [par-index, sipaz]"),
            "mã chỉ số",
            Line("sipaz"),
        ),
        (
            "duplicate-id",
            rep("- id: par-sang-kien", "- id: par-chi-dao-kiem-tra"),
            "par-chi-dao-kiem-tra",
            Any,
        ),
        ("empty-text", line("dia_danh:", "dia_danh: \"\""), "", Any),
        (
            "tilde-text",
            line("dia_danh:", "dia_danh: ~"),
            "trường `dia_danh`: cần một đoạn chữ; gặp `~`",
            Line("dia_danh:"),
        ),
        (
            "null-text",
            rep("ho_ten: Nguyễn Xuân Lâm", "ho_ten: null"),
            "trường `ky.ho_ten`: cần một đoạn chữ; gặp `null`",
            Line("ho_ten:"),
        ),
        (
            "blank-unit",
            rep("chu_tri: tpht", "chu_tri: \" \""),
            "",
            Any,
        ),
    ];
    for (n, e, msg, loc) in refs {
        v.push(case(&format!("ref-{n}"), e, msg, loc, 1));
    }
    // --- Dates and Decree 30 ranges.
    for (n, e, msg) in [
        (
            "day-31-feb",
            line("ngay:", "ngay: {ngay: 31, thang: 2, nam: 2024}"),
            "",
        ),
        (
            "day-30-feb",
            line("ngay:", "ngay: {ngay: 30, thang: 2, nam: 2023}"),
            "",
        ),
        (
            "month-13",
            line("ngay:", "ngay: {ngay: 1, thang: 13, nam: 2023}"),
            "",
        ),
        (
            "day-0",
            line("ngay:", "ngay: {ngay: 0, thang: 1, nam: 2023}"),
            "",
        ),
        (
            "margin-top",
            rep("so: ~", "so: ~\ntrinh_bay: {le: {tren: 5}}"),
            "Nghị định 30",
        ),
        (
            "margin-left",
            rep("so: ~", "so: ~\ntrinh_bay: {le: {trai: 50}}"),
            "Nghị định 30",
        ),
        (
            "size",
            rep("so: ~", "so: ~\ntrinh_bay: {co_chu: 20}"),
            "Nghị định 30",
        ),
        (
            "spacing",
            rep("so: ~", "so: ~\ntrinh_bay: {gian_dong: 3}"),
            "Nghị định 30",
        ),
        (
            "indent",
            rep("so: ~", "so: ~\ntrinh_bay: {thut_dau_dong: 50}"),
            "Nghị định 30",
        ),
    ] {
        v.push(case(&format!("range-{n}"), e, msg, Any, 1));
    }
    // --- Encodings.
    let seed = std::fs::read_to_string(root().join(SEED).join("plan.yaml")).unwrap();
    let utf16 = |be: bool, bom: bool| {
        let mut b: Vec<u8> = Vec::new();
        if bom {
            b.extend(if be { [0xFE, 0xFF] } else { [0xFF, 0xFE] });
        }
        for u in seed.encode_utf16() {
            b.extend(if be { u.to_be_bytes() } else { u.to_le_bytes() });
        }
        b
    };
    v.push(case(
        "utf16-le",
        Edit::Bytes(utf16(false, true)),
        "UTF-16",
        Any,
        1,
    ));
    v.push(case(
        "utf16-be",
        Edit::Bytes(utf16(true, true)),
        "UTF-16",
        Any,
        1,
    ));
    v.push(case(
        "utf16-no-bom",
        Edit::Bytes(utf16(false, false)),
        "UTF-16",
        Any,
        1,
    ));
    let mut tcvn = seed.clone().into_bytes();
    let at = seed.find("Phú Sơn").unwrap();
    tcvn.splice(at..at + 3, [b'P', b'h', 0xF3]);
    v.push(case("legacy-8bit", Edit::Bytes(tcvn), "TCVN3", Any, 1));
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend(seed.as_bytes());
    v.push(case("utf8-bom", Edit::Bytes(bom), "", Any, 0));
    use unicode_normalization::UnicodeNormalization;
    v.push(case(
        "nfd",
        Edit::Bytes(seed.nfd().collect::<String>().into_bytes()),
        "",
        Any,
        0,
    ));
    // --- Empty files, sizes, bombs.
    for (n, b) in [
        ("empty", ""),
        ("blank", "\n\n  \n"),
        ("comments", "# ghi chú\n# nữa\n"),
        ("dashes", "---\n"),
    ] {
        v.push(case(
            &format!("empty-{n}"),
            Edit::Bytes(b.into()),
            "tệp trống",
            Any,
            1,
        ));
    }
    let mut big = seed.clone().into_bytes();
    big.extend(std::iter::repeat_n(b'#', 17 * 1024 * 1024));
    v.push(case("too-big", Edit::Bytes(big), "nhỏ hơn 16 MB", Any, 1));
    let mut bomb = String::from("x0: &a0 [1,1,1,1,1,1,1,1,1]\n");
    for i in 1..10 {
        let p = i - 1;
        bomb.push_str(&format!(
            "x{i}: &a{i} [*a{p},*a{p},*a{p},*a{p},*a{p},*a{p},*a{p},*a{p},*a{p}]\n"
        ));
    }
    // Against the plan's types a bomb stops at its first unknown field, before any expansion.
    v.push(case(
        "alias-bomb",
        Edit::Bytes(bomb.into_bytes()),
        "`x0`",
        Any,
        1,
    ));
    let deep = format!("{}1{}", "[".repeat(5000), "]".repeat(5000));
    v.push(case(
        "deep-nesting",
        Edit::Bytes(format!("loai: {deep}\n").into_bytes()),
        "",
        Any,
        1,
    ));
    v.push(case(
        "binary",
        Edit::Bytes((0u8..=255).cycle().take(4000).collect()),
        "",
        Any,
        1,
    ));
    // --- Fonts.
    for (n, path, msg) in [
        ("dev-zero", "/dev/zero", "không phải tệp thường"),
        ("directory", "/tmp", "thư mục"),
        ("missing", "khong-co.ttf", "không tìm thấy"),
        ("not-a-font", "plan.yaml", "phông"),
    ] {
        let e = line(
            "so:",
            &format!("so: ~\ntrinh_bay:\n  phong_chu:\n    thuong: \"{path}\""),
        );
        v.push(case(&format!("font-{n}"), e, msg, Any, 1));
    }
    // --- Builds that pass, some with a warning that names the line.
    let passing: Vec<(&str, Edit, &'static str, Loc)> = vec![
        (
            "comment-cut",
            line("dia_danh:", "dia_danh: Phú Sơn #2"),
            "bị YAML coi là ghi chú",
            Line("dia_danh:"),
        ),
        (
            "comment-spaced",
            line("dia_danh:", "dia_danh: Phú Sơn  # ghi chú"),
            "",
            Any,
        ),
        (
            "unit-case",
            rep("chu_tri: tpht", "chu_tri: Tpht"),
            "viết thường",
            Line("chu_tri: Tpht"),
        ),
        (
            "unit-upper",
            rep("chu_tri: vptk", "chu_tri: VPTK"),
            "viết thường",
            Line("chu_tri: VPTK"),
        ),
        (
            "emoji",
            line("dia_danh:", "dia_danh: \"Phú Sơn 😀\""),
            "U+1F600",
            At("dia_danh:", 11),
        ),
        (
            "cjk",
            line("dia_danh:", "dia_danh: 富山"),
            "U+5BCC",
            At("dia_danh:", 11),
        ),
        (
            "symbols",
            line("dia_danh:", "dia_danh: \"Phú Sơn ✓ ☐ ① → ★\""),
            "",
            Any,
        ),
        ("so-07", rep("so: ~", "so: 07"), "", Any),
        ("so-08", rep("so: ~", "so: 08"), "", Any),
        ("month-08", rep("thang: 12,", "thang: 08,"), "", Any),
        (
            "tab-escape",
            line("dia_danh:", "dia_danh: \"Phú\\tSơn\""),
            "",
            Any,
        ),
        (
            "line-separator",
            line("dia_danh:", "dia_danh: \"Phú\\LSơn\\PThanh Hóa\""),
            "",
            Any,
        ),
        (
            "raw-line-separator",
            line("dia_danh:", "dia_danh: Phú\u{2028}Sơn"),
            "",
            Any,
        ),
        (
            "markup-lt",
            line("dia_danh:", "dia_danh: \"a < b & c > d\""),
            "",
            Any,
        ),
        (
            "markup-tags",
            line("dia_danh:", "dia_danh: \"<b>Phú</b> <section/>\""),
            "",
            Any,
        ),
        (
            "tera-braces",
            line("dia_danh:", "dia_danh: \"{{ x }} {% if %}\""),
            "",
            Any,
        ),
        (
            "quotes",
            line("dia_danh:", "dia_danh: \"\\\"Phú\\\" 'Sơn'\""),
            "",
            Any,
        ),
        (
            "crlf",
            Edit::Bytes(seed.replace('\n', "\r\n").into_bytes()),
            "",
            Any,
        ),
        (
            "margin-one",
            rep("so: ~", "so: ~\ntrinh_bay: {le: {trai: 35}}"),
            "",
            Any,
        ),
        (
            "long-word",
            line("dia_danh:", &format!("dia_danh: {}", "x".repeat(3000))),
            "",
            Any,
        ),
        (
            "zwj-bom-inside",
            line("dia_danh:", "dia_danh: \"Phú\u{feff}Sơn\""),
            "",
            Any,
        ),
    ];
    for (n, e, msg, loc) in passing {
        v.push(case(&format!("pass-{n}"), e, msg, loc, 0));
    }
    // --- Progress data (report), loaded by the same parser.
    for (n, from, to, msg, loc, code) in [
        (
            "escape",
            "so: 88",
            "so: 88\ntrich_yeu: \"a\\x01b\"",
            "ký tự điều khiển",
            Any,
            1,
        ),
        (
            "duplicate",
            "so: 88",
            "so: 88\nso: 89",
            "ghi lần thứ hai",
            At("so: 89", 1),
            1,
        ),
        (
            "task-twice",
            "  papi-de-an-06-an-ninh-trat-tu:",
            "  par-sang-kien: {trang_thai: chưa thực hiện}\n  papi-de-an-06-an-ninh-trat-tu:",
            "trường `tien_do.par-sang-kien`: cần mỗi mã chỉ ghi một lần trong `tien_do`; xóa hoặc gộp một trong hai; gặp `par-sang-kien` ghi lần thứ hai (lần đầu ở dòng 166)",
            At("par-sang-kien: {trang_thai: chưa", 3),
            1,
        ),
        (
            "status",
            "trang_thai: hoàn thành",
            "trang_thai: xong rồi",
            "trường `tien_do.par-sang-kien.trang_thai`: cần trạng thái là một trong: hoàn thành, đang thực hiện, chưa thực hiện; gặp \"xong rồi\"",
            At("trang_thai: xong rồi", 17),
            1,
        ),
        (
            "done-day",
            "ngay_hoan_thanh: 28/8/2024",
            "ngay_hoan_thanh: 31/2/2024",
            "trường `tien_do.par-sang-kien.ngay_hoan_thanh`: cần ngày có thật viết dạng ngày/tháng/năm (ví dụ 12/3/2024); gặp \"31/2/2024\"",
            At("ngay_hoan_thanh: 31/2/2024", 22),
            1,
        ),
        (
            "unknown-task",
            "  par-sang-kien:",
            "  par-sang-kienn:",
            "par-sang-kien",
            Any,
            1,
        ),
        ("syntax", "so: 88", "so: 88: 89", "dấu nháy kép", Any, 1),
        // Every error of a file in one run (issue 14 §3): a bad date and a mistyped field,
        // each read back from the same run; the field gets the nearest name.
        (
            "all-errors-date",
            "ngay:\n  ngay: 16\n  thang: 9\n  nam: 2024",
            "ngay: 31/9/2024x\nmo_dauu: Mở đầu",
            "trường `ngay`: cần ngày có thật viết dạng ngày/tháng/năm (ví dụ 18/6/2025) hoặc bảng {ngay: 18, thang: 6, nam: 2025}; gặp \"31/9/2024x\"",
            At("ngay: 31/9/2024x", 7),
            1,
        ),
        (
            "all-errors-field",
            "ngay:\n  ngay: 16\n  thang: 9\n  nam: 2024",
            "ngay: 31/9/2024x\nmo_dauu: Mở đầu",
            "gặp trường không có trong mẫu `mo_dauu` (có phải `mo_dau`?)",
            At("mo_dauu: Mở đầu", 1),
            1,
        ),
        (
            "date-not-a-day",
            "ngay:\n  ngay: 16\n  thang: 9\n  nam: 2024",
            "ngay: 31/9/2024",
            "trường `ngay`: cần một ngày có thật, gặp ngày 31 tháng 9 năm 2024",
            Line("ngay: 31/9/2024"),
            1,
        ),
        (
            "missing-colon-task",
            "  par-sang-kien:",
            "  par-sang-kien",
            "gặp dòng 166: thiếu dấu hai chấm sau `par-sang-kien`?",
            At("  par-sang-kien", 16),
            1,
        ),
        (
            "missing-colon-field",
            "trang_thai: hoàn thành",
            "trang_thai hoàn thành",
            "thiếu dấu hai chấm sau `trang_thai`?",
            Line("trang_thai hoàn thành"),
            1,
        ),
        (
            "unclosed-quote",
            "so: 88",
            "so: 88\ntrich_yeu: \"Báo cáo quý III",
            "dấu nháy chưa đóng",
            At("trich_yeu: \"Báo", 12),
            1,
        ),
        (
            "comma-in-braces",
            "so: 88",
            "so: 88\nnoi_nhan:\n- {ten: TTr Đảng ủy, HĐND phường, de: b/c}",
            "`{ten: \"TTr Đảng ủy, HĐND phường\"}`",
            Line("TTr Đảng ủy, HĐND phường, de"),
            1,
        ),
        (
            "direction-control",
            "so: 88",
            "so: 88\ntrich_yeu: Duy trì \u{2066}tuần tra",
            "gặp ký tự ẩn điều khiển hướng chữ U+2066",
            At("trich_yeu: Duy", 20),
            1,
        ),
        ("so-07", "so: 88", "so: 07", "", Any, 0),
        (
            "date-as-text",
            "ngay:\n  ngay: 16\n  thang: 9\n  nam: 2024",
            "ngay: 16/9/2024",
            "",
            Any,
            0,
        ),
    ] {
        v.push(case(
            &format!("report-{n}"),
            Edit::Report(from, to),
            msg,
            loc,
            code,
        ));
    }
    // --- Command line and output folder.
    let cli: Vec<(&str, Vec<&'static str>, &'static str, i32)> = vec![
        (
            "out-is-file",
            vec!["build", "{dir}", "-o", "{dir}/plan.yaml"],
            "không phải thư mục",
            2,
        ),
        (
            "format-upper",
            vec!["build", "{dir}", "--format", "PDF", "-o", "{out}"],
            "",
            0,
        ),
        (
            "format-bad",
            vec!["build", "{dir}", "--format", "odt", "-o", "{out}"],
            "docx, pdf, xlsx, all",
            2,
        ),
        (
            "command-typo",
            vec!["biuld", "{dir}"],
            "có phải `build`?",
            2,
        ),
        (
            "flag-typo",
            vec!["build", "--fromat", "pdf", "{dir}"],
            "có phải `--format`?",
            2,
        ),
        (
            "no-plan",
            vec!["build", "{dir}/khong-co", "-o", "{out}"],
            "không tìm thấy",
            1,
        ),
        (
            "period-bad",
            vec!["report", "{dir}", "--ky", "2024-Q5", "-o", "{out}"],
            "kỳ báo cáo",
            2,
        ),
        (
            "templates-missing",
            vec![
                "build",
                "{dir}",
                "--templates",
                "{dir}/khong-co",
                "-o",
                "{out}",
            ],
            "không tìm thấy",
            1,
        ),
        ("check-ok", vec!["check", "{dir}"], "", 0),
        // A period's file checks the plan and that period (issue 14 §8), not read as a plan.
        ("check-period", vec!["check", "{dir}/bao-cao/2024-9t.yaml"], "", 0),
        (
            "check-period-missing",
            vec!["check", "{dir}/bao-cao/2025-q1.yaml"],
            "cần dữ liệu kỳ quý I năm 2025 (2025-q1): tệp 2025-q1.yaml hoặc thư mục 2025-q1/; gặp chỉ có các kỳ: 2024-q1, 2024-6t, 2024-9t, 2024",
            1,
        ),
    ];
    for (n, args, msg, code) in cli {
        let mut c = case(&format!("cli-{n}"), Edit::None, msg, Any, code);
        c.args = args;
        v.push(c);
    }
    v
}

fn prepare(c: &Case, dir: &Path) {
    let seed = root().join(SEED);
    let plan = std::fs::read_to_string(seed.join("plan.yaml")).unwrap();
    copy_dir(&seed.join("bao-cao"), &dir.join("bao-cao"));
    let text: Vec<u8> = match &c.edit {
        Edit::Replace(from, to) => {
            assert!(
                plan.contains(from),
                "{}: fixture text not in seed: {from}",
                c.name
            );
            plan.replacen(from, to, 1).into_bytes()
        }
        Edit::Line(prefix, new) => {
            let mut hit = false;
            let lines: Vec<String> = plan
                .lines()
                .filter_map(|l| {
                    let t = l.trim_start();
                    if !hit && t.starts_with(prefix) {
                        hit = true;
                        if new.is_empty() {
                            return None;
                        }
                        let indent = &l[..l.len() - t.len()];
                        return Some(
                            new.lines()
                                .map(|n| format!("{indent}{n}"))
                                .collect::<Vec<_>>()
                                .join("\n"),
                        );
                    }
                    Some(l.to_string())
                })
                .collect();
            assert!(hit, "{}: no line starts with {prefix}", c.name);
            (lines.join("\n") + "\n").into_bytes()
        }
        Edit::Bytes(b) => b.clone(),
        Edit::Report(from, to) => {
            let p = dir.join("bao-cao").join("2024-9t.yaml");
            let r = std::fs::read_to_string(&p).unwrap();
            assert!(r.contains(from), "{}: not in report data: {from}", c.name);
            std::fs::write(&p, r.replacen(from, to, 1)).unwrap();
            plan.into_bytes()
        }
        Edit::None => plan.into_bytes(),
    };
    std::fs::write(dir.join("plan.yaml"), text).unwrap();
}

/// The 1-based line of the first line containing `needle` in the case's data file.
fn line_of(c: &Case, dir: &Path, needle: &str) -> usize {
    let file = match c.edit {
        Edit::Report(..) => dir.join("bao-cao").join("2024-9t.yaml"),
        _ => dir.join("plan.yaml"),
    };
    let s = String::from_utf8_lossy(&std::fs::read(file).unwrap()).into_owned();
    s.lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("{}: no line holds {needle}", c.name))
        + 1
}

/// Every output a passing case wrote: each DOCX part parsed strictly, each PDF parsed, each
/// XLSX sheet read.
fn check_outputs(name: &str, out: &Path) -> Result<(), String> {
    let Ok(entries) = std::fs::read_dir(out) else {
        return Ok(());
    };
    for e in entries {
        let p = e.unwrap().path();
        let bytes = std::fs::read(&p).unwrap();
        match p.extension().and_then(|x| x.to_str()) {
            Some("docx") => {
                for part_name in part_names(&bytes) {
                    if part_name.ends_with(".xml") || part_name.ends_with(".rels") {
                        let xml = part(&bytes, &part_name);
                        roxmltree::Document::parse(&xml)
                            .map_err(|e| format!("{name}: {part_name} is not XML: {e}"))?;
                    }
                }
            }
            Some("pdf") => {
                let doc = lopdf::Document::load_mem(&bytes)
                    .map_err(|e| format!("{name}: PDF does not parse: {e}"))?;
                if doc.get_pages().is_empty() {
                    return Err(format!("{name}: PDF has no page"));
                }
            }
            Some("xlsx") => {
                use calamine::Reader;
                let mut book: calamine::Xlsx<_> =
                    calamine::open_workbook_from_rs(std::io::Cursor::new(bytes))
                        .map_err(|e| format!("{name}: XLSX does not open: {e}"))?;
                for sheet in book.sheet_names() {
                    book.worksheet_range(&sheet)
                        .map_err(|e| format!("{name}: sheet {sheet} does not read: {e}"))?;
                }
            }
            _ => {}
        }
    }
    Ok(())
}

fn run(c: &Case, base: &Path) -> Result<(), String> {
    let dir = base.join(&c.name);
    std::fs::create_dir_all(&dir).unwrap();
    prepare(c, &dir);
    let out = dir.join("out");
    let args: Vec<String> = c
        .args
        .iter()
        .map(|a| {
            a.replace("{dir}", dir.to_str().unwrap())
                .replace("{out}", out.to_str().unwrap())
        })
        .collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = vanban(&args);
    let err = stderr(&o);
    let code = o.status.code();
    if code != Some(c.code) {
        return Err(format!(
            "{}: exit {code:?}, expected {}:\n{err}",
            c.name, c.code
        ));
    }
    if !err.contains(c.expect) {
        return Err(format!(
            "{}: message lacks \"{}\":\n{err}",
            c.name, c.expect
        ));
    }
    if c.code != 0 {
        // Every failure is explained in Vietnamese, never with a panic or English OS text.
        for bad in [
            "panicked",
            "os error",
            "invalid type",
            "unknown field",
            "at line",
            "Error",
            "could not",
            "did not",
            "expected",
            "while ",
            "kỹ thuật",
        ] {
            if err.contains(bad) {
                return Err(format!("{}: message shows \"{bad}\":\n{err}", c.name));
            }
        }
        if !err.contains("lỗi") {
            return Err(format!("{}: no \"lỗi\" line:\n{err}", c.name));
        }
    }
    let want = match c.loc {
        Loc::Any => None,
        Loc::Line(n) => Some(format!(":{}:", line_of(c, &dir, n))),
        Loc::At(n, col) => Some(format!(":{}:{col}:", line_of(c, &dir, n))),
    };
    if let Some(w) = want {
        if !err.contains(&w) {
            return Err(format!("{}: message not at {w}:\n{err}", c.name));
        }
    }
    if c.code == 0 {
        check_outputs(&c.name, &out)?;
    }
    Ok(())
}

#[test]
fn broken_inputs_get_located_vietnamese_messages() {
    let cases = cases();
    assert!(cases.len() >= 150, "{} cases", cases.len());
    let base: PathBuf = scratch("corpus");
    let next = std::sync::atomic::AtomicUsize::new(0);
    let failures = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..3 {
            s.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(c) = cases.get(i) else { break };
                if let Err(e) = run(c, &base) {
                    failures.lock().unwrap().push(e);
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap();
    let _ = std::fs::remove_dir_all(&base);
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}
