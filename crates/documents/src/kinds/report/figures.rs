//! The figures of a report, computed from the progress data at the period's cut-off: each
//! tracked item's progress (done on time or late, in progress within or past its deadline,
//! not started, not reported), counted overall, per index and per lead unit.

use super::data::{Entry, Status};
use crate::model::tracked::Tracked;
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// Where a tracked item stands at a cut-off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    DoneOnTime,
    DoneLate,
    InProgress,
    InProgressOverdue,
    NotStarted,
    NotStartedOverdue,
    NotReported,
    /// No entry, and the deadline passed before the cut-off: still overdue, so leaving a
    /// task out cannot hide it.
    NotReportedOverdue,
}

impl Standing {
    pub fn is_done(self) -> bool {
        matches!(self, Standing::DoneOnTime | Standing::DoneLate)
    }
    pub fn is_overdue(self) -> bool {
        matches!(
            self,
            Standing::InProgressOverdue
                | Standing::NotStartedOverdue
                | Standing::NotReportedOverdue
        )
    }
    pub fn is_reported(self) -> bool {
        !matches!(self, Standing::NotReported | Standing::NotReportedOverdue)
    }
    /// How a report words it: the head of the progress appendix's "Tiến độ" cell.
    pub fn label(self) -> &'static str {
        match self {
            Standing::DoneOnTime => "Hoàn thành đúng hạn",
            Standing::DoneLate => "Hoàn thành trễ hạn",
            Standing::InProgress => "Đang thực hiện",
            Standing::InProgressOverdue => "Đang thực hiện, quá hạn",
            Standing::NotStarted => "Chưa thực hiện",
            Standing::NotStartedOverdue => "Chưa thực hiện, quá hạn",
            Standing::NotReported => "Chưa báo cáo",
            Standing::NotReportedOverdue => "Chưa báo cáo, quá hạn",
        }
    }
}

/// The deadlines of `item`'s rounds: one for a single deadline, none for ongoing work.
fn dues(item: &Tracked) -> &[NaiveDate] {
    item.deadline.as_ref().map_or(&[], |d| d.dues())
}

/// How many of `item`'s rounds `entry` says are completed: all once it is completed, else
/// one per completion day given (work in rounds only).
pub fn rounds_done(item: &Tracked, entry: Option<&Entry>) -> usize {
    let n = dues(item).len();
    match entry {
        Some(e) if e.trang_thai == Status::Done => n,
        Some(e) if n > 1 => e.ngay_hoan_thanh.0.len().min(n),
        _ => 0,
    }
}

/// The round whose deadline decides `item`'s state, with that deadline: the first round not
/// completed; when all are, the first completed after its deadline.
pub fn deciding_round(item: &Tracked, entry: Option<&Entry>) -> Option<(usize, NaiveDate)> {
    let dues = dues(item);
    let done = rounds_done(item, entry);
    if done < dues.len() {
        return Some((done, dues[done]));
    }
    let days = entry.map_or(&[][..], |e| e.ngay_hoan_thanh.0.as_slice());
    days.iter()
        .zip(dues)
        .position(|(d, due)| d.0 > *due)
        .map(|i| (i, dues[i]))
}

/// An item's progress at `cut_off`. A deadline on the cut-off day is not yet passed; work
/// without a dated deadline (ongoing, recurring, none) is never overdue or late. Work in
/// rounds is overdue once a round's deadline passed without it, late when a round was.
pub fn evaluate(item: &Tracked, entry: Option<&Entry>, cut_off: NaiveDate) -> Standing {
    let decided = deciding_round(item, entry);
    let passed = decided.is_some_and(|(_, due)| due < cut_off);
    let Some(e) = entry else {
        return if passed {
            Standing::NotReportedOverdue
        } else {
            Standing::NotReported
        };
    };
    match e.trang_thai {
        Status::Done if decided.is_some() => Standing::DoneLate,
        Status::Done => Standing::DoneOnTime,
        Status::InProgress if passed => Standing::InProgressOverdue,
        Status::InProgress => Standing::InProgress,
        Status::NotStarted if passed => Standing::NotStartedOverdue,
        Status::NotStarted => Standing::NotStarted,
    }
}

/// The Ghi chú of work in rounds: each round completed ("Hoàn thành đợt 1 ngày 28/05/2025"),
/// and the rounds whose deadline passed at `cut_off` without it ("Quá hạn đợt 2
/// (31/10/2025)").
pub fn round_notes(item: &Tracked, entry: Option<&Entry>, cut_off: NaiveDate) -> Vec<String> {
    use crate::model::date::short_date;
    let dues = dues(item);
    if dues.len() < 2 {
        return Vec::new();
    }
    let done = rounds_done(item, entry);
    let days = entry.map_or(&[][..], |e| e.ngay_hoan_thanh.0.as_slice());
    let mut notes: Vec<String> = days
        .iter()
        .zip(dues)
        .take(done)
        .enumerate()
        .map(|(i, (d, due))| {
            let late = if d.0 > *due {
                format!(", trễ hạn (hạn {})", short_date(*due))
            } else {
                String::new()
            };
            format!("Hoàn thành đợt {} ngày {}{late}", i + 1, short_date(d.0))
        })
        .collect();
    let overdue: Vec<String> = dues
        .iter()
        .enumerate()
        .skip(done)
        .filter(|(_, due)| **due < cut_off)
        .map(|(i, due)| format!("đợt {} ({})", i + 1, short_date(*due)))
        .collect();
    if !overdue.is_empty() {
        notes.push(format!("Quá hạn {}", overdue.join(", ")));
    }
    notes
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub total: usize,
    pub done_on_time: usize,
    pub done_late: usize,
    pub in_progress: usize,
    pub in_progress_overdue: usize,
    pub not_started: usize,
    pub not_started_overdue: usize,
    pub not_reported: usize,
    pub not_reported_overdue: usize,
}

impl Counts {
    pub fn add(&mut self, p: Standing) {
        self.total += 1;
        *match p {
            Standing::DoneOnTime => &mut self.done_on_time,
            Standing::DoneLate => &mut self.done_late,
            Standing::InProgress => &mut self.in_progress,
            Standing::InProgressOverdue => &mut self.in_progress_overdue,
            Standing::NotStarted => &mut self.not_started,
            Standing::NotStartedOverdue => &mut self.not_started_overdue,
            Standing::NotReported => &mut self.not_reported,
            Standing::NotReportedOverdue => &mut self.not_reported_overdue,
        } += 1;
    }
    pub fn done(&self) -> usize {
        self.done_on_time + self.done_late
    }
    pub fn in_progress_all(&self) -> usize {
        self.in_progress + self.in_progress_overdue
    }
    pub fn not_started_all(&self) -> usize {
        self.not_started + self.not_started_overdue
    }
    pub fn not_reported_all(&self) -> usize {
        self.not_reported + self.not_reported_overdue
    }
    pub fn overdue(&self) -> usize {
        self.in_progress_overdue + self.not_started_overdue + self.not_reported_overdue
    }
    /// Share of items done, per cent of all tracked items.
    pub fn percent_done(&self) -> f64 {
        share(self.done() as u64, self.total as u64)
    }
}

/// `part / whole` in per cent, 0 for an empty whole.
pub fn share(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 * 100.0 / whole as f64
    }
}

/// The bucket of items whose lead is free text rather than a unit of `don_vi`.
pub const OTHER_LEAD: &str = "khac";
/// The bucket of items with no lead.
pub const NO_LEAD: &str = "chua-phan-cong";

/// Counts overall, per index (in the order of `INDICES`) and per lead unit (most tasks
/// first, then others, then unassigned).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Figures {
    pub all: Counts,
    pub tasks: Counts,
    pub rows: Counts,
    pub by_index: Vec<(String, Counts)>,
    pub by_unit: Vec<(String, Counts)>,
}

pub fn tally(items: &[Tracked], progress: &[Standing], units: &[String]) -> Figures {
    let mut f = Figures::default();
    let mut idx: BTreeMap<&str, Counts> = BTreeMap::new();
    let mut unit: BTreeMap<String, Counts> = BTreeMap::new();
    for (it, &p) in items.iter().zip(progress) {
        f.all.add(p);
        if it.is_task {
            f.tasks.add(p);
        } else {
            f.rows.add(p);
        }
        for k in &it.indices {
            idx.entry(k.as_str()).or_default().add(p);
        }
        let mut leads: Vec<String> = match &it.lead {
            None => vec![NO_LEAD.to_string()],
            Some(parties) => parties
                .0
                .iter()
                .map(|s| {
                    if units.contains(s) {
                        s.clone()
                    } else {
                        OTHER_LEAD.to_string()
                    }
                })
                .collect(),
        };
        leads.dedup();
        for l in leads {
            unit.entry(l).or_default().add(p);
        }
    }
    f.by_index = crate::model::indices::INDICES
        .iter()
        .filter_map(|k| idx.get(k).map(|c| (k.to_string(), *c)))
        .collect();
    // Units with the most tasks first; the two buckets last.
    let mut named: Vec<(String, Counts)> = units
        .iter()
        .filter_map(|k| unit.get(k).map(|c| (k.clone(), *c)))
        .collect();
    named.sort_by(|a, b| b.1.total.cmp(&a.1.total).then_with(|| a.0.cmp(&b.0)));
    named.extend(
        [OTHER_LEAD, NO_LEAD]
            .iter()
            .filter_map(|k| unit.get(*k).map(|c| (k.to_string(), *c))),
    );
    f.by_unit = named;
    f
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::date::Day;
    use crate::model::deadline::Deadline;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn item(deadline: Option<Deadline>) -> Tracked {
        Tracked {
            id: "x".into(),
            path: "p".into(),
            number: "(1)".into(),
            content: "c".into(),
            lead: None,
            indices: vec![],
            deadline,
            deadline_source: None,
            is_task: true,
            place: String::new(),
        }
    }

    fn entry(s: Status, done: Option<NaiveDate>) -> Entry {
        Entry {
            trang_thai: s,
            ngay_hoan_thanh: crate::kinds::report::data::Days(done.map(Day).into_iter().collect()),
            ty_le: None,
            ket_qua: None,
            san_pham: Default::default(),
            kho_khan: None,
        }
    }

    #[test]
    fn cut_off_decides_overdue() {
        let cut = d(2024, 3, 14);
        let due_before = item(Some(Deadline::Date(d(2024, 3, 13))));
        let due_on = item(Some(Deadline::Date(cut)));
        let ongoing = item(Some(Deadline::Continuous));
        let none = item(None);
        let wip = entry(Status::InProgress, None);
        let idle = entry(Status::NotStarted, None);
        assert_eq!(
            evaluate(&due_before, Some(&wip), cut),
            Standing::InProgressOverdue
        );
        assert_eq!(evaluate(&due_on, Some(&wip), cut), Standing::InProgress);
        assert_eq!(
            evaluate(&due_before, Some(&idle), cut),
            Standing::NotStartedOverdue
        );
        assert_eq!(evaluate(&ongoing, Some(&idle), cut), Standing::NotStarted);
        assert_eq!(evaluate(&none, Some(&wip), cut), Standing::InProgress);
        assert_eq!(evaluate(&none, None, cut), Standing::NotReported);
        assert_eq!(evaluate(&due_on, None, cut), Standing::NotReported);
        assert_eq!(
            evaluate(&due_before, None, cut),
            Standing::NotReportedOverdue
        );
    }

    #[test]
    fn completion_after_the_deadline_is_late() {
        let cut = d(2024, 6, 14);
        let due = item(Some(Deadline::Date(d(2024, 3, 31))));
        let late = entry(Status::Done, Some(d(2024, 4, 2)));
        let on_time = entry(Status::Done, Some(d(2024, 3, 31)));
        assert_eq!(evaluate(&due, Some(&late), cut), Standing::DoneLate);
        assert_eq!(evaluate(&due, Some(&on_time), cut), Standing::DoneOnTime);
        let ongoing = item(Some(Deadline::Continuous));
        assert_eq!(evaluate(&ongoing, Some(&late), cut), Standing::DoneOnTime);
    }

    #[test]
    fn counts_split_by_index_and_unit() {
        let mut a = item(None);
        a.indices = vec!["par-index".into(), "sipas".into()];
        a.lead = Some(crate::model::parties::Parties(vec![
            "vptk".into(),
            "ktns".into(),
        ]));
        let mut b = item(None);
        b.indices = vec!["pci".into()];
        b.lead = Some(crate::model::parties::Parties(vec![
            "Chủ doanh nghiệp".into()
        ]));
        b.is_task = false;
        let f = tally(
            &[a, b],
            &[Standing::DoneOnTime, Standing::InProgress],
            &["ktns".into(), "vptk".into()],
        );
        assert_eq!(f.all.total, 2);
        assert_eq!(f.all.done(), 1);
        assert_eq!(f.all.percent_done(), 50.0);
        assert_eq!((f.tasks.total, f.rows.total), (1, 1));
        let keys: Vec<&str> = f.by_index.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["par-index", "sipas", "pci"]);
        let units: Vec<(&str, usize)> = f
            .by_unit
            .iter()
            .map(|(k, c)| (k.as_str(), c.done()))
            .collect();
        assert_eq!(units, [("ktns", 1), ("vptk", 1), (OTHER_LEAD, 0)]);
    }
}
