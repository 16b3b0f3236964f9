//! The document markup templates produce, parsed into the IR. The vocabulary:
//!
//! ```text
//! <document title author lang> <section orientation restart-page-numbers number-first-page>
//! <p style keep-with-next> text <b> <i> <br/> </p>
//! <table widths fit indent borders header-rows keep-with-previous> <row keep-with-next cant-split>
//! <cell colspan rowspan valign style> (paragraphs, or inline text with `style`) </cell>
//! <chart title max percent> <series name style/> ... <bar label value|values text/> ... </chart>
//! ```
//!
//! `<chart>` is a block of a section, like `<p>` and `<table>`: a horizontal bar chart on the
//! scale 0..=`max` (required, a number), one `<bar/>` (empty element) per category, top to
//! bottom. Each bar needs `label` (the category), `value` (a number with a decimal point,
//! 0..=max) and `text` (the value label printed as given, e.g. "85,7%").
//!
//! A chart with `<series/>` entries (before its bars) is stacked: each series is a legend
//! entry with its `name` and the style sheet's series `style`, and each bar gives `values`,
//! one number per series separated by spaces, drawn left to right; `text` is optional.
//! `percent="true"` draws each bar as its segments' shares (then `max` is 100).
//!
//! Whitespace inside a paragraph that contains a line break (template indentation) becomes
//! one space; runs of plain spaces are kept, since a blank left for the văn thư
//! ("Số:      /KH-UBND") is made of them.

use crate::ir::*;
use crate::style::StyleSheet;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// A markup error with its 1-based line and column in the rendered markup.
#[derive(Debug, Clone, PartialEq)]
pub struct MarkupError {
    pub line: usize,
    pub column: usize,
    pub message: String,
    /// The markup line the error is on, for context.
    pub excerpt: String,
}

impl std::fmt::Display for MarkupError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "văn bản sinh ra từ mẫu lỗi ở dòng {}, cột {}: {}\n  | {}",
            self.line, self.column, self.message, self.excerpt
        )
    }
}

#[derive(Default)]
struct Emphasis {
    bold: u32,
    italic: u32,
}

struct Parser<'a> {
    src: &'a str,
    reader: Reader<&'a [u8]>,
    styles: &'a StyleSheet,
}

type R<T> = Result<T, MarkupError>;

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.try_get_attribute(name).ok().flatten().and_then(|a| {
        let raw = std::str::from_utf8(&a.value).ok()?;
        quick_xml::escape::unescape(raw)
            .ok()
            .map(|v| v.into_owned())
    })
}

impl<'a> Parser<'a> {
    fn error(&self, message: impl Into<String>) -> MarkupError {
        let pos = (self.reader.buffer_position() as usize).min(self.src.len());
        let before = &self.src[..self.src.floor_char_boundary(pos)];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        let excerpt = self.src[line_start..]
            .lines()
            .next()
            .unwrap_or("")
            .chars()
            .take(160)
            .collect();
        MarkupError {
            line,
            column,
            message: message.into(),
            excerpt,
        }
    }

    fn next(&mut self) -> R<Event<'a>> {
        self.reader
            .read_event()
            .map_err(|e| self.error(format!("XML không hợp lệ: {e}")))
    }

    fn name(e: &BytesStart) -> String {
        String::from_utf8_lossy(e.name().as_ref()).into_owned()
    }

    fn flag(&self, e: &BytesStart, name: &str, default: bool) -> R<bool> {
        match attr(e, name).as_deref() {
            None => Ok(default),
            Some("true") => Ok(true),
            Some("false") => Ok(false),
            Some(v) => Err(self.error(format!(
                "thuộc tính {name} cần true hoặc false, gặp \"{v}\""
            ))),
        }
    }

    fn number<T: std::str::FromStr>(&self, e: &BytesStart, name: &str, default: T) -> R<T> {
        match attr(e, name) {
            None => Ok(default),
            Some(v) => v
                .trim()
                .parse()
                .map_err(|_| self.error(format!("thuộc tính {name} cần một số, gặp \"{v}\""))),
        }
    }

    fn style(&self, e: &BytesStart, default: Option<&str>) -> R<String> {
        let s = match (attr(e, "style"), default) {
            (Some(s), _) => s,
            (None, Some(d)) => d.to_string(),
            (None, None) => return Err(self.error("thẻ cần thuộc tính style")),
        };
        if self.styles.get(&s).is_none() {
            return Err(self.error(crate::style::unknown_style_message(&s, self.styles)));
        }
        Ok(s)
    }

    /// The character data an event carries (text, an entity or character reference, CDATA),
    /// or `None` for markup events.
    fn char_data(&self, ev: &Event) -> R<Option<String>> {
        Ok(Some(match ev {
            Event::Text(t) => t
                .xml10_content()
                .map_err(|e| self.error(format!("chữ không hợp lệ: {e}")))?
                .into_owned(),
            Event::GeneralRef(r) => {
                let name = r
                    .decode()
                    .map_err(|e| self.error(format!("ký tự không hợp lệ: {e}")))?;
                quick_xml::escape::unescape(&format!("&{name};"))
                    .map_err(|_| self.error(format!("thực thể không biết: &{name};")))?
                    .into_owned()
            }
            Event::CData(t) => String::from_utf8_lossy(t).into_owned(),
            _ => return Ok(None),
        }))
    }

    /// Skips whitespace-only text between block elements; other text there is an error.
    fn stray_text(&self, t: &str) -> R<()> {
        if t.trim().is_empty() {
            Ok(())
        } else {
            Err(self.error(format!(
                "chữ nằm ngoài đoạn văn (cần đặt trong <p>): \"{}\"",
                t.trim().chars().take(40).collect::<String>()
            )))
        }
    }

    fn document(&mut self) -> R<Document> {
        loop {
            match self.next()? {
                Event::Start(e) if e.name().as_ref() == b"document" => {
                    let clean = |s: String| -> String {
                        s.chars()
                            .filter(|c| !crate::chars::forbidden(*c))
                            .map(|c| if c.is_whitespace() { ' ' } else { c })
                            .collect()
                    };
                    let meta = Meta {
                        title: clean(attr(&e, "title").unwrap_or_default()),
                        author: clean(attr(&e, "author").unwrap_or_default()),
                        language: attr(&e, "lang").unwrap_or_else(|| "vi".into()),
                    };
                    let mut doc = Document {
                        meta,
                        sections: Vec::new(),
                    };
                    loop {
                        match self.next()? {
                            Event::Start(e) if e.name().as_ref() == b"section" => {
                                let s = self.section(&e)?;
                                doc.sections.push(s);
                            }
                            Event::End(_) => break,
                            Event::Text(t) => self.stray_text(&String::from_utf8_lossy(&t))?,
                            Event::Comment(_) => {}
                            Event::Eof => return Err(self.error("thiếu </document>")),
                            other => {
                                return Err(self.error(format!(
                                    "trong <document> chỉ có <section>, gặp {}",
                                    event_vi(&other)
                                )))
                            }
                        }
                    }
                    return Ok(doc);
                }
                Event::Decl(_) | Event::Comment(_) => {}
                Event::Text(t) => self.stray_text(&String::from_utf8_lossy(&t))?,
                Event::Eof => return Err(self.error("không có thẻ <document>")),
                _ => return Err(self.error("văn bản phải bắt đầu bằng <document>")),
            }
        }
    }

    fn section(&mut self, e: &BytesStart) -> R<Section> {
        let orientation = match attr(e, "orientation").as_deref() {
            None | Some("portrait") => Orientation::Portrait,
            Some("landscape") => Orientation::Landscape,
            Some(v) => {
                return Err(self.error(format!(
                    "orientation cần portrait hoặc landscape, gặp \"{v}\""
                )))
            }
        };
        let mut s = Section {
            orientation,
            restart_page_numbers: self.flag(e, "restart-page-numbers", false)?,
            number_first_page: self.flag(e, "number-first-page", false)?,
            blocks: Vec::new(),
        };
        loop {
            match self.next()? {
                Event::Start(e) if e.name().as_ref() == b"p" => {
                    let p = self.paragraph(&e, None)?;
                    s.blocks.push(Block::Paragraph(p));
                }
                Event::Start(e) if e.name().as_ref() == b"table" => {
                    // `keep-with-previous`: the paragraph before stays on the table's page
                    // (the last body paragraph with the Nơi nhận and signature block).
                    if self.flag(&e, "keep-with-previous", false)? {
                        if let Some(Block::Paragraph(p)) = s.blocks.last_mut() {
                            p.keep_with_next = true;
                        }
                    }
                    let t = self.table(&e)?;
                    s.blocks.push(Block::Table(t));
                }
                Event::Start(e) if e.name().as_ref() == b"chart" => {
                    let c = self.chart(&e)?;
                    s.blocks.push(Block::Chart(c));
                }
                Event::End(_) => return Ok(s),
                Event::Text(t) => self.stray_text(&String::from_utf8_lossy(&t))?,
                Event::Comment(_) => {}
                Event::Eof => return Err(self.error("thiếu </section>")),
                other => {
                    return Err(self.error(format!(
                        "trong <section> chỉ có <p>, <table> và <chart>, gặp {}",
                        event_vi(&other)
                    )))
                }
            }
        }
    }

    /// Reads inline content up to the end tag of the element just opened.
    fn inline(&mut self, runs: &mut Vec<Run>) -> R<()> {
        let mut em = Emphasis::default();
        let mut depth = 0u32;
        loop {
            let ev = self.next()?;
            if let Some(text) = self.char_data(&ev)? {
                push_text(runs, &text, &em);
                continue;
            }
            match ev {
                Event::Start(e) => {
                    match e.name().as_ref() {
                        b"b" => em.bold += 1,
                        b"i" => em.italic += 1,
                        _ => {
                            return Err(self.error(format!(
                                "trong đoạn văn chỉ có <b>, <i>, <br/>; gặp <{}>",
                                Self::name(&e)
                            )))
                        }
                    }
                    depth += 1;
                }
                Event::Empty(e) if e.name().as_ref() == b"br" => runs.push(Run {
                    kind: RunKind::LineBreak,
                    bold: None,
                    italic: None,
                }),
                Event::Empty(e) => {
                    return Err(self.error(format!(
                        "trong đoạn văn chỉ có <b>, <i>, <br/>; gặp <{}/>",
                        Self::name(&e)
                    )))
                }
                Event::End(e) => {
                    if depth == 0 {
                        return Ok(());
                    }
                    depth -= 1;
                    match e.name().as_ref() {
                        b"b" => em.bold = em.bold.saturating_sub(1),
                        _ => em.italic = em.italic.saturating_sub(1),
                    }
                }
                Event::Comment(_) => {}
                Event::Eof => return Err(self.error("đoạn văn chưa đóng")),
                other => {
                    return Err(
                        self.error(format!("nội dung lạ trong đoạn văn: {}", event_vi(&other)))
                    )
                }
            }
        }
    }

    fn paragraph(&mut self, e: &BytesStart, default_style: Option<&str>) -> R<Paragraph> {
        let style = self.style(e, default_style)?;
        let keep_with_next = self.flag(e, "keep-with-next", false)?;
        let mut runs = Vec::new();
        self.inline(&mut runs)?;
        Ok(Paragraph {
            style,
            runs: tidy(runs),
            keep_with_next,
        })
    }

    fn table(&mut self, e: &BytesStart) -> R<Table> {
        let widths =
            attr(e, "widths").ok_or_else(|| self.error("<table> cần thuộc tính widths"))?;
        let columns: Vec<f32> = widths
            .split(',')
            .map(|w| w.trim().parse::<f32>())
            .collect::<Result<_, _>>()
            .map_err(|_| {
                self.error(format!(
                    "widths cần các số cách nhau bởi dấu phẩy, gặp \"{widths}\""
                ))
            })?;
        if columns.is_empty() || columns.iter().any(|w| !(w.is_finite() && *w > 0.0)) {
            return Err(self.error("widths cần các số dương"));
        }
        let mut t = Table {
            columns,
            fit_width: self.flag(e, "fit", false)?,
            indent_mm: self.number(e, "indent", 0.0)?,
            borders: self.flag(e, "borders", true)?,
            header_rows: self.number(e, "header-rows", 0)?,
            rows: Vec::new(),
        };
        loop {
            match self.next()? {
                Event::Start(e) if e.name().as_ref() == b"row" => {
                    let mut row = Row {
                        cells: Vec::new(),
                        keep_with_next: self.flag(&e, "keep-with-next", false)?,
                        cant_split: self.flag(&e, "cant-split", false)?,
                    };
                    loop {
                        match self.next()? {
                            Event::Start(c) if c.name().as_ref() == b"cell" => {
                                let cell = self.cell(&c)?;
                                row.cells.push(cell);
                            }
                            Event::End(_) => break,
                            Event::Text(x) => self.stray_text(&String::from_utf8_lossy(&x))?,
                            Event::Comment(_) => {}
                            Event::Eof => return Err(self.error("thiếu </row>")),
                            other => {
                                return Err(self.error(format!(
                                    "trong <row> chỉ có <cell>, gặp {}",
                                    event_vi(&other)
                                )))
                            }
                        }
                    }
                    t.rows.push(row);
                }
                Event::End(_) => break,
                Event::Text(x) => self.stray_text(&String::from_utf8_lossy(&x))?,
                Event::Comment(_) => {}
                Event::Eof => return Err(self.error("thiếu </table>")),
                other => {
                    return Err(self.error(format!(
                        "trong <table> chỉ có <row>, gặp {}",
                        event_vi(&other)
                    )))
                }
            }
        }
        if t.header_rows > t.rows.len() {
            return Err(self.error("header-rows lớn hơn số dòng của bảng"));
        }
        t.grid().map_err(|m| self.error(m))?;
        Ok(t)
    }

    /// A required number attribute (`number` has a default for absent ones).
    fn required_number(&self, e: &BytesStart, tag: &str, name: &str) -> R<f32> {
        let v =
            attr(e, name).ok_or_else(|| self.error(format!("<{tag}> cần thuộc tính {name}")))?;
        match v.trim().parse::<f32>() {
            Ok(n) if n.is_finite() => Ok(n),
            _ => Err(self.error(format!(
                "thuộc tính {name} của <{tag}> cần một số (dấu chấm thập phân, như 85.7), gặp \"{v}\""
            ))),
        }
    }

    fn chart(&mut self, e: &BytesStart) -> R<Chart> {
        let max = self.required_number(e, "chart", "max")?;
        if max <= 0.0 {
            return Err(self.error(format!("max của <chart> cần lớn hơn 0, gặp {max}")));
        }
        let percent = match attr(e, "percent").as_deref().map(str::trim) {
            None | Some("false") => false,
            Some("true") => true,
            Some(v) => {
                return Err(self.error(format!(
                    "percent của <chart> là \"true\" hoặc \"false\", gặp \"{v}\""
                )))
            }
        };
        if percent && max != 100.0 {
            return Err(self.error(format!(
                "biểu đồ percent=\"true\" cần max=\"100\", gặp {max}"
            )));
        }
        let mut c = Chart {
            title: attr(e, "title").unwrap_or_default(),
            max,
            percent,
            series: Vec::new(),
            bars: Vec::new(),
        };
        loop {
            match self.next()? {
                Event::Empty(b) if b.name().as_ref() == b"series" => {
                    if !c.bars.is_empty() {
                        return Err(self.error("<series/> đặt trước mọi <bar/> của biểu đồ"));
                    }
                    let series = self.series(&b)?;
                    c.series.push(series);
                }
                Event::Empty(b) if b.name().as_ref() == b"bar" => {
                    let bar = self.bar(&b, &c)?;
                    c.bars.push(bar);
                }
                Event::Start(b) if b.name().as_ref() == b"bar" => {
                    return Err(self.error(
                        "<bar> là thẻ rỗng: viết <bar label=\"…\" value=\"…\" text=\"…\"/>",
                    ))
                }
                Event::End(_) => break,
                Event::Text(x) => self.stray_text(&String::from_utf8_lossy(&x))?,
                Event::Comment(_) => {}
                Event::Eof => return Err(self.error("thiếu </chart>")),
                other => {
                    return Err(self.error(format!(
                        "trong <chart> chỉ có <series/> và <bar/>, gặp {}",
                        event_vi(&other)
                    )))
                }
            }
        }
        if c.bars.is_empty() {
            return Err(self.error("<chart> cần ít nhất một <bar/>"));
        }
        if percent && c.series.is_empty() {
            return Err(self.error("biểu đồ percent=\"true\" cần các <series/>"));
        }
        Ok(c)
    }

    fn series(&self, e: &BytesStart) -> R<Series> {
        let name = attr(e, "name").ok_or_else(|| self.error("<series> cần thuộc tính name"))?;
        let style = attr(e, "style").ok_or_else(|| self.error("<series> cần thuộc tính style"))?;
        self.styles
            .chart
            .series_style(&style)
            .map_err(|m| self.error(m))?;
        Ok(Series { name, style })
    }

    fn bar(&self, e: &BytesStart, chart: &Chart) -> R<Bar> {
        let max = chart.max;
        let label = attr(e, "label").ok_or_else(|| self.error("<bar> cần thuộc tính label"))?;
        if !chart.is_stacked() {
            let value = self.required_number(e, "bar", "value")?;
            if !(0.0..=max).contains(&value) {
                return Err(self.error(format!(
                    "value của <bar> \"{label}\" cần từ 0 đến {max} (max của biểu đồ), gặp {value}"
                )));
            }
            let text = attr(e, "text").ok_or_else(|| self.error("<bar> cần thuộc tính text"))?;
            return Ok(Bar {
                label,
                values: vec![value],
                text,
            });
        }
        let raw = attr(e, "values").ok_or_else(|| self.error("<bar> cần thuộc tính values"))?;
        let values: Vec<f32> = raw
            .split_whitespace()
            .map(|v| v.parse::<f32>().ok().filter(|n| n.is_finite() && *n >= 0.0))
            .collect::<Option<_>>()
            .ok_or_else(|| {
                self.error(format!(
                    "values của <bar> \"{label}\" cần các số không âm cách nhau bởi dấu cách (dấu chấm thập phân), gặp \"{raw}\""
                ))
            })?;
        if values.len() != chart.series.len() {
            return Err(self.error(format!(
                "values của <bar> \"{label}\" có {} số, cần {} (một cho mỗi <series/>)",
                values.len(),
                chart.series.len()
            )));
        }
        let total: f32 = values.iter().sum();
        if !chart.percent && total > max {
            return Err(self.error(format!(
                "tổng values của <bar> \"{label}\" là {total}, vượt max của biểu đồ ({max})"
            )));
        }
        Ok(Bar {
            label,
            values,
            text: attr(e, "text").unwrap_or_default(),
        })
    }

    fn cell(&mut self, e: &BytesStart) -> R<Cell> {
        let valign = match attr(e, "valign").as_deref() {
            None | Some("top") => VAlign::Top,
            Some("center") => VAlign::Center,
            Some("bottom") => VAlign::Bottom,
            Some(v) => {
                return Err(self.error(format!("valign cần top, center hoặc bottom, gặp \"{v}\"")))
            }
        };
        let colspan: usize = self.number(e, "colspan", 1)?;
        let rowspan: usize = self.number(e, "rowspan", 1)?;
        if colspan == 0 || rowspan == 0 {
            return Err(self.error("colspan và rowspan cần từ 1 trở lên"));
        }
        let cell_style = attr(e, "style");
        let mut cell = Cell {
            colspan,
            rowspan,
            valign,
            paragraphs: Vec::new(),
        };
        // Inline content directly in the cell forms one paragraph in the cell's style.
        let mut loose: Vec<Run> = Vec::new();
        loop {
            let ev = self.next()?;
            if let Some(text) = self.char_data(&ev)? {
                push_text(&mut loose, &text, &Emphasis::default());
                continue;
            }
            match ev {
                Event::Start(p) if p.name().as_ref() == b"p" => {
                    let para = self.paragraph(&p, cell_style.as_deref())?;
                    cell.paragraphs.push(para);
                }
                Event::End(_) => break,
                Event::Comment(_) => {}
                Event::Eof => return Err(self.error("thiếu </cell>")),
                other => {
                    return Err(self.error(format!(
                        "trong <cell> chỉ có <p> hoặc chữ, gặp {}",
                        event_vi(&other)
                    )))
                }
            }
        }
        let loose = tidy(loose);
        if !loose.is_empty() {
            let style = self.style(e, None)?;
            cell.paragraphs.push(Paragraph {
                style,
                runs: loose,
                ..Paragraph::default()
            });
        } else if cell.paragraphs.is_empty() {
            // An empty cell still has one (empty) paragraph, as Word requires.
            let style = self.style(e, Some("table-cell"))?;
            cell.paragraphs.push(Paragraph {
                style,
                ..Paragraph::default()
            });
        }
        Ok(cell)
    }
}

fn push_text(runs: &mut Vec<Run>, text: &str, em: &Emphasis) {
    let bold = (em.bold > 0).then_some(true);
    let italic = (em.italic > 0).then_some(true);
    if let Some(Run {
        kind: RunKind::Text(t),
        bold: b,
        italic: i,
    }) = runs.last_mut()
    {
        if *b == bold && *i == italic {
            t.push_str(text);
            return;
        }
    }
    runs.push(Run {
        kind: RunKind::Text(text.to_string()),
        bold,
        italic,
    });
}

/// An XML event as a template author would name it (never Rust's debug text).
fn event_vi(e: &Event) -> String {
    let name = |n: &[u8]| String::from_utf8_lossy(n).into_owned();
    match e {
        Event::Start(t) => format!("thẻ mở <{}>", name(t.name().as_ref())),
        Event::End(t) => format!("thẻ đóng </{}>", name(t.name().as_ref())),
        Event::Empty(t) => format!("thẻ <{}/>", name(t.name().as_ref())),
        Event::Text(t) => format!(
            "chữ \"{}\"",
            String::from_utf8_lossy(t)
                .trim()
                .chars()
                .take(40)
                .collect::<String>()
        ),
        Event::CData(_) => "khối CDATA".into(),
        Event::Comment(_) => "ghi chú".into(),
        Event::Decl(_) => "khai báo <?xml?>".into(),
        Event::PI(_) => "chỉ thị <?…?>".into(),
        Event::DocType(_) => "khai báo DOCTYPE".into(),
        Event::Eof => "hết văn bản".into(),
        _ => "nội dung XML lạ".into(),
    }
}

/// Whitespace characters that break a line in the source text: folded into one space like
/// a YAML line break (U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR included).
const LINE_BREAKS: [char; 4] = ['\n', '\r', '\u{2028}', '\u{2029}'];

/// Collapses whitespace containing a line break into one space, trims the paragraph's ends
/// and drops empty runs.
fn tidy(runs: Vec<Run>) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::with_capacity(runs.len());
    for mut r in runs {
        if let RunKind::Text(t) = &mut r.kind {
            // The loader refuses control characters in data; a template could still hold
            // one, and no DOCX or PDF may: drop them here, in front of every writer.
            if t.contains(|c: char| c == '\t' || crate::chars::forbidden(c)) {
                *t = t
                    .chars()
                    .filter(|c| !crate::chars::forbidden(*c))
                    .map(|c| if c == '\t' { ' ' } else { c })
                    .collect();
            }
            *t = collapse_newline_space(t);
        }
        out.push(r);
    }
    // Trim the start of the first text run and the end of the last one, and around breaks.
    let n = out.len();
    for i in 0..n {
        let prev_break = i == 0 || matches!(out[i - 1].kind, RunKind::LineBreak);
        let next_break = i + 1 == n || matches!(out[i + 1].kind, RunKind::LineBreak);
        if let RunKind::Text(t) = &mut out[i].kind {
            if prev_break {
                *t = t.trim_start_matches([' ', '\t']).to_string();
            }
            if next_break {
                *t = t.trim_end_matches([' ', '\t']).to_string();
            }
        }
    }
    out.retain(|r| !matches!(&r.kind, RunKind::Text(t) if t.is_empty()));
    out
}

fn collapse_newline_space(t: &str) -> String {
    if !t.contains(LINE_BREAKS) {
        return t.to_string();
    }
    let mut out = String::with_capacity(t.len());
    let mut chars = t.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_whitespace() {
            let mut ws = String::from(c);
            while let Some(&n) = chars.peek() {
                if n.is_whitespace() {
                    ws.push(n);
                    chars.next();
                } else {
                    break;
                }
            }
            if ws.contains(LINE_BREAKS) {
                out.push(' ');
            } else {
                out.push_str(&ws);
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Parses rendered markup into a document, checking style names against `styles`.
pub fn parse(src: &str, styles: &StyleSheet) -> Result<Document, MarkupError> {
    let mut p = Parser {
        src,
        reader: Reader::from_str(src),
        styles,
    };
    let doc = p.document()?;
    if doc.sections.is_empty() {
        return Err(p.error("văn bản cần ít nhất một <section>"));
    }
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(body: &str) -> Result<Document, MarkupError> {
        parse(
            &format!("<document title=\"t\"><section>{body}</section></document>"),
            &StyleSheet::nd30(),
        )
    }

    fn first_para(d: &Document) -> &Paragraph {
        match &d.sections[0].blocks[0] {
            Block::Paragraph(p) => p,
            _ => panic!("not a paragraph"),
        }
    }

    #[test]
    fn runs_keep_emphasis_and_entities() {
        let d =
            doc("<p style=\"body\">\n  <b>1. Tiêu đề:</b> a &lt; b &amp; c <i>nghiêng</i>\n</p>")
                .unwrap();
        let p = first_para(&d);
        assert_eq!(p.text(), "1. Tiêu đề: a < b & c nghiêng");
        assert_eq!(p.runs[0].bold, Some(true));
        assert_eq!(p.runs[1].bold, None);
        assert_eq!(p.runs[2].italic, Some(true));
    }

    #[test]
    fn blanks_for_the_clerk_survive() {
        let d = doc("<p style=\"so-ky-hieu\">Số:      /KH-UBND</p>").unwrap();
        assert_eq!(first_para(&d).text(), "Số:      /KH-UBND");
    }

    #[test]
    fn merged_cells_and_header_rows() {
        let d = doc(
            "<table widths=\"1,1,1\" header-rows=\"1\"><row><cell rowspan=\"2\" style=\"table-header\">TT</cell>\
             <cell colspan=\"2\" style=\"table-header\">X</cell></row>\
             <row><cell style=\"table-cell\">a</cell><cell style=\"table-cell\">b</cell></row></table>",
        )
        .unwrap();
        let Block::Table(t) = &d.sections[0].blocks[0] else {
            panic!("not a table")
        };
        assert_eq!(t.header_rows, 1);
        assert_eq!(t.rows[0].cells[0].rowspan, 2);
        assert_eq!(t.rows[0].cells[1].colspan, 2);
        assert_eq!(t.rows[1].cells[1].paragraphs[0].text(), "b");
    }

    #[test]
    fn charts_are_blocks_with_bars_in_order() {
        let d = doc(
            "<p style=\"body\">a</p>\n<chart title=\"Tỷ lệ &amp; số\" max=\"100\">\n\
             <bar label=\"PAR INDEX\" value=\"85.7\" text=\"85,7%\"/>\n\
             <!-- ghi chú -->\n\
             <bar label=\"A &lt; B\" value=\" 0 \" text=\"0%\"/>\n</chart>",
        )
        .unwrap();
        let Block::Chart(c) = &d.sections[0].blocks[1] else {
            panic!("not a chart")
        };
        assert_eq!(c.title, "Tỷ lệ & số");
        assert_eq!(c.max, 100.0);
        assert_eq!(
            c.bars,
            vec![
                Bar {
                    label: "PAR INDEX".into(),
                    values: vec![85.7],
                    text: "85,7%".into()
                },
                Bar {
                    label: "A < B".into(),
                    values: vec![0.0],
                    text: "0%".into()
                },
            ]
        );
        assert!(c.series.is_empty() && !c.percent);
    }

    #[test]
    fn stacked_charts_have_series_and_values() {
        let d = doc("<chart title=\"T\" max=\"100\" percent=\"true\">\n\
             <series name=\"Hoàn thành đúng hạn\" style=\"dung-han\"/>\n\
             <series name=\"Quá hạn\" style=\"qua-han\"/>\n\
             <bar label=\"PCI\" values=\" 2  30 \"/>\n</chart>")
        .unwrap();
        let Block::Chart(c) = &d.sections[0].blocks[0] else {
            panic!("not a chart")
        };
        assert!(c.percent);
        let names: Vec<(&str, &str)> = c
            .series
            .iter()
            .map(|s| (s.name.as_str(), s.style.as_str()))
            .collect();
        assert_eq!(
            names,
            [("Hoàn thành đúng hạn", "dung-han"), ("Quá hạn", "qua-han")]
        );
        assert_eq!(c.bars[0].values, [2.0, 30.0]);
        assert_eq!(c.bars[0].text, "");

        let bad = |body: &str| doc(body).unwrap_err().message;
        let head = "<chart max=\"100\" percent=\"true\"><series name=\"a\" style=\"dung-han\"/>";
        let e = bad(&format!(
            "{head}<bar label=\"PCI\" values=\"1 2\"/></chart>"
        ));
        assert!(e.contains("có 2 số, cần 1"), "{e}");
        let e = bad(&format!(
            "{head}<bar label=\"PCI\" values=\"1,5\"/></chart>"
        ));
        assert!(e.contains("dấu chấm thập phân"), "{e}");
        let e = bad(&format!("{head}<bar label=\"PCI\" value=\"1\"/></chart>"));
        assert!(e.contains("cần thuộc tính values"), "{e}");
        let e = bad("<chart max=\"100\"><series name=\"a\" style=\"xanh\"/></chart>");
        assert!(e.contains("\"xanh\"") && e.contains("dung-han"), "{e}");
        let e = bad(
            "<chart max=\"50\" percent=\"true\"><series name=\"a\" style=\"dung-han\"/></chart>",
        );
        assert!(e.contains("max=\"100\""), "{e}");
        let e = bad(
            "<chart max=\"100\" percent=\"true\"><bar label=\"a\" value=\"1\" text=\"x\"/></chart>",
        );
        assert!(e.contains("cần các <series/>"), "{e}");
        let e = bad("<chart max=\"10\"><series name=\"a\" style=\"dung-han\"/><series name=\"b\" style=\"qua-han\"/><bar label=\"a\" values=\"6 6\"/></chart>");
        assert!(e.contains("vượt max"), "{e}");
    }

    #[test]
    fn chart_errors_are_located_and_vietnamese() {
        let bad = |body: &str| doc(body).unwrap_err();
        let e = bad("<chart>\n<bar label=\"a\" value=\"1\" text=\"1\"/></chart>");
        assert_eq!(e.line, 1);
        assert!(
            e.message.contains("<chart> cần thuộc tính max"),
            "{}",
            e.message
        );
        let e =
            bad("<chart max=\"100\">\n<bar label=\"PAPI\" value=\"85,7\" text=\"85,7%\"/></chart>");
        assert_eq!(e.line, 2);
        assert!(
            e.message.contains("value") && e.message.contains("\"85,7\""),
            "{}",
            e.message
        );
        let e = bad("<chart max=\"100\">\n\n<bar value=\"1\" text=\"1\"/></chart>");
        assert_eq!(e.line, 3);
        assert!(e.message.contains("cần thuộc tính label"), "{}", e.message);
        let e = bad("<chart max=\"100\"><bar label=\"a\" value=\"1\"/></chart>");
        assert!(e.message.contains("cần thuộc tính text"), "{}", e.message);
        let e = bad("<chart max=\"100\"><bar label=\"PCI\" value=\"120\" text=\"x\"/></chart>");
        assert!(
            e.message.contains("từ 0 đến 100") && e.message.contains("PCI"),
            "{}",
            e.message
        );
        let e = bad("<chart max=\"100\"><bar label=\"a\" value=\"NaN\" text=\"x\"/></chart>");
        assert!(e.message.contains("cần một số"), "{}", e.message);
        let e = bad("<chart max=\"-5\"><bar label=\"a\" value=\"1\" text=\"x\"/></chart>");
        assert!(e.message.contains("lớn hơn 0"), "{}", e.message);
        let e = bad("<chart max=\"100\">\n</chart>");
        assert!(e.message.contains("ít nhất một <bar/>"), "{}", e.message);
        let e = bad("<chart max=\"100\"><p style=\"body\">x</p></chart>");
        assert!(
            e.message.contains("chỉ có <series/> và <bar/>"),
            "{}",
            e.message
        );
        let e = bad("<chart max=\"100\">chữ</chart>");
        assert!(e.message.contains("chữ nằm ngoài"), "{}", e.message);
        let e = bad("<chart max=\"100\"><bar label=\"a\" value=\"1\" text=\"x\"></bar></chart>");
        assert!(e.message.contains("thẻ rỗng"), "{}", e.message);
    }

    #[test]
    fn errors_point_at_the_line() {
        let e = doc("\n<p style=\"khong-co\">x</p>").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("khong-co"), "{}", e.message);
        let e = doc("<p style=\"body\">x</q>").unwrap_err();
        assert!(e.message.contains("XML"), "{}", e.message);
        let e = doc("<table widths=\"1,1\"><row><cell style=\"table-cell\">a</cell></row></table>")
            .unwrap_err();
        assert!(e.message.contains("thiếu ô"), "{}", e.message);
    }
}
