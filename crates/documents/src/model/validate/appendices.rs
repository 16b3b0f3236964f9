//! The appendices (`phu_luc`): their ids, titles, groups and rows, and whether the body
//! refers to each.

use super::checker::Checker;
use crate::model::parties::Unit;
use crate::model::plan::{Appendix, AppendixRef, Group, Item, Plan, Row};
use std::collections::{BTreeMap, HashSet};

/// Checks every appendix table in order.
pub(super) fn tables(c: &mut Checker, plan: &Plan) {
    let mut seen: HashSet<&str> = HashSet::new();
    for (i, a) in plan.phu_luc.iter().enumerate() {
        appendix(c, &format!("phu_luc[{i}]"), a, &plan.don_vi, &mut seen);
    }
}

/// An appendix is printed as a titled table of groups, and referred to by its id.
fn appendix<'p>(
    c: &mut Checker,
    ap: &str,
    a: &'p Appendix,
    units: &BTreeMap<String, Unit>,
    seen: &mut HashSet<&'p str>,
) {
    unique_id(c, ap, a, seen);
    if let Some(k) = &a.chi_so {
        c.indices(&format!("{ap}.chi_so"), std::slice::from_ref(k));
    }
    c.text(&format!("{ap}.tieu_de"), &a.tieu_de);
    has_groups(c, ap, a);
    c.sides(
        ap,
        &[
            ("mac_dinh.chu_tri", &a.mac_dinh.chu_tri),
            ("mac_dinh.phoi_hop", &a.mac_dinh.phoi_hop),
        ],
        units,
    );
    for (g, grp) in a.nhom.iter().enumerate() {
        group(c, &format!("{ap}.nhom[{g}]"), grp, units);
    }
}

/// The body and the progress files name an appendix by its id, so no two may share one.
fn unique_id<'p>(c: &mut Checker, ap: &str, a: &'p Appendix, seen: &mut HashSet<&'p str>) {
    if !seen.insert(&a.id) {
        c.fail(
            &format!("{ap}.id"),
            "mã phụ lục không trùng",
            Some(format!("`{}` lặp lại", a.id)),
        );
    }
}

/// An appendix table without a group (field) would have no rows to print.
fn has_groups(c: &mut Checker, ap: &str, a: &Appendix) {
    if a.nhom.is_empty() {
        c.fail(
            &format!("{ap}.nhom"),
            "ít nhất một nhóm (lĩnh vực)",
            Some("danh sách rỗng".into()),
        );
    }
}

/// A group prints a heading row, then its rows, each with its lead and partners.
fn group(c: &mut Checker, gp: &str, grp: &Group, units: &BTreeMap<String, Unit>) {
    c.text(&format!("{gp}.ten"), &grp.ten);
    c.sides(
        gp,
        &[
            ("chu_tri", &grp.chu_tri),
            ("phoi_hop", &grp.phoi_hop),
            ("mac_dinh.chu_tri", &grp.mac_dinh.chu_tri),
            ("mac_dinh.phoi_hop", &grp.mac_dinh.phoi_hop),
        ],
        units,
    );
    for (r, row) in grp.dong.iter().enumerate() {
        criterion(c, &format!("{gp}.dong[{r}]"), row, units);
    }
}

/// A row prints its criterion and is credited to the units it names.
fn criterion(c: &mut Checker, rp: &str, row: &Row, units: &BTreeMap<String, Unit>) {
    c.text(&format!("{rp}.tieu_chi"), &row.tieu_chi);
    c.sides(
        rp,
        &[("chu_tri", &row.chu_tri), ("phoi_hop", &row.phoi_hop)],
        units,
    );
}

/// Decree 30 has the body refer to every appendix; one never mentioned is likely forgotten.
pub(super) fn referred_to(c: &mut Checker, plan: &Plan) {
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
}

/// Every appendix reference in `items` and their sub-items.
fn refs(items: &[Item], out: &mut Vec<AppendixRef>) {
    for it in items {
        out.extend(it.phu_luc_kem_theo.clone());
        refs(&it.muc, out);
    }
}
