//! The cell formats and page setup every sheet of a form shares. Under sheet protection a
//! cell is locked unless its format unlocks it: the input cells are the only unlocked ones.
//! They stay white while the locked table cells are shaded, so the person filling sees where
//! to type.

use rust_xlsxwriter::{
    Color, Format, FormatAlign, FormatBorder, ProtectionOptions, Worksheet, XlsxError,
};

/// A4 in the spreadsheet page-size numbering.
const A4: u8 = 9;
const DAY: &str = "dd/mm/yyyy";
const LOCKED_FILL: u32 = 0xF2F2F2;
const HEAD_FILL: u32 = 0xD9E1F2;

pub struct Styles {
    pub title: Format,
    pub line: Format,
    pub head: Format,
    /// Locked table cells: ids, task text, deadlines.
    pub fixed: Format,
    pub fixed_center: Format,
    /// Unlocked input cells.
    pub input: Format,
    pub input_center: Format,
    pub input_day: Format,
    pub input_number: Format,
    /// Locked numbers computed by formulas.
    pub total: Format,
    pub total_label: Format,
    pub guide: Format,
    pub guide_title: Format,
}

/// The formats of one workbook.
pub fn styles() -> Styles {
    let cell = Format::new()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Top)
        .set_text_wrap();
    let fixed = cell.clone().set_background_color(Color::RGB(LOCKED_FILL));
    let input = cell.clone().set_unlocked();
    Styles {
        title: Format::new().set_bold().set_font_size(13),
        line: Format::new(),
        head: Format::new()
            .set_bold()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter)
            .set_text_wrap()
            .set_background_color(Color::RGB(HEAD_FILL)),
        fixed_center: fixed.clone().set_align(FormatAlign::Center),
        fixed,
        input_center: input.clone().set_align(FormatAlign::Center),
        input_day: input
            .clone()
            .set_num_format(DAY)
            .set_align(FormatAlign::Center),
        // General number format: a share of 62.5 % stays 62.5.
        input_number: input.clone().set_align(FormatAlign::Right),
        input,
        total: cell
            .clone()
            .set_bold()
            .set_num_format("#,##0")
            .set_background_color(Color::RGB(LOCKED_FILL)),
        total_label: cell
            .set_bold()
            .set_background_color(Color::RGB(LOCKED_FILL)),
        guide: Format::new().set_text_wrap().set_align(FormatAlign::Top),
        guide_title: Format::new().set_bold().set_font_size(13),
    }
}

/// A4 landscape, one page wide, the table's header rows printed on every page, and the
/// sheet protected without a password: only unlocked cells take input; columns and rows
/// may still be resized.
pub fn print_and_protect(
    ws: &mut Worksheet,
    head_rows: Option<(u32, u32)>,
) -> Result<(), XlsxError> {
    ws.set_paper_size(A4);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    if let Some((first, last)) = head_rows {
        ws.set_repeat_rows(first, last)?;
        ws.set_freeze_panes(last + 1, 0)?;
    }
    // Pages after the first lack the header block: the file and sheet say whose they are.
    ws.set_footer("&L&F — &A&RTrang &P/&N");
    ws.protect_with_options(&ProtectionOptions {
        format_columns: true,
        format_rows: true,
        ..ProtectionOptions::default()
    });
    Ok(())
}

/// Points per line of the default font (Calibri 11).
const LINE_HEIGHT: f64 = 15.0;

/// Characters of the default font a unit of column width holds, plain and bold: bold is
/// wider, and LibreOffice wrapped "Ngày hoàn thành" (15 characters) in a column 14 wide onto
/// a second line that a one-line header row cut off.
const CHARS_PER_UNIT: f64 = 1.15;
const BOLD_CHARS_PER_UNIT: f64 = 1.0;

/// Lines `text` takes in a wrapped column `width` characters wide: each of its own lines
/// broken at about the column's width. A guess, but writers store no row heights and some
/// readers (LibreOffice) keep the default height, cutting wrapped text off.
fn lines_in(text: &str, width: f64, per_unit: f64) -> usize {
    let per_line = (width * per_unit).max(1.0);
    text.split('\n')
        .map(|l| ((l.chars().count() as f64) / per_line).ceil().max(1.0) as usize)
        .sum()
}

/// The height of a row whose wrapped cells hold `cells` (text, column width).
pub fn row_height<'t>(cells: impl IntoIterator<Item = (&'t str, f64)>) -> f64 {
    height(cells, CHARS_PER_UNIT)
}

/// [`row_height`] for a row of bold header cells.
pub fn head_height<'t>(cells: impl IntoIterator<Item = (&'t str, f64)>) -> f64 {
    height(cells, BOLD_CHARS_PER_UNIT)
}

fn height<'t>(cells: impl IntoIterator<Item = (&'t str, f64)>, per_unit: f64) -> f64 {
    let lines = cells
        .into_iter()
        .map(|(t, w)| lines_in(t, w, per_unit))
        .max()
        .unwrap_or(1)
        .clamp(1, 27);
    lines as f64 * LINE_HEIGHT
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_grow_with_wrapped_text_and_line_breaks() {
        assert_eq!(row_height([("", 10.0)]), LINE_HEIGHT);
        assert_eq!(row_height([("ngắn", 10.0)]), LINE_HEIGHT);
        let long = "x".repeat(60);
        assert_eq!(row_height([(long.as_str(), 10.0)]), 6.0 * LINE_HEIGHT);
        assert_eq!(
            row_height([("a\nb\nc", 30.0), ("d", 5.0)]),
            3.0 * LINE_HEIGHT
        );
    }

    #[test]
    fn bold_headers_wrap_sooner() {
        assert_eq!(row_height([("Ngày hoàn thành", 14.0)]), LINE_HEIGHT);
        assert_eq!(head_height([("Ngày hoàn thành", 14.0)]), 2.0 * LINE_HEIGHT);
        assert_eq!(head_height([("Tỷ lệ (%)", 9.0)]), LINE_HEIGHT);
    }
}
