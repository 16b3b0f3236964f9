//! Helpers shared by the integration tests: building the seed plan and reading outputs back.
#![allow(dead_code)]

pub mod libreoffice;
pub mod shapes;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const SEED: &str = "plans/phu-son-2023-2025";

/// The header row of a report's progress appendix (Phụ lục I), to find that table.
pub const PROGRESS_HEADER: [&str; 6] = [
    "TT",
    "Nhiệm vụ",
    "Đơn vị chủ trì",
    "Tiến độ",
    "Kết quả, sản phẩm",
    "Ghi chú",
];

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh, empty scratch folder for one test, under cargo's `target/tmp`: the next run of
/// the same test empties it, so scratch folders do not pile up in the system's temp folder,
/// and two checkouts (their own `target/`) never share one.
pub fn scratch(name: &str) -> PathBuf {
    let dir =
        Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("{}-{name}", env!("CARGO_CRATE_NAME")));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Copies the folder `from` into `to`, recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.path().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

/// Runs the binary with `args` from the crate root.
pub fn vanban(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("run vanban")
}

/// `vanban report <dir> --ky <ky> [extra…] -o <dir>/out`: the output folder and the run.
pub fn report_into(dir: &Path, ky: &str, extra: &[&str]) -> (PathBuf, Output) {
    let out = dir.join("out");
    let mut args = vec!["report", dir.to_str().unwrap(), "--ky", ky];
    args.extend_from_slice(extra);
    args.extend(["-o", out.to_str().unwrap()]);
    let o = vanban(&args);
    (out, o)
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// `doc` as DOCX bytes through the render crate's one entry point; the error's message.
pub fn write_docx(
    doc: &vanban::ir::Document,
    style: &vanban::style::StyleSheet,
    fonts: &vanban::fonts::FontSet,
) -> Result<Vec<u8>, String> {
    let faces = &mut vanban_render::FaceCache::default();
    vanban_render::render(doc, style, fonts, vanban_render::Formats::DOCX, faces)
        .map(|o| o.docx.expect("DOCX asked"))
        .map_err(|e| e.to_string())
}

/// `doc` as PDF bytes through the render crate's one entry point; the error's message.
pub fn write_pdf(
    doc: &vanban::ir::Document,
    style: &vanban::style::StyleSheet,
    fonts: &vanban::fonts::FontSet,
) -> Result<Vec<u8>, String> {
    let faces = &mut vanban_render::FaceCache::default();
    vanban_render::render(doc, style, fonts, vanban_render::Formats::PDF, faces)
        .map(|o| o.pdf.expect("PDF asked"))
        .map_err(|e| e.to_string())
}

/// The seed plan's DOCX bytes, built through the library.
pub fn seed_docx() -> Vec<u8> {
    let tpl = vanban::template::Templates::load(None).unwrap();
    let b = vanban::pipeline::build_document(&root().join(SEED).join("plan.yaml"), &tpl).unwrap();
    write_docx(&b.document, &b.style, &vanban::fonts::FontSet::bundled()).unwrap()
}

/// One part of a DOCX (zip) as text.
pub fn part(docx: &[u8], name: &str) -> String {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut f = z.by_name(name).unwrap_or_else(|_| panic!("no part {name}"));
    let mut s = String::new();
    f.read_to_string(&mut s).unwrap();
    s
}

pub fn part_names(docx: &[u8]) -> Vec<String> {
    let z = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    z.file_names().map(String::from).collect()
}

pub const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

pub fn is(n: &roxmltree::Node, name: &str) -> bool {
    n.is_element() && n.tag_name().name() == name && n.tag_name().namespace() == Some(W)
}

pub fn attr<'a>(n: &roxmltree::Node<'a, '_>, name: &str) -> Option<&'a str> {
    n.attribute((W, name))
}

pub fn child<'a, 'i>(n: &roxmltree::Node<'a, 'i>, name: &str) -> Option<roxmltree::Node<'a, 'i>> {
    n.children().find(|c| is(c, name))
}

pub fn children<'a, 'i>(n: &roxmltree::Node<'a, 'i>, name: &str) -> Vec<roxmltree::Node<'a, 'i>> {
    n.children().filter(|c| is(c, name)).collect()
}

/// The text a reader sees in a paragraph: w:t texts, w:br as '\n'.
pub fn para_text(p: &roxmltree::Node) -> String {
    let mut s = String::new();
    for d in p.descendants() {
        if is(&d, "t") {
            s.push_str(d.text().unwrap_or(""));
        } else if is(&d, "br") {
            s.push('\n');
        }
    }
    s
}

pub fn body<'a, 'i>(doc: &'a roxmltree::Document<'i>) -> roxmltree::Node<'a, 'i> {
    doc.descendants().find(|n| is(n, "body")).unwrap()
}

/// Texts of the body's top-level paragraphs, empty ones left out.
pub fn body_paragraphs(doc: &roxmltree::Document) -> Vec<String> {
    children(&body(doc), "p")
        .iter()
        .map(para_text)
        .filter(|t| !t.is_empty())
        .collect()
}

/// Top-level tables of the body.
pub fn tables<'a, 'i>(doc: &'a roxmltree::Document<'i>) -> Vec<roxmltree::Node<'a, 'i>> {
    children(&body(doc), "tbl")
}

/// A table's rows as lists of cell texts (paragraphs joined by '\n').
pub fn table_texts(t: &roxmltree::Node) -> Vec<Vec<String>> {
    children(t, "tr")
        .iter()
        .map(|tr| {
            children(tr, "tc")
                .iter()
                .map(|tc| {
                    children(tc, "p")
                        .iter()
                        .map(para_text)
                        .filter(|s| !s.is_empty())
                        .collect::<Vec<_>>()
                        .join("\n")
                })
                .collect()
        })
        .collect()
}

pub fn copy_seed_to(dir: &Path) -> PathBuf {
    let plan = dir.join("plan.yaml");
    std::fs::copy(root().join(SEED).join("plan.yaml"), &plan).unwrap();
    plan
}

/// The run properties of a paragraph's first run.
pub fn first_run_props<'a, 'i>(p: &roxmltree::Node<'a, 'i>) -> roxmltree::Node<'a, 'i> {
    let run = child(p, "r").expect("a run");
    child(&run, "rPr").expect("run properties")
}

/// The values a DOCX chart series holds under its child `tag` (`c:cat`, `c:val`), in order.
pub fn chart_series_values(ser: roxmltree::Node, tag: &str) -> Vec<String> {
    ser.children()
        .filter(|e| e.has_tag_name(tag))
        .flat_map(|x| x.descendants().filter(|v| v.has_tag_name("v")))
        .filter_map(|v| v.text().map(String::from))
        .collect()
}
