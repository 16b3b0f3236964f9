//! The periodic CCHC report: a plan's progress data for a period (quý, 6 tháng, 9 tháng,
//! năm) → checked, merged, counted at the period's cut-off → `ReportView` → `bao-cao.xml`.
//!
//! Progress data are snapshots at cut-offs: a report takes, for every task, the latest
//! status among the periods whose cut-off falls in its window (a 6-month report reads the
//! Q1 and the 6-month data), and compares with the cumulative period before it.
//!
//! The road: [`open`] lists `bao-cao/` ([`open::ReportData`], each period's files read once,
//! on first use), [`compute`] checks and counts one period ([`compute::Computed`]),
//! [`report_view`] composes the template's context; [`check_all`] is `vanban check`.

pub mod check;
pub mod check_all;
pub mod compose;
pub mod compute;
pub mod cut_off;
pub mod data;
pub mod document;
pub mod figures;
pub mod figures_view;
pub mod load;
pub mod open;
pub mod period;
pub mod references;
pub mod sheets;
pub mod view;

pub use check_all::check_all;
pub use compose::report_view;
pub use compute::{compute, Computed, Pick};
pub use open::{number_mismatch, open, ReportData};
pub use view::ReportView;
