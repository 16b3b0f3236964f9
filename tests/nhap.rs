//! `vanban nhap`: filled progress forms read back into the period's unit files.
//!
//! Forms are filled as a person would: the values of a written form are read with calamine,
//! some cells changed, and all of them written into a new workbook with rust_xlsxwriter (the
//! importer sees only the cells' values, as it would of a form saved by Excel); one is then
//! converted to ODS by LibreOffice, as a clerk using LibreOffice would send it back.
//! Round trips: forms written and read back with no edit change no report byte.

mod common;
use calamine::{open_workbook, Data, Reader, Xlsx};
use common::shapes::report_case;
use common::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// `vanban phieu <plan> --ky <ky> -o <out>`; the forms by file name.
fn phieu(plan: &Path, ky: &str, out: &Path) -> BTreeMap<String, PathBuf> {
    let o = vanban(&[
        "phieu",
        plan.to_str().unwrap(),
        "--ky",
        ky,
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "phieu: {}", stderr(&o));
    std::fs::read_dir(out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), p))
        .collect()
}

/// `vanban nhap <plan> --ky <ky> <inputs…> [extra…]`.
fn nhap(plan: &Path, ky: &str, inputs: &[&Path], extra: &[&str]) -> std::process::Output {
    let mut args = vec!["nhap", plan.to_str().unwrap(), "--ky", ky];
    args.extend(inputs.iter().map(|p| p.to_str().unwrap()));
    args.extend_from_slice(extra);
    vanban(&args)
}

fn stdout(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Every file under `dir`, by relative path, with its bytes.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(
                    p.strip_prefix(dir).unwrap().to_path_buf(),
                    std::fs::read(&p).unwrap(),
                );
            }
        }
    }
    out
}

/// The report of every period with data, as bytes by file name.
fn reports(plan_dir: &Path, out: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let o = vanban(&[
        "report",
        plan_dir.to_str().unwrap(),
        "--ky",
        "tat-ca",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "report: {}", stderr(&o));
    // The documents only: the hidden fingerprint records name the inputs' hashes.
    let t: BTreeMap<PathBuf, Vec<u8>> = tree(out)
        .into_iter()
        .filter(|(k, _)| !k.to_string_lossy().starts_with('.'))
        .collect();
    assert!(t.keys().any(|k| k.extension().is_some_and(|x| x == "pdf")));
    t
}

/// A value typed into a cell.
#[derive(Clone, Debug, PartialEq)]
enum V {
    Text(String),
    Number(f64),
    Date(i32, u32, u32),
    Blank,
}

fn t(s: &str) -> V {
    V::Text(s.to_string())
}

/// "E9" → (row, column), 0-based.
fn at(cell: &str) -> (u32, u16) {
    let letters: String = cell
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect();
    let row: u32 = cell[letters.len()..].parse().unwrap();
    let col = letters
        .bytes()
        .fold(0u32, |n, b| n * 26 + u32::from(b - b'A' + 1));
    (row - 1, (col - 1) as u16)
}

/// Excel's serial day of a date.
fn serial(y: i32, m: u32, d: u32) -> f64 {
    let base = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap();
    (chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap() - base).num_days() as f64
}

/// `src`'s cells with `edits` (sheet, cell, value) typed over them, saved as `dst`.
fn fill(src: &Path, dst: &Path, edits: &[(&str, &str, V)]) {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book: Xlsx<_> = open_workbook(src).unwrap();
    let day = Format::new().set_num_format("dd/mm/yyyy");
    let mut wb = Workbook::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).unwrap();
        let ws = wb.add_worksheet();
        ws.set_name(&name).unwrap();
        if name == "_vanban" {
            ws.set_hidden(true);
        }
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let mut cells: BTreeMap<(u32, u16), V> = BTreeMap::new();
        for (r, c, d) in range.used_cells() {
            let v = match d {
                Data::String(s) => V::Text(s.clone()),
                Data::Float(f) => V::Number(*f),
                Data::Int(i) => V::Number(*i as f64),
                Data::DateTime(dt) => {
                    let (y, m, dd, ..) = dt.to_ymd_hms_milli();
                    V::Date(i32::from(y), u32::from(m), u32::from(dd))
                }
                _ => continue,
            };
            cells.insert((r0 + r as u32, (c0 + c as u32) as u16), v);
        }
        for (sheet, cell, v) in edits {
            if *sheet == name {
                cells.insert(at(cell), v.clone());
            }
        }
        for ((r, c), v) in cells {
            match v {
                V::Text(s) => ws.write_string(r, c, s).map(|_| ()),
                V::Number(f) => ws.write_number(r, c, f).map(|_| ()),
                V::Date(y, m, d) => ws
                    .write_number_with_format(r, c, serial(y, m, d), &day)
                    .map(|_| ()),
                V::Blank => Ok(()),
            }
            .unwrap();
        }
    }
    wb.save(dst).unwrap();
}

/// The ids of a form's "Tiến độ" rows with their (1-based) row numbers.
fn form_rows(form: &Path) -> Vec<(String, u32)> {
    let mut book: Xlsx<_> = open_workbook(form).unwrap();
    let range = book.worksheet_range("Tiến độ").unwrap();
    let head = (0..40)
        .find(|r| range.get_value((*r, 0)) == Some(&Data::String("Mã".into())))
        .unwrap();
    (head + 1..=range.end().unwrap().0)
        .filter_map(|r| match range.get_value((r, 0)) {
            Some(Data::String(s)) => Some((s.clone(), r + 1)),
            _ => None,
        })
        .collect()
}

/// A copy of the seed plan in a scratch folder.
fn seed_copy(name: &str) -> (PathBuf, PathBuf) {
    let dir = scratch(name);
    let plan = dir.join("phu-son-2023-2025");
    copy_dir(&root().join(SEED), &plan);
    (dir, plan)
}

#[test]
fn seed_forms_read_back_unedited_change_no_report_byte() {
    let (dir, plan) = seed_copy("seed-round-trip");
    let before = reports(&root().join(SEED), &dir.join("a"));
    let forms = phieu(&plan, "2024-Q1", &dir.join("forms"));
    assert!(forms.len() >= 5, "{forms:?}");
    let o = nhap(&plan, "2024-Q1", &[&dir.join("forms")], &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("vptk: 63 nhiệm vụ, 0 hoàn thành mới, 0 quá hạn, 6 lĩnh vực TTHC — ")
            && out.contains("không tệp nào thay đổi"),
        "{out}"
    );
    // Nothing changed: not a byte of the data, so not a byte of the reports.
    assert!(tree(&plan) == tree(&root().join(SEED)));
    let after = reports(&plan, &dir.join("b"));
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>()
    );
    for (k, v) in &before {
        assert!(
            after[k] == *v,
            "{} differs after the round trip",
            k.display()
        );
    }
}

/// The input cells (Trạng thái … Khó khăn) of each row of a form, by id.
fn inputs(form: &Path) -> BTreeMap<String, Vec<(u32, V)>> {
    let mut book: Xlsx<_> = open_workbook(form).unwrap();
    let range = book.worksheet_range("Tiến độ").unwrap();
    let mut out = BTreeMap::new();
    for (id, r) in form_rows(form) {
        let mut cells = Vec::new();
        for c in 3..9u32 {
            let v = match range.get_value((r - 1, c)) {
                Some(Data::String(s)) => V::Text(s.clone()),
                Some(Data::Float(f)) => V::Number(*f),
                Some(Data::DateTime(dt)) => {
                    let (y, m, d, ..) = dt.to_ymd_hms_milli();
                    V::Date(i32::from(y), u32::from(m), u32::from(d))
                }
                _ => continue,
            };
            cells.push((c, v));
        }
        out.insert(id, cells);
    }
    out
}

/// Each unit file of a period folder without its `tien_do` (and `tthc`); a file left with
/// nothing is written `{}`, as a YAML tool writes it.
fn strip_progress(period_dir: &Path, tthc: bool) {
    for e in std::fs::read_dir(period_dir).unwrap() {
        let p = e.unwrap().path();
        let mut v: serde_yaml::Value =
            serde_yaml::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
        let m = v.as_mapping_mut().unwrap();
        m.remove("tien_do");
        if tthc {
            m.remove("tthc");
        }
        std::fs::write(&p, serde_yaml::to_string(&v).unwrap()).unwrap();
    }
}

/// The lĩnh vực of a form's "TTHC" sheet with their eight input counts; none without it.
fn tthc_lines(form: &Path) -> Vec<(String, Vec<f64>)> {
    let mut book: Xlsx<_> = open_workbook(form).unwrap();
    let Ok(range) = book.worksheet_range("TTHC") else {
        return Vec::new();
    };
    let head = (0..20)
        .find(|r| range.get_value((*r, 1)) == Some(&Data::String("Lĩnh vực".into())))
        .unwrap();
    let mut out = Vec::new();
    for r in head + 2..=range.end().unwrap().0 {
        if range.get_value((r, 0)) == Some(&Data::String("Tổng cộng".into())) {
            break;
        }
        let Some(Data::String(name)) = range.get_value((r, 1)) else {
            continue;
        };
        let counts = [3u32, 4, 5, 7, 8, 9, 11, 12]
            .iter()
            .map(|c| match range.get_value((r, *c)) {
                Some(Data::Float(f)) => *f,
                Some(Data::Int(i)) => *i as f64,
                other => panic!("{name}: count {other:?}"),
            })
            .collect();
        out.push((name.clone(), counts));
    }
    out
}

/// Shares of the period's unit files made whole: the form takes whole shares only (a
/// person cannot type 76,5 there), the generator writes some with a fraction.
fn whole_shares(period_dir: &Path) {
    for e in std::fs::read_dir(period_dir).unwrap() {
        let p = e.unwrap().path();
        let mut v: serde_yaml::Value =
            serde_yaml::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
        let mut changed = false;
        if let Some(m) = v.get_mut("tien_do").and_then(|t| t.as_mapping_mut()) {
            for (_, e) in m.iter_mut() {
                if let Some(f) = e.get("ty_le").and_then(|t| t.as_f64()) {
                    if f.fract() != 0.0 {
                        e["ty_le"] = serde_yaml::Value::from(f.round() as i64);
                        changed = true;
                    }
                }
            }
        }
        if changed {
            std::fs::write(&p, serde_yaml::to_string(&v).unwrap()).unwrap();
        }
    }
}

/// The plan at `plan` collected through its forms for period `key`: the period's progress
/// and TTHC are taken out of a copy's unit files, the copy's blank forms are filled in
/// with what the original forms show (the TTHC sheet from its empty rows, lĩnh vực names
/// typed), read back with nhap, and every report must equal the original's byte for byte.
/// Returns nhap's summary and whether TTHC went through the forms too.
fn collect_through_forms(plan: &Path, key: &str, dir: &Path) -> (String, bool) {
    whole_shares(&plan.join("bao-cao").join(key.to_lowercase()));
    let before = reports(plan, &dir.join("a"));
    let original = phieu(plan, key, &dir.join("original"));
    let copy = dir.join("copy").join("ke-hoach");
    copy_dir(plan, &copy);
    // The units whose forms had a TTHC sheet. TTHC goes through the forms when each unit
    // kept its own in its file; rows kept in a file that is no unit's (the compiler's on
    // the form) would come back in the compiler's file, so Biểu 06 would list them in
    // another order: then TTHC stays typed.
    let prefix = format!("phieu-{}-", key.to_lowercase());
    let unit = |n: &str| {
        n.trim_start_matches(&prefix)
            .trim_end_matches(".xlsx")
            .to_string()
    };
    let mut tthc_units: Vec<String> = original
        .iter()
        .filter(|(_, f)| !tthc_lines(f).is_empty())
        .map(|(n, _)| unit(n))
        .collect();
    let period = copy.join("bao-cao").join(key.to_lowercase());
    let units: Vec<String> = original.keys().map(|n| unit(n)).collect();
    let own_files = std::fs::read_dir(&period).unwrap().all(|e| {
        let p = e.unwrap().path();
        let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&p).unwrap();
        units.contains(&stem) || !text.lines().any(|l| l.starts_with("tthc:"))
    });
    if !own_files {
        tthc_units.clear();
    }
    strip_progress(&period, own_files);
    if !tthc_units.is_empty() {
        // Nothing of before names them any more: chung.yaml gives them their TTHC sheet.
        let common = copy.join("bao-cao").join("chung.yaml");
        let mut text = std::fs::read_to_string(&common).unwrap_or_default();
        text.push_str(&format!("\nphieu:\n  tthc: [{}]\n", tthc_units.join(", ")));
        std::fs::write(&common, text).unwrap();
    }
    let blank = phieu(&copy, key, &dir.join("blank"));
    let filled = dir.join("filled");
    std::fs::create_dir_all(&filled).unwrap();
    let mut done = std::collections::BTreeSet::new();
    for (name, form) in &blank {
        let shown = inputs(&original[name]);
        let mut edits = Vec::new();
        for (id, r) in form_rows(form) {
            // An item led by two units is reported on the first form only.
            if !done.insert(id.clone()) {
                continue;
            }
            for (c, v) in &shown[&id] {
                let cell = format!("{}{r}", char::from(b'A' + *c as u8));
                edits.push(("Tiến độ", cell, v.clone()));
            }
        }
        let lines = match tthc_units.is_empty() {
            true => Vec::new(),
            false => tthc_lines(&original[name]),
        };
        assert!(
            tthc_units.is_empty() || tthc_lines(form).is_empty(),
            "{name}: a blank TTHC sheet lists no lĩnh vực"
        );
        // The blank sheet's first empty row is under its two header rows (row 7).
        for (i, (linh_vuc, counts)) in lines.iter().enumerate() {
            let r = 7 + i;
            edits.push(("TTHC", format!("B{r}"), t(linh_vuc)));
            for (c, n) in ["D", "E", "F", "H", "I", "J", "L", "M"].iter().zip(counts) {
                edits.push(("TTHC", format!("{c}{r}"), V::Number(*n)));
            }
        }
        let edits: Vec<(&str, &str, V)> = edits
            .iter()
            .map(|(s, c, v)| (*s, c.as_str(), v.clone()))
            .collect();
        fill(form, &filled.join(name), &edits);
    }
    let o = nhap(&copy, key, &[&filled], &[]);
    assert!(o.status.success(), "{}: {}", plan.display(), stderr(&o));
    let after = reports(&copy, &dir.join("b"));
    assert_eq!(before.len(), after.len(), "{}", plan.display());
    for (k, v) in &before {
        assert!(
            after[k] == *v,
            "{}: {} differs",
            plan.display(),
            k.display()
        );
    }
    (stdout(&o), !tthc_units.is_empty())
}

#[test]
fn generated_forms_filled_by_hand_give_the_same_reports() {
    let mut with_tthc = 0;
    for seed in [2u64, 3, 5, 13] {
        let case = report_case(seed);
        let dir = scratch(&format!("typed-{seed}"));
        let plan = dir.join("ke-hoach");
        case.write(&plan);
        with_tthc += usize::from(collect_through_forms(&plan, case.reports[0].key, &dir).1);
    }
    assert!(
        with_tthc >= 1,
        "no generated plan sent TTHC through its forms"
    );
}

#[test]
fn the_seed_quarter_collected_through_blank_forms_gives_the_same_reports() {
    let (dir, plan) = seed_copy("seed-from-blank");
    let (out, with_tthc) = collect_through_forms(&plan, "2024-Q1", &dir);
    assert!(
        with_tthc && out.contains("vptk: 63 nhiệm vụ") && out.contains("6 lĩnh vực TTHC"),
        "{out}"
    );
}

/// Moves a period kept in one file into a folder of its own, content unchanged.
fn into_folder(plan: &Path, key: &str) {
    let single = plan.join("bao-cao").join(format!("{key}.yaml"));
    if single.is_file() {
        let dir = plan.join("bao-cao").join(key);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::rename(&single, dir.join("tong-hop.yaml")).unwrap();
    }
}

#[test]
fn generated_plans_read_back_unedited_change_no_report_byte() {
    for seed in [3u64, 8, 21, 34] {
        let case = report_case(seed);
        let dir = scratch(&format!("shapes-{seed}"));
        let plan = dir.join("ke-hoach");
        case.write(&plan);
        for r in &case.reports {
            into_folder(&plan, r.key);
        }
        let before = reports(&plan, &dir.join("a"));
        for r in &case.reports {
            let forms = dir.join(format!("forms-{}", r.key));
            phieu(&plan, r.key, &forms);
            let o = nhap(&plan, r.key, &[&forms], &[]);
            assert!(o.status.success(), "seed {seed}, {}: {}", r.key, stderr(&o));
        }
        let after = reports(&plan, &dir.join("b"));
        assert_eq!(before.len(), after.len(), "seed {seed}");
        for (k, v) in &before {
            assert!(after[k] == *v, "seed {seed}: {} differs", k.display());
        }
    }
}

#[test]
fn mistakes_are_told_by_file_sheet_and_cell_and_nothing_is_written() {
    let (dir, plan) = seed_copy("mistakes");
    let forms = phieu(&plan, "2024-Q1", &dir.join("forms"));
    let filled = dir.join("filled");
    std::fs::create_dir_all(&filled).unwrap();
    let vptk = &forms["phieu-2024-q1-vptk.xlsx"];
    let rows: Vec<(String, u32)> = form_rows(vptk)
        .into_iter()
        .filter(|(id, _)| id != "pci-ke-khai-lao-dong-bhxh-hoa-don")
        .collect();
    let r = |i: usize| rows[i].1;
    let last = rows.iter().map(|x| x.1).max().unwrap();
    let c = |col: &str, i: usize| format!("{col}{}", r(i));
    let (p, tthc) = ("Tiến độ", "TTHC");
    let added = format!("B{}", last + 1);
    let added_status = format!("D{}", last + 1);
    fill(
        vptk,
        &filled.join("phieu-2024-q1-vptk.xlsx"),
        &[
            (p, &c("D", 0), t("xong")),
            (p, &c("D", 1), t("Hoàn thành")),
            (p, &c("E", 1), t("đầu tháng 3")),
            (p, &c("D", 2), t("Hoàn thành")),
            (p, &c("E", 2), t("31/02/2024")),
            (p, &c("D", 3), t("Hoàn thành")),
            (p, &c("E", 3), V::Date(2024, 3, 20)),
            (p, &c("D", 4), t("Đang thực hiện")),
            (p, &c("F", 4), V::Number(140.0)),
            (p, &c("D", 5), t("Đang thực hiện")),
            (p, &c("F", 5), V::Number(62.5)),
            (p, &c("A", 6), t("nv-khong-co")),
            (p, &c("A", 7), V::Blank),
            (p, &added, t("Việc thêm vào phiếu")),
            (p, &added_status, t("Hoàn thành")),
            (tthc, "D7", V::Number(5000.0)),
        ],
    );
    // tpht's form says another period, ktns's another plan; dcxd is sent twice.
    fill(
        &forms["phieu-2024-q1-tpht.xlsx"],
        &filled.join("phieu-2024-q1-tpht.xlsx"),
        &[("_vanban", "B5", t("2024-6t"))],
    );
    fill(
        &forms["phieu-2024-q1-ktns.xlsx"],
        &filled.join("phieu-2024-q1-ktns.xlsx"),
        &[("_vanban", "B4", t("0123456789abcdef"))],
    );
    let dcxd = &forms["phieu-2024-q1-dcxd.xlsx"];
    std::fs::copy(dcxd, filled.join("phieu-2024-q1-dcxd.xlsx")).unwrap();
    std::fs::copy(dcxd, filled.join("phieu-2024-q1-dcxd-ban-2.xlsx")).unwrap();
    let kept = tree(&plan);
    let o = nhap(&plan, "2024-Q1", &[&filled], &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let e = stderr(&o);
    let id = |i: usize| rows[i].0.clone();
    let v = "phieu-2024-q1-vptk.xlsx, trang Tiến độ, ô";
    for want in [
        format!("{v} {}: trạng thái \"xong\" không phải một trong ba", c("D", 0)),
        format!("{v} {}: ngày hoàn thành \"đầu tháng 3\" không đọc được thành ngày", c("E", 1)),
        format!("{v} {}: ngày hoàn thành 31/02/2024 không có thật", c("E", 2)),
        format!("{v} {}: ngày hoàn thành 20/3/2024 ngoài kỳ quý I năm 2024: cần từ 15/12/2023 đến 14/3/2024", c("E", 3)),
        format!("{v} {}: cần tỷ lệ từ 0 đến 100 (%); gặp 140", c("F", 4)),
        format!("{v} {}: tỷ lệ 62,5 không phải số nguyên", c("F", 5)),
        format!("{v} {}: mã `nv-khong-co` không có trong phiếu của đơn vị (dòng này là nhiệm vụ `{}`)", c("A", 6), id(6)),
        format!("{v} {}: ô Mã để trống: dòng này là nhiệm vụ `{}`", c("A", 7), id(7)),
        format!("{v} A{}: dòng không có mã nhiệm vụ", last + 1),
        "phieu-2024-q1-vptk.xlsx, trang TTHC, ô C7: cần số hồ sơ nhận = đã giải quyết + đang giải quyết".to_string(),
        "phieu-2024-q1-tpht.xlsx: phiếu của kỳ 2024-6t, không phải kỳ 2024-q1".to_string(),
        "phieu-2024-q1-ktns.xlsx: phiếu của kế hoạch khác".to_string(),
        "phieu-2024-q1-dcxd.xlsx: phiếu thứ hai của đơn vị dcxd (đã có".to_string(),
    ] {
        assert!(e.contains(&want), "missing «{want}» in:\n{e}");
    }
    assert!(e.lines().all(|l| l.starts_with("lỗi: ")), "{e}");
    // The changed and the cleared Mã are told once each, not again as missing rows.
    assert!(!e.contains("thiếu dòng"), "{e}");
    assert!(tree(&plan) == kept, "nothing may be written");
}

#[test]
fn a_form_filled_in_excel_or_libreoffice_writes_the_unit_file() {
    let (dir, plan) = seed_copy("filled");
    let forms = phieu(&plan, "2024-Q1", &dir.join("forms"));
    let tpht = &forms["phieu-2024-q1-tpht.xlsx"];
    let rows = form_rows(tpht);
    let (id, r) = rows[0].clone();
    let filled = dir.join("filled");
    std::fs::create_dir_all(&filled).unwrap();
    let xlsx = filled.join("phieu-2024-q1-tpht.xlsx");
    fill(
        tpht,
        &xlsx,
        &[
            ("Tiến độ", &format!("D{r}"), t("Hoàn thành")),
            ("Tiến độ", &format!("E{r}"), V::Date(2024, 3, 8)),
            ("Tiến độ", &format!("F{r}"), V::Blank),
            ("Tiến độ", &format!("G{r}"), t("Đã ban hành: xong")),
            (
                "Tiến độ",
                &format!("H{r}"),
                t("Quyết định số 15/QĐ-UBND\nBáo cáo số 20/BC-UBND"),
            ),
        ],
    );
    // The same form as LibreOffice saves it.
    let ods_dir = dir.join("ods");
    let o = std::process::Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.join("profile").display()
        ))
        .args(["--headless", "--convert-to", "ods", "--outdir"])
        .arg(&ods_dir)
        .arg(&xlsx)
        .output()
        .expect("soffice");
    assert!(o.status.success(), "{}", stderr(&o));
    let ods = ods_dir.join("phieu-2024-q1-tpht.ods");
    assert!(ods.is_file());
    let before = std::fs::read_to_string(plan.join("bao-cao/2024-q1/tpht.yaml")).unwrap();
    let o = nhap(&plan, "2024-Q1", &[&xlsx], &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("tpht: 6 nhiệm vụ, 1 hoàn thành mới"),
        "{}",
        stdout(&o)
    );
    let from_xlsx = std::fs::read_to_string(plan.join("bao-cao/2024-q1/tpht.yaml")).unwrap();
    let v: serde_yaml::Value = serde_yaml::from_str(&from_xlsx).unwrap();
    let e = &v["tien_do"][id.as_str()];
    assert_eq!(e["trang_thai"], serde_yaml::Value::from("hoàn thành"));
    assert_eq!(e["ngay_hoan_thanh"], serde_yaml::Value::from("08/3/2024"));
    assert_eq!(e["ket_qua"], serde_yaml::Value::from("Đã ban hành: xong"));
    assert_eq!(
        e["san_pham"],
        serde_yaml::from_str::<serde_yaml::Value>(
            "[Quyết định số 15/QĐ-UBND, Báo cáo số 20/BC-UBND]"
        )
        .unwrap()
    );
    assert!(e.get("ty_le").is_none());
    // The header comments stay as they were.
    let head = |s: &str| s.lines().take(2).collect::<Vec<_>>().join("\n");
    assert_eq!(head(&before), head(&from_xlsx));
    let o = vanban(&["check", plan.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));

    // The ODS into a fresh copy gives the same file.
    let (_, plan2) = seed_copy("filled-ods");
    let o = nhap(&plan2, "2024-Q1", &[&ods], &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let from_ods = std::fs::read_to_string(plan2.join("bao-cao/2024-q1/tpht.yaml")).unwrap();
    assert_eq!(from_xlsx, from_ods);
}

#[test]
fn an_entry_kept_in_another_unit_file_is_not_duplicated() {
    let (dir, plan) = seed_copy("elsewhere");
    let forms = phieu(&plan, "2024-Q1", &dir.join("forms"));
    let vptk = &forms["phieu-2024-q1-vptk.xlsx"];
    let id = "pci-ke-khai-lao-dong-bhxh-hoa-don";
    let (_, r) = form_rows(vptk).into_iter().find(|(i, _)| i == id).unwrap();
    // Unchanged, it stays in ktns.yaml and is not written twice.
    let o = nhap(&plan, "2024-Q1", &[vptk], &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let vptk_yaml = std::fs::read_to_string(plan.join("bao-cao/2024-q1/vptk.yaml")).unwrap();
    assert!(!vptk_yaml.contains(id));
    let o = vanban(&["check", plan.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    // Changed, it is refused, naming the file that keeps it.
    let (dir, plan) = seed_copy("elsewhere-changed");
    let forms = phieu(&plan, "2024-Q1", &dir.join("forms"));
    let filled = dir.join("phieu-2024-q1-vptk.xlsx");
    fill(
        &forms["phieu-2024-q1-vptk.xlsx"],
        &filled,
        &[("Tiến độ", &format!("F{r}"), V::Number(30.0))],
    );
    let o = nhap(&plan, "2024-Q1", &[&filled], &[]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(
        e.contains(&format!(
            "trang Tiến độ, ô D{r}: nhiệm vụ `{id}` đã báo cáo ở "
        )) && e.contains("bao-cao/2024-q1/ktns.yaml: sửa ở tệp đó"),
        "{e}"
    );
}

#[test]
fn a_period_kept_in_one_file_is_refused_with_the_way_out() {
    let (dir, plan) = seed_copy("single");
    let forms = phieu(&plan, "2024-6T", &dir.join("forms"));
    let kept = tree(&plan);
    let o = nhap(&plan, "2024-6T", &[&dir.join("forms")], &[]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(
        e.contains("bao-cao/2024-6t.yaml: cần dữ liệu kỳ 2024-6t trong thư mục bao-cao/2024-6t/")
            && e.contains("thành bao-cao/2024-6t/vptk.yaml"),
        "{e}"
    );
    assert!(tree(&plan) == kept);
    // Done as told, the forms (written again) go in.
    into_folder(&plan, "2024-6t");
    std::fs::rename(
        plan.join("bao-cao/2024-6t/tong-hop.yaml"),
        plan.join("bao-cao/2024-6t/vptk.yaml"),
    )
    .unwrap();
    let _ = forms;
    let again = phieu(&plan, "2024-6T", &dir.join("forms-2"));
    assert!(!again.is_empty());
    let o = nhap(&plan, "2024-6T", &[&dir.join("forms-2")], &[]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn a_unit_file_edited_by_hand_is_kept_unless_told() {
    let (dir, plan) = seed_copy("hand-edit");
    let forms = phieu(&plan, "2024-Q1", &dir.join("forms"));
    let file = plan.join("bao-cao/2024-q1/ca.yaml");
    let mut text = std::fs::read_to_string(&file).unwrap();
    text.push_str("# ghi chú thêm bằng tay\n");
    std::fs::write(&file, &text).unwrap();
    let form = &forms["phieu-2024-q1-ca.xlsx"];
    let o = nhap(&plan, "2024-Q1", &[form], &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("ca.yaml đã được sửa sau khi sinh phiếu"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
    let o = nhap(&plan, "2024-Q1", &[form], &["--ghi-de"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(std::fs::read_to_string(&file)
        .unwrap()
        .ends_with("# ghi chú thêm bằng tay\n"));
}

#[test]
fn a_new_period_gets_unit_files_with_the_schema_header() {
    let (dir, plan) = seed_copy("new-period");
    let forms = phieu(&plan, "2025-Q1", &dir.join("forms"));
    let ca = &forms["phieu-2025-q1-ca.xlsx"];
    let (_, r) = form_rows(ca)[0].clone();
    let filled = dir.join("phieu-2025-q1-ca.xlsx");
    fill(
        ca,
        &filled,
        &[
            ("Tiến độ", &format!("D{r}"), t("Đang thực hiện")),
            ("Tiến độ", &format!("F{r}"), V::Number(40.0)),
            ("Tiến độ", &format!("G{r}"), t("Đã triển khai")),
        ],
    );
    let o = nhap(&plan, "2025-Q1", &[&filled], &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(plan.join("bao-cao/2025-q1/ca.yaml")).unwrap();
    assert!(
        text.starts_with(
            "# yaml-language-server: $schema=../../schema/bao-cao-ky.schema.json\n# Tiến độ của kỳ"
        ),
        "{text}"
    );
    assert!(
        text.contains("    ty_le: 40\n    ket_qua: Đã triển khai\n"),
        "{text}"
    );
    let o = vanban(&["check", plan.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn clearing_a_row_carried_from_before_is_told_not_silently_ignored() {
    let (dir, plan) = seed_copy("cleared");
    let forms = phieu(&plan, "2025-Q1", &dir.join("forms"));
    let vptk = &forms["phieu-2025-q1-vptk.xlsx"];
    // A row pre-filled with what 2024 reported, and one left blank.
    let shown = inputs(vptk);
    let rows = form_rows(vptk);
    let (id, r) = rows
        .iter()
        .find(|(id, _)| shown[id].iter().any(|(c, _)| *c == 3))
        .unwrap()
        .clone();
    let status = match shown[&id].iter().find(|(c, _)| *c == 3) {
        Some((_, V::Text(s))) => s.clone(),
        _ => unreachable!(),
    };
    let clear: Vec<(&str, String, V)> = shown[&id]
        .iter()
        .map(|(c, _)| {
            (
                "Tiến độ",
                format!("{}{r}", char::from(b'A' + *c as u8)),
                V::Blank,
            )
        })
        .collect();
    let clear: Vec<(&str, &str, V)> = clear
        .iter()
        .map(|(s, c, v)| (*s, c.as_str(), v.clone()))
        .collect();
    let filled = dir.join("phieu-2025-q1-vptk.xlsx");
    fill(vptk, &filled, &clear);
    assert!(inputs(&filled)[&id].is_empty());
    let o = nhap(&plan, "2025-Q1", &[&filled], &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains(&format!(
            "cảnh báo: {}, trang Tiến độ, ô D{r}: dòng của `{id}` để trống: báo cáo kỳ này vẫn lấy trạng thái đã báo cáo trước đó ({status})",
            filled.display()
        )),
        "{err}"
    );
    assert_eq!(err.matches("để trống").count(), 1, "{err}");
    // Read back unedited, the form warns of nothing.
    let o = nhap(&plan, "2025-Q1", &[vptk], &[]);
    assert!(
        o.status.success() && !stderr(&o).contains("để trống"),
        "{}",
        stderr(&o)
    );
}

/// The cells of the row of `text` in the report's progress table (DOCX), joined.
fn progress_row(docx: &Path, text: &str) -> String {
    let bytes = std::fs::read(docx).unwrap();
    let xml = part(&bytes, "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    tables(&doc)
        .iter()
        .flat_map(table_texts)
        .find(|r| r.iter().any(|c| c.starts_with(text)))
        .unwrap_or_else(|| panic!("no row of {text}"))
        .join(" | ")
}

#[test]
fn a_quarter_cut_off_with_the_six_months_takes_its_own_forms() {
    let (dir, plan) = seed_copy("q2");
    let forms = phieu(&plan, "2024-Q2", &dir.join("forms"));
    let tpht = &forms["phieu-2024-q2-tpht.xlsx"];
    // 2024-6t.yaml is cut off on the quarter's day: the form shows what it says.
    let shown = inputs(tpht);
    assert!(
        shown["par-index/2.2"].contains(&(3, t("Hoàn thành")))
            && shown["par-index/2.2"].contains(&(4, V::Date(2024, 5, 15))),
        "{:?}",
        shown["par-index/2.2"]
    );
    assert!(shown["par-van-ban-qppl"].contains(&(3, t("Đang thực hiện"))));
    let o = nhap(&plan, "2024-Q2", &[&dir.join("forms")], &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("không tệp nào thay đổi"),
        "{}",
        stdout(&o)
    );
    assert!(!plan.join("bao-cao/2024-q2").exists());
    let (_, r) = form_rows(tpht)
        .into_iter()
        .find(|(id, _)| id == "par-van-ban-qppl")
        .unwrap();
    let filled = dir.join("phieu-2024-q2-tpht.xlsx");
    fill(
        tpht,
        &filled,
        &[
            ("Tiến độ", &format!("D{r}"), t("Hoàn thành")),
            ("Tiến độ", &format!("E{r}"), V::Date(2024, 6, 1)),
            ("Tiến độ", &format!("F{r}"), V::Blank),
        ],
    );
    let o = nhap(&plan, "2024-Q2", &[&filled], &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("tpht: 6 nhiệm vụ, 1 hoàn thành mới"),
        "{}",
        stdout(&o)
    );
    // The quarter's report takes its own file over the 6-month one of the same day; the
    // 6-month report keeps its own.
    let task = "Nâng cao chất lượng tham mưu ban hành";
    let out = dir.join("out");
    for (ky, status) in [
        ("2024-Q2", "Hoàn thành đúng hạn"),
        ("2024-6t", "Đang thực hiện"),
    ] {
        let o = vanban(&[
            "report",
            plan.to_str().unwrap(),
            "--ky",
            ky,
            "-o",
            out.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        let row = progress_row(
            &out.join(format!("bao-cao-{}.docx", ky.to_lowercase())),
            task,
        );
        assert!(row.contains(status), "{ky}: {row}");
    }
}

mod typed_back {
    //! YAML → phiếu → (typed into a blank form) → nhap gives the same entry back, for
    //! random entries whose texts YAML would misread if written carelessly ("yes", "12",
    //! "a: b", "# …", quotes).
    use super::*;
    use proptest::prelude::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    static CASE: AtomicUsize = AtomicUsize::new(0);
    const ID: &str = "par-van-ban-qppl";

    fn text() -> impl Strategy<Value = String> {
        prop_oneof![
            "[a-zA-Zàáạảãâầấđêếôơưữ0-9 :#'\"/,.-]{1,30}",
            Just("yes".to_string()),
            Just("12".to_string()),
            Just("a: b".to_string()),
            Just("- gạch đầu".to_string()),
        ]
        .prop_map(|s| s.trim().to_string())
        .prop_filter("not blank", |s| !s.is_empty())
    }

    fn entry() -> impl Strategy<Value = serde_yaml::Value> {
        (
            0..3u8,
            0..=100u8,
            0..90u64,
            text(),
            proptest::collection::vec(text(), 0..3),
            proptest::option::of(text()),
        )
            .prop_map(|(status, share, day, ket_qua, san_pham, kho_khan)| {
                let mut m = serde_yaml::Mapping::new();
                let day =
                    chrono::NaiveDate::from_ymd_opt(2023, 12, 15).unwrap() + chrono::Days::new(day);
                match status {
                    0 => {
                        m.insert("trang_thai".into(), "hoàn thành".into());
                        m.insert(
                            "ngay_hoan_thanh".into(),
                            format!("{}", day.format("%-d/%-m/%Y")).into(),
                        );
                    }
                    1 => {
                        m.insert("trang_thai".into(), "đang thực hiện".into());
                        m.insert("ty_le".into(), u64::from(share).into());
                    }
                    _ => {
                        m.insert("trang_thai".into(), "chưa thực hiện".into());
                    }
                }
                m.insert("ket_qua".into(), ket_qua.into());
                if !san_pham.is_empty() {
                    m.insert(
                        "san_pham".into(),
                        serde_yaml::Value::Sequence(san_pham.into_iter().map(Into::into).collect()),
                    );
                }
                if let Some(k) = kho_khan {
                    m.insert("kho_khan".into(), k.into());
                }
                serde_yaml::Value::Mapping(m)
            })
    }

    /// The file's `tien_do`, its completion day as a date (the tool writes "08/3/2024",
    /// "01/01/2024": ND30's zero before days, and before months 1 and 2).
    fn tien_do(file: &Path) -> serde_yaml::Value {
        let v: serde_yaml::Value =
            serde_yaml::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        let mut t = v["tien_do"].clone();
        if let Some(d) = t[ID].get("ngay_hoan_thanh").and_then(|d| d.as_str()) {
            let day = chrono::NaiveDate::parse_from_str(d, "%d/%m/%Y").unwrap();
            t[ID]["ngay_hoan_thanh"] = day.to_string().into();
        }
        t
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 4, ..ProptestConfig::default() })]

        #[test]
        fn an_entry_typed_into_a_blank_form_comes_back_the_same(e in entry()) {
            let n = CASE.fetch_add(1, Ordering::SeqCst);
            let (dir, plan) = seed_copy(&format!("typed-back-{n}"));
            let file = plan.join("bao-cao/2024-q1/tpht.yaml");
            let mut progress = serde_yaml::Mapping::new();
            progress.insert(ID.into(), e);
            let mut top = serde_yaml::Mapping::new();
            top.insert("tien_do".into(), serde_yaml::Value::Mapping(progress));
            std::fs::write(&file, serde_yaml::to_string(&top).unwrap()).unwrap();
            let want = tien_do(&file);
            let original = phieu(&plan, "2024-Q1", &dir.join("original"));
            let name = "phieu-2024-q1-tpht.xlsx";
            std::fs::write(&file, "tien_do: {}\n").unwrap();
            let blank = phieu(&plan, "2024-Q1", &dir.join("blank"));
            let (_, r) = form_rows(&blank[name]).into_iter().find(|(i, _)| i == ID).unwrap();
            let cells: Vec<(String, V)> = inputs(&original[name])[ID]
                .iter()
                .map(|(c, v)| (format!("{}{r}", char::from(b'A' + *c as u8)), v.clone()))
                .collect();
            let edits: Vec<(&str, &str, V)> =
                cells.iter().map(|(c, v)| ("Tiến độ", c.as_str(), v.clone())).collect();
            let filled = dir.join(name);
            fill(&blank[name], &filled, &edits);
            let o = nhap(&plan, "2024-Q1", &[&filled], &[]);
            prop_assert!(o.status.success(), "{}", stderr(&o));
            prop_assert_eq!(tien_do(&file), want);
        }
    }
}

mod garbage {
    //! Whatever a person types into any cell of a form, nhap answers in Vietnamese, by
    //! cell, and exits: never a panic, never a half-written period.
    use super::*;
    use proptest::prelude::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    static CASE: AtomicUsize = AtomicUsize::new(0);

    fn value() -> impl Strategy<Value = V> {
        prop_oneof![
            "\\PC{0,40}".prop_map(V::Text),
            "[0-9/.,: -]{1,14}".prop_map(V::Text),
            (-1e12..1e12f64).prop_map(V::Number),
            (0..3u8).prop_map(|k| V::Number([0.5, 1e300, -0.0][k as usize])),
            (1900..2200i32, 1..=12u32, 1..=28u32).prop_map(|(y, m, d)| V::Date(y, m, d)),
            Just(V::Blank),
        ]
    }

    fn edit() -> impl Strategy<Value = (String, String, V)> {
        (
            prop_oneof![Just("Tiến độ"), Just("TTHC"), Just("_vanban")],
            0..14u8,
            1..20u32,
            value(),
        )
            .prop_map(|(sheet, c, r, v)| {
                (sheet.to_string(), format!("{}{r}", char::from(b'A' + c)), v)
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

        #[test]
        fn any_cell_typed_anywhere_is_answered_not_crashed_on(
            edits in proptest::collection::vec(edit(), 1..8)
        ) {
            let n = CASE.fetch_add(1, Ordering::SeqCst);
            let (dir, plan) = seed_copy(&format!("garbage-{n}"));
            let forms = phieu(&plan, "2024-Q1", &dir.join("forms"));
            let name = "phieu-2024-q1-vptk.xlsx";
            let filled = dir.join("filled").join(name);
            std::fs::create_dir_all(filled.parent().unwrap()).unwrap();
            let typed: Vec<(&str, &str, V)> = edits
                .iter()
                .map(|(s, c, v)| (s.as_str(), c.as_str(), v.clone()))
                .collect();
            fill(&forms[name], &filled, &typed);
            let before = tree(&plan);
            let o = nhap(&plan, "2024-Q1", &[&filled], &[]);
            let err = stderr(&o);
            prop_assert!(matches!(o.status.code(), Some(0 | 1)), "{:?}: {err}", o.status);
            prop_assert!(!err.contains("panicked") && !err.contains("nội bộ"), "{err}");
            if !o.status.success() {
                // Every line names the form (and a cell where there is one); nothing written.
                prop_assert!(err.lines().all(|l| !l.starts_with("lỗi:") || l.contains(name)), "{err}");
                prop_assert!(tree(&plan) == before);
            }
        }
    }
}
