//! Where each value of a YAML file is: a map from field paths in serde's notation
//! (`noi_dung[1].muc[0].nhiem_vu[2].chu_tri`) to line:column, so errors found after
//! deserialization (an unknown unit, a duplicate id) can point at the place to fix.

use saphyr_parser::{Event, Parser, ScalarStyle};
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    pub line: usize,
    pub column: usize,
}

/// The index is built on first use: a valid plan without warnings never needs it.
#[derive(Debug, Default)]
pub struct Locations {
    source: String,
    map: OnceLock<HashMap<String, Location>>,
    /// Lookups answered by a walk of their own, before the index is built.
    searches: std::sync::atomic::AtomicUsize,
}

enum Frame {
    /// In a mapping; `key` is set while waiting for the key's value.
    Map {
        path: String,
        key: Option<String>,
    },
    Seq {
        path: String,
        index: usize,
    },
}

fn child(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

impl Locations {
    /// An index of `source`, built when first asked.
    pub fn lazy(source: &str) -> Locations {
        Locations {
            source: source.to_string(),
            map: OnceLock::new(),
            searches: Default::default(),
        }
    }

    /// Indexes a YAML text now.
    pub fn index(source: &str) -> Locations {
        let l = Locations::lazy(source);
        l.map();
        l
    }

    fn map(&self) -> &HashMap<String, Location> {
        self.map.get_or_init(|| build(&self.source))
    }

    /// The location of `path`, or of its nearest indexed ancestor. The first few are
    /// searched for by a walk that stops at the path (a warning or two never index the
    /// whole file); after that the index is built.
    pub fn find(&self, path: &str) -> Option<Location> {
        let map = match self.map.get() {
            Some(map) => map,
            None if self
                .searches
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed)
                < 3 =>
            {
                return find_one(&self.source, path);
            }
            None => self.map(),
        };
        let mut p = path;
        loop {
            if let Some(l) = map.get(p) {
                return Some(*l);
            }
            let cut = p.rfind(['.', '['])?;
            p = &p[..cut];
        }
    }
}

/// What [`Locations::find`] gives for `path` from the index, found by walking `source`
/// only up to the path: its first visit (a field's key comes before its value), or else
/// the nearest ancestor's.
fn find_one(source: &str, path: &str) -> Option<Location> {
    let mut best: Option<(usize, Location)> = None;
    let mut found = None;
    walk_until(source, |v| {
        let (p, at) = match v {
            Visit::Scalar { path, at, .. } | Visit::Node { path, at } => (path, at),
            Visit::DuplicateKey { .. } => return true,
        };
        if p == path {
            found = Some(at);
            return false;
        }
        let ancestor = !p.is_empty()
            && path.starts_with(p)
            && matches!(path.as_bytes().get(p.len()), Some(b'.' | b'['));
        if ancestor && best.is_none_or(|(len, _)| p.len() > len) {
            best = Some((p.len(), at));
        }
        true
    });
    found.or(best.map(|(_, at)| at))
}

/// What the walker meets, with its field path in serde's notation.
pub(crate) enum Visit<'a> {
    /// A scalar: a map key (`is_key`, with the path of the field it names) or a value.
    Scalar {
        path: &'a str,
        is_key: bool,
        text: &'a str,
        style: ScalarStyle,
        at: Location,
        /// Where the scalar ends (1-based line, 0-based column in characters).
        end: (usize, usize),
    },
    /// The start of a mapping, a sequence or an alias.
    Node { path: &'a str, at: Location },
    /// A key already seen in the same mapping.
    DuplicateKey { path: &'a str, at: Location },
}

/// Walks a YAML text event by event, calling `f` with each node and its path. Returns the
/// parser's error, if the text does not parse, with its place.
pub(crate) fn walk(source: &str, mut f: impl FnMut(Visit)) -> Option<(Location, String)> {
    walk_until(source, |v| {
        f(v);
        true
    })
}

/// [`walk`] that stops when `f` returns false.
fn walk_until(source: &str, mut f: impl FnMut(Visit) -> bool) -> Option<(Location, String)> {
    let mut stack: Vec<(Frame, HashSet<String>)> = Vec::new();
    for item in Parser::new_from_str(source) {
        let (event, span) = match item {
            Ok(x) => x,
            Err(e) => {
                let m = e.marker();
                return Some((
                    Location {
                        line: m.line(),
                        column: m.col() + 1,
                    },
                    e.info().to_string(),
                ));
            }
        };
        let at = Location {
            line: span.start.line(),
            column: span.start.col() + 1,
        };
        // The path of the node this event starts, if it is a value (not a map key).
        let mut value_path: Option<String> = None;
        let mut is_key = false;
        match stack.last_mut().map(|(f, _)| f) {
            Some(Frame::Map { path, key }) => match key.take() {
                Some(k) => value_path = Some(child(path, &k)),
                None => is_key = true,
            },
            Some(Frame::Seq { path, index }) => {
                value_path = Some(format!("{path}[{index}]"));
                *index += 1;
            }
            None => value_path = Some(String::new()),
        }
        match event {
            Event::Scalar(text, style, ..) => {
                let end = (span.end.line(), span.end.col());
                if is_key {
                    if let Some((Frame::Map { path, key }, seen)) = stack.last_mut() {
                        let p = child(path, &text);
                        if !seen.insert(text.to_string())
                            && !f(Visit::DuplicateKey { path: &p, at })
                        {
                            return None;
                        }
                        if !f(Visit::Scalar {
                            path: &p,
                            is_key: true,
                            text: &text,
                            style,
                            at,
                            end,
                        }) {
                            return None;
                        }
                        *key = Some(text.into_owned());
                    }
                } else if let Some(p) = value_path {
                    if !f(Visit::Scalar {
                        path: &p,
                        is_key: false,
                        text: &text,
                        style,
                        at,
                        end,
                    }) {
                        return None;
                    }
                }
            }
            Event::Alias(_) => {
                if let Some(p) = value_path {
                    if !f(Visit::Node { path: &p, at }) {
                        return None;
                    }
                }
            }
            Event::MappingStart(..) => {
                let p = value_path.unwrap_or_default();
                if !f(Visit::Node { path: &p, at }) {
                    return None;
                }
                stack.push((Frame::Map { path: p, key: None }, HashSet::new()));
            }
            Event::SequenceStart(..) => {
                let p = value_path.unwrap_or_default();
                if !f(Visit::Node { path: &p, at }) {
                    return None;
                }
                stack.push((Frame::Seq { path: p, index: 0 }, HashSet::new()));
            }
            Event::MappingEnd | Event::SequenceEnd => {
                stack.pop();
            }
            _ => {}
        }
    }
    None
}

/// The path → location map of a YAML text. A text that does not parse gives a partial or
/// empty map: the deserializer reports syntax errors with their own location.
fn build(source: &str) -> HashMap<String, Location> {
    let mut map = HashMap::new();
    walk(source, |v| match v {
        Visit::Scalar {
            path, is_key, at, ..
        } => {
            if is_key {
                map.insert(path.to_string(), at);
            } else {
                map.entry(path.to_string()).or_insert(at);
            }
        }
        Visit::Node { path, at } => {
            map.entry(path.to_string()).or_insert(at);
        }
        Visit::DuplicateKey { .. } => {}
    });
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_fields_and_list_items() {
        let src = "a: 1\nb:\n  - x: 2\n    y: [3, 4]\n  - z\n";
        let l = Locations::index(src);
        assert_eq!(l.find("a"), Some(Location { line: 1, column: 1 }));
        assert_eq!(l.find("b[0].y"), Some(Location { line: 4, column: 5 }));
        assert_eq!(
            l.find("b[0].y[1]"),
            Some(Location {
                line: 4,
                column: 12
            })
        );
        assert_eq!(l.find("b[1]"), Some(Location { line: 5, column: 5 }));
        // Unknown tail falls back to the nearest ancestor.
        assert_eq!(l.find("b[0].x.q"), Some(Location { line: 3, column: 5 }));
        // The walk that stops at the path agrees with the index.
        for p in [
            "a",
            "b",
            "b[0]",
            "b[0].x",
            "b[0].y[1]",
            "b[1]",
            "b[0].x.q",
            "c",
            "b[7]",
        ] {
            assert_eq!(find_one(src, p), l.find(p), "{p}");
        }
    }
}
