//! Section I.1's figures as the template shows them: the summary sentences, then per index
//! and per lead unit a table of completion rates with its stacked bar chart.

use super::figures::{Counts, Figures, NO_LEAD, OTHER_LEAD};
use crate::model::date::short_date;
use crate::model::indices::index_name;
use crate::model::numerals::{change, percent, thousands};
use crate::model::plan::Plan;
use chrono::NaiveDate;
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct FiguresView {
    pub cau: Vec<String>,
    pub ky_truoc: Option<String>,
    /// Per index, then per lead unit.
    pub bang: Vec<FigureTable>,
}

/// A table of completion figures and its chart.
#[derive(Debug, Serialize)]
pub struct FigureTable {
    /// "Bảng 1. Tỷ lệ hoàn thành theo chỉ số".
    pub tieu_de: String,
    /// Heading of the name column.
    pub cot: String,
    pub dong: Vec<FigureRow>,
    /// "Biểu đồ 1. …".
    pub bieu_do_tieu_de: String,
    /// The chart's legend: one series per status, in the order the bars stack them.
    pub chuoi: Vec<SeriesView>,
    pub bieu_do: Vec<BarView>,
}

#[derive(Debug, Serialize)]
pub struct SeriesView {
    /// "Hoàn thành đúng hạn".
    pub ten: &'static str,
    /// The style sheet's series style.
    pub kieu: &'static str,
}

#[derive(Debug, Serialize)]
pub struct FigureRow {
    pub so: String,
    pub ten: String,
    pub tong: String,
    pub hoan_thanh: String,
    pub qua_han: String,
    pub ty_le: String,
    pub ky_truoc: String,
    pub thay_doi: String,
}

#[derive(Debug, Serialize)]
pub struct BarView {
    pub label: String,
    /// The count of each series, space-separated as the markup reads them ("2 0 37 0 0").
    pub values: String,
}

/// Unit names for the per-unit figures: the unit's full name, or the bucket's.
pub fn unit_label(plan: &Plan, key: &str) -> String {
    match key {
        OTHER_LEAD => "Đơn vị, tổ chức khác".to_string(),
        NO_LEAD => "Chưa phân công chủ trì".to_string(),
        k => plan
            .don_vi
            .get(k)
            .map_or_else(|| k.to_string(), |u| u.ten.trim().to_string()),
    }
}

/// The change between two rates as the document prints them (one decimal), so that a reader
/// who subtracts the printed rates gets the printed change.
fn points_between(now: f64, then: f64) -> f64 {
    let tenths = |v: f64| (v * 10.0).round();
    (tenths(now) - tenths(then)) / 10.0
}

/// ", đều đúng hạn", ", trong đó đúng hạn 5, trễ hạn 2": how `n` items split in two.
fn split(n: usize, a: (&str, usize), b: (&str, usize)) -> String {
    match (a.1, b.1) {
        (_, 0) => format!(", {}{}", all_of(n), a.0),
        (0, _) => format!(", {}{}", all_of(n), b.0),
        _ => format!(
            ", trong đó {} {}, {} {}",
            a.0,
            thousands(a.1 as u64),
            b.0,
            thousands(b.1 as u64)
        ),
    }
}

/// "đều " before a shared property of several items; nothing for one.
fn all_of(n: usize) -> &'static str {
    if n > 1 {
        "đều "
    } else {
        ""
    }
}

/// A table's rows, each with the previous period's rate and the change beside it.
fn figure_rows(
    list: &[(String, Counts)],
    prev: Option<&[(String, Counts)]>,
    label: &dyn Fn(&str) -> String,
) -> Vec<FigureRow> {
    list.iter()
        .enumerate()
        .map(|(i, (k, c))| {
            let before = prev.and_then(|p| p.iter().find(|(pk, _)| pk == k).map(|x| x.1));
            FigureRow {
                so: (i + 1).to_string(),
                ten: label(k),
                tong: thousands(c.total as u64),
                hoan_thanh: thousands(c.done() as u64),
                qua_han: thousands(c.overdue() as u64),
                ty_le: percent(c.percent_done()),
                ky_truoc: before.map_or(String::new(), |b| percent(b.percent_done())),
                thay_doi: before.map_or(String::new(), |b| {
                    change(points_between(c.percent_done(), b.percent_done()))
                }),
            }
        })
        .collect()
}

/// A chart's series: the statuses a reader tells apart, done to not done, with the overdue
/// items (of every unfinished kind) as one series at the bars' ends, so "Quá hạn" counts
/// what the table's column of that name counts. "Chưa báo cáo" only where a bar has some.
/// Each with the counts it takes from an index's or unit's figures.
type StatusSeries = (&'static str, &'static str, fn(&Counts) -> usize);

fn status_series(list: &[(String, Counts)]) -> Vec<StatusSeries> {
    let mut out: Vec<StatusSeries> = vec![
        ("Hoàn thành đúng hạn", "dung-han", |c| c.done_on_time),
        ("Hoàn thành trễ hạn", "tre-han", |c| c.done_late),
        ("Đang thực hiện", "dang-thuc-hien", |c| c.in_progress),
        ("Chưa thực hiện", "chua-thuc-hien", |c| c.not_started),
    ];
    if list.iter().any(|(_, c)| c.not_reported > 0) {
        out.push(("Chưa báo cáo", "chua-bao-cao", |c| c.not_reported));
    }
    out.push(("Quá hạn", "qua-han", |c| c.overdue()));
    out
}

/// The chart's legend, in the order the bars stack the series.
fn series_views(list: &[(String, Counts)]) -> Vec<SeriesView> {
    status_series(list)
        .into_iter()
        .map(|(ten, kieu, _)| SeriesView { ten, kieu })
        .collect()
}

/// One bar per index or unit, its counts in the legend's order.
fn bars(list: &[(String, Counts)], label: &dyn Fn(&str) -> String) -> Vec<BarView> {
    let series = status_series(list);
    list.iter()
        .map(|(k, c)| BarView {
            label: label(k),
            values: series
                .iter()
                .map(|(_, _, n)| n(c).to_string())
                .collect::<Vec<_>>()
                .join(" "),
        })
        .collect()
}

/// The computed figures of section I.1, with the previous period's when it has data.
pub fn figures_view(
    plan: &Plan,
    f: &Figures,
    prev: Option<(&Figures, String)>,
    plan_ref: &str,
    cut_off: NaiveDate,
    detail: &str,
) -> FiguresView {
    let mut cau = vec![format!(
        "{plan_ref} có {}. Tính đến ngày chốt số liệu {} ({detail}):",
        plan_size(f),
        short_date(cut_off)
    )];
    cau.extend(status_lines(&f.all));
    if let Some((p, wording)) = &prev {
        cau.push(change_sentence(&f.all, &p.all, wording));
    }
    FiguresView {
        cau,
        ky_truoc: prev.as_ref().map(|(_, w)| w.clone()),
        bang: tables(plan, f, prev.as_ref().map(|p| p.0)),
    }
}

/// "108 nhiệm vụ (…)": only the kinds the plan has, so rows alone give no "0 nhiệm vụ trọng tâm".
fn plan_size(f: &Figures) -> String {
    let (tasks, rows) = (f.tasks.total as u64, f.rows.total as u64);
    match (tasks, rows) {
        (_, 0) => format!("{} nhiệm vụ", thousands(tasks)),
        (0, _) => format!(
            "{} nhiệm vụ theo tiêu chí tại các phụ lục của Kế hoạch",
            thousands(rows)
        ),
        _ => format!(
            "{} nhiệm vụ ({} nhiệm vụ trọng tâm và {} nhiệm vụ theo tiêu chí tại các phụ lục của Kế hoạch)",
            thousands(tasks + rows),
            thousands(tasks),
            thousands(rows)
        ),
    }
}

/// The "- …;" lines, one per status, so a reader sees where every task stands at the cut-off.
fn status_lines(a: &Counts) -> Vec<String> {
    let mut lines = vec![
        done_line(a),
        state_line(
            "Đang thực hiện",
            ("trong hạn", a.in_progress),
            ("quá hạn", a.in_progress_overdue),
        ),
        state_line(
            "Chưa thực hiện",
            ("chưa quá hạn", a.not_started),
            ("quá hạn", a.not_started_overdue),
        ),
    ];
    lines.extend(not_reported_line(a));
    lines.push(format!(
        "- Số nhiệm vụ quá hạn tại thời điểm chốt số liệu: {}.",
        thousands(a.overdue() as u64)
    ));
    lines
}

/// "- Đã hoàn thành 5 nhiệm vụ, đạt …;": the rate and how much of it was on time.
fn done_line(a: &Counts) -> String {
    let done = a.done();
    if done == 0 {
        "- Chưa có nhiệm vụ hoàn thành;".to_string()
    } else {
        format!(
            "- Đã hoàn thành {} nhiệm vụ, đạt {}{};",
            thousands(done as u64),
            percent(a.percent_done()),
            split(done, ("đúng hạn", a.done_on_time), ("trễ hạn", a.done_late))
        )
    }
}

/// "- Đang thực hiện 5 nhiệm vụ, …;", or "- Không có nhiệm vụ đang thực hiện;": no "0 nhiệm vụ".
fn state_line(what: &str, within: (&str, usize), past: (&str, usize)) -> String {
    let n = within.1 + past.1;
    if n == 0 {
        format!("- Không có nhiệm vụ {};", what.to_lowercase())
    } else {
        format!(
            "- {what} {} nhiệm vụ{};",
            thousands(n as u64),
            split(n, within, past)
        )
    }
}

/// "- Chưa báo cáo 3 nhiệm vụ, …;" only when some unit has not reported: usually none has.
fn not_reported_line(a: &Counts) -> Option<String> {
    let silent = a.not_reported_all();
    (silent > 0).then(|| {
        format!(
            "- Chưa báo cáo {} nhiệm vụ{};",
            thousands(silent as u64),
            match a.not_reported_overdue {
                0 => String::new(),
                m if m == silent => format!(", {}quá hạn", all_of(silent)),
                m => format!(", trong đó quá hạn {}", thousands(m as u64)),
            }
        )
    })
}

/// "Tỷ lệ hoàn thành tăng 2,5 điểm phần trăm …", from the printed rates so readers can check it.
fn change_sentence(now: &Counts, then: &Counts, wording: &str) -> String {
    let (now, then) = (now.percent_done(), then.percent_done());
    let delta = points_between(now, then);
    let how = if crate::model::numerals::decimal(delta) == "0" {
        format!("không đổi so với {wording} ({})", percent(now))
    } else {
        let (verb, to) = if delta > 0.0 {
            ("tăng", "lên")
        } else {
            ("giảm", "xuống")
        };
        format!(
            "{verb} {} điểm phần trăm so với {wording} (từ {} {to} {})",
            crate::model::numerals::decimal(delta.abs()),
            percent(then),
            percent(now)
        )
    };
    format!("Tỷ lệ hoàn thành {how}.")
}

/// What a table and its chart show: by index or by lead unit, now and in the previous period.
struct Grouping<'a> {
    what: &'a str,
    cot: &'a str,
    list: &'a [(String, Counts)],
    before: Option<&'a [(String, Counts)]>,
    label: &'a dyn Fn(&str) -> String,
}

/// Per index, then per unit; a table with nothing to show is left out, the rest numbered 1, 2.
fn tables(plan: &Plan, f: &Figures, prev: Option<&Figures>) -> Vec<FigureTable> {
    let unit = |k: &str| unit_label(plan, k);
    let index = |k: &str| index_name(k).to_string();
    let wanted = [
        Grouping {
            what: "chỉ số",
            cot: "Chỉ số",
            list: &f.by_index,
            before: prev.map(|p| p.by_index.as_slice()),
            label: &index,
        },
        Grouping {
            what: "đơn vị chủ trì",
            cot: "Đơn vị chủ trì",
            list: &f.by_unit,
            before: prev.map(|p| p.by_unit.as_slice()),
            label: &unit,
        },
    ];
    wanted
        .iter()
        .filter(|g| !g.list.is_empty())
        .enumerate()
        .map(|(i, g)| table(i + 1, g))
        .collect()
}

/// Table `n` and its chart "Biểu đồ n", numbered together so the text can cite both.
fn table(n: usize, g: &Grouping) -> FigureTable {
    let what = g.what;
    FigureTable {
        tieu_de: format!("Bảng {n}. Tỷ lệ hoàn thành nhiệm vụ theo {what}"),
        cot: g.cot.to_string(),
        dong: figure_rows(g.list, g.before, g.label),
        bieu_do_tieu_de: format!("Biểu đồ {n}. Tình hình thực hiện nhiệm vụ theo {what} (%)"),
        chuoi: series_views(g.list),
        bieu_do: bars(g.list, g.label),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_is_the_difference_of_the_printed_rates() {
        // 68/108 prints 63%, 51/108 prints 47,2%: the change printed is 15,8, not the
        // 15,7 of the unrounded rates.
        let (now, then) = (68.0 * 100.0 / 108.0, 51.0 * 100.0 / 108.0);
        assert_eq!(percent(now), "63%");
        assert_eq!(percent(then), "47,2%");
        assert_eq!(change(now - then), "+15,7");
        assert_eq!(change(points_between(now, then)), "+15,8");
    }

    #[test]
    fn splits_name_both_parts_or_say_all() {
        assert_eq!(split(7, ("đúng hạn", 7), ("trễ hạn", 0)), ", đều đúng hạn");
        assert_eq!(split(1, ("đúng hạn", 0), ("trễ hạn", 1)), ", trễ hạn");
        assert_eq!(
            split(3, ("trong hạn", 2), ("quá hạn", 1)),
            ", trong đó trong hạn 2, quá hạn 1"
        );
    }
}
