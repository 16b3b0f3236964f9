//! Skipping outputs whose inputs did not change: a SHA-256 of everything a document is made
//! from (the plan file, its report data, the fonts it names, the templates, the tool itself,
//! the kind and the format), kept beside the outputs with the hashes of the files written.
//! A build whose fingerprint matches, and whose outputs are still those files, is skipped.

use crate::kinds::Kind;
use crate::output::Format;
use crate::template::Templates;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The font files the plan names in `trinh_bay.phong_chu`, read from the YAML as it is (a
/// plan that does not parse is never skipped: the build reports it).
fn font_files(plan_text: &str, base: &Path) -> Option<Vec<PathBuf>> {
    let v: serde_yaml::Value = serde_yaml::from_str(plan_text).ok()?;
    let mut out = Vec::new();
    if let Some(map) = v
        .get("trinh_bay")
        .and_then(|t| t.get("phong_chu"))
        .and_then(|p| p.as_mapping())
    {
        for (_, f) in map {
            if let Some(s) = f.as_str() {
                out.push(base.join(s));
            }
        }
    }
    Some(out)
}

/// The font files named by the plan whose bytes are `plan` (`None` when it does not parse).
fn fonts_of(plan_file: &Path, plan: &[u8]) -> Option<Vec<PathBuf>> {
    let base = plan_file.parent().unwrap_or(Path::new("."));
    font_files(&String::from_utf8_lossy(plan), base)
}

/// The files a document is made from, besides the templates: the plan, the fonts it names
/// (when it parses), and the kind's own data. Watch mode hashes these.
pub fn input_files(plan_file: &Path, kind: &dyn Kind) -> Vec<PathBuf> {
    let mut files = vec![plan_file.to_path_buf()];
    if let Ok(plan) = crate::input::read_capped(plan_file, crate::input::MAX_DATA, "kế hoạch") {
        files.extend(fonts_of(plan_file, &plan).unwrap_or_default());
    }
    files.extend(kind.inputs(plan_file));
    files
}

/// Every template (`.xml`, not hidden) under `dir`, sorted.
pub fn templates_in(dir: &Path) -> Vec<PathBuf> {
    crate::input::files_in(dir, &["xml"])
}

/// The fingerprint of one document, or `None` when an input cannot be read (then it is
/// built, and the build says what is wrong).
pub fn of(
    kind: &dyn Kind,
    plan_file: &Path,
    templates: &Templates,
    format: Format,
) -> Option<String> {
    let mut h = Sha256::new();
    let mut feed = |label: &str, bytes: &[u8]| {
        h.update((label.len() as u64).to_le_bytes());
        h.update(label.as_bytes());
        h.update((bytes.len() as u64).to_le_bytes());
        h.update(bytes);
    };
    feed("phiên bản", env!("CARGO_PKG_VERSION").as_bytes());
    // A rebuilt binary of the same version (a developer's) counts as another tool.
    if let Some(meta) = std::env::current_exe()
        .ok()
        .and_then(|e| std::fs::metadata(e).ok())
    {
        let stamp = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        feed("chương trình", format!("{} {stamp}", meta.len()).as_bytes());
    }
    feed("loại", format!("{kind:?} {format:?}").as_bytes());
    use crate::input::{read_capped, MAX_DATA, MAX_FONT};
    let plan = read_capped(plan_file, MAX_DATA, "kế hoạch").ok()?;
    feed("plan", &plan);
    for f in fonts_of(plan_file, &plan)? {
        feed(
            &f.to_string_lossy(),
            &read_capped(&f, MAX_FONT, "phông chữ").ok()?,
        );
    }
    for f in kind.inputs(plan_file) {
        feed(
            &f.to_string_lossy(),
            &read_capped(&f, MAX_DATA, "dữ liệu").ok()?,
        );
    }
    for (name, text) in templates.texts() {
        feed(name, text.as_bytes());
    }
    Some(hex(&h.finalize()))
}

/// Where the fingerprint of a kind's outputs is kept in `dir`.
fn record_path(dir: &Path, kind: &dyn Kind) -> PathBuf {
    dir.join(format!(".{}.vanban", kind.key()))
}

/// The outputs recorded for `fingerprint`, when they are all still there as written.
pub fn unchanged(dir: &Path, kind: &dyn Kind, fingerprint: &str) -> Option<Vec<PathBuf>> {
    let record = std::fs::read_to_string(record_path(dir, kind)).ok()?;
    let mut lines = record.lines();
    if lines.next()? != fingerprint {
        return None;
    }
    let mut files = Vec::new();
    for line in lines {
        let (hash, name) = line.split_once(' ')?;
        let path = dir.join(name);
        let bytes = crate::input::read_capped(&path, 1 << 30, "kết quả").ok()?;
        if hex(&Sha256::digest(&bytes)) != hash {
            return None;
        }
        files.push(path);
    }
    (!files.is_empty()).then_some(files)
}

/// Records what a build wrote. A record that cannot be written only costs a rebuild next
/// time, so its error is ignored.
pub fn record(dir: &Path, kind: &dyn Kind, fingerprint: &str, files: &[(PathBuf, &[u8])]) {
    let mut text = format!("{fingerprint}\n");
    for (path, bytes) in files {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        text.push_str(&format!("{} {name}\n", hex(&Sha256::digest(bytes))));
    }
    let _ = crate::output::write_atomic(&record_path(dir, kind), text.as_bytes());
}
