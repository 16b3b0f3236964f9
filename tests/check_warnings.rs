//! `vanban check` points at what a reviewer of official documents would send back: an
//! appendix the body never refers to, an agency name that wraps inside its column, a number
//! without a day (or a day without a number).

mod common;
use common::*;

#[test]
fn nd30_content_warnings() {
    let dir = scratch("check-warnings");
    let plan = copy_seed_to(&dir);
    let text = std::fs::read_to_string(&plan).unwrap();
    let text = text
        .replacen(
            "ten: [ỦY BAN NHÂN DÂN, PHƯỜNG PHÚ SƠN]",
            "ten: [ỦY BAN NHÂN DÂN XÃ TÂN PHÚ ĐÔNG]",
            1,
        )
        .replacen(
            "        phu_luc_kem_theo: tat-ca\n",
            "        phu_luc_kem_theo: [par-index, sipas]\n",
            1,
        )
        .replacen("so: ~", "so: 5", 1);
    std::fs::write(&plan, text).unwrap();
    let o = vanban(&["check", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "warnings do not fail the check");
    let e = stderr(&o);
    assert!(
        e.contains("`co_quan.ten[0]`: dòng tên cơ quan \"ỦY BAN NHÂN DÂN XÃ TÂN PHÚ ĐÔNG\"")
            && e.contains("tách thành hai dòng, ví dụ [ỦY BAN NHÂN DÂN, XÃ TÂN PHÚ ĐÔNG]"),
        "{e}"
    );
    for id in ["papi", "pci"] {
        assert!(
            e.contains(&format!(
                "phụ lục `{id}` không được nhắc tới trong phần nội dung"
            )),
            "{e}"
        );
    }
    assert!(!e.contains("phụ lục `sipas` không"), "{e}");
    assert!(
        e.contains("plan.yaml:13:1: `ngay`: văn bản đã có số nhưng ngày để trống"),
        "{e}"
    );
    // The seed itself raises none of these.
    let o = vanban(&["check", SEED]);
    let e = stderr(&o);
    assert!(
        !e.contains("tên cơ quan")
            && !e.contains("không được nhắc tới")
            && !e.contains("văn thư ghi cùng lúc"),
        "{e}"
    );
}
