//! Writing outputs without ever leaving half a file or half a set: every file of a build is
//! first written to a temporary file beside its target and flushed; only when all are
//! written are they renamed over their targets. If a rename fails, the files already
//! replaced get their old content back, so a build replaces all of its files or none.

use crate::error::{Error, Result};

/// Which files a build writes (`--format`).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum Format {
    /// Word (.docx)
    Docx,
    /// PDF
    Pdf,
    /// Bảng tính Excel (.xlsx): các bảng số liệu của báo cáo
    Xlsx,
    /// Tất cả: DOCX, PDF, và XLSX với báo cáo
    All,
}
use std::io::Write;
use std::path::{Path, PathBuf};

fn sibling(path: &Path, tag: &str) -> PathBuf {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    dir.join(format!(".{name}.{}.{tag}", std::process::id()))
}

fn write_temp(tmp: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut f = std::fs::File::create(tmp)?;
    f.write_all(bytes)?;
    f.sync_all()
}

pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write_set(&[(path.to_path_buf(), bytes)])
}

/// Why a target cannot take a file, checked before anything is written.
fn unfit(path: &Path) -> Option<String> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => Some("đã có một thư mục trùng tên tệp kết quả".into()),
        Ok(m) if !m.is_file() && !m.file_type().is_symlink() => {
            Some("đã có một thứ không phải tệp thường trùng tên tệp kết quả".into())
        }
        _ => None,
    }
}

fn not_written(path: &Path, why: String, count: usize) -> Error {
    let kept = if count > 1 {
        "; không tệp nào của lần sinh này được ghi, các tệp cũ giữ nguyên"
    } else {
        "; tệp cũ (nếu có) giữ nguyên"
    };
    Error::Io {
        path: path.to_path_buf(),
        message: format!("không ghi được ({why}){kept}"),
    }
}

/// Writes every `(path, bytes)` or none of them.
pub fn write_set(files: &[(PathBuf, &[u8])]) -> Result<()> {
    write_set_with(files, &|from, to| std::fs::rename(from, to))
}

/// [`write_set`] with the rename step given, so tests can make it fail half-way.
fn write_set_with(
    files: &[(PathBuf, &[u8])],
    rename: &dyn Fn(&Path, &Path) -> std::io::Result<()>,
) -> Result<()> {
    let n = files.len();
    for (path, _) in files {
        if let Some(why) = unfit(path) {
            return Err(not_written(path, why, n));
        }
    }
    let mut temps: Vec<PathBuf> = Vec::with_capacity(n);
    let cleanup = |temps: &[PathBuf]| {
        for t in temps {
            let _ = std::fs::remove_file(t);
        }
    };
    for (path, bytes) in files {
        let tmp = sibling(path, "tmp");
        if let Err(e) = write_temp(&tmp, bytes) {
            let _ = std::fs::remove_file(&tmp);
            cleanup(&temps);
            return Err(not_written(path, crate::error::io_reason(&e), n));
        }
        temps.push(tmp);
    }
    // Old files are moved aside (not deleted) until every new one is in place.
    let mut done: Vec<(usize, Option<PathBuf>)> = Vec::with_capacity(n);
    let mut failure = None;
    for (i, (path, _)) in files.iter().enumerate() {
        let backup = if path.exists() {
            let b = sibling(path, "bak");
            if let Err(e) = rename(path, &b) {
                failure = Some((i, e));
                break;
            }
            Some(b)
        } else {
            None
        };
        if let Err(e) = rename(&temps[i], path) {
            if let Some(b) = &backup {
                let _ = rename(b, path);
            }
            failure = Some((i, e));
            break;
        }
        done.push((i, backup));
    }
    match failure {
        None => {
            for (_, b) in done.into_iter() {
                if let Some(b) = b {
                    let _ = std::fs::remove_file(b);
                }
            }
            Ok(())
        }
        Some((i, e)) => {
            for (j, b) in done.into_iter().rev() {
                match b {
                    Some(b) => {
                        let _ = rename(&b, &files[j].0);
                    }
                    None => {
                        let _ = std::fs::remove_file(&files[j].0);
                    }
                }
            }
            cleanup(&temps);
            Err(not_written(&files[i].0, crate::error::io_reason(&e), n))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_set_is_written_whole_or_not_at_all() {
        let dir = std::env::temp_dir().join(format!("vanban-output-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let (a, b) = (dir.join("a.docx"), dir.join("a.pdf"));
        write_set(&[(a.clone(), b"old a"), (b.clone(), b"old b")]).unwrap();
        // b is now a directory: nothing may change, and the message says so.
        std::fs::remove_file(&b).unwrap();
        std::fs::create_dir(&b).unwrap();
        let e = write_set(&[(a.clone(), b"new a"), (b.clone(), b"new b")]).unwrap_err();
        let s = e.to_string();
        assert!(s.contains("không tệp nào") && s.contains("a.pdf"), "{s}");
        assert_eq!(std::fs::read(&a).unwrap(), b"old a");
        // A rename failing half-way (the second target in a missing folder) rolls back.
        let c = dir.join("missing").join("c.pdf");
        let e = write_set(&[(a.clone(), b"new a"), (c, b"c")]);
        assert!(e.is_err());
        assert_eq!(std::fs::read(&a).unwrap(), b"old a");
        let left: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with('.'))
            .collect();
        assert!(left.is_empty(), "temporary files left: {left:?}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// A rename that fails after others succeeded (a file locked by Word on Windows, a full
    /// disk) puts every file already replaced back, whichever step fails.
    #[test]
    fn a_rename_failing_half_way_rolls_back_what_was_replaced() {
        use std::cell::Cell;
        // Renames per file: old → backup, temporary → target; a third file is new.
        for fail_at in 1..=5 {
            let dir = std::env::temp_dir()
                .join(format!("vanban-rollback-{}-{fail_at}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).unwrap();
            let (a, b, c) = (dir.join("a.docx"), dir.join("a.pdf"), dir.join("b.pdf"));
            write_set(&[(a.clone(), b"old a"), (b.clone(), b"old b")]).unwrap();
            let calls = Cell::new(0);
            let flaky = |from: &Path, to: &Path| {
                calls.set(calls.get() + 1);
                if calls.get() == fail_at {
                    return Err(std::io::Error::other("locked"));
                }
                std::fs::rename(from, to)
            };
            let e = write_set_with(
                &[
                    (a.clone(), b"new a"),
                    (b.clone(), b"new b"),
                    (c.clone(), b"new c"),
                ],
                &flaky,
            )
            .unwrap_err();
            assert!(e.to_string().contains("không tệp nào"), "{e}");
            assert_eq!(std::fs::read(&a).unwrap(), b"old a", "fail at {fail_at}");
            assert_eq!(std::fs::read(&b).unwrap(), b"old b", "fail at {fail_at}");
            assert!(!c.exists(), "fail at {fail_at}");
            let mut names: Vec<String> = std::fs::read_dir(&dir)
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            names.sort();
            assert_eq!(names, ["a.docx", "a.pdf"], "fail at {fail_at}");
            let _ = std::fs::remove_dir_all(&dir);
        }
    }
}
