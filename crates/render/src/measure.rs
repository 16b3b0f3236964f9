//! What the one layout pass measures for the DOCX writer. The PDF engine lays the document
//! out once; the DOCX writer reads from that pass where balanced lines break, how wide table
//! columns are, which rows cannot stay whole and how tall charts are, so Word and LibreOffice
//! break lines and pages where the PDF does. The DOCX writer sees only these figures, never
//! the layout engine: it cannot lay anything out a second time.

/// One entry per block of the document, by section then block.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Measures {
    pub sections: Vec<Vec<BlockMeasure>>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum BlockMeasure {
    /// Where the PDF starts the soft-wrapped lines of a balanced paragraph (a heading or a
    /// title), as char indices into its runs' text, a line break run counting one; empty for
    /// any other paragraph.
    Paragraph {
        soft_line_starts: Vec<usize>,
    },
    Table(TableMeasure),
    /// `Some(mm)` for a chart the pagination shrank to the room left at a page's foot,
    /// `None` for one at its natural height.
    Chart {
        height_mm: Option<f32>,
    },
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct TableMeasure {
    /// Column widths, mm ([`crate::ir::Table::column_widths_mm`]).
    pub widths_mm: Vec<f32>,
    /// Per row: taller than a page below the header rows, so it breaks between lines even
    /// when it asks not to (`cant_split`), as in Word. The DOCX leaves `w:cantSplit` off such
    /// a row: LibreOffice clips a row that may not break at the page foot.
    pub too_tall: Vec<bool>,
}

impl Measures {
    /// The measure of block `block` of section `section`.
    pub fn block(&self, section: usize, block: usize) -> Option<&BlockMeasure> {
        self.sections.get(section)?.get(block)
    }

    /// The soft line starts of a paragraph block; none when it has no measure.
    pub fn soft_line_starts(&self, section: usize, block: usize) -> &[usize] {
        match self.block(section, block) {
            Some(BlockMeasure::Paragraph { soft_line_starts }) => soft_line_starts,
            _ => &[],
        }
    }

    /// The measure of a table block.
    pub fn table(&self, section: usize, block: usize) -> Option<&TableMeasure> {
        match self.block(section, block) {
            Some(BlockMeasure::Table(t)) => Some(t),
            _ => None,
        }
    }

    /// The height of a chart block: `None` at its natural height.
    pub fn chart_height_mm(&self, section: usize, block: usize) -> Option<f32> {
        match self.block(section, block) {
            Some(BlockMeasure::Chart { height_mm }) => *height_mm,
            _ => None,
        }
    }
}
