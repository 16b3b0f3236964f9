//! Tera templates: the built-in copies compiled into the binary, optionally overridden by a
//! folder of edited copies. Templates end in `.xml`, so tera escapes every value: a plan
//! text containing `<`, `&` or `{{` is printed literally and cannot break the markup.

use crate::error::{Error, Result};
use serde::Serialize;
use std::path::{Path, PathBuf};
use tera::Tera;

/// The ND30 frame's partials every kind may include, by file name; each kind's own
/// templates are in its registration ([`crate::kinds::REGISTRY`]).
pub const SHARED: &[(&str, &str)] = &[
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
    ("_kinh-gui.xml", include_str!("../templates/_kinh-gui.xml")),
];

/// Every built-in template, by file name: each kind's own, then the shared partials.
pub fn builtin() -> impl Iterator<Item = (&'static str, &'static str)> {
    crate::kinds::REGISTRY
        .iter()
        .flat_map(|k| k.templates.iter())
        .chain(SHARED)
        .copied()
}

pub struct Templates {
    tera: Tera,
    /// Each template's text and where it came from (the edited copy's path, or none for a
    /// built-in one), to point error messages at a line.
    sources: Vec<(String, String, Option<PathBuf>)>,
    /// Things the user should know: files in the templates folder that replace nothing.
    pub warnings: Vec<String>,
}

/// Tera's error and its causes, which carry the useful part (line, column, variable).
fn chain(e: &tera::Error) -> Vec<String> {
    let mut parts = vec![e.to_string()];
    let mut src = std::error::Error::source(e);
    while let Some(s) = src {
        parts.push(s.to_string());
        src = s.source();
    }
    parts
}

/// The text between the first pair of `open`…`close` after `marker` in `s`.
fn quoted_after<'a>(s: &'a str, marker: &str, open: char, close: char) -> Option<&'a str> {
    let rest = &s[s.find(marker)? + marker.len()..];
    let start = rest.find(open)? + open.len_utf8();
    let len = rest[start..].find(close)?;
    Some(&rest[start..start + len])
}

impl Templates {
    /// A tera error in Vietnamese: the template file, the line, what is wrong there.
    fn error(&self, fallback_name: &str, e: &tera::Error) -> Error {
        let parts = chain(e);
        let all = parts.join("\n");
        let name = quoted_after(&all, "Failed to parse", '\'', '\'')
            .or_else(|| quoted_after(&all, "while rendering", '\'', '\''))
            .or_else(|| quoted_after(&all, "Failed to render", '\'', '\''))
            .unwrap_or(fallback_name)
            .to_string();
        let source = self.sources.iter().find(|(n, _, _)| *n == name);
        let text = source.map_or("", |s| s.1.as_str());
        let mut line: Option<usize> = all
            .split(" --> ")
            .nth(1)
            .and_then(|r| r.split(':').next())
            .and_then(|n| n.trim().parse().ok());
        let find_line = |needle: &str| text.lines().position(|l| l.contains(needle)).map(|i| i + 1);
        let message = if all.contains("Failed to parse") {
            "lỗi cú pháp mẫu: thẻ {% … %} hoặc {{ … }} viết sai, thiếu thẻ đóng ({% endif %}, {% endfor %}, {% endblock %}) hoặc đóng sai thứ tự".to_string()
        } else if let Some(v) = quoted_after(&all, "Variable", '`', '`') {
            line = line.or_else(|| find_line(v));
            format!("không có biến `{v}` trong dữ liệu (tên biến viết sai, hoặc biến chỉ có bên trong một vòng lặp {{% for %}})")
        } else if let Some(t) =
            quoted_after(&all, "Template", '\'', '\'').filter(|_| all.contains("not found"))
        {
            line = line.or_else(|| find_line(t));
            format!(
                "gọi mẫu `{t}` nhưng không có mẫu nào tên như vậy (các mẫu có: {})",
                builtin().map(|(n, _)| n).collect::<Vec<_>>().join(", ")
            )
        } else if let Some(f) = quoted_after(&all, "Filter", '`', '`')
            .or_else(|| quoted_after(&all, "Filter", '\'', '\''))
        {
            line = line.or_else(|| find_line(f));
            format!("không có bộ lọc `{f}`")
        } else if let Some(f) = quoted_after(&all, "Function", '`', '`')
            .or_else(|| quoted_after(&all, "Function", '\'', '\''))
        {
            line = line.or_else(|| find_line(f));
            format!("không có hàm `{f}`")
        } else {
            format!(
                "lỗi khi dựng văn bản từ mẫu (chi tiết kỹ thuật: {})",
                parts
                    .last()
                    .map_or("", String::as_str)
                    .lines()
                    .next()
                    .unwrap_or("")
            )
        };
        let file = match source.and_then(|s| s.2.as_ref()) {
            Some(p) => p.display().to_string(),
            None => format!("{name} (mẫu có sẵn)"),
        };
        let excerpt = line
            .and_then(|l| text.lines().nth(l - 1))
            .map_or(String::new(), |t| {
                format!("\n  | {}", t.trim().chars().take(120).collect::<String>())
            });
        Error::Template {
            name: match line {
                Some(l) => format!("{file}:{l}"),
                None => file,
            },
            message: format!("{message}{excerpt}"),
        }
    }

    /// The built-in templates, with those in `dir` (if given) replacing them by file name.
    pub fn load(dir: Option<&Path>) -> Result<Templates> {
        let mut sources: Vec<(String, String, Option<PathBuf>)> = builtin()
            .map(|(n, s)| (n.to_string(), s.to_string(), None))
            .collect();
        let mut warnings = Vec::new();
        if let Some(dir) = dir {
            let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, &e))?;
            let mut names: Vec<_> = entries
                .filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x.eq_ignore_ascii_case("xml")))
                .collect();
            names.sort();
            let mut extra = Vec::new();
            for path in names {
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let bytes =
                    crate::input::read_capped(&path, crate::input::MAX_TEMPLATE, "tệp mẫu")?;
                let text = String::from_utf8(bytes).map_err(|_| Error::Template {
                    name: path.display().to_string(),
                    message: "mẫu phải lưu bằng mã UTF-8".into(),
                })?;
                match sources.iter_mut().find(|(n, _, _)| *n == name) {
                    Some(slot) => {
                        slot.1 = text;
                        slot.2 = Some(path);
                    }
                    None => {
                        extra.push(name.clone());
                        sources.push((name, text, Some(path)));
                    }
                }
            }
            // A new file is fine when another template includes it; otherwise its name is
            // probably mistyped and it replaces nothing.
            for name in extra {
                let used = sources
                    .iter()
                    .any(|(n, t, _)| *n != name && t.contains(&format!("\"{name}\"")));
                if !used {
                    warnings.push(format!(
                        "{}: tệp mẫu này không trùng tên mẫu nào nên không được dùng; các tên mẫu: {}",
                        dir.join(&name).display(),
                        builtin().map(|(n, _)| n).collect::<Vec<_>>().join(", ")
                    ));
                }
            }
        }
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".xml"]);
        let mut t = Templates {
            tera: Tera::default(),
            sources,
            warnings,
        };
        let raw: Vec<(String, String)> = t
            .sources
            .iter()
            .map(|(n, s, _)| (n.clone(), s.clone()))
            .collect();
        if let Err(e) = tera.add_raw_templates(raw) {
            return Err(t.error("ke-hoach.xml", &e));
        }
        t.tera = tera;
        Ok(t)
    }

    /// Each template's name and text, built-in or edited: what a fingerprint of the outputs
    /// must cover.
    pub fn texts(&self) -> impl Iterator<Item = (&str, &str)> {
        self.sources
            .iter()
            .map(|(n, s, _)| (n.as_str(), s.as_str()))
    }

    pub fn render(&self, name: &str, context: &impl Serialize) -> Result<String> {
        let ctx = tera::Context::from_serialize(context).map_err(|e| self.error(name, &e))?;
        self.render_context(name, &ctx)
    }

    /// Renders `name` with a context already made (a kind's [`crate::kinds::View`]).
    pub fn render_context(&self, name: &str, context: &tera::Context) -> Result<String> {
        self.tera
            .render(name, context)
            .map_err(|e| self.error(name, &e))
    }
}

/// Writes the built-in templates into `dir` for editing; existing files are kept unless
/// `overwrite`.
pub fn export(dir: &Path, overwrite: bool) -> Result<Vec<std::path::PathBuf>> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, &e))?;
    let mut written = Vec::new();
    for (name, text) in builtin() {
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

    fn edited(name: &str, file: &str, text: &str) -> (std::path::PathBuf, Result<Templates>) {
        let dir = std::env::temp_dir().join(format!("vanban-tpl-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(file), text).unwrap();
        let t = Templates::load(Some(&dir));
        (dir, t)
    }

    #[test]
    fn template_errors_are_vietnamese_with_file_and_line() {
        let src = crate::kinds::plan::PLAN.templates[0]
            .1
            .replacen("endfor %}", "endfo %}", 1);
        let (dir, t) = edited("parse", "ke-hoach.xml", &src);
        let s = t.err().unwrap().to_string();
        assert!(
            s.contains(&dir.join("ke-hoach.xml").display().to_string()),
            "{s}"
        );
        assert!(
            s.contains("lỗi cú pháp mẫu") && !s.contains("Failed"),
            "{s}"
        );
        assert!(s.contains(".xml:"), "{s}");

        let src =
            crate::kinds::plan::PLAN.templates[0]
                .1
                .replacen("{{", "{{ khong_co_bien }}{{", 1);
        let line = src
            .lines()
            .position(|l| l.contains("khong_co_bien"))
            .unwrap()
            + 1;
        let (_, t) = edited("var", "ke-hoach.xml", &src);
        #[derive(Serialize)]
        struct Empty {}
        let s = t
            .unwrap()
            .render("ke-hoach.xml", &Empty {})
            .unwrap_err()
            .to_string();
        assert!(s.contains("không có biến"), "{s}");
        assert!(!s.contains("not found in context"), "{s}");
        assert!(
            s.contains(&format!("ke-hoach.xml:{line}")) || s.contains("không có biến `"),
            "{s}"
        );
    }

    #[test]
    fn a_file_that_replaces_no_template_is_warned() {
        let (_, t) = edited("extra", "ke-hoach-moi.xml", "<document/>");
        let t = t.unwrap();
        assert_eq!(t.warnings.len(), 1);
        assert!(
            t.warnings[0].contains("không trùng tên mẫu nào"),
            "{:?}",
            t.warnings
        );
        // The message lists the names a file may take.
        for name in ["ke-hoach.xml", "bao-cao.xml", "_dau-van-ban.xml"] {
            assert!(
                t.warnings[0].contains(&format!(" {name}")),
                "{name}: {:?}",
                t.warnings
            );
        }
    }

    #[test]
    fn values_are_escaped_not_interpreted() {
        let t = Templates::load(None).unwrap();
        let mut tera = t.tera;
        tera.add_raw_template("t.xml", "<p>{{ x }}</p>").unwrap();
        tera.autoescape_on(vec![".xml"]);
        let mut ctx = tera::Context::new();
        ctx.insert("x", "a < b & {{ y }}");
        let out = tera.render("t.xml", &ctx).unwrap();
        assert_eq!(out, "<p>a &lt; b &amp; {{ y }}</p>");
    }
}
