//! JSON Schema shapes the input types share, for the schema the editor reads.

use schemars::Schema;

/// A text or a list of texts (unit lists, narrative paragraphs).
pub fn text_or_list() -> Schema {
    schemars::json_schema!({
        "anyOf": [
            { "type": "string" },
            { "type": "array", "items": { "type": "string" } }
        ]
    })
}
