//! The data model: plan files, their validation, and the computed view templates render.

pub mod date;
pub mod deadline;
pub mod frame;
pub mod indices;
pub mod load;
pub mod locate;
pub mod number;
pub mod numbering;
pub mod numerals;
pub mod parties;
pub mod placeholder;
pub mod plan;
pub mod recover;
pub mod scan;
pub mod schema_shapes;
pub mod syntax;
pub mod tracked;
pub mod type_names;
pub mod validate;
pub mod view;

use crate::error::{Error, Result};
use std::path::Path;

/// A plan that parsed and validated, with the warnings a reviewer should see.
pub struct CheckedPlan {
    pub plan: plan::Plan,
    pub warnings: Vec<String>,
}

/// Reads, parses and validates a plan file.
pub fn load_plan(path: &Path) -> Result<CheckedPlan> {
    let text = load::read_text(path)?;
    let loaded = load::parse::<plan::Plan>(path, &text)?;
    let mut warnings = loaded.warnings;
    warnings
        .extend(validate::validate(&loaded.value, path, &loaded.locations).map_err(Error::Data)?);
    Ok(CheckedPlan {
        plan: loaded.value,
        warnings,
    })
}
