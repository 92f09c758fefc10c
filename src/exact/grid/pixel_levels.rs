//! The grid as a [`Hierarchy`] of pixel levels (see `geometry`): the same pixels for rows
//! and columns, best arcs by distance transform (see `dt`).

use super::dt::{transform, Lines};
use super::geometry::Level;
use super::hierarchy::{Hierarchy, Side};
use super::MAX_LEVELS;

/// The levels of a grid, finest first (each the 2×2(×2) aggregation of the previous), with
/// the line buffers of its distance transform.
pub(super) struct GridHierarchy<'a> {
    pub levels: [Level; MAX_LEVELS],
    pub count: usize,
    pub lines: Lines<'a>,
}

impl Hierarchy for GridHierarchy<'_> {
    fn levels(&self) -> usize {
        self.count
    }

    fn len(&self, l: usize, _side: Side) -> usize {
        self.levels[l].len
    }

    #[inline]
    fn cost(&self, l: usize, p: usize, q: usize) -> f64 {
        self.levels[l].cost(p, q)
    }

    fn max_cost(&self, l: usize) -> f64 {
        self.levels[l].max_cost()
    }

    #[inline]
    fn parent(&self, l: usize, _side: Side, p: usize) -> usize {
        self.levels[l].parent(&self.levels[l + 1], p)
    }

    #[inline]
    fn children(&self, l: usize, _side: Side, p: usize, f: impl FnMut(usize)) {
        self.levels[l].children(&self.levels[l + 1], p, f)
    }

    #[inline]
    fn neighbours(&self, l: usize, _side: Side, p: usize, f: impl FnMut(usize)) {
        self.levels[l].neighbours(p, f)
    }

    fn for_each_ordered(&self, l: usize, _side: Side, f: impl FnMut(usize)) {
        self.levels[l].for_each_z_order(f)
    }

    /// The distance transform (both sides are the same pixels).
    fn envelope(&mut self, l: usize, _side: Side, val: &mut [f64], arg: &mut [u32]) {
        let lev = &self.levels[l];
        transform(
            lev,
            &mut val[..lev.len],
            &mut arg[..lev.len],
            &mut self.lines,
        );
    }
}
