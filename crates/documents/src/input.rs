//! Reading the user's files with a size cap: a path to a device (`/dev/zero`), a FIFO or a
//! huge file is refused quickly instead of being read until memory runs out. The size the
//! file system reports is checked first, and the read itself stops one byte past the cap,
//! since devices report a length of 0.

use crate::error::{DataError, Error, Result};
use std::io::Read;
use std::path::{Path, PathBuf};

/// Largest plan or progress data file (plans are a few hundred KB at most).
pub const MAX_DATA: u64 = 16 * 1024 * 1024;
/// Largest font file (a full CJK font is ≈ 20 MB).
pub const MAX_FONT: u64 = 64 * 1024 * 1024;
/// Largest template file.
pub const MAX_TEMPLATE: u64 = 2 * 1024 * 1024;

fn too_big(path: &Path, what: &str, limit: u64, found: String) -> Error {
    Error::Data(vec![DataError {
        file: path.to_path_buf(),
        location: None,
        path: None,
        expected: format!("{what} nhỏ hơn {} MB", limit / 1024 / 1024),
        found: Some(found),
    }])
}

/// The bytes of `path`, a regular file of at most `limit` bytes; `what` names the kind of
/// file in messages ("tệp dữ liệu", "tệp phông chữ").
pub fn read_capped(path: &Path, limit: u64, what: &str) -> Result<Vec<u8>> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, &e))?;
    if meta.is_dir() {
        return Err(Error::Io {
            path: path.to_path_buf(),
            message: format!("đây là một thư mục, cần một {what}"),
        });
    }
    if !meta.is_file() {
        return Err(Error::Io {
            path: path.to_path_buf(),
            message: format!("không phải tệp thường (thiết bị, đường ống…), cần một {what}"),
        });
    }
    if meta.len() > limit {
        return Err(too_big(path, what, limit, format!("{} byte", meta.len())));
    }
    let f = std::fs::File::open(path).map_err(|e| Error::io(path, &e))?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    f.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, &e))?;
    if bytes.len() as u64 > limit {
        return Err(too_big(path, what, limit, format!("hơn {limit} byte")));
    }
    Ok(bytes)
}

/// Report data and templates are at most this many folders deep; deeper is a symlink loop
/// (which the loader reports), not data.
const MAX_DEPTH: usize = 8;

/// Every file under `dir`, sorted.
fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    walk(dir, out, MAX_DEPTH);
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, depth: usize) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut v: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    v.sort();
    for p in v {
        if p.is_dir() {
            if depth > 0 {
                walk(&p, out, depth - 1);
            }
        } else {
            out.push(p);
        }
    }
}

/// A file not hidden (no leading dot) whose extension is one of `exts`.
fn visible_with(p: &Path, exts: &[&str]) -> bool {
    let hidden = p
        .file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with('.'));
    !hidden
        && p.extension()
            .is_some_and(|x| exts.iter().any(|e| x.eq_ignore_ascii_case(e)))
}

/// Every file under `dir` (sub-folders too), sorted, not hidden, whose extension is one of
/// `exts`: an editor's swap file changes while the clerk types, and is no data.
pub fn files_in(dir: &Path, exts: &[&str]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    files_under(dir, &mut out);
    out.retain(|p| visible_with(p, exts));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn devices_directories_and_big_files_are_refused_quickly() {
        let t = std::time::Instant::now();
        #[cfg(unix)]
        {
            let e = read_capped(Path::new("/dev/zero"), 1024, "tệp phông chữ").unwrap_err();
            assert!(e.to_string().contains("không phải tệp thường"), "{e}");
        }
        let dir = std::env::temp_dir().join(format!("vanban-input-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let e = read_capped(&dir, 1024, "tệp dữ liệu").unwrap_err();
        assert!(e.to_string().contains("thư mục"), "{e}");
        let big = dir.join("big");
        std::fs::write(&big, vec![b'a'; 2048]).unwrap();
        let e = read_capped(&big, 1024, "tệp dữ liệu").unwrap_err();
        assert!(e.to_string().contains("2048 byte"), "{e}");
        assert_eq!(read_capped(&big, 4096, "tệp dữ liệu").unwrap().len(), 2048);
        let _ = std::fs::remove_dir_all(&dir);
        assert!(t.elapsed().as_secs() < 2);
    }
}
