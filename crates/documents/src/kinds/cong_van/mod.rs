//! The công văn đôn đốc: after a period's cut-off the reform office writes to the lead units
//! that are behind, naming for each its items overdue at the cut-off or due within
//! [`SOON_DAYS`] after it, and asks them to report back by a date. The items' states are
//! the report's (`report::compute`), read at the same cut-off; the letter has its own few
//! settings (`don_doc` in chung.yaml or the period's data, see [`data`]).

mod behind;
pub mod data;
mod settings;
pub mod view;

use super::report::data::Common;
use super::report::period::Period;
use super::report::references::{lower_first, plan_issue, plan_reference};
use super::report::view::recipient_lines;
use super::{Kind, Registration, View};
use crate::error::{Error, Result};
use crate::kinds::DataFile;
use crate::model::date::{fmt_day, short_date, PartialDate, BLANK};
use crate::model::frame::{without_issuer, FrameInput, FrameView, TypeNames};
use crate::model::plan::Plan;
use chrono::{Datelike, Days, NaiveDate};
use data::Settings;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use view::{LetterView, References, UnitView};

pub static CONG_VAN_DON_DOC: Registration = Registration {
    name: "cong-van-don-doc",
    about: "công văn đôn đốc các đơn vị có nhiệm vụ quá hạn hoặc sắp đến hạn tại ngày chốt số liệu của kỳ",
    templates: &[(
        TEMPLATE,
        include_str!("../../../templates/cong-van-don-doc.xml"),
    )],
    data: &[DataFile::Common, DataFile::Period],
};

/// The template of the letter.
pub const TEMPLATE: &str = "cong-van-don-doc.xml";

/// Items due this many days after the cut-off are named with the overdue ones.
pub const SOON_DAYS: u64 = 30;

/// Days the units have to report back, counted from the letter's date.
pub const REPLY_DAYS: u64 = 15;

const TRICH_YEU: &str = "đôn đốc thực hiện nhiệm vụ cải cách hành chính";

/// A công văn has no type name and no type abbreviation (ND30 Phụ lục III): its number is
/// followed by the agency's letter symbol.
const CONG_VAN: TypeNames = TypeNames {
    title: "",
    in_sentence: "Công văn",
    abbreviation: "",
};

/// The công văn đôn đốc of one period: `cong-van-don-doc.xml`.
#[derive(Debug, Clone, Copy)]
pub struct CongVan(pub Period);

impl Kind for CongVan {
    fn registration(&self) -> &'static Registration {
        &CONG_VAN_DON_DOC
    }

    fn key(&self) -> String {
        format!("cong-van-don-doc-{}", self.0.key())
    }

    fn inputs(&self, plan_file: &Path) -> Vec<PathBuf> {
        super::report::load::data_files(plan_file)
    }

    fn view(&self, plan: &Plan, plan_file: &Path) -> Result<View> {
        let letter = letter(plan, plan_file, self.0)?;
        let mut view = View::new(TEMPLATE, self.key(), &letter.view)?;
        view.text_files = letter.text_files;
        view.warnings = letter.warnings;
        Ok(view)
    }
}

/// The period `ky` names ("2024-9T"), or a usage error listing the forms.
pub fn period(ky: &str) -> Result<Period> {
    Period::parse(ky).ok_or_else(|| {
        Error::Usage(format!(
            "kỳ \"{ky}\" không hợp lệ; dùng 2024-Q1, 2024-Q2, 2024-Q3, 2024-Q4, 2024-6T, 2024-9T hoặc 2024"
        ))
    })
}

/// The letter of period `p`, ready for its template.
pub struct Letter {
    pub view: LetterView,
    pub warnings: Vec<String>,
    /// The report data files it read, to locate a character the plan's fonts lack.
    pub text_files: Vec<PathBuf>,
}

/// Loads the plan's report data, counts every item at `p`'s cut-off as the report does, and
/// makes the letter to the units behind. No unit behind is an error: nothing to send.
pub fn letter(plan: &Plan, plan_path: &Path, p: Period) -> Result<Letter> {
    let data = super::report::open(plan_path)?;
    let mut text_files = vec![data.dir.join(super::report::load::COMMON_FILE)];
    text_files.extend(data.sources.iter().flat_map(|s| s.files.iter().cloned()));
    let mut warnings = data.warnings.clone();
    warnings.extend(super::report::number_mismatch(plan_path, plan, &data));
    let c = super::report::compute(plan, &data, p)?;
    warnings.extend(c.warnings.iter().cloned());

    let cut_off = c.window.cut_off;
    let (units, unled) = behind::behind(plan, &c);
    warnings.extend(behind::unled_warning(&data, p, &unled));
    if units.is_empty() {
        return Err(Error::Usage(format!(
            "kỳ {}: không có đơn vị chủ trì nào có nhiệm vụ quá hạn tại ngày chốt số liệu {} hoặc đến hạn trong {SOON_DAYS} ngày sau đó; không có gì để đôn đốc, không sinh công văn",
            p.wording(),
            short_date(cut_off)
        )));
    }
    let placed = settings::Placed::of(&c);
    let s = placed.own.or(&placed.common);
    let ngay = s.ngay.unwrap_or(PartialDate {
        ngay: None,
        thang: Some(cut_off.month()),
        nam: cut_off.year(),
    });
    let (reply_by, mut errors) = settings::reply_by(&s, &ngay, cut_off, &placed);
    let symbol = settings::symbol(&s, plan, &placed, &mut errors);
    if !errors.is_empty() {
        return Err(Error::Data(errors));
    }
    warnings.extend(dated_before_cut_off(&ngay, cut_off, p, &placed));

    let v_v = format!(
        "V/v {}",
        s.trich_yeu.as_deref().map_or(TRICH_YEU, str::trim)
    );
    let count = |overdue: bool| {
        (units.iter().flat_map(|(_, items)| items.iter()))
            .filter(|b| b.overdue == overdue)
            .map(|b| b.index)
            .collect::<BTreeSet<_>>()
            .len()
    };
    let names: Vec<String> = units.iter().map(|(u, _)| behind::addressee(u)).collect();
    let view = LetterView {
        kinh_gui: recipient_lines(&names),
        don_vi: (units.iter().zip(names))
            .enumerate()
            .map(|(i, ((_, items), ten))| UnitView {
                so: format!("{}.", i + 1),
                ten,
                nhiem_vu: items.iter().map(|b| b.view(cut_off)).collect(),
            })
            .collect(),
        tham_chieu: references(plan, &data.common, p, cut_off),
        so_qua_han: count(true),
        so_sap_den_han: count(false),
        han_bao_cao: short_date(reply_by),
        frame: frame(plan, &s, &ngay, &symbol, v_v.clone()),
        trich_yeu_cong_van: v_v,
    };
    Ok(Letter {
        view,
        warnings,
        text_files,
    })
}

/// The ND30 frame of a công văn: no type name, "Số: 12/UBND-VP", Nơi nhận after "- Như
/// trên;", the plan's signer unless `don_doc.ky` names another.
fn frame(plan: &Plan, s: &Settings, ngay: &PartialDate, symbol: &str, v_v: String) -> FrameView {
    let mut frame = FrameInput {
        names: CONG_VAN,
        agency: &plan.co_quan,
        so: s.so,
        dia_danh: &plan.dia_danh,
        ngay,
        trich_yeu: v_v,
        nhu_tren: true,
        noi_nhan: s.noi_nhan.as_deref().unwrap_or(&[]),
        luu: s.luu.as_deref().unwrap_or(&plan.luu),
        ky: s.ky.as_ref().unwrap_or(&plan.ky),
    }
    .view();
    let so = s.so.map_or(BLANK.to_string(), fmt_day);
    frame.so_ky_hieu = format!("Số: {so}/{symbol}");
    frame
}

/// What the opening sentence cites: the plan (by number and date once issued), the period
/// and its cut-off, and the end of the "due soon" window.
fn references(plan: &Plan, common: &Common, p: Period, cut_off: NaiveDate) -> References {
    let title = without_issuer(plan.trich_yeu.trim(), &plan.co_quan);
    References {
        ke_hoach: plan_reference(plan, common, title),
        ve: match plan_issue(plan, common).0 {
            Some(_) => format!(" về {}", lower_first(title)),
            None => String::new(),
        },
        ky: p.wording(),
        ngay_chot: short_date(cut_off),
        sap_den_han_toi: short_date(cut_off + Days::new(SOON_DAYS)),
        so_ngay_sap_den_han: SOON_DAYS as i64,
    }
}

/// A letter dated before the cut-off cites figures it could not have had: worth a warning.
fn dated_before_cut_off(
    ngay: &PartialDate,
    cut_off: NaiveDate,
    p: Period,
    placed: &settings::Placed,
) -> Option<String> {
    let d = settings::full_date(ngay).filter(|d| *d < cut_off)?;
    Some(placed.warning(
        "ngay",
        &format!(
            "công văn đề ngày {} trước ngày chốt số liệu {} của kỳ {}",
            short_date(d),
            short_date(cut_off),
            p.wording()
        ),
    ))
}
