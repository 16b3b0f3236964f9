//! Characters no DOCX or PDF may hold. The rule lives with the writers, which meet the text
//! last; the data checks (the documents side) refuse the same characters with their place.

/// A character no document may contain.
pub fn forbidden(c: char) -> bool {
    let u = c as u32;
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        || (0xFDD0..=0xFDEF).contains(&u)
        || (u & 0xFFFE) == 0xFFFE
        || direction_control(c)
}

/// The invisible marks that set the direction text is shown in (embeddings, overrides,
/// isolates, LRM/RLM/ALM). Vietnamese never needs them, and one makes a text display in
/// another order than it is written: LibreOffice shows "Duy trì art nầut" where the file says
/// "Duy trì tuần tra" and our PDF prints it in order. Refused like control characters.
pub fn direction_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}
