//! The seed plan rendered to DOCX, read back as a reader of the document would see it.

mod common;
use common::*;
use vanban::model::plan::{Item, Plan};

fn seed_plan() -> Plan {
    vanban::model::load_plan(&root().join(SEED).join("plan.yaml"))
        .unwrap()
        .plan
}

fn doc_xml() -> (Vec<u8>, String) {
    let bytes = seed_docx();
    let xml = part(&bytes, "word/document.xml");
    (bytes, xml)
}

#[test]
fn page_is_a4_with_nd30_margins_and_times_new_roman() {
    let (bytes, xml) = doc_xml();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let sects: Vec<_> = doc.descendants().filter(|n| is(n, "sectPr")).collect();
    // Main text + four appendices.
    assert_eq!(sects.len(), 5);
    let first = sects[0];
    let pg = child(&first, "pgSz").unwrap();
    assert_eq!(attr(&pg, "w"), Some("11906"));
    assert_eq!(attr(&pg, "h"), Some("16838"));
    let m = child(&first, "pgMar").unwrap();
    // 20 mm = 1134 tw, 30 mm = 1701 tw, 15 mm = 850 tw.
    assert_eq!(attr(&m, "top"), Some("1134"));
    assert_eq!(attr(&m, "bottom"), Some("1134"));
    assert_eq!(attr(&m, "left"), Some("1701"));
    assert_eq!(attr(&m, "right"), Some("850"));
    for s in &sects[1..] {
        let pg = child(s, "pgSz").unwrap();
        assert_eq!(
            attr(&pg, "w"),
            Some("16838"),
            "appendix pages are landscape A4"
        );
        assert_eq!(attr(&pg, "orient"), Some("landscape"));
        // A turned page keeps the document's margins: binding edge on the left.
        let m = child(s, "pgMar").unwrap();
        assert_eq!(
            ["top", "bottom", "left", "right"].map(|a| attr(&m, a)),
            [Some("1134"), Some("1134"), Some("1701"), Some("850")]
        );
    }
    let styles = part(&bytes, "word/styles.xml");
    let sdoc = roxmltree::Document::parse(&styles).unwrap();
    let fonts = sdoc
        .descendants()
        .find(|n| is(n, "rFonts"))
        .expect("default fonts");
    for a in ["ascii", "hAnsi", "eastAsia", "cs"] {
        assert_eq!(attr(&fonts, a), Some("Times New Roman"), "{a}");
    }
    // No run names another font.
    assert!(doc
        .descendants()
        .filter(|n| is(n, "rFonts"))
        .all(|f| attr(&f, "ascii").is_none_or(|v| v == "Times New Roman")));
}

#[test]
fn header_block_has_the_nd30_texts_and_widths() {
    let (_, xml) = doc_xml();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let t = tables(&doc)[0];
    let texts = table_texts(&t);
    assert_eq!(texts[0][0], "ỦY BAN NHÂN DÂN\nPHƯỜNG PHÚ SƠN");
    assert_eq!(
        texts[0][1],
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    );
    assert_eq!(texts[1][0], "Số:       /KH-UBND");
    assert_eq!(texts[1][1], "Phú Sơn, ngày        tháng 12 năm 2023");
    let grid: Vec<&str> = child(&t, "tblGrid")
        .unwrap()
        .children()
        .filter(|c| is(c, "gridCol"))
        .filter_map(|c| attr(&c, "w"))
        .collect();
    // 67.5 mm + 100 mm (Mẫu 1.4: 3829 + 5670 twips).
    assert_eq!(grid, ["3827", "5669"]);
    // Borderless.
    let borders: Vec<_> = t
        .descendants()
        .filter(|n| is(n, "tblBorders") || is(n, "tcBorders"))
        .flat_map(|b| b.children().filter(|c| c.is_element()))
        .collect();
    assert!(!borders.is_empty());
    assert!(borders
        .iter()
        .all(|b| attr(b, "val").is_some_and(|v| v == "nil" || v == "none")));
    // The type name and trích yếu follow, centred and bold.
    let paras = children(&body(&doc), "p");
    let kh = paras.iter().find(|p| para_text(p) == "KẾ HOẠCH").unwrap();
    let ppr = child(kh, "pPr").unwrap();
    assert_eq!(attr(&child(&ppr, "jc").unwrap(), "val"), Some("center"));
    assert!(kh.descendants().any(|n| is(&n, "b")));
}

#[test]
fn rules_under_agency_name_tieu_ngu_and_trich_yeu() {
    let (_, xml) = doc_xml();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let rules: Vec<_> = doc
        .descendants()
        .filter(|n| is(n, "pBdr"))
        .map(|b| {
            let p = b.parent().unwrap().parent().unwrap();
            let ind = child(&child(&p, "pPr").unwrap(), "ind").unwrap();
            let left: f32 = attr(&ind, "left")
                .or(attr(&ind, "start"))
                .unwrap()
                .parse()
                .unwrap();
            let right: f32 = attr(&ind, "right")
                .or(attr(&ind, "end"))
                .unwrap()
                .parse()
                .unwrap();
            (left, right)
        })
        .collect();
    // Agency name, tiêu ngữ, trích yếu, and one "(Kèm theo …)" per appendix.
    assert_eq!(rules.len(), 3 + 4, "{rules:?}");
    let tw_per_mm = 1440.0 / 25.4;
    // Tiêu ngữ: as long as "Độc lập - Tự do - Hạnh phúc" in bold 13 pt (≈ 56.1 mm, nd30.md).
    let cell_mm = 100.0 - 2.0 * 1.9;
    let (l, r) = rules[1];
    let len = cell_mm - (l + r) / tw_per_mm;
    assert!((len - 56.1).abs() < 1.0, "tiêu ngữ rule {len} mm");
    // Agency name: 1/3–1/2 of "ỦY BAN NHÂN DÂN", centred.
    let (l, r) = rules[0];
    assert!((l - r).abs() <= 1.0);
    let len = (67.5 - 2.0 * 1.9) - (l + r) / tw_per_mm;
    let name_mm = vanban::fonts::FontSet::bundled()
        .face(true, false)
        .text_width_pt("ỦY BAN NHÂN DÂN", 12.0)
        / vanban::style::PT_PER_MM;
    assert!(
        len >= name_mm / 3.0 && len <= name_mm / 2.0,
        "{len} of {name_mm}"
    );
}

/// Body paragraphs between the trích yếu and the signature table.
fn body_texts(xml: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(xml).unwrap();
    body_paragraphs(&doc)
}

fn all_tasks(items: &[Item], out: &mut Vec<(String, Vec<String>)>, plan: &Plan) {
    for it in items {
        for t in &it.nhiem_vu {
            let units: Vec<String> = t
                .chu_tri
                .iter()
                .chain(t.phoi_hop.iter())
                .flat_map(|p| p.0.iter())
                .map(|k| plan.don_vi.get(k).map_or(k.clone(), |u| u.ten.clone()))
                .collect();
            out.push((t.noi_dung.clone(), units));
        }
        all_tasks(&it.muc, out, plan);
    }
}

#[test]
fn every_task_and_its_units_appear_in_order() {
    let plan = seed_plan();
    let (_, xml) = doc_xml();
    let paras = body_texts(&xml);
    let mut tasks = Vec::new();
    all_tasks(&plan.noi_dung, &mut tasks, &plan);
    assert_eq!(tasks.len(), 22);
    let mut at = 0;
    for (text, units) in &tasks {
        let i = paras[at..]
            .iter()
            .position(|p| p.ends_with(text.as_str()))
            .unwrap_or_else(|| panic!("task not found in order: {text}"))
            + at;
        // The lines after the task name its lead and cooperating units.
        let following = paras[i + 1..]
            .iter()
            .take(3)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n");
        for u in units {
            assert!(
                following.contains(u.as_str()),
                "unit {u} missing after {text}: {following}"
            );
        }
        at = i + 1;
    }
}

#[test]
fn numbering_is_computed_without_gaps_or_repeats() {
    let (_, xml) = doc_xml();
    let paras = body_texts(&xml);
    // Headings in order.
    let headings: Vec<&String> = paras
        .iter()
        .filter(|p| {
            ["I. ", "II. ", "III. ", "1.1. ", "1.2. ", "1.3. "]
                .iter()
                .any(|h| p.starts_with(h))
        })
        .collect();
    let starts: Vec<&str> = headings
        .iter()
        .map(|h| h.split(' ').next().unwrap())
        .collect();
    assert_eq!(starts, ["I.", "II.", "1.1.", "1.2.", "1.3.", "III."]);
    // (1)…(n) restart in each of 1.1, 1.2, 1.3 and never skip or repeat.
    let mut runs: Vec<Vec<u32>> = Vec::new();
    for p in &paras {
        if p.starts_with("1.1. ") || p.starts_with("1.2. ") || p.starts_with("1.3. ") {
            runs.push(Vec::new());
        }
        if let Some(rest) = p.strip_prefix('(') {
            if let Some((n, _)) = rest.split_once(") ") {
                if let Ok(n) = n.parse::<u32>() {
                    runs.last_mut().expect("task before 1.1").push(n);
                }
            }
        }
    }
    let lens: Vec<usize> = runs.iter().map(Vec::len).collect();
    assert_eq!(lens, [8, 7, 7]);
    for r in &runs {
        assert_eq!(*r, (1..=r.len() as u32).collect::<Vec<_>>());
    }
    // The body refers to the appendices with Roman numerals (ND30 rule 28).
    assert!(paras.contains(&"(Có các Phụ lục I, II, III, IV kèm theo).".to_string()));
    // The body ends with "./.".
    assert!(paras
        .iter()
        .any(|p| p.starts_with("Trên đây là Kế hoạch") && p.ends_with("thực hiện./.")));
}

#[test]
fn noi_nhan_and_signature_side_by_side() {
    let (_, xml) = doc_xml();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let t = tables(&doc)[1];
    let texts = table_texts(&t);
    assert_eq!(texts.len(), 1);
    let left: Vec<&str> = texts[0][0].lines().collect();
    assert_eq!(
        left,
        [
            "Nơi nhận:",
            "- UBND thị xã;",
            "- Phòng Nội vụ TX (b/c);",
            "- TTr Đảng ủy, HĐND phường (b/c);",
            "- Trưởng CA phường (t/h);",
            "- Các công chức UBND phường (t/h);",
            "- Trưởng các khu phố (t/h);",
            "- Lưu: VT.",
        ]
    );
    assert_eq!(
        texts[0][1],
        "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nNguyễn Xuân Lâm"
    );
    // "Nơi nhận:" is bold italic 12 pt; items 11 pt.
    let tc = children(&children(&t, "tr")[0], "tc")[0];
    let ps = children(&tc, "p");
    let r = first_run_props(&ps[0]);
    assert!(child(&r, "b").is_some() && child(&r, "i").is_some());
    assert_eq!(attr(&child(&r, "sz").unwrap(), "val"), Some("24"));
    let r = first_run_props(&ps[1]);
    assert_eq!(attr(&child(&r, "sz").unwrap(), "val"), Some("22"));
}

#[test]
fn four_appendices_with_merged_repeated_headers_and_row_counts() {
    let plan = seed_plan();
    let (_, xml) = doc_xml();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let paras = body_paragraphs(&doc);
    for n in ["I", "II", "III", "IV"] {
        assert!(paras.contains(&format!("Phụ lục {n}")), "Phụ lục {n}");
    }
    assert!(paras.iter().any(|p| p
        == "(Kèm theo Kế hoạch số       /KH-UBND ngày        tháng 12 năm 2023 của Ủy ban nhân dân phường Phú Sơn)"));
    let ts = tables(&doc);
    assert_eq!(ts.len(), 2 + 4);
    for (a, t) in plan.phu_luc.iter().zip(&ts[2..]) {
        let rows = children(t, "tr");
        let expected = 2 + a.nhom.len() + a.nhom.iter().map(|g| g.dong.len()).sum::<usize>();
        assert_eq!(rows.len(), expected, "rows of {}", a.id);
        // One rule for the chủ trì and phối hợp columns: both left-aligned, every row.
        for r in &rows[2..] {
            let jc = |c: &roxmltree::Node| {
                child(c, "p")
                    .and_then(|p| child(&p, "pPr"))
                    .and_then(|p| child(&p, "jc"))
                    .and_then(|j| attr(&j, "val").map(str::to_string))
                    .unwrap_or_else(|| "left".into())
            };
            let cells = children(r, "tc");
            assert_eq!(jc(&cells[2]), "left", "{}: chủ trì", a.id);
            assert_eq!(jc(&cells[3]), "left", "{}: phối hợp", a.id);
        }
        // Header row 1: TT | Lĩnh vực | Phân công (2 columns) | Thời gian; row 2 under it.
        let texts = table_texts(t);
        assert_eq!(
            texts[0],
            [
                "TT",
                "Lĩnh vực, tiêu chí",
                "Phân công nhiệm vụ",
                "Thời gian thực hiện"
            ]
        );
        assert_eq!(
            texts[1],
            ["", "", "Bộ phận chủ trì", "Bộ phận phối hợp", ""]
        );
        let r0 = children(&rows[0], "tc");
        let span = |tc: &roxmltree::Node| {
            child(&child(tc, "tcPr").unwrap(), "gridSpan")
                .and_then(|g| attr(&g, "val").map(String::from))
        };
        let vmerge = |tc: &roxmltree::Node| {
            child(&child(tc, "tcPr").unwrap(), "vMerge")
                .map(|v| attr(&v, "val").unwrap_or("continue").to_string())
        };
        assert_eq!(span(&r0[2]).as_deref(), Some("2"));
        for i in [0, 1, 3] {
            assert_eq!(vmerge(&r0[i]).as_deref(), Some("restart"));
        }
        let r1 = children(&rows[1], "tc");
        for i in [0, 1, 4] {
            assert_eq!(vmerge(&r1[i]).as_deref(), Some("continue"));
        }
        // The two header rows repeat on every page; no other row does.
        for (i, r) in rows.iter().enumerate() {
            let header = r.descendants().any(|n| is(&n, "tblHeader"));
            assert_eq!(header, i < 2, "row {i} of {}", a.id);
        }
        // Group rows are bold and kept with their first row; rows numbered 1, 1.1, 1.2…
        let g0 = &rows[2];
        assert!(g0
            .descendants()
            .filter(|n| is(n, "r"))
            .all(|r| r.descendants().any(|n| is(&n, "b"))));
        assert!(g0.descendants().any(|n| is(&n, "keepNext")));
        assert_eq!(texts[2][0], "1");
        assert_eq!(texts[3][0], "1.1");
        assert_eq!(texts[2][1], a.nhom[0].ten);
        assert_eq!(texts[3][1], a.nhom[0].dong[0].tieu_chi);
    }
    // Short forms of units in the tables.
    let texts = table_texts(&ts[2]);
    assert_eq!(texts[3][2], "Công chức VPTK");
}

#[test]
fn page_numbers_in_header_not_on_first_pages() {
    let (bytes, xml) = doc_xml();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let sects: Vec<_> = doc.descendants().filter(|n| is(n, "sectPr")).collect();
    for s in &sects {
        assert!(
            child(s, "titlePg").is_some(),
            "first page of each section has no number"
        );
    }
    for s in &sects[1..] {
        let start = child(s, "pgNumType").and_then(|n| attr(&n, "start"));
        assert_eq!(start, Some("1"), "each appendix is numbered on its own");
    }
    let refs: Vec<_> = children(&sects[0], "headerReference");
    let types: Vec<_> = refs
        .iter()
        .filter_map(|r| r.attribute((W, "type")))
        .collect();
    assert!(types.contains(&"default") && types.contains(&"first"));
    let header = part(&bytes, "word/header1.xml");
    assert!(header.contains("PAGE"), "{header}");
    // The number is 13 pt like the PDF's: every run of the header paragraph carries the size.
    let hdoc = roxmltree::Document::parse(&header).unwrap();
    let runs: Vec<_> = hdoc.descendants().filter(|n| is(n, "r")).collect();
    assert!(!runs.is_empty());
    for r in &runs {
        let sz = child(r, "rPr")
            .and_then(|p| child(&p, "sz"))
            .and_then(|s| attr(&s, "val").map(str::to_string));
        assert_eq!(sz.as_deref(), Some("26"), "page number run size");
    }
    assert!(header.contains(r#"w:jc w:val="center""#), "{header}");
    let first = part(&bytes, "word/header2.xml");
    assert!(!first.contains("PAGE"));
}

#[test]
fn body_text_is_justified_14pt_indented_with_spacing() {
    let (_, xml) = doc_xml();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let p = children(&body(&doc), "p")
        .into_iter()
        .find(|p| para_text(p).starts_with("Thực hiện Kế hoạch số 4032"))
        .unwrap();
    let ppr = child(&p, "pPr").unwrap();
    assert_eq!(attr(&child(&ppr, "jc").unwrap(), "val"), Some("both"));
    let ind = child(&ppr, "ind").unwrap();
    assert_eq!(attr(&ind, "firstLine"), Some("567"));
    let sp = child(&ppr, "spacing").unwrap();
    assert_eq!(attr(&sp, "before"), Some("120"));
    assert_eq!(attr(&sp, "line"), Some("240"));
    assert_eq!(attr(&sp, "lineRule"), Some("auto"));
    let sz = p.descendants().find(|n| is(n, "sz")).unwrap();
    assert_eq!(attr(&sz, "val"), Some("28"));
}

/// Children of each property element must follow the ECMA-376 sequence or Word may refuse
/// the file.
#[test]
fn property_elements_follow_schema_order() {
    let (bytes, xml) = doc_xml();
    let orders: &[(&str, &[&str])] = &[
        (
            "pPr",
            &[
                "keepNext",
                "widowControl",
                "pBdr",
                "spacing",
                "ind",
                "jc",
                "rPr",
                "sectPr",
            ],
        ),
        ("rPr", &["rFonts", "b", "bCs", "i", "iCs", "sz", "szCs"]),
        (
            "sectPr",
            &[
                "headerReference",
                "pgSz",
                "pgMar",
                "pgNumType",
                "cols",
                "titlePg",
                "docGrid",
            ],
        ),
        (
            "tblPr",
            &[
                "tblW",
                "jc",
                "tblInd",
                "tblBorders",
                "tblLayout",
                "tblCellMar",
            ],
        ),
        (
            "tcPr",
            &["tcW", "gridSpan", "vMerge", "tcBorders", "vAlign"],
        ),
    ];
    // Every WordprocessingML part written: document, styles, headers (numbering, when used).
    let others = part_names(&bytes)
        .into_iter()
        .filter(|n| n.starts_with("word/") && n.ends_with(".xml") && !n.starts_with("word/charts/"))
        .filter(|n| n != "word/document.xml")
        .map(|n| part(&bytes, &n));
    for text in std::iter::once(xml).chain(others) {
        let doc = roxmltree::Document::parse(&text).unwrap();
        for (parent, seq) in orders {
            for n in doc.descendants().filter(|n| is(n, parent)) {
                let ranks: Vec<usize> = n
                    .children()
                    .filter(|c| c.is_element())
                    .filter_map(|c| seq.iter().position(|s| *s == c.tag_name().name()))
                    .collect();
                assert!(
                    ranks.windows(2).all(|w| w[0] <= w[1]),
                    "{parent} children out of order: {:?}",
                    n.children()
                        .filter(|c| c.is_element())
                        .map(|c| c.tag_name().name())
                        .collect::<Vec<_>>()
                );
            }
        }
    }
}

#[test]
fn same_input_same_bytes() {
    let a = seed_docx();
    let b = seed_docx();
    assert_eq!(a, b);
    let core = part(&a, "docProps/core.xml");
    assert!(core.contains("<dc:creator>Ủy ban nhân dân phường Phú Sơn</dc:creator>"));
    assert!(core.contains("<dc:language>vi</dc:language>"));
    assert!(!core.contains("dcterms:created"), "no clock time: {core}");
    assert!(part_names(&a).contains(&"word/document.xml".to_string()));
}

#[test]
fn an_appendix_or_a_group_may_print_units_full_names() {
    let dir = scratch("full-names");
    let plan = copy_seed_to(&dir);
    let text = std::fs::read_to_string(&plan).unwrap();
    let text = text.replacen(
        "  - id: par-index\n    chi_so: par-index\n",
        "  - id: par-index\n    chi_so: par-index\n    ten_don_vi: day-du\n",
        1,
    );
    // The second group of the same table goes back to short forms.
    let text = text.replacen(
        "      - ten: Xây dựng và tổ chức thực hiện văn bản quy phạm pháp luật tại tỉnh\n",
        "      - ten: Xây dựng và tổ chức thực hiện văn bản quy phạm pháp luật tại tỉnh\n        ten_don_vi: ngan\n",
        1,
    );
    std::fs::write(&plan, text).unwrap();
    let tpl = vanban::template::Templates::load(None).unwrap();
    let b = vanban::pipeline::build_document(&plan, &tpl).unwrap();
    let docx =
        common::write_docx(&b.document, &b.style, &vanban::fonts::FontSet::bundled()).unwrap();
    let xml = part(&docx, "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let t = table_texts(&tables(&doc)[2]);
    let row = |tt: &str| t.iter().find(|r| r[0] == tt).unwrap().clone();
    assert_eq!(row("1.1")[2], "Văn phòng - thống kê");
    assert_eq!(row("1.4")[2], "Văn hóa - xã hội");
    assert_eq!(row("2.1")[2], "Công chức TPHT");
}
