//! What `vanban check` reports having checked.

use crate::model::plan::{Item, Plan};

pub struct Summary {
    pub sections: usize,
    pub tasks: usize,
    pub appendices: usize,
    pub rows: usize,
    pub units: usize,
}

fn count_tasks(items: &[Item]) -> usize {
    items
        .iter()
        .map(|i| i.nhiem_vu.len() + count_tasks(&i.muc))
        .sum()
}

impl Summary {
    pub fn of(plan: &Plan) -> Summary {
        Summary {
            sections: plan.noi_dung.len(),
            tasks: count_tasks(&plan.noi_dung),
            appendices: plan.phu_luc.len(),
            rows: plan
                .phu_luc
                .iter()
                .flat_map(|a| a.nhom.iter())
                .map(|g| g.dong.len())
                .sum(),
            units: plan.don_vi.len(),
        }
    }
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} mục lớn, {} nhiệm vụ, {} đơn vị, {} phụ lục với {} dòng tiêu chí",
            self.sections, self.tasks, self.units, self.appendices, self.rows
        )
    }
}
