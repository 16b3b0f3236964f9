//! The công văn đôn đốc's own few settings, the `don_doc` section of `bao-cao/chung.yaml`
//! (what stays the same: ký hiệu, Nơi nhận, người ký) or of a period's data (số, ngày, hạn
//! báo cáo of this letter). A field of the period's section wins over chung.yaml's.

use crate::model::date::PartialDate;
use crate::model::date::{Day, DocumentDate};
use crate::model::plan::{Recipient, Signature};
use schemars::JsonSchema;
use serde::Deserialize;

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "CongVanDonDoc")]
pub struct Settings {
    /// The letter's number; blank for the văn thư.
    #[serde(default, deserialize_with = "crate::model::number::opt_u32")]
    #[schemars(with = "Option<crate::model::number::WholeNumber>")]
    pub so: Option<u32>,
    /// The letter's date, or its month with the day left blank.
    #[serde(default, deserialize_with = "crate::model::date::opt_text_or_table")]
    #[schemars(with = "Option<DocumentDate>")]
    pub ngay: Option<PartialDate>,
    /// The symbol after the number: "UBND-VP" (the agency's letters, no type abbreviation).
    #[serde(default)]
    pub ky_hieu: Option<String>,
    /// The trích yếu after "V/v".
    #[serde(default)]
    pub trich_yeu: Option<String>,
    /// The day the units report back by; default 15 days after the letter's date.
    #[serde(default)]
    pub han_bao_cao: Option<Day>,
    #[serde(default)]
    pub noi_nhan: Option<Vec<Recipient>>,
    #[serde(default)]
    pub luu: Option<Vec<String>>,
    /// The signer when not the plan's (or the report's).
    #[serde(default)]
    pub ky: Option<Signature>,
}

impl Settings {
    /// Each field of `self` (the period's), else of `common` (chung.yaml's).
    pub fn or(&self, common: &Settings) -> Settings {
        Settings {
            so: self.so.or(common.so),
            ngay: self.ngay.or(common.ngay),
            ky_hieu: self.ky_hieu.clone().or_else(|| common.ky_hieu.clone()),
            trich_yeu: self.trich_yeu.clone().or_else(|| common.trich_yeu.clone()),
            han_bao_cao: self.han_bao_cao.or(common.han_bao_cao),
            noi_nhan: self.noi_nhan.clone().or_else(|| common.noi_nhan.clone()),
            luu: self.luu.clone().or_else(|| common.luu.clone()),
            ky: self.ky.clone().or_else(|| common.ky.clone()),
        }
    }
}
