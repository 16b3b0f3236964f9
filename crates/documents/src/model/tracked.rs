//! What a progress report tracks: every task of the plan's body and every row of its
//! appendices, each with the id progress data refers to, who leads it, the indices it
//! serves and its deadline.

use super::deadline::{self, Deadline};
use super::parties::Parties;
use super::plan::{Deadlines, Item, Plan};

/// Where an item's deadline comes from, for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadlineSource {
    /// Field path in plan.yaml (`…nhiem_vu[2].han`).
    pub path: String,
    /// The phrase, or the phrases of a `han` list joined by "; ".
    pub text: String,
    /// Whether it is an explicit `han` (unreadable is an error) or `thoi_gian` (a warning).
    pub explicit: bool,
    /// Several dates in a form not read as rounds: the deadline is the latest, a guess.
    pub guessed: bool,
    /// A date without a year, taken in the report's: the work falls due again every year.
    pub yearless: bool,
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

impl Tracked {
    /// Whether the deadline is read again in each report's year ("6 tháng đầu năm và cuối
    /// năm"): the work is due anew every year, its status that year's.
    pub fn yearly(&self) -> bool {
        self.deadline_source.as_ref().is_some_and(|s| s.yearless)
    }
}

/// The deadline of `han` (each phrase of a list a round) or else of `thoi_gian`, phrases
/// without a year taken in `year`.
fn deadline_of(
    path: &str,
    han: &Option<Deadlines>,
    thoi_gian: Option<&String>,
    year: i32,
) -> (Option<Deadline>, Option<DeadlineSource>) {
    let (field, texts, explicit) = match (han, thoi_gian) {
        (Some(h), _) => ("han", h.0.as_slice(), true),
        (None, Some(t)) => ("thoi_gian", std::slice::from_ref(t), false),
        (None, None) => return (None, None),
    };
    let readings: Vec<deadline::Reading> = texts.iter().map(|t| deadline::read(t, year)).collect();
    let deadline = match readings.as_slice() {
        [one] => one.deadline.clone(),
        // A list: every item a date or rounds, together the rounds.
        many => many
            .iter()
            .map(|r| {
                r.deadline
                    .as_ref()
                    .map(|d| d.dues().to_vec())
                    .filter(|d| !d.is_empty())
            })
            .collect::<Option<Vec<_>>>()
            .and_then(|d| Deadline::of(d.concat())),
    };
    (
        deadline,
        Some(DeadlineSource {
            path: format!("{path}.{field}"),
            text: texts.join("; "),
            explicit,
            guessed: readings.iter().any(|r| r.guessed),
            yearless: readings.iter().any(|r| r.yearless),
        }),
    )
}

/// Where the walk is: the path, numbers and indices of the enclosing items, and the year
/// phrases without one are read in.
struct At<'a> {
    path: &'a str,
    nums: &'a [u32],
    inherited: &'a [String],
    year: i32,
}

fn walk(items: &[Item], at: &At, out: &mut Vec<Tracked>) {
    let (path, nums, inherited) = (at.path, at.nums, at.inherited);
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
            let (deadline, deadline_source) =
                deadline_of(&tp, &task.han, task.thoi_gian.as_ref(), at.year);
            let number = super::numbering::task_number(t as u32 + 1);
            out.push(Tracked {
                id: task.id.clone(),
                path: tp,
                place: format!(
                    "Mục {} của Kế hoạch, nhiệm vụ {number}",
                    super::numbering::item_reference(&num)
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
        let inner = At {
            path: &format!("{ip}.muc"),
            nums: &num,
            inherited: &indices,
            year: at.year,
        };
        walk(&it.muc, &inner, out);
    }
}

/// Every tracked item of `plan`, body tasks first, then appendix rows, in document order;
/// deadlines without a year ("6 tháng đầu năm và cuối năm") are taken in `year`, the
/// report's.
pub fn tracked(plan: &Plan, year: i32) -> Vec<Tracked> {
    let mut out = Vec::new();
    let top = At {
        path: "noi_dung",
        nums: &[],
        inherited: &[],
        year,
    };
    walk(&plan.noi_dung, &top, &mut out);
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
                let (deadline, deadline_source) = deadline_of(&rp, &row.han, thoi_gian, year);
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
