//! `vanban schema`: JSON Schemas of plan.yaml and the report data, derived from the serde model
//! (schemars) so they cannot drift from what the loader accepts. Editors read them through a
//! `# yaml-language-server: $schema=…` first line to complete keys and underline mistakes.
//!
//! The descriptions an editor shows on hover are Vietnamese and come from one table here: the
//! model's doc comments are English notes for developers and are stripped.

use crate::error::{Error, Result};
use crate::kinds::DataFile;
use schemars::JsonSchema;
use serde_json::{Map, Value};
use std::path::{Path, PathBuf};

/// The schema of one kind of file, as pretty JSON ending with a newline.
pub fn json(which: DataFile) -> String {
    let mut schema = match which {
        DataFile::Plan => root::<crate::model::plan::Plan>(),
        DataFile::Common => root::<crate::kinds::report::data::Common>(),
        DataFile::Period => root::<crate::kinds::report::data::PeriodFile>(),
    };
    describe(&mut schema, which);
    loosen_text(&mut schema);
    // A schema is built from our own types: serialising it cannot fail.
    let mut s = serde_json::to_string_pretty(&schema).unwrap_or_default();
    s.push('\n');
    s
}

/// Writes the three schemas into `dir` (created when missing); returns the paths written.
pub fn write_all(dir: &Path) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, &e))?;
    let mut written = Vec::new();
    for w in DataFile::all() {
        let p = dir.join(w.file_name());
        crate::output::write_atomic(&p, json(w).as_bytes())?;
        written.push(p);
    }
    Ok(written)
}

/// Draft-07: the draft the YAML extension of VS Code reads fully.
fn root<T: JsonSchema>() -> Value {
    let schema = schemars::generate::SchemaSettings::draft07()
        .for_deserialize()
        .into_generator()
        .into_root_schema_for::<T>();
    schema.to_value()
}

/// Replaces every title and description with the Vietnamese ones of the table.
fn describe(schema: &mut Value, which: DataFile) {
    strip(schema);
    let Some(obj) = schema.as_object_mut() else {
        return;
    };
    obj.insert("title".into(), which.title().into());
    describe_properties(obj, which.root());
    if let Some(Value::Object(defs)) = obj.get_mut("definitions") {
        for (name, def) in defs.iter_mut() {
            if let Some(d) = def.as_object_mut() {
                describe_properties(d, name);
            }
        }
    }
}

/// YAML reads `thoi_gian: 2025` or `dia_danh: true` as text for a text field, and so does the
/// loader: a free-text field also takes a number or a yes/no word. Fields with a closed set
/// of words or a pattern stay as they are.
fn loosen_text(v: &mut Value) {
    match v {
        Value::Object(m) => {
            let closed = ["enum", "const", "pattern", "examples"]
                .iter()
                .any(|k| m.contains_key(*k));
            if !closed {
                let widen = |types: &mut Vec<Value>| {
                    if types.iter().any(|t| t == "string") {
                        for extra in ["number", "boolean"] {
                            if !types.iter().any(|t| t == extra) {
                                types.push(extra.into());
                            }
                        }
                    }
                };
                match m.get_mut("type") {
                    Some(Value::String(t)) if t == "string" => {
                        let mut types = vec![Value::from("string")];
                        widen(&mut types);
                        m.insert("type".into(), Value::Array(types));
                    }
                    Some(Value::Array(types)) => widen(types),
                    _ => {}
                }
            }
            m.values_mut().for_each(loosen_text);
        }
        Value::Array(a) => a.iter_mut().for_each(loosen_text),
        _ => {}
    }
}

fn strip(v: &mut Value) {
    match v {
        Value::Object(m) => {
            m.remove("description");
            m.remove("title");
            // schemars' "float"/"double" formats mean nothing to an editor.
            m.remove("format");
            m.values_mut().for_each(strip);
        }
        Value::Array(a) => a.iter_mut().for_each(strip),
        _ => {}
    }
}

fn describe_properties(obj: &mut Map<String, Value>, type_name: &str) {
    let Some(Value::Object(props)) = obj.get_mut("properties") else {
        return;
    };
    for (key, prop) in props.iter_mut() {
        let Some(text) = description(type_name, key) else {
            continue;
        };
        // Draft-07 ignores keywords beside a `$ref`: wrap the reference so the text shows.
        // Other keywords beside it (a range) move with the wrap.
        if let Some(p) = prop.as_object_mut() {
            if let Some(r) = p.remove("$ref") {
                p.insert("allOf".into(), serde_json::json!([{ "$ref": r }]));
            }
        }
        if let Some(p) = prop.as_object_mut() {
            p.insert("description".into(), text.into());
        }
    }
}

/// The hover text of a key: by `Type.key` where a key means different things in different
/// places, else by the key alone.
pub fn description(type_name: &str, key: &str) -> Option<&'static str> {
    let qualified = format!("{type_name}.{key}");
    QUALIFIED
        .iter()
        .find(|(k, _)| *k == qualified)
        .or_else(|| KEYS.iter().find(|(k, _)| *k == key))
        .map(|(_, d)| *d)
}

const QUALIFIED: &[(&str, &str)] = &[
    (
        "Plan.ngay",
        "Ngày ban hành: 20/12/2023, hoặc {ngay, thang, nam} khi để trống ngày, tháng (~) để văn thư điền khi ký.",
    ),
    (
        "Plan.noi_dung",
        "Các mục của nội dung kế hoạch: I., II. … (số thứ tự do vanban tự đánh).",
    ),
    (
        "Plan.nhan",
        "Cách gọi đơn vị chủ trì, phối hợp trong văn bản (mặc định: Chủ trì / Phối hợp).",
    ),
    ("Plan.ky", "Người ký và hình thức ký."),
    (
        "Plan.so",
        "Số của văn bản; để ~ khi chưa cấp số (văn thư điền sau khi ký).",
    ),
    (
        "Agency.ten",
        "Tên cơ quan ban hành, mỗi phần tử là một dòng in ra (chữ in hoa).",
    ),
    (
        "Unit.ten",
        "Tên đầy đủ của đơn vị, dùng trong nội dung văn bản.",
    ),
    (
        "Group.ten",
        "Tên nhóm (dòng tiêu đề nhóm trong bảng phụ lục).",
    ),
    ("RecipientMap.ten", "Tên nơi nhận."),
    ("PartialDate.ngay", "Ngày trong tháng (1–31); ~ để trống."),
    ("PartialDate.nam", "Năm, ví dụ 2024."),
    ("Item.nhan", "Cách gọi chủ trì, phối hợp riêng cho mục này."),
    (
        "Item.chi_so",
        "Chỉ số (PAR INDEX, SIPAS, PAPI, PCI) mà mục này hướng tới.",
    ),
    ("Task.noi_dung", "Nội dung nhiệm vụ."),
    (
        "Task.id",
        "Mã nhiệm vụ, không trùng; báo cáo tiến độ gọi nhiệm vụ bằng mã này.",
    ),
    ("Task.chi_so", "Chỉ số mà nhiệm vụ hướng tới."),
    (
        "Appendix.id",
        "Mã phụ lục, để nội dung dẫn chiếu (phu_luc_kem_theo) và để `--phu-luc MÃ`.",
    ),
    (
        "Appendix.chi_so",
        "Chỉ số mà phụ lục theo dõi (PAR INDEX, SIPAS, PAPI, PCI).",
    ),
    (
        "Row.id",
        "Mã ổn định của dòng cho báo cáo tiến độ; không có thì gọi là <mã phụ lục>/<TT>.",
    ),
    (
        "CutOffSettings.nam",
        "Ngày chốt số liệu báo cáo năm (mặc định 14/12).",
    ),
    (
        "Common.ky",
        "Người ký báo cáo (mặc định: người ký kế hoạch).",
    ),
    (
        "PeriodFile.ky",
        "Người ký báo cáo kỳ này (mặc định: theo chung.yaml, rồi theo kế hoạch).",
    ),
    ("PlanIssue.so", "Số của kế hoạch đã ban hành."),
    (
        "PlanIssue.ngay",
        "Ngày ban hành kế hoạch, dạng ngày/tháng/năm (ví dụ 28/02/2023).",
    ),
    ("PeriodFile.so", "Số của báo cáo; để trống khi chưa cấp số."),
    (
        "PeriodFile.ngay",
        "Ngày của báo cáo: 18/6/2025, hoặc {ngay, thang, nam} khi để trống ngày (~) cho văn thư điền.",
    ),
    (
        "PeriodFile.ket_qua",
        "II. Kết quả thực hiện theo 6 nội dung cải cách hành chính.",
    ),
    ("Entry.ket_qua", "Kết quả đạt được (ngắn gọn)."),
    (
        "CongVanDonDoc.so",
        "Số của công văn đôn đốc; để trống khi chưa cấp số.",
    ),
    (
        "CongVanDonDoc.ngay",
        "Ngày của công văn: 18/9/2024, hoặc {ngay, thang, nam} khi để trống ngày (~) cho văn thư điền (mặc định: tháng của ngày chốt số liệu, để trống ngày).",
    ),
    (
        "CongVanDonDoc.trich_yeu",
        "Trích yếu ghi sau \"V/v\" (mặc định: đôn đốc thực hiện nhiệm vụ cải cách hành chính).",
    ),
    (
        "CongVanDonDoc.noi_nhan",
        "Nơi nhận ngoài dòng \"- Như trên;\" (các đơn vị ở Kính gửi): mỗi dòng một nơi, hoặc {ten, de}.",
    ),
    ("CongVanDonDoc.luu", "Lưu: mặc định như kế hoạch."),
    (
        "CongVanDonDoc.ky",
        "Người ký công văn (mặc định: người ký kế hoạch).",
    ),
    (
        "Received.tong",
        "Tổng số hồ sơ tiếp nhận; bỏ trống thì tự cộng (trực tuyến + trực tiếp + từ kỳ trước).",
    ),
    (
        "Resolved.tong",
        "Tổng số hồ sơ đã giải quyết; bỏ trống thì tự cộng.",
    ),
    ("Resolved.qua_han", "Số hồ sơ giải quyết quá hạn."),
    (
        "Pending.tong",
        "Tổng số hồ sơ đang giải quyết; bỏ trống thì tự cộng.",
    ),
    ("Pending.qua_han", "Số hồ sơ đang giải quyết đã quá hạn."),
    (
        "PhieuTienDo.tthc",
        "Mã các đơn vị có thêm trang TTHC trong phiếu (ngoài các đơn vị đã báo cáo số liệu thủ tục hành chính kỳ trước).",
    ),
];

const KEYS: &[(&str, &str)] = &[
    ("loai", "Loại văn bản: ke-hoach."),
    ("co_quan", "Cơ quan ban hành."),
    (
        "dia_danh",
        "Địa danh ghi trước ngày tháng, ví dụ \"Bỉm Sơn\".",
    ),
    ("trich_yeu", "Trích yếu nội dung văn bản."),
    (
        "don_vi",
        "Các đơn vị thực hiện: mã viết thường (vptk) → tên đầy đủ và tên ngắn.",
    ),
    ("mo_dau", "Các đoạn mở đầu (căn cứ ban hành)."),
    ("ket_luan", "Đoạn kết luận (tổ chức thực hiện)."),
    (
        "noi_nhan",
        "Nơi nhận: mỗi dòng một nơi, hoặc {ten, de} với de là mục đích (b/c, t/h).",
    ),
    ("luu", "Lưu: mặc định VT."),
    ("phu_luc", "Các phụ lục kèm theo."),
    (
        "trinh_bay",
        "Thay đổi cách trình bày trong giới hạn của Nghị định 30.",
    ),
    (
        "chu_quan",
        "Tên cơ quan chủ quản trực tiếp (nếu có), mỗi phần tử một dòng.",
    ),
    (
        "ten_day_du",
        "Tên cơ quan viết trong câu, ví dụ \"Ủy ban nhân dân phường Phú Sơn\".",
    ),
    (
        "viet_tat",
        "Chữ viết tắt tên cơ quan trong ký hiệu văn bản, ví dụ UBND.",
    ),
    ("ngan", "Tên ngắn của đơn vị, dùng trong bảng."),
    (
        "chu_tri",
        "Đơn vị chủ trì: mã đơn vị, danh sách mã, hoặc một đoạn chữ.",
    ),
    (
        "phoi_hop",
        "Đơn vị phối hợp: mã đơn vị, danh sách mã, hoặc một đoạn chữ.",
    ),
    ("tieu_de", "Tiêu đề (không gõ số thứ tự: vanban tự đánh)."),
    (
        "doan",
        "Đoạn chữ ngay sau tiêu đề, hoặc cả nội dung của mục không có tiêu đề.",
    ),
    ("cac_doan", "Các đoạn văn tiếp theo."),
    ("gach", "Các ý gạch đầu dòng (\"- \")."),
    ("nhiem_vu", "Các nhiệm vụ của mục."),
    ("muc", "Các mục con (số thứ tự tự đánh: 1., 1.1. …)."),
    (
        "phu_luc_kem_theo",
        "Ghi \"(Có các Phụ lục … kèm theo)\": tat-ca, hoặc danh sách mã phụ lục.",
    ),
    ("nhan_chu_tri", "Cách gọi chủ trì riêng cho nhiệm vụ này."),
    ("nhan_phoi_hop", "Cách gọi phối hợp riêng cho nhiệm vụ này."),
    (
        "thoi_gian",
        "Thời gian thực hiện, ví dụ \"Quý II/2025\", \"Thường xuyên\"; làm nhiều đợt: \"Tháng 5 và tháng 10/2025\", mỗi thời điểm là hạn một đợt.",
    ),
    (
        "han",
        "Hạn dùng cho báo cáo tiến độ khi thời gian thực hiện không nêu hạn (không in ra): một hạn, hoặc danh sách hạn của từng đợt, ví dụ [31/5/2025, 31/10/2025].",
    ),
    ("de", "Mục đích gửi, ví dụ b/c, t/h."),
    ("hinh_thuc", "Hình thức ký: TM, KT, Q, TL, TUQ hoặc khong."),
    ("tap_the", "Tập thể sau TM., ví dụ \"Ủy ban nhân dân\"."),
    (
        "thay_cho",
        "Chức vụ người đứng đầu sau KT./TL./TUQ., ví dụ \"Chủ tịch\".",
    ),
    ("chuc_vu", "Chức vụ người ký."),
    ("ho_ten", "Họ và tên người ký."),
    (
        "ten_don_vi",
        "Tên đơn vị in trong bảng: ngan (tên ngắn, mặc định) hoặc day-du (tên đầy đủ).",
    ),
    (
        "mac_dinh",
        "Giá trị mặc định cho các dòng (chủ trì, phối hợp, thời gian).",
    ),
    ("nhom", "Các nhóm dòng của bảng phụ lục."),
    ("dong", "Các dòng (tiêu chí) của nhóm."),
    ("tieu_chi", "Nội dung tiêu chí, nhiệm vụ của dòng."),
    (
        "le",
        "Lề trang (mm); bỏ trống lề nào thì giữ mặc định của Nghị định 30.",
    ),
    ("co_chu", "Cỡ chữ nội dung, từ 13 đến 14."),
    ("gian_dong", "Giãn dòng, từ 1,0 đến 1,5."),
    ("thut_dau_dong", "Thụt đầu dòng (mm), từ 10 đến 12,7."),
    (
        "so_phu_luc",
        "Đánh số phụ lục: la-ma (I, II; mặc định) hoặc a-rap (1, 2).",
    ),
    (
        "so_trang_dau_phu_luc",
        "In số trang ở trang đầu mỗi phụ lục.",
    ),
    (
        "phong_chu",
        "Tệp phông chữ cho PDF (đường dẫn tính từ plan.yaml).",
    ),
    ("tren", "Lề trên (mm), 20–25."),
    ("duoi", "Lề dưới (mm), 20–25."),
    ("trai", "Lề trái (mm), 30–35."),
    ("phai", "Lề phải (mm), 15–20."),
    ("thuong", "Phông chữ thường."),
    ("dam", "Phông chữ đậm."),
    ("nghieng", "Phông chữ nghiêng."),
    ("dam_nghieng", "Phông chữ đậm nghiêng."),
    ("thang", "Tháng (1–12); ~ để trống."),
    (
        "kinh_gui",
        "Cơ quan nhận báo cáo (dòng \"Kính gửi\"): một dòng hoặc danh sách.",
    ),
    (
        "ke_hoach",
        "Số và ngày của kế hoạch đã ban hành, khi plan.yaml còn để trống.",
    ),
    (
        "ngay_chot",
        "Ngày chốt số liệu của từng kỳ (mặc định 14/3, 14/6, 14/9, 14/12).",
    ),
    (
        "don_doc",
        "Công văn đôn đốc (vanban don-doc): số, ngày, ký hiệu, hạn báo cáo, nơi nhận, người ký; trường ghi trong dữ liệu của kỳ thay cho trường cùng tên trong chung.yaml.",
    ),
    (
        "phieu",
        "Phiếu tiến độ gửi các đơn vị (vanban phieu): hạn gửi lại, đơn vị tổng hợp, các đơn vị có trang TTHC.",
    ),
    (
        "han_gui_lai_truoc",
        "Số ngày trước ngày chốt số liệu mà đơn vị phải gửi lại phiếu đã điền (mặc định 3).",
    ),
    (
        "don_vi_tong_hop",
        "Mã đơn vị tổng hợp báo cáo: nhận lại các phiếu, và phiếu của đơn vị này có cả các nhiệm vụ không ghi đơn vị chủ trì (mặc định: đơn vị đầu tiên trong don_vi).",
    ),
    (
        "ky_hieu",
        "Ký hiệu công văn ghi sau số, ví dụ UBND-VP (mặc định: chữ viết tắt tên cơ quan và VP).",
    ),
    (
        "han_bao_cao",
        "Hạn các đơn vị báo cáo kết quả, dạng ngày/tháng/năm (mặc định: 15 ngày sau ngày công văn, hoặc sau ngày chốt số liệu khi ngày công văn để trống).",
    ),
    ("quy_1", "Ngày chốt số liệu quý I (mặc định 14/3)."),
    ("6_thang", "Ngày chốt số liệu 6 tháng (mặc định 14/6)."),
    ("9_thang", "Ngày chốt số liệu 9 tháng (mặc định 14/9)."),
    ("chi_dao_dieu_hanh", "I. Công tác chỉ đạo, điều hành."),
    ("uu_diem", "III. Đánh giá chung: ưu điểm."),
    ("ton_tai", "III. Đánh giá chung: tồn tại, hạn chế."),
    ("nguyen_nhan", "III. Đánh giá chung: nguyên nhân."),
    ("phuong_huong", "IV. Phương hướng, nhiệm vụ kỳ tới."),
    ("de_xuat", "V. Đề xuất, kiến nghị."),
    (
        "tthc",
        "Số liệu giải quyết thủ tục hành chính theo lĩnh vực (Biểu số 06/VPCP/KSTT).",
    ),
    (
        "tien_do",
        "Tiến độ theo mã nhiệm vụ hoặc dòng phụ lục (ví dụ par-index/1.2).",
    ),
    ("the_che", "Cải cách thể chế."),
    ("thu_tuc_hanh_chinh", "Cải cách thủ tục hành chính."),
    ("to_chuc_bo_may", "Cải cách tổ chức bộ máy."),
    ("che_do_cong_vu", "Cải cách chế độ công vụ."),
    ("tai_chinh_cong", "Cải cách tài chính công."),
    (
        "chinh_quyen_so",
        "Xây dựng, phát triển chính quyền điện tử, chính quyền số.",
    ),
    (
        "trang_thai",
        "Trạng thái: hoàn thành, đang thực hiện hoặc chưa thực hiện.",
    ),
    (
        "ngay_hoan_thanh",
        "Ngày hoàn thành, dạng ngày/tháng/năm (ví dụ 12/3/2024); việc làm nhiều đợt: danh sách ngày xong từng đợt theo thứ tự, ví dụ [28/5/2025] khi mới xong đợt 1 (trạng thái đang thực hiện).",
    ),
    ("ty_le", "Tỷ lệ hoàn thành (%), từ 0 đến 100."),
    ("san_pham", "Văn bản, sản phẩm chứng minh kết quả."),
    ("kho_khan", "Khó khăn, vướng mắc."),
    ("linh_vuc", "Lĩnh vực thủ tục hành chính."),
    ("tiep_nhan", "Số hồ sơ tiếp nhận."),
    ("da_giai_quyet", "Số hồ sơ đã giải quyết."),
    ("dang_giai_quyet", "Số hồ sơ đang giải quyết."),
    ("truc_tuyen", "Tiếp nhận trực tuyến."),
    ("truc_tiep", "Tiếp nhận trực tiếp và qua dịch vụ bưu chính."),
    ("tu_ky_truoc", "Từ kỳ trước chuyển sang."),
    ("truoc_han", "Giải quyết trước hạn."),
    ("dung_han", "Giải quyết đúng hạn."),
    ("trong_han", "Đang giải quyết, còn trong hạn."),
];

#[cfg(test)]
mod tests {
    use super::*;

    /// Every key of every schema has a Vietnamese hover text, and no English doc comment of
    /// the model is left in.
    #[test]
    fn every_key_is_described_in_vietnamese() {
        for w in DataFile::all() {
            let v: Value = serde_json::from_str(&json(w)).unwrap();
            let mut missing = Vec::new();
            let mut check = |ty: &str, obj: &Value| {
                if let Some(Value::Object(props)) = obj.get("properties") {
                    for (k, p) in props {
                        if p.get("description").is_none() {
                            missing.push(format!("{ty}.{k}"));
                        }
                    }
                }
            };
            check(w.root(), &v);
            if let Some(Value::Object(defs)) = v.get("definitions") {
                for (name, d) in defs {
                    check(name, d);
                }
            }
            assert!(missing.is_empty(), "{w:?}: no description for {missing:?}");
        }
    }
}
