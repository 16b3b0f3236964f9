//! A small PDF reader for tests: it interprets the content streams the way a viewer does
//! (Tf, Tm, Td, TJ, Tj with the font's /W widths and ToUnicode map; m, l, S, w; re, f, S;
//! rg, RG, q, Q), so tests assert on where glyphs, rules and filled boxes really are, not on
//! what the writer meant.

use std::collections::{BTreeMap, HashMap};

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object};

#[derive(Debug, Clone)]
pub struct Glyph {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub size: f32,
    pub text: String,
    pub font: String,
}

#[derive(Debug, Clone, Copy)]
pub struct Stroke {
    pub x1: f32,
    pub y1: f32,
    pub x2: f32,
    pub y2: f32,
    pub width: f32,
    /// Stroke colour, RGB 0..=1.
    pub color: [f32; 3],
}

/// A filled rectangle in PDF space: (x, y) is its lower-left corner.
#[derive(Debug, Clone, Copy)]
pub struct Fill {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
    pub color: [f32; 3],
}

#[derive(Debug, Clone)]
pub struct Page {
    pub media: Vec<f32>,
    pub glyphs: Vec<Glyph>,
    pub strokes: Vec<Stroke>,
    pub fills: Vec<Fill>,
}

#[derive(Debug, Clone, Default)]
pub struct FontInfo {
    pub base_font: String,
    pub has_font_file2: bool,
    pub has_to_unicode: bool,
    widths: HashMap<u32, f32>,
    default_width: f32,
    to_unicode: HashMap<u32, String>,
}

pub struct Pdf {
    pub doc: Document,
    pub pages: Vec<Page>,
    pub fonts: BTreeMap<String, FontInfo>,
}

impl Page {
    pub fn width(&self) -> f32 {
        self.media[2] - self.media[0]
    }
    pub fn height(&self) -> f32 {
        self.media[3] - self.media[1]
    }

    /// Lines of text: glyphs grouped by baseline (top to bottom), left to right, with a
    /// space where glyphs are apart by more than a fifth of the font size.
    pub fn lines(&self) -> Vec<(f32, String)> {
        let mut gs: Vec<&Glyph> = self.glyphs.iter().collect();
        gs.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
        let mut out: Vec<(f32, String)> = Vec::new();
        let mut last: Option<&Glyph> = None;
        for g in gs {
            match last {
                Some(l) if (l.y - g.y).abs() < 0.5 => {
                    let s = &mut out.last_mut().unwrap().1;
                    if g.x - (l.x + l.width) > g.size / 5.0 && !s.ends_with(' ') && g.text != " " {
                        s.push(' ');
                    }
                    s.push_str(&g.text);
                }
                _ => out.push((g.y, g.text.clone())),
            }
            last = Some(g);
        }
        out
    }

    /// All text in content-stream order (the order the writer emitted it), a space between
    /// baselines.
    pub fn stream_text(&self) -> String {
        let mut s = String::new();
        let mut last: Option<&Glyph> = None;
        for g in &self.glyphs {
            if let Some(l) = last {
                let apart = (l.y - g.y).abs() > 0.5 || g.x - (l.x + l.width) > g.size / 5.0;
                if apart && !s.ends_with(' ') && g.text != " " {
                    s.push(' ');
                }
            }
            s.push_str(&g.text);
            last = Some(g);
        }
        s
    }
}

fn num(o: &Object) -> f32 {
    match o {
        Object::Integer(i) => *i as f32,
        Object::Real(r) => *r,
        _ => panic!("not a number: {o:?}"),
    }
}

fn resolve<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    match o {
        Object::Reference(id) => doc.get_object(*id).unwrap(),
        o => o,
    }
}

fn dict<'a>(doc: &'a Document, o: &'a Object) -> &'a Dictionary {
    resolve(doc, o).as_dict().unwrap()
}

fn hex_tokens(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(i) = rest.find('<') {
        let Some(j) = rest[i..].find('>') else { break };
        out.push(rest[i + 1..i + j].to_string());
        rest = &rest[i + j + 1..];
    }
    out
}

fn parse_to_unicode(cmap: &str) -> HashMap<u32, String> {
    let mut map = HashMap::new();
    for block in cmap.split("beginbfchar").skip(1) {
        let body = block.split("endbfchar").next().unwrap();
        let toks = hex_tokens(body);
        for pair in toks.chunks(2) {
            let code = u32::from_str_radix(&pair[0], 16).unwrap();
            let units: Vec<u16> = (0..pair[1].len() / 4)
                .map(|k| u16::from_str_radix(&pair[1][k * 4..k * 4 + 4], 16).unwrap())
                .collect();
            map.insert(code, String::from_utf16(&units).unwrap());
        }
    }
    assert!(
        !cmap.contains("beginbfrange"),
        "bfrange not handled by this reader"
    );
    map
}

fn font_info(doc: &Document, font: &Dictionary) -> FontInfo {
    let mut info = FontInfo {
        base_font: String::from_utf8_lossy(font.get(b"BaseFont").unwrap().as_name().unwrap())
            .into_owned(),
        default_width: 1000.0,
        ..FontInfo::default()
    };
    if let Ok(tu) = font.get(b"ToUnicode") {
        let s = resolve(doc, tu).as_stream().unwrap();
        let bytes = s
            .decompressed_content()
            .unwrap_or_else(|_| s.content.clone());
        info.to_unicode = parse_to_unicode(&String::from_utf8_lossy(&bytes));
        info.has_to_unicode = true;
    }
    let desc = resolve(doc, font.get(b"DescendantFonts").unwrap())
        .as_array()
        .unwrap();
    let cid = dict(doc, &desc[0]);
    if let Ok(dw) = cid.get(b"DW") {
        info.default_width = num(dw);
    }
    if let Ok(w) = cid.get(b"W") {
        let w = resolve(doc, w).as_array().unwrap();
        let mut i = 0;
        while i < w.len() {
            let first = num(&w[i]) as u32;
            match resolve(doc, &w[i + 1]) {
                Object::Array(ws) => {
                    for (k, x) in ws.iter().enumerate() {
                        info.widths.insert(first + k as u32, num(x));
                    }
                    i += 2;
                }
                last => {
                    let last = num(last) as u32;
                    let x = num(&w[i + 2]);
                    for c in first..=last {
                        info.widths.insert(c, x);
                    }
                    i += 3;
                }
            }
        }
    }
    let fd = dict(doc, cid.get(b"FontDescriptor").unwrap());
    info.has_font_file2 = fd.get(b"FontFile2").is_ok();
    info
}

pub fn read(bytes: &[u8]) -> Pdf {
    let doc = Document::load_mem(bytes).expect("the PDF parses");
    let mut fonts: BTreeMap<String, FontInfo> = BTreeMap::new();
    let mut pages = Vec::new();
    for (_, page_id) in doc.get_pages() {
        let page = doc.get_dictionary(page_id).unwrap();
        let media: Vec<f32> = resolve(&doc, page.get(b"MediaBox").unwrap())
            .as_array()
            .unwrap()
            .iter()
            .map(num)
            .collect();
        let res = dict(&doc, page.get(b"Resources").unwrap());
        let mut page_fonts: HashMap<String, String> = HashMap::new();
        if let Ok(fd) = res.get(b"Font") {
            for (name, f) in dict(&doc, fd).iter() {
                let name = String::from_utf8_lossy(name).into_owned();
                let info = font_info(&doc, dict(&doc, f));
                page_fonts.insert(name.clone(), info.base_font.clone());
                fonts.entry(info.base_font.clone()).or_insert(info);
            }
        }
        let content = Content::decode(&doc.get_page_content(page_id)).unwrap();
        let mut glyphs = Vec::new();
        let mut strokes = Vec::new();
        let (mut font, mut size) = (String::new(), 0.0f32);
        let (mut lx, mut ly) = (0.0f32, 0.0f32); // text line matrix origin
        let mut tx = 0.0f32; // pen offset from the line origin
        let mut line_w = 1.0f32;
        let mut path: Vec<(f32, f32)> = Vec::new();
        let mut subpaths: Vec<Vec<(f32, f32)>> = Vec::new();
        let mut fills = Vec::new();
        let mut rects: Vec<[f32; 4]> = Vec::new();
        // (fill, stroke) colours and their saved copies (q/Q).
        let mut colors = ([0.0f32; 3], [0.0f32; 3]);
        let mut saved = Vec::new();
        let rgb = |a: &[Object]| [num(&a[0]), num(&a[1]), num(&a[2])];
        for op in &content.operations {
            let a = &op.operands;
            match op.operator.as_str() {
                "BT" => {
                    lx = 0.0;
                    ly = 0.0;
                    tx = 0.0;
                }
                "Tf" => {
                    let name = String::from_utf8_lossy(a[0].as_name().unwrap()).into_owned();
                    font = page_fonts.get(&name).cloned().unwrap_or(name);
                    size = num(&a[1]);
                }
                "Tm" => {
                    assert_eq!((num(&a[0]), num(&a[3])), (1.0, 1.0), "unscaled text");
                    lx = num(&a[4]);
                    ly = num(&a[5]);
                    tx = 0.0;
                }
                "Td" => {
                    lx += num(&a[0]);
                    ly += num(&a[1]);
                    tx = 0.0;
                }
                "TJ" | "Tj" => {
                    let info = &fonts[&font];
                    let items: Vec<Object> = if op.operator == "TJ" {
                        a[0].as_array().unwrap().clone()
                    } else {
                        vec![a[0].clone()]
                    };
                    for item in items {
                        match item {
                            Object::String(bytes, _) => {
                                for code in bytes.chunks(2) {
                                    let code = u32::from(code[0]) << 8 | u32::from(code[1]);
                                    let w = info
                                        .widths
                                        .get(&code)
                                        .copied()
                                        .unwrap_or(info.default_width)
                                        / 1000.0
                                        * size;
                                    let text = info
                                        .to_unicode
                                        .get(&code)
                                        .cloned()
                                        .unwrap_or_else(|| "\u{FFFD}".into());
                                    glyphs.push(Glyph {
                                        x: lx + tx,
                                        y: ly,
                                        width: w,
                                        size,
                                        text,
                                        font: font.clone(),
                                    });
                                    tx += w;
                                }
                            }
                            n => tx -= num(&n) / 1000.0 * size,
                        }
                    }
                }
                "w" => line_w = num(&a[0]),
                "q" => saved.push(colors),
                "Q" => colors = saved.pop().expect("Q without q"),
                "rg" => colors.0 = rgb(a),
                "RG" => colors.1 = rgb(a),
                "re" => rects.push([num(&a[0]), num(&a[1]), num(&a[2]), num(&a[3])]),
                "f" | "f*" => {
                    assert!(path.len() < 2, "this reader fills rectangles only");
                    for [x, y, width, height] in rects.drain(..) {
                        fills.push(Fill {
                            x,
                            y,
                            width,
                            height,
                            color: colors.0,
                        });
                    }
                }
                "n" => rects.clear(),
                "m" => {
                    if path.len() > 1 {
                        subpaths.push(std::mem::take(&mut path));
                    }
                    path = vec![(num(&a[0]), num(&a[1]))];
                }
                "l" => path.push((num(&a[0]), num(&a[1]))),
                "S" => {
                    // A stroked rectangle is its four sides.
                    for [x, y, w, h] in rects.drain(..) {
                        let corners = [(x, y), (x + w, y), (x + w, y + h), (x, y + h), (x, y)];
                        subpaths.push(corners.to_vec());
                    }
                    subpaths.push(std::mem::take(&mut path));
                    for sp in subpaths.drain(..) {
                        for seg in sp.windows(2) {
                            strokes.push(Stroke {
                                x1: seg[0].0,
                                y1: seg[0].1,
                                x2: seg[1].0,
                                y2: seg[1].1,
                                width: line_w,
                                color: colors.1,
                            });
                        }
                    }
                }
                "cm" => panic!("this reader does not track cm"),
                _ => {}
            }
        }
        pages.push(Page {
            media,
            glyphs,
            strokes,
            fills,
        });
    }
    Pdf { doc, pages, fonts }
}
