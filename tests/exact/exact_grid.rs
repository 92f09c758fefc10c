//! The sparse multiscale grid solver (`otcore::exact::emd_grid`) against the dense network
//! simplex (`emd` on the full cost matrix) and brute-force checks of its certificate: the
//! plan's marginals, complementary slackness, and every reduced cost of the n·n arcs.

#[path = "../../benches/common/dotmark.rs"]
mod dotmark;

use dotmark::{image, Class, Rng, CLASSES};
use faer::Mat;
use otcore::exact::{
    emd, emd_grid, emd_grid_in_place, emd_grid_scratch, EmdParams, GridOutputs, GridParams,
    GridSolution, SparsePlanMut,
};
use otcore::{ErrorKind, MemStack, Par};

/// Coordinates of every pixel of a row-major grid, times the spacing.
fn points(shape: &[usize], spacing: &[f64]) -> Vec<Vec<f64>> {
    let n: usize = shape.iter().product();
    (0..n)
        .map(|mut p| {
            let mut x = vec![0.0; shape.len()];
            for k in (0..shape.len()).rev() {
                x[k] = (p % shape[k]) as f64 * spacing[k];
                p /= shape[k];
            }
            x
        })
        .collect()
}

/// The dense squared Euclidean cost matrix of the grid.
fn dense_cost(shape: &[usize], spacing: &[f64]) -> Mat<f64> {
    let x = points(shape, spacing);
    Mat::from_fn(x.len(), x.len(), |i, j| {
        x[i].iter().zip(&x[j]).map(|(u, v)| (u - v) * (u - v)).sum()
    })
}

/// Solves on the grid and densely, asserts the costs agree, and checks the grid solution's
/// certificate by brute force: plan ≥ 0 with marginals a and b, every reduced cost ≥ −tol,
/// reduced cost ≈ 0 on the plan, `cost = a·f + b·g`, and the reported certificate equal to
/// the brute-force minimum. Returns the grid solution.
fn check(shape: &[usize], spacing: &[f64], a: &[f64], b: &[f64]) -> GridSolution {
    let c = dense_cost(shape, spacing);
    let s = emd_grid(shape, spacing, a, b, &GridParams::default()).unwrap();
    let d = emd(a, b, c.as_ref(), &EmdParams::default()).unwrap();
    let n = a.len();
    let scale = c[(0, n - 1)].max(1.0); // the largest cost: corner to corner
    let tol = 1e-12 * scale;
    assert!(
        (s.cost - d.cost).abs() <= 1e-10 * d.cost.abs().max(tol),
        "{shape:?}: grid cost {} dense cost {}",
        s.cost,
        d.cost
    );
    let (mut ra, mut rb) = (vec![0.0; n], vec![0.0; n]);
    for &(i, j, x) in &s.plan {
        assert!(x > 0.0);
        ra[i] += x;
        rb[j] += x;
        let rc = c[(i, j)] - s.f[i] - s.g[j];
        assert!(
            rc.abs() <= 1e-10 * scale,
            "plan arc ({i}, {j}) has reduced cost {rc:e}"
        );
    }
    let sa: f64 = a.iter().sum();
    let sb: f64 = b.iter().sum();
    for k in 0..n {
        assert!(
            (ra[k] - a[k]).abs() <= 1e-12,
            "row {k}: {} vs {}",
            ra[k],
            a[k]
        );
        assert!((rb[k] - b[k] * sa / sb).abs() <= 1e-12, "column {k}");
    }
    let mut most_negative = 0.0f64;
    for i in 0..n {
        for j in 0..n {
            most_negative = most_negative.min(c[(i, j)] - s.f[i] - s.g[j]);
        }
    }
    assert!(
        most_negative >= -tol,
        "{shape:?}: reduced cost {most_negative:e}"
    );
    assert!(
        (s.info.certificate - most_negative).abs() <= tol,
        "certificate {:e} vs brute force {most_negative:e}",
        s.info.certificate
    );
    let dual: f64 = a.iter().zip(&s.f).map(|(x, y)| x * y).sum::<f64>()
        + b.iter().zip(&s.g).map(|(x, y)| x * y).sum::<f64>();
    assert!(
        (dual - s.cost).abs() <= 1e-10 * scale,
        "dual {dual} primal {}",
        s.cost
    );
    let fa: f64 = a.iter().zip(&s.f).map(|(x, y)| x * y).sum();
    assert!(
        (fa - dual / 2.0).abs() <= 1e-10 * scale,
        "duals not centred"
    );
    s
}

fn random(r: &mut Rng, n: usize, zeros: f64) -> Vec<f64> {
    let mut v: Vec<f64> = (0..n)
        .map(|_| if r.u() < zeros { 0.0 } else { 0.1 + r.u() })
        .collect();
    if v.iter().all(|&x| x == 0.0) {
        v[0] = 1.0;
    }
    let s: f64 = v.iter().sum();
    v.iter_mut().for_each(|x| *x /= s);
    v
}

#[test]
fn one_two_and_three_dimensional_grids_match_the_dense_solver() {
    let mut r = Rng::new(7);
    let cases: [(&[usize], &[f64]); 9] = [
        (&[50], &[1.0]),
        (&[200], &[0.1]),
        (&[8, 8], &[1.0, 1.0]),
        (&[16, 16], &[1.0, 1.0]),
        (&[12, 20], &[1.0, 1.0]),
        (&[9, 13], &[0.5, 2.0]),
        (&[4, 4, 4], &[1.0, 1.0, 1.0]),
        (&[5, 3, 6], &[1.0, 0.25, 3.0]),
        (&[6, 7, 5], &[1.0, 1.0, 1.0]),
    ];
    for (shape, spacing) in cases {
        let n: usize = shape.iter().product();
        let (a, b) = (random(&mut r, n, 0.0), random(&mut r, n, 0.0));
        let s = check(shape, spacing, &a, &b);
        assert!(s.info.levels >= 1 && s.info.rounds >= s.info.levels as u64);
    }
}

#[test]
fn the_hierarchy_has_several_levels_on_larger_grids() {
    let mut r = Rng::new(3);
    let a = random(&mut r, 24 * 24, 0.0);
    let b = random(&mut r, 24 * 24, 0.0);
    let s = check(&[24, 24], &[1.0, 1.0], &a, &b);
    assert_eq!(s.info.levels, 3, "576 -> 144 -> 36 pixels");
}

#[test]
fn zero_masses_are_removed_and_get_feasible_duals() {
    let mut r = Rng::new(11);
    for (shape, zeros) in [
        (&[16usize, 16][..], 0.7),
        (&[10, 6][..], 0.9),
        (&[4, 4, 4][..], 0.8),
    ] {
        let n: usize = shape.iter().product();
        let spacing = vec![1.0; shape.len()];
        let (a, b) = (random(&mut r, n, zeros), random(&mut r, n, zeros));
        check(shape, &spacing, &a, &b);
    }
    // Disjoint supports: a on the left half, b on the right half.
    let a: Vec<f64> = (0..64).map(|p| if p % 8 < 4 { 1.0 } else { 0.0 }).collect();
    let b: Vec<f64> = (0..64)
        .map(|p| if p % 8 >= 4 { 1.0 } else { 0.0 })
        .collect();
    let s = check(&[8, 8], &[1.0, 1.0], &a, &b);
    // Each of the 32 unit masses moves 4 pixels to the right (a translation is optimal).
    assert!((s.cost - 32.0 * 16.0).abs() < 1e-9, "{}", s.cost);
}

#[test]
fn line_grids_and_single_pixels() {
    let mut r = Rng::new(5);
    // 1×m and m×1 grids.
    for shape in [[1usize, 37], [37, 1]] {
        let (a, b) = (random(&mut r, 37, 0.2), random(&mut r, 37, 0.2));
        check(&shape, &[1.0, 1.0], &a, &b);
    }
    // One pixel: the plan is the mass at cost 0.
    let s = emd_grid(&[1], &[1.0], &[2.0], &[2.0], &GridParams::default()).unwrap();
    assert_eq!(s.cost, 0.0);
    assert_eq!(s.plan, vec![(0, 0, 2.0)]);
    assert_eq!(s.info.certificate, 0.0);
}

#[test]
fn tied_costs_uniform_masses_and_translations() {
    // Uniform masses: the identity is optimal at cost 0, and every cost is an integer.
    let a = vec![1.0; 256];
    let s = check(&[16, 16], &[1.0, 1.0], &a, &a);
    assert_eq!(s.cost, 0.0);
    // A box translated by (2, 3): cost 13 per unit of mass; many optimal plans tie.
    let boxed = |dy: usize, dx: usize| -> Vec<f64> {
        (0..400)
            .map(|p| {
                let (y, x) = (p / 20, p % 20);
                if (3 + dy..9 + dy).contains(&y) && (2 + dx..10 + dx).contains(&x) {
                    1.0
                } else {
                    0.0
                }
            })
            .collect()
    };
    let s = check(&[20, 20], &[1.0, 1.0], &boxed(0, 0), &boxed(2, 3));
    assert!((s.cost - 48.0 * 13.0).abs() < 1e-9, "{}", s.cost);
}

#[test]
fn dotmark_style_pairs_of_every_class_match_the_dense_solver() {
    for (k, &class) in CLASSES.iter().enumerate() {
        let a = image(class, 32, 32, 100 + k as u64);
        let b = image(class, 32, 32, 200 + k as u64);
        let s = check(&[32, 32], &[1.0 / 32.0, 1.0 / 32.0], &a, &b);
        if class == Class::Shapes {
            assert!(a.iter().filter(|&&x| x == 0.0).count() > 0);
        }
        assert!(s.info.levels == 3, "{class:?}: {} levels", s.info.levels);
    }
}

#[test]
fn errors_name_the_problem_and_leave_outputs_untouched() {
    let p = GridParams::default();
    let a = vec![0.25; 4];
    let kind = |shape: &[usize], spacing: &[f64], a: &[f64], b: &[f64], p: &GridParams| {
        emd_grid(shape, spacing, a, b, p).unwrap_err()
    };
    let e = kind(&[], &[], &a, &a, &p);
    assert_eq!(e.kind, ErrorKind::InvalidDimension);
    assert!(e.message.contains("0 axes"), "{}", e.message);
    let e = kind(&[1, 1, 2, 2], &[1.0; 4], &a, &a, &p);
    assert!(e.message.contains("4 axes"), "{}", e.message);
    let e = kind(&[2, 0], &[1.0, 1.0], &a, &a, &p);
    assert!(e.message.contains("shape[1] is 0"), "{}", e.message);
    let e = kind(&[2, 2], &[1.0], &a, &a, &p);
    assert!(e.message.contains("spacing has length 1"), "{}", e.message);
    let e = kind(&[2, 2], &[1.0, 0.0], &a, &a, &p);
    assert_eq!(e.kind, ErrorKind::InvalidArgument);
    assert!(e.message.contains("spacing[1]"), "{}", e.message);
    let e = kind(&[2, 2], &[f64::NAN, 1.0], &a, &a, &p);
    assert_eq!(e.kind, ErrorKind::NonFinite);
    let e = kind(&[2, 3], &[1.0, 1.0], &a, &a, &p);
    assert_eq!(e.kind, ErrorKind::InvalidDimension);
    assert!(e.message.contains("6 pixels"), "{}", e.message);
    let e = kind(&[2, 2], &[1.0, 1.0], &[0.5, -0.5, 0.5, 0.5], &a, &p);
    assert_eq!(e.kind, ErrorKind::InvalidArgument);
    let e = kind(
        &[2, 2],
        &[1.0, 1.0],
        &a,
        &[0.25, f64::INFINITY, 0.25, 0.25],
        &p,
    );
    assert_eq!(e.kind, ErrorKind::NonFinite);
    let e = kind(&[2, 2], &[1.0, 1.0], &a, &[0.5; 4], &p);
    assert_eq!(e.kind, ErrorKind::MassMismatch);
    let bad = GridParams {
        mass_tolerance: -1.0,
        ..p
    };
    assert_eq!(
        kind(&[2, 2], &[1.0, 1.0], &a, &a, &bad).kind,
        ErrorKind::InvalidArgument
    );

    // Outputs too small, workspace too small: nothing written.
    let req = emd_grid_scratch(&[2, 2], &p).unwrap();
    let mut buf =
        vec![std::mem::MaybeUninit::<u8>::uninit(); otcore::workspace::bytes_for(req).unwrap()];
    let (mut f, mut g) = (vec![7.0; 4], vec![7.0; 3]);
    let (mut ri, mut ci, mut mass) = (vec![9usize; 7], vec![9usize; 7], vec![7.0; 6]);
    let out = GridOutputs {
        f: Some(&mut f),
        g: Some(&mut g),
        sparse: None,
    };
    let stack = MemStack::new(&mut buf);
    let e = emd_grid_in_place(&[2, 2], &[1.0, 1.0], &a, &a, out, &p, Par::Seq, stack).unwrap_err();
    assert!(e.message.contains("g has length 3"), "{}", e.message);
    let out = GridOutputs {
        f: Some(&mut f),
        g: None,
        sparse: Some(SparsePlanMut {
            rows: &mut ri,
            cols: &mut ci,
            mass: &mut mass,
        }),
    };
    let stack = MemStack::new(&mut buf);
    let e = emd_grid_in_place(&[2, 2], &[1.0, 1.0], &a, &a, out, &p, Par::Seq, stack).unwrap_err();
    assert!(e.message.contains("room for 6"), "{}", e.message);
    let mut small = vec![std::mem::MaybeUninit::<u8>::uninit(); 64];
    let out = GridOutputs {
        f: Some(&mut f),
        g: None,
        sparse: None,
    };
    let stack = MemStack::new(&mut small);
    let e = emd_grid_in_place(&[2, 2], &[1.0, 1.0], &a, &a, out, &p, Par::Seq, stack).unwrap_err();
    assert_eq!(e.kind, ErrorKind::WorkspaceTooSmall);
    assert!(f.iter().chain(&g).all(|&x| x == 7.0));
    assert!(ri.iter().chain(&ci).all(|&x| x == 9) && mass.iter().all(|&x| x == 7.0));
}

#[test]
fn finer_levels_start_from_the_coarse_plan_on_lines_boxes_and_zeros() {
    // Several levels each (the finer ones warm-started from the refined coarse plan): a
    // 1×300 line and a 300×1 column with zero pixels, 3-D grids with zeros, and a 3-D box
    // translated by (1, 2, 1) (integer, tied costs: 6 per unit of mass).
    let mut r = Rng::new(17);
    for shape in [[1usize, 300], [300, 1]] {
        let (a, b) = (random(&mut r, 300, 0.3), random(&mut r, 300, 0.3));
        let s = check(&shape, &[1.0, 1.0], &a, &b);
        assert_eq!(s.info.levels, 4, "300 -> 150 -> 75 -> 38 pixels");
    }
    for (shape, zeros) in [([6usize, 6, 6], 0.5), ([9, 4, 7], 0.2)] {
        let n: usize = shape.iter().product();
        let (a, b) = (random(&mut r, n, zeros), random(&mut r, n, zeros));
        let s = check(&shape, &[1.0, 0.5, 2.0], &a, &b);
        assert!(s.info.levels >= 2);
    }
    let boxed = |d: [usize; 3]| -> Vec<f64> {
        (0..512)
            .map(|p| {
                let x = [p / 64, (p / 8) % 8, p % 8];
                let inside = (0..3).all(|k| (1 + d[k]..5 + d[k]).contains(&x[k]));
                if inside {
                    1.0
                } else {
                    0.0
                }
            })
            .collect()
    };
    let s = check(&[8, 8, 8], &[1.0; 3], &boxed([0, 0, 0]), &boxed([1, 2, 1]));
    assert_eq!(s.info.levels, 2);
    assert!((s.cost - 64.0 * 6.0).abs() < 1e-9, "{}", s.cost);
}
