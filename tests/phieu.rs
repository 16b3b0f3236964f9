//! `vanban phieu`: one XLSX progress form per lead unit, read back with calamine (as the
//! import will read them) and as zipped XML (protection, unlocked cells, validations).
//! Each form must list exactly the items its unit leads, pre-filled with the statuses the
//! period's report prints, carry a marker naming plan, period and unit, and come out the
//! same byte for byte from the same input.

mod common;
use calamine::{open_workbook, Data, Reader, Xlsx};
use common::shapes::{self, report_case};
use common::*;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Read as _;
use std::path::{Path, PathBuf};

const COLUMNS: [&str; 9] = [
    "Mã",
    "Nhiệm vụ",
    "Thời hạn",
    "Trạng thái",
    "Ngày hoàn thành",
    "Tỷ lệ (%)",
    "Kết quả",
    "Sản phẩm",
    "Khó khăn",
];

/// `vanban phieu <plan> --ky <ky> [extra…] -o <out>`.
fn phieu(plan: &Path, ky: &str, out: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["phieu", plan.to_str().unwrap(), "--ky", ky];
    args.extend_from_slice(extra);
    args.extend(["-o", out.to_str().unwrap()]);
    vanban(&args)
}

fn forms_in(dir: &Path) -> BTreeMap<String, PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), p))
        .collect()
}

/// A cell as text: numbers without a trailing ".0", dates as dd/mm/yyyy.
fn text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::DateTime(dt) => {
            let base = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap();
            let day = base + chrono::Days::new(dt.as_f64() as u64);
            day.format("%d/%m/%Y").to_string()
        }
        other => other.to_string(),
    }
}

/// A sheet as rows of cell texts, by absolute position (row 0 is the sheet's first row).
fn sheet(path: &Path, name: &str) -> Vec<Vec<String>> {
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    let range = wb.worksheet_range(name).unwrap();
    let (rows, cols) = range.end().map_or((0, 0), |(r, c)| (r + 1, c + 1));
    (0..rows)
        .map(|r| {
            (0..cols)
                .map(|c| range.get_value((r, c)).map_or(String::new(), text))
                .collect()
        })
        .collect()
}

fn sheet_names(path: &Path) -> Vec<String> {
    let wb: Xlsx<_> = open_workbook(path).unwrap();
    wb.sheet_names()
}

/// The table of "Tiến độ": the header row and the rows under it.
fn progress_table(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let rows = sheet(path, "Tiến độ");
    let head = rows
        .iter()
        .position(|r| r.first().is_some_and(|c| c == "Mã"))
        .unwrap_or_else(|| panic!("{}: no header row", path.display()));
    (rows[head].clone(), rows[head + 1..].to_vec())
}

fn marker(path: &Path) -> BTreeMap<String, String> {
    sheet(path, "_vanban")
        .into_iter()
        .map(|r| (r[0].clone(), r[1].clone()))
        .collect()
}

fn zip_part(path: &Path, name: &str) -> String {
    let f = std::fs::File::open(path).unwrap();
    let mut z = zip::ZipArchive::new(f).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

/// The plan's units in the order plan.yaml writes them, and each item's lead unit keys.
fn units_of(plan_yaml: &str) -> Vec<String> {
    let v: serde_yaml::Value = serde_yaml::from_str(plan_yaml).unwrap();
    v.get("don_vi")
        .and_then(|d| d.as_mapping())
        .map(|m| m.keys().map(|k| k.as_str().unwrap().to_string()).collect())
        .unwrap_or_default()
}

/// The report's status word for a form, from the progress appendix's "Tiến độ" cell.
fn form_status(tien_do: &str) -> &'static str {
    for (start, word) in [
        ("Hoàn thành", "Hoàn thành"),
        ("Đang thực hiện", "Đang thực hiện"),
        ("Chưa thực hiện", "Chưa thực hiện"),
        ("Chưa báo cáo", ""),
    ] {
        if tien_do.starts_with(start) {
            return word;
        }
    }
    panic!("unknown progress: {tien_do}")
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Which unit's form each item (id) must be on: its lead units, else the compiling unit.
fn expected_forms(
    items: &[(String, Vec<String>)],
    units: &[String],
) -> BTreeMap<String, Vec<String>> {
    expected_with(items, units, &units[0])
}

fn expected_with(
    items: &[(String, Vec<String>)],
    units: &[String],
    compiler: &str,
) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (id, lead) in items {
        let keys: Vec<&String> = lead.iter().filter(|k| units.contains(k)).collect();
        if keys.is_empty() {
            out.entry(compiler.to_string())
                .or_default()
                .push(id.clone());
        }
        for k in keys {
            out.entry(k.clone()).or_default().push(id.clone());
        }
    }
    out
}

/// Checks every form of `dir`: one per unit with items (plus TTHC-only ones), rows exactly
/// the unit's items in plan order, headers, pre-filled statuses (`status` by id), marker,
/// protection and validations. Returns the forms by unit.
fn check_forms(
    dir: &Path,
    ky: &str,
    plan_folder: &str,
    want: &BTreeMap<String, Vec<String>>,
    status: &BTreeMap<String, &str>,
) -> BTreeMap<String, PathBuf> {
    let files = forms_in(dir);
    let mut by_unit = BTreeMap::new();
    for (name, path) in &files {
        let unit = name
            .strip_prefix(&format!("phieu-{ky}-"))
            .and_then(|s| s.strip_suffix(".xlsx"))
            .unwrap_or_else(|| panic!("unexpected file {name}"))
            .to_string();
        by_unit.insert(unit, path.clone());
    }
    for (unit, path) in &by_unit {
        let names = sheet_names(path);
        let (head, rows) = progress_table(path);
        assert_eq!(head, COLUMNS, "{unit}: headers");
        let ids: Vec<String> = rows.iter().map(|r| r[0].clone()).collect();
        match want.get(unit) {
            Some(w) => assert_eq!(&ids, w, "{unit}: rows are the items it leads"),
            None => {
                assert!(ids.is_empty(), "{unit}: leads nothing yet has rows");
                assert!(
                    names.contains(&"TTHC".to_string()),
                    "{unit}: form without items nor TTHC"
                );
            }
        }
        for r in &rows {
            assert_eq!(
                r[3], status[&r[0]],
                "{unit} {}: pre-filled status is the report's",
                r[0]
            );
            if !r[3].is_empty() {
                assert!(vanban::kinds::report::data::Status::parse(&r[3]).is_some());
            }
        }
        let m = marker(path);
        assert_eq!(m["ke_hoach"], plan_folder, "{unit}: marker plan");
        assert_eq!(m["ky"], ky, "{unit}: marker period");
        assert_eq!(&m["don_vi"], unit, "{unit}: marker unit");
        assert_eq!(m["phan_mem"], "vanban");
        assert!(!m["ma_ke_hoach"].is_empty());
        assert_eq!(names[0], "Tiến độ", "{unit}: first sheet");
        assert!(names.contains(&"Hướng dẫn".to_string()));
        let rounds = rows.iter().filter(|r| r[2].contains("đợt 1 hạn")).count();
        protection(path, unit, rows.len(), rounds);
    }
    for unit in want.keys() {
        assert!(by_unit.contains_key(unit), "no form for {unit}");
    }
    by_unit
}

/// The "Tiến độ" sheet is protected; its input cells (D–I) unlocked, Mã (A) locked; the
/// status, date and percent columns validated.
fn protection(path: &Path, unit: &str, rows: usize, rounds: usize) {
    let xml = zip_part(path, "xl/worksheets/sheet1.xml");
    assert!(xml.contains("<sheetProtection"), "{unit}: protection");
    assert!(!xml.contains("password"), "{unit}: no password");
    let styles = zip_part(path, "xl/styles.xml");
    let sdoc = roxmltree::Document::parse(&styles).unwrap();
    let xfs = sdoc
        .descendants()
        .find(|n| n.has_tag_name("cellXfs"))
        .unwrap();
    let unlocked: Vec<bool> = xfs
        .children()
        .filter(|n| n.has_tag_name("xf"))
        .map(|xf| {
            xf.children()
                .any(|p| p.has_tag_name("protection") && p.attribute("locked") == Some("0"))
        })
        .collect();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let style_of = |r: &str| -> Option<bool> {
        doc.descendants()
            .find(|n| n.has_tag_name("c") && n.attribute("r") == Some(r))
            .map(|c| unlocked[c.attribute("s").map_or(0, |s| s.parse().unwrap())])
    };
    // Header row 8; the rows are 9…
    for i in 0..rows {
        let n = 9 + i;
        assert_eq!(
            style_of(&format!("A{n}")),
            Some(false),
            "{unit}: A{n} locked"
        );
        assert_eq!(
            style_of(&format!("B{n}")),
            Some(false),
            "{unit}: B{n} locked"
        );
        for col in ["D", "E", "F", "G", "H", "I"] {
            assert_eq!(
                style_of(&format!("{col}{n}")),
                Some(true),
                "{unit}: {col}{n} unlocked"
            );
        }
    }
    if rows > 0 {
        for kind in ["list", "whole"] {
            assert!(
                xml.contains(&format!("<dataValidation type=\"{kind}\"")),
                "{unit}: {kind} validation"
            );
        }
        assert!(xml.contains("Hoàn thành,Đang thực hiện,Chưa thực hiện"));
    }
    // Completion days are validated as dates in the period, except for work in rounds,
    // whose cell takes the list of the rounds' days.
    assert_eq!(
        xml.contains("<dataValidation type=\"date\""),
        rows > rounds,
        "{unit}: date validation"
    );
    assert_eq!(
        xml.contains("Việc làm nhiều đợt"),
        rounds > 0,
        "{unit}: rounds' days"
    );
    assert!(
        xml.contains("orientation=\"landscape\""),
        "{unit}: landscape"
    );
    assert!(xml.contains("paperSize=\"9\""), "{unit}: A4");
    assert!(
        xml.contains("<oddFooter>&amp;L&amp;F — &amp;A&amp;RTrang &amp;P/&amp;N</oddFooter>"),
        "{unit}: file, sheet and page number in the footer"
    );
}

/// The seed plan's items with their lead keys, from the library's reading of plan.yaml.
fn seed_items() -> Vec<(String, Vec<String>)> {
    let plan = vanban::model::load_plan(&root().join(SEED).join("plan.yaml"))
        .unwrap()
        .plan;
    vanban::model::tracked::tracked(&plan, 2024)
        .into_iter()
        .map(|t| (t.id, t.lead.map(|l| l.0).unwrap_or_default()))
        .collect()
}

/// The report's progress appendix: item text → the status a form shows.
fn report_statuses(docx: &Path) -> BTreeMap<String, &'static str> {
    let bytes = std::fs::read(docx).unwrap();
    let xml = part(&bytes, "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let table = tables(&doc)
        .iter()
        .map(table_texts)
        .find(|t| t[0] == PROGRESS_HEADER)
        .expect("progress appendix");
    let mut out: BTreeMap<String, &'static str> = BTreeMap::new();
    for r in table[1..].iter().filter(|r| r.len() == 6) {
        let s = form_status(&r[3]);
        if let Some(prev) = out.insert(squash(&r[1]), s) {
            assert_eq!(prev, s, "two rows of one text with different statuses");
        }
    }
    out
}

#[test]
fn seed_forms_list_each_units_items_with_the_reports_statuses() {
    let dir = scratch("seed");
    let seed = root().join(SEED);
    let plan_yaml = std::fs::read_to_string(seed.join("plan.yaml")).unwrap();
    let units = units_of(&plan_yaml);
    let items = seed_items();
    let want = expected_forms(&items, &units);
    for ky in ["2024-q1", "2024-9t"] {
        let out = dir.join(ky);
        let o = phieu(&seed, ky, &out, &[]);
        assert!(o.status.success(), "{}", stderr(&o));
        let rep = dir.join(format!("report-{ky}"));
        let o = vanban(&[
            "report",
            seed.to_str().unwrap(),
            "--ky",
            ky,
            "--format",
            "docx",
            "-o",
            rep.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        let by_text = report_statuses(&rep.join(format!("bao-cao-{ky}.docx")));
        let forms = forms_in(&out);
        // Item text as the form shows it → its id, to look the report's status up.
        let mut status: BTreeMap<String, &str> = BTreeMap::new();
        for path in forms.values() {
            for r in progress_table(path).1 {
                let s = by_text
                    .get(&squash(&r[1]))
                    .unwrap_or_else(|| panic!("{}: not in the report", r[0]));
                status.insert(r[0].clone(), s);
            }
        }
        let by_unit = check_forms(&out, ky, "phu-son-2023-2025", &want, &status);
        let lead: BTreeSet<&String> = want.keys().collect();
        let got: BTreeSet<&String> = by_unit.keys().collect();
        assert_eq!(got, lead, "{ky}: one form per lead unit");
        // Some statuses are pre-filled, and some carried over.
        assert!(status.values().any(|s| !s.is_empty()), "{ky}: statuses");
    }
    // The 9-month forms carry TTHC for the unit that reported it: the compiling unit.
    let vptk = dir.join("2024-9t").join("phieu-2024-9t-vptk.xlsx");
    assert!(sheet_names(&vptk).contains(&"TTHC".to_string()));
    let tthc = sheet(&vptk, "TTHC");
    let total = tthc
        .iter()
        .find(|r| r[0] == "Tổng cộng")
        .expect("totals row");
    assert!(total.iter().any(|c| c == "Khớp"), "{total:?}");
}

/// Each generated case's periods: forms list the items each unit leads, with the statuses
/// the generator expects the report to print, and the TTHC lines the report's Biểu 06 has.
#[test]
fn generated_forms_follow_the_report() {
    let (mut tthc_rows, mut filled, mut round_rows, mut several_days) = (0, 0, 0, 0);
    for seed in 0..4u64 {
        let case = report_case(seed);
        let dir = scratch(&format!("gen-{seed}"));
        let plan_dir = dir.join("ke-hoach");
        case.write(&plan_dir);
        let units = units_of(&case.plan);
        let items: Vec<(String, Vec<String>)> = case
            .tracked
            .iter()
            .map(|t| (t.id.clone(), t.lead.clone()))
            .collect();
        let want = expected_forms(&items, &units);
        for rep in &case.reports {
            let out = dir.join(rep.key);
            let o = phieu(&plan_dir, rep.key, &out, &[]);
            assert!(
                o.status.success(),
                "seed {seed} {}: {}",
                rep.key,
                stderr(&o)
            );
            let status: BTreeMap<String, &str> = case
                .tracked
                .iter()
                .zip(&rep.status)
                .map(|(t, s)| {
                    let word = match s {
                        shapes::Status::DoneOnTime | shapes::Status::DoneLate => "Hoàn thành",
                        shapes::Status::InProgress | shapes::Status::InProgressOverdue => {
                            "Đang thực hiện"
                        }
                        shapes::Status::NotStarted | shapes::Status::NotStartedOverdue => {
                            "Chưa thực hiện"
                        }
                        _ => "",
                    };
                    (t.id.clone(), word)
                })
                .collect();
            let by_unit = check_forms(&out, rep.key, "ke-hoach", &want, &status);
            filled += status.values().filter(|s| !s.is_empty()).count();
            for path in by_unit.values() {
                let rows = progress_table(path).1;
                round_rows += rows.iter().filter(|r| r[2].contains("đợt 1 hạn")).count();
                several_days += rows.iter().filter(|r| r[4].contains("; ")).count();
            }
            // The period's own TTHC figures, over all forms, are the report's Biểu 06 rows.
            let mut got: Vec<(String, Vec<u64>)> = Vec::new();
            for path in by_unit.values() {
                if !sheet_names(path).contains(&"TTHC".to_string()) {
                    continue;
                }
                for r in sheet(path, "TTHC").iter().skip(6) {
                    if r[1].is_empty() || r[0] == "Tổng cộng" || r[3].is_empty() {
                        continue;
                    }
                    got.push((
                        r[1].clone(),
                        r[2..13].iter().map(|c| c.parse().unwrap()).collect(),
                    ));
                }
            }
            let mut want_tthc: Vec<(String, Vec<u64>)> = rep
                .tthc
                .iter()
                .map(|(l, c)| (l.clone(), c.to_vec()))
                .collect();
            got.sort();
            want_tthc.sort();
            assert_eq!(got, want_tthc, "seed {seed} {}: TTHC", rep.key);
            tthc_rows += got.len();
        }
    }
    assert!(
        tthc_rows > 0 && filled > 0,
        "{tthc_rows} TTHC rows, {filled} statuses"
    );
    // Work in rounds, some with several rounds done: their cell lists the days.
    assert!(
        round_rows > 0 && several_days > 0,
        "{round_rows} rows of work in rounds, {several_days} with several days"
    );
}

#[test]
fn don_vi_chooses_units_and_a_wrong_key_is_a_usage_error() {
    let dir = scratch("don-vi");
    let seed = root().join(SEED);
    let o = phieu(&seed, "2024-Q1", &dir.join("two"), &["--don-vi", "tpht,ca"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let names: Vec<String> = forms_in(&dir.join("two")).into_keys().collect();
    assert_eq!(names, ["phieu-2024-q1-ca.xlsx", "phieu-2024-q1-tpht.xlsx"]);
    let o = phieu(
        &seed,
        "2024-Q1",
        &dir.join("bad"),
        &["--don-vi", "vptk,khong-co"],
    );
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(
        e.contains("\"khong-co\"") && e.contains("vptk, tpht, vhxh"),
        "{e}"
    );
    assert!(!dir.join("bad").exists(), "nothing written");
}

/// chung.yaml's `phieu`: the reply date, the compiling unit (forms go back to it, unled
/// items are on its form) and a unit given a TTHC sheet; a unit key the plan lacks is an
/// error located in chung.yaml.
#[test]
fn settings_in_chung_yaml() {
    let dir = scratch("settings");
    let plan = dir.join("phu-son");
    copy_dir(&root().join(SEED), &plan);
    let chung = plan.join("bao-cao/chung.yaml");
    let base = std::fs::read_to_string(&chung).unwrap();
    std::fs::write(
        &chung,
        format!("{base}phieu:\n  han_gui_lai_truoc: 5\n  don_vi_tong_hop: tpht\n  tthc: [ca]\n"),
    )
    .unwrap();
    let out = dir.join("out");
    let o = phieu(&plan, "2024-Q1", &out, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let units = units_of(&std::fs::read_to_string(plan.join("plan.yaml")).unwrap());
    let want = expected_with(&seed_items(), &units, "tpht");
    let files = forms_in(&out);
    for (unit, ids) in &want {
        let f = &files[&format!("phieu-2024-q1-{unit}.xlsx")];
        let got: Vec<String> = progress_table(f)
            .1
            .into_iter()
            .map(|r| r[0].clone())
            .collect();
        assert_eq!(&got, ids, "{unit}");
        let head: Vec<String> = sheet(f, "Tiến độ")
            .into_iter()
            .take(7)
            .map(|r| r[0].clone())
            .collect();
        assert!(
            head.iter().any(
                |l| l == "Gửi lại trước ngày 09/3/2024 cho Tư pháp - hộ tịch (đơn vị tổng hợp)"
            ),
            "{head:?}"
        );
    }
    let ca = &files["phieu-2024-q1-ca.xlsx"];
    assert!(sheet_names(ca).contains(&"TTHC".to_string()));
    let guide = sheet(ca, "Hướng dẫn");
    assert!(guide
        .iter()
        .any(|r| r[0].contains("Tư pháp - hộ tịch trước ngày 09/3/2024")));

    std::fs::write(&chung, format!("{base}phieu:\n  don_vi_tong_hop: vp\n")).unwrap();
    let o = phieu(&plan, "2024-Q1", &dir.join("bad"), &[]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(
        e.contains("chung.yaml:") && e.contains("phieu.don_vi_tong_hop") && e.contains("\"vp\""),
        "{e}"
    );
}

/// Whether every non-empty cell of `row` (1-based) of the sheet part `part` fits the row's
/// height, a character of bold header text taking a unit of column width: LibreOffice
/// wraps "Ngày hoàn thành" in its column of 14 and cut the second line off a one-line row.
fn header_row_fits(path: &Path, part: &str, sheet_name: &str, row: u32) {
    let xml = zip_part(path, part);
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let width_of = |c: u32| -> f64 {
        doc.descendants()
            .filter(|n| n.has_tag_name("col"))
            .find(|n| {
                let at = |a| n.attribute(a).unwrap().parse::<u32>().unwrap();
                (at("min")..=at("max")).contains(&c)
            })
            .map_or(8.43, |n| n.attribute("width").unwrap().parse().unwrap())
    };
    let height: f64 = doc
        .descendants()
        .find(|n| n.has_tag_name("row") && n.attribute("r") == Some(&row.to_string()))
        .and_then(|n| n.attribute("ht"))
        .map_or(15.0, |h| h.parse().unwrap());
    let cells = &sheet(path, sheet_name)[row as usize - 1];
    for (c, t) in cells.iter().enumerate().filter(|(_, t)| !t.is_empty()) {
        let w = width_of(c as u32 + 1);
        let lines = (t.chars().count() as f64 / w).ceil();
        assert!(
            lines * 15.0 <= height,
            "{}, {sheet_name}: \"{t}\" needs {lines} lines in width {w}, row {row} is {height} pt",
            path.display()
        );
    }
}

#[test]
fn table_headers_are_not_cut_off() {
    let dir = scratch("headers");
    let o = phieu(&root().join(SEED), "2024-Q1", &dir, &["--don-vi", "vptk"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let vptk = dir.join("phieu-2024-q1-vptk.xlsx");
    assert_eq!(sheet(&vptk, "Tiến độ")[7], COLUMNS.map(String::from));
    header_row_fits(&vptk, "xl/worksheets/sheet1.xml", "Tiến độ", 8);
    header_row_fits(&vptk, "xl/worksheets/sheet2.xml", "TTHC", 6);
}

#[test]
fn same_input_same_bytes() {
    let dir = scratch("same");
    let seed = root().join(SEED);
    for run in ["a", "b"] {
        let o = phieu(&seed, "2024-9T", &dir.join(run), &[]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let a = forms_in(&dir.join("a"));
    let b = forms_in(&dir.join("b"));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (name, pa) in &a {
        assert_eq!(
            std::fs::read(pa).unwrap(),
            std::fs::read(&b[name]).unwrap(),
            "{name}"
        );
    }
}

/// Forms go to `output/<plan folder>/phieu-<period>/` when no `-o` is given.
#[test]
fn default_folder_is_under_output() {
    let dir = scratch("default");
    copy_dir(&root().join(SEED), &dir.join("phu-son"));
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["phieu", "phu-son", "--ky", "2025-Q1", "--don-vi", "ca"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let f = dir.join("output/phu-son/phieu-2025-q1/phieu-2025-q1-ca.xlsx");
    assert!(f.is_file(), "{}", String::from_utf8_lossy(&o.stdout));
    assert_eq!(marker(&f)["ky"], "2025-q1");
}

/// The first field of each CSV record: records end at a line break outside quotes (a
/// wrapped cell's text holds line breaks), fields at a comma outside quotes.
fn first_fields(csv: &str) -> Vec<String> {
    let (mut out, mut field, mut quoted, mut first) = (Vec::new(), String::new(), false, true);
    let mut chars = csv.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                if first {
                    field.push('"');
                }
            }
            '"' => quoted = !quoted,
            ',' if !quoted => first = false,
            '\n' if !quoted => {
                out.push(std::mem::take(&mut field));
                first = true;
            }
            c if first => field.push(c),
            _ => {}
        }
    }
    out
}

/// LibreOffice opens every form; the CSV of its first sheet ("Tiến độ") has the same Mã
/// column.
#[test]
fn libreoffice_reads_the_forms() {
    if !libreoffice::available() {
        return;
    }
    let dir = scratch("lo");
    let seed = root().join(SEED);
    let out = dir.join("forms");
    let o = phieu(&seed, "2024-9T", &out, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let files: Vec<PathBuf> = forms_in(&out).into_values().collect();
    let csv = dir.join("csv");
    let o = std::process::Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.join("profile").display()
        ))
        .args([
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1",
            "--outdir",
        ])
        .arg(&csv)
        .args(&files)
        .output()
        .expect("soffice");
    assert!(o.status.success(), "{}", stderr(&o));
    for f in &files {
        let stem = f.file_stem().unwrap().to_string_lossy();
        let text = std::fs::read_to_string(csv.join(format!("{stem}.csv"))).unwrap();
        let ids_lo: Vec<String> = first_fields(&text)
            .into_iter()
            .skip_while(|c| c != "Mã")
            .skip(1)
            .filter(|c| !c.is_empty())
            .collect();
        let ids: Vec<String> = progress_table(f)
            .1
            .into_iter()
            .map(|r| r[0].clone())
            .collect();
        assert!(!ids.is_empty(), "{stem}");
        assert_eq!(ids_lo, ids, "{stem}: Mã column in LibreOffice");
    }
}
