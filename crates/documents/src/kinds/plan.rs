//! The plan itself (Kế hoạch) with its appendices, and its appendices alone.

use super::{Kind, Registration, View};
use crate::error::{Error, Result};
use crate::kinds::DataFile;
use crate::model::plan::Plan;
use crate::model::view::AppendixView;
use std::path::Path;

pub static PLAN: Registration = Registration {
    name: "ke-hoach",
    about: "kế hoạch cùng các phụ lục",
    templates: &[("ke-hoach.xml", include_str!("../../templates/ke-hoach.xml"))],
    data: &[DataFile::Plan],
};

pub static APPENDICES: Registration = Registration {
    name: "phu-luc",
    about: "riêng các phụ lục của kế hoạch (hoặc một phụ lục), để sinh lại sau khi sửa",
    templates: &[("phu-luc.xml", include_str!("../../templates/phu-luc.xml"))],
    data: &[DataFile::Plan],
};

/// The plan with its appendices: `ke-hoach.xml`.
#[derive(Debug, Clone, Copy)]
pub struct PlanDocument;

impl Kind for PlanDocument {
    fn registration(&self) -> &'static Registration {
        &PLAN
    }

    fn key(&self) -> String {
        "ke-hoach".to_string()
    }

    fn view(&self, plan: &Plan, _plan_file: &Path) -> Result<View> {
        View::new("ke-hoach.xml", self.key(), &plan.view())
    }
}

/// The plan's appendices alone (all, or one by its number "II" or its id), to rebuild them
/// after edits: `phu-luc.xml`, the same pages as in the whole plan.
#[derive(Debug, Clone)]
pub struct Appendices(pub Option<String>);

impl Kind for Appendices {
    fn registration(&self) -> &'static Registration {
        &APPENDICES
    }

    fn key(&self) -> String {
        match &self.0 {
            None => "phu-luc".to_string(),
            Some(w) => format!("phu-luc-{}", w.trim().to_lowercase()),
        }
    }

    fn view(&self, plan: &Plan, _plan_file: &Path) -> Result<View> {
        let mut view = plan.view();
        let stem = match &self.0 {
            Some(w) => {
                let a = pick_appendix(&mut view.phu_luc, w.trim())?;
                let stem = format!("phu-luc-{}", a.id);
                view.phu_luc = vec![a];
                stem
            }
            None => "phu-luc".to_string(),
        };
        if view.phu_luc.is_empty() {
            return Err(Error::Usage("kế hoạch không có phụ lục nào".into()));
        }
        View::new("phu-luc.xml", stem, &view)
    }
}

/// Takes out of `list` the appendix numbered `wanted` ("II") or with that id. A lone
/// appendix is titled "Phụ lục" without a number but still answers to the first one, "I"
/// (or "1").
fn pick_appendix(list: &mut Vec<AppendixView>, wanted: &str) -> Result<AppendixView> {
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
