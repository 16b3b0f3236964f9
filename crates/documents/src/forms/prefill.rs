//! What the forms are pre-filled with: for every tracked item, the entry the period's
//! report takes (`report::compute`), carried over from earlier periods as the report
//! carries it. Forms usually go out before the period has data of its own; then the same
//! picks are made from the data sets cut off before it.

use crate::error::Result;
use crate::kinds::report::check::Window;
use crate::kinds::report::compute::{self, entry_of, Pick};
use crate::kinds::report::data::Entry;
use crate::kinds::report::load::Merged;
use crate::kinds::report::open::ReportData;
use crate::kinds::report::period::Period;
use crate::model::plan::Plan;
use crate::model::tracked::{tracked, Tracked};
use chrono::NaiveDate;

pub struct Prefill<'a> {
    pub items: Vec<Tracked>,
    /// Per item, the entry the report takes.
    pub entries: Vec<Option<&'a Entry>>,
    /// Per item, which set of `sets` that entry comes from.
    pub picks: Vec<Option<Pick>>,
    /// Every data set cut off up to the period's cut-off, in calendar order.
    pub sets: Vec<&'a Merged>,
    pub window: Window,
    pub warnings: Vec<String>,
}

pub fn prefill<'a>(plan: &Plan, data: &'a ReportData, p: Period) -> Result<Prefill<'a>> {
    if data.has(p) {
        let c = compute::compute(plan, data, p)?;
        // The report's "not reported" warning is what the forms are for.
        let unreported = compute::unreported(&data.dir, p, &c.items, &c.progress);
        let warnings = (c.warnings.iter())
            .filter(|w| unreported.as_ref() != Some(*w))
            .cloned()
            .collect();
        let entries = (c.items.iter().zip(&c.picks))
            .map(|(it, pick)| entry_of(&c.sets, it, *pick))
            .collect();
        return Ok(Prefill {
            entries,
            picks: c.picks,
            items: c.items,
            sets: c.sets,
            window: c.window,
            warnings,
        });
    }
    // No data of its own yet: the report's picks among the sets before it.
    let items = tracked(plan, p.year);
    let window = data.window(plan, p)?;
    let history = Window {
        start: NaiveDate::MIN,
        ..data.window(plan, p)?
    };
    let (sets, warnings) = compute::snapshots(data, plan, &history)?;
    let picks = compute::picks(&items, &sets, &window, &data.cut_offs);
    let entries = (items.iter().zip(&picks))
        .map(|(it, pick)| entry_of(&sets, it, *pick))
        .collect();
    Ok(Prefill {
        items,
        entries,
        picks,
        sets,
        window,
        warnings,
    })
}
