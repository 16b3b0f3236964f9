//! The document kinds, registered here once: each is a view of the plan (and of its data)
//! plus a template. Everything after the template — markup, IR, both writers, output — is
//! shared, so a new kind (công văn, tờ trình) is a new variant here and a template, and
//! touches no writer.

use crate::error::{Error, Result};
use crate::model::plan::Plan;
use crate::template::Templates;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// The plan itself with its appendices: `ke-hoach.xml`.
    Plan,
    /// The plan's appendices alone (all, or one by its number "II" or its id), to rebuild
    /// them after edits: `phu-luc.xml`, the same pages as in the whole plan.
    Appendices(Option<String>),
    /// The periodic CCHC report from the plan's progress data: `bao-cao.xml`.
    Report(crate::kinds::report::period::Period),
}

/// A kind's document as markup, before the shared road.
pub struct Rendered {
    /// The template that made it, for error messages.
    pub template: &'static str,
    /// Output file name without extension: `ke-hoach`, `bao-cao-2024-q1`.
    pub stem: String,
    pub markup: String,
    /// The files whose text the document prints, to locate a character a font lacks.
    pub text_files: Vec<PathBuf>,
    pub warnings: Vec<String>,
}

impl Kind {
    /// Makes the kind's view of `plan` and renders its template.
    pub fn render(&self, plan: &Plan, plan_path: &Path, templates: &Templates) -> Result<Rendered> {
        let mut out = Rendered {
            template: "ke-hoach.xml",
            stem: "ke-hoach".to_string(),
            markup: String::new(),
            text_files: vec![plan_path.to_path_buf()],
            warnings: Vec::new(),
        };
        match self {
            Kind::Plan => out.markup = templates.render(out.template, &plan.view())?,
            Kind::Appendices(which) => {
                let mut view = plan.view();
                if let Some(w) = which {
                    let a = pick_appendix(&mut view.phu_luc, w.trim())?;
                    out.stem = format!("phu-luc-{}", a.id);
                    view.phu_luc = vec![a];
                } else {
                    out.stem = "phu-luc".to_string();
                }
                if view.phu_luc.is_empty() {
                    return Err(Error::Usage("kế hoạch không có phụ lục nào".into()));
                }
                out.template = "phu-luc.xml";
                out.markup = templates.render(out.template, &view)?;
            }
            Kind::Report(period) => {
                let data = crate::kinds::report::open(plan_path)?;
                // A character the plan's fonts lack may come from the report data.
                out.text_files
                    .push(data.dir.join(crate::kinds::report::load::COMMON_FILE));
                out.text_files
                    .extend(data.sources.iter().flat_map(|s| s.files.iter().cloned()));
                out.warnings.extend(data.warnings.iter().cloned());
                out.warnings.extend(crate::kinds::report::number_mismatch(
                    plan_path, plan, &data,
                ));
                let computed = crate::kinds::report::compute(plan, &data, *period)?;
                out.warnings.extend(computed.warnings.iter().cloned());
                let view = crate::kinds::report::report_view(plan, &computed, *period);
                out.template = "bao-cao.xml";
                out.stem = format!("bao-cao-{}", period.key());
                out.markup = templates.render(out.template, &view)?;
            }
        }
        Ok(out)
    }

    /// The name under which a build of this kind records what it was made from (see
    /// `fingerprint`).
    pub fn record_key(&self) -> String {
        match self {
            Kind::Plan => "ke-hoach".to_string(),
            Kind::Appendices(None) => "phu-luc".to_string(),
            Kind::Appendices(Some(w)) => format!("phu-luc-{}", w.trim().to_lowercase()),
            Kind::Report(p) => format!("bao-cao-{}", p.key()),
        }
    }

    /// Whether the kind reads the plan's report data (`bao-cao/`) besides plan.yaml.
    pub fn reads_report_data(&self) -> bool {
        matches!(self, Kind::Report(_))
    }
}

/// Takes out of `list` the appendix numbered `wanted` ("II") or with that id. A lone
/// appendix is titled "Phụ lục" without a number but still answers to the first one, "I"
/// (or "1").
fn pick_appendix(
    list: &mut Vec<crate::model::view::AppendixView>,
    wanted: &str,
) -> Result<crate::model::view::AppendixView> {
    let lone = list.len() == 1;
    let keep = list.iter().position(|a| {
        let number = a.so.strip_prefix("Phụ lục").map(str::trim);
        a.id == wanted
            || number.is_some_and(|n| !n.is_empty() && n.eq_ignore_ascii_case(wanted))
            || (lone && (wanted.eq_ignore_ascii_case("I") || wanted == "1"))
    });
    match keep {
        Some(i) => Ok(list.swap_remove(i)),
        None if list.is_empty() => Err(Error::Usage("kế hoạch không có phụ lục nào".into())),
        None if lone => Err(Error::Usage(format!(
            "không có phụ lục \"{wanted}\"; kế hoạch chỉ có một phụ lục, gọi bằng `I` hoặc mã `{}`",
            list.first().map_or("", |a| a.id.as_str())
        ))),
        None => {
            let known: Vec<String> = list
                .iter()
                .map(|a| format!("{} ({})", a.so, a.id))
                .collect();
            Err(Error::Usage(format!(
                "không có phụ lục \"{wanted}\"; các phụ lục: {}",
                known.join(", ")
            )))
        }
    }
}
