//! The periodic CCHC report (Báo cáo quý, 6 tháng, 9 tháng, năm) as a document kind.

use super::open::ReportData;
use super::period::Period;
use crate::error::Result;
use crate::kinds::DataFile;
use crate::kinds::{Kind, Registration, Request, View};
use crate::model::plan::Plan;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub static REPORT: Registration = Registration {
    name: "bao-cao",
    about: "báo cáo kết quả thực hiện kế hoạch theo kỳ, từ dữ liệu tiến độ trong bao-cao/",
    templates: &[
        (
            "bao-cao.xml",
            include_str!("../../../templates/bao-cao.xml"),
        ),
        (
            "_so-lieu-ke-hoach.xml",
            include_str!("../../../templates/_so-lieu-ke-hoach.xml"),
        ),
        (
            "_phu-luc-tien-do.xml",
            include_str!("../../../templates/_phu-luc-tien-do.xml"),
        ),
        (
            "_bieu-06.xml",
            include_str!("../../../templates/_bieu-06.xml"),
        ),
        (
            "_de-cuong-bao-cao.xml",
            include_str!("../../../templates/_de-cuong-bao-cao.xml"),
        ),
    ],
    data: &[DataFile::Common, DataFile::Period],
};

/// The report of one period: `bao-cao.xml`.
#[derive(Debug, Clone, Copy)]
pub struct Report(pub Period);

impl Kind for Report {
    fn registration(&self) -> &'static Registration {
        &REPORT
    }

    fn key(&self) -> String {
        format!("bao-cao-{}", self.0.key())
    }

    fn inputs(&self, plan_file: &Path) -> Vec<PathBuf> {
        super::load::data_files(plan_file)
    }

    fn view(&self, plan: &Plan, plan_file: &Path) -> Result<View> {
        view_of(
            plan,
            plan_file,
            &super::open(plan_file)?,
            self.0,
            self.key(),
        )
    }
}

/// The report of one period, made from report data opened once for a run that makes
/// several (`report --ky tat-ca`): every period file is read once for all of them.
#[derive(Debug, Clone)]
pub struct SharedReport {
    pub period: Period,
    pub data: Arc<ReportData>,
}

impl Kind for SharedReport {
    fn registration(&self) -> &'static Registration {
        &REPORT
    }

    fn key(&self) -> String {
        Report(self.period).key()
    }

    fn inputs(&self, plan_file: &Path) -> Vec<PathBuf> {
        Report(self.period).inputs(plan_file)
    }

    fn view(&self, plan: &Plan, plan_file: &Path) -> Result<View> {
        view_of(plan, plan_file, &self.data, self.period, self.key())
    }
}

/// The reports of every period the plan of `plan_file` has data for, in calendar order,
/// sharing one opening of its report data.
pub fn every_period(plan_file: &Path) -> Result<Vec<Request>> {
    let data = Arc::new(super::open(plan_file)?);
    Ok((data.sources.iter())
        .map(|s| -> Request {
            Arc::new(SharedReport {
                period: s.period,
                data: Arc::clone(&data),
            })
        })
        .collect())
}

/// Report `period` of `plan` from `data`, with the warnings of the data.
fn view_of(
    plan: &Plan,
    plan_file: &Path,
    data: &ReportData,
    period: Period,
    stem: String,
) -> Result<View> {
    let computed = super::compute(plan, data, period)?;
    let mut view = View::new(
        "bao-cao.xml",
        stem,
        &super::report_view(plan, &computed, period),
    )?;
    view.sheets = Some(super::sheets::workbook(plan, &computed, period));
    // A character the plan's fonts lack may come from the report data.
    view.text_files
        .push(data.dir.join(super::load::COMMON_FILE));
    view.text_files
        .extend(data.sources.iter().flat_map(|s| s.files.iter().cloned()));
    view.warnings.extend(data.warnings.iter().cloned());
    view.warnings
        .extend(super::number_mismatch(plan_file, plan, data));
    view.warnings.extend(computed.warnings.iter().cloned());
    if computed.kinh_gui.is_none() {
        view.warnings.push(format!(
            "{}: báo cáo gửi cấp trên cần `kinh_gui` (trong {} hoặc tệp của kỳ {}); báo cáo sẽ không có dòng \"Kính gửi\"",
            data.dir.display(),
            super::load::COMMON_FILE,
            period.key()
        ));
    }
    Ok(view)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinds::report::load::PARSED;

    #[test]
    fn every_period_of_a_run_reads_each_period_file_once() {
        let file =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../plans/phu-son-2023-2025/plan.yaml");
        let plan = crate::model::load_plan(&file).expect("example plan").plan;
        let before = PARSED.with(|n| n.get());
        let reports = every_period(&file).expect("bao-cao");
        let keys: Vec<String> = reports.iter().map(|r| r.key()).collect();
        assert_eq!(
            keys,
            [
                "bao-cao-2024-q1",
                "bao-cao-2024-6t",
                "bao-cao-2024-9t",
                "bao-cao-2024"
            ]
        );
        for r in &reports {
            let view = r.view(&plan, &file).expect("report");
            assert_eq!(view.stem, r.key());
        }
        // Nine files (six unit files of Q1, one each for the others), not 6 + 7 + 8 + 9.
        assert_eq!(PARSED.with(|n| n.get()) - before, 9);
    }
}
