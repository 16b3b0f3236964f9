//! What templates see: the plan with every number, date, unit name and fixed phrase already
//! computed, so templates hold only the frame and never compute or type content.

use super::frame::{attached_line, upper, FrameInput, FrameView};
use super::numbering::{item_number, roman, task_number};
use super::parties::{render, Form, Parties};
use super::plan::{
    Appendix, AppendixNumbering, AppendixRef, Group, Item, Labels, Plan, RowDefaults, UnitNames,
};
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct PlanView {
    /// Header and foot shared with every document kind.
    #[serde(flatten)]
    pub frame: FrameView,
    pub mo_dau: Vec<String>,
    pub muc: Vec<ItemView>,
    pub ket_luan: Option<String>,
    pub phu_luc: Vec<AppendixView>,
    /// Page number shown on each appendix's first page (style setting).
    pub so_trang_dau_phu_luc: bool,
}

#[derive(Debug, Serialize)]
pub struct ItemView {
    /// 1 for I., 2 for 1., 3 for 1.1., 4 for 1.1.1.
    pub cap: usize,
    pub so: String,
    pub tieu_de: Option<String>,
    pub doan: Option<String>,
    pub cac_doan: Vec<String>,
    pub gach: Vec<String>,
    pub nhiem_vu: Vec<TaskView>,
    pub muc: Vec<ItemView>,
    pub phu_luc_kem_theo: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct TaskView {
    pub id: String,
    pub so: String,
    pub noi_dung: String,
    /// "Công chức tham mưu: Văn phòng - thống kê." and the like, without the leading "- ".
    pub dong: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct AppendixView {
    pub id: String,
    /// "Phụ lục I", or "Phụ lục" when there is only one.
    pub so: String,
    pub tieu_de: String,
    /// "(Kèm theo Kế hoạch số      /KH-UBND ngày … của …)".
    pub kem_theo: String,
    pub nhom: Vec<GroupView>,
}

#[derive(Debug, Serialize)]
pub struct GroupView {
    pub so: String,
    pub ten: String,
    pub chu_tri: String,
    pub phoi_hop: String,
    pub thoi_gian: String,
    pub dong: Vec<RowView>,
}

#[derive(Debug, Serialize)]
pub struct RowView {
    pub so: String,
    pub tieu_chi: String,
    pub chu_tri: String,
    pub phoi_hop: String,
    pub thoi_gian: String,
}

/// Ends a sentence with exactly one full stop (keeps "?", "!", "…" and a closing ").").
fn sentence(s: &str) -> String {
    let t = s.trim_end();
    if t.ends_with(['.', '?', '!', '…']) {
        t.to_string()
    } else {
        format!("{t}.")
    }
}

/// Ends the body with the "./." of the ND30 templates, whatever the author typed.
pub fn closing(s: &str) -> String {
    format!("{}./.", s.trim_end().trim_end_matches(['.', '/', ' ']))
}

/// Puts "./." on the last line the template prints for `m` (the order of `_muc.xml`);
/// false when `m` prints nothing.
fn mark_end(m: &mut ItemView) -> bool {
    let end = |s: &mut String| *s = closing(s);
    if let Some(p) = &mut m.phu_luc_kem_theo {
        end(p);
    } else if m.muc.last_mut().is_some_and(mark_end) {
    } else if let Some(t) = m.nhiem_vu.last_mut() {
        match t.dong.last_mut() {
            Some(d) => end(d),
            None => end(&mut t.noi_dung),
        }
    } else if let Some(g) = m.gach.last_mut() {
        end(g);
    } else if let Some(d) = m.cac_doan.last_mut() {
        end(d);
    } else if let Some(d) = &mut m.doan {
        end(d);
    } else if let Some(t) = &mut m.tieu_de {
        end(t);
    } else {
        return false;
    }
    true
}

/// "Phụ lục I" (or "Phụ lục 1" when asked), or "Phụ lục" when there is only one.
pub fn appendix_label(index: usize, count: usize, numbering: AppendixNumbering) -> String {
    if count == 1 {
        return "Phụ lục".to_string();
    }
    let n = index as u32 + 1;
    match numbering {
        AppendixNumbering::Roman => format!("Phụ lục {}", roman(n)),
        AppendixNumbering::Arabic => format!("Phụ lục {n}"),
    }
}

impl Plan {
    pub fn appendix_label(&self, index: usize) -> String {
        appendix_label(
            index,
            self.phu_luc.len(),
            self.trinh_bay.so_phu_luc.unwrap_or_default(),
        )
    }

    fn appendix_sentence(&self, r: &AppendixRef) -> String {
        let idx: Vec<usize> = match r {
            AppendixRef::Keyword(_) => (0..self.phu_luc.len()).collect(),
            AppendixRef::Ids(ids) => ids
                .iter()
                .filter_map(|id| self.phu_luc.iter().position(|a| &a.id == id))
                .collect(),
        };
        if self.phu_luc.len() == 1 {
            return "(Có Phụ lục kèm theo).".to_string();
        }
        let nums: Vec<String> = idx
            .iter()
            .map(|&i| self.appendix_label(i)["Phụ lục ".len()..].to_string())
            .collect();
        if nums.len() == 1 {
            format!("(Có Phụ lục {} kèm theo).", nums[0])
        } else {
            format!("(Có các Phụ lục {} kèm theo).", nums.join(", "))
        }
    }

    fn item(&self, it: &Item, path: &[u32], labels: &Labels) -> ItemView {
        let labels = Labels {
            chu_tri: it
                .nhan
                .as_ref()
                .and_then(|l| l.chu_tri.clone())
                .or_else(|| labels.chu_tri.clone()),
            phoi_hop: it
                .nhan
                .as_ref()
                .and_then(|l| l.phoi_hop.clone())
                .or_else(|| labels.phoi_hop.clone()),
        };
        let cap = path.len();
        let nhiem_vu = it
            .nhiem_vu
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let mut dong = Vec::new();
                let mut line = |label: Option<&String>, default: &str, p: &Option<Parties>| {
                    if let Some(p) = p {
                        let label = label.map_or(default, String::as_str);
                        dong.push(sentence(&format!(
                            "{label}: {}",
                            render(p, &self.don_vi, Form::Full)
                        )));
                    }
                };
                line(
                    t.nhan_chu_tri.as_ref().or(labels.chu_tri.as_ref()),
                    "Chủ trì",
                    &t.chu_tri,
                );
                line(
                    t.nhan_phoi_hop.as_ref().or(labels.phoi_hop.as_ref()),
                    "Phối hợp",
                    &t.phoi_hop,
                );
                if let Some(tg) = &t.thoi_gian {
                    dong.push(sentence(&format!("Thời gian thực hiện: {tg}")));
                }
                TaskView {
                    id: t.id.clone(),
                    so: task_number(i as u32 + 1),
                    noi_dung: t.noi_dung.trim().to_string(),
                    dong,
                }
            })
            .collect();
        let muc = it
            .muc
            .iter()
            .enumerate()
            .map(|(i, sub)| {
                let mut p = path.to_vec();
                p.push(i as u32 + 1);
                self.item(sub, &p, &labels)
            })
            .collect();
        ItemView {
            cap,
            so: item_number(path),
            tieu_de: it.tieu_de.as_ref().map(|t| {
                if cap == 1 {
                    upper(t)
                } else {
                    t.trim().to_string()
                }
            }),
            doan: it.doan.as_ref().map(|d| d.trim().to_string()),
            cac_doan: it.cac_doan.iter().map(|d| d.trim().to_string()).collect(),
            gach: it.gach.iter().map(|g| g.trim().to_string()).collect(),
            nhiem_vu,
            muc,
            phu_luc_kem_theo: it
                .phu_luc_kem_theo
                .as_ref()
                .map(|r| self.appendix_sentence(r)),
        }
    }

    /// Parties as a table prints them (units' short forms unless the table asks for full
    /// names); empty when none.
    fn in_table(&self, p: Option<&Parties>, form: Form) -> String {
        p.map(|p| render(p, &self.don_vi, form)).unwrap_or_default()
    }

    fn appendix(&self, i: usize, a: &Appendix, kem_theo: &str) -> AppendixView {
        let group = |g: usize, grp: &Group| {
            let form = match grp.ten_don_vi.or(a.ten_don_vi).unwrap_or_default() {
                UnitNames::Short => Form::Short,
                UnitNames::Full => Form::Full,
            };
            // A row's own value, else its group's default, else the table's.
            let pick = |own: &Option<Parties>, f: fn(&RowDefaults) -> &Option<Parties>| {
                self.in_table(
                    own.as_ref()
                        .or(f(&grp.mac_dinh).as_ref())
                        .or(f(&a.mac_dinh).as_ref()),
                    form,
                )
            };
            GroupView {
                so: (g + 1).to_string(),
                ten: grp.ten.trim().to_string(),
                chu_tri: self.in_table(grp.chu_tri.as_ref(), form),
                phoi_hop: self.in_table(grp.phoi_hop.as_ref(), form),
                thoi_gian: grp.thoi_gian.clone().unwrap_or_default(),
                dong: grp
                    .dong
                    .iter()
                    .enumerate()
                    .map(|(r, row)| RowView {
                        so: format!("{}.{}", g + 1, r + 1),
                        tieu_chi: row.tieu_chi.trim().to_string(),
                        chu_tri: pick(&row.chu_tri, |d| &d.chu_tri),
                        phoi_hop: pick(&row.phoi_hop, |d| &d.phoi_hop),
                        thoi_gian: row
                            .thoi_gian
                            .as_ref()
                            .or(grp.mac_dinh.thoi_gian.as_ref())
                            .or(a.mac_dinh.thoi_gian.as_ref())
                            .cloned()
                            .unwrap_or_default(),
                    })
                    .collect(),
            }
        };
        AppendixView {
            id: a.id.clone(),
            so: self.appendix_label(i),
            tieu_de: upper(&a.tieu_de),
            kem_theo: kem_theo.to_string(),
            nhom: a
                .nhom
                .iter()
                .enumerate()
                .map(|(g, grp)| group(g, grp))
                .collect(),
        }
    }

    /// The appendices' "(Kèm theo Kế hoạch số … ngày … của …)" line.
    pub fn attached_line(&self) -> String {
        attached_line(self.loai.names(), self.so, &self.ngay, &self.co_quan)
    }

    /// The template context.
    pub fn view(&self) -> PlanView {
        let kem_theo = self.attached_line();
        let frame = FrameInput {
            names: self.loai.names(),
            agency: &self.co_quan,
            so: self.so,
            dia_danh: &self.dia_danh,
            ngay: &self.ngay,
            trich_yeu: self.trich_yeu.clone(),
            nhu_tren: false,
            noi_nhan: &self.noi_nhan,
            luu: &self.luu,
            ky: &self.ky,
        }
        .view();
        let mut mo_dau: Vec<String> = self.mo_dau.iter().map(|s| s.trim().to_string()).collect();
        let mut muc: Vec<ItemView> = self
            .noi_dung
            .iter()
            .enumerate()
            .map(|(i, it)| self.item(it, &[i as u32 + 1], &self.nhan))
            .collect();
        // "./." ends the body, whatever its last line is.
        let ket_luan = self.ket_luan.as_deref().map(closing);
        if ket_luan.is_none() && !muc.last_mut().is_some_and(mark_end) {
            if let Some(last) = mo_dau.last_mut() {
                *last = closing(last);
            }
        }
        PlanView {
            frame,
            mo_dau,
            muc,
            ket_luan,
            phu_luc: self
                .phu_luc
                .iter()
                .enumerate()
                .map(|(i, a)| self.appendix(i, a, &kem_theo))
                .collect(),
            so_trang_dau_phu_luc: self.trinh_bay.so_trang_dau_phu_luc.unwrap_or(false),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closing_always_ends_with_dot_slash_dot() {
        assert_eq!(closing("triển khai thực hiện./"), "triển khai thực hiện./.");
        assert_eq!(closing("triển khai thực hiện."), "triển khai thực hiện./.");
        assert_eq!(closing("triển khai thực hiện"), "triển khai thực hiện./.");
        assert_eq!(
            closing("triển khai thực hiện./."),
            "triển khai thực hiện./."
        );
    }

    #[test]
    fn sentences_get_one_full_stop() {
        assert_eq!(sentence("A: b"), "A: b.");
        assert_eq!(sentence("A: b."), "A: b.");
        assert_eq!(sentence("A: (b...)"), "A: (b...).");
    }
}
