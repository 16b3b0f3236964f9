//! Running the pipeline for the commands: one or more plans, one or more document kinds
//! each, outputs written atomically; one plan's failure does not stop the others.

use crate::cli::{Format, OutputArgs};
use crate::error::{Error, Result};
use crate::fonts::FontSet;
use crate::pipeline::{self, Built, Kind};
use crate::report::period::Period;
use crate::template::Templates;
use std::path::{Path, PathBuf};

/// The folder name a plan's outputs go under: the plan's folder.
fn folder_name(input: &Path) -> String {
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

fn print_warnings(warnings: &[String]) {
    for w in warnings {
        eprintln!("cảnh báo: {w}");
    }
}

/// The report kinds `--ky` asks for: one period, or `tat-ca` for every period with data in
/// any of `plans`.
pub fn report_kinds(plans: &[PathBuf], ky: &str) -> Result<Vec<Kind>> {
    if crate::report::data::fold(ky) == "tat ca" {
        let mut periods: Vec<Period> = Vec::new();
        for input in plans {
            let data = crate::report::open(&pipeline::plan_file(input))?;
            for s in data.sources {
                if !periods.contains(&s.period) {
                    periods.push(s.period);
                }
            }
        }
        periods.sort_by_key(Period::sort_key);
        if periods.is_empty() {
            return Err(Error::Usage(
                "chưa có dữ liệu báo cáo nào trong thư mục bao-cao/ của kế hoạch".into(),
            ));
        }
        return Ok(periods.into_iter().map(Kind::Report).collect());
    }
    match Period::parse(ky) {
        Some(p) => Ok(vec![Kind::Report(p)]),
        None => Err(Error::Usage(format!(
            "kỳ báo cáo \"{ky}\" không hợp lệ; dùng 2024-Q1, 2024-Q2, 2024-Q3, 2024-Q4, 2024-6T, 2024-9T, 2024 hoặc tat-ca"
        ))),
    }
}

pub fn check(plans: &[PathBuf], templates: Option<&Path>) -> Result<i32> {
    let tpl = Templates::load(templates)?;
    print_warnings(&tpl.warnings);
    let mut failed = 0;
    for input in plans {
        let file = pipeline::plan_file(input);
        let result = pipeline::build_document(&file, &tpl).and_then(|b| {
            print_warnings(&b.warnings);
            let (warnings, periods) = crate::report::check_all(&file, &b.plan)?;
            print_warnings(&warnings);
            Ok((b, periods))
        });
        match result {
            Ok((b, periods)) => {
                let s = crate::summary::Summary::of(&b.plan);
                println!("{}: hợp lệ — {s}", file.display());
                if !periods.is_empty() {
                    let keys: Vec<String> = periods.iter().map(Period::key).collect();
                    println!(
                        "{}: dữ liệu báo cáo hợp lệ — các kỳ {}",
                        crate::report::load::report_dir(&file).display(),
                        keys.join(", ")
                    );
                }
            }
            Err(e) => {
                eprintln!("lỗi: {e}");
                failed += 1;
            }
        }
    }
    Ok(if failed > 0 { 1 } else { 0 })
}

/// Builds `kinds` of every plan in `plans`.
pub fn build(plans: &[PathBuf], kinds: &[Kind], output: &OutputArgs) -> Result<i32> {
    let (out, format) = (output.out.as_deref(), output.format);
    if plans.len() > 1 {
        // Each plan writes into a folder named after its own; two plans of the same folder
        // name would overwrite each other's files.
        let names: std::collections::BTreeSet<String> =
            plans.iter().map(|p| folder_name(p)).collect();
        if names.len() < plans.len() {
            return Err(Error::Usage(
                "các kế hoạch trùng tên thư mục; hãy chạy riêng từng kế hoạch".into(),
            ));
        }
    }
    if let Some(o) = out {
        out_dir_usable(o)?;
    }
    let tpl = Templates::load(output.templates.as_deref())?;
    print_warnings(&tpl.warnings);
    let fonts = FontSet::bundled();
    let mut failed = 0;
    for input in plans {
        let file = pipeline::plan_file(input);
        let name = folder_name(input);
        let dir = match (out, plans.len()) {
            (Some(o), 1) => o.to_path_buf(),
            (Some(o), _) => o.join(&name),
            (None, _) => Path::new("output").join(&name),
        };
        for kind in kinds {
            let fingerprint = crate::fingerprint::of(kind, &file, &tpl, format);
            if let (Some(f), false) = (&fingerprint, output.lam_lai) {
                if let Some(same) = crate::fingerprint::unchanged(&dir, kind, f) {
                    let names: Vec<String> = same.iter().map(|p| p.display().to_string()).collect();
                    println!(
                        "không đổi, giữ nguyên {} (dữ liệu, mẫu và phông như lần trước; thêm --lam-lai để sinh lại)",
                        names.join(", ")
                    );
                    continue;
                }
            }
            match build_one(
                kind.clone(),
                &file,
                &dir,
                format,
                &tpl,
                &fonts,
                fingerprint.as_deref(),
            ) {
                Ok(written) => {
                    for (p, size) in written {
                        println!("đã ghi {} ({} KB)", p.display(), size.div_ceil(1024));
                    }
                }
                Err(e) => {
                    eprintln!("lỗi: {e}");
                    failed += 1;
                }
            }
        }
    }
    Ok(if failed > 0 { 1 } else { 0 })
}

/// Creates the output folder, with a plain message when the path (or a part of it) is a file.
fn make_out_dir(dir: &Path) -> Result<()> {
    out_dir_usable(dir)?;
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, &e))
}

/// A usage error when `dir` or one of its parents is a file.
fn out_dir_usable(dir: &Path) -> Result<()> {
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

fn build_one(
    kind: Kind,
    file: &Path,
    dir: &Path,
    format: Format,
    tpl: &Templates,
    fonts: &FontSet,
    fingerprint: Option<&str>,
) -> Result<Vec<(PathBuf, usize)>> {
    let b: Built = pipeline::build(kind.clone(), file, tpl)?;
    print_warnings(&b.warnings);
    let fonts = pipeline::fonts_for(&b.plan, file, fonts)?;
    let outputs = pipeline::render_outputs(&b, format, &fonts)?;
    make_out_dir(dir)?;
    let files: Vec<(PathBuf, &[u8])> = outputs
        .iter()
        .map(|(name, bytes)| (dir.join(name), bytes.as_slice()))
        .collect();
    crate::output::write_set(&files)?;
    if let Some(f) = fingerprint {
        crate::fingerprint::record(dir, &kind, f, &files);
    }
    Ok(files.into_iter().map(|(p, b)| (p, b.len())).collect())
}
