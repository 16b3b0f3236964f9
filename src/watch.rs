//! `build --theo-doi`: rebuild on every save of a plan, its report data, its fonts or the
//! templates, one Vietnamese line per rebuild; on an error the located message is printed and
//! the last good outputs stay in place (builds write all files or none).

use crate::cli::OutputArgs;
use crate::error::{Error, Result};
use crate::pipeline::Kind;
use notify::{RecursiveMode, Watcher};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Saves arrive as bursts of events (write, rename, metadata): wait this long after the
/// last one before rebuilding.
const QUIET: Duration = Duration::from_millis(300);

fn folder_of(input: &Path) -> PathBuf {
    if input.is_dir() {
        input.to_path_buf()
    } else {
        input.parent().map(Path::to_path_buf).unwrap_or_default()
    }
}

/// Builds, then rebuilds whenever an input changes, until the process is stopped.
pub fn watch(plans: &[PathBuf], kinds: &[Kind], output: &OutputArgs) -> Result<i32> {
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(tx)
        .map_err(|e| Error::Usage(format!("không theo dõi được thư mục: {e}")))?;
    let mut roots: Vec<PathBuf> = plans.iter().map(|p| folder_of(p)).collect();
    roots.extend(output.templates.iter().cloned());
    for r in &roots {
        watcher
            .watch(r, RecursiveMode::Recursive)
            .map_err(|e| Error::Usage(format!("không theo dõi được {}: {e}", r.display())))?;
    }
    // Our own outputs and temporary files must not trigger a rebuild.
    let out = output.out.as_ref().and_then(|o| o.canonicalize().ok());
    let is_input = |p: &Path| {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        !name.starts_with('.')
            && !out
                .as_ref()
                .is_some_and(|o| p.canonicalize().is_ok_and(|c| c.starts_with(o)))
    };
    let places: Vec<String> = roots.iter().map(|r| r.display().to_string()).collect();
    println!(
        "đang theo dõi {} — mỗi lần lưu sẽ sinh lại; bấm Ctrl+C để dừng",
        places.join(", ")
    );
    run_once(plans, kinds, output);
    loop {
        // Wait for a change to an input, then for the burst of events to end.
        let first = match rx.recv() {
            Ok(e) => e,
            Err(_) => return Ok(0),
        };
        let mut relevant = first.is_ok_and(|e| e.paths.iter().any(|p| is_input(p)));
        while let Ok(e) = rx.recv_timeout(QUIET) {
            relevant |= e.is_ok_and(|e| e.paths.iter().any(|p| is_input(p)));
        }
        if relevant {
            run_once(plans, kinds, output);
        }
    }
}

/// One rebuild with its one line: when, how long, and whether it worked.
fn run_once(plans: &[PathBuf], kinds: &[Kind], output: &OutputArgs) {
    let start = Instant::now();
    let forced = OutputArgs {
        lam_lai: false,
        ..output.clone()
    };
    let result = crate::batch::build(plans, kinds, &forced);
    let ms = start.elapsed().as_millis();
    let now = chrono::Local::now().format("%H:%M:%S");
    match result {
        Ok(0) => println!("{now} đã sinh lại xong ({ms} ms)"),
        Ok(_) => println!("{now} sinh lại có lỗi ({ms} ms); các tệp cũ giữ nguyên"),
        Err(e) => {
            crate::error::eprint(&e);
            println!("{now} sinh lại có lỗi ({ms} ms); các tệp cũ giữ nguyên");
        }
    }
}
