//! Plans of many shapes, from a seed: very short and very long documents, one-line sections,
//! tasks longer than a page, headings and tables landing near a page foot, rows taller than
//! half a page, none to six appendices. The same seed gives the same plan on every machine.

use rand::{RngExt, SeedableRng};
use rand_xorshift::XorShiftRng;

const WORDS: &[&str] = &[
    "triển khai",
    "thực hiện",
    "kế hoạch",
    "cải cách",
    "hành chính",
    "nhiệm vụ",
    "công chức",
    "phường",
    "tổ chức",
    "kiểm tra",
    "đánh giá",
    "người dân",
    "doanh nghiệp",
    "thủ tục",
    "trực tuyến",
    "số hóa",
    "hồ sơ",
    "kết quả",
    "chỉ số",
    "hài lòng",
    "tuyên truyền",
    "văn bản",
    "quy phạm",
    "pháp luật",
    "ngân sách",
    "đất đai",
    "quy hoạch",
    "an ninh",
    "trật tự",
    "đào tạo",
    "bồi dưỡng",
    "chính quyền",
    "điện tử",
    "dịch vụ công",
    "một cửa",
    "liên thông",
    "báo cáo",
    "định kỳ",
    "khu phố",
    "đối thoại",
    "minh bạch",
    "công khai",
    "trách nhiệm",
    "giải trình",
    "phản ánh",
    "kiến nghị",
    "bảo hiểm",
    "y tế",
    "giáo dục",
    "môi trường",
    "UBND",
    "HĐND",
    "TTHC",
    "CCHC",
    "PAR INDEX",
    "SIPAS",
    "02/QĐ-UBND",
    "100%",
    "2024 - 2025",
];

pub struct Shapes {
    rng: XorShiftRng,
}

impl Shapes {
    pub fn new(seed: u64) -> Shapes {
        Shapes {
            rng: XorShiftRng::seed_from_u64(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0x5EED),
        }
    }

    fn n(&mut self, lo: usize, hi: usize) -> usize {
        self.rng.random_range(lo..=hi)
    }

    fn chance(&mut self, p: f64) -> bool {
        self.rng.random_bool(p)
    }

    /// A sentence of `words` words, capitalised, ending with a full stop.
    fn text(&mut self, words: usize) -> String {
        let mut out = String::new();
        for i in 0..words.max(1) {
            let w = WORDS[self.n(0, WORDS.len() - 1)];
            if i > 0 {
                out.push(if self.chance(0.08) { ',' } else { ' ' });
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            out.push_str(w);
        }
        let mut c = out.chars();
        let first: String = c
            .next()
            .map(|f| f.to_uppercase().collect())
            .unwrap_or_default();
        format!("{first}{}.", c.as_str())
    }

    /// A paragraph length: mostly a few lines, sometimes one line, sometimes longer than a
    /// page (about 12 words a line, 45 lines a page).
    fn length(&mut self) -> usize {
        match self.n(0, 19) {
            0..=2 => self.n(2, 8),
            3..=15 => self.n(15, 90),
            16..=18 => self.n(90, 250),
            _ => self.n(550, 700),
        }
    }

    fn quoted(s: &str) -> String {
        format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
    }

    fn items(&mut self, out: &mut String, depth: usize, indent: &str, ids: &mut usize) {
        let count = if depth == 1 {
            self.n(1, 4)
        } else {
            self.n(1, 3)
        };
        for _ in 0..count {
            let title_words = self.n(2, 9);
            let title = self.text(title_words);
            out.push_str(&format!("{indent}- tieu_de: {}\n", Self::quoted(&title)));
            let inner = format!("{indent}  ");
            if depth > 1 && self.chance(0.4) {
                let len = self.length();
                let d = self.text(len);
                out.push_str(&format!("{inner}doan: {}\n", Self::quoted(&d)));
            }
            if self.chance(0.3) {
                out.push_str(&format!("{inner}gach:\n"));
                for _ in 0..self.n(1, 4) {
                    let len = self.n(5, 40);
                    let g = self.text(len);
                    out.push_str(&format!("{inner}  - {}\n", Self::quoted(&g)));
                }
            }
            if depth > 1 && self.chance(0.6) {
                out.push_str(&format!("{inner}nhiem_vu:\n"));
                for _ in 0..self.n(1, 5) {
                    *ids += 1;
                    let len = self.length();
                    let t = self.text(len);
                    out.push_str(&format!(
                        "{inner}  - {{id: nv-{ids}, noi_dung: {}, chu_tri: vp, phoi_hop: {}, thoi_gian: \"Quý {}/2025\"}}\n",
                        Self::quoted(&t),
                        if self.chance(0.5) { "tp" } else { "\"Các công chức có liên quan\"" },
                        ["I", "II", "III", "IV"][self.n(0, 3)]
                    ));
                }
            }
            if depth < 3 && (depth == 1 || self.chance(0.4)) {
                out.push_str(&format!("{inner}muc:\n"));
                self.items(out, depth + 1, &format!("{inner}  "), ids);
            }
        }
    }

    /// A whole plan.yaml.
    pub fn plan(&mut self) -> String {
        let mut y = String::from(
            "loai: ke-hoach\n\
             co_quan: {chu_quan: [UBND THỊ XÃ BỈM SƠN], ten: [ỦY BAN NHÂN DÂN, PHƯỜNG ĐÔNG SƠN], ten_day_du: Ủy ban nhân dân phường Đông Sơn, viet_tat: UBND}\n\
             so: 12\n\
             dia_danh: Đông Sơn\n\
             ngay: {ngay: 9, thang: 3, nam: 2025}\n",
        );
        let tw = self.n(6, 30);
        let title = self.text(tw);
        y.push_str(&format!(
            "trich_yeu: {}\n",
            Self::quoted(title.trim_end_matches('.'))
        ));
        y.push_str(
            "don_vi:\n  vp: {ten: Văn phòng - thống kê, ngan: Công chức VP}\n  tp: {ten: Tư pháp - hộ tịch, ngan: Công chức TP}\n",
        );
        y.push_str("mo_dau:\n");
        for _ in 0..self.n(1, 3) {
            let len = self.n(20, 80);
            let p = self.text(len);
            y.push_str(&format!("  - {}\n", Self::quoted(&p)));
        }
        let appendices = self.n(0, 6);
        y.push_str("noi_dung:\n");
        let mut ids = 0;
        // Very short documents: one section with one line.
        if self.chance(0.15) {
            let t = self.text(4);
            y.push_str(&format!(
                "  - tieu_de: {}\n    cac_doan: [\"Một dòng.\"]\n",
                Self::quoted(&t)
            ));
        } else {
            self.items(&mut y, 1, "  ", &mut ids);
        }
        if appendices > 0 {
            y.push_str("  - tieu_de: TỔ CHỨC THỰC HIỆN\n    doan: \"Các phụ lục kèm theo.\"\n    phu_luc_kem_theo: tat-ca\n");
        }
        if self.chance(0.7) {
            let len = self.n(10, 60);
            let k = self.text(len);
            y.push_str(&format!("ket_luan: {}\n", Self::quoted(&k)));
        }
        y.push_str("noi_nhan:\n  - {ten: Phòng Nội vụ, de: b/c}\n  - Các công chức\nky: {hinh_thuc: TM, tap_the: Ủy ban nhân dân, chuc_vu: Chủ tịch, ho_ten: Lê Văn Hùng}\n");
        if appendices > 0 {
            y.push_str("phu_luc:\n");
            for a in 0..appendices {
                let tw = self.n(4, 16);
                let t = self.text(tw);
                y.push_str(&format!(
                    "  - id: pl{a}\n    tieu_de: {}\n    mac_dinh: {{phoi_hop: \"Các công chức có liên quan\", thoi_gian: Thường xuyên}}\n    nhom:\n",
                    Self::quoted(t.trim_end_matches('.'))
                ));
                for _ in 0..self.n(1, 5) {
                    let gw = self.n(3, 14);
                    let g = self.text(gw);
                    y.push_str(&format!(
                        "      - ten: {}\n        dong:\n",
                        Self::quoted(&g)
                    ));
                    for _ in 0..self.n(1, 12) {
                        // Rows taller than half a page now and then.
                        let len = if self.chance(0.06) {
                            self.n(180, 260)
                        } else {
                            self.n(3, 40)
                        };
                        let r = self.text(len);
                        y.push_str(&format!(
                            "          - {{tieu_chi: {}, chu_tri: {}}}\n",
                            Self::quoted(&r),
                            if self.chance(0.5) { "vp" } else { "tp" }
                        ));
                    }
                }
            }
        }
        y
    }
}

/// The plan of `seed`.
pub fn plan(seed: u64) -> String {
    Shapes::new(seed).plan()
}
