//! The periodic CCHC report (Báo cáo quý, 6 tháng, 9 tháng, năm) as a document kind.

use super::period::Period;
use crate::error::Result;
use crate::kinds::{Kind, Registration, View};
use crate::model::plan::Plan;
use crate::schema::Which;
use std::path::{Path, PathBuf};

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
    data: &[Which::Common, Which::Period],
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
        let period = self.0;
        let data = super::open(plan_file)?;
        let computed = super::compute(plan, &data, period)?;
        let mut view = View::new(
            "bao-cao.xml",
            self.key(),
            &super::report_view(plan, &computed, period),
        )?;
        // A character the plan's fonts lack may come from the report data.
        view.text_files
            .push(data.dir.join(super::load::COMMON_FILE));
        view.text_files
            .extend(data.sources.iter().flat_map(|s| s.files.iter().cloned()));
        view.warnings.extend(data.warnings.iter().cloned());
        view.warnings
            .extend(super::number_mismatch(plan_file, plan, &data));
        view.warnings.extend(computed.warnings.iter().cloned());
        Ok(view)
    }
}
