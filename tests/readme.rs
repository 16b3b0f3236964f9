//! The README's commands run as written right after its two set-up steps (issue 14 §9): each
//! is `cargo run --release -- …` (here: the built binary with the same arguments), none is a
//! bare `vanban …` that only an install would give. Commands with placeholders (`<KẾ_HOẠCH>`,
//! `[…]`) are the table's forms: their subcommand must exist (`--help`). The others run in
//! README order in a copy of `plans/`, with the README's `cp` steps done between them.

mod common;
use common::*;
use std::path::Path;

const PREFIX: &str = "cargo run --release -- ";

/// The user part's code: inline spans and indented blocks, in order, table escapes undone.
fn snippets(readme: &str) -> Vec<String> {
    let user = readme.split("## For contributors").next().unwrap_or("");
    let mut out = Vec::new();
    for line in user.lines() {
        if let Some(code) = line.strip_prefix("    ") {
            out.push(code.trim().to_string());
            continue;
        }
        out.extend(
            line.split('`')
                .skip(1)
                .step_by(2)
                .map(|s| s.replace("\\|", "|")),
        );
    }
    // Spans broken over two lines are joined by the lines' own break; none of the commands is.
    out
}

fn placeholder(arg: &str) -> bool {
    arg.contains(['<', '[', '|', '…'])
}

fn run_in(dir: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run vanban")
}

#[test]
fn every_readme_command_runs_as_written() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let snippets = snippets(&readme);
    let bare: Vec<&String> = snippets
        .iter()
        .filter(|s| s.starts_with("vanban ") && !s.contains('…'))
        .collect();
    assert!(bare.is_empty(), "commands that need an install: {bare:?}");
    let dir = scratch("readme");
    copy_dir(&root().join("plans"), &dir.join("plans"));
    let mut ran = 0;
    for s in &snippets {
        if let Some(rest) = s.strip_prefix("cp ") {
            // The folder form (`cp -r …/2024-q1 …/2024-6t`) is an illustration: the sample
            // already has its 6-month data.
            if let [from, to] = rest.split_whitespace().collect::<Vec<_>>()[..] {
                std::fs::copy(dir.join(from), dir.join(to)).unwrap();
            }
            continue;
        }
        let Some(rest) = s.strip_prefix(PREFIX) else {
            continue;
        };
        let args: Vec<&str> = rest.split_whitespace().collect();
        if args.first() == Some(&"nhap") {
            // The folder of forms received back stands for what the units sent: here the
            // forms `phieu` wrote a step earlier, unedited, so the import changes nothing.
            received_forms(&dir, &args);
        }
        let o = if args.iter().any(|a| placeholder(a)) {
            let words: Vec<&str> = args
                .iter()
                .copied()
                .take_while(|a| !placeholder(a) && !a.starts_with('-'))
                .chain(["--help"])
                .collect();
            run_in(&dir, &words)
        } else {
            run_in(&dir, &args)
        };
        assert_eq!(o.status.code(), Some(0), "`{s}`: {}", stderr(&o));
        ran += 1;
    }
    // The set-up build, the table's ten forms, init/check/build of a new plan, check and
    // report of a new period, templates export, schema -o, --help…
    assert!(ran >= 20, "{ran} commands found");
    assert!(dir
        .join("output/phu-son-2023-2025/bao-cao-2025-q1.pdf")
        .is_file());
    assert!(dir.join("output/ten-ke-hoach-moi/ke-hoach.docx").is_file());
}

/// Fills the folder a README `nhap` names with the forms the README's `phieu` wrote.
fn received_forms(dir: &Path, args: &[&str]) {
    let Some(folder) = args.iter().rev().find(|a| a.ends_with('/')) else {
        return;
    };
    let (Some(plan), Some(period)) = (args.get(1), args.iter().position(|a| *a == "--ky")) else {
        return;
    };
    let plan = Path::new(plan).file_name().unwrap();
    let key = args[period + 1].to_lowercase();
    let written = dir.join("output").join(plan).join(format!("phieu-{key}"));
    let to = dir.join(folder);
    std::fs::create_dir_all(&to).unwrap();
    for e in std::fs::read_dir(&written).expect("the README runs phieu before nhap") {
        let e = e.unwrap();
        std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
    }
}
