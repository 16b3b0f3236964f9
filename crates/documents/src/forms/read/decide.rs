//! What one filled form changes. Each row is compared with what the form was pre-filled
//! with (the entry the period's report takes): a row left as it was changes nothing, so an
//! entry carried over from an earlier period, or kept in another file of the period, stays
//! where it is; a row changed becomes the unit's entry of the period, checked as the form
//! promises (days inside the period, whole shares) and as YAML progress is.

use super::check::{shared, Given};
use super::open::Book;
use super::progress::{Columns, Filled, SheetRow, DAYS, SHARE, STATUS};
use super::tthc::{SheetLine, NAME_COLUMN};
use crate::error::CellError;
use crate::forms::{progress_sheet, tthc_sheet};
use crate::kinds::report::check::Window;
use crate::kinds::report::compute::Pick;
use crate::kinds::report::data::{fold, Days, Entry, Status, Texts, TthcRow};
use crate::kinds::report::load::Merged;
use crate::kinds::report::period::Period;
use crate::model::date::{short_date, Day};
use crate::model::tracked::Tracked;
use std::path::{Path, PathBuf};

/// One item of the unit's form and what it was pre-filled with.
pub struct FormItem<'a> {
    pub item: &'a Tracked,
    pub entry: Option<&'a Entry>,
    pub pick: Option<Pick>,
}

/// The period's data as the forms were read against it.
pub struct Context<'a> {
    pub period: Period,
    pub window: &'a Window,
    pub items: &'a [Tracked],
    pub sets: &'a [&'a Merged],
    /// The period's own data set, when it has one.
    pub own: Option<&'a Merged>,
}

/// Where a pre-filled entry is kept.
#[derive(Debug, PartialEq)]
enum Source {
    /// Nowhere: the item was not reported.
    None,
    /// The unit's own file of the period: the form replaces it.
    OwnFile,
    /// Another file of the period.
    OtherFile(PathBuf),
    /// An earlier period (carried over).
    Earlier,
}

/// One form's outcome: what goes into the unit's file, and the counts told the user.
pub struct Decided {
    pub unit: String,
    pub path: PathBuf,
    /// The entries of the unit's file for the form's items, in form order, with their rows.
    pub entries: Vec<(String, Entry, u32)>,
    /// The TTHC rows of the unit's file, when the form has a TTHC sheet.
    pub tthc: Option<Vec<(TthcRow, u32)>>,
    /// Every item on the form, written or not.
    pub form_ids: Vec<String>,
    pub items: usize,
    pub newly_done: usize,
    pub overdue: usize,
    /// Rows whose clearing changes nothing, said so the person is not surprised.
    pub warnings: Vec<String>,
}

/// An entry as a form shows it: texts trimmed, blanks dropped, products one a line.
pub fn shown(e: &Entry) -> Filled {
    let text = |s: &Option<String>| {
        s.as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string)
    };
    Filled {
        status: Some(e.trang_thai),
        days: e.ngay_hoan_thanh.0.iter().map(|d| d.0).collect(),
        share: e.ty_le,
        ket_qua: text(&e.ket_qua),
        san_pham: e
            .san_pham
            .0
            .iter()
            .flat_map(|s| s.lines())
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect(),
        kho_khan: text(&e.kho_khan),
    }
}

fn entry_of(f: &Filled) -> Option<Entry> {
    Some(Entry {
        trang_thai: f.status?,
        ngay_hoan_thanh: Days(f.days.iter().map(|d| Day(*d)).collect()),
        ty_le: f.share,
        ket_qua: f.ket_qua.clone(),
        san_pham: Texts(f.san_pham.clone()),
        kho_khan: f.kho_khan.clone(),
    })
}

fn source(ctx: &Context, item: &Tracked, pick: Option<Pick>, unit_file: &Path) -> Source {
    let Some(pick) = pick else {
        return Source::None;
    };
    let Some(set) = ctx.sets.get(pick.set) else {
        return Source::None;
    };
    if set.period != ctx.period {
        return Source::Earlier;
    }
    match set.entries.get(&item.id) {
        Some((_, at)) => match set.files.get(at.file) {
            Some((f, _)) if f == unit_file => Source::OwnFile,
            Some((f, _)) => Source::OtherFile(f.clone()),
            None => Source::None,
        },
        None => Source::None,
    }
}

/// Decides one form. `rows` are its sheet's rows, `lines` its TTHC lines (none without a
/// TTHC sheet).
#[allow(clippy::too_many_arguments)]
pub fn decide(
    ctx: &Context,
    book: &Book,
    unit: &str,
    unit_file: &Path,
    form: &[FormItem],
    rows: &[SheetRow],
    cols: &Columns,
    lines: Option<&[SheetLine]>,
) -> (Decided, Vec<CellError>) {
    let mut errors = Vec::new();
    let err = |row: u32, col: usize, message: String| {
        book.error(
            Some(progress_sheet::SHEET),
            Some(cols.cell(row, col)),
            message,
        )
    };
    let w = ctx.window;
    let mut out = Decided {
        unit: unit.to_string(),
        path: book.path.clone(),
        entries: Vec::new(),
        tthc: None,
        form_ids: form.iter().map(|f| f.item.id.clone()).collect(),
        items: form.len(),
        newly_done: 0,
        overdue: 0,
        warnings: Vec::new(),
    };
    let mut checked = Vec::new();
    for row in rows {
        let Some(fi) = form.iter().find(|f| f.item.id == row.id) else {
            continue;
        };
        let before = fi.entry.map(shown);
        let unchanged = before == row.filled;
        let now = row.filled.as_ref().and_then(|f| f.status);
        let was_done = fi.entry.is_some_and(|e| e.trang_thai == Status::Done);
        if now == Some(Status::Done) && !was_done {
            out.newly_done += 1;
        }
        let due = fi.item.deadline.as_ref().and_then(|d| d.due());
        if now.is_some_and(|s| s != Status::Done) && due.is_some_and(|d| d < w.cut_off) {
            out.overdue += 1;
        }
        match (source(ctx, fi.item, fi.pick, unit_file), unchanged) {
            (Source::OwnFile, true) => {
                if let Some(e) = fi.entry {
                    out.entries.push((row.id.clone(), e.clone(), row.row));
                }
            }
            (Source::OtherFile(_) | Source::Earlier | Source::None, true) => {}
            (Source::OtherFile(f), false) => errors.push(err(
                row.row,
                STATUS,
                format!(
                    "nhiệm vụ `{}` đã báo cáo ở {}: sửa ở tệp đó, hoặc xóa mục `{}` khỏi tệp đó rồi nhập lại phiếu",
                    row.id,
                    f.display(),
                    row.id
                ),
            )),
            (Source::Earlier, false) if row.filled.is_none() => {
                // A cleared row reports nothing this period, so the report still carries
                // the earlier status: say it, since clearing looks like undoing it.
                if let Some(e) = fi.entry {
                    let message = format!(
                        "dòng của `{}` để trống: báo cáo kỳ này vẫn lấy trạng thái đã báo cáo trước đó ({}); muốn đổi, chọn trạng thái mới",
                        row.id,
                        progress_sheet::status_word(e.trang_thai)
                    );
                    out.warnings.push(err(row.row, STATUS, message).to_string());
                }
            }
            (_, false) => {
                let Some(filled) = &row.filled else { continue };
                let mut ok = true;
                let old_days = before.as_ref().map_or(&[][..], |b| b.days.as_slice());
                for d in filled.days.iter().filter(|d| !old_days.contains(d)) {
                    if *d < w.start || *d > w.cut_off {
                        ok = false;
                        errors.push(err(
                            row.row,
                            DAYS,
                            format!(
                                "ngày hoàn thành {} ngoài kỳ {}: cần từ {} đến {}",
                                short_date(*d),
                                w.wording,
                                short_date(w.start),
                                short_date(w.cut_off)
                            ),
                        ));
                    }
                }
                let old_share = before.as_ref().and_then(|b| b.share);
                if let Some(s) = filled.share.filter(|s| s.fract() != 0.0 && Some(*s) != old_share) {
                    ok = false;
                    errors.push(err(
                        row.row,
                        SHARE,
                        format!(
                            "tỷ lệ {} không phải số nguyên: cần số nguyên từ 0 đến 100",
                            super::cells::shown_number(s)
                        ),
                    ));
                }
                if let (true, Some(e)) = (ok, entry_of(filled)) {
                    checked.push((row.id.clone(), e.clone(), row.row));
                    out.entries.push((row.id.clone(), e, row.row));
                }
            }
        }
    }
    let tthc = lines.map(|l| tthc_lines(ctx, book, unit_file, l, &mut errors));
    let given = Given {
        entries: &checked,
        tthc: tthc.as_deref().unwrap_or(&[]),
    };
    errors.extend(shared(book, Some(cols), &given, ctx.period, ctx.items, w));
    out.tthc = tthc;
    (out, errors)
}

/// The TTHC lines that go into the unit's file: a lĩnh vực kept in another file of the
/// period with the same counts stays there; with other counts it is a conflict.
fn tthc_lines(
    ctx: &Context,
    book: &Book,
    unit_file: &Path,
    lines: &[SheetLine],
    errors: &mut Vec<CellError>,
) -> Vec<(TthcRow, u32)> {
    let err = |row: u32, message: String| {
        book.error(
            Some(tthc_sheet::SHEET),
            Some(super::cells::name(row, NAME_COLUMN)),
            message,
        )
    };
    let mut out: Vec<(TthcRow, u32)> = Vec::new();
    for l in lines {
        let name = fold(&l.line.linh_vuc);
        if let Some((_, first)) = out.iter().find(|(r, _)| fold(&r.linh_vuc) == name) {
            errors.push(err(
                l.row,
                format!(
                    "lĩnh vực \"{}\" ghi hai lần (đã có ở ô {})",
                    l.line.linh_vuc,
                    super::cells::name(*first, NAME_COLUMN)
                ),
            ));
            continue;
        }
        let elsewhere = ctx.own.and_then(|m| {
            m.tthc.iter().flatten().find_map(|(r, at)| {
                let file = &m.files.get(at.file)?.0;
                (fold(&r.linh_vuc) == name && file != unit_file).then_some((r, file))
            })
        });
        match elsewhere {
            Some((r, _)) if crate::forms::tthc::counts(r) == crate::forms::tthc::counts(&l.line) => {}
            Some((_, file)) => errors.push(err(
                l.row,
                format!(
                    "lĩnh vực \"{}\" đã có số liệu ở {}: sửa ở tệp đó, hoặc xóa dòng đó khỏi tệp rồi nhập lại phiếu",
                    l.line.linh_vuc,
                    file.display()
                ),
            )),
            None => out.push((l.line.clone(), l.row)),
        }
    }
    out
}
