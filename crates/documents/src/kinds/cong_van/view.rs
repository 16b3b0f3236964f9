//! What `cong-van-don-doc.xml` sees: the ND30 frame with the công văn's "V/v" line, the units
//! written to, and per unit the items it is behind on, every date and count already worded.

use crate::model::frame::FrameView;
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct LetterView {
    #[serde(flatten)]
    pub frame: FrameView,
    /// "V/v đôn đốc …" under Số/ký hiệu (ô 5b); the header partial prints it when present.
    pub trich_yeu_cong_van: String,
    /// "Kính gửi" lines: one unit, or "- A;" … "- B." for several.
    pub kinh_gui: Vec<String>,
    /// What the opening sentence refers to.
    pub tham_chieu: References,
    /// How many items are overdue at the cut-off, and due soon after it, over all units.
    pub so_qua_han: usize,
    pub so_sap_den_han: usize,
    pub don_vi: Vec<UnitView>,
    /// "29/9/2024": the day the units report back by.
    pub han_bao_cao: String,
}

#[derive(Debug, Serialize)]
pub struct References {
    /// "Kế hoạch số 189/KH-UBND ngày 20/12/2023".
    pub ke_hoach: String,
    /// " về duy trì, cải thiện …", empty when `ke_hoach` already names the plan by its title.
    pub ve: String,
    /// "9 tháng năm 2024".
    pub ky: String,
    /// "14/9/2024": the data's cut-off.
    pub ngay_chot: String,
    /// "14/10/2024": the end of the "due soon" window.
    pub sap_den_han_toi: String,
    /// The number of days of that window.
    pub so_ngay_sap_den_han: i64,
}

/// A unit written to, and the items it leads that are behind.
#[derive(Debug, Serialize)]
pub struct UnitView {
    /// "1.".
    pub so: String,
    /// As addressed: "Công chức Văn phòng - thống kê", "Công an phường".
    pub ten: String,
    pub nhiem_vu: Vec<ItemView>,
}

#[derive(Debug, Serialize)]
pub struct ItemView {
    pub noi_dung: String,
    /// "Mục II.1.3 của Kế hoạch, nhiệm vụ (5)".
    pub vi_tri: String,
    /// "hạn 30/6/2024", or for work in rounds "đợt 2 hạn 31/10/2025".
    pub han: String,
    /// "đang thực hiện (60%)", "chưa thực hiện", "chưa báo cáo tiến độ".
    pub tinh_trang: String,
    /// "quá hạn 76 ngày", "còn 16 ngày đến hạn", "đến hạn ngày 14/9/2024".
    pub thoi_han: String,
    pub qua_han: bool,
}
