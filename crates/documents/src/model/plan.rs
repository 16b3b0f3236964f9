//! The plan file (plan.yaml) as serde types. Field names are the Vietnamese keys users type;
//! every struct refuses unknown fields so a typo is reported, not silently ignored.

use super::date::PartialDate;
use super::parties::{Parties, Unit};
use schemars::JsonSchema;
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// Document type; only `ke-hoach` for now.
    pub loai: DocType,
    pub co_quan: Agency,
    /// Số: left blank (`~`) for the văn thư to fill in after signing.
    #[serde(default, deserialize_with = "super::number::opt_u32")]
    #[schemars(with = "Option<super::number::WholeNumber>")]
    pub so: Option<u32>,
    pub dia_danh: String,
    #[serde(deserialize_with = "super::date::text_or_table")]
    #[schemars(with = "super::date::DocumentDate")]
    pub ngay: PartialDate,
    pub trich_yeu: String,
    #[serde(default, deserialize_with = "super::load::unique_keys")]
    pub don_vi: BTreeMap<String, Unit>,
    #[serde(default)]
    pub nhan: Labels,
    #[serde(default)]
    pub mo_dau: Vec<String>,
    #[serde(default)]
    pub noi_dung: Vec<Item>,
    #[serde(default)]
    pub ket_luan: Option<String>,
    #[serde(default)]
    pub noi_nhan: Vec<Recipient>,
    #[serde(default = "default_luu")]
    pub luu: Vec<String>,
    pub ky: Signature,
    #[serde(default)]
    pub phu_luc: Vec<Appendix>,
    #[serde(default)]
    pub trinh_bay: Layout,
}

fn default_luu() -> Vec<String> {
    vec!["VT".to_string()]
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
pub enum DocType {
    #[serde(rename = "ke-hoach")]
    KeHoach,
}

impl DocType {
    /// The type's names as printed (ND30 ô 5a, Phụ lục III).
    pub fn names(self) -> super::type_names::TypeNames {
        match self {
            DocType::KeHoach => super::type_names::KE_HOACH,
        }
    }
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Agency {
    /// Tên cơ quan chủ quản trực tiếp (optional line above, not bold).
    #[serde(default)]
    pub chu_quan: Vec<String>,
    /// Tên cơ quan ban hành, one printed line per item.
    pub ten: Vec<String>,
    /// The name as written inside a sentence: "Ủy ban nhân dân phường Phú Sơn".
    pub ten_day_du: String,
    /// Abbreviation used in the ký hiệu: "UBND" → "KH-UBND".
    pub viet_tat: String,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Labels {
    #[serde(default)]
    pub chu_tri: Option<String>,
    #[serde(default)]
    pub phoi_hop: Option<String>,
}

/// A numbered item of the body at any level: I. → 1. → 1.1. → 1.1.1.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Item {
    #[serde(default)]
    pub tieu_de: Option<String>,
    /// Text after the title on the same line, or the whole text of an untitled item.
    #[serde(default)]
    pub doan: Option<String>,
    /// Further unnumbered paragraphs.
    #[serde(default)]
    pub cac_doan: Vec<String>,
    /// "- " items.
    #[serde(default)]
    pub gach: Vec<String>,
    #[serde(default)]
    pub chi_so: Vec<String>,
    #[serde(default)]
    pub nhan: Option<Labels>,
    #[serde(default)]
    pub nhiem_vu: Vec<Task>,
    #[serde(default)]
    pub muc: Vec<Item>,
    /// "(Có các Phụ lục … kèm theo)": `tat-ca` or a list of appendix ids.
    #[serde(default)]
    pub phu_luc_kem_theo: Option<AppendixRef>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum AppendixRef {
    Ids(Vec<String>),
    Keyword(String),
}

impl JsonSchema for AppendixRef {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "PhuLucKemTheo".into()
    }
    /// The loader takes one keyword only.
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "anyOf": [
                { "enum": ["tat-ca"] },
                { "type": "array", "items": { "type": "string" } }
            ]
        })
    }
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Task {
    pub id: String,
    pub noi_dung: String,
    #[serde(default)]
    pub chu_tri: Option<Parties>,
    #[serde(default)]
    pub phoi_hop: Option<Parties>,
    #[serde(default)]
    pub nhan_chu_tri: Option<String>,
    #[serde(default)]
    pub nhan_phoi_hop: Option<String>,
    /// Deadline or period, printed as "- Thời gian thực hiện: …".
    #[serde(default)]
    pub thoi_gian: Option<String>,
    /// Deadline for progress reports when `thoi_gian` does not say one ("30/6/2024",
    /// "Quý II/2024", "Thường xuyên"), or a list of the rounds' deadlines; not printed.
    #[serde(default)]
    pub han: Option<Deadlines>,
    #[serde(default)]
    pub chi_so: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Recipient {
    pub ten: String,
    /// Purpose suffix: "b/c", "t/h".
    pub de: Option<String>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct RecipientMap {
    ten: String,
    #[serde(default)]
    de: Option<String>,
}

impl<'de> Deserialize<'de> for Recipient {
    /// A recipient is a plain string or `{ten, de}`.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Recipient;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("tên nơi nhận hoặc {ten, de}")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Recipient, E> {
                Ok(Recipient {
                    ten: s.to_string(),
                    de: None,
                })
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, m: A) -> Result<Recipient, A::Error> {
                let r = RecipientMap::deserialize(serde::de::value::MapAccessDeserializer::new(m))?;
                Ok(Recipient {
                    ten: r.ten,
                    de: r.de,
                })
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for Recipient {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "NoiNhan".into()
    }
    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let map = g.subschema_for::<RecipientMap>();
        schemars::json_schema!({ "anyOf": [ { "type": "string" }, map ] })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
pub enum SigningForm {
    TM,
    KT,
    Q,
    TL,
    TUQ,
    #[serde(rename = "khong")]
    None,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Signature {
    pub hinh_thuc: SigningForm,
    /// The collective for TM. ("Ủy ban nhân dân").
    #[serde(default)]
    pub tap_the: Option<String>,
    /// The head's title after KT./TL./TUQ. ("Chủ tịch").
    #[serde(default)]
    pub thay_cho: Option<String>,
    pub chuc_vu: String,
    pub ho_ten: String,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Appendix {
    pub id: String,
    #[serde(default)]
    pub chi_so: Option<String>,
    pub tieu_de: String,
    /// How units print in the table: `ngan` (short form, default) or `day-du` (full name).
    #[serde(default)]
    pub ten_don_vi: Option<UnitNames>,
    #[serde(default)]
    pub mac_dinh: RowDefaults,
    pub nhom: Vec<Group>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, JsonSchema)]
pub enum UnitNames {
    #[default]
    #[serde(rename = "ngan")]
    Short,
    #[serde(rename = "day-du")]
    Full,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RowDefaults {
    #[serde(default)]
    pub chu_tri: Option<Parties>,
    #[serde(default)]
    pub phoi_hop: Option<Parties>,
    #[serde(default)]
    pub thoi_gian: Option<String>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Group {
    pub ten: String,
    /// Overrides the table's `ten_don_vi` for this group's rows.
    #[serde(default)]
    pub ten_don_vi: Option<UnitNames>,
    #[serde(default)]
    pub chu_tri: Option<Parties>,
    #[serde(default)]
    pub phoi_hop: Option<Parties>,
    #[serde(default)]
    pub thoi_gian: Option<String>,
    #[serde(default)]
    pub mac_dinh: RowDefaults,
    #[serde(default)]
    pub dong: Vec<Row>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Row {
    /// Stable id for progress reports; without one a row is `<appendix id>/<TT>`.
    #[serde(default)]
    pub id: Option<String>,
    pub tieu_chi: String,
    #[serde(default)]
    pub chu_tri: Option<Parties>,
    #[serde(default)]
    pub phoi_hop: Option<Parties>,
    #[serde(default)]
    pub thoi_gian: Option<String>,
    /// Deadline for progress reports (see `Task::han`).
    #[serde(default)]
    pub han: Option<Deadlines>,
}

/// Presentation settings a plan may change, each within Decree 30's ranges.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Layout {
    #[serde(default)]
    pub le: Option<MarginsMm>,
    /// Body text size, 13–14 pt.
    #[serde(default)]
    #[schemars(range(min = 13, max = 14))]
    pub co_chu: Option<f32>,
    /// Line spacing, 1.0–1.5.
    #[serde(default)]
    #[schemars(range(min = 1, max = 1.5))]
    pub gian_dong: Option<f32>,
    /// First-line indent, 10–12.7 mm.
    #[serde(default)]
    #[schemars(range(min = 10, max = 12.7))]
    pub thut_dau_dong: Option<f32>,
    /// Appendix numbering: `la-ma` (I, II; ND30 default) or `a-rap` (1, 2).
    #[serde(default)]
    pub so_phu_luc: Option<AppendixNumbering>,
    /// Show the page number on the first page of each appendix.
    #[serde(default)]
    pub so_trang_dau_phu_luc: Option<bool>,
    /// Font files for the PDF (paths relative to the plan file).
    #[serde(default)]
    pub phong_chu: Option<FontPaths>,
}

/// Margins in mm; each one left out keeps its Decree 30 default.
#[derive(Debug, Clone, Copy, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MarginsMm {
    #[serde(default)]
    pub tren: Option<f32>,
    #[serde(default)]
    pub duoi: Option<f32>,
    #[serde(default)]
    pub trai: Option<f32>,
    #[serde(default)]
    pub phai: Option<f32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, JsonSchema)]
pub enum AppendixNumbering {
    #[default]
    #[serde(rename = "la-ma")]
    Roman,
    #[serde(rename = "a-rap")]
    Arabic,
}

/// Font files for the PDF; each face left out keeps the bundled Liberation Serif one.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FontPaths {
    #[serde(default)]
    pub thuong: Option<String>,
    #[serde(default)]
    pub dam: Option<String>,
    #[serde(default)]
    pub nghieng: Option<String>,
    #[serde(default)]
    pub dam_nghieng: Option<String>,
}

/// `han`: one deadline phrase, or a list of them, one per round ("đợt").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadlines(pub Vec<String>);

impl<'de> Deserialize<'de> for Deadlines {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Deadlines;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("một thời hạn (ví dụ 30/6/2025, Quý II/2025) hoặc danh sách thời hạn của từng đợt")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Deadlines, E> {
                Ok(Deadlines(vec![s.to_string()]))
            }
            // `han: 2025` is the year's end, as in `thoi_gian`.
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Deadlines, E> {
                Ok(Deadlines(vec![v.to_string()]))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Deadlines, E> {
                Ok(Deadlines(vec![v.to_string()]))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut s: A,
            ) -> Result<Deadlines, A::Error> {
                let mut v = Vec::new();
                while let Some(x) = s.next_element::<String>()? {
                    v.push(x);
                }
                Ok(Deadlines(v))
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for Deadlines {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ThoiHan".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        super::schema_shapes::text_or_list()
    }
}
