//! Why a document could not be rendered. `Display` gives the message for the user, in
//! Vietnamese; [`RenderError::format`] says which output it concerns.

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Docx,
    Pdf,
    Xlsx,
}

impl Format {
    /// The format's name as users know it.
    pub fn name(self) -> &'static str {
        match self {
            Format::Docx => "DOCX",
            Format::Pdf => "PDF",
            Format::Xlsx => "XLSX",
        }
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RenderError {
    /// The layout both writers read could not be made: a style, table or chart it cannot
    /// use, or a page with no room for text. `format` is the output it was made for (the
    /// PDF when asked): the PDF's message names the pages, as it always has.
    #[error("{}", layout_message(*.format, .message))]
    Layout { format: Format, message: String },
    /// A writer failed: a font it cannot embed, a chart part it cannot write, …
    #[error("{message}")]
    Write { format: Format, message: String },
    /// A writer's thread stopped without an answer (a bug).
    #[error("lỗi nội bộ khi dựng {format}")]
    Internal { format: Format },
}

fn layout_message(format: Format, message: &str) -> String {
    match format {
        Format::Pdf => format!("không dựng được trang PDF: {message}"),
        Format::Docx | Format::Xlsx => message.to_string(),
    }
}

impl RenderError {
    /// The output the error concerns.
    pub fn format(&self) -> Format {
        match self {
            RenderError::Layout { format, .. }
            | RenderError::Write { format, .. }
            | RenderError::Internal { format } => *format,
        }
    }
}
