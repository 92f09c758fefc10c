//! The squared Euclidean distance transform of a function on the grid (Felzenszwalb and
//! Huttenlocher's lower envelope of parabolas, one axis after the other):
//! `out[p] = min_q (Σ_a w_a·(p_a − q_a)² + v[q])` with the minimising q, in O(len · axes)
//! time. This turns the check of the reduced costs of all n·m arcs, row i's minimum of
//! `C_ij − g_j` over every column j, into one transform of `−g`: the certificate of the
//! multiscale solver costs O(n) and stores no arc.

use super::geometry::{Level, NONE};

/// Line buffers of the transform, each of the level's longest axis (+ 1 for `z`).
pub(super) struct Lines<'a> {
    pub f: &'a mut [f64],
    pub arg: &'a mut [u32],
    pub out: &'a mut [f64],
    pub out_arg: &'a mut [u32],
    pub v: &'a mut [usize],
    pub z: &'a mut [f64],
}

/// Replaces `val` (pixel values of `level`, `+∞` = absent) by its distance transform and
/// writes into `arg` the minimising pixel of each (`NONE` when every value is absent).
pub(super) fn transform(level: &Level, val: &mut [f64], arg: &mut [u32], lines: &mut Lines<'_>) {
    for (q, (a, &x)) in arg.iter_mut().zip(val.iter()).enumerate() {
        *a = if x.is_finite() { q as u32 } else { NONE };
    }
    let d = level.dims;
    let strides = [d[1] * d[2], d[2], 1];
    for axis in 0..3 {
        let len = d[axis];
        if len == 1 {
            continue;
        }
        let stride = strides[axis];
        // Every line along `axis`: its first pixel has coordinate 0 on that axis.
        for start in 0..level.len {
            if !(start / stride).is_multiple_of(len) {
                continue;
            }
            for k in 0..len {
                lines.f[k] = val[start + k * stride];
                lines.arg[k] = arg[start + k * stride];
            }
            line(level.w[axis], len, lines);
            for k in 0..len {
                val[start + k * stride] = lines.out[k];
                arg[start + k * stride] = lines.out_arg[k];
            }
        }
    }
}

/// The 1-D transform of `lines.f[..len]` with weight w into `lines.out`, `lines.out_arg`.
fn line(w: f64, len: usize, l: &mut Lines<'_>) {
    let (f, v, z) = (&*l.f, &mut *l.v, &mut *l.z);
    let key = |q: usize| f[q] + w * (q as f64 * q as f64);
    let mut k = usize::MAX;
    for (q, fq) in f[..len].iter().enumerate() {
        if !fq.is_finite() {
            continue;
        }
        if k == usize::MAX {
            k = 0;
            v[0] = q;
            z[0] = f64::NEG_INFINITY;
            z[1] = f64::INFINITY;
            continue;
        }
        let mut s;
        loop {
            let r = v[k];
            s = (key(q) - key(r)) / (2.0 * w * (q - r) as f64);
            if s <= z[k] && k > 0 {
                k -= 1;
            } else {
                break;
            }
        }
        if s <= z[k] {
            // Only reachable with k = 0 and s = −∞ (overflow): q dominates.
            v[0] = q;
        } else {
            k += 1;
            v[k] = q;
            z[k] = s;
        }
        z[k + 1] = f64::INFINITY;
    }
    if k == usize::MAX {
        l.out[..len].fill(f64::INFINITY);
        l.out_arg[..len].fill(NONE);
        return;
    }
    let mut k = 0;
    for p in 0..len {
        while z[k + 1] < p as f64 {
            k += 1;
        }
        let q = v[k];
        let d = p.abs_diff(q) as f64;
        l.out[p] = w * (d * d) + f[q];
        l.out_arg[p] = l.arg[q];
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{uniform_stream, values_with_absent};
    use super::*;

    #[test]
    fn transform_equals_brute_force_with_absent_pixels() {
        let level = Level::finest(&[5, 7, 3], &[1.0, 0.5, 2.0]);
        let mut u = uniform_stream(0x9E3779B97F4A7C15);
        let v0 = values_with_absent(&mut u, level.len, 0.3, (-10.0, 10.0));
        let mut val = v0.clone();
        let mut arg = vec![0u32; level.len];
        let (mut f, mut a, mut o, mut oa) =
            (vec![0.0; 7], vec![0u32; 7], vec![0.0; 7], vec![0u32; 7]);
        let (mut v, mut z) = (vec![0usize; 7], vec![0.0; 8]);
        let mut lines = Lines {
            f: &mut f,
            arg: &mut a,
            out: &mut o,
            out_arg: &mut oa,
            v: &mut v,
            z: &mut z,
        };
        transform(&level, &mut val, &mut arg, &mut lines);
        for p in 0..level.len {
            let want = (0..level.len)
                .filter(|&q| v0[q].is_finite())
                .map(|q| level.cost(p, q) + v0[q])
                .fold(f64::INFINITY, f64::min);
            assert!(
                (val[p] - want).abs() < 1e-12,
                "pixel {p}: {} vs {want}",
                val[p]
            );
            let q = arg[p] as usize;
            assert!((level.cost(p, q) + v0[q] - want).abs() < 1e-12);
        }
    }
}
