//! A sheet of a filled form as calamine read it, and its cells read as what the progress
//! data hold: texts, days, shares, counts. A value that cannot be read gives the words of
//! the message; the caller adds file, sheet and cell.

use calamine::{Data, Range};
use chrono::NaiveDate;

/// One sheet's cells by absolute position (row 0 is the sheet's first row).
pub struct Grid {
    range: Range<Data>,
}

static EMPTY: Data = Data::Empty;

impl Grid {
    pub fn new(range: Range<Data>) -> Grid {
        Grid { range }
    }

    pub fn get(&self, r: u32, c: u32) -> &Data {
        self.range.get_value((r, c)).unwrap_or(&EMPTY)
    }

    /// The number of rows down to the last one with a cell.
    pub fn rows(&self) -> u32 {
        self.range.end().map_or(0, |(r, _)| r + 1)
    }

    /// The cell as trimmed text; none when blank.
    pub fn text(&self, r: u32, c: u32) -> Option<String> {
        as_text(self.get(r, c))
    }
}

/// "E9": the cell's name as a spreadsheet shows it.
pub fn name(r: u32, c: u32) -> String {
    let mut letters = String::new();
    let mut n = c + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.insert(0, char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    format!("{letters}{}", r + 1)
}

/// A number as a person wrote it: "25", "62,5".
pub fn shown_number(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        f.to_string().replace('.', ",")
    }
}

/// A cell as trimmed text: numbers as written, days as dd/mm/yyyy; none when blank.
pub fn as_text(d: &Data) -> Option<String> {
    let s = match d {
        Data::Empty | Data::Error(_) => return None,
        Data::String(s) => s.trim().to_string(),
        Data::Float(f) => shown_number(*f),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(_) | Data::DateTimeIso(_) => match day_of(d) {
            Some(day) => crate::model::date::short_date(day),
            None => return None,
        },
        Data::DurationIso(s) => s.trim().to_string(),
    };
    (!s.is_empty()).then_some(s)
}

/// The day of a date cell: Excel's serial day (XLSX) or an ISO date (ODS).
fn day_of(d: &Data) -> Option<NaiveDate> {
    match d {
        Data::DateTime(dt) => {
            let (y, m, day, ..) = dt.to_ymd_hms_milli();
            NaiveDate::from_ymd_opt(i32::from(y), u32::from(m), u32::from(day))
        }
        Data::DateTimeIso(s) => NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok(),
        _ => None,
    }
}

pub const DAY_HINT: &str = "ngày/tháng/năm, ví dụ 10/3/2025";

/// One day written as text: "10/3/2025", "10.3.2025", "2025-03-10".
fn text_day(s: &str) -> Result<NaiveDate, String> {
    if let Some(d) = crate::model::date::Day::parse(s) {
        return Ok(d.0);
    }
    let parts: Vec<&str> = s.split(['/', '.', '-']).map(str::trim).collect();
    let numbers: Option<Vec<u32>> = parts.iter().map(|p| p.parse().ok()).collect();
    match numbers.as_deref() {
        Some([_, _, y]) if parts[2].len() == 4 && *y > 0 => Err(format!(
            "ngày hoàn thành {s} không có thật (kiểm tra ngày và tháng)"
        )),
        _ => Err(format!(
            "ngày hoàn thành \"{s}\" không đọc được thành ngày: cần {DAY_HINT}"
        )),
    }
}

/// The completion days of a cell: none, one day (a date cell, or text), or the days of
/// the rounds done, as text separated by ";".
pub fn days(d: &Data) -> Result<Vec<NaiveDate>, String> {
    match d {
        Data::Empty => Ok(Vec::new()),
        Data::DateTime(_) | Data::DateTimeIso(_) => day_of(d)
            .map(|x| vec![x])
            .ok_or_else(|| format!("ô ngày không đọc được: cần {DAY_HINT}")),
        Data::String(s) if s.trim().is_empty() => Ok(Vec::new()),
        Data::String(s) => s
            .split(';')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(text_day)
            .collect(),
        Data::Float(_) | Data::Int(_) => Err(format!(
            "ngày hoàn thành là một số ({}), không phải ngày: cần {DAY_HINT}",
            as_text(d).unwrap_or_default()
        )),
        other => Err(format!(
            "ngày hoàn thành \"{}\" không phải ngày: cần {DAY_HINT}",
            as_text(other).unwrap_or_default()
        )),
    }
}

/// The share done: a number, or text such as "50" or "50%".
pub fn share(d: &Data) -> Result<Option<f64>, String> {
    let bad = |s: &str| format!("tỷ lệ \"{s}\" không phải số: cần số nguyên từ 0 đến 100");
    match d {
        Data::Empty => Ok(None),
        Data::Float(f) => Ok(Some(*f)),
        Data::Int(i) => Ok(Some(*i as f64)),
        Data::String(s) => {
            let t = s.trim().trim_end_matches('%').trim().replace(',', ".");
            if t.is_empty() {
                return Ok(None);
            }
            t.parse::<f64>()
                .ok()
                .filter(|f| f.is_finite())
                .map(Some)
                .ok_or_else(|| bad(s.trim()))
        }
        other => Err(bad(&as_text(other).unwrap_or_default())),
    }
}

/// A count of files (hồ sơ): a whole number, not negative; none when blank.
pub fn count(d: &Data) -> Result<Option<u64>, String> {
    let f = match d {
        Data::Empty => return Ok(None),
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        Data::String(s) if s.trim().is_empty() => return Ok(None),
        Data::String(s) => s
            .trim()
            .replace(['.', ' '], "")
            .parse::<f64>()
            .map_err(|_| {
                format!(
                    "số hồ sơ \"{}\" không phải số: cần số nguyên không âm",
                    s.trim()
                )
            })?,
        other => {
            return Err(format!(
                "số hồ sơ \"{}\" không phải số: cần số nguyên không âm",
                as_text(other).unwrap_or_default()
            ))
        }
    };
    if f < 0.0 || f.fract() != 0.0 || f > 1e9 {
        return Err(format!(
            "số hồ sơ {} không hợp lệ: cần số nguyên không âm",
            shown_number(f)
        ));
    }
    Ok(Some(f as u64))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn cells_are_named_as_a_spreadsheet_shows_them() {
        assert_eq!(name(0, 0), "A1");
        assert_eq!(name(8, 4), "E9");
        assert_eq!(name(0, 26), "AA1");
    }

    #[test]
    fn days_are_read_from_text_and_iso_dates() {
        let s = |t: &str| days(&Data::String(t.into()));
        assert_eq!(s("10/3/2025"), Ok(vec![d(2025, 3, 10)]));
        assert_eq!(
            s("28/5/2025; 15/10/2025"),
            Ok(vec![d(2025, 5, 28), d(2025, 10, 15)])
        );
        assert_eq!(
            days(&Data::DateTimeIso("2025-03-10T00:00:00".into())),
            Ok(vec![d(2025, 3, 10)])
        );
        assert!(s("31/02/2025").unwrap_err().contains("không có thật"));
        assert!(s("đầu tháng 3").unwrap_err().contains("không đọc được"));
        assert!(days(&Data::Float(45000.0)).is_err());
    }

    #[test]
    fn shares_and_counts() {
        assert_eq!(share(&Data::String("50%".into())), Ok(Some(50.0)));
        assert_eq!(share(&Data::String("62,5".into())), Ok(Some(62.5)));
        assert!(share(&Data::String("một nửa".into())).is_err());
        assert_eq!(count(&Data::Float(12.0)), Ok(Some(12)));
        assert!(count(&Data::Float(-1.0)).is_err());
        assert!(count(&Data::Float(1.5)).is_err());
    }
}
