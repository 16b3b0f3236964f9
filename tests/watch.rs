//! `build --theo-doi` and `report --theo-doi`: idle means no rebuild, one save means one
//! rebuild (one line with its time), a broken save prints the located error once and leaves
//! the last good output in place. Every wait is on a line of output, with a generous bound;
//! the only timed wait is the idle one, which asserts that nothing happens.

mod common;
use common::*;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Bound on any awaited line: CI shares two cores with other jobs.
const BOUND: u64 = 180;

/// A running `vanban … --theo-doi` and the lines it printed (stdout and stderr, in order of
/// arrival), stopped however the test ends.
struct Watching {
    child: std::process::Child,
    lines: mpsc::Receiver<String>,
}

impl Drop for Watching {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Watching {
    fn start(args: &[&str]) -> Watching {
        let mut child = Command::new(env!("CARGO_BIN_EXE_vanban"))
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start vanban");
        let (tx, rx) = mpsc::channel();
        for stream in [
            Box::new(child.stdout.take().unwrap()) as Box<dyn std::io::Read + Send>,
            Box::new(child.stderr.take().unwrap()),
        ] {
            let tx = tx.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    let _ = tx.send(line);
                }
            });
        }
        Watching { child, lines: rx }
    }

    /// `build <plan_dir> --format docx --theo-doi -o <out>`.
    fn build(plan_dir: &Path, out: &Path) -> Watching {
        Watching::start(&[
            "build",
            plan_dir.to_str().unwrap(),
            "--format",
            "docx",
            "--theo-doi",
            "-o",
            out.to_str().unwrap(),
        ])
    }

    /// The lines up to and including the first containing `text`; panics after `BOUND` s.
    fn until(&self, text: &str) -> Vec<String> {
        let mut seen = Vec::new();
        let deadline = Instant::now() + Duration::from_secs(BOUND);
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
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
        panic!("no line with {text:?} within {BOUND} s; saw {seen:#?}");
    }

    /// The lines up to the one by which each of `texts` has been seen, in any order:
    /// stdout and stderr are two pipes, so an error (stderr) may arrive after the status
    /// line (stdout) printed after it.
    fn until_all(&self, texts: &[&str]) -> Vec<String> {
        let mut seen: Vec<String> = Vec::new();
        for t in texts {
            if !seen.iter().any(|l| l.contains(t)) {
                seen.extend(self.until(t));
            }
        }
        seen
    }

    /// Every line printed during `d`.
    fn during(&self, d: Duration) -> Vec<String> {
        let end = Instant::now() + d;
        let mut seen = Vec::new();
        while let Some(left) = end.checked_duration_since(Instant::now()) {
            if let Ok(line) = self.lines.recv_timeout(left) {
                seen.push(line);
            }
        }
        seen
    }
}

fn count(lines: &[String], text: &str) -> usize {
    lines.iter().filter(|l| l.contains(text)).count()
}

/// Builds started among `lines`: each ends with one status line on stdout, and only a
/// build prints "đã ghi" or "không đổi".
fn rebuilds(lines: &[String]) -> usize {
    count(lines, "sinh lại") + count(lines, "đã ghi") + count(lines, "không đổi")
}

/// The body text of a DOCX on disk.
fn docx_text(path: &Path) -> String {
    part(&std::fs::read(path).unwrap(), "word/document.xml")
}

/// Saves as many editors do: a hidden temporary file renamed over the old one, so the
/// watcher never sees a half-written file however the test is scheduled.
fn save(path: &Path, bytes: impl AsRef<[u8]>) {
    let name = path.file_name().unwrap().to_string_lossy();
    let tmp = path.with_file_name(format!(".{name}.tmp"));
    std::fs::write(&tmp, bytes).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from:?} not in {}", path.display());
    save(path, text.replacen(from, to, 1));
}

/// A copy of the seed plan (with its report data) in a scratch folder, and the output folder.
fn seed_copy(name: &str) -> (PathBuf, PathBuf) {
    let dir = scratch(name);
    let plan_dir = dir.join("ke-hoach");
    copy_dir(&root().join(SEED), &plan_dir);
    (plan_dir, dir.join("out"))
}

#[test]
fn idle_rebuilds_nothing_and_each_save_rebuilds_once() {
    let (plan_dir, out) = seed_copy("watch-idle");
    let plan = plan_dir.join("plan.yaml");
    let w = Watching::build(&plan_dir, &out);
    w.until("đang theo dõi");
    w.until("đã sinh xong");
    let docx = out.join("ke-hoach.docx");
    assert!(docx_text(&docx).contains("Nguyễn Xuân Lâm"));

    // Idle: our own build read every input and wrote the outputs; none of that may start
    // another build.
    let idle = w.during(Duration::from_secs(5));
    assert_eq!(rebuilds(&idle), 0, "idle for 5 s, yet: {idle:#?}");

    // One save, one rebuild, with the new text in the output.
    edit(&plan, "Nguyễn Xuân Lâm", "Nguyễn Xuân Lân");
    let first = w.until("đã sinh lại xong");
    assert_eq!(count(&first, "đã sinh lại xong"), 1, "{first:#?}");
    assert!(first.iter().any(|l| l.ends_with("ms)")), "{first:#?}");
    assert!(docx_text(&docx).contains("Nguyễn Xuân Lân"));

    // A second save: the lines since the first rebuild hold exactly its own rebuild, so the
    // first save did not rebuild twice.
    edit(&plan, "Nguyễn Xuân Lân", "Nguyễn Xuân Lam");
    let second = w.until("đã sinh lại xong");
    assert_eq!(count(&second, "sinh lại"), 1, "{second:#?}");
    assert!(docx_text(&docx).contains("Nguyễn Xuân Lam"));

    // A file written with the same bytes, and a file that is no input, change nothing.
    let same = std::fs::read(&plan).unwrap();
    save(&plan, &same);
    std::fs::write(plan_dir.join("ghi-chu.txt"), "không phải dữ liệu").unwrap();
    let after = w.during(Duration::from_secs(3));
    assert_eq!(rebuilds(&after), 0, "no content changed, yet: {after:#?}");
}

#[test]
fn a_broken_save_is_told_once_and_keeps_the_last_good_output() {
    let (plan_dir, out) = seed_copy("watch-error");
    let plan = plan_dir.join("plan.yaml");
    let w = Watching::build(&plan_dir, &out);
    w.until("đã sinh xong");
    let docx = out.join("ke-hoach.docx");
    let good = std::fs::read(&docx).unwrap();

    edit(&plan, "chu_tri: tpht", "chu_tri: sai");
    let lines = w.until_all(&["sinh lại có lỗi", "`sai`"]);
    assert!(
        lines
            .iter()
            .any(|l| l.contains("plan.yaml:") && l.contains("`sai`")),
        "{lines:#?}"
    );
    assert_eq!(std::fs::read(&docx).unwrap(), good);

    // Saving the same broken text again builds nothing (no second failed build, so the
    // error is not told again); the fix rebuilds.
    let broken = std::fs::read(&plan).unwrap();
    save(&plan, &broken);
    edit(&plan, "chu_tri: sai", "chu_tri: tpht");
    let lines = w.until("đã sinh");
    assert_eq!(count(&lines, "sinh lại có lỗi"), 0, "{lines:#?}");
    assert_eq!(count(&lines, "đã sinh lại xong"), 1, "{lines:#?}");
}

#[test]
fn report_watch_rebuilds_on_a_change_of_its_period_data() {
    let (plan_dir, out) = seed_copy("watch-report");
    let w = Watching::start(&[
        "report",
        plan_dir.to_str().unwrap(),
        "--ky",
        "2024-6T",
        "--format",
        "docx",
        "--theo-doi",
        "-o",
        out.to_str().unwrap(),
    ]);
    w.until("đã sinh xong");
    let docx = out.join("bao-cao-2024-6t.docx");
    let before = docx_text(&docx);

    let data = plan_dir.join("bao-cao").join("2024-6t.yaml");
    let text = std::fs::read_to_string(&data).unwrap();
    let so = text
        .lines()
        .find_map(|l| l.strip_prefix("so: "))
        .expect("the period file has a number")
        .trim()
        .to_string();
    edit(&data, &format!("so: {so}"), "so: 987");
    let lines = w.until("đã sinh lại xong");
    assert_eq!(count(&lines, "sinh lại"), 1, "{lines:#?}");
    let after = docx_text(&docx);
    assert!(
        after.contains("987/BC-UBND"),
        "new number not in the report"
    );
    assert_ne!(before, after);

    // Files the report does not read start nothing: a document saved beside the plan, an
    // editor's swap file beside the period file.
    std::fs::write(plan_dir.join("ke-hoach.docx"), b"not an input").unwrap();
    std::fs::write(plan_dir.join("bao-cao").join(".2024-6t.yaml.swp"), b"swap").unwrap();
    let idle = w.during(Duration::from_secs(3));
    assert_eq!(rebuilds(&idle), 0, "{idle:#?}");
}

#[test]
fn report_watch_refuses_a_bad_period_at_once() {
    let (plan_dir, _) = seed_copy("watch-bad-period");
    let o = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args([
            "report",
            plan_dir.to_str().unwrap(),
            "--ky",
            "2024-Q5",
            "--theo-doi",
        ])
        .output()
        .expect("run vanban");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("kỳ báo cáo \"2024-Q5\" không hợp lệ"));
}
