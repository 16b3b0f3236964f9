//! The hidden sheet "_vanban": which plan, period and unit a form was written for, so that
//! reading it back can refuse a form of another plan or period, or a second one of a unit.

use super::form::{Heading, UnitForm};
use rust_xlsxwriter::{Worksheet, XlsxError};

pub const SHEET: &str = "_vanban";

/// Raised when what a form holds, or where, changes in a way an older reader would misread.
/// 2: the SHA-256 of the unit's period file (`tep_ky`), so that reading a form back never
/// replaces a file edited by hand since.
pub const FORM_VERSION: u32 = 2;

/// The marker's keys.
pub const SOFTWARE: &str = "phan_mem";
pub const VERSION: &str = "phien_ban_phieu";
pub const PLAN_FOLDER: &str = "ke_hoach";
pub const PLAN_HASH: &str = "ma_ke_hoach";
pub const PERIOD: &str = "ky";
pub const UNIT: &str = "don_vi";
pub const PERIOD_FILE_SHA: &str = "tep_ky";

/// The marker's keys and values, one pair a row.
pub fn pairs(form: &UnitForm, h: &Heading) -> Vec<(&'static str, String)> {
    vec![
        (SOFTWARE, "vanban".to_string()),
        (VERSION, FORM_VERSION.to_string()),
        (PLAN_FOLDER, h.plan_folder.clone()),
        (PLAN_HASH, h.plan_hash.clone()),
        (PERIOD, h.period_key.clone()),
        (UNIT, form.key.clone()),
        (PERIOD_FILE_SHA, form.period_file_sha.clone()),
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
