//! The report data a ward keeps beside its plan, as serde types with Vietnamese keys:
//! `bao-cao/chung.yaml` (what stays the same from report to report) and one file or folder
//! per period (`bao-cao/2024-q1.yaml`, or `bao-cao/2024-q1/*.yaml`, one file per unit).

use crate::model::date::{from_text, Day, DocumentDate, PartialDate, DAY_EXPECTED};
use crate::model::plan::{Recipient, Signature};
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer};
use std::collections::BTreeMap;

/// One string or a list of strings.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Texts(pub Vec<String>);

impl<'de> Deserialize<'de> for Texts {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Texts;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("một đoạn chữ hoặc danh sách các đoạn chữ")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Texts, E> {
                Ok(Texts(vec![s.to_string()]))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut s: A) -> Result<Texts, A::Error> {
                let mut v = Vec::new();
                while let Some(x) = s.next_element::<String>()? {
                    v.push(x);
                }
                Ok(Texts(v))
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for Texts {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "DoanChu".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        crate::model::schema_shapes::text_or_list()
    }
}

/// The settings every report of the plan shares (`bao-cao/chung.yaml`).
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Common {
    /// The body reported to (ô 9a). Data, not a constant: it changed with the 2025
    /// two-tier reorganisation.
    #[serde(default)]
    pub kinh_gui: Option<Texts>,
    #[serde(default)]
    pub noi_nhan: Option<Vec<Recipient>>,
    #[serde(default)]
    pub luu: Option<Vec<String>>,
    #[serde(default)]
    pub ky: Option<Signature>,
    /// The plan's number and date once issued, when plan.yaml still leaves them blank.
    #[serde(default)]
    pub ke_hoach: Option<PlanIssue>,
    /// Data cut-offs ("14/3"), BNV 581 defaults.
    #[serde(default)]
    pub ngay_chot: Option<CutOffSettings>,
    /// The công văn đôn đốc's settings shared by every period. bao-cao/ is read strictly
    /// (unknown keys are mistakes), so the section another kind reads is declared here.
    #[serde(default)]
    pub don_doc: Option<crate::kinds::cong_van::data::Settings>,
    /// The progress forms' settings (`vanban phieu`), declared here for the same reason.
    #[serde(default)]
    pub phieu: Option<crate::forms::data::Section>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanIssue {
    #[serde(default, deserialize_with = "crate::model::number::opt_u32")]
    #[schemars(with = "Option<crate::model::number::WholeNumber>")]
    pub so: Option<u32>,
    #[serde(default)]
    pub ngay: Option<Day>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CutOffSettings {
    #[serde(default)]
    pub quy_1: Option<String>,
    #[serde(default, rename = "6_thang")]
    pub sau_thang: Option<String>,
    #[serde(default, rename = "9_thang")]
    pub chin_thang: Option<String>,
    #[serde(default)]
    pub nam: Option<String>,
}

/// One file of a period's data. In a folder, the files are merged: progress entries and
/// single values may be given once only; narrative paragraphs are joined in file-name order.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PeriodFile {
    #[serde(default, deserialize_with = "crate::model::number::opt_u32")]
    #[schemars(with = "Option<crate::model::number::WholeNumber>")]
    pub so: Option<u32>,
    #[serde(default, deserialize_with = "crate::model::date::opt_text_or_table")]
    #[schemars(with = "Option<DocumentDate>")]
    pub ngay: Option<PartialDate>,
    #[serde(default)]
    pub kinh_gui: Option<Texts>,
    #[serde(default)]
    pub trich_yeu: Option<String>,
    #[serde(default)]
    pub noi_nhan: Option<Vec<Recipient>>,
    #[serde(default)]
    pub luu: Option<Vec<String>>,
    #[serde(default)]
    pub ky: Option<Signature>,
    #[serde(default)]
    pub mo_dau: Texts,
    /// I. Công tác chỉ đạo, điều hành.
    #[serde(default)]
    pub chi_dao_dieu_hanh: Texts,
    /// II. Kết quả theo 6 nội dung CCHC.
    #[serde(default)]
    pub ket_qua: Results,
    /// III. Đánh giá chung.
    #[serde(default)]
    pub uu_diem: Texts,
    #[serde(default)]
    pub ton_tai: Texts,
    #[serde(default)]
    pub nguyen_nhan: Texts,
    /// IV. Phương hướng, nhiệm vụ kỳ tới.
    #[serde(default)]
    pub phuong_huong: Texts,
    /// V. Đề xuất, kiến nghị.
    #[serde(default)]
    pub de_xuat: Texts,
    /// TTHC figures by lĩnh vực (Biểu số 06/VPCP/KSTT).
    #[serde(default)]
    pub tthc: Option<Vec<TthcRow>>,
    /// Progress by task id or appendix row (`par-index/1.2`).
    #[serde(default, deserialize_with = "crate::model::load::unique_keys")]
    pub tien_do: BTreeMap<String, Entry>,
    /// The công văn đôn đốc of this period: its number, date, reply deadline.
    #[serde(default)]
    pub don_doc: Option<crate::kinds::cong_van::data::Settings>,
}

/// The six reform contents of NQ 76/NQ-CP, section II of the report.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Results {
    #[serde(default)]
    pub the_che: Texts,
    #[serde(default)]
    pub thu_tuc_hanh_chinh: Texts,
    #[serde(default)]
    pub to_chuc_bo_may: Texts,
    #[serde(default)]
    pub che_do_cong_vu: Texts,
    #[serde(default)]
    pub tai_chinh_cong: Texts,
    #[serde(default)]
    pub chinh_quyen_so: Texts,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Done,
    InProgress,
    NotStarted,
}

/// Lower case, Vietnamese marks and "đ" removed: "Hoàn thành" → "hoan thanh".
pub fn fold(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.trim()
        .to_lowercase()
        .nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .map(|c| match c {
            'đ' => 'd',
            '-' | '_' => ' ',
            c => c,
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

impl Status {
    /// "hoàn thành", "Hoàn thành", "hoan-thanh" all read the same.
    pub fn parse(s: &str) -> Option<Status> {
        match fold(s).as_str() {
            "hoan thanh" | "da hoan thanh" => Some(Status::Done),
            "dang thuc hien" | "dang trien khai" => Some(Status::InProgress),
            "chua thuc hien" | "chua trien khai" => Some(Status::NotStarted),
            _ => None,
        }
    }
}

const STATUS_EXPECTED: &str = "trạng thái là một trong: hoàn thành, đang thực hiện, chưa thực hiện";

impl<'de> Deserialize<'de> for Status {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        from_text(d, STATUS_EXPECTED, Status::parse)
    }
}

impl JsonSchema for Status {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "TrangThai".into()
    }
    /// Completion offers the three words; other spellings the loader accepts ("Hoàn thành",
    /// "hoan-thanh") are not underlined.
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "examples": ["hoàn thành", "đang thực hiện", "chưa thực hiện"]
        })
    }
}

/// `ngay_hoan_thanh`: one day, or a list of days, one per completed round, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Days(pub Vec<Day>);

impl Days {
    /// The last day given: the day the work (or its last completed round) was done.
    pub fn last(&self) -> Option<Day> {
        self.0.last().copied()
    }
}

impl<'de> Deserialize<'de> for Days {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Days;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                write!(f, "{DAY_EXPECTED}, hoặc danh sách ngày hoàn thành từng đợt")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Days, E> {
                Day::parse(s)
                    .map(|d| Days(vec![d]))
                    .ok_or_else(|| E::custom(format!("cần {DAY_EXPECTED}; gặp \"{s}\"")))
            }
            // A number or a yes/no word is refused in the same words as a wrong day.
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Days, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Days, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Days, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Days, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<Days, E> {
                Ok(Days::default())
            }
            fn visit_none<E: serde::de::Error>(self) -> Result<Days, E> {
                Ok(Days::default())
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut s: A) -> Result<Days, A::Error> {
                let mut v = Vec::new();
                while let Some(x) = s.next_element::<Day>()? {
                    v.push(x);
                }
                Ok(Days(v))
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for Days {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "NgayHoanThanh".into()
    }
    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let day = g.subschema_for::<Day>();
        schemars::json_schema!({ "anyOf": [day, { "type": "array", "items": day }] })
    }
}

/// Progress of one task or appendix row at the period's cut-off.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub trang_thai: Status,
    /// The day work was completed; for work in rounds, the day each completed round was.
    #[serde(default)]
    pub ngay_hoan_thanh: Days,
    /// Share done, 0–100 (for work in progress).
    #[serde(default)]
    #[schemars(range(min = 0, max = 100))]
    pub ty_le: Option<f64>,
    /// Short result.
    #[serde(default)]
    pub ket_qua: Option<String>,
    /// Evidence: documents, products.
    #[serde(default)]
    pub san_pham: Texts,
    /// Khó khăn, vướng mắc.
    #[serde(default)]
    pub kho_khan: Option<String>,
}

/// Counts of one lĩnh vực in Biểu số 06/VPCP/KSTT.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TthcRow {
    pub linh_vuc: String,
    pub tiep_nhan: Received,
    pub da_giai_quyet: Resolved,
    pub dang_giai_quyet: Pending,
}

#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Received {
    /// Given or computed: trực tuyến + trực tiếp + từ kỳ trước.
    #[serde(default, deserialize_with = "crate::model::number::opt_u64")]
    #[schemars(with = "Option<crate::model::number::WholeIn<0, 1000000000>>")]
    pub tong: Option<u64>,
    #[serde(deserialize_with = "crate::model::number::u64_lenient")]
    #[schemars(with = "crate::model::number::WholeIn<0, 1000000000>")]
    pub truc_tuyen: u64,
    /// Trực tiếp and dịch vụ bưu chính.
    #[serde(deserialize_with = "crate::model::number::u64_lenient")]
    #[schemars(with = "crate::model::number::WholeIn<0, 1000000000>")]
    pub truc_tiep: u64,
    #[serde(default, deserialize_with = "crate::model::number::u64_lenient")]
    #[schemars(with = "crate::model::number::WholeIn<0, 1000000000>")]
    pub tu_ky_truoc: u64,
}

#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Resolved {
    #[serde(default, deserialize_with = "crate::model::number::opt_u64")]
    #[schemars(with = "Option<crate::model::number::WholeIn<0, 1000000000>>")]
    pub tong: Option<u64>,
    #[serde(default, deserialize_with = "crate::model::number::u64_lenient")]
    #[schemars(with = "crate::model::number::WholeIn<0, 1000000000>")]
    pub truoc_han: u64,
    #[serde(default, deserialize_with = "crate::model::number::u64_lenient")]
    #[schemars(with = "crate::model::number::WholeIn<0, 1000000000>")]
    pub dung_han: u64,
    #[serde(default, deserialize_with = "crate::model::number::u64_lenient")]
    #[schemars(with = "crate::model::number::WholeIn<0, 1000000000>")]
    pub qua_han: u64,
}

#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Pending {
    #[serde(default, deserialize_with = "crate::model::number::opt_u64")]
    #[schemars(with = "Option<crate::model::number::WholeIn<0, 1000000000>>")]
    pub tong: Option<u64>,
    #[serde(default, deserialize_with = "crate::model::number::u64_lenient")]
    #[schemars(with = "crate::model::number::WholeIn<0, 1000000000>")]
    pub trong_han: u64,
    #[serde(default, deserialize_with = "crate::model::number::u64_lenient")]
    #[schemars(with = "crate::model::number::WholeIn<0, 1000000000>")]
    pub qua_han: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_words_are_read_loosely() {
        for (s, want) in [
            ("hoàn thành", Status::Done),
            ("Hoàn Thành", Status::Done),
            ("hoan-thanh", Status::Done),
            ("đang thực hiện", Status::InProgress),
            ("chưa thực hiện", Status::NotStarted),
        ] {
            let got: Status = serde_yaml::from_str(&format!("\"{s}\"")).unwrap();
            assert_eq!(got, want, "{s}");
        }
        let e = serde_yaml::from_str::<Status>("xong")
            .unwrap_err()
            .to_string();
        assert!(e.contains("hoàn thành, đang thực hiện"), "{e}");
    }

    #[test]
    fn days_are_read_day_first() {
        let d = |y, m, dd| Some(Day(chrono::NaiveDate::from_ymd_opt(y, m, dd).unwrap()));
        assert_eq!(Day::parse("12/3/2024"), d(2024, 3, 12));
        assert_eq!(Day::parse("05/01/2024"), d(2024, 1, 5));
        assert_eq!(Day::parse("2024-03-12"), d(2024, 3, 12));
        assert_eq!(Day::parse("31/2/2024"), None);
        assert_eq!(Day::parse("12/3/24"), None);
    }
}
