//! Where lines end: UAX #14 break opportunities (what LibreOffice's ICU breaker and Word use
//! for Vietnamese, a space-separated script), filled greedily like both of them do.

use unicode_linebreak::{linebreaks, BreakOpportunity};

use super::shape::ShapedChar;

/// Slack for float noise when a line fills its width exactly: well under the 1/120 pt an
/// advance is rounded to, so a line one unit too long never fits.
const FIT_EPSILON: f64 = 1e-3;

/// A line as a range of the paragraph's characters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LineSpan {
    pub start: usize,
    /// End of the characters shown (trailing spaces and the line break excluded).
    pub content_end: usize,
    /// End including trailing spaces and line break.
    pub end: usize,
    /// Width of the shown characters, points.
    pub width: f32,
    /// The line ends at a forced break (a `LineBreak` run or the paragraph's end).
    pub forced: bool,
}

/// Break opportunities as char indices: a line may start at index `i`; `true` when the
/// break is mandatory.
pub fn break_opportunities(text: &str) -> Vec<(usize, bool)> {
    // Byte offset → char index, in one pass.
    let mut char_at = vec![0usize; text.len() + 1];
    let mut n = 0;
    for (b, _) in text.char_indices() {
        char_at[b] = n;
        n += 1;
    }
    char_at[text.len()] = n;
    linebreaks(text)
        // UAX #14 allows a break after "/" ("b/c", "02/QĐ-UBND"); Word and LibreOffice keep
        // such words whole, and so must we to break lines where they do.
        .filter(|&(b, o)| o == BreakOpportunity::Mandatory || !text[..b].ends_with('/'))
        .map(|(b, o)| (char_at[b], o == BreakOpportunity::Mandatory))
        .collect()
}

/// Fills lines greedily. `avail(i)` is the width available to line `i` (the first line has
/// its indent taken off). A word wider than a whole line is cut between characters.
pub fn break_lines(
    chars: &[ShapedChar],
    breaks: &[(usize, bool)],
    avail: impl Fn(usize) -> f32,
) -> Vec<LineSpan> {
    let mut prefix = Vec::with_capacity(chars.len() + 1);
    // Sums in f64: a line's width is the sum of a hundred advances and must compare exactly.
    let mut acc = 0.0f64;
    prefix.push(acc);
    for c in chars {
        acc += f64::from(c.advance);
        prefix.push(acc);
    }
    // LibreOffice sets a line as portions, runs of one face and size, each as wide as its
    // text in whole twips (measured at 8640 dpi, then rounded); only the portion being broken
    // is measured finer. A bold "1.1." lead-in of 3328.67 twips takes 3329, and a line that
    // fits its 8788 twips by a sixth of a twip overall does not fit in LibreOffice.
    let mut portion_end = vec![chars.len(); chars.len()];
    for i in (0..chars.len().saturating_sub(1)).rev() {
        let same = chars[i].face == chars[i + 1].face && chars[i].size == chars[i + 1].size;
        portion_end[i] = if same { portion_end[i + 1] } else { i + 1 };
    }
    let measure = |start: usize, end: usize| -> f64 {
        let mut s = start;
        let mut w = 0.0;
        while s < end && portion_end[s] < end {
            let e = portion_end[s];
            w += ((prefix[e] - prefix[s]) * 20.0 + 1e-6).round() / 20.0;
            s = e;
        }
        w + prefix[end] - prefix[s]
    };
    let content_end = |start: usize, end: usize| {
        let mut e = end;
        while e > start && chars[e - 1].is_trailing_white() {
            e -= 1;
        }
        e
    };
    let span = |start: usize, end: usize, forced: bool| {
        let ce = content_end(start, end);
        LineSpan {
            start,
            content_end: ce,
            end,
            width: (prefix[ce] - prefix[start]) as f32,
            forced,
        }
    };

    let mut lines = Vec::new();
    let mut start = 0usize;
    let mut last_fit: Option<usize> = None;
    let mut i = 0;
    while i < breaks.len() {
        let (b, mandatory) = breaks[i];
        if b <= start {
            i += 1;
            continue;
        }
        let width = f64::from(avail(lines.len()));
        let ce = content_end(start, b);
        let fits = measure(start, ce) <= width + FIT_EPSILON;
        if fits {
            if mandatory {
                lines.push(span(start, b, true));
                start = b;
                last_fit = None;
            } else {
                last_fit = Some(b);
            }
            i += 1;
        } else if let Some(lf) = last_fit.take() {
            lines.push(span(start, lf, false));
            start = lf;
            // Re-examine this opportunity on the new line.
        } else {
            // One word wider than the line: cut it where it overflows (at least one char).
            let mut k = start + 1;
            while k < ce && measure(start, k + 1) <= width + FIT_EPSILON {
                k += 1;
            }
            lines.push(span(start, k, false));
            start = k;
        }
    }
    if lines.is_empty() || start < chars.len() {
        lines.push(span(start, chars.len(), true));
    } else if chars.last().is_some_and(|c| c.ch == '\n') {
        // A trailing line break opens an empty last line, as in Word.
        lines.push(span(chars.len(), chars.len(), true));
    }
    lines
}

/// Lines of a heading or title: as many as the greedy fill gives, but each as short as that
/// count allows, so a two-line heading is not one full line and a word left below. The
/// available widths shrink together until one more line would be needed; greedy line counts
/// only grow as widths shrink, so the search is a bisection.
pub fn balance_lines(
    chars: &[ShapedChar],
    breaks: &[(usize, bool)],
    avail: impl Fn(usize) -> f32,
) -> Vec<LineSpan> {
    let greedy = break_lines(chars, breaks, &avail);
    if greedy.len() < 2 {
        return greedy;
    }
    let count = greedy.len();
    // A line may only end where the text allows, never inside a word cut to fit.
    let allowed = |spans: &[LineSpan]| {
        spans.len() == count
            && spans
                .iter()
                .all(|l| l.end == chars.len() || breaks.iter().any(|&(b, _)| b == l.end))
    };
    if !allowed(&greedy) {
        return greedy;
    }
    let narrowest = (0..count).map(&avail).fold(f32::INFINITY, f32::min);
    let (mut ok, mut too_far) = (0.0f32, narrowest.max(0.0));
    let mut best = greedy;
    // 0.05 pt is well under any glyph's advance: the last bisection step changes nothing.
    while too_far - ok > 0.05 {
        let mid = (ok + too_far) / 2.0;
        let spans = break_lines(chars, breaks, |i| (avail(i) - mid).max(0.0));
        if allowed(&spans) {
            ok = mid;
            best = spans;
        } else {
            too_far = mid;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_break_after_a_slash() {
        let text = "- Các công chức UBND phường (t/h);";
        let slash = text.chars().position(|c| c == '/').unwrap();
        assert!(break_opportunities(text)
            .iter()
            .all(|&(i, _)| i != slash + 1));
    }
    use crate::pdf::placed::FaceKey;

    /// Every char 1 pt wide.
    fn chars(text: &str) -> Vec<ShapedChar> {
        text.chars()
            .map(|ch| ShapedChar {
                ch,
                face: FaceKey::Regular,
                size: 1.0,
                gid: 1,
                advance: if ch == '\n' { 0.0 } else { 1.0 },
            })
            .collect()
    }

    fn lines(text: &str, width: f32) -> Vec<String> {
        let c = chars(text);
        let b = break_opportunities(text);
        break_lines(&c, &b, |_| width)
            .iter()
            .map(|l| c[l.start..l.content_end].iter().map(|c| c.ch).collect())
            .collect()
    }

    #[test]
    fn a_finished_portion_takes_whole_twips() {
        // A bold portion of 10.0333 pt (200.67 twips) then " b" regular: 15.0333 pt in all,
        // but LibreOffice counts the bold portion as 201 twips, 15.05 pt.
        let mut c = chars("a b");
        c[0].face = FaceKey::Bold;
        c[0].advance = 1204.0 / 120.0;
        c[1].advance = 0.25;
        c[2].advance = 4.75;
        let b = break_opportunities("a b");
        assert_eq!(break_lines(&c, &b, |_| 15.04).len(), 2);
        assert_eq!(break_lines(&c, &b, |_| 15.05).len(), 1);
        // One portion is measured finely: the same widths in one face fit 15.04.
        c[0].face = FaceKey::Regular;
        assert_eq!(break_lines(&c, &b, |_| 15.04).len(), 1);
    }

    #[test]
    fn greedy_fill_with_hanging_spaces() {
        // "Độc lập" is 7 wide: it fits a 7-wide line even with the space after it.
        assert_eq!(
            lines("Độc lập tự do hạnh phúc", 7.0),
            vec!["Độc lập", "tự do", "hạnh", "phúc"]
        );
        assert_eq!(lines("Độc lập tự do", 100.0), vec!["Độc lập tự do"]);
    }

    #[test]
    fn forced_breaks_and_long_words() {
        assert_eq!(lines("a b\nc", 100.0), vec!["a b", "c"]);
        assert_eq!(lines("a\n", 100.0), vec!["a", ""]);
        assert_eq!(lines("", 100.0), vec![""]);
        assert_eq!(lines("abcdefgh ij", 3.0), vec!["abc", "def", "gh", "ij"]);
    }

    #[test]
    fn hyphenated_symbols_break_after_hyphen_only_when_needed() {
        assert_eq!(lines("Số: 05/KH-UBND", 100.0), vec!["Số: 05/KH-UBND"]);
        let l = lines("Số: 05/KH-UBND", 12.0);
        assert_eq!(l[0], "Số: 05/KH-");
    }

    fn balanced(text: &str, width: f32) -> Vec<String> {
        let c = chars(text);
        let b = break_opportunities(text);
        balance_lines(&c, &b, |_| width)
            .iter()
            .map(|l| c[l.start..l.content_end].iter().map(|c| c.ch).collect())
            .collect()
    }

    #[test]
    fn headings_break_into_even_lines() {
        let h = "II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH";
        // Greedy leaves one word below; balanced keeps two lines of near equal length.
        assert_eq!(lines(h, 48.0).last().unwrap(), "CHÍNH");
        let b = balanced(h, 48.0);
        assert_eq!(b.len(), 2, "{b:?}");
        let (a, z) = (b[0].chars().count() as i32, b[1].chars().count() as i32);
        assert!((a - z).abs() <= 8, "{b:?}");
        assert_eq!(b.join(" "), h);
        // One line stays one line; three stay three.
        assert_eq!(balanced("Độc lập tự do", 100.0), vec!["Độc lập tự do"]);
        assert_eq!(balanced(h, 20.0).len(), lines(h, 20.0).len());
        // A word longer than the line is cut as before, not balanced.
        assert_eq!(balanced("abcdefgh ij", 3.0), lines("abcdefgh ij", 3.0));
    }
}
