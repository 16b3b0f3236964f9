//! Errors, each with a Vietnamese message naming the file, line:column where known, the field
//! path, what was expected and what was found.

use crate::model::locate::Location;
use std::fmt;
use std::path::PathBuf;

/// One problem in a user's data file.
#[derive(Debug, Clone, PartialEq)]
pub struct DataError {
    pub file: PathBuf,
    pub location: Option<Location>,
    /// Field path in serde notation, e.g. `noi_dung[1].muc[0].nhiem_vu[2].chu_tri`.
    pub path: Option<String>,
    /// What the field should hold.
    pub expected: String,
    /// What it holds.
    pub found: Option<String>,
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(l) = self.location {
            write!(f, ":{}:{}", l.line, l.column)?;
        }
        write!(f, ": ")?;
        if let Some(p) = &self.path {
            if !p.is_empty() {
                write!(f, "trường `{p}`: ")?;
            }
        }
        write!(f, "cần {}", self.expected)?;
        if let Some(found) = &self.found {
            write!(f, "; gặp {found}")?;
        }
        Ok(())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The user's data is wrong: one or more problems, all reported at once.
    #[error("{}", join(.0))]
    Data(Vec<DataError>),
    /// A template is wrong (a built-in one only after a bug; usually an edited copy).
    #[error("mẫu {name}: {message}")]
    Template { name: String, message: String },
    /// A writer could not lay out or write the document.
    #[error("{format}: {message}")]
    Render {
        format: &'static str,
        message: String,
    },
    #[error("{path}: {message}")]
    Io { path: PathBuf, message: String },
    /// The command line asks for something impossible (exit code 2).
    #[error("{0}")]
    Usage(String),
}

fn join(errors: &[DataError]) -> String {
    errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

impl Error {
    pub fn io(path: impl Into<PathBuf>, e: &std::io::Error) -> Error {
        let message = match e.kind() {
            std::io::ErrorKind::NotFound => "không tìm thấy tệp hoặc thư mục".to_string(),
            std::io::ErrorKind::PermissionDenied => "không có quyền truy cập".to_string(),
            _ => format!("lỗi đọc/ghi: {e}"),
        };
        Error::Io {
            path: path.into(),
            message,
        }
    }

    /// Process exit code: 1 for data, template and file errors, 2 for usage errors.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Usage(_) => 2,
            _ => 1,
        }
    }
}

pub type Result<T> = std::result::Result<T, Error>;
