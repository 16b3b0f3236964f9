//! The progress forms' few settings: the `phieu` section of `bao-cao/chung.yaml`. Declared
//! here, read strictly with the rest of chung.yaml, checked against the plan's units in
//! [`super::settings`].

use schemars::JsonSchema;
use serde::Deserialize;

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "PhieuTienDo")]
pub struct Section {
    /// Days before the cut-off by which a filled form is to be sent back (default 3).
    #[serde(default, deserialize_with = "crate::model::number::opt_u32")]
    #[schemars(with = "Option<crate::model::number::WholeIn<0, 90>>")]
    pub han_gui_lai_truoc: Option<u32>,
    /// The unit that compiles the report: forms go back to it, and items without a lead
    /// unit are on its form (default: the plan's first unit).
    #[serde(default)]
    pub don_vi_tong_hop: Option<String>,
    /// Units that get a TTHC sheet besides those that reported TTHC before.
    #[serde(default)]
    pub tthc: Option<Vec<String>>,
}
