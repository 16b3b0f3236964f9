//! The sheet "Hướng dẫn": in plain words, what to fill in, what each status means, and to
//! whom and by when the form goes back.

use super::form::{Heading, UnitForm};
use super::progress_sheet::in_rounds;
use super::styles::{print_and_protect, row_height, Styles};
use crate::model::date::short_date;
use rust_xlsxwriter::{Worksheet, XlsxError};

pub const SHEET: &str = "Hướng dẫn";

const WIDTH: f64 = 110.0;

fn lines(form: &UnitForm, h: &Heading) -> Vec<String> {
    let mut v = vec![
        "HƯỚNG DẪN ĐIỀN PHIẾU".to_string(),
        format!(
            "Phiếu này gửi {} để báo cáo tiến độ các nhiệm vụ do đơn vị chủ trì thực hiện theo {}, kỳ {}: số liệu tính đến ngày chốt {}.",
            form.name,
            h.plan_reference,
            h.wording,
            short_date(h.cut_off)
        ),
        String::new(),
        "1. Trang \"Tiến độ\": mỗi dòng là một nhiệm vụ. Chỉ điền vào các ô nền trắng: Trạng thái, Ngày hoàn thành, Tỷ lệ (%), Kết quả, Sản phẩm, Khó khăn. Các cột Mã, Nhiệm vụ, Thời hạn đã khóa; không sửa mã, không thêm hoặc xóa dòng.".to_string(),
        "2. Trạng thái: chọn một trong ba trong danh sách thả xuống:".to_string(),
        "   - Hoàn thành: đã làm xong đến ngày chốt số liệu. Ghi Ngày hoàn thành (ngày/tháng/năm), Kết quả và Sản phẩm (văn bản, số, ngày).".to_string(),
        "   - Đang thực hiện: đã triển khai nhưng chưa xong. Ghi Tỷ lệ (%) đã làm được (số nguyên từ 0 đến 100), khó khăn nếu có.".to_string(),
        "   - Chưa thực hiện: chưa triển khai. Ghi lý do ở cột Khó khăn.".to_string(),
        "   Trạng thái điền sẵn là trạng thái đã báo cáo (nhiệm vụ đã hoàn thành ở kỳ trước được giữ nguyên); sửa lại nếu đã khác. Ô để trống là nhiệm vụ chưa báo cáo.".to_string(),
        format!(
            "3. Ngày hoàn thành phải nằm trong kỳ: từ {} đến {}.{}",
            short_date(h.start),
            short_date(h.cut_off),
            if form.rows.iter().any(in_rounds) {
                " Việc làm nhiều đợt (Thời hạn ghi \"đợt 1 hạn …\"): ghi ngày xong của từng đợt đã xong, theo thứ tự, cách nhau bằng dấu chấm phẩy, ví dụ 28/5/2025; 15/10/2025."
            } else {
                ""
            }
        ),
        "4. Sản phẩm: mỗi văn bản, sản phẩm ghi một dòng (xuống dòng trong ô: Alt+Enter).".to_string(),
    ];
    let mut n = 5;
    if form.tthc.is_some() {
        v.push(format!(
            "{n}. Trang \"TTHC\": ghi số hồ sơ thủ tục hành chính của từng lĩnh vực; lĩnh vực mới ghi vào các dòng trống. Các cột \"Tổng số\" tự cộng; cột \"Kiểm tra\" báo \"Khớp\" khi tổng số tiếp nhận bằng số đã giải quyết cộng số đang giải quyết."
        ));
        n += 1;
    }
    v.push(format!(
        "{n}. Gửi lại: lưu tệp (giữ nguyên tên tệp và định dạng .xlsx), gửi cho {} trước ngày {} (qua Zalo hoặc thư điện tử).",
        h.compiler_name,
        short_date(h.reply_by)
    ));
    v.push(
        "Không đổi tên các trang và không xóa trang ẩn: phần mềm dùng chúng để nhận lại phiếu đúng kỳ, đúng đơn vị."
            .to_string(),
    );
    v
}

pub fn sheet(form: &UnitForm, h: &Heading, st: &Styles) -> Result<Worksheet, XlsxError> {
    let mut ws = Worksheet::new();
    ws.set_name(SHEET)?;
    ws.set_column_width(0, WIDTH)?;
    for (r, line) in lines(form, h).iter().enumerate() {
        let f = if r == 0 { &st.guide_title } else { &st.guide };
        ws.set_row_height(r as u32, row_height([(line.as_str(), WIDTH)]))?;
        ws.write_string_with_format(r as u32, 0, line, f)?;
    }
    print_and_protect(&mut ws, None)?;
    Ok(ws)
}
