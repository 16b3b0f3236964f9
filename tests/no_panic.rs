//! Whatever the input, vanban answers with a result or an error message, never a panic:
//! random YAML, mutated copies of the seed plan, and random document markup (spans, empty
//! cells, long words) through both writers.

mod common;
use common::*;
use proptest::prelude::*;
use std::path::Path;
use vanban::fonts::FontSet;
use vanban::model::plan::Plan;
use vanban::style::StyleSheet;

fn seed_text() -> String {
    std::fs::read_to_string(root().join(SEED).join("plan.yaml")).unwrap()
}

/// `text` with `len` lines from `start` removed, or repeated.
fn mutated(text: &str, start: usize, len: usize, repeat: bool) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let s = start.min(lines.len());
    let e = (s + len).min(lines.len());
    let mut out: Vec<&str> = lines[..s].to_vec();
    if repeat {
        out.extend_from_slice(&lines[s..e]);
        out.extend_from_slice(&lines[s..e]);
    }
    out.extend_from_slice(&lines[e..]);
    out.join("\n")
}

/// Parses and validates YAML text as a plan; returns whether it was accepted.
fn accept(text: &str) -> bool {
    let file = Path::new("plan.yaml");
    match vanban::model::load::parse::<Plan>(file, text) {
        Ok(l) => vanban::model::validate::validate(&l.value, file, &l.locations).is_ok(),
        Err(e) => {
            assert!(!e.to_string().is_empty());
            false
        }
    }
}

/// Every writer on a document: errors are fine, panics are not.
fn write_all(doc: &vanban::ir::Document, style: &StyleSheet) {
    let fonts = FontSet::bundled();
    let _ = common::write_docx(doc, style, &fonts);
    let _ = common::write_pdf(doc, style, &fonts);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_yaml_never_panics(text in "\\PC{0,400}") {
        accept(&text);
    }

    #[test]
    fn seed_with_lines_removed_or_repeated_never_panics(
        start in 0usize..400, len in 0usize..30, repeat in any::<bool>()
    ) {
        accept(&mutated(&seed_text(), start, len, repeat));
    }
}

fn cell_text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[a-zA-Z ]{0,30}",
        "[ăâđêôơưẠ-ỹ ]{0,60}",
        // A single word longer than any column.
        "[A-Z]{80,120}",
    ]
}

fn table_markup() -> impl Strategy<Value = String> {
    (1usize..6, prop::collection::vec((1usize..4, 1usize..4, cell_text()), 1..40), 0usize..3, any::<bool>())
        .prop_map(|(cols, cells, header_rows, borders)| {
            let widths = vec!["10"; cols].join(",");
            let mut rows = String::new();
            for chunk in cells.chunks(cols) {
                rows.push_str("<row>");
                for (cs, rs, t) in chunk {
                    rows.push_str(&format!(
                        "<cell colspan=\"{cs}\" rowspan=\"{rs}\" style=\"table-cell\">{}</cell>",
                        t.replace('&', "&amp;").replace('<', "&lt;")
                    ));
                }
                rows.push_str("</row>");
            }
            format!(
                "<table widths=\"{widths}\" fit=\"true\" borders=\"{borders}\" header-rows=\"{header_rows}\">{rows}</table>"
            )
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn random_tables_never_panic_in_either_writer(table in table_markup(), landscape in any::<bool>()) {
        let orientation = if landscape { "landscape" } else { "portrait" };
        let src = format!(
            "<document title=\"t\"><section orientation=\"{orientation}\"><p style=\"body\">Đầu</p>{table}<p style=\"body\">Cuối</p></section></document>"
        );
        let style = StyleSheet::nd30();
        // Markup whose spans do not fit is refused with a message; the rest is written.
        if let Ok(doc) = vanban::markup::parse(&src, &style) {
            write_all(&doc, &style);
        }
    }

    #[test]
    fn long_and_empty_paragraphs_never_panic(texts in prop::collection::vec(cell_text(), 0..60)) {
        let body: String = texts
            .iter()
            .map(|t| format!("<p style=\"body\">{}</p>", t.replace('&', "&amp;").replace('<', "&lt;")))
            .collect();
        let src = format!("<document><section>{body}</section></document>");
        let style = StyleSheet::nd30();
        let doc = vanban::markup::parse(&src, &style).unwrap();
        write_all(&doc, &style);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// A value of the seed replaced by random text (markup characters, template syntax,
    /// very long words, empty strings) goes through templates, markup and both writers.
    #[test]
    fn seed_with_a_value_replaced_goes_through_both_writers(
        line in 0usize..500, value in prop_oneof!["\\PC{0,60}", "[<>&{}%#\"' ]{0,20}", "[A-ZĐ]{100,200}"]
    ) {
        let seed = seed_text();
        let mut lines: Vec<String> = seed.lines().map(String::from).collect();
        let i = line % lines.len();
        if let Some((key, _)) = lines[i].split_once(": ") {
            let quoted = format!("{:?}", value); // a YAML double-quoted scalar
            lines[i] = format!("{key}: {quoted}");
        }
        let dir = scratch(&format!("mutate-{line}"));
        let plan = dir.join("plan.yaml");
        std::fs::write(&plan, lines.join("\n")).unwrap();
        let tpl = vanban::template::Templates::load(None).unwrap();
        if let Ok(b) = vanban::pipeline::build_document(&plan, &tpl) {
            write_all(&b.document, &b.style);
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}

/// The Phú Sơn 6-month data with lines cut or repeated, built as a report: an error or a
/// document, never a panic.
fn report_from(data: &str, dir: &Path) {
    let q = dir.join("bao-cao");
    std::fs::create_dir_all(&q).unwrap();
    std::fs::write(q.join("2024-6t.yaml"), data).unwrap();
    let tpl = vanban::template::Templates::load(None).unwrap();
    let p = vanban::kinds::report::period::Period::parse("2024-6t").unwrap();
    match vanban::pipeline::build(
        &vanban::kinds::report::document::Report(p),
        &dir.join("plan.yaml"),
        &tpl,
    ) {
        Ok(b) => write_all(&b.document, &b.style),
        Err(e) => assert!(!e.to_string().is_empty()),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn report_data_with_lines_removed_or_repeated_never_panics(
        start in 0usize..900, len in 0usize..40, repeat in any::<bool>()
    ) {
        let dir = scratch("report-mutations");
        std::fs::write(dir.join("plan.yaml"), seed_text()).unwrap();
        let data = std::fs::read_to_string(root().join(SEED).join("bao-cao/2024-6t.yaml")).unwrap();
        report_from(&mutated(&data, start, len, repeat), &dir);
    }
}
