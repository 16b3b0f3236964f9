//! `vanban report … --format xlsx`: the report's tables as a workbook, read back with
//! calamine and held against the DOCX written beside it (the seed's four Phú Sơn reports and
//! generated report cases, tests/common/shapes.rs `report_case`): cells are numbers, not
//! text; Biểu 06's total row is the DOCX's and the sum of its rows, written as formulas with
//! their results; one progress row per tracked item with the status the DOCX appendix shows;
//! "Thông tin" names the body, period and cut-off; same input, same bytes. LibreOffice reads
//! the same totals (skipped where it is missing, as tests/libreoffice_parity.rs).

mod common;

use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;
use common::shapes::{self, Case};
use common::*;
use std::io::Cursor;
use std::path::Path;

type Book = Xlsx<Cursor<Vec<u8>>>;

fn open(path: &Path) -> Book {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    calamine::open_workbook_from_rs(Cursor::new(bytes)).expect("an XLSX calamine reads")
}

fn rows(book: &mut Book, sheet: &str) -> Vec<Vec<Data>> {
    let range = book
        .worksheet_range(sheet)
        .unwrap_or_else(|e| panic!("{sheet}: {e}"));
    assert_eq!(range.start(), Some((0, 0)), "{sheet} starts at A1");
    range.rows().map(|r| r.to_vec()).collect()
}

fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => panic!("text, not {other:?}"),
    }
}

/// A cell that must be a number (a formula's stored result is one too).
fn number(d: &Data, at: &str) -> f64 {
    match d {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        other => panic!("{at}: a number, not {other:?}"),
    }
}

/// Excel's serial number of a day (days since 30/12/1899).
fn serial(d: NaiveDate) -> f64 {
    (d - NaiveDate::from_ymd_opt(1899, 12, 30).unwrap()).num_days() as f64
}

fn date(d: &Data, at: &str) -> f64 {
    match d {
        Data::DateTime(x) => x.as_f64(),
        other => panic!("{at}: a date, not {other:?}"),
    }
}

/// "1.234" → 1234.
fn count(s: &str) -> f64 {
    s.replace('.', "")
        .parse()
        .unwrap_or_else(|_| panic!("a count: {s:?}"))
}

/// "85,7%", "+15,8", "-3" → 85.7, 15.8, -3.
fn decimal(s: &str) -> f64 {
    s.trim_end_matches('%')
        .trim_start_matches('+')
        .replace(',', ".")
        .parse()
        .unwrap_or_else(|_| panic!("a decimal: {s:?}"))
}

fn docx_tables(path: &Path) -> Vec<Vec<Vec<String>>> {
    let docx = std::fs::read(path).unwrap();
    let xml = part(&docx, "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    tables(&doc).iter().map(table_texts).collect()
}

/// Biểu 06's rows, each a lĩnh vực and its 11 counts.
type TthcRows = Vec<(String, [u64; 11])>;

/// What one report's workbook says, beside the checks against its DOCX.
struct Read {
    sheets: Vec<String>,
    /// "Thông tin"'s data row.
    info: Vec<Data>,
    /// The progress list: (Mã, Trạng thái), in order.
    progress: Vec<(String, String)>,
    /// Biểu 06's body rows (lĩnh vực, 11 counts) and total row, when it has one.
    bieu_06: Option<(TthcRows, [u64; 11])>,
}

const BIEU_06_HEAD: [[&str; 13]; 3] = [
    [
        "STT",
        "Lĩnh vực, công việc giải quyết theo cấp",
        "Số hồ sơ nhận giải quyết",
        "",
        "",
        "",
        "Số hồ sơ đã giải quyết",
        "",
        "",
        "",
        "Số lượng hồ sơ đang giải quyết",
        "",
        "",
    ],
    [
        "",
        "",
        "Tổng số",
        "Trong đó",
        "",
        "Từ kỳ trước",
        "Tổng số",
        "Trước hạn",
        "Đúng hạn",
        "Quá hạn",
        "Tổng số",
        "Trong hạn",
        "Quá hạn",
    ],
    [
        "",
        "",
        "",
        "Trực tuyến",
        "Trực tiếp, dịch vụ bưu chính",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
    ],
];

/// Reads `<stem>.xlsx` in `out` and holds every table against `<stem>.docx`.
fn check_against_docx(out: &Path, stem: &str) -> Read {
    let tables = docx_tables(&out.join(format!("{stem}.docx")));
    let mut book = open(&out.join(format!("{stem}.xlsx")));
    let sheets = book.sheet_names();
    assert_eq!(
        sheets.first().map(String::as_str),
        Some("Thông tin"),
        "{stem}"
    );

    // Thông tin: one header row, one data row.
    let info = rows(&mut book, "Thông tin");
    assert_eq!(info.len(), 2, "{stem}: Thông tin stacks as one row");
    let head: Vec<String> = info[0].iter().map(text).collect();
    assert_eq!(
        head,
        [
            "Cơ quan báo cáo",
            "Kỳ báo cáo",
            "Mã kỳ",
            "Từ ngày",
            "Ngày chốt số liệu",
            "Số báo cáo",
            "Ngày báo cáo",
            "Kế hoạch"
        ],
        "{stem}"
    );
    let info = info[1].clone();
    assert_eq!(format!("bao-cao-{}", text(&info[2])), stem);
    assert!(date(&info[3], "Từ ngày") < date(&info[4], "Ngày chốt số liệu"));

    // The figures: the DOCX's Bảng by index and by unit, numbers as numbers.
    for (sheet, column) in [("Theo chỉ số", "Chỉ số"), ("Theo đơn vị", "Đơn vị chủ trì")]
    {
        let docx = tables
            .iter()
            .find(|t| t[0].len() > 1 && t[0][0] == "TT" && t[0][1] == column);
        assert_eq!(
            docx.is_some(),
            sheets.iter().any(|s| s == sheet),
            "{stem}: {sheet} only when the DOCX has its table"
        );
        let Some(docx) = docx else { continue };
        let x = rows(&mut book, sheet);
        let head: Vec<String> = x[0].iter().map(text).collect();
        assert_eq!(head[..docx[0].len()], docx[0][..], "{stem}: {sheet}");
        assert_eq!(x.len(), docx.len(), "{stem}: {sheet} rows");
        let with_previous = docx[0].len() == 8;
        for (r, (xr, dr)) in x.iter().zip(docx).enumerate().skip(1) {
            let at = format!("{stem}: {sheet} row {}", r + 1);
            assert_eq!(number(&xr[0], &at), r as f64, "{at}");
            assert_eq!(text(&xr[1]), dr[1], "{at}");
            for c in 2..5 {
                assert_eq!(number(&xr[c], &at), count(&dr[c]), "{at} col {c}");
            }
            assert!(
                (number(&xr[5], &at) * 100.0 - decimal(&dr[5])).abs() < 1e-9,
                "{at}"
            );
            let mut next = 6;
            if with_previous {
                if dr[6].is_empty() {
                    assert_eq!((&xr[6], &xr[7]), (&Data::Empty, &Data::Empty), "{at}");
                } else {
                    assert!((number(&xr[6], &at) * 100.0 - decimal(&dr[6])).abs() < 1e-9);
                    assert!((number(&xr[7], &at) - decimal(&dr[7])).abs() < 1e-9, "{at}");
                }
                next = 8;
            }
            // Each status apart: they add up to the tasks counted.
            let parts: f64 = xr[next..next + 5].iter().map(|d| number(d, &at)).sum();
            assert_eq!(parts, number(&xr[2], &at), "{at}");
            assert_eq!(
                number(&xr[next], &at) + number(&xr[next + 1], &at),
                number(&xr[3], &at),
                "{at}: done on time and late"
            );
        }
    }

    // The progress list: the DOCX appendix's rows, in its order, one per tracked item.
    let appendix = tables.iter().find(|t| t[0] == PROGRESS_HEADER);
    assert_eq!(appendix.is_some(), sheets.iter().any(|s| s == "Tiến độ"));
    let mut progress = Vec::new();
    if let Some(appendix) = appendix {
        let docx_rows: Vec<&Vec<String>> =
            appendix.iter().skip(1).filter(|r| r.len() == 6).collect();
        let x = rows(&mut book, "Tiến độ");
        let head: Vec<String> = x[0].iter().map(text).collect();
        assert_eq!(
            head,
            [
                "Mã",
                "Nhiệm vụ",
                "Đơn vị chủ trì",
                "Thời hạn",
                "Trạng thái",
                "Ngày hoàn thành",
                "Tỷ lệ (%)",
                "Kết quả, sản phẩm"
            ]
        );
        assert_eq!(
            x.len() - 1,
            docx_rows.len(),
            "{stem}: one row per tracked item"
        );
        for (r, (xr, dr)) in x.iter().skip(1).zip(&docx_rows).enumerate() {
            let at = format!("{stem}: Tiến độ row {}", r + 2);
            assert_eq!(text(&xr[1]), dr[1].trim(), "{at}");
            assert_eq!(text(&xr[2]), dr[2], "{at}");
            let status = text(&xr[4]);
            assert!(
                dr[3] == status || dr[3].starts_with(&format!("{status} (")),
                "{at}: {status:?} against the DOCX's {:?}",
                dr[3]
            );
            assert_eq!(text(&xr[7]), dr[4], "{at}");
            if !matches!(xr[5], Data::Empty) {
                date(&xr[5], &at);
            }
            if !matches!(xr[6], Data::Empty) {
                let p = number(&xr[6], &at);
                assert!((0.0..=100.0).contains(&p), "{at}");
            }
            progress.push((text(&xr[0]), status));
        }
    }

    // Biểu 06: the DOCX's header, rows and total; the totals are sums, as formulas.
    let docx = tables
        .iter()
        .find(|t| t.last().is_some_and(|r| r[0] == "Tổng cộng"));
    assert_eq!(
        docx.is_some(),
        sheets.iter().any(|s| s == "Biểu 06"),
        "{stem}"
    );
    let bieu_06 = docx.map(|docx| {
        let x = rows(&mut book, "Biểu 06");
        for (r, want) in BIEU_06_HEAD.iter().enumerate() {
            let got: Vec<String> = x[r].iter().map(text).collect();
            assert_eq!(got, want, "{stem}: Biểu 06 header row {}", r + 1);
        }
        let numbers: Vec<String> = x[3].iter().map(text).collect();
        assert_eq!(
            numbers,
            (1..=13).map(|n| format!("({n})")).collect::<Vec<_>>()
        );
        let body = &x[4..x.len() - 1];
        let total = &x[x.len() - 1];
        let docx_body = &docx[4..docx.len() - 1];
        assert_eq!(body.len(), docx_body.len(), "{stem}: Biểu 06 rows");
        let mut rows_read = Vec::new();
        let mut sums = [0f64; 11];
        for (i, (xr, dr)) in body.iter().zip(docx_body).enumerate() {
            let at = format!("{stem}: Biểu 06 row {}", i + 5);
            assert_eq!(number(&xr[0], &at), (i + 1) as f64, "{at}");
            assert_eq!(text(&xr[1]), dr[1], "{at}");
            let mut counts = [0u64; 11];
            for c in 0..11 {
                let v = number(&xr[c + 2], &at);
                assert_eq!(v, count(&dr[c + 2]), "{at} col {}", c + 3);
                sums[c] += v;
                counts[c] = v as u64;
            }
            rows_read.push((text(&xr[1]), counts));
        }
        assert_eq!(text(&total[0]), "Tổng cộng");
        let mut totals = [0u64; 11];
        for c in 0..11 {
            let at = format!("{stem}: Biểu 06 total col {}", c + 3);
            let v = number(&total[c + 2], &at);
            assert_eq!(v, sums[c], "{at}: the sum of the rows");
            assert_eq!(v, count(&docx[docx.len() - 1][c + 1]), "{at}: the DOCX's");
            totals[c] = v as u64;
        }
        // Formulas with their results: the total row adds its column.
        let formulas = book.worksheet_formula("Biểu 06").unwrap();
        if !body.is_empty() {
            let row = (x.len() - 1) as u32;
            let f = formulas
                .get_value((row, 2))
                .unwrap_or_else(|| panic!("{stem}: no formula at C{}", row + 1));
            assert_eq!(f, &format!("SUM(C5:C{row})"), "{stem}");
            let f = formulas.get_value((4, 6)).expect("a row's Tổng số");
            assert_eq!(f, "SUM(H5:J5)", "{stem}");
        }
        // Merged as in the DOCX: STT and lĩnh vực over three rows, the groups over their
        // columns, "Tổng cộng" over two.
        let merged: Vec<((u32, u32), (u32, u32))> = book
            .merge_cells_by_sheet_name("Biểu 06")
            .unwrap()
            .iter()
            .map(|d| (d.start, d.end))
            .collect();
        let last = (x.len() - 1) as u32;
        for m in [
            ((0, 0), (2, 0)),
            ((0, 1), (2, 1)),
            ((0, 2), (0, 5)),
            ((0, 6), (0, 9)),
            ((0, 10), (0, 12)),
            ((1, 3), (1, 4)),
            ((1, 2), (2, 2)),
            ((last, 0), (last, 1)),
        ] {
            assert!(merged.contains(&m), "{stem}: merge {m:?} in {merged:?}");
        }
        (rows_read, totals)
    });
    Read {
        sheets,
        info,
        progress,
        bieu_06,
    }
}

fn report_all(plan: &Path, out: &Path, extra: &[&str]) {
    let mut args = vec!["report", plan.to_str().unwrap(), "--ky", "tat-ca"];
    args.extend_from_slice(extra);
    args.extend(["-o", out.to_str().unwrap()]);
    let o = vanban(&args);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn phu_son_reports_as_workbooks_agree_with_their_docx() {
    let dir = scratch("seed");
    report_all(&root().join(SEED), &dir, &[]);
    let q1_total = [676, 230, 436, 10, 665, 400, 264, 1, 11, 10, 1];
    for (stem, wording, cut_off) in [
        ("bao-cao-2024-q1", "quý I năm 2024", (2024, 3, 14)),
        ("bao-cao-2024-6t", "6 tháng đầu năm 2024", (2024, 6, 14)),
        ("bao-cao-2024-9t", "9 tháng năm 2024", (2024, 9, 14)),
        ("bao-cao-2024", "năm 2024", (2024, 12, 14)),
    ] {
        let read = check_against_docx(&dir, stem);
        assert_eq!(
            read.sheets,
            [
                "Thông tin",
                "Theo chỉ số",
                "Theo đơn vị",
                "Tiến độ",
                "Biểu 06"
            ],
            "{stem}"
        );
        assert_eq!(text(&read.info[0]), "Ủy ban nhân dân phường Phú Sơn");
        assert_eq!(text(&read.info[1]), wording);
        let cut = NaiveDate::from_ymd_opt(cut_off.0, cut_off.1, cut_off.2).unwrap();
        assert_eq!(date(&read.info[4], stem), serial(cut), "{stem}");
        assert_eq!(
            date(&read.info[3], stem),
            serial(NaiveDate::from_ymd_opt(2023, 12, 15).unwrap()),
            "{stem}: all four start on 15/12/2023"
        );
        assert!(
            text(&read.info[7]).starts_with("Kế hoạch số 189/KH-UBND"),
            "{stem}"
        );
        let ids: std::collections::HashSet<&str> =
            read.progress.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(ids.len(), read.progress.len(), "{stem}: each item once");
        if stem == "bao-cao-2024-q1" {
            assert_eq!(text(&read.info[5]), "15/BC-UBND");
            assert_eq!(read.bieu_06.as_ref().unwrap().1, q1_total);
        }
    }
}

/// 8 generated shapes, and seed 45: a plan that tracks nothing.
#[test]
fn generated_reports_as_workbooks_agree_with_their_docx_and_the_generator() {
    for seed in (0..8).chain([45]) {
        let case: Case = shapes::report_case(seed);
        let dir = scratch(&format!("case-{seed}"));
        let plan = dir.join("plan");
        case.write(&plan);
        let out = dir.join("out");
        report_all(&plan, &out, &[]);
        for want in &case.reports {
            let stem = format!("bao-cao-{}", want.key);
            let read = check_against_docx(&out, &stem);
            let at = format!("seed {seed}: {stem}");
            assert_eq!(text(&read.info[1]), want.wording, "{at}");
            assert_eq!(date(&read.info[4], &at), serial(want.cut_off), "{at}");
            // Every tracked item once, with the status the generator expects.
            let mut got: Vec<(String, String)> = read.progress.clone();
            got.sort();
            let mut expected: Vec<(String, String)> = (case.tracked.iter().zip(&want.status))
                .map(|(t, s)| (t.id.clone(), s.word().to_string()))
                .collect();
            expected.sort();
            assert_eq!(got, expected, "{at}");
            match (&read.bieu_06, want.tthc.is_empty()) {
                (Some((rows, total)), false) => {
                    assert_eq!(rows, &want.tthc, "{at}");
                    let mut sum = [0u64; 11];
                    for (_, r) in &want.tthc {
                        for c in 0..11 {
                            sum[c] += r[c];
                        }
                    }
                    assert_eq!(total, &sum, "{at}");
                }
                (Some((rows, _)), true) => assert!(rows.is_empty(), "{at}"),
                (None, empty) => assert!(empty, "{at}: no Biểu 06"),
            }
        }
    }
}

#[test]
fn same_input_gives_the_same_bytes_dated_by_the_cut_off() {
    let dir = scratch("same");
    let (a, b) = (dir.join("a"), dir.join("b"));
    for out in [&a, &b] {
        let o = vanban(&[
            "report",
            SEED,
            "--ky",
            "2024-6T",
            "--format",
            "xlsx",
            "--lam-lai",
            "-o",
            out.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let x = std::fs::read(a.join("bao-cao-2024-6t.xlsx")).unwrap();
    assert_eq!(x, std::fs::read(b.join("bao-cao-2024-6t.xlsx")).unwrap());
    let core = part(&x, "docProps/core.xml");
    assert!(core.contains("2024-06-14T00:00:00Z"), "{core}");
    // `--format xlsx` writes the workbook alone.
    let mut names: Vec<String> = std::fs::read_dir(&a)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    names.sort();
    assert_eq!(names, ["bao-cao-2024-6t.xlsx"]);
}

#[test]
fn xlsx_is_for_reports_only() {
    let dir = scratch("only");
    for args in [
        vec!["build", SEED, "--format", "xlsx"],
        vec!["build", SEED, "--phu-luc", "--format", "XLSX"],
        vec!["don-doc", SEED, "--ky", "2024-9T", "--format", "xlsx"],
    ] {
        let out = dir.join("out");
        let mut all = args.clone();
        all.extend(["-o", out.to_str().unwrap()]);
        let o = vanban(&all);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let e = stderr(&o);
        assert!(
            e.contains("`--format xlsx` chỉ dùng cho báo cáo (`vanban report`)"),
            "{args:?}: {e}"
        );
        assert!(!out.exists(), "{args:?}: nothing written");
    }
}

/// The CSV fields of one line (quoted fields with doubled quotes inside).
fn csv_fields(line: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                out.last_mut().unwrap().push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => out.push(String::new()),
            (c, _) => out.last_mut().unwrap().push(c),
        }
    }
    out
}

#[test]
fn libreoffice_reads_the_biểu_06_totals_of_the_docx() {
    if !common::libreoffice::calc_available() {
        return;
    }
    let dir = scratch("libreoffice");
    let out = dir.join("out");
    report_all(&root().join(SEED), &out, &[]);
    let csv = dir.join("csv");
    for stem in ["bao-cao-2024-q1", "bao-cao-2024"] {
        common::libreoffice::to_csv(&dir, &csv, &out.join(format!("{stem}.xlsx")));
        let text = std::fs::read_to_string(csv.join(format!("{stem}-Biểu 06.csv")))
            .unwrap_or_else(|e| panic!("{stem}: {e}"));
        let last = text.lines().last().unwrap();
        let fields = csv_fields(last);
        assert_eq!(fields[0], "Tổng cộng", "{stem}: {last}");
        let docx = docx_tables(&out.join(format!("{stem}.docx")));
        let want = docx
            .iter()
            .find(|t| t.last().is_some_and(|r| r[0] == "Tổng cộng"))
            .unwrap()
            .last()
            .unwrap();
        let got: Vec<f64> = fields[2..13]
            .iter()
            .map(|f| f.parse().unwrap_or_else(|_| panic!("{stem}: {f:?}")))
            .collect();
        let want: Vec<f64> = want[1..].iter().map(|s| count(s)).collect();
        assert_eq!(got, want, "{stem}");
    }
}

/// The workbook is one of the report's outputs for the skip logic: kept when nothing changed,
/// written again when it is gone, and a workbook of its own for `--format xlsx`.
#[test]
fn an_unchanged_report_keeps_its_workbook_and_a_missing_one_is_made_again() {
    let dir = scratch("skip");
    let out = dir.join("out");
    let run = || {
        let o = vanban(&[
            "report",
            SEED,
            "--ky",
            "2024-Q1",
            "-o",
            out.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    let first = run();
    assert!(first.contains("bao-cao-2024-q1.xlsx"), "{first}");
    let second = run();
    assert!(
        second.contains("không đổi, giữ nguyên") && !second.contains("đã ghi"),
        "{second}"
    );
    let xlsx = out.join("bao-cao-2024-q1.xlsx");
    let bytes = std::fs::read(&xlsx).unwrap();
    std::fs::remove_file(&xlsx).unwrap();
    let third = run();
    assert!(third.contains("đã ghi"), "{third}");
    assert_eq!(std::fs::read(&xlsx).unwrap(), bytes);
}
