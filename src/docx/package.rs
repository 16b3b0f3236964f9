//! Zipping the parts: deflate, fixed entry dates, our own core.xml (title, author, language)
//! with no clock time, so the same input gives the same bytes. Chart parts are added here
//! with their relationships and content types.

use super::chart::{ChartPart, CONTENT_TYPE, REL_TYPE};
use super::schema_order::normalize;
use crate::ir::Meta;
use docx_rs::XMLDocx;
use quick_xml::escape::escape;
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

fn core_xml(meta: &Meta) -> Vec<u8> {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{}</dc:title><dc:creator>{}</dc:creator><dc:language>{}</dc:language><cp:revision>1</cp:revision></cp:coreProperties>"#,
        escape(meta.title.as_str()),
        escape(meta.author.as_str()),
        escape(meta.language.as_str())
    )
    .into_bytes()
}

/// Inserts `extra` before the closing tag `close` of a part docx-rs wrote.
fn insert_before_close(part: Vec<u8>, close: &str, extra: &str) -> Result<Vec<u8>, String> {
    let text =
        String::from_utf8(part).map_err(|_| format!("DOCX: phần chứa {close} không phải UTF-8"))?;
    let at = text
        .rfind(close)
        .ok_or_else(|| format!("DOCX: không thấy {close} để thêm biểu đồ"))?;
    let mut out = String::with_capacity(text.len() + extra.len());
    out.push_str(&text[..at]);
    out.push_str(extra);
    out.push_str(&text[at..]);
    Ok(out.into_bytes())
}

pub fn pack(
    xml: XMLDocx,
    header_rows: &[usize],
    charts: &[ChartPart],
    meta: &Meta,
) -> Result<Vec<u8>, String> {
    let runs: Vec<&str> = charts.iter().map(|c| c.run.as_str()).collect();
    let document = normalize(&xml.document, header_rows, &runs)?;
    let styles = normalize(&xml.styles, &[], &[])?;
    let headers: Vec<Vec<u8>> = xml
        .headers
        .iter()
        .map(|h| normalize(h, &[], &[]))
        .collect::<Result<_, _>>()?;
    let mut content_type = xml.content_type;
    let mut document_rels = xml.document_rels;
    if !charts.is_empty() {
        let overrides: String = charts
            .iter()
            .map(|c| {
                format!(
                    r#"<Override PartName="/{}" ContentType="{CONTENT_TYPE}"/>"#,
                    c.part_name()
                )
            })
            .collect();
        content_type = insert_before_close(content_type, "</Types>", &overrides)?;
        let rels: String = charts
            .iter()
            .map(|c| {
                format!(
                    r#"<Relationship Id="{}" Type="{REL_TYPE}" Target="charts/chart{}.xml"/>"#,
                    c.rel_id(),
                    c.index
                )
            })
            .collect();
        document_rels = insert_before_close(document_rels, "</Relationships>", &rels)?;
    }
    let mut parts: Vec<(String, Vec<u8>)> = vec![
        ("[Content_Types].xml".into(), content_type),
        ("_rels/.rels".into(), xml.rels),
        ("docProps/app.xml".into(), xml.doc_props.app),
        ("docProps/core.xml".into(), core_xml(meta)),
        ("docProps/custom.xml".into(), xml.doc_props.custom),
        ("word/_rels/document.xml.rels".into(), document_rels),
        ("word/document.xml".into(), document),
        ("word/styles.xml".into(), styles),
        ("word/settings.xml".into(), xml.settings),
        ("word/fontTable.xml".into(), xml.font_table),
        ("word/comments.xml".into(), xml.comments),
        // Unused, but Word checks it too: its levels get the same schema order.
        (
            "word/numbering.xml".into(),
            normalize(&xml.numberings, &[], &[])?,
        ),
        ("word/commentsExtended.xml".into(), xml.comments_extended),
        ("word/footnotes.xml".into(), xml.footnotes),
    ];
    for (i, h) in headers.into_iter().enumerate() {
        parts.push((format!("word/header{}.xml", i + 1), h));
    }
    for (i, r) in xml.header_rels.into_iter().enumerate() {
        parts.push((format!("word/_rels/header{}.xml.rels", i + 1), r));
    }
    for c in charts {
        parts.push((c.part_name(), c.xml.clone().into_bytes()));
    }
    let deflated = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(1))
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    // Tiny parts (rels, settings, empty comments) gain nothing from deflate but its set-up.
    let stored = deflated
        .compression_method(CompressionMethod::Stored)
        .compression_level(None);
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let err = |e: &dyn std::fmt::Display| format!("không đóng gói được DOCX: {e}");
    for (name, bytes) in parts {
        let options = if bytes.len() < 2048 { stored } else { deflated };
        zip.start_file(name, options).map_err(|e| err(&e))?;
        zip.write_all(&bytes).map_err(|e| err(&e))?;
    }
    let cursor = zip.finish().map_err(|e| err(&e))?;
    Ok(cursor.into_inner())
}
