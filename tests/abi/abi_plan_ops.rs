//! The C ABI of the plan operations (`otc_plan_position_gradient_f64`,
//! `otc_displacement_interpolation_f64`), called as a C caller would, on plans from
//! `otc_emd_f64`: the position gradient against central finite differences of the exact OT
//! value (re-solved through the C ABI), the same from the sparse and the dense plan; the
//! interpolation at t = 0 and 1 carries x's and y's masses, at t = 1/2 between samples of two
//! Gaussians it approaches the Gaussian geodesic's midpoint; the workspace query (0 bytes);
//! against a hostile caller: NULLs, both or neither plan, a partial triplet, entries outside
//! the problem, negative masses, NaN points, bad t and metrics, wrong output shapes, and every
//! output over every input. Each refusal checks the status, the message and that nothing was
//! written.

use crate::abi_support;
use abi_support::*;

use faer::Mat;
use otcore::ffi::cost::*;
use otcore::ffi::exact::*;
use otcore::ffi::plan_ops::*;
use otcore::ffi::shape::{otc_report, otc_workspace};
use otcore::ffi::status::*;
use otcore::gaussian::{geodesic, PsdTolerances};
use std::mem::size_of;
use std::ptr::{null, null_mut};

/// A deterministic uniform generator in [0, 1).
struct Rng(u64);

impl Rng {
    fn uniform(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
    /// A standard normal sample (Box–Muller).
    fn normal(&mut self) -> f64 {
        let (u, v) = (self.uniform().max(1e-300), self.uniform());
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }
}

/// An exact OT solve through the C ABI: cost matrix of `metric`, then the network simplex.
struct Solved {
    cost: f64,
    rows: Vec<usize>,
    cols: Vec<usize>,
    mass: Vec<f64>,
    dense: Vec<f64>,
}

fn emd_c(x: &[f64], y: &[f64], a: &[f64], b: &[f64], d: usize, metric: i32) -> Solved {
    let (n, m) = (a.len(), b.len());
    let mut c = vec![0.0; n * m];
    let mut co = defaults(otc_cost_matrix_options_default);
    co.metric = metric;
    co.p = 3.0;
    co.num_threads = 1;
    let cp = otc_cost_matrix_problem_f64 {
        struct_size: size_of::<otc_cost_matrix_problem_f64>(),
        x: view(x, n, d),
        y: view(y, m, d),
    };
    let mut cout = otc_cost_matrix_outputs_f64 {
        struct_size: size_of::<otc_cost_matrix_outputs_f64>(),
        report: otc_report::default(),
        cost: view_mut(&mut c, n, m),
    };
    let cap = n + m - 1;
    let (mut rows, mut cols, mut mass) = (vec![0usize; cap], vec![0usize; cap], vec![0.0; cap]);
    let mut dense = vec![0.0; n * m];
    let p = otc_emd_problem_f64 {
        struct_size: size_of::<otc_emd_problem_f64>(),
        a: a.as_ptr(),
        n,
        b: b.as_ptr(),
        m,
        cost: view(&c, n, m),
        warm_f: null(),
        warm_g: null(),
    };
    let mut out = otc_emd_outputs_f64 {
        struct_size: size_of::<otc_emd_outputs_f64>(),
        report: otc_report::default(),
        cost: 0.0,
        gap: 0.0,
        nnz: 0,
        f: null_mut(),
        g: null_mut(),
        plan_rows: rows.as_mut_ptr(),
        plan_cols: cols.as_mut_ptr(),
        plan_mass: mass.as_mut_ptr(),
        plan: view_mut(&mut dense, n, m),
    };
    // SAFETY: every pointer valid for its stated length, outputs disjoint.
    unsafe {
        assert_eq!(otc_cost_matrix_f64(&cp, &mut cout, &co, NO_WORK), OTC_OK);
        assert_eq!(otc_emd_f64(&p, &mut out, null(), NO_WORK), OTC_OK);
    }
    let nnz = out.nnz;
    rows.truncate(nnz);
    cols.truncate(nnz);
    mass.truncate(nnz);
    Solved {
        cost: out.cost,
        rows,
        cols,
        mass,
        dense,
    }
}

fn grad_problem(
    x: &[f64],
    y: &[f64],
    s: &Solved,
    n: usize,
    m: usize,
    d: usize,
) -> otc_plan_position_gradient_problem_f64 {
    otc_plan_position_gradient_problem_f64 {
        struct_size: size_of::<otc_plan_position_gradient_problem_f64>(),
        x: view(x, n, d),
        y: view(y, m, d),
        plan_nnz: s.rows.len(),
        plan_rows: s.rows.as_ptr(),
        plan_cols: s.cols.as_ptr(),
        plan_mass: s.mass.as_ptr(),
        plan: no_view(),
    }
}

fn cloud(rng: &mut Rng, len: usize, shift: f64) -> Vec<f64> {
    (0..len)
        .map(|i| rng.uniform() + shift * (i % 2) as f64)
        .collect()
}

fn normalised(w: Vec<f64>) -> Vec<f64> {
    let s: f64 = w.iter().sum();
    w.into_iter().map(|v| v / s).collect()
}

#[test]
fn position_gradient_matches_finite_differences_of_the_exact_value() {
    let mut rng = Rng(5);
    let (n, m, d) = (7, 6, 2);
    for metric in [
        OTC_METRIC_SQEUCLIDEAN,
        OTC_METRIC_EUCLIDEAN,
        OTC_METRIC_MINKOWSKI,
    ] {
        let x = cloud(&mut rng, n * d, 0.0);
        let y = cloud(&mut rng, m * d, 0.7);
        let a = normalised((0..n).map(|_| rng.uniform() + 0.2).collect());
        let b = normalised((0..m).map(|_| rng.uniform() + 0.2).collect());
        let s = emd_c(&x, &y, &a, &b, d, metric);
        let p = grad_problem(&x, &y, &s, n, m, d);
        let mut o = defaults(otc_plan_position_gradient_options_default);
        o.metric = metric;
        o.p = 3.0;
        let (mut gx, mut gy) = (vec![SENTINEL; n * d], vec![SENTINEL; m * d]);
        let mut out = otc_plan_position_gradient_outputs_f64 {
            struct_size: size_of::<otc_plan_position_gradient_outputs_f64>(),
            report: otc_report::default(),
            gx: view_mut(&mut gx, n, d),
            gy: view_mut(&mut gy, m, d),
        };
        let mut bytes = usize::MAX;
        // SAFETY: every pointer valid for its stated length, outputs disjoint; a workspace of
        // the queried 0 bytes.
        unsafe {
            assert_eq!(
                otc_plan_position_gradient_workspace_size_f64(&p, &o, &mut bytes),
                OTC_OK
            );
            assert_eq!(bytes, 0);
            let mut none = [0u8; 1];
            let work = otc_workspace {
                data: none.as_mut_ptr().cast(),
                bytes: 0,
            };
            let st = otc_plan_position_gradient_f64(&p, &mut out, &o, work);
            assert_eq!(
                st,
                OTC_OK,
                "{}",
                otcore::ffi::boundary::last_error_message()
            );
        }
        assert_eq!(out.report.status, OTC_OK);
        let h = 1e-6;
        for (first, g) in [(true, &gx), (false, &gy)] {
            for k in 0..g.len() {
                let at = |dx: f64| {
                    let (mut xs, mut ys) = (x.clone(), y.clone());
                    if first {
                        xs[k] += dx;
                    } else {
                        ys[k] += dx;
                    }
                    emd_c(&xs, &ys, &a, &b, d, metric).cost
                };
                let fd = (at(h) - at(-h)) / (2.0 * h);
                assert!(
                    (fd - g[k]).abs() <= 1e-6,
                    "metric {metric}, {} {k}: finite difference {fd}, gradient {}",
                    if first { "x" } else { "y" },
                    g[k]
                );
            }
        }
        // The dense plan gives the same gradient (up to the order of the sums).
        let pd = otc_plan_position_gradient_problem_f64 {
            plan_nnz: 0,
            plan_rows: null(),
            plan_cols: null(),
            plan_mass: null(),
            plan: view(&s.dense, n, m),
            ..p
        };
        let (mut dx, mut dy) = (vec![SENTINEL; n * d], vec![SENTINEL; m * d]);
        let mut dout = otc_plan_position_gradient_outputs_f64 {
            gx: view_mut(&mut dx, n, d),
            gy: view_mut(&mut dy, m, d),
            ..out
        };
        // SAFETY: as above.
        let st = unsafe { otc_plan_position_gradient_f64(&pd, &mut dout, &o, NO_WORK) };
        assert_eq!(st, OTC_OK);
        for (u, v) in dx.iter().chain(&dy).zip(gx.iter().chain(&gy)) {
            assert!((u - v).abs() <= 1e-14, "dense {u} vs sparse {v}");
        }
    }
}

fn interp_problem(
    x: &[f64],
    y: &[f64],
    s: &Solved,
    n: usize,
    m: usize,
    d: usize,
    t: f64,
) -> otc_displacement_interpolation_problem_f64 {
    otc_displacement_interpolation_problem_f64 {
        struct_size: size_of::<otc_displacement_interpolation_problem_f64>(),
        x: view(x, n, d),
        y: view(y, m, d),
        plan_nnz: s.rows.len(),
        plan_rows: s.rows.as_ptr(),
        plan_cols: s.cols.as_ptr(),
        plan_mass: s.mass.as_ptr(),
        plan: no_view(),
        t,
    }
}

/// Runs the interpolation into fresh (points, weights) of `k` entries.
fn interpolate(
    p: &otc_displacement_interpolation_problem_f64,
    k: usize,
    d: usize,
) -> (Vec<f64>, Vec<f64>) {
    let (mut pts, mut w) = (vec![SENTINEL; k * d], vec![SENTINEL; k]);
    let mut out = otc_displacement_interpolation_outputs_f64 {
        struct_size: size_of::<otc_displacement_interpolation_outputs_f64>(),
        report: otc_report::default(),
        points: view_mut(&mut pts, k, d),
        weights: w.as_mut_ptr(),
    };
    let o = defaults(otc_displacement_interpolation_options_default);
    let mut bytes = usize::MAX;
    // SAFETY: every pointer valid for its stated length, outputs disjoint.
    unsafe {
        assert_eq!(
            otc_displacement_interpolation_workspace_size_f64(p, &o, &mut bytes),
            OTC_OK
        );
        assert_eq!(bytes, 0);
        let st = otc_displacement_interpolation_f64(p, &mut out, &o, NO_WORK);
        assert_eq!(
            st,
            OTC_OK,
            "{}",
            otcore::ffi::boundary::last_error_message()
        );
    }
    (pts, w)
}

/// The masses the weighted points put on each point of `cloud` (rows of d values); every
/// point must be one of the cloud's.
fn masses_on(cloud: &[f64], d: usize, pts: &[f64], w: &[f64]) -> Vec<f64> {
    let mut mass = vec![0.0; cloud.len() / d];
    for (p, &wk) in pts.chunks(d).zip(w) {
        let i = cloud
            .chunks(d)
            .position(|c| c == p)
            .unwrap_or_else(|| panic!("{p:?} is no point of the cloud"));
        mass[i] += wk;
    }
    mass
}

#[test]
fn interpolation_at_0_and_1_carries_the_masses_of_x_and_y() {
    let mut rng = Rng(9);
    let (n, m, d) = (8, 5, 3);
    let x = cloud(&mut rng, n * d, 0.0);
    let y = cloud(&mut rng, m * d, 1.0);
    let a = normalised((0..n).map(|_| rng.uniform() + 0.1).collect());
    let b = normalised((0..m).map(|_| rng.uniform() + 0.1).collect());
    let s = emd_c(&x, &y, &a, &b, d, OTC_METRIC_SQEUCLIDEAN);
    let k = s.rows.len();
    for (t, cloud, want) in [(0.0, &x, &a), (1.0, &y, &b)] {
        let (pts, w) = interpolate(&interp_problem(&x, &y, &s, n, m, d, t), k, d);
        let got = masses_on(cloud, d, &pts, &w);
        for (g, v) in got.iter().zip(want.iter()) {
            assert!((g - v).abs() <= 1e-15, "t = {t}: {g} vs {v}");
        }
        // The dense plan: n·m points, (i, j) at i·m + j.
        let pd = otc_displacement_interpolation_problem_f64 {
            plan_nnz: 0,
            plan_rows: null(),
            plan_cols: null(),
            plan_mass: null(),
            plan: view(&s.dense, n, m),
            ..interp_problem(&x, &y, &s, n, m, d, t)
        };
        let (pts, w) = interpolate(&pd, n * m, d);
        assert_eq!(w, s.dense);
        let got = masses_on(cloud, d, &pts, &w);
        for (g, v) in got.iter().zip(want.iter()) {
            assert!((g - v).abs() <= 1e-15, "dense, t = {t}: {g} vs {v}");
        }
    }
}

#[test]
fn the_midpoint_between_gaussian_samples_approaches_the_gaussian_geodesic() {
    // x ~ N(m1, S1), y ~ N(m2, S2) in 2-D, n samples each with uniform weights: the exact
    // plan's interpolant at t = 1/2 has the sample means' midpoint as its mean, and its
    // covariance tends to the Gaussian geodesic's Σ_{1/2} between the samples' moments.
    let mut rng = Rng(31);
    let (n, d) = (400, 2);
    let (m1, l1) = ([0.0, 0.0], [[1.0, 0.0], [0.6, 0.5]]);
    let (m2, l2) = ([3.0, -1.0], [[0.4, 0.0], [-0.3, 1.5]]);
    let sample = |rng: &mut Rng, mean: [f64; 2], l: [[f64; 2]; 2]| -> Vec<f64> {
        (0..n)
            .flat_map(|_| {
                let z = [rng.normal(), rng.normal()];
                [
                    mean[0] + l[0][0] * z[0],
                    mean[1] + l[1][0] * z[0] + l[1][1] * z[1],
                ]
            })
            .collect()
    };
    let (x, y) = (sample(&mut rng, m1, l1), sample(&mut rng, m2, l2));
    let w = vec![1.0 / n as f64; n];
    let s = emd_c(&x, &y, &w, &w, d, OTC_METRIC_SQEUCLIDEAN);
    let k = s.rows.len();
    let (pts, wt) = interpolate(&interp_problem(&x, &y, &s, n, n, d, 0.5), k, d);
    let moments = |pts: &[f64], w: &[f64]| {
        let mut mean = [0.0; 2];
        for (p, &v) in pts.chunks(d).zip(w) {
            mean[0] += v * p[0];
            mean[1] += v * p[1];
        }
        let mut cov = Mat::<f64>::zeros(2, 2);
        for (p, &v) in pts.chunks(d).zip(w) {
            for r in 0..2 {
                for c in 0..2 {
                    cov[(r, c)] += v * (p[r] - mean[r]) * (p[c] - mean[c]);
                }
            }
        }
        (mean, cov)
    };
    let (mx, sx) = moments(&x, &w);
    let (my, sy) = moments(&y, &w);
    let (mt, st) = moments(&pts, &wt);
    let (gm, gs, _) = geodesic(
        &mx,
        sx.as_ref(),
        &my,
        sy.as_ref(),
        0.5,
        &PsdTolerances::default(),
    )
    .unwrap();
    for t in 0..2 {
        assert!(
            (mt[t] - gm[t]).abs() <= 1e-12,
            "mean {t}: {} vs {}",
            mt[t],
            gm[t]
        );
    }
    let err = (0..2)
        .flat_map(|r| (0..2).map(move |c| (r, c)))
        .map(|(r, c)| (st[(r, c)] - gs[(r, c)]).powi(2))
        .sum::<f64>()
        .sqrt();
    let scale = (0..2).map(|r| gs[(r, r)]).sum::<f64>();
    assert!(
        err <= 0.05 * scale,
        "covariance error {err} (trace {scale})"
    );
}

/// A small problem (n = 3, m = 2, d = 2) with a sparse plan of 4 entries, kept in place for
/// the refusal cases.
struct Small {
    x: Vec<f64>,
    y: Vec<f64>,
    rows: [usize; 4],
    cols: [usize; 4],
    mass: [f64; 4],
    dense: Vec<f64>,
}

fn small() -> Small {
    Small {
        x: vec![0.0, 0.0, 1.0, 0.0, 0.0, 1.0],
        y: vec![2.0, 0.0, 0.0, 2.0],
        rows: [0, 1, 2, 0],
        cols: [0, 0, 1, 1],
        mass: [0.2, 0.3, 0.4, 0.1],
        dense: vec![0.2, 0.1, 0.3, 0.0, 0.0, 0.4],
    }
}

/// The address and name of every input of a problem over `s` whose struct is at `problem`.
fn inputs_of(problem: *const u8, s: &Small) -> [(*const u8, &'static str); 6] {
    [
        (problem, "problem"),
        (s.x.as_ptr().cast(), "problem->x"),
        (s.y.as_ptr().cast(), "problem->y"),
        (s.rows.as_ptr().cast(), "problem->plan_rows"),
        (s.cols.as_ptr().cast(), "problem->plan_cols"),
        (s.mass.as_ptr().cast(), "problem->plan_mass"),
    ]
}

fn small_grad(s: &Small) -> otc_plan_position_gradient_problem_f64 {
    otc_plan_position_gradient_problem_f64 {
        struct_size: size_of::<otc_plan_position_gradient_problem_f64>(),
        x: view(&s.x, 3, 2),
        y: view(&s.y, 2, 2),
        plan_nnz: 4,
        plan_rows: s.rows.as_ptr(),
        plan_cols: s.cols.as_ptr(),
        plan_mass: s.mass.as_ptr(),
        plan: no_view(),
    }
}

#[test]
fn position_gradient_refuses_bad_input_and_writes_nothing() {
    let s = small();
    let p = small_grad(&s);
    let (mut gx, mut gy) = ([SENTINEL; 6], [SENTINEL; 4]);
    let base = otc_plan_position_gradient_outputs_f64 {
        struct_size: size_of::<otc_plan_position_gradient_outputs_f64>(),
        report: otc_report::default(),
        gx: view_mut(&mut gx, 3, 2),
        gy: view_mut(&mut gy, 2, 2),
    };
    let run = |p: *const otc_plan_position_gradient_problem_f64,
               out: *mut otc_plan_position_gradient_outputs_f64,
               o: *const otc_plan_position_gradient_options| {
        // SAFETY: every pointer is NULL or valid for what it states (the cases' point).
        unsafe { otc_plan_position_gradient_f64(p, out, o, NO_WORK) }
    };
    let mut out = base;
    refused(
        run(null(), &mut out, null()),
        OTC_ERR_NULL_POINTER,
        "problem",
        "NULL problem",
    );
    refused(
        run(&p, null_mut(), null()),
        OTC_ERR_NULL_POINTER,
        "out",
        "NULL out",
    );
    let neg = [0.2, -0.3, 0.4, 0.1];
    let nan_x = [0.0, 0.0, f64::NAN, 0.0, 0.0, 1.0];
    let far = [0usize, 1, 3, 0];
    type Edit = Box<dyn Fn(&mut otc_plan_position_gradient_problem_f64)>;
    let (negp, nanp, farp, densep) = (neg.as_ptr(), nan_x.as_ptr(), far.as_ptr(), s.dense.as_ptr());
    let cases: Vec<(Edit, otc_status, &str)> = vec![
        (
            Box::new(|q| q.plan_cols = null()),
            OTC_ERR_NULL_POINTER,
            "go together",
        ),
        (
            Box::new(|q| {
                q.plan_rows = null();
                q.plan_cols = null();
                q.plan_mass = null();
            }),
            OTC_ERR_NULL_POINTER,
            "not neither",
        ),
        (
            Box::new(move |q| q.plan.data = densep),
            OTC_ERR_NULL_POINTER,
            "not both",
        ),
        (
            Box::new(|q| q.plan_nnz = 0),
            OTC_ERR_INVALID_DIMENSION,
            "plan_rows has length 0",
        ),
        (
            Box::new(move |q| q.plan_mass = negp),
            OTC_ERR_INVALID_ARGUMENT,
            "plan entry 1 has mass",
        ),
        (
            Box::new(move |q| q.plan_rows = farp),
            OTC_ERR_INVALID_ARGUMENT,
            "outside the 3x2",
        ),
        (
            Box::new(move |q| q.x.data = nanp),
            OTC_ERR_NON_FINITE,
            "x[1, 0]",
        ),
        (
            Box::new(|q| q.y.cols = 1),
            OTC_ERR_INVALID_DIMENSION,
            "dimensions must agree",
        ),
        (
            Box::new(|q| q.x.data = null()),
            OTC_ERR_NULL_POINTER,
            "problem->x",
        ),
        (
            Box::new(|q| q.struct_size = 8),
            OTC_ERR_ABI_MISMATCH,
            "problem->struct_size",
        ),
    ];
    for (edit, status, needle) in cases {
        let mut q = p;
        edit(&mut q);
        refused(run(&q, &mut out, null()), status, needle, needle);
    }
    // A dense plan of the wrong shape.
    let q = otc_plan_position_gradient_problem_f64 {
        plan_rows: null(),
        plan_cols: null(),
        plan_mass: null(),
        plan: view(&s.dense, 2, 3),
        ..p
    };
    refused(
        run(&q, &mut out, null()),
        OTC_ERR_INVALID_DIMENSION,
        "dense plan is 2x3",
        "dense",
    );
    // Options.
    let mut o = defaults(otc_plan_position_gradient_options_default);
    o.metric = 9;
    refused(
        run(&p, &mut out, &o),
        OTC_ERR_INVALID_ARGUMENT,
        "opts->metric = 9",
        "metric",
    );
    o.metric = OTC_METRIC_MINKOWSKI;
    o.p = 0.5;
    refused(
        run(&p, &mut out, &o),
        OTC_ERR_INVALID_ARGUMENT,
        "p = 0.5",
        "p",
    );
    o = defaults(otc_plan_position_gradient_options_default);
    o.num_threads = 300;
    refused(run(&p, &mut out, &o), OTC_ERR_THREADS, "300", "threads");
    // Outputs: shapes, twice-addressed elements.
    let mut o2 = base;
    o2.gx.rows = 2;
    refused(
        run(&p, &mut o2, null()),
        OTC_ERR_INVALID_DIMENSION,
        "gx is 2x2",
        "gx shape",
    );
    o2 = base;
    o2.gy.row_stride = 0;
    refused(
        run(&p, &mut o2, null()),
        OTC_ERR_INVALID_STRIDE,
        "out->gy",
        "gy twice",
    );
    // Every output over every input (and over the other output).
    for (at, name) in inputs_of(
        (&p as *const otc_plan_position_gradient_problem_f64).cast(),
        &s,
    ) {
        for which in 0..2 {
            let mut o2 = base;
            match which {
                0 => o2.gx.data = at as *mut f64,
                _ => o2.gy.data = at as *mut f64,
            }
            refused(run(&p, &mut o2, null()), OTC_ERR_ALIASING, name, name);
        }
    }
    let pd = otc_plan_position_gradient_problem_f64 {
        plan_rows: null(),
        plan_cols: null(),
        plan_mass: null(),
        plan: view(&s.dense, 3, 2),
        ..p
    };
    let mut o2 = base;
    o2.gx.data = s.dense.as_ptr() as *mut f64;
    refused(
        run(&pd, &mut o2, null()),
        OTC_ERR_ALIASING,
        "problem->plan",
        "gx over plan",
    );
    o2 = base;
    o2.gy.data = o2.gx.data;
    refused(
        run(&p, &mut o2, null()),
        OTC_ERR_ALIASING,
        "out->gx",
        "gy over gx",
    );
    // The outputs struct over an input: x, with room for the struct.
    let mut x_and_out = vec![0.0f64; 32];
    x_and_out[..6].copy_from_slice(&s.x);
    assert!(size_of::<otc_plan_position_gradient_outputs_f64>() <= 26 * 8);
    let over = x_and_out[6..].as_mut_ptr() as *mut otc_plan_position_gradient_outputs_f64;
    // SAFETY: 26 doubles hold one outputs struct.
    unsafe { over.write(base) };
    let q = otc_plan_position_gradient_problem_f64 {
        x: view(&x_and_out, 16, 2),
        ..p
    };
    refused(
        run(&q, over, null()),
        OTC_ERR_ALIASING,
        "problem->x",
        "out over x",
    );
    assert_eq!(out.report.status, 0);
    assert!(gx.iter().chain(&gy).all(|&v| v == SENTINEL));
    let mut bytes = 0;
    let mut o = defaults(otc_plan_position_gradient_options_default);
    o.num_threads = 300;
    // SAFETY: valid structs and output.
    let st = unsafe { otc_plan_position_gradient_workspace_size_f64(&p, &o, &mut bytes) };
    refused(st, OTC_ERR_THREADS, "300", "query threads");
}

#[test]
fn interpolation_refuses_bad_input_and_writes_nothing() {
    let s = small();
    let g = small_grad(&s);
    let p = otc_displacement_interpolation_problem_f64 {
        struct_size: size_of::<otc_displacement_interpolation_problem_f64>(),
        x: g.x,
        y: g.y,
        plan_nnz: 4,
        plan_rows: g.plan_rows,
        plan_cols: g.plan_cols,
        plan_mass: g.plan_mass,
        plan: no_view(),
        t: 0.25,
    };
    let (mut pts, mut w) = ([SENTINEL; 8], [SENTINEL; 4]);
    let base = otc_displacement_interpolation_outputs_f64 {
        struct_size: size_of::<otc_displacement_interpolation_outputs_f64>(),
        report: otc_report::default(),
        points: view_mut(&mut pts, 4, 2),
        weights: w.as_mut_ptr(),
    };
    let run = |p: *const otc_displacement_interpolation_problem_f64,
               out: *mut otc_displacement_interpolation_outputs_f64| {
        // SAFETY: every pointer is NULL or valid for what it states (the cases' point).
        unsafe { otc_displacement_interpolation_f64(p, out, null(), NO_WORK) }
    };
    let mut out = base;
    refused(
        run(null(), &mut out),
        OTC_ERR_NULL_POINTER,
        "problem",
        "NULL problem",
    );
    refused(run(&p, null_mut()), OTC_ERR_NULL_POINTER, "out", "NULL out");
    for t in [-0.1, 1.5, f64::NAN] {
        let q = otc_displacement_interpolation_problem_f64 { t, ..p };
        refused(run(&q, &mut out), OTC_ERR_INVALID_ARGUMENT, "t is", "t");
    }
    let neg = [0.2, 0.3, -0.4, 0.1];
    let q = otc_displacement_interpolation_problem_f64 {
        plan_mass: neg.as_ptr(),
        ..p
    };
    refused(
        run(&q, &mut out),
        OTC_ERR_INVALID_ARGUMENT,
        "plan entry 2",
        "negative mass",
    );
    let q = otc_displacement_interpolation_problem_f64 {
        plan_rows: null(),
        ..p
    };
    refused(
        run(&q, &mut out),
        OTC_ERR_NULL_POINTER,
        "go together",
        "partial triplet",
    );
    // The dense plan needs n·m = 6 points.
    let q = otc_displacement_interpolation_problem_f64 {
        plan_rows: null(),
        plan_cols: null(),
        plan_mass: null(),
        plan: view(&s.dense, 3, 2),
        ..p
    };
    refused(
        run(&q, &mut out),
        OTC_ERR_INVALID_DIMENSION,
        "expected 6x2",
        "dense count",
    );
    let mut o2 = base;
    o2.weights = null_mut();
    refused(
        run(&p, &mut o2),
        OTC_ERR_NULL_POINTER,
        "out->weights",
        "NULL weights",
    );
    o2 = base;
    o2.points.cols = 3;
    refused(
        run(&p, &mut o2),
        OTC_ERR_INVALID_DIMENSION,
        "out->points is 4x3",
        "points shape",
    );
    // Every output over every input, and over each other.
    for (at, name) in inputs_of(
        (&p as *const otc_displacement_interpolation_problem_f64).cast(),
        &s,
    ) {
        for which in 0..2 {
            let mut o2 = base;
            match which {
                0 => o2.points.data = at as *mut f64,
                _ => o2.weights = at as *mut f64,
            }
            refused(run(&p, &mut o2), OTC_ERR_ALIASING, name, name);
        }
    }
    o2 = base;
    o2.weights = o2.points.data;
    refused(
        run(&p, &mut o2),
        OTC_ERR_ALIASING,
        "out->points",
        "weights over points",
    );
    let mut x_and_out = vec![0.0f64; 40];
    x_and_out[..6].copy_from_slice(&s.x);
    assert!(size_of::<otc_displacement_interpolation_outputs_f64>() <= 34 * 8);
    let over = x_and_out[6..].as_mut_ptr() as *mut otc_displacement_interpolation_outputs_f64;
    // SAFETY: 34 doubles hold one outputs struct.
    unsafe { over.write(base) };
    let q = otc_displacement_interpolation_problem_f64 {
        x: view(&x_and_out, 20, 2),
        ..p
    };
    refused(run(&q, over), OTC_ERR_ALIASING, "problem->x", "out over x");
    assert_eq!(out.report.status, 0);
    assert!(pts.iter().chain(&w).all(|&v| v == SENTINEL));
}
