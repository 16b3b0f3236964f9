//! Deadlines read from the plan's free text: "Quý II/2025", "Tháng 4/2025", "Trước ngày
//! 30/6/2025", "6 tháng đầu năm 2024", "Năm 2024" give a due date (the end of the span);
//! "Thường xuyên" and "Hằng quý"/"hàng năm" give a continuing or recurring task, which is
//! never overdue. Several dates in one phrase ("Từ tháng 3 đến tháng 6/2025") give the latest.

use chrono::NaiveDate;
use regex::Regex;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recurrence {
    Monthly,
    Quarterly,
    Yearly,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deadline {
    /// Due by the end of this day.
    Date(NaiveDate),
    /// "Thường xuyên", "liên tục": ongoing, no due date.
    Continuous,
    /// Done again every month, quarter or year.
    Recurring(Recurrence),
}

impl Deadline {
    pub fn due(&self) -> Option<NaiveDate> {
        match self {
            Deadline::Date(d) => Some(*d),
            _ => None,
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

/// Reads a deadline phrase; `None` when it says nothing the tool can use.
pub fn read(text: &str) -> Option<Deadline> {
    let mut s = text.to_lowercase();
    let mut dates: Vec<NaiveDate> = Vec::new();
    let num = |m: Option<regex::Match>| m.and_then(|m| m.as_str().parse::<u32>().ok());
    // Each pattern removes what it read, so "30/6/2025" is not read again as "năm 2025".
    let mut take =
        |re: &Regex, s: &mut String, f: &dyn Fn(&regex::Captures) -> Option<NaiveDate>| {
            let mut out = String::with_capacity(s.len());
            let mut last = 0;
            for c in re.captures_iter(s) {
                let Some(m) = c.get(0) else { continue };
                if let Some(d) = f(&c) {
                    dates.push(d);
                }
                out.push_str(&s[last..m.start()]);
                out.push(' ');
                last = m.end();
            }
            out.push_str(&s[last..]);
            *s = out;
        };
    take(&ISO, &mut s, &|c| {
        NaiveDate::from_ymd_opt(num(c.get(1))? as i32, num(c.get(2))?, num(c.get(3))?)
    });
    take(&DATE, &mut s, &|c| {
        let (d, m, y) = if c.get(1).is_some() {
            (num(c.get(1))?, num(c.get(2))?, num(c.get(3))?)
        } else {
            (num(c.get(4))?, num(c.get(5))?, num(c.get(6))?)
        };
        NaiveDate::from_ymd_opt(y as i32, m, d)
    });
    take(&QUARTER, &mut s, &|c| {
        let q = quarter_number(c.get(1)?.as_str())?;
        last_day_of_month(num(c.get(2))? as i32, q * 3)
    });
    take(&HALF, &mut s, &|c| {
        let y = num(c.get(3))? as i32;
        let months = num(c.get(1))?;
        let month = match c.get(2).map(|m| m.as_str()) {
            Some("cuối") => 12,
            _ => months,
        };
        last_day_of_month(y, month)
    });
    take(&MONTH, &mut s, &|c| {
        last_day_of_month(num(c.get(2))? as i32, num(c.get(1))?)
    });
    take(&YEAR, &mut s, &|c| {
        let y = num(c.get(1).or(c.get(2)))? as i32;
        NaiveDate::from_ymd_opt(y, 12, 31)
    });
    if let Some(d) = dates.into_iter().max() {
        return Some(Deadline::Date(d));
    }
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
        Some(Deadline::Date(NaiveDate::from_ymd_opt(y, m, d).unwrap()))
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
}
