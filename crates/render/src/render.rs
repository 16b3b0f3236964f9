//! The one entry point: a document → its DOCX and/or PDF bytes. The PDF engine lays the
//! document out once; the DOCX writer reads that layout's measures and the PDF writer its
//! pages, so neither writer lays anything out again.

use std::borrow::Borrow;

use crate::error::{Format, RenderError};
use crate::fonts::FontSet;
use crate::ir::Document;
use crate::pdf::FaceCache;
use crate::style::StyleSheet;

/// A document this large (blocks and table rows, [`Document::size`]) has its DOCX and PDF
/// written one after the other, the document let go (when given by value) before printpdf
/// writes the PDF: peak memory is then the larger writer's, not the sum. Thousands of
/// appendix rows reach it; the seed plan (≈ 400) is far below.
pub const LARGE_DOCUMENT: usize = 5_000;

/// Which outputs to make, and whether the PDF may be written on a thread of its own while
/// the DOCX is written (not for a [`LARGE_DOCUMENT`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Formats {
    pub docx: bool,
    pub pdf: bool,
    pub parallel: bool,
}

impl Formats {
    pub const DOCX: Formats = Formats {
        docx: true,
        pdf: false,
        parallel: false,
    };
    pub const PDF: Formats = Formats {
        docx: false,
        pdf: true,
        parallel: false,
    };
    /// Both, side by side.
    pub const BOTH: Formats = Formats {
        docx: true,
        pdf: true,
        parallel: true,
    };

    /// The same outputs, one after the other on the calling thread (a batch already keeps
    /// every core busy).
    pub fn sequential(self) -> Formats {
        Formats {
            parallel: false,
            ..self
        }
    }
}

/// The bytes of each output asked for.
#[derive(Debug, Clone, Default)]
pub struct Outputs {
    pub docx: Option<Vec<u8>>,
    pub pdf: Option<Vec<u8>>,
}

/// Renders `doc` (borrowed, or given by value to be dropped before the PDF is written) in
/// `formats`. printpdf's parsed faces come from (and go back to) `faces`, to be reused by
/// the next document.
pub fn render<D: Borrow<Document>>(
    doc: D,
    style: &StyleSheet,
    fonts: &FontSet,
    formats: Formats,
    faces: &mut FaceCache,
) -> Result<Outputs, RenderError> {
    let layout_format = if formats.pdf {
        Format::Pdf
    } else {
        Format::Docx
    };
    let d = doc.borrow();
    let (measures, pages) =
        crate::pdf::lay_out(d, style, fonts, formats.pdf).map_err(|message| {
            RenderError::Layout {
                format: layout_format,
                message,
            }
        })?;
    let docx = |d: &Document| -> Result<Option<Vec<u8>>, RenderError> {
        if !formats.docx {
            return Ok(None);
        }
        crate::docx::write_docx(d, style, fonts, &measures)
            .map(Some)
            .map_err(|message| RenderError::Write {
                format: Format::Docx,
                message,
            })
    };
    let pdf_error = |message| RenderError::Write {
        format: Format::Pdf,
        message,
    };
    let Some(pages) = pages else {
        return Ok(Outputs {
            docx: docx(d)?,
            pdf: None,
        });
    };
    if formats.docx && formats.parallel && d.size() < LARGE_DOCUMENT {
        let (docx, pdf) = std::thread::scope(|s| {
            let pdf = s.spawn(|| pages.finish(&d.meta, fonts, faces));
            (docx(d), pdf.join())
        });
        let pdf = pdf
            .map_err(|_| RenderError::Internal {
                format: Format::Pdf,
            })?
            .map_err(pdf_error);
        return Ok(Outputs {
            docx: docx?,
            pdf: Some(pdf?),
        });
    }
    let docx = docx(d)?;
    let meta = d.meta.clone();
    drop(doc);
    let pdf = pages.finish(&meta, fonts, faces).map_err(pdf_error)?;
    Ok(Outputs {
        docx,
        pdf: Some(pdf),
    })
}
