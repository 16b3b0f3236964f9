//! Where each value of a YAML file is: a map from field paths in serde's notation
//! (`noi_dung[1].muc[0].nhiem_vu[2].chu_tri`) to line:column, so errors found after
//! deserialization (an unknown unit, a duplicate id) can point at the place to fix.

use saphyr_parser::{Event, Parser};
use std::collections::HashMap;
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

    /// The location of `path`, or of its nearest indexed ancestor.
    pub fn find(&self, path: &str) -> Option<Location> {
        let mut p = path;
        loop {
            if let Some(l) = self.map().get(p) {
                return Some(*l);
            }
            let cut = p.rfind(['.', '['])?;
            p = &p[..cut];
        }
    }
}

/// The path → location map of a YAML text. A text that does not parse gives a partial or
/// empty map: the deserializer reports syntax errors with their own location.
fn build(source: &str) -> HashMap<String, Location> {
    let mut map = HashMap::new();
    let mut stack: Vec<Frame> = Vec::new();
    for item in Parser::new_from_str(source) {
        let Ok((event, span)) = item else {
            break;
        };
        let at = Location {
            line: span.start.line(),
            column: span.start.col() + 1,
        };
        // The path of the node this event starts, if it is a value (not a map key).
        let mut value_path: Option<String> = None;
        let mut is_key = false;
        match stack.last_mut() {
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
            Event::Scalar(text, ..) => {
                if is_key {
                    if let Some(Frame::Map { path, key }) = stack.last_mut() {
                        map.insert(child(path, &text), at);
                        *key = Some(text.into_owned());
                    }
                } else if let Some(p) = value_path {
                    map.entry(p).or_insert(at);
                }
            }
            Event::Alias(_) => {
                if let Some(p) = value_path {
                    map.entry(p).or_insert(at);
                }
            }
            Event::MappingStart(..) => {
                let p = value_path.unwrap_or_default();
                map.entry(p.clone()).or_insert(at);
                stack.push(Frame::Map { path: p, key: None });
            }
            Event::SequenceStart(..) => {
                let p = value_path.unwrap_or_default();
                map.entry(p.clone()).or_insert(at);
                stack.push(Frame::Seq { path: p, index: 0 });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                stack.pop();
            }
            _ => {}
        }
    }
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
    }
}
