//! Who is behind at the cut-off: the lead units with items overdue or due within
//! [`SOON_DAYS`], each item worded for the letter.

use super::view::ItemView;
use super::SOON_DAYS;
use crate::kinds::report::data::{fold, Entry};
use crate::kinds::report::figures::{deciding_round, Standing};
use crate::kinds::report::open::ReportData;
use crate::kinds::report::period::Period;
use crate::kinds::report::view::keep_references;
use crate::kinds::report::Computed;
use crate::model::date::short_date;
use crate::model::deadline::Deadline;
use crate::model::numerals::percent;
use crate::model::parties::{is_unit_key, Unit};
use crate::model::plan::Plan;
use crate::model::tracked::Tracked;
use chrono::{Days, NaiveDate};

/// An item behind at the cut-off: overdue, or not done and due soon after it.
pub struct Behind<'a> {
    /// Its place in `Computed::items`.
    pub index: usize,
    item: &'a Tracked,
    entry: Option<&'a Entry>,
    standing: Standing,
    /// The round whose deadline it is behind on (0 for a single deadline), and that deadline.
    round: usize,
    due: NaiveDate,
    pub overdue: bool,
}

impl Behind<'_> {
    pub fn view(&self, cut_off: NaiveDate) -> ItemView {
        let it = self.item;
        let han = if matches!(it.deadline, Some(Deadline::Rounds(_))) {
            format!("đợt {} hạn {}", self.round + 1, short_date(self.due))
        } else {
            format!("hạn {}", short_date(self.due))
        };
        let share = (self.entry.and_then(|e| e.ty_le))
            .map_or(String::new(), |t| format!(" ({})", percent(t)));
        let tinh_trang = match self.standing {
            Standing::InProgress | Standing::InProgressOverdue => {
                format!("đang thực hiện{share}")
            }
            Standing::NotStarted | Standing::NotStartedOverdue => "chưa thực hiện".to_string(),
            _ => "chưa báo cáo tiến độ".to_string(),
        };
        let thoi_han = if self.overdue {
            format!("quá hạn {} ngày", (cut_off - self.due).num_days())
        } else {
            match (self.due - cut_off).num_days() {
                0 => "đến hạn vào ngày chốt số liệu".to_string(),
                n => format!("còn {n} ngày đến hạn"),
            }
        };
        ItemView {
            noi_dung: it.content.trim().trim_end_matches(['.', ';']).to_string(),
            vi_tri: keep_references(&it.place),
            han,
            tinh_trang,
            thoi_han,
            qua_han: self.overdue,
        }
    }
}

/// The units of `plan.don_vi` leading items behind at the cut-off, in the order the plan
/// first names them behind, each with its items (overdue first, then due soon, in plan
/// order); and the items behind that no unit of `don_vi` leads.
#[allow(clippy::type_complexity)]
pub fn behind<'a>(
    plan: &'a Plan,
    c: &'a Computed,
) -> (Vec<(&'a Unit, Vec<Behind<'a>>)>, Vec<&'a Tracked>) {
    let cut_off = c.window.cut_off;
    let soon_until = cut_off + Days::new(SOON_DAYS);
    let mut units: Vec<(&str, Vec<Behind>)> = Vec::new();
    let mut unled = Vec::new();
    for (index, (item, (&standing, pick))) in
        (c.items.iter().zip(c.progress.iter().zip(&c.picks))).enumerate()
    {
        if standing.is_done() {
            continue;
        }
        let entry = pick.and_then(|p| c.sets[p.set].entries.get(&item.id).map(|(e, _)| e));
        let Some((round, due)) = deciding_round(item, entry) else {
            continue;
        };
        // A deadline before the cut-off is past, whatever the entry says.
        let overdue = standing.is_overdue() || due < cut_off;
        if !overdue && due > soon_until {
            continue;
        }
        let leads: Vec<&str> = (item.lead.iter().flat_map(|p| p.0.iter()))
            .map(String::as_str)
            .filter(|k| is_unit_key(k) && plan.don_vi.contains_key(*k))
            .collect();
        if leads.is_empty() {
            unled.push(item);
        }
        for key in leads {
            let b = Behind {
                index,
                item,
                entry,
                standing,
                round,
                due,
                overdue,
            };
            match units.iter_mut().find(|(k, _)| *k == key) {
                Some((_, list)) => list.push(b),
                None => units.push((key, vec![b])),
            }
        }
    }
    let units = units
        .into_iter()
        .filter_map(|(k, mut list)| {
            // Stable: plan order kept within each kind.
            list.sort_by_key(|b| !b.overdue);
            plan.don_vi.get(k).map(|u| (u, list))
        })
        .collect();
    (units, unled)
}

/// A unit as the letter addresses it: "Công chức Văn phòng - thống kê" for a unit whose
/// short name says it is a civil servant's post ("Công chức VPTK"); its name otherwise
/// ("Công an phường").
pub fn addressee(u: &Unit) -> String {
    let ten = u.ten.trim();
    let civil = |s: &str| fold(s).starts_with("cong chuc");
    if !civil(ten) && u.ngan.as_deref().is_some_and(civil) {
        format!("Công chức {ten}")
    } else {
        ten.to_string()
    }
}

/// The warning naming the items behind that the letter cannot send to anyone: their lead
/// is free text or missing.
pub fn unled_warning(data: &ReportData, p: Period, unled: &[&Tracked]) -> Option<String> {
    (!unled.is_empty()).then(|| {
        let ids: Vec<&str> = unled.iter().take(8).map(|t| t.id.as_str()).collect();
        let more = match unled.len() - ids.len() {
            0 => String::new(),
            n => format!(" và {n} nhiệm vụ khác"),
        };
        format!(
            "{}: kỳ {}: {} nhiệm vụ quá hạn hoặc sắp đến hạn không có đơn vị chủ trì trong `don_vi` của kế hoạch nên công văn đôn đốc không nêu: {}{more}",
            data.dir.display(),
            p.key(),
            unled.len(),
            ids.join(", ")
        )
    })
}
