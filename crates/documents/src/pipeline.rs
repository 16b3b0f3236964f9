//! The whole job for one plan: load and validate, apply the plan's layout settings to the
//! style sheet, render the template, parse the markup into the IR, write the outputs.

use crate::error::{DataError, Error, Result};
use crate::ir::Document;
use crate::model::{self, plan::Plan};
use crate::style::StyleSheet;
use crate::template::Templates;
use std::path::{Path, PathBuf};

use crate::kinds::plan::PlanDocument;
use crate::kinds::{Kind, View};

/// The plan file of a plan folder, or the file itself.
pub fn plan_file(input: &Path) -> PathBuf {
    if input.is_dir() {
        input.join("plan.yaml")
    } else {
        input.to_path_buf()
    }
}

/// The plan's presentation settings applied to the ND30 defaults (already range-checked).
pub fn style_for(plan: &Plan) -> StyleSheet {
    let mut s = StyleSheet::nd30();
    let l = &plan.trinh_bay;
    if let Some(m) = l.le {
        let margins = &mut s.page.margins;
        margins.top = m.tren.unwrap_or(margins.top);
        margins.bottom = m.duoi.unwrap_or(margins.bottom);
        margins.left = m.trai.unwrap_or(margins.left);
        margins.right = m.phai.unwrap_or(margins.right);
    }
    if let Some(pt) = l.co_chu {
        s.set_body_size(pt);
    }
    if let Some(x) = l.gian_dong {
        s.set_body_line_spacing(x);
    }
    if let Some(mm) = l.thut_dau_dong {
        s.set_body_indent(mm);
    }
    s
}

/// A plan turned into one of its documents.
#[derive(Clone)]
pub struct Built {
    pub document: Document,
    pub style: StyleSheet,
    pub warnings: Vec<String>,
    /// Output file name without extension: `ke-hoach`, `bao-cao-2024-q1`.
    pub stem: String,
    /// The plan's own font files (`trinh_bay.phong_chu`), read and checked while building so
    /// `check` finds a bad file too; `None` for the bundled faces.
    pub fonts: Option<crate::fonts::FontSet>,
    /// The document's tables as a workbook, for a kind that has them (a report).
    pub sheets: Option<vanban_render::sheet::Workbook>,
}

/// Loads the plan, makes the kind's view and renders it through the shared road.
pub fn build(kind: &dyn Kind, plan_path: &Path, templates: &Templates) -> Result<Built> {
    build_loaded(kind, plan_path, &model::load_plan(plan_path)?, templates)
}

/// [`build`] for a plan already loaded and checked (so the templates can compile while the
/// plan loads, and several documents share one load).
pub fn build_loaded(
    kind: &dyn Kind,
    plan_path: &Path,
    checked: &model::CheckedPlan,
    templates: &Templates,
) -> Result<Built> {
    let plan = &checked.plan;
    let mut warnings = checked.warnings.clone();
    let style = style_for(plan);
    let View {
        template,
        stem,
        context,
        text_files,
        warnings: more,
        sheets,
    } = kind.view(plan, plan_path)?;
    warnings.extend(more);
    let markup = templates.render_context(template, &context)?;
    let document = crate::markup::parse(&markup, &style).map_err(|e| Error::Template {
        name: template.to_string(),
        message: e.to_string(),
    })?;
    let fonts = match plan.trinh_bay.phong_chu {
        None => None,
        Some(_) => {
            let f = fonts_for(plan, plan_path, &crate::fonts::FontSet::bundled())?;
            let mut files = vec![plan_path.to_path_buf()];
            files.extend(text_files);
            warnings.extend(crate::font_gaps::warnings(
                &document, &style, &f, plan_path, &files,
            ));
            Some(f)
        }
    };
    Ok(Built {
        document,
        style,
        warnings,
        stem,
        fonts,
        sheets,
    })
}

/// The plan document of `plan_path`.
pub fn build_document(plan_path: &Path, templates: &Templates) -> Result<Built> {
    build(&PlanDocument, plan_path, templates)
}

/// The fonts for the PDF: the plan's own files (`trinh_bay.phong_chu`, paths relative to the
/// plan file) or the bundled Liberation Serif.
pub fn fonts_for(
    plan: &Plan,
    plan_file: &Path,
    bundled: &crate::fonts::FontSet,
) -> Result<crate::fonts::FontSet> {
    let Some(p) = &plan.trinh_bay.phong_chu else {
        return Ok(bundled.clone());
    };
    let base = plan_file.parent().unwrap_or(Path::new("."));
    let load = |field: &str,
                rel: &Option<String>,
                bundled: &crate::fonts::FontFace|
     -> Result<crate::fonts::FontFace> {
        let Some(rel) = rel else {
            return Ok(bundled.clone());
        };
        let path = base.join(rel);
        let bytes = crate::input::read_capped(&path, crate::input::MAX_FONT, "tệp phông chữ")?;
        crate::fonts::FontFace::from_bytes(rel.as_str(), bytes).map_err(|m| {
            Error::Data(vec![DataError {
                file: plan_file.to_path_buf(),
                location: None,
                path: Some(format!("trinh_bay.phong_chu.{field}")),
                expected: "tệp phông TrueType (.ttf) có đủ chữ tiếng Việt".into(),
                found: Some(m),
            }])
        })
    };
    Ok(crate::fonts::FontSet {
        regular: load("thuong", &p.thuong, &bundled.regular)?,
        bold: load("dam", &p.dam, &bundled.bold)?,
        italic: load("nghieng", &p.nghieng, &bundled.italic)?,
        bold_italic: load("dam_nghieng", &p.dam_nghieng, &bundled.bold_italic)?,
    })
}
