//! What a progress report tracks: every task of the plan's body and every row of its
//! appendices, each with the id progress data refers to, who leads it, the indices it
//! serves and its deadline.

use super::deadline::{self, Deadline};
use crate::model::parties::Parties;
use crate::model::plan::{Item, Plan};

/// Where an item's deadline comes from, for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadlineSource {
    /// Field path in plan.yaml (`…nhiem_vu[2].han`).
    pub path: String,
    pub text: String,
    /// Whether it is an explicit `han` (unreadable is an error) or `thoi_gian` (a warning).
    pub explicit: bool,
}

#[derive(Debug, Clone)]
pub struct Tracked {
    /// The id progress files use: a task's `id`, a row's `id`, or `<appendix id>/<TT>`.
    pub id: String,
    /// Field path in plan.yaml.
    pub path: String,
    /// "(3)" for a task of item 1.1., "1.2" for an appendix row.
    pub number: String,
    pub content: String,
    pub lead: Option<Parties>,
    /// Index keys (`par-index`, …), the item's own then its enclosing items'.
    pub indices: Vec<String>,
    pub deadline: Option<Deadline>,
    pub deadline_source: Option<DeadlineSource>,
    /// A body task (true) or an appendix row.
    pub is_task: bool,
    /// Where it stands in the plan: "Mục II.1.1 của Kế hoạch, nhiệm vụ (3)", "Phụ lục I của
    /// Kế hoạch, dòng 1.2".
    pub place: String,
}

fn deadline_of(
    path: &str,
    han: &Option<String>,
    thoi_gian: Option<&String>,
) -> (Option<Deadline>, Option<DeadlineSource>) {
    let (field, text, explicit) = match (han, thoi_gian) {
        (Some(h), _) => ("han", h, true),
        (None, Some(t)) => ("thoi_gian", t, false),
        (None, None) => return (None, None),
    };
    (
        deadline::read(text),
        Some(DeadlineSource {
            path: format!("{path}.{field}"),
            text: text.clone(),
            explicit,
        }),
    )
}

fn walk(items: &[Item], path: &str, nums: &[u32], inherited: &[String], out: &mut Vec<Tracked>) {
    for (i, it) in items.iter().enumerate() {
        let ip = format!("{path}[{i}]");
        let mut num = nums.to_vec();
        num.push(i as u32 + 1);
        let mut indices = it.chi_so.clone();
        indices.extend(inherited.iter().filter(|k| !it.chi_so.contains(k)).cloned());
        for (t, task) in it.nhiem_vu.iter().enumerate() {
            let tp = format!("{ip}.nhiem_vu[{t}]");
            let mut own = task.chi_so.clone();
            own.extend(indices.iter().filter(|k| !task.chi_so.contains(k)).cloned());
            let (deadline, deadline_source) = deadline_of(&tp, &task.han, task.thoi_gian.as_ref());
            let number = crate::model::numbering::task_number(t as u32 + 1);
            out.push(Tracked {
                id: task.id.clone(),
                path: tp,
                place: format!(
                    "Mục {} của Kế hoạch, nhiệm vụ {number}",
                    crate::model::numbering::item_reference(&num)
                ),
                number,
                content: task.noi_dung.trim().to_string(),
                lead: task.chu_tri.clone(),
                indices: own,
                deadline,
                deadline_source,
                is_task: true,
            });
        }
        walk(&it.muc, &format!("{ip}.muc"), &num, &indices, out);
    }
}

/// Every tracked item of `plan`, body tasks first, then appendix rows, in document order.
pub fn tracked(plan: &Plan) -> Vec<Tracked> {
    let mut out = Vec::new();
    walk(&plan.noi_dung, "noi_dung", &[], &[], &mut out);
    for (a, app) in plan.phu_luc.iter().enumerate() {
        for (g, grp) in app.nhom.iter().enumerate() {
            for (r, row) in grp.dong.iter().enumerate() {
                let rp = format!("phu_luc[{a}].nhom[{g}].dong[{r}]");
                let number = format!("{}.{}", g + 1, r + 1);
                let thoi_gian = row
                    .thoi_gian
                    .as_ref()
                    .or(grp.mac_dinh.thoi_gian.as_ref())
                    .or(app.mac_dinh.thoi_gian.as_ref());
                let lead = row
                    .chu_tri
                    .as_ref()
                    .or(grp.mac_dinh.chu_tri.as_ref())
                    .or(app.mac_dinh.chu_tri.as_ref())
                    .cloned();
                let (deadline, deadline_source) = deadline_of(&rp, &row.han, thoi_gian);
                out.push(Tracked {
                    place: format!("{} của Kế hoạch, dòng {number}", plan.appendix_label(a)),
                    id: row
                        .id
                        .clone()
                        .unwrap_or_else(|| format!("{}/{number}", app.id)),
                    path: rp,
                    number,
                    content: row.tieu_chi.trim().to_string(),
                    lead,
                    indices: app.chi_so.iter().cloned().collect(),
                    deadline,
                    deadline_source,
                    is_task: false,
                });
            }
        }
    }
    out
}
