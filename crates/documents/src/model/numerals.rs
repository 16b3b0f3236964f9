//! Numbers as Vietnamese documents print them: "1.234" (dot between thousands), "85,7%"
//! (decimal comma, one decimal, none when whole), "+12,5" for a change.

/// "1.234.567".
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// One decimal with a comma, trailing ",0" dropped: 85.71 → "85,7", 100.0 → "100".
pub fn decimal(v: f64) -> String {
    let tenths = (v * 10.0).round() as i64;
    let (whole, frac) = (tenths / 10, (tenths % 10).abs());
    let sign = if tenths < 0 && whole == 0 { "-" } else { "" };
    if frac == 0 {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole},{frac}")
    }
}

/// "85,7%".
pub fn percent(v: f64) -> String {
    format!("{}%", decimal(v))
}

/// A change in percentage points with its sign: "+12,5", "-3", "0".
pub fn change(v: f64) -> String {
    let s = decimal(v);
    if s == "0" || s.starts_with('-') {
        s
    } else {
        format!("+{s}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_number_forms() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1234), "1.234");
        assert_eq!(thousands(1234567), "1.234.567");
        assert_eq!(percent(85.714), "85,7%");
        assert_eq!(percent(100.0), "100%");
        assert_eq!(percent(0.04), "0%");
        assert_eq!(change(12.46), "+12,5");
        assert_eq!(change(-3.0), "-3");
        assert_eq!(change(-0.4), "-0,4");
        assert_eq!(change(0.01), "0");
    }
}
