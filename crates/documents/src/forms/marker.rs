//! The hidden sheet "_vanban": which plan, period and unit a form was written for, so that
//! reading it back can refuse a form of another plan or period, or a second one of a unit.

use super::form::{Heading, UnitForm};
use rust_xlsxwriter::{Worksheet, XlsxError};

pub const SHEET: &str = "_vanban";

/// Raised when what a form holds, or where, changes in a way an older reader would misread.
pub const FORM_VERSION: u32 = 1;

/// The marker's keys and values, one pair a row.
pub fn pairs(form: &UnitForm, h: &Heading) -> Vec<(&'static str, String)> {
    vec![
        ("phan_mem", "vanban".to_string()),
        ("phien_ban_phieu", FORM_VERSION.to_string()),
        ("ke_hoach", h.plan_folder.clone()),
        ("ma_ke_hoach", h.plan_hash.clone()),
        ("ky", h.period_key.clone()),
        ("don_vi", form.key.clone()),
    ]
}

pub fn sheet(form: &UnitForm, h: &Heading) -> Result<Worksheet, XlsxError> {
    let mut ws = Worksheet::new();
    ws.set_name(SHEET)?;
    for (r, (k, v)) in pairs(form, h).iter().enumerate() {
        ws.write_string(r as u32, 0, *k)?;
        ws.write_string(r as u32, 1, v)?;
    }
    ws.set_hidden(true);
    ws.protect();
    Ok(ws)
}
