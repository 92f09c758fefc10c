//! What the sparse multiscale network simplex needs of its geometry: two hierarchies of nodes
//! (the source measure's, the rows, and the target's, the columns) with the same number of
//! levels, finest (level 0, the caller's pixels or points) first. A grid has the same pixels on
//! both sides ([`super::pixel_levels::GridHierarchy`]); two point clouds have one hierarchy each
//! ([`super::clouds::CloudHierarchy`]).

/// One of the two measures: the rows (source) or the columns (target).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Side {
    /// The source measure's nodes.
    Rows,
    /// The target measure's nodes.
    Cols,
}

/// The geometry of a multiscale solve. Node numbers are per level and side, `0..len(l, side)`;
/// at level 0 they are the caller's indices.
pub(crate) trait Hierarchy {
    /// Number of levels (≥ 1); level `levels() − 1` is the coarsest, solved on all its arcs.
    fn levels(&self) -> usize;

    /// Nodes of `side` at level l.
    fn len(&self, l: usize, side: Side) -> usize;

    /// Cost between row node p and column node q of level l (at level 0: the true cost).
    fn cost(&self, l: usize, p: usize, q: usize) -> f64;

    /// An upper bound of the costs of level l.
    fn max_cost(&self, l: usize) -> f64;

    /// The node of level l + 1 containing node p of `side` at level l.
    fn parent(&self, l: usize, side: Side, p: usize) -> usize;

    /// Calls `f` on each child (at most 8, each a node of level l) of node p of `side` at
    /// level l + 1.
    fn children(&self, l: usize, side: Side, p: usize, f: impl FnMut(usize));

    /// Calls `f` on each neighbour of node p of `side` at level l (nodes of the same side
    /// close to it: the shielding neighbourhood).
    fn neighbours(&self, l: usize, side: Side, p: usize, f: impl FnMut(usize));

    /// Calls `f` on every node of `side` at level l once, in an order keeping nodes close in
    /// space close in the sequence.
    fn for_each_ordered(&self, l: usize, side: Side, f: impl FnMut(usize));

    /// Best arcs of every node of `side` at level l over all nodes of the other side: on
    /// entry `val[q]` is a value per node q of the other side (`+∞`: absent); on exit
    /// `val[p] = min_q cost(p, q) + val[q]` for every node p of `side`, and `arg[p]` the
    /// minimising q (`NONE` when every q is absent). `val` and `arg` hold at least the nodes
    /// of both sides.
    fn envelope(&mut self, l: usize, side: Side, val: &mut [f64], arg: &mut [u32]);
}
