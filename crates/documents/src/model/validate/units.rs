//! The plan's units (`don_vi`), which tasks and rows name as leads and partners.

use super::checker::Checker;
use crate::model::parties::{is_unit_key, Unit};
use std::collections::BTreeMap;

/// Unit keys are what progress files and `chu_tri` refer to, so they must be plain ids;
/// the name is what gets printed.
pub(super) fn keys_and_names(c: &mut Checker, units: &BTreeMap<String, Unit>) {
    for (k, u) in units {
        let path = format!("don_vi.{k}");
        if !is_unit_key(k) {
            c.fail(
                &path,
                "mã đơn vị viết thường không dấu, chỉ gồm a-z, 0-9, \"-\", \"_\" (ví dụ vptk)",
                Some(format!("`{k}`")),
            );
        }
        c.text(&format!("{path}.ten"), &u.ten);
    }
}
