//! `build --theo-doi` and `report --ky … --theo-doi`: rebuild when the content of an input
//! changes (the plan, its report data for a report, the fonts it names, the templates), one
//! Vietnamese line per rebuild; on an error the located message is printed once and the last
//! good outputs stay in place (builds write all files or none).
//!
//! File events only say that something may have changed: reading a file (our own build
//! does) or touching it gives events too. So events are filtered by kind, a burst is let
//! settle, and a rebuild happens only when the inputs' content hash differs from the one
//! the last build saw. Idle, the loop waits on the channel and does nothing.

use crate::error::{Error, Result};
use crate::kinds::plan::PlanDocument;
use crate::kinds::Request;
use crate::make::BuildOptions;
use notify::event::{AccessKind, AccessMode, EventKind, ModifyKind};
use notify::{RecursiveMode, Watcher};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Saves arrive as bursts of events (truncate, write, rename): wait this long after the
/// last one before looking at the content.
const QUIET: Duration = Duration::from_millis(300);
/// A burst that never settles (a file being written continuously) still gets a look.
const LONGEST_WAIT: Duration = Duration::from_secs(3);

/// What is rebuilt on each change.
#[derive(Debug, Clone)]
pub enum Job {
    /// `build`: the plan or its appendices.
    Build(Request),
    /// `report --ky`: one period, or every period with data (`tat-ca`).
    Report(String),
}

impl Job {
    /// The files this job reads for the plan file `plan`: one report's are every report's
    /// (`tat-ca` reads them all anyway).
    fn inputs(&self, plan: &Path) -> Vec<PathBuf> {
        match self {
            Job::Build(kind) => crate::fingerprint::input_files(plan, kind.as_ref()),
            // Every period's report reads all of the report data.
            Job::Report(_) => {
                let mut files = crate::fingerprint::input_files(plan, &PlanDocument);
                files.extend(crate::kinds::report::load::data_files(plan));
                files
            }
        }
    }
}

fn folder_of(input: &Path) -> PathBuf {
    if input.is_dir() {
        input.to_path_buf()
    } else {
        input.parent().map(Path::to_path_buf).unwrap_or_default()
    }
}

/// Whether an event of this kind can mean new content: creating, writing, renaming or
/// removing a file. Opening, reading and attribute changes cannot.
fn may_change_content(kind: &EventKind) -> bool {
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) | EventKind::Any | EventKind::Other => true,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
    }
}

/// The content of everything `job` reads for `plans`, with `templates`, as one hash. A file
/// that cannot be read counts as such (its error is the build's to report).
pub fn inputs_hash(plans: &[PathBuf], job: &Job, templates: Option<&Path>) -> [u8; 32] {
    let mut files = Vec::new();
    for plan in crate::batch::expand(plans) {
        let file = crate::pipeline::plan_file(&plan);
        files.extend(job.inputs(&file));
    }
    if let Some(t) = templates {
        files.extend(crate::fingerprint::templates_in(t));
    }
    let mut h = Sha256::new();
    for f in files {
        let path = f.to_string_lossy();
        h.update((path.len() as u64).to_le_bytes());
        h.update(path.as_bytes());
        match crate::input::read_capped(&f, crate::input::MAX_FONT, "tệp") {
            Ok(bytes) => {
                h.update((bytes.len() as u64).to_le_bytes());
                h.update(&bytes);
            }
            Err(_) => h.update(u64::MAX.to_le_bytes()),
        }
    }
    h.finalize().into()
}

/// Builds, then rebuilds whenever the content of an input changes, until the process is
/// stopped.
pub fn watch(plans: &[PathBuf], job: &Job, output: &BuildOptions) -> Result<i32> {
    if let Job::Report(ky) = job {
        crate::batch::check_period(ky)?;
    }
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(tx)
        .map_err(|e| Error::Usage(format!("không theo dõi được thư mục: {}", watch_error(&e))))?;
    let mut roots: Vec<PathBuf> = crate::batch::expand(plans)
        .iter()
        .map(|p| folder_of(p))
        .collect();
    roots.extend(output.templates.iter().cloned());
    for r in &roots {
        watcher.watch(r, RecursiveMode::Recursive).map_err(|e| {
            Error::Usage(format!(
                "không theo dõi được {}: {}",
                r.display(),
                watch_error(&e)
            ))
        })?;
    }
    let places: Vec<String> = roots.iter().map(|r| r.display().to_string()).collect();
    println!(
        "đang theo dõi {} — mỗi lần lưu sẽ sinh lại; bấm Ctrl+C để dừng",
        places.join(", ")
    );
    let hash = || inputs_hash(plans, job, output.templates.as_deref());
    let mut seen = hash();
    rebuild(plans, job, output, "đã sinh xong");
    while settled_change(&rx) {
        let now = hash();
        if now != seen {
            seen = now;
            rebuild(plans, job, output, "đã sinh lại xong");
        }
    }
    Ok(0)
}

/// Waits for an event that may change an input, then for its burst to settle. `false` when
/// the watcher is gone.
fn settled_change(rx: &mpsc::Receiver<notify::Result<notify::Event>>) -> bool {
    let relevant = |e: &notify::Result<notify::Event>| {
        // A watcher error (events dropped) is a reason to look at the content again.
        e.as_ref().map_or(true, |e| may_change_content(&e.kind))
    };
    loop {
        match rx.recv() {
            Ok(e) if relevant(&e) => break,
            Ok(_) => continue,
            Err(_) => return false,
        }
    }
    let start = Instant::now();
    let mut quiet_until = start + QUIET;
    loop {
        let now = Instant::now();
        let limit = (start + LONGEST_WAIT).min(quiet_until);
        let Some(left) = limit.checked_duration_since(now) else {
            return true;
        };
        match rx.recv_timeout(left) {
            Ok(e) if relevant(&e) => quiet_until = Instant::now() + QUIET,
            Ok(_) => {}
            Err(mpsc::RecvTimeoutError::Timeout) => return true,
            Err(mpsc::RecvTimeoutError::Disconnected) => return false,
        }
    }
}

/// The watcher's errors in Vietnamese (the OS's limit on watches is the usual one).
fn watch_error(e: &notify::Error) -> String {
    match &e.kind {
        notify::ErrorKind::PathNotFound => "không có thư mục này".into(),
        notify::ErrorKind::MaxFilesWatch => {
            "hệ điều hành không cho theo dõi thêm tệp (đã tới giới hạn số tệp được theo dõi)".into()
        }
        notify::ErrorKind::Io(io) => crate::error::io_reason(io),
        _ => "hệ điều hành không hỗ trợ theo dõi thư mục này".into(),
    }
}

/// One build with its one line: when, how long, and whether it worked.
pub fn rebuild(plans: &[PathBuf], job: &Job, output: &BuildOptions, done: &str) {
    let start = Instant::now();
    let result = match job {
        Job::Build(kind) => crate::batch::build(plans, std::slice::from_ref(kind), output),
        Job::Report(ky) => crate::batch::report(plans, ky, output),
    };
    let ms = start.elapsed().as_millis();
    let now = chrono::Local::now().format("%H:%M:%S");
    match result {
        Ok(0) => println!("{now} {done} ({ms} ms)"),
        Ok(_) => println!("{now} sinh lại có lỗi ({ms} ms); các tệp cũ giữ nguyên"),
        Err(e) => {
            crate::batch::eprint(&e);
            println!("{now} sinh lại có lỗi ({ms} ms); các tệp cũ giữ nguyên");
        }
    }
}
