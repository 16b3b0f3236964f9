//! Running the pipeline for the commands: one or more plans, one or more document kinds
//! each, outputs written atomically; one plan's failure does not stop the others.

use crate::cli::{Format, OutputArgs};
use crate::error::{Error, Result};
use crate::fonts::FontSet;
use crate::pdf::FaceCache;
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

/// Adds to `told` the lines not yet in it and returns those: a plan's own warnings (and
/// those of its report data) come with every document made of it, and the errors of a
/// period file with every report that reads it; `report --ky tat-ca` would otherwise tell
/// each once per period.
fn not_yet_told(told: &mut Vec<String>, lines: &[String]) -> Vec<String> {
    let mut new = Vec::new();
    for l in lines {
        if !told.contains(l) {
            told.push(l.clone());
            new.push(l.clone());
        }
    }
    new
}

/// The plans named on the command line: a plan file, a plan folder (with plan.yaml), or a
/// folder of plan folders (each sub-folder with a plan.yaml, in name order), in any mix.
pub fn expand(inputs: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for input in inputs {
        if input.is_dir() && !input.join("plan.yaml").is_file() {
            let mut subs: Vec<PathBuf> = std::fs::read_dir(input)
                .into_iter()
                .flatten()
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.join("plan.yaml").is_file())
                .collect();
            if !subs.is_empty() {
                subs.sort();
                out.extend(subs);
                continue;
            }
        }
        out.push(input.clone());
    }
    out
}

/// The periods with progress data of one plan, in order.
fn plan_periods(input: &Path) -> Result<Vec<Period>> {
    let data = crate::report::open(&pipeline::plan_file(input))?;
    let mut periods: Vec<Period> = Vec::new();
    for s in data.sources {
        if !periods.contains(&s.period) {
            periods.push(s.period);
        }
    }
    periods.sort_by_key(Period::sort_key);
    Ok(periods)
}

/// `vanban report`: the period `ky` of every plan, or with `tat-ca` every period each plan
/// has data for.
pub fn report(plans: &[PathBuf], ky: &str, output: &OutputArgs) -> Result<i32> {
    let plans = expand(plans);
    if crate::report::data::fold(ky) == "tat ca" {
        let jobs: Vec<Job> = plans
            .iter()
            .map(|p| Job {
                input: p.clone(),
                kinds: plan_periods(p).map(|ps| ps.into_iter().map(Kind::Report).collect()),
            })
            .collect();
        if jobs
            .iter()
            .all(|j| matches!(&j.kinds, Ok(k) if k.is_empty()))
        {
            return Err(Error::Usage(
                "chưa có dữ liệu báo cáo nào trong thư mục bao-cao/ của kế hoạch".into(),
            ));
        }
        return run(jobs, output);
    }
    match Period::parse(ky) {
        Some(p) => build(&plans, &[Kind::Report(p)], output),
        None => Err(bad_period(ky)),
    }
}

/// `Ok` when `ky` names a period or all of them (`tat-ca`).
pub fn check_period(ky: &str) -> Result<()> {
    if crate::report::data::fold(ky) == "tat ca" || Period::parse(ky).is_some() {
        Ok(())
    } else {
        Err(bad_period(ky))
    }
}

fn bad_period(ky: &str) -> Error {
    Error::Usage(format!(
        "kỳ báo cáo \"{ky}\" không hợp lệ; dùng 2024-Q1, 2024-Q2, 2024-Q3, 2024-Q4, 2024-6T, 2024-9T, 2024 hoặc tat-ca"
    ))
}

pub fn check(plans: &[PathBuf], templates: Option<&Path>) -> Result<i32> {
    let tpl = Templates::load(templates)?;
    let mut failed = 0;
    for input in &expand(plans) {
        // A period's file or folder checks the plan above it and that period alone.
        let (file, only) = match crate::report::load::period_target(input) {
            Some((plan, period)) => (plan, Some(period)),
            None => (pipeline::plan_file(input), None),
        };
        let result = pipeline::build_document(&file, &tpl).and_then(|b| {
            print_warnings(&b.warnings);
            let (warnings, periods) = crate::report::check_all(&file, &b.plan, only)?;
            print_warnings(&warnings);
            Ok((b, periods))
        });
        match result {
            Ok((b, periods)) => {
                let s = crate::summary::Summary::of(&b.plan);
                println!("{}: hợp lệ — {s}", file.display());
                if let Some(p) = only {
                    println!(
                        "{}: dữ liệu kỳ {} ({}) hợp lệ",
                        input.display(),
                        p.wording(),
                        p.key()
                    );
                } else if !periods.is_empty() {
                    let keys: Vec<String> = periods.iter().map(Period::key).collect();
                    println!(
                        "{}: dữ liệu báo cáo hợp lệ — các kỳ {}",
                        crate::report::load::report_dir(&file).display(),
                        keys.join(", ")
                    );
                }
            }
            Err(e) => {
                crate::error::eprint(&e);
                failed += 1;
            }
        }
    }
    Ok(if failed > 0 { 1 } else { 0 })
}

/// One plan and the documents to make of it (or why the kinds could not be worked out).
struct Job {
    input: PathBuf,
    kinds: Result<Vec<Kind>>,
}

/// Builds `kinds` of every plan in `plans` (see [`expand`]).
pub fn build(plans: &[PathBuf], kinds: &[Kind], output: &OutputArgs) -> Result<i32> {
    let jobs = expand(plans)
        .into_iter()
        .map(|input| Job {
            input,
            kinds: Ok(kinds.to_vec()),
        })
        .collect();
    run(jobs, output)
}

/// Where one plan's outputs go.
fn out_dir(out: Option<&Path>, plans: usize, name: &str) -> PathBuf {
    match (out, plans) {
        (Some(o), 1) => o.to_path_buf(),
        (Some(o), _) => o.join(name),
        (None, _) => Path::new("output").join(name),
    }
}

fn run(jobs: Vec<Job>, output: &OutputArgs) -> Result<i32> {
    if jobs.len() > 1 {
        // Each plan writes into a folder named after its own; two plans of the same folder
        // name would overwrite each other's files.
        let names: std::collections::BTreeSet<String> =
            jobs.iter().map(|j| folder_name(&j.input)).collect();
        if names.len() < jobs.len() {
            return Err(Error::Usage(
                "các kế hoạch trùng tên thư mục; hãy chạy riêng từng kế hoạch".into(),
            ));
        }
    }
    if let Some(o) = &output.out {
        out_dir_usable(o)?;
    }
    match jobs.len() {
        0 => Err(Error::Usage("không có kế hoạch nào để dựng".into())),
        1 => run_one(jobs.into_iter().next().expect("one job"), output),
        _ => run_many(jobs, output),
    }
}

/// One plan, as fast as two cores allow: printpdf parses the fonts and tera compiles the
/// templates while the plan loads; then the document is laid out once and the PDF written on
/// a thread of its own while the DOCX is written here. When the process exits right after
/// (`OutputArgs::exit_after`), the compiled templates are left for the OS to free.
fn run_one(job: Job, output: &OutputArgs) -> Result<i32> {
    let format = output.format;
    let bundled = FontSet::bundled();
    let mut faces = if format == Format::Docx {
        FaceCache::default()
    } else {
        FaceCache::spawn(&bundled)
    };
    let kinds = job.kinds?;
    let file = pipeline::plan_file(&job.input);
    let dir = out_dir(output.out.as_deref(), 1, &folder_name(&job.input));
    let (tpl, checked) = std::thread::scope(|s| {
        let tpl = s.spawn(|| Templates::load(output.templates.as_deref()));
        let checked = crate::model::load_plan(&file);
        (tpl.join(), checked)
    });
    let tpl = tpl.unwrap_or_else(|_| Err(internal("mẫu văn bản")))?;
    print_warnings(&tpl.warnings);
    let checked = match checked {
        Ok(c) => c,
        Err(e) => {
            crate::error::eprint(&e);
            return Ok(1);
        }
    };
    let mut failed = 0;
    let mut not_made = Vec::new();
    let mut told = Vec::new();
    // A bad file several periods read fails each of them with the same lines.
    let mut told_errors = Vec::new();
    let mut checked = Some(checked);
    for (i, kind) in kinds.iter().enumerate() {
        let last = i + 1 == kinds.len();
        let (fp, same) = unchanged(kind, &file, &dir, &tpl, output);
        if let Some(same) = same {
            println!("{}", skipped_line(&same));
            continue;
        }
        // The last kind takes the loaded plan; the others work on copies.
        let this = match (last, &checked) {
            (true, _) => checked.take(),
            (false, Some(c)) => Some(crate::model::CheckedPlan {
                plan: c.plan.clone(),
                warnings: c.warnings.clone(),
            }),
            (false, None) => None,
        };
        let Some(this) = this else {
            break;
        };
        let result = pipeline::build_loaded(kind.clone(), &file, this, &tpl).and_then(|b| {
            print_warnings(&not_yet_told(&mut told, &b.warnings));
            write_outputs(
                b,
                kind,
                &dir,
                format,
                &bundled,
                &mut faces,
                true,
                fp.as_deref(),
            )
        });
        match result {
            Ok(written) => print_written(&written),
            Err(e) => {
                for line in not_yet_told(&mut told_errors, &e.lines()) {
                    eprintln!("lỗi: {line}");
                }
                failed += 1;
                not_made.push(kind.record_key());
            }
        }
    }
    // With several documents (`--ky tat-ca`) an error told once may have stopped several:
    // name them all.
    if kinds.len() > 1 && !not_made.is_empty() {
        eprintln!(
            "lỗi: không sinh được {} vì các lỗi trên",
            not_made.join(", ")
        );
    }
    if output.exit_after {
        std::mem::forget(tpl);
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

fn internal(what: &str) -> Error {
    Error::Usage(format!("lỗi nội bộ khi dựng {what}"))
}

fn print_written(written: &[(PathBuf, usize)]) {
    for (p, size) in written {
        println!("đã ghi {} ({} KB)", p.display(), size.div_ceil(1024));
    }
}

/// Makes the outputs of `b` and writes them into `dir` as a set (all or none); with
/// `parallel` and `Format::All` the PDF is written on a thread of its own while the DOCX is
/// written here (the render crate decides for a large document). Records the fingerprint of
/// what was written. Returns (path, size), DOCX then PDF.
#[allow(clippy::too_many_arguments)]
fn write_outputs(
    b: Built,
    kind: &Kind,
    dir: &Path,
    format: Format,
    bundled: &FontSet,
    faces: &mut FaceCache,
    parallel: bool,
    fingerprint: Option<&str>,
) -> Result<Vec<(PathBuf, usize)>> {
    let fonts = b.fonts.clone().unwrap_or_else(|| bundled.clone());
    make_out_dir(dir)?;
    let Built {
        plan,
        document,
        style,
        stem,
        ..
    } = b;
    // The plan is not needed to write; the render crate lets the document go before the
    // PDF's last step.
    drop(plan);
    let formats = pipeline::formats(format);
    let formats = if parallel {
        formats
    } else {
        formats.sequential()
    };
    let out = vanban_render::render(document, &style, &fonts, formats, faces)?;
    let outputs = pipeline::named_outputs(&stem, out);
    let files: Vec<(PathBuf, &[u8])> = outputs
        .iter()
        .map(|(name, bytes)| (dir.join(name), bytes.as_slice()))
        .collect();
    crate::output::write_set(&files)?;
    if let Some(f) = fingerprint {
        crate::fingerprint::record(dir, kind, f, &files);
    }
    let written = files.iter().map(|(p, b)| (p.clone(), b.len())).collect();
    Ok(written)
}

/// The outputs of `kind` when its inputs did not change since they were written (and the
/// fingerprint to record otherwise).
fn unchanged(
    kind: &Kind,
    file: &Path,
    dir: &Path,
    tpl: &Templates,
    output: &OutputArgs,
) -> (Option<String>, Option<Vec<PathBuf>>) {
    let fp = crate::fingerprint::of(kind, file, tpl, output.format);
    let same = match (&fp, output.lam_lai) {
        (Some(f), false) => crate::fingerprint::unchanged(dir, kind, f),
        _ => None,
    };
    (fp, same)
}

fn skipped_line(same: &[PathBuf]) -> String {
    let names: Vec<String> = same.iter().map(|p| p.display().to_string()).collect();
    format!(
        "không đổi, giữ nguyên {} (dữ liệu, mẫu và phông như lần trước; thêm --lam-lai để sinh lại)",
        names.join(", ")
    )
}

/// What a worker reports for one plan.
struct Done {
    name: String,
    written: Vec<(PathBuf, usize)>,
    /// "không đổi, giữ nguyên …" lines for outputs whose inputs did not change.
    skipped: Vec<String>,
    warnings: Vec<String>,
    /// One line per problem, each told once.
    errors: Vec<String>,
}

impl Done {
    /// Nothing written and nothing failed: every output was kept as it was.
    fn unchanged(&self) -> bool {
        self.errors.is_empty() && self.written.is_empty() && !self.skipped.is_empty()
    }
}

/// Many plans on every core: one worker per core takes the next plan and makes all its
/// documents, DOCX then PDF, itself (no thread per document: with many plans that only
/// churns the allocator); a plan that fails does not stop the others. Progress goes to a
/// bar on a terminal, to plain lines otherwise; a summary line ends the run.
fn run_many(jobs: Vec<Job>, output: &OutputArgs) -> Result<i32> {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    let started = std::time::Instant::now();
    let total = jobs.len();
    let workers = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(total);
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let templates: std::sync::OnceLock<Result<Templates>> = std::sync::OnceLock::new();
    let bundled = FontSet::bundled();
    let (tx, rx) = std::sync::mpsc::channel::<Done>();
    let progress = Progress::new(total);
    let (mut failed, mut unchanged) = (0, 0);
    std::thread::scope(|s| {
        for _ in 0..workers {
            let tx = tx.clone();
            let (jobs, next, stop, templates, bundled) =
                (&jobs, &next, &stop, &templates, &bundled);
            s.spawn(move || {
                let mut faces = FaceCache::default();
                while !stop.load(Ordering::Relaxed) {
                    let Some(job) = jobs.get(next.fetch_add(1, Ordering::Relaxed)) else {
                        break;
                    };
                    let done = build_plan(job, output, total, templates, bundled, &mut faces);
                    if matches!(templates.get(), Some(Err(_))) {
                        stop.store(true, Ordering::Relaxed);
                    }
                    if tx.send(done).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        for done in rx {
            if !done.errors.is_empty() {
                failed += 1;
            } else if done.unchanged() {
                unchanged += 1;
            }
            progress.report(&done);
        }
    });
    if let Some(Err(e)) = templates.into_inner() {
        progress.finish();
        return Err(e);
    }
    progress.finish();
    let secs = format!("{:.1}", started.elapsed().as_secs_f64()).replace('.', ",");
    println!("{}", summary_line(total, unchanged, failed, &secs));
    Ok(if failed > 0 { 1 } else { 0 })
}

/// The line that ends a batch; plans whose outputs were all kept are counted apart from
/// those built, and named only when there are some.
fn summary_line(total: usize, unchanged: usize, failed: usize, secs: &str) -> String {
    let built = total - failed - unchanged;
    let kept = if unchanged > 0 {
        format!(", {unchanged} kế hoạch không đổi (giữ nguyên tệp đã sinh)")
    } else {
        String::new()
    };
    format!(
        "Tổng kết: đã dựng {built}/{total} kế hoạch{kept}, {failed} kế hoạch lỗi, thời gian {secs} giây"
    )
}

/// One plan of a batch: load it (while another worker may compile the templates), then each
/// document kind, DOCX then PDF, on this thread.
fn build_plan(
    job: &Job,
    output: &OutputArgs,
    total: usize,
    templates: &std::sync::OnceLock<Result<Templates>>,
    bundled: &FontSet,
    faces: &mut FaceCache,
) -> Done {
    let name = folder_name(&job.input);
    let mut done = Done {
        name: name.clone(),
        written: Vec::new(),
        skipped: Vec::new(),
        warnings: Vec::new(),
        errors: Vec::new(),
    };
    let file = pipeline::plan_file(&job.input);
    let kinds = match &job.kinds {
        Ok(k) => k,
        Err(e) => {
            done.errors = e.lines();
            return done;
        }
    };
    let checked = match crate::model::load_plan(&file) {
        Ok(c) => c,
        Err(e) => {
            done.errors = e.lines();
            return done;
        }
    };
    let tpl = match templates.get_or_init(|| Templates::load(output.templates.as_deref())) {
        Ok(t) => t,
        Err(_) => return done,
    };
    let dir = out_dir(output.out.as_deref(), total, &name);
    for kind in kinds {
        let (fp, same) = unchanged(kind, &file, &dir, tpl, output);
        if let Some(same) = same {
            done.skipped.push(skipped_line(&same));
            continue;
        }
        let checked = crate::model::CheckedPlan {
            plan: checked.plan.clone(),
            warnings: checked.warnings.clone(),
        };
        let result = pipeline::build_loaded(kind.clone(), &file, checked, tpl).and_then(|b| {
            not_yet_told(&mut done.warnings, &b.warnings);
            // One thread per worker: DOCX, then PDF.
            write_outputs(
                b,
                kind,
                &dir,
                output.format,
                bundled,
                faces,
                false,
                fp.as_deref(),
            )
        });
        match result {
            Ok(w) => done.written.extend(w),
            // Each line once: a bad file several periods read fails them all alike.
            Err(e) => {
                not_yet_told(&mut done.errors, &e.lines());
            }
        }
    }
    done
}

/// Progress of a batch: a bar on a terminal (messages printed above it), plain lines when
/// the output goes to a file or a pipe.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    total: usize,
    count: std::cell::Cell<usize>,
}

impl Progress {
    fn new(total: usize) -> Progress {
        use std::io::IsTerminal;
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = indicatif::ProgressBar::new(total as u64);
            if let Ok(style) = indicatif::ProgressStyle::with_template(
                "[{elapsed_precise}] {bar:30} {pos}/{len} kế hoạch  {msg}",
            ) {
                bar.set_style(style);
            }
            bar
        });
        Progress {
            bar,
            total,
            count: std::cell::Cell::new(0),
        }
    }

    fn report(&self, done: &Done) {
        let n = self.count.get() + 1;
        self.count.set(n);
        let mut lines = Vec::new();
        for w in &done.warnings {
            lines.push(format!("cảnh báo: {w}"));
        }
        for e in &done.errors {
            lines.push(format!("lỗi: {}: {e}", done.name));
        }
        let skipped = done.skipped.iter().map(|l| format!("{}: {l}", done.name));
        match &self.bar {
            Some(bar) => {
                for l in lines.iter().cloned().chain(skipped) {
                    bar.println(l);
                }
                bar.set_message(done.name.clone());
                bar.inc(1);
            }
            None => {
                for l in &lines {
                    eprintln!("{l}");
                }
                for l in skipped {
                    println!("{l}");
                }
                let status = if done.unchanged() {
                    "không đổi".to_string()
                } else if done.errors.is_empty() {
                    let files: Vec<String> = done
                        .written
                        .iter()
                        .map(|(p, size)| format!("{} ({} KB)", p.display(), size.div_ceil(1024)))
                        .collect();
                    format!("đã ghi {}", files.join(", "))
                } else {
                    "lỗi".to_string()
                };
                println!("[{n}/{}] {}: {status}", self.total, done.name);
            }
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
