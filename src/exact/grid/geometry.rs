//! Grid geometry of one level of the hierarchy: sizes per axis (always three, leading axes of
//! size 1 when the grid has fewer), row-major pixel indices (last axis fastest), the squared
//! Euclidean cost between pixels, parents, children and axis neighbours.

/// Marks "no pixel" / "no kept node" in `u32` index maps.
pub(super) const NONE: u32 = u32::MAX;

/// One level: `dims` pixels per axis, `w[a]` = (pixel spacing along axis a)², so that the cost
/// between pixels p and q is `Σ_a w[a]·(p_a − q_a)²`.
#[derive(Clone, Copy, Debug)]
pub(super) struct Level {
    pub dims: [usize; 3],
    pub w: [f64; 3],
    pub len: usize,
}

impl Level {
    /// The finest level of a grid of `shape` (1 to 3 axes) and `spacing` (one per axis).
    pub fn finest(shape: &[usize], spacing: &[f64]) -> Self {
        let mut dims = [1usize; 3];
        let mut w = [1.0f64; 3];
        let off = 3 - shape.len();
        for a in 0..shape.len() {
            dims[off + a] = shape[a];
            w[off + a] = spacing[a] * spacing[a];
        }
        Level {
            dims,
            w,
            len: dims[0] * dims[1] * dims[2],
        }
    }

    /// The 2×2(×2) aggregation of this level: ⌈d/2⌉ pixels per axis, spacing doubled.
    pub fn coarser(&self) -> Self {
        let mut dims = self.dims;
        let mut w = self.w;
        for a in 0..3 {
            if dims[a] > 1 {
                dims[a] = dims[a].div_ceil(2);
                w[a] *= 4.0;
            }
        }
        Level {
            dims,
            w,
            len: dims[0] * dims[1] * dims[2],
        }
    }

    /// Coordinates of pixel p.
    #[inline]
    pub fn coords(&self, p: usize) -> [usize; 3] {
        let x2 = p % self.dims[2];
        let t = p / self.dims[2];
        [t / self.dims[1], t % self.dims[1], x2]
    }

    /// Index of the pixel at `x`.
    #[inline]
    pub fn index(&self, x: [usize; 3]) -> usize {
        (x[0] * self.dims[1] + x[1]) * self.dims[2] + x[2]
    }

    /// Squared Euclidean cost between pixels p and q (the same expression everywhere).
    #[inline]
    pub fn cost(&self, p: usize, q: usize) -> f64 {
        let (x, y) = (self.coords(p), self.coords(q));
        let mut c = 0.0;
        for a in 0..3 {
            let d = x[a].abs_diff(y[a]) as f64;
            c += self.w[a] * (d * d);
        }
        c
    }

    /// Largest cost between two pixels.
    pub fn max_cost(&self) -> f64 {
        self.cost(0, self.len - 1)
    }

    /// Index in the coarser level `c` of the parent of pixel p.
    #[inline]
    pub fn parent(&self, c: &Level, p: usize) -> usize {
        let x = self.coords(p);
        c.index([x[0] / 2, x[1] / 2, x[2] / 2])
    }

    /// Calls `f` on each child (in this finer level) of pixel `p` of the coarser level `c`.
    #[inline]
    pub fn children(&self, c: &Level, p: usize, mut f: impl FnMut(usize)) {
        let x = c.coords(p);
        let span = |a: usize| 2 * x[a]..(2 * x[a] + 2).min(self.dims[a]);
        for x0 in span(0) {
            for x1 in span(1) {
                for x2 in span(2) {
                    f(self.index([x0, x1, x2]));
                }
            }
        }
    }

    /// Calls `f` on each pixel one step from p along one axis (2 per axis of size > 1).
    #[inline]
    pub fn neighbours(&self, p: usize, mut f: impl FnMut(usize)) {
        let x = self.coords(p);
        for a in 0..3 {
            if x[a] > 0 {
                let mut y = x;
                y[a] -= 1;
                f(self.index(y));
            }
            if x[a] + 1 < self.dims[a] {
                let mut y = x;
                y[a] += 1;
                f(self.index(y));
            }
        }
    }

    /// Calls `f` on every pixel once, in Z (Morton) order: the pixels of each aligned 2×2(×2)
    /// block, then of each aligned 4×4(×4) block, and so on, consecutively, so that pixels
    /// close on the grid get close numbers (row-major order on a line grid).
    pub fn for_each_z_order(&self, mut f: impl FnMut(usize)) {
        // Interleave the bits of the axes longer than 1 only (a 2-D grid would otherwise walk
        // 2^(3·bits) codes for 2^(2·bits) pixels).
        let mut axes = [0usize; 3];
        let mut k = 0;
        for (a, &d) in self.dims.iter().enumerate() {
            if d > 1 {
                axes[k] = a;
                k += 1;
            }
        }
        let bits = self
            .dims
            .iter()
            .map(|&d| (usize::BITS - (d - 1).leading_zeros()) as usize)
            .max()
            .unwrap_or(0);
        for code in 0..1usize << (k * bits) {
            let mut x = [0usize; 3];
            for b in 0..bits {
                for (j, &a) in axes[..k].iter().enumerate() {
                    x[a] |= ((code >> (k * b + k - 1 - j)) & 1) << b;
                }
            }
            if x.iter().zip(&self.dims).all(|(&xa, &d)| xa < d) {
                f(self.index(x));
            }
        }
    }

    /// Number of axes of size > 1.
    pub fn axes(&self) -> usize {
        self.dims.iter().filter(|&&d| d > 1).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn z_order_visits_every_pixel_once_block_by_block() {
        for shape in [[1usize, 1, 13], [1, 5, 7], [3, 6, 5]] {
            let lev = Level::finest(&shape, &[1.0; 3]);
            let mut seen = Vec::new();
            lev.for_each_z_order(|p| seen.push(p));
            let mut sorted = seen.clone();
            sorted.sort_unstable();
            assert_eq!(sorted, (0..lev.len).collect::<Vec<_>>(), "{shape:?}");
            // The children of each coarse pixel come out consecutively.
            let coarse = lev.coarser();
            for w in seen
                .windows(2)
                .filter(|w| lev.parent(&coarse, w[0]) != lev.parent(&coarse, w[1]))
            {
                let parent = lev.parent(&coarse, w[0]);
                assert!(seen
                    .iter()
                    .skip_while(|&&p| p != w[1])
                    .all(|&p| lev.parent(&coarse, p) != parent));
            }
        }
    }
}
