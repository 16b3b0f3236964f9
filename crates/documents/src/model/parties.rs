//! Who does a task: unit keys from the plan's vocabulary (`vptk`) or free text
//! ("Các công chức có liên quan"). A single lowercase word is a key, so a mistyped key is
//! reported instead of being printed as text.

use schemars::JsonSchema;
use serde::Deserialize;
use std::collections::BTreeMap;

/// A unit of the plan's `don_vi`, which parties name by key.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    /// Full name used in the body: "Văn phòng - thống kê".
    pub ten: String,
    /// Short form used in tables: "Công chức VPTK".
    #[serde(default)]
    pub ngan: Option<String>,
}

/// One value or a list of values, as typed.
#[derive(Debug, Clone, PartialEq)]
pub struct Parties(pub Vec<String>);

impl<'de> Deserialize<'de> for Parties {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Parties;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("mã đơn vị, danh sách mã đơn vị hoặc một đoạn chữ")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Parties, E> {
                Ok(Parties(vec![s.to_string()]))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut s: A,
            ) -> Result<Parties, A::Error> {
                let mut v = Vec::new();
                while let Some(x) = s.next_element::<String>()? {
                    v.push(x);
                }
                Ok(Parties(v))
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for Parties {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "DonVi".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        super::schema_shapes::text_or_list()
    }
}

/// True for strings written as unit keys: lowercase ASCII letters, digits, '-' and '_'.
pub fn is_unit_key(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// How a party list is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// Body text: the unit's full name.
    Full,
    /// Tables: the unit's short form.
    Short,
}

/// Prints a validated party list: units only → "A và B" / "A, B và C"; with free text, the
/// parts are joined by "; " as officials write mixed lists.
pub fn render(p: &Parties, units: &BTreeMap<String, Unit>, form: Form) -> String {
    let names: Vec<String> =
        p.0.iter()
            .map(|s| match units.get(s) {
                Some(u) if is_unit_key(s) => match form {
                    Form::Full => u.ten.clone(),
                    Form::Short => u.ngan.clone().unwrap_or_else(|| u.ten.clone()),
                },
                _ => s.clone(),
            })
            .collect();
    let all_units = p.0.iter().all(|s| is_unit_key(s));
    match names.len() {
        0 => String::new(),
        1 => names[0].clone(),
        n if all_units => format!("{} và {}", names[..n - 1].join(", "), names[n - 1]),
        _ => names.join("; "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units() -> BTreeMap<String, Unit> {
        let mut m = BTreeMap::new();
        for (k, ten, ngan) in [
            ("vptk", "Văn phòng - thống kê", "Công chức VPTK"),
            ("ktns", "Kế toán - ngân sách", "Công chức KTNS"),
            ("ca", "Công an phường", "Công an phường"),
        ] {
            m.insert(
                k.to_string(),
                Unit {
                    ten: ten.into(),
                    ngan: Some(ngan.into()),
                },
            );
        }
        m
    }

    #[test]
    fn keys_and_text_are_told_apart() {
        assert!(is_unit_key("vptk") && is_unit_key("vhxh-ldtbxh"));
        assert!(!is_unit_key("Các công chức có liên quan") && !is_unit_key("VPTK"));
    }

    #[test]
    fn renders_full_short_and_mixed_lists() {
        let u = units();
        let two = Parties(vec!["vptk".into(), "ktns".into()]);
        assert_eq!(
            render(&two, &u, Form::Full),
            "Văn phòng - thống kê và Kế toán - ngân sách"
        );
        let three = Parties(vec!["vptk".into(), "ktns".into(), "ca".into()]);
        assert_eq!(
            render(&three, &u, Form::Short),
            "Công chức VPTK, Công chức KTNS và Công an phường"
        );
        let mixed = Parties(vec!["ca".into(), "Các đơn vị có liên quan".into()]);
        assert_eq!(
            render(&mixed, &u, Form::Full),
            "Công an phường; Các đơn vị có liên quan"
        );
    }
}
