//! Reporting periods of the CCHC calendar (BNV 581/BNV-CCHC): quarters, the first six and
//! nine months, and the year. Each period has a data cut-off (Q1 14/3, 6 months 14/6, Q3/9
//! months 14/9, year 14/12, a setting) and a window from the day after the previous cut-off.

use chrono::NaiveDate;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PeriodKind {
    Quarter(u8),
    SixMonths,
    NineMonths,
    Year,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Period {
    pub year: i32,
    pub kind: PeriodKind,
}

/// The day and month of each cut-off: end of Q1, of the first half, of Q3, of the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CutOffs {
    pub q1: (u32, u32),
    pub h1: (u32, u32),
    pub q3: (u32, u32),
    pub year: (u32, u32),
}

impl Default for CutOffs {
    /// BNV 581/BNV-CCHC: Q1 15/12–14/3, 6 months –14/6, Q3 15/6–14/9, year –14/12.
    fn default() -> Self {
        CutOffs {
            q1: (14, 3),
            h1: (14, 6),
            q3: (14, 9),
            year: (14, 12),
        }
    }
}

fn roman_quarter(q: u8) -> &'static str {
    ["I", "II", "III", "IV"][usize::from(q.clamp(1, 4)) - 1]
}

impl Period {
    /// Reads `2024-Q1`…`2024-Q4`, `2024-6T`, `2024-9T`, `2024` (any case).
    pub fn parse(s: &str) -> Option<Period> {
        let s = s.trim().to_ascii_lowercase();
        let (year, rest) = match s.split_once('-') {
            Some((y, r)) => (y, Some(r)),
            None => (s.as_str(), None),
        };
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let year: i32 = year.parse().ok()?;
        let kind = match rest {
            None | Some("nam") => PeriodKind::Year,
            Some("q1") => PeriodKind::Quarter(1),
            Some("q2") => PeriodKind::Quarter(2),
            Some("q3") => PeriodKind::Quarter(3),
            Some("q4") => PeriodKind::Quarter(4),
            Some("6t") => PeriodKind::SixMonths,
            Some("9t") => PeriodKind::NineMonths,
            _ => return None,
        };
        Some(Period { year, kind })
    }

    /// The key used in file names and on the command line: `2024-q1`, `2024-6t`, `2024`.
    pub fn key(&self) -> String {
        match self.kind {
            PeriodKind::Quarter(q) => format!("{}-q{q}", self.year),
            PeriodKind::SixMonths => format!("{}-6t", self.year),
            PeriodKind::NineMonths => format!("{}-9t", self.year),
            PeriodKind::Year => self.year.to_string(),
        }
    }

    /// The period as the trích yếu says it: "quý I năm 2024", "6 tháng đầu năm 2024",
    /// "9 tháng năm 2024", "năm 2024".
    pub fn wording(&self) -> String {
        match self.kind {
            PeriodKind::Quarter(q) => format!("quý {} năm {}", roman_quarter(q), self.year),
            PeriodKind::SixMonths => format!("6 tháng đầu năm {}", self.year),
            PeriodKind::NineMonths => format!("9 tháng năm {}", self.year),
            PeriodKind::Year => format!("năm {}", self.year),
        }
    }

    /// The last day of data (ngày chốt số liệu).
    pub fn cut_off(&self, c: &CutOffs) -> Option<NaiveDate> {
        let (d, m) = match self.kind {
            PeriodKind::Quarter(1) => c.q1,
            PeriodKind::Quarter(2) | PeriodKind::SixMonths => c.h1,
            PeriodKind::Quarter(3) | PeriodKind::NineMonths => c.q3,
            PeriodKind::Quarter(_) | PeriodKind::Year => c.year,
        };
        NaiveDate::from_ymd_opt(self.year, m, d)
    }

    /// The first day of data: the day after the previous cut-off (for Q1, 6 months, 9 months
    /// and the year, the previous year's year-end cut-off).
    pub fn start(&self, c: &CutOffs) -> Option<NaiveDate> {
        let prev = match self.kind {
            PeriodKind::Quarter(2) => Period {
                kind: PeriodKind::Quarter(1),
                ..*self
            }
            .cut_off(c)?,
            PeriodKind::Quarter(3) => Period {
                kind: PeriodKind::SixMonths,
                ..*self
            }
            .cut_off(c)?,
            PeriodKind::Quarter(4) => Period {
                kind: PeriodKind::NineMonths,
                ..*self
            }
            .cut_off(c)?,
            _ => Period {
                year: self.year - 1,
                kind: PeriodKind::Year,
            }
            .cut_off(c)?,
        };
        prev.succ_opt()
    }

    /// The cumulative period whose figures this one is compared with: the one ending at the
    /// preceding cut-off (Q1 → previous year, Q2/6 months → Q1, Q3/9 months → 6 months,
    /// Q4/year → 9 months).
    pub fn previous(&self) -> Period {
        let (year, kind) = match self.kind {
            PeriodKind::Quarter(1) => (self.year - 1, PeriodKind::Year),
            PeriodKind::Quarter(2) | PeriodKind::SixMonths => (self.year, PeriodKind::Quarter(1)),
            PeriodKind::Quarter(3) | PeriodKind::NineMonths => (self.year, PeriodKind::SixMonths),
            PeriodKind::Quarter(_) | PeriodKind::Year => (self.year, PeriodKind::NineMonths),
        };
        Period { year, kind }
    }

    /// Order of periods in a year: by cut-off, the longer period last among equals.
    pub fn sort_key(&self) -> (i32, u8, u8) {
        let (step, len) = match self.kind {
            PeriodKind::Quarter(q) => (q, 1),
            PeriodKind::SixMonths => (2, 2),
            PeriodKind::NineMonths => (3, 3),
            PeriodKind::Year => (4, 4),
        };
        (self.year, step, len)
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.key())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Period {
        Period::parse(s).unwrap()
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn parses_every_kind_in_any_case() {
        assert_eq!(p("2024-Q1").kind, PeriodKind::Quarter(1));
        assert_eq!(p("2024-q4").kind, PeriodKind::Quarter(4));
        assert_eq!(p("2024-6T").kind, PeriodKind::SixMonths);
        assert_eq!(p("2024-9t").kind, PeriodKind::NineMonths);
        assert_eq!(p("2024").kind, PeriodKind::Year);
        for bad in ["2024-Q5", "24-Q1", "2024-", "quy1", "2024-12T", ""] {
            assert!(Period::parse(bad).is_none(), "{bad}");
        }
        assert_eq!(p("2024-Q2").key(), "2024-q2");
    }

    #[test]
    fn wording_follows_the_usual_titles() {
        assert_eq!(p("2024-q1").wording(), "quý I năm 2024");
        assert_eq!(p("2024-q3").wording(), "quý III năm 2024");
        assert_eq!(p("2024-6t").wording(), "6 tháng đầu năm 2024");
        assert_eq!(p("2024-9t").wording(), "9 tháng năm 2024");
        assert_eq!(p("2024").wording(), "năm 2024");
    }

    #[test]
    fn windows_follow_the_cchc_calendar() {
        let c = CutOffs::default();
        let w = |s: &str| (p(s).start(&c).unwrap(), p(s).cut_off(&c).unwrap());
        assert_eq!(w("2024-q1"), (d(2023, 12, 15), d(2024, 3, 14)));
        assert_eq!(w("2024-q2"), (d(2024, 3, 15), d(2024, 6, 14)));
        assert_eq!(w("2024-q3"), (d(2024, 6, 15), d(2024, 9, 14)));
        assert_eq!(w("2024-q4"), (d(2024, 9, 15), d(2024, 12, 14)));
        assert_eq!(w("2024-6t"), (d(2023, 12, 15), d(2024, 6, 14)));
        assert_eq!(w("2024-9t"), (d(2023, 12, 15), d(2024, 9, 14)));
        assert_eq!(w("2024"), (d(2023, 12, 15), d(2024, 12, 14)));
    }

    #[test]
    fn previous_period_is_the_cumulative_one_before() {
        assert_eq!(p("2024-q1").previous(), p("2023"));
        assert_eq!(p("2024-6t").previous(), p("2024-q1"));
        assert_eq!(p("2024-q3").previous(), p("2024-6t"));
        assert_eq!(p("2024").previous(), p("2024-9t"));
    }
}
