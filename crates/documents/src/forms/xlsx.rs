//! One unit's form as XLSX bytes: "Tiến độ", "TTHC" when the unit reports it, "Hướng dẫn"
//! and the hidden marker. The creation date is fixed (the cut-off), so the same plan and
//! data give the same bytes.

use super::form::{Heading, UnitForm};
use super::styles::styles;
use super::{guide, marker, progress_sheet, tthc_sheet};
use crate::error::{Error, Result};
use rust_xlsxwriter::{DocProperties, Workbook, XlsxError};

fn render_error(e: XlsxError) -> Error {
    Error::Render {
        format: "xlsx",
        message: e.to_string(),
    }
}

pub fn workbook(form: &UnitForm, h: &Heading) -> Result<Vec<u8>> {
    build(form, h).map_err(render_error)
}

fn build(form: &UnitForm, h: &Heading) -> std::result::Result<Vec<u8>, XlsxError> {
    let st = styles();
    let mut wb = Workbook::new();
    let created = progress_sheet::excel_day(h.cut_off)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(format!(
                "Phiếu báo cáo tiến độ {} — {}",
                h.wording, form.name
            ))
            .set_author("vanban")
            .set_creation_datetime(&created),
    );
    wb.push_worksheet(progress_sheet::sheet(form, h, &st)?);
    if let Some(lines) = &form.tthc {
        wb.push_worksheet(tthc_sheet::sheet(form, lines, h, &st)?);
    }
    wb.push_worksheet(guide::sheet(form, h, &st)?);
    wb.push_worksheet(marker::sheet(form, h)?);
    wb.save_to_buffer()
}
