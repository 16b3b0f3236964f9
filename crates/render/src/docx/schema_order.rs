//! Post-processing of WordprocessingML parts: children of property elements are put in the
//! sequence order of the ECMA-376 schema (docx-rs emits several out of order), and the header
//! rows of tables get `<w:tblHeader/>` so Word and LibreOffice repeat them on every page,
//! and chart marker bookmarks are replaced by the charts' drawing runs.

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, Writer};

/// Schema sequence of the children of each property element (local names).
fn sequence(parent: &[u8]) -> Option<&'static [&'static str]> {
    Some(match parent {
        b"w:pPr" => &[
            "pStyle",
            "keepNext",
            "keepLines",
            "pageBreakBefore",
            "framePr",
            "widowControl",
            "numPr",
            "suppressLineNumbers",
            "pBdr",
            "shd",
            "tabs",
            "suppressAutoHyphens",
            "kinsoku",
            "wordWrap",
            "overflowPunct",
            "topLinePunct",
            "autoSpaceDE",
            "autoSpaceDN",
            "bidi",
            "adjustRightInd",
            "snapToGrid",
            "spacing",
            "ind",
            "contextualSpacing",
            "mirrorIndents",
            "suppressOverlap",
            "jc",
            "textDirection",
            "textAlignment",
            "textboxTightWrap",
            "outlineLvl",
            "divId",
            "cnfStyle",
            "rPr",
            "sectPr",
            "pPrChange",
        ],
        b"w:rPr" => &[
            "rStyle",
            "rFonts",
            "b",
            "bCs",
            "i",
            "iCs",
            "caps",
            "smallCaps",
            "strike",
            "dstrike",
            "outline",
            "shadow",
            "emboss",
            "imprint",
            "noProof",
            "snapToGrid",
            "vanish",
            "webHidden",
            "color",
            "spacing",
            "w",
            "kern",
            "position",
            "sz",
            "szCs",
            "highlight",
            "u",
            "effect",
            "bdr",
            "shd",
            "fitText",
            "vertAlign",
            "rtl",
            "cs",
            "em",
            "lang",
            "eastAsianLayout",
            "specVanish",
            "oMath",
            "ins",
            "del",
            "rPrChange",
        ],
        b"w:sectPr" => &[
            "headerReference",
            "footerReference",
            "footnotePr",
            "endnotePr",
            "type",
            "pgSz",
            "pgMar",
            "paperSrc",
            "pgBorders",
            "lnNumType",
            "pgNumType",
            "cols",
            "formProt",
            "vAlign",
            "noEndnote",
            "titlePg",
            "textDirection",
            "bidi",
            "rtlGutter",
            "docGrid",
            "printerSettings",
            "sectPrChange",
        ],
        b"w:tblPr" => &[
            "tblStyle",
            "tblpPr",
            "tblOverlap",
            "bidiVisual",
            "tblStyleRowBandSize",
            "tblStyleColBandSize",
            "tblW",
            "jc",
            "tblCellSpacing",
            "tblInd",
            "tblBorders",
            "shd",
            "tblLayout",
            "tblCellMar",
            "tblLook",
            "tblCaption",
            "tblDescription",
        ],
        b"w:tcPr" => &[
            "cnfStyle",
            "tcW",
            "gridSpan",
            "hMerge",
            "vMerge",
            "tcBorders",
            "shd",
            "noWrap",
            "tcMar",
            "textDirection",
            "tcFitText",
            "vAlign",
            "hideMark",
        ],
        b"w:tblBorders" | b"w:tcBorders" => &[
            "top", "start", "left", "bottom", "end", "right", "insideH", "insideV", "tl2br",
            "tr2bl",
        ],
        b"w:pBdr" => &["top", "left", "bottom", "right", "between", "bar"],
        b"w:tblCellMar" | b"w:tcMar" => &["top", "start", "left", "bottom", "end", "right"],
        b"w:tbl" => &["bookmarkStart", "tblPr", "tblGrid", "tr"],
        b"w:tr" => &["tblPrEx", "trPr", "tc"],
        b"w:tc" => &["tcPr", "p", "tbl"],
        _ => return None,
    })
}

/// A parsed element tree that borrows its tags and text from the part's bytes, so the
/// pass allocates only the child lists.
enum Node<'a> {
    Element {
        start: BytesStart<'a>,
        children: Vec<Node<'a>>,
        empty: bool,
    },
    Other(Event<'a>),
}

impl Node<'_> {
    fn local_name(&self) -> Option<&[u8]> {
        match self {
            Node::Element { start, .. } => {
                let name = start.name().into_inner();
                Some(match name.iter().position(|&b| b == b':') {
                    Some(i) => &name[i + 1..],
                    None => name,
                })
            }
            Node::Other(_) => None,
        }
    }
}

fn parse(xml: &[u8]) -> Result<Vec<Node<'_>>, String> {
    let mut reader = Reader::from_reader(xml);
    let mut stack: Vec<(BytesStart, Vec<Node>)> = Vec::new();
    let mut top: Vec<Node> = Vec::new();
    loop {
        let ev = reader
            .read_event()
            .map_err(|e| format!("XML của DOCX không hợp lệ: {e}"))?;
        let node = match ev {
            Event::Eof => break,
            Event::Start(s) => {
                stack.push((s, Vec::new()));
                continue;
            }
            Event::End(_) => {
                let (start, children) = stack
                    .pop()
                    .ok_or_else(|| "XML của DOCX có thẻ đóng thừa".to_string())?;
                Node::Element {
                    start,
                    children,
                    empty: false,
                }
            }
            Event::Empty(s) => Node::Element {
                start: s,
                children: Vec::new(),
                empty: true,
            },
            other => Node::Other(other),
        };
        match stack.last_mut() {
            Some((_, children)) => children.push(node),
            None => top.push(node),
        }
    }
    if !stack.is_empty() {
        return Err("XML của DOCX thiếu thẻ đóng".into());
    }
    Ok(top)
}

fn sort_children(parent: &[u8], children: &mut [Node]) {
    let Some(seq) = sequence(parent) else {
        return;
    };
    let rank = |n: &Node| -> usize {
        n.local_name()
            .and_then(|l| seq.iter().position(|s| s.as_bytes() == l))
            .unwrap_or(seq.len())
    };
    // Already ordered is the common case for most elements; skip the sort then.
    if children.windows(2).all(|w| rank(&w[0]) <= rank(&w[1])) {
        return;
    }
    children.sort_by_key(rank);
}

/// Chart drawing runs by number (1-based), each parsed when its marker is met and placed
/// once.
struct Charts<'c> {
    runs: &'c [&'c str],
    placed: Vec<bool>,
}

impl<'c> Charts<'c> {
    fn new(runs: &'c [&'c str]) -> Charts<'c> {
        Charts {
            runs,
            placed: vec![false; runs.len()],
        }
    }

    fn take(&mut self, n: usize) -> Result<Node<'c>, String> {
        let missing = || format!("DOCX: không tìm thấy biểu đồ số {n} để đặt vào văn bản");
        let i = n
            .checked_sub(1)
            .filter(|&i| i < self.runs.len() && !self.placed[i])
            .ok_or_else(missing)?;
        self.placed[i] = true;
        let mut parsed = parse(self.runs[i].as_bytes())?;
        if parsed.len() != 1 {
            return Err("DOCX: lượt chạy của biểu đồ phải là một phần tử".to_string());
        }
        parsed.pop().ok_or_else(missing)
    }

    /// An error naming the first chart whose marker never came.
    fn all_placed(&self) -> Result<(), String> {
        match self.placed.iter().position(|p| !p) {
            Some(i) => Err(format!(
                "DOCX: biểu đồ số {} không có chỗ trong văn bản",
                i + 1
            )),
            None => Ok(()),
        }
    }
}

/// What the walk puts in: header-row counts of top-level tables in document order, and the
/// drawing runs of charts.
struct Fixes<'h, 'c> {
    header_rows: &'h [usize],
    table_index: usize,
    charts: Charts<'c>,
}

/// Walks the tree: sorts property children, adds tblHeader to the first
/// `header_rows[k]` rows of the k-th top-level table, and places chart runs.
fn fix<'a, 'c: 'a>(
    nodes: &mut [Node<'a>],
    fx: &mut Fixes<'_, 'c>,
    depth_in_table: usize,
) -> Result<(), String> {
    for node in nodes.iter_mut() {
        let Node::Element {
            start, children, ..
        } = node
        else {
            continue;
        };
        let name = start.name().into_inner();
        if name == b"w:p" {
            place_charts(children, &mut fx.charts)?;
        }
        if name == b"w:tbl" && depth_in_table == 0 {
            let count = fx.header_rows.get(fx.table_index).copied().unwrap_or(0);
            fx.table_index += 1;
            mark_header_rows(children, count);
            fix(children, fx, 1)?;
        } else {
            let d = if name == b"w:tbl" {
                depth_in_table + 1
            } else {
                depth_in_table
            };
            fix(children, fx, d)?;
        }
        sort_children(name, children);
    }
    Ok(())
}

/// Replaces a paragraph's chart marker (`w:bookmarkStart` named `_vanban_chart_N`) with
/// chart N's drawing run.
fn place_charts<'a, 'c: 'a>(
    paragraph: &mut [Node<'a>],
    charts: &mut Charts<'c>,
) -> Result<(), String> {
    for child in paragraph.iter_mut() {
        let Node::Element { start, .. } = child else {
            continue;
        };
        if start.name().as_ref() != b"w:bookmarkStart" {
            continue;
        }
        let Some(name) = start.try_get_attribute("w:name").ok().flatten() else {
            continue;
        };
        let Some(n) = name
            .value
            .strip_prefix(super::chart::MARKER_PREFIX.as_bytes())
            .and_then(|d| std::str::from_utf8(d).ok())
            .and_then(|d| d.parse::<usize>().ok())
        else {
            continue;
        };
        *child = charts.take(n)?;
    }
    Ok(())
}

fn mark_header_rows(table_children: &mut [Node], count: usize) {
    let mut seen = 0;
    for row in table_children.iter_mut() {
        if seen == count {
            break;
        }
        let Node::Element {
            start, children, ..
        } = row
        else {
            continue;
        };
        if start.name().as_ref() != b"w:tr" {
            continue;
        }
        seen += 1;
        let tbl_header = Node::Element {
            start: BytesStart::new("w:tblHeader"),
            children: Vec::new(),
            empty: true,
        };
        match children
            .iter_mut()
            .find(|c| c.local_name() == Some(b"trPr".as_slice()))
        {
            Some(Node::Element {
                children: pr,
                empty,
                ..
            }) => {
                pr.push(tbl_header);
                *empty = false;
            }
            _ => children.insert(
                0,
                Node::Element {
                    start: BytesStart::new("w:trPr"),
                    children: vec![tbl_header],
                    empty: false,
                },
            ),
        }
    }
}

fn write<W: std::io::Write>(nodes: &[Node], w: &mut Writer<W>) -> std::io::Result<()> {
    for n in nodes {
        match n {
            Node::Element {
                start,
                children,
                empty,
            } => {
                if *empty && children.is_empty() {
                    w.write_event(Event::Empty(start.borrow()))?;
                } else {
                    w.write_event(Event::Start(start.borrow()))?;
                    write(children, w)?;
                    w.write_event(Event::End(start.to_end()))?;
                }
            }
            Node::Other(e) => w.write_event(e.borrow())?,
        }
    }
    Ok(())
}

/// Reorders a part's property elements, marks table header rows and puts chart N's run
/// (`chart_runs[N - 1]`, one `w:r` element) where its marker is.
pub fn normalize(
    xml: &[u8],
    header_rows: &[usize],
    chart_runs: &[&str],
) -> Result<Vec<u8>, String> {
    let mut nodes = parse(xml)?;
    let mut fx = Fixes {
        header_rows,
        table_index: 0,
        charts: Charts::new(chart_runs),
    };
    fix(&mut nodes, &mut fx, 0)?;
    fx.charts.all_placed()?;
    let mut w = Writer::new(Vec::with_capacity(xml.len() + 1024));
    write(&nodes, &mut w).map_err(write_error)?;
    Ok(w.into_inner())
}

/// Reused buffers of [`reorder`].
#[derive(Default)]
struct Scratch {
    open: Vec<Open>,
    children: Vec<(usize, usize, usize)>,
    moved: Vec<u8>,
}

/// An element being copied by [`reorder`]: where its output starts, its rank among its
/// parent's children, and for an element with a schema sequence, where its children's
/// records begin in [`Scratch::children`].
struct Open {
    start: usize,
    rank: usize,
    seq: Option<&'static [&'static str]>,
    first_child: usize,
}

fn local(name: &[u8]) -> &[u8] {
    match name.iter().position(|&b| b == b':') {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

fn rank_in(seq: Option<&[&str]>, name: Option<&[u8]>) -> usize {
    match seq {
        Some(seq) => name
            .and_then(|l| seq.iter().position(|s| s.as_bytes() == l))
            .unwrap_or(seq.len()),
        None => 0,
    }
}

/// What [`fix`] does to a fragment without chart markers or header rows, without building a
/// tree: the source bytes are copied as they are (quick-xml writes each event back as it
/// read it), and the children of elements with a schema sequence are moved into order.
fn reorder(xml: &[u8], out: &mut Vec<u8>, sc: &mut Scratch) -> Result<(), String> {
    sc.open.clear();
    sc.children.clear();
    let mut reader = Reader::from_reader(xml);
    // Nesting is tracked here; docx-rs's output needs no name checks.
    reader.config_mut().check_end_names = false;
    let bad = |e: &dyn std::fmt::Display| format!("XML của DOCX không hợp lệ: {e}");
    loop {
        let at = reader.buffer_position() as usize;
        let ev = reader.read_event().map_err(|e| bad(&e))?;
        let end = reader.buffer_position() as usize;
        let bytes = xml.get(at..end).ok_or_else(|| bad(&"vị trí"))?;
        let parent_seq = sc.open.last().and_then(|o| o.seq);
        match ev {
            Event::Eof => break,
            Event::Start(e) => {
                let name = e.name().into_inner();
                sc.open.push(Open {
                    start: out.len(),
                    rank: rank_in(parent_seq, Some(local(name))),
                    seq: sequence(name),
                    first_child: sc.children.len(),
                });
                out.extend_from_slice(bytes);
            }
            Event::End(_) => {
                let open = sc
                    .open
                    .pop()
                    .ok_or_else(|| "XML của DOCX có thẻ đóng thừa".to_string())?;
                if open.seq.is_some() {
                    sort_copied(out, &mut sc.children, open.first_child, &mut sc.moved);
                }
                sc.children.truncate(open.first_child);
                out.extend_from_slice(bytes);
                if parent_seq_of(&sc.open).is_some() {
                    sc.children.push((open.rank, open.start, out.len()));
                }
            }
            other => {
                let name = match &other {
                    Event::Empty(e) => Some(local(e.name().into_inner())),
                    _ => None,
                };
                let start = out.len();
                out.extend_from_slice(bytes);
                if parent_seq.is_some() {
                    sc.children
                        .push((rank_in(parent_seq, name), start, out.len()));
                }
            }
        }
    }
    if !sc.open.is_empty() {
        return Err("XML của DOCX thiếu thẻ đóng".into());
    }
    Ok(())
}

fn parent_seq_of(open: &[Open]) -> Option<&'static [&'static str]> {
    open.last().and_then(|o| o.seq)
}

/// Puts the children copied since record `first` (contiguous at the end of `out`) in rank
/// order, keeping the order of equal ranks, as [`sort_children`] does.
fn sort_copied(
    out: &mut Vec<u8>,
    children: &mut [(usize, usize, usize)],
    first: usize,
    moved: &mut Vec<u8>,
) {
    let kids = &mut children[first..];
    if kids.windows(2).all(|w| w[0].0 <= w[1].0) {
        return;
    }
    let Some(base) = kids.first().map(|k| k.1) else {
        return;
    };
    moved.clear();
    moved.extend_from_slice(&out[base..]);
    out.truncate(base);
    kids.sort_by_key(|k| k.0);
    for &(_, a, b) in kids.iter() {
        out.extend_from_slice(&moved[a - base..b - base]);
    }
}

fn write_error(e: std::io::Error) -> String {
    format!("không ghi được XML của DOCX: {e}")
}

/// [`normalize`] for a part written piece by piece: each body element (a paragraph, a
/// table's opening with its properties, one table row) is normalized as it is made and
/// appended to `out`, so the whole part never exists as one tree or string.
pub struct Fragments<'c> {
    fx: Fixes<'static, 'c>,
    /// Reused output buffer of one fragment.
    buf: Vec<u8>,
    /// Reused buffers of [`reorder`].
    scratch: Scratch,
}

impl<'c> Fragments<'c> {
    pub fn new(chart_runs: &'c [&'c str]) -> Fragments<'c> {
        Fragments {
            fx: Fixes {
                header_rows: &[],
                table_index: 0,
                charts: Charts::new(chart_runs),
            },
            buf: Vec::new(),
            scratch: Scratch::default(),
        }
    }

    fn emit(
        &mut self,
        xml: &[u8],
        depth_in_table: usize,
        header_row: bool,
        strip_end: Option<&[u8]>,
        out: &mut dyn std::io::Write,
    ) -> Result<(), String> {
        self.buf.clear();
        let marker = super::chart::MARKER_PREFIX.as_bytes();
        if header_row || memchr::memmem::find(xml, marker).is_some() {
            // Header rows and chart markers change the tree: the general path.
            let mut nodes = parse(xml)?;
            if header_row {
                mark_header_rows(&mut nodes, 1);
            }
            fix(&mut nodes, &mut self.fx, depth_in_table)?;
            let mut w = Writer::new(&mut self.buf);
            write(&nodes, &mut w).map_err(write_error)?;
        } else {
            reorder(xml, &mut self.buf, &mut self.scratch)?;
        }
        let mut bytes = self.buf.as_slice();
        if let Some(end) = strip_end {
            bytes = bytes
                .strip_suffix(end)
                .ok_or_else(|| "DOCX: bảng không có thẻ đóng".to_string())?;
        }
        out.write_all(bytes).map_err(write_error)
    }

    /// A body paragraph (with its chart run placed, if it is a chart's marker).
    pub fn element(&mut self, xml: &[u8], out: &mut dyn std::io::Write) -> Result<(), String> {
        self.emit(xml, 0, false, None, out)
    }

    /// A top-level table without rows (`<w:tbl>` with its properties and grid): written
    /// without its closing tag, which [`Fragments::table_end`] writes after the rows.
    pub fn table_start(&mut self, xml: &[u8], out: &mut dyn std::io::Write) -> Result<(), String> {
        self.emit(xml, 0, false, Some(b"</w:tbl>"), out)
    }

    /// One row of the open table; `header` marks it as a repeated header row.
    pub fn row(
        &mut self,
        xml: &[u8],
        header: bool,
        out: &mut dyn std::io::Write,
    ) -> Result<(), String> {
        self.emit(xml, 1, header, None, out)
    }

    pub fn table_end(&mut self, out: &mut dyn std::io::Write) -> Result<(), String> {
        out.write_all(b"</w:tbl>").map_err(write_error)
    }

    /// An error if a chart's marker never came.
    pub fn finish(&self) -> Result<(), String> {
        self.fx.charts.all_placed()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn properties_are_reordered() {
        let xml = br#"<w:p><w:pPr><w:rPr/><w:jc w:val="both"/><w:spacing w:before="120"/><w:keepNext/></w:pPr><w:r><w:rPr><w:i/><w:sz w:val="28"/><w:rFonts w:ascii="X"/><w:b/></w:rPr><w:t xml:space="preserve"> a </w:t></w:r></w:p>"#;
        let out = String::from_utf8(normalize(xml, &[], &[]).unwrap()).unwrap();
        assert_eq!(
            out,
            r#"<w:p><w:pPr><w:keepNext/><w:spacing w:before="120"/><w:jc w:val="both"/><w:rPr/></w:pPr><w:r><w:rPr><w:rFonts w:ascii="X"/><w:b/><w:i/><w:sz w:val="28"/></w:rPr><w:t xml:space="preserve"> a </w:t></w:r></w:p>"#
        );
    }

    #[test]
    fn chart_markers_become_their_runs() {
        let xml = br#"<w:body><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:bookmarkStart w:id="2" w:name="_vanban_chart_2"/></w:p><w:p><w:bookmarkStart w:id="1" w:name="_vanban_chart_1"/></w:p><w:p><w:bookmarkStart w:id="9" w:name="other"/></w:p></w:body>"#;
        let runs = [
            r#"<w:r><w:rPr><w:sz w:val="2"/><w:noProof/></w:rPr><w:t>one</w:t></w:r>"#,
            r#"<w:r><w:t>two</w:t></w:r>"#,
        ];
        let out = String::from_utf8(normalize(xml, &[], &runs).unwrap()).unwrap();
        assert_eq!(
            out,
            r#"<w:body><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t>two</w:t></w:r></w:p><w:p><w:r><w:rPr><w:noProof/><w:sz w:val="2"/></w:rPr><w:t>one</w:t></w:r></w:p><w:p><w:bookmarkStart w:id="9" w:name="other"/></w:p></w:body>"#
        );
        // A chart without its marker, or a marker without its chart, is an error.
        assert!(normalize(b"<w:body/>", &[], &runs[..1]).is_err());
        let lone = br#"<w:p><w:bookmarkStart w:id="1" w:name="_vanban_chart_3"/></w:p>"#;
        assert!(normalize(lone, &[], &[]).is_err());
    }

    #[test]
    fn reordering_without_a_tree_gives_the_same_bytes() {
        let xml = br#"<w:tr><w:trPr /><w:tc><w:tcPr><w:vAlign w:val="top" /><w:tcW w:w="567" w:type="dxa" /><w:tcBorders><w:bottom w:val="nil" /><w:top w:val="nil" /></w:tcBorders></w:tcPr><w:p w14:paraId="0000002a"><w:pPr><w:rPr><w:sz w:val="26" /></w:rPr><w:jc w:val="left" /><w:keepNext /></w:pPr><w:r><w:rPr><w:i /><w:rFonts w:ascii="X" /><w:b /></w:rPr><w:t xml:space="preserve">a &amp; b &gt; c</w:t></w:r></w:p></w:tc></w:tr>"#;
        let mut out = Vec::new();
        reorder(xml, &mut out, &mut Scratch::default()).unwrap();
        let tree = normalize(xml, &[], &[]).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            String::from_utf8(tree).unwrap()
        );
        assert!(reorder(b"<w:p><w:pPr>", &mut Vec::new(), &mut Scratch::default()).is_err());
    }

    #[test]
    fn header_rows_are_marked_in_document_order() {
        let xml = br#"<w:body><w:tbl><w:tblPr/><w:tr><w:tc/></w:tr><w:tr><w:tc/></w:tr></w:tbl><w:tbl><w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc/></w:tr><w:tr><w:tc/></w:tr><w:tr><w:tc/></w:tr></w:tbl></w:body>"#;
        let out = String::from_utf8(normalize(xml, &[0, 2], &[]).unwrap()).unwrap();
        assert_eq!(out.matches("<w:tblHeader/>").count(), 2, "{out}");
        let second = &out[out.rfind("<w:tbl>").unwrap()..];
        assert!(second.starts_with(
            "<w:tbl><w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr><w:tc/></w:tr><w:tr><w:trPr><w:tblHeader/></w:trPr>"
        ), "{second}");
    }
}
