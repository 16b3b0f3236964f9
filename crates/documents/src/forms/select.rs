//! Which items go on which unit's form: the items a unit leads (chủ trì), never those it
//! only supports (phối hợp); items with no lead unit go to the unit that compiles the report.

use super::form::Row;
use crate::kinds::report::data::Entry;
use crate::model::date::short_date;
use crate::model::deadline::Deadline;
use crate::model::plan::Plan;
use crate::model::tracked::Tracked;

/// The plan's units that lead `item`: the unit keys of its `chu_tri` (free text names no
/// unit).
pub fn leads<'p>(item: &'p Tracked, plan: &Plan) -> Vec<&'p str> {
    item.lead.as_ref().map_or_else(Vec::new, |l| {
        l.0.iter()
            .map(String::as_str)
            .filter(|k| plan.don_vi.contains_key(*k))
            .collect()
    })
}

/// Whether `item` is on `unit`'s form: the unit leads it, or nobody does and the unit
/// compiles the report.
pub fn on_form(unit: &str, compiler: &str, item: &Tracked, plan: &Plan) -> bool {
    let l = leads(item, plan);
    l.contains(&unit) || (l.is_empty() && unit == compiler)
}

/// The rows of `unit`'s form, in the plan's order.
pub fn rows_of<'a>(
    unit: &str,
    compiler: &str,
    items: &'a [Tracked],
    entries: &[Option<&'a Entry>],
    plan: &Plan,
) -> Vec<Row<'a>> {
    items
        .iter()
        .zip(entries)
        .filter(|(it, _)| on_form(unit, compiler, it, plan))
        .map(|(item, entry)| Row {
            item,
            entry: *entry,
        })
        .collect()
}

/// The deadline as the plan words it, with the date the tool reads from it: "Quý I/2025
/// (hạn 31/03/2025)", "Tháng 5 và tháng 10/2025 (đợt 1 hạn 31/05/2025; đợt 2 hạn
/// 31/10/2025)", "Thường xuyên".
pub fn deadline_text(item: &Tracked) -> String {
    let words = item
        .deadline_source
        .as_ref()
        .map_or(String::new(), |s| s.text.trim().to_string());
    let read = match &item.deadline {
        Some(Deadline::Date(d)) => Some(format!("hạn {}", short_date(*d))),
        Some(Deadline::Rounds(r)) => Some(
            r.iter()
                .enumerate()
                .map(|(i, d)| format!("đợt {} hạn {}", i + 1, short_date(*d)))
                .collect::<Vec<_>>()
                .join("; "),
        ),
        _ => None,
    };
    match (words.is_empty(), read) {
        (true, Some(r)) => r,
        (false, Some(r)) => format!("{words} ({r})"),
        (_, None) => words,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::deadline::Recurrence;
    use crate::model::tracked::DeadlineSource;
    use chrono::NaiveDate;

    fn item(text: &str, deadline: Option<Deadline>) -> Tracked {
        Tracked {
            id: "nv-1".into(),
            path: String::new(),
            number: "(1)".into(),
            content: "Việc".into(),
            lead: None,
            indices: Vec::new(),
            deadline,
            deadline_source: Some(DeadlineSource {
                path: String::new(),
                text: text.into(),
                explicit: false,
                guessed: false,
                yearless: false,
            }),
            is_task: true,
            place: String::new(),
        }
    }

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, m, day).unwrap()
    }

    #[test]
    fn deadlines_show_the_words_and_the_dates_read() {
        let one = item("Quý I/2025", Some(Deadline::Date(d(3, 31))));
        assert_eq!(deadline_text(&one), "Quý I/2025 (hạn 31/3/2025)");
        let rounds = item(
            "Tháng 5 và tháng 10/2025",
            Some(Deadline::Rounds(vec![d(5, 31), d(10, 31)])),
        );
        assert_eq!(
            deadline_text(&rounds),
            "Tháng 5 và tháng 10/2025 (đợt 1 hạn 31/5/2025; đợt 2 hạn 31/10/2025)"
        );
        let ongoing = item("Thường xuyên", Some(Deadline::Continuous));
        assert_eq!(deadline_text(&ongoing), "Thường xuyên");
        let quarterly = item("Hằng quý", Some(Deadline::Recurring(Recurrence::Quarterly)));
        assert_eq!(deadline_text(&quarterly), "Hằng quý");
        let mut none = item("", None);
        none.deadline_source = None;
        assert_eq!(deadline_text(&none), "");
    }
}
