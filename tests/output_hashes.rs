//! The bytes of every output, recorded: the seed plan, its appendices alone, the four Phú Sơn
//! reports (DOCX, PDF and XLSX), and ten generated plans with their reports. Issue 16
//! restructures the code and must leave these bytes as they are; a change that means to alter
//! an output records the new hashes with `VANBAN_BLESS=1 cargo test --test output_hashes`
//! and says why in its commit, where the diff of tests/fixtures/output-hashes.txt shows which
//! files moved.

mod common;

use common::{scratch, shapes, stderr, vanban, SEED};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::Path;

const RECORD: &str = "tests/fixtures/output-hashes.txt";

fn run(args: &[&str]) {
    let o = vanban(args);
    assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
}

/// Every file under `dir`, by its path relative to `dir`, with the SHA-256 of its bytes.
fn hashes(dir: &Path, prefix: &str, out: &mut BTreeMap<String, String>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let name = format!("{prefix}{}", e.file_name().to_string_lossy());
        if e.path().is_dir() {
            hashes(&e.path(), &format!("{name}/"), out);
        } else if !name.ends_with(".json") && !e.file_name().to_string_lossy().starts_with('.') {
            let digest = Sha256::digest(std::fs::read(e.path()).unwrap());
            let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
            out.insert(name, hex);
        }
    }
}

#[test]
fn outputs_keep_their_recorded_bytes() {
    let dir = scratch("outputs");
    let out = dir.join("out");
    let o = |name: &str| out.join(name).to_string_lossy().into_owned();
    run(&["build", SEED, "--lam-lai", "-o", &o("phu-son/ke-hoach")]);
    run(&[
        "build",
        SEED,
        "--phu-luc",
        "--lam-lai",
        "-o",
        &o("phu-son/phu-luc"),
    ]);
    run(&[
        "report",
        SEED,
        "--ky",
        "tat-ca",
        "--lam-lai",
        "-o",
        &o("phu-son/bao-cao"),
    ]);
    for seed in 0..10u64 {
        let case = shapes::report_case(seed);
        let plan = dir.join("plans").join(format!("hinh-{seed:02}"));
        case.write(&plan);
        let p = plan.to_string_lossy().into_owned();
        let name = format!("hinh-{seed:02}");
        run(&[
            "build",
            &p,
            "--lam-lai",
            "-o",
            &o(&format!("{name}/ke-hoach")),
        ]);
        run(&[
            "report",
            &p,
            "--ky",
            "tat-ca",
            "--lam-lai",
            "-o",
            &o(&format!("{name}/bao-cao")),
        ]);
    }
    let mut got = BTreeMap::new();
    hashes(&out, "", &mut got);
    let text: String = got.iter().map(|(k, v)| format!("{v}  {k}\n")).collect();
    let record = common::root().join(RECORD);
    if std::env::var_os("VANBAN_BLESS").is_some() {
        std::fs::write(&record, &text).unwrap();
        return;
    }
    let recorded = std::fs::read_to_string(&record).unwrap_or_default();
    let want: BTreeMap<&str, &str> = recorded
        .lines()
        .filter_map(|l| l.split_once("  ").map(|(h, n)| (n, h)))
        .collect();
    let moved: Vec<&str> = got
        .iter()
        .filter(|(n, h)| want.get(n.as_str()) != Some(&h.as_str()))
        .map(|(n, _)| n.as_str())
        .chain(want.keys().copied().filter(|n| !got.contains_key(*n)))
        .collect();
    assert!(
        moved.is_empty(),
        "{} of {} outputs differ from {RECORD}: {moved:?}",
        moved.len(),
        got.len()
    );
    // The record covers every job (each generated plan has two reports or more): a run that
    // wrote nothing would prove nothing.
    assert!(
        got.len() >= 2 * (1 + 1 + 4) + 10 * 2 * 3,
        "{} outputs",
        got.len()
    );
}
