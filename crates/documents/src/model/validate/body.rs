//! The body (`noi_dung`): its items, their headings, appendix references and tasks.

use super::checker::Checker;
use super::MAX_DEPTH;
use crate::model::parties::is_unit_key;
use crate::model::plan::{AppendixRef, Item, Plan, Task};
use std::collections::HashMap;

/// Task id → where it was first used.
pub(super) type TaskIds<'p> = HashMap<&'p str, String>;

/// Walks the items depth-first in reading order, so problems are listed as a reader meets
/// them; returns the task ids, which appendix row ids must not repeat.
pub(super) fn items<'p>(c: &mut Checker, plan: &'p Plan) -> TaskIds<'p> {
    let appendix_ids: Vec<&str> = plan.phu_luc.iter().map(|a| a.id.as_str()).collect();
    let mut task_ids = TaskIds::new();
    let mut stack: Vec<(String, &Item, usize)> = plan
        .noi_dung
        .iter()
        .enumerate()
        .map(|(i, it)| (format!("noi_dung[{i}]"), it, 1))
        .collect();
    while let Some((path, item, depth)) = stack.pop() {
        if !within_depth(c, &path, depth) {
            continue;
        }
        heading_or_paragraph(c, &path, item);
        top_level_heading(c, &path, item, depth);
        c.indices(&format!("{path}.chi_so"), &item.chi_so);
        if let Some(r) = &item.phu_luc_kem_theo {
            appendix_ref(
                c,
                &format!("{path}.phu_luc_kem_theo"),
                r,
                plan,
                &appendix_ids,
            );
        }
        for (i, t) in item.nhiem_vu.iter().enumerate() {
            task(c, &format!("{path}.nhiem_vu[{i}]"), t, plan, &mut task_ids);
        }
        for (i, sub) in item.muc.iter().enumerate().rev() {
            stack.push((format!("{path}.muc[{i}]"), sub, depth + 1));
        }
    }
    task_ids
}

/// Numbering has four levels (I. → 1. → 1.1. → 1.1.1.); a deeper item has no number to take.
fn within_depth(c: &mut Checker, path: &str, depth: usize) -> bool {
    if depth > MAX_DEPTH {
        c.fail(
            path,
            format!("tối đa {MAX_DEPTH} cấp mục (I. → 1. → 1.1. → 1.1.1.)"),
            Some(format!("mục cấp {depth}")),
        );
        return false;
    }
    true
}

/// An item prints a heading or a paragraph; with neither it would be an empty number.
fn heading_or_paragraph(c: &mut Checker, path: &str, item: &Item) {
    match (&item.tieu_de, &item.doan) {
        (None, None) => c.fail(
            path,
            "`tieu_de` hoặc `doan`",
            Some("mục không có cả hai".into()),
        ),
        (Some(t), _) => c.text(&format!("{path}.tieu_de"), t),
        (None, Some(d)) => c.text(&format!("{path}.doan"), d),
    }
}

/// A part numbered I., II. is a section title (MỤC ĐÍCH, YÊU CẦU), never a bare paragraph.
fn top_level_heading(c: &mut Checker, path: &str, item: &Item, depth: usize) {
    if depth == 1 && item.tieu_de.is_none() {
        c.fail(
            path,
            "`tieu_de` cho mục cấp I (ví dụ MỤC ĐÍCH, YÊU CẦU)",
            Some("không có".into()),
        );
    }
}

/// "Kèm theo Phụ lục …" must name appendices the plan has.
fn appendix_ref(c: &mut Checker, p: &str, r: &AppendixRef, plan: &Plan, appendix_ids: &[&str]) {
    match r {
        AppendixRef::Keyword(k) if k == "tat-ca" => {
            if plan.phu_luc.is_empty() {
                c.fail(
                    p,
                    "ít nhất một phụ lục trong `phu_luc`",
                    Some("kế hoạch không có phụ lục".into()),
                );
            }
        }
        AppendixRef::Keyword(k) => c.fail(
            p,
            "`tat-ca` hoặc danh sách mã phụ lục",
            Some(format!("`{k}`")),
        ),
        AppendixRef::Ids(ids) => {
            for (i, id) in ids.iter().enumerate() {
                if !appendix_ids.contains(&id.as_str()) {
                    c.fail(
                        &format!("{p}[{i}]"),
                        format!(
                            "mã phụ lục có trong `phu_luc` ({})",
                            appendix_ids.join(", ")
                        ),
                        Some(format!("`{id}`")),
                    );
                }
            }
        }
    }
}

/// A task is printed with its lead and partners and tracked by its id in the reports.
fn task<'p>(c: &mut Checker, tp: &str, t: &'p Task, plan: &Plan, task_ids: &mut TaskIds<'p>) {
    task_id(c, tp, t, task_ids);
    c.text(&format!("{tp}.noi_dung"), &t.noi_dung);
    task_lead(c, tp, t, plan);
    if let Some(p) = &t.phoi_hop {
        c.parties(&format!("{tp}.phoi_hop"), p, &plan.don_vi);
    }
    c.indices(&format!("{tp}.chi_so"), &t.chi_so);
}

/// Progress files refer to a task by its id, so it must be a plain id used once.
fn task_id<'p>(c: &mut Checker, tp: &str, t: &'p Task, task_ids: &mut TaskIds<'p>) {
    if !is_unit_key(&t.id) {
        c.fail(
            &format!("{tp}.id"),
            "mã nhiệm vụ viết thường không dấu, chỉ gồm a-z, 0-9, \"-\", \"_\"",
            Some(format!("`{}`", t.id)),
        );
    } else if let Some(first) = task_ids.get(t.id.as_str()) {
        let first = first.clone();
        c.fail(
            &format!("{tp}.id"),
            format!("mã nhiệm vụ không trùng (đã dùng ở `{first}`)"),
            Some(format!("`{}` lặp lại", t.id)),
        );
    }
    task_ids.entry(&t.id).or_insert_with(|| tp.to_string());
}

/// A task without a lead is printed without one and counted for no unit in the reports:
/// a warning, unless `chu_tri: ~` is written to say so on purpose.
fn task_lead(c: &mut Checker, tp: &str, t: &Task, plan: &Plan) {
    match &t.chu_tri {
        Some(p) => c.parties(&format!("{tp}.chu_tri"), p, &plan.don_vi),
        None if c.written(&format!("{tp}.chu_tri"), tp) => {}
        None => c.warn(
            tp,
            format!(
                "nhiệm vụ `{}` chưa có đơn vị chủ trì (`chu_tri`): nhiệm vụ được in không có dòng chủ trì và báo cáo không tính cho đơn vị nào; thêm `chu_tri: <mã đơn vị>`, hoặc ghi `chu_tri: ~` nếu kế hoạch không giao đơn vị chủ trì",
                t.id
            ),
        ),
    }
}
