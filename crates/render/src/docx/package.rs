//! Zipping the parts: deflate, fixed entry dates, our own core.xml (title, author, language)
//! with no clock time, so the same input gives the same bytes. Chart parts are added here
//! with their relationships and content types. Only the parts reachable through
//! relationships go into the zip (docx-rs writes every part it knows of), each with its
//! content type: strict readers flag a package with parts nothing refers to.

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
    // docx-rs always refers to commentsExtended; the documents have no comments.
    let mut document_rels = retain_elements(xml.document_rels, "Relationship", "Type", |t| {
        t != COMMENTS_EXTENDED
    })?;
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
        // Referred to only when a paragraph is numbered; Word checks its levels' order too.
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
    let parts = referenced_only(parts)?;
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
const CONTENT_TYPES: &str = "[Content_Types].xml";
const COMMENTS_EXTENDED: &str =
    "http://schemas.microsoft.com/office/2011/relationships/commentsExtended";

/// One `<tag …/>` element of a part: where it is, and its attributes (unescaped).
struct Element {
    start: usize,
    end: usize,
    attributes: Vec<(String, String)>,
}

impl Element {
    fn get(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// The empty `<tag …/>` elements of `xml` (relationships and content types are written so).
fn elements(xml: &str, tag: &str) -> Result<Vec<Element>, String> {
    use quick_xml::events::Event;
    let bad = |e: &dyn std::fmt::Display| format!("XML của DOCX không hợp lệ: {e}");
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut found = Vec::new();
    loop {
        let start = reader.buffer_position() as usize;
        match reader.read_event().map_err(|e| bad(&e))? {
            Event::Eof => return Ok(found),
            Event::Empty(e) if e.local_name().as_ref() == tag.as_bytes() => {
                let mut attributes = Vec::new();
                for a in e.attributes() {
                    let a = a.map_err(|e| bad(&e))?;
                    let key = String::from_utf8_lossy(a.key.local_name().as_ref()).into_owned();
                    let raw = std::str::from_utf8(&a.value).map_err(|e| bad(&e))?;
                    let value = quick_xml::escape::unescape(raw).map_err(|e| bad(&e))?;
                    attributes.push((key, value.into_owned()));
                }
                let end = reader.buffer_position() as usize;
                found.push(Element {
                    start,
                    end,
                    attributes,
                });
            }
            _ => {}
        }
    }
}

/// `xml` without the `<tag …/>` elements whose `attr` fails `keep`.
fn retain_elements(
    xml: Vec<u8>,
    tag: &str,
    attr: &str,
    keep: impl Fn(&str) -> bool,
) -> Result<Vec<u8>, String> {
    let text =
        String::from_utf8(xml).map_err(|_| format!("DOCX: phần chứa <{tag}> không phải UTF-8"))?;
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for e in elements(&text, tag)? {
        if !e.get(attr).is_some_and(&keep) {
            out.push_str(&text[from..e.start]);
            from = e.end;
        }
    }
    out.push_str(&text[from..]);
    Ok(out.into_bytes())
}

/// The relationships part of `part` ("" for the package): `word/_rels/document.xml.rels`.
fn rels_of(part: &str) -> String {
    let (dir, name) = part.rsplit_once('/').unwrap_or(("", part));
    if dir.is_empty() {
        format!("_rels/{name}.rels")
    } else {
        format!("{dir}/_rels/{name}.rels")
    }
}

/// The parts a relationships part refers to, as zip names: targets are relative to the
/// folder of `source` (the part the relationships belong to) unless they start with "/".
fn targets(rels: &str, source: &str) -> Result<Vec<String>, String> {
    let dir = source.rsplit_once('/').map_or("", |(d, _)| d);
    Ok(elements(rels, "Relationship")?
        .iter()
        .filter(|r| r.get("TargetMode") != Some("External"))
        .filter_map(|r| r.get("Target"))
        .map(|t| match t.strip_prefix('/') {
            Some(absolute) => absolute.to_string(),
            None => resolve(dir, t),
        })
        .collect())
}

/// `target` taken from folder `dir`, with its "." and ".." steps applied.
fn resolve(dir: &str, target: &str) -> String {
    let mut path: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
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

/// The parts reachable from the package's relationships, the relationships parts that have
/// a relationship, and the content types without an Override for a part left out.
fn referenced_only(parts: Vec<(String, Vec<u8>)>) -> Result<Vec<(String, Vec<u8>)>, String> {
    use std::collections::BTreeSet;
    let text = |name: &str| {
        parts
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
    };
    let present: BTreeSet<String> = parts.iter().map(|(n, _)| n.clone()).collect();
    let mut keep: BTreeSet<String> = BTreeSet::from([CONTENT_TYPES.to_string()]);
    let mut queue = vec![String::new()];
    while let Some(source) = queue.pop() {
        let rels_name = rels_of(&source);
        let Some(rels) = text(&rels_name) else {
            continue;
        };
        let found = targets(&rels, &source)?;
        if !found.is_empty() {
            keep.insert(rels_name);
        }
        for t in found {
            if present.contains(&t) && keep.insert(t.clone()) {
                queue.push(t);
            }
        }
    }
    parts
        .into_iter()
        .filter(|(name, _)| keep.contains(name))
        .map(|(name, bytes)| {
            if name != CONTENT_TYPES {
                return Ok((name, bytes));
            }
            let bytes = retain_elements(bytes, "Override", "PartName", |p| {
                keep.contains(p.trim_start_matches('/'))
            })?;
            Ok((name, bytes))
        })
        .collect()
}
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relationship_targets_resolve_from_their_source_folder() {
        assert_eq!(rels_of(""), "_rels/.rels");
        assert_eq!(rels_of("word/document.xml"), "word/_rels/document.xml.rels");
        let rels = r#"<Relationships><Relationship Id="rId1" Type="t" Target="styles.xml" /><Relationship Id="rId2" Type="t" Target="../customXml/item1.xml"/><Relationship Id="rId3" Type="t" Target="/docProps/app.xml"/><Relationship Id="rId4" Type="h" Target="https://x.vn" TargetMode="External"/></Relationships>"#;
        assert_eq!(
            targets(rels, "word/document.xml").unwrap(),
            ["word/styles.xml", "customXml/item1.xml", "docProps/app.xml"]
        );
    }

    #[test]
    fn parts_nothing_refers_to_are_left_out_with_their_content_types() {
        let part = |n: &str, t: &str| (n.to_string(), t.as_bytes().to_vec());
        let parts = vec![
            part(
                CONTENT_TYPES,
                r#"<Types><Default Extension="xml" ContentType="application/xml" /><Override PartName="/word/document.xml" ContentType="d" /><Override PartName="/word/footnotes.xml" ContentType="f" /></Types>"#,
            ),
            part(
                "_rels/.rels",
                r#"<Relationships><Relationship Id="rId1" Type="o" Target="word/document.xml" /></Relationships>"#,
            ),
            part("word/document.xml", ""),
            part(
                "word/_rels/document.xml.rels",
                r#"<Relationships><Relationship Id="rId1" Type="h" Target="header1.xml" /></Relationships>"#,
            ),
            part("word/header1.xml", "<w:hdr/>"),
            part("word/_rels/header1.xml.rels", "<Relationships />"),
            part("word/_rels/header3.xml.rels", "<Relationships />"),
            part("word/footnotes.xml", "<w:footnotes/>"),
        ];
        let kept = referenced_only(parts).unwrap();
        let names: Vec<&str> = kept.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                CONTENT_TYPES,
                "_rels/.rels",
                "word/document.xml",
                "word/_rels/document.xml.rels",
                "word/header1.xml"
            ]
        );
        assert_eq!(
            String::from_utf8_lossy(&kept[0].1),
            r#"<Types><Default Extension="xml" ContentType="application/xml" /><Override PartName="/word/document.xml" ContentType="d" /></Types>"#
        );
    }
}
