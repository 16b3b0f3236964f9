//! The stand-ins `vanban init` writes for the clerk to replace: a place called "Mẫu"
//! ("PHƯỜNG MẪU", "Ủy ban nhân dân thị xã Mẫu"), the signer "Nguyễn Văn A" and a number not yet
//! filled in ("Kế hoạch số …"). A plan that still has them checks valid and prints them, so
//! each one left is a warning at its line (model/scan.rs).
//!
//! Only these shapes count: "mẫu" alone is an ordinary word ("gương mẫu", "Mẫu số 01"), so the
//! place name is "Mẫu" written as a name after a kind of administrative unit, or as a whole
//! value (`dia_danh: Mẫu`).

/// Words naming a kind of administrative unit, last word of "thị xã", "thành phố"…
const UNIT_WORDS: [&str; 7] = ["phường", "xã", "huyện", "tỉnh", "quận", "trấn", "phố"];
/// First words of the two-word kinds ("thị xã", "thị trấn", "thành phố").
const UNIT_FIRST: [&str; 2] = ["thị", "thành"];
const SIGNER: &str = "Nguyễn Văn A";
const NUMBER: [&str; 2] = ["số …", "số ..."];

/// Whether `text` (a whole file) may hold a stand-in; most files do not, and skip the walk.
pub fn may_hold(text: &str) -> bool {
    text.contains("Mẫu")
        || text.contains("MẪU")
        || text.contains(SIGNER)
        || NUMBER.iter().any(|n| text.contains(n))
}

/// The warning for the first stand-in in `value`, if it holds one.
pub fn warning(value: &str) -> Option<String> {
    if let Some(name) = place(value) {
        return Some(format!(
            "còn tên mẫu \"{name}\" do `vanban init` ghi sẵn: thay bằng tên thật của cơ quan, địa phương"
        ));
    }
    if has_signer(value) {
        return Some(format!(
            "còn họ tên mẫu \"{SIGNER}\" do `vanban init` ghi sẵn: thay bằng họ tên người ký"
        ));
    }
    NUMBER.iter().find(|n| value.contains(*n)).map(|n| {
        format!("\"{n}\" chưa điền: ghi số của văn bản được nêu (ví dụ \"số 12/KH-UBND\")")
    })
}

fn has_signer(value: &str) -> bool {
    value.match_indices(SIGNER).any(|(i, _)| {
        !value[i + SIGNER.len()..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
    })
}

/// "PHƯỜNG MẪU", "thị xã Mẫu", or "Mẫu" when it is the whole value.
fn place(value: &str) -> Option<String> {
    let words: Vec<&str> = value
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .collect();
    if words.len() == 1 && is_name(words[0]) {
        return Some(words[0].to_string());
    }
    let at = (1..words.len())
        .find(|&i| is_name(words[i]) && UNIT_WORDS.contains(&lower(words[i - 1]).as_str()))?;
    let from = if at >= 2 && UNIT_FIRST.contains(&lower(words[at - 2]).as_str()) {
        at - 2
    } else {
        at - 1
    };
    Some(words[from..=at].join(" "))
}

fn is_name(word: &str) -> bool {
    word == "Mẫu" || word == "MẪU"
}

fn lower(word: &str) -> String {
    word.to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::warning;

    #[test]
    fn init_stand_ins_are_found_and_ordinary_words_are_not() {
        for (value, shown) in [
            ("ỦY BAN NHÂN DÂN", None),
            ("PHƯỜNG MẪU", Some("\"PHƯỜNG MẪU\"")),
            ("Ủy ban nhân dân thị xã Mẫu", Some("\"thị xã Mẫu\"")),
            ("Mẫu", Some("\"Mẫu\"")),
            ("Nguyễn Văn A", Some("\"Nguyễn Văn A\"")),
            ("Nguyễn Văn An", None),
            ("Thực hiện Kế hoạch số …/KH-UBND", Some("\"số …\"")),
            ("Xây dựng cơ quan gương mẫu", None),
            ("Mẫu số 01 kèm theo", None),
            ("PHƯỜNG GƯƠNG MẪU", None),
        ] {
            let w = warning(value);
            match shown {
                None => assert_eq!(w, None, "{value}"),
                Some(s) => assert!(
                    w.as_deref().is_some_and(|w| w.contains(s)),
                    "{value}: {w:?}"
                ),
            }
        }
    }
}
