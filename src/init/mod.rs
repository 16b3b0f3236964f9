//! `vanban init <THƯ_MỤC>`: a new plan folder from a clean page, every field commented in
//! Vietnamese, with a `bao-cao/` example of one period. Never overwrites.

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

const FILES: &[(&str, &str)] = &[
    ("plan.yaml", include_str!("plan.yaml")),
    ("bao-cao/chung.yaml", include_str!("chung.yaml")),
    ("bao-cao/2025-q1.yaml", include_str!("ky.yaml")),
];

/// Writes the new plan into `dir`; refuses when any of its files is already there.
pub fn init(dir: &Path) -> Result<Vec<PathBuf>> {
    if dir.is_file() {
        return Err(Error::Usage(format!(
            "{}: đây là một tệp; cần tên một thư mục mới, ví dụ `vanban init plans/ke-hoach-2025`",
            dir.display()
        )));
    }
    for (name, _) in FILES {
        let p = dir.join(name);
        if p.exists() {
            return Err(Error::Usage(format!(
                "{}: đã có, không ghi đè; chọn một thư mục mới",
                p.display()
            )));
        }
    }
    let mut written = Vec::new();
    for (name, text) in FILES {
        let p = dir.join(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, &e))?;
        }
        crate::output::write_atomic(&p, text.as_bytes())?;
        written.push(p);
    }
    Ok(written)
}
