//! The header fields after the agency: place, subject, date and number.

use super::checker::Checker;
use crate::model::plan::Plan;

/// The place name heads the date line and the subject names the document: both are printed.
pub(super) fn place_and_subject(c: &mut Checker, plan: &Plan) {
    c.text("dia_danh", &plan.dia_danh);
    c.text("trich_yeu", &plan.trich_yeu);
}

/// A date that does not exist (30/2) would be printed as given.
pub(super) fn real_date(c: &mut Checker, plan: &Plan) {
    if let Err(e) = plan.ngay.check() {
        c.fail("ngay", e, None);
    }
}

/// Numbers count from 1 within the year; a number not yet given is left blank.
pub(super) fn number_from_one(c: &mut Checker, plan: &Plan) {
    if plan.so == Some(0) {
        c.fail(
            "so",
            "số văn bản từ 1 trở lên, hoặc ~ để trống",
            Some("0".into()),
        );
    }
}

/// The clerk writes the number and the day together when issuing, so one without the
/// other is likely a slip.
pub(super) fn number_and_day_together(c: &mut Checker, plan: &Plan) {
    match (plan.so, plan.ngay.ngay) {
        (Some(_), None) => c.warn(
            "ngay",
            "văn bản đã có số nhưng ngày để trống: số và ngày do văn thư ghi cùng lúc".into(),
        ),
        (None, Some(_)) => c.warn(
            "so",
            "văn bản đã có ngày nhưng số để trống: số và ngày do văn thư ghi cùng lúc".into(),
        ),
        _ => {}
    }
}
