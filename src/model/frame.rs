//! The ND30 frame every document kind shares: the header (agency, Số/ký hiệu, place and
//! date, type name, trích yếu) and the foot (Nơi nhận, signature block). A kind fills a
//! `Frame` and templates include the shared partials.

use super::date::{PartialDate, BLANK};
use super::plan::{Agency, Recipient, Signature, SigningForm};
use serde::Serialize;

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

/// "05/KH-UBND", or the blank for the văn thư when there is no number yet.
pub fn number_and_symbol(so: Option<u32>, names: TypeNames, agency: &Agency) -> String {
    let so = so.map_or(BLANK.to_string(), super::date::fmt_day);
    format!("{so}/{}-{}", names.abbreviation, agency.viet_tat.trim())
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
