//! Entropic barycenters: against POT fixtures (tests/fixtures/barycenter/make_fixtures.py),
//! fixed-support vs convolutional on the same grid, identical inputs, mass.

use faer::Mat;
use otcore::barycenter::{barycenter, convolutional_barycenter, BarycenterParams};

fn read_fixture(name: &str) -> Vec<Vec<f64>> {
    let path = format!(
        "{}/tests/fixtures/barycenter/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{path}: {e}"))
        .lines()
        .map(|l| l.split_whitespace().map(|v| v.parse().unwrap()).collect())
        .collect()
}

fn params(epsilon: f64) -> BarycenterParams {
    BarycenterParams {
        epsilon,
        max_iter: 20_000,
        tol: 1e-12,
    }
}

fn l1(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| (x - y).abs()).sum()
}

/// Squared distances between the points of the unit-square grid `(r/(h−1), c/(w−1))`.
fn grid_cost(h: usize, w: usize) -> Mat<f64> {
    let p = |i: usize| {
        let (r, c) = (i / w, i % w);
        (r as f64 / (h - 1) as f64, c as f64 / (w - 1) as f64)
    };
    Mat::from_fn(h * w, h * w, |i, j| {
        let (a, b) = (p(i), p(j));
        (a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)
    })
}

#[test]
fn fixed_support_matches_pot() {
    let f = read_fixture("fixed.txt");
    let (n, k, reg) = (f[0][0] as usize, f[0][1] as usize, f[0][2]);
    let a = Mat::from_fn(n, k, |i, c| f[2][i * k + c]);
    let cost = Mat::from_fn(n, n, |i, j| {
        let d = (i as f64 - j as f64) / (n - 1) as f64;
        d * d
    });
    let (bar, info) = barycenter(a.as_ref(), cost.as_ref(), Some(&f[1]), &params(reg)).unwrap();
    assert!(info.converged, "{info:?}");
    let err = l1(&bar, &f[3]);
    assert!(err < 1e-8, "L1 distance to POT {err:e}");
    assert!((bar.iter().sum::<f64>() - 1.0).abs() < 1e-10);
}

#[test]
fn convolutional_matches_pot() {
    let f = read_fixture("convolutional.txt");
    let (h, w, k, reg) = (
        f[0][0] as usize,
        f[0][1] as usize,
        f[0][2] as usize,
        f[0][3],
    );
    let n = h * w;
    // POT's images are k × h × w; ours are the columns of an (h·w) × k matrix.
    let a = Mat::from_fn(n, k, |i, c| f[2][c * n + i]);
    for threads in [1, 2] {
        let (bar, info) =
            convolutional_barycenter(a.as_ref(), h, w, Some(&f[1]), &params(reg), threads).unwrap();
        assert!(info.converged, "{info:?}");
        let err = l1(&bar, &f[3]);
        assert!(err < 1e-8, "L1 distance to POT {err:e}");
        assert!((bar.iter().sum::<f64>() - 1.0).abs() < 1e-10);
    }
}

#[test]
fn convolutional_equals_fixed_support_on_the_same_grid() {
    let (h, w) = (7, 9);
    let n = h * w;
    let a = Mat::from_fn(n, 2, |i, c| {
        let (r, col) = ((i / w) as f64, (i % w) as f64);
        if c == 0 {
            1.0 + r
        } else {
            1.0 + col * col
        }
    });
    let sums: Vec<f64> = (0..2).map(|c| a.col(c).iter().sum()).collect();
    let a = Mat::from_fn(n, 2, |i, c| a[(i, c)] / sums[c]);
    let p = params(0.05);
    let (conv, i1) = convolutional_barycenter(a.as_ref(), h, w, Some(&[1.0, 3.0]), &p, 1).unwrap();
    let cost = grid_cost(h, w);
    let (fixed, i2) = barycenter(a.as_ref(), cost.as_ref(), Some(&[1.0, 3.0]), &p).unwrap();
    assert!(i1.converged && i2.converged);
    assert!(l1(&conv, &fixed) < 1e-10, "{:e}", l1(&conv, &fixed));
    // Bitwise identical for 1 and 3 threads.
    let (conv3, _) = convolutional_barycenter(a.as_ref(), h, w, Some(&[1.0, 3.0]), &p, 3).unwrap();
    assert_eq!(conv, conv3);
}

#[test]
fn identical_histograms_give_their_own_blurred_barycenter() {
    let n = 40;
    let x: Vec<f64> = (0..n).map(|i| i as f64 / (n - 1) as f64).collect();
    let h: Vec<f64> = x
        .iter()
        .map(|v| (-(v - 0.4f64).powi(2) / 0.01).exp() + 1e-4)
        .collect();
    let s: f64 = h.iter().sum();
    let three = Mat::from_fn(n, 3, |i, _| h[i] / s);
    let one = Mat::from_fn(n, 1, |i, _| h[i] / s);
    let cost = Mat::from_fn(n, n, |i, j| (x[i] - x[j]).powi(2));
    let p = params(1e-3);
    let (b3, _) = barycenter(three.as_ref(), cost.as_ref(), Some(&[0.2, 0.3, 0.5]), &p).unwrap();
    let (b1, _) = barycenter(one.as_ref(), cost.as_ref(), None, &p).unwrap();
    assert!(l1(&b3, &b1) < 1e-10);
    // The blur of a small ε is small: the barycenter is close to the histogram itself.
    let hist: Vec<f64> = h.iter().map(|v| v / s).collect();
    assert!(l1(&b1, &hist) < 0.05, "{:e}", l1(&b1, &hist));
    assert!((b3.iter().sum::<f64>() - 1.0).abs() < 1e-10);
}

#[test]
fn bad_inputs_are_rejected() {
    let a = Mat::from_fn(4, 2, |_, _| 0.25);
    let cost = Mat::from_fn(4, 4, |i, j| (i as f64 - j as f64).powi(2));
    let e = barycenter(a.as_ref(), cost.as_ref(), None, &params(0.0)).unwrap_err();
    assert_eq!(e.kind, otcore::ErrorKind::InvalidArgument);
    let bad = Mat::from_fn(4, 2, |i, _| if i == 0 { 0.5 } else { 0.25 });
    let e = barycenter(bad.as_ref(), cost.as_ref(), None, &params(0.1)).unwrap_err();
    assert_eq!(e.kind, otcore::ErrorKind::MassMismatch);
    let e = convolutional_barycenter(a.as_ref(), 3, 2, None, &params(0.1), 1).unwrap_err();
    assert_eq!(e.kind, otcore::ErrorKind::InvalidDimension);
}

/// Two Gaussian bumps on an h×w grid plus `floor`, each summing to 1, as the columns of an
/// (h·w)×2 matrix; with `floor` 0 the values below 1e-2 of the peak are exactly 0.
fn two_images(h: usize, w: usize, floor: f64) -> Mat<f64> {
    let a = Mat::from_fn(h * w, 2, |i, c| {
        let (r, col) = ((i / w) as f64 / h as f64, (i % w) as f64 / w as f64);
        let (cr, cc) = if c == 0 { (0.2, 0.3) } else { (0.8, 0.6) };
        let v = (-((r - cr).powi(2) + (col - cc).powi(2)) / 0.02).exp();
        if floor == 0.0 && v < 1e-2 {
            0.0
        } else {
            v + floor
        }
    });
    let sums: Vec<f64> = (0..2).map(|c| a.col(c).iter().sum()).collect();
    Mat::from_fn(h * w, 2, |i, c| a[(i, c)] / sums[c])
}

#[test]
fn convolutional_over_several_row_blocks_equals_fixed_support_and_is_thread_invariant() {
    // h = 130 spans three row blocks. With ε = 1e-4 the kernel underflows beyond ~35 pixels
    // and the images have empty regions, so the stabilised sums of far entries fall below
    // the floor and take the exact log-sum-exp fallback (checked by making it panic).
    // Same iterations (tol 0) in both solvers: same iterates.
    let (h, w) = (130, 5);
    let cost = grid_cost(h, w);
    for (eps, floor) in [(2e-2, 1e-3), (1e-4, 0.0)] {
        let a = two_images(h, w, floor);
        let p = BarycenterParams {
            epsilon: eps,
            max_iter: 15,
            tol: 0.0,
        };
        let wts = Some(&[0.3, 0.7][..]);
        let (fixed, _) = barycenter(a.as_ref(), cost.as_ref(), wts, &p).unwrap();
        let (conv, _) = convolutional_barycenter(a.as_ref(), h, w, wts, &p, 1).unwrap();
        let err = l1(&conv, &fixed);
        assert!(err < 1e-10, "eps {eps}: L1 {err:e}");
        for threads in [2, 3] {
            let (c, _) = convolutional_barycenter(a.as_ref(), h, w, wts, &p, threads).unwrap();
            assert_eq!(c, conv, "eps {eps}, {threads} threads");
        }
    }
}

#[test]
fn f32_agrees_with_f64() {
    let (h, w) = (70, 40);
    let a = two_images(h, w, 1e-3);
    let a32 = Mat::from_fn(h * w, 2, |i, c| a[(i, c)] as f32);
    let p = BarycenterParams {
        epsilon: 1e-2,
        max_iter: 3000,
        tol: 1e-6,
    };
    let wts = [1.0, 2.0];
    let (b64, i64) = convolutional_barycenter(a.as_ref(), h, w, Some(&wts), &p, 1).unwrap();
    let (b32, i32) =
        convolutional_barycenter(a32.as_ref(), h, w, Some(&[1.0f32, 2.0]), &p, 1).unwrap();
    assert!(i64.converged && i32.converged, "{i64:?} {i32:?}");
    let d: f64 = b64
        .iter()
        .zip(&b32)
        .map(|(x, y)| (x - *y as f64).abs())
        .sum();
    assert!(d < 1e-4, "convolutional f32 vs f64: L1 {d:e}");
    let s32: f64 = b32.iter().map(|&v| v as f64).sum();
    assert!((s32 - 1.0).abs() < 1e-4, "f32 mass {s32}");
    for threads in [2, 3] {
        let (c, _) =
            convolutional_barycenter(a32.as_ref(), h, w, Some(&[1.0f32, 2.0]), &p, threads)
                .unwrap();
        assert_eq!(c, b32, "f32, {threads} threads");
    }
    // Fixed support on a 1-D grid.
    let f = read_fixture("fixed.txt");
    let (n, k, reg) = (f[0][0] as usize, f[0][1] as usize, f[0][2]);
    let a32 = Mat::from_fn(n, k, |i, c| f[2][i * k + c] as f32);
    let cost = Mat::from_fn(n, n, |i, j| {
        ((i as f64 - j as f64) / (n - 1) as f64).powi(2)
    });
    let cost32 = Mat::from_fn(n, n, |i, j| cost[(i, j)] as f32);
    let w32: Vec<f32> = f[1].iter().map(|&v| v as f32).collect();
    let p = BarycenterParams {
        epsilon: reg,
        max_iter: 20_000,
        tol: 1e-6,
    };
    let (b32, info) = barycenter(a32.as_ref(), cost32.as_ref(), Some(&w32), &p).unwrap();
    assert!(info.converged, "{info:?}");
    let d: f64 = b32
        .iter()
        .zip(&f[3])
        .map(|(x, y)| (*x as f64 - y).abs())
        .sum();
    assert!(d < 1e-4, "fixed f32 vs POT: L1 {d:e}");
}

#[test]
fn f32_bad_inputs_are_rejected() {
    let a = Mat::from_fn(6, 2, |_, _| 1.0f32 / 6.0);
    let mut nan = a.clone();
    nan[(2, 1)] = f32::NAN;
    let p = params(0.1);
    let e = convolutional_barycenter(nan.as_ref(), 2, 3, None, &p, 1).unwrap_err();
    assert_eq!(e.kind, otcore::ErrorKind::NonFinite);
    let e = convolutional_barycenter(a.as_ref(), 2, 3, Some(&[1.0f32, -1.0]), &p, 1).unwrap_err();
    assert_eq!(e.kind, otcore::ErrorKind::InvalidArgument);
    let cost = Mat::from_fn(6, 5, |_, _| 1.0f32);
    let e = barycenter(a.as_ref(), cost.as_ref(), None, &p).unwrap_err();
    assert_eq!(e.kind, otcore::ErrorKind::InvalidDimension);
}

/// An observer that stops at iteration 4 (`progress::observe`): both solvers stop there with
/// `cancelled`, the error they reported, and the iterate a cap of 4 iterations gives.
#[test]
fn an_observer_stops_both_solvers_at_the_current_iterate() {
    use otcore::progress::{observe, Flow};
    let (h, w) = (4, 5);
    let n = h * w;
    let a = Mat::from_fn(n, 2, |i, c| (1 + (i * 3 + c * 7) % 5) as f64);
    let sums: Vec<f64> = (0..2).map(|c| a.col(c).iter().sum()).collect();
    let a = Mat::from_fn(n, 2, |i, c| a[(i, c)] / sums[c]);
    let cost = grid_cost(h, w);
    let p = BarycenterParams {
        epsilon: 0.05,
        max_iter: 1000,
        tol: 0.0,
    };
    let capped = BarycenterParams { max_iter: 4, ..p };
    let mut seen = Vec::new();
    let mut stop_at_4 = |it: u64, err: f64| {
        seen.push((it, err));
        if it == 4 {
            Flow::Stop
        } else {
            Flow::Continue
        }
    };
    let (bar, info) = observe(&mut stop_at_4, || {
        barycenter(a.as_ref(), cost.as_ref(), None, &p).unwrap()
    });
    assert!(info.cancelled && !info.converged);
    assert_eq!(info.iterations, 4);
    assert_eq!(seen.iter().map(|s| s.0).collect::<Vec<_>>(), [1, 2, 3, 4]);
    assert_eq!(seen[3].1, info.error);
    let (want, want_info) = barycenter(a.as_ref(), cost.as_ref(), None, &capped).unwrap();
    assert_eq!(bar, want);
    assert!(!want_info.cancelled);
    let mut stop_at_4 = |it: u64, _: f64| if it == 4 { Flow::Stop } else { Flow::Continue };
    let (bar, info) = observe(&mut stop_at_4, || {
        convolutional_barycenter(a.as_ref(), h, w, None, &p, 1).unwrap()
    });
    assert!(info.cancelled && info.iterations == 4);
    let (want, _) = convolutional_barycenter(a.as_ref(), h, w, None, &capped, 1).unwrap();
    assert_eq!(bar, want);
}

// ---- free-support barycenters (exact inner solves) ------------------------------------------

mod free_support {
    use faer::{Mat, MatRef};
    use otcore::barycenter::{free_support_barycenter, FreeSupportParams, Inner};
    use otcore::progress::{observe, Flow};
    use otcore::ErrorKind;

    /// xorshift64* uniforms and Box–Muller normals (fixed seeds, no dependency).
    struct Rng(u64);
    impl Rng {
        fn uniform(&mut self) -> f64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            ((self.0.wrapping_mul(0x2545F4914F6CDD1D) >> 11) as f64 + 0.5) / (1u64 << 53) as f64
        }
        fn normal(&mut self) -> f64 {
            let (u, v) = (self.uniform(), self.uniform());
            (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
        }
    }

    /// n samples of N(mean, L Lᵀ) in 2-D, L lower triangular (l11, l21, l22).
    fn gaussian_cloud(rng: &mut Rng, n: usize, mean: [f64; 2], l: [f64; 3]) -> Mat<f64> {
        let mut x = Mat::<f64>::zeros(n, 2);
        for i in 0..n {
            let (z1, z2) = (rng.normal(), rng.normal());
            x[(i, 0)] = mean[0] + l[0] * z1;
            x[(i, 1)] = mean[1] + l[1] * z1 + l[2] * z2;
        }
        x
    }

    /// The relative (Frobenius) error of the covariance of the support `x` against the Gaussian
    /// barycenter with weights `lambda` of the laws N(means[i], L_i L_iᵀ) (L_i lower triangular
    /// (l11, l21, l22)), after checking the support's mean against the barycenter's within
    /// `mean_tol`.
    fn covariance_error(
        x: &Mat<f64>,
        means: &[[f64; 2]],
        ls: &[[f64; 3]],
        lambda: &[f64],
        mean_tol: f64,
    ) -> f64 {
        let (mean, cov) = otcore::gaussian::moments(x.as_ref(), None).unwrap();
        let gm = Mat::from_fn(means.len(), 2, |i, t| means[i][t]);
        let gc: Vec<Mat<f64>> = ls
            .iter()
            .map(|l| {
                let lm = Mat::from_fn(2, 2, |r, c| match (r, c) {
                    (0, 0) => l[0],
                    (1, 0) => l[1],
                    (1, 1) => l[2],
                    _ => 0.0,
                });
                &lm * lm.transpose()
            })
            .collect();
        let views: Vec<MatRef<'_, f64>> = gc.iter().map(|c| c.as_ref()).collect();
        let g =
            otcore::gaussian::barycenter(gm.as_ref(), &views, lambda, &Default::default()).unwrap();
        for t in 0..2 {
            assert!(
                (mean[t] - g.mean[t]).abs() <= mean_tol,
                "{mean:?} vs {:?}",
                g.mean
            );
        }
        (&cov - &g.cov).norm_l2() / g.cov.norm_l2()
    }

    fn params(max_iter: u64) -> FreeSupportParams {
        FreeSupportParams {
            max_iter,
            tol: 1e-12,
            inner: Inner::Exact,
        }
    }

    /// Entropic inner solves at `epsilon`, each to an L1 marginal error of `inner_tol`.
    fn entropic(max_iter: u64, tol: f64, epsilon: f64, inner_tol: f64) -> FreeSupportParams {
        FreeSupportParams {
            max_iter,
            tol,
            inner: Inner::Sinkhorn {
                epsilon,
                max_iter: 5_000,
                tolerance: inner_tol,
            },
        }
    }

    #[test]
    fn the_entropic_barycenter_approaches_the_exact_one_as_epsilon_goes_to_zero() {
        // Two clouds of 8 points and a support of 8, uniform weights: the exact plans are
        // permutations (unique for these points), the exact barycenter a fixed point.
        let mut rng = Rng(11);
        let c1 = gaussian_cloud(&mut rng, 8, [0.0, 0.0], [1.0, 0.3, 0.6]);
        let c2 = gaussian_cloud(&mut rng, 8, [2.0, 1.0], [0.5, -0.2, 1.2]);
        let w = vec![1.0 / 8.0; 8];
        let measures = [(c1.as_ref(), &w[..]), (c2.as_ref(), &w[..])];
        let x0 = gaussian_cloud(&mut rng, 8, [1.0, 0.0], [1.0, 0.0, 1.0]);
        let (a, lambda) = (w.clone(), [0.4, 0.6]);
        let (exact, info) =
            free_support_barycenter(&measures, &lambda, x0.as_ref(), &a, &params(200), 1).unwrap();
        assert!(info.converged);
        // From the exact fixed point (whose plans are unique), the entropic iteration settles
        // at the nearby entropic fixed point, which tends to it as ε → 0.
        let mut last = f64::INFINITY;
        for eps in [0.1, 0.03, 0.01] {
            let (x, info) = free_support_barycenter(
                &measures,
                &lambda,
                exact.as_ref(),
                &a,
                &entropic(300, 1e-7, eps, 1e-10),
                1,
            )
            .unwrap();
            assert!(info.converged, "eps = {eps}: {info:?}");
            let dist = (&x - &exact).norm_max();
            eprintln!(
                "eps = {eps}: {} iterations, max distance {dist:e}",
                info.iterations
            );
            assert!(dist < last, "eps = {eps}: {dist} >= {last}");
            last = dist;
        }
        assert!(last <= 1e-3, "{last}");
    }

    #[test]
    fn the_entropic_barycenter_of_gaussian_samples_approaches_the_gaussian_barycenter() {
        let mut rng = Rng(77);
        let n = 80;
        let means = [[0.0, 0.0], [4.0, 1.0]];
        let ls = [[1.0, 0.0, 0.5], [2.0, -0.6, 0.8]];
        let clouds: Vec<Mat<f64>> = (0..2)
            .map(|i| gaussian_cloud(&mut rng, n, means[i], ls[i]))
            .collect();
        let w = vec![1.0 / n as f64; n];
        let lambda = [1.0, 2.0];
        let measures: Vec<(MatRef<'_, f64>, &[f64])> =
            clouds.iter().map(|c| (c.as_ref(), &w[..])).collect();
        let x0 = gaussian_cloud(&mut rng, n, [1.0, 1.0], [1.0, 0.0, 1.0]);
        let (x, info) = free_support_barycenter(
            &measures,
            &lambda,
            x0.as_ref(),
            &w,
            &entropic(60, 0.0, 0.3, 1e-6),
            0,
        )
        .unwrap();
        // The entropic fixed point is approached linearly: 60 iterations move the support by
        // less than 1e-2 at the end, far below the sampling error checked below.
        assert!(info.displacement <= 1e-2, "{info:?}");
        // The sample mean within 4 standard errors (σ ≤ 2.2, n = 80: 0.98), the covariance
        // within 15% (Frobenius, relative).
        let err = covariance_error(&x, &means, &ls, &lambda, 0.98);
        assert!(err <= 0.15, "covariance error {err}");
    }

    #[test]
    fn barycenter_of_gaussian_samples_approaches_the_gaussian_barycenter() {
        let mut rng = Rng(2014);
        let n = 500;
        let means = [[0.0, 0.0], [4.0, 1.0], [-2.0, 3.0]];
        let ls = [[1.0, 0.0, 0.5], [2.0, -0.6, 0.8], [0.7, 0.4, 1.5]];
        for k in [2, 3] {
            let clouds: Vec<Mat<f64>> = (0..k)
                .map(|i| gaussian_cloud(&mut rng, n, means[i], ls[i]))
                .collect();
            let w = vec![1.0 / n as f64; n];
            let lambda: Vec<f64> = (0..k).map(|i| (i + 1) as f64).collect();
            let measures: Vec<(MatRef<'_, f64>, &[f64])> =
                clouds.iter().map(|c| (c.as_ref(), &w[..])).collect();
            let x0 = gaussian_cloud(&mut rng, n, [1.0, 1.0], [1.0, 0.0, 1.0]);
            let (x, info) =
                free_support_barycenter(&measures, &lambda, x0.as_ref(), &w, &params(200), 0)
                    .unwrap();
            assert!(info.converged, "{info:?}");
            // The mean is Σ λ_i mean(μ_i) / Σλ exactly (the projections preserve means).
            let lam: f64 = lambda.iter().sum();
            let (mean, _) = otcore::gaussian::moments(x.as_ref(), None).unwrap();
            for (t, &got) in mean.iter().enumerate() {
                let want: f64 = (0..k)
                    .map(|i| lambda[i] * clouds[i].col(t).iter().sum::<f64>() / n as f64)
                    .sum::<f64>()
                    / lam;
                assert!((got - want).abs() <= 1e-12, "k={k}: {got} vs {want}");
            }
            // Against the Gaussian barycenter of the generating laws: the sample mean within
            // 4 standard errors (σ ≤ 2.2, n = 500: 0.4) and the covariance within 15%
            // (Frobenius, relative; one covariance estimate from 500 samples errs by ~6%).
            let err = covariance_error(&x, &means[..k], &ls[..k], &lambda, 0.4);
            assert!(err <= 0.15, "k={k}: covariance error {err}");
        }
    }

    /// A small problem: k = 3 clouds of 40, 60, 50 points, a support of 30 points.
    /// Clouds, their weights, an initial support and its weights.
    type Problem = (Vec<Mat<f64>>, Vec<Vec<f64>>, Mat<f64>, Vec<f64>);

    fn small() -> Problem {
        let mut rng = Rng(7);
        let clouds: Vec<Mat<f64>> = [40, 60, 50]
            .iter()
            .enumerate()
            .map(|(i, &n)| gaussian_cloud(&mut rng, n, [i as f64, -(i as f64)], [1.0, 0.3, 0.6]))
            .collect();
        let weights: Vec<Vec<f64>> = clouds
            .iter()
            .map(|c| {
                let w: Vec<f64> = (0..c.nrows()).map(|_| rng.uniform() + 0.1).collect();
                let s: f64 = w.iter().sum();
                w.iter().map(|v| v / s).collect()
            })
            .collect();
        let x0 = gaussian_cloud(&mut rng, 30, [0.0, 0.0], [1.0, 0.0, 1.0]);
        (clouds, weights, x0, vec![1.0 / 30.0; 30])
    }

    #[test]
    fn the_objective_never_increases_and_threads_do_not_change_the_result() {
        let (clouds, weights, x0, a) = small();
        let measures: Vec<(MatRef<'_, f64>, &[f64])> = clouds
            .iter()
            .zip(&weights)
            .map(|(c, w)| (c.as_ref(), &w[..]))
            .collect();
        let lambda = [0.2, 0.5, 0.3];
        let mut last = f64::INFINITY;
        for iters in 1..=8 {
            let (_, info) =
                free_support_barycenter(&measures, &lambda, x0.as_ref(), &a, &params(iters), 1)
                    .unwrap();
            assert!(
                info.objective <= last * (1.0 + 1e-14),
                "{iters}: {} > {last}",
                info.objective
            );
            last = info.objective;
        }
        let (x1, i1) =
            free_support_barycenter(&measures, &lambda, x0.as_ref(), &a, &params(50), 1).unwrap();
        for threads in [2, 3] {
            let (xt, it) =
                free_support_barycenter(&measures, &lambda, x0.as_ref(), &a, &params(50), threads)
                    .unwrap();
            assert_eq!(it, i1);
            assert!(xt == x1, "threads = {threads}");
        }
        // An observer stops after the first iteration with the support reached.
        let (_, stopped) = observe(&mut |_, _| Flow::Stop, || {
            free_support_barycenter(&measures, &lambda, x0.as_ref(), &a, &params(50), 1)
        })
        .unwrap();
        assert!(stopped.cancelled && !stopped.converged && stopped.iterations == 1);
    }

    #[test]
    fn one_measure_is_its_own_barycenter() {
        let mut rng = Rng(3);
        let n = 25;
        let y = gaussian_cloud(&mut rng, n, [1.0, 2.0], [1.0, 0.2, 0.5]);
        let w = vec![1.0 / n as f64; n];
        let x0 = gaussian_cloud(&mut rng, n, [0.0, 0.0], [1.0, 0.0, 1.0]);
        let (x, info) = free_support_barycenter(
            &[(y.as_ref(), &w[..])],
            &[2.0],
            x0.as_ref(),
            &w,
            &params(10),
            0,
        )
        .unwrap();
        // One move puts each point on its match (the plan is a permutation), the next moves by
        // rounding only.
        assert!(info.converged && info.iterations == 2, "{info:?}");
        let rows = |m: &Mat<f64>| {
            let mut r: Vec<[f64; 2]> = (0..n).map(|i| [m[(i, 0)], m[(i, 1)]]).collect();
            r.sort_by(|p, q| p[0].total_cmp(&q[0]));
            r
        };
        for (p, q) in rows(&x).iter().zip(rows(&y)) {
            for t in 0..2 {
                assert!(
                    (p[t] - q[t]).abs() <= 1e-15 * q[t].abs().max(1.0),
                    "{p:?} vs {q:?}"
                );
            }
        }
    }

    #[test]
    fn bad_inputs_are_rejected() {
        let (clouds, weights, x0, a) = small();
        let m = |i: usize| (clouds[i].as_ref(), &weights[i][..]);
        let run = |ms: &[(MatRef<'_, f64>, &[f64])], lambda: &[f64], x0: MatRef<'_, f64>| {
            free_support_barycenter(ms, lambda, x0, &a, &params(5), 1).unwrap_err()
        };
        let heavy: Vec<f64> = weights[1].iter().map(|v| 2.0 * v).collect();
        let e = run(
            &[m(0), (clouds[1].as_ref(), &heavy)],
            &[1.0, 1.0],
            x0.as_ref(),
        );
        assert_eq!(e.kind, ErrorKind::MassMismatch);
        assert!(e.message.starts_with("measure 1: "), "{}", e.message);
        let e = run(&[m(0), m(1)], &[1.0, -1.0], x0.as_ref());
        assert!(e.message.starts_with("lambda[1]"), "{}", e.message);
        let e = run(&[m(0), m(1)], &[0.0, 0.0], x0.as_ref());
        assert!(e.message.contains("lambda sums to 0"), "{}", e.message);
        let e = run(&[m(0)], &[1.0, 1.0], x0.as_ref());
        assert_eq!(e.kind, ErrorKind::InvalidDimension);
        let empty = Mat::<f64>::zeros(0, 2);
        let e = run(&[m(0), (empty.as_ref(), &[])], &[1.0, 1.0], x0.as_ref());
        assert!(
            e.message.contains("measure 1 has no samples"),
            "{}",
            e.message
        );
        let mut nan = x0.clone();
        nan[(3, 1)] = f64::NAN;
        let e = run(&[m(0)], &[1.0], nan.as_ref());
        assert!(e.message.starts_with("x0[3, 1]"), "{}", e.message);
        let x3 = Mat::<f64>::zeros(30, 3);
        let e = run(&[m(0)], &[1.0], x3.as_ref());
        assert!(e.message.contains("dimension 2 and x0 3"), "{}", e.message);
        let e = free_support_barycenter(
            &[m(0)],
            &[1.0],
            x0.as_ref(),
            &a,
            &FreeSupportParams {
                max_iter: 5,
                tol: f64::NAN,
                inner: Inner::Exact,
            },
            1,
        )
        .unwrap_err();
        assert!(e.message.starts_with("tol is"), "{}", e.message);
        for eps in [0.0, -1.0, f64::NAN, f64::INFINITY] {
            let e = free_support_barycenter(
                &[m(0)],
                &[1.0],
                x0.as_ref(),
                &a,
                &entropic(5, 1e-9, eps, 1e-9),
                1,
            )
            .unwrap_err();
            assert_eq!(e.kind, ErrorKind::InvalidArgument);
            assert!(e.message.starts_with("epsilon is"), "{}", e.message);
        }
        let mut p = entropic(5, 1e-9, 0.1, 1e-9);
        p.inner = Inner::Sinkhorn {
            epsilon: 0.1,
            max_iter: 0,
            tolerance: 1e-9,
        };
        let e = free_support_barycenter(&[m(0)], &[1.0], x0.as_ref(), &a, &p, 1).unwrap_err();
        assert!(e.message.contains("inner max_iter is 0"), "{}", e.message);
    }
}
