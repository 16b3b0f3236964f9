//! Deadlines read from the plan's free text: "Quý II/2025", "Tháng 4/2025", "Trước ngày
//! 30/6/2025", "6 tháng đầu năm 2024", "Năm 2024" give a due date (the end of the span);
//! "Thường xuyên" and "Hằng quý"/"hàng năm" give a continuing or recurring task, which is
//! never overdue. A span ("Từ tháng 3 đến tháng 6/2025") gives its end; a list of dates
//! ("Tháng 5 và tháng 10/2025", "Quý II và quý IV/2025", "Trước 30/6 và 31/12/2025") gives
//! rounds, each date a deadline. Several dates in any other form give the latest, flagged
//! as a guess so `check` can say which date was taken. A list without a year ("6 tháng đầu
//! năm và cuối năm") is taken in the report's year and flagged as due again every year.

use chrono::NaiveDate;
use regex::Regex;
use std::cell::Cell;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recurrence {
    Monthly,
    Quarterly,
    Yearly,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Deadline {
    /// Due by the end of this day.
    Date(NaiveDate),
    /// Rounds ("đợt"), each due by the end of its day: two or more, in calendar order.
    Rounds(Vec<NaiveDate>),
    /// "Thường xuyên", "liên tục": ongoing, no due date.
    Continuous,
    /// Done again every month, quarter or year.
    Recurring(Recurrence),
}

impl Deadline {
    /// The final due date: the deadline, or the last round's.
    pub fn due(&self) -> Option<NaiveDate> {
        self.dues().last().copied()
    }

    /// Each round's due date: one for a single deadline, none for ongoing work.
    pub fn dues(&self) -> &[NaiveDate] {
        match self {
            Deadline::Date(d) => std::slice::from_ref(d),
            Deadline::Rounds(r) => r,
            _ => &[],
        }
    }

    /// A deadline of `dates` (sorted, repeats dropped): one date or rounds.
    pub fn of(mut dates: Vec<NaiveDate>) -> Option<Deadline> {
        dates.sort();
        dates.dedup();
        match dates.len() {
            0 => None,
            1 => Some(Deadline::Date(dates[0])),
            _ => Some(Deadline::Rounds(dates)),
        }
    }
}

fn last_day_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    let (y, m) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)?.pred_opt()
}

fn quarter_number(s: &str) -> Option<u32> {
    match s {
        "i" | "1" => Some(1),
        "ii" | "2" => Some(2),
        "iii" | "3" => Some(3),
        "iv" | "4" => Some(4),
        _ => None,
    }
}

// ASCII classes only ([0-9], [ \t]): Unicode \d, \s and \b would cost every run of the tool
// a millisecond to compile, for phrases whose digits and spaces are ASCII anyway.
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"([0-9]{1,2})[ \t]*[/.-][ \t]*([0-9]{1,2})[ \t]*[/.-][ \t]*([0-9]{4})",
        r"|ngày[ \t]+([0-9]{1,2})[ \t]+tháng[ \t]+([0-9]{1,2})[ \t]+năm[ \t]+([0-9]{4})",
    ))
    .expect("static regex")
});
static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^0-9])([0-9]{4})-([0-9]{2})-([0-9]{2})(?:$|[^0-9])").expect("static regex")
});
static QUARTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"quý[ \t]+(iv|i{1,3}|[1-4])[ \t]*(?:/|năm|-)[ \t]*([0-9]{4})")
        .expect("static regex")
});
static MONTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"tháng[ \t]+([0-9]{1,2})[ \t]*(?:/|năm|-)[ \t]*([0-9]{4})").expect("static regex")
});
static HALF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(6|9)[ \t]+tháng[ \t]+(đầu|cuối)?[ \t]*năm[ \t]+([0-9]{4})").expect("static regex")
});
static YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"năm[ \t]+([0-9]{4})|^[ \t]*([0-9]{4})[ \t]*$").expect("static regex")
});

/// Between the items of a list: ",", ";", "và".
macro_rules! sep {
    () => {
        r"[ \t]*(?:,|;|và)[ \t]*"
    };
}
/// An optional year closing a list: "/2025", "năm 2025", "-2025".
macro_rules! list_year {
    () => {
        r"(?:[ \t]*(?:/|năm|-)[ \t]*([0-9]{4}))?"
    };
}
static MONTHS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"tháng[ \t]+([0-9]{1,2}(?:",
        sep!(),
        r"(?:tháng[ \t]+)?[0-9]{1,2})+)",
        list_year!()
    ))
    .expect("static regex")
});
static QUARTERS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"quý[ \t]+((?:iv|i{1,3}|[1-4])(?:",
        sep!(),
        r"(?:quý[ \t]+)?(?:iv|i{1,3}|[1-4]))+)",
        list_year!()
    ))
    .expect("static regex")
});
static DAY_MONTHS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"([0-9]{1,2}[ \t]*/[ \t]*[0-9]{1,2}(?:",
        sep!(),
        r"(?:ngày[ \t]+)?[0-9]{1,2}[ \t]*/[ \t]*[0-9]{1,2})+)",
        r"(?:[ \t]*/[ \t]*([0-9]{4}))?"
    ))
    .expect("static regex")
});
static HALVES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"6[ \t]+tháng[ \t]+đầu[ \t]+năm(?:[ \t]+([0-9]{4}))?",
        sep!(),
        r"(?:6[ \t]+tháng[ \t]+)?cuối[ \t]+năm(?:[ \t]+([0-9]{4}))?"
    ))
    .expect("static regex")
});
/// A month, quarter or day left unread: the phrase names a date the reader did not take.
static LEFT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"tháng[ \t]+[0-9]{1,2}|quý[ \t]+(?:iv|i{1,3}|[1-4])|[0-9]{1,2}[ \t]*/[ \t]*[0-9]{1,2}",
    )
    .expect("static regex")
});
static ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"iv|i{1,3}|[0-9]{1,2}[ \t]*/[ \t]*[0-9]{1,2}|[0-9]{1,2}").expect("static regex")
});

/// What a deadline phrase says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    /// `None` when it says nothing the tool can use.
    pub deadline: Option<Deadline>,
    /// Several dates in a form read neither as rounds nor as a span: the latest was taken.
    pub guessed: bool,
    /// A date without a year ("6 tháng đầu năm và cuối năm") was taken in the report's year:
    /// the work falls due again every year.
    pub yearless: bool,
}

/// Marks where a pattern read a date, so the words between two dates can be looked at.
const MARK: char = '\u{1}';

/// Replaces every match of `re` in `s` with a mark, giving the dates `f` reads from each.
fn take(
    re: &Regex,
    s: &mut String,
    f: &dyn Fn(&regex::Captures) -> Vec<NaiveDate>,
    dates: &mut Vec<NaiveDate>,
) {
    let mut out = String::with_capacity(s.len());
    let mut last = 0;
    for c in re.captures_iter(s) {
        let Some(m) = c.get(0) else { continue };
        dates.extend(f(&c));
        out.push_str(&s[last..m.start()]);
        out.push(MARK);
        last = m.end();
    }
    out.push_str(&s[last..]);
    *s = out;
}

fn num(m: Option<regex::Match>) -> Option<u32> {
    m.and_then(|m| m.as_str().trim().parse::<u32>().ok())
}

/// The year a list match names in group `group`, else `year` (the report's), noting in
/// `yearless` that it was taken from the report.
fn year_of(c: &regex::Captures, group: usize, year: i32, yearless: &Cell<bool>) -> i32 {
    num(c.get(group)).map_or_else(
        || {
            yearless.set(true);
            year
        },
        |y| y as i32,
    )
}

/// The items of a list match ("5 và tháng 10", "ii và quý iv", "30/6 và 31/12"), each read by
/// `item` in `year`; nothing when one item is not a date.
fn list_dates(
    c: &regex::Captures,
    year: i32,
    item: &dyn Fn(&str, i32) -> Option<NaiveDate>,
) -> Vec<NaiveDate> {
    let Some(list) = c.get(1) else {
        return Vec::new();
    };
    let read: Option<Vec<NaiveDate>> = ITEM
        .find_iter(list.as_str())
        .map(|m| item(m.as_str(), year))
        .collect();
    read.unwrap_or_default()
}

/// Whether the words between the dates read only join them as a list ("và", ",", "đợt 2:").
fn joined_as_list(s: &str) -> bool {
    let inner = s.trim_matches(|c| c != MARK);
    inner.split(MARK).all(|between| {
        between
            .split(|c: char| c.is_whitespace() || ",;:.()-".contains(c))
            .filter(|w| !w.is_empty())
            .all(|w| {
                ["và", "trước", "ngày", "chậm", "nhất", "đợt", "lần", "hạn"].contains(&w)
                    || w.chars().all(|c| c.is_ascii_digit())
            })
    })
}

/// Reads a deadline phrase; a list without a year ("6 tháng đầu năm và cuối năm") is taken in
/// `year`, the year of the report.
pub fn read(text: &str, year: i32) -> Reading {
    let mut s = text.to_lowercase();
    let mut rounds: Vec<NaiveDate> = Vec::new();
    let yearless = Cell::new(false);
    // Lists first, so "30/6 và 31/12/2025" is not read as the one date "31/12/2025".
    take(
        &HALVES,
        &mut s,
        &|c| {
            // "6 tháng đầu năm [2025] và cuối năm [2025]": the year after either half.
            let group = if c.get(2).is_some() { 2 } else { 1 };
            let y = year_of(c, group, year, &yearless);
            [last_day_of_month(y, 6), last_day_of_month(y, 12)]
                .into_iter()
                .flatten()
                .collect()
        },
        &mut rounds,
    );
    take(
        &QUARTERS,
        &mut s,
        &|c| {
            list_dates(c, year_of(c, 2, year, &yearless), &|q, y| {
                last_day_of_month(y, quarter_number(q)? * 3)
            })
        },
        &mut rounds,
    );
    take(
        &MONTHS,
        &mut s,
        &|c| {
            list_dates(c, year_of(c, 2, year, &yearless), &|m, y| {
                last_day_of_month(y, m.parse().ok()?)
            })
        },
        &mut rounds,
    );
    take(
        &DAY_MONTHS,
        &mut s,
        &|c| {
            list_dates(c, year_of(c, 2, year, &yearless), &|dm, y| {
                let (d, m) = dm.split_once('/')?;
                NaiveDate::from_ymd_opt(y, m.trim().parse().ok()?, d.trim().parse().ok()?)
            })
        },
        &mut rounds,
    );
    let mut dates = single_dates(&mut s);
    let several = {
        let mut all = dates.clone();
        all.extend(&rounds);
        all.sort();
        all.dedup();
        all.len() > 1
    };
    let span = s.contains("đến") || s.contains("tới");
    let as_list = !span && (!rounds.is_empty() || (several && joined_as_list(&s)));
    let left = !span && !dates.is_empty() && LEFT.is_match(&s.replace(MARK, " "));
    dates.extend(rounds);
    let yearless = yearless.get();
    if as_list {
        return Reading {
            deadline: Deadline::of(dates),
            guessed: left,
            yearless,
        };
    }
    if let Some(d) = dates.iter().max() {
        return Reading {
            deadline: Some(Deadline::Date(*d)),
            guessed: (several && !span) || left,
            yearless,
        };
    }
    Reading {
        deadline: keyword(&s),
        guessed: false,
        yearless: false,
    }
}

/// Every single date of the phrase: "30/6/2025", "Quý II/2025", "Tháng 4/2025", "Năm 2025".
fn single_dates(s: &mut String) -> Vec<NaiveDate> {
    let mut dates = Vec::new();
    let one = |d: Option<NaiveDate>| d.into_iter().collect::<Vec<_>>();
    take(
        &ISO,
        s,
        &|c| {
            one((|| {
                NaiveDate::from_ymd_opt(num(c.get(1))? as i32, num(c.get(2))?, num(c.get(3))?)
            })())
        },
        &mut dates,
    );
    take(
        &DATE,
        s,
        &|c| {
            one((|| {
                let (d, m, y) = if c.get(1).is_some() {
                    (num(c.get(1))?, num(c.get(2))?, num(c.get(3))?)
                } else {
                    (num(c.get(4))?, num(c.get(5))?, num(c.get(6))?)
                };
                NaiveDate::from_ymd_opt(y as i32, m, d)
            })())
        },
        &mut dates,
    );
    take(
        &QUARTER,
        s,
        &|c| {
            one((|| {
                let q = quarter_number(c.get(1)?.as_str())?;
                last_day_of_month(num(c.get(2))? as i32, q * 3)
            })())
        },
        &mut dates,
    );
    take(
        &HALF,
        s,
        &|c| {
            one((|| {
                let y = num(c.get(3))? as i32;
                let month = match c.get(2).map(|m| m.as_str()) {
                    Some("cuối") => 12,
                    _ => num(c.get(1))?,
                };
                last_day_of_month(y, month)
            })())
        },
        &mut dates,
    );
    take(
        &MONTH,
        s,
        &|c| {
            one((|| {
                last_day_of_month(num(c.get(2))? as i32, num(c.get(1))?)
            })())
        },
        &mut dates,
    );
    take(
        &YEAR,
        s,
        &|c| {
            one((|| {
                let y = num(c.get(1).or(c.get(2)))? as i32;
                NaiveDate::from_ymd_opt(y, 12, 31)
            })())
        },
        &mut dates,
    );
    dates
}

/// Ongoing or recurring work named by its words.
fn keyword(s: &str) -> Option<Deadline> {
    let s = s.replace("hàng", "hằng");
    if s.contains("hằng tháng") {
        Some(Deadline::Recurring(Recurrence::Monthly))
    } else if s.contains("hằng quý") {
        Some(Deadline::Recurring(Recurrence::Quarterly))
    } else if s.contains("hằng năm") {
        Some(Deadline::Recurring(Recurrence::Yearly))
    } else if s.contains("thường xuyên") || s.contains("liên tục") {
        Some(Deadline::Continuous)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> Option<Deadline> {
        Some(Deadline::Date(day(y, m, d)))
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// The deadline of a phrase read in a report of 2025, asserting it is not a guess.
    fn read(text: &str) -> Option<Deadline> {
        let r = super::read(text, 2025);
        assert!(!r.guessed, "{text}: read as a guess");
        r.deadline
    }

    fn rounds(dates: &[(i32, u32, u32)]) -> Option<Deadline> {
        Some(Deadline::Rounds(
            dates.iter().map(|&(y, m, d)| day(y, m, d)).collect(),
        ))
    }

    #[test]
    fn reads_the_usual_phrases() {
        assert_eq!(read("Quý II/2025"), date(2025, 6, 30));
        assert_eq!(read("quý 4 năm 2024"), date(2024, 12, 31));
        assert_eq!(read("Quý IV/2024"), date(2024, 12, 31));
        assert_eq!(read("Tháng 4/2025"), date(2025, 4, 30));
        assert_eq!(read("Tháng 02/2024"), date(2024, 2, 29));
        assert_eq!(read("tháng 12 năm 2024"), date(2024, 12, 31));
        assert_eq!(read("Trước ngày 30/6/2025"), date(2025, 6, 30));
        assert_eq!(read("Chậm nhất ngày 15/03/2024"), date(2024, 3, 15));
        assert_eq!(read("trước ngày 30 tháng 6 năm 2025"), date(2025, 6, 30));
        assert_eq!(read("2024-09-30"), date(2024, 9, 30));
        assert_eq!(read("6 tháng đầu năm 2024"), date(2024, 6, 30));
        assert_eq!(read("9 tháng năm 2024"), date(2024, 9, 30));
        assert_eq!(read("6 tháng cuối năm 2024"), date(2024, 12, 31));
        assert_eq!(read("Năm 2024"), date(2024, 12, 31));
        assert_eq!(read("Trong năm 2025"), date(2025, 12, 31));
        assert_eq!(read("2025"), date(2025, 12, 31));
        assert_eq!(read("Từ tháng 3 đến tháng 6/2025"), date(2025, 6, 30));
    }

    #[test]
    fn reads_ongoing_and_recurring_work() {
        assert_eq!(read("Thường xuyên"), Some(Deadline::Continuous));
        assert_eq!(read("Thường xuyên, liên tục"), Some(Deadline::Continuous));
        assert_eq!(
            read("Hằng quý"),
            Some(Deadline::Recurring(Recurrence::Quarterly))
        );
        assert_eq!(
            read("Hàng tháng"),
            Some(Deadline::Recurring(Recurrence::Monthly))
        );
        assert_eq!(
            read("Theo Kế hoạch cải cách hành chính hàng năm của phường"),
            Some(Deadline::Recurring(Recurrence::Yearly))
        );
        // A date in the phrase is more precise than the keyword.
        assert_eq!(
            read("Thường xuyên; hoàn thành trước 30/6/2024"),
            date(2024, 6, 30)
        );
    }

    #[test]
    fn unreadable_and_impossible_phrases_give_none() {
        assert_eq!(read("Khi có yêu cầu"), None);
        assert_eq!(read("Theo chỉ đạo của cấp trên"), None);
        assert_eq!(read("31/2/2024"), None);
        assert_eq!(read("Quý V/2024"), None);
        assert_eq!(read(""), None);
    }

    #[test]
    fn reads_lists_of_dates_as_rounds() {
        let r = rounds;
        assert_eq!(
            read("Tháng 6 và tháng 11/2025"),
            r(&[(2025, 6, 30), (2025, 11, 30)])
        );
        assert_eq!(
            read("Tháng 5 và tháng 10/2025"),
            r(&[(2025, 5, 31), (2025, 10, 31)])
        );
        assert_eq!(
            read("Quý II và quý IV/2025"),
            r(&[(2025, 6, 30), (2025, 12, 31)])
        );
        assert_eq!(
            read("Tháng 3, 6, 9, 12 năm 2025"),
            r(&[(2025, 3, 31), (2025, 6, 30), (2025, 9, 30), (2025, 12, 31)])
        );
        assert_eq!(
            read("Trước 30/6 và 31/12/2025"),
            r(&[(2025, 6, 30), (2025, 12, 31)])
        );
        assert_eq!(
            read("Trước ngày 30/6/2025 và ngày 31/12/2025"),
            r(&[(2025, 6, 30), (2025, 12, 31)])
        );
        assert_eq!(
            read("Quý I/2025, quý III/2025"),
            r(&[(2025, 3, 31), (2025, 9, 30)])
        );
        assert_eq!(
            read("Đợt 1: tháng 4/2025; đợt 2: tháng 9/2025"),
            r(&[(2025, 4, 30), (2025, 9, 30)])
        );
        // No year: the report's.
        assert_eq!(
            read("6 tháng đầu năm và cuối năm"),
            r(&[(2025, 6, 30), (2025, 12, 31)])
        );
        assert_eq!(
            super::read("6 tháng đầu năm và 6 tháng cuối năm", 2024).deadline,
            r(&[(2024, 6, 30), (2024, 12, 31)])
        );
        assert_eq!(
            read("6 tháng đầu năm và cuối năm 2026"),
            r(&[(2026, 6, 30), (2026, 12, 31)])
        );
        assert_eq!(
            read("Quý II và quý IV hằng năm"),
            r(&[(2025, 6, 30), (2025, 12, 31)])
        );
    }

    #[test]
    fn a_list_without_a_year_is_flagged_as_due_every_year() {
        for (text, yearless) in [
            ("6 tháng đầu năm và cuối năm", true),
            ("Tháng 6 và tháng 11", true),
            ("Quý II và quý IV hằng năm", true),
            ("Trước 30/6 và 31/12", true),
            ("6 tháng đầu năm và cuối năm 2026", false),
            ("Tháng 6 và tháng 11/2025", false),
            ("Trước 30/6 và 31/12/2025", false),
            ("Quý II/2025", false),
            ("Quý IV hàng năm", false),
            ("Thường xuyên", false),
        ] {
            assert_eq!(super::read(text, 2025).yearless, yearless, "{text}");
        }
    }

    #[test]
    fn single_dates_spans_and_recurring_work_stay_as_they_were() {
        assert_eq!(read("Tháng 10/2025"), date(2025, 10, 31));
        assert_eq!(read("Quý II/2025"), date(2025, 6, 30));
        assert_eq!(read("Từ tháng 3 đến tháng 6/2025"), date(2025, 6, 30));
        assert_eq!(read("Từ 01/3/2025 đến 30/6/2025"), date(2025, 6, 30));
        assert_eq!(read("Từ quý I đến quý III/2025"), date(2025, 9, 30));
        assert_eq!(read("Thường xuyên"), Some(Deadline::Continuous));
        assert_eq!(
            read("Hằng quý"),
            Some(Deadline::Recurring(Recurrence::Quarterly))
        );
        assert_eq!(
            read("Quý IV hàng năm"),
            Some(Deadline::Recurring(Recurrence::Yearly))
        );
        assert_eq!(read("Năm 2025"), date(2025, 12, 31));
    }

    #[test]
    fn several_dates_in_another_form_take_the_latest_as_a_guess() {
        for (text, want) in [
            ("Tháng 5 và cuối tháng 10/2025", day(2025, 10, 31)),
            (
                "Quý II/2025, báo cáo tổng kết 15/12/2025",
                day(2025, 12, 15),
            ),
            (
                "Ngày 30 tháng 6 và ngày 31 tháng 12 năm 2025",
                day(2025, 12, 31),
            ),
        ] {
            let r = super::read(text, 2025);
            assert_eq!(r.deadline, Some(Deadline::Date(want)), "{text}");
            assert!(r.guessed, "{text}");
        }
    }
}
