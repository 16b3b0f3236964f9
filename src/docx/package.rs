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

/// Zips the parts of `xml`, whose document part has an empty body: `body` writes the body's
/// elements into it.
pub fn pack(
    xml: XMLDocx,
    body: impl FnOnce(&mut dyn Write) -> Result<(), String>,
    charts: &[ChartPart],
    meta: &Meta,
) -> Result<Vec<u8>, String> {
    let frame = normalize(&xml.document, &[], &[])?;
    let split = frame
        .windows(BODY_OPEN.len())
        .position(|w| w == BODY_OPEN)
        .map(|i| i + BODY_OPEN.len())
        .ok_or_else(|| "DOCX: phần văn bản không có <w:body>".to_string())?;
    let (head, tail) = frame.split_at(split);
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
        (DOCUMENT.into(), Vec::new()),
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
    let mut body = Some(body);
    for (name, bytes) in parts {
        if name == DOCUMENT {
            if let Some(body) = body.take() {
                write_document(&mut zip, deflated, stored, head, body, tail)?;
            }
            continue;
        }
        let options = if bytes.len() < 2048 { stored } else { deflated };
        zip.start_file(name, options).map_err(|e| err(&e))?;
        zip.write_all(&bytes).map_err(|e| err(&e))?;
    }
    let cursor = zip.finish().map_err(|e| err(&e))?;
    Ok(cursor.into_inner())
}

const DOCUMENT: &str = "word/document.xml";
const BODY_OPEN: &[u8] = b"<w:body>";

/// How much of the document part is gathered before it goes to the zip: a part this small
/// is stored or deflated whole, like the other parts; a larger one is deflated as it comes.
const GATHER: usize = 64 * 1024;

/// The document part: `head` (up to `<w:body>`), the body as `body` writes it, `tail` (the
/// final section and closing tags). Deflate gives the same bytes whether its input comes
/// at once or in pieces.
fn write_document(
    zip: &mut ZipWriter<Cursor<Vec<u8>>>,
    deflated: SimpleFileOptions,
    stored: SimpleFileOptions,
    head: &[u8],
    body: impl FnOnce(&mut dyn Write) -> Result<(), String>,
    tail: &[u8],
) -> Result<(), String> {
    let err = |e: &dyn std::fmt::Display| format!("không đóng gói được DOCX: {e}");
    let mut sink = Gather {
        buf: head.to_vec(),
        zip,
        deflated,
        started: false,
    };
    body(&mut sink)?;
    sink.write_all(tail).map_err(|e| err(&e))?;
    if sink.started {
        let Gather { buf, zip, .. } = sink;
        zip.write_all(&buf).map_err(|e| err(&e))?;
    } else {
        let options = if sink.buf.len() < 2048 {
            stored
        } else {
            deflated
        };
        sink.zip
            .start_file(DOCUMENT, options)
            .map_err(|e| err(&e))?;
        sink.zip.write_all(&sink.buf).map_err(|e| err(&e))?;
    }
    Ok(())
}

/// Gathers the document part in a buffer and, once it passes [`GATHER`] bytes, starts the
/// zip entry and passes it on in pieces of that size.
struct Gather<'z> {
    buf: Vec<u8>,
    zip: &'z mut ZipWriter<Cursor<Vec<u8>>>,
    deflated: SimpleFileOptions,
    started: bool,
}

impl Write for Gather<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(bytes);
        if self.buf.len() >= GATHER {
            if !self.started {
                self.zip.start_file(DOCUMENT, self.deflated)?;
                self.started = true;
            }
            self.zip.write_all(&self.buf)?;
            self.buf.clear();
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
