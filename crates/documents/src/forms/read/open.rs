//! The filled forms named on the command line: files, or folders of them; each opened with
//! calamine (XLSX as Excel saves it, ODS as LibreOffice does) and its hidden marker read.

use super::cells::{as_text, Grid};
use crate::error::{CellError, Error, Result};
use crate::forms::marker;
use calamine::{open_workbook_auto_from_rs, Reader};
use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::{Path, PathBuf};

/// A form larger than this is no form of ours.
const MAX_BYTES: u64 = 50 * 1024 * 1024;

fn is_form_file(p: &Path) -> bool {
    let name = p
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // Office's lock files (~$phieu.xlsx, .~lock.phieu.ods#) are no forms.
    !name.starts_with('.')
        && !name.starts_with('~')
        && p.extension()
            .is_some_and(|x| x.eq_ignore_ascii_case("xlsx") || x.eq_ignore_ascii_case("ods"))
}

/// The files to read: each file named, and every .xlsx/.ods of each folder named, sorted.
pub fn list(inputs: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(input)
                .map_err(|e| Error::io(input, &e))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && is_form_file(p))
                .collect();
            if found.is_empty() {
                return Err(Error::Usage(format!(
                    "{}: thư mục không có tệp phiếu nào (.xlsx hoặc .ods)",
                    input.display()
                )));
            }
            found.sort();
            out.extend(found);
        } else if is_form_file(input) || !input.exists() {
            out.push(input.clone());
        } else {
            return Err(Error::Usage(format!(
                "{}: cần tệp phiếu .xlsx hoặc .ods (hoặc thư mục chứa các phiếu)",
                input.display()
            )));
        }
    }
    out.dedup();
    Ok(out)
}

/// One filled form: its sheets by name and its marker's pairs.
pub struct Book {
    pub path: PathBuf,
    pub sheets: BTreeMap<String, Grid>,
    pub marker: BTreeMap<String, String>,
}

impl Book {
    pub fn error(&self, sheet: Option<&str>, cell: Option<String>, message: String) -> CellError {
        CellError {
            file: self.path.clone(),
            sheet: sheet.map(str::to_string),
            cell,
            message,
        }
    }
}

/// Reads `path`; an unreadable file is one error about the file, in Vietnamese (calamine's
/// own words are English).
pub fn open(path: &Path) -> std::result::Result<Book, CellError> {
    let whole = |message: String| CellError {
        file: path.to_path_buf(),
        sheet: None,
        cell: None,
        message,
    };
    let bytes = match crate::input::read_capped(path, MAX_BYTES, "tệp phiếu") {
        Ok(b) => b,
        // The file is named once, at the start of the line.
        Err(Error::Io { message, .. }) => return Err(whole(message)),
        Err(e) => return Err(whole(e.lines().join("; "))),
    };
    let mut wb = open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|_| {
        whole("không đọc được bảng tính: cần phiếu .xlsx (Excel) hoặc .ods (LibreOffice) do `vanban phieu` sinh, tệp có thể bị hỏng".into())
    })?;
    let mut sheets = BTreeMap::new();
    for name in wb.sheet_names() {
        if let Ok(range) = wb.worksheet_range(&name) {
            sheets.insert(name, Grid::new(range));
        }
    }
    let mut pairs = BTreeMap::new();
    if let Some(g) = sheets.get(marker::SHEET) {
        for r in 0..g.rows() {
            if let (Some(k), v) = (g.text(r, 0), g.text(r, 1)) {
                pairs.insert(k, v.unwrap_or_default());
            }
        }
    }
    Ok(Book {
        path: path.to_path_buf(),
        sheets,
        marker: pairs,
    })
}

/// What a form's marker must say to be read into this plan's period.
pub struct Expected<'a> {
    pub plan_hash: &'a str,
    pub period_key: &'a str,
    pub units: &'a [String],
}

/// The unit a form is for, after checking its marker against the plan and the period.
pub fn unit_of(book: &Book, want: &Expected) -> std::result::Result<String, CellError> {
    let m = &book.marker;
    let at = |message: String| book.error(None, None, message);
    if m.get(marker::SOFTWARE).map(String::as_str) != Some("vanban") {
        return Err(at(format!(
            "không phải phiếu do `vanban phieu` sinh (thiếu trang ẩn \"{}\"); điền vào phiếu đã gửi, không chép sang tệp khác",
            marker::SHEET
        )));
    }
    let version = m.get(marker::VERSION).cloned().unwrap_or_default();
    if version != marker::FORM_VERSION.to_string() {
        return Err(at(format!(
            "phiếu phiên bản {version}, cần phiên bản {}: sinh lại phiếu bằng `vanban phieu` rồi điền lại",
            marker::FORM_VERSION
        )));
    }
    if m.get(marker::PLAN_HASH).map(String::as_str) != Some(want.plan_hash) {
        return Err(at(format!(
            "phiếu của kế hoạch khác (\"{}\"), không phải của kế hoạch này",
            m.get(marker::PLAN_FOLDER).cloned().unwrap_or_default()
        )));
    }
    let period = m.get(marker::PERIOD).cloned().unwrap_or_default();
    if period != want.period_key {
        return Err(at(format!(
            "phiếu của kỳ {period}, không phải kỳ {} đang nhập",
            want.period_key
        )));
    }
    let unit = m.get(marker::UNIT).cloned().unwrap_or_default();
    if !want.units.contains(&unit) {
        return Err(at(format!(
            "phiếu của đơn vị \"{unit}\", kế hoạch không có đơn vị này (các mã đơn vị: {})",
            want.units.join(", ")
        )));
    }
    Ok(unit)
}

/// The sheet `name` of `book`, or an error saying it is missing.
pub fn sheet<'b>(book: &'b Book, name: &str) -> std::result::Result<&'b Grid, CellError> {
    book.sheets.get(name).ok_or_else(|| {
        book.error(
            None,
            None,
            format!("thiếu trang \"{name}\" (không đổi tên hoặc xóa các trang của phiếu)"),
        )
    })
}

/// The first row (within the first 40) whose cell in column `col` reads `head`.
pub fn find_row(g: &Grid, col: u32, head: &str) -> Option<u32> {
    (0..g.rows().min(40)).find(|&r| as_text(g.get(r, col)).as_deref() == Some(head))
}
