//! The collector every rule reports to, and the checks several rules share: text that is
//! really written, numbers within a range, references to units and indices that exist.

use super::yaml_null;
use crate::error::DataError;
use crate::model::indices::INDICES;
use crate::model::locate::Locations;
use crate::model::parties::{is_unit_key, Parties, Unit};
use std::collections::BTreeMap;
use std::path::Path;

pub(super) struct Checker<'a> {
    file: &'a Path,
    loc: &'a Locations,
    errors: Vec<DataError>,
    warnings: Vec<String>,
}

impl<'a> Checker<'a> {
    pub(super) fn new(file: &'a Path, loc: &'a Locations) -> Self {
        Checker {
            file,
            loc,
            errors: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// The warnings when nothing failed, else every error.
    pub(super) fn finish(self) -> Result<Vec<String>, Vec<DataError>> {
        if self.errors.is_empty() {
            Ok(self.warnings)
        } else {
            Err(self.errors)
        }
    }
}

impl Checker<'_> {
    pub(super) fn fail(&mut self, path: &str, expected: impl Into<String>, found: Option<String>) {
        self.errors.push(DataError {
            file: self.file.to_path_buf(),
            location: self.loc.find(path),
            path: Some(path.to_string()),
            expected: expected.into(),
            found,
        });
    }

    pub(super) fn warn(&mut self, path: &str, what: String) {
        let at = self
            .loc
            .find(path)
            .map_or(String::new(), |l| format!(":{}:{}", l.line, l.column));
        self.warnings
            .push(format!("{}{at}: `{path}`: {what}", self.file.display()));
    }

    /// Whether the field `path` of `parent` is written in the file, even as `~`: the index
    /// answers an absent field with its parent's place.
    pub(super) fn written(&self, path: &str, parent: &str) -> bool {
        self.loc.find(path) != self.loc.find(parent)
    }

    /// Text that would be printed must say something: not blank, not YAML's "no value".
    pub(super) fn text(&mut self, path: &str, s: &str) {
        let t = s.trim();
        if t.is_empty() {
            self.fail(path, "một đoạn chữ", Some("chuỗi rỗng".into()));
        } else if yaml_null(t) {
            // YAML's "no value": serde hands it to a text field as the letters themselves,
            // which would be printed.
            self.fail(
                path,
                "một đoạn chữ",
                Some(format!("`{t}` (trong YAML nghĩa là để trống)")),
            );
        }
    }

    /// Layout settings must stay within the ranges Decree 30 allows.
    pub(super) fn range(&mut self, path: &str, v: Option<f32>, lo: f32, hi: f32, unit: &str) {
        if let Some(v) = v {
            if !(lo..=hi).contains(&v) {
                self.fail(
                    path,
                    format!("giá trị từ {lo} đến {hi} {unit} (Nghị định 30/2020)"),
                    Some(v.to_string()),
                );
            }
        }
    }

    /// A unit key must name a unit of `don_vi`, else the line and the report credit nobody.
    pub(super) fn parties(&mut self, path: &str, p: &Parties, units: &BTreeMap<String, Unit>) {
        if p.0.is_empty() {
            self.fail(path, "ít nhất một đơn vị", Some("danh sách rỗng".into()));
        }
        let known: Vec<&str> = units.keys().map(String::as_str).collect();
        for (i, s) in p.0.iter().enumerate() {
            let at = if p.0.len() == 1 {
                path.to_string()
            } else {
                format!("{path}[{i}]")
            };
            if s.trim().is_empty() {
                self.fail(&at, "mã đơn vị hoặc tên", Some("chuỗi rỗng".into()));
            } else if is_unit_key(s) && !units.contains_key(s) {
                self.fail(
                    &at,
                    format!("mã đơn vị có trong `don_vi` ({})", known.join(", ")),
                    Some(format!("`{s}`")),
                );
            } else if !is_unit_key(s) && units.contains_key(&s.trim().to_lowercase()) {
                let key = s.trim().to_lowercase();
                self.warn(
                    &at,
                    format!(
                        "\"{s}\" được in nguyên văn như một đoạn chữ; nếu là mã đơn vị `{key}` thì viết thường: `{key}`"
                    ),
                );
            }
        }
    }

    /// Index keys must be ones the reports know how to group by.
    pub(super) fn indices(&mut self, path: &str, keys: &[String]) {
        for (i, k) in keys.iter().enumerate() {
            if !INDICES.contains(&k.as_str()) {
                self.fail(
                    &format!("{path}[{i}]"),
                    format!("mã chỉ số: {}", INDICES.join(", ")),
                    Some(format!("`{k}`")),
                );
            }
        }
    }

    /// Checks each side (`chu_tri`, `phoi_hop`, …) that is given, under `base`.
    pub(super) fn sides(
        &mut self,
        base: &str,
        sides: &[(&str, &Option<Parties>)],
        units: &BTreeMap<String, Unit>,
    ) {
        for (side, p) in sides {
            if let Some(p) = p {
                self.parties(&format!("{base}.{side}"), p, units);
            }
        }
    }
}
