//! Computed numbering: I., 1., 1.1., (1), appendix rows 1 / 1.1, Phụ lục I…n. Nothing is
//! typed by hand, so numbers can neither skip nor repeat.

/// Roman numeral for 1..=3999 (mục I., Phụ lục I).
pub fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (v, r) in TABLE {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

/// Number of a body item from its 1-based path: [2] → "II.", [2, 1] → "1.", [2, 1, 3] →
/// "1.3.", [2, 1, 3, 2] → "1.3.2." (level I is Roman; below it, Arabic joined by dots).
pub fn item_number(path: &[u32]) -> String {
    match path {
        [] => String::new(),
        [top] => format!("{}.", roman(*top)),
        [_, rest @ ..] => {
            let parts: Vec<String> = rest.iter().map(u32::to_string).collect();
            format!("{}.", parts.join("."))
        }
    }
}

/// How the text refers to an item, without the heading's final dot and with its part so
/// that "1.1" of two parts cannot be confused: "II" (a part), "II.1.1".
pub fn item_reference(path: &[u32]) -> String {
    match path {
        [] => String::new(),
        [top, rest @ ..] => {
            let mut s = roman(*top);
            for n in rest {
                s.push_str(&format!(".{n}"));
            }
            s
        }
    }
}

/// Task number inside its item: (1), (2)…
pub fn task_number(n: u32) -> String {
    format!("({n})")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_carry_the_part_and_no_final_dot() {
        assert_eq!(item_reference(&[1]), "I");
        assert_eq!(item_reference(&[2, 1, 1]), "II.1.1");
        assert_eq!(item_number(&[2, 1, 1]), "1.1.");
    }

    #[test]
    fn romans() {
        let got: Vec<String> = (1..=12).map(roman).collect();
        assert_eq!(
            got,
            ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
        );
        assert_eq!(roman(49), "XLIX");
    }

    #[test]
    fn item_numbers_by_level() {
        assert_eq!(item_number(&[3]), "III.");
        assert_eq!(item_number(&[2, 1]), "1.");
        assert_eq!(item_number(&[2, 1, 3]), "1.3.");
        assert_eq!(item_number(&[2, 1, 3, 2]), "1.3.2.");
        assert_eq!(task_number(7), "(7)");
    }
}
