//! Dates as Decree 30 prints them (Phụ lục I II.4.b): "ngày 05 tháng 02 năm 2024" — a
//! leading zero for days below 10 and for months 1 and 2 only. A day or month may be left
//! blank for the văn thư to fill in after signing.

use schemars::JsonSchema;
use serde::Deserialize;

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

#[cfg(test)]
mod tests {
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
