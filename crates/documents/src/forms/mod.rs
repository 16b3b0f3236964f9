//! Progress forms (`vanban phieu`): one XLSX per lead unit for a period, for the people who
//! hold the progress to fill in instead of typing YAML. Each form lists the items the unit
//! leads, pre-filled with what the period's report would take, a TTHC sheet for the units
//! that report thủ tục hành chính, a guide, and a hidden marker naming plan, period and unit.
//!
//! The road: [`settings`] reads chung.yaml's `phieu`, [`prefill`] picks each item's entry
//! as the report does, [`select`] and [`tthc`] share the items and lĩnh vực out per unit
//! ([`form::UnitForm`]), and [`xlsx`] writes each form's sheets.

pub mod data;
pub mod form;
mod guide;
pub mod marker;
pub mod prefill;
pub mod progress_sheet;
pub mod read;
pub mod select;
pub mod settings;
mod styles;
pub mod tthc;
pub mod tthc_sheet;
mod xlsx;

use crate::error::{Error, Result};
use crate::kinds::report::period::Period;
use crate::kinds::report::references::plan_reference;
use crate::model::plan::Plan;
use form::{Heading, UnitForm};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// One form written in memory.
#[derive(Debug)]
pub struct Written {
    pub unit: String,
    pub file_name: String,
    pub bytes: Vec<u8>,
    /// How many items it lists, and whether it has a TTHC sheet.
    pub items: usize,
    pub tthc: bool,
}

#[derive(Debug)]
pub struct Forms {
    pub forms: Vec<Written>,
    pub warnings: Vec<String>,
}

/// `phieu-2025-q1`: the folder the forms of a period go to by default.
pub fn folder(p: Period) -> String {
    format!("phieu-{}", p.key())
}

/// `phieu-2025-q1-vptk.xlsx`.
pub fn file_name(p: Period, unit: &str) -> String {
    format!("phieu-{}-{unit}.xlsx", p.key())
}

/// Where the forms go: `-o` itself, else `output/<plan folder>/phieu-<period>/`.
pub fn out_dir(out: Option<&Path>, input: &Path, p: Period) -> PathBuf {
    match out {
        Some(o) => o.to_path_buf(),
        None => Path::new("output")
            .join(crate::make::folder_name(input))
            .join(folder(p)),
    }
}

/// `bao-cao/2025-q1/vptk.yaml`: the unit's file of a period kept as a folder, where its
/// filled form is read back to.
pub fn unit_file(report_dir: &Path, p: Period, unit: &str) -> PathBuf {
    report_dir.join(p.key()).join(format!("{unit}.yaml"))
}

/// SHA-256 (hex) of `file`, empty when it does not exist.
pub fn period_file_sha(file: &Path) -> Result<String> {
    match std::fs::read(file) {
        Ok(bytes) => Ok(Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(String::new()),
        Err(e) => Err(Error::io(file, &e)),
    }
}

/// A short hash of the plan's title: the marker tells plans apart by it.
pub fn plan_hash(plan: &Plan) -> String {
    Sha256::digest(plan.trich_yeu.trim().as_bytes())
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The forms of period `p` of the plan read from `plan_file`, for every unit that leads an
/// item (or reports TTHC), or only for the units `only` names.
pub fn forms(plan_file: &Path, plan: &Plan, p: Period, only: Option<&[String]>) -> Result<Forms> {
    let data = crate::kinds::report::open(plan_file)?;
    let window = data.window(plan, p)?;
    let settings = settings::read(plan_file, plan, &data, window.cut_off)?;
    if let Some(only) = only {
        check_units(only, &settings.units)?;
    }
    let pre = prefill::prefill(plan, &data, p)?;
    let mut warnings = data.warnings.clone();
    warnings.extend(pre.warnings.iter().cloned());
    let mut tthc = tthc::by_unit(
        &pre.sets,
        p,
        &data.cut_offs,
        plan,
        &settings.compiler,
        &settings.tthc,
    );
    let name = |k: &str| {
        plan.don_vi
            .get(k)
            .map_or(k.to_string(), |u| u.ten.trim().to_string())
    };
    let heading = Heading {
        plan_folder: crate::make::folder_name(plan_file),
        plan_hash: plan_hash(plan),
        plan_reference: plan_reference(plan, &data.common, &plan.trich_yeu),
        period_key: p.key(),
        wording: p.wording(),
        start: pre.window.start,
        cut_off: pre.window.cut_off,
        reply_by: settings.reply_by,
        compiler_name: name(&settings.compiler),
    };
    let mut out = Vec::new();
    for unit in &settings.units {
        if only.is_some_and(|o| !o.contains(unit)) {
            continue;
        }
        let rows = select::rows_of(unit, &settings.compiler, &pre.items, &pre.entries, plan);
        let form = UnitForm {
            key: unit.clone(),
            name: name(unit),
            rows,
            tthc: tthc.remove(unit),
            period_file_sha: period_file_sha(&unit_file(&data.dir, p, unit))?,
        };
        if form.rows.is_empty() && form.tthc.is_none() {
            if only.is_some() {
                warnings.push(format!(
                    "đơn vị {unit} ({}) không chủ trì nhiệm vụ nào và không báo cáo thủ tục hành chính: không có phiếu",
                    form.name
                ));
            }
            continue;
        }
        out.push(Written {
            file_name: file_name(p, unit),
            bytes: xlsx::workbook(&form, &heading)?,
            items: form.rows.len(),
            tthc: form.tthc.is_some(),
            unit: form.key,
        });
    }
    if out.is_empty() {
        return Err(Error::Usage(
            "không có phiếu nào để ghi: không đơn vị nào được chọn chủ trì nhiệm vụ của kế hoạch"
                .into(),
        ));
    }
    Ok(Forms {
        forms: out,
        warnings,
    })
}

/// A usage error naming the valid keys when `only` names a unit the plan does not have.
fn check_units(only: &[String], units: &[String]) -> Result<()> {
    let unknown: Vec<&String> = only.iter().filter(|k| !units.contains(k)).collect();
    if unknown.is_empty() {
        return Ok(());
    }
    let shown: Vec<String> = unknown.iter().map(|k| format!("\"{k}\"")).collect();
    Err(Error::Usage(format!(
        "`--don-vi`: kế hoạch không có đơn vị {}; các mã đơn vị: {}",
        shown.join(", "),
        units.join(", ")
    )))
}

/// Writes the forms into `dir`, all or none; returns each file with its size.
pub fn write(dir: &Path, forms: &Forms) -> Result<Vec<(PathBuf, usize)>> {
    crate::make::out_dir_usable(dir)?;
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, &e))?;
    let set: Vec<(PathBuf, &[u8])> = forms
        .forms
        .iter()
        .map(|f| (dir.join(&f.file_name), f.bytes.as_slice()))
        .collect();
    crate::output::write_set(&set)?;
    Ok(set.iter().map(|(p, b)| (p.clone(), b.len())).collect())
}
