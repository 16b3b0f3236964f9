//! The report's tables as a workbook (`--format xlsx`), for the level above to add up:
//! "Thông tin" (who reports, which period, the cut-off: one header row and one data row, so
//! many wards' files stack), the figures by index and by lead unit, the progress list (one
//! row per tracked item) and Biểu 06 with its total row as formulas. The numbers are the
//! ones the DOCX prints, from the same computation; only the sheets the report has.

use super::compose::{appendix_groups, result_lines};
use super::compute::{entry_of, Computed};
use super::figures::{Counts, Figures};
use super::period::Period;
use super::view::{tthc_sum, unit_label};
use crate::model::date::short_date;
use crate::model::deadline::Deadline;
use crate::model::frame::{number_and_symbol, BAO_CAO};
use crate::model::indices::index_name;
use crate::model::parties::{self, Form};
use crate::model::plan::Plan;
use chrono::{Datelike, NaiveDate};
use vanban_render::sheet::{Cell, Day, Merge, Row, Sheet, Workbook};

/// The workbook of the report of `p`.
pub fn workbook(plan: &Plan, c: &Computed, p: Period) -> Workbook {
    let agency = plan.co_quan.ten_day_du.trim().to_string();
    let wording = p.wording();
    let mut sheets = vec![info(plan, c, p, &agency)];
    if !c.items.is_empty() {
        sheets.extend(figure_sheets(plan, c, &wording));
        sheets.push(progress(plan, c, &wording));
    }
    if let Some(rows) = &c.own.tthc {
        let rows: Vec<_> = rows.iter().map(|(r, _)| r.clone()).collect();
        sheets.push(bieu_06(&rows, c, &agency));
    }
    Workbook {
        sheets,
        title: format!("Số liệu báo cáo {wording}"),
        author: agency,
        // The cut-off, not the clock: the same data give the same bytes.
        created: day(c.window.cut_off),
    }
}

fn day(d: NaiveDate) -> Day {
    Day {
        year: u16::try_from(d.year()).unwrap_or(1900),
        month: d.month() as u8,
        day: d.day() as u8,
    }
}

fn header(cells: &[&str]) -> Vec<Vec<String>> {
    vec![cells.iter().map(|s| s.to_string()).collect()]
}

/// Column letters of a 0-based column: A, B, … Z, AA, …
fn letters(mut c: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    out.reverse();
    String::from_utf8_lossy(&out).into_owned()
}

/// "Thông tin": one row saying who reports what.
fn info(plan: &Plan, c: &Computed, p: Period, agency: &str) -> Sheet {
    let r = &c.own.report;
    let plan_ref = super::references::plan_reference(plan, &c.data.common, plan.trich_yeu.trim());
    let number = r.so.map_or(Cell::Empty, |so| {
        Cell::text(number_and_symbol(Some(so), BAO_CAO, &plan.co_quan))
    });
    // Only a full date is a date; a report dated by its month alone has none yet.
    let date = r
        .ngay
        .and_then(|d| NaiveDate::from_ymd_opt(d.nam, d.thang?, d.ngay?).map(|d| Cell::Date(day(d))))
        .unwrap_or(Cell::Empty);
    Sheet {
        name: "Thông tin".into(),
        title: format!("Thông tin báo cáo {}", p.wording()),
        widths: vec![36.0, 24.0, 10.0, 13.0, 13.0, 16.0, 13.0, 60.0],
        header: header(&[
            "Cơ quan báo cáo",
            "Kỳ báo cáo",
            "Mã kỳ",
            "Từ ngày",
            "Ngày chốt số liệu",
            "Số báo cáo",
            "Ngày báo cáo",
            "Kế hoạch",
        ]),
        rows: vec![Row::body(vec![
            Cell::text(agency),
            Cell::text(p.wording()),
            Cell::text(p.key()),
            Cell::Date(day(c.window.start)),
            Cell::Date(day(c.window.cut_off)),
            number,
            date,
            Cell::text(plan_ref),
        ])],
        merges: Vec::new(),
    }
}

/// The share done as the document prints it (one decimal of a per cent), as a fraction.
fn printed_share(c: &Counts) -> f64 {
    (c.percent_done() * 10.0).round() / 1000.0
}

/// The figures by index and by lead unit, as the report's Bảng 1 and 2 (only those it has),
/// with each status counted apart so the level above can add them up.
fn figure_sheets(plan: &Plan, c: &Computed, wording: &str) -> Vec<Sheet> {
    let prev = c.previous.as_ref();
    let index = |k: &str| index_name(k).to_string();
    let unit = |k: &str| unit_label(plan, k);
    /// One table: its sheet, what it counts by, its name column, its rows now and before.
    struct By<'a> {
        name: &'a str,
        what: &'a str,
        col: &'a str,
        list: &'a [(String, Counts)],
        label: &'a dyn Fn(&str) -> String,
        of: fn(&Figures) -> &[(String, Counts)],
    }
    let by = [
        By {
            name: "Theo chỉ số",
            what: "chỉ số",
            col: "Chỉ số",
            list: &c.figures.by_index,
            label: &index,
            of: |f| &f.by_index,
        },
        By {
            name: "Theo đơn vị",
            what: "đơn vị chủ trì",
            col: "Đơn vị chủ trì",
            list: &c.figures.by_unit,
            label: &unit,
            of: |f| &f.by_unit,
        },
    ];
    by.into_iter()
        .filter(|b| !b.list.is_empty())
        .map(
            |By {
                 name,
                 what,
                 col,
                 list,
                 label,
                 of,
             }| {
                let mut head = vec![
                    "TT".to_string(),
                    col.to_string(),
                    "Số nhiệm vụ".into(),
                    "Đã hoàn thành".into(),
                    "Quá hạn".into(),
                    "Tỷ lệ hoàn thành".into(),
                ];
                let mut widths = vec![5.0, 40.0, 11.0, 11.0, 10.0, 12.0];
                if let Some((_, w)) = prev {
                    head.push(format!("Tỷ lệ {w}"));
                    head.push("Tăng, giảm (điểm %)".into());
                    widths.extend([14.0, 12.0]);
                }
                head.extend(
                    [
                        "Hoàn thành đúng hạn",
                        "Hoàn thành trễ hạn",
                        "Đang thực hiện",
                        "Chưa thực hiện",
                        "Chưa báo cáo",
                    ]
                    .map(String::from),
                );
                widths.extend([12.0; 5]);
                let rows = list
                    .iter()
                    .enumerate()
                    .map(|(i, (k, n))| {
                        let mut cells = vec![
                            Cell::Number((i + 1) as f64),
                            Cell::text(label(k)),
                            Cell::Number(n.total as f64),
                            Cell::Number(n.done() as f64),
                            Cell::Number(n.overdue() as f64),
                            Cell::Percent(printed_share(n)),
                        ];
                        if let Some((f, _)) = prev {
                            let before = of(f).iter().find(|(pk, _)| pk == k).map(|x| &x.1);
                            match before {
                                Some(b) => {
                                    let r = i + 2;
                                    let (now, then) = (printed_share(n), printed_share(b));
                                    cells.push(Cell::Percent(then));
                                    // The change of the printed rates, as the document prints it.
                                    cells.push(Cell::Formula {
                                        text: format!("=ROUND((F{r}-G{r})*100,1)"),
                                        result: ((now - then) * 1000.0).round() / 10.0,
                                    });
                                }
                                None => cells.extend([Cell::Empty, Cell::Empty]),
                            }
                        }
                        cells.extend(
                            [
                                n.done_on_time,
                                n.done_late,
                                n.in_progress_all(),
                                n.not_started_all(),
                                n.not_reported_all(),
                            ]
                            .map(|x| Cell::Number(x as f64)),
                        );
                        Row::body(cells)
                    })
                    .collect();
                Sheet {
                    name: name.into(),
                    title: format!("Tỷ lệ hoàn thành nhiệm vụ theo {what} — {wording}"),
                    widths,
                    header: vec![head],
                    rows,
                    merges: Vec::new(),
                }
            },
        )
        .collect()
}

/// The progress list: one row per tracked item, in the order of the progress appendix.
fn progress(plan: &Plan, c: &Computed, wording: &str) -> Sheet {
    let rows = appendix_groups(c)
        .into_iter()
        .flat_map(|(_, items)| items)
        .map(|i| {
            let (it, standing) = (&c.items[i], c.progress[i]);
            let e = entry_of(&c.sets, it, c.picks[i]);
            let deadline = match &it.deadline {
                Some(Deadline::Date(d)) => Cell::Date(day(*d)),
                Some(_) => it
                    .deadline_source
                    .as_ref()
                    .map_or(Cell::Empty, |s| Cell::text(s.text.trim())),
                None => Cell::Empty,
            };
            let lead = it.lead.as_ref().map_or(Cell::Empty, |l| {
                Cell::text(parties::render(l, &plan.don_vi, Form::Short))
            });
            Row::body(vec![
                Cell::text(&it.id),
                Cell::text(it.content.trim()),
                lead,
                deadline,
                Cell::text(standing.label()),
                (e.and_then(|e| e.ngay_hoan_thanh.last()))
                    .map_or(Cell::Empty, |d| Cell::Date(day(d.0))),
                (e.and_then(|e| e.ty_le)).map_or(Cell::Empty, Cell::Number),
                Cell::text(result_lines(e).join("\n")),
            ])
        })
        .collect();
    Sheet {
        name: "Tiến độ".into(),
        title: format!("Tiến độ thực hiện các nhiệm vụ của Kế hoạch — {wording}"),
        widths: vec![20.0, 60.0, 18.0, 13.0, 22.0, 13.0, 9.0, 50.0],
        header: header(&[
            "Mã",
            "Nhiệm vụ",
            "Đơn vị chủ trì",
            "Thời hạn",
            "Trạng thái",
            "Ngày hoàn thành",
            "Tỷ lệ (%)",
            "Kết quả, sản phẩm",
        ]),
        rows,
        merges: Vec::new(),
    }
}

/// Header rows of Biểu 06 (three, then the column numbers), as the DOCX's.
const BIEU_06_HEADS: usize = 4;

/// Biểu số 06/VPCP/KSTT: 13 columns, the DOCX's three header rows merged alike and its row of
/// column numbers; each row's three "Tổng số" and the total row are formulas with their
/// results.
fn bieu_06(rows: &[super::data::TthcRow], c: &Computed, agency: &str) -> Sheet {
    let m = |r: (u32, u32), c: (u16, u16)| Merge { rows: r, cols: c };
    let grid = |cells: [&str; 13]| cells.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let head = vec![
        grid([
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
        ]),
        grid([
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
        ]),
        grid([
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
        ]),
        (1..=13).map(|n| format!("({n})")).collect(),
    ];
    let mut merges = vec![
        m((0, 2), (0, 0)),
        m((0, 2), (1, 1)),
        m((0, 0), (2, 5)),
        m((0, 0), (6, 9)),
        m((0, 0), (10, 12)),
        m((1, 1), (3, 4)),
    ];
    merges.extend([2u16, 5, 6, 7, 8, 9, 10, 11, 12].map(|c| m((1, 2), (c, c))));
    // Spreadsheet rows are 1-based; the body starts under the header.
    let first = BIEU_06_HEADS + 1;
    let last = (first + rows.len()).saturating_sub(1);
    // In each row, "Tổng số" (columns 3, 7, 11) adds the columns after it.
    let sums: [(usize, usize, usize); 3] = [(2, 3, 5), (6, 7, 9), (10, 11, 12)];
    let mut body: Vec<Row> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let n = tthc_sum(std::slice::from_ref(r));
            let x = first + i;
            let mut cells = vec![Cell::Number((i + 1) as f64), Cell::text(r.linh_vuc.trim())];
            cells.extend((2..13).map(|col| {
                let value = n[col - 2] as f64;
                match sums.iter().find(|s| s.0 == col) {
                    Some(&(_, a, b)) => Cell::Formula {
                        text: format!("=SUM({}{x}:{}{x})", letters(a), letters(b)),
                        result: value,
                    },
                    None => Cell::Number(value),
                }
            }));
            Row::body(cells)
        })
        .collect();
    let total = tthc_sum(rows);
    let mut cells = vec![Cell::text("Tổng cộng"), Cell::Empty];
    cells.extend((2..13).map(|col| {
        let value = total[col - 2] as f64;
        if rows.is_empty() {
            Cell::Number(value)
        } else {
            let l = letters(col);
            Cell::Formula {
                text: format!("=SUM({l}{first}:{l}{last})"),
                result: value,
            }
        }
    }));
    body.push(Row::total(cells));
    let total_row = (BIEU_06_HEADS + rows.len()) as u32;
    merges.push(m((total_row, total_row), (0, 1)));
    let mut widths = vec![5.0, 36.0];
    widths.extend([10.0; 11]);
    Sheet {
        name: "Biểu 06".into(),
        title: format!(
            "Biểu số 06/VPCP/KSTT — Tình hình, kết quả giải quyết thủ tục hành chính (từ ngày {} đến ngày {}) — {agency}",
            short_date(c.window.start),
            short_date(c.window.cut_off)
        ),
        widths,
        header: head,
        rows: body,
        merges,
    }
}

#[cfg(test)]
mod tests {
    use super::letters;

    #[test]
    fn column_letters() {
        assert_eq!(letters(0), "A");
        assert_eq!(letters(12), "M");
        assert_eq!(letters(25), "Z");
        assert_eq!(letters(26), "AA");
        assert_eq!(letters(27), "AB");
    }
}
