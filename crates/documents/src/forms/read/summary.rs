//! What an import tells per unit: "vptk: 12 nhiệm vụ, 3 hoàn thành mới, 1 quá hạn".

use super::decide::Decided;

/// One unit's line; `written` says whether its file changed.
pub fn line(d: &Decided, file: &std::path::Path, written: bool) -> String {
    let tthc = d
        .tthc
        .as_ref()
        .map_or(String::new(), |t| format!(", {} lĩnh vực TTHC", t.len()));
    let what = if written {
        format!("đã ghi {}", file.display())
    } else if file.exists() {
        format!("{} không đổi", file.display())
    } else {
        "chưa có gì để ghi".to_string()
    };
    format!(
        "{}: {} nhiệm vụ, {} hoàn thành mới, {} quá hạn{tthc} — {what}",
        d.unit, d.items, d.newly_done, d.overdue
    )
}
