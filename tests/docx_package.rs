//! The package of every DOCX the tool makes (plan, appendices alone, one appendix, report;
//! the seed and generated plans), walked through its relationships as a strict reader does:
//! every part is reached from `_rels/.rels`, every target exists, every part has a content
//! type, and no content type names a part that is not there.

mod common;
use common::*;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::Path;

const CONTENT_TYPES: &str = "[Content_Types].xml";

fn parts(docx: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut out = BTreeMap::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).unwrap();
        if f.is_dir() {
            continue;
        }
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).unwrap();
        out.insert(f.name().to_string(), bytes);
    }
    out
}

/// The relationships part of `part` ("" for the package itself).
fn rels_of(part: &str) -> String {
    match part.rsplit_once('/') {
        Some((dir, name)) => format!("{dir}/_rels/{name}.rels"),
        None => format!("_rels/{part}.rels"),
    }
}

/// The part a `.rels` part belongs to ("" for `_rels/.rels`).
fn source_of(rels: &str) -> String {
    let (dir, name) = rels.rsplit_once("_rels/").unwrap();
    format!("{dir}{}", name.trim_end_matches(".rels"))
}

/// `target` taken from the folder of `source`, "/…" from the package root.
fn resolve(source: &str, target: &str) -> String {
    let mut path: Vec<&str> = match target.strip_prefix('/') {
        Some(_) => Vec::new(),
        None => source.split('/').collect(),
    };
    path.pop();
    for step in target.split('/') {
        match step {
            "" | "." => {}
            ".." => {
                path.pop();
            }
            s => path.push(s),
        }
    }
    path.join("/")
}

/// What a strict reader would flag in the package, one line each.
fn package_faults(docx: &[u8]) -> Vec<String> {
    let parts = parts(docx);
    let text = |name: &str| String::from_utf8(parts[name].clone()).unwrap();
    let mut faults = Vec::new();

    // Relationships, from the package's own down.
    let mut reached = BTreeSet::new();
    let mut queue = vec![String::new()];
    while let Some(source) = queue.pop() {
        let rels = rels_of(&source);
        if !parts.contains_key(&rels) {
            continue;
        }
        let xml = text(&rels);
        let doc = roxmltree::Document::parse(&xml).unwrap();
        for r in doc.descendants().filter(|n| n.has_tag_name("Relationship")) {
            if r.attribute("TargetMode") == Some("External") {
                continue;
            }
            let target = resolve(&source, r.attribute("Target").unwrap());
            if !parts.contains_key(&target) {
                faults.push(format!("{rels}: target {target} is not in the package"));
            } else if reached.insert(target.clone()) {
                queue.push(target);
            }
        }
    }
    for name in parts.keys() {
        if name == CONTENT_TYPES {
            continue;
        }
        if name.ends_with(".rels") {
            let source = source_of(name);
            if !source.is_empty() && !parts.contains_key(&source) {
                faults.push(format!("{name}: relationships of a missing part {source}"));
            }
        } else if !reached.contains(name) {
            faults.push(format!("{name}: no relationship refers to it"));
        }
    }

    // Content types.
    let xml = text(CONTENT_TYPES);
    let types = roxmltree::Document::parse(&xml).unwrap();
    let defaults: BTreeMap<String, &str> = types
        .descendants()
        .filter(|n| n.has_tag_name("Default"))
        .map(|n| {
            let ext = n.attribute("Extension").unwrap().to_ascii_lowercase();
            (ext, n.attribute("ContentType").unwrap())
        })
        .collect();
    let overrides: BTreeMap<String, &str> = types
        .descendants()
        .filter(|n| n.has_tag_name("Override"))
        .map(|n| {
            let name = n.attribute("PartName").unwrap().trim_start_matches('/');
            (name.to_string(), n.attribute("ContentType").unwrap())
        })
        .collect();
    for o in overrides.keys() {
        if !parts.contains_key(o) {
            faults.push(format!("{CONTENT_TYPES}: Override of a missing part {o}"));
        }
    }
    for name in parts.keys().filter(|n| *n != CONTENT_TYPES) {
        let ext = name
            .rsplit_once('.')
            .map_or("", |(_, e)| e)
            .to_ascii_lowercase();
        match overrides.get(name).or(defaults.get(&ext)) {
            None => faults.push(format!("{name}: no content type")),
            // Every part of a WordprocessingML package has a type of its own: the
            // generic one (from the "xml" Default) means its Override is missing.
            Some(&"application/xml") => faults.push(format!("{name}: no content type of its own")),
            Some(_) => {}
        }
    }
    faults
}

fn run(args: &[&str]) {
    let o = vanban(args);
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
}

/// Checks every DOCX in `out`; returns how many there were.
fn check_all(out: &Path) -> usize {
    let mut seen = 0;
    for e in std::fs::read_dir(out).unwrap() {
        let path = e.unwrap().path();
        if path.extension().is_some_and(|x| x == "docx") {
            let faults = package_faults(&std::fs::read(&path).unwrap());
            assert!(
                faults.is_empty(),
                "{}:\n{}",
                path.display(),
                faults.join("\n")
            );
            seen += 1;
        }
    }
    seen
}

#[test]
fn the_seed_documents_hold_only_parts_they_refer_to() {
    let out = scratch("seed");
    let o = out.to_str().unwrap();
    run(&["build", SEED, "-o", o, "--format", "docx"]);
    run(&["build", SEED, "--phu-luc", "-o", o, "--format", "docx"]);
    run(&[
        "build",
        SEED,
        "--phu-luc",
        "II",
        "-o",
        o,
        "--format",
        "docx",
    ]);
    run(&[
        "report", SEED, "--ky", "2024-Q1", "-o", o, "--format", "docx",
    ]);
    // Plan, appendices, one appendix, report (with its charts).
    assert_eq!(check_all(&out), 4);
    let report = std::fs::read(out.join("bao-cao-2024-q1.docx")).unwrap();
    let names = part_names(&report);
    assert!(names.iter().any(|n| n == "word/charts/chart1.xml"));
    for unused in [
        "word/comments.xml",
        "word/commentsExtended.xml",
        "word/numbering.xml",
        "word/footnotes.xml",
        "word/_rels/header3.xml.rels",
    ] {
        assert!(!names.iter().any(|n| n == unused), "{unused} is written");
    }
}

#[test]
fn generated_documents_hold_only_parts_they_refer_to() {
    for seed in [1, 2, 5] {
        let dir = scratch(&format!("case-{seed}"));
        let case = shapes::report_case(seed);
        case.write(&dir);
        let plan = dir.to_str().unwrap();
        let out = dir.join("out");
        let o = out.to_str().unwrap();
        run(&["build", plan, "-o", o, "--format", "docx"]);
        run(&[
            "report", plan, "--ky", "2025-Q1", "-o", o, "--format", "docx",
        ]);
        if case.plan.contains("\nphu_luc:") {
            run(&["build", plan, "--phu-luc", "-o", o, "--format", "docx"]);
        }
        assert!(check_all(&out) >= 2, "seed {seed}");
    }
}

#[test]
fn a_package_with_an_unreferenced_part_is_flagged() {
    // The check itself: the package as docx-rs alone writes it has such parts.
    let mut buf = std::io::Cursor::new(Vec::new());
    docx_rs::Docx::new().build().pack(&mut buf).unwrap();
    let faults = package_faults(buf.get_ref());
    assert!(
        faults
            .iter()
            .any(|f| f == "word/footnotes.xml: no relationship refers to it"),
        "{faults:?}"
    );
    assert!(
        faults
            .iter()
            .any(|f| f == "word/footnotes.xml: no content type of its own"),
        "{faults:?}"
    );
}
