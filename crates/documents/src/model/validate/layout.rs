//! The page layout settings (`trinh_bay`).

use super::checker::Checker;
use crate::model::plan::Layout;

/// Margins, type size, line spacing and indent may only be set within Decree 30's ranges.
pub(super) fn nd30_ranges(c: &mut Checker, l: &Layout) {
    if let Some(m) = l.le {
        c.range("trinh_bay.le.tren", m.tren, 20.0, 25.0, "mm");
        c.range("trinh_bay.le.duoi", m.duoi, 20.0, 25.0, "mm");
        c.range("trinh_bay.le.trai", m.trai, 30.0, 35.0, "mm");
        c.range("trinh_bay.le.phai", m.phai, 15.0, 20.0, "mm");
    }
    c.range("trinh_bay.co_chu", l.co_chu, 13.0, 14.0, "pt");
    c.range("trinh_bay.gian_dong", l.gian_dong, 1.0, 1.5, "lần dòng đơn");
    c.range("trinh_bay.thut_dau_dong", l.thut_dau_dong, 10.0, 12.7, "mm");
}
