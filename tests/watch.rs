//! `build --theo-doi`: a save rebuilds (one line with its time), a broken save prints the
//! located error and leaves the last good output in place. Bounded waits only.

mod common;
use common::*;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// Waits for a line containing `text` (from either stream), at most `secs` seconds.
fn wait_for(rx: &mpsc::Receiver<String>, text: &str, secs: u64) -> Vec<String> {
    let mut seen = Vec::new();
    let deadline = std::time::Instant::now() + Duration::from_secs(secs);
    while let Some(left) = deadline.checked_duration_since(std::time::Instant::now()) {
        match rx.recv_timeout(left) {
            Ok(line) => {
                let hit = line.contains(text);
                seen.push(line);
                if hit {
                    return seen;
                }
            }
            Err(_) => break,
        }
    }
    panic!("no line with {text:?} within {secs} s; saw {seen:#?}");
}

/// Stops the watching process however the test ends, a failed assertion included.
struct Stop(std::process::Child);

impl Drop for Stop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn saves_rebuild_and_errors_keep_the_last_good_output() {
    let dir = scratch("watch");
    let plan_dir = dir.join("ke-hoach");
    std::fs::create_dir_all(&plan_dir).unwrap();
    let plan = copy_seed_to(&plan_dir);
    let out = dir.join("out");
    let child = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args([
            "build",
            plan_dir.to_str().unwrap(),
            "--format",
            "docx",
            "--theo-doi",
            "-o",
        ])
        .arg(&out)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start vanban");
    let mut child = Stop(child);
    let (tx, rx) = mpsc::channel();
    for stream in [
        Box::new(child.0.stdout.take().unwrap()) as Box<dyn std::io::Read + Send>,
        Box::new(child.0.stderr.take().unwrap()),
    ] {
        let tx = tx.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
    }
    {
        wait_for(&rx, "đang theo dõi", 30);
        wait_for(&rx, "đã sinh lại xong", 60);
        let first = std::fs::read(out.join("ke-hoach.docx")).unwrap();
        // A save that changes the plan rebuilds it.
        let text = std::fs::read_to_string(&plan).unwrap();
        std::fs::write(
            &plan,
            text.replacen("Nguyễn Xuân Lâm", "Nguyễn Xuân Lân", 1),
        )
        .unwrap();
        let lines = wait_for(&rx, "đã sinh lại xong", 60);
        assert!(lines.iter().any(|l| l.contains("ms)")), "{lines:#?}");
        let second = std::fs::read(out.join("ke-hoach.docx")).unwrap();
        assert_ne!(first, second);
        // A broken save: the located message, and the last good output stays.
        let text = std::fs::read_to_string(&plan).unwrap();
        std::fs::write(&plan, text.replacen("chu_tri: tpht", "chu_tri: sai", 1)).unwrap();
        let lines = wait_for(&rx, "sinh lại có lỗi", 60);
        assert!(
            lines
                .iter()
                .any(|l| l.contains("plan.yaml:") && l.contains("`sai`")),
            "{lines:#?}"
        );
        assert_eq!(std::fs::read(out.join("ke-hoach.docx")).unwrap(), second);
    }
}
