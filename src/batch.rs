//! Running the pipeline for the commands: one or more plans, one or more document kinds
//! each, outputs written atomically; one plan's failure does not stop the others.

use crate::error::{Error, Result};
use crate::fonts::FontSet;
use crate::kinds::plan::PlanDocument;
use crate::kinds::report::document::Report;
use crate::kinds::report::period::Period;
use crate::kinds::Request;
use crate::make::{folder_name, make, BuildOptions, Made, Outcome, Workshop};
use crate::output::Format;
use crate::pdf::FaceCache;
use crate::pipeline;
use crate::template::Templates;
use std::path::{Path, PathBuf};
use std::sync::Arc;

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

/// `vanban report`: the period `ky` of every plan, or with `tat-ca` every period each plan
/// has data for.
pub fn report(plans: &[PathBuf], ky: &str, output: &BuildOptions) -> Result<i32> {
    let plans = expand(plans);
    if crate::kinds::report::data::fold(ky) == "tat ca" {
        let jobs: Vec<Job> = plans
            .iter()
            .map(|p| Job {
                input: p.clone(),
                kinds: crate::kinds::report::document::every_period(&pipeline::plan_file(p)),
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
        Some(p) => build(&plans, &[report_request(p)], output),
        None => Err(bad_period(ky)),
    }
}

fn report_request(p: Period) -> Request {
    Arc::new(Report(p))
}

/// `Ok` when `ky` names a period or all of them (`tat-ca`).
pub fn check_period(ky: &str) -> Result<()> {
    if crate::kinds::report::data::fold(ky) == "tat ca" || Period::parse(ky).is_some() {
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
        let (file, only) = match crate::kinds::report::load::period_target(input) {
            Some((plan, period)) => (plan, Some(period)),
            None => (pipeline::plan_file(input), None),
        };
        let result = crate::model::load_plan(&file).and_then(|checked| {
            let b = pipeline::build_loaded(&PlanDocument, &file, &checked, &tpl)?;
            print_warnings(&b.warnings);
            let (warnings, periods) = crate::kinds::report::check_all(&file, &checked.plan, only)?;
            print_warnings(&warnings);
            Ok((checked.plan, periods))
        });
        match result {
            Ok((plan, periods)) => {
                let s = crate::summary::Summary::of(&plan);
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
                        crate::kinds::report::load::report_dir(&file).display(),
                        keys.join(", ")
                    );
                }
            }
            Err(e) => {
                eprint(&e);
                failed += 1;
            }
        }
    }
    Ok(if failed > 0 { 1 } else { 0 })
}

/// `vanban phieu`: the progress forms of period `ky` for the plan `input`, one per lead unit
/// (or per unit of `units`), written as a set.
pub fn forms(input: &Path, ky: &str, units: &[String], out: Option<&Path>) -> Result<i32> {
    let p = period_arg(ky)?;
    // Unit keys are lower case; "VPTK" typed on the command line means vptk.
    let units: Vec<String> = units
        .iter()
        .map(|u| u.trim().to_lowercase())
        .filter(|u| !u.is_empty())
        .collect();
    let file = pipeline::plan_file(input);
    let checked = crate::model::load_plan(&file)?;
    print_warnings(&checked.warnings);
    let only = (!units.is_empty()).then_some(units.as_slice());
    let forms = crate::forms::forms(&file, &checked.plan, p, only)?;
    print_warnings(&forms.warnings);
    let dir = crate::forms::out_dir(out, input, p);
    let written = crate::forms::write(&dir, &forms)?;
    for ((path, size), f) in written.iter().zip(&forms.forms) {
        let tthc = if f.tthc { ", có trang TTHC" } else { "" };
        println!(
            "đã ghi {} ({} KB): {} nhiệm vụ{tthc}",
            path.display(),
            size.div_ceil(1024),
            f.items
        );
    }
    Ok(0)
}

/// `vanban nhap`: the filled forms `files` of period `ky` read into the plan's data.
pub fn import(input: &Path, ky: &str, files: &[PathBuf], overwrite: bool) -> Result<i32> {
    let p = period_arg(ky)?;
    let file = pipeline::plan_file(input);
    let checked = crate::model::load_plan(&file)?;
    print_warnings(&checked.warnings);
    let import = crate::forms::read::import(&file, &checked.plan, p, files, overwrite)?;
    print_warnings(&import.warnings);
    crate::forms::read::write(&import)?;
    for c in &import.changes {
        println!("{}", c.summary);
    }
    if import.changes.iter().all(|c| !c.changed) {
        println!("không tệp nào thay đổi");
    }
    Ok(0)
}

/// `--ky` of the commands on one period.
fn period_arg(ky: &str) -> Result<Period> {
    Period::parse(ky).ok_or_else(|| {
        Error::Usage(format!(
            "kỳ báo cáo \"{ky}\" không hợp lệ; dùng 2025-Q1, 2025-Q2, 2025-Q3, 2025-Q4, 2025-6T, 2025-9T hoặc 2025"
        ))
    })
}

/// Prints `e` on stderr, each problem on a line of its own starting with "lỗi: ".
pub fn eprint(e: &Error) {
    for line in e.lines() {
        eprintln!("lỗi: {line}");
    }
}

/// One plan and the documents to make of it (or why the kinds could not be worked out).
struct Job {
    input: PathBuf,
    kinds: Result<Vec<Request>>,
}

/// Builds `kinds` of every plan in `plans` (see [`expand`]).
pub fn build(plans: &[PathBuf], kinds: &[Request], output: &BuildOptions) -> Result<i32> {
    let jobs = expand(plans)
        .into_iter()
        .map(|input| Job {
            input,
            kinds: Ok(kinds.to_vec()),
        })
        .collect();
    run(jobs, output)
}

fn run(jobs: Vec<Job>, output: &BuildOptions) -> Result<i32> {
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
        crate::make::out_dir_usable(o)?;
    }
    match jobs.len() {
        0 => Err(Error::Usage("không có kế hoạch nào để dựng".into())),
        1 => run_one(jobs.into_iter().next().expect("one job"), output),
        _ => run_many(jobs, output),
    }
}

/// One plan, as fast as two cores allow: printpdf parses the fonts and tera compiles the
/// templates while the plan loads; then the PDF is written on a thread of its own while the
/// DOCX is written here.
fn run_one(job: Job, output: &BuildOptions) -> Result<i32> {
    let bundled = FontSet::bundled();
    // Only a PDF needs printpdf's faces.
    let mut faces = if matches!(output.format, Format::Docx | Format::Xlsx) {
        FaceCache::default()
    } else {
        FaceCache::spawn(&bundled)
    };
    let kinds = job.kinds?;
    let file = pipeline::plan_file(&job.input);
    let dir = output.out_dir(&job.input, 1);
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
            eprint(&e);
            return Ok(1);
        }
    };
    let mut shop = Workshop {
        templates: &tpl,
        bundled: &bundled,
        faces: &mut faces,
        parallel: true,
    };
    let mut failed = 0;
    let mut not_made = Vec::new();
    let mut told = Vec::new();
    // A bad file several periods read fails each of them with the same lines.
    let mut told_errors = Vec::new();
    for kind in &kinds {
        match make(kind.as_ref(), &file, &checked, &dir, output, &mut shop) {
            Ok(Made { outcome, warnings }) => {
                print_warnings(&not_yet_told(&mut told, &warnings));
                match outcome {
                    Outcome::Written(w) => print_written(&w),
                    Outcome::Unchanged(same) => println!("{}", skipped_line(&same)),
                }
            }
            Err(e) => {
                for line in not_yet_told(&mut told_errors, &e.lines()) {
                    eprintln!("lỗi: {line}");
                }
                failed += 1;
                not_made.push(kind.key());
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
    Ok(if failed > 0 { 1 } else { 0 })
}

fn internal(what: &str) -> Error {
    Error::Internal(what.to_string())
}

fn print_written(written: &[(PathBuf, usize)]) {
    for (p, size) in written {
        println!("đã ghi {} ({} KB)", p.display(), size.div_ceil(1024));
    }
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
fn run_many(jobs: Vec<Job>, output: &BuildOptions) -> Result<i32> {
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
    output: &BuildOptions,
    total: usize,
    templates: &std::sync::OnceLock<Result<Templates>>,
    bundled: &FontSet,
    faces: &mut FaceCache,
) -> Done {
    let mut done = Done {
        name: folder_name(&job.input),
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
    let dir = output.out_dir(&job.input, total);
    // One thread per worker: DOCX, then PDF.
    let mut shop = Workshop {
        templates: tpl,
        bundled,
        faces,
        parallel: false,
    };
    for kind in kinds {
        match make(kind.as_ref(), &file, &checked, &dir, output, &mut shop) {
            Ok(Made { outcome, warnings }) => {
                not_yet_told(&mut done.warnings, &warnings);
                match outcome {
                    Outcome::Written(w) => done.written.extend(w),
                    Outcome::Unchanged(same) => done.skipped.push(skipped_line(&same)),
                }
            }
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
