//! The names of the document types vanban makes, as ND30 Phụ lục III writes them.

/// A document type's names (ND30 Phụ lục III).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TypeNames {
    /// As printed in ô 5a: "KẾ HOẠCH".
    pub title: &'static str,
    /// Inside a sentence: "Kế hoạch".
    pub in_sentence: &'static str,
    /// In the ký hiệu: "KH".
    pub abbreviation: &'static str,
}

pub const KE_HOACH: TypeNames = TypeNames {
    title: "KẾ HOẠCH",
    in_sentence: "Kế hoạch",
    abbreviation: "KH",
};

pub const BAO_CAO: TypeNames = TypeNames {
    title: "BÁO CÁO",
    in_sentence: "Báo cáo",
    abbreviation: "BC",
};
