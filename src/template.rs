//! Tera templates: the built-in copies compiled into the binary, optionally overridden by a
//! folder of edited copies. Templates end in `.xml`, so tera escapes every value: a plan
//! text containing `<`, `&` or `{{` is printed literally and cannot break the markup.

use crate::error::{Error, Result};
use serde::Serialize;
use std::path::Path;
use tera::Tera;

/// The built-in templates, by file name.
pub const BUILTIN: &[(&str, &str)] = &[
    ("ke-hoach.xml", include_str!("../templates/ke-hoach.xml")),
    (
        "_dau-van-ban.xml",
        include_str!("../templates/_dau-van-ban.xml"),
    ),
    ("_muc.xml", include_str!("../templates/_muc.xml")),
    (
        "_noi-nhan-chu-ky.xml",
        include_str!("../templates/_noi-nhan-chu-ky.xml"),
    ),
    ("_phu-luc.xml", include_str!("../templates/_phu-luc.xml")),
    (
        "_phu-luc-dau.xml",
        include_str!("../templates/_phu-luc-dau.xml"),
    ),
    ("bao-cao.xml", include_str!("../templates/bao-cao.xml")),
    ("_kinh-gui.xml", include_str!("../templates/_kinh-gui.xml")),
    (
        "_so-lieu-ke-hoach.xml",
        include_str!("../templates/_so-lieu-ke-hoach.xml"),
    ),
    (
        "_phu-luc-tien-do.xml",
        include_str!("../templates/_phu-luc-tien-do.xml"),
    ),
    ("_bieu-06.xml", include_str!("../templates/_bieu-06.xml")),
];

pub struct Templates {
    tera: Tera,
}

/// Tera's error with its causes, which carry the useful part (line, column, variable).
fn tera_message(e: &tera::Error) -> String {
    let mut parts = vec![e.to_string()];
    let mut src = std::error::Error::source(e);
    while let Some(s) = src {
        parts.push(s.to_string());
        src = s.source();
    }
    parts.join(": ")
}

impl Templates {
    /// The built-in templates, with those in `dir` (if given) replacing them by file name.
    pub fn load(dir: Option<&Path>) -> Result<Templates> {
        let mut sources: Vec<(String, String)> = BUILTIN
            .iter()
            .map(|(n, s)| (n.to_string(), s.to_string()))
            .collect();
        if let Some(dir) = dir {
            let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, &e))?;
            let mut names: Vec<_> = entries
                .filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "xml"))
                .collect();
            names.sort();
            for path in names {
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let bytes =
                    crate::input::read_capped(&path, crate::input::MAX_TEMPLATE, "tệp mẫu")?;
                let text = String::from_utf8(bytes).map_err(|_| Error::Template {
                    name: name.clone(),
                    message: "mẫu phải lưu bằng mã UTF-8".into(),
                })?;
                match sources.iter_mut().find(|(n, _)| *n == name) {
                    Some(slot) => slot.1 = text,
                    None => sources.push((name, text)),
                }
            }
        }
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".xml"]);
        tera.add_raw_templates(sources)
            .map_err(|e| Error::Template {
                name: dir.map_or("có sẵn".into(), |d| d.display().to_string()),
                message: tera_message(&e),
            })?;
        Ok(Templates { tera })
    }

    pub fn render(&self, name: &str, context: &impl Serialize) -> Result<String> {
        let ctx = tera::Context::from_serialize(context).map_err(|e| Error::Template {
            name: name.into(),
            message: tera_message(&e),
        })?;
        self.tera.render(name, &ctx).map_err(|e| Error::Template {
            name: name.into(),
            message: tera_message(&e),
        })
    }
}

/// Writes the built-in templates into `dir` for editing; existing files are kept unless
/// `overwrite`.
pub fn export(dir: &Path, overwrite: bool) -> Result<Vec<std::path::PathBuf>> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, &e))?;
    let mut written = Vec::new();
    for (name, text) in BUILTIN {
        let path = dir.join(name);
        if path.exists() && !overwrite {
            return Err(Error::Usage(format!(
                "{}: tệp đã có; thêm --ghi-de để ghi đè",
                path.display()
            )));
        }
        crate::output::write_atomic(&path, text.as_bytes())?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_escaped_not_interpreted() {
        let t = Templates::load(None).unwrap();
        let mut tera = t.tera;
        tera.add_raw_template("t.xml", "<p>{{ x }}</p>").unwrap();
        let mut ctx = tera::Context::new();
        ctx.insert("x", "a < b & {{ y }}");
        let out = tera.render("t.xml", &ctx).unwrap();
        assert_eq!(out, "<p>a &lt; b &amp; {{ y }}</p>");
    }
}
