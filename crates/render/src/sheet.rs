//! A neutral model of a workbook of tables, for the spreadsheet writer (`xlsx.rs`): sheets of
//! header rows and body rows, cells that keep numbers as numbers, merged ranges, column
//! widths. It knows no plan and no report; a kind fills it in.

/// A calendar day, for date cells and the workbook's creation date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Day {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

/// One cell's value.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    /// A count or an amount, shown with thousands separators when whole.
    Number(f64),
    /// A share as a fraction (0.63), shown as a percentage with one decimal.
    Percent(f64),
    /// A change in percentage points, shown with its sign and one decimal.
    Points(f64),
    Date(Day),
    /// A formula (`=SUM(C5:C9)`) with its result stored, so a reader that does not
    /// recalculate still sees the value.
    Formula {
        text: String,
        result: f64,
    },
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }
}

/// How a body row is set: a plain row, or a total row (bold).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RowKind {
    #[default]
    Body,
    Total,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub kind: RowKind,
    pub cells: Vec<Cell>,
}

impl Row {
    pub fn body(cells: Vec<Cell>) -> Row {
        Row {
            kind: RowKind::Body,
            cells,
        }
    }
    pub fn total(cells: Vec<Cell>) -> Row {
        Row {
            kind: RowKind::Total,
            cells,
        }
    }
}

/// A merged range, first and last row and column inclusive, counted from the sheet's first
/// row (the first header row is 0) and first column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Merge {
    pub rows: (u32, u32),
    pub cols: (u16, u16),
}

/// One sheet: its header rows (repeated on every printed page) then its body rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// The tab's name: at most 31 characters, none of `[]:*?/\`.
    pub name: String,
    /// Printed at the top of every page.
    pub title: String,
    /// Column widths, in characters of the default font.
    pub widths: Vec<f64>,
    /// Header rows, as text; a cell covered by a merge (not its first) is left empty.
    pub header: Vec<Vec<String>>,
    pub rows: Vec<Row>,
    /// Merged ranges of the header and the body.
    pub merges: Vec<Merge>,
}

/// A workbook: its sheets in order, and the document properties written into it.
#[derive(Debug, Clone, PartialEq)]
pub struct Workbook {
    pub sheets: Vec<Sheet>,
    pub title: String,
    pub author: String,
    /// The creation date recorded in the file: a day of the document's own (not the clock),
    /// so the same input gives the same bytes.
    pub created: Day,
}
