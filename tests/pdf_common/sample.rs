//! A hand-built plan: header layout table, headings, 40+ justified body paragraphs, and a
//! landscape appendix with a 60-row ruled table under a two-row merged header.

use vanban::ir::*;

pub fn para(style: &str, text: &str) -> Paragraph {
    Paragraph {
        style: style.to_string(),
        runs: vec![Run::text(text)],
        ..Paragraph::default()
    }
}

pub fn cell(paragraphs: Vec<Paragraph>) -> Cell {
    Cell {
        paragraphs,
        ..Cell::default()
    }
}

pub fn cell_span(colspan: usize, rowspan: usize, p: Paragraph) -> Cell {
    Cell {
        colspan,
        rowspan,
        valign: VAlign::Center,
        paragraphs: vec![p],
    }
}

pub fn row(cells: Vec<Cell>) -> Row {
    Row {
        cells,
        ..Row::default()
    }
}

const SENTENCES: [&str; 8] = [
    "Thực hiện Nghị quyết số 76/NQ-CP ngày 15 tháng 7 năm 2021 của Chính phủ ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030.",
    "Ủy ban nhân dân phường xây dựng Kế hoạch cải cách hành chính năm 2024 với những nội dung chủ yếu như sau.",
    "Nâng cao chất lượng, hiệu quả hoạt động của bộ máy hành chính, đẩy mạnh ứng dụng công nghệ thông tin trong giải quyết thủ tục hành chính cho người dân và doanh nghiệp.",
    "Tiếp tục rà soát, đơn giản hóa thủ tục hành chính; công khai, minh bạch các thủ tục hành chính thuộc thẩm quyền giải quyết của phường trên Cổng Dịch vụ công quốc gia.",
    "Đổi mới phương thức làm việc, tăng cường kỷ luật, kỷ cương hành chính; nâng cao ý thức trách nhiệm, đạo đức công vụ của đội ngũ cán bộ, công chức.",
    "Phấn đấu tỷ lệ hồ sơ giải quyết đúng hạn đạt trên 98%, mức độ hài lòng của người dân đối với sự phục vụ của cơ quan hành chính nhà nước đạt trên 90%.",
    "Các bộ phận chuyên môn chủ động phối hợp, triển khai thực hiện nghiêm túc, đúng tiến độ; định kỳ báo cáo kết quả về Văn phòng Ủy ban nhân dân phường để tổng hợp.",
    "Quá trình triển khai nếu có khó khăn, vướng mắc, đề nghị phản ánh kịp thời để xem xét, giải quyết theo quy định.",
];

/// Body paragraph `i`: two to four sentences, so paragraphs have different lengths.
pub fn body_text(i: usize) -> String {
    let n = 2 + i % 3;
    (0..n)
        .map(|k| SENTENCES[(i + k * 3) % SENTENCES.len()])
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn header_table() -> Table {
    Table {
        columns: vec![67.5, 100.0],
        fit_width: false,
        indent_mm: -3.5,
        borders: false,
        header_rows: 0,
        rows: vec![
            row(vec![
                Cell {
                    paragraphs: vec![
                        para("co-quan-chu-quan", "ỦY BAN NHÂN DÂN THỊ XÃ PHÚ THỌ"),
                        para("co-quan", "ỦY BAN NHÂN DÂN PHƯỜNG PHÚ SƠN"),
                    ],
                    ..Cell::default()
                },
                Cell {
                    paragraphs: vec![
                        para("quoc-hieu", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
                        para("tieu-ngu", "Độc lập - Tự do - Hạnh phúc"),
                    ],
                    ..Cell::default()
                },
            ]),
            row(vec![
                cell(vec![para("so-ky-hieu", "Số:      /KH-UBND")]),
                cell(vec![para(
                    "dia-danh",
                    "Phú Sơn, ngày      tháng 12 năm 2023",
                )]),
            ]),
        ],
    }
}

pub const TABLE_ROWS: usize = 60;

pub fn task_table() -> Table {
    let h = |t: &str| para("table-header", t);
    let mut rows = vec![
        row(vec![
            cell_span(1, 2, h("TT")),
            cell_span(1, 2, h("Lĩnh vực, tiêu chí")),
            cell_span(2, 1, h("Phân công nhiệm vụ")),
            cell_span(1, 2, h("Thời gian")),
        ]),
        row(vec![
            cell_span(1, 1, h("Bộ phận chủ trì")),
            cell_span(1, 1, h("Bộ phận phối hợp")),
        ]),
    ];
    for i in 1..=TABLE_ROWS {
        if i % 15 == 1 {
            let mut r = row(vec![
                cell(vec![para("table-group-center", roman(i / 15 + 1))]),
                Cell {
                    colspan: 4,
                    ..cell(vec![para(
                        "table-group",
                        &format!("Nhóm nhiệm vụ số {}", i / 15 + 1),
                    )])
                },
            ]);
            r.keep_with_next = true;
            rows.push(r);
        }
        rows.push(row(vec![
            cell(vec![para("table-cell-center", &i.to_string())]),
            cell(vec![para("table-cell", &task_text(i))]),
            cell(vec![para("table-cell", "Văn phòng - Thống kê")]),
            cell(vec![para("table-cell", "Các bộ phận chuyên môn")]),
            cell(vec![para("table-cell-center", "Quý I/2024")]),
        ]));
    }
    Table {
        columns: vec![1.2, 9.0, 4.0, 4.0, 2.5],
        fit_width: true,
        indent_mm: 0.0,
        borders: true,
        header_rows: 2,
        rows,
    }
}

pub fn task_text(i: usize) -> String {
    if i.is_multiple_of(7) {
        format!("Nhiệm vụ {i}: {}", SENTENCES[i % SENTENCES.len()])
    } else {
        format!("Nhiệm vụ {i}: rà soát, công khai thủ tục hành chính")
    }
}

fn roman(n: usize) -> &'static str {
    ["I", "II", "III", "IV", "V", "VI"][(n - 1) % 6]
}

pub const BODY_PARAGRAPHS: usize = 44;

pub fn sample_document() -> Document {
    let mut blocks = vec![
        Block::Table(header_table()),
        Block::Paragraph(para("ten-loai", "KẾ HOẠCH")),
        Block::Paragraph(para("trich-yeu", "Cải cách hành chính năm 2024")),
    ];
    for i in 0..BODY_PARAGRAPHS {
        if i % 8 == 0 {
            blocks.push(Block::Paragraph(para(
                "heading-1",
                &format!(
                    "{}. MỤC ĐÍCH, YÊU CẦU VÀ NHIỆM VỤ TRỌNG TÂM",
                    roman(i / 8 + 1)
                ),
            )));
        }
        let mut p = para("body", &body_text(i));
        if i == 3 {
            // Mixed faces on one line and a forced line break.
            p.runs = vec![
                Run::text("Đối với "),
                Run {
                    bold: Some(true),
                    ..Run::text("bộ phận một cửa")
                },
                Run::text(": "),
                Run {
                    italic: Some(true),
                    ..Run::text("tiếp nhận, trả kết quả đúng hẹn")
                },
                Run::text("; bảo đảm công khai, minh bạch."),
                Run {
                    kind: RunKind::LineBreak,
                    bold: None,
                    italic: None,
                },
                Run::text(body_text(i)),
            ];
        }
        blocks.push(Block::Paragraph(p));
    }
    let appendix = vec![
        Block::Paragraph(para("phu-luc", "Phụ lục")),
        Block::Paragraph(para(
            "phu-luc-tieu-de",
            "PHÂN CÔNG NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2024",
        )),
        Block::Paragraph(para(
            "phu-luc-kem-theo",
            "(Kèm theo Kế hoạch số      /KH-UBND ngày      tháng 12 năm 2023 của UBND phường Phú Sơn)",
        )),
        Block::Table(task_table()),
    ];
    Document {
        meta: Meta {
            title: "Kế hoạch cải cách hành chính năm 2024".to_string(),
            author: "Ủy ban nhân dân phường Phú Sơn".to_string(),
            language: "vi".to_string(),
        },
        sections: vec![
            Section {
                orientation: Orientation::Portrait,
                restart_page_numbers: false,
                number_first_page: false,
                blocks,
            },
            Section {
                orientation: Orientation::Landscape,
                restart_page_numbers: true,
                number_first_page: false,
                blocks: appendix,
            },
        ],
    }
}
