//! The indices a plan's work serves (nd30.md §4): the keys a plan may name, and the names
//! documents print for them.

/// Index keys a plan may name, in the order reports list them.
pub const INDICES: [&str; 5] = ["par-index", "sipas", "papi", "pci", "pgi"];

/// Index names as reports print them in running text: "PAR INDEX".
pub fn index_name(key: &str) -> &str {
    match key {
        "par-index" => "PAR INDEX",
        "sipas" => "SIPAS",
        "papi" => "PAPI",
        "pci" => "PCI",
        "pgi" => "PGI",
        other => other,
    }
}

/// Full names for a table's group rows; `""` is the group of work serving no index.
pub fn index_title(key: &str) -> String {
    match key {
        "par-index" => "Chỉ số cải cách hành chính (PAR INDEX)".into(),
        "sipas" => "Chỉ số hài lòng về sự phục vụ hành chính (SIPAS)".into(),
        "papi" => "Chỉ số hiệu quả quản trị và hành chính công (PAPI)".into(),
        "pci" => "Chỉ số năng lực cạnh tranh cấp tỉnh (PCI)".into(),
        "pgi" => "Chỉ số xanh cấp tỉnh (PGI)".into(),
        "" => "Nhiệm vụ khác".into(),
        k => k.to_string(),
    }
}
