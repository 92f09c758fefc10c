//! Network simplex: optimality certificates (primal feasible, dual feasible, equal objectives),
//! brute force over permutations, layouts, zero weights, errors and the iteration cap.

use crate::exact_support;
use exact_support::*;
use faer::Mat;
use otcore::exact::{emd, emd_in_place, emd_scratch, EmdOutputs, EmdParams, SparsePlanMut};
use otcore::{ErrorKind, MatRef, Par};

fn random_problem(rng: &mut Rng, n: usize, m: usize) -> (Vec<f64>, Vec<f64>, Mat<f64>) {
    let mut a: Vec<f64> = (0..n).map(|_| rng.uniform() + 0.01).collect();
    let mut b: Vec<f64> = (0..m).map(|_| rng.uniform() + 0.01).collect();
    let (sa, sb) = (a.iter().sum::<f64>(), b.iter().sum::<f64>());
    a.iter_mut().for_each(|x| *x /= sa);
    b.iter_mut().for_each(|x| *x /= sb);
    let c = Mat::from_fn(n, m, |_, _| rng.uniform());
    (a, b, c)
}

/// Checks the optimality certificate of a solution and returns the plan as a dense matrix.
fn certify(a: &[f64], b: &[f64], c: MatRef<'_, f64>, s: &otcore::exact::EmdSolution) -> Mat<f64> {
    let (n, m) = (a.len(), b.len());
    assert!(s.converged);
    assert!(s.plan.len() < n + m, "{} entries", s.plan.len());
    let mut p = Mat::<f64>::zeros(n, m);
    for &(i, j, x) in &s.plan {
        assert!(x > 0.0);
        p[(i, j)] += x;
    }
    let scale = a.iter().sum::<f64>().max(1e-300);
    for i in 0..n {
        let r: f64 = (0..m).map(|j| p[(i, j)]).sum();
        assert!(
            (r - a[i]).abs() <= 1e-12 * scale,
            "row {i}: {r} vs {}",
            a[i]
        );
    }
    for j in 0..m {
        let r: f64 = (0..n).map(|i| p[(i, j)]).sum();
        assert!(
            (r - b[j]).abs() <= 1e-12 * scale,
            "col {j}: {r} vs {}",
            b[j]
        );
    }
    let cmax = (0..n)
        .flat_map(|i| (0..m).map(move |j| (i, j)))
        .map(|(i, j)| c[(i, j)])
        .fold(0.0, f64::max);
    let tol = 1e-9 * cmax.max(1e-300);
    let mut primal = 0.0;
    for i in 0..n {
        for j in 0..m {
            let rc = c[(i, j)] - s.f[i] - s.g[j];
            assert!(rc >= -tol, "dual infeasible at ({i},{j}): {rc}");
            if p[(i, j)] > 0.0 {
                assert!(rc.abs() <= tol, "slackness at ({i},{j}): {rc}");
            }
            primal += p[(i, j)] * c[(i, j)];
        }
    }
    let dual: f64 = a.iter().zip(&s.f).map(|(x, y)| x * y).sum::<f64>()
        + b.iter().zip(&s.g).map(|(x, y)| x * y).sum::<f64>();
    assert!((primal - s.cost).abs() <= 1e-12 * primal.abs().max(1e-300));
    assert!(
        (primal - dual).abs() <= 1e-9 * primal.abs().max(cmax * 1e-300),
        "primal {primal} dual {dual}"
    );
    let af: f64 = a.iter().zip(&s.f).map(|(x, y)| x * y).sum();
    let bg: f64 = b.iter().zip(&s.g).map(|(x, y)| x * y).sum();
    assert!(
        (af - bg).abs() <= 1e-9 * (af.abs() + bg.abs() + cmax),
        "centring {af} {bg}"
    );
    p
}

#[test]
fn random_problems_of_many_shapes_are_certified_optimal() {
    let mut rng = Rng(42);
    for &(n, m) in &[
        (1, 1),
        (1, 7),
        (7, 1),
        (2, 3),
        (5, 5),
        (13, 8),
        (8, 30),
        (40, 41),
        (100, 60),
    ] {
        let (a, b, c) = random_problem(&mut rng, n, m);
        let s = emd(&a, &b, c.as_ref(), &EmdParams::default()).unwrap();
        certify(&a, &b, c.as_ref(), &s);
    }
}

fn permutations(k: usize) -> Vec<Vec<usize>> {
    if k == 0 {
        return vec![vec![]];
    }
    let mut all = Vec::new();
    for p in permutations(k - 1) {
        for pos in 0..k {
            let mut q = p.clone();
            q.insert(pos, k - 1);
            all.push(q);
        }
    }
    all
}

#[test]
fn uniform_square_problems_match_brute_force_and_give_permutations() {
    let mut rng = Rng(7);
    for k in 1..=6 {
        for round in 0..5 {
            let a = vec![1.0 / k as f64; k];
            // Integer costs: many ties (degenerate pivots).
            let c = Mat::from_fn(k, k, |_, _| {
                if round % 2 == 0 {
                    rng.int(0, 2) as f64
                } else {
                    rng.uniform()
                }
            });
            let s = emd(&a, &a, c.as_ref(), &EmdParams::default()).unwrap();
            let p = certify(&a, &a, c.as_ref(), &s);
            let best = permutations(k)
                .iter()
                .map(|q| q.iter().enumerate().map(|(i, &j)| c[(i, j)]).sum::<f64>() / k as f64)
                .fold(f64::INFINITY, f64::min);
            assert!(
                (s.cost - best).abs() <= 1e-12,
                "k={k}: {} vs {best}",
                s.cost
            );
            // A vertex of the Birkhoff polytope: every entry 0 or 1/k.
            for i in 0..k {
                for j in 0..k {
                    let x = p[(i, j)] * k as f64;
                    assert!(x.abs() < 1e-12 || (x - 1.0).abs() < 1e-12, "entry {x}");
                }
            }
        }
    }
}

#[test]
fn zero_weights_are_removed_and_get_feasible_duals() {
    let mut rng = Rng(3);
    let (mut a, mut b, c) = random_problem(&mut rng, 9, 11);
    for &i in &[0, 4, 8] {
        a[i] = 0.0;
    }
    for &j in &[1, 2, 10] {
        b[j] = 0.0;
    }
    let (sa, sb) = (a.iter().sum::<f64>(), b.iter().sum::<f64>());
    a.iter_mut().for_each(|x| *x /= sa);
    b.iter_mut().for_each(|x| *x /= sb);
    let s = emd(&a, &b, c.as_ref(), &EmdParams::default()).unwrap();
    certify(&a, &b, c.as_ref(), &s);
    // Same cost as the problem without them.
    let kr: Vec<usize> = (0..9).filter(|&i| a[i] > 0.0).collect();
    let kc: Vec<usize> = (0..11).filter(|&j| b[j] > 0.0).collect();
    let c2 = Mat::from_fn(kr.len(), kc.len(), |i, j| c[(kr[i], kc[j])]);
    let a2: Vec<f64> = kr.iter().map(|&i| a[i]).collect();
    let b2: Vec<f64> = kc.iter().map(|&j| b[j]).collect();
    let s2 = emd(&a2, &b2, c2.as_ref(), &EmdParams::default()).unwrap();
    assert!((s.cost - s2.cost).abs() <= 1e-14);
}

#[test]
fn layouts_give_the_same_solution() {
    let mut rng = Rng(11);
    let (a, b, c) = random_problem(&mut rng, 17, 23);
    let s = emd(&a, &b, c.as_ref(), &EmdParams::default()).unwrap();
    // Row-major copy (faer's Mat is column-major).
    let mut buf = vec![0.0; 17 * 23];
    for i in 0..17 {
        for j in 0..23 {
            buf[i * 23 + j] = c[(i, j)];
        }
    }
    let rm = MatRef::from_row_major_slice(&buf, 17, 23);
    let s2 = emd(&a, &b, rm, &EmdParams::default()).unwrap();
    certify(&a, &b, rm, &s2);
    assert!((s.cost - s2.cost).abs() <= 1e-14 * s.cost);
    // Padded row stride (a sub-block of a wider row-major buffer).
    let mut wide = vec![-1.0; 17 * 30];
    for i in 0..17 {
        for j in 0..23 {
            wide[i * 30 + j] = c[(i, j)];
        }
    }
    let padded = MatRef::from_row_major_slice_with_stride(&wide, 17, 23, 30);
    let s3 = emd(&a, &b, padded, &EmdParams::default()).unwrap();
    assert!((s.cost - s3.cost).abs() <= 1e-14 * s.cost);
}

#[test]
fn errors_name_the_problem_and_leave_outputs_untouched() {
    let c = faer::Mat::from_fn(2, 2, |i, j| (i + j) as f64);
    let p = EmdParams::default();
    let e = emd(&[0.5, 0.5], &[0.5, 0.6], c.as_ref(), &p).unwrap_err();
    assert_eq!(e.kind, ErrorKind::MassMismatch);
    assert!(e.message.contains("b is heavier"), "{}", e.message);
    let e = emd(&[0.5, -0.5], &[0.5, -0.5], c.as_ref(), &p).unwrap_err();
    assert_eq!(e.kind, ErrorKind::InvalidArgument);
    let e = emd(&[0.5, f64::NAN], &[0.5, 0.5], c.as_ref(), &p).unwrap_err();
    assert_eq!(e.kind, ErrorKind::NonFinite);
    let mut bad = c.clone();
    bad[(1, 0)] = -1.0;
    let e = emd(&[0.5, 0.5], &[0.5, 0.5], bad.as_ref(), &p).unwrap_err();
    assert_eq!(e.kind, ErrorKind::InvalidArgument);
    assert!(e.message.contains("cost[1, 0]"), "{}", e.message);
    bad[(1, 0)] = f64::INFINITY;
    let e = emd(&[0.5, 0.5], &[0.5, 0.5], bad.as_ref(), &p).unwrap_err();
    assert_eq!(e.kind, ErrorKind::NonFinite);
    let e = emd(&[0.5, 0.5], &[1.0], c.as_ref(), &p).unwrap_err();
    assert_eq!(e.kind, ErrorKind::InvalidDimension);
    // Outputs untouched on error.
    let mut f = [7.0; 2];
    let req = emd_scratch(2, 2);
    let mut buf =
        vec![std::mem::MaybeUninit::<u8>::uninit(); otcore::workspace::bytes_for(req).unwrap()];
    let out = EmdOutputs {
        f: Some(&mut f),
        ..Default::default()
    };
    let r = emd_in_place(
        &[0.5, 0.5],
        &[0.5, 0.6],
        c.as_ref(),
        out,
        &p,
        Par::Seq,
        otcore::MemStack::new(&mut buf),
    );
    assert!(r.is_err());
    assert_eq!(f, [7.0; 2]);
}

#[test]
fn masses_equal_up_to_rounding_are_rescaled() {
    let mut rng = Rng(5);
    let (a, mut b, c) = random_problem(&mut rng, 12, 9);
    b.iter_mut().for_each(|x| *x *= 1.0 + 1e-12);
    let s = emd(&a, &b, c.as_ref(), &EmdParams::default()).unwrap();
    assert!(s.converged);
    let total: f64 = s.plan.iter().map(|t| t.2).sum();
    assert!((total - 1.0).abs() < 1e-12);
}

#[test]
fn the_iteration_cap_returns_a_feasible_plan_with_its_gap() {
    let mut rng = Rng(9);
    let (a, b, c) = random_problem(&mut rng, 30, 30);
    let exact = emd(&a, &b, c.as_ref(), &EmdParams::default()).unwrap();
    assert!(exact.iterations > 5);
    let capped = emd(
        &a,
        &b,
        c.as_ref(),
        &EmdParams {
            max_iter: 5,
            ..Default::default()
        },
    )
    .unwrap();
    assert!(!capped.converged);
    assert_eq!(capped.iterations, 5);
    assert!(capped.plan.len() <= 59);
    assert!(capped.gap < 0.0);
    assert!(capped.cost >= exact.cost - 1e-12);
    let mut rows = [0.0; 30];
    let mut cols = [0.0; 30];
    for &(i, j, x) in &capped.plan {
        rows[i] += x;
        cols[j] += x;
    }
    for k in 0..30 {
        assert!((rows[k] - a[k]).abs() < 1e-12 && (cols[k] - b[k]).abs() < 1e-12);
    }
}

#[test]
fn dense_and_sparse_outputs_agree() {
    let mut rng = Rng(21);
    let (a, b, c) = random_problem(&mut rng, 6, 4);
    let req = emd_scratch(6, 4);
    let mut buf =
        vec![std::mem::MaybeUninit::<u8>::uninit(); otcore::workspace::bytes_for(req).unwrap()];
    let mut dense = faer::Mat::<f64>::from_fn(6, 4, |_, _| 9.0);
    let (mut r, mut cc, mut x) = ([0usize; 9], [0usize; 9], [0.0; 9]);
    let out = EmdOutputs {
        sparse: Some(SparsePlanMut {
            rows: &mut r,
            cols: &mut cc,
            mass: &mut x,
        }),
        dense: Some(dense.as_mut()),
        ..Default::default()
    };
    let info = emd_in_place(
        &a,
        &b,
        c.as_ref(),
        out,
        &EmdParams::default(),
        Par::Seq,
        otcore::MemStack::new(&mut buf),
    )
    .unwrap();
    let mut sum = 0.0;
    for k in 0..info.nnz {
        assert_eq!(dense[(r[k], cc[k])], x[k]);
        sum += x[k];
    }
    let dsum: f64 = (0..6)
        .flat_map(|i| (0..4).map(move |j| (i, j)))
        .map(|(i, j)| dense[(i, j)])
        .sum();
    assert!((sum - dsum).abs() < 1e-15 && (sum - 1.0).abs() < 1e-12);
}

#[test]
fn batches_match_single_solves_for_every_thread_count() {
    use otcore::exact::emd_batch;
    let mut rng = Rng(31);
    let (n, m, k) = (12, 9, 7);
    let mut a = Vec::new();
    let mut b = Vec::new();
    let mut mats = Vec::new();
    for _ in 0..k {
        let (x, y, c) = random_problem(&mut rng, n, m);
        a.extend(x);
        b.extend(y);
        mats.push(c);
    }
    let views: Vec<MatRef<'_, f64>> = mats.iter().map(|c| c.as_ref()).collect();
    let p = EmdParams::default();
    let (one, f1, g1) = emd_batch(n, m, &a, &b, &views, &p, 1).unwrap();
    for threads in [2, 3] {
        let (many, f2, g2) = emd_batch(n, m, &a, &b, &views, &p, threads).unwrap();
        assert_eq!(one, many);
        assert_eq!(f1, f2);
        assert_eq!(g1, g2);
    }
    for l in 0..k {
        let s = emd(&a[l * n..(l + 1) * n], &b[l * m..(l + 1) * m], views[l], &p).unwrap();
        assert_eq!(s.cost, one[l].cost);
        assert_eq!(s.f, f1[l * n..(l + 1) * n]);
    }
    // One bad problem: an error naming it, before anything is solved.
    let mut bad = mats[4].clone();
    bad[(0, 0)] = f64::NAN;
    let mut views2 = views.clone();
    views2[4] = bad.as_ref();
    let e = emd_batch(n, m, &a, &b, &views2, &p, 2).unwrap_err();
    assert_eq!(e.kind, ErrorKind::NonFinite);
    assert!(e.message.starts_with("problem 4:"), "{}", e.message);
}

#[test]
fn warm_start_from_duals_gives_the_same_optimum_in_fewer_pivots() {
    use otcore::exact::WarmStart;
    let mut rng = Rng(77);
    let (a, b, c) = random_problem(&mut rng, 80, 70);
    let cold = emd(&a, &b, c.as_ref(), &EmdParams::default()).unwrap();
    // Duals of a slightly perturbed cost, then of the problem itself.
    let c2 = Mat::from_fn(80, 70, |i, j| c[(i, j)] * (1.0 + 0.01 * rng.uniform()));
    let near = emd(&a, &b, c2.as_ref(), &EmdParams::default()).unwrap();
    for (f, g) in [(&near.f, &near.g), (&cold.f, &cold.g)] {
        let p = EmdParams {
            warm_start: Some(WarmStart { f, g }),
            ..Default::default()
        };
        let warm = emd(&a, &b, c.as_ref(), &p).unwrap();
        certify(&a, &b, c.as_ref(), &warm);
        assert!((warm.cost - cold.cost).abs() <= 1e-12 * cold.cost);
        assert!(
            warm.iterations < cold.iterations,
            "{} vs {}",
            warm.iterations,
            cold.iterations
        );
    }
    // Transposed layout (column-major input) takes the duals the right way round.
    let t = Mat::from_fn(70, 80, |j, i| c[(i, j)]);
    let p = EmdParams {
        warm_start: Some(WarmStart {
            f: &cold.g,
            g: &cold.f,
        }),
        ..Default::default()
    };
    let warm = emd(&b, &a, t.as_ref(), &p).unwrap();
    assert!((warm.cost - cold.cost).abs() <= 1e-12 * cold.cost);
    let bad = EmdParams {
        warm_start: Some(WarmStart {
            f: &cold.f[..3],
            g: &cold.g,
        }),
        ..Default::default()
    };
    assert_eq!(
        emd(&a, &b, c.as_ref(), &bad).unwrap_err().kind,
        ErrorKind::InvalidDimension
    );
}

/// A progress observer sees each Block Search pivot (pivots so far, magnitude of the entering
/// reduced cost) and stopping it returns the feasible plan of that moment, marked cancelled.
#[test]
fn an_observer_sees_the_pivots_and_can_stop_the_solve() {
    use otcore::progress::{observe, Flow};
    let mut rng = Rng(11);
    let (a, b, c) = random_problem(&mut rng, 30, 25);
    let full = emd(&a, &b, c.as_ref(), &EmdParams::default()).unwrap();
    let mut seen = Vec::new();
    let watched = observe(
        &mut |it, err| {
            seen.push((it, err));
            Flow::Continue
        },
        || emd(&a, &b, c.as_ref(), &EmdParams::default()).unwrap(),
    );
    assert_eq!(
        (watched.cost, watched.iterations),
        (full.cost, full.iterations)
    );
    assert!(!watched.cancelled && watched.converged);
    assert_eq!(seen.last().map(|s| s.0), Some(full.iterations));
    assert!(seen.windows(2).all(|w| w[1].0 == w[0].0 + 1));
    assert!(seen.iter().all(|&(_, e)| e > 0.0 && e.is_finite()));

    let stop_at = seen[seen.len() / 2].0;
    let stopped = observe(
        &mut |it, _| {
            if it >= stop_at {
                Flow::Stop
            } else {
                Flow::Continue
            }
        },
        || emd(&a, &b, c.as_ref(), &EmdParams::default()).unwrap(),
    );
    assert!(stopped.cancelled && !stopped.converged);
    assert_eq!(stopped.iterations, stop_at);
    assert!(stopped.cost >= full.cost - 1e-15);
    let (mut rows, mut cols) = (vec![0.0; 30], vec![0.0; 25]);
    for &(i, j, x) in &stopped.plan {
        assert!(x > 0.0);
        rows[i] += x;
        cols[j] += x;
    }
    assert!(rows.iter().zip(&a).all(|(r, w)| (r - w).abs() <= 1e-14));
    assert!(cols.iter().zip(&b).all(|(r, w)| (r - w).abs() <= 1e-14));
}

/// b near the largest double against a of mass 1 (accepted with a loose mass tolerance; b is
/// rescaled to a's mass): the duals are centred (a·f = b·g, b as given) without forming
/// b_j·g_j, so they stay finite; the plan is diagonal.
#[test]
fn huge_masses_give_finite_centred_duals() {
    let (a, b) = ([0.5, 0.5], [6e307, 6e307]);
    let c = Mat::from_fn(2, 2, |i, j| if i == j { 0.0 } else { 10.0 });
    let params = EmdParams {
        mass_tolerance: 1e300,
        ..Default::default()
    };
    let s = emd(&a, &b, c.as_ref(), &params).unwrap();
    assert_eq!(s.cost, 0.0);
    assert!(
        s.f.iter().chain(&s.g).all(|v| v.is_finite()),
        "{:?} {:?}",
        s.f,
        s.g
    );
    let af = a[0] * s.f[0] + a[1] * s.f[1];
    let bg = b[0] / 1e307 * s.g[0] + b[1] / 1e307 * s.g[1];
    assert!(
        (af - bg * 1e307).abs() <= 1e-12 * (1.0 + af.abs()),
        "a·f {af} vs b·g {bg}e307"
    );
}
