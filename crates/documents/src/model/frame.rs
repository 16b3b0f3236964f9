//! The ND30 frame every document kind shares: the header (agency, Số/ký hiệu, place and
//! date, type name, trích yếu) and the foot (Nơi nhận, signature block). A kind fills a
//! `Frame` and templates include the shared partials.

use super::date::{PartialDate, BLANK};
use super::plan::{Agency, Recipient, Signature, SigningForm};
pub use super::type_names::{TypeNames, BAO_CAO, KE_HOACH};
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct FrameView {
    pub ten_loai: String,
    pub co_quan_chu_quan: Vec<String>,
    pub co_quan: Vec<String>,
    pub co_quan_day_du: String,
    /// "Số:      /KH-UBND" or "Số: 05/KH-UBND".
    pub so_ky_hieu: String,
    /// "Phú Sơn, ngày      tháng 12 năm 2023".
    pub dia_danh_ngay: String,
    pub trich_yeu: String,
    pub noi_nhan: Vec<String>,
    pub ky: Vec<String>,
    pub ho_ten: String,
}

pub struct FrameInput<'a> {
    pub names: TypeNames,
    pub agency: &'a Agency,
    pub so: Option<u32>,
    pub dia_danh: &'a str,
    pub ngay: &'a PartialDate,
    pub trich_yeu: String,
    /// "- Như trên;" first: a document with a Kính gửi (báo cáo, công văn, tờ trình).
    pub nhu_tren: bool,
    pub noi_nhan: &'a [Recipient],
    pub luu: &'a [String],
    pub ky: &'a Signature,
}

pub fn upper(s: &str) -> String {
    s.trim().to_uppercase()
}

/// `title` without a closing "của <agency>", for a sentence that names the agency already:
/// "Thực hiện Kế hoạch số … của Ủy ban nhân dân xã Tân Lập về cải cách hành chính năm 2025"
/// rather than "… năm 2025 của Ủy ban nhân dân xã Tân Lập". The name is matched loosely
/// (see [`loose_words`]); a "của …" naming another body is kept.
pub fn without_issuer<'t>(title: &'t str, agency: &Agency) -> &'t str {
    let words = loose_words(title);
    let of = loose_words("của");
    for name in [agency.ten_day_du.clone(), agency.ten.join(" ")] {
        let name = loose_words(&name);
        if name.is_empty() || words.len() <= name.len() + 1 {
            continue;
        }
        let tail = &words[words.len() - name.len() - 1..];
        let same = |a: &[(usize, String)], b: &[(usize, String)]| {
            a.iter().map(|w| &w.1).eq(b.iter().map(|w| &w.1))
        };
        if same(&tail[..1], &of) && same(&tail[1..], &name) {
            let kept = title[..tail[0].0].trim_end().trim_end_matches([',', ';']);
            if !kept.is_empty() {
                return kept.trim_end();
            }
        }
    }
    title
}

/// The words of `s` as keys that a careful reader takes as the same name: lower case, any
/// spacing and Unicode form, "UBND"/"HĐND" spelt out, the tone mark wherever it sits in the
/// word ("Uỷ"/"Ủy", "Hoà"/"Hòa"), closing punctuation dropped. Each key comes with the byte
/// offset in `s` of the word it is from.
fn loose_words(s: &str) -> Vec<(usize, String)> {
    use unicode_normalization::UnicodeNormalization;
    const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
    let key = |w: &str| -> String {
        let (tones, base): (Vec<char>, Vec<char>) = w.nfd().partition(|c| TONES.contains(c));
        base.into_iter().chain(tones).collect()
    };
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(start) = rest.find(|c: char| !c.is_whitespace()) {
        let len = rest[start..]
            .find(char::is_whitespace)
            .unwrap_or(rest.len() - start);
        let at = s.len() - rest.len() + start;
        let word = rest[start..start + len]
            .trim_end_matches(['.', ',', ';', ':'])
            .to_lowercase();
        let spelt = match key(&word).as_str() {
            "ubnd" => "ủy ban nhân dân",
            "hđnd" => "hội đồng nhân dân",
            _ => word.as_str(),
        };
        out.extend(spelt.split_whitespace().map(|w| (at, key(w))));
        rest = &rest[start + len..];
    }
    out
}

/// "05/KH-UBND", or the blank for the văn thư when there is no number yet.
pub fn number_and_symbol(so: Option<u32>, names: TypeNames, agency: &Agency) -> String {
    let so = so.map_or(BLANK.to_string(), super::date::fmt_day);
    format!("{so}/{}-{}", names.abbreviation, agency.viet_tat.trim())
}

/// The "(Kèm theo Kế hoạch số … ngày … của …)" line under an appendix's title: the document
/// it is attached to.
pub fn attached_line(
    names: TypeNames,
    so: Option<u32>,
    ngay: &PartialDate,
    agency: &Agency,
) -> String {
    format!(
        "(Kèm theo {} số {} {} của {})",
        names.in_sentence,
        number_and_symbol(so, names, agency),
        ngay.long(),
        agency.ten_day_du.trim()
    )
}

/// The authority and position lines of the signature block (ND30 II.7, Điều 13).
pub fn signature_lines(k: &Signature) -> Vec<String> {
    let tm = k.tap_the.as_ref().map(|t| format!("TM. {}", upper(t)));
    let head = k.thay_cho.as_deref().map(upper).unwrap_or_default();
    let pos = upper(&k.chuc_vu);
    let mut lines: Vec<String> = Vec::new();
    match k.hinh_thuc {
        SigningForm::TM => {
            lines.extend(tm);
            lines.push(pos);
        }
        SigningForm::KT => {
            lines.extend(tm);
            lines.push(format!("KT. {head}"));
            lines.push(pos);
        }
        SigningForm::Q => {
            lines.extend(tm);
            lines.push(format!("Q. {pos}"));
        }
        SigningForm::TL => {
            lines.push(format!("TL. {head}"));
            lines.push(pos);
        }
        SigningForm::TUQ => {
            lines.push(format!("TUQ. {head}"));
            lines.push(pos);
        }
        SigningForm::None => lines.push(pos),
    }
    lines
}

/// Nơi nhận lines: "- " before and ";" after each, "- Lưu: VT." last (ND30 II.9.d).
pub fn recipients(list: &[Recipient], luu: &[String], nhu_tren: bool) -> Vec<String> {
    let mut out = Vec::with_capacity(list.len() + 2);
    if nhu_tren {
        out.push("- Như trên;".to_string());
    }
    out.extend(list.iter().map(|r| {
        let ten = r.ten.trim().trim_end_matches([';', '.']);
        match &r.de {
            Some(de) => format!("- {ten} ({});", de.trim()),
            None => format!("- {ten};"),
        }
    }));
    out.push(format!("- Lưu: {}.", luu.join(", ")));
    out
}

impl FrameInput<'_> {
    pub fn view(&self) -> FrameView {
        let so = number_and_symbol(self.so, self.names, self.agency);
        FrameView {
            ten_loai: self.names.title.to_string(),
            co_quan_chu_quan: self.agency.chu_quan.iter().map(|s| upper(s)).collect(),
            co_quan: self.agency.ten.iter().map(|s| upper(s)).collect(),
            co_quan_day_du: self.agency.ten_day_du.trim().to_string(),
            so_ky_hieu: format!("Số: {so}"),
            dia_danh_ngay: format!("{}, {}", self.dia_danh.trim(), self.ngay.long()),
            trich_yeu: self.trich_yeu.trim().to_string(),
            noi_nhan: recipients(self.noi_nhan, self.luu, self.nhu_tren),
            ky: signature_lines(self.ky),
            ho_ten: self.ky.ho_ten.trim().to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agency() -> Agency {
        Agency {
            chu_quan: vec![],
            ten: vec!["ỦY BAN NHÂN DÂN".into(), "XÃ TÂN LẬP".into()],
            ten_day_du: "Ủy ban nhân dân xã Tân Lập".into(),
            viet_tat: "UBND".into(),
        }
    }

    #[test]
    fn a_title_closing_with_its_issuer_is_quoted_without_it() {
        let a = agency();
        let t = "Cải cách hành chính năm 2025";
        for closing in [
            "của Ủy ban nhân dân xã Tân Lập",
            "của UBND xã Tân Lập",
            "của Uỷ ban nhân dân xã Tân Lập",
            "của ỦY BAN NHÂN DÂN XÃ TÂN LẬP",
            "của  Ủy ban   nhân dân\txã\u{a0}Tân Lập.",
        ] {
            assert_eq!(
                without_issuer(&format!("{t} {closing}"), &a),
                t,
                "{closing}"
            );
        }
        // Decomposed (NFD) text, as some editors save it.
        use unicode_normalization::UnicodeNormalization;
        let nfd: String = format!("{t} của Ủy ban nhân dân xã Tân Lập")
            .nfd()
            .collect();
        assert_eq!(without_issuer(&nfd, &a), t.nfd().collect::<String>());
    }

    #[test]
    fn a_title_naming_another_body_is_kept_whole() {
        let a = agency();
        for t in [
            "Cải cách hành chính năm 2025 của Ủy ban nhân dân huyện Tân Lập",
            "Thực hiện Chỉ thị số 05/CT-UBND của UBND tỉnh Phú Thọ",
            "Cải cách hành chính năm 2025 của Ủy ban nhân dân xã Tân Lập Bắc",
            "Ủy ban nhân dân xã Tân Lập",
            "của Ủy ban nhân dân xã Tân Lập",
            "Cải cách hành chính năm 2025",
        ] {
            assert_eq!(without_issuer(t, &a), t);
        }
    }
}
