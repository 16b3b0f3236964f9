//! Whole numbers as clerks type them: `so: 07` and `thang: 08` are read as 7 and 8 (YAML
//! reads a leading zero as text, and 08 is not even octal), not refused.

use serde::de::Visitor;
use serde::Deserializer;

/// A whole number up to `max`. The bound is checked in the visitor, so the YAML parser
/// places an error at the number, not at the mapping holding it.
#[derive(Clone, Copy)]
struct Digits {
    max: u64,
}

impl Digits {
    fn within<E: serde::de::Error>(self, v: u64) -> Result<u64, E> {
        if v > self.max {
            return Err(too_large(v, self.max));
        }
        Ok(v)
    }
}

fn too_large<E: serde::de::Error>(v: impl std::fmt::Display, max: u64) -> E {
    E::custom(format!(
        "cần một số nguyên không quá {}; gặp số {v} (quá lớn)",
        super::numerals::thousands(max)
    ))
}

impl Visitor<'_> for Digits {
    type Value = u64;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("một số nguyên không âm")
    }
    fn visit_u128<E: serde::de::Error>(self, v: u128) -> Result<u64, E> {
        Err(too_large(v, self.max))
    }
    fn visit_i128<E: serde::de::Error>(self, v: i128) -> Result<u64, E> {
        Err(too_large(v, self.max))
    }
    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<u64, E> {
        self.within(v)
    }
    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<u64, E> {
        let v = u64::try_from(v)
            .map_err(|_| E::custom(format!("cần một số nguyên không âm; gặp số {v}")))?;
        self.within(v)
    }
    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<u64, E> {
        let t = s.trim();
        if !t.is_empty() && t.len() <= 18 && t.bytes().all(|b| b.is_ascii_digit()) {
            return self.within(t.parse().map_err(E::custom)?);
        }
        Err(E::custom(format!(
            "cần một số nguyên không âm (chỉ gồm chữ số); gặp chuỗi \"{s}\""
        )))
    }
}

/// `v`, read by a [`Digits`] bounded by `T`'s maximum, as a `T` (the error cannot happen).
fn fit<T: TryFrom<u64>, E: serde::de::Error>(v: u64) -> Result<T, E> {
    T::try_from(v)
        .map_err(|_| E::custom(format!("cần một số nguyên nhỏ hơn; gặp số {v} (quá lớn)")))
}

struct OptDigits(Digits);

impl<'de> Visitor<'de> for OptDigits {
    type Value = Option<u64>;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("một số nguyên không âm hoặc ~")
    }
    fn visit_u128<E: serde::de::Error>(self, v: u128) -> Result<Self::Value, E> {
        self.0.visit_u128(v).map(Some)
    }
    fn visit_i128<E: serde::de::Error>(self, v: i128) -> Result<Self::Value, E> {
        self.0.visit_i128(v).map(Some)
    }
    fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self.0).map(Some)
    }
    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Self::Value, E> {
        self.0.visit_u64(v).map(Some)
    }
    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Self::Value, E> {
        self.0.visit_i64(v).map(Some)
    }
    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Self::Value, E> {
        self.0.visit_str(s).map(Some)
    }
}

const U32: Digits = Digits {
    max: u32::MAX as u64,
};
/// Counts of files (TTHC): a billion is far beyond any ward, and the sums of Biểu 06's rows
/// and columns then cannot overflow.
pub const MAX_COUNT: u64 = 1_000_000_000;
const COUNT: Digits = Digits { max: MAX_COUNT };

/// An optional whole number, leading zeros allowed.
pub fn opt_u32<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    match d.deserialize_option(OptDigits(U32))? {
        None => Ok(None),
        Some(v) => fit(v).map(Some),
    }
}

/// An optional count up to [`MAX_COUNT`], leading zeros allowed (TTHC counts).
pub fn opt_u64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    d.deserialize_option(OptDigits(COUNT))
}

/// A count up to [`MAX_COUNT`], leading zeros allowed.
pub fn u64_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    d.deserialize_any(COUNT)
}

/// The schema of a number read by this module: an integer, or digits written as text (`07`).
pub struct WholeNumber;

impl schemars::JsonSchema for WholeNumber {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "SoNguyen".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "anyOf": [
                { "type": "integer", "minimum": 0 },
                { "type": "string", "pattern": "^\\s*[0-9]{1,18}\\s*$" }
            ]
        })
    }
}

/// [`WholeNumber`] within `MIN..=MAX` (days, months, years), so an editor underlines
/// `thang: 13` as the loader refuses it. Digits written as text are not range-checked here.
pub struct WholeIn<const MIN: u64, const MAX: u64>;

impl<const MIN: u64, const MAX: u64> schemars::JsonSchema for WholeIn<MIN, MAX> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        format!("SoNguyenTu{MIN}Den{MAX}").into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "anyOf": [
                { "type": "integer", "minimum": MIN, "maximum": MAX },
                { "type": "string", "pattern": "^\\s*[0-9]{1,18}\\s*$" }
            ]
        })
    }
}

/// A year (or other whole number), leading zeros allowed.
pub fn i32_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<i32, D::Error> {
    let v = d.deserialize_any(Digits {
        max: i32::MAX as u64,
    })?;
    fit(v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    #[allow(dead_code)]
    struct T {
        #[serde(default, deserialize_with = "opt_u32")]
        so: Option<u32>,
        #[serde(deserialize_with = "i32_lenient")]
        nam: i32,
    }

    fn t(s: &str) -> Result<T, String> {
        serde_yaml::from_str::<T>(s).map_err(|e| e.to_string())
    }

    #[test]
    fn leading_zeros_are_numbers() {
        assert_eq!(t("so: 07\nnam: 2024").unwrap().so, Some(7));
        assert_eq!(t("so: 08\nnam: 2024").unwrap().so, Some(8));
        assert_eq!(t("so: ~\nnam: 2024").unwrap().so, None);
        assert_eq!(t("nam: 2024").unwrap().so, None);
        assert!(t("so: mười\nnam: 1")
            .unwrap_err()
            .contains("cần một số nguyên"));
        let e = t("so: 1\nnam: 99999999999999999999999").unwrap_err();
        assert!(!e.contains("u128"), "{e}");
        let e = t("so: 1\nnam: 9999999999").unwrap_err();
        assert!(e.contains("quá lớn"), "{e}");
    }
}
