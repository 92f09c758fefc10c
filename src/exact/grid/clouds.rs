//! Two point clouds (d ≤ 3, squared Euclidean cost) as a [`Hierarchy`] for the multiscale
//! solver: one hierarchy per cloud. The points of each cloud are sorted by their Morton (Z)
//! code on a common 2^bits-per-axis quantisation of the clouds' bounding box; a node of level
//! ℓ + 1 is 2^d consecutive nodes of level ℓ in that order (a balanced 2^d-ary tree, so that
//! duplicated points pose no problem), placed at its children's mass-weighted mean (their plain
//! mean when massless), with the bounding box of the points below it. Neighbours (the
//! shielding neighbourhood) are the nodes up to two places away in that order.
//!
//! The best arc of every node over all nodes of the other cloud (the check of all arcs) is a
//! branch-and-bound descent of the other cloud's tree: a subtree's values are bounded below
//! by the squared distance to its bounding box plus the least value below it, and subtrees
//! not beating the best value found are skipped. Exact (the bound is a true lower bound); the
//! cost is about O(log n) per node when the values vary smoothly in space, as duals do.

use super::geometry::NONE;
use super::hierarchy::{Hierarchy, Side};
use super::{COARSEST_PIXELS, MAX_LEVELS};
use crate::cost::clouds::bounding_box;
use crate::workspace::{take, vec_req};
use crate::{MatRef, MemStack, StackReq};

/// Coordinates stored per node (missing axes are 0).
const AXES: usize = 3;

/// Most neighbours of a node.
pub(crate) const NEIGHBOURS: usize = 4;

/// Entries of the search stack: the coarsest level's nodes and 2^d children per finer level.
const STACK: usize = COARSEST_PIXELS + 8 * MAX_LEVELS;

/// The levels of a cloud of n points with 2^d children per node: the number of levels a pair
/// of clouds of n and m points needs (until both have at most `COARSEST_PIXELS` nodes), and
/// the nodes over all levels of a cloud of n points.
fn level_sizes(n: usize, m: usize, d: usize) -> (usize, usize, usize) {
    let group = 1usize << d;
    let (mut ln, mut lm, mut count) = (n, m, 1);
    let (mut total_n, mut total_m) = (n, m);
    while ln.max(lm) > COARSEST_PIXELS {
        ln = ln.div_ceil(group);
        lm = lm.div_ceil(group);
        total_n += ln;
        total_m += lm;
        count += 1;
    }
    (count, total_n, total_m)
}

/// Nodes over all levels of the two clouds (n and m points in dimension d ≤ 3).
pub(crate) fn totals(n: usize, m: usize, d: usize) -> (usize, usize) {
    let (_, tn, tm) = level_sizes(n, m, d);
    (tn, tm)
}

/// Workspace of [`with_hierarchy`] for n and m points in dimension d ≤ 3.
pub(crate) fn cloud_scratch(n: usize, m: usize, d: usize) -> StackReq {
    let (tn, tm) = totals(n, m, d);
    let side = |len: usize, total: usize| {
        StackReq::all_of(&[
            vec_req::<u32>(len),              // perm
            vec_req::<u32>(len),              // rank
            vec_req::<f64>(AXES * total),     // positions
            vec_req::<f64>(2 * AXES * total), // bounding boxes
            vec_req::<f64>(total),            // least values below
        ])
    };
    StackReq::all_of(&[
        side(n, tn),
        side(m, tm),
        vec_req::<u64>(n.max(m)), // Morton codes
        vec_req::<f64>(STACK),    // search stack: bounds
        vec_req::<u32>(STACK),    // levels
        vec_req::<u32>(STACK),    // nodes
    ])
}

/// The hierarchy of one cloud.
struct Cloud<'a> {
    /// Nodes per level, and the first node of each level in the per-node arrays.
    len: [usize; MAX_LEVELS],
    off: [usize; MAX_LEVELS],
    /// Points in Z order, and each point's place in it.
    perm: &'a mut [u32],
    rank: &'a mut [u32],
    /// `AXES` coordinates per node (level 0: per point, in the caller's order; coarser levels
    /// in Z order).
    pos: &'a mut [f64],
    /// Lower then upper corner of the bounding box of the points below each node.
    bbox: &'a mut [f64],
    /// Least value below each node during an envelope (masses while building).
    least: &'a mut [f64],
}

impl Cloud<'_> {
    /// The node of level l at place z of the Z order.
    #[inline]
    fn node(&self, l: usize, z: usize) -> usize {
        if l == 0 {
            self.perm[z] as usize
        } else {
            z
        }
    }

    /// The place in the Z order of node p of level l.
    #[inline]
    fn place(&self, l: usize, p: usize) -> usize {
        if l == 0 {
            self.rank[p] as usize
        } else {
            p
        }
    }

    #[inline]
    fn pos(&self, l: usize, p: usize) -> &[f64] {
        let at = AXES * (self.off[l] + p);
        &self.pos[at..at + AXES]
    }

    /// Squared distance from `x` to the bounding box of node p of level l.
    #[inline]
    fn box_dist(&self, l: usize, p: usize, x: &[f64]) -> f64 {
        let at = 2 * AXES * (self.off[l] + p);
        let b = &self.bbox[at..at + 2 * AXES];
        let mut s = 0.0;
        for k in 0..AXES {
            let t = (b[k] - x[k]).max(x[k] - b[AXES + k]).max(0.0);
            s += t * t;
        }
        s
    }

    /// Sorts the points of `x` (weights `w`) by Morton code and builds the levels
    /// (`count` of them, 2^`bits_d` children per node) above them.
    #[allow(clippy::too_many_arguments)]
    fn build(
        &mut self,
        x: MatRef<'_, f64>,
        w: &[f64],
        (lo, hi): ([f64; AXES], [f64; AXES]),
        count: usize,
        bits_d: usize,
        code: &mut [u64],
    ) {
        let (n, d) = (x.nrows(), x.ncols());
        let bits = match d {
            1 => 32,
            2 => 31,
            _ => 21,
        };
        let top = ((1u64 << bits) - 1) as f64;
        for (i, c) in code[..n].iter_mut().enumerate() {
            let mut z = 0u64;
            for k in 0..d {
                let span = hi[k] - lo[k];
                let t = if span > 0.0 {
                    (x[(i, k)] - lo[k]) / span
                } else {
                    0.0
                };
                let q = (t * top).clamp(0.0, top) as u64;
                for b in 0..bits {
                    z |= ((q >> b) & 1) << (b * d + k);
                }
            }
            *c = z;
        }
        for (i, p) in self.perm.iter_mut().enumerate() {
            *p = i as u32;
        }
        self.perm.sort_unstable_by_key(|&i| code[i as usize]);
        for (z, &p) in self.perm.iter().enumerate() {
            self.rank[p as usize] = z as u32;
        }
        self.len[0] = n;
        self.off[0] = 0;
        for i in 0..n {
            for k in 0..AXES {
                let v = if k < d { x[(i, k)] } else { 0.0 };
                self.pos[AXES * i + k] = v;
                self.bbox[2 * AXES * i + k] = v;
                self.bbox[2 * AXES * i + AXES + k] = v;
            }
            self.least[i] = w[i];
        }
        for l in 1..count {
            self.off[l] = self.off[l - 1] + self.len[l - 1];
            self.len[l] = self.len[l - 1].div_ceil(1 << bits_d);
            for c in 0..self.len[l] {
                let mut mass = 0.0;
                let mut sum = [0.0; AXES];
                let mut plain = [0.0; AXES];
                let (mut lo_c, mut hi_c) = ([f64::INFINITY; AXES], [f64::NEG_INFINITY; AXES]);
                let mut kids = 0;
                self.children(l - 1, c, bits_d, |p| {
                    let wp = self.least[self.off[l - 1] + p];
                    let at = 2 * AXES * (self.off[l - 1] + p);
                    for k in 0..AXES {
                        let v = self.pos[AXES * (self.off[l - 1] + p) + k];
                        sum[k] += wp * v;
                        plain[k] += v;
                        lo_c[k] = lo_c[k].min(self.bbox[at + k]);
                        hi_c[k] = hi_c[k].max(self.bbox[at + AXES + k]);
                    }
                    mass += wp;
                    kids += 1;
                });
                let u = self.off[l] + c;
                for k in 0..AXES {
                    self.pos[AXES * u + k] = if mass > 0.0 {
                        (sum[k] / mass).clamp(lo_c[k], hi_c[k])
                    } else {
                        plain[k] / kids as f64
                    };
                    self.bbox[2 * AXES * u + k] = lo_c[k];
                    self.bbox[2 * AXES * u + AXES + k] = hi_c[k];
                }
                self.least[u] = mass;
            }
        }
    }

    /// Calls `f` on each child (a node of level l) of node c of level l + 1.
    #[inline]
    fn children(&self, l: usize, c: usize, bits_d: usize, mut f: impl FnMut(usize)) {
        let end = ((c + 1) << bits_d).min(self.len[l]);
        for z in c << bits_d..end {
            f(self.node(l, z));
        }
    }
}

/// Squared Euclidean distance between two nodes' positions.
#[inline]
fn dist(x: &[f64], y: &[f64]) -> f64 {
    let mut s = 0.0;
    for k in 0..AXES {
        let t = x[k] - y[k];
        s += t * t;
    }
    s
}

/// The hierarchies of two clouds and the stack of the branch-and-bound search.
pub(crate) struct CloudHierarchy<'a> {
    rows: Cloud<'a>,
    cols: Cloud<'a>,
    count: usize,
    /// log₂ of the children per node (= d).
    bits_d: usize,
    /// Squared diameter of the clouds' common bounding box.
    diameter: f64,
    st_bound: &'a mut [f64],
    st_level: &'a mut [u32],
    st_node: &'a mut [u32],
}

/// Builds the hierarchies of the clouds `x` (n × d, weights `a`) and `y` (m × d, weights
/// `b`), 1 ≤ d ≤ 3, in `stack` (of [`cloud_scratch`]`(n, m, d)` and more), and calls `f` with
/// them and the rest of the stack.
pub(crate) fn with_hierarchy<R>(
    x: MatRef<'_, f64>,
    y: MatRef<'_, f64>,
    (a, b): (&[f64], &[f64]),
    stack: &mut MemStack,
    f: impl FnOnce(&mut CloudHierarchy<'_>, &mut MemStack) -> R,
) -> R {
    let (n, m, d) = (x.nrows(), y.nrows(), x.ncols());
    let (count, tn, tm) = level_sizes(n, m, d);
    let (lo, hi) = bounding_box(x, y);
    let diameter = (0..AXES).map(|k| (hi[k] - lo[k]) * (hi[k] - lo[k])).sum();
    let (mut r_perm, stack) = take(stack, n, 0u32);
    let (mut r_rank, stack) = take(stack, n, 0u32);
    let (mut r_pos, stack) = take(stack, AXES * tn, 0.0f64);
    let (mut r_bbox, stack) = take(stack, 2 * AXES * tn, 0.0f64);
    let (mut r_least, stack) = take(stack, tn, 0.0f64);
    let (mut c_perm, stack) = take(stack, m, 0u32);
    let (mut c_rank, stack) = take(stack, m, 0u32);
    let (mut c_pos, stack) = take(stack, AXES * tm, 0.0f64);
    let (mut c_bbox, stack) = take(stack, 2 * AXES * tm, 0.0f64);
    let (mut c_least, stack) = take(stack, tm, 0.0f64);
    let (mut code, stack) = take(stack, n.max(m), 0u64);
    let (mut st_bound, stack) = take(stack, STACK, 0.0f64);
    let (mut st_level, stack) = take(stack, STACK, 0u32);
    let (mut st_node, stack) = take(stack, STACK, 0u32);
    let mut rows = Cloud {
        len: [0; MAX_LEVELS],
        off: [0; MAX_LEVELS],
        perm: &mut r_perm,
        rank: &mut r_rank,
        pos: &mut r_pos,
        bbox: &mut r_bbox,
        least: &mut r_least,
    };
    let mut cols = Cloud {
        len: [0; MAX_LEVELS],
        off: [0; MAX_LEVELS],
        perm: &mut c_perm,
        rank: &mut c_rank,
        pos: &mut c_pos,
        bbox: &mut c_bbox,
        least: &mut c_least,
    };
    rows.build(x, a, (lo, hi), count, d, &mut code);
    cols.build(y, b, (lo, hi), count, d, &mut code);
    let mut h = CloudHierarchy {
        rows,
        cols,
        count,
        bits_d: d,
        diameter,
        st_bound: &mut st_bound,
        st_level: &mut st_level,
        st_node: &mut st_node,
    };
    f(&mut h, stack)
}

impl<'a> CloudHierarchy<'a> {
    fn cloud(&self, side: Side) -> &Cloud<'a> {
        match side {
            Side::Rows => &self.rows,
            Side::Cols => &self.cols,
        }
    }
}

impl Hierarchy for CloudHierarchy<'_> {
    fn levels(&self) -> usize {
        self.count
    }

    fn len(&self, l: usize, side: Side) -> usize {
        self.cloud(side).len[l]
    }

    #[inline]
    fn cost(&self, l: usize, p: usize, q: usize) -> f64 {
        dist(self.rows.pos(l, p), self.cols.pos(l, q))
    }

    fn max_cost(&self, _l: usize) -> f64 {
        self.diameter
    }

    #[inline]
    fn parent(&self, l: usize, side: Side, p: usize) -> usize {
        self.cloud(side).place(l, p) >> self.bits_d
    }

    #[inline]
    fn children(&self, l: usize, side: Side, p: usize, f: impl FnMut(usize)) {
        self.cloud(side).children(l, p, self.bits_d, f)
    }

    #[inline]
    fn neighbours(&self, l: usize, side: Side, p: usize, mut f: impl FnMut(usize)) {
        let c = self.cloud(side);
        let z = c.place(l, p);
        for dz in 1..=NEIGHBOURS / 2 {
            if z >= dz {
                f(c.node(l, z - dz));
            }
            if z + dz < c.len[l] {
                f(c.node(l, z + dz));
            }
        }
    }

    fn for_each_ordered(&self, l: usize, side: Side, mut f: impl FnMut(usize)) {
        let c = self.cloud(side);
        for z in 0..c.len[l] {
            f(c.node(l, z));
        }
    }

    fn envelope(&mut self, l: usize, side: Side, val: &mut [f64], arg: &mut [u32]) {
        let (query, target) = match side {
            Side::Rows => (&self.rows, &mut self.cols),
            Side::Cols => (&self.cols, &mut self.rows),
        };
        let top = self.count - 1;
        let bits_d = self.bits_d;
        // The least value below every node of the target's levels l..=top.
        let (off, len) = (target.off[l], target.len[l]);
        target.least[off..off + len].copy_from_slice(&val[..len]);
        for lv in l + 1..=top {
            for c in 0..target.len[lv] {
                let mut least = f64::INFINITY;
                target.children(lv - 1, c, bits_d, |p| {
                    least = least.min(target.least[target.off[lv - 1] + p]);
                });
                target.least[target.off[lv] + c] = least;
            }
        }
        let target = &*target;
        let leaf = |p: usize, x: &[f64]| dist(x, target.pos(l, p)) + target.least[off + p];
        let mut prev = NONE;
        for z in 0..query.len[l] {
            let p = query.node(l, z);
            let x = query.pos(l, p);
            // Start from the previous node's best arc (nodes close in Z order are close).
            let (mut best, mut best_q) = (f64::INFINITY, NONE);
            if prev != NONE {
                best = leaf(prev as usize, x);
                best_q = prev;
            }
            let consider = |q: usize, best: &mut f64, best_q: &mut u32| {
                let v = leaf(q, x);
                if v < *best {
                    *best = v;
                    *best_q = q as u32;
                }
            };
            let mut sp = 0;
            if top == l {
                for q in 0..target.len[l] {
                    consider(q, &mut best, &mut best_q);
                }
            } else {
                // The coarsest nodes, the most promising on top (the others unsorted: the
                // first descent usually prunes them).
                for c in 0..target.len[top] {
                    let bound = target.least[target.off[top] + c] + target.box_dist(top, c, x);
                    if bound < best {
                        self.st_bound[sp] = bound;
                        self.st_level[sp] = top as u32;
                        self.st_node[sp] = c as u32;
                        if sp > 0 && bound > self.st_bound[sp - 1] {
                            self.st_bound.swap(sp - 1, sp);
                            self.st_level.swap(sp - 1, sp);
                            self.st_node.swap(sp - 1, sp);
                        }
                        sp += 1;
                    }
                }
            }
            while sp > 0 {
                sp -= 1;
                if self.st_bound[sp] >= best {
                    continue;
                }
                let (lv, c) = (self.st_level[sp] as usize, self.st_node[sp] as usize);
                let start = sp;
                target.children(lv - 1, c, bits_d, |q| {
                    if lv - 1 == l {
                        consider(q, &mut best, &mut best_q);
                    } else {
                        let bound =
                            target.least[target.off[lv - 1] + q] + target.box_dist(lv - 1, q, x);
                        if bound < best {
                            self.st_bound[sp] = bound;
                            self.st_level[sp] = (lv - 1) as u32;
                            self.st_node[sp] = q as u32;
                            sp += 1;
                        }
                    }
                });
                sort_entries(self.st_bound, self.st_level, self.st_node, start, sp);
            }
            val[p] = best;
            arg[p] = best_q;
            prev = best_q;
        }
    }
}

/// Sorts the stack entries `from..to` by decreasing bound (the least bound is popped first).
fn sort_entries(bound: &mut [f64], level: &mut [u32], node: &mut [u32], from: usize, to: usize) {
    for r in from + 1..to {
        let mut k = r;
        while k > from && bound[k - 1] < bound[k] {
            bound.swap(k - 1, k);
            level.swap(k - 1, k);
            node.swap(k - 1, k);
            k -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{uniform_stream, values_with_absent};
    use super::*;
    use crate::workspace::with_stack;
    use faer::Mat;

    /// At every level and for both sides, the branch-and-bound envelope equals the minimum
    /// over all pairs, with absent values and duplicated points; children and parents agree.
    #[test]
    fn envelope_equals_brute_force_on_every_level() {
        let mut u = uniform_stream(0x9E3779B97F4A7C15);
        for (n, m, d) in [(300, 170, 1), (500, 420, 2), (700, 90, 3)] {
            let mut x = Mat::from_fn(n, d, |_, _| u());
            let y = Mat::from_fn(m, d, |_, _| (4.0 * u()).floor());
            for i in 0..n / 5 {
                for k in 0..d {
                    x[(i, k)] = x[(0, k)];
                }
            }
            let a: Vec<f64> = (0..n).map(|i| if i % 7 == 3 { 0.0 } else { u() }).collect();
            let b: Vec<f64> = (0..m).map(|_| u()).collect();
            let req = StackReq::all_of(&[cloud_scratch(n, m, d)]);
            with_stack(req, |stack| {
                with_hierarchy(x.as_ref(), y.as_ref(), (&a, &b), stack, |h, _| {
                    assert!(h.levels() >= 3, "{n}x{m} d = {d}: {} levels", h.levels());
                    for l in 0..h.levels() {
                        for side in [Side::Rows, Side::Cols] {
                            check_level(h, l, side, &mut u);
                        }
                    }
                })
            })
            .unwrap();
        }
    }

    fn check_level(h: &mut CloudHierarchy<'_>, l: usize, side: Side, u: &mut impl FnMut() -> f64) {
        let other = match side {
            Side::Rows => Side::Cols,
            Side::Cols => Side::Rows,
        };
        let (len, len_o) = (h.len(l, side), h.len(l, other));
        let v0 = values_with_absent(u, len_o, 0.2, (-1.0, 2.0));
        let both = len.max(len_o);
        let (mut val, mut arg) = (vec![f64::NAN; both], vec![0u32; both]);
        val[..len_o].copy_from_slice(&v0);
        h.envelope(l, side, &mut val, &mut arg);
        let cost = |p: usize, q: usize| match side {
            Side::Rows => h.cost(l, p, q),
            Side::Cols => h.cost(l, q, p),
        };
        for p in 0..len {
            let want = (0..len_o)
                .map(|q| cost(p, q) + v0[q])
                .fold(f64::INFINITY, f64::min);
            assert_eq!(val[p], want, "level {l} {side:?} node {p}");
            if !want.is_finite() {
                assert_eq!(arg[p], NONE);
                continue;
            }
            let q = arg[p] as usize;
            assert_eq!(cost(p, q) + v0[q], want, "level {l} {side:?} node {p}");
        }
        if l + 1 < h.levels() {
            let mut seen = vec![0; len];
            for c in 0..h.len(l + 1, side) {
                h.children(l, side, c, |p| {
                    seen[p] += 1;
                    assert_eq!(h.parent(l, side, p), c);
                });
            }
            assert!(seen.iter().all(|&k| k == 1), "level {l} {side:?}");
        }
    }
}
