//! The report's opening and closing sentences name the issuing body once each where they
//! can: a plan titled "… của <the body>" is quoted without that closing, whatever its
//! spelling; a title closing with another body is quoted whole. Read back from the DOCX.

mod common;
use common::*;
use unicode_normalization::UnicodeNormalization;

const BODY: &str = "Ủy ban nhân dân phường Đông Sơn";

/// How many times `s` names the body ("phường Đông Sơn", any case or Unicode form).
fn mentions(s: &str) -> usize {
    let s: String = s.nfc().collect::<String>().to_lowercase();
    s.matches("phường đông sơn").count()
}

/// The report of quý I for the plan of `seed` retitled; its opening and closing sentences.
fn sentences(seed: u64, body: &str, numbered: bool) -> (String, String, String) {
    let dir = scratch(&format!("opening-{seed}"));
    let mut case = shapes::report_case(seed);
    let (plan, title) = shapes::with_title_closing(&case.plan, body, numbered);
    case.plan = plan;
    case.write(&dir);
    let (out, o) = report_into(&dir, "2025-Q1", &["--format", "docx"]);
    assert!(o.status.success(), "seed {seed}: {}", stderr(&o));
    let docx = std::fs::read(out.join("bao-cao-2025-q1.docx")).unwrap();
    let xml = part(&docx, "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let paras = body_paragraphs(&doc);
    let find = |start: &str| {
        paras
            .iter()
            .find(|p| p.starts_with(start))
            .unwrap_or_else(|| panic!("seed {seed}: no \"{start}…\" in {paras:#?}"))
            .clone()
    };
    (find("Thực hiện "), find("Trên đây là báo cáo "), title)
}

/// The title as a sentence quotes it: all but its first letter, which may be lowered.
fn quoted_part(title: &str) -> &str {
    let first = title.chars().next().map_or(0, char::len_utf8);
    &title[first..]
}

#[test]
fn a_title_closing_with_its_issuer_is_not_named_twice_more() {
    for (i, spelling) in shapes::ISSUER_SPELLINGS.iter().enumerate() {
        for numbered in [true, false] {
            let seed = 2 * i as u64 + u64::from(numbered);
            let (opening, closing, title) = sentences(seed, spelling, numbered);
            let what = format!("seed {seed}, \"{spelling}\", numbered {numbered}");
            assert!(mentions(&opening) <= 2, "{what}: {opening}");
            assert!(mentions(&closing) <= 1, "{what}: {closing}");
            assert!(
                opening.contains(&format!("{} của {BODY}", quoted_part(&title)))
                    || opening.contains(&format!("{},", quoted_part(&title))),
                "{what}: the title is quoted whole but for its closing: {opening}"
            );
            assert!(
                opening.ends_with(&format!(
                    ", {BODY} báo cáo kết quả thực hiện quý I năm 2025 như sau:"
                )),
                "{what}: {opening}"
            );
            let reference = if numbered {
                "Thực hiện Kế hoạch số 12/KH-UBND ngày 09/3/2025 của ".to_string()
            } else {
                "Thực hiện Kế hoạch ".to_string()
            };
            assert!(opening.starts_with(&reference), "{what}: {opening}");
            let rest = if numbered {
                closing.strip_prefix("Trên đây là báo cáo kết quả thực hiện Kế hoạch số 12/KH-UBND")
            } else {
                // "Kế hoạch <title>", its first letter lowered or not.
                closing
                    .strip_prefix("Trên đây là báo cáo kết quả thực hiện Kế hoạch ")
                    .and_then(|r| r.strip_prefix(|_: char| true))
                    .and_then(|r| r.strip_prefix(quoted_part(&title)))
            };
            assert_eq!(
                rest,
                Some(format!(" quý I năm 2025 của {BODY}./.").as_str()),
                "{what}: {closing}"
            );
        }
    }
}

#[test]
fn a_title_closing_with_another_body_is_quoted_whole() {
    let other = "UBND thị xã Bỉm Sơn";
    let (opening, _, title) = sentences(40, other, true);
    assert!(
        opening.contains(&format!(
            "{} của {other}, {BODY} báo cáo",
            quoted_part(&title)
        )),
        "{opening}"
    );
}
