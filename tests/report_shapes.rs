//! `vanban report` on generated plans of many shapes with generated progress data
//! (tests/common/shapes.rs `report_case`): quý I as a folder of unit files, 6 tháng as one
//! file, quý III for some seeds; statuses of every kind, completed tasks left out of later
//! files, recurring rows, Biểu 06 rows spread over unit files, cut-offs moved to the quarter
//! ends. Each report is read back from its DOCX (and its PDF's text) and checked against
//! what the generator expects, which it computes from what it wrote, not through vanban.
//! The numbers are parsed out of the sentences, not compared with a copy of their wording.

mod common;
mod pdf_common;

use common::shapes::{self, Case, Expected, Status, Tracked, INDEX_KEYS};
use common::*;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// 24 shapes, and seed 45: a plan that tracks nothing (no tasks, no appendix). To try
/// others: `VANBAN_REPORT_SEEDS=100..400 cargo test --test report_shapes`.
fn seeds() -> Vec<u64> {
    if let Ok(range) = std::env::var("VANBAN_REPORT_SEEDS") {
        let (a, b) = range.split_once("..").expect("seeds as a..b");
        return (a.parse().unwrap()..b.parse().unwrap()).collect();
    }
    (0..24).chain([45]).collect()
}

/// The integers of `s` in order (Vietnamese thousands "1.234" read whole); rates ("28,6%")
/// are left out.
fn numbers(s: &str) -> Vec<u64> {
    tokens(s)
        .into_iter()
        .filter(|t| !t.ends_with('%'))
        .map(|t| t.replace('.', "").parse().unwrap())
        .collect()
}

/// The rates of `s` ("28,6%" → 28.6), in order.
fn rates(s: &str) -> Vec<f64> {
    tokens(s)
        .into_iter()
        .filter_map(|t| t.strip_suffix('%').map(rate_value))
        .collect()
}

fn rate_value(t: &str) -> f64 {
    t.trim_end_matches('%')
        .replace(',', ".")
        .parse()
        .unwrap_or_else(|_| panic!("a rate: {t:?}"))
}

/// Runs of digits with their "." and "," inside, and a "%" right after.
fn tokens(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let mut t = String::new();
        while i < chars.len()
            && (chars[i].is_ascii_digit()
                || ((chars[i] == '.' || chars[i] == ',')
                    && chars.get(i + 1).is_some_and(char::is_ascii_digit)))
        {
            t.push(chars[i]);
            i += 1;
        }
        if chars.get(i) == Some(&'%') {
            t.push('%');
        }
        out.push(t);
    }
    out
}

/// The first day written d/m/yyyy in `s`.
fn date_in(s: &str) -> Option<chrono::NaiveDate> {
    s.split(|c: char| !(c.is_ascii_digit() || c == '/'))
        .find(|w| w.matches('/').count() == 2)
        .and_then(|w| {
            let p: Vec<u32> = w
                .split('/')
                .map(|x| x.parse().ok())
                .collect::<Option<_>>()?;
            chrono::NaiveDate::from_ymd_opt(p[2] as i32, p[1], p[0])
        })
}

/// Per cent of `part` in `whole`, 0 for none.
fn exact(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 * 100.0 / whole as f64
    }
}

/// A printed rate (one decimal) is the exact rate rounded.
fn close(printed: f64, exact: f64) -> bool {
    (printed - exact).abs() <= 0.05 + 1e-9
}

/// Counts of statuses, as the generator expects them.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
struct Counts {
    total: usize,
    on_time: usize,
    late: usize,
    wip: usize,
    wip_overdue: usize,
    idle: usize,
    idle_overdue: usize,
    silent: usize,
    silent_overdue: usize,
}

impl Counts {
    fn of<'a>(list: impl IntoIterator<Item = &'a Status>) -> Counts {
        let mut c = Counts::default();
        for s in list {
            c.total += 1;
            *match s {
                Status::DoneOnTime => &mut c.on_time,
                Status::DoneLate => &mut c.late,
                Status::InProgress => &mut c.wip,
                Status::InProgressOverdue => &mut c.wip_overdue,
                Status::NotStarted => &mut c.idle,
                Status::NotStartedOverdue => &mut c.idle_overdue,
                Status::NotReported => &mut c.silent,
                Status::NotReportedOverdue => &mut c.silent_overdue,
            } += 1;
        }
        c
    }
    fn done(&self) -> usize {
        self.on_time + self.late
    }
    fn overdue(&self) -> usize {
        self.wip_overdue + self.idle_overdue + self.silent_overdue
    }
    fn rate(&self) -> f64 {
        exact(self.done(), self.total)
    }
}

/// The row keys of the per-unit table an item counts in: its units, free text as "others",
/// none as "unassigned".
fn unit_keys(t: &Tracked) -> Vec<&'static str> {
    if t.lead.is_empty() {
        return vec!["none"];
    }
    let mut v: Vec<&'static str> = Vec::new();
    for l in &t.lead {
        let k = match l.as_str() {
            "vp" => "vp",
            "tp" => "tp",
            _ => "khac",
        };
        if !v.contains(&k) {
            v.push(k);
        }
    }
    v
}

fn unit_name(k: &str) -> &'static str {
    match k {
        "vp" => "Văn phòng - thống kê",
        "tp" => "Tư pháp - hộ tịch",
        "khac" => "Đơn vị, tổ chức khác",
        _ => "Chưa phân công chủ trì",
    }
}

fn index_name(k: &str) -> &'static str {
    match k {
        "par-index" => "PAR INDEX",
        "sipas" => "SIPAS",
        "papi" => "PAPI",
        "pci" => "PCI",
        _ => "PGI",
    }
}

/// Expected figure rows: name → counts.
type Rows = BTreeMap<&'static str, Counts>;

/// One status's count in a row's counts (a chart series).
type CountOf = fn(&Counts) -> usize;

/// Expected figure rows by index and by unit.
fn by_index(case: &Case, status: &[Status]) -> Rows {
    let mut m: BTreeMap<&'static str, Vec<Status>> = BTreeMap::new();
    for (t, s) in case.tracked.iter().zip(status) {
        for k in &t.indices {
            m.entry(index_name(k)).or_default().push(*s);
        }
    }
    m.into_iter().map(|(k, v)| (k, Counts::of(&v))).collect()
}

fn by_unit(case: &Case, status: &[Status]) -> Rows {
    let mut m: BTreeMap<&'static str, Vec<Status>> = BTreeMap::new();
    for (t, s) in case.tracked.iter().zip(status) {
        for k in unit_keys(t) {
            m.entry(unit_name(k)).or_default().push(*s);
        }
    }
    m.into_iter().map(|(k, v)| (k, Counts::of(&v))).collect()
}

/// "- Đang thực hiện 5 nhiệm vụ, trong đó trong hạn 3, quá hạn 2;": the total and how it
/// splits between the parts labelled `a` and `b` ("đều trong hạn" or "quá hạn" alone: all
/// of them). A line without a number says none.
fn split_line(line: &str, a: &str, b: &str) -> (usize, usize, usize) {
    let n = numbers(line);
    let Some(&total) = n.first() else {
        return (0, 0, 0);
    };
    let total = total as usize;
    // The clauses after "N nhiệm vụ", the rate ("đạt 28,6%") taken out.
    let rest = line.split_once("nhiệm vụ").map_or("", |x| x.1);
    let mut parts: BTreeMap<String, Option<usize>> = BTreeMap::new();
    for clause in rest.split([',', ';', '.']) {
        let c = clause.trim();
        let c = c.strip_prefix("trong đó ").unwrap_or(c);
        let c = c.strip_prefix("đều ").unwrap_or(c);
        if c.is_empty() || c.starts_with("đạt") || c.chars().all(|x| x.is_ascii_digit() || x == '%')
        {
            continue;
        }
        let (label, count) = match c.rsplit_once(' ') {
            Some((l, n)) if n.chars().all(|x| x.is_ascii_digit()) => {
                (l.to_string(), Some(n.parse().unwrap()))
            }
            _ => (c.to_string(), None),
        };
        parts.insert(label, count);
    }
    let take = |label: &str| match parts.get(label) {
        Some(Some(n)) => *n,
        Some(None) => total,
        None => 0,
    };
    let (x, y) = (take(a), take(b));
    assert!(
        parts.keys().all(|k| k == a || k == b),
        "clauses {parts:?} of {line:?}"
    );
    (total, x, y)
}

/// Text with every whitespace removed, to find a sentence in a PDF's lines.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

struct Read {
    paras: Vec<String>,
    tables: Vec<Vec<Vec<String>>>,
    docx: Vec<u8>,
    pdf_text: String,
}

fn read(out: &Path, key: &str) -> Read {
    let docx = std::fs::read(out.join(format!("bao-cao-{key}.docx"))).unwrap();
    let xml = part(&docx, "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let paras = body_paragraphs(&doc);
    let tables = tables(&doc).iter().map(table_texts).collect();
    let pdf = std::fs::read(out.join(format!("bao-cao-{key}.pdf"))).unwrap();
    let pdf = pdf_common::read::read(&pdf);
    // Each page's lines, the page number at its top left out.
    let pdf_text = pdf
        .pages
        .iter()
        .flat_map(|p| {
            let lines = p.lines();
            let skip = lines
                .first()
                .is_some_and(|l| l.1.trim().chars().all(|c| c.is_ascii_digit()));
            lines.into_iter().skip(usize::from(skip))
        })
        .map(|l| l.1)
        .collect::<String>();
    Read {
        paras,
        tables,
        docx,
        pdf_text: squeeze(&pdf_text),
    }
}

/// Checks one report of `case` against `e`.
fn check_report(case: &Case, e: &Expected, r: &Read) {
    let key = e.key;
    let c = Counts::of(&e.status);
    let paras = &r.paras;
    let tasks = case.tracked.iter().filter(|t| t.is_task).count();
    let rows = case.tracked.len() - tasks;
    // Sentences that must be in the PDF's text too.
    let mut sentences: Vec<&String> = Vec::new();
    // The appendices: progress (when the plan tracks anything), then Biểu 06 (when the
    // period has TTHC rows); one alone is "Phụ lục".
    let appendices = usize::from(!case.tracked.is_empty()) + usize::from(!e.tthc.is_empty());
    let label = |i: usize| match appendices {
        1 => "Phụ lục".to_string(),
        _ => format!("Phụ lục {}", ["I", "II"][i]),
    };
    if case.tracked.is_empty() {
        // Nothing to count: no figures, tables, charts or progress appendix.
        assert!(
            !paras
                .iter()
                .any(|p| p.contains("Tính đến ngày chốt số liệu")
                    || p.starts_with("Tỷ lệ hoàn thành")
                    || p.ends_with(". Kết quả thực hiện Kế hoạch")),
            "{key}: figures of a plan that tracks nothing: {paras:#?}"
        );
        assert!(
            !r.tables
                .iter()
                .any(|t| t[0].iter().any(|c| c == "Số nhiệm vụ" || c == "Tiến độ")),
            "{key}: a figure or progress table"
        );
        assert!(!part_names(&r.docx)
            .iter()
            .any(|p| p.starts_with("word/charts/")));
        if let Some(s) = check_tthc(e, r) {
            assert!(
                s.ends_with(&format!("(chi tiết tại {}).", label(0))),
                "{key}: {s}"
            );
        }
        return;
    }

    // The opening: how many items, the cut-off.
    let at = paras
        .iter()
        .position(|p| p.contains("Tính đến ngày chốt số liệu"))
        .unwrap_or_else(|| panic!("{key}: no opening of the figures in {paras:#?}"));
    let opening = &paras[at];
    sentences.push(opening);
    let (counted, when) = opening
        .split_once(" có ")
        .and_then(|(_, x)| x.split_once("Tính đến"))
        .unwrap_or_else(|| panic!("{key}: {opening}"));
    let mut want = vec![case.tracked.len() as u64];
    if tasks > 0 && rows > 0 {
        want.extend([tasks as u64, rows as u64]);
    }
    assert_eq!(numbers(counted), want, "{key}: {opening}");
    assert_eq!(date_in(when), Some(e.cut_off), "{key}: {opening}");
    assert!(
        when.contains(&format!("(chi tiết tại {}):", label(0))),
        "{key}: {opening}"
    );

    // The count lines, up to the number of overdue items.
    let end = paras[at..]
        .iter()
        .position(|p| p.starts_with("- Số nhiệm vụ quá hạn"))
        .map(|i| at + i)
        .unwrap_or_else(|| panic!("{key}: no overdue count in {paras:#?}"));
    let lines = &paras[at + 1..=end];
    sentences.extend(lines.iter());
    let silent = c.silent + c.silent_overdue;
    assert_eq!(
        lines.len(),
        if silent > 0 { 5 } else { 4 },
        "{key}: count lines {lines:#?}, expected {c:?}"
    );
    let (done, on_time, late) = split_line(&lines[0], "đúng hạn", "trễ hạn");
    assert_eq!(
        (done, on_time, late),
        (c.done(), c.on_time, c.late),
        "{key}: {}",
        lines[0]
    );
    if done > 0 {
        let shown = rates(&lines[0]);
        assert!(
            shown.len() == 1 && close(shown[0], c.rate()),
            "{key}: {} vs {c:?}",
            lines[0]
        );
    }
    assert!(lines[0].contains("hoàn thành"), "{key}: {}", lines[0]);
    let wip = split_line(&lines[1], "trong hạn", "quá hạn");
    assert_eq!(
        wip,
        (c.wip + c.wip_overdue, c.wip, c.wip_overdue),
        "{key}: {}",
        lines[1]
    );
    assert!(lines[1].contains("đang thực hiện") || lines[1].contains("Đang thực hiện"));
    let idle = split_line(&lines[2], "chưa quá hạn", "quá hạn");
    assert_eq!(
        idle,
        (c.idle + c.idle_overdue, c.idle, c.idle_overdue),
        "{key}: {}",
        lines[2]
    );
    assert!(lines[2].contains("hưa thực hiện"), "{key}: {}", lines[2]);
    if silent > 0 {
        let s = split_line(&lines[3], "", "quá hạn");
        assert_eq!(
            (s.0, s.2),
            (silent, c.silent_overdue),
            "{key}: {}",
            lines[3]
        );
        assert!(
            lines[3].starts_with("- Chưa báo cáo"),
            "{key}: {}",
            lines[3]
        );
    }
    assert_eq!(
        numbers(&lines[lines.len() - 1]),
        [c.overdue() as u64],
        "{key}: {}",
        lines[lines.len() - 1]
    );

    // The change since the period before, when that has data.
    let change = paras.iter().find(|p| p.starts_with("Tỷ lệ hoàn thành "));
    match e.previous {
        None => assert!(change.is_none(), "{key}: {change:?}"),
        Some(j) => {
            let prev = &case.reports[j];
            let then = Counts::of(&prev.status).rate();
            let change = change.unwrap_or_else(|| panic!("{key}: no comparison with {}", prev.key));
            sentences.push(change);
            assert!(change.contains(prev.wording), "{key}: {change}");
            let shown = rates(change);
            if change.contains("không đổi") {
                assert!(
                    shown.len() == 1 && close(shown[0], c.rate()),
                    "{key}: {change}"
                );
                assert!(close(shown[0], then), "{key}: {change} (before {then})");
            } else {
                // "tăng 2,5 điểm phần trăm so với … (từ 10% lên 12,5%)".
                assert_eq!(shown.len(), 2, "{key}: {change}");
                assert!(
                    close(shown[0], then) && close(shown[1], c.rate()),
                    "{key}: {change}"
                );
                let points = change
                    .split_once(" điểm phần trăm")
                    .map(|(a, _)| a.rsplit(' ').next().unwrap())
                    .map(rate_value)
                    .unwrap();
                assert!(
                    (points - (shown[1] - shown[0]).abs()).abs() < 1e-6,
                    "{key}: {change}"
                );
                assert_eq!(
                    change.contains("tăng"),
                    shown[1] > shown[0],
                    "{key}: {change}"
                );
            }
        }
    }

    check_figure_tables(case, e, r);
    check_progress_appendix(case, e, r);
    if let Some(s) = check_tthc(e, r) {
        assert!(
            s.ends_with(&format!("(chi tiết tại {}).", label(1))),
            "{key}: {s}"
        );
        sentences.push(s);
    }

    // III.2 lists the overdue items.
    let head = paras.iter().position(|p| {
        p.starts_with("Còn ") && p.contains("nhiệm vụ quá hạn tại thời điểm chốt số liệu:")
    });
    match (c.overdue(), head) {
        (0, None) => {}
        (0, Some(h)) => panic!("{key}: {} with nothing overdue", paras[h]),
        (n, None) => panic!("{key}: {n} overdue items not listed"),
        (n, Some(h)) => {
            assert_eq!(numbers(&paras[h]), [n as u64], "{key}: {}", paras[h]);
            sentences.push(&paras[h]);
            let listed = paras[h + 1..]
                .iter()
                .take_while(|p| p.starts_with("- "))
                .count();
            assert_eq!(listed, n, "{key}: the overdue list");
        }
    }

    // Kính gửi when the data name recipients; "Như trên" in Nơi nhận only then.
    let kinh_gui = paras.iter().any(|p| p.starts_with("Kính gửi:"))
        || r.tables.iter().any(|t| t[0][0] == "Kính gửi:");
    assert_eq!(kinh_gui, e.kinh_gui, "{key}: Kính gửi");
    let foot = r
        .tables
        .iter()
        .find(|t| t[0][0].starts_with("Nơi nhận:"))
        .unwrap_or_else(|| panic!("{key}: no Nơi nhận"));
    assert_eq!(
        foot[0][0].contains("- Như trên;"),
        e.kinh_gui,
        "{key}: {:?}",
        foot[0][0]
    );

    // Our PDF says what the DOCX says.
    for s in sentences {
        assert!(
            r.pdf_text.contains(&squeeze(s)),
            "{key}: not in the PDF: {s}"
        );
    }
}

/// The figure tables (by index when an item names one, by unit) and their charts.
fn check_figure_tables(case: &Case, e: &Expected, r: &Read) {
    let key = e.key;
    let figures: Vec<&Vec<Vec<String>>> = r
        .tables
        .iter()
        .filter(|t| t[0].get(2).is_some_and(|c| c == "Số nhiệm vụ"))
        .collect();
    let prev = e.previous.map(|j| &case.reports[j]);
    // Per table: its name column, the rows expected now and in the period before.
    let mut want: Vec<(&str, Rows, Option<Rows>)> = Vec::new();
    let idx = by_index(case, &e.status);
    if !idx.is_empty() {
        want.push(("Chỉ số", idx, prev.map(|p| by_index(case, &p.status))));
    }
    let units = by_unit(case, &e.status);
    if !units.is_empty() {
        want.push((
            "Đơn vị chủ trì",
            units,
            prev.map(|p| by_unit(case, &p.status)),
        ));
    }
    assert_eq!(
        figures.iter().map(|t| t[0][1].as_str()).collect::<Vec<_>>(),
        want.iter().map(|w| w.0).collect::<Vec<_>>(),
        "{key}: figure tables"
    );
    let c = Counts::of(&e.status);
    let several = |t: &Tracked| unit_keys(t).len() > 1;
    for (n, (table, (head, counts, before))) in figures.iter().zip(&want).enumerate() {
        let body = &table[1..];
        assert_eq!(body.len(), counts.len(), "{key}: {head} rows {body:?}");
        for row in body {
            let name = row[1].as_str();
            let w = counts
                .get(name)
                .unwrap_or_else(|| panic!("{key}: {head}: row {name} not expected"));
            let got: Vec<u64> = row[2..5].iter().map(|x| numbers(x)[0]).collect();
            assert_eq!(
                got,
                [w.total as u64, w.done() as u64, w.overdue() as u64],
                "{key}: {head} {name}"
            );
            assert!(
                close(rate_value(&row[5]), w.rate()),
                "{key}: {head} {name} {row:?}"
            );
            match before {
                None => assert_eq!(row.len(), 6, "{key}: {row:?}"),
                Some(b) => {
                    assert_eq!(row.len(), 8, "{key}: {row:?}");
                    match b.get(name) {
                        None => assert!(row[6].is_empty() && row[7].is_empty(), "{row:?}"),
                        Some(b) => {
                            let then = rate_value(&row[6]);
                            assert!(close(then, b.rate()), "{key}: {head} {name} {row:?}");
                            // The change is the difference of the printed rates.
                            let d = rate_value(row[7].trim_start_matches('+'));
                            let now = rate_value(&row[5]);
                            assert!(
                                (d - (now - then)).abs() < 1e-6,
                                "{key}: {head} {name} {row:?}"
                            );
                        }
                    }
                }
            }
        }
        if *head == "Đơn vị chủ trì" {
            // Most items first; the buckets last.
            let totals: Vec<(bool, usize)> = body
                .iter()
                .map(|r| {
                    let bucket = r[1] == unit_name("khac") || r[1] == unit_name("none");
                    (bucket, numbers(&r[2])[0] as usize)
                })
                .collect();
            let named: Vec<usize> = totals.iter().filter(|x| !x.0).map(|x| x.1).collect();
            assert!(
                named.windows(2).all(|w| w[0] >= w[1]),
                "{key}: order {body:?}"
            );
            assert!(
                totals.iter().skip_while(|x| !x.0).all(|x| x.0),
                "{key}: buckets last {body:?}"
            );
            // Each item led by one unit: the columns add up to the totals.
            if !case.tracked.iter().any(several) {
                let sum = |col: usize| {
                    body.iter()
                        .map(|r| numbers(&r[col])[0] as usize)
                        .sum::<usize>()
                };
                assert_eq!(
                    (sum(2), sum(3), sum(4)),
                    (c.total, c.done(), c.overdue()),
                    "{key}"
                );
            }
        }
        // Its chart: one bar per row, stacked from the row's statuses, each series' values
        // the generator's counts, adding up to the table's columns.
        let chart = part(&r.docx, &format!("word/charts/chart{}.xml", n + 1));
        let doc = roxmltree::Document::parse(&chart).unwrap();
        let grouping = doc
            .descendants()
            .find(|e| e.has_tag_name("grouping"))
            .and_then(|g| g.attribute("val"));
        assert_eq!(grouping, Some("percentStacked"), "{key}: chart {}", n + 1);
        let names: Vec<String> = body.iter().map(|r| r[1].clone()).collect();
        let silent = counts.values().any(|c| c.silent > 0);
        let mut want: Vec<(&str, CountOf)> = vec![
            ("Hoàn thành đúng hạn", |c| c.on_time),
            ("Hoàn thành trễ hạn", |c| c.late),
            ("Đang thực hiện", |c| c.wip),
            ("Chưa thực hiện", |c| c.idle),
        ];
        if silent {
            want.push(("Chưa báo cáo", |c| c.silent));
        }
        want.push(("Quá hạn", |c| c.overdue()));
        let sers: Vec<roxmltree::Node> = doc
            .descendants()
            .filter(|e| e.has_tag_name("ser"))
            .collect();
        assert_eq!(sers.len(), want.len(), "{key}: chart {} series", n + 1);
        let texts = common::chart_series_values;
        let printed = |col: usize| -> Vec<usize> {
            body.iter().map(|r| numbers(&r[col])[0] as usize).collect()
        };
        let mut sums = vec![0usize; body.len()];
        for (ser, (name, of)) in sers.iter().zip(&want) {
            assert_eq!(texts(*ser, "tx"), [*name], "{key}: chart {}", n + 1);
            assert_eq!(texts(*ser, "cat"), names, "{key}: chart {} bars", n + 1);
            let got: Vec<usize> = texts(*ser, "val")
                .iter()
                .map(|v| v.parse().unwrap())
                .collect();
            let expected: Vec<usize> = body.iter().map(|r| of(&counts[r[1].as_str()])).collect();
            assert_eq!(got, expected, "{key}: chart {} {name}", n + 1);
            for (s, v) in sums.iter_mut().zip(&got) {
                *s += v;
            }
            // Against the table as printed: "Quá hạn" is its column of that name.
            if *name == "Quá hạn" {
                assert_eq!(got, printed(4), "{key}: chart {} {name}", n + 1);
            }
        }
        assert_eq!(sums, printed(2), "{key}: chart {} totals", n + 1);
        let done: Vec<usize> = body.iter().map(|r| counts[r[1].as_str()].done()).collect();
        assert_eq!(done, printed(3), "{key}: chart {} done", n + 1);
    }
    let charts = part_names(&r.docx)
        .iter()
        .filter(|p| p.starts_with("word/charts/chart"))
        .count();
    assert_eq!(charts, figures.len(), "{key}: one chart per figure table");
}

/// Phụ lục I: a row per tracked item, grouped by its first index (in the order of the
/// indices, then the others), its status and, when carried over, the period it comes from.
fn check_progress_appendix(case: &Case, e: &Expected, r: &Read) {
    let key = e.key;
    let table = r
        .tables
        .iter()
        .find(|t| t[0] == PROGRESS_HEADER)
        .unwrap_or_else(|| panic!("{key}: no progress appendix"));
    let groups = table[1..].iter().filter(|r| r.len() == 2).count();
    let rows: Vec<&Vec<String>> = table[1..].iter().filter(|r| r.len() == 6).collect();
    assert_eq!(
        rows.len() + groups,
        table.len() - 1,
        "{key}: rows of 2 or 6 cells"
    );
    assert_eq!(
        rows.len(),
        case.tracked.len(),
        "{key}: one row per tracked item"
    );
    let mut order: Vec<usize> = Vec::new();
    let mut want_groups = 0;
    for k in INDEX_KEYS.iter().map(|k| Some(*k)).chain([None]) {
        let members: Vec<usize> = (0..case.tracked.len())
            .filter(|&i| case.tracked[i].indices.first().copied() == k)
            .collect();
        want_groups += usize::from(!members.is_empty());
        order.extend(members);
    }
    assert_eq!(groups, want_groups, "{key}: groups");
    for (row, &i) in rows.iter().zip(&order) {
        let t = &case.tracked[i];
        assert_eq!(row[1], t.content, "{key}: row of {}", t.id);
        let word = e.status[i].word();
        assert!(
            row[3] == word || row[3].starts_with(&format!("{word} (")),
            "{key}: {}: {:?}, expected {word}",
            t.id,
            row[3]
        );
        match e.carried[i] {
            Some(from) => assert!(
                row[5].contains(&format!("Theo báo cáo {from}")),
                "{key}: {} carried from {from}: {:?}",
                t.id,
                row[5]
            ),
            None => assert!(
                !row[5].contains("Theo báo cáo"),
                "{key}: {}: {:?}",
                t.id,
                row[5]
            ),
        }
        match &e.missed_rounds[i] {
            Some(note) => assert!(
                row[5].contains(note.as_str()),
                "{key}: {}: {:?}, expected {note:?}",
                t.id,
                row[5]
            ),
            None => assert!(
                !row[5].contains("Quá hạn đợt"),
                "{key}: {}: {:?}",
                t.id,
                row[5]
            ),
        }
        if let [unit] = t.lead.as_slice() {
            let short = match unit.as_str() {
                "vp" => "Công chức VP",
                "tp" => "Công chức TP",
                other => other,
            };
            assert_eq!(row[2], short, "{key}: {}", t.id);
        } else if t.lead.is_empty() {
            assert_eq!(row[2], "", "{key}: {}", t.id);
        }
    }
}

/// Biểu 06: the rows of the period's data in order, each count, the totals row (the sums)
/// and the sentence of II.2. Returns that sentence.
fn check_tthc<'r>(e: &Expected, r: &'r Read) -> Option<&'r String> {
    let key = e.key;
    let table = r
        .tables
        .iter()
        .find(|t| t.iter().any(|row| row[0] == "Tổng cộng"));
    let sentence = r
        .paras
        .iter()
        .find(|p| p.starts_with("Kết quả giải quyết thủ tục hành chính:"));
    if e.tthc.is_empty() {
        assert!(
            table.is_none() && sentence.is_none(),
            "{key}: Biểu 06 without data"
        );
        return None;
    }
    let table = table.unwrap_or_else(|| panic!("{key}: no Biểu 06"));
    // Below the three header rows and the column numbers (1)…(13).
    let data: Vec<&Vec<String>> = table[4..table.len() - 1].iter().collect();
    assert_eq!(table[3][0], "(1)", "{key}: {table:?}");
    let got: Vec<(String, Vec<u64>)> = data
        .iter()
        .enumerate()
        .map(|(i, row)| {
            assert_eq!(row[0], (i + 1).to_string(), "{key}: STT");
            (
                row[1].clone(),
                row[2..].iter().map(|x| numbers(x)[0]).collect(),
            )
        })
        .collect();
    let want: Vec<(String, Vec<u64>)> = e
        .tthc
        .iter()
        .map(|(n, c)| (n.clone(), c.to_vec()))
        .collect();
    assert_eq!(got, want, "{key}: Biểu 06 rows");
    let mut sum = [0u64; 11];
    for (_, c) in &e.tthc {
        for (s, x) in sum.iter_mut().zip(c) {
            *s += x;
        }
    }
    let total = table.last().unwrap();
    let totals: Vec<u64> = total[1..].iter().map(|x| numbers(x)[0]).collect();
    let column_sums: Vec<u64> = (0..11).map(|j| got.iter().map(|r| r.1[j]).sum()).collect();
    assert_eq!(totals, column_sums, "{key}: totals row vs column sums");
    assert_eq!(totals, sum, "{key}: totals row");

    let s = sentence.unwrap_or_else(|| panic!("{key}: no TTHC sentence"));
    // received, carried over, new, online, direct; resolved, in time, late; pending, within,
    // past the deadline.
    let [received, online, direct, carried, resolved, early, on_time, late, pending, within, past] =
        sum;
    assert_eq!(
        numbers(s),
        [
            received,
            carried,
            online + direct,
            online,
            direct,
            resolved,
            early + on_time,
            late,
            pending,
            within,
            past
        ],
        "{key}: {s}"
    );
    let shown = rates(s);
    assert!(
        shown.len() == 2
            && close(shown[0], exact(online as usize, (online + direct) as usize))
            && close(
                shown[1],
                exact((early + on_time) as usize, resolved as usize)
            ),
        "{key}: {s}"
    );
    Some(s)
}

/// Writes the case of `seed` and runs `vanban report --ky tat-ca` on it.
fn run(dir: &Path, case: &Case) -> std::process::Child {
    case.write(dir);
    Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["report", dir.to_str().unwrap(), "--ky", "tat-ca", "-o"])
        .arg(dir.join("out"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run vanban")
}

#[test]
fn reports_of_generated_plans_say_what_their_data_say() {
    let root = scratch("shapes");
    let cases: Vec<(u64, Case)> = seeds()
        .into_iter()
        .map(|s| (s, shapes::report_case(s)))
        .collect();
    let dir = |seed: u64| root.join(format!("hinh-{seed:02}"));
    // Two runs at a time (two cores).
    let mut failures = Vec::new();
    for pair in cases.chunks(2) {
        let children: Vec<_> = pair.iter().map(|(s, c)| (*s, run(&dir(*s), c))).collect();
        for (seed, child) in children {
            let o = child.wait_with_output().unwrap();
            if o.status.code() != Some(0) {
                failures.push(format!(
                    "seed {seed}: exit {:?}: {}",
                    o.status.code(),
                    stderr(&o)
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    for (seed, case) in &cases {
        let out = dir(*seed).join("out");
        for e in &case.reports {
            let r = read(&out, e.key);
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                check_report(case, e, &r)
            }));
            if let Err(p) = result {
                let msg = p
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                failures.push(format!("seed {seed}, {}: {msg}", e.key));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} report(s) differ from their data (plans and data in {}):\n{}",
        failures.len(),
        root.display(),
        failures.join("\n")
    );
}
