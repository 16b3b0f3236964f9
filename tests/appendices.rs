//! `vanban build --phu-luc`: the appendices alone, to rebuild them after edits — the same
//! pages as in the whole plan, each restarting its numbers, each with its "(Kèm theo …)" line.

mod common;
mod pdf_common;
use common::*;

/// Lines of each page, page numbers included.
fn page_lines(pdf: &[u8]) -> Vec<Vec<String>> {
    pdf_common::read::read(pdf)
        .pages
        .iter()
        .map(|p| p.lines().into_iter().map(|l| l.1).collect())
        .collect()
}

#[test]
fn appendices_alone_have_the_pages_they_have_in_the_plan() {
    let dir = scratch("phu-luc");
    let o = vanban(&["build", SEED, "-o", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = vanban(&["build", SEED, "--phu-luc", "-o", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let whole = page_lines(&std::fs::read(dir.join("ke-hoach.pdf")).unwrap());
    let alone = page_lines(&std::fs::read(dir.join("phu-luc.pdf")).unwrap());
    let first = whole
        .iter()
        .position(|p| p.first().is_some_and(|l| l == "Phụ lục I"))
        .expect("Phụ lục I in the plan");
    assert_eq!(
        alone.len(),
        whole.len() - first,
        "one page for each appendix page"
    );
    assert_eq!(
        &whole[first..],
        &alone[..],
        "same lines, page numbers included"
    );
    // The DOCX: four turned sections, each restarting at 1, no body before them.
    let docx = std::fs::read(dir.join("phu-luc.docx")).unwrap();
    let xml = part(&docx, "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let sects: Vec<_> = doc.descendants().filter(|n| is(n, "sectPr")).collect();
    assert_eq!(sects.len(), 4);
    for s in &sects {
        assert_eq!(
            attr(&child(s, "pgSz").unwrap(), "orient"),
            Some("landscape")
        );
        assert_eq!(
            child(s, "pgNumType").and_then(|n| attr(&n, "start")),
            Some("1")
        );
    }
    let paras = body_paragraphs(&doc);
    assert_eq!(paras[0], "Phụ lục I");
    assert!(
        paras
            .iter()
            .filter(|p| p.starts_with("(Kèm theo Kế hoạch số"))
            .count()
            == 4
    );
}

#[test]
fn one_appendix_by_number_or_id() {
    let dir = scratch("phu-luc-one");
    for (which, stem) in [("II", "phu-luc-sipas"), ("pci", "phu-luc-pci")] {
        let o = vanban(&[
            "build",
            SEED,
            "--phu-luc",
            which,
            "-o",
            dir.to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let pages = page_lines(&std::fs::read(dir.join(format!("{stem}.pdf"))).unwrap());
        // Its label stays the one it has in the plan.
        let label = if which == "II" {
            "Phụ lục II"
        } else {
            "Phụ lục IV"
        };
        assert_eq!(pages[0][0], label);
        assert!(pages.iter().all(|p| !p.iter().any(|l| l == "Phụ lục I")));
    }
    let o = vanban(&[
        "build",
        SEED,
        "--phu-luc",
        "VII",
        "-o",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains(
            "không có phụ lục \"VII\"; các phụ lục: Phụ lục I (par-index), Phụ lục II (sipas)"
        ),
        "{}",
        stderr(&o)
    );
}
