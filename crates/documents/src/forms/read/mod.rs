//! Filled progress forms read back (`vanban nhap`): each XLSX or ODS form's marker checked
//! against the plan and the period, its rows read and checked as YAML progress is, and the
//! unit's file of the period (`bao-cao/<kỳ>/<unit>.yaml`) rewritten: its `tien_do:` (and
//! `tthc:`) block only. Every mistake of every form is told by cell and nothing is written
//! until there is none; then all files are written or none.
//!
//! The road: [`open`] lists and opens the files, [`progress`] and [`tthc`] read the sheets
//! ([`cells`] their values), [`decide`] compares each row with what the form was pre-filled
//! with, [`check`] runs the shared checks at cells, [`yaml`] rewrites the blocks.

pub mod cells;
mod check;
pub mod decide;
pub mod open;
pub mod progress;
mod summary;
pub mod tthc;
pub mod yaml;

use crate::error::{CellError, DataError, Error, Result};
use crate::forms::{marker, period_file_sha, prefill, select, settings, tthc_sheet, unit_file};
use crate::kinds::report::data::{PeriodFile, TthcRow};
use crate::kinds::report::period::Period;
use crate::model::plan::Plan;
use decide::{Context, Decided, FormItem};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One unit file as the import would leave it.
#[derive(Debug)]
pub struct Change {
    pub file: PathBuf,
    pub text: String,
    /// Whether it differs from the file as it is.
    pub changed: bool,
    /// "vptk: 12 nhiệm vụ, 3 hoàn thành mới, 1 quá hạn — đã ghi …".
    pub summary: String,
}

#[derive(Debug)]
pub struct Import {
    /// The period's folder, created when the period has no data yet.
    pub dir: PathBuf,
    pub changes: Vec<Change>,
    pub warnings: Vec<String>,
}

/// Reads the forms in `inputs` for period `p` of the plan, checks them, and composes the
/// unit files. `overwrite` (`--ghi-de`) replaces unit files edited since the forms were
/// written.
pub fn import(
    plan_file: &Path,
    plan: &Plan,
    p: Period,
    inputs: &[PathBuf],
    overwrite: bool,
) -> Result<Import> {
    let files = open::list(inputs)?;
    let data = crate::kinds::report::open(plan_file)?;
    let window = data.window(plan, p)?;
    let settings = settings::read(plan_file, plan, &data, window.cut_off)?;
    refuse_single_file(&data, p, &settings.compiler)?;
    let pre = prefill::prefill(plan, &data, p)?;
    let ctx = Context {
        period: p,
        window: &pre.window,
        items: &pre.items,
        sets: &pre.sets,
        own: pre.sets.iter().find(|m| m.period == p).copied(),
    };
    let plan_hash = crate::forms::plan_hash(plan);
    let key = p.key();
    let expected = open::Expected {
        plan_hash: &plan_hash,
        period_key: &key,
        units: &settings.units,
    };
    let mut errors: Vec<CellError> = Vec::new();
    let mut by_unit: BTreeMap<String, PathBuf> = BTreeMap::new();
    let mut decided = Vec::new();
    for path in &files {
        let book = match open::open(path) {
            Ok(b) => b,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        let unit = match open::unit_of(&book, &expected) {
            Ok(u) => u,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        if let Some(first) = by_unit.get(&unit) {
            errors.push(book.error(
                None,
                None,
                format!(
                    "phiếu thứ hai của đơn vị {unit} (đã có {}): mỗi lần nhập, mỗi đơn vị một phiếu",
                    first.display()
                ),
            ));
            continue;
        }
        by_unit.insert(unit.clone(), path.clone());
        let target = unit_file(&data.dir, p, &unit);
        if !overwrite {
            if let Some(e) = edited_since(&book, &target)? {
                errors.push(e);
            }
        }
        let form: Vec<FormItem> = (pre.items.iter().zip(&pre.entries).zip(&pre.picks))
            .filter(|((it, _), _)| select::on_form(&unit, &settings.compiler, it, plan))
            .map(|((item, entry), pick)| FormItem {
                item,
                entry: *entry,
                pick: *pick,
            })
            .collect();
        let ids: Vec<&str> = form.iter().map(|f| f.item.id.as_str()).collect();
        let (rows, cols) = match progress::read(&book, &ids) {
            Ok((rows, cols, e)) => {
                errors.extend(e);
                (rows, cols)
            }
            Err(e) => {
                errors.extend(e);
                continue;
            }
        };
        let lines = match book.sheets.contains_key(tthc_sheet::SHEET) {
            false => None,
            true => match tthc::read(&book) {
                Ok(l) => Some(l),
                Err(e) => {
                    errors.extend(e);
                    continue;
                }
            },
        };
        let (d, e) = decide::decide(
            &ctx,
            &book,
            &unit,
            &target,
            &form,
            &rows,
            &cols,
            lines.as_deref(),
        );
        errors.extend(e);
        decided.push((d, book));
    }
    errors.extend(written_twice(&decided));
    if !errors.is_empty() {
        return Err(Error::Cells(errors));
    }
    let mut changes = Vec::new();
    let mut warnings = pre.warnings.clone();
    for (d, _) in &decided {
        changes.push(compose(&ctx, plan, p, &data.dir, d)?);
        warnings.extend(d.warnings.iter().cloned());
    }
    Ok(Import {
        dir: data.dir.join(p.key()),
        changes,
        warnings,
    })
}

/// A period kept in one file (`bao-cao/2025-q1.yaml`) has no unit files to write into:
/// refused, saying how to turn it into a folder.
fn refuse_single_file(
    data: &crate::kinds::report::ReportData,
    p: Period,
    compiler: &str,
) -> Result<()> {
    let Some(src) = data.sources.iter().find(|s| s.period == p) else {
        return Ok(());
    };
    match src.files.as_slice() {
        [one] if one.parent() == Some(data.dir.as_path()) => {
            let key = p.key();
            Err(Error::Data(vec![DataError {
                file: one.clone(),
                location: None,
                path: None,
                expected: format!(
                    "dữ liệu kỳ {key} trong thư mục bao-cao/{key}/ (mỗi đơn vị một tệp) để nhập phiếu vào tệp của từng đơn vị"
                ),
                found: Some(format!(
                    "kỳ {key} ghi trong một tệp: tạo thư mục bao-cao/{key}/, chuyển tệp này vào đó thành bao-cao/{key}/{compiler}.yaml (nội dung giữ nguyên), rồi sinh lại phiếu và nhập"
                )),
            }]))
        }
        _ => Ok(()),
    }
}

/// An error when the unit's file differs from what it was when the form was written.
fn edited_since(book: &open::Book, target: &Path) -> Result<Option<CellError>> {
    let then = book
        .marker
        .get(marker::PERIOD_FILE_SHA)
        .cloned()
        .unwrap_or_default();
    let now = period_file_sha(target)?;
    if then == now {
        return Ok(None);
    }
    let why = match (then.is_empty(), now.is_empty()) {
        (true, _) => "đã được tạo sau khi sinh phiếu",
        (false, true) => "đã bị xóa hoặc đổi tên sau khi sinh phiếu",
        (false, false) => {
            "đã được sửa sau khi sinh phiếu (có thể do sửa tay hoặc đã nhập phiếu này)"
        }
    };
    Ok(Some(book.error(
        None,
        None,
        format!(
            "{} {why}: không ghi đè để khỏi mất phần đã sửa; sinh lại phiếu và điền lại, hoặc chạy lại với --ghi-de để vẫn thay phần tien_do/tthc của tệp",
            target.display()
        ),
    )))
}

/// The same item written by two forms (an item led by two units, changed on both).
fn written_twice(decided: &[(Decided, open::Book)]) -> Vec<CellError> {
    let mut first: BTreeMap<&str, (&Path, u32)> = BTreeMap::new();
    let mut errors = Vec::new();
    for (d, book) in decided {
        for (id, _, row) in &d.entries {
            match first.get(id.as_str()) {
                Some((path, _)) if *path != d.path.as_path() => errors.push(book.error(
                    Some(crate::forms::progress_sheet::SHEET),
                    Some(cells::name(*row, 0)),
                    format!(
                        "nhiệm vụ `{id}` cũng được báo cáo ở phiếu {}: nhiệm vụ nhiều đơn vị chủ trì chỉ báo cáo ở một phiếu (để nguyên dòng này ở các phiếu kia)",
                        path.display()
                    ),
                )),
                _ => {
                    first.insert(id, (&d.path, *row));
                }
            }
        }
    }
    errors
}

/// The unit's file as the import leaves it.
fn compose(ctx: &Context, plan: &Plan, p: Period, dir: &Path, d: &Decided) -> Result<Change> {
    let file = unit_file(dir, p, &d.unit);
    let before = match std::fs::read_to_string(&file) {
        Ok(t) => Some(t),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(Error::io(&file, &e)),
    };
    let mut entries: Vec<(String, crate::kinds::report::data::Entry)> = d
        .entries
        .iter()
        .map(|(id, e, _)| (id.clone(), e.clone()))
        .collect();
    // What the unit's file holds now: its entries and its TTHC rows.
    let mut own_entries = Vec::new();
    let mut own_tthc = Vec::new();
    if let Some(own) = ctx.own {
        let here = |at: &crate::kinds::report::load::Origin| {
            own.files.get(at.file).is_some_and(|(f, _)| *f == file)
        };
        for (id, (e, _)) in own.entries.iter().filter(|(_, (_, at))| here(at)) {
            own_entries.push((id.clone(), e.clone()));
            // Entries for items not on the unit's form are kept.
            if !d.form_ids.contains(id) {
                entries.push((id.clone(), e.clone()));
            }
        }
        own_tthc = (own.tthc.iter().flatten())
            .filter(|(_, at)| here(at))
            .map(|(r, _)| r.clone())
            .collect();
    }
    let name = plan
        .don_vi
        .get(&d.unit)
        .map_or(d.unit.clone(), |u| u.ten.trim().to_string());
    let form_name = d
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let start = match &before {
        Some(text) => yaml::block_style(text).map_err(|found| {
            Error::Data(vec![crate::error::DataError {
                file: file.clone(),
                location: None,
                path: None,
                expected: "mỗi trường trên một dòng riêng (kiểu khối), để nhập phiếu chỉ thay khối `tien_do:` và `tthc:` mà giữ nguyên phần còn lại".into(),
                found: Some(found),
            }])
        })?,
        None => yaml::header(&name, &form_name),
    };
    // A block whose content the form leaves as it was is not touched: its comments and
    // layout stay. Compared as written out, the ids in order.
    let sorted = |v: &[(String, crate::kinds::report::data::Entry)]| {
        let mut v = v.to_vec();
        v.sort_by(|a, b| a.0.cmp(&b.0));
        yaml::progress_block(&v)
    };
    let mut text = start;
    if sorted(&entries) != sorted(&own_entries) {
        let block = (!entries.is_empty()).then(|| yaml::progress_block(&entries));
        text = yaml::replace_block(&text, "tien_do", block.as_deref());
    }
    if let Some(rows) = &d.tthc {
        // A line as it was keeps the row as written (its totals too).
        let same = |a: &TthcRow, b: &TthcRow| {
            a.linh_vuc.trim() == b.linh_vuc.trim()
                && crate::forms::tthc::counts(a) == crate::forms::tthc::counts(b)
        };
        let rows: Vec<TthcRow> = rows
            .iter()
            .map(|(r, _)| own_tthc.iter().find(|o| same(o, r)).unwrap_or(r).clone())
            .collect();
        let unchanged =
            rows.len() == own_tthc.len() && rows.iter().zip(&own_tthc).all(|(a, b)| same(a, b));
        if !unchanged {
            let block = (!rows.is_empty()).then(|| yaml::tthc_block(&rows));
            text = yaml::replace_block(&text, "tthc", block.as_deref());
        }
    }
    // A file of comments alone is refused by the loader ("tệp trống"): an empty block says
    // the unit reported nothing. A unit with nothing to report gets no new file.
    let content = |t: &str| {
        t.lines()
            .any(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
    };
    if !content(&text) {
        if before.is_none() {
            return Ok(Change {
                summary: summary::line(d, &file, false),
                file,
                text: String::new(),
                changed: false,
            });
        }
        text.push_str("tien_do: {}\n");
    }
    // What is written must read back: a slip in the text's surgery is a bug, not data.
    if serde_yaml::from_str::<Option<PeriodFile>>(&text).is_err() {
        return Err(Error::Internal(format!("{} (nhập phiếu)", file.display())));
    }
    let changed = before.as_deref() != Some(text.as_str());
    Ok(Change {
        summary: summary::line(d, &file, changed),
        file,
        text,
        changed,
    })
}

/// Writes the changed unit files, all or none; returns those written.
pub fn write(import: &Import) -> Result<Vec<PathBuf>> {
    let set: Vec<(PathBuf, &[u8])> = import
        .changes
        .iter()
        .filter(|c| c.changed)
        .map(|c| (c.file.clone(), c.text.as_bytes()))
        .collect();
    if set.is_empty() {
        return Ok(Vec::new());
    }
    std::fs::create_dir_all(&import.dir).map_err(|e| Error::io(&import.dir, &e))?;
    crate::output::write_set(&set)?;
    Ok(set.into_iter().map(|(p, _)| p).collect())
}
