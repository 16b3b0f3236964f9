//! What a report of a period counts: for every tracked item, the entry it takes from the
//! data sets cut off up to the period's cut-off (carrying completed one-off work over from
//! before the window), its progress at the cut-off, and the figures of the period and of
//! the one before it.

use super::check::{self, Window};
use super::data::{self, Entry, Texts};
use super::figures::{self, Figures, Standing};
use super::load::{self, Merged};
use super::open::ReportData;
use super::period::{CutOffs, Period};
use crate::error::{DataError, Error, Result};
use crate::model::deadline::Deadline;
use crate::model::plan::Plan;
use crate::model::tracked::{tracked, Tracked};
use chrono::{Datelike, NaiveDate};
use std::path::Path;

/// A report's computed content before it becomes a view.
pub struct Computed<'a> {
    pub items: Vec<Tracked>,
    /// Every data set cut off up to the report's cut-off, in calendar order.
    pub sets: Vec<&'a Merged>,
    /// The period's own data set (one of `sets`).
    pub own: &'a Merged,
    /// Who the report is sent to: the period's `kinh_gui`, else `chung.yaml`'s.
    pub kinh_gui: Option<&'a Texts>,
    /// Per item, the set its entry comes from.
    pub picks: Vec<Option<Pick>>,
    pub progress: Vec<Standing>,
    pub figures: Figures,
    pub previous: Option<(Figures, String)>,
    pub window: Window,
    pub warnings: Vec<String>,
    pub data: &'a ReportData,
}

/// Checks, picks and counts everything a report of `p` needs. The data sets come from
/// `data`, each read once however many reports are computed from it.
pub fn compute<'a>(plan: &Plan, data: &'a ReportData, p: Period) -> Result<Computed<'a>> {
    if !data.has(p) {
        return Err(data.no_data(p));
    }
    let items = tracked(plan, p.year);
    let units: Vec<String> = plan.don_vi.keys().cloned().collect();
    let window = data.window(plan, p)?;
    // Every set up to the cut-off: the window's, the previous period's, and the earlier
    // ones completed tasks are carried over from.
    let history = Window {
        start: NaiveDate::MIN,
        ..data.window(plan, p)?
    };
    let (sets, mut warnings) = snapshots(data, plan, &history)?;
    let own = data.period_set(p)?.0;
    warnings.extend(reopened(&items, &sets));
    let previous = previous_figures(plan, data, &sets, p, &units);
    let picks = picks(&items, &sets, &window, &data.cut_offs);
    let progress = progress(&items, &sets, &picks, window.cut_off);
    let figures = figures::tally(&items, &progress, &units);
    let kinh_gui = own
        .report
        .kinh_gui
        .as_ref()
        .or(data.common.kinh_gui.as_ref());
    warnings.extend(unreported(&data.dir, p, &items, &progress));
    Ok(Computed {
        items,
        sets,
        own,
        kinh_gui,
        picks,
        progress,
        figures,
        previous,
        window,
        warnings,
        data,
    })
}

/// The figures of the period before `p`, to compare with, when that period has data of its
/// own: a 9-month report with Q1 data alone has no "6 tháng" to compare with.
fn previous_figures(
    plan: &Plan,
    data: &ReportData,
    sets: &[&Merged],
    p: Period,
    units: &[String],
) -> Option<(Figures, String)> {
    let before = p.previous();
    if !data.has(before) {
        return None;
    }
    let w = data.window(plan, before).ok()?;
    // Deadlines without a year are the previous period's year's.
    let items = tracked(plan, before.year);
    let picks = picks(&items, sets, &w, &data.cut_offs);
    let progress = progress(&items, sets, &picks, w.cut_off);
    Some((figures::tally(&items, &progress, units), w.wording))
}

/// The data sets whose cut-off falls in `w`, each checked against the plan's items read in
/// its own year, in calendar order.
pub fn snapshots<'a>(
    data: &'a ReportData,
    plan: &Plan,
    w: &Window,
) -> Result<(Vec<&'a Merged>, Vec<String>)> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    for s in &data.sources {
        let Some(c) = s.period.cut_off(&data.cut_offs) else {
            continue;
        };
        if w.holds(c) {
            out.push(read_checked(
                data,
                plan,
                s.period,
                &mut errors,
                &mut warnings,
            )?);
        }
    }
    if errors.is_empty() {
        Ok((out, warnings))
    } else {
        Err(Error::Data(errors))
    }
}

/// Period `p`'s data set, read once, and checked against the plan's items read in its own
/// year and against its window: the errors of reading and checking go to `errors`, the
/// warnings to `warnings`.
pub fn read_checked<'a>(
    data: &'a ReportData,
    plan: &Plan,
    p: Period,
    errors: &mut Vec<DataError>,
    warnings: &mut Vec<String>,
) -> Result<&'a Merged> {
    let (m, read_errors) = data.period_set(p)?;
    errors.extend(read_errors.iter().cloned());
    let own_window = data.window(plan, p)?;
    let items = tracked(plan, p.year);
    let (e, wr) = check::check(m, &items, &own_window);
    add_new(errors, e);
    warnings.extend(wr);
    Ok(m)
}

/// Adds the errors of `new` not already in `errors`: an error at a value of chung.yaml that
/// several periods are checked against is told once.
fn add_new(errors: &mut Vec<DataError>, new: Vec<DataError>) {
    for e in new {
        if !errors.contains(&e) {
            errors.push(e);
        }
    }
}

/// Where a report takes an item's entry from: one of the loaded data sets, and whether it
/// was carried over from before the report's window.
#[derive(Debug, Clone, Copy)]
pub struct Pick {
    pub set: usize,
    pub carried: bool,
}

/// Work done again and again ("Thường xuyên", "Hằng quý") is reported anew every period;
/// a one-off task once completed stays completed.
fn recurring(item: &Tracked) -> bool {
    matches!(
        item.deadline,
        Some(Deadline::Continuous | Deadline::Recurring(_))
    )
}

/// Each item's entry for the window `w`: the latest among the sets of `all` cut off inside
/// it; otherwise, for a one-off task, its latest entry before the window when that says
/// completed (or, for work in rounds, some rounds completed), so a clerk who leaves a
/// finished task out of a later file does not undo it. Work due again every year (a deadline
/// without a year) carries over only from sets of the window's year. `all` is in calendar
/// order.
pub fn picks(
    items: &[Tracked],
    all: &[&Merged],
    w: &Window,
    cut_offs: &CutOffs,
) -> Vec<Option<Pick>> {
    let cut = |m: &Merged| m.period.cut_off(cut_offs);
    let mut inside: Vec<usize> = (0..all.len())
        .filter(|&i| cut(all[i]).is_some_and(|c| w.holds(c)))
        .collect();
    // The report's own set is the latest inside its window, also against another period
    // cut off the same day, which calendar order would put after it.
    if let Some(k) = inside.iter().position(|&i| all[i].period == w.period) {
        let own = inside.remove(k);
        inside.push(own);
    }
    let before: Vec<usize> = (0..all.len())
        .filter(|&i| cut(all[i]).is_some_and(|c| c < w.start))
        .collect();
    let this_year: Vec<usize> = before
        .iter()
        .copied()
        .filter(|&i| cut(all[i]).is_some_and(|c| c.year() == w.cut_off.year()))
        .collect();
    let latest = |sets: &[usize], id: &str| {
        sets.iter()
            .rev()
            .find(|&&i| all[i].entries.contains_key(id))
            .copied()
    };
    items
        .iter()
        .map(|it| match latest(&inside, &it.id) {
            Some(set) => Some(Pick {
                set,
                carried: false,
            }),
            None if recurring(it) => None,
            // Work in rounds also keeps the rounds reported completed.
            None => latest(if it.yearly() { &this_year } else { &before }, &it.id)
                .filter(|&i| {
                    let e = all[i].entries.get(&it.id).map(|(e, _)| e);
                    figures::rounds_done(it, e) > 0
                        || e.is_some_and(|e| e.trang_thai == data::Status::Done)
                })
                .map(|set| Pick { set, carried: true }),
        })
        .collect()
}

/// The entry `pick` takes for `item`, if any.
pub fn entry_of<'m>(all: &[&'m Merged], item: &Tracked, pick: Option<Pick>) -> Option<&'m Entry> {
    pick.and_then(|p| all[p.set].entries.get(&item.id).map(|(e, _)| e))
}

/// Each item's progress at `cut_off`, from the entry picked for it.
pub fn progress(
    items: &[Tracked],
    all: &[&Merged],
    picks: &[Option<Pick>],
    cut_off: NaiveDate,
) -> Vec<Standing> {
    items
        .iter()
        .zip(picks)
        .map(|(it, p)| figures::evaluate(it, entry_of(all, it, *p), cut_off))
        .collect()
}

/// The warning naming the tasks of period `p` that no data set reports, if any.
pub fn unreported(
    dir: &Path,
    p: Period,
    items: &[Tracked],
    progress: &[Standing],
) -> Option<String> {
    let missing: Vec<&str> = items
        .iter()
        .zip(progress)
        .filter(|(_, p)| !p.is_reported())
        .map(|(it, _)| it.id.as_str())
        .collect();
    if missing.is_empty() {
        return None;
    }
    let shown: Vec<&str> = missing.iter().take(8).copied().collect();
    let more = if missing.len() > shown.len() {
        format!(" và {} nhiệm vụ khác", missing.len() - shown.len())
    } else {
        String::new()
    };
    Some(format!(
        "{}: kỳ {}: {} nhiệm vụ chưa báo cáo, ghi \"Chưa báo cáo\" trong báo cáo: {}{more}",
        dir.display(),
        p.key(),
        missing.len(),
        shown.join(", ")
    ))
}

/// A one-off task reported completed and later reported not completed: the later word wins,
/// but it is most likely a copy of an older file, so the clerk is told where.
pub fn reopened(items: &[Tracked], all: &[&Merged]) -> Vec<String> {
    let mut done_in: std::collections::HashMap<&str, Period> = std::collections::HashMap::new();
    let mut out = Vec::new();
    for m in all {
        for it in items.iter().filter(|it| !recurring(it)) {
            let Some((e, at)) = m.entries.get(&it.id) else {
                continue;
            };
            if e.trang_thai == data::Status::Done {
                done_in.insert(it.id.as_str(), m.period);
            } else if let Some(p) = done_in
                .remove(it.id.as_str())
                // Work due every year starts afresh in a new one.
                .filter(|p| !it.yearly() || p.year == m.period.year)
            {
                let field = load::Origin {
                    file: at.file,
                    path: format!("{}.trang_thai", at.path),
                };
                out.push(m.warning(
                    &field,
                    &format!(
                        "nhiệm vụ đã báo cáo hoàn thành ở kỳ {} nay ghi chưa hoàn thành; báo cáo lấy trạng thái mới này — nếu tệp được chép từ kỳ cũ, hãy sửa lại",
                        p.wording()
                    ),
                ));
            }
        }
    }
    out
}
