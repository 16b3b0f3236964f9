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

/// One problem in a filled progress form (`vanban nhap`): located by file, sheet and cell
/// ("phieu-2025-q1-vptk.xlsx, trang Tiến độ, ô E9"), as a YAML problem is by line:column.
#[derive(Debug, Clone, PartialEq)]
pub struct CellError {
    pub file: PathBuf,
    pub sheet: Option<String>,
    /// "E9".
    pub cell: Option<String>,
    pub message: String,
}

impl fmt::Display for CellError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(s) = &self.sheet {
            write!(f, ", trang {s}")?;
        }
        if let Some(c) = &self.cell {
            write!(f, ", ô {c}")?;
        }
        write!(f, ": {}", self.message)
    }
}

#[derive(Debug, Clone, thiserror::Error)]
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
    /// Filled progress forms with mistakes: every one of every form, all at once.
    #[error("{}", cell_lines(.0).join("\n"))]
    Cells(Vec<CellError>),
    /// The command line asks for something impossible (exit code 2).
    #[error("{0}")]
    Usage(String),
    /// A worker stopped without an answer: a bug, not the user's doing (exit code 1, as any
    /// document that could not be made).
    #[error("lỗi nội bộ khi dựng {0}")]
    Internal(String),
}

impl From<vanban_render::RenderError> for Error {
    fn from(e: vanban_render::RenderError) -> Error {
        if let vanban_render::RenderError::Internal { format } = e {
            return Error::Internal(format.name().to_string());
        }
        Error::Render {
            format: e.format().name(),
            message: e.to_string(),
        }
    }
}

/// Most errors listed at once: past this, "… và N lỗi khác" (fix the first ones, run again).
pub const MAX_LISTED: usize = 20;

fn join(errors: &[DataError]) -> String {
    listed(errors).join("\n")
}

/// A form's problems are listed whole: the clerk fixes them from one list, cell by cell.
fn cell_lines(errors: &[CellError]) -> Vec<String> {
    errors.iter().map(ToString::to_string).collect()
}

/// One line per problem, at most [`MAX_LISTED`] and a line saying how many more.
fn listed<T: ToString>(errors: &[T]) -> Vec<String> {
    let mut lines: Vec<String> = errors
        .iter()
        .take(MAX_LISTED)
        .map(ToString::to_string)
        .collect();
    if errors.len() > MAX_LISTED {
        lines.push(format!(
            "… và {} lỗi khác (sửa các lỗi trên rồi chạy lại để xem tiếp)",
            errors.len() - MAX_LISTED
        ));
    }
    lines
}

/// An I/O error's cause in Vietnamese (never the system's English text).
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "không tìm thấy tệp hoặc thư mục".into(),
        K::PermissionDenied => {
            "không có quyền truy cập (tệp đang mở trong Word, chỉ đọc, hoặc thư mục được bảo vệ?)"
                .into()
        }
        K::AlreadyExists => "đã có một tệp trùng tên".into(),
        K::NotADirectory => "một phần của đường dẫn là tệp, không phải thư mục".into(),
        K::IsADirectory => "đường dẫn là một thư mục, không phải tệp".into(),
        K::DirectoryNotEmpty => "thư mục không trống".into(),
        K::ReadOnlyFilesystem => "ổ đĩa chỉ đọc".into(),
        K::StorageFull | K::QuotaExceeded => "ổ đĩa đã đầy".into(),
        K::FileTooLarge => "tệp quá lớn".into(),
        K::InvalidFilename => "tên tệp không hợp lệ hoặc đường dẫn quá dài".into(),
        K::InvalidData => "dữ liệu không đọc được".into(),
        K::UnexpectedEof => "tệp bị cắt cụt".into(),
        K::Interrupted | K::TimedOut | K::WouldBlock => "thao tác bị gián đoạn, hãy thử lại".into(),
        K::ResourceBusy | K::ExecutableFileBusy => "tệp đang được chương trình khác dùng".into(),
        K::CrossesDevices => "không chuyển được tệp sang ổ đĩa khác".into(),
        K::TooManyLinks => "thư mục có quá nhiều liên kết".into(),
        K::NotSeekable => "không phải tệp thường (thiết bị, đường ống…)".into(),
        K::StaleNetworkFileHandle | K::NetworkDown | K::HostUnreachable => {
            "ổ đĩa mạng không truy cập được".into()
        }
        _ => match e.raw_os_error().and_then(os_reason) {
            Some(r) => r.into(),
            None => match e.raw_os_error() {
                Some(code) => format!("lỗi hệ thống số {code}"),
                None => "lỗi đọc/ghi".into(),
            },
        },
    }
}

/// Causes the standard library gives no stable kind for, by the system's own number
/// (the same on Linux and macOS but for the link loop).
fn os_reason(code: i32) -> Option<&'static str> {
    if !cfg!(unix) {
        return None;
    }
    let link_loop = if cfg!(target_os = "linux") { 40 } else { 62 };
    match code {
        c if c == link_loop => Some(LINK_LOOP),
        5 => Some("lỗi đọc ổ đĩa (ổ hỏng hoặc đã rút ra?)"),
        6 | 19 => Some("thiết bị không còn kết nối"),
        24 => Some("mở quá nhiều tệp cùng lúc"),
        _ => None,
    }
}

/// A symbolic link that leads back to itself, directly or through other links (ELOOP).
pub const LINK_LOOP: &str =
    "vòng liên kết: liên kết tượng trưng trỏ vòng về chính nó, không dẫn tới tệp nào";

/// What is at `path` when opening it failed with `e`: a link whose target is missing is
/// named with that target, since "not found" about a name the clerk can see misleads.
pub fn io_reason_at(path: &std::path::Path, e: &std::io::Error) -> String {
    if e.kind() == std::io::ErrorKind::NotFound {
        if let Ok(target) = std::fs::read_link(path) {
            return format!(
                "liên kết tới `{}` không tồn tại (tệp đích đã bị xóa, đổi tên hoặc chuyển đi?)",
                target.display()
            );
        }
    }
    io_reason(e)
}

impl Error {
    pub fn io(path: impl Into<PathBuf>, e: &std::io::Error) -> Error {
        let path = path.into();
        Error::Io {
            message: io_reason_at(&path, e),
            path,
        }
    }

    /// The lines the user is shown, one per problem; each is printed after "lỗi: ".
    pub fn lines(&self) -> Vec<String> {
        match self {
            Error::Data(errors) => listed(errors),
            Error::Cells(errors) => cell_lines(errors),
            e => vec![e.to_string()],
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The system's causes a clerk meets, each in words: never "lỗi hệ thống số 40".
    #[cfg(target_os = "linux")]
    #[test]
    fn os_errors_are_told_in_vietnamese() {
        let r = |code| io_reason(&std::io::Error::from_raw_os_error(code));
        assert_eq!(r(40), LINK_LOOP);
        assert_eq!(
            r(13),
            "không có quyền truy cập (tệp đang mở trong Word, chỉ đọc, hoặc thư mục được bảo vệ?)"
        );
        assert_eq!(r(20), "một phần của đường dẫn là tệp, không phải thư mục");
        assert_eq!(r(36), "tên tệp không hợp lệ hoặc đường dẫn quá dài");
        assert_eq!(r(5), "lỗi đọc ổ đĩa (ổ hỏng hoặc đã rút ra?)");
        assert_eq!(r(24), "mở quá nhiều tệp cùng lúc");
    }
}
