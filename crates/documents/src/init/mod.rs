//! `vanban init <THƯ_MỤC>`: a new plan folder from a clean page, every field commented in
//! Vietnamese, with `bao-cao/chung.yaml` and an example period kept apart in `vi-du/`
//! (which no loader reads), so that a fresh plan reports no missing progress. Never
//! overwrites.

use crate::error::{Error, Result};
use crate::kinds::DataFile;
use std::path::{Path, PathBuf};

/// Each file, its text, and the schema (`vanban schema`) its first line points editors to.
const FILES: &[(&str, &str, DataFile)] = &[
    ("plan.yaml", include_str!("plan.yaml"), DataFile::Plan),
    (
        "bao-cao/chung.yaml",
        include_str!("chung.yaml"),
        DataFile::Common,
    ),
    (EXAMPLE_PERIOD, include_str!("ky.yaml"), DataFile::Period),
];

/// The example progress file: outside `bao-cao/`, at the same depth, so that its schema line
/// still holds once copied to `bao-cao/2025-q1.yaml`.
pub const EXAMPLE_PERIOD: &str = "vi-du/2025-q1.yaml";

/// Where the schemas go, beside plan.yaml.
pub const SCHEMA_DIR: &str = "schema";

/// The first line that makes VS Code's YAML extension (and other editors using the YAML
/// language server) complete keys and underline mistakes in the file at `rel` (relative to the
/// plan folder).
pub fn schema_line(rel: &str, which: DataFile) -> String {
    let up = "../".repeat(rel.matches('/').count());
    format!(
        "# yaml-language-server: $schema={up}{SCHEMA_DIR}/{}\n",
        which.file_name()
    )
}

/// Writes the new plan into `dir`; refuses when any of its files is already there.
pub fn init(dir: &Path) -> Result<Vec<PathBuf>> {
    if dir.is_file() {
        return Err(Error::Usage(format!(
            "{}: đây là một tệp; cần tên một thư mục mới, ví dụ `vanban init plans/ke-hoach-2025`",
            dir.display()
        )));
    }
    let schemas: Vec<String> = DataFile::all()
        .iter()
        .map(|w| format!("{SCHEMA_DIR}/{}", w.file_name()))
        .collect();
    let names = FILES
        .iter()
        .map(|(n, _, _)| *n)
        .chain(schemas.iter().map(String::as_str));
    for name in names {
        let p = dir.join(name);
        if p.exists() {
            return Err(Error::Usage(format!(
                "{}: đã có, không ghi đè; chọn một thư mục mới",
                p.display()
            )));
        }
    }
    let mut written = Vec::new();
    for (name, text, which) in FILES {
        let p = dir.join(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, &e))?;
        }
        let text = schema_line(name, *which) + text;
        crate::output::write_atomic(&p, text.as_bytes())?;
        written.push(p);
    }
    written.extend(crate::schema::write_all(&dir.join(SCHEMA_DIR))?);
    Ok(written)
}
