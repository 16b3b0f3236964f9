//! The one write path: a document kind of one plan → its output files, written as a set
//! (all or none), skipped when nothing it is made from changed. The command line (one plan
//! or a batch), watch mode, the benchmarks and the tests all come through here.

use crate::error::{Error, Result};
use crate::fonts::FontSet;
use crate::kinds::Kind;
use crate::model::CheckedPlan;
use crate::output::Format;
use crate::pdf::FaceCache;
use crate::pipeline::{self, Built};
use crate::template::Templates;
use std::path::{Path, PathBuf};

/// What a build is asked to do, as the command line's options say it.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The folder to write into (`-o`); by default `output/<plan folder>/`.
    pub out: Option<PathBuf>,
    pub format: Format,
    /// A folder of edited templates replacing the built-in ones (`--templates`).
    pub templates: Option<PathBuf>,
    /// Build even when nothing changed since the outputs were written (`--lam-lai`).
    pub rebuild: bool,
}

impl Default for BuildOptions {
    fn default() -> BuildOptions {
        BuildOptions {
            out: None,
            format: Format::All,
            templates: None,
            rebuild: false,
        }
    }
}

impl BuildOptions {
    /// Where the outputs of the plan `input` go when `plans` plans are built together: `-o`
    /// itself for one plan, a folder per plan (named after the plan's folder) under it for
    /// several.
    pub fn out_dir(&self, input: &Path, plans: usize) -> PathBuf {
        let name = folder_name(input);
        match (&self.out, plans) {
            (Some(o), 1) => o.clone(),
            (Some(o), _) => o.join(name),
            (None, _) => Path::new("output").join(name),
        }
    }
}

/// The folder name a plan's outputs go under: the plan's folder.
pub fn folder_name(input: &Path) -> String {
    let base = if input.is_dir() {
        input.to_path_buf()
    } else {
        input.parent().map(Path::to_path_buf).unwrap_or_default()
    };
    base.canonicalize()
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "ke-hoach".to_string())
}

/// What became of one document.
#[derive(Debug)]
pub enum Outcome {
    /// Written: each file with its size in bytes, DOCX, PDF, then XLSX.
    Written(Vec<(PathBuf, usize)>),
    /// Nothing it is made from changed: these files were kept as they are.
    Unchanged(Vec<PathBuf>),
}

/// One document made of a plan, with the warnings a reviewer should see.
#[derive(Debug)]
pub struct Made {
    pub outcome: Outcome,
    pub warnings: Vec<String>,
}

/// The shared parts of a run: templates, fonts and printpdf's parsed faces, reused from one
/// document to the next.
pub struct Workshop<'a> {
    pub templates: &'a Templates,
    pub bundled: &'a FontSet,
    pub faces: &'a mut FaceCache,
    /// Whether the PDF may be written on a thread of its own beside the DOCX (one plan);
    /// a batch already keeps every core busy with a plan each.
    pub parallel: bool,
}

/// Makes `kind` of the plan `checked` (read from `plan_file`) into `dir`, unless its outputs
/// there were made from the same inputs and `options.rebuild` is off.
pub fn make(
    kind: &dyn Kind,
    plan_file: &Path,
    checked: &CheckedPlan,
    dir: &Path,
    options: &BuildOptions,
    shop: &mut Workshop,
) -> Result<Made> {
    let fingerprint = crate::fingerprint::of(kind, plan_file, shop.templates, options.format);
    if let (Some(f), false) = (&fingerprint, options.rebuild) {
        if let Some(same) = crate::fingerprint::unchanged(dir, kind, f) {
            return Ok(Made {
                outcome: Outcome::Unchanged(same),
                warnings: Vec::new(),
            });
        }
    }
    let built = pipeline::build_loaded(kind, plan_file, checked, shop.templates)?;
    let mut built = built;
    let warnings = std::mem::take(&mut built.warnings);
    let files = outputs(built, options.format, shop)?;
    let written = write(dir, &files)?;
    if let Some(f) = fingerprint {
        let files: Vec<(PathBuf, &[u8])> = files
            .iter()
            .map(|(name, bytes)| (dir.join(name), bytes.as_slice()))
            .collect();
        crate::fingerprint::record(dir, kind, &f, &files);
    }
    Ok(Made {
        outcome: Outcome::Written(written),
        warnings,
    })
}

/// Writes the named files into `dir` as a set; returns (path, size) of each.
fn write(dir: &Path, files: &[(String, Vec<u8>)]) -> Result<Vec<(PathBuf, usize)>> {
    make_out_dir(dir)?;
    let set: Vec<(PathBuf, &[u8])> = files
        .iter()
        .map(|(name, bytes)| (dir.join(name), bytes.as_slice()))
        .collect();
    crate::output::write_set(&set)?;
    Ok(set.iter().map(|(p, b)| (p.clone(), b.len())).collect())
}

/// Creates the output folder, with a plain message when the path (or a part of it) is a file.
fn make_out_dir(dir: &Path) -> Result<()> {
    out_dir_usable(dir)?;
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, &e))
}

/// A usage error when `dir` or one of its parents is a file.
pub fn out_dir_usable(dir: &Path) -> Result<()> {
    let mut p = Some(dir);
    while let Some(x) = p {
        if x.is_file() {
            return Err(Error::Usage(format!(
                "{}: đây là một tệp, không phải thư mục; `-o` cần một thư mục (chưa có thì công cụ tạo mới), ví dụ `-o ket-qua`",
                x.display()
            )));
        }
        p = x.parent();
    }
    Ok(())
}

/// The output files of a built document, in memory: (file name, bytes), DOCX, PDF, then
/// the XLSX of a kind that has tables. The document is taken so that a large one is let go
/// before printpdf converts its pages.
pub fn outputs(b: Built, format: Format, shop: &mut Workshop) -> Result<Vec<(String, Vec<u8>)>> {
    let Built {
        document,
        style,
        stem,
        fonts,
        sheets,
        ..
    } = b;
    let formats = match format {
        Format::Docx => Some(vanban_render::Formats::DOCX),
        Format::Pdf => Some(vanban_render::Formats::PDF),
        Format::Xlsx => None,
        Format::All if shop.parallel => Some(vanban_render::Formats::BOTH),
        Format::All => Some(vanban_render::Formats::BOTH.sequential()),
    };
    let xlsx = match (format, &sheets) {
        (Format::Xlsx | Format::All, Some(book)) => Some(vanban_render::xlsx::write(book)?),
        (Format::Xlsx, None) => return Err(Error::Usage(NO_SHEETS.to_string())),
        _ => None,
    };
    let mut files = Vec::new();
    if let Some(formats) = formats {
        let fonts = fonts.as_ref().unwrap_or(shop.bundled);
        let out = vanban_render::render(document, &style, fonts, formats, shop.faces)?;
        files.extend(out.docx.map(|d| (format!("{stem}.docx"), d)));
        files.extend(out.pdf.map(|p| (format!("{stem}.pdf"), p)));
    }
    files.extend(xlsx.map(|x| (format!("{stem}.xlsx"), x)));
    Ok(files)
}

/// Why `--format xlsx` is refused for a document without tables.
pub const NO_SHEETS: &str = "`--format xlsx` chỉ dùng cho báo cáo (`vanban report`): kế hoạch, phụ lục và công văn đôn đốc không có bảng tính; dùng `--format docx`, `pdf` hoặc `all`";
