//! How the report names the plan it reports on: its number and date from plan.yaml, else
//! from `chung.yaml`'s `ke_hoach`, written as the ND30 frame writes a number.

use super::data::Common;
use crate::model::date::short_date;
use crate::model::frame::number_and_symbol;
use crate::model::plan::Plan;
use chrono::NaiveDate;

/// The plan's number and issue date: plan.yaml's, else `chung.yaml`'s `ke_hoach`.
pub fn plan_issue(plan: &Plan, common: &Common) -> (Option<u32>, Option<NaiveDate>) {
    let so = plan
        .so
        .or_else(|| common.ke_hoach.as_ref().and_then(|k| k.so));
    let full = match (plan.ngay.ngay, plan.ngay.thang) {
        (Some(d), Some(m)) => NaiveDate::from_ymd_opt(plan.ngay.nam, m, d),
        _ => None,
    };
    let date = full.or_else(|| common.ke_hoach.as_ref().and_then(|k| k.ngay).map(|d| d.0));
    (so, date)
}

/// The earliest day the plan can have been issued.
pub fn plan_earliest(plan: &Plan, common: &Common) -> NaiveDate {
    plan_issue(plan, common).1.unwrap_or_else(|| {
        NaiveDate::from_ymd_opt(
            plan.ngay.nam,
            plan.ngay.thang.unwrap_or(1),
            plan.ngay.ngay.unwrap_or(1),
        )
        .unwrap_or(NaiveDate::MIN)
    })
}

/// "Kế hoạch số 189/KH-UBND ngày 20/12/2023", or "Kế hoạch <title>" when it has no number.
pub fn plan_reference(plan: &Plan, common: &Common, title: &str) -> String {
    let names = plan.loai.names();
    match plan_issue(plan, common) {
        (Some(so), date) => {
            let number = number_and_symbol(Some(so), names, &plan.co_quan);
            let day = date.map_or(String::new(), |d| format!(" ngày {}", short_date(d)));
            format!("{} số {number}{day}", names.in_sentence)
        }
        (None, _) => format!("{} {}", names.in_sentence, lower_first(title)),
    }
}

/// "Kế hoạch số 189/KH-UBND" for titles, where the date would run into the period's words.
pub fn plan_short_reference(plan: &Plan, common: &Common, title: &str) -> String {
    let names = plan.loai.names();
    match plan_issue(plan, common).0 {
        Some(so) => format!(
            "{} số {}",
            names.in_sentence,
            number_and_symbol(Some(so), names, &plan.co_quan)
        ),
        None => plan_reference(plan, common, title),
    }
}

/// "Duy trì, cải thiện …" → "duy trì, cải thiện …" inside a sentence; words in capitals
/// ("PAR INDEX") and proper names the clerk wrote are kept.
pub fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if a.is_uppercase() && b.is_lowercase() => {
            let mut out: String = a.to_lowercase().collect();
            out.push(b);
            out.extend(chars);
            out
        }
        _ => s.to_string(),
    }
}
