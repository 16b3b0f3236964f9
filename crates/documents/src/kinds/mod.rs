//! The document kinds, registered here once. A kind is a view of the plan (and of its own
//! data) plus a template: it says what it reads, loads and checks its data, and makes the
//! template's context. Everything after the template — markup, IR, both writers, the write
//! path — is shared, so a new kind is a module here, a line in [`REGISTRY`] and a template;
//! it touches no writer and no other kind.

pub mod cong_van;
mod data_file;
pub mod plan;
pub mod report;

pub use data_file::DataFile;

use crate::error::{Error, Result};
use crate::model::plan::Plan;
use serde::Serialize;
use std::fmt::Debug;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What the registry knows of a kind without any plan: its name, its own templates and the
/// data files it reads (whose JSON Schemas `vanban schema` and `init` write).
pub struct Registration {
    /// The kind's name, as in its file names: `ke-hoach`, `bao-cao`.
    pub name: &'static str,
    /// What it is, for a clerk.
    pub about: &'static str,
    /// Its own templates (name, built-in text); the ND30 frame's partials are shared
    /// ([`crate::template::SHARED`]).
    pub templates: &'static [(&'static str, &'static str)],
    /// The data files it reads besides plan.yaml.
    pub data: &'static [DataFile],
}

/// Every kind, in the order `vanban schema` and the template list show them.
pub const REGISTRY: &[&Registration] = &[
    &plan::PLAN,
    &plan::APPENDICES,
    &report::document::REPORT,
    &cong_van::CONG_VAN_DON_DOC,
];

/// One document to make of a plan: a kind with its parameters (the period of a report, the
/// appendix asked for).
pub trait Kind: Debug + Send + Sync {
    fn registration(&self) -> &'static Registration;

    /// The name under which a build of this document records what it was made from
    /// (`ke-hoach`, `bao-cao-2024-q1`); see `fingerprint`.
    fn key(&self) -> String;

    /// The files it reads besides plan.yaml and the fonts the plan names: fingerprints and
    /// watch mode hash them.
    fn inputs(&self, _plan_file: &Path) -> Vec<PathBuf> {
        Vec::new()
    }

    /// Loads and checks the kind's own data and makes its template's context.
    fn view(&self, plan: &Plan, plan_file: &Path) -> Result<View>;
}

/// A document to make, shared by the threads of a batch.
pub type Request = Arc<dyn Kind>;

/// A kind's view of one plan, ready for its template.
pub struct View {
    /// The template that renders it.
    pub template: &'static str,
    /// Output file name without extension: `ke-hoach`, `bao-cao-2024-q1`.
    pub stem: String,
    pub context: tera::Context,
    /// The files whose text the document prints besides plan.yaml, to locate a character a
    /// font lacks.
    pub text_files: Vec<PathBuf>,
    pub warnings: Vec<String>,
    /// The document's tables as a workbook (`--format xlsx`), for a kind that has them.
    pub sheets: Option<vanban_render::sheet::Workbook>,
}

impl View {
    pub fn new(template: &'static str, stem: String, view: &impl Serialize) -> Result<View> {
        let context = tera::Context::from_serialize(view).map_err(|e| Error::Template {
            name: template.to_string(),
            message: e.to_string(),
        })?;
        Ok(View {
            template,
            stem,
            context,
            text_files: Vec::new(),
            warnings: Vec::new(),
            sheets: None,
        })
    }
}
