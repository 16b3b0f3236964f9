//! Issue 8, "a clerk cannot break it": corrupt output, output sets, capped reads, symbols
//! the font lacks. (The broken-input corpus is `tests/corpus.rs`.)

mod common;
mod pdf_common;
use common::*;
use std::path::{Path, PathBuf};

fn seed_text() -> String {
    std::fs::read_to_string(root().join(SEED).join("plan.yaml")).unwrap()
}

/// The seed plan with `from` replaced by `to`, in a scratch folder.
fn mutated(name: &str, from: &str, to: &str) -> PathBuf {
    let dir = scratch(name);
    let src = seed_text();
    assert!(src.contains(from), "fixture text not in seed: {from}");
    std::fs::write(dir.join("plan.yaml"), src.replacen(from, to, 1)).unwrap();
    dir
}

/// The seed plan with the line starting with `prefix` replaced by `line`.
fn with_line(name: &str, prefix: &str, line: &str) -> PathBuf {
    let dir = scratch(name);
    let src: Vec<String> = seed_text()
        .lines()
        .map(|l| {
            if l.starts_with(prefix) {
                line.to_string()
            } else {
                l.to_string()
            }
        })
        .collect();
    std::fs::write(dir.join("plan.yaml"), src.join("\n")).unwrap();
    dir
}

fn line_of(dir: &Path, needle: &str) -> usize {
    let s = std::fs::read_to_string(dir.join("plan.yaml")).unwrap();
    s.lines().position(|l| l.contains(needle)).unwrap() + 1
}

const DIA_DANH: &str = "dia_danh: Phú Sơn";

#[test]
fn control_character_escapes_are_refused_with_their_place() {
    for esc in ["\\a", "\\v", "\\f", "\\0", "\\x01", "\\x1f", "\\uFFFE"] {
        let dir = mutated("ctl", DIA_DANH, &format!("dia_danh: \"Phú{esc}Sơn\""));
        let out = dir.join("out");
        let o = vanban(&["build", dir.to_str().unwrap(), "-o", out.to_str().unwrap()]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{esc}: {err}");
        let line = line_of(&dir, "dia_danh:");
        assert!(
            err.contains(&format!("plan.yaml:{line}:11: trường `dia_danh`")),
            "{esc}: {err}"
        );
        assert!(err.contains("ký tự điều khiển U+"), "{err}");
        assert!(!out.join("ke-hoach.docx").exists());
    }
}

#[test]
fn tabs_and_line_separators_become_spaces_in_every_writer() {
    let dir = with_line("seps", "ket_luan: ", "ket_luan: \"Một\\Lhai\\Pba\\tbốn\"");
    let out = dir.join("out");
    let o = vanban(&["build", dir.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let docx = std::fs::read(out.join("ke-hoach.docx")).unwrap();
    for name in part_names(&docx) {
        if name.ends_with(".xml") || name.ends_with(".rels") {
            let xml = part(&docx, &name);
            roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(
                !xml.contains('\u{2028}') && !xml.contains('\u{2029}'),
                "{name}"
            );
        }
    }
    assert!(part(&docx, "word/document.xml").contains("Một hai ba bốn"));
    let pdf = pdf_common::read::read(&std::fs::read(out.join("ke-hoach.pdf")).unwrap());
    let text: String = pdf.pages.iter().map(|p| p.stream_text()).collect();
    assert!(text.contains("Một hai ba"), "{text}");
}

#[test]
fn a_build_replaces_all_its_files_or_none() {
    let out = scratch("set");
    let o = vanban(&["build", SEED, "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let before = std::fs::read(out.join("ke-hoach.docx")).unwrap();
    std::fs::remove_file(out.join("ke-hoach.pdf")).unwrap();
    std::fs::create_dir(out.join("ke-hoach.pdf")).unwrap();
    let dir = mutated("set-plan", DIA_DANH, "dia_danh: Phú Lâm");
    let o = vanban(&["build", dir.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("ke-hoach.pdf") && err.contains("không tệp nào"),
        "{err}"
    );
    assert_eq!(std::fs::read(out.join("ke-hoach.docx")).unwrap(), before);
    let stray: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        // Temporary files; the fingerprint record (.ke-hoach.vanban) is meant to stay.
        .filter(|n| n.starts_with('.') && !n.ends_with(".vanban"))
        .collect();
    assert!(stray.is_empty(), "{stray:?}");
}

#[test]
fn out_pointing_at_a_file_is_told_plainly() {
    let dir = scratch("out-file");
    let f = dir.join("ket-qua");
    std::fs::write(&f, "x").unwrap();
    let o = vanban(&["build", SEED, "-o", f.to_str().unwrap()]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("đây là một tệp, không phải thư mục"), "{err}");
    assert!(!err.contains("os error"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_device_as_font_is_refused_quickly() {
    let dir = mutated(
        "dev-zero",
        DIA_DANH,
        "dia_danh: Phú Sơn\ntrinh_bay:\n  phong_chu:\n    thuong: /dev/zero\n    dam: /dev/zero\n    nghieng: /dev/zero\n    dam_nghieng: /dev/zero",
    );
    let t = std::time::Instant::now();
    let o = vanban(&[
        "build",
        dir.to_str().unwrap(),
        "--format",
        "pdf",
        "-o",
        dir.join("o").to_str().unwrap(),
    ]);
    assert!(t.elapsed().as_secs() < 20);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("/dev/zero") && err.contains("không phải tệp thường"),
        "{err}"
    );
}

#[test]
fn symbols_are_drawn_from_the_fallback_and_missing_ones_warned() {
    let dir = with_line(
        "symbols",
        "ket_luan: ",
        "ket_luan: \"Đã xong ✓, chưa ☐, bước ① → ② 😀\"",
    );
    let out = dir.join("out");
    let o = vanban(&["build", dir.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    let line = line_of(&dir, "ket_luan:");
    assert!(
        err.contains(&format!("plan.yaml:{line}:11: `ket_luan`")),
        "{err}"
    );
    assert!(err.contains("U+1F600") && !err.contains("U+2713"), "{err}");
    let pdf = pdf_common::read::read(&std::fs::read(out.join("ke-hoach.pdf")).unwrap());
    let symbols: String = pdf
        .pages
        .iter()
        .flat_map(|p| p.glyphs.iter())
        .filter(|g| g.font.contains("DejaVu"))
        .map(|g| g.text.clone())
        .collect();
    // → is in Liberation Serif itself.
    assert_eq!(symbols, "✓☐①②");
    let docx = std::fs::read(out.join("ke-hoach.docx")).unwrap();
    let xml = part(&docx, "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    assert!(body_paragraphs(&doc)
        .iter()
        .any(|p| p.contains("Đã xong ✓, chưa ☐, bước ① → ② 😀")));
    // The DOCX names the face the PDF drew the same characters from.
    let named: String = doc
        .descendants()
        .filter(|n| is(n, "r"))
        .filter(|r| {
            child(r, "rPr")
                .and_then(|p| child(&p, "rFonts"))
                .and_then(|f| attr(&f, "ascii"))
                == Some("DejaVu Sans")
        })
        .flat_map(|r| children(&r, "t"))
        .filter_map(|t| t.text())
        .collect();
    assert_eq!(named, symbols);
}

#[test]
fn one_margin_or_one_font_face_can_be_changed_alone() {
    let font = root().join("crates/render/assets/fonts/LiberationSerif-Italic.ttf");
    let dir = mutated(
        "partial",
        DIA_DANH,
        &format!(
            "dia_danh: Phú Sơn\ntrinh_bay:\n  le: {{trai: 35}}\n  phong_chu:\n    thuong: \"{}\"",
            font.display()
        ),
    );
    let out = dir.join("out");
    let o = vanban(&["build", dir.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let xml = part(
        &std::fs::read(out.join("ke-hoach.docx")).unwrap(),
        "word/document.xml",
    );
    // 35 mm left, the Decree 30 defaults elsewhere: 20 mm top, 15 mm right (in twips).
    let mar = &xml[xml.find("<w:pgMar").unwrap()..];
    let mar = &mar[..mar.find("/>").unwrap()];
    assert!(mar.contains("w:left=\"1984\""), "{mar}");
    assert!(
        mar.contains("w:top=\"1134\"") && mar.contains("w:right=\"850\""),
        "{mar}"
    );
    assert!(out.join("ke-hoach.pdf").exists());
}

#[test]
fn every_help_is_vietnamese() {
    let english = [
        "Usage",
        "Options",
        "Arguments",
        "Commands",
        "Possible values",
        "default:",
        "aliases",
        "COMMAND",
        "OPTIONS",
        "Print help",
        "Print version",
        "[env:",
    ];
    for args in [
        &["--help"][..],
        &["build", "--help"],
        &["report", "--help"],
        &["check", "--help"],
        &["templates", "--help"],
        &["templates", "export", "--help"],
        &["init", "--help"],
        &["templates"],
        &["help"],
        &["schema", "--help"],
        &["help", "--help"],
        &["help", "report"],
    ] {
        let o = vanban(args);
        let text = format!("{}{}", String::from_utf8_lossy(&o.stdout), stderr(&o));
        for word in english {
            assert!(!text.contains(word), "{args:?} shows \"{word}\":\n{text}");
        }
        // Every argument line has its description.
        for line in text.lines() {
            let t = line.trim_start();
            if t.starts_with('<') && t.ends_with("...") || t.starts_with('<') && t.ends_with('>') {
                panic!("{args:?}: undescribed argument: {line}");
            }
        }
    }
    let o = vanban(&["templates"]);
    assert!(stderr(&o).contains("export  Ghi các mẫu"), "{}", stderr(&o));
    // `vanban help build` is `vanban build --help`.
    let a = vanban(&["help", "build"]);
    let b = vanban(&["build", "--help"]);
    assert_eq!(a.status.code(), Some(0));
    assert_eq!(a.stdout, b.stdout);
    assert!(String::from_utf8_lossy(&a.stdout).contains("--phu-luc"));
    let a = vanban(&["help", "templates", "export"]);
    let b = vanban(&["templates", "export", "--help"]);
    assert_eq!(a.stdout, b.stdout);
    let o = vanban(&["help", "buidl"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("có phải `build`?"), "{}", stderr(&o));
}

#[test]
fn typos_get_a_suggestion_and_values_ignore_case() {
    let o = vanban(&["biuld", SEED]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("có phải `build`?"), "{}", stderr(&o));
    let o = vanban(&["build", "--fromat", "pdf", SEED]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("có phải `--format`?"), "{}", stderr(&o));
    let out = scratch("format-case");
    let o = vanban(&[
        "build",
        SEED,
        "--format",
        "PDF",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(out.join("ke-hoach.pdf").exists() && !out.join("ke-hoach.docx").exists());
}

#[test]
fn init_writes_a_commented_plan_that_checks_and_refuses_to_overwrite() {
    let dir = scratch("init").join("ke-hoach-moi");
    let d = dir.to_str().unwrap();
    let o = vanban(&["init", d]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let plan = std::fs::read_to_string(dir.join("plan.yaml")).unwrap();
    // Every field line has a comment above it or is inside a commented block.
    assert!(plan.matches("\n#").count() + plan.matches("\n  #").count() >= 20);
    assert!(!plan.contains("Phú Sơn"));
    // The example period is kept in vi-du/ until copied into bao-cao/ (tests/starter.rs).
    std::fs::copy(
        dir.join("vi-du/2025-q1.yaml"),
        dir.join("bao-cao/2025-q1.yaml"),
    )
    .unwrap();
    let o = vanban(&["check", d]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("các kỳ 2025-q1"));
    let out = dir.join("out");
    let o = vanban(&["report", d, "--ky", "2025-Q1", "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    std::fs::write(dir.join("plan.yaml"), "so: 1\n").unwrap();
    let o = vanban(&["init", d]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("không ghi đè"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(dir.join("plan.yaml")).unwrap(),
        "so: 1\n"
    );
    // A schema file of the clerk's own is not overwritten either.
    let other = scratch("init-schema").join("moi");
    std::fs::create_dir_all(other.join("schema")).unwrap();
    std::fs::write(
        other.join("schema/ke-hoach.schema.json"),
        "{\"cua-toi\": 1}",
    )
    .unwrap();
    let o = vanban(&["init", other.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("ke-hoach.schema.json: đã có"),
        "{}",
        stderr(&o)
    );
    assert!(!other.join("plan.yaml").exists());
}

/// A file saved with old Mac line ends (CR alone) reads like any other, even when it starts
/// with a comment, and its mistakes are placed on their lines.
#[test]
fn cr_only_line_ends_are_read_and_located() {
    let dir = scratch("cr-only");
    let text = format!("# ghi chú đầu tệp\n{}", seed_text()).replace('\n', "\r");
    std::fs::write(dir.join("plan.yaml"), &text).unwrap();
    let o = vanban(&["check", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("hợp lệ — 3 mục lớn, 22 nhiệm vụ"));

    let bad = text.replacen("dia_danh: Phú Sơn", "dia_danh: ~", 1);
    std::fs::write(dir.join("plan.yaml"), &bad).unwrap();
    let line = bad
        .split('\r')
        .position(|l| l.starts_with("dia_danh:"))
        .unwrap()
        + 1;
    let o = vanban(&["check", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains(&format!(
            "plan.yaml:{line}:1: trường `dia_danh`: cần một đoạn chữ"
        )),
        "{}",
        stderr(&o)
    );
}
