//! Word's units.

pub use crate::style::TWIPS_PER_MM;

pub fn twips(mm: f32) -> i32 {
    (mm * TWIPS_PER_MM).round() as i32
}

pub fn twips_u(mm: f32) -> usize {
    twips(mm).max(0) as usize
}

/// Points → twentieths of a point.
pub fn pt_twips(pt: f32) -> u32 {
    (pt * 20.0).round().max(0.0) as u32
}

/// Points → half-points (run sizes).
pub fn half_points(pt: f32) -> usize {
    (pt * 2.0).round().max(0.0) as usize
}
