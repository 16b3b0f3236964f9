//! Dates as Decree 30 prints them (Phụ lục I II.4.b): "ngày 05 tháng 02 năm 2024" — a
//! leading zero for days below 10 and for months 1 and 2 only. A day or month may be left
//! blank for the văn thư to fill in after signing.

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer};

/// The blank left for a number to be written in by hand.
pub const BLANK: &str = "      ";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PartialDate {
    #[serde(default, deserialize_with = "super::number::opt_u32")]
    #[schemars(with = "Option<super::number::WholeIn<1, 31>>")]
    pub ngay: Option<u32>,
    #[serde(default, deserialize_with = "super::number::opt_u32")]
    #[schemars(with = "Option<super::number::WholeIn<1, 12>>")]
    pub thang: Option<u32>,
    #[serde(deserialize_with = "super::number::i32_lenient")]
    #[schemars(with = "super::number::WholeIn<1900, 2200>")]
    pub nam: i32,
}

/// What a document's date may be written as.
pub const DATE_EXPECTED: &str =
    "ngày có thật viết dạng ngày/tháng/năm (ví dụ 18/6/2025) hoặc bảng {ngay: 18, thang: 6, nam: 2025}";

/// "31/12/2024" (or "2024-12-31") as its three parts. A day that does not exist
/// ("31/02/2025") is kept, for [`PartialDate::check`] to say so at its line.
pub fn parts_of(s: &str) -> Option<PartialDate> {
    let parts: Vec<&str> = s.trim().split(['/', '.', '-']).map(str::trim).collect();
    let [a, b, c] = parts[..] else { return None };
    let (d, m, y) = if a.len() == 4 { (c, b, a) } else { (a, b, c) };
    if y.len() != 4 {
        return None;
    }
    Some(PartialDate {
        ngay: Some(d.parse().ok()?),
        thang: Some(m.parse().ok()?),
        nam: y.parse().ok()?,
    })
}

/// A document's date: the text "18/6/2025" or the table {ngay, thang, nam} (whose day and
/// month may be left blank for the văn thư); `~` is no date.
struct DateVisitor;

impl<'de> serde::de::Visitor<'de> for DateVisitor {
    type Value = Option<PartialDate>;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(DATE_EXPECTED)
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Self::Value, E> {
        match parts_of(s) {
            Some(d) => Ok(Some(d)),
            None => Err(E::custom(format!("cần {DATE_EXPECTED}; gặp \"{s}\""))),
        }
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, m: A) -> Result<Self::Value, A::Error> {
        PartialDate::deserialize(serde::de::value::MapAccessDeserializer::new(m)).map(Some)
    }
}

/// A date that may be left out (a report's `ngay`), read as [`DateVisitor`] says.
pub fn opt_text_or_table<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<PartialDate>, D::Error> {
    d.deserialize_any(DateVisitor)
}

/// A date that must be given (plan.yaml's `ngay`), read as [`DateVisitor`] says.
pub fn text_or_table<'de, D: serde::Deserializer<'de>>(d: D) -> Result<PartialDate, D::Error> {
    d.deserialize_any(DateVisitor)?.ok_or_else(|| {
        serde::de::Error::custom(format!("cần {DATE_EXPECTED}; gặp giá trị rỗng (~)"))
    })
}

/// "14/3/2024": ND30's short date for running text (day padded, month 1–2 padded).
pub fn short_date(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!("{}/{}/{}", fmt_day(d.day()), fmt_month(d.month()), d.year())
}

pub fn fmt_day(d: u32) -> String {
    if d < 10 {
        format!("0{d}")
    } else {
        d.to_string()
    }
}

pub fn fmt_month(m: u32) -> String {
    if m <= 2 {
        format!("0{m}")
    } else {
        m.to_string()
    }
}

impl PartialDate {
    /// Checks the parts that are given; returns a Vietnamese description of the problem.
    pub fn check(&self) -> Result<(), String> {
        if !(1900..=2200).contains(&self.nam) {
            return Err(format!("năm từ 1900 đến 2200, gặp {}", self.nam));
        }
        if let Some(m) = self.thang {
            if !(1..=12).contains(&m) {
                return Err(format!("tháng từ 1 đến 12, gặp {m}"));
            }
        }
        match (self.ngay, self.thang) {
            (Some(d), Some(m)) => {
                if chrono::NaiveDate::from_ymd_opt(self.nam, m, d).is_none() {
                    return Err(format!(
                        "một ngày có thật, gặp ngày {d} tháng {m} năm {}",
                        self.nam
                    ));
                }
            }
            (Some(d), None) => {
                return Err(format!(
                    "có tháng khi đã có ngày (gặp ngày {d} nhưng tháng để trống)"
                ))
            }
            (None, _) => {}
        }
        Ok(())
    }

    /// "ngày 05 tháng 02 năm 2024", blanks where a part is missing.
    pub fn long(&self) -> String {
        let d = self.ngay.map_or(BLANK.to_string(), fmt_day);
        let m = self.thang.map_or(BLANK.to_string(), fmt_month);
        format!("ngày {d} tháng {m} năm {}", self.nam)
    }
}

/// Reads a text with `read`, refusing it with `cần {expected}; gặp "…"`. The text is read
/// inside a visitor, so the YAML parser places an error at the value itself, not at the
/// mapping holding it.
pub fn from_text<'de, D: Deserializer<'de>, T>(
    d: D,
    expected: &'static str,
    read: fn(&str) -> Option<T>,
) -> Result<T, D::Error> {
    struct V<T> {
        expected: &'static str,
        read: fn(&str) -> Option<T>,
    }
    impl<T> serde::de::Visitor<'_> for V<T> {
        type Value = T;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str(self.expected)
        }
        fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<T, E> {
            (self.read)(s).ok_or_else(|| E::custom(format!("cần {}; gặp \"{s}\"", self.expected)))
        }
    }
    d.deserialize_str(V { expected, read })
}

/// A calendar day written "12/3/2024" (or "2024-03-12").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Day(pub chrono::NaiveDate);

impl Day {
    pub fn parse(s: &str) -> Option<Day> {
        let s = s.trim();
        if let Ok(d) = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d") {
            return Some(Day(d));
        }
        let parts: Vec<&str> = s.split(['/', '.', '-']).map(str::trim).collect();
        let [d, m, y] = parts[..] else { return None };
        if y.len() != 4 {
            return None;
        }
        chrono::NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).map(Day)
    }
}

pub const DAY_EXPECTED: &str = "ngày có thật viết dạng ngày/tháng/năm (ví dụ 12/3/2024)";

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        from_text(d, DAY_EXPECTED, Day::parse)
    }
}

impl JsonSchema for Day {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Ngay".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^\\s*([0-9]+\\s*[/.-]\\s*[0-9]+\\s*[/.-]\\s*[0-9]{4}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2})\\s*$",
            "examples": ["12/3/2024"]
        })
    }
}

/// The schema of a document's date (`text_or_table`): a day's text or the table.
pub struct DocumentDate;

impl JsonSchema for DocumentDate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "NgayVanBan".into()
    }
    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let day = g.subschema_for::<Day>();
        let table = g.subschema_for::<PartialDate>();
        schemars::json_schema!({ "anyOf": [day, table] })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn short_dates_pad_like_nd30() {
        let d = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(short_date(d(2024, 3, 5)), "05/3/2024");
        assert_eq!(short_date(d(2024, 1, 14)), "14/01/2024");
    }

    use super::*;

    fn date(d: Option<u32>, m: Option<u32>, y: i32) -> PartialDate {
        PartialDate {
            ngay: d,
            thang: m,
            nam: y,
        }
    }

    #[test]
    fn leading_zeros_follow_nd30() {
        assert_eq!(
            date(Some(5), Some(2), 2024).long(),
            "ngày 05 tháng 02 năm 2024"
        );
        assert_eq!(
            date(Some(9), Some(3), 2025).long(),
            "ngày 09 tháng 3 năm 2025"
        );
        assert_eq!(
            date(Some(15), Some(1), 2025).long(),
            "ngày 15 tháng 01 năm 2025"
        );
        assert_eq!(
            date(Some(29), Some(12), 2019).long(),
            "ngày 29 tháng 12 năm 2019"
        );
    }

    #[test]
    fn blank_day_keeps_room_for_the_clerk() {
        assert_eq!(
            date(None, Some(12), 2023).long(),
            format!("ngày {BLANK} tháng 12 năm 2023")
        );
    }

    #[test]
    fn impossible_dates_are_refused() {
        assert!(date(Some(30), Some(2), 2024).check().is_err());
        assert!(date(Some(29), Some(2), 2024).check().is_ok());
        assert!(date(None, Some(13), 2024).check().is_err());
        assert!(date(Some(3), None, 2024).check().is_err());
    }
}
