//! A plan's report data opened once: `chung.yaml`, its cut-offs and the periods that have
//! data. Each period's files are read and merged the first time a report or a check needs
//! them and kept, so a run that makes every period's report (each reading the periods
//! before it) reads every file once.

use super::check::{Given, Window};
use super::data::Common;
use super::load::{self, Merged, Source};
use super::period::{CutOffs, Period};
use super::references::plan_earliest;
use crate::error::{DataError, Error, Result};
use crate::model::date::short_date;
use crate::model::locate::Locations;
use crate::model::plan::Plan;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// A period's files merged, with the errors met reading them: the parts that read cleanly
/// are kept, for the caller to check them too.
type Read = Result<(Merged, Vec<DataError>)>;

/// A plan's report data: its common settings and the periods that have data.
pub struct ReportData {
    pub dir: PathBuf,
    pub common: Common,
    pub cut_offs: CutOffs,
    pub sources: Vec<Source>,
    pub warnings: Vec<String>,
    /// `chung.yaml` and where its values are, for errors they cause in period files.
    pub common_at: Option<(PathBuf, Locations)>,
    /// Each period's files, read on first use. Keyed by period, so a caller that narrows
    /// `sources` keeps what was read.
    read: HashMap<Period, (Source, OnceLock<Read>)>,
}

/// Reads `bao-cao/` beside the plan: `chung.yaml` and the list of periods. No period file
/// is read yet.
pub fn open(plan_file: &Path) -> Result<ReportData> {
    let dir = load::report_dir(plan_file);
    let (sources, mut warnings) = load::discover(&dir)?;
    let mut cut_offs = CutOffs::default();
    let mut common_at = None;
    let common = match load::load_common(&dir)? {
        None => Common::default(),
        Some((file, loaded)) => {
            warnings.extend(loaded.warnings);
            if let Some(n) = &loaded.value.ngay_chot {
                cut_offs = super::cut_off::read(&file, &loaded.locations, n)?;
            }
            common_at = Some((file, loaded.locations));
            loaded.value
        }
    };
    let read = sources
        .iter()
        .map(|s| (s.period, (s.clone(), OnceLock::new())))
        .collect();
    Ok(ReportData {
        dir,
        common,
        cut_offs,
        sources,
        warnings,
        common_at,
        read,
    })
}

/// A warning when plan.yaml and `chung.yaml` give the plan different numbers, naming both
/// places: the report prints plan.yaml's. The files are read again only then.
pub fn number_mismatch(plan_file: &Path, plan: &Plan, data: &ReportData) -> Option<String> {
    let common = data.common.ke_hoach.as_ref().and_then(|k| k.so);
    let (Some(own), Some(other)) = (plan.so, common) else {
        return None;
    };
    if own == other {
        return None;
    }
    let at = |file: &Path, path: &str| {
        let found = crate::model::load::read_text(file)
            .ok()
            .and_then(|t| Locations::index(&t).find(path));
        let line = found.map_or(String::new(), |l| format!(":{}:{}", l.line, l.column));
        format!("{}{line}", file.display())
    };
    Some(format!(
        "{}: `so`: Kế hoạch số {own} ở đây nhưng là số {other} ở {} (`ke_hoach.so`); báo cáo in số {own} của plan.yaml: sửa cho hai nơi cùng một số, hoặc bỏ `ke_hoach.so` khi plan.yaml đã có số",
        at(plan_file, "so"),
        at(&data.dir.join(load::COMMON_FILE), "ke_hoach.so"),
    ))
}

impl std::fmt::Debug for ReportData {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReportData")
            .field("dir", &self.dir)
            .field("sources", &self.sources)
            .finish_non_exhaustive()
    }
}

impl ReportData {
    /// Whether period `p` has data of its own.
    pub fn has(&self, p: Period) -> bool {
        self.read.contains_key(&p)
    }

    /// Period `p`'s files read and merged, with the errors met reading them: read the
    /// first time, then kept.
    pub fn period_set(&self, p: Period) -> Result<(&Merged, &[DataError])> {
        let Some((source, cell)) = self.read.get(&p) else {
            return Err(self.no_data(p));
        };
        match cell.get_or_init(|| load::load_period(source)) {
            Ok((m, errors)) => Ok((m, errors)),
            Err(e) => Err(e.clone()),
        }
    }

    /// The error for a period `p` that has no data.
    pub fn no_data(&self, p: Period) -> Error {
        let have: Vec<String> = self.sources.iter().map(|s| s.period.key()).collect();
        Error::Data(vec![DataError {
            file: self.dir.clone(),
            location: None,
            path: None,
            expected: format!(
                "dữ liệu kỳ {} ({}): tệp {1}.yaml hoặc thư mục {1}/",
                p.wording(),
                p.key()
            ),
            found: Some(if have.is_empty() {
                "chưa có kỳ nào".to_string()
            } else {
                format!("chỉ có các kỳ: {}", have.join(", "))
            }),
        }])
    }

    /// The window period `p`'s data must fall in.
    pub fn window(&self, plan: &Plan, p: Period) -> Result<Window> {
        let bad = || Error::Usage(format!("kỳ {p} nằm ngoài lịch có thể tính"));
        Ok(Window {
            period: p,
            plan_date: plan_earliest(plan, &self.common),
            start: p.start(&self.cut_offs).ok_or_else(bad)?,
            cut_off: p.cut_off(&self.cut_offs).ok_or_else(bad)?,
            wording: p.wording(),
            plan_date_given: self.plan_date_given(plan),
            cut_off_given: self.cut_off_given(p),
        })
    }

    /// A place in chung.yaml, with the value written there.
    fn given(&self, path: &str, shown: String) -> Option<Given> {
        let (file, loc) = self.common_at.as_ref()?;
        Some(Given {
            file: file.clone(),
            location: loc.find(path),
            path: path.to_string(),
            shown,
        })
    }

    /// chung.yaml's `ke_hoach.ngay`, when it is the plan date periods are checked against.
    fn plan_date_given(&self, plan: &Plan) -> Option<Given> {
        let in_plan = plan.ngay.ngay.is_some() && plan.ngay.thang.is_some();
        let day = self.common.ke_hoach.as_ref()?.ngay?;
        (!in_plan).then(|| self.given("ke_hoach.ngay", short_date(day.0)))?
    }

    /// chung.yaml's cut-off of period `p`, when set there.
    fn cut_off_given(&self, p: Period) -> Option<Given> {
        let (field, v) = super::cut_off::setting(self.common.ngay_chot.as_ref()?, p)?;
        self.given(&format!("ngay_chot.{field}"), format!("\"{}\"", v.trim()))
    }
}

#[cfg(test)]
mod tests {
    use super::super::load::PARSED;
    use super::*;

    fn parsed() -> usize {
        PARSED.with(|n| n.get())
    }

    /// The example plan: four periods, the first a folder of six unit files, nine in all.
    fn example() -> (PathBuf, Plan) {
        let file =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../plans/phu-son-2023-2025/plan.yaml");
        let plan = crate::model::load_plan(&file).expect("example plan").plan;
        (file, plan)
    }

    #[test]
    fn every_period_file_is_parsed_once_for_all_the_reports() {
        let (file, plan) = example();
        let data = open(&file).expect("bao-cao");
        let files: usize = data.sources.iter().map(|s| s.files.len()).sum();
        assert_eq!((data.sources.len(), files), (4, 9));
        let before = parsed();
        // Each report reads every period up to its own: 6 + 7 + 8 + 9 files if re-read.
        for s in &data.sources {
            let c = super::super::compute(&plan, &data, s.period).expect("report");
            assert_eq!(c.own.period, s.period);
            assert!(c
                .sets
                .iter()
                .all(|m| m.period.sort_key() <= s.period.sort_key()));
        }
        assert_eq!(parsed() - before, files);
        // Again, from memory.
        for s in &data.sources {
            super::super::compute(&plan, &data, s.period).expect("report");
        }
        assert_eq!(parsed() - before, files);
    }

    #[test]
    fn check_parses_every_period_file_once() {
        let (file, plan) = example();
        let before = parsed();
        let (_, periods) = super::super::check_all(&file, &plan, None).expect("check");
        assert_eq!(periods.len(), 4);
        assert_eq!(parsed() - before, 9);
    }

    #[test]
    fn opening_parses_no_period_file() {
        let (file, _) = example();
        let before = parsed();
        let data = open(&file).expect("bao-cao");
        assert_eq!(parsed(), before);
        assert!(data.has(data.sources[0].period));
    }
}
