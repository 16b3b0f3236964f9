//! The data files the kinds read, each with its JSON Schema's file name: what a
//! [`super::Registration`] lists, and what `vanban schema` and `vanban init` write.

/// The files a schema describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum DataFile {
    /// plan.yaml
    #[cfg_attr(feature = "clap", value(name = "ke-hoach"))]
    Plan,
    /// bao-cao/chung.yaml
    #[cfg_attr(feature = "clap", value(name = "bao-cao-chung"))]
    Common,
    /// Dữ liệu một kỳ: bao-cao/2024-q1.yaml hoặc các tệp trong bao-cao/2024-q1/
    #[cfg_attr(feature = "clap", value(name = "bao-cao-ky"))]
    Period,
}

impl DataFile {
    /// Every data file some registered kind reads, once each, in registry order.
    pub fn all() -> Vec<DataFile> {
        let mut all = Vec::new();
        for w in super::REGISTRY.iter().flat_map(|k| k.data.iter()) {
            if !all.contains(w) {
                all.push(*w);
            }
        }
        all
    }

    /// The file name `vanban schema -o` and `vanban init` write.
    pub fn file_name(self) -> &'static str {
        match self {
            DataFile::Plan => "ke-hoach.schema.json",
            DataFile::Common => "bao-cao-chung.schema.json",
            DataFile::Period => "bao-cao-ky.schema.json",
        }
    }

    pub(crate) fn title(self) -> &'static str {
        match self {
            DataFile::Plan => "plan.yaml — kế hoạch (vanban)",
            DataFile::Common => "bao-cao/chung.yaml — phần chung của các báo cáo kỳ (vanban)",
            DataFile::Period => "Dữ liệu một kỳ báo cáo (vanban)",
        }
    }

    /// The root type's name in the description table.
    pub(crate) fn root(self) -> &'static str {
        match self {
            DataFile::Plan => "Plan",
            DataFile::Common => "Common",
            DataFile::Period => "PeriodFile",
        }
    }
}
