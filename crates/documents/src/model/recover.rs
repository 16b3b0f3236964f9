//! Every data error of a file in one run. serde stops at the first error; the block of
//! lines holding it is then blanked (its lines kept, so later errors keep their line
//! numbers) and the rest read again, until the rest reads cleanly. Used for report data,
//! whose top-level fields may all be left out, so that a dropped block adds no error of
//! its own.

use super::load::{translate, Loaded, DUPLICATE_KEY};
use super::locate::Locations;
use crate::error::DataError;
use serde::de::DeserializeOwned;
use std::path::Path;

/// Most errors looked for in one file (each is one more reading of the file): enough for
/// the count of the errors not listed to be right in any file a clerk writes.
const MAX_ROUNDS: usize = 100;

/// A YAML line's indentation, or None for a blank or comment line.
fn indent(line: &str) -> Option<usize> {
    let t = line.trim_start_matches(' ');
    (!t.is_empty() && !t.starts_with('#')).then(|| line.len() - t.len())
}

fn is_item(line: &str) -> bool {
    let t = line.trim_start_matches(' ');
    t == "-" || t.starts_with("- ")
}

/// The lines (0-based, end exclusive) of the block starting at `start`: up to the next
/// line indented no deeper, a list item under a key at the same indent excepted.
fn block_end(lines: &[String], start: usize, limit: usize) -> usize {
    let own = indent(&lines[start]).unwrap_or(0);
    let start_is_item = is_item(&lines[start]);
    (start + 1..limit)
        .find(|&i| {
            indent(&lines[i])
                .is_some_and(|n| n < own || n == own && (start_is_item || !is_item(&lines[i])))
        })
        .unwrap_or(limit)
}

/// The lines to blank for an error on `line` (0-based): the entry of `tien_do` or the list
/// item holding it when `splittable` says its top-level field may lose entries one by one
/// (and more than one is left), else the whole top-level field.
fn block_of(
    lines: &[String],
    line: usize,
    splittable: &dyn Fn(&str) -> bool,
) -> Option<(usize, usize)> {
    let top = (0..=line.min(lines.len().checked_sub(1)?))
        .rev()
        .find(|&i| indent(&lines[i]) == Some(0) && !is_item(&lines[i]))?;
    let end = block_end(lines, top, lines.len());
    let key = lines[top].split(':').next().unwrap_or("").trim();
    let first = (top + 1..end).find(|&i| indent(&lines[i]).is_some());
    let child_indent = first.and_then(|i| indent(&lines[i]));
    let children: Vec<usize> = match (first, child_indent) {
        (Some(f), Some(c)) if is_item(&lines[f]) || c > 0 && splittable(key) => (f..end)
            .filter(|&i| indent(&lines[i]) == Some(c) && (c > 0 || is_item(&lines[i])))
            .collect(),
        _ => Vec::new(),
    };
    let holding = children.iter().rev().find(|&&c| c <= line && line > top);
    match holding {
        Some(&c) if children.len() > 1 => Some((c, block_end(lines, c, end))),
        _ => Some((top, end)),
    }
}

/// Whether serde's error is about a value (a block can be dropped and the rest read), not
/// the YAML syntax (after which nothing further can be trusted).
fn about_a_value(e: &serde_yaml::Error) -> bool {
    let full = e.to_string();
    let msg = full.split(" at line ").next().unwrap_or("");
    let body = match msg.split_once(": ") {
        Some((p, rest)) if !p.contains(' ') && !p.is_empty() => rest,
        _ => msg,
    };
    [
        "unknown field",
        "unknown variant",
        "invalid type",
        "invalid value",
        "invalid length",
        "missing field",
        "duplicate field",
        DUPLICATE_KEY,
        "cần ",
    ]
    .iter()
    .any(|p| body.starts_with(p))
}

/// Reads `text` as [`super::load::parse`] does, but lists every data error of the file:
/// returns the value read from the blocks without errors (None when the syntax is broken)
/// and the errors. `splittable` names the top-level fields whose entries may be dropped one
/// by one (a map such as `tien_do`); list items always may.
pub fn parse_every<T: DeserializeOwned>(
    file: &Path,
    text: &str,
    splittable: &dyn Fn(&str) -> bool,
) -> (Option<Loaded<T>>, Vec<DataError>) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let errors = super::scan::precheck(file, text);
    if !errors.is_empty() {
        return (None, errors);
    }
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let mut errors: Vec<DataError> = Vec::new();
    loop {
        let current = lines.join("\n");
        let e = match serde_yaml::from_str::<T>(&current) {
            Ok(value) => {
                let (scan_errors, warnings) = super::scan::scalars(file, text);
                for e in scan_errors {
                    if !errors.contains(&e) {
                        errors.push(e);
                    }
                }
                let loaded = Loaded {
                    value,
                    locations: Locations::lazy(text),
                    warnings,
                };
                errors.sort_by_key(|e| e.location.map(|l| (l.line, l.column)));
                return (Some(loaded), errors);
            }
            Err(e) => e,
        };
        let d = translate(file, &current, &e);
        let block = d
            .location
            .filter(|_| about_a_value(&e) && errors.len() < MAX_ROUNDS)
            .and_then(|l| block_of(&lines, l.line.saturating_sub(1), splittable))
            .filter(|(a, b)| lines[*a..*b].iter().any(|l| !l.is_empty()));
        errors.push(d);
        let Some((a, b)) = block else {
            return (None, errors);
        };
        for l in &mut lines[a..b] {
            l.clear();
        }
        // Nothing left to read (an empty document is an error of its own).
        if lines.iter().all(|l| indent(l).is_none()) {
            return (None, errors);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(src: &str, line: usize) -> Option<(usize, usize)> {
        let lines: Vec<String> = src.split('\n').map(str::to_string).collect();
        block_of(&lines, line, &|k| k == "tien_do")
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        #[serde(default)]
        a: Option<u32>,
        #[serde(default)]
        m: std::collections::BTreeMap<String, u32>,
    }

    fn every(src: &str) -> (bool, Vec<String>) {
        let (v, e) = parse_every::<Doc>(Path::new("x.yaml"), src, &|k| k == "m");
        (v.is_some(), e.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn every_error_is_listed_and_the_rest_is_read() {
        let (read, e) = every("a: x\nm:\n  p: 1\n  q: y\n  r: z\nb: 2\n");
        assert!(read);
        assert_eq!(e.len(), 4, "{e:?}");
        assert!(e[0].starts_with("x.yaml:1:4: trường `a`"), "{e:?}");
        assert!(e[1].starts_with("x.yaml:4:6: trường `m.q`"), "{e:?}");
        assert!(e[2].starts_with("x.yaml:5:6: trường `m.r`"), "{e:?}");
        assert!(e[3].starts_with("x.yaml:6:1: "), "{e:?}");
        // A flow mapping is one block: one error, and no "empty file" after it.
        let (read, e) = every("{a: x, b: 2}\n");
        assert!(!read);
        assert_eq!(e.len(), 1, "{e:?}");
        // Broken syntax stops the reading: nothing after it can be trusted.
        let (read, e) = every("a: x\nm:\n\tp: 1\nb: 2\n");
        assert!(!read);
        assert_eq!(e.len(), 2, "{e:?}");
        assert!(
            e[1].starts_with("x.yaml:3:1: cần thụt lề bằng dấu cách"),
            "{e:?}"
        );
    }

    #[test]
    fn an_entry_of_a_splittable_map_or_a_list_item_is_the_block() {
        let src = "so: 1\ntien_do:\n  a:\n    trang_thai: x\n  # note\n  b: {trang_thai: y}\nmo_dau:\n- one\n- two\n  more\nky:\n  ho_ten: A\n  chuc_vu: B\n";
        assert_eq!(blocks(src, 0), Some((0, 1)));
        assert_eq!(blocks(src, 3), Some((2, 5)));
        assert_eq!(blocks(src, 5), Some((5, 6)));
        assert_eq!(blocks(src, 1), Some((1, 6)));
        assert_eq!(blocks(src, 9), Some((8, 10)));
        // `ky` is a struct: its fields are not dropped one by one.
        assert_eq!(blocks(src, 12), Some((10, 14)));
    }
}
