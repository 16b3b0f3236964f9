//! `vanban don-doc`: the công văn đôn đốc, read back as a reader sees it. The Phú Sơn letter
//! of 9 tháng 2024 in DOCX and PDF (header, Kính gửi, items, reply date, Nơi nhận); generated
//! plans whose units, deadlines and statuses the test chooses, the letter checked against what
//! the test computes from them; the `don_doc` settings and their located errors; the usage
//! errors. Day counts are recomputed with chrono from the dates the letter prints.

mod common;
mod pdf_common;

use chrono::{Days, NaiveDate};
use common::shapes::short_day;
use common::*;
use pdf_common::read::{read, Glyph, Page};
use rand::{RngExt, SeedableRng};
use rand_xorshift::XorShiftRng;
use std::path::{Path, PathBuf};
use std::process::Output;

/// `vanban don-doc <dir> --ky <ky> [extra…] -o <dir>/out`: the output folder and the run.
fn don_doc(dir: &Path, ky: &str, extra: &[&str]) -> (PathBuf, Output) {
    let out = dir.join("out");
    let mut args = vec!["don-doc", dir.to_str().unwrap(), "--ky", ky];
    args.extend_from_slice(extra);
    args.extend(["-o", out.to_str().unwrap()]);
    let o = vanban(&args);
    (out, o)
}

fn date(d: u32, m: u32, y: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// "30/9/2024", "05/02/2024" → the day.
fn parse_day(s: &str) -> NaiveDate {
    let v: Vec<u32> = s
        .split('/')
        .map(|x| x.parse().unwrap_or_else(|_| panic!("a date: {s:?}")))
        .collect();
    assert_eq!(v.len(), 3, "a date: {s:?}");
    date(v[0], v[1], v[2] as i32)
}

/// Text without whitespace: a PDF line end is no space.
fn squash(s: &str) -> String {
    s.split_whitespace().collect()
}

/// English words a Vietnamese message must not carry.
fn assert_vietnamese(msg: &str) {
    let low = msg.to_lowercase();
    for w in [
        "expected", "invalid", "unknown", "found", "missing", "error",
    ] {
        assert!(!low.contains(w), "English \"{w}\" in: {msg}");
    }
}

// ---------------------------------------------------------------------------------------
// The letter read back from its DOCX.

/// One item of a unit as the letter words it: "- <nội dung> (<vị trí>; hạn 30/9/2024):
/// đang thực hiện (70%), còn 16 ngày đến hạn."
#[derive(Debug, Clone)]
struct Item {
    text: String,
    /// Everything before " (<vị trí>; hạn …)".
    head: String,
    due: NaiveDate,
    status: String,
    /// Days past the deadline (positive), or days left (negative), as printed.
    overdue: i64,
    is_overdue: bool,
}

fn parse_item(p: &str) -> Item {
    let body = p
        .strip_prefix("- ")
        .unwrap_or_else(|| panic!("an item: {p}"));
    let body = body.trim_end_matches(['.', ';']);
    let (head, tail) = body
        .rsplit_once("): ")
        .unwrap_or_else(|| panic!("no \"): \" in {p}"));
    let (head, due) = head
        .rsplit_once(" hạn ")
        .unwrap_or_else(|| panic!("no deadline in {p}"));
    let (status, when) = tail
        .rsplit_once(", ")
        .unwrap_or_else(|| panic!("no status in {p}"));
    let (overdue, is_overdue) = if let Some(n) = when.strip_prefix("quá hạn ") {
        let n = n.strip_suffix(" ngày").unwrap_or_else(|| panic!("{p}"));
        (n.parse::<i64>().unwrap(), true)
    } else if let Some(n) = when.strip_prefix("còn ") {
        let n = n
            .strip_suffix(" ngày đến hạn")
            .unwrap_or_else(|| panic!("{p}"));
        (-n.parse::<i64>().unwrap(), false)
    } else {
        assert_eq!(when, "đến hạn vào ngày chốt số liệu", "{p}");
        (0, false)
    };
    Item {
        text: p.to_string(),
        // "nhiệm vụ\u{a0}(3)": a no-break space keeps the number with its word.
        head: head.replace('\u{a0}', " "),
        due: parse_day(due),
        status: status.to_string(),
        overdue,
        is_overdue,
    }
}

struct Letter {
    /// The body's top-level paragraphs, in order.
    paragraphs: Vec<String>,
    /// The header's left cell under the agency: "Số: …" and "V/v …".
    so: String,
    v_v: String,
    /// The header's right cell: "Phú Sơn, ngày … tháng … năm …".
    dia_danh: String,
    /// The header's first row, both cells.
    top: String,
    /// Kính gửi as printed: one line, or the lines "- A;" … "- B.".
    kinh_gui: Vec<String>,
    kinh_gui_one_line: bool,
    /// Units in order ("1. Công chức …:" headings, or the one unit), with their items.
    units: Vec<(String, Vec<Item>)>,
    noi_nhan: Vec<String>,
    /// Every text of document.xml, to check what it must not name.
    all_text: String,
}

fn read_letter(docx: &[u8]) -> Letter {
    let xml = part(docx, "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let paragraphs = body_paragraphs(&doc);
    let tbls: Vec<Vec<Vec<String>>> = tables(&doc).iter().map(table_texts).collect();
    let header = &tbls[0];
    let top = header[0].join("\n");
    let (so, v_v) = header[1][0]
        .split_once('\n')
        .unwrap_or((header[1][0].as_str(), ""));
    let dia_danh = header[1][1].clone();

    let (kinh_gui, kinh_gui_one_line) = match paragraphs.iter().find(|p| p.starts_with("Kính gửi"))
    {
        Some(p) => (
            vec![p.strip_prefix("Kính gửi: ").unwrap().to_string()],
            true,
        ),
        None => {
            let t = tbls
                .iter()
                .find(|t| t[0][0] == "Kính gửi:")
                .expect("a Kính gửi table");
            (t[0][1].lines().map(String::from).collect(), false)
        }
    };

    // Units: "N. <unit>:" headings, each followed by its "- " items; one unit has no heading.
    let mut units: Vec<(String, Vec<Item>)> = Vec::new();
    let start = paragraphs
        .iter()
        .position(|p| p.starts_with("Để bảo đảm tiến độ"))
        .expect("the request paragraph");
    for p in &paragraphs[start + 1..] {
        if p.starts_with("Đề nghị ") {
            break;
        }
        if let Some(item) = p.starts_with("- ").then(|| parse_item(p)) {
            if units.is_empty() {
                units.push((String::new(), Vec::new()));
            }
            units.last_mut().unwrap().1.push(item);
        } else {
            let (n, name) = p.split_once(". ").unwrap_or_else(|| panic!("{p}"));
            assert_eq!(n.parse::<usize>().ok(), Some(units.len() + 1), "{p}");
            units.push((name.strip_suffix(':').unwrap().to_string(), Vec::new()));
        }
    }
    let last = tbls.last().unwrap();
    let noi_nhan: Vec<String> = last[0][0].lines().map(String::from).collect();
    let all_text = doc
        .descendants()
        .filter(|n| is(n, "t"))
        .filter_map(|n| n.text())
        .collect::<Vec<_>>()
        .join(" ");
    Letter {
        paragraphs,
        so: so.to_string(),
        v_v: v_v.to_string(),
        dia_danh,
        top,
        kinh_gui,
        kinh_gui_one_line,
        units,
        noi_nhan,
        all_text,
    }
}

impl Letter {
    /// The unit names Kính gửi lists, the "- " and ";"/"." of several taken off.
    fn addressees(&self) -> Vec<String> {
        if self.kinh_gui_one_line {
            return self.kinh_gui.clone();
        }
        let n = self.kinh_gui.len();
        self.kinh_gui
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let l = l.strip_prefix("- ").unwrap_or_else(|| panic!("{l}"));
                let end = if i + 1 == n { '.' } else { ';' };
                l.strip_suffix(end)
                    .unwrap_or_else(|| panic!("line {i} of Kính gửi ends with {end}: {l}"))
                    .to_string()
            })
            .collect()
    }

    fn paragraph(&self, start: &str) -> &str {
        self.paragraphs
            .iter()
            .find(|p| p.starts_with(start))
            .unwrap_or_else(|| panic!("no \"{start}…\" in {:#?}", self.paragraphs))
    }
}

// ---------------------------------------------------------------------------------------
// The letter read back from its PDF.

/// The glyphs of one baseline of `page` split into runs where they are apart by more than
/// twice the font size: the header's two columns are two runs.
fn runs(page: &Page) -> Vec<Vec<&Glyph>> {
    let mut gs: Vec<&Glyph> = page.glyphs.iter().collect();
    gs.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
    let mut out: Vec<Vec<&Glyph>> = Vec::new();
    for g in gs {
        match out.last_mut() {
            Some(run)
                if (run[0].y - g.y).abs() < 0.5 && {
                    let l = run.last().unwrap();
                    g.x - (l.x + l.width) < 2.0 * g.size
                } =>
            {
                run.push(g)
            }
            _ => out.push(vec![g]),
        }
    }
    out
}

fn run_text(run: &[&Glyph]) -> String {
    run.iter().map(|g| g.text.as_str()).collect()
}

/// The horizontal centre of a run's ink, spaces at either end left out.
fn centre(run: &[&Glyph]) -> f32 {
    let ink: Vec<&&Glyph> = run.iter().filter(|g| !g.text.trim().is_empty()).collect();
    let a = ink.iter().map(|g| g.x).fold(f32::MAX, f32::min);
    let b = ink.iter().map(|g| g.x + g.width).fold(f32::MIN, f32::max);
    (a + b) / 2.0
}

/// All text of the PDF in reading order, page numbers (lines of digits only) left out.
fn pdf_text(pages: &[Page]) -> String {
    pages
        .iter()
        .flat_map(|p| p.lines())
        .map(|l| l.1)
        .filter(|l| !l.trim().chars().all(|c| c.is_ascii_digit()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The body paragraphs of the DOCX, from the opening to the reply request, appear in the PDF
/// in the same order, each whole and nothing between them.
fn same_body(letter: &Letter, pdf: &str) {
    let from = letter
        .paragraphs
        .iter()
        .position(|p| p.starts_with("Thực hiện "))
        .expect("the opening");
    let to = letter
        .paragraphs
        .iter()
        .position(|p| p.starts_with("Đề nghị "))
        .expect("the reply request");
    let docx: String = letter.paragraphs[from..=to]
        .iter()
        .map(|p| squash(p))
        .collect();
    let pdf = squash(pdf);
    let start = pdf
        .find(&squash(&letter.paragraphs[from]))
        .expect("the opening in the PDF");
    assert!(
        pdf[start..].starts_with(&docx),
        "the PDF's body differs from the DOCX's:\nDOCX: {docx}\nPDF:  {}",
        &pdf[start..]
    );
}

// ---------------------------------------------------------------------------------------
// 1. Phú Sơn, 9 tháng 2024.

const UNITS_BEHIND: [&str; 3] = [
    "Công chức Văn hóa - xã hội",
    "Công chức Địa chính - xây dựng",
    "Công chức Kế toán - ngân sách",
];

#[test]
fn phu_son_9_thang_2024_in_docx_and_pdf() {
    let dir = scratch("seed");
    copy_dir(&root().join(SEED), &dir);
    let (out, o) = don_doc(&dir, "2024-9T", &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let docx = std::fs::read(out.join("cong-van-don-doc-2024-9t.docx")).unwrap();
    let pdf_bytes = std::fs::read(out.join("cong-van-don-doc-2024-9t.pdf")).unwrap();
    let l = read_letter(&docx);
    let cut_off = date(14, 9, 2024);

    // Header: no type name, Số …/UBND-VP, the V/v line under it.
    assert!(!l.all_text.contains("CÔNG VĂN"), "{}", l.all_text);
    assert!(l.so.starts_with("Số:"), "{}", l.so);
    assert!(l.so.ends_with("/UBND-VP"), "{}", l.so);
    assert_eq!(l.v_v, "V/v đôn đốc thực hiện nhiệm vụ cải cách hành chính");
    assert!(l.top.contains("PHƯỜNG PHÚ SƠN"), "{}", l.top);
    // In the DOCX too the V/v paragraph follows Số in its cell, centred, at 12 pt.
    let xml = part(&docx, "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let header = tables(&doc)[0];
    let cell = children(&children(&header, "tr")[1], "tc")[0];
    let paras = children(&cell, "p");
    assert_eq!(paras.len(), 2);
    assert!(para_text(&paras[0]).starts_with("Số:"));
    let v_v = paras[1];
    assert_eq!(para_text(&v_v), l.v_v);
    let jc = child(&child(&v_v, "pPr").unwrap(), "jc").unwrap();
    assert_eq!(attr(&jc, "val"), Some("center"));
    let sz = child(&first_run_props(&v_v), "sz").expect("a size");
    assert_eq!(attr(&sz, "val"), Some("24"), "12 pt is 24 half-points");
    assert!(l.dia_danh.starts_with("Phú Sơn, ngày"), "{}", l.dia_danh);
    assert!(l.dia_danh.ends_with("tháng 9 năm 2024"), "{}", l.dia_danh);

    // Kính gửi: the three units behind, no other unit of the plan.
    assert!(!l.kinh_gui_one_line);
    assert_eq!(l.addressees(), UNITS_BEHIND);
    let names: Vec<&str> = l.units.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, UNITS_BEHIND);
    let plan = vanban::model::load_plan(&dir.join("plan.yaml"))
        .unwrap()
        .plan;
    assert_eq!(plan.don_vi.len(), 7);
    for (key, u) in &plan.don_vi {
        let named = UNITS_BEHIND.iter().any(|n| n.ends_with(u.ten.as_str()));
        if !named {
            // "Văn hóa - xã hội phụ trách …" contains a unit behind's name: look for its own.
            assert!(
                !l.all_text.contains(u.ten.as_str()),
                "{key} ({}) is named but not behind",
                u.ten
            );
        }
    }

    // The items, each under its unit, with the day counts recomputed from the printed dates.
    let expect = [
        ("(3)", date(30, 9, 2024), "đang thực hiện (70%)", false),
        ("(5)", date(30, 6, 2024), "đang thực hiện (80%)", true),
        ("(6)", date(31, 8, 2024), "đang thực hiện (60%)", true),
    ];
    for ((unit, items), (nr, due, status, overdue)) in l.units.iter().zip(expect) {
        assert_eq!(items.len(), 1, "{unit}: {items:#?}");
        let it = &items[0];
        assert!(
            it.head.ends_with(&format!("nhiệm vụ {nr};")),
            "{:?} in {}",
            it.head,
            it.text
        );
        assert_eq!(it.due, due, "{}", it.text);
        assert_eq!(it.status, status, "{}", it.text);
        assert_eq!(it.is_overdue, overdue, "{}", it.text);
        assert_eq!(it.overdue, (cut_off - it.due).num_days(), "{}", it.text);
    }
    assert!(l.units[0].1[0].text.ends_with("còn 16 ngày đến hạn."));
    assert!(l.units[1].1[0].text.ends_with("quá hạn 76 ngày."));
    assert!(l.units[2].1[0].text.ends_with("quá hạn 14 ngày."));
    let opening = l.paragraph("Thực hiện ");
    assert!(
        opening.contains("(số liệu tính đến ngày 14/9/2024)"),
        "{opening}"
    );
    assert!(
        opening.contains("còn 2 nhiệm vụ quá hạn và 1 nhiệm vụ sắp đến hạn (đến ngày 14/10/2024)"),
        "{opening}"
    );

    // Reply by 15 days after the cut-off, the letter's day being blank.
    let reply = l.paragraph("Đề nghị ");
    let by = reply
        .split_once("trước ngày ")
        .map(|(_, r)| r.trim_end_matches("./."))
        .expect("a reply date");
    assert_eq!(parse_day(by), cut_off + Days::new(15), "{reply}");
    assert_eq!(by, "29/9/2024");
    assert_eq!(l.noi_nhan.first().map(String::as_str), Some("Nơi nhận:"));
    assert_eq!(l.noi_nhan.get(1).map(String::as_str), Some("- Như trên;"));

    // The PDF: the same header and body.
    let pdf = read(&pdf_bytes);
    let text = pdf_text(&pdf.pages);
    assert!(!text.contains("CÔNG VĂN"));
    same_body(&l, &text);
    let first = &pdf.pages[0];
    let rs = runs(first);
    let find = |start: &str| {
        rs.iter()
            .find(|r| run_text(r).starts_with(start))
            .unwrap_or_else(|| {
                let all: Vec<String> = rs.iter().map(|r| run_text(r)).collect();
                panic!("no run \"{start}…\" on page 1: {all:#?}")
            })
    };
    let agency = find("ỦY BAN NHÂN DÂN");
    let so = find("Số:");
    assert!(
        run_text(so).trim_end().ends_with("/UBND-VP"),
        "{}",
        run_text(so)
    );
    // The V/v line, wrapped or not: the runs after Số up to the Kính gửi.
    let at = rs.iter().position(|r| std::ptr::eq(r, so)).unwrap();
    let v_v: Vec<&Vec<&Glyph>> = rs[at + 1..]
        .iter()
        .take_while(|r| !run_text(r).starts_with("Kính gửi"))
        .filter(|r| r[0].x < first.width() / 2.0)
        .collect();
    assert!(!v_v.is_empty(), "no V/v line under Số");
    let joined: String = v_v
        .iter()
        .map(|r| run_text(r))
        .collect::<Vec<_>>()
        .join(" ");
    assert_eq!(squash(&joined), squash(&l.v_v));
    let axis = centre(agency);
    // The left column of the header table (_dau-van-ban.xml: 67.5 mm wide, indented -3.5 mm
    // from the 30 mm left margin) is centred 60.25 mm from the page's edge.
    let mm = 72.0 / 25.4;
    assert!(
        (axis - 60.25 * mm).abs() < 1.0,
        "agency centred at {} mm",
        axis / mm
    );
    assert!((centre(so) - axis).abs() < 1.0, "Số off the column's axis");
    for r in &v_v {
        assert!(r[0].y < so[0].y - 12.0, "V/v not below Số: {}", run_text(r));
        assert!(
            (centre(r) - axis).abs() < 1.0,
            "V/v line \"{}\" centred at {}, the column at {axis}",
            run_text(r),
            centre(r)
        );
        assert!(r.iter().all(|g| (g.size - 12.0).abs() < 0.01), "not 12 pt");
        // Inside the left column: left of the right column's text.
        let right = find("Phú Sơn, ngày");
        assert!(r.last().unwrap().x + r.last().unwrap().width < right[0].x);
    }
}

// ---------------------------------------------------------------------------------------
// 2. Generated plans: who is behind, computed here.

/// Units a generated plan may have: key, ten, ngan, and how a letter addresses it.
const UNIT_POOL: [(&str, &str, Option<&str>, &str); 8] = [
    (
        "vp",
        "Văn phòng - thống kê",
        Some("Công chức VPTK"),
        "Công chức Văn phòng - thống kê",
    ),
    (
        "tp",
        "Tư pháp - hộ tịch",
        Some("Công chức TPHT"),
        "Công chức Tư pháp - hộ tịch",
    ),
    (
        "vh",
        "Văn hóa - xã hội",
        Some("Công chức VHXH"),
        "Công chức Văn hóa - xã hội",
    ),
    (
        "dc",
        "Địa chính - xây dựng",
        Some("Công chức ĐCXD"),
        "Công chức Địa chính - xây dựng",
    ),
    (
        "kt",
        "Kế toán - ngân sách",
        Some("Công chức KTNS"),
        "Công chức Kế toán - ngân sách",
    ),
    (
        "ca",
        "Công an phường",
        Some("Công an phường"),
        "Công an phường",
    ),
    (
        "qs",
        "Ban Chỉ huy quân sự phường",
        None,
        "Ban Chỉ huy quân sự phường",
    ),
    (
        "mt",
        "Ủy ban Mặt trận Tổ quốc phường",
        Some("MTTQ"),
        "Ủy ban Mặt trận Tổ quốc phường",
    ),
];

const FREE_LEAD: &str = "Ban Chỉ đạo cải cách hành chính phường";

#[derive(Debug, Clone, Copy, PartialEq)]
enum State {
    Done(NaiveDate),
    InProgress(u32),
    NotStarted,
    NotReported,
}

#[derive(Debug, Clone)]
struct Task {
    id: String,
    content: String,
    /// Unit keys, or [`FREE_LEAD`].
    leads: Vec<String>,
    due: NaiveDate,
    state: State,
}

struct Generated {
    /// Indices into [`UNIT_POOL`] of the plan's `don_vi`.
    units: Vec<usize>,
    tasks: Vec<Task>,
}

const CUT_OFF_9T: (u32, u32, i32) = (14, 9, 2024);

fn cut_off() -> NaiveDate {
    date(CUT_OFF_9T.0, CUT_OFF_9T.1, CUT_OFF_9T.2)
}

/// Days from the cut-off worth a deadline: both sides of it and of the 30-day window's end.
const OFFSETS: [i64; 12] = [-230, -76, -31, -1, 0, 1, 16, 29, 30, 31, 45, 100];

/// A plan of `n` units (from the pool, in a seeded order) of which the first `behind` have
/// work overdue or due within 30 days at the 9-tháng cut-off; the others have everything
/// done, or only deadlines further off. Leads, deadlines and statuses drawn from `seed`.
fn generate(seed: u64, n: usize, behind: usize) -> Generated {
    let mut rng = XorShiftRng::seed_from_u64(seed ^ 0x0C04_E7A4);
    let mut pool: Vec<usize> = (0..UNIT_POOL.len()).collect();
    let mut units = Vec::new();
    for _ in 0..n {
        units.push(pool.remove(rng.random_range(0..pool.len())));
    }
    let cut = cut_off();
    let plus = |d: i64| {
        if d >= 0 {
            cut + Days::new(d as u64)
        } else {
            cut - Days::new((-d) as u64)
        }
    };
    let mut tasks: Vec<Task> = Vec::new();
    let push = |tasks: &mut Vec<Task>, leads: Vec<String>, due: NaiveDate, state: State| {
        let k = tasks.len() + 1;
        tasks.push(Task {
            id: format!("nv-{k}"),
            content: format!("Thực hiện nội dung công việc mã CV{k:03} trong kế hoạch năm 2024"),
            leads,
            due,
            state,
        });
    };
    // Round robin over the units so that units' items interleave in plan order.
    let rounds = rng.random_range(2..=4);
    for round in 0..rounds {
        for (i, &u) in units.iter().enumerate() {
            let key = UNIT_POOL[u].0.to_string();
            if i < behind {
                let due = plus(OFFSETS[rng.random_range(0..OFFSETS.len())]);
                let state = match rng.random_range(0..5) {
                    0 => State::Done(due.min(cut) - Days::new(rng.random_range(0..20))),
                    1 => State::InProgress(rng.random_range(1..100)),
                    2 => State::NotStarted,
                    3 => State::NotReported,
                    _ => State::InProgress(rng.random_range(1..100)),
                };
                // The unit's first item is surely behind.
                let (due, state) = if round == 0 {
                    (
                        plus(rng.random_range(-200..=30)),
                        State::InProgress(rng.random_range(1..100)),
                    )
                } else {
                    (due, state)
                };
                // Now and then led together with another unit behind, or with free text.
                let mut leads = vec![key];
                match rng.random_range(0..6) {
                    0 if behind > 1 => {
                        let other = UNIT_POOL[units[(i + 1) % behind]].0.to_string();
                        leads.push(other);
                    }
                    1 => leads.insert(0, FREE_LEAD.to_string()),
                    _ => {}
                }
                push(&mut tasks, leads, due, state);
            } else {
                // Quiet: done (late or not), or due more than 30 days after the cut-off.
                let (due, state) = if rng.random_bool(0.5) {
                    let due = plus(rng.random_range(-200..=30));
                    let done = (due + Days::new(rng.random_range(0..20)) - Days::new(10)).min(cut);
                    (due, State::Done(done))
                } else {
                    let state = [State::NotStarted, State::NotReported, State::InProgress(5)]
                        [rng.random_range(0..3)];
                    (plus(rng.random_range(31..=100)), state)
                };
                push(&mut tasks, vec![key], due, state);
            }
        }
    }
    // Deadlines on the edges, one per unit behind: the cut-off day itself, the window's last
    // day, the day after it (not behind), the day before the cut-off.
    for (i, &u) in units.iter().enumerate().take(behind) {
        let off = [0, 30, 31, -1][i % 4];
        let key = UNIT_POOL[u].0.to_string();
        push(&mut tasks, vec![key], plus(off), State::NotStarted);
    }
    // Behind but led by no unit: never addressed.
    push(
        &mut tasks,
        vec![FREE_LEAD.to_string()],
        plus(-10),
        State::NotStarted,
    );
    Generated { units, tasks }
}

impl Generated {
    fn plan_yaml(&self) -> String {
        let mut y = String::from(
            "loai: ke-hoach\n\
             co_quan: {chu_quan: [UBND THỊ XÃ BỈM SƠN], ten: [ỦY BAN NHÂN DÂN, PHƯỜNG ĐÔNG SƠN], ten_day_du: Ủy ban nhân dân phường Đông Sơn, viet_tat: UBND}\n\
             so: 7\n\
             dia_danh: Đông Sơn\n\
             ngay: {ngay: 5, thang: 1, nam: 2024}\n\
             trich_yeu: Thực hiện công tác cải cách hành chính năm 2024\n\
             don_vi:\n",
        );
        for &u in &self.units {
            let (key, ten, ngan, _) = UNIT_POOL[u];
            match ngan {
                Some(n) => y.push_str(&format!("  {key}: {{ten: {ten}, ngan: {n}}}\n")),
                None => y.push_str(&format!("  {key}: {{ten: {ten}}}\n")),
            }
        }
        y.push_str(
            "mo_dau:\n  - \"Ủy ban nhân dân phường xây dựng Kế hoạch như sau:\"\n\
             noi_dung:\n  - tieu_de: NHIỆM VỤ\n    muc:\n      - tieu_de: Nhiệm vụ trọng tâm.\n        nhiem_vu:\n",
        );
        for t in &self.tasks {
            let leads: Vec<String> = t.leads.iter().map(|l| format!("\"{l}\"")).collect();
            y.push_str(&format!(
                "          - {{id: {}, noi_dung: \"{}\", chu_tri: [{}], han: {}}}\n",
                t.id,
                t.content,
                leads.join(", "),
                short_day(t.due)
            ));
        }
        y.push_str(
            "noi_nhan:\n  - {ten: Phòng Nội vụ, de: b/c}\n\
             ky: {hinh_thuc: TM, tap_the: Ủy ban nhân dân, chuc_vu: Chủ tịch, ho_ten: Lê Văn Hùng}\n",
        );
        y
    }

    fn period_yaml(&self) -> String {
        let mut y = String::from("tien_do:\n");
        for t in &self.tasks {
            match t.state {
                State::Done(d) => y.push_str(&format!(
                    "  {}: {{trang_thai: hoàn thành, ngay_hoan_thanh: {}}}\n",
                    t.id,
                    short_day(d)
                )),
                State::InProgress(p) => y.push_str(&format!(
                    "  {}: {{trang_thai: đang thực hiện, ty_le: {p}}}\n",
                    t.id
                )),
                State::NotStarted => {
                    y.push_str(&format!("  {}: {{trang_thai: chưa thực hiện}}\n", t.id))
                }
                State::NotReported => {}
            }
        }
        y
    }

    fn write(&self, dir: &Path) {
        std::fs::write(dir.join("plan.yaml"), self.plan_yaml()).unwrap();
        std::fs::create_dir_all(dir.join("bao-cao")).unwrap();
        std::fs::write(dir.join("bao-cao/2024-9t.yaml"), self.period_yaml()).unwrap();
    }

    /// Whether a task is behind at the cut-off: not done, and past its deadline or due
    /// within 30 days after the cut-off.
    fn is_behind(t: &Task) -> bool {
        !matches!(t.state, State::Done(_)) && t.due <= cut_off() + Days::new(30)
    }

    /// The units written to, in the order the plan first leads a task behind, each with its
    /// tasks behind: overdue first, then due soon, in plan order.
    fn expected(&self) -> Vec<(usize, Vec<&Task>)> {
        let mut out: Vec<(usize, Vec<&Task>)> = Vec::new();
        for t in self.tasks.iter().filter(|t| Self::is_behind(t)) {
            for l in &t.leads {
                let Some(&u) = self.units.iter().find(|&&u| UNIT_POOL[u].0 == l) else {
                    continue;
                };
                match out.iter_mut().find(|(x, _)| *x == u) {
                    Some((_, v)) => v.push(t),
                    None => out.push((u, vec![t])),
                }
            }
        }
        for (_, v) in &mut out {
            v.sort_by_key(|t| t.due >= cut_off());
        }
        out
    }
}

fn status_words(s: State) -> String {
    match s {
        State::InProgress(p) => format!("đang thực hiện ({p}%)"),
        State::NotStarted => "chưa thực hiện".into(),
        State::NotReported => "chưa báo cáo tiến độ".into(),
        State::Done(_) => unreachable!("a done task is not behind"),
    }
}

/// Writes the plan of `(seed, n, behind)`, runs don-doc, and checks the letter against
/// what the test computes.
fn check_generated(seed: u64, n: usize, behind: usize) {
    let what = format!("seed {seed}, {n} units, {behind} behind");
    let g = generate(seed, n, behind);
    let dir = scratch(&format!("gen-{seed}"));
    g.write(&dir);
    let (out, o) = don_doc(&dir, "2024-9T", &[]);
    assert_eq!(o.status.code(), Some(0), "{what}: {}", stderr(&o));
    let docx = std::fs::read(out.join("cong-van-don-doc-2024-9t.docx")).unwrap();
    let l = read_letter(&docx);
    let expected = g.expected();
    assert_eq!(
        expected.len(),
        behind,
        "{what}: the generator's own promise"
    );
    let cut = cut_off();

    // Kính gửi: exactly the units behind, in order; one of them on one line.
    let names: Vec<&str> = expected.iter().map(|(u, _)| UNIT_POOL[*u].3).collect();
    assert_eq!(l.addressees(), names, "{what}");
    assert_eq!(l.kinh_gui_one_line, behind == 1, "{what}: {:?}", l.kinh_gui);
    if behind == 1 {
        let p = l.paragraph("Kính gửi");
        assert_eq!(p, format!("Kính gửi: {}", names[0]), "{what}");
        assert!(l
            .paragraph("Để bảo đảm")
            .contains(&format!("yêu cầu {}", names[0])));
        assert!(l
            .paragraph("Đề nghị ")
            .starts_with(&format!("Đề nghị {} báo cáo", names[0])));
    }
    // Units everything of which is done or far off are named nowhere.
    for &u in &g.units[behind..] {
        let (key, ten, _, _) = UNIT_POOL[u];
        assert!(!l.all_text.contains(ten), "{what}: {key} ({ten}) named");
    }
    assert!(
        !l.all_text.contains(FREE_LEAD),
        "{what}: free-text lead named"
    );
    let pdf = read(&std::fs::read(out.join("cong-van-don-doc-2024-9t.pdf")).unwrap());
    let pdf_text = pdf_text(&pdf.pages);
    for &u in &g.units[behind..] {
        assert!(
            !squash(&pdf_text).contains(&squash(UNIT_POOL[u].1)),
            "{what}: PDF"
        );
    }

    // Each unit's items, as computed here; the day counts from the printed dates.
    assert_eq!(l.units.len(), behind, "{what}");
    for ((name, items), (u, tasks)) in l.units.iter().zip(&expected) {
        if behind > 1 {
            assert_eq!(name, UNIT_POOL[*u].3, "{what}");
        }
        let heads: Vec<String> = items.iter().map(|i| i.head.clone()).collect();
        assert_eq!(items.len(), tasks.len(), "{what}: {name}: {heads:#?}");
        for (it, t) in items.iter().zip(tasks) {
            let at = format!("{what}: {name}: {}", it.text);
            assert!(it.head.starts_with(&format!("{} (", t.content)), "{at}");
            assert_eq!(it.due, t.due, "{at}");
            assert_eq!(it.status, status_words(t.state), "{at}");
            assert_eq!(it.overdue, (cut - it.due).num_days(), "{at}");
            assert_eq!(it.is_overdue, t.due < cut, "{at}");
        }
    }
    // The counts of the opening: distinct tasks overdue and due soon over all units.
    let mut led: Vec<&Task> = expected
        .iter()
        .flat_map(|(_, v)| v.iter().copied())
        .collect();
    led.sort_by_key(|t| t.id.clone());
    led.dedup_by_key(|t| t.id.clone());
    let overdue = led.iter().filter(|t| t.due < cut).count();
    let soon = led.len() - overdue;
    let opening = l.paragraph("Thực hiện ");
    let counts = match (overdue, soon) {
        (o, 0) => format!("còn {o} nhiệm vụ quá hạn chưa hoàn thành"),
        (0, s) => format!("có {s} nhiệm vụ sắp đến hạn"),
        (o, s) => format!("còn {o} nhiệm vụ quá hạn và {s} nhiệm vụ sắp đến hạn"),
    };
    assert!(opening.contains(&counts), "{what}: {counts} in {opening}");

    // The free-text lead's task is warned about, not sent.
    assert!(
        stderr(&o).contains("không có đơn vị chủ trì"),
        "{what}: {}",
        stderr(&o)
    );

    // The PDF carries the same body.
    same_body(&l, &pdf_text);
}

#[test]
fn generated_plans_address_exactly_the_units_behind() {
    for (seed, n, behind) in [(1, 2, 1), (2, 5, 3), (3, 8, 5), (4, 4, 1), (5, 6, 6)] {
        check_generated(seed, n, behind);
    }
}

#[test]
fn nothing_behind_writes_nothing_and_says_so() {
    let mut g = generate(9, 4, 0);
    // Even the free-text lead's task is done.
    for t in &mut g.tasks {
        if !matches!(t.state, State::Done(_)) && t.due <= cut_off() + Days::new(30) {
            t.state = State::Done(t.due.min(cut_off()));
        }
    }
    let dir = scratch("nothing");
    g.write(&dir);
    let (out, o) = don_doc(&dir, "2024-9T", &[]);
    let msg = stderr(&o);
    assert!(msg.contains("không có gì để đôn đốc"), "{msg}");
    assert!(msg.contains("14/9/2024"), "{msg}");
    assert_vietnamese(&msg);
    let written: Vec<_> = std::fs::read_dir(&out)
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(written.is_empty(), "{written:?}");
    // As any document that could not be made: exit 1 (2 is for a wrong command line).
    assert_eq!(o.status.code(), Some(1), "{msg}");
}

// ---------------------------------------------------------------------------------------
// 3. Settings, 4. their located errors.

/// The seed plan in a scratch folder with `don_doc` appended to chung.yaml and, if any, to
/// the period's data.
fn seed_with(name: &str, common: &str, period: Option<&str>) -> PathBuf {
    let dir = scratch(name);
    copy_dir(&root().join(SEED), &dir);
    let append = |file: &str, text: &str| {
        let p = dir.join("bao-cao").join(file);
        let mut s = std::fs::read_to_string(&p).unwrap();
        if !s.ends_with('\n') {
            s.push('\n');
        }
        s.push_str(text);
        std::fs::write(p, s).unwrap();
    };
    append("chung.yaml", common);
    if let Some(p) = period {
        append("2024-9t.yaml", p);
    }
    dir
}

/// The line and column (1-based) of `file` where `needle` starts a line after its
/// indentation.
fn place_of(file: &Path, needle: &str) -> (usize, usize) {
    let s = std::fs::read_to_string(file).unwrap();
    let hits: Vec<(usize, usize)> = s
        .lines()
        .enumerate()
        .filter(|(_, l)| l.trim_start().starts_with(needle))
        .map(|(i, l)| (i + 1, l.len() - l.trim_start().len() + 1))
        .collect();
    assert_eq!(hits.len(), 1, "{needle} in {}", file.display());
    hits[0]
}

const SETTINGS: &str =
    "don_doc:\n  so: 12\n  ngay: 20/9/2024\n  ky_hieu: UBND-VP\n  han_bao_cao: 5/10/2024\n";

fn letter_of(dir: &Path) -> Letter {
    let (out, o) = don_doc(dir, "2024-9T", &["--format", "docx"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    read_letter(&std::fs::read(out.join("cong-van-don-doc-2024-9t.docx")).unwrap())
}

fn reply_day(l: &Letter) -> String {
    let p = l.paragraph("Đề nghị ");
    p.split_once("trước ngày ")
        .map(|(_, r)| r.trim_end_matches("./.").to_string())
        .unwrap_or_else(|| panic!("{p}"))
}

#[test]
fn settings_of_chung_yaml_and_the_period_which_wins() {
    let dir = seed_with("settings", SETTINGS, None);
    let l = letter_of(&dir);
    assert_eq!(l.so, "Số: 12/UBND-VP");
    assert_eq!(l.dia_danh, "Phú Sơn, ngày 20 tháng 9 năm 2024");
    assert_eq!(reply_day(&l), short_day(date(5, 10, 2024)));
    assert_eq!(reply_day(&l), "05/10/2024");

    // The period's han_bao_cao over chung.yaml's, the rest still chung.yaml's.
    let dir = seed_with(
        "settings-period",
        SETTINGS,
        Some("don_doc:\n  han_bao_cao: 8/10/2024\n"),
    );
    let l = letter_of(&dir);
    assert_eq!(l.so, "Số: 12/UBND-VP");
    assert_eq!(l.dia_danh, "Phú Sơn, ngày 20 tháng 9 năm 2024");
    assert_eq!(reply_day(&l), "08/10/2024");

    // No han_bao_cao: 15 days after the letter's date.
    let dir = seed_with("settings-default", "don_doc:\n  ngay: 20/9/2024\n", None);
    let l = letter_of(&dir);
    assert_eq!(parse_day(&reply_day(&l)), date(20, 9, 2024) + Days::new(15));
    // No number: the văn thư writes it; the default symbol is the agency's and VP.
    let number = l.so.strip_prefix("Số:").unwrap().strip_suffix("/UBND-VP");
    assert!(
        number.is_some_and(|n| !n.chars().any(|c| c.is_ascii_digit())),
        "{}",
        l.so
    );
}

/// Runs don-doc on `dir`, expects a data error located at the line of `file` starting with
/// `needle`, on the field `path`, in Vietnamese, and nothing written; the message.
fn located(dir: &Path, file: &str, needle: &str, path: &str) -> String {
    let (out, o) = don_doc(dir, "2024-9T", &[]);
    let msg = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{msg}");
    let (line, column) = place_of(&dir.join("bao-cao").join(file), needle);
    let at = format!("{file}:{line}:{column}:");
    assert!(msg.contains(&at), "{at} in {msg}");
    assert!(msg.contains(&format!("`{path}`")), "`{path}` in {msg}");
    assert_vietnamese(&msg);
    assert!(!out.join("cong-van-don-doc-2024-9t.docx").exists());
    msg
}

#[test]
fn reply_day_not_after_the_letter_is_located() {
    let s = SETTINGS.replace("5/10/2024", "20/9/2024");
    let msg = located(
        &seed_with("err-reply", &s, None),
        "chung.yaml",
        "han_bao_cao:",
        "don_doc.han_bao_cao",
    );
    assert!(msg.contains("20/9/2024"), "{msg}");
    // The period's own, wrong, names the period's file.
    let dir = seed_with(
        "err-reply-period",
        SETTINGS,
        Some("don_doc:\n  han_bao_cao: 19/9/2024\n"),
    );
    located(&dir, "2024-9t.yaml", "han_bao_cao:", "don_doc.han_bao_cao");
}

#[test]
fn empty_ky_hieu_is_located() {
    let s = SETTINGS.replace("ky_hieu: UBND-VP", "ky_hieu: \"\"");
    located(
        &seed_with("err-ky-hieu", &s, None),
        "chung.yaml",
        "ky_hieu:",
        "don_doc.ky_hieu",
    );
}

#[test]
fn unknown_key_in_don_doc_is_located() {
    let s = SETTINGS.replace("han_bao_cao:", "han_bao_cau:");
    let msg = located(
        &seed_with("err-key", &s, None),
        "chung.yaml",
        "han_bao_cau:",
        "don_doc",
    );
    assert!(msg.contains("han_bao_cau"), "{msg}");
    assert!(msg.contains("han_bao_cao"), "a suggestion: {msg}");
}

#[test]
fn a_letter_date_that_does_not_exist_is_located() {
    let s = SETTINGS.replace("ngay: 20/9/2024", "ngay: 31/2/2024");
    let msg = located(
        &seed_with("err-date", &s, None),
        "chung.yaml",
        "ngay: 31/2/2024",
        "don_doc.ngay",
    );
    assert!(msg.contains("ngày 31 tháng 2 năm 2024"), "{msg}");
    // What was found is said once.
    assert_eq!(msg.matches("gặp").count(), 1, "{msg}");
}

// ---------------------------------------------------------------------------------------
// 6. A bad period.

#[test]
fn a_bad_period_is_a_usage_error_in_vietnamese() {
    for ky in ["2024-13T", "2024-Q5", "9T-2024"] {
        let o = vanban(&["don-doc", SEED, "--ky", ky, "-o", "/nonexistent/x"]);
        let msg = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{ky}: {msg}");
        assert!(msg.contains(&format!("kỳ \"{ky}\" không hợp lệ")), "{msg}");
        assert!(msg.contains("2024-9T"), "the forms listed: {msg}");
        assert_vietnamese(&msg);
    }
}
