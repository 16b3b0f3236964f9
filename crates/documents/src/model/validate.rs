//! Checks a deserialized plan for what serde cannot see: references to units, appendices
//! and indices that exist, unique ids, real dates, settings within Decree 30's ranges. All
//! problems are collected and reported together.

use super::indices::INDICES;
use super::locate::Locations;
use super::parties::{is_unit_key, Parties};
use super::plan::{AppendixRef, Item, Layout, Plan, SigningForm};
use crate::error::DataError;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

/// Deepest body level: I. → 1. → 1.1. → 1.1.1.
pub const MAX_DEPTH: usize = 4;

struct Checker<'a> {
    file: &'a Path,
    loc: &'a Locations,
    errors: Vec<DataError>,
    warnings: Vec<String>,
}

/// YAML's words for "no value", which serde hands to a text field as the letters themselves.
pub fn yaml_null(s: &str) -> bool {
    let t = s.trim();
    t == "~" || t.eq_ignore_ascii_case("null")
}

impl Checker<'_> {
    fn fail(&mut self, path: &str, expected: impl Into<String>, found: Option<String>) {
        self.errors.push(DataError {
            file: self.file.to_path_buf(),
            location: self.loc.find(path),
            path: Some(path.to_string()),
            expected: expected.into(),
            found,
        });
    }

    fn warn(&mut self, path: &str, what: String) {
        let at = self
            .loc
            .find(path)
            .map_or(String::new(), |l| format!(":{}:{}", l.line, l.column));
        self.warnings
            .push(format!("{}{at}: `{path}`: {what}", self.file.display()));
    }

    /// Whether the field `path` of `parent` is written in the file, even as `~`: the index
    /// answers an absent field with its parent's place.
    fn written(&self, path: &str, parent: &str) -> bool {
        self.loc.find(path) != self.loc.find(parent)
    }

    fn text(&mut self, path: &str, s: &str) {
        let t = s.trim();
        if t.is_empty() {
            self.fail(path, "một đoạn chữ", Some("chuỗi rỗng".into()));
        } else if yaml_null(t) {
            // YAML's "no value": serde hands it to a text field as the letters themselves,
            // which would be printed.
            self.fail(
                path,
                "một đoạn chữ",
                Some(format!("`{t}` (trong YAML nghĩa là để trống)")),
            );
        }
    }

    fn range(&mut self, path: &str, v: Option<f32>, lo: f32, hi: f32, unit: &str) {
        if let Some(v) = v {
            if !(lo..=hi).contains(&v) {
                self.fail(
                    path,
                    format!("giá trị từ {lo} đến {hi} {unit} (Nghị định 30/2020)"),
                    Some(v.to_string()),
                );
            }
        }
    }

    fn parties(&mut self, path: &str, p: &Parties, units: &BTreeMap<String, super::parties::Unit>) {
        if p.0.is_empty() {
            self.fail(path, "ít nhất một đơn vị", Some("danh sách rỗng".into()));
        }
        let known: Vec<&str> = units.keys().map(String::as_str).collect();
        for (i, s) in p.0.iter().enumerate() {
            let at = if p.0.len() == 1 {
                path.to_string()
            } else {
                format!("{path}[{i}]")
            };
            if s.trim().is_empty() {
                self.fail(&at, "mã đơn vị hoặc tên", Some("chuỗi rỗng".into()));
            } else if is_unit_key(s) && !units.contains_key(s) {
                self.fail(
                    &at,
                    format!("mã đơn vị có trong `don_vi` ({})", known.join(", ")),
                    Some(format!("`{s}`")),
                );
            } else if !is_unit_key(s) && units.contains_key(&s.trim().to_lowercase()) {
                let key = s.trim().to_lowercase();
                self.warn(
                    &at,
                    format!(
                        "\"{s}\" được in nguyên văn như một đoạn chữ; nếu là mã đơn vị `{key}` thì viết thường: `{key}`"
                    ),
                );
            }
        }
    }

    fn indices(&mut self, path: &str, keys: &[String]) {
        for (i, k) in keys.iter().enumerate() {
            if !INDICES.contains(&k.as_str()) {
                self.fail(
                    &format!("{path}[{i}]"),
                    format!("mã chỉ số: {}", INDICES.join(", ")),
                    Some(format!("`{k}`")),
                );
            }
        }
    }
}

/// Validates `plan`; returns the warnings (things a reviewer should look at) or every error.
pub fn validate(plan: &Plan, file: &Path, loc: &Locations) -> Result<Vec<String>, Vec<DataError>> {
    let mut c = Checker {
        file,
        loc,
        errors: Vec::new(),
        warnings: Vec::new(),
    };
    if plan.co_quan.ten.is_empty() {
        c.fail(
            "co_quan.ten",
            "ít nhất một dòng tên cơ quan",
            Some("danh sách rỗng".into()),
        );
    }
    for (i, l) in plan.co_quan.ten.iter().enumerate() {
        c.text(&format!("co_quan.ten[{i}]"), l);
    }
    c.text("co_quan.ten_day_du", &plan.co_quan.ten_day_du);
    c.text("co_quan.viet_tat", &plan.co_quan.viet_tat);
    if plan.co_quan.viet_tat.contains([' ', '/', '-']) {
        c.fail(
            "co_quan.viet_tat",
            "chữ viết tắt không có dấu cách, \"/\" hay \"-\" (ví dụ UBND)",
            Some(format!("\"{}\"", plan.co_quan.viet_tat)),
        );
    }
    c.text("dia_danh", &plan.dia_danh);
    c.text("trich_yeu", &plan.trich_yeu);
    if let Err(e) = plan.ngay.check() {
        c.fail("ngay", e, None);
    }
    if plan.so == Some(0) {
        c.fail(
            "so",
            "số văn bản từ 1 trở lên, hoặc ~ để trống",
            Some("0".into()),
        );
    }
    for (k, u) in &plan.don_vi {
        let path = format!("don_vi.{k}");
        if !is_unit_key(k) {
            c.fail(
                &path,
                "mã đơn vị viết thường không dấu, chỉ gồm a-z, 0-9, \"-\", \"_\" (ví dụ vptk)",
                Some(format!("`{k}`")),
            );
        }
        c.text(&format!("{path}.ten"), &u.ten);
    }

    let appendix_ids: Vec<&str> = plan.phu_luc.iter().map(|a| a.id.as_str()).collect();
    // Task id → where it was first used.
    let mut task_ids: HashMap<&str, String> = HashMap::new();
    let mut stack: Vec<(String, &Item, usize)> = plan
        .noi_dung
        .iter()
        .enumerate()
        .map(|(i, it)| (format!("noi_dung[{i}]"), it, 1))
        .collect();
    while let Some((path, item, depth)) = stack.pop() {
        if depth > MAX_DEPTH {
            c.fail(
                &path,
                format!("tối đa {MAX_DEPTH} cấp mục (I. → 1. → 1.1. → 1.1.1.)"),
                Some(format!("mục cấp {depth}")),
            );
            continue;
        }
        match (&item.tieu_de, &item.doan) {
            (None, None) => c.fail(
                &path,
                "`tieu_de` hoặc `doan`",
                Some("mục không có cả hai".into()),
            ),
            (Some(t), _) => c.text(&format!("{path}.tieu_de"), t),
            (None, Some(d)) => c.text(&format!("{path}.doan"), d),
        }
        if depth == 1 && item.tieu_de.is_none() {
            c.fail(
                &path,
                "`tieu_de` cho mục cấp I (ví dụ MỤC ĐÍCH, YÊU CẦU)",
                Some("không có".into()),
            );
        }
        c.indices(&format!("{path}.chi_so"), &item.chi_so);
        if let Some(r) = &item.phu_luc_kem_theo {
            let p = format!("{path}.phu_luc_kem_theo");
            match r {
                AppendixRef::Keyword(k) if k == "tat-ca" => {
                    if plan.phu_luc.is_empty() {
                        c.fail(
                            &p,
                            "ít nhất một phụ lục trong `phu_luc`",
                            Some("kế hoạch không có phụ lục".into()),
                        );
                    }
                }
                AppendixRef::Keyword(k) => c.fail(
                    &p,
                    "`tat-ca` hoặc danh sách mã phụ lục",
                    Some(format!("`{k}`")),
                ),
                AppendixRef::Ids(ids) => {
                    for (i, id) in ids.iter().enumerate() {
                        if !appendix_ids.contains(&id.as_str()) {
                            c.fail(
                                &format!("{p}[{i}]"),
                                format!(
                                    "mã phụ lục có trong `phu_luc` ({})",
                                    appendix_ids.join(", ")
                                ),
                                Some(format!("`{id}`")),
                            );
                        }
                    }
                }
            }
        }
        for (i, t) in item.nhiem_vu.iter().enumerate() {
            let tp = format!("{path}.nhiem_vu[{i}]");
            if !is_unit_key(&t.id) {
                c.fail(
                    &format!("{tp}.id"),
                    "mã nhiệm vụ viết thường không dấu, chỉ gồm a-z, 0-9, \"-\", \"_\"",
                    Some(format!("`{}`", t.id)),
                );
            } else if let Some(first) = task_ids.get(t.id.as_str()) {
                let first = first.clone();
                c.fail(
                    &format!("{tp}.id"),
                    format!("mã nhiệm vụ không trùng (đã dùng ở `{first}`)"),
                    Some(format!("`{}` lặp lại", t.id)),
                );
            }
            task_ids.entry(&t.id).or_insert_with(|| tp.clone());
            c.text(&format!("{tp}.noi_dung"), &t.noi_dung);
            match &t.chu_tri {
                Some(p) => c.parties(&format!("{tp}.chu_tri"), p, &plan.don_vi),
                // `chu_tri: ~` written out: the plan gives the task no lead on purpose.
                None if c.written(&format!("{tp}.chu_tri"), &tp) => {}
                None => c.warn(
                    &tp,
                    format!(
                        "nhiệm vụ `{}` chưa có đơn vị chủ trì (`chu_tri`): nhiệm vụ được in không có dòng chủ trì và báo cáo không tính cho đơn vị nào; thêm `chu_tri: <mã đơn vị>`, hoặc ghi `chu_tri: ~` nếu kế hoạch không giao đơn vị chủ trì",
                        t.id
                    ),
                ),
            }
            if let Some(p) = &t.phoi_hop {
                c.parties(&format!("{tp}.phoi_hop"), p, &plan.don_vi);
            }
            c.indices(&format!("{tp}.chi_so"), &t.chi_so);
        }
        for (i, sub) in item.muc.iter().enumerate().rev() {
            stack.push((format!("{path}.muc[{i}]"), sub, depth + 1));
        }
    }

    let mut seen_appendix: HashSet<&str> = HashSet::new();
    for (i, a) in plan.phu_luc.iter().enumerate() {
        let ap = format!("phu_luc[{i}]");
        if !seen_appendix.insert(&a.id) {
            c.fail(
                &format!("{ap}.id"),
                "mã phụ lục không trùng",
                Some(format!("`{}` lặp lại", a.id)),
            );
        }
        if let Some(k) = &a.chi_so {
            c.indices(&format!("{ap}.chi_so"), std::slice::from_ref(k));
        }
        c.text(&format!("{ap}.tieu_de"), &a.tieu_de);
        if a.nhom.is_empty() {
            c.fail(
                &format!("{ap}.nhom"),
                "ít nhất một nhóm (lĩnh vực)",
                Some("danh sách rỗng".into()),
            );
        }
        for (side, p) in [
            ("chu_tri", &a.mac_dinh.chu_tri),
            ("phoi_hop", &a.mac_dinh.phoi_hop),
        ] {
            if let Some(p) = p {
                c.parties(&format!("{ap}.mac_dinh.{side}"), p, &plan.don_vi);
            }
        }
        for (g, grp) in a.nhom.iter().enumerate() {
            let gp = format!("{ap}.nhom[{g}]");
            c.text(&format!("{gp}.ten"), &grp.ten);
            for (side, p) in [
                ("chu_tri", &grp.chu_tri),
                ("phoi_hop", &grp.phoi_hop),
                ("mac_dinh.chu_tri", &grp.mac_dinh.chu_tri),
                ("mac_dinh.phoi_hop", &grp.mac_dinh.phoi_hop),
            ] {
                if let Some(p) = p {
                    c.parties(&format!("{gp}.{side}"), p, &plan.don_vi);
                }
            }
            for (r, row) in grp.dong.iter().enumerate() {
                let rp = format!("{gp}.dong[{r}]");
                c.text(&format!("{rp}.tieu_chi"), &row.tieu_chi);
                for (side, p) in [("chu_tri", &row.chu_tri), ("phoi_hop", &row.phoi_hop)] {
                    if let Some(p) = p {
                        c.parties(&format!("{rp}.{side}"), p, &plan.don_vi);
                    }
                }
            }
        }
    }

    let k = &plan.ky;
    c.text("ky.chuc_vu", &k.chuc_vu);
    c.text("ky.ho_ten", &k.ho_ten);
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
    for prefix in ["ThS", "TS.", "PGS", "GS.", "KS.", "CN."] {
        if k.ho_ten.trim_start().starts_with(prefix) {
            c.fail(
                "ky.ho_ten",
                "họ tên không kèm học hàm, học vị (Nghị định 30, Phụ lục I II.7.c)",
                Some(format!("\"{}\"", k.ho_ten)),
            );
        }
    }
    for (i, r) in plan.noi_nhan.iter().enumerate() {
        c.text(&format!("noi_nhan[{i}]"), &r.ten);
    }
    if plan.luu.is_empty() {
        c.fail(
            "luu",
            "ít nhất \"VT\" (văn thư)",
            Some("danh sách rỗng".into()),
        );
    }
    layout(&mut c, &plan.trinh_bay);
    deadlines_and_row_ids(&mut c, plan, &task_ids);
    content_rules(&mut c, plan);

    if c.errors.is_empty() {
        Ok(c.warnings)
    } else {
        Err(c.errors)
    }
}

/// Progress reports need each task's deadline and a unique id for every row: an explicit
/// `han` that cannot be read is an error, a `thoi_gian` that says no deadline a warning.
fn deadlines_and_row_ids(c: &mut Checker, plan: &Plan, task_ids: &HashMap<&str, String>) {
    let mut row_ids: HashMap<String, String> = HashMap::new();
    // Phrases without a year are read in the plan's; a report reads them in its own.
    for t in super::tracked::tracked(plan, plan.ngay.nam) {
        if let (Some(src), Some(taken)) = (&t.deadline_source, t.deadline.as_ref()) {
            if src.guessed {
                c.warn(&src.path, guessed_deadline(&src.text, taken));
            }
        }
        if let (Some(src), None) = (&t.deadline_source, &t.deadline) {
            let what = format!(
                "thời hạn đọc được: ngày (30/6/2025), tháng (Tháng 4/2025), quý (Quý II/2025), năm (Năm 2025), \"Thường xuyên\" hoặc \"Hằng quý\"; gặp \"{}\"",
                src.text
            );
            if src.explicit {
                c.fail(&src.path, what, None);
            } else {
                c.warn(
                    &src.path,
                    format!(
                        "không đọc được thời hạn từ \"{}\": báo cáo coi nhiệm vụ này không có hạn; ghi thêm `han` (ví dụ han: 30/6/2025, Quý II/2025, Thường xuyên) để tính quá hạn",
                        src.text
                    ),
                );
            }
        }
        if t.is_task {
            continue;
        }
        if let Some(first) = task_ids.get(t.id.as_str()).or(row_ids.get(&t.id)) {
            let first = first.clone();
            c.fail(
                &format!("{}.id", t.path),
                format!("mã dòng không trùng với mã khác (đã dùng ở `{first}`)"),
                Some(format!("`{}`", t.id)),
            );
        } else if !is_unit_key(&t.id.replace(['/', '.'], "-")) {
            c.fail(
                &format!("{}.id", t.path),
                "mã dòng viết thường không dấu, chỉ gồm a-z, 0-9, \"-\", \"_\"",
                Some(format!("`{}`", t.id)),
            );
        }
        row_ids.insert(t.id.clone(), t.path.clone());
    }
}

/// The warning for a phrase naming several dates in a form not read as rounds.
fn guessed_deadline(text: &str, taken: &super::deadline::Deadline) -> String {
    let taken = taken.due().map_or(String::new(), super::date::short_date);
    format!(
        "\"{text}\" nêu nhiều thời điểm theo cách không đọc được: báo cáo lấy hạn {taken}; nếu mỗi thời điểm là một đợt, viết dạng \"Tháng 5 và tháng 10/2025\", \"Quý II và quý IV/2025\", \"Trước 30/6 và 31/12/2025\", hoặc ghi `han` là danh sách, ví dụ han: [31/5/2025, 31/10/2025]"
    )
}

/// Width of the header's left column in mm, as `_dau-van-ban.xml` sets it (Mẫu 1.4), less
/// the cell padding on both sides.
const AGENCY_TEXT_MM: f32 = 67.5 - 2.0 * 1.9;

/// ND30 content rules a reviewer checks: every appendix referred to by the body; agency name
/// lines that fit their column; a number and a day given together or left blank together.
fn content_rules(c: &mut Checker, plan: &Plan) {
    fn refs(items: &[Item], out: &mut Vec<AppendixRef>) {
        for it in items {
            out.extend(it.phu_luc_kem_theo.clone());
            refs(&it.muc, out);
        }
    }
    let mut r = Vec::new();
    refs(&plan.noi_dung, &mut r);
    let all = r
        .iter()
        .any(|x| matches!(x, AppendixRef::Keyword(k) if k == "tat-ca"));
    for (i, a) in plan.phu_luc.iter().enumerate() {
        let named = r
            .iter()
            .any(|x| matches!(x, AppendixRef::Ids(ids) if ids.contains(&a.id)));
        if !all && !named {
            c.warn(
                &format!("phu_luc[{i}]"),
                format!(
                    "phụ lục `{}` không được nhắc tới trong phần nội dung (Nghị định 30: nội dung phải dẫn chiếu phụ lục); thêm `phu_luc_kem_theo: [{}]` vào mục có liên quan",
                    a.id, a.id
                ),
            );
        }
    }
    let fonts = crate::fonts::FontSet::bundled();
    let bold = fonts.face(true, false);
    let size = crate::style::StyleSheet::nd30()
        .get("co-quan")
        .map_or(12.0, |s| s.size_pt);
    for (i, line) in plan.co_quan.ten.iter().enumerate() {
        let text = line.trim().to_uppercase();
        let mm = bold.text_width_pt(&text, size) / crate::style::PT_PER_MM;
        if mm > AGENCY_TEXT_MM {
            let words: Vec<&str> = text.split_whitespace().collect();
            let fits = |w: &[&str]| {
                bold.text_width_pt(&w.join(" "), size) / crate::style::PT_PER_MM <= AGENCY_TEXT_MM
            };
            // Before the name of the administrative unit ("XÃ TÂN PHÚ ĐÔNG") when both lines
            // fit; else the longest first line that fits.
            const UNITS: [&str; 8] = [
                "XÃ",
                "PHƯỜNG",
                "THỊ",
                "QUẬN",
                "HUYỆN",
                "THÀNH",
                "TỈNH",
                "ĐẶC",
            ];
            let split = (1..words.len())
                .find(|&k| UNITS.contains(&words[k]) && fits(&words[..k]) && fits(&words[k..]))
                .or_else(|| (1..words.len()).rev().find(|&k| fits(&words[..k])));
            let hint = split.map_or(String::new(), |k| {
                format!(
                    "; tách thành hai dòng, ví dụ [{}, {}]",
                    words[..k].join(" "),
                    words[k..].join(" ")
                )
            });
            c.warn(
                &format!("co_quan.ten[{i}]"),
                format!(
                    "dòng tên cơ quan \"{text}\" dài {mm:.1} mm, quá cột {AGENCY_TEXT_MM:.1} mm nên sẽ tự xuống dòng giữa chừng{hint}"
                ),
            );
        }
    }
    match (plan.so, plan.ngay.ngay) {
        (Some(_), None) => c.warn(
            "ngay",
            "văn bản đã có số nhưng ngày để trống: số và ngày do văn thư ghi cùng lúc".into(),
        ),
        (None, Some(_)) => c.warn(
            "so",
            "văn bản đã có ngày nhưng số để trống: số và ngày do văn thư ghi cùng lúc".into(),
        ),
        _ => {}
    }
}

fn layout(c: &mut Checker, l: &Layout) {
    if let Some(m) = l.le {
        c.range("trinh_bay.le.tren", m.tren, 20.0, 25.0, "mm");
        c.range("trinh_bay.le.duoi", m.duoi, 20.0, 25.0, "mm");
        c.range("trinh_bay.le.trai", m.trai, 30.0, 35.0, "mm");
        c.range("trinh_bay.le.phai", m.phai, 15.0, 20.0, "mm");
    }
    c.range("trinh_bay.co_chu", l.co_chu, 13.0, 14.0, "pt");
    c.range("trinh_bay.gian_dong", l.gian_dong, 1.0, 1.5, "lần dòng đơn");
    c.range("trinh_bay.thut_dau_dong", l.thut_dau_dong, 10.0, 12.7, "mm");
}
