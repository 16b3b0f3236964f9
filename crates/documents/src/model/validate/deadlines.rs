//! What progress reports track: each task's and row's deadline, and the ids of appendix rows.

use super::body::TaskIds;
use super::checker::Checker;
use crate::model::deadline::Deadline;
use crate::model::parties::is_unit_key;
use crate::model::plan::Plan;
use crate::model::tracked::{tracked, Tracked};
use std::collections::HashMap;

/// Progress reports need each task's deadline and a unique id for every row: an explicit
/// `han` that cannot be read is an error, a `thoi_gian` that says no deadline a warning.
pub(super) fn deadlines_and_row_ids(c: &mut Checker, plan: &Plan, task_ids: &TaskIds) {
    // Row id → where it was first used.
    let mut row_ids: HashMap<String, String> = HashMap::new();
    // Phrases without a year are read in the plan's; a report reads them in its own.
    for t in tracked(plan, plan.ngay.nam) {
        guessed_deadline(c, &t);
        readable_deadline(c, &t);
        if t.is_task {
            continue;
        }
        row_id(c, &t, task_ids, &row_ids);
        row_ids.insert(t.id.clone(), t.path.clone());
    }
}

/// Several dates in a form not read as rounds leave the report one guessed deadline.
fn guessed_deadline(c: &mut Checker, t: &Tracked) {
    if let (Some(src), Some(taken)) = (&t.deadline_source, t.deadline.as_ref()) {
        if src.guessed {
            c.warn(&src.path, guessed_message(&src.text, taken));
        }
    }
}

/// A deadline that cannot be read makes the work never overdue in the reports.
fn readable_deadline(c: &mut Checker, t: &Tracked) {
    if let (Some(src), None) = (&t.deadline_source, &t.deadline) {
        let what = format!(
            "thời hạn đọc được: ngày (30/6/2025), tháng (Tháng 4/2025), quý (Quý II/2025), năm (Năm 2025), \"Thường xuyên\" hoặc \"Hằng quý\"; gặp \"{}\"",
            src.text
        );
        if src.explicit {
            c.fail(&src.path, what, None);
        } else {
            c.warn(
                &src.path,
                format!(
                    "không đọc được thời hạn từ \"{}\": báo cáo coi nhiệm vụ này không có hạn; ghi thêm `han` (ví dụ han: 30/6/2025, Quý II/2025, Thường xuyên) để tính quá hạn",
                    src.text
                ),
            );
        }
    }
}

/// Progress files refer to a row by its id, so it must be a plain id no task or row shares.
fn row_id(c: &mut Checker, t: &Tracked, task_ids: &TaskIds, row_ids: &HashMap<String, String>) {
    if let Some(first) = task_ids.get(t.id.as_str()).or(row_ids.get(&t.id)) {
        let first = first.clone();
        c.fail(
            &format!("{}.id", t.path),
            format!("mã dòng không trùng với mã khác (đã dùng ở `{first}`)"),
            Some(format!("`{}`", t.id)),
        );
    } else if !is_unit_key(&t.id.replace(['/', '.'], "-")) {
        c.fail(
            &format!("{}.id", t.path),
            "mã dòng viết thường không dấu, chỉ gồm a-z, 0-9, \"-\", \"_\"",
            Some(format!("`{}`", t.id)),
        );
    }
}

/// The warning for a phrase naming several dates in a form not read as rounds.
fn guessed_message(text: &str, taken: &Deadline) -> String {
    let taken = taken
        .due()
        .map_or(String::new(), crate::model::date::short_date);
    format!(
        "\"{text}\" nêu nhiều thời điểm theo cách không đọc được: báo cáo lấy hạn {taken}; nếu mỗi thời điểm là một đợt, viết dạng \"Tháng 5 và tháng 10/2025\", \"Quý II và quý IV/2025\", \"Trước 30/6 và 31/12/2025\", hoặc ghi `han` là danh sách, ví dụ han: [31/5/2025, 31/10/2025]"
    )
}
