//! The end of the document: the signature block, the recipients and the filed copy.

use super::checker::Checker;
use crate::model::plan::{Recipient, Signature, SigningForm};

/// Titles Decree 30 keeps out of the signer's name (Phụ lục I II.7.c).
const ACADEMIC_TITLES: [&str; 6] = ["ThS", "TS.", "PGS", "GS.", "KS.", "CN."];

/// The signature block prints the signer's position and name under the signing form.
pub(super) fn signature(c: &mut Checker, k: &Signature) {
    c.text("ky.chuc_vu", &k.chuc_vu);
    c.text("ky.ho_ten", &k.ho_ten);
    signing_on_behalf(c, k);
    no_academic_titles(c, k);
}

/// "TM." names the collective signed for, "KT."/"TL."/"TUQ." the head signed in place of.
fn signing_on_behalf(c: &mut Checker, k: &Signature) {
    match k.hinh_thuc {
        SigningForm::TM if k.tap_the.is_none() => c.fail(
            "ky.tap_the",
            "tên tập thể sau \"TM.\" (ví dụ Ủy ban nhân dân)",
            Some("không có".into()),
        ),
        SigningForm::KT | SigningForm::TL | SigningForm::TUQ if k.thay_cho.is_none() => c.fail(
            "ky.thay_cho",
            "chức vụ người đứng đầu sau \"KT.\"/\"TL.\"/\"TUQ.\" (ví dụ Chủ tịch)",
            Some("không có".into()),
        ),
        _ => {}
    }
}

/// Decree 30 has the signer's name without academic titles or degrees.
fn no_academic_titles(c: &mut Checker, k: &Signature) {
    for prefix in ACADEMIC_TITLES {
        if k.ho_ten.trim_start().starts_with(prefix) {
            c.fail(
                "ky.ho_ten",
                "họ tên không kèm học hàm, học vị (Nghị định 30, Phụ lục I II.7.c)",
                Some(format!("\"{}\"", k.ho_ten)),
            );
        }
    }
}

/// Each recipient is a printed line of "Nơi nhận".
pub(super) fn recipients(c: &mut Checker, noi_nhan: &[Recipient]) {
    for (i, r) in noi_nhan.iter().enumerate() {
        c.text(&format!("noi_nhan[{i}]"), &r.ten);
    }
}

/// "Nơi nhận" ends with the copy kept on file, at least the clerk's office (VT).
pub(super) fn filed_copy(c: &mut Checker, luu: &[String]) {
    if luu.is_empty() {
        c.fail(
            "luu",
            "ít nhất \"VT\" (văn thư)",
            Some("danh sách rỗng".into()),
        );
    }
}
