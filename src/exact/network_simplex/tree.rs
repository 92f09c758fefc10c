//! The spanning tree of the network simplex (LEMON's representation, learned from LEMON's
//! `network_simplex.h`): parent / predecessor arc / thread (preorder successor) / reverse
//! thread / subtree size / last successor per node, all in caller workspace.
//!
//! Nodes: rows `0..n` (supplies), columns `n..n+m` (demands), the artificial root `n+m`.
//! Arcs: `i*m + j` is the real arc row i → column j (its cost is read from the cost view);
//! `n*m + u` is node u's artificial arc (row → root at cost 0, root → column at cost `big_m`).
//! The problem is uncapacitated, so arcs outside the tree carry no flow: flow is stored per
//! node, on the arc joining it to its parent (O(n+m) memory, no n×m flow array).

/// Marks "no node".
pub(crate) const NONE: usize = usize::MAX;

/// The tree arrays, each of length `n + m + 1`, borrowed from the workspace.
pub(crate) struct Tree<'w> {
    pub n: usize,
    pub m: usize,
    pub parent: &'w mut [usize],
    /// Arc joining the node to its parent.
    pub pred: &'w mut [usize],
    /// 1 when `pred` points from the node up to its parent, 0 when it points down to the node.
    pub up: &'w mut [u8],
    /// Flow on `pred` (≥ 0).
    pub flow: &'w mut [f64],
    pub thread: &'w mut [usize],
    pub rev_thread: &'w mut [usize],
    pub succ_num: &'w mut [usize],
    pub last_succ: &'w mut [usize],
    /// LEMON's potentials: the reduced cost of arc s → t is `c + pi[s] − pi[t]`.
    pub pi: &'w mut [f64],
    /// Scratch list of nodes whose `rev_thread` must be refreshed.
    pub dirty: &'w mut [usize],
}

/// The pivot in progress: entering arc (row `i` → column `j`) and what the cycle search found.
pub(crate) struct Pivot {
    pub i: usize,
    pub j: usize,
    pub cost: f64,
    pub join: usize,
    pub u_in: usize,
    pub v_in: usize,
    pub u_out: usize,
    pub delta: f64,
}

impl Tree<'_> {
    /// The root's index.
    pub fn root(&self) -> usize {
        self.n + self.m
    }

    /// The initial tree: every node hangs from the root by its artificial arc carrying its
    /// supply (`supply[u] > 0` for rows, `< 0` for columns). Potentials: 0 on rows, `big_m`
    /// on columns (so every artificial arc has reduced cost 0).
    pub fn init(
        &mut self,
        supply_row: impl Fn(usize) -> f64,
        demand_col: impl Fn(usize) -> f64,
        big_m: f64,
    ) {
        let (n, m) = (self.n, self.m);
        let root = n + m;
        for u in 0..root {
            self.parent[u] = root;
            self.pred[u] = n * m + u;
            self.thread[u] = u + 1;
            self.rev_thread[u + 1] = u;
            self.succ_num[u] = 1;
            self.last_succ[u] = u;
            if u < n {
                self.up[u] = 1;
                self.flow[u] = supply_row(u);
                self.pi[u] = 0.0;
            } else {
                self.up[u] = 0;
                self.flow[u] = demand_col(u - n);
                self.pi[u] = big_m;
            }
        }
        self.parent[root] = NONE;
        self.pred[root] = NONE;
        self.up[root] = 0;
        self.flow[root] = 0.0;
        self.pi[root] = 0.0;
        self.thread[root] = 0;
        self.rev_thread[0] = root;
        self.succ_num[root] = root + 1;
        self.last_succ[root] = root - 1;
        self.thread[root - 1] = root;
    }

    /// Finds the cycle of entering arc row `i` → column `j` and its leaving arc, in one climb
    /// from both ends to their nearest common ancestor, the join node (LEMON's
    /// `findJoinNode` and `findLeavingArc` fused: the side of the smaller subtree climbs
    /// first). Ties between blocking arcs are broken as LEMON does (strict on the source
    /// side, non-strict on the target side): the leaving arc is the last blocking one met
    /// along the cycle's orientation from the join node, so the source side keeps its first
    /// smallest flow from below, the target side its last, and the target side wins ties;
    /// this keeps the tree strongly feasible and so excludes cycling on degenerate pivots.
    /// Returns `None` only if no arc blocks (cannot happen with non-negative costs: the
    /// problem is bounded).
    pub fn find_cycle(&self, i: usize, j: usize, cost: f64) -> Option<Pivot> {
        let (first, second) = (i, self.n + j);
        let (mut u, mut v) = (first, second);
        let (mut delta_first, mut out_first) = (f64::INFINITY, NONE);
        let (mut delta_second, mut out_second) = (f64::INFINITY, NONE);
        while u != v {
            if self.succ_num[u] < self.succ_num[v] {
                if self.up[u] == 1 && self.flow[u] < delta_first {
                    delta_first = self.flow[u];
                    out_first = u;
                }
                u = self.parent[u];
            } else {
                if self.up[v] == 0 && self.flow[v] <= delta_second {
                    delta_second = self.flow[v];
                    out_second = v;
                }
                v = self.parent[v];
            }
        }
        let (u_in, v_in, u_out, delta) = if out_second != NONE && delta_second <= delta_first {
            (second, first, out_second, delta_second)
        } else if out_first != NONE {
            (first, second, out_first, delta_first)
        } else {
            return None;
        };
        Some(Pivot {
            i,
            j,
            cost,
            join: u,
            u_in,
            v_in,
            u_out,
            delta,
        })
    }

    /// Pushes `delta` around the cycle and rebuilds the tree with the entering arc in place of
    /// the leaving one, then shifts the potentials of the moved subtree.
    pub fn pivot(&mut self, p: &Pivot) {
        let (s, t) = (p.i, self.n + p.j);
        if p.delta > 0.0 {
            let mut u = s;
            while u != p.join {
                if self.up[u] == 1 {
                    self.flow[u] -= p.delta;
                } else {
                    self.flow[u] += p.delta;
                }
                u = self.parent[u];
            }
            u = t;
            while u != p.join {
                if self.up[u] == 1 {
                    self.flow[u] += p.delta;
                } else {
                    self.flow[u] -= p.delta;
                }
                u = self.parent[u];
            }
        }
        self.update_tree(p, s);
        self.update_potential(p);
    }

    /// LEMON's `updateTreeStructure`, with flows carried along with the predecessor arcs.
    fn update_tree(&mut self, p: &Pivot, source: usize) {
        let (u_in, v_in, u_out, join) = (p.u_in, p.v_in, p.u_out, p.join);
        let in_arc = p.i * self.m + p.j;
        let in_up = u8::from(u_in == source);
        let old_rev_thread = self.rev_thread[u_out];
        let old_succ_num = self.succ_num[u_out];
        let old_last_succ = self.last_succ[u_out];
        let v_out = self.parent[u_out];

        if u_in == u_out {
            self.parent[u_in] = v_in;
            self.pred[u_in] = in_arc;
            self.up[u_in] = in_up;
            self.flow[u_in] = p.delta;
            if self.thread[v_in] != u_out {
                let mut after = self.thread[old_last_succ];
                self.thread[old_rev_thread] = after;
                self.rev_thread[after] = old_rev_thread;
                after = self.thread[v_in];
                self.thread[v_in] = u_out;
                self.rev_thread[u_out] = v_in;
                self.thread[old_last_succ] = after;
                self.rev_thread[after] = old_last_succ;
            }
        } else {
            let thread_continue = if old_rev_thread == v_in {
                self.thread[old_last_succ]
            } else {
                self.thread[v_in]
            };
            // Re-hang the stem u_in .. u_out (reversing parents) and splice the thread.
            let mut stem = u_in;
            let mut par_stem = v_in;
            let mut last = self.last_succ[u_in];
            let mut after = self.thread[last];
            self.thread[v_in] = u_in;
            let mut n_dirty = 0;
            self.dirty[n_dirty] = v_in;
            n_dirty += 1;
            while stem != u_out {
                let next_stem = self.parent[stem];
                self.thread[last] = next_stem;
                self.dirty[n_dirty] = last;
                n_dirty += 1;
                let before = self.rev_thread[stem];
                self.thread[before] = after;
                self.rev_thread[after] = before;
                self.parent[stem] = par_stem;
                par_stem = stem;
                stem = next_stem;
                last = if self.last_succ[stem] == self.last_succ[par_stem] {
                    self.rev_thread[par_stem]
                } else {
                    self.last_succ[stem]
                };
                after = self.thread[last];
            }
            self.parent[u_out] = par_stem;
            self.thread[last] = thread_continue;
            self.rev_thread[thread_continue] = last;
            self.last_succ[u_out] = last;
            if old_rev_thread != v_in {
                self.thread[old_rev_thread] = after;
                self.rev_thread[after] = old_rev_thread;
            }
            for k in 0..n_dirty {
                let u = self.dirty[k];
                self.rev_thread[self.thread[u]] = u;
            }
            // Predecessor arcs (and their flows) shift one step down the reversed stem.
            let mut tmp_sc = 0;
            let tmp_ls = self.last_succ[u_out];
            let mut u = u_out;
            while u != u_in {
                let par = self.parent[u];
                self.pred[u] = self.pred[par];
                self.up[u] = 1 - self.up[par];
                self.flow[u] = self.flow[par];
                tmp_sc += self.succ_num[u] - self.succ_num[par];
                self.succ_num[u] = tmp_sc;
                self.last_succ[par] = tmp_ls;
                u = par;
            }
            self.pred[u_in] = in_arc;
            self.up[u_in] = in_up;
            self.flow[u_in] = p.delta;
            self.succ_num[u_in] = old_succ_num;
        }

        // Last successors above v_in and v_out.
        let up_limit_out = if self.last_succ[join] == v_in {
            join
        } else {
            NONE
        };
        let last_succ_out = self.last_succ[u_out];
        let mut u = v_in;
        while u != NONE && self.last_succ[u] == v_in {
            self.last_succ[u] = last_succ_out;
            u = self.parent[u];
        }
        if join != old_rev_thread && v_in != old_rev_thread {
            let mut u = v_out;
            while u != up_limit_out && self.last_succ[u] == old_last_succ {
                self.last_succ[u] = old_rev_thread;
                u = self.parent[u];
            }
        } else if last_succ_out != old_last_succ {
            let mut u = v_out;
            while u != up_limit_out && self.last_succ[u] == old_last_succ {
                self.last_succ[u] = last_succ_out;
                u = self.parent[u];
            }
        }
        // Subtree sizes between v_in / v_out and the join node.
        let mut u = v_in;
        while u != join {
            self.succ_num[u] += old_succ_num;
            u = self.parent[u];
        }
        let mut u = v_out;
        while u != join {
            self.succ_num[u] -= old_succ_num;
            u = self.parent[u];
        }
    }

    /// Makes the entering arc's reduced cost 0 by shifting the potentials of u_in's new
    /// subtree, or, when that subtree holds more than half of the nodes, those of the rest of
    /// the tree the other way (reduced costs depend only on differences, so either keeps them
    /// all; the root's potential then drifts until the next [`Tree::refresh_potentials`]).
    /// Either set is one segment of the cyclic thread, walked from both ends at once (along
    /// `thread` and `rev_thread`): two independent chains of loads instead of one.
    fn update_potential(&mut self, p: &Pivot) {
        let sign = if self.up[p.u_in] == 1 { 1.0 } else { -1.0 };
        let sigma = self.pi[p.v_in] - self.pi[p.u_in] - sign * p.cost;
        let size = self.succ_num[p.u_in];
        let total = self.n + self.m + 1;
        let (first, last, count, shift) = if 2 * size <= total {
            (p.u_in, self.last_succ[p.u_in], size, sigma)
        } else {
            let after = self.thread[self.last_succ[p.u_in]];
            (after, self.rev_thread[p.u_in], total - size, -sigma)
        };
        let (mut a, mut b) = (first, last);
        for _ in 0..count / 2 {
            self.pi[a] += shift;
            self.pi[b] += shift;
            a = self.thread[a];
            b = self.rev_thread[b];
        }
        if count % 2 == 1 {
            self.pi[a] += shift;
        }
    }

    /// Recomputes every potential from the root down the thread (removes the drift that
    /// repeated subtree shifts accumulate). `arc_cost(i, j)` is the cost of real arc i → j.
    pub fn refresh_potentials(&mut self, arc_cost: impl Fn(usize, usize) -> f64, big_m: f64) {
        let (n, m) = (self.n, self.m);
        let root = self.root();
        self.pi[root] = 0.0;
        let mut u = self.thread[root];
        while u != root {
            let e = self.pred[u];
            let c = if e < n * m {
                arc_cost(e / m, e % m)
            } else if u < n {
                0.0
            } else {
                big_m
            };
            let pp = self.pi[self.parent[u]];
            self.pi[u] = if self.up[u] == 1 { pp - c } else { pp + c };
            u = self.thread[u];
        }
    }
}
