//! Plans of many shapes, from a seed: very short and very long documents, one-line sections,
//! tasks longer than a page, headings and tables landing near a page foot, rows taller than
//! half a page, none to six appendices. The same seed gives the same plan on every machine.
//!
//! For the report, [`report_case`] gives a plan of a seed with progress data of three
//! periods of 2025 and, computed here from what was written (not by vanban), what each
//! report must say: every tracked item's status at the cut-off and the Biểu 06 rows.

use chrono::NaiveDate;
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

/// An item a report tracks, as the generator wrote it into the plan.
#[derive(Debug, Clone)]
pub struct Tracked {
    /// The id progress data use: `nv-3`, a row's own id, or `pl0/1.2`.
    pub id: String,
    /// Its text (`noi_dung`, `tieu_chi`) as written.
    pub content: String,
    /// `chu_tri` as listed: unit keys (`vp`, `tp`) and free text; empty when none.
    pub lead: Vec<String>,
    /// Index keys, the item's own first: the first one is its group in the progress appendix.
    pub indices: Vec<&'static str>,
    /// The deadlines the plan's words give, one per round ("Tháng 5 và tháng 10/2025" has
    /// two); none for ongoing, recurring or undated work.
    pub dues: Vec<NaiveDate>,
    /// "Thường xuyên", "Hằng quý": reported anew every period, never carried over.
    pub recurring: bool,
    pub is_task: bool,
}

pub struct Shapes {
    rng: XorShiftRng,
    /// Draws of the report variety (indices, leads, deadlines other than a quarter), from an
    /// RNG of their own so that the plan's shape is the one `plan(seed)` has.
    variety: Option<XorShiftRng>,
    tracked: Vec<Tracked>,
}

pub const INDEX_KEYS: [&str; 5] = ["par-index", "sipas", "papi", "pci", "pgi"];

/// Deadlines worth testing: both sides of the cut-offs 14/3, 14/6, 14/9 and of the quarter
/// ends (cut-offs in some cases), and the days themselves.
const DAYS: [(u32, u32); 11] = [
    (13, 3),
    (14, 3),
    (15, 3),
    (31, 3),
    (1, 4),
    (13, 6),
    (14, 6),
    (15, 6),
    (30, 6),
    (14, 9),
    (30, 9),
];

/// "31/5/2025", "05/02/2025": day of two digits, months January and February of two.
pub fn short_day(d: NaiveDate) -> String {
    use chrono::Datelike;
    let month = if d.month() <= 2 {
        format!("{:02}", d.month())
    } else {
        d.month().to_string()
    };
    format!("{:02}/{month}/{}", d.day(), d.year())
}

pub fn day(d: u32, m: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, m, d).unwrap()
}

fn month_end(m: u32) -> NaiveDate {
    if m == 12 {
        day(31, 12)
    } else {
        day(1, m + 1).pred_opt().unwrap()
    }
}

/// A task's deadline: the plan's words and what they mean.
struct Due {
    thoi_gian: Option<String>,
    han: Option<String>,
    dues: Vec<NaiveDate>,
    recurring: bool,
}

impl Shapes {
    pub fn new(seed: u64) -> Shapes {
        Shapes {
            rng: XorShiftRng::seed_from_u64(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0x5EED),
            variety: None,
            tracked: Vec::new(),
        }
    }

    /// The plan of `seed` with, besides, indices on items, tasks and appendices, tasks led
    /// by another unit, several, free text or no one, and deadlines of every kind.
    pub fn with_variety(seed: u64) -> Shapes {
        let mut s = Shapes::new(seed);
        s.variety = Some(XorShiftRng::seed_from_u64(seed ^ 0x7A21_E7E5));
        s
    }

    /// The items the last plan tracks, in document order (body tasks, then appendix rows).
    pub fn tracked(&self) -> &[Tracked] {
        &self.tracked
    }

    fn vn(&mut self, lo: usize, hi: usize) -> usize {
        self.variety.as_mut().unwrap().random_range(lo..=hi)
    }

    /// One or two distinct indices.
    fn some_indices(&mut self) -> Vec<&'static str> {
        let a = INDEX_KEYS[self.vn(0, 4)];
        let mut v = vec![a];
        if self.vn(0, 3) == 0 {
            let b = INDEX_KEYS[self.vn(0, 4)];
            if b != a {
                v.push(b);
            }
        }
        v
    }

    fn index_list(v: &[&str]) -> String {
        format!("[{}]", v.join(", "))
    }

    /// A task's deadline: "Quý <quarter>/2025" in a plain plan; in a varied one also months,
    /// days around the cut-offs, a half year, the year, recurring, ongoing, none, or a `han`.
    fn task_due(&mut self, quarter: usize) -> Due {
        let q = ["I", "II", "III", "IV"][quarter];
        let by_quarter = Due {
            thoi_gian: Some(format!("Quý {q}/2025")),
            han: None,
            dues: vec![month_end(3 * (quarter as u32 + 1))],
            recurring: false,
        };
        if self.variety.is_none() {
            return by_quarter;
        }
        let dated = |t: String, d: NaiveDate| Due {
            thoi_gian: Some(t),
            han: None,
            dues: vec![d],
            recurring: false,
        };
        match self.vn(0, 19) {
            0..=6 => by_quarter,
            7..=8 => self.rounds_due(),
            9..=10 => {
                let m = self.vn(1, 12) as u32;
                dated(format!("Tháng {m}/2025"), month_end(m))
            }
            11..=13 => {
                let (d, m) = DAYS[self.vn(0, DAYS.len() - 1)];
                dated(format!("Trước ngày {d}/{m}/2025"), day(d, m))
            }
            14 => dated("6 tháng đầu năm 2025".into(), day(30, 6)),
            15 => dated("Năm 2025".into(), day(31, 12)),
            16 => Due {
                thoi_gian: Some("Hằng quý".into()),
                han: None,
                dues: Vec::new(),
                recurring: true,
            },
            17 => Due {
                thoi_gian: Some("Thường xuyên".into()),
                han: None,
                dues: Vec::new(),
                recurring: true,
            },
            18 => Due {
                thoi_gian: None,
                han: None,
                dues: Vec::new(),
                recurring: false,
            },
            _ => {
                let (d, m) = DAYS[self.vn(0, DAYS.len() - 1)];
                Due {
                    han: Some(format!("{d}/{m}/2025")),
                    dues: vec![day(d, m)],
                    ..by_quarter
                }
            }
        }
    }

    /// Work in rounds, in each of the forms a plan writes it, and the rounds' deadlines.
    fn rounds_due(&mut self) -> Due {
        let two = |s: &mut Self, hi: usize| {
            let a = s.vn(1, hi - 1) as u32;
            let b = s.vn(a as usize + 1, hi) as u32;
            (a, b)
        };
        let (words, dues) = match self.vn(0, 5) {
            0 => {
                let (a, b) = two(self, 12);
                let w = format!("Tháng {a} và tháng {b}/2025");
                (w, vec![month_end(a), month_end(b)])
            }
            1 => {
                let (a, b) = two(self, 4);
                let q = |n: u32| ["I", "II", "III", "IV"][n as usize - 1];
                let w = format!("Quý {} và quý {}/2025", q(a), q(b));
                (w, vec![month_end(3 * a), month_end(3 * b)])
            }
            2 => {
                let (a, b) = two(self, 11);
                let w = format!("Tháng {a}, {b}, 12 năm 2025");
                (w, vec![month_end(a), month_end(b), month_end(12)])
            }
            3 => {
                let (a, b) = two(self, DAYS.len() - 1);
                let ((d1, m1), (d2, m2)) = (DAYS[a as usize - 1], DAYS[b as usize]);
                let w = format!("Trước {d1}/{m1} và {d2}/{m2}/2025");
                (w, vec![day(d1, m1), day(d2, m2)])
            }
            4 => (
                "6 tháng đầu năm và cuối năm".to_string(),
                vec![day(30, 6), day(31, 12)],
            ),
            _ => {
                let (a, b) = two(self, DAYS.len() - 1);
                let ((d1, m1), (d2, m2)) = (DAYS[a as usize - 1], DAYS[b as usize]);
                return Due {
                    thoi_gian: Some("Hai đợt trong năm".into()),
                    han: Some(format!("[{d1}/{m1}/2025, \"{d2}/{m2}/2025\"]")),
                    dues: vec![day(d1, m1), day(d2, m2)],
                    recurring: false,
                };
            }
        };
        Due {
            thoi_gian: Some(words),
            han: None,
            dues,
            recurring: false,
        }
    }

    /// A varied `chu_tri`: the YAML written and the list it means.
    fn task_lead(&mut self) -> (Option<String>, Vec<String>) {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        match self.vn(0, 19) {
            0..=10 => (Some("vp".into()), s(&["vp"])),
            11..=13 => (Some("tp".into()), s(&["tp"])),
            14 => (Some("[vp, tp]".into()), s(&["vp", "tp"])),
            15 => (Some("[tp, vp]".into()), s(&["tp", "vp"])),
            16 => (
                Some("\"Ban Chỉ đạo cải cách hành chính phường\"".into()),
                s(&["Ban Chỉ đạo cải cách hành chính phường"]),
            ),
            17 => (
                Some("[vp, \"Công an phường\"]".into()),
                s(&["vp", "Công an phường"]),
            ),
            _ => (None, Vec::new()),
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

    fn items(
        &mut self,
        out: &mut String,
        depth: usize,
        indent: &str,
        ids: &mut usize,
        inherited: &[&'static str],
    ) {
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
            // The item's indices, then its enclosing items' ones.
            let mut indices: Vec<&'static str> = Vec::new();
            if self.variety.is_some() && self.vn(0, if depth == 1 { 1 } else { 5 }) == 0 {
                indices = self.some_indices();
                out.push_str(&format!("{inner}chi_so: {}\n", Self::index_list(&indices)));
            }
            for k in inherited {
                if !indices.contains(k) {
                    indices.push(k);
                }
            }
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
                    let phoi_hop = if self.chance(0.5) {
                        "tp"
                    } else {
                        "\"Các công chức có liên quan\""
                    };
                    let quarter = self.n(0, 3);
                    let due = self.task_due(quarter);
                    let (chu_tri, lead) = if self.variety.is_some() {
                        self.task_lead()
                    } else {
                        (Some("vp".to_string()), vec!["vp".to_string()])
                    };
                    let mut own: Vec<&'static str> = Vec::new();
                    if self.variety.is_some() && self.vn(0, 9) == 0 {
                        own = self.some_indices();
                    }
                    let mut line =
                        format!("{inner}  - {{id: nv-{ids}, noi_dung: {}", Self::quoted(&t));
                    if let Some(c) = chu_tri {
                        line.push_str(&format!(", chu_tri: {c}"));
                    }
                    line.push_str(&format!(", phoi_hop: {phoi_hop}"));
                    if let Some(tg) = &due.thoi_gian {
                        line.push_str(&format!(", thoi_gian: \"{tg}\""));
                    }
                    if let Some(h) = &due.han {
                        line.push_str(&format!(", han: {h}"));
                    }
                    if !own.is_empty() {
                        line.push_str(&format!(", chi_so: {}", Self::index_list(&own)));
                    }
                    line.push_str("}\n");
                    out.push_str(&line);
                    for k in &indices {
                        if !own.contains(k) {
                            own.push(k);
                        }
                    }
                    self.tracked.push(Tracked {
                        id: format!("nv-{ids}"),
                        content: t,
                        lead,
                        indices: own,
                        dues: due.dues,
                        recurring: due.recurring,
                        is_task: true,
                    });
                }
            }
            if depth < 3 && (depth == 1 || self.chance(0.4)) {
                out.push_str(&format!("{inner}muc:\n"));
                self.items(out, depth + 1, &format!("{inner}  "), ids, &indices);
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
            self.items(&mut y, 1, "  ", &mut ids, &[]);
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
                let mut index = None;
                if self.variety.is_some() && self.vn(0, 1) == 0 {
                    index = Some(INDEX_KEYS[self.vn(0, 4)]);
                }
                y.push_str(&format!("  - id: pl{a}\n"));
                if let Some(k) = index {
                    y.push_str(&format!("    chi_so: {k}\n"));
                }
                y.push_str(&format!(
                    "    tieu_de: {}\n    mac_dinh: {{phoi_hop: \"Các công chức có liên quan\", thoi_gian: Thường xuyên}}\n    nhom:\n",
                    Self::quoted(t.trim_end_matches('.'))
                ));
                for g in 0..self.n(1, 5) {
                    let gw = self.n(3, 14);
                    let gt = self.text(gw);
                    y.push_str(&format!(
                        "      - ten: {}\n        dong:\n",
                        Self::quoted(&gt)
                    ));
                    for r in 0..self.n(1, 12) {
                        // Rows taller than half a page now and then.
                        let len = if self.chance(0.06) {
                            self.n(180, 260)
                        } else {
                            self.n(3, 40)
                        };
                        let text = self.text(len);
                        let unit = if self.chance(0.5) { "vp" } else { "tp" };
                        let mut id = format!("pl{a}/{}.{}", g + 1, r + 1);
                        let mut extra = String::new();
                        let (mut dues, mut recurring) = (Vec::new(), true);
                        if self.variety.is_some() {
                            if self.vn(0, 9) == 0 {
                                id = format!("pl{a}-dong-{}-{}", g + 1, r + 1);
                                extra.push_str(&format!("id: {id}, "));
                            }
                            if self.vn(0, 6) == 0 {
                                let quarter = self.vn(0, 3);
                                let d = self.task_due(quarter);
                                if let Some(tg) = &d.thoi_gian {
                                    extra.push_str(&format!("thoi_gian: \"{tg}\", "));
                                }
                                if let Some(h) = &d.han {
                                    extra.push_str(&format!("han: {h}, "));
                                }
                                // No words of its own: the appendix's "Thường xuyên".
                                if d.thoi_gian.is_some() || d.han.is_some() {
                                    (dues, recurring) = (d.dues, d.recurring);
                                }
                            }
                        }
                        y.push_str(&format!(
                            "          - {{{extra}tieu_chi: {}, chu_tri: {unit}}}\n",
                            Self::quoted(&text),
                        ));
                        self.tracked.push(Tracked {
                            id,
                            content: text,
                            lead: vec![unit.to_string()],
                            indices: index.into_iter().collect(),
                            dues,
                            recurring,
                            is_task: false,
                        });
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

// Report data: three periods of 2025 for the plan of a seed, and what each report must say.

/// A tracked item's progress at a report's cut-off, and how the report words it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    DoneOnTime,
    DoneLate,
    InProgress,
    InProgressOverdue,
    NotStarted,
    NotStartedOverdue,
    NotReported,
    NotReportedOverdue,
}

impl Status {
    /// The start of the progress appendix's "Tiến độ" cell.
    pub fn word(self) -> &'static str {
        match self {
            Status::DoneOnTime => "Hoàn thành đúng hạn",
            Status::DoneLate => "Hoàn thành trễ hạn",
            Status::InProgress => "Đang thực hiện",
            Status::InProgressOverdue => "Đang thực hiện, quá hạn",
            Status::NotStarted => "Chưa thực hiện",
            Status::NotStartedOverdue => "Chưa thực hiện, quá hạn",
            Status::NotReported => "Chưa báo cáo",
            Status::NotReportedOverdue => "Chưa báo cáo, quá hạn",
        }
    }

    pub fn is_done(self) -> bool {
        matches!(self, Status::DoneOnTime | Status::DoneLate)
    }

    pub fn is_overdue(self) -> bool {
        matches!(
            self,
            Status::InProgressOverdue | Status::NotStartedOverdue | Status::NotReportedOverdue
        )
    }
}

/// What one period's data say of an item: completed on its days (one per round, or none),
/// in progress with the days of the rounds done so far, not started.
#[derive(Debug, Clone)]
enum Written {
    Done(Vec<NaiveDate>),
    InProgress(Vec<NaiveDate>),
    NotStarted,
}

/// One period's report as the generator expects it.
#[derive(Debug)]
pub struct Expected {
    /// `2025-q1`: the output is `bao-cao-2025-q1.docx`.
    pub key: &'static str,
    /// "quý I năm 2025".
    pub wording: &'static str,
    pub cut_off: NaiveDate,
    /// Per tracked item, in the order of `Case::tracked`.
    pub status: Vec<Status>,
    /// Per tracked item: the period (its wording) a completed one-off task, not written in
    /// this period's data, is carried over from.
    pub carried: Vec<Option<&'static str>>,
    /// Per tracked item in rounds, the Ghi chú naming the rounds overdue ("Quá hạn đợt 1
    /// (31/5/2025)"), if any.
    pub missed_rounds: Vec<Option<String>>,
    /// Biểu 06's rows as the report orders them (unit files by name, rows as written): the
    /// lĩnh vực and its 11 counts; none, no Biểu 06.
    pub tthc: Vec<(String, [u64; 11])>,
    /// The report this one is compared with, an index into `Case::reports`.
    pub previous: Option<usize>,
    /// Whether the report has a "Kính gửi" (its own data's or `chung.yaml`'s).
    pub kinh_gui: bool,
}

pub struct Case {
    pub plan: String,
    pub tracked: Vec<Tracked>,
    /// The files of `bao-cao/`: path inside it, text.
    pub files: Vec<(String, String)>,
    pub reports: Vec<Expected>,
}

impl Case {
    /// Writes `plan.yaml` and `bao-cao/` into `dir`.
    pub fn write(&self, dir: &std::path::Path) {
        std::fs::create_dir_all(dir).unwrap();
        std::fs::write(dir.join("plan.yaml"), &self.plan).unwrap();
        for (path, text) in &self.files {
            let p = dir.join("bao-cao").join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
    }
}

const FIELDS: [&str; 14] = [
    "Hộ tịch",
    "Chứng thực",
    "Đất đai",
    "Xây dựng",
    "Lao động, thương binh và xã hội",
    "Bảo trợ xã hội",
    "Người có công",
    "Giáo dục và đào tạo",
    "Văn hóa cơ sở",
    "Thi đua, khen thưởng",
    "Nuôi con nuôi",
    "Hành chính tư pháp, phổ biến giáo dục pháp luật và hòa giải ở cơ sở",
    "Đăng ký biện pháp bảo đảm",
    "Kinh tế hộ",
];

/// What a report's data period is: its key, wording, whether its data is a folder of unit
/// files, and which periods' data lie inside its window or before it.
struct PeriodShape {
    key: &'static str,
    wording: &'static str,
    cut_off: NaiveDate,
    inside: &'static [usize],
    before: &'static [usize],
    previous: Option<usize>,
}

/// One file of a period being written.
#[derive(Default)]
struct FileText {
    header: String,
    ket_qua: String,
    narrative: String,
    tthc: Vec<String>,
    entries: Vec<String>,
}

impl FileText {
    fn text(&self, empty_tthc: bool) -> String {
        let mut s = self.header.clone();
        s.push_str(&self.narrative);
        if !self.ket_qua.is_empty() {
            s.push_str("ket_qua:\n");
            s.push_str(&self.ket_qua);
        }
        if !self.tthc.is_empty() {
            s.push_str("tthc:\n");
            for r in &self.tthc {
                s.push_str(r);
            }
        } else if empty_tthc {
            s.push_str("tthc: []\n");
        }
        if self.entries.is_empty() {
            s.push_str("tien_do: {}\n");
        } else {
            s.push_str("tien_do:\n");
            for e in &self.entries {
                s.push_str(e);
            }
        }
        s
    }
}

impl Shapes {
    /// A short text now and then long enough to make a tall table row.
    fn note(&mut self) -> String {
        let len = match self.n(0, 39) {
            0..=33 => self.n(3, 25),
            34..=38 => self.n(25, 80),
            _ => self.n(120, 300),
        };
        self.text(len)
    }

    fn pick<T: Copy>(&mut self, list: &[T]) -> T {
        list[self.n(0, list.len() - 1)]
    }

    fn day_between(&mut self, lo: NaiveDate, hi: NaiveDate) -> NaiveDate {
        let span = (hi - lo).num_days().max(0) as usize;
        lo + chrono::Days::new(self.n(0, span) as u64)
    }

    fn day_text(&mut self, d: NaiveDate) -> String {
        use chrono::Datelike;
        match self.n(0, 5) {
            0 => format!("{:02}/{:02}/{}", d.day(), d.month(), d.year()),
            1 => d.format("%Y-%m-%d").to_string(),
            _ => format!("{}/{}/{}", d.day(), d.month(), d.year()),
        }
    }

    /// `ngay_hoan_thanh`: one day as a scalar or a list of one, several as a list.
    fn days_text(&mut self, days: &[NaiveDate]) -> Option<String> {
        let list: Vec<String> = days.iter().map(|d| self.day_text(*d)).collect();
        match list.as_slice() {
            [] => None,
            [one] if self.chance(0.8) => Some(one.clone()),
            _ => Some(format!("[{}]", list.join(", "))),
        }
    }

    /// Days of `n` rounds completed between `lo` and `hi`, in order.
    fn round_days(&mut self, n: usize, lo: NaiveDate, hi: NaiveDate) -> Vec<NaiveDate> {
        let mut days: Vec<NaiveDate> = (0..n).map(|_| self.day_between(lo, hi)).collect();
        days.sort();
        days
    }

    /// An entry of `tien_do`, in block or flow style, with the words clerks write.
    fn entry(&mut self, id: &str, w: Written) -> String {
        let mut fields: Vec<(&str, String)> = Vec::new();
        match &w {
            Written::Done(days) => {
                let s = self.pick(&["hoàn thành", "Hoàn thành", "hoan-thanh", "đã hoàn thành"]);
                fields.push(("trang_thai", s.into()));
                if let Some(t) = self.days_text(days) {
                    fields.push(("ngay_hoan_thanh", t));
                }
                if self.chance(0.1) {
                    fields.push(("ty_le", "100".into()));
                }
            }
            Written::InProgress(days) => {
                let s = self.pick(&["đang thực hiện", "Đang thực hiện", "đang triển khai"]);
                fields.push(("trang_thai", s.into()));
                // The rounds done so far, always as a list.
                if !days.is_empty() {
                    let list: Vec<String> = days.iter().map(|d| self.day_text(*d)).collect();
                    fields.push(("ngay_hoan_thanh", format!("[{}]", list.join(", "))));
                }
                match self.n(0, 4) {
                    0 => {}
                    1 => fields.push(("ty_le", format!("{}.5", self.n(0, 99)))),
                    _ => fields.push(("ty_le", self.n(1, 99).to_string())),
                }
            }
            Written::NotStarted => {
                let s = self.pick(&["chưa thực hiện", "Chưa thực hiện", "chưa triển khai"]);
                fields.push(("trang_thai", s.into()));
                if self.chance(0.15) {
                    fields.push(("ty_le", "0".into()));
                }
            }
        }
        if self.chance(0.5) {
            let t = self.note();
            fields.push(("ket_qua", Self::quoted(&t)));
        }
        match self.n(0, 5) {
            0 => {
                let t = self.note();
                fields.push(("san_pham", Self::quoted(&t)));
            }
            1 => {
                let list: Vec<String> = (0..self.n(1, 3))
                    .map(|_| {
                        let t = self.note();
                        Self::quoted(&t)
                    })
                    .collect();
                fields.push(("san_pham", format!("[{}]", list.join(", "))));
            }
            _ => {}
        }
        if !matches!(w, Written::Done(_)) && self.chance(0.3) {
            let t = self.note();
            fields.push(("kho_khan", Self::quoted(&t)));
        }
        if self.chance(0.5) {
            let inner: Vec<String> = fields.iter().map(|(k, v)| format!("{k}: {v}")).collect();
            format!("  {id}: {{{}}}\n", inner.join(", "))
        } else {
            let mut s = format!("  {id}:\n");
            for (k, v) in fields {
                s.push_str(&format!("    {k}: {v}\n"));
            }
            s
        }
    }

    /// A Biểu 06 row that balances (received = resolved + pending), its YAML and its counts.
    fn tthc_row(&mut self, name: &str) -> (String, [u64; 11]) {
        let scale = self.pick(&[0usize, 3, 40, 400, 4000]);
        let mut m = |s: usize| self.n(0, s) as u64;
        let (early, on_time, late) = (m(scale), m(scale), m(scale / 10));
        let (within, past) = (m(scale / 5), m(scale / 20));
        let resolved = early + on_time + late;
        let pending = within + past;
        let received = resolved + pending;
        let carried = self.n(0, (received as usize).min(scale / 10)) as u64;
        let online = self.n(0, (received - carried) as usize) as u64;
        let direct = received - carried - online;
        let mut tiep = format!("truc_tuyen: {online}, truc_tiep: {direct}");
        if carried > 0 || self.chance(0.3) {
            tiep.push_str(&format!(", tu_ky_truoc: {carried}"));
        }
        if self.chance(0.3) {
            tiep.push_str(&format!(", tong: {received}"));
        }
        let mut parts = |list: &[(&str, u64)], tong: u64| {
            let mut v: Vec<String> = list
                .iter()
                .filter(|(_, n)| *n > 0 || self.chance(0.3))
                .map(|(k, n)| format!("{k}: {n}"))
                .collect();
            if self.chance(0.25) {
                v.push(format!("tong: {tong}"));
            }
            v.join(", ")
        };
        let da = parts(
            &[
                ("truoc_han", early),
                ("dung_han", on_time),
                ("qua_han", late),
            ],
            resolved,
        );
        let dang = parts(&[("trong_han", within), ("qua_han", past)], pending);
        let yaml = format!(
            "  - linh_vuc: {}\n    tiep_nhan: {{{tiep}}}\n    da_giai_quyet: {{{da}}}\n    dang_giai_quyet: {{{dang}}}\n",
            Self::quoted(name)
        );
        (
            yaml,
            [
                received, online, direct, carried, resolved, early, on_time, late, pending, within,
                past,
            ],
        )
    }

    /// Some paragraphs of the report's own text, as one string or a list.
    fn paragraphs_yaml(&mut self) -> String {
        let list: Vec<String> = (0..self.n(1, 3))
            .map(|_| {
                let len = self.n(8, 120);
                let t = self.text(len);
                Self::quoted(&t)
            })
            .collect();
        if list.len() == 1 && self.chance(0.5) {
            list[0].clone()
        } else {
            format!("[{}]", list.join(", "))
        }
    }
}

/// The plan of `seed` (varied for odd seeds, see [`Shapes::with_variety`]) with the progress
/// data of quý I (a folder of unit files), 6 tháng (one file) and, for some seeds, quý III,
/// and the reports' expected content, computed from what was written.
pub fn report_case(seed: u64) -> Case {
    let mut shapes = if seed % 2 == 1 {
        Shapes::with_variety(seed)
    } else {
        Shapes::new(seed)
    };
    let plan = shapes.plan();
    let tracked = shapes.tracked.clone();
    let mut r = Shapes::new(seed.wrapping_add(0xDA7A_5EED));
    let plan_day = day(9, 3);

    // Cut-offs: BNV 581's, or quarter ends (deadlines "Quý I/2025" fall on them).
    let (cuts, setting) = match r.n(0, 5) {
        0 => (
            [day(31, 3), day(30, 6), day(30, 9)],
            Some("ngay_chot: {quy_1: \"31/3\", 6_thang: \"30/6\", 9_thang: \"30/9\"}\n"),
        ),
        1 => (
            [day(14, 3), day(30, 6), day(14, 9)],
            Some("ngay_chot:\n  6_thang: 30/6\n"),
        ),
        _ => ([day(14, 3), day(14, 6), day(14, 9)], None),
    };
    let mut periods = vec![
        PeriodShape {
            key: "2025-q1",
            wording: "quý I năm 2025",
            cut_off: cuts[0],
            inside: &[0],
            before: &[],
            previous: None,
        },
        PeriodShape {
            key: "2025-6t",
            wording: "6 tháng đầu năm 2025",
            cut_off: cuts[1],
            inside: &[0, 1],
            before: &[],
            previous: Some(0),
        },
    ];
    if r.chance(0.5) {
        periods.push(PeriodShape {
            key: "2025-q3",
            wording: "quý III năm 2025",
            cut_off: cuts[2],
            inside: &[2],
            before: &[0, 1],
            previous: Some(1),
        });
    }

    // chung.yaml: with one or several recipients, or none.
    let mut common = String::new();
    let common_kinh_gui = match r.n(0, 4) {
        0 => false,
        1 => {
            common.push_str("kinh_gui: Ủy ban nhân dân thị xã Bỉm Sơn\n");
            true
        }
        2 => {
            common.push_str("kinh_gui:\n  - Ủy ban nhân dân thị xã Bỉm Sơn\n  - Phòng Nội vụ thị xã\n  - Ban Chỉ đạo cải cách hành chính thị xã\n");
            true
        }
        3 => {
            common.push_str("noi_nhan:\n  - Các công chức\nluu: [VT, VP]\n");
            false
        }
        _ => {
            common.push_str("kinh_gui: [Phòng Nội vụ thị xã]\nnoi_nhan:\n  - {ten: Ủy ban nhân dân thị xã, de: b/c}\n");
            true
        }
    };
    if let Some(s) = setting {
        common.push_str(s);
    }
    let mut files = Vec::new();
    if !common.is_empty() {
        files.push(("chung.yaml".to_string(), common));
    }

    let mut written: Vec<Vec<Option<Written>>> = Vec::new();
    let mut reports = Vec::new();
    for (k, p) in periods.iter().enumerate() {
        // Quý I's data are a folder of unit files (read in name order), the others one file.
        let names: Vec<&str> = if k == 0 {
            if r.chance(0.3) {
                vec!["khac.yaml", "tp.yaml", "vp.yaml"]
            } else {
                vec!["tp.yaml", "vp.yaml"]
            }
        } else {
            vec![""]
        };
        let mut out: Vec<FileText> = names.iter().map(|_| FileText::default()).collect();
        let file_of = |r: &mut Shapes, lead: &[String]| match lead.first().map(String::as_str) {
            _ if names.len() == 1 => 0,
            Some("tp") => names.iter().position(|n| *n == "tp.yaml").unwrap(),
            Some("vp") => names.iter().position(|n| *n == "vp.yaml").unwrap(),
            _ => r.n(0, names.len() - 1),
        };

        // The report's number, date and recipients, in one file of the period.
        let head = r.n(0, names.len() - 1);
        let h = &mut out[head].header;
        match r.n(0, 2) {
            0 => {}
            1 => h.push_str("so: ~\n"),
            _ => h.push_str(&format!("so: {}\n", r.n(1, 120))),
        }
        // The window: from the day after the year-end cut-off of 2024, or after 6 tháng's.
        let start = match k {
            2 => periods[1].cut_off.succ_opt().unwrap(),
            _ => NaiveDate::from_ymd_opt(2024, 12, 15).unwrap(),
        };
        // Work completed since the last period, mostly; now and then earlier, told late.
        let fresh = match k {
            0 => plan_day,
            _ => periods[k - 1].cut_off.succ_opt().unwrap().max(plan_day),
        };
        let after = p.cut_off + chrono::Days::new(r.n(0, 10) as u64);
        {
            use chrono::Datelike;
            match r.n(0, 4) {
                0 => {}
                1 => h.push_str(&format!(
                    "ngay: {{ngay: {}, thang: {}, nam: 2025}}\n",
                    after.day(),
                    after.month()
                )),
                2 => h.push_str(&format!("ngay: {}/{}/2025\n", after.day(), after.month())),
                3 => h.push_str(&format!(
                    "ngay: {{ngay: ~, thang: {}, nam: 2025}}\n",
                    p.cut_off.month()
                )),
                _ => {
                    // Before the cut-off (a warning), never before the window.
                    let early = r.day_between(start.max(plan_day), p.cut_off);
                    h.push_str(&format!("ngay: {}/{}/2025\n", early.day(), early.month()));
                }
            }
        }
        let own_kinh_gui = r.chance(0.2);
        if own_kinh_gui {
            out[head]
                .header
                .push_str("kinh_gui: Ủy ban nhân dân thị xã Bỉm Sơn\n");
        }

        // The report's own paragraphs, each field in one file.
        for field in [
            "chi_dao_dieu_hanh",
            "uu_diem",
            "ton_tai",
            "nguyen_nhan",
            "phuong_huong",
            "de_xuat",
        ] {
            if r.chance(0.35) {
                let f = r.n(0, names.len() - 1);
                let v = r.paragraphs_yaml();
                out[f].narrative.push_str(&format!("{field}: {v}\n"));
            }
        }
        for field in [
            "the_che",
            "thu_tuc_hanh_chinh",
            "to_chuc_bo_may",
            "che_do_cong_vu",
            "tai_chinh_cong",
            "chinh_quyen_so",
        ] {
            if r.chance(0.25) {
                let f = r.n(0, names.len() - 1);
                let v = r.paragraphs_yaml();
                out[f].ket_qua.push_str(&format!("  {field}: {v}\n"));
            }
        }

        // Biểu 06: 0–8 lĩnh vực, each in one file.
        let count = if r.chance(0.3) { 0 } else { r.n(1, 8) };
        let mut pool: Vec<&str> = FIELDS.to_vec();
        let mut rows: Vec<Vec<(String, [u64; 11])>> = names.iter().map(|_| Vec::new()).collect();
        for _ in 0..count {
            let name = pool.remove(r.n(0, pool.len() - 1));
            let (yaml, cells) = r.tthc_row(name);
            let f = r.n(0, names.len() - 1);
            out[f].tthc.push(yaml);
            rows[f].push((name.to_string(), cells));
        }
        let empty_tthc = count == 0 && r.chance(0.3);

        // Progress: statuses drawn with this period's own weights (some periods report every
        // item, some complete nothing); a completed one-off task is never reopened.
        let weight = |r: &mut Shapes| r.pick(&[0usize, 1, 2, 4]);
        let mut w = [
            weight(&mut r),
            weight(&mut r),
            weight(&mut r),
            weight(&mut r),
        ];
        if w.iter().all(|&x| x == 0) {
            w[1] = 1;
        }
        let mut now: Vec<Option<Written>> = Vec::new();
        for t in &tracked {
            let done_before = written.iter().rev().find_map(|per| match &per[now.len()] {
                Some(Written::Done(d)) => Some(d.clone()),
                _ => None,
            });
            let entry = match done_before {
                Some(d) if !t.recurring => r.chance(0.7).then_some(Written::Done(d)),
                _ => {
                    let mut x = r.n(0, w.iter().sum::<usize>() - 1);
                    let mut which = 0;
                    while x >= w[which] {
                        x -= w[which];
                        which += 1;
                    }
                    match which {
                        0 => None,
                        1 => {
                            let lo = if r.chance(0.8) { fresh } else { plan_day };
                            // A day per round; undated now and then when there is no deadline.
                            let n = match t.dues.len() {
                                0 if r.chance(0.4) => 0,
                                0 => 1,
                                n => n,
                            };
                            Some(Written::Done(r.round_days(n, lo, p.cut_off)))
                        }
                        // Work in rounds: some rounds done, never all.
                        2 if t.dues.len() > 1 => {
                            let k = r.n(0, t.dues.len() - 1);
                            Some(Written::InProgress(r.round_days(k, plan_day, p.cut_off)))
                        }
                        2 => Some(Written::InProgress(Vec::new())),
                        _ => Some(Written::NotStarted),
                    }
                }
            };
            if let Some(e) = &entry {
                let f = file_of(&mut r, &t.lead);
                let yaml = r.entry(&t.id, e.clone());
                out[f].entries.push(yaml);
            }
            now.push(entry);
        }
        written.push(now);

        for (name, f) in names.iter().zip(&out) {
            let path = if name.is_empty() {
                format!("{}.yaml", p.key)
            } else {
                format!("{}/{name}", p.key)
            };
            files.push((path, f.text(empty_tthc)));
        }

        // What the report of this period must say.
        let mut status = Vec::new();
        let mut carried = Vec::new();
        let mut missed_rounds = Vec::new();
        for (i, t) in tracked.iter().enumerate() {
            let inside = p.inside.iter().rev().find_map(|&j| written[j][i].clone());
            // Carried over from before the window: a completed task, or rounds done.
            let (entry, from) = match inside {
                Some(e) => (Some(e), None),
                None if t.recurring => (None, None),
                None => match p
                    .before
                    .iter()
                    .rev()
                    .find_map(|&j| written[j][i].clone().map(|e| (j, e)))
                {
                    Some((j, e @ Written::Done(_))) => (Some(e), Some(periods[j].wording)),
                    Some((j, Written::InProgress(d))) if !d.is_empty() => {
                        (Some(Written::InProgress(d)), Some(periods[j].wording))
                    }
                    _ => (None, None),
                },
            };
            // The rounds done, and the deadline of the first one not done.
            let done = match &entry {
                Some(Written::Done(_)) => t.dues.len(),
                Some(Written::InProgress(d)) => d.len(),
                _ => 0,
            };
            let passed = t.dues.get(done).is_some_and(|d| *d < p.cut_off);
            let late = match &entry {
                Some(Written::Done(days)) => days.iter().zip(&t.dues).any(|(d, due)| d > due),
                _ => false,
            };
            status.push(match entry {
                None if passed => Status::NotReportedOverdue,
                None => Status::NotReported,
                Some(Written::Done(_)) if late => Status::DoneLate,
                Some(Written::Done(_)) => Status::DoneOnTime,
                Some(Written::InProgress(_)) if passed => Status::InProgressOverdue,
                Some(Written::InProgress(_)) => Status::InProgress,
                Some(Written::NotStarted) if passed => Status::NotStartedOverdue,
                Some(Written::NotStarted) => Status::NotStarted,
            });
            // Work in rounds names the rounds whose deadline passed undone.
            let missed: Vec<String> = t
                .dues
                .iter()
                .enumerate()
                .skip(done)
                .filter(|(_, d)| t.dues.len() > 1 && **d < p.cut_off)
                .map(|(k, d)| format!("đợt {} ({})", k + 1, short_day(*d)))
                .collect();
            missed_rounds
                .push((!missed.is_empty()).then(|| format!("Quá hạn {}", missed.join(", "))));
            carried.push(from);
        }
        reports.push(Expected {
            key: p.key,
            wording: p.wording,
            cut_off: p.cut_off,
            status,
            carried,
            missed_rounds,
            tthc: rows.into_iter().flatten().collect(),
            previous: p.previous,
            kinh_gui: own_kinh_gui || common_kinh_gui,
        });
    }
    Case {
        plan,
        tracked,
        files,
        reports,
    }
}

/// The issuing body of every generated plan as clerks spell it: in full, "UBND", the old
/// tone placement "Uỷ", capitals, doubled spaces, decomposed Unicode.
pub const ISSUER_SPELLINGS: [&str; 6] = [
    "Ủy ban nhân dân phường Đông Sơn",
    "UBND phường Đông Sơn",
    "Uỷ ban nhân dân phường Đông Sơn",
    "ỦY BAN NHÂN DÂN PHƯỜNG ĐÔNG SƠN",
    "Ủy ban  nhân dân phường  Đông Sơn",
    "U\u{309}y ban nha\u{302}n da\u{302}n phu\u{31b}o\u{31b}\u{300}ng \u{110}o\u{302}ng So\u{31b}n",
];

/// A generated `plan` whose trích yếu closes with "của <body>", without its number unless
/// `numbered` (a report then quotes the title for the plan); and the title before "của".
pub fn with_title_closing(plan: &str, body: &str, numbered: bool) -> (String, String) {
    let mut title = String::new();
    let mut out = String::new();
    for line in plan.lines() {
        if let Some(v) = line.strip_prefix("trich_yeu: ") {
            title = v.trim_matches('"').to_string();
            out.push_str(&format!("trich_yeu: \"{title} của {body}\"\n"));
        } else if numbered || !line.starts_with("so: ") {
            out.push_str(line);
            out.push('\n');
        }
    }
    (out, title)
}
